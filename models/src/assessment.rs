//! The ranked comparison of one capital request's candidates.
//!
//! Gathers what the store holds (candidates, criteria, evaluator scores, measurements),
//! aggregates the evaluators' scores per criterion, and ranks through the one engine in
//! [`crate::ranking`]. The CLI, the desktop app and the tests all call [`assess`].

use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;

use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;
use ts_rs::TS;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::aggregate::{summarize, ScoreSummary};
use crate::compat::{
    assess_compatibility, CandidateCompatibility, CandidateContext, CompatInputs,
    CompatibilityReport,
};
use crate::criteria::{
    Category, Criterion, CriterionKind, CriterionSource, Direction, SCALE_MAX, SCALE_MIN,
};
use crate::domain::{Candidate, CapitalRequest, Evaluator, EvaluatorScore, Measurement};
use crate::error::{Error, Result};
use crate::ids::{CandidateId, CategoryId, CriterionId, EvaluatorId, RequestId};
use crate::lifecycle::{lifecycle_cost, Assumptions, CostModel, LifecycleCost};
use crate::money::{Currency, Money};
use crate::ranking::{self, Alternative, DecisionProblem, Method, ProblemCriterion, Scale};
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
    /// Weighted score in 0..1; `null` while a value is missing.
    pub score: Option<f64>,
    pub tied: bool,
    pub quoted_total: Money,
    /// One cell per criterion, in the order of `RequestRanking.criteria`.
    pub cells: Vec<RankingCell>,
    /// Confirmed blocking compatibility gaps (see the compatibility check).
    pub blocking_gaps: u32,
    /// Left out of the ranking for a blocking gap (the request disqualifies on them).
    pub disqualified: bool,
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
                Some(m) => match lifecycle_cost(
                    &CostModel {
                        it_integration: m.it_integration + remediation,
                        ..m.clone()
                    },
                    &inputs.assumptions,
                ) {
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
    lifecycle_cost(
        &CostModel {
            it_integration: model.it_integration + remediation,
            ..model.clone()
        },
        &inputs.assumptions,
    )
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
    pub criteria: Vec<RankingCriterion>,
    /// Best first; unranked (incomplete) candidates last.
    pub candidates: Vec<RankedCandidate>,
    pub missing: Vec<MissingScore>,
    /// Evaluators who scored anything in this request, with how much of the grid they filled.
    pub coverage: Vec<EvaluatorCoverage>,
}

/// The request as a decision problem: each candidate's aggregated scores, measurements and
/// computed lifecycle cost, under the request's method. What the ranking and the
/// sensitivity analysis both work on.
pub fn decision_problem(inputs: &AssessmentInputs) -> Result<DecisionProblem> {
    Ok(prepare(inputs)?.problem)
}

struct Prepared {
    /// The candidates that can rank (all but the disqualified).
    problem: DecisionProblem,
    /// Every candidate, disqualified ones too, for their values.
    all: DecisionProblem,
    summaries: BTreeMap<(CandidateId, CriterionId), ScoreSummary>,
    computed: BTreeMap<CandidateId, std::result::Result<f64, String>>,
    compat: CompatibilityReport,
}

