//! The Lifecycle sheet: each candidate's cost schedule by year and element, with its
//! totals, NPV and equivalent annual cost.

use rust_decimal::Decimal;

use super::{no_lifecycle, subtitle, Cells, Formats, Sheet, HEADER_ROW};
use crate::error::Result;
use crate::report::xlsx::{shown_schedule, RequestExport, COST_ELEMENTS};

pub(super) fn lifecycle_sheet(mut s: Sheet, e: &RequestExport, f: &Formats) -> Result<()> {
    let cur = &e.currency;
    let a = &e.lifecycle.assumptions;
    s.note(
        0,
        0,
        &format!("Lifecycle cost: {}", e.request.title),
        &f.title,
    )?;
    s.note(
        1,
        0,
        &format!(
            "{} · nominal {cur}; year 0 is the purchase, recurring costs fall at each year's end; discount rate {} %, inflation {} %",
            subtitle(e),
            (a.discount_rate * Decimal::ONE_HUNDRED).normalize(),
            (a.inflation * Decimal::ONE_HUNDRED).normalize()
        ),
        &f.subtitle,
    )?;
    let mut titles: Vec<String> = ["Candidate", "Year", "Fiscal year"]
        .map(String::from)
        .into();
    titles.extend(COST_ELEMENTS.iter().map(|t| t.to_string()));
    titles.extend(
        [
            "Total",
            "Present value",
            "Cumulative",
            "Cumulative present value",
        ]
        .map(String::from),
    );
    s.header(HEADER_ROW, &titles, &f.header)?;
    let total_col = 3 + COST_ELEMENTS.len() as u16;
    let mut row = HEADER_ROW + 1;
    for c in &e.lifecycle.candidates {
        let Some(lc) = &c.lifecycle else {
            row = no_lifecycle(&mut s, f, row, c)?;
            continue;
        };
        let shown = shown_schedule(lc);
        for y in &shown.years {
            s.text(row, 0, &c.label, &f.text)?;
            s.number(row, 1, f64::from(y.year), 4, &f.integer)?;
            if let Some(fy) = y.fiscal_year {
                s.number(row, 2, f64::from(fy), 6, &f.fiscal_year)?;
            }
            for (k, v) in y.elements.iter().enumerate() {
                s.money(row, 3 + k as u16, *v, cur, &f.money)?;
            }
            s.money(row, total_col, y.total, cur, &f.money_bold)?;
            s.money(row, total_col + 1, y.present_value, cur, &f.money)?;
            s.money(row, total_col + 2, y.cumulative, cur, &f.money)?;
            s.money(
                row,
                total_col + 3,
                y.cumulative_present_value,
                cur,
                &f.money,
            )?;
            row += 1;
        }
        // Totals: the nominal total, and the present values' sum, the NPV.
        s.text(row, 0, &c.label, &f.bold)?;
        s.text(row, 1, "Total (present value: NPV)", &f.bold)?;
        for (k, v) in shown.element_totals.iter().enumerate() {
            s.money(row, 3 + k as u16, *v, cur, &f.money_bold)?;
        }
        s.money(row, total_col, shown.nominal_total, cur, &f.money_bold)?;
        s.money(row, total_col + 1, shown.npv, cur, &f.money_bold)?;
        row += 1;
        s.text(row, 0, &c.label, &f.bold)?;
        s.text(
            row,
            1,
            &format!("Equivalent annual cost ({} years)", lc.expected_life_years),
            &f.bold,
        )?;
        s.money(row, total_col, shown.eac, cur, &f.money_bold)?;
        row += 2;
    }
    if e.lifecycle.unequal_lives {
        s.note(
            row,
            0,
            "Expected lives differ: compare the candidates on equivalent annual cost (EAC), not NPV.",
            &f.subtitle,
        )?;
    }
    s.finish(HEADER_ROW + 1, 2)
}
