//! The analysis's settings and their checks against the decision problem.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::ranking::{DecisionProblem, Method, MAX_VALUE};

pub const DEFAULT_SAMPLES: u32 = 10_000;
pub const MAX_SAMPLES: u32 = 1_000_000;

/// The most work one analysis may take: samples x alternatives x criteria (about a
/// second or two on two cores), so that a large problem is refused at once rather than
/// left running for minutes.
pub const MAX_SAMPLED_CELLS: u64 = 500_000_000;

/// How weights are sampled.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum WeightSampling {
    /// Uniform over all weightings (within each criterion's bounds, if any).
    #[default]
    Uniform,
    /// Dirichlet around the committee's weights: larger concentration, closer to them.
    Around { concentration: f64 },
}

/// Settings of the analysis (all optional in JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields, default)]
pub struct SensitivityOptions {
    pub samples: u32,
    #[ts(type = "number")]
    pub seed: u64,
    pub sampling: WeightSampling,
    /// Per criterion id: the lowest and highest normalised weight allowed (0..1).
    pub bounds: BTreeMap<String, WeightBounds>,
    /// Per alternative id, per criterion id: standard deviation of the value (e.g. the
    /// evaluators' spread); weighted sum only.
    pub value_sd: BTreeMap<String, BTreeMap<String, f64>>,
    /// Points of the one-way sweep (0 to 100 %).
    pub sweep_steps: u32,
    /// The tornado moves each weight by this much either way (0.10 = 10 points).
    pub tornado_delta: f64,
}

impl Default for SensitivityOptions {
    fn default() -> Self {
        SensitivityOptions {
            samples: DEFAULT_SAMPLES,
            seed: 1,
            sampling: WeightSampling::Uniform,
            bounds: BTreeMap::new(),
            value_sd: BTreeMap::new(),
            sweep_steps: 100,
            tornado_delta: 0.10,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct WeightBounds {
    pub min: f64,
    pub max: f64,
}

impl SensitivityOptions {
    /// Refuses an analysis whose sampled values would take more than a moment.
    fn check_work(&self, problem: &DecisionProblem) -> Result<()> {
        let cells = u64::from(self.samples)
            * problem.alternatives.len() as u64
            * problem.criteria.len() as u64;
        if cells > MAX_SAMPLED_CELLS {
            return Err(Error::validation(
                "samples",
                format!(
                    "{} samples of {} alternatives on {} criteria is more than one analysis may take ({MAX_SAMPLED_CELLS} sampled values); use at most {} samples",
                    self.samples,
                    problem.alternatives.len(),
                    problem.criteria.len(),
                    MAX_SAMPLED_CELLS
                        / (problem.alternatives.len() as u64 * problem.criteria.len() as u64).max(1)
                ),
            ));
        }
        Ok(())
    }

    pub(super) fn validate(&self, problem: &DecisionProblem) -> Result<()> {
        if self.samples == 0 || self.samples > MAX_SAMPLES {
            return Err(Error::validation(
                "samples",
                format!(
                    "{} is not a sample count between 1 and {MAX_SAMPLES}",
                    self.samples
                ),
            ));
        }
        self.check_work(problem)?;
        if !(2..=10_000).contains(&self.sweep_steps) {
            return Err(Error::validation(
                "sweep_steps",
                "must be between 2 and 10,000",
            ));
        }
        if !(self.tornado_delta > 0.0 && self.tornado_delta <= 1.0) {
            return Err(Error::validation(
                "tornado_delta",
                "must be above 0 and at most 1",
            ));
        }
        if let WeightSampling::Around { concentration } = self.sampling {
            if !(concentration.is_finite() && concentration > 0.0 && concentration <= 1e6) {
                return Err(Error::validation(
                    "sampling.concentration",
                    "must be a positive number",
                ));
            }
        }
        let (mut low, mut high) = (0.0, 0.0);
        for c in &problem.criteria {
            let b = self
                .bounds
                .get(&c.id)
                .copied()
                .unwrap_or(WeightBounds { min: 0.0, max: 1.0 });
            let at = format!("bounds.{}", c.id);
            if !(b.min.is_finite()
                && b.max.is_finite()
                && 0.0 <= b.min
                && b.min <= b.max
                && b.max <= 1.0)
            {
                return Err(Error::validation(
                    at,
                    format!(
                        "min {} and max {} must satisfy 0 <= min <= max <= 1",
                        b.min, b.max
                    ),
                ));
            }
            low += b.min;
            high += b.max;
        }
        if let Some(unknown) = self
            .bounds
            .keys()
            .find(|k| !problem.criteria.iter().any(|c| &c.id == *k))
        {
            return Err(Error::validation(
                format!("bounds.{unknown}"),
                "unknown criterion id",
            ));
        }
        if low > 1.0 + 1e-12 || high < 1.0 - 1e-12 {
            return Err(Error::validation(
                "bounds",
                format!("no weights satisfy the bounds: the minimums sum to {low:.3} and the maximums to {high:.3}, but weights sum to 1"),
            ));
        }
        for (alt, by_criterion) in &self.value_sd {
            if !problem.alternatives.iter().any(|a| &a.id == alt) {
                return Err(Error::validation(
                    format!("value_sd.{alt}"),
                    "unknown alternative id",
                ));
            }
            for (crit, sd) in by_criterion {
                if !problem.criteria.iter().any(|c| &c.id == crit) {
                    return Err(Error::validation(
                        format!("value_sd.{alt}.{crit}"),
                        "unknown criterion id",
                    ));
                }
                if !(sd.is_finite() && *sd >= 0.0 && *sd <= MAX_VALUE) {
                    return Err(Error::validation(
                        format!("value_sd.{alt}.{crit}"),
                        format!("must be a number from 0 to {MAX_VALUE:e}"),
                    ));
                }
            }
        }
        if problem.method == Method::Topsis
            && self
                .value_sd
                .values()
                .any(|m| m.values().any(|sd| *sd > 0.0))
        {
            return Err(Error::validation(
                "value_sd",
                "score uncertainty is supported with the weighted sum only",
            ));
        }
        Ok(())
    }
}
