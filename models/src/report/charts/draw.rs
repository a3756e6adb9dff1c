//! How plotters draws a [`Chart`] on any backend: the PDF's (`report::pdf_backend`), SVG
//! and bitmap for slides. Positions are in millimetres and text sizes in points, converted
//! by the backend's [`Scale`]; text is set in the embedded DejaVu fonts.

use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, DrawingAreaErrorKind};
use plotters::element::{PathElement, Rectangle, Text};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontDesc, FontFamily, FontStyle, RGBAColor};
use plotters_backend::DrawingBackend;

use super::{
    cumulated_colours, palette, rgb, tornado_colours, Bars, Chart, Cumulated, Legend, Lines, Plot,
    Strip, Tornado, BAR_GAP, BAR_H, BAR_ROW, CUMULATED_PLOT, CUMULATED_TOP, LABEL_LINE, LABEL_SIZE,
    LEGEND_ROW, LINES_PLOT, NOTE_LINE, NOTE_SIZE, STRIP_ROW, TICK_SIZE, TITLE_SIZE, TORNADO_GAP,
    TORNADO_H, TORNADO_ROW,
};
use crate::error::{Error, Result};
use crate::report::fonts::{BOLD_TTF, REGULAR_TTF};
use crate::report::layout::{Rgb3, ACCENT, GRID, INK, MUTED, RULE};

/// The family the charts' text is set in. plotters' SVG backend writes it as the
/// `font-family` list; the bitmap backend finds the embedded DejaVu fonts under it.
const FONT_FAMILY: &str = "DejaVu Sans, Verdana, sans-serif";
const MM_PER_PT: f64 = 25.4 / 72.0;

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

impl Chart {
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
            Plot::Cumulated(k) => draw_cumulated(&c, k, self.width, top)?,
            Plot::Strip(k) => draw_strip(&c, k, self.width, top)?,
        }
        draw_legend(&c, &self.legend, self.width, top + self.plot_height())
    }
}

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

