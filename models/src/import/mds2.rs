//! Reading a vendor's MDS2 file into rows of cells for [`crate::compat::mds2`]: the
//! official Excel workbook (xlsx, xls, ods through calamine), a CSV/text export in
//! UTF-8, UTF-16 or Windows-1252 with any common delimiter, the form as lines of text
//! (`DOC-9 Is the ...?: Yes`), or a PDF's text layer (read page by page, see `pdf`). The
//! form itself is read by the pure `compat::mds2::parse_rows`; callers that have a file
//! use `parse_file` (or `parse_bytes` for bytes already in memory) from here.
//!
//! A form is a few hundred rows of a few columns, so files far beyond that are refused
//! before they are loaded, naming the file (and the sheet and cell): see the `MAX_`
//! limits, documented in docs/compatibility.md.

use std::io::{Cursor, Read};
use std::path::Path;

use crate::compat::mds2::{is_line_layout, line_rows, parse_rows, Mds2Parse, Row};

mod pdf;
use crate::error::{Error, Result};

/// What the limits' messages call an MDS2 file.
pub(super) const NOUN: &str = "an MDS2 form";

/// The largest form file read: 20 MiB.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
/// The most a workbook (.xlsx, .ods: a zip archive) may unpack to, all its parts together.
pub const MAX_UNPACKED_BYTES: u64 = 20 * 1024 * 1024;
/// Rows a sheet (or records a CSV/text file) may use.
pub const MAX_ROWS: u32 = 2_000;
/// Columns a sheet (or fields a CSV/text record) may use.
pub const MAX_COLUMNS: u32 = 50;
/// The longest cell, in bytes of UTF-8 text.
pub const MAX_CELL_BYTES: usize = 32 * 1024;
/// Non-empty cells a workbook may hold, all sheets together (and shared strings an
/// .xls may hold).
pub const MAX_CELLS: usize = (MAX_ROWS * MAX_COLUMNS) as usize;
/// Sheets a workbook may have: each is read in full, so the count bounds the work.
pub const MAX_SHEETS: usize = 32;
/// Lines a CSV/text file may have (blank lines and lines inside quoted cells included).
pub const MAX_TEXT_LINES: usize = 10_000;

/// Reads a form from a file on disk: at most one byte past [`MAX_FILE_BYTES`], so an
/// endless pipe or device is refused rather than read.
pub fn parse_file(path: &Path) -> Result<Mds2Parse> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if meta.is_file() && meta.len() > MAX_FILE_BYTES {
        return Err(too_large_file(&name));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    parse_bytes(&name, &bytes)
}

fn too_large_file(file_name: &str) -> Error {
    Error::Parse {
        location: file_name.to_string(),
        message: format!(
            "is larger than {} MiB, the limit for an MDS2 form file",
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    }
}

/// Reads a form from a file's bytes; `file_name` names it in messages.
pub fn parse_bytes(file_name: &str, bytes: &[u8]) -> Result<Mds2Parse> {
    let fail = |message: String| Error::Parse {
        location: file_name.to_string(),
        message,
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large_file(file_name));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(fail("the file is empty".into()));
    }
    if bytes.starts_with(b"%PDF") {
        let lines = pdf::text_lines(file_name, bytes)?;
        check_line_count(file_name, lines.len())?;
        return parse_rows(file_name, "pdf", &line_rows(&lines));
    }
    let (format, rows) = if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
    {
        workbook_rows(file_name, bytes)?
    } else {
        let text = decode_text(bytes).ok_or_else(|| {
            fail(
                "is a binary file, not an MDS2 form: use the vendor's Excel workbook (.xlsx) or a CSV/text export of it"
                    .into(),
            )
        })?;
        if is_line_layout(&text, sniff_delimiter(&text)) {
            check_line_count(file_name, text.lines().count())?;
            let lines: Vec<(String, String)> = text
                .lines()
                .enumerate()
                .map(|(i, l)| (format!("line {}", i + 1), l.to_string()))
                .collect();
            ("text".to_string(), line_rows(&lines))
        } else {
            ("csv".to_string(), text_rows(file_name, &text)?)
        }
    };
    parse_rows(file_name, &format, &rows)
}

