//! What importing a form for a candidate would do: whether it is another device's form,
//! and whether the user must confirm before it is saved.

use serde::Serialize;
use ts_rs::TS;

use super::answers::squash;
use super::{Mds2Form, Mds2Parse};
use crate::domain::Candidate;
use crate::error::{Error, Result};
use crate::ids::CandidateId;

/// What an MDS2 file would import for a candidate: shown before anything is saved.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Mds2Preview {
    pub candidate_id: CandidateId,
    pub candidate: String,
    pub parse: Mds2Parse,
    /// The form names another manufacturer or model than the candidate.
    pub device_warnings: Vec<String>,
    /// The candidate already has a form, which the import replaces.
    pub replaces: Option<String>,
    /// Unreadable lines, conflicts or a device mismatch: the user must confirm.
    pub needs_confirmation: bool,
}

impl Mds2Preview {
    /// The preview of importing `parse` for `candidate`, whose current form (if any) is
    /// `replaces`.
    pub fn new(candidate: &Candidate, parse: Mds2Parse, replaces: Option<String>) -> Self {
        let device_warnings =
            device_mismatch(&parse.form, &candidate.manufacturer, &candidate.model);
        Mds2Preview {
            candidate_id: candidate.id,
            candidate: candidate.label(),
            needs_confirmation: parse.needs_review() || !device_warnings.is_empty(),
            parse,
            device_warnings,
            replaces,
        }
    }

    /// A form that needs a look (unreadable lines, conflicting answers, another device's
    /// form) is saved only when the user confirms; otherwise the refusal says why.
    pub fn check_confirmed(&self, confirmed: bool) -> Result<()> {
        if !self.needs_confirmation || confirmed {
            return Ok(());
        }
        let mut reasons: Vec<String> = self.device_warnings.clone();
        if !self.parse.unreadable.is_empty() {
            reasons.push(format!(
                "{} line(s) could not be read (first: {}: {})",
                self.parse.unreadable.len(),
                self.parse.unreadable[0].place,
                self.parse.unreadable[0].message
            ));
        }
        for c in &self.parse.conflicts {
            reasons.push(format!(
                "{} is answered differently: {}",
                c.question_id,
                c.answers.join(" vs ")
            ));
        }
        Err(Error::conflict(
            "mds2",
            format!(
                "{}: {}. Nothing was saved; confirm to import anyway",
                self.parse.file_name,
                reasons.join("; ")
            ),
        ))
    }
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
    if !form.model.is_empty() && !form.models().iter().any(|m| same_name(m, model)) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_model_of_the_list_matches() {
        let form = Mds2Form {
            manufacturer: "Acme Medical, Inc.".into(),
            model: "MVR435, MVR436".into(),
            ..Mds2Form::default()
        };
        assert_eq!(form.models(), ["MVR435", "MVR436"]);
        assert!(device_mismatch(&form, "Acme Medical", "MVR436").is_empty());
        let warnings = device_mismatch(&form, "Acme Medical", "MVR500");
        assert_eq!(
            warnings,
            ["the form describes model 'MVR435, MVR436' but the candidate is 'MVR500'"]
        );
    }
}
