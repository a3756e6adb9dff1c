//! The vendor's MDS2 form (ANSI/NEMA HN 1-2019): reading it from the official Excel
//! workbook or a CSV/text export, and comparing candidates' forms side by side.
//!
//! Real forms are messy. The reader is tolerant where the intent is clear and says so:
//! - question ids are found in the first columns of a row, in any case, with stray
//!   punctuation, an en dash or a space for the hyphen, leading zeros (`auth - 01.1.`);
//! - a section misspelt by one letter or one swap (`SHAD-15`) is read as the only known
//!   section it can be (`SAHD-15`), and the correction is listed;
//! - answers are Yes, No or N/A (also `Y`, `N`, `NA`, `Not applicable`), optionally
//!   followed by a note after a comma, colon, dash or parenthesis (`Yes, LDAP`);
//! - unanswered questions (often parents of answered ones) are simply unanswered.
//!
//! Everything it could not read is listed with its line or cell, and a question answered
//! twice with different answers is a conflict that stays unanswered until resolved.

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;
use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::ipc::Choice;

const QUESTIONS_CSV: &str = include_str!("../../assets/mds2/hn1-2019-questions.csv");

/// A question of the HN 1-2019 form.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Question {
    pub id: String,
    pub section: String,
    pub text: String,
}

/// The form's 240 questions in form order (the reference vocabulary).
pub fn questions() -> &'static [Question] {
    static QUESTIONS: OnceLock<Vec<Question>> = OnceLock::new();
    QUESTIONS.get_or_init(|| {
        let mut reader = csv::Reader::from_reader(QUESTIONS_CSV.as_bytes());
        reader
            .records()
            .filter_map(|r| r.ok())
            .filter(|r| r.len() >= 3)
            .map(|r| Question {
                id: r[0].to_string(),
                section: r[1].to_string(),
                text: r[2].to_string(),
            })
            .collect()
    })
}

/// The question with this exact id.
pub fn question(id: &str) -> Option<&'static Question> {
    static INDEX: OnceLock<HashMap<&'static str, &'static Question>> = OnceLock::new();
    INDEX
        .get_or_init(|| questions().iter().map(|q| (q.id.as_str(), q)).collect())
        .get(id)
        .copied()
}

/// The form's sections, in form order.
pub fn sections() -> &'static [&'static str] {
    static SECTIONS: OnceLock<Vec<&'static str>> = OnceLock::new();
    SECTIONS.get_or_init(|| {
        let mut out: Vec<&'static str> = Vec::new();
        for q in questions() {
            if !out.contains(&q.section.as_str()) {
                out.push(&q.section);
            }
        }
        out
    })
}

/// Questions answered by text rather than Yes/No/N/A (manufacturer, model, ...).
fn is_text_question(id: &str) -> bool {
    matches!(
        id,
        "DOC-1" | "DOC-2" | "DOC-3" | "DOC-4" | "DOC-5" | "DOC-6" | "DOC-7"
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub enum Answer {
    #[serde(rename = "yes")]
    Yes,
    #[serde(rename = "no")]
    No,
    #[serde(rename = "n/a")]
    NotApplicable,
}

// As printed in tables and the brief.
crate::ipc::choice!(Answer {
    Yes => "Yes",
    No => "No",
    NotApplicable => "N/A",
});

impl Answer {
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::NotApplicable => "n/a",
        }
    }

    pub fn parse_stored(field: &str, s: &str) -> Result<Self> {
        match s {
            "yes" => Ok(Answer::Yes),
            "no" => Ok(Answer::No),
            "n/a" => Ok(Answer::NotApplicable),
            other => Err(Error::validation(
                field,
                format!("'{other}' is not an MDS2 answer (yes, no or n/a)"),
            )),
        }
    }
}

/// One answered (or text-valued) question of a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Mds2Answer {
    pub question_id: String,
    /// `null` for text-valued questions (DOC-1..DOC-7) and conflicts.
    pub answer: Option<Answer>,
    /// The vendor's note after the answer ("LDAP" in "Yes, LDAP"), or the text value.
    pub note: String,
}

