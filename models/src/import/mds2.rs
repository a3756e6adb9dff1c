//! Reading a vendor's MDS2 file into rows of cells for [`crate::compat::mds2`]: the
//! official Excel workbook (xlsx, xls, ods through calamine) or a CSV/text export in
//! UTF-8, UTF-16 or Windows-1252 with any common delimiter. The form itself is read by
//! the pure `compat::mds2::parse_rows`; callers that have a file use `parse_file` (or
//! `parse_bytes` for bytes already in memory) from here.

use std::io::Cursor;
use std::path::Path;

use crate::compat::mds2::{parse_rows, Mds2Parse, Row};
use crate::error::{Error, Result};

/// Reads a form from a file on disk.
pub fn parse_file(path: &Path) -> Result<Mds2Parse> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    parse_bytes(&name, &bytes)
}

/// Reads a form from a file's bytes; `file_name` names it in messages.
pub fn parse_bytes(file_name: &str, bytes: &[u8]) -> Result<Mds2Parse> {
    let fail = |message: String| Error::Parse {
        location: file_name.to_string(),
        message,
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(fail("the file is empty".into()));
    }
    if bytes.starts_with(b"%PDF") {
        return Err(fail(
            "is a PDF: Caliper reads the form's Excel workbook (.xlsx) or a CSV/text export of it; ask the vendor for the workbook"
                .into(),
        ));
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
        ("csv".to_string(), text_rows(&text))
    };
    parse_rows(file_name, &format, &rows)
}

fn workbook_rows(file_name: &str, bytes: &[u8]) -> Result<(String, Vec<Row>)> {
    use calamine::{open_workbook_auto_from_rs, Data, Reader, Sheets};
    let fail = |message: String| Error::Parse {
        location: file_name.to_string(),
        message,
    };
    let mut workbook: Sheets<_> = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| fail(format!("is not a readable spreadsheet: {e}")))?;
    let format = match &workbook {
        Sheets::Xlsx(_) | Sheets::Xlsb(_) => "xlsx",
        Sheets::Xls(_) => "xls",
        Sheets::Ods(_) => "ods",
    }
    .to_string();
    let mut rows = Vec::new();
    for sheet in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&sheet)
            .map_err(|e| fail(format!("sheet '{sheet}' could not be read: {e}")))?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        for (r, row) in range.rows().enumerate() {
            let cells = row
                .iter()
                .enumerate()
                .filter_map(|(c, cell)| {
                    let text = match cell {
                        Data::Empty => return None,
                        Data::String(s) => s.clone(),
                        Data::Bool(true) => "Yes".into(),
                        Data::Bool(false) => "No".into(),
                        Data::Float(f) => f.to_string(),
                        Data::Int(i) => i.to_string(),
                        other => other.to_string(),
                    };
                    let place = format!(
                        "sheet '{sheet}', cell {}{}",
                        column_letters(col0 as usize + c),
                        row0 as usize + r + 1
                    );
                    Some((place, text))
                })
                .collect();
            rows.push(Row { cells });
        }
    }
    Ok((format, rows))
}

fn column_letters(mut index: usize) -> String {
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

/// UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), or
/// Windows-1252 (Excel's CSV on Windows). `None` for binary content.
fn decode_text(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16(&units).ok();
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16(&units).ok();
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let control = sample
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)))
        .count();
    if sample.contains(&0) || control * 50 > sample.len() {
        return None;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Some(s.to_string()),
        // Windows-1252: the printable range maps to the same code points in Latin-1,
        // except the curly quotes and dashes Excel writes.
        Err(_) => Some(
            bytes
                .iter()
                .map(|&b| match b {
                    0x91 | 0x92 => '\'',
                    0x93 | 0x94 => '"',
                    0x96 => '\u{2013}',
                    0x97 => '\u{2014}',
                    b => char::from(b),
                })
                .collect(),
        ),
    }
}

fn text_rows(text: &str) -> Vec<Row> {
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
    rows
}

fn sniff_delimiter(text: &str) -> u8 {
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
        assert!(err.to_string().contains("form.pdf: is a PDF"), "{err}");
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
