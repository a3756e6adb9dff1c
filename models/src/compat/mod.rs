//! EHR, network and cybersecurity compatibility: each candidate's profile (and its MDS2
//! form) held against the site's IT profile through the rule table.
//!
//! Every rule gives one finding per candidate:
//! - `pass`: the device meets it (the source says from which profile field or MDS2 answer);
//! - `gap`: the site requires it and the device does not meet it; it has the rule's
//!   severity and, where the rule has one, a remediation cost that flows into the
//!   candidate's lifecycle cost (IT integration, year 0);
//! - `unconfirmed`: the site requires it and neither the profile nor the MDS2 form says;
//! - `advisory`: good practice the device does not follow, where the site does not require
//!   it (costs points, is not a gap);
//! - `not_applicable`: the site requires nothing here, or the point does not apply.
//!
//! An area's score is `100 x points passed / points applicable` (pass, gap, unconfirmed
//! and advisory findings are applicable); an area with no applicable rule scores 100, and
//! an area with a blocking gap scores 0 (the device cannot be used as the site requires
//! until the gap is closed). A candidate with neither a profile nor an MDS2 form has no
//! scores. The same inputs always
//! give the same findings, in rule-table order.

pub mod mds2;
pub mod profile;
pub mod rules;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use crate::domain::Candidate;
use crate::ids::{CandidateId, RequestId};
use crate::ipc::Choice;
use crate::money::decimal_text;
pub use mds2::{Answer, Mds2Form};
pub use profile::{DeviceProfile, SiteProfile};
pub use rules::{
    default_rules, Area, Capability, Check, CompatRule, ListField, Severity, SiteFlag,
};

/// Everything the compatibility of one request's candidates depends on.
#[derive(Debug, Clone, Default)]
pub struct CompatInputs {
    pub site: SiteProfile,
    /// Whose profile `site` is: the facility's name, or empty for the portfolio's.
    pub site_scope: String,
    pub devices: Vec<(CandidateId, DeviceProfile)>,
    pub forms: Vec<(CandidateId, Mds2Form)>,
    pub rules: Vec<CompatRule>,
    /// A candidate with a confirmed blocking gap is left out of the ranking.
    pub disqualify_blocking: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Gap,
    Unconfirmed,
    Advisory,
    Pass,
    NotApplicable,
}

crate::ipc::choice!(Status {
    Gap => "Gap",
    Unconfirmed => "Unconfirmed",
    Advisory => "Advisory",
    Pass => "Passed",
    NotApplicable => "Not applicable",
});

/// One rule's verdict on one candidate.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Finding {
    pub rule: String,
    pub title: String,
    pub area: Area,
    pub status: Status,
    /// Set for gaps and unconfirmed points.
    pub severity: Option<Severity>,
    /// In words a committee member understands.
    pub message: String,
    /// Where the verdict comes from: `site profile`, `device profile: eap_methods`,
    /// `MDS2 STCF-1`.
    pub source: String,
    /// Remediation cost of a gap, in the request's currency.
    #[serde(with = "decimal_text::option")]
    #[ts(type = "string | null")]
    pub remediation_cost: Option<Decimal>,
    pub remediation: String,
    pub points: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AreaScore {
    pub area: Area,
    /// 0..100; `null` when the candidate has neither a profile nor an MDS2 form.
    pub score: Option<f64>,
    pub earned: u32,
    pub possible: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CandidateCompatibility {
    pub candidate_id: CandidateId,
    pub label: String,
    pub has_profile: bool,
    pub has_mds2: bool,
    /// EHR integration, network, cybersecurity, in that order.
    pub scores: Vec<AreaScore>,
    pub blocking: u32,
    pub major: u32,
    pub minor: u32,
    pub unconfirmed: u32,
    /// Sum of the gaps' remediation costs; added to the lifecycle cost.
    #[serde(with = "decimal_text")]
    #[ts(type = "string")]
    pub remediation_total: Decimal,
    /// A confirmed blocking gap while the request disqualifies on them.
    pub disqualified: bool,
    /// Gaps first (most severe first), then unconfirmed, advisory, passed, not applicable.
    pub findings: Vec<Finding>,
}

impl CandidateCompatibility {
    pub fn score(&self, area: Area) -> Option<f64> {
        self.scores
            .iter()
            .find(|s| s.area == area)
            .and_then(|s| s.score)
    }

    /// Gaps and unconfirmed points.
    pub fn gaps(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| matches!(f.status, Status::Gap | Status::Unconfirmed))
    }
}

