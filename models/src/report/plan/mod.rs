//! The capital plan brief: what the capital committee reads of a portfolio's plan over some
//! fiscal years, as a PDF and as a workbook.
//!
//! A pure [`PlanBrief`] built from the solved plans ([`build_plan_brief`]): the base plan
//! of [`crate::capital::portfolio_plan`], every saved scenario's plan beside it, and the
//! decisions and status changes of the requests the plan covers. The PDF ([`pdf`]) is laid
//! out with the brief's layout engine and charts; the workbook ([`workbook`]) holds the same
//! figures in typed cells. The same portfolio state and as-of date give byte-identical
//! files (docs/brief.md, "Capital plan brief").

mod brief;
mod pdf;
mod sections;
mod workbook;

use std::ops::RangeInclusive;
use std::path::Path;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

pub use brief::{
    build_plan_brief, BudgetLine, DeferredLine, FundedLine, GreedyComparison, GreedyRow,
    MandatoryLine, NotFundedLine, PlanBrief, ScenarioLine,
};
pub use pdf::{render_plan_pdf, SECTION_HEADINGS};
pub use workbook::{render_plan_xlsx, SHEETS};

use super::layout::Paper;
use crate::capital::{
    portfolio_plan, scenario_plans, Deferral, PortfolioPlan, PortfolioPlanInputs, Scenario,
};
use crate::decision::HistoryEntry;
use crate::error::{Error, Result};
use crate::ids::{CandidateId, RequestId};
use crate::output::write_atomically;
use crate::store::Portfolio;

/// What the plan needs to know of a request beyond its outcome: the price of deferral and
/// each ranked candidate's capital as asked (before any premium).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestFacts {
    pub request_id: RequestId,
    pub title: String,
    pub fiscal_year: i32,
    pub deferral: Deferral,
    pub candidates: Vec<(CandidateId, Decimal)>,
}

/// A request's decisions and status changes, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestHistory {
    pub request_id: RequestId,
    pub title: String,
    pub entries: Vec<HistoryEntry>,
}

/// A saved scenario's plan, or why it has none (a mandatory request that no longer fits
/// its budgets): one scenario that cannot be planned does not stop the brief.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioResult {
    pub scenario: Scenario,
    pub plan: Option<PortfolioPlan>,
    pub problem: Option<String>,
}

/// Everything the brief is built from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanBriefInputs {
    pub portfolio_name: String,
    pub base: PortfolioPlan,
    /// The saved scenarios planned over the same years.
    pub scenarios: Vec<ScenarioResult>,
    pub requests: Vec<RequestFacts>,
    /// The history of every request the plan covers (planned, or left out while its fiscal
    /// year is within the planning years), requests without entries omitted.
    pub history: Vec<RequestHistory>,
    pub deferral_loss_pct: u32,
}

/// What the brief reads of a portfolio; read under its lock, planned without it.
#[derive(Debug, Clone)]
pub struct PlanSource {
    pub portfolio_name: String,
    pub inputs: PortfolioPlanInputs,
    pub scenarios: Vec<Scenario>,
    /// Every request's history.
    pub history: Vec<RequestHistory>,
}

/// Reads the plan's inputs, the saved scenarios and every request's history.
pub fn read_plan_source(p: &Portfolio) -> Result<PlanSource> {
    let inputs = p.plan_inputs()?;
    let mut history = Vec::new();
    for r in &inputs.requests {
        let entries = p.history(r.request.id)?;
        if !entries.is_empty() {
            history.push(RequestHistory {
                request_id: r.request.id,
                title: r.request.title.clone(),
                entries,
            });
        }
    }
    Ok(PlanSource {
        portfolio_name: p.info()?.name,
        inputs,
        scenarios: p.scenarios()?,
        history,
    })
}

/// Plans the base and every saved scenario over `years`: the brief's inputs.
pub fn plan_brief_inputs(s: &PlanSource, years: RangeInclusive<i32>) -> Result<PlanBriefInputs> {
    let base = portfolio_plan(&s.inputs, years.clone())?;
    let scenarios = s
        .scenarios
        .iter()
        .map(
            |sc| match scenario_plans(&s.inputs, std::slice::from_ref(sc), years.clone()) {
                Ok(mut plans) => ScenarioResult {
                    scenario: sc.clone(),
                    plan: plans.pop().map(|p| p.plan),
                    problem: None,
                },
                Err(e) => ScenarioResult {
                    scenario: sc.clone(),
                    plan: None,
                    problem: Some(e.to_string()),
                },
            },
        )
        .collect();
    let fiscal_year = |id: RequestId| {
        s.inputs
            .requests
            .iter()
            .find(|r| r.request.id == id)
            .map_or(i32::MAX, |r| r.request.fiscal_year)
    };
    let covered = |id: RequestId| {
        base.requests.iter().any(|r| r.request_id == id)
            || (fiscal_year(id) <= *years.end() && base.excluded.iter().any(|e| e.request_id == id))
    };
    let history = s
        .history
        .iter()
        .filter(|h| covered(h.request_id))
        .cloned()
        .collect();
    let requests = s
        .inputs
        .requests
        .iter()
        .map(|r| RequestFacts {
            request_id: r.request.id,
            title: r.request.title.clone(),
            fiscal_year: r.request.fiscal_year,
            deferral: r.deferral,
            candidates: r
                .candidates
                .iter()
                .map(|c| (c.candidate_id, c.capital.iter().map(|(_, a)| *a).sum()))
                .collect(),
        })
        .collect();
    Ok(PlanBriefInputs {
        portfolio_name: s.portfolio_name.clone(),
        base,
        scenarios,
        requests,
        history,
        deferral_loss_pct: s.inputs.deferral_loss_pct,
    })
}

