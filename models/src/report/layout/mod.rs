//! The layout engine of Caliper's printed documents, over printpdf: pages of vector
//! operations, text as text in the embedded DejaVu fonts, wrapped paragraphs, headings and
//! label/value pairs, with page breaks where the content no longer fits. The brief
//! (`report::pdf`) and the capital summary (`report::summary`) are written with it; tables
//! are in [`table`], the finished file (footers, fonts, metadata) in [`document`].
//!
//! Deterministic: fonts are registered under fixed ids and every position follows from the
//! content alone.

pub(crate) mod bidi;
mod document;
mod table;

use printpdf::{
    Color, FontId, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Pt, Rect, Rgb, TextItem,
    TextMatrix, WindingOrder,
};
use serde::{Deserialize, Serialize};

use super::fonts::{Metrics, BOLD_TTF, REGULAR_TTF};
use crate::error::{Error, Result};

pub(crate) use document::{finish_document, Document};
pub(crate) use table::{table_estimate, Cell, Column, Row};

/// Paper size of the brief.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

crate::ipc::choice!(Paper {
    A4 => "A4",
    Letter => "US Letter",
});

impl Paper {
    /// Width and height in millimetres.
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::Letter => (215.9, 279.4),
        }
    }

    pub fn parse(field: &str, s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "a4" => Ok(Paper::A4),
            "letter" => Ok(Paper::Letter),
            other => Err(Error::validation(
                field,
                format!("'{other}' is not a paper size: a4 or letter"),
            )),
        }
    }
}

// ---- colours -------------------------------------------------------------------------

pub(crate) type Rgb3 = (f32, f32, f32);
pub(crate) const INK: Rgb3 = (0.11, 0.12, 0.15);
pub(crate) const MUTED: Rgb3 = (0.42, 0.44, 0.48);
pub(crate) const ACCENT: Rgb3 = (0.10, 0.24, 0.44);
pub(crate) const RULE: Rgb3 = (0.78, 0.80, 0.83);
pub(crate) const GRID: Rgb3 = (0.90, 0.91, 0.93);
pub(crate) const HEADER_FILL: Rgb3 = (0.92, 0.94, 0.96);
pub(crate) const STRIPE: Rgb3 = (0.97, 0.975, 0.98);
pub(crate) const WARN: Rgb3 = (0.70, 0.25, 0.05);

/// A translucent colour blended onto white (PDF operations have no transparency here).
pub(crate) fn on_white(c: Rgb3, alpha: f32) -> Rgb3 {
    let mix = |v: f32| v * alpha + (1.0 - alpha);
    (mix(c.0), mix(c.1), mix(c.2))
}

fn color(c: Rgb3) -> Color {
    Color::Rgb(Rgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}

// ---- the layout engine ---------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Right,
    Center,
}

pub(crate) struct Layout {
    pub page_w: f32,
    pub page_h: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
    /// Current position from the top of the page, mm.
    pub y: f32,
    pub regular: Metrics,
    pub bold: Metrics,
    font_regular: FontId,
    font_bold: FontId,
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
}

const PT_PER_MM: f32 = 72.0 / 25.4;
pub(crate) const BODY: f32 = 9.0;

impl Layout {
    pub(crate) fn new(paper: Paper) -> Result<Self> {
        let (w, h) = paper.size_mm();
        let mut l = Self::canvas(w, h)?;
        (l.left, l.right, l.top, l.bottom, l.y) = (18.0, w - 18.0, 16.0, h - 18.0, 16.0);
        Ok(l)
    }

    /// A single `w` x `h` mm page with 6 mm margins: where a chart is drawn on its own.
    pub(crate) fn canvas(w: f32, h: f32) -> Result<Self> {
        Ok(Layout {
            page_w: w,
            page_h: h,
            left: 6.0,
            right: w - 6.0,
            top: 4.0,
            bottom: h - 6.0,
            y: 4.0,
            regular: Metrics::new(REGULAR_TTF, "DejaVuSans.ttf")?,
            bold: Metrics::new(BOLD_TTF, "DejaVuSans-Bold.ttf")?,
            font_regular: FontId("F1".into()),
            font_bold: FontId("F2".into()),
            pages: Vec::new(),
            ops: Vec::new(),
        })
    }

    pub fn width(&self) -> f32 {
        self.right - self.left
    }

    pub fn metrics(&self, bold: bool) -> &Metrics {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }

    pub fn new_page(&mut self) {
        let ops = std::mem::take(&mut self.ops);
        self.pages.push(ops);
        self.y = self.top;
    }

    /// Starts a new page unless `h` mm fit below the current position.
    pub fn ensure(&mut self, h: f32) -> bool {
        if self.y + h > self.bottom && self.y > self.top + 0.1 {
            self.new_page();
            true
        } else {
            false
        }
    }

    fn pt(v: f32) -> Pt {
        Pt(v * PT_PER_MM)
    }

    fn point(&self, x: f32, y: f32) -> Point {
        Point {
            x: Self::pt(x),
            y: Self::pt(self.page_h - y),
        }
    }

