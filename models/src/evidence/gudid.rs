//! Device identifiers (DI) known to the GUDID extract shipped in `models/data/gudid`
//! (see its PROVENANCE.md): 200 real records, so "not in the extract" is unconfirmed, not
//! wrong.

const EXTRACT: &str = include_str!("../../data/gudid/gudid_extract.csv");

/// What GUDID says about a device identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GudidRecord {
    pub company: String,
    pub brand: String,
    pub model: String,
}

/// The record of `di` in the extract, if any.
pub fn lookup(di: &str) -> Option<GudidRecord> {
    let mut reader = csv::Reader::from_reader(EXTRACT.as_bytes());
    reader.records().flatten().find_map(|r| {
        (r.get(0) == Some(di)).then(|| GudidRecord {
            company: r.get(1).unwrap_or("").to_string(),
            brand: r.get(2).unwrap_or("").to_string(),
            model: r.get(3).unwrap_or("").to_string(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_di_gives_its_company_and_an_unknown_one_nothing() {
        let r = lookup("00844588018923").unwrap();
        assert_eq!(r.company, "CONSENSUS ORTHOPEDICS, INC.");
        assert_eq!(r.model, "1107-0-3258");
        assert!(lookup("00000000000000").is_none());
    }
}
