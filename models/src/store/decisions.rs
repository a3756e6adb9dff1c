//! The committee's decisions and each request's history, both append-only (the schema's
//! triggers refuse any change to a recorded row).
//!
//! A decision is checked (`decision::check`) against the request's candidates and the
//! ranking as it stands, then written with the request's new status and a history line,
//! in one transaction. A status change through an edit of the request is a history line
//! too. The time of each record is read from the clock here: it says when something was
//! recorded and no figure depends on it.

use chrono::{NaiveDate, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::Portfolio;
use crate::decision::{
    check, history_line, Choice, Context, Decision, DecisionInput, HistoryEntry, Outcome, Votes,
};
use crate::domain::RequestStatus;
use crate::error::{Error, Result};
use crate::ids::{CandidateId, RequestId};
use crate::ipc::Choice as _;

/// Now, as a history time stamp (UTC, RFC 3339, seconds).
fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Appends a line to a request's history.
pub(super) fn log_change(
    conn: &Connection,
    request_id: RequestId,
    by: &str,
    change: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO request_history (request_id, at, by_user, change) VALUES (?1, ?2, ?3, ?4)",
        params![request_id, now(), by, change],
    )?;
    Ok(())
}

/// The history line of a status change.
pub(super) fn status_change(from: RequestStatus, to: RequestStatus) -> String {
    format!("Status: {} → {}", from.label(), to.label())
}

const DECISION_SELECT: &str = "SELECT id, request_id, outcome, decided_on, candidate_id, \
     candidate, top_ranked, rationale, deferred_to, votes_for, votes_against, votes_abstain, \
     conditions, attendees, recorded_by, recorded_at FROM decision";

impl Portfolio {
    /// Who is making the changes of this session (the app's user field, `--by`): written
    /// into the history and the decisions.
    pub fn set_user(&mut self, name: &str) -> Result<()> {
        let name = name.trim();
        if name.chars().count() > crate::decision::MAX_LINE || name.chars().any(char::is_control) {
            return Err(Error::validation(
                "user",
                "must be one line of at most 500 characters",
            ));
        }
        self.session.user = name.to_string();
        Ok(())
    }

    pub fn user(&self) -> &str {
        &self.session.user
    }

