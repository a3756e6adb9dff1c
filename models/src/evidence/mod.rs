//! Evidence of EHR compatibility: a vendor's sample HL7 v2 messages (IHE PCD-01 observation
//! reports, ORU^R01) and FHIR Device resources, checked against what the profiles require.
//!
//! Stateless and pure: text in, a report of findings out. Each finding is "confirmed" (the
//! sample shows the capability) or a "gap" (it does not, or shows something else), with the
//! place in the file (message, segment, field) and a plain sentence for the clinical
//! engineer. A file that is neither HL7 v2 nor FHIR is refused with the reason.

mod fhir;
mod fhir_xml;
mod gudid;
mod hl7;
mod pcd01;
mod shows;
mod site;
mod units;

use serde::Serialize;
use ts_rs::TS;

use crate::compat::SiteProfile;
use crate::{Error, Result};
pub use shows::{Shown, Sighting};

/// How a finding that the sample names another device than the candidate ends.
pub(crate) const OTHER_DEVICE: &str = "it is evidence for another device";

/// Whether the sample shows the capability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "EvidenceFindingKind")]
pub enum FindingKind {
    Confirmed,
    Gap,
}

/// One thing the sample shows or lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(rename = "EvidenceFinding")]
pub struct Finding {
    pub kind: FindingKind,
    /// The capability or requirement, e.g. `MDC observation codes`.
    pub capability: String,
    /// What was seen, in plain words.
    pub detail: String,
    /// Where: `line 3, message 2, OBX[3]-3` for HL7 v2, a JSON path for FHIR; empty for the
    /// whole file.
    pub place: String,
}

impl Finding {
    pub(crate) fn confirmed(
        capability: &str,
        detail: impl Into<String>,
        place: impl Into<String>,
    ) -> Self {
        Finding {
            kind: FindingKind::Confirmed,
            capability: capability.to_string(),
            detail: detail.into(),
            place: place.into(),
        }
    }

    pub(crate) fn gap(
        capability: &str,
        detail: impl Into<String>,
        place: impl Into<String>,
    ) -> Self {
        Finding {
            kind: FindingKind::Gap,
            capability: capability.to_string(),
            detail: detail.into(),
            place: place.into(),
        }
    }
}

/// The format the file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceFormat {
    Hl7v2,
    FhirJson,
    FhirXml,
}

/// The device the vendor proposes: a sample naming another device is a gap.
#[derive(Debug, Clone, Default)]
pub struct Candidate {
    pub manufacturer: Option<String>,
    pub model: Option<String>,
}

impl From<&crate::domain::Candidate> for Candidate {
    fn from(c: &crate::domain::Candidate) -> Self {
        Candidate {
            manufacturer: Some(c.manufacturer.clone()),
            model: Some(c.model.clone()),
        }
    }
}

impl std::fmt::Display for EvidenceFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            EvidenceFormat::Hl7v2 => "HL7 v2",
            EvidenceFormat::FhirJson => "FHIR JSON",
            EvidenceFormat::FhirXml => "FHIR XML",
        })
    }
}

/// What a sample file shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EvidenceReport {
    pub format: EvidenceFormat,
    /// HL7 v2: messages read; FHIR: Device resources read.
    pub items: u32,
    pub confirmed: u32,
    pub gaps: u32,
    /// The format's checks (PCD-01 or FHIR Device), then the site profile's
    /// (capabilities starting `site:`).
    pub findings: Vec<Finding>,
    /// The interface facts, for the site profile and the candidate's claims.
    pub shown: Shown,
}

impl EvidenceReport {
    fn new(
        format: EvidenceFormat,
        items: usize,
        mut findings: Vec<Finding>,
        shown: Shown,
        site: &SiteProfile,
    ) -> Self {
        findings.extend(site::site_findings(&shown, site));
        let confirmed = findings
            .iter()
            .filter(|f| f.kind == FindingKind::Confirmed)
            .count();
        EvidenceReport {
            format,
            items: items as u32,
            confirmed: confirmed as u32,
            gaps: (findings.len() - confirmed) as u32,
            findings,
            shown,
        }
    }
}

