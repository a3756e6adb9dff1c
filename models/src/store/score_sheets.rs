//! Score sheets out and back: the sheet of an evaluator for a request, the preview of a
//! returned sheet against the file as it stands, and the merge of its scores in one
//! transaction with a line in the request's history.

use chrono::NaiveDate;

use super::decisions::log_change;
use super::Portfolio;
use crate::error::{Error, Result};
use crate::ids::{EvaluatorId, RequestId};
use crate::scoresheet::{
    preview, PreviewStatus, ReturnedSheet, ScoreSheet, SheetPreview, SheetState,
};

impl Portfolio {
    /// The score sheet of `evaluator_id` for `request_id`, made on `made_on`.
    pub fn score_sheet(
        &self,
        request_id: RequestId,
        evaluator_id: EvaluatorId,
        made_on: NaiveDate,
    ) -> Result<ScoreSheet> {
        let evaluator = self
            .evaluators()?
            .into_iter()
            .find(|e| e.id == evaluator_id)
            .ok_or_else(|| Error::not_found("evaluator", evaluator_id))?;
        self.sheets_for(request_id, &[evaluator], made_on)
            .map(|mut sheets| sheets.remove(0))
    }

    /// A score sheet for every evaluator of the portfolio, for `request_id`.
    pub fn score_sheets(
        &self,
        request_id: RequestId,
        made_on: NaiveDate,
    ) -> Result<Vec<ScoreSheet>> {
        let evaluators = self.evaluators()?;
        if evaluators.is_empty() {
            return Err(Error::validation(
                "evaluators",
                "the portfolio has no evaluators: add one before making score sheets",
            ));
        }
        self.sheets_for(request_id, &evaluators, made_on)
    }

    fn sheets_for(
        &self,
        request_id: RequestId,
        evaluators: &[crate::domain::Evaluator],
        made_on: NaiveDate,
    ) -> Result<Vec<ScoreSheet>> {
        let request = self.request(request_id)?;
        let candidates = self.candidates(request_id)?;
        let criteria = self.criteria(request_id)?;
        if candidates.is_empty() {
            return Err(Error::validation(
                "candidates",
                format!("request {request_id} has no candidates to score"),
            ));
        }
        if !criteria
            .iter()
            .any(|c| c.kind == crate::criteria::CriterionKind::Judged)
        {
            return Err(Error::validation(
                "criteria",
                format!("request {request_id} has no judged criteria for evaluators to score"),
            ));
        }
        let categories = self.categories(request_id)?;
        let scores = self.scores(request_id)?;
        Ok(evaluators
            .iter()
            .map(|e| {
                ScoreSheet::new(
                    &request,
                    e,
                    &candidates,
                    &categories,
                    &criteria,
                    &scores,
                    made_on,
                )
            })
            .collect())
    }

    /// What merging a returned sheet would change; `target` is the request the user is
    /// importing into, when there is one. Nothing is saved.
    pub fn preview_score_sheet(
        &self,
        sheet: &ReturnedSheet,
        target: Option<RequestId>,
    ) -> Result<SheetPreview> {
        let request = match self.request(sheet.request_id) {
            Ok(r) => Some(r),
            Err(Error::NotFound { .. }) => None,
            Err(e) => return Err(e),
        };
        let target = target.map(|id| self.request(id)).transpose()?;
        let (candidates, criteria, scores) = match &request {
            Some(r) => (
                self.candidates(r.id)?,
                self.criteria(r.id)?,
                self.scores(r.id)?,
            ),
            None => Default::default(),
        };
        let evaluators = self.evaluators()?;
        Ok(preview(
            sheet,
            &SheetState {
                request: request.as_ref(),
                target: target.as_ref(),
                evaluators: &evaluators,
                candidates: &candidates,
                criteria: &criteria,
                scores: &scores,
            },
        ))
    }

    /// Reads a returned sheet from `path` and previews it (see [`Self::preview_score_sheet`]).
    pub fn preview_score_sheet_file(
        &self,
        path: &std::path::Path,
        target: Option<RequestId>,
    ) -> Result<SheetPreview> {
        let sheet = crate::scoresheet::read(&crate::import::score_sheet::read_file(path)?)?;
        self.preview_score_sheet(&sheet, target)
    }

    /// Reads a returned sheet from `path` and merges it (see [`Self::import_score_sheet`]).
    pub fn import_score_sheet_file(
        &mut self,
        path: &std::path::Path,
        target: Option<RequestId>,
    ) -> Result<SheetPreview> {
        let sheet = crate::scoresheet::read(&crate::import::score_sheet::read_file(path)?)?;
        self.import_score_sheet(&sheet, target)
    }

