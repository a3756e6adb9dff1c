//! Compatibility: site and device profiles, MDS2 import, rule table, the report.

use std::path::PathBuf;

use caliper_models::compat::mds2::{Mds2Comparison, Mds2Form};
use caliper_models::compat::{CompatRule, CompatibilityReport, DeviceProfile, SiteProfile};
use caliper_models::error::from_value;
use caliper_models::ids::{CandidateId, FacilityId, RequestId};
use caliper_models::store::{Mds2Preview, ScopedSiteProfile};
use tauri::State;

use crate::error::{cmd, CmdResult};
use crate::state::AppState;

/// Profiles and rules arrive as JSON values so that a bad field is reported by name.
fn parse<T: serde::de::DeserializeOwned>(what: &str, value: serde_json::Value) -> CmdResult<T> {
    cmd(from_value(what, value))
}

#[tauri::command]
pub async fn site_profiles(state: State<'_, AppState>) -> CmdResult<Vec<ScopedSiteProfile>> {
    cmd(state.portfolio()?.site_profiles())
}

#[tauri::command]
pub async fn get_site_profile(
    state: State<'_, AppState>,
    facility_id: Option<FacilityId>,
) -> CmdResult<ScopedSiteProfile> {
    cmd(state.portfolio()?.site_profile(facility_id))
}

#[tauri::command]
pub async fn set_site_profile(
    state: State<'_, AppState>,
    facility_id: Option<FacilityId>,
    profile: serde_json::Value,
) -> CmdResult<ScopedSiteProfile> {
    let profile: SiteProfile = parse("profile", profile)?;
    let mut p = state.portfolio()?;
    cmd(p.set_site_profile(facility_id, &profile))?;
    cmd(p.site_profile(facility_id))
}

/// Removes a facility's own profile: its requests follow the portfolio's again.
#[tauri::command]
pub async fn delete_site_profile(
    state: State<'_, AppState>,
    facility_id: FacilityId,
) -> CmdResult<ScopedSiteProfile> {
    let mut p = state.portfolio()?;
    cmd(p.delete_site_profile(Some(facility_id)))?;
    cmd(p.site_profile(Some(facility_id)))
}

#[tauri::command]
pub async fn get_device_profile(
    state: State<'_, AppState>,
    candidate_id: CandidateId,
) -> CmdResult<Option<DeviceProfile>> {
    cmd(state.portfolio()?.device_profile(candidate_id))
}

#[tauri::command]
pub async fn set_device_profile(
    state: State<'_, AppState>,
    candidate_id: CandidateId,
    profile: serde_json::Value,
) -> CmdResult<()> {
    let profile: DeviceProfile = parse("profile", profile)?;
    cmd(state
        .portfolio()?
        .set_device_profile(candidate_id, &profile))
}

#[tauri::command]
pub async fn get_mds2_form(
    state: State<'_, AppState>,
    candidate_id: CandidateId,
) -> CmdResult<Option<Mds2Form>> {
    cmd(state.portfolio()?.mds2_form(candidate_id))
}

/// Reads the file and says what importing it would do; saves nothing.
#[tauri::command]
pub async fn preview_mds2_import(
    state: State<'_, AppState>,
    candidate_id: CandidateId,
    path: PathBuf,
) -> CmdResult<Mds2Preview> {
    cmd(state.portfolio()?.preview_mds2_import(candidate_id, &path))
}

/// Imports the file; one that needs a look is saved only when `confirmed`.
#[tauri::command]
pub async fn import_mds2(
    state: State<'_, AppState>,
    candidate_id: CandidateId,
    path: PathBuf,
    confirmed: bool,
) -> CmdResult<Mds2Preview> {
    cmd(state
        .portfolio()?
        .import_mds2(candidate_id, &path, confirmed))
}

#[tauri::command]
pub async fn delete_mds2_form(
    state: State<'_, AppState>,
    candidate_id: CandidateId,
) -> CmdResult<()> {
    cmd(state.portfolio()?.delete_mds2_form(candidate_id))
}

#[tauri::command]
pub async fn compare_mds2(
    state: State<'_, AppState>,
    request_id: RequestId,
) -> CmdResult<Mds2Comparison> {
    cmd(state.portfolio()?.mds2_comparison(request_id))
}

#[tauri::command]
pub async fn request_compatibility(
    state: State<'_, AppState>,
    request_id: RequestId,
) -> CmdResult<CompatibilityReport> {
    cmd(state.portfolio()?.compatibility(request_id))
}

#[tauri::command]
pub async fn get_compat_rules(state: State<'_, AppState>) -> CmdResult<Vec<CompatRule>> {
    cmd(state.portfolio()?.compat_rules())
}

#[tauri::command]
pub async fn set_compat_rules(
    state: State<'_, AppState>,
    rules: serde_json::Value,
) -> CmdResult<Vec<CompatRule>> {
    let rules: Vec<CompatRule> = parse("rules", rules)?;
    let mut p = state.portfolio()?;
    cmd(p.set_compat_rules(&rules))?;
    cmd(p.compat_rules())
}

#[tauri::command]
pub async fn reset_compat_rules(state: State<'_, AppState>) -> CmdResult<Vec<CompatRule>> {
    let mut p = state.portfolio()?;
    cmd(p.reset_compat_rules())?;
    cmd(p.compat_rules())
}

#[tauri::command]
pub async fn get_disqualify_blocking(
    state: State<'_, AppState>,
    request_id: RequestId,
) -> CmdResult<bool> {
    cmd(state.portfolio()?.disqualify_blocking(request_id))
}

#[tauri::command]
pub async fn set_disqualify_blocking(
    state: State<'_, AppState>,
    request_id: RequestId,
    on: bool,
) -> CmdResult<()> {
    cmd(state.portfolio()?.set_disqualify_blocking(request_id, on))
}
