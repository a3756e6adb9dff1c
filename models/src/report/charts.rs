//! The brief's charts, each defined once: a pure [`Chart`] (the figures, wrapped labels and
//! geometry in millimetres, built from the brief) and one plotters drawing of it onto any
//! `DrawingArea`: the PDF through [`PdfBackend`] (vector, text stays text), slides through
//! plotters' SVG and bitmap backends (`report::svg`). The brief, the SVG and the PNG show the
//! same chart.
//!
//! Text is set in the embedded DejaVu Sans everywhere: its widths wrap the labels here, the
//! PDF embeds it, and the bitmap backend draws with it through ab_glyph (never a system
//! font), so no output depends on the fonts installed.

use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea};
use plotters::element::{PathElement, Rectangle, Text};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontDesc, FontFamily, FontStyle, RGBAColor, RGBColor};
use plotters_backend::DrawingBackend;
use rust_decimal::prelude::ToPrimitive;

use super::brief::{rank_text, BudgetBrief};
use super::fonts::{Metrics, BOLD_TTF, REGULAR_TTF};
use super::layout::{on_white, Layout, Rgb3, ACCENT, GRID, INK, MUTED, RULE};
use super::pdf_backend::PdfBackend;
use crate::assessment::RequestRanking;
use crate::error::{Error, Result};
use crate::ids::CandidateId;
use crate::money::Currency;
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
/// The tornado's bars are the palette's first two colours at this strength on white.
const TORNADO_TINT: f32 = 0.85;

/// The family the charts' text is set in. plotters' SVG backend writes it as the
/// `font-family` list; the bitmap backend finds the embedded DejaVu fonts under it.
const FONT_FAMILY: &str = "DejaVu Sans, Verdana, sans-serif";
const MM_PER_PT: f64 = 25.4 / 72.0;

// ---- how a backend draws -----------------------------------------------------------------

/// How a backend's pixels relate to the charts' millimetres and points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scale {
    pub px_per_mm: f64,
    /// plotters' font size that sets one em of text.
    pub size_per_em: f64,
    /// How far below a vertically centred text anchor the backend puts the baseline, em.
    pub baseline_below_centre: f64,
}

/// DejaVu Sans's x-height, em.
const EX_PER_EM: f64 = 1120.0 / 2048.0;

impl Scale {
    /// The PDF: a micrometre per pixel (plotters' coordinates are integers; this keeps the
    /// brief's positions to a thousandth of a millimetre), text placed as the SVG backend
    /// places it.
    pub(crate) const PDF: Scale = Scale {
        px_per_mm: 1000.0,
        size_per_em: 1.24,
        baseline_below_centre: EX_PER_EM / 2.0,
    };

    /// plotters' SVG backend writes `size / 1.24` as the font size and centres text with
    /// `dy="0.5ex"`.
    pub(crate) fn svg(px_per_mm: f64) -> Scale {
        Scale {
            px_per_mm,
            ..Scale::PDF
        }
    }

    /// plotters' bitmap backend (ab_glyph) scales a font so that its ascent-to-descent
    /// height is the size (DejaVu Sans: 1.164 em) and puts the baseline of centred text
    /// half the size below the top of a box `size / 1.24` high.
    pub(crate) fn bitmap(px_per_mm: f64) -> Scale {
        let size_per_em = (1901.0 + 483.0) / 2048.0;
        Scale {
            px_per_mm,
            size_per_em,
            baseline_below_centre: size_per_em * (0.5 - 0.5 / 1.24),
        }
    }
}

/// Registers the embedded DejaVu fonts with plotters' ab_glyph text (once per process).
pub(crate) fn register_fonts() -> Result<()> {
    static REGISTERED: OnceLock<std::result::Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            for (style, bytes, name) in [
                (FontStyle::Normal, REGULAR_TTF, "DejaVuSans.ttf"),
                (FontStyle::Bold, BOLD_TTF, "DejaVuSans-Bold.ttf"),
            ] {
                plotters::style::register_font(FONT_FAMILY, style, bytes)
                    .map_err(|_| format!("embedded font {name}"))?;
            }
            Ok(())
        })
        .clone()
        .map_err(|place| Error::Corrupt {
            place,
            message: "does not parse".into(),
        })
}

