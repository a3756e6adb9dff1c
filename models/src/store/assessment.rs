//! A request's engine results from the store: each method reads what the engine needs and
//! calls one engine function, so the window and the CLI get a figure from one call.

use chrono::NaiveDate;

use super::Portfolio;
use crate::assessment::{
    agreement, assess, preview_candidate_lifecycle, request_lifecycle, Agreement, AssessmentInputs,
    RequestLifecycle, RequestRanking,
};
use crate::error::Result;
use crate::ids::{CandidateId, RequestId};
use crate::lifecycle::{lifecycle_cost, CostModel, LifecycleCost};

impl Portfolio {
    /// Everything the ranking of a request reads, in one consistent snapshot.
    pub fn assessment_inputs(&self, request_id: RequestId) -> Result<AssessmentInputs> {
        // One read transaction, so that the parts agree with each other.
        let tx = self.conn.unchecked_transaction()?;
        let inputs = AssessmentInputs {
            request: self.request(request_id)?,
            candidates: self.candidates(request_id)?,
            categories: self.categories(request_id)?,
            criteria: self.criteria(request_id)?,
            evaluators: self.evaluators()?,
            scores: self.scores(request_id)?,
            measurements: self.measurements(request_id)?,
            cost_models: self.cost_models(request_id)?,
            assumptions: self.assumptions(request_id)?,
            compat: self.compat_inputs(request_id)?,
            reference_scale: self.reference_scale(request_id)?,
            as_of: None,
        };
        tx.commit()?;
        Ok(inputs)
    }

    /// The request's ranked comparison under its method.
    pub fn ranking(&self, request_id: RequestId) -> Result<RequestRanking> {
        assess(&self.assessment_inputs(request_id)?)
    }

    /// The ranked comparison with quotes judged on `as_of` (an expired quote is flagged).
    pub fn ranking_as_of(&self, request_id: RequestId, as_of: NaiveDate) -> Result<RequestRanking> {
        assess(&self.assessment_inputs(request_id)?.as_of(as_of))
    }

    /// How far the request's evaluators agree.
    pub fn agreement(&self, request_id: RequestId) -> Result<Agreement> {
        Ok(agreement(&self.assessment_inputs(request_id)?))
    }

    /// The lifecycle cost of each of the request's candidates.
    pub fn lifecycle_costs(&self, request_id: RequestId) -> Result<RequestLifecycle> {
        Ok(request_lifecycle(&self.assessment_inputs(request_id)?))
    }

    /// The lifecycle cost of an unsaved cost model under the request's assumptions (the
    /// cost-model editor's live figures). With a candidate, the figures include the
    /// remediation of that candidate's compatibility gaps, as the lifecycle table's do.
    pub fn preview_lifecycle(
        &self,
        request_id: RequestId,
        candidate_id: Option<CandidateId>,
        model: &CostModel,
    ) -> Result<LifecycleCost> {
        match candidate_id {
            Some(id) => {
                preview_candidate_lifecycle(&self.assessment_inputs(request_id)?, id, model)
            }
            None => lifecycle_cost(model, &self.assumptions(request_id)?),
        }
    }
}