/// A vendor's filled form, as kept for a candidate.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
pub struct Mds2Form {
    /// DOC-1.
    pub manufacturer: String,
    /// DOC-3.
    pub model: String,
    /// DOC-4.
    pub document_id: String,
    /// DOC-7, as written on the form.
    pub release_date: String,
    /// The file it was read from (name only).
    pub file_name: String,
    /// In form order.
    pub answers: Vec<Mds2Answer>,
}

impl Mds2Form {
    /// The Yes/No/N/A answer to a question, if the form gives one.
    pub fn answer(&self, question_id: &str) -> Option<Answer> {
        self.answers
            .iter()
            .find(|a| a.question_id == question_id)
            .and_then(|a| a.answer)
    }

    pub fn entry(&self, question_id: &str) -> Option<&Mds2Answer> {
        self.answers.iter().find(|a| a.question_id == question_id)
    }
}

/// Something the reader noticed at a place in the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Mds2Issue {
    /// `line 14` (CSV/text) or `sheet 'MDS2', cell C14` (workbook).
    pub place: String,
    /// The text found there.
    pub text: String,
    pub message: String,
}

/// A question answered more than once with different answers. Left unanswered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Mds2Conflict {
    pub question_id: String,
    /// `Yes (line 12)`, `No (line 80)`.
    pub answers: Vec<String>,
}

/// How much of one section the form answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SectionTally {
    pub section: String,
    /// Questions of the section in HN 1-2019.
    pub questions: u32,
    pub yes: u32,
    pub no: u32,
    pub not_applicable: u32,
    /// Text-valued answers (the DOC section's manufacturer, model, ...).
    pub text: u32,
}

/// What the reader made of a file: the preview shown before anything is saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Mds2Parse {
    pub file_name: String,
    /// `xlsx`, `xls`, `ods`, `csv` or `text`.
    pub format: String,
    pub form: Mds2Form,
    /// Questions of the reference list found in the file.
    pub recognised: u32,
    /// Questions of HN 1-2019 (240).
    pub reference_questions: u32,
    pub sections: Vec<SectionTally>,
    /// Tolerated oddities, each with what it was read as (typos in ids, repeated rows).
    pub corrections: Vec<Mds2Issue>,
    /// Lines or cells that could not be read; nothing was taken from them.
    pub unreadable: Vec<Mds2Issue>,
    pub conflicts: Vec<Mds2Conflict>,
}

impl Mds2Parse {
    /// Whether the file needs a look before it is saved (anything unread or conflicting).
    pub fn needs_review(&self) -> bool {
        !self.unreadable.is_empty() || !self.conflicts.is_empty()
    }
}

/// Reads a form from a file on disk.
pub fn parse_file(path: &Path) -> Result<Mds2Parse> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    parse_bytes(&name, &bytes)
}

