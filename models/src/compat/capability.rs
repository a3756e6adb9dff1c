//! The yes/no capability checks (enterprise Wi-Fi, VLAN, SSO, MFA, encryption, SBOM,
//! patches, a supported OS): from the device profile, else from the MDS2 form.

use super::evaluate::{Evaluation, Verdict};
use super::lists::{join, labels};
use super::mds2::Answer;
use super::Capability;
use crate::ipc::Choice;

impl Evaluation<'_> {
    pub(super) fn capability(&self, capability: Capability, mds2: Option<&str>) -> Verdict {
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
}

pub(super) fn capability_phrase(c: Capability) -> &'static str {
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
