//! The committee's decision through the CLI: `caliper decide` refuses what a committee
//! record must not say (naming the field, changing nothing), records an approval that
//! overrules the ranking with its reason, and the brief prints it in its Decision section.

use std::path::Path;

use caliper_tests::{caliper_in, caliper_ok as ok};

/// The ranking's first and second candidates' ids.
fn first_two(dir: &Path) -> (String, String) {
    let ranking: serde_json::Value = serde_json::from_str(&ok(
        dir,
        &[
            "rank",
            "--portfolio",
            "p.caliper",
            "--request",
            "1",
            "--json",
        ],
    ))
    .unwrap();
    let id = |i: usize| ranking["candidates"][i]["candidate_id"].to_string();
    (id(0), id(1))
}

#[test]
fn bad_decisions_are_refused_by_field_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["demo", "p.caliper"]);
    let (first, second) = first_two(d);
    let base = [
        "decide",
        "--portfolio",
        "p.caliper",
        "--request",
        "1",
        "--date",
        "2026-11-18",
    ];
    let bytes = std::fs::read(d.join("p.caliper")).unwrap();
    for (extra, says) in [
        (
            vec!["--outcome", "approved"],
            "candidate_id: an approval names the chosen candidate",
        ),
        (
            vec!["--outcome", "approved", "--candidate", &second],
            "rationale: the committee chose",
        ),
        (
            vec!["--outcome", "approved", "--candidate", "999"],
            "candidate_id: candidate 999 is not a candidate of this request",
        ),
        (
            vec!["--outcome", "deferred", "--rationale", "No budget"],
            "deferred_to: a deferred request names the fiscal year",
        ),
        (
            vec![
                "--outcome",
                "deferred",
                "--rationale",
                "No budget",
                "--deferred-to",
                "2026",
            ],
            "deferred_to: FY2026 is not a later fiscal year",
        ),
        (
            vec!["--outcome", "rejected"],
            "rationale: say why the request is rejected",
        ),
        (
            vec![
                "--outcome",
                "rejected",
                "--candidate",
                &first,
                "--rationale",
                "x",
            ],
            "candidate_id: a candidate is chosen only when the request is approved",
        ),
        (
            vec![
                "--outcome",
                "approved",
                "--candidate",
                &first,
                "--votes",
                "4-5",
            ],
            "votes: '4-5' is not FOR,AGAINST,ABSTAIN",
        ),
        (
            vec![
                "--outcome",
                "approved",
                "--candidate",
                &first,
                "--attendee",
                "a\u{7}b",
            ],
            "attendees[0]: must be one line",
        ),
        (
            vec!["--outcome", "maybe"],
            "outcome: 'maybe' is not approved, deferred or rejected",
        ),
    ] {
        let mut args: Vec<&str> = base.to_vec();
        args.extend(extra.iter().copied());
        let o = caliper_in(d, &args);
        assert!(!o.status.success(), "{extra:?} was accepted");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(says), "{extra:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    assert_eq!(std::fs::read(d.join("p.caliper")).unwrap(), bytes);
    assert!(
        !d.join("p.caliper.backups").exists(),
        "a refused decision makes no backup"
    );
}

#[test]
fn an_overruling_approval_is_recorded_and_printed_in_the_brief() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["demo", "p.caliper"]);
    let (_, second) = first_two(d);
    let said = ok(
        d,
        &[
            "decide",
            "--portfolio",
            "p.caliper",
            "--request",
            "1",
            "--outcome",
            "approved",
            "--date",
            "2026-11-18",
            "--candidate",
            &second,
            "--rationale",
            "Fleet standardisation with the step-down unit.",
            "--votes",
            "5,2,1",
            "--condition",
            "Encryption at rest by go-live",
            "--attendee",
            "CFO A. Chen",
            "--attendee",
            "CNO R. Patel",
            "--by",
            "J. Rivera",
        ],
    );
    assert!(said.contains("(the ranking's first was "), "{said}");

    let history: serde_json::Value = serde_json::from_str(&ok(
        d,
        &[
            "history",
            "--portfolio",
            "p.caliper",
            "--request",
            "1",
            "--json",
        ],
    ))
    .unwrap();
    let decision = &history["decisions"][0];
    assert_eq!(decision["outcome"], "approved");
    assert_eq!(decision["overrules_ranking"], true);
    assert_eq!(
        decision["votes"],
        serde_json::json!({"for": 5, "against": 2, "abstain": 1})
    );
    assert_eq!(decision["recorded_by"], "J. Rivera");
    let changes: Vec<&str> = history["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["change"].as_str().unwrap())
        .collect();
    assert_eq!(changes[0], "Status: In assessment → Approved");
    let requests: serde_json::Value =
        serde_json::from_str(&ok(d, &["requests", "--portfolio", "p.caliper", "--json"])).unwrap();
    assert_eq!(requests[0]["request"]["status"], "approved");

    if !caliper_tests::have_tools(
        "an_overruling_approval_is_recorded_and_printed_in_the_brief",
        &["pdftotext"],
    ) {
        return;
    }
    ok(
        d,
        &[
            "brief",
            "--portfolio",
            "p.caliper",
            "--request",
            "1",
            "--out",
            "b.pdf",
            "--as-of",
            "2026-11-20",
        ],
    );
    let text = std::process::Command::new("pdftotext")
        .args([d.join("b.pdf").to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).replace('\n', " ");
    let chosen = decision["candidate"].as_str().unwrap();
    for expected in [
        "7 Decision",
        "Approved on 2026-11-18",
        "Fleet standardisation with the step-down unit.",
        "5 for, 2 against, 1 abstaining",
        "Encryption at rest by go-live",
        "CFO A. Chen, CNO R. Patel",
        "not the top-ranked candidate",
        "the committee chose otherwise",
    ] {
        assert!(text.contains(expected), "the brief lacks {expected:?}");
    }
    assert!(
        text.contains(&format!("The committee approved {chosen}")),
        "{chosen}"
    );
    assert!(!text.contains("The request is approved."));
}
