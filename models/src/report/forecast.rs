//! The replacement spend forecast exported: a workbook (years, by department, by device
//! type, what is not forecast) or a CSV of the table by department, written atomically.

use std::path::Path;

use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, Workbook, Worksheet};

use super::ExportFormat;
use crate::error::{Error, Result};
use crate::inventory::{forecast::ForecastRow, ReplacementForecast};
use crate::output::write_atomically;

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> Error {
    super::sheet::xlsx_error("the forecast workbook")(e)
}

fn money(d: rust_decimal::Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// A table of rows (department or device type) by fiscal year, with totals.
fn rows_sheet(
    sheet: &mut Worksheet,
    title: &str,
    f: &ReplacementForecast,
    rows: &[ForecastRow],
    bold: &Format,
    amount: &Format,
) -> Result<()> {
    sheet
        .write_string_with_format(0, 0, title, bold)
        .map_err(xlsx_error)?;
    for (i, y) in f.years.iter().enumerate() {
        sheet
            .write_string_with_format(0, 1 + i as u16, format!("FY{}", y.fiscal_year), bold)
            .map_err(xlsx_error)?;
    }
    let total_col = 1 + f.years.len() as u16;
    sheet
        .write_string_with_format(0, total_col, "Total", bold)
        .map_err(xlsx_error)?;
    for (r, row) in rows.iter().enumerate() {
        let r = 1 + r as u32;
        sheet
            .write_string(r, 0, row.name.as_deref().unwrap_or("(not stated)"))
            .map_err(xlsx_error)?;
        for (i, y) in f.years.iter().enumerate() {
            let cell = row.cells.iter().find(|c| c.fiscal_year == y.fiscal_year);
            sheet
                .write_number_with_format(
                    r,
                    1 + i as u16,
                    cell.map_or(0.0, |c| money(c.amount)),
                    amount,
                )
                .map_err(xlsx_error)?;
        }
        sheet
            .write_number_with_format(r, total_col, money(row.total), amount)
            .map_err(xlsx_error)?;
    }
    sheet.set_column_width(0, 28).map_err(xlsx_error)?;
    sheet.set_freeze_panes(1, 1).map_err(xlsx_error)?;
    Ok(())
}

/// The workbook's bytes.
pub fn forecast_xlsx(f: &ReplacementForecast) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let amount = Format::new().set_num_format("#,##0.00");
    let years = book.add_worksheet();
    years.set_name("Years").map_err(xlsx_error)?;
    for (c, h) in ["Fiscal year", "Replacement spend", "Assets", "By priority"]
        .iter()
        .enumerate()
    {
        years
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(xlsx_error)?;
    }
    for (r, y) in f.years.iter().enumerate() {
        let r = 1 + r as u32;
        years
            .write_string(r, 0, format!("FY{}", y.fiscal_year))
            .map_err(xlsx_error)?;
        years
            .write_number_with_format(r, 1, money(y.total), &amount)
            .map_err(xlsx_error)?;
        years
            .write_number(r, 2, y.assets.len() as f64)
            .map_err(xlsx_error)?;
        years
            .write_number(r, 3, f64::from(y.by_priority))
            .map_err(xlsx_error)?;
    }
    let last = 1 + f.years.len() as u32;
    years
        .write_string_with_format(last, 0, "Total", &bold)
        .map_err(xlsx_error)?;
    years
        .write_number_with_format(last, 1, money(f.total), &amount)
        .map_err(xlsx_error)?;
    let note = format!(
        "Price index {} a year; fiscal years start in month {}; {} assets replaced beyond FY{}.",
        f.price_index.normalize(),
        f.fiscal_year_start_month,
        f.beyond_horizon,
        f.last_year
    );
    years.write_string(last + 2, 0, note).map_err(xlsx_error)?;
    years.set_column_width(0, 14).map_err(xlsx_error)?;
    years.set_column_width(1, 20).map_err(xlsx_error)?;
    rows_sheet(
        book.add_worksheet()
            .set_name("By department")
            .map_err(xlsx_error)?,
        "Department",
        f,
        &f.by_department,
        &bold,
        &amount,
    )?;
    rows_sheet(
        book.add_worksheet()
            .set_name("By device type")
            .map_err(xlsx_error)?,
        "Device type",
        f,
        &f.by_device_type,
        &bold,
        &amount,
    )?;
    let missing = book
        .add_worksheet()
        .set_name("Not forecast")
        .map_err(xlsx_error)?;
    missing
        .write_string_with_format(0, 0, "Why", &bold)
        .map_err(xlsx_error)?;
    missing
        .write_string_with_format(0, 1, "Assets", &bold)
        .map_err(xlsx_error)?;
    missing
        .write_string_with_format(0, 2, "Asset numbers", &bold)
        .map_err(xlsx_error)?;
    for (r, n) in f.not_forecast.iter().enumerate() {
        let r = 1 + r as u32;
        let why = serde_json::to_value(n.reason)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        missing.write_string(r, 0, why).map_err(xlsx_error)?;
        missing
            .write_number(r, 1, f64::from(n.count))
            .map_err(xlsx_error)?;
        missing
            .write_string(r, 2, n.assets.join(", "))
            .map_err(xlsx_error)?;
    }
    book.save_to_buffer().map_err(xlsx_error)
}

/// The CSV: one line per department and fiscal year (exact decimal amounts).
pub fn forecast_csv(f: &ReplacementForecast) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail =
        |e: csv::Error| Error::internal(format!("the forecast CSV could not be written: {e}"));
    w.write_record(["fiscal_year", "department", "device_type", "amount"])
        .map_err(fail)?;
    for (rows, is_department) in [(&f.by_department, true), (&f.by_device_type, false)] {
        for row in rows {
            for c in &row.cells {
                let name = row.name.clone().unwrap_or_default();
                let (d, t) = if is_department {
                    (name, String::new())
                } else {
                    (String::new(), name)
                };
                w.write_record([
                    format!("FY{}", c.fiscal_year),
                    d,
                    t,
                    c.amount.normalize().to_string(),
                ])
                .map_err(fail)?;
            }
        }
    }
    w.into_inner()
        .map_err(|e| Error::internal(format!("the forecast CSV could not be written: {e}")))
}

/// Writes the forecast to `out` as .xlsx or .csv by its extension, atomically.
pub fn write_forecast(f: &ReplacementForecast, out: &Path) -> Result<()> {
    let bytes = match ExportFormat::of_path(out)? {
        ExportFormat::Xlsx => forecast_xlsx(f)?,
        ExportFormat::Csv => forecast_csv(f)?,
    };
    write_atomically(out, &bytes)
}
