//! Normalisation: each criterion's values mapped onto a common scale, oriented so that
//! higher is better (fixed scales, reference scales, min-max, linear-max, sum, vector,
//! none).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Alternative, DecisionProblem, Normalization, ProblemCriterion};
use crate::criteria::Direction;
use crate::error::{Error, Result};

/// The scale a measured criterion's values are read on, when it has no fixed scale: set
/// per request for its measured criteria (lifecycle cost and entered measurements), or
/// per criterion in a decision problem. Under TOPSIS's vector normalisation it does not
/// apply. See docs/ranking.md.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ReferenceScale {
    /// Over the candidates in the request: the best gets 1, the worst 0 (a local scale).
    MinMax,
    /// The ratio to the best candidate's value: `best / x` for a cost, `x / best` for a
    /// benefit (positive values only).
    RatioToBest,
    /// From the best candidate's value (1) to `span` beyond it (0), linearly: for a cost,
    /// 0 at `best x (1 + span)` and above; for a benefit, 0 at `best x (1 - span)` and below.
    FromBest { span: f64 },
}

/// The widest `span` of a [`ReferenceScale::FromBest`] (ten times the best value).
pub const MAX_SPAN: f64 = 10.0;

impl Default for ReferenceScale {
    /// Full points at the best value, none at 50 % beyond it: a 10 % dearer candidate
    /// keeps 80 % of the criterion's points.
    fn default() -> Self {
        ReferenceScale::FromBest { span: 0.5 }
    }
}

