//! The capital plan of a portfolio: which requests the stored budgets fund, with which
//! candidate and in which fiscal year, solved exactly by [`crate::plan`].
//!
//! Each request is an item of the plan. Its options are its ranked candidates, each in
//! every planning year from the request's own fiscal year on: the candidate's capital by
//! fiscal year (from its lifecycle cost, or the quoted total) moved to the year funded,
//! plus, when funded later than asked, the request's emergency-replacement premium on the
//! capital. An option is worth `priority × score × (1 − loss × years deferred)`: the
//! request's priority (0-100, [`priority`]), the candidate's score in the ranking (0-1),
//! and the value a year's delay forgoes (10 % by default). Not funding is always possible,
//! except for mandatory requests (regulatory, recall, end of support). The committee's
//! decisions fix requests: an approval to its candidate in the request's year (and makes
//! it mandatory), a deferral to the year it names; a rejected request is never planned and
//! never counted. Each planning year needs a system-wide capital budget; a facility's
//! budget, where one is set, caps that facility's requests too, and a system-wide operating
//! budget caps the operating costs (the candidate's running costs from the year funded,
//! the extra maintenance while a request waits) in its year. docs/capital-plan.md
//! describes the model; the plan is pure, built from [`PortfolioPlanInputs`].

mod outcome;
pub mod priority;
mod scenario;

pub use outcome::{
    portfolio_plan, NextAmount, PlanExcluded, PortfolioPlan, RequestOutcome, NEXT_AMOUNT,
};
pub use priority::{priority, Mandatory, Priority, PriorityParts, PriorityWeights};
pub use scenario::{scenario_plans, Scenario, ScenarioPlan, MAX_BUDGET_CHANGE_PCT};

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::decision::{Decision, Outcome};
use crate::domain::CapitalRequest;
use crate::error::{Error, Result};
use crate::ids::{CandidateId, FacilityId, RequestId};
use crate::money::Currency;
use crate::plan::{
    Budget, Cost, Dependency, Exclusion, GreedyOrder, PlanInput, PlanItem, PlanOption,
};

/// The resource every option's capital draws on.
pub const CAPITAL: &str = "capital";
/// The resource an option's operating costs draw on, in the years with an operating budget.
pub const OPERATING: &str = "operating";
/// The most planning years at once.
pub const MAX_YEARS: usize = 10;

/// A fiscal year's capital budget: system-wide, or a facility's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StoredBudget {
    pub fiscal_year: i32,
    pub facility_id: Option<FacilityId>,
    /// The facility's name (none for the system-wide budget).
    pub facility: Option<String>,
    #[serde(with = "crate::money::decimal_text")]
    #[ts(type = "string")]
    pub capital: Decimal,
    /// The operating budget, shown beside the plan (the plan caps capital).
    #[serde(with = "crate::money::decimal_text::option")]
    #[ts(type = "string | null")]
    pub operating: Option<Decimal>,
}

/// What deferring a request costs, stated per request.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct Deferral {
    /// Emergency-replacement premium on the capital when funded later than asked, percent
    /// (15 by default: an emergency replacement after failure costs 15 to 20 % more).
    #[serde(with = "crate::money::decimal_text")]
    #[ts(type = "string")]
    pub premium_pct: Decimal,
    /// Extra maintenance of the installed equipment for each year deferred (operating).
    #[serde(with = "crate::money::decimal_text")]
    #[ts(type = "string")]
    pub maintenance_per_year: Decimal,
}

impl Default for Deferral {
    fn default() -> Self {
        Deferral {
            premium_pct: Decimal::from(15),
            maintenance_per_year: Decimal::ZERO,
        }
    }
}

/// "A needs B" (funded in the same or an earlier year) or "A or B, not both".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    Requires,
    Excludes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RequestLink {
    pub request_id: RequestId,
    pub other_id: RequestId,
    pub kind: LinkKind,
}

/// A ranked candidate as the plan sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanCandidate {
    pub candidate_id: CandidateId,
    pub label: String,
    pub rank: Option<u32>,
    /// The ranking's score, 0 to 1.
    pub score: f64,
    /// Capital by fiscal year when funded in the request's own year.
    pub capital: Vec<(i32, Decimal)>,
    /// Operating costs by fiscal year when funded in the request's own year (none without
    /// a cost model).
    pub operating: Vec<(i32, Decimal)>,
}

