//! Small spreadsheet files built byte by byte for the importer's tests: Excel 97-2003
//! (.xls, BIFF8 records in a compound file), OpenDocument (.ods) and Excel (.xlsx, through
//! rust_xlsxwriter), each holding an MDS2 form or a hostile variant of one.
#![allow(dead_code)] // each test binary uses its own part of these builders

use std::io::{Cursor, Write};

/// The rows of a short HN 1-2019 form: header, then question id, question, answer.
pub const FORM: &[[&str; 3]] = &[
    ["Question ID", "Question", "Answer"],
    ["DOC-1", "Manufacturer Name", "Aurelia Devices"],
    ["DOC-3", "Device Model", "Sentinel X4"],
    [
        "PAUT-2",
        "Is the device configurable to authenticate users through an external authentication service?",
        "Yes",
    ],
    [
        "PAUT-9",
        "Does the device support single sign-on (SSO)?",
        "No",
    ],
];

/// One BIFF8 record.
pub fn record(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut out = typ.to_le_bytes().to_vec();
    out.extend((data.len() as u16).to_le_bytes());
    out.extend(data);
    out
}

/// A `LABEL` cell: inline text, UTF-16.
pub fn label(row: u16, column: u16, text: &str) -> Vec<u8> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut data = cell_head(row, column);
    data.extend((units.len() as u16).to_le_bytes());
    data.push(1);
    for u in units {
        data.extend(u.to_le_bytes());
    }
    record(0x0204, &data)
}

/// A `NUMBER` cell.
pub fn number(row: u16, column: u16, value: f64) -> Vec<u8> {
    let mut data = cell_head(row, column);
    data.extend(value.to_le_bytes());
    record(0x0203, &data)
}

/// A `LABELSST` cell: text from the shared-string table.
pub fn label_sst(row: u16, column: u16, index: u32) -> Vec<u8> {
    let mut data = cell_head(row, column);
    data.extend(index.to_le_bytes());
    record(0x00FD, &data)
}

/// A `DIMENSIONS` record: rows `first..end`, columns `first..end` (ends exclusive).
pub fn dimensions(first_row: u32, end_row: u32, first_column: u16, end_column: u16) -> Vec<u8> {
    let mut data = first_row.to_le_bytes().to_vec();
    data.extend(end_row.to_le_bytes());
    data.extend(first_column.to_le_bytes());
    data.extend(end_column.to_le_bytes());
    data.extend([0, 0]);
    record(0x0200, &data)
}

fn cell_head(row: u16, column: u16) -> Vec<u8> {
    let mut data = row.to_le_bytes().to_vec();
    data.extend(column.to_le_bytes());
    data.extend(15u16.to_le_bytes());
    data
}

/// The shared-string table, compressed (Latin-1) strings.
pub fn sst(strings: &[&str]) -> Vec<u8> {
    let mut data = (strings.len() as u32).to_le_bytes().to_vec();
    data.extend((strings.len() as u32).to_le_bytes());
    for s in strings {
        data.extend((s.len() as u16).to_le_bytes());
        data.push(0);
        data.extend(s.bytes());
    }
    record(0x00FC, &data)
}

fn bof(kind: u16) -> Vec<u8> {
    let mut data = 0x0600u16.to_le_bytes().to_vec();
    data.extend(kind.to_le_bytes());
    data.extend([0; 12]);
    record(0x0809, &data)
}

/// A workbook stream: the globals (`extra` records among them, e.g. an SST), then each
/// sheet's records between its BOF and EOF.
pub fn workbook_stream(extra: &[Vec<u8>], sheets: &[(&str, Vec<Vec<u8>>)]) -> Vec<u8> {
    let bound = |offset: u32, name: &str| {
        let mut data = offset.to_le_bytes().to_vec();
        data.extend([0, 0, name.len() as u8, 0]);
        data.extend(name.bytes());
        record(0x0085, &data)
    };
    let mut globals = bof(0x0005);
    let bound_len: usize = sheets.iter().map(|(n, _)| bound(0, n).len()).sum();
    let extra_len: usize = extra.iter().map(Vec::len).sum();
    let mut offset = globals.len() + bound_len + extra_len + 4;
    let mut bodies = Vec::new();
    for (name, records) in sheets {
        globals.extend(bound(offset as u32, name));
        let mut body = bof(0x0010);
        for r in records {
            body.extend(r);
        }
        body.extend(record(0x000A, &[]));
        offset += body.len();
        bodies.push(body);
    }
    for e in extra {
        globals.extend(e);
    }
    globals.extend(record(0x000A, &[]));
    for body in bodies {
        globals.extend(body);
    }
    globals
}

/// A compound file holding `stream` as its `Workbook`.
pub fn compound_file(stream: &[u8]) -> Vec<u8> {
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    file.create_stream("Workbook")
        .unwrap()
        .write_all(stream)
        .unwrap();
    file.flush().unwrap();
    file.into_inner().into_inner()
}

/// The form as an .xls: the first column's ids from the shared strings, the rest inline.
pub fn form_xls() -> Vec<u8> {
    let ids: Vec<&str> = FORM.iter().map(|r| r[0]).collect();
    let mut cells = vec![dimensions(0, FORM.len() as u32, 0, 3)];
    for (r, row) in FORM.iter().enumerate() {
        cells.push(label_sst(r as u16, 0, r as u32));
        cells.push(label(r as u16, 1, row[1]));
        cells.push(label(r as u16, 2, row[2]));
    }
    cells.push(number(FORM.len() as u16, 2, 42.5));
    compound_file(&workbook_stream(&[sst(&ids)], &[("Form", cells)]))
}

/// A zip archive of `(name, content)` parts, deflated.
pub fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in parts {
        let options = if *name == "mimetype" {
            zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored)
        } else {
            zip::write::SimpleFileOptions::default()
        };
        w.start_file(*name, options).unwrap();
        w.write_all(content).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// An .ods whose single sheet `name` has the table body `rows` (table-row elements).
pub fn ods(name: &str, rows: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="{name}">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zip(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", content.as_bytes()),
        ("META-INF/manifest.xml", manifest.as_bytes()),
    ])
}

/// A table-row of text cells.
pub fn ods_row(cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .map(|c| {
            format!(
                r#"<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>"#
            )
        })
        .collect();
    format!("<table:table-row>{cells}</table:table-row>")
}

/// The form as an .ods, with the empty cells and rows LibreOffice writes to the sheet's
/// edge.
pub fn form_ods() -> Vec<u8> {
    let mut rows: String = FORM
        .iter()
        .map(|r| {
            ods_row(r).replace(
                "</table:table-row>",
                r#"<table:table-cell table:number-columns-repeated="16381"/></table:table-row>"#,
            )
        })
        .collect();
    rows.push_str(r#"<table:table-row table:number-rows-repeated="1048571"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#);
    ods("Form", &rows)
}

/// The form as an .xlsx.
pub fn form_xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in FORM.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *text).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

/// The form as CSV.
pub fn form_csv() -> Vec<u8> {
    let mut out = String::new();
    for row in FORM {
        out.push_str(&format!("{},\"{}\",{}\n", row[0], row[1], row[2]));
    }
    out.into_bytes()
}

/// The process's peak resident memory so far, in MiB (Linux; `None` elsewhere).
pub fn peak_memory_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}
