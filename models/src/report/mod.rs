//! The PDF budget brief of a capital request: what the committee reads at its meeting.
//!
//! Three steps: [`brief::build_brief`] gathers every figure from the engines into a pure
//! [`brief::BudgetBrief`]; `charts` draws its charts once with plotters (onto the PDF
//! through `pdf_backend`, as SVG or PNG for slides through [`svg`]); [`pdf`]
//! lays the document out with printpdf, a section a file, on `layout`, the layout engine
//! it shares with the capital summary ([`summary`]) and the capital plan brief ([`plan`]). The same portfolio state and as-of
//! date give byte-identical PDFs (docs/brief.md). [`xlsx`] writes a request's figures as a
//! workbook or CSV.

pub mod brief;
mod charts;
mod fonts;
pub mod forecast;
// Group purchasing's negotiation brief.
pub mod gpo;
mod layout;
pub mod pdf;
mod pdf_backend;
pub mod plan;
pub mod score_sheet;
mod sheet;
pub mod summary;
pub mod svg;
pub mod xlsx;

use std::path::Path;

use chrono::NaiveDate;

pub use brief::{brief_from_portfolio, brief_inputs, build_brief, BriefInputs, BudgetBrief};
pub use pdf::{render_pdf, Paper};

use crate::error::{Error, Result};
use crate::ids::RequestId;
use crate::money::parse_amount;
use crate::store::Portfolio;

use crate::output::write_atomically;

/// Builds the brief of `request_id` as of `as_of` and writes it to `out` as a PDF.
///
/// The PDF is written to a temporary file beside `out` and renamed over it, so a failure
/// never leaves a partial file. Errors name the path at fault.
pub fn write_brief(
    portfolio: &Portfolio,
    request_id: RequestId,
    as_of: NaiveDate,
    paper: Paper,
    out: &Path,
) -> Result<BudgetBrief> {
    let brief = brief_from_portfolio(portfolio, request_id, as_of)?;
    let bytes = render_pdf(&brief, paper)?;
    write_atomically(out, &bytes)?;
    Ok(brief)
}

/// What an export reports back: where the brief went and how to tell copies apart.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
pub struct BriefExport {
    pub path: String,
    /// First 12 hex digits of the SHA-256 of the brief's inputs, printed in its footer.
    pub content_hash: String,
    pub recommendation: Option<String>,
}

/// Builds and writes the brief from already-read inputs (see [`brief_inputs`]).
pub fn export_brief(
    inputs: &BriefInputs,
    as_of: NaiveDate,
    paper: Paper,
    out: &Path,
) -> Result<BriefExport> {
    let brief = build_brief(inputs, as_of);
    write_atomically(out, &render_pdf(&brief, paper)?)?;
    Ok(BriefExport {
        path: out.display().to_string(),
        content_hash: brief.content_hash.clone(),
        recommendation: brief.recommendation.as_ref().map(|r| r.label.clone()),
    })
}

/// Builds the capital summary of `fiscal_year` as of `as_of` against an optional budget and
/// writes it to `out` as a PDF, atomically.
pub fn write_summary(
    portfolio: &Portfolio,
    fiscal_year: i32,
    budget: Option<rust_decimal::Decimal>,
    as_of: NaiveDate,
    paper: Paper,
    out: &Path,
) -> Result<summary::CapitalSummary> {
    let s = summary::summary_from_portfolio(portfolio, fiscal_year, budget, as_of)?;
    write_atomically(out, &summary::render_summary_pdf(&s, paper)?)?;
    Ok(s)
}

/// Draws one of the brief's charts of `request_id` as SVG or PNG and writes it to `out`,
/// atomically.
pub fn write_chart(
    portfolio: &Portfolio,
    request_id: RequestId,
    as_of: NaiveDate,
    kind: svg::ChartKind,
    format: svg::ChartFormat,
    out: &Path,
) -> Result<BudgetBrief> {
    let brief = brief_from_portfolio(portfolio, request_id, as_of)?;
    write_atomically(out, &svg::render_chart(&brief, kind, format)?)?;
    Ok(brief)
}

/// What `caliper export` writes, chosen by the output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// The workbook: ranking, scores, lifecycle and funding sheets.
    Xlsx,
    /// The ranked comparison alone.
    Csv,
}

impl ExportFormat {
    /// The format of `path` by its extension (`.xlsx` or `.csv`, any case).
    pub fn of_path(path: &Path) -> Result<Self> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            Some("xlsx") => Ok(ExportFormat::Xlsx),
            Some("csv") => Ok(ExportFormat::Csv),
            Some(other) => Err(Error::validation(
                "out",
                format!("'.{other}' is not an export format: use .xlsx (workbook) or .csv (ranked comparison)"),
            )),
            None => Err(Error::validation(
                "out",
                format!(
                    "{} has no extension: use .xlsx (workbook) or .csv (ranked comparison)",
                    path.display()
                ),
            )),
        }
    }
}

/// Writes the export of `request_id` as of `as_of` to `out`, as XLSX or CSV by its
/// extension, atomically (see [`write_atomically`]).
pub fn write_export(
    portfolio: &Portfolio,
    request_id: RequestId,
    as_of: NaiveDate,
    out: &Path,
) -> Result<(ExportFormat, xlsx::RequestExport)> {
    let format = ExportFormat::of_path(out)?;
    let export = xlsx::build_export(&brief_inputs(portfolio, request_id)?, as_of);
    let bytes = match format {
        ExportFormat::Xlsx => xlsx::render_xlsx(&export)?,
        ExportFormat::Csv => xlsx::render_csv(&export)?,
    };
    write_atomically(out, &bytes)?;
    Ok((format, export))
}

/// The window's data export: [`write_export`], returning the path written.
pub fn export_request_data(
    portfolio: &Portfolio,
    request_id: RequestId,
    as_of: NaiveDate,
    out: &Path,
) -> Result<String> {
    write_export(portfolio, request_id, as_of, out)?;
    Ok(out.display().to_string())
}

/// The window's capital summary: [`write_summary`] against a budget as typed (a decimal
/// amount; empty or absent means none), returning the path written.
pub fn export_capital_summary(
    portfolio: &Portfolio,
    fiscal_year: i32,
    budget: Option<&str>,
    as_of: NaiveDate,
    paper: Paper,
    out: &Path,
) -> Result<String> {
    let budget = match budget.map(str::trim).filter(|b| !b.is_empty()) {
        Some(text) => Some(parse_amount("budget", text)?),
        None => None,
    };
    write_summary(portfolio, fiscal_year, budget, as_of, paper, out)?;
    Ok(out.display().to_string())
}

/// A document's inputs hash: the first 12 hex digits of the SHA-256 of the canonical JSON
/// of what it was built from, printed in its footer (the same inputs, the same hash).
pub(crate) fn inputs_hash<T: serde::Serialize>(inputs: &T) -> String {
    use sha2::{Digest, Sha256};
    // Serialising plain data with string keys cannot fail; an empty hash input would
    // still give a stable (if less useful) hash.
    let json = serde_json::to_vec(inputs).unwrap_or_default();
    Sha256::digest(&json)
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}
