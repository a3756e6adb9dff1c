//! `inventory`: the installed base. Stateless priority and forecast from JSON
//! (`inventory_priority.rs`), reading a CMMS export (`inventory_read.rs`), and the stored
//! inventory of a portfolio (`inventory_store.rs`).

#[derive(clap::Subcommand)]
pub enum InventoryCommand {
    /// Replacement priority of each asset, explained (from --input JSON).
    Priority(crate::inventory_priority::PriorityArgs),
    /// What Caliper reads of a CMMS export (inventory or work orders): detection,
    /// mapping, each column, questions and rejected rows. Saves nothing.
    Preview(crate::inventory_read::PreviewArgs),
    /// Replacement spend by fiscal year for the next years (from --input JSON).
    Forecast(crate::inventory_priority::ForecastArgs),
}

pub fn run_inventory(command: InventoryCommand) -> caliper_models::Result<()> {
    match command {
        InventoryCommand::Priority(args) => crate::inventory_priority::run_priority(args),
        InventoryCommand::Preview(args) => crate::inventory_read::run_preview(args),
        InventoryCommand::Forecast(args) => crate::inventory_priority::run_forecast(args),
    }
}
