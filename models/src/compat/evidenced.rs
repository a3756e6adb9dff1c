//! The evidence behind a candidate's findings: its vendor's sample interface files (HL7 v2
//! messages, FHIR Devices) checked by `evidence::check`, and its MDS2 form's answers with
//! their places.
//!
//! A sample that shows what the site requires turns an interface finding into a pass,
//! whatever the profile claims: the sample is the device's own output. A sample that shows
//! only values the site does not accept is noted against the finding without changing it
//! (a device may speak more than one sample shows). Every finding from an MDS2 answer names
//! the form and the answer's place (page and line, or sheet and row).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Check, CompatRule, Finding, ListField, Mds2Form, SiteProfile, Status};
use crate::evidence::{self, EvidenceReport, Sighting};
use crate::ipc::Choice;

/// A sample file kept on a candidate: its name and its text as imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceFile {
    pub file_name: String,
    pub text: String,
}

/// A kept sample file and what it shows against the site profile today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CheckedEvidence {
    pub file_name: String,
    pub report: EvidenceReport,
}

/// One piece of evidence behind a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EvidenceNote {
    /// False when the evidence does not bear the point out.
    pub supports: bool,
    /// `MDS2 form acme-mds2.pdf` or `sample monitor-oru.hl7`.
    pub source: String,
    /// `page 2, line 14`, `line 1, MSH-12`, `Device.deviceName`.
    pub place: String,
    /// What it shows, in words.
    pub text: String,
}

/// Checks each kept file against the candidate and the site. A file that no longer reads
/// (it was checked when imported, so only after a change of the reader) is left out.
pub fn check_files(
    files: &[EvidenceFile],
    candidate: &evidence::Candidate,
    site: &SiteProfile,
) -> Vec<CheckedEvidence> {
    files
        .iter()
        .filter_map(|f| {
            evidence::check(&f.file_name, &f.text, candidate, site)
                .ok()
                .map(|report| CheckedEvidence {
                    file_name: f.file_name.clone(),
                    report,
                })
        })
        .collect()
}

/// Adds the evidence to each finding, and turns interface findings the samples bear out
/// into passes.
pub(super) fn annotate(
    findings: &mut [Finding],
    rules: &[CompatRule],
    site: &SiteProfile,
    samples: &[CheckedEvidence],
    form: Option<&Mds2Form>,
) {
    for f in findings.iter_mut() {
        let Some(rule) = rules.iter().find(|r| r.key == f.rule) else {
            continue;
        };
        if let (Some(form), Some(q)) = (form, rule.check.mds2_question()) {
            mds2_note(f, form, q);
        }
        let (field, all) = match rule.check {
            Check::AnyOf { field, .. } => (field, false),
            Check::AllOf { field } => (field, true),
            _ => continue,
        };
        if f.status != Status::NotApplicable {
            sample_notes(f, field, all, site, samples);
        }
    }
}

/// The form's answer behind a finding that rests on it.
fn mds2_note(f: &mut Finding, form: &Mds2Form, question: &str) {
    if !f.source.contains(&format!("MDS2 {question}")) {
        return;
    }
    let Some(entry) = form.entry(question) else {
        return;
    };
    let Some(answer) = entry.answer else { return };
    let text = if entry.note.is_empty() {
        format!("{question} answered {}", answer.label())
    } else {
        format!("{question} answered {}, {}", answer.label(), entry.note)
    };
    f.evidence.push(EvidenceNote {
        supports: f.status == Status::Pass,
        source: format!("MDS2 form {}", form.file_name),
        place: entry.place.clone(),
        text,
    });
}

/// The values the site requires for an interface list, as the samples name them.
fn required(field: ListField, site: &SiteProfile) -> Option<Vec<String>> {
    Some(match field {
        ListField::Hl7v2Versions => site.hl7v2_versions.clone(),
        ListField::FhirRelease => site
            .fhir_release
            .map(|r| r.label().to_string())
            .into_iter()
            .collect(),
        ListField::FhirResources => site.fhir_resources.clone(),
        ListField::IheProfiles => site
            .ihe_profiles
            .iter()
            .map(|p| p.label().to_string())
            .collect(),
        _ => return None,
    })
}

