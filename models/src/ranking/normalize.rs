//! Normalisation: each criterion's values mapped onto a common scale, oriented so that
//! higher is better (fixed scales, min-max, linear-max, sum, vector, none).

use super::{Alternative, DecisionProblem, Normalization, ProblemCriterion};
use crate::criteria::Direction;

/// Each alternative's normalised value per criterion (`None` where missing). For every
/// normalisation but `vector` the values are oriented so that 1 (or more) is best.
pub(crate) fn normalized_matrix(problem: &DecisionProblem) -> Vec<Vec<Option<f64>>> {
    let how = problem.normalization();
    let value = |a: &Alternative, c: &ProblemCriterion| a.values.get(&c.id).copied().flatten();
    let mut out = vec![vec![None; problem.criteria.len()]; problem.alternatives.len()];
    for (j, c) in problem.criteria.iter().enumerate() {
        let present: Vec<f64> = problem
            .alternatives
            .iter()
            .filter_map(|a| value(a, c))
            .collect();
        let sum = match (how, c.direction) {
            (Normalization::Vector, _) => present.iter().map(|v| v * v).sum::<f64>().sqrt(),
            (_, Direction::Benefit) => present.iter().sum::<f64>(),
            (_, Direction::Cost) => present.iter().map(|v| 1.0 / v).sum::<f64>(),
        };
        let (lo, hi) = match c.scale {
            Some(s) if how != Normalization::Vector => (s.min, s.max),
            _ => present
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                    (lo.min(*v), hi.max(*v))
                }),
        };
        for (i, a) in problem.alternatives.iter().enumerate() {
            out[i][j] = value(a, c).map(|v| normalize(v, (lo, hi, sum), c, how));
        }
    }
    out
}

/// `stats` is (min, max, sum) of the criterion's values, the sum of reciprocals for cost criteria.
fn normalize(v: f64, stats: (f64, f64, f64), c: &ProblemCriterion, how: Normalization) -> f64 {
    let (lo, hi, sum) = stats;
    let benefit = c.direction == Direction::Benefit;
    if (c.scale.is_some() && how != Normalization::Vector) || how == Normalization::MinMax {
        if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
            // Every alternative has the same value: the criterion does not discriminate,
            // and each gets the full mark so a lone candidate is not penalised.
            return 1.0;
        }
        let x = (v - lo) / (hi - lo);
        return if benefit { x } else { 1.0 - x };
    }
    match how {
        Normalization::LinearMax => {
            if benefit {
                v / hi
            } else {
                lo / v
            }
        }
        Normalization::Sum => {
            if benefit {
                v / sum
            } else {
                (1.0 / v) / sum
            }
        }
        Normalization::Vector => {
            if sum > 0.0 {
                v / sum
            } else {
                0.0
            }
        }
        _ => v,
    }
}
