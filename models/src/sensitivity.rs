//! Sensitivity analysis: how robust is the winner?
//!
//! - One-way: each criterion's weight sweeps 0 to 100 % (the others rescaled in proportion);
//!   the weights at which first place changes hands are the break-even points, and a
//!   tornado shows the leader's score as each weight moves ±10 points.
//! - Probabilistic (SMAA-2, Lahdelma and Salminen, Operations Research 49(3), 2001): weights
//!   sampled uniformly on the simplex (or within bounds, or around the committee's weights),
//!   optionally with score uncertainty; each alternative's rank acceptability, central
//!   weights and confidence factor.
//!
//! Deterministic for a seed: samples are drawn in fixed chunks, each with its own ChaCha
//! stream, so the result does not depend on the number of threads.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::ranking::{normalized_matrix, rank, DecisionProblem, Method, Normalization, Scorer};

pub const DEFAULT_SAMPLES: u32 = 10_000;
pub const MAX_SAMPLES: u32 = 10_000_000;
const CHUNK: u32 = 1024;

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

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SweepPoint {
    /// The swept criterion's normalised weight.
    pub weight: f64,
    /// Scores of the alternatives (in `SensitivityResult.alternatives` order).
    pub scores: Vec<f64>,
}

/// A weight at which first place changes hands.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BreakEven {
    pub weight: f64,
    /// Leader below this weight (alternative id).
    pub leader_below: String,
    /// Leader above it.
    pub leader_above: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CriterionSweep {
    pub criterion: String,
    pub name: String,
    pub current_weight: f64,
    pub points: Vec<SweepPoint>,
    pub break_even: Vec<BreakEven>,
    /// The current leader's score with this weight at `current - delta` and `current + delta` (clamped).
    pub tornado_low_weight: f64,
    pub tornado_high_weight: f64,
    pub leader_score_low: f64,
    pub leader_score_high: f64,
}

/// One alternative's results of the probabilistic analysis.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Acceptability {
    pub alternative: String,
    pub name: String,
    /// `ranks[r]`: share of samples in which it ranks `r + 1`.
    pub ranks: Vec<f64>,
    /// Mean weights of the samples in which it ranks first; `null` if it never does.
    pub central_weights: Option<Vec<f64>>,
    /// Share of value-uncertainty draws it wins with its central weights.
    pub confidence: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SensitivityResult {
    pub method: Method,
    pub normalization: Normalization,
    /// Criterion ids and their current normalised weights.
    pub criteria: Vec<String>,
    pub criterion_names: Vec<String>,
    pub weights: Vec<f64>,
    /// Complete alternatives (ids), best first under the current weights.
    pub alternatives: Vec<String>,
    pub names: Vec<String>,
    pub one_way: Vec<CriterionSweep>,
    /// In `alternatives` order.
    pub acceptability: Vec<Acceptability>,
    pub samples: u32,
    #[ts(type = "number")]
    pub seed: u64,
    pub sampling: WeightSampling,
    /// A plain-language statement of how robust the winner is.
    pub statement: String,
}

/// Progress of a sensitivity run, as sent to the UI while it samples.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct SamplingProgress {
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// Progress of the sampling: (samples done, samples in all).
pub type Progress<'a> = &'a (dyn Fn(u64, u64) + Sync);

