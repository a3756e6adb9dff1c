//! The compatibility rule table: data, not code. Each rule names one check of a small,
//! closed set (a list the device must meet, a flag the site sets, an MDS2 answer), how
//! severe a failure is, how many points it carries in its area's score and what fixing
//! it costs. The default table is below; a portfolio keeps its own edited copy.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::mds2::{self, Answer};
use crate::error::{Error, Result};
use crate::money::decimal_text;

/// The three measured compatibility criteria.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    Ehr,
    Network,
    Security,
}

crate::ipc::choice!(Area {
    Ehr => "EHR integration",
    Network => "Network",
    Security => "Cybersecurity",
});

/// How bad a gap is. Blocking gaps can disqualify a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Blocking,
    Major,
    Minor,
}

crate::ipc::choice!(Severity {
    Blocking => "Blocking",
    Major => "Major",
    Minor => "Minor",
});

impl Severity {
    /// The severity inside a sentence or a table cell ("blocking").
    pub fn in_text(self) -> &'static str {
        match self {
            Severity::Blocking => "blocking",
            Severity::Major => "major",
            Severity::Minor => "minor",
        }
    }
}

/// A list that both profiles carry: the site's requirement, the device's capability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ListField {
    Hl7v2Versions,
    FhirRelease,
    FhirResources,
    IheProfiles,
    Middleware,
    WifiBands,
    WifiSecurity,
    EapMethods,
    Addressing,
    Directory,
}

/// A yes/no requirement of the site profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SiteFlag {
    PskForbidden,
    VlanSegmentation,
    SsoRequired,
    MfaRequired,
    EncryptionAtRestRequired,
    SbomRequired,
    SupportedOsRequired,
}

/// A yes/no capability of the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Capability {
    /// WPA2/WPA3-Enterprise (802.1X) rather than a pre-shared key.
    EnterpriseWifi,
    Vlan,
    Sso,
    Mfa,
    EncryptionAtRest,
    Sbom,
    VendorPatches,
    /// The operating system is supported by its maker on the assessment date.
    SupportedOs,
}

/// What a rule checks. The engine evaluates each kind in one place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "check", rename_all = "snake_case")]
pub enum Check {
    /// The device supports at least one of the values the site accepts.
    AnyOf {
        field: ListField,
        /// MDS2 question whose Yes/No stands in when the profile lists nothing.
        #[serde(default)]
        mds2: Option<String>,
    },
    /// The device supports every value the site requires.
    AllOf { field: ListField },
    /// The device has the capability. A failure is a gap where the site sets
    /// `requirement`; elsewhere it only costs points if `always_scored`.
    Required {
        requirement: SiteFlag,
        capability: Capability,
        #[serde(default)]
        mds2: Option<String>,
        #[serde(default)]
        always_scored: bool,
    },
    /// The device's highest TLS version is at least the site's minimum.
    MinTls,
    /// The vendor validates security patches within the site's patch window.
    PatchWindow,
    /// The device and its operating system stay supported through the expected life.
    SupportThroughLife,
    /// Good practice read from the MDS2 form: the answer to `question` is `expect`.
    /// Never a gap, only points.
    Mds2 { question: String, expect: Answer },
}

/// One row of the rule table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CompatRule {
    /// Stable key, e.g. `network.eap_method`.
    pub key: String,
    pub area: Area,
    pub title: String,
    #[serde(flatten)]
    pub check: Check,
    /// Severity of a gap found by this rule.
    pub severity: Severity,
    /// Weight in the area's score.
    pub points: u32,
    /// One-time cost of closing the gap (an interface licence, a network upgrade), added
    /// to the candidate's IT integration cost, in the request's currency.
    #[serde(default, with = "decimal_text::option")]
    #[ts(type = "string | null")]
    pub remediation_cost: Option<Decimal>,
    /// What the remediation is.
    #[serde(default)]
    pub remediation: String,
    #[serde(default = "yes")]
    pub enabled: bool,
}

fn yes() -> bool {
    true
}

impl Check {
    /// The MDS2 question the check reads, where it reads one.
    pub fn mds2_question(&self) -> Option<&str> {
        match self {
            Check::AnyOf { mds2: Some(q), .. }
            | Check::Required { mds2: Some(q), .. }
            | Check::Mds2 { question: q, .. } => Some(q),
            _ => None,
        }
    }
}

impl CompatRule {
    pub fn validate(&self) -> Result<()> {
        let key = &self.key;
        if key.trim().is_empty() || key.len() > 60 {
            return Err(Error::validation(
                "key",
                "a rule needs a key of 1 to 60 characters",
            ));
        }
        if self.title.trim().is_empty() || self.title.chars().count() > 120 {
            return Err(Error::validation(
                format!("rule '{key}'.title"),
                "a rule needs a title of 1 to 120 characters",
            ));
        }
        if self.points > 100 {
            return Err(Error::validation(
                format!("rule '{key}'.points"),
                format!("{} points is implausible; at most 100", self.points),
            ));
        }
        if let Some(cost) = self.remediation_cost {
            crate::money::check_amount(&format!("rule '{key}'.remediation_cost"), cost)?;
        }
        if let Some(q) = self.check.mds2_question() {
            if mds2::question(q).is_none() {
                return Err(Error::validation(
                    format!("rule '{key}'.mds2"),
                    format!("{q} is not a question of MDS2 HN 1-2019"),
                ));
            }
        }
        Ok(())
    }
}

