//! Values the inputs accept at the edges of their ranges: the CLI answers with a figure or
//! an error naming the field, never a crash, a NaN or an infinite score.

use caliper_tests::{caliper, repo_root};

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn example(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(repo_root().join("docs/examples").join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Runs `caliper <command> --input` on `input`; the output, with no crash in any case.
fn run(command: &str, input: &serde_json::Value, extra: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("input.json");
    std::fs::write(&file, input.to_string()).unwrap();
    let mut args = vec![command, "--input", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = caliper(&args);
    assert!(
        !stderr(&o).contains("panicked"),
        "{command} crashed: {}",
        stderr(&o)
    );
    o
}

fn refused(o: &std::process::Output, fragment: &str) {
    assert!(!o.status.success(), "accepted: {}", stdout(o));
    assert!(
        stderr(o).contains(fragment),
        "'{}' should name '{fragment}'",
        stderr(o)
    );
}

/// Every amount at its largest accepted value, the quantity and the uses at theirs.
fn at_maximums(model: &mut serde_json::Value) {
    for field in [
        "unit_price",
        "installation",
        "it_integration",
        "training",
        "service_annual",
        "cost_per_use",
        "tariff_per_kwh",
        "software_annual",
        "staffing_annual",
        "disposal",
    ] {
        model[field] = "1000000000000".into();
    }
    model["quantity"] = 100_000.into();
    model["discount_pct"] = "0".into();
    model["trade_in_credit"] = "0".into();
    model["residual_value"] = "0".into();
    model["annual_uses"] = "1000000000".into();
    model["power_watts"] = "1000000".into();
    model["hours_per_year"] = "8784".into();
    model["expected_life_years"] = 40.into();
    model["warranty_years"] = 0.into();
}

#[test]
fn a_discount_rate_near_minus_one_is_refused_naming_the_field() {
    for rate in ["-0.9999999", "-0.99", "-0.5"] {
        let mut input = example("costs.json");
        input["assumptions"]["discount_rate"] = rate.into();
        input["candidates"][0]["cost_model"]["expected_life_years"] = 40.into();
        let o = run("tco", &input, &[]);
        refused(&o, "assumptions.discount_rate");
    }
    // Just above the bound, the longest life is computed.
    let mut input = example("costs.json");
    input["assumptions"]["discount_rate"] = "-0.49".into();
    input["candidates"][0]["cost_model"]["expected_life_years"] = 40.into();
    let o = run("tco", &input, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn amounts_at_their_maximums_give_a_cost_or_an_error_naming_the_field() {
    // With the portfolio's default rates the largest model is computed.
    let mut input = example("costs.json");
    at_maximums(&mut input["candidates"][0]["cost_model"]);
    let o = run("tco", &input, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(json["candidates"][0]["lifecycle"]["eac"].is_string());

    // With every rate at its edge the cost no longer fits in a decimal: refused, named.
    input["assumptions"]["discount_rate"] = "-0.49".into();
    input["assumptions"]["inflation"] = "0.5".into();
    input["candidates"][0]["cost_model"]["service_escalation"] = "0.5".into();
    let o = run("tco", &input, &[]);
    refused(&o, "candidates[0].cost_model.");
    refused(&o, "overflows");
}

#[test]
fn values_whose_range_overflows_are_refused_and_no_score_is_nan() {
    let problem = |a: f64, b: f64| {
        serde_json::json!({
            "criteria": [
                {"id": "x", "weight": 1, "direction": "benefit"},
                {"id": "y", "weight": 1, "direction": "cost"}
            ],
            "alternatives": [
                {"id": "a", "values": {"x": a, "y": 1}},
                {"id": "b", "values": {"x": b, "y": 2}}
            ]
        })
    };
    let o = run("rank", &problem(-1e308, 1e308), &[]);
    refused(&o, "alternatives[0].values.x");
    assert!(!stdout(&o).contains("NaN"), "{}", stdout(&o));

    // At the documented bound both ends rank with finite scores.
    let o = run("rank", &problem(-1e100, 1e100), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(!out.contains("NaN") && !out.contains("inf"), "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    for a in json["alternatives"].as_array().unwrap() {
        assert!(a["score"].as_f64().unwrap().is_finite(), "{a}");
    }
}
