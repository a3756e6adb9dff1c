//! The capital plan brief's sections after the funded requests: deferrals, what is not
//! funded, mandatory requests, the greedy fill, another 100,000, the scenarios, the
//! decision history and the method.

use rust_decimal::Decimal;

use super::pdf::{one_decimal, shown_gain, years_text, SECTION_HEADINGS};
use super::PlanBrief;
use crate::capital::{NextAmount, NEXT_AMOUNT};
use crate::money::format_amount;
use crate::report::brief::money_units;
use crate::report::layout::{Align, Cell, Column, Layout, Row, ACCENT, BODY, INK, MUTED, WARN};

const SIZE: f32 = 7.5;

/// Columns whose first takes the width the others leave.
fn columns(l: &Layout, mut columns: Vec<Column>) -> Vec<Column> {
    let used: f32 = columns.iter().skip(1).map(|c| c.width).sum();
    columns[0].width = l.width() - used;
    columns
}

fn note(l: &mut Layout, text: &str) {
    l.paragraph(text, SIZE, false, MUTED, 0.0);
}

/// Section 3: each deferral with its premium and extra maintenance.
pub(super) fn deferrals(l: &mut Layout, b: &PlanBrief) {
    let cur = &b.currency;
    l.heading(SECTION_HEADINGS[2]);
    if b.deferred.is_empty() {
        note(
            l,
            "No deferral: every funded request is funded in the year asked.",
        );
        return;
    }
    let cols = columns(
        l,
        vec![
            Column::new("Request", 0.0, Align::Left),
            Column::new("Asked", 15.0, Align::Left),
            Column::new("Funded", 15.0, Align::Left),
            Column::new(format!("Premium ({cur})"), 28.0, Align::Right),
            Column::new(format!("Extra maintenance ({cur})"), 28.0, Align::Right),
            Column::new(format!("Capital funded ({cur})"), 25.0, Align::Right),
        ],
    );
    let rows: Vec<Row> = b
        .deferred
        .iter()
        .map(|d| {
            Row::new(vec![
                Cell::new(format!("{} (request {})", d.title, d.request_id)),
                Cell::new(format!("FY{}", d.fiscal_year)),
                Cell::new(format!("FY{}", d.funded_year)).color(WARN),
                Cell::new(format!(
                    "{} ({} %)",
                    format_amount(d.premium, 0),
                    d.premium_pct.normalize()
                )),
                Cell::new(format_amount(d.extra_maintenance, 0)),
                Cell::new(format_amount(d.capital, 0)),
            ])
        })
        .collect();
    l.table(&cols, &rows, SIZE);
    let premium: Decimal = b.deferred.iter().map(|d| d.premium).sum();
    let maintenance: Decimal = b.deferred.iter().map(|d| d.extra_maintenance).sum();
    note(
        l,
        &format!(
            "Deferring costs {} of emergency-replacement premium in the capital funded (counted in the budgets) and {} of extra maintenance of the installed equipment while it waits (operating, outside the capital budgets).",
            money_units(cur, premium),
            money_units(cur, maintenance)
        ),
    );
}

/// Section 4: planned requests the plan does not fund, then those left out before planning.
pub(super) fn not_funded(l: &mut Layout, b: &PlanBrief) {
    l.heading(SECTION_HEADINGS[3]);
    if b.not_funded.is_empty() {
        note(l, "Every planned request is funded.");
    } else {
        let cols = columns(
            l,
            vec![
                Column::new("Request", 0.0, Align::Left),
                Column::new("Facility", 26.0, Align::Left),
                Column::new("Asked", 15.0, Align::Left),
                Column::new("Priority", 14.0, Align::Right),
                Column::new("Reason", 66.0, Align::Left),
            ],
        );
        let rows: Vec<Row> = b
            .not_funded
            .iter()
            .map(|r| {
                Row::new(vec![
                    Cell::new(format!("{} (request {})", r.title, r.request_id)),
                    Cell::new(&r.facility),
                    Cell::new(format!("FY{}", r.fiscal_year)),
                    Cell::new(one_decimal(r.priority)),
                    Cell::new(&r.reason),
                ])
            })
            .collect();
        l.table(&cols, &rows, SIZE);
    }
    l.subheading("Left out before planning");
    if b.left_out.is_empty() {
        note(l, "No request is left out.");
        return;
    }
    let cols = columns(
        l,
        vec![
            Column::new("Request", 0.0, Align::Left),
            Column::new(
                "Why it is not in the plan (never counted)",
                110.0,
                Align::Left,
            ),
        ],
    );
    let rows: Vec<Row> = b
        .left_out
        .iter()
        .map(|e| {
            Row::new(vec![
                Cell::new(format!("{} (request {})", e.title, e.request_id)),
                Cell::new(&e.reason),
            ])
        })
        .collect();
    l.table(&cols, &rows, SIZE);
}

