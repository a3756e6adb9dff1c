//! The Financial case sheet, written when some candidate has savings, revenue or a lease
//! entered (as the brief's section): per candidate its key figures, its net cash flow by
//! year, its depreciation and budgets by fiscal year and its lease comparison. Every figure
//! is the engine's (`finance::case`): amounts to the cent, years and rates unrounded under
//! a display format; an IRR that is none or not one rate is an empty cell beside the
//! engine's words for it.

use rust_decimal::Decimal;

use super::{subtitle, Cells, Formats, Sheet, HEADER_ROW};
use crate::error::Result;
use crate::finance::case::{
    irr_text, mirr_text, option_name, payback_text, CandidateFinancialCase, FinancialCase,
    RequestFinancialCase,
};
use crate::finance::{BreakEven, Irr, Payback};
use crate::money::{money_cents, money_units, Currency};
use crate::report::sheet::excel_number;
use crate::report::xlsx::shown::cents;
use crate::report::xlsx::RequestExport;

/// Where a candidate's rows go: the sheet, its formats and currency, and the candidate's
/// name, written in the first column of each of its rows (so that a filter keeps them).
struct Block<'s, 'a> {
    s: &'s mut Sheet<'a>,
    f: &'s Formats,
    cur: &'s Currency,
    label: &'s str,
}

impl Block<'_, '_> {
    fn header(&mut self, row: u32, titles: &[String]) -> Result<u32> {
        let mut all = vec!["Candidate".to_string()];
        all.extend(titles.iter().cloned());
        self.s.header(row, &all, &self.f.header)?;
        Ok(row + 1)
    }

    fn name(&mut self, row: u32, bold: bool) -> Result<()> {
        let f = if bold { &self.f.bold } else { &self.f.text };
        self.s.text(row, 0, self.label, f)
    }

    fn money(&mut self, row: u32, col: u16, d: Decimal, bold: bool) -> Result<()> {
        let f = if bold {
            &self.f.money_bold
        } else {
            &self.f.money
        };
        self.s.money(row, col, cents(d), self.cur, f)
    }
}

/// `Costs (USD)`.
fn titled(name: &str, cur: &Currency) -> String {
    format!("{name} ({cur})")
}

pub(super) fn financial_case_sheet(
    mut s: Sheet,
    e: &RequestExport,
    r: &RequestFinancialCase,
    f: &Formats,
) -> Result<()> {
    let cur = &e.currency;
    s.note(
        0,
        0,
        &format!("Financial case: {}", e.request.title),
        &f.title,
    )?;
    s.note(
        1,
        0,
        &format!(
            "{} · nominal {cur}, to the cent; net cash flow = savings + revenue - lifecycle costs on the lifecycle schedule (year 0 is the purchase); NPV, discounted payback and MIRR at the discount rate {} %; ROI = (savings + revenue - costs) / costs",
            subtitle(e),
            (r.discount_rate * Decimal::ONE_HUNDRED).normalize()
        ),
        &f.subtitle,
    )?;
    let mut row = HEADER_ROW;
    for c in r.candidates.iter().filter(|c| c.entered) {
        row = candidate(&mut s, f, cur, row, c)?;
    }
    s.finish(HEADER_ROW, 1)
}

/// A candidate's blocks, or why it has no case. Returns the next free row.
fn candidate(
    s: &mut Sheet,
    f: &Formats,
    cur: &Currency,
    row: u32,
    c: &CandidateFinancialCase,
) -> Result<u32> {
    let mut b = Block {
        s,
        f,
        cur,
        label: &c.label,
    };
    b.name(row, true)?;
    let Some(case) = &c.case else {
        let problem = c.problem.as_deref().unwrap_or("no lifecycle cost");
        b.s.note(row, 1, &format!("No financial case: {problem}."), &f.text)?;
        return Ok(row + 2);
    };
    let row = key_figures(&mut b, row + 1, case)?;
    let row = years(&mut b, row + 1, case)?;
    let row = budgets(&mut b, row + 1, case)?;
    let row = if case.lease.is_some() {
        lease(&mut b, row + 1, case)?
    } else {
        row
    };
    Ok(row + 1)
}

