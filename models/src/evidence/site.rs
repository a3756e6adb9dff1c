//! A sample held against the site profile's interface requirements: the HL7 v2 versions
//! and character sets the interface engine accepts, the segments the site requires, the
//! FHIR release and resources it expects. The site requiring nothing gives no finding.

use super::shows::{Shown, Sighting};
use super::Finding;
use crate::compat::SiteProfile;

/// The site-profile findings for what a sample shows.
pub fn site_findings(shown: &Shown, site: &SiteProfile) -> Vec<Finding> {
    let mut out = Vec::new();
    let engine = if site.interface_engine.trim().is_empty() {
        "the interface engine".to_string()
    } else {
        site.interface_engine.trim().to_string()
    };
    accepted(
        &mut out,
        "site: HL7 v2 version",
        &shown.hl7v2_versions,
        &site.hl7v2_versions,
        |v| format!("MSH-12 {v} is a version {engine} accepts"),
        |v, list| {
            format!(
                "MSH-12 {v} is not a version {engine} accepts ({list}): it needs a version mapping"
            )
        },
    );
    if !shown.hl7v2_versions.is_empty() {
        accepted(
            &mut out,
            "site: character set",
            &shown.character_sets,
            &site.hl7v2_character_sets,
            |c| format!("character set {c} is one the site accepts"),
            |c, list| {
                format!("character set {c} is not one the site accepts ({list}): text outside it may be garbled")
            },
        );
        required_segments(&mut out, shown, site);
    }
    if let (Some(release), false) = (site.fhir_release, shown.fhir_releases.is_empty()) {
        let wanted = crate::ipc::Choice::label(release);
        for s in &shown.fhir_releases {
            if s.value == wanted {
                out.push(Finding::confirmed(
                    "site: FHIR release",
                    format!("the Device uses {wanted} element names, the release the site runs"),
                    s.place.clone(),
                ));
            } else {
                out.push(Finding::gap(
                    "site: FHIR release",
                    format!(
                        "the Device uses {} element names; the site runs FHIR {wanted}: a conversion is needed",
                        s.value
                    ),
                    s.place.clone(),
                ));
            }
        }
    }
    for s in &shown.fhir_resources {
        if contains(&site.fhir_resources, &s.value) {
            out.push(Finding::confirmed(
                "site: FHIR resources",
                format!(
                    "{} is a resource the site expects devices to exchange",
                    s.value
                ),
                s.place.clone(),
            ));
        }
    }
    out
}

fn contains(list: &[String], value: &str) -> bool {
    list.iter()
        .any(|v| v.trim().eq_ignore_ascii_case(value.trim()))
}

/// Each value seen against the site's list; an empty list requires nothing.
fn accepted(
    out: &mut Vec<Finding>,
    capability: &str,
    seen: &[Sighting],
    site: &[String],
    yes: impl Fn(&str) -> String,
    no: impl Fn(&str, &str) -> String,
) {
    if site.is_empty() {
        return;
    }
    let list = site.join(", ");
    for s in seen {
        if contains(site, &s.value) {
            out.push(Finding::confirmed(
                capability,
                yes(&s.value),
                s.place.clone(),
            ));
        } else {
            out.push(Finding::gap(
                capability,
                no(&s.value, &list),
                s.place.clone(),
            ));
        }
    }
}

/// Every segment the site requires, present in the sample or not.
fn required_segments(out: &mut Vec<Finding>, shown: &Shown, site: &SiteProfile) {
    for wanted in &site.hl7v2_required_segments {
        let wanted = wanted.trim().to_ascii_uppercase();
        match shown.segments.iter().find(|s| s.value == wanted) {
            Some(s) => out.push(Finding::confirmed(
                "site: required segment",
                format!("{wanted}, which the site requires, is sent"),
                s.place.clone(),
            )),
            None => out.push(Finding::gap(
                "site: required segment",
                format!("no {wanted} segment, which the site requires: the interface engine must supply it or the vendor add it"),
                "whole file",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compat::profile::FhirRelease;
    use crate::evidence::FindingKind;

    fn seen(value: &str, place: &str) -> Sighting {
        Sighting {
            value: value.into(),
            place: place.into(),
        }
    }

    #[test]
    fn versions_character_sets_and_segments_against_the_site() {
        let shown = Shown {
            hl7v2_versions: vec![seen("2.6", "line 1, MSH-12")],
            character_sets: vec![seen("ASCII", "line 1, MSH-18")],
            segments: vec![seen("MSH", "line 1, MSH"), seen("PID", "line 2, PID")],
            ..Shown::default()
        };
        let site = SiteProfile {
            interface_engine: "Rhapsody".into(),
            hl7v2_versions: vec!["2.5.1".into()],
            hl7v2_character_sets: vec!["UNICODE UTF-8".into()],
            hl7v2_required_segments: vec!["pid".into(), "PV1".into()],
            ..SiteProfile::default()
        };
        let f = site_findings(&shown, &site);
        let kinds: Vec<_> = f.iter().map(|f| (f.kind, f.capability.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (FindingKind::Gap, "site: HL7 v2 version"),
                (FindingKind::Gap, "site: character set"),
                (FindingKind::Confirmed, "site: required segment"),
                (FindingKind::Gap, "site: required segment"),
            ]
        );
        assert_eq!(
            f[0].detail,
            "MSH-12 2.6 is not a version Rhapsody accepts (2.5.1): it needs a version mapping"
        );
        assert_eq!(f[3].place, "whole file");
        assert!(site_findings(&shown, &SiteProfile::default()).is_empty());
    }

    #[test]
    fn the_fhir_release_and_resources_against_the_site() {
        let shown = Shown {
            fhir_releases: vec![seen("R5", "Device.name")],
            fhir_resources: vec![seen("Device", "Device")],
            ..Shown::default()
        };
        let site = SiteProfile {
            fhir_release: Some(FhirRelease::R4),
            fhir_resources: vec!["device".into()],
            ..SiteProfile::default()
        };
        let f = site_findings(&shown, &site);
        assert_eq!(f[0].kind, FindingKind::Gap);
        assert_eq!(
            f[0].detail,
            "the Device uses R5 element names; the site runs FHIR R4: a conversion is needed"
        );
        assert_eq!(f[1].kind, FindingKind::Confirmed);
    }
}
