//! Reading a returned score sheet from its cells: the heading block, the candidate ids,
//! the criterion rows and the score cells, each remembered with the cell it came from.
//! A file that is not a score sheet, or whose ids cannot be read, is refused here naming
//! the cell; what the scores say is judged by [`super::preview`].

use std::collections::BTreeMap;

use super::{
    cell_name, CANDIDATE_ID_LABEL, CRITERION_ID_LABEL, EVALUATOR_LABEL, FIRST_SCORE_COLUMN,
    REQUEST_LABEL, TITLE,
};
use crate::error::{Error, Result};
use crate::ids::{CandidateId, CriterionId, EvaluatorId, RequestId};

/// The non-empty cells of a returned sheet, by (row, column), 0-based.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// The file's name, as messages show it.
    pub file: String,
    /// The worksheet read, for a workbook; `None` for a CSV file.
    pub sheet: Option<String>,
    pub cells: BTreeMap<(u32, u32), String>,
}

impl Grid {
    fn text(&self, row: u32, column: u32) -> &str {
        self.cells.get(&(row, column)).map_or("", |s| s.trim())
    }

    /// Where a cell is, as the user finds it: `sheet 'Scores', cell E9` or `cell E9`.
    pub fn place(&self, row: u32, column: u32) -> String {
        match &self.sheet {
            Some(sheet) => format!("sheet '{sheet}', cell {}", cell_name(row, column)),
            None => format!("cell {}", cell_name(row, column)),
        }
    }

    fn refuse(&self, row: u32, column: u32, message: impl std::fmt::Display) -> Error {
        Error::Parse {
            location: self.file.clone(),
            message: format!("{}: {message}", self.place(row, column)),
        }
    }

    /// The first row whose column A reads `label`.
    fn row_labelled(&self, label: &str) -> Result<u32> {
        self.cells
            .iter()
            .find(|((_, column), text)| *column == 0 && text.trim().eq_ignore_ascii_case(label))
            .map(|((row, _), _)| *row)
            .ok_or_else(|| Error::Parse {
                location: self.file.clone(),
                message: format!(
                    "has no row labelled '{label}' in column A: it is not a complete Caliper score sheet"
                ),
            })
    }

    fn id(&self, row: u32, column: u32, what: &str) -> Result<u32> {
        let text = self.text(row, column);
        parse_id(text).ok_or_else(|| {
            if text.is_empty() {
                self.refuse(row, column, format!("the {what} id is missing"))
            } else {
                self.refuse(row, column, format!("'{text}' is not a {what} id"))
            }
        })
    }
}

/// An id as a spreadsheet may give it back: `12`, or `12.0` from a number cell.
fn parse_id(text: &str) -> Option<u32> {
    let text = text.strip_suffix(".0").unwrap_or(text);
    text.parse::<u32>().ok().filter(|&id| id > 0)
}

/// A returned sheet, read: what it says and where it says it.
#[derive(Debug, Clone)]
pub struct ReturnedSheet {
    pub file: String,
    pub request_id: RequestId,
    pub request_title: String,
    pub request_place: String,
    pub evaluator_id: EvaluatorId,
    pub evaluator_name: String,
    pub evaluator_place: String,
    pub evaluator_name_place: String,
    pub candidates: Vec<ReturnedHeading<CandidateId>>,
    pub criteria: Vec<ReturnedHeading<CriterionId>>,
    pub cells: Vec<ReturnedCell>,
}

/// A candidate column or criterion row: its id, the name beside it, and its id's cell.
#[derive(Debug, Clone)]
pub struct ReturnedHeading<Id> {
    pub id: Id,
    pub name: String,
    pub place: String,
}

/// A score cell as returned: its text, for the candidate and criterion it stands for.
#[derive(Debug, Clone)]
pub struct ReturnedCell {
    pub place: String,
    pub candidate_id: CandidateId,
    pub criterion_id: CriterionId,
    pub text: String,
}

/// Reads a returned sheet's cells. Refused, naming the cell: a file that is not a score
/// sheet, a missing or unreadable id, and a candidate or criterion listed twice.
pub fn read(grid: &Grid) -> Result<ReturnedSheet> {
    if !grid.text(0, 0).eq_ignore_ascii_case(TITLE) {
        return Err(Error::Parse {
            location: grid.file.clone(),
            message: format!(
                "is not a Caliper score sheet ({} should read '{TITLE}'): export one from the request's Scoring tab or with `caliper score sheet`",
                grid.place(0, 0)
            ),
        });
    }
    let request_row = grid.row_labelled(REQUEST_LABEL)?;
    let evaluator_row = grid.row_labelled(EVALUATOR_LABEL)?;
    let id_row = grid.row_labelled(CANDIDATE_ID_LABEL)?;
    let header_row = grid.row_labelled(CRITERION_ID_LABEL)?;
    let request_id = RequestId(grid.id(request_row, 1, "request")?);
    let evaluator_id = EvaluatorId(grid.id(evaluator_row, 1, "evaluator")?);

    let mut candidates: Vec<(u32, ReturnedHeading<CandidateId>)> = Vec::new();
    let last_column = grid.cells.keys().map(|&(_, c)| c).max().unwrap_or(0);
    for column in FIRST_SCORE_COLUMN..=last_column {
        if grid.text(id_row, column).is_empty() {
            continue;
        }
        let id = CandidateId(grid.id(id_row, column, "candidate")?);
        if let Some((_, first)) = candidates.iter().find(|(_, c)| c.id == id) {
            return Err(grid.refuse(
                id_row,
                column,
                format!("candidate {id} is listed twice (also at {})", first.place),
            ));
        }
        candidates.push((
            column,
            ReturnedHeading {
                id,
                name: grid.text(header_row, column).to_string(),
                place: grid.place(id_row, column),
            },
        ));
    }

    let mut criteria: Vec<ReturnedHeading<CriterionId>> = Vec::new();
    let mut cells = Vec::new();
    let last_row = grid.cells.keys().map(|&(r, _)| r).max().unwrap_or(0);
    for row in header_row + 1..=last_row {
        let row_is_empty = grid.cells.range((row, 0)..(row + 1, 0)).next().is_none();
        if row_is_empty {
            continue;
        }
        let id = CriterionId(grid.id(row, 0, "criterion")?);
        if let Some(first) = criteria.iter().find(|c| c.id == id) {
            return Err(grid.refuse(
                row,
                0,
                format!("criterion {id} is listed twice (also at {})", first.place),
            ));
        }
        criteria.push(ReturnedHeading {
            id,
            name: grid.text(row, 2).to_string(),
            place: grid.place(row, 0),
        });
        for (column, candidate) in &candidates {
            cells.push(ReturnedCell {
                place: grid.place(row, *column),
                candidate_id: candidate.id,
                criterion_id: id,
                text: grid.text(row, *column).to_string(),
            });
        }
    }
    if candidates.is_empty() {
        return Err(grid.refuse(id_row, FIRST_SCORE_COLUMN, "the sheet lists no candidate"));
    }
    Ok(ReturnedSheet {
        file: grid.file.clone(),
        request_id,
        request_title: grid.text(request_row, 2).to_string(),
        request_place: grid.place(request_row, 1),
        evaluator_id,
        evaluator_name: grid.text(evaluator_row, 2).to_string(),
        evaluator_place: grid.place(evaluator_row, 1),
        evaluator_name_place: grid.place(evaluator_row, 2),
        candidates: candidates.into_iter().map(|(_, c)| c).collect(),
        criteria,
        cells,
    })
}
