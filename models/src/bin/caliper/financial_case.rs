//! `financial-case`: each candidate's savings and revenue against its lifecycle costs,
//! payback, returns, depreciation by fiscal year and lease comparison; `--set` replaces a
//! candidate's financial inputs from a JSON file.

use std::fmt::Write;
use std::path::PathBuf;

use caliper_models::finance::case::{
    irr_text, mirr_text, payback_text, CandidateFinancialCase, FinancialCase, FinancialInputs,
    RequestFinancialCase,
};
use caliper_models::finance::{BreakEven, LeaseOption};
use caliper_models::ids::{CandidateId, RequestId};
use caliper_models::money::format_amount;
use caliper_models::{Error, Result};
use rust_decimal::Decimal;

use crate::input::read_json;
use crate::output::{emit, print_json, shown, truncate};
use crate::portfolio::open_portfolio;

#[derive(clap::Args)]
pub struct FinancialCaseArgs {
    #[arg(long)]
    portfolio: PathBuf,
    #[arg(long)]
    request: RequestId,
    /// The candidate whose inputs --set replaces.
    #[arg(long, requires = "set")]
    candidate: Option<CandidateId>,
    /// Financial inputs as JSON (the `financial_inputs` shape of docs/json-formats.md).
    #[arg(long, requires = "candidate")]
    set: Option<PathBuf>,
    /// Print JSON instead of tables.
    #[arg(long)]
    json: bool,
}

pub fn run_financial_case(args: FinancialCaseArgs) -> Result<()> {
    let mut p = open_portfolio(&args.portfolio, args.set.is_some())?;
    if let (Some(candidate), Some(file)) = (args.candidate, &args.set) {
        if p.candidate(candidate)?.request_id != args.request {
            return Err(Error::validation(
                "candidate",
                format!(
                    "candidate {candidate} is not a candidate of request {}",
                    args.request
                ),
            ));
        }
        let inputs: FinancialInputs = read_json(file)?;
        p.set_financial_inputs(candidate, &inputs)?;
    }
    let case = p.request_financial_case(args.request)?;
    if args.json {
        print_json(&case)
    } else {
        emit(&case_text(&p.request(args.request)?.title, &case))
    }
}

fn pct(d: Decimal) -> String {
    format!("{} %", (d * Decimal::ONE_HUNDRED).round_dp(1))
}

fn case_text(title: &str, r: &RequestFinancialCase) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} (request {}): financial case in {}, discount rate {}",
        shown(title),
        r.request_id,
        r.currency,
        pct(r.discount_rate)
    );
    for c in &r.candidates {
        let _ = writeln!(out);
        candidate_text(&mut out, c);
    }
    out
}

fn candidate_text(out: &mut String, c: &CandidateFinancialCase) {
    let _ = writeln!(out, "{}", shown(&c.label));
    let Some(case) = &c.case else {
        let _ = writeln!(
            out,
            "  {}",
            shown(c.problem.as_deref().unwrap_or("no financial case"))
        );
        return;
    };
    if !c.entered {
        let _ = writeln!(out, "  No savings, revenue or lease entered.");
    }
    let _ = writeln!(
        out,
        "  {:>4} {:>7} {:>14} {:>14} {:>14} {:>14} {:>14}",
        "Year", "FY", "Costs", "Savings", "Revenue", "Net", "Cumulative"
    );
    for y in &case.years {
        let _ = writeln!(
            out,
            "  {:>4} {:>7} {:>14} {:>14} {:>14} {:>14} {:>14}",
            y.year,
            y.fiscal_year
                .map_or_else(|| "-".into(), |f| format!("FY{f}")),
            format_amount(y.costs, 0),
            format_amount(y.savings, 0),
            format_amount(y.revenue, 0),
            format_amount(y.net, 0),
            format_amount(y.cumulative_net, 0),
        );
    }
    figures_text(out, case);
    depreciation_text(out, case);
    lease_text(out, case);
}

fn figures_text(out: &mut String, case: &FinancialCase) {
    let horizon = case.years.len().saturating_sub(1) as u32;
    let lines = [
        ("NPV of the net", format_amount(case.npv, 0)),
        ("Payback", payback_text(&case.payback, horizon)),
        (
            "Discounted payback",
            payback_text(&case.discounted_payback, horizon),
        ),
        ("ROI", case.roi.map_or_else(|| "-".into(), pct)),
        ("IRR", irr_text(&case.irr)),
        ("MIRR", mirr_text(case.mirr, case.mirr_problem.as_deref())),
        (
            "Cost per procedure",
            case.cost_per_procedure
                .map_or_else(|| "-".into(), |v| format_amount(v, 2)),
        ),
    ];
    for (label, value) in lines {
        let _ = writeln!(out, "  {label:<20} {value}");
    }
}

fn depreciation_text(out: &mut String, case: &FinancialCase) {
    if let Some(problem) = &case.depreciation_problem {
        let _ = writeln!(out, "  Depreciation: {}", shown(problem));
        return;
    }
    let _ = writeln!(
        out,
        "  {:>7} {:>14} {:>14} {:>14} {:>14} {:>14}",
        "FY", "Capital", "Operating", "Depreciation", "Savings+rev.", "Op. impact"
    );
    for b in &case.budget_impact {
        let _ = writeln!(
            out,
            "  {:>7} {:>14} {:>14} {:>14} {:>14} {:>14}",
            format!("FY{}", b.fiscal_year),
            format_amount(b.net_capital, 0),
            format_amount(b.operating_costs, 0),
            format_amount(b.depreciation, 0),
            format_amount(b.savings_and_revenue, 0),
            format_amount(b.operating_impact, 0),
        );
    }
}

fn option_name(o: LeaseOption) -> &'static str {
    match o {
        LeaseOption::Purchase => "purchase",
        LeaseOption::OperatingLease => "operating lease",
        LeaseOption::CapitalLease => "capital lease",
    }
}

fn lease_text(out: &mut String, case: &FinancialCase) {
    let Some(lease) = &case.lease else { return };
    for o in &lease.options {
        let _ = writeln!(
            out,
            "  {:<20} present value of its costs {}",
            truncate(option_name(o.option), 20),
            format_amount(o.present_value, 0)
        );
    }
    for c in &lease.comparisons {
        let flip = match &c.break_even_rate {
            BreakEven::Rate { rate } => format!("the answer flips at {}", pct(*rate)),
            BreakEven::NoneInRange => "the same answer at every rate from 0 to 100 %".into(),
        };
        let _ = writeln!(
            out,
            "  {} against purchase: {} is cheaper by {}; {flip}",
            option_name(c.lease),
            option_name(c.cheaper),
            format_amount(c.by, 0)
        );
    }
}
