//! The vendor's MDS2 form (ANSI/NEMA HN 1-2019): reading it from the cells of the official
//! Excel workbook or of a CSV/text export, and comparing candidates' forms side by side.
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
//!
//! This module is pure: it reads rows of cells. Turning a file into rows (opening it,
//! loading the workbook, decoding the text) is the importer's job, in
//! [`crate::import::mds2`], whose `parse_file` and `parse_bytes` are the entry points.
//!
//! `questions` is the reference question list, `ids` reads a question id from a cell,
//! `answers` an answer, `lines` makes rows of a form written as lines of text (a PDF's
//! text layer, a copy of it: `DOC-9 Is the ...?: Yes`), `reader` a whole form from its rows; `compare` puts candidates'
//! forms side by side and `preview` says what importing a form for a candidate would do.

mod answers;
mod compare;
mod ids;
mod lines;
mod preview;
mod questions;
mod reader;

pub use answers::parse_answer;
pub use compare::{compare, Mds2Cell, Mds2Column, Mds2CompareRow, Mds2Comparison};
pub use lines::{is_line_layout, line_rows};
pub use preview::{device_mismatch, Mds2Preview};
pub use questions::{check_answers, question, questions, sections, sort_in_form_order, Question};
pub use reader::{parse_rows, Row};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

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
    /// Where the answer is in the vendor's file (`page 2, line 14`, `sheet 1, row 40`);
    /// empty where not known.
    #[serde(default)]
    pub place: String,
}

/// A vendor's filled form, as kept for a candidate.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
pub struct Mds2Form {
    /// DOC-1.
    pub manufacturer: String,
    /// DOC-3.
    // Whole, a list of models as written (`MVR435, MVR436`): see `Mds2Form::models`.
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

    /// The models the form covers: DOC-3 often lists several (`MVR435, MVR436`).
    pub fn models(&self) -> Vec<&str> {
        self.model
            .split([',', ';'])
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .collect()
    }

    pub fn entry(&self, question_id: &str) -> Option<&Mds2Answer> {
        self.answers.iter().find(|a| a.question_id == question_id)
    }
}

/// Something the reader noticed at a place in the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Mds2Issue {
    /// `line 14` (CSV/text), `page 2, line 14` (PDF) or `sheet 'MDS2', cell C14`
    /// (workbook).
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
    /// `xlsx`, `xls`, `ods`, `csv`, `text` (a form read as lines of text) or `pdf`.
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
