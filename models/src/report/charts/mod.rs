//! The brief's charts, each defined once: a pure [`Chart`] (the figures, wrapped labels and
//! geometry in millimetres, built from the brief) and one plotters drawing of it onto any
//! `DrawingArea`: the PDF through `PdfBackend` (vector, text stays text), slides through
//! plotters' SVG and bitmap backends (`report::svg`). The brief, the SVG and the PNG show the
//! same chart.
//!
//! Text is set in the embedded DejaVu Sans everywhere: its widths wrap the labels here, the
//! PDF embeds it, and the bitmap backend draws with it through ab_glyph (never a system
//! font), so no output depends on the fonts installed.
//!
//! Here the [`Chart`] value: its parts, their geometry and the axes' ticks; what each chart
//! shows is in [`definitions`], how plotters draws a chart in [`draw`], and how a chart
//! takes its place on a PDF page in [`page`].

mod definitions;
mod draw;
mod page;

use plotters::style::{Color, RGBAColor, RGBColor};

use super::fonts::Metrics;
use super::layout::{on_white, Layout, Rgb3};

pub(crate) use definitions::{closeness, contributions, cumulative_cost, payback, strip, tornado};
pub(crate) use draw::{register_fonts, Scale};
pub(crate) use page::gpo_strip_chart;
pub(crate) use page::{
    closeness_chart, contribution_chart, cumulative_cost_chart, department_chart, payback_chart,
    payback_chart_height, plan_budget_chart, tornado_chart,
};

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

const LABEL_SIZE: f32 = 7.0;
const TICK_SIZE: f32 = 6.5;
const TITLE_SIZE: f32 = 9.5;
const NOTE_SIZE: f32 = 7.5;
/// Line height of a wrapped bar label, mm.
const LABEL_LINE: f32 = 2.9;
/// Line height of the note under a title, mm (the brief's paragraph spacing at 7.5 pt).
const NOTE_LINE: f32 = NOTE_SIZE * 0.42 + 0.9;
const LEGEND_ROW: f32 = 4.2;
/// Height of the cumulative cost chart's plot, mm.
const LINES_PLOT: f32 = 62.0;
/// Height of the cumulative net cash flow chart's plot, mm.
const CUMULATED_PLOT: f32 = 46.0;
/// Room above that plot for the unit of its value axis, mm.
const CUMULATED_TOP: f32 = 4.0;
/// The tornado's bars are the palette's first two colours at this strength on white.
const TORNADO_TINT: f32 = 0.85;
/// A bar's height and the gap between bars, mm; the tornado's likewise.
const BAR_H: f32 = 5.0;
const BAR_GAP: f32 = 3.2;
const BAR_ROW: f32 = BAR_H + BAR_GAP;
const TORNADO_H: f32 = 4.6;
const TORNADO_GAP: f32 = 3.0;
const TORNADO_ROW: f32 = TORNADO_H + TORNADO_GAP;

fn rgb(c: Rgb3) -> RGBColor {
    let b = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    RGBColor(b(c.0), b(c.1), b(c.2))
}

fn palette(i: usize) -> RGBAColor {
    rgb(PALETTE[i % PALETTE.len()]).to_rgba()
}

/// The palette's first two colours, lightened (blended onto white, so that every backend
/// draws them alike and the gridlines stay behind them).
fn tornado_colours() -> (RGBAColor, RGBAColor) {
    let tint = |c: Rgb3| rgb(on_white(c, TORNADO_TINT)).to_rgba();
    (tint(PALETTE[0]), tint(PALETTE[1]))
}

/// One chart: a title and note, a plot, a legend, laid out `width` mm wide.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Chart {
    pub title: String,
    /// The note under the title, wrapped to the chart's width.
    pub note: Vec<String>,
    pub width: f32,
    pub plot: Plot,
    pub legend: Legend,
    /// The room the brief keeps together on one page for this chart, mm.
    keep: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Plot {
    Bars(Bars),
    Lines(Lines),
    Tornado(Tornado),
    Cumulated(Cumulated),
    Strip(Strip),
}

/// Horizontal bars, each one or more stacked segments from zero, labelled on the left.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Bars {
    pub rows: Vec<BarRow>,
    /// The value axis's ticks with their labels; the last one is the axis's end.
    pub ticks: Vec<(f64, String)>,
    label_w: f32,
    /// Room right of the plot for the value labels, mm.
    value_w: f32,
    /// Space below the axis, mm.
    below: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BarRow {
    /// The label's lines (at most two).
    pub label: Vec<String>,
    /// Segment values and colours, stacked left to right.
    pub segments: Vec<(f64, RGBAColor)>,
    /// Printed after the bar, in bold.
    pub value: String,
    /// The value's width, mm (a white box behind it keeps gridlines out of it).
    value_w: f32,
}

