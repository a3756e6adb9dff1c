use std::path::PathBuf;

use caliper_models::domain::Id;
use caliper_models::report::{brief_inputs, export_brief, BriefExport, Paper};
use caliper_models::ErrorPayload;
use tauri::State;

use crate::error::{cmd, CmdResult};
use crate::state::AppState;

/// Writes the request's PDF brief to `path`, dated today. The portfolio is read first;
/// the brief (with its sensitivity analysis) is then built off the main thread.
#[tauri::command]
pub async fn export_request_brief(
    state: State<'_, AppState>,
    request_id: Id,
    path: PathBuf,
    paper: Paper,
) -> CmdResult<BriefExport> {
    let inputs = cmd(brief_inputs(&*state.portfolio()?, request_id))?;
    let as_of = chrono::Local::now().date_naive();
    let job =
        tauri::async_runtime::spawn_blocking(move || export_brief(&inputs, as_of, paper, &path));
    match job.await {
        Ok(result) => cmd(result),
        Err(e) => Err(ErrorPayload::from(&caliper_models::Error::Corrupt {
            place: "brief export".into(),
            message: e.to_string(),
        })),
    }
}
