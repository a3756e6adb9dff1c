//! Units of measure: OBX-6 is UCUM, or an IEEE 11073-10101 (MDC) unit code with a UCUM
//! equivalent. The table holds the common vital-sign units only (reference ids and codes
//! as IEEE 11073-10101 and the IHE PCD Rosetta Terminology Mapping give them); an MDC unit
//! not in it is reported as unknown, not as wrong.

/// (MDC reference id, MDC code, UCUM equivalent).
const MDC_UCUM: &[(&str, &str, &str)] = &[
    ("MDC_DIM_MMHG", "266016", "mm[Hg]"),
    ("MDC_DIM_KILO_PASCAL", "268768", "kPa"),
    ("MDC_DIM_CM_H2O", "266048", "cm[H2O]"),
    ("MDC_DIM_BEAT_PER_MIN", "264864", "{beat}/min"),
    ("MDC_DIM_RESP_PER_MIN", "264928", "{resp}/min"),
    ("MDC_DIM_PERCENT", "262688", "%"),
    ("MDC_DIM_DIMLESS", "262656", "1"),
    ("MDC_DIM_DEGC", "268192", "Cel"),
    ("MDC_DIM_FAHR", "266560", "[degF]"),
    ("MDC_DIM_KILO_G", "263875", "kg"),
    ("MDC_DIM_CENTI_M", "263441", "cm"),
    ("MDC_DIM_MILLI_L", "263762", "mL"),
    ("MDC_DIM_L_PER_MIN", "265216", "L/min"),
    ("MDC_DIM_MILLI_L_PER_HR", "265266", "mL/h"),
    ("MDC_DIM_MILLI_G_PER_DL", "264274", "mg/dL"),
    ("MDC_DIM_MILLI_MOLE_PER_L", "266866", "mmol/L"),
    ("MDC_DIM_SEC", "264320", "s"),
    ("MDC_DIM_MILLI_SEC", "264338", "ms"),
    ("MDC_DIM_MILLI_VOLT", "266418", "mV"),
];

/// What OBX-6 says about its unit.
#[derive(Debug, PartialEq, Eq)]
pub enum UnitCheck {
    /// UCUM, directly or through the table: the UCUM code.
    Ucum(String),
    /// An MDC unit the table does not hold.
    UnknownMdc(String),
    /// Neither UCUM nor MDC: the coding system seen (possibly empty).
    Other(String),
}

/// Checks the identifier, text and coding system of OBX-6.
pub fn check(code: &str, text: &str, system: &str) -> UnitCheck {
    if system.eq_ignore_ascii_case("UCUM") {
        return UnitCheck::Ucum(code.to_string());
    }
    if system == "MDC" {
        return MDC_UCUM
            .iter()
            .find(|(name, number, _)| *name == text || *number == code)
            .map_or_else(
                || UnitCheck::UnknownMdc(format!("{code} {text}").trim().to_string()),
                |(_, _, ucum)| UnitCheck::Ucum((*ucum).to_string()),
            );
    }
    UnitCheck::Other(system.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mdc_units_map_to_ucum_and_others_are_named() {
        assert_eq!(
            check("266016", "MDC_DIM_MMHG", "MDC"),
            UnitCheck::Ucum("mm[Hg]".into())
        );
        assert_eq!(
            check("mm[Hg]", "", "UCUM"),
            UnitCheck::Ucum("mm[Hg]".into())
        );
        assert_eq!(
            check("999", "MDC_DIM_X", "MDC"),
            UnitCheck::UnknownMdc("999 MDC_DIM_X".into())
        );
        assert_eq!(check("mmHg", "", "L"), UnitCheck::Other("L".into()));
    }
}
