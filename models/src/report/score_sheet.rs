//! A score sheet written as an XLSX workbook or a CSV file, from the one grid of
//! [`ScoreSheet::grid`]. The workbook adds what a spreadsheet can: each score cell
//! accepts only a whole number from 1 to 5 (data validation, with the criterion's scale
//! as its input message), the ids are greyed and the panes frozen at the scores.

use chrono::Datelike;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, Format,
    FormatAlign, FormatBorder, Workbook,
};

use crate::criteria::{SCALE_MAX, SCALE_MIN};
use crate::error::{Error, Result};
use crate::report::xlsx::inert;
use crate::scoresheet::{
    ScoreSheet, SheetValue, CANDIDATE_ID_ROW, FIRST_CRITERION_ROW, FIRST_SCORE_COLUMN, HEADER_ROW,
};

/// The worksheet's name, which a returned workbook is read from.
pub const SHEET_NAME: &str = "Scores";

/// The file format of a score sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SheetFormat {
    Xlsx,
    Csv,
}

impl SheetFormat {
    pub fn extension(self) -> &'static str {
        match self {
            SheetFormat::Xlsx => "xlsx",
            SheetFormat::Csv => "csv",
        }
    }
}

/// The sheet in `format`.
pub fn render(sheet: &ScoreSheet, format: SheetFormat) -> Result<Vec<u8>> {
    match format {
        SheetFormat::Xlsx => render_xlsx(sheet),
        SheetFormat::Csv => render_csv(sheet),
    }
}

/// The sheet as CSV: the grid's cells, names made inert for spreadsheets.
pub fn render_csv(sheet: &ScoreSheet) -> Result<Vec<u8>> {
    let csv_error = |err: ::csv::Error| Error::render("the score sheet", err);
    let mut w = ::csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for row in sheet.grid() {
        let record: Vec<String> = row
            .iter()
            .map(|cell| match cell {
                SheetValue::Empty | SheetValue::Score(None) => String::new(),
                SheetValue::Text(t) => inert(t),
                SheetValue::Number(n) => n.to_string(),
                SheetValue::Score(Some(s)) => s.to_string(),
            })
            .collect();
        // An empty record would be skipped by readers: a blank row keeps one empty field.
        if record.is_empty() {
            w.write_record([""]).map_err(csv_error)?;
        } else {
            w.write_record(&record).map_err(csv_error)?;
        }
    }
    w.into_inner()
        .map_err(|err| Error::render("the score sheet", err.error()))
}

