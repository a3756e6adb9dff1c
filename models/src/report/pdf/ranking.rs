//! Section 2, the ranked comparison: the ranking, each criterion's weighted contribution
//! (or value, for TOPSIS) per candidate, and the score chart.

use rust_decimal::Decimal;

use super::SECTION_HEADINGS;
use crate::assessment::{RankedCandidate, RequestRanking};
use crate::criteria::CriterionKind;
use crate::money::format_amount;
use crate::ranking::Method;
use crate::report::brief::{rank_text, BudgetBrief};
use crate::report::charts;
use crate::report::layout::{Align, Cell, Column, Layout, Row, BODY, INK, MUTED, WARN};

/// How many candidates share one contributions table (columns).
const CANDIDATES_PER_TABLE: usize = 5;

/// Section 2: the ranking, the contributions (or values) per criterion and the score chart.
pub(super) fn ranked_comparison(l: &mut Layout, b: &BudgetBrief) {
    l.heading(SECTION_HEADINGS[1]);
    let Some(r) = &b.ranking else {
        l.paragraph(
            &format!(
                "No ranked comparison yet: {}",
                b.ranking_problem.as_deref().unwrap_or("nothing to rank")
            ),
            BODY,
            false,
            WARN,
            0.0,
        );
        return;
    };
    l.paragraph(
        &format!(
            "{} candidates on {} criteria, ranked by {}. Scores are in points of 100; \"=\" marks a tie; a candidate with a missing value stays unranked{}.",
            r.candidates.len(),
            r.criteria.len(),
            r.method.in_text(),
            if r.candidates.iter().any(|c| c.disqualified) {
                "; a candidate with a blocking compatibility gap is disqualified (the request leaves them out)"
            } else {
                ""
            }
        ),
        BODY,
        false,
        INK,
        0.0,
    );
    ranking_table(l, b, r);
    quotes(l, r);
    // Contributions (weighted sum) or values (TOPSIS), criteria down, candidates across.
    let contributions = r.method == Method::WeightedSum;
    contribution_tables(l, r, contributions);
    if r.candidates.iter().any(|c| !c.unconfirmed.is_empty()) {
        l.paragraph(
            "? unconfirmed compatibility points (no device profile entry or MDS2 answer yet): counted at the middle of their range; the score's range runs from all of them failed to all passed.",
            8.0,
            false,
            WARN,
            0.0,
        );
    }
    if r.candidates.iter().any(|c| {
        c.cells
            .iter()
            .any(|x| x.summary.as_ref().is_some_and(|s| s.disagreement))
    }) {
        l.paragraph(
            "! evaluators disagree by 2 points or more on this item: discuss before deciding.",
            8.0,
            false,
            WARN,
            0.0,
        );
    }
    if contributions {
        charts::contribution_chart(l, r);
    } else {
        charts::closeness_chart(l, r);
    }
}

/// Rank, candidate, vendor, score and quoted total, best first.
fn ranking_table(l: &mut Layout, b: &BudgetBrief, r: &RequestRanking) {
    let w = l.width();
    let columns = vec![
        Column::new("Rank", 12.0, Align::Center),
        Column::new("Candidate", w - 12.0 - 36.0 - 30.0 - 32.0, Align::Left),
        Column::new("Vendor", 36.0, Align::Left),
        Column::new("Score", 30.0, Align::Right),
        Column::new(format!("Quoted total ({})", b.currency), 32.0, Align::Right),
    ];
    let rows: Vec<Row> = r
        .candidates
        .iter()
        .map(|c| {
            let rank = rank_text(c.rank, c.tied);
            let score = if c.disqualified {
                "disqualified".to_string()
            } else {
                score_text(c)
            };
            let first = c.rank == Some(1);
            let label = if c.blocking_gaps > 0 {
                format!(
                    "{} ({} blocking gap(s), section 4)",
                    c.label, c.blocking_gaps
                )
            } else if !c.unconfirmed.is_empty() {
                format!("{} (unconfirmed points, section 4)", c.label)
            } else {
                c.label.clone()
            };
            Row::new(vec![
                Cell::new(rank),
                if first {
                    Cell::new(label).bold()
                } else if c.blocking_gaps > 0 {
                    Cell::new(label).color(WARN)
                } else {
                    Cell::new(label)
                },
                Cell::new(&c.vendor),
                Cell::new(score),
                Cell::new(format_amount(c.quoted_total.amount, 0)),
            ])
        })
        .collect();
    l.table(&columns, &rows, 8.0);
}

