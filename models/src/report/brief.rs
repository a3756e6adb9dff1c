//! The budget brief as a value: everything the printed document says about a request.
//!
//! Every figure comes from the engines ([`assess`], [`request_lifecycle`], [`sensitivity`]
//! with a fixed seed, [`agreement`]), so the brief, the desktop app and the CLI show the
//! same numbers. Nothing here reads a clock: the as-of date is an argument.

mod decided;
mod risks;

use std::sync::atomic::AtomicBool;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::assessment::{
    agreement, assess, compatibility, decision_problem, request_lifecycle_with, Agreement,
    AssessmentInputs, RequestLifecycle, RequestRanking,
};
use crate::compat::CompatibilityReport;
use crate::criteria::CriterionKind;
use crate::decision::{Decision, HistoryEntry};
use crate::domain::CapitalRequest;
use crate::error::{Error, Result};
use crate::ids::{CandidateId, RequestId};
use crate::lifecycle::LifecycleCost;
use crate::money::{format_amount, Currency, Money};
use crate::ranking::Method;
use crate::sensitivity::{sensitivity, SensitivityOptions, SensitivityResult};
use crate::store::Portfolio;

/// Weight samples of the brief's robustness analysis.
pub const BRIEF_SAMPLES: u32 = 10_000;
/// Seed of the brief's robustness analysis: the same data give the same statement.
pub const BRIEF_SEED: u64 = 1;
/// Version of the brief's layout and content rules, part of the content hash.
pub const BRIEF_FORMAT: u32 = 4;

pub use risks::lead_text;

/// The roles asked to sign the brief.
pub const SIGN_OFF_ROLES: [&str; 4] = [
    "Clinical engineering",
    "Finance",
    "Nursing",
    "Information technology",
];

/// What the brief is built from: the request's data and where it sits.
#[derive(Debug, Clone)]
pub struct BriefInputs {
    pub portfolio_name: String,
    pub facility: String,
    pub department: String,
    pub assessment: AssessmentInputs,
    /// The committee's decisions on the request, oldest first.
    pub decisions: Vec<Decision>,
    /// Its history of decisions and status changes, oldest first.
    pub history: Vec<HistoryEntry>,
    /// The installed assets the request replaces, with what their priority is computed
    /// from (its as-of date is the brief's).
    pub replaced: ReplacedInputs,
    /// The candidates' financial inputs (savings, revenue, depreciation, lease).
    pub financial: Vec<(CandidateId, crate::finance::case::FinancialInputs)>,
}

/// The assets a request replaces, their work orders and the priority's settings.
#[derive(Debug, Clone, Default)]
pub struct ReplacedInputs {
    pub assets: Vec<crate::inventory::Asset>,
    pub work_orders: Vec<crate::inventory::WorkOrder>,
    pub settings: Option<crate::inventory::PrioritySettings>,
}

/// The recommended (top-ranked) candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    pub candidate_id: CandidateId,
    pub label: String,
    pub vendor: String,
    /// Score in 0..1 (weighted sum) or closeness (TOPSIS).
    pub score: f64,
    /// Other candidates sharing first place.
    pub tied_with: Vec<String>,
    pub quoted_total: Money,
    pub lifecycle: Option<LifecycleCost>,
    /// Set when the request is already recommended or approved.
    pub status_note: Option<String>,
}

/// The recommended candidate's lead over the next-ranked candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lead {
    pub runner_up: String,
    /// The difference in scores (0..1).
    pub points: f64,
    /// The difference of the shown scores, in points of 100 (`0.5`).
    pub points_shown: String,
    /// Year-0 capital of the recommended candidate minus the runner-up's, when both
    /// have a lifecycle cost.
    pub capital_difference: Option<Decimal>,
    /// Equivalent annual cost of the recommended candidate minus the runner-up's.
    pub eac_difference: Option<Decimal>,
}

/// The capital the request asks for, and where the figure comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CapitalNeeded {
    pub amount: Money,
    pub basis: String,
}

/// One evaluator's part in the request.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvaluatorLine {
    pub name: String,
    pub role: String,
    pub scored: u32,
    pub expected: u32,
}

