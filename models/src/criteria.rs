//! Criteria: a two-level tree (category > criterion) agreed by the committee, each with a
//! direction, a kind (judged on an anchored 1-5 scale, or measured in a unit) and a weight.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::{required_text, text_enum};
use crate::error::{Error, Result};
use crate::ids::{CategoryId, CriterionId, RequestId};
use crate::money::{Currency, MAX_AMOUNT};

/// Whether more is better (benefit) or less is better (cost).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Benefit,
    Cost,
}

/// Reads `benefit` or `cost`, and the synonyms other tools use (`max`, `min`, ...).
impl<'de> Deserialize<'de> for Direction {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.to_ascii_lowercase().as_str() {
            "benefit" | "max" | "maximize" | "maximise" => Ok(Direction::Benefit),
            "cost" | "min" | "minimize" | "minimise" => Ok(Direction::Cost),
            _ => Err(serde::de::Error::custom(format!(
                "'{s}' is not a direction: use benefit (more is better) or cost (less is better)"
            ))),
        }
    }
}

/// How a criterion gets its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CriterionKind {
    /// Evaluators score it on the anchored scale `SCALE_MIN..=SCALE_MAX`.
    Judged,
    /// A number in a unit (a cost, a count of gaps), entered or computed from data.
    Measured,
}

/// Where a measured criterion's values come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CriterionSource {
    /// Typed in (or scored by evaluators, for judged criteria).
    Entered,
    /// Computed: each candidate's equivalent annual cost from its lifecycle-cost model.
    LifecycleCost,
    /// Computed: the EHR-integration score (0-100) of the compatibility check.
    EhrScore,
    /// Computed: the network score (0-100) of the compatibility check.
    NetworkScore,
    /// Computed: the cybersecurity score (0-100) of the compatibility check and MDS2 form.
    SecurityScore,
}

impl CriterionSource {
    /// The compatibility area a computed score criterion reads.
    pub fn compat_area(self) -> Option<crate::compat::Area> {
        use crate::compat::Area;
        match self {
            CriterionSource::EhrScore => Some(Area::Ehr),
            CriterionSource::NetworkScore => Some(Area::Network),
            CriterionSource::SecurityScore => Some(Area::Security),
            CriterionSource::Entered | CriterionSource::LifecycleCost => None,
        }
    }

    /// Values come from a computation, never typed in.
    pub fn is_computed(self) -> bool {
        self != CriterionSource::Entered
    }
}

text_enum!(CriterionSource {
    Entered => "entered",
    LifecycleCost => "lifecycle_cost",
    EhrScore => "ehr_score",
    NetworkScore => "network_score",
    SecurityScore => "security_score",
});

text_enum!(Direction {
    Benefit => "benefit",
    Cost => "cost",
});

text_enum!(CriterionKind {
    Judged => "judged",
    Measured => "measured",
});

crate::ipc::choice!(Direction {
    Benefit => "Benefit",
    Cost => "Cost",
});

crate::ipc::choice!(CriterionKind {
    Judged => "Judged",
    Measured => "Measured",
});

crate::ipc::choice!(CriterionSource {
    Entered => "Entered",
    LifecycleCost => "Computed from lifecycle cost",
    EhrScore => "Computed: EHR integration score",
    NetworkScore => "Computed: network score",
    SecurityScore => "Computed: cybersecurity score",
});

pub const SCALE_MIN: u8 = 1;
pub const SCALE_MAX: u8 = 5;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Category {
    pub id: CategoryId,
    pub request_id: RequestId,
    pub name: String,
    pub position: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Criterion {
    pub id: CriterionId,
    pub category_id: CategoryId,
    pub name: String,
    pub description: String,
    pub direction: Direction,
    pub kind: CriterionKind,
    /// Unit of a measured criterion (e.g. `USD`, `gaps`); empty for judged ones.
    pub unit: String,
    /// What each level of the 1-5 scale means, lowest first (judged criteria).
    pub anchors: Vec<String>,
    /// Raw weight as entered; the ranking normalises all weights to sum to 1.
    pub weight: f64,
    pub position: u32,
    pub source: CriterionSource,
}

/// What the user types to add or edit a criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CriterionInput {
    pub category_id: CategoryId,
    pub name: String,
    pub description: String,
    pub direction: Direction,
    pub kind: CriterionKind,
    pub unit: String,
    pub anchors: Vec<String>,
    pub weight: f64,
    pub source: CriterionSource,
}

