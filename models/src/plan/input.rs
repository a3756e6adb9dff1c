//! What a capital plan is made of, as the user writes it (`caliper plan --input`), and the
//! checks it passes before anything is solved. [`PlanInput::validate`] turns it into a
//! [`Plan`]: the same content with ids resolved to indices, every amount checked and every
//! cost tied to its budget, so that the model, the solver and the greedy fill never meet a
//! name they have to look up or an amount they have to doubt.

use std::collections::{BTreeMap, HashMap, HashSet};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::money::{check_amount, decimal_text};

/// The earliest and latest fiscal year accepted: anything outside is a typing error.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;
/// The largest value (in absolute terms) an option may carry.
pub const MAX_VALUE: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0); // 1e12
/// Decimal places accepted in a value (scores such as 0.125 as well as money).
pub const VALUE_SCALE: u32 = 6;
/// More items than any committee plans at once; the limit keeps a hostile file small.
pub const MAX_ITEMS: usize = 100_000;
/// More options per item than anyone compares.
pub const MAX_OPTIONS: usize = 100;

/// A stateless capital plan: budgets, the items that compete for them, and the rules
/// between items. See docs/json-formats.md ("Capital plan").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PlanInput {
    /// One cap per (fiscal year, resource); either part may be left out (a plain knapsack
    /// has one budget with neither).
    pub budgets: Vec<Budget>,
    pub items: Vec<PlanItem>,
    /// "A is funded only if B is funded, in the same or an earlier year."
    #[serde(default)]
    pub dependencies: Vec<Dependency>,
    /// At most one item of each group is funded.
    #[serde(default)]
    pub exclusions: Vec<Exclusion>,
    /// The order of the greedy fill the optimum is compared with.
    #[serde(default)]
    pub greedy_order: GreedyOrder,
}

/// A cap on what the funded options may cost in one fiscal year and resource together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    #[serde(default)]
    pub year: Option<i32>,
    /// E.g. "capital", "operating", "biomed hours"; absent for a single resource.
    #[serde(default)]
    pub resource: Option<String>,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub amount: Decimal,
}

/// Something to fund (a capital request) and the ways it can be funded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PlanItem {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    /// Must be funded (regulatory, recall, end of support).
    #[serde(default)]
    pub mandatory: bool,
    /// The committee's rank (1 first), used by the greedy fill in rank order.
    #[serde(default)]
    pub rank: Option<u32>,
    /// At most one is chosen (exactly one when the item is mandatory).
    pub options: Vec<PlanOption>,
}

/// One way to fund an item: its value and what it costs in each year and resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PlanOption {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    /// What funding it is worth: a priority score or a net present value, in any one unit
    /// shared by every option; summed, never multiplied.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub value: Decimal,
    /// Each cost names the budget it draws on by year and resource.
    pub costs: Vec<Cost>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Cost {
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub resource: Option<String>,
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub amount: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Dependency {
    /// The item that depends ("the monitors").
    pub item: String,
    /// The item it needs ("the network upgrade").
    pub requires: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    pub items: Vec<String>,
}

/// The order in which the greedy fill takes items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GreedyOrder {
    /// Highest value first (an item's value is that of its best option).
    #[default]
    Value,
    /// The committee's rank, 1 first (every item needs a rank).
    Rank,
}

/// A budget's key: fiscal year and resource.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BudgetKey {
    pub year: Option<i32>,
    pub resource: Option<String>,
}

impl std::fmt::Display for BudgetKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.year, &self.resource) {
            (Some(y), Some(r)) => write!(f, "{y} {r}"),
            (Some(y), None) => write!(f, "{y}"),
            (None, Some(r)) => write!(f, "{r}"),
            (None, None) => write!(f, "the budget"),
        }
    }
}

/// A checked plan: ids resolved to indices, costs tied to budgets.
#[derive(Debug, Clone)]
pub struct Plan {
    pub budgets: Vec<(BudgetKey, Decimal)>,
    pub items: Vec<Item>,
    /// (dependent item, required item).
    pub dependencies: Vec<(usize, usize)>,
    pub exclusions: Vec<Vec<usize>>,
    pub greedy_order: GreedyOrder,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub name: Option<String>,
    pub mandatory: bool,
    pub rank: Option<u32>,
    pub options: Vec<Choice>,
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub id: String,
    pub name: Option<String>,
    pub value: Decimal,
    /// (budget index, amount), amounts above zero, in budget order.
    pub costs: Vec<(usize, Decimal)>,
    /// The first fiscal year it costs anything in (none when no cost names a year).
    pub start: Option<i32>,
}

impl PlanInput {
    /// Parses a plan from JSON text; errors name the file, line and column, then the field.
    pub fn from_json(file: &str, text: &str) -> Result<Plan> {
        let input: PlanInput = crate::error::from_json(file, text)?;
        input.validate()
    }

