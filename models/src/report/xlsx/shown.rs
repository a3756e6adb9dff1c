//! The export's figures as shown, shared by the workbook and the CSV: rounded only here,
//! for presentation. Money is rounded so that shown parts add up to shown totals; scores
//! and contributions follow the one rounding rule of every output
//! ([`crate::ranking::shown`]).

use rust_decimal::{Decimal, RoundingStrategy};

use crate::assessment::RequestRanking;
use crate::lifecycle::{LifecycleCost, ScheduleYear};
use crate::money::{round_amounts_to, round_amounts_to_total};

/// A schedule year's cost elements, in [`super::COST_ELEMENTS`] order.
pub(super) fn elements(y: &ScheduleYear) -> [Decimal; 11] {
    [
        y.purchase,
        y.installation,
        y.it_integration,
        y.training,
        y.service,
        y.consumables,
        y.energy,
        y.software,
        y.staffing,
        y.disposal,
        y.residual,
    ]
}
/// An amount rounded to the cent, half away from zero.
pub(super) fn cents(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// A score in 0..1 as points of 100 to 0.1, under the one rounding rule.
fn points_1dp(score: f64) -> Option<Decimal> {
    crate::ranking::shown::shown(score * 100.0, 1)
}

/// One row of the ranked comparison as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct RankingRow {
    pub rank: Option<u32>,
    pub tied: bool,
    pub candidate: String,
    pub vendor: String,
    /// Points of 100, to 0.1; `None` while a value is missing.
    pub score: Option<Decimal>,
    /// The score with every unconfirmed value failed and passed (equal to `score` when
    /// nothing is unconfirmed).
    pub score_low: Option<Decimal>,
    pub score_high: Option<Decimal>,
    /// Criteria with unconfirmed values.
    pub unconfirmed: Vec<String>,
    /// To the cent.
    pub quoted_total: Decimal,
    /// Points of 100 per criterion, to 0.1 (weighted sum only), each rounded on its own
    /// under the one rounding rule, as every other output shows them.
    pub contributions: Vec<Option<Decimal>>,
}

/// The ranked comparison as shown.
pub fn ranking_rows(r: &RequestRanking) -> Vec<RankingRow> {
    r.candidates
        .iter()
        .map(|c| RankingRow {
            rank: c.rank,
            tied: c.tied,
            candidate: c.label.clone(),
            vendor: c.vendor.clone(),
            score: c.score.and_then(points_1dp),
            score_low: c.score_low.and_then(points_1dp),
            score_high: c.score_high.and_then(points_1dp),
            unconfirmed: c
                .unconfirmed
                .iter()
                .filter_map(|id| r.criteria.iter().find(|k| k.id == *id))
                .map(|k| k.name.clone())
                .collect(),
            quoted_total: cents(c.quoted_total.amount),
            contributions: c
                .cells
                .iter()
                .map(|x| x.contribution.and_then(points_1dp))
                .collect(),
        })
        .collect()
}

/// A candidate's schedule as shown, to the cent: each year's elements add up to its total,
/// the years' totals to the nominal total, the present values to the NPV, and the
/// cumulative columns are running sums of the shown figures.
#[derive(Debug, Clone, PartialEq)]
pub struct ShownSchedule {
    pub years: Vec<ShownYear>,
    /// Column sums of the shown elements.
    pub element_totals: [Decimal; 11],
    pub nominal_total: Decimal,
    pub npv: Decimal,
    pub eac: Decimal,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ShownYear {
    pub year: u32,
    pub fiscal_year: Option<i32>,
    pub elements: [Decimal; 11],
    pub total: Decimal,
    pub present_value: Decimal,
    pub cumulative: Decimal,
    pub cumulative_present_value: Decimal,
}

pub fn shown_schedule(lc: &LifecycleCost) -> ShownSchedule {
    let totals: Vec<Decimal> = lc.schedule.iter().map(|y| y.total).collect();
    let totals = round_amounts_to_total(&totals, 2);
    let pvs: Vec<Decimal> = lc.schedule.iter().map(|y| y.present_value).collect();
    let pvs = round_amounts_to_total(&pvs, 2);
    let mut element_totals = [Decimal::ZERO; 11];
    let (mut cum, mut cum_pv) = (Decimal::ZERO, Decimal::ZERO);
    let years = lc
        .schedule
        .iter()
        .zip(totals.iter().zip(&pvs))
        .map(|(y, (total, pv))| {
            let shown = round_amounts_to(&elements(y), *total, 2);
            let mut el = [Decimal::ZERO; 11];
            for (k, v) in shown.into_iter().enumerate() {
                el[k] = v;
                element_totals[k] += v;
            }
            cum += *total;
            cum_pv += *pv;
            ShownYear {
                year: y.year,
                fiscal_year: y.fiscal_year,
                elements: el,
                total: *total,
                present_value: *pv,
                cumulative: cum,
                cumulative_present_value: cum_pv,
            }
        })
        .collect();
    ShownSchedule {
        years,
        element_totals,
        nominal_total: totals.iter().sum(),
        npv: pvs.iter().sum(),
        eac: cents(lc.eac),
    }
}

/// A candidate's fiscal years as shown, to the cent: capital and operating add up to each
/// year's total, and the years to the candidate's total.
pub fn shown_fiscal_years(lc: &LifecycleCost) -> Vec<(i32, Decimal, Decimal, Decimal)> {
    let totals: Vec<Decimal> = lc.fiscal_years.iter().map(|f| f.total).collect();
    let totals = round_amounts_to_total(&totals, 2);
    lc.fiscal_years
        .iter()
        .zip(totals)
        .map(|(f, total)| {
            let parts = round_amounts_to(&[f.capital, f.operating], total, 2);
            (f.fiscal_year, parts[0], parts[1], total)
        })
        .collect()
}
