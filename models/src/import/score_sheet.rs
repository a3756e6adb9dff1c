//! Reading a returned score sheet from disk into the cells that the pure
//! [`crate::scoresheet::read`] reads: an XLSX workbook (as Caliper wrote it, or saved
//! again by Excel or LibreOffice) or a CSV file in UTF-8, UTF-16 or Windows-1252. The
//! file is untrusted: the same bounds as an MDS2 form apply (size, unpacked size,
//! sheets, rows, columns, cell length), each refusal naming the file and cell.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

use super::mds2::{
    check_sheet_count, check_unpacked_size, decode_text, sniff_delimiter, SheetCells,
    MAX_CELL_BYTES, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, MAX_TEXT_LINES,
};
use crate::error::{Error, Result};
use crate::report::score_sheet::SHEET_NAME;
use crate::scoresheet::{cell_name, Grid};

const NOUN: &str = "a score sheet";

/// Reads a returned sheet's cells from a file, at most one byte past the size limit.
pub fn read_file(path: &Path) -> Result<Grid> {
    let (name, bytes) = super::read_bounded(path, MAX_FILE_BYTES)?;
    read_bytes(&name, &bytes)
}

/// Reads a returned sheet's cells from the file's bytes; `file_name` names it.
pub fn read_bytes(file_name: &str, bytes: &[u8]) -> Result<Grid> {
    let fail = |message: String| Error::Parse {
        location: file_name.to_string(),
        message,
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(format!(
            "is larger than {} MiB, the limit for a score sheet",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(fail("the file is empty".into()));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return workbook_grid(file_name, bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(fail(
            "is an Excel 97-2003 workbook (.xls): save the score sheet as .xlsx or .csv".into(),
        ));
    }
    let text = decode_text(bytes).ok_or_else(|| {
        fail(
            "is a binary file, not a score sheet: return the .xlsx or .csv file as it was exported"
                .into(),
        )
    })?;
    text_grid(file_name, &text)
}

fn workbook_grid(file_name: &str, bytes: &[u8]) -> Result<Grid> {
    use calamine::{Reader, Xlsx};
    let fail = |message: String| Error::Parse {
        location: file_name.to_string(),
        message,
    };
    let is = |part: &str| {
        zip::ZipArchive::new(Cursor::new(bytes))
            .map(|a| a.index_for_name(part).is_some())
            .unwrap_or(false)
    };
    if !is("xl/workbook.xml") {
        return Err(fail(if is("content.xml") {
            "is an OpenDocument spreadsheet (.ods): save the score sheet as .xlsx or .csv".into()
        } else {
            "is not an Excel workbook (.xlsx)".into()
        }));
    }
    check_unpacked_size(file_name, bytes, NOUN)?;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| fail(format!("is not a readable spreadsheet: {e}")))?;
    let names = workbook.sheet_names();
    check_sheet_count(file_name, names.len(), NOUN)?;
    // The sheet Caliper wrote, or else the first (a sheet renamed by the evaluator).
    let sheet = names
        .iter()
        .find(|n| n.as_str() == SHEET_NAME)
        .or_else(|| names.first())
        .cloned()
        .ok_or_else(|| fail("has no worksheet".into()))?;
    let mut reader = workbook
        .worksheet_cells_reader(&sheet)
        .map_err(|e| fail(format!("sheet '{sheet}' could not be read: {e}")))?;
    let mut cells = SheetCells::of(file_name, &sheet, 0, NOUN);
    while let Some(cell) = reader
        .next_cell()
        .map_err(|e| fail(format!("sheet '{sheet}' could not be read: {e}")))?
    {
        let (row, column) = cell.get_position();
        cells.add(row, column, &calamine::Data::from(cell.get_value().clone()))?;
    }
    Ok(Grid {
        file: file_name.to_string(),
        sheet: Some(sheet.clone()),
        cells: cells
            .into_cells()
            .into_iter()
            .map(|(row, column, text)| ((row, column), uninert(text)))
            .collect(),
    })
}

fn text_grid(file_name: &str, text: &str) -> Result<Grid> {
    let refuse = |message: String| Error::Parse {
        location: file_name.to_string(),
        message,
    };
    let lines = text.lines().count();
    if lines > MAX_TEXT_LINES {
        return Err(refuse(format!(
            "has {lines} lines, more than the {MAX_TEXT_LINES} {NOUN} may have"
        )));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(text))
        .from_reader(text.as_bytes());
    let mut cells = BTreeMap::new();
    let mut record = csv::StringRecord::new();
    let mut row: u32 = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(refuse(format!("row {}: {e}", row + 1)));
            }
        }
        if row >= MAX_ROWS || record.len() > MAX_COLUMNS as usize {
            return Err(refuse(format!(
                "row {}: beyond the {MAX_ROWS} rows and {MAX_COLUMNS} columns {NOUN} may use",
                row + 1
            )));
        }
        for (column, field) in record.iter().enumerate() {
            let column = column as u32;
            if field.len() > MAX_CELL_BYTES {
                return Err(refuse(format!(
                    "cell {}: {} bytes of text, more than the {} KiB {NOUN} cell may hold",
                    cell_name(row, column),
                    field.len(),
                    MAX_CELL_BYTES / 1024
                )));
            }
            if !field.trim().is_empty() {
                cells.insert((row, column), uninert(field.to_string()));
            }
        }
        row += 1;
    }
    Ok(Grid {
        file: file_name.to_string(),
        sheet: None,
        cells,
    })
}

/// A name as written: the apostrophe that kept a formula-like name inert is dropped.
fn uninert(text: String) -> String {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => text,
    }
}
