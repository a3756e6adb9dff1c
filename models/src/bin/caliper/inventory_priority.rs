//! `inventory priority`: the replacement priority of each asset, explained.

#[derive(clap::Args)]
pub struct PriorityArgs {
    /// Assets, work orders and settings as JSON (docs/json-formats.md, "Inventory priority").
    #[arg(long)]
    input: Option<std::path::PathBuf>,
}

pub fn run_priority(args: PriorityArgs) -> caliper_models::Result<()> {
    let _ = args.input;
    Err(caliper_models::Error::validation(
        "input",
        "not written yet",
    ))
}
