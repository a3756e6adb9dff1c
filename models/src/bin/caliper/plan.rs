//! `plan`: the capital plan, from a stateless plan in JSON (docs/capital-plan.md): the
//! optimal selection under every budget beside the committee's greedy fill.

use std::path::PathBuf;

use caliper_models::plan::{plan, BudgetUse, CapitalPlan, PlanInput, PlanSelection};
use caliper_models::Result;

use crate::input::read_text;
use crate::output::{emit, print_json, shown, truncate};

#[derive(clap::Args)]
pub struct PlanArgs {
    /// A capital plan as JSON (docs/json-formats.md, "Capital plan").
    #[arg(
        long,
        required_unless_present = "portfolio",
        conflicts_with = "portfolio"
    )]
    input: Option<PathBuf>,
    /// Plan a stored portfolio instead: its budgets, requests and decisions.
    #[arg(long, requires = "years")]
    portfolio: Option<PathBuf>,
    /// The planning years of --portfolio, e.g. 2027..2031.
    #[arg(long, value_parser = crate::capital::years)]
    years: Option<std::ops::RangeInclusive<i32>>,
    /// With --portfolio: every saved scenario beside the base plan.
    #[arg(long, requires = "portfolio")]
    compare: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// With --portfolio: write the capital plan brief (FILE.pdf) or the plan workbook
    /// (FILE.xlsx), with every saved scenario, instead of printing the plan.
    #[arg(long, requires = "portfolio", conflicts_with_all = ["json", "compare"])]
    out: Option<PathBuf>,
    /// Paper size of the PDF: a4 (default) or letter.
    #[arg(long, default_value = "a4", value_parser = crate::input::paper)]
    paper: caliper_models::report::Paper,
    /// The date the brief is as of (YYYY-MM-DD); defaults to today.
    #[arg(long, value_parser = crate::input::date, requires = "out")]
    as_of: Option<chrono::NaiveDate>,
}

pub fn run_plan(args: PlanArgs) -> Result<()> {
    let (Some(file), None) = (&args.input, &args.portfolio) else {
        let (Some(portfolio), Some(years)) = (&args.portfolio, args.years.clone()) else {
            return Err(caliper_models::Error::validation(
                "input",
                "give --input FILE, or --portfolio P with --years",
            ));
        };
        if let Some(out) = &args.out {
            let as_of = crate::input::as_of_or_today(args.as_of);
            return crate::capital::write_portfolio_plan(portfolio, years, out, args.paper, as_of);
        }
        return crate::capital::run_portfolio_plan(portfolio, years, args.compare, args.json);
    };
    let text = read_text(file)?;
    let input: PlanInput = caliper_models::error::from_json(&file.display().to_string(), &text)?;
    let result = plan(&input)?;
    if args.json {
        print_json(&result)
    } else {
        emit(&plan_table(&result))
    }
}

/// The optimum and the greedy fill as plain text: funded items, then each budget's use.
fn plan_table(p: &CapitalPlan) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let proof = if p.proven_optimal {
        "proven optimal"
    } else {
        "best found, not proven optimal"
    };
    let _ = writeln!(
        out,
        "Optimal plan ({proof}): total value {}",
        p.optimum.total_value.normalize()
    );
    selection_rows(&mut out, &p.optimum);
    let order = match p.greedy_order {
        caliper_models::plan::GreedyOrder::Value => "value",
        caliper_models::plan::GreedyOrder::Rank => "rank",
    };
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Greedy fill (in {order} order): total value {}",
        p.greedy.total_value.normalize()
    );
    selection_rows(&mut out, &p.greedy);
    if !p.greedy.mandatory_not_funded.is_empty() {
        let _ = writeln!(
            out,
            "  ! mandatory items the greedy fill could not fund: {}",
            shown(&p.greedy.mandatory_not_funded.join(", "))
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "The optimum gains {} over the greedy fill.",
        p.gain_over_greedy.normalize()
    );
    out
}

fn selection_rows(out: &mut String, s: &PlanSelection) {
    use std::fmt::Write;
    let _ = writeln!(
        out,
        "  {:<32} {:<20} {:>6} {:>14}",
        "Item", "Option", "Year", "Value"
    );
    for f in &s.funded {
        let _ = writeln!(
            out,
            "  {:<32} {:<20} {:>6} {:>14}",
            truncate(&f.item, 32),
            truncate(&f.option, 20),
            f.year.map_or_else(|| "-".into(), |y| y.to_string()),
            f.value.normalize()
        );
    }
    if !s.not_funded.is_empty() {
        let _ = writeln!(out, "  Not funded: {}", shown(&s.not_funded.join(", ")));
    }
    let _ = writeln!(
        out,
        "  {:<32} {:>16} {:>16} {:>16}",
        "Budget", "Amount", "Used", "Slack"
    );
    for b in &s.budgets {
        let _ = writeln!(
            out,
            "  {:<32} {:>16} {:>16} {:>16}",
            truncate(&budget_name(b), 32),
            amount(b.budget),
            amount(b.used),
            amount(b.slack)
        );
    }
}

fn budget_name(b: &BudgetUse) -> String {
    match (&b.year, &b.resource) {
        (Some(y), Some(r)) => format!("{y} {r}"),
        (Some(y), None) => y.to_string(),
        (None, Some(r)) => r.clone(),
        (None, None) => "budget".into(),
    }
}

fn amount(d: rust_decimal::Decimal) -> String {
    caliper_models::money::format_amount(d, d.normalize().scale())
}
