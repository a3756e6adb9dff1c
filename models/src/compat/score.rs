//! An area's score from its findings: points passed over points applicable, 100 when
//! nothing applies, 0 with a blocking gap.

use serde::Serialize;
use ts_rs::TS;

use super::{Area, Finding, Severity, Status};
use crate::ipc::Choice;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AreaScore {
    pub area: Area,
    /// 0..100; `null` when the candidate has neither a profile nor an MDS2 form.
    pub score: Option<f64>,
    pub earned: u32,
    pub possible: u32,
}

/// The EHR, network and security scores of a candidate's findings; `known` is false when
/// the candidate has neither a profile nor an MDS2 form (no scores then).
pub(super) fn area_scores(findings: &[Finding], known: bool) -> Vec<AreaScore> {
    Area::VALUES
        .iter()
        .map(|&area| {
            let applicable = findings
                .iter()
                .filter(|f| f.area == area && f.status != Status::NotApplicable);
            let possible: u32 = applicable.clone().map(|f| f.points).sum();
            let earned: u32 = applicable
                .filter(|f| f.status == Status::Pass)
                .map(|f| f.points)
                .sum();
            let blocked = findings.iter().any(|f| {
                f.area == area && f.status == Status::Gap && f.severity == Some(Severity::Blocking)
            });
            AreaScore {
                area,
                score: known.then(|| {
                    if blocked {
                        0.0
                    } else if possible == 0 {
                        100.0
                    } else {
                        100.0 * f64::from(earned) / f64::from(possible)
                    }
                }),
                earned,
                possible,
            }
        })
        .collect()
}
