//! The scorer shared by the ranking and the sensitivity analysis: weighted sum or TOPSIS
//! closeness of the complete alternatives for any weight vector.

use super::{column_scales, DecisionProblem, Method, Normalization};
use crate::criteria::Direction;

/// Scores alternatives for any weight vector: the ranking computes once, the sensitivity
/// analysis many thousand times. Only complete alternatives (no missing value) take part.
pub(crate) struct Scorer {
    method: Method,
    /// Indices (into the problem's alternatives) of the complete alternatives.
    pub complete: Vec<usize>,
    /// Weighted sum: oriented normalised values, `[alternative][criterion]`.
    values: Vec<Vec<f64>>,
    /// TOPSIS: squared distances to the ideal and the anti-ideal per criterion.
    to_ideal: Vec<Vec<f64>>,
    to_anti_ideal: Vec<Vec<f64>>,
}

impl Scorer {
    pub fn new(problem: &DecisionProblem, matrix: &[Vec<Option<f64>>]) -> Scorer {
        let complete: Vec<usize> = (0..matrix.len())
            .filter(|&i| matrix[i].iter().all(Option::is_some))
            .collect();
        let values: Vec<Vec<f64>> = complete
            .iter()
            .map(|&i| matrix[i].iter().map(|v| v.unwrap_or(0.0)).collect())
            .collect();
        let (mut to_ideal, mut to_anti_ideal) = (Vec::new(), Vec::new());
        if problem.method == Method::Topsis {
            let oriented = problem.normalization() != Normalization::Vector;
            let n = problem.criteria.len();
            let (mut ideal, mut anti) = (vec![0.0; n], vec![0.0; n]);
            for (j, c) in problem.criteria.iter().enumerate() {
                let column = values.iter().map(|row| row[j]);
                let max = column.clone().fold(f64::NEG_INFINITY, f64::max);
                let min = column.fold(f64::INFINITY, f64::min);
                let benefit = oriented || c.direction == Direction::Benefit;
                (ideal[j], anti[j]) = if benefit { (max, min) } else { (min, max) };
            }
            to_ideal = values
                .iter()
                .map(|row| {
                    row.iter()
                        .zip(&ideal)
                        .map(|(v, b)| (v - b).powi(2))
                        .collect()
                })
                .collect();
            to_anti_ideal = values
                .iter()
                .map(|row| {
                    row.iter()
                        .zip(&anti)
                        .map(|(v, b)| (v - b).powi(2))
                        .collect()
                })
                .collect();
        }
        Scorer {
            method: problem.method,
            complete,
            values,
            to_ideal,
            to_anti_ideal,
        }
    }

    /// Scores of the complete alternatives under normalised `weights`, into `out`.
    pub fn scores(&self, weights: &[f64], out: &mut [f64]) {
        match self.method {
            Method::WeightedSum => {
                for (o, row) in out.iter_mut().zip(&self.values) {
                    *o = row.iter().zip(weights).map(|(v, w)| v * w).sum();
                }
            }
            Method::Topsis => {
                for (k, o) in out.iter_mut().enumerate() {
                    let (plus, minus) = self.distances(k, weights);
                    *o = if plus + minus > 0.0 {
                        minus / (plus + minus)
                    } else {
                        1.0
                    };
                }
            }
        }
    }

    fn distances(&self, k: usize, weights: &[f64]) -> (f64, f64) {
        let d = |m: &[f64]| {
            m.iter()
                .zip(weights)
                .map(|(d, w)| d * w * w)
                .sum::<f64>()
                .sqrt()
        };
        (d(&self.to_ideal[k]), d(&self.to_anti_ideal[k]))
    }

    /// How much a criterion's normalised value moves per unit of its raw value: turns a
    /// value's standard deviation into the normalised scale.
    pub fn slopes(&self, problem: &DecisionProblem) -> Vec<f64> {
        column_scales(problem).iter().map(|s| s.slope()).collect()
    }

    /// TOPSIS separations of alternative `i` (index into the problem), if it is complete.
    pub(super) fn separations(&self, i: usize, weights: &[f64]) -> Option<(f64, f64)> {
        if self.method != Method::Topsis {
            return None;
        }
        let k = self.complete.iter().position(|&c| c == i)?;
        Some(self.distances(k, weights))
    }
}
