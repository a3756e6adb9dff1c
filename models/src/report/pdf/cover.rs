//! Section 1 with the title block: the request, the recommendation, the capital it needs,
//! its lifecycle cost and funding by fiscal year, robustness and the key risks.

use rust_decimal::Decimal;

use super::{pct_decimal, SECTION_HEADINGS};
use crate::money::{format_amount, round_amounts_to_total};
use crate::ranking::Method;
use crate::report::brief::{lead_text, money_units, points, status_label, BudgetBrief};
use crate::report::layout::{table_estimate, Align, Cell, Column, Layout, Row, BODY, INK, MUTED};

/// A label, its value and whether the value is in bold.
type Pair = (String, String, bool);

/// The title block, then section 1: the figures the committee decides on, the funding by
/// fiscal year and the key risks.
pub(super) fn cover_and_summary(l: &mut Layout, b: &BudgetBrief) {
    title_block(l, b);
    l.heading(SECTION_HEADINGS[0]);
    let mut pairs = recommendation_pairs(b);
    if let Some(lead) = &b.lead {
        pairs.push((
            "Lead over runner-up".into(),
            format!("{}.", lead_text(lead, &b.currency)),
            false,
        ));
    }
    pairs.extend(capital_pairs(b));
    pairs.extend(lifecycle_pairs(b));
    pairs.push(("Robustness".into(), b.robustness(), false));
    l.key_values(&pairs, 42.0);

    if let Some(lc) = b.recommendation.as_ref().and_then(|r| r.lifecycle.as_ref()) {
        l.subheading_keep(
            "Funding by fiscal year (recommended candidate)",
            table_estimate(lc.fiscal_years.len() + 1, 8.0),
        );
        fiscal_year_table(l, b, lc);
    }

    if !b.replaced_assets.is_empty() {
        l.subheading_keep(
            "Assets this request replaces",
            table_estimate(b.replaced_assets.len() + 1, 8.0),
        );
        replaced_assets_table(l, b);
    }

    l.subheading("Key risks");
    for r in &b.key_risks {
        l.bullet(r, BODY);
    }
}

/// The installed assets being replaced: age against expected life, MEL %, end of
/// support, recalls and priority, as the inventory computes them on the brief's date.
fn replaced_assets_table(l: &mut Layout, b: &BudgetBrief) {
    let w = l.width();
    let columns = vec![
        Column::new("Asset", w * 0.13, Align::Left),
        Column::new("Device type", w * 0.22, Align::Left),
        Column::new("Age (years)", w * 0.14, Align::Right),
        Column::new("MEL %", w * 0.09, Align::Right),
        Column::new("End of support", w * 0.14, Align::Left),
        Column::new("Open recalls", w * 0.16, Align::Left),
        Column::new("Priority", w * 0.12, Align::Right),
    ];
    let text = |d: &Option<Decimal>| d.map_or("not known".to_string(), |d| d.to_string());
    let rows: Vec<Row> = b
        .replaced_assets
        .iter()
        .map(|p| {
            let age = match (&p.age_years, &p.expected_life_years) {
                (Some(a), Some(e)) => format!("{a} of {e}"),
                (a, _) => text(a),
            };
            Row::new(vec![
                Cell::new(p.asset_number.clone()),
                Cell::new(p.device_type.clone().unwrap_or_default()),
                Cell::new(age),
                Cell::new(text(&p.mel_percent)),
                Cell::new(
                    p.end_of_support
                        .map_or("not known".to_string(), |d| d.to_string()),
                ),
                Cell::new(if p.missing.contains(&crate::inventory::Factor::Recalls) {
                    "not checked".to_string()
                } else if p.recalls.is_empty() {
                    "none".to_string()
                } else {
                    p.recalls.join(", ")
                }),
                Cell::new(text(&p.score)),
            ])
        })
        .collect();
    l.table(&columns, &rows, 8.0);
}

/// The portfolio, the request's title and its facts, and the justification.
fn title_block(l: &mut Layout, b: &BudgetBrief) {
    l.y += 4.0;
    let (left, y) = (l.left, l.y);
    l.text(
        left,
        y,
        &format!("CAPITAL REQUEST BRIEF · {}", b.portfolio_name),
        8.0,
        true,
        MUTED,
    );
    l.y += 3.0;
    let title_lines = l
        .bold
        .wrap(&l.bold.sanitize(&b.request.title), 18.0, l.width());
    for line in title_lines {
        l.y += 8.0;
        let (left, y) = (l.left, l.y);
        l.text(left, y, &line, 18.0, true, INK);
    }
    l.y += 2.5;
    let facts = format!(
        "{} · {} · FY{} · Quantity {} · Status: {} · Request {} · As of {}",
        b.facility,
        b.department,
        b.request.fiscal_year,
        b.request.quantity,
        status_label(b.request.status),
        b.request.id,
        b.as_of
    );
    l.paragraph(&facts, BODY, false, MUTED, 0.0);
    // Each line of the justification is a paragraph of its own ("- " lines are bullets).
    let mut lines = b
        .request
        .justification
        .lines()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    if let Some(first) = lines.next() {
        l.paragraph(&format!("Justification: {first}"), BODY, false, INK, 0.0);
    }
    for line in lines {
        match line.strip_prefix("- ") {
            Some(item) => l.bullet(item, BODY),
            None => l.paragraph(line, BODY, false, INK, 0.0),
        }
    }
}

