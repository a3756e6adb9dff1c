//! The brief's layout with printpdf: pages of vector operations, text as text, tables that
//! continue on the next page with their header repeated, and a footer on every page.
//!
//! Deterministic: fonts are registered under fixed ids, the creation date is the as-of
//! date, and the file identifier is derived from the content hash.

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextMatrix, WindingOrder,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::brief::{method_text, money_units, percent, points, BudgetBrief, SIGN_OFF_ROLES};
use super::charts;
use super::fonts::{Metrics, BOLD_TTF, REGULAR_TTF};
use crate::criteria::{CriterionKind, Direction};
use crate::error::{Error, Result};
use crate::money::{format_amount, round_amounts_to_total, round_to_total};
use crate::ranking::Method;

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

/// The heading of each section, as printed.
pub const SECTION_HEADINGS: [&str; 8] = [
    "1 Executive summary",
    "2 Ranked comparison",
    "3 Lifecycle cost",
    "4 Compatibility and security",
    "5 Sensitivity",
    "6 Evaluators and method",
    "7 Sign-off",
    "Appendix: score grid",
];

/// The compatibility section's text when there is nothing to check yet.
pub const COMPATIBILITY_NOT_ASSESSED: &str =
    "Not assessed yet: no candidate has an interoperability and security profile or an MDS2 form.";

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

pub(crate) struct Column {
    pub title: String,
    pub width: f32,
    pub align: Align,
}

impl Column {
    pub fn new(title: impl Into<String>, width: f32, align: Align) -> Self {
        Column {
            title: title.into(),
            width,
            align,
        }
    }
}

#[derive(Default, Clone)]
pub(crate) struct Cell {
    pub text: String,
    pub bold: bool,
    pub color: Option<Rgb3>,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }
    pub fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    pub fn color(mut self, c: Rgb3) -> Self {
        self.color = Some(c);
        self
    }
}

pub(crate) struct Row {
    pub cells: Vec<Cell>,
    /// The second cell spans every column after the first (a note instead of figures).
    pub span_rest: bool,
    /// A total row: ruled above, never striped.
    pub total: bool,
}

impl Row {
    pub fn new(cells: Vec<Cell>) -> Self {
        Row {
            cells,
            span_rest: false,
            total: false,
        }
    }
    pub fn spanning(first: Cell, note: Cell) -> Self {
        Row {
            cells: vec![first, note],
            span_rest: true,
            total: false,
        }
    }
    pub fn total(mut self) -> Self {
        self.total = true;
        self
    }
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

