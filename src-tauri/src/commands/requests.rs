//! Facilities, departments, requests, candidates, criteria, evaluators, scores and
//! measurements; evaluators' score sheets out and back.

use caliper_models::criteria::{Criterion, CriterionInput};
use caliper_models::domain::{
    Candidate, CandidateInput, CapitalRequest, Department, Evaluator, EvaluatorScore, Facility,
    Measurement, RequestInput,
};
use caliper_models::ids::{
    CandidateId, CriterionId, DepartmentId, EvaluatorId, FacilityId, RequestId,
};
use caliper_models::report::score_sheet::{write_sheets, SheetFormat, SheetWritten};
use caliper_models::scoresheet::SheetPreview;
use caliper_models::store::{CriteriaTree, Portfolio, RequestSummary};
use std::path::PathBuf;

use crate::error::{cmd, CmdResult};
use crate::state::AppState;

pub fn list_facilities(state: &AppState) -> CmdResult<Vec<Facility>> {
    cmd(state.portfolio()?.facilities())
}

pub fn add_facility(portfolio: &mut Portfolio, name: String) -> CmdResult<Facility> {
    cmd(portfolio.add_facility(&name))
}

pub fn add_department(
    portfolio: &mut Portfolio,
    facility_id: FacilityId,
    name: String,
    cost_center: Option<String>,
) -> CmdResult<Department> {
    cmd(portfolio.add_department(facility_id, &name, cost_center.as_deref()))
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

pub fn create_request(portfolio: &mut Portfolio, input: RequestInput) -> CmdResult<CapitalRequest> {
    cmd(portfolio.create_request(&input))
}

pub fn update_request(
    portfolio: &mut Portfolio,
    id: RequestId,
    input: RequestInput,
) -> CmdResult<CapitalRequest> {
    cmd(portfolio.update_request(id, &input))
}

pub fn delete_request(portfolio: &mut Portfolio, id: RequestId) -> CmdResult<()> {
    cmd(portfolio.delete_request(id))
}

pub fn list_candidates(state: &AppState, request_id: RequestId) -> CmdResult<Vec<Candidate>> {
    cmd(state.portfolio()?.candidates(request_id))
}

pub fn add_candidate(
    portfolio: &mut Portfolio,
    request_id: RequestId,
    input: CandidateInput,
) -> CmdResult<Candidate> {
    cmd(portfolio.add_candidate(request_id, &input))
}

pub fn update_candidate(
    portfolio: &mut Portfolio,
    id: CandidateId,
    input: CandidateInput,
) -> CmdResult<Candidate> {
    cmd(portfolio.update_candidate(id, &input))
}

pub fn delete_candidate(portfolio: &mut Portfolio, id: CandidateId) -> CmdResult<()> {
    cmd(portfolio.delete_candidate(id))
}

pub fn criteria_tree(state: &AppState, request_id: RequestId) -> CmdResult<CriteriaTree> {
    cmd(state.portfolio()?.criteria_tree(request_id))
}

pub fn set_weight(
    portfolio: &mut Portfolio,
    criterion_id: CriterionId,
    weight: f64,
) -> CmdResult<Criterion> {
    cmd(portfolio.set_weight(criterion_id, weight))
}

pub fn add_criterion(portfolio: &mut Portfolio, input: CriterionInput) -> CmdResult<Criterion> {
    cmd(portfolio.add_criterion(&input))
}

pub fn update_criterion(
    portfolio: &mut Portfolio,
    id: CriterionId,
    input: CriterionInput,
) -> CmdResult<Criterion> {
    cmd(portfolio.update_criterion(id, &input))
}

pub fn delete_criterion(portfolio: &mut Portfolio, id: CriterionId) -> CmdResult<()> {
    cmd(portfolio.delete_criterion(id))
}

pub fn list_evaluators(state: &AppState) -> CmdResult<Vec<Evaluator>> {
    cmd(state.portfolio()?.evaluators())
}

pub fn add_evaluator(
    portfolio: &mut Portfolio,
    name: String,
    role: String,
) -> CmdResult<Evaluator> {
    cmd(portfolio.add_evaluator(&name, &role))
}

pub fn rename_facility(
    portfolio: &mut Portfolio,
    facility_id: FacilityId,
    name: String,
) -> CmdResult<Facility> {
    cmd(portfolio.rename_facility(facility_id, &name))
}

pub fn remove_facility(portfolio: &mut Portfolio, facility_id: FacilityId) -> CmdResult<()> {
    cmd(portfolio.remove_facility(facility_id))
}

pub fn edit_department(
    portfolio: &mut Portfolio,
    department_id: DepartmentId,
    name: String,
    cost_center: Option<String>,
) -> CmdResult<Department> {
    cmd(portfolio.edit_department(department_id, &name, cost_center.as_deref()))
}

pub fn remove_department(portfolio: &mut Portfolio, department_id: DepartmentId) -> CmdResult<()> {
    cmd(portfolio.remove_department(department_id))
}

pub fn evaluator_score_count(state: &AppState, evaluator_id: EvaluatorId) -> CmdResult<u32> {
    cmd(state.portfolio()?.evaluator_score_count(evaluator_id))
}

pub fn remove_evaluator(
    portfolio: &mut Portfolio,
    evaluator_id: EvaluatorId,
    confirmed: bool,
) -> CmdResult<()> {
    cmd(portfolio.remove_evaluator(evaluator_id, confirmed))
}

pub fn list_scores(state: &AppState, request_id: RequestId) -> CmdResult<Vec<EvaluatorScore>> {
    cmd(state.portfolio()?.scores(request_id))
}

pub fn set_score(
    portfolio: &mut Portfolio,
    evaluator_id: EvaluatorId,
    candidate_id: CandidateId,
    criterion_id: CriterionId,
    score: Option<u8>,
    comment: String,
) -> CmdResult<()> {
    cmd(portfolio.set_score(evaluator_id, candidate_id, criterion_id, score, &comment))
}

pub fn export_score_sheets(
    state: &AppState,
    request_id: RequestId,
    folder: PathBuf,
    format: SheetFormat,
) -> CmdResult<Vec<SheetWritten>> {
    let sheets = cmd(state
        .portfolio()?
        .score_sheets(request_id, chrono::Local::now().date_naive()))?;
    let written = cmd(write_sheets(&sheets, format, &folder))?;
    for w in &written {
        state.exported(&w.path)?;
    }
    Ok(written)
}

pub fn preview_score_sheet(
    state: &AppState,
    request_id: RequestId,
    path: PathBuf,
) -> CmdResult<SheetPreview> {
    cmd(state
        .portfolio()?
        .preview_score_sheet_file(&path, Some(request_id)))
}

pub fn import_score_sheet(
    portfolio: &mut Portfolio,
    request_id: RequestId,
    path: PathBuf,
) -> CmdResult<SheetPreview> {
    cmd(portfolio.import_score_sheet_file(&path, Some(request_id)))
}

pub fn list_measurements(state: &AppState, request_id: RequestId) -> CmdResult<Vec<Measurement>> {
    cmd(state.portfolio()?.measurements(request_id))
}

pub fn set_measurement(
    portfolio: &mut Portfolio,
    candidate_id: CandidateId,
    criterion_id: CriterionId,
    value: Option<String>,
) -> CmdResult<()> {
    cmd(portfolio.set_measurement(candidate_id, criterion_id, value.as_deref()))
}
