//! The ranked comparison.

use caliper_models::assessment::RequestRanking;
use caliper_models::ids::RequestId;
use caliper_models::ranking::ReferenceScale;

use crate::error::{cmd, CmdResult};
use crate::state::AppState;

pub fn rank_request(state: &AppState, request_id: RequestId) -> CmdResult<RequestRanking> {
    cmd(state.portfolio()?.ranking(request_id))
}

pub fn set_reference_scale(
    state: &AppState,
    request_id: RequestId,
    scale: ReferenceScale,
) -> CmdResult<ReferenceScale> {
    cmd(state.portfolio()?.set_reference_scale(request_id, scale))
}
