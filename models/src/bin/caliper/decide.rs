//! `decide` and `history`: the capital committee's decision on a request, and the
//! request's history of decisions and status changes.

use std::path::PathBuf;

use caliper_models::decision::{Decision, DecisionInput, HistoryEntry, Outcome, Votes};
use caliper_models::ids::{CandidateId, RequestId};
use caliper_models::{Error, Result};
use chrono::NaiveDate;
use serde::Serialize;

use crate::input::read_text;
use crate::output::{emit_line, print_json, shown};
use crate::portfolio::open_portfolio;

#[derive(clap::Args)]
pub struct DecideArgs {
    #[arg(long)]
    portfolio: PathBuf,
    #[arg(long)]
    request: RequestId,
    /// approved, deferred or rejected.
    #[arg(long, value_parser = outcome)]
    outcome: Outcome,
    /// The day the committee decided (YYYY-MM-DD).
    #[arg(long, value_parser = decided_on)]
    date: NaiveDate,
    /// The chosen candidate (approved only).
    #[arg(long)]
    candidate: Option<CandidateId>,
    /// Why: required when rejecting, deferring, or approving another candidate than the
    /// top-ranked one.
    #[arg(long, conflicts_with = "rationale_file")]
    rationale: Option<String>,
    /// The rationale, read from a text file.
    #[arg(long)]
    rationale_file: Option<PathBuf>,
    /// The fiscal year a deferred request comes back in (e.g. 2028).
    #[arg(long)]
    deferred_to: Option<i32>,
    /// The votes as FOR,AGAINST,ABSTAIN (e.g. 6,1,1).
    #[arg(long, value_parser = votes)]
    votes: Option<Votes>,
    /// A condition of the decision (repeat for several).
    #[arg(long = "condition")]
    conditions: Vec<String>,
    /// Someone who attended (repeat for several).
    #[arg(long = "attendee")]
    attendees: Vec<String>,
    /// Who records the decision (default: $CALIPER_USER).
    #[arg(long)]
    by: Option<String>,
    /// Print the recorded decision as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct HistoryArgs {
    #[arg(long)]
    portfolio: PathBuf,
    #[arg(long)]
    request: RequestId,
    #[arg(long)]
    json: bool,
}

fn decided_on(text: &str) -> Result<NaiveDate> {
    crate::input::date_of("date", text)
}

fn outcome(text: &str) -> Result<Outcome> {
    Outcome::parse(text.trim()).ok_or_else(|| {
        Error::validation(
            "outcome",
            format!("'{text}' is not approved, deferred or rejected"),
        )
    })
}

fn votes(text: &str) -> Result<Votes> {
    let bad = || {
        Error::validation(
            "votes",
            format!("'{text}' is not FOR,AGAINST,ABSTAIN (three whole numbers, e.g. 6,1,1)"),
        )
    };
    let n: Vec<u32> = text
        .split(',')
        .map(|part| part.trim().parse::<u32>().map_err(|_| bad()))
        .collect::<Result<_>>()?;
    match n[..] {
        [in_favour, against, abstain] => Ok(Votes {
            in_favour,
            against,
            abstain,
        }),
        _ => Err(bad()),
    }
}

/// Records the decision; the request's status follows it.
pub fn run_decide(args: DecideArgs) -> Result<()> {
    let rationale = match &args.rationale_file {
        Some(file) => read_text(file)?,
        None => args.rationale.clone().unwrap_or_default(),
    };
    let by = args
        .by
        .clone()
        .or_else(|| std::env::var("CALIPER_USER").ok())
        .unwrap_or_default();
    let input = DecisionInput {
        outcome: args.outcome,
        decided_on: args.date,
        candidate_id: args.candidate,
        rationale,
        deferred_to: args.deferred_to,
        votes: args.votes,
        conditions: args.conditions,
        attendees: args.attendees,
        recorded_by: by.clone(),
    };
    let mut p = open_portfolio(&args.portfolio, true)?;
    p.set_user(&by)?;
    let d = p.record_decision(args.request, &input)?;
    if args.json {
        return print_json(&d);
    }
    emit_line(&shown(&caliper_models::decision::history_line(&d)))
}

#[derive(Serialize)]
struct History {
    decisions: Vec<Decision>,
    history: Vec<HistoryEntry>,
}

/// The request's decisions and history, oldest first.
pub fn run_history(args: HistoryArgs) -> Result<()> {
    let p = open_portfolio(&args.portfolio, false)?;
    let h = History {
        decisions: p.decisions(args.request)?,
        history: p.history(args.request)?,
    };
    if args.json {
        return print_json(&h);
    }
    if h.history.is_empty() {
        return emit_line("no decisions or status changes recorded yet");
    }
    for e in &h.history {
        let by = if e.by.is_empty() {
            String::new()
        } else {
            format!(" ({})", e.by)
        };
        emit_line(&shown(&format!("{}{by}  {}", e.at, e.change)))?;
    }
    if let Some(d) = h.decisions.last() {
        if !d.rationale.is_empty() {
            emit_line(&shown(&format!("Rationale: {}", d.rationale)))?;
        }
        for c in &d.conditions {
            emit_line(&shown(&format!("Condition: {c}")))?;
        }
    }
    Ok(())
}
