//! Hostile or careless input and output: a reader that closes the pipe early, JSON with
//! data after the document, endless and oversized files, MDS2 workbooks whose cells
//! span the whole sheet, control characters in names, and requests or rule tables that
//! do not exist or are empty. Through the CLI as a process.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use caliper_tests::{caliper, caliper_bin, repo_root};

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The CLI with `args`, its address space limited to 1 GiB and killed after `limit`:
/// returns its exit status (None when killed by a signal) and its stderr.
fn bounded(args: &[&str], limit: Duration) -> (Option<i32>, String) {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -v 1048576 && exec "$0" "$@""#)
        .arg(caliper_bin())
        .args(args)
        .current_dir(repo_root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("caliper {args:?} ran longer than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (status.code(), err)
}

/// A weighted-sum problem with `n` alternatives: its ranking is far larger than a pipe's
/// buffer.
fn large_problem(n: usize) -> String {
    let alternatives: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{ "id": "a{i}", "name": "Alternative {i}", "values": {{ "clinical": {}, "cost": {} }} }}"#,
                1 + i % 5,
                1000 + i
            )
        })
        .collect();
    format!(
        r#"{{ "method": "weighted_sum", "criteria": [
            {{ "id": "clinical", "name": "Clinical", "weight": 60, "direction": "benefit", "scale": {{ "min": 1, "max": 5 }} }},
            {{ "id": "cost", "name": "Cost", "weight": 40, "direction": "cost" }}
        ], "alternatives": [{}] }}"#,
        alternatives.join(",\n")
    )
}

#[test]
fn a_reader_closing_the_pipe_early_ends_the_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("large.json");
    std::fs::write(&file, large_problem(3000)).unwrap();
    let args = ["rank", "--input", file.to_str().unwrap(), "--json"];
    let mut child = Command::new(caliper_bin())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 512];
    let n = stdout.read(&mut first).unwrap();
    assert!(n > 0, "caliper {args:?} printed nothing");
    drop(stdout); // `| head -c 512`
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.to_lowercase().contains("broken pipe"), "{err}");
    assert_eq!(out.status.code(), Some(0), "caliper {args:?}: {err}");
}

#[test]
fn data_after_a_json_document_is_refused_naming_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let problem =
        std::fs::read_to_string(repo_root().join("docs/examples/problem-weighted-sum.json"))
            .unwrap();
    let file = dir.path().join("two.json");
    std::fs::write(&file, format!("{}\n{{}}\n", problem.trim_end())).unwrap();
    let lines = problem.trim_end().lines().count();
    let o = caliper(&["rank", "--input", file.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains(&format!(
            "two.json:{}:1: trailing characters after the JSON document",
            lines + 1
        )),
        "{}",
        stderr(&o)
    );
    // The same through every other JSON input (here `ahp --input`).
    let ahp =
        std::fs::read_to_string(repo_root().join("docs/examples/ahp-categories.json")).unwrap();
    let file = dir.path().join("ahp.json");
    std::fs::write(&file, format!("{ahp} ]")).unwrap();
    let o = caliper(&["ahp", "--input", file.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("ahp.json:") && stderr(&o).contains("trailing characters"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn endless_and_oversized_json_inputs_are_refused() {
    let (code, err) = bounded(
        &["rank", "--input", "/dev/zero", "--json"],
        Duration::from_secs(30),
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("/dev/zero is larger than 64 MiB"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(65 * 1024 * 1024).unwrap(); // sparse: nothing written
    let (code, err) = bounded(
        &["ahp", "--input", big.to_str().unwrap()],
        Duration::from_secs(30),
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("big.json is larger than 64 MiB"), "{err}");
}

#[test]
fn a_workbook_using_the_last_cell_of_the_sheet_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let far = dir.path().join("far.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Form").unwrap();
    sheet.write_string(0, 0, "MDS2").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap(); // XFD1048576
    book.save(&far).unwrap();
    assert!(std::fs::metadata(&far).unwrap().len() < 20_000);
    let (code, err) = bounded(
        &["mds2", "parse", far.to_str().unwrap()],
        Duration::from_secs(20),
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(
            "far.xlsx: sheet 'Form', cell XFD1048576 is outside the 2000 rows and 50 columns"
        ),
        "{err}"
    );

    let huge = dir.path().join("huge-cell.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "MDS2").unwrap();
    sheet.write_string(3, 2, "é".repeat(20_000)).unwrap(); // 40,000 bytes
    book.save(&huge).unwrap();
    let (code, err) = bounded(
        &["mds2", "parse", huge.to_str().unwrap()],
        Duration::from_secs(20),
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("huge-cell.xlsx: sheet 'Sheet1', cell C4 holds 40000 bytes"),
        "{err}"
    );
}

#[test]
fn csv_forms_beyond_the_line_and_field_limits_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let long = dir.path().join("long.csv");
    std::fs::write(&long, "PAUT-2,Yes\n".repeat(12_000)).unwrap();
    let o = caliper(&["mds2", "parse", long.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("long.csv: has 12000 lines, more than the 10000"),
        "{}",
        stderr(&o)
    );
    let wide = dir.path().join("wide.csv");
    std::fs::write(&wide, format!("PAUT-2,Yes{}\n", ",x".repeat(60))).unwrap();
    let o = caliper(&["mds2", "parse", wide.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("wide.csv: line 1: 62 fields, more than the 50"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn control_characters_in_user_text_reach_the_terminal_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let name = "form\u{1b}[2J\u{7}.csv";
    let file = dir.path().join(name);
    std::fs::copy(
        repo_root().join("tests/fixtures/mds2/aurelia-sx4-export.csv"),
        &file,
    )
    .unwrap();
    let o = caliper(&["mds2", "parse", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.contains(r"form\u{1b}[2J\u{7}.csv (csv)"), "{out}");
}

#[test]
fn a_missing_request_and_an_empty_rule_table_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.caliper");
    let p = demo.to_str().unwrap();
    assert!(caliper(&["demo", p]).status.success());
    let o = caliper(&["mds2", "compare", "--portfolio", p, "--request", "77"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("77"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("capital request 77 does not exist"),
        "{}",
        stderr(&o)
    );

    let empty = dir.path().join("rules.json");
    std::fs::write(&empty, "[]").unwrap();
    let before = caliper(&["compat-rules", "--portfolio", p]);
    assert!(before.status.success());
    let o = caliper(&[
        "compat-rules",
        "--portfolio",
        p,
        "--set",
        empty.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("the rule table is empty"),
        "{}",
        stderr(&o)
    );
    let after = caliper(&["compat-rules", "--portfolio", p]);
    assert_eq!(after.stdout, before.stdout, "the rule table is unchanged");
}