fn rgb(c: Rgb3) -> RGBColor {
    let b = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    RGBColor(b(c.0), b(c.1), b(c.2))
}

fn palette(i: usize) -> RGBAColor {
    rgb(PALETTE[i % PALETTE.len()]).to_rgba()
}

/// The result of drawing on a backend.
pub(crate) type Drawn<DB> =
    std::result::Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// A chart's drawing area with the chart's unit, the millimetre, and its text style.
struct Canvas<'a, DB: DrawingBackend> {
    area: &'a DrawingArea<DB, Shift>,
    scale: Scale,
}

impl<DB: DrawingBackend> Canvas<'_, DB> {
    fn px(&self, mm: f32) -> i32 {
        (f64::from(mm) * self.scale.px_per_mm).round() as i32
    }

    fn at(&self, x: f32, y: f32) -> (i32, i32) {
        (self.px(x), self.px(y))
    }

    fn rect(&self, x: f32, y: f32, w: f32, h: f32, c: RGBAColor) -> Drawn<DB> {
        self.area.draw(&Rectangle::new(
            [self.at(x, y), self.at(x + w, y + h)],
            c.filled(),
        ))
    }

    fn line(&self, points: &[(f32, f32)], c: RGBAColor, width_pt: f32) -> Drawn<DB> {
        let width = (f64::from(width_pt) * MM_PER_PT * self.scale.px_per_mm)
            .round()
            .max(1.0) as u32;
        let points: Vec<_> = points.iter().map(|(x, y)| self.at(*x, *y)).collect();
        self.area
            .draw(&PathElement::new(points, c.stroke_width(width)))
    }

    /// Text with its baseline at `baseline`, starting at, centred on or ending at `x`.
    #[allow(clippy::too_many_arguments)] // a position, the text and its style
    fn text(
        &self,
        x: f32,
        baseline: f32,
        s: &str,
        size_pt: f32,
        bold: bool,
        c: Rgb3,
        align: HPos,
    ) -> Drawn<DB> {
        if s.trim().is_empty() {
            return Ok(());
        }
        let em_px = f64::from(size_pt) * MM_PER_PT * self.scale.px_per_mm;
        let centre =
            f64::from(baseline) * self.scale.px_per_mm - self.scale.baseline_below_centre * em_px;
        let style = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let font = FontDesc::new(
            FontFamily::Name(FONT_FAMILY),
            em_px * self.scale.size_per_em,
            style,
        )
        .color(&rgb(c))
        .pos(Pos::new(align, VPos::Center));
        self.area.draw(&Text::new(
            s.to_string(),
            (self.px(x), centre.round() as i32),
            font,
        ))
    }
}

// ---- the charts as data --------------------------------------------------------------------

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

/// The leader's score with each weight lowered and raised, around its score now.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tornado {
    /// Label lines, score with the weight lowered, score with it raised.
    pub rows: Vec<(Vec<String>, f64, f64)>,
    pub base: f64,
    pub ticks: Vec<(f64, String)>,
}

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
            Plot::Tornado(t) => 1.0 + t.rows.len() as f32 * TORNADO_ROW + 6.5,
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

    /// Draws the chart with its top-left corner at the area's.
    pub(crate) fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        scale: Scale,
    ) -> Drawn<DB> {
        let c = Canvas { area, scale };
        c.text(0.0, 4.0, &self.title, TITLE_SIZE, true, INK, HPos::Left)?;
        for (k, line) in self.note.iter().enumerate() {
            let y = 5.5 + (k + 1) as f32 * NOTE_LINE - NOTE_LINE * 0.25;
            c.text(0.0, y, line, NOTE_SIZE, false, MUTED, HPos::Left)?;
        }
        let top = self.header_height();
        match &self.plot {
            Plot::Bars(b) => draw_bars(&c, b, self.width, top)?,
            Plot::Lines(l) => draw_lines(&c, l, self.width, top)?,
            Plot::Tornado(t) => draw_tornado(&c, t, self.width, top)?,
        }
        draw_legend(&c, &self.legend, self.width, top + self.plot_height())
    }
}

