//! The Funding sheet: each candidate's capital and operating cost by fiscal year.

use rust_decimal::Decimal;

use super::{no_lifecycle, subtitle, Cells, Formats, Sheet, HEADER_ROW};
use crate::error::Result;
use crate::report::xlsx::{shown_fiscal_years, RequestExport};

pub(super) fn funding_sheet(mut s: Sheet, e: &RequestExport, f: &Formats) -> Result<()> {
    let cur = &e.currency;
    s.note(
        0,
        0,
        &format!("Funding by fiscal year: {}", e.request.title),
        &f.title,
    )?;
    s.note(
        1,
        0,
        &format!(
            "{} · capital: year-0 costs; operating: years 1 to N; nominal {cur}; fiscal years start in month {} and are named by the calendar year they end in",
            subtitle(e),
            e.lifecycle.assumptions.fiscal_year_start_month
        ),
        &f.subtitle,
    )?;
    s.header(
        HEADER_ROW,
        &[
            "Candidate".to_string(),
            "Fiscal year".into(),
            format!("Capital ({cur})"),
            format!("Operating ({cur})"),
            format!("Total ({cur})"),
        ],
        &f.header,
    )?;
    let mut row = HEADER_ROW + 1;
    for c in &e.lifecycle.candidates {
        let Some(lc) = &c.lifecycle else {
            row = no_lifecycle(&mut s, f, row, c)?;
            continue;
        };
        let years = shown_fiscal_years(lc);
        if years.is_empty() {
            s.text(row, 0, &c.label, &f.bold)?;
            s.note(
                row,
                1,
                "No purchase date: set one in the request's assumptions to map costs to fiscal years.",
                &f.text,
            )?;
            row += 2;
            continue;
        }
        let (mut cap, mut op, mut tot) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        for (fy, capital, operating, total) in &years {
            s.text(row, 0, &c.label, &f.text)?;
            s.number(row, 1, f64::from(*fy), 6, &f.fiscal_year)?;
            s.money(row, 2, *capital, cur, &f.money)?;
            s.money(row, 3, *operating, cur, &f.money)?;
            s.money(row, 4, *total, cur, &f.money_bold)?;
            cap += capital;
            op += operating;
            tot += total;
            row += 1;
        }
        s.text(row, 0, &c.label, &f.bold)?;
        s.text(row, 1, "Total", &f.bold)?;
        s.money(row, 2, cap, cur, &f.money_bold)?;
        s.money(row, 3, op, cur, &f.money_bold)?;
        s.money(row, 4, tot, cur, &f.money_bold)?;
        row += 2;
    }
    s.finish(HEADER_ROW + 1, 2)
}
