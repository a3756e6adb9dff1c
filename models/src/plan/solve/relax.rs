//! The relaxation of a node and what it rules out: the items' choices at given prices,
//! their subgradient and slack, the value step, and the propagation of exclusions,
//! dependencies and least uses.

use super::{Domain, Model, Prices, Relaxed};

/// The step of plan values: every option's value is a whole multiple of the model's finest
/// step (its decimal places), so every plan's value is a multiple of their greatest common
/// divisor times that step. The finest step when a value is too large to be read exactly
/// as a multiple.
pub(super) fn value_step(model: &Model) -> f64 {
    let unit = model.value_step;
    let mut divisor: u64 = 0;
    for var in &model.vars {
        let multiple = (var.value / unit).round().abs();
        if !multiple.is_finite() || multiple >= (1u64 << 50) as f64 {
            return unit;
        }
        divisor = gcd(divisor, multiple as u64);
    }
    match divisor {
        0 => unit,
        d => d as f64 * unit,
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Whether an item is under no exclusion and no dependency.
pub(super) fn free(model: &Model, i: usize) -> bool {
    model.exclusions_of[i].is_empty()
        && model.item_vars[i].iter().all(|&v| {
            model.rows_as_dependent[v].is_empty() && model.rows_as_requirement[v].is_empty()
        })
}

/// The best reduced value an item can reach at a node (nothing counts as zero).
pub(super) fn item_best(vars: &[usize], d: &Domain, reduced: &[f64]) -> f64 {
    let mut best = if d.must { f64::NEG_INFINITY } else { 0.0 };
    for (j, &v) in vars.iter().enumerate() {
        if d.mask & (1 << j) != 0 {
            best = best.max(reduced[v]);
        }
    }
    best
}

/// The Lagrangian relaxation at `prices`; none when an item must be funded but has no
/// option left.
pub(super) fn relax(model: &Model, domains: &[Domain], prices: &Prices) -> Option<Relaxed> {
    let mut reduced: Vec<f64> = model.vars.iter().map(|v| v.value).collect();
    for (v, var) in model.vars.iter().enumerate() {
        let r = &mut reduced[v];
        for &(b, s) in &var.scaled {
            *r -= prices.caps[b] * s;
        }
        for &g in &model.exclusions_of[var.item] {
            *r -= prices.groups[g];
        }
        for &row in &model.rows_as_dependent[v] {
            *r -= prices.rows[row];
        }
        for &row in &model.rows_as_requirement[v] {
            *r += prices.rows[row];
        }
    }
    let mut bound: f64 = prices.caps.iter().sum::<f64>() + prices.groups.iter().sum::<f64>();
    let mut take = vec![None; model.items()];
    for (i, vars) in model.item_vars.iter().enumerate() {
        let d = &domains[i];
        let mut best = if d.must { f64::NEG_INFINITY } else { 0.0 };
        for (j, &v) in vars.iter().enumerate() {
            if d.mask & (1 << j) != 0 && reduced[v] > best {
                best = reduced[v];
                take[i] = Some(v);
            }
        }
        if take[i].is_none() && d.must {
            return None;
        }
        bound += best;
    }
    Some(Relaxed {
        bound,
        reduced,
        take,
    })
}

/// The slack of each relaxed row at `take` (caps, then groups, then dependency rows),
/// projected: a row priced at zero with room to spare does not move.
pub(super) fn gradient(model: &Model, take: &[Option<usize>], prices: &Prices) -> Vec<f64> {
    let mut all = slack(model, take);
    for (g, p) in all.iter_mut().zip(prices.flat()) {
        if p <= 0.0 && *g > 0.0 {
            *g = 0.0;
        }
    }
    all
}

/// The slack of each relaxed row at `take` (caps, then groups, then dependency rows): a
/// subgradient of the relaxation's bound in the prices.
pub(super) fn slack(model: &Model, take: &[Option<usize>]) -> Vec<f64> {
    let mut caps = vec![1.0; model.caps.len()];
    let mut groups = vec![1.0; model.exclusions.len()];
    let mut rows = vec![0.0; model.dependency_rows.len()];
    for v in take.iter().flatten() {
        let var = &model.vars[*v];
        for &(b, s) in &var.scaled {
            caps[b] -= s;
        }
        for &g in &model.exclusions_of[var.item] {
            groups[g] -= 1.0;
        }
        for &row in &model.rows_as_dependent[*v] {
            rows[row] -= 1.0;
        }
        for &row in &model.rows_as_requirement[*v] {
            rows[row] += 1.0;
        }
    }
    caps.into_iter().chain(groups).chain(rows).collect()
}

/// Narrows the domains by what the rows imply; false when the node holds no plan.
pub(super) fn propagate(model: &Model, domains: &mut [Domain]) -> bool {
    loop {
        let mut changed = false;
        // Exclusions: a group with an item that must be funded rules the others out.
        for group in &model.exclusions {
            let musts = group.iter().filter(|&&i| domains[i].must).count();
            if musts > 1 {
                return false;
            }
            if musts == 1 {
                for &i in group {
                    if !domains[i].must && domains[i].mask != 0 {
                        domains[i].mask = 0;
                        changed = true;
                    }
                }
            }
        }
        // Dependencies: an option whose requirement has no eligible option left goes; a
        // dependent that must be funded makes its requirement a must.
        for row in &model.dependency_rows {
            let var = &model.vars[row.var];
            let bit = position(model, row.var);
            if domains[var.item].mask & bit == 0 {
                continue;
            }
            let open = row
                .eligible
                .iter()
                .any(|&e| domains[model.vars[e].item].mask & position(model, e) != 0);
            if !open {
                domains[var.item].mask &= !bit;
                changed = true;
            } else if domains[var.item].must {
                // Every option of a dependent has a row for each item it requires.
                if let Some(&e) = row.eligible.first() {
                    let required = model.vars[e].item;
                    if !domains[required].must {
                        domains[required].must = true;
                        changed = true;
                    }
                }
            }
        }
        // Caps: an option that cannot fit beside the least the musts will use goes.
        let mut least = vec![0i128; model.caps.len()];
        let mut least_of = vec![Vec::new(); model.items()];
        for (i, vars) in model.item_vars.iter().enumerate() {
            let d = domains[i];
            if d.must && d.mask == 0 {
                return false;
            }
            if !d.must {
                continue;
            }
            let mut mins = vec![i128::MAX; model.caps.len()];
            for (j, &v) in vars.iter().enumerate() {
                if d.mask & (1 << j) != 0 {
                    let mut row = vec![0i128; model.caps.len()];
                    for &(b, a) in &model.vars[v].costs {
                        row[b] = a;
                    }
                    for (m, r) in mins.iter_mut().zip(row) {
                        *m = (*m).min(r);
                    }
                }
            }
            for (l, m) in least.iter_mut().zip(&mins) {
                *l += m;
            }
            least_of[i] = mins;
        }
        if least.iter().zip(&model.caps).any(|(l, c)| l > c) {
            return false;
        }
        for (i, vars) in model.item_vars.iter().enumerate() {
            for (j, &v) in vars.iter().enumerate() {
                if domains[i].mask & (1 << j) == 0 {
                    continue;
                }
                let over = model.vars[v].costs.iter().any(|&(b, a)| {
                    let mine = least_of[i].get(b).copied().unwrap_or(0);
                    least[b] - mine + a > model.caps[b]
                });
                if over {
                    domains[i].mask &= !(1 << j);
                    changed = true;
                }
            }
        }
        if !changed {
            return true;
        }
    }
}

/// A variable's bit in its item's domain.
fn position(model: &Model, v: usize) -> u128 {
    let item = model.vars[v].item;
    let j = model.item_vars[item]
        .iter()
        .position(|&x| x == v)
        .unwrap_or(0);
    1 << j
}

/// The plan of a node where every item is decided.
pub(super) fn decided(model: &Model, domains: &[Domain]) -> Vec<Option<usize>> {
    model
        .item_vars
        .iter()
        .zip(domains)
        .map(|(vars, d)| {
            if d.must {
                vars.iter()
                    .enumerate()
                    .find(|(j, _)| d.mask & (1 << j) != 0)
                    .map(|(_, &v)| v)
            } else {
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod step_tests {
    use super::*;
    use crate::plan::PlanInput;

    fn model_of(values: &[&str]) -> Model {
        let options: Vec<serde_json::Value> = values
            .iter()
            .enumerate()
            .map(|(o, v)| serde_json::json!({"id": format!("o{o}"), "value": v, "costs": [{"amount": "1"}]}))
            .collect();
        let input: PlanInput = serde_json::from_value(serde_json::json!({
            "budgets": [{"amount": "10"}],
            "items": [{"id": "a", "options": options}],
        }))
        .expect("plan JSON");
        Model::build(&input.validate().expect("plan"))
    }

    #[test]
    fn plan_values_step_by_the_greatest_common_divisor_of_the_option_values() {
        assert_eq!(value_step(&model_of(&["10", "15", "35"])), 5.0);
        assert_eq!(value_step(&model_of(&["1.5", "0.5", "2"])), 0.5);
        assert_eq!(value_step(&model_of(&["0.125", "1"])), 0.125);
        assert_eq!(value_step(&model_of(&["7"])), 7.0);
        assert_eq!(value_step(&model_of(&["0", "3", "-6"])), 3.0);
    }
}
