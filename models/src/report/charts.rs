//! The brief's charts, drawn directly as vector PDF operations: bars, lines and text that
//! stays text. Colours are opaque (translucent tints are blended onto white first).

use rust_decimal::prelude::ToPrimitive;

use super::brief::BudgetBrief;
use super::pdf::{on_white, rank_text, Layout, Rgb3, ACCENT, GRID, INK, MUTED, RULE};
use crate::assessment::RequestRanking;
use crate::ids::CandidateId;
use crate::sensitivity::SensitivityResult;

/// Twelve distinguishable colours (Tableau 10 and two more).
const PALETTE: [Rgb3; 12] = [
    (0.306, 0.475, 0.655),
    (0.949, 0.557, 0.169),
    (0.349, 0.631, 0.310),
    (0.882, 0.341, 0.349),
    (0.463, 0.718, 0.698),
    (0.929, 0.788, 0.282),
    (0.690, 0.478, 0.631),
    (1.000, 0.616, 0.655),
    (0.612, 0.459, 0.373),
    (0.729, 0.690, 0.675),
    (0.20, 0.25, 0.45),
    (0.55, 0.65, 0.20),
];

/// Most bars in one chart; the table above lists every candidate.
const MAX_BARS: usize = 15;
/// Most lines in the cumulative cost chart.
const MAX_LINES: usize = 8;
/// Most criteria in the tornado.
const MAX_TORNADO: usize = 12;

const LABEL_SIZE: f32 = 7.0;

fn palette(i: usize) -> Rgb3 {
    PALETTE[i % PALETTE.len()]
}

/// Tick step and ticks covering `lo..=hi` with about `n` intervals.
fn ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    let span = (hi - lo).max(1e-9);
    let raw = span / n.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let start = (lo / step).floor() * step;
    let mut out = Vec::new();
    let mut v = start;
    while v <= hi + step * 0.5 && out.len() < 50 {
        out.push(v);
        if v >= hi - 1e-9 {
            break;
        }
        v += step;
    }
    out
}

/// An amount in compact form for an axis: `850k`, `1.2M`.
fn compact(v: f64) -> String {
    let a = v.abs();
    if a >= 1e9 {
        format!("{:.1}B", v / 1e9)
    } else if a >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if a >= 1e3 {
        format!("{:.0}k", v / 1e3)
    } else {
        format!("{v:.0}")
    }
}

/// Up to two lines of a label fitting `width` mm.
fn label_lines(l: &Layout, text: &str, width: f32) -> Vec<String> {
    let m = &l.regular;
    let lines = m.wrap(&m.sanitize(text), LABEL_SIZE, width);
    if lines.len() <= 2 {
        return lines;
    }
    let rest = lines[1..].join(" ");
    vec![lines[0].clone(), m.ellipsize(&rest, LABEL_SIZE, width)]
}

/// The horizontal value axis under a bar chart: its line and centred tick labels.
/// `frame` is (left, plot width, axis y).
fn value_axis(
    l: &mut Layout,
    frame: (f32, f32, f32),
    ticks: &[f64],
    sx: impl Fn(f64) -> f32,
    label: impl Fn(f64) -> String,
) {
    let (x0, plot_w, y_axis) = frame;
    l.line(x0, y_axis, x0 + plot_w, y_axis, MUTED, 0.5);
    for t in ticks {
        l.text_aligned(
            sx(*t) - 8.0,
            16.0,
            y_axis + 3.5,
            &label(*t),
            6.5,
            false,
            MUTED,
            super::pdf::Align::Center,
        );
    }
}

fn chart_title(l: &mut Layout, title: &str, note: Option<String>) {
    l.y += 4.0;
    let (x, y) = (l.left, l.y);
    l.text(x, y, title, 9.5, true, INK);
    l.y += 1.5;
    if let Some(n) = note {
        l.paragraph(&n, 7.5, false, MUTED, 0.0);
    } else {
        l.y += 2.0;
    }
}