/// The recommended candidate and its score, or why there is none.
fn recommendation_pairs(b: &BudgetBrief) -> Vec<Pair> {
    let mut pairs: Vec<Pair> = Vec::new();
    match (&b.recommendation, &b.recommendation_problem) {
        (Some(r), _) => {
            let mut text = if r.tied_with.is_empty() {
                format!("{} ({})", r.label, r.vendor)
            } else {
                format!(
                    "{} ({}), tied for first place with {}",
                    r.label,
                    r.vendor,
                    r.tied_with.join(", ")
                )
            };
            if let Some(note) = &r.status_note {
                text.push_str(&format!(". {note}"));
            }
            pairs.push(("Recommendation".into(), text, true));
            let method = b.ranking.as_ref().map_or(Method::WeightedSum, |x| x.method);
            let range = b
                .ranking
                .as_ref()
                .and_then(|x| {
                    x.candidates
                        .iter()
                        .find(|c| c.candidate_id == r.candidate_id)
                })
                .filter(|c| !c.unconfirmed.is_empty())
                .and_then(|c| Some((c.score_low_shown.clone()?, c.score_high_shown.clone()?)))
                .map_or_else(String::new, |(lo, hi)| {
                    format!(
                        ", {lo} to {hi} until its unconfirmed compatibility points are confirmed"
                    )
                });
            pairs.push((
                "Score".into(),
                {
                    let disqualified = b
                        .ranking
                        .as_ref()
                        .map_or(0, |x| x.candidates.iter().filter(|c| c.disqualified).count());
                    if disqualified > 0 {
                        format!(
                            "{} of 100{range} ({}, ranked first of {}; {} disqualified for blocking compatibility gaps)",
                            points(r.score),
                            method.in_text(),
                            b.candidate_count - disqualified,
                            disqualified
                        )
                    } else {
                        format!(
                            "{} of 100{range} ({}, ranked first of {})",
                            points(r.score),
                            method.in_text(),
                            b.candidate_count
                        )
                    }
                },
                false,
            ));
        }
        (None, problem) => pairs.push((
            "Recommendation".into(),
            problem.clone().unwrap_or_else(|| "None yet.".to_string()),
            true,
        )),
    }
    pairs
}

/// The capital the request needs and where the figure comes from.
fn capital_pairs(b: &BudgetBrief) -> Vec<Pair> {
    let cur = &b.currency;
    let mut pairs: Vec<Pair> = Vec::new();
    match &b.capital_needed {
        Some(c) => {
            pairs.push((
                "Capital needed".into(),
                money_units(cur, c.amount.amount),
                true,
            ));
            pairs.push((String::new(), format!("From the {}.", c.basis), false));
        }
        None => pairs.push((
            "Capital needed".into(),
            "Not available until a candidate is recommended.".into(),
            false,
        )),
    }
    pairs
}

/// The recommended candidate's lifecycle cost, or why there is none.
fn lifecycle_pairs(b: &BudgetBrief) -> Vec<Pair> {
    let cur = &b.currency;
    let mut pairs: Vec<Pair> = Vec::new();
    match b.recommendation.as_ref().and_then(|r| r.lifecycle.as_ref()) {
        Some(lc) => {
            pairs.push((
                "Lifecycle cost (NPV)".into(),
                format!(
                    "{} over {} years at a {} discount rate",
                    money_units(cur, lc.npv),
                    lc.expected_life_years,
                    pct_decimal(lc.discount_rate)
                ),
                false,
            ));
            pairs.push((
                "Equivalent annual cost".into(),
                format!("{} per year", money_units(cur, lc.eac)),
                false,
            ));
        }
        None => pairs.push((
            "Lifecycle cost".into(),
            "Not available: no recommended candidate with a lifecycle cost model yet.".into(),
            false,
        )),
    }
    pairs
}

pub(super) fn fiscal_year_table(
    l: &mut Layout,
    b: &BudgetBrief,
    lc: &crate::lifecycle::LifecycleCost,
) {
    let cur = &b.currency;
    if lc.fiscal_years.is_empty() {
        l.paragraph(
            "No purchase date is set, so costs cannot be placed in fiscal years; set one in the request's assumptions.",
            BODY,
            false,
            MUTED,
            0.0,
        );
        return;
    }
    let w = l.width();
    let columns = vec![
        Column::new("Fiscal year", w * 0.25, Align::Left),
        Column::new(format!("Capital ({cur})"), w * 0.25, Align::Right),
        Column::new(format!("Operating ({cur})"), w * 0.25, Align::Right),
        Column::new(format!("Total ({cur})"), w * 0.25, Align::Right),
    ];
    // Whole units that add up across and down (largest-remainder rounding per column).
    let capital = round_amounts_to_total(
        &lc.fiscal_years
            .iter()
            .map(|f| f.capital)
            .collect::<Vec<_>>(),
        0,
    );
    let operating = round_amounts_to_total(
        &lc.fiscal_years
            .iter()
            .map(|f| f.operating)
            .collect::<Vec<_>>(),
        0,
    );
    let mut rows: Vec<Row> = lc
        .fiscal_years
        .iter()
        .enumerate()
        .map(|(i, fy)| {
            Row::new(vec![
                Cell::new(format!("FY{}", fy.fiscal_year)),
                Cell::new(format_amount(capital[i], 0)),
                Cell::new(format_amount(operating[i], 0)),
                Cell::new(format_amount(capital[i] + operating[i], 0)),
            ])
        })
        .collect();
    let (cap_total, op_total) = (
        capital.iter().sum::<Decimal>(),
        operating.iter().sum::<Decimal>(),
    );
    rows.push(
        Row::new(vec![
            Cell::new("Total"),
            Cell::new(format_amount(cap_total, 0)),
            Cell::new(format_amount(op_total, 0)),
            Cell::new(format_amount(cap_total + op_total, 0)),
        ])
        .total(),
    );
    l.table(&columns, &rows, 8.0);
}