    /// Text with its baseline at `y` (mm from the top), starting at `x`.
    pub fn text(&mut self, x: f32, y: f32, s: &str, size: f32, bold: bool, c: Rgb3) {
        let s = self.metrics(bold).sanitize(s);
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

    /// A bulleted paragraph.
    pub fn bullet(&mut self, text: &str, size: f32) {
        let lh = size * 0.42 + 0.9;
        self.ensure(lh);
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

    fn cell_lines(&self, cell: &Cell, size: f32, width: f32) -> Vec<String> {
        let m = self.metrics(cell.bold);
        m.wrap(&m.sanitize(&cell.text), size, width)
    }

    fn draw_header(&mut self, columns: &[Column], size: f32) {
        let pad = 1.3;
        let lh = size * 0.42 + 0.7;
        let header_cells: Vec<Vec<String>> = columns
            .iter()
            .map(|c| self.cell_lines(&Cell::new(&c.title).bold(), size, c.width - 2.0 * pad))
            .collect();
        let n = header_cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let h = n as f32 * lh + 2.0 * pad;
        let (x0, y0) = (self.left, self.y);
        let total_w: f32 = columns.iter().map(|c| c.width).sum();
        self.fill_rect(x0, y0, total_w, h, HEADER_FILL);
        let mut x = x0;
        for (col, lines) in columns.iter().zip(&header_cells) {
            // Header text sits at the bottom of the band, like the figures below it.
            let offset = (n - lines.len()) as f32 * lh;
            for (i, line) in lines.iter().enumerate() {
                let y = y0 + pad + offset + (i as f32 + 1.0) * lh - lh * 0.22;
                self.text_aligned(
                    x + pad,
                    col.width - 2.0 * pad,
                    y,
                    line,
                    size,
                    true,
                    INK,
                    col.align,
                );
            }
            x += col.width;
        }
        self.y += h;
        let y = self.y;
        self.line(x0, y, x0 + total_w, y, MUTED, 0.6);
    }

    /// A table; rows that do not fit continue on the next page under a repeated header.
    pub fn table(&mut self, columns: &[Column], rows: &[Row], size: f32) {
        let pad = 1.3;
        let lh = size * 0.42 + 0.7;
        let total_w: f32 = columns.iter().map(|c| c.width).sum();
        // A short table is kept on one page; a long one needs room for its header and a row.
        let estimate = table_estimate(rows.len(), size);
        if estimate <= (self.bottom - self.top) * 0.4 {
            self.ensure(estimate);
        }
        self.ensure(4.0 * lh + 6.0 * pad);
        self.draw_header(columns, size);
        for (r, row) in rows.iter().enumerate() {
            let widths: Vec<f32> = if row.span_rest {
                vec![
                    columns[0].width,
                    columns[1..].iter().map(|c| c.width).sum::<f32>(),
                ]
            } else {
                columns.iter().map(|c| c.width).collect()
            };
            let lines: Vec<Vec<String>> = row
                .cells
                .iter()
                .zip(&widths)
                .map(|(cell, w)| self.cell_lines(cell, size, w - 2.0 * pad))
                .collect();
            let n = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let h = n as f32 * lh + 2.0 * pad;
            if self.y + h > self.bottom {
                self.new_page();
                self.draw_header(columns, size);
            }
            let (x0, y0) = (self.left, self.y);
            if row.total {
                self.line(x0, y0, x0 + total_w, y0, MUTED, 0.6);
            } else if r % 2 == 1 {
                self.fill_rect(x0, y0, total_w, h, STRIPE);
            }
            let mut x = x0;
            for (i, (cell, cell_lines)) in row.cells.iter().zip(&lines).enumerate() {
                let w = widths[i];
                let align = if row.span_rest && i == 1 {
                    Align::Left
                } else {
                    columns[i].align
                };
                for (k, line) in cell_lines.iter().enumerate() {
                    let y = y0 + pad + (k as f32 + 1.0) * lh - lh * 0.22;
                    self.text_aligned(
                        x + pad,
                        w - 2.0 * pad,
                        y,
                        line,
                        size,
                        cell.bold || row.total,
                        cell.color.unwrap_or(INK),
                        align,
                    );
                }
                x += w;
            }
            self.y += h;
        }
        let y = self.y;
        self.line(self.left, y, self.left + total_w, y, RULE, 0.5);
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

/// About how tall a table of `rows` single-line rows is, in mm.
pub(crate) fn table_estimate(rows: usize, size: f32) -> f32 {
    (rows + 2) as f32 * (size * 0.42 + 0.7 + 2.6)
}

// ---- the document --------------------------------------------------------------------

/// Lays out the brief and returns the PDF's bytes.
pub fn render_pdf(brief: &BudgetBrief, paper: Paper) -> Result<Vec<u8>> {
    let mut l = Layout::new(paper)?;
    cover_and_summary(&mut l, brief);
    ranked_comparison(&mut l, brief);
    lifecycle_section(&mut l, brief);
    compatibility_section(&mut l, brief);
    sensitivity_section(&mut l, brief);
    evaluators_section(&mut l, brief);
    sign_off(&mut l);
    appendix(&mut l, brief);

    let footer_left = format!(
        "{} · Request {} · Inputs {} · As of {}",
        brief.portfolio_name, brief.request.id, brief.content_hash, brief.as_of
    );
    finish_document(
        l,
        paper,
        &Document {
            title: format!("Capital request brief: {}", brief.request.title),
            subject: format!(
                "Capital request {} ({}, {}, FY{}): ranked comparison, lifecycle cost and sensitivity",
                brief.request.id, brief.department, brief.facility, brief.request.fiscal_year
            ),
            keywords: vec!["capital request".into(), "budget brief".into()],
            footer_left,
            content_hash: brief.content_hash.clone(),
            as_of: brief.as_of,
            id_prefix: "caliper-brief",
        },
    )
}

/// What the finished PDF says about itself: metadata and the footer.
pub(crate) struct Document {
    pub title: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// Left part of every page's footer ("Page n of N" is on the right).
    pub footer_left: String,
    pub content_hash: String,
    pub as_of: chrono::NaiveDate,
    /// The file identifier is `{id_prefix}-{content_hash}`.
    pub id_prefix: &'static str,
}

/// Adds the footers, embeds the fonts, sets the metadata from the data (never the clock)
/// and returns the PDF's bytes.
pub(crate) fn finish_document(l: Layout, paper: Paper, d: &Document) -> Result<Vec<u8>> {
    let (page_w, page_h) = (l.page_w, l.page_h);
    let (left, right, bottom) = (l.left, l.right, l.bottom);
    let (mut pages, regular, font_regular) = l.finish();
    let n = pages.len();
    for (i, ops) in pages.iter_mut().enumerate() {
        let mut f = Layout::new(paper)?;
        f.ops = Vec::new();
        let y_rule = bottom + 5.0;
        f.line(left, y_rule, right, y_rule, RULE, 0.5);
        let page_text = format!("Page {} of {}", i + 1, n);
        let size = 7.5;
        let pw = regular.width_mm(&page_text, size);
        let avail = right - left - pw - 6.0;
        let shown = regular.ellipsize(&regular.sanitize(&d.footer_left), size, avail);
        f.text(left, y_rule + 4.0, &shown, size, false, MUTED);
        f.text(right - pw, y_rule + 4.0, &page_text, size, false, MUTED);
        ops.extend(f.ops);
    }

    let mut doc = PdfDocument::new(&d.title);
    for (id, bytes, name) in [
        (font_regular, REGULAR_TTF, "DejaVuSans.ttf"),
        (FontId("F2".into()), BOLD_TTF, "DejaVuSans-Bold.ttf"),
    ] {
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new()).ok_or_else(|| {
            Error::render(
                "the PDF",
                format!("the embedded font {name} does not parse"),
            )
        })?;
        doc.resources
            .fonts
            .map
            .insert(id, printpdf::PdfFont::new(parsed));
    }
    let created = d
        .as_of
        .and_hms_opt(0, 0, 0)
        .map(|d| d.and_utc().timestamp())
        .unwrap_or(0);
    let date = printpdf::OffsetDateTime::from_unix_timestamp(created).map_err(|e| {
        Error::validation("as_of", format!("{} cannot be a PDF date: {e}", d.as_of))
    })?;
    let info = &mut doc.metadata.info;
    info.author = "Caliper".into();
    info.creator = "Caliper".into();
    info.producer = "Caliper".into();
    info.subject = d.subject.clone();
    info.keywords = d.keywords.clone();
    info.identifier = d.content_hash.clone();
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    doc.with_pages(
        pages
            .into_iter()
            .map(|ops| PdfPage::new(Mm(page_w), Mm(page_h), ops))
            .collect(),
    );

    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
    // printpdf draws the file identifier at random; derive it from the content instead.
    let id = format!("{}-{}", d.id_prefix, d.content_hash).into_bytes();
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(id.clone(), lopdf::StringFormat::Hexadecimal),
            lopdf::Object::String(id, lopdf::StringFormat::Hexadecimal),
        ]),
    );
    lo.compress();
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| Error::render("the PDF", e))?;
    Ok(bytes)
}