impl CriterionInput {
    pub fn validate(&self) -> Result<()> {
        required_text("name", &self.name, 120)?;
        check_weight("weight", self.weight)?;
        if self.source == CriterionSource::LifecycleCost
            && (self.kind != CriterionKind::Measured || self.direction != Direction::Cost)
        {
            return Err(Error::validation(
                "source",
                "a criterion computed from lifecycle cost is measured, and lower is better (cost)",
            ));
        }
        if self.source.compat_area().is_some()
            && (self.kind != CriterionKind::Measured || self.direction != Direction::Benefit)
        {
            return Err(Error::validation(
                "source",
                "a compatibility score is measured (0-100 points), and higher is better (benefit)",
            ));
        }
        if self.kind == CriterionKind::Judged
            && !self.anchors.is_empty()
            && self.anchors.len() != usize::from(SCALE_MAX - SCALE_MIN + 1)
        {
            return Err(Error::validation(
                "anchors",
                format!(
                    "a judged criterion describes all {} levels of its scale, or none ({} given)",
                    SCALE_MAX - SCALE_MIN + 1,
                    self.anchors.len()
                ),
            ));
        }
        if self.kind == CriterionKind::Measured && self.unit.trim().is_empty() {
            return Err(Error::validation(
                "unit",
                "a measured criterion needs a unit (e.g. USD, gaps, minutes)",
            ));
        }
        Ok(())
    }
}

/// Each weight's share of their sum: what the ranking uses, and what the window shows
/// beside each raw weight. All shares are zero when every weight is (the ranking refuses
/// that case; the window says so).
pub fn weight_shares(weights: &[f64]) -> Vec<f64> {
    let total: f64 = weights.iter().sum();
    weights
        .iter()
        .map(|w| if total > 0.0 { w / total } else { 0.0 })
        .collect()
}

/// A weight is a finite number, zero or more. Normalisation happens in the ranking.
pub fn check_weight(field: &str, weight: f64) -> Result<f64> {
    if weight.is_nan() {
        return Err(Error::validation(field, "is not a number (NaN)"));
    }
    if weight.is_infinite() {
        return Err(Error::validation(field, "is infinite"));
    }
    if weight < 0.0 {
        return Err(Error::validation(
            field,
            format!("{weight} is negative; weights must be zero or more"),
        ));
    }
    if weight > 1e6 {
        return Err(Error::validation(
            field,
            format!("{weight} is implausibly large (weights are percentages or ratios)"),
        ));
    }
    Ok(weight)
}

/// Checks an evaluator's score of a criterion: only judged criteria are scored, and a
/// score is on the scale (`None` clears a score and is always allowed).
pub fn check_score(criterion: &Criterion, score: Option<u8>) -> Result<()> {
    if criterion.kind != CriterionKind::Judged {
        return Err(Error::validation(
            "criterion",
            format!("'{}' is measured, not scored by evaluators", criterion.name),
        ));
    }
    if let Some(s) = score {
        if !(SCALE_MIN..=SCALE_MAX).contains(&s) {
            return Err(Error::validation(
                "score",
                format!("{s} is not on the scale {SCALE_MIN} to {SCALE_MAX}"),
            ));
        }
    }
    Ok(())
}

/// The value of a measured criterion typed as text (thousands separators allowed);
/// `None` when the text is missing or blank, which clears the value. Computed criteria
/// are never typed in, and a cost in the quote's currency is not negative.
pub fn measured_value(
    criterion: &Criterion,
    quote_currency: &Currency,
    value: Option<&str>,
) -> Result<Option<Decimal>> {
    check_typed_in(criterion)?;
    let Some(text) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let cleaned: String = text.chars().filter(|c| *c != ',').collect();
    let v = Decimal::from_str(&cleaned)
        .map_err(|_| Error::validation("value", format!("'{text}' is not a number")))?;
    if v.is_sign_negative()
        && criterion.direction == Direction::Cost
        && criterion.unit == quote_currency.as_str()
    {
        return Err(Error::validation(
            "value",
            format!("{v} is a negative cost"),
        ));
    }
    if v.abs() > MAX_AMOUNT {
        return Err(Error::validation(
            "value",
            format!("{v} is implausibly large"),
        ));
    }
    Ok(Some(v))
}