// ---- drawing -------------------------------------------------------------------------------

const BAR_H: f32 = 5.0;
const BAR_GAP: f32 = 3.2;
const BAR_ROW: f32 = BAR_H + BAR_GAP;
const TORNADO_H: f32 = 4.6;
const TORNADO_GAP: f32 = 3.0;
const TORNADO_ROW: f32 = TORNADO_H + TORNADO_GAP;

/// A label's lines centred on a bar from `y`, `h` high.
fn bar_label<DB: DrawingBackend>(c: &Canvas<DB>, lines: &[String], y: f32, h: f32) -> Drawn<DB> {
    let start = y + h / 2.0 - lines.len() as f32 * LABEL_LINE / 2.0 + LABEL_LINE * 0.8;
    for (k, line) in lines.iter().enumerate() {
        let baseline = start + k as f32 * LABEL_LINE;
        c.text(0.0, baseline, line, LABEL_SIZE, false, INK, HPos::Left)?;
    }
    Ok(())
}

/// Vertical gridlines at the ticks from `y_top` down to the axis, the axis and its labels.
fn value_axis<DB: DrawingBackend>(
    c: &Canvas<DB>,
    ticks: &[(f64, String)],
    sx: impl Fn(f64) -> f32,
    (x0, x1): (f32, f32),
    (y_top, y_axis): (f32, f32),
) -> Drawn<DB> {
    for (t, _) in ticks {
        let x = sx(*t);
        c.line(&[(x, y_top), (x, y_axis)], rgb(GRID).to_rgba(), 0.5)?;
    }
    c.line(&[(x0, y_axis), (x1, y_axis)], rgb(MUTED).to_rgba(), 0.5)?;
    for (t, label) in ticks {
        c.text(
            sx(*t),
            y_axis + 3.5,
            label,
            TICK_SIZE,
            false,
            MUTED,
            HPos::Center,
        )?;
    }
    Ok(())
}

fn draw_bars<DB: DrawingBackend>(c: &Canvas<DB>, b: &Bars, width: f32, top: f32) -> Drawn<DB> {
    let x0 = b.label_w;
    let plot_w = width - b.label_w - b.value_w;
    let (lo, hi) = match (b.ticks.first(), b.ticks.last()) {
        (Some(lo), Some(hi)) => (lo.0, hi.0),
        _ => (0.0, 1.0),
    };
    let sx = |v: f64| x0 + ((v - lo) / (hi - lo).max(1e-9)) as f32 * plot_w;
    let plot_h = b.rows.len() as f32 * BAR_ROW;
    let y_axis = top + plot_h;
    value_axis(c, &b.ticks, sx, (x0, x0 + plot_w), (top, y_axis))?;
    for (i, row) in b.rows.iter().enumerate() {
        let y = top + i as f32 * BAR_ROW + BAR_GAP / 2.0;
        bar_label(c, &row.label, y, BAR_H)?;
        let mut acc = 0.0;
        for (v, colour) in &row.segments {
            if *v <= 0.0 {
                continue;
            }
            let (a, e) = (sx(acc), sx(acc + v));
            c.rect(a, y, (e - a).max(0.05), BAR_H, *colour)?;
            acc += v;
        }
        let x = sx(acc) + 1.2;
        c.rect(
            x - 0.4,
            y + 0.4,
            row.value_w + 0.8,
            BAR_H - 0.8,
            rgb((1.0, 1.0, 1.0)).to_rgba(),
        )?;
        c.text(
            x,
            y + BAR_H * 0.72,
            &row.value,
            LABEL_SIZE,
            true,
            INK,
            HPos::Left,
        )?;
    }
    Ok(())
}