/// One row of the file, whatever its format: cells with their places.
struct Row {
    cells: Vec<(String, String)>,
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
    let mut parse = read_rows(file_name, &format, &rows);
    if parse.recognised == 0 {
        let edition_2013 = rows
            .iter()
            .flat_map(|r| &r.cells)
            .any(|(_, text)| text.contains("HN 1-2013"));
        if edition_2013 {
            return Err(fail(
                "is an MDS2 form of the 2013 edition (HN 1-2013), whose questions differ: Caliper reads the HN 1-2019 form; ask the vendor for the current one"
                    .into(),
            ));
        }
        let why = if parse.unreadable.is_empty() {
            String::new()
        } else {
            format!(
                " ({} line(s) looked like questions but could not be read, first at {})",
                parse.unreadable.len(),
                parse.unreadable[0].place
            )
        };
        return Err(fail(format!(
            "no MDS2 question ids found (expected ids such as DOC-1, AUTH-1.1 or STCF-1 in the first columns){why}; is this a filled HN 1-2019 form?"
        )));
    }
    parse.file_name = file_name.to_string();
    parse.form.file_name = file_name.to_string();
    Ok(parse)
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

/// A question id as written: the section letters and the numbers.
struct RawId {
    section: String,
    numbers: Vec<u32>,
    /// Text after the id in the same cell (e.g. "Yes" in "SAHD-15: Yes").
    rest: String,
}

/// Reads `AUTH-1.1`, `auth – 01.1.`, `SAHD 15`, `*CSUP-2.3:` at the start of a cell.
fn raw_id(cell: &str) -> Option<RawId> {
    let s = cell.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '*' | '•' | '"' | '\'' | '#' | '[' | '(')
    });
    let letters: String = s.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    if !(3..=5).contains(&letters.len()) {
        return None;
    }
    let mut rest = &s[letters.len()..];
    rest = rest.trim_start_matches([' ', '\u{a0}']);
    rest = rest
        .strip_prefix(['-', '\u{2013}', '\u{2014}', '_'])
        .unwrap_or(rest);
    rest = rest.trim_start_matches([' ', '\u{a0}']);
    let mut numbers = Vec::new();
    loop {
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.is_empty() || digits.len() > 3 {
            break;
        }
        numbers.push(digits.parse().ok()?);
        rest = &rest[digits.len()..];
        match rest.strip_prefix('.') {
            Some(after) if after.starts_with(|c: char| c.is_ascii_digit()) => rest = after,
            _ => break,
        }
    }
    if numbers.is_empty() || numbers.len() > 3 {
        return None;
    }
    // The id ends the cell or is followed by a separator, not by more letters or digits.
    let tail = rest.trim_start_matches(['.', ')', ']', '*']);
    if tail.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let tail = tail.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '-' | '\u{2013}' | '=')
    });
    Some(RawId {
        section: letters.to_ascii_uppercase(),
        numbers,
        rest: tail.trim().to_string(),
    })
}

/// Damerau distance 1: one letter substituted, inserted, deleted, or two adjacent swapped.
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a == b {
        return false;
    }
    if a.len() == b.len() {
        let diffs: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
        return diffs.len() == 1
            || (diffs.len() == 2
                && diffs[1] == diffs[0] + 1
                && a[diffs[0]] == b[diffs[1]]
                && a[diffs[1]] == b[diffs[0]]);
    }
    let (short, long) = if a.len() < b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() != 1 {
        return false;
    }
    (0..long.len()).any(|skip| {
        long.iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, c)| c)
            .eq(short.iter())
    })
}

enum Resolved {
    Exact(String),
    Corrected(String),
    Unknown(String),
}

fn resolve(raw: &RawId) -> Resolved {
    let numbers = raw
        .numbers
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(".");
    let written = format!("{}-{numbers}", raw.section);
    if question(&written).is_some() {
        return Resolved::Exact(written);
    }
    let near: Vec<String> = sections()
        .iter()
        .filter(|s| one_edit_apart(s, &raw.section))
        .map(|s| format!("{s}-{numbers}"))
        .filter(|id| question(id).is_some())
        .collect();
    match near.as_slice() {
        [only] => Resolved::Corrected(only.clone()),
        _ => Resolved::Unknown(written),
    }
}

/// `Yes`, `no.`, `N/A`, `Yes, LDAP`, `Yes (LDAP)`, `No - see note 3` -> answer and note.
pub fn parse_answer(cell: &str) -> Option<(Answer, String)> {
    let s = cell
        .trim()
        .trim_start_matches(['"', '\'', '*', '['])
        .trim_end_matches(['"', '\'', '*', ']']);
    let lower = s.to_lowercase();
    const FORMS: [(&str, Answer); 12] = [
        ("not applicable", Answer::NotApplicable),
        ("n / a", Answer::NotApplicable),
        ("n/a", Answer::NotApplicable),
        ("n\\a", Answer::NotApplicable),
        ("n.a.", Answer::NotApplicable),
        ("na", Answer::NotApplicable),
        ("yes", Answer::Yes),
        ("no", Answer::No),
        ("y", Answer::Yes),
        ("n", Answer::No),
        ("true", Answer::Yes),
        ("false", Answer::No),
    ];
    for (form, answer) in FORMS {
        let Some(rest) = lower.strip_prefix(form) else {
            continue;
        };
        // Single letters and true/false only as the whole cell.
        if matches!(form, "y" | "n" | "true" | "false")
            && !rest.trim().trim_end_matches('.').is_empty()
        {
            continue;
        }
        if !rest.is_empty()
            && !rest.starts_with(|c: char| {
                c.is_whitespace()
                    || matches!(c, ',' | ';' | ':' | '-' | '\u{2013}' | '(' | '.' | '/')
            })
        {
            continue;
        }
        let note = s[s.len() - rest.len()..]
            .trim()
            .trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '\u{2013}' | '.' | '/')
            })
            .trim();
        let note = note
            .strip_prefix('(')
            .and_then(|n| n.strip_suffix(')'))
            .unwrap_or(note)
            .trim();
        return Some((answer, note.to_string()));
    }
    None
}

