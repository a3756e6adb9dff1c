//! The ranked comparison as CSV, for a spreadsheet or a script.

use super::{ranking_rows, RequestExport};
use crate::error::{Error, Result};

/// The ranked comparison as CSV: one row per candidate, best first; scores and
/// contributions in points of 100 to 0.1, the quoted total as an exact decimal to the cent.
pub fn render_csv(e: &RequestExport) -> Result<Vec<u8>> {
    let csv_error = |err: ::csv::Error| Error::render("the CSV file", err);
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let Some(r) = &e.ranking else {
        return Err(Error::validation(
            "request",
            format!(
                "request {} has no ranked comparison to export: {}",
                e.request.id,
                e.ranking_problem
                    .as_deref()
                    .unwrap_or("it could not be computed")
            ),
        ));
    };
    let mut header: Vec<String> = [
        "rank",
        "tied",
        "candidate",
        "vendor",
        "score_points",
        "quoted_total",
        "currency",
    ]
    .map(String::from)
    .into();
    header.extend(r.criteria.iter().map(|c| c.name.clone()));
    w.write_record(&header).map_err(csv_error)?;
    for shown in ranking_rows(r) {
        let mut rec: Vec<String> = vec![
            shown.rank.map(|n| n.to_string()).unwrap_or_default(),
            shown.tied.to_string(),
            shown.candidate,
            shown.vendor,
            shown.score.map(|v| format!("{v:.1}")).unwrap_or_default(),
            format!("{:.2}", shown.quoted_total),
            e.currency.to_string(),
        ];
        rec.extend(
            shown
                .contributions
                .iter()
                .map(|c| c.map(|v| format!("{v:.1}")).unwrap_or_default()),
        );
        w.write_record(&rec).map_err(csv_error)?;
    }
    w.into_inner()
        .map_err(|err| Error::render("the CSV file", err.error()))
}