fn draw_lines<DB: DrawingBackend>(c: &Canvas<DB>, l: &Lines, width: f32, top: f32) -> Drawn<DB> {
    let axis_w = 16.0;
    let x0 = axis_w;
    let plot_w = width - axis_w - 4.0;
    let plot_h = LINES_PLOT;
    let y_top = top + 2.0;
    let y_axis = y_top + plot_h;
    let (lo, hi) = match (l.y_ticks.first(), l.y_ticks.last()) {
        (Some(lo), Some(hi)) => (lo.0, hi.0),
        _ => (0.0, 1.0),
    };
    let years = l.years.max(1);
    let sx = |year: usize| x0 + year as f32 / years as f32 * plot_w;
    let sy = |v: f64| y_axis - ((v - lo) / (hi - lo).max(1e-9)) as f32 * plot_h;
    for (t, label) in &l.y_ticks {
        let y = sy(*t);
        c.line(&[(x0, y), (x0 + plot_w, y)], rgb(GRID).to_rgba(), 0.5)?;
        c.text(
            axis_w - 2.0,
            y + 1.2,
            label,
            TICK_SIZE,
            false,
            MUTED,
            HPos::Right,
        )?;
    }
    let step = if years > 20 {
        5
    } else if years > 10 {
        2
    } else {
        1
    };
    for year in (0..=years).step_by(step) {
        let x = sx(year);
        c.line(&[(x, y_axis), (x, y_axis + 1.2)], rgb(MUTED).to_rgba(), 0.5)?;
        let label = year.to_string();
        c.text(
            x,
            y_axis + 4.2,
            &label,
            TICK_SIZE,
            false,
            MUTED,
            HPos::Center,
        )?;
    }
    c.line(
        &[(x0, y_axis), (x0 + plot_w, y_axis)],
        rgb(MUTED).to_rgba(),
        0.5,
    )?;
    c.line(&[(x0, y_top), (x0, y_axis)], rgb(RULE).to_rgba(), 0.5)?;
    for (values, colour) in &l.series {
        let points: Vec<(f32, f32)> = values
            .iter()
            .enumerate()
            .map(|(year, v)| (sx(year), sy(*v)))
            .collect();
        if points.len() > 1 {
            c.line(&points, *colour, 1.3)?;
        }
        for (x, y) in &points {
            c.rect(x - 0.5, y - 0.5, 1.0, 1.0, *colour)?;
        }
    }
    c.text(
        x0 + plot_w / 2.0,
        y_axis + 8.5,
        &l.x_label,
        TICK_SIZE,
        false,
        MUTED,
        HPos::Center,
    )
}

fn draw_tornado<DB: DrawingBackend>(
    c: &Canvas<DB>,
    t: &Tornado,
    width: f32,
    top: f32,
) -> Drawn<DB> {
    let label_w = 62.0;
    let x0 = label_w;
    let plot_w = width - label_w - 10.0;
    let (lo, hi) = match (t.ticks.first(), t.ticks.last()) {
        (Some(lo), Some(hi)) => (lo.0, hi.0),
        _ => (0.0, 100.0),
    };
    let sx = |v: f64| x0 + ((v - lo) / (hi - lo).max(1e-9)) as f32 * plot_w;
    let y_top = top + 1.0;
    let y_axis = y_top + t.rows.len() as f32 * TORNADO_ROW;
    value_axis(c, &t.ticks, sx, (x0, x0 + plot_w), (y_top, y_axis))?;
    let (down, up) = tornado_colours();
    for (i, (label, low, high)) in t.rows.iter().enumerate() {
        let y = y_top + i as f32 * TORNADO_ROW + TORNADO_GAP / 2.0;
        bar_label(c, label, y, TORNADO_H)?;
        for (v, colour) in [(*low, down), (*high, up)] {
            let (a, e) = (sx(t.base.min(v)), sx(t.base.max(v)));
            c.rect(a, y, (e - a).max(0.3), TORNADO_H, colour)?;
        }
    }
    let bx = sx(t.base);
    c.line(
        &[(bx, y_top - 1.0), (bx, y_axis)],
        rgb(ACCENT).to_rgba(),
        1.0,
    )
}

