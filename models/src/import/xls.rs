//! Excel 97-2003 workbooks (.xls, BIFF8) read cell by cell. The file is untrusted: the
//! compound-file container is opened by the `cfb` crate, and the records of the
//! `Workbook` stream are read here with every length checked, so a damaged or hostile
//! file is refused with a message, and nothing is allocated from a size the file merely
//! declares. Each cell goes through [`SheetCells`], which refuses a cell outside the
//! form's bounds before it is kept, so a sheet with one cell at A1 and one at IV65536
//! costs two cells, not the dense rectangle between them.
//!
//! Only what a form needs is read: the values of number, text, boolean and formula
//! cells (a formula's cached result) and the shared strings. Excel 5.0/95 (BIFF5) and
//! older files and encrypted ones are refused.

use std::io::{Cursor, Read};

use calamine::Data;

use super::mds2::{
    check_sheet_count, column_letters, SheetCells, MAX_CELLS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS,
};
use crate::compat::mds2::Row;
use crate::error::{Error, Result};

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const CONTINUE: u16 = 0x003C;
const FILE_PASS: u16 = 0x002F;
const BOUND_SHEET: u16 = 0x0085;
const SST: u16 = 0x00FC;
const DIMENSIONS: u16 = 0x0200;
const NUMBER: u16 = 0x0203;
const RK: u16 = 0x027E;
const MUL_RK: u16 = 0x00BD;
const LABEL_SST: u16 = 0x00FD;
const LABEL: u16 = 0x0204;
const BOOL_ERR: u16 = 0x0205;
const FORMULA: u16 = 0x0006;
const STRING: u16 = 0x0207;

/// A workbook's non-empty cells as rows, sheet after sheet.
pub(super) fn xls_rows(file_name: &str, bytes: &[u8]) -> Result<Vec<Row>> {
    let fail = |message: String| Error::Parse {
        location: file_name.to_string(),
        message,
    };
    // A message that does not say what the file is says why it cannot be read.
    let unreadable = |message: String| {
        if message.starts_with("is ") {
            fail(message)
        } else {
            fail(format!(
                "is not a readable Excel 97-2003 workbook (.xls): {message}"
            ))
        }
    };
    let stream = workbook_stream(bytes).map_err(|e| unreadable(e.to_string()))?;
    let globals = read_globals(&stream).map_err(|e| unreadable(e.to_string()))?;
    check_sheet_count(file_name, globals.sheets.len(), super::mds2::NOUN)?;
    let mut rows = Vec::new();
    let mut cells_before = 0;
    for (i, sheet) in globals.sheets.iter().enumerate() {
        // A sheet's records end where the next sheet's begin (or at its EOF): no record
        // is read twice, however many sheets a file declares.
        let end = globals
            .sheets
            .iter()
            .map(|s| s.offset)
            .filter(|&o| o > sheet.offset)
            .min()
            .unwrap_or(stream.len())
            .min(stream.len());
        let shared = globals.sheets[..i].iter().any(|s| s.offset == sheet.offset);
        if shared {
            return Err(fail(format!(
                "is not a readable Excel 97-2003 workbook (.xls): sheet '{}' starts where another sheet does",
                sheet.name
            )));
        }
        let mut cells = SheetCells::new(file_name, &sheet.name, cells_before);
        read_sheet(&stream[..end], sheet, &globals.strings, &mut cells).map_err(|e| match e {
            Problem::Refused(error) => error,
            other => fail(format!("sheet '{}' could not be read: {other}", sheet.name)),
        })?;
        cells_before = cells.total();
        rows.extend(cells.into_rows());
    }
    Ok(rows)
}

/// What is wrong with the records of a workbook.
#[derive(Debug)]
enum Problem {
    Malformed(String),
    /// Refused by the form's bounds (the error names the sheet and cell).
    Refused(Error),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Malformed(m) => f.write_str(m),
            Problem::Refused(e) => write!(f, "{e}"),
        }
    }
}

type Read8<T> = std::result::Result<T, Problem>;

fn malformed<T>(message: impl Into<String>) -> Read8<T> {
    Err(Problem::Malformed(message.into()))
}

/// The `Workbook` stream, read no further than the file's size limit.
fn workbook_stream(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes))?;
    let name = if file.is_stream("/Workbook") {
        "/Workbook"
    } else if file.is_stream("/Book") {
        return Err(std::io::Error::other(
            "is an Excel 5.0/95 workbook or older, which Caliper does not read: save it as .xlsx",
        ));
    } else {
        return Err(std::io::Error::other(
            "it holds no workbook (an Office document of another kind?)",
        ));
    };
    let mut stream = Vec::new();
    file.open_stream(name)?
        .take(MAX_FILE_BYTES)
        .read_to_end(&mut stream)?;
    Ok(stream)
}

