//! Building a request without the window: criteria before they belong to a request (the
//! default template, a copied request's, a request document's), weights applied by
//! label, and partial edits of a request or a candidate. Pure: the store calls these
//! before it writes.

use serde::{Deserialize, Serialize};

use crate::criteria::{
    check_weight, default_template, Category, Criterion, CriterionInput, CriterionKind,
    CriterionSource, Direction,
};
use crate::domain::{
    required_text, Candidate, CandidateInput, CapitalRequest, RequestInput, RequestStatus,
    RequestType,
};
use crate::error::{Error, Result};
use crate::ids::{CategoryId, CriterionId, DepartmentId};
use crate::money::Currency;
use crate::ranking::Method;

/// A category of criteria before it belongs to a request: the default template, a copied
/// request's criteria, or a request document's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewCategory {
    pub name: String,
    pub criteria: Vec<NewCriterion>,
}

/// A criterion before it belongs to a request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewCriterion {
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub direction: Direction,
    pub kind: CriterionKind,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub anchors: Vec<String>,
    /// Raw weight (the template's are percentages summing to 100).
    pub weight: f64,
    #[serde(default = "entered")]
    pub source: CriterionSource,
}

fn entered() -> CriterionSource {
    CriterionSource::Entered
}

impl NewCriterion {
    /// The criterion as the rules of [`CriterionInput::validate`] see it.
    pub fn input(&self, category_id: CategoryId) -> CriterionInput {
        CriterionInput {
            category_id,
            name: self.name.clone(),
            description: self.description.clone(),
            direction: self.direction,
            kind: self.kind,
            unit: self.unit.clone(),
            anchors: self.anchors.clone(),
            weight: self.weight,
            source: self.source,
        }
    }

    /// The stored criterion's description for a new request.
    pub fn of(c: &Criterion) -> Self {
        NewCriterion {
            name: c.name.clone(),
            description: c.description.clone(),
            direction: c.direction,
            kind: c.kind,
            unit: c.unit.clone(),
            anchors: c.anchors.clone(),
            weight: c.weight,
            source: c.source,
        }
    }
}

/// The default template for a request quoted in `currency`: what every new request
/// starts from.
pub fn template_criteria(currency: &Currency) -> Vec<NewCategory> {
    default_template()
        .iter()
        .map(|cat| NewCategory {
            name: cat.name.to_string(),
            criteria: cat
                .criteria
                .iter()
                .map(|c| NewCriterion {
                    name: c.name.to_string(),
                    description: c.description.to_string(),
                    direction: c.direction,
                    kind: c.kind,
                    unit: c.unit_in(currency),
                    anchors: c.kept_anchors().iter().map(|a| a.to_string()).collect(),
                    weight: c.weight,
                    source: c.source,
                })
                .collect(),
        })
        .collect()
}

/// Checks a request's criteria before they are stored: each criterion by the rules of
/// [`CriterionInput::validate`], category names unique, and criterion names unique in
/// the request (so that a name says which criterion a score or a weight is for).
/// Errors name `[i].criteria[j].field`.
pub fn check_new_criteria(categories: &[NewCategory]) -> Result<()> {
    let mut categories_seen: Vec<String> = Vec::new();
    let mut criteria_seen: Vec<String> = Vec::new();
    for (i, cat) in categories.iter().enumerate() {
        let name =
            required_text("name", &cat.name, 120).map_err(|e| e.within(&format!("[{i}]")))?;
        if categories_seen.contains(&name.to_lowercase()) {
            return Err(Error::validation(
                format!("[{i}].name"),
                format!("a category named '{name}' comes earlier"),
            ));
        }
        categories_seen.push(name.to_lowercase());
        for (j, c) in cat.criteria.iter().enumerate() {
            let at = format!("[{i}].criteria[{j}]");
            c.input(CategoryId(0))
                .validate()
                .map_err(|e| e.within(&at))?;
            let key = c.name.trim().to_lowercase();
            if criteria_seen.contains(&key) {
                return Err(Error::validation(
                    format!("{at}.name"),
                    format!("a criterion named '{}' comes earlier; criterion names are unique in a request", c.name.trim()),
                ));
            }
            criteria_seen.push(key);
        }
    }
    Ok(())
}

/// Weights with their labels, as `caliper ahp` and `caliper weights` print them (other
/// fields of those outputs are ignored).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LabelledWeights {
    pub labels: Vec<String>,
    pub weights: Vec<f64>,
}

