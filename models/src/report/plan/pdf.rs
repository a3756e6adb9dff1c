//! The capital plan brief as a PDF, with the brief's layout engine: the title block, the
//! summary and the budgets chart, the funded requests by year; the other sections are in
//! `sections`.

use rust_decimal::Decimal;

use super::sections;
use super::PlanBrief;
use crate::capital::NEXT_AMOUNT;
use crate::money::{format_amount, round_amounts_to_total};
use crate::report::brief::money_units;
use crate::report::charts;
use crate::report::layout::{
    finish_document, Align, Cell, Column, Document, Layout, Paper, Row, BODY, INK, MUTED, WARN,
};
use crate::Result;

/// The heading of each section, as printed.
pub const SECTION_HEADINGS: [&str; 10] = [
    "1 Summary",
    "2 Funded requests",
    "3 Deferrals",
    "4 Not funded and left out",
    "5 Mandatory requests",
    "6 Against the greedy fill",
    "7 What another 100,000 would buy",
    "8 Scenarios",
    "9 Decision history",
    "10 Method",
];

/// Lays out the brief and returns the PDF's bytes.
pub fn render_plan_pdf(b: &PlanBrief, paper: Paper) -> Result<Vec<u8>> {
    let mut l = Layout::new(paper)?;
    title_block(&mut l, b);
    summary(&mut l, b);
    funded(&mut l, b);
    sections::deferrals(&mut l, b);
    sections::not_funded(&mut l, b);
    sections::mandatory(&mut l, b);
    sections::greedy(&mut l, b);
    sections::next_amount(&mut l, b);
    sections::scenarios(&mut l, b);
    sections::history(&mut l, b);
    sections::method(&mut l, b);

    let footer_left = format!(
        "{} · Capital plan {} · Inputs {} · As of {}",
        b.portfolio_name,
        years_text(b),
        b.content_hash,
        b.as_of
    );
    finish_document(
        l,
        paper,
        &Document {
            title: format!("Capital plan {}: {}", years_text(b), b.portfolio_name),
            subject: format!(
                "Capital plan {}: requests funded, deferred and not funded against the budgets, scenarios and the greedy fill",
                years_text(b)
            ),
            keywords: vec!["capital plan".into(), "capital budget".into()],
            footer_left,
            content_hash: b.content_hash.clone(),
            as_of: b.as_of,
            id_prefix: "caliper-plan",
        },
    )
}

/// "FY2027–FY2028", or "FY2027" for one year.
pub(super) fn years_text(b: &PlanBrief) -> String {
    if b.first_year == b.last_year {
        format!("FY{}", b.first_year)
    } else {
        format!("FY{}–FY{}", b.first_year, b.last_year)
    }
}

/// A priority or a plan's value to one decimal.
pub(super) fn one_decimal(d: Decimal) -> String {
    format_amount(d, 1)
}

/// What the plan gains over the greedy fill as the two values are printed, so that the
/// three printed figures add up.
pub(super) fn shown_gain(b: &PlanBrief) -> Decimal {
    let shown = |d: Decimal| {
        d.round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    };
    shown(b.greedy.optimum_value) - shown(b.greedy.greedy_value)
}