/// One record: its type, its data and the data of the `CONTINUE` records after it.
struct Record<'a> {
    typ: u16,
    parts: Vec<&'a [u8]>,
}

impl Record<'_> {
    fn data(&self) -> &[u8] {
        self.parts.first().copied().unwrap_or_default()
    }
}

/// The records from `offset` to the end of the stream.
struct Records<'a> {
    stream: &'a [u8],
    offset: usize,
}

impl<'a> Records<'a> {
    fn at(stream: &'a [u8], offset: usize) -> Self {
        Records { stream, offset }
    }

    fn header(&self, at: usize) -> Option<(u16, usize)> {
        let h = self.stream.get(at..at.checked_add(4)?)?;
        Some((
            u16::from_le_bytes([h[0], h[1]]),
            usize::from(u16::from_le_bytes([h[2], h[3]])),
        ))
    }

    fn next_record(&mut self) -> Read8<Option<Record<'a>>> {
        if self.offset >= self.stream.len() {
            return Ok(None);
        }
        let Some((typ, len)) = self.header(self.offset) else {
            return malformed(format!("a record at byte {} is cut short", self.offset));
        };
        let mut parts = Vec::new();
        let mut at = self.offset;
        let mut len = len;
        loop {
            let start = at + 4;
            let Some(data) = self.stream.get(start..start + len) else {
                return malformed(format!("a record at byte {at} is cut short"));
            };
            parts.push(data);
            at = start + len;
            match self.header(at) {
                Some((CONTINUE, next)) if typ != CONTINUE => len = next,
                _ => break,
            }
        }
        self.offset = at;
        Ok(Some(Record { typ, parts }))
    }
}

struct Sheet {
    name: String,
    offset: usize,
}

struct Globals {
    sheets: Vec<Sheet>,
    strings: Vec<String>,
}

fn read_globals(stream: &[u8]) -> Read8<Globals> {
    let mut records = Records::at(stream, 0);
    match records.next_record()? {
        Some(r) if r.typ == BOF => check_bof(r.data(), 0x0005)?,
        _ => return malformed("its Workbook stream does not start with a workbook record"),
    }
    let mut globals = Globals {
        sheets: Vec::new(),
        strings: Vec::new(),
    };
    while let Some(r) = records.next_record()? {
        match r.typ {
            EOF => break,
            FILE_PASS => {
                return malformed(
                    "is password-protected (encrypted): save an unprotected copy as .xlsx",
                )
            }
            BOUND_SHEET => {
                let mut c = Cursor8::new(&r.parts);
                let offset = c.u32()? as usize;
                let (_visibility, kind) = (c.u8()?, c.u8()?);
                let cch = usize::from(c.u8()?);
                let name = c.chars(cch)?;
                // Chart, macro and module sheets hold no cells.
                if kind == 0 {
                    globals.sheets.push(Sheet { name, offset });
                }
            }
            SST => globals.strings = read_shared_strings(&r)?,
            _ => {}
        }
    }
    Ok(globals)
}

/// BIFF8 only (`0x0600`), of the substream kind expected (workbook or worksheet).
fn check_bof(data: &[u8], kind: u16) -> Read8<()> {
    let version = data.get(..2).map(|v| u16::from_le_bytes([v[0], v[1]]));
    let dt = data.get(2..4).map(|v| u16::from_le_bytes([v[0], v[1]]));
    if version != Some(0x0600) {
        return malformed(
            "is an Excel 5.0/95 workbook or older, which Caliper does not read: save it as .xlsx",
        );
    }
    if dt != Some(kind) {
        return malformed("a sheet's records are not where the workbook says they are");
    }
    Ok(())
}

/// The shared-string table: `XLUnicodeRichExtendedString`s over the record and its
/// `CONTINUE`s, at most [`MAX_CELLS`] of them.
fn read_shared_strings(r: &Record<'_>) -> Read8<Vec<String>> {
    let mut c = Cursor8::new(&r.parts);
    let (_total, _unique) = (c.u32()?, c.u32()?);
    let mut strings = Vec::new();
    while !c.at_end() {
        if strings.len() >= MAX_CELLS {
            return malformed(format!(
                "it holds more than {MAX_CELLS} shared strings, more than an MDS2 form has cells"
            ));
        }
        let cch = usize::from(c.u16()?);
        let flags = c.u8()?;
        let runs = if flags & 0x08 != 0 {
            usize::from(c.u16()?)
        } else {
            0
        };
        let ext = if flags & 0x04 != 0 {
            c.u32()? as usize
        } else {
            0
        };
        strings.push(c.string(cch, flags & 0x01 != 0)?);
        c.skip(runs * 4)?;
        c.skip(ext)?;
    }
    Ok(strings)
}

