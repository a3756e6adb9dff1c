//! The appendix: every evaluator's score per candidate and judged criterion, in tables of a
//! few evaluators each.

use super::SECTION_HEADINGS;
use crate::report::brief::BudgetBrief;
use crate::report::layout::{Align, Cell, Column, Layout, Row, BODY, MUTED, WARN};

const EVALUATORS_PER_TABLE: usize = 6;

pub(super) fn appendix(l: &mut Layout, b: &BudgetBrief) {
    l.heading(SECTION_HEADINGS[8]);
    let g = &b.score_grid;
    if g.rows.is_empty() {
        l.paragraph(
            "No scores yet: the grid fills in as evaluators score the candidates.",
            BODY,
            false,
            WARN,
            0.0,
        );
        return;
    }
    l.paragraph(
        "Each evaluator's score (1-5) per candidate and judged criterion; \"!\" marks a spread of 2 points or more.",
        8.0,
        false,
        MUTED,
        0.0,
    );
    let w = l.width();
    let groups: Vec<usize> = (0..g.evaluators.len())
        .step_by(EVALUATORS_PER_TABLE)
        .collect();
    for start in groups {
        let end = (start + EVALUATORS_PER_TABLE).min(g.evaluators.len());
        let n = end - start;
        let score_w = 19.0;
        let mean_w = 15.0;
        let text_w = w - score_w * n as f32 - mean_w;
        let mut columns = vec![
            Column::new("Candidate", text_w * 0.5, Align::Left),
            Column::new("Criterion", text_w * 0.5, Align::Left),
        ];
        for e in &g.evaluators[start..end] {
            columns.push(Column::new(e, score_w, Align::Center));
        }
        columns.push(Column::new("Mean", mean_w, Align::Right));
        let rows: Vec<Row> = g
            .rows
            .iter()
            .map(|r| {
                let mut cells = vec![Cell::new(&r.candidate), Cell::new(&r.criterion)];
                for s in &r.scores[start..end] {
                    cells.push(Cell::new(s.map_or_else(|| "-".into(), |v| v.to_string())));
                }
                let mean = r.mean.map_or_else(|| "-".into(), |m| format!("{m:.2}"));
                cells.push(if r.disagreement {
                    Cell::new(format!("{mean} !")).color(WARN)
                } else {
                    Cell::new(mean)
                });
                Row::new(cells)
            })
            .collect();
        l.table(&columns, &rows, 7.5);
    }
}
