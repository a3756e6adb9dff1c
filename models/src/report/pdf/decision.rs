//! Section 7, the committee's decision: what was decided, on which day, the chosen
//! candidate against the ranking's first, the rationale, votes, conditions and attendees;
//! then the request's history of decisions and status changes.

use super::SECTION_HEADINGS;
use crate::decision::Outcome;
use crate::report::brief::BudgetBrief;
use crate::report::layout::{Layout, BODY, INK, MUTED};

pub(super) fn decision_section(l: &mut Layout, b: &BudgetBrief) {
    l.heading(SECTION_HEADINGS[6]);
    let Some(d) = &b.decision else {
        l.paragraph(
            "No decision recorded yet. The committee's decision (approved with the chosen candidate, deferred to a fiscal year, or rejected, with its reasons) is recorded in Caliper and printed here.",
            BODY,
            false,
            MUTED,
            0.0,
        );
        return;
    };
    let date = d.decided_on.format("%Y-%m-%d").to_string();
    let mut pairs: Vec<(String, String, bool)> = Vec::new();
    let outcome = match d.outcome {
        Outcome::Approved => format!("Approved on {date}"),
        Outcome::Deferred => format!(
            "Deferred on {date} to FY{}",
            d.deferred_to.unwrap_or_default()
        ),
        Outcome::Rejected => format!("Rejected on {date}"),
    };
    pairs.push(("Decision".into(), outcome, true));
    if d.outcome == Outcome::Approved {
        pairs.push(("Chosen candidate".into(), d.candidate.clone(), true));
        if !d.top_ranked.is_empty() {
            let ranking = if d.overrules_ranking {
                format!(
                    "{} ranked first; the committee chose otherwise",
                    d.top_ranked
                )
            } else {
                format!("{} ranked first", d.top_ranked)
            };
            pairs.push(("Ranking".into(), ranking, false));
        }
    }
    if !d.rationale.is_empty() {
        pairs.push(("Rationale".into(), d.rationale.clone(), false));
    }
    if let Some(v) = d.votes {
        pairs.push((
            "Votes".into(),
            format!(
                "{} for, {} against, {} abstaining",
                v.in_favour, v.against, v.abstain
            ),
            false,
        ));
    }
    if !d.attendees.is_empty() {
        pairs.push(("Attendees".into(), d.attendees.join(", "), false));
    }
    if !d.recorded_by.is_empty() {
        pairs.push(("Recorded by".into(), d.recorded_by.clone(), false));
    }
    l.key_values(&pairs, 42.0);
    if !d.conditions.is_empty() {
        l.subheading("Conditions");
        for c in &d.conditions {
            l.bullet(c, BODY);
        }
    }
    if !b.history.is_empty() {
        l.subheading("History");
        for h in &b.history {
            let by = if h.by.is_empty() {
                String::new()
            } else {
                format!(" ({})", h.by)
            };
            let at = h.at.replace('T', " ").replace('Z', " UTC");
            l.paragraph(&format!("{at}{by}: {}", h.change), BODY, false, INK, 0.0);
        }
    }
}