/// Section 5: the requests that must be funded and why.
pub(super) fn mandatory(l: &mut Layout, b: &PlanBrief) {
    let cur = &b.currency;
    l.heading(SECTION_HEADINGS[4]);
    if b.mandatory.is_empty() {
        note(
            l,
            "No request is mandatory: none is stated as regulatory, under a recall or at the end of its manufacturer's support, and none is approved by the committee.",
        );
        return;
    }
    let cols = columns(
        l,
        vec![
            Column::new("Request", 0.0, Align::Left),
            Column::new("Why it must be funded", 48.0, Align::Left),
            Column::new("Funded", 15.0, Align::Left),
            Column::new(format!("Capital ({cur})"), 22.0, Align::Right),
            Column::new("Greedy fill", 24.0, Align::Left),
        ],
    );
    let rows: Vec<Row> = b
        .mandatory
        .iter()
        .map(|m| {
            Row::new(vec![
                Cell::new(format!("{} (request {})", m.title, m.request_id)),
                Cell::new(&m.why),
                Cell::new(m.funded_year.map_or("-".into(), |y| format!("FY{y}"))),
                Cell::new(m.capital.map_or("-".into(), |c| format_amount(c, 0))),
                if m.greedy_funded {
                    Cell::new("funds it")
                } else {
                    Cell::new("cannot fund it").bold().color(WARN)
                },
            ])
        })
        .collect();
    l.table(&cols, &rows, SIZE);
}

/// Section 6: the greedy fill by priority beside the plan, request by request and year by
/// year.
pub(super) fn greedy(l: &mut Layout, b: &PlanBrief) {
    let cur = &b.currency;
    let g = &b.greedy;
    l.heading(SECTION_HEADINGS[5]);
    let shown_gain = shown_gain(b);
    let outcome = if g.gain.is_zero() {
        format!(
            "Here it is worth {}, as much as the plan: filling by priority finds the best plan this time.",
            one_decimal(g.greedy_value)
        )
    } else {
        format!(
            "Here it is worth {}; the plan is worth {}, {} more.",
            one_decimal(g.greedy_value),
            one_decimal(g.optimum_value),
            one_decimal(shown_gain)
        )
    };
    l.paragraph(
        &format!(
            "The committee's usual fill takes the requests by priority, highest first (mandatory ones before the rest), each with its most valuable option that still fits, and never reconsiders. {outcome}"
        ),
        BODY,
        false,
        INK,
        0.0,
    );
    let cols = columns(
        l,
        vec![
            Column::new("Request", 0.0, Align::Left),
            Column::new("Priority", 14.0, Align::Right),
            Column::new("The plan funds", 52.0, Align::Left),
            Column::new("The greedy fill funds", 52.0, Align::Left),
        ],
    );
    let rows: Vec<Row> = g
        .rows
        .iter()
        .map(|r| {
            let differs = r.optimum != r.greedy;
            let cell = |s: &Option<String>| match s {
                Some(s) => Cell::new(s).color(if differs { ACCENT } else { INK }),
                None => Cell::new("not funded").color(MUTED),
            };
            Row::new(vec![
                Cell::new(format!("{} (request {})", r.title, r.request_id)),
                Cell::new(one_decimal(r.priority)),
                cell(&r.optimum),
                cell(&r.greedy),
            ])
        })
        .collect();
    l.table(&cols, &rows, SIZE);
    let cols = columns(
        l,
        vec![
            Column::new("Fiscal year", 0.0, Align::Left),
            Column::new(format!("Budget ({cur})"), 32.0, Align::Right),
            Column::new(format!("The plan uses ({cur})"), 36.0, Align::Right),
            Column::new(format!("The greedy fill uses ({cur})"), 40.0, Align::Right),
        ],
    );
    let rows: Vec<Row> = g
        .capital_by_year
        .iter()
        .map(|(y, budget, optimum, greedy)| {
            Row::new(vec![
                Cell::new(format!("FY{y}")),
                Cell::new(format_amount(*budget, 0)),
                Cell::new(format_amount(*optimum, 0)),
                Cell::new(format_amount(*greedy, 0)),
            ])
        })
        .collect();
    l.table(&cols, &rows, SIZE);
    if !g.greedy_misses_mandatory.is_empty() {
        l.paragraph(
            &format!(
                "The greedy fill cannot fund the mandatory {}.",
                g.greedy_misses_mandatory.join(", ")
            ),
            BODY,
            true,
            WARN,
            0.0,
        );
    }
}

