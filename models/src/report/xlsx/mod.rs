//! A request as a workbook (XLSX) and its ranked comparison as CSV: the brief's figures as
//! numbers a spreadsheet can compute with.
//!
//! [`build_export`] gathers the engines' results (the same [`assess`],
//! [`request_lifecycle`] and financial case the brief prints) into a pure [`RequestExport`]; [`render_xlsx`]
//! and [`render_csv`] write it. Figures are rounded only here, for presentation: scores,
//! contributions and weights to 0.1 under the one rounding rule of every output
//! ([`crate::ranking::shown`]), amounts to the cent so that they add up to their totals
//! ([`round_amounts_to_total`](crate::money::round_amounts_to_total)).
//! Cells hold numbers with number formats, never numbers as text.
//!
//! Here the export as a value; `shown` rounds it for presentation, `workbook` writes the
//! workbook, a sheet a file, and `csv` the ranked comparison.

mod csv;
mod shown;
mod workbook;

use chrono::NaiveDate;

use super::brief::{content_hash, BriefInputs};
use crate::assessment::{assess, request_lifecycle, RequestLifecycle, RequestRanking};
use crate::domain::CapitalRequest;
use crate::error::Error;
use crate::money::Currency;

pub(crate) use csv::inert;
pub use csv::render_csv;
pub use shown::{
    ranking_rows, shown_fiscal_years, shown_schedule, RankingRow, ShownSchedule, ShownYear,
};
pub use workbook::render_xlsx;

/// Sheet names, in workbook order.
pub const SHEETS: [&str; 5] = ["Ranking", "Scores", "Lifecycle", "Funding", "Compatibility"];
/// The sheet after them when some candidate has savings, revenue or a lease entered.
pub const FINANCIAL_CASE_SHEET: &str = "Financial case";

/// The cost elements of a schedule year, in column order, with their column titles.
pub const COST_ELEMENTS: [&str; 11] = [
    "Purchase",
    "Installation",
    "IT integration",
    "Training",
    "Service",
    "Consumables",
    "Energy",
    "Software",
    "Staffing",
    "Disposal",
    "Residual value",
];
/// One evaluator's score of one candidate on one criterion, with the comment.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreLine {
    pub evaluator: String,
    pub role: String,
    pub candidate: String,
    pub criterion: String,
    pub score: u8,
    pub comment: String,
}

/// Everything the workbook holds about a request.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestExport {
    pub portfolio_name: String,
    pub facility: String,
    pub department: String,
    pub request: CapitalRequest,
    pub as_of: NaiveDate,
    /// The brief's content hash: a workbook and a brief with the same hash show the same data.
    pub content_hash: String,
    pub currency: Currency,
    pub ranking: Option<RequestRanking>,
    /// Why there is no ranking (no candidates, no criteria, invalid weights).
    pub ranking_problem: Option<String>,
    pub lifecycle: RequestLifecycle,
    /// Evaluator, then candidate, then criterion order.
    pub scores: Vec<ScoreLine>,
    /// The candidates against the site IT profile.
    pub compatibility: crate::compat::CompatibilityReport,
    /// The candidates' financial cases, when savings, revenue or a lease are entered.
    pub financial_case: Option<crate::finance::case::RequestFinancialCase>,
}

