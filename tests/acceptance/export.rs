//! `caliper export`: the request as a workbook, read back with calamine as a spreadsheet
//! program would, and its ranked comparison as CSV, read back with the csv crate. Every
//! figure is a number cell equal to the engines' value (to the cent, to 0.1 point).

use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Range, Reader, Xlsx};
use caliper_models::assessment::{assess, request_lifecycle};
use caliper_models::ids::RequestId;
use caliper_models::ipc::Choice;
use caliper_models::report::xlsx::{COST_ELEMENTS, FINANCIAL_CASE_SHEET, SHEETS};
use caliper_models::store::Portfolio;
use caliper_tests::caliper;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

struct Demo {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    portfolio: PathBuf,
}

fn demo() -> Demo {
    let dir = tempfile::tempdir().unwrap();
    let portfolio = dir.path().join("demo.caliper");
    let o = caliper(&["demo", portfolio.to_str().unwrap()]);
    assert!(o.status.success());
    Demo {
        dir: dir.path().to_path_buf(),
        _dir: dir,
        portfolio,
    }
}

fn export(d: &Demo, request: &str, out: &Path) -> std::process::Output {
    caliper(&[
        "export",
        "--portfolio",
        d.portfolio.to_str().unwrap(),
        "--request",
        request,
        "--out",
        out.to_str().unwrap(),
        "--as-of",
        "2026-11-25",
    ])
}

fn number(range: &Range<Data>, row: u32, col: u32) -> f64 {
    match range.get_value((row, col)) {
        Some(Data::Float(v)) => *v,
        Some(Data::Int(v)) => *v as f64,
        other => panic!("cell ({row}, {col}) is {other:?}, not a number"),
    }
}

fn text(range: &Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        other => panic!("cell ({row}, {col}) is {other:?}, not text"),
    }
}

/// The row whose first `cols` cells read `texts`.
fn find_row(range: &Range<Data>, texts: &[&str]) -> u32 {
    let (h, _) = range.end().unwrap();
    (0..=h)
        .find(|r| {
            texts.iter().enumerate().all(
                |(c, t)| matches!(range.get_value((*r, c as u32)), Some(Data::String(s)) if s == t),
            )
        })
        .unwrap_or_else(|| panic!("no row starts with {texts:?}"))
}

fn cents_close(cell: f64, engine: Decimal) {
    let e = engine.to_f64().unwrap();
    assert!(
        (cell - e).abs() <= 0.01 + 1e-6,
        "cell {cell} is not {engine} to the cent"
    );
}