    /// Merges a returned sheet's new and changed scores in one transaction, after the same
    /// checks as the preview (made again here, on the file as it is now). A sheet with any
    /// problem is refused, naming the first one's cell, and nothing is saved. A score's
    /// comment is kept.
    pub fn import_score_sheet(
        &mut self,
        sheet: &ReturnedSheet,
        target: Option<RequestId>,
    ) -> Result<SheetPreview> {
        self.in_one_transaction(|p| {
            let preview = p.preview_score_sheet(sheet, target)?;
            if let Some(first) = preview.problems.first() {
                let more = match preview.problems.len() - 1 {
                    0 => String::new(),
                    1 => " (and 1 more problem)".to_string(),
                    n => format!(" (and {n} more problems)"),
                };
                return Err(Error::Parse {
                    location: preview.file.clone(),
                    message: format!(
                        "{}: {}{more}; nothing was saved",
                        first.place, first.message
                    ),
                });
            }
            let stored = p.scores(preview.request_id)?;
            for row in &preview.rows {
                if !matches!(row.status, PreviewStatus::New | PreviewStatus::Changed) {
                    continue;
                }
                let comment = stored
                    .iter()
                    .find(|s| {
                        s.evaluator_id == preview.evaluator_id
                            && s.candidate_id == row.candidate_id
                            && s.criterion_id == row.criterion_id
                    })
                    .map(|s| s.comment.clone())
                    .unwrap_or_default();
                p.set_score(
                    preview.evaluator_id,
                    row.candidate_id,
                    row.criterion_id,
                    row.score,
                    &comment,
                )?;
            }
            if preview.new + preview.changed > 0 {
                log_change(
                    &p.conn,
                    preview.request_id,
                    p.user(),
                    &format!(
                        "Scores of {} from a score sheet ({}): {} new, {} changed",
                        preview.evaluator_name, preview.file, preview.new, preview.changed
                    ),
                )?;
            }
            Ok(preview)
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::demo::fresh_demo;
    use crate::ids::RequestId;
    use crate::import::score_sheet::read_bytes;
    use crate::report::score_sheet::{render, SheetFormat};
    use crate::scoresheet::{read, Grid, PreviewStatus};

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    /// The first evaluator's sheet of the demo's first request, written and read back.
    fn returned(p: &super::Portfolio, format: SheetFormat) -> Grid {
        let evaluator = p.evaluators().unwrap()[0].id;
        let sheet = p.score_sheet(RequestId(1), evaluator, day()).unwrap();
        let bytes = render(&sheet, format).unwrap();
        read_bytes(&format!("sheet.{}", format.extension()), &bytes).unwrap()
    }

    /// The score cell of the first criterion row and the given candidate column.
    fn set(grid: &mut Grid, column: u32, text: &str) -> String {
        let row = crate::scoresheet::cell_name(8, column);
        grid.cells.insert((8, column), text.to_string());
        row
    }

    #[test]
    fn a_sheet_read_back_unchanged_changes_nothing_in_both_formats() {
        let dir = tempfile::tempdir().unwrap();
        let p = fresh_demo(&dir.path().join("demo.caliper")).unwrap();
        for format in [SheetFormat::Xlsx, SheetFormat::Csv] {
            let grid = returned(&p, format);
            let sheet = read(&grid).unwrap();
            let preview = p.preview_score_sheet(&sheet, Some(RequestId(1))).unwrap();
            assert!(
                preview.problems.is_empty(),
                "{format:?}: {:?}",
                preview.problems
            );
            assert_eq!(preview.new + preview.changed, 0, "{format:?}");
            assert_eq!(
                preview.rows.len(),
                sheet.candidates.len() * sheet.criteria.len(),
                "{format:?}"
            );
            assert!(
                preview.unchanged > 0,
                "{format:?}: the demo's scores are filled in"
            );
        }
    }

    #[test]
    fn changed_and_blank_cells_merge_in_one_transaction_and_leave_a_history_line() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = fresh_demo(&dir.path().join("demo.caliper")).unwrap();
        let mut grid = returned(&p, SheetFormat::Xlsx);
        let before = read(&grid).unwrap();
        let (first, second) = (before.candidates[0].id, before.candidates[1].id);
        let criterion = before.criteria[0].id;
        let stored = |p: &super::Portfolio, candidate| {
            p.scores(RequestId(1))
                .unwrap()
                .into_iter()
                .find(|s| {
                    s.evaluator_id == before.evaluator_id
                        && s.candidate_id == candidate
                        && s.criterion_id == criterion
                })
                .map(|s| s.score)
        };
        let old_second = stored(&p, second).expect("the demo scores every cell");
        let new_first = if stored(&p, first) == Some(5) { 1 } else { 5 };
        set(&mut grid, 4, &new_first.to_string());
        set(&mut grid, 5, "");
        let preview = p
            .import_score_sheet(&read(&grid).unwrap(), Some(RequestId(1)))
            .unwrap();
        assert_eq!((preview.new, preview.changed, preview.blank), (0, 1, 1));
        assert_eq!(stored(&p, first), Some(new_first));
        assert_eq!(
            stored(&p, second),
            Some(old_second),
            "a blank cell keeps the score"
        );
        let history = p.history(RequestId(1)).unwrap();
        let last = history.last().unwrap();
        assert!(
            last.change
                .contains("from a score sheet (sheet.xlsx): 0 new, 1 changed"),
            "{}",
            last.change
        );
        assert_eq!(
            preview
                .rows
                .iter()
                .find(|r| r.candidate_id == second && r.criterion_id == criterion)
                .unwrap()
                .status,
            PreviewStatus::Blank
        );
    }

    #[test]
    fn scores_off_the_scale_are_refused_naming_their_cells_and_nothing_is_saved() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = fresh_demo(&dir.path().join("demo.caliper")).unwrap();
        let scores_before = p.scores(RequestId(1)).unwrap();
        let mut grid = returned(&p, SheetFormat::Csv);
        let zero = set(&mut grid, 4, "0");
        let six = set(&mut grid, 5, "6");
        let range = set(&mut grid, 6, "4-5");
        grid.cells.insert((9, 4), "3".into());
        let sheet = read(&grid).unwrap();
        let preview = p.preview_score_sheet(&sheet, None).unwrap();
        let places: Vec<&str> = preview.problems.iter().map(|q| q.place.as_str()).collect();
        assert_eq!(
            places,
            [
                format!("cell {zero}"),
                format!("cell {six}"),
                format!("cell {range}")
            ]
        );
        assert!(preview.problems[0]
            .message
            .starts_with("0 is not on the scale 1 to 5"));
        assert!(preview.problems[2].message.contains("'4-5' is not a score"));
        let err = p.import_score_sheet(&sheet, None).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!("sheet.csv: cell {zero}: 0 is not on the scale"))
                && err.contains("(and 2 more problems); nothing was saved"),
            "{err}"
        );
        assert_eq!(p.scores(RequestId(1)).unwrap(), scores_before);
    }

    #[test]
    fn a_sheet_of_another_evaluator_request_or_candidate_list_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = fresh_demo(&dir.path().join("demo.caliper")).unwrap();
        let other = p.evaluators().unwrap()[1].name.clone();
        let mut grid = returned(&p, SheetFormat::Xlsx);
        grid.cells.insert((2, 2), other.clone());
        let preview = p.preview_score_sheet(&read(&grid).unwrap(), None).unwrap();
        assert_eq!(preview.problems.len(), 1, "{:?}", preview.problems);
        assert_eq!(preview.problems[0].place, "sheet 'Scores', cell C3");
        assert!(preview.problems[0]
            .message
            .contains(&format!("is filled in as '{other}'")));

        let grid = returned(&p, SheetFormat::Xlsx);
        let preview = p
            .preview_score_sheet(&read(&grid).unwrap(), Some(RequestId(2)))
            .unwrap();
        assert_eq!(preview.problems[0].place, "sheet 'Scores', cell B2");
        assert!(
            preview.problems[0].message.contains("not for"),
            "{}",
            preview.problems[0].message
        );

        let candidate = p.candidates(RequestId(1)).unwrap()[0].id;
        p.remove_candidate(candidate, true).unwrap();
        let preview = p.preview_score_sheet(&read(&grid).unwrap(), None).unwrap();
        assert_eq!(preview.problems[0].place, "sheet 'Scores', cell E7");
        assert!(preview.problems[0]
            .message
            .contains("is no longer in the request"));

        let mut foreign = returned(&p, SheetFormat::Csv);
        foreign.cells.insert((0, 0), "Budget".into());
        let err = read(&foreign).unwrap_err().to_string();
        assert!(
            err.starts_with("sheet.csv: is not a Caliper score sheet (cell A1"),
            "{err}"
        );
    }
}