fn read_sheet(
    stream: &[u8],
    sheet: &Sheet,
    strings: &[String],
    cells: &mut SheetCells<'_>,
) -> Read8<()> {
    let mut records = Records::at(stream, sheet.offset);
    match records.next_record()? {
        Some(r) if r.typ == BOF => check_bof(r.data(), 0x0010)?,
        _ => return malformed("its records are not where the workbook says they are"),
    }
    let add = |cells: &mut SheetCells<'_>, row: u16, column: u16, value: Data| {
        cells
            .add(u32::from(row), u32::from(column), &value)
            .map_err(Problem::Refused)
    };
    // A formula whose result is text: the text follows in a STRING record.
    let mut pending_text: Option<(u16, u16)> = None;
    while let Some(r) = records.next_record()? {
        let mut c = Cursor8::new(&r.parts);
        match r.typ {
            EOF => break,
            DIMENSIONS => check_dimensions(cells, &mut c)?,
            NUMBER => {
                let (row, column, _xf) = (c.u16()?, c.u16()?, c.u16()?);
                add(cells, row, column, Data::Float(c.f64()?))?;
            }
            RK => {
                let (row, column, _xf) = (c.u16()?, c.u16()?, c.u16()?);
                add(cells, row, column, rk(c.u32()?))?;
            }
            MUL_RK => {
                let data = r.data();
                let (row, first) = (c.u16()?, c.u16()?);
                let count = data.len().saturating_sub(6) / 6;
                for i in 0..count {
                    let _xf = c.u16()?;
                    let value = rk(c.u32()?);
                    let column = u16::try_from(usize::from(first) + i).unwrap_or(u16::MAX);
                    add(cells, row, column, value)?;
                }
            }
            LABEL_SST => {
                let (row, column, _xf) = (c.u16()?, c.u16()?, c.u16()?);
                let index = c.u32()? as usize;
                let Some(text) = strings.get(index) else {
                    return malformed(format!(
                        "cell {}{} refers to shared string {index}, which the workbook does not have",
                        column_letters(usize::from(column)),
                        u32::from(row) + 1
                    ));
                };
                add(cells, row, column, Data::String(text.clone()))?;
            }
            LABEL => {
                let (row, column, _xf) = (c.u16()?, c.u16()?, c.u16()?);
                let cch = usize::from(c.u16()?);
                let high = c.u8()? & 0x01 != 0;
                add(cells, row, column, Data::String(c.string(cch, high)?))?;
            }
            BOOL_ERR => {
                let (row, column, _xf) = (c.u16()?, c.u16()?, c.u16()?);
                let (value, is_error) = (c.u8()?, c.u8()?);
                add(cells, row, column, bool_or_error(value, is_error != 0))?;
            }
            FORMULA => {
                let (row, column, _xf) = (c.u16()?, c.u16()?, c.u16()?);
                let result = c.bytes::<8>()?;
                pending_text = None;
                if result[6..8] != [0xFF, 0xFF] {
                    add(cells, row, column, Data::Float(f64::from_le_bytes(result)))?;
                } else {
                    match result[0] {
                        0 => pending_text = Some((row, column)),
                        1 => add(cells, row, column, Data::Bool(result[2] != 0))?,
                        2 => add(cells, row, column, bool_or_error(result[2], true))?,
                        _ => {}
                    }
                }
            }
            STRING => {
                if let Some((row, column)) = pending_text.take() {
                    let cch = usize::from(c.u16()?);
                    let high = c.u8()? & 0x01 != 0;
                    add(cells, row, column, Data::String(c.string(cch, high)?))?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The used range the sheet declares, refused when it reaches past the form's bounds:
/// the reader never allocates from it, but no form needs such a sheet.
fn check_dimensions(cells: &SheetCells<'_>, c: &mut Cursor8<'_>) -> Read8<()> {
    let (first_row, end_row) = (c.u32()?, c.u32()?);
    let (first_column, end_column) = (c.u16()?, c.u16()?);
    if end_row <= MAX_ROWS && u32::from(end_column) <= MAX_COLUMNS {
        return Ok(());
    }
    let cell = |column: u16, row: u32| {
        format!(
            "{}{}",
            column_letters(usize::from(column)),
            u64::from(row) + 1
        )
    };
    Err(Problem::Refused(cells.refuse(format!(
        "sheet '{}' declares its used range as {}:{}, beyond the {MAX_ROWS} rows and {MAX_COLUMNS} columns (A1:{}{MAX_ROWS}) an MDS2 form may use",
        cells.sheet(),
        cell(first_column, first_row),
        cell(end_column.saturating_sub(1), end_row.saturating_sub(1)),
        column_letters(MAX_COLUMNS as usize - 1),
    ))))
}

/// An `RkNumber`: a 30-bit integer or the high 30 bits of a double, maybe divided by 100.
fn rk(value: u32) -> Data {
    let hundredth = value & 0x01 != 0;
    let number = if value & 0x02 != 0 {
        f64::from((value as i32) >> 2)
    } else {
        f64::from_bits(u64::from(value & 0xFFFF_FFFC) << 32)
    };
    Data::Float(if hundredth { number / 100.0 } else { number })
}

fn bool_or_error(value: u8, is_error: bool) -> Data {
    if !is_error {
        return Data::Bool(value != 0);
    }
    let text = match value {
        0x00 => "#NULL!",
        0x07 => "#DIV/0!",
        0x0F => "#VALUE!",
        0x17 => "#REF!",
        0x1D => "#NAME?",
        0x24 => "#NUM!",
        _ => "#N/A",
    };
    Data::String(text.into())
}

/// Reads a record's data across its `CONTINUE` parts; every read is checked.
struct Cursor8<'a> {
    parts: &'a [&'a [u8]],
    part: usize,
    at: usize,
}

impl<'a> Cursor8<'a> {
    fn new(parts: &'a [&'a [u8]]) -> Self {
        Cursor8 {
            parts,
            part: 0,
            at: 0,
        }
    }

    fn current(&self) -> &'a [u8] {
        self.parts.get(self.part).copied().unwrap_or_default()
    }

    /// Moves to the next part when this one is read; false at the end of the record.
    fn fill(&mut self) -> bool {
        while self.at >= self.current().len() {
            if self.part + 1 >= self.parts.len() {
                return false;
            }
            self.part += 1;
            self.at = 0;
        }
        true
    }

    fn at_end(&mut self) -> bool {
        !self.fill()
    }

    fn u8(&mut self) -> Read8<u8> {
        if !self.fill() {
            return malformed("a record is cut short");
        }
        let b = self.current()[self.at];
        self.at += 1;
        Ok(b)
    }

    fn bytes<const N: usize>(&mut self) -> Read8<[u8; N]> {
        let mut out = [0; N];
        for b in &mut out {
            *b = self.u8()?;
        }
        Ok(out)
    }

    fn u16(&mut self) -> Read8<u16> {
        self.bytes().map(u16::from_le_bytes)
    }

    fn u32(&mut self) -> Read8<u32> {
        self.bytes().map(u32::from_le_bytes)
    }

    fn f64(&mut self) -> Read8<f64> {
        self.bytes().map(f64::from_le_bytes)
    }

    fn skip(&mut self, mut n: usize) -> Read8<()> {
        while n > 0 {
            if !self.fill() {
                return malformed("a record is cut short");
            }
            let step = n.min(self.current().len() - self.at);
            self.at += step;
            n -= step;
        }
        Ok(())
    }

    /// `cch` characters of a `ShortXLUnicodeString` (the flag byte first).
    fn chars(&mut self, cch: usize) -> Read8<String> {
        let high = self.u8()? & 0x01 != 0;
        self.string(cch, high)
    }

    /// `cch` characters, one byte each (Latin-1) or two (UTF-16); a string that runs
    /// into the next `CONTINUE` part starts it with a new flag byte.
    fn string(&mut self, cch: usize, mut high: bool) -> Read8<String> {
        let mut units = Vec::new();
        let mut text = String::new();
        for _ in 0..cch {
            if self.at >= self.current().len() {
                if self.part + 1 >= self.parts.len() {
                    return malformed("a text is cut short");
                }
                self.part += 1;
                self.at = 0;
                high = self.u8()? & 0x01 != 0;
            }
            if high {
                units.push(self.u16()?);
            } else {
                text.extend(
                    char::decode_utf16(units.drain(..))
                        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)),
                );
                text.push(char::from(self.u8()?));
            }
        }
        text.extend(char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)));
        Ok(text)
    }
}
