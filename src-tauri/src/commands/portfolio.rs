//! The portfolio file: open, create, the demo.

use std::path::PathBuf;

use caliper_models::demo::fresh_demo;
use caliper_models::store::{Portfolio, PortfolioInfo};

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

/// The notice for the window when the portfolio changed since it last loaded it.
pub fn portfolio_changed(state: &AppState, window: &str) -> CmdResult<Option<String>> {
    state.catch_up(window)
}

/// A fresh copy of the demo portfolio in the data directory.
pub fn portfolio_open_demo(state: &AppState) -> CmdResult<PortfolioInfo> {
    state.replace(cmd(fresh_demo(&data_dir().join("demo.caliper")))?)
}
