//! A primal heuristic for plans whose bound is tight: the best combination of small changes
//! to the relaxation's plan, found by meeting in the middle.
//!
//! At good prices the relaxation's plan (each item at its best reduced value) is almost a
//! plan: it breaks a cap or leaves some of it unused. A plan worth `goal` more than it
//! changes a few items, each at a loss of reduced value, and the losses plus the priced
//! slack it leaves cannot exceed the gap between the bound and the value sought; so only
//! changes of small loss take part, and the slack left in each cap is small. The items
//! with the smallest losses are split in two halves; every combination of a few changes
//! within each half is listed, one half's combinations filed by the cells of a grid on the
//! slack they leave, and each combination of the other half looks up the few cells where a
//! partner can complete it. Amounts are compared exactly; the plan found is checked again
//! by the caller.

use std::collections::HashMap;

/// One change of one item from its choice in the base plan.
pub struct Change {
    pub item: usize,
    /// The variable it takes instead (none: the item is left out).
    pub to: Option<usize>,
    /// Reduced value given up (≥ 0).
    pub loss: f64,
    /// Value gained (may be negative).
    pub gain: f64,
    /// Change in the use of each cap, in ten-thousandths.
    pub delta: Vec<i128>,
}

/// The changes to the base plan that the search may combine.
pub struct Changes {
    pub changes: Vec<Change>,
    /// Each cap's room left by the base plan (negative when it breaks the cap).
    pub room: Vec<i128>,
    /// Each cap's price per ten-thousandth.
    pub per_unit: Vec<f64>,
    /// The value the combination must gain.
    pub goal: f64,
}

/// At most this many changes from each half.
const MAX_CHANGES: usize = 6;
/// At most this many combinations listed for each half.
const MAX_LISTED: usize = 300_000;
/// The items taking part: at most this many, those of smallest loss.
const MAX_ITEMS: usize = 64;

/// Combinations of one half: the changes made, the use of each cap, and the value gained.
struct Listed {
    /// Each combination's changes (`width` entries each, unused ones `u32::MAX`).
    picks: Vec<u32>,
    delta: Vec<i128>,
    gain: Vec<f64>,
    loss: Vec<f64>,
    /// The position in the half of each combination's last item (the next may follow it).
    last: Vec<usize>,
    caps: usize,
}

impl Listed {
    fn len(&self) -> usize {
        self.gain.len()
    }
    fn delta(&self, e: usize) -> &[i128] {
        &self.delta[e * self.caps..(e + 1) * self.caps]
    }
    fn picks(&self, e: usize) -> impl Iterator<Item = usize> + '_ {
        self.picks[e * MAX_CHANGES..(e + 1) * MAX_CHANGES]
            .iter()
            .take_while(|&&c| c != u32::MAX)
            .map(|&c| c as usize)
    }
}

