use std::path::PathBuf;

use caliper_models::demo::write_demo;
use caliper_models::store::{Portfolio, PortfolioInfo};
use caliper_models::Error;
use tauri::State;

use crate::error::{cmd, CmdResult};
use crate::state::{data_dir, AppState};

#[tauri::command]
pub async fn portfolio_info(state: State<'_, AppState>) -> CmdResult<PortfolioInfo> {
    cmd(state.portfolio()?.info())
}

#[tauri::command]
pub async fn portfolio_open(state: State<'_, AppState>, path: PathBuf) -> CmdResult<PortfolioInfo> {
    let opened = cmd(Portfolio::open(&path))?;
    let mut current = state.portfolio()?;
    *current = opened;
    cmd(current.info())
}

#[tauri::command]
pub async fn portfolio_create(
    state: State<'_, AppState>,
    path: PathBuf,
) -> CmdResult<PortfolioInfo> {
    let created = cmd(Portfolio::create(&path))?;
    let mut current = state.portfolio()?;
    *current = created;
    cmd(current.info())
}

/// Writes a fresh copy of the demo portfolio to the data directory and opens it.
#[tauri::command]
pub async fn portfolio_open_demo(state: State<'_, AppState>) -> CmdResult<PortfolioInfo> {
    let path = data_dir().join("demo.caliper");
    let demo = cmd(fresh_demo(path))?;
    let mut current = state.portfolio()?;
    *current = demo;
    cmd(current.info())
}

/// Creates (replacing any earlier copy) the demo portfolio at `path`.
pub fn fresh_demo(path: PathBuf) -> caliper_models::Result<Portfolio> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    for suffix in ["", "-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", path.display()));
        if file.exists() {
            std::fs::remove_file(&file).map_err(|e| Error::io(&file, e))?;
        }
    }
    let mut p = Portfolio::create(&path)?;
    write_demo(&mut p)?;
    Ok(p)
}
