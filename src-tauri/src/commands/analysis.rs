use std::sync::atomic::Ordering;

use caliper_models::ahp::{ahp, AhpInput, AhpResult};
use caliper_models::assessment::{agreement, decision_problem, Agreement};
use caliper_models::error::from_value;
use caliper_models::ids::{CriterionId, RequestId};
use caliper_models::sensitivity::{
    sensitivity, SamplingProgress, SensitivityOptions, SensitivityResult,
};
use tauri::ipc::Channel;
use tauri::State;

use crate::error::{cmd, joined, CmdResult};
use crate::state::AppState;

/// Weights and consistency of a pairwise comparison matrix (nothing saved).
#[tauri::command]
pub async fn ahp_weights(input: serde_json::Value) -> CmdResult<AhpResult> {
    let input: AhpInput = cmd(from_value("input", input))?;
    cmd(ahp(&input))
}

/// Sets several criteria's weights at once, all or none (e.g. from AHP).
#[tauri::command]
pub async fn apply_weights(
    state: State<'_, AppState>,
    weights: Vec<(CriterionId, f64)>,
) -> CmdResult<()> {
    cmd(state.portfolio()?.set_weights(&weights))
}

#[tauri::command]
pub async fn evaluator_agreement(
    state: State<'_, AppState>,
    request_id: RequestId,
) -> CmdResult<Agreement> {
    let inputs = cmd(state.portfolio()?.assessment_inputs(request_id))?;
    Ok(agreement(&inputs))
}

/// Runs the sensitivity analysis of a request off the main thread, reporting progress;
/// `cancel_sensitivity` stops it.
#[tauri::command]
pub async fn run_sensitivity(
    state: State<'_, AppState>,
    request_id: RequestId,
    options: serde_json::Value,
    on_progress: Channel<SamplingProgress>,
) -> CmdResult<SensitivityResult> {
    let options: SensitivityOptions = cmd(from_value("options", options))?;
    let problem = cmd(state
        .portfolio()?
        .assessment_inputs(request_id)
        .and_then(|i| decision_problem(&i)))?;
    let cancel = state.cancel_flag();
    cancel.store(false, Ordering::Relaxed);
    let job = tauri::async_runtime::spawn_blocking(move || {
        let report = |done: u64, total: u64| {
            let _ = on_progress.send(SamplingProgress { done, total });
        };
        sensitivity(&problem, &options, &report, &cancel)
    });
    joined("sensitivity analysis", job.await)
}

#[tauri::command]
pub async fn cancel_sensitivity(state: State<'_, AppState>) -> CmdResult<()> {
    state.cancel_flag().store(true, Ordering::Relaxed);
    Ok(())
}
