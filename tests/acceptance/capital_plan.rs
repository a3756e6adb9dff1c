//! The capital plan of a stored portfolio through the command line: budgets, priorities,
//! decisions and links in a real portfolio file, the plan solved and explained.

use std::path::Path;

use caliper_tests::{caliper, refused, run_json, run_ok};
use serde_json::Value;

fn demo(dir: &Path) -> String {
    let p = dir.join("demo.caliper").to_str().unwrap().to_string();
    run_ok(&["demo", &p]);
    p
}

fn budget(p: &str, year: &str, capital: &str) {
    run_ok(&[
        "budget",
        "set",
        "--portfolio",
        p,
        "--fiscal-year",
        year,
        "--capital",
        capital,
    ]);
}

fn plan(p: &str, years: &str) -> Value {
    run_json(&["plan", "--portfolio", p, "--years", years, "--json"])
}

fn outcome<'a>(plan: &'a Value, title: &str) -> &'a Value {
    plan["requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["title"].as_str().unwrap().starts_with(title))
        .unwrap_or_else(|| panic!("{title} is not in {plan}"))
}

/// The demo with a budget of 850,000: the fiscal-year summary's greedy fill once said "no
/// request fits", yet the plan funds what fits and says so; a rejected request is never
/// counted, and the other request takes its place.
#[test]
fn a_budget_of_850000_funds_what_fits_and_a_rejected_request_never_counts() {
    let dir = tempfile::tempdir().unwrap();
    let p = demo(dir.path());
    budget(&p, "2027", "USD 850,000");
    let first = plan(&p, "2027..2027");
    assert_eq!(first["plan"]["proven_optimal"], true);
    let funded = first["plan"]["optimum"]["funded"].as_array().unwrap();
    assert_eq!(funded.len(), 1, "{first}");
    let used: f64 = first["plan"]["optimum"]["budgets"][0]["used"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(used > 0.0 && used <= 850_000.0, "{used}");
    // The ICU request is funded with its runner-up: the top-ranked does not fit.
    let icu = outcome(&first, "Replace ICU");
    assert_eq!(icu["funded_year"], 2027);
    assert_eq!(icu["capital"], "780000");
    assert!(
        icu["reason"]
            .as_str()
            .unwrap()
            .contains("does not fit FY2027's budget"),
        "{icu}"
    );
    let pumps = outcome(&first, "Infusion pump");
    assert_eq!(pumps["funded_year"], Value::Null);
    assert!(pumps["reason"].as_str().unwrap().starts_with("not funded"));
    let excluded = first["excluded"].as_array().unwrap();
    assert!(excluded
        .iter()
        .any(|e| e["reason"].as_str().unwrap().contains("no candidates")));

    run_ok(&[
        "decide",
        "--portfolio",
        &p,
        "--request",
        "1",
        "--outcome",
        "rejected",
        "--rationale",
        "The fleet gets one more year of support",
        "--date",
        "2026-11-20",
    ]);
    let after = plan(&p, "2027..2027");
    let pumps = outcome(&after, "Infusion pump");
    assert_eq!(
        (pumps["funded_year"].as_i64(), pumps["capital"].as_str()),
        (Some(2027), Some("828500"))
    );
    assert!(after["requests"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["request_id"] != 1));
    let rejected = after["excluded"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["request_id"] == 1)
        .unwrap();
    assert_eq!(
        rejected["reason"],
        "rejected by the committee on 2026-11-20"
    );
    assert_eq!(after["plan"]["optimum"]["budgets"][0]["used"], "828500");
    let table = run_ok(&["plan", "--portfolio", &p, "--years", "2027"]);
    assert!(table.contains("left out: Replace ICU physiological monitors (rejected by the committee on 2026-11-20)"), "{table}");
}

/// Two years of 900,000: one request waits a year and pays the emergency premium (15 % of
/// its capital); the greedy fill by priority funds less, and the plan says by how much.
#[test]
fn a_request_deferred_a_year_costs_its_premium_and_the_optimum_beats_the_greedy_fill() {
    let dir = tempfile::tempdir().unwrap();
    let p = demo(dir.path());
    budget(&p, "2027", "900000");
    budget(&p, "2028", "900000");
    let both = plan(&p, "2027..2028");
    let icu = outcome(&both, "Replace ICU");
    let pumps = outcome(&both, "Infusion pump");
    assert_eq!(pumps["funded_year"], 2027);
    assert_eq!(icu["funded_year"], 2028);
    assert_eq!(icu["deferred_years"], 1);
    // 780,000 × 1.15.
    assert_eq!(icu["capital"], "897000");
    assert!(
        icu["reason"]
            .as_str()
            .unwrap()
            .starts_with("deferred to FY2028"),
        "{icu}"
    );
    let gain: f64 = both["plan"]["gain_over_greedy"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(gain > 0.0, "{both}");
    assert!(!pumps["greedy_funded"].as_bool().unwrap() || !icu["greedy_funded"].as_bool().unwrap());
}

/// Priorities order the plan and explain themselves; a mandatory request that fits no
/// year is refused naming it and the shortfall.
#[test]
fn priorities_are_explained_and_a_mandatory_request_that_cannot_fit_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let p = demo(dir.path());
    let shown = run_json(&[
        "priority",
        "set",
        "--portfolio",
        &p,
        "--request",
        "2",
        "--clinical-need",
        "4",
        "--risk",
        "5",
        "--json",
    ]);
    // (35 × 3 + 30 × 4) / 4 / 65 × 100 = 86.5: the unstated parts are left out.
    assert_eq!(shown["priority"]["value"], "86.5");
    assert_eq!(
        shown["priority"]["unstated"],
        serde_json::json!(["strategic fit", "committee judgement"])
    );
    budget(&p, "2027", "850000");
    let ranked = plan(&p, "2027");
    assert_eq!(
        ranked["requests"][0]["request_id"], 2,
        "the higher priority comes first"
    );
    assert_eq!(outcome(&ranked, "Infusion pump")["funded_year"], 2027);

    run_ok(&[
        "priority",
        "set",
        "--portfolio",
        &p,
        "--request",
        "2",
        "--mandatory",
        "regulatory",
    ]);
    budget(&p, "2027", "500000");
    let o = caliper(&["plan", "--portfolio", &p, "--years", "2027"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("mandatory item 'request 2 (Infusion pump fleet)' cannot fit in any year")
            && err.contains("328,500 over the budget of 500,000"),
        "{err}"
    );
}

#[test]
fn bad_plan_input_is_refused_naming_the_field_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let p = demo(dir.path());
    let file = Path::new(&p);
    budget(&p, "2027", "900000");
    for (args, expected) in [
        (
            vec![
                "budget",
                "set",
                "--portfolio",
                &p,
                "--fiscal-year",
                "2027",
                "--capital",
                "-5",
            ],
            "capital: -5 is negative",
        ),
        (
            vec![
                "budget",
                "set",
                "--portfolio",
                &p,
                "--fiscal-year",
                "2027",
                "--capital",
                "EUR 100",
            ],
            "capital: 'EUR 100' is in EUR, but amounts here are in USD",
        ),
        (
            vec![
                "budget",
                "set",
                "--portfolio",
                &p,
                "--fiscal-year",
                "1200",
                "--capital",
                "100",
            ],
            "fiscal_year: 1200 is not a fiscal year",
        ),
        (
            vec![
                "priority",
                "set",
                "--portfolio",
                &p,
                "--request",
                "1",
                "--risk",
                "6",
            ],
            "risk: 6 is not a level from 1 (low) to 5 (high)",
        ),
        (
            vec![
                "priority",
                "set",
                "--portfolio",
                &p,
                "--request",
                "1",
                "--mandatory",
                "urgent",
            ],
            "mandatory: 'urgent' is not one of",
        ),
        (
            vec![
                "link",
                "add",
                "--portfolio",
                &p,
                "--request",
                "1",
                "--needs",
                "1",
            ],
            "cannot be linked to itself",
        ),
    ] {
        let err = refused(file, &args);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    run_ok(&[
        "link",
        "add",
        "--portfolio",
        &p,
        "--request",
        "1",
        "--needs",
        "2",
    ]);
    let err = refused(
        file,
        &[
            "link",
            "add",
            "--portfolio",
            &p,
            "--request",
            "2",
            "--needs",
            "1",
        ],
    );
    assert!(
        err.contains("the requests would need each other in a circle: 2 → 1 → 2"),
        "{err}"
    );
    let err = refused(file, &["plan", "--portfolio", &p, "--years", "2027..2028"]);
    assert!(
        err.contains("FY2028 has no system-wide capital budget"),
        "{err}"
    );
    let err = refused(file, &["plan", "--portfolio", &p, "--years", "2028..2027"]);
    assert!(err.contains("years: 2028..2027 is empty"), "{err}");
    // The monitors need the pumps: funded only with them, in the same or an earlier year.
    let linked = plan(&p, "2027");
    let icu = outcome(&linked, "Replace ICU");
    let pumps = outcome(&linked, "Infusion pump");
    assert!(
        icu["funded_year"].is_null() || !pumps["funded_year"].is_null(),
        "{linked}"
    );
}

/// An operating budget caps the operating costs of what is funded: with almost no
/// operating money in FY2028, nothing bought in FY2027 (whose service starts in FY2028) can
/// be funded, and both requests move to FY2028, when their running costs fall after the
/// plan's years.
#[test]
fn an_operating_budget_caps_the_running_costs_of_what_is_funded() {
    let dir = tempfile::tempdir().unwrap();
    let p = demo(dir.path());
    budget(&p, "2027", "2,000,000");
    run_ok(&[
        "budget",
        "set",
        "--portfolio",
        &p,
        "--fiscal-year",
        "2028",
        "--capital",
        "2,000,000",
        "--operating",
        "1",
    ]);
    let planned = plan(&p, "2027..2028");
    for title in ["Replace ICU", "Infusion pump"] {
        let r = outcome(&planned, title);
        assert_eq!(r["funded_year"], 2028, "{r}");
    }
    let operating = planned["plan"]["optimum"]["budgets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["resource"] == "operating")
        .unwrap();
    assert_eq!(
        (operating["year"].as_i64(), operating["used"].as_str()),
        (Some(2028), Some("0"))
    );

    // Without the operating cap both are funded in the year asked.
    run_ok(&[
        "budget",
        "set",
        "--portfolio",
        &p,
        "--fiscal-year",
        "2028",
        "--capital",
        "2,000,000",
    ]);
    let free = plan(&p, "2027..2028");
    assert_eq!(outcome(&free, "Replace ICU")["funded_year"], 2027);
    assert_eq!(outcome(&free, "Infusion pump")["funded_year"], 2027);
}
