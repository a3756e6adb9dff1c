//! The ranked comparison.

use caliper_models::assessment::RequestRanking;
use caliper_models::ids::RequestId;

use crate::error::{cmd, CmdResult};
use crate::state::AppState;

pub fn rank_request(state: &AppState, request_id: RequestId) -> CmdResult<RequestRanking> {
    cmd(state.portfolio()?.ranking(request_id))
}
