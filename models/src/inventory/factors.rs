//! The factors of the replacement priority, each a severity from 0 (no reason to replace)
//! to 1 (a full reason), with its value and its words.
//!
//! - Age: age over expected life, linear, 1 at the end of life and after.
//! - Maintenance cost: the MEL % (lifetime maintenance cost over acquisition cost): 0 at
//!   0 %, 0.5 at 30 % (the usual warning) and 1 at 50 % or more (nearly always replace),
//!   linear in between.
//! - Reliability: the larger of failures a year (1 at 3 or more corrective work orders a
//!   year) and downtime (1 at 168 hours, a week, a year or more), linear from 0. These two
//!   points are the product's defaults, not published figures.
//! - End of manufacturer support: 1 when passed, 0.5 within 12 months, else 0.
//! - Risk: the Fennigkoh-Smith number's place between the tables' lowest and highest,
//!   `(EM - 4) / 16`.
//! - Recalls: 1 when any recall matched to the asset is open, else 0.
//! - Cyber: a network-connected asset on an operating system out of vendor support: 1
//!   when support has ended, 0.5 when it ends within 12 months, else 0; 0 when the asset
//!   is not on the network.
//!
//! A factor whose data is missing has no severity: the priority leaves it out.

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;

use super::em::EmParts;
use super::support::operating_system;
use super::Asset;

/// Failures a year at which reliability is a full reason to replace.
pub const FAILURES_PER_YEAR_FULL: Decimal = Decimal::from_parts(3, 0, 0, false, 0);
/// Hours down a year at which reliability is a full reason to replace.
pub const DOWNTIME_HOURS_PER_YEAR_FULL: Decimal = Decimal::from_parts(168, 0, 0, false, 0);
/// MEL % of the usual warning (severity 0.5).
const MEL_WARNING: Decimal = Decimal::from_parts(30, 0, 0, false, 0);
/// MEL % from which replacement is nearly always right (severity 1).
const MEL_REPLACE: Decimal = Decimal::from_parts(50, 0, 0, false, 0);
const HALF: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

/// A factor's reading for one asset: what was read (written out only where it is shown,
/// so that ranking a large inventory does not pay for sentences nobody reads) and its
/// severity.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    pub value: FactorValue,
    pub severity: Decimal,
}

impl Reading {
    fn new(value: FactorValue, severity: Decimal) -> Self {
        Reading { value, severity }
    }

    /// The reading as a reason to replace: "past its expected life (12 of 10 years)".
    pub fn driver(&self) -> String {
        use FactorValue as V;
        match &self.value {
            V::Age { age, life } if age >= life => {
                format!("past its expected life ({})", self.value)
            }
            V::Age { .. } => format!(
                "at {} % of its expected life ({})",
                shown(self.severity * Decimal::ONE_HUNDRED, 0),
                self.value
            ),
            V::MaintenanceCost { .. } => format!("maintenance has cost {}", self.value),
            V::Support { .. } => format!("manufacturer support {}", self.value),
            V::Risk(em) if em.managed() => format!("{}, in the managed program", self.value),
            V::Risk(_) => format!("{}, below the managed program", self.value),
            V::Recalls(_) => format!("recall {}", self.value),
            V::OperatingSystem { .. } => format!("{} on the network", self.value),
            V::Reliability { .. } | V::NotOnNetwork | V::OperatingSystemNotKnown(_) => {
                self.value.to_string()
            }
        }
    }
}

/// What a factor read of an asset, written out in words by its `Display`: "11.2 of 10
/// years", "62 % of its purchase price", "ended 2024-06-30".
#[derive(Debug, Clone, PartialEq)]
pub enum FactorValue {
    Age {
        age: Decimal,
        life: Decimal,
    },
    MaintenanceCost {
        mel_percent: Decimal,
    },
    Reliability {
        failures_per_year: Option<Decimal>,
        downtime_per_year: Option<Decimal>,
    },
    Support {
        end: NaiveDate,
        ended: bool,
    },
    Risk(EmParts),
    /// The open recalls' numbers.
    Recalls(Vec<String>),
    NotOnNetwork,
    /// An operating system that is not known to be out of support, as the inventory names it.
    OperatingSystemNotKnown(String),
    OperatingSystem {
        name: &'static str,
        end: NaiveDate,
        ended: bool,
    },
}

