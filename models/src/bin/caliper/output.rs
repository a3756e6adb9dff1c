//! How results read on a terminal: fixed-width tables (long labels truncated with an
//! ellipsis) and pretty-printed JSON, the same JSON the desktop app receives.

use caliper_models::assessment::{RequestLifecycle, RequestRanking};
use caliper_models::compat::mds2;
use caliper_models::compat::{Area, CompatibilityReport, Status};
use caliper_models::ipc::Choice;
use caliper_models::money::{format_amount, Currency};
use caliper_models::store::RequestSummary;
use caliper_models::{Error, Result};

/// Pretty-printed JSON on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Error::internal(format!("the output does not convert to JSON: {e}")))?;
    println!("{text}");
    Ok(())
}

/// At most `width` characters, the last an ellipsis when `s` is longer.
fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        s.chars().take(width - 1).collect::<String>() + "…"
    }
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() {
        "-"
    } else {
        s
    }
}

/// The requests of a portfolio, one line each.
pub fn print_requests(requests: &[RequestSummary]) {
    println!(
        "{:>4}  {:<56} {:<28} {:>6}  {:<13} {:>10}",
        "ID", "Request", "Department", "FY", "Status", "Candidates"
    );
    for r in requests {
        println!(
            "{:>4}  {:<56} {:<28} {:>6}  {:<13} {:>10}",
            r.request.id,
            truncate(&r.request.title, 56),
            truncate(&r.department, 28),
            r.request.fiscal_year,
            r.request.status.as_str(),
            r.candidates
        );
    }
}

/// The ranked comparison as a plain-text table: scores in points out of 100.
pub fn ranking_table(r: &RequestRanking) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} (request {}), {}",
        r.title,
        r.request_id,
        r.method.in_text()
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:>4}  {:<40} {:>12}  {:>18}",
        "Rank", "Candidate", "Score", "Quoted total"
    );
    for c in &r.candidates {
        let rank = match (c.rank, c.tied) {
            (Some(n), true) => format!("={n}"),
            (Some(n), false) => n.to_string(),
            (None, _) => "-".into(),
        };
        let score = if c.disqualified {
            "disqualified".into()
        } else {
            c.score
                .map_or_else(|| "incomplete".into(), |s| format!("{:.1}", s * 100.0))
        };
        let _ = writeln!(
            out,
            "{:>4}  {:<40} {:>12}  {:>18}{}",
            rank,
            truncate(&c.label, 40),
            score,
            c.quoted_total.display(),
            if c.blocking_gaps > 0 {
                format!("  ! {} blocking compatibility gap(s)", c.blocking_gaps)
            } else {
                String::new()
            }
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Contributions (points of 100) by criterion:");
    let _ = write!(out, "{:<40} {:>6}", "Criterion", "Weight");
    for c in &r.candidates {
        let _ = write!(out, " {:>10}", truncate(&c.label, 10));
    }
    let _ = writeln!(out);
    for (i, crit) in r.criteria.iter().enumerate() {
        let _ = write!(
            out,
            "{:<40} {:>5.1}%",
            truncate(&crit.name, 40),
            crit.weight * 100.0
        );
        for c in &r.candidates {
            let cell = &c.cells[i];
            let text = cell
                .contribution
                .map_or_else(|| "missing".into(), |v| format!("{:.1}", v * 100.0));
            let flag = if cell.summary.as_ref().is_some_and(|s| s.disagreement) {
                "!"
            } else {
                " "
            };
            let _ = write!(out, " {:>9}{flag}", text);
        }
        let _ = writeln!(out);
    }
    if r.candidates.iter().any(|c| {
        c.cells
            .iter()
            .any(|x| x.summary.as_ref().is_some_and(|s| s.disagreement))
    }) {
        let _ = writeln!(
            out,
            "! evaluators disagree by 2 or more points: discuss before deciding"
        );
    }
    if !r.missing.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Missing values (the candidate stays unranked until they are entered):"
        );
        for m in &r.missing {
            let _ = writeln!(out, "  {}: {}", m.candidate, m.criterion);
        }
    }
    out
}

