//! The replacement priority of a portfolio's inventory: its settings (labour rate,
//! weights, expected lives), the recalls matched to its assets, the priority of every
//! asset computed and stored for the inventory page, one asset's panel, and the forecast.

use std::str::FromStr;

use chrono::NaiveDate;
use rusqlite::params;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::inventory_view::StoredPriority;
use super::Portfolio;
use crate::error::{Error, Result};
use crate::inventory::fda::{check_product_code, ProductCode};
use crate::inventory::recall::{match_recalls, Recall};
use crate::inventory::{
    default_lives, forecast, rank, Asset, AssetPriority, ExpectedLife, ForecastSettings,
    PrioritySettings, RecallMatch, RecallStatus, ReplacementForecast, ReplacementWeights,
    WorkOrder,
};

const SETTINGS_KEY: &str = "inventory.settings";
const LIVES_KEY: &str = "inventory.lives_saved";

/// The committee's settings of the replacement priority.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct InventorySettings {
    /// Money per labour hour of a work order; none until the hospital states it (labour
    /// hours are then not costed, and the maintenance cost says so).
    #[serde(with = "crate::money::decimal_text::option")]
    #[ts(type = "string | null")]
    pub labour_rate: Option<Decimal>,
    pub weights: ReplacementWeights,
    pub forecast: ForecastSettings,
}

/// Everything the asset panel shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AssetDetail {
    pub asset: Asset,
    pub priority: Option<AssetPriority>,
    pub work_orders: Vec<WorkOrder>,
    pub recalls: Vec<Recall>,
    /// FDA's classification of its product code.
    pub product: Option<ProductCode>,
    /// Why its product code could not be named ("" when it could or there is none).
    pub product_warning: String,
    /// The requests that replace it: (request id, title).
    pub requests: Vec<(u32, String)>,
}

/// The outcome of computing every asset's priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct PriorityRun {
    /// Active assets ranked.
    pub assets: u32,
    /// Those with a score (the others have no factor known).
    pub scored: u32,
}

fn optional_f64(d: Option<Decimal>) -> Option<f64> {
    d.and_then(|d| d.to_f64())
}

impl Portfolio {
    pub fn inventory_settings(&self) -> Result<InventorySettings> {
        match self.setting(SETTINGS_KEY)? {
            None => Ok(InventorySettings::default()),
            Some(text) => serde_json::from_str(&text).map_err(|e| Error::Corrupt {
                place: SETTINGS_KEY.into(),
                message: e.to_string(),
            }),
        }
    }

    pub fn set_inventory_settings(&mut self, settings: &InventorySettings) -> Result<()> {
        settings.weights.check()?;
        if settings.labour_rate.is_some_and(|r| r < Decimal::ZERO) {
            return Err(Error::validation(
                "labour_rate",
                "a labour rate cannot be negative",
            ));
        }
        let text = serde_json::to_string(settings).map_err(|e| Error::Internal {
            message: e.to_string(),
        })?;
        self.in_one_transaction(|p| p.set_setting(SETTINGS_KEY, &text))
    }