/// Every evaluator's score of one candidate on one judged criterion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreGridRow {
    pub candidate: String,
    pub criterion: String,
    /// In `ScoreGrid.evaluators` order.
    pub scores: Vec<Option<u8>>,
    pub mean: Option<f64>,
    pub disagreement: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreGrid {
    pub evaluators: Vec<String>,
    pub rows: Vec<ScoreGridRow>,
}

/// Everything the printed brief says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetBrief {
    pub portfolio_name: String,
    pub facility: String,
    pub department: String,
    pub request: CapitalRequest,
    pub as_of: NaiveDate,
    /// First 12 hex digits of the SHA-256 of the canonical JSON of the inputs.
    pub content_hash: String,
    pub currency: Currency,
    pub candidate_count: usize,
    pub ranking: Option<RequestRanking>,
    /// Why there is no ranking (no candidates, no criteria, invalid weights).
    pub ranking_problem: Option<String>,
    pub recommendation: Option<Recommendation>,
    /// Why there is no recommendation.
    pub recommendation_problem: Option<String>,
    /// The recommendation's lead over the runner-up.
    pub lead: Option<Lead>,
    pub capital_needed: Option<CapitalNeeded>,
    pub lifecycle: RequestLifecycle,
    pub sensitivity: Option<SensitivityResult>,
    pub sensitivity_problem: Option<String>,
    pub agreement: Agreement,
    pub key_risks: Vec<String>,
    pub evaluators: Vec<EvaluatorLine>,
    pub score_grid: ScoreGrid,
    pub data_sources: Vec<String>,
    /// The candidates against the site IT profile.
    pub compatibility: crate::compat::CompatibilityReport,
    /// The committee's latest decision, if one is recorded.
    pub decision: Option<Decision>,
    /// The request's decisions and status changes, oldest first.
    pub history: Vec<HistoryEntry>,
    /// The installed assets it replaces, with their replacement priority.
    pub replaced_assets: Vec<crate::inventory::AssetPriority>,
    /// The candidates' financial case, when savings, revenue or a lease are entered.
    pub financial_case: Option<crate::finance::case::RequestFinancialCase>,
}

impl BudgetBrief {
    /// The robustness statement, or why there is none.
    pub fn robustness(&self) -> String {
        match (&self.sensitivity, &self.sensitivity_problem) {
            (Some(s), _) => s.statement.clone(),
            (None, Some(p)) => format!("Not analysed: {p}."),
            (None, None) => "Not analysed.".into(),
        }
    }
}

pub use crate::money::{money_cents, money_units};

/// A score in points of 100 to 0.1, as the ranking shows it (the one rounding rule).
pub use crate::ranking::shown::points;

/// A share as a whole percentage, `89 %`.
pub fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

/// Reads what the brief of `request_id` needs from the portfolio and builds it.
pub fn brief_from_portfolio(
    p: &Portfolio,
    request_id: RequestId,
    as_of: NaiveDate,
) -> Result<BudgetBrief> {
    Ok(build_brief(&brief_inputs(p, request_id)?, as_of))
}

/// Reads what the brief of `request_id` needs from the portfolio (quick: the building,
/// with its sensitivity analysis, can then run without holding the portfolio).
pub fn brief_inputs(p: &Portfolio, request_id: RequestId) -> Result<BriefInputs> {
    let assessment = p.assessment_inputs(request_id)?;
    let departments = p.departments()?;
    let department = departments
        .iter()
        .find(|d| d.id == assessment.request.department_id)
        .ok_or_else(|| Error::not_found("department", assessment.request.department_id))?;
    let facility = p
        .facilities()?
        .into_iter()
        .find(|f| f.id == department.facility_id)
        .map(|f| f.name)
        .unwrap_or_default();
    let assets = p.request_assets(request_id)?;
    let mut work_orders = Vec::new();
    for a in &assets {
        work_orders.extend(p.work_orders(Some(&a.asset_number))?);
    }
    let settings = if assets.is_empty() {
        None
    } else {
        // The date is replaced by the brief's own.
        Some(p.priority_settings(&assets, NaiveDate::MIN)?)
    };
    Ok(BriefInputs {
        replaced: ReplacedInputs {
            assets,
            work_orders,
            settings,
        },
        portfolio_name: p.info()?.name,
        facility,
        department: department.name.clone(),
        decisions: p.decisions(request_id)?,
        history: p.history(request_id)?,
        financial: p.financial_inputs_of(request_id)?,
        assessment,
    })
}