fn workbook_rows(file_name: &str, bytes: &[u8]) -> Result<(String, Vec<Row>)> {
    use calamine::{Ods, Reader, Xlsx};
    let fail = |message: String| Error::Parse {
        location: file_name.to_string(),
        message,
    };
    if !bytes.starts_with(b"PK\x03\x04") {
        return Ok(("xls".into(), super::xls::xls_rows(file_name, bytes)?));
    }
    check_unpacked_size(file_name, bytes, NOUN)?;
    let unreadable =
        |e: &dyn std::fmt::Display| fail(format!("is not a readable spreadsheet: {e}"));
    let mut rows = Vec::new();
    match archive_kind(bytes) {
        ArchiveKind::Xlsb => Err(fail(
            "is an Excel binary workbook (.xlsb), which Caliper does not read: save it as .xlsx"
                .into(),
        )),
        ArchiveKind::Ods => {
            super::ods::check_repeats(file_name, bytes)?;
            let mut workbook: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
            check_sheet_count(file_name, workbook.sheet_names().len(), NOUN)?;
            for sheet in workbook.sheet_names() {
                let range = workbook
                    .worksheet_range(&sheet)
                    .map_err(|e| fail(format!("sheet '{sheet}' could not be read: {e}")))?;
                let mut cells = SheetCells::new(file_name, &sheet, total_cells(&rows));
                let (row0, column0) = range.start().unwrap_or((0, 0));
                for (row, column, value) in range.used_cells() {
                    let row = row0.saturating_add(u32::try_from(row).unwrap_or(u32::MAX));
                    let column = column0.saturating_add(u32::try_from(column).unwrap_or(u32::MAX));
                    cells.add(row, column, value)?;
                }
                rows.extend(cells.into_rows());
            }
            Ok(("ods".into(), rows))
        }
        ArchiveKind::Xlsx => {
            let mut workbook: Xlsx<_> =
                Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
            check_sheet_count(file_name, workbook.sheet_names().len(), NOUN)?;
            for sheet in workbook.sheet_names() {
                // Streamed cell by cell, so a sheet's size is checked before anything is
                // kept for it (a dense range of a sheet that uses XFD1048576 would not fit
                // in memory).
                let mut reader = match workbook.worksheet_cells_reader(&sheet) {
                    Ok(reader) => reader,
                    // A chart sheet or macro sheet holds no cells.
                    Err(calamine::XlsxError::NotAWorksheet(_)) => continue,
                    Err(e) => return Err(fail(format!("sheet '{sheet}' could not be read: {e}"))),
                };
                let mut cells = SheetCells::new(file_name, &sheet, total_cells(&rows));
                while let Some(cell) = reader
                    .next_cell()
                    .map_err(|e| fail(format!("sheet '{sheet}' could not be read: {e}")))?
                {
                    let (row, column) = cell.get_position();
                    cells.add(row, column, &calamine::Data::from(cell.get_value().clone()))?;
                }
                rows.extend(cells.into_rows());
            }
            Ok(("xlsx".into(), rows))
        }
    }
}

/// Refuses a workbook of more than [`MAX_SHEETS`] sheets.
pub(super) fn check_sheet_count(file_name: &str, sheets: usize, noun: &str) -> Result<()> {
    if sheets > MAX_SHEETS {
        return Err(Error::Parse {
            location: file_name.to_string(),
            message: format!(
                "has {sheets} sheets, more than the {MAX_SHEETS} {noun} workbook may have"
            ),
        });
    }
    Ok(())
}

fn total_cells(rows: &[Row]) -> usize {
    rows.iter().map(|r| r.cells.len()).sum()
}

pub(super) enum ArchiveKind {
    Xlsx,
    Xlsb,
    Ods,
}

/// What a zip archive holds, from its part names (an unreadable archive is left to the
/// xlsx reader to refuse).
pub(super) fn archive_kind(bytes: &[u8]) -> ArchiveKind {
    let Ok(archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return ArchiveKind::Xlsx;
    };
    let has = |name: &str| archive.index_for_name(name).is_some();
    if has("xl/workbook.bin") {
        ArchiveKind::Xlsb
    } else if has("content.xml") && !has("xl/workbook.xml") {
        ArchiveKind::Ods
    } else {
        ArchiveKind::Xlsx
    }
}

/// Refuses an archive whose parts unpack to more than [`MAX_UNPACKED_BYTES`] in all. The
/// parts are unpacked (and dropped) to count, as the sizes an archive declares may lie.
pub(super) fn check_unpacked_size(file_name: &str, bytes: &[u8], noun: &str) -> Result<()> {
    check_unpacked_within(file_name, bytes, noun, MAX_UNPACKED_BYTES)
}

/// Refuses an archive whose parts unpack to more than `limit` bytes in all.
pub(super) fn check_unpacked_within(
    file_name: &str,
    bytes: &[u8],
    noun: &str,
    limit: u64,
) -> Result<()> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // Not a readable archive: the spreadsheet reader says why.
        return Ok(());
    };
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let Ok(part) = archive.by_index(i) else {
            continue;
        };
        let name = part.name().to_string();
        let left = limit - total;
        let read = std::io::copy(&mut part.take(left + 1), &mut std::io::sink()).unwrap_or(0);
        total += read;
        if total > limit {
            return Err(Error::Parse {
                location: file_name.to_string(),
                message: format!(
                    "unpacks to more than {} MiB (at part '{name}'), the limit for {noun} workbook",
                    limit / (1024 * 1024)
                ),
            });
        }
    }
    Ok(())
}

