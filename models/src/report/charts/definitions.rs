//! What each chart shows, defined once: the figures it takes from the brief (or the
//! summary), its title and note, its labels wrapped to fit, and the room it keeps on a page.

use plotters::style::Color;
use rust_decimal::prelude::ToPrimitive;

use super::{
    bar_row, compact, covering, cumulated_colours, label_lines, labelled, palette, points_tick,
    rgb, ticks, tornado_colours, Bars, Chart, Cumulated, Fonts, Lines, Plot, Strip, Tornado,
    BAR_ROW, LABEL_SIZE, LEGEND_ROW, LINES_PLOT, PALETTE, TORNADO_ROW,
};
use crate::assessment::RequestRanking;
use crate::finance::case::{payback_text, FinancialCase};
use crate::finance::Payback;
use crate::ids::CandidateId;
use crate::money::Currency;
use crate::report::brief::{points, rank_text, BudgetBrief};
use crate::report::layout::{on_white, ACCENT};
use crate::sensitivity::SensitivityResult;

/// Most bars in one chart; the table above lists every candidate.
const MAX_BARS: usize = 15;
/// Most lines in the cumulative cost chart.
const MAX_LINES: usize = 8;
/// Most criteria in the tornado.
const MAX_TORNADO: usize = 12;

/// Horizontal bars: each candidate's score split into the criteria's (or, with many
/// criteria, the categories') weighted contributions.
pub(crate) fn contributions(f: &Fonts, width: f32, r: &RequestRanking) -> Option<Chart> {
    let ranked: Vec<_> = r.candidates.iter().filter(|c| c.score.is_some()).collect();
    if ranked.is_empty() {
        return None;
    }
    let by_category = r.criteria.len() > PALETTE.len();
    // Segment names and each criterion's segment.
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
    let note = (ranked.len() > shown.len()).then(|| {
        format!(
            "The {} highest-ranked of {} ranked candidates.",
            shown.len(),
            ranked.len()
        )
    });
    let label_w = 58.0;
    let max = shown.iter().filter_map(|c| c.score).fold(0.0f64, f64::max) * 100.0;
    let rows = shown
        .iter()
        .map(|c| {
            let mut values = vec![0.0f64; segments.len()];
            for (k, cell) in c.cells.iter().enumerate() {
                if let Some(i) = index_of.get(k) {
                    values[*i] += cell.contribution.unwrap_or(0.0) * 100.0;
                }
            }
            bar_row(
                f,
                label_w,
                &format!("{} {}", rank_text(c.rank, c.tied), c.label),
                values
                    .into_iter()
                    .enumerate()
                    .map(|(k, v)| (v, palette(k)))
                    .collect(),
                points(c.score.unwrap_or(0.0)),
            )
        })
        .collect::<Vec<_>>();
    let n = rows.len() as f32;
    let bars = Bars {
        rows,
        ticks: labelled(ticks(0.0, max.max(10.0), 5), points_tick),
        label_w,
        value_w: 12.0,
        below: 6.5,
    };
    let title = if by_category {
        "Score by category (weighted contributions, points of 100)"
    } else {
        "Score by criterion (weighted contributions, points of 100)"
    };
    let entries = segments
        .into_iter()
        .enumerate()
        .map(|(k, s)| (s, palette(k)))
        .collect();
    let chart = Chart::new(f, width, title, note, Plot::Bars(bars)).with_legend(f, entries, 3);
    let keep = 14.0 + n * BAR_ROW + 10.0 + chart.legend_rows() as f32 * LEGEND_ROW;
    Some(chart.keeping(keep))
}

/// Horizontal bars of TOPSIS closeness (points of 100).
pub(crate) fn closeness(f: &Fonts, width: f32, r: &RequestRanking) -> Option<Chart> {
    let ranked: Vec<_> = r.candidates.iter().filter(|c| c.score.is_some()).collect();
    if ranked.is_empty() {
        return None;
    }
    let label_w = 58.0;
    let rows: Vec<_> = ranked
        .iter()
        .take(MAX_BARS)
        .map(|c| {
            let v = c.score.unwrap_or(0.0) * 100.0;
            bar_row(
                f,
                label_w,
                &format!("{} {}", rank_text(c.rank, c.tied), c.label),
                vec![(v, palette(0))],
                points(c.score.unwrap_or(0.0)),
            )
        })
        .collect();
    let n = rows.len() as f32;
    let bars = Bars {
        rows,
        ticks: labelled(ticks(0.0, 100.0, 5), points_tick),
        label_w,
        value_w: 12.0,
        below: 8.0,
    };
    let title = "Closeness to the ideal (TOPSIS, points of 100)";
    Some(Chart::new(f, width, title, None, Plot::Bars(bars)).keeping(14.0 + n * BAR_ROW + 10.0))
}

