//! A request built with the command line only: a new portfolio, its facility and
//! department, a request from the criteria template, candidates with their quotes,
//! evaluators, scores and weights; ranked, exported as one JSON document and imported
//! into another new portfolio with the same ranking. Bad input is refused naming the
//! field, and leaves the file as it was.

use std::path::Path;

use caliper_tests::{refused, run_json, run_ok};
use serde_json::Value;

fn id(v: &Value) -> String {
    v["id"].as_u64().unwrap().to_string()
}

const AS_OF: &str = "2026-05-01";

/// Manufacturer, model, unit price, quoted quantity, FDA code, and the two evaluators'
/// score on every judged criterion.
type Quote = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    [u8; 2],
);

const CANDIDATES: [Quote; 3] = [
    ("Halden Medical", "Aeris 7", "41500.00", "12", "BSZ", [4, 5]),
    ("Corvant", "Vapora AX", "38900", "12", "BSZ", [3, 4]),
    ("Lumenfield", "Anesta S", "36,200.00", "8", "", [3, 3]),
];

/// Builds the anesthesia request in `p`, command by command; returns the request id.
fn build(p: &str, dir: &Path) -> String {
    run_ok(&["new", p]);
    let facility = id(&run_json(&[
        "facility",
        "add",
        "--portfolio",
        p,
        "--name",
        "Lakeside Hospital",
        "--json",
    ]));
    let department = id(&run_json(&[
        "department",
        "add",
        "--portfolio",
        p,
        "--facility",
        &facility,
        "--name",
        "Anesthesiology",
        "--cost-center",
        "7120",
        "--json",
    ]));
    let request = id(&run_json(&[
        "request",
        "add",
        "--portfolio",
        p,
        "--facility",
        &facility,
        "--department",
        &department,
        "--title",
        "Replace 12 anesthesia machines",
        "--quantity",
        "12",
        "--fiscal-year",
        "2027",
        "--type",
        "replacement",
        "--json",
    ]));
    let evaluators: Vec<String> = ["Dr. Imani Reyes", "Tomas Berg"]
        .iter()
        .map(|name| {
            id(&run_json(&[
                "evaluator",
                "add",
                "--portfolio",
                p,
                "--name",
                name,
                "--json",
            ]))
        })
        .collect();
    let tree = run_json(&[
        "criteria",
        "--portfolio",
        p,
        "--request",
        &request,
        "--json",
    ]);
    let criteria: Vec<&Value> = tree["categories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|k| k["criteria"].as_array().unwrap())
        .collect();
    let cost = dir.join("cost.json");
    std::fs::write(
        &cost,
        r#"{"unit_price": "0", "quantity": 1, "installation": "24000", "service_annual": "30000", "expected_life_years": 10}"#,
    )
    .unwrap();
    for (i, (manufacturer, model, price, quantity, code, scores)) in CANDIDATES.iter().enumerate() {
        let candidate = id(&run_json(&[
            "candidate",
            "add",
            "--portfolio",
            p,
            "--request",
            &request,
            "--manufacturer",
            manufacturer,
            "--model",
            model,
            "--unit-price",
            price,
            "--quantity",
            quantity,
            "--fda-code",
            code,
            "--quote-date",
            "2026-03-02",
            "--valid-until",
            if i == 1 { "2026-04-15" } else { "2026-08-31" },
            "--json",
        ]));
        for c in criteria.iter().filter(|c| c["kind"] == "judged") {
            for (e, score) in evaluators.iter().zip(scores) {
                run_ok(&[
                    "score",
                    "set",
                    "--portfolio",
                    p,
                    "--evaluator",
                    e,
                    "--candidate",
                    &candidate,
                    "--criterion",
                    &c["id"].to_string(),
                    "--score",
                    &score.to_string(),
                ]);
            }
        }
        run_ok(&[
            "device-profile",
            "--portfolio",
            p,
            "--candidate",
            &candidate,
            "--set",
            "docs/examples/device-profile.json",
        ]);
        run_ok(&[
            "cost-model",
            "--portfolio",
            p,
            "--candidate",
            &candidate,
            "--set",
            cost.to_str().unwrap(),
        ]);
    }
    // The committee's weights by category, from `caliper weights`.
    let evaluator_weights = dir.join("weights-input.json");
    std::fs::write(
        &evaluator_weights,
        r#"{"labels": ["Clinical effectiveness", "EHR and network compatibility", "Lifecycle cost", "Vendor and service"],
            "evaluators": [{"name": "Reyes", "weights": [45, 15, 25, 15]}, {"name": "Berg", "weights": [35, 20, 35, 10]}]}"#,
    )
    .unwrap();
    let combined = dir.join("weights.json");
    std::fs::write(
        &combined,
        run_ok(&["weights", "--input", evaluator_weights.to_str().unwrap()]),
    )
    .unwrap();
    run_ok(&[
        "weights",
        "apply",
        "--portfolio",
        p,
        "--request",
        &request,
        "--input",
        combined.to_str().unwrap(),
    ]);
    request
}

