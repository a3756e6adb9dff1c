//! Expected lives by device type: the committee's editable table, and an asset's expected
//! life (its own, else its device type's, else missing).
//!
//! The shipped table names common device types and leaves their years blank for the
//! hospital to fill, except where a published figure could be named precisely: no
//! invented numbers. A device type matches case-insensitively, ignoring surrounding
//! spaces.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Asset;
use crate::error::{Error, Result};

/// One row of the table: a device type and its expected life in years, with where the
/// figure comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExpectedLife {
    pub device_type: String,
    /// Years; blank until the hospital (or a named source) gives one.
    #[serde(default, with = "crate::money::decimal_text::option")]
    #[ts(type = "string | null")]
    pub years: Option<Decimal>,
    #[serde(default)]
    pub source: Option<String>,
}

/// AHA, *Estimated Useful Lives of Depreciable Hospital Assets*, revised 1998 edition, as
/// quoted in Physio-Control's LIFEPAK CR Plus/EXPRESS service manual ("Product Useful
/// Life"): five years for defibrillators.
const AHA_1998_DEFIBRILLATOR: &str = "American Hospital Association, Estimated Useful Lives of Depreciable Hospital Assets, revised 1998 edition (as quoted in the Physio-Control LIFEPAK CR Plus/EXPRESS service manual, \"Product Useful Life\")";

/// Device types of a typical clinical inventory, years blank for the hospital to fill.
const BLANK_TYPES: [&str; 15] = [
    "Infusion pump",
    "Syringe pump",
    "Patient monitor",
    "Ventilator",
    "Anesthesia machine",
    "Electrocardiograph",
    "Electrosurgical unit",
    "Pulse oximeter",
    "Ultrasound scanner",
    "X-ray system",
    "CT scanner",
    "MRI scanner",
    "Sterilizer",
    "Patient bed",
    "Surgical light",
];

/// The shipped table: defibrillators at 5 years (AHA 1998), other types blank.
pub fn default_lives() -> Vec<ExpectedLife> {
    let mut out = vec![ExpectedLife {
        device_type: "Defibrillator".into(),
        years: Some(Decimal::from(5)),
        source: Some(AHA_1998_DEFIBRILLATOR.into()),
    }];
    out.extend(BLANK_TYPES.iter().map(|t| ExpectedLife {
        device_type: (*t).to_string(),
        years: None,
        source: None,
    }));
    out
}

/// Each row names a device type once (case-insensitively) and gives a life over zero.
pub fn check_lives(lives: &[ExpectedLife]) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    for (i, row) in lives.iter().enumerate() {
        let key = key(&row.device_type);
        if key.is_empty() {
            return Err(Error::validation(
                format!("expected_lives[{i}].device_type"),
                "a device type is needed",
            ));
        }
        if !seen.insert(key) {
            return Err(Error::validation(
                format!("expected_lives[{i}].device_type"),
                format!("'{}' is in the table twice", row.device_type),
            ));
        }
        if let Some(y) = row.years {
            if y <= Decimal::ZERO {
                return Err(Error::validation(
                    format!("expected_lives[{i}].years"),
                    format!("{y} years is not a life: give more than 0, or leave it blank"),
                ));
            }
        }
    }
    Ok(())
}

fn key(device_type: &str) -> String {
    device_type.trim().to_lowercase()
}

/// Where an asset's expected life comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LifeSource {
    /// The asset's own expected life in the inventory.
    Asset,
    /// The table's life for its device type.
    DeviceType,
}

/// The table, indexed by device type for look-up across a large inventory.
#[derive(Debug, Clone, Default)]
pub struct LifeTable {
    years: HashMap<String, Decimal>,
}

impl LifeTable {
    /// Rows with blank years are left out: they give no life.
    pub fn new(lives: &[ExpectedLife]) -> Self {
        LifeTable {
            years: lives
                .iter()
                .filter_map(|r| r.years.map(|y| (key(&r.device_type), y)))
                .collect(),
        }
    }

    /// The years of a device type, matched case-insensitively.
    pub fn years_of(&self, device_type: &str) -> Option<Decimal> {
        super::with_lowercase(device_type, |k| self.years.get(k).copied())
    }

    /// An asset's expected life: its own, else its device type's, else none.
    pub fn expected_life(&self, asset: &Asset) -> Option<(Decimal, LifeSource)> {
        if let Some(y) = asset.expected_life_years {
            return Some((y, LifeSource::Asset));
        }
        asset
            .device_type
            .as_deref()
            .and_then(|t| self.years_of(t))
            .map(|y| (y, LifeSource::DeviceType))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn an_asset_takes_its_own_life_else_its_types_else_none() {
        let table = LifeTable::new(&[ExpectedLife {
            device_type: "Infusion pump".into(),
            years: Some(dec!(10)),
            source: None,
        }]);
        let mut a = Asset {
            asset_number: "A".into(),
            device_type: Some("  INFUSION PUMP ".into()),
            ..Default::default()
        };
        assert_eq!(
            table.expected_life(&a),
            Some((dec!(10), LifeSource::DeviceType))
        );
        a.expected_life_years = Some(dec!(7));
        assert_eq!(table.expected_life(&a), Some((dec!(7), LifeSource::Asset)));
        a.expected_life_years = None;
        a.device_type = Some("Ventilator".into());
        assert_eq!(table.expected_life(&a), None);
    }

    #[test]
    fn the_shipped_table_has_years_only_where_a_source_is_named() {
        let lives = default_lives();
        check_lives(&lives).unwrap();
        for row in &lives {
            assert_eq!(
                row.years.is_some(),
                row.source.is_some(),
                "{}",
                row.device_type
            );
        }
        assert_eq!(
            LifeTable::new(&lives).years_of("defibrillator"),
            Some(dec!(5))
        );
    }

    #[test]
    fn a_life_of_zero_or_a_type_twice_is_refused() {
        let row = |t: &str, y: Decimal| ExpectedLife {
            device_type: t.into(),
            years: Some(y),
            source: None,
        };
        let e = check_lives(&[row("Pump", dec!(0))])
            .unwrap_err()
            .to_string();
        assert!(e.contains("expected_lives[0].years"), "{e}");
        let e = check_lives(&[row("Pump", dec!(5)), row("pump", dec!(6))])
            .unwrap_err()
            .to_string();
        assert!(e.contains("expected_lives[1].device_type"), "{e}");
    }
}
