//! One rule held against one candidate: the check's verdict in words, and the finding it
//! becomes (pass, gap, unconfirmed, advisory or not applicable).

use chrono::{Datelike, NaiveDate};

use super::capability::capability_phrase;
use super::mds2::{self, Answer};
use super::{
    CandidateContext, Check, CompatRule, DeviceProfile, Finding, Mds2Form, Severity, SiteFlag,
    SiteProfile, Status,
};
use crate::ipc::Choice;

/// A check's verdict before it becomes a finding.
pub(super) enum Verdict {
    NotApplicable,
    Pass(String),
    /// The device side of the message, and the source.
    Fail(String, String),
    /// Nothing states it; the source consulted.
    Unknown(String),
}

pub(super) struct Evaluation<'a> {
    pub(super) site: &'a SiteProfile,
    pub(super) device: &'a DeviceProfile,
    pub(super) form: Option<&'a Mds2Form>,
    pub(super) ctx: &'a CandidateContext<'a>,
}

impl Evaluation<'_> {
    pub(super) fn finding(&self, rule: &CompatRule) -> Finding {
        let (requirement, verdict, advisory) = self.verdict(&rule.check);
        let (status, message, source) = match verdict {
            Verdict::NotApplicable => (
                Status::NotApplicable,
                "the site requires nothing here".to_string(),
                "site profile".to_string(),
            ),
            Verdict::Pass(source) => (Status::Pass, format!("meets it: {requirement}"), source),
            Verdict::Fail(device, source) if advisory => (
                Status::Advisory,
                format!("not required by the site, but {device}"),
                source,
            ),
            Verdict::Fail(device, source) => (
                Status::Gap,
                format!("the site requires {requirement}; {device}"),
                source,
            ),
            Verdict::Unknown(source) if advisory => (
                Status::Unconfirmed,
                format!("not stated: {requirement}"),
                source,
            ),
            Verdict::Unknown(source) => (
                Status::Unconfirmed,
                format!(
                    "the site requires {requirement}; {}: confirm with the vendor",
                    if source.contains("MDS2") {
                        "neither the device profile nor the MDS2 form says"
                    } else {
                        "the device profile does not say"
                    }
                ),
                source,
            ),
        };
        let is_gap = status == Status::Gap;
        let severity = match status {
            Status::Gap => Some(rule.severity),
            // An unconfirmed point never blocks: at worst it is major until confirmed.
            Status::Unconfirmed if !advisory => Some(rule.severity.max(Severity::Major)),
            _ => None,
        };
        Finding {
            rule: rule.key.clone(),
            title: rule.title.clone(),
            area: rule.area,
            status,
            severity,
            message,
            source,
            remediation_cost: if is_gap { rule.remediation_cost } else { None },
            remediation: if is_gap {
                rule.remediation.clone()
            } else {
                String::new()
            },
            points: rule.points,
            evidence: Vec::new(),
        }
    }

    pub(super) fn answer(&self, question: &str) -> Option<(Answer, String)> {
        let entry = self.form?.entry(question)?;
        Some((entry.answer?, entry.note.clone()))
    }

    pub(super) fn answer_source(question: &str, answer: Answer, note: &str) -> String {
        if note.is_empty() {
            format!("MDS2 {question}: {}", answer.label())
        } else {
            format!("MDS2 {question}: {}, {note}", answer.label())
        }
    }

    /// The requirement in words, the verdict, and whether a failure is only advisory.
    fn verdict(&self, check: &Check) -> (String, Verdict, bool) {
        match check {
            Check::AnyOf { field, mds2 } => {
                let (req, verdict) = self.any_of(*field, mds2.as_deref());
                (req, verdict, false)
            }
            Check::AllOf { field } => {
                let (req, verdict) = self.all_of(*field);
                (req, verdict, false)
            }
            Check::Required {
                requirement,
                capability,
                mds2,
                always_scored,
            } => {
                let required = self.flag(*requirement);
                let phrase = capability_phrase(*capability).to_string();
                if !required && !always_scored {
                    return (phrase, Verdict::NotApplicable, false);
                }
                let verdict = self.capability(*capability, mds2.as_deref());
                (phrase, verdict, !required)
            }
            Check::MinTls => (
                self.site
                    .min_tls
                    .map(|v| format!("TLS {} or later", v.label()))
                    .unwrap_or_default(),
                self.min_tls(),
                false,
            ),
            Check::PatchWindow => (
                self.site
                    .patch_window_days
                    .map(|d| format!("security patches validated within {d} days"))
                    .unwrap_or_default(),
                self.patch_window(),
                false,
            ),
            Check::SupportThroughLife => {
                let (req, verdict) = self.support_through_life();
                (req, verdict, !self.site.supported_os_required)
            }
            Check::Mds2 { question, expect } => {
                let text = mds2::question(question)
                    .map(|q| q.text.as_str())
                    .unwrap_or(question.as_str());
                let req = format!("{question} answered {} ({text})", expect.label());
                let verdict = match self.answer(question) {
                    None => Verdict::Unknown(format!("MDS2 {question}")),
                    Some((Answer::NotApplicable, _)) => Verdict::NotApplicable,
                    Some((a, note)) if a == *expect => {
                        Verdict::Pass(Self::answer_source(question, a, &note))
                    }
                    Some((a, note)) => Verdict::Fail(
                        format!("the MDS2 form answers {} to {question}: {text}", a.label()),
                        Self::answer_source(question, a, &note),
                    ),
                };
                (req, verdict, true)
            }
        }
    }

    fn flag(&self, flag: SiteFlag) -> bool {
        let s = self.site;
        match flag {
            SiteFlag::PskForbidden => s.psk_forbidden,
            SiteFlag::VlanSegmentation => s.vlan_segmentation,
            SiteFlag::SsoRequired => s.sso_required,
            SiteFlag::MfaRequired => s.mfa_required,
            SiteFlag::EncryptionAtRestRequired => s.encryption_at_rest_required,
            SiteFlag::SbomRequired => s.sbom_required,
            SiteFlag::SupportedOsRequired => s.supported_os_required,
        }
    }

    fn min_tls(&self) -> Verdict {
        let Some(min) = self.site.min_tls else {
            return Verdict::NotApplicable;
        };
        match self.device.max_tls {
            Some(v) if v >= min => Verdict::Pass("device profile: max_tls".into()),
            Some(v) => Verdict::Fail(
                format!("the device speaks TLS {} at most", v.label()),
                "device profile: max_tls".into(),
            ),
            None => match self.answer("CONN-7") {
                Some((Answer::No, note)) => Verdict::Fail(
                    "the device does not support TLS".into(),
                    Self::answer_source("CONN-7", Answer::No, &note),
                ),
                _ => Verdict::Unknown("device profile: max_tls; MDS2 CONN-7".into()),
            },
        }
    }

    fn patch_window(&self) -> Verdict {
        let Some(window) = self.site.patch_window_days else {
            return Verdict::NotApplicable;
        };
        if self.device.vendor_patches == Some(false) {
            return Verdict::Fail(
                "the vendor does not supply security patches".into(),
                "device profile: vendor_patches".into(),
            );
        }
        match self.device.patch_validation_days {
            Some(d) if d <= window => Verdict::Pass("device profile: patch_validation_days".into()),
            Some(d) => Verdict::Fail(
                format!("the vendor validates patches in {d} days"),
                "device profile: patch_validation_days".into(),
            ),
            None => Verdict::Unknown("device profile: patch_validation_days".into()),
        }
    }

    fn support_through_life(&self) -> (String, Verdict) {
        let Some(life) = self.ctx.expected_life_years else {
            return (
                "support through the expected life".into(),
                Verdict::Unknown("cost model: expected_life_years".into()),
            );
        };
        let start = self.ctx.in_service;
        let end_of_life =
            NaiveDate::from_ymd_opt(start.year() + life as i32, start.month(), 1).unwrap_or(start);
        let req = format!("support until the end of its {life}-year life ({end_of_life})");
        let ends: Vec<(NaiveDate, &str)> = [
            (self.device.end_of_support, "end_of_support"),
            (self.device.os_end_of_support, "os_end_of_support"),
        ]
        .into_iter()
        .filter_map(|(d, f)| d.map(|d| (d, f)))
        .collect();
        let Some(&(first_end, field)) = ends.iter().min_by_key(|(d, _)| *d) else {
            return (
                req,
                Verdict::Unknown("device profile: end_of_support, os_end_of_support".into()),
            );
        };
        if first_end >= end_of_life {
            (req, Verdict::Pass(format!("device profile: {field}")))
        } else {
            let what = if field == "end_of_support" {
                "the manufacturer's support"
            } else {
                "the operating system's support"
            };
            (
                req,
                Verdict::Fail(
                    format!("{what} ends on {first_end}, before the end of its expected life"),
                    format!("device profile: {field}"),
                ),
            )
        }
    }
}
