//! `caliper gpo`: three member hospitals built with the CLI, benchmarked side by side,
//! their medians, quartiles, savings, matches, standardisation and demand checked against
//! figures computed by hand; every member file byte for byte as it was; bad input refused
//! with the file or quote named; the negotiation brief read back.
//!
//! The members (net unit price = unit price × (1 − discount) − trade-in ÷ units):
//! - St Mary, 10 units: Halden Medical, Inc. A-7 at 41,000, 10 % off and 5,000 trade-in:
//!   36,400; Kestrel K2 at 30,000. Its committee: Halden 100 points, Kestrel 50.
//! - Riverside, 20 units: HALDEN MEDICAL A7 at 40,000; Kestrel Co. Ltd. K-2 at 31,000
//!   (service 24,000 a year: 1,200 per unit). Kestrel 100, Halden 75.
//! - Lakeside, 5 units: Halden Medical A7 at 38,000; Kestrel K2 at 29,500. Kestrel 75,
//!   Halden 25.

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{open_workbook, Data, Reader, Xlsx};
use caliper_models::report::gpo::{SECTION_HEADINGS, SHEETS};
use caliper_tests::{caliper, run_json, run_ok};
use serde_json::{json, Value};

fn candidate(
    mf: &str,
    model: &str,
    price: &str,
    qty: u32,
    score: u8,
    cost: Option<Value>,
) -> Value {
    let mut c = json!({
        "manufacturer": mf,
        "model": model,
        "fda_product_code": "MHX",
        "quote": {"unit_price": price, "quantity": qty},
        "scores": [{"evaluator": "Lead nurse", "criterion": "Clinical performance", "score": score}],
    });
    if let Some(mut cost) = cost {
        cost["unit_price"] = json!(price);
        cost["quantity"] = json!(qty);
        c["cost_model"] = cost;
    }
    c
}

fn document(facility: &str, qty: u32, currency: &str, candidates: Vec<Value>) -> Value {
    json!({
        "format": "caliper-request",
        "version": 1,
        "request": {
            "title": "ICU monitors", "facility": facility, "department": "ICU",
            "request_type": "replacement", "quantity": qty, "fiscal_year": 2027,
            "status": "draft", "currency": currency
        },
        "criteria": [{"name": "Clinical", "criteria": [{
            "name": "Clinical performance", "description": "", "direction": "benefit",
            "kind": "judged", "unit": "", "anchors": ["1", "2", "3", "4", "5"],
            "weight": 100, "source": "entered"
        }]}],
        "evaluators": [{"name": "Lead nurse"}],
        "candidates": candidates,
    })
}

/// A member portfolio made with `caliper new` and `caliper request import`.
fn member(dir: &Path, file: &str, doc: &Value) -> String {
    let path = dir.join(file);
    let p = path.to_str().unwrap().to_string();
    let input = dir.join(format!("{file}.json"));
    std::fs::write(&input, serde_json::to_string_pretty(doc).unwrap()).unwrap();
    run_ok(&["new", &p]);
    run_ok(&[
        "request",
        "import",
        "--portfolio",
        &p,
        "--input",
        input.to_str().unwrap(),
    ]);
    p
}

fn lakeside(currency: &str, kestrel_code: &str) -> Value {
    let mut k = candidate("Kestrel", "K2", "29500", 5, 4, None);
    k["fda_product_code"] = json!(kestrel_code);
    document(
        "Lakeside",
        5,
        currency,
        vec![candidate("Halden Medical", "A7", "38000", 5, 2, None), k],
    )
}

