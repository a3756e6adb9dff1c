//! The HN 1-2019 question list, compiled in from `models/assets/mds2/`: the vocabulary
//! every form is read and stored against.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;
use ts_rs::TS;

use super::Mds2Answer;
use crate::error::{Error, Result};

const QUESTIONS_CSV: &str = include_str!("../../../assets/mds2/hn1-2019-questions.csv");

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
pub(super) fn is_text_question(id: &str) -> bool {
    matches!(
        id,
        "DOC-1" | "DOC-2" | "DOC-3" | "DOC-4" | "DOC-5" | "DOC-6" | "DOC-7"
    )
}

/// A form's answers are to questions of HN 1-2019, each answered once.
pub fn check_answers(answers: &[Mds2Answer]) -> Result<()> {
    for (i, a) in answers.iter().enumerate() {
        if question(&a.question_id).is_none() {
            return Err(Error::validation(
                format!("answers[{i}].question_id"),
                format!("{} is not a question of MDS2 HN 1-2019", a.question_id),
            ));
        }
        if answers[..i].iter().any(|b| b.question_id == a.question_id) {
            return Err(Error::validation(
                format!("answers[{i}].question_id"),
                format!("{} is answered twice", a.question_id),
            ));
        }
    }
    Ok(())
}

/// Puts answers in form order (unknown questions last).
pub fn sort_in_form_order(answers: &mut [Mds2Answer]) {
    let order = |id: &str| {
        questions()
            .iter()
            .position(|q| q.id == id)
            .unwrap_or(usize::MAX)
    };
    answers.sort_by_key(|a| order(&a.question_id));
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
}
