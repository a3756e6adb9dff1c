//! Device recalls from FDA (the openFDA device recall JSON a user downloads), matched to
//! assets by product code and, where both sides give them, the manufacturer and model.
//!
//! A file is either openFDA's answer (`{"meta": ..., "results": [...]}`) or a single
//! record; field names are read with `_` or `-` (older exports use hyphens). The recall
//! endpoint carries no recall class; a recall is open unless its status says terminated
//! or completed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use super::Asset;
use crate::error::{Error, Result};

/// One recall of one product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Recall {
    /// FDA's recall number of the product (e.g. "Z-1004-04"), else the record's id.
    pub id: String,
    pub product_code: Option<String>,
    pub recalling_firm: String,
    pub product_description: String,
    pub reason: String,
    /// FDA's status text, e.g. "Open, Classified", "Terminated".
    pub status: String,
    pub open: bool,
    #[ts(type = "string | null")]
    pub initiated: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub terminated: Option<NaiveDate>,
}

/// An asset under a recall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssetRecall {
    pub asset_number: String,
    pub recall_id: String,
    /// What matched, e.g. "product code FRN, manufacturer, model".
    pub basis: String,
}

/// Reads a recall file's text; `file` names it in messages.
pub fn parse_recalls(file: &str, text: &str) -> Result<Vec<Recall>> {
    let fail = |message: String| Error::Parse {
        location: file.to_string(),
        message,
    };
    let value: Value = serde_json::from_str(text).map_err(|e| {
        fail(format!(
            "is not JSON (line {}, column {}): {e}",
            e.line(),
            e.column()
        ))
    })?;
    let records: Vec<&Map<String, Value>> = match &value {
        Value::Object(map) => match map.get("results") {
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_object).collect(),
            Some(_) => return Err(fail("'results' is not a list of recalls".into())),
            None => vec![map],
        },
        Value::Array(items) => items.iter().filter_map(Value::as_object).collect(),
        _ => Vec::new(),
    };
    let recall_like = |r: &&Map<String, Value>| {
        [
            "reason_for_recall",
            "recalling_firm",
            "product_res_number",
            "res_event_number",
        ]
        .iter()
        .any(|k| field(r, k).is_some())
    };
    if records.is_empty() || !records.iter().any(recall_like) {
        return Err(fail(
            "is not an openFDA device recall file: no record has a recalling firm, a reason for recall or a recall number (download it from open.fda.gov, device recall)"
                .into(),
        ));
    }
    records
        .iter()
        .enumerate()
        .map(|(n, r)| {
            if !recall_like(r) {
                return Err(Error::Parse {
                    location: format!("{file}, result {}", n + 1),
                    message: "is not a device recall record".into(),
                });
            }
            Ok(read_record(r, n))
        })
        .collect()
}

fn field(record: &Map<String, Value>, name: &str) -> Option<String> {
    let value = record
        .get(name)
        .or_else(|| record.get(&name.replace('_', "-")))?;
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn date(text: Option<String>) -> Option<NaiveDate> {
    let text = text?;
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(&text, "%Y%m%d"))
        .ok()
}

fn read_record(r: &Map<String, Value>, n: usize) -> Recall {
    let status = field(r, "recall_status").unwrap_or_default();
    let terminated = date(field(r, "event_date_terminated"));
    let lower = status.to_lowercase();
    let open =
        terminated.is_none() && !lower.contains("terminated") && !lower.contains("completed");
    let id = field(r, "product_res_number")
        .or_else(|| field(r, "cfres_id"))
        .or_else(|| field(r, "res_event_number"))
        .unwrap_or_else(|| format!("recall {}", n + 1));
    Recall {
        id,
        product_code: field(r, "product_code").map(|c| c.to_ascii_uppercase()),
        recalling_firm: field(r, "recalling_firm").unwrap_or_default(),
        product_description: field(r, "product_description").unwrap_or_default(),
        reason: field(r, "reason_for_recall").unwrap_or_default(),
        status,
        open,
        initiated: date(field(r, "event_date_initiated")),
        terminated,
    }
}

/// Words of a name that identify it: lowercase, without punctuation and the legal forms.
fn name_words(name: &str) -> Vec<String> {
    const FORMS: &[&str] = &[
        "inc",
        "llc",
        "ltd",
        "corp",
        "corporation",
        "co",
        "gmbh",
        "ag",
        "sa",
        "the",
        "company",
        "medical",
        "usa",
    ];
    name.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.len() > 1 && !FORMS.contains(&w.as_str()))
        .collect()
}

