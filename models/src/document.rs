//! A whole capital request as one JSON document: its fields, criteria and weights,
//! evaluators, candidates with their quotes, cost models, device profiles, scores and
//! measured values. `caliper request export` writes it and `caliper request import`
//! reads it into the same or another portfolio (docs/json-formats.md).
//!
//! Entities refer to each other by name, never by id, so a document means the same in
//! any portfolio: a score names its evaluator and criterion, the request its facility and
//! department. [`RequestDocument::validate`] checks every rule before anything is written
//! and names the field at fault (`candidates[2].quote.unit_price`).

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::authoring::{check_new_criteria, NewCategory, NewCriterion};
use crate::compat::mds2::check_answers;
use crate::compat::{DeviceProfile, Mds2Form};
use crate::criteria::{check_score, measured_value, Criterion};
use crate::domain::{required_text, CandidateInput, RequestInput, RequestStatus, RequestType};
use crate::error::{Error, Result};
use crate::ids::{CategoryId, CriterionId, DepartmentId};
use crate::lifecycle::{AssumptionOverrides, CostModel};
use crate::money::Currency;
use crate::ranking::{Method, ReferenceScale};

/// The `format` of a request document.
pub const FORMAT: &str = "caliper-request";
/// The version of the request document this build writes and reads.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestDocument {
    /// Always `caliper-request`.
    pub format: String,
    /// Always 1 for now; a newer version is refused rather than half read.
    pub version: u32,
    pub request: DocumentRequest,
    pub criteria: Vec<NewCategory>,
    #[serde(default)]
    pub evaluators: Vec<DocumentEvaluator>,
    #[serde(default)]
    pub candidates: Vec<DocumentCandidate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentRequest {
    pub title: String,
    /// Found by name in the importing portfolio, or created.
    pub facility: String,
    pub department: String,
    #[serde(default)]
    pub cost_center: Option<String>,
    pub request_type: RequestType,
    pub quantity: u32,
    pub fiscal_year: i32,
    #[serde(default)]
    pub justification: String,
    pub status: RequestStatus,
    pub currency: String,
    #[serde(default)]
    pub method: Method,
    #[serde(default)]
    pub reference_scale: Option<ReferenceScale>,
    /// The request's own financial assumptions (the portfolio's where absent).
    #[serde(default)]
    pub assumptions: AssumptionOverrides,
    /// Whether a candidate with a blocking compatibility gap leaves the ranking.
    #[serde(default)]
    pub disqualify_blocking: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentEvaluator {
    pub name: String,
    #[serde(default)]
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentCandidate {
    pub manufacturer: String,
    pub model: String,
    #[serde(default)]
    pub vendor: String,
    #[serde(default)]
    pub fda_product_code: Option<String>,
    pub quote: DocumentQuote,
    #[serde(default)]
    pub notes: String,
    /// The lifecycle-cost model; its unit price and quantity are the quote's.
    #[serde(default)]
    pub cost_model: Option<CostModel>,
    #[serde(default)]
    pub device_profile: Option<DeviceProfile>,
    /// The vendor's MDS2 security form.
    #[serde(default)]
    pub mds2_form: Option<Mds2Form>,
    /// The vendor's sample interface files (HL7 v2 messages, FHIR Devices) as imported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<crate::compat::EvidenceFile>,
    #[serde(default)]
    pub scores: Vec<DocumentScore>,
    #[serde(default)]
    pub measurements: Vec<DocumentMeasurement>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentQuote {
    /// A decimal string in the request's currency.
    pub unit_price: String,
    pub quantity: u32,
    #[serde(default)]
    pub quote_date: Option<NaiveDate>,
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentScore {
    /// An evaluator of the document's `evaluators`.
    pub evaluator: String,
    /// A judged criterion of the document, by name.
    pub criterion: String,
    pub score: u8,
    #[serde(default)]
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentMeasurement {
    /// A measured, typed-in criterion of the document, by name.
    pub criterion: String,
    /// A decimal string in the criterion's unit.
    pub value: String,
}

impl DocumentRequest {
    /// The request's fields as the store takes them, for a department found later.
    pub fn input(&self, department_id: DepartmentId) -> RequestInput {
        RequestInput {
            title: self.title.clone(),
            department_id,
            request_type: self.request_type,
            quantity: self.quantity,
            fiscal_year: self.fiscal_year,
            justification: self.justification.clone(),
            status: self.status,
            currency: self.currency.clone(),
            method: self.method,
        }
    }
}

impl DocumentCandidate {
    /// The candidate's fields as the store takes them.
    pub fn input(&self) -> CandidateInput {
        CandidateInput {
            manufacturer: self.manufacturer.clone(),
            model: self.model.clone(),
            vendor: self.vendor.clone(),
            fda_product_code: self.fda_product_code.clone(),
            unit_price: self.quote.unit_price.clone(),
            quantity: self.quote.quantity,
            quote_date: self.quote.quote_date.map(|d| d.to_string()),
            valid_until: self.quote.valid_until.map(|d| d.to_string()),
            notes: self.notes.clone(),
        }
    }
}

impl RequestDocument {
    /// Checks every rule a request, its criteria and its candidates must meet, so that
    /// an import that starts also finishes. Errors name the field path.
    pub fn validate(&self) -> Result<()> {
        if self.format != FORMAT {
            return Err(Error::validation(
                "format",
                format!(
                    "'{}' is not a Caliper request document ('{FORMAT}')",
                    self.format
                ),
            ));
        }
        if self.version != VERSION {
            return Err(Error::validation(
                "version",
                format!(
                    "version {} is not read by this Caliper (it reads version {VERSION})",
                    self.version
                ),
            ));
        }
        let r = &self.request;
        required_text("facility", &r.facility, 200).map_err(|e| e.within("request"))?;
        required_text("department", &r.department, 200).map_err(|e| e.within("request"))?;
        let (_, currency) = r
            .input(DepartmentId(0))
            .validate()
            .map_err(|e| e.within("request"))?;
        if let Some(scale) = r.reference_scale {
            scale.validate("request.reference_scale")?;
        }
        check_new_criteria(&self.criteria).map_err(|e| e.within("criteria"))?;
        let mut names = HashSet::new();
        for (i, e) in self.evaluators.iter().enumerate() {
            let name = required_text("name", &e.name, 120)
                .map_err(|err| err.within(&format!("evaluators[{i}]")))?;
            if !names.insert(name.to_lowercase()) {
                return Err(Error::validation(
                    format!("evaluators[{i}].name"),
                    format!("'{name}' is listed twice"),
                ));
            }
        }
        let criteria = self.criteria_by_name();
        let mut models = HashSet::new();
        for (i, c) in self.candidates.iter().enumerate() {
            let at = format!("candidates[{i}]");
            let valid = c
                .input()
                .validate()
                .map_err(|e| quote_field(e).within(&at))?;
            let key = (
                valid.manufacturer.to_lowercase(),
                valid.model.to_lowercase(),
            );
            if !models.insert(key) {
                return Err(Error::validation(
                    format!("{at}.model"),
                    format!("{} {} is listed twice", valid.manufacturer, valid.model),
                ));
            }
            if let Some(model) = &c.cost_model {
                model
                    .with_quote(valid.unit_price, valid.quantity)
                    .validate()
                    .map_err(|e| e.within(&format!("{at}.cost_model")))?;
            }
            if let Some(profile) = &c.device_profile {
                profile
                    .validate()
                    .map_err(|e| e.within(&format!("{at}.device_profile")))?;
            }
            if let Some(form) = &c.mds2_form {
                check_answers(&form.answers).map_err(|e| e.within(&format!("{at}.mds2_form")))?;
            }
            self.check_values(c, &criteria, &currency)
                .map_err(|e| e.within(&at))?;
        }
        Ok(())
    }

    /// Every criterion of the document, with a stand-in id, for the scoring rules.
    fn criteria_by_name(&self) -> Vec<Criterion> {
        self.criteria
            .iter()
            .flat_map(|k| &k.criteria)
            .enumerate()
            .map(|(i, c)| stand_in(i, c))
            .collect()
    }

    /// A candidate's scores and measured values: known evaluators and criteria, on the
    /// scale, one each.
    fn check_values(
        &self,
        c: &DocumentCandidate,
        criteria: &[Criterion],
        currency: &Currency,
    ) -> Result<()> {
        let find = |field: String, name: &str| {
            criteria
                .iter()
                .find(|k| k.name.trim().eq_ignore_ascii_case(name.trim()))
                .ok_or_else(|| {
                    Error::validation(
                        field,
                        format!("'{name}' is not a criterion of the document"),
                    )
                })
        };
        let mut seen = HashSet::new();
        for (j, s) in c.scores.iter().enumerate() {
            let at = format!("scores[{j}]");
            if !self
                .evaluators
                .iter()
                .any(|e| e.name.trim().eq_ignore_ascii_case(s.evaluator.trim()))
            {
                return Err(Error::validation(
                    format!("{at}.evaluator"),
                    format!("'{}' is not one of the document's evaluators", s.evaluator),
                ));
            }
            let criterion = find(format!("{at}.criterion"), &s.criterion)?;
            check_score(criterion, Some(s.score)).map_err(|e| e.within(&at))?;
            if !seen.insert((s.evaluator.trim().to_lowercase(), criterion.id)) {
                return Err(Error::validation(
                    at,
                    format!("{} scored '{}' twice", s.evaluator, s.criterion),
                ));
            }
        }
        let mut measured = HashSet::new();
        for (j, m) in c.measurements.iter().enumerate() {
            let at = format!("measurements[{j}]");
            let criterion = find(format!("{at}.criterion"), &m.criterion)?;
            measured_value(criterion, currency, Some(&m.value)).map_err(|e| e.within(&at))?;
            if !measured.insert(criterion.id) {
                return Err(Error::validation(
                    at,
                    format!("'{}' has two values", m.criterion),
                ));
            }
        }
        Ok(())
    }
}

fn stand_in(i: usize, c: &NewCriterion) -> Criterion {
    Criterion {
        id: CriterionId(i as u32),
        category_id: CategoryId(0),
        name: c.name.clone(),
        description: c.description.clone(),
        direction: c.direction,
        kind: c.kind,
        unit: c.unit.clone(),
        anchors: c.anchors.clone(),
        weight: c.weight,
        position: 0,
        source: c.source,
    }
}

/// A candidate's quote fields live under `quote` in the document.
fn quote_field(e: Error) -> Error {
    match e.field() {
        Some("unit_price" | "quantity" | "quote_date" | "valid_until") => e.within("quote"),
        _ => e,
    }
}
