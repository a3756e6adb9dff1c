//! Benchmark: the demo request's budget brief, built from the engines and laid out as a
//! PDF (best of 10, against a 100 ms target), beside LibreOffice converting an equivalent
//! document (the brief's text and tables as HTML) to PDF headless, when `soffice` is on
//! PATH; then the brief's three slide charts as SVG and as PNG (best of 10 each).
//!
//! `cargo bench -p caliper-models --bench brief`.

use std::fmt::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use caliper_models::demo::write_demo;
use caliper_models::ids::RequestId;
use caliper_models::money::format_amount;
use caliper_models::report::brief::{money_units, points};
use caliper_models::report::svg::{render_chart, ChartFormat, ChartKind};
use caliper_models::report::{brief_inputs, build_brief, render_pdf, BudgetBrief, Paper};
use caliper_models::store::Portfolio;
use chrono::NaiveDate;

const RUNS: usize = 10;
const TARGET_MS: f64 = 100.0;
const SOFFICE_RUNS: usize = 3;

fn main() {
    let mut p = Portfolio::in_memory().expect("in-memory portfolio");
    write_demo(&mut p).expect("demo portfolio");
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).expect("date");

    let mut best = f64::INFINITY;
    let mut bytes = Vec::new();
    let mut brief = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        let inputs = brief_inputs(&p, RequestId(1)).expect("brief inputs");
        let b = build_brief(&inputs, as_of);
        bytes = render_pdf(&b, Paper::A4).expect("render");
        best = best.min(start.elapsed().as_secs_f64() * 1e3);
        brief = Some(b);
    }
    let brief = brief.expect("a brief");
    println!(
        "Budget brief of the demo request ({}), read + build (10,000-sample sensitivity) + PDF layout, best of {RUNS}:",
        brief.request.title
    );
    println!(
        "  Caliper (Rust, printpdf, plotters): {best:>8.1} ms  ({} KiB; target {TARGET_MS:.0} ms: {})",
        bytes.len() / 1024,
        if best <= TARGET_MS { "met" } else { "MISSED" }
    );

    slide_charts(&brief);

    let dir = tempfile::tempdir().expect("temporary directory");
    let html = dir.path().join("brief.html");
    std::fs::write(&html, brief_html(&brief)).expect("write the HTML");
    match soffice_best(dir.path(), &html) {
        Some(Ok(ms)) => println!(
            "  LibreOffice headless, HTML to PDF:  {ms:>8.1} ms  (best of {SOFFICE_RUNS} after a warm-up; {:.0}x Caliper)",
            ms / best
        ),
        Some(Err(e)) => println!("  LibreOffice headless: failed: {e}"),
        None => println!(
            "  LibreOffice headless: not measured: `soffice` is not on PATH. Install it with\n    apt-get install -y libreoffice-writer-nogui\n  and run the benchmark again."
        ),
    }
}

/// The three slide charts in each format, best of 10.
fn slide_charts(brief: &BudgetBrief) {
    println!("Slide charts of the same brief (caliper chart), best of {RUNS}:");
    for (format, name) in [(ChartFormat::Svg, "SVG"), (ChartFormat::Png, "PNG")] {
        let mut best = f64::INFINITY;
        let mut bytes = 0;
        for _ in 0..RUNS {
            let start = Instant::now();
            bytes = [
                ChartKind::Contributions,
                ChartKind::Cumulative,
                ChartKind::Tornado,
            ]
            .into_iter()
            .map(|kind| render_chart(brief, kind, format).expect("chart").len())
            .sum();
            best = best.min(start.elapsed().as_secs_f64() * 1e3);
        }
        println!(
            "  three charts as {name}:              {best:>8.1} ms  ({} KiB)",
            bytes / 1024
        );
    }
}

/// Best wall time of `soffice --headless --convert-to pdf`, after one warm-up run that
/// creates its (temporary) user profile; `None` when LibreOffice is not installed.
fn soffice_best(dir: &Path, html: &Path) -> Option<Result<f64, String>> {
    let probe = Command::new("soffice").arg("--version").output();
    if probe.is_err() {
        return None;
    }
    let profile = format!("file://{}", dir.join("profile").display());
    let run = || -> Result<f64, String> {
        let start = Instant::now();
        let out = Command::new("soffice")
            .arg(format!("-env:UserInstallation={profile}"))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir)
            .arg(html)
            .output()
            .map_err(|e| e.to_string())?;
        let ms = start.elapsed().as_secs_f64() * 1e3;
        if !out.status.success() || !dir.join("brief.pdf").exists() {
            return Err(String::from_utf8_lossy(&out.stderr).into_owned());
        }
        Ok(ms)
    };
    Some((|| {
        run()?;
        let mut best = f64::INFINITY;
        for _ in 0..SOFFICE_RUNS {
            best = best.min(run()?);
        }
        Ok(best)
    })())
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The brief's text and tables as one HTML document: what LibreOffice lays out.
fn brief_html(b: &BudgetBrief) -> String {
    let mut h = String::new();
    html_cover_and_summary(&mut h, b);
    html_ranking(&mut h, b);
    html_lifecycle_and_sensitivity(&mut h, b);
    html_score_grid(&mut h, b);
    h.push_str("</table></body></html>");
    h
}

