//! The portfolio file: open, create, the demo.

use std::path::PathBuf;

use caliper_models::demo::fresh_demo;
use caliper_models::recent::RecentPortfolio;
use caliper_models::store::{BackupInfo, BackupReason, Portfolio, PortfolioInfo};

use crate::error::{cmd, CmdResult};
use crate::state::{data_dir, AppState};

pub fn portfolio_info(state: &AppState) -> CmdResult<PortfolioInfo> {
    cmd(state.portfolio()?.info())
}

pub fn portfolio_open(state: &AppState, path: PathBuf) -> CmdResult<PortfolioInfo> {
    state.replace(cmd(Portfolio::open(&path))?)
}

pub fn portfolio_create(state: &AppState, path: PathBuf) -> CmdResult<PortfolioInfo> {
    state.replace(cmd(Portfolio::create(&path))?)
}

pub fn recent_portfolios(state: &AppState) -> CmdResult<Vec<RecentPortfolio>> {
    Ok(state.recent())
}

pub fn portfolio_backups(state: &AppState) -> CmdResult<Vec<BackupInfo>> {
    cmd(state.portfolio()?.backups())
}

pub fn portfolio_backup_now(state: &AppState) -> CmdResult<Option<PathBuf>> {
    cmd(state.portfolio()?.backup_in_folder(BackupReason::Manual))
}

/// Puts a backup's content in place of the open portfolio's (saved as a backup first).
pub fn portfolio_restore(portfolio: &mut Portfolio, path: PathBuf) -> CmdResult<PortfolioInfo> {
    cmd(portfolio.restore_from(&path))?;
    cmd(portfolio.info())
}

/// The notice for the window when the portfolio changed since it last loaded it.
pub fn portfolio_changed(state: &AppState, window: &str) -> CmdResult<Option<String>> {
    state.catch_up(window)
}

/// A fresh copy of the demo portfolio in the data directory.
pub fn portfolio_open_demo(state: &AppState) -> CmdResult<PortfolioInfo> {
    state.replace(cmd(fresh_demo(&data_dir().join("demo.caliper")))?)
}
