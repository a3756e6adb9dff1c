//! The workbook's "Financial case" sheet read back with calamine as a spreadsheet program
//! would: every figure a number cell equal to `caliper financial-case --json` (amounts to
//! the cent, years and rates as computed), the words for an IRR that is none or not one
//! rate the engine's own, and the sheet only where a case is entered.

use std::collections::HashMap;
use std::path::Path;

use calamine::{open_workbook, Data, Range, Reader, Xlsx};
use caliper_models::finance::case::{irr_text, mirr_text, payback_text};
use caliper_models::finance::{Irr, Payback};
use caliper_models::report::xlsx::FINANCIAL_CASE_SHEET;
use caliper_tests::{run_json, run_ok};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;

fn dec(v: &Value) -> Decimal {
    v.as_str()
        .unwrap_or_else(|| panic!("{v} is not a decimal string"))
        .parse()
        .unwrap()
}

/// A JSON amount as the workbook shows it: to the cent, half away from zero.
fn cents(v: &Value) -> f64 {
    dec(v)
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        .to_f64()
        .unwrap()
}

/// A JSON rate or count of years as the workbook holds it, unrounded.
fn exact(v: &Value) -> f64 {
    dec(v).to_string().parse().unwrap()
}

fn cell(r: &Range<Data>, row: u32, col: u32) -> Option<f64> {
    match r.get_value((row, col)) {
        Some(Data::Float(v)) => Some(*v),
        Some(Data::Int(v)) => Some(*v as f64),
        Some(Data::Empty) | None => None,
        other => panic!("cell ({row}, {col}) is {other:?}, not a number"),
    }
}

fn text(r: &Range<Data>, row: u32, col: u32) -> String {
    match r.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        _ => String::new(),
    }
}

fn close(got: Option<f64>, want: f64, what: &str) {
    let got = got.unwrap_or_else(|| panic!("{what}: no number"));
    assert!(
        (got - want).abs() <= 1e-9 * want.abs().max(1.0),
        "{what}: {got} in the workbook, {want} from the CLI"
    );
}

/// A candidate's rows by block (the second column title of the header above them) and
/// key (their second cell: a figure, a year, a fiscal year, a way to pay).
struct Rows(HashMap<(String, String, String), u32>);

impl Rows {
    fn of(r: &Range<Data>) -> Self {
        let (h, _) = r.end().unwrap();
        let mut block = String::new();
        let mut rows = HashMap::new();
        for row in 0..=h {
            if text(r, row, 0) == "Candidate" {
                block = text(r, row, 1);
                continue;
            }
            let key = match r.get_value((row, 1)) {
                Some(Data::String(s)) => s.clone(),
                Some(Data::Float(v)) => format!("{v}"),
                Some(Data::Int(v)) => format!("{v}"),
                _ => continue,
            };
            rows.insert((text(r, row, 0), block.clone(), key), row);
        }
        Rows(rows)
    }

    fn get(&self, label: &str, block: &str, key: &str) -> u32 {
        *self
            .0
            .get(&(label.into(), block.into(), key.into()))
            .unwrap_or_else(|| panic!("no row {key:?} in {block:?} of {label}"))
    }
}

/// Exports `request` and checks its Financial case sheet against the CLI's JSON.
fn check_sheet(p: &str, dir: &Path, request: &str) {
    let json = case_json(p, request);
    let out = dir.join(format!("request-{request}.xlsx"));
    run_ok(&[
        "export",
        "--portfolio",
        p,
        "--request",
        request,
        "--out",
        out.to_str().unwrap(),
        "--as-of",
        "2026-11-25",
    ]);
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let r = wb.worksheet_range(FINANCIAL_CASE_SHEET).unwrap();
    let rows = Rows::of(&r);
    let mut checked = 0;
    for c in json["candidates"].as_array().unwrap() {
        let label = c["label"].as_str().unwrap();
        if c["entered"] != true {
            assert!(!rows.0.keys().any(|k| k.0 == label), "{label} not entered");
            continue;
        }
        let case = &c["case"];
        key_figures(&r, &rows, label, case);
        years(&r, &rows, label, case);
        budgets(&r, &rows, label, case);
        lease(&r, &rows, label, case);
        checked += 1;
    }
    assert!(checked > 0, "no candidate with a case in request {request}");
}

