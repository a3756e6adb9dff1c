//! A request as one JSON document ([`crate::document`]): exported from a portfolio,
//! imported into the same or another one in a single transaction.

use super::Portfolio;
use crate::authoring::check_new_criteria;
use crate::document::{
    DocumentCandidate, DocumentEvaluator, DocumentMeasurement, DocumentQuote, DocumentRequest,
    DocumentScore, RequestDocument, FORMAT, VERSION,
};
use crate::domain::{CapitalRequest, Evaluator};
use crate::error::{Error, Result};
use crate::ids::{DepartmentId, EvaluatorId, RequestId};

impl Portfolio {
    /// The request as a document: everything needed to rebuild it elsewhere.
    pub fn export_request(&self, id: RequestId) -> Result<RequestDocument> {
        let request = self.request(id)?;
        let department = self
            .departments()?
            .into_iter()
            .find(|d| d.id == request.department_id)
            .ok_or_else(|| Error::not_found("department", request.department_id))?;
        let facility = self
            .facilities()?
            .into_iter()
            .find(|f| f.id == department.facility_id)
            .ok_or_else(|| Error::not_found("facility", department.facility_id))?;
        let criteria = self.new_criteria(id)?;
        check_new_criteria(&criteria).map_err(|e| e.within("criteria"))?;
        let all_criteria = self.criteria(id)?;
        let scores = self.scores(id)?;
        let measurements = self.measurements(id)?;
        let evaluators: Vec<Evaluator> = self
            .evaluators()?
            .into_iter()
            .filter(|e| scores.iter().any(|s| s.evaluator_id == e.id))
            .collect();
        let criterion_name = |cid| {
            all_criteria
                .iter()
                .find(|c| c.id == cid)
                .map(|c| c.name.clone())
                .unwrap_or_default()
        };
        let mut candidates = Vec::new();
        for c in self.candidates(id)? {
            candidates.push(DocumentCandidate {
                quote: DocumentQuote {
                    unit_price: c.unit_price.amount.to_string(),
                    quantity: c.quantity,
                    quote_date: c.quote_date,
                    valid_until: c.valid_until,
                },
                cost_model: self.cost_model(c.id)?,
                device_profile: self.device_profile(c.id)?,
                mds2_form: self.mds2_form(c.id)?,
                evidence: self
                    .evidence_files(c.id)?
                    .into_iter()
                    .map(|(_, f)| f)
                    .collect(),
                scores: scores
                    .iter()
                    .filter(|s| s.candidate_id == c.id)
                    .map(|s| DocumentScore {
                        evaluator: evaluators
                            .iter()
                            .find(|e| e.id == s.evaluator_id)
                            .map(|e| e.name.clone())
                            .unwrap_or_default(),
                        criterion: criterion_name(s.criterion_id),
                        score: s.score,
                        comment: s.comment.clone(),
                    })
                    .collect(),
                measurements: measurements
                    .iter()
                    .filter(|m| m.candidate_id == c.id)
                    .map(|m| DocumentMeasurement {
                        criterion: criterion_name(m.criterion_id),
                        value: m.value.to_string(),
                    })
                    .collect(),
                manufacturer: c.manufacturer,
                model: c.model,
                vendor: c.vendor,
                fda_product_code: c.fda_product_code,
                notes: c.notes,
            });
        }
        Ok(RequestDocument {
            format: FORMAT.into(),
            version: VERSION,
            request: DocumentRequest {
                title: request.title,
                facility: facility.name,
                department: department.name,
                cost_center: department.cost_center,
                request_type: request.request_type,
                quantity: request.quantity,
                fiscal_year: request.fiscal_year,
                justification: request.justification,
                status: request.status,
                currency: request.currency.as_str().to_string(),
                method: request.method,
                reference_scale: Some(self.reference_scale(id)?),
                assumptions: self.assumption_overrides(id)?,
                disqualify_blocking: self.disqualify_blocking(id)?,
            },
            criteria,
            evaluators: evaluators
                .into_iter()
                .map(|e| DocumentEvaluator {
                    name: e.name,
                    role: e.role,
                })
                .collect(),
            candidates,
        })
    }

