//! The capital plan brief's content: every figure the committee reads, taken from the
//! solved plans and ordered as printed. Pure: the same inputs and date give the same brief
//! and the same content hash.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{PlanBriefInputs, RequestFacts, RequestHistory};
use crate::capital::{
    parse_option_id, NextAmount, PlanExcluded, PortfolioPlan, PriorityWeights, RequestOutcome,
    CAPITAL,
};
use crate::ids::{CandidateId, RequestId};
use crate::ipc::Choice;
use crate::money::Currency;

/// The version of the hashed inputs; a change of what the brief hashes bumps it.
const FORMAT: &str = "capital-plan-brief/1";

/// A budget and what the optimum uses of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetLine {
    pub fiscal_year: i32,
    /// None for the system-wide budget.
    pub facility: Option<String>,
    pub budget: Decimal,
    pub used: Decimal,
    pub left: Decimal,
}

/// A request the optimum funds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FundedLine {
    pub request_id: RequestId,
    pub title: String,
    pub facility: String,
    /// The fiscal year asked.
    pub fiscal_year: i32,
    pub funded_year: i32,
    pub candidate: String,
    /// The deferral premium included.
    pub capital: Decimal,
    pub priority: Decimal,
    pub mandatory: bool,
    pub reason: String,
}

/// A request funded later than asked, and what the delay costs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeferredLine {
    pub request_id: RequestId,
    pub title: String,
    pub fiscal_year: i32,
    pub funded_year: i32,
    pub years: u32,
    pub premium_pct: Decimal,
    /// The emergency-replacement premium in the capital funded.
    pub premium: Decimal,
    /// Extra maintenance of the installed equipment over the years deferred (operating).
    pub extra_maintenance: Decimal,
    pub capital: Decimal,
}

/// A planned request the optimum does not fund.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotFundedLine {
    pub request_id: RequestId,
    pub title: String,
    pub facility: String,
    pub fiscal_year: i32,
    pub priority: Decimal,
    pub reason: String,
}

/// A request that must be funded, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MandatoryLine {
    pub request_id: RequestId,
    pub title: String,
    pub why: String,
    pub funded_year: Option<i32>,
    pub capital: Option<Decimal>,
    /// The greedy fill by priority funds it too.
    pub greedy_funded: bool,
}

/// One request as the optimum and the greedy fill fund it ("Candidate, FY2027").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GreedyRow {
    pub request_id: RequestId,
    pub title: String,
    pub priority: Decimal,
    pub optimum: Option<String>,
    pub greedy: Option<String>,
}

/// The committee's greedy fill by priority beside the optimum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GreedyComparison {
    pub optimum_value: Decimal,
    pub greedy_value: Decimal,
    pub gain: Decimal,
    /// Every planned request, by priority.
    pub rows: Vec<GreedyRow>,
    /// Capital each uses of the system-wide budget per year: (year, budget, optimum, greedy).
    pub capital_by_year: Vec<(i32, Decimal, Decimal, Decimal)>,
    /// Mandatory requests the greedy fill cannot fund (titles).
    pub greedy_misses_mandatory: Vec<String>,
}

/// A scenario beside the base plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioLine {
    pub name: String,
    pub budget_change_pct: Decimal,
    pub forced_in: Vec<String>,
    pub forced_out: Vec<String>,
    pub weights: Option<PriorityWeights>,
    /// None when the scenario cannot be planned.
    pub total_value: Option<Decimal>,
    pub capital_used: Option<Decimal>,
    /// "Title (FY2027)", by priority.
    pub funded: Vec<String>,
    /// Why the scenario cannot be planned.
    pub problem: Option<String>,
}

/// The capital plan brief of a portfolio over some fiscal years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanBrief {
    pub portfolio_name: String,
    pub first_year: i32,
    pub last_year: i32,
    pub as_of: NaiveDate,
    pub currency: Currency,
    pub proven_optimal: bool,
    pub deferral_loss_pct: u32,
    /// The system-wide budgets by year, then the facilities' budgets.
    pub budgets: Vec<BudgetLine>,
    /// By year funded, facility, then priority (highest first).
    pub funded: Vec<FundedLine>,
    pub deferred: Vec<DeferredLine>,
    pub not_funded: Vec<NotFundedLine>,
    pub left_out: Vec<PlanExcluded>,
    pub mandatory: Vec<MandatoryLine>,
    pub greedy: GreedyComparison,
    pub next: Vec<NextAmount>,
    /// The base plan first, then each saved scenario.
    pub scenarios: Vec<ScenarioLine>,
    pub history: Vec<RequestHistory>,
    /// First 12 hex digits of the SHA-256 of the inputs and the as-of date.
    pub content_hash: String,
}

impl PlanBrief {
    /// The system-wide budget lines, one per year.
    pub fn years(&self) -> impl Iterator<Item = &BudgetLine> {
        self.budgets.iter().filter(|b| b.facility.is_none())
    }