/// Legend entries flowing in columns; returns the height used.
fn legend(l: &mut Layout, entries: &[(String, Rgb3)], columns: usize) {
    let col_w = l.width() / columns as f32;
    let row_h = 4.2;
    for (row, chunk) in entries.chunks(columns).enumerate() {
        let _ = row;
        l.ensure(row_h);
        let y = l.y;
        for (k, (label, c)) in chunk.iter().enumerate() {
            let x = l.left + k as f32 * col_w;
            l.fill_rect(x, y + 0.6, 3.0, 3.0, *c);
            let text = l
                .regular
                .ellipsize(&l.regular.sanitize(label), LABEL_SIZE, col_w - 6.0);
            l.text(x + 4.5, y + 3.1, &text, LABEL_SIZE, false, INK);
        }
        l.y += row_h;
    }
    l.y += 2.0;
}

/// Horizontal bars: each candidate's score split into the criteria's (or, with many
/// criteria, the categories') weighted contributions.
pub(crate) fn contribution_chart(l: &mut Layout, r: &RequestRanking) {
    let ranked: Vec<_> = r.candidates.iter().filter(|c| c.score.is_some()).collect();
    if ranked.is_empty() {
        return;
    }
    let by_category = r.criteria.len() > PALETTE.len();
    // Segment names and, per candidate, the segment values in points.
    let mut segments: Vec<String> = Vec::new();
    let mut index_of = Vec::with_capacity(r.criteria.len());
    for c in &r.criteria {
        let name = if by_category { &c.category } else { &c.name };
        let i = segments.iter().position(|s| s == name).unwrap_or_else(|| {
            segments.push(name.clone());
            segments.len() - 1
        });
        index_of.push(i);
    }
    let shown: Vec<_> = ranked.iter().take(MAX_BARS).collect();
    let note = if ranked.len() > shown.len() {
        Some(format!(
            "The {} highest-ranked of {} ranked candidates.",
            shown.len(),
            ranked.len()
        ))
    } else {
        None
    };
    let bar_h = 5.0;
    let gap = 3.2;
    let plot_h = shown.len() as f32 * (bar_h + gap);
    let legend_rows = segments.len().div_ceil(3) as f32;
    l.ensure(14.0 + plot_h + 10.0 + legend_rows * 4.2);
    chart_title(
        l,
        if by_category {
            "Score by category (weighted contributions, points of 100)"
        } else {
            "Score by criterion (weighted contributions, points of 100)"
        },
        note,
    );
    let label_w = 58.0;
    let x0 = l.left + label_w;
    let plot_w = l.width() - label_w - 12.0;
    let max = shown.iter().filter_map(|c| c.score).fold(0.0f64, f64::max) * 100.0;
    let tick_values = ticks(0.0, max.max(10.0), 5);
    let top = *tick_values.last().unwrap_or(&100.0);
    let sx = |v: f64| x0 + (v / top) as f32 * plot_w;
    let y_top = l.y;
    for t in &tick_values {
        let x = sx(*t);
        l.line(x, y_top, x, y_top + plot_h, GRID, 0.5);
    }
    for (i, c) in shown.iter().enumerate() {
        let y = y_top + i as f32 * (bar_h + gap) + gap / 2.0;
        let label = format!("{} {}", rank_text(c.rank, c.tied), c.label);
        let lines = label_lines(l, &label, label_w - 3.0);
        let lh = 2.9;
        let start = y + bar_h / 2.0 - (lines.len() as f32 * lh) / 2.0 + lh * 0.8;
        for (k, line) in lines.iter().enumerate() {
            let ly = start + k as f32 * lh;
            let lx = l.left;
            l.text(lx, ly, line, LABEL_SIZE, false, INK);
        }
        let mut values = vec![0.0f64; segments.len()];
        for (k, cell) in c.cells.iter().enumerate() {
            values[index_of[k]] += cell.contribution.unwrap_or(0.0) * 100.0;
        }
        let mut acc = 0.0;
        for (k, v) in values.iter().enumerate() {
            if *v <= 0.0 {
                continue;
            }
            let (a, b) = (sx(acc), sx(acc + v));
            l.fill_rect(a, y, (b - a).max(0.05), bar_h, palette(k));
            acc += v;
        }
        let total = c.score.unwrap_or(0.0);
        let tx = sx(acc) + 1.2;
        l.text(
            tx,
            y + bar_h * 0.72,
            &super::brief::points(total),
            LABEL_SIZE,
            true,
            INK,
        );
    }
    let y_axis = y_top + plot_h;
    value_axis(l, (x0, plot_w, y_axis), &tick_values, sx, |t| {
        format!("{t:.0}")
    });
    l.y = y_axis + 6.5;
    let entries: Vec<(String, Rgb3)> = segments
        .iter()
        .enumerate()
        .map(|(k, s)| (s.clone(), palette(k)))
        .collect();
    legend(l, &entries, 3);
}

