//! The ranked comparison.

use caliper_models::assessment::RequestRanking;
use caliper_models::ids::RequestId;
use caliper_models::ranking::ReferenceScale;
use caliper_models::store::Portfolio;

use crate::error::{cmd, CmdResult};
use crate::state::AppState;

pub fn rank_request(state: &AppState, request_id: RequestId) -> CmdResult<RequestRanking> {
    cmd(state.portfolio()?.ranking(request_id))
}

pub fn set_reference_scale(
    portfolio: &mut Portfolio,
    request_id: RequestId,
    scale: ReferenceScale,
) -> CmdResult<ReferenceScale> {
    cmd(portfolio.set_reference_scale(request_id, scale))
}
