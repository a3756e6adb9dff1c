//! Scenarios: the committee's "what if" beside the plan: every budget changed by a
//! percentage, requests forced in (funded whatever their value, as if mandatory) or out
//! (left out), or other priority weights. A scenario changes the plan's inputs only; the
//! same solver plans it, so scenarios compare side by side.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{portfolio_plan, PlanExcluded, PortfolioPlan, PortfolioPlanInputs, PriorityWeights};
use crate::error::{Error, Result};
use crate::ids::RequestId;

/// The largest change of the budgets a scenario may make, percent either way.
pub const MAX_BUDGET_CHANGE_PCT: i64 = 90;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Scenario {
    /// 0 for the plan as stored ("Base"); a saved scenario's id otherwise.
    pub id: u32,
    pub name: String,
    /// Every budget changed by this percentage (−10 for 10 % less).
    #[serde(with = "crate::money::decimal_text")]
    #[ts(type = "string")]
    pub budget_change_pct: Decimal,
    pub forced_in: Vec<RequestId>,
    pub forced_out: Vec<RequestId>,
    /// Other priority weights (none: the committee's).
    pub weights: Option<PriorityWeights>,
}

impl Scenario {
    /// The plan as stored.
    pub fn base() -> Scenario {
        Scenario {
            id: 0,
            name: "Base".into(),
            budget_change_pct: Decimal::ZERO,
            forced_in: Vec::new(),
            forced_out: Vec::new(),
            weights: None,
        }
    }

    /// A name, a change within ±90 %, no request both forced in and out, weights checked.
    pub fn check(&self) -> Result<()> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 80 || name.chars().any(char::is_control) {
            return Err(Error::validation(
                "name",
                "a scenario needs a name of one line, at most 80 characters",
            ));
        }
        if self.budget_change_pct.abs() > Decimal::from(MAX_BUDGET_CHANGE_PCT) {
            return Err(Error::validation(
                "budget_change_pct",
                format!(
                    "{}% is beyond the ±{MAX_BUDGET_CHANGE_PCT} % a scenario may change the budgets by",
                    self.budget_change_pct.normalize()
                ),
            ));
        }
        if let Some(both) = self.forced_in.iter().find(|r| self.forced_out.contains(r)) {
            return Err(Error::validation(
                "forced_in",
                format!("request {both} is forced both in and out"),
            ));
        }
        if let Some(w) = &self.weights {
            w.check()?;
        }
        Ok(())
    }

    /// The portfolio's inputs as this scenario changes them.
    pub fn apply(&self, inputs: &PortfolioPlanInputs) -> PortfolioPlanInputs {
        let mut changed = inputs.clone();
        let factor = Decimal::ONE + self.budget_change_pct / Decimal::ONE_HUNDRED;
        let scaled = |amount: Decimal| {
            let mut amount = (amount * factor).round_dp(2);
            amount.rescale(2);
            amount
        };
        for b in &mut changed.budgets {
            b.capital = scaled(b.capital);
            b.operating = b.operating.map(scaled);
        }
        if let Some(w) = self.weights {
            changed.weights = w;
        }
        for r in &mut changed.requests {
            if self.forced_in.contains(&r.request.id) && r.mandatory.is_none() {
                r.forced_in = true;
            }
        }
        changed
            .requests
            .retain(|r| !self.forced_out.contains(&r.request.id));
        changed
    }
}

/// A scenario's plan.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScenarioPlan {
    pub scenario: Scenario,
    pub plan: PortfolioPlan,
}

/// Plans each scenario over the same years; the requests a scenario forces out are listed
/// as left out, with that reason.
pub fn scenario_plans(
    inputs: &PortfolioPlanInputs,
    scenarios: &[Scenario],
    years: std::ops::RangeInclusive<i32>,
) -> Result<Vec<ScenarioPlan>> {
    scenarios
        .iter()
        .map(|s| {
            let mut plan = portfolio_plan(&s.apply(inputs), years.clone())?;
            for id in &s.forced_out {
                if let Some(r) = inputs.requests.iter().find(|r| r.request.id == *id) {
                    plan.excluded.push(PlanExcluded {
                        request_id: *id,
                        title: r.request.title.clone(),
                        reason: format!("forced out in the scenario '{}'", s.name),
                    });
                }
            }
            Ok(ScenarioPlan {
                scenario: s.clone(),
                plan,
            })
        })
        .collect()
}
