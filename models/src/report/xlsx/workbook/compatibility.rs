//! The Compatibility sheet: each candidate's scores against the site IT profile, then
//! every gap, unconfirmed point and advisory finding.

use super::{subtitle, Cells, Formats, Sheet, HEADER_ROW};
use crate::error::Result;
use crate::ipc::Choice;
use crate::report::xlsx::RequestExport;

/// Scores per candidate, then every gap, unconfirmed point and advisory finding.
pub(super) fn compatibility_sheet(mut s: Sheet, e: &RequestExport, f: &Formats) -> Result<()> {
    use crate::compat::{Area, Status};
    let c = &e.compatibility;
    s.note(
        0,
        0,
        &format!("Compatibility: {}", e.request.title),
        &f.title,
    )?;
    s.note(
        1,
        0,
        &format!(
            "{} · against the {} site IT profile, {} rules · scores in points of 100",
            subtitle(e),
            c.site_scope,
            c.rules
        ),
        &f.subtitle,
    )?;
    s.header(
        HEADER_ROW,
        &[
            "Candidate",
            "EHR integration",
            "Network",
            "Cybersecurity",
            "Blocking",
            "Major",
            "Minor",
            "Unconfirmed",
            &format!("Remediation ({})", e.currency),
            "Disqualified",
        ]
        .map(String::from),
        &f.header,
    )?;
    let mut row = HEADER_ROW + 1;
    for x in &c.candidates {
        s.text(row, 0, &x.label, &f.text)?;
        for (col, &area) in (1u16..).zip(Area::VALUES) {
            match x.score(area) {
                Some(v) => s.number(row, col, v, 5, &f.points)?,
                None => s.text(row, col, "-", &f.text)?,
            }
        }
        for (col, n) in (4u16..).zip([x.blocking, x.major, x.minor, x.unconfirmed]) {
            s.number(row, col, f64::from(n), 4, &f.integer)?;
        }
        s.money(row, 8, x.remediation_total, &e.currency, &f.money)?;
        s.text(row, 9, if x.disqualified { "yes" } else { "" }, &f.text)?;
        row += 1;
    }
    row += 1;
    s.header(
        row,
        &[
            "Candidate",
            "Area",
            "Rule",
            "Status",
            "Severity",
            "Finding",
            "Source",
            "Remediation",
            "Remediation cost",
        ]
        .map(String::from),
        &f.header,
    )?;
    row += 1;
    for x in &c.candidates {
        for g in x.findings.iter().filter(|g| {
            matches!(
                g.status,
                Status::Gap | Status::Unconfirmed | Status::Advisory
            )
        }) {
            s.text(row, 0, &x.label, &f.text)?;
            s.text(row, 1, g.area.label(), &f.text)?;
            s.text(row, 2, &g.title, &f.text)?;
            let status = match g.status {
                Status::Gap => "gap",
                Status::Unconfirmed => "unconfirmed",
                _ => "advisory",
            };
            s.text(row, 3, status, &f.text)?;
            s.text(row, 4, g.severity.map_or("", |v| v.in_text()), &f.text)?;
            s.fit(5, g.message.chars().count().min(60));
            s.note(row, 5, &g.message, &f.wrap)?;
            s.text(row, 6, &g.source, &f.text)?;
            s.text(row, 7, &g.remediation, &f.text)?;
            if let Some(cost) = g.remediation_cost {
                s.money(row, 8, cost, &e.currency, &f.money)?;
            }
            row += 1;
        }
    }
    s.finish(HEADER_ROW + 1, 1)
}
