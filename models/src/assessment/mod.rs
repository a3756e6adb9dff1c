//! The ranked comparison of one capital request's candidates.
//!
//! Gathers what the store holds (candidates, criteria, evaluator scores, measurements),
//! aggregates the evaluators' scores per criterion, and ranks through the one engine in
//! [`crate::ranking`]. The CLI, the desktop app and the tests all call [`assess`].
//!
//! `problem` builds the request's decision problem, `ranked` turns the engine's ranking
//! into the request's ranked comparison; this file holds the inputs, the result types, the
//! request's compatibility and lifecycle costs, and the evaluators' agreement.

mod problem;
mod ranked;

pub use problem::decision_problem;
pub use ranked::assess;

use std::sync::atomic::AtomicBool;

use serde::Serialize;
use ts_rs::TS;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::aggregate::{summarize, ScoreSummary};
use crate::compat::{assess_compatibility, CandidateContext, CompatInputs, CompatibilityReport};
use crate::criteria::{Category, Criterion, CriterionKind, Direction};
use crate::domain::{Candidate, CapitalRequest, Evaluator, EvaluatorScore, Measurement};
use crate::error::{Error, Result};
use crate::ids::{CandidateId, CriterionId, EvaluatorId, RequestId};
use crate::lifecycle::{lifecycle_cost, Assumptions, CostModel, LifecycleCost};
use crate::money::{Currency, Money};
use crate::quote::QuoteWarning;
use crate::ranking::{Method, ReferenceScale, ValueRange};
use crate::sensitivity::{sensitivity, Progress, SensitivityOptions, SensitivityResult};

/// Everything the ranking of one request reads.
#[derive(Debug, Clone)]
pub struct AssessmentInputs {
    pub request: CapitalRequest,
    pub candidates: Vec<Candidate>,
    pub categories: Vec<Category>,
    pub criteria: Vec<Criterion>,
    pub evaluators: Vec<Evaluator>,
    pub scores: Vec<EvaluatorScore>,
    pub measurements: Vec<Measurement>,
    /// Cost models by candidate id (candidates without one are absent).
    pub cost_models: Vec<(CandidateId, CostModel)>,
    pub assumptions: Assumptions,
    /// Site profile, candidates' profiles and MDS2 forms, rule table.
    pub compat: CompatInputs,
    /// The scale the request's measured criteria (lifecycle cost, entered values) are
    /// read on.
    pub reference_scale: ReferenceScale,
    /// The date a quote's validity is judged on; `None` flags no quote as expired.
    pub as_of: Option<NaiveDate>,
}

impl AssessmentInputs {
    /// The inputs with quotes judged as of `date`.
    pub fn as_of(self, date: NaiveDate) -> Self {
        AssessmentInputs {
            as_of: Some(date),
            ..self
        }
    }
}

/// The date a request's devices enter service: the purchase date of its assumptions, or
/// the first day of its fiscal year.
pub fn in_service_date(inputs: &AssessmentInputs) -> NaiveDate {
    inputs.assumptions.purchase_date.unwrap_or_else(|| {
        let m = inputs.assumptions.fiscal_year_start_month.clamp(1, 12);
        let year = if m == 1 {
            inputs.request.fiscal_year
        } else {
            inputs.request.fiscal_year - 1
        };
        NaiveDate::from_ymd_opt(year, m, 1).unwrap_or_default()
    })
}

/// The sensitivity analysis of a request's decision problem (the ranking's own, so that
/// both agree), reporting progress and stopping when `cancel` is set. Takes inputs already
/// read so that a caller can let go of the portfolio while it samples.
pub fn request_sensitivity(
    inputs: &AssessmentInputs,
    options: &SensitivityOptions,
    progress: Progress<'_>,
    cancel: &AtomicBool,
) -> Result<SensitivityResult> {
    sensitivity(&decision_problem(inputs)?, options, progress, cancel)
}

