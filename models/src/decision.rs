//! The capital committee's decision on a request, and the rules it must satisfy.
//!
//! A committee approves a request with a chosen candidate, defers it to a later fiscal
//! year, or rejects it; it often chooses a candidate other than the top-ranked one, and
//! then says why. A decision is recorded once and never changed (a later decision is a
//! new record), with the names of the chosen and the top-ranked candidates as they were
//! that day, so the record stays true when the candidates change later.
//!
//! Pure: the store checks a [`DecisionInput`] with [`check`] against the request's
//! candidates and its ranking before anything is written.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::{RequestStatus, MAX_JUSTIFICATION};
use crate::error::{Error, Result};
use crate::ids::{CandidateId, RequestId};

/// The longest condition, attendee name or user name.
pub const MAX_LINE: usize = 500;
/// The most conditions or attendees one decision lists.
pub const MAX_ITEMS: usize = 100;
/// The most votes of one kind (a committee, not a referendum).
pub const MAX_VOTES: u32 = 1_000;

/// What the committee decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Approved,
    Deferred,
    Rejected,
}

crate::ipc::choice!(Outcome {
    Approved => "Approved",
    Deferred => "Deferred",
    Rejected => "Rejected",
});

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Approved => "approved",
            Outcome::Deferred => "deferred",
            Outcome::Rejected => "rejected",
        }
    }

    /// The request's status once the decision is recorded.
    pub fn status(self) -> RequestStatus {
        match self {
            Outcome::Approved => RequestStatus::Approved,
            Outcome::Deferred => RequestStatus::Deferred,
            Outcome::Rejected => RequestStatus::Rejected,
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "approved" => Some(Outcome::Approved),
            "deferred" => Some(Outcome::Deferred),
            "rejected" => Some(Outcome::Rejected),
            _ => None,
        }
    }
}

/// The committee's votes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Votes {
    #[serde(rename = "for")]
    pub in_favour: u32,
    pub against: u32,
    pub abstain: u32,
}

/// What the user records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DecisionInput {
    pub outcome: Outcome,
    /// The day the committee decided.
    #[ts(type = "string")]
    pub decided_on: NaiveDate,
    /// The chosen candidate (approved only).
    #[serde(default)]
    pub candidate_id: Option<CandidateId>,
    /// Why: required when rejecting, deferring, or approving another candidate than the
    /// top-ranked one.
    #[serde(default)]
    pub rationale: String,
    /// The fiscal year a deferred request comes back in.
    #[serde(default)]
    pub deferred_to: Option<i32>,
    #[serde(default)]
    pub votes: Option<Votes>,
    /// E.g. "subject to encryption at rest by go-live".
    #[serde(default)]
    pub conditions: Vec<String>,
    #[serde(default)]
    pub attendees: Vec<String>,
    /// Who records it, as typed in the app's user field or `caliper decide --by`.
    #[serde(default)]
    pub recorded_by: String,
}

/// A recorded decision.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Decision {
    pub id: u32,
    pub request_id: RequestId,
    pub outcome: Outcome,
    #[ts(type = "string")]
    pub decided_on: NaiveDate,
    pub candidate_id: Option<CandidateId>,
    /// The chosen candidate's name that day ("" unless approved).
    pub candidate: String,
    /// The top-ranked candidate's name that day ("" when nothing was ranked).
    pub top_ranked: String,
    /// An approval of another candidate than the top-ranked one.
    pub overrules_ranking: bool,
    pub rationale: String,
    pub deferred_to: Option<i32>,
    pub votes: Option<Votes>,
    pub conditions: Vec<String>,
    pub attendees: Vec<String>,
    pub recorded_by: String,
    /// When it was recorded (RFC 3339), as given by the caller.
    pub recorded_at: String,
}

/// One line of a request's history: a status change or a decision.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct HistoryEntry {
    pub at: String,
    pub by: String,
    pub change: String,
}

/// A candidate of the request as the check sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub id: CandidateId,
    pub label: String,
}

/// What the decision is checked against.
#[derive(Debug, Clone, PartialEq)]
pub struct Context<'a> {
    pub fiscal_year: i32,
    pub candidates: &'a [Choice],
    /// The top-ranked candidate, if the ranking could rank one.
    pub top_ranked: Option<&'a Choice>,
}

