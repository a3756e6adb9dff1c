//! Bytes to text (the encodings Excel and CMMS exports use) and text to a [`Table`] (the
//! separator sniffed, quoted fields with separators and line breaks kept whole).

use rayon::prelude::*;
use serde::Serialize;
use ts_rs::TS;

use super::{SourceInfo, Table, TableLimits, TableRow};
use crate::error::{Error, Result};

/// The encoding a text file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    Utf8,
    /// UTF-8 with a byte-order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// UTF-16 little-endian (Excel's "Unicode text"), with or without a byte-order mark.
    Utf16Le,
    Utf16Be,
    /// Not valid UTF-8: read as Windows-1252 (Excel's CSV on a Western Windows).
    Windows1252,
}

/// A file's text and the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: TextEncoding,
}

/// Reads text: UTF-8 (with or without BOM), UTF-16 with a BOM or, without one, told by
/// its pattern of NUL bytes, else Windows-1252. `None` for binary content (NUL or
/// control bytes in text that is not UTF-16).
pub fn decode(bytes: &[u8]) -> Option<Decoded> {
    let utf16 = |rest: &[u8], le: bool| {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16(&units).ok()
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, true).map(|text| Decoded {
            text,
            encoding: TextEncoding::Utf16Le,
        });
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, false).map(|text| Decoded {
            text,
            encoding: TextEncoding::Utf16Be,
        });
    }
    if let Some(le) = bomless_utf16(bytes) {
        let encoding = if le {
            TextEncoding::Utf16Le
        } else {
            TextEncoding::Utf16Be
        };
        return utf16(bytes, le).map(|text| Decoded { text, encoding });
    }
    let sample = &bytes[..bytes.len().min(8192)];
    let control = sample
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)))
        .count();
    if sample.contains(&0) || control * 50 > sample.len() {
        return None;
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).ok().map(|s| Decoded {
            text: s.to_string(),
            encoding: TextEncoding::Utf8Bom,
        });
    }
    Some(match std::str::from_utf8(bytes) {
        Ok(s) => Decoded {
            text: s.to_string(),
            encoding: TextEncoding::Utf8,
        },
        Err(_) => Decoded {
            text: bytes.iter().map(|&b| windows_1252(b)).collect(),
            encoding: TextEncoding::Windows1252,
        },
    })
}

/// `Some(true)` for UTF-16 LE text without a BOM (ASCII characters leave a NUL in every
/// odd byte), `Some(false)` for BE (every even byte).
fn bomless_utf16(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd * 10 >= pairs * 7 && even * 20 <= pairs {
        Some(true)
    } else if even * 10 >= pairs * 7 && odd * 20 <= pairs {
        Some(false)
    } else {
        None
    }
}

/// A Windows-1252 byte as a character (0x80-0x9F hold the euro sign, curly quotes and
/// dashes; the five unassigned bytes are kept as their C1 code points).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        b => char::from(b),
    }
}

/// Lines looked at to choose the separator.
const SNIFF_LINES: usize = 30;

/// The field separator of delimited text: of comma, semicolon, tab and pipe, the one
/// that splits the most of the first lines (quoted text left aside) into the same number
/// of fields, more than one; comma when none does.
pub fn sniff_separator(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(SNIFF_LINES)
        .collect();
    let mut best = (b',', 0usize, 0usize);
    for separator in [b',', b';', b'\t', b'|'] {
        let counts: Vec<usize> = lines.iter().map(|l| fields_in(l, separator)).collect();
        // The most frequent field count above one, and how many lines have it.
        let mut modal = (0usize, 0usize);
        for &n in counts.iter().filter(|&&n| n > 1) {
            let lines_with = counts.iter().filter(|&&m| m == n).count();
            if (lines_with, n) > (modal.1, modal.0) {
                modal = (n, lines_with);
            }
        }
        if (modal.1, modal.0) > (best.2, best.1) {
            best = (separator, modal.0, modal.1);
        }
    }
    best.0
}

/// Fields of one line split on `separator` outside double quotes.
fn fields_in(line: &str, separator: u8) -> usize {
    let mut quoted = false;
    let mut n = 1;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == separator && !quoted {
            n += 1;
        }
    }
    n
}