/// Lowercase letters and digits only, for comparing question texts.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The cell repeats the question's text (the form's second column).
fn is_question_text(cell: &str, q: &Question) -> bool {
    let (c, t) = (squash(cell), squash(&q.text));
    if c.len() < 8 {
        return !c.is_empty() && c == t;
    }
    let head = |s: &str| s.chars().take(30).collect::<String>();
    t.starts_with(&head(&c)) || c.starts_with(&head(&t))
}

/// A cross-reference column of the official form (IEC TR 80001-2-2, NIST SP 800-53,
/// ISO 27002 codes, `Note 3`): not an answer, not unreadable.
fn is_reference(cell: &str) -> bool {
    let s = cell.trim();
    let lower = s.to_lowercase();
    if lower.starts_with("note") || lower.starts_with("section") {
        return true;
    }
    // IEC TR 80001-2-2 capabilities (the MDS2 sections and CNFS), NIST SP 800-53 controls
    // (`AC-12`, `IA-2(1)`), ISO 27002 clauses (`A.9.2.1`).
    let token = |t: &str| {
        let t = t.trim_matches(|c: char| "()[];".contains(c));
        if t.is_empty() || t == "CNFS" || sections().contains(&t) {
            return true;
        }
        let nist = t.len() >= 4
            && t.is_char_boundary(2)
            && t[..2].chars().all(|c| c.is_ascii_uppercase())
            && t[2..].starts_with('-')
            && t[3..]
                .chars()
                .all(|c| c.is_ascii_digit() || "()".contains(c));
        let iso = t.starts_with("A.") && t[2..].chars().all(|c| c.is_ascii_digit() || c == '.');
        nist || iso
    };
    s.split([' ', ',', '/']).all(token)
}

struct Found {
    answer: Option<Answer>,
    note: String,
    place: String,
}

