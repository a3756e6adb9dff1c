//! The ranked comparison of a request's candidates: the engine's ranking in the request's
//! terms (criteria by category, each candidate's cells, disqualified candidates last), the
//! missing values with their reasons, and each evaluator's coverage.

use super::problem::{candidate_of, compat_of, criterion_of, prepare, Computed, Prepared};
use super::{
    AssessmentInputs, EvaluatorCoverage, MissingScore, RankedCandidate, RankingCell,
    RankingCriterion, RequestRanking,
};
use crate::criteria::{CriterionKind, CriterionSource};
use crate::error::{Error, Result};
use crate::ids::CategoryId;
use crate::quote::{quote_line, quote_warnings};
use crate::ranking::shown::{percent_1dp, points};
use crate::ranking::{self, unconfirmed_sentence, Normalization, RankedCriterion, Ranking};

/// Ranks a request's candidates by its method over aggregated scores, measurements and
/// computed lifecycle costs.
pub fn assess(inputs: &AssessmentInputs) -> Result<RequestRanking> {
    let prepared = prepare(inputs)?;
    // With every candidate disqualified, rank them all only to report the weights.
    let nobody_eligible = prepared.problem.alternatives.is_empty();
    let mut ranking = ranking::rank(if nobody_eligible {
        &prepared.all
    } else {
        &prepared.problem
    })
    .map_err(|e| rename_fields(e, inputs))?;
    if nobody_eligible {
        ranking.alternatives.clear();
        ranking.missing.clear();
    }
    let mut candidates = ranked_candidates(inputs, &ranking, &prepared)?;
    candidates.extend(disqualified_candidates(inputs, &prepared));
    Ok(RequestRanking {
        request_id: inputs.request.id,
        title: inputs.request.title.clone(),
        currency: inputs.request.currency.clone(),
        method: ranking.method,
        reference_scale: inputs.reference_scale,
        criteria: ranking_criteria(inputs, &ranking),
        candidates,
        missing: missing_scores(inputs, &ranking, &prepared.computed),
        coverage: evaluator_coverage(inputs),
    })
}

/// The request's criteria with their categories and normalised weights.
fn ranking_criteria(inputs: &AssessmentInputs, ranking: &Ranking) -> Vec<RankingCriterion> {
    let category_name = |id: CategoryId| {
        inputs
            .categories
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.clone())
            .unwrap_or_default()
    };
    inputs
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
            weight_shown: percent_1dp(rc.weight),
            scale_text: scale_text(rc, ranking.normalization),
        })
        .collect()
}

/// The scale a criterion's values are read on, in words.
fn scale_text(rc: &RankedCriterion, normalization: Normalization) -> String {
    let number = |x: f64| ranking::shown::decimal_text(x, 0);
    match (normalization, rc.scale, rc.reference) {
        (Normalization::Vector, _, _) => "vector-normalised over the candidates".into(),
        (_, Some(s), _) => format!("fixed {}-{} scale", number(s.min), number(s.max)),
        (_, None, Some(r)) => r.describe(rc.direction),
        (Normalization::MinMax, None, None) => {
            crate::ranking::ReferenceScale::MinMax.describe(rc.direction)
        }
        (Normalization::LinearMax, None, None) => {
            crate::ranking::ReferenceScale::RatioToBest.describe(rc.direction)
        }
        (Normalization::Sum, None, None) => "divided by the sum over the candidates".into(),
        (Normalization::None, None, None) => "as given".into(),
    }
}

