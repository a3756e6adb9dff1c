//! The ranking engine: weighted-sum scoring of alternatives on weighted criteria.
//!
//! Pure and deterministic. Works on a [`DecisionProblem`] (string ids, numeric values), the
//! shape `caliper rank --input` reads; the portfolio ranking ([`crate::assessment`]) builds
//! one from stored scores so that both paths share this code.
//!
//! Rules (documented in docs/ranking.md):
//! - weights are normalised to sum to 1; negative, NaN, infinite or all-zero weights are errors;
//! - a criterion with a fixed `scale` (the 1-5 judged scale) maps `min..max` to `0..1`; a
//!   criterion with a `reference` scale is read on it (from the best value to a span beyond
//!   it, or as a ratio to the best); otherwise values are min-max normalised over the
//!   alternatives (`min_max`), divided by the best value (`linear_max`), divided by their
//!   sum (`sum`), or used as given (`none`, benefit criteria only);
//!   cost criteria are reversed so that 1 is always best;
//! - values are 0 or between [`MIN_VALUE`] and [`MAX_VALUE`] in magnitude, so that no
//!   normalisation overflows and no score is NaN or infinite;
//! - a missing value is reported and leaves its alternative unranked, never counted as zero;
//! - a value known only as a range (`ranges`: an unconfirmed value) ranks at its given
//!   point; each alternative also reports its score and rank at both ends of its ranges;
//! - scores within [`TIE_EPSILON`] of each other share a rank (1, 1, 3); tied alternatives
//!   keep their input order.

//!
//! `normalize` maps values onto a common scale and `scorer` scores alternatives for any
//! weights (the sensitivity analysis reuses it); this file holds the problem, its checks
//! and the ranking.

mod normalize;
mod ranges;
mod scorer;
pub mod shown;

pub(crate) use normalize::{column_scales, normalized_matrix};
pub use normalize::{ReferenceScale, MAX_SPAN};
pub use ranges::{joined, ordinal, unconfirmed_sentence};
pub(crate) use scorer::Scorer;

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::criteria::{check_weight, weight_shares, Direction};
use crate::error::{Error, Result};

/// Scores closer than this are a tie.
pub const TIE_EPSILON: f64 = 1e-9;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Weighted sum of normalised values (simple additive weighting).
    #[default]
    WeightedSum,
    /// Closeness to the ideal and distance from the anti-ideal (Hwang and Yoon, 1981).
    Topsis,
}