fn payback_years(p: &Payback) -> Option<Decimal> {
    match p {
        Payback::Years { years } => Some(*years),
        Payback::Never => None,
    }
}

/// Figure, value (a number cell, empty when there is none) and the figure in words.
fn key_figures(b: &mut Block, row: u32, case: &FinancialCase) -> Result<u32> {
    let horizon = u32::try_from(case.years.len().saturating_sub(1)).unwrap_or(u32::MAX);
    let percent = |d: Decimal| format!("{} %", (d * Decimal::ONE_HUNDRED).round_dp(1));
    let irr = match &case.irr {
        Irr::Rate { rate } => Some(*rate),
        Irr::None { .. } | Irr::Multiple { .. } => None,
    };
    // (figure, value, is money, words)
    let mut figures: Vec<(&str, Option<Decimal>, bool, String)> = vec![
        (
            "NPV of the net cash flow",
            Some(case.npv),
            true,
            money_units(b.cur, case.npv),
        ),
        (
            "Payback (years)",
            payback_years(&case.payback),
            false,
            payback_text(&case.payback, horizon),
        ),
        (
            "Discounted payback (years)",
            payback_years(&case.discounted_payback),
            false,
            payback_text(&case.discounted_payback, horizon),
        ),
        (
            "ROI",
            case.roi,
            false,
            case.roi.map_or_else(|| "-".into(), percent),
        ),
        ("IRR", irr, false, irr_text(&case.irr)),
        (
            "MIRR",
            case.mirr,
            false,
            mirr_text(case.mirr, case.mirr_problem.as_deref()),
        ),
    ];
    if let Some(v) = case.cost_per_procedure {
        figures.push((
            "Cost per procedure (EAC)",
            Some(v),
            true,
            money_cents(b.cur, v),
        ));
    }
    let mut row = b.header(
        row,
        &["Key figure".into(), "Value".into(), "In words".into()],
    )?;
    for (k, (figure, value, money, words)) in figures.into_iter().enumerate() {
        b.name(row, false)?;
        b.s.text(row, 1, figure, &b.f.text)?;
        match value {
            Some(v) if money => b.money(row, 2, v, k == 0)?,
            Some(v) => {
                let f = if figure.ends_with("(years)") {
                    &b.f.points
                } else {
                    &b.f.percent
                };
                b.s.number(row, 2, excel_number(v), 8, f)?;
            }
            None => {}
        }
        b.s.note(row, 3, &words, &b.f.text)?;
        row += 1;
    }
    Ok(row)
}

/// The net cash flow by year, with its totals.
fn years(b: &mut Block, row: u32, case: &FinancialCase) -> Result<u32> {
    let cur = b.cur;
    let titles: Vec<String> = ["Year".to_string(), "Fiscal year".into()]
        .into_iter()
        .chain(
            ["Costs", "Savings", "Revenue", "Net", "Cumulative"]
                .iter()
                .map(|t| titled(t, cur)),
        )
        .collect();
    let mut row = b.header(row, &titles)?;
    for y in &case.years {
        b.name(row, false)?;
        b.s.number(row, 1, f64::from(y.year), 4, &b.f.integer)?;
        if let Some(fy) = y.fiscal_year {
            b.s.number(row, 2, f64::from(fy), 6, &b.f.fiscal_year)?;
        }
        for (k, v) in [y.costs, y.savings, y.revenue, y.net, y.cumulative_net]
            .into_iter()
            .enumerate()
        {
            b.money(row, 3 + k as u16, v, k == 3)?;
        }
        row += 1;
    }
    b.name(row, true)?;
    b.s.text(row, 1, "Total", &b.f.bold)?;
    for (k, v) in [
        case.total_costs,
        case.total_savings,
        case.total_revenue,
        case.total_net,
    ]
    .into_iter()
    .enumerate()
    {
        b.money(row, 3 + k as u16, v, true)?;
    }
    Ok(row + 1)
}

