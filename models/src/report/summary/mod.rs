//! The capital summary of a fiscal year: every request the committee funds that year, its
//! recommended candidate and capital cost, ordered by score, against an optional capital
//! budget. A pure [`CapitalSummary`] built from the engines ([`assess`],
//! [`request_lifecycle`]), laid out by [`render_summary_pdf`] with the brief's layout.

mod pdf;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::brief::{content_hash, money_units, BriefInputs};
use crate::assessment::{assess, request_lifecycle};
use crate::domain::CapitalRequest;
use crate::error::Result;
use crate::money::Currency;
use crate::store::Portfolio;

pub use pdf::render_summary_pdf;

/// Where a request's capital figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CapitalBasis {
    /// The recommended candidate's year-0 capital from its lifecycle cost.
    LifecycleCapital,
    /// The recommended candidate's quoted total (it has no valid cost model).
    QuotedTotal,
    /// The request has no candidates.
    NoCandidates,
    /// The request has candidates but none is ranked yet (values missing, no criteria).
    NotRanked,
}

impl CapitalBasis {
    pub fn text(self) -> &'static str {
        match self {
            CapitalBasis::LifecycleCapital => "year-0 capital",
            CapitalBasis::QuotedTotal => "quoted total",
            CapitalBasis::NoCandidates => "no candidates",
            CapitalBasis::NotRanked => "not ranked yet",
        }
    }
}

/// Whether a request fits the budget, counted in the summary's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetMark {
    Fits,
    OverBudget,
}

/// One request of the fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryLine {
    pub request: CapitalRequest,
    pub department: String,
    pub facility: String,
    /// The top-ranked candidate ("A (tied with B)" when first place is shared).
    pub recommended: Option<String>,
    /// Points of 100 in 0..1 (weighted sum) or closeness (TOPSIS).
    pub score: Option<f64>,
    /// The capital cost, exact; `None` without a recommended candidate.
    pub capital: Option<Decimal>,
    pub basis: CapitalBasis,
    /// Capital of this request and all before it (summary currency only).
    pub running_total: Option<Decimal>,
    /// Set when a budget is given and the request has a capital figure.
    pub mark: Option<BudgetMark>,
    /// Set when the request is not in the summary's currency (then it is not summed).
    pub other_currency: bool,
}

/// The capital summary of one fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapitalSummary {
    pub portfolio_name: String,
    pub fiscal_year: i32,
    pub as_of: NaiveDate,
    pub currency: Currency,
    pub budget: Option<Decimal>,
    /// Ranked requests by score (highest first), then those without a ranking, by id.
    pub lines: Vec<SummaryLine>,
    /// Sum of the capital figures in the summary's currency.
    pub total_capital: Decimal,
    /// Capital of the requests that fit, in order, before the first that does not.
    pub within_budget: Option<Decimal>,
    /// Capital by department, largest first.
    pub by_department: Vec<(String, Decimal)>,
    /// First 12 hex digits of the SHA-256 of the requests' brief hashes, fiscal year and budget.
    pub content_hash: String,
}

/// What the summary is built from: each request's brief inputs.
#[derive(Debug, Clone)]
pub struct SummaryInputs {
    pub portfolio_name: String,
    pub fiscal_year: i32,
    pub currency: Currency,
    pub requests: Vec<BriefInputs>,
}

/// Reads every request whose target fiscal year is `fiscal_year`.
pub fn summary_inputs(p: &Portfolio, fiscal_year: i32) -> Result<SummaryInputs> {
    let requests = p
        .requests()?
        .into_iter()
        .filter(|r| r.request.fiscal_year == fiscal_year)
        .map(|r| super::brief::brief_inputs(p, r.request.id))
        .collect::<Result<Vec<_>>>()?;
    Ok(SummaryInputs {
        portfolio_name: p.info()?.name,
        fiscal_year,
        currency: p.portfolio_assumptions()?.currency,
        requests,
    })
}