    /// Text with its baseline at `y` (mm from the top), starting at `x`: one line, in
    /// logical order, written in visual order.
    pub fn text(&mut self, x: f32, y: f32, s: &str, size: f32, bold: bool, c: Rgb3) {
        let s = self.metrics(bold).sanitize(s);
        let s = bidi::visual(&s).into_owned();
        if s.trim().is_empty() {
            return;
        }
        let font = if bold {
            self.font_bold.clone()
        } else {
            self.font_regular.clone()
        };
        let p = self.point(x, y);
        self.ops.extend([
            Op::SetFillColor { col: color(c) },
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(font),
                size: Pt(size),
            },
            Op::SetTextMatrix {
                matrix: TextMatrix::Translate(p.x, p.y),
            },
            Op::ShowText {
                items: vec![TextItem::Text(s)],
            },
            Op::EndTextSection,
        ]);
    }

    #[allow(clippy::too_many_arguments)] // a position, a box, the text and its style
    pub fn text_aligned(
        &mut self,
        x: f32,
        width: f32,
        y: f32,
        s: &str,
        size: f32,
        bold: bool,
        c: Rgb3,
        align: Align,
    ) {
        let w = self
            .metrics(bold)
            .width_mm(&self.metrics(bold).sanitize(s), size);
        let x = match align {
            Align::Left => x,
            Align::Right => x + width - w,
            Align::Center => x + (width - w) / 2.0,
        };
        self.text(x, y, s, size, bold, c);
    }

    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, c: Rgb3) {
        self.ops.push(Op::SetFillColor { col: color(c) });
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Self::pt(x),
                y: Self::pt(self.page_h - y - h),
                width: Self::pt(w),
                height: Self::pt(h),
                mode: Some(PaintMode::Fill),
                winding_order: Some(WindingOrder::NonZero),
            },
        });
    }

    pub fn polyline(&mut self, pts: &[(f32, f32)], c: Rgb3, thickness: f32) {
        if pts.len() < 2 {
            return;
        }
        self.ops.push(Op::SetOutlineColor { col: color(c) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        let points = pts
            .iter()
            .map(|(x, y)| LinePoint {
                p: self.point(*x, *y),
                bezier: false,
            })
            .collect();
        self.ops.push(Op::DrawLine {
            line: Line {
                points,
                is_closed: false,
            },
        });
    }

    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, c: Rgb3, thickness: f32) {
        self.polyline(&[(x1, y1), (x2, y2)], c, thickness);
    }

    /// A wrapped paragraph at the current position; breaks pages between lines.
    pub fn paragraph(&mut self, text: &str, size: f32, bold: bool, c: Rgb3, indent: f32) {
        let width = self.width() - indent;
        let clean = self.metrics(bold).sanitize(text);
        let lines = self.metrics(bold).wrap(&clean, size, width);
        let lh = size * 0.42 + 0.9;
        for line in lines {
            self.ensure(lh);
            self.y += lh;
            let x = self.left + indent;
            let y = self.y - lh * 0.25;
            self.text(x, y, &line, size, bold, c);
        }
        self.y += 1.2;
    }

    /// A bulleted paragraph, kept on one page when it has up to six lines (a page break
    /// inside an item would cut its sentence in two around the footer).
    pub fn bullet(&mut self, text: &str, size: f32) {
        let lh = size * 0.42 + 0.9;
        let m = self.metrics(false);
        let lines = m.wrap(&m.sanitize(text), size, self.width() - 5.0).len();
        self.ensure(lh * lines.clamp(1, 6) as f32);
        let (x, y) = (self.left + 1.5, self.y + lh * 0.75);
        self.text(x, y, "•", size, false, ACCENT);
        self.paragraph(text, size, false, INK, 5.0);
        self.y -= 0.6;
    }

    /// A section heading; starts a new page if little room is left below it.
    pub fn heading(&mut self, text: &str) {
        self.ensure(40.0);
        if self.y > self.top + 0.1 {
            self.y += 4.0;
        }
        self.y += 6.5;
        let (left, y) = (self.left, self.y);
        self.text(left, y, text, 13.0, true, ACCENT);
        self.y += 2.0;
        let (l, r, y) = (self.left, self.right, self.y);
        self.line(l, y, r, y, ACCENT, 0.8);
        self.y += 3.5;
    }

    pub fn subheading(&mut self, text: &str) {
        self.subheading_keep(text, 14.0);
    }

    /// A subheading kept on the same page as the `need` mm that follow it.
    pub fn subheading_keep(&mut self, text: &str, need: f32) {
        self.ensure(need.min(self.bottom - self.top - 12.0) + 8.0);
        self.y += 5.0;
        let (left, y) = (self.left, self.y);
        self.text(left, y, text, 10.5, true, INK);
        self.y += 2.5;
    }

    /// Label/value pairs in two columns, values wrapped.
    pub fn key_values(&mut self, pairs: &[(String, String, bool)], label_w: f32) {
        let size = BODY;
        let lh = size * 0.42 + 0.9;
        for (label, value, strong) in pairs {
            let width = self.width() - label_w;
            let lines =
                self.metrics(*strong)
                    .wrap(&self.metrics(*strong).sanitize(value), size, width);
            let h = lines.len().max(1) as f32 * lh + 1.2;
            self.ensure(h);
            let y0 = self.y;
            let left = self.left;
            self.text(left, y0 + lh * 0.75, label, size, false, MUTED);
            for (i, line) in lines.iter().enumerate() {
                let y = y0 + (i as f32 + 0.75) * lh;
                self.text(left + label_w, y, line, size, *strong, INK);
            }
            self.y += h;
        }
        self.y += 1.0;
    }

    fn finish(mut self) -> (Vec<Vec<Op>>, Metrics, FontId) {
        if !self.ops.is_empty() || self.pages.is_empty() {
            self.new_page();
        }
        (self.pages, self.regular, self.font_regular)
    }
}
