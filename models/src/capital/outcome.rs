//! The plan of a portfolio solved and explained: what each request gets (funded in its
//! year, deferred to a later one, or left out) and why, the greedy fill beside it, and
//! what another 100,000 would buy in each year.

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::{parse_option_id, plan_input, PortfolioPlanInputs, Priority, StoredBudget, CAPITAL};
use crate::error::Result;
use crate::ids::{CandidateId, RequestId};
use crate::money::Currency;
use crate::plan::{plan, CapitalPlan, PlanInput, PlanSelection};

/// A request the plan leaves out before solving, and why.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlanExcluded {
    pub request_id: RequestId,
    pub title: String,
    pub reason: String,
}

/// What the plan does with one request.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RequestOutcome {
    pub request_id: RequestId,
    pub title: String,
    pub facility: String,
    pub fiscal_year: i32,
    pub priority: Priority,
    pub mandatory: bool,
    /// The candidate funded (none when the request is not funded).
    pub candidate_id: Option<CandidateId>,
    pub candidate: Option<String>,
    /// The fiscal year funded.
    pub funded_year: Option<i32>,
    /// Years later than asked.
    pub deferred_years: u32,
    /// Capital of the funded option, the deferral premium included.
    #[serde(with = "crate::money::decimal_text::option")]
    #[ts(type = "string | null")]
    pub capital: Option<Decimal>,
    /// Extra maintenance while deferred (operating, not capped by the plan).
    #[serde(with = "crate::money::decimal_text")]
    #[ts(type = "string")]
    pub deferral_maintenance: Decimal,
    /// Funded in the greedy fill (by priority) too.
    pub greedy_funded: bool,
    /// Why, in one sentence.
    pub reason: String,
}

/// What a further amount in one year's system-wide budget would fund.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct NextAmount {
    pub fiscal_year: i32,
    #[serde(with = "crate::money::decimal_text")]
    #[ts(type = "string")]
    pub amount: Decimal,
    /// Requests funded with it that are not funded now (titles).
    pub would_fund: Vec<String>,
    #[serde(with = "crate::money::decimal_text")]
    #[ts(type = "string")]
    pub value_gain: Decimal,
}

/// The capital plan of a portfolio over some fiscal years.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PortfolioPlan {
    pub first_year: i32,
    pub last_year: i32,
    pub currency: Currency,
    pub budgets: Vec<StoredBudget>,
    pub plan: CapitalPlan,
    /// Every planned request, by priority (highest first).
    pub requests: Vec<RequestOutcome>,
    /// Requests left out before solving (rejected, not ranked, another currency, …).
    pub excluded: Vec<PlanExcluded>,
    pub next: Vec<NextAmount>,
}

/// The further amount "what the next … would buy" looks at.
pub const NEXT_AMOUNT: i64 = 100_000;

/// Plans the portfolio over `years`.
pub fn portfolio_plan(
    inputs: &PortfolioPlanInputs,
    years: RangeInclusive<i32>,
) -> Result<PortfolioPlan> {
    let (input, excluded, priorities) = plan_input(inputs, &years)?;
    let solved = plan(&input)?;
    let requests = outcomes(inputs, &input, &solved, &priorities);
    let next = years
        .clone()
        .map(|y| next_amount(&input, &solved, y))
        .collect::<Result<Vec<_>>>()?;
    Ok(PortfolioPlan {
        first_year: *years.start(),
        last_year: *years.end(),
        currency: inputs.currency.clone(),
        budgets: inputs
            .budgets
            .iter()
            .filter(|b| years.contains(&b.fiscal_year))
            .cloned()
            .collect(),
        plan: solved,
        requests,
        excluded,
        next,
    })
}

fn funded_ids(s: &PlanSelection) -> Vec<&str> {
    s.funded.iter().map(|f| f.item.as_str()).collect()
}

/// Re-solves with `NEXT_AMOUNT` more in `year`'s system-wide budget.
fn next_amount(input: &PlanInput, solved: &CapitalPlan, year: i32) -> Result<NextAmount> {
    let amount = Decimal::from(NEXT_AMOUNT);
    let mut more = input.clone();
    for b in &mut more.budgets {
        if b.year == Some(year) && b.resource.as_deref() == Some(CAPITAL) {
            b.amount += amount;
        }
    }
    let richer = plan(&more)?;
    let now = funded_ids(&solved.optimum);
    let would_fund = richer
        .optimum
        .funded
        .iter()
        .filter(|f| !now.contains(&f.item.as_str()))
        .map(|f| f.name.clone().unwrap_or_else(|| f.item.clone()))
        .collect();
    Ok(NextAmount {
        fiscal_year: year,
        amount,
        would_fund,
        value_gain: richer.optimum.total_value - solved.optimum.total_value,
    })
}