fn three(dir: &Path) -> Vec<String> {
    let mut st_mary = document(
        "St Mary",
        10,
        "USD",
        vec![
            candidate(
                "Halden Medical, Inc.",
                "A-7",
                "41000",
                10,
                5,
                Some(json!({
                    "discount_pct": "10", "trade_in_credit": "5000", "service_annual": "20000",
                    "warranty_years": 2, "training": "8000", "it_integration": "12000",
                    "expected_life_years": 8
                })),
            ),
            candidate("Kestrel", "K2", "30000", 10, 3, None),
        ],
    );
    let riverside = document(
        "Riverside",
        20,
        "USD",
        vec![
            candidate("HALDEN MEDICAL", "A7", "40000", 20, 4, None),
            candidate(
                "Kestrel Co. Ltd.",
                "K-2",
                "31000",
                20,
                5,
                Some(json!({
                    "service_annual": "24000", "warranty_years": 1, "training": "5000",
                    "it_integration": "7000", "expected_life_years": 8
                })),
            ),
        ],
    );
    // Quoted a year and a half before the as-of date: an index brings it to 2026.
    st_mary["candidates"][0]["quote"]["quote_date"] = json!("2025-06-01");
    vec![
        member(dir, "st-mary.caliper", &st_mary),
        member(dir, "riverside.caliper", &riverside),
        member(dir, "lakeside.caliper", &lakeside("USD", "MHX")),
    ]
}

fn group_args<'a>(cmd: &[&'a str], members: &'a [String]) -> Vec<&'a str> {
    let mut a = cmd.to_vec();
    for m in members {
        a.extend(["--portfolio", m.as_str()]);
    }
    a.extend(["--as-of", "2026-12-01"]);
    a
}

fn bytes(files: &[String]) -> Vec<Vec<u8>> {
    files.iter().map(|f| std::fs::read(f).unwrap()).collect()
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("{v} is not a string"))
}

fn model<'a>(b: &'a Value, key: &str) -> &'a Value {
    b["models"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["key"] == key)
        .unwrap()
}

fn by_member<'a>(list: &'a Value, name: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| x["member"] == name)
        .unwrap()
}

#[test]
fn three_members_benchmark_to_the_hand_computed_figures_and_stay_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let members = three(dir.path());
    let before = bytes(&members);
    let b = run_json(&group_args(&["gpo", "benchmark", "--json"], &members));
    assert_eq!(b["currency"], "USD");
    assert_eq!(b["members"], json!(["St Mary", "Riverside", "Lakeside"]));
    // Halden: 36,400, 38,000, 40,000. QUARTILE.INC: Q1 at position 0.5 = 37,200, Q3 at
    // 1.5 = 39,000. Only St Mary states a service contract: 20,000 / 10 = 2,000 a unit.
    let h = model(&b, "halden medical|a7");
    assert_eq!(h["status"], "uncertain");
    assert_eq!(h["product_code"], "MHX");
    let p = &h["price"];
    let five: Vec<&str> = ["best", "q1", "median", "q3", "worst"]
        .iter()
        .map(|k| s(&p[k]))
        .collect();
    assert_eq!(five, ["36400", "37200", "38000", "39000", "40000"]);
    // IQR 1,800: fences 37,200 − 2,700 and 39,000 + 2,700; nothing outside.
    assert_eq!(
        (s(&p["low_fence"]), s(&p["high_fence"])),
        ("34500", "41700")
    );
    assert_eq!(s(&h["service"]["median"]), "2000");
    // Kestrel: 29,500, 30,000, 31,000: Q1 29,750, median 30,000, Q3 30,500.
    let k = model(&b, "kestrel|k2");
    let kp = &k["price"];
    assert_eq!(
        (s(&kp["q1"]), s(&kp["median"]), s(&kp["q3"])),
        ("29750", "30000", "30500")
    );
    assert_eq!(s(&k["service"]["median"]), "1200");
    // Riverside saves (40,000 − 38,000) × 20 on Halden at the median and
    // (40,000 − 36,400) × 20 at the best; on Kestrel 1,000 × 20 and 1,500 × 20.
    let r = by_member(&h["savings"], "Riverside");
    assert_eq!((s(&r["at_median"]), s(&r["at_best"])), ("40000", "72000"));
    let totals: Vec<(&str, &str)> = ["St Mary", "Riverside", "Lakeside"]
        .iter()
        .map(|m| {
            let t = by_member(&b["totals"], m);
            (s(&t["at_median"]), s(&t["at_best"]))
        })
        .collect();
    // St Mary: Kestrel (30,000 − 29,500) × 10 at the best; Lakeside: Halden
    // (38,000 − 36,400) × 5 at the best.
    assert_eq!(totals, [("0", "5000"), ("60000", "102000"), ("0", "8000")]);
    // MHX over all six prices: 29,500 30,000 31,000 36,400 38,000 40,000: median at 2.5 is
    // 31,000 + 0.5 × 5,400 = 33,700; Q1 at 1.25 is 30,250; Q3 at 3.75 is 37,600.
    let code = &b["product_codes"][0];
    assert_eq!(code["product_code"], "MHX");
    let cp = &code["price"];
    assert_eq!(
        (s(&cp["q1"]), s(&cp["median"]), s(&cp["q3"])),
        ("30250", "33700", "37600")
    );
    assert_eq!(b["matches_to_review"], 2);
    assert_eq!(bytes(&members), before, "a member file changed");
}

