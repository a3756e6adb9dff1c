//! `mds2 parse|import|compare`: the vendor's MDS2 security form, read from whatever file
//! the vendor sent, saved for a candidate, and compared across a request's candidates.

use std::path::PathBuf;

use caliper_models::ids::{CandidateId, RequestId};
use caliper_models::import::mds2;
use caliper_models::store::Portfolio;
use caliper_models::Result;
use clap::Subcommand;

use crate::output::{emit_line, print_json, print_mds2_comparison, print_mds2_parse, shown};

#[derive(Subcommand)]
pub enum Mds2Command {
    /// Read a form (.xlsx, .xls, .ods, .csv, text or PDF) and print what was recognised and
    /// every line that could not be read. Saves nothing.
    Parse(ParseArgs),
    /// Import a form for a candidate. A form with unreadable lines, conflicting answers or
    /// another device's name is saved only with --confirm.
    Import(ImportArgs),
    /// A request's candidates' forms side by side (the questions they answer differently,
    /// or all with --all).
    Compare(CompareArgs),
}

#[derive(clap::Args)]
pub struct ParseArgs {
    file: PathBuf,
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct ImportArgs {
    #[arg(long)]
    portfolio: PathBuf,
    #[arg(long)]
    candidate: CandidateId,
    file: PathBuf,
    #[arg(long)]
    confirm: bool,
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct CompareArgs {
    #[arg(long)]
    portfolio: PathBuf,
    #[arg(long)]
    request: RequestId,
    #[arg(long)]
    all: bool,
    #[arg(long)]
    json: bool,
}

pub fn run_mds2(command: Mds2Command) -> Result<()> {
    match command {
        Mds2Command::Parse(args) => run_parse(args),
        Mds2Command::Import(args) => run_import(args),
        Mds2Command::Compare(args) => run_compare(args),
    }
}

fn run_parse(args: ParseArgs) -> Result<()> {
    let parse = mds2::parse_file(&args.file)?;
    if args.json {
        return print_json(&parse);
    }
    print_mds2_parse(&parse)
}

fn run_import(args: ImportArgs) -> Result<()> {
    let candidate = args.candidate;
    let mut p = crate::portfolio::open_portfolio(&args.portfolio, true)?;
    let preview = p.preview_mds2_import(candidate, &args.file)?;
    if !args.json {
        print_mds2_parse(&preview.parse)?;
        for w in &preview.device_warnings {
            emit_line(&format!("warning: {}", shown(w)))?;
        }
        if let Some(old) = &preview.replaces {
            emit_line(&format!("replaces the form imported from {}", shown(old)))?;
        }
    }
    let saved = p.import_mds2(candidate, preview.parse, args.confirm)?;
    if args.json {
        return print_json(&saved);
    }
    emit_line(&format!(
        "imported {} answers for candidate {} ({})",
        saved.parse.recognised,
        candidate,
        shown(&saved.candidate)
    ))
}

fn run_compare(args: CompareArgs) -> Result<()> {
    let p = Portfolio::open_read_only(&args.portfolio)?;
    // Refuses a request that does not exist (one without candidates compares nothing).
    p.request(args.request)?;
    let mut cmp = p.mds2_comparison(args.request)?;
    if !args.all {
        cmp.rows.retain(|r| r.differs);
    }
    if args.json {
        return print_json(&cmp);
    }
    print_mds2_comparison(&cmp)
}
