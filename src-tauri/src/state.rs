//! The open portfolio, shared by all commands.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard};

use caliper_models::store::{Portfolio, PortfolioInfo};
use caliper_models::ErrorPayload;

use crate::error::{cmd, poisoned, CmdResult};

pub struct AppState {
    portfolio: Mutex<Portfolio>,
    /// Set to stop a running sensitivity analysis.
    cancel: Arc<AtomicBool>,
}

impl AppState {
    pub fn new(portfolio: Portfolio) -> Self {
        AppState {
            portfolio: Mutex::new(portfolio),
            cancel: Arc::new(AtomicBool::new(false)),
        }
    }

    pub fn cancel_flag(&self) -> Arc<AtomicBool> {
        self.cancel.clone()
    }

    pub fn portfolio(&self) -> Result<MutexGuard<'_, Portfolio>, ErrorPayload> {
        self.portfolio.lock().map_err(|_| poisoned())
    }

    /// Puts another portfolio in place of the open one; returns its facts.
    pub fn replace(&self, portfolio: Portfolio) -> CmdResult<PortfolioInfo> {
        let mut current = self.portfolio()?;
        *current = portfolio;
        cmd(current.info())
    }
}

/// Where Caliper keeps its files: `$CALIPER_DATA_DIR`, else the user's data directory.
pub fn data_dir() -> PathBuf {
    std::env::var_os("CALIPER_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| dirs::data_dir().map(|d| d.join("Caliper")))
        .unwrap_or_else(|| PathBuf::from("."))
}

/// The portfolio opened at start: `$CALIPER_PORTFOLIO`, else `portfolio.caliper` in the data directory.
pub fn default_portfolio_path() -> PathBuf {
    std::env::var_os("CALIPER_PORTFOLIO")
        .map(PathBuf::from)
        .unwrap_or_else(|| data_dir().join("portfolio.caliper"))
}
