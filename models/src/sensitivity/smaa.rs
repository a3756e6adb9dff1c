//! Probabilistic analysis (SMAA-2): weights sampled on the simplex (within bounds, or
//! around the committee's weights), optionally with value uncertainty, in fixed chunks of
//! one ChaCha stream each so that results do not depend on the thread count.
//!
//! A value known only as a range (an unconfirmed compatibility score) is drawn uniformly
//! within it in every sample, independently per alternative and criterion: the imprecise
//! criterion values of SMAA (Lahdelma, Hokkanen and Salminen, EJOR 106, 1998; Tervonen and
//! Figueira, J. Multi-Crit. Decis. Anal. 15, 2008).

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use super::one_way::argmax;
use super::{Acceptability, Progress, SensitivityOptions, WeightSampling};
use crate::error::{Error, Result};
use crate::ranking::{normalized_matrix, DecisionProblem, Scorer};

const CHUNK: u32 = 1024;

pub(super) struct Counts {
    /// `[alternative][rank]`
    ranks: Vec<Vec<u64>>,
    /// Sum of the weights of the samples each alternative wins.
    central: Vec<Vec<f64>>,
}

/// A value known only as a range, drawn in every sample.
struct RangedCell {
    /// Index into the problem's alternatives, into the complete ones, and criterion.
    alternative: usize,
    complete: usize,
    criterion: usize,
    low: f64,
    high: f64,
    /// Normalised value at the point, the low end and the high end (weighted sum on a
    /// fixed scale, where the normalised value is linear in the value and depends on no
    /// other alternative).
    point_n: f64,
    low_n: f64,
    high_n: f64,
}

pub(super) struct Sampler<'a> {
    problem: &'a DecisionProblem,
    scorer: &'a Scorer,
    /// Ranged values, drawn uniformly in every sample.
    ranged: Vec<RangedCell>,
    /// True when every ranged value is on a fixed scale under the weighted sum, so that
    /// a draw moves only its own alternative's score.
    linear_ranges: bool,
    sampling: WeightSampling,
    current: &'a [f64],
    bounds: Vec<(f64, f64)>,
    bounded: bool,
    /// Standard deviation of each normalised value, `[alternative][criterion]`, or empty.
    noise: Vec<Vec<f64>>,
}

impl<'a> Sampler<'a> {
    pub(super) fn new(
        problem: &'a DecisionProblem,
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
        let (ranged, linear_ranges) = ranged_cells(problem, scorer);
        Sampler {
            problem,
            scorer,
            ranged,
            linear_ranges,
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

    /// Scores of the complete alternatives for weights `w`, with the ranged values drawn
    /// (into `scratch`, a copy of the problem, when the draws move other alternatives'
    /// normalised values) and the value noise added.
    fn scores(
        &self,
        w: &[f64],
        rng: &mut ChaCha8Rng,
        scratch: &mut DecisionProblem,
        out: &mut [f64],
    ) {
        if self.ranged.is_empty() {
            self.scorer.scores(w, out);
        } else if self.linear_ranges {
            self.scorer.scores(w, out);
            for cell in &self.ranged {
                let u = uniform_open(rng);
                let drawn = cell.low_n + u * (cell.high_n - cell.low_n);
                out[cell.complete] += w[cell.criterion] * (drawn - cell.point_n);
            }
        } else {
            for cell in &self.ranged {
                let u = uniform_open(rng);
                let id = &self.problem.criteria[cell.criterion].id;
                if let Some(v) = scratch.alternatives[cell.alternative].values.get_mut(id) {
                    *v = Some(cell.low + u * (cell.high - cell.low));
                }
            }
            let matrix = normalized_matrix(scratch);
            Scorer::new(scratch, &matrix).scores(w, out);
        }
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

    pub(super) fn run(
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
                let mut scratch = self.scratch();
                let count = CHUNK.min(samples - chunk * CHUNK);
                for _ in 0..count {
                    self.weights(&mut rng, &mut w)?;
                    self.scores(&w, &mut rng, &mut scratch, &mut s);
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
    /// Each alternative's rank acceptability, central weights and confidence factor, in
    /// `scorer.complete` order (`ids` and `names` name those alternatives).
    pub(super) fn acceptability(
        &self,
        counts: &Counts,
        ids: &[String],
        names: &[String],
        samples: u32,
        seed: u64,
    ) -> Vec<Acceptability> {
        let total = f64::from(samples);
        (0..ids.len())
            .map(|i| {
                let firsts = counts.ranks[i][0];
                let central = (firsts > 0).then(|| {
                    counts.central[i]
                        .iter()
                        .map(|w| w / firsts as f64)
                        .collect::<Vec<f64>>()
                });
                let confidence = central.as_ref().map(|w| self.confidence(i, w, seed));
                Acceptability {
                    alternative: ids[i].clone(),
                    name: names[i].clone(),
                    ranks: counts.ranks[i].iter().map(|c| *c as f64 / total).collect(),
                    central_weights: central,
                    confidence,
                }
            })
            .collect()
    }

    fn confidence(&self, i: usize, w: &[f64], seed: u64) -> f64 {
        let n = self.scorer.complete.len();
        let mut s = vec![0.0; n];
        if self.noise.is_empty() && self.ranged.is_empty() {
            self.scorer.scores(w, &mut s);
            return if argmax(&s) == i { 1.0 } else { 0.0 };
        }
        let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x5eed_c0f1);
        rng.set_stream(i as u64);
        let draws = 2000;
        let mut scratch = self.scratch();
        let wins = (0..draws)
            .filter(|_| {
                self.scores(w, &mut rng, &mut scratch, &mut s);
                argmax(&s) == i
            })
            .count();
        wins as f64 / f64::from(draws)
    }
}

impl Sampler<'_> {
    /// A copy of the problem to draw ranged values into (empty when none is needed).
    fn scratch(&self) -> DecisionProblem {
        if self.ranged.is_empty() || self.linear_ranges {
            DecisionProblem {
                alternatives: Vec::new(),
                criteria: Vec::new(),
                ..self.problem.clone()
            }
        } else {
            self.problem.clone()
        }
    }
}

/// The problem's ranged values among the complete alternatives, and whether each moves
/// only its own alternative's score (the weighted sum on fixed scales).
fn ranged_cells(problem: &DecisionProblem, scorer: &Scorer) -> (Vec<RangedCell>, bool) {
    let mut cells = Vec::new();
    let mut linear = problem.method == crate::ranking::Method::WeightedSum
        && problem.normalization() != crate::ranking::Normalization::Vector;
    let point = normalized_matrix(problem);
    for (k, &i) in scorer.complete.iter().enumerate() {
        let alt = &problem.alternatives[i];
        for (j, c) in problem.criteria.iter().enumerate() {
            let Some(r) = alt.ranges.get(&c.id).filter(|r| r.high > r.low) else {
                continue;
            };
            linear &= c.scale.is_some();
            let at = |v: f64| {
                let mut p = problem.clone();
                p.alternatives[i].values.insert(c.id.clone(), Some(v));
                normalized_matrix(&p)[i][j].unwrap_or(0.0)
            };
            cells.push(RangedCell {
                alternative: i,
                complete: k,
                criterion: j,
                low: r.low,
                high: r.high,
                point_n: point[i][j].unwrap_or(0.0),
                low_n: at(r.low),
                high_n: at(r.high),
            });
        }
    }
    (cells, linear)
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