/// Lines of each candidate's cumulative nominal cost, year 0 to the end of its life.
pub(crate) fn cumulative_cost(
    f: &Fonts,
    width: f32,
    b: &BudgetBrief,
    order: &[CandidateId],
) -> Option<Chart> {
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
                    // Chart geometry only: the amounts printed come from the Decimals.
                    lc.schedule
                        .iter()
                        .map(|y| y.cumulative.to_f64().unwrap_or(0.0))
                        .collect(),
                )
            })
        })
        .collect();
    if series.is_empty() {
        return None;
    }
    let total = series.len();
    let series: Vec<_> = series.into_iter().take(MAX_LINES).collect();
    let years = series.iter().map(|s| s.1.len()).max().unwrap_or(1).max(2) - 1;
    let values = || series.iter().flat_map(|s| s.1.iter().copied());
    let max = values().fold(0.0f64, f64::max);
    let min = values().fold(0.0f64, f64::min);
    let lines = Lines {
        series: series
            .iter()
            .enumerate()
            .map(|(k, (_, v))| (v.clone(), palette(k)))
            .collect(),
        y_ticks: labelled(covering(ticks(min, max.max(1.0), 5), max), compact),
        years,
        x_label: "Years from purchase".into(),
    };
    let note = (total > series.len())
        .then(|| format!("The {} highest-ranked of {total} candidates.", series.len()));
    let title = format!("Cumulative cost, nominal ({})", b.currency);
    let entries = series
        .into_iter()
        .enumerate()
        .map(|(k, (name, _))| (name, palette(k)))
        .collect();
    let chart = Chart::new(f, width, &title, note, Plot::Lines(lines)).with_legend(f, entries, 2);
    let keep = 16.0 + LINES_PLOT + 12.0 + chart.legend_rows() as f32 * LEGEND_ROW;
    Some(chart.keeping(keep))
}

/// Bars of a candidate's cumulative net cash flow (savings + revenue - lifecycle costs) at
/// the end of each year from 0, the purchase, to the end of its life, with the engine's
/// payback marked where the total first reaches zero, or "No payback within N years".
/// `candidate` names it in the note (a slide has no subheading above it).
pub(crate) fn payback(
    f: &Fonts,
    width: f32,
    case: &FinancialCase,
    currency: &Currency,
    candidate: Option<&str>,
) -> Option<Chart> {
    // Chart geometry only: the amounts printed come from the Decimals.
    let values: Vec<f64> = case
        .years
        .iter()
        .map(|y| y.cumulative_net.to_f64().unwrap_or(0.0))
        .collect();
    if values.is_empty() {
        return None;
    }
    let horizon = u32::try_from(values.len() - 1).unwrap_or(u32::MAX);
    let (mark, mark_label) = match &case.payback {
        Payback::Years { years } => (
            Some(years.to_f64().unwrap_or(0.0)),
            format!("Payback {}", payback_text(&case.payback, horizon)),
        ),
        Payback::Never => (None, format!("No payback within {horizon} years")),
    };
    let lo = values.iter().copied().fold(0.0f64, f64::min);
    let hi = values.iter().copied().fold(0.0f64, f64::max);
    let top = if hi - lo < 1.0 { lo + 1.0 } else { hi };
    let mut y_ticks = covering(ticks(lo, top, 5), hi);
    if let [.., a, b] = y_ticks[..] {
        // Room above the zero line for the notice when the total never reaches it.
        if mark.is_none() && b <= 0.0 {
            y_ticks.push(b + (b - a));
        }
    }
    let step = match y_ticks[..] {
        [a, b, ..] => b - a,
        _ => 1.0,
    };
    // Ticks are added up in floating point: a zero must print as 0, not -0.
    let y_ticks = labelled(
        y_ticks
            .into_iter()
            .map(|t| if t.abs() < step * 1e-6 { 0.0 } else { t })
            .collect(),
        compact,
    );
    let first_fy = case.years.first().and_then(|y| y.fiscal_year);
    let x_label = match first_fy {
        Some(fy) => format!("Years from purchase (year 0 is FY{fy})"),
        None => "Years from purchase".into(),
    };
    let note = format!(
        "{}avings + revenue - lifecycle costs, added up from the purchase (year 0) to the end of each year; nominal. The payback is interpolated within the year the total reaches zero.",
        candidate.map_or_else(|| "S".to_string(), |c| format!("{c}: s"))
    );
    let (below, above) = cumulated_colours();
    let mut entries = Vec::new();
    if values.iter().any(|v| *v < 0.0) {
        entries.push(("Below zero: still to be repaid".to_string(), below));
    }
    if values.iter().any(|v| *v >= 0.0) {
        entries.push(("At or above zero: repaid".to_string(), above));
    }
    let mark_label = f.bold.sanitize(&mark_label);
    let plot = Cumulated {
        values,
        y_ticks,
        unit: currency.to_string(),
        mark,
        mark_w: f.bold.width_mm(&mark_label, LABEL_SIZE),
        mark_label,
        x_label,
    };
    let title = format!("Cumulative net cash flow and payback ({currency})");
    let chart =
        Chart::new(f, width, &title, Some(note), Plot::Cumulated(plot)).with_legend(f, entries, 2);
    let keep = chart.height();
    Some(chart.keeping(keep))
}