/// Reads `weighted_sum` or `topsis`, and the synonyms `wsm` and `saw`.
impl<'de> Deserialize<'de> for Method {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.to_ascii_lowercase().as_str() {
            "weighted_sum" | "wsm" | "saw" => Ok(Method::WeightedSum),
            "topsis" => Ok(Method::Topsis),
            _ => Err(serde::de::Error::custom(format!(
                "'{s}' is not a method: use weighted_sum or topsis"
            ))),
        }
    }
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::WeightedSum => "weighted_sum",
            Method::Topsis => "topsis",
        }
    }

    pub fn parse(field: &str, s: &str) -> Result<Self> {
        match s {
            "weighted_sum" => Ok(Method::WeightedSum),
            "topsis" => Ok(Method::Topsis),
            other => Err(Error::validation(
                field,
                format!("'{other}' is not one of: weighted_sum, topsis"),
            )),
        }
    }

    /// As named inside a sentence ("ranked by weighted sum").
    pub fn in_text(self) -> &'static str {
        match self {
            Method::WeightedSum => "weighted sum",
            Method::Topsis => "TOPSIS",
        }
    }

    /// The normalisation used when a problem names none.
    pub fn default_normalization(self) -> Normalization {
        match self {
            Method::WeightedSum => Normalization::MinMax,
            Method::Topsis => Normalization::Vector,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Normalization {
    /// `(x - min) / (max - min)`; for cost criteria `(max - x) / (max - min)`.
    #[default]
    MinMax,
    /// `x / max`; for cost criteria `min / x` (Hwang and Yoon's linear scale transformation).
    LinearMax,
    /// `x / sum(x)`; for cost criteria `(1/x) / sum(1/x)` (pymcdm's sum normalisation).
    Sum,
    /// `x / sqrt(sum x^2)` (TOPSIS's classic normalisation; direction applied at the ideal).
    Vector,
    /// Values are used as given; only benefit criteria are allowed.
    None,
}

crate::ipc::choice!(Method {
    WeightedSum => "Weighted sum",
    Topsis => "TOPSIS",
});

/// The largest magnitude of a criterion value or scale end. Within it every
/// normalisation stays finite in `f64`: ranges (max - min), sums, sums of squares and
/// TOPSIS distances; a value beyond it is a typing error, not a measurement.
pub const MAX_VALUE: f64 = 1e100;

/// The smallest magnitude of a criterion value other than zero: the reciprocals that cost
/// criteria are normalised by (divide by the sum) stay finite.
pub const MIN_VALUE: f64 = 1e-100;

/// Zero, or a magnitude from [`MIN_VALUE`] to [`MAX_VALUE`].
fn rankable(v: f64) -> bool {
    v == 0.0 || (MIN_VALUE..=MAX_VALUE).contains(&v.abs())
}

crate::ipc::choice!(Normalization {
    MinMax => "Min-max",
    LinearMax => "Divide by the best",
    Sum => "Divide by the sum",
    Vector => "Vector",
    None => "As given",
});

/// A fixed range a criterion's values are mapped from (e.g. the 1-5 judged scale).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ProblemCriterion {
    pub id: String,
    #[serde(default)]
    #[ts(optional)]
    pub name: Option<String>,
    pub weight: f64,
    pub direction: Direction,
    #[serde(default)]
    #[ts(optional)]
    pub scale: Option<Scale>,
    /// The scale values are read on when there is no fixed `scale` (overrides the
    /// problem's normalisation for this criterion; not used by vector normalisation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reference: Option<ReferenceScale>,
}

/// The ends of a value known only as a range: an unconfirmed value lies between them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ValueRange {
    pub low: f64,
    pub high: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Alternative {
    pub id: String,
    #[serde(default)]
    #[ts(optional)]
    pub name: Option<String>,
    /// Criterion id to value; `null` or absent means missing.
    pub values: BTreeMap<String, Option<f64>>,
    /// Criterion id to the range of a value not yet confirmed; its value in `values` is
    /// the point it ranks at, within the range. The sensitivity analysis samples it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ranges: BTreeMap<String, ValueRange>,
}

/// A stateless decision problem: what `caliper rank --input` reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DecisionProblem {
    #[serde(default)]
    pub method: Method,
    /// Defaults to `min_max` for the weighted sum and `vector` for TOPSIS.
    #[serde(default)]
    #[ts(optional)]
    pub normalization: Option<Normalization>,
    pub criteria: Vec<ProblemCriterion>,
    pub alternatives: Vec<Alternative>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RankedCriterion {
    pub id: String,
    pub name: String,
    /// Normalised weight (all weights sum to 1).
    pub weight: f64,
    pub direction: Direction,
    /// The fixed scale its values are read on, if any.
    pub scale: Option<Scale>,
    /// The reference scale its values are read on, if any (no fixed scale).
    pub reference: Option<ReferenceScale>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RankedAlternative {
    pub id: String,
    pub name: String,
    /// 1 is best; equal ranks are ties; `null` when a value is missing.
    pub rank: Option<u32>,
    /// Weighted sum in 0..1; `null` when a value is missing.
    pub score: Option<f64>,
    pub tied: bool,
    /// Criterion id to normalised value (0..1, 1 best).
    pub normalized: BTreeMap<String, f64>,
    /// Criterion id to weighted contribution (normalised weight x normalised value); they
    /// sum to `score`. Weighted sum only: TOPSIS scores are not additive.
    pub contributions: BTreeMap<String, f64>,
    /// TOPSIS: distance to the ideal solution.
    pub separation_positive: Option<f64>,
    /// TOPSIS: distance to the anti-ideal solution.
    pub separation_negative: Option<f64>,
    /// The score with every ranged (unconfirmed) value at its low end, the others as they
    /// are; equal to `score` without ranges.
    pub score_low: Option<f64>,
    /// The score with every ranged value at its high end.
    pub score_high: Option<f64>,
    /// The rank it would take at `score_low` against the others' scores.
    pub rank_low: Option<u32>,
    /// The rank it would take at `score_high`.
    pub rank_high: Option<u32>,
    /// Criterion ids of its ranged (unconfirmed) values.
    pub unconfirmed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MissingValue {
    pub alternative: String,
    pub criterion: String,
}

/// The result of a ranking: alternatives best first, unranked (incomplete) ones last.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Ranking {
    pub method: Method,
    pub normalization: Normalization,
    pub criteria: Vec<RankedCriterion>,
    pub alternatives: Vec<RankedAlternative>,
    pub missing: Vec<MissingValue>,
}

/// A fixed scale runs from a lower to a higher end, both values Caliper ranks.
fn check_scale(at: &str, scale: Option<Scale>) -> Result<()> {
    if let Some(s) = scale {
        if !(s.min.is_finite() && s.max.is_finite() && s.min < s.max) {
            return Err(Error::validation(
                format!("{at}.scale"),
                format!("min ({}) must be below max ({})", s.min, s.max),
            ));
        }
        if !(rankable(s.min) && rankable(s.max)) {
            return Err(Error::validation(
                format!("{at}.scale"),
                format!(
                    "{}..{} is outside the values Caliper ranks: 0, or {MIN_VALUE:e} \
                     to {MAX_VALUE:e} in magnitude (either sign)",
                    s.min, s.max
                ),
            ));
        }
    }
    Ok(())
}

impl DecisionProblem {
    /// The normalisation in force: the problem's, or the method's default.
    pub fn normalization(&self) -> Normalization {
        self.normalization
            .unwrap_or(self.method.default_normalization())
    }

    /// Parses a problem from JSON text; `file` names the source in errors.
    pub fn from_json(file: &str, text: &str) -> Result<Self> {
        let problem: DecisionProblem = crate::error::from_json(file, text)?;
        problem.validate()?;
        Ok(problem)
    }

    /// Checks ids, weights, values and scales; errors name the entry at fault.
    pub fn validate(&self) -> Result<()> {
        if self.criteria.is_empty() {
            return Err(Error::validation(
                "criteria",
                "at least one criterion is needed",
            ));
        }
        if self.alternatives.is_empty() {
            return Err(Error::validation(
                "alternatives",
                "at least one alternative is needed",
            ));
        }
        let mut ids = HashSet::new();
        for (i, c) in self.criteria.iter().enumerate() {
            let at = format!("criteria[{i}]");
            if c.id.trim().is_empty() {
                return Err(Error::validation(format!("{at}.id"), "is empty"));
            }
            if !ids.insert(c.id.as_str()) {
                return Err(Error::conflict(
                    format!("{at}.id"),
                    format!("criterion id '{}' appears twice", c.id),
                ));
            }
            check_weight(&format!("{at}.weight"), c.weight)?;
            if let Some(r) = &c.reference {
                r.validate(&format!("{at}.reference"))?;
            }
            check_scale(&at, c.scale)?;
            if self.normalization() == Normalization::None && c.direction == Direction::Cost {
                return Err(Error::validation(
                    format!("{at}.direction"),
                    "normalization 'none' takes benefit criteria only; use min_max or linear_max for cost criteria",
                ));
            }
        }
        if self.method == Method::WeightedSum && self.normalization() == Normalization::Vector {
            return Err(Error::validation(
                "normalization",
                "vector normalisation is for TOPSIS; the weighted sum uses min_max, linear_max, sum or none",
            ));
        }
        if self.criteria.iter().all(|c| c.weight == 0.0) {
            return Err(Error::validation(
                "criteria",
                "all weights are zero; give at least one criterion a weight",
            ));
        }
        let mut alt_ids = HashSet::new();
        for (i, a) in self.alternatives.iter().enumerate() {
            let at = format!("alternatives[{i}]");
            if a.id.trim().is_empty() {
                return Err(Error::validation(format!("{at}.id"), "is empty"));
            }
            if !alt_ids.insert(a.id.as_str()) {
                return Err(Error::conflict(
                    format!("{at}.id"),
                    format!("alternative id '{}' appears twice", a.id),
                ));
            }
            for (key, value) in &a.values {
                let field = format!("{at}.values.{key}");
                let Some(criterion) = self.criteria.iter().find(|c| &c.id == key) else {
                    return Err(Error::validation(
                        field,
                        format!("unknown criterion id '{key}'"),
                    ));
                };
                let Some(v) = value else { continue };
                if !v.is_finite() {
                    return Err(Error::validation(field, "is not a finite number"));
                }
                if !rankable(*v) {
                    return Err(Error::validation(
                        field,
                        format!(
                            "{v} is outside the values Caliper ranks: 0, or {MIN_VALUE:e} to \
                             {MAX_VALUE:e} in magnitude (either sign)"
                        ),
                    ));
                }
                if let Some(s) = criterion.scale {
                    if *v < s.min || *v > s.max {
                        return Err(Error::validation(
                            field,
                            format!("{v} is outside the scale {}..{}", s.min, s.max),
                        ));
                    }
                }
                let how = self.normalization();
                let positive_only = match criterion.reference {
                    Some(r) => r == ReferenceScale::RatioToBest,
                    None => matches!(how, Normalization::LinearMax | Normalization::Sum),
                };
                if positive_only
                    && how != Normalization::Vector
                    && criterion.scale.is_none()
                    && *v <= 0.0
                {
                    let what = match criterion.reference {
                        Some(_) => "the ratio-to-best scale".to_string(),
                        None => format!("{how:?} normalisation"),
                    };
                    return Err(Error::validation(
                        field,
                        format!("{v}: {what} needs positive values"),
                    ));
                }
            }
            self.validate_ranges(a, &at)?;
        }
        Ok(())
    }
}

impl DecisionProblem {
    /// Each range belongs to a value present, holds it, and keeps within its scale.
    fn validate_ranges(&self, a: &Alternative, at: &str) -> Result<()> {
        for (key, r) in &a.ranges {
            let field = format!("{at}.ranges.{key}");
            let Some(criterion) = self.criteria.iter().find(|c| &c.id == key) else {
                return Err(Error::validation(
                    field,
                    format!("unknown criterion id '{key}'"),
                ));
            };
            let Some(Some(v)) = a.values.get(key) else {
                return Err(Error::validation(
                    field,
                    "a range needs the value it ranks at in `values`",
                ));
            };
            if !(r.low.is_finite() && r.high.is_finite() && rankable(r.low) && rankable(r.high)) {
                return Err(Error::validation(
                    field,
                    format!(
                        "{}..{} is outside the values Caliper ranks: 0, or {MIN_VALUE:e} to \
                         {MAX_VALUE:e} in magnitude (either sign)",
                        r.low, r.high
                    ),
                ));
            }
            if !(r.low <= *v && *v <= r.high) {
                return Err(Error::validation(
                    field,
                    format!("{}..{} does not hold the value {v}", r.low, r.high),
                ));
            }
            if let Some(s) = criterion.scale {
                if r.low < s.min || r.high > s.max {
                    return Err(Error::validation(
                        field,
                        format!(
                            "{}..{} is outside the scale {}..{}",
                            r.low, r.high, s.min, s.max
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// Ranks a validated problem by its method (weighted sum or TOPSIS).
pub fn rank(problem: &DecisionProblem) -> Result<Ranking> {
    problem.validate()?;
    let raw: Vec<f64> = problem.criteria.iter().map(|c| c.weight).collect();
    let criteria: Vec<RankedCriterion> = problem
        .criteria
        .iter()
        .zip(weight_shares(&raw))
        .map(|(c, weight)| RankedCriterion {
            id: c.id.clone(),
            name: c.name.clone().unwrap_or_else(|| c.id.clone()),
            weight,
            direction: c.direction,
            scale: c.scale,
            reference: c
                .reference
                .filter(|_| c.scale.is_none() && problem.normalization() != Normalization::Vector),
        })
        .collect();
    let matrix = normalized_matrix(problem);

    let mut missing = Vec::new();
    let mut rows: Vec<RankedAlternative> = Vec::with_capacity(problem.alternatives.len());
    for (a, values) in problem.alternatives.iter().zip(&matrix) {
        let mut row = RankedAlternative {
            id: a.id.clone(),
            name: a.name.clone().unwrap_or_else(|| a.id.clone()),
            rank: None,
            score: None,
            tied: false,
            normalized: BTreeMap::new(),
            contributions: BTreeMap::new(),
            separation_positive: None,
            separation_negative: None,
            score_low: None,
            score_high: None,
            rank_low: None,
            rank_high: None,
            unconfirmed: Vec::new(),
        };
        for ((c, rc), v) in problem.criteria.iter().zip(&criteria).zip(values) {
            match v {
                None => missing.push(MissingValue {
                    alternative: a.id.clone(),
                    criterion: c.id.clone(),
                }),
                Some(n) => {
                    row.normalized.insert(c.id.clone(), *n);
                    if problem.method == Method::WeightedSum {
                        row.contributions.insert(c.id.clone(), n * rc.weight);
                    }
                }
            }
        }
        rows.push(row);
    }

    let weights: Vec<f64> = criteria.iter().map(|c| c.weight).collect();
    let scorer = Scorer::new(problem, &matrix);
    let mut scores = vec![0.0; scorer.complete.len()];
    scorer.scores(&weights, &mut scores);
    for (k, &i) in scorer.complete.iter().enumerate() {
        rows[i].score = Some(scores[k]);
        if let Some((plus, minus)) = scorer.separations(i, &weights) {
            rows[i].separation_positive = Some(plus);
            rows[i].separation_negative = Some(minus);
        }
    }
    for (i, row) in rows.iter_mut().enumerate() {
        row.unconfirmed = ranges::ranged_criteria(problem, i);
    }
    assign_ranks(&mut rows);
    for row in &mut rows {
        let Some(i) = problem.alternatives.iter().position(|a| a.id == row.id) else {
            continue;
        };
        match ranges::ends(problem, &weights, i) {
            Some(e) => {
                row.score_low = Some(e.score_low);
                row.score_high = Some(e.score_high);
                row.rank_low = Some(e.rank_low);
                row.rank_high = Some(e.rank_high);
            }
            None => {
                row.score_low = row.score;
                row.score_high = row.score;
                row.rank_low = row.rank;
                row.rank_high = row.rank;
            }
        }
    }
    Ok(Ranking {
        method: problem.method,
        normalization: problem.normalization(),
        criteria,
        alternatives: rows,
        missing,
    })
}

/// Sorts best first (stable, so ties keep input order), then assigns competition ranks.
fn assign_ranks(rows: &mut [RankedAlternative]) {
    rows.sort_by(|a, b| match (a.score, b.score) {
        (Some(x), Some(y)) => y.partial_cmp(&x).unwrap_or(std::cmp::Ordering::Equal),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    // Group by closeness to the group's first score (sorted, so groups are contiguous).
    let mut i = 0;
    while i < rows.len() {
        let Some(head) = rows[i].score else { break };
        let mut j = i + 1;
        while j < rows.len()
            && rows[j]
                .score
                .is_some_and(|s| (head - s).abs() <= TIE_EPSILON)
        {
            j += 1;
        }
        for row in &mut rows[i..j] {
            row.rank = Some(i as u32 + 1);
            row.tied = j - i > 1;
        }
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(json: &str) -> DecisionProblem {
        DecisionProblem::from_json("test.json", json).unwrap()
    }

    fn scores(r: &Ranking) -> Vec<(String, Option<u32>, Option<f64>)> {
        r.alternatives
            .iter()
            .map(|a| {
                (
                    a.id.clone(),
                    a.rank,
                    a.score.map(|s| (s * 1e6).round() / 1e6),
                )
            })
            .collect()
    }

    /// Wikipedia, "Weighted sum model", numerical example (after Triantaphyllou, E.,
    /// "Multi-Criteria Decision Making Methods: A Comparative Study", Kluwer, 2000):
    /// weights 0.20, 0.15, 0.40, 0.25; A1 = (25, 20, 15, 30), A2 = (10, 30, 20, 30),
    /// A3 = (30, 10, 30, 10); published scores A1 = 21.50, A2 = 22.00, A3 = 22.00: a tie.
    #[test]
    fn triantaphyllou_wsm_example() {
        let p = problem(
            r#"{"normalization":"none",
            "criteria":[{"id":"C1","weight":0.20,"direction":"benefit"},{"id":"C2","weight":0.15,"direction":"benefit"},
                        {"id":"C3","weight":0.40,"direction":"benefit"},{"id":"C4","weight":0.25,"direction":"benefit"}],
            "alternatives":[{"id":"A1","values":{"C1":25,"C2":20,"C3":15,"C4":30}},
                            {"id":"A2","values":{"C1":10,"C2":30,"C3":20,"C4":30}},
                            {"id":"A3","values":{"C1":30,"C2":10,"C3":30,"C4":10}}]}"#,
        );
        let r = rank(&p).unwrap();
        assert_eq!(
            scores(&r),
            vec![
                ("A2".into(), Some(1), Some(22.0)),
                ("A3".into(), Some(1), Some(22.0)),
                ("A1".into(), Some(3), Some(21.5)),
            ]
        );
    }

    #[test]
    fn min_max_with_cost_criterion_and_contributions_sum_to_score() {
        let p = problem(
            r#"{"criteria":[{"id":"price","weight":60,"direction":"cost"},{"id":"q","weight":40,"direction":"benefit","scale":{"min":1,"max":5}}],
            "alternatives":[{"id":"a","values":{"price":100,"q":3}},{"id":"b","values":{"price":200,"q":5}},{"id":"c","values":{"price":150,"q":1}}]}"#,
        );
        let r = rank(&p).unwrap();
        // a: 0.6*1 + 0.4*0.5 = 0.8; b: 0 + 0.4 = 0.4; c: 0.6*0.5 + 0 = 0.3
        assert_eq!(
            scores(&r),
            vec![
                ("a".into(), Some(1), Some(0.8)),
                ("b".into(), Some(2), Some(0.4)),
                ("c".into(), Some(3), Some(0.3)),
            ]
        );
        for alt in &r.alternatives {
            let sum: f64 = alt.contributions.values().sum();
            assert!((sum - alt.score.unwrap()).abs() < 1e-12);
        }
        assert!((r.criteria.iter().map(|c| c.weight).sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn ties_share_a_rank_and_keep_input_order() {
        let p = problem(
            r#"{"criteria":[{"id":"x","weight":1,"direction":"benefit"}],
            "alternatives":[{"id":"low","values":{"x":1}},{"id":"t2","values":{"x":5}},{"id":"t1","values":{"x":5}}]}"#,
        );
        let r = rank(&p).unwrap();
        let got: Vec<_> = r
            .alternatives
            .iter()
            .map(|a| (a.id.as_str(), a.rank, a.tied))
            .collect();
        assert_eq!(
            got,
            vec![
                ("t2", Some(1), true),
                ("t1", Some(1), true),
                ("low", Some(3), false)
            ]
        );
    }

    #[test]
    fn missing_values_leave_the_alternative_unranked() {
        let p = problem(
            r#"{"criteria":[{"id":"x","weight":1,"direction":"benefit"},{"id":"y","weight":1,"direction":"benefit"}],
            "alternatives":[{"id":"a","values":{"x":1,"y":null}},{"id":"b","values":{"x":2,"y":3}},{"id":"c","values":{"x":3,"y":1}}]}"#,
        );
        let r = rank(&p).unwrap();
        assert_eq!(
            r.missing,
            vec![MissingValue {
                alternative: "a".into(),
                criterion: "y".into()
            }]
        );
        let last = r.alternatives.last().unwrap();
        assert_eq!((last.id.as_str(), last.rank, last.score), ("a", None, None));
        assert_eq!(r.alternatives[0].rank, Some(1));
    }

    #[test]
    fn bad_problems_name_the_entry() {
        fn check(json: &str, field_or_location: &str) {
            let err = DecisionProblem::from_json("p.json", json).unwrap_err();
            let msg = err.to_string();
            assert!(
                msg.contains(field_or_location),
                "'{msg}' should name '{field_or_location}'"
            );
        }
        let alts = r#""alternatives":[{"id":"a","values":{"x":1}}]"#;
        check(
            r#"{"criteria":[{"id":"x","weight":-1,"direction":"benefit"}],"alternatives":[{"id":"a","values":{"x":1}}]}"#,
            "criteria[0].weight",
        );
        check(
            &format!(r#"{{"criteria":[{{"id":"x","weight":0,"direction":"benefit"}}],{alts}}}"#),
            "all weights are zero",
        );
        check(
            &format!(
                r#"{{"criteria":[{{"id":"x","weight":1,"direction":"benefit"}},{{"id":"x","weight":1,"direction":"cost"}}],{alts}}}"#
            ),
            "criteria[1].id",
        );
        check(
            r#"{"criteria":[{"id":"x","weight":1,"direction":"benefit"}],"alternatives":[{"id":"a","values":{"z":1}}]}"#,
            "alternatives[0].values.z",
        );
        check(
            r#"{"criteria":[{"id":"x","weight":1,"direction":"benefit"}],"alternatives":[{"id":"a","values":{"x":1}},{"id":"a","values":{"x":2}}]}"#,
            "alternatives[1].id",
        );
        check(
            r#"{"criteria":[{"id":"x","weight":1,"direction":"sideways"}],"alternatives":[]}"#,
            "p.json:1:",
        );
        check(
            r#"{"criteria":[{"id":"x","weight":"NaN","direction":"benefit"}],"alternatives":[]}"#,
            "p.json:1:",
        );
        check(r#"{"criteria": ["#, "p.json:1:");
        check(
            r#"{"criteria":[{"id":"x","weight":1,"direction":"benefit","scale":{"min":1,"max":5}}],"alternatives":[{"id":"a","values":{"x":7}}]}"#,
            "outside the scale",
        );
    }

    proptest::proptest! {
        #[test]
        fn scores_stay_in_unit_interval(values in proptest::collection::vec((0.0f64..1e6, 1u8..=5), 2..8), w1 in 0.01f64..100.0, w2 in 0.0f64..100.0) {
            let alternatives = values.iter().enumerate().map(|(i, (price, q))| Alternative {
                id: format!("a{i}"), name: None,
                values: BTreeMap::from([("price".to_string(), Some(*price)), ("q".to_string(), Some(f64::from(*q)))]),
                ranges: BTreeMap::new(),
            }).collect();
            let p = DecisionProblem {
                method: Method::WeightedSum, normalization: Some(Normalization::MinMax),
                criteria: vec![
                    ProblemCriterion { id: "price".into(), name: None, weight: w1, direction: Direction::Cost, scale: None, reference: None },
                    ProblemCriterion { id: "q".into(), name: None, weight: w2, direction: Direction::Benefit, scale: Some(Scale { min: 1.0, max: 5.0 }), reference: None },
                ],
                alternatives,
            };
            let r = rank(&p).unwrap();
            for a in &r.alternatives {
                let s = a.score.unwrap();
                proptest::prop_assert!((-1e-12..=1.0 + 1e-12).contains(&s));
            }
            proptest::prop_assert_eq!(r.alternatives[0].rank, Some(1));
        }
    }
}
