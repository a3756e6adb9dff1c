//! `evidence check`: a vendor's sample HL7 v2 message or FHIR Device, checked against the
//! IHE PCD-01 and FHIR requirements. Stateless; the findings are a report (exit 0).

use std::path::PathBuf;

use caliper_models::evidence::{self, Candidate, FindingKind};
use caliper_models::{Error, Result};
use clap::Subcommand;

use crate::output::{emit_line, print_json, shown};

#[derive(Subcommand)]
pub enum EvidenceCommand {
    /// Check FILE (HL7 v2 messages, or a FHIR Device in JSON or XML) and print each finding:
    /// confirmed or gap, with its place. Saves nothing.
    Check(CheckArgs),
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
    #[arg(long)]
    json: bool,
}

pub fn run_evidence(command: EvidenceCommand) -> Result<()> {
    let EvidenceCommand::Check(args) = command;
    let name = args.file.display().to_string();
    let bytes = std::fs::read(&args.file).map_err(|e| Error::io(&args.file, e))?;
    let text = String::from_utf8_lossy(&bytes);
    let candidate = Candidate {
        manufacturer: args.manufacturer,
        model: args.model,
    };
    let report = evidence::check(&name, &text, &candidate)?;
    if args.json {
        return print_json(&report);
    }
    emit_line(&format!(
        "{name}: {}, {} item(s), {} confirmed, {} gap(s)",
        report.format, report.items, report.confirmed, report.gaps
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