/// A criterion whose values are typed in: measured, and not computed.
fn check_typed_in(criterion: &Criterion) -> Result<()> {
    if criterion.kind != CriterionKind::Measured {
        return Err(Error::validation(
            "criterion",
            format!("'{}' is judged by evaluators, not measured", criterion.name),
        ));
    }
    if criterion.source == CriterionSource::LifecycleCost {
        return Err(Error::validation(
            "criterion",
            format!("'{}' is computed from the candidate's lifecycle-cost model; edit the cost model instead", criterion.name),
        ));
    }
    if criterion.source.compat_area().is_some() {
        return Err(Error::validation(
            "criterion",
            format!("'{}' is computed by the compatibility check; edit the candidate's profile, its MDS2 form or the site profile instead", criterion.name),
        ));
    }
    Ok(())
}

/// A criterion whose kind changes must not have scores or measurements of its old kind.
pub fn check_kind_change(current: &Criterion, kind: CriterionKind, values: i64) -> Result<()> {
    if current.kind != kind && values > 0 {
        return Err(Error::validation(
            "kind",
            format!("'{}' already has {values} scores or measurements; clear them before changing its kind", current.name),
        ));
    }
    Ok(())
}

/// A criterion of the default template, before it belongs to a request.
#[derive(Debug, Clone)]
pub struct TemplateCriterion {
    pub name: &'static str,
    pub description: &'static str,
    pub direction: Direction,
    pub kind: CriterionKind,
    pub unit: &'static str,
    pub anchors: [&'static str; 5],
    /// Percent of the whole.
    pub weight: f64,
    pub source: CriterionSource,
}

impl TemplateCriterion {
    /// The unit in a request's currency (the template's amounts are in USD).
    pub fn unit_in(&self, currency: &Currency) -> String {
        self.unit.replace("USD", currency.as_str())
    }

    /// The scale's anchors as a request keeps them: judged criteria only.
    pub fn kept_anchors(&self) -> Vec<&'static str> {
        if self.kind == CriterionKind::Judged {
            self.anchors.to_vec()
        } else {
            vec![]
        }
    }
}

pub struct TemplateCategory {
    pub name: &'static str,
    pub criteria: Vec<TemplateCriterion>,
}

