//! The installed base: the inventory page, imports, priorities and requests from assets.

use caliper_models::store::{AssetPage, AssetQuery};

use crate::error::{cmd, CmdResult};
use crate::state::AppState;

pub fn asset_page(state: &AppState, query: AssetQuery) -> CmdResult<AssetPage> {
    cmd(state.portfolio()?.asset_page(&query))
}

pub fn asset_departments(state: &AppState) -> CmdResult<Vec<String>> {
    cmd(state.portfolio()?.asset_departments())
}