/// The raw weight (percent) of each criterion of a request from labelled weights. A
/// label names a criterion or a category; a category's weight is shared among its
/// criteria in proportion to their current weights (equally when those are all zero).
/// Every criterion gets its weight from exactly one label.
pub fn weights_from_labels(
    categories: &[Category],
    criteria: &[Criterion],
    given: &LabelledWeights,
) -> Result<Vec<(CriterionId, f64)>> {
    if given.labels.len() != given.weights.len() {
        return Err(Error::validation(
            "weights",
            format!(
                "{} weights for {} labels",
                given.weights.len(),
                given.labels.len()
            ),
        ));
    }
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    let mut out: Vec<(CriterionId, f64, usize)> = Vec::new();
    for (i, (label, &w)) in given.labels.iter().zip(&given.weights).enumerate() {
        check_weight(&format!("weights[{i}]"), w)?;
        let named: Vec<&Criterion> = criteria.iter().filter(|c| same(&c.name, label)).collect();
        let members: Vec<&Criterion> = match (
            named.as_slice(),
            categories.iter().find(|k| same(&k.name, label)),
        ) {
            ([one], _) => vec![*one],
            ([], Some(cat)) => criteria
                .iter()
                .filter(|c| c.category_id == cat.id)
                .collect(),
            ([], None) => {
                return Err(Error::validation(
                    format!("labels[{i}]"),
                    format!("'{label}' is neither a criterion nor a category of the request"),
                ))
            }
            _ => {
                return Err(Error::validation(
                    format!("labels[{i}]"),
                    format!("'{label}' names more than one criterion of the request"),
                ))
            }
        };
        let total: f64 = members.iter().map(|c| c.weight).sum();
        for c in &members {
            if let Some((_, _, earlier)) = out.iter().find(|(id, _, _)| *id == c.id) {
                return Err(Error::validation(
                    format!("labels[{i}]"),
                    format!(
                        "criterion '{}' already has its weight from labels[{earlier}]",
                        c.name
                    ),
                ));
            }
            let share = if total > 0.0 {
                c.weight / total
            } else {
                1.0 / members.len() as f64
            };
            out.push((c.id, w * share * 100.0, i));
        }
    }
    if let Some(c) = criteria
        .iter()
        .find(|c| out.iter().all(|(id, _, _)| *id != c.id))
    {
        return Err(Error::validation(
            "labels",
            format!(
                "no weight for criterion '{}' (name it or its category)",
                c.name
            ),
        ));
    }
    Ok(out.into_iter().map(|(id, w, _)| (id, w)).collect())
}

/// A change to some of a request's fields; the others stay as they are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RequestChanges {
    pub title: Option<String>,
    pub department_id: Option<DepartmentId>,
    pub request_type: Option<RequestType>,
    pub quantity: Option<u32>,
    pub fiscal_year: Option<i32>,
    pub justification: Option<String>,
    pub status: Option<RequestStatus>,
    pub currency: Option<String>,
    pub method: Option<Method>,
}

impl RequestChanges {
    /// The request's fields after the change.
    pub fn apply(&self, current: &CapitalRequest) -> RequestInput {
        RequestInput {
            title: self.title.clone().unwrap_or_else(|| current.title.clone()),
            department_id: self.department_id.unwrap_or(current.department_id),
            request_type: self.request_type.unwrap_or(current.request_type),
            quantity: self.quantity.unwrap_or(current.quantity),
            fiscal_year: self.fiscal_year.unwrap_or(current.fiscal_year),
            justification: self
                .justification
                .clone()
                .unwrap_or_else(|| current.justification.clone()),
            status: self.status.unwrap_or(current.status),
            currency: self
                .currency
                .clone()
                .unwrap_or_else(|| current.currency.as_str().to_string()),
            method: self.method.unwrap_or(current.method),
        }
    }
}

/// A change to some of a candidate's fields; the others stay as they are. An empty FDA
/// product code or quote date clears it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CandidateChanges {
    pub manufacturer: Option<String>,
    pub model: Option<String>,
    pub vendor: Option<String>,
    pub fda_product_code: Option<String>,
    pub unit_price: Option<String>,
    pub quantity: Option<u32>,
    pub quote_date: Option<String>,
    pub valid_until: Option<String>,
    pub notes: Option<String>,
}

impl CandidateChanges {
    /// The candidate's fields after the change.
    pub fn apply(&self, current: &Candidate) -> CandidateInput {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
        CandidateInput {
            manufacturer: self
                .manufacturer
                .clone()
                .unwrap_or_else(|| current.manufacturer.clone()),
            model: self.model.clone().unwrap_or_else(|| current.model.clone()),
            vendor: self
                .vendor
                .clone()
                .unwrap_or_else(|| current.vendor.clone()),
            fda_product_code: self
                .fda_product_code
                .clone()
                .or_else(|| current.fda_product_code.clone()),
            unit_price: self
                .unit_price
                .clone()
                .unwrap_or_else(|| current.unit_price.amount.to_string()),
            quantity: self.quantity.unwrap_or(current.quantity),
            quote_date: self.quote_date.clone().or_else(|| date(current.quote_date)),
            valid_until: self
                .valid_until
                .clone()
                .or_else(|| date(current.valid_until)),
            notes: self.notes.clone().unwrap_or_else(|| current.notes.clone()),
        }
    }
}
