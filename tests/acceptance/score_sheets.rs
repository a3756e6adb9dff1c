//! Evaluators' score sheets through the command line: a sheet written for a new
//! evaluator, filled in by a spreadsheet program (a new workbook with the same cells and
//! the scores), previewed without saving, then merged, with the ranking and the history
//! following. Bad sheets are refused naming the cell, and the portfolio stays as it was.

use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use caliper_tests::{refused, run_json, run_ok};
use serde_json::Value;

/// The cells of the workbook's first sheet, as text by (row, column).
fn cells_of(path: &Path) -> Vec<(u32, u32, Data)> {
    let mut wb: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).unwrap();
    let (r0, c0) = range.start().unwrap();
    range
        .used_cells()
        .map(|(r, c, v)| (r0 + r as u32, c0 + c as u32, v.clone()))
        .collect()
}

/// The evaluator's spreadsheet program: the same cells in a new workbook, with `scores`
/// typed into the score cells (row, column, value).
fn fill(from: &Path, to: &Path, scores: &[(u32, u16, &str)]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Scores").unwrap();
    for (r, c, v) in cells_of(from) {
        match v {
            Data::Float(f) => ws.write_number(r, c as u16, f).unwrap(),
            Data::Int(i) => ws.write_number(r, c as u16, i as f64).unwrap(),
            other => ws.write_string(r, c as u16, other.to_string()).unwrap(),
        };
    }
    for (r, c, v) in scores {
        match v.parse::<f64>() {
            Ok(n) => ws.write_number(*r, *c, n).unwrap(),
            Err(_) => ws.write_string(*r, *c, *v).unwrap(),
        };
    }
    wb.save(to).unwrap();
}

/// The demo with a third evaluator who has scored nothing; returns (portfolio, id).
fn demo_with_new_evaluator(dir: &Path) -> (String, String) {
    let file = dir.join("demo.caliper");
    let p = file.to_str().unwrap().to_string();
    run_ok(&["demo", &p]);
    let e = run_json(&[
        "evaluator",
        "add",
        "--portfolio",
        &p,
        "--name",
        "Priya Natarajan",
        "--role",
        "Anesthesiologist",
        "--json",
    ]);
    (p, e["id"].to_string())
}

