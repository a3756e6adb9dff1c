//! Section 5, sensitivity: the robustness statement, break-even weights, the tornado and
//! rank acceptability over sampled weightings.

use rust_decimal::Decimal;

use super::SECTION_HEADINGS;
use crate::money::format_amount;
use crate::report::brief::{percent, BudgetBrief};
use crate::report::charts;
use crate::report::layout::{Align, Cell, Column, Layout, Row, BODY, INK, MUTED, WARN};
use crate::sensitivity::SensitivityResult;

/// Section 5: the robustness statement, the break-even weights, the tornado and the rank
/// acceptability.
pub(super) fn sensitivity_section(l: &mut Layout, b: &BudgetBrief) {
    l.heading(SECTION_HEADINGS[4]);
    let Some(s) = &b.sensitivity else {
        l.paragraph(&b.robustness(), BODY, false, WARN, 0.0);
        return;
    };
    l.paragraph(&s.statement, BODY, true, INK, 0.0);
    l.paragraph(
        &format!(
            "One-way: each weight swept from 0 to 100 % with the others kept in proportion. Probabilistic: {} weightings sampled uniformly (seed {}).",
            format_amount(Decimal::from(s.samples), 0),
            s.seed
        ),
        8.0,
        false,
        MUTED,
        0.0,
    );

    break_even_table(l, s);
    let base = b
        .ranking
        .as_ref()
        .and_then(|r| r.candidates.first())
        .and_then(|c| c.score);
    charts::tornado_chart(l, s, base);
    acceptability_table(l, s);
}

/// Each weight at which first place changes hands, the nearest to the weight now first.
fn break_even_table(l: &mut Layout, s: &SensitivityResult) {
    l.subheading("Break-even weights");
    let name_of = |id: &str| {
        s.alternatives
            .iter()
            .position(|a| a == id)
            .map_or_else(|| id.to_string(), |i| s.names[i].clone())
    };
    let mut rows: Vec<(f64, Row)> = Vec::new();
    for sweep in &s.one_way {
        for be in &sweep.break_even {
            rows.push((
                (be.weight - sweep.current_weight).abs(),
                Row::new(vec![
                    Cell::new(&sweep.name),
                    Cell::new(format!("{:.1} %", sweep.current_weight * 100.0)),
                    Cell::new(format!("{:.1} %", be.weight * 100.0)),
                    Cell::new(format!(
                        "{} → {}",
                        name_of(&be.leader_below),
                        name_of(&be.leader_above)
                    )),
                ]),
            ));
        }
    }
    if rows.is_empty() {
        l.paragraph(
            "No single weight, moved anywhere from 0 to 100 %, changes first place.",
            BODY,
            false,
            INK,
            0.0,
        );
    } else {
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        let w = l.width();
        let columns = vec![
            Column::new("Criterion", 55.0, Align::Left),
            Column::new("Weight now", 20.0, Align::Right),
            Column::new("Break-even weight", 24.0, Align::Right),
            Column::new(
                "First place (below → above the break-even)",
                w - 99.0,
                Align::Left,
            ),
        ];
        let rows: Vec<Row> = rows.into_iter().map(|(_, r)| r).collect();
        l.table(&columns, &rows, 7.5);
    }
}

/// Each candidate's share of the sampled weightings at each rank.
fn acceptability_table(l: &mut Layout, s: &SensitivityResult) {
    l.subheading("Rank acceptability (share of sampled weightings at each rank)");
    let n_ranks = s.alternatives.len().min(5);
    let lower = s.alternatives.len() > n_ranks;
    let w = l.width();
    let rank_w = 16.0;
    let n_cols = n_ranks + usize::from(lower);
    let mut columns = vec![Column::new(
        "Candidate",
        w - rank_w * n_cols as f32,
        Align::Left,
    )];
    for k in 0..n_ranks {
        columns.push(Column::new(format!("Rank {}", k + 1), rank_w, Align::Right));
    }
    if lower {
        columns.push(Column::new(
            format!("Rank {}+", n_ranks + 1),
            rank_w,
            Align::Right,
        ));
    }
    let rows: Vec<Row> = s
        .acceptability
        .iter()
        .map(|a| {
            let mut cells = vec![Cell::new(&a.name)];
            for k in 0..n_ranks {
                cells.push(Cell::new(percent(a.ranks.get(k).copied().unwrap_or(0.0))));
            }
            if lower {
                let rest: f64 = a.ranks.iter().skip(n_ranks).sum();
                cells.push(Cell::new(percent(rest)));
            }
            Row::new(cells)
        })
        .collect();
    l.table(&columns, &rows, 7.5);
}
