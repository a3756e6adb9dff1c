//! The vendors' sample interface files kept on candidates as evidence of compatibility:
//! kept as imported, checked whenever they are shown (against the candidate and the site
//! profile of its request as they are then), removed with the candidate.

use std::path::Path;

use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::Portfolio;
use crate::compat::EvidenceFile;
use crate::error::{Error, Result};
use crate::evidence::{self, EvidenceReport};
use crate::ids::{CandidateId, EvidenceId};

/// The largest sample file kept (sample messages and Device resources are small).
pub const MAX_EVIDENCE_BYTES: usize = 2 * 1024 * 1024;

/// A kept sample file and what it shows today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CandidateEvidence {
    pub id: EvidenceId,
    pub candidate_id: CandidateId,
    pub file_name: String,
    pub report: EvidenceReport,
}

/// What keeping a file would do: its report, and the kept file of the same name it would
/// replace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EvidenceCheck {
    pub candidate_id: CandidateId,
    pub file_name: String,
    /// The text checked, to keep as it was checked (the file is not read again).
    pub text: String,
    pub report: EvidenceReport,
    pub replaces: Option<EvidenceId>,
    /// The sample names another device: keeping it needs confirmation.
    pub other_device: Option<String>,
}

/// A sample file's name (without its folders) and text, read for checking. Not UTF-8
/// text is read with replacement characters, which the checks then report where they
/// matter.
pub fn read_evidence_file(path: &Path) -> Result<(String, String)> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    if bytes.len() > MAX_EVIDENCE_BYTES {
        return Err(Error::Parse {
            location: name,
            message: format!(
                "{} bytes; a sample interface file is kept up to {} MiB",
                bytes.len(),
                MAX_EVIDENCE_BYTES / (1024 * 1024)
            ),
        });
    }
    Ok((name, String::from_utf8_lossy(&bytes).into_owned()))
}

impl Portfolio {
    /// The sample files kept on a candidate, in the order they were added.
    pub fn evidence_files(
        &self,
        candidate_id: CandidateId,
    ) -> Result<Vec<(EvidenceId, EvidenceFile)>> {
        self.candidate(candidate_id)?;
        let mut stmt = self.conn.prepare(
            "SELECT id, file_name, content FROM candidate_evidence WHERE candidate_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([candidate_id], |r| {
            Ok((
                r.get(0)?,
                EvidenceFile {
                    file_name: r.get(1)?,
                    text: r.get(2)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What a candidate's samples are checked against: its manufacturer and model, and the
    /// site profile of its request.
    fn evidence_context(
        &self,
        candidate_id: CandidateId,
    ) -> Result<(evidence::Candidate, crate::compat::SiteProfile)> {
        let candidate = self.candidate(candidate_id)?;
        let site = self.site_profile_for_request(candidate.request_id)?.profile;
        Ok(((&candidate).into(), site))
    }

    /// Checks a file's text for a candidate: against its manufacturer and model and the
    /// site profile of its request. Saves nothing.
    pub fn check_evidence(
        &self,
        candidate_id: CandidateId,
        file_name: &str,
        text: &str,
    ) -> Result<EvidenceCheck> {
        if file_name.trim().is_empty() || file_name.chars().count() > 255 {
            return Err(Error::validation(
                "file_name",
                "a sample file's name has 1 to 255 characters",
            ));
        }
        let (who, site) = self.evidence_context(candidate_id)?;
        let report = evidence::check(file_name, text, &who, &site)?;
        let replaces = self
            .conn
            .query_row(
                "SELECT id FROM candidate_evidence WHERE candidate_id = ?1 AND file_name = ?2",
                params![candidate_id, file_name],
                |r| r.get(0),
            )
            .optional()?;
        Ok(EvidenceCheck {
            candidate_id,
            file_name: file_name.to_string(),
            text: text.to_string(),
            other_device: report
                .other_device()
                .map(|f| format!("{}: {}", f.place, f.detail)),
            report,
            replaces,
        })
    }

    /// Reads a sample file and checks it for a candidate. Saves nothing.
    pub fn preview_evidence(
        &self,
        candidate_id: CandidateId,
        path: &Path,
    ) -> Result<EvidenceCheck> {
        let (name, text) = read_evidence_file(path)?;
        self.check_evidence(candidate_id, &name, &text)
    }

    /// Keeps a sample file on a candidate after checking it (a file that is neither HL7 v2
    /// nor FHIR is refused). A file that names another device, or replaces a kept file of
    /// the same name, is kept only when `confirmed`.
    pub fn add_evidence(
        &mut self,
        candidate_id: CandidateId,
        file_name: &str,
        text: &str,
        confirmed: bool,
    ) -> Result<CandidateEvidence> {
        if text.len() > MAX_EVIDENCE_BYTES {
            return Err(Error::validation(
                "file",
                format!(
                    "{} bytes; a sample interface file is kept up to {} MiB",
                    text.len(),
                    MAX_EVIDENCE_BYTES / (1024 * 1024)
                ),
            ));
        }
        let check = self.check_evidence(candidate_id, file_name, text)?;
        if !confirmed {
            if let Some(other) = &check.other_device {
                return Err(Error::conflict(
                    "file",
                    format!("{file_name}, {other}; confirm to keep it on candidate {candidate_id} all the same"),
                ));
            }
            if let Some(id) = check.replaces {
                return Err(Error::conflict(
                    "file_name",
                    format!("candidate {candidate_id} already keeps a file named {file_name} (evidence {id}): confirm to replace it"),
                ));
            }
        }
        let id = self.in_one_transaction(|p| {
            let conn = p.write()?;
            conn.execute(
                "DELETE FROM candidate_evidence WHERE candidate_id = ?1 AND file_name = ?2",
                params![candidate_id, file_name],
            )?;
            conn.execute(
                "INSERT INTO candidate_evidence (candidate_id, file_name, content) VALUES (?1, ?2, ?3)",
                params![candidate_id, file_name, text],
            )?;
            Ok(EvidenceId(u32::try_from(conn.last_insert_rowid()).map_err(|_| {
                Error::internal("evidence id out of range")
            })?))
        })?;
        Ok(CandidateEvidence {
            id,
            candidate_id,
            file_name: file_name.to_string(),
            report: check.report,
        })
    }

    /// The sample files kept on a candidate, each checked as things stand (the candidate
    /// and its site profile read once for all of them).
    pub fn candidate_evidence(&self, candidate_id: CandidateId) -> Result<Vec<CandidateEvidence>> {
        let (who, site) = self.evidence_context(candidate_id)?;
        self.evidence_files(candidate_id)?
            .into_iter()
            .map(|(id, file)| {
                let report =
                    evidence::check(&file.file_name, &file.text, &who, &site).map_err(|e| {
                        Error::Corrupt {
                            place: format!(
                                "evidence {id} ({}) of candidate {candidate_id}",
                                file.file_name
                            ),
                            message: e.to_string(),
                        }
                    })?;
                Ok(CandidateEvidence {
                    id,
                    candidate_id,
                    file_name: file.file_name,
                    report,
                })
            })
            .collect()
    }

    /// Removes a kept sample file.
    pub fn remove_evidence(&mut self, id: EvidenceId) -> Result<()> {
        let removed = self
            .write()?
            .execute("DELETE FROM candidate_evidence WHERE id = ?1", [id])?;
        if removed == 0 {
            return Err(Error::not_found("evidence", id));
        }
        Ok(())
    }
}