/// A request with what the plan needs of it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRequest {
    pub request: CapitalRequest,
    pub facility_id: FacilityId,
    pub facility: String,
    pub parts: PriorityParts,
    pub mandatory: Option<Mandatory>,
    pub deferral: Deferral,
    pub decision: Option<Decision>,
    /// Funded whatever its value in a scenario (as if mandatory).
    pub forced_in: bool,
    /// Its ranked candidates; empty with `problem` saying why.
    pub candidates: Vec<PlanCandidate>,
    pub problem: Option<String>,
}

/// Everything the plan of a portfolio is built from.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioPlanInputs {
    pub currency: Currency,
    pub requests: Vec<PlanRequest>,
    pub budgets: Vec<StoredBudget>,
    pub links: Vec<RequestLink>,
    pub weights: PriorityWeights,
    /// The value a year's delay forgoes, percent of the option's value (10 by default).
    pub deferral_loss_pct: u32,
}

/// The plan's item id of a request: its id and title, so that the solver's messages name
/// it as the committee knows it.
fn item_id(r: &CapitalRequest) -> String {
    format!("request {} ({})", r.id, r.title)
}

/// Reads a request id back from an item id.
fn item_request(id: &str) -> Option<RequestId> {
    let rest = id.strip_prefix("request ")?;
    let (n, _) = rest.split_once(' ')?;
    Some(RequestId(n.parse().ok()?))
}

fn option_id(c: &PlanCandidate, year: i32) -> String {
    format!("{} (candidate {}) in FY{year}", c.label, c.candidate_id)
}

/// Reads the candidate and fiscal year back from an option id.
pub(crate) fn parse_option_id(id: &str) -> Option<(CandidateId, i32)> {
    let (rest, year) = id.rsplit_once(") in FY")?;
    let (_, candidate) = rest.rsplit_once("(candidate ")?;
    Some((CandidateId(candidate.parse().ok()?), year.parse().ok()?))
}

fn facility_resource(facility: &str) -> String {
    format!("{CAPITAL}: {facility}")
}

/// Checks the planning years: a range of at most [`MAX_YEARS`], each with a system-wide
/// capital budget.
fn check_years(years: &RangeInclusive<i32>, budgets: &[StoredBudget]) -> Result<()> {
    if years.is_empty() {
        return Err(Error::validation(
            "years",
            format!(
                "{}..{} is empty: give the first year, then the last",
                years.start(),
                years.end()
            ),
        ));
    }
    let count = (*years.end() - *years.start() + 1) as usize;
    if count > MAX_YEARS {
        return Err(Error::validation(
            "years",
            format!("{count} years are more than the {MAX_YEARS} a plan covers"),
        ));
    }
    for y in years.clone() {
        if !budgets
            .iter()
            .any(|b| b.fiscal_year == y && b.facility_id.is_none())
        {
            return Err(Error::validation(
                "budget",
                format!("FY{y} has no system-wide capital budget: set one (caliper budget set --fiscal-year {y} --capital AMOUNT)"),
            ));
        }
    }
    Ok(())
}

