//! The integer programme of a checked plan: one binary variable per (item, option), the
//! caps as knapsack rows, one "at most one option" row per item (exactly one when it is
//! mandatory), one row per option of a dependent item, one row per exclusion group.
//!
//! Amounts are kept exactly as integers (ten-thousandths, the finest amount a plan
//! accepts) for every feasibility test, and as `f64` rows scaled by their cap for the
//! bounds, which only need to be valid, not exact. Values are kept as `f64` for the bounds
//! and as `Decimal` in the plan for the totals reported.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::input::{Plan, VALUE_SCALE};

/// A variable of the programme: an option of an item that can fit its budgets alone.
#[derive(Debug, Clone)]
pub struct Var {
    pub item: usize,
    /// The option's index in the plan's item.
    pub option: usize,
    pub value: f64,
    /// (budget index, amount in ten-thousandths).
    pub costs: Vec<(usize, i128)>,
    /// (budget index, amount / budget), for the bounds.
    pub scaled: Vec<(usize, f64)>,
    pub start: Option<i32>,
}

/// "If `var` is chosen, one of `eligible` is": the dependent item's option `var` needs the
/// required item funded by one of these options (those starting no later).
#[derive(Debug, Clone)]
pub struct DependencyRow {
    pub var: usize,
    pub eligible: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Model {
    /// Budgets in ten-thousandths.
    pub caps: Vec<i128>,
    /// Each item's variables, in option order.
    pub item_vars: Vec<Vec<usize>>,
    pub mandatory: Vec<bool>,
    pub vars: Vec<Var>,
    pub dependency_rows: Vec<DependencyRow>,
    /// Item groups of which at most one is funded.
    pub exclusions: Vec<Vec<usize>>,
    /// For each item, the exclusion groups it belongs to.
    pub exclusions_of: Vec<Vec<usize>>,
    /// For each variable, the dependency rows where it is the dependent option (-) and
    /// where it is an eligible requirement (+).
    pub rows_as_dependent: Vec<Vec<usize>>,
    pub rows_as_requirement: Vec<Vec<usize>>,
    /// The smallest difference between two plan values that can be told apart.
    pub value_step: f64,
}

/// An amount in ten-thousandths (amounts have at most four decimal places).
pub fn units(amount: Decimal) -> i128 {
    let mut a = amount;
    a.rescale(4);
    a.mantissa()
}

impl Model {
    pub fn build(plan: &Plan) -> Model {
        let caps: Vec<i128> = plan.budgets.iter().map(|(_, b)| units(*b)).collect();
        let mut vars = Vec::new();
        let mut item_vars = Vec::with_capacity(plan.items.len());
        let mut scale = 0;
        for (i, item) in plan.items.iter().enumerate() {
            let mut mine = Vec::new();
            for (o, choice) in item.options.iter().enumerate() {
                scale = scale.max(choice.value.normalize().scale());
                let costs: Vec<(usize, i128)> =
                    choice.costs.iter().map(|&(b, a)| (b, units(a))).collect();
                // An option that exceeds a budget on its own can never be chosen.
                if costs.iter().any(|&(b, a)| a > caps[b]) {
                    continue;
                }
                let scaled = costs
                    .iter()
                    .map(|&(b, a)| (b, a as f64 / caps[b] as f64))
                    .collect();
                mine.push(vars.len());
                vars.push(Var {
                    item: i,
                    option: o,
                    value: choice.value.to_f64().unwrap_or(0.0),
                    costs,
                    scaled,
                    start: choice.start,
                });
            }
            item_vars.push(mine);
        }
        let mut dependency_rows = Vec::new();
        for &(a, b) in &plan.dependencies {
            for &va in &item_vars[a] {
                let eligible = item_vars[b]
                    .iter()
                    .copied()
                    .filter(|&vb| match (vars[va].start, vars[vb].start) {
                        (Some(ya), Some(yb)) => yb <= ya,
                        _ => true,
                    })
                    .collect();
                dependency_rows.push(DependencyRow { var: va, eligible });
            }
        }
        let mut exclusions_of = vec![Vec::new(); plan.items.len()];
        for (g, group) in plan.exclusions.iter().enumerate() {
            for &i in group {
                exclusions_of[i].push(g);
            }
        }
        let mut rows_as_dependent = vec![Vec::new(); vars.len()];
        let mut rows_as_requirement = vec![Vec::new(); vars.len()];
        for (r, row) in dependency_rows.iter().enumerate() {
            rows_as_dependent[row.var].push(r);
            for &v in &row.eligible {
                rows_as_requirement[v].push(r);
            }
        }
        Model {
            caps,
            item_vars,
            mandatory: plan.items.iter().map(|x| x.mandatory).collect(),
            vars,
            dependency_rows,
            exclusions: plan.exclusions.clone(),
            exclusions_of,
            rows_as_dependent,
            rows_as_requirement,
            value_step: 10f64.powi(-(scale.min(VALUE_SCALE) as i32)),
        }
    }

    pub fn items(&self) -> usize {
        self.item_vars.len()
    }

    /// Whether a complete choice (one variable or none per item) meets every row, exactly.
    pub fn feasible(&self, chosen: &[Option<usize>]) -> bool {
        let mut used = vec![0i128; self.caps.len()];
        for (i, c) in chosen.iter().enumerate() {
            match c {
                Some(v) => {
                    for &(b, a) in &self.vars[*v].costs {
                        used[b] += a;
                    }
                }
                None if self.mandatory[i] => return false,
                None => {}
            }
        }
        if used.iter().zip(&self.caps).any(|(u, c)| u > c) {
            return false;
        }
        let funded = |i: usize| chosen[i].is_some();
        if self
            .exclusions
            .iter()
            .any(|g| g.iter().filter(|&&i| funded(i)).count() > 1)
        {
            return false;
        }
        self.dependency_rows.iter().all(|row| {
            let dependent = self.vars[row.var].item;
            chosen[dependent] != Some(row.var)
                || row.eligible.iter().any(|&v| {
                    let required = self.vars[v].item;
                    chosen[required] == Some(v)
                })
        })
    }

    /// The total value of a choice.
    pub fn value(&self, chosen: &[Option<usize>]) -> f64 {
        chosen.iter().flatten().map(|&v| self.vars[v].value).sum()
    }
}
