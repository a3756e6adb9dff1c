//! Tables: columns of a fixed width, cells that wrap, a header band, striped rows and total
//! rows; a table that does not fit continues on the next page under its header repeated.

use super::{Align, Layout, Rgb3, HEADER_FILL, INK, MUTED, RULE, STRIPE};

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

impl Layout {
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
}

/// About how tall a table of `rows` single-line rows is, in mm.
pub(crate) fn table_estimate(rows: usize, size: f32) -> f32 {
    (rows + 2) as f32 * (size * 0.42 + 0.7 + 2.6)
}
