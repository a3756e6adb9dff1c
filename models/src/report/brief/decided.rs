//! What the brief says of the committee's decision: the note beside the recommendation,
//! which never calls a request approved unless a decision says so and names the chosen
//! candidate when the committee overruled the ranking.

use crate::decision::{Decision, Outcome};
use crate::domain::{CapitalRequest, RequestStatus};

/// The note beside the recommended candidate in the executive summary.
pub(super) fn status_note(request: &CapitalRequest, decision: Option<&Decision>) -> Option<String> {
    let Some(d) = decision else {
        return match request.status {
            RequestStatus::Recommended => {
                Some("The request is recommended for approval.".to_string())
            }
            RequestStatus::Approved | RequestStatus::Deferred | RequestStatus::Rejected => {
                Some(format!(
                    "The request's status is {}; no committee decision is recorded",
                    super::status_label(request.status)
                ))
            }
            _ => None,
        };
    };
    let date = d.decided_on.format("%Y-%m-%d");
    Some(match d.outcome {
        Outcome::Approved if d.overrules_ranking => format!(
            "The committee approved {} on {date}, not the top-ranked candidate (see 7 Decision)",
            d.candidate
        ),
        Outcome::Approved => format!("The committee approved it on {date}"),
        Outcome::Deferred => format!(
            "The committee deferred the request to FY{} on {date}",
            d.deferred_to.unwrap_or_default()
        ),
        Outcome::Rejected => format!("The committee rejected the request on {date}"),
    })
}