/// The portfolio, the planning years and the as-of date.
fn title_block(l: &mut Layout, b: &PlanBrief) {
    l.y += 4.0;
    let (left, y) = (l.left, l.y);
    l.text(
        left,
        y,
        &format!("CAPITAL PLAN · {}", b.portfolio_name),
        8.0,
        true,
        MUTED,
    );
    l.y += 11.0;
    let (left, y) = (l.left, l.y);
    l.text(
        left,
        y,
        &format!("Capital plan {}", years_text(b)),
        18.0,
        true,
        INK,
    );
    l.y += 2.5;
    l.paragraph(
        &format!(
            "{} · {} · amounts in {}, capital to the whole unit · as of {}",
            b.portfolio_name,
            if b.proven_optimal {
                "proven optimal"
            } else {
                "best plan found, not proven optimal"
            },
            b.currency,
            b.as_of
        ),
        BODY,
        false,
        MUTED,
        0.0,
    );
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Section 1: what the plan funds against the budgets, in words and figures, then the chart.
fn summary(l: &mut Layout, b: &PlanBrief) {
    let cur = &b.currency;
    l.heading(SECTION_HEADINGS[0]);
    let funded = b.funded.len();
    let deferred = b.deferred.len();
    let budget: Decimal = b.years().map(|y| y.budget).sum();
    let used: Decimal = b.years().map(|y| y.used).sum();
    let planned = funded + b.not_funded.len();
    l.paragraph(
        &format!(
            "Over {} the plan funds {} of {} for {} of capital against budgets of {}: {} in the year asked and {}; {} not funded and {} left out before planning.",
            years_text(b),
            funded,
            count(planned, "planned request", "planned requests"),
            money_units(cur, used),
            money_units(cur, budget),
            funded - deferred,
            count(deferred, "deferred", "deferred"),
            b.not_funded.len(),
            b.left_out.len(),
        ),
        BODY,
        false,
        INK,
        0.0,
    );
    let mut pairs: Vec<(String, String, bool)> = b
        .years()
        .map(|y| {
            let n = b
                .funded
                .iter()
                .filter(|f| f.funded_year == y.fiscal_year)
                .count();
            (
                format!("FY{}", y.fiscal_year),
                format!(
                    "{} of {} funded ({}), {} left",
                    money_units(cur, y.used),
                    money_units(cur, y.budget),
                    count(n, "request", "requests"),
                    money_units(cur, y.left)
                ),
                true,
            )
        })
        .collect();
    let g = &b.greedy;
    let shown_gain = shown_gain(b);
    pairs.push((
        "Against the greedy fill".into(),
        if g.gain.is_zero() {
            format!(
                "The plan is worth {} (priority × score × deferral factor), as much as filling the budgets by priority, highest first.",
                one_decimal(g.optimum_value)
            )
        } else {
            format!(
                "The plan is worth {} (priority × score × deferral factor); filling the budgets by priority, highest first, is worth {}: the plan gains {}.",
                one_decimal(g.optimum_value),
                one_decimal(g.greedy_value),
                one_decimal(shown_gain)
            )
        },
        false,
    ));
    pairs.push(("Mandatory".into(), mandatory_text(b), false));
    pairs.push((
        format!("Another {}", format_amount(Decimal::from(NEXT_AMOUNT), 0)),
        next_text(b),
        false,
    ));
    l.key_values(&pairs, 40.0);
    budget_chart(l, b);
}

/// What another 100,000 would buy, year by year, in one sentence.
fn next_text(b: &PlanBrief) -> String {
    let years: Vec<String> = b
        .next
        .iter()
        .map(|n| format!("in FY{}: {}", n.fiscal_year, sections::next_buys(n)))
        .collect();
    format!("{}.", years.join("; "))
}

fn mandatory_text(b: &PlanBrief) -> String {
    if b.mandatory.is_empty() {
        return "No request is mandatory.".into();
    }
    let names: Vec<String> = b
        .mandatory
        .iter()
        .map(|m| format!("{} ({})", m.title, m.why.to_lowercase()))
        .collect();
    let mut text = format!(
        "{}, all funded: {}.",
        count(b.mandatory.len(), "mandatory request", "mandatory requests"),
        names.join("; ")
    );
    if !b.greedy.greedy_misses_mandatory.is_empty() {
        text.push_str(&format!(
            " The greedy fill cannot fund {}.",
            b.greedy.greedy_misses_mandatory.join(", ")
        ));
    }
    text
}

/// Capital used against each budget, system-wide by year, then the facilities'.
fn budget_chart(l: &mut Layout, b: &PlanBrief) {
    let rows: Vec<(String, f64, f64)> = b
        .budgets
        .iter()
        .map(|x| {
            let name = match &x.facility {
                Some(f) => format!("FY{} {f}", x.fiscal_year),
                None => format!("FY{} (system-wide)", x.fiscal_year),
            };
            // Chart geometry only: the amounts printed come from the Decimals.
            let f = |d: Decimal| d.to_string().parse::<f64>().unwrap_or(0.0);
            (name, f(x.used), f(x.budget))
        })
        .collect();
    let labels: Vec<String> = b
        .budgets
        .iter()
        .map(|x| {
            format!(
                "{} of {}",
                format_amount(x.used, 0),
                format_amount(x.budget, 0)
            )
        })
        .collect();
    l.y += 2.0;
    charts::plan_budget_chart(l, &rows, &labels, &b.currency);
}

/// Section 2: the funded requests of each year, by facility and priority, with the year's
/// total against its budget.
fn funded(l: &mut Layout, b: &PlanBrief) {
    let cur = &b.currency;
    l.heading(SECTION_HEADINGS[1]);
    if b.funded.is_empty() {
        l.paragraph("The plan funds no request.", BODY, false, MUTED, 0.0);
        return;
    }
    for y in b.years() {
        let lines: Vec<_> = b
            .funded
            .iter()
            .filter(|f| f.funded_year == y.fiscal_year)
            .collect();
        l.subheading_keep(
            &format!(
                "FY{}: {} of {}",
                y.fiscal_year,
                money_units(cur, y.used),
                money_units(cur, y.budget)
            ),
            30.0,
        );
        if lines.is_empty() {
            l.paragraph("No request is funded this year.", BODY, false, MUTED, 0.0);
            continue;
        }
        let w = l.width();
        let mut columns = vec![
            Column::new("Request", 0.0, Align::Left),
            Column::new("Facility", 24.0, Align::Left),
            Column::new("Candidate", 30.0, Align::Left),
            Column::new(format!("Capital ({cur})"), 19.0, Align::Right),
            Column::new("Priority", 15.0, Align::Right),
            Column::new("Reason", 54.0, Align::Left),
        ];
        let used: f32 = columns.iter().map(|c| c.width).sum();
        columns[0].width = w - used;
        let shown = round_amounts_to_total(&lines.iter().map(|f| f.capital).collect::<Vec<_>>(), 0);
        let mut rows: Vec<Row> = lines
            .iter()
            .zip(&shown)
            .map(|(f, capital)| {
                Row::new(vec![
                    Cell::new(format!("{} (request {})", f.title, f.request_id)),
                    Cell::new(&f.facility),
                    Cell::new(&f.candidate),
                    Cell::new(format_amount(*capital, 0)),
                    Cell::new(one_decimal(f.priority)),
                    Cell::new(&f.reason).color(if f.funded_year > f.fiscal_year {
                        WARN
                    } else {
                        INK
                    }),
                ])
            })
            .collect();
        rows.push(
            Row::new(vec![
                Cell::new(format!("Total FY{}", y.fiscal_year)),
                Cell::new(""),
                Cell::new(""),
                Cell::new(format_amount(shown.iter().sum(), 0)),
                Cell::new(""),
                Cell::new(format!("{} left of the budget", money_units(cur, y.left))),
            ])
            .total(),
        );
        l.table(&columns, &rows, 7.5);
    }
}
