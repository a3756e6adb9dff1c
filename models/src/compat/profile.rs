//! The site's IT profile and each candidate's interoperability and security profile, in
//! one vocabulary so that the rule table can hold one against the other.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::ipc::Choice;

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }
        crate::ipc::choice!($name { $($variant => $text),+ });
    };
}

vocabulary!(
    /// IHE Devices (formerly PCD) profiles.
    IheProfile {
        Dec => "DEC",
        Acm => "ACM",
        Ipec => "IPEC",
        Piv => "PIV",
        Idco => "IDCO",
        Pcim => "PCIM",
        Memdmc => "MEMDMC",
        Memls => "MEMLS",
    }
);

impl IheProfile {
    /// The profile's full name.
    pub fn title(self) -> &'static str {
        match self {
            IheProfile::Dec => "Device Enterprise Communication",
            IheProfile::Acm => "Alert Communication Management",
            IheProfile::Ipec => "Infusion Pump Event Communication",
            IheProfile::Piv => "Point-of-care Infusion Verification",
            IheProfile::Idco => "Implantable Device Cardiac Observation",
            IheProfile::Pcim => "Point-of-Care Identity Management",
            IheProfile::Memdmc => "Medical Equipment Management Device Management Communication",
            IheProfile::Memls => "Medical Equipment Management Location Services",
        }
    }
}

vocabulary!(FhirRelease {
    Dstu2 => "DSTU2",
    Stu3 => "STU3",
    R4 => "R4",
    R4b => "R4B",
    R5 => "R5",
});

vocabulary!(WifiBand {
    Ghz24 => "2.4 GHz",
    Ghz5 => "5 GHz",
    Ghz6 => "6 GHz",
});

vocabulary!(
    /// Wi-Fi security modes; the personal ones use a pre-shared key.
    WifiSecurity {
        Wpa2Psk => "WPA2-PSK",
        Wpa3Sae => "WPA3-SAE",
        Wpa2Enterprise => "WPA2-Enterprise",
        Wpa3Enterprise => "WPA3-Enterprise",
    }
);

impl WifiSecurity {
    pub fn is_enterprise(self) -> bool {
        matches!(
            self,
            WifiSecurity::Wpa2Enterprise | WifiSecurity::Wpa3Enterprise
        )
    }
}

vocabulary!(
    /// 802.1X EAP methods.
    EapMethod {
        EapTls => "EAP-TLS",
        PeapMschapv2 => "PEAP-MSCHAPv2",
        EapTtls => "EAP-TTLS",
        EapFast => "EAP-FAST",
    }
);

vocabulary!(Addressing {
    Dhcp => "DHCP",
    Static => "static",
});

vocabulary!(TlsVersion {
    V10 => "1.0",
    V11 => "1.1",
    V12 => "1.2",
    V13 => "1.3",
});

vocabulary!(Directory {
    ActiveDirectory => "Active Directory",
    Ldap => "LDAP",
});

/// The hospital's IT baseline a device must fit. One per portfolio, and one per facility
/// where a facility differs. Empty lists and `false` flags require nothing.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct SiteProfile {
    pub ehr_product: String,
    pub ehr_version: String,
    pub interface_engine: String,
    /// Device-integration middleware the site runs (a device validated with it needs no
    /// custom interface).
    pub middleware: String,
    /// HL7 v2 versions the interface engine accepts (`2.5.1`, `2.6`, ...).
    pub hl7v2_versions: Vec<String>,
    /// Character sets (MSH-18, HL7 table 0211) the interface engine accepts, e.g.
    /// `UNICODE UTF-8`, `8859/1`; `ASCII` for messages that leave MSH-18 empty.
    pub hl7v2_character_sets: Vec<String>,
    /// Segments every message must carry (`PID`, `PV1`, ...), checked against sample
    /// messages.
    pub hl7v2_required_segments: Vec<String>,
    pub fhir_release: Option<FhirRelease>,
    /// FHIR resources the site expects devices to exchange (`Observation`, `Device`, ...).
    pub fhir_resources: Vec<String>,
    /// IHE Devices profiles a device must support.
    pub ihe_profiles: Vec<IheProfile>,
    /// Wi-Fi bands the wireless network offers.
    pub wifi_bands: Vec<WifiBand>,
    /// Wi-Fi security modes the network accepts.
    pub wifi_security: Vec<WifiSecurity>,
    /// 802.1X EAP methods the network accepts; one of them is required.
    pub eap_methods: Vec<EapMethod>,
    /// Pre-shared keys (WPA2-PSK, WPA3-SAE) are not allowed on the clinical network.
    pub psk_forbidden: bool,
    /// Medical devices go on their own VLAN: the device must support VLAN segmentation.
    pub vlan_segmentation: bool,
    /// How devices get their address, if the site insists on one.
    pub addressing: Option<Addressing>,
    pub min_tls: Option<TlsVersion>,
    /// Directory the device's user accounts must come from.
    pub directory: Option<Directory>,
    pub sso_required: bool,
    pub mfa_required: bool,
    pub encryption_at_rest_required: bool,
    /// Days within which the vendor must validate a security patch.
    pub patch_window_days: Option<u32>,
    /// The device's operating system must be supported by its maker.
    pub supported_os_required: bool,
    pub sbom_required: bool,
}

