//! Opening an inventory or work-order export: the file read within its limits, a PDF or
//! another binary file refused with what to do instead, text decoded (UTF-8, UTF-16,
//! Windows-1252) and split on its sniffed separator, or an Excel workbook's sheet read
//! cell by cell (dates written as ISO text), into the [`Table`] the pure
//! [`crate::inventory::read`] reads.

use std::io::Cursor;
use std::path::Path;

use super::mds2::{archive_kind, check_sheet_count, check_unpacked_within, ArchiveKind};
use crate::error::{Error, Result};
use crate::inventory::read::{decode, table_from_text, SourceInfo, Table, TableLimits, TableRow};

/// What the limits' messages call the file.
const NOUN: &str = "an inventory";

/// The largest export read: 100 MiB (a 200,000-asset inventory of 21 columns is ~32 MiB).
pub const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;
/// The most a workbook (.xlsx, a zip archive) may unpack to, all its parts together.
pub const MAX_UNPACKED_BYTES: u64 = 1024 * 1024 * 1024;
/// Rows (records) a file may have, title and header rows included.
pub const MAX_ROWS: usize = 1_000_000;
/// Columns a row may have.
pub const MAX_COLUMNS: usize = 200;
/// The longest cell, in bytes of UTF-8 text.
pub const MAX_CELL_BYTES: usize = 32 * 1024;

/// The limits above, as the reader takes them.
pub const LIMITS: TableLimits = TableLimits {
    max_rows: MAX_ROWS,
    max_columns: MAX_COLUMNS,
    max_cell_bytes: MAX_CELL_BYTES,
};

/// Reads an export from disk (at most one byte past [`MAX_FILE_BYTES`], so an endless
/// pipe is refused rather than read). `sheet` names the workbook sheet to read; without
/// it, the first sheet whose header names known fields (else the first sheet).
pub fn read_table_file(path: &Path, sheet: Option<&str>) -> Result<Table> {
    let (name, bytes) = super::read_bounded(path, MAX_FILE_BYTES)?;
    read_table_bytes(&name, &bytes, sheet)
}