/// Every candidate checked against the site profile through the rule table.
pub fn compatibility(inputs: &AssessmentInputs) -> CompatibilityReport {
    let in_service = in_service_date(inputs);
    let contexts: Vec<CandidateContext<'_>> = inputs
        .candidates
        .iter()
        .map(|c| CandidateContext {
            candidate: c,
            in_service,
            expected_life_years: inputs
                .cost_models
                .iter()
                .find(|(id, _)| *id == c.id)
                .map(|(_, m)| m.expected_life_years),
        })
        .collect();
    assess_compatibility(inputs.request.id, &inputs.compat, &contexts)
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RankingCriterion {
    pub id: CriterionId,
    pub category: String,
    pub name: String,
    pub kind: CriterionKind,
    pub direction: Direction,
    pub unit: String,
    /// Normalised weight: all criteria's weights sum to 1.
    pub weight: f64,
    /// The weight as shown: a percentage to 0.1 (`12.5 %`).
    pub weight_shown: String,
    /// The scale its values are read on, in words ("fixed 1-5 scale").
    pub scale_text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RankingCell {
    pub criterion_id: CriterionId,
    /// The value ranked: the evaluators' mean score (judged) or the measurement (measured).
    pub value: Option<f64>,
    /// 0..1, 1 best.
    pub normalized: Option<f64>,
    /// Normalised weight x normalised value; a candidate's contributions sum to its score.
    pub contribution: Option<f64>,
    /// The contribution as shown: points of 100 to 0.1 (the one rounding rule).
    pub contribution_shown: Option<String>,
    /// The range of an unconfirmed value (compatibility points nothing states yet): all
    /// failed to all passed; `value` is its middle.
    pub range: Option<ValueRange>,
    /// The evaluators' scores (judged criteria only).
    pub summary: Option<ScoreSummary>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RankedCandidate {
    pub candidate_id: CandidateId,
    /// Manufacturer and model.
    pub label: String,
    pub vendor: String,
    /// 1 is best; candidates that share a rank are tied; `null` while a value is missing.
    pub rank: Option<u32>,
    /// Weighted score in 0..1; `null` while a value is missing. With unconfirmed values it
    /// counts each at the middle of its range.
    pub score: Option<f64>,
    /// The score with every unconfirmed value failed (low) and passed (high), the other
    /// candidates as they are; equal to `score` when nothing is unconfirmed.
    pub score_low: Option<f64>,
    pub score_high: Option<f64>,
    /// The rank it would take at `score_low` and at `score_high`.
    pub rank_low: Option<u32>,
    pub rank_high: Option<u32>,
    /// The scores as shown, points of 100 to 0.1: `score`, `score_low`, `score_high`.
    pub score_shown: Option<String>,
    pub score_low_shown: Option<String>,
    pub score_high_shown: Option<String>,
    /// Criteria with an unconfirmed value.
    pub unconfirmed: Vec<CriterionId>,
    /// What confirming them could do to its rank, in words; `null` when nothing.
    pub unconfirmed_note: Option<String>,
    pub tied: bool,
    pub quoted_total: Money,
    /// One cell per criterion, in the order of `RequestRanking.criteria`.
    pub cells: Vec<RankingCell>,
    /// Confirmed blocking compatibility gaps (see the compatibility check).
    pub blocking_gaps: u32,
    /// Left out of the ranking for a blocking gap (the request disqualifies on them).
    pub disqualified: bool,
    /// The quote in one line: validity, quoted quantity, FDA product code.
    pub quote: String,
    /// What needs attention in the quote (another quantity than the request's, expired,
    /// no FDA product code).
    pub quote_warnings: Vec<QuoteWarning>,
}

/// A candidate and criterion with no value: no evaluator scored it, nothing was measured,
/// or its cost model is missing or invalid.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MissingScore {
    pub candidate_id: CandidateId,
    pub criterion_id: CriterionId,
    pub candidate: String,
    pub criterion: String,
    /// Why, in words a committee member understands.
    pub reason: String,
}

/// Each candidate's lifecycle cost, or why it has none.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CandidateLifecycle {
    pub candidate_id: CandidateId,
    pub label: String,
    pub lifecycle: Option<LifecycleCost>,
    /// Set when there is no lifecycle cost: no cost model yet, or the model is invalid.
    pub problem: Option<String>,
    /// Remediation of compatibility gaps, included in the IT integration cost (year 0).
    #[serde(with = "crate::money::decimal_text")]
    #[ts(type = "string")]
    pub remediation: Decimal,
}

/// The lifecycle costs of a request's candidates, compared on equivalent annual cost.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RequestLifecycle {
    pub request_id: RequestId,
    pub assumptions: Assumptions,
    pub candidates: Vec<CandidateLifecycle>,
    /// True when the candidates' expected lives differ: compare them on EAC, not NPV.
    pub unequal_lives: bool,
}

