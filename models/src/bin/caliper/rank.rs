//! `rank`, `sensitivity`, `ahp` and `weights`: the decision itself, from a portfolio's
//! request or from a stateless problem in JSON, how robust it is, and where weights come from.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use caliper_models::ahp::{ahp, combine_direct_weights, AhpInput, DirectWeightsInput};
use caliper_models::assessment::{assess, decision_problem};
use caliper_models::error::{from_json, from_value};
use caliper_models::ids::RequestId;
use caliper_models::ranking::{rank, DecisionProblem};
use caliper_models::sensitivity::{sensitivity, SensitivityOptions};
use caliper_models::store::Portfolio;
use caliper_models::{Error, Result};

use crate::input::{read_json, read_text};
use crate::output::{emit, print_json, ranking_table};

#[derive(clap::Args)]
pub struct RankArgs {
    /// Portfolio file (with --request).
    #[arg(long, requires = "request", conflicts_with = "input")]
    portfolio: Option<PathBuf>,
    /// Capital request id (with --portfolio).
    #[arg(long, requires = "portfolio")]
    request: Option<RequestId>,
    /// A decision problem as JSON (docs/problem-format.md); prints JSON.
    #[arg(long, required_unless_present = "portfolio")]
    input: Option<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct AhpArgs {
    #[arg(long)]
    input: PathBuf,
}

#[derive(clap::Args)]
pub struct WeightsArgs {
    #[arg(long)]
    input: PathBuf,
}

#[derive(clap::Args)]
pub struct SensitivityArgs {
    /// A decision problem as JSON, optionally with a "sensitivity" object of settings.
    #[arg(long, conflicts_with = "portfolio")]
    input: Option<PathBuf>,
    #[arg(long, requires = "request")]
    portfolio: Option<PathBuf>,
    #[arg(long, requires = "portfolio")]
    request: Option<RequestId>,
    /// Weight samples (default 10,000).
    #[arg(long)]
    samples: Option<u32>,
    /// Random seed: the same seed gives the same result.
    #[arg(long)]
    seed: Option<u64>,
}

pub fn run_rank(args: RankArgs) -> Result<()> {
    match args {
        RankArgs {
            portfolio: Some(path),
            request: Some(id),
            json,
            ..
        } => {
            let p = Portfolio::open_read_only(&path)?;
            let ranking = assess(&p.assessment_inputs(id)?)?;
            if json {
                print_json(&ranking)
            } else {
                emit(&ranking_table(&ranking))
            }
        }
        RankArgs {
            input: Some(file), ..
        } => {
            let text = read_text(&file)?;
            let problem = DecisionProblem::from_json(&file.display().to_string(), &text)?;
            print_json(&rank(&problem)?)
        }
        RankArgs { .. } => Err(Error::validation(
            "rank",
            "give --portfolio and --request, or --input",
        )),
    }
}

pub fn run_ahp(args: AhpArgs) -> Result<()> {
    let parsed: AhpInput = read_json(&args.input)?;
    print_json(&ahp(&parsed)?)
}

pub fn run_weights(args: WeightsArgs) -> Result<()> {
    let parsed: DirectWeightsInput = read_json(&args.input)?;
    print_json(&combine_direct_weights(&parsed)?)
}

pub fn run_sensitivity(args: SensitivityArgs) -> Result<()> {
    let (problem, mut options) = match (args.input, args.portfolio, args.request) {
        (Some(file), _, _) => problem_with_options(&file)?,
        (None, Some(path), Some(id)) => {
            let p = Portfolio::open_read_only(&path)?;
            (
                decision_problem(&p.assessment_inputs(id)?)?,
                SensitivityOptions::default(),
            )
        }
        _ => {
            return Err(Error::validation(
                "sensitivity",
                "give --input, or --portfolio and --request",
            ))
        }
    };
    if let Some(n) = args.samples {
        options.samples = n;
    }
    if let Some(s) = args.seed {
        options.seed = s;
    }
    let result = sensitivity(&problem, &options, &|_, _| {}, &AtomicBool::new(false))?;
    print_json(&result)
}

/// A decision problem file whose optional `sensitivity` object holds the settings.
fn problem_with_options(file: &Path) -> Result<(DecisionProblem, SensitivityOptions)> {
    let name = file.display().to_string();
    let text = read_text(file)?;
    let mut value: serde_json::Value = from_json(&name, &text)?;
    let options = match value.as_object_mut().and_then(|o| o.remove("sensitivity")) {
        Some(v) => from_value("sensitivity", v)?,
        None => SensitivityOptions::default(),
    };
    let problem: DecisionProblem = from_value(&name, value)?;
    problem.validate()?;
    Ok((problem, options))
}
