//! What merging a returned sheet would do, before anything is saved: each score cell as
//! new, changed, unchanged, blank or off the scale, and the problems that stop the merge
//! (another request, another evaluator, candidates or criteria that changed since the
//! sheet was made), each naming its cell.

use serde::Serialize;
use ts_rs::TS;

use super::read::ReturnedSheet;
use crate::criteria::{Criterion, CriterionKind, SCALE_MAX, SCALE_MIN};
use crate::domain::{Candidate, CapitalRequest, Evaluator, EvaluatorScore};
use crate::ids::{CandidateId, CriterionId, EvaluatorId, RequestId};

/// The portfolio as it stands, for the sheet's request.
pub struct SheetState<'a> {
    /// The sheet's request, when the portfolio has it.
    pub request: Option<&'a CapitalRequest>,
    /// The request the user is importing into (the app's open request), if any.
    pub target: Option<&'a CapitalRequest>,
    pub evaluators: &'a [Evaluator],
    pub candidates: &'a [Candidate],
    pub criteria: &'a [Criterion],
    pub scores: &'a [EvaluatorScore],
}

/// What happens to one score cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PreviewStatus {
    /// A score where none is stored.
    New,
    /// A score that replaces another.
    Changed,
    Unchanged,
    /// Left blank: a stored score stays as it is.
    Blank,
    /// Not a whole number on the scale: the merge is refused.
    OutOfRange,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PreviewRow {
    pub place: String,
    pub candidate_id: CandidateId,
    pub candidate: String,
    pub criterion_id: CriterionId,
    pub criterion: String,
    pub status: PreviewStatus,
    /// The sheet's score (when it is one).
    pub score: Option<u8>,
    /// The score stored now.
    pub stored: Option<u8>,
    /// What the cell holds, as typed.
    pub text: String,
}

/// Something that stops the merge, and where.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SheetProblem {
    pub place: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SheetPreview {
    pub file: String,
    pub request_id: RequestId,
    pub request_title: String,
    pub evaluator_id: EvaluatorId,
    pub evaluator_name: String,
    pub rows: Vec<PreviewRow>,
    /// Each stops the merge; nothing is saved while there is one.
    pub problems: Vec<SheetProblem>,
    pub new: u32,
    pub changed: u32,
    pub unchanged: u32,
    pub blank: u32,
}

impl SheetPreview {
    pub fn can_merge(&self) -> bool {
        self.problems.is_empty()
    }
}

/// A score cell's text as a score: a whole number on the scale (`4`, or `4.0` from a
/// number cell), `None` for a blank cell, or why it is not one.
fn score_of(text: &str) -> Result<Option<u8>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let whole = text.strip_suffix(".0").unwrap_or(text);
    match whole.parse::<i64>() {
        Ok(n) if (i64::from(SCALE_MIN)..=i64::from(SCALE_MAX)).contains(&n) => Ok(Some(n as u8)),
        Ok(n) => Err(format!(
            "{n} is not on the scale {SCALE_MIN} to {SCALE_MAX}"
        )),
        Err(_) => Err(format!(
            "'{text}' is not a score: type one whole number from {SCALE_MIN} to {SCALE_MAX}, or leave the cell blank"
        )),
    }
}

/// Compares a returned sheet with the portfolio.
pub fn preview(sheet: &ReturnedSheet, state: &SheetState<'_>) -> SheetPreview {
    let mut problems = Vec::new();
    let mut problem = |place: &str, message: String| {
        problems.push(SheetProblem {
            place: place.to_string(),
            message,
        })
    };
    let request_ok = check_request(sheet, state, &mut problem);
    check_evaluator(sheet, state, &mut problem);
    if request_ok {
        check_candidates(sheet, state, &mut problem);
        check_criteria(sheet, state, &mut problem);
    }

    let mut rows = Vec::new();
    for cell in &sheet.cells {
        let candidate = state.candidates.iter().find(|c| c.id == cell.candidate_id);
        let criterion = state.criteria.iter().find(|c| c.id == cell.criterion_id);
        let (Some(candidate), Some(criterion)) = (candidate, criterion) else {
            continue;
        };
        let stored = state
            .scores
            .iter()
            .find(|s| {
                s.evaluator_id == sheet.evaluator_id
                    && s.candidate_id == candidate.id
                    && s.criterion_id == criterion.id
            })
            .map(|s| s.score);
        let (status, score) = match score_of(&cell.text) {
            Err(message) => {
                problem(
                    &cell.place,
                    format!("{message} ({}, {})", candidate.label(), criterion.name),
                );
                (PreviewStatus::OutOfRange, None)
            }
            Ok(None) => (PreviewStatus::Blank, None),
            Ok(Some(s)) if stored.is_none() => (PreviewStatus::New, Some(s)),
            Ok(Some(s)) if stored == Some(s) => (PreviewStatus::Unchanged, Some(s)),
            Ok(Some(s)) => (PreviewStatus::Changed, Some(s)),
        };
        rows.push(PreviewRow {
            place: cell.place.clone(),
            candidate_id: candidate.id,
            candidate: candidate.label(),
            criterion_id: criterion.id,
            criterion: criterion.name.clone(),
            status,
            score,
            stored,
            text: cell.text.clone(),
        });
    }
    let count = |status: PreviewStatus| rows.iter().filter(|r| r.status == status).count() as u32;
    SheetPreview {
        file: sheet.file.clone(),
        request_id: sheet.request_id,
        request_title: sheet.request_title.clone(),
        evaluator_id: sheet.evaluator_id,
        evaluator_name: sheet.evaluator_name.clone(),
        new: count(PreviewStatus::New),
        changed: count(PreviewStatus::Changed),
        unchanged: count(PreviewStatus::Unchanged),
        blank: count(PreviewStatus::Blank),
        rows,
        problems,
    }
}

