//! OpenDocument spreadsheets (.ods) checked before calamine loads them. calamine expands
//! `table:number-columns-repeated` and `table:number-rows-repeated` into cells as it
//! reads `content.xml`, so a few bytes that repeat a value a billion times would take
//! gigabytes. The XML (already within the unpacked-size cap) is scanned here first: a
//! sheet whose content, repeats counted, reaches past the form's rows or columns is
//! refused, naming the sheet and row. Repeated empty cells and rows (LibreOffice writes
//! them to the sheet's edge) cost nothing in calamine and are allowed.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::mds2::{column_letters, MAX_COLUMNS, MAX_ROWS, MAX_SHEETS, MAX_UNPACKED_BYTES};
use crate::error::{Error, Result};

/// Refuses an archive whose `content.xml` repeats content past the form's bounds.
pub(super) fn check_repeats(file_name: &str, bytes: &[u8]) -> Result<()> {
    let fail = |message: String| Error::Parse {
        location: file_name.to_string(),
        message,
    };
    let mut content = Vec::new();
    let read = zip::ZipArchive::new(Cursor::new(bytes)).and_then(|mut archive| {
        let part = archive.by_name("content.xml")?;
        part.take(MAX_UNPACKED_BYTES)
            .read_to_end(&mut content)
            .map_err(zip::result::ZipError::from)
    });
    if let Err(e) = read {
        return Err(fail(format!(
            "is not a readable OpenDocument spreadsheet (.ods): content.xml: {e}"
        )));
    }
    let mut reader = Reader::from_reader(content.as_slice());
    let mut scan = Scan::default();
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            fail(format!(
                "is not a readable OpenDocument spreadsheet (.ods): content.xml at byte {}: {e}",
                reader.buffer_position()
            ))
        })?;
        match event {
            Event::Start(e) => {
                let cell_content = scan.start(&e, false).map_err(&fail)?;
                if cell_content {
                    // The cell's paragraphs: skipped whole, a nested table included.
                    let mut skip = Vec::new();
                    reader.read_to_end_into(e.name(), &mut skip).map_err(|e| {
                        fail(format!(
                            "is not a readable OpenDocument spreadsheet (.ods): content.xml: {e}"
                        ))
                    })?;
                }
            }
            Event::Empty(e) => {
                scan.start(&e, true).map_err(&fail)?;
            }
            Event::End(e) if e.name().as_ref() == b"table:table-row" => {
                scan.end_row().map_err(&fail)?;
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

/// Where the scan is: the sheet, the rows above the current one (repeats counted), and
/// in the current row the columns so far and the end of the last one with content.
#[derive(Default)]
struct Scan {
    sheets: usize,
    sheet: String,
    row: u64,
    row_repeats: u64,
    columns: u64,
    content_end: u64,
}

impl Scan {
    /// Takes in an opening or empty element; true when it is a cell whose children
    /// the caller must skip.
    fn start(&mut self, e: &BytesStart<'_>, empty: bool) -> std::result::Result<bool, String> {
        match e.name().as_ref() {
            b"table:table" => {
                // calamine loads every sheet as it opens the file: their number is bounded
                // here, each sheet's size below.
                self.sheets += 1;
                if self.sheets > MAX_SHEETS {
                    return Err(format!(
                        "has more than {MAX_SHEETS} sheets, more than an MDS2 form workbook may have"
                    ));
                }
                self.sheet = attribute(e, b"table:name").unwrap_or_default();
                self.row = 0;
            }
            b"table:table-row" => {
                self.row_repeats = repeats(e, b"table:number-rows-repeated");
                self.columns = 0;
                self.content_end = 0;
                if empty {
                    self.end_row()?;
                }
            }
            b"table:table-cell" | b"table:covered-table-cell" => {
                self.columns = self
                    .columns
                    .saturating_add(repeats(e, b"table:number-columns-repeated"));
                // A value, a formula or any child (text) may make a cell non-empty.
                let valued = e.attributes().flatten().any(|a| {
                    matches!(
                        a.key.as_ref(),
                        b"office:value"
                            | b"office:string-value"
                            | b"office:date-value"
                            | b"office:time-value"
                            | b"office:boolean-value"
                            | b"office:value-type"
                            | b"table:formula"
                    )
                });
                if valued || !empty {
                    self.content_end = self.columns;
                    if self.content_end > u64::from(MAX_COLUMNS) {
                        return Err(format!(
                            "sheet '{}', row {}: content reaches column {} (cells repeated by table:number-columns-repeated), beyond the {MAX_COLUMNS} columns an MDS2 form may use",
                            self.sheet,
                            self.row.saturating_add(1),
                            column_letter_or_count(self.content_end)
                        ));
                    }
                }
                return Ok(!empty);
            }
            _ => {}
        }
        Ok(false)
    }

    fn end_row(&mut self) -> std::result::Result<(), String> {
        let end = self.row.saturating_add(self.row_repeats);
        if self.content_end > 0 && end > u64::from(MAX_ROWS) {
            return Err(format!(
                "sheet '{}', row {}: content repeated (table:number-rows-repeated) to row {end}, beyond the {MAX_ROWS} rows an MDS2 form may use",
                self.sheet,
                self.row.saturating_add(1),
            ));
        }
        self.row = end;
        self.row_repeats = 1;
        Ok(())
    }
}

fn attribute(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// A repeat count, 1 when absent. One that does not parse as calamine parses it counts
/// as 1 here: calamine refuses the file.
fn repeats(e: &BytesStart<'_>, name: &[u8]) -> u64 {
    attribute(e, name)
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(1)
}

/// A column's letters, or its number when it is past any spreadsheet's last column.
fn column_letter_or_count(end: u64) -> String {
    match usize::try_from(end) {
        Ok(n) if n <= 16_384 => column_letters(n - 1),
        _ => format!("number {end}"),
    }
}
