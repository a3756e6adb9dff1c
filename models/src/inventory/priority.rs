//! The replacement priority of the installed base: which assets to replace next, and why.
//!
//! Each asset gets a score from 0 to 100, the weighted mean of its factors' severities
//! (`factors`: age against expected life, maintenance cost, reliability, end of
//! manufacturer support, the equipment management number, open recalls, and an
//! unsupported operating system on the network): `100 x Σ wₖ sₖ / Σ wₖ` over the factors
//! whose data is known. A factor whose data is missing is left out and named, never read
//! as zero; an asset with no factor known gets no score and says so. The weights are the
//! committee's, in whole points; the product's defaults are age 25, maintenance cost 20,
//! reliability 15, end of support 10, risk 10, recalls 10, cyber 10.
//!
//! Retired assets are not ranked. The ranking sorts by score, highest first, assets with
//! no score last, ties by asset number.

use std::collections::HashMap;

use chrono::NaiveDate;
use rayon::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::em::em_parts;
use super::factors::{self, FactorValue, Reading};
use super::lives::{ExpectedLife, LifeSource, LifeTable};
use super::maintenance::{
    mel_percent, record_of_totals, service_start, years_between, WorkOrderTotals,
};
use super::{Asset, AssetStatus, WorkOrder};
use crate::error::{Error, Result};

/// A reason to replace an asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Factor {
    Age,
    MaintenanceCost,
    Reliability,
    EndOfSupport,
    Risk,
    Recalls,
    Cyber,
}

crate::ipc::choice!(Factor {
    Age => "Age against expected life",
    MaintenanceCost => "Maintenance cost (MEL %)",
    Reliability => "Reliability (failures, downtime)",
    EndOfSupport => "End of manufacturer support",
    Risk => "Equipment management number",
    Recalls => "Open recalls",
    Cyber => "Unsupported operating system on the network",
});

impl Factor {
    /// The factor in a sentence: "age against expected life".
    fn words(self) -> &'static str {
        match self {
            Factor::Age => "age against expected life",
            Factor::MaintenanceCost => "maintenance cost",
            Factor::Reliability => "reliability",
            Factor::EndOfSupport => "end of manufacturer support",
            Factor::Risk => "equipment management number",
            Factor::Recalls => "recalls",
            Factor::Cyber => "operating system on the network",
        }
    }
}

/// How the factors weigh, in whole points: the committee's to edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct ReplacementWeights {
    pub age: u32,
    pub maintenance_cost: u32,
    pub reliability: u32,
    pub end_of_support: u32,
    pub risk: u32,
    pub recalls: u32,
    pub cyber: u32,
}

impl Default for ReplacementWeights {
    fn default() -> Self {
        ReplacementWeights {
            age: 25,
            maintenance_cost: 20,
            reliability: 15,
            end_of_support: 10,
            risk: 10,
            recalls: 10,
            cyber: 10,
        }
    }
}

impl ReplacementWeights {
    fn of(&self, factor: Factor) -> u32 {
        match factor {
            Factor::Age => self.age,
            Factor::MaintenanceCost => self.maintenance_cost,
            Factor::Reliability => self.reliability,
            Factor::EndOfSupport => self.end_of_support,
            Factor::Risk => self.risk,
            Factor::Recalls => self.recalls,
            Factor::Cyber => self.cyber,
        }
    }

    /// Weights are whole points, at most 1,000 each, and not all zero.
    pub fn check(&self) -> Result<()> {
        let all = <Factor as crate::ipc::Choice>::VALUES;
        if let Some(f) = all.iter().find(|f| self.of(**f) > 1_000) {
            return Err(Error::validation(
                format!("weights.{}", serde_name(*f)),
                format!("{} is more than 1,000 points", self.of(*f)),
            ));
        }
        if all.iter().all(|f| self.of(*f) == 0) {
            return Err(Error::validation(
                "weights",
                "at least one factor of the priority needs a weight",
            ));
        }
        Ok(())
    }
}

fn serde_name(f: Factor) -> &'static str {
    match f {
        Factor::Age => "age",
        Factor::MaintenanceCost => "maintenance_cost",
        Factor::Reliability => "reliability",
        Factor::EndOfSupport => "end_of_support",
        Factor::Risk => "risk",
        Factor::Recalls => "recalls",
        Factor::Cyber => "cyber",
    }
}

/// Whether a recall still applies to the asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RecallStatus {
    #[default]
    Open,
    Closed,
}