/// Order, labels, ranks and shown scores: what must survive an export and import.
fn ranking_of(p: &str, request: &str) -> Vec<(String, Value, Value)> {
    let r = run_json(&[
        "rank",
        "--portfolio",
        p,
        "--request",
        request,
        "--as-of",
        AS_OF,
        "--json",
    ]);
    r["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["label"].as_str().unwrap().to_string(),
                c["rank"].clone(),
                c["score_shown"].clone(),
            )
        })
        .collect()
}

#[test]
fn a_request_built_on_the_command_line_round_trips_as_a_document() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.caliper");
    let p = first.to_str().unwrap();
    let request = build(p, dir.path());

    let ranking = ranking_of(p, &request);
    assert_eq!(ranking.len(), 3);
    assert!(
        ranking.iter().all(|(_, rank, _)| rank.is_u64()),
        "{ranking:?}"
    );

    let doc = dir.path().join("request.json");
    run_ok(&[
        "request",
        "export",
        "--portfolio",
        p,
        "--request",
        &request,
        "--out",
        doc.to_str().unwrap(),
    ]);
    let second = dir.path().join("second.caliper");
    let q = second.to_str().unwrap();
    run_ok(&["new", q]);
    let imported = id(&run_json(&[
        "request",
        "import",
        "--portfolio",
        q,
        "--input",
        doc.to_str().unwrap(),
        "--json",
    ]));
    assert_eq!(ranking_of(q, &imported), ranking);
    // The document reads back the same from the imported copy.
    let again = run_json(&[
        "request",
        "export",
        "--portfolio",
        q,
        "--request",
        &imported,
    ]);
    let original: Value = serde_json::from_str(&std::fs::read_to_string(&doc).unwrap()).unwrap();
    assert_eq!(again, original);
}

