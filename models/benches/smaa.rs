//! Benchmark: SMAA rank acceptability for 12 alternatives x 20 criteria x 100,000 weight
//! samples, beside a straightforward vectorised NumPy implementation of the same
//! computation (benches/smaa_numpy.py), run in the same benchmark.
//!
//! `cargo bench -p caliper-models --bench smaa`. Caliper's run is the whole sensitivity
//! analysis (one-way sweeps and break-even search included), so it does more than the peer.

use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use caliper_models::criteria::Direction;
use caliper_models::ranking::{Alternative, DecisionProblem, Method, ProblemCriterion};
use caliper_models::sensitivity::{sensitivity, SensitivityOptions};

const ALTERNATIVES: usize = 12;
const CRITERIA: usize = 20;
const SAMPLES: u32 = 100_000;

fn problem() -> DecisionProblem {
    DecisionProblem {
        method: Method::WeightedSum,
        normalization: None,
        criteria: (0..CRITERIA)
            .map(|j| ProblemCriterion {
                id: format!("c{j}"),
                name: None,
                weight: (j % 5 + 1) as f64,
                direction: if j % 3 == 0 {
                    Direction::Cost
                } else {
                    Direction::Benefit
                },
                scale: None,
                reference: None,
            })
            .collect(),
        alternatives: (0..ALTERNATIVES)
            .map(|i| Alternative {
                id: format!("a{i}"),
                name: None,
                values: (0..CRITERIA)
                    .map(|j| {
                        let v = ((i * 7 + j * 13) % 17 + 1) as f64 * (1.0 + j as f64 / 10.0);
                        (format!("c{j}"), Some(v))
                    })
                    .collect(),
                ranges: Default::default(),
            })
            .collect(),
    }
}

fn main() {
    let p = problem();
    let options = SensitivityOptions {
        samples: SAMPLES,
        ..SensitivityOptions::default()
    };
    let cancel = AtomicBool::new(false);
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let start = Instant::now();
        let r = sensitivity(&p, &options, &|_, _| {}, &cancel).expect("sensitivity");
        best = best.min(start.elapsed().as_secs_f64());
        assert_eq!(r.acceptability.len(), ALTERNATIVES);
    }
    println!("SMAA rank acceptability, {ALTERNATIVES} alternatives x {CRITERIA} criteria x {SAMPLES} weight samples (best of 5):");
    println!(
        "  Caliper (Rust, {} threads, full sensitivity analysis): {:>8.1} ms",
        rayon::current_num_threads(),
        best * 1e3
    );

    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/smaa_numpy.py");
    match Command::new("python3")
        .arg(script)
        .arg(SAMPLES.to_string())
        .output()
    {
        Ok(out) if out.status.success() => {
            let ms: f64 = String::from_utf8_lossy(&out.stdout)
                .trim()
                .parse()
                .unwrap_or(f64::NAN);
            println!("  NumPy (vectorised, same computation):                 {ms:>8.1} ms");
            println!(
                "  Caliper is {:.1}x {} than NumPy",
                (ms / (best * 1e3)).max(best * 1e3 / ms),
                if best * 1e3 < ms { "faster" } else { "slower" }
            );
        }
        _ => println!(
            "  NumPy: not available (install it with scripts/bootstrap.sh or `pip install numpy`)"
        ),
    }
}