/// The leader's score as each weight moves down and up by the tornado's delta.
pub(crate) fn tornado(
    f: &Fonts,
    width: f32,
    s: &SensitivityResult,
    base: Option<f64>,
) -> Option<Chart> {
    let base = base? * 100.0;
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
    let lo = bars.iter().flat_map(|b| [b.1, b.2]).fold(base, f64::min);
    let hi = bars.iter().flat_map(|b| [b.1, b.2]).fold(base, f64::max);
    let pad = ((hi - lo) * 0.1).max(1.0);
    let label_w = 62.0;
    let plot = Tornado {
        rows: bars
            .iter()
            .map(|(w, low, high)| {
                let label = format!("{} ({:.0} %)", w.name, w.current_weight * 100.0);
                (label_lines(f.regular, &label, label_w - 3.0), *low, *high)
            })
            .collect(),
        base,
        ticks: labelled(
            ticks((lo - pad).max(0.0), (hi + pad).min(100.0).max(lo + 1.0), 5),
            points_tick,
        ),
    };
    let n = plot.rows.len() as f32;
    let leader = s.names.first().cloned().unwrap_or_default();
    let note = format!(
        "{leader}'s score (points of 100) with each criterion's weight (now in brackets) lowered and raised by 10 points, at least 0 %, the others kept in proportion{}.",
        if total > bars.len() {
            format!("; the {} most influential of {total} criteria", bars.len())
        } else {
            String::new()
        }
    );
    let (down, up) = tornado_colours();
    let entries = vec![
        ("Weight lowered 10 points".into(), down),
        ("Weight raised 10 points".into(), up),
        (
            format!(
                "Score now: {}",
                crate::ranking::shown::decimal_text(base, 1)
            ),
            rgb(ACCENT).to_rgba(),
        ),
    ];
    let title = "Tornado: the leader's score as each weight moves 10 points";
    let chart =
        Chart::new(f, width, title, Some(note), Plot::Tornado(plot)).with_legend(f, entries, 3);
    Some(chart.keeping(18.0 + n * TORNADO_ROW + 16.0))
}

/// Horizontal bars of capital by department, largest first, each labelled with its amount.
pub(crate) fn departments(
    f: &Fonts,
    width: f32,
    entries: &[(String, f64)],
    labels: &[String],
    currency: &Currency,
) -> Option<Chart> {
    if entries.is_empty() {
        return None;
    }
    let label_w = 58.0;
    let shown: Vec<_> = entries.iter().zip(labels).take(MAX_BARS).collect();
    let max = shown.iter().map(|((_, v), _)| *v).fold(0.0f64, f64::max);
    let rows: Vec<_> = shown
        .iter()
        .map(|((name, v), label)| {
            bar_row(f, label_w, name, vec![(*v, palette(0))], (*label).clone())
        })
        .collect();
    let n = rows.len() as f32;
    let bars = Bars {
        rows,
        ticks: labelled(ticks(0.0, max.max(1.0), 4), compact),
        label_w,
        value_w: 28.0,
        below: 8.0,
    };
    let note = (entries.len() > shown.len()).then(|| {
        format!(
            "The {} largest of {} departments.",
            shown.len(),
            entries.len()
        )
    });
    let title = format!("Capital cost of the requests by department ({currency})");
    Some(Chart::new(f, width, &title, note, Plot::Bars(bars)).keeping(14.0 + n * BAR_ROW + 10.0))
}

