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
    if path.exists() {
        if !args.force {
            return Err(Error::conflict(
                "path",
                format!("{} exists; pass --force to replace it", path.display()),
            ));
        }
        remove_portfolio(&path)?;
    }
    let mut p = Portfolio::create(&path)?;
    write_demo(&mut p)?;
    emit_line(&format!("wrote the demo portfolio to {}", path.display()))
}

pub fn run_requests(args: RequestsArgs) -> Result<()> {
    let p = Portfolio::open(&args.portfolio)?;
    let requests = p.requests()?;
    if args.json {
        return print_json(&requests);
    }
    print_requests(&requests)
}

/// A portfolio file with its SQLite journal files.
fn remove_portfolio(path: &Path) -> Result<()> {
    std::fs::remove_file(path).map_err(|e| Error::io(path, e))?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", path.display()));
        if side.exists() {
            std::fs::remove_file(&side).map_err(|e| Error::io(&side, e))?;
        }
    }
    Ok(())
}