/// Computes every candidate's lifecycle cost under the request's assumptions.
pub fn request_lifecycle(inputs: &AssessmentInputs) -> RequestLifecycle {
    request_lifecycle_with(inputs, &compatibility(inputs))
}

/// The same, with the compatibility check already made (its remediation costs count).
pub fn request_lifecycle_with(
    inputs: &AssessmentInputs,
    compat: &CompatibilityReport,
) -> RequestLifecycle {
    let candidates: Vec<CandidateLifecycle> = inputs
        .candidates
        .iter()
        .map(|c| {
            let model = inputs
                .cost_models
                .iter()
                .find(|(id, _)| *id == c.id)
                .map(|(_, m)| m);
            let remediation = compat
                .candidates
                .iter()
                .find(|cc| cc.candidate_id == c.id)
                .map_or(Decimal::ZERO, |cc| cc.remediation_total);
            let (lifecycle, problem) = match model {
                None => (None, Some("no cost model yet".to_string())),
                Some(m) => match with_remediation(m, remediation)
                    .and_then(|m| lifecycle_cost(&m, &inputs.assumptions))
                {
                    Ok(lc) => (Some(lc), None),
                    Err(e) => (None, Some(format!("cost model: {e}"))),
                },
            };
            CandidateLifecycle {
                candidate_id: c.id,
                label: c.label(),
                lifecycle,
                problem,
                remediation,
            }
        })
        .collect();
    let mut lives = candidates
        .iter()
        .filter_map(|c| c.lifecycle.as_ref().map(|l| l.expected_life_years));
    let first = lives.next();
    let unequal_lives = lives.any(|l| Some(l) != first);
    RequestLifecycle {
        request_id: inputs.request.id,
        assumptions: inputs.assumptions.clone(),
        candidates,
        unequal_lives,
    }
}

/// The lifecycle cost a candidate would have with an unsaved cost model: the model as
/// typed plus the remediation of the compatibility gaps it would then have (its expected
/// life can change the support-through-life check). The cost-model editor's live figures;
/// an invalid model is the engine's error, naming the field.
pub fn preview_candidate_lifecycle(
    inputs: &AssessmentInputs,
    candidate_id: CandidateId,
    model: &CostModel,
) -> Result<LifecycleCost> {
    let mut inputs = inputs.clone();
    inputs.candidates.retain(|c| c.id == candidate_id);
    if inputs.candidates.is_empty() {
        return Err(Error::not_found("candidate", candidate_id));
    }
    inputs.cost_models = vec![(candidate_id, model.clone())];
    let remediation = compatibility(&inputs)
        .candidates
        .first()
        .map_or(Decimal::ZERO, |c| c.remediation_total);
    lifecycle_cost(&with_remediation(model, remediation)?, &inputs.assumptions)
}

