//! The workbook: its properties, the cell formats, a worksheet that sizes its columns to
//! what was written, and one sheet a file. Cells hold numbers with number formats, never
//! numbers as text.

mod compatibility;
mod funding;
mod lifecycle;
mod ranking;
mod scores;

use chrono::Datelike;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use super::{RequestExport, SHEETS};
use crate::error::{Error, Result};
use crate::money::{format_amount, Currency};

fn xlsx_error(e: XlsxError) -> Error {
    Error::render("the workbook", e)
}

/// The XLSX format stores every number as an IEEE double, and rust_xlsxwriter takes
/// `f64`. An amount, already rounded to the cent for presentation, becomes a double here,
/// at the file boundary and nowhere else (through its decimal text: the nearest double).
fn money_number(d: Decimal) -> f64 {
    d.to_string().parse::<f64>().unwrap_or(f64::NAN)
}

struct Formats {
    title: Format,
    subtitle: Format,
    header: Format,
    text: Format,
    bold: Format,
    wrap: Format,
    money: Format,
    money_bold: Format,
    points: Format,
    points_bold: Format,
    percent: Format,
    integer: Format,
    fiscal_year: Format,
}

impl Formats {
    fn new(currency: &Currency) -> Self {
        // A currency format with thousands separators: `USD 1,234.56`.
        let money = format!("\"{currency} \"#,##0.00;-\"{currency} \"#,##0.00");
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            subtitle: Format::new().set_font_color(Color::RGB(0x5A5F66)),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0xEAF0F5))
                .set_border_bottom(FormatBorder::Thin),
            text: Format::new(),
            bold: Format::new().set_bold(),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            money: Format::new().set_num_format(&money),
            money_bold: Format::new().set_num_format(&money).set_bold(),
            points: Format::new().set_num_format("0.0"),
            points_bold: Format::new().set_num_format("0.0").set_bold(),
            percent: Format::new().set_num_format("0.0%"),
            integer: Format::new().set_num_format("0"),
            fiscal_year: Format::new().set_num_format("\"FY\"0"),
        }
    }
}

/// A worksheet with the widths of what was written, to size the columns at the end.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    widths: Vec<usize>,
}

impl<'a> Sheet<'a> {
    fn new(ws: &'a mut Worksheet, name: &str) -> Result<Self> {
        ws.set_name(name).map_err(xlsx_error)?;
        Ok(Sheet {
            ws,
            widths: Vec::new(),
        })
    }

    fn fit(&mut self, col: u16, chars: usize) {
        let c = usize::from(col);
        if self.widths.len() <= c {
            self.widths.resize(c + 1, 0);
        }
        self.widths[c] = self.widths[c].max(chars);
    }

    /// Text that does not size its column (titles, notes spanning the sheet).
    fn note(&mut self, row: u32, col: u16, s: &str, f: &Format) -> Result<()> {
        self.ws
            .write_string_with_format(row, col, s, f)
            .map_err(xlsx_error)?;
        Ok(())
    }

    fn text(&mut self, row: u32, col: u16, s: &str, f: &Format) -> Result<()> {
        self.fit(col, s.chars().count());
        self.note(row, col, s, f)
    }

    fn header(&mut self, row: u32, titles: &[String], f: &Format) -> Result<()> {
        for (c, t) in titles.iter().enumerate() {
            let col = c as u16;
            // Long titles wrap; they widen the column only up to 18 characters.
            self.fit(col, t.chars().count().min(18));
            self.note(row, col, t, f)?;
        }
        Ok(())
    }

    fn number(&mut self, row: u32, col: u16, v: f64, shown_chars: usize, f: &Format) -> Result<()> {
        self.fit(col, shown_chars);
        self.ws
            .write_number_with_format(row, col, v, f)
            .map_err(xlsx_error)?;
        Ok(())
    }

    fn money(&mut self, row: u32, col: u16, d: Decimal, cur: &Currency, f: &Format) -> Result<()> {
        let shown = format_amount(d, 2).len() + cur.as_str().len() + 2;
        self.number(row, col, money_number(d), shown, f)
    }

    fn finish(self, freeze_row: u32, freeze_col: u16) -> Result<()> {
        for (c, w) in self.widths.iter().enumerate() {
            let width = (*w as f64 + 2.0).clamp(6.0, 60.0);
            self.ws
                .set_column_width(c as u16, width)
                .map_err(xlsx_error)?;
        }
        self.ws
            .set_freeze_panes(freeze_row, freeze_col)
            .map_err(xlsx_error)?;
        Ok(())
    }
}

/// The line under every sheet's title: where the request sits, its date and inputs hash.
fn subtitle(e: &RequestExport) -> String {
    format!(
        "{} · {} · {} · FY{} · as of {} · inputs {}",
        e.portfolio_name, e.facility, e.department, e.request.fiscal_year, e.as_of, e.content_hash
    )
}

/// Writes the workbook and returns its bytes. The same export gives the same bytes: the
/// document's creation date is the as-of date and the archive's times are fixed.
pub fn render_xlsx(e: &RequestExport) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        u16::try_from(e.as_of.year()).unwrap_or(2000),
        e.as_of.month() as u8,
        e.as_of.day() as u8,
    )
    .map_err(xlsx_error)?;
    let props = DocProperties::new()
        .set_title(format!(
            "Capital request {}: {}",
            e.request.id, e.request.title
        ))
        .set_subject(format!(
            "Ranked comparison, evaluator scores, lifecycle cost and funding ({}, {}, FY{})",
            e.department, e.facility, e.request.fiscal_year
        ))
        .set_author("Caliper")
        .set_company(e.facility.as_str())
        .set_keywords("capital request, medical devices")
        .set_comment(format!("Inputs {}", e.content_hash))
        .set_creation_datetime(&created);
    wb.set_properties(&props);
    let f = Formats::new(&e.currency);
    ranking::ranking_sheet(Sheet::new(wb.add_worksheet(), SHEETS[0])?, e, &f)?;
    scores::scores_sheet(Sheet::new(wb.add_worksheet(), SHEETS[1])?, e, &f)?;
    lifecycle::lifecycle_sheet(Sheet::new(wb.add_worksheet(), SHEETS[2])?, e, &f)?;
    funding::funding_sheet(Sheet::new(wb.add_worksheet(), SHEETS[3])?, e, &f)?;
    compatibility::compatibility_sheet(Sheet::new(wb.add_worksheet(), SHEETS[4])?, e, &f)?;
    wb.save_to_buffer().map_err(xlsx_error)
}

/// Row of the column headers on every sheet; the rows above hold the title.
const HEADER_ROW: u32 = 3;

/// A candidate without a lifecycle cost: its name and why, then a blank row. Returns the next row.
fn no_lifecycle(
    s: &mut Sheet,
    f: &Formats,
    row: u32,
    c: &crate::assessment::CandidateLifecycle,
) -> Result<u32> {
    s.text(row, 0, &c.label, &f.bold)?;
    s.note(
        row,
        1,
        &format!(
            "No lifecycle cost: {}.",
            c.problem.as_deref().unwrap_or("no cost model yet")
        ),
        &f.text,
    )?;
    Ok(row + 2)
}