/// The plan's stateless input for `years`, with the requests left out and why.
pub fn plan_input(
    inputs: &PortfolioPlanInputs,
    years: &RangeInclusive<i32>,
) -> Result<(PlanInput, Vec<PlanExcluded>, BTreeMap<RequestId, Priority>)> {
    check_years(years, &inputs.budgets)?;
    let budgets = plan_budgets(inputs, years);
    let mut excluded = Vec::new();
    let mut priorities = BTreeMap::new();
    let mut items = Vec::new();
    for r in &inputs.requests {
        let p = priority(&r.parts, r.mandatory, &inputs.weights);
        priorities.insert(r.request.id, p.clone());
        match request_item(inputs, r, &p, years) {
            Ok(item) => items.push(item),
            Err(reason) => excluded.push(PlanExcluded {
                request_id: r.request.id,
                title: r.request.title.clone(),
                reason,
            }),
        }
    }
    // Links to a request left out: a request that needs it cannot be funded either.
    loop {
        let out: Vec<RequestId> = excluded.iter().map(|e| e.request_id).collect();
        let blocked: Vec<(RequestId, RequestId)> = inputs
            .links
            .iter()
            .filter(|l| {
                l.kind == LinkKind::Requires
                    && out.contains(&l.other_id)
                    && !out.contains(&l.request_id)
            })
            .map(|l| (l.request_id, l.other_id))
            .collect();
        if blocked.is_empty() {
            break;
        }
        for (id, needed) in blocked {
            items.retain(|i: &PlanItem| item_request(&i.id) != Some(id));
            if let Some(r) = inputs.requests.iter().find(|r| r.request.id == id) {
                excluded.push(PlanExcluded {
                    request_id: id,
                    title: r.request.title.clone(),
                    reason: format!("it needs request {needed}, which is not in the plan"),
                });
            }
        }
    }
    let planned = |id: RequestId| items.iter().any(|i| item_request(&i.id) == Some(id));
    let id_of = |id: RequestId| {
        inputs
            .requests
            .iter()
            .find(|r| r.request.id == id)
            .map(|r| item_id(&r.request))
            .unwrap_or_default()
    };
    let dependencies = inputs
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::Requires && planned(l.request_id) && planned(l.other_id))
        .map(|l| Dependency {
            item: id_of(l.request_id),
            requires: id_of(l.other_id),
        })
        .collect();
    let exclusions = inputs
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::Excludes && planned(l.request_id) && planned(l.other_id))
        .map(|l| Exclusion {
            items: vec![id_of(l.request_id), id_of(l.other_id)],
        })
        .collect();
    // The committee's fill: by priority, highest first.
    let mut order: Vec<(Decimal, RequestId)> = items
        .iter()
        .filter_map(|i| {
            let id = item_request(&i.id)?;
            Some((priorities.get(&id)?.value, id))
        })
        .collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for item in &mut items {
        item.rank = order
            .iter()
            .position(|(_, id)| item_request(&item.id) == Some(*id))
            .map(|p| p as u32 + 1);
    }
    Ok((
        PlanInput {
            budgets,
            items,
            dependencies,
            exclusions,
            greedy_order: GreedyOrder::Rank,
        },
        excluded,
        priorities,
    ))
}

/// The plan's budgets: each stored capital budget of the planning years (system-wide as
/// `capital`, a facility's as `capital: <facility>`), and each system-wide operating one.
fn plan_budgets(inputs: &PortfolioPlanInputs, years: &RangeInclusive<i32>) -> Vec<Budget> {
    let in_years = |b: &&StoredBudget| years.contains(&b.fiscal_year);
    let mut budgets: Vec<Budget> = inputs
        .budgets
        .iter()
        .filter(in_years)
        .map(|b| Budget {
            year: Some(b.fiscal_year),
            resource: Some(
                b.facility
                    .as_deref()
                    .map_or(CAPITAL.to_string(), facility_resource),
            ),
            amount: b.capital,
        })
        .collect();
    // System-wide operating budgets cap the options' operating costs in their years.
    budgets.extend(
        inputs
            .budgets
            .iter()
            .filter(in_years)
            .filter(|b| b.facility_id.is_none())
            .filter_map(|b| {
                Some(Budget {
                    year: Some(b.fiscal_year),
                    resource: Some(OPERATING.to_string()),
                    amount: b.operating?,
                })
            }),
    );
    budgets
}

