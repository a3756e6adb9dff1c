//! `caliper financial-case`: each candidate's savings and revenue against its lifecycle
//! costs through the real CLI on a real portfolio file, inputs set from JSON and refused
//! without a change to the file, and the brief's "Financial case" section read back.

use std::path::Path;
use std::process::Command;

use caliper_models::report::pdf::FINANCIAL_CASE_HEADING;
use caliper_tests::{refused, run_json, run_ok};
use rust_decimal::Decimal;
use serde_json::Value;

fn d(v: &Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

fn demo(dir: &tempfile::TempDir) -> String {
    let path = dir.path().join("demo.caliper");
    let p = path.to_str().unwrap().to_string();
    run_ok(&["demo", &p]);
    p
}

fn case(p: &str, request: &str) -> Value {
    run_json(&[
        "financial-case",
        "--portfolio",
        p,
        "--request",
        request,
        "--json",
    ])
}

fn candidate<'a>(r: &'a Value, label: &str) -> &'a Value {
    r["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["label"].as_str().unwrap().contains(label))
        .unwrap()
}

#[test]
fn the_demo_icu_request_has_a_consistent_financial_case() {
    let dir = tempfile::tempdir().unwrap();
    let p = demo(&dir);
    let r = case(&p, "1");
    assert_eq!(r["discount_rate"], "0.05");
    // Kestrel's quote has no trade-in credit: the legacy monitors are sold (16,000 in
    // year 0); their service contract (54,000 a year, +4 %) is no longer paid.
    let k = candidate(&r, "Kestrel");
    assert_eq!(k["entered"], true);
    let c = &k["case"];
    let years = c["years"].as_array().unwrap();
    assert_eq!(years.len(), 11, "year 0 and a 10-year life");
    assert_eq!(d(&years[0]["savings"]), Decimal::from(16000));
    assert_eq!(d(&years[1]["savings"]), Decimal::from(54000));
    assert_eq!(d(&years[2]["savings"]), Decimal::from(56160)); // 54,000 x 1.04
                                                               // Net = savings - costs; the NPV is theirs at 5 %, year 0 undiscounted.
    let mut npv = Decimal::ZERO;
    let mut factor = Decimal::ONE;
    for y in years {
        assert_eq!(
            d(&y["net"]),
            d(&y["savings"]) + d(&y["revenue"]) - d(&y["costs"])
        );
        npv += d(&y["net"]) / factor;
        factor *= Decimal::new(105, 2);
    }
    assert_eq!(d(&c["npv"]).round_dp(6), npv.round_dp(6));
    // Straight line from November 2026 down to the residual value (25,000).
    let dep = &c["depreciation"];
    assert_eq!(
        d(&dep["total"]),
        d(&years[0]["costs"]) - Decimal::from(25000)
    );
    let by_fy: Decimal = c["budget_impact"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| d(&b["depreciation"]))
        .sum();
    assert_eq!(by_fy, d(&dep["total"]));
    // Aurelia credits the trade-in in its quote: not counted a second time.
    let a = candidate(&r, "Aurelia");
    assert_eq!(a["inputs"]["savings"].as_array().unwrap().len(), 1);
    assert_eq!(d(&a["case"]["years"][0]["savings"]), Decimal::ZERO);

    let text = run_ok(&["financial-case", "--portfolio", &p, "--request", "1"]);
    assert!(text.contains("Kestrel Health Systems KM-9 Patient Monitor"));
    assert!(text.contains("NPV of the net"));
    assert!(text.contains("IRR"));
}

