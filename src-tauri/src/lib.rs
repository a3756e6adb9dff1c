//! Caliper's desktop shell: opens the portfolio, registers the commands (generated from
//! the contract in `caliper_models::ipc`), runs the window.

mod commands;
mod error;
mod ipc;
mod menu;
mod state;

use caliper_models::demo::fresh_demo;
use caliper_models::store::Portfolio;

use tauri::Manager;

use crate::state::{default_portfolio_path, recent_file, AppState};

/// Opens the default portfolio; on first run it does not exist and gets the demo data,
/// so a new user sees a real assessment at once.
fn startup_portfolio() -> caliper_models::Result<Portfolio> {
    let path = default_portfolio_path();
    if path.exists() {
        Portfolio::open(&path)
    } else {
        fresh_demo(&path)
    }
}

pub fn run() {
    let portfolio = startup_portfolio().unwrap_or_else(|e| {
        eprintln!("caliper: {e}; starting with an empty portfolio in memory");
        Portfolio::in_memory().unwrap_or_else(|e| panic!("cannot open SQLite in memory: {e}"))
    });
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState::new(portfolio).keeping_recent(recent_file()))
        .setup(|app| {
            let recent = app.state::<AppState>().recent();
            let menu = menu::build(app.handle(), &recent)?;
            app.set_menu(menu)?;
            Ok(())
        })
        .on_menu_event(menu::on_event)
        .invoke_handler(ipc::handler())
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| panic!("Caliper could not start its window: {e}"));
}