fn key_figures(r: &Range<Data>, rows: &Rows, label: &str, case: &Value) {
    let row = |figure: &str| rows.get(label, "Key figure", figure);
    let npv = row("NPV of the net cash flow");
    close(cell(r, npv, 2), cents(&case["npv"]), "NPV");
    let horizon = case["years"].as_array().unwrap().len() as u32 - 1;
    for (figure, field) in [
        ("Payback (years)", "payback"),
        ("Discounted payback (years)", "discounted_payback"),
    ] {
        let at = row(figure);
        let p: Payback = serde_json::from_value(case[field].clone()).unwrap();
        match &p {
            Payback::Years { .. } => close(cell(r, at, 2), exact(&case[field]["years"]), figure),
            Payback::Never => assert_eq!(cell(r, at, 2), None, "{figure}"),
        }
        assert_eq!(text(r, at, 3), payback_text(&p, horizon), "{figure}");
    }
    match case["roi"] {
        Value::Null => assert_eq!(cell(r, row("ROI"), 2), None),
        ref roi => close(cell(r, row("ROI"), 2), exact(roi), "ROI"),
    }
    let irr: Irr = serde_json::from_value(case["irr"].clone()).unwrap();
    let at = row("IRR");
    match &irr {
        Irr::Rate { .. } => close(cell(r, at, 2), exact(&case["irr"]["rate"]), "IRR"),
        Irr::None { .. } | Irr::Multiple { .. } => assert_eq!(cell(r, at, 2), None, "IRR"),
    }
    assert_eq!(text(r, at, 3), irr_text(&irr));
    let at = row("MIRR");
    let mirr = case["mirr"].as_str().map(|m| m.parse::<Decimal>().unwrap());
    match mirr {
        Some(_) => close(cell(r, at, 2), exact(&case["mirr"]), "MIRR"),
        None => assert_eq!(cell(r, at, 2), None, "MIRR"),
    }
    assert_eq!(
        text(r, at, 3),
        mirr_text(mirr, case["mirr_problem"].as_str())
    );
    if case["cost_per_procedure"].is_string() {
        let at = row("Cost per procedure (EAC)");
        close(
            cell(r, at, 2),
            cents(&case["cost_per_procedure"]),
            "cost per procedure",
        );
    }
}

fn years(r: &Range<Data>, rows: &Rows, label: &str, case: &Value) {
    for y in case["years"].as_array().unwrap() {
        let row = rows.get(label, "Year", &y["year"].to_string());
        if let Some(fy) = y["fiscal_year"].as_i64() {
            close(cell(r, row, 2), fy as f64, "fiscal year");
        }
        for (col, field) in ["costs", "savings", "revenue", "net", "cumulative_net"]
            .iter()
            .enumerate()
        {
            close(cell(r, row, 3 + col as u32), cents(&y[*field]), field);
        }
    }
    let row = rows.get(label, "Year", "Total");
    for (col, field) in ["total_costs", "total_savings", "total_revenue", "total_net"]
        .iter()
        .enumerate()
    {
        close(cell(r, row, 3 + col as u32), cents(&case[*field]), field);
    }
}

fn budgets(r: &Range<Data>, rows: &Rows, label: &str, case: &Value) {
    let book: HashMap<i64, &Value> = case["depreciation"]["years"]
        .as_array()
        .map(|ys| {
            ys.iter()
                .map(|y| (y["fiscal_year"].as_i64().unwrap(), &y["book_value"]))
                .collect()
        })
        .unwrap_or_default();
    for b in case["budget_impact"].as_array().unwrap() {
        let fy = b["fiscal_year"].as_i64().unwrap();
        let row = rows.get(label, "Fiscal year", &fy.to_string());
        for (col, field) in [
            (2, "net_capital"),
            (3, "operating_costs"),
            (4, "depreciation"),
            (6, "savings_and_revenue"),
            (7, "operating_impact"),
        ] {
            close(cell(r, row, col), cents(&b[field]), field);
        }
        match book.get(&fy) {
            Some(v) => close(cell(r, row, 5), cents(v), "book value"),
            None => assert_eq!(cell(r, row, 5), None, "book value in FY{fy}"),
        }
    }
    if case["depreciation"].is_object() {
        let row = rows.get(label, "Fiscal year", "Total depreciation");
        close(
            cell(r, row, 4),
            cents(&case["depreciation"]["total"]),
            "total depreciation",
        );
    }
}