#[test]
fn workbook_cells_are_numbers_equal_to_the_engines_figures() {
    let d = demo();
    // A comment, with a comma and quotes, on one of the demo's scores.
    let comment = "Alarm escalation \"needs\" tuning, see the pilot notes";
    {
        let mut p = Portfolio::open(&d.portfolio).unwrap();
        let s = p.scores(RequestId(1)).unwrap()[0].clone();
        p.set_score(
            s.evaluator_id,
            s.candidate_id,
            s.criterion_id,
            Some(s.score),
            comment,
        )
        .unwrap();
    }
    let out = d.dir.join("request.xlsx");
    let o = export(&d, "1", &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("wrote the workbook of request 1"),
        "{stdout}"
    );

    let p = Portfolio::open(&d.portfolio).unwrap();
    let inputs = p.assessment_inputs(RequestId(1)).unwrap();
    let ranking = assess(&inputs).unwrap();
    let lifecycle = request_lifecycle(&inputs);

    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    // The demo ICU request has savings entered: its financial case comes last.
    let mut sheets = SHEETS.map(String::from).to_vec();
    sheets.push(FINANCIAL_CASE_SHEET.into());
    assert_eq!(wb.sheet_names(), sheets);

    // Ranking: title row, header, one row per candidate, best first.
    let r = wb.worksheet_range("Ranking").unwrap();
    assert!(text(&r, 0, 0).contains("Replace ICU physiological monitors"));
    assert_eq!(text(&r, 3, 0), "Rank");
    assert_eq!(text(&r, 3, 3), "Score (points)");
    assert_eq!(text(&r, 3, 4), "Quoted total (USD)");
    for (k, crit) in ranking.criteria.iter().enumerate() {
        assert_eq!(text(&r, 3, 5 + k as u32), crit.name);
    }
    for (i, c) in ranking.candidates.iter().enumerate() {
        let row = 4 + i as u32;
        assert_eq!(number(&r, row, 0), f64::from(c.rank.unwrap()));
        assert_eq!(text(&r, row, 1), c.label);
        assert_eq!(text(&r, row, 2), c.vendor);
        let score = number(&r, row, 3);
        assert!((score - c.score.unwrap() * 100.0).abs() <= 0.05 + 1e-9);
        cents_close(number(&r, row, 4), c.quoted_total.amount);
        let mut sum = 0.0;
        for (k, cell) in c.cells.iter().enumerate() {
            let v = number(&r, row, 5 + k as u32);
            assert!(
                (v - cell.contribution.unwrap() * 100.0).abs() <= 0.05 + 1e-9,
                "{} on {}: {v}",
                c.label,
                ranking.criteria[k].name
            );
            sum += v;
        }
        // Each shown contribution is rounded on its own: their sum is within rounding of
        // the shown score.
        let n = c.cells.len() as f64;
        assert!(
            (sum - score).abs() <= 0.05 * n + 1e-6,
            "{sum} beside {score}"
        );
    }
    // The weights table below, as percentages (fractions with a percent format).
    let wrow = (4..=r.end().unwrap().0)
        .find(|row| text(&r, *row, 1) == ranking.criteria[0].name)
        .expect("the weights table");
    assert!((number(&r, wrow, 5) - ranking.criteria[0].weight).abs() <= 0.0005 + 1e-9);

    // Scores: one row per evaluator score, with its comment.
    let s = wb.worksheet_range("Scores").unwrap();
    assert_eq!(text(&s, 3, 5), "Comment");
    let (last, _) = s.end().unwrap();
    assert_eq!((last - 3) as usize, inputs.scores.len());
    for row in 4..=last {
        let v = number(&s, row, 4);
        assert!((1.0..=5.0).contains(&v));
    }
    assert!((4..=last).any(|row| text(&s, row, 5) == comment));

    // Lifecycle: every year's elements and totals, the nominal total, NPV and EAC.
    let l = wb.worksheet_range("Lifecycle").unwrap();
    for (k, t) in COST_ELEMENTS.iter().enumerate() {
        assert_eq!(text(&l, 3, 3 + k as u32), *t);
    }
    let total_col = 3 + COST_ELEMENTS.len() as u32;
    let mut costed = 0;
    for c in &lifecycle.candidates {
        let Some(lc) = &c.lifecycle else { continue };
        costed += 1;
        let first = find_row(&l, &[c.label.as_str()]);
        for (i, y) in lc.schedule.iter().enumerate() {
            let row = first + i as u32;
            assert_eq!(number(&l, row, 1), f64::from(y.year));
            cents_close(number(&l, row, 3), y.purchase);
            cents_close(number(&l, row, 7), y.service);
            cents_close(number(&l, row, 13), y.residual);
            cents_close(number(&l, row, total_col), y.total);
            cents_close(number(&l, row, total_col + 1), y.present_value);
            let parts: f64 = (0..COST_ELEMENTS.len() as u32)
                .map(|k| number(&l, row, 3 + k))
                .sum();
            assert!((parts - number(&l, row, total_col)).abs() < 1e-6);
        }
        let total = find_row(&l, &[c.label.as_str(), "Total (present value: NPV)"]);
        cents_close(number(&l, total, total_col), lc.nominal_total);
        cents_close(number(&l, total, total_col + 1), lc.npv);
        let eac = find_row(
            &l,
            &[
                c.label.as_str(),
                &format!("Equivalent annual cost ({} years)", lc.expected_life_years),
            ],
        );
        cents_close(number(&l, eac, total_col), lc.eac);
    }
    assert!(costed >= 2);

    // Funding: capital, operating and total per fiscal year.
    let f = wb.worksheet_range("Funding").unwrap();
    let lc = lifecycle.candidates[0].lifecycle.as_ref().unwrap();
    assert!(!lc.fiscal_years.is_empty());
    let first = find_row(&f, &[lifecycle.candidates[0].label.as_str()]);
    for (i, fy) in lc.fiscal_years.iter().enumerate() {
        let row = first + i as u32;
        assert_eq!(number(&f, row, 1), f64::from(fy.fiscal_year));
        cents_close(number(&f, row, 2), fy.capital);
        cents_close(number(&f, row, 3), fy.operating);
        cents_close(number(&f, row, 4), fy.total);
    }
    let total = find_row(&f, &[lifecycle.candidates[0].label.as_str(), "Total"]);
    let sum: Decimal = lc.fiscal_years.iter().map(|x| x.total).sum();
    cents_close(number(&f, total, 4), sum);
}

