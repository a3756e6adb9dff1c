//! The solver against brute-force enumeration on small plans, and the checks' messages.

use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::*;

/// Every selection of a small plan, checked directly against the plan (not the model):
/// the best total value of a feasible one, or none.
fn brute_force(plan: &Plan) -> Option<Decimal> {
    let n = plan.items.len();
    let mut choice = vec![0usize; n]; // 0: nothing, k: option k - 1
    let mut best: Option<Decimal> = None;
    loop {
        if feasible(plan, &choice) {
            let value: Decimal = (0..n)
                .filter(|&i| choice[i] > 0)
                .map(|i| plan.items[i].options[choice[i] - 1].value)
                .sum();
            if best.is_none_or(|b| value > b) {
                best = Some(value);
            }
        }
        let mut i = 0;
        loop {
            if i == n {
                return best;
            }
            choice[i] += 1;
            if choice[i] <= plan.items[i].options.len() {
                break;
            }
            choice[i] = 0;
            i += 1;
        }
    }
}

fn feasible(plan: &Plan, choice: &[usize]) -> bool {
    let option = |i: usize| (choice[i] > 0).then(|| &plan.items[i].options[choice[i] - 1]);
    let mut used = vec![Decimal::ZERO; plan.budgets.len()];
    for (i, item) in plan.items.iter().enumerate() {
        match option(i) {
            Some(o) => o.costs.iter().for_each(|&(b, a)| used[b] += a),
            None if item.mandatory => return false,
            None => {}
        }
    }
    if used.iter().zip(&plan.budgets).any(|(u, (_, b))| u > b) {
        return false;
    }
    if plan
        .exclusions
        .iter()
        .any(|g| g.iter().filter(|&&i| choice[i] > 0).count() > 1)
    {
        return false;
    }
    plan.dependencies
        .iter()
        .all(|&(a, b)| match (option(a), option(b)) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(oa), Some(ob)) => match (oa.start, ob.start) {
                (Some(ya), Some(yb)) => yb <= ya,
                _ => true,
            },
        })
}

fn plan_of(json: serde_json::Value) -> Result<Plan> {
    let input: PlanInput = serde_json::from_value(json).expect("plan JSON");
    input.validate()
}

