use caliper_models::criteria::{Criterion, CriterionInput};
use caliper_models::domain::{
    Candidate, CandidateInput, CapitalRequest, Department, Evaluator, EvaluatorScore, Facility,
    Measurement, RequestInput,
};
use caliper_models::ids::{CandidateId, CriterionId, EvaluatorId, FacilityId, RequestId};
use caliper_models::store::{CategoryCriteria, RequestSummary};
use tauri::State;

use crate::error::{cmd, CmdResult};
use crate::state::AppState;

#[tauri::command]
pub async fn list_facilities(state: State<'_, AppState>) -> CmdResult<Vec<Facility>> {
    cmd(state.portfolio()?.facilities())
}

#[tauri::command]
pub async fn add_facility(state: State<'_, AppState>, name: String) -> CmdResult<Facility> {
    cmd(state.portfolio()?.add_facility(&name))
}

#[tauri::command]
pub async fn add_department(
    state: State<'_, AppState>,
    facility_id: FacilityId,
    name: String,
    cost_center: Option<String>,
) -> CmdResult<Department> {
    cmd(state
        .portfolio()?
        .add_department(facility_id, &name, cost_center.as_deref()))
}

#[tauri::command]
pub async fn list_departments(state: State<'_, AppState>) -> CmdResult<Vec<Department>> {
    cmd(state.portfolio()?.departments())
}

#[tauri::command]
pub async fn list_requests(state: State<'_, AppState>) -> CmdResult<Vec<RequestSummary>> {
    cmd(state.portfolio()?.requests())
}

#[tauri::command]
pub async fn get_request(state: State<'_, AppState>, id: RequestId) -> CmdResult<CapitalRequest> {
    cmd(state.portfolio()?.request(id))
}

#[tauri::command]
pub async fn create_request(
    state: State<'_, AppState>,
    input: RequestInput,
) -> CmdResult<CapitalRequest> {
    cmd(state.portfolio()?.create_request(&input))
}

#[tauri::command]
pub async fn update_request(
    state: State<'_, AppState>,
    id: RequestId,
    input: RequestInput,
) -> CmdResult<CapitalRequest> {
    cmd(state.portfolio()?.update_request(id, &input))
}

#[tauri::command]
pub async fn delete_request(state: State<'_, AppState>, id: RequestId) -> CmdResult<()> {
    cmd(state.portfolio()?.delete_request(id))
}

#[tauri::command]
pub async fn list_candidates(
    state: State<'_, AppState>,
    request_id: RequestId,
) -> CmdResult<Vec<Candidate>> {
    cmd(state.portfolio()?.candidates(request_id))
}

#[tauri::command]
pub async fn add_candidate(
    state: State<'_, AppState>,
    request_id: RequestId,
    input: CandidateInput,
) -> CmdResult<Candidate> {
    cmd(state.portfolio()?.add_candidate(request_id, &input))
}

#[tauri::command]
pub async fn update_candidate(
    state: State<'_, AppState>,
    id: CandidateId,
    input: CandidateInput,
) -> CmdResult<Candidate> {
    cmd(state.portfolio()?.update_candidate(id, &input))
}

#[tauri::command]
pub async fn delete_candidate(state: State<'_, AppState>, id: CandidateId) -> CmdResult<()> {
    cmd(state.portfolio()?.delete_candidate(id))
}

#[tauri::command]
pub async fn criteria_tree(
    state: State<'_, AppState>,
    request_id: RequestId,
) -> CmdResult<Vec<CategoryCriteria>> {
    cmd(state.portfolio()?.criteria_tree(request_id))
}

#[tauri::command]
pub async fn set_weight(
    state: State<'_, AppState>,
    criterion_id: CriterionId,
    weight: f64,
) -> CmdResult<Criterion> {
    cmd(state.portfolio()?.set_weight(criterion_id, weight))
}

#[tauri::command]
pub async fn add_criterion(
    state: State<'_, AppState>,
    input: CriterionInput,
) -> CmdResult<Criterion> {
    cmd(state.portfolio()?.add_criterion(&input))
}

#[tauri::command]
pub async fn update_criterion(
    state: State<'_, AppState>,
    id: CriterionId,
    input: CriterionInput,
) -> CmdResult<Criterion> {
    cmd(state.portfolio()?.update_criterion(id, &input))
}

#[tauri::command]
pub async fn delete_criterion(state: State<'_, AppState>, id: CriterionId) -> CmdResult<()> {
    cmd(state.portfolio()?.delete_criterion(id))
}

#[tauri::command]
pub async fn list_evaluators(state: State<'_, AppState>) -> CmdResult<Vec<Evaluator>> {
    cmd(state.portfolio()?.evaluators())
}

#[tauri::command]
pub async fn add_evaluator(
    state: State<'_, AppState>,
    name: String,
    role: String,
) -> CmdResult<Evaluator> {
    cmd(state.portfolio()?.add_evaluator(&name, &role))
}

#[tauri::command]
pub async fn list_scores(
    state: State<'_, AppState>,
    request_id: RequestId,
) -> CmdResult<Vec<EvaluatorScore>> {
    cmd(state.portfolio()?.scores(request_id))
}

#[tauri::command]
pub async fn set_score(
    state: State<'_, AppState>,
    evaluator_id: EvaluatorId,
    candidate_id: CandidateId,
    criterion_id: CriterionId,
    score: Option<u8>,
    comment: String,
) -> CmdResult<()> {
    cmd(state
        .portfolio()?
        .set_score(evaluator_id, candidate_id, criterion_id, score, &comment))
}

#[tauri::command]
pub async fn list_measurements(
    state: State<'_, AppState>,
    request_id: RequestId,
) -> CmdResult<Vec<Measurement>> {
    cmd(state.portfolio()?.measurements(request_id))
}

#[tauri::command]
pub async fn set_measurement(
    state: State<'_, AppState>,
    candidate_id: CandidateId,
    criterion_id: CriterionId,
    value: Option<String>,
) -> CmdResult<()> {
    cmd(state
        .portfolio()?
        .set_measurement(candidate_id, criterion_id, value.as_deref()))
}