/// The sheet as an XLSX workbook with data validation on the score cells.
pub fn render_xlsx(sheet: &ScoreSheet) -> Result<Vec<u8>> {
    let fail = |e: rust_xlsxwriter::XlsxError| Error::render("the score sheet", e);
    let mut workbook = Workbook::new();
    // The date the sheet was made, so the same sheet gives the same file.
    let made = rust_xlsxwriter::ExcelDateTime::from_ymd(
        u16::try_from(sheet.made_on.year()).unwrap_or(2000),
        sheet.made_on.month() as u8,
        sheet.made_on.day() as u8,
    )
    .map_err(fail)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("Score sheet: {}", sheet.request_title))
            .set_author(&sheet.evaluator_name)
            .set_creation_datetime(&made),
    );
    let ws = workbook.add_worksheet();
    ws.set_name(SHEET_NAME).map_err(fail)?;
    let title = Format::new().set_bold().set_font_size(14);
    let label = Format::new().set_bold();
    let id = Format::new().set_font_color(Color::RGB(0x8A8F96));
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xEAF0F5))
        .set_border_bottom(FormatBorder::Thin);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let score = Format::new()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xFFFBE6))
        .set_border(FormatBorder::Thin)
        .set_unlocked();

    for (r, row) in sheet.grid().iter().enumerate() {
        let r = r as u32;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            let format = match (r, c) {
                (0, 0) => &title,
                (_, 0) if r < CANDIDATE_ID_ROW => &label,
                _ if r == HEADER_ROW => &header,
                _ if r == CANDIDATE_ID_ROW || (r >= FIRST_CRITERION_ROW && c == 0) => &id,
                _ => &wrap,
            };
            match cell {
                SheetValue::Empty => {}
                SheetValue::Text(t) => {
                    ws.write_string_with_format(r, c, t, format).map_err(fail)?;
                }
                SheetValue::Number(n) => {
                    ws.write_number_with_format(r, c, f64::from(*n), format)
                        .map_err(fail)?;
                }
                SheetValue::Score(s) => {
                    match s {
                        Some(s) => ws.write_number_with_format(r, c, f64::from(*s), &score),
                        None => ws.write_blank(r, c, &score),
                    }
                    .map_err(fail)?;
                }
            }
        }
    }
    let widths = [12.0, 18.0, 30.0, 48.0];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(fail)?;
    }
    for k in 0..sheet.candidates.len() {
        ws.set_column_width(FIRST_SCORE_COLUMN as u16 + k as u16, 16.0)
            .map_err(fail)?;
    }
    for (k, criterion) in sheet.criteria.iter().enumerate() {
        let row = FIRST_CRITERION_ROW + k as u32;
        let lines = criterion.scale().lines().count().max(1);
        ws.set_row_height(row, 15.0 * lines as f64).map_err(fail)?;
        if sheet.candidates.is_empty() {
            continue;
        }
        let first = FIRST_SCORE_COLUMN as u16;
        let last = first + sheet.candidates.len() as u16 - 1;
        // Excel shows at most 255 characters of an input message.
        let message: String = criterion.scale().chars().take(250).collect();
        let validation = DataValidation::new()
            .allow_whole_number(DataValidationRule::Between(
                i32::from(SCALE_MIN),
                i32::from(SCALE_MAX),
            ))
            .set_input_title(short_title(&criterion.name))
            .map_err(fail)?
            .set_input_message(message)
            .map_err(fail)?
            .set_error_title("Not a score")
            .map_err(fail)?
            .set_error_message(format!(
                "Type one whole number from {SCALE_MIN} (worst) to {SCALE_MAX} (best), or leave the cell blank."
            ))
            .map_err(fail)?
            .set_error_style(DataValidationErrorStyle::Stop);
        ws.add_data_validation(row, first, row, last, &validation)
            .map_err(fail)?;
    }
    ws.set_freeze_panes(FIRST_CRITERION_ROW, FIRST_SCORE_COLUMN as u16)
        .map_err(fail)?;
    workbook.save_to_buffer().map_err(fail)
}

/// A score sheet written to disk: where, and for whom.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
pub struct SheetWritten {
    pub path: String,
    pub evaluator_id: crate::ids::EvaluatorId,
    pub evaluator: String,
}

/// Writes each sheet into `dir` as `Score sheet <request> - <title> - <evaluator>.<ext>`,
/// each file atomically (a failure leaves no partial file).
pub fn write_sheets(
    sheets: &[ScoreSheet],
    format: SheetFormat,
    dir: &std::path::Path,
) -> Result<Vec<SheetWritten>> {
    let mut written = Vec::new();
    for sheet in sheets {
        let path = dir.join(format!("{}.{}", sheet.file_stem(), format.extension()));
        crate::output::write_atomically(&path, &render(sheet, format)?)?;
        written.push(SheetWritten {
            path: path.display().to_string(),
            evaluator_id: sheet.evaluator_id,
            evaluator: sheet.evaluator_name.clone(),
        });
    }
    Ok(written)
}

/// The format of a sheet file named `path`, from its extension.
pub fn format_of(path: &std::path::Path) -> Result<SheetFormat> {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("xlsx") => Ok(SheetFormat::Xlsx),
        Some("csv") => Ok(SheetFormat::Csv),
        _ => Err(Error::validation(
            "out",
            format!(
                "{}: a score sheet is written as .xlsx or .csv",
                path.display()
            ),
        )),
    }
}

/// A data validation's title: Excel shows at most 32 characters.
fn short_title(name: &str) -> String {
    if name.chars().count() <= 32 {
        name.to_string()
    } else {
        name.chars().take(31).chain(['…']).collect()
    }
}