    /// Records the committee's decision on a request: checked against its candidates and
    /// its ranking as they stand, then saved with the request's new status and a history
    /// line, in one transaction. Nothing is saved when a rule is broken.
    pub fn record_decision(
        &mut self,
        request_id: RequestId,
        input: &DecisionInput,
    ) -> Result<Decision> {
        let request = self.request(request_id)?;
        let candidates: Vec<Choice> = self
            .candidates(request_id)?
            .iter()
            .map(|c| Choice {
                id: c.id,
                label: c.label(),
            })
            .collect();
        // A ranking that cannot be computed (no candidates, missing values) ranks nobody.
        let top = self.ranking(request_id).ok().and_then(|r| {
            r.candidates
                .iter()
                .find(|c| c.rank == Some(1))
                .map(|c| c.candidate_id)
        });
        let top_ranked = top.and_then(|id| candidates.iter().find(|c| c.id == id));
        let mut d = check(
            input,
            &Context {
                fiscal_year: request.fiscal_year,
                candidates: &candidates,
                top_ranked,
            },
        )?;
        if d.recorded_by.is_empty() {
            d.recorded_by = self.session.user.clone();
        }
        let chosen = d
            .candidate_id
            .and_then(|id| candidates.iter().find(|c| c.id == id))
            .map(|c| c.label.clone())
            .unwrap_or_default();
        let top_label = top_ranked.map(|c| c.label.clone()).unwrap_or_default();
        let votes = d.votes;
        let tx = self.tx()?;
        tx.execute(
            "INSERT INTO decision (request_id, outcome, decided_on, candidate_id, candidate, \
             top_ranked, rationale, deferred_to, votes_for, votes_against, votes_abstain, \
             conditions, attendees, recorded_by, recorded_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            params![
                request_id,
                d.outcome.as_str(),
                d.decided_on.format("%Y-%m-%d").to_string(),
                d.candidate_id,
                chosen,
                top_label,
                d.rationale,
                d.deferred_to,
                votes.map(|v| v.in_favour),
                votes.map(|v| v.against),
                votes.map(|v| v.abstain),
                serde_json::to_string(&d.conditions).unwrap_or_else(|_| "[]".into()),
                serde_json::to_string(&d.attendees).unwrap_or_else(|_| "[]".into()),
                d.recorded_by,
                now(),
            ],
        )?;
        let id = u32::try_from(tx.last_insert_rowid()).unwrap_or(u32::MAX);
        let new_status = d.outcome.status();
        if request.status != new_status {
            tx.execute(
                "UPDATE capital_request SET status = ?2 WHERE id = ?1",
                params![request_id, new_status.as_str()],
            )?;
            log_change(
                &tx,
                request_id,
                &d.recorded_by,
                &status_change(request.status, new_status),
            )?;
        }
        let decision = read_decision(&tx, id)?;
        log_change(&tx, request_id, &d.recorded_by, &history_line(&decision))?;
        tx.commit()?;
        Ok(decision)
    }

    /// The request's decisions, oldest first.
    pub fn decisions(&self, request_id: RequestId) -> Result<Vec<Decision>> {
        self.request(request_id)?;
        let mut st = self.conn.prepare(&format!(
            "{DECISION_SELECT} WHERE request_id = ?1 ORDER BY id"
        ))?;
        let rows = st.query_map([request_id], decision_row)?;
        let mut out = Vec::new();
        for row in rows {
            let decision: Result<Decision> = row?;
            out.push(decision?);
        }
        Ok(out)
    }

    /// The request's latest decision, if any.
    pub fn latest_decision(&self, request_id: RequestId) -> Result<Option<Decision>> {
        Ok(self.decisions(request_id)?.pop())
    }

    /// The request's history, oldest first.
    pub fn history(&self, request_id: RequestId) -> Result<Vec<HistoryEntry>> {
        self.request(request_id)?;
        let mut st = self.conn.prepare(
            "SELECT at, by_user, change FROM request_history WHERE request_id = ?1 ORDER BY id",
        )?;
        let rows = st.query_map([request_id], |r| {
            Ok(HistoryEntry {
                at: r.get(0)?,
                by: r.get(1)?,
                change: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

fn read_decision(conn: &Connection, id: u32) -> Result<Decision> {
    let found: Option<Result<Decision>> = conn
        .query_row(&format!("{DECISION_SELECT} WHERE id = ?1"), [id], |r| {
            decision_row(r)
        })
        .optional()?;
    found.unwrap_or_else(|| Err(Error::not_found("decision", id)))
}

/// A stored decision; a value that does not read back is an error naming the row.
fn decision_row(r: &Row) -> rusqlite::Result<Result<Decision>> {
    let id: u32 = r.get(0)?;
    let place = |field: &str| format!("decision {id}, {field}");
    let outcome: String = r.get(2)?;
    let decided_on: String = r.get(3)?;
    let conditions: String = r.get(12)?;
    let attendees: String = r.get(13)?;
    let votes = match (r.get(9)?, r.get(10)?, r.get(11)?) {
        (Some(in_favour), Some(against), Some(abstain)) => Some(Votes {
            in_favour,
            against,
            abstain,
        }),
        _ => None,
    };
    let candidate: String = r.get(5)?;
    let top_ranked: String = r.get(6)?;
    let corrupt = |field: &str, message: String| Error::Corrupt {
        place: place(field),
        message,
    };
    let parsed = (|| {
        let outcome = Outcome::parse(&outcome)
            .ok_or_else(|| corrupt("outcome", format!("'{outcome}' is not an outcome")))?;
        let decided_on = NaiveDate::parse_from_str(&decided_on, "%Y-%m-%d")
            .map_err(|e| corrupt("decided_on", format!("'{decided_on}': {e}")))?;
        let list = |field: &str, text: &str| -> Result<Vec<String>> {
            serde_json::from_str(text).map_err(|e| corrupt(field, e.to_string()))
        };
        Ok((
            outcome,
            decided_on,
            list("conditions", &conditions)?,
            list("attendees", &attendees)?,
        ))
    })();
    let (outcome, decided_on, conditions, attendees) = match parsed {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    let candidate_id: Option<CandidateId> = r.get(4)?;
    Ok(Ok(Decision {
        id,
        request_id: r.get(1)?,
        outcome,
        decided_on,
        candidate_id,
        overrules_ranking: outcome == Outcome::Approved
            && !top_ranked.is_empty()
            && candidate != top_ranked,
        candidate,
        top_ranked,
        rationale: r.get(7)?,
        deferred_to: r.get(8)?,
        votes,
        conditions,
        attendees,
        recorded_by: r.get(14)?,
        recorded_at: r.get(15)?,
    }))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::demo::write_demo;

    fn demo() -> Portfolio {
        let mut p = Portfolio::in_memory().unwrap();
        write_demo(&mut p).unwrap();
        p
    }

    fn approve(candidate: CandidateId, rationale: &str) -> DecisionInput {
        DecisionInput {
            outcome: Outcome::Approved,
            decided_on: NaiveDate::from_ymd_opt(2026, 11, 18).unwrap(),
            candidate_id: Some(candidate),
            rationale: rationale.into(),
            deferred_to: None,
            votes: Some(Votes {
                in_favour: 6,
                against: 1,
                abstain: 1,
            }),
            conditions: vec!["Encryption at rest by go-live".into()],
            attendees: vec!["CFO".into(), "CNO".into()],
            recorded_by: String::new(),
        }
    }

    #[test]
    fn an_overruling_approval_is_recorded_with_its_reason_status_and_history() {
        let mut p = demo();
        let request = RequestId(1);
        let ranking = p.ranking(request).unwrap();
        let top = &ranking.candidates[0];
        let other = ranking.candidates[1].candidate_id;
        p.set_user("J. Rivera").unwrap();

        let err = p.record_decision(request, &approve(other, "")).unwrap_err();
        assert!(err.to_string().starts_with("rationale:"), "{err}");
        assert!(p.decisions(request).unwrap().is_empty());
        assert!(p.history(request).unwrap().is_empty());

        let d = p
            .record_decision(
                request,
                &approve(other, "Standardise with the step-down unit"),
            )
            .unwrap();
        assert!(d.overrules_ranking);
        assert_eq!(d.top_ranked, top.label);
        assert_eq!(d.recorded_by, "J. Rivera");
        assert_eq!(p.request(request).unwrap().status, RequestStatus::Approved);
        assert_eq!(p.decisions(request).unwrap(), std::slice::from_ref(&d));
        let history: Vec<String> = p
            .history(request)
            .unwrap()
            .into_iter()
            .map(|h| format!("{}: {}", h.by, h.change))
            .collect();
        assert_eq!(history.len(), 2);
        assert_eq!(history[0], "J. Rivera: Status: In assessment → Approved");
        assert!(
            history[1].contains("(the ranking's first was "),
            "{}",
            history[1]
        );

        // Recorded rows are never changed.
        let err = p
            .conn
            .execute("UPDATE decision SET rationale = 'edited'", [])
            .unwrap_err();
        assert!(err.to_string().contains("never changed"), "{err}");
    }
}