/// The capital and operating budgets by fiscal year, the depreciation and the book value
/// at each fiscal year's end among them.
fn budgets(b: &mut Block, row: u32, case: &FinancialCase) -> Result<u32> {
    let mut row = row;
    if let Some(p) = &case.depreciation_problem {
        b.name(row, false)?;
        b.s.note(
            row,
            1,
            &format!("No depreciation schedule: {p}."),
            &b.f.text,
        )?;
        row += 1;
    }
    if case.budget_impact.is_empty() {
        return Ok(row);
    }
    let cur = b.cur;
    let titles: Vec<String> = std::iter::once("Fiscal year".to_string())
        .chain(
            [
                "Capital (net)",
                "Operating costs",
                "Depreciation",
                "Book value at year end",
                "Savings + revenue",
                "Operating impact",
            ]
            .iter()
            .map(|t| titled(t, cur)),
        )
        .collect();
    let mut row = b.header(row, &titles)?;
    let schedule = case.depreciation.as_ref();
    for y in &case.budget_impact {
        b.name(row, false)?;
        b.s.number(row, 1, f64::from(y.fiscal_year), 6, &b.f.fiscal_year)?;
        b.money(row, 2, y.net_capital, false)?;
        b.money(row, 3, y.operating_costs, false)?;
        b.money(row, 4, y.depreciation, false)?;
        let book = schedule
            .and_then(|d| d.years.iter().find(|d| d.fiscal_year == y.fiscal_year))
            .map(|d| d.book_value);
        if let Some(v) = book {
            b.money(row, 5, v, false)?;
        }
        b.money(row, 6, y.savings_and_revenue, false)?;
        b.money(row, 7, y.operating_impact, true)?;
        row += 1;
    }
    if let Some(d) = schedule {
        b.name(row, true)?;
        b.s.text(row, 1, "Total depreciation", &b.f.bold)?;
        b.money(row, 4, d.total, true)?;
        row += 1;
    }
    Ok(row)
}

/// Each way to pay with the present value of its costs, then each lease against the
/// purchase: the net advantage to leasing, the cheaper, by how much, and the rate where
/// the answer flips.
fn lease(b: &mut Block, row: u32, case: &FinancialCase) -> Result<u32> {
    let Some(lease) = &case.lease else {
        return Ok(row);
    };
    let cur = b.cur;
    let titles = [
        "Way to pay".to_string(),
        titled("Present value of its costs", cur),
        "Cheapest".into(),
    ];
    let mut row = b.header(row, &titles)?;
    for o in &lease.options {
        let cheapest = o.option == lease.cheapest;
        b.name(row, false)?;
        b.s.text(row, 1, option_name(o.option), &b.f.text)?;
        b.money(row, 2, o.present_value, cheapest)?;
        if cheapest {
            b.s.text(row, 3, "cheapest", &b.f.bold)?;
        }
        row += 1;
    }
    let titles = [
        "Lease against purchase".to_string(),
        titled("Net advantage to leasing", cur),
        "Cheaper".into(),
        titled("By", cur),
        "Break-even discount rate".into(),
    ];
    let mut row = b.header(row, &titles)?;
    for c in &lease.comparisons {
        b.name(row, false)?;
        b.s.text(row, 1, option_name(c.lease), &b.f.text)?;
        b.money(row, 2, c.net_advantage_to_leasing, false)?;
        b.s.text(row, 3, option_name(c.cheaper), &b.f.text)?;
        b.money(row, 4, c.by, false)?;
        match &c.break_even_rate {
            BreakEven::Rate { rate } => {
                b.s.number(row, 5, excel_number(*rate), 8, &b.f.percent_fine)?
            }
            BreakEven::NoneInRange => b.s.text(
                row,
                5,
                "the same answer at every rate from 0 to 100 %",
                &b.f.text,
            )?,
        }
        row += 1;
    }
    Ok(row)
}
