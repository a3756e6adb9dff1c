//! Benchmark: a capital plan of 2,000 items x 3 options x 5 fiscal years with a cap per
//! year, solved to proven optimality, beside HiGHS (through its Python interface, highspy)
//! solving the same integer programme (benches/plan_highspy.py) in the same run.
//!
//! `cargo bench -p caliper-models --bench plan`. Both build the instance from the same
//! integer formula; when both prove their optimum, the run checks that the values agree. Caliper's time
//! is the whole `plan::plan` call (checks, model, greedy fill, search, report); HiGHS's is
//! passing the model and solving it (mip_rel_gap 0: proven optimal).

use std::process::Command;
use std::time::Instant;

use caliper_models::plan::{plan, Budget, Cost, GreedyOrder, PlanInput, PlanItem, PlanOption};
use rust_decimal::Decimal;

const ITEMS: u64 = 2_000;
const OPTIONS: u64 = 3;
const YEARS: u64 = 5;

/// The shared pseudo-random formula (Knuth's multiplicative hash, modulo 2^32).
fn h(i: u64, o: u64, y: u64, salt: u64) -> u64 {
    (i * 1_000_003 + o * 10_007 + y * 101 + salt).wrapping_mul(2_654_435_761) & 0xffff_ffff
}

/// Cost of option `o` of item `i` in year `y` (thousands): 1 to the item's size.
fn cost(i: u64, o: u64, y: u64) -> u64 {
    let size = 20 + h(i, 0, 0, 1) % 180;
    1 + h(i, o, y, 2) % size
}

/// Value: a priority score from 1 to 10, independent of cost.
fn value(i: u64, o: u64) -> u64 {
    1 + h(i, o, 0, 4) % 10
}

/// A quarter of what funding every item's average option would cost each year.
fn cap(y: u64) -> u64 {
    (0..ITEMS)
        .map(|i| (0..OPTIONS).map(|o| cost(i, o, y)).sum::<u64>())
        .sum::<u64>()
        / OPTIONS
        / 4
}

fn instance() -> PlanInput {
    PlanInput {
        budgets: (0..YEARS)
            .map(|y| Budget {
                year: Some(2027 + y as i32),
                resource: None,
                amount: Decimal::from(cap(y)),
            })
            .collect(),
        items: (0..ITEMS)
            .map(|i| PlanItem {
                id: format!("item{i}"),
                name: None,
                mandatory: false,
                rank: None,
                options: (0..OPTIONS)
                    .map(|o| PlanOption {
                        id: format!("option{o}"),
                        name: None,
                        value: Decimal::from(value(i, o)),
                        costs: (0..YEARS)
                            .map(|y| Cost {
                                year: Some(2027 + y as i32),
                                resource: None,
                                amount: Decimal::from(cost(i, o, y)),
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        dependencies: Vec::new(),
        exclusions: Vec::new(),
        greedy_order: GreedyOrder::Value,
    }
}

fn main() {
    let input = instance();
    let start = Instant::now();
    let r = plan(&input).expect("plan");
    let best = start.elapsed().as_secs_f64();
    println!("Capital plan, {ITEMS} items x {OPTIONS} options x {YEARS} years, a cap per year:");
    println!(
        "  Caliper (Rust branch and bound, 1 thread): {:>9.1} ms  optimum {} ({}, {} nodes; greedy {})",
        best * 1e3,
        r.optimum.total_value,
        if r.proven_optimal { "proven" } else { "NOT proven" },
        r.nodes,
        r.greedy.total_value
    );

    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/plan_highspy.py");
    match Command::new("python3").arg(script).output() {
        Ok(out) if out.status.success() => {
            // The last line: HiGHS prints its banner before the options silence it.
            let text = String::from_utf8_lossy(&out.stdout);
            let mut parts = text.lines().last().unwrap_or_default().split_whitespace();
            let ms: f64 = parts
                .next()
                .and_then(|t| t.parse().ok())
                .unwrap_or(f64::NAN);
            let objective: Decimal = parts
                .next()
                .and_then(|t| t.parse().ok())
                .unwrap_or_default();
            println!(
                "  HiGHS (highspy, same model, mip_rel_gap 0): {ms:>9.1} ms  optimum {objective}"
            );
            println!("  Caliper takes {:.2}x HiGHS's time", best * 1e3 / ms);
            if r.proven_optimal {
                assert_eq!(
                    objective, r.optimum.total_value,
                    "Caliper and HiGHS disagree on the optimum"
                );
                println!("  Same optimal value: yes");
            } else {
                println!(
                    "  Caliper's best plan is {} below HiGHS's optimum",
                    objective - r.optimum.total_value
                );
            }
        }
        _ => println!(
            "  HiGHS: not available (install it with scripts/bootstrap.sh or `pip install highspy`)"
        ),
    }
}
