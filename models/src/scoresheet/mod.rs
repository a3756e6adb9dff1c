//! Score sheets: one evaluator's scores of one request's candidates, filled in away from
//! the app and merged back after a preview.
//!
//! Committees score independently: each evaluator gets a sheet of their own (an XLSX
//! workbook with data validation, or a CSV file), fills it in, and returns it. The sheet
//! is one grid, the same in both formats ([`ScoreSheet::grid`]): a heading block that
//! names the request and the evaluator by id and name, a row of candidate ids above the
//! candidates' names, and one row per judged criterion with its id, category, name and
//! anchored 1-5 scale, then a score cell per candidate. The evaluator's stored scores are
//! filled in, so a returned sheet can revise them.
//!
//! Reading a returned sheet ([`read`]) and comparing it with the portfolio ([`preview`])
//! are pure: they take cells and the current records, and say what would change (new,
//! changed, unchanged, blank) and what stops the merge (a score off the scale, a sheet of
//! another request or evaluator, candidates or criteria that changed since the sheet was
//! made), each naming its cell. A blank cell leaves a stored score as it is: clearing a
//! score is done in the app or with `caliper score set`.

mod preview;
mod read;

pub use preview::{preview, PreviewRow, PreviewStatus, SheetPreview, SheetProblem, SheetState};
pub use read::{read, Grid, ReturnedCell, ReturnedHeading, ReturnedSheet};

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::criteria::{Category, Criterion, CriterionKind, SCALE_MAX, SCALE_MIN};
use crate::domain::{Candidate, CapitalRequest, Evaluator, EvaluatorScore};
use crate::ids::{CandidateId, CriterionId, EvaluatorId, RequestId};

/// What cell A1 of every score sheet reads: how a returned file is recognised.
pub const TITLE: &str = "Caliper score sheet";
/// The layout's version, in cell B1.
pub const FORMAT: &str = "format 1";

/// Rows of the layout (0-based); a returned sheet is read by the labels in column A.
pub(crate) const MADE_ROW: u32 = 3;
pub(crate) const HOW_ROW: u32 = 4;
pub(crate) const CANDIDATE_ID_ROW: u32 = 6;
pub(crate) const HEADER_ROW: u32 = 7;
pub(crate) const FIRST_CRITERION_ROW: u32 = 8;
/// The first candidate's score column (E).
pub(crate) const FIRST_SCORE_COLUMN: u32 = 4;

pub(crate) const REQUEST_LABEL: &str = "Request";
pub(crate) const EVALUATOR_LABEL: &str = "Evaluator";
pub(crate) const MADE_LABEL: &str = "Made on";
pub(crate) const CANDIDATE_ID_LABEL: &str = "Candidate id";
pub(crate) const CRITERION_ID_LABEL: &str = "Criterion id";

/// A candidate as the sheet names it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SheetCandidate {
    pub id: CandidateId,
    pub label: String,
}

/// A judged criterion as the sheet shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SheetCriterion {
    pub id: CriterionId,
    pub category: String,
    pub name: String,
    pub description: String,
    /// What each level of the scale means, lowest first.
    pub anchors: Vec<String>,
}

