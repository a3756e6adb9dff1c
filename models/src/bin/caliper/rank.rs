//! `rank`, `sensitivity`, `ahp` and `weights`: the decision itself, from a portfolio's
//! request or from a stateless problem in JSON, how robust it is, and where weights come from.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use caliper_models::ahp::{ahp, combine_direct_weights, AhpInput, DirectWeightsInput};
use caliper_models::assessment::{assess, decision_problem, RequestRanking};
use caliper_models::error::{from_json, from_value};
use caliper_models::ids::RequestId;
use caliper_models::ranking::{rank, DecisionProblem, ReferenceScale};
use caliper_models::sensitivity::{sensitivity, SensitivityOptions};
use caliper_models::store::Portfolio;
use caliper_models::{Error, Result};
use chrono::NaiveDate;

use crate::input::{as_of_or_today, read_json, read_text};
use crate::output::{emit, print_json, shown, truncate};
use crate::portfolio::open_portfolio;

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
    /// Set the request's reference scale for its measured criteria first: min_max,
    /// ratio_to_best, from_best (full points at the best value, none 50 % beyond it) or
    /// from_best:SPAN (e.g. from_best:0.25).
    #[arg(long, requires = "portfolio", value_parser = parse_reference_scale)]
    reference_scale: Option<ReferenceScale>,
    /// The date quotes are judged valid on (default: today).
    #[arg(long, requires = "portfolio", value_parser = crate::input::date)]
    as_of: Option<NaiveDate>,
}

fn parse_reference_scale(text: &str) -> std::result::Result<ReferenceScale, String> {
    ReferenceScale::parse("--reference-scale", text).map_err(|e| e.to_string())
}

#[derive(clap::Args)]
pub struct AhpArgs {
    #[arg(long)]
    input: PathBuf,
}

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct WeightsArgs {
    /// Several evaluators' direct weights as JSON.
    #[arg(long, required = true)]
    input: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<crate::authoring::WeightsCommand>,
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
            reference_scale,
            as_of,
            ..
        } => {
            let mut p = open_portfolio(&path, reference_scale.is_some())?;
            if let Some(scale) = reference_scale {
                p.set_reference_scale(id, scale)?;
            }
            let ranking = assess(&p.assessment_inputs(id)?.as_of(as_of_or_today(as_of)))?;
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
    match (args.command, args.input) {
        (Some(command), _) => crate::authoring::run_weights_command(command),
        (None, Some(input)) => {
            let parsed: DirectWeightsInput = read_json(&input)?;
            print_json(&combine_direct_weights(&parsed)?)
        }
        (None, None) => Err(Error::validation("input", "give --input FILE, or apply")),
    }
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

/// The ranked comparison as a plain-text table: scores in points out of 100, with their
/// range where compatibility points are unconfirmed, and each criterion's contribution.
/// Every figure is the engine's shown text, so it reads as in the window, the PDF, the CSV
/// and the workbook.
pub fn ranking_table(r: &RequestRanking) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} (request {}), {}",
        shown(&r.title),
        r.request_id,
        r.method.in_text()
    );
    let _ = writeln!(out);
    candidate_rows(&mut out, r);
    let _ = writeln!(out);
    quote_rows(&mut out, r);
    contribution_rows(&mut out, r);
    notes(&mut out, r);
    out
}

/// Rank, candidate, score (with its range while points are unconfirmed) and quoted total.
fn candidate_rows(out: &mut String, r: &RequestRanking) {
    use std::fmt::Write;
    let _ = writeln!(
        out,
        "{:>4}  {:<40} {:>12}  {:>18}",
        "Rank", "Candidate", "Score", "Quoted total"
    );
    for c in &r.candidates {
        let rank = match (c.rank, c.tied) {
            (Some(n), true) => format!("={n}"),
            (Some(n), false) => n.to_string(),
            (None, _) => "-".into(),
        };
        let score = if c.disqualified {
            "disqualified".into()
        } else {
            c.score_shown.clone().unwrap_or_else(|| "incomplete".into())
        };
        let mut notes = String::new();
        if let (Some(lo), Some(hi)) = (&c.score_low_shown, &c.score_high_shown) {
            if !c.unconfirmed.is_empty() {
                let _ = write!(
                    notes,
                    "  ? {lo} to {hi} until unconfirmed points are confirmed"
                );
            }
        }
        if c.blocking_gaps > 0 {
            let _ = write!(
                notes,
                "  ! {} blocking compatibility gap(s)",
                c.blocking_gaps
            );
        }
        let _ = writeln!(
            out,
            "{:>4}  {:<40} {:>12}  {:>18}{notes}",
            rank,
            truncate(&c.label, 40),
            score,
            c.quoted_total.display(),
        );
    }
}

/// Each candidate's quote and the warnings on it.
fn quote_rows(out: &mut String, r: &RequestRanking) {
    use std::fmt::Write;
    let _ = writeln!(out, "Quotes:");
    for c in &r.candidates {
        let _ = writeln!(out, "  {}: {}", shown(&c.label), shown(&c.quote));
        for w in &c.quote_warnings {
            let _ = writeln!(out, "    ! {}", shown(w.message()));
        }
    }
    let _ = writeln!(out);
}

/// Each criterion's weight and the candidates' contributions.
fn contribution_rows(out: &mut String, r: &RequestRanking) {
    use std::fmt::Write;
    let _ = writeln!(out, "Contributions (points of 100) by criterion:");
    let _ = write!(out, "{:<40} {:>7}", "Criterion", "Weight");
    for c in &r.candidates {
        let _ = write!(out, " {:>10}", truncate(&c.label, 10));
    }
    let _ = writeln!(out);
    for (i, crit) in r.criteria.iter().enumerate() {
        let _ = write!(
            out,
            "{:<40} {:>7}",
            truncate(&crit.name, 40),
            crit.weight_shown.replace(' ', "")
        );
        for c in &r.candidates {
            let cell = &c.cells[i];
            let text = cell
                .contribution_shown
                .clone()
                .unwrap_or_else(|| "missing".into());
            let flag = if cell.summary.as_ref().is_some_and(|s| s.disagreement) {
                "!"
            } else if cell.range.is_some() {
                "?"
            } else {
                " "
            };
            let _ = write!(out, " {:>9}{flag}", text);
        }
        let _ = writeln!(out);
    }
}

/// The flags' meanings, what confirming could change, the scales and the missing values.
fn notes(out: &mut String, r: &RequestRanking) {
    use std::fmt::Write;
    if r.candidates.iter().any(|c| {
        c.cells
            .iter()
            .any(|x| x.summary.as_ref().is_some_and(|s| s.disagreement))
    }) {
        let _ = writeln!(
            out,
            "! evaluators disagree by 2 or more points: discuss before deciding"
        );
    }
    if r.candidates.iter().any(|c| !c.unconfirmed.is_empty()) {
        let _ = writeln!(
            out,
            "? unconfirmed compatibility points, counted at the middle of their range"
        );
        for note in r
            .candidates
            .iter()
            .filter_map(|c| c.unconfirmed_note.as_ref())
        {
            let _ = writeln!(out, "  {}", shown(note));
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Scales:");
    for crit in &r.criteria {
        let _ = writeln!(out, "  {}: {}", shown(&crit.name), crit.scale_text);
    }
    if !r.missing.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Missing values (the candidate stays unranked until they are entered):"
        );
        for m in &r.missing {
            let _ = writeln!(out, "  {}: {}", shown(&m.candidate), shown(&m.criterion));
        }
    }
}
