//! `caliper tco --input`: several candidates' lifecycle costs under shared assumptions,
//! compared on equivalent annual cost.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{lifecycle_cost, Assumptions, CostModel, LifecycleCost};
use crate::error::{Error, Result};

/// `caliper tco --input`: candidates' cost models under shared assumptions (or one
/// `cost_model` alone, reported as candidate `"candidate"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CostComparisonInput {
    pub assumptions: Assumptions,
    #[serde(default)]
    pub candidates: Vec<CostComparisonCandidate>,
    #[serde(default)]
    #[ts(optional)]
    pub cost_model: Option<CostModel>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CostComparisonCandidate {
    pub id: String,
    #[serde(default)]
    #[ts(optional)]
    pub name: Option<String>,
    pub cost_model: CostModel,
}

/// `caliper tco --input` output: each candidate's lifecycle cost, compared on EAC.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CostComparison {
    /// Always `"eac"`: equivalent annual cost compares unequal lives fairly.
    pub compare_on: String,
    /// True when the expected lives differ (NPVs are then not comparable).
    pub unequal_lives: bool,
    pub assumptions: Assumptions,
    pub candidates: Vec<CostComparisonResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CostComparisonResult {
    pub id: String,
    pub name: String,
    /// 1 = lowest equivalent annual cost.
    pub rank_by_eac: u32,
    pub lifecycle: LifecycleCost,
}

/// Computes and compares several candidates' lifecycle costs; errors name the candidate.
pub fn compare_costs(input: &CostComparisonInput) -> Result<CostComparison> {
    let single;
    let input = match (&input.cost_model, input.candidates.is_empty()) {
        (Some(model), true) => {
            single = CostComparisonInput {
                assumptions: input.assumptions.clone(),
                candidates: vec![CostComparisonCandidate {
                    id: "candidate".into(),
                    name: None,
                    cost_model: model.clone(),
                }],
                cost_model: None,
            };
            &single
        }
        (Some(_), false) => {
            return Err(Error::validation(
                "cost_model",
                "give either cost_model or candidates, not both",
            ))
        }
        (None, true) => {
            return Err(Error::validation(
                "candidates",
                "at least one candidate is needed",
            ))
        }
        (None, false) => input,
    };
    input
        .assumptions
        .validate()
        .map_err(|e| e.within("assumptions"))?;
    let mut results = Vec::with_capacity(input.candidates.len());
    for (i, c) in input.candidates.iter().enumerate() {
        if input.candidates[..i].iter().any(|o| o.id == c.id) {
            return Err(Error::conflict(
                format!("candidates[{i}].id"),
                format!("'{}' appears twice", c.id),
            ));
        }
        let lifecycle = lifecycle_cost(&c.cost_model, &input.assumptions)
            .map_err(|e| e.within(&format!("candidates[{i}].cost_model")))?;
        results.push(CostComparisonResult {
            id: c.id.clone(),
            name: c.name.clone().unwrap_or_else(|| c.id.clone()),
            rank_by_eac: 0,
            lifecycle,
        });
    }
    let mut order: Vec<usize> = (0..results.len()).collect();
    order.sort_by(|a, b| results[*a].lifecycle.eac.cmp(&results[*b].lifecycle.eac));
    for (rank, i) in order.iter().enumerate() {
        results[*i].rank_by_eac = rank as u32 + 1;
    }
    let first_life = results[0].lifecycle.expected_life_years;
    Ok(CostComparison {
        compare_on: "eac".into(),
        unequal_lives: results
            .iter()
            .any(|r| r.lifecycle.expected_life_years != first_life),
        assumptions: input.assumptions.clone(),
        candidates: results,
    })
}