/// Text this long or longer without a quote character is split at line breaks and its
/// pieces read in parallel (a quoted field may hold a line break, so quoted text is read
/// in one piece).
const PARALLEL_FROM_BYTES: usize = 1 << 20;

/// The table of a delimited text file: the separator sniffed, records split by the csv
/// reader (quotes, doubled quotes, line breaks inside quotes), refused beyond `limits`.
pub fn table_from_text(file: &str, decoded: &Decoded, limits: &TableLimits) -> Result<Table> {
    let refuse = |message: String| Error::Parse {
        location: file.to_string(),
        message,
    };
    let text = decoded.text.as_str();
    let separator = sniff_separator(text);
    let pieces = if text.len() >= PARALLEL_FROM_BYTES && !text.contains('"') {
        let count = rayon::current_num_threads().max(1) * 4;
        line_pieces(text, text.len().div_ceil(count))
    } else {
        vec![(text, 1)]
    };
    let read: Vec<Result<Vec<TableRow>>> = pieces
        .into_par_iter()
        .map(|(piece, first_line)| records(piece, first_line, separator, limits).map_err(refuse))
        .collect();
    let mut rows = Vec::new();
    for piece in read {
        rows.append(&mut piece?);
    }
    if let Some(beyond) = rows.get(limits.max_rows) {
        return Err(refuse(format!(
            "line {}: more than {} rows, the most an inventory file may have",
            beyond.number, limits.max_rows
        )));
    }
    let source = SourceInfo {
        file: file.to_string(),
        format: "csv".into(),
        encoding: Some(decoded.encoding),
        separator: Some(char::from(separator).to_string()),
        sheet: None,
    };
    Table::from_rows(source, rows)
}

/// `text` cut after line breaks into pieces of about `size` bytes, each with the 1-based
/// line it starts on.
fn line_pieces(text: &str, size: usize) -> Vec<(&str, usize)> {
    let mut pieces = Vec::new();
    let (mut rest, mut line) = (text, 1usize);
    while !rest.is_empty() {
        let cut = match rest.as_bytes().get(size..) {
            Some(after) => after
                .iter()
                .position(|&b| b == b'\n')
                .map_or(rest.len(), |at| size + at + 1),
            None => rest.len(),
        };
        let (piece, after) = rest.split_at(cut);
        pieces.push((piece, line));
        line += piece.bytes().filter(|&b| b == b'\n').count();
        rest = after;
    }
    pieces
}

