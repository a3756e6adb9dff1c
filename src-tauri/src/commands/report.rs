use std::path::PathBuf;

use caliper_models::ids::RequestId;
use caliper_models::money::parse_amount;
use caliper_models::report::{
    brief_inputs, export_brief, write_export, write_summary, BriefExport, Paper,
};
use tauri::State;

use crate::error::{cmd, joined, CmdResult};
use crate::state::AppState;

/// Writes the request's PDF brief to `path`, dated today. The portfolio is read first;
/// the brief (with its sensitivity analysis) is then built off the main thread.
#[tauri::command]
pub async fn export_request_brief(
    state: State<'_, AppState>,
    request_id: RequestId,
    path: PathBuf,
    paper: Paper,
) -> CmdResult<BriefExport> {
    let inputs = cmd(brief_inputs(&*state.portfolio()?, request_id))?;
    let as_of = chrono::Local::now().date_naive();
    let job =
        tauri::async_runtime::spawn_blocking(move || export_brief(&inputs, as_of, paper, &path));
    joined("brief export", job.await)
}

/// Writes the request's workbook (`.xlsx`) or ranked comparison (`.csv`) to `path`.
#[tauri::command]
pub async fn export_request_data(
    state: State<'_, AppState>,
    request_id: RequestId,
    path: PathBuf,
) -> CmdResult<String> {
    let as_of = chrono::Local::now().date_naive();
    cmd(write_export(&*state.portfolio()?, request_id, as_of, &path))?;
    Ok(path.display().to_string())
}

/// Writes the capital summary of a fiscal year (PDF) to `path`, against an optional budget
/// typed as a decimal amount.
#[tauri::command]
pub async fn export_capital_summary(
    state: State<'_, AppState>,
    fiscal_year: i32,
    budget: Option<String>,
    path: PathBuf,
    paper: Paper,
) -> CmdResult<String> {
    let budget = match budget.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
        Some(text) => Some(cmd(parse_amount("budget", text))?),
        None => None,
    };
    let as_of = chrono::Local::now().date_naive();
    cmd(write_summary(
        &*state.portfolio()?,
        fiscal_year,
        budget,
        as_of,
        paper,
        &path,
    ))?;
    Ok(path.display().to_string())
}