/// Reads an export from its bytes; `file_name` names it in messages.
pub fn read_table_bytes(file_name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Table> {
    let fail = |message: &str| Error::Parse {
        location: file_name.to_string(),
        message: message.to_string(),
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(&format!(
            "is larger than {} MiB, the limit for an inventory export",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(fail("the file is empty"));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(fail(
            "is a PDF, not an inventory export: export the inventory from the CMMS as CSV or XLSX",
        ));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(fail(
            "is an Excel 97-2003 workbook (.xls): save it as .xlsx or .csv, or export the inventory from the CMMS as CSV or XLSX",
        ));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return match archive_kind(bytes) {
            ArchiveKind::Xlsx => workbook_table(file_name, bytes, sheet),
            ArchiveKind::Xlsb => Err(fail(
                "is an Excel binary workbook (.xlsb), which Caliper does not read: save it as .xlsx or .csv",
            )),
            ArchiveKind::Ods => Err(fail(
                "is an OpenDocument spreadsheet (.ods): save it as .xlsx or .csv",
            )),
        };
    }
    let decoded = decode(bytes).ok_or_else(|| {
        fail("is a binary file, not an inventory export: export the inventory from the CMMS as CSV or XLSX")
    })?;
    table_from_text(file_name, &decoded, &LIMITS)
}

fn workbook_table(file_name: &str, bytes: &[u8], wanted: Option<&str>) -> Result<Table> {
    use calamine::{Reader, Xlsx};
    let fail = |message: String| Error::Parse {
        location: file_name.to_string(),
        message,
    };
    check_unpacked_within(file_name, bytes, NOUN, MAX_UNPACKED_BYTES)?;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| fail(format!("is not a readable spreadsheet: {e}")))?;
    let names = workbook.sheet_names();
    check_sheet_count(file_name, names.len(), NOUN)?;
    if let Some(wanted) = wanted {
        if !names.iter().any(|n| n == wanted) {
            return Err(fail(format!(
                "has no sheet '{wanted}' (its sheets: {})",
                names.join(", ")
            )));
        }
    }
    let mut first: Option<Table> = None;
    for sheet in names
        .iter()
        .filter(|n| wanted.is_none_or(|w| w == n.as_str()))
    {
        let mut reader = match workbook.worksheet_cells_reader(sheet) {
            Ok(reader) => reader,
            // A chart sheet or macro sheet holds no cells.
            Err(calamine::XlsxError::NotAWorksheet(_)) => continue,
            Err(e) => return Err(fail(format!("sheet '{sheet}' could not be read: {e}"))),
        };
        let mut rows = SheetRows::new(file_name, sheet);
        while let Some(cell) = reader
            .next_cell()
            .map_err(|e| fail(format!("sheet '{sheet}' could not be read: {e}")))?
        {
            let (row, column) = cell.get_position();
            rows.add(row, column, cell.get_value())?;
        }
        let source = SourceInfo {
            file: file_name.to_string(),
            format: "xlsx".into(),
            encoding: None,
            separator: None,
            sheet: Some(sheet.clone()),
        };
        let Ok(table) = Table::from_rows(source, rows.finish()) else {
            continue;
        };
        if wanted.is_some() || table.known_header_columns() >= 2 {
            return Ok(table);
        }
        first.get_or_insert(table);
    }
    first.ok_or_else(|| fail("has no sheet with cells".into()))
}

/// A sheet's cells gathered into rows as they stream in (row by row, left to right),
/// refused beyond the limits.
struct SheetRows<'a> {
    file_name: &'a str,
    sheet: &'a str,
    rows: Vec<TableRow>,
    /// The row being gathered: its 0-based index and cells.
    current: Option<(u32, Vec<String>)>,
}

impl<'a> SheetRows<'a> {
    fn new(file_name: &'a str, sheet: &'a str) -> Self {
        SheetRows {
            file_name,
            sheet,
            rows: Vec::new(),
            current: None,
        }
    }

    fn add(&mut self, row: u32, column: u32, value: &calamine::DataRef<'_>) -> Result<()> {
        let text = cell_text(value);
        if text.is_empty() {
            return Ok(());
        }
        let place = || {
            format!(
                "sheet '{}', cell {}{}",
                self.sheet,
                super::mds2::column_letters(column as usize),
                u64::from(row) + 1
            )
        };
        let refuse = |message: String| Error::Parse {
            location: self.file_name.to_string(),
            message: format!("{}: {message}", place()),
        };
        if row as usize >= MAX_ROWS {
            return Err(refuse(format!(
                "beyond the {MAX_ROWS} rows {NOUN} may have"
            )));
        }
        if column as usize >= MAX_COLUMNS {
            return Err(refuse(format!(
                "beyond the {MAX_COLUMNS} columns {NOUN} may have"
            )));
        }
        if text.len() > MAX_CELL_BYTES {
            return Err(refuse(format!(
                "{} bytes of text, more than the {} KiB a cell may hold",
                text.len(),
                MAX_CELL_BYTES / 1024
            )));
        }
        if self.current.as_ref().is_some_and(|(r, _)| *r != row) {
            self.flush();
        }
        let (_, cells) = self.current.get_or_insert_with(|| (row, Vec::new()));
        let column = column as usize;
        if cells.len() <= column {
            cells.resize(column + 1, String::new());
        }
        cells[column] = text;
        Ok(())
    }

    fn flush(&mut self) {
        if let Some((row, cells)) = self.current.take() {
            self.rows.push(TableRow::new(row as usize + 1, &cells));
        }
    }

    /// The rows, in sheet order (a cell written out of order joins its row's place).
    fn finish(mut self) -> Vec<TableRow> {
        self.flush();
        self.rows.sort_by_key(|r| r.number);
        self.rows
    }
}

/// A cell as text: Excel dates as ISO dates (`2019-03-14`, with the time when it is not
/// midnight), whole numbers without a decimal point, booleans as Yes/No.
fn cell_text(value: &calamine::DataRef<'_>) -> String {
    use calamine::DataRef;
    match value {
        DataRef::Empty => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Bool(true) => "Yes".into(),
        DataRef::Bool(false) => "No".into(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        DataRef::Float(f) => f.to_string(),
        DataRef::DateTime(d) if d.is_datetime() => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if (h, min, s) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02} {h:02}:{min:02}:{s:02}")
            }
        }
        DataRef::DateTime(d) => d.as_f64().to_string(),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => format!("#{e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdfs_binaries_and_old_workbooks_are_refused() {
        let err = read_table_bytes("list.pdf", b"%PDF-1.7\n", None).unwrap_err();
        assert!(
            err.to_string()
                .contains("list.pdf: is a PDF, not an inventory export"),
            "{err}"
        );
        let err =
            read_table_bytes("x.png", &[0x89, b'P', b'N', b'G', 0, 0, 1, 2, 3], None).unwrap_err();
        assert!(err.to_string().contains("binary"), "{err}");
        let err = read_table_bytes("old.xls", &[0xD0, 0xCF, 0x11, 0xE0, 0, 0], None).unwrap_err();
        assert!(err.to_string().contains(".xls"), "{err}");
        let err = read_table_bytes("blank.csv", b" \n", None).unwrap_err();
        assert!(err.to_string().contains("empty"), "{err}");
    }

    #[test]
    fn a_csv_export_becomes_a_table() {
        let t = read_table_bytes("a.csv", b"Asset #;Cost\nA-1;12,5\n", None).unwrap();
        assert_eq!(t.source.separator.as_deref(), Some(";"));
        assert_eq!(t.rows()[0].cell(1), "12,5");
    }
}