impl ReferenceScale {
    /// Refuses a span that is not a fraction above 0 and at most [`MAX_SPAN`].
    pub fn validate(&self, field: &str) -> Result<()> {
        if let ReferenceScale::FromBest { span } = self {
            if !(span.is_finite() && *span >= 0.01 && *span <= MAX_SPAN) {
                return Err(Error::validation(
                    format!("{field}.span"),
                    format!(
                        "{span} is not a span from 0.01 (1 %) to {MAX_SPAN} ({} %)",
                        MAX_SPAN * 100.0
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Reads `min_max`, `ratio_to_best`, `from_best` (span 0.5) or `from_best:SPAN`
    /// (`from_best:0.25`), as the command line takes it.
    pub fn parse(field: &str, text: &str) -> Result<Self> {
        let scale = match text.split_once(':') {
            None if text == "min_max" => ReferenceScale::MinMax,
            None if text == "ratio_to_best" => ReferenceScale::RatioToBest,
            None if text == "from_best" => ReferenceScale::default(),
            Some(("from_best", span)) => ReferenceScale::FromBest {
                span: span.trim().parse().map_err(|_| {
                    Error::validation(
                        field,
                        format!("'{span}' is not a span (a fraction such as 0.5)"),
                    )
                })?,
            },
            _ => {
                return Err(Error::validation(
                    field,
                    format!(
                        "'{text}' is not one of: min_max, ratio_to_best, from_best, from_best:SPAN"
                    ),
                ))
            }
        };
        scale.validate(field)?;
        Ok(scale)
    }

    /// In words, for a criterion of `direction` ("full points at the lowest value, none at
    /// 50 % above it").
    pub fn describe(&self, direction: Direction) -> String {
        let cost = direction == Direction::Cost;
        match self {
            ReferenceScale::MinMax => format!(
                "min-max over the candidates: the {} value gets full points, the {} none",
                if cost { "lowest" } else { "highest" },
                if cost { "highest" } else { "lowest" }
            ),
            ReferenceScale::RatioToBest => format!(
                "ratio to the best: points in proportion to {}",
                if cost {
                    "the lowest value divided by the candidate's"
                } else {
                    "the candidate's value divided by the highest"
                }
            ),
            ReferenceScale::FromBest { span } => format!(
                "full points at the {} value, none at {} % {} it, linear in between",
                if cost { "lowest" } else { "highest" },
                crate::ranking::shown::decimal_text(span * 100.0, 0),
                if cost { "above" } else { "below" }
            ),
        }
    }
}

/// How one criterion's values map onto `0..1`.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ColumnScale {
    /// `lo..hi` to `0..1` (reversed for a cost); with `lo == hi` every value gets 1.
    Linear {
        lo: f64,
        hi: f64,
        benefit: bool,
    },
    /// `x / max` for a benefit, `min / x` for a cost.
    Ratio {
        min: f64,
        max: f64,
        benefit: bool,
    },
    /// `x / sum(x)`, or `(1/x) / sum(1/x)` for a cost.
    Sum {
        sum: f64,
        plain: f64,
        benefit: bool,
    },
    /// `x / sqrt(sum x^2)`.
    Vector {
        norm: f64,
    },
    /// 1 at `best`, 0 at `width` beyond it.
    FromBest {
        best: f64,
        width: f64,
        benefit: bool,
    },
    AsGiven,
}

impl ColumnScale {
    /// The scale of criterion `c` over the values present.
    pub(crate) fn of(c: &ProblemCriterion, how: Normalization, present: &[f64]) -> ColumnScale {
        let benefit = c.direction == Direction::Benefit;
        let (min, max) = present
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(*v), hi.max(*v))
            });
        if how == Normalization::Vector {
            return ColumnScale::Vector {
                norm: present.iter().map(|v| v * v).sum::<f64>().sqrt(),
            };
        }
        if let Some(s) = c.scale {
            return ColumnScale::Linear {
                lo: s.min,
                hi: s.max,
                benefit,
            };
        }
        let linear = ColumnScale::Linear {
            lo: min,
            hi: max,
            benefit,
        };
        match c.reference {
            Some(ReferenceScale::MinMax) => linear,
            Some(ReferenceScale::RatioToBest) => ColumnScale::Ratio { min, max, benefit },
            Some(ReferenceScale::FromBest { span }) => {
                let best = if benefit { max } else { min };
                let mut width = span * best.abs();
                if width <= 0.0 {
                    // The best value is 0: measure the span on the largest magnitude.
                    width = span * min.abs().max(max.abs());
                }
                ColumnScale::FromBest {
                    best,
                    width,
                    benefit,
                }
            }
            None => match how {
                Normalization::MinMax => linear,
                Normalization::LinearMax => ColumnScale::Ratio { min, max, benefit },
                Normalization::Sum => ColumnScale::Sum {
                    sum: if benefit {
                        present.iter().sum()
                    } else {
                        present.iter().map(|v| 1.0 / v).sum()
                    },
                    plain: present.iter().sum(),
                    benefit,
                },
                _ => ColumnScale::AsGiven,
            },
        }
    }

    /// The normalised value of `v`, 1 (or more) best.
    pub(crate) fn apply(&self, v: f64) -> f64 {
        match *self {
            ColumnScale::Linear { lo, hi, benefit } => {
                if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
                    // Every alternative has the same value: the criterion does not
                    // discriminate, and each gets the full mark so a lone candidate is
                    // not penalised.
                    return 1.0;
                }
                let x = (v - lo) / (hi - lo);
                if benefit {
                    x
                } else {
                    1.0 - x
                }
            }
            ColumnScale::Ratio { min, max, benefit } => {
                if benefit {
                    v / max
                } else {
                    min / v
                }
            }
            ColumnScale::Sum { sum, benefit, .. } => {
                if benefit {
                    v / sum
                } else {
                    (1.0 / v) / sum
                }
            }
            ColumnScale::Vector { norm } => {
                if norm > 0.0 {
                    v / norm
                } else {
                    0.0
                }
            }
            ColumnScale::FromBest {
                best,
                width,
                benefit,
            } => {
                if width <= 0.0 {
                    return 1.0;
                }
                let behind = if benefit { best - v } else { v - best };
                (1.0 - behind / width).clamp(0.0, 1.0)
            }
            ColumnScale::AsGiven => v,
        }
    }

    /// How much the normalised value moves per unit of the raw value: turns a value's
    /// standard deviation into the normalised scale.
    pub(crate) fn slope(&self) -> f64 {
        let slope = match *self {
            ColumnScale::Linear { lo, hi, .. } => {
                if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
                    // Values that do not discriminate all get the full mark: they do
                    // not move with the raw value.
                    0.0
                } else {
                    1.0 / (hi - lo)
                }
            }
            ColumnScale::Ratio { max, .. } => 1.0 / max,
            ColumnScale::Sum { plain, .. } => 1.0 / plain,
            ColumnScale::Vector { norm } => 1.0 / norm,
            ColumnScale::FromBest { width, .. } => 1.0 / width,
            ColumnScale::AsGiven => 1.0,
        };
        if slope.is_finite() {
            slope
        } else {
            0.0
        }
    }
}