/// Each candidate's lifecycle figures, rounded to whole currency units for reading.
pub fn lifecycle_table(title: &str, l: &RequestLifecycle) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let a = &l.assumptions;
    let _ = writeln!(
        out,
        "{title} (request {}): lifecycle cost in {}, discount rate {}%, inflation {}%",
        l.request_id,
        a.currency,
        (a.discount_rate * rust_decimal::Decimal::ONE_HUNDRED).normalize(),
        (a.inflation * rust_decimal::Decimal::ONE_HUNDRED).normalize()
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:<40} {:>5} {:>12} {:>14} {:>14} {:>12} {:>10}",
        "Candidate", "Life", "Capital", "Nominal total", "NPV", "EAC", "Per use"
    );
    for c in &l.candidates {
        match (&c.lifecycle, &c.problem) {
            (Some(lc), _) => {
                let _ = writeln!(
                    out,
                    "{:<40} {:>4}y {:>12} {:>14} {:>14} {:>12} {:>10}",
                    truncate(&c.label, 40),
                    lc.expected_life_years,
                    format_amount(lc.capital, 0),
                    format_amount(lc.nominal_total, 0),
                    format_amount(lc.npv, 0),
                    format_amount(lc.eac, 0),
                    lc.cost_per_use
                        .map_or_else(|| "-".into(), |v| format_amount(v, 2)),
                );
            }
            (None, problem) => {
                let _ = writeln!(
                    out,
                    "{:<40} {}",
                    truncate(&c.label, 40),
                    problem.as_deref().unwrap_or("no lifecycle cost")
                );
            }
        }
    }
    let _ = writeln!(out);
    if l.unequal_lives {
        let _ = writeln!(
            out,
            "Expected lives differ: compare on EAC (equivalent annual cost), not NPV."
        );
    } else {
        let _ = writeln!(
            out,
            "Compared on EAC (equivalent annual cost); with equal lives NPV ranks the same."
        );
    }
    out
}

/// Each candidate's compatibility scores and gap counts, then its gaps.
pub fn print_compatibility(currency: &Currency, report: &CompatibilityReport) {
    println!(
        "Compatibility of request {} against the {} site profile ({} rules){}",
        report.request_id,
        report.site_scope,
        report.rules,
        if report.disqualify_blocking {
            "; blocking gaps disqualify"
        } else {
            ""
        }
    );
    println!();
    println!(
        "{:<40} {:>5} {:>8} {:>9} {:>9} {:>6} {:>6} {:>18}",
        "Candidate", "EHR", "Network", "Security", "Blocking", "Major", "Minor", "Remediation"
    );
    let score = |s: Option<f64>| s.map_or("-".to_string(), |v| format!("{v:.0}"));
    for c in &report.candidates {
        println!(
            "{:<40} {:>5} {:>8} {:>9} {:>9} {:>6} {:>6} {:>18}{}",
            truncate(&c.label, 40),
            score(c.score(Area::Ehr)),
            score(c.score(Area::Network)),
            score(c.score(Area::Security)),
            c.blocking,
            c.major,
            c.minor,
            format!(
                "{} {}",
                currency.as_str(),
                format_amount(c.remediation_total, 0)
            ),
            if c.disqualified { "  DISQUALIFIED" } else { "" }
        );
    }
    for c in &report.candidates {
        let gaps: Vec<_> = c.gaps().collect();
        if gaps.is_empty() {
            continue;
        }
        println!();
        println!("{}:", c.label);
        for g in gaps {
            let severity = g.severity.map_or("", |s| s.in_text());
            let status = if g.status == Status::Unconfirmed {
                " (unconfirmed)"
            } else {
                ""
            };
            println!(
                "  [{severity}{status}] {}: {} ({})",
                g.title, g.message, g.source
            );
        }
    }
}

/// What a form's reading recognised per section, and every line it could not read.
pub fn print_mds2_parse(parse: &mds2::Mds2Parse) {
    let f = &parse.form;
    println!("{} ({})", parse.file_name, parse.format);
    println!(
        "manufacturer: {}  model: {}  document: {}  released: {}",
        or_dash(&f.manufacturer),
        or_dash(&f.model),
        or_dash(&f.document_id),
        or_dash(&f.release_date)
    );
    println!(
        "{} of {} questions recognised",
        parse.recognised, parse.reference_questions
    );
    println!(
        "{:<8} {:>9} {:>5} {:>5} {:>5} {:>5}",
        "Section", "Questions", "Yes", "No", "N/A", "Text"
    );
    for s in &parse.sections {
        println!(
            "{:<8} {:>9} {:>5} {:>5} {:>5} {:>5}",
            s.section, s.questions, s.yes, s.no, s.not_applicable, s.text
        );
    }
    for c in &parse.corrections {
        println!("note: {}: '{}' {}", c.place, c.text, c.message);
    }
    for u in &parse.unreadable {
        println!("unreadable: {}: '{}': {}", u.place, u.text, u.message);
    }
    for c in &parse.conflicts {
        println!(
            "conflict: {} answered differently: {}",
            c.question_id,
            c.answers.join(" vs ")
        );
    }
}

/// Candidates' forms side by side, one question a row.
pub fn print_mds2_comparison(cmp: &mds2::Mds2Comparison) {
    print!("{:<11}", "Question");
    for c in &cmp.columns {
        print!(" {:<14}", truncate(&c.label, 14));
    }
    println!();
    for row in &cmp.rows {
        print!("{:<11}", row.question_id);
        for cell in &row.cells {
            let text = match cell {
                None => "-".to_string(),
                Some(c) => match (c.answer, c.note.is_empty()) {
                    (Some(a), true) => a.label().to_string(),
                    (Some(a), false) => format!("{}, {}", a.label(), c.note),
                    (None, _) => c.note.clone(),
                },
            };
            print!(" {:<14}", truncate(&text, 14));
        }
        println!("  {}", truncate(&row.question, 60));
    }
    println!("{} question(s) answered differently", cmp.differing);
}