/// A request's candidates against the site profile.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CompatibilityReport {
    pub request_id: RequestId,
    /// Whose site profile was used: a facility's name, or "portfolio".
    pub site_scope: String,
    pub site: SiteProfile,
    pub disqualify_blocking: bool,
    /// Enabled rules in the table.
    pub rules: u32,
    pub candidates: Vec<CandidateCompatibility>,
}

/// What the engine needs of each candidate beyond its profile.
pub struct CandidateContext<'a> {
    pub candidate: &'a Candidate,
    /// The date the device enters service (the purchase date).
    pub in_service: NaiveDate,
    /// From the candidate's cost model.
    pub expected_life_years: Option<u32>,
}

/// Checks every candidate against the site profile.
pub fn assess_compatibility(
    request_id: RequestId,
    inputs: &CompatInputs,
    candidates: &[CandidateContext<'_>],
) -> CompatibilityReport {
    CompatibilityReport {
        request_id,
        site_scope: if inputs.site_scope.is_empty() {
            "portfolio".into()
        } else {
            inputs.site_scope.clone()
        },
        site: inputs.site.clone(),
        disqualify_blocking: inputs.disqualify_blocking,
        rules: inputs.rules.iter().filter(|r| r.enabled).count() as u32,
        candidates: candidates
            .iter()
            .map(|ctx| candidate_compatibility(inputs, ctx))
            .collect(),
    }
}

fn candidate_compatibility(
    inputs: &CompatInputs,
    ctx: &CandidateContext<'_>,
) -> CandidateCompatibility {
    let id = ctx.candidate.id;
    let device = inputs
        .devices
        .iter()
        .find(|(c, _)| *c == id)
        .map(|(_, p)| p.clone())
        .unwrap_or_default();
    let form = inputs.forms.iter().find(|(c, _)| *c == id).map(|(_, f)| f);
    let has_profile = !device.is_empty();
    let known = has_profile || form.is_some();
    let eval = Evaluation {
        site: &inputs.site,
        device: &device,
        form,
        ctx,
    };
    let mut findings: Vec<Finding> = inputs
        .rules
        .iter()
        .filter(|r| r.enabled)
        .map(|r| eval.finding(r))
        .collect();
    // Without a form, the MDS2-only good-practice rules say one thing, not one each.
    if form.is_none() {
        let (missing, rest): (Vec<Finding>, Vec<Finding>) = findings.into_iter().partition(|f| {
            f.status == Status::Unconfirmed
                && inputs
                    .rules
                    .iter()
                    .any(|r| r.key == f.rule && matches!(r.check, Check::Mds2 { .. }))
        });
        findings = rest;
        if !missing.is_empty() {
            findings.push(Finding {
                rule: "mds2".into(),
                title: "MDS2 form".into(),
                area: Area::Security,
                status: Status::Advisory,
                severity: None,
                message: format!(
                    "no MDS2 form: {} good-practice checks ({}) could not be made; ask the vendor for its HN 1-2019 form",
                    missing.len(),
                    missing.iter().map(|f| f.title.as_str()).collect::<Vec<_>>().join(", ")
                ),
                source: "MDS2".into(),
                remediation_cost: None,
                remediation: String::new(),
                points: missing.iter().map(|f| f.points).sum(),
            });
        }
    }
    let scores = Area::VALUES
        .iter()
        .map(|&area| {
            let applicable = findings
                .iter()
                .filter(|f| f.area == area && f.status != Status::NotApplicable);
            let possible: u32 = applicable.clone().map(|f| f.points).sum();
            let earned: u32 = applicable
                .filter(|f| f.status == Status::Pass)
                .map(|f| f.points)
                .sum();
            let blocked = findings.iter().any(|f| {
                f.area == area && f.status == Status::Gap && f.severity == Some(Severity::Blocking)
            });
            AreaScore {
                area,
                score: known.then(|| {
                    if blocked {
                        0.0
                    } else if possible == 0 {
                        100.0
                    } else {
                        100.0 * f64::from(earned) / f64::from(possible)
                    }
                }),
                earned,
                possible,
            }
        })
        .collect();
    findings.sort_by_key(|f| (f.status, f.severity));
    let count = |s: Severity| {
        findings
            .iter()
            .filter(|f| f.status == Status::Gap && f.severity == Some(s))
            .count() as u32
    };
    let blocking = count(Severity::Blocking);
    CandidateCompatibility {
        candidate_id: id,
        label: ctx.candidate.label(),
        has_profile,
        has_mds2: form.is_some(),
        scores,
        blocking,
        major: count(Severity::Major),
        minor: count(Severity::Minor),
        unconfirmed: findings
            .iter()
            .filter(|f| f.status == Status::Unconfirmed)
            .count() as u32,
        remediation_total: findings
            .iter()
            .filter(|f| f.status == Status::Gap)
            .filter_map(|f| f.remediation_cost)
            .sum(),
        disqualified: inputs.disqualify_blocking && blocking > 0,
        findings,
    }
}

/// A check's verdict before it becomes a finding.
enum Verdict {
    NotApplicable,
    Pass(String),
    /// The device side of the message, and the source.
    Fail(String, String),
    /// Nothing states it; the source consulted.
    Unknown(String),
}

struct Evaluation<'a> {
    site: &'a SiteProfile,
    device: &'a DeviceProfile,
    form: Option<&'a Mds2Form>,
    ctx: &'a CandidateContext<'a>,
}

