//! The financial case, printed after the lifecycle cost when savings, revenue or a lease
//! are entered: for each such candidate its NPV, payback, ROI, IRR and MIRR, its cumulative
//! net cash flow charted with the payback marked, its net cash flow by year, its capital
//! and operating-budget impact by fiscal year (depreciation included) and its lease
//! comparison.

use super::pct_decimal;
use crate::finance::case::{key_figures, lease_figures, CandidateFinancialCase, FinancialCase};
use crate::money::format_amount;
use crate::report::brief::{ranked_order, BudgetBrief};
use crate::report::charts::{payback_chart, payback_chart_height};
use crate::report::layout::{
    table_estimate, Align, Cell, Column, Layout, Row, BODY, INK, MUTED, WARN,
};

/// The section's heading. It has no number of its own, so the numbered sections keep
/// theirs whether or not a request has a financial case.
pub const FINANCIAL_CASE_HEADING: &str = "3a Financial case";

pub(super) fn financial_case_section(l: &mut Layout, b: &BudgetBrief) {
    let Some(f) = &b.financial_case else { return };
    l.heading(FINANCIAL_CASE_HEADING);
    l.paragraph(
        &format!(
            "In {}, whole units. Net cash flow = savings + revenue - lifecycle costs, on the lifecycle schedule (year 0 is the purchase, undiscounted). NPV, discounted payback and MIRR (finance and reinvestment rate) at the discount rate {}; ROI = (savings + revenue - costs) / costs, nominal. Depreciation of the year-0 capital falls on the operating budget.",
            f.currency,
            pct_decimal(f.discount_rate)
        ),
        BODY,
        false,
        INK,
        0.0,
    );
    for id in ranked_order(b) {
        let Some(c) = f
            .candidates
            .iter()
            .find(|c| c.candidate_id == id && c.entered)
        else {
            continue;
        };
        candidate(l, b, c);
    }
}

/// Height of a key figure on one line, mm (the layout's body line and spacing).
const KEY_FIGURE_H: f32 = 6.0;

fn candidate(l: &mut Layout, b: &BudgetBrief, c: &CandidateFinancialCase) {
    let Some(case) = &c.case else {
        l.subheading_keep(&c.label, 40.0);
        let problem = c.problem.as_deref().unwrap_or("no financial case");
        l.paragraph(problem, BODY, false, WARN, 0.0);
        return;
    };
    let pairs: Vec<(String, String, bool)> = key_figures(case, &b.currency)
        .into_iter()
        .map(|f| (f.label, f.value, f.strong))
        .collect();
    // The name, the key figures and the chart stay on one page.
    let figures = pairs.len() as f32 * KEY_FIGURE_H + 1.0;
    l.subheading_keep(
        &c.label,
        figures + payback_chart_height(l, case, &b.currency),
    );
    l.key_values(&pairs, 48.0);
    payback_chart(l, case, &b.currency);
    cash_flow_table(l, case);
    budget_table(l, case);
    lease(l, b, case);
}

fn cash_flow_table(l: &mut Layout, case: &FinancialCase) {
    l.subheading_keep(
        "Net cash flow by year",
        table_estimate(case.years.len() + 2, 7.5),
    );
    let w = l.width();
    let num = (w - 12.0 - 16.0) / 5.0;
    let columns = vec![
        Column::new("Year", 12.0, Align::Right),
        Column::new("Fiscal year", 16.0, Align::Left),
        Column::new("Costs", num, Align::Right),
        Column::new("Savings", num, Align::Right),
        Column::new("Revenue", num, Align::Right),
        Column::new("Net", num, Align::Right),
        Column::new("Cumulative", num, Align::Right),
    ];
    let mut rows: Vec<Row> = case
        .years
        .iter()
        .map(|y| {
            Row::new(vec![
                Cell::new(y.year.to_string()),
                Cell::new(
                    y.fiscal_year
                        .map_or_else(|| "-".into(), |f| format!("FY{f}")),
                ),
                Cell::new(format_amount(y.costs, 0)),
                Cell::new(format_amount(y.savings, 0)),
                Cell::new(format_amount(y.revenue, 0)),
                Cell::new(format_amount(y.net, 0)),
                Cell::new(format_amount(y.cumulative_net, 0)),
            ])
        })
        .collect();
    rows.push(
        Row::new(vec![
            Cell::new(""),
            Cell::new("Total"),
            Cell::new(format_amount(case.total_costs, 0)),
            Cell::new(format_amount(case.total_savings, 0)),
            Cell::new(format_amount(case.total_revenue, 0)),
            Cell::new(format_amount(case.total_net, 0)),
            Cell::new(""),
        ])
        .total(),
    );
    l.table(&columns, &rows, 7.5);
}

fn budget_table(l: &mut Layout, case: &FinancialCase) {
    if let Some(p) = &case.depreciation_problem {
        l.paragraph(
            &format!("No depreciation schedule: {p}."),
            8.0,
            false,
            WARN,
            0.0,
        );
        return;
    }
    let method = case
        .depreciation
        .as_ref()
        .map(|d| format!(" (depreciation: {} in total)", format_amount(d.total, 0)))
        .unwrap_or_default();
    l.subheading_keep(
        &format!("Capital and operating budgets by fiscal year{method}"),
        table_estimate(case.budget_impact.len() + 1, 7.5),
    );
    let w = l.width();
    let num = (w - 16.0) / 5.0;
    let columns = vec![
        Column::new("Fiscal year", 16.0, Align::Left),
        Column::new("Capital (net)", num, Align::Right),
        Column::new("Operating costs", num, Align::Right),
        Column::new("Depreciation", num, Align::Right),
        Column::new("Savings + revenue", num, Align::Right),
        Column::new("Operating impact", num, Align::Right),
    ];
    let rows: Vec<Row> = case
        .budget_impact
        .iter()
        .map(|y| {
            Row::new(vec![
                Cell::new(format!("FY{}", y.fiscal_year)),
                Cell::new(format_amount(y.net_capital, 0)),
                Cell::new(format_amount(y.operating_costs, 0)),
                Cell::new(format_amount(y.depreciation, 0)),
                Cell::new(format_amount(y.savings_and_revenue, 0)),
                Cell::new(format_amount(y.operating_impact, 0)),
            ])
        })
        .collect();
    l.table(&columns, &rows, 7.5);
    l.paragraph(
        "Capital (net): year-0 costs less year-0 savings (a trade-in). Operating impact = operating costs + depreciation - savings and revenue (negative: the operating budget gains).",
        8.0,
        false,
        MUTED,
        0.0,
    );
}

fn lease(l: &mut Layout, b: &BudgetBrief, case: &FinancialCase) {
    let figures = lease_figures(case, &b.currency);
    if figures.is_empty() {
        return;
    }
    l.subheading_keep("Lease versus buy", 20.0);
    let pairs: Vec<(String, String, bool)> = figures
        .into_iter()
        .map(|f| (f.label, f.value, f.strong))
        .collect();
    l.key_values(&pairs, 48.0);
}