/// The assets each recall concerns: the same product code; and, where the asset names
/// them, the manufacturer's first distinctive word in the recalling firm and the model in
/// the recall's product description or codes. Retired assets are left out.
pub fn match_recalls(assets: &[Asset], recalls: &[Recall]) -> Vec<AssetRecall> {
    let mut out = Vec::new();
    for recall in recalls {
        let Some(code) = &recall.product_code else {
            continue;
        };
        let firm = name_words(&recall.recalling_firm);
        let description = recall.product_description.to_lowercase();
        for asset in assets {
            if asset.status == super::AssetStatus::Retired
                || asset
                    .product_code
                    .as_deref()
                    .map(str::to_ascii_uppercase)
                    .as_deref()
                    != Some(code.as_str())
            {
                continue;
            }
            let mut basis = vec![format!("product code {code}")];
            if let Some(m) = asset
                .manufacturer
                .as_deref()
                .filter(|m| !m.trim().is_empty())
            {
                let Some(word) = name_words(m).into_iter().next() else {
                    continue;
                };
                if !firm.contains(&word) {
                    // Whole words: "GE" is not in "Draeger".
                    continue;
                }
                basis.push("manufacturer".into());
            }
            if let Some(model) = asset
                .model
                .as_deref()
                .map(str::trim)
                .filter(|m| !m.is_empty())
            {
                if !description.contains(&model.to_lowercase()) {
                    continue;
                }
                basis.push("model".into());
            }
            out.push(AssetRecall {
                asset_number: asset.asset_number.clone(),
                recall_id: recall.id.clone(),
                basis: basis.join(", "),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = include_str!("../../../tests/fixtures/fda/res_one-recall.json");

    #[test]
    fn fdas_single_record_reads_with_hyphenated_names() {
        let recalls = parse_recalls("one.json", ONE).unwrap();
        assert_eq!(recalls.len(), 1);
        let r = &recalls[0];
        assert!(r.recalling_firm.starts_with("Zimmer Inc."));
        assert!(r.reason.contains("180 degrees"));
        assert_eq!(r.product_code, None);
        assert!(r.open);
    }

    fn asset(n: &str, code: &str, mfr: Option<&str>, model: Option<&str>) -> Asset {
        Asset {
            asset_number: n.into(),
            product_code: Some(code.into()),
            manufacturer: mfr.map(Into::into),
            model: model.map(Into::into),
            ..Asset::default()
        }
    }

    #[test]
    fn recalls_match_by_code_then_manufacturer_and_model() {
        let text = r#"{"meta": {}, "results": [{"product_res_number": "Z-0001-2026",
            "product_code": "frn", "recalling_firm": "Baxter Healthcare Corporation",
            "product_description": "Spectrum IQ Infusion System, model 35700",
            "reason_for_recall": "Free flow", "recall_status": "Open, Classified",
            "event_date_initiated": "2026-03-02"}]}"#;
        let recalls = parse_recalls("r.json", text).unwrap();
        assert_eq!(recalls[0].initiated, NaiveDate::from_ymd_opt(2026, 3, 2));
        let assets = [
            asset("A1", "FRN", Some("Baxter"), Some("35700")),
            asset("A2", "FRN", Some("Baxter"), Some("8015")),
            asset("A3", "FRN", Some("BD Alaris"), None),
            asset("A4", "FRN", None, None),
            asset("A5", "MHX", Some("Baxter"), Some("35700")),
        ];
        let found: Vec<_> = match_recalls(&assets, &recalls)
            .into_iter()
            .map(|m| (m.asset_number, m.basis))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "A1".to_string(),
                    "product code FRN, manufacturer, model".to_string()
                ),
                ("A4".to_string(), "product code FRN".to_string()),
            ]
        );
    }

    #[test]
    fn other_files_are_refused() {
        assert!(parse_recalls("x.json", "[1, 2]")
            .unwrap_err()
            .to_string()
            .contains("not an openFDA"));
        assert!(parse_recalls("x.json", r#"{"results": [{"budget": 5}]}"#).is_err());
        assert!(parse_recalls("x.json", "not json")
            .unwrap_err()
            .to_string()
            .contains("not JSON"));
        let terminated = r#"{"results": [{"recalling_firm": "X", "recall_status": "Terminated"}]}"#;
        assert!(!parse_recalls("x.json", terminated).unwrap()[0].open);
    }
}