fn pct_decimal(d: Decimal) -> String {
    format!("{} %", (d * Decimal::ONE_HUNDRED).normalize())
}

fn status_text(brief: &BudgetBrief) -> &'static str {
    status_label(brief.request.status)
}

/// A request's status as printed.
pub(crate) fn status_label(status: crate::domain::RequestStatus) -> &'static str {
    use crate::domain::RequestStatus::*;
    match status {
        Draft => "draft",
        InAssessment => "in assessment",
        Recommended => "recommended",
        Approved => "approved",
        Deferred => "deferred",
        Rejected => "rejected",
    }
}

fn cover_and_summary(l: &mut Layout, b: &BudgetBrief) {
    let cur = &b.currency;
    l.y += 4.0;
    let (left, y) = (l.left, l.y);
    l.text(
        left,
        y,
        &format!("CAPITAL REQUEST BRIEF · {}", b.portfolio_name),
        8.0,
        true,
        MUTED,
    );
    l.y += 3.0;
    let title_lines = l
        .bold
        .wrap(&l.bold.sanitize(&b.request.title), 18.0, l.width());
    for line in title_lines {
        l.y += 8.0;
        let (left, y) = (l.left, l.y);
        l.text(left, y, &line, 18.0, true, INK);
    }
    l.y += 2.5;
    let facts = format!(
        "{} · {} · FY{} · Quantity {} · Status: {} · Request {} · As of {}",
        b.facility,
        b.department,
        b.request.fiscal_year,
        b.request.quantity,
        status_text(b),
        b.request.id,
        b.as_of
    );
    l.paragraph(&facts, BODY, false, MUTED, 0.0);
    if !b.request.justification.trim().is_empty() {
        l.paragraph(
            &format!("Justification: {}", b.request.justification),
            BODY,
            false,
            INK,
            0.0,
        );
    }

    l.heading(SECTION_HEADINGS[0]);
    let mut pairs: Vec<(String, String, bool)> = Vec::new();
    match (&b.recommendation, &b.recommendation_problem) {
        (Some(r), _) => {
            let mut text = if r.tied_with.is_empty() {
                format!("{} ({})", r.label, r.vendor)
            } else {
                format!(
                    "{} ({}), tied for first place with {}",
                    r.label,
                    r.vendor,
                    r.tied_with.join(", ")
                )
            };
            if let Some(note) = &r.status_note {
                text.push_str(&format!(". {note}"));
            }
            pairs.push(("Recommendation".into(), text, true));
            let method = b.ranking.as_ref().map_or(Method::WeightedSum, |x| x.method);
            pairs.push((
                "Score".into(),
                {
                    let disqualified = b
                        .ranking
                        .as_ref()
                        .map_or(0, |x| x.candidates.iter().filter(|c| c.disqualified).count());
                    if disqualified > 0 {
                        format!(
                            "{} of 100 ({}, ranked first of {}; {} disqualified for blocking compatibility gaps)",
                            points(r.score),
                            method.in_text(),
                            b.candidate_count - disqualified,
                            disqualified
                        )
                    } else {
                        format!(
                            "{} of 100 ({}, ranked first of {})",
                            points(r.score),
                            method.in_text(),
                            b.candidate_count
                        )
                    }
                },
                false,
            ));
        }
        (None, problem) => pairs.push((
            "Recommendation".into(),
            problem.clone().unwrap_or_else(|| "None yet.".to_string()),
            true,
        )),
    }
    match &b.capital_needed {
        Some(c) => {
            pairs.push((
                "Capital needed".into(),
                money_units(cur, c.amount.amount),
                true,
            ));
            pairs.push((String::new(), format!("From the {}.", c.basis), false));
        }
        None => pairs.push((
            "Capital needed".into(),
            "Not available until a candidate is recommended.".into(),
            false,
        )),
    }
    match b.recommendation.as_ref().and_then(|r| r.lifecycle.as_ref()) {
        Some(lc) => {
            pairs.push((
                "Lifecycle cost (NPV)".into(),
                format!(
                    "{} over {} years at a {} discount rate",
                    money_units(cur, lc.npv),
                    lc.expected_life_years,
                    pct_decimal(lc.discount_rate)
                ),
                false,
            ));
            pairs.push((
                "Equivalent annual cost".into(),
                format!("{} per year", money_units(cur, lc.eac)),
                false,
            ));
        }
        None => pairs.push((
            "Lifecycle cost".into(),
            "Not available: no recommended candidate with a lifecycle cost model yet.".into(),
            false,
        )),
    }
    pairs.push(("Robustness".into(), b.robustness(), false));
    l.key_values(&pairs, 42.0);

    if let Some(lc) = b.recommendation.as_ref().and_then(|r| r.lifecycle.as_ref()) {
        l.subheading_keep(
            "Funding by fiscal year (recommended candidate)",
            table_estimate(lc.fiscal_years.len() + 1, 8.0),
        );
        fiscal_year_table(l, b, lc);
    }

    l.subheading("Key risks");
    for r in &b.key_risks {
        l.bullet(r, BODY);
    }
}