    /// Adds the document's request as a new request: checked completely first, then
    /// written in one transaction. Its facility, department and evaluators are found by
    /// name (case aside) or created.
    pub fn import_request(&mut self, doc: &RequestDocument) -> Result<CapitalRequest> {
        doc.validate()?;
        doc.request
            .assumptions
            .apply(&self.portfolio_assumptions()?)
            .validate()
            .map_err(|e| e.within("request.assumptions"))?;
        let id = self.in_one_transaction(|p| p.insert_document(doc))?;
        self.request(id)
    }

    fn insert_document(&mut self, doc: &RequestDocument) -> Result<RequestId> {
        let department = self.department_named(&doc.request)?;
        let id = self.insert_request(&doc.request.input(department), &doc.criteria)?;
        if let Some(scale) = doc.request.reference_scale {
            self.set_reference_scale(id, scale)?;
        }
        self.set_assumption_overrides(id, &doc.request.assumptions)?;
        self.set_disqualify_blocking(id, doc.request.disqualify_blocking)?;
        let mut evaluators: Vec<(String, EvaluatorId)> = Vec::new();
        for e in &doc.evaluators {
            let existing = self
                .evaluators()?
                .into_iter()
                .find(|x| x.name.eq_ignore_ascii_case(e.name.trim()));
            let found = match existing {
                Some(x) => x.id,
                None => self.add_evaluator(&e.name, &e.role)?.id,
            };
            evaluators.push((e.name.trim().to_lowercase(), found));
        }
        let criteria = self.criteria(id)?;
        let criterion = |name: &str| {
            criteria
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(name.trim()))
                .map(|c| c.id)
                .ok_or_else(|| Error::internal(format!("criterion '{name}' was checked")))
        };
        for (i, c) in doc.candidates.iter().enumerate() {
            let at = format!("candidates[{i}]");
            let stored = self
                .add_candidate(id, &c.input())
                .map_err(|e| e.within(&at))?;
            if let Some(model) = &c.cost_model {
                self.set_cost_model(stored.id, model)?;
            }
            if let Some(profile) = &c.device_profile {
                self.set_device_profile(stored.id, profile)?;
            }
            if let Some(form) = &c.mds2_form {
                self.save_mds2_form(stored.id, form)?;
            }
            for (k, file) in c.evidence.iter().enumerate() {
                self.add_evidence(stored.id, &file.file_name, &file.text, false)
                    .map_err(|e| e.within(&format!("{at}.evidence[{k}]")))?;
            }
            for s in &c.scores {
                let evaluator = evaluators
                    .iter()
                    .find(|(n, _)| *n == s.evaluator.trim().to_lowercase())
                    .map(|(_, e)| *e)
                    .ok_or_else(|| Error::internal("evaluator was checked"))?;
                self.set_score(
                    evaluator,
                    stored.id,
                    criterion(&s.criterion)?,
                    Some(s.score),
                    &s.comment,
                )?;
            }
            for m in &c.measurements {
                self.set_measurement(stored.id, criterion(&m.criterion)?, Some(&m.value))?;
            }
        }
        Ok(id)
    }

    /// The department the document names, in the facility it names; either is created
    /// when the portfolio has none of that name.
    fn department_named(&mut self, r: &DocumentRequest) -> Result<DepartmentId> {
        let facility = match self
            .facilities()?
            .into_iter()
            .find(|f| f.name.eq_ignore_ascii_case(r.facility.trim()))
        {
            Some(f) => f.id,
            None => self.add_facility(&r.facility)?.id,
        };
        let existing = self.departments()?.into_iter().find(|d| {
            d.facility_id == facility && d.name.eq_ignore_ascii_case(r.department.trim())
        });
        Ok(match existing {
            Some(d) => d.id,
            None => {
                self.add_department(facility, &r.department, r.cost_center.as_deref())?
                    .id
            }
        })
    }
}