/// Checks a whole table: at least one rule, every rule valid, keys unique. An empty
/// table is refused: it would check nothing (going back to the default table is its own
/// action, not an empty list).
/// The most rules a table holds (the default table has 27).
pub const MAX_RULES: usize = 500;

pub fn validate_rules(rules: &[CompatRule]) -> Result<()> {
    if rules.is_empty() {
        return Err(Error::validation(
            "rules",
            "the rule table is empty: give at least one rule (to go back to the default table, reset it)",
        ));
    }
    if rules.len() > MAX_RULES {
        return Err(Error::validation(
            "rules",
            format!(
                "{} rules is more than a rule table holds (at most {MAX_RULES})",
                rules.len()
            ),
        ));
    }
    for (i, rule) in rules.iter().enumerate() {
        rule.validate()
            .map_err(|e| e.within(&format!("rules[{i}]")))?;
        if rules[..i].iter().any(|r| r.key == rule.key) {
            return Err(Error::validation(
                format!("rules[{i}].key"),
                format!("'{}' is used by two rules", rule.key),
            ));
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn rule(
    key: &str,
    area: Area,
    title: &str,
    check: Check,
    severity: Severity,
    points: u32,
    remediation_cost: Option<i64>,
    remediation: &str,
) -> CompatRule {
    CompatRule {
        key: key.into(),
        area,
        title: title.into(),
        check,
        severity,
        points,
        remediation_cost: remediation_cost.map(Decimal::from),
        remediation: remediation.into(),
        enabled: true,
    }
}

fn required(
    requirement: SiteFlag,
    capability: Capability,
    mds2: Option<&str>,
    always_scored: bool,
) -> Check {
    Check::Required {
        requirement,
        capability,
        mds2: mds2.map(Into::into),
        always_scored,
    }
}

fn mds2(question: &str) -> Check {
    Check::Mds2 {
        question: question.into(),
        expect: Answer::Yes,
    }
}

/// The default rule table (documented in docs/compatibility.md).
pub fn default_rules() -> Vec<CompatRule> {
    use Area::{Ehr, Network, Security};
    use Severity::{Blocking, Major, Minor};
    vec![
        rule(
            "ehr.hl7v2",
            Ehr,
            "HL7 v2 version",
            Check::AnyOf {
                field: ListField::Hl7v2Versions,
                mds2: None,
            },
            Major,
            3,
            Some(15_000),
            "interface-engine mapping for another HL7 v2 version",
        ),
        rule(
            "ehr.ihe_profiles",
            Ehr,
            "IHE Devices profiles",
            Check::AllOf {
                field: ListField::IheProfiles,
            },
            Major,
            3,
            Some(25_000),
            "middleware interface licence for the missing profiles",
        ),
        rule(
            "ehr.middleware",
            Ehr,
            "Validated with the site's middleware",
            Check::AnyOf {
                field: ListField::Middleware,
                mds2: None,
            },
            Major,
            2,
            Some(20_000),
            "middleware driver and validation",
        ),
        rule(
            "ehr.fhir_release",
            Ehr,
            "FHIR release",
            Check::AnyOf {
                field: ListField::FhirRelease,
                mds2: None,
            },
            Minor,
            1,
            None,
            "",
        ),
        rule(
            "ehr.fhir_resources",
            Ehr,
            "FHIR resources",
            Check::AllOf {
                field: ListField::FhirResources,
            },
            Minor,
            1,
            None,
            "",
        ),
        rule(
            "network.eap_method",
            Network,
            "802.1X EAP method",
            Check::AnyOf {
                field: ListField::EapMethods,
                mds2: None,
            },
            Blocking,
            3,
            None,
            "",
        ),
        rule(
            "network.no_psk",
            Network,
            "No pre-shared keys",
            required(
                SiteFlag::PskForbidden,
                Capability::EnterpriseWifi,
                None,
                false,
            ),
            Blocking,
            3,
            None,
            "",
        ),
        rule(
            "network.wifi_security",
            Network,
            "Wi-Fi security mode",
            Check::AnyOf {
                field: ListField::WifiSecurity,
                mds2: None,
            },
            Major,
            2,
            None,
            "",
        ),
        rule(
            "network.wifi_band",
            Network,
            "Wi-Fi band",
            Check::AnyOf {
                field: ListField::WifiBands,
                mds2: None,
            },
            Major,
            2,
            Some(30_000),
            "access points for the device's band in the unit",
        ),
        rule(
            "network.vlan",
            Network,
            "VLAN segmentation",
            required(SiteFlag::VlanSegmentation, Capability::Vlan, None, false),
            Major,
            2,
            Some(8_000),
            "firewall and network access control rules",
        ),
        rule(
            "network.addressing",
            Network,
            "Addressing",
            Check::AnyOf {
                field: ListField::Addressing,
                mds2: None,
            },
            Minor,
            1,
            None,
            "",
        ),
        rule(
            "network.tls",
            Network,
            "TLS version",
            Check::MinTls,
            Major,
            2,
            None,
            "",
        ),
        rule(
            "security.directory",
            Security,
            "Directory accounts",
            Check::AnyOf {
                field: ListField::Directory,
                mds2: Some("PAUT-2".into()),
            },
            Major,
            2,
            None,
            "",
        ),
        rule(
            "security.mfa",
            Security,
            "Multi-factor authentication",
            required(SiteFlag::MfaRequired, Capability::Mfa, Some("PAUT-8"), true),
            Major,
            2,
            None,
            "",
        ),
        rule(
            "security.sso",
            Security,
            "Single sign-on",
            required(
                SiteFlag::SsoRequired,
                Capability::Sso,
                Some("PAUT-9"),
                false,
            ),
            Minor,
            1,
            None,
            "",
        ),
        rule(
            "security.encryption_at_rest",
            Security,
            "Encryption at rest",
            required(
                SiteFlag::EncryptionAtRestRequired,
                Capability::EncryptionAtRest,
                Some("STCF-1"),
                true,
            ),
            Blocking,
            3,
            None,
            "",
        ),
        rule(
            "security.sbom",
            Security,
            "Software bill of materials",
            required(
                SiteFlag::SbomRequired,
                Capability::Sbom,
                Some("SBOM-1"),
                true,
            ),
            Major,
            2,
            None,
            "",
        ),
        rule(
            "security.supported_os",
            Security,
            "Supported operating system",
            required(
                SiteFlag::SupportedOsRequired,
                Capability::SupportedOs,
                None,
                true,
            ),
            Blocking,
            3,
            None,
            "",
        ),
        rule(
            "security.patch_window",
            Security,
            "Vendor patches within the patch window",
            Check::PatchWindow,
            Major,
            2,
            None,
            "",
        ),
        rule(
            "security.support_through_life",
            Security,
            "Supported through the expected life",
            Check::SupportThroughLife,
            Major,
            2,
            None,
            "",
        ),
        rule(
            "security.vulnerability_process",
            Security,
            "Manufacturer assesses vulnerabilities and updates",
            mds2("CSUP-11"),
            Minor,
            2,
            None,
            "",
        ),
        rule(
            "security.disclosure",
            Security,
            "Coordinated vulnerability disclosure",
            mds2("DOC-8"),
            Minor,
            1,
            None,
            "",
        ),
        rule(
            "security.encryption_in_transit",
            Security,
            "Encryption in transit",
            mds2("TXCF-2"),
            Minor,
            2,
            None,
            "",
        ),
        rule(
            "security.audit_log",
            Security,
            "Audit log",
            mds2("AUDT-2"),
            Minor,
            1,
            None,
            "",
        ),
        rule(
            "security.unique_ids",
            Security,
            "Unique user IDs and passwords",
            mds2("PAUT-1"),
            Minor,
            1,
            None,
            "",
        ),
        rule(
            "security.ports_disabled",
            Security,
            "Unused ports and protocols disabled",
            mds2("SAHD-8"),
            Minor,
            1,
            None,
            "",
        ),
        rule(
            "security.support_dates",
            Security,
            "Support dates published",
            mds2("RDMP-3"),
            Minor,
            1,
            None,
            "",
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_table_beyond_its_limit_is_refused() {
        let rules = vec![default_rules()[0].clone(); MAX_RULES + 1];
        let err = validate_rules(&rules).unwrap_err();
        assert_eq!(err.field(), Some("rules"));
    }

    #[test]
    fn default_rules_are_valid_and_round_trip_as_json() {
        let rules = default_rules();
        validate_rules(&rules).unwrap();
        let json = serde_json::to_string(&rules).unwrap();
        let back: Vec<CompatRule> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, rules);
        assert!(
            json.contains(r#""check":"any_of","field":"eap_methods""#),
            "{json}"
        );
    }

    #[test]
    fn bad_rules_are_refused_naming_the_rule() {
        let mut rules = default_rules();
        rules[3].key = rules[0].key.clone();
        let err = validate_rules(&rules).unwrap_err();
        assert_eq!(err.field(), Some("rules[3].key"));
        let mut rules = default_rules();
        rules[20].check = Check::Mds2 {
            question: "XYZ-1".into(),
            expect: Answer::Yes,
        };
        let err = validate_rules(&rules).unwrap_err();
        assert!(err.to_string().contains("XYZ-1 is not a question"), "{err}");
        let mut rules = default_rules();
        rules[0].remediation_cost = Some(Decimal::from(-5));
        assert!(validate_rules(&rules).is_err());
        let err = validate_rules(&[]).unwrap_err();
        assert_eq!(err.field(), Some("rules"));
    }
}