/// Horizontal bars of each budget of a capital plan (a fiscal year's system-wide budget, or
/// a facility's): the capital the plan uses, then what is left, stacked to the budget.
/// `rows` are (label, used, budget); `labels` the value printed after each bar.
pub(crate) fn plan_budgets(
    f: &Fonts,
    width: f32,
    rows: &[(String, f64, f64)],
    labels: &[String],
    currency: &Currency,
) -> Option<Chart> {
    if rows.is_empty() {
        return None;
    }
    let label_w = 46.0;
    let shown: Vec<_> = rows.iter().zip(labels).take(MAX_BARS).collect();
    let max = shown
        .iter()
        .map(|((_, used, budget), _)| used.max(*budget))
        .fold(0.0f64, f64::max);
    let left_colour = rgb(on_white(PALETTE[0], 0.25)).to_rgba();
    let bars: Vec<_> = shown
        .iter()
        .map(|((name, used, budget), label)| {
            let left = (budget - used).max(0.0);
            bar_row(
                f,
                label_w,
                name,
                vec![(*used, palette(0)), (left, left_colour)],
                (*label).clone(),
            )
        })
        .collect();
    let n = bars.len() as f32;
    let value_w = bars
        .iter()
        .map(|r| r.value_w)
        .fold(0.0f32, f32::max)
        .clamp(20.0, 60.0)
        + 3.0;
    let plot = Bars {
        rows: bars,
        ticks: labelled(covering(ticks(0.0, max.max(1.0), 4), max), compact),
        label_w,
        value_w,
        below: 6.5,
    };
    let note = (rows.len() > shown.len())
        .then(|| format!("The first {} of {} budgets.", shown.len(), rows.len()));
    let title = format!("Capital used against each budget ({currency})");
    let entries = vec![
        ("Capital used by the plan".to_string(), palette(0)),
        ("Budget left".to_string(), left_colour),
    ];
    let chart = Chart::new(f, width, &title, note, Plot::Bars(plot)).with_legend(f, entries, 3);
    let keep = 14.0 + n * BAR_ROW + 10.0 + chart.legend_rows() as f32 * LEGEND_ROW;
    Some(chart.keeping(keep))
}

/// A model's prices as a strip plot: the group's box, then each member's net unit prices.
pub(crate) fn strip(
    f: &Fonts,
    width: f32,
    m: &crate::gpo::benchmark::ModelBenchmark,
    currency: &str,
) -> Option<Chart> {
    // Chart geometry only: the prices printed come from the Decimals.
    let v = |d: rust_decimal::Decimal| d.to_f64().unwrap_or(0.0);
    let inside: Vec<f64> = m
        .points
        .iter()
        .filter(|p| !p.outlier)
        .map(|p| v(p.net_unit_price))
        .collect();
    let p = &m.price;
    let whisker = |pick: fn(f64, f64) -> f64, start: f64| inside.iter().copied().fold(start, pick);
    let boxed = [
        v(p.q1),
        v(p.median),
        v(p.q3),
        whisker(f64::min, v(p.q1)),
        whisker(f64::max, v(p.q3)),
    ];
    let rows: Vec<super::StripRow> = m
        .members
        .iter()
        .map(|member| {
            let values = m
                .points
                .iter()
                .filter(|pt| &pt.member == member)
                .map(|pt| (v(pt.net_unit_price), pt.outlier))
                .collect();
            (
                label_lines(f.regular, member, 43.0)
                    .into_iter()
                    .take(1)
                    .collect(),
                values,
            )
        })
        .collect();
    if rows.is_empty() {
        return None;
    }
    let (lo, hi) = (v(p.best), v(p.worst));
    let pad = ((hi - lo) * 0.08).max(hi.abs() * 0.02).max(1.0);
    // Whole amounts with separators: one model's prices are close, and `compact`'s
    // thousands would print one label under several ticks.
    let whole = |x: f64| {
        crate::money::format_amount(
            rust_decimal::Decimal::from_f64_retain(x).unwrap_or_default(),
            0,
        )
    };
    let ticks = labelled(
        covering(ticks((lo - pad).max(0.0), hi + pad, 5), hi + pad),
        whole,
    );
    let bands: Vec<String> = m
        .bands
        .iter()
        .map(|b| {
            format!(
                "{} units {} ({} quote{})",
                b.band,
                crate::money::format_amount(b.median, 2),
                b.n,
                if b.n == 1 { "" } else { "s" }
            )
        })
        .collect();
    let note = format!(
        "Net unit price ({currency}): box from Q1 to Q3 with the median, whiskers to the furthest prices within 1.5 × IQR; outliers in red. Median {}, best {}. Median by quantity: {}.",
        crate::money::format_amount(p.median, 2),
        crate::money::format_amount(p.best, 2),
        bands.join("; ")
    );
    let title = match &m.product_code {
        Some(code) => format!("{} ({code})", m.label),
        None => m.label.clone(),
    };
    let n = rows.len();
    let chart = Chart::new(
        f,
        width,
        &title,
        Some(note),
        Plot::Strip(Strip { boxed, rows, ticks }),
    );
    Some(chart.keeping(20.0 + (n + 1) as f32 * 6.0 + 8.0))
}
