//! Prices brought to one currency and one date before they are compared.
//!
//! Currencies: members' quotes are never added or compared across currencies silently.
//! One currency is the group's; a quote in another is converted at a rate the analyst
//! states (`EUR=1.08`: one euro is 1.08 of the group's currency), and a mix without a
//! rate is refused, naming the members and currencies.
//!
//! Dates: a price quoted in calendar year `y` is brought to the as-of year `Y` by a
//! stated index: yearly rates (`(1 + r)^(Y − y)`), or index values by year
//! (`index[Y] / index[y]`). Years, not days: a quote of March and one of November of
//! the same year are at the same price level. A quote with no date is taken as of the
//! as-of date and flagged. No index: prices as quoted.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::money::decimal_text;

/// The index that brings prices to the as-of year.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum PriceIndex {
    /// Prices as quoted.
    #[default]
    None,
    /// One yearly rate, compounded (0.03 is 3 % a year).
    YearlyRate(Decimal),
    /// Index values by calendar year (e.g. a producer price index).
    Values(BTreeMap<i32, Decimal>),
}

/// A year's factor, as shown beside the benchmark.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct IndexFactor {
    pub year: i32,
    /// What a price of that year is multiplied by to reach the as-of year.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub factor: Decimal,
}

/// The index the benchmark used, in words and by year.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct IndexUsed {
    pub description: String,
    pub to_year: i32,
    pub factors: Vec<IndexFactor>,
}

impl PriceIndex {
    /// The factor from `year` to `to_year`; refused when a year has no index value.
    pub fn factor(&self, year: i32, to_year: i32) -> Result<Decimal> {
        match self {
            PriceIndex::None => Ok(Decimal::ONE),
            PriceIndex::YearlyRate(r) => {
                let step = Decimal::ONE + r;
                let mut f = Decimal::ONE;
                for _ in 0..(to_year - year).abs() {
                    f *= step;
                }
                Ok(if year <= to_year { f } else { Decimal::ONE / f })
            }
            PriceIndex::Values(values) => {
                let get = |y: i32| {
                    values.get(&y).copied().ok_or_else(|| {
                        Error::validation(
                            "index",
                            format!("the index has no value for {y} (a quote of {year} is brought to {to_year})"),
                        )
                    })
                };
                Ok(get(to_year)? / get(year)?)
            }
        }
    }

    /// The index in words and its factor for each of `years`.
    pub fn used(&self, years: &[i32], to_year: i32) -> Result<IndexUsed> {
        let description = match self {
            PriceIndex::None => "prices as quoted, not brought to a common date".to_string(),
            PriceIndex::YearlyRate(r) => format!(
                "prices brought to {to_year} at {} % a year, compounded (calendar years)",
                (r * Decimal::ONE_HUNDRED).normalize()
            ),
            PriceIndex::Values(v) => format!(
                "prices brought to {to_year} by the index values {}",
                v.iter()
                    .map(|(y, x)| format!("{y}={}", x.normalize()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let factors = years
            .iter()
            .map(|&year| {
                Ok(IndexFactor {
                    year,
                    factor: self.factor(year, to_year)?,
                })
            })
            .collect::<Result<_>>()?;
        Ok(IndexUsed {
            description,
            to_year,
            factors,
        })
    }
}

/// A stated exchange rate: one unit of `currency` is `rate` of the group's currency.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Rate {
    pub currency: String,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub rate: Decimal,
}

/// The group's currency and the rates to it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Currencies {
    /// The group's currency; when absent, the one currency the quotes are in that has no
    /// stated rate.
    pub group: Option<String>,
    pub rates: Vec<Rate>,
}

impl Currencies {
    /// The group's currency for quotes in `used` (currency, member) pairs: refused when
    /// the quotes mix currencies that no stated rate converts.
    pub fn resolve(&self, used: &[(String, String)]) -> Result<String> {
        let rated = |c: &str| {
            self.rates
                .iter()
                .any(|r| r.currency.eq_ignore_ascii_case(c))
        };
        let mut unrated: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (currency, member) in used {
            if !rated(currency) {
                let members = unrated.entry(currency.to_ascii_uppercase()).or_default();
                if !members.contains(member) {
                    members.push(member.clone());
                }
            }
        }
        let group = match &self.group {
            Some(g) => g.to_ascii_uppercase(),
            None if unrated.len() == 1 => {
                return Ok(unrated.keys().next().cloned().unwrap_or_default())
            }
            // No quote at all: nothing is priced, the currency is only printed.
            None if used.is_empty() => return Ok("USD".into()),
            None if unrated.is_empty() => {
                return Err(Error::validation(
                    "currency",
                    "every currency the quotes are in has a --rate: state the group's currency with --currency",
                ))
            }
            None => String::new(),
        };
        unrated.remove(&group);
        if unrated.is_empty() {
            return Ok(group);
        }
        let mix: Vec<String> = unrated
            .iter()
            .map(|(c, m)| format!("{c} ({})", m.join(", ")))
            .collect();
        Err(Error::validation(
            "currency",
            format!(
                "the members' quotes are in different currencies ({}{}): prices are never added across currencies; state the group's currency with --currency and a rate for each other one, e.g. --rate {}=1.08",
                if group.is_empty() { String::new() } else { format!("{group} and ") },
                mix.join(", "),
                unrated.keys().next().map_or("EUR", String::as_str)
            ),
        ))
    }

    /// The factor that converts an amount in `currency` to `group`.
    pub fn rate(&self, currency: &str, group: &str) -> Decimal {
        if currency.eq_ignore_ascii_case(group) {
            return Decimal::ONE;
        }
        self.rates
            .iter()
            .find(|r| r.currency.eq_ignore_ascii_case(currency))
            .map_or(Decimal::ONE, |r| r.rate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn a_yearly_rate_compounds_over_calendar_years() {
        let i = PriceIndex::YearlyRate(dec!(0.03));
        assert_eq!(i.factor(2024, 2026).unwrap(), dec!(1.0609));
        assert_eq!(i.factor(2026, 2026).unwrap(), Decimal::ONE);
        let v = PriceIndex::Values(BTreeMap::from([(2025, dec!(100)), (2026, dec!(104))]));
        assert_eq!(v.factor(2025, 2026).unwrap(), dec!(1.04));
        assert!(v
            .factor(2023, 2026)
            .unwrap_err()
            .to_string()
            .contains("2023"));
    }

    #[test]
    fn a_currency_mix_is_refused_without_a_rate() {
        let used = vec![
            ("USD".to_string(), "A".to_string()),
            ("EUR".to_string(), "B".to_string()),
        ];
        let e = Currencies::default()
            .resolve(&used)
            .unwrap_err()
            .to_string();
        assert!(e.contains("EUR (B)") && e.contains("USD (A)"), "{e}");
        let c = Currencies {
            group: None,
            rates: vec![Rate {
                currency: "EUR".into(),
                rate: dec!(1.08),
            }],
        };
        assert_eq!(c.resolve(&used).unwrap(), "USD");
        let all_rated = vec![("EUR".to_string(), "B".to_string())];
        assert!(c
            .resolve(&all_rated)
            .unwrap_err()
            .to_string()
            .contains("--currency"));
        assert_eq!(c.rate("eur", "USD"), dec!(1.08));
    }
}
