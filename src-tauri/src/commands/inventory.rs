//! The installed base: the inventory page, priorities, settings, the forecast, and
//! requests opened from assets. Dated today (the user's clock).

use caliper_models::domain::{CapitalRequest, RequestInput};
use caliper_models::ids::RequestId;
use caliper_models::inventory::recall::AssetRecall;
use caliper_models::inventory::{Asset, ExpectedLife, ForecastSettings, ReplacementForecast};
use caliper_models::sensitivity::SamplingProgress;
use caliper_models::store::{
    AssetDetail, AssetPage, AssetQuery, ImportOutcome, ImportPreview, ImportRequest,
    InventorySettings, Portfolio, PriorityRun,
};
use std::path::PathBuf;
use tauri::ipc::Channel;

use crate::error::{cmd, CmdResult};
use crate::state::AppState;

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn asset_page(state: &AppState, query: AssetQuery) -> CmdResult<AssetPage> {
    cmd(state.portfolio()?.asset_page(&query))
}

pub fn asset_departments(state: &AppState) -> CmdResult<Vec<String>> {
    cmd(state.portfolio()?.asset_departments())
}

pub fn asset_detail(state: &AppState, asset_number: String) -> CmdResult<AssetDetail> {
    cmd(state.portfolio()?.asset_detail(&asset_number, today()))
}

pub fn refresh_priorities(
    portfolio: &mut Portfolio,
    on_progress: Channel<SamplingProgress>,
) -> CmdResult<PriorityRun> {
    let report = |share: f64| {
        // A closed window is no reason to stop.
        let _ = on_progress.send(SamplingProgress {
            done: (share * 100.0).round() as u64,
            total: 100,
        });
    };
    cmd(portfolio.refresh_priorities(today(), &report))
}

pub fn inventory_settings(state: &AppState) -> CmdResult<InventorySettings> {
    cmd(state.portfolio()?.inventory_settings())
}

pub fn set_inventory_settings(
    portfolio: &mut Portfolio,
    settings: InventorySettings,
) -> CmdResult<()> {
    cmd(portfolio.set_inventory_settings(&settings))
}

pub fn expected_lives(state: &AppState) -> CmdResult<Vec<ExpectedLife>> {
    cmd(state.portfolio()?.expected_lives())
}

pub fn set_expected_lives(portfolio: &mut Portfolio, lives: Vec<ExpectedLife>) -> CmdResult<()> {
    cmd(portfolio.set_expected_lives(&lives))
}

pub fn replacement_forecast(
    state: &AppState,
    settings: Option<ForecastSettings>,
) -> CmdResult<ReplacementForecast> {
    cmd(state
        .portfolio()?
        .replacement_forecast(today(), settings.as_ref()))
}

pub fn replacement_justification(
    state: &AppState,
    asset_numbers: Vec<String>,
) -> CmdResult<String> {
    cmd(state
        .portfolio()?
        .replacement_justification(&asset_numbers, today()))
}

pub fn request_from_assets(
    portfolio: &mut Portfolio,
    input: RequestInput,
    asset_numbers: Vec<String>,
) -> CmdResult<CapitalRequest> {
    cmd(portfolio.create_request_from_assets(&input, &asset_numbers))
}

pub fn request_assets(state: &AppState, request_id: RequestId) -> CmdResult<Vec<Asset>> {
    cmd(state.portfolio()?.request_assets(request_id))
}

pub fn preview_inventory_import(
    state: &AppState,
    request: ImportRequest,
) -> CmdResult<ImportPreview> {
    cmd(state
        .portfolio()?
        .preview_inventory_import(&request, today()))
}

pub fn import_inventory(
    portfolio: &mut Portfolio,
    request: ImportRequest,
    skip_rejected: bool,
) -> CmdResult<ImportOutcome> {
    cmd(portfolio.import_inventory(&request, today(), skip_rejected))
}

pub fn inventory_sources(state: &AppState) -> CmdResult<Vec<String>> {
    cmd(state.portfolio()?.mapping_sources())
}

pub fn import_recalls(portfolio: &mut Portfolio, path: PathBuf) -> CmdResult<Vec<AssetRecall>> {
    cmd(portfolio.import_recall_file(&path))
}

pub fn export_forecast(
    state: &AppState,
    settings: Option<ForecastSettings>,
    path: PathBuf,
) -> CmdResult<String> {
    let forecast = cmd(state
        .portfolio()?
        .replacement_forecast(today(), settings.as_ref()))?;
    cmd(caliper_models::report::forecast::write_forecast(
        &forecast, &path,
    ))?;
    let written = path.display().to_string();
    state.exported(&written)?;
    Ok(written)
}
