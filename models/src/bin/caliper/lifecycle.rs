//! `tco` and `cost-model`: what each candidate costs over its life, and the cost model
//! behind it.

use std::path::PathBuf;

use caliper_models::assessment::request_lifecycle;
use caliper_models::ids::{CandidateId, RequestId};
use caliper_models::lifecycle::{compare_costs, CostComparisonInput, CostModel};
use caliper_models::store::Portfolio;
use caliper_models::{Error, Result};

use crate::input::read_json;
use crate::output::{emit, lifecycle_table, print_json};
use crate::portfolio::open_portfolio;

#[derive(clap::Args)]
pub struct TcoArgs {
    /// Portfolio file (with --request).
    #[arg(long, requires = "request", conflicts_with = "input")]
    portfolio: Option<PathBuf>,
    /// Capital request id (with --portfolio).
    #[arg(long, requires = "portfolio")]
    request: Option<RequestId>,
    /// Cost models and assumptions as JSON (docs/json-formats.md); prints JSON.
    #[arg(long, required_unless_present = "portfolio")]
    input: Option<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct CostModelArgs {
    #[arg(long)]
    portfolio: PathBuf,
    #[arg(long)]
    candidate: CandidateId,
    /// A cost model as JSON (the `cost_model` shape of docs/json-formats.md); the
    /// unit price and quantity always come from the candidate's quote.
    #[arg(long)]
    set: Option<PathBuf>,
}

pub fn run_tco(args: TcoArgs) -> Result<()> {
    match args {
        TcoArgs {
            portfolio: Some(path),
            request: Some(id),
            json,
            ..
        } => {
            let p = Portfolio::open_read_only(&path)?;
            let lifecycle = request_lifecycle(&p.assessment_inputs(id)?);
            if json {
                print_json(&lifecycle)
            } else {
                emit(&lifecycle_table(&p.request(id)?.title, &lifecycle))
            }
        }
        TcoArgs {
            input: Some(file), ..
        } => {
            let input: CostComparisonInput = read_json(&file)?;
            print_json(&compare_costs(&input)?)
        }
        TcoArgs { .. } => Err(Error::validation(
            "tco",
            "give --portfolio and --request, or --input",
        )),
    }
}

pub fn run_cost_model(args: CostModelArgs) -> Result<()> {
    let candidate = args.candidate;
    let mut p = open_portfolio(&args.portfolio, args.set.is_some())?;
    if let Some(file) = args.set {
        let model: CostModel = read_json(&file)?;
        p.set_cost_model(candidate, &model)?;
    }
    match p.cost_model(candidate)? {
        Some(model) => print_json(&model),
        None => Err(Error::not_found("cost model of candidate", candidate)),
    }
}