    /// Capital the optimum funds in `year`.
    pub fn capital_in(&self, year: i32) -> Decimal {
        self.funded
            .iter()
            .filter(|f| f.funded_year == year)
            .map(|f| f.capital)
            .sum()
    }
}

#[derive(Serialize)]
struct Hashed<'a> {
    format: &'static str,
    as_of: NaiveDate,
    inputs: &'a PlanBriefInputs,
}

fn content_hash(inputs: &PlanBriefInputs, as_of: NaiveDate) -> String {
    let hashed = Hashed {
        format: FORMAT,
        as_of,
        inputs,
    };
    crate::report::inputs_hash(&hashed)
}

/// Builds the brief. Pure: the same inputs and date give the same brief.
pub fn build_plan_brief(inputs: &PlanBriefInputs, as_of: NaiveDate) -> PlanBrief {
    let p = &inputs.base;
    let facts: BTreeMap<RequestId, &RequestFacts> =
        inputs.requests.iter().map(|f| (f.request_id, f)).collect();
    PlanBrief {
        portfolio_name: inputs.portfolio_name.clone(),
        first_year: p.first_year,
        last_year: p.last_year,
        as_of,
        currency: p.currency.clone(),
        proven_optimal: p.plan.proven_optimal,
        deferral_loss_pct: inputs.deferral_loss_pct,
        budgets: budget_lines(p),
        funded: funded_lines(p),
        deferred: deferred_lines(p, &facts),
        not_funded: p
            .requests
            .iter()
            .filter(|r| r.funded_year.is_none())
            .map(|r| NotFundedLine {
                request_id: r.request_id,
                title: r.title.clone(),
                facility: r.facility.clone(),
                fiscal_year: r.fiscal_year,
                priority: r.priority.value,
                reason: r.reason.clone(),
            })
            .collect(),
        left_out: p.excluded.clone(),
        mandatory: mandatory_lines(p),
        greedy: greedy_comparison(p, &inputs.requests),
        next: p.next.clone(),
        scenarios: std::iter::once((crate::capital::Scenario::base(), Some(p), None))
            .chain(
                inputs
                    .scenarios
                    .iter()
                    .map(|s| (s.scenario.clone(), s.plan.as_ref(), s.problem.clone())),
            )
            .map(|(s, plan, problem)| scenario_line(&s, plan, problem, &inputs.requests, p))
            .collect(),
        history: inputs.history.clone(),
        content_hash: content_hash(inputs, as_of),
    }
}

fn budget_lines(p: &PortfolioPlan) -> Vec<BudgetLine> {
    let mut lines: Vec<BudgetLine> = p
        .plan
        .optimum
        .budgets
        .iter()
        .filter_map(|b| {
            let resource = b.resource.as_deref()?;
            let facility = if resource == CAPITAL {
                None
            } else {
                Some(resource.strip_prefix("capital: ")?.to_string())
            };
            Some(BudgetLine {
                fiscal_year: b.year?,
                facility,
                budget: b.budget,
                used: b.used,
                left: b.slack,
            })
        })
        .collect();
    lines.sort_by(|a, b| {
        (a.facility.is_some(), a.fiscal_year, &a.facility).cmp(&(
            b.facility.is_some(),
            b.fiscal_year,
            &b.facility,
        ))
    });
    lines
}

fn funded_lines(p: &PortfolioPlan) -> Vec<FundedLine> {
    let mut lines: Vec<FundedLine> = p
        .requests
        .iter()
        .filter_map(|r| {
            Some(FundedLine {
                request_id: r.request_id,
                title: r.title.clone(),
                facility: r.facility.clone(),
                fiscal_year: r.fiscal_year,
                funded_year: r.funded_year?,
                candidate: r.candidate.clone()?,
                capital: r.capital?,
                priority: r.priority.value,
                mandatory: r.mandatory,
                reason: r.reason.clone(),
            })
        })
        .collect();
    lines.sort_by(|a, b| {
        (a.funded_year, &a.facility)
            .cmp(&(b.funded_year, &b.facility))
            .then(b.priority.cmp(&a.priority))
            .then(a.request_id.cmp(&b.request_id))
    });
    lines
}

fn deferred_lines(
    p: &PortfolioPlan,
    facts: &BTreeMap<RequestId, &RequestFacts>,
) -> Vec<DeferredLine> {
    p.requests
        .iter()
        .filter(|r| r.deferred_years > 0)
        .filter_map(|r| {
            let capital = r.capital?;
            let fact = facts.get(&r.request_id)?;
            // The capital asked of the funded candidate; what the plan funds above it is
            // the emergency-replacement premium.
            let asked = r
                .candidate_id
                .and_then(|id| fact.candidates.iter().find(|(c, _)| *c == id))
                .map_or(capital, |(_, a)| *a);
            Some(DeferredLine {
                request_id: r.request_id,
                title: r.title.clone(),
                fiscal_year: r.fiscal_year,
                funded_year: r.funded_year?,
                years: r.deferred_years,
                premium_pct: fact.deferral.premium_pct,
                premium: capital - asked,
                extra_maintenance: r.deferral_maintenance,
                capital,
            })
        })
        .collect()
}