/// Small random plans: up to 8 items of up to 3 options over 2 years and 2 resources,
/// with mandatory items, dependencies (on earlier items, so never circular) and exclusions.
fn small_plan() -> impl Strategy<Value = serde_json::Value> {
    let option = (
        0u32..30,
        proptest::collection::vec((0usize..4, 0u32..12), 1..4),
    );
    let item = (
        proptest::collection::vec(option, 1..4),
        proptest::bool::weighted(0.15),
    );
    (
        proptest::collection::vec(item, 1..9),
        proptest::collection::vec(0u32..25, 4),
        proptest::collection::vec((0usize..8, 0usize..8), 0..3),
        proptest::collection::vec((0usize..8, 0usize..8), 0..3),
    )
        .prop_map(|(items, caps, deps, excl)| {
            let key = |k: usize| (2027 + (k % 2) as i32, ["capital", "staff"][k / 2]);
            let n = items.len();
            let budgets: Vec<_> = caps
                .iter()
                .enumerate()
                .map(|(k, c)| {
                    let (y, r) = key(k);
                    serde_json::json!({"year": y, "resource": r, "amount": c})
                })
                .collect();
            let items: Vec<_> = items
                .iter()
                .enumerate()
                .map(|(i, (options, mandatory))| {
                    let options: Vec<_> = options
                        .iter()
                        .enumerate()
                        .map(|(o, (value, costs))| {
                            let mut seen = std::collections::BTreeMap::new();
                            for &(k, a) in costs {
                                seen.insert(k, a + 1);
                            }
                            let costs: Vec<_> = seen
                                .iter()
                                .map(|(&k, a)| {
                                    let (y, r) = key(k);
                                    serde_json::json!({"year": y, "resource": r, "amount": a})
                                })
                                .collect();
                            serde_json::json!({"id": format!("o{o}"), "value": value, "costs": costs})
                        })
                        .collect();
                    serde_json::json!({"id": format!("i{i}"), "mandatory": mandatory, "options": options})
                })
                .collect();
            let dependencies: Vec<_> = deps
                .iter()
                .filter(|(a, b)| a % n > b % n)
                .map(|(a, b)| serde_json::json!({"item": format!("i{}", a % n), "requires": format!("i{}", b % n)}))
                .collect();
            let exclusions: Vec<_> = excl
                .iter()
                .filter(|(a, b)| a % n != b % n)
                .map(|(a, b)| serde_json::json!({"items": [format!("i{}", a % n), format!("i{}", b % n)]}))
                .collect();
            serde_json::json!({
                "budgets": budgets, "items": items,
                "dependencies": dependencies, "exclusions": exclusions
            })
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]
    #[test]
    fn the_solver_finds_the_brute_force_optimum(json in small_plan()) {
        let plan = plan_of(json).expect("valid plan");
        let expected = brute_force(&plan);
        match (solve_plan(&plan, Limits::default()), expected) {
            (Ok(result), Some(best)) => {
                prop_assert!(result.proven_optimal);
                prop_assert_eq!(result.optimum.total_value, best);
                prop_assert!(result.greedy.total_value <= best || !result.greedy.mandatory_not_funded.is_empty());
                prop_assert_eq!(result.gain_over_greedy, best - result.greedy.total_value);
                prop_assert!(result.optimum.budgets.iter().all(|b| b.slack >= Decimal::ZERO));
                prop_assert!(result.optimum.mandatory_not_funded.is_empty());
            }
            (Err(e), None) => prop_assert!(e.to_string().contains("cannot"), "{}", e),
            (got, want) => prop_assert!(false, "solver {:?}, brute force {:?}", got.map(|r| r.optimum.total_value), want),
        }
    }
}

/// A check that fails names the place and says what is wrong.
fn refused(json: serde_json::Value, field: &str, fragment: &str) {
    let error = plan_of(json)
        .and_then(|p| solve_plan(&p, Limits::default()))
        .expect_err("refused");
    assert_eq!(error.field(), Some(field), "{error}");
    assert!(error.to_string().contains(fragment), "{error}");
}

fn one_budget_items(items: serde_json::Value) -> serde_json::Value {
    serde_json::json!({"budgets": [{"year": 2027, "amount": 100}], "items": items})
}

#[test]
fn refusals_name_the_place() {
    refused(
        serde_json::json!({"budgets": [{"year": 2027, "amount": -1}], "items": []}),
        "budgets[0].amount",
        "cannot be negative",
    );
    refused(
        one_budget_items(
            serde_json::json!([{"id": "a", "options": [{"id": "x", "value": 1, "costs": []}]}]),
        ),
        "items[0].options[0].costs",
        "no cost at all",
    );
    refused(
        one_budget_items(serde_json::json!([
            {"id": "a", "options": [{"id": "x", "value": 1, "costs": [{"year": 2027, "amount": 1}]}]},
            {"id": "a", "options": [{"id": "x", "value": 1, "costs": [{"year": 2027, "amount": 1}]}]}
        ])),
        "items[1].id",
        "appears twice",
    );
    refused(
        one_budget_items(serde_json::json!([
            {"id": "mri", "mandatory": true, "options": [{"id": "buy", "value": 1, "costs": [{"year": 2027, "amount": 130}]}]}
        ])),
        "items[0]",
        "option 'buy' needs 130 in 2027, 30 over the budget of 100",
    );
    refused(
        one_budget_items(serde_json::json!([
            {"id": "a", "options": [{"id": "x", "value": 1, "costs": [{"year": 2028, "amount": 1}]}]}
        ])),
        "items[0].options[0].costs[0]",
        "2028, which has no budget",
    );
}

#[test]
fn two_mandatory_items_that_exclude_each_other_are_named() {
    let json = serde_json::json!({
        "budgets": [{"amount": 100}],
        "items": [
            {"id": "a", "mandatory": true, "options": [{"id": "x", "value": 1, "costs": [{"amount": 10}]}]},
            {"id": "b", "options": [{"id": "x", "value": 1, "costs": [{"amount": 10}]}]},
            {"id": "c", "mandatory": true, "options": [{"id": "x", "value": 1, "costs": [{"amount": 10}]}]}
        ],
        "exclusions": [{"items": ["a", "c"]}]
    });
    refused(
        json,
        "constraints",
        "these mandatory items cannot all be funded: 'a', 'c'; 'a' and 'c' are mutually exclusive (exclusions[0])",
    );
}

#[test]
fn the_winston_stockco_example_reaches_42() {
    // Winston, Operations Research (4th ed.), section 9.2, Example 1 (Stockco).
    let items: Vec<_> = [1, 2, 3, 4]
        .iter()
        .zip([(16, 5), (22, 7), (12, 4), (8, 3)])
        .map(|(i, (v, c))| {
            serde_json::json!({"id": format!("investment {i}"), "options": [{"id": "invest", "value": v, "costs": [{"amount": c}]}]})
        })
        .collect();
    let json = serde_json::json!({"budgets": [{"amount": 14}], "items": items});
    let result = solve_plan(&plan_of(json).expect("plan"), Limits::default()).expect("solved");
    assert_eq!(result.optimum.total_value, dec!(42));
    assert!(result.proven_optimal);
    let funded: Vec<&str> = result
        .optimum
        .funded
        .iter()
        .map(|f| f.item.as_str())
        .collect();
    assert_eq!(funded, ["investment 2", "investment 3", "investment 4"]);
    assert_eq!(result.greedy.total_value, dec!(38));
    assert_eq!(result.gain_over_greedy, dec!(4));
}

#[test]
fn a_large_plan_gets_fewer_nodes_so_no_plan_keeps_the_solver_long() {
    assert_eq!(Limits::default().for_size(100).max_nodes, 20_000);
    assert_eq!(Limits::default().for_size(9_000).max_nodes, 1_333);
    assert_eq!(Limits::default().for_size(10_000_000).max_nodes, 50);
    assert_eq!(Limits { max_nodes: 10 }.for_size(9_000).max_nodes, 10);
}
