//! `demo` and `requests`: create a portfolio to try Caliper on, and list what one holds.

use std::path::{Path, PathBuf};

use caliper_models::demo::write_demo;
use caliper_models::store::Portfolio;
use caliper_models::{Error, Result};

use crate::output::{emit_line, print_json, print_requests};

#[derive(clap::Args)]
pub struct DemoArgs {
    path: PathBuf,
    /// Replace PATH if it exists.
    #[arg(long)]
    force: bool,
}

#[derive(clap::Args)]
pub struct RequestsArgs {
    #[arg(long)]
    portfolio: PathBuf,
    #[arg(long)]
    json: bool,
}

pub fn run_demo(args: DemoArgs) -> Result<()> {
    let path = args.path;
    // The demo is built aside and renamed into place when complete: an interrupted run
    // leaves no partial portfolio at PATH, and --force replaces the old one only then.
    if args.force {
        Portfolio::replace_with(&path, write_demo)?;
    } else {
        if path.exists() {
            return Err(Error::conflict(
                "path",
                format!("{} exists; pass --force to replace it", path.display()),
            ));
        }
        Portfolio::create_with(&path, write_demo)?;
    }
    emit_line(&format!("wrote the demo portfolio to {}", path.display()))
}

pub fn run_requests(args: RequestsArgs) -> Result<()> {
    let p = Portfolio::open_read_only(&args.portfolio)?;
    let requests = p.requests()?;
    if args.json {
        return print_json(&requests);
    }
    print_requests(&requests)
}

/// Opens the portfolio to read and write when the command changes it, else to read only
/// (the file is then never changed, not even upgraded).
pub fn open_portfolio(path: &Path, changes: bool) -> Result<Portfolio> {
    if changes {
        Portfolio::open(path)
    } else {
        Portfolio::open_read_only(path)
    }
}
