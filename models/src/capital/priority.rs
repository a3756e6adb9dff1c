//! A request's priority: how much funding it matters, apart from how good its devices are.
//!
//! Four parts, each a level from 1 (low) to 5 (high) stated by the committee: the clinical
//! need, the risk of not replacing (failures, safety, end of support), the strategic fit,
//! and the committee's own judgement. The priority is their weighted mean on a 0-100 scale,
//! `100 × Σ wₖ (levelₖ − 1) / 4 / Σ wₖ`, over the parts that are stated. A part that is not
//! stated is left out and named, never read as the lowest level; a request with no part
//! stated gets the middle of the scale, 50, and says so. The weights are the committee's
//! (whole numbers; by default 35 need, 30 risk, 15 strategy, 20 judgement).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// Why a request must be funded whatever its priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Mandatory {
    /// A regulation or accreditation requires it.
    Regulatory,
    /// The installed device is under a recall or safety notice.
    Recall,
    /// The manufacturer ends support of the installed device.
    EndOfSupport,
}

crate::ipc::choice!(Mandatory {
    Regulatory => "Regulatory",
    Recall => "Recall or safety notice",
    EndOfSupport => "End of manufacturer support",
});

/// The committee's levels for one request (1 to 5 each, or not stated).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct PriorityParts {
    pub clinical_need: Option<u8>,
    pub risk: Option<u8>,
    pub strategic_fit: Option<u8>,
    pub committee: Option<u8>,
}

/// How the parts weigh, in whole points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PriorityWeights {
    pub clinical_need: u32,
    pub risk: u32,
    pub strategic_fit: u32,
    pub committee: u32,
}

impl Default for PriorityWeights {
    fn default() -> Self {
        PriorityWeights {
            clinical_need: 35,
            risk: 30,
            strategic_fit: 15,
            committee: 20,
        }
    }
}

impl PriorityWeights {
    /// Weights are whole points, at most 1,000 each, and not all zero.
    pub fn check(&self) -> Result<()> {
        let all = [
            ("clinical_need", self.clinical_need),
            ("risk", self.risk),
            ("strategic_fit", self.strategic_fit),
            ("committee", self.committee),
        ];
        if let Some((name, w)) = all.iter().find(|(_, w)| *w > 1_000) {
            return Err(Error::validation(
                format!("weights.{name}"),
                format!("{w} is more than 1,000 points"),
            ));
        }
        if all.iter().all(|(_, w)| *w == 0) {
            return Err(Error::validation(
                "weights",
                "at least one part of the priority needs a weight",
            ));
        }
        Ok(())
    }
}

impl PriorityParts {
    /// Each stated level is 1 to 5.
    pub fn check(&self) -> Result<()> {
        for (name, level) in self.named() {
            if let Some(l) = level {
                if !(1..=5).contains(&l) {
                    return Err(Error::validation(
                        name,
                        format!("{l} is not a level from 1 (low) to 5 (high)"),
                    ));
                }
            }
        }
        Ok(())
    }

    fn named(&self) -> [(&'static str, Option<u8>); 4] {
        [
            ("clinical_need", self.clinical_need),
            ("risk", self.risk),
            ("strategic_fit", self.strategic_fit),
            ("committee", self.committee),
        ]
    }
}

/// One part of a priority, as the explanation shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PriorityPart {
    pub part: String,
    pub level: Option<u8>,
    pub weight: u32,
    /// Points of the 0-100 priority this part gives (none when not stated).
    #[ts(type = "string | null")]
    pub points: Option<Decimal>,
}

/// A request's priority with its explanation.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Priority {
    /// 0 to 100, to one decimal.
    #[serde(with = "crate::money::decimal_text")]
    #[ts(type = "string")]
    pub value: Decimal,
    pub parts: Vec<PriorityPart>,
    /// The parts not stated (left out of the mean).
    pub unstated: Vec<String>,
    pub mandatory: Option<Mandatory>,
    /// In words: "72.5 = need 4 (35), risk 5 (30), …".
    pub explanation: String,
}