/// The records of `text`, whose first line is the file's `first_line`; a message when a
/// record is beyond `limits` (the row limit counted for the whole file by the caller, and
/// here only to stop early).
fn records(
    text: &str,
    first_line: usize,
    separator: u8,
    limits: &TableLimits,
) -> std::result::Result<Vec<TableRow>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let bytes = text.as_bytes();
    let (mut line, mut counted) = (first_line, 0usize);
    // Each record is made as large as the one before, so that it need not grow.
    let (mut bytes_before, mut fields_before) = (0, 0);
    loop {
        let mut record = csv::StringRecord::with_capacity(bytes_before, fields_before);
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(format!("could not be read as delimited text: {e}")),
        }
        // The csv reader's own line count passes over blank lines: count the line breaks
        // before the record's first byte instead.
        let byte = record.position().map_or(counted, |p| p.byte() as usize);
        let mut upto = byte.min(bytes.len()).max(counted);
        // The position may be that of blank lines the reader passed over.
        while upto < bytes.len() && matches!(bytes[upto], b'\r' | b'\n') {
            upto += 1;
        }
        line += bytes[counted..upto].iter().filter(|&&b| b == b'\n').count();
        counted = upto;
        if rows.len() >= limits.max_rows {
            return Err(format!(
                "line {line}: more than {} rows, the most an inventory file may have",
                limits.max_rows
            ));
        }
        if record.len() > limits.max_columns {
            return Err(format!(
                "line {line}: {} fields, more than the {} columns an inventory file may have",
                record.len(),
                limits.max_columns
            ));
        }
        if let Some(long) = record.iter().find(|c| c.len() > limits.max_cell_bytes) {
            return Err(format!(
                "line {line}: a field of {} bytes, more than the {} KiB a cell may hold",
                long.len(),
                limits.max_cell_bytes / 1024
            ));
        }
        (bytes_before, fields_before) = (record.as_slice().len(), record.len());
        rows.push(TableRow::from_record(line, record));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        out.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn encodings_are_told_apart() {
        let check = |bytes: &[u8], text: &str, encoding: TextEncoding| {
            let d = decode(bytes).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (text, encoding));
        };
        check(b"Asset,Mfr\n", "Asset,Mfr\n", TextEncoding::Utf8);
        check(b"\xEF\xBB\xBFS\xC3\xA3o", "São", TextEncoding::Utf8Bom);
        check(
            &utf16le("Müller;1", true),
            "Müller;1",
            TextEncoding::Utf16Le,
        );
        check(
            &utf16le("Müller;1", false),
            "Müller;1",
            TextEncoding::Utf16Le,
        );
        check(
            b"M\xFCller \x80 \x93x\x94",
            "Müller € “x”",
            TextEncoding::Windows1252,
        );
        assert!(decode(&[0x89, b'P', b'N', b'G', 0, 0, 1, 2, 3]).is_none());
    }

    #[test]
    fn the_separator_is_the_one_that_splits_lines_alike() {
        assert_eq!(sniff_separator("a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff_separator("Asset;Cost\nA1;1,5\nA2;2,5\n"), b';');
        assert_eq!(sniff_separator("a\tb\n\"x,y\"\tz\n"), b'\t');
        assert_eq!(sniff_separator("Inventory, March\na|b|c\n1|2|3\n"), b'|');
        assert_eq!(sniff_separator("single column\n"), b',');
    }

    /// Text read in pieces gives the rows, and the line numbers, of text read whole:
    /// blank lines, CRLF line ends and a last line without a line break included.
    #[test]
    fn pieces_read_as_the_whole() {
        let mut text = String::from("Asset #,Cost\r\n");
        for i in 0..500 {
            text.push_str(&format!("A-{i},{}\r\n", i * 3));
            if i % 37 == 0 {
                text.push_str("\r\n\n");
            }
        }
        text.push_str("A-last,1");
        let limits = TableLimits {
            max_rows: 1000,
            max_columns: 10,
            max_cell_bytes: 100,
        };
        let whole = records(&text, 1, b',', &limits).unwrap();
        for size in [1, 7, 64, 1000] {
            let pieces = line_pieces(&text, size);
            assert!(pieces.len() > 1 || size == 1000, "{size}");
            let read: Vec<TableRow> = pieces
                .into_iter()
                .flat_map(|(piece, line)| records(piece, line, b',', &limits).unwrap())
                .collect();
            assert_eq!(read, whole, "pieces of {size} bytes");
        }
        // The header, 500 rows, 14 pairs of blank lines, then the last line.
        assert_eq!(whole.last().unwrap().number, 1 + 500 + 28 + 1);
        assert_eq!(whole.last().unwrap().cell(0), "A-last");
    }

    #[test]
    fn title_lines_above_the_header_are_passed_over() {
        let text = "St. Mary's Hospital equipment list\nExported 2024-01-05\n\nAsset #,Mfr,Model\n\"A-1\",\"GE, Healthcare\",\"Dash\n4000\"\n";
        let d = decode(text.as_bytes()).unwrap();
        let limits = TableLimits {
            max_rows: 10,
            max_columns: 10,
            max_cell_bytes: 100,
        };
        let t = table_from_text("x.csv", &d, &limits).unwrap();
        assert_eq!(t.header, ["Asset #", "Mfr", "Model"]);
        assert_eq!(t.header_row, 4);
        assert_eq!(t.rows().len(), 1);
        assert_eq!(t.rows()[0].number, 5);
        assert_eq!(t.rows()[0].cell(1), "GE, Healthcare");
        assert_eq!(t.rows()[0].cell(2), "Dash\n4000");
        let tight = TableLimits {
            max_rows: 2,
            ..limits
        };
        let err = table_from_text("x.csv", &d, &tight).unwrap_err();
        assert!(err.to_string().contains("more than 2 rows"), "{err}");
    }
}
