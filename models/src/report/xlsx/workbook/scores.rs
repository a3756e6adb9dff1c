//! The Scores sheet: every evaluator's score of every candidate on every criterion, with
//! the comments.

use super::{subtitle, Formats, Sheet, HEADER_ROW};
use crate::error::Result;
use crate::report::xlsx::RequestExport;

pub(super) fn scores_sheet(mut s: Sheet, e: &RequestExport, f: &Formats) -> Result<()> {
    s.note(
        0,
        0,
        &format!("Evaluator scores: {}", e.request.title),
        &f.title,
    )?;
    s.note(
        1,
        0,
        &format!(
            "{} · scores on each criterion's anchored scale, 1 (worst) to 5 (best)",
            subtitle(e)
        ),
        &f.subtitle,
    )?;
    s.header(
        HEADER_ROW,
        &[
            "Evaluator",
            "Role",
            "Candidate",
            "Criterion",
            "Score",
            "Comment",
        ]
        .map(String::from),
        &f.header,
    )?;
    if e.scores.is_empty() {
        s.note(HEADER_ROW + 1, 0, "No evaluator has scored yet.", &f.text)?;
    }
    for (row, line) in (HEADER_ROW + 1..).zip(&e.scores) {
        s.text(row, 0, &line.evaluator, &f.text)?;
        s.text(row, 1, &line.role, &f.text)?;
        s.text(row, 2, &line.candidate, &f.text)?;
        s.text(row, 3, &line.criterion, &f.text)?;
        s.number(row, 4, f64::from(line.score), 5, &f.integer)?;
        if !line.comment.is_empty() {
            s.fit(5, line.comment.chars().count().min(60));
            s.note(row, 5, &line.comment, &f.wrap)?;
        }
    }
    s.finish(HEADER_ROW + 1, 0)
}
