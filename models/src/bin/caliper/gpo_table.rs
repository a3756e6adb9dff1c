//! The `gpo` commands' tables for people (`--json` prints the documented shapes).

use std::fmt::Write;

use caliper_models::gpo::benchmark::Benchmark;
use caliper_models::gpo::matching::{MatchStatus, Matching};
use caliper_models::gpo::{Demand, Standardisation};
use caliper_models::money::format_amount;
use rust_decimal::Decimal;

use crate::output::truncate;

fn money(d: Decimal) -> String {
    format_amount(d, 2)
}

fn status(s: MatchStatus) -> &'static str {
    match s {
        MatchStatus::Exact => "exact",
        MatchStatus::Uncertain => "to review",
        MatchStatus::Confirmed => "confirmed",
        MatchStatus::Split => "split",
    }
}

/// Per model: the spread of net unit prices; per member: the savings.
pub fn benchmark_table(b: &Benchmark) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Group benchmark as of {}: {} members, {} models; net unit prices in {} (after discount and trade-in)",
        b.as_of,
        b.members.len(),
        b.models.len(),
        b.currency
    );
    let _ = writeln!(out, "Index: {}", b.index.description);
    for r in &b.rates {
        let _ = writeln!(
            out,
            "Converted: 1 {} = {} {}",
            r.currency,
            r.rate.normalize(),
            b.currency
        );
    }
    let _ = writeln!(
        out,
        "\n{:<28} {:<4} {:>3} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12}  Match",
        "Model", "Code", "n", "Best", "Q1", "Median", "Q3", "Worst", "Service/yr"
    );
    for m in &b.models {
        let p = &m.price;
        let _ = writeln!(
            out,
            "{:<28} {:<4} {:>3} {:>12} {:>12} {:>12} {:>12} {:>12} {:>12}  {}",
            truncate(&m.label, 28),
            m.product_code.as_deref().unwrap_or("-"),
            p.n,
            money(p.best),
            money(p.q1),
            money(p.median),
            money(p.q3),
            money(p.worst),
            m.service
                .as_ref()
                .map_or_else(|| "-".into(), |s| money(s.median)),
            status(m.status)
        );
        if m.bands.len() > 1 {
            let bands: Vec<String> = m
                .bands
                .iter()
                .map(|b| format!("{} units {} ({})", b.band, money(b.median), b.n))
                .collect();
            let _ = writeln!(out, "  median by quantity: {}", bands.join("; "));
        }
        for pt in m.points.iter().filter(|p| p.outlier) {
            let _ = writeln!(
                out,
                "  outlier: {} at {} ({} units)",
                truncate(&pt.member, 30),
                money(pt.net_unit_price),
                pt.quantity
            );
        }
    }
    let _ = writeln!(
        out,
        "\n{:<28} {:>16} {:>16} {:>16}",
        "Member", "Paid", "Saves at median", "Saves at best"
    );
    for t in &b.totals {
        let _ = writeln!(
            out,
            "{:<28} {:>16} {:>16} {:>16}",
            truncate(&t.member, 28),
            money(t.paid),
            money(t.at_median),
            money(t.at_best)
        );
    }
    if !b.notes.is_empty() {
        out.push('\n');
    }
    for n in &b.notes {
        let _ = writeln!(out, "Note: {n}");
    }
    out
}

pub fn matches_table(m: &Matching) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} models, {} to review\n{:<30} {:<28} {:<4} {:<10} Members",
        m.models.len(),
        m.to_review,
        "Key",
        "Model",
        "Code",
        "Match"
    );
    for x in &m.models {
        let _ = writeln!(
            out,
            "{:<30} {:<28} {:<4} {:<10} {}",
            truncate(&x.key, 30),
            truncate(&x.label, 28),
            x.product_code.as_deref().unwrap_or("-"),
            status(x.status),
            x.members.join(", ")
        );
        for r in &x.reasons {
            let _ = writeln!(out, "  {}", crate::output::shown(r));
        }
    }
    for k in &m.stale_decisions {
        let _ = writeln!(out, "A saved decision on '{k}' matches no model any more.");
    }
    out
}

pub fn standardise_table(s: &Standardisation) -> String {
    let mut out = String::new();
    for t in &s.types {
        let _ = writeln!(
            out,
            "{} {}: {} distinct model(s) in the group",
            t.product_code,
            t.device_name.as_deref().unwrap_or(""),
            t.group_models
        );
        for m in &t.members {
            let _ = writeln!(
                out,
                "  {:<26} {} model(s) (from {}): {}",
                truncate(&m.member, 26),
                m.models.len(),
                m.source,
                m.models.join(", ")
            );
        }
        if let Some(std) = &t.standard {
            let _ = writeln!(
                out,
                "  Best ranked: {} (first in {} request(s), median {} {})",
                std.label,
                std.first_places,
                money(std.median_price),
                s.currency
            );
        }
        for c in &t.costs {
            let cost = |d: Option<Decimal>| d.map_or_else(|| "-".into(), money);
            let _ = writeln!(
                out,
                "  {:<26} {:<24} own {:>14}  standard {:>14}  difference {:>14}",
                truncate(&c.member, 26),
                truncate(&c.own_model, 24),
                cost(c.own_cost),
                cost(c.standard_cost),
                cost(c.difference)
            );
        }
        out.push('\n');
    }
    out
}

pub fn demand_table(d: &Demand) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<6} {:<28} {:<4} {:>6} {:>6}  Members (rank, score, lead)",
        "FY", "Model", "Code", "Units", "First"
    );
    for m in &d.models {
        let prefs: Vec<String> = m.preferences.iter().map(|p| p.text()).collect();
        let _ = writeln!(
            out,
            "FY{:<4} {:<28} {:<4} {:>6} {:>6}  {}",
            m.fiscal_year,
            truncate(&m.label, 28),
            m.product_code.as_deref().unwrap_or("-"),
            m.quantity,
            m.first_places,
            crate::output::shown(&prefs.join("; "))
        );
    }
    out
}