/// The inputs as hashed: a fixed field order, so the JSON is canonical.
#[derive(Serialize)]
struct Hashed<'a> {
    format: u32,
    as_of: NaiveDate,
    portfolio_name: &'a str,
    facility: &'a str,
    department: &'a str,
    request: &'a CapitalRequest,
    candidates: &'a [crate::domain::Candidate],
    categories: &'a [crate::criteria::Category],
    criteria: &'a [crate::criteria::Criterion],
    evaluators: &'a [crate::domain::Evaluator],
    scores: &'a [crate::domain::EvaluatorScore],
    measurements: &'a [crate::domain::Measurement],
    cost_models: &'a [(CandidateId, crate::lifecycle::CostModel)],
    assumptions: &'a crate::lifecycle::Assumptions,
    site: &'a crate::compat::SiteProfile,
    site_scope: &'a str,
    devices: &'a [(CandidateId, crate::compat::DeviceProfile)],
    forms: &'a [(CandidateId, crate::compat::Mds2Form)],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    evidence: &'a [(CandidateId, Vec<crate::compat::EvidenceFile>)],
    rules: &'a [crate::compat::CompatRule],
    disqualify_blocking: bool,
    reference_scale: crate::ranking::ReferenceScale,
    decisions: &'a [Decision],
    history: &'a [HistoryEntry],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    replaced_assets: &'a [crate::inventory::Asset],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    replaced_work_orders: &'a [crate::inventory::WorkOrder],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    financial: &'a [(CandidateId, crate::finance::case::FinancialInputs)],
    samples: u32,
    seed: u64,
}

/// First 12 hex digits of the SHA-256 of the canonical JSON of the brief's inputs.
pub fn content_hash(inputs: &BriefInputs, as_of: NaiveDate) -> String {
    let a = &inputs.assessment;
    let hashed = Hashed {
        format: BRIEF_FORMAT,
        as_of,
        portfolio_name: &inputs.portfolio_name,
        facility: &inputs.facility,
        department: &inputs.department,
        request: &a.request,
        candidates: &a.candidates,
        categories: &a.categories,
        criteria: &a.criteria,
        evaluators: &a.evaluators,
        scores: &a.scores,
        measurements: &a.measurements,
        cost_models: &a.cost_models,
        assumptions: &a.assumptions,
        site: &a.compat.site,
        site_scope: &a.compat.site_scope,
        devices: &a.compat.devices,
        forms: &a.compat.forms,
        evidence: &a.compat.evidence,
        rules: &a.compat.rules,
        disqualify_blocking: a.compat.disqualify_blocking,
        reference_scale: a.reference_scale,
        decisions: &inputs.decisions,
        history: &inputs.history,
        replaced_assets: &inputs.replaced.assets,
        replaced_work_orders: &inputs.replaced.work_orders,
        financial: &inputs.financial,
        samples: BRIEF_SAMPLES,
        seed: BRIEF_SEED,
    };
    crate::report::inputs_hash(&hashed)
}

