//! `demo` and `requests`: create a portfolio to try Caliper on, and list what one holds;
//! `backup` and `restore`: copies of a portfolio, and going back to one.

use std::path::{Path, PathBuf};

use caliper_models::demo::write_demo;
use caliper_models::store::{list_backups, BackupReason, Portfolio};
use caliper_models::{Error, Result};

use crate::output::{emit_line, print_json, print_requests, shown};

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

#[derive(clap::Args)]
pub struct BackupArgs {
    #[arg(long)]
    portfolio: PathBuf,
    /// Write the backup to this new file instead of the portfolio's backup folder
    /// (`NAME.backups/` beside it).
    #[arg(long, conflicts_with = "list")]
    out: Option<PathBuf>,
    /// List the backups in the portfolio's backup folder, newest first, instead.
    #[arg(long)]
    list: bool,
    /// With --list: as JSON.
    #[arg(long, requires = "list")]
    json: bool,
}

#[derive(clap::Args)]
pub struct RestoreArgs {
    /// The portfolio to restore into (created if missing).
    #[arg(long)]
    portfolio: PathBuf,
    /// The backup to restore: a file from `caliper backup --list` or any Caliper portfolio.
    #[arg(long)]
    from: PathBuf,
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

/// Copies the portfolio (a consistent snapshot, even while another process writes).
pub fn run_backup(args: BackupArgs) -> Result<()> {
    if args.list {
        let backups = list_backups(&args.portfolio)?;
        if args.json {
            return print_json(&backups);
        }
        if backups.is_empty() {
            return emit_line(&format!(
                "no backups of {} yet",
                shown(&args.portfolio.display().to_string())
            ));
        }
        for b in backups {
            emit_line(&format!(
                "{}  {:<15}  {:>10} bytes  {}",
                b.created,
                b.reason.tag(),
                b.bytes,
                shown(&b.path)
            ))?;
        }
        return Ok(());
    }
    let p = Portfolio::open_read_only(&args.portfolio)?;
    let written = match args.out {
        Some(out) => {
            p.backup_to(&out)?;
            out
        }
        None => p
            .backup_in_folder(BackupReason::Manual)?
            .ok_or_else(|| Error::internal("a portfolio opened from a file has a backup folder"))?,
    };
    emit_line(&format!(
        "backed up {} to {}",
        shown(&args.portfolio.display().to_string()),
        shown(&written.display().to_string())
    ))
}

/// Puts a backup's content in place of the portfolio's, after saving the current state.
pub fn run_restore(args: RestoreArgs) -> Result<()> {
    let from = args.from;
    if !args.portfolio.exists() {
        Portfolio::create_with(&args.portfolio, |p| p.restore_from(&from).map(|_| ()))?;
        return emit_line(&format!(
            "restored {} into the new portfolio {}",
            shown(&from.display().to_string()),
            shown(&args.portfolio.display().to_string())
        ));
    }
    let mut p = open_portfolio(&args.portfolio, true)?;
    let saved = p.restore_from(&from)?;
    emit_line(&format!(
        "restored {} into {}",
        shown(&from.display().to_string()),
        shown(&args.portfolio.display().to_string())
    ))?;
    if let Some(saved) = saved {
        emit_line(&format!(
            "the state before the restore was saved as {}",
            shown(&saved.display().to_string())
        ))?;
    }
    Ok(())
}

/// Opens the portfolio to read and write when the command changes it, else to read only
/// (the file is then never changed, not even upgraded). What the user should know about
/// how the file is kept (a network share) goes to standard error.
pub fn open_portfolio(path: &Path, changes: bool) -> Result<Portfolio> {
    if changes {
        let p = Portfolio::open(path)?;
        for warning in p.warnings() {
            eprintln!("warning: {}", shown(warning));
        }
        Ok(p)
    } else {
        Portfolio::open_read_only(path)
    }
}
