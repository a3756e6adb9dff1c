//! A worksheet that sizes its columns to what was written, shared by every workbook
//! Caliper writes, and the creation date they carry (the as-of date, for the same bytes
//! from the same inputs).

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Worksheet, XlsxError,
};

use crate::error::{Error, Result};

/// The XLSX format stores every number as an IEEE double, and rust_xlsxwriter takes
/// `f64`: a decimal becomes one here, at the file boundary and nowhere else (through its
/// decimal text, the nearest double).
pub(crate) fn excel_number(d: Decimal) -> f64 {
    d.to_string().parse::<f64>().unwrap_or(f64::NAN)
}

/// An amount as a spreadsheet number, rounded to the cent.
pub(crate) fn excel_money(d: Decimal) -> f64 {
    excel_number(d.round_dp(2))
}

/// The formats every workbook shares: a sheet's title and subtitle, its column headers,
/// and amounts in `currency` with thousands separators (`USD 1,234.56`).
pub(crate) struct SharedFormats {
    pub(crate) title: Format,
    pub(crate) subtitle: Format,
    pub(crate) header: Format,
    pub(crate) money: Format,
}

impl SharedFormats {
    pub(crate) fn new(currency: &str) -> Self {
        let money = format!("\"{currency} \"#,##0.00;-\"{currency} \"#,##0.00");
        SharedFormats {
            title: Format::new().set_bold().set_font_size(14),
            subtitle: Format::new().set_font_color(Color::RGB(0x5A5F66)),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0xEAF0F5))
                .set_border_bottom(FormatBorder::Thin),
            money: Format::new().set_num_format(&money),
        }
    }
}

/// The error of a workbook that could not be written, naming it ("the workbook").
pub(crate) fn xlsx_error(what: &'static str) -> impl Fn(XlsxError) -> Error {
    move |e| Error::render(what, e)
}

/// A document's creation date: the date it is as of.
pub(crate) fn created_on(date: NaiveDate, what: &'static str) -> Result<ExcelDateTime> {
    ExcelDateTime::from_ymd(
        u16::try_from(date.year()).unwrap_or(2000),
        date.month() as u8,
        date.day() as u8,
    )
    .map_err(xlsx_error(what))
}

/// A worksheet with the widths of what was written, to size the columns at the end.
pub(crate) struct Sheet<'a> {
    pub(crate) ws: &'a mut Worksheet,
    widths: Vec<usize>,
    what: &'static str,
    widest: f64,
}

impl<'a> Sheet<'a> {
    /// Names the sheet; `what` names the workbook in errors.
    pub(crate) fn new(ws: &'a mut Worksheet, name: &str, what: &'static str) -> Result<Self> {
        ws.set_name(name).map_err(xlsx_error(what))?;
        Ok(Sheet {
            ws,
            widths: Vec::new(),
            what,
            widest: 60.0,
        })
    }

    /// The widest a column may be sized (60 characters unless set).
    pub(crate) fn widest(mut self, chars: f64) -> Self {
        self.widest = chars;
        self
    }

    pub(crate) fn fit(&mut self, col: u16, chars: usize) {
        let c = usize::from(col);
        if self.widths.len() <= c {
            self.widths.resize(c + 1, 0);
        }
        self.widths[c] = self.widths[c].max(chars);
    }

    /// Text that does not size its column (titles, notes spanning the sheet).
    pub(crate) fn note(&mut self, row: u32, col: u16, s: &str, f: &Format) -> Result<()> {
        self.ws
            .write_string_with_format(row, col, s, f)
            .map_err(xlsx_error(self.what))?;
        Ok(())
    }

    pub(crate) fn text(&mut self, row: u32, col: u16, s: &str, f: &Format) -> Result<()> {
        self.fit(col, s.chars().count());
        self.note(row, col, s, f)
    }

    /// Column titles; long ones wrap and widen their column only up to 18 characters.
    pub(crate) fn header<S: AsRef<str>>(
        &mut self,
        row: u32,
        titles: &[S],
        f: &Format,
    ) -> Result<()> {
        for (c, t) in titles.iter().enumerate() {
            let col = c as u16;
            self.fit(col, t.as_ref().chars().count().min(18));
            self.note(row, col, t.as_ref(), f)?;
        }
        Ok(())
    }

    pub(crate) fn number(
        &mut self,
        row: u32,
        col: u16,
        v: f64,
        shown_chars: usize,
        f: &Format,
    ) -> Result<()> {
        self.fit(col, shown_chars);
        self.ws
            .write_number_with_format(row, col, v, f)
            .map_err(xlsx_error(self.what))?;
        Ok(())
    }

    /// Sizes the columns and freezes the panes above and left of the cell given.
    pub(crate) fn finish(self, freeze_row: u32, freeze_col: u16) -> Result<()> {
        let error = xlsx_error(self.what);
        for (c, w) in self.widths.iter().enumerate() {
            let width = (*w as f64 + 2.0).clamp(6.0, self.widest);
            self.ws.set_column_width(c as u16, width).map_err(&error)?;
        }
        self.ws
            .set_freeze_panes(freeze_row, freeze_col)
            .map_err(&error)?;
        Ok(())
    }
}