fn read_rows(file_name: &str, format: &str, rows: &[Row]) -> Mds2Parse {
    let mut found: BTreeMap<String, Found> = BTreeMap::new();
    let mut conflicting: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut corrections = Vec::new();
    let mut unreadable = Vec::new();
    let mut header_values: BTreeMap<&str, String> = BTreeMap::new();

    for row in rows {
        // The id is in one of the first three cells of the row.
        let Some((index, raw)) = row
            .cells
            .iter()
            .take(3)
            .enumerate()
            .find_map(|(i, (_, text))| raw_id(text).map(|r| (i, r)))
        else {
            // The workbook's header block: "Manufacturer Name" | "Acme".
            if let [(_, label), (_, value), ..] = row.cells.as_slice() {
                let key = match squash(label).as_str() {
                    "manufacturername" => Some("DOC-1"),
                    "devicemodel" => Some("DOC-3"),
                    "documentid" => Some("DOC-4"),
                    "documentreleasedate" => Some("DOC-7"),
                    _ => None,
                };
                if let Some(key) = key {
                    header_values
                        .entry(key)
                        .or_insert_with(|| value.trim().to_string());
                }
            }
            continue;
        };
        let (id_place, id_text) = &row.cells[index];
        let id = match resolve(&raw) {
            Resolved::Exact(id) => id,
            Resolved::Corrected(id) => {
                corrections.push(Mds2Issue {
                    place: id_place.clone(),
                    text: id_text.trim().to_string(),
                    message: format!("read as {id} (no section '{}' in HN 1-2019)", raw.section),
                });
                id
            }
            Resolved::Unknown(id) => {
                unreadable.push(Mds2Issue {
                    place: id_place.clone(),
                    text: id_text.trim().to_string(),
                    message: format!("{id} is not a question of HN 1-2019"),
                });
                continue;
            }
        };
        let Some(q) = question(&id) else { continue };

        // What follows the id: the rest of its cell, then the next cells.
        let mut after: Vec<(String, String)> = Vec::new();
        if !raw.rest.is_empty() {
            after.push((id_place.clone(), raw.rest.clone()));
        }
        after.extend(row.cells[index + 1..].iter().cloned());
        // A question text with the answer after it in the same cell ("...? Yes").
        let after: Vec<(String, String)> = after
            .into_iter()
            .flat_map(|(place, text)| {
                if is_question_text(&text, q) && text.contains('?') {
                    let tail = text.rsplit('?').next().unwrap_or("").trim().to_string();
                    if parse_answer(&tail).is_none() {
                        vec![(place, text)]
                    } else {
                        vec![(place.clone(), text), (place, tail)]
                    }
                } else {
                    vec![(place, text)]
                }
            })
            .filter(|(_, text)| !is_question_text(text, q))
            .collect();

        let reading = if is_text_question(&id) {
            after.first().map(|(place, text)| Found {
                answer: None,
                note: text.trim().to_string(),
                place: place.clone(),
            })
        } else {
            match after.iter().enumerate().find_map(|(i, (place, text))| {
                parse_answer(text).map(|(answer, note)| (i, place, answer, note))
            }) {
                Some((i, place, answer, mut note)) => {
                    // A vendor's remark in the next cell (not a "Note 3" or a standard's code).
                    if let Some((_, next)) = after.get(i + 1) {
                        if !is_reference(next) && parse_answer(next).is_none() {
                            if !note.is_empty() {
                                note.push_str("; ");
                            }
                            note.push_str(next.trim());
                        }
                    }
                    Some(Found {
                        answer: Some(answer),
                        note,
                        place: place.clone(),
                    })
                }
                None => {
                    if let Some((place, text)) = after.first().filter(|(_, t)| !is_reference(t)) {
                        unreadable.push(Mds2Issue {
                            place: place.clone(),
                            text: text.trim().to_string(),
                            message: format!(
                                "the answer to {id} is not Yes, No or N/A; left unanswered"
                            ),
                        });
                    }
                    None
                }
            }
        };
        let Some(reading) = reading else { continue };
        if let Some(places) = conflicting.get_mut(&id) {
            places.push(describe(&reading));
            continue;
        }
        match found.get(&id) {
            None => {
                found.insert(id, reading);
            }
            Some(first)
                if first.answer == reading.answer
                    && (first.answer.is_some() || first.note == reading.note) =>
            {
                corrections.push(Mds2Issue {
                    place: reading.place.clone(),
                    text: id_text.trim().to_string(),
                    message: format!(
                        "{id} is repeated with the same answer (first at {})",
                        first.place
                    ),
                });
            }
            Some(first) => {
                let answers = vec![describe(first), describe(&reading)];
                found.remove(&id);
                conflicting.insert(id, answers);
            }
        }
    }

    for (id, value) in header_values {
        found.entry(id.to_string()).or_insert(Found {
            answer: None,
            note: value,
            place: String::new(),
        });
    }

    let recognised = (found.len() + conflicting.len()) as u32;
    let answers: Vec<Mds2Answer> = questions()
        .iter()
        .filter_map(|q| {
            found.get(&q.id).map(|f| Mds2Answer {
                question_id: q.id.clone(),
                answer: f.answer,
                note: f.note.clone(),
            })
        })
        .collect();
    let text_of = |id: &str| found.get(id).map(|f| f.note.clone()).unwrap_or_default();
    let form = Mds2Form {
        manufacturer: text_of("DOC-1"),
        model: text_of("DOC-3"),
        document_id: text_of("DOC-4"),
        release_date: text_of("DOC-7"),
        file_name: file_name.to_string(),
        answers,
    };
    let sections = tally(&form);
    Mds2Parse {
        file_name: file_name.to_string(),
        format: format.to_string(),
        recognised,
        reference_questions: questions().len() as u32,
        sections,
        corrections,
        unreadable,
        conflicts: conflicting
            .into_iter()
            .map(|(question_id, answers)| Mds2Conflict {
                question_id,
                answers,
            })
            .collect(),
        form,
    }
}

