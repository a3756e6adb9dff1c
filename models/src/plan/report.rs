//! What a capital plan reports: the optimum and the greedy fill side by side, each with
//! its funded items, total value and the use of every budget, and what the optimum gains.
//! Totals are exact sums of the input's decimals; nothing here is rounded.

use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::input::{GreedyOrder, Plan};
use super::model::Model;

/// The result of `caliper plan`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CapitalPlan {
    /// The most valuable selection that meets every budget and constraint.
    pub optimum: PlanSelection,
    /// True when no selection is worth more (within the tolerance in docs/capital-plan.md);
    /// false when the search stopped at its node limit with this selection the best found.
    pub proven_optimal: bool,
    /// The committee's greedy fill, for comparison.
    pub greedy: PlanSelection,
    pub greedy_order: GreedyOrder,
    /// Optimum's total value less the greedy fill's.
    #[serde(with = "crate::money::decimal_text")]
    #[ts(type = "string")]
    pub gain_over_greedy: Decimal,
    /// Branch-and-bound nodes the solver explored.
    pub nodes: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlanSelection {
    #[serde(with = "crate::money::decimal_text")]
    #[ts(type = "string")]
    pub total_value: Decimal,
    /// Funded items in input order.
    pub funded: Vec<FundedItem>,
    /// Ids of the items left out, in input order.
    pub not_funded: Vec<String>,
    /// Mandatory items left out (only a greedy fill can leave one out).
    pub mandatory_not_funded: Vec<String>,
    /// Every budget in input order: its amount, what the selection uses, what is left.
    pub budgets: Vec<BudgetUse>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FundedItem {
    pub item: String,
    pub name: Option<String>,
    pub option: String,
    pub option_name: Option<String>,
    /// The first fiscal year the option costs anything in.
    pub year: Option<i32>,
    #[serde(with = "crate::money::decimal_text")]
    #[ts(type = "string")]
    pub value: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BudgetUse {
    pub year: Option<i32>,
    pub resource: Option<String>,
    #[serde(with = "crate::money::decimal_text")]
    #[ts(type = "string")]
    pub budget: Decimal,
    #[serde(with = "crate::money::decimal_text")]
    #[ts(type = "string")]
    pub used: Decimal,
    #[serde(with = "crate::money::decimal_text")]
    #[ts(type = "string")]
    pub slack: Decimal,
}

/// A selection (one model variable or none per item) as the plan reports it.
pub fn selection(plan: &Plan, model: &Model, chosen: &[Option<usize>]) -> PlanSelection {
    let mut used = vec![Decimal::ZERO; plan.budgets.len()];
    let mut funded = Vec::new();
    let mut not_funded = Vec::new();
    let mut mandatory_not_funded = Vec::new();
    let mut total_value = Decimal::ZERO;
    for (i, item) in plan.items.iter().enumerate() {
        match chosen[i] {
            Some(v) => {
                let option = &item.options[model.vars[v].option];
                for &(b, amount) in &option.costs {
                    used[b] += amount;
                }
                total_value += option.value;
                funded.push(FundedItem {
                    item: item.id.clone(),
                    name: item.name.clone(),
                    option: option.id.clone(),
                    option_name: option.name.clone(),
                    year: option.start,
                    value: option.value,
                });
            }
            None => {
                not_funded.push(item.id.clone());
                if item.mandatory {
                    mandatory_not_funded.push(item.id.clone());
                }
            }
        }
    }
    let budgets = plan
        .budgets
        .iter()
        .zip(used)
        .map(|((key, budget), used)| BudgetUse {
            year: key.year,
            resource: key.resource.clone(),
            budget: *budget,
            used,
            slack: *budget - used,
        })
        .collect();
    PlanSelection {
        total_value,
        funded,
        not_funded,
        mandatory_not_funded,
        budgets,
    }
}
