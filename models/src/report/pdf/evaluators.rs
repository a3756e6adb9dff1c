//! Section 6, evaluators and method: who scored, how far they agree, the method and the
//! weights, the financial assumptions and the data sources.

use super::{pct_decimal, SECTION_HEADINGS};
use crate::criteria::{CriterionKind, Direction};
use crate::report::brief::{method_text, percent, BudgetBrief};
use crate::report::layout::{Align, Cell, Column, Layout, Row, BODY, INK, WARN};

/// Section 6: who scored and how far they agree, the method and weights, the assumptions
/// and the data sources.
pub(super) fn evaluators_section(l: &mut Layout, b: &BudgetBrief) {
    l.heading(SECTION_HEADINGS[5]);
    evaluators(l, b);
    agreement(l, b);
    method_and_weighting(l, b);
    assumptions(l, b);
    l.subheading("Data sources");
    for s in &b.data_sources {
        l.bullet(s, BODY);
    }
}

/// Each evaluator's role and how much of the request they scored.
fn evaluators(l: &mut Layout, b: &BudgetBrief) {
    l.subheading("Evaluators");
    if b.evaluators.is_empty() {
        l.paragraph(
            "No evaluator has scored this request yet.",
            BODY,
            false,
            WARN,
            0.0,
        );
    } else {
        let w = l.width();
        let columns = vec![
            Column::new("Evaluator", 50.0, Align::Left),
            Column::new("Role", w - 50.0 - 50.0, Align::Left),
            Column::new("Scored", 25.0, Align::Right),
            Column::new("Coverage", 25.0, Align::Right),
        ];
        let rows: Vec<Row> = b
            .evaluators
            .iter()
            .map(|e| {
                let cov = if e.expected > 0 {
                    percent(f64::from(e.scored) / f64::from(e.expected))
                } else {
                    "-".into()
                };
                Row::new(vec![
                    Cell::new(&e.name),
                    Cell::new(&e.role),
                    Cell::new(format!("{} of {}", e.scored, e.expected)),
                    Cell::new(cov),
                ])
            })
            .collect();
        l.table(&columns, &rows, 8.0);
    }
}

/// The share of jointly scored items within 1 point, and the disagreements.
fn agreement(l: &mut Layout, b: &BudgetBrief) {
    l.subheading("Agreement");
    let ag = &b.agreement;
    match ag.agreement_share {
        Some(share) => l.paragraph(
            &format!(
                "{} of the {} items scored by two or more evaluators are within 1 point; {} disagreement(s) of 2 points or more.",
                percent(share),
                ag.cells.len(),
                ag.disagreements
            ),
            BODY,
            false,
            INK,
            0.0,
        ),
        None => l.paragraph(
            "No item has been scored by two or more evaluators yet, so agreement cannot be measured.",
            BODY,
            false,
            INK,
            0.0,
        ),
    }
    let disagreements: Vec<&crate::assessment::AgreementCell> =
        ag.cells.iter().filter(|c| c.summary.disagreement).collect();
    if !disagreements.is_empty() {
        let w = l.width();
        let columns = vec![
            Column::new("Candidate", 60.0, Align::Left),
            Column::new("Criterion", 55.0, Align::Left),
            Column::new("Scores", w - 115.0, Align::Left),
        ];
        let rows: Vec<Row> = disagreements
            .iter()
            .map(|c| {
                let marks: Vec<String> = c
                    .marks
                    .iter()
                    .map(|m| format!("{} {}", m.evaluator, m.score))
                    .collect();
                Row::new(vec![
                    Cell::new(&c.candidate),
                    Cell::new(&c.criterion),
                    Cell::new(marks.join(", ")),
                ])
            })
            .collect();
        l.table(&columns, &rows, 7.5);
    }
}

/// How the method ranks, and each criterion's kind, direction and weight.
fn method_and_weighting(l: &mut Layout, b: &BudgetBrief) {
    l.subheading("Method and weighting");
    let Some(r) = &b.ranking else {
        l.paragraph(
            &format!(
                "Ranked by {} once the ranking can be made.",
                b.request.method.in_text()
            ),
            BODY,
            false,
            INK,
            0.0,
        );
        return;
    };
    l.paragraph(&method_text(r), BODY, false, INK, 0.0);
    {
        let w = l.width();
        let columns = vec![
            Column::new("Category", 34.0, Align::Left),
            Column::new("Criterion", w - 34.0 - 34.0 - 54.0 - 16.0, Align::Left),
            Column::new("Kind", 34.0, Align::Left),
            Column::new("Scale", 54.0, Align::Left),
            Column::new("Weight", 16.0, Align::Right),
        ];
        let rows: Vec<Row> = r
            .criteria
            .iter()
            .map(|c| {
                let dir = match c.direction {
                    Direction::Benefit => "more is better",
                    Direction::Cost => "less is better",
                };
                let kind = match c.kind {
                    CriterionKind::Judged => format!("judged, {dir}"),
                    CriterionKind::Measured if c.unit.is_empty() => format!("measured, {dir}"),
                    CriterionKind::Measured => format!("measured ({}), {dir}", c.unit),
                };
                Row::new(vec![
                    Cell::new(&c.category),
                    Cell::new(&c.name),
                    Cell::new(kind),
                    Cell::new(&c.scale_text),
                    Cell::new(&c.weight_shown),
                ])
            })
            .collect();
        l.table(&columns, &rows, 7.5);
    }
}

/// The financial assumptions the lifecycle costs use.
fn assumptions(l: &mut Layout, b: &BudgetBrief) {
    l.subheading("Assumptions");
    let a = &b.lifecycle.assumptions;
    let month = chrono::Month::try_from(u8::try_from(a.fiscal_year_start_month).unwrap_or(1))
        .map_or_else(
            |_| a.fiscal_year_start_month.to_string(),
            |m| m.name().to_string(),
        );
    l.key_values(
        &[
            ("Discount rate".into(), pct_decimal(a.discount_rate), false),
            ("Inflation".into(), pct_decimal(a.inflation), false),
            ("Currency".into(), a.currency.to_string(), false),
            ("Fiscal year starts".into(), month, false),
            (
                "Purchase (year 0)".into(),
                a.purchase_date
                    .map_or_else(|| "not set".to_string(), |d| d.to_string()),
                false,
            ),
            ("As of".into(), b.as_of.to_string(), false),
        ],
        42.0,
    );
}