impl SensitivityOptions {
    fn validate(&self, problem: &DecisionProblem) -> Result<()> {
        if self.samples == 0 || self.samples > MAX_SAMPLES {
            return Err(Error::validation(
                "samples",
                format!(
                    "{} is not a sample count between 1 and {MAX_SAMPLES}",
                    self.samples
                ),
            ));
        }
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
                if !(sd.is_finite() && *sd >= 0.0) {
                    return Err(Error::validation(
                        format!("value_sd.{alt}.{crit}"),
                        "must be a number, zero or more",
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

/// Runs the one-way and probabilistic analyses. `cancel` stops the sampling early
/// (the result is then an error of kind `cancelled`).
pub fn sensitivity(
    problem: &DecisionProblem,
    options: &SensitivityOptions,
    progress: Progress<'_>,
    cancel: &AtomicBool,
) -> Result<SensitivityResult> {
    let ranking = rank(problem)?;
    options.validate(problem)?;
    let matrix = normalized_matrix(problem);
    let scorer = Scorer::new(problem, &matrix);
    if scorer.complete.len() < 2 {
        return Err(Error::validation(
            "alternatives",
            "at least two alternatives with every value are needed to analyse sensitivity",
        ));
    }
    if problem.criteria.len() < 2 {
        return Err(Error::validation(
            "criteria",
            "at least two criteria are needed to analyse sensitivity",
        ));
    }
    let weights: Vec<f64> = ranking.criteria.iter().map(|c| c.weight).collect();
    let ids: Vec<String> = scorer
        .complete
        .iter()
        .map(|&i| problem.alternatives[i].id.clone())
        .collect();
    let names: Vec<String> = scorer
        .complete
        .iter()
        .map(|&i| {
            problem.alternatives[i]
                .name
                .clone()
                .unwrap_or_else(|| problem.alternatives[i].id.clone())
        })
        .collect();
    let n_alt = ids.len();

    let leader_of = |w: &[f64]| -> usize {
        let mut s = vec![0.0; n_alt];
        scorer.scores(w, &mut s);
        argmax(&s)
    };
    let current_leader = leader_of(&weights);

    // One-way sweeps.
    let mut one_way = Vec::with_capacity(weights.len());
    for (k, c) in ranking.criteria.iter().enumerate() {
        let at = |t: f64| rescale(&weights, k, t);
        let steps = options.sweep_steps;
        let mut points = Vec::with_capacity(steps as usize + 1);
        let mut leaders = Vec::with_capacity(steps as usize + 1);
        for s in 0..=steps {
            let t = f64::from(s) / f64::from(steps);
            let mut scores = vec![0.0; n_alt];
            scorer.scores(&at(t), &mut scores);
            // A tie does not change hands: the leader stays until someone is strictly ahead.
            let best = argmax(&scores);
            let leader = match leaders.last() {
                Some(&prev) if scores[prev] >= scores[best] - 1e-12 => prev,
                _ => best,
            };
            leaders.push(leader);
            points.push(SweepPoint { weight: t, scores });
        }
        let mut break_even = Vec::new();
        for s in 0..steps as usize {
            if leaders[s] != leaders[s + 1] {
                let (mut lo, mut hi) = (points[s].weight, points[s + 1].weight);
                for _ in 0..60 {
                    let mid = (lo + hi) / 2.0;
                    if leader_of(&at(mid)) == leaders[s] {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                break_even.push(BreakEven {
                    weight: (lo + hi) / 2.0,
                    leader_below: ids[leaders[s]].clone(),
                    leader_above: ids[leaders[s + 1]].clone(),
                });
            }
        }
        let (low_w, high_w) = (
            (weights[k] - options.tornado_delta).max(0.0),
            (weights[k] + options.tornado_delta).min(1.0),
        );
        let leader_score = |t: f64| {
            let mut s = vec![0.0; n_alt];
            scorer.scores(&at(t), &mut s);
            s[current_leader]
        };
        one_way.push(CriterionSweep {
            criterion: c.id.clone(),
            name: c.name.clone(),
            current_weight: weights[k],
            points,
            break_even,
            tornado_low_weight: low_w,
            tornado_high_weight: high_w,
            leader_score_low: leader_score(low_w),
            leader_score_high: leader_score(high_w),
        });
    }

    // Probabilistic: rank acceptability.
    let sampler = Sampler::new(problem, options, &weights, &scorer);
    let counts = sampler.run(options.samples, options.seed, progress, cancel)?;
    let total = f64::from(options.samples);
    let acceptability: Vec<Acceptability> = (0..n_alt)
        .map(|i| {
            let firsts = counts.ranks[i][0];
            let central = (firsts > 0).then(|| {
                counts.central[i]
                    .iter()
                    .map(|w| w / firsts as f64)
                    .collect::<Vec<f64>>()
            });
            let confidence = central
                .as_ref()
                .map(|w| sampler.confidence(i, w, options.seed));
            Acceptability {
                alternative: ids[i].clone(),
                name: names[i].clone(),
                ranks: counts.ranks[i].iter().map(|c| *c as f64 / total).collect(),
                central_weights: central,
                confidence,
            }
        })
        .collect();

    // Order alternatives best first under the current weights.
    let mut current = vec![0.0; n_alt];
    scorer.scores(&weights, &mut current);
    let mut order: Vec<usize> = (0..n_alt).collect();
    order.sort_by(|a, b| current[*b].total_cmp(&current[*a]).then(a.cmp(b)));
    let reorder = |v: &[f64]| order.iter().map(|&i| v[i]).collect::<Vec<f64>>();
    for sweep in &mut one_way {
        for p in &mut sweep.points {
            p.scores = reorder(&p.scores);
        }
    }
    let acceptability: Vec<Acceptability> =
        order.iter().map(|&i| acceptability[i].clone()).collect();
    let ids: Vec<String> = order.iter().map(|&i| ids[i].clone()).collect();
    let names: Vec<String> = order.iter().map(|&i| names[i].clone()).collect();

    let statement = robustness_statement(&names, &ids, &acceptability, &one_way, options.samples);
    Ok(SensitivityResult {
        method: problem.method,
        normalization: problem.normalization(),
        criteria: ranking.criteria.iter().map(|c| c.id.clone()).collect(),
        criterion_names: ranking.criteria.iter().map(|c| c.name.clone()).collect(),
        weights,
        alternatives: ids,
        names,
        one_way,
        acceptability,
        samples: options.samples,
        seed: options.seed,
        sampling: options.sampling,
        statement,
    })
}

/// Weights with criterion `k` set to `t` and the others rescaled in proportion.
fn rescale(weights: &[f64], k: usize, t: f64) -> Vec<f64> {
    let rest = 1.0 - weights[k];
    let others = weights.len() as f64 - 1.0;
    weights
        .iter()
        .enumerate()
        .map(|(j, w)| {
            if j == k {
                t
            } else if rest > 1e-12 {
                w / rest * (1.0 - t)
            } else {
                (1.0 - t) / others
            }
        })
        .collect()
}

/// Index of the highest score; the earliest wins a tie (deterministic).
fn argmax(scores: &[f64]) -> usize {
    let mut best = 0;
    for (i, s) in scores.iter().enumerate() {
        if *s > scores[best] {
            best = i;
        }
    }
    best
}

fn percent(x: f64) -> String {
    let p = x * 100.0;
    if p > 0.0 && p < 1.0 {
        "under 1 %".into()
    } else if p < 100.0 && p > 99.0 {
        "over 99 %".into()
    } else {
        format!("{:.0} %", p)
    }
}

fn robustness_statement(
    names: &[String],
    ids: &[String],
    acceptability: &[Acceptability],
    one_way: &[CriterionSweep],
    samples: u32,
) -> String {
    let leader = &names[0];
    let first = acceptability[0].ranks[0];
    let mut s = format!(
        "{leader} ranks first under the committee's weights and in {} of {} sampled weightings",
        percent(first),
        crate::money::format_amount(rust_decimal::Decimal::from(samples), 0)
    );
    // The smallest single weight change that costs the leader first place.
    let nearest = one_way
        .iter()
        .flat_map(|sweep| {
            sweep
                .break_even
                .iter()
                .filter(|b| b.leader_below == ids[0] || b.leader_above == ids[0])
                .map(move |b| (sweep, b))
        })
        .min_by(|(sa, a), (sb, b)| {
            (a.weight - sa.current_weight)
                .abs()
                .total_cmp(&(b.weight - sb.current_weight).abs())
        });
    match nearest {
        Some((sweep, b)) => {
            let rival = if b.leader_below == ids[0] { &b.leader_above } else { &b.leader_below };
            let rival = ids.iter().position(|id| id == rival).map_or(rival.as_str(), |i| names[i].as_str());
            let direction = if b.weight > sweep.current_weight { "rises above" } else { "falls below" };
            s.push_str(&format!(
                "; it loses first place to {rival} if the weight of {} {direction} {:.0} % (now {:.0} %).",
                sweep.name,
                b.weight * 100.0,
                sweep.current_weight * 100.0
            ));
        }
        None => s.push_str("; no change of a single criterion's weight between 0 and 100 % moves it from first place."),
    }
    if let Some(runner) = acceptability.get(1) {
        if runner.ranks[0] > 0.0 {
            s.push_str(&format!(
                " {} is first in {} of the samples.",
                names[1],
                percent(runner.ranks[0])
            ));
        }
    }
    s
}

struct Counts {
    /// `[alternative][rank]`
    ranks: Vec<Vec<u64>>,
    /// Sum of the weights of the samples each alternative wins.
    central: Vec<Vec<f64>>,
}

struct Sampler<'a> {
    scorer: &'a Scorer,
    sampling: WeightSampling,
    current: &'a [f64],
    bounds: Vec<(f64, f64)>,
    bounded: bool,
    /// Standard deviation of each normalised value, `[alternative][criterion]`, or empty.
    noise: Vec<Vec<f64>>,
}

impl<'a> Sampler<'a> {
    fn new(
        problem: &DecisionProblem,
        options: &SensitivityOptions,
        current: &'a [f64],
        scorer: &'a Scorer,
    ) -> Self {
        let bounds: Vec<(f64, f64)> = problem
            .criteria
            .iter()
            .map(|c| {
                options
                    .bounds
                    .get(&c.id)
                    .map_or((0.0, 1.0), |b| (b.min, b.max))
            })
            .collect();
        let bounded = bounds.iter().any(|(lo, hi)| *lo > 0.0 || *hi < 1.0);
        let slopes = scorer.slopes(problem);
        let noise: Vec<Vec<f64>> = if options
            .value_sd
            .values()
            .any(|m| m.values().any(|sd| *sd > 0.0))
        {
            scorer
                .complete
                .iter()
                .map(|&i| {
                    let alt = &problem.alternatives[i];
                    problem
                        .criteria
                        .iter()
                        .enumerate()
                        .map(|(j, c)| {
                            options
                                .value_sd
                                .get(&alt.id)
                                .and_then(|m| m.get(&c.id))
                                .copied()
                                .unwrap_or(0.0)
                                * slopes[j]
                        })
                        .collect()
                })
                .collect()
        } else {
            Vec::new()
        };
        Sampler {
            scorer,
            sampling: options.sampling,
            current,
            bounds,
            bounded,
            noise,
        }
    }

    fn weights(&self, rng: &mut ChaCha8Rng, w: &mut [f64]) -> Result<()> {
        for _ in 0..100_000 {
            match self.sampling {
                WeightSampling::Uniform => {
                    for x in w.iter_mut() {
                        *x = -uniform_open(rng).ln();
                    }
                }
                WeightSampling::Around { concentration } => {
                    for (x, c) in w.iter_mut().zip(self.current) {
                        *x = gamma((concentration * c).max(1e-3), rng);
                    }
                }
            }
            let sum: f64 = w.iter().sum();
            w.iter_mut().for_each(|x| *x /= sum);
            if !self.bounded
                || w.iter()
                    .zip(&self.bounds)
                    .all(|(x, (lo, hi))| x >= lo && x <= hi)
            {
                return Ok(());
            }
        }
        Err(Error::validation(
            "bounds",
            "the bounds leave too little room: fewer than 1 in 100,000 sampled weightings satisfy them; widen them",
        ))
    }

    fn scores(&self, w: &[f64], rng: &mut ChaCha8Rng, out: &mut [f64]) {
        self.scorer.scores(w, out);
        if !self.noise.is_empty() {
            for (i, o) in out.iter_mut().enumerate() {
                for (sd, wj) in self.noise[i].iter().zip(w) {
                    if *sd > 0.0 {
                        *o += wj * sd * normal(rng);
                    }
                }
            }
        }
    }

    fn run(
        &self,
        samples: u32,
        seed: u64,
        progress: Progress<'_>,
        cancel: &AtomicBool,
    ) -> Result<Counts> {
        let n = self.scorer.complete.len();
        let m = self.current.len();
        let chunks = samples.div_ceil(CHUNK);
        let done = AtomicU64::new(0);
        let partial: Vec<Result<Counts>> = (0..chunks)
            .into_par_iter()
            .map(|chunk| {
                let mut counts = Counts {
                    ranks: vec![vec![0; n]; n],
                    central: vec![vec![0.0; m]; n],
                };
                if cancel.load(Ordering::Relaxed) {
                    return Ok(counts);
                }
                let mut rng = ChaCha8Rng::seed_from_u64(seed);
                rng.set_stream(u64::from(chunk));
                let (mut w, mut s) = (vec![0.0; m], vec![0.0; n]);
                let count = CHUNK.min(samples - chunk * CHUNK);
                for _ in 0..count {
                    self.weights(&mut rng, &mut w)?;
                    self.scores(&w, &mut rng, &mut s);
                    for i in 0..n {
                        // Rank = how many beat it (earlier index wins a tie).
                        let r = (0..n)
                            .filter(|&j| s[j] > s[i] || (s[j] == s[i] && j < i))
                            .count();
                        counts.ranks[i][r] += 1;
                        if r == 0 {
                            counts.central[i]
                                .iter_mut()
                                .zip(&w)
                                .for_each(|(c, x)| *c += x);
                        }
                    }
                }
                let d = done.fetch_add(u64::from(count), Ordering::Relaxed) + u64::from(count);
                progress(d, u64::from(samples));
                Ok(counts)
            })
            .collect();
        if cancel.load(Ordering::Relaxed) {
            return Err(Error::Cancelled);
        }
        let mut total = Counts {
            ranks: vec![vec![0; n]; n],
            central: vec![vec![0.0; m]; n],
        };
        for p in partial {
            let p = p?;
            for i in 0..n {
                for r in 0..n {
                    total.ranks[i][r] += p.ranks[i][r];
                }
                for j in 0..m {
                    total.central[i][j] += p.central[i][j];
                }
            }
        }
        Ok(total)
    }

    /// Share of value-uncertainty draws alternative `i` wins with weights `w` (1 or 0 without uncertainty).
    fn confidence(&self, i: usize, w: &[f64], seed: u64) -> f64 {
        let n = self.scorer.complete.len();
        let mut s = vec![0.0; n];
        if self.noise.is_empty() {
            self.scorer.scores(w, &mut s);
            return if argmax(&s) == i { 1.0 } else { 0.0 };
        }
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed_c0f1);
        rng.set_stream(i as u64);
        let draws = 2000;
        let wins = (0..draws)
            .filter(|_| {
                self.scores(w, &mut rng, &mut s);
                argmax(&s) == i
            })
            .count();
        wins as f64 / f64::from(draws)
    }
}

/// Uniform in (0, 1), never 0.
fn uniform_open(rng: &mut ChaCha8Rng) -> f64 {
    ((rng.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
}

/// Standard normal (Box-Muller).
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let (u, v) = (uniform_open(rng), uniform_open(rng));
    (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
}

/// Gamma(shape, 1) by Marsaglia and Tsang (2000); shapes below 1 by the boost `G(a+1) U^(1/a)`.
fn gamma(shape: f64, rng: &mut ChaCha8Rng) -> f64 {
    if shape < 1.0 {
        return gamma(shape + 1.0, rng) * uniform_open(rng).powf(1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let x = normal(rng);
        let v = (1.0 + c * x).powi(3);
        if v <= 0.0 {
            continue;
        }
        let u = uniform_open(rng);
        if u.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
            return d * v;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem() -> DecisionProblem {
        DecisionProblem::from_json(
            "t.json",
            r#"{"criteria":[{"id":"q","weight":0.6,"direction":"benefit"},{"id":"cost","weight":0.4,"direction":"cost"}],
               "alternatives":[{"id":"premium","values":{"q":9,"cost":100}},{"id":"budget","values":{"q":5,"cost":60}},{"id":"mid","values":{"q":6,"cost":90}}]}"#,
        )
        .unwrap()
    }

    fn run(options: &SensitivityOptions) -> SensitivityResult {
        sensitivity(&problem(), options, &|_, _| {}, &AtomicBool::new(false)).unwrap()
    }

    #[test]
    fn break_even_of_a_two_criterion_weighted_sum_is_exact() {
        // Normalised: premium (1, 0), budget (0, 1), mid (0.25, 0.25). premium beats
        // budget while w_q > 1 - w_q, i.e. w_q > 0.5.
        let r = run(&SensitivityOptions::default());
        assert_eq!(r.alternatives[0], "premium");
        let q = &r.one_way[0];
        assert_eq!(q.break_even.len(), 1);
        assert!(
            (q.break_even[0].weight - 0.5).abs() < 1e-9,
            "{:?}",
            q.break_even
        );
        assert_eq!(q.break_even[0].leader_below, "budget");
        assert!(r.statement.contains("falls below 50 %"), "{}", r.statement);
    }

    #[test]
    fn acceptability_rows_and_columns_sum_to_one() {
        let r = run(&SensitivityOptions {
            samples: 5000,
            ..Default::default()
        });
        for a in &r.acceptability {
            assert!((a.ranks.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        }
        for rank in 0..3 {
            let col: f64 = r.acceptability.iter().map(|a| a.ranks[rank]).sum();
            assert!((col - 1.0).abs() < 1e-12);
        }
        // Uniform weights on two criteria: premium first when w_q > 0.5, half the time.
        assert!(
            (r.acceptability[0].ranks[0] - 0.5).abs() < 0.03,
            "{:?}",
            r.acceptability[0]
        );
        // "mid" is dominated by a mix and never first.
        let mid = r
            .acceptability
            .iter()
            .find(|a| a.alternative == "mid")
            .unwrap();
        assert_eq!(mid.ranks[0], 0.0);
        assert_eq!(mid.central_weights, None);
        let central = r.acceptability[0].central_weights.as_ref().unwrap();
        assert!(central[0] > 0.5);
    }

    #[test]
    fn the_same_seed_gives_the_same_result_and_another_seed_differs() {
        let a = run(&SensitivityOptions {
            samples: 3000,
            seed: 7,
            ..Default::default()
        });
        let b = run(&SensitivityOptions {
            samples: 3000,
            seed: 7,
            ..Default::default()
        });
        let c = run(&SensitivityOptions {
            samples: 3000,
            seed: 8,
            ..Default::default()
        });
        assert_eq!(a, b);
        assert_ne!(a.acceptability, c.acceptability);
    }

    #[test]
    fn bounds_and_bad_options_are_checked() {
        let err = |o: SensitivityOptions| {
            sensitivity(&problem(), &o, &|_, _| {}, &AtomicBool::new(false)).unwrap_err()
        };
        assert_eq!(
            err(SensitivityOptions {
                samples: 0,
                ..Default::default()
            })
            .field(),
            Some("samples")
        );
        assert_eq!(
            err(SensitivityOptions {
                samples: MAX_SAMPLES + 1,
                ..Default::default()
            })
            .field(),
            Some("samples")
        );
        let infeasible = BTreeMap::from([
            ("q".to_string(), WeightBounds { min: 0.7, max: 1.0 }),
            ("cost".to_string(), WeightBounds { min: 0.5, max: 1.0 }),
        ]);
        assert_eq!(
            err(SensitivityOptions {
                bounds: infeasible,
                ..Default::default()
            })
            .field(),
            Some("bounds")
        );
        let unknown = BTreeMap::from([("x".to_string(), WeightBounds { min: 0.0, max: 1.0 })]);
        assert_eq!(
            err(SensitivityOptions {
                bounds: unknown,
                ..Default::default()
            })
            .field(),
            Some("bounds.x")
        );

        // Within bounds, every sampled weighting respects them: w_q >= 0.6 means premium always wins.
        let bounds = BTreeMap::from([("q".to_string(), WeightBounds { min: 0.6, max: 0.9 })]);
        let r = run(&SensitivityOptions {
            samples: 2000,
            bounds,
            ..Default::default()
        });
        assert_eq!(r.acceptability[0].ranks[0], 1.0);
    }

    #[test]
    fn cancelling_stops_with_a_cancelled_error() {
        let cancel = AtomicBool::new(true);
        let err = sensitivity(
            &problem(),
            &SensitivityOptions::default(),
            &|_, _| {},
            &cancel,
        )
        .unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Cancelled);
    }

    #[test]
    fn score_uncertainty_lowers_confidence() {
        let sd = BTreeMap::from([
            (
                "premium".to_string(),
                BTreeMap::from([("q".to_string(), 3.0)]),
            ),
            (
                "budget".to_string(),
                BTreeMap::from([("q".to_string(), 3.0)]),
            ),
        ]);
        let r = run(&SensitivityOptions {
            samples: 2000,
            value_sd: sd,
            ..Default::default()
        });
        let c = r.acceptability[0].confidence.unwrap();
        assert!(c > 0.3 && c < 1.0, "{c}");
    }

    #[test]
    fn gamma_and_normal_have_the_right_moments() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let n = 200_000;
        let g: Vec<f64> = (0..n).map(|_| gamma(2.5, &mut rng)).collect();
        let mean = g.iter().sum::<f64>() / n as f64;
        assert!((mean - 2.5).abs() < 0.03, "{mean}");
        let z: Vec<f64> = (0..n).map(|_| normal(&mut rng)).collect();
        let var = z.iter().map(|x| x * x).sum::<f64>() / n as f64;
        assert!((var - 1.0).abs() < 0.02, "{var}");
    }
}