const LABELS: [&str; 4] = [
    "clinical need",
    "risk of not replacing",
    "strategic fit",
    "committee judgement",
];

/// The priority of a request from its parts and the committee's weights.
pub fn priority(
    parts: &PriorityParts,
    mandatory: Option<Mandatory>,
    weights: &PriorityWeights,
) -> Priority {
    let w = [
        weights.clinical_need,
        weights.risk,
        weights.strategic_fit,
        weights.committee,
    ];
    let levels = parts.named().map(|(_, l)| l);
    let stated_weight: u32 = w
        .iter()
        .zip(levels)
        .filter(|(wk, l)| l.is_some() && **wk > 0)
        .map(|(wk, _)| *wk)
        .sum();
    let mut out = Vec::new();
    let mut unstated = Vec::new();
    let mut total = Decimal::ZERO;
    for ((label, wk), level) in LABELS.iter().zip(w).zip(levels) {
        let points = match level {
            Some(l) if stated_weight > 0 && wk > 0 => {
                let p =
                    Decimal::from(100 * wk * u32::from(l - 1)) / Decimal::from(4 * stated_weight);
                total += p;
                Some(p.round_dp(1))
            }
            _ => None,
        };
        if level.is_none() {
            unstated.push((*label).to_string());
        }
        out.push(PriorityPart {
            part: (*label).to_string(),
            level,
            weight: wk,
            points,
        });
    }
    let mut value = if stated_weight == 0 {
        Decimal::from(50)
    } else {
        total.round_dp(1)
    };
    // Always shown to one decimal (50.0, not 50).
    value.rescale(1);
    let shown: Vec<String> = out
        .iter()
        .filter_map(|p| {
            p.level
                .map(|l| format!("{} {l} (weight {})", p.part, p.weight))
        })
        .collect();
    let explanation = if stated_weight == 0 {
        "50.0: no part of the priority is stated, so it sits at the middle of the scale".to_string()
    } else if unstated.is_empty() {
        format!("{value}: {}", shown.join(", "))
    } else {
        format!(
            "{value}: {}; not stated: {}",
            shown.join(", "),
            unstated.join(", ")
        )
    };
    Priority {
        value,
        parts: out,
        unstated,
        mandatory,
        explanation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_priority_is_the_weighted_mean_of_the_stated_parts() {
        let w = PriorityWeights::default();
        let all = PriorityParts {
            clinical_need: Some(5),
            risk: Some(5),
            strategic_fit: Some(5),
            committee: Some(5),
        };
        assert_eq!(priority(&all, None, &w).value.to_string(), "100.0");
        // Need 4 and risk 2 only: (35 × 3 + 30 × 1) / 4 / 65 × 100 = 51.9.
        let some = PriorityParts {
            clinical_need: Some(4),
            risk: Some(2),
            ..Default::default()
        };
        let p = priority(&some, None, &w);
        assert_eq!(p.value.to_string(), "51.9");
        assert_eq!(p.unstated, ["strategic fit", "committee judgement"]);
        assert!(
            p.explanation.contains("not stated: strategic fit"),
            "{}",
            p.explanation
        );
        // Nothing stated is the middle of the scale, never the bottom.
        assert_eq!(
            priority(&PriorityParts::default(), None, &w).value,
            Decimal::from(50)
        );
        let ones = PriorityParts {
            clinical_need: Some(1),
            ..Default::default()
        };
        assert_eq!(priority(&ones, None, &w).value.to_string(), "0.0");
    }

    #[test]
    fn levels_and_weights_are_checked() {
        let bad = PriorityParts {
            risk: Some(6),
            ..Default::default()
        };
        assert!(bad
            .check()
            .unwrap_err()
            .to_string()
            .starts_with("risk: 6 is not a level"));
        let zero = PriorityWeights {
            clinical_need: 0,
            risk: 0,
            strategic_fit: 0,
            committee: 0,
        };
        assert!(zero.check().is_err());
    }
}
