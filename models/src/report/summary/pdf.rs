//! The capital summary as a PDF, with the brief's layout engine: the title, the totals
//! against the budget, the requests by score with their running total, and capital by
//! department.

use rust_decimal::Decimal;

use super::{budget_line, BudgetMark, CapitalBasis, CapitalSummary};
use crate::error::Result;
use crate::ids::RequestId;
use crate::money::{format_amount, round_amounts_to_total};
use crate::report::brief::{money_units, points, status_label};
use crate::report::charts;
use crate::report::layout::{
    finish_document, Align, Cell, Column, Document, Layout, Paper, Row, ACCENT, BODY, INK, MUTED,
    WARN,
};

/// Lays out the summary and returns the PDF's bytes.
pub fn render_summary_pdf(s: &CapitalSummary, paper: Paper) -> Result<Vec<u8>> {
    let cur = &s.currency;
    let mut l = Layout::new(paper)?;
    title_block(&mut l, s);

    l.heading("Summary");
    l.key_values(&summary_pairs(s), 38.0);

    l.heading("Requests by score");
    requests_table(&mut l, s);
    if s.lines.iter().any(|x| x.other_currency) {
        l.paragraph(
            &format!("Requests in another currency than {cur} are listed but not summed."),
            7.5,
            false,
            MUTED,
            0.0,
        );
    }

    if !s.by_department.is_empty() {
        l.heading("Capital by department");
        department_chart(&mut l, s);
    }

    let footer_left = format!(
        "{} · FY{} capital summary · Inputs {} · As of {}",
        s.portfolio_name, s.fiscal_year, s.content_hash, s.as_of
    );
    finish_document(
        l,
        paper,
        &Document {
            title: format!("Capital summary FY{}: {}", s.fiscal_year, s.portfolio_name),
            subject: format!(
                "Capital requests for FY{}: recommended candidates, capital cost and budget",
                s.fiscal_year
            ),
            keywords: vec!["capital summary".into(), "capital budget".into()],
            footer_left,
            content_hash: s.content_hash.clone(),
            as_of: s.as_of,
            id_prefix: "caliper-summary",
        },
    )
}

/// The portfolio, the fiscal year and what the summary holds.
fn title_block(l: &mut Layout, s: &CapitalSummary) {
    let cur = &s.currency;
    l.y += 4.0;
    let (left, y) = (l.left, l.y);
    l.text(
        left,
        y,
        &format!("CAPITAL SUMMARY · {}", s.portfolio_name),
        8.0,
        true,
        MUTED,
    );
    l.y += 11.0;
    let (left, y) = (l.left, l.y);
    l.text(
        left,
        y,
        &format!("Capital requests for FY{}", s.fiscal_year),
        18.0,
        true,
        INK,
    );
    l.y += 2.5;
    l.paragraph(
        &format!(
            "{} requests · ordered by score, requests without a ranking last · amounts in {cur} · as of {}",
            s.lines.len(),
            s.as_of
        ),
        BODY,
        false,
        MUTED,
        0.0,
    );
}

/// The capital requested, the budget line and what the capital cost is.
fn summary_pairs(s: &CapitalSummary) -> Vec<(String, String, bool)> {
    let cur = &s.currency;
    let costed = s
        .lines
        .iter()
        .filter(|x| x.capital.is_some() && !x.other_currency)
        .count();
    let mut pairs: Vec<(String, String, bool)> = vec![(
        "Capital requested".into(),
        format!(
            "{} for {} of {} requests",
            money_units(cur, s.total_capital),
            costed,
            s.lines.len()
        ),
        true,
    )];
    match budget_line(s) {
        Some(b) => pairs.push(("Capital budget".into(), b, true)),
        None => pairs.push((
            "Capital budget".into(),
            "None given (caliper brief --budget AMOUNT).".into(),
            false,
        )),
    }
    pairs.push((
        "Capital cost".into(),
        "The recommended candidate's year-0 capital from its lifecycle cost (purchase net of discount and trade-in, installation, IT integration, training), else its quoted total.".into(),
        false,
    ));
    pairs
}

/// Capital by department, largest first, as bars labelled with the amounts.
fn department_chart(l: &mut Layout, s: &CapitalSummary) {
    let cur = &s.currency;
    let entries: Vec<(String, f64)> = s
        .by_department
        .iter()
        .map(|(d, v)| {
            // Chart geometry only: the amounts printed come from the Decimal.
            (d.clone(), v.to_string().parse::<f64>().unwrap_or(0.0))
        })
        .collect();
    let labels: Vec<String> = s
        .by_department
        .iter()
        .map(|(_, v)| money_units(cur, *v))
        .collect();
    charts::department_chart(l, &entries, &labels, cur);
}

/// The requests by score: status, recommended candidate, score, capital and running total
/// (and, against a budget, whether each fits), then the totals.
fn requests_table(l: &mut Layout, s: &CapitalSummary) {
    let columns = request_columns(l, s);
    let (mut rows, shown_total) = request_rows(s);
    rows.extend(total_rows(s, shown_total));
    l.table(&columns, &rows, 7.5);
    if s.lines.iter().any(|x| x.basis == CapitalBasis::QuotedTotal) {
        l.paragraph(
            "q: quoted total (the recommended candidate has no valid cost model yet).",
            7.5,
            false,
            MUTED,
            0.0,
        );
    }
}