/// A candidate device's interoperability and security, in the site profile's vocabulary.
/// `null` and empty lists mean "not stated": the engine then falls back on the MDS2 form
/// where a rule names a question, and otherwise reports the point as unconfirmed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct DeviceProfile {
    pub hl7v2_versions: Vec<String>,
    pub fhir_releases: Vec<FhirRelease>,
    pub fhir_resources: Vec<String>,
    pub ihe_profiles: Vec<IheProfile>,
    /// Middleware and interface engines the device is validated with.
    pub middleware: Vec<String>,
    pub wired: Option<bool>,
    pub wifi_bands: Vec<WifiBand>,
    pub wifi_security: Vec<WifiSecurity>,
    pub eap_methods: Vec<EapMethod>,
    pub vlan: Option<bool>,
    pub addressing: Vec<Addressing>,
    /// Highest TLS version the device speaks.
    pub max_tls: Option<TlsVersion>,
    pub directory: Vec<Directory>,
    pub sso: Option<bool>,
    pub mfa: Option<bool>,
    pub encryption_at_rest: Option<bool>,
    pub sbom: Option<bool>,
    /// The vendor validates and supplies security patches.
    pub vendor_patches: Option<bool>,
    /// Days the vendor takes to validate a security patch.
    pub patch_validation_days: Option<u32>,
    pub os: String,
    /// When the device's operating system stops being supported by its maker.
    #[ts(type = "string | null")]
    pub os_end_of_support: Option<NaiveDate>,
    /// When the manufacturer stops supporting the device (parts, patches).
    #[ts(type = "string | null")]
    pub end_of_support: Option<NaiveDate>,
}

fn check_text(field: &str, s: &str, max: usize) -> Result<()> {
    if s.chars().count() > max {
        return Err(Error::validation(
            field,
            format!("is {} characters long; at most {max}", s.chars().count()),
        ));
    }
    Ok(())
}

fn check_list(field: &str, items: &[String]) -> Result<()> {
    for (i, item) in items.iter().enumerate() {
        if item.trim().is_empty() {
            return Err(Error::validation(format!("{field}[{i}]"), "is empty"));
        }
        check_text(&format!("{field}[{i}]"), item, 80)?;
        if items[..i]
            .iter()
            .any(|o| o.trim().eq_ignore_ascii_case(item.trim()))
        {
            return Err(Error::validation(
                format!("{field}[{i}]"),
                format!("'{}' is listed twice", item.trim()),
            ));
        }
    }
    Ok(())
}

fn check_unique<T: PartialEq + Copy>(
    field: &str,
    items: &[T],
    label: impl Fn(T) -> &'static str,
) -> Result<()> {
    for (i, item) in items.iter().enumerate() {
        if items[..i].contains(item) {
            return Err(Error::validation(
                format!("{field}[{i}]"),
                format!("'{}' is listed twice", label(*item)),
            ));
        }
    }
    Ok(())
}

fn check_hl7(field: &str, versions: &[String]) -> Result<()> {
    check_list(field, versions)?;
    for (i, v) in versions.iter().enumerate() {
        let ok = v
            .trim()
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
            && v.trim().starts_with("2.");
        if !ok {
            return Err(Error::validation(
                format!("{field}[{i}]"),
                format!("'{v}' is not an HL7 v2 version (e.g. 2.5.1, 2.6)"),
            ));
        }
    }
    Ok(())
}