/// The ranked candidates, best first, each with its value, normalised value and
/// contribution per criterion.
fn ranked_candidates(
    inputs: &AssessmentInputs,
    ranking: &Ranking,
    prepared: &Prepared,
) -> Result<Vec<RankedCandidate>> {
    ranking
        .alternatives
        .iter()
        .map(|alt| {
            let cand = candidate_of(inputs, &alt.id)
                .ok_or_else(|| Error::not_found("candidate", &alt.id))?;
            let own = prepared.all.alternatives.iter().find(|a| a.id == alt.id);
            let cells = inputs
                .criteria
                .iter()
                .map(|c| {
                    let key = c.id.to_string();
                    let contribution = alt.contributions.get(&key).copied();
                    RankingCell {
                        criterion_id: c.id,
                        value: own.and_then(|a| a.values.get(&key).copied().flatten()),
                        normalized: alt.normalized.get(&key).copied(),
                        contribution,
                        contribution_shown: contribution.map(points),
                        range: own.and_then(|a| a.ranges.get(&key).copied()),
                        summary: prepared.summaries.get(&(cand.id, c.id)).cloned(),
                    }
                })
                .collect();
            let cc = compat_of(&prepared.compat, cand.id);
            let unconfirmed: Vec<_> = alt
                .unconfirmed
                .iter()
                .filter_map(|key| criterion_of(inputs, key))
                .collect();
            let names: Vec<String> = unconfirmed.iter().map(|c| c.name.clone()).collect();
            let unconfirmed_note = match (alt.rank, alt.rank_low, alt.rank_high) {
                (Some(r), Some(lo), Some(hi)) => {
                    unconfirmed_sentence(&cand.label(), &names, r, lo, hi)
                }
                _ => None,
            };
            Ok(RankedCandidate {
                candidate_id: cand.id,
                label: cand.label(),
                vendor: cand.vendor.clone(),
                rank: alt.rank,
                score: alt.score,
                score_low: alt.score_low,
                score_high: alt.score_high,
                rank_low: alt.rank_low,
                rank_high: alt.rank_high,
                score_shown: alt.score.map(points),
                score_low_shown: alt.score_low.map(points),
                score_high_shown: alt.score_high.map(points),
                unconfirmed: unconfirmed.iter().map(|c| c.id).collect(),
                unconfirmed_note,
                tied: alt.tied,
                quoted_total: cand.quoted_total(),
                cells,
                blocking_gaps: cc.map_or(0, |c| c.blocking),
                disqualified: false,
                quote: quote_line(cand),
                quote_warnings: quote_warnings(cand, inputs.request.quantity, inputs.as_of),
            })
        })
        .collect()
}

/// Disqualified candidates, unranked, with their values for reference.
fn disqualified_candidates(inputs: &AssessmentInputs, prepared: &Prepared) -> Vec<RankedCandidate> {
    let mut out = Vec::new();
    for cc in prepared.compat.candidates.iter().filter(|c| c.disqualified) {
        let Some(cand) = inputs.candidates.iter().find(|c| c.id == cc.candidate_id) else {
            continue;
        };
        let values = inputs
            .candidates
            .iter()
            .zip(&prepared.all.alternatives)
            .find(|(c, _)| c.id == cand.id)
            .map(|(_, a)| a.values.clone())
            .unwrap_or_default();
        out.push(RankedCandidate {
            candidate_id: cand.id,
            label: cand.label(),
            vendor: cand.vendor.clone(),
            rank: None,
            score: None,
            score_low: None,
            score_high: None,
            rank_low: None,
            rank_high: None,
            score_shown: None,
            score_low_shown: None,
            score_high_shown: None,
            unconfirmed: Vec::new(),
            unconfirmed_note: None,
            tied: false,
            quote: quote_line(cand),
            quote_warnings: quote_warnings(cand, inputs.request.quantity, inputs.as_of),
            quoted_total: cand.quoted_total(),
            cells: inputs
                .criteria
                .iter()
                .map(|c| RankingCell {
                    criterion_id: c.id,
                    value: values.get(&c.id.to_string()).copied().flatten(),
                    normalized: None,
                    contribution: None,
                    contribution_shown: None,
                    range: None,
                    summary: prepared.summaries.get(&(cand.id, c.id)).cloned(),
                })
                .collect(),
            blocking_gaps: cc.blocking,
            disqualified: true,
        });
    }
    out
}

/// The values that keep candidates unranked, each with why it is missing.
fn missing_scores(
    inputs: &AssessmentInputs,
    ranking: &Ranking,
    computed: &Computed,
) -> Vec<MissingScore> {
    ranking
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
        .collect()
}

/// How many of the judged cells each evaluator who scored at all has scored.
fn evaluator_coverage(inputs: &AssessmentInputs) -> Vec<EvaluatorCoverage> {
    let judged_count = inputs
        .criteria
        .iter()
        .filter(|c| c.kind == CriterionKind::Judged)
        .count();
    let expected = (judged_count * inputs.candidates.len()) as u32;
    inputs
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
        .collect()
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
