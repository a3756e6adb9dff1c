//! The capital plan as a workbook: the requests with their outcome ("Plan"), the budgets
//! and their use ("Budgets"), the scenarios side by side ("Scenarios") and the greedy fill
//! beside the plan ("Greedy"). Numbers are typed cells with number formats, never text.

use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, Format, Workbook};

use super::pdf::years_text;
use super::PlanBrief;
use crate::error::Result;
use crate::report::sheet::{created_on, excel_money, excel_number, SharedFormats, Sheet};

/// The sheets, in order.
pub const SHEETS: [&str; 4] = ["Plan", "Budgets", "Scenarios", "Greedy"];

/// Row of the column headers on every sheet; the rows above hold the title.
const HEADER_ROW: u32 = 3;

/// What the workbook's errors call it.
const WHAT: &str = "the plan workbook";

struct Formats {
    title: Format,
    subtitle: Format,
    header: Format,
    text: Format,
    bold: Format,
    money: Format,
    money_bold: Format,
    one_decimal: Format,
    percent: Format,
    integer: Format,
    fiscal_year: Format,
}

impl Formats {
    fn new(b: &PlanBrief) -> Self {
        let shared = SharedFormats::new(b.currency.as_str());
        Formats {
            title: shared.title,
            subtitle: shared.subtitle,
            header: shared.header,
            text: Format::new(),
            bold: Format::new().set_bold(),
            money: shared.money.clone(),
            money_bold: shared.money.set_bold(),
            one_decimal: Format::new().set_num_format("0.0"),
            percent: Format::new().set_num_format("+0.0\" %\";-0.0\" %\";0\" %\""),
            integer: Format::new().set_num_format("0"),
            fiscal_year: Format::new().set_num_format("\"FY\"0"),
        }
    }
}

/// The title and the line under it.
fn title(s: &mut Sheet, title: &str, b: &PlanBrief, f: &Formats) -> Result<()> {
    s.note(0, 0, title, &f.title)?;
    let sub = format!(
        "{} · capital plan {} · amounts in {} · as of {} · inputs {}",
        b.portfolio_name,
        years_text(b),
        b.currency,
        b.as_of,
        b.content_hash
    );
    s.note(1, 0, &sub, &f.subtitle)
}

fn money(s: &mut Sheet, row: u32, col: u16, d: Decimal, f: &Format) -> Result<()> {
    let chars = crate::money::format_amount(d, 2).len() + 6;
    s.number(row, col, excel_money(d), chars, f)
}

fn year(s: &mut Sheet, row: u32, col: u16, y: i32, f: &Formats) -> Result<()> {
    s.number(row, col, f64::from(y), 7, &f.fiscal_year)
}

/// A named sheet of the plan workbook.
fn sheet<'a>(wb: &'a mut Workbook, name: &str) -> Result<Sheet<'a>> {
    Ok(Sheet::new(wb.add_worksheet(), name, WHAT)?.widest(70.0))
}

/// Writes the workbook and returns its bytes. The same brief gives the same bytes: the
/// document's creation date is the as-of date.
pub fn render_plan_xlsx(b: &PlanBrief) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let created = created_on(b.as_of, WHAT)?;
    let props = DocProperties::new()
        .set_title(format!(
            "Capital plan {}: {}",
            years_text(b),
            b.portfolio_name
        ))
        .set_subject("Requests funded, deferred and not funded; budgets, scenarios, greedy fill")
        .set_author("Caliper")
        .set_keywords("capital plan, capital budget")
        .set_comment(format!("Inputs {}", b.content_hash))
        .set_creation_datetime(&created);
    wb.set_properties(&props);
    let f = Formats::new(b);
    plan_sheet(sheet(&mut wb, SHEETS[0])?, b, &f)?;
    budgets_sheet(sheet(&mut wb, SHEETS[1])?, b, &f)?;
    scenarios_sheet(sheet(&mut wb, SHEETS[2])?, b, &f)?;
    greedy_sheet(sheet(&mut wb, SHEETS[3])?, b, &f)?;
    wb.save_to_buffer()
        .map_err(crate::report::sheet::xlsx_error(WHAT))
}

/// Every request: funded (in the year asked or deferred), not funded, or left out.
fn plan_sheet(mut s: Sheet, b: &PlanBrief, f: &Formats) -> Result<()> {
    title(&mut s, &format!("Capital plan {}", years_text(b)), b, f)?;
    s.header(
        HEADER_ROW,
        &[
            "Request",
            "Id",
            "Facility",
            "Outcome",
            "Fiscal year asked",
            "Fiscal year funded",
            "Candidate",
            "Capital",
            "Priority",
            "Reason",
        ],
        &f.header,
    )?;
    let mut row = HEADER_ROW + 1;
    for x in &b.funded {
        let outcome = if x.funded_year > x.fiscal_year {
            "deferred"
        } else {
            "funded"
        };
        s.text(row, 0, &x.title, &f.text)?;
        s.number(row, 1, f64::from(x.request_id.0), 4, &f.integer)?;
        s.text(row, 2, &x.facility, &f.text)?;
        s.text(row, 3, outcome, &f.text)?;
        year(&mut s, row, 4, x.fiscal_year, f)?;
        year(&mut s, row, 5, x.funded_year, f)?;
        s.text(row, 6, &x.candidate, &f.text)?;
        money(&mut s, row, 7, x.capital, &f.money)?;
        s.number(row, 8, excel_number(x.priority), 6, &f.one_decimal)?;
        s.text(row, 9, &x.reason, &f.text)?;
        row += 1;
    }
    for x in &b.not_funded {
        s.text(row, 0, &x.title, &f.text)?;
        s.number(row, 1, f64::from(x.request_id.0), 4, &f.integer)?;
        s.text(row, 2, &x.facility, &f.text)?;
        s.text(row, 3, "not funded", &f.text)?;
        year(&mut s, row, 4, x.fiscal_year, f)?;
        s.number(row, 8, excel_number(x.priority), 6, &f.one_decimal)?;
        s.text(row, 9, &x.reason, &f.text)?;
        row += 1;
    }
    for x in &b.left_out {
        s.text(row, 0, &x.title, &f.text)?;
        s.number(row, 1, f64::from(x.request_id.0), 4, &f.integer)?;
        s.text(row, 3, "left out", &f.text)?;
        s.text(row, 9, &x.reason, &f.text)?;
        row += 1;
    }
    s.text(row, 0, "Total capital funded", &f.bold)?;
    let total: Decimal = b.funded.iter().map(|x| x.capital).sum();
    money(&mut s, row, 7, total, &f.money_bold)?;
    s.finish(HEADER_ROW + 1, 1)
}

