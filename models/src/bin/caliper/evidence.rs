//! `evidence check|import|list|remove`: a vendor's sample HL7 v2 messages or FHIR Device,
//! checked against IHE PCD-01, FHIR and the site profile; kept on a candidate as evidence
//! of its compatibility. `check` is stateless; the findings are a report (exit 0).

use std::path::PathBuf;

use caliper_models::compat::SiteProfile;
use caliper_models::evidence::{self, Candidate, EvidenceReport, FindingKind};
use caliper_models::ids::{CandidateId, EvidenceId};
use caliper_models::store::read_evidence_file;
use caliper_models::Result;
use clap::Subcommand;

use crate::input::read_json;
use crate::output::{emit_line, print_json, shown};
use crate::portfolio::open_portfolio;

#[derive(Subcommand)]
pub enum EvidenceCommand {
    /// Check FILE (HL7 v2 messages, or a FHIR Device in JSON or XML) and print each finding:
    /// confirmed or gap, with its place. Saves nothing.
    Check(CheckArgs),
    /// Keep FILE on a candidate as evidence, checked against its manufacturer and model and
    /// its request's site profile. A file naming another device, or replacing a kept file
    /// of the same name, is kept only with --confirm.
    Import(ImportArgs),
    /// The files kept on a candidate, each checked as things stand.
    List(ListArgs),
    /// Remove a kept file.
    Remove(RemoveArgs),
}

#[derive(clap::Args)]
pub struct CheckArgs {
    file: PathBuf,
    /// The candidate's manufacturer: a sample naming another is a gap.
    #[arg(long)]
    manufacturer: Option<String>,
    /// The candidate's model: a sample naming another is a gap.
    #[arg(long)]
    model: Option<String>,
    /// A site profile (JSON, as `caliper site-profile` prints it) to check the interface
    /// requirements against.
    #[arg(long)]
    site: Option<PathBuf>,
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
pub struct ListArgs {
    #[arg(long)]
    portfolio: PathBuf,
    #[arg(long)]
    candidate: CandidateId,
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct RemoveArgs {
    #[arg(long)]
    portfolio: PathBuf,
    /// The kept file's id (from `evidence list`).
    #[arg(long)]
    id: EvidenceId,
}

pub fn run_evidence(command: EvidenceCommand) -> Result<()> {
    match command {
        EvidenceCommand::Check(args) => run_check(args),
        EvidenceCommand::Import(args) => run_import(args),
        EvidenceCommand::List(args) => run_list(args),
        EvidenceCommand::Remove(args) => {
            let mut p = open_portfolio(&args.portfolio, true)?;
            p.remove_evidence(args.id)?;
            emit_line(&format!("removed evidence {}", args.id))
        }
    }
}

fn run_check(args: CheckArgs) -> Result<()> {
    let (name, text) = read_evidence_file(&args.file)?;
    let site: SiteProfile = match &args.site {
        Some(path) => {
            let site: SiteProfile = read_json(path)?;
            site.validate()?;
            site
        }
        None => SiteProfile::default(),
    };
    let candidate = Candidate {
        manufacturer: args.manufacturer,
        model: args.model,
    };
    let report = evidence::check(&name, &text, &candidate, &site)?;
    if args.json {
        return print_json(&report);
    }
    print_report(&name, &report)
}

fn run_import(args: ImportArgs) -> Result<()> {
    let (name, text) = read_evidence_file(&args.file)?;
    let mut p = open_portfolio(&args.portfolio, true)?;
    let kept = p.add_evidence(args.candidate, &name, &text, args.confirm)?;
    if args.json {
        return print_json(&kept);
    }
    emit_line(&format!(
        "kept {name} on candidate {} as evidence {}",
        args.candidate, kept.id
    ))?;
    print_report(&name, &kept.report)
}

fn run_list(args: ListArgs) -> Result<()> {
    let p = open_portfolio(&args.portfolio, false)?;
    let kept = p.candidate_evidence(args.candidate)?;
    if args.json {
        return print_json(&kept);
    }
    if kept.is_empty() {
        return emit_line(&format!(
            "candidate {} keeps no evidence files",
            args.candidate
        ));
    }
    for k in &kept {
        emit_line(&format!("evidence {}", k.id))?;
        print_report(&k.file_name, &k.report)?;
    }
    Ok(())
}

fn print_report(name: &str, report: &EvidenceReport) -> Result<()> {
    emit_line(&format!(
        "{}: {}, {} item(s), {} confirmed, {} gap(s)",
        shown(name),
        report.format,
        report.items,
        report.confirmed,
        report.gaps
    ))?;
    for f in &report.findings {
        let kind = match f.kind {
            FindingKind::Confirmed => "confirmed",
            FindingKind::Gap => "gap",
        };
        emit_line(&format!(
            "{kind:9} {}: {} [{}]",
            shown(&f.capability),
            shown(&f.detail),
            shown(&f.place)
        ))?;
    }
    Ok(())
}
