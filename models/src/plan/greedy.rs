//! The greedy fill committees use today, and the same fill as the solver's first guess.
//!
//! The rule (docs/capital-plan.md): mandatory items first, then the rest; within each, by
//! rank (1 first) or by value (an item's value is its best option's), ties in input order.
//! Each item in turn takes its most valuable option that still fits every budget, breaks no
//! exclusion with an item already taken, and whose required items are already taken in the
//! same or an earlier year; ties between options go to the cheaper (by total cost), then to
//! the first listed. An item with no such option is skipped, and nothing is reconsidered.

use std::cmp::Ordering;

use super::input::{GreedyOrder, Plan};
use super::model::Model;

/// The committee's greedy fill of a plan: for each item, the chosen variable or none.
pub fn greedy(plan: &Plan, model: &Model) -> Vec<Option<usize>> {
    let best_value = |i: usize| plan.items[i].options.iter().map(|o| o.value).max();
    let mut order: Vec<usize> = (0..plan.items.len()).collect();
    order.sort_by(|&a, &b| {
        let first = plan.items[b].mandatory.cmp(&plan.items[a].mandatory);
        let by = match plan.greedy_order {
            GreedyOrder::Rank => plan.items[a].rank.cmp(&plan.items[b].rank),
            GreedyOrder::Value => best_value(b).cmp(&best_value(a)),
        };
        first.then(by).then(a.cmp(&b))
    });
    let prefs: Vec<Vec<usize>> = model
        .item_vars
        .iter()
        .map(|vars| {
            let mut vars = vars.clone();
            vars.sort_by(|&x, &y| {
                let (vx, vy) = (&model.vars[x], &model.vars[y]);
                let total = |v: &super::model::Var| v.costs.iter().map(|c| c.1).sum::<i128>();
                vy.value
                    .partial_cmp(&vx.value)
                    .unwrap_or(Ordering::Equal)
                    .then(total(vx).cmp(&total(vy)))
                    .then(vx.option.cmp(&vy.option))
            });
            vars
        })
        .collect();
    fill(model, &order, &prefs, false)
}

/// Takes the items of `order` in turn, each its first variable of `prefs[item]` that fits
/// (see the module's rule). With `retry`, skipped items are tried again until a pass takes
/// nothing more (the solver's guess; the committee's fill makes one pass).
pub fn fill(
    model: &Model,
    order: &[usize],
    prefs: &[Vec<usize>],
    retry: bool,
) -> Vec<Option<usize>> {
    fill_from(model, vec![None; model.items()], order, prefs, retry)
}

/// The same fill, on top of a partial selection `chosen` that is itself feasible.
pub fn fill_from(
    model: &Model,
    mut chosen: Vec<Option<usize>>,
    order: &[usize],
    prefs: &[Vec<usize>],
    retry: bool,
) -> Vec<Option<usize>> {
    let mut used = vec![0i128; model.caps.len()];
    let mut group_taken = vec![false; model.exclusions.len()];
    for (i, c) in chosen.iter().enumerate() {
        if let Some(v) = c {
            for &(b, a) in &model.vars[*v].costs {
                used[b] += a;
            }
            for &g in &model.exclusions_of[i] {
                group_taken[g] = true;
            }
        }
    }
    let mut pending: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| chosen[i].is_none())
        .collect();
    loop {
        let mut skipped = Vec::new();
        for &i in &pending {
            let fits = |v: usize| {
                let var = &model.vars[v];
                var.costs.iter().all(|&(b, a)| used[b] + a <= model.caps[b])
                    && model.exclusions_of[i].iter().all(|&g| !group_taken[g])
                    && model.rows_as_dependent[v].iter().all(|&r| {
                        model.dependency_rows[r]
                            .eligible
                            .iter()
                            .any(|&e| chosen[model.vars[e].item] == Some(e))
                    })
            };
            match prefs[i].iter().copied().find(|&v| fits(v)) {
                Some(v) => {
                    for &(b, a) in &model.vars[v].costs {
                        used[b] += a;
                    }
                    for &g in &model.exclusions_of[i] {
                        group_taken[g] = true;
                    }
                    chosen[i] = Some(v);
                }
                None => skipped.push(i),
            }
        }
        if !retry || skipped.len() == pending.len() || skipped.is_empty() {
            return chosen;
        }
        pending = skipped;
    }
}
