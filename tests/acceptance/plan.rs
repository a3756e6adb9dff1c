//! `caliper plan --input`: published worked examples reproduced exactly, the greedy fill
//! beside the optimum, dependencies and exclusions, and every refusal naming its place.

use caliper_tests::{caliper, repo_root};
use serde_json::{json, Value};

fn example(name: &str) -> String {
    repo_root()
        .join("docs/examples")
        .join(name)
        .display()
        .to_string()
}

fn plan_json(file: &str) -> Value {
    let o = caliper(&["plan", "--input", file, "--json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

fn funded(selection: &Value) -> Vec<String> {
    selection["funded"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["item"].as_str().unwrap().to_string())
        .collect()
}

/// Rosetta Code, "Knapsack problem/0-1" (the tourist's 22 items, 400 dag): the optimum
/// is 1030 at a weight of 396 (the task's published solution), checked by dynamic
/// programming when this example was written.
#[test]
fn rosetta_code_knapsack_reaches_1030_at_396_dag() {
    let r = plan_json(&example("plan-knapsack-rosetta.json"));
    assert_eq!(r["proven_optimal"], true);
    assert_eq!(r["optimum"]["total_value"], "1030");
    assert_eq!(r["optimum"]["budgets"][0]["used"], "396");
    assert_eq!(r["optimum"]["budgets"][0]["slack"], "4");
    assert_eq!(
        funded(&r["optimum"]),
        [
            "map",
            "compass",
            "water",
            "sandwich",
            "glucose",
            "banana",
            "suntan cream",
            "waterproof trousers",
            "waterproof overclothes",
            "note-case",
            "sunglasses",
            "socks"
        ]
    );
}

/// Taha, Operations Research: An Introduction (9th ed., 2011), section 9.1.1, Example
/// 9.1-1 "Capital budgeting": five projects, outlays over three years, 25 ($ million)
/// available each year; the published optimum funds projects 1 to 4, z = 95.
#[test]
fn taha_multi_period_capital_budgeting_reaches_95() {
    let r = plan_json(&example("plan-capital-budgeting-taha.json"));
    assert_eq!(r["proven_optimal"], true);
    assert_eq!(r["optimum"]["total_value"], "95");
    assert_eq!(
        funded(&r["optimum"]),
        ["project 1", "project 2", "project 3", "project 4"]
    );
    let used: Vec<&str> = r["optimum"]["budgets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["used"].as_str().unwrap())
        .collect();
    assert_eq!(used, ["19", "21", "21"]);
    // Value order takes 2 (40) and 5 (30), then 3 (20); 1 and 4 no longer fit.
    assert_eq!(r["greedy"]["total_value"], "90");
    assert_eq!(r["gain_over_greedy"], "5");
}

/// Winston, Operations Research: Applications and Algorithms (4th ed.), section 9.2,
/// Example 1 (Stockco): NPV 16, 22, 12, 8 ($ thousand), cash 5, 7, 4, 3, 14 available;
/// the published optimum takes investments 2, 3 and 4, z = 42.
#[test]
fn winston_stockco_reaches_42_where_greedy_stops_at_38() {
    let r = plan_json(&example("plan-stockco-winston.json"));
    assert_eq!(r["optimum"]["total_value"], "42");
    assert_eq!(
        funded(&r["optimum"]),
        ["investment 2", "investment 3", "investment 4"]
    );
    assert_eq!(r["greedy"]["total_value"], "38");
    assert_eq!(funded(&r["greedy"]), ["investment 1", "investment 2"]);
    assert_eq!(r["gain_over_greedy"], "4");
}

/// Hillier and Lieberman, Introduction to Operations Research (9th ed.), section 12.1,
/// California Manufacturing Company: at most one warehouse, each only beside a factory in
/// its city, 10 ($ million) of capital; the published optimum builds both factories,
/// Z = 14.
#[test]
fn hillier_lieberman_california_manufacturing_reaches_14() {
    let r = plan_json(&example("plan-california-manufacturing.json"));
    assert_eq!(r["optimum"]["total_value"], "14");
    assert_eq!(funded(&r["optimum"]), ["factory-la", "factory-sf"]);
    assert_eq!(r["optimum"]["budgets"][0]["slack"], "1");
}

/// A hospital's two-year plan: the greedy fill takes the MRI (its best option no longer
/// fits 2027, so it is deferred to 2028), which excludes the PET-CT, and skips the
/// monitors because their network upgrade comes later in value order. The optimum funds
/// the network with the monitors in 2027 and the PET-CT with the ultrasound in 2028.
#[test]
fn hospital_plan_beats_the_greedy_fill_with_dependencies_and_exclusions() {
    let file = example("plan-hospital.json");
    let r = plan_json(&file);
    assert_eq!(r["proven_optimal"], true);
    assert_eq!(r["optimum"]["total_value"], "245");
    assert_eq!(
        funded(&r["optimum"]),
        ["sterilizer", "pet-ct", "monitors", "ultrasound", "network"]
    );
    let monitors = &r["optimum"]["funded"][2];
    assert_eq!(monitors["option"], "2027");
    assert_eq!(monitors["year"], 2027);
    assert_eq!(r["optimum"]["budgets"][1]["slack"], "50000");
    assert_eq!(r["greedy"]["total_value"], "200");
    assert_eq!(funded(&r["greedy"]), ["sterilizer", "mri", "ct", "network"]);
    assert_eq!(r["greedy"]["funded"][1]["option"], "buy-2028");
    assert_eq!(r["gain_over_greedy"], "45");

    let o = caliper(&["plan", "--input", &file]);
    assert!(o.status.success());
    let table = String::from_utf8_lossy(&o.stdout);
    assert!(
        table.contains("Optimal plan (proven optimal): total value 245"),
        "{table}"
    );
    assert!(
        table.contains("Greedy fill (in value order): total value 200"),
        "{table}"
    );
    assert!(
        table.contains("The optimum gains 45 over the greedy fill."),
        "{table}"
    );
    assert!(table.contains("2028 capital"), "{table}");
}

/// The greedy fill in rank order follows the committee's ranks, not the values.
#[test]
fn greedy_in_rank_order_follows_the_ranks() {
    let plan = json!({
        "budgets": [{"amount": 10}],
        "greedy_order": "rank",
        "items": [
            {"id": "a", "rank": 2, "options": [{"id": "x", "value": 9, "costs": [{"amount": 6}]}]},
            {"id": "b", "rank": 1, "options": [{"id": "x", "value": 5, "costs": [{"amount": 5}]}]},
            {"id": "c", "rank": 3, "options": [{"id": "x", "value": 4, "costs": [{"amount": 4}]}]}
        ]
    });
    let dir = tempfile::tempdir().unwrap();
    let file = write(&dir, "rank.json", &plan.to_string());
    let r = plan_json(&file);
    assert_eq!(r["greedy_order"], "rank");
    assert_eq!(funded(&r["greedy"]), ["b", "c"]);
    assert_eq!(r["greedy"]["total_value"], "9");
    assert_eq!(r["optimum"]["total_value"], "13");
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// Runs `plan` on `text` and expects a refusal whose message contains every fragment.
fn refused(text: &str, fragments: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let file = write(&dir, "plan.json", text);
    let o = caliper(&["plan", "--input", &file, "--json"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "accepted: {text}");
    for f in fragments {
        assert!(err.contains(f), "{f:?} not in {err}");
    }
}

fn item(id: &str, value: i64, cost: i64) -> Value {
    json!({"id": id, "options": [{"id": "x", "value": value, "costs": [{"year": 2027, "amount": cost}]}]})
}

fn plan_of(items: Vec<Value>, extra: Value) -> String {
    let mut plan = json!({"budgets": [{"year": 2027, "amount": 100}], "items": items});
    if let (Some(p), Some(e)) = (plan.as_object_mut(), extra.as_object()) {
        p.extend(e.clone());
    }
    plan.to_string()
}

#[test]
fn bad_inputs_are_refused_naming_the_place() {
    refused(
        &json!({"budgets": [{"year": 2027, "amount": -5}], "items": [item("a", 1, 1)]}).to_string(),
        &[
            "budgets[0].amount",
            "the budget for 2027 is -5",
            "cannot be negative",
        ],
    );
    refused(
        &plan_of(
            vec![
                json!({"id": "a", "options": [{"id": "x", "value": 1, "costs": [{"year": 2027, "amount": 0}]}]}),
            ],
            json!({}),
        ),
        &[
            "items[0].options[0].costs",
            "item 'a' option 'x' has no cost at all",
        ],
    );
    refused(
        &plan_of(
            vec![json!({"id": "mri", "mandatory": true, "options": [
                {"id": "buy", "value": 1, "costs": [{"year": 2027, "amount": 180}]},
                {"id": "lease", "value": 1, "costs": [{"year": 2027, "amount": 120}]}
            ]})],
            json!({}),
        ),
        &[
            "items[0]",
            "mandatory item 'mri' cannot fit in any year",
            "option 'lease' needs 120 in 2027, 20 over the budget of 100",
        ],
    );
    refused(
        &plan_of(
            vec![item("a", 1, 1), item("b", 1, 1), item("c", 1, 1)],
            json!({"dependencies": [
                {"item": "a", "requires": "b"},
                {"item": "b", "requires": "c"},
                {"item": "c", "requires": "a"}
            ]}),
        ),
        &[
            "dependencies",
            "circular dependency: a requires b requires c requires a",
        ],
    );
    refused(
        &plan_of(
            vec![item("a", 1, 1), item("b", 1, 1)],
            json!({"dependencies": [{"item": "a", "requires": "z"}]}),
        ),
        &["dependencies[0].requires", "no item has the id 'z'"],
    );
    refused(
        &plan_of(
            vec![item("a", 1, 1), item("b", 1, 1)],
            json!({"exclusions": [{"items": ["a", "q"]}]}),
        ),
        &["exclusions[0].items[1]", "no item has the id 'q'"],
    );
    refused(
        &plan_of(vec![item("a", 1, 1), item("a", 2, 2)], json!({})),
        &["items[1].id", "item id 'a' appears twice"],
    );
    refused(
        &plan_of(vec![item("a", 1, 1)], json!({})).replace("\"value\":1", "\"value\":1e20"),
        &["items[0].options[0].value", "beyond the accepted range"],
    );
    refused(
        &plan_of(vec![item("a", 1, 1)], json!({})).replace("\"value\":1", "\"value\":\"NaN\""),
        &["plan.json:1:", "'NaN' is not a decimal number"],
    );
    refused(
        &plan_of(vec![item("a", 1, 1)], json!({})).replace(
            "{\"amount\":1,\"year\":2027}",
            "{\"amount\":1,\"year\":20270}",
        ),
        &[
            "items[0].options[0].costs[0].year",
            "20270 is not a plausible fiscal year",
        ],
    );
    refused(
        &plan_of(vec![item("a", 1, 1)], json!({"priority": 3})),
        &["plan.json:1:", "unknown field `priority`"],
    );
    refused(
        "{\n  \"budgets\": [\n    {\"amount\": 1},\n  ]\n}",
        &["plan.json:4:3"],
    );
    refused(
        &plan_of(vec![item("a", 1, 1)], json!({"greedy_order": "rank"})),
        &["items[0].rank", "item 'a' has no rank"],
    );
}

#[test]
fn infeasible_constraints_name_the_smallest_conflicting_set() {
    let mut a = item("a", 1, 10);
    a["mandatory"] = json!(true);
    let mut c = item("c", 1, 10);
    c["mandatory"] = json!(true);
    refused(
        &plan_of(
            vec![a.clone(), item("b", 1, 10), c],
            json!({"exclusions": [{"items": ["a", "c"]}]}),
        ),
        &[
            "constraints",
            "these mandatory items cannot all be funded: 'a', 'c'",
            "'a' and 'c' are mutually exclusive (exclusions[0])",
        ],
    );
    // A mandatory item that needs an item that cannot fit.
    refused(
        &plan_of(
            vec![a.clone(), item("big", 1, 150)],
            json!({"dependencies": [{"item": "a", "requires": "big"}]}),
        ),
        &[
            "these mandatory items cannot all be funded: 'a'",
            "'a' requires 'big' (dependencies[0])",
            "'big' cannot fit in any year: option 'x' needs 150 in 2027, 50 over the budget of 100",
        ],
    );
    // Mandatory items that fit one by one but not together.
    let mut d = item("d", 1, 60);
    d["mandatory"] = json!(true);
    let mut e = item("e", 1, 60);
    e["mandatory"] = json!(true);
    refused(
        &plan_of(vec![a, d, e], json!({})),
        &[
            "these mandatory items cannot all be funded: 'd', 'e'",
            "together they need at least 120 in 2027, 20 over its budget of 100",
        ],
    );
}

/// A dependency holds in time: the dependent is funded in the same year as what it
/// requires or later, never before.
#[test]
fn a_dependent_is_never_funded_before_what_it_requires() {
    let plan = json!({
        "budgets": [{"year": 2027, "amount": 100}, {"year": 2028, "amount": 100}],
        "items": [
            {"id": "monitors", "options": [
                {"id": "early", "value": 50, "costs": [{"year": 2027, "amount": 60}]},
                {"id": "late", "value": 40, "costs": [{"year": 2028, "amount": 60}]}
            ]},
            {"id": "network", "options": [
                {"id": "late", "value": 5, "costs": [{"year": 2028, "amount": 30}]}
            ]}
        ],
        "dependencies": [{"item": "monitors", "requires": "network"}]
    });
    let dir = tempfile::tempdir().unwrap();
    let r = plan_json(&write(&dir, "time.json", &plan.to_string()));
    assert_eq!(r["optimum"]["total_value"], "45");
    assert_eq!(r["optimum"]["funded"][0]["option"], "late");
    assert_eq!(r["optimum"]["funded"][0]["year"], 2028);
}
