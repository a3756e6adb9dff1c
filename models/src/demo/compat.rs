//! The demo's compatibility data: Riverside General's IT baseline, the candidates'
//! profiles and their vendors' MDS2 forms (read through the same importer as a user's
//! file), so that every compatibility screen has something real to show.

use chrono::NaiveDate;

use crate::compat::mds2::questions;
use crate::compat::profile::{
    Addressing, Directory, EapMethod, FhirRelease, IheProfile, TlsVersion, WifiBand, WifiSecurity,
};
use crate::compat::{DeviceProfile, Mds2Form, SiteProfile};
use crate::error::Result;

/// Riverside General's IT baseline: 802.1X on a segmented clinical network, no PSK.
pub fn site_profile() -> SiteProfile {
    SiteProfile {
        ehr_product: "Epic".into(),
        ehr_version: "November 2025".into(),
        interface_engine: "Rhapsody".into(),
        middleware: "Capsule".into(),
        hl7v2_versions: vec!["2.5.1".into(), "2.6".into()],
        hl7v2_character_sets: vec!["UNICODE UTF-8".into(), "ASCII".into()],
        hl7v2_required_segments: vec!["PID".into(), "OBR".into()],
        fhir_release: Some(FhirRelease::R4),
        fhir_resources: vec!["Observation".into(), "Device".into()],
        ihe_profiles: vec![IheProfile::Dec, IheProfile::Pcim],
        wifi_bands: vec![WifiBand::Ghz5],
        wifi_security: vec![WifiSecurity::Wpa2Enterprise, WifiSecurity::Wpa3Enterprise],
        eap_methods: vec![EapMethod::EapTls, EapMethod::PeapMschapv2],
        psk_forbidden: true,
        vlan_segmentation: true,
        addressing: Some(Addressing::Dhcp),
        min_tls: Some(TlsVersion::V12),
        directory: Some(Directory::ActiveDirectory),
        sso_required: false,
        mfa_required: false,
        encryption_at_rest_required: true,
        patch_window_days: Some(60),
        supported_os_required: true,
        sbom_required: false,
    }
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The candidate's stated profile, by manufacturer (none for some, as in real life).
pub fn device_profile(manufacturer: &str) -> Option<DeviceProfile> {
    use EapMethod::*;
    use IheProfile::*;
    use WifiSecurity::*;
    let base = DeviceProfile {
        hl7v2_versions: vec!["2.6".into()],
        fhir_releases: vec![FhirRelease::R4],
        fhir_resources: vec!["Observation".into(), "Device".into()],
        ihe_profiles: vec![Dec, Pcim],
        middleware: vec!["Capsule".into()],
        wired: Some(true),
        wifi_bands: vec![WifiBand::Ghz24, WifiBand::Ghz5],
        wifi_security: vec![Wpa2Enterprise],
        eap_methods: vec![EapTls, PeapMschapv2],
        vlan: Some(true),
        addressing: vec![Addressing::Dhcp, Addressing::Static],
        max_tls: Some(TlsVersion::V12),
        directory: vec![Directory::ActiveDirectory],
        sso: Some(false),
        mfa: Some(false),
        encryption_at_rest: Some(true),
        sbom: Some(true),
        vendor_patches: Some(true),
        patch_validation_days: Some(30),
        os: "Embedded Linux (Yocto, kernel 6.1 LTS)".into(),
        os_end_of_support: date(2036, 12, 31),
        end_of_support: date(2036, 6, 30),
    };
    Some(match manufacturer {
        "Norvale Medical" => DeviceProfile {
            hl7v2_versions: vec!["2.5.1".into(), "2.6".into()],
            ihe_profiles: vec![Dec, Acm, Pcim],
            fhir_resources: vec!["Observation".into()],
            wifi_security: vec![Wpa2Enterprise, Wpa3Enterprise],
            max_tls: Some(TlsVersion::V13),
            sso: Some(true),
            mfa: Some(true),
            ..base
        },
        "Kestrel Health Systems" => DeviceProfile {
            ihe_profiles: vec![Dec, Acm, Pcim],
            wifi_bands: vec![WifiBand::Ghz5],
            eap_methods: vec![PeapMschapv2],
            end_of_support: date(2037, 12, 31),
            patch_validation_days: Some(45),
            ..base
        },
        "Aurelia Devices" => DeviceProfile {
            hl7v2_versions: vec!["2.5.1".into()],
            fhir_releases: vec![],
            fhir_resources: vec![],
            middleware: vec![],
            wifi_security: vec![Wpa2Psk, Wpa2Enterprise],
            eap_methods: vec![PeapMschapv2],
            encryption_at_rest: Some(false),
            sbom: Some(false),
            patch_validation_days: Some(90),
            os_end_of_support: date(2034, 6, 30),
            end_of_support: date(2033, 12, 31),
            ..base
        },
        // A partial profile: only what the vendor's sales sheet says.
        "Brightwater Instruments" => DeviceProfile {
            wired: Some(true),
            wifi_bands: vec![WifiBand::Ghz24],
            wifi_security: vec![Wpa2Psk],
            os: "Windows 10 Enterprise 2019 LTSC".into(),
            os_end_of_support: date(2029, 1, 9),
            ..DeviceProfile::default()
        },
        "Calder Infusion Systems" => DeviceProfile {
            ihe_profiles: vec![Dec, Pcim, Ipec, Piv],
            wired: Some(false),
            wifi_bands: vec![WifiBand::Ghz5, WifiBand::Ghz6],
            wifi_security: vec![Wpa2Enterprise, Wpa3Enterprise],
            eap_methods: vec![EapTls],
            ..base
        },
        "Meridian Fluidics" => DeviceProfile {
            ihe_profiles: vec![Dec, Ipec],
            wired: Some(false),
            wifi_bands: vec![WifiBand::Ghz24],
            eap_methods: vec![PeapMschapv2],
            ..base
        },
        _ => return None,
    })
}

/// Model, document id, and the answers that depart from "Yes".
type FormOverrides = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

/// The answers where a vendor's form departs from the common pattern ("Yes" to most).
fn form_overrides(manufacturer: &str) -> Option<FormOverrides> {
    Some(match manufacturer {
        "Norvale Medical" => (
            "VitaView 700",
            "NM-MDS2-700-2026-02",
            &[
                ("PAUT-8", "Yes, badge tap plus PIN"),
                ("PAUT-9", "Yes, Imprivata"),
                ("PAUT-2", "Yes, Active Directory"),
            ],
        ),
        "Kestrel Health Systems" => (
            "KM-9 Patient Monitor",
            "KHS-KM9-HN1-2019 rev C",
            &[
                ("PAUT-8", "No"),
                ("PAUT-9", "No"),
                ("CSUP-2.4", "No"),
                ("PAUT-2", "Yes, Active Directory"),
            ],
        ),
        "Aurelia Devices" => (
            "Sentinel X4",
            "AD-SX4-2025-11",
            &[
                ("STCF-1", "No"),
                ("STCF-1.1", "N/A"),
                ("STCF-1.2", "N/A"),
                ("SBOM-1", "No"),
                ("DOC-8", "No"),
                ("PAUT-8", "No"),
                ("TXCF-2", "Yes, TLS 1.2"),
            ],
        ),
        "Brightwater Instruments" => (
            "BW Vital Pro",
            "BWI-VP-MDS2-01",
            &[
                ("PAUT-2", "Yes, Active Directory (LDAPS)"),
                ("PAUT-8", "No"),
                ("SBOM-1", "No"),
                ("AUDT-2", "No"),
                ("SAHD-8", "No, see note 4"),
                ("CSUP-11", "Yes"),
            ],
        ),
        "Calder Infusion Systems" => (
            "Calder LVP-3",
            "CIS-LVP3-2026",
            &[("PAUT-8", "No"), ("PAUT-12", "Yes, badge")],
        ),
        "Oakhurst Medical" => (
            "Infinia Duo",
            "OM-ID-HN1",
            &[
                ("STCF-1", "Yes"),
                ("SBOM-1", "No"),
                ("RDMP-3", "No"),
                ("DOC-8", "No"),
            ],
        ),
        _ => return None,
    })
}

/// Answers that differ from "Yes" in nearly every form (software-only, break-glass, ...).
const COMMON: [(&str, &str); 10] = [
    ("DOC-11", "No"),
    ("DOC-11.1", "N/A"),
    ("DOC-11.2", "N/A"),
    ("DOC-11.3", "N/A"),
    ("DOC-11.4", "N/A"),
    ("PLOK-1", "No"),
    ("AUTH-3", "No"),
    ("SAHD-12", "No"),
    ("CONN-6", "No"),
    ("EMRG-1", "No"),
];

/// The vendor's MDS2 form as its CSV export, read back through the importer.
pub fn mds2_form(manufacturer: &str) -> Result<Option<Mds2Form>> {
    let Some((model, document, overrides)) = form_overrides(manufacturer) else {
        return Ok(None);
    };
    let mut csv = String::from("Question ID,Question,Answer\n");
    for q in questions() {
        let answer = match q.id.as_str() {
            "DOC-1" => manufacturer.to_string(),
            "DOC-2" => "Bedside device".to_string(),
            "DOC-3" => model.to_string(),
            "DOC-4" => document.to_string(),
            "DOC-5" => "productsecurity@example.com".to_string(),
            "DOC-6" => "Clinical network, VLAN-segmented".to_string(),
            "DOC-7" => "2026-02-01".to_string(),
            id => overrides
                .iter()
                .chain(COMMON.iter())
                .find(|(q, _)| *q == id)
                .map_or("Yes", |(_, a)| a)
                .to_string(),
        };
        let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        csv.push_str(&format!("{},{},{}\n", q.id, quote(&q.text), quote(&answer)));
    }
    let name = format!("{} {} MDS2.csv", manufacturer, model);
    Ok(Some(
        crate::import::mds2::parse_bytes(&name, csv.as_bytes())?.form,
    ))
}

/// The vendors' sample interface files, by manufacturer: Norvale's gateway sends a PCD-01
/// observation report (one observation under a local code), Aurelia sent its Device as
/// FHIR R5 where the site runs R4.
pub fn samples(manufacturer: &str) -> Vec<(&'static str, &'static str)> {
    match manufacturer {
        "Norvale Medical" => vec![(
            "norvale-vitaview-700-oru.hl7",
            include_str!("samples/norvale-vitaview-700-oru.hl7"),
        )],
        "Aurelia Devices" => vec![(
            "aurelia-device.json",
            include_str!("samples/aurelia-device.json"),
        )],
        _ => Vec::new(),
    }
}

/// A demo candidate's profile, its vendor's MDS2 form and sample files, where it has them.
pub fn set_candidate_compat(
    p: &mut crate::store::Portfolio,
    candidate: crate::ids::CandidateId,
    manufacturer: &str,
) -> Result<()> {
    if let Some(profile) = device_profile(manufacturer) {
        p.set_device_profile(candidate, &profile)?;
    }
    if let Some(form) = mds2_form(manufacturer)? {
        p.save_mds2_form(candidate, &form)?;
    }
    for (name, text) in samples(manufacturer) {
        p.add_evidence(candidate, name, text, false)?;
    }
    Ok(())
}