fn option_name(o: &Value) -> &'static str {
    match o.as_str().unwrap() {
        "purchase" => "Purchase",
        "operating_lease" => "Operating lease",
        "capital_lease" => "Capital lease (bargain purchase)",
        other => panic!("{other}"),
    }
}

fn lease(r: &Range<Data>, rows: &Rows, label: &str, case: &Value) {
    let lease = &case["lease"];
    if lease.is_null() {
        assert!(!rows.0.keys().any(|k| k.0 == label && k.1 == "Way to pay"));
        return;
    }
    for o in lease["options"].as_array().unwrap() {
        let row = rows.get(label, "Way to pay", option_name(&o["option"]));
        close(cell(r, row, 2), cents(&o["present_value"]), "present value");
        let cheapest = o["option"] == lease["cheapest"];
        assert_eq!(text(r, row, 3) == "cheapest", cheapest);
    }
    for c in lease["comparisons"].as_array().unwrap() {
        let row = rows.get(label, "Lease against purchase", option_name(&c["lease"]));
        close(
            cell(r, row, 2),
            cents(&c["net_advantage_to_leasing"]),
            "net advantage to leasing",
        );
        assert_eq!(text(r, row, 3), option_name(&c["cheaper"]));
        close(cell(r, row, 4), cents(&c["by"]), "by");
        match c["break_even_rate"]["outcome"].as_str().unwrap() {
            "rate" => close(
                cell(r, row, 5),
                exact(&c["break_even_rate"]["rate"]),
                "break-even rate",
            ),
            _ => assert_eq!(
                text(r, row, 5),
                "the same answer at every rate from 0 to 100 %"
            ),
        }
    }
}

/// `caliper financial-case` of `request`, as JSON.
fn case_json(p: &str, request: &str) -> Value {
    run_json(&[
        "financial-case",
        "--portfolio",
        p,
        "--request",
        request,
        "--json",
    ])
}

fn candidate_id(p: &str, request: &str, label: &str) -> String {
    let json = case_json(p, request);
    json["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["label"].as_str().unwrap().contains(label))
        .unwrap()["candidate_id"]
        .to_string()
}

#[test]
fn the_financial_case_sheet_holds_the_clis_figures() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.caliper");
    let p = path.to_str().unwrap();
    run_ok(&["demo", p]);
    // The demo ICU request as it is: no payback, no IRR, no lease.
    check_sheet(p, dir.path(), "1");

    // With revenue and both leases on one candidate: a payback, an IRR and a lease
    // comparison, through the CLI as a user would set them.
    let inputs = dir.path().join("inputs.json");
    std::fs::write(
        &inputs,
        r#"{"revenue": {"procedures_per_year": 6000, "reimbursement": "48.50"},
            "savings": [{"kind": "service_contracts", "amount": "54000", "escalation": "0.04"}],
            "lease": {"term_years": 5, "purchase_salvage": "200000",
                      "operating_lease": {"payment_per_year": "190000"},
                      "capital_lease": {"payment_per_year": "170000", "timing": "arrears",
                                        "purchase_option_price": "1"}}}"#,
    )
    .unwrap();
    let kestrel = candidate_id(p, "1", "Kestrel");
    run_ok(&[
        "financial-case",
        "--portfolio",
        p,
        "--request",
        "1",
        "--candidate",
        &kestrel,
        "--set",
        inputs.to_str().unwrap(),
    ]);
    let json = run_json(&[
        "financial-case",
        "--portfolio",
        p,
        "--request",
        "1",
        "--json",
    ]);
    let k = json["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["candidate_id"] == kestrel.parse::<u64>().unwrap())
        .unwrap();
    assert_eq!(k["case"]["payback"]["outcome"], "years", "{}", k["case"]);
    assert_eq!(k["case"]["irr"]["outcome"], "rate");
    assert!(k["case"]["lease"]["comparisons"].as_array().unwrap().len() == 2);
    check_sheet(p, dir.path(), "1");
}

#[test]
fn no_sheet_without_a_case() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.caliper");
    let p = path.to_str().unwrap();
    run_ok(&["demo", p]);
    let out = dir.path().join("pumps.xlsx");
    run_ok(&[
        "export",
        "--portfolio",
        p,
        "--request",
        "2",
        "--out",
        out.to_str().unwrap(),
        "--as-of",
        "2026-11-25",
    ]);
    let wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert!(!wb.sheet_names().iter().any(|s| s == FINANCIAL_CASE_SHEET));
}
