//! The exact solver: depth-first branch and bound over the items, bounded by the
//! Lagrangian relaxation of every row but "one option per item".
//!
//! For multipliers λ ≥ 0 on the caps, exclusion and dependency rows, each item
//! independently takes its option of highest reduced value (value less the priced use of
//! each row), or nothing; that sum plus the priced right-hand sides bounds every plan of
//! the node from above, whatever λ is (weak duality), so a node whose bound cannot beat
//! the best plan found by more than the tolerance holds no better plan. Plan values are
//! multiples of a step (the greatest common divisor of the option values), so a better
//! plan is worth a whole step more. At the root the multipliers are first improved by
//! subgradient steps (Polyak's rule toward the best plan's value), then made exact by
//! Kelley's cutting planes ([`dual`](super::dual)): at their best they give the bound of
//! the linear relaxation, since "one option per item" alone has integral corners. Every
//! other node starts its cutting planes from its parent's prices (subgradient steps
//! instead when there are many rows to price). The same prices fix options (reduced-cost
//! fixing): an option whose reduced value lies further below its item's best than the
//! bound lies above the best plan is removed from the node. Branching takes the item whose
//! two best choices are closest in reduced value, one child per remaining choice.
//! Feasibility is always tested on exact integer amounts.
//!
//! Plans come from the greedy fill, fills guided by the prices, a local search, and at the
//! root the combinations of small changes to the relaxation's plan
//! ([`exchange`](super::exchange)), which often reach the bound's value on the grid of
//! steps and so end the search at the root.

use super::dual::Master;
use super::exchange::{combine, Change, Changes};
use super::greedy::{fill, fill_from};
use super::model::Model;

mod relax;
use relax::{decided, free, gradient, item_best, propagate, relax, slack, value_step};

/// How long the search may run; past the limit the best plan found is returned unproven.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_nodes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_nodes: 20_000 }
    }
}

/// The most nodes × option variables a search visits: a node's work grows with the
/// variables, so a large plan gets fewer nodes and no plan, however large or hostile, keeps
/// the solver for long (about 40 s in a debug build, 7 s optimised, at the worst).
pub const MAX_NODE_VARIABLES: u64 = 12_000_000;