/// One line per candidate: the quote's validity, quoted quantity and FDA product code,
/// then what needs attention in it.
fn quotes(l: &mut Layout, r: &RequestRanking) {
    l.subheading("Quotes");
    for c in &r.candidates {
        l.paragraph(&format!("{}: {}", c.label, c.quote), 8.0, false, INK, 0.0);
        for w in &c.quote_warnings {
            l.paragraph(&format!("! {}", w.message()), 8.0, false, WARN, 4.0);
        }
    }
}

/// The criteria down and the eligible candidates across, a few candidates per table.
fn contribution_tables(l: &mut Layout, r: &RequestRanking, contributions: bool) {
    l.subheading(if contributions {
        "Weighted contributions by criterion (points of 100)"
    } else {
        "Values ranked by criterion (mean score or measurement)"
    });
    // Disqualified candidates are not in the weighted sum: the table shows the others.
    let eligible: Vec<RankedCandidate> = r
        .candidates
        .iter()
        .filter(|c| !c.disqualified)
        .cloned()
        .collect();
    let chunks: Vec<&[RankedCandidate]> = eligible.chunks(CANDIDATES_PER_TABLE).collect();
    for (k, chunk) in chunks.iter().enumerate() {
        if chunks.len() > 1 {
            l.ensure(30.0);
            l.paragraph(
                &format!(
                    "Candidates {} to {} of {}",
                    k * CANDIDATES_PER_TABLE + 1,
                    k * CANDIDATES_PER_TABLE + chunk.len(),
                    eligible.len()
                ),
                8.0,
                true,
                MUTED,
                0.0,
            );
        }
        contribution_table(l, r, chunk, contributions);
    }
}

/// One table of contributions (weighted sum) or values (TOPSIS), with the total scores.
fn contribution_table(
    l: &mut Layout,
    r: &RequestRanking,
    chunk: &[RankedCandidate],
    contributions: bool,
) {
    let w = l.width();
    let crit_w = 52.0;
    let weight_w = 14.0;
    let cand_w = ((w - crit_w - weight_w) / chunk.len() as f32).min(36.0);
    let mut columns = vec![
        Column::new("Criterion", crit_w, Align::Left),
        Column::new("Weight", weight_w, Align::Right),
    ];
    for c in chunk.iter() {
        columns.push(Column::new(
            format!("{} {}", rank_text(c.rank, c.tied), c.label),
            cand_w,
            Align::Right,
        ));
    }
    let mut rows: Vec<Row> = r
        .criteria
        .iter()
        .enumerate()
        .map(|(i, crit)| {
            let mut cells = vec![Cell::new(&crit.name), Cell::new(&crit.weight_shown)];
            for c in chunk.iter() {
                let cell = &c.cells[i];
                let flag = cell.summary.as_ref().is_some_and(|s| s.disagreement);
                let text = if contributions {
                    cell.contribution_shown.clone()
                } else {
                    cell.value.map(|v| value_text(v, crit.kind))
                };
                let text = text.map(|t| {
                    if cell.range.is_some() {
                        format!("{t} ?")
                    } else {
                        t
                    }
                });
                let mut cell = match text {
                    Some(t) if flag => Cell::new(format!("{t} !")),
                    Some(t) => Cell::new(t),
                    None => Cell::new("missing").color(WARN),
                };
                if flag {
                    cell = cell.color(WARN);
                }
                cells.push(cell);
            }
            Row::new(cells)
        })
        .collect();
    let mut total = vec![Cell::new("Total score"), Cell::new("100 %")];
    for c in chunk.iter() {
        total.push(Cell::new(score_text(c)));
    }
    rows.push(Row::new(total).total());
    l.table(&columns, &rows, 7.5);
}

/// A score as shown, with its range when values are unconfirmed: `72.6 (64.1-81.2)`.
pub(super) fn score_text(c: &RankedCandidate) -> String {
    match (&c.score_shown, &c.score_low_shown, &c.score_high_shown) {
        (None, _, _) => "incomplete".to_string(),
        (Some(s), Some(lo), Some(hi)) if !c.unconfirmed.is_empty() => format!("{s} ({lo}-{hi})"),
        (Some(s), _, _) => s.clone(),
    }
}

fn value_text(v: f64, kind: CriterionKind) -> String {
    match kind {
        CriterionKind::Judged => format!("{v:.2}"),
        CriterionKind::Measured => {
            let d = Decimal::try_from(v).unwrap_or_default();
            format_amount(d, if v.abs() >= 100.0 { 0 } else { 2 })
        }
    }
}
