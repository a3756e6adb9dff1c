//! The stateless input of the priority and the forecast (docs/json-formats.md,
//! "Inventory priority"), and the rules an inventory must keep before it is ranked: each
//! refusal names the asset, work order or row, and the field.

use chrono::NaiveDate;
use rayon::prelude::*;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::em::em_parts;
use super::forecast::ForecastSettings;
use super::lives::{check_lives, default_lives, ExpectedLife};
use super::maintenance::WorkOrderTotals;
use super::priority::{PrioritySettings, RecallMatch, ReplacementWeights};
use super::{Asset, WorkOrder};
use crate::error::{Error, Result};

/// Assets, work orders and settings, as the CLI reads them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InventoryInput {
    pub as_of: NaiveDate,
    /// Money per labour hour of a work order.
    #[serde(with = "crate::money::decimal_text")]
    pub labour_rate: Decimal,
    /// The committee's weights; the product's defaults for any not given.
    #[serde(default)]
    pub weights: ReplacementWeights,
    /// The expected lives by device type; the shipped table when not given.
    #[serde(default)]
    pub expected_lives: Option<Vec<ExpectedLife>>,
    pub assets: Vec<Asset>,
    #[serde(default)]
    pub work_orders: Vec<WorkOrder>,
    /// The recalls matched to assets; when not given, recalls are not known.
    #[serde(default)]
    pub recalls: Option<Vec<RecallMatch>>,
    #[serde(default)]
    pub forecast: Option<ForecastSettings>,
}

impl InventoryInput {
    /// The forecast settings, when given, are sound (the rest is checked as it is ranked).
    pub fn check(&self) -> Result<()> {
        self.forecast
            .as_ref()
            .map_or(Ok(()), ForecastSettings::check)
    }

    /// The settings of the priority.
    pub fn settings(&self) -> PrioritySettings {
        PrioritySettings {
            as_of: self.as_of,
            labour_rate: self.labour_rate,
            weights: self.weights,
            expected_lives: self.expected_lives.clone().unwrap_or_else(default_lives),
            recalls: self.recalls.clone(),
            work_history: true,
        }
    }
}

fn not_negative(field: impl Fn() -> String, value: Option<Decimal>) -> Result<()> {
    match value {
        Some(v) if v < Decimal::ZERO => Err(Error::validation(field(), format!("{v} is negative"))),
        _ => Ok(()),
    }
}

/// A work order's amounts are zero or more (or missing).
fn work_order_amounts(i: usize, wo: &WorkOrder) -> Result<()> {
    let place = |field: &str| format!("work_orders[{i}].{field}");
    not_negative(|| place("labour_hours"), wo.labour_hours)?;
    not_negative(|| place("parts_cost"), wo.parts_cost)?;
    not_negative(|| place("vendor_cost"), wo.vendor_cost)?;
    not_negative(|| place("downtime_hours"), wo.downtime_hours)
}

/// The rules of an inventory: unique asset numbers, no negative amount, an expected life
/// over zero, Fennigkoh-Smith parts in their ranges, work orders and recalls of assets
/// that exist, a labour rate of zero or more, and sound weights and lives.
pub fn check_inventory(
    assets: &[Asset],
    work_orders: &[WorkOrder],
    settings: &PrioritySettings,
) -> Result<()> {
    checked_totals(assets, work_orders, settings).map(|_| ())
}

/// [`check_inventory`], summing each asset's work orders (by the asset's place in
/// `assets`) on the way. The work orders are summed in parallel, each thread over its own
/// part of them, in the order they come: no work order is looked at twice.
pub(crate) fn checked_totals(
    assets: &[Asset],
    work_orders: &[WorkOrder],
    settings: &PrioritySettings,
) -> Result<Vec<WorkOrderTotals>> {
    not_negative(|| "labour_rate".into(), Some(settings.labour_rate))?;
    settings.weights.check()?;
    check_lives(&settings.expected_lives)?;
    let mut numbers: FxHashMap<&str, usize> =
        FxHashMap::with_capacity_and_hasher(assets.len(), Default::default());
    for (i, a) in assets.iter().enumerate() {
        let n = a.asset_number.trim();
        if n.is_empty() {
            return Err(Error::validation(
                format!("assets[{i}].asset_number"),
                "an asset needs its asset number",
            ));
        }
        if numbers.insert(a.asset_number.as_str(), i).is_some() {
            return Err(Error::validation(
                format!("assets[{n}].asset_number"),
                format!("asset number {n} is in the inventory twice"),
            ));
        }
        not_negative(
            || format!("assets[{n}].acquisition_cost"),
            a.acquisition_cost,
        )?;
        if let Some(y) = a.expected_life_years {
            if y <= Decimal::ZERO {
                return Err(Error::validation(
                    format!("assets[{n}].expected_life_years"),
                    format!("{y} years is not a life: give more than 0, or leave it blank"),
                ));
            }
        }
        em_parts(a)?;
    }
    // Each part sums its work orders or stops at the first that breaks a rule; the first
    // of all those is reported.
    let part = work_orders
        .len()
        .div_ceil(rayon::current_num_threads())
        .max(1);
    let parts: Vec<std::result::Result<Vec<WorkOrderTotals>, usize>> = work_orders
        .par_chunks(part)
        .enumerate()
        .map(|(k, chunk)| {
            let mut totals = vec![WorkOrderTotals::default(); assets.len()];
            for (j, wo) in chunk.iter().enumerate() {
                match numbers.get(wo.asset_number.as_str()) {
                    Some(&a) if work_order_amounts(0, wo).is_ok() => totals[a].add(wo),
                    _ => return Err(k * part + j),
                }
            }
            Ok(totals)
        })
        .collect();
    if let Some(i) = parts.iter().find_map(|p| p.as_ref().err()) {
        let wo = &work_orders[*i];
        if !numbers.contains_key(wo.asset_number.as_str()) {
            return Err(Error::validation(
                format!("work_orders[{i}].asset_number"),
                format!("no asset {} in the inventory", wo.asset_number),
            ));
        }
        work_order_amounts(*i, wo)?;
    }
    for (i, r) in settings.recalls.iter().flatten().enumerate() {
        if !numbers.contains_key(r.asset_number.as_str()) {
            return Err(Error::validation(
                format!("recalls[{i}].asset_number"),
                format!("no asset {} in the inventory", r.asset_number),
            ));
        }
    }
    let mut parts = parts.into_iter().flatten();
    let mut totals = parts
        .next()
        .unwrap_or_else(|| vec![WorkOrderTotals::default(); assets.len()]);
    for other in parts {
        totals
            .par_iter_mut()
            .zip(other.par_iter())
            .for_each(|(t, o)| t.merge(o));
    }
    Ok(totals)
}
