//! Facilities, departments, requests, candidates, criteria, evaluators, scores and
//! measurements.

use caliper_models::criteria::{Criterion, CriterionInput};
use caliper_models::domain::{
    Candidate, CandidateInput, CapitalRequest, Department, Evaluator, EvaluatorScore, Facility,
    Measurement, RequestInput,
};
use caliper_models::ids::{CandidateId, CriterionId, EvaluatorId, FacilityId, RequestId};
use caliper_models::store::{CriteriaTree, RequestSummary};

use crate::error::{cmd, CmdResult};
use crate::state::AppState;

pub fn list_facilities(state: &AppState) -> CmdResult<Vec<Facility>> {
    cmd(state.portfolio()?.facilities())
}

pub fn add_facility(state: &AppState, name: String) -> CmdResult<Facility> {
    cmd(state.portfolio()?.add_facility(&name))
}

pub fn add_department(
    state: &AppState,
    facility_id: FacilityId,
    name: String,
    cost_center: Option<String>,
) -> CmdResult<Department> {
    cmd(state
        .portfolio()?
        .add_department(facility_id, &name, cost_center.as_deref()))
}

pub fn list_departments(state: &AppState) -> CmdResult<Vec<Department>> {
    cmd(state.portfolio()?.departments())
}

pub fn list_requests(state: &AppState) -> CmdResult<Vec<RequestSummary>> {
    cmd(state.portfolio()?.requests())
}

pub fn get_request(state: &AppState, id: RequestId) -> CmdResult<CapitalRequest> {
    cmd(state.portfolio()?.request(id))
}

pub fn create_request(state: &AppState, input: RequestInput) -> CmdResult<CapitalRequest> {
    cmd(state.portfolio()?.create_request(&input))
}

pub fn update_request(
    state: &AppState,
    id: RequestId,
    input: RequestInput,
) -> CmdResult<CapitalRequest> {
    cmd(state.portfolio()?.update_request(id, &input))
}

pub fn delete_request(state: &AppState, id: RequestId) -> CmdResult<()> {
    cmd(state.portfolio()?.delete_request(id))
}

pub fn list_candidates(state: &AppState, request_id: RequestId) -> CmdResult<Vec<Candidate>> {
    cmd(state.portfolio()?.candidates(request_id))
}

pub fn add_candidate(
    state: &AppState,
    request_id: RequestId,
    input: CandidateInput,
) -> CmdResult<Candidate> {
    cmd(state.portfolio()?.add_candidate(request_id, &input))
}

pub fn update_candidate(
    state: &AppState,
    id: CandidateId,
    input: CandidateInput,
) -> CmdResult<Candidate> {
    cmd(state.portfolio()?.update_candidate(id, &input))
}

pub fn delete_candidate(state: &AppState, id: CandidateId) -> CmdResult<()> {
    cmd(state.portfolio()?.delete_candidate(id))
}

pub fn criteria_tree(state: &AppState, request_id: RequestId) -> CmdResult<CriteriaTree> {
    cmd(state.portfolio()?.criteria_tree(request_id))
}

pub fn set_weight(
    state: &AppState,
    criterion_id: CriterionId,
    weight: f64,
) -> CmdResult<Criterion> {
    cmd(state.portfolio()?.set_weight(criterion_id, weight))
}

pub fn add_criterion(state: &AppState, input: CriterionInput) -> CmdResult<Criterion> {
    cmd(state.portfolio()?.add_criterion(&input))
}

pub fn update_criterion(
    state: &AppState,
    id: CriterionId,
    input: CriterionInput,
) -> CmdResult<Criterion> {
    cmd(state.portfolio()?.update_criterion(id, &input))
}

pub fn delete_criterion(state: &AppState, id: CriterionId) -> CmdResult<()> {
    cmd(state.portfolio()?.delete_criterion(id))
}

pub fn list_evaluators(state: &AppState) -> CmdResult<Vec<Evaluator>> {
    cmd(state.portfolio()?.evaluators())
}

pub fn add_evaluator(state: &AppState, name: String, role: String) -> CmdResult<Evaluator> {
    cmd(state.portfolio()?.add_evaluator(&name, &role))
}

pub fn list_scores(state: &AppState, request_id: RequestId) -> CmdResult<Vec<EvaluatorScore>> {
    cmd(state.portfolio()?.scores(request_id))
}

pub fn set_score(
    state: &AppState,
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

pub fn list_measurements(state: &AppState, request_id: RequestId) -> CmdResult<Vec<Measurement>> {
    cmd(state.portfolio()?.measurements(request_id))
}

pub fn set_measurement(
    state: &AppState,
    candidate_id: CandidateId,
    criterion_id: CriterionId,
    value: Option<String>,
) -> CmdResult<()> {
    cmd(state
        .portfolio()?
        .set_measurement(candidate_id, criterion_id, value.as_deref()))
}