/// Gathers the export of a request from the engines. Pure: no clock, no I/O.
pub fn build_export(inputs: &BriefInputs, as_of: NaiveDate) -> RequestExport {
    let a = &inputs.assessment;
    let (ranking, ranking_problem) = match assess(a) {
        Ok(r) => (Some(r), None),
        Err(e) => (
            None,
            Some(match e {
                Error::Validation { message, .. } | Error::Conflict { message, .. } => message,
                other => other.to_string(),
            }),
        ),
    };
    fn order<T: PartialEq>(id: T, ids: &[T]) -> usize {
        ids.iter().position(|x| *x == id).unwrap_or(usize::MAX)
    }
    let evaluator_ids: Vec<_> = a.evaluators.iter().map(|e| e.id).collect();
    let candidate_ids: Vec<_> = a.candidates.iter().map(|c| c.id).collect();
    let criterion_ids: Vec<_> = a.criteria.iter().map(|c| c.id).collect();
    let mut scores: Vec<(usize, usize, usize, ScoreLine)> = a
        .scores
        .iter()
        .map(|s| {
            let e = a.evaluators.iter().find(|e| e.id == s.evaluator_id);
            let c = a.candidates.iter().find(|c| c.id == s.candidate_id);
            let k = a.criteria.iter().find(|k| k.id == s.criterion_id);
            (
                order(s.evaluator_id, &evaluator_ids),
                order(s.candidate_id, &candidate_ids),
                order(s.criterion_id, &criterion_ids),
                ScoreLine {
                    evaluator: e.map_or_else(
                        || format!("evaluator {}", s.evaluator_id),
                        |e| e.name.clone(),
                    ),
                    role: e.map(|e| e.role.clone()).unwrap_or_default(),
                    candidate: c
                        .map_or_else(|| format!("candidate {}", s.candidate_id), |c| c.label()),
                    criterion: k.map_or_else(
                        || format!("criterion {}", s.criterion_id),
                        |k| k.name.clone(),
                    ),
                    score: s.score,
                    comment: s.comment.clone(),
                },
            )
        })
        .collect();
    scores.sort_by_key(|(e, c, k, _)| (*e, *c, *k));
    let lifecycle = request_lifecycle(a);
    let financial_case = Some(crate::finance::case::request_financial_case(
        a,
        &lifecycle,
        &inputs.financial,
    ))
    .filter(|f| f.has_case());
    RequestExport {
        portfolio_name: inputs.portfolio_name.clone(),
        facility: inputs.facility.clone(),
        department: inputs.department.clone(),
        request: a.request.clone(),
        as_of,
        content_hash: content_hash(inputs, as_of),
        currency: a.request.currency.clone(),
        ranking,
        ranking_problem,
        lifecycle,
        scores: scores.into_iter().map(|(_, _, _, s)| s).collect(),
        compatibility: crate::assessment::compatibility(a),
        financial_case,
    }
}
#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::shown::{cents, elements};
    use super::*;
    use crate::report::brief_inputs;
    use crate::store::Portfolio;
    use rust_decimal::Decimal;

    fn demo_export() -> RequestExport {
        let mut p = Portfolio::in_memory().unwrap();
        crate::demo::write_demo(&mut p).unwrap();
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        build_export(&brief_inputs(&p, crate::ids::RequestId(1)).unwrap(), as_of)
    }

    #[test]
    fn shown_amounts_add_up_and_stay_within_a_cent() {
        let e = demo_export();
        for c in &e.lifecycle.candidates {
            let lc = c.lifecycle.as_ref().unwrap();
            let shown = shown_schedule(lc);
            for (y, exact) in shown.years.iter().zip(&lc.schedule) {
                assert_eq!(y.elements.iter().sum::<Decimal>(), y.total);
                assert!((y.total - exact.total).abs() <= Decimal::new(1, 2));
                for (s, x) in y.elements.iter().zip(elements(exact)) {
                    assert!((*s - x).abs() <= Decimal::new(1, 2));
                }
            }
            assert_eq!(
                shown.element_totals.iter().sum::<Decimal>(),
                shown.nominal_total
            );
            assert_eq!(shown.nominal_total, cents(lc.nominal_total));
            assert!((shown.npv - lc.npv).abs() <= Decimal::new(1, 2));
            let last = shown.years.last().unwrap();
            assert_eq!(last.cumulative, shown.nominal_total);
            assert_eq!(last.cumulative_present_value, shown.npv);
            let fys = shown_fiscal_years(lc);
            for (_, cap, op, total) in &fys {
                assert_eq!(cap + op, *total);
            }
        }
    }

    #[test]
    fn shown_contributions_are_within_rounding_of_the_score() {
        let e = demo_export();
        for row in ranking_rows(e.ranking.as_ref().unwrap()) {
            let sum: Decimal = row.contributions.iter().flatten().sum();
            let n = Decimal::from(row.contributions.len() as u32);
            assert!((sum - row.score.unwrap()).abs() <= n * Decimal::new(5, 2));
        }
    }

    #[test]
    fn same_export_same_bytes() {
        let e = demo_export();
        assert!(render_xlsx(&e).unwrap() == render_xlsx(&e).unwrap());
    }
}
