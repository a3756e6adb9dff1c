//! The brief's key risks, most pressing first, and the winner's lead over the runner-up:
//! what a committee asks before anything else.

use rust_decimal::Decimal;

use super::{Lead, Recommendation};
use crate::assessment::{Agreement, AssessmentInputs, RequestLifecycle, RequestRanking};
use crate::compat::{CompatibilityReport, Severity, Status};
use crate::ranking::shown::shown;

/// The rule whose failure means support ends before the end of the device's life.
const SUPPORT_THROUGH_LIFE: &str = "security.support_through_life";

/// The key risks: the recommended candidate's blocking gaps, unconfirmed values that
/// could change the ranking, the recommended candidate's major gaps and support ending
/// before its end of life, then missing values, disagreement, unequal lives and invalid
/// cost models.
pub(super) fn key_risks(
    a: &AssessmentInputs,
    ranking: Option<&RequestRanking>,
    lifecycle: &RequestLifecycle,
    agreement: &Agreement,
    compat: &CompatibilityReport,
    recommendation: Option<&Recommendation>,
) -> Vec<String> {
    let mut risks = Vec::new();
    if a.candidates.is_empty() {
        risks.push("No candidates yet: nothing can be compared or costed.".into());
    }
    let rec = recommendation.and_then(|rec| {
        compat
            .candidates
            .iter()
            .find(|c| c.candidate_id == rec.candidate_id)
    });
    if let Some(cc) = rec.filter(|cc| cc.blocking > 0) {
        risks.push(format!(
            "The recommended candidate has {} blocking compatibility gap(s) against the site IT profile (section 4).",
            cc.blocking
        ));
    }
    if let Some(r) = ranking {
        for c in &r.candidates {
            if let (Some(note), Some(lo), Some(hi)) =
                (&c.unconfirmed_note, &c.score_low_shown, &c.score_high_shown)
            {
                risks.push(format!(
                    "{} Its score is {lo} to {hi} until the vendor confirms them (section 4).",
                    note
                ));
            }
        }
    }
    if let Some(cc) = rec {
        for f in cc.findings.iter().filter(|f| {
            (f.status == Status::Gap && f.severity == Some(Severity::Major))
                || (f.rule == SUPPORT_THROUGH_LIFE && f.status == Status::Advisory)
        }) {
            let what = if f.rule == SUPPORT_THROUGH_LIFE {
                "Support ends before the end of its life".to_string()
            } else {
                format!("Major compatibility gap, {}", f.title.to_lowercase())
            };
            risks.push(format!("{what} ({}): {} (section 4).", cc.label, f.message));
        }
    }
    if let Some(r) = ranking {
        if !r.missing.is_empty() {
            let mut unranked: Vec<&str> = r.missing.iter().map(|m| m.candidate.as_str()).collect();
            unranked.dedup();
            risks.push(format!(
                "{} value(s) missing; unranked until entered: {}.",
                r.missing.len(),
                unranked.join(", ")
            ));
        }
        if a.scores.is_empty() {
            risks.push("No evaluator has scored yet.".into());
        }
    }
    if agreement.disagreements > 0 {
        let biggest = agreement
            .cells
            .first()
            .map(|c| {
                format!(
                    " (largest: {} on {}, scores {} to {})",
                    c.candidate, c.criterion, c.summary.min, c.summary.max
                )
            })
            .unwrap_or_default();
        risks.push(format!(
            "Evaluators disagree by 2 points or more on {} of {} jointly scored items{}: discuss before deciding.",
            agreement.disagreements,
            agreement.cells.len(),
            biggest
        ));
    }
    if lifecycle.unequal_lives {
        risks.push(
            "Expected lives differ: candidates are compared on equivalent annual cost (EAC), not NPV."
                .into(),
        );
    }
    for c in &lifecycle.candidates {
        if let Some(p) = &c.problem {
            risks.push(format!("{}: {p}.", c.label));
        }
    }
    if let Some(cc) = rec.filter(|cc| cc.unconfirmed > 0) {
        risks.push(format!(
            "{} compatibility point(s) of the recommended candidate are unconfirmed: confirm with the vendor before purchase.",
            cc.unconfirmed
        ));
    }
    if risks.is_empty() {
        risks.push("None found: every value is present, evaluators agree within 1 point, lives are equal and every cost model is valid.".into());
    }
    risks
}

/// The recommended candidate's lead over the next-ranked one: in shown points, and the
/// differences in year-0 capital and equivalent annual cost.
pub(super) fn lead(
    ranking: Option<&RequestRanking>,
    lifecycle: &RequestLifecycle,
    rec: Option<&Recommendation>,
) -> Option<Lead> {
    let (r, rec) = (ranking?, rec?);
    let winner = r
        .candidates
        .iter()
        .find(|c| c.candidate_id == rec.candidate_id)?;
    let runner = r
        .candidates
        .iter()
        .find(|c| c.candidate_id != rec.candidate_id && c.rank.is_some())?;
    let shown_points = |s: Option<f64>| s.and_then(|s| shown(s * 100.0, 1));
    let gap = shown_points(winner.score)? - shown_points(runner.score)?;
    let cost = |id| {
        lifecycle
            .candidates
            .iter()
            .find(|c| c.candidate_id == id)
            .and_then(|c| c.lifecycle.as_ref())
    };
    let (w, o) = (cost(winner.candidate_id), cost(runner.candidate_id));
    let difference =
        |f: fn(&crate::lifecycle::LifecycleCost) -> Decimal| w.zip(o).map(|(w, o)| f(w) - f(o));
    Some(Lead {
        runner_up: runner.label.clone(),
        points: winner.score? - runner.score?,
        points_shown: gap.to_string(),
        capital_difference: difference(|l| l.capital),
        eac_difference: difference(|l| l.eac),
    })
}

/// The lead in words: "0.5 points over X; needs USD 100,920 more capital and USD 4,321
/// more a year (equivalent annual cost)".
pub fn lead_text(lead: &Lead, currency: &crate::money::Currency) -> String {
    let money = |d: Decimal, more: &str, less: &str| {
        let word = if d.is_sign_negative() { less } else { more };
        format!("{} {word}", super::money_units(currency, d.abs()))
    };
    let mut s = format!("{} points over {}", lead.points_shown, lead.runner_up);
    if let (Some(cap), Some(eac)) = (lead.capital_difference, lead.eac_difference) {
        s.push_str(&format!(
            "; it needs {} capital and costs {} a year (equivalent annual cost)",
            money(cap, "more", "less"),
            money(eac, "more", "less")
        ));
    }
    s
}
