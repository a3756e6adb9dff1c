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

//!
//! `options` holds the settings and their checks, `one_way` the sweeps, break-even points
//! and tornado, `smaa` the sampling, and `statement` the summary in words; this file runs
//! them in order and keeps the result types.

mod one_way;
mod options;
mod smaa;
mod statement;

pub use options::{SensitivityOptions, WeightBounds, WeightSampling, DEFAULT_SAMPLES, MAX_SAMPLES};

use std::sync::atomic::AtomicBool;

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::ranking::{normalized_matrix, rank, DecisionProblem, Method, Normalization, Scorer};

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

    let mut one_way = one_way::sweeps(&ranking.criteria, &weights, &scorer, &ids, options);

    // Probabilistic: rank acceptability.
    let sampler = smaa::Sampler::new(problem, options, &weights, &scorer);
    let counts = sampler.run(options.samples, options.seed, progress, cancel)?;
    let acceptability = sampler.acceptability(&counts, &ids, &names, options.samples, options.seed);

    // Order alternatives best first under the current weights.
    let order = best_first(&scorer, &weights);
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

    let ranged = problem.alternatives.iter().any(|a| !a.ranges.is_empty());
    let mut statement = statement::robustness_statement(
        &names,
        &ids,
        &acceptability,
        &one_way,
        (options.samples, ranged),
    );
    for sentence in statement::unconfirmed_sentences(&ranking) {
        statement.push(' ');
        statement.push_str(&sentence);
    }
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

/// The complete alternatives' positions, best first under `weights` (the earlier first
/// on a tie).
fn best_first(scorer: &Scorer, weights: &[f64]) -> Vec<usize> {
    let mut current = vec![0.0; scorer.complete.len()];
    scorer.scores(weights, &mut current);
    let mut order: Vec<usize> = (0..current.len()).collect();
    order.sort_by(|a, b| current[*b].total_cmp(&current[*a]).then(a.cmp(b)));
    order
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

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
    fn an_analysis_too_large_to_finish_soon_is_refused_at_once() {
        let mut p = problem();
        let template = p.alternatives[0].clone();
        p.alternatives = (0..3_000)
            .map(|i| {
                let mut a = template.clone();
                a.id = format!("a{i}");
                a
            })
            .collect();
        let options = SensitivityOptions {
            samples: 100_000,
            ..Default::default()
        };
        let started = std::time::Instant::now();
        let err = sensitivity(&p, &options, &|_, _| {}, &AtomicBool::new(false)).unwrap_err();
        assert_eq!(err.field(), Some("samples"));
        assert!(err.to_string().contains("use at most"), "{err}");
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
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

    /// b's fit is unconfirmed (0 to 100, ranked at 50): the analysis samples it, so b wins
    /// some samples even at weights where its point loses, and the statement says that
    /// confirming it would make b first.
    #[test]
    fn unconfirmed_values_are_sampled_and_named() {
        let json = |method: &str, ranges: &str| {
            format!(
                r#"{{"method":"{method}","criteria":[{{"id":"fit","name":"Network compatibility","weight":1,"direction":"benefit","scale":{{"min":0,"max":100}}}},
                               {{"id":"q","weight":1,"direction":"benefit","scale":{{"min":1,"max":5}}}}],
                   "alternatives":[{{"id":"a","values":{{"fit":80,"q":3}}}},
                                   {{"id":"b","values":{{"fit":50,"q":3.2}}{ranges}}}]}}"#
            )
        };
        let analyse = |text: &str| {
            let p = DecisionProblem::from_json("t.json", text).unwrap();
            let o = SensitivityOptions {
                samples: 4000,
                ..Default::default()
            };
            sensitivity(&p, &o, &|_, _| {}, &AtomicBool::new(false)).unwrap()
        };
        let ranged = r#","ranges":{"fit":{"low":0,"high":100}}"#;
        let point = analyse(&json("weighted_sum", ""));
        let sampled = analyse(&json("weighted_sum", ranged));
        let b_first = |r: &SensitivityResult| {
            r.acceptability
                .iter()
                .find(|a| a.alternative == "b")
                .unwrap()
                .ranks[0]
        };
        assert!(b_first(&sampled) > b_first(&point) + 0.1);
        assert!(
            sampled.statement.contains(
                "b's network compatibility is unconfirmed; confirmed, it would rank first."
            ),
            "{}",
            sampled.statement
        );
        assert!(sampled
            .statement
            .contains("samples of the weights and of the unconfirmed"));
        assert_eq!(sampled, analyse(&json("weighted_sum", ranged)));
        // TOPSIS re-normalises every draw; it samples too, and reproducibly.
        let topsis = analyse(&json("topsis", ranged));
        assert_eq!(topsis, analyse(&json("topsis", ranged)));
        assert!(b_first(&topsis) > 0.0);
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
}