fn outcomes(
    inputs: &PortfolioPlanInputs,
    input: &PlanInput,
    solved: &CapitalPlan,
    priorities: &BTreeMap<RequestId, Priority>,
) -> Vec<RequestOutcome> {
    let greedy = funded_ids(&solved.greedy);
    let mut out: Vec<RequestOutcome> = input
        .items
        .iter()
        .filter_map(|item| {
            let r = inputs.requests.iter().find(|r| super::item_id(&r.request) == item.id)?;
            let priority = priorities.get(&r.request.id)?.clone();
            let funded = solved.optimum.funded.iter().find(|f| f.item == item.id);
            let chosen = funded.and_then(|f| {
                let (candidate, year) = parse_option_id(&f.option)?;
                let option = item.options.iter().find(|o| o.id == f.option)?;
                let capital: Decimal = option
                    .costs
                    .iter()
                    .filter(|c| c.resource.as_deref() == Some(CAPITAL))
                    .map(|c| c.amount)
                    .sum();
                Some((candidate, year, capital))
            });
            let candidate = chosen.and_then(|(id, _, _)| r.candidates.iter().find(|c| c.candidate_id == id));
            let deferred_years = chosen.map_or(0, |(_, y, _)| (y - r.request.fiscal_year).max(0) as u32);
            let approved = r
                .decision
                .as_ref()
                .is_some_and(|d| d.outcome == crate::decision::Outcome::Approved);
            let reason = match (chosen, candidate) {
                (Some((_, year, _)), Some(c)) => {
                    let mut why = if approved {
                        "approved by the committee".to_string()
                    } else if r.forced_in {
                        "forced in by the scenario".to_string()
                    } else if let Some(m) = r.mandatory {
                        format!("mandatory ({})", crate::ipc::Choice::label(m).to_lowercase())
                    } else if deferred_years > 0 {
                        format!(
                            "deferred to FY{year}: the budget of FY{} funds requests worth more",
                            r.request.fiscal_year
                        )
                    } else {
                        format!("funded in FY{year}, the year asked")
                    };
                    if c.rank.is_some_and(|k| k > 1) && !approved {
                        why.push_str(&runner_up_reason(inputs, input, r, c, year));
                    }
                    why
                }
                _ => {
                    let cheapest = item
                        .options
                        .iter()
                        .map(|o| {
                            o.costs
                                .iter()
                                .filter(|c| c.resource.as_deref() == Some(CAPITAL))
                                .map(|c| c.amount)
                                .sum::<Decimal>()
                        })
                        .min()
                        .unwrap_or_default();
                    let largest = input
                        .budgets
                        .iter()
                        .filter(|b| b.resource.as_deref() == Some(CAPITAL))
                        .map(|b| b.amount)
                        .max()
                        .unwrap_or_default();
                    if cheapest > largest {
                        format!(
                            "not funded: its cheapest option ({} {}) is more than any year's budget",
                            inputs.currency,
                            crate::money::format_amount(cheapest, 0)
                        )
                    } else {
                        "not funded: within the budgets, the funded requests are worth more (priority × score)".to_string()
                    }
                }
            };
            Some(RequestOutcome {
                request_id: r.request.id,
                title: r.request.title.clone(),
                facility: r.facility.clone(),
                fiscal_year: r.request.fiscal_year,
                mandatory: item.mandatory,
                candidate_id: candidate.map(|c| c.candidate_id),
                candidate: candidate.map(|c| c.label.clone()),
                funded_year: chosen.map(|(_, y, _)| y),
                deferred_years,
                capital: chosen.map(|(_, _, c)| c),
                deferral_maintenance: r.deferral.maintenance_per_year * Decimal::from(deferred_years),
                greedy_funded: greedy.contains(&item.id.as_str()),
                reason,
                priority,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.priority
            .value
            .cmp(&a.priority.value)
            .then(a.request_id.cmp(&b.request_id))
    });
    out
}

/// Why the plan funds a candidate other than the top-ranked one: the top-ranked does not
/// fit the year's budget on its own, or its extra capital buys less than what the
/// difference funds elsewhere.
fn runner_up_reason(
    inputs: &PortfolioPlanInputs,
    input: &PlanInput,
    r: &super::PlanRequest,
    chosen: &super::PlanCandidate,
    year: i32,
) -> String {
    let top = r.candidates.iter().find(|c| c.rank == Some(1));
    let budget = input
        .budgets
        .iter()
        .find(|b| b.year == Some(year) && b.resource.as_deref() == Some(CAPITAL))
        .map(|b| b.amount);
    // Capital in the year funded: the deferral premium included when funded late.
    let premium = if year > r.request.fiscal_year {
        Decimal::ONE + r.deferral.premium_pct / Decimal::ONE_HUNDRED
    } else {
        Decimal::ONE
    };
    let capital = |c: &super::PlanCandidate| {
        (c.capital.iter().map(|(_, a)| *a).sum::<Decimal>() * premium).round_dp(2)
    };
    match (top, budget) {
        (Some(top), Some(budget)) if capital(top) > budget => format!(
            "; with {} (ranked {}): the top-ranked {} ({} {}) does not fit FY{year}'s budget",
            chosen.label,
            chosen.rank.unwrap_or_default(),
            top.label,
            inputs.currency,
            crate::money::format_amount(capital(top), 0)
        ),
        (Some(top), _) => format!(
            "; with {} (ranked {}): it needs {} {} less capital than the top-ranked {}, which funds more of the plan",
            chosen.label,
            chosen.rank.unwrap_or_default(),
            inputs.currency,
            crate::money::format_amount(capital(top) - capital(chosen), 0),
            top.label
        ),
        _ => String::new(),
    }
}