/// The sheet's request is in the portfolio, under the title the sheet gives, and is the
/// request being imported into. False when the request is not there at all.
fn check_request(
    sheet: &ReturnedSheet,
    state: &SheetState<'_>,
    problem: &mut impl FnMut(&str, String),
) -> bool {
    let Some(request) = state.request else {
        problem(
            &sheet.request_place,
            format!(
                "the sheet is for request {} '{}', which is not in this portfolio",
                sheet.request_id, sheet.request_title
            ),
        );
        return false;
    };
    if !sheet.request_title.is_empty() && sheet.request_title != request.title {
        problem(
            &sheet.request_place,
            format!(
                "the sheet is for '{}', but request {} here is '{}': a sheet from another portfolio?",
                sheet.request_title, request.id, request.title
            ),
        );
    }
    if let Some(target) = state.target.filter(|t| t.id != request.id) {
        problem(
            &sheet.request_place,
            format!(
                "the sheet is for request {} '{}', not for '{}' (request {}), the one open",
                request.id, request.title, target.title, target.id
            ),
        );
    }
    true
}

/// The evaluator exists and the sheet still names them: a sheet filled in under another
/// evaluator's name is refused, as each evaluator scores on their own sheet.
fn check_evaluator(
    sheet: &ReturnedSheet,
    state: &SheetState<'_>,
    problem: &mut impl FnMut(&str, String),
) {
    let Some(evaluator) = state.evaluators.iter().find(|e| e.id == sheet.evaluator_id) else {
        problem(
            &sheet.evaluator_place,
            format!(
                "evaluator {} ('{}') is not in this portfolio",
                sheet.evaluator_id, sheet.evaluator_name
            ),
        );
        return;
    };
    if !sheet
        .evaluator_name
        .trim()
        .eq_ignore_ascii_case(evaluator.name.trim())
    {
        problem(
            &sheet.evaluator_name_place,
            format!(
                "the sheet was made for {} (evaluator {}) but is filled in as '{}': each evaluator returns their own sheet",
                evaluator.name, evaluator.id, sheet.evaluator_name
            ),
        );
    }
}

/// The candidates are those of the request now: none removed, none added.
fn check_candidates(
    sheet: &ReturnedSheet,
    state: &SheetState<'_>,
    problem: &mut impl FnMut(&str, String),
) {
    for c in &sheet.candidates {
        match state.candidates.iter().find(|k| k.id == c.id) {
            None => problem(
                &c.place,
                format!(
                    "candidate {} ('{}') is no longer in the request: export a new sheet",
                    c.id, c.name
                ),
            ),
            Some(k) if !c.name.is_empty() && c.name != k.label() => problem(
                &c.place,
                format!(
                    "candidate {} is '{}' in the sheet but '{}' now: export a new sheet",
                    c.id,
                    c.name,
                    k.label()
                ),
            ),
            Some(_) => {}
        }
    }
    for k in state.candidates {
        if !sheet.candidates.iter().any(|c| c.id == k.id) {
            problem(
                &sheet.request_place,
                format!(
                    "candidate {} ('{}') was added after the sheet was made and has no column: export a new sheet",
                    k.id,
                    k.label()
                ),
            );
        }
    }
}

/// The judged criteria are those of the request now.
fn check_criteria(
    sheet: &ReturnedSheet,
    state: &SheetState<'_>,
    problem: &mut impl FnMut(&str, String),
) {
    for c in &sheet.criteria {
        match state.criteria.iter().find(|k| k.id == c.id) {
            None => problem(
                &c.place,
                format!(
                    "criterion {} ('{}') is no longer in the request: export a new sheet",
                    c.id, c.name
                ),
            ),
            Some(k) if k.kind != CriterionKind::Judged => problem(
                &c.place,
                format!(
                    "'{}' is now measured, not scored by evaluators: export a new sheet",
                    k.name
                ),
            ),
            Some(k) if !c.name.is_empty() && c.name != k.name => problem(
                &c.place,
                format!(
                    "criterion {} is '{}' in the sheet but '{}' now: export a new sheet",
                    c.id, c.name, k.name
                ),
            ),
            Some(_) => {}
        }
    }
    for k in state
        .criteria
        .iter()
        .filter(|k| k.kind == CriterionKind::Judged)
    {
        if !sheet.criteria.iter().any(|c| c.id == k.id) {
            problem(
                &sheet.request_place,
                format!(
                    "criterion {} ('{}') was added after the sheet was made and has no row: export a new sheet",
                    k.id, k.name
                ),
            );
        }
    }
}