impl Limits {
    /// These limits, with at most [`MAX_NODE_VARIABLES`] / `variables` nodes (and at least
    /// 50).
    pub fn for_size(self, variables: usize) -> Limits {
        let cap = (MAX_NODE_VARIABLES / variables.max(1) as u64).max(50);
        Limits {
            max_nodes: self.max_nodes.min(cap),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Solution {
    /// The best plan found; `proven` when no better one exists (within the tolerance).
    Found {
        chosen: Vec<Option<usize>>,
        proven: bool,
        nodes: u64,
    },
    /// No plan meets every row; `proven` unless the node limit stopped the search.
    Infeasible { proven: bool },
}

/// The choices left to an item at a node: bit `j` allows its `j`-th variable; `must`
/// forbids funding nothing.
#[derive(Debug, Clone, Copy)]
struct Domain {
    mask: u128,
    must: bool,
}

#[derive(Debug, Clone)]
struct Prices {
    caps: Vec<f64>,
    groups: Vec<f64>,
    rows: Vec<f64>,
}

impl Prices {
    /// Every price in one list: caps, then groups, then dependency rows.
    fn flat(&self) -> impl Iterator<Item = f64> + '_ {
        self.caps
            .iter()
            .chain(&self.groups)
            .chain(&self.rows)
            .copied()
    }

    /// Prices shaped like these from one list.
    fn with(&self, flat: &[f64]) -> Prices {
        let (caps, rest) = flat.split_at(self.caps.len());
        let (groups, rows) = rest.split_at(self.groups.len());
        Prices {
            caps: caps.to_vec(),
            groups: groups.to_vec(),
            rows: rows.to_vec(),
        }
    }
}

/// Exchanges tried at most by the local search from a guided plan.
const IMPROVE_ROUNDS: usize = 200;

/// At the root, a guided plan is tried at every this many price updates.
const ROOT_GUESSES_EVERY: usize = 4;

#[derive(Clone)]
struct Node {
    domains: Vec<Domain>,
    prices: Prices,
}

/// What one evaluation of the relaxation gives.
#[derive(Clone)]
struct Relaxed {
    bound: f64,
    reduced: Vec<f64>,
    take: Vec<Option<usize>>,
}

struct Search<'a> {
    model: &'a Model,
    best: Option<(f64, Vec<Option<usize>>)>,
    nodes: u64,
    /// The search looks only for plans worth at least this much.
    floor: f64,
    /// Every plan's value is a multiple of this (see [`value_step`]).
    step: f64,
    /// The rounding a computed bound may carry, far above what it can be.
    margin: f64,
    /// The sum of the values' magnitudes.
    magnitude: f64,
    /// Whether nodes are bounded exactly (few relaxed rows) or by subgradient steps.
    exact_pricing: bool,
}

/// Solves the model exactly from a first plan (e.g. the greedy fill).
///
/// The root is priced first; then the tree is searched for plans worth at least a floor
/// that starts at the root's bound and steps down toward the best plan known (a search
/// that finishes without a plan above its floor proves there is none, so the next floor is
/// lower); the last search has no floor. A high floor fixes almost every option at once, so
/// a plan as good as the bound is found, and proven, in a few nodes when there is one.
pub fn solve(model: &Model, start: &[Option<usize>], limits: Limits) -> Solution {
    let step = value_step(model);
    let magnitude: f64 = model.vars.iter().map(|v| v.value.abs()).sum();
    let mut search = Search {
        model,
        best: None,
        nodes: 1,
        floor: f64::NEG_INFINITY,
        step,
        margin: (step * 1e-6).max(magnitude * 1e-10),
        magnitude,
        exact_pricing: model.caps.len() + model.exclusions.len() + model.dependency_rows.len()
            <= MAX_EXACT_PRICES,
    };
    search.offer(start);
    let mut root = Node {
        domains: model
            .item_vars
            .iter()
            .zip(&model.mandatory)
            .map(|(vars, &must)| Domain {
                mask: if vars.len() >= 128 {
                    u128::MAX
                } else {
                    (1u128 << vars.len()) - 1
                },
                must,
            })
            .collect(),
        prices: Prices {
            caps: vec![0.0; model.caps.len()],
            groups: vec![0.0; model.exclusions.len()],
            rows: vec![0.0; model.dependency_rows.len()],
        },
    };
    let mut floors = vec![f64::NEG_INFINITY];
    if propagate(model, &mut root.domains) {
        // Subgradient steps first (cheap, and their prices guide plans), then the exact
        // bound from where they stopped.
        let relaxed = search
            .price(&mut root, ROOT_ITERATIONS)
            .and_then(|relaxed| match search.exact_pricing {
                true => search.exact(&mut root, ROOT_EXACT_ITERATIONS),
                false => Some(relaxed),
            });
        if let Some(relaxed) = relaxed {
            search.guess(&root.domains, &relaxed, true);
            let top = (relaxed.bound / search.step).floor() * search.step;
            // The plan the bound allows, else plans one step better than the best, while
            // they are found.
            let mut goal = Some(top);
            for _ in 0..EXCHANGES {
                let Some(g) = goal.filter(|&g| g <= top) else {
                    break;
                };
                let found = search.exchange(&root, &relaxed, g);
                goal = match &search.best {
                    Some((v, _)) if found || g == top => Some(v + search.step),
                    _ => None,
                };
            }
            floors = search.floors(relaxed.bound);
        }
    }
    let mut complete = true;
    for floor in floors {
        search.floor = floor;
        let mut stack = vec![root.clone()];
        while let Some(node) = stack.pop() {
            if search.nodes >= limits.max_nodes {
                complete = false;
                break;
            }
            search.nodes += 1;
            stack.extend(search.expand(node, NODE_ITERATIONS));
        }
        let reached = search.best.as_ref().is_some_and(|(v, _)| *v >= floor);
        if !complete || reached {
            break;
        }
    }
    match search.best {
        Some((_, chosen)) => Solution::Found {
            chosen,
            proven: complete,
            nodes: search.nodes,
        },
        None => Solution::Infeasible { proven: complete },
    }
}

/// Subgradient steps at the root, then cutting-plane steps at the root and at every other
/// node (subgradient steps there when the prices are too many for the cutting planes).
const ROOT_ITERATIONS: usize = 400;
const ROOT_EXACT_ITERATIONS: usize = 1000;
const NODE_ITERATIONS: usize = 100;

/// The most searches for combinations of small changes at the root.
const EXCHANGES: usize = 4;

/// The most relaxed rows (caps, exclusions, dependency rows) priced by cutting planes.
const MAX_EXACT_PRICES: usize = 64;

impl Search<'_> {
    /// Keeps a complete plan when it meets every row and beats the best so far.
    fn offer(&mut self, chosen: &[Option<usize>]) {
        if !self.model.feasible(chosen) {
            return;
        }
        let value = self.model.value(chosen);
        if self.best.as_ref().is_none_or(|(v, _)| value > *v) {
            self.best = Some((value, chosen.to_vec()));
        }
    }