fn prepare(inputs: &AssessmentInputs) -> Result<Prepared> {
    if inputs.candidates.is_empty() {
        return Err(Error::validation(
            "candidates",
            format!(
                "request {} has no candidates yet; add at least one to rank",
                inputs.request.id
            ),
        ));
    }
    if inputs.criteria.is_empty() {
        return Err(Error::validation(
            "criteria",
            format!("request {} has no criteria yet", inputs.request.id),
        ));
    }
    // Evaluator scores per (candidate, criterion).
    let mut judged: BTreeMap<(CandidateId, CriterionId), Vec<u8>> = BTreeMap::new();
    for s in &inputs.scores {
        judged
            .entry((s.candidate_id, s.criterion_id))
            .or_default()
            .push(s.score);
    }
    let measured: BTreeMap<(CandidateId, CriterionId), f64> = inputs
        .measurements
        .iter()
        .map(|m| {
            let v = m.value.to_f64().ok_or_else(|| Error::Corrupt {
                place: format!(
                    "measurement of candidate {} on criterion {}",
                    m.candidate_id, m.criterion_id
                ),
                message: format!("{} does not convert to a number", m.value),
            })?;
            Ok(((m.candidate_id, m.criterion_id), v))
        })
        .collect::<Result<_>>()?;

    let compat = compatibility(inputs);
    let lifecycle = request_lifecycle_with(inputs, &compat);
    let computed: BTreeMap<CandidateId, std::result::Result<f64, String>> = lifecycle
        .candidates
        .iter()
        .map(|c| {
            let v = match (&c.lifecycle, &c.problem) {
                (Some(lc), _) => lc
                    .eac
                    .to_f64()
                    .ok_or_else(|| "equivalent annual cost out of range".to_string()),
                (None, problem) => Err(problem.clone().unwrap_or_default()),
            };
            (c.candidate_id, v)
        })
        .collect();

    let summaries: BTreeMap<(CandidateId, CriterionId), ScoreSummary> = judged
        .iter()
        .filter_map(|(k, v)| summarize(v).map(|s| (*k, s)))
        .collect();

    let problem = DecisionProblem {
        method: inputs.request.method,
        normalization: None,
        criteria: inputs
            .criteria
            .iter()
            .map(|c| ProblemCriterion {
                id: c.id.to_string(),
                name: Some(c.name.clone()),
                weight: c.weight,
                direction: c.direction,
                scale: if c.kind == CriterionKind::Judged {
                    Some(Scale {
                        min: f64::from(SCALE_MIN),
                        max: f64::from(SCALE_MAX),
                    })
                } else if c.source.compat_area().is_some() {
                    Some(Scale {
                        min: 0.0,
                        max: 100.0,
                    })
                } else {
                    None
                },
            })
            .collect(),
        alternatives: inputs
            .candidates
            .iter()
            .map(|cand| Alternative {
                id: cand.id.to_string(),
                name: Some(cand.label()),
                values: inputs
                    .criteria
                    .iter()
                    .map(|c| {
                        let key = (cand.id, c.id);
                        let v = match (c.kind, c.source) {
                            (CriterionKind::Judged, _) => summaries.get(&key).map(|s| s.mean),
                            (CriterionKind::Measured, CriterionSource::LifecycleCost) => computed
                                .get(&cand.id)
                                .and_then(|v| v.as_ref().ok())
                                .copied(),
                            (CriterionKind::Measured, CriterionSource::Entered) => {
                                measured.get(&key).copied()
                            }
                            (CriterionKind::Measured, source) => {
                                source.compat_area().and_then(|area| {
                                    compat_of(&compat, cand.id).and_then(|cc| cc.score(area))
                                })
                            }
                        };
                        (c.id.to_string(), v)
                    })
                    .collect(),
            })
            .collect(),
    };
    let all = problem;
    // The alternatives are the candidates, in the same order.
    let problem = DecisionProblem {
        alternatives: inputs
            .candidates
            .iter()
            .zip(&all.alternatives)
            .filter(|(c, _)| !compat_of(&compat, c.id).is_some_and(|cc| cc.disqualified))
            .map(|(_, a)| a.clone())
            .collect(),
        ..all.clone()
    };
    Ok(Prepared {
        problem,
        all,
        summaries,
        computed,
        compat,
    })
}

/// The candidate an alternative of the request's decision problem stands for.
fn candidate_of<'a>(inputs: &'a AssessmentInputs, key: &str) -> Option<&'a Candidate> {
    let id: CandidateId = key.parse().ok()?;
    inputs.candidates.iter().find(|c| c.id == id)
}

/// The criterion a criterion of the request's decision problem stands for.
fn criterion_of<'a>(inputs: &'a AssessmentInputs, key: &str) -> Option<&'a Criterion> {
    let id: CriterionId = key.parse().ok()?;
    inputs.criteria.iter().find(|c| c.id == id)
}

fn compat_of(report: &CompatibilityReport, id: CandidateId) -> Option<&CandidateCompatibility> {
    report.candidates.iter().find(|c| c.candidate_id == id)
}

