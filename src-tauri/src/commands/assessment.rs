//! The ranked comparison.

use caliper_models::assessment::RequestRanking;
use caliper_models::ids::RequestId;
use caliper_models::ranking::ReferenceScale;
use caliper_models::store::Portfolio;

use crate::error::{cmd, CmdResult};
use crate::state::AppState;

/// The ranking with quotes judged today (the window's as-of date is the user's clock).
pub fn rank_request(state: &AppState, request_id: RequestId) -> CmdResult<RequestRanking> {
    let today = chrono::Local::now().date_naive();
    cmd(state.portfolio()?.ranking_as_of(request_id, today))
}

pub fn set_reference_scale(
    portfolio: &mut Portfolio,
    request_id: RequestId,
    scale: ReferenceScale,
) -> CmdResult<ReferenceScale> {
    cmd(portfolio.set_reference_scale(request_id, scale))
}