crate::ipc::choice!(RecallStatus {
    Open => "Open",
    Closed => "Closed",
});

/// A recall (or safety notice) matched to an asset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RecallMatch {
    pub asset_number: String,
    pub recall_id: String,
    #[serde(default)]
    pub status: RecallStatus,
}

/// What the priority is computed with, besides the assets and work orders.
#[derive(Debug, Clone, PartialEq)]
pub struct PrioritySettings {
    pub as_of: NaiveDate,
    /// Money per labour hour of a work order.
    pub labour_rate: Decimal,
    pub weights: ReplacementWeights,
    pub expected_lives: Vec<ExpectedLife>,
    /// The recalls matched to assets; `None` when recalls were not looked at (the factor
    /// is then missing for every asset, not zero).
    pub recalls: Option<Vec<RecallMatch>>,
    /// Whether the work-order history was looked at: when no history was imported, the
    /// maintenance cost and reliability are missing for every asset, not zero.
    pub work_history: bool,
}

/// One factor of an asset's priority.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FactorScore {
    pub factor: Factor,
    /// The data, serialised in words: "11.2 of 10 years".
    #[ts(type = "string")]
    pub value: FactorValue,
    /// 0 to 1, to three decimals.
    #[serde(with = "crate::money::decimal_text")]
    #[ts(type = "string")]
    pub severity: Decimal,
    pub weight: u32,
    /// Points of the 0-100 score, to one decimal.
    #[serde(with = "crate::money::decimal_text")]
    #[ts(type = "string")]
    pub contribution: Decimal,
}

/// An asset's replacement priority with its explanation.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AssetPriority {
    pub asset_number: String,
    pub device_type: Option<String>,
    pub department: Option<String>,
    /// 0 to 100, to one decimal; none when no factor is known.
    #[serde(with = "crate::money::decimal_text::option")]
    #[ts(type = "string | null")]
    pub score: Option<Decimal>,
    /// The factors known, in the order of [`Factor`].
    pub factors: Vec<FactorScore>,
    /// The factors left out for missing data.
    pub missing: Vec<Factor>,
    /// The top reasons in words, strongest first (at most three).
    pub drivers: Vec<String>,
    /// One sentence: the score and its drivers, and what is not known.
    pub explanation: String,
    #[serde(with = "crate::money::decimal_text::option")]
    #[ts(type = "string | null")]
    pub age_years: Option<Decimal>,
    #[serde(with = "crate::money::decimal_text::option")]
    #[ts(type = "string | null")]
    pub expected_life_years: Option<Decimal>,
    pub expected_life_source: Option<LifeSource>,
    /// Lifetime maintenance cost, to the cent.
    #[serde(with = "crate::money::decimal_text::option")]
    #[ts(type = "string | null")]
    pub maintenance_cost: Option<Decimal>,
    #[serde(with = "crate::money::decimal_text::option")]
    #[ts(type = "string | null")]
    pub mel_percent: Option<Decimal>,
    pub work_orders: u32,
    #[serde(with = "crate::money::decimal_text::option")]
    #[ts(type = "string | null")]
    pub failures_per_year: Option<Decimal>,
    #[serde(with = "crate::money::decimal_text::option")]
    #[ts(type = "string | null")]
    pub downtime_hours: Option<Decimal>,
    /// The Fennigkoh-Smith number, when its parts are stated.
    pub em: Option<i32>,
    #[ts(type = "string | null")]
    pub end_of_support: Option<NaiveDate>,
    /// The open recalls matched to the asset.
    pub recalls: Vec<String>,
}

/// What every asset's assessment shares.
struct Context<'a> {
    settings: &'a PrioritySettings,
    lives: LifeTable,
    open_recalls: Option<HashMap<&'a str, Vec<String>>>,
}

/// The replacement priority of every active asset, highest first. Refuses input that
/// breaks a rule (see [`super::input::check_inventory`]).
pub fn rank(
    assets: &[Asset],
    work_orders: &[WorkOrder],
    settings: &PrioritySettings,
) -> Result<Vec<AssetPriority>> {
    let totals = super::input::checked_totals(assets, work_orders, settings)?;
    let open_recalls = settings.recalls.as_ref().map(|recalls| {
        let mut open: HashMap<&str, Vec<String>> = HashMap::new();
        for r in recalls.iter().filter(|r| r.status == RecallStatus::Open) {
            open.entry(r.asset_number.as_str())
                .or_default()
                .push(r.recall_id.clone());
        }
        open
    });
    let ctx = Context {
        settings,
        lives: LifeTable::new(&settings.expected_lives),
        open_recalls,
    };
    let out: Vec<AssetPriority> = assets
        .par_iter()
        .enumerate()
        .filter(|(_, a)| a.status == AssetStatus::Active)
        .map(|(i, a)| assess(a, &totals[i], &ctx))
        .collect();
    Ok(highest_first(out))
}

