//! The committee's decision on a request, and the request's history.

use caliper_models::decision::{Decision, DecisionInput, HistoryEntry};
use caliper_models::ids::RequestId;
use caliper_models::store::Portfolio;

use crate::error::{cmd, CmdResult};
use crate::state::AppState;

pub fn request_decisions(state: &AppState, request_id: RequestId) -> CmdResult<Vec<Decision>> {
    cmd(state.portfolio()?.decisions(request_id))
}

pub fn request_history(state: &AppState, request_id: RequestId) -> CmdResult<Vec<HistoryEntry>> {
    cmd(state.portfolio()?.history(request_id))
}

pub fn record_decision(
    portfolio: &mut Portfolio,
    request_id: RequestId,
    input: DecisionInput,
) -> CmdResult<Decision> {
    cmd(portfolio.record_decision(request_id, &input))
}
