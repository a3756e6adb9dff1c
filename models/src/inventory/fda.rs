//! The FDA product classification, embedded: each three-letter product code's device name,
//! class, regulation number and medical specialty (`models/data/fda/PROVENANCE.md`).
//!
//! Product codes are checked on entry: an unknown code is a warning ("not in FDA's
//! classification of 2019"), never a refusal, because FDA creates codes every month.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;
use ts_rs::TS;

/// The classification file as FDA publishes it (Windows-1252, pipe-separated).
const FOICLASS: &[u8] = include_bytes!("../../data/fda/foiclass.txt");

/// What FDA's classification says of a product code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProductCode {
    pub code: String,
    /// E.g. "Pump, Infusion".
    pub device_name: String,
    /// "1", "2", "3"; "N" not classified, "U" unclassified, "f" humanitarian device.
    pub device_class: String,
    /// The 21 CFR regulation, e.g. "880.5725" ("" when none).
    pub regulation: String,
    /// The medical specialty's name, e.g. "General Hospital" ("" when FDA gives none).
    pub specialty: String,
}

/// A code's entry, or `None` when FDA's classification of 2019 does not know it.
pub fn product_code(code: &str) -> Option<&'static ProductCode> {
    table().get(code.trim().to_ascii_uppercase().as_str())
}

/// How a product code as entered reads: its entry, or a warning to show beside it.
pub fn check_product_code(code: &str) -> std::result::Result<&'static ProductCode, String> {
    let code = code.trim();
    if code.len() != 3 || !code.chars().all(|c| c.is_ascii_alphabetic()) {
        return Err(format!(
            "'{code}' is not an FDA product code (three letters, e.g. FRN)"
        ));
    }
    product_code(code).ok_or_else(|| {
        format!(
            "'{}' is not in FDA's product classification of 2019: a newer or mistyped code",
            code.to_ascii_uppercase()
        )
    })
}

/// Codes known.
pub fn known_codes() -> usize {
    table().len()
}

fn table() -> &'static HashMap<String, ProductCode> {
    static TABLE: OnceLock<HashMap<String, ProductCode>> = OnceLock::new();
    TABLE.get_or_init(|| parse(&windows_1252(FOICLASS)))
}

fn windows_1252(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// The names of FDA's medical specialty (review panel) codes, 21 CFR parts 862 to 892.
fn specialty_name(code: &str) -> &'static str {
    match code {
        "AN" => "Anesthesiology",
        "CH" => "Clinical Chemistry",
        "CV" => "Cardiovascular",
        "DE" => "Dental",
        "EN" => "Ear, Nose, and Throat",
        "GU" => "Gastroenterology and Urology",
        "HE" => "Hematology",
        "HO" => "General Hospital",
        "IM" => "Immunology",
        "MG" => "Medical Genetics",
        "MI" => "Microbiology",
        "NE" => "Neurology",
        "OB" => "Obstetrics and Gynecology",
        "OP" => "Ophthalmic",
        "OR" => "Orthopedic",
        "PA" => "Pathology",
        "PM" => "Physical Medicine",
        "RA" => "Radiology",
        "SU" => "General and Plastic Surgery",
        "TX" => "Clinical Toxicology",
        _ => "",
    }
}

fn parse(text: &str) -> HashMap<String, ProductCode> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'|')
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_string).collect(),
        Err(_) => return HashMap::new(),
    };
    let at = |name: &str| header.iter().position(|h| h == name);
    let (Some(code), Some(name), Some(class), Some(regulation), Some(specialty)) = (
        at("PRODUCTCODE"),
        at("DEVICENAME"),
        at("DEVICECLASS"),
        at("REGULATIONNUMBER"),
        at("MEDICALSPECIALTY"),
    ) else {
        return HashMap::new();
    };
    let mut out = HashMap::new();
    for record in reader.records().flatten() {
        let get = |i: usize| record.get(i).unwrap_or("").trim().to_string();
        let key = get(code).to_ascii_uppercase();
        if key.len() != 3 {
            continue;
        }
        out.insert(
            key.clone(),
            ProductCode {
                code: key,
                device_name: get(name),
                device_class: get(class),
                regulation: get(regulation),
                specialty: specialty_name(&get(specialty)).to_string(),
            },
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_classification_reads_whole() {
        // 6,413 records in the file (PROVENANCE.md); every code three letters.
        assert!(known_codes() > 6_300, "{}", known_codes());
        let pump = product_code("frn").unwrap();
        assert_eq!(pump.device_name, "Pump, Infusion");
        assert_eq!(pump.device_class, "2");
        assert_eq!(pump.regulation, "880.5725");
        assert_eq!(pump.specialty, "General Hospital");
        let aed = product_code("MKJ").unwrap();
        assert_eq!(aed.device_class, "3");
        assert_eq!(aed.specialty, "Cardiovascular");
    }

    #[test]
    fn unknown_and_malformed_codes_are_warnings() {
        assert!(check_product_code("FRN").is_ok());
        assert!(check_product_code("ZZZ")
            .unwrap_err()
            .contains("not in FDA"));
        assert!(check_product_code("NEW").is_err());
        assert!(check_product_code("12")
            .unwrap_err()
            .contains("three letters"));
    }
}
