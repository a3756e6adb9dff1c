//! How results read on a terminal: fixed-width tables (long labels truncated with an
//! ellipsis) and pretty-printed JSON, the same JSON the desktop app receives.
//!
//! Everything reaches stdout through [`emit`]: when the reader closes the pipe early
//! (`caliper rank ... | head -1`) the rest of the output is dropped and the command still
//! finishes its work and exits with status 0, without a message. Text that came from
//! users or vendors (names, notes, form answers) goes through [`shown`] in tables, so
//! control characters reach the terminal as visible escapes (`\u{1b}`), never as
//! terminal escape sequences.

use caliper_models::assessment::RequestLifecycle;
use caliper_models::compat::mds2;
use caliper_models::compat::{Area, CompatibilityReport, Status};
use caliper_models::ipc::Choice;
use caliper_models::money::{format_amount, Currency};
use caliper_models::quote::validity_text;
use caliper_models::store::{CandidateQuote, CriteriaTree, RequestSummary};
use caliper_models::{Error, Result};

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{ErrorKind, Write as _};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once stdout's reader has gone away: later output is dropped.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Writes `text` to stdout. A closed pipe is not an error: the output is dropped (see the
/// module documentation); any other write error is.
pub fn emit(text: &str) -> Result<()> {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
            Ok(())
        }
        Err(e) => Err(Error::io("standard output", e)),
    }
}

/// `text` and a newline on stdout, through [`emit`].
pub fn emit_line(text: &str) -> Result<()> {
    emit(&format!("{text}\n"))
}

/// Pretty-printed JSON on stdout. JSON already escapes C0 control characters; DEL and the
/// C1 controls (which some terminals obey) are written as `\u` escapes too, which leaves
/// the JSON's meaning unchanged.
pub fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Error::internal(format!("the output does not convert to JSON: {e}")))?;
    let mut out = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        if matches!(c, '\u{7f}'..='\u{9f}') {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    emit(&out)
}

/// True for characters a terminal may act on rather than show: control characters and
/// the bidirectional overrides and isolates that reorder what follows them.
fn is_hidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// User-provided text as it is shown on a terminal: every control character (newlines and
/// tabs included, which would break a table's lines and columns) and bidirectional
/// override is replaced by its visible escape, e.g. `\u{1b}`.
pub fn shown(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_hidden(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// At most `width` characters of [`shown`] text, the last an ellipsis when it is longer.
pub fn truncate(s: &str, width: usize) -> String {
    let s = shown(s);
    if s.chars().count() <= width {
        s.into_owned()
    } else {
        s.chars().take(width - 1).collect::<String>() + "…"
    }
}

/// [`shown`] text, or a dash when it is empty.
fn or_dash(s: &str) -> Cow<'_, str> {
    if s.is_empty() {
        Cow::Borrowed("-")
    } else {
        shown(s)
    }
}

/// The requests of a portfolio, one line each.
pub fn print_requests(requests: &[RequestSummary]) -> Result<()> {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:>4}  {:<56} {:<28} {:>6}  {:<13} {:>10}",
        "ID", "Request", "Department", "FY", "Status", "Candidates"
    );
    for r in requests {
        let _ = writeln!(
            out,
            "{:>4}  {:<56} {:<28} {:>6}  {:<13} {:>10}",
            r.request.id,
            truncate(&r.request.title, 56),
            truncate(&r.department, 28),
            r.request.fiscal_year,
            r.request.status.as_str(),
            r.candidates
        );
    }
    emit(&out)
}