/// Horizontal bars of TOPSIS closeness (points of 100).
pub(crate) fn closeness_chart(l: &mut Layout, r: &RequestRanking) {
    let ranked: Vec<_> = r.candidates.iter().filter(|c| c.score.is_some()).collect();
    if ranked.is_empty() {
        return;
    }
    let shown: Vec<_> = ranked.iter().take(MAX_BARS).collect();
    let bar_h = 5.0;
    let gap = 3.2;
    let plot_h = shown.len() as f32 * (bar_h + gap);
    l.ensure(14.0 + plot_h + 10.0);
    chart_title(l, "Closeness to the ideal (TOPSIS, points of 100)", None);
    let label_w = 58.0;
    let x0 = l.left + label_w;
    let plot_w = l.width() - label_w - 12.0;
    let tick_values = ticks(0.0, 100.0, 5);
    let sx = |v: f64| x0 + (v / 100.0) as f32 * plot_w;
    let y_top = l.y;
    for t in &tick_values {
        let x = sx(*t);
        l.line(x, y_top, x, y_top + plot_h, GRID, 0.5);
    }
    for (i, c) in shown.iter().enumerate() {
        let y = y_top + i as f32 * (bar_h + gap) + gap / 2.0;
        let label = format!("{} {}", rank_text(c.rank, c.tied), c.label);
        let lines = label_lines(l, &label, label_w - 3.0);
        let lh = 2.9;
        let start = y + bar_h / 2.0 - (lines.len() as f32 * lh) / 2.0 + lh * 0.8;
        for (k, line) in lines.iter().enumerate() {
            let lx = l.left;
            l.text(lx, start + k as f32 * lh, line, LABEL_SIZE, false, INK);
        }
        let v = c.score.unwrap_or(0.0) * 100.0;
        l.fill_rect(x0, y, (sx(v) - x0).max(0.05), bar_h, palette(0));
        l.text(
            sx(v) + 1.2,
            y + bar_h * 0.72,
            &format!("{v:.1}"),
            LABEL_SIZE,
            true,
            INK,
        );
    }
    let y_axis = y_top + plot_h;
    value_axis(l, (x0, plot_w, y_axis), &tick_values, sx, |t| {
        format!("{t:.0}")
    });
    l.y = y_axis + 8.0;
}