/// Lines over whole years from 0.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Lines {
    pub series: Vec<(Vec<f64>, RGBAColor)>,
    pub y_ticks: Vec<(f64, String)>,
    pub years: usize,
    pub x_label: String,
}

/// Vertical bars of a running total at whole years from 0 about a zero line, and the point
/// where the total first reaches zero marked on that line (or a notice that it never does).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cumulated {
    /// The running total at the end of each year, year 0 first.
    pub values: Vec<f64>,
    pub y_ticks: Vec<(f64, String)>,
    /// The value axis's unit, printed above it ("USD").
    pub unit: String,
    /// The marked point, in years from 0, and its label; without a point, the label is a
    /// notice printed above the zero line.
    pub mark: Option<f64>,
    pub mark_label: String,
    /// The label's width, mm (a white box behind it keeps gridlines and bars out of it).
    mark_w: f32,
    pub x_label: String,
}

/// The bars of a running total below zero and at or above it: the palette's red, lightened,
/// and its green.
fn cumulated_colours() -> (RGBAColor, RGBAColor) {
    (
        rgb(on_white(PALETTE[3], 0.8)).to_rgba(),
        rgb(PALETTE[2]).to_rgba(),
    )
}

/// The leader's score with each weight lowered and raised, around its score now.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tornado {
    /// Label lines, score with the weight lowered, score with it raised.
    pub rows: Vec<(Vec<String>, f64, f64)>,
    pub base: f64,
    pub ticks: Vec<(f64, String)>,
}

/// A strip plot: the group's box (quartiles, median, whiskers to the furthest values
/// within Tukey's fences) on the first row, then one labelled row of dots per member.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Strip {
    /// Q1, median, Q3, low and high whisker ends.
    pub boxed: [f64; 5],
    pub rows: Vec<StripRow>,
    pub ticks: Vec<(f64, String)>,
}

/// A member's row of a strip plot: its label's lines and its values, each flagged when it
/// is an outlier.
pub(crate) type StripRow = (Vec<String>, Vec<(f64, bool)>);

/// A strip plot's row height, mm.
const STRIP_ROW: f32 = 6.0;

#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Legend {
    /// Entries ellipsized to their column.
    pub entries: Vec<(String, RGBAColor)>,
    pub columns: usize,
}

/// Tick values covering `lo..=hi` with about `n` intervals (the last may stop short of `hi`
/// by less than half a step).
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

/// `ticks` with one more step while the last is below `hi`: a line's top point stays inside
/// the plot, never above it in the title.
fn covering(mut ticks: Vec<f64>, hi: f64) -> Vec<f64> {
    if let [.., a, b] = ticks[..] {
        if b < hi {
            ticks.push(b + (b - a));
        }
    }
    ticks
}

fn labelled(values: Vec<f64>, label: impl Fn(f64) -> String) -> Vec<(f64, String)> {
    values.into_iter().map(|v| (v, label(v))).collect()
}

/// A score tick: whole points, or one decimal for a step such as 2.5.
fn points_tick(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
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
fn label_lines(m: &Metrics, text: &str, width: f32) -> Vec<String> {
    let lines = m.wrap(&m.sanitize(text), LABEL_SIZE, width);
    if lines.len() <= 2 {
        return lines;
    }
    let rest = lines[1..].join(" ");
    vec![lines[0].clone(), m.ellipsize(&rest, LABEL_SIZE, width)]
}

/// The brief's fonts' metrics: they wrap and measure every label.
pub(crate) struct Fonts<'a> {
    pub regular: &'a Metrics,
    pub bold: &'a Metrics,
}

impl<'a> Fonts<'a> {
    pub(crate) fn of(l: &'a Layout) -> Self {
        Fonts {
            regular: &l.regular,
            bold: &l.bold,
        }
    }
}

impl Chart {
    fn new(f: &Fonts, width: f32, title: &str, note: Option<String>, plot: Plot) -> Self {
        let note = note
            .map(|n| f.regular.wrap(&f.regular.sanitize(&n), NOTE_SIZE, width))
            .unwrap_or_default();
        Chart {
            title: f.bold.sanitize(title),
            note,
            width,
            plot,
            legend: Legend::default(),
            keep: 0.0,
        }
    }

    fn with_legend(mut self, f: &Fonts, entries: Vec<(String, RGBAColor)>, columns: usize) -> Self {
        let col_w = self.width / columns as f32;
        self.legend = Legend {
            entries: entries
                .into_iter()
                .map(|(label, c)| {
                    let m = f.regular;
                    (m.ellipsize(&m.sanitize(&label), LABEL_SIZE, col_w - 6.0), c)
                })
                .collect(),
            columns,
        };
        self
    }