#[test]
fn workbook_bytes_depend_on_the_data_and_date_only() {
    let d = demo();
    let (a, b) = (d.dir.join("a.xlsx"), d.dir.join("b.xlsx"));
    assert!(export(&d, "1", &a).status.success());
    assert!(export(&d, "1", &b).status.success());
    assert!(std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap());
    let c = d.dir.join("c.xlsx");
    let o = caliper(&[
        "export",
        "--portfolio",
        d.portfolio.to_str().unwrap(),
        "--request",
        "1",
        "--out",
        c.to_str().unwrap(),
        "--as-of",
        "2026-11-26",
    ]);
    assert!(o.status.success());
    assert!(std::fs::read(&a).unwrap() != std::fs::read(&c).unwrap());
}

#[test]
fn request_without_candidates_says_so_in_the_workbook_and_has_no_csv() {
    let d = demo();
    let out = d.dir.join("empty.xlsx");
    let o = export(&d, "3", &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let r = wb.worksheet_range("Ranking").unwrap();
    assert!(
        text(&r, 4, 0).starts_with("No ranking yet"),
        "{}",
        text(&r, 4, 0)
    );

    let csv = d.dir.join("empty.csv");
    let o = export(&d, "3", &csv);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no ranked comparison"));
    assert!(!csv.exists());
}

#[test]
fn csv_is_the_ranked_comparison() {
    let d = demo();
    let out = d.dir.join("ranking.csv");
    let o = export(&d, "1", &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let p = Portfolio::open(&d.portfolio).unwrap();
    let ranking = assess(&p.assessment_inputs(RequestId(1)).unwrap()).unwrap();

    let mut rd = csv::Reader::from_path(&out).unwrap();
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        &header[..10],
        [
            "rank",
            "tied",
            "candidate",
            "vendor",
            "score_points",
            "score_low_points",
            "score_high_points",
            "unconfirmed",
            "quoted_total",
            "currency"
        ]
    );
    assert_eq!(header.len(), 10 + ranking.criteria.len());
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), ranking.candidates.len());
    for (row, c) in rows.iter().zip(&ranking.candidates) {
        assert_eq!(row[0].parse::<u32>().unwrap(), c.rank.unwrap());
        assert_eq!(&row[2], c.label);
        let score: f64 = row[4].parse().unwrap();
        assert!((score - c.score.unwrap() * 100.0).abs() <= 0.05 + 1e-9);
        assert_eq!(Some(&row[4]), c.score_shown.as_deref());
        assert_eq!(Some(&row[5]), c.score_low_shown.as_deref());
        assert_eq!(Some(&row[6]), c.score_high_shown.as_deref());
        // The quoted total is an exact decimal, not a float.
        let quoted: Decimal = row[8].parse().unwrap();
        assert_eq!(quoted, c.quoted_total.amount.round_dp(2));
        assert_eq!(&row[9], "USD");
        // Each contribution rounded on its own: within rounding of the score.
        let sum: f64 = (10..row.len())
            .map(|k| row[k].parse::<f64>().unwrap())
            .sum();
        assert!((sum - score).abs() <= 0.05 * (row.len() - 10) as f64 + 1e-9);
    }
}

#[test]
fn other_extensions_are_refused_by_name() {
    let d = demo();
    let out = d.dir.join("ranking.ods");
    let o = export(&d, "1", &out);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("'.ods' is not an export format"), "{err}");
    assert!(!out.exists());
    let o = export(&d, "1", &d.dir.join("missing-dir").join("r.xlsx"));
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing-dir"));
}

