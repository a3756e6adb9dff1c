//! The financial case of every candidate of a request, beside its lifecycle cost.

use rust_decimal::Decimal;
use serde::Serialize;

use super::{financial_case, FinancialCase, FinancialInputs};
use crate::assessment::{AssessmentInputs, RequestLifecycle};
use crate::ids::{CandidateId, RequestId};
use crate::money::{decimal_text, Currency};

/// One candidate's case, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CandidateFinancialCase {
    pub candidate_id: CandidateId,
    pub label: String,
    /// True when savings, revenue or a lease are entered.
    pub entered: bool,
    pub inputs: FinancialInputs,
    pub case: Option<FinancialCase>,
    /// Set when there is no case: no lifecycle cost, or inputs the engine refuses.
    pub problem: Option<String>,
}

/// The financial cases of a request's candidates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestFinancialCase {
    pub request_id: RequestId,
    pub currency: Currency,
    #[serde(with = "decimal_text")]
    pub discount_rate: Decimal,
    pub candidates: Vec<CandidateFinancialCase>,
}

impl RequestFinancialCase {
    /// True when any candidate has savings, revenue or a lease entered.
    pub fn has_case(&self) -> bool {
        self.candidates.iter().any(|c| c.entered)
    }
}

/// Each candidate's case from its inputs (none entered: the defaults, which still give
/// its depreciation) and the lifecycle cost computed for the request.
pub fn request_financial_case(
    a: &AssessmentInputs,
    lifecycle: &RequestLifecycle,
    inputs: &[(CandidateId, FinancialInputs)],
) -> RequestFinancialCase {
    let candidates = lifecycle
        .candidates
        .iter()
        .map(|c| {
            let entered_inputs = inputs
                .iter()
                .find(|(id, _)| *id == c.candidate_id)
                .map(|(_, i)| i.clone())
                .unwrap_or_default();
            let model = a
                .cost_models
                .iter()
                .find(|(id, _)| *id == c.candidate_id)
                .map(|(_, m)| m);
            let (case, problem) = match (&c.lifecycle, model) {
                (Some(lc), Some(m)) => {
                    match financial_case(&entered_inputs, m, lc, &lifecycle.assumptions) {
                        Ok(case) => (Some(case), None),
                        Err(e) => (None, Some(format!("financial case: {e}"))),
                    }
                }
                _ => (
                    None,
                    Some(
                        c.problem
                            .clone()
                            .unwrap_or_else(|| "no lifecycle cost".into()),
                    ),
                ),
            };
            CandidateFinancialCase {
                candidate_id: c.candidate_id,
                label: c.label.clone(),
                entered: entered_inputs.has_case(),
                inputs: entered_inputs,
                case,
                problem,
            }
        })
        .collect();
    RequestFinancialCase {
        request_id: lifecycle.request_id,
        currency: lifecycle.assumptions.currency.clone(),
        discount_rate: lifecycle.assumptions.discount_rate,
        candidates,
    }
}
