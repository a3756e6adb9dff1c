use caliper_models::assessment::{
    preview_candidate_lifecycle, request_lifecycle, RequestLifecycle,
};
use caliper_models::error::from_value;
use caliper_models::ids::{CandidateId, RequestId};
use caliper_models::lifecycle::{
    lifecycle_cost, AssumptionOverrides, Assumptions, CostModel, LifecycleCost,
};
use tauri::State;

use crate::error::{cmd, CmdResult};
use crate::state::AppState;

/// Cost models and assumptions arrive as JSON values so that a bad field is reported by
/// name (`model.service_annual: ...`) rather than as an unreadable argument.
fn parse<T: serde::de::DeserializeOwned>(what: &str, value: serde_json::Value) -> CmdResult<T> {
    cmd(from_value(what, value))
}

#[tauri::command]
pub async fn get_cost_model(
    state: State<'_, AppState>,
    candidate_id: CandidateId,
) -> CmdResult<Option<CostModel>> {
    cmd(state.portfolio()?.cost_model(candidate_id))
}

#[tauri::command]
pub async fn set_cost_model(
    state: State<'_, AppState>,
    candidate_id: CandidateId,
    model: serde_json::Value,
) -> CmdResult<()> {
    let model: CostModel = parse("model", model)?;
    cmd(state.portfolio()?.set_cost_model(candidate_id, &model))
}

#[tauri::command]
pub async fn delete_cost_model(
    state: State<'_, AppState>,
    candidate_id: CandidateId,
) -> CmdResult<()> {
    cmd(state.portfolio()?.delete_cost_model(candidate_id))
}

/// The lifecycle cost of an unsaved cost model under the request's assumptions: the
/// editor's figures as the user types. With `candidate_id`, the figures include the
/// remediation of that candidate's compatibility gaps, as the lifecycle table's do.
#[tauri::command]
pub async fn preview_lifecycle(
    state: State<'_, AppState>,
    request_id: RequestId,
    candidate_id: Option<CandidateId>,
    model: serde_json::Value,
) -> CmdResult<LifecycleCost> {
    let model: CostModel = parse("model", model)?;
    match candidate_id {
        Some(id) => {
            let inputs = cmd(state.portfolio()?.assessment_inputs(request_id))?;
            cmd(preview_candidate_lifecycle(&inputs, id, &model))
        }
        None => {
            let assumptions = cmd(state.portfolio()?.assumptions(request_id))?;
            cmd(lifecycle_cost(&model, &assumptions))
        }
    }
}

#[tauri::command]
pub async fn request_lifecycle_costs(
    state: State<'_, AppState>,
    request_id: RequestId,
) -> CmdResult<RequestLifecycle> {
    let inputs = cmd(state.portfolio()?.assessment_inputs(request_id))?;
    Ok(request_lifecycle(&inputs))
}

#[tauri::command]
pub async fn get_assumption_overrides(
    state: State<'_, AppState>,
    request_id: RequestId,
) -> CmdResult<AssumptionOverrides> {
    cmd(state.portfolio()?.assumption_overrides(request_id))
}

#[tauri::command]
pub async fn set_assumption_overrides(
    state: State<'_, AppState>,
    request_id: RequestId,
    overrides: serde_json::Value,
) -> CmdResult<()> {
    let overrides: AssumptionOverrides = parse("overrides", overrides)?;
    cmd(state
        .portfolio()?
        .set_assumption_overrides(request_id, &overrides))
}

#[tauri::command]
pub async fn get_portfolio_assumptions(state: State<'_, AppState>) -> CmdResult<Assumptions> {
    cmd(state.portfolio()?.portfolio_assumptions())
}

#[tauri::command]
pub async fn set_portfolio_assumptions(
    state: State<'_, AppState>,
    assumptions: serde_json::Value,
) -> CmdResult<()> {
    let assumptions: Assumptions = parse("assumptions", assumptions)?;
    cmd(state.portfolio()?.set_portfolio_assumptions(&assumptions))
}
