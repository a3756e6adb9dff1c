//! Caliper's desktop shell: opens the portfolio, registers the commands, runs the window.

mod commands;
mod error;
mod state;

use caliper_models::store::Portfolio;

use crate::commands::{analysis, assessment, compat, lifecycle, portfolio, report, requests};
use crate::state::{default_portfolio_path, AppState};

/// Opens the default portfolio; on first run it does not exist and gets the demo data,
/// so a new user sees a real assessment at once.
fn startup_portfolio() -> caliper_models::Result<Portfolio> {
    let path = default_portfolio_path();
    if path.exists() {
        Portfolio::open(&path)
    } else {
        portfolio::fresh_demo(path)
    }
}

pub fn run() {
    let portfolio = startup_portfolio().unwrap_or_else(|e| {
        eprintln!("caliper: {e}; starting with an empty portfolio in memory");
        Portfolio::in_memory().unwrap_or_else(|e| panic!("cannot open SQLite in memory: {e}"))
    });
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(AppState::new(portfolio))
        .invoke_handler(tauri::generate_handler![
            portfolio::portfolio_info,
            portfolio::portfolio_open,
            portfolio::portfolio_create,
            portfolio::portfolio_open_demo,
            requests::list_facilities,
            requests::add_facility,
            requests::add_department,
            requests::list_departments,
            requests::list_requests,
            requests::get_request,
            requests::create_request,
            requests::update_request,
            requests::delete_request,
            requests::list_candidates,
            requests::add_candidate,
            requests::update_candidate,
            requests::delete_candidate,
            requests::criteria_tree,
            requests::set_weight,
            requests::add_criterion,
            requests::update_criterion,
            requests::delete_criterion,
            requests::list_evaluators,
            requests::add_evaluator,
            requests::list_scores,
            requests::set_score,
            requests::list_measurements,
            requests::set_measurement,
            assessment::rank_request,
            report::export_request_brief,
            report::export_request_data,
            report::export_capital_summary,
            analysis::ahp_weights,
            analysis::apply_weights,
            analysis::evaluator_agreement,
            analysis::run_sensitivity,
            analysis::cancel_sensitivity,
            lifecycle::get_cost_model,
            lifecycle::set_cost_model,
            lifecycle::delete_cost_model,
            lifecycle::preview_lifecycle,
            lifecycle::request_lifecycle_costs,
            lifecycle::get_assumption_overrides,
            lifecycle::set_assumption_overrides,
            lifecycle::get_portfolio_assumptions,
            lifecycle::set_portfolio_assumptions,
            compat::site_profiles,
            compat::get_site_profile,
            compat::set_site_profile,
            compat::delete_site_profile,
            compat::get_device_profile,
            compat::set_device_profile,
            compat::get_mds2_form,
            compat::preview_mds2_import,
            compat::import_mds2,
            compat::delete_mds2_form,
            compat::compare_mds2,
            compat::request_compatibility,
            compat::get_compat_rules,
            compat::set_compat_rules,
            compat::reset_compat_rules,
            compat::get_disqualify_blocking,
            compat::set_disqualify_blocking,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| panic!("Caliper could not start its window: {e}"));
}