    /// Checks everything that can be checked item by item: ids, amounts, years, values,
    /// budgets, references and cycles. Whether the mandatory items fit together is the
    /// solver's question (see `diagnose`).
    pub fn validate(&self) -> Result<Plan> {
        let budgets = self.checked_budgets()?;
        let index: HashMap<&BudgetKey, usize> = budgets
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (k, i))
            .collect();
        if self.items.is_empty() {
            return Err(Error::validation("items", "at least one item is needed"));
        }
        if self.items.len() > MAX_ITEMS {
            return Err(Error::validation(
                "items",
                format!("{} items; the limit is {MAX_ITEMS}", self.items.len()),
            ));
        }
        let mut ids = HashMap::new();
        let mut items = Vec::with_capacity(self.items.len());
        for (i, item) in self.items.iter().enumerate() {
            let at = format!("items[{i}]");
            check_id(&format!("{at}.id"), &item.id)?;
            if ids.insert(item.id.as_str(), i).is_some() {
                return Err(Error::conflict(
                    format!("{at}.id"),
                    format!("item id '{}' appears twice", item.id),
                ));
            }
            items.push(checked_item(&at, item, &budgets, &index)?);
        }
        if self.greedy_order == GreedyOrder::Rank {
            if let Some((i, item)) = self
                .items
                .iter()
                .enumerate()
                .find(|(_, x)| x.rank.is_none())
            {
                return Err(Error::validation(
                    format!("items[{i}].rank"),
                    format!(
                        "item '{}' has no rank, and greedy_order 'rank' needs one on every item",
                        item.id
                    ),
                ));
            }
        }
        let find = |field: String, id: &str| -> Result<usize> {
            ids.get(id)
                .copied()
                .ok_or_else(|| Error::validation(field, format!("no item has the id '{id}'")))
        };
        let mut dependencies = Vec::new();
        for (d, dep) in self.dependencies.iter().enumerate() {
            let a = find(format!("dependencies[{d}].item"), &dep.item)?;
            let b = find(format!("dependencies[{d}].requires"), &dep.requires)?;
            if a == b {
                return Err(Error::validation(
                    format!("dependencies[{d}]"),
                    format!("item '{}' cannot depend on itself", dep.item),
                ));
            }
            dependencies.push((a, b));
        }
        if let Some(cycle) = find_cycle(items.len(), &dependencies) {
            let names: Vec<&str> = cycle.iter().map(|&i| items[i].id.as_str()).collect();
            return Err(Error::validation(
                "dependencies",
                format!("circular dependency: {}", names.join(" requires ")),
            ));
        }
        let mut exclusions = Vec::new();
        for (g, group) in self.exclusions.iter().enumerate() {
            let at = format!("exclusions[{g}]");
            let mut members = Vec::new();
            for (k, id) in group.items.iter().enumerate() {
                let i = find(format!("{at}.items[{k}]"), id)?;
                if members.contains(&i) {
                    return Err(Error::validation(
                        format!("{at}.items[{k}]"),
                        format!("item '{id}' appears twice in the group"),
                    ));
                }
                members.push(i);
            }
            if members.len() < 2 {
                return Err(Error::validation(
                    format!("{at}.items"),
                    "a mutual exclusion needs at least two items",
                ));
            }
            exclusions.push(members);
        }
        Ok(Plan {
            budgets,
            items,
            dependencies,
            exclusions,
            greedy_order: self.greedy_order,
        })
    }

    fn checked_budgets(&self) -> Result<Vec<(BudgetKey, Decimal)>> {
        if self.budgets.is_empty() {
            return Err(Error::validation(
                "budgets",
                "at least one budget is needed",
            ));
        }
        let mut seen = HashSet::new();
        let mut budgets = Vec::with_capacity(self.budgets.len());
        for (b, budget) in self.budgets.iter().enumerate() {
            let at = format!("budgets[{b}]");
            let key = checked_key(&at, budget.year, &budget.resource)?;
            if budget.amount.is_sign_negative() && !budget.amount.is_zero() {
                return Err(Error::validation(
                    format!("{at}.amount"),
                    format!(
                        "the budget for {key} is {}: a budget cannot be negative",
                        budget.amount
                    ),
                ));
            }
            check_amount(&format!("{at}.amount"), budget.amount)?;
            if !seen.insert(key.clone()) {
                return Err(Error::conflict(at, format!("a second budget for {key}")));
            }
            budgets.push((key, budget.amount));
        }
        Ok(budgets)
    }
}

fn check_id(field: &str, id: &str) -> Result<()> {
    if id.trim().is_empty() {
        return Err(Error::validation(field, "is empty"));
    }
    if id.chars().count() > 200 || id.chars().any(char::is_control) {
        return Err(Error::validation(
            field,
            "must be at most 200 characters, with no control characters",
        ));
    }
    Ok(())
}