/// Why a request must be funded: its stated reason, else the committee's approval (the
/// base plan forces nothing in).
fn mandatory_why(r: &RequestOutcome) -> String {
    match r.priority.mandatory {
        Some(m) => m.label().to_string(),
        None => "approved by the committee".to_string(),
    }
}

fn mandatory_lines(p: &PortfolioPlan) -> Vec<MandatoryLine> {
    p.requests
        .iter()
        .filter(|r| r.mandatory)
        .map(|r| MandatoryLine {
            request_id: r.request_id,
            title: r.title.clone(),
            why: mandatory_why(r),
            funded_year: r.funded_year,
            capital: r.capital,
            greedy_funded: r.greedy_funded,
        })
        .collect()
}

/// The request whose candidate an option funds (candidate ids are unique in a portfolio).
fn request_of(requests: &[RequestFacts], candidate: CandidateId) -> Option<RequestId> {
    requests
        .iter()
        .find(|r| r.candidates.iter().any(|(c, _)| *c == candidate))
        .map(|r| r.request_id)
}

fn greedy_comparison(p: &PortfolioPlan, requests: &[RequestFacts]) -> GreedyComparison {
    let mut greedy: BTreeMap<RequestId, String> = BTreeMap::new();
    for f in &p.plan.greedy.funded {
        if let Some(id) = parse_option_id(&f.option).and_then(|(c, _)| request_of(requests, c)) {
            greedy.insert(
                id,
                f.option_name.clone().unwrap_or_else(|| f.option.clone()),
            );
        }
    }
    let rows = p
        .requests
        .iter()
        .map(|r| GreedyRow {
            request_id: r.request_id,
            title: r.title.clone(),
            priority: r.priority.value,
            optimum: match (&r.candidate, r.funded_year) {
                (Some(c), Some(y)) => Some(format!("{c}, FY{y}")),
                _ => None,
            },
            greedy: greedy.get(&r.request_id).cloned(),
        })
        .collect();
    let system = |s: &crate::plan::PlanSelection, year: i32| {
        s.budgets
            .iter()
            .find(|b| b.year == Some(year) && b.resource.as_deref() == Some(CAPITAL))
            .map(|b| (b.budget, b.used))
            .unwrap_or_default()
    };
    let capital_by_year = (p.first_year..=p.last_year)
        .map(|y| {
            let (budget, optimum) = system(&p.plan.optimum, y);
            (y, budget, optimum, system(&p.plan.greedy, y).1)
        })
        .collect();
    let greedy_misses_mandatory = p
        .requests
        .iter()
        .filter(|r| r.mandatory && !r.greedy_funded)
        .map(|r| r.title.clone())
        .collect();
    GreedyComparison {
        optimum_value: p.plan.optimum.total_value,
        greedy_value: p.plan.greedy.total_value,
        gain: p.plan.gain_over_greedy,
        rows,
        capital_by_year,
        greedy_misses_mandatory,
    }
}

fn title_of(id: RequestId, requests: &[RequestFacts], base: &PortfolioPlan) -> String {
    requests
        .iter()
        .find(|r| r.request_id == id)
        .map(|r| r.title.clone())
        .or_else(|| {
            base.excluded
                .iter()
                .find(|e| e.request_id == id)
                .map(|e| e.title.clone())
        })
        .unwrap_or_else(|| format!("request {id}"))
}

fn scenario_line(
    s: &crate::capital::Scenario,
    plan: Option<&PortfolioPlan>,
    problem: Option<String>,
    requests: &[RequestFacts],
    base: &PortfolioPlan,
) -> ScenarioLine {
    let capital_used = plan.map(|plan| {
        plan.plan
            .optimum
            .budgets
            .iter()
            .filter(|b| b.resource.as_deref() == Some(CAPITAL))
            .map(|b| b.used)
            .sum()
    });
    let titles = |ids: &[RequestId]| {
        ids.iter()
            .map(|id| title_of(*id, requests, base))
            .collect::<Vec<_>>()
    };
    ScenarioLine {
        name: s.name.clone(),
        budget_change_pct: s.budget_change_pct,
        forced_in: titles(&s.forced_in),
        forced_out: titles(&s.forced_out),
        weights: s.weights,
        total_value: plan.map(|p| p.plan.optimum.total_value),
        capital_used,
        funded: plan
            .iter()
            .flat_map(|p| p.requests.iter())
            .filter_map(|r| r.funded_year.map(|y| format!("{} (FY{y})", r.title)))
            .collect(),
        problem,
    }
}