/// Each candidate's lifecycle figures, rounded to whole currency units for reading.
pub fn lifecycle_table(title: &str, l: &RequestLifecycle) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let a = &l.assumptions;
    let _ = writeln!(
        out,
        "{} (request {}): lifecycle cost in {}, discount rate {}%, inflation {}%",
        shown(title),
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
                    shown(problem.as_deref().unwrap_or("no lifecycle cost"))
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
pub fn print_compatibility(currency: &Currency, report: &CompatibilityReport) -> Result<()> {
    let mut out = String::new();
    let _ = writeln!(
        out,
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
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:<40} {:>5} {:>8} {:>9} {:>9} {:>6} {:>6} {:>18}",
        "Candidate", "EHR", "Network", "Security", "Blocking", "Major", "Minor", "Remediation"
    );
    let score = |s: Option<f64>| s.map_or("-".to_string(), |v| format!("{v:.0}"));
    for c in &report.candidates {
        let _ = writeln!(
            out,
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
        if gaps.is_empty() && c.evidence.is_empty() {
            continue;
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "{}:", shown(&c.label));
        for g in gaps {
            let severity = g.severity.map_or("", |s| s.in_text());
            let tag = match (severity, g.status == Status::Unconfirmed) {
                ("", true) => "unconfirmed".to_string(),
                (s, true) => format!("{s} (unconfirmed)"),
                (s, false) => s.to_string(),
            };
            let _ = writeln!(
                out,
                "  [{tag}] {}: {} ({})",
                shown(&g.title),
                shown(&g.message),
                shown(&g.source)
            );
            for n in &g.evidence {
                let _ = writeln!(
                    out,
                    "      {}: {} [{}]",
                    shown(&n.source),
                    shown(&n.text),
                    shown(&n.place)
                );
            }
        }
        let borne_out = c
            .findings
            .iter()
            .filter(|f| f.status == Status::Pass && f.evidence.iter().any(|n| n.supports))
            .count();
        if borne_out > 0 || !c.evidence.is_empty() {
            let samples: Vec<String> = c
                .evidence
                .iter()
                .map(|e| {
                    format!(
                        "{} ({} confirmed, {} gap(s))",
                        shown(&e.file_name),
                        e.report.confirmed,
                        e.report.gaps
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                "  evidence: {borne_out} passed point(s) rest on the MDS2 form or a sample{}",
                if samples.is_empty() {
                    String::new()
                } else {
                    format!("; samples: {}", samples.join(", "))
                }
            );
        }
    }
    emit(&out)
}

/// What a form's reading recognised per section, and every line it could not read.
pub fn print_mds2_parse(parse: &mds2::Mds2Parse) -> Result<()> {
    let mut out = String::new();
    let f = &parse.form;
    let _ = writeln!(out, "{} ({})", shown(&parse.file_name), parse.format);
    let _ = writeln!(
        out,
        "manufacturer: {}  model: {}  document: {}  released: {}",
        or_dash(&f.manufacturer),
        or_dash(&f.model),
        or_dash(&f.document_id),
        or_dash(&f.release_date)
    );
    let _ = writeln!(
        out,
        "{} of {} questions recognised",
        parse.recognised, parse.reference_questions
    );
    let _ = writeln!(
        out,
        "{:<8} {:>9} {:>5} {:>5} {:>5} {:>5}",
        "Section", "Questions", "Yes", "No", "N/A", "Text"
    );
    for s in &parse.sections {
        let _ = writeln!(
            out,
            "{:<8} {:>9} {:>5} {:>5} {:>5} {:>5}",
            s.section, s.questions, s.yes, s.no, s.not_applicable, s.text
        );
    }
    for c in &parse.corrections {
        let _ = writeln!(
            out,
            "note: {}: '{}' {}",
            shown(&c.place),
            shown(&c.text),
            shown(&c.message)
        );
    }
    for u in &parse.unreadable {
        let _ = writeln!(
            out,
            "unreadable: {}: '{}': {}",
            shown(&u.place),
            shown(&u.text),
            shown(&u.message)
        );
    }
    for c in &parse.conflicts {
        let _ = writeln!(
            out,
            "conflict: {} answered differently: {}",
            shown(&c.question_id),
            shown(&c.answers.join(" vs "))
        );
    }
    emit(&out)
}

/// Candidates' forms side by side, one question a row.
pub fn print_mds2_comparison(cmp: &mds2::Mds2Comparison) -> Result<()> {
    let mut out = String::new();
    let _ = write!(out, "{:<11}", "Question");
    for c in &cmp.columns {
        let _ = write!(out, " {:<14}", truncate(&c.label, 14));
    }
    let _ = writeln!(out);
    for row in &cmp.rows {
        let _ = write!(out, "{:<11}", shown(&row.question_id));
        for cell in &row.cells {
            let text = match cell {
                None => "-".to_string(),
                Some(c) => match (c.answer, c.note.is_empty()) {
                    (Some(a), true) => a.label().to_string(),
                    (Some(a), false) => format!("{}, {}", a.label(), c.note),
                    (None, _) => c.note.clone(),
                },
            };
            let _ = write!(out, " {:<14}", truncate(&text, 14));
        }
        let _ = writeln!(out, "  {}", truncate(&row.question, 60));
    }
    let _ = writeln!(out, "{} question(s) answered differently", cmp.differing);
    emit(&out)
}

/// What a command that changed the portfolio made: as JSON, or one line.
pub fn print_done<T: serde::Serialize>(json: bool, value: &T, line: &str) -> Result<()> {
    if json {
        print_json(value)
    } else {
        emit_line(line)
    }
}

/// A request's criteria by category, with their ids, weights and shares.
pub fn print_criteria(tree: &CriteriaTree) -> Result<()> {
    let mut out = String::new();
    for k in &tree.categories {
        let _ = writeln!(
            out,
            "{} ({:.1} %)",
            shown(&k.category.name),
            k.share * 100.0
        );
        for c in &k.criteria {
            let _ = writeln!(
                out,
                "  {:>4}  {:<48} {:<8} weight {:>7.2}  {:>5.1} %",
                c.criterion.id,
                truncate(&c.criterion.name, 48),
                c.criterion.kind.as_str(),
                c.criterion.weight,
                c.share * 100.0
            );
        }
    }
    emit(&out)
}

/// A request's candidates with their quotes and the warnings on them.
pub fn print_candidates(candidates: &[CandidateQuote]) -> Result<()> {
    let mut out = String::new();
    for q in candidates {
        let c = &q.candidate;
        let _ = writeln!(
            out,
            "{:>4}  {:<40} {:>6} x {:>14} {}  FDA {}  {}",
            c.id,
            truncate(&c.label(), 40),
            c.quantity,
            format_amount(c.unit_price.amount, 2),
            c.unit_price.currency.as_str(),
            c.fda_product_code.as_deref().unwrap_or("-"),
            validity_text(c)
        );
        for w in &q.quote_warnings {
            let _ = writeln!(out, "      warning: {}", shown(w.message()));
        }
    }
    emit(&out)
}
