//! The replacement-spend forecast: what replacing the installed base will cost, fiscal
//! year by fiscal year, for the next few years.
//!
//! Each active asset is replaced at the end of its life (its in-service date, else its
//! acquisition date, plus its expected life; a life already over is replaced in the first
//! forecast year). When the settings give a priority threshold, an asset whose priority is
//! at or over it now is replaced in the first year instead; the others at the end of their
//! lives. Its replacement cost is its acquisition cost inflated by the annual price index,
//! compounded over the fiscal years from its acquisition to its replacement:
//! `cost x (1 + index)^(replacement year - acquisition year)`. An asset with no cost, no
//! expected life or no date is not forecast, and is counted with its reason.
//!
//! Fiscal years are named by the calendar year they end in (`lifecycle::fiscal_year_of`):
//! with the default start month 7, FY2028 runs from July 2027 to June 2028. Year totals
//! are rounded to the cent, half away from zero; the tables by department and by device
//! type are rounded so that each year's column adds up to the year's total.

use std::collections::{BTreeMap, HashMap};

use chrono::Months;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::lives::LifeTable;
use super::maintenance::service_start;
use super::priority::{rank, PrioritySettings};
use super::{Asset, AssetStatus, WorkOrder};
use crate::error::{Error, Result};
use crate::lifecycle::fiscal_year_of;
use crate::money::round_amounts_to;

/// The forecast's horizon and assumptions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct ForecastSettings {
    /// Fiscal years forecast (1 to 30; 5 by default).
    pub years: u32,
    /// The first fiscal year; by default the one the as-of date falls in.
    pub first_year: Option<i32>,
    /// The annual price index, e.g. 0.03 for 3 % a year (0 by default).
    #[serde(with = "crate::money::decimal_text")]
    #[ts(type = "string")]
    pub price_index: Decimal,
    /// A priority (0-100) at or over which an asset is replaced in the first year.
    #[serde(with = "crate::money::decimal_text::option")]
    #[ts(type = "string | null")]
    pub threshold: Option<Decimal>,
    /// The month the fiscal year starts in, 1 to 12 (7, July, by default).
    pub fiscal_year_start_month: u32,
}

impl Default for ForecastSettings {
    fn default() -> Self {
        ForecastSettings {
            years: 5,
            first_year: None,
            price_index: Decimal::ZERO,
            threshold: None,
            fiscal_year_start_month: 7,
        }
    }
}

impl ForecastSettings {
    pub fn check(&self) -> Result<()> {
        let bad = |field: &str, message: String| {
            Err(Error::validation(format!("forecast.{field}"), message))
        };
        if !(1..=30).contains(&self.years) {
            return bad("years", format!("{} is not 1 to 30 years", self.years));
        }
        if !(1..=12).contains(&self.fiscal_year_start_month) {
            return bad(
                "fiscal_year_start_month",
                format!("{} is not a month (1 to 12)", self.fiscal_year_start_month),
            );
        }
        if self.price_index <= -Decimal::ONE || self.price_index > Decimal::ONE {
            return bad(
                "price_index",
                format!(
                    "{} is not a yearly rate above -1 and at most 1",
                    self.price_index
                ),
            );
        }
        if let Some(t) = self.threshold {
            if t < Decimal::ZERO || t > Decimal::ONE_HUNDRED {
                return bad("threshold", format!("{t} is not a priority from 0 to 100"));
            }
        }
        if let Some(y) = self.first_year {
            if !(1900..=2200).contains(&y) {
                return bad("first_year", format!("{y} is not a fiscal year"));
            }
        }
        Ok(())
    }
}

/// Why an asset is not in the forecast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NotForecastReason {
    NoAcquisitionCost,
    NoExpectedLife,
    NoServiceDate,
}

crate::ipc::choice!(NotForecastReason {
    NoAcquisitionCost => "No acquisition cost",
    NoExpectedLife => "No expected life",
    NoServiceDate => "No in-service or acquisition date",
});

/// The assets left out for one reason.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct NotForecast {
    pub reason: NotForecastReason,
    pub count: u32,
    pub assets: Vec<String>,
}

/// One fiscal year of the forecast.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ForecastYear {
    pub fiscal_year: i32,
    /// To the cent.
    #[serde(with = "crate::money::decimal_text")]
    #[ts(type = "string")]
    pub total: Decimal,
    /// The assets replaced this year, by asset number.
    pub assets: Vec<String>,
    /// Of them, those brought forward by their priority.
    pub by_priority: u32,
}