#[test]
fn a_returned_workbook_is_previewed_then_merged_and_the_history_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (p, evaluator) = demo_with_new_evaluator(dir.path());
    let sheet = dir.path().join("sheet.xlsx");
    let out = run_ok(&[
        "score",
        "sheet",
        "--portfolio",
        &p,
        "--request",
        "1",
        "--evaluator",
        &evaluator,
        "--out",
        sheet.to_str().unwrap(),
        "--as-of",
        "2026-12-01",
    ]);
    assert!(out.contains("wrote Priya Natarajan's score sheet"), "{out}");
    let cells = cells_of(&sheet);
    let text_at = |r: u32, c: u32| {
        cells
            .iter()
            .find(|(row, col, _)| (*row, *col) == (r, c))
            .map(|(_, _, v)| v.to_string())
            .unwrap_or_default()
    };
    assert_eq!(text_at(0, 0), "Caliper score sheet");
    assert_eq!(text_at(2, 2), "Priya Natarajan");
    // The criterion rows start at row 9 (index 8); a new evaluator's cells are empty.
    let criteria: Vec<u32> = (8..60).filter(|&r| !text_at(r, 0).is_empty()).collect();
    let candidates: Vec<u16> = (4..20)
        .filter(|&c| !text_at(6, u32::from(c)).is_empty())
        .collect();
    assert!(
        criteria.len() >= 5 && candidates.len() == 4,
        "{criteria:?} {candidates:?}"
    );
    assert!(text_at(8, 4).is_empty());

    // The evaluator scores the first candidate 5 and the others 2 everywhere.
    let mut typed = Vec::new();
    for &r in &criteria {
        for &c in &candidates {
            typed.push((r, c, if c == candidates[0] { "5" } else { "2" }));
        }
    }
    let filled = dir.path().join("filled.xlsx");
    fill(&sheet, &filled, &typed);
    let cells_total = criteria.len() * candidates.len();

    // The preview saves nothing.
    let before = std::fs::read(&p).unwrap();
    let preview = run_json(&[
        "score",
        "import",
        "--portfolio",
        &p,
        "--from",
        filled.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(
        std::fs::read(&p).unwrap(),
        before,
        "a preview saved something"
    );
    assert_eq!(preview["new"], cells_total);
    assert_eq!(preview["problems"].as_array().unwrap().len(), 0);
    assert_eq!(preview["rows"][0]["place"], "sheet 'Scores', cell E9");
    assert_eq!(preview["rows"][0]["status"], "new");

    let ranked_before = run_json(&["rank", "--portfolio", &p, "--request", "1", "--json"]);
    let merged = run_ok(&[
        "score",
        "import",
        "--portfolio",
        &p,
        "--from",
        filled.to_str().unwrap(),
        "--confirm",
        "--by",
        "M. Oyelaran",
    ]);
    assert!(
        merged.contains(&format!(
            "merged Priya Natarajan's score sheet for request 1: {cells_total} new, 0 changed"
        )),
        "{merged}"
    );
    let scores = run_json(&[
        "score",
        "list",
        "--portfolio",
        &p,
        "--request",
        "1",
        "--json",
    ]);
    let mine: Vec<&Value> = scores
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["evaluator_id"].as_u64().map(|n| n.to_string()) == Some(evaluator.clone()))
        .collect();
    assert_eq!(mine.len(), cells_total);
    let ranked_after = run_json(&["rank", "--portfolio", &p, "--request", "1", "--json"]);
    assert_ne!(
        ranked_before["candidates"], ranked_after["candidates"],
        "a third evaluator's scores move the judged points"
    );
    let history = run_ok(&["history", "--portfolio", &p, "--request", "1"]);
    assert!(
        history.contains(&format!(
            "(M. Oyelaran)  Scores of Priya Natarajan from a score sheet (filled.xlsx): {cells_total} new, 0 changed"
        )),
        "{history}"
    );
    // Merging the same sheet again changes nothing.
    let again = run_json(&[
        "score",
        "import",
        "--portfolio",
        &p,
        "--from",
        filled.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(
        (again["new"].as_u64(), again["unchanged"].as_u64()),
        (Some(0), Some(cells_total as u64))
    );
}

#[test]
fn bad_sheets_are_refused_naming_the_cell_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (p, evaluator) = demo_with_new_evaluator(dir.path());
    let csv = dir.path().join("sheet.csv");
    run_ok(&[
        "score",
        "sheet",
        "--portfolio",
        &p,
        "--request",
        "1",
        "--evaluator",
        &evaluator,
        "--out",
        csv.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&csv).unwrap();
    // Rows as a spreadsheet shows them; cell E9 is row 9, column E.
    let with_cell = |row: usize, column: usize, value: &str| -> String {
        let mut records: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect();
        let record = &mut records[row - 1];
        if record.len() <= column {
            record.resize(column + 1, String::new());
        }
        record[column] = value.to_string();
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        for r in records {
            w.write_record(&r).unwrap();
        }
        String::from_utf8(w.into_inner().unwrap()).unwrap()
    };
    let import = |name: &str, content: &str, extra: &[&str]| -> String {
        let f = dir.path().join(name);
        std::fs::write(&f, content).unwrap();
        let mut args = vec![
            "score",
            "import",
            "--portfolio",
            &p,
            "--from",
            f.to_str().unwrap(),
            "--confirm",
        ];
        args.extend_from_slice(extra);
        refused(Path::new(&p), &args)
    };
    for (value, expected) in [
        ("0", "cell E9: 0 is not on the scale 1 to 5"),
        ("6", "cell E9: 6 is not on the scale 1 to 5"),
        ("4-5", "cell E9: '4-5' is not a score"),
        ("3.5", "cell E9: '3.5' is not a score"),
    ] {
        let err = import("bad.csv", &with_cell(9, 4, value), &[]);
        assert!(
            err.contains(&format!("bad.csv: {expected}")) && err.contains("nothing was saved"),
            "{value}: {err}"
        );
    }
    let err = import("other.csv", &with_cell(3, 2, "Dana Whitfield"), &[]);
    assert!(
        err.contains("cell C3: the sheet was made for Priya Natarajan (evaluator 3) but is filled in as 'Dana Whitfield'"),
        "{err}"
    );
    let err = import("request.csv", &text, &["--request", "2"]);
    assert!(
        err.contains(
            "cell B2: the sheet is for request 1 'Replace ICU physiological monitors', not for"
        ),
        "{err}"
    );
    let err = import("budget.csv", "item,amount\nmonitors,1000\n", &[]);
    assert!(
        err.contains("budget.csv: is not a Caliper score sheet (cell A1 should read"),
        "{err}"
    );
    let err = import("sheet.ods", "PK\u{3}\u{4}", &[]);
    assert!(err.contains("sheet.ods:"), "{err}");

    // A candidate removed after the sheet was made: the sheet no longer fits the request.
    let candidates = run_json(&[
        "candidate",
        "list",
        "--portfolio",
        &p,
        "--request",
        "1",
        "--json",
    ]);
    let last = candidates.as_array().unwrap().last().unwrap()["id"].to_string();
    run_ok(&[
        "candidate",
        "remove",
        "--portfolio",
        &p,
        "--candidate",
        &last,
        "--yes",
    ]);
    let err = import("stale.csv", &with_cell(9, 4, "4"), &[]);
    assert!(
        err.contains(&format!("candidate {last} (")) && err.contains("is no longer in the request"),
        "{err}"
    );
}
