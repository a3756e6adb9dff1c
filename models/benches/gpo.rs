//! Benchmark: a purchasing group of 50 member portfolios with 2,000 quotes in all (8
//! requests of 5 candidates each per member, 30 models spelled three ways), opened
//! read-only from their files, matched and benchmarked: what `caliper gpo benchmark`
//! does before printing. Best of 3 against the two-second target.
//!
//! `cargo bench -p caliper-models --bench gpo`.

use std::path::PathBuf;
use std::time::Instant;

use caliper_models::domain::{CandidateInput, RequestInput, RequestStatus, RequestType};
use caliper_models::gpo::{benchmark, match_models, Currencies, GroupSettings, PriceIndex};
use caliper_models::ranking::Method;
use caliper_models::store::Portfolio;
use caliper_models::workspace::{read_members, MemberSource, SourceKind};
use chrono::NaiveDate;
use rust_decimal::Decimal;

const MEMBERS: usize = 50;
const REQUESTS: usize = 8;
const CANDIDATES: usize = 5;
const MODELS: usize = 30;
const RUNS: usize = 3;
const TARGET_MS: f64 = 2000.0;

/// Three spellings of each model, as members type them.
fn spelling(model: usize, member: usize) -> (String, String) {
    let m = model % 10;
    match member % 3 {
        0 => (format!("Maker {m} Medical, Inc."), format!("X-{model}")),
        1 => (format!("MAKER {m} MEDICAL"), format!("X{model}")),
        _ => (format!("Maker {m} Medical"), format!("x {model}")),
    }
}

fn member_file(dir: &std::path::Path, i: usize) -> PathBuf {
    let path = dir.join(format!("member-{i:02}.caliper"));
    Portfolio::create_with(&path, |p| {
        let f = p.add_facility(&format!("Hospital {i:02}"))?;
        let d = p.add_department(f.id, "Clinical engineering", None)?;
        for r in 0..REQUESTS {
            let request = p.create_request(&RequestInput {
                title: format!("Request {r}"),
                department_id: d.id,
                request_type: RequestType::Replacement,
                quantity: 4 + (r as u32 * 3),
                fiscal_year: 2027 + (r % 2) as i32,
                justification: String::new(),
                status: RequestStatus::Draft,
                currency: "USD".into(),
                method: Method::default(),
            })?;
            for c in 0..CANDIDATES {
                let model = (r * CANDIDATES + c + i) % MODELS;
                let (manufacturer, model_name) = spelling(model, i);
                let price = 10_000 + model * 1_000 + (i * 37 + c * 11) % 900;
                p.add_candidate(
                    request.id,
                    &CandidateInput {
                        manufacturer,
                        model: model_name,
                        vendor: String::new(),
                        fda_product_code: Some(["MHX", "FRN", "DRT"][model % 3].into()),
                        unit_price: price.to_string(),
                        quantity: 4 + (r as u32 * 3),
                        quote_date: Some(format!("202{}-03-01", 4 + (i + r) % 3)),
                        valid_until: None,
                        notes: String::new(),
                    },
                )?;
            }
        }
        Ok(())
    })
    .expect("member portfolio");
    path
}

fn main() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let sources: Vec<MemberSource> = (0..MEMBERS)
        .map(|i| MemberSource {
            name: None,
            path: member_file(dir.path(), i),
            kind: SourceKind::Portfolio,
        })
        .collect();
    let as_of = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
    let settings = GroupSettings {
        as_of,
        index: PriceIndex::YearlyRate(Decimal::new(3, 2)),
        currencies: Currencies::default(),
    };
    let mut best = f64::INFINITY;
    let (mut quotes, mut models) = (0, 0);
    for _ in 0..RUNS {
        let start = Instant::now();
        let (members, _) = read_members(&sources, as_of).expect("members");
        let matching = match_models(&members, &[]).expect("matching");
        let b = benchmark(&members, &matching, &settings).expect("benchmark");
        best = best.min(start.elapsed().as_secs_f64() * 1e3);
        quotes = members.iter().map(|m| m.quotes.len()).sum::<usize>();
        models = b.models.len();
    }
    println!("Group purchasing: {MEMBERS} member portfolios, {quotes} quotes, best of {RUNS}:");
    println!(
        "  open + match + benchmark: {best:>8.1} ms  ({models} models; target {TARGET_MS:.0} ms: {})",
        if best <= TARGET_MS { "met" } else { "MISSED" }
    );
}