fn checked_key(at: &str, year: Option<i32>, resource: &Option<String>) -> Result<BudgetKey> {
    if let Some(y) = year {
        if !YEARS.contains(&y) {
            return Err(Error::validation(
                format!("{at}.year"),
                format!(
                    "{y} is not a plausible fiscal year ({} to {})",
                    YEARS.start(),
                    YEARS.end()
                ),
            ));
        }
    }
    if let Some(r) = resource {
        check_id(&format!("{at}.resource"), r)?;
    }
    Ok(BudgetKey {
        year,
        resource: resource.clone(),
    })
}

fn checked_item(
    at: &str,
    item: &PlanItem,
    budgets: &[(BudgetKey, Decimal)],
    index: &HashMap<&BudgetKey, usize>,
) -> Result<Item> {
    if item.options.is_empty() {
        return Err(Error::validation(
            format!("{at}.options"),
            format!("item '{}' has no option", item.id),
        ));
    }
    if item.options.len() > MAX_OPTIONS {
        return Err(Error::validation(
            format!("{at}.options"),
            format!("{} options; the limit is {MAX_OPTIONS}", item.options.len()),
        ));
    }
    let mut ids = HashSet::new();
    let mut options = Vec::with_capacity(item.options.len());
    for (o, option) in item.options.iter().enumerate() {
        let at = format!("{at}.options[{o}]");
        check_id(&format!("{at}.id"), &option.id)?;
        if !ids.insert(option.id.as_str()) {
            return Err(Error::conflict(
                format!("{at}.id"),
                format!("item '{}' has two options '{}'", item.id, option.id),
            ));
        }
        check_value(&format!("{at}.value"), option.value)?;
        let mut costs = BTreeMap::new();
        for (c, cost) in option.costs.iter().enumerate() {
            let at = format!("{at}.costs[{c}]");
            let key = checked_key(&at, cost.year, &cost.resource)?;
            check_amount(&format!("{at}.amount"), cost.amount)?;
            let Some(&b) = index.get(&key) else {
                return Err(Error::validation(
                    at,
                    format!(
                        "item '{}' option '{}' costs {} in {key}, which has no budget",
                        item.id, option.id, cost.amount
                    ),
                ));
            };
            if costs.insert(b, cost.amount).is_some() {
                return Err(Error::conflict(
                    at,
                    format!("a second cost in {key}: give one amount per year and resource"),
                ));
            }
        }
        costs.retain(|_, amount| !amount.is_zero());
        if costs.is_empty() {
            return Err(Error::validation(
                format!("{at}.costs"),
                format!(
                    "item '{}' option '{}' has no cost at all: give what it costs in at least one year or resource",
                    item.id, option.id
                ),
            ));
        }
        let start = costs.keys().filter_map(|&b| budgets[b].0.year).min();
        options.push(Choice {
            id: option.id.clone(),
            name: option.name.clone(),
            value: option.value,
            costs: costs.into_iter().collect(),
            start,
        });
    }
    Ok(Item {
        id: item.id.clone(),
        name: item.name.clone(),
        mandatory: item.mandatory,
        rank: item.rank,
        options,
    })
}

fn check_value(field: &str, value: Decimal) -> Result<()> {
    if value.abs() > MAX_VALUE {
        return Err(Error::validation(
            field,
            format!("{value} is beyond the accepted range of values (±1,000,000,000,000)"),
        ));
    }
    if value.normalize().scale() > VALUE_SCALE {
        return Err(Error::validation(
            field,
            format!("{value} has more than {VALUE_SCALE} decimal places"),
        ));
    }
    Ok(())
}

/// A cycle among the dependencies, as the items along it with the first repeated at the
/// end (`a, b, a`), or none.
fn find_cycle(n: usize, dependencies: &[(usize, usize)]) -> Option<Vec<usize>> {
    let mut next = vec![Vec::new(); n];
    for &(a, b) in dependencies {
        next[a].push(b);
    }
    // 0: not visited, 1: on the current path, 2: done.
    let mut state = vec![0u8; n];
    let mut path: Vec<usize> = Vec::new();
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        // Iterative depth-first search: (node, index of the next edge to follow).
        let mut stack = vec![(root, 0usize)];
        state[root] = 1;
        path.push(root);
        while let Some(&mut (node, ref mut edge)) = stack.last_mut() {
            if let Some(&to) = next[node].get(*edge) {
                *edge += 1;
                match state[to] {
                    0 => {
                        state[to] = 1;
                        path.push(to);
                        stack.push((to, 0));
                    }
                    1 => {
                        let start = path.iter().position(|&p| p == to).unwrap_or(0);
                        let mut cycle = path[start..].to_vec();
                        cycle.push(to);
                        return Some(cycle);
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                path.pop();
                stack.pop();
            }
        }
    }
    None
}
