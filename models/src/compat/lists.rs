//! The list checks: the site's accepted values against the device's (any one of them, or
//! all of them), with the MDS2 form standing in where the profile is silent.

use super::evaluate::{Evaluation, Verdict};
use super::mds2::Answer;
use super::ListField;
use crate::ipc::Choice;

pub(super) fn join(items: &[String], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., end] => format!("{} {last} {end}", init.join(", ")),
    }
}

pub(super) fn labels<T: Copy>(items: &[T], label: impl Fn(T) -> &'static str) -> Vec<String> {
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

    pub(super) fn any_of(&self, field: ListField, mds2: Option<&str>) -> (String, Verdict) {
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

    pub(super) fn all_of(&self, field: ListField) -> (String, Verdict) {
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
}
