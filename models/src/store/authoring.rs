//! Building and changing a request without the window: a request in a given facility, a
//! copy of an earlier request, partial edits, removals that say what goes with them, and
//! weights applied by label.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::{CriteriaTree, Portfolio};
use crate::authoring::{
    weights_from_labels, CandidateChanges, LabelledWeights, NewCategory, NewCriterion,
    RequestChanges,
};
use crate::domain::{Candidate, CapitalRequest, RequestInput, RequestStatus};
use crate::error::{Error, Result};
use crate::ids::{CandidateId, FacilityId, RequestId};
use crate::quote::{quote_warnings, QuoteWarning};

/// A candidate with the warnings on its quote.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CandidateQuote {
    #[serde(flatten)]
    #[ts(flatten)]
    pub candidate: Candidate,
    pub quote_warnings: Vec<QuoteWarning>,
}

impl Portfolio {
    /// Creates a request (from the criteria template) for a department, checking first,
    /// when a facility is named, that the department belongs to it.
    pub fn create_request_in(
        &mut self,
        facility_id: Option<FacilityId>,
        input: &RequestInput,
    ) -> Result<CapitalRequest> {
        if let Some(facility_id) = facility_id {
            self.exists("facility", facility_id)?;
            let department = self
                .departments()?
                .into_iter()
                .find(|d| d.id == input.department_id)
                .ok_or_else(|| Error::not_found("department", input.department_id))?;
            if department.facility_id != facility_id {
                return Err(Error::validation(
                    "department",
                    format!(
                        "department {} ({}) belongs to facility {}, not to facility {facility_id}",
                        department.id, department.name, department.facility_id
                    ),
                ));
            }
        }
        self.create_request(input)
    }

    /// A new draft request copied from `source`: its fields, method, reference scale and
    /// criteria with their weights; no candidates, scores or decisions.
    pub fn copy_request(
        &mut self,
        source: RequestId,
        title: Option<&str>,
    ) -> Result<CapitalRequest> {
        let from = self.request(source)?;
        let input = RequestInput {
            title: title.map_or_else(|| format!("{} (copy)", from.title), str::to_string),
            department_id: from.department_id,
            request_type: from.request_type,
            quantity: from.quantity,
            fiscal_year: from.fiscal_year,
            justification: from.justification.clone(),
            status: RequestStatus::Draft,
            currency: from.currency.as_str().to_string(),
            method: from.method,
        };
        let criteria = self.new_criteria(source)?;
        let scale = self.reference_scale(source)?;
        let id = self.in_one_transaction(|p| {
            let id = p.insert_request(&input, &criteria)?;
            p.set_reference_scale(id, scale)?;
            Ok(id)
        })?;
        self.request(id)
    }

    /// A stored request's criteria, as a new request takes them.
    pub(super) fn new_criteria(&self, request_id: RequestId) -> Result<Vec<NewCategory>> {
        let criteria = self.criteria(request_id)?;
        Ok(self
            .categories(request_id)?
            .into_iter()
            .map(|k| NewCategory {
                criteria: criteria
                    .iter()
                    .filter(|c| c.category_id == k.id)
                    .map(NewCriterion::of)
                    .collect(),
                name: k.name,
            })
            .collect())
    }

    /// Changes some of a request's fields.
    pub fn edit_request(
        &mut self,
        id: RequestId,
        changes: &RequestChanges,
    ) -> Result<CapitalRequest> {
        let current = self.request(id)?;
        self.update_request(id, &changes.apply(&current))
    }

    /// Changes some of a candidate's fields (its quote included).
    pub fn edit_candidate(
        &mut self,
        id: CandidateId,
        changes: &CandidateChanges,
    ) -> Result<Candidate> {
        let current = self.candidate(id)?;
        self.update_candidate(id, &changes.apply(&current))
    }

    /// A request's candidates, each with the warnings on its quote as of `as_of` (no
    /// expiry is judged without a date).
    pub fn candidate_quotes(
        &self,
        request_id: RequestId,
        as_of: Option<NaiveDate>,
    ) -> Result<Vec<CandidateQuote>> {
        let request = self.request(request_id)?;
        Ok(self
            .candidates(request_id)?
            .into_iter()
            .map(|candidate| CandidateQuote {
                quote_warnings: quote_warnings(&candidate, request.quantity, as_of),
                candidate,
            })
            .collect())
    }

    /// Removes a candidate. When scores, measurements, a cost model, a profile or an MDS2
    /// form depend on it, it is removed only when `confirmed`, and the refusal says what
    /// would go with it.
    pub fn remove_candidate(&mut self, id: CandidateId, confirmed: bool) -> Result<()> {
        let candidate = self.candidate(id)?;
        let counts = self.count_rows(
            &[
                ("score", "scores"),
                ("measurement", "measured values"),
                ("cost_model", "cost model"),
                ("device_profile", "device profile"),
                ("mds2_form", "MDS2 form"),
                ("candidate_evidence", "evidence files"),
            ],
            "candidate_id",
            id.0,
        )?;
        if !confirmed && !counts.is_empty() {
            return Err(Error::conflict(
                "candidate",
                format!(
                    "candidate {id} ({}) has {}; they are removed with it: confirm to go ahead",
                    candidate.label(),
                    counts.join(", ")
                ),
            ));
        }
        self.delete_candidate(id)
    }

    /// Removes a request with everything that belongs to it (candidates, criteria,
    /// scores, cost models, decisions); when anything does, only when `confirmed`.
    pub fn remove_request(&mut self, id: RequestId, confirmed: bool) -> Result<()> {
        let request = self.request(id)?;
        let counts = self.count_rows(
            &[("candidate", "candidates"), ("decision", "decisions")],
            "request_id",
            id.0,
        )?;
        if !confirmed && !counts.is_empty() {
            return Err(Error::conflict(
                "request",
                format!(
                    "request {id} ({}) has {}; they are removed with it, with their scores and cost models: confirm to go ahead",
                    request.title,
                    counts.join(", ")
                ),
            ));
        }
        self.delete_request(id)
    }

    /// "12 scores", "cost model", ... for the tables with rows of `column` = `id`.
    fn count_rows(&self, tables: &[(&str, &str)], column: &str, id: u32) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for (table, what) in tables {
            let n: i64 = self.conn.query_row(
                &format!("SELECT count(*) FROM {table} WHERE {column} = ?1"),
                [id],
                |r| r.get(0),
            )?;
            match n {
                0 => {}
                1 if !what.ends_with('s') => out.push(format!("a {what}")),
                n => out.push(format!("{n} {what}")),
            }
        }
        Ok(out)
    }

    /// Sets a request's weights from labelled weights (the output of `caliper ahp` or
    /// `caliper weights`): see [`weights_from_labels`]. All or none.
    pub fn apply_weights(
        &mut self,
        request_id: RequestId,
        given: &LabelledWeights,
    ) -> Result<CriteriaTree> {
        let weights = weights_from_labels(
            &self.categories(request_id)?,
            &self.criteria(request_id)?,
            given,
        )?;
        self.set_weights(&weights)?;
        self.criteria_tree(request_id)
    }
}