impl std::fmt::Display for FactorValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FactorValue::Age { age, life } => {
                write!(f, "{} of {} years", shown(*age, 1), shown(*life, 1))
            }
            FactorValue::MaintenanceCost { mel_percent } => {
                write!(f, "{} % of its purchase price", shown(*mel_percent, 0))
            }
            FactorValue::Reliability {
                failures_per_year,
                downtime_per_year,
            } => match (failures_per_year, downtime_per_year) {
                (Some(r), Some(d)) => write!(
                    f,
                    "{} failures a year, {} hours down a year",
                    shown(*r, 1),
                    shown(*d, 0)
                ),
                (Some(r), None) => write!(f, "{} failures a year", shown(*r, 1)),
                (None, Some(d)) => write!(f, "{} hours down a year", shown(*d, 0)),
                (None, None) => Ok(()),
            },
            FactorValue::Support { end, ended: true } => write!(f, "ended {end}"),
            FactorValue::Support { end, ended: false } => write!(f, "ends {end}"),
            FactorValue::Risk(em) => f.write_str(&em.describe()),
            FactorValue::Recalls(open) => match open.as_slice() {
                [] => f.write_str("none open"),
                [one] => write!(f, "1 open ({one})"),
                all => write!(f, "{} open ({})", all.len(), all.join(", ")),
            },
            FactorValue::NotOnNetwork => f.write_str("not on the network"),
            FactorValue::OperatingSystemNotKnown(text) => {
                write!(f, "{text}, not known to be unsupported")
            }
            FactorValue::OperatingSystem {
                name,
                end,
                ended: true,
            } => {
                write!(f, "{name} (unsupported since {end})")
            }
            FactorValue::OperatingSystem {
                name,
                end,
                ended: false,
            } => {
                write!(f, "{name} (support ends {end})")
            }
        }
    }
}

/// Written as its words.
impl Serialize for FactorValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

fn capped(x: Decimal) -> Decimal {
    x.clamp(Decimal::ZERO, Decimal::ONE)
}

