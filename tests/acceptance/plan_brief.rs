//! The capital plan brief and workbook through the command line: the demo with budgets and
//! a scenario, the PDF read back with poppler as a committee member's viewer would read it,
//! the workbook read back with calamine as a spreadsheet would.

use std::path::Path;
use std::process::Command;

use calamine::{open_workbook, Data, Range, Reader, Xlsx};
use caliper_models::report::plan::{SECTION_HEADINGS, SHEETS};
use caliper_tests::run_ok;
use serde_json::Value;

/// The demo with 900,000 in FY2027 and FY2028 and a scenario with 10 % less.
fn portfolio(dir: &Path) -> String {
    let p = dir.join("demo.caliper").to_str().unwrap().to_string();
    run_ok(&["demo", &p]);
    for year in ["2027", "2028"] {
        run_ok(&[
            "budget",
            "set",
            "--portfolio",
            &p,
            "--fiscal-year",
            year,
            "--capital",
            "900,000",
        ]);
    }
    run_ok(&[
        "scenario",
        "add",
        "--portfolio",
        &p,
        "--name",
        "Budget -10%",
        "--budget-change",
        "-10",
    ]);
    p
}

fn export(p: &str, out: &Path) -> String {
    run_ok(&[
        "plan",
        "--portfolio",
        p,
        "--years",
        "2027..2028",
        "--out",
        out.to_str().unwrap(),
        "--as-of",
        "2026-11-25",
    ])
}

fn pdftotext(pdf: &Path) -> String {
    // In the order written: a table's cells one after the other, row by row.
    let o = Command::new("pdftotext")
        .arg("-raw")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(o.status.success());
    // Every whitespace run as one space: a wrapped cell or paragraph reads as one line.
    let text = String::from_utf8_lossy(&o.stdout);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn outcome<'a>(plan: &'a Value, title: &str) -> &'a Value {
    plan["requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["title"].as_str().unwrap().starts_with(title))
        .unwrap_or_else(|| panic!("{title} is not in {plan}"))
}