/// The priorities by score, highest first, no score last, ties by asset number. Sorted by
/// a small key (the score in tenths, which is its precision) and moved once: sorting the
/// priorities themselves would move every one of them many times.
fn highest_first(mut priorities: Vec<AssetPriority>) -> Vec<AssetPriority> {
    let tenths = |p: &AssetPriority| {
        p.score
            .and_then(|s| (s * Decimal::TEN).round().to_i64())
            .map_or(i64::MAX, |t| -t)
    };
    // The asset number's first eight bytes as a number settle most ties without reading
    // the strings.
    let prefix = |n: &str| {
        let mut head = [0u8; 8];
        let len = n.len().min(8);
        head[..len].copy_from_slice(&n.as_bytes()[..len]);
        u64::from_be_bytes(head)
    };
    let mut order: Vec<(i64, u64, &str, usize)> = priorities
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            let n = p.asset_number.as_str();
            (tenths(p), prefix(n), n, i)
        })
        .collect();
    order.par_sort_unstable();
    // Where each priority goes; then each swap puts one priority in its place.
    let mut place = vec![0; order.len()];
    for (to, (_, _, _, from)) in order.into_iter().enumerate() {
        place[from] = to;
    }
    for i in 0..priorities.len() {
        while place[i] != i {
            let j = place[i];
            priorities.swap(i, j);
            place.swap(i, j);
        }
    }
    priorities
}

/// One asset's priority. Its EM parts were checked with the inventory.
fn assess(asset: &Asset, work_orders: &WorkOrderTotals, ctx: &Context) -> AssetPriority {
    let s = ctx.settings;
    let mut record = record_of_totals(asset, work_orders, s.labour_rate, s.as_of);
    if !s.work_history {
        record.cost = None;
        record.failures_per_year = None;
        record.downtime_hours = None;
        record.downtime_hours_per_year = None;
    }
    let life = ctx.lives.expected_life(asset);
    let age = service_start(asset).map(|start| years_between(start, s.as_of).max(Decimal::ZERO));
    let mel = mel_percent(record.cost, asset.acquisition_cost);
    let em = em_parts(asset).ok().flatten();
    let recalls: Option<Vec<String>> = ctx.open_recalls.as_ref().map(|open| {
        open.get(asset.asset_number.as_str())
            .cloned()
            .unwrap_or_default()
    });
    let readings: [(Factor, Option<Reading>); 7] = [
        (
            Factor::Age,
            age.zip(life).map(|(a, (l, _))| factors::age(a, l)),
        ),
        (Factor::MaintenanceCost, mel.map(factors::maintenance_cost)),
        (
            Factor::Reliability,
            factors::reliability(record.failures_per_year, record.downtime_hours_per_year),
        ),
        (
            Factor::EndOfSupport,
            asset
                .end_of_support
                .map(|end| factors::end_of_support(end, s.as_of)),
        ),
        (Factor::Risk, em.as_ref().map(factors::risk)),
        (Factor::Recalls, recalls.as_deref().map(factors::recalls)),
        (Factor::Cyber, factors::cyber(asset, s.as_of)),
    ];
    let scored = score(readings, &s.weights);
    AssetPriority {
        asset_number: asset.asset_number.clone(),
        device_type: asset.device_type.clone(),
        department: asset.department.clone(),
        score: scored.score,
        factors: scored.factors,
        missing: scored.missing,
        drivers: scored.drivers,
        explanation: scored.explanation,
        age_years: age.map(|a| a.round_dp(1)),
        expected_life_years: life.map(|(l, _)| l),
        expected_life_source: life.map(|(_, src)| src),
        maintenance_cost: record.cost.map(|c| c.round_dp(2)),
        mel_percent: mel.map(|m| m.round_dp(1)),
        work_orders: record.work_orders,
        failures_per_year: record.failures_per_year.map(|f| f.round_dp(2)),
        downtime_hours: record.downtime_hours,
        em: em.map(|e| e.number()),
        end_of_support: asset.end_of_support,
        recalls: recalls.unwrap_or_default(),
    }
}

