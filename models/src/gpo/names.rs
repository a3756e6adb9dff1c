//! Names as members type them, brought to one form so that the same device matches
//! across hospitals.
//!
//! The rules (docs/group-purchasing.md, "Matching"):
//! - A product code is trimmed and upper-cased (`bsz ` is `BSZ`).
//! - A manufacturer is lower-cased, every character that is not a letter or digit becomes
//!   a space, and trailing company suffixes are dropped, repeatedly (`Halden Medical,
//!   Inc.` and `HALDEN MEDICAL` are `halden medical`). The suffixes are [`SUFFIXES`].
//! - A model is lower-cased and keeps only its letters and digits, so the variants of a
//!   model number written with spaces, hyphens, dots or slashes are one (`A-7`, `a 7`,
//!   `A.7` are `a7`); a leading word "model" is dropped (`Model A7` is `a7`).

/// Company suffixes dropped from the end of a manufacturer's name.
pub const SUFFIXES: [&str; 20] = [
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "llc",
    "llp",
    "lp",
    "plc",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "srl",
    "spa",
    "bv",
    "nv",
];

/// A product code in one form: trimmed, upper case; `None` when empty.
pub fn product_code(code: Option<&str>) -> Option<String> {
    code.map(|c| c.trim().to_ascii_uppercase())
        .filter(|c| !c.is_empty())
}

/// Lower case, letters and digits kept, everything else one space between words.
fn words(text: &str) -> Vec<String> {
    let spaced: String = text
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    spaced.split_whitespace().map(str::to_string).collect()
}

/// A manufacturer's name in one form (see the module's rules).
pub fn manufacturer(name: &str) -> String {
    let mut w = words(name);
    // "Co. Ltd", "Inc" ...: drop suffixes from the end while one is left in front of them.
    while w.len() > 1 && w.last().is_some_and(|s| SUFFIXES.contains(&s.as_str())) {
        w.pop();
    }
    w.join(" ")
}

/// A model's name in one form (see the module's rules).
pub fn model(name: &str) -> String {
    let mut w = words(name);
    if w.len() > 1 && w[0] == "model" {
        w.remove(0);
    }
    w.concat()
}

/// The key two quotes must share to be the same model: `manufacturer|model`.
pub fn model_key(manufacturer_name: &str, model_name: &str) -> String {
    format!("{}|{}", manufacturer(manufacturer_name), model(model_name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_manufacturer(raw: &str, expected: &str) {
        assert_eq!(manufacturer(raw), expected, "{raw}");
    }

    #[test]
    fn manufacturers_lose_case_punctuation_and_suffixes() {
        check_manufacturer("Halden Medical, Inc.", "halden medical");
        check_manufacturer("HALDEN MEDICAL", "halden medical");
        check_manufacturer("halden-medical inc", "halden medical");
        check_manufacturer("Kestrel Co. Ltd.", "kestrel");
        check_manufacturer("Siemens Healthineers AG", "siemens healthineers");
        check_manufacturer("Inc.", "inc");
        check_manufacturer("  ", "");
    }

    #[test]
    fn model_number_variants_are_one() {
        for raw in ["A7", "A-7", "a 7", "A.7", "Model A7", "a/7"] {
            assert_eq!(model(raw), "a7", "{raw}");
        }
        assert_ne!(model("A7 Plus"), model("A7"));
        assert_eq!(model("Model"), "model");
    }

    #[test]
    fn product_codes_are_trimmed_and_upper_case() {
        assert_eq!(product_code(Some(" bsz ")), Some("BSZ".into()));
        assert_eq!(product_code(Some("")), None);
        assert_eq!(product_code(None), None);
        assert_eq!(model_key("Halden Inc.", "A-7"), "halden|a7");
    }
}
