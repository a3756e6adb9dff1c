//! One-way analysis: each criterion's weight swept from 0 to 100 % with the others
//! rescaled in proportion; the weights where first place changes hands (break-even
//! points) and the tornado of the leader's score as the weight moves either way.

use super::{BreakEven, CriterionSweep, SensitivityOptions, SweepPoint};
use crate::ranking::{RankedCriterion, Scorer};

/// Sweeps every criterion's weight; scores are in `scorer.complete` order and `ids` names
/// those alternatives.
pub(super) fn sweeps(
    criteria: &[RankedCriterion],
    weights: &[f64],
    scorer: &Scorer,
    ids: &[String],
    options: &SensitivityOptions,
) -> Vec<CriterionSweep> {
    let sweep = Sweep {
        weights,
        scorer,
        ids,
        options,
    };
    let current_leader = sweep.leader_of(weights);
    criteria
        .iter()
        .enumerate()
        .map(|(k, c)| sweep.criterion(k, c, current_leader))
        .collect()
}

struct Sweep<'a> {
    weights: &'a [f64],
    scorer: &'a Scorer,
    ids: &'a [String],
    options: &'a SensitivityOptions,
}

impl Sweep<'_> {
    fn scores(&self, w: &[f64]) -> Vec<f64> {
        let mut s = vec![0.0; self.ids.len()];
        self.scorer.scores(w, &mut s);
        s
    }

    fn leader_of(&self, w: &[f64]) -> usize {
        argmax(&self.scores(w))
    }

    /// Criterion `k`'s sweep, break-even points and tornado of `current_leader`'s score.
    fn criterion(&self, k: usize, c: &RankedCriterion, current_leader: usize) -> CriterionSweep {
        let weights = self.weights;
        let at = |t: f64| rescale(weights, k, t);
        let steps = self.options.sweep_steps;
        let mut points = Vec::with_capacity(steps as usize + 1);
        let mut leaders = Vec::with_capacity(steps as usize + 1);
        for s in 0..=steps {
            let t = f64::from(s) / f64::from(steps);
            let scores = self.scores(&at(t));
            // A tie does not change hands: the leader stays until someone is strictly ahead.
            let best = argmax(&scores);
            let leader = match leaders.last() {
                Some(&prev) if scores[prev] >= scores[best] - 1e-12 => prev,
                _ => best,
            };
            leaders.push(leader);
            points.push(SweepPoint { weight: t, scores });
        }
        let break_even = self.break_even(k, &points, &leaders);
        let delta = self.options.tornado_delta;
        let (low_w, high_w) = ((weights[k] - delta).max(0.0), (weights[k] + delta).min(1.0));
        let leader_score = |t: f64| self.scores(&at(t))[current_leader];
        CriterionSweep {
            criterion: c.id.clone(),
            name: c.name.clone(),
            current_weight: weights[k],
            points,
            break_even,
            tornado_low_weight: low_w,
            tornado_high_weight: high_w,
            leader_score_low: leader_score(low_w),
            leader_score_high: leader_score(high_w),
        }
    }

    /// Where the leader changes between two sweep points, the weight found by bisection.
    fn break_even(&self, k: usize, points: &[SweepPoint], leaders: &[usize]) -> Vec<BreakEven> {
        let at = |t: f64| rescale(self.weights, k, t);
        let mut break_even = Vec::new();
        for s in 0..points.len() - 1 {
            if leaders[s] != leaders[s + 1] {
                let (mut lo, mut hi) = (points[s].weight, points[s + 1].weight);
                for _ in 0..60 {
                    let mid = (lo + hi) / 2.0;
                    if self.leader_of(&at(mid)) == leaders[s] {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                break_even.push(BreakEven {
                    weight: (lo + hi) / 2.0,
                    leader_below: self.ids[leaders[s]].clone(),
                    leader_above: self.ids[leaders[s + 1]].clone(),
                });
            }
        }
        break_even
    }
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
pub(super) fn argmax(scores: &[f64]) -> usize {
    let mut best = 0;
    for (i, s) in scores.iter().enumerate() {
        if *s > scores[best] {
            best = i;
        }
    }
    best
}