/// A sheet's non-empty cells as rows of cells, refused beyond [`MAX_ROWS`],
/// [`MAX_COLUMNS`], [`MAX_CELL_BYTES`] and (with the sheets before it) [`MAX_CELLS`].
pub(super) struct SheetCells<'a> {
    file_name: &'a str,
    sheet: &'a str,
    /// Cells of the workbook's sheets before this one.
    before: usize,
    /// What the file is, in messages (`an MDS2 form`).
    noun: &'a str,
    /// (row, column, text) of every non-empty cell.
    cells: Vec<(u32, u32, String)>,
}

impl<'a> SheetCells<'a> {
    pub(super) fn new(file_name: &'a str, sheet: &'a str, before: usize) -> Self {
        Self::of(file_name, sheet, before, NOUN)
    }

    /// The cells of a file that `noun` names in messages.
    pub(super) fn of(file_name: &'a str, sheet: &'a str, before: usize, noun: &'a str) -> Self {
        SheetCells {
            file_name,
            sheet,
            before,
            noun,
            cells: Vec::new(),
        }
    }

    pub(super) fn sheet(&self) -> &str {
        self.sheet
    }

    /// Cells of this sheet and those before it.
    pub(super) fn total(&self) -> usize {
        self.before + self.cells.len()
    }

    /// A refusal naming the file.
    pub(super) fn refuse(&self, message: String) -> Error {
        Error::Parse {
            location: self.file_name.to_string(),
            message,
        }
    }

    fn place(&self, row: u32, column: u32) -> String {
        format!(
            "sheet '{}', cell {}{}",
            self.sheet,
            column_letters(column as usize),
            u64::from(row) + 1
        )
    }

    pub(super) fn add(&mut self, row: u32, column: u32, value: &calamine::Data) -> Result<()> {
        use calamine::Data;
        let text = match value {
            Data::Empty => return Ok(()),
            Data::String(s) => s.clone(),
            Data::Bool(true) => "Yes".into(),
            Data::Bool(false) => "No".into(),
            Data::Float(f) => f.to_string(),
            Data::Int(i) => i.to_string(),
            other => other.to_string(),
        };
        let refuse = |message: String| Error::Parse {
            location: self.file_name.to_string(),
            message,
        };
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            return Err(refuse(format!(
                "{} is outside the {MAX_ROWS} rows and {MAX_COLUMNS} columns (A1:{}{MAX_ROWS}) {} may use",
                self.place(row, column),
                column_letters(MAX_COLUMNS as usize - 1),
                self.noun,
            )));
        }
        if text.len() > MAX_CELL_BYTES {
            return Err(refuse(format!(
                "{} holds {} bytes of text, more than the {} KiB {} cell may hold",
                self.place(row, column),
                text.len(),
                MAX_CELL_BYTES / 1024,
                self.noun
            )));
        }
        if self.total() >= MAX_CELLS {
            return Err(refuse(format!(
                "{}: the workbook holds more than {MAX_CELLS} non-empty cells, more than {} may have",
                self.place(row, column),
                self.noun
            )));
        }
        self.cells.push((row, column, text));
        Ok(())
    }

    /// The non-empty cells: (row, column, text), 0-based.
    pub(super) fn into_cells(self) -> Vec<(u32, u32, String)> {
        self.cells
    }

    /// One row from the first used row to the last (empty between), cells left to right.
    pub(super) fn into_rows(mut self) -> Vec<Row> {
        self.cells.sort_by_key(|&(row, column, _)| (row, column));
        let (Some(first), Some(last)) = (self.cells.first(), self.cells.last()) else {
            return Vec::new();
        };
        let (first, last) = (first.0, last.0);
        let mut rows: Vec<Row> = (first..=last).map(|_| Row { cells: Vec::new() }).collect();
        let cells = std::mem::take(&mut self.cells);
        for (row, column, text) in cells {
            let place = self.place(row, column);
            if let Some(r) = rows.get_mut((row - first) as usize) {
                r.cells.push((place, text));
            }
        }
        rows
    }
}

