//! The sensitivity analysis samples weights in chunks, one seeded stream per chunk, so its
//! results must not depend on how many threads run it. This runs the same analysis on
//! pools of 1, 2 and 4 threads and compares every field of the results.

use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;

use caliper_models::criteria::Direction;
use caliper_models::ranking::{Alternative, DecisionProblem, Method, ProblemCriterion};
use caliper_models::sensitivity::{sensitivity, SensitivityOptions, WeightSampling};

fn problem(method: Method) -> DecisionProblem {
    let criteria = 6;
    DecisionProblem {
        method,
        normalization: None,
        criteria: (0..criteria)
            .map(|j| ProblemCriterion {
                id: format!("c{j}"),
                name: None,
                weight: (j % 4 + 1) as f64,
                direction: if j % 3 == 0 {
                    Direction::Cost
                } else {
                    Direction::Benefit
                },
                scale: None,
                reference: None,
            })
            .collect(),
        alternatives: (0..5)
            .map(|i| Alternative {
                id: format!("a{i}"),
                name: None,
                values: (0..criteria)
                    .map(|j| {
                        let v = ((i * 7 + j * 11) % 13 + 1) as f64;
                        (format!("c{j}"), Some(v))
                    })
                    .collect(),
                ranges: Default::default(),
            })
            .collect(),
    }
}

/// The whole result as JSON text, so any difference in any field shows.
fn run_on(threads: usize, problem: &DecisionProblem, options: &SensitivityOptions) -> String {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let cancel = AtomicBool::new(false);
    let result = pool
        .install(|| sensitivity(problem, options, &|_, _| {}, &cancel))
        .expect("sensitivity");
    serde_json::to_string(&result).expect("result as JSON")
}

fn check(problem: &DecisionProblem, options: &SensitivityOptions) {
    let one = run_on(1, problem, options);
    assert_eq!(one, run_on(2, problem, options), "1 and 2 threads differ");
    assert_eq!(one, run_on(4, problem, options), "1 and 4 threads differ");
}

#[test]
fn uniform_weights_give_the_same_result_on_1_2_and_4_threads() {
    let options = SensitivityOptions {
        samples: 20_000,
        seed: 7,
        ..SensitivityOptions::default()
    };
    check(&problem(Method::WeightedSum), &options);
}

#[test]
fn uncertain_values_and_topsis_give_the_same_result_on_1_2_and_4_threads() {
    let mut value_sd = BTreeMap::new();
    value_sd.insert(
        "a1".to_string(),
        [("c1".to_string(), 0.8), ("c2".to_string(), 1.5)]
            .into_iter()
            .collect(),
    );
    let options = SensitivityOptions {
        samples: 20_000,
        seed: 11,
        value_sd,
        ..SensitivityOptions::default()
    };
    check(&problem(Method::WeightedSum), &options);

    let topsis = SensitivityOptions {
        samples: 20_000,
        seed: 3,
        sampling: WeightSampling::Around {
            concentration: 50.0,
        },
        ..SensitivityOptions::default()
    };
    check(&problem(Method::Topsis), &topsis);
}
