//! AHP weights, evaluator agreement, the sensitivity analysis.

use caliper_models::ids::{CriterionId, RequestId};
use std::sync::atomic::Ordering;

use caliper_models::ahp::{ahp, AhpInput, AhpResult};
use caliper_models::assessment::{request_sensitivity, Agreement};
use caliper_models::sensitivity::{SamplingProgress, SensitivityOptions, SensitivityResult};
use caliper_models::store::Portfolio;
use tauri::ipc::Channel;

use crate::error::{cmd, CmdResult};
use crate::state::AppState;

pub fn ahp_weights(_state: &AppState, input: AhpInput) -> CmdResult<AhpResult> {
    cmd(ahp(&input))
}

pub fn apply_weights(portfolio: &mut Portfolio, weights: Vec<(CriterionId, f64)>) -> CmdResult<()> {
    cmd(portfolio.set_weights(&weights))
}

pub fn evaluator_agreement(state: &AppState, request_id: RequestId) -> CmdResult<Agreement> {
    cmd(state.portfolio()?.agreement(request_id))
}

/// The portfolio is read first and let go: the sampling runs without holding it, and
/// `cancel_sensitivity` stops it.
pub fn run_sensitivity(
    state: &AppState,
    request_id: RequestId,
    options: SensitivityOptions,
    on_progress: Channel<SamplingProgress>,
) -> CmdResult<SensitivityResult> {
    let inputs = cmd(state.portfolio()?.assessment_inputs(request_id))?;
    let cancel = state.cancel_flag();
    cancel.store(false, Ordering::Relaxed);
    let report = |done: u64, total: u64| {
        // A closed window is no reason to stop the computation.
        let _ = on_progress.send(SamplingProgress { done, total });
    };
    cmd(request_sensitivity(&inputs, &options, &report, &cancel))
}

pub fn cancel_sensitivity(state: &AppState) -> CmdResult<()> {
    state.cancel_flag().store(true, Ordering::Relaxed);
    Ok(())
}