#[test]
fn quote_warnings_reach_the_ranking_and_the_brief() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.caliper");
    let p = file.to_str().unwrap();
    let request = build(p, dir.path());
    let r = run_json(&[
        "rank",
        "--portfolio",
        p,
        "--request",
        &request,
        "--as-of",
        AS_OF,
        "--json",
    ]);
    let kinds = |label: &str| -> Vec<String> {
        r["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["label"] == label)
            .unwrap()["quote_warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["kind"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(kinds("Halden Medical Aeris 7"), Vec::<String>::new());
    assert_eq!(kinds("Corvant Vapora AX"), ["expired"]);
    assert_eq!(
        kinds("Lumenfield Anesta S"),
        ["quantity_mismatch", "missing_fda_code"]
    );
    let table = run_ok(&[
        "rank",
        "--portfolio",
        p,
        "--request",
        &request,
        "--as-of",
        AS_OF,
    ]);
    assert!(
        table.contains("quoted for 8 units, the request is for 12"),
        "{table}"
    );
    let list = run_ok(&[
        "candidate",
        "list",
        "--portfolio",
        p,
        "--request",
        &request,
        "--as-of",
        AS_OF,
    ]);
    assert!(list.contains("the quote expired on 2026-04-15"), "{list}");

    if !caliper_tests::have_tools(
        "quote_warnings_reach_the_ranking_and_the_brief",
        &["pdftotext"],
    ) {
        return;
    }
    let pdf = dir.path().join("brief.pdf");
    run_ok(&[
        "brief",
        "--portfolio",
        p,
        "--request",
        &request,
        "--as-of",
        AS_OF,
        "--out",
        pdf.to_str().unwrap(),
    ]);
    let o = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "Halden Medical Aeris 7: quoted 2026-03-02, valid until 2026-08-31; 12 units; FDA product code BSZ",
        "quoted for 8 units, the request is for 12",
        "the quote expired on 2026-04-15",
        "no FDA product code",
    ] {
        assert!(text.contains(expected), "the brief lacks '{expected}': {text}");
    }
}

#[test]
fn bad_input_is_refused_naming_the_field_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.caliper");
    let p = file.to_str().unwrap();
    let request = build(p, dir.path());
    let f = |args: &[&str]| refused(&file, args);
    assert!(f(&[
        "facility",
        "add",
        "--portfolio",
        p,
        "--name",
        "Lakeside Hospital"
    ])
    .contains("name: a facility named"));
    assert!(f(&[
        "department",
        "add",
        "--portfolio",
        p,
        "--facility",
        "1",
        "--name",
        "Anesthesiology"
    ])
    .contains("name:"));
    let other = id(&run_json(&[
        "facility",
        "add",
        "--portfolio",
        p,
        "--name",
        "Northgate Clinic",
        "--json",
    ]));
    let before_request = std::fs::read(&file).unwrap();
    let msg = f(&[
        "request",
        "add",
        "--portfolio",
        p,
        "--facility",
        &other,
        "--department",
        "1",
        "--title",
        "X",
        "--quantity",
        "2",
        "--fiscal-year",
        "2027",
    ]);
    assert!(
        msg.contains("department: department 1 (Anesthesiology) belongs to facility 1"),
        "{msg}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), before_request);
    for (score, expected) in [
        ("0", "score: 0 is not on the scale"),
        ("6", "score: 6 is not on the scale"),
        ("4-5", "score: '4-5' is not a score"),
    ] {
        let msg = f(&[
            "score",
            "set",
            "--portfolio",
            p,
            "--evaluator",
            "1",
            "--candidate",
            "1",
            "--criterion",
            "1",
            "--score",
            score,
        ]);
        assert!(msg.contains(expected), "{msg}");
    }
    let msg = f(&[
        "candidate",
        "add",
        "--portfolio",
        p,
        "--request",
        &request,
        "--manufacturer",
        "Halden Medical",
        "--model",
        "Aeris 9",
        "--unit-price",
        "1000",
        "--quantity",
        "12",
        "--quote-date",
        "2026-03-01",
        "--valid-until",
        "2026-02-01",
    ]);
    assert!(
        msg.contains("valid_until: 2026-02-01 is before the quote's date 2026-03-01"),
        "{msg}"
    );
    let msg = f(&[
        "candidate",
        "add",
        "--portfolio",
        p,
        "--request",
        &request,
        "--manufacturer",
        "halden medical",
        "--model",
        "AERIS 7",
        "--unit-price",
        "1000",
        "--quantity",
        "12",
    ]);
    assert!(msg.contains("model:"), "{msg}");
    let msg = f(&["candidate", "remove", "--portfolio", p, "--candidate", "1"]);
    assert!(msg.contains("scores") && msg.contains("confirm"), "{msg}");

    // A document with a bad quote and a bad score: refused whole, naming the field.
    let doc = dir.path().join("doc.json");
    run_ok(&[
        "request",
        "export",
        "--portfolio",
        p,
        "--request",
        &request,
        "--out",
        doc.to_str().unwrap(),
    ]);
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&doc).unwrap()).unwrap();
    v["candidates"][2]["quote"]["unit_price"] = "twelve".into();
    std::fs::write(&doc, v.to_string()).unwrap();
    let msg = f(&[
        "request",
        "import",
        "--portfolio",
        p,
        "--input",
        doc.to_str().unwrap(),
    ]);
    assert!(msg.contains("candidates[2].quote.unit_price"), "{msg}");
    v["candidates"][2]["quote"]["unit_price"] = "100".into();
    v["candidates"][1]["scores"][0]["score"] = 6.into();
    std::fs::write(&doc, v.to_string()).unwrap();
    let msg = f(&[
        "request",
        "import",
        "--portfolio",
        p,
        "--input",
        doc.to_str().unwrap(),
    ]);
    assert!(
        msg.contains("candidates[1].scores[0].score: 6 is not on the scale"),
        "{msg}"
    );
    std::fs::write(&doc, format!("{v} {{}}")).unwrap();
    let msg = f(&[
        "request",
        "import",
        "--portfolio",
        p,
        "--input",
        doc.to_str().unwrap(),
    ]);
    assert!(msg.contains("trailing characters"), "{msg}");
}

