//! The budget brief as a PDF: its sections in the order printed, one file each, laid out
//! with the report layout engine (`report::layout`) from a pure [`BudgetBrief`].
//!
//! Deterministic: the creation date is the as-of date and the file identifier is derived
//! from the content hash.

mod compatibility;
mod cover;
mod decision;
mod evaluators;
mod financial_case;
mod lifecycle;
mod ranking;
mod score_grid;
mod sensitivity;
mod sign_off;

use rust_decimal::Decimal;

use super::brief::BudgetBrief;
use super::layout::{finish_document, Document, Layout};
use crate::error::Result;

pub use super::layout::Paper;
pub use financial_case::FINANCIAL_CASE_HEADING;

/// The heading of each section, as printed.
pub const SECTION_HEADINGS: [&str; 9] = [
    "1 Executive summary",
    "2 Ranked comparison",
    "3 Lifecycle cost",
    "4 Compatibility and security",
    "5 Sensitivity",
    "6 Evaluators and method",
    "7 Decision",
    "8 Sign-off",
    "Appendix: score grid",
];

/// The compatibility section's text when there is nothing to check yet.
pub const COMPATIBILITY_NOT_ASSESSED: &str =
    "Not assessed yet: no candidate has an interoperability and security profile or an MDS2 form.";

/// Lays out the brief and returns the PDF's bytes.
pub fn render_pdf(brief: &BudgetBrief, paper: Paper) -> Result<Vec<u8>> {
    let mut l = Layout::new(paper)?;
    cover::cover_and_summary(&mut l, brief);
    ranking::ranked_comparison(&mut l, brief);
    lifecycle::lifecycle_section(&mut l, brief);
    financial_case::financial_case_section(&mut l, brief);
    compatibility::compatibility_section(&mut l, brief);
    sensitivity::sensitivity_section(&mut l, brief);
    evaluators::evaluators_section(&mut l, brief);
    decision::decision_section(&mut l, brief);
    sign_off::sign_off(&mut l);
    score_grid::appendix(&mut l, brief);

    let footer_left = format!(
        "{} · Request {} · Inputs {} · As of {}",
        brief.portfolio_name, brief.request.id, brief.content_hash, brief.as_of
    );
    finish_document(
        l,
        paper,
        &Document {
            title: format!("Capital request brief: {}", brief.request.title),
            subject: format!(
                "Capital request {} ({}, {}, FY{}): ranked comparison, lifecycle cost and sensitivity",
                brief.request.id, brief.department, brief.facility, brief.request.fiscal_year
            ),
            keywords: vec!["capital request".into(), "budget brief".into()],
            footer_left,
            content_hash: brief.content_hash.clone(),
            as_of: brief.as_of,
            id_prefix: "caliper-brief",
        },
    )
}

/// A decimal share as a percentage, `3.5 %`.
fn pct_decimal(d: Decimal) -> String {
    format!("{} %", (d * Decimal::ONE_HUNDRED).normalize())
}
