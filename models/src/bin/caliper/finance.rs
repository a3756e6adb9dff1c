//! `finance`: the spreadsheet financial functions as a stateless calculator (a list of
//! calls in JSON, one result per call).

use std::fmt::Write as _;
use std::path::PathBuf;

use caliper_models::finance::{
    evaluate_all, parse_calls, BreakEven, FinanceOutcome, FinanceValue, Irr, LeaseOption, NoIrr,
    Payback,
};
use caliper_models::money::format_amount;
use caliper_models::Result;
use rust_decimal::Decimal;

use crate::input::read_json;
use crate::output::{emit, print_json};

#[derive(clap::Args)]
pub struct FinanceArgs {
    /// The calls as a JSON list (docs/json-formats.md, "Financial functions").
    #[arg(long)]
    input: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

pub fn run_finance(args: FinanceArgs) -> Result<()> {
    let calls = parse_calls(read_json(&args.input)?)?;
    let outcomes = evaluate_all(&calls)?;
    if args.json {
        print_json(&outcomes)
    } else {
        emit(&table(&outcomes))
    }
}

/// A figure as shown: at most 10 decimal places, no trailing zeros.
fn figure(d: Decimal) -> String {
    d.round_dp_with_strategy(10, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .normalize()
        .to_string()
}

fn option_name(o: LeaseOption) -> &'static str {
    match o {
        LeaseOption::Purchase => "purchase",
        LeaseOption::OperatingLease => "operating lease",
        LeaseOption::CapitalLease => "capital lease",
    }
}

fn shown(value: &FinanceValue) -> String {
    match value {
        FinanceValue::Number(d) => figure(*d),
        FinanceValue::Irr(Irr::Rate { rate }) => figure(*rate),
        FinanceValue::Irr(Irr::None {
            reason: NoIrr::NoSignChange,
        }) => "no IRR: the flows never change sign".into(),
        FinanceValue::Irr(Irr::None {
            reason: NoIrr::NoRoot,
        }) => "no IRR: the NPV is zero at no rate from -99 % to 1,000 %".into(),
        FinanceValue::Irr(Irr::Multiple { rates }) => {
            let list: Vec<String> = rates.iter().map(|r| figure(*r)).collect();
            format!("no single IRR: the NPV is zero at {}", list.join(" and "))
        }
        FinanceValue::Payback(Payback::Years { years }) => format!("{} years", figure(*years)),
        FinanceValue::Payback(Payback::Never) => "never within the horizon".into(),
        FinanceValue::DepreciationSchedule(s) => {
            let mut out = format!("total {}", format_amount(s.total, 2));
            out.push_str("\n     fiscal year          expense      accumulated       book value");
            for y in &s.years {
                let _ = write!(
                    out,
                    "\n     FY{:<9} {:>16} {:>16} {:>16}",
                    y.fiscal_year,
                    format_amount(y.expense, 2),
                    format_amount(y.accumulated, 2),
                    format_amount(y.book_value, 2)
                );
            }
            out
        }
        FinanceValue::LeaseVsBuy(r) => {
            let mut out = format!("cheapest: {}", option_name(r.cheapest));
            for o in &r.options {
                let _ = write!(
                    out,
                    "\n     {:<16} present value {:>16}",
                    option_name(o.option),
                    format_amount(o.present_value, 2)
                );
            }
            for c in &r.comparisons {
                let flip = match &c.break_even_rate {
                    BreakEven::Rate { rate } => {
                        format!("the answer flips at a discount rate of {}", figure(*rate))
                    }
                    BreakEven::NoneInRange => {
                        "the answer is the same at every rate from 0 to 100 %".into()
                    }
                };
                let _ = write!(
                    out,
                    "\n     {} against purchase: {} is cheaper by {}; {flip}",
                    option_name(c.lease),
                    option_name(c.cheaper),
                    format_amount(c.by, 2)
                );
            }
            out
        }
    }
}

fn table(outcomes: &[FinanceOutcome]) -> String {
    let mut out = format!("{:<4} {:<22} result\n", "#", "function");
    for o in outcomes {
        let _ = writeln!(out, "{:<4} {:<22} {}", o.index, o.function, shown(&o.value));
    }
    out
}
