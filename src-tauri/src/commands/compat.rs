//! Compatibility: site and device profiles, MDS2 import, rule table, the report.

use caliper_models::ids::{CandidateId, EvidenceId, FacilityId, RequestId};
use std::path::PathBuf;

use caliper_models::compat::mds2::{Mds2Comparison, Mds2Form, Mds2Parse};
use caliper_models::compat::{CompatRule, CompatibilityReport, DeviceProfile, SiteProfile};
use caliper_models::store::{
    CandidateEvidence, EvidenceCheck, Mds2Preview, Portfolio, ScopedSiteProfile,
};

use crate::error::{cmd, CmdResult};
use crate::state::AppState;

pub fn site_profiles(state: &AppState) -> CmdResult<Vec<ScopedSiteProfile>> {
    cmd(state.portfolio()?.site_profiles())
}

pub fn get_site_profile(
    state: &AppState,
    facility_id: Option<FacilityId>,
) -> CmdResult<ScopedSiteProfile> {
    cmd(state.portfolio()?.site_profile(facility_id))
}

pub fn set_site_profile(
    portfolio: &mut Portfolio,
    facility_id: Option<FacilityId>,
    profile: SiteProfile,
) -> CmdResult<ScopedSiteProfile> {
    cmd(portfolio.set_site_profile(facility_id, &profile))
}

pub fn delete_site_profile(
    portfolio: &mut Portfolio,
    facility_id: FacilityId,
) -> CmdResult<ScopedSiteProfile> {
    cmd(portfolio.delete_site_profile(Some(facility_id)))
}

pub fn get_device_profile(
    state: &AppState,
    candidate_id: CandidateId,
) -> CmdResult<Option<DeviceProfile>> {
    cmd(state.portfolio()?.device_profile(candidate_id))
}

pub fn set_device_profile(
    portfolio: &mut Portfolio,
    candidate_id: CandidateId,
    profile: DeviceProfile,
) -> CmdResult<()> {
    cmd(portfolio.set_device_profile(candidate_id, &profile))
}

pub fn get_mds2_form(state: &AppState, candidate_id: CandidateId) -> CmdResult<Option<Mds2Form>> {
    cmd(state.portfolio()?.mds2_form(candidate_id))
}

pub fn preview_mds2_import(
    state: &AppState,
    candidate_id: CandidateId,
    path: PathBuf,
) -> CmdResult<Mds2Preview> {
    cmd(state.portfolio()?.preview_mds2_import(candidate_id, &path))
}

pub fn import_mds2(
    portfolio: &mut Portfolio,
    candidate_id: CandidateId,
    parse: Mds2Parse,
    confirmed: bool,
) -> CmdResult<Mds2Preview> {
    cmd(portfolio.import_mds2(candidate_id, parse, confirmed))
}

pub fn candidate_evidence(
    state: &AppState,
    candidate_id: CandidateId,
) -> CmdResult<Vec<CandidateEvidence>> {
    cmd(state.portfolio()?.candidate_evidence(candidate_id))
}

pub fn preview_evidence(
    state: &AppState,
    candidate_id: CandidateId,
    path: PathBuf,
) -> CmdResult<EvidenceCheck> {
    cmd(state.portfolio()?.preview_evidence(candidate_id, &path))
}

pub fn add_candidate_evidence(
    portfolio: &mut Portfolio,
    candidate_id: CandidateId,
    file_name: String,
    text: String,
    confirmed: bool,
) -> CmdResult<CandidateEvidence> {
    cmd(portfolio.add_evidence(candidate_id, &file_name, &text, confirmed))
}

pub fn remove_candidate_evidence(
    portfolio: &mut Portfolio,
    evidence_id: EvidenceId,
) -> CmdResult<()> {
    cmd(portfolio.remove_evidence(evidence_id))
}

pub fn delete_mds2_form(portfolio: &mut Portfolio, candidate_id: CandidateId) -> CmdResult<()> {
    cmd(portfolio.delete_mds2_form(candidate_id))
}

pub fn compare_mds2(state: &AppState, request_id: RequestId) -> CmdResult<Mds2Comparison> {
    cmd(state.portfolio()?.mds2_comparison(request_id))
}

pub fn request_compatibility(
    state: &AppState,
    request_id: RequestId,
) -> CmdResult<CompatibilityReport> {
    cmd(state.portfolio()?.compatibility(request_id))
}

pub fn get_compat_rules(state: &AppState) -> CmdResult<Vec<CompatRule>> {
    cmd(state.portfolio()?.compat_rules())
}

pub fn set_compat_rules(
    portfolio: &mut Portfolio,
    rules: Vec<CompatRule>,
) -> CmdResult<Vec<CompatRule>> {
    cmd(portfolio.set_compat_rules(&rules))
}

pub fn reset_compat_rules(portfolio: &mut Portfolio) -> CmdResult<Vec<CompatRule>> {
    cmd(portfolio.reset_compat_rules())
}

pub fn get_disqualify_blocking(state: &AppState, request_id: RequestId) -> CmdResult<bool> {
    cmd(state.portfolio()?.disqualify_blocking(request_id))
}

pub fn set_disqualify_blocking(
    portfolio: &mut Portfolio,
    request_id: RequestId,
    on: bool,
) -> CmdResult<()> {
    cmd(portfolio.set_disqualify_blocking(request_id, on))
}