#[test]
fn the_plan_brief_reads_back_with_the_plans_figures() {
    if !caliper_tests::have_tools(
        "the_plan_brief_reads_back_with_the_plans_figures",
        &["pdftotext"],
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let p = portfolio(dir.path());
    let out = dir.path().join("plan.pdf");
    let said = export(&p, &out);
    assert!(
        said.contains("wrote the capital plan brief FY2027..FY2028"),
        "{said}"
    );
    let plan: Value = serde_json::from_str(&run_ok(&[
        "plan",
        "--portfolio",
        &p,
        "--years",
        "2027..2028",
        "--json",
    ]))
    .unwrap();
    let text = pdftotext(&out);
    for heading in SECTION_HEADINGS {
        assert!(text.contains(heading), "heading '{heading}' missing");
    }
    assert!(text.contains("Capital plan FY2027–FY2028"));
    assert!(text.contains("as of 2026-11-25"));

    // The funded requests and the capital of each year against its budget.
    let pumps = outcome(&plan, "Infusion pump");
    assert_eq!(pumps["funded_year"], 2027);
    assert_eq!(pumps["capital"], "828500");
    let icu = outcome(&plan, "Replace ICU");
    assert_eq!(
        (icu["funded_year"].as_i64(), icu["capital"].as_str()),
        (Some(2028), Some("897000"))
    );
    assert!(text.contains("FY2027 USD 828,500 of USD 900,000 funded (1 request), USD 71,500 left"));
    assert!(text.contains("FY2028 USD 897,000 of USD 900,000 funded (1 request), USD 3,000 left"));
    assert!(text.contains(
        "Infusion pump fleet (request 2) Riverside General Hospital Calder Infusion Systems Calder LVP-3 828,500 50.0 funded in FY2027, the year asked"
    ), "{text}");
    assert!(text.contains("Total FY2028 897,000 USD 3,000 left of the budget"));

    // The deferral with its premium: 15 % of the runner-up's 780,000.
    assert!(
        text.contains(
            "Replace ICU physiological monitors (request 1) FY2027 FY2028 117,000 (15 %) 0 897,000"
        ),
        "{text}"
    );

    // The greedy fill by priority funds the top-ranked monitor in FY2027 and nothing else.
    let gain: f64 = plan["plan"]["gain_over_greedy"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((gain - 34.624).abs() < 1e-9, "{gain}");
    assert!(
        text.contains("is worth 45.4: the plan gains 34.7"),
        "{text}"
    );
    assert!(text.contains(
        "Replace ICU physiological monitors (request 1) 50.0 Norvale Medical VitaView 700, FY2028 Kestrel Health Systems KM-9 Patient Monitor, FY2027"
    ), "{text}");
    assert!(text.contains("FY2027 900,000 828,500 880,920"));

    // The scenario beside the base plan.
    assert!(text.contains(
        "Base as set none 80.1 1,725,500 Replace ICU physiological monitors (FY2028), Infusion pump fleet (FY2027)"
    ), "{text}");
    assert!(
        text.contains(
            "Budget -10% -10 % none 43.3 780,000 Replace ICU physiological monitors (FY2027)"
        ),
        "{text}"
    );
    assert!(text.contains("no candidates yet"));

    // Same inputs and date: the same bytes.
    let again = dir.path().join("again.pdf");
    export(&p, &again);
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap());

    // Rejected, the monitors are left out, never counted, and the decision is in the history.
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
    let after = dir.path().join("after.pdf");
    export(&p, &after);
    let text = pdftotext(&after);
    assert!(text.contains(
        "Replace ICU physiological monitors (request 1) rejected by the committee on 2026-11-20"
    ), "{text}");
    assert!(text.contains("Rejected on 2026-11-20"), "{text}");
    assert!(text.contains("for USD 828,500 of capital against budgets of USD 1,800,000"));
    assert!(text.contains("FY2028 USD 0 of USD 900,000 funded (0 requests)"));
    assert!(!text.contains("Norvale Medical VitaView 700"));
    assert!(!text.contains("897,000"));
}

fn cell_number(range: &Range<Data>, row: u32, col: u32) -> f64 {
    match range.get_value((row, col)) {
        Some(Data::Float(v)) => *v,
        Some(Data::Int(v)) => *v as f64,
        other => panic!("cell ({row}, {col}) is {other:?}, not a number"),
    }
}

fn row_of(range: &Range<Data>, title: &str) -> u32 {
    (0..range.height() as u32)
        .find(|r| matches!(range.get_value((*r, 0)), Some(Data::String(s)) if s.starts_with(title)))
        .unwrap_or_else(|| panic!("no row starts with {title}"))
}

#[test]
fn the_plan_workbook_holds_numbers_in_typed_cells() {
    let dir = tempfile::tempdir().unwrap();
    let p = portfolio(dir.path());
    let out = dir.path().join("plan.xlsx");
    let said = export(&p, &out);
    assert!(said.contains("wrote the plan workbook"), "{said}");
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(wb.sheet_names(), SHEETS);

    let plan = wb.worksheet_range("Plan").unwrap();
    let pumps = row_of(&plan, "Infusion pump fleet");
    assert_eq!(
        plan.get_value((pumps, 3)),
        Some(&Data::String("funded".into()))
    );
    assert_eq!(cell_number(&plan, pumps, 4), 2027.0);
    assert_eq!(cell_number(&plan, pumps, 5), 2027.0);
    assert_eq!(cell_number(&plan, pumps, 7), 828_500.0);
    assert_eq!(cell_number(&plan, pumps, 8), 50.0);
    let icu = row_of(&plan, "Replace ICU");
    assert_eq!(
        plan.get_value((icu, 3)),
        Some(&Data::String("deferred".into()))
    );
    assert_eq!(cell_number(&plan, icu, 5), 2028.0);
    assert_eq!(cell_number(&plan, icu, 7), 897_000.0);
    let left = row_of(&plan, "Point-of-care ultrasound");
    assert_eq!(
        plan.get_value((left, 3)),
        Some(&Data::String("left out".into()))
    );
    let total = row_of(&plan, "Total capital funded");
    assert_eq!(cell_number(&plan, total, 7), 1_725_500.0);

    let budgets = wb.worksheet_range("Budgets").unwrap();
    for (row, year, used, left) in [
        (4, 2027.0, 828_500.0, 71_500.0),
        (5, 2028.0, 897_000.0, 3_000.0),
    ] {
        assert_eq!(cell_number(&budgets, row, 0), year);
        assert_eq!(
            budgets.get_value((row, 1)),
            Some(&Data::String("system-wide".into()))
        );
        assert_eq!(
            [2, 3, 4].map(|c| cell_number(&budgets, row, c)),
            [900_000.0, used, left]
        );
    }

    let scenarios = wb.worksheet_range("Scenarios").unwrap();
    let cut = row_of(&scenarios, "Budget -10%");
    assert_eq!(cell_number(&scenarios, cut, 1), -10.0);
    assert_eq!(cell_number(&scenarios, cut, 5), 780_000.0);
    assert_eq!(cell_number(&scenarios, cut, 6), 1.0);

    let greedy = wb.worksheet_range("Greedy").unwrap();
    let gain = row_of(&greedy, "The plan gains");
    assert!((cell_number(&greedy, gain, 2) - 34.624).abs() < 1e-9);
}