/// Lines of each candidate's cumulative nominal cost, year 0 to the end of its life.
pub(crate) fn cumulative_cost_chart(l: &mut Layout, b: &BudgetBrief, order: &[CandidateId]) {
    let series: Vec<(String, Vec<f64>)> = order
        .iter()
        .filter_map(|id| {
            b.lifecycle
                .candidates
                .iter()
                .find(|c| c.candidate_id == *id)
        })
        .filter_map(|c| {
            c.lifecycle.as_ref().map(|lc| {
                (
                    c.label.clone(),
                    lc.schedule
                        .iter()
                        .map(|y| y.cumulative.to_f64().unwrap_or(0.0))
                        .collect(),
                )
            })
        })
        .collect();
    if series.is_empty() {
        return;
    }
    let total = series.len();
    let series: Vec<_> = series.into_iter().take(MAX_LINES).collect();
    let plot_h = 62.0;
    let legend_rows = series.len().div_ceil(2) as f32;
    l.ensure(16.0 + plot_h + 12.0 + legend_rows * 4.2);
    chart_title(
        l,
        &format!("Cumulative cost, nominal ({})", b.currency),
        (total > series.len())
            .then(|| format!("The {} highest-ranked of {total} candidates.", series.len())),
    );
    let axis_w = 16.0;
    let x0 = l.left + axis_w;
    let plot_w = l.width() - axis_w - 4.0;
    let years = series.iter().map(|s| s.1.len()).max().unwrap_or(1).max(2) - 1;
    let max = series
        .iter()
        .flat_map(|s| s.1.iter().copied())
        .fold(0.0f64, f64::max);
    let min = series
        .iter()
        .flat_map(|s| s.1.iter().copied())
        .fold(0.0f64, f64::min);
    let y_ticks = ticks(min, max.max(1.0), 5);
    let lo = *y_ticks.first().unwrap_or(&0.0);
    let hi = *y_ticks.last().unwrap_or(&1.0);
    let y_top = l.y + 2.0;
    let sx = |year: usize| x0 + year as f32 / years as f32 * plot_w;
    let sy = |v: f64| y_top + plot_h - ((v - lo) / (hi - lo).max(1e-9)) as f32 * plot_h;
    for t in &y_ticks {
        let y = sy(*t);
        l.line(x0, y, x0 + plot_w, y, GRID, 0.5);
        l.text_aligned(
            l.left,
            axis_w - 2.0,
            y + 1.2,
            &compact(*t),
            6.5,
            false,
            MUTED,
            super::pdf::Align::Right,
        );
    }
    let x_step = if years > 20 {
        5
    } else if years > 10 {
        2
    } else {
        1
    };
    for year in (0..=years).step_by(x_step) {
        let x = sx(year);
        l.line(x, y_top + plot_h, x, y_top + plot_h + 1.2, MUTED, 0.5);
        l.text_aligned(
            x - 6.0,
            12.0,
            y_top + plot_h + 4.2,
            &year.to_string(),
            6.5,
            false,
            MUTED,
            super::pdf::Align::Center,
        );
    }
    l.line(x0, y_top + plot_h, x0 + plot_w, y_top + plot_h, MUTED, 0.5);
    l.line(x0, y_top, x0, y_top + plot_h, RULE, 0.5);
    for (k, (_, values)) in series.iter().enumerate() {
        let pts: Vec<(f32, f32)> = values
            .iter()
            .enumerate()
            .map(|(year, v)| (sx(year), sy(*v)))
            .collect();
        l.polyline(&pts, palette(k), 1.3);
        for (x, y) in &pts {
            l.fill_rect(x - 0.5, y - 0.5, 1.0, 1.0, palette(k));
        }
    }
    l.y = y_top + plot_h + 8.5;
    l.text_aligned(
        x0,
        plot_w,
        l.y,
        "Years from purchase",
        6.5,
        false,
        MUTED,
        super::pdf::Align::Center,
    );
    l.y += 3.5;
    let entries: Vec<(String, Rgb3)> = series
        .iter()
        .enumerate()
        .map(|(k, (name, _))| (name.clone(), palette(k)))
        .collect();
    legend(l, &entries, 2);
}