fn join(items: &[String], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., end] => format!("{} {last} {end}", init.join(", ")),
    }
}

fn labels<T: Copy>(items: &[T], label: impl Fn(T) -> &'static str) -> Vec<String> {
    items.iter().map(|&i| label(i).to_string()).collect()
}

fn same(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.trim().trim_start_matches(['v', 'V']).to_lowercase();
    norm(a) == norm(b)
}

fn matches_name(site: &str, device: &str) -> bool {
    let (s, d) = (site.trim().to_lowercase(), device.trim().to_lowercase());
    !s.is_empty() && !d.is_empty() && (s.contains(&d) || d.contains(&s))
}

impl Evaluation<'_> {
    fn finding(&self, rule: &CompatRule) -> Finding {
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
                    "the site requires {requirement}; {} does not say: confirm with the vendor",
                    if source.contains("MDS2") {
                        "neither the device profile nor the MDS2 form"
                    } else {
                        "the device profile"
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
        }
    }

    fn answer(&self, question: &str) -> Option<(Answer, String)> {
        let entry = self.form?.entry(question)?;
        Some((entry.answer?, entry.note.clone()))
    }

    fn answer_source(question: &str, answer: Answer, note: &str) -> String {
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

    /// The site's values and the device's, as labels, for a list field; with the field's
    /// name in the device profile and the noun for messages.
    fn lists(&self, field: ListField) -> (Vec<String>, Vec<String>, &'static str, &'static str) {
        let (s, d) = (self.site, self.device);
        let opt = |v: Option<&'static str>| v.map(|l| vec![l.to_string()]).unwrap_or_default();
        match field {
            ListField::Hl7v2Versions => (
                s.hl7v2_versions.clone(),
                d.hl7v2_versions.clone(),
                "hl7v2_versions",
                "HL7 v2",
            ),
            ListField::FhirRelease => (
                opt(s.fhir_release.map(|r| r.label())),
                labels(&d.fhir_releases, |r| r.label()),
                "fhir_releases",
                "FHIR",
            ),
            ListField::FhirResources => (
                s.fhir_resources.clone(),
                d.fhir_resources.clone(),
                "fhir_resources",
                "the FHIR resources",
            ),
            ListField::IheProfiles => (
                labels(&s.ihe_profiles, |p| p.label()),
                labels(&d.ihe_profiles, |p| p.label()),
                "ihe_profiles",
                "the IHE profiles",
            ),
            ListField::Middleware => (
                if s.middleware.trim().is_empty() {
                    vec![]
                } else {
                    vec![s.middleware.trim().to_string()]
                },
                d.middleware.clone(),
                "middleware",
                "validation with",
            ),
            ListField::WifiBands => (
                labels(&s.wifi_bands, |b| b.label()),
                labels(&d.wifi_bands, |b| b.label()),
                "wifi_bands",
                "Wi-Fi on",
            ),
            ListField::WifiSecurity => (
                labels(&s.wifi_security, |b| b.label()),
                labels(&d.wifi_security, |b| b.label()),
                "wifi_security",
                "Wi-Fi security",
            ),
            ListField::EapMethods => (
                labels(&s.eap_methods, |b| b.label()),
                labels(&d.eap_methods, |b| b.label()),
                "eap_methods",
                "802.1X",
            ),
            ListField::Addressing => (
                opt(s.addressing.map(|a| a.label())),
                labels(&d.addressing, |a| a.label()),
                "addressing",
                "addressing by",
            ),
            ListField::Directory => (
                opt(s.directory.map(|a| a.label())),
                labels(&d.directory, |a| a.label()),
                "directory",
                "user accounts from",
            ),
        }
    }

    fn matches(field: ListField, site: &str, device: &str) -> bool {
        match field {
            ListField::Middleware => matches_name(site, device),
            _ => same(site, device),
        }
    }

    /// Wi-Fi rules apply only to a device that uses Wi-Fi (or has no wired port).
    fn wifi_irrelevant(&self, field: ListField) -> bool {
        matches!(field, ListField::WifiBands | ListField::WifiSecurity)
            && !self.device.uses_wifi()
            && self.device.wired == Some(true)
    }

    fn any_of(&self, field: ListField, mds2: Option<&str>) -> (String, Verdict) {
        let (site, device, name, noun) = self.lists(field);
        let req = format!("{noun} {}", join(&site, "or"));
        if site.is_empty() || self.wifi_irrelevant(field) {
            return (req, Verdict::NotApplicable);
        }
        let source = format!("device profile: {name}");
        if device.is_empty() {
            // 802.1X: a device that states only pre-shared-key Wi-Fi cannot do it.
            if field == ListField::EapMethods
                && !self.device.wifi_security.is_empty()
                && !self.device.wifi_security.iter().any(|s| s.is_enterprise())
            {
                let modes = labels(&self.device.wifi_security, |s| s.label());
                return (
                    req,
                    Verdict::Fail(
                        format!("the device supports {} only", join(&modes, "and")),
                        "device profile: wifi_security".into(),
                    ),
                );
            }
            if let Some(q) = mds2 {
                match self.answer(q) {
                    Some((Answer::No, note)) => {
                        return (
                            req,
                            Verdict::Fail(
                                format!("the MDS2 form answers No to {q}"),
                                Self::answer_source(q, Answer::No, &note),
                            ),
                        )
                    }
                    Some((Answer::Yes, note)) => {
                        let named = site.iter().any(|s| matches_name(s, &note)) || note.is_empty();
                        let src = Self::answer_source(q, Answer::Yes, &note);
                        return if named {
                            (req, Verdict::Pass(src))
                        } else {
                            (
                                req,
                                Verdict::Fail(
                                    format!("the MDS2 form names {note} only ({q})"),
                                    src,
                                ),
                            )
                        };
                    }
                    _ => {}
                }
                return (req, Verdict::Unknown(format!("{source}; MDS2 {q}")));
            }
            return (req, Verdict::Unknown(source));
        }
        if site
            .iter()
            .any(|s| device.iter().any(|d| Self::matches(field, s, d)))
        {
            (req, Verdict::Pass(source))
        } else {
            (
                req,
                Verdict::Fail(
                    format!("the device supports {} only", join(&device, "and")),
                    source,
                ),
            )
        }
    }

    fn all_of(&self, field: ListField) -> (String, Verdict) {
        let (site, device, name, noun) = self.lists(field);
        let req = format!("{noun} {}", join(&site, "and"));
        if site.is_empty() {
            return (req, Verdict::NotApplicable);
        }
        let source = format!("device profile: {name}");
        if device.is_empty() {
            return (req, Verdict::Unknown(source));
        }
        let missing: Vec<String> = site
            .iter()
            .filter(|s| !device.iter().any(|d| Self::matches(field, s, d)))
            .cloned()
            .collect();
        if missing.is_empty() {
            (req, Verdict::Pass(source))
        } else {
            (
                req,
                Verdict::Fail(
                    format!(
                        "the device lacks {} (it supports {})",
                        join(&missing, "and"),
                        join(&device, "and")
                    ),
                    source,
                ),
            )
        }
    }

    fn capability(&self, capability: Capability, mds2: Option<&str>) -> Verdict {
        let d = self.device;
        let (field, stated): (&str, Option<bool>) = match capability {
            Capability::EnterpriseWifi => {
                if !d.uses_wifi() {
                    return if d.wired == Some(true) {
                        Verdict::NotApplicable
                    } else {
                        Verdict::Unknown("device profile: wifi_security".into())
                    };
                }
                if d.wifi_security.is_empty() {
                    ("wifi_security", None)
                } else {
                    (
                        "wifi_security",
                        Some(d.wifi_security.iter().any(|s| s.is_enterprise())),
                    )
                }
            }
            Capability::Vlan => ("vlan", d.vlan),
            Capability::Sso => ("sso", d.sso),
            Capability::Mfa => ("mfa", d.mfa),
            Capability::EncryptionAtRest => ("encryption_at_rest", d.encryption_at_rest),
            Capability::Sbom => ("sbom", d.sbom),
            Capability::VendorPatches => ("vendor_patches", d.vendor_patches),
            Capability::SupportedOs => (
                "os_end_of_support",
                d.os_end_of_support.map(|end| end > self.ctx.in_service),
            ),
        };
        let negative = match capability {
            Capability::EnterpriseWifi => format!(
                "the device supports {} only",
                join(&labels(&d.wifi_security, |s| s.label()), "and")
            ),
            Capability::SupportedOs => format!(
                "the device's operating system{} is out of support from {}",
                if d.os.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", d.os)
                },
                d.os_end_of_support
                    .map(|e| e.to_string())
                    .unwrap_or_default()
            ),
            other => format!("the device does not offer {}", capability_phrase(other)),
        };
        match stated {
            Some(true) => Verdict::Pass(format!("device profile: {field}")),
            Some(false) => Verdict::Fail(negative, format!("device profile: {field}")),
            None => match mds2.and_then(|q| self.answer(q).map(|a| (q, a))) {
                Some((q, (a @ (Answer::Yes | Answer::NotApplicable), note))) => {
                    Verdict::Pass(Self::answer_source(q, a, &note))
                }
                Some((q, (Answer::No, note))) => Verdict::Fail(
                    format!("the MDS2 form answers No to {q}"),
                    Self::answer_source(q, Answer::No, &note),
                ),
                None => Verdict::Unknown(match mds2 {
                    Some(q) => format!("device profile: {field}; MDS2 {q}"),
                    None => format!("device profile: {field}"),
                }),
            },
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

fn capability_phrase(c: Capability) -> &'static str {
    match c {
        Capability::EnterpriseWifi => "802.1X enterprise Wi-Fi (no pre-shared keys)",
        Capability::Vlan => "VLAN segmentation",
        Capability::Sso => "single sign-on",
        Capability::Mfa => "multi-factor authentication",
        Capability::EncryptionAtRest => "encryption of data at rest",
        Capability::Sbom => "a software bill of materials (SBOM)",
        Capability::VendorPatches => "vendor-validated security patches",
        Capability::SupportedOs => "a supported operating system",
    }
}

#[cfg(test)]
mod tests {
    use super::mds2::Mds2Answer;
    use super::profile::{EapMethod, WifiSecurity};
    use super::*;
    use crate::money::Money;

    fn candidate(id: CandidateId) -> Candidate {
        Candidate {
            id,
            request_id: RequestId(1),
            manufacturer: "Example".into(),
            model: format!("M{id}"),
            vendor: String::new(),
            fda_product_code: None,
            unit_price: Money::new(Decimal::from(1000), crate::money::Currency::usd()),
            quantity: 1,
            notes: String::new(),
        }
    }

    fn check(
        site: SiteProfile,
        device: DeviceProfile,
        form: Option<Mds2Form>,
    ) -> CandidateCompatibility {
        let c = candidate(CandidateId(1));
        let inputs = CompatInputs {
            site,
            devices: vec![(CandidateId(1), device)],
            forms: form.map(|f| vec![(CandidateId(1), f)]).unwrap_or_default(),
            rules: default_rules(),
            ..CompatInputs::default()
        };
        let ctx = CandidateContext {
            candidate: &c,
            in_service: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            expected_life_years: Some(8),
        };
        assess_compatibility(RequestId(1), &inputs, &[ctx])
            .candidates
            .remove(0)
    }

    fn finding<'a>(c: &'a CandidateCompatibility, rule: &str) -> &'a Finding {
        c.findings.iter().find(|f| f.rule == rule).unwrap()
    }

    #[test]
    fn a_psk_only_device_fails_an_eap_tls_site_in_plain_words() {
        let site = SiteProfile {
            eap_methods: vec![EapMethod::EapTls],
            psk_forbidden: true,
            ..SiteProfile::default()
        };
        let device = DeviceProfile {
            wifi_security: vec![WifiSecurity::Wpa2Psk],
            ..DeviceProfile::default()
        };
        let c = check(site, device, None);
        let eap = finding(&c, "network.eap_method");
        assert_eq!(eap.status, Status::Gap);
        assert_eq!(eap.severity, Some(Severity::Blocking));
        assert_eq!(
            eap.message,
            "the site requires 802.1X EAP-TLS; the device supports WPA2-PSK only"
        );
        assert_eq!(c.blocking, 2, "no 802.1X and a pre-shared key");
        assert_eq!(
            c.score(Area::Network),
            Some(0.0),
            "a blocking gap scores its area 0"
        );
    }

    #[test]
    fn good_practice_costs_points_without_being_a_gap_and_mds2_stands_in_for_the_profile() {
        let form = Mds2Form {
            answers: vec![
                Mds2Answer {
                    question_id: "PAUT-8".into(),
                    answer: Some(Answer::No),
                    note: String::new(),
                },
                Mds2Answer {
                    question_id: "STCF-1".into(),
                    answer: Some(Answer::Yes),
                    note: String::new(),
                },
            ],
            ..Mds2Form::default()
        };
        // The site does not require MFA: its absence is advisory, not a gap.
        let c = check(
            SiteProfile::default(),
            DeviceProfile::default(),
            Some(form.clone()),
        );
        assert_eq!(finding(&c, "security.mfa").status, Status::Advisory);
        assert_eq!(c.major + c.minor + c.blocking, 0);
        // Required, it becomes a gap sourced from the MDS2 answer.
        let site = SiteProfile {
            mfa_required: true,
            encryption_at_rest_required: true,
            ..SiteProfile::default()
        };
        let c = check(site, DeviceProfile::default(), Some(form));
        let mfa = finding(&c, "security.mfa");
        assert_eq!(
            (mfa.status, mfa.severity),
            (Status::Gap, Some(Severity::Major))
        );
        assert_eq!(mfa.source, "MDS2 PAUT-8: No");
        assert_eq!(
            finding(&c, "security.encryption_at_rest").status,
            Status::Pass
        );
    }

    #[test]
    fn unknowns_are_unconfirmed_never_blocking_and_earn_no_points() {
        let site = SiteProfile {
            eap_methods: vec![EapMethod::EapTls],
            ..SiteProfile::default()
        };
        let device = DeviceProfile {
            os: "Linux".into(),
            ..DeviceProfile::default()
        };
        let c = check(site, device, None);
        let eap = finding(&c, "network.eap_method");
        assert_eq!(eap.status, Status::Unconfirmed);
        assert_eq!(eap.severity, Some(Severity::Major));
        assert!(
            eap.message
                .ends_with("the device profile does not say: confirm with the vendor"),
            "{}",
            eap.message
        );
        assert_eq!(c.blocking, 0);
        assert_eq!(c.score(Area::Network), Some(0.0));
        // Without a form, the MDS2-only checks are one advisory line, not seven.
        let mds2: Vec<_> = c.findings.iter().filter(|f| f.rule == "mds2").collect();
        assert_eq!(mds2.len(), 1);
        assert!(
            mds2[0]
                .message
                .starts_with("no MDS2 form: 7 good-practice checks"),
            "{}",
            mds2[0].message
        );
    }

    #[test]
    fn no_profile_and_no_form_gives_no_scores() {
        let c = check(SiteProfile::default(), DeviceProfile::default(), None);
        assert!(c.scores.iter().all(|s| s.score.is_none()));
    }

    #[test]
    fn remediation_is_summed_over_confirmed_gaps_only() {
        let site = SiteProfile {
            ihe_profiles: vec![
                super::profile::IheProfile::Dec,
                super::profile::IheProfile::Pcim,
            ],
            middleware: "Capsule".into(),
            ..SiteProfile::default()
        };
        let device = DeviceProfile {
            ihe_profiles: vec![super::profile::IheProfile::Dec],
            ..DeviceProfile::default()
        };
        let c = check(site, device, None);
        // The missing PCIM is a priced gap (25,000); the unstated middleware is unconfirmed.
        assert_eq!(finding(&c, "ehr.ihe_profiles").status, Status::Gap);
        assert_eq!(finding(&c, "ehr.middleware").status, Status::Unconfirmed);
        assert_eq!(c.remediation_total, Decimal::from(25_000));
    }
}