    /// The least value a better plan than the best can have: values are multiples of the
    /// value step, so a better plan is worth at least one step more (less a margin, on the
    /// safe side, for the rounding of the bounds).
    fn threshold(&self) -> f64 {
        let wanted = match &self.best {
            None => self.floor,
            Some((v, _)) => (v + self.step).max(self.floor),
        };
        wanted - self.margin.max(wanted.abs() * 1e-13)
    }

    /// The floors of the successive searches from the root's bound: the bound on the
    /// value grid, then lower by 1/64, 1/16 and 1/4 of the gap to the best plan, then none.
    fn floors(&self, bound: f64) -> Vec<f64> {
        let step = self.step;
        let Some((best, _)) = &self.best else {
            return vec![f64::NEG_INFINITY];
        };
        let top = (bound / step).floor() * step;
        let gap = top - best;
        let mut floors: Vec<f64> = [0.0, 1.0 / 64.0, 1.0 / 16.0, 0.25]
            .iter()
            .map(|f| ((top - gap * f) / step).floor() * step)
            .filter(|&f| f > best + step)
            .collect();
        floors.dedup();
        floors.push(f64::NEG_INFINITY);
        floors
    }

    /// Whether a node bounded by `bound` may hold a plan better than the best.
    fn may_improve(&self, bound: f64) -> bool {
        bound >= self.threshold()
    }