/// The leader's score as each weight moves down and up by the tornado's delta.
pub(crate) fn tornado_chart(l: &mut Layout, s: &SensitivityResult, base: Option<f64>) {
    let Some(base) = base else { return };
    let base = base * 100.0;
    let mut bars: Vec<_> = s
        .one_way
        .iter()
        .map(|w| (w, w.leader_score_low * 100.0, w.leader_score_high * 100.0))
        .collect();
    bars.sort_by(|a, b| {
        (b.2 - b.1)
            .abs()
            .total_cmp(&(a.2 - a.1).abs())
            .then(a.0.name.cmp(&b.0.name))
    });
    let total = bars.len();
    bars.truncate(MAX_TORNADO);
    let bar_h = 4.6;
    let gap = 3.0;
    let plot_h = bars.len() as f32 * (bar_h + gap);
    l.ensure(18.0 + plot_h + 16.0);
    let leader = s.names.first().cloned().unwrap_or_default();
    chart_title(
        l,
        "Tornado: the leader's score as each weight moves 10 points",
        Some(format!(
            "{leader}'s score (points of 100) with each criterion's weight (now in brackets) lowered and raised by 10 points, at least 0 %, the others kept in proportion{}.",
            if total > bars.len() {
                format!("; the {} most influential of {total} criteria", bars.len())
            } else {
                String::new()
            }
        )),
    );
    let label_w = 62.0;
    let x0 = l.left + label_w;
    let plot_w = l.width() - label_w - 10.0;
    let lo = bars.iter().flat_map(|b| [b.1, b.2]).fold(base, f64::min);
    let hi = bars.iter().flat_map(|b| [b.1, b.2]).fold(base, f64::max);
    let pad = ((hi - lo) * 0.1).max(1.0);
    let t = ticks((lo - pad).max(0.0), (hi + pad).min(100.0).max(lo + 1.0), 5);
    let (t_lo, t_hi) = (*t.first().unwrap_or(&0.0), *t.last().unwrap_or(&100.0));
    let sx = |v: f64| x0 + ((v - t_lo) / (t_hi - t_lo).max(1e-9)) as f32 * plot_w;
    let y_top = l.y + 1.0;
    for v in &t {
        let x = sx(*v);
        l.line(x, y_top, x, y_top + plot_h, GRID, 0.5);
    }
    let down = palette(0);
    let up = palette(1);
    for (i, (w, low, high)) in bars.iter().enumerate() {
        let y = y_top + i as f32 * (bar_h + gap) + gap / 2.0;
        let label = format!("{} ({:.0} %)", w.name, w.current_weight * 100.0);
        let lines = label_lines(l, &label, label_w - 3.0);
        let lh = 2.9;
        let start = y + bar_h / 2.0 - (lines.len() as f32 * lh) / 2.0 + lh * 0.8;
        for (k, line) in lines.iter().enumerate() {
            let lx = l.left;
            l.text(lx, start + k as f32 * lh, line, LABEL_SIZE, false, INK);
        }
        for (v, c) in [(*low, down), (*high, up)] {
            let (a, b) = (sx(base.min(v)), sx(base.max(v)));
            l.fill_rect(a, y, (b - a).max(0.3), bar_h, on_white(c, 0.85));
        }
    }
    let bx = sx(base);
    l.line(bx, y_top - 1.0, bx, y_top + plot_h, ACCENT, 1.0);
    let y_axis = y_top + plot_h;
    value_axis(l, (x0, plot_w, y_axis), &t, sx, |v| format!("{v:.0}"));
    l.y = y_axis + 6.5;
    legend(
        l,
        &[
            ("Weight lowered 10 points".into(), on_white(down, 0.85)),
            ("Weight raised 10 points".into(), on_white(up, 0.85)),
            (format!("Score now: {base:.1}"), ACCENT),
        ],
        3,
    );
}

/// Horizontal bars of capital by department, largest first, each labelled with its amount.
pub(crate) fn department_chart(
    l: &mut Layout,
    entries: &[(String, f64)],
    labels: &[String],
    currency: &crate::money::Currency,
) {
    if entries.is_empty() {
        return;
    }
    let shown: Vec<_> = entries.iter().zip(labels).take(MAX_BARS).collect();
    let bar_h = 5.0;
    let gap = 3.2;
    let plot_h = shown.len() as f32 * (bar_h + gap);
    l.ensure(14.0 + plot_h + 10.0);
    chart_title(
        l,
        &format!("Capital cost of the requests by department ({currency})"),
        (entries.len() > shown.len()).then(|| {
            format!(
                "The {} largest of {} departments.",
                shown.len(),
                entries.len()
            )
        }),
    );
    let label_w = 58.0;
    let x0 = l.left + label_w;
    let plot_w = l.width() - label_w - 28.0;
    let max = shown.iter().map(|((_, v), _)| *v).fold(0.0f64, f64::max);
    let tick_values = ticks(0.0, max.max(1.0), 4);
    let top = *tick_values.last().unwrap_or(&1.0);
    let sx = |v: f64| x0 + (v / top) as f32 * plot_w;
    let y_top = l.y;
    for t in &tick_values {
        let x = sx(*t);
        l.line(x, y_top, x, y_top + plot_h, GRID, 0.5);
    }
    for (i, ((name, v), label)) in shown.iter().enumerate() {
        let y = y_top + i as f32 * (bar_h + gap) + gap / 2.0;
        let lines = label_lines(l, name, label_w - 3.0);
        let lh = 2.9;
        let start = y + bar_h / 2.0 - (lines.len() as f32 * lh) / 2.0 + lh * 0.8;
        for (k, line) in lines.iter().enumerate() {
            let lx = l.left;
            l.text(lx, start + k as f32 * lh, line, LABEL_SIZE, false, INK);
        }
        l.fill_rect(x0, y, (sx(*v) - x0).max(0.05), bar_h, palette(0));
        l.text(sx(*v) + 1.2, y + bar_h * 0.72, label, LABEL_SIZE, true, INK);
    }
    let y_axis = y_top + plot_h;
    value_axis(l, (x0, plot_w, y_axis), &tick_values, sx, compact);
    l.y = y_axis + 8.0;
}