/// HL7 v2 segment ids: three characters, a capital letter then capitals or digits (`PV1`).
fn check_segments(field: &str, segments: &[String]) -> Result<()> {
    check_list(field, segments)?;
    for (i, s) in segments.iter().enumerate() {
        let s = s.trim();
        let ok = s.len() == 3
            && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && s.chars().all(|c| c.is_ascii_alphanumeric());
        if !ok {
            return Err(Error::validation(
                format!("{field}[{i}]"),
                format!(
                    "'{s}' is not an HL7 v2 segment id (three letters or digits, e.g. PID, PV1)"
                ),
            ));
        }
    }
    Ok(())
}

fn check_days(field: &str, days: Option<u32>) -> Result<()> {
    match days {
        Some(d) if d > 3650 => Err(Error::validation(
            field,
            format!("{d} days is implausible; at most 3650"),
        )),
        _ => Ok(()),
    }
}

impl SiteProfile {
    pub fn validate(&self) -> Result<()> {
        for (field, value) in [
            ("ehr_product", &self.ehr_product),
            ("ehr_version", &self.ehr_version),
            ("interface_engine", &self.interface_engine),
            ("middleware", &self.middleware),
        ] {
            check_text(field, value, 120)?;
        }
        check_hl7("hl7v2_versions", &self.hl7v2_versions)?;
        check_list("hl7v2_character_sets", &self.hl7v2_character_sets)?;
        check_segments("hl7v2_required_segments", &self.hl7v2_required_segments)?;
        check_list("fhir_resources", &self.fhir_resources)?;
        check_unique("ihe_profiles", &self.ihe_profiles, IheProfile::label)?;
        check_unique("wifi_bands", &self.wifi_bands, WifiBand::label)?;
        check_unique("wifi_security", &self.wifi_security, WifiSecurity::label)?;
        check_unique("eap_methods", &self.eap_methods, EapMethod::label)?;
        check_days("patch_window_days", self.patch_window_days)?;
        if self.psk_forbidden
            && !self.wifi_security.is_empty()
            && self.wifi_security.iter().all(|s| !s.is_enterprise())
        {
            return Err(Error::validation(
                "wifi_security",
                "pre-shared keys are forbidden but every accepted Wi-Fi mode uses one; accept WPA2- or WPA3-Enterprise",
            ));
        }
        Ok(())
    }
}

impl DeviceProfile {
    pub fn validate(&self) -> Result<()> {
        check_hl7("hl7v2_versions", &self.hl7v2_versions)?;
        check_list("fhir_resources", &self.fhir_resources)?;
        check_list("middleware", &self.middleware)?;
        check_unique("fhir_releases", &self.fhir_releases, FhirRelease::label)?;
        check_unique("ihe_profiles", &self.ihe_profiles, IheProfile::label)?;
        check_unique("wifi_bands", &self.wifi_bands, WifiBand::label)?;
        check_unique("wifi_security", &self.wifi_security, WifiSecurity::label)?;
        check_unique("eap_methods", &self.eap_methods, EapMethod::label)?;
        check_unique("addressing", &self.addressing, Addressing::label)?;
        check_unique("directory", &self.directory, Directory::label)?;
        check_days("patch_validation_days", self.patch_validation_days)?;
        check_text("os", &self.os, 120)?;
        if !self.eap_methods.is_empty()
            && !self.wifi_security.is_empty()
            && self.wifi_security.iter().all(|s| !s.is_enterprise())
            && self.wired == Some(false)
        {
            return Err(Error::validation(
                "eap_methods",
                "802.1X EAP methods are listed but the device has no wired port and only pre-shared-key Wi-Fi",
            ));
        }
        Ok(())
    }

    /// Nothing stated at all.
    pub fn is_empty(&self) -> bool {
        self == &DeviceProfile::default()
    }

    /// The device uses Wi-Fi (it states bands or security modes).
    pub fn uses_wifi(&self) -> bool {
        !self.wifi_bands.is_empty() || !self.wifi_security.is_empty()
    }
}