/// Builds the brief from the engines' results. Pure: the same inputs and date give the
/// same brief.
pub fn build_brief(inputs: &BriefInputs, as_of: NaiveDate) -> BudgetBrief {
    let a = &inputs.assessment.clone().as_of(as_of);
    let currency = a.request.currency.clone();
    let content_hash = content_hash(inputs, as_of);
    let compat = compatibility(a);
    let lifecycle = request_lifecycle_with(a, &compat);
    let agreement = agreement(a);

    let (ranking, ranking_problem) = match assess(a) {
        Ok(r) => (Some(r), None),
        Err(e) => (None, Some(problem_text(&e))),
    };
    let (sensitivity, sensitivity_problem) = robustness(a, ranking.as_ref());
    let (mut recommendation, recommendation_problem) =
        recommend(a, ranking.as_ref(), ranking_problem.as_deref(), &lifecycle);
    let decision = inputs.decisions.last().cloned();
    if let Some(r) = recommendation.as_mut() {
        r.status_note = decided::status_note(&a.request, decision.as_ref());
    }
    let capital_needed = recommendation
        .as_ref()
        .map(|r| capital_needed(r, &currency));
    let key_risks = risks::key_risks(
        a,
        ranking.as_ref(),
        &lifecycle,
        &agreement,
        &compat,
        recommendation.as_ref(),
    );
    let lead = risks::lead(ranking.as_ref(), &lifecycle, recommendation.as_ref());
    let financial_case = Some(crate::finance::case::request_financial_case(
        a,
        &lifecycle,
        &inputs.financial,
    ))
    .filter(|f| f.has_case());

    BudgetBrief {
        portfolio_name: inputs.portfolio_name.clone(),
        facility: inputs.facility.clone(),
        department: inputs.department.clone(),
        request: a.request.clone(),
        as_of,
        content_hash,
        currency,
        candidate_count: a.candidates.len(),
        evaluators: evaluator_lines(a, ranking.as_ref()),
        ranking,
        ranking_problem,
        recommendation,
        recommendation_problem,
        lead,
        capital_needed,
        lifecycle,
        sensitivity,
        sensitivity_problem,
        agreement,
        key_risks,
        score_grid: score_grid(a),
        data_sources: data_sources(inputs, &compat),
        compatibility: compat,
        decision,
        history: inputs.history.clone(),
        replaced_assets: replaced_assets(&inputs.replaced, as_of),
        financial_case,
    }
}

/// The replaced assets' priorities as of the brief's date, highest first (retired ones
/// left out); none when they cannot be computed.
fn replaced_assets(r: &ReplacedInputs, as_of: NaiveDate) -> Vec<crate::inventory::AssetPriority> {
    let Some(settings) = &r.settings else {
        return Vec::new();
    };
    let settings = crate::inventory::PrioritySettings {
        as_of,
        ..settings.clone()
    };
    crate::inventory::rank(&r.assets, &r.work_orders, &settings).unwrap_or_default()
}

/// The sensitivity analysis with the brief's samples and seed, or why there is none.
fn robustness(
    a: &AssessmentInputs,
    ranking: Option<&RequestRanking>,
) -> (Option<SensitivityResult>, Option<String>) {
    match (ranking, decision_problem(a)) {
        (None, _) => (None, Some("there is no ranking yet".to_string())),
        (Some(_), Err(e)) => (None, Some(problem_text(&e))),
        (Some(_), Ok(problem)) => {
            let options = SensitivityOptions {
                samples: BRIEF_SAMPLES,
                seed: BRIEF_SEED,
                ..SensitivityOptions::default()
            };
            match sensitivity(&problem, &options, &|_, _| {}, &AtomicBool::new(false)) {
                Ok(s) => (Some(s), None),
                Err(e) => (None, Some(problem_text(&e))),
            }
        }
    }
}

/// The capital the recommended candidate needs: its year-0 capital, else its quote.
fn capital_needed(r: &Recommendation, currency: &Currency) -> CapitalNeeded {
    match &r.lifecycle {
        Some(lc) => CapitalNeeded {
            amount: Money::new(lc.capital, currency.clone()),
            basis: "year-0 capital of its lifecycle cost (purchase net of discount and trade-in, installation, IT integration, training)".into(),
        },
        None => CapitalNeeded {
            amount: r.quoted_total.clone(),
            basis: "quoted total (no lifecycle cost model yet)".into(),
        },
    }
}

