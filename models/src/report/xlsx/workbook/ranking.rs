//! The Ranking sheet: the ranked comparison with each criterion's contribution, the
//! criteria and their weights, and the values still missing.

use super::{subtitle, Cells, Formats, Sheet, HEADER_ROW};
use crate::assessment::RequestRanking;
use crate::criteria::{CriterionKind, Direction};
use crate::error::Result;
use crate::ranking::shown::points_value;
use crate::ranking::Method;
use crate::report::xlsx::{ranking_rows, RequestExport};

/// The ranked comparison, then the criteria and their weights, then the missing values.
pub(super) fn ranking_sheet(mut s: Sheet, e: &RequestExport, f: &Formats) -> Result<()> {
    s.note(
        0,
        0,
        &format!("Ranked comparison: {}", e.request.title),
        &f.title,
    )?;
    let Some(r) = &e.ranking else {
        s.note(1, 0, &subtitle(e), &f.subtitle)?;
        s.header(
            HEADER_ROW,
            &["Rank", "Candidate", "Vendor", "Score (points)"].map(String::from),
            &f.header,
        )?;
        s.note(
            HEADER_ROW + 1,
            0,
            &format!(
                "No ranking yet: {}.",
                e.ranking_problem
                    .as_deref()
                    .unwrap_or("it could not be computed")
            ),
            &f.text,
        )?;
        return s.finish(HEADER_ROW + 1, 0);
    };
    s.note(
        1,
        0,
        &format!(
            "{} · {}; scores and contributions in points of 100",
            subtitle(e),
            r.method.in_text()
        ),
        &f.subtitle,
    )?;
    let row = ranked_rows(&mut s, e, f, r)?;
    let row = criteria_rows(&mut s, f, r, row)?;
    if !r.missing.is_empty() {
        missing_rows(&mut s, f, r, row)?;
    }
    s.finish(HEADER_ROW + 1, 2)
}

/// The candidates, best first: rank, score, quoted total, contributions and a note.
/// Returns the next row.
fn ranked_rows(s: &mut Sheet, e: &RequestExport, f: &Formats, r: &RequestRanking) -> Result<u32> {
    let cur = &e.currency;
    let mut titles: Vec<String> = [
        "Rank".to_string(),
        "Candidate".into(),
        "Vendor".into(),
        "Score (points)".into(),
        format!("Quoted total ({cur})"),
    ]
    .into();
    let ranged = r.candidates.iter().any(|c| !c.unconfirmed.is_empty());
    titles.extend(r.criteria.iter().map(|c| c.name.clone()));
    titles.push("Note".into());
    s.header(HEADER_ROW, &titles, &f.header)?;
    let first_criterion = 5u16;
    let note_col = first_criterion + r.criteria.len() as u16;
    let mut row = HEADER_ROW + 1;
    for shown in ranking_rows(r) {
        if let Some(rank) = shown.rank {
            s.number(row, 0, f64::from(rank), 3, &f.integer)?;
        }
        s.text(row, 1, &shown.candidate, &f.text)?;
        s.text(row, 2, &shown.vendor, &f.text)?;
        if let Some(score) = shown.score {
            s.number(row, 3, number(score), 5, &f.points_bold)?;
        }
        s.money(row, 4, shown.quoted_total, cur, &f.money)?;
        for (k, c) in shown.contributions.iter().enumerate() {
            if let Some(v) = c {
                s.number(row, first_criterion + k as u16, number(*v), 5, &f.points)?;
            }
        }
        let note = match (shown.rank, shown.tied) {
            (None, _) if c_disqualified(e, &shown.candidate) => {
                "disqualified: blocking compatibility gap".to_string()
            }
            (None, _) => "unranked: values missing".into(),
            (Some(_), true) => "tied".into(),
            _ => String::new(),
        };
        let note = match (&shown.score_low, &shown.score_high) {
            (Some(lo), Some(hi)) if !shown.unconfirmed.is_empty() => {
                let unconfirmed = format!(
                    "unconfirmed: {}; score {lo} to {hi} until confirmed",
                    shown.unconfirmed.join(", ")
                );
                if note.is_empty() {
                    unconfirmed
                } else {
                    format!("{note}; {unconfirmed}")
                }
            }
            _ => note,
        };
        if !note.is_empty() {
            s.text(row, note_col, &note, &f.text)?;
        }
        row += 1;
    }
    if ranged {
        s.note(
            row,
            0,
            "Unconfirmed compatibility points (no device profile entry or MDS2 answer yet) count at the middle of their range; the note gives the score with all of them failed and all passed.",
            &f.subtitle,
        )?;
        row += 1;
    }
    if r.method == Method::Topsis {
        s.note(
            row,
            0,
            "TOPSIS scores are closeness to the ideal; they are not additive, so no contributions are shown.",
            &f.subtitle,
        )?;
        row += 1;
    }
    Ok(row)
}

/// Each criterion's category, kind, direction and weight, after a blank row. Returns the
/// next row.
fn criteria_rows(s: &mut Sheet, f: &Formats, r: &RequestRanking, mut row: u32) -> Result<u32> {
    // The criteria and their weights.
    row += 1;
    s.note(row, 0, "Criteria and weights", &f.bold)?;
    row += 1;
    for (c, t) in [
        "",
        "Criterion",
        "Category",
        "Kind",
        "Direction",
        "Weight",
        "Scale",
    ]
    .iter()
    .enumerate()
    {
        s.note(row, c as u16, t, &f.header)?;
    }
    row += 1;
    for c in &r.criteria {
        s.text(row, 1, &c.name, &f.text)?;
        s.text(row, 2, &c.category, &f.text)?;
        let kind = match c.kind {
            CriterionKind::Judged => "judged (1-5)",
            CriterionKind::Measured => "measured",
        };
        s.text(row, 3, kind, &f.text)?;
        let dir = match c.direction {
            Direction::Benefit => "higher is better",
            Direction::Cost => "lower is better",
        };
        s.text(row, 4, dir, &f.text)?;
        s.number(row, 5, points_value(c.weight) / 100.0, 6, &f.percent)?;
        s.text(row, 6, &c.scale_text, &f.text)?;
        row += 1;
    }
    Ok(row)
}

/// The values still missing, after a blank row.
fn missing_rows(s: &mut Sheet, f: &Formats, r: &RequestRanking, mut row: u32) -> Result<()> {
    row += 1;
    s.note(
        row,
        0,
        "Missing values (the candidate stays unranked until they are entered)",
        &f.bold,
    )?;
    row += 1;
    for m in &r.missing {
        s.text(row, 1, &m.candidate, &f.text)?;
        s.text(row, 2, &m.criterion, &f.text)?;
        s.note(row, 3, &m.reason, &f.text)?;
        row += 1;
    }
    Ok(())
}

/// A shown figure as a spreadsheet number.
fn number(d: rust_decimal::Decimal) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    d.to_f64().unwrap_or_default()
}

fn c_disqualified(e: &RequestExport, label: &str) -> bool {
    e.compatibility
        .candidates
        .iter()
        .any(|c| c.label == label && c.disqualified)
}
