//! Section 4, compatibility and security: each candidate's scores against the site IT
//! profile, then its gaps and unconfirmed points.

use super::{COMPATIBILITY_NOT_ASSESSED, SECTION_HEADINGS};
use crate::compat::{Area, CandidateCompatibility, CompatibilityReport, Severity, Status};
use crate::evidence::FindingKind;
use crate::money::format_amount;
use crate::report::brief::{money_units, BudgetBrief};
use crate::report::layout::{table_estimate, Align, Cell, Column, Layout, Row, BODY, INK, WARN};

/// Section 4: the scores table, then each candidate's gaps and unconfirmed points.
pub(super) fn compatibility_section(l: &mut Layout, b: &BudgetBrief) {
    l.heading(SECTION_HEADINGS[3]);
    let c = &b.compatibility;
    if !c
        .candidates
        .iter()
        .any(|x| x.has_profile || x.has_mds2 || !x.evidence.is_empty())
    {
        l.paragraph(COMPATIBILITY_NOT_ASSESSED, BODY, false, WARN, 0.0);
        return;
    }
    compatibility_intro(l, c);
    scores_table(l, b, c);
    for x in &c.candidates {
        candidate_findings(l, b, x);
        candidate_evidence(l, x);
    }
}

/// What was checked against what, and what a gap costs.
fn compatibility_intro(l: &mut Layout, c: &CompatibilityReport) {
    let site = &c.site;
    let ehr = [site.ehr_product.as_str(), site.ehr_version.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    l.paragraph(
        &format!(
            "Each candidate's interoperability and security profile and its vendor's MDS2 form (ANSI/NEMA HN 1-2019) checked against the {} site IT profile{} with {} rules. Scores are points of 100 (a blocking gap scores its area 0); a gap's remediation cost is included in the lifecycle cost.{}",
            c.site_scope,
            if ehr.is_empty() { String::new() } else { format!(" (EHR: {ehr})") },
            c.rules,
            if c.disqualify_blocking {
                " Candidates with a blocking gap are left out of the ranking."
            } else {
                ""
            }
        ),
        BODY,
        false,
        INK,
        0.0,
    );
}

/// Each candidate's area scores, gap counts and remediation total.
fn scores_table(l: &mut Layout, b: &BudgetBrief, c: &CompatibilityReport) {
    let w = l.width();
    let widths = [12.0, 18.0, 18.0, 18.0, 14.0, 14.0, 24.0];
    let columns = vec![
        Column::new(
            "Candidate",
            w - widths.iter().sum::<f32>() - 4.0,
            Align::Left,
        ),
        Column::new("EHR", widths[0], Align::Right),
        Column::new("Network", widths[1], Align::Right),
        Column::new("Security", widths[2], Align::Right),
        Column::new("Blocking", widths[3], Align::Right),
        Column::new("Major", widths[4], Align::Right),
        Column::new("Minor", widths[5], Align::Right),
        Column::new(
            format!("Remediation ({})", b.currency),
            widths[6] + 4.0,
            Align::Right,
        ),
    ];
    let score = |s: Option<f64>| s.map_or("-".to_string(), |v| format!("{v:.0}"));
    let rows: Vec<Row> = c
        .candidates
        .iter()
        .map(|x| {
            let label = match (x.has_profile, x.has_mds2, x.disqualified) {
                (_, _, true) => format!("{} (disqualified)", x.label),
                (false, false, _) if !x.evidence.is_empty() => {
                    format!("{} (samples only)", x.label)
                }
                (false, false, _) => format!("{} (no profile, no MDS2)", x.label),
                (true, false, _) => format!("{} (no MDS2)", x.label),
                (false, true, _) => format!("{} (MDS2 only)", x.label),
                (true, true, _) => x.label.clone(),
            };
            let blocking = Cell::new(x.blocking.to_string());
            Row::new(vec![
                Cell::new(label),
                Cell::new(score(x.score(Area::Ehr))),
                Cell::new(score(x.score(Area::Network))),
                Cell::new(score(x.score(Area::Security))),
                if x.blocking > 0 {
                    blocking.bold().color(WARN)
                } else {
                    blocking
                },
                Cell::new(x.major.to_string()),
                Cell::new(x.minor.to_string()),
                Cell::new(format_amount(x.remediation_total, 0)),
            ])
        })
        .collect();
    l.table(&columns, &rows, 8.0);
}

/// A candidate's gaps with their remediation, and its unconfirmed points, if any.
fn candidate_findings(l: &mut Layout, b: &BudgetBrief, x: &CandidateCompatibility) {
    let gaps: Vec<_> = x
        .findings
        .iter()
        .filter(|f| f.status == Status::Gap)
        .collect();
    if gaps.is_empty() && x.unconfirmed == 0 {
        return;
    }
    l.subheading_keep(&x.label, 16.0);
    for g in gaps {
        let severity = match g.severity {
            Some(Severity::Blocking) => "BLOCKING",
            Some(Severity::Major) => "Major",
            _ => "Minor",
        };
        let cost = g
            .remediation_cost
            .map(|amount| {
                format!(
                    " Remediation: {} ({}).",
                    money_units(&b.currency, amount),
                    g.remediation
                )
            })
            .unwrap_or_default();
        l.bullet(
            &format!(
                "{severity}: {}: {} [{}].{cost}",
                g.title, g.message, g.source
            ),
            BODY,
        );
    }
    if x.unconfirmed > 0 {
        let titles: Vec<&str> = x
            .findings
            .iter()
            .filter(|f| f.status == Status::Unconfirmed && f.severity.is_some())
            .map(|f| f.title.as_str())
            .collect();
        if !titles.is_empty() {
            l.bullet(
                &format!(
                    "Unconfirmed (confirm with the vendor): {}.",
                    titles.join(", ")
                ),
                BODY,
            );
        }
    }
}

/// The evidence behind a candidate's points: each finding's MDS2 answers (form, page and
/// line) and sample interface files (file, message and field), then what the samples
/// themselves lack.
fn candidate_evidence(l: &mut Layout, x: &CandidateCompatibility) {
    let mut forms: Vec<&str> = Vec::new();
    let against = x
        .findings
        .iter()
        .flat_map(|f| &f.evidence)
        .any(|n| !n.supports);
    let rows: Vec<Row> = x
        .findings
        .iter()
        .flat_map(|f| f.evidence.iter().enumerate().map(move |(i, n)| (f, i, n)))
        .map(|(f, i, n)| {
            let title = if i == 0 {
                f.title.clone()
            } else {
                String::new()
            };
            // The form is named once above the table; a sample on each of its rows.
            let said = match n.source.strip_prefix("MDS2 form ") {
                Some(form) => {
                    if !forms.contains(&form) {
                        forms.push(form);
                    }
                    format!("MDS2: {}", n.text)
                }
                None => format!("{}: {}", n.source.trim_start_matches("sample "), n.text),
            };
            let text = Cell::new(said);
            Row::new(vec![
                Cell::new(title),
                if n.supports { text } else { text.color(WARN) },
                Cell::new(n.place.clone()),
            ])
        })
        .collect();
    if rows.is_empty() && x.evidence.is_empty() {
        return;
    }
    let estimate = table_estimate(rows.len(), 7.5);
    let keep = if estimate <= (l.bottom - l.top) * 0.4 {
        estimate + 10.0
    } else {
        30.0
    };
    l.subheading_keep(&format!("{}: evidence", x.label), keep);
    let mut intro = Vec::new();
    if !forms.is_empty() {
        intro.push(format!("MDS2 form: {}.", forms.join(", ")));
    }
    if against {
        intro.push("In red: evidence that does not bear the point out.".to_string());
    }
    if !intro.is_empty() {
        l.paragraph(&intro.join(" "), BODY, false, INK, 0.0);
    }
    if !rows.is_empty() {
        let w = l.width();
        let columns = [
            Column::new("Point", 46.0, Align::Left),
            Column::new("Evidence", w - 46.0 - 36.0, Align::Left),
            Column::new("Place", 36.0, Align::Left),
        ];
        l.table(&columns, &rows, 7.5);
    }
    sample_gaps(l, x);
}

/// Each kept sample's own gaps, the first few in full.
fn sample_gaps(l: &mut Layout, x: &CandidateCompatibility) {
    const SHOWN_GAPS: usize = 6;
    for sample in &x.evidence {
        let r = &sample.report;
        let gaps: Vec<String> = r
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::Gap)
            .map(|f| format!("{}: {} [{}]", f.capability, f.detail, f.place))
            .collect();
        let mut text = format!(
            "Sample {} ({}, {} item(s)): {} confirmed, {} gap(s)",
            sample.file_name, r.format, r.items, r.confirmed, r.gaps
        );
        if !gaps.is_empty() {
            let shown: Vec<&str> = gaps.iter().take(SHOWN_GAPS).map(String::as_str).collect();
            text.push_str(&format!(": {}", shown.join("; ")));
            if gaps.len() > SHOWN_GAPS {
                text.push_str(&format!("; and {} more", gaps.len() - SHOWN_GAPS));
            }
        }
        text.push('.');
        l.bullet(&text, BODY);
    }
}