pub(super) fn column_letters(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text"), or Windows-1252
/// (Excel's CSV on Windows), as the inventory reader decodes them. `None` for binary
/// content.
pub(super) fn decode_text(bytes: &[u8]) -> Option<String> {
    crate::inventory::read::decode(bytes).map(|d| d.text)
}

/// Refuses a text (or a PDF's text layer) of more than [`MAX_TEXT_LINES`] lines.
fn check_line_count(file_name: &str, lines: usize) -> Result<()> {
    if lines > MAX_TEXT_LINES {
        return Err(Error::Parse {
            location: file_name.to_string(),
            message: format!(
                "has {lines} lines, more than the {MAX_TEXT_LINES} an MDS2 form file may have"
            ),
        });
    }
    Ok(())
}

fn text_rows(file_name: &str, text: &str) -> Result<Vec<Row>> {
    let refuse = |message: String| Error::Parse {
        location: file_name.to_string(),
        message,
    };
    check_line_count(file_name, text.lines().count())?;
    let delimiter = sniff_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                if rows.len() >= MAX_ROWS as usize {
                    return Err(refuse(format!(
                        "line {line}: more than {MAX_ROWS} records, the most an MDS2 form may have"
                    )));
                }
                if record.len() > MAX_COLUMNS as usize {
                    return Err(refuse(format!(
                        "line {line}: {} fields, more than the {MAX_COLUMNS} an MDS2 form may have",
                        record.len()
                    )));
                }
                if let Some(long) = record.iter().find(|c| c.len() > MAX_CELL_BYTES) {
                    return Err(refuse(format!(
                        "line {line}: a field of {} bytes, more than the {} KiB an MDS2 form cell may hold",
                        long.len(),
                        MAX_CELL_BYTES / 1024
                    )));
                }
                let cells = record
                    .iter()
                    .filter(|c| !c.trim().is_empty())
                    .map(|c| (format!("line {line}"), c.to_string()))
                    .collect();
                rows.push(Row { cells });
            }
            // An unreadable record (e.g. invalid UTF-8 was replaced above): skip it.
            Err(_) => continue,
        }
    }
    Ok(rows)
}

pub(super) fn sniff_delimiter(text: &str) -> u8 {
    let sample: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(40)
        .collect();
    [b',', b';', b'\t', b'|']
        .into_iter()
        .max_by_key(|&d| {
            // Lines with the delimiter, then its total count; comma wins ties.
            let with = sample.iter().filter(|l| l.as_bytes().contains(&d)).count();
            let total: usize = sample
                .iter()
                .map(|l| l.bytes().filter(|&b| b == d).count())
                .sum();
            (with, total, d == b',')
        })
        .unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_binary_files_are_refused() {
        let err = parse_bytes("blank.csv", b"  \n\n").unwrap_err();
        assert!(
            err.to_string().contains("blank.csv: the file is empty"),
            "{err}"
        );
        let err = parse_bytes("photo.csv", &[0x89, b'P', b'N', b'G', 0, 0, 1, 2, 3]).unwrap_err();
        assert!(err.to_string().contains("binary"), "{err}");
        let err = parse_bytes("form.pdf", b"%PDF-1.7\n%\xe2\xe3").unwrap_err();
        assert!(
            err.to_string().contains("form.pdf: is not a readable PDF"),
            "{err}"
        );
        let old = "Manufacturer Disclosure Statement for Medical Device Security -- MDS2\nHIMSS/NEMA HN 1-2013\n1,Can this device transmit ePHI?,Yes\n";
        let err = parse_bytes("old.csv", old.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("2013 edition"), "{err}");
        let err = parse_bytes("budget.csv", b"item,amount\nmonitors,1000\n").unwrap_err();
        assert!(err.to_string().contains("no MDS2 question ids"), "{err}");
    }

    #[test]
    fn remarks_beside_the_answer_are_kept_and_see_note_alone_is_reported() {
        let text = "Question ID;Question;Answer;Note;IEC TR 80001-2-2\n\
                    PAUT-2;Is the device configurable to authenticate users through an external authentication service?;Yes;LDAP over TLS;PAUT\n\
                    PAUT-8;Does the device support multi-factor authentication?;See note 4;;PAUT\n\
                    PAUT-9;Does the device support single sign-on (SSO)?;No;Note 2;PAUT\n";
        let p = parse_bytes("semicolons.csv", text.as_bytes()).unwrap();
        assert_eq!(p.form.entry("PAUT-2").unwrap().note, "LDAP over TLS");
        assert_eq!(
            p.form.entry("PAUT-9").unwrap().note,
            "",
            "a note reference is not a remark"
        );
        assert!(p.form.entry("PAUT-8").is_none());
        assert_eq!(p.unreadable.len(), 1);
        assert_eq!(p.unreadable[0].place, "line 3");
        assert_eq!(p.unreadable[0].text, "See note 4");
    }
}