/// One amount of a table row.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ForecastCell {
    pub fiscal_year: i32,
    #[serde(with = "crate::money::decimal_text")]
    #[ts(type = "string")]
    pub amount: Decimal,
}

/// A department's or a device type's spend by year.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ForecastRow {
    /// The department or device type; none when the inventory does not state it.
    pub name: Option<String>,
    pub cells: Vec<ForecastCell>,
    #[serde(with = "crate::money::decimal_text")]
    #[ts(type = "string")]
    pub total: Decimal,
}

/// The replacement spend by fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ReplacementForecast {
    pub first_year: i32,
    pub last_year: i32,
    pub fiscal_year_start_month: u32,
    #[serde(with = "crate::money::decimal_text")]
    #[ts(type = "string")]
    pub price_index: Decimal,
    #[serde(with = "crate::money::decimal_text::option")]
    #[ts(type = "string | null")]
    pub threshold: Option<Decimal>,
    pub years: Vec<ForecastYear>,
    pub by_department: Vec<ForecastRow>,
    pub by_device_type: Vec<ForecastRow>,
    #[serde(with = "crate::money::decimal_text")]
    #[ts(type = "string")]
    pub total: Decimal,
    /// Active assets replaced after the last year.
    pub beyond_horizon: u32,
    pub not_forecast: Vec<NotForecast>,
}

/// One asset's replacement: when and for how much (exact).
struct Replacement<'a> {
    asset: &'a Asset,
    year: i32,
    cost: Decimal,
    by_priority: bool,
}

/// `(1 + rate)^years`, or none on overflow.
fn compound(rate: Decimal, years: u32) -> Option<Decimal> {
    let base = Decimal::ONE + rate;
    (0..years).try_fold(Decimal::ONE, |acc, _| acc.checked_mul(base))
}