fn fiscal_year_table(l: &mut Layout, b: &BudgetBrief, lc: &crate::lifecycle::LifecycleCost) {
    let cur = &b.currency;
    if lc.fiscal_years.is_empty() {
        l.paragraph(
            "No purchase date is set, so costs cannot be placed in fiscal years; set one in the request's assumptions.",
            BODY,
            false,
            MUTED,
            0.0,
        );
        return;
    }
    let w = l.width();
    let columns = vec![
        Column::new("Fiscal year", w * 0.25, Align::Left),
        Column::new(format!("Capital ({cur})"), w * 0.25, Align::Right),
        Column::new(format!("Operating ({cur})"), w * 0.25, Align::Right),
        Column::new(format!("Total ({cur})"), w * 0.25, Align::Right),
    ];
    // Whole units that add up across and down (largest-remainder rounding per column).
    let capital = round_amounts_to_total(
        &lc.fiscal_years
            .iter()
            .map(|f| f.capital)
            .collect::<Vec<_>>(),
        0,
    );
    let operating = round_amounts_to_total(
        &lc.fiscal_years
            .iter()
            .map(|f| f.operating)
            .collect::<Vec<_>>(),
        0,
    );
    let mut rows: Vec<Row> = lc
        .fiscal_years
        .iter()
        .enumerate()
        .map(|(i, fy)| {
            Row::new(vec![
                Cell::new(format!("FY{}", fy.fiscal_year)),
                Cell::new(format_amount(capital[i], 0)),
                Cell::new(format_amount(operating[i], 0)),
                Cell::new(format_amount(capital[i] + operating[i], 0)),
            ])
        })
        .collect();
    let (cap_total, op_total) = (
        capital.iter().sum::<Decimal>(),
        operating.iter().sum::<Decimal>(),
    );
    rows.push(
        Row::new(vec![
            Cell::new("Total"),
            Cell::new(format_amount(cap_total, 0)),
            Cell::new(format_amount(op_total, 0)),
            Cell::new(format_amount(cap_total + op_total, 0)),
        ])
        .total(),
    );
    l.table(&columns, &rows, 8.0);
}

/// How many candidates share one contributions table (columns).
const CANDIDATES_PER_TABLE: usize = 5;

fn ranked_comparison(l: &mut Layout, b: &BudgetBrief) {
    l.heading(SECTION_HEADINGS[1]);
    let Some(r) = &b.ranking else {
        l.paragraph(
            &format!(
                "No ranked comparison yet: {}",
                b.ranking_problem.as_deref().unwrap_or("nothing to rank")
            ),
            BODY,
            false,
            WARN,
            0.0,
        );
        return;
    };
    l.paragraph(
        &format!(
            "{} candidates on {} criteria, ranked by {}. Scores are in points of 100; \"=\" marks a tie; a candidate with a missing value stays unranked{}.",
            r.candidates.len(),
            r.criteria.len(),
            r.method.in_text(),
            if r.candidates.iter().any(|c| c.disqualified) {
                "; a candidate with a blocking compatibility gap is disqualified (the request leaves them out)"
            } else {
                ""
            }
        ),
        BODY,
        false,
        INK,
        0.0,
    );
    let w = l.width();
    let columns = vec![
        Column::new("Rank", 12.0, Align::Center),
        Column::new("Candidate", w - 12.0 - 42.0 - 22.0 - 32.0, Align::Left),
        Column::new("Vendor", 42.0, Align::Left),
        Column::new("Score", 22.0, Align::Right),
        Column::new(format!("Quoted total ({})", b.currency), 32.0, Align::Right),
    ];
    let rows: Vec<Row> = r
        .candidates
        .iter()
        .map(|c| {
            let rank = rank_text(c.rank, c.tied);
            let score = if c.disqualified {
                "disqualified".to_string()
            } else {
                c.score.map_or_else(|| "incomplete".to_string(), points)
            };
            let first = c.rank == Some(1);
            let label = if c.blocking_gaps > 0 {
                format!(
                    "{} ({} blocking gap(s), section 4)",
                    c.label, c.blocking_gaps
                )
            } else {
                c.label.clone()
            };
            Row::new(vec![
                Cell::new(rank),
                if first {
                    Cell::new(label).bold()
                } else if c.blocking_gaps > 0 {
                    Cell::new(label).color(WARN)
                } else {
                    Cell::new(label)
                },
                Cell::new(&c.vendor),
                Cell::new(score),
                Cell::new(format_amount(c.quoted_total.amount, 0)),
            ])
        })
        .collect();
    l.table(&columns, &rows, 8.0);

    // Contributions (weighted sum) or values (TOPSIS), criteria down, candidates across.
    let contributions = r.method == Method::WeightedSum;
    l.subheading(if contributions {
        "Weighted contributions by criterion (points of 100)"
    } else {
        "Values ranked by criterion (mean score or measurement)"
    });
    // Disqualified candidates are not in the weighted sum: the table shows the others.
    let eligible: Vec<crate::assessment::RankedCandidate> = r
        .candidates
        .iter()
        .filter(|c| !c.disqualified)
        .cloned()
        .collect();
    let chunks: Vec<&[crate::assessment::RankedCandidate]> =
        eligible.chunks(CANDIDATES_PER_TABLE).collect();
    for (k, chunk) in chunks.iter().enumerate() {
        if chunks.len() > 1 {
            l.ensure(30.0);
            l.paragraph(
                &format!(
                    "Candidates {} to {} of {}",
                    k * CANDIDATES_PER_TABLE + 1,
                    k * CANDIDATES_PER_TABLE + chunk.len(),
                    eligible.len()
                ),
                8.0,
                true,
                MUTED,
                0.0,
            );
        }
        let crit_w = 52.0;
        let weight_w = 14.0;
        let cand_w = ((w - crit_w - weight_w) / chunk.len() as f32).min(36.0);
        let mut columns = vec![
            Column::new("Criterion", crit_w, Align::Left),
            Column::new("Weight", weight_w, Align::Right),
        ];
        for c in chunk.iter() {
            columns.push(Column::new(
                format!("{} {}", rank_text(c.rank, c.tied), c.label),
                cand_w,
                Align::Right,
            ));
        }
        // Parts shown beside their totals are rounded so that they add up (largest remainder).
        let weights = round_to_total(
            &r.criteria
                .iter()
                .map(|c| c.weight * 100.0)
                .collect::<Vec<_>>(),
            1,
        );
        let shown: Vec<Vec<f64>> = chunk
            .iter()
            .map(|c| {
                round_to_total(
                    &c.cells
                        .iter()
                        .map(|x| x.contribution.unwrap_or(0.0) * 100.0)
                        .collect::<Vec<_>>(),
                    1,
                )
            })
            .collect();
        let mut rows: Vec<Row> = r
            .criteria
            .iter()
            .enumerate()
            .map(|(i, crit)| {
                let mut cells = vec![
                    Cell::new(&crit.name),
                    Cell::new(format!("{:.1} %", weights[i])),
                ];
                for (k, c) in chunk.iter().enumerate() {
                    let cell = &c.cells[i];
                    let flag = cell.summary.as_ref().is_some_and(|s| s.disagreement);
                    let text = if contributions {
                        cell.contribution.map(|_| format!("{:.1}", shown[k][i]))
                    } else {
                        cell.value.map(|v| value_text(v, crit.kind))
                    };
                    let mut cell = match text {
                        Some(t) if flag => Cell::new(format!("{t} !")),
                        Some(t) => Cell::new(t),
                        None => Cell::new("missing").color(WARN),
                    };
                    if flag {
                        cell = cell.color(WARN);
                    }
                    cells.push(cell);
                }
                Row::new(cells)
            })
            .collect();
        let mut total = vec![Cell::new("Total score"), Cell::new("100 %")];
        for c in chunk.iter() {
            total.push(Cell::new(
                c.score.map_or_else(|| "incomplete".to_string(), points),
            ));
        }
        rows.push(Row::new(total).total());
        l.table(&columns, &rows, 7.5);
    }
    if r.candidates.iter().any(|c| {
        c.cells
            .iter()
            .any(|x| x.summary.as_ref().is_some_and(|s| s.disagreement))
    }) {
        l.paragraph(
            "! evaluators disagree by 2 points or more on this item: discuss before deciding.",
            8.0,
            false,
            WARN,
            0.0,
        );
    }
    if contributions {
        charts::contribution_chart(l, r);
    } else {
        charts::closeness_chart(l, r);
    }
}