    /// The expected lives by device type: the portfolio's table once saved, else the
    /// shipped one.
    pub fn expected_lives(&self) -> Result<Vec<ExpectedLife>> {
        if self.setting(LIVES_KEY)?.is_none() {
            return Ok(default_lives());
        }
        let mut stmt = self
            .conn
            .prepare("SELECT device_type, years, source FROM expected_life ORDER BY device_type")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (device_type, years, source) = row?;
            let years = years
                .map(|y| {
                    Decimal::from_str(&y).map_err(|_| Error::Corrupt {
                        place: format!("expected life of {device_type}"),
                        message: format!("'{y}' is not a number of years"),
                    })
                })
                .transpose()?;
            out.push(ExpectedLife {
                device_type,
                years,
                source: (!source.is_empty()).then_some(source),
            });
        }
        Ok(out)
    }

    /// Replaces the table of expected lives (checked first: each type once, lives over 0).
    pub fn set_expected_lives(&mut self, lives: &[ExpectedLife]) -> Result<()> {
        crate::inventory::lives::check_lives(lives)?;
        self.in_one_transaction(|p| {
            let conn = p.write()?;
            conn.execute("DELETE FROM expected_life", [])?;
            for l in lives {
                conn.execute(
                    "INSERT INTO expected_life (device_type, years, source) VALUES (?1, ?2, ?3)",
                    params![
                        l.device_type.trim(),
                        l.years.map(|y| y.normalize().to_string()),
                        l.source.clone().unwrap_or_default()
                    ],
                )?;
            }
            p.set_setting(LIVES_KEY, "1")
        })
    }

    /// What the priority is computed with as of a date: the recalls are those imported,
    /// matched to the assets (not looked at when none was ever imported).
    pub fn priority_settings(
        &self,
        assets: &[Asset],
        as_of: NaiveDate,
    ) -> Result<PrioritySettings> {
        let settings = self.inventory_settings()?;
        let recalls = self.recalls()?;
        let matched = (!recalls.is_empty()).then(|| {
            let open: std::collections::HashMap<&str, bool> =
                recalls.iter().map(|r| (r.id.as_str(), r.open)).collect();
            match_recalls(assets, &recalls)
                .into_iter()
                .map(|m| RecallMatch {
                    status: if open.get(m.recall_id.as_str()).copied().unwrap_or(true) {
                        RecallStatus::Open
                    } else {
                        RecallStatus::Closed
                    },
                    asset_number: m.asset_number,
                    recall_id: m.recall_id,
                })
                .collect()
        });
        Ok(PrioritySettings {
            as_of,
            labour_rate: settings.labour_rate.unwrap_or(Decimal::ZERO),
            weights: settings.weights,
            expected_lives: self.expected_lives()?,
            recalls: matched,
            work_history: self.has_work_orders()?,
        })
    }

    /// Every active asset's priority as of a date, highest first.
    pub fn asset_priorities(&self, as_of: NaiveDate) -> Result<Vec<AssetPriority>> {
        let assets = self.assets()?;
        let orders = self.work_orders(None)?;
        let settings = self.priority_settings(&assets, as_of)?;
        rank(&assets, &orders, &settings)
    }

    /// Computes every active asset's priority and stores it for the inventory page (in
    /// one transaction); `progress` hears the share done (0 to 1).
    pub fn refresh_priorities(
        &mut self,
        as_of: NaiveDate,
        progress: &dyn Fn(f64),
    ) -> Result<PriorityRun> {
        progress(0.05);
        let ranked = self.asset_priorities(as_of)?;
        progress(0.6);
        let stored: Vec<StoredPriority> = ranked
            .iter()
            .map(|p| StoredPriority {
                asset_number: p.asset_number.clone(),
                score: optional_f64(p.score),
                age_years: optional_f64(p.age_years),
                mel_percent: optional_f64(p.mel_percent),
                explanation: p.explanation.clone(),
            })
            .collect();
        self.store_priorities(&stored)?;
        progress(1.0);
        Ok(PriorityRun {
            assets: ranked.len() as u32,
            scored: ranked.iter().filter(|p| p.score.is_some()).count() as u32,
        })
    }

    /// One asset with its priority (computed now), work orders, recalls, FDA
    /// classification and the requests that replace it.
    pub fn asset_detail(&self, asset_number: &str, as_of: NaiveDate) -> Result<AssetDetail> {
        let asset = self.asset(asset_number)?;
        let work_orders = self.work_orders(Some(asset_number))?;
        let all = [asset.clone()];
        let settings = self.priority_settings(&all, as_of)?;
        let priority = if asset.status == crate::inventory::AssetStatus::Active {
            rank(&all, &work_orders, &settings)?.into_iter().next()
        } else {
            None
        };
        let recalls = match &settings.recalls {
            Some(matched) => {
                let ids: Vec<&str> = matched.iter().map(|m| m.recall_id.as_str()).collect();
                self.recalls()?
                    .into_iter()
                    .filter(|r| ids.contains(&r.id.as_str()))
                    .collect()
            }
            None => Vec::new(),
        };
        let (product, product_warning) = match asset.product_code.as_deref() {
            None => (None, String::new()),
            Some(code) => match check_product_code(code) {
                Ok(p) => (Some(p.clone()), String::new()),
                Err(w) => (None, w),
            },
        };
        let mut stmt = self.conn.prepare(
            "SELECT r.id, r.title FROM request_asset a JOIN capital_request r ON r.id = a.request_id
             WHERE a.asset_number = ?1 ORDER BY r.id",
        )?;
        let requests = stmt
            .query_map([asset_number], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(AssetDetail {
            asset,
            priority,
            work_orders,
            recalls,
            product,
            product_warning,
            requests,
        })
    }

    /// The replacement spend forecast of the inventory as of a date, with the stored
    /// forecast settings (or `settings` when given).
    pub fn replacement_forecast(
        &self,
        as_of: NaiveDate,
        settings: Option<&ForecastSettings>,
    ) -> Result<ReplacementForecast> {
        let assets = self.assets()?;
        let orders = self.work_orders(None)?;
        let priority = self.priority_settings(&assets, as_of)?;
        let stored = self.inventory_settings()?.forecast;
        forecast(&assets, &orders, &priority, settings.unwrap_or(&stored))
    }
}

impl Portfolio {
    /// A request's justification drafted from the assets it replaces: one line per asset
    /// with its priority and what drives it, highest priority first.
    pub fn replacement_justification(
        &self,
        asset_numbers: &[String],
        as_of: NaiveDate,
    ) -> Result<String> {
        let mut assets = Vec::with_capacity(asset_numbers.len());
        for n in asset_numbers {
            assets.push(self.asset(n)?);
        }
        let mut orders = Vec::new();
        for n in asset_numbers {
            orders.extend(self.work_orders(Some(n))?);
        }
        let settings = self.priority_settings(&assets, as_of)?;
        let ranked = rank(&assets, &orders, &settings)?;
        let mut text = format!(
            "Replaces {} asset{} of the installed base (replacement priority as of {as_of}):",
            asset_numbers.len(),
            if asset_numbers.len() == 1 { "" } else { "s" }
        );
        for p in &ranked {
            let name = [p.device_type.as_deref(), p.department.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            text.push_str(&format!(
                "\n- {} ({name}): {}",
                p.asset_number, p.explanation
            ));
        }
        let retired: Vec<&str> = assets
            .iter()
            .filter(|a| a.status == crate::inventory::AssetStatus::Retired)
            .map(|a| a.asset_number.as_str())
            .collect();
        if !retired.is_empty() {
            text.push_str(&format!("\n- Already retired: {}", retired.join(", ")));
        }
        Ok(text)
    }
}

impl Portfolio {
    /// Whether any work order was ever imported.
    pub fn has_work_orders(&self) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM work_order)", [], |r| r.get(0))?)
    }
}