#[test]
fn facilities_departments_and_evaluators_are_renamed_and_removed_naming_what_depends_on_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.caliper");
    let p = file.to_str().unwrap();
    let request = build(p, dir.path());
    let renamed = run_json(&[
        "facility",
        "edit",
        "--portfolio",
        p,
        "--facility",
        "1",
        "--name",
        "Lakeside General",
        "--json",
    ]);
    assert_eq!(renamed["name"], "Lakeside General");
    let department = run_json(&[
        "department",
        "edit",
        "--portfolio",
        p,
        "--department",
        "1",
        "--name",
        "Anesthesia",
        "--cost-center",
        "7121",
        "--json",
    ]);
    assert_eq!(department["cost_center"], "7121");

    let err = refused(
        &file,
        &["facility", "remove", "--portfolio", p, "--facility", "1"],
    );
    assert!(
        err.contains("facility 1 has 1 department: remove or move them first"),
        "{err}"
    );
    let err = refused(
        &file,
        &[
            "department",
            "remove",
            "--portfolio",
            p,
            "--department",
            "1",
        ],
    );
    assert!(
        err.contains("department 1 has 1 request: remove them first"),
        "{err}"
    );
    let err = refused(
        &file,
        &["evaluator", "remove", "--portfolio", p, "--evaluator", "2"],
    );
    assert!(
        err.contains("evaluator 2 has given") && err.contains("confirm"),
        "{err}"
    );

    run_ok(&[
        "evaluator",
        "remove",
        "--portfolio",
        p,
        "--evaluator",
        "2",
        "--yes",
    ]);
    let scores = run_json(&[
        "score",
        "list",
        "--portfolio",
        p,
        "--request",
        &request,
        "--json",
    ]);
    assert!(scores
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["evaluator_id"] == 1));
    run_ok(&[
        "request",
        "remove",
        "--portfolio",
        p,
        "--request",
        &request,
        "--yes",
    ]);
    run_ok(&[
        "department",
        "remove",
        "--portfolio",
        p,
        "--department",
        "1",
    ]);
    run_ok(&["facility", "remove", "--portfolio", p, "--facility", "1"]);
    assert_eq!(
        run_json(&["facility", "list", "--portfolio", p, "--json"]),
        serde_json::json!([])
    );
}

#[test]
fn criteria_are_added_edited_and_removed_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.caliper");
    let p = file.to_str().unwrap();
    let request = build(p, dir.path());
    let category = run_json(&[
        "category",
        "add",
        "--portfolio",
        p,
        "--request",
        &request,
        "--name",
        "Infection control",
        "--json",
    ]);
    let anchors = [
        "Hard to clean",
        "Cleanable with effort",
        "Cleanable",
        "Easy",
        "Sealed, wipeable",
    ];
    let mut args = vec![
        "criterion".to_string(),
        "add".into(),
        "--portfolio".into(),
        p.into(),
        "--category".into(),
        category["id"].to_string(),
        "--name".into(),
        "Cleanability".into(),
        "--weight".into(),
        "5".into(),
        "--json".into(),
    ];
    for a in anchors {
        args.extend(["--anchor".to_string(), a.to_string()]);
    }
    let added = run_json(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(added["kind"], "judged");
    assert_eq!(added["anchors"][4], "Sealed, wipeable");
    let id = added["id"].to_string();
    let edited = run_json(&[
        "criterion",
        "edit",
        "--portfolio",
        p,
        "--criterion",
        &id,
        "--weight",
        "7.5",
        "--description",
        "Surfaces and seams",
        "--json",
    ]);
    assert_eq!(
        (edited["weight"].as_f64(), edited["name"].as_str()),
        (Some(7.5), Some("Cleanability"))
    );
    let err = refused(
        &file,
        &[
            "criterion",
            "edit",
            "--portfolio",
            p,
            "--criterion",
            &id,
            "--direction",
            "sideways",
        ],
    );
    assert!(
        err.contains("direction: 'sideways' is not one of: benefit, cost"),
        "{err}"
    );
    let err = refused(
        &file,
        &[
            "criterion",
            "edit",
            "--portfolio",
            p,
            "--criterion",
            &id,
            "--kind",
            "measured",
        ],
    );
    assert!(err.contains("unit"), "{err}");
    // A judged criterion with scores goes only with --yes.
    let tree = run_json(&[
        "criteria",
        "--portfolio",
        p,
        "--request",
        &request,
        "--json",
    ]);
    let scored = tree["categories"][0]["criteria"][0]["id"].to_string();
    let err = refused(
        &file,
        &[
            "criterion",
            "remove",
            "--portfolio",
            p,
            "--criterion",
            &scored,
        ],
    );
    assert!(
        err.contains("scores or values that would be removed with it"),
        "{err}"
    );
    run_ok(&[
        "criterion",
        "remove",
        "--portfolio",
        p,
        "--criterion",
        &scored,
        "--yes",
    ]);
    run_ok(&["criterion", "remove", "--portfolio", p, "--criterion", &id]);
    let after = run_json(&[
        "criteria",
        "--portfolio",
        p,
        "--request",
        &request,
        "--json",
    ]);
    let ids: Vec<String> = after["categories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|k| {
            k["criteria"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["id"].to_string())
        })
        .collect();
    assert!(!ids.contains(&scored) && !ids.contains(&id), "{ids:?}");
}