fn value_text(v: f64, kind: CriterionKind) -> String {
    match kind {
        CriterionKind::Judged => format!("{v:.2}"),
        CriterionKind::Measured => {
            let d = Decimal::try_from(v).unwrap_or_default();
            format_amount(d, if v.abs() >= 100.0 { 0 } else { 2 })
        }
    }
}

pub(crate) fn rank_text(rank: Option<u32>, tied: bool) -> String {
    match (rank, tied) {
        (Some(n), true) => format!("={n}"),
        (Some(n), false) => n.to_string(),
        (None, _) => "-".into(),
    }
}

fn compatibility_section(l: &mut Layout, b: &BudgetBrief) {
    use crate::compat::{Area, Severity, Status};
    l.heading(SECTION_HEADINGS[3]);
    let c = &b.compatibility;
    if !c.candidates.iter().any(|x| x.has_profile || x.has_mds2) {
        l.paragraph(COMPATIBILITY_NOT_ASSESSED, BODY, false, WARN, 0.0);
        return;
    }
    let site = &c.site;
    let ehr = [site.ehr_product.as_str(), site.ehr_version.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    l.paragraph(
        &format!(
            "Each candidate's interoperability and security profile and its vendor's MDS2 form (ANSI/NEMA HN 1-2019) checked against the {} site IT profile{} with {} rules. Scores are points of 100 (a blocking gap scores its area 0); a gap's remediation cost is included in the lifecycle cost.{}",
            c.site_scope,
            if ehr.is_empty() { String::new() } else { format!(" (EHR: {ehr})") },
            c.rules,
            if c.disqualify_blocking {
                " Candidates with a blocking gap are left out of the ranking."
            } else {
                ""
            }
        ),
        BODY,
        false,
        INK,
        0.0,
    );
    let w = l.width();
    let widths = [12.0, 18.0, 18.0, 18.0, 14.0, 14.0, 24.0];
    let columns = vec![
        Column::new(
            "Candidate",
            w - widths.iter().sum::<f32>() - 4.0,
            Align::Left,
        ),
        Column::new("EHR", widths[0], Align::Right),
        Column::new("Network", widths[1], Align::Right),
        Column::new("Security", widths[2], Align::Right),
        Column::new("Blocking", widths[3], Align::Right),
        Column::new("Major", widths[4], Align::Right),
        Column::new("Minor", widths[5], Align::Right),
        Column::new(
            format!("Remediation ({})", b.currency),
            widths[6] + 4.0,
            Align::Right,
        ),
    ];
    let score = |s: Option<f64>| s.map_or("-".to_string(), |v| format!("{v:.0}"));
    let rows: Vec<Row> = c
        .candidates
        .iter()
        .map(|x| {
            let label = match (x.has_profile, x.has_mds2, x.disqualified) {
                (_, _, true) => format!("{} (disqualified)", x.label),
                (false, false, _) => format!("{} (no profile, no MDS2)", x.label),
                (true, false, _) => format!("{} (no MDS2)", x.label),
                (false, true, _) => format!("{} (MDS2 only)", x.label),
                (true, true, _) => x.label.clone(),
            };
            let blocking = Cell::new(x.blocking.to_string());
            Row::new(vec![
                Cell::new(label),
                Cell::new(score(x.score(Area::Ehr))),
                Cell::new(score(x.score(Area::Network))),
                Cell::new(score(x.score(Area::Security))),
                if x.blocking > 0 {
                    blocking.bold().color(WARN)
                } else {
                    blocking
                },
                Cell::new(x.major.to_string()),
                Cell::new(x.minor.to_string()),
                Cell::new(format_amount(x.remediation_total, 0)),
            ])
        })
        .collect();
    l.table(&columns, &rows, 8.0);
    for x in &c.candidates {
        let gaps: Vec<_> = x
            .findings
            .iter()
            .filter(|f| f.status == Status::Gap)
            .collect();
        if gaps.is_empty() && x.unconfirmed == 0 {
            continue;
        }
        l.subheading_keep(&x.label, 16.0);
        for g in gaps {
            let severity = match g.severity {
                Some(Severity::Blocking) => "BLOCKING",
                Some(Severity::Major) => "Major",
                _ => "Minor",
            };
            let cost = g
                .remediation_cost
                .map(|amount| {
                    format!(
                        " Remediation: {} ({}).",
                        money_units(&b.currency, amount),
                        g.remediation
                    )
                })
                .unwrap_or_default();
            l.bullet(
                &format!(
                    "{severity}: {}: {} [{}].{cost}",
                    g.title, g.message, g.source
                ),
                BODY,
            );
        }
        if x.unconfirmed > 0 {
            let titles: Vec<&str> = x
                .findings
                .iter()
                .filter(|f| f.status == Status::Unconfirmed && f.severity.is_some())
                .map(|f| f.title.as_str())
                .collect();
            if !titles.is_empty() {
                l.bullet(
                    &format!(
                        "Unconfirmed (confirm with the vendor): {}.",
                        titles.join(", ")
                    ),
                    BODY,
                );
            }
        }
    }
}

fn lifecycle_section(l: &mut Layout, b: &BudgetBrief) {
    l.heading(SECTION_HEADINGS[2]);
    let cur = &b.currency;
    let a = &b.lifecycle.assumptions;
    l.paragraph(
        &format!(
            "In {cur}, whole units. Discount rate {}, general inflation {}; year 0 is the purchase, recurring costs fall at the end of each year. Candidates are compared on equivalent annual cost (EAC).",
            pct_decimal(a.discount_rate),
            pct_decimal(a.inflation)
        ),
        BODY,
        false,
        INK,
        0.0,
    );
    if b.lifecycle.candidates.is_empty() {
        l.paragraph(
            "No candidates yet, so no lifecycle cost.",
            BODY,
            false,
            WARN,
            0.0,
        );
        return;
    }
    let w = l.width();
    let num = 21.0;
    let columns = vec![
        Column::new("Candidate", w - 13.0 - 5.0 * num, Align::Left),
        Column::new("Life (yrs)", 13.0, Align::Right),
        Column::new("Capital", num, Align::Right),
        Column::new("Nominal total", num, Align::Right),
        Column::new("NPV", num, Align::Right),
        Column::new("EAC", num, Align::Right),
        Column::new("Cost per use", num, Align::Right),
    ];
    // Ranked order, so the table reads like the ranking.
    let order = ranked_order(b);
    let rows: Vec<Row> = order
        .iter()
        .filter_map(|id| {
            b.lifecycle
                .candidates
                .iter()
                .find(|c| c.candidate_id == *id)
        })
        .map(|c| match (&c.lifecycle, &c.problem) {
            (Some(lc), _) => Row::new(vec![
                Cell::new(&c.label),
                Cell::new(lc.expected_life_years.to_string()),
                Cell::new(format_amount(lc.capital, 0)),
                Cell::new(format_amount(lc.nominal_total, 0)),
                Cell::new(format_amount(lc.npv, 0)),
                Cell::new(format_amount(lc.eac, 0)),
                Cell::new(
                    lc.cost_per_use
                        .map_or_else(|| "-".into(), |v| format_amount(v, 2)),
                ),
            ]),
            (None, p) => Row::spanning(
                Cell::new(&c.label),
                Cell::new(p.clone().unwrap_or_else(|| "no lifecycle cost".into())).color(WARN),
            ),
        })
        .collect();
    l.table(&columns, &rows, 7.5);
    l.paragraph(
        if b.lifecycle.unequal_lives {
            "Expected lives differ: compare on EAC, not NPV."
        } else {
            "Expected lives are equal: EAC and NPV rank the candidates the same way."
        },
        8.0,
        false,
        MUTED,
        0.0,
    );
    charts::cumulative_cost_chart(l, b, &order);
    if let Some(r) = &b.recommendation {
        if let Some(lc) = &r.lifecycle {
            l.subheading_keep(
                &format!("By fiscal year: {}", r.label),
                table_estimate(lc.fiscal_years.len() + 1, 8.0),
            );
            fiscal_year_table(l, b, lc);
        }
    }
}

/// Candidate ids best first (unranked last), or as entered when there is no ranking.
pub(crate) fn ranked_order(b: &BudgetBrief) -> Vec<crate::ids::CandidateId> {
    match &b.ranking {
        Some(r) => r.candidates.iter().map(|c| c.candidate_id).collect(),
        None => b
            .lifecycle
            .candidates
            .iter()
            .map(|c| c.candidate_id)
            .collect(),
    }
}

fn sensitivity_section(l: &mut Layout, b: &BudgetBrief) {
    l.heading(SECTION_HEADINGS[4]);
    let Some(s) = &b.sensitivity else {
        l.paragraph(&b.robustness(), BODY, false, WARN, 0.0);
        return;
    };
    l.paragraph(&s.statement, BODY, true, INK, 0.0);
    l.paragraph(
        &format!(
            "One-way: each weight swept from 0 to 100 % with the others kept in proportion. Probabilistic: {} weightings sampled uniformly (seed {}).",
            format_amount(Decimal::from(s.samples), 0),
            s.seed
        ),
        8.0,
        false,
        MUTED,
        0.0,
    );

    l.subheading("Break-even weights");
    let name_of = |id: &str| {
        s.alternatives
            .iter()
            .position(|a| a == id)
            .map_or_else(|| id.to_string(), |i| s.names[i].clone())
    };
    let mut rows: Vec<(f64, Row)> = Vec::new();
    for sweep in &s.one_way {
        for be in &sweep.break_even {
            rows.push((
                (be.weight - sweep.current_weight).abs(),
                Row::new(vec![
                    Cell::new(&sweep.name),
                    Cell::new(format!("{:.1} %", sweep.current_weight * 100.0)),
                    Cell::new(format!("{:.1} %", be.weight * 100.0)),
                    Cell::new(format!(
                        "{} → {}",
                        name_of(&be.leader_below),
                        name_of(&be.leader_above)
                    )),
                ]),
            ));
        }
    }
    if rows.is_empty() {
        l.paragraph(
            "No single weight, moved anywhere from 0 to 100 %, changes first place.",
            BODY,
            false,
            INK,
            0.0,
        );
    } else {
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        let w = l.width();
        let columns = vec![
            Column::new("Criterion", 55.0, Align::Left),
            Column::new("Weight now", 20.0, Align::Right),
            Column::new("Break-even weight", 24.0, Align::Right),
            Column::new(
                "First place (below → above the break-even)",
                w - 99.0,
                Align::Left,
            ),
        ];
        let rows: Vec<Row> = rows.into_iter().map(|(_, r)| r).collect();
        l.table(&columns, &rows, 7.5);
    }
    let base = b
        .ranking
        .as_ref()
        .and_then(|r| r.candidates.first())
        .and_then(|c| c.score);
    charts::tornado_chart(l, s, base);

    l.subheading("Rank acceptability (share of sampled weightings at each rank)");
    let n_ranks = s.alternatives.len().min(5);
    let lower = s.alternatives.len() > n_ranks;
    let w = l.width();
    let rank_w = 16.0;
    let n_cols = n_ranks + usize::from(lower);
    let mut columns = vec![Column::new(
        "Candidate",
        w - rank_w * n_cols as f32,
        Align::Left,
    )];
    for k in 0..n_ranks {
        columns.push(Column::new(format!("Rank {}", k + 1), rank_w, Align::Right));
    }
    if lower {
        columns.push(Column::new(
            format!("Rank {}+", n_ranks + 1),
            rank_w,
            Align::Right,
        ));
    }
    let rows: Vec<Row> = s
        .acceptability
        .iter()
        .map(|a| {
            let mut cells = vec![Cell::new(&a.name)];
            for k in 0..n_ranks {
                cells.push(Cell::new(percent(a.ranks.get(k).copied().unwrap_or(0.0))));
            }
            if lower {
                let rest: f64 = a.ranks.iter().skip(n_ranks).sum();
                cells.push(Cell::new(percent(rest)));
            }
            Row::new(cells)
        })
        .collect();
    l.table(&columns, &rows, 7.5);
}

fn evaluators_section(l: &mut Layout, b: &BudgetBrief) {
    l.heading(SECTION_HEADINGS[5]);
    l.subheading("Evaluators");
    if b.evaluators.is_empty() {
        l.paragraph(
            "No evaluator has scored this request yet.",
            BODY,
            false,
            WARN,
            0.0,
        );
    } else {
        let w = l.width();
        let columns = vec![
            Column::new("Evaluator", 50.0, Align::Left),
            Column::new("Role", w - 50.0 - 50.0, Align::Left),
            Column::new("Scored", 25.0, Align::Right),
            Column::new("Coverage", 25.0, Align::Right),
        ];
        let rows: Vec<Row> = b
            .evaluators
            .iter()
            .map(|e| {
                let cov = if e.expected > 0 {
                    percent(f64::from(e.scored) / f64::from(e.expected))
                } else {
                    "-".into()
                };
                Row::new(vec![
                    Cell::new(&e.name),
                    Cell::new(&e.role),
                    Cell::new(format!("{} of {}", e.scored, e.expected)),
                    Cell::new(cov),
                ])
            })
            .collect();
        l.table(&columns, &rows, 8.0);
    }

    l.subheading("Agreement");
    let ag = &b.agreement;
    match ag.agreement_share {
        Some(share) => l.paragraph(
            &format!(
                "{} of the {} items scored by two or more evaluators are within 1 point; {} disagreement(s) of 2 points or more.",
                percent(share),
                ag.cells.len(),
                ag.disagreements
            ),
            BODY,
            false,
            INK,
            0.0,
        ),
        None => l.paragraph(
            "No item has been scored by two or more evaluators yet, so agreement cannot be measured.",
            BODY,
            false,
            INK,
            0.0,
        ),
    }
    let disagreements: Vec<&crate::assessment::AgreementCell> =
        ag.cells.iter().filter(|c| c.summary.disagreement).collect();
    if !disagreements.is_empty() {
        let w = l.width();
        let columns = vec![
            Column::new("Candidate", 60.0, Align::Left),
            Column::new("Criterion", 55.0, Align::Left),
            Column::new("Scores", w - 115.0, Align::Left),
        ];
        let rows: Vec<Row> = disagreements
            .iter()
            .map(|c| {
                let marks: Vec<String> = c
                    .marks
                    .iter()
                    .map(|m| format!("{} {}", m.evaluator, m.score))
                    .collect();
                Row::new(vec![
                    Cell::new(&c.candidate),
                    Cell::new(&c.criterion),
                    Cell::new(marks.join(", ")),
                ])
            })
            .collect();
        l.table(&columns, &rows, 7.5);
    }

    l.subheading("Method and weighting");
    let method = b.ranking.as_ref().map_or(b.request.method, |r| r.method);
    l.paragraph(method_text(method), BODY, false, INK, 0.0);
    if let Some(r) = &b.ranking {
        let w = l.width();
        let columns = vec![
            Column::new("Category", 45.0, Align::Left),
            Column::new("Criterion", w - 45.0 - 22.0 - 22.0 - 18.0, Align::Left),
            Column::new("Kind", 22.0, Align::Left),
            Column::new("Direction", 22.0, Align::Left),
            Column::new("Weight", 18.0, Align::Right),
        ];
        let rows: Vec<Row> = r
            .criteria
            .iter()
            .map(|c| {
                let kind = match c.kind {
                    CriterionKind::Judged => "judged 1-5".to_string(),
                    CriterionKind::Measured if c.unit.is_empty() => "measured".to_string(),
                    CriterionKind::Measured => format!("measured, {}", c.unit),
                };
                let dir = match c.direction {
                    Direction::Benefit => "more is better",
                    Direction::Cost => "less is better",
                };
                Row::new(vec![
                    Cell::new(&c.category),
                    Cell::new(&c.name),
                    Cell::new(kind),
                    Cell::new(dir),
                    Cell::new(format!("{:.1} %", c.weight * 100.0)),
                ])
            })
            .collect();
        l.table(&columns, &rows, 7.5);
    }

    l.subheading("Assumptions");
    let a = &b.lifecycle.assumptions;
    let month = chrono::Month::try_from(u8::try_from(a.fiscal_year_start_month).unwrap_or(1))
        .map_or_else(
            |_| a.fiscal_year_start_month.to_string(),
            |m| m.name().to_string(),
        );
    l.key_values(
        &[
            ("Discount rate".into(), pct_decimal(a.discount_rate), false),
            ("Inflation".into(), pct_decimal(a.inflation), false),
            ("Currency".into(), a.currency.to_string(), false),
            ("Fiscal year starts".into(), month, false),
            (
                "Purchase (year 0)".into(),
                a.purchase_date
                    .map_or_else(|| "not set".to_string(), |d| d.to_string()),
                false,
            ),
            ("As of".into(), b.as_of.to_string(), false),
        ],
        42.0,
    );

    l.subheading("Data sources");
    for s in &b.data_sources {
        l.bullet(s, BODY);
    }
}

fn sign_off(l: &mut Layout) {
    l.heading(SECTION_HEADINGS[6]);
    let row_h = 17.0;
    l.ensure(row_h * SIGN_OFF_ROLES.len() as f32 + 10.0);
    l.paragraph(
        "Reviewed and agreed for the capital committee:",
        BODY,
        false,
        INK,
        0.0,
    );
    let w = l.width();
    let col = [
        46.0,
        (w - 46.0) * 0.34,
        (w - 46.0) * 0.40,
        (w - 46.0) * 0.26,
    ];
    for role in SIGN_OFF_ROLES {
        l.y += row_h;
        let y = l.y;
        let mut x = l.left;
        let role = l.bold.ellipsize(role, BODY, col[0] - 3.0);
        l.text(x, y - 1.0, &role, BODY, true, INK);
        x += col[0];
        for (k, label) in ["Name", "Signature", "Date"].iter().enumerate() {
            let cw = col[k + 1];
            l.line(x + 2.0, y, x + cw - 3.0, y, MUTED, 0.6);
            l.text(x + 2.0, y + 3.2, label, 7.0, false, MUTED);
            x += cw;
        }
    }
    l.y += 8.0;
}

const EVALUATORS_PER_TABLE: usize = 6;

fn appendix(l: &mut Layout, b: &BudgetBrief) {
    l.heading(SECTION_HEADINGS[7]);
    let g = &b.score_grid;
    if g.rows.is_empty() {
        l.paragraph(
            "No scores yet: the grid fills in as evaluators score the candidates.",
            BODY,
            false,
            WARN,
            0.0,
        );
        return;
    }
    l.paragraph(
        "Each evaluator's score (1-5) per candidate and judged criterion; \"!\" marks a spread of 2 points or more.",
        8.0,
        false,
        MUTED,
        0.0,
    );
    let w = l.width();
    let groups: Vec<usize> = (0..g.evaluators.len())
        .step_by(EVALUATORS_PER_TABLE)
        .collect();
    for start in groups {
        let end = (start + EVALUATORS_PER_TABLE).min(g.evaluators.len());
        let n = end - start;
        let score_w = 19.0;
        let mean_w = 15.0;
        let text_w = w - score_w * n as f32 - mean_w;
        let mut columns = vec![
            Column::new("Candidate", text_w * 0.5, Align::Left),
            Column::new("Criterion", text_w * 0.5, Align::Left),
        ];
        for e in &g.evaluators[start..end] {
            columns.push(Column::new(e, score_w, Align::Center));
        }
        columns.push(Column::new("Mean", mean_w, Align::Right));
        let rows: Vec<Row> = g
            .rows
            .iter()
            .map(|r| {
                let mut cells = vec![Cell::new(&r.candidate), Cell::new(&r.criterion)];
                for s in &r.scores[start..end] {
                    cells.push(Cell::new(s.map_or_else(|| "-".into(), |v| v.to_string())));
                }
                let mean = r.mean.map_or_else(|| "-".into(), |m| format!("{m:.2}"));
                cells.push(if r.disagreement {
                    Cell::new(format!("{mean} !")).color(WARN)
                } else {
                    Cell::new(mean)
                });
                Row::new(cells)
            })
            .collect();
        l.table(&columns, &rows, 7.5);
    }
}