/// `x` to `dp` decimals without trailing zeros ("10", "11.2"), written where it is
/// formatted (no string of its own).
pub fn shown(x: Decimal, dp: u32) -> impl std::fmt::Display {
    x.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// Age against expected life.
pub fn age(age_years: Decimal, life_years: Decimal) -> Reading {
    let severity = capped(age_years / life_years);
    Reading::new(
        FactorValue::Age {
            age: age_years,
            life: life_years,
        },
        severity,
    )
}

/// Maintenance cost (MEL %).
pub fn maintenance_cost(mel_percent: Decimal) -> Reading {
    let severity = if mel_percent <= MEL_WARNING {
        capped(HALF * mel_percent / MEL_WARNING)
    } else {
        capped(HALF + HALF * (mel_percent - MEL_WARNING) / (MEL_REPLACE - MEL_WARNING))
    };
    Reading::new(FactorValue::MaintenanceCost { mel_percent }, severity)
}

/// Reliability: failures and hours down a year; `None` when neither is known.
pub fn reliability(
    failures_per_year: Option<Decimal>,
    downtime_per_year: Option<Decimal>,
) -> Option<Reading> {
    let f = failures_per_year.map(|f| capped(f / FAILURES_PER_YEAR_FULL));
    let d = downtime_per_year.map(|d| capped(d / DOWNTIME_HOURS_PER_YEAR_FULL));
    let severity = match (f, d) {
        (None, None) => return None,
        (a, b) => a.unwrap_or_default().max(b.unwrap_or_default()),
    };
    let value = FactorValue::Reliability {
        failures_per_year,
        downtime_per_year,
    };
    Some(Reading::new(value, severity))
}

/// 1 when `end` has passed by `as_of`, 0.5 when it comes within 12 months, else 0.
fn ended_or_ending(end: NaiveDate, as_of: NaiveDate) -> Decimal {
    if end <= as_of {
        Decimal::ONE
    } else if as_of
        .checked_add_months(Months::new(12))
        .is_some_and(|year_on| end <= year_on)
    {
        HALF
    } else {
        Decimal::ZERO
    }
}

/// End of manufacturer support.
pub fn end_of_support(end: NaiveDate, as_of: NaiveDate) -> Reading {
    let severity = ended_or_ending(end, as_of);
    let value = FactorValue::Support {
        end,
        ended: end <= as_of,
    };
    Reading::new(value, severity)
}

/// Risk: the equipment management number.
pub fn risk(em: &EmParts) -> Reading {
    Reading::new(FactorValue::Risk(*em), em.severity())
}

/// Open recalls matched to the asset.
pub fn recalls(open: &[String]) -> Reading {
    let severity = if open.is_empty() {
        Decimal::ZERO
    } else {
        Decimal::ONE
    };
    Reading::new(FactorValue::Recalls(open.to_vec()), severity)
}

/// Cyber: an operating system out of vendor support on the network. `None` when whether
/// the asset is on the network, or (on the network) its operating system, is not known.
pub fn cyber(asset: &Asset, as_of: NaiveDate) -> Option<Reading> {
    if !asset.network_connected? {
        return Some(Reading::new(FactorValue::NotOnNetwork, Decimal::ZERO));
    }
    let text = asset.operating_system.as_deref()?.trim();
    if text.is_empty() {
        return None;
    }
    let Some((os, end)) =
        operating_system(text).and_then(|os| os.end_of_support().map(|e| (os, e)))
    else {
        let value = FactorValue::OperatingSystemNotKnown(text.to_string());
        return Some(Reading::new(value, Decimal::ZERO));
    };
    let value = FactorValue::OperatingSystem {
        name: os.name,
        end,
        ended: end <= as_of,
    };
    Some(Reading::new(value, ended_or_ending(end, as_of)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn age_is_linear_to_the_end_of_life_and_capped() {
        let check = |age: Decimal, life: Decimal, sev: Decimal, words: &str| {
            let r = super::age(age, life);
            assert_eq!(r.severity, sev, "{age} of {life}");
            assert_eq!(r.driver(), words);
        };
        check(
            dec!(12),
            dec!(10),
            dec!(1),
            "past its expected life (12 of 10 years)",
        );
        check(
            dec!(10),
            dec!(10),
            dec!(1),
            "past its expected life (10 of 10 years)",
        );
        check(
            dec!(8),
            dec!(10),
            dec!(0.8),
            "at 80 % of its expected life (8 of 10 years)",
        );
        check(
            dec!(0),
            dec!(10),
            dec!(0),
            "at 0 % of its expected life (0 of 10 years)",
        );
    }

    #[test]
    fn mel_is_half_at_the_warning_and_full_at_fifty_percent() {
        let sev = |p: Decimal| maintenance_cost(p).severity;
        assert_eq!(sev(dec!(0)), dec!(0));
        assert_eq!(sev(dec!(15)), dec!(0.25));
        assert_eq!(sev(dec!(30)), dec!(0.5));
        assert_eq!(sev(dec!(40)), dec!(0.75));
        assert_eq!(sev(dec!(50)), dec!(1));
        assert_eq!(sev(dec!(120)), dec!(1));
        assert_eq!(
            maintenance_cost(dec!(62.4)).driver(),
            "maintenance has cost 62 % of its purchase price"
        );
    }

    #[test]
    fn reliability_takes_the_worse_of_failures_and_downtime_and_needs_one() {
        assert_eq!(reliability(None, None), None);
        let r = reliability(Some(dec!(1.5)), Some(dec!(42))).unwrap();
        assert_eq!(
            r.severity,
            dec!(0.5),
            "1.5 of 3 failures beats 42 of 168 hours"
        );
        assert_eq!(
            r.value.to_string(),
            "1.5 failures a year, 42 hours down a year"
        );
        assert_eq!(
            reliability(None, Some(dec!(336))).unwrap().severity,
            dec!(1)
        );
        assert_eq!(reliability(Some(dec!(0)), None).unwrap().severity, dec!(0));
    }

    #[test]
    fn support_counts_when_passed_and_half_within_a_year() {
        let as_of = d(2027, 7, 1);
        assert_eq!(end_of_support(d(2024, 6, 30), as_of).severity, dec!(1));
        assert_eq!(
            end_of_support(d(2024, 6, 30), as_of).driver(),
            "manufacturer support ended 2024-06-30"
        );
        assert_eq!(end_of_support(d(2028, 7, 1), as_of).severity, dec!(0.5));
        assert_eq!(end_of_support(d(2028, 7, 2), as_of).severity, dec!(0));
    }

    #[test]
    fn recalls_count_when_any_is_open() {
        assert_eq!(recalls(&[]).severity, dec!(0));
        let r = recalls(&["Z-0001-2027".into()]);
        assert_eq!(r.severity, dec!(1));
        assert_eq!(r.driver(), "recall 1 open (Z-0001-2027)");
    }

    #[test]
    fn cyber_needs_the_network_and_a_known_operating_system() {
        let as_of = d(2027, 7, 1);
        let mut a = Asset {
            asset_number: "A".into(),
            operating_system: Some("Windows 7 Professional".into()),
            ..Default::default()
        };
        assert_eq!(cyber(&a, as_of), None, "on the network or not is not known");
        a.network_connected = Some(false);
        assert_eq!(cyber(&a, as_of).unwrap().severity, dec!(0));
        a.network_connected = Some(true);
        let r = cyber(&a, as_of).unwrap();
        assert_eq!(r.severity, dec!(1));
        assert_eq!(
            r.driver(),
            "Windows 7 (unsupported since 2020-01-14) on the network"
        );
        a.operating_system = Some("Windows 11".into());
        assert_eq!(cyber(&a, as_of).unwrap().severity, dec!(0));
        a.operating_system = None;
        assert_eq!(cyber(&a, as_of), None);
    }
}
