//! The compatibility report: each candidate's findings in rule order, its area scores,
//! its gaps by severity and their remediation cost.

use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::evaluate::Evaluation;
use super::evidenced::{self, CheckedEvidence};
use super::score::{area_scores, AreaScore};
use super::{Area, CandidateContext, Check, CompatInputs, Finding, Severity, SiteProfile, Status};
use crate::ids::{CandidateId, RequestId};
use crate::money::decimal_text;

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
    /// The vendor's sample interface files kept on the candidate, checked against the
    /// candidate and the site profile.
    pub evidence: Vec<CheckedEvidence>,
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

    /// An area's score with every unconfirmed point failed and passed, where known.
    pub fn score_range(&self, area: Area) -> Option<(f64, f64)> {
        self.scores
            .iter()
            .find(|s| s.area == area)
            .and_then(|s| s.low.zip(s.high))
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
    let files = inputs
        .evidence
        .iter()
        .find(|(c, _)| *c == id)
        .map_or(&[][..], |(_, f)| f.as_slice());
    let samples = evidenced::check_files(files, &ctx.candidate.into(), &inputs.site);
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
    evidenced::annotate(&mut findings, &inputs.rules, &inputs.site, &samples, form);
    if form.is_none() {
        findings = without_mds2_checks(findings, inputs);
    }
    let assessed = has_profile || form.is_some() || !samples.is_empty();
    let scores = area_scores(&findings, &inputs.rules, assessed);
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
        evidence: samples,
        findings,
    }
}

/// Without a form, the MDS2-only good-practice rules say one thing, not one each: their
/// points are unconfirmed until the vendor supplies the form.
fn without_mds2_checks(findings: Vec<Finding>, inputs: &CompatInputs) -> Vec<Finding> {
    let (missing, mut rest): (Vec<Finding>, Vec<Finding>) = findings.into_iter().partition(|f| {
        f.status == Status::Unconfirmed
            && inputs
                .rules
                .iter()
                .any(|r| r.key == f.rule && matches!(r.check, Check::Mds2 { .. }))
    });
    if !missing.is_empty() {
        rest.push(Finding {
            rule: "mds2".into(),
            title: "MDS2 form".into(),
            area: Area::Security,
            status: Status::Unconfirmed,
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
            evidence: Vec::new(),
        });
    }
    rest
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    use crate::compat::mds2::{Answer, Mds2Answer};
    use crate::compat::profile::{EapMethod, WifiSecurity};
    use crate::compat::{default_rules, DeviceProfile, Finding, Mds2Form, SiteProfile};
    use crate::domain::Candidate;
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
            quote_date: None,
            valid_until: None,
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
                    place: String::new(),
                },
                Mds2Answer {
                    question_id: "STCF-1".into(),
                    answer: Some(Answer::Yes),
                    note: String::new(),
                    place: String::new(),
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
    fn unknowns_are_unconfirmed_never_blocking_and_never_zero() {
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
        // Unconfirmed, the 802.1X point is a range: failed it would block the area (0),
        // passed it earns everything (100); the score is the middle, never 0.
        assert_eq!(c.score_range(Area::Network), Some((0.0, 100.0)));
        assert_eq!(c.score(Area::Network), Some(50.0));
        // Without a form, the MDS2-only checks are one unconfirmed line, not seven.
        let mds2: Vec<_> = c.findings.iter().filter(|f| f.rule == "mds2").collect();
        assert_eq!(mds2.len(), 1);
        assert_eq!(mds2[0].status, Status::Unconfirmed);
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
                crate::compat::profile::IheProfile::Dec,
                crate::compat::profile::IheProfile::Pcim,
            ],
            middleware: "Capsule".into(),
            ..SiteProfile::default()
        };
        let device = DeviceProfile {
            ihe_profiles: vec![crate::compat::profile::IheProfile::Dec],
            ..DeviceProfile::default()
        };
        let c = check(site, device, None);
        // The missing PCIM is a priced gap (25,000); the unstated middleware is unconfirmed.
        assert_eq!(finding(&c, "ehr.ihe_profiles").status, Status::Gap);
        assert_eq!(finding(&c, "ehr.middleware").status, Status::Unconfirmed);
        assert_eq!(c.remediation_total, Decimal::from(25_000));
    }
}