struct Scored {
    score: Option<Decimal>,
    factors: Vec<FactorScore>,
    missing: Vec<Factor>,
    drivers: Vec<String>,
    explanation: String,
}

/// The weighted mean of the known factors, with the drivers and the sentence.
fn score(readings: [(Factor, Option<Reading>); 7], weights: &ReplacementWeights) -> Scored {
    let weighed = |f: Factor| weights.of(f) > 0;
    let known_weight: u32 = readings
        .iter()
        .filter(|(f, r)| r.is_some() && weighed(*f))
        .map(|(f, _)| weights.of(*f))
        .sum();
    let missing: Vec<Factor> = readings
        .iter()
        .filter(|(f, r)| r.is_none() && weighed(*f))
        .map(|(f, _)| *f)
        .collect();
    // Points per unit of weighted severity: one division per asset, not one per factor.
    let scale = if known_weight > 0 {
        Decimal::ONE_HUNDRED / Decimal::from(known_weight)
    } else {
        Decimal::ZERO
    };
    let scored: Vec<(Factor, Reading, Decimal)> = readings
        .into_iter()
        .filter(|(f, _)| weighed(*f) && known_weight > 0)
        .filter_map(|(f, r)| {
            let r = r?;
            let points = scale * Decimal::from(weights.of(f)) * r.severity;
            Some((f, r, points))
        })
        .collect();
    let total: Decimal = scored.iter().map(|s| s.2).sum();
    let mut ranked: Vec<usize> = (0..scored.len())
        .filter(|i| scored[*i].2 > Decimal::ZERO)
        .collect();
    ranked.sort_by(|a, b| scored[*b].2.cmp(&scored[*a].2).then(a.cmp(b)));
    let drivers: Vec<String> = ranked
        .iter()
        .take(3)
        .map(|i| scored[*i].1.driver())
        .collect();
    let factors: Vec<FactorScore> = scored
        .into_iter()
        .map(|(f, r, points)| FactorScore {
            factor: f,
            value: r.value,
            severity: r.severity.round_dp(3).normalize(),
            weight: weights.of(f),
            contribution: points.round_dp(1),
        })
        .collect();
    let not_known = || {
        missing
            .iter()
            .map(|f| f.words())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if known_weight == 0 {
        let explanation = if missing.is_empty() {
            "No score: every factor known has a weight of 0".to_string()
        } else {
            format!("No score: nothing is known of its {}", not_known())
        };
        return Scored {
            score: None,
            explanation,
            factors,
            missing,
            drivers,
        };
    }
    let mut value = total.round_dp(1);
    value.rescale(1);
    let mut explanation = format!("{value}: ");
    if drivers.is_empty() {
        explanation.push_str("no factor gives a reason to replace it");
    }
    for (i, d) in drivers.iter().enumerate() {
        if i > 0 {
            explanation.push_str("; ");
        }
        explanation.push_str(d);
    }
    if !missing.is_empty() {
        explanation.push_str("; not known: ");
        explanation.push_str(&not_known());
    }
    Scored {
        score: Some(value),
        factors,
        missing,
        drivers,
        explanation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::WorkOrderKind;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn settings() -> PrioritySettings {
        PrioritySettings {
            as_of: d(2027, 7, 1),
            labour_rate: dec!(100),
            weights: ReplacementWeights::default(),
            expected_lives: vec![ExpectedLife {
                device_type: "Infusion pump".into(),
                years: Some(dec!(10)),
                source: None,
            }],
            recalls: None,
            work_history: true,
        }
    }

    fn asset(n: &str) -> Asset {
        Asset {
            asset_number: n.into(),
            ..Default::default()
        }
    }

    #[test]
    fn an_asset_with_nothing_known_gets_no_score_and_says_so() {
        let r = rank(&[asset("A")], &[], &settings()).unwrap();
        assert_eq!(r[0].score, None);
        assert_eq!(r[0].missing.len(), 7);
        assert!(
            r[0].explanation
                .starts_with("No score: nothing is known of its age"),
            "{}",
            r[0].explanation
        );
    }

    /// Age 12 of 10 years (severity 1, weight 25) and MEL 40 % (severity 0.75, weight 20),
    /// with reliability known (no work order: 0 failures, severity 0, weight 15): the
    /// others are missing. Score = 100 x (25 x 1 + 20 x 0.75 + 15 x 0) / 60 = 66.7.
    #[test]
    fn the_score_is_the_weighted_mean_of_the_known_factors_only() {
        let mut a = asset("A");
        a.device_type = Some("infusion pump".into());
        a.in_service_date = Some(d(2015, 7, 1));
        a.acquisition_cost = Some(dec!(10000));
        let wo = WorkOrder {
            asset_number: "A".into(),
            number: None,
            date: d(2020, 1, 1),
            kind: WorkOrderKind::Preventive,
            labour_hours: Some(dec!(10)),
            parts_cost: Some(dec!(3000)),
            vendor_cost: None,
            downtime_hours: None,
        };
        let r = rank(&[a], &[wo], &settings()).unwrap();
        let p = &r[0];
        assert_eq!(p.mel_percent, Some(dec!(40.0)));
        assert_eq!(p.score.map(|s| s.to_string()), Some("66.7".into()));
        assert_eq!(
            p.missing,
            [
                Factor::EndOfSupport,
                Factor::Risk,
                Factor::Recalls,
                Factor::Cyber
            ]
        );
        assert_eq!(p.drivers[0], "past its expected life (12 of 10 years)");
        assert_eq!(
            p.drivers[1],
            "maintenance has cost 40 % of its purchase price"
        );
        assert!(p
            .explanation
            .contains("not known: end of manufacturer support"));
        let age = &p.factors[0];
        assert_eq!((age.factor, age.weight), (Factor::Age, 25));
        assert_eq!(age.contribution, dec!(41.7));
    }

    #[test]
    fn ranking_is_by_score_then_asset_number_unscored_last_and_retired_left_out() {
        let mut s = settings();
        s.recalls = Some(vec![RecallMatch {
            asset_number: "C".into(),
            recall_id: "Z-1".into(),
            status: RecallStatus::Open,
        }]);
        let mut retired = asset("R");
        retired.status = AssetStatus::Retired;
        let assets = [asset("B"), asset("C"), asset("A"), retired];
        let r = rank(&assets, &[], &s).unwrap();
        let order: Vec<(&str, Option<String>)> = r
            .iter()
            .map(|p| (p.asset_number.as_str(), p.score.map(|s| s.to_string())))
            .collect();
        // Every asset has recalls known (and reliability: no work order, no start date
        // leaves it missing), so C scores 100 and A and B 0.
        assert_eq!(
            order,
            [
                ("C", Some("100.0".into())),
                ("A", Some("0.0".into())),
                ("B", Some("0.0".into()))
            ]
        );
        assert_eq!(r[0].drivers, ["recall 1 open (Z-1)"]);
        assert_eq!(
            r[1].explanation.split(';').next(),
            Some("0.0: no factor gives a reason to replace it")
        );
    }

    #[test]
    fn a_weight_of_zero_takes_a_factor_out() {
        let mut s = settings();
        s.weights.recalls = 0;
        s.recalls = Some(vec![]);
        let r = rank(&[asset("A")], &[], &s).unwrap();
        assert_eq!(r[0].score, None);
        assert!(!r[0].missing.contains(&Factor::Recalls));
    }

    #[test]
    fn bad_inventories_are_refused_naming_the_place() {
        let s = settings();
        let refused =
            |assets: &[Asset], wos: &[WorkOrder]| rank(assets, wos, &s).unwrap_err().to_string();
        let e = refused(&[asset("A"), asset("A")], &[]);
        assert!(e.contains("assets[A].asset_number"), "{e}");
        let mut neg = asset("A");
        neg.acquisition_cost = Some(dec!(-1));
        assert!(refused(&[neg], &[]).contains("assets[A].acquisition_cost"));
        let mut zero_life = asset("A");
        zero_life.expected_life_years = Some(dec!(0));
        assert!(refused(&[zero_life], &[]).contains("assets[A].expected_life_years"));
        let mut em = asset("A");
        em.em_function = Some(11);
        assert!(refused(&[em], &[]).contains("assets[A].em_function"));
        let orphan = WorkOrder {
            asset_number: "Z".into(),
            number: None,
            date: d(2020, 1, 1),
            kind: WorkOrderKind::Corrective,
            labour_hours: None,
            parts_cost: None,
            vendor_cost: None,
            downtime_hours: None,
        };
        let e = refused(&[asset("A")], &[orphan]);
        assert!(
            e.contains("work_orders[0].asset_number") && e.contains("no asset Z"),
            "{e}"
        );
    }
}
