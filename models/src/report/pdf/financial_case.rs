//! The financial case, printed after the lifecycle cost when savings, revenue or a lease
//! are entered: for each such candidate its net cash flow by year, NPV, payback, ROI, IRR
//! and MIRR, its capital and operating-budget impact by fiscal year (depreciation
//! included) and its lease comparison.

use super::pct_decimal;
use crate::finance::case::{
    irr_text, mirr_text, payback_text, CandidateFinancialCase, FinancialCase,
};
use crate::finance::{BreakEven, LeaseOption};
use crate::money::format_amount;
use crate::report::brief::{money_cents, money_units, ranked_order, BudgetBrief};
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

fn candidate(l: &mut Layout, b: &BudgetBrief, c: &CandidateFinancialCase) {
    l.subheading_keep(&c.label, 40.0);
    let Some(case) = &c.case else {
        let problem = c.problem.as_deref().unwrap_or("no financial case");
        l.paragraph(problem, BODY, false, WARN, 0.0);
        return;
    };
    let cur = &b.currency;
    let horizon = case.years.len().saturating_sub(1) as u32;
    let mut pairs = vec![
        (
            "NPV of the net cash flow".to_string(),
            money_units(cur, case.npv),
            true,
        ),
        (
            "Payback".into(),
            payback_text(&case.payback, horizon),
            false,
        ),
        (
            "Discounted payback".into(),
            payback_text(&case.discounted_payback, horizon),
            false,
        ),
        (
            "ROI".into(),
            case.roi.map_or_else(
                || "-".into(),
                |r| format!("{} %", (r * rust_decimal::Decimal::ONE_HUNDRED).round_dp(1)),
            ),
            false,
        ),
        ("IRR".into(), irr_text(&case.irr), false),
        (
            "MIRR".into(),
            mirr_text(case.mirr, case.mirr_problem.as_deref()),
            false,
        ),
    ];
    if let Some(v) = case.cost_per_procedure {
        pairs.push((
            "Cost per procedure (EAC)".into(),
            money_cents(cur, v),
            false,
        ));
    }
    l.key_values(&pairs, 48.0);
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
                Cell::new(format_amount(y.capital - y.capital_offsets, 0)),
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

fn option_name(o: LeaseOption) -> &'static str {
    match o {
        LeaseOption::Purchase => "Purchase",
        LeaseOption::OperatingLease => "Operating lease",
        LeaseOption::CapitalLease => "Capital lease (bargain purchase)",
    }
}

fn lease(l: &mut Layout, b: &BudgetBrief, case: &FinancialCase) {
    let Some(lease) = &case.lease else { return };
    l.subheading_keep("Lease versus buy", 20.0);
    let mut pairs: Vec<(String, String, bool)> = lease
        .options
        .iter()
        .map(|o| {
            (
                option_name(o.option).to_string(),
                format!(
                    "present value of its costs {}",
                    money_units(&b.currency, o.present_value)
                ),
                o.option == lease.cheapest,
            )
        })
        .collect();
    for c in &lease.comparisons {
        let flip = match &c.break_even_rate {
            BreakEven::Rate { rate } => format!(
                "the answer flips at a discount rate of {}",
                pct_decimal(rate.round_dp(4))
            ),
            BreakEven::NoneInRange => "the same answer at every rate from 0 to 100 %".into(),
        };
        pairs.push((
            format!("{} against purchase", option_name(c.lease)),
            format!(
                "{} is cheaper by {}; {flip}",
                option_name(c.cheaper),
                money_units(&b.currency, c.by)
            ),
            false,
        ));
    }
    l.key_values(&pairs, 48.0);
}