/// The cost model with the compatibility gaps' remediation added to its IT integration.
fn with_remediation(model: &CostModel, remediation: Decimal) -> Result<CostModel> {
    let it_integration = model
        .it_integration
        .checked_add(remediation)
        .ok_or_else(|| {
            Error::validation(
                "it_integration",
                format!(
                    "{} with the remediation of {remediation} overflows",
                    model.it_integration
                ),
            )
        })?;
    Ok(CostModel {
        it_integration,
        ..model.clone()
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct EvaluatorCoverage {
    pub evaluator_id: EvaluatorId,
    pub name: String,
    pub scored: u32,
    /// Judged criteria x candidates.
    pub expected: u32,
}

/// The ranked comparison of a request's candidates.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RequestRanking {
    pub request_id: RequestId,
    pub title: String,
    pub currency: Currency,
    pub method: Method,
    /// The scale the request's measured criteria are read on (a setting of the request).
    pub reference_scale: ReferenceScale,
    pub criteria: Vec<RankingCriterion>,
    /// Best first; unranked (incomplete) candidates last.
    pub candidates: Vec<RankedCandidate>,
    pub missing: Vec<MissingScore>,
    /// Evaluators who scored anything in this request, with how much of the grid they filled.
    pub coverage: Vec<EvaluatorCoverage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct EvaluatorMark {
    pub evaluator_id: EvaluatorId,
    pub evaluator: String,
    pub score: u8,
    pub comment: String,
}

/// The evaluators' scores of one candidate on one judged criterion.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AgreementCell {
    pub candidate_id: CandidateId,
    pub criterion_id: CriterionId,
    pub candidate: String,
    pub criterion: String,
    pub summary: ScoreSummary,
    pub marks: Vec<EvaluatorMark>,
}

/// How much the evaluators agree, with the biggest disagreements first so the committee
/// discusses those first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Agreement {
    pub request_id: RequestId,
    /// Cells scored by two or more evaluators, largest spread (then deviation) first.
    pub cells: Vec<AgreementCell>,
    /// Cells where the evaluators differ by 2 points or more.
    pub disagreements: u32,
    /// Share of multiply-scored cells whose scores are within 1 point: the overall agreement.
    pub agreement_share: Option<f64>,
    /// Mean of the cells' sample standard deviations.
    pub mean_std_dev: Option<f64>,
}

/// Evaluator agreement over a request's judged criteria.
pub fn agreement(inputs: &AssessmentInputs) -> Agreement {
    let mut cells = Vec::new();
    for cand in &inputs.candidates {
        for crit in inputs
            .criteria
            .iter()
            .filter(|c| c.kind == CriterionKind::Judged)
        {
            let marks: Vec<EvaluatorMark> = inputs
                .scores
                .iter()
                .filter(|s| s.candidate_id == cand.id && s.criterion_id == crit.id)
                .map(|s| EvaluatorMark {
                    evaluator_id: s.evaluator_id,
                    evaluator: inputs
                        .evaluators
                        .iter()
                        .find(|e| e.id == s.evaluator_id)
                        .map_or_else(
                            || format!("evaluator {}", s.evaluator_id),
                            |e| e.name.clone(),
                        ),
                    score: s.score,
                    comment: s.comment.clone(),
                })
                .collect();
            if marks.len() < 2 {
                continue;
            }
            let scores: Vec<u8> = marks.iter().map(|m| m.score).collect();
            if let Some(summary) = summarize(&scores) {
                cells.push(AgreementCell {
                    candidate_id: cand.id,
                    criterion_id: crit.id,
                    candidate: cand.label(),
                    criterion: crit.name.clone(),
                    summary,
                    marks,
                });
            }
        }
    }
    cells.sort_by(|a, b| {
        (b.summary.max - b.summary.min)
            .cmp(&(a.summary.max - a.summary.min))
            .then(b.summary.std_dev.total_cmp(&a.summary.std_dev))
    });
    let n = cells.len() as f64;
    let within_one = cells
        .iter()
        .filter(|c| c.summary.max - c.summary.min <= 1)
        .count() as f64;
    Agreement {
        request_id: inputs.request.id,
        disagreements: cells.iter().filter(|c| c.summary.disagreement).count() as u32,
        agreement_share: (n > 0.0).then(|| within_one / n),
        mean_std_dev: (n > 0.0).then(|| cells.iter().map(|c| c.summary.std_dev).sum::<f64>() / n),
        cells,
    }
}
