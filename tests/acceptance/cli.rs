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

#[test]
fn tco_input_prints_the_schedule_and_figures() {
    let example = repo_root().join("docs/examples/costs.json");
    let o = caliper(&["tco", "--input", example.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(json["compare_on"], "eac");
    assert_eq!(json["unequal_lives"], true);
    let vitaview = &json["candidates"][0]["lifecycle"];
    assert_eq!(vitaview["schedule"].as_array().unwrap().len(), 9);
    // Year 0: 18,500 x 40 less 5 % = 703,000, plus installation, integration, training.
    assert_eq!(vitaview["capital"], "780000");
    assert_eq!(vitaview["schedule"][0]["fiscal_year"], 2027);
    let rank = |i: usize| json["candidates"][i]["rank_by_eac"].as_u64().unwrap();
    assert_eq!((rank(0), rank(1)), (1, 2));
}

#[test]
fn the_cli_cost_criterion_follows_a_service_contract_change() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.caliper");
    let p = demo.to_str().unwrap();
    assert!(caliper(&["demo", p]).status.success());
    let lifecycle_value = || {
        let o = caliper(&["rank", "--portfolio", p, "--request", "1", "--json"]);
        let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let i = json["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .position(|c| c["name"] == "Lifecycle cost")
            .unwrap();
        let c = json["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["candidate_id"] == 1)
            .unwrap()
            .clone();
        c["cells"][i]["value"].as_f64().unwrap()
    };
    let before = lifecycle_value();

    let o = caliper(&["cost-model", "--portfolio", p, "--candidate", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut model: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    model["service_annual"] = "99000".into();
    let file = dir.path().join("model.json");
    std::fs::write(&file, model.to_string()).unwrap();
    let o = caliper(&[
        "cost-model",
        "--portfolio",
        p,
        "--candidate",
        "1",
        "--set",
        file.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(lifecycle_value() > before + 20_000.0);

    // A malformed model names the field and changes nothing.
    model["expected_life_years"] = (-3).into();
    std::fs::write(&file, model.to_string()).unwrap();
    let o = caliper(&[
        "cost-model",
        "--portfolio",
        p,
        "--candidate",
        "1",
        "--set",
        file.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("expected_life_years"), "{}", stderr(&o));
    model["expected_life_years"] = 8.into();
    model["annual_uses"] = "lots".into();
    std::fs::write(&file, model.to_string()).unwrap();
    let o = caliper(&[
        "cost-model",
        "--portfolio",
        p,
        "--candidate",
        "1",
        "--set",
        file.to_str().unwrap(),
    ]);
    assert!(stderr(&o).contains("annual_uses"), "{}", stderr(&o));
    assert!(
        lifecycle_value() > before + 20_000.0,
        "the failed updates changed nothing"
    );
}

#[test]
fn tco_errors_name_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let example: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("docs/examples/costs.json")).unwrap(),
    )
    .unwrap();
    let check = |edit: &dyn Fn(&mut serde_json::Value), fragment: &str| {
        let mut v = example.clone();
        edit(&mut v);
        let file = dir.path().join("costs.json");
        std::fs::write(&file, v.to_string()).unwrap();
        let o = caliper(&["tco", "--input", file.to_str().unwrap()]);
        assert!(!o.status.success());
        assert!(
            stderr(&o).contains(fragment),
            "'{}' should contain '{fragment}'",
            stderr(&o)
        );
    };
    check(
        &|v| v["assumptions"]["discount_rate"] = "-1.5".into(),
        "assumptions.discount_rate",
    );
    check(
        &|v| v["assumptions"]["discount_rate"] = "2".into(),
        "assumptions.discount_rate",
    );
    check(
        &|v| v["candidates"][1]["cost_model"]["expected_life_years"] = 0.into(),
        "candidates[1].cost_model.expected_life_years",
    );
    check(
        &|v| v["candidates"][0]["cost_model"]["annual_uses"] = "twelve thousand".into(),
        "candidates[0].cost_model.annual_uses",
    );
    check(
        &|v| v["candidates"][0]["cost_model"]["unit_price"] = "12.345678".into(),
        "unit_price",
    );
    check(
        &|v| v["candidates"][0]["cost_model"]["sevice_annual"] = "1".into(),
        "sevice_annual",
    );
    check(
        &|v| {
            v["candidates"][0]["cost_model"]["unit_price"] = "123456789012345678901234567890".into()
        },
        "unit_price",
    );
    check(
        &|v| {
            v["candidates"][0]["cost_model"]
                .as_object_mut()
                .unwrap()
                .remove("unit_price");
        },
        "unit_price",
    );
}

fn json_of(args: &[&str]) -> serde_json::Value {
    let o = caliper(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

#[test]
fn ahp_prints_weights_consistency_and_the_table_used() {
    let example = repo_root().join("docs/examples/ahp-categories.json");
    let json = json_of(&["ahp", "--input", example.to_str().unwrap()]);
    let weights: Vec<f64> = serde_json::from_value(json["weights"].clone()).unwrap();
    assert!((weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    assert!(weights[0] > weights[2] && weights[2] > weights[1] && weights[1] > weights[3]);
    assert!(json["lambda_max"].as_f64().unwrap() >= 4.0);
    assert!(json["cr"].as_f64().unwrap() < 0.1);
    assert_eq!(json["random_index_name"], "Saaty (1980)");
    assert_eq!(json["ri"], 0.9);
    assert_eq!(json["ri_table"].as_array().unwrap().len(), 15);
}

#[test]
fn rank_input_with_topsis_says_so() {
    let example = repo_root().join("docs/examples/problem-topsis.json");
    let json = json_of(&["rank", "--input", example.to_str().unwrap()]);
    assert_eq!(json["method"], "topsis");
    assert_eq!(json["normalization"], "vector");
    let first = &json["alternatives"][0];
    let (plus, minus) = (
        first["separation_positive"].as_f64().unwrap(),
        first["separation_negative"].as_f64().unwrap(),
    );
    assert!((first["score"].as_f64().unwrap() - minus / (plus + minus)).abs() < 1e-12);
}

#[test]
fn sensitivity_is_reproducible_for_a_seed_and_states_robustness() {
    let example = repo_root().join("docs/examples/sensitivity.json");
    let path = example.to_str().unwrap();
    let a = json_of(&[
        "sensitivity",
        "--input",
        path,
        "--samples",
        "5000",
        "--seed",
        "3",
    ]);
    let b = json_of(&[
        "sensitivity",
        "--input",
        path,
        "--samples",
        "5000",
        "--seed",
        "3",
    ]);
    assert_eq!(a, b);
    assert_eq!(a["samples"], 5000);
    let acceptability = a["acceptability"].as_array().unwrap();
    for row in acceptability {
        let total: f64 = row["ranks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .sum();
        assert!((total - 1.0).abs() < 1e-9);
    }
    let leader = a["names"][0].as_str().unwrap();
    assert!(
        a["statement"].as_str().unwrap().starts_with(leader),
        "{}",
        a["statement"]
    );
    assert_eq!(a["one_way"].as_array().unwrap().len(), 4);

    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.caliper");
    assert!(caliper(&["demo", demo.to_str().unwrap()]).status.success());
    let r = json_of(&[
        "sensitivity",
        "--portfolio",
        demo.to_str().unwrap(),
        "--request",
        "1",
        "--samples",
        "2000",
    ]);
    assert!(
        r["statement"]
            .as_str()
            .unwrap()
            .contains("Kestrel Health Systems KM-9 Patient Monitor ranks first"),
        "{}",
        r["statement"]
    );
}

#[test]
fn ahp_and_sensitivity_errors_name_the_entry() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let f = dir.path().join(name);
        std::fs::write(&f, text).unwrap();
        f
    };
    let check = |args: &[&str], fragment: &str| {
        let o = caliper(args);
        assert!(!o.status.success(), "{args:?}");
        assert!(
            stderr(&o).contains(fragment),
            "{args:?}: '{}' should contain '{fragment}'",
            stderr(&o)
        );
    };
    let ragged = write(
        "ragged.json",
        r#"{"labels":["a","b","c"],"matrix":[[1,2,3],[0.5,1],[0.33,1,1]]}"#,
    );
    check(&["ahp", "--input", ragged.to_str().unwrap()], "matrix[1]");
    let mismatch = write(
        "mismatch.json",
        r#"{"labels":["a","b"],"matrix":[[1,4],[4,1]]}"#,
    );
    check(
        &["ahp", "--input", mismatch.to_str().unwrap()],
        "matrix[1][0]",
    );
    let negative = write(
        "negative.json",
        r#"{"labels":["a","b"],"matrix":[[1,-3],["-1/3",1]]}"#,
    );
    check(
        &["ahp", "--input", negative.to_str().unwrap()],
        "matrix[0][1]",
    );

    let example = repo_root().join("docs/examples/sensitivity.json");
    check(
        &[
            "sensitivity",
            "--input",
            example.to_str().unwrap(),
            "--samples",
            "0",
        ],
        "samples",
    );
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&example).unwrap()).unwrap();
    v["sensitivity"]["bounds"] =
        serde_json::json!({"npv": {"min": 0.7, "max": 1.0}, "clinical": {"min": 0.5, "max": 1.0}});
    let infeasible = write("infeasible.json", &v.to_string());
    check(
        &["sensitivity", "--input", infeasible.to_str().unwrap()],
        "no weights satisfy the bounds",
    );
    v["sensitivity"] = serde_json::json!({"samples": "many"});
    let bad = write("bad.json", &v.to_string());
    check(
        &["sensitivity", "--input", bad.to_str().unwrap()],
        "sensitivity.samples",
    );
    let one = write(
        "one.json",
        r#"{"criteria":[{"id":"x","weight":1,"direction":"benefit"},{"id":"y","weight":1,"direction":"benefit"}],"alternatives":[{"id":"a","values":{"x":1,"y":2}}]}"#,
    );
    check(
        &["sensitivity", "--input", one.to_str().unwrap()],
        "at least two alternatives",
    );
}

#[test]
fn weights_combines_evaluators_and_shows_the_spread() {
    let example = repo_root().join("docs/examples/weights-evaluators.json");
    let json = json_of(&["weights", "--input", example.to_str().unwrap()]);
    let w: Vec<f64> = serde_json::from_value(json["weights"].clone()).unwrap();
    assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    // Clinical effectiveness: mean of 45 %, 30 % and 20 %.
    assert!((w[0] - (0.45 + 0.30 + 0.20) / 3.0).abs() < 1e-12);
    assert_eq!(json["min"][2], 0.25);
    assert_eq!(json["max"][2], 0.55);
    assert_eq!(json["normalized"].as_array().unwrap().len(), 3);
}

/// The demo's infusion-pump request: Oakhurst's vendor sent an MDS2 form but no device
/// profile, so its EHR and network points are unconfirmed. They are a range, never zero,
/// and the robustness statement says what confirming them would do.
#[test]
fn unconfirmed_points_are_a_range_never_zero_and_move_the_robustness_statement() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.caliper");
    let p = path.to_str().unwrap();
    assert!(caliper(&["demo", p]).status.success());
    let ranking = json_of(&["rank", "--portfolio", p, "--request", "2", "--json"]);
    let criteria = ranking["criteria"].as_array().unwrap();
    let column = |name: &str| criteria.iter().position(|c| c["name"] == name).unwrap();
    let oakhurst = ranking["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["label"] == "Oakhurst Medical Infinia Duo")
        .unwrap()
        .clone();
    for name in ["EHR integration", "Network compatibility"] {
        let cell = &oakhurst["cells"][column(name)];
        let (low, high) = (
            cell["range"]["low"].as_f64().unwrap(),
            cell["range"]["high"].as_f64().unwrap(),
        );
        let value = cell["value"].as_f64().unwrap();
        assert!(low < high, "{name}: {cell}");
        assert_eq!(value, (low + high) / 2.0, "{name} counts at the middle");
        assert!(value > 0.0, "{name}: an unconfirmed point is never zero");
        assert!(cell["contribution"].as_f64().unwrap() > 0.0);
    }
    let (low, score, high) = (
        oakhurst["score_low"].as_f64().unwrap(),
        oakhurst["score"].as_f64().unwrap(),
        oakhurst["score_high"].as_f64().unwrap(),
    );
    assert!(low < score && score < high, "{low} {score} {high}");
    assert_eq!(oakhurst["rank_high"], 1, "confirmed, it would rank first");
    assert_ne!(oakhurst["rank"], 1);
    let note = oakhurst["unconfirmed_note"].as_str().unwrap();
    assert!(
        note.starts_with("Oakhurst Medical Infinia Duo's EHR integration, network compatibility")
            && note.contains("confirmed, it would rank first"),
        "{note}"
    );

    // The table shows the range and marks the unconfirmed contributions.
    let o = caliper(&["rank", "--portfolio", p, "--request", "2"]);
    let table = stdout(&o);
    let range = format!(
        "? {} to {}",
        oakhurst["score_low_shown"].as_str().unwrap(),
        oakhurst["score_high_shown"].as_str().unwrap()
    );
    assert!(table.contains(&range), "{table}");
    assert!(table.contains(note), "{table}");

    // The sensitivity analysis samples the unconfirmed points and names the candidate.
    let s = json_of(&["sensitivity", "--portfolio", p, "--request", "2"]);
    let statement = s["statement"].as_str().unwrap();
    assert!(
        statement.contains("samples of the weights and of the unconfirmed compatibility points"),
        "{statement}"
    );
    assert!(statement.contains(note), "{statement}");
    let leader_first = s["acceptability"][0]["ranks"][0].as_f64().unwrap();
    assert!(
        leader_first < 0.99,
        "{leader_first}: the unconfirmed points are sampled"
    );
}

/// By default a measured criterion is read from the best value to 50 % beyond it: a
/// candidate whose equivalent annual cost is 9.6 % above the cheapest keeps 80.8 % of the
/// lifecycle-cost points; min-max (the dearest gets none) stays available.
#[test]
fn a_slightly_dearer_candidate_keeps_most_of_the_cost_points() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.caliper");
    let p = path.to_str().unwrap();
    assert!(caliper(&["demo", p]).status.success());
    let cost_cells = |json: &serde_json::Value| -> Vec<(f64, f64)> {
        let i = json["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .position(|c| c["name"] == "Lifecycle cost")
            .unwrap();
        json["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let cell = &c["cells"][i];
                (
                    cell["value"].as_f64().unwrap(),
                    cell["normalized"].as_f64().unwrap(),
                )
            })
            .collect()
    };
    for request in ["1", "2"] {
        let json = json_of(&["rank", "--portfolio", p, "--request", request, "--json"]);
        let cells = cost_cells(&json);
        let best = cells.iter().map(|c| c.0).fold(f64::INFINITY, f64::min);
        for (eac, normalized) in &cells {
            let expected = (1.0 - (eac / best - 1.0) / 0.5).clamp(0.0, 1.0);
            assert!((normalized - expected).abs() < 1e-9, "{eac}: {normalized}");
            if *eac <= best * 1.1 {
                assert!(*normalized >= 0.8 - 1e-9, "{eac}: {normalized}");
            }
        }
        let i = json["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .position(|c| c["name"] == "Lifecycle cost")
            .unwrap();
        assert_eq!(
            json["criteria"][i]["scale_text"],
            "full points at the lowest value, none at 50 % above it, linear in between"
        );
    }
    // A 9.6 % dearer candidate of a stateless problem on the same scale keeps 80.8 %.
    let problem = dir.path().join("p.json");
    std::fs::write(
        &problem,
        r#"{"criteria":[{"id":"eac","weight":1,"direction":"cost","reference":{"kind":"from_best","span":0.5}}],
            "alternatives":[{"id":"a","values":{"eac":100000}},{"id":"b","values":{"eac":109600}}]}"#,
    )
    .unwrap();
    let r = json_of(&["rank", "--input", problem.to_str().unwrap()]);
    let b = r["alternatives"][1]["normalized"]["eac"].as_f64().unwrap();
    assert!((b - 0.808).abs() < 1e-9, "{b}");

    // The committee's setting is kept with the request; min-max is still there.
    let o = caliper(&[
        "rank",
        "--portfolio",
        p,
        "--request",
        "2",
        "--reference-scale",
        "min_max",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json = json_of(&["rank", "--portfolio", p, "--request", "2", "--json"]);
    assert_eq!(json["reference_scale"]["kind"], "min_max");
    let cells = cost_cells(&json);
    assert!(cells.iter().any(|c| c.1 == 0.0), "the dearest gets none");
    let o = caliper(&[
        "rank",
        "--portfolio",
        p,
        "--request",
        "2",
        "--reference-scale",
        "from_best:0",
    ]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("span"), "{}", stderr(&o));
}

/// The service contract's quoted price is what its first contract year costs (the year
/// after the warranty); its escalation runs from there.
#[test]
fn the_first_contract_year_costs_what_was_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.caliper");
    let p = path.to_str().unwrap();
    assert!(caliper(&["demo", p]).status.success());
    let lifecycle = json_of(&["tco", "--portfolio", p, "--request", "2", "--json"]);
    for c in lifecycle["candidates"].as_array().unwrap() {
        let id = c["candidate_id"].to_string();
        let model = json_of(&["cost-model", "--portfolio", p, "--candidate", &id]);
        let quoted: rust_decimal::Decimal =
            model["service_annual"].as_str().unwrap().parse().unwrap();
        let escalation: rust_decimal::Decimal = model["service_escalation"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        let warranty = model["warranty_years"].as_u64().unwrap() as usize;
        let schedule = c["lifecycle"]["schedule"].as_array().unwrap();
        let service = |t: usize| -> rust_decimal::Decimal {
            schedule[t]["service"].as_str().unwrap().parse().unwrap()
        };
        assert_eq!(service(warranty), rust_decimal::Decimal::ZERO);
        assert_eq!(service(warranty + 1), quoted, "candidate {id}");
        assert_eq!(
            service(warranty + 2),
            quoted * (rust_decimal::Decimal::ONE + escalation)
        );
    }
}