/// Section 7: what another 100,000 in each year's system-wide budget would fund.
pub(super) fn next_amount(l: &mut Layout, b: &PlanBrief) {
    let cur = &b.currency;
    l.heading(SECTION_HEADINGS[6]);
    note(
        l,
        &format!(
            "The plan solved again with {} more in one year's system-wide budget, the other years as they are.",
            money_units(cur, Decimal::from(NEXT_AMOUNT))
        ),
    );
    let cols = columns(
        l,
        vec![
            Column::new("Fiscal year", 0.0, Align::Left),
            Column::new(
                "Requests it would fund that the plan does not",
                110.0,
                Align::Left,
            ),
            Column::new("Value gained", 24.0, Align::Right),
        ],
    );
    let rows: Vec<Row> = b
        .next
        .iter()
        .map(|n| {
            Row::new(vec![
                Cell::new(format!("FY{}", n.fiscal_year)),
                if n.would_fund.is_empty() && n.value_gain.is_zero() {
                    Cell::new(next_buys(n)).color(MUTED)
                } else {
                    Cell::new(next_buys(n))
                },
                Cell::new(one_decimal(n.value_gain)),
            ])
        })
        .collect();
    l.table(&cols, &rows, SIZE);
}

/// What a further amount buys: the requests it funds besides, or a better option (another
/// candidate or an earlier year) for a request already funded, or nothing.
pub(super) fn next_buys(n: &NextAmount) -> String {
    match (n.would_fund.is_empty(), n.value_gain > Decimal::ZERO) {
        (false, _) => n.would_fund.join(", "),
        (true, true) => {
            "no other request; a funded request gets a better candidate or an earlier year".into()
        }
        (true, false) => "nothing more".into(),
    }
}