fn describe(f: &Found) -> String {
    let what = match f.answer {
        Some(a) if f.note.is_empty() => a.label().to_string(),
        Some(a) => format!("{}, {}", a.label(), f.note),
        None => format!("'{}'", f.note),
    };
    format!("{what} ({})", f.place)
}

/// Answers per section, in form order.
pub fn tally(form: &Mds2Form) -> Vec<SectionTally> {
    sections()
        .iter()
        .map(|&section| {
            let ids: Vec<&str> = questions()
                .iter()
                .filter(|q| q.section == section)
                .map(|q| q.id.as_str())
                .collect();
            let mut t = SectionTally {
                section: section.to_string(),
                questions: ids.len() as u32,
                yes: 0,
                no: 0,
                not_applicable: 0,
                text: 0,
            };
            for a in form
                .answers
                .iter()
                .filter(|a| ids.contains(&a.question_id.as_str()))
            {
                match a.answer {
                    Some(Answer::Yes) => t.yes += 1,
                    Some(Answer::No) => t.no += 1,
                    Some(Answer::NotApplicable) => t.not_applicable += 1,
                    None => t.text += 1,
                }
            }
            t
        })
        .collect()
}

/// Letters and digits only, lowercase: "Kestrel Health Systems" ~ "KESTREL HEALTH-SYSTEMS".
fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (squash(a), squash(b));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

/// Warnings when the form names another device than the candidate it is imported for.
pub fn device_mismatch(form: &Mds2Form, manufacturer: &str, model: &str) -> Vec<String> {
    let mut out = Vec::new();
    if !form.manufacturer.is_empty() && !same_name(&form.manufacturer, manufacturer) {
        out.push(format!(
            "the form is from '{}' but the candidate's manufacturer is '{manufacturer}'",
            form.manufacturer
        ));
    }
    if !form.model.is_empty() && !same_name(&form.model, model) {
        out.push(format!(
            "the form describes model '{}' but the candidate is '{model}'",
            form.model
        ));
    }
    if form.manufacturer.is_empty() && form.model.is_empty() {
        out.push(
            "the form names no manufacturer or model (DOC-1, DOC-3): check it is the right device"
                .into(),
        );
    }
    out
}

/// One candidate's column in a side-by-side comparison.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Mds2Column {
    pub candidate_id: crate::ids::CandidateId,
    pub label: String,
    /// Whether the candidate has a form at all.
    pub has_form: bool,
    pub file_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Mds2Cell {
    pub answer: Option<Answer>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Mds2CompareRow {
    pub question_id: String,
    pub section: String,
    pub question: String,
    /// One per column; `null` where that form does not answer it.
    pub cells: Vec<Option<Mds2Cell>>,
    /// The forms that answer it do not all give the same Yes/No/N/A (or text).
    pub differs: bool,
}

/// Candidates' forms side by side, every question of HN 1-2019 in form order.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Mds2Comparison {
    pub columns: Vec<Mds2Column>,
    pub rows: Vec<Mds2CompareRow>,
    pub differing: u32,
}