    /// Bounds, fixes and branches one node; returns its children (best last).
    fn expand(&mut self, mut node: Node, iterations: usize) -> Vec<Node> {
        if !propagate(self.model, &mut node.domains) {
            return Vec::new();
        }
        let relaxed = match self.exact_pricing {
            true => self.exact(&mut node, iterations),
            false => self.price(&mut node, iterations),
        };
        let Some(relaxed) = relaxed else {
            return Vec::new();
        };
        self.guess(&node.domains, &relaxed, false);
        if !self.may_improve(relaxed.bound) {
            return Vec::new();
        }
        let gap_floor = self.threshold();
        // Reduced-cost fixing, and the item to branch on.
        let model = self.model;
        let mut branch: Option<(usize, f64)> = None;
        for (i, vars) in model.item_vars.iter().enumerate() {
            let d = &mut node.domains[i];
            let best_i = item_best(vars, d, &relaxed.reduced);
            for (j, &v) in vars.iter().enumerate() {
                if d.mask & (1 << j) != 0
                    && relaxed.bound - (best_i - relaxed.reduced[v]) < gap_floor
                {
                    d.mask &= !(1 << j);
                }
            }
            if !d.must && relaxed.bound - best_i < gap_floor {
                d.must = true;
            }
            if d.must && d.mask == 0 {
                return Vec::new();
            }
            let choices = d.mask.count_ones() + u32::from(!d.must);
            if choices >= 2 {
                let mut values: Vec<f64> = vars
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| d.mask & (1 << j) != 0)
                    .map(|(_, &v)| relaxed.reduced[v])
                    .collect();
                if !d.must {
                    values.push(0.0);
                }
                values.sort_by(|a, b| b.total_cmp(a));
                let closeness = values[0] - values[1];
                if branch.is_none_or(|(_, c)| closeness < c) {
                    branch = Some((i, closeness));
                }
            }
        }
        let Some((i, _)) = branch else {
            // Every item is decided.
            let chosen = decided(model, &node.domains);
            self.offer(&chosen);
            return Vec::new();
        };
        let d = node.domains[i];
        let mut alternatives: Vec<(f64, Option<usize>)> = model.item_vars[i]
            .iter()
            .enumerate()
            .filter(|(j, _)| d.mask & (1 << j) != 0)
            .map(|(j, &v)| (relaxed.reduced[v], Some(j)))
            .collect();
        if !d.must {
            alternatives.push((0.0, None));
        }
        // Worst first, so that the most promising child is popped first.
        alternatives.sort_by(|a, b| a.0.total_cmp(&b.0));
        alternatives
            .into_iter()
            .map(|(_, j)| {
                let mut domains = node.domains.clone();
                domains[i] = match j {
                    Some(j) => Domain {
                        mask: 1 << j,
                        must: true,
                    },
                    None => Domain {
                        mask: 0,
                        must: false,
                    },
                };
                Node {
                    domains,
                    prices: node.prices.clone(),
                }
            })
            .collect()
    }

    /// Subgradient steps on the node's prices; returns the relaxation at the lowest bound
    /// (its prices left in the node), or none when the node cannot improve on the best.
    fn price(&mut self, node: &mut Node, iterations: usize) -> Option<Relaxed> {
        let model = self.model;
        let mut best: Option<(Relaxed, Prices)> = None;
        let mut step = 1.0;
        let mut stale = 0;
        for iteration in 0..iterations {
            let relaxed = relax(model, &node.domains, &node.prices)?;
            if iterations == ROOT_ITERATIONS && iteration % ROOT_GUESSES_EVERY == 0 {
                // At the root, plans guided by each set of prices along the way.
                self.guess(&node.domains, &relaxed, false);
            }
            if relaxed.take.iter().all(Option::is_none) || model.feasible(&relaxed.take) {
                self.offer(&relaxed.take);
            }
            let improved = best
                .as_ref()
                .is_none_or(|(b, _)| relaxed.bound < b.bound - 1e-12);
            if !self.may_improve(relaxed.bound) {
                return None;
            }
            let gradient = gradient(model, &relaxed.take, &node.prices);
            let norm: f64 = gradient.iter().map(|g| g * g).sum();
            let target = match &self.best {
                Some((v, _)) => v.max(self.floor - self.step),
                None if self.floor.is_finite() => self.floor - self.step,
                None => relaxed.bound - 0.1 * relaxed.bound.abs() - self.step,
            };
            let gap = relaxed.bound - target;
            if improved {
                best = Some((relaxed, node.prices.clone()));
                stale = 0;
            } else {
                stale += 1;
                if stale >= 5 {
                    step /= 2.0;
                    stale = 0;
                }
            }
            if norm <= 0.0 || step < 1e-6 {
                break;
            }
            let t = step * gap / norm;
            let prices = node
                .prices
                .caps
                .iter_mut()
                .chain(node.prices.groups.iter_mut())
                .chain(node.prices.rows.iter_mut());
            for (p, g) in prices.zip(&gradient) {
                *p = (*p - t * g).max(0.0);
            }
        }
        let (relaxed, prices) = best?;
        node.prices = prices;
        Some(relaxed)
    }

    /// The exact bound of the node: Kelley's cutting-plane method on the relaxation's
    /// bound as a function of the prices, from the node's prices, each trial point halfway
    /// between the best prices so far and the master's minimiser (in-out stabilisation,
    /// straight to the minimiser after trial points that did not improve). Returns the
    /// relaxation at the best prices (left in the node), or none when the node cannot
    /// improve on the best plan.
    fn exact(&mut self, node: &mut Node, iterations: usize) -> Option<Relaxed> {
        let model = self.model;
        let mut center = relax(model, &node.domains, &node.prices)?;
        let mut at: Vec<f64> = node.prices.flat().collect();
        let scale = self.magnitude + 1.0;
        let mut master = Master::new(at.len(), scale, 2.0 * scale);
        let tolerance = scale * 1e-9;
        let mut query = at.clone();
        let mut relaxed = center.clone();
        let mut alpha = 0.5;
        for _ in 0..iterations {
            self.offer_relaxed(&relaxed);
            if !self.may_improve(center.bound) {
                return None;
            }
            if !master.cut(relaxed.bound, &slack(model, &relaxed.take), &query) {
                break;
            }
            let Some((point, lower)) = master.solve() else {
                break;
            };
            if center.bound - lower <= tolerance {
                break;
            }
            query = at
                .iter()
                .zip(&point)
                .map(|(c, p)| (alpha * c + (1.0 - alpha) * p).max(0.0))
                .collect();
            relaxed = relax(model, &node.domains, &node.prices.with(&query))?;
            if relaxed.bound < center.bound {
                center = relaxed.clone();
                at.clone_from(&query);
                alpha = 0.5;
            } else {
                alpha = if alpha > 0.1 { alpha / 2.0 } else { 0.0 };
            }
        }
        node.prices = node.prices.with(&at);
        Some(center)
    }

    /// Looks for a plan worth `goal` among the combinations of small changes to the
    /// relaxation's plan (see [`exchange`](super::exchange)); true when it improved on the
    /// best plan. Items under an exclusion or a dependency keep their choice.
    fn exchange(&mut self, node: &Node, relaxed: &Relaxed, goal: f64) -> bool {
        let model = self.model;
        let k = model.caps.len();
        let base = &relaxed.take;
        let dense = |v: Option<usize>| {
            let mut row = vec![0i128; k];
            if let Some(v) = v {
                for &(b, a) in &model.vars[v].costs {
                    row[b] = a;
                }
            }
            row
        };
        let mut room = model.caps.clone();
        for v in base {
            for (r, c) in room.iter_mut().zip(dense(*v)) {
                *r -= c;
            }
        }
        let reduced = |v: Option<usize>| v.map_or(0.0, |v| relaxed.reduced[v]);
        let value = |v: Option<usize>| v.map_or(0.0, |v| model.vars[v].value);
        let mut changes = Vec::new();
        for (i, vars) in model.item_vars.iter().enumerate() {
            if !free(model, i) {
                continue;
            }
            let d = node.domains[i];
            let from = dense(base[i]);
            let alternatives = vars
                .iter()
                .enumerate()
                .filter(|(j, _)| d.mask & (1 << j) != 0)
                .map(|(_, &v)| Some(v))
                .chain((!d.must).then_some(None));
            for to in alternatives {
                if to == base[i] {
                    continue;
                }
                changes.push(Change {
                    item: i,
                    to,
                    loss: reduced(base[i]) - reduced(to),
                    gain: value(to) - value(base[i]),
                    delta: dense(to).iter().zip(&from).map(|(t, f)| t - f).collect(),
                });
            }
        }
        let changes = Changes {
            per_unit: node
                .prices
                .caps
                .iter()
                .zip(&model.caps)
                .map(|(p, c)| p / *c as f64)
                .collect(),
            goal: goal - model.value(base),
            room,
            changes,
        };
        if let Some(picked) = combine(&changes) {
            let mut chosen = base.clone();
            for c in picked {
                let change = &changes.changes[c];
                chosen[change.item] = change.to;
            }
            let before = self.best.as_ref().map(|(v, _)| *v);
            self.offer(&chosen);
            return self.best.as_ref().map(|(v, _)| *v) != before;
        }
        false
    }

    /// Keeps the relaxation's own plan when it meets every row.
    fn offer_relaxed(&mut self, relaxed: &Relaxed) {
        if relaxed.take.iter().all(Option::is_none) || self.model.feasible(&relaxed.take) {
            self.offer(&relaxed.take);
        }
    }

    /// A plan near the relaxation's: items by their best reduced value, each its options
    /// by reduced value, the decided items first.
    fn guess(&mut self, domains: &[Domain], relaxed: &Relaxed, improve: bool) {
        let model = self.model;
        let mut order: Vec<usize> = (0..model.items()).collect();
        let key = |i: usize| {
            let d = domains[i];
            (
                d.must && d.mask.count_ones() == 1,
                d.must,
                item_best(&model.item_vars[i], &d, &relaxed.reduced),
            )
        };
        order.sort_by(|&a, &b| {
            let (ka, kb) = (key(a), key(b));
            kb.0.cmp(&ka.0)
                .then(kb.1.cmp(&ka.1))
                .then(kb.2.total_cmp(&ka.2))
        });
        let prefs: Vec<Vec<usize>> = model
            .item_vars
            .iter()
            .zip(domains)
            .map(|(vars, d)| {
                let mut allowed: Vec<usize> = vars
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| d.mask & (1 << j) != 0)
                    .map(|(_, &v)| v)
                    .collect();
                allowed.sort_by(|&a, &b| relaxed.reduced[b].total_cmp(&relaxed.reduced[a]));
                allowed
            })
            .collect();
        let chosen = fill(model, &order, &prefs, true);
        self.offer(&chosen);
        if improve {
            self.improve(chosen, &order, &prefs);
        }
    }

    /// Local search from a plan: the best exchange of one funded option for an unfunded
    /// one (of another item, or another option of the same item) that fits and gains, then
    /// a fill of what fits after it, until no exchange gains. Items under an exclusion or a
    /// dependency are left as they are.
    fn improve(&mut self, mut chosen: Vec<Option<usize>>, order: &[usize], prefs: &[Vec<usize>]) {
        let model = self.model;
        if !model.feasible(&chosen) {
            return;
        }
        let free = |i: usize| {
            model.exclusions_of[i].is_empty()
                && model.item_vars[i].iter().all(|&v| {
                    model.rows_as_dependent[v].is_empty() && model.rows_as_requirement[v].is_empty()
                })
        };
        let k = model.caps.len();
        let dense = |v: usize| {
            let mut row = vec![0i128; k];
            for &(b, a) in &model.vars[v].costs {
                row[b] = a;
            }
            row
        };
        let costs: Vec<Vec<i128>> = (0..model.vars.len()).map(dense).collect();
        for _ in 0..IMPROVE_ROUNDS {
            let mut slack = model.caps.clone();
            for v in chosen.iter().flatten() {
                for (s, c) in slack.iter_mut().zip(&costs[*v]) {
                    *s -= c;
                }
            }
            let mut best: Option<(f64, usize, usize)> = None;
            for (i, c) in chosen.iter().enumerate() {
                let Some(out) = *c else { continue };
                if !free(i) {
                    continue;
                }
                for (w, var) in model.vars.iter().enumerate() {
                    let gain = var.value - model.vars[out].value;
                    if gain <= self.step / 2.0
                        || best.is_some_and(|(g, _, _)| gain <= g)
                        || (var.item != i && (chosen[var.item].is_some() || !free(var.item)))
                        || w == out
                    {
                        continue;
                    }
                    let fits = (0..k).all(|b| costs[w][b] - costs[out][b] <= slack[b]);
                    if fits {
                        best = Some((gain, i, w));
                    }
                }
            }
            let Some((_, i, w)) = best else { break };
            chosen[i] = None;
            chosen[model.vars[w].item] = Some(w);
            chosen = fill_from(model, chosen, order, prefs, true);
        }
        self.offer(&chosen);
    }
}
