//! Reading a form from its rows of cells: finding each question's id and answer, and
//! keeping the corrections, the unreadable cells and the conflicting answers.

use std::collections::BTreeMap;

use super::answers::{
    after_question, is_question_text, is_reference, parse_answer, see_note, squash,
};
use super::ids::{raw_id, resolve, RawId, Resolved};
use super::questions::{is_text_question, question, questions, Question};
use super::{tally, Answer, Mds2Answer, Mds2Conflict, Mds2Form, Mds2Issue, Mds2Parse};
use crate::error::{Error, Result};
use crate::ipc::Choice;

/// One row of the file, whatever its format: cells with their places (`line 14`,
/// `sheet 'MDS2', cell C14`) and texts.
pub struct Row {
    pub cells: Vec<(String, String)>,
}

/// Reads a form from the rows of a file; `file_name` names it in messages and `format`
/// is the file's (`xlsx`, `xls`, `ods`, `csv`). A file with no question of HN 1-2019 is
/// an error that says what it looks like instead.
pub fn parse_rows(file_name: &str, format: &str, rows: &[Row]) -> Result<Mds2Parse> {
    let fail = |message: String| Error::Parse {
        location: file_name.to_string(),
        message,
    };
    let mut parse = read_rows(file_name, format, rows);
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

/// An answer (or text value) read for a question, and where.
struct Found {
    answer: Option<Answer>,
    note: String,
    place: String,
}

/// What the reader has gathered so far, row by row.
#[derive(Default)]
struct Reading {
    found: BTreeMap<String, Found>,
    conflicting: BTreeMap<String, Vec<String>>,
    corrections: Vec<Mds2Issue>,
    unreadable: Vec<Mds2Issue>,
    header_values: BTreeMap<&'static str, String>,
}

fn read_rows(file_name: &str, format: &str, rows: &[Row]) -> Mds2Parse {
    let mut reading = Reading::default();
    for row in rows {
        reading.row(row);
    }
    reading.into_parse(file_name, format)
}

impl Reading {
    fn row(&mut self, row: &Row) {
        // The id is in one of the first three cells of the row.
        let Some((index, raw)) = row
            .cells
            .iter()
            .take(3)
            .enumerate()
            .find_map(|(i, (_, text))| raw_id(text).map(|r| (i, r)))
        else {
            self.header_row(row);
            return;
        };
        let (id_place, id_text) = &row.cells[index];
        let Some(id) = self.resolve_id(&raw, id_place, id_text) else {
            return;
        };
        let Some(q) = question(&id) else { return };
        let after = cells_after(row, index, &raw, q);
        let Some(reading) = self.read_answer(&id, id_place, id_text, &after) else {
            return;
        };
        self.record(id, reading, id_text);
    }

    /// The workbook's header block: "Manufacturer Name" | "Acme".
    fn header_row(&mut self, row: &Row) {
        if let [(_, label), (_, value), ..] = row.cells.as_slice() {
            let key = match squash(label).as_str() {
                "manufacturername" => Some("DOC-1"),
                "devicemodel" => Some("DOC-3"),
                "documentid" => Some("DOC-4"),
                "documentreleasedate" => Some("DOC-7"),
                _ => None,
            };
            if let Some(key) = key {
                self.header_values
                    .entry(key)
                    .or_insert_with(|| value.trim().to_string());
            }
        }
    }

    /// The question id as read, noting a corrected section; `None` for an unknown id.
    fn resolve_id(&mut self, raw: &RawId, id_place: &str, id_text: &str) -> Option<String> {
        match resolve(raw) {
            Resolved::Exact(id) => Some(id),
            Resolved::Corrected(id) => {
                self.corrections.push(Mds2Issue {
                    place: id_place.to_string(),
                    text: id_text.trim().to_string(),
                    message: format!("read as {id} (no section '{}' in HN 1-2019)", raw.section),
                });
                Some(id)
            }
            Resolved::Unknown(id) => {
                self.unreadable.push(Mds2Issue {
                    place: id_place.to_string(),
                    text: id_text.trim().to_string(),
                    message: format!("{id} is not a question of HN 1-2019"),
                });
                None
            }
        }
    }

    /// The answer among the cells after the id: the text value of a text question, or the
    /// first Yes/No/N/A with the vendor's remark beside it.
    fn read_answer(
        &mut self,
        id: &str,
        id_place: &str,
        id_text: &str,
        after: &[(String, String)],
    ) -> Option<Found> {
        if after.is_empty() {
            self.corrections.push(Mds2Issue {
                place: id_place.to_string(),
                text: id_text.trim().to_string(),
                message: format!("{id} has no answer on the form; left unanswered"),
            });
            return None;
        }
        if is_text_question(id) {
            // A value split at its commas by a CSV export (`MVR435, MVR436`) is read whole,
            // a value wrapped over lines (joined by tabs) too; a bare number after it is the
            // "See note" column.
            let mut first = true;
            let value: Vec<String> = after
                .iter()
                .map(|(_, t)| {
                    t.split('\t')
                        .map(str::trim)
                        .filter(|t| !t.is_empty() && !is_reference(t))
                        .filter(|t| std::mem::take(&mut first) || see_note(t).is_none())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .filter(|t| !t.is_empty())
                .collect();
            let value = value.join(", ");
            return Some(Found {
                answer: None,
                note: value,
                place: after[0].0.clone(),
            });
        }
        let Some((i, place, answer, mut note)) =
            after.iter().enumerate().find_map(|(i, (place, text))| {
                parse_answer(text).map(|(answer, note)| (i, place, answer, note))
            })
        else {
            let (place, text) = &after[0];
            let issue = Mds2Issue {
                place: place.clone(),
                text: text.trim().to_string(),
                message: format!("the answer to {id} is not Yes, No or N/A; left unanswered"),
            };
            if is_reference(text) {
                self.corrections.push(Mds2Issue {
                    message: format!("{id} has no answer on the form; left unanswered"),
                    ..issue
                });
            } else {
                self.unreadable.push(issue);
            }
            return None;
        };
        // A vendor's remark in the next cell (not a "Note 3" or a standard's code); a bare
        // number is the form's "See note" column.
        if let Some((_, next)) = after.get(i + 1) {
            let next = next.trim();
            let remark = see_note(next).or_else(|| {
                (!is_reference(next) && parse_answer(next).is_none()).then(|| next.to_string())
            });
            if let Some(remark) = remark {
                if !note.is_empty() {
                    note.push_str("; ");
                }
                note.push_str(&remark);
            }
        }
        Some(Found {
            answer: Some(answer),
            note: note.replace('\t', " "),
            place: place.clone(),
        })
    }

    /// Keeps a question's answer: a repeat with the same answer is a correction, a
    /// different one makes the question a conflict, left unanswered.
    fn record(&mut self, id: String, reading: Found, id_text: &str) {
        if let Some(places) = self.conflicting.get_mut(&id) {
            places.push(describe(&reading));
            return;
        }
        match self.found.get(&id) {
            None => {
                self.found.insert(id, reading);
            }
            Some(first)
                if first.answer == reading.answer
                    && (first.answer.is_some() || first.note == reading.note) =>
            {
                self.corrections.push(Mds2Issue {
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
                self.found.remove(&id);
                self.conflicting.insert(id, answers);
            }
        }
    }

    fn into_parse(mut self, file_name: &str, format: &str) -> Mds2Parse {
        for (id, value) in std::mem::take(&mut self.header_values) {
            self.found.entry(id.to_string()).or_insert(Found {
                answer: None,
                note: value,
                place: String::new(),
            });
        }
        let found = &self.found;
        let recognised = (found.len() + self.conflicting.len()) as u32;
        let answers: Vec<Mds2Answer> = questions()
            .iter()
            .filter_map(|q| {
                found.get(&q.id).map(|f| Mds2Answer {
                    question_id: q.id.clone(),
                    answer: f.answer,
                    note: f.note.clone(),
                    place: f.place.clone(),
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
        Mds2Parse {
            file_name: file_name.to_string(),
            format: format.to_string(),
            recognised,
            reference_questions: questions().len() as u32,
            sections: tally(&form),
            corrections: self.corrections,
            unreadable: self.unreadable,
            conflicts: self
                .conflicting
                .into_iter()
                .map(|(question_id, answers)| Mds2Conflict {
                    question_id,
                    answers,
                })
                .collect(),
            form,
        }
    }
}

/// What follows the id: the rest of its cell, then the next cells, without repeats of the
/// question's text; a question text with the answer after it in the same cell
/// (`...?: Yes`, `Manufacturer Name: Acme`) gives the answer as a cell of its own.
fn cells_after(row: &Row, index: usize, raw: &RawId, q: &Question) -> Vec<(String, String)> {
    let id_place = &row.cells[index].0;
    let mut after: Vec<(String, String)> = Vec::new();
    if !raw.rest.is_empty() {
        after.push((id_place.clone(), raw.rest.clone()));
    }
    after.extend(row.cells[index + 1..].iter().cloned());
    after
        .into_iter()
        .filter_map(|(place, text)| {
            if !is_question_text(&text, q) {
                // The question shortened by the vendor (`Is the device ...?: Yes`).
                let tail = text
                    .rsplit_once('?')
                    .map(|(_, t)| t.trim_start_matches([':', '"', ' ', '\t']).trim())
                    .filter(|t| parse_answer(&text).is_none() && parse_answer(t).is_some());
                return Some((place, tail.map_or(text.clone(), str::to_string)));
            }
            after_question(&text, q, is_text_question(&q.id)).map(|tail| (place, tail))
        })
        .collect()
}

fn describe(f: &Found) -> String {
    let what = match f.answer {
        Some(a) if f.note.is_empty() => a.label().to_string(),
        Some(a) => format!("{}, {}", a.label(), f.note),
        None => format!("'{}'", f.note),
    };
    format!("{what} ({})", f.place)
}