/// The combination found: the changes to apply (indices into `changes`), the first whose
/// value reaches the goal.
pub fn combine(changes: &Changes) -> Option<Vec<usize>> {
    let caps = changes.room.len();
    // What the slack and the losses may cost together.
    let budget: f64 = changes
        .room
        .iter()
        .zip(&changes.per_unit)
        .map(|(r, p)| *r as f64 * p)
        .sum::<f64>()
        - changes.goal;
    let tolerance = 1e-9 * (1.0 + changes.goal.abs());
    if budget < -tolerance {
        return None;
    }
    let budget = budget + tolerance;
    // The items taking part, by their least loss, and their changes.
    let mut items: Vec<(f64, usize)> = Vec::new();
    for c in changes.changes.iter().filter(|c| c.loss <= budget) {
        match items.iter_mut().find(|(_, i)| *i == c.item) {
            Some(entry) => entry.0 = entry.0.min(c.loss),
            None => items.push((c.loss, c.item)),
        }
    }
    items.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    items.truncate(MAX_ITEMS);
    let of_item = |item: usize| -> Vec<usize> {
        (0..changes.changes.len())
            .filter(|&c| changes.changes[c].item == item && changes.changes[c].loss <= budget)
            .collect()
    };
    let halves: [Vec<Vec<usize>>; 2] = [
        items.iter().step_by(2).map(|&(_, i)| of_item(i)).collect(),
        items
            .iter()
            .skip(1)
            .step_by(2)
            .map(|&(_, i)| of_item(i))
            .collect(),
    ];
    let [a, b] = halves.map(|half| list(changes, &half, budget));
    // Each cap's widest slack within the budget, in ten-thousandths: the grid's cells
    // (caps priced at nothing are not filed).
    let widths: Vec<(usize, i128)> = changes
        .per_unit
        .iter()
        .enumerate()
        .filter_map(|(d, &p)| {
            let w = budget / p;
            (p > 0.0 && w < 1e15).then(|| (d, w.ceil() as i128 + 1))
        })
        .take(KEYED)
        .collect();
    // A cell's key: its coordinates, 12 bits each (cells that share a key are told apart
    // by the exact test).
    let key = |cells: &mut dyn Iterator<Item = i128>| -> u64 {
        cells.fold(0u64, |k, c| (k << 12) | (c.rem_euclid(1 << 12) as u64))
    };
    let mut filed: Vec<(u64, usize)> = (0..b.len())
        .map(|e| {
            let db = b.delta(e);
            let mut cells = widths.iter().map(|&(d, w)| db[d].div_euclid(w));
            (key(&mut cells), e)
        })
        .collect();
    filed.sort_unstable();
    let mut index: HashMap<u64, (usize, usize)> = HashMap::new();
    for (at, &(k, _)) in filed.iter().enumerate() {
        index.entry(k).or_insert((at, at)).1 = at + 1;
    }
    let mut wanted = vec![0i128; caps];
    let mut checks = 0usize;
    for ea in 0..a.len() {
        let da = a.delta(ea);
        for d in 0..caps {
            wanted[d] = changes.room[d] - da[d];
        }
        // The partner's use of each filed cap lies in [wanted - width, wanted]: two cells.
        for corner in 0..1u32 << widths.len() {
            let mut cells = widths
                .iter()
                .enumerate()
                .map(|(n, &(d, w))| (wanted[d] - w * i128::from(corner >> n & 1)).div_euclid(w));
            let Some(&(from, to)) = index.get(&key(&mut cells)) else {
                continue;
            };
            checks += to - from;
            if checks > MAX_CHECKS {
                return None;
            }
            for &(_, eb) in &filed[from..to] {
                if a.loss[ea] + b.loss[eb] > budget {
                    continue;
                }
                let db = b.delta(eb);
                if (0..caps).all(|d| da[d] + db[d] <= changes.room[d])
                    && a.gain[ea] + b.gain[eb] >= changes.goal - tolerance
                {
                    return Some(a.picks(ea).chain(b.picks(eb)).collect());
                }
            }
        }
    }
    None
}

/// The caps filed in the grid, at most.
const KEYED: usize = 5;
/// The most pairs of combinations compared (when the grid's cells are wide).
const MAX_CHECKS: usize = 20_000_000;

/// The combinations of at most [`MAX_CHANGES`] changes, one per item of `half`, whose
/// losses stay within `budget`, fewest changes first (at most [`MAX_LISTED`] of them).
fn list(changes: &Changes, half: &[Vec<usize>], budget: f64) -> Listed {
    let caps = changes.room.len();
    let mut listed = Listed {
        picks: vec![u32::MAX; MAX_CHANGES],
        delta: vec![0; caps],
        gain: vec![0.0],
        loss: vec![0.0],
        last: vec![0],
        caps,
    };
    // The combinations of the previous size: listed[level..].
    let mut level = 0;
    for size in 0..MAX_CHANGES {
        let end = listed.len();
        for e in level..end {
            let first = if size == 0 { 0 } else { listed.last[e] + 1 };
            for (i, options) in half.iter().enumerate().skip(first) {
                for &c in options {
                    let change = &changes.changes[c];
                    let loss = listed.loss[e] + change.loss;
                    if loss > budget {
                        continue;
                    }
                    if listed.len() >= MAX_LISTED {
                        return listed;
                    }
                    let base = e * MAX_CHANGES;
                    for n in 0..MAX_CHANGES {
                        let p = if n == size {
                            c as u32
                        } else {
                            listed.picks[base + n]
                        };
                        listed.picks.push(p);
                    }
                    for d in 0..caps {
                        let x = listed.delta[e * caps + d] + change.delta[d];
                        listed.delta.push(x);
                    }
                    listed.gain.push(listed.gain[e] + change.gain);
                    listed.loss.push(loss);
                    listed.last.push(i);
                }
            }
        }
        level = end;
    }
    listed
}
