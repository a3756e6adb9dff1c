use caliper_models::assessment::{assess, RequestRanking};
use caliper_models::ids::RequestId;
use tauri::State;

use crate::error::{cmd, CmdResult};
use crate::state::AppState;

#[tauri::command]
pub async fn rank_request(
    state: State<'_, AppState>,
    request_id: RequestId,
) -> CmdResult<RequestRanking> {
    let inputs = cmd(state.portfolio()?.assessment_inputs(request_id))?;
    cmd(assess(&inputs))
}
