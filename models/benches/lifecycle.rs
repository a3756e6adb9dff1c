//! Benchmark: the lifecycle cost of 100,000 cost models over a 10-year horizon.
//!
//! `cargo bench -p caliper-models --bench lifecycle`. Prints the time, single-threaded and
//! across all cores (rayon), and the throughput. The README's performance section records it.

use std::hint::black_box;
use std::time::Instant;

use caliper_models::lifecycle::{lifecycle_cost, Assumptions, CostModel};
use caliper_models::money::Currency;
use rayon::prelude::*;
use rust_decimal::Decimal;

const MODELS: usize = 100_000;

fn model(i: usize) -> CostModel {
    let d = |v: i64, scale: u32| Decimal::new(v, scale);
    CostModel {
        unit_price: d(1_000_000 + (i as i64 % 997) * 1_000, 2),
        quantity: 1 + (i % 50) as u32,
        discount_pct: d((i % 15) as i64, 0),
        trade_in_credit: Decimal::ZERO,
        installation: d(250_000, 2),
        it_integration: d(180_000, 2),
        training: d(90_000, 2),
        warranty_years: (i % 3) as u32,
        service_annual: d(150_000 + (i as i64 % 101) * 100, 2),
        service_escalation: d(3, 2),
        cost_per_use: d(420, 2),
        annual_uses: Decimal::from(1_000 + i % 5_000),
        power_watts: d(65, 0),
        hours_per_year: Decimal::from(8760),
        tariff_per_kwh: d(14, 2),
        software_annual: d(500_000, 2),
        staffing_annual: Decimal::ZERO,
        expected_life_years: 10,
        disposal: d(30_000, 2),
        residual_value: d(100_000, 2),
    }
}

fn main() {
    let assumptions = Assumptions {
        discount_rate: Decimal::new(5, 2),
        inflation: Decimal::new(3, 2),
        currency: Currency::usd(),
        fiscal_year_start_month: 7,
        purchase_date: chrono::NaiveDate::from_ymd_opt(2026, 9, 15),
    };
    let models: Vec<CostModel> = (0..MODELS).map(model).collect();

    let start = Instant::now();
    let mut total = Decimal::ZERO;
    for m in &models {
        total += black_box(lifecycle_cost(m, &assumptions))
            .map(|l| l.eac)
            .unwrap_or_default();
    }
    let single = start.elapsed();

    let start = Instant::now();
    let parallel_total: Decimal = models
        .par_iter()
        .map(|m| {
            lifecycle_cost(m, &assumptions)
                .map(|l| l.eac)
                .unwrap_or_default()
        })
        .sum();
    let parallel = start.elapsed();
    // Same results; the sums differ only in the last of 28 digits (addition order).
    assert!((total - parallel_total).abs() < Decimal::new(1, 6));

    println!("lifecycle cost of {MODELS} cost models, 10-year horizon, rust_decimal throughout:");
    println!(
        "  single thread: {:>8.1} ms  ({:.0} models/s)",
        single.as_secs_f64() * 1e3,
        MODELS as f64 / single.as_secs_f64()
    );
    println!(
        "  {} threads:     {:>8.1} ms  ({:.0} models/s)",
        rayon::current_num_threads(),
        parallel.as_secs_f64() * 1e3,
        MODELS as f64 / parallel.as_secs_f64()
    );
}