impl EvidenceReport {
    /// The first finding that the sample names another device than the candidate.
    pub fn other_device(&self) -> Option<&Finding> {
        self.findings
            .iter()
            .find(|f| f.kind == FindingKind::Gap && f.detail.ends_with(OTHER_DEVICE))
    }
}

/// Checks the text of `file` (named in a refusal): HL7 v2, FHIR JSON or FHIR XML by content,
/// then what it shows against the `site` profile (an empty profile requires nothing).
pub fn check(
    file: &str,
    text: &str,
    candidate: &Candidate,
    site: &SiteProfile,
) -> Result<EvidenceReport> {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    let refuse = |reason: &str| Error::Parse {
        location: file.to_string(),
        message: format!("neither HL7 v2 nor FHIR: {reason}"),
    };
    let not_device = |reason: &str| Error::Parse {
        location: file.to_string(),
        message: format!("not a FHIR Device: {reason}"),
    };
    if body.is_empty() {
        return Err(refuse("the file is empty"));
    }
    if ["MSH", "FHS", "BHS"].iter().any(|s| body.starts_with(s)) {
        let (items, findings) = pcd01::check_text(body, candidate);
        return Ok(EvidenceReport::new(
            EvidenceFormat::Hl7v2,
            items,
            findings,
            shows::hl7v2(body),
            site,
        ));
    }
    if body.starts_with('{') {
        let value: serde_json::Value = serde_json::from_str(body)
            .map_err(|e| refuse(&format!("JSON that does not parse ({e})")))?;
        let (items, findings) = fhir::check_json(&value, candidate).map_err(|r| not_device(&r))?;
        return Ok(EvidenceReport::new(
            EvidenceFormat::FhirJson,
            items,
            findings,
            shows::fhir(&value),
            site,
        ));
    }
    if body.starts_with('<') {
        if !body.contains("http://hl7.org/fhir") {
            return Err(refuse("XML without the FHIR namespace http://hl7.org/fhir"));
        }
        let value = fhir_xml::to_json(body).map_err(|r| refuse(&r))?;
        let (items, findings) = fhir::check_json(&value, candidate).map_err(|r| not_device(&r))?;
        return Ok(EvidenceReport::new(
            EvidenceFormat::FhirXml,
            items,
            findings,
            shows::fhir(&value),
            site,
        ));
    }
    let first: String = body.chars().take(20).collect();
    Err(refuse(&format!(
        "it starts with {first:?}; an HL7 v2 file starts with MSH (or a FHS/BHS batch header), FHIR with {{ or <"
    )))
}

/// Whether `seen` names the same thing as `expected`: case, spaces and punctuation aside,
/// one containing the other (`Acme Inc.` and `ACME`).
pub(crate) fn same_name(seen: &str, expected: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (a, b) = (norm(seen), norm(expected));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_is_found_by_content_and_other_files_refused() {
        let c = Candidate::default();
        let s = SiteProfile::default();
        let hl7 = check("a", "\u{feff}MSH|^~\\&|X\r", &c, &s).unwrap();
        assert_eq!(hl7.format, EvidenceFormat::Hl7v2);
        let fhir = check("b", "{\"resourceType\":\"Device\"}", &c, &s).unwrap();
        assert_eq!(fhir.format, EvidenceFormat::FhirJson);
        let xml = check("c", "<Device xmlns=\"http://hl7.org/fhir\"/>", &c, &s).unwrap();
        assert_eq!(xml.format, EvidenceFormat::FhirXml);
        let other = check("d.xml", "<html/>", &c, &s).unwrap_err();
        assert!(other
            .to_string()
            .starts_with("d.xml: neither HL7 v2 nor FHIR"));
        assert!(check("e", "  ", &c, &s)
            .unwrap_err()
            .to_string()
            .contains("empty"));
    }

    #[test]
    fn names_match_case_and_punctuation_aside() {
        assert!(same_name("Acme Devices, Inc", "ACME devices"));
        assert!(same_name("AcmeInc", "Acme"));
        assert!(!same_name("Zeta Medical", "Acme"));
        assert!(!same_name("", "Acme"));
    }
}