/// The table's columns; the request's column takes the width the others leave.
fn request_columns(l: &Layout, s: &CapitalSummary) -> Vec<Column> {
    let cur = &s.currency;
    let w = l.width();
    let mut columns = vec![
        Column::new("#", 6.0, Align::Right),
        Column::new("Request", 0.0, Align::Left),
        Column::new("Status", 21.0, Align::Left),
        Column::new("Recommended candidate", 36.0, Align::Left),
        Column::new("Score", 11.0, Align::Right),
        Column::new(format!("Capital ({cur})"), 22.0, Align::Right),
        Column::new("Running total", 22.0, Align::Right),
    ];
    if s.budget.is_some() {
        columns.push(Column::new("Budget", 19.0, Align::Left));
    }
    let used: f32 = columns.iter().map(|c| c.width).sum();
    columns[1].width = w - used;
    columns
}

/// One row per request, and the sum of the capital figures as shown.
fn request_rows(s: &CapitalSummary) -> (Vec<Row>, Decimal) {
    let budgeted = s.budget.is_some();
    // Whole units that add up: the shown capitals sum to the shown total, and the running
    // totals are running sums of the shown figures.
    let summed: Vec<RequestId> = s
        .lines
        .iter()
        .filter(|x| x.capital.is_some() && !x.other_currency)
        .map(|x| x.request.id)
        .collect();
    let exact: Vec<Decimal> = s
        .lines
        .iter()
        .filter(|x| summed.contains(&x.request.id))
        .filter_map(|x| x.capital)
        .collect();
    let shown = round_amounts_to_total(&exact, 0);
    let mut shown_iter = shown.iter();
    let mut running = Decimal::ZERO;
    let mut rows = Vec::new();
    for (i, x) in s.lines.iter().enumerate() {
        let request = format!(
            "{} (request {}, {})",
            x.request.title, x.request.id, x.department
        );
        let (capital, running_text) = match x.capital {
            Some(c) if x.other_currency => (
                Cell::new(format!("{} {}", x.request.currency, format_amount(c, 0))),
                Cell::new("not summed").color(MUTED),
            ),
            Some(_) => {
                let v = shown_iter.next().copied().unwrap_or_default();
                running += v;
                let mut cell = Cell::new(format_amount(v, 0));
                if x.basis == CapitalBasis::QuotedTotal {
                    cell.text.push_str(" q");
                }
                (cell, Cell::new(format_amount(running, 0)))
            }
            None => (Cell::new(x.basis.text()).color(MUTED), Cell::new("")),
        };
        let mut cells = vec![
            Cell::new((i + 1).to_string()),
            Cell::new(request),
            Cell::new(status_label(x.request.status)),
            match &x.recommended {
                Some(r) => Cell::new(r.clone()),
                None => Cell::new("none yet").color(MUTED),
            },
            Cell::new(x.score.map(points).unwrap_or_else(|| "-".into())),
            capital,
            running_text,
        ];
        if budgeted {
            cells.push(match x.mark {
                Some(BudgetMark::Fits) => Cell::new("fits").color(ACCENT),
                Some(BudgetMark::OverBudget) => Cell::new("over budget").bold().color(WARN),
                None => Cell::new(""),
            });
        }
        rows.push(Row::new(cells));
    }
    (rows, shown.iter().sum())
}

/// The total capital requested and, against a budget, the budget and what remains or is
/// over.
fn total_rows(s: &CapitalSummary, shown_total: Decimal) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut total = vec![
        Cell::new(""),
        Cell::new("Total capital requested"),
        Cell::new(""),
        Cell::new(""),
        Cell::new(""),
        Cell::new(format_amount(shown_total, 0)),
        Cell::new(""),
    ];
    if s.budget.is_some() {
        total.push(Cell::new(""));
    }
    rows.push(Row::new(total).total());
    if let Some(b) = s.budget {
        let mut budget = vec![
            Cell::new(""),
            Cell::new("Capital budget"),
            Cell::new(""),
            Cell::new(""),
            Cell::new(""),
            Cell::new(format_amount(b, 0)),
            Cell::new(""),
            Cell::new(""),
        ];
        let diff = b - s.total_capital;
        let (label, amount) = if diff >= Decimal::ZERO {
            ("Remaining", diff)
        } else {
            ("Over budget", -diff)
        };
        rows.push(Row::new(std::mem::take(&mut budget)));
        rows.push(Row::new(vec![
            Cell::new(""),
            Cell::new(label).bold(),
            Cell::new(""),
            Cell::new(""),
            Cell::new(""),
            Cell::new(format_amount(amount, 0))
                .bold()
                .color(if diff < Decimal::ZERO { WARN } else { INK }),
            Cell::new(""),
            Cell::new(""),
        ]));
    }
    rows
}