/// Each evaluator's role and how many of the expected scores they gave.
fn evaluator_lines(a: &AssessmentInputs, ranking: Option<&RequestRanking>) -> Vec<EvaluatorLine> {
    ranking
        .map(|r| {
            r.coverage
                .iter()
                .map(|c| EvaluatorLine {
                    name: c.name.clone(),
                    role: a
                        .evaluators
                        .iter()
                        .find(|e| e.id == c.evaluator_id)
                        .map(|e| e.role.clone())
                        .unwrap_or_default(),
                    scored: c.scored,
                    expected: c.expected,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Where the brief's figures come from.
fn data_sources(inputs: &BriefInputs, compat: &CompatibilityReport) -> Vec<String> {
    let a = &inputs.assessment;
    let mut data_sources = vec![
        format!(
            "Portfolio \"{}\": candidates and quotes, criteria and weights, evaluator scores, cost models.",
            inputs.portfolio_name
        ),
        "Lifecycle cost: each candidate's cost model under the request's financial assumptions (Caliper lifecycle-cost engine).".into(),
        format!(
            "Robustness: {} weight samples, seed {} (same data, same result).",
            format_amount(Decimal::from(BRIEF_SAMPLES), 0),
            BRIEF_SEED
        ),
    ];
    if !a.measurements.is_empty() {
        data_sources.push("Measured criteria: values entered in the portfolio.".into());
    }
    if !a.compat.devices.is_empty() || !a.compat.forms.is_empty() {
        data_sources.push(format!(
            "Compatibility: candidates' interoperability and security profiles and {} vendor MDS2 form(s) (ANSI/NEMA HN 1-2019), checked against the site IT profile with {} rules.",
            a.compat.forms.len(),
            compat.rules
        ));
    }
    data_sources
}

/// An engine error as a sentence for the committee (without the field path).
fn problem_text(e: &Error) -> String {
    match e {
        Error::Validation { message, .. } | Error::Conflict { message, .. } => message.clone(),
        other => other.to_string(),
    }
}

fn recommend(
    a: &AssessmentInputs,
    ranking: Option<&RequestRanking>,
    ranking_problem: Option<&str>,
    lifecycle: &RequestLifecycle,
) -> (Option<Recommendation>, Option<String>) {
    let Some(r) = ranking else {
        let why = if a.candidates.is_empty() {
            "No candidates yet: add the candidate devices and their quotes to this request."
                .to_string()
        } else {
            format!(
                "No ranking yet: {}.",
                ranking_problem.unwrap_or("the ranking could not be computed")
            )
        };
        return (None, Some(why));
    };
    let first: Vec<_> = r.candidates.iter().filter(|c| c.rank == Some(1)).collect();
    let Some(top) = first.first() else {
        return (
            None,
            Some(format!(
                "No candidate can be ranked yet: {} value(s) are missing (see Key risks).",
                r.missing.len()
            )),
        );
    };
    let status_note = None;
    let lc = lifecycle
        .candidates
        .iter()
        .find(|c| c.candidate_id == top.candidate_id)
        .and_then(|c| c.lifecycle.clone());
    (
        Some(Recommendation {
            candidate_id: top.candidate_id,
            label: top.label.clone(),
            vendor: top.vendor.clone(),
            score: top.score.unwrap_or_default(),
            tied_with: first[1..].iter().map(|c| c.label.clone()).collect(),
            quoted_total: top.quoted_total.clone(),
            lifecycle: lc,
            status_note,
        }),
        None,
    )
}

fn score_grid(a: &AssessmentInputs) -> ScoreGrid {
    let evaluators: Vec<&crate::domain::Evaluator> = a
        .evaluators
        .iter()
        .filter(|e| a.scores.iter().any(|s| s.evaluator_id == e.id))
        .collect();
    let mut rows = Vec::new();
    for cand in &a.candidates {
        for crit in a
            .criteria
            .iter()
            .filter(|c| c.kind == CriterionKind::Judged)
        {
            let scores: Vec<Option<u8>> = evaluators
                .iter()
                .map(|e| {
                    a.scores
                        .iter()
                        .find(|s| {
                            s.evaluator_id == e.id
                                && s.candidate_id == cand.id
                                && s.criterion_id == crit.id
                        })
                        .map(|s| s.score)
                })
                .collect();
            let given: Vec<u8> = scores.iter().flatten().copied().collect();
            if given.is_empty() {
                continue;
            }
            let summary = crate::aggregate::summarize(&given);
            rows.push(ScoreGridRow {
                candidate: cand.label(),
                criterion: crit.name.clone(),
                scores,
                mean: summary.as_ref().map(|s| s.mean),
                disagreement: summary.is_some_and(|s| s.disagreement),
            });
        }
    }
    ScoreGrid {
        evaluators: evaluators.iter().map(|e| e.name.clone()).collect(),
        rows,
    }
}

/// How the ranking was made, from the engine's own settings: the method, the scale each
/// criterion is read on, unconfirmed values and the rounding of shown figures.
pub fn method_text(r: &RequestRanking) -> String {
    let intro = match r.method {
        Method::WeightedSum => "Weighted sum: each criterion's value is put on a 0-1 scale (1 best), multiplied by its normalised weight and summed; the contributions add up to the score in points of 100.",
        Method::Topsis => "TOPSIS: vector-normalised weighted values; each candidate's closeness to the ideal and distance from the anti-ideal give a score between 0 and 1 (shown in points of 100). TOPSIS scores are not additive, so no per-criterion contributions are shown.",
    };
    // Criteria grouped by the scale they are read on, in criterion order.
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for c in &r.criteria {
        let name = if c.kind == CriterionKind::Judged {
            "the judged criteria (the evaluators' mean score)".to_string()
        } else {
            c.name.clone()
        };
        match groups.iter_mut().find(|(scale, _)| *scale == c.scale_text) {
            Some((_, names)) if !names.contains(&name) => names.push(name),
            Some(_) => {}
            None => groups.push((c.scale_text.clone(), vec![name])),
        }
    }
    let scales: Vec<String> = groups
        .iter()
        .map(|(scale, names)| format!("{}: {scale}", crate::ranking::joined(names)))
        .collect();
    let mut s = format!("{intro} Scales: {}.", scales.join("; "));
    if r.method == Method::WeightedSum
        && r.criteria
            .iter()
            .any(|c| c.kind == CriterionKind::Measured && !c.scale_text.starts_with("fixed"))
    {
        s.push_str(" Measured criteria are read on the request's reference scale, set by the committee, rather than stretched between whichever candidates are in the request (a global rather than a local scale: Belton and Stewart, Multiple Criteria Decision Analysis, 2002).");
    }
    if r.candidates.iter().any(|c| !c.unconfirmed.is_empty()) {
        s.push_str(" Compatibility points that nothing states yet (no device profile entry, no MDS2 answer) are unconfirmed, never zero: they count at the middle of their range (all failed to all passed), the candidate's score is shown as that range, and the sensitivity analysis samples them within it.");
    }
    s.push_str(" Figures are rounded half away from zero; each contribution is rounded on its own, so the shown contributions can differ from the shown score in the last digit.");
    s
}

/// A request's status as printed.
pub(crate) fn status_label(status: crate::domain::RequestStatus) -> &'static str {
    use crate::domain::RequestStatus::*;
    match status {
        Draft => "draft",
        InAssessment => "in assessment",
        Recommended => "recommended",
        Approved => "approved",
        Deferred => "deferred",
        Rejected => "rejected",
    }
}

/// A rank as printed: `=2` when tied, `-` when unranked.
pub(crate) fn rank_text(rank: Option<u32>, tied: bool) -> String {
    match (rank, tied) {
        (Some(n), true) => format!("={n}"),
        (Some(n), false) => n.to_string(),
        (None, _) => "-".into(),
    }
}

/// Candidate ids best first (unranked last), or as entered when there is no ranking.
pub(crate) fn ranked_order(b: &BudgetBrief) -> Vec<crate::ids::CandidateId> {
    match &b.ranking {
        Some(r) => r.candidates.iter().map(|c| c.candidate_id).collect(),
        None => b
            .lifecycle
            .candidates
            .iter()
            .map(|c| c.candidate_id)
            .collect(),
    }
}