/// What `caliper plan --out` writes, chosen by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanFormat {
    Pdf,
    Xlsx,
}

impl PlanFormat {
    /// The format of `path` by its extension (`.pdf` or `.xlsx`, any case).
    pub fn of_path(path: &Path) -> Result<Self> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            Some("pdf") => Ok(PlanFormat::Pdf),
            Some("xlsx") => Ok(PlanFormat::Xlsx),
            _ => Err(Error::validation(
                "out",
                format!(
                    "{} is neither a .pdf (the capital plan brief) nor a .xlsx (the plan workbook)",
                    path.display()
                ),
            )),
        }
    }
}

/// Builds the plan brief of `years` as of `as_of` and writes it to `out` as a PDF,
/// atomically.
pub fn write_plan_brief(
    p: &Portfolio,
    years: RangeInclusive<i32>,
    as_of: NaiveDate,
    paper: Paper,
    out: &Path,
) -> Result<PlanBrief> {
    let brief = build_plan_brief(&plan_brief_inputs(&read_plan_source(p)?, years)?, as_of);
    write_atomically(out, &render_plan_pdf(&brief, paper)?)?;
    Ok(brief)
}

/// Builds the plan brief of `years` as of `as_of` and writes it to `out` as a workbook,
/// atomically.
pub fn write_plan_workbook(
    p: &Portfolio,
    years: RangeInclusive<i32>,
    as_of: NaiveDate,
    out: &Path,
) -> Result<PlanBrief> {
    let brief = build_plan_brief(&plan_brief_inputs(&read_plan_source(p)?, years)?, as_of);
    write_atomically(out, &render_plan_xlsx(&brief)?)?;
    Ok(brief)
}

/// The window's capital plan brief (PDF) of `first_year..=last_year` from already-read
/// inputs (see [`read_plan_source`]), returning the path written.
pub fn export_capital_plan(
    source: &PlanSource,
    first_year: i32,
    last_year: i32,
    as_of: NaiveDate,
    paper: Paper,
    out: &Path,
) -> Result<String> {
    let brief = build_plan_brief(&plan_brief_inputs(source, first_year..=last_year)?, as_of);
    write_atomically(out, &render_plan_pdf(&brief, paper)?)?;
    Ok(out.display().to_string())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use rust_decimal_macros::dec;

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    /// The demo with 900,000 in FY2027 and FY2028, and a scenario cutting the budgets by
    /// 90 %, which cannot fund anything.
    fn source() -> PlanSource {
        let mut p = Portfolio::in_memory().unwrap();
        crate::demo::write_demo(&mut p).unwrap();
        for year in [2027, 2028] {
            p.set_budget(year, None, dec!(900_000), None).unwrap();
        }
        let mut cut = Scenario::base();
        cut.name = "Budget -90%".into();
        cut.budget_change_pct = dec!(-90);
        p.add_scenario(&cut).unwrap();
        read_plan_source(&p).unwrap()
    }

    #[test]
    fn the_brief_orders_the_plan_and_its_hash_follows_the_inputs() {
        let s = source();
        let inputs = plan_brief_inputs(&s, 2027..=2028).unwrap();
        let b = build_plan_brief(&inputs, as_of());
        let years: Vec<_> = b.funded.iter().map(|f| f.funded_year).collect();
        assert!(years.windows(2).all(|w| w[0] <= w[1]), "{years:?}");
        assert_eq!(b.years().count(), 2);
        let used: Decimal = b.years().map(|y| y.used).sum();
        assert_eq!(used, b.capital_in(2027) + b.capital_in(2028));
        for d in &b.deferred {
            assert!(d.premium > Decimal::ZERO && d.funded_year > d.fiscal_year);
        }
        // Base first, then the saved scenario.
        assert_eq!(b.scenarios.len(), 2);
        assert_eq!(b.scenarios[0].name, "Base");
        assert_eq!(b.content_hash.len(), 12);
        assert_eq!(build_plan_brief(&inputs, as_of()), b);
        let later = build_plan_brief(&inputs, as_of().succ_opt().unwrap());
        assert_ne!(later.content_hash, b.content_hash);
        let bytes = render_plan_pdf(&b, Paper::Letter).unwrap();
        assert_eq!(render_plan_pdf(&b, Paper::Letter).unwrap(), bytes);
        assert!(!render_plan_xlsx(&b).unwrap().is_empty());
    }

    #[test]
    fn the_extension_chooses_the_file() {
        let check = |path: &str, expected: Option<PlanFormat>| {
            assert_eq!(
                PlanFormat::of_path(Path::new(path)).ok(),
                expected,
                "{path}"
            );
        };
        check("plan.pdf", Some(PlanFormat::Pdf));
        check("PLAN.XLSX", Some(PlanFormat::Xlsx));
        check("plan.csv", None);
        check("plan", None);
    }
}
