//! `inventory`: the installed base. Stateless priority and forecast from JSON
//! (`inventory_priority.rs`), reading a CMMS export (`inventory_read.rs`), and the stored
//! inventory of a portfolio (`inventory_store.rs`).

#[derive(clap::Subcommand)]
pub enum InventoryCommand {
    /// Import a CMMS export (inventory or work orders) into a portfolio: without
    /// --confirm, the preview of what it would read and change; with it, the import, in
    /// one transaction, and the priorities computed again.
    Import(crate::inventory_store::ImportArgs),
    /// A portfolio's assets, by replacement priority (or another order), filtered.
    List(crate::inventory_store::ListArgs),
    /// One asset: its priority explained, FDA classification, recalls, work orders.
    Show(crate::inventory_store::ShowArgs),
    /// Import an openFDA device recall file and match its recalls to the assets.
    Recalls(crate::inventory_store::RecallsArgs),
    /// Open a capital request that replaces assets, its justification drafted from their
    /// priorities.
    Request(crate::inventory_store::RequestArgs),
    /// The expected lives by device type: list, or set some.
    Lives(crate::inventory_store::LivesArgs),
    /// The priority's settings (labour rate, weights, forecast assumptions): show or set.
    Settings(crate::inventory_store::SettingsArgs),
    /// Replacement priority of each asset, explained (from --input JSON).
    Priority(crate::inventory_priority::PriorityArgs),
    /// What Caliper reads of a CMMS export (inventory or work orders): detection,
    /// mapping, each column, questions and rejected rows. Saves nothing.
    Preview(crate::inventory_read::PreviewArgs),
    /// Replacement spend by fiscal year for the next years (from --input JSON).
    Forecast(crate::inventory_priority::ForecastArgs),
}

pub fn run_inventory(command: InventoryCommand) -> caliper_models::Result<()> {
    use crate::inventory_store as store;
    match command {
        InventoryCommand::Import(args) => store::run_import(args),
        InventoryCommand::List(args) => store::run_list(args),
        InventoryCommand::Show(args) => store::run_show(args),
        InventoryCommand::Recalls(args) => store::run_recalls(args),
        InventoryCommand::Request(args) => store::run_request(args),
        InventoryCommand::Lives(args) => store::run_lives(args),
        InventoryCommand::Settings(args) => store::run_settings(args),
        InventoryCommand::Priority(args) => crate::inventory_priority::run_priority(args),
        InventoryCommand::Preview(args) => crate::inventory_read::run_preview(args),
        InventoryCommand::Forecast(args) => crate::inventory_priority::run_forecast(args),
    }
}