/// The plan item of a request, or why it has none.
fn request_item(
    inputs: &PortfolioPlanInputs,
    r: &PlanRequest,
    p: &Priority,
    years: &RangeInclusive<i32>,
) -> std::result::Result<PlanItem, String> {
    let decision = r.decision.as_ref();
    if let Some(d) = decision.filter(|d| d.outcome == Outcome::Rejected) {
        return Err(format!("rejected by the committee on {}", d.decided_on));
    }
    if r.request.currency != inputs.currency {
        return Err(format!(
            "quoted in {}, not the plan's {}",
            r.request.currency, inputs.currency
        ));
    }
    if let Some(problem) = &r.problem {
        return Err(problem.clone());
    }
    let target = r.request.fiscal_year;
    let (mut first, chosen) = match decision {
        Some(d) if d.outcome == Outcome::Approved => (target, d.candidate_id),
        Some(d) if d.outcome == Outcome::Deferred => (d.deferred_to.unwrap_or(target + 1), None),
        _ => (target, None),
    };
    first = first.max(*years.start());
    let last = match decision {
        Some(d) if d.outcome == Outcome::Approved => first,
        Some(d) if d.outcome == Outcome::Deferred => first,
        _ => *years.end(),
    };
    if first > *years.end() {
        return Err(format!(
            "its fiscal year, FY{first}, is after the planning years"
        ));
    }
    let facility_budget = |year: i32| {
        inputs
            .budgets
            .iter()
            .any(|b| b.fiscal_year == year && b.facility_id == Some(r.facility_id))
    };
    let loss = Decimal::from(inputs.deferral_loss_pct) / Decimal::ONE_HUNDRED;
    let mut options = Vec::new();
    for c in r
        .candidates
        .iter()
        .filter(|c| chosen.is_none_or(|id| id == c.candidate_id))
    {
        let score = Decimal::from_f64_retain(c.score)
            .unwrap_or_default()
            .round_dp(4);
        for year in first..=last {
            let deferred = (year - target).max(0);
            let factor = Decimal::ONE - loss * Decimal::from(deferred);
            if factor <= Decimal::ZERO {
                continue;
            }
            let mut costs = Vec::new();
            let mut fits_years = true;
            for (i, (fy, amount)) in c.capital.iter().enumerate() {
                let at = fy + (year - target);
                if !years.contains(&at) {
                    fits_years = false;
                    break;
                }
                let premium = if i == 0 && deferred > 0 {
                    *amount * r.deferral.premium_pct / Decimal::ONE_HUNDRED
                } else {
                    Decimal::ZERO
                };
                // To the cent, always with two decimals (as every amount Caliper prints).
                let mut amount = (*amount + premium).round_dp(2);
                amount.rescale(2);
                costs.push(Cost {
                    year: Some(at),
                    resource: Some(CAPITAL.to_string()),
                    amount,
                });
                if facility_budget(at) {
                    costs.push(Cost {
                        year: Some(at),
                        resource: Some(facility_resource(&r.facility)),
                        amount,
                    });
                }
            }
            if !fits_years || costs.is_empty() {
                continue;
            }
            costs.extend(operating_costs(inputs, r, c, target, year, years));
            options.push(PlanOption {
                id: option_id(c, year),
                name: Some(format!("{}, FY{year}", c.label)),
                value: (p.value * score * factor).round_dp(4),
                costs,
            });
        }
    }
    if options.is_empty() {
        return Err(match chosen {
            Some(id) => {
                format!("the approved candidate ({id}) cannot be costed in the planning years")
            }
            None => "no candidate can be funded within the planning years".to_string(),
        });
    }
    let approved = decision.is_some_and(|d| d.outcome == Outcome::Approved);
    Ok(PlanItem {
        id: item_id(&r.request),
        name: Some(r.request.title.clone()),
        mandatory: r.mandatory.is_some() || approved || r.forced_in,
        rank: None,
        options,
    })
}

/// The operating costs of funding candidate `c` of request `r` in `year`, in the planning
/// years that have a system-wide operating budget: its own operating costs from then on,
/// and the extra maintenance of the installed equipment in each year it waits.
fn operating_costs(
    inputs: &PortfolioPlanInputs,
    r: &PlanRequest,
    c: &PlanCandidate,
    target: i32,
    year: i32,
    years: &RangeInclusive<i32>,
) -> Vec<Cost> {
    let budgeted = |at: i32| {
        years.contains(&at)
            && inputs
                .budgets
                .iter()
                .any(|b| b.fiscal_year == at && b.facility_id.is_none() && b.operating.is_some())
    };
    let shift = year - target;
    let waiting = (target..year).map(|at| (at, r.deferral.maintenance_per_year));
    let own = c.operating.iter().map(|(fy, amount)| (fy + shift, *amount));
    let mut by_year: BTreeMap<i32, Decimal> = BTreeMap::new();
    for (at, amount) in waiting.chain(own) {
        if amount > Decimal::ZERO && budgeted(at) {
            *by_year.entry(at).or_default() += amount;
        }
    }
    by_year
        .into_iter()
        .map(|(at, amount)| {
            let mut amount = amount.round_dp(2);
            amount.rescale(2);
            Cost {
                year: Some(at),
                resource: Some(OPERATING.to_string()),
                amount,
            }
        })
        .collect()
}
