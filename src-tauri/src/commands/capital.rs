//! The capital plan: budgets, request priorities, scenarios, and the plan itself.

use caliper_models::capital::{scenario_plans, RequestLink, Scenario, ScenarioPlan, StoredBudget};
use caliper_models::ids::{FacilityId, RequestId};
use caliper_models::money::parse_amount_in;
use caliper_models::store::{Portfolio, RequestPlanInfo};

use crate::error::{cmd, CmdResult};
use crate::state::AppState;

pub fn list_budgets(state: &AppState) -> CmdResult<Vec<StoredBudget>> {
    cmd(state.portfolio()?.budgets())
}

pub fn set_budget(
    portfolio: &mut Portfolio,
    fiscal_year: i32,
    facility_id: Option<FacilityId>,
    capital: String,
    operating: Option<String>,
) -> CmdResult<StoredBudget> {
    let currency = cmd(portfolio.portfolio_assumptions())?.currency;
    let capital = cmd(parse_amount_in("capital", &capital, &currency))?;
    let operating = cmd(operating
        .filter(|o| !o.trim().is_empty())
        .map(|o| parse_amount_in("operating", &o, &currency))
        .transpose())?;
    cmd(portfolio.set_budget(fiscal_year, facility_id, capital, operating))
}

pub fn remove_budget(
    portfolio: &mut Portfolio,
    fiscal_year: i32,
    facility_id: Option<FacilityId>,
) -> CmdResult<()> {
    cmd(portfolio.remove_budget(fiscal_year, facility_id))
}

pub fn request_plan_info(state: &AppState, request_id: RequestId) -> CmdResult<RequestPlanInfo> {
    cmd(state.portfolio()?.request_plan_info(request_id))
}

pub fn set_request_plan_info(
    portfolio: &mut Portfolio,
    info: RequestPlanInfo,
) -> CmdResult<RequestPlanInfo> {
    cmd(portfolio.set_request_plan_info(&info))
}

pub fn list_request_links(state: &AppState) -> CmdResult<Vec<RequestLink>> {
    cmd(state.portfolio()?.request_links())
}

pub fn add_request_link(portfolio: &mut Portfolio, link: RequestLink) -> CmdResult<()> {
    cmd(portfolio.add_request_link(link))
}

pub fn remove_request_link(portfolio: &mut Portfolio, link: RequestLink) -> CmdResult<()> {
    cmd(portfolio.remove_request_link(link))
}

pub fn list_scenarios(state: &AppState) -> CmdResult<Vec<Scenario>> {
    cmd(state.portfolio()?.scenarios())
}

pub fn add_scenario(portfolio: &mut Portfolio, scenario: Scenario) -> CmdResult<Scenario> {
    cmd(portfolio.add_scenario(&scenario))
}

pub fn remove_scenario(portfolio: &mut Portfolio, scenario_id: u32) -> CmdResult<()> {
    cmd(portfolio.remove_scenario(scenario_id))
}

/// The inputs are read and the portfolio let go; the plans are then solved.
pub fn capital_plan(
    state: &AppState,
    first_year: i32,
    last_year: i32,
    what_if: Option<Scenario>,
) -> CmdResult<Vec<ScenarioPlan>> {
    let (inputs, mut scenarios) = {
        let p = state.portfolio()?;
        (cmd(p.plan_inputs())?, cmd(p.scenarios())?)
    };
    scenarios.insert(0, Scenario::base());
    if let Some(w) = what_if {
        cmd(w.check())?;
        scenarios.push(w);
    }
    cmd(scenario_plans(&inputs, &scenarios, first_year..=last_year))
}
