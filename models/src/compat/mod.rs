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

//!
//! The engine is split by job: `evaluate` turns one rule into a finding (with `lists` for
//! the list checks and `capability` for the yes/no capabilities), `score` sums findings
//! into area scores, and `report` assembles each candidate's findings, scores and gaps.
//! `profile` holds the two profiles' vocabulary, `rules` the rule table, `mds2` the
//! vendor's form, `evidenced` the evidence behind each finding (the form's answers and the
//! vendor's sample interface files).

mod capability;
mod evaluate;
pub mod evidenced;
mod lists;
pub mod mds2;
pub mod profile;
mod report;
pub mod rules;
mod score;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use crate::domain::Candidate;
use crate::ids::CandidateId;
use crate::money::decimal_text;
pub use evidenced::{CheckedEvidence, EvidenceFile, EvidenceNote};
pub use mds2::{Answer, Mds2Form};
pub use profile::{DeviceProfile, SiteProfile};
pub use report::{assess_compatibility, CandidateCompatibility, CompatibilityReport};
pub use rules::{
    default_rules, Area, Capability, Check, CompatRule, ListField, Severity, SiteFlag,
};
pub use score::AreaScore;

/// Everything the compatibility of one request's candidates depends on.
#[derive(Debug, Clone, Default)]
pub struct CompatInputs {
    pub site: SiteProfile,
    /// Whose profile `site` is: the facility's name, or empty for the portfolio's.
    pub site_scope: String,
    pub devices: Vec<(CandidateId, DeviceProfile)>,
    pub forms: Vec<(CandidateId, Mds2Form)>,
    /// The vendors' sample interface files kept on the candidates.
    pub evidence: Vec<(CandidateId, Vec<EvidenceFile>)>,
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
    /// The evidence behind the verdict: MDS2 answers with their places, what sample
    /// interface files show.
    pub evidence: Vec<EvidenceNote>,
}

/// What the engine needs of each candidate beyond its profile.
pub struct CandidateContext<'a> {
    pub candidate: &'a Candidate,
    /// The date the device enters service (the purchase date).
    pub in_service: NaiveDate,
    /// From the candidate's cost model.
    pub expected_life_years: Option<u32>,
}