const fn judged(
    name: &'static str,
    description: &'static str,
    weight: f64,
    anchors: [&'static str; 5],
) -> TemplateCriterion {
    TemplateCriterion {
        name,
        description,
        direction: Direction::Benefit,
        kind: CriterionKind::Judged,
        unit: "",
        anchors,
        weight,
        source: CriterionSource::Entered,
    }
}

/// A criterion computed by the compatibility check: 0-100 points, higher is better.
const fn computed(
    name: &'static str,
    description: &'static str,
    weight: f64,
    source: CriterionSource,
) -> TemplateCriterion {
    TemplateCriterion {
        name,
        description,
        direction: Direction::Benefit,
        kind: CriterionKind::Measured,
        unit: "points",
        anchors: [""; 5],
        weight,
        source,
    }
}

/// The default criteria for a medical device assessment (see DOMAIN.md): clinical
/// effectiveness, EHR and network compatibility, lifecycle cost, vendor and service.
/// Weights are percentages summing to 100.
pub fn default_template() -> Vec<TemplateCategory> {
    vec![
        TemplateCategory {
            name: "Clinical effectiveness",
            criteria: vec![
                judged(
                    "Clinical performance and evidence",
                    "Measurement accuracy, clinical evidence and peer references for the intended use.",
                    12.0,
                    [
                        "Unproven or below the clinical need",
                        "Meets the need with notable limits",
                        "Meets the need",
                        "Exceeds the need with good evidence",
                        "Best in class, strong published evidence",
                    ],
                ),
                judged(
                    "Workflow fit",
                    "Fit to the unit's clinical workflow, transport and patient flow.",
                    8.0,
                    [
                        "Disrupts the workflow",
                        "Needs workarounds",
                        "Fits with minor changes",
                        "Fits well",
                        "Improves the workflow",
                    ],
                ),
                judged(
                    "Usability and human factors",
                    "Ease of use observed in hands-on trials; training burden; error-prone interactions.",
                    8.0,
                    [
                        "Users made critical errors",
                        "Hard to use, much training",
                        "Acceptable after training",
                        "Intuitive for most users",
                        "Intuitive, users preferred it",
                    ],
                ),
                judged(
                    "Patient safety and alarm management",
                    "Alarm configurability, escalation, fail-safe behaviour, safety record (recalls, adverse events).",
                    10.0,
                    [
                        "Open safety concerns or class I recall",
                        "Weak alarm management",
                        "Adequate",
                        "Good alarm management, clean record",
                        "Excellent, supports alarm-fatigue programme",
                    ],
                ),
            ],
        },
        TemplateCategory {
            name: "EHR and network compatibility",
            criteria: vec![
                computed(
                    "EHR integration",
                    "Computed from the compatibility check: HL7 v2, FHIR, the IHE Devices profiles (DEC, ACM, PCIM) \
                     and the site's device-integration middleware, against the site IT profile.",
                    10.0,
                    CriterionSource::EhrScore,
                ),
                computed(
                    "Network compatibility",
                    "Computed from the compatibility check: Wi-Fi bands and security, 802.1X EAP methods, \
                     pre-shared keys, VLAN, addressing and TLS, against the site's network baseline.",
                    6.0,
                    CriterionSource::NetworkScore,
                ),
                computed(
                    "Cybersecurity posture",
                    "Computed from the compatibility check and the MDS2 form: encryption at rest and in transit, \
                     authentication, patching, SBOM, support through the expected life.",
                    8.0,
                    CriterionSource::SecurityScore,
                ),
            ],
        },
        TemplateCategory {
            name: "Lifecycle cost",
            criteria: vec![TemplateCriterion {
                name: "Lifecycle cost",
                description: "Equivalent annual cost from each candidate's lifecycle-cost model (purchase, installation, \
                              service, consumables, energy, disposal, residual value), so that devices with different \
                              expected lives compare fairly; with equal lives it ranks exactly as the NPV does.",
                direction: Direction::Cost,
                kind: CriterionKind::Measured,
                unit: "USD/year",
                anchors: [""; 5],
                weight: 25.0,
                source: CriterionSource::LifecycleCost,
            }],
        },
        TemplateCategory {
            name: "Vendor and service",
            criteria: vec![
                judged(
                    "Service coverage and response",
                    "Service contract terms, on-site response time, parts availability, loaners.",
                    8.0,
                    [
                        "No local service",
                        "Slow response or parts delays",
                        "Standard terms",
                        "Good terms, fast response",
                        "Excellent, guaranteed uptime",
                    ],
                ),
                judged(
                    "Training and vendor stability",
                    "Training offered (clinical and technical), vendor financial stability, product roadmap.",
                    5.0,
                    [
                        "No training, vendor at risk",
                        "Minimal training",
                        "Standard training",
                        "Good training, stable vendor",
                        "Comprehensive, long-term partner",
                    ],
                ),
            ],
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_weights_sum_to_100() {
        let total: f64 = default_template()
            .iter()
            .flat_map(|c| c.criteria.iter())
            .map(|c| c.weight)
            .sum();
        assert!((total - 100.0).abs() < 1e-9, "{total}");
    }

    #[test]
    fn weight_checks() {
        assert!(check_weight("w", 0.0).is_ok());
        assert!(check_weight("w", 12.5).is_ok());
        for bad in [f64::NAN, f64::INFINITY, -0.1, 1e9] {
            let err = check_weight("criteria[3].weight", bad).unwrap_err();
            assert_eq!(err.field(), Some("criteria[3].weight"));
        }
    }
}