/// The head, the title block and the executive summary with the key risks.
fn html_cover_and_summary(h: &mut String, b: &BudgetBrief) {
    let cur = &b.currency;
    let _ = write!(
        h,
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{}</title><style>body{{font-family:'DejaVu Sans',sans-serif;font-size:9pt}} table{{border-collapse:collapse}} td,th{{padding:2px 4px;border-bottom:1px solid #ccc}} td.n{{text-align:right}}</style></head><body>",
        esc(&b.request.title)
    );
    let _ = write!(
        h,
        "<p>CAPITAL REQUEST BRIEF · {}</p><h1>{}</h1><p>{} · {} · FY{} · as of {}</p><p>{}</p>",
        esc(&b.portfolio_name),
        esc(&b.request.title),
        esc(&b.facility),
        esc(&b.department),
        b.request.fiscal_year,
        b.as_of,
        esc(&b.request.justification)
    );
    h.push_str("<h2>1 Executive summary</h2><table>");
    if let Some(r) = &b.recommendation {
        let _ = write!(
            h,
            "<tr><td>Recommendation</td><td><b>{} ({})</b></td></tr><tr><td>Score</td><td>{} of 100</td></tr>",
            esc(&r.label),
            esc(&r.vendor),
            points(r.score)
        );
    }
    if let Some(c) = &b.capital_needed {
        let _ = write!(
            h,
            "<tr><td>Capital needed</td><td>{}</td></tr>",
            money_units(cur, c.amount.amount)
        );
    }
    let _ = write!(
        h,
        "<tr><td>Robustness</td><td>{}</td></tr></table><ul>",
        esc(&b.robustness())
    );
    for r in &b.key_risks {
        let _ = write!(h, "<li>{}</li>", esc(r));
    }
    h.push_str("</ul>");
}

/// The ranked comparison with each criterion's contribution.
fn html_ranking(h: &mut String, b: &BudgetBrief) {
    let cur = &b.currency;
    if let Some(r) = &b.ranking {
        h.push_str("<h2>2 Ranked comparison</h2><table><tr><th>Rank</th><th>Candidate</th><th>Vendor</th><th>Score</th><th>Quoted total</th>");
        for c in &r.criteria {
            let _ = write!(h, "<th>{}</th>", esc(&c.name));
        }
        h.push_str("</tr>");
        for c in &r.candidates {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=n>{}</td><td class=n>{}</td>",
                c.rank.map(|x| x.to_string()).unwrap_or_default(),
                esc(&c.label),
                esc(&c.vendor),
                c.score.map(points).unwrap_or_default(),
                money_units(cur, c.quoted_total.amount)
            );
            for cell in &c.cells {
                let _ = write!(
                    h,
                    "<td class=n>{}</td>",
                    cell.contribution.map(points).unwrap_or_default()
                );
            }
            h.push_str("</tr>");
        }
        h.push_str("</table>");
    }
}

/// The lifecycle cost table and the one-way sensitivity table.
fn html_lifecycle_and_sensitivity(h: &mut String, b: &BudgetBrief) {
    h.push_str("<h2>3 Lifecycle cost</h2><table><tr><th>Candidate</th><th>Life</th><th>Capital</th><th>Nominal total</th><th>NPV</th><th>EAC</th></tr>");
    for c in &b.lifecycle.candidates {
        if let Some(lc) = &c.lifecycle {
            let _ = write!(
                h,
                "<tr><td>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td><td class=n>{}</td></tr>",
                esc(&c.label),
                lc.expected_life_years,
                format_amount(lc.capital, 0),
                format_amount(lc.nominal_total, 0),
                format_amount(lc.npv, 0),
                format_amount(lc.eac, 0)
            );
        }
    }
    h.push_str("</table><h2>5 Sensitivity</h2>");
    if let Some(s) = &b.sensitivity {
        h.push_str("<table><tr><th>Criterion</th><th>Weight</th><th>Leader low</th><th>Leader high</th></tr>");
        for w in &s.one_way {
            let _ = write!(
                h,
                "<tr><td>{}</td><td class=n>{:.0} %</td><td class=n>{}</td><td class=n>{}</td></tr>",
                esc(&w.name),
                w.current_weight * 100.0,
                points(w.leader_score_low),
                points(w.leader_score_high)
            );
        }
        h.push_str("</table>");
    }
}

/// The appendix's score grid (its table is closed by the caller).
fn html_score_grid(h: &mut String, b: &BudgetBrief) {
    h.push_str("<h2>Appendix: score grid</h2><table><tr><th>Candidate</th><th>Criterion</th>");
    for e in &b.score_grid.evaluators {
        let _ = write!(h, "<th>{}</th>", esc(e));
    }
    h.push_str("<th>Mean</th></tr>");
    for r in &b.score_grid.rows {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td>",
            esc(&r.candidate),
            esc(&r.criterion)
        );
        for s in &r.scores {
            let _ = write!(
                h,
                "<td class=n>{}</td>",
                s.map(|x| x.to_string()).unwrap_or_default()
            );
        }
        let _ = write!(
            h,
            "<td class=n>{}</td></tr>",
            r.mean.map(|m| format!("{m:.1}")).unwrap_or_default()
        );
    }
}