#[test]
fn standardisation_and_demand_follow_the_members_rankings() {
    let dir = tempfile::tempdir().unwrap();
    let members = three(dir.path());
    let before = bytes(&members);
    let st = run_json(&group_args(&["gpo", "standardise", "--json"], &members));
    let t = &st["types"][0];
    assert_eq!(t["product_code"], "MHX");
    assert_eq!(t["group_models"], 2);
    // Kestrel is first at Riverside and Lakeside, Halden at St Mary.
    assert_eq!(t["standard"]["key"], "kestrel|k2");
    assert_eq!(t["standard"]["first_places"], 2);
    // St Mary's own Halden over 8 years: 10 × 36,400 + 10 × 2,000 × (8 − 2) + 8,000 +
    // 12,000 = 504,000; its own Kestrel quote (no cost model): 10 × 30,000 = 300,000.
    let sm = by_member(&t["costs"], "St Mary");
    assert_eq!(
        (s(&sm["own_cost"]), s(&sm["standard_cost"])),
        ("504000", "300000")
    );
    assert_eq!(s(&sm["difference"]), "-204000");
    // Riverside runs the standard: 20 × 31,000 + 20 × 1,200 × 7 + 12,000 = 800,000.
    let rv = by_member(&t["costs"], "Riverside");
    assert_eq!((s(&rv["own_cost"]), s(&rv["difference"])), ("800000", "0"));
    let d = run_json(&group_args(&["gpo", "demand", "--json"], &members));
    assert_eq!(d["types"][0]["requested_quantity"], 35);
    let first = &d["models"][0];
    assert_eq!(
        (&first["key"], &first["first_places"], &first["quantity"]),
        (&json!("kestrel|k2"), &json!(2), &json!(35))
    );
    // Riverside's committee: Kestrel 100 points, Halden 75: a lead of 25.
    let rp = by_member(&first["preferences"], "Riverside");
    assert_eq!(
        (&rp["rank"], s(&rp["score"]), s(&rp["lead"])),
        (&json!(1), "100", "25")
    );
    assert_eq!(bytes(&members), before);
}