/// The palette's first two colours, lightened (blended onto white, so that every backend
/// draws them alike and the gridlines stay behind them).
fn tornado_colours() -> (RGBAColor, RGBAColor) {
    let tint = |c: Rgb3| rgb(on_white(c, TORNADO_TINT)).to_rgba();
    (tint(PALETTE[0]), tint(PALETTE[1]))
}

fn draw_legend<DB: DrawingBackend>(
    c: &Canvas<DB>,
    legend: &Legend,
    width: f32,
    top: f32,
) -> Drawn<DB> {
    let col_w = width / legend.columns.max(1) as f32;
    for (row, chunk) in legend.entries.chunks(legend.columns.max(1)).enumerate() {
        let y = top + row as f32 * LEGEND_ROW;
        for (k, (label, colour)) in chunk.iter().enumerate() {
            let x = k as f32 * col_w;
            c.rect(x, y + 0.6, 3.0, 3.0, *colour)?;
            c.text(x + 4.5, y + 3.1, label, LABEL_SIZE, false, INK, HPos::Left)?;
        }
    }
    Ok(())
}

// ---- the brief's charts --------------------------------------------------------------------

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
                super::brief::points(c.score.unwrap_or(0.0)),
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
                format!("{v:.1}"),
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
        (format!("Score now: {base:.1}"), rgb(ACCENT).to_rgba()),
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

// ---- in the PDF ------------------------------------------------------------------------------

/// Draws `chart` at the layout's position, on the next page unless it fits on this one.
pub(crate) fn place(l: &mut Layout, chart: &Chart) {
    let height = chart.height();
    l.ensure(chart.keep.max(height));
    let origin = (l.left, l.y);
    let drawn = {
        let area =
            PdfBackend::new(l, origin, (chart.width, height), Scale::PDF).into_drawing_area();
        chart.draw(&area, Scale::PDF)
    };
    l.y = origin.1 + height;
    if let Err(e) = drawn {
        // Drawing into PDF operations cannot fail; should plotters report anything, the
        // brief says so where the chart would be.
        l.paragraph(
            &format!("The chart could not be drawn: {e}"),
            8.0,
            false,
            MUTED,
            0.0,
        );
    }
}

pub(crate) fn contribution_chart(l: &mut Layout, r: &RequestRanking) {
    if let Some(chart) = contributions(&Fonts::of(l), l.width(), r) {
        place(l, &chart);
    }
}

pub(crate) fn closeness_chart(l: &mut Layout, r: &RequestRanking) {
    if let Some(chart) = closeness(&Fonts::of(l), l.width(), r) {
        place(l, &chart);
    }
}

pub(crate) fn cumulative_cost_chart(l: &mut Layout, b: &BudgetBrief, order: &[CandidateId]) {
    if let Some(chart) = cumulative_cost(&Fonts::of(l), l.width(), b, order) {
        place(l, &chart);
    }
}

pub(crate) fn tornado_chart(l: &mut Layout, s: &SensitivityResult, base: Option<f64>) {
    if let Some(chart) = tornado(&Fonts::of(l), l.width(), s, base) {
        place(l, &chart);
    }
}

pub(crate) fn department_chart(
    l: &mut Layout,
    entries: &[(String, f64)],
    labels: &[String],
    currency: &Currency,
) {
    if let Some(chart) = departments(&Fonts::of(l), l.width(), entries, labels, currency) {
        place(l, &chart);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