/// Each budget: the year, the facility (blank for system-wide), the budget, used and left.
fn budgets_sheet(mut s: Sheet, b: &PlanBrief, f: &Formats) -> Result<()> {
    title(&mut s, "Budgets and the capital the plan uses", b, f)?;
    s.header(
        HEADER_ROW,
        &["Fiscal year", "Facility", "Budget", "Used", "Left"],
        &f.header,
    )?;
    for (row, x) in (HEADER_ROW + 1..).zip(&b.budgets) {
        year(&mut s, row, 0, x.fiscal_year, f)?;
        s.text(
            row,
            1,
            x.facility.as_deref().unwrap_or("system-wide"),
            &f.text,
        )?;
        money(&mut s, row, 2, x.budget, &f.money)?;
        money(&mut s, row, 3, x.used, &f.money)?;
        money(&mut s, row, 4, x.left, &f.money)?;
    }
    s.finish(HEADER_ROW + 1, 1)
}

/// The base plan and each saved scenario.
fn scenarios_sheet(mut s: Sheet, b: &PlanBrief, f: &Formats) -> Result<()> {
    title(&mut s, "Scenarios side by side", b, f)?;
    s.header(
        HEADER_ROW,
        &[
            "Scenario",
            "Budgets change",
            "Forced in",
            "Forced out",
            "Total value",
            "Capital used",
            "Requests funded",
            "Funded",
        ],
        &f.header,
    )?;
    for (row, x) in (HEADER_ROW + 1..).zip(&b.scenarios) {
        s.text(row, 0, &x.name, &f.bold)?;
        s.number(row, 1, excel_number(x.budget_change_pct), 8, &f.percent)?;
        s.text(row, 2, &x.forced_in.join(", "), &f.text)?;
        s.text(row, 3, &x.forced_out.join(", "), &f.text)?;
        if let (Some(value), Some(used)) = (x.total_value, x.capital_used) {
            s.number(row, 4, excel_number(value.round_dp(3)), 8, &f.one_decimal)?;
            money(&mut s, row, 5, used, &f.money)?;
            s.number(row, 6, x.funded.len() as f64, 4, &f.integer)?;
            s.text(row, 7, &x.funded.join(", "), &f.text)?;
        } else if let Some(problem) = &x.problem {
            s.text(row, 7, &format!("cannot be planned: {problem}"), &f.text)?;
        }
    }
    s.finish(HEADER_ROW + 1, 1)
}

/// The greedy fill by priority beside the plan: per request, then per year.
fn greedy_sheet(mut s: Sheet, b: &PlanBrief, f: &Formats) -> Result<()> {
    let g = &b.greedy;
    title(&mut s, "The plan beside the greedy fill by priority", b, f)?;
    s.header(
        HEADER_ROW,
        &[
            "Request",
            "Id",
            "Priority",
            "The plan funds",
            "The greedy fill funds",
        ],
        &f.header,
    )?;
    let mut row = HEADER_ROW + 1;
    for r in &g.rows {
        s.text(row, 0, &r.title, &f.text)?;
        s.number(row, 1, f64::from(r.request_id.0), 4, &f.integer)?;
        s.number(row, 2, excel_number(r.priority), 6, &f.one_decimal)?;
        s.text(
            row,
            3,
            r.optimum.as_deref().unwrap_or("not funded"),
            &f.text,
        )?;
        s.text(row, 4, r.greedy.as_deref().unwrap_or("not funded"), &f.text)?;
        row += 1;
    }
    row += 1;
    for (label, v) in [
        ("Value of the plan", g.optimum_value),
        ("Value of the greedy fill", g.greedy_value),
        ("The plan gains", g.gain),
    ] {
        s.text(row, 0, label, &f.bold)?;
        s.number(row, 2, excel_number(v.round_dp(3)), 8, &f.one_decimal)?;
        row += 1;
    }
    row += 1;
    for (c, t) in [
        "Fiscal year",
        "Budget",
        "The plan uses",
        "The greedy fill uses",
    ]
    .iter()
    .enumerate()
    {
        s.note(row, c as u16, t, &f.header)?;
    }
    row += 1;
    for (y, budget, optimum, greedy) in &g.capital_by_year {
        year(&mut s, row, 0, *y, f)?;
        money(&mut s, row, 1, *budget, &f.money)?;
        money(&mut s, row, 2, *optimum, &f.money)?;
        money(&mut s, row, 3, *greedy, &f.money)?;
        row += 1;
    }
    s.finish(HEADER_ROW + 1, 1)
}