impl SheetCriterion {
    /// The anchored scale as one text: `1 = ...; 2 = ...` (or the bare range when the
    /// criterion has no anchors).
    pub fn scale(&self) -> String {
        if self.anchors.iter().all(|a| a.trim().is_empty()) {
            return format!("{SCALE_MIN} (worst) to {SCALE_MAX} (best)");
        }
        self.anchors
            .iter()
            .enumerate()
            .filter(|(_, a)| !a.trim().is_empty())
            .map(|(i, a)| format!("{} = {}", i + 1, a.trim()))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// One evaluator's sheet for one request.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScoreSheet {
    pub request_id: RequestId,
    pub request_title: String,
    pub evaluator_id: EvaluatorId,
    pub evaluator_name: String,
    #[ts(type = "string")]
    pub made_on: NaiveDate,
    pub candidates: Vec<SheetCandidate>,
    pub criteria: Vec<SheetCriterion>,
    /// The evaluator's stored scores, filled into the sheet.
    #[ts(skip)]
    #[serde(skip)]
    pub scores: BTreeMap<(CandidateId, CriterionId), u8>,
}

/// A cell of the sheet's grid, as both formats write it.
#[derive(Debug, Clone, PartialEq)]
pub enum SheetValue {
    Empty,
    Text(String),
    /// An id or a year: a whole number.
    Number(u32),
    /// A score cell: the stored score, or empty for the evaluator to fill.
    Score(Option<u8>),
}

impl ScoreSheet {
    /// The sheet of `evaluator` for `request`: its candidates, its judged criteria in the
    /// order of their categories, and the evaluator's stored scores.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        request: &CapitalRequest,
        evaluator: &Evaluator,
        candidates: &[Candidate],
        categories: &[Category],
        criteria: &[Criterion],
        scores: &[EvaluatorScore],
        made_on: NaiveDate,
    ) -> ScoreSheet {
        let mut judged: Vec<&Criterion> = criteria
            .iter()
            .filter(|c| c.kind == CriterionKind::Judged)
            .collect();
        let category_of = |c: &Criterion| categories.iter().find(|k| k.id == c.category_id);
        judged.sort_by_key(|c| (category_of(c).map_or(u32::MAX, |k| k.position), c.position));
        ScoreSheet {
            request_id: request.id,
            request_title: request.title.clone(),
            evaluator_id: evaluator.id,
            evaluator_name: evaluator.name.clone(),
            made_on,
            candidates: candidates
                .iter()
                .map(|c| SheetCandidate {
                    id: c.id,
                    label: c.label(),
                })
                .collect(),
            criteria: judged
                .into_iter()
                .map(|c| SheetCriterion {
                    id: c.id,
                    category: category_of(c).map(|k| k.name.clone()).unwrap_or_default(),
                    name: c.name.clone(),
                    description: c.description.clone(),
                    anchors: c.anchors.clone(),
                })
                .collect(),
            scores: scores
                .iter()
                .filter(|s| s.evaluator_id == evaluator.id)
                .map(|s| ((s.candidate_id, s.criterion_id), s.score))
                .collect(),
        }
    }

    /// The sheet's cells, row by row: the layout both the workbook and the CSV file use.
    pub fn grid(&self) -> Vec<Vec<SheetValue>> {
        use SheetValue::{Empty, Number, Score, Text};
        let text = |s: &str| Text(s.to_string());
        let mut rows = vec![
            vec![text(TITLE), text(FORMAT)],
            vec![
                text(REQUEST_LABEL),
                Number(self.request_id.0),
                text(&self.request_title),
            ],
            vec![
                text(EVALUATOR_LABEL),
                Number(self.evaluator_id.0),
                text(&self.evaluator_name),
            ],
            vec![text(MADE_LABEL), text(&self.made_on.to_string())],
            vec![
                text("How to score"),
                text(&format!(
                    "Score each candidate from {SCALE_MIN} (worst) to {SCALE_MAX} (best) on each criterion's scale, in whole points; leave a cell blank where you do not score. Do not change the ids, the names or the order of rows and columns."
                )),
            ],
            vec![],
        ];
        let mut ids = vec![text(CANDIDATE_ID_LABEL), Empty, Empty, Empty];
        ids.extend(self.candidates.iter().map(|c| Number(c.id.0)));
        rows.push(ids);
        let mut header = vec![
            text(CRITERION_ID_LABEL),
            text("Category"),
            text("Criterion"),
            text("Scale"),
        ];
        header.extend(self.candidates.iter().map(|c| text(&c.label)));
        rows.push(header);
        for criterion in &self.criteria {
            let mut row = vec![
                Number(criterion.id.0),
                text(&criterion.category),
                text(&criterion.name),
                text(&criterion.scale()),
            ];
            row.extend(
                self.candidates
                    .iter()
                    .map(|c| Score(self.scores.get(&(c.id, criterion.id)).copied())),
            );
            rows.push(row);
        }
        debug_assert_eq!(
            rows.len() as u32,
            FIRST_CRITERION_ROW + self.criteria.len() as u32
        );
        debug_assert!(rows[HOW_ROW as usize].len() == 2 && rows[MADE_ROW as usize].len() == 2);
        rows
    }

    /// The file name a sheet is saved under: request and evaluator, safe on every system.
    pub fn file_stem(&self) -> String {
        let clean = |s: &str| -> String {
            let kept: String = s
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || c == '-' {
                        c
                    } else {
                        ' '
                    }
                })
                .collect();
            kept.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .take(60)
                .collect()
        };
        format!(
            "Score sheet {} - {} - {}",
            self.request_id.0,
            clean(&self.request_title),
            clean(&self.evaluator_name)
        )
    }
}

/// Column letters of a 0-based column index: 0 is A, 26 is AA.
pub fn column_letters(mut index: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A cell's name as a spreadsheet shows it: `E9` for row 8, column 4 (0-based).
pub fn cell_name(row: u32, column: u32) -> String {
    format!("{}{}", column_letters(column), u64::from(row) + 1)
}
