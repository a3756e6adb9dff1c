//! An area's score from its findings: points passed over points applicable, 100 when
//! nothing applies, 0 with a blocking gap.
//!
//! Unconfirmed points (nothing states them: no device profile field, no MDS2 answer) are
//! neither passed nor failed. They make the score a range: `low` counts them all failed
//! (an unconfirmed rule of blocking severity then scores the area 0, as its gap would),
//! `high` counts them all passed, and the point `score` is the middle of the range, the
//! expected value when nothing favours either end (docs/compatibility.md). A missing
//! answer is therefore never a zero.

use serde::Serialize;
use ts_rs::TS;

use super::{Area, CompatRule, Finding, Severity, Status};
use crate::ipc::Choice;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AreaScore {
    pub area: Area,
    /// 0..100, the middle of `low..high`; `null` when the candidate has neither a profile
    /// nor an MDS2 form.
    pub score: Option<f64>,
    /// 0..100 with every unconfirmed point failed.
    pub low: Option<f64>,
    /// 0..100 with every unconfirmed point passed.
    pub high: Option<f64>,
    pub earned: u32,
    /// Points neither confirmed nor refuted.
    pub unconfirmed: u32,
    pub possible: u32,
}

impl AreaScore {
    /// True when unconfirmed points leave the score a range.
    pub fn is_range(&self) -> bool {
        matches!((self.low, self.high), (Some(l), Some(h)) if h > l)
    }
}

/// The EHR, network and security scores of a candidate's findings; `known` is false when
/// the candidate has neither a profile nor an MDS2 form (no scores then). `rules` gives
/// the severity an unconfirmed point would have as a gap.
pub(super) fn area_scores(
    findings: &[Finding],
    rules: &[CompatRule],
    known: bool,
) -> Vec<AreaScore> {
    Area::VALUES
        .iter()
        .map(|&area| {
            let applicable = findings
                .iter()
                .filter(|f| f.area == area && f.status != Status::NotApplicable);
            let possible: u32 = applicable.clone().map(|f| f.points).sum();
            let points = |status: Status| -> u32 {
                applicable
                    .clone()
                    .filter(|f| f.status == status)
                    .map(|f| f.points)
                    .sum()
            };
            let (earned, unconfirmed) = (points(Status::Pass), points(Status::Unconfirmed));
            let blocked = findings.iter().any(|f| {
                f.area == area && f.status == Status::Gap && f.severity == Some(Severity::Blocking)
            });
            // An unconfirmed point of a blocking rule, failed, blocks the area.
            let could_block = findings.iter().any(|f| {
                f.area == area
                    && f.status == Status::Unconfirmed
                    && rules
                        .iter()
                        .any(|r| r.key == f.rule && r.severity == Severity::Blocking)
            });
            let share = |n: u32| {
                if possible == 0 {
                    100.0
                } else {
                    100.0 * f64::from(n) / f64::from(possible)
                }
            };
            let low = if blocked || could_block {
                0.0
            } else {
                share(earned)
            };
            let high = if blocked {
                0.0
            } else {
                share(earned + unconfirmed)
            };
            AreaScore {
                area,
                score: known.then_some((low + high) / 2.0),
                low: known.then_some(low),
                high: known.then_some(high),
                earned,
                unconfirmed,
                possible,
            }
        })
        .collect()
}