#[test]
fn the_compatibility_sheet_holds_the_engines_scores_and_gaps() {
    let d = demo();
    let out = d.dir.join("request.xlsx");
    let o = export(&d, "1", &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let p = Portfolio::open(&d.portfolio).unwrap();
    let report =
        caliper_models::assessment::compatibility(&p.assessment_inputs(RequestId(1)).unwrap());
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let r = wb.worksheet_range("Compatibility").unwrap();
    assert_eq!(text(&r, 3, 1), "EHR integration");
    for (i, c) in report.candidates.iter().enumerate() {
        let row = 4 + i as u32;
        assert_eq!(text(&r, row, 0), c.label);
        for (col, &area) in (1u32..).zip(<caliper_models::compat::Area as Choice>::VALUES) {
            assert_eq!(number(&r, row, col), c.score(area).unwrap());
        }
        assert_eq!(number(&r, row, 4), f64::from(c.blocking));
        cents_close(number(&r, row, 8), c.remediation_total);
    }
    // Every gap is listed with its message and source.
    let bw = report
        .candidates
        .iter()
        .find(|c| c.label.starts_with("Brightwater"))
        .unwrap();
    for g in bw.gaps() {
        let row = find_row(&r, &[&bw.label, g.area.label(), &g.title]);
        assert_eq!(text(&r, row, 5), g.message);
        assert_eq!(text(&r, row, 6), g.source);
    }
}

/// One rounding rule: the CLI table, the CSV, the workbook and the PDF print the same
/// digits for every score and contribution (the engine's shown text).
#[test]
fn cli_pdf_csv_and_workbook_print_the_same_digits() {
    let d = demo();
    let p = Portfolio::open(&d.portfolio).unwrap();
    for request in ["1", "2"] {
        let id = RequestId(request.parse().unwrap());
        let ranking = assess(&p.assessment_inputs(id).unwrap()).unwrap();

        // The CLI table: each criterion's row holds the candidates' contributions.
        let o = caliper(&[
            "rank",
            "--portfolio",
            d.portfolio.to_str().unwrap(),
            "--request",
            request,
        ]);
        assert!(o.status.success());
        let table = String::from_utf8_lossy(&o.stdout).into_owned();
        for (i, crit) in ranking.criteria.iter().enumerate() {
            let line = table
                .lines()
                .find(|l| l.starts_with(&crit.name))
                .unwrap_or_else(|| panic!("{} missing: {table}", crit.name));
            let cli: Vec<&str> = line[40..]
                .split_whitespace()
                .skip(1)
                .map(|t| t.trim_end_matches(['!', '?']))
                .filter(|t| !t.is_empty())
                .collect();
            let engine: Vec<String> = ranking
                .candidates
                .iter()
                .map(|c| c.cells[i].contribution_shown.clone().unwrap())
                .collect();
            assert_eq!(cli, engine, "{line}");
        }

        // The CSV.
        let out = d.dir.join(format!("ranking-{request}.csv"));
        assert!(export(&d, request, &out).status.success());
        let mut rd = csv::Reader::from_path(&out).unwrap();
        for (row, c) in rd.records().map(|r| r.unwrap()).zip(&ranking.candidates) {
            assert_eq!(Some(&row[4]), c.score_shown.as_deref());
            for (k, cell) in c.cells.iter().enumerate() {
                assert_eq!(Some(&row[10 + k]), cell.contribution_shown.as_deref());
            }
        }

        // The workbook's cells hold the shown figures.
        let out = d.dir.join(format!("request-{request}.xlsx"));
        assert!(export(&d, request, &out).status.success());
        let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
        let sheet = wb.worksheet_range("Ranking").unwrap();
        for c in &ranking.candidates {
            let (h, _) = sheet.end().unwrap();
            let row = (0..=h).find(|r| text(&sheet, *r, 1) == c.label).unwrap();
            assert_eq!(
                format!("{:.1}", number(&sheet, row, 3)),
                c.score_shown.clone().unwrap()
            );
            for (k, cell) in c.cells.iter().enumerate() {
                assert_eq!(
                    format!("{:.1}", number(&sheet, row, 5 + k as u32)),
                    cell.contribution_shown.clone().unwrap()
                );
            }
        }

        // The PDF: each criterion's row of the contributions table reads the same digits.
        if !caliper_tests::have_tools(
            "cli_pdf_csv_and_workbook_print_the_same_digits",
            &["pdftotext"],
        ) {
            continue;
        }
        let pdf = d.dir.join(format!("brief-{request}.pdf"));
        let o = caliper(&[
            "brief",
            "--portfolio",
            d.portfolio.to_str().unwrap(),
            "--request",
            request,
            "--out",
            pdf.to_str().unwrap(),
            "--as-of",
            "2026-11-25",
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let text = std::process::Command::new("pdftotext")
            .arg("-layout")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&text.stdout).into_owned();
        let eligible: Vec<_> = ranking
            .candidates
            .iter()
            .filter(|c| !c.disqualified)
            .collect();
        for (i, crit) in ranking.criteria.iter().enumerate() {
            let expected: Vec<String> = eligible
                .iter()
                .map(|c| c.cells[i].contribution_shown.clone().unwrap())
                .collect();
            // A long criterion name wraps: its row starts with the name's first words.
            let found = text.lines().any(|l| {
                let l = l.trim_start();
                let Some((name, rest)) = l.split_once("  ") else {
                    return false;
                };
                let tokens: Vec<&str> = rest
                    .split_whitespace()
                    .filter(|t| *t != "?" && *t != "!" && *t != "%")
                    .skip(1)
                    .collect();
                !name.is_empty() && crit.name.starts_with(name.trim()) && tokens == expected
            });
            assert!(
                found,
                "PDF row of {} should read {expected:?}:\n{text}",
                crit.name
            );
        }
    }
}
