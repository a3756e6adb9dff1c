//! The `caliper` CLI run as a process, as a user or a script would.

use caliper_tests::{caliper, repo_root};

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn demo_then_rank_prints_a_ranking_with_contributions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.caliper");
    let p = path.to_str().unwrap();
    let o = caliper(&["demo", p]);
    assert!(o.status.success(), "{}", stderr(&o));

    let o = caliper(&["rank", "--portfolio", p, "--request", "1", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["method"], "weighted_sum");
    let candidates = json["candidates"].as_array().unwrap();
    assert_eq!(candidates.len(), 4);
    assert_eq!(candidates[0]["rank"], 1);
    let score = candidates[0]["score"].as_f64().unwrap();
    let contributions: f64 = candidates[0]["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["contribution"].as_f64().unwrap())
        .sum();
    assert!((score - contributions).abs() < 1e-9);
    assert_eq!(candidates[0]["quoted_total"]["amount"], "876000.00");

    let o = caliper(&["rank", "--portfolio", p, "--request", "1"]);
    assert!(o.status.success());
    let table = stdout(&o);
    assert!(table.contains("Aurelia Devices Sentinel X4"), "{table}");
    assert!(table.contains("Lifecycle cost"), "{table}");

    // Writing the demo over an existing file needs --force.
    let o = caliper(&["demo", p]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
}

#[test]
fn rank_input_prints_json_for_the_documented_example() {
    let example = repo_root().join("docs/examples/problem-weighted-sum.json");
    let o = caliper(&["rank", "--input", example.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let alts = json["alternatives"].as_array().unwrap();
    assert!(alts.len() >= 3);
    assert_eq!(alts[0]["rank"], 1);
    assert!(alts[0]["contributions"].as_object().unwrap().len() >= 3);
}

#[test]
fn errors_go_to_stderr_with_a_non_zero_exit_naming_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let check = |args: &[&str], fragment: &str| {
        let o = caliper(args);
        assert!(!o.status.success(), "{args:?} should fail");
        assert!(stdout(&o).is_empty(), "nothing on stdout for a failure");
        let err = stderr(&o);
        assert!(
            err.contains(fragment),
            "{args:?}: '{err}' should contain '{fragment}'"
        );
    };

    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\n  \"criteria\": [\n    {\"id\": \"price\", \"weight\": 1, \"direction\": \"cost\"},\n  ]\n}").unwrap();
    check(&["rank", "--input", bad.to_str().unwrap()], "bad.json:4:");

    let unknown = dir.path().join("unknown.json");
    std::fs::write(
        &unknown,
        r#"{"criteria":[{"id":"price","weight":1,"direction":"cost"}],"alternatives":[{"id":"A","values":{"prise":10}}]}"#,
    )
    .unwrap();
    check(
        &["rank", "--input", unknown.to_str().unwrap()],
        "alternatives[0].values.prise",
    );

    let negative = dir.path().join("negative.json");
    std::fs::write(
        &negative,
        r#"{"criteria":[{"id":"price","weight":-0.5,"direction":"cost"}],"alternatives":[{"id":"A","values":{"price":10}}]}"#,
    )
    .unwrap();
    check(
        &["rank", "--input", negative.to_str().unwrap()],
        "criteria[0].weight",
    );

    check(
        &["rank", "--input", "/nonexistent/problem.json"],
        "/nonexistent/problem.json",
    );

    let text = dir.path().join("notes.caliper");
    std::fs::write(&text, "not a portfolio").unwrap();
    check(
        &[
            "rank",
            "--portfolio",
            text.to_str().unwrap(),
            "--request",
            "1",
        ],
        "is not a Caliper portfolio",
    );

    let demo = dir.path().join("demo.caliper");
    assert!(caliper(&["demo", demo.to_str().unwrap()]).status.success());
    check(
        &[
            "rank",
            "--portfolio",
            demo.to_str().unwrap(),
            "--request",
            "99",
        ],
        "capital request 99 does not exist",
    );
    check(
        &[
            "rank",
            "--portfolio",
            demo.to_str().unwrap(),
            "--request",
            "3",
        ],
        "no candidates",
    );
}