/// The input, cleaned (trimmed text), once it satisfies every rule; a refusal names the
/// field.
pub fn check(input: &DecisionInput, ctx: &Context) -> Result<DecisionInput> {
    let mut d = input.clone();
    d.rationale = d.rationale.trim().to_string();
    d.recorded_by = d.recorded_by.trim().to_string();
    d.conditions = lines("conditions", &d.conditions)?;
    d.attendees = lines("attendees", &d.attendees)?;
    if d.rationale.chars().count() > MAX_JUSTIFICATION {
        return Err(Error::validation(
            "rationale",
            format!("is longer than {MAX_JUSTIFICATION} characters"),
        ));
    }
    if d.recorded_by.chars().count() > MAX_LINE || d.recorded_by.chars().any(char::is_control) {
        return Err(Error::validation(
            "recorded_by",
            format!("must be one line of at most {MAX_LINE} characters"),
        ));
    }
    if let Some(v) = d.votes {
        for (field, n) in [
            ("votes.for", v.in_favour),
            ("votes.against", v.against),
            ("votes.abstain", v.abstain),
        ] {
            if n > MAX_VOTES {
                return Err(Error::validation(
                    field,
                    format!("is more than {MAX_VOTES}"),
                ));
            }
        }
    }
    let chosen = match d.candidate_id {
        None => None,
        Some(id) => Some(ctx.candidates.iter().find(|c| c.id == id).ok_or_else(|| {
            Error::validation(
                "candidate_id",
                format!("candidate {id} is not a candidate of this request"),
            )
        })?),
    };
    match d.outcome {
        Outcome::Approved => {
            let chosen = chosen.ok_or_else(|| {
                Error::validation("candidate_id", "an approval names the chosen candidate")
            })?;
            if let Some(top) = ctx.top_ranked {
                if top.id != chosen.id && d.rationale.is_empty() {
                    return Err(Error::validation(
                        "rationale",
                        format!(
                            "the committee chose {} over the top-ranked {}: say why",
                            chosen.label, top.label
                        ),
                    ));
                }
            }
            if d.deferred_to.is_some() {
                return Err(Error::validation(
                    "deferred_to",
                    "only a deferred request is deferred to a fiscal year",
                ));
            }
        }
        Outcome::Deferred | Outcome::Rejected => {
            if chosen.is_some() {
                return Err(Error::validation(
                    "candidate_id",
                    "a candidate is chosen only when the request is approved",
                ));
            }
            if d.rationale.is_empty() {
                return Err(Error::validation(
                    "rationale",
                    format!("say why the request is {}", d.outcome.as_str()),
                ));
            }
        }
    }
    if d.outcome == Outcome::Deferred {
        match d.deferred_to {
            None => {
                return Err(Error::validation(
                    "deferred_to",
                    "a deferred request names the fiscal year it comes back in",
                ))
            }
            Some(fy) if fy <= ctx.fiscal_year || fy > ctx.fiscal_year + 20 => {
                return Err(Error::validation(
                    "deferred_to",
                    format!(
                        "FY{fy} is not a later fiscal year than the request's FY{} (at most 20 years on)",
                        ctx.fiscal_year
                    ),
                ))
            }
            Some(_) => {}
        }
    } else if d.deferred_to.is_some() {
        return Err(Error::validation(
            "deferred_to",
            "only a deferred request is deferred to a fiscal year",
        ));
    }
    Ok(d)
}

/// Trimmed, non-empty single lines; a blank one is dropped.
fn lines(field: &str, items: &[String]) -> Result<Vec<String>> {
    if items.len() > MAX_ITEMS {
        return Err(Error::validation(
            field,
            format!("lists more than {MAX_ITEMS} items"),
        ));
    }
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        if item.chars().count() > MAX_LINE || item.chars().any(char::is_control) {
            return Err(Error::validation(
                format!("{field}[{i}]"),
                format!("must be one line of at most {MAX_LINE} characters"),
            ));
        }
        out.push(item.to_string());
    }
    Ok(out)
}