#[test]
fn decisions_are_saved_in_the_workspace_and_a_package_stands_for_a_portfolio() {
    let dir = tempfile::tempdir().unwrap();
    let members = three(dir.path());
    let before = bytes(&members);
    let w = dir.path().join("group.json");
    let ws = w.to_str().unwrap();
    run_ok(&group_args(
        &["gpo", "workspace", "--workspace", ws],
        &members,
    ));
    run_ok(&[
        "gpo",
        "matches",
        "--workspace",
        ws,
        "--confirm",
        "halden medical|a7",
        "--split",
        "kestrel|k2",
    ]);
    let m = run_json(&[
        "gpo",
        "matches",
        "--workspace",
        ws,
        "--json",
        "--as-of",
        "2026-12-01",
    ]);
    assert_eq!(m["to_review"], 0);
    let keys: Vec<&str> = m["models"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| s(&x["key"]))
        .collect();
    assert_eq!(keys, ["halden medical|a7", "kestrel|k2#1", "kestrel|k2#2"]);
    assert_eq!(m["models"][0]["status"], "confirmed");
    let refused = caliper(&["gpo", "matches", "--workspace", ws, "--split", "nobody|x1"]);
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("'nobody|x1' is not the key of a match")
    );
    // Each split piece names the decision it follows; undoing it puts the match back to
    // review, and undoing a decision the workspace does not hold changes nothing.
    assert_eq!(m["models"][1]["decided"], "kestrel|k2");
    let kept = std::fs::read(ws).unwrap();
    let refused = caliper(&["gpo", "matches", "--workspace", ws, "--undo", "nobody|x1"]);
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("holds no decision on 'nobody|x1'"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    assert_eq!(std::fs::read(ws).unwrap(), kept);
    let undone = run_json(&[
        "gpo",
        "matches",
        "--workspace",
        ws,
        "--undo",
        "kestrel|k2",
        "--json",
        "--as-of",
        "2026-12-01",
    ]);
    assert_eq!(undone["to_review"], 1);
    assert_eq!(model(&undone, "kestrel|k2")["status"], "uncertain");
    assert_eq!(model(&undone, "kestrel|k2")["decided"], Value::Null);
    run_ok(&["gpo", "matches", "--workspace", ws, "--split", "kestrel|k2"]);
    // Lakeside's request as a package gives the same Halden benchmark.
    let pkg = dir.path().join("lakeside.json");
    run_ok(&[
        "request",
        "export",
        "--portfolio",
        &members[2],
        "--request",
        "1",
        "--out",
        pkg.to_str().unwrap(),
    ]);
    let b = run_json(&[
        "gpo",
        "benchmark",
        "--json",
        "--portfolio",
        &members[0],
        "--portfolio",
        &members[1],
        "--package",
        pkg.to_str().unwrap(),
        "--as-of",
        "2026-12-01",
    ]);
    assert_eq!(
        s(&model(&b, "halden medical|a7")["price"]["median"]),
        "38000"
    );
    assert_eq!(b["members"][2], "Lakeside");
    // The analyst names a member.
    let named = format!("Lakeside Clinic={}", members[2]);
    let mut args = group_args(&["gpo", "benchmark", "--json"], &members);
    args.extend(["--member", named.as_str()]);
    assert_eq!(run_json(&args)["members"][2], "Lakeside Clinic");
    assert_eq!(bytes(&members), before);
}

