//! A candidate's quote: its dates, and what about it the committee should be warned of.
//!
//! The warnings are one list per candidate, computed here and nowhere else: the candidate
//! list, the ranked comparison, the brief and the window all show this list. The as-of
//! date an expiry is judged on is an argument.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::domain::Candidate;
use crate::error::{Error, Result};

/// Something about a candidate's quote that needs attention before a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum QuoteWarning {
    /// The quote is for another number of units than the request asks for, so its
    /// quoted total and lifecycle cost are not comparable with the others'.
    QuantityMismatch {
        quoted: u32,
        requested: u32,
        message: String,
    },
    /// The quote's validity ended before the as-of date.
    Expired {
        #[ts(type = "string")]
        valid_until: NaiveDate,
        message: String,
    },
    /// No FDA product code: the device's class and recalls cannot be looked up.
    MissingFdaCode { message: String },
}

impl QuoteWarning {
    /// The warning in words.
    pub fn message(&self) -> &str {
        match self {
            QuoteWarning::QuantityMismatch { message, .. }
            | QuoteWarning::Expired { message, .. }
            | QuoteWarning::MissingFdaCode { message } => message,
        }
    }
}

/// The warnings on a candidate's quote in a request for `requested` units; an expired
/// quote is flagged only when an as-of date is given.
pub fn quote_warnings(
    candidate: &Candidate,
    requested: u32,
    as_of: Option<NaiveDate>,
) -> Vec<QuoteWarning> {
    let mut warnings = Vec::new();
    if candidate.quantity != requested {
        warnings.push(QuoteWarning::QuantityMismatch {
            quoted: candidate.quantity,
            requested,
            message: format!(
                "quoted for {} units, the request is for {requested}: its quoted total and lifecycle cost are not comparable",
                candidate.quantity
            ),
        });
    }
    if let (Some(valid_until), Some(as_of)) = (candidate.valid_until, as_of) {
        if valid_until < as_of {
            warnings.push(QuoteWarning::Expired {
                valid_until,
                message: format!("the quote expired on {valid_until} (as of {as_of})"),
            });
        }
    }
    if candidate.fda_product_code.is_none() {
        warnings.push(QuoteWarning::MissingFdaCode {
            message: "no FDA product code: class and recalls cannot be checked".into(),
        });
    }
    warnings
}

/// The quote's validity in words, for the brief: "quoted 2026-03-01, valid until
/// 2026-06-30", or what is not known.
pub fn validity_text(candidate: &Candidate) -> String {
    match (candidate.quote_date, candidate.valid_until) {
        (Some(d), Some(v)) => format!("quoted {d}, valid until {v}"),
        (Some(d), None) => format!("quoted {d}, no validity date"),
        (None, Some(v)) => format!("quote date not given, valid until {v}"),
        (None, None) => "quote date and validity not given".into(),
    }
}

/// The quote in one line, for the ranking and the brief: its validity, the quoted
/// quantity and the FDA product code.
pub fn quote_line(candidate: &Candidate) -> String {
    format!(
        "{}; {} units; FDA product code {}",
        validity_text(candidate),
        candidate.quantity,
        candidate.fda_product_code.as_deref().unwrap_or("not given")
    )
}

/// An optional date typed as text (YYYY-MM-DD; empty means none).
pub fn optional_date(field: &str, text: Option<&str>) -> Result<Option<NaiveDate>> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                Error::validation(field, format!("'{t}' is not a date in the form YYYY-MM-DD"))
            }),
    }
}

/// A quote's dates: valid until cannot be before the quote's date.
pub fn check_quote_dates(
    quote_date: Option<NaiveDate>,
    valid_until: Option<NaiveDate>,
) -> Result<()> {
    match (quote_date, valid_until) {
        (Some(d), Some(v)) if v < d => Err(Error::validation(
            "valid_until",
            format!("{v} is before the quote's date {d}"),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{CandidateId, RequestId};
    use crate::money::{Currency, Money};

    fn candidate() -> Candidate {
        Candidate {
            id: CandidateId(1),
            request_id: RequestId(1),
            manufacturer: "Halden".into(),
            model: "A7".into(),
            vendor: String::new(),
            fda_product_code: Some("BSZ".into()),
            unit_price: Money::new(rust_decimal::Decimal::new(41000, 0), Currency::usd()),
            quantity: 12,
            quote_date: NaiveDate::from_ymd_opt(2026, 3, 1),
            valid_until: NaiveDate::from_ymd_opt(2026, 6, 30),
            notes: String::new(),
        }
    }

    fn kinds(c: &Candidate, as_of: Option<NaiveDate>) -> Vec<String> {
        quote_warnings(c, 12, as_of)
            .iter()
            .map(|w| {
                serde_json::to_value(w).unwrap()["kind"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn warnings_of_a_quote() {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d);
        let ok = candidate();
        assert!(kinds(&ok, day(6, 30)).is_empty());
        assert_eq!(kinds(&ok, day(7, 1)), ["expired"]);
        assert!(kinds(&ok, None).is_empty(), "no as-of date, no expiry");
        let c = Candidate {
            quantity: 8,
            fda_product_code: None,
            ..candidate()
        };
        assert_eq!(
            kinds(&c, day(7, 1)),
            ["quantity_mismatch", "expired", "missing_fda_code"]
        );
        assert!(quote_warnings(&c, 12, None)[0]
            .message()
            .contains("8 units"));
    }

    #[test]
    fn quote_dates_are_checked() {
        assert_eq!(
            optional_date("quote_date", Some("2026-02-30"))
                .unwrap_err()
                .field(),
            Some("quote_date")
        );
        assert_eq!(optional_date("quote_date", Some(" ")).unwrap(), None);
        let d = optional_date("quote_date", Some("2026-03-01")).unwrap();
        let v = optional_date("valid_until", Some("2026-02-01")).unwrap();
        assert_eq!(
            check_quote_dates(d, v).unwrap_err().field(),
            Some("valid_until")
        );
        assert!(check_quote_dates(v, d).is_ok());
    }
}
