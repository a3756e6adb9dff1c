//! The capital plan: which items to fund, with which option and in which year, to
//! maximise total value under every budget, given mandatory items, dependencies and
//! mutual exclusions, compared with the greedy fill committees use today.
//!
//! A multiple-choice, multi-dimensional 0/1 knapsack with side constraints, solved exactly
//! by a branch and bound of our own (docs/capital-plan.md says why and how). Pure: the
//! plan is an argument, the result a value; no file, clock or randomness.
//!
//! One file per step: `input` (what the user writes and its checks), `model` (the integer
//! programme), `solve` (branch and bound), `greedy` (the committee's fill),
//! `diagnose` (why a plan has no solution), `report` (what is returned).

mod diagnose;
mod dual;
mod exchange;
mod greedy;
mod input;
mod model;
mod report;
mod solve;

pub use input::{
    Budget, BudgetKey, Cost, Dependency, Exclusion, GreedyOrder, Plan, PlanInput, PlanItem,
    PlanOption,
};
pub use report::{BudgetUse, CapitalPlan, FundedItem, PlanSelection};
pub use solve::Limits;

use crate::error::{Error, Result};

/// Checks a plan, solves it exactly and fills it greedily.
pub fn plan(input: &PlanInput) -> Result<CapitalPlan> {
    solve_plan(&input.validate()?, Limits::default())
}

/// Solves a checked plan within `limits`.
pub fn solve_plan(plan: &Plan, limits: Limits) -> Result<CapitalPlan> {
    diagnose::mandatory_items_fit(plan)?;
    let model = model::Model::build(plan);
    let greedy = greedy::greedy(plan, &model);
    let limits = limits.for_size(model.vars.len());
    match solve::solve(&model, &greedy, limits) {
        solve::Solution::Found {
            chosen,
            proven,
            nodes,
        } => {
            let optimum = report::selection(plan, &model, &chosen);
            let greedy = report::selection(plan, &model, &greedy);
            Ok(CapitalPlan {
                gain_over_greedy: optimum.total_value - greedy.total_value,
                optimum,
                proven_optimal: proven,
                greedy,
                greedy_order: plan.greedy_order,
                nodes,
            })
        }
        solve::Solution::Infeasible { proven: true } => Err(diagnose::conflict(plan)),
        solve::Solution::Infeasible { proven: false } => Err(Error::validation(
            "constraints",
            format!(
                "no plan meeting every mandatory item was found within {} search nodes",
                limits.max_nodes
            ),
        )),
    }
}

#[cfg(test)]
mod tests;
