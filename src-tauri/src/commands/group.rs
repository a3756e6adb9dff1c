//! Group purchasing: the analysis of other hospitals' member files, read-only, as of
//! today. The open portfolio is not used; only the workspace file and the exports asked
//! for are written.

use std::path::PathBuf;

use caliper_models::gpo::MatchDecision;
use caliper_models::report::Paper;
use caliper_models::workspace::{self, GroupAnalysis, GroupMember, GroupOptions};

use crate::error::{cmd, CmdResult};
use crate::state::AppState;

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn group_analysis(
    _state: &AppState,
    members: Vec<GroupMember>,
    workspace: Option<PathBuf>,
    options: GroupOptions,
) -> CmdResult<GroupAnalysis> {
    cmd(workspace::group_analysis(
        &members,
        workspace.as_deref(),
        &options,
        today(),
    ))
}

pub fn group_decide_match(
    _state: &AppState,
    members: Vec<GroupMember>,
    workspace: PathBuf,
    decision: MatchDecision,
) -> CmdResult<()> {
    cmd(workspace::save_group_decision(
        &members,
        &workspace,
        decision,
        today(),
    ))
}

pub fn group_undo_match(_state: &AppState, workspace: PathBuf, key: String) -> CmdResult<()> {
    cmd(workspace::forget_group_decisions(&workspace, &[key]))
}

pub fn group_workspace_members(
    _state: &AppState,
    workspace: PathBuf,
) -> CmdResult<Vec<GroupMember>> {
    cmd(workspace::group_workspace_members(&workspace))
}

pub fn export_group_brief(
    state: &AppState,
    members: Vec<GroupMember>,
    workspace: Option<PathBuf>,
    options: GroupOptions,
    path: PathBuf,
    paper: Paper,
) -> CmdResult<String> {
    let written = cmd(workspace::export_group_brief(
        &members,
        workspace.as_deref(),
        &options,
        today(),
        paper,
        &path,
    ))?;
    state.exported(&written)?;
    Ok(written)
}

pub fn export_group_workbook(
    state: &AppState,
    members: Vec<GroupMember>,
    workspace: Option<PathBuf>,
    options: GroupOptions,
    path: PathBuf,
) -> CmdResult<String> {
    let written = cmd(workspace::export_group_workbook(
        &members,
        workspace.as_deref(),
        &options,
        today(),
        &path,
    ))?;
    state.exported(&written)?;
    Ok(written)
}
