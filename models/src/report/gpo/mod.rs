//! The negotiation brief of a purchasing group: the price benchmark with its charts, the
//! members' savings, standardisation and aggregate demand with the members' rankings, as a
//! PDF ([`pdf`]) and a workbook ([`workbook`]).
//!
//! A pure [`GpoBrief`] built from the engine's results ([`build_gpo_brief`]); its content
//! hash is the SHA-256 of the inputs (each member file's content hash and name, the as-of
//! date, the index, currencies and the matches with the analyst's decisions), printed in
//! the footer. The same member files, workspace and options give byte-identical files.

mod pdf;
mod workbook;

use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

pub use pdf::{render_gpo_pdf, SECTION_HEADINGS};
pub use workbook::{render_gpo_xlsx, SHEETS};

use super::layout::Paper;
use crate::error::Result;
use crate::gpo::benchmark::Benchmark;
use crate::gpo::matching::{MatchStatus, MatchedModel};
use crate::gpo::{benchmark, demand, standardise, Demand, GroupSettings, Matching, Member};
use crate::output::write_atomically;
use crate::workspace::MemberFile;

const FORMAT: &str = "caliper-gpo-brief-1";

/// A member as the brief lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BriefMember {
    pub name: String,
    /// The files' names (not their folders) and the first 12 hex digits of each file's
    /// SHA-256.
    pub files: Vec<(String, String)>,
    pub quotes: usize,
}

/// Everything the negotiation brief shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GpoBrief {
    pub as_of: NaiveDate,
    /// First 12 hex digits of the SHA-256 of the inputs.
    pub content_hash: String,
    pub members: Vec<BriefMember>,
    pub benchmark: Benchmark,
    pub standardisation: crate::gpo::Standardisation,
    pub demand: Demand,
    /// Matches still uncertain.
    pub to_review: Vec<MatchedModel>,
}

#[derive(Serialize)]
struct Hashed<'a> {
    format: &'static str,
    as_of: NaiveDate,
    files: Vec<(&'a str, &'a str)>,
    index: &'a str,
    currency: &'a str,
    rates: &'a [crate::gpo::Rate],
    matching: &'a Matching,
}

/// Builds the brief from the members read and matched.
pub fn build_gpo_brief(
    members: &[Member],
    files: &[MemberFile],
    matching: &Matching,
    settings: &GroupSettings,
) -> Result<GpoBrief> {
    let benchmark = benchmark(members, matching, settings)?;
    let standardisation = standardise(members, matching, settings)?;
    let demand = demand(members, matching);
    let hashed = Hashed {
        format: FORMAT,
        as_of: settings.as_of,
        files: files
            .iter()
            .map(|f| (f.member.as_str(), f.sha256.as_str()))
            .collect(),
        index: &benchmark.index.description,
        currency: &benchmark.currency,
        rates: &benchmark.rates,
        matching,
    };
    let content_hash = crate::report::inputs_hash(&hashed);
    let brief_members = members
        .iter()
        .map(|m| BriefMember {
            name: m.name.clone(),
            files: files
                .iter()
                .filter(|f| f.member == m.name)
                .map(|f| {
                    let name = f
                        .path
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                    (name, f.sha256.chars().take(12).collect())
                })
                .collect(),
            quotes: m.quotes.len(),
        })
        .collect();
    Ok(GpoBrief {
        as_of: settings.as_of,
        content_hash,
        members: brief_members,
        benchmark,
        standardisation,
        demand,
        to_review: matching
            .models
            .iter()
            .filter(|m| m.status == MatchStatus::Uncertain)
            .cloned()
            .collect(),
    })
}

/// Writes the brief's PDF atomically.
pub fn write_gpo_brief(b: &GpoBrief, paper: Paper, out: &Path) -> Result<()> {
    write_atomically(out, &render_gpo_pdf(b, paper)?)
}

/// Writes the brief's workbook atomically.
pub fn write_gpo_workbook(b: &GpoBrief, out: &Path) -> Result<()> {
    write_atomically(out, &render_gpo_xlsx(b)?)
}