pub fn compare(forms: &[(crate::ids::CandidateId, String, Option<&Mds2Form>)]) -> Mds2Comparison {
    let columns = forms
        .iter()
        .map(|(id, label, form)| Mds2Column {
            candidate_id: *id,
            label: label.clone(),
            has_form: form.is_some(),
            file_name: form.map(|f| f.file_name.clone()).unwrap_or_default(),
        })
        .collect();
    let rows: Vec<Mds2CompareRow> = questions()
        .iter()
        .map(|q| {
            let cells: Vec<Option<Mds2Cell>> = forms
                .iter()
                .map(|(_, _, form)| {
                    form.and_then(|f| f.entry(&q.id)).map(|a| Mds2Cell {
                        answer: a.answer,
                        note: a.note.clone(),
                    })
                })
                .collect();
            let key = |c: &Option<Mds2Cell>| match c {
                Some(Mds2Cell {
                    answer: Some(a), ..
                }) => Some(a.as_str().to_string()),
                Some(Mds2Cell { answer: None, note }) => Some(squash(note)),
                None => None,
            };
            let answered: Vec<Option<String>> = forms
                .iter()
                .zip(&cells)
                .filter(|((_, _, f), _)| f.is_some())
                .map(|(_, c)| key(c))
                .collect();
            let differs = answered.windows(2).any(|w| w[0] != w[1]);
            Mds2CompareRow {
                question_id: q.id.clone(),
                section: q.section.clone(),
                question: q.text.clone(),
                cells,
                differs,
            }
        })
        .collect();
    Mds2Comparison {
        columns,
        differing: rows.iter().filter(|r| r.differs).count() as u32,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_list_has_240_questions_in_23_sections() {
        assert_eq!(questions().len(), 240);
        assert_eq!(sections().len(), 23);
        assert_eq!(
            question("SAHD-15").map(|q| q.section.as_str()),
            Some("SAHD")
        );
    }

    #[test]
    fn ids_are_read_tolerantly() {
        let id = |s: &str| match resolve(&raw_id(s).unwrap()) {
            Resolved::Exact(id) => format!("={id}"),
            Resolved::Corrected(id) => format!("~{id}"),
            Resolved::Unknown(id) => format!("?{id}"),
        };
        assert_eq!(id("AUTH-1.1"), "=AUTH-1.1");
        assert_eq!(id(" auth \u{2013} 01.1. "), "=AUTH-1.1");
        assert_eq!(id("*CSUP-2.3:"), "=CSUP-2.3");
        assert_eq!(id("SAHD 15"), "=SAHD-15");
        assert_eq!(id("SHAD-15"), "~SAHD-15");
        assert_eq!(id("STFC-1"), "~STCF-1");
        assert_eq!(id("AUTH-99"), "?AUTH-99");
        assert!(raw_id("AC-12").is_none(), "NIST codes are not MDS2 ids");
        assert!(is_reference("AUTH") && is_reference("IA-2, AC-3(7)") && is_reference("A.9.2.1"));
        assert!(!is_reference("TBD") && !is_reference("Maybe"));
        assert!(raw_id("AUTHENTICATION").is_none());
        assert!(raw_id("Question ID").is_none());
        assert_eq!(raw_id("SAHD-15: Yes").unwrap().rest, "Yes");
    }

    #[test]
    fn answers_and_notes() {
        let a = |s: &str| parse_answer(s).map(|(a, n)| format!("{}|{n}", a.label()));
        assert_eq!(a("Yes").as_deref(), Some("Yes|"));
        assert_eq!(a("Yes, LDAP").as_deref(), Some("Yes|LDAP"));
        assert_eq!(
            a("YES (Active Directory)").as_deref(),
            Some("Yes|Active Directory")
        );
        assert_eq!(a("no.").as_deref(), Some("No|"));
        assert_eq!(a("No - see note 3").as_deref(), Some("No|see note 3"));
        assert_eq!(a("N/A").as_deref(), Some("N/A|"));
        assert_eq!(a("n/a: no OS").as_deref(), Some("N/A|no OS"));
        assert_eq!(a("Not applicable").as_deref(), Some("N/A|"));
        assert_eq!(a("Y").as_deref(), Some("Yes|"));
        assert_eq!(a("None"), None);
        assert_eq!(a("Nothing"), None);
        assert_eq!(a("Yesterday"), None);
        assert_eq!(a("Maybe"), None);
        assert_eq!(a("Y es"), None);
    }

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

    #[test]
    fn one_edit() {
        assert!(one_edit_apart("SHAD", "SAHD"));
        assert!(one_edit_apart("AUT", "AUTH"));
        assert!(!one_edit_apart("AUTH", "AUTH"));
        assert!(!one_edit_apart("DOC", "SAHD"));
    }
}
