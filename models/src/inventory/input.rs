//! The stateless input of the priority and the forecast (docs/json-formats.md,
//! "Inventory priority"), and the rules an inventory must keep before it is ranked: each
//! refusal names the asset, work order or row, and the field.

use std::collections::HashMap;

use chrono::NaiveDate;
use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::em::em_parts;
use super::forecast::ForecastSettings;
use super::lives::{check_lives, default_lives, ExpectedLife};
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
    checked_groups(assets, work_orders, settings).map(|_| ())
}

/// The work orders of each asset (by the asset's place in `assets`), once the inventory
/// is checked.
pub(crate) struct Groups<'a> {
    offsets: Vec<usize>,
    work_orders: Vec<&'a WorkOrder>,
}

impl<'a> Groups<'a> {
    pub(crate) fn of(&self, asset: usize) -> &[&'a WorkOrder] {
        &self.work_orders[self.offsets[asset]..self.offsets[asset + 1]]
    }
}

/// [`check_inventory`], grouping the work orders by asset on the way.
pub(crate) fn checked_groups<'a>(
    assets: &[Asset],
    work_orders: &'a [WorkOrder],
    settings: &PrioritySettings,
) -> Result<Groups<'a>> {
    not_negative(|| "labour_rate".into(), Some(settings.labour_rate))?;
    settings.weights.check()?;
    check_lives(&settings.expected_lives)?;
    let mut numbers: HashMap<&str, usize> = HashMap::with_capacity(assets.len());
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
    // Looked up in parallel; the first work order that breaks a rule is reported.
    let owner: Vec<Option<usize>> = work_orders
        .par_iter()
        .map(|wo| numbers.get(wo.asset_number.as_str()).copied())
        .collect();
    let bad = owner
        .par_iter()
        .zip(work_orders)
        .position_first(|(a, wo)| a.is_none() || work_order_amounts(0, wo).is_err());
    if let Some(i) = bad {
        let wo = &work_orders[i];
        if owner[i].is_none() {
            return Err(Error::validation(
                format!("work_orders[{i}].asset_number"),
                format!("no asset {} in the inventory", wo.asset_number),
            ));
        }
        work_order_amounts(i, wo)?;
    }
    let owner: Vec<usize> = owner.into_iter().flatten().collect();
    let mut counts = vec![0usize; assets.len() + 1];
    for a in &owner {
        counts[a + 1] += 1;
    }
    for (i, r) in settings.recalls.iter().flatten().enumerate() {
        if !numbers.contains_key(r.asset_number.as_str()) {
            return Err(Error::validation(
                format!("recalls[{i}].asset_number"),
                format!("no asset {} in the inventory", r.asset_number),
            ));
        }
    }
    for i in 1..counts.len() {
        counts[i] += counts[i - 1];
    }
    let offsets = counts.clone();
    let mut grouped: Vec<Option<&WorkOrder>> = vec![None; work_orders.len()];
    for (wo, a) in work_orders.iter().zip(owner) {
        grouped[counts[a]] = Some(wo);
        counts[a] += 1;
    }
    Ok(Groups {
        offsets,
        work_orders: grouped.into_iter().flatten().collect(),
    })
}