fn value(a: &Alternative, c: &ProblemCriterion) -> Option<f64> {
    a.values.get(&c.id).copied().flatten()
}

/// Each criterion's scale over the values present.
pub(crate) fn column_scales(problem: &DecisionProblem) -> Vec<ColumnScale> {
    let how = problem.normalization();
    problem
        .criteria
        .iter()
        .map(|c| {
            let present: Vec<f64> = problem
                .alternatives
                .iter()
                .filter_map(|a| value(a, c))
                .collect();
            ColumnScale::of(c, how, &present)
        })
        .collect()
}

/// Each alternative's normalised value per criterion (`None` where missing). For every
/// normalisation but `vector` the values are oriented so that 1 (or more) is best.
pub(crate) fn normalized_matrix(problem: &DecisionProblem) -> Vec<Vec<Option<f64>>> {
    let scales = column_scales(problem);
    problem
        .alternatives
        .iter()
        .map(|a| {
            problem
                .criteria
                .iter()
                .zip(&scales)
                .map(|(c, s)| value(a, c).map(|v| s.apply(v)))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ranking::rank;

    fn cost_problem(reference: &str) -> DecisionProblem {
        DecisionProblem::from_json(
            "t.json",
            &format!(
                r#"{{"criteria":[{{"id":"eac","weight":1,"direction":"cost"{reference}}}],
                    "alternatives":[{{"id":"a","values":{{"eac":100000}}}},{{"id":"b","values":{{"eac":109600}}}},
                                    {{"id":"c","values":{{"eac":200000}}}}]}}"#
            ),
        )
        .unwrap()
    }

    fn normalized(p: &DecisionProblem, id: &str) -> f64 {
        let r = rank(p).unwrap();
        r.alternatives
            .iter()
            .find(|a| a.id == id)
            .unwrap()
            .normalized["eac"]
    }

    /// The reference scales against min-max: a 9.6 % dearer candidate keeps 80.8 % of the
    /// points from the best value to 50 % beyond it, 91.2 % as a ratio to the best; under
    /// min-max over the candidates only its place between the cheapest and the dearest
    /// counts.
    #[test]
    fn a_slightly_dearer_candidate_keeps_most_points_on_a_reference_scale() {
        let from_best = cost_problem(r#","reference":{"kind":"from_best","span":0.5}"#);
        assert!((normalized(&from_best, "b") - 0.808).abs() < 1e-12);
        assert_eq!(normalized(&from_best, "c"), 0.0, "100 % dearer: none");
        let ratio = cost_problem(r#","reference":{"kind":"ratio_to_best"}"#);
        assert!((normalized(&ratio, "b") - 100000.0 / 109600.0).abs() < 1e-12);
        let min_max = cost_problem("");
        assert!((normalized(&min_max, "b") - (1.0 - 9600.0 / 100000.0)).abs() < 1e-12);
        assert_eq!(normalized(&min_max, "c"), 0.0);
        assert_eq!(
            ReferenceScale::default(),
            ReferenceScale::FromBest { span: 0.5 }
        );
    }

    #[test]
    fn reference_scales_are_read_and_checked() {
        assert_eq!(
            ReferenceScale::parse("s", "from_best:0.25").unwrap(),
            ReferenceScale::FromBest { span: 0.25 }
        );
        assert_eq!(
            ReferenceScale::parse("s", "min_max").unwrap(),
            ReferenceScale::MinMax
        );
        assert!(ReferenceScale::parse("s", "from_best:0").is_err());
        assert!(ReferenceScale::parse("s", "linear").is_err());
        assert_eq!(
            ReferenceScale::default().describe(Direction::Cost),
            "full points at the lowest value, none at 50 % above it, linear in between"
        );
    }
}