/// Value-axis gridlines and labels (the unit above them), and year labels under the plot.
fn year_axes<DB: DrawingBackend>(
    c: &Canvas<DB>,
    y_ticks: &[(f64, String)],
    sy: impl Fn(f64) -> f32,
    years: usize,
    sx: impl Fn(usize) -> f32,
    (x0, x1, y_axis): (f32, f32, f32),
) -> Drawn<DB> {
    for (t, label) in y_ticks {
        let y = sy(*t);
        c.line(&[(x0, y), (x1, y)], rgb(GRID).to_rgba(), 0.5)?;
        c.text(
            x0 - 2.0,
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
    year_axes(c, &l.y_ticks, sy, years, sx, (x0, x0 + plot_w, y_axis))?;
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

/// Text on a white box (gridlines and bars kept out of it), its baseline at `baseline`.
fn boxed_text<DB: DrawingBackend>(
    c: &Canvas<DB>,
    (x, baseline): (f32, f32),
    s: &str,
    width: f32,
    align: HPos,
) -> Drawn<DB> {
    let left = match align {
        HPos::Left => x,
        HPos::Center => x - width / 2.0,
        HPos::Right => x - width,
    };
    let white = rgb((1.0, 1.0, 1.0)).to_rgba();
    c.rect(left - 0.8, baseline - 2.9, width + 1.6, 3.8, white)?;
    c.text(x, baseline, s, LABEL_SIZE, true, ACCENT, align)
}

fn draw_cumulated<DB: DrawingBackend>(
    c: &Canvas<DB>,
    k: &Cumulated,
    width: f32,
    top: f32,
) -> Drawn<DB> {
    let axis_w = 16.0;
    let (x0, plot_w) = (axis_w, width - axis_w - 4.0);
    let y_top = top + CUMULATED_TOP;
    let y_axis = y_top + CUMULATED_PLOT;
    let (lo, hi) = match (k.y_ticks.first(), k.y_ticks.last()) {
        (Some(lo), Some(hi)) => (lo.0, hi.0),
        _ => (0.0, 1.0),
    };
    let slot = plot_w / k.values.len().max(1) as f32;
    // Bar centres; the mark, in years, is placed on the same scale between them.
    let sx = |years: f64| x0 + (years as f32 + 0.5) * slot;
    let sy = |v: f64| y_axis - ((v - lo) / (hi - lo).max(1e-9)) as f32 * CUMULATED_PLOT;
    let years = k.values.len().saturating_sub(1);
    year_axes(
        c,
        &k.y_ticks,
        sy,
        years,
        |y| sx(y as f64),
        (x0, x0 + plot_w, y_axis),
    )?;
    c.text(
        x0 - 2.0,
        top + 2.2,
        &k.unit,
        TICK_SIZE,
        false,
        MUTED,
        HPos::Right,
    )?;
    let (below, above) = cumulated_colours();
    let zero = sy(0.0);
    for (year, v) in k.values.iter().enumerate() {
        let (y, colour) = (sy(*v), if *v < 0.0 { below } else { above });
        let bar_w = slot * 0.6;
        let x = sx(year as f64) - bar_w / 2.0;
        c.rect(x, zero.min(y), bar_w, (zero - y).abs().max(0.2), colour)?;
    }
    c.line(
        &[(x0, y_axis), (x0 + plot_w, y_axis)],
        rgb(MUTED).to_rgba(),
        0.5,
    )?;
    c.line(&[(x0, zero), (x0 + plot_w, zero)], rgb(INK).to_rgba(), 0.8)?;
    c.text(
        x0 + plot_w / 2.0,
        y_axis + 8.5,
        &k.x_label,
        TICK_SIZE,
        false,
        MUTED,
        HPos::Center,
    )?;
    let label_w = k.mark_w;
    let Some(mark) = k.mark else {
        // Every total is below zero: the notice sits in the empty band above the line.
        return boxed_text(
            c,
            (x0 + 2.0, zero - 2.0),
            &k.mark_label,
            label_w,
            HPos::Left,
        );
    };
    let x = sx(mark);
    let accent = rgb(ACCENT).to_rgba();
    let mut y = y_top;
    while y < y_axis {
        c.line(&[(x, y), (x, (y + 1.2).min(y_axis))], accent, 0.8)?;
        y += 2.0;
    }
    c.rect(
        x - 1.2,
        zero - 1.2,
        2.4,
        2.4,
        rgb((1.0, 1.0, 1.0)).to_rgba(),
    )?;
    c.rect(x - 0.9, zero - 0.9, 1.8, 1.8, accent)?;
    // Before the payback every total is below zero: above the line and left of the mark
    // is empty. When that is too narrow, right of the mark and below the line.
    if x - x0 >= label_w + 3.0 {
        boxed_text(
            c,
            (x - 2.0, zero - 2.0),
            &k.mark_label,
            label_w,
            HPos::Right,
        )
    } else {
        boxed_text(c, (x + 2.0, zero + 4.0), &k.mark_label, label_w, HPos::Left)
    }
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

/// The group's box on the first row, then each member's dots (one colour: the rows name
/// the members); outliers in the warning colour.
fn draw_strip<DB: DrawingBackend>(c: &Canvas<DB>, t: &Strip, width: f32, top: f32) -> Drawn<DB> {
    let label_w = 46.0;
    let plot_w = width - label_w - 6.0;
    let (lo, hi) = match (t.ticks.first(), t.ticks.last()) {
        (Some(lo), Some(hi)) => (lo.0, hi.0),
        _ => (0.0, 1.0),
    };
    let sx = |v: f64| label_w + ((v - lo) / (hi - lo).max(1e-9)) as f32 * plot_w;
    let y_top = top + 1.0;
    let y_axis = y_top + (t.rows.len() + 1) as f32 * STRIP_ROW;
    value_axis(
        c,
        &t.ticks,
        sx,
        (label_w, label_w + plot_w),
        (y_top, y_axis),
    )?;
    let [q1, median, q3, whisker_lo, whisker_hi] = t.boxed;
    let (y, h) = (y_top + 1.0, STRIP_ROW - 2.0);
    bar_label(c, &["Group".to_string()], y, h)?;
    let mid = y + h / 2.0;
    c.line(
        &[(sx(whisker_lo), mid), (sx(whisker_hi), mid)],
        rgb(MUTED).to_rgba(),
        0.6,
    )?;
    for w in [whisker_lo, whisker_hi] {
        c.line(
            &[(sx(w), y + 0.8), (sx(w), y + h - 0.8)],
            rgb(MUTED).to_rgba(),
            0.6,
        )?;
    }
    let tint = rgb(crate::report::layout::on_white((0.306, 0.475, 0.655), 0.35)).to_rgba();
    c.rect(sx(q1), y, (sx(q3) - sx(q1)).max(0.3), h, tint)?;
    c.line(
        &[(sx(median), y), (sx(median), y + h)],
        rgb(ACCENT).to_rgba(),
        1.2,
    )?;
    let colour = palette(0);
    for (i, (label, values)) in t.rows.iter().enumerate() {
        let y = y_top + (i + 1) as f32 * STRIP_ROW + 1.0;
        bar_label(c, label, y, h)?;
        for (v, outlier) in values {
            let x = sx(*v);
            let dot = if *outlier {
                rgb(crate::report::layout::WARN).to_rgba()
            } else {
                colour
            };
            c.rect(x - 0.9, y + h / 2.0 - 0.9, 1.8, 1.8, dot)?;
        }
    }
    Ok(())
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
