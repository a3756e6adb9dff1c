//! The workbook: its properties, the cell formats, a worksheet that sizes its columns to
//! what was written, and one sheet a file. Cells hold numbers with number formats, never
//! numbers as text.

mod compatibility;
mod financial_case;
mod funding;
mod lifecycle;
mod ranking;
mod scores;

use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, Format, FormatAlign, Workbook, XlsxError};

use super::{RequestExport, FINANCIAL_CASE_SHEET, SHEETS};
use crate::error::{Error, Result};
use crate::money::{format_amount, Currency};
use crate::report::sheet::{created_on, excel_number, SharedFormats, Sheet};

fn xlsx_error(e: XlsxError) -> Error {
    crate::report::sheet::xlsx_error(WHAT)(e)
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
    /// Rates where a tenth of a percent is too coarse (a break-even rate).
    percent_fine: Format,
    integer: Format,
    fiscal_year: Format,
}

impl Formats {
    fn new(currency: &Currency) -> Self {
        let shared = SharedFormats::new(currency.as_str());
        Formats {
            title: shared.title,
            subtitle: shared.subtitle,
            header: shared.header,
            text: Format::new(),
            bold: Format::new().set_bold(),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            money: shared.money.clone(),
            money_bold: shared.money.set_bold(),
            points: Format::new().set_num_format("0.0"),
            points_bold: Format::new().set_num_format("0.0").set_bold(),
            percent: Format::new().set_num_format("0.0%"),
            percent_fine: Format::new().set_num_format("0.000%"),
            integer: Format::new().set_num_format("0"),
            fiscal_year: Format::new().set_num_format("\"FY\"0"),
        }
    }
}

/// What the workbook's errors call it.
const WHAT: &str = "the workbook";

/// The request workbook's sheet: the shared one, with amounts in the request's currency.
trait Cells {
    fn money(&mut self, row: u32, col: u16, d: Decimal, cur: &Currency, f: &Format) -> Result<()>;
}

impl Cells for Sheet<'_> {
    fn money(&mut self, row: u32, col: u16, d: Decimal, cur: &Currency, f: &Format) -> Result<()> {
        let shown = format_amount(d, 2).len() + cur.as_str().len() + 2;
        self.number(row, col, excel_number(d), shown, f)
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
    let created = created_on(e.as_of, WHAT)?;
    let props = DocProperties::new()
        .set_title(format!(
            "Capital request {}: {}",
            e.request.id, e.request.title
        ))
        .set_subject(format!(
            "Ranked comparison, evaluator scores, lifecycle cost, funding and financial case ({}, {}, FY{})",
            e.department, e.facility, e.request.fiscal_year
        ))
        .set_author("Caliper")
        .set_company(e.facility.as_str())
        .set_keywords("capital request, medical devices")
        .set_comment(format!("Inputs {}", e.content_hash))
        .set_creation_datetime(&created);
    wb.set_properties(&props);
    let f = Formats::new(&e.currency);
    ranking::ranking_sheet(Sheet::new(wb.add_worksheet(), SHEETS[0], WHAT)?, e, &f)?;
    scores::scores_sheet(Sheet::new(wb.add_worksheet(), SHEETS[1], WHAT)?, e, &f)?;
    lifecycle::lifecycle_sheet(Sheet::new(wb.add_worksheet(), SHEETS[2], WHAT)?, e, &f)?;
    funding::funding_sheet(Sheet::new(wb.add_worksheet(), SHEETS[3], WHAT)?, e, &f)?;
    compatibility::compatibility_sheet(Sheet::new(wb.add_worksheet(), SHEETS[4], WHAT)?, e, &f)?;
    if let Some(r) = &e.financial_case {
        let s = Sheet::new(wb.add_worksheet(), FINANCIAL_CASE_SHEET, WHAT)?;
        financial_case::financial_case_sheet(s, e, r, &f)?;
    }
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