/// Builds the summary. Pure: the same inputs, budget and date give the same summary.
pub fn build_summary(
    inputs: &SummaryInputs,
    budget: Option<Decimal>,
    as_of: NaiveDate,
) -> CapitalSummary {
    let mut hasher = Sha256::new();
    hasher.update(format!(
        "capital-summary/1/{}/{:?}/",
        inputs.fiscal_year, budget
    ));
    let mut lines: Vec<SummaryLine> = inputs
        .requests
        .iter()
        .map(|bi| {
            hasher.update(content_hash(bi, as_of));
            line(bi, &inputs.currency)
        })
        .collect();
    lines.sort_by(|a, b| match (a.score, b.score) {
        (Some(x), Some(y)) => y.total_cmp(&x).then(a.request.id.cmp(&b.request.id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.request.id.cmp(&b.request.id),
    });
    let mut running = Decimal::ZERO;
    let mut within_budget = budget.map(|_| Decimal::ZERO);
    let mut over = false;
    for l in &mut lines {
        let Some(c) = l.capital.filter(|_| !l.other_currency) else {
            continue;
        };
        running += c;
        l.running_total = Some(running);
        if let Some(b) = budget {
            let fits = !over && running <= b;
            over |= !fits;
            l.mark = Some(if fits {
                BudgetMark::Fits
            } else {
                BudgetMark::OverBudget
            });
            if fits {
                within_budget = Some(running);
            }
        }
    }
    let mut by_department: Vec<(String, Decimal)> = Vec::new();
    for l in &lines {
        let Some(c) = l.capital.filter(|_| !l.other_currency) else {
            continue;
        };
        match by_department.iter_mut().find(|(d, _)| *d == l.department) {
            Some((_, sum)) => *sum += c,
            None => by_department.push((l.department.clone(), c)),
        }
    }
    by_department.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let digest = hasher.finalize();
    CapitalSummary {
        portfolio_name: inputs.portfolio_name.clone(),
        fiscal_year: inputs.fiscal_year,
        as_of,
        currency: inputs.currency.clone(),
        budget,
        lines,
        total_capital: running,
        within_budget,
        by_department,
        content_hash: digest.iter().take(6).map(|b| format!("{b:02x}")).collect(),
    }
}

fn line(bi: &BriefInputs, currency: &Currency) -> SummaryLine {
    let a = &bi.assessment;
    let ranking = assess(a).ok();
    let first: Vec<_> = ranking
        .iter()
        .flat_map(|r| r.candidates.iter())
        .filter(|c| c.rank == Some(1))
        .collect();
    let top = first.first();
    let recommended = top.map(|t| {
        if first.len() > 1 {
            let others: Vec<&str> = first[1..].iter().map(|c| c.label.as_str()).collect();
            format!("{} (tied with {})", t.label, others.join(", "))
        } else {
            t.label.clone()
        }
    });
    let (capital, basis) = match top {
        None if a.candidates.is_empty() => (None, CapitalBasis::NoCandidates),
        None => (None, CapitalBasis::NotRanked),
        Some(t) => {
            let lifecycle = request_lifecycle(a);
            match lifecycle
                .candidates
                .iter()
                .find(|c| c.candidate_id == t.candidate_id)
                .and_then(|c| c.lifecycle.as_ref())
            {
                Some(lc) => (Some(lc.capital), CapitalBasis::LifecycleCapital),
                None => (Some(t.quoted_total.amount), CapitalBasis::QuotedTotal),
            }
        }
    };
    SummaryLine {
        request: a.request.clone(),
        department: bi.department.clone(),
        facility: bi.facility.clone(),
        recommended,
        score: top.and_then(|t| t.score),
        capital,
        basis,
        running_total: None,
        mark: None,
        other_currency: a.request.currency != *currency,
    }
}

/// Reads and builds the summary of `fiscal_year`.
pub fn summary_from_portfolio(
    p: &Portfolio,
    fiscal_year: i32,
    budget: Option<Decimal>,
    as_of: NaiveDate,
) -> Result<CapitalSummary> {
    Ok(build_summary(
        &summary_inputs(p, fiscal_year)?,
        budget,
        as_of,
    ))
}

/// The budget line: what fits, what is over, in words.
pub fn budget_line(s: &CapitalSummary) -> Option<String> {
    let budget = s.budget?;
    let cur = &s.currency;
    let fitting = s
        .lines
        .iter()
        .filter(|l| l.mark == Some(BudgetMark::Fits))
        .count();
    let within = s.within_budget.unwrap_or_default();
    let text = if s.total_capital <= budget {
        format!(
            "Budget {}: all {} costed request(s) fit ({}), {} remains.",
            money_units(cur, budget),
            fitting,
            money_units(cur, s.total_capital),
            money_units(cur, budget - s.total_capital)
        )
    } else {
        format!(
            "Budget {}: {} ({}); the requests ask {} in all, {} over budget.",
            money_units(cur, budget),
            match fitting {
                0 => "no request fits".to_string(),
                1 => "the first request by score fits".to_string(),
                n => format!("the first {n} requests by score fit"),
            },
            money_units(cur, within),
            money_units(cur, s.total_capital),
            money_units(cur, s.total_capital - budget)
        )
    };
    Some(text)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::report::layout::Paper;
    use rust_decimal_macros::dec;

    fn demo() -> Portfolio {
        let mut p = Portfolio::in_memory().unwrap();
        crate::demo::write_demo(&mut p).unwrap();
        p
    }

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn ordered_by_score_with_a_running_total_against_the_budget() {
        let p = demo();
        let s = summary_from_portfolio(&p, 2027, Some(dec!(1_000_000)), as_of()).unwrap();
        assert_eq!(s.lines.len(), 3);
        let scores: Vec<_> = s.lines.iter().filter_map(|l| l.score).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
        let last = s.lines.last().unwrap();
        assert_eq!(last.basis, CapitalBasis::NoCandidates);
        assert!(last.capital.is_none() && last.mark.is_none());
        let sum: Decimal = s.lines.iter().filter_map(|l| l.capital).sum();
        assert_eq!(s.total_capital, sum);
        let mut running = Decimal::ZERO;
        let mut over = false;
        for l in s.lines.iter().filter(|l| l.capital.is_some()) {
            running += l.capital.unwrap();
            assert_eq!(l.running_total, Some(running));
            over |= running > dec!(1_000_000);
            let want = if over {
                BudgetMark::OverBudget
            } else {
                BudgetMark::Fits
            };
            assert_eq!(l.mark, Some(want));
        }
        // Without a budget nothing is marked; another fiscal year has no requests.
        let s = summary_from_portfolio(&p, 2027, None, as_of()).unwrap();
        assert!(s.lines.iter().all(|l| l.mark.is_none()));
        assert!(budget_line(&s).is_none());
        let none = summary_from_portfolio(&p, 2031, None, as_of()).unwrap();
        assert!(none.lines.is_empty());
        assert!(render_summary_pdf(&none, Paper::A4).is_ok());
    }

    #[test]
    fn the_hash_follows_the_budget() {
        let p = demo();
        let a = summary_from_portfolio(&p, 2027, Some(dec!(1_000_000)), as_of()).unwrap();
        let b = summary_from_portfolio(&p, 2027, Some(dec!(1_000_001)), as_of()).unwrap();
        assert_ne!(a.content_hash, b.content_hash);
        let c = summary_from_portfolio(&p, 2027, Some(dec!(1_000_000)), as_of()).unwrap();
        assert_eq!(a.content_hash, c.content_hash);
    }
}
