//! Section 3, lifecycle cost: each candidate's capital, nominal total, NPV, EAC and cost
//! per use, the cumulative cost chart and the recommended candidate's fiscal years.

use super::cover::fiscal_year_table;
use super::{pct_decimal, SECTION_HEADINGS};
use crate::money::format_amount;
use crate::report::brief::{ranked_order, BudgetBrief};
use crate::report::charts;
use crate::report::layout::{
    table_estimate, Align, Cell, Column, Layout, Row, BODY, INK, MUTED, WARN,
};

pub(super) fn lifecycle_section(l: &mut Layout, b: &BudgetBrief) {
    l.heading(SECTION_HEADINGS[2]);
    let cur = &b.currency;
    let a = &b.lifecycle.assumptions;
    l.paragraph(
        &format!(
            "In {cur}, whole units. Discount rate {}, general inflation {}; year 0 is the purchase, recurring costs fall at the end of each year. Candidates are compared on equivalent annual cost (EAC).",
            pct_decimal(a.discount_rate),
            pct_decimal(a.inflation)
        ),
        BODY,
        false,
        INK,
        0.0,
    );
    if b.lifecycle.candidates.is_empty() {
        l.paragraph(
            "No candidates yet, so no lifecycle cost.",
            BODY,
            false,
            WARN,
            0.0,
        );
        return;
    }
    let w = l.width();
    let num = 21.0;
    let columns = vec![
        Column::new("Candidate", w - 13.0 - 5.0 * num, Align::Left),
        Column::new("Life (yrs)", 13.0, Align::Right),
        Column::new("Capital", num, Align::Right),
        Column::new("Nominal total", num, Align::Right),
        Column::new("NPV", num, Align::Right),
        Column::new("EAC", num, Align::Right),
        Column::new("Cost per use", num, Align::Right),
    ];
    // Ranked order, so the table reads like the ranking.
    let order = ranked_order(b);
    let rows: Vec<Row> = order
        .iter()
        .filter_map(|id| {
            b.lifecycle
                .candidates
                .iter()
                .find(|c| c.candidate_id == *id)
        })
        .map(|c| match (&c.lifecycle, &c.problem) {
            (Some(lc), _) => Row::new(vec![
                Cell::new(&c.label),
                Cell::new(lc.expected_life_years.to_string()),
                Cell::new(format_amount(lc.capital, 0)),
                Cell::new(format_amount(lc.nominal_total, 0)),
                Cell::new(format_amount(lc.npv, 0)),
                Cell::new(format_amount(lc.eac, 0)),
                Cell::new(
                    lc.cost_per_use
                        .map_or_else(|| "-".into(), |v| format_amount(v, 2)),
                ),
            ]),
            (None, p) => Row::spanning(
                Cell::new(&c.label),
                Cell::new(p.clone().unwrap_or_else(|| "no lifecycle cost".into())).color(WARN),
            ),
        })
        .collect();
    l.table(&columns, &rows, 7.5);
    l.paragraph(
        if b.lifecycle.unequal_lives {
            "Expected lives differ: compare on EAC, not NPV."
        } else {
            "Expected lives are equal: EAC and NPV rank the candidates the same way."
        },
        8.0,
        false,
        MUTED,
        0.0,
    );
    charts::cumulative_cost_chart(l, b, &order);
    if let Some(r) = &b.recommendation {
        if let Some(lc) = &r.lifecycle {
            l.subheading_keep(
                &format!("By fiscal year: {}", r.label),
                table_estimate(lc.fiscal_years.len() + 1, 8.0),
            );
            fiscal_year_table(l, b, lc);
        }
    }
}