fn to_cent(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// The replacement spend of the active assets by fiscal year.
pub fn forecast(
    assets: &[Asset],
    work_orders: &[WorkOrder],
    settings: &PrioritySettings,
    f: &ForecastSettings,
) -> Result<ReplacementForecast> {
    f.check()?;
    let scores: HashMap<String, Decimal> = match f.threshold {
        Some(_) => rank(assets, work_orders, settings)?
            .into_iter()
            .filter_map(|p| p.score.map(|s| (p.asset_number, s)))
            .collect(),
        None => {
            super::input::check_inventory(assets, work_orders, settings)?;
            HashMap::new()
        }
    };
    let month = f.fiscal_year_start_month;
    let first = f
        .first_year
        .unwrap_or_else(|| fiscal_year_of(settings.as_of, month));
    let last = first + i32::try_from(f.years).unwrap_or(30) - 1;
    let lives = LifeTable::new(&settings.expected_lives);
    let mut left_out: BTreeMap<NotForecastReason, Vec<String>> = BTreeMap::new();
    let mut replacements = Vec::new();
    let mut beyond_horizon = 0u32;
    for asset in assets.iter().filter(|a| a.status == AssetStatus::Active) {
        let (Some(cost), Some((life, _)), Some(start)) = (
            asset.acquisition_cost,
            lives.expected_life(asset),
            service_start(asset),
        ) else {
            let reason = reason_left_out(asset, &lives);
            left_out
                .entry(reason)
                .or_default()
                .push(asset.asset_number.clone());
            continue;
        };
        let months = (life * Decimal::from(12)).round();
        let end_of_life = u32::try_from(months.mantissa())
            .ok()
            .and_then(|m| start.checked_add_months(Months::new(m)));
        let by_priority = f
            .threshold
            .zip(scores.get(&asset.asset_number))
            .is_some_and(|(t, s)| *s >= t);
        let year = if by_priority {
            first
        } else {
            end_of_life.map_or(last + 1, |d| fiscal_year_of(d, month).max(first))
        };
        if year > last {
            beyond_horizon += 1;
            continue;
        }
        let bought = fiscal_year_of(asset.acquisition_date.unwrap_or(start), month);
        let years = u32::try_from((year - bought).max(0)).unwrap_or(0);
        let inflated = compound(f.price_index, years)
            .and_then(|k| k.checked_mul(cost))
            .ok_or_else(|| {
                Error::validation(
                    format!("assets[{}].acquisition_cost", asset.asset_number),
                    "the inflated replacement cost is too large to compute",
                )
            })?;
        replacements.push(Replacement {
            asset,
            year,
            cost: inflated,
            by_priority,
        });
    }
    Ok(tabulate(
        first,
        last,
        f,
        replacements,
        beyond_horizon,
        left_out,
    ))
}

/// The first reason an asset cannot be forecast.
fn reason_left_out(asset: &Asset, lives: &LifeTable) -> NotForecastReason {
    if asset.acquisition_cost.is_none() {
        NotForecastReason::NoAcquisitionCost
    } else if lives.expected_life(asset).is_none() {
        NotForecastReason::NoExpectedLife
    } else {
        NotForecastReason::NoServiceDate
    }
}

fn tabulate(
    first: i32,
    last: i32,
    f: &ForecastSettings,
    replacements: Vec<Replacement>,
    beyond_horizon: u32,
    left_out: BTreeMap<NotForecastReason, Vec<String>>,
) -> ReplacementForecast {
    let fiscal_years: Vec<i32> = (first..=last).collect();
    let years: Vec<ForecastYear> = fiscal_years
        .iter()
        .map(|y| {
            let here: Vec<&Replacement> = replacements.iter().filter(|r| r.year == *y).collect();
            let mut assets: Vec<String> =
                here.iter().map(|r| r.asset.asset_number.clone()).collect();
            assets.sort();
            ForecastYear {
                fiscal_year: *y,
                total: to_cent(here.iter().map(|r| r.cost).sum()),
                assets,
                by_priority: u32::try_from(here.iter().filter(|r| r.by_priority).count())
                    .unwrap_or(u32::MAX),
            }
        })
        .collect();
    let by_department = table(&fiscal_years, &years, &replacements, |a| {
        a.department.clone()
    });
    let by_device_type = table(&fiscal_years, &years, &replacements, |a| {
        a.device_type.clone()
    });
    let total = years.iter().map(|y| y.total).sum();
    ReplacementForecast {
        first_year: first,
        last_year: last,
        fiscal_year_start_month: f.fiscal_year_start_month,
        price_index: f.price_index,
        threshold: f.threshold,
        years,
        by_department,
        by_device_type,
        total,
        beyond_horizon,
        not_forecast: left_out
            .into_iter()
            .map(|(reason, mut assets)| {
                assets.sort();
                NotForecast {
                    reason,
                    count: u32::try_from(assets.len()).unwrap_or(u32::MAX),
                    assets,
                }
            })
            .collect(),
    }
}

/// Spend by a grouping (department, device type), each year's column rounded to add up
/// to the year's total. Rows by name, the unnamed last.
fn table(
    fiscal_years: &[i32],
    years: &[ForecastYear],
    replacements: &[Replacement],
    group: impl Fn(&Asset) -> Option<String>,
) -> Vec<ForecastRow> {
    let mut exact: BTreeMap<(bool, Option<String>), Vec<Decimal>> = BTreeMap::new();
    for r in replacements {
        let name = group(r.asset);
        let row = exact
            .entry((name.is_none(), name))
            .or_insert_with(|| vec![Decimal::ZERO; fiscal_years.len()]);
        if let Some(i) = fiscal_years.iter().position(|y| *y == r.year) {
            row[i] += r.cost;
        }
    }
    let names: Vec<Option<String>> = exact.keys().map(|k| k.1.clone()).collect();
    let rows: Vec<Vec<Decimal>> = exact.into_values().collect();
    let mut rounded = vec![Vec::with_capacity(fiscal_years.len()); rows.len()];
    for (i, year) in years.iter().enumerate() {
        let column: Vec<Decimal> = rows.iter().map(|r| r[i]).collect();
        for (row, amount) in rounded
            .iter_mut()
            .zip(round_amounts_to(&column, year.total, 2))
        {
            row.push(amount);
        }
    }
    names
        .into_iter()
        .zip(rounded)
        .map(|(name, amounts)| ForecastRow {
            name,
            total: amounts.iter().sum(),
            cells: fiscal_years
                .iter()
                .zip(amounts)
                .map(|(y, amount)| ForecastCell {
                    fiscal_year: *y,
                    amount,
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::ExpectedLife;
    use chrono::NaiveDate;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn settings() -> PrioritySettings {
        PrioritySettings {
            as_of: d(2027, 7, 1),
            labour_rate: dec!(100),
            weights: Default::default(),
            expected_lives: vec![ExpectedLife {
                device_type: "Pump".into(),
                years: Some(dec!(10)),
                source: None,
            }],
            recalls: None,
            work_history: true,
        }
    }

    fn asset(n: &str, bought: NaiveDate, cost: Option<Decimal>) -> Asset {
        Asset {
            asset_number: n.into(),
            device_type: Some("Pump".into()),
            department: Some("ICU".into()),
            acquisition_date: Some(bought),
            acquisition_cost: cost,
            ..Default::default()
        }
    }

    #[test]
    fn an_asset_is_replaced_at_the_end_of_its_life_at_its_inflated_cost() {
        let f = ForecastSettings {
            price_index: dec!(0.03),
            ..Default::default()
        };
        // Bought 2018-03-01 (FY2018), life 10 years: 2028-03-01, FY2028. 10,000 x 1.03^10
        // = 13,439.1638. Bought 2016-01-15: life over in FY2026, so the first year, FY2028:
        // 5,000 x 1.03^12 = 7,128.8044. FY2028: 20,567.9682 -> 20,567.97. Bought
        // 2025-01-01: FY2035, beyond FY2032.
        let assets = [
            asset("A", d(2018, 3, 1), Some(dec!(10000))),
            asset("B", d(2016, 1, 15), Some(dec!(5000))),
            asset("C", d(2025, 1, 1), Some(dec!(1000))),
            asset("D", d(2020, 1, 1), None),
        ];
        let r = forecast(&assets, &[], &settings(), &f).unwrap();
        assert_eq!((r.first_year, r.last_year), (2028, 2032));
        assert_eq!(r.years[0].total, dec!(20567.97));
        assert_eq!(r.years[0].assets, ["A", "B"]);
        assert_eq!(r.total, dec!(20567.97));
        assert_eq!(r.beyond_horizon, 1);
        assert_eq!(
            r.not_forecast[0].reason,
            NotForecastReason::NoAcquisitionCost
        );
        assert_eq!(r.not_forecast[0].assets, ["D"]);
        assert_eq!(r.by_department[0].name.as_deref(), Some("ICU"));
        assert_eq!(r.by_department[0].total, dec!(20567.97));
    }

    #[test]
    fn a_priority_over_the_threshold_brings_the_replacement_to_the_first_year() {
        let mut old = asset("A", d(2024, 1, 1), Some(dec!(1000)));
        old.end_of_support = Some(d(2026, 1, 1));
        // Age 3.5 of 10 years (0.35 x 25), MEL 0 % (0 x 20), no failure (0 x 15), support
        // ended (1 x 10), the rest missing: 100 x 18.75 / 70 = 26.8, over 25. Its life
        // ends in FY2034, beyond the horizon, but it comes in FY2028.
        let f = ForecastSettings {
            threshold: Some(dec!(25)),
            ..Default::default()
        };
        let r = forecast(&[old], &[], &settings(), &f).unwrap();
        assert_eq!(r.years[0].assets, ["A"]);
        assert_eq!(r.years[0].by_priority, 1);
        assert_eq!(r.years[0].total, dec!(1000));
    }

    #[test]
    fn columns_add_up_to_the_year_total() {
        let mut assets = Vec::new();
        for (i, dept) in ["A", "B", "C"].iter().enumerate() {
            let mut a = asset(&format!("X{i}"), d(2010, 1, 1), Some(dec!(0.005)));
            a.department = Some((*dept).into());
            assets.push(a);
        }
        let r = forecast(&assets, &[], &settings(), &ForecastSettings::default()).unwrap();
        assert_eq!(
            r.years[0].total,
            dec!(0.02),
            "0.015 rounds half away to 0.02"
        );
        let column: Decimal = r.by_department.iter().map(|row| row.cells[0].amount).sum();
        assert_eq!(column, dec!(0.02));
    }

    #[test]
    fn bad_settings_are_refused() {
        let bad =
            |f: ForecastSettings| forecast(&[], &[], &settings(), &f).unwrap_err().to_string();
        assert!(bad(ForecastSettings {
            years: 0,
            ..Default::default()
        })
        .contains("forecast.years"));
        assert!(bad(ForecastSettings {
            fiscal_year_start_month: 13,
            ..Default::default()
        })
        .contains("forecast.fiscal_year_start_month"));
        assert!(bad(ForecastSettings {
            threshold: Some(dec!(101)),
            ..Default::default()
        })
        .contains("forecast.threshold"));
    }
}