#[test]
fn prices_are_indexed_and_a_currency_mix_needs_stated_rates() {
    let dir = tempfile::tempdir().unwrap();
    let mut members = three(dir.path());
    members[2] = member(dir.path(), "lakeside-eur.caliper", &lakeside("EUR", "MHX"));
    let before = bytes(&members);
    let o = caliper(&group_args(&["gpo", "benchmark", "--json"], &members));
    assert!(!o.status.success());
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(
        e.contains("different currencies")
            && e.contains("EUR (Lakeside)")
            && e.contains("USD (St Mary, Riverside)"),
        "{e}"
    );
    let mut args = group_args(&["gpo", "benchmark", "--json"], &members);
    args.extend(["--rate", "EUR=1.1", "--index-rate", "0.03"]);
    let b = run_json(&args);
    assert_eq!(b["rates"], json!([{"currency": "EUR", "rate": "1.1"}]));
    // St Mary's quote of 2025: 36,400 × 1.03 = 37,492. Undated quotes are as of the as-of
    // year: no index. Lakeside's 38,000 EUR is 41,800.
    assert_eq!(
        b["index"]["factors"],
        json!([{"year": 2025, "factor": "1.03"}, {"year": 2026, "factor": "1"}])
    );
    let h = model(&b, "halden medical|a7");
    let prices: Vec<&str> = h["points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| s(&p["net_unit_price"]))
        .collect();
    assert_eq!(prices, ["37492", "40000", "41800"]);
    assert_eq!(bytes(&members), before);
}

fn refused_leaving(files: &[String], args: &[&str]) -> String {
    let before = bytes(files);
    let o = caliper(args);
    assert!(!o.status.success(), "{args:?} should fail");
    assert_eq!(bytes(files), before, "{args:?} changed a member file");
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn bad_members_are_refused_with_the_file_or_quote_named() {
    let dir = tempfile::tempdir().unwrap();
    let members = three(dir.path());
    let text = dir.path().join("notes.caliper");
    std::fs::write(
        &text,
        "not a portfolio at all, just some notes\n".repeat(10),
    )
    .unwrap();
    let mut all = members.clone();
    all.push(text.to_str().unwrap().into());
    let e = refused_leaving(&all, &group_args(&["gpo", "benchmark"], &all));
    assert!(
        e.contains("notes.caliper is not a Caliper portfolio"),
        "{e}"
    );
    // A newer schema.
    let newer = dir.path().join("newer.caliper");
    std::fs::copy(&members[0], &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    let e = refused_leaving(
        &members,
        &group_args(
            &["gpo", "benchmark", "--portfolio", newer.to_str().unwrap()],
            &members[1..],
        ),
    );
    assert!(
        e.contains("newer.caliper was written by a newer Caliper"),
        "{e}"
    );
    // The same file twice, by path and by content.
    let twice = vec![members[0].clone(), members[0].clone()];
    let e = refused_leaving(&members, &group_args(&["gpo", "benchmark"], &twice));
    assert!(e.contains("is added twice: it is the same file"), "{e}");
    let copy = dir.path().join("copy.caliper");
    std::fs::copy(&members[0], &copy).unwrap();
    let with_copy = vec![members[0].clone(), copy.to_str().unwrap().to_string()];
    let e = refused_leaving(&members, &group_args(&["gpo", "benchmark"], &with_copy));
    assert!(
        e.contains("copy.caliper is added twice: it has the same content"),
        "{e}"
    );
    // Kestrel K2 under two product codes.
    let drt = member(dir.path(), "lakeside-drt.caliper", &lakeside("USD", "DRT"));
    let mixed = vec![members[0].clone(), members[1].clone(), drt];
    let e = refused_leaving(&mixed, &group_args(&["gpo", "benchmark"], &mixed));
    assert!(e.contains("Kestrel K2 is matched to two product codes: DRT (Lakeside) and MHX (Riverside, St Mary)"), "{e}");
    // A package whose quote has no quantity.
    let mut doc = lakeside("USD", "MHX");
    doc["candidates"][0]["quote"]
        .as_object_mut()
        .unwrap()
        .remove("quantity");
    let pkg = dir.path().join("no-quantity.json");
    std::fs::write(&pkg, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let mut args = group_args(&["gpo", "benchmark"], &members[..2]);
    args.extend(["--package", pkg.to_str().unwrap()]);
    let e = refused_leaving(&members, &args);
    assert!(
        e.contains("no-quantity.json")
            && e.contains("candidates[0].quote")
            && e.contains("quantity"),
        "{e}"
    );
}

fn pdftotext(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .arg("-raw")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(o.status.success());
    String::from_utf8_lossy(&o.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_negotiation_brief_reads_back_with_the_benchmark_and_is_deterministic() {
    if !caliper_tests::have_tools("the_negotiation_brief_reads_back", &["pdftotext"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let members = three(dir.path());
    let before = bytes(&members);
    let out: PathBuf = dir.path().join("brief.pdf");
    let said = run_ok(&group_args(
        &["gpo", "brief", "--out", out.to_str().unwrap()],
        &members,
    ));
    let hash = said
        .split("inputs ")
        .nth(1)
        .unwrap()
        .split(')')
        .next()
        .unwrap()
        .to_string();
    let first = std::fs::read(&out).unwrap();
    run_ok(&group_args(
        &["gpo", "brief", "--out", out.to_str().unwrap()],
        &members,
    ));
    assert_eq!(
        std::fs::read(&out).unwrap(),
        first,
        "the same inputs give the same bytes"
    );
    let text = pdftotext(&out);
    // Halden's row: best, Q1, median, Q3, worst, service; the savings; the footer's hash.
    assert!(text.contains("Halden Medical, Inc. A-7 MHX 3 36,400.00 37,200.00 38,000.00 39,000.00 40,000.00 2,000.00"), "{text}");
    assert!(text.contains("USD 60,000.00 if every member paid no more than the group's median price; USD 115,000.00 at the best price"), "{text}");
    assert!(
        text.contains("Riverside 1,420,000.00 60,000.00 102,000.00"),
        "{text}"
    );
    assert!(text.contains(&format!("Inputs {hash}")), "{text}");
    for heading in SECTION_HEADINGS {
        assert!(text.contains(heading), "{heading}");
    }
    let xlsx = dir.path().join("group.xlsx");
    run_ok(&group_args(
        &["gpo", "export", "--out", xlsx.to_str().unwrap()],
        &members,
    ));
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(wb.sheet_names(), SHEETS);
    let bench = wb.worksheet_range("Benchmark").unwrap();
    let halden = (0..bench.height() as u32)
        .find(|r| {
            bench.get_value((*r, 0)) == Some(&Data::String("Halden Medical, Inc. A-7".into()))
        })
        .unwrap();
    // Best, Q1, median, Q3, worst as typed numbers.
    let numbers: Vec<f64> = (3..8)
        .map(|c| match bench.get_value((halden, c)) {
            Some(Data::Float(v)) => *v,
            other => panic!("{other:?} is not a number"),
        })
        .collect();
    assert_eq!(numbers, [36_400.0, 37_200.0, 38_000.0, 39_000.0, 40_000.0]);
    assert_eq!(bytes(&members), before);
}

/// The app's calls are the CLI's analysis: the same benchmark, standardisation and demand
/// for the same files and date; a decision saved from the app lists the page's members in
/// the workspace and the CLI applies it; a key that is no model's writes nothing.
#[test]
fn the_apps_group_analysis_is_the_clis() {
    use caliper_models::gpo::{Decision, MatchDecision};
    use caliper_models::workspace::{
        group_analysis, save_group_decision, GroupMember, GroupOptions,
    };
    let dir = tempfile::tempdir().unwrap();
    let members = three(dir.path());
    let before = bytes(&members);
    let page: Vec<GroupMember> = members
        .iter()
        .map(|m| GroupMember {
            name: None,
            path: m.into(),
        })
        .collect();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let a = group_analysis(&page, None, &GroupOptions::default(), as_of).unwrap();
    assert_eq!(
        serde_json::to_value(&a.benchmark).unwrap(),
        run_json(&group_args(&["gpo", "benchmark", "--json"], &members))
    );
    assert_eq!(
        serde_json::to_value(&a.standardisation).unwrap(),
        run_json(&group_args(&["gpo", "standardise", "--json"], &members))
    );
    assert_eq!(
        serde_json::to_value(&a.demand).unwrap(),
        run_json(&group_args(&["gpo", "demand", "--json"], &members))
    );
    assert_eq!(a.charts.len(), a.benchmark.models.len());
    assert!(a.charts[0].svg.contains("St Mary") && a.charts[0].svg.ends_with("</svg>\n"));
    let names: Vec<&str> = a.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["St Mary", "Riverside", "Lakeside"]);
    // A price index by year typed on the page is the CLI's --index-value; a percentage
    // and values together are refused.
    let indexed = GroupOptions {
        index_values: vec!["2025=100".into(), "2026=103".into()],
        ..GroupOptions::default()
    };
    let b = group_analysis(&page, None, &indexed, as_of).unwrap();
    assert_eq!(
        serde_json::to_value(&b.benchmark).unwrap(),
        run_json(&group_args(
            &[
                "gpo",
                "benchmark",
                "--json",
                "--index-value",
                "2025=100",
                "--index-value",
                "2026=103",
            ],
            &members
        ))
    );
    let both = GroupOptions {
        index_percent: Some("3".into()),
        ..indexed
    };
    let e = group_analysis(&page, None, &both, as_of).unwrap_err();
    assert!(e.to_string().contains("not both"), "{e}");

    let workspace = dir.path().join("ws.json");
    let decide = |key: &str| {
        save_group_decision(
            &page,
            &workspace,
            MatchDecision {
                key: key.into(),
                decision: Decision::Confirmed,
            },
            as_of,
        )
    };
    let e = decide("nobody|x1").unwrap_err();
    assert!(e.to_string().contains("nothing was saved"), "{e}");
    assert!(!workspace.exists());
    decide("halden medical|a7").unwrap();
    let w = workspace.to_str().unwrap();
    let m = run_json(&["gpo", "matches", "--workspace", w, "--json"]);
    assert_eq!(model(&m, "halden medical|a7")["status"], "confirmed");
    let listed = run_json(&["gpo", "benchmark", "--workspace", w, "--json"]);
    assert_eq!(
        listed["members"],
        json!(["St Mary", "Riverside", "Lakeside"])
    );
    assert_eq!(bytes(&members), before, "a member file changed");
}
