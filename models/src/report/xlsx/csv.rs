//! The ranked comparison as CSV, for a spreadsheet or a script.

use super::{ranking_rows, RequestExport};
use crate::error::{Error, Result};

/// The ranked comparison as CSV: one row per candidate, best first; scores (with their
/// range when compatibility points are unconfirmed) and contributions in points of 100 to
/// 0.1, the quoted total as an exact decimal to the cent.
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
        "score_low_points",
        "score_high_points",
        "unconfirmed",
        "quoted_total",
        "currency",
    ]
    .map(String::from)
    .into();
    header.extend(r.criteria.iter().map(|c| inert(&c.name)));
    w.write_record(&header).map_err(csv_error)?;
    for shown in ranking_rows(r) {
        let mut rec: Vec<String> = vec![
            shown.rank.map(|n| n.to_string()).unwrap_or_default(),
            shown.tied.to_string(),
            inert(&shown.candidate),
            inert(&shown.vendor),
            text(shown.score),
            text(shown.score_low),
            text(shown.score_high),
            inert(&shown.unconfirmed.join("; ")),
            format!("{:.2}", shown.quoted_total),
            e.currency.to_string(),
        ];
        rec.extend(shown.contributions.iter().map(|c| text(*c)));
        w.write_record(&rec).map_err(csv_error)?;
    }
    w.into_inner()
        .map_err(|err| Error::render("the CSV file", err.error()))
}

/// A shown figure, or an empty cell.
fn text(d: Option<rust_decimal::Decimal>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Text as a spreadsheet will read it, never as a formula: a cell that starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe (OWASP's advice on
/// CSV injection). Only names typed by people pass through here; numbers are written as
/// numbers. (The workbook needs no such step: its text cells are typed as strings, which
/// a spreadsheet never evaluates.)
pub(crate) fn inert(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::inert;

    #[test]
    fn formula_like_names_are_made_inert() {
        for (name, written) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+1 Monitor", "'+1 Monitor"),
            ("-cmd", "'-cmd"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tTab", "'\tTab"),
            ("\rReturn", "'\rReturn"),
            ("Kestrel KM-9", "Kestrel KM-9"),
            ("", ""),
        ] {
            assert_eq!(inert(name), written);
        }
    }
}