#[test]
fn inputs_set_from_json_and_refusals_leave_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let p = demo(&dir);
    let before = case(&p, "2");
    assert!(before["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["entered"] == false));
    let id = before["candidates"][0]["candidate_id"].to_string();
    let file = dir.path().join("inputs.json");
    std::fs::write(
        &file,
        r#"{"revenue": {"procedures_per_year": 5000, "reimbursement": "12.50"},
            "savings": [{"kind": "consumables", "amount": "20000", "escalation": "0.03"}],
            "depreciation": {"method": "double_declining_balance", "convention": "half_year"},
            "lease": {"term_years": 5, "operating_lease": {"payment_per_year": "250000"}}}"#,
    )
    .unwrap();
    let f = file.to_str().unwrap();
    let args = ["financial-case", "--portfolio", &p, "--request", "2"];
    let set = [&args[..], &["--candidate", &id, "--set", f, "--json"]].concat();
    let after = run_json(&set);
    let c = &after["candidates"][0];
    assert_eq!(c["entered"], true);
    // 5,000 procedures x 12.50 = 62,500 of revenue in year 1.
    assert_eq!(d(&c["case"]["years"][1]["revenue"]), Decimal::new(62500, 0));
    assert!(c["case"]["cost_per_procedure"].is_string());
    assert!(c["case"]["lease"]["comparisons"].is_array());
    assert_eq!(case(&p, "2")["candidates"][0], *c, "saved in the file");

    let path = Path::new(&p);
    for (json, field) in [
        (
            r#"{"savings": [{"kind": "energy", "amount": "10", "escalation": "-1"}]}"#,
            "savings[0].escalation",
        ),
        (
            r#"{"lease": {"term_years": 40, "operating_lease": {"payment_per_year": "1"}}}"#,
            "lease.term_years",
        ),
        (
            r#"{"depreciation": {"life_years": 0}}"#,
            "depreciation.life_years",
        ),
        (
            r#"{"savings": [{"kind": "energy", "amount": "-5"}]}"#,
            "savings[0].amount",
        ),
    ] {
        std::fs::write(&file, json).unwrap();
        let err = refused(path, &set);
        assert!(err.contains(field), "{json}: {err}");
    }
}

fn pdftotext(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(o.status.success());
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn the_brief_shows_the_section_only_where_a_case_is_entered() {
    if !caliper_tests::have_tools(
        "the_brief_shows_the_section_only_where_a_case_is_entered",
        &["pdftotext"],
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let p = demo(&dir);
    let brief = |request: &str| {
        let out = dir.path().join(format!("brief-{request}.pdf"));
        run_ok(&[
            "brief",
            "--portfolio",
            &p,
            "--request",
            request,
            "--out",
            out.to_str().unwrap(),
            "--as-of",
            "2026-11-25",
        ]);
        pdftotext(&out)
    };
    let icu = brief("1");
    assert!(icu.contains(FINANCIAL_CASE_HEADING), "{icu}");
    assert!(icu.contains("Net cash flow by year"));
    // Each candidate's cumulative net cash flow is charted; none of the demo's pays back.
    assert_eq!(
        icu.matches("Cumulative net cash flow and payback (USD)")
            .count(),
        4
    );
    assert!(icu.contains("No payback within 10 years"));
    assert!(icu.contains("Capital and operating budgets by fiscal year"));
    let r = case(&p, "1");
    let npv = d(&candidate(&r, "Kestrel")["case"]["npv"]);
    let shown = format!("USD {}", caliper_models::money::format_amount(npv, 0));
    assert!(icu.contains(&shown), "{shown}");
    let pumps = brief("2");
    assert!(!pumps.contains("Financial case"));
    assert!(!pumps.contains("Net cash flow"));
}

/// `caliper chart --kind payback`: the slide shows the highest-ranked candidate's chart; a
/// request without a case is refused, naming what it lacks, and nothing is written.
#[test]
fn the_payback_chart_for_slides() {
    let dir = tempfile::tempdir().unwrap();
    let p = demo(&dir);
    let chart = |request: &str, out: &Path| {
        caliper_tests::caliper(&[
            "chart",
            "--portfolio",
            &p,
            "--request",
            request,
            "--kind",
            "payback",
            "--out",
            out.to_str().unwrap(),
            "--as-of",
            "2026-11-25",
        ])
    };
    let svg = dir.path().join("payback.svg");
    let o = chart("1", &svg);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("Cumulative net cash flow and payback (USD)"));
    assert!(text.contains("Kestrel Health Systems KM-9 Patient Monitor: savings"));
    assert!(text.contains("No payback within 10 years"));
    let png = dir.path().join("payback.png");
    assert!(chart("1", &png).status.success());
    assert!(std::fs::read(&png).unwrap().starts_with(b"\x89PNG"));
    let none = dir.path().join("none.svg");
    let o = chart("2", &none);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no financial case"));
    assert!(!none.exists());
}
