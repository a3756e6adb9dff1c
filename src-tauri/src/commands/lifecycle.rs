//! Cost models and lifecycle-cost assumptions.

use caliper_models::assessment::RequestLifecycle;
use caliper_models::finance::case::{DepreciationAndLease, FinancialCaseView, SavingsAndRevenue};
use caliper_models::ids::{CandidateId, RequestId};
use caliper_models::lifecycle::{AssumptionOverrides, Assumptions, CostModel, LifecycleCost};
use caliper_models::store::Portfolio;

use crate::error::{cmd, CmdResult};
use crate::state::AppState;

pub fn get_cost_model(state: &AppState, candidate_id: CandidateId) -> CmdResult<Option<CostModel>> {
    cmd(state.portfolio()?.cost_model(candidate_id))
}

pub fn set_cost_model(
    portfolio: &mut Portfolio,
    candidate_id: CandidateId,
    model: CostModel,
) -> CmdResult<()> {
    cmd(portfolio.set_cost_model(candidate_id, &model))
}

pub fn delete_cost_model(portfolio: &mut Portfolio, candidate_id: CandidateId) -> CmdResult<()> {
    cmd(portfolio.delete_cost_model(candidate_id))
}

pub fn preview_lifecycle(
    state: &AppState,
    request_id: RequestId,
    candidate_id: Option<CandidateId>,
    model: CostModel,
) -> CmdResult<LifecycleCost> {
    cmd(state
        .portfolio()?
        .preview_lifecycle(request_id, candidate_id, &model))
}

pub fn request_lifecycle_costs(
    state: &AppState,
    request_id: RequestId,
) -> CmdResult<RequestLifecycle> {
    cmd(state.portfolio()?.lifecycle_costs(request_id))
}

pub fn financial_case(state: &AppState, request_id: RequestId) -> CmdResult<FinancialCaseView> {
    cmd(state.portfolio()?.financial_case_view(request_id))
}

pub fn candidate_savings(
    state: &AppState,
    candidate_id: CandidateId,
) -> CmdResult<SavingsAndRevenue> {
    cmd(state.portfolio()?.savings_and_revenue(candidate_id))
}

pub fn set_candidate_savings(
    portfolio: &mut Portfolio,
    candidate_id: CandidateId,
    inputs: SavingsAndRevenue,
) -> CmdResult<()> {
    cmd(portfolio.set_savings_and_revenue(candidate_id, &inputs))
}

pub fn candidate_depreciation_and_lease(
    state: &AppState,
    candidate_id: CandidateId,
) -> CmdResult<DepreciationAndLease> {
    cmd(state.portfolio()?.depreciation_and_lease(candidate_id))
}

pub fn set_candidate_depreciation_and_lease(
    portfolio: &mut Portfolio,
    candidate_id: CandidateId,
    inputs: DepreciationAndLease,
) -> CmdResult<()> {
    cmd(portfolio.set_depreciation_and_lease(candidate_id, &inputs))
}

pub fn get_assumption_overrides(
    state: &AppState,
    request_id: RequestId,
) -> CmdResult<AssumptionOverrides> {
    cmd(state.portfolio()?.assumption_overrides(request_id))
}

pub fn set_assumption_overrides(
    portfolio: &mut Portfolio,
    request_id: RequestId,
    overrides: AssumptionOverrides,
) -> CmdResult<()> {
    cmd(portfolio.set_assumption_overrides(request_id, &overrides))
}

pub fn get_portfolio_assumptions(state: &AppState) -> CmdResult<Assumptions> {
    cmd(state.portfolio()?.portfolio_assumptions())
}

pub fn set_portfolio_assumptions(
    portfolio: &mut Portfolio,
    assumptions: Assumptions,
) -> CmdResult<()> {
    cmd(portfolio.set_portfolio_assumptions(&assumptions))
}