/// Ranks a request's candidates by its method over aggregated scores, measurements and
/// computed lifecycle costs.
pub fn assess(inputs: &AssessmentInputs) -> Result<RequestRanking> {
    let Prepared {
        problem,
        all,
        summaries,
        computed,
        compat,
    } = prepare(inputs)?;
    let category_name = |id: CategoryId| {
        inputs
            .categories
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    };

    // With every candidate disqualified, rank them all only to report the weights.
    let nobody_eligible = problem.alternatives.is_empty();
    let mut ranking = ranking::rank(if nobody_eligible { &all } else { &problem })
        .map_err(|e| rename_fields(e, inputs))?;
    if nobody_eligible {
        ranking.alternatives.clear();
        ranking.missing.clear();
    }

    let criteria: Vec<RankingCriterion> = inputs
        .criteria
        .iter()
        .zip(&ranking.criteria)
        .map(|(c, rc)| RankingCriterion {
            id: c.id,
            category: category_name(c.category_id),
            name: c.name.clone(),
            kind: c.kind,
            direction: c.direction,
            unit: c.unit.clone(),
            weight: rc.weight,
        })
        .collect();

    let candidates = ranking
        .alternatives
        .iter()
        .map(|alt| {
            let cand = candidate_of(inputs, &alt.id)
                .ok_or_else(|| Error::not_found("candidate", &alt.id))?;
            let cells = inputs
                .criteria
                .iter()
                .map(|c| {
                    let key = c.id.to_string();
                    RankingCell {
                        criterion_id: c.id,
                        value: all
                            .alternatives
                            .iter()
                            .find(|a| a.id == alt.id)
                            .and_then(|a| a.values.get(&key).copied().flatten()),
                        normalized: alt.normalized.get(&key).copied(),
                        contribution: alt.contributions.get(&key).copied(),
                        summary: summaries.get(&(cand.id, c.id)).cloned(),
                    }
                })
                .collect();
            let cc = compat_of(&compat, cand.id);
            Ok(RankedCandidate {
                candidate_id: cand.id,
                label: cand.label(),
                vendor: cand.vendor.clone(),
                rank: alt.rank,
                score: alt.score,
                tied: alt.tied,
                quoted_total: cand.quoted_total(),
                cells,
                blocking_gaps: cc.map_or(0, |c| c.blocking),
                disqualified: false,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    // Disqualified candidates last, unranked, with their values for reference.
    let mut candidates = candidates;
    for cc in compat.candidates.iter().filter(|c| c.disqualified) {
        let Some(cand) = inputs.candidates.iter().find(|c| c.id == cc.candidate_id) else {
            continue;
        };
        let values = inputs
            .candidates
            .iter()
            .zip(&all.alternatives)
            .find(|(c, _)| c.id == cand.id)
            .map(|(_, a)| a.values.clone())
            .unwrap_or_default();
        candidates.push(RankedCandidate {
            candidate_id: cand.id,
            label: cand.label(),
            vendor: cand.vendor.clone(),
            rank: None,
            score: None,
            tied: false,
            quoted_total: cand.quoted_total(),
            cells: inputs
                .criteria
                .iter()
                .map(|c| RankingCell {
                    criterion_id: c.id,
                    value: values.get(&c.id.to_string()).copied().flatten(),
                    normalized: None,
                    contribution: None,
                    summary: summaries.get(&(cand.id, c.id)).cloned(),
                })
                .collect(),
            blocking_gaps: cc.blocking,
            disqualified: true,
        });
    }

    let missing = ranking
        .missing
        .iter()
        .filter_map(|m| {
            let cand = candidate_of(inputs, &m.alternative)?;
            let crit = criterion_of(inputs, &m.criterion)?;
            let reason = match (crit.kind, crit.source) {
                (CriterionKind::Judged, _) => "no evaluator has scored it".to_string(),
                (CriterionKind::Measured, CriterionSource::Entered) => {
                    "no value entered".to_string()
                }
                (CriterionKind::Measured, CriterionSource::LifecycleCost) => computed
                    .get(&cand.id)
                    .and_then(|v| v.as_ref().err())
                    .cloned()
                    .unwrap_or_else(|| "no cost model yet".to_string()),
                (CriterionKind::Measured, _) => {
                    "no compatibility profile or MDS2 form yet".to_string()
                }
            };
            Some(MissingScore {
                candidate_id: cand.id,
                criterion_id: crit.id,
                candidate: cand.label(),
                criterion: crit.name.clone(),
                reason,
            })
        })
        .collect();

    let judged_count = inputs
        .criteria
        .iter()
        .filter(|c| c.kind == CriterionKind::Judged)
        .count();
    let expected = (judged_count * inputs.candidates.len()) as u32;
    let coverage = inputs
        .evaluators
        .iter()
        .filter_map(|e| {
            let scored = inputs
                .scores
                .iter()
                .filter(|s| s.evaluator_id == e.id)
                .count() as u32;
            (scored > 0).then(|| EvaluatorCoverage {
                evaluator_id: e.id,
                name: e.name.clone(),
                scored,
                expected,
            })
        })
        .collect();

    Ok(RequestRanking {
        request_id: inputs.request.id,
        title: inputs.request.title.clone(),
        currency: inputs.request.currency.clone(),
        method: ranking.method,
        criteria,
        candidates,
        missing,
        coverage,
    })
}

/// The engine names criteria by index; say which criterion the user knows.
fn rename_fields(e: Error, inputs: &AssessmentInputs) -> Error {
    match e {
        Error::Validation { field, message } if field == "criteria" => Error::Validation {
            field: "weights".into(),
            message,
        },
        Error::Validation { field, message } => {
            let named = inputs
                .criteria
                .iter()
                .enumerate()
                .find(|(i, _)| field.starts_with(&format!("criteria[{i}]")))
                .map(|(_, c)| format!("criterion '{}'", c.name));
            Error::Validation {
                field: named.unwrap_or(field),
                message,
            }
        }
        other => other,
    }
}

/// One evaluator's score in an agreement cell.
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