    fn keeping(mut self, keep: f32) -> Self {
        self.keep = keep;
        self
    }

    fn legend_rows(&self) -> usize {
        self.legend
            .entries
            .len()
            .div_ceil(self.legend.columns.max(1))
    }

    fn header_height(&self) -> f32 {
        5.5 + if self.note.is_empty() {
            2.0
        } else {
            self.note.len() as f32 * NOTE_LINE + 1.2
        }
    }

    fn plot_height(&self) -> f32 {
        match &self.plot {
            Plot::Bars(b) => b.rows.len() as f32 * BAR_ROW + b.below,
            Plot::Lines(_) => 2.0 + LINES_PLOT + 8.5 + 3.5,
            Plot::Cumulated(_) => CUMULATED_TOP + CUMULATED_PLOT + 8.5 + 3.5,
            Plot::Tornado(t) => 1.0 + t.rows.len() as f32 * TORNADO_ROW + 6.5,
            Plot::Strip(t) => 1.0 + (t.rows.len() + 1) as f32 * STRIP_ROW + 6.5,
        }
    }

    fn legend_height(&self) -> f32 {
        match self.legend_rows() {
            0 => 0.0,
            rows => rows as f32 * LEGEND_ROW + 2.0,
        }
    }

    /// The chart's height, mm.
    pub(crate) fn height(&self) -> f32 {
        self.header_height() + self.plot_height() + self.legend_height()
    }
}

/// A row of bars: its label in up to two lines, its segments and its value as printed.
fn bar_row(
    f: &Fonts,
    label_w: f32,
    label: &str,
    segments: Vec<(f64, RGBAColor)>,
    value: String,
) -> BarRow {
    let value = f.bold.sanitize(&value);
    BarRow {
        label: label_lines(f.regular, label, label_w - 3.0),
        segments,
        value_w: f.bold.width_mm(&value, LABEL_SIZE),
        value,
    }
}

#[cfg(test)]
mod tests {
    use super::definitions::departments;
    use super::*;
    use crate::money::Currency;
    use crate::report::fonts::{BOLD_TTF, REGULAR_TTF};

    #[test]
    fn axis_ticks_and_their_labels() {
        let check = |lo: f64, hi: f64, n: usize, label: fn(f64) -> String, expected: &[&str]| {
            let got: Vec<String> = ticks(lo, hi, n).into_iter().map(label).collect();
            assert_eq!(got, expected, "{lo}..{hi} in {n}");
        };
        // A bar may run past the last tick by less than half a step; its value is printed.
        check(0.0, 87.1, 5, points_tick, &["0", "20", "40", "60", "80"]);
        check(
            0.0,
            100.0,
            5,
            points_tick,
            &["0", "20", "40", "60", "80", "100"],
        );
        check(47.0, 62.0, 5, points_tick, &["45", "50", "55", "60"]);
        check(
            48.0,
            59.0,
            5,
            points_tick,
            &["47.5", "50", "52.5", "55", "57.5", "60"],
        );
        check(
            0.0,
            880_920.0,
            4,
            compact,
            &["0", "250k", "500k", "750k", "1.0M"],
        );
        check(
            0.0,
            2_153_460.0,
            5,
            compact,
            &["0", "500k", "1.0M", "1.5M", "2.0M"],
        );
        let covered: Vec<String> = covering(ticks(0.0, 2_153_460.0, 5), 2_153_460.0)
            .into_iter()
            .map(compact)
            .collect();
        assert_eq!(covered, ["0", "500k", "1.0M", "1.5M", "2.0M", "2.5M"]);
        assert_eq!(covering(vec![0.0, 5.0, 10.0], 10.0), [0.0, 5.0, 10.0]);
    }

    #[test]
    fn a_chart_is_as_tall_as_its_parts() {
        let regular = Metrics::new(REGULAR_TTF, "regular").unwrap_or_else(|e| panic!("{e}"));
        let bold = Metrics::new(BOLD_TTF, "bold").unwrap_or_else(|e| panic!("{e}"));
        let f = Fonts {
            regular: &regular,
            bold: &bold,
        };
        let entries = vec![("Medical ICU".to_string(), 880_920.0)];
        let labels = vec!["USD 880,920".to_string()];
        let usd = Currency::try_from("USD".to_string()).unwrap_or_else(|e| panic!("{e}"));
        let chart =
            departments(&f, 174.0, &entries, &labels, &usd).unwrap_or_else(|| panic!("a chart"));
        // Title and spacing 7.5 mm, one bar row 8.2 mm, the axis and the space below 8 mm.
        assert!((chart.height() - (7.5 + 8.2 + 8.0)).abs() < 1e-4);
        assert!(departments(&f, 174.0, &[], &[], &usd).is_none());
    }
}