/// Section 8: the base plan and every saved scenario side by side.
pub(super) fn scenarios(l: &mut Layout, b: &PlanBrief) {
    let cur = &b.currency;
    l.heading(SECTION_HEADINGS[7]);
    if b.scenarios.len() < 2 {
        note(
            l,
            "No scenario is saved (caliper scenario add): the base plan alone is shown.",
        );
    }
    let cols = columns(
        l,
        vec![
            Column::new("Scenario", 0.0, Align::Left),
            Column::new("Budgets", 16.0, Align::Right),
            Column::new("Forced in / out", 32.0, Align::Left),
            Column::new("Value", 13.0, Align::Right),
            Column::new(format!("Capital used ({cur})"), 22.0, Align::Right),
            Column::new("Funded requests", 60.0, Align::Left),
        ],
    );
    let rows: Vec<Row> = b
        .scenarios
        .iter()
        .map(|s| {
            let mut name = s.name.clone();
            if let Some(w) = s.weights {
                name.push_str(&format!(
                    " (weights: need {}, risk {}, strategy {}, committee {})",
                    w.clinical_need, w.risk, w.strategic_fit, w.committee
                ));
            }
            let change = if s.budget_change_pct.is_zero() {
                "as set".to_string()
            } else {
                format!("{:+} %", s.budget_change_pct.normalize())
            };
            let mut forced = Vec::new();
            if !s.forced_in.is_empty() {
                forced.push(format!("in: {}", s.forced_in.join(", ")));
            }
            if !s.forced_out.is_empty() {
                forced.push(format!("out: {}", s.forced_out.join(", ")));
            }
            Row::new(vec![
                Cell::new(name).bold(),
                Cell::new(change),
                if forced.is_empty() {
                    Cell::new("none").color(MUTED)
                } else {
                    Cell::new(forced.join("; "))
                },
                Cell::new(s.total_value.map_or("-".into(), one_decimal)),
                Cell::new(s.capital_used.map_or("-".into(), |c| format_amount(c, 0))),
                match &s.problem {
                    Some(p) => Cell::new(format!("cannot be planned: {p}")).color(WARN),
                    None if s.funded.is_empty() => Cell::new("nothing").color(MUTED),
                    None => Cell::new(s.funded.join(", ")),
                },
            ])
        })
        .collect();
    l.table(&cols, &rows, SIZE);
}

/// Section 9: the decisions and status changes of the requests the plan covers.
pub(super) fn history(l: &mut Layout, b: &PlanBrief) {
    l.heading(SECTION_HEADINGS[8]);
    if b.history.is_empty() {
        note(
            l,
            "No decision or status change is recorded for the requests of the plan.",
        );
        return;
    }
    let cols = columns(
        l,
        vec![
            Column::new("Request", 0.0, Align::Left),
            Column::new("Recorded", 20.0, Align::Left),
            Column::new("Change", 78.0, Align::Left),
            Column::new("By", 24.0, Align::Left),
        ],
    );
    let rows: Vec<Row> = b
        .history
        .iter()
        .flat_map(|h| {
            h.entries.iter().map(move |e| {
                Row::new(vec![
                    Cell::new(format!("{} (request {})", h.title, h.request_id)),
                    Cell::new(e.at.get(..10).unwrap_or(&e.at)),
                    Cell::new(&e.change),
                    Cell::new(if e.by.is_empty() { "-" } else { &e.by }),
                ])
            })
        })
        .collect();
    l.table(&cols, &rows, SIZE);
}

/// Section 10: how the plan is made, in a few sentences.
pub(super) fn method(l: &mut Layout, b: &PlanBrief) {
    let cur = &b.currency;
    l.heading(SECTION_HEADINGS[9]);
    let paragraphs = [
        format!(
            "Each request may be funded with any of its ranked candidates in any year of {} from the year it asks for. An option is worth the request's priority (0 to 100, from the committee's levels of clinical need, risk of not replacing, strategic fit and judgement) × the candidate's score in the ranking (0 to 1) × a deferral factor (1 less {} % for each year later than asked). Funded later than asked, its capital carries the request's emergency-replacement premium.",
            years_text(b),
            b.deferral_loss_pct
        ),
        format!(
            "The plan is the most valuable choice of at most one option per request such that each year's capital stays within its system-wide budget and a facility's requests within that facility's budget, mandatory requests are funded, a request that needs another is funded no earlier, and requests that exclude each other are not both funded. It is solved exactly (branch and bound){}.",
            if b.proven_optimal {
                ": no other choice is worth more"
            } else {
                "; this time the search stopped at its limit, so the plan is the best found, not proven optimal"
            }
        ),
        "A rejected request is never planned nor counted. An approval fixes the request to its candidate in the year asked; a deferral, to the year it names.".to_string(),
        format!(
            "The greedy fill is what committees do by hand: by priority, highest first, each request takes its most valuable option that still fits. Amounts are in {cur}, rounded to the whole unit as printed (totals add up as shown); priorities and values are shown to one decimal."
        ),
    ];
    for p in paragraphs {
        l.paragraph(&p, BODY, false, INK, 0.0);
        l.y += 0.8;
    }
}
