//! Evaluators, their scores of judged criteria, and measured values.

use rusqlite::params;

use super::{parse_decimal, unique_to_conflict, Portfolio};
use crate::criteria::{check_score, measured_value, Criterion};
use crate::domain::{required_text, Candidate, Evaluator, EvaluatorScore, Measurement};
use crate::error::{Error, Result};
use crate::ids::{CandidateId, CriterionId, EvaluatorId, RequestId};

impl Portfolio {
    pub fn add_evaluator(&mut self, name: &str, role: &str) -> Result<Evaluator> {
        let name = required_text("name", name, 120)?;
        self.write()?
            .execute(
                "INSERT INTO evaluator (name, role) VALUES (?1, ?2)",
                params![name, role.trim()],
            )
            .map_err(|e| {
                unique_to_conflict(e, "name", &format!("an evaluator named '{name}' exists"))
            })?;
        Ok(Evaluator {
            id: EvaluatorId(self.conn.last_insert_rowid() as u32),
            name,
            role: role.trim().to_string(),
        })
    }

    pub fn evaluators(&self) -> Result<Vec<Evaluator>> {
        let mut st = self
            .conn
            .prepare("SELECT id, name, role FROM evaluator ORDER BY id")?;
        let rows = st.query_map([], |r| {
            Ok(Evaluator {
                id: r.get(0)?,
                name: r.get(1)?,
                role: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many scores an evaluator has given, in all requests.
    pub fn evaluator_score_count(&self, id: EvaluatorId) -> Result<u32> {
        self.exists("evaluator", id)?;
        Ok(self.conn.query_row(
            "SELECT count(*) FROM score WHERE evaluator_id = ?1",
            [id],
            |r| r.get(0),
        )?)
    }

    /// Removes an evaluator and, with `confirmed`, their scores; an evaluator with scores
    /// is refused without it, saying how many would go.
    pub fn remove_evaluator(&mut self, id: EvaluatorId, confirmed: bool) -> Result<()> {
        let scores = self.evaluator_score_count(id)?;
        if scores > 0 && !confirmed {
            return Err(Error::Conflict {
                field: "evaluator".into(),
                message: format!(
                    "evaluator {id} has given {scores} score{} that would be removed with them: confirm to remove",
                    if scores == 1 { "" } else { "s" }
                ),
            });
        }
        self.delete_evaluator(id)
    }

    pub fn delete_evaluator(&mut self, id: EvaluatorId) -> Result<()> {
        self.exists("evaluator", id)?;
        self.write()?
            .execute("DELETE FROM evaluator WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Records (or replaces) an evaluator's score; `None` clears it.
    pub fn set_score(
        &mut self,
        evaluator_id: EvaluatorId,
        candidate_id: CandidateId,
        criterion_id: CriterionId,
        score: Option<u8>,
        comment: &str,
    ) -> Result<()> {
        self.exists("evaluator", evaluator_id)?;
        let candidate = self.candidate(candidate_id)?;
        let criterion = self.criterion(criterion_id)?;
        self.check_same_request(&candidate, &criterion)?;
        check_score(&criterion, score)?;
        match score {
            None => {
                self.write()?.execute(
                    "DELETE FROM score WHERE evaluator_id = ?1 AND candidate_id = ?2 AND criterion_id = ?3",
                    params![evaluator_id, candidate_id, criterion_id],
                )?;
            }
            Some(s) => {
                self.write()?.execute(
                    "INSERT INTO score (evaluator_id, candidate_id, criterion_id, score, comment) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (evaluator_id, candidate_id, criterion_id) DO UPDATE SET score = excluded.score, comment = excluded.comment",
                    params![evaluator_id, candidate_id, criterion_id, s, comment.trim()],
                )?;
            }
        }
        Ok(())
    }

    /// All evaluators' scores of the request's candidates.
    pub fn scores(&self, request_id: RequestId) -> Result<Vec<EvaluatorScore>> {
        let mut st = self.conn.prepare(
            "SELECT s.evaluator_id, s.candidate_id, s.criterion_id, s.score, s.comment
             FROM score s JOIN candidate c ON c.id = s.candidate_id
             WHERE c.request_id = ?1 ORDER BY s.evaluator_id, s.candidate_id, s.criterion_id",
        )?;
        let rows = st.query_map([request_id], |r| {
            Ok(EvaluatorScore {
                evaluator_id: r.get(0)?,
                candidate_id: r.get(1)?,
                criterion_id: r.get(2)?,
                score: r.get(3)?,
                comment: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records (or replaces) a measured value typed as text; `None` or empty clears it.
    pub fn set_measurement(
        &mut self,
        candidate_id: CandidateId,
        criterion_id: CriterionId,
        value: Option<&str>,
    ) -> Result<()> {
        let candidate = self.candidate(candidate_id)?;
        let criterion = self.criterion(criterion_id)?;
        self.check_same_request(&candidate, &criterion)?;
        let value = measured_value(&criterion, &candidate.unit_price.currency, value)?;
        match value {
            None => {
                self.write()?.execute(
                    "DELETE FROM measurement WHERE candidate_id = ?1 AND criterion_id = ?2",
                    params![candidate_id, criterion_id],
                )?;
            }
            Some(v) => {
                self.write()?.execute(
                    "INSERT INTO measurement (candidate_id, criterion_id, value) VALUES (?1, ?2, ?3)
                     ON CONFLICT (candidate_id, criterion_id) DO UPDATE SET value = excluded.value",
                    params![candidate_id, criterion_id, v.to_string()],
                )?;
            }
        }
        Ok(())
    }

    pub fn measurements(&self, request_id: RequestId) -> Result<Vec<Measurement>> {
        let mut st = self.conn.prepare(
            "SELECT m.candidate_id, m.criterion_id, m.value FROM measurement m JOIN candidate c ON c.id = m.candidate_id
             WHERE c.request_id = ?1 ORDER BY m.candidate_id, m.criterion_id",
        )?;
        let rows = st.query_map([request_id], |r| {
            let (candidate_id, criterion_id, text): (CandidateId, CriterionId, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?);
            Ok(parse_decimal(
                &text,
                &format!("measurement ({candidate_id}, {criterion_id})"),
            )
            .map(|value| Measurement {
                candidate_id,
                criterion_id,
                value,
            }))
        })?;
        rows.map(|r| r?).collect()
    }

    fn check_same_request(&self, candidate: &Candidate, criterion: &Criterion) -> Result<()> {
        let request_of_criterion: RequestId = self.conn.query_row(
            "SELECT request_id FROM category WHERE id = ?1",
            [criterion.category_id],
            |r| r.get(0),
        )?;
        if request_of_criterion != candidate.request_id {
            return Err(Error::validation(
                "criterion",
                format!(
                    "criterion {} belongs to request {request_of_criterion}, candidate {} to request {}",
                    criterion.id, candidate.id, candidate.request_id
                ),
            ));
        }
        Ok(())
    }
}
