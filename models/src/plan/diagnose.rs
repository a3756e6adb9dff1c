//! Why a plan has no solution, in the user's terms. A plan without mandatory items always
//! has one (fund nothing), so every conflict involves mandatory items: first each one
//! alone against the budgets, then the smallest set of them that cannot be funded together
//! (a deletion filter: drop each mandatory flag whose removal leaves the plan still
//! infeasible), explained by the exclusions, dependencies and budgets it runs into.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::input::{Choice, Plan};
use super::model::Model;
use super::solve::{solve, Limits, Solution};
use crate::error::{Error, Result};
use crate::money::format_amount;

/// An amount as typed, with thousands separators and no rounding.
pub fn shown(amount: Decimal) -> String {
    format_amount(amount, amount.normalize().scale())
}

/// How an option fails its budgets on its own: the budget it exceeds most, by how much.
fn worst_excess(plan: &Plan, choice: &Choice) -> Option<(Decimal, String)> {
    choice
        .costs
        .iter()
        .filter_map(|&(b, amount)| {
            let (key, budget) = &plan.budgets[b];
            (amount > *budget).then(|| {
                (
                    amount - budget,
                    format!(
                        "option '{}' needs {} in {key}, {} over the budget of {}",
                        choice.id,
                        shown(amount),
                        shown(amount - budget),
                        shown(*budget)
                    ),
                )
            })
        })
        .max_by(|a, b| a.0.cmp(&b.0))
}

/// Why item `i` cannot be funded at all, when none of its options fits the budgets alone.
fn unfit(plan: &Plan, i: usize) -> Option<String> {
    let mut worst = Vec::new();
    for choice in &plan.items[i].options {
        worst.push(worst_excess(plan, choice)?);
    }
    worst
        .into_iter()
        .min_by(|a, b| a.0.cmp(&b.0))
        .map(|(_, why)| why)
}

/// Refuses a mandatory item none of whose options fits its budgets, naming the option
/// that comes closest, the budget and the excess.
pub fn mandatory_items_fit(plan: &Plan) -> Result<()> {
    for (i, item) in plan.items.iter().enumerate() {
        if item.mandatory {
            if let Some(why) = unfit(plan, i) {
                return Err(Error::validation(
                    format!("items[{i}]"),
                    format!("mandatory item '{}' cannot fit in any year: {why}", item.id),
                ));
            }
        }
    }
    Ok(())
}

/// The error for a plan the solver proved infeasible: the smallest set of mandatory items
/// found that cannot be funded together, and why.
pub fn conflict(plan: &Plan) -> Error {
    let mut set: Vec<usize> = (0..plan.items.len())
        .filter(|&i| plan.items[i].mandatory)
        .collect();
    let mut k = 0;
    while k < set.len() {
        let mut without = set.clone();
        without.remove(k);
        if infeasible_with(plan, &without) {
            set = without;
        } else {
            k += 1;
        }
    }
    let ids: Vec<String> = set
        .iter()
        .map(|&i| format!("'{}'", plan.items[i].id))
        .collect();
    Error::validation(
        "constraints",
        format!(
            "these mandatory items cannot all be funded: {}; {}",
            ids.join(", "),
            reasons(plan, &set).join("; ")
        ),
    )
}

/// Whether the plan is proven infeasible when only `mandatory` are mandatory.
fn infeasible_with(plan: &Plan, mandatory: &[usize]) -> bool {
    let mut trial = plan.clone();
    for (i, item) in trial.items.iter_mut().enumerate() {
        item.mandatory = mandatory.contains(&i);
        for option in &mut item.options {
            option.value = Decimal::ZERO;
        }
    }
    let model = Model::build(&trial);
    matches!(
        solve(
            &model,
            &vec![None; model.items()],
            Limits::default().for_size(model.vars.len()),
        ),
        Solution::Infeasible { proven: true }
    )
}

/// The exclusions, dependencies and budgets that the set and the items it requires run into.
fn reasons(plan: &Plan, set: &[usize]) -> Vec<String> {
    let mut closure: BTreeSet<usize> = set.iter().copied().collect();
    loop {
        let before = closure.len();
        for &(a, b) in &plan.dependencies {
            if closure.contains(&a) {
                closure.insert(b);
            }
        }
        if closure.len() == before {
            break;
        }
    }
    let id = |i: usize| plan.items[i].id.as_str();
    let mut out = Vec::new();
    for (d, &(a, b)) in plan.dependencies.iter().enumerate() {
        if closure.contains(&a) {
            out.push(format!(
                "'{}' requires '{}' (dependencies[{d}])",
                id(a),
                id(b)
            ));
            if let Some(why) = unfit(plan, b) {
                out.push(format!("'{}' cannot fit in any year: {why}", id(b)));
            } else if !in_time(plan, a, b) {
                out.push(format!(
                    "no option of '{}' starts in or before the year of an option of '{}'",
                    id(b),
                    id(a)
                ));
            }
        }
    }
    for (g, group) in plan.exclusions.iter().enumerate() {
        let members: Vec<String> = group
            .iter()
            .filter(|i| closure.contains(i))
            .map(|&i| format!("'{}'", id(i)))
            .collect();
        if members.len() > 1 {
            out.push(format!(
                "{} are mutually exclusive (exclusions[{g}])",
                members.join(" and ")
            ));
        }
    }
    for (b, (key, budget)) in plan.budgets.iter().enumerate() {
        let least: Decimal = closure
            .iter()
            .map(|&i| {
                plan.items[i]
                    .options
                    .iter()
                    .map(|o| {
                        o.costs
                            .iter()
                            .find(|c| c.0 == b)
                            .map_or(Decimal::ZERO, |c| c.1)
                    })
                    .min()
                    .unwrap_or(Decimal::ZERO)
            })
            .sum();
        if least > *budget {
            out.push(format!(
                "together they need at least {} in {key}, {} over its budget of {}",
                shown(least),
                shown(least - budget),
                shown(*budget)
            ));
        }
    }
    if out.is_empty() {
        out.push("no choice of their options fits every budget together".into());
    }
    out
}

/// Whether some option of `b` starts no later than some option of `a`.
fn in_time(plan: &Plan, a: usize, b: usize) -> bool {
    plan.items[a].options.iter().any(|oa| {
        plan.items[b]
            .options
            .iter()
            .any(|ob| match (oa.start, ob.start) {
                (Some(ya), Some(yb)) => yb <= ya,
                _ => true,
            })
    })
}