fn shown(field: ListField, report: &EvidenceReport) -> &[Sighting] {
    let s = &report.shown;
    match field {
        ListField::Hl7v2Versions => &s.hl7v2_versions,
        ListField::FhirRelease => &s.fhir_releases,
        ListField::FhirResources => &s.fhir_resources,
        ListField::IheProfiles => &s.ihe_profiles,
        _ => &[],
    }
}

fn what(field: ListField) -> &'static str {
    match field {
        ListField::Hl7v2Versions => "HL7 v2",
        ListField::FhirRelease => "FHIR",
        ListField::FhirResources => "FHIR resource",
        _ => "IHE",
    }
}

/// Notes each value the samples show for `field`; passes the finding when they show what
/// the site requires (any of it, or `all` of it).
fn sample_notes(
    f: &mut Finding,
    field: ListField,
    all: bool,
    site: &SiteProfile,
    samples: &[CheckedEvidence],
) {
    let Some(wanted) = required(field, site) else {
        return;
    };
    let accepted = |v: &str| wanted.iter().any(|w| w.trim().eq_ignore_ascii_case(v));
    let mut met: Vec<String> = Vec::new();
    // A sample naming another device is kept, but is no evidence for this one.
    for sample in samples.iter().filter(|s| s.report.other_device().is_none()) {
        for s in shown(field, &sample.report) {
            let supports = accepted(&s.value);
            if supports && !met.iter().any(|m| m.eq_ignore_ascii_case(&s.value)) {
                met.push(s.value.clone());
            }
            f.evidence.push(EvidenceNote {
                supports,
                source: format!("sample {}", sample.file_name),
                place: s.place.clone(),
                text: if supports {
                    format!("shows {} {}", what(field), s.value)
                } else {
                    format!(
                        "shows {} {}, which the site does not accept",
                        what(field),
                        s.value
                    )
                },
            });
        }
    }
    let borne_out = if all {
        wanted
            .iter()
            .all(|w| met.iter().any(|m| m.eq_ignore_ascii_case(w.trim())))
    } else {
        !met.is_empty()
    };
    if borne_out && f.status != Status::Pass {
        let files: Vec<&str> = f
            .evidence
            .iter()
            .filter(|n| n.supports && n.source.starts_with("sample "))
            .map(|n| n.source.trim_start_matches("sample "))
            .collect();
        f.status = Status::Pass;
        f.severity = None;
        f.remediation_cost = None;
        f.remediation.clear();
        f.message = format!(
            "meets it: the vendor's sample shows {} {}",
            what(field),
            met.join(", ")
        );
        f.source = format!("sample {}", files.join(", "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compat::mds2::{Answer, Mds2Answer};
    use crate::compat::profile::{FhirRelease, IheProfile};
    use crate::compat::{default_rules, Severity};

    const PCD01: &str = "MSH|^~\\&|AcmeInc||||20240101120000+0100||ORU^R01^ORU_R01|1|P|2.6|||NE|AL|||||IHE PCD ORU-R01 2006^HL7^1.3.6.1.4.1.19376.1.6.1.1.1^ISO\rPID|||1\rOBR|1\r";

    fn finding(rule: &str, status: Status, source: &str) -> Finding {
        Finding {
            rule: rule.into(),
            title: rule.into(),
            area: super::super::Area::Ehr,
            status,
            severity: Some(Severity::Major),
            message: "the site requires it".into(),
            source: source.into(),
            remediation_cost: Some(rust_decimal::Decimal::from(15_000)),
            remediation: "mapping".into(),
            points: 3,
            evidence: Vec::new(),
        }
    }

    fn sample(name: &str, text: &str, site: &SiteProfile) -> Vec<CheckedEvidence> {
        check_files(
            &[EvidenceFile {
                file_name: name.into(),
                text: text.into(),
            }],
            &evidence::Candidate::default(),
            site,
        )
    }

    #[test]
    fn a_sample_showing_what_the_site_requires_passes_the_point() {
        let site = SiteProfile {
            hl7v2_versions: vec!["2.6".into()],
            ihe_profiles: vec![IheProfile::Dec],
            ..SiteProfile::default()
        };
        let samples = sample("m.hl7", PCD01, &site);
        let mut f = vec![
            finding("ehr.hl7v2", Status::Gap, "device profile: hl7v2_versions"),
            finding(
                "ehr.ihe_profiles",
                Status::Unconfirmed,
                "device profile: ihe_profiles",
            ),
        ];
        annotate(&mut f, &default_rules(), &site, &samples, None);
        for x in &f {
            assert_eq!(x.status, Status::Pass, "{x:?}");
            assert_eq!(x.severity, None);
            assert_eq!(x.remediation_cost, None);
            assert_eq!(x.source, "sample m.hl7");
        }
        assert_eq!(f[0].evidence[0].place, "line 1, MSH-12");
        assert_eq!(
            f[0].message,
            "meets it: the vendor's sample shows HL7 v2 2.6"
        );
        assert_eq!(f[1].evidence[0].place, "line 1, MSH-21");
    }

    #[test]
    fn a_sample_showing_something_else_is_noted_without_changing_the_point() {
        let site = SiteProfile {
            hl7v2_versions: vec!["2.5.1".into()],
            fhir_release: Some(FhirRelease::R4),
            ..SiteProfile::default()
        };
        let samples = sample("m.hl7", PCD01, &site);
        let mut f = vec![finding(
            "ehr.hl7v2",
            Status::Pass,
            "device profile: hl7v2_versions",
        )];
        annotate(&mut f, &default_rules(), &site, &samples, None);
        assert_eq!(f[0].status, Status::Pass);
        assert!(!f[0].evidence[0].supports);
        assert_eq!(
            f[0].evidence[0].text,
            "shows HL7 v2 2.6, which the site does not accept"
        );
        // All of several required values: one shown is a note, not a pass.
        let site = SiteProfile {
            ihe_profiles: vec![IheProfile::Dec, IheProfile::Pcim],
            ..SiteProfile::default()
        };
        let mut f = vec![finding(
            "ehr.ihe_profiles",
            Status::Unconfirmed,
            "device profile",
        )];
        annotate(
            &mut f,
            &default_rules(),
            &site,
            &sample("m.hl7", PCD01, &site),
            None,
        );
        assert_eq!(f[0].status, Status::Unconfirmed);
        assert!(f[0].evidence[0].supports);
    }

    #[test]
    fn another_devices_sample_is_no_evidence_and_an_mds2_answer_names_its_place() {
        let site = SiteProfile {
            hl7v2_versions: vec!["2.6".into()],
            ..SiteProfile::default()
        };
        let other = check_files(
            &[EvidenceFile {
                file_name: "m.hl7".into(),
                text: PCD01.into(),
            }],
            &evidence::Candidate {
                manufacturer: Some("Zeta Medical".into()),
                model: None,
            },
            &site,
        );
        let mut f = vec![finding("ehr.hl7v2", Status::Unconfirmed, "device profile")];
        annotate(&mut f, &default_rules(), &site, &other, None);
        assert_eq!(f[0].status, Status::Unconfirmed);
        assert!(f[0].evidence.is_empty());

        let rules = default_rules();
        let rule = rules
            .iter()
            .find(|r| matches!(&r.check, Check::Mds2 { .. }))
            .unwrap();
        let Check::Mds2 { question, .. } = &rule.check else {
            unreachable!()
        };
        let form = Mds2Form {
            file_name: "acme.pdf".into(),
            answers: vec![Mds2Answer {
                question_id: question.clone(),
                answer: Some(Answer::Yes),
                note: String::new(),
                place: "page 3, line 12".into(),
            }],
            ..Mds2Form::default()
        };
        let mut f = vec![finding(
            &rule.key,
            Status::Pass,
            &format!("MDS2 {question}: Yes"),
        )];
        annotate(&mut f, &rules, &site, &[], Some(&form));
        assert_eq!(f[0].evidence[0].source, "MDS2 form acme.pdf");
        assert_eq!(f[0].evidence[0].place, "page 3, line 12");
        assert_eq!(f[0].evidence[0].text, format!("{question} answered Yes"));
    }
}
