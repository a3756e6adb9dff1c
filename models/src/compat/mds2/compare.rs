//! Candidates' forms side by side, question by question.

use serde::Serialize;
use ts_rs::TS;

use super::answers::squash;
use super::questions::questions;
use super::{Answer, Mds2Form};

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