/// The history line of a decision.
pub fn history_line(d: &Decision) -> String {
    let date = d.decided_on.format("%Y-%m-%d");
    let mut line = match d.outcome {
        Outcome::Approved if d.overrules_ranking => format!(
            "Approved on {date}: {} (the ranking's first was {})",
            d.candidate, d.top_ranked
        ),
        Outcome::Approved => format!("Approved on {date}: {}", d.candidate),
        Outcome::Deferred => format!(
            "Deferred on {date} to FY{}",
            d.deferred_to.unwrap_or_default()
        ),
        Outcome::Rejected => format!("Rejected on {date}"),
    };
    if let Some(v) = d.votes {
        line.push_str(&format!(
            "; votes {} for, {} against, {} abstaining",
            v.in_favour, v.against, v.abstain
        ));
    }
    line
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn choices() -> Vec<Choice> {
        vec![
            Choice {
                id: CandidateId(1),
                label: "Kestrel KM-9".into(),
            },
            Choice {
                id: CandidateId(2),
                label: "Norvale VitaView 700".into(),
            },
        ]
    }

    fn input(outcome: Outcome) -> DecisionInput {
        DecisionInput {
            outcome,
            decided_on: NaiveDate::from_ymd_opt(2026, 11, 18).unwrap(),
            candidate_id: None,
            rationale: String::new(),
            deferred_to: None,
            votes: None,
            conditions: vec![],
            attendees: vec![],
            recorded_by: String::new(),
        }
    }

    fn refused(input: &DecisionInput, ctx: &Context) -> (String, String) {
        match check(input, ctx).unwrap_err() {
            Error::Validation { field, message } => (field, message),
            other => panic!("{other}"),
        }
    }

    #[test]
    fn overruling_the_ranking_needs_a_rationale() {
        let c = choices();
        let ctx = Context {
            fiscal_year: 2027,
            candidates: &c,
            top_ranked: Some(&c[0]),
        };
        let mut d = input(Outcome::Approved);
        assert_eq!(refused(&d, &ctx).0, "candidate_id");
        d.candidate_id = Some(CandidateId(2));
        d.rationale = "   ".into();
        let (field, message) = refused(&d, &ctx);
        assert_eq!(field, "rationale");
        assert!(
            message.contains("chose Norvale VitaView 700 over the top-ranked Kestrel KM-9"),
            "{message}"
        );
        d.rationale = "Fleet standardisation with the step-down unit.".into();
        assert!(check(&d, &ctx).is_ok());
        // The top-ranked candidate needs no reason.
        let mut first = input(Outcome::Approved);
        first.candidate_id = Some(CandidateId(1));
        assert!(check(&first, &ctx).is_ok());
        first.candidate_id = Some(CandidateId(9));
        assert_eq!(refused(&first, &ctx).0, "candidate_id");
    }

    #[test]
    fn deferrals_and_rejections_say_why_and_when() {
        let c = choices();
        let ctx = Context {
            fiscal_year: 2027,
            candidates: &c,
            top_ranked: None,
        };
        let mut d = input(Outcome::Deferred);
        d.rationale = "Budget exhausted".into();
        assert_eq!(refused(&d, &ctx).0, "deferred_to");
        d.deferred_to = Some(2027);
        assert!(refused(&d, &ctx).1.contains("not a later fiscal year"));
        d.deferred_to = Some(2028);
        assert!(check(&d, &ctx).is_ok());
        d.candidate_id = Some(CandidateId(1));
        assert_eq!(refused(&d, &ctx).0, "candidate_id");

        let r = input(Outcome::Rejected);
        assert_eq!(refused(&r, &ctx).0, "rationale");
    }

    #[test]
    fn lists_are_trimmed_and_bad_lines_named() {
        let c = choices();
        let ctx = Context {
            fiscal_year: 2027,
            candidates: &c,
            top_ranked: Some(&c[0]),
        };
        let mut d = input(Outcome::Approved);
        d.candidate_id = Some(CandidateId(1));
        d.conditions = vec![" encryption at rest by go-live ".into(), "".into()];
        let ok = check(&d, &ctx).unwrap();
        assert_eq!(ok.conditions, ["encryption at rest by go-live"]);
        d.attendees = vec!["A. Chair".into(), "two\nlines".into()];
        assert_eq!(refused(&d, &ctx).0, "attendees[1]");
        d.attendees = vec![];
        d.votes = Some(Votes {
            in_favour: 5,
            against: 1_001,
            abstain: 0,
        });
        assert_eq!(refused(&d, &ctx).0, "votes.against");
    }
}
