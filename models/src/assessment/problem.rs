//! The request as a decision problem: each candidate's aggregated scores, measured values,
//! computed lifecycle cost and compatibility scores, with disqualified candidates left out.

use std::collections::BTreeMap;

use rust_decimal::prelude::ToPrimitive;

use super::{compatibility, request_lifecycle_with, AssessmentInputs, RequestLifecycle};
use crate::aggregate::{summarize, ScoreSummary};
use crate::compat::{CandidateCompatibility, CompatibilityReport};
use crate::criteria::{Criterion, CriterionKind, CriterionSource, SCALE_MAX, SCALE_MIN};
use crate::domain::Candidate;
use crate::error::{Error, Result};
use crate::ids::{CandidateId, CriterionId};
use crate::ranking::{
    Alternative, DecisionProblem, ProblemCriterion, ReferenceScale, Scale, ValueRange,
};

/// A candidate's computed lifecycle cost (its EAC), or why there is none.
pub(super) type Computed = BTreeMap<CandidateId, std::result::Result<f64, String>>;

/// Evaluator score summaries per (candidate, criterion).
pub(super) type Summaries = BTreeMap<(CandidateId, CriterionId), ScoreSummary>;

type Measured = BTreeMap<(CandidateId, CriterionId), f64>;

pub(super) struct Prepared {
    /// The candidates that can rank (all but the disqualified).
    pub(super) problem: DecisionProblem,
    /// Every candidate, disqualified ones too, for their values.
    pub(super) all: DecisionProblem,
    pub(super) summaries: Summaries,
    pub(super) computed: Computed,
    pub(super) compat: CompatibilityReport,
}

/// The request as a decision problem: each candidate's aggregated scores, measurements and
/// computed lifecycle cost, under the request's method. What the ranking and the
/// sensitivity analysis both work on.
pub fn decision_problem(inputs: &AssessmentInputs) -> Result<DecisionProblem> {
    Ok(prepare(inputs)?.problem)
}

pub(super) fn prepare(inputs: &AssessmentInputs) -> Result<Prepared> {
    check_rankable(inputs)?;
    let judged = judged_scores(inputs);
    let measured = measured_values(inputs)?;
    let compat = compatibility(inputs);
    let computed = computed_costs(&request_lifecycle_with(inputs, &compat));
    let summaries: Summaries = judged
        .iter()
        .filter_map(|(k, v)| summarize(v).map(|s| (*k, s)))
        .collect();
    let values = Values {
        summaries: &summaries,
        measured: &measured,
        computed: &computed,
        compat: &compat,
    };
    let all = DecisionProblem {
        method: inputs.request.method,
        normalization: None,
        criteria: inputs
            .criteria
            .iter()
            .map(|c| problem_criterion(c, inputs.reference_scale))
            .collect(),
        alternatives: inputs
            .candidates
            .iter()
            .map(|cand| values.alternative(cand, &inputs.criteria))
            .collect(),
    };
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

/// A request ranks once it has candidates and criteria.
fn check_rankable(inputs: &AssessmentInputs) -> Result<()> {
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
    Ok(())
}

/// Evaluator scores per (candidate, criterion).
fn judged_scores(inputs: &AssessmentInputs) -> BTreeMap<(CandidateId, CriterionId), Vec<u8>> {
    let mut judged: BTreeMap<(CandidateId, CriterionId), Vec<u8>> = BTreeMap::new();
    for s in &inputs.scores {
        judged
            .entry((s.candidate_id, s.criterion_id))
            .or_default()
            .push(s.score);
    }
    judged
}

/// Measured values per (candidate, criterion), as numbers for normalisation.
fn measured_values(inputs: &AssessmentInputs) -> Result<Measured> {
    inputs
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
        .collect::<Result<_>>()
}

/// Each candidate's EAC, or why it has none.
fn computed_costs(lifecycle: &RequestLifecycle) -> Computed {
    lifecycle
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
        .collect()
}

/// A criterion of the decision problem: judged criteria on the 1-5 scale, compatibility
/// scores on 0-100, other measured values (the lifecycle cost among them) on the request's
/// reference scale.
fn problem_criterion(c: &Criterion, reference: ReferenceScale) -> ProblemCriterion {
    let fixed = c.kind == CriterionKind::Judged || c.source.compat_area().is_some();
    ProblemCriterion {
        reference: (!fixed).then_some(reference),
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
    }
}

/// Where each kind of criterion's value comes from.
struct Values<'a> {
    summaries: &'a Summaries,
    measured: &'a Measured,
    computed: &'a Computed,
    compat: &'a CompatibilityReport,
}

impl Values<'_> {
    fn alternative(&self, cand: &Candidate, criteria: &[Criterion]) -> Alternative {
        Alternative {
            id: cand.id.to_string(),
            name: Some(cand.label()),
            values: criteria
                .iter()
                .map(|c| (c.id.to_string(), self.value(cand, c)))
                .collect(),
            ranges: criteria
                .iter()
                .filter_map(|c| Some((c.id.to_string(), self.range(cand, c)?)))
                .collect(),
        }
    }

    /// The range of a compatibility score with unconfirmed points: all failed to all
    /// passed (its value is the middle).
    fn range(&self, cand: &Candidate, c: &Criterion) -> Option<ValueRange> {
        let area = c
            .source
            .compat_area()
            .filter(|_| c.kind == CriterionKind::Measured)?;
        let (low, high) = compat_of(self.compat, cand.id)?.score_range(area)?;
        (high > low).then_some(ValueRange { low, high })
    }

    fn value(&self, cand: &Candidate, c: &Criterion) -> Option<f64> {
        let key = (cand.id, c.id);
        match (c.kind, c.source) {
            (CriterionKind::Judged, _) => self.summaries.get(&key).map(|s| s.mean),
            (CriterionKind::Measured, CriterionSource::LifecycleCost) => self
                .computed
                .get(&cand.id)
                .and_then(|v| v.as_ref().ok())
                .copied(),
            (CriterionKind::Measured, CriterionSource::Entered) => self.measured.get(&key).copied(),
            (CriterionKind::Measured, source) => source
                .compat_area()
                .and_then(|area| compat_of(self.compat, cand.id).and_then(|cc| cc.score(area))),
        }
    }
}

/// The candidate an alternative of the request's decision problem stands for.
pub(super) fn candidate_of<'a>(inputs: &'a AssessmentInputs, key: &str) -> Option<&'a Candidate> {
    let id: CandidateId = key.parse().ok()?;
    inputs.candidates.iter().find(|c| c.id == id)
}

/// The criterion a criterion of the request's decision problem stands for.
pub(super) fn criterion_of<'a>(inputs: &'a AssessmentInputs, key: &str) -> Option<&'a Criterion> {
    let id: CriterionId = key.parse().ok()?;
    inputs.criteria.iter().find(|c| c.id == id)
}

pub(super) fn compat_of(
    report: &CompatibilityReport,
    id: CandidateId,
) -> Option<&CandidateCompatibility> {
    report.candidates.iter().find(|c| c.candidate_id == id)
}
