//! The PDF brief, the data export and the capital summary, dated today; opening and
//! showing the files they wrote, and no others.

use caliper_models::ids::RequestId;
use std::path::PathBuf;

use caliper_models::report::plan::{export_capital_plan as write_capital_plan, read_plan_source};
use caliper_models::report::{
    brief_inputs, export_brief, export_capital_summary as write_capital_summary,
    export_request_data as write_request_data, BriefExport, Paper,
};

use crate::error::{cmd, CmdResult};
use crate::state::{io_error, AppState};

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The portfolio is read first and let go; the brief (with its sensitivity analysis) is
/// then built without holding it.
pub fn export_request_brief(
    state: &AppState,
    request_id: RequestId,
    path: PathBuf,
    paper: Paper,
) -> CmdResult<BriefExport> {
    let inputs = cmd(brief_inputs(&*state.portfolio()?, request_id))?;
    let export = cmd(export_brief(&inputs, today(), paper, &path))?;
    state.exported(&export.path)?;
    Ok(export)
}

pub fn export_request_data(
    state: &AppState,
    request_id: RequestId,
    path: PathBuf,
) -> CmdResult<String> {
    let written = cmd(write_request_data(
        &*state.portfolio()?,
        request_id,
        today(),
        &path,
    ))?;
    state.exported(&written)?;
    Ok(written)
}

pub fn export_capital_summary(
    state: &AppState,
    fiscal_year: i32,
    budget: Option<String>,
    path: PathBuf,
    paper: Paper,
) -> CmdResult<String> {
    let written = cmd(write_capital_summary(
        &*state.portfolio()?,
        fiscal_year,
        budget.as_deref(),
        today(),
        paper,
        &path,
    ))?;
    state.exported(&written)?;
    Ok(written)
}

/// The portfolio is read first and let go; the plans are then solved without holding it.
pub fn export_capital_plan(
    state: &AppState,
    first_year: i32,
    last_year: i32,
    path: PathBuf,
    paper: Paper,
) -> CmdResult<String> {
    let source = cmd(read_plan_source(&*state.portfolio()?))?;
    let written = cmd(write_capital_plan(
        &source,
        first_year,
        last_year,
        today(),
        paper,
        &path,
    ))?;
    state.exported(&written)?;
    Ok(written)
}

/// Through the opener plugin's Rust side; the window itself has no opener permission.
pub fn open_exported(state: &AppState, path: PathBuf) -> CmdResult<()> {
    let file = state.exported_file(&path)?;
    tauri_plugin_opener::open_path(&file, None::<&str>).map_err(|e| io_error(&file, e))
}

pub fn reveal_exported(state: &AppState, path: PathBuf) -> CmdResult<()> {
    let file = state.exported_file(&path)?;
    tauri_plugin_opener::reveal_item_in_dir(&file).map_err(|e| io_error(&file, e))
}
