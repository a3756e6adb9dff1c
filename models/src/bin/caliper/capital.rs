//! `budget`, `priority`, `link` and `plan --portfolio`: the capital plan of a stored
//! portfolio (docs/capital-plan.md).

use std::ops::RangeInclusive;
use std::path::PathBuf;

use caliper_models::capital::{
    priority, scenario_plans, Deferral, LinkKind, Mandatory, PortfolioPlan, PriorityParts,
    PriorityWeights, RequestLink, Scenario, ScenarioPlan,
};
use caliper_models::ids::{FacilityId, RequestId};
use caliper_models::money::{format_amount, parse_amount, parse_amount_in};
use caliper_models::report::plan::{write_plan_brief, write_plan_workbook, PlanFormat};
use caliper_models::report::Paper;
use caliper_models::store::{Portfolio, RequestPlanInfo};
use caliper_models::{Error, Result};
use rust_decimal::Decimal;

use crate::output::{emit, emit_line, print_done, print_json, shown};
use crate::portfolio::open_portfolio;

#[derive(clap::Subcommand)]
pub enum BudgetCommand {
    /// Set (or replace) a fiscal year's capital budget: system-wide, or a facility's.
    Set {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        fiscal_year: i32,
        /// A decimal amount (1500000 or 1,500,000.00), in the portfolio's currency.
        #[arg(long, allow_hyphen_values = true)]
        capital: String,
        #[arg(long, allow_hyphen_values = true)]
        operating: Option<String>,
        /// The facility whose budget this is (default: system-wide).
        #[arg(long)]
        facility: Option<FacilityId>,
        #[arg(long)]
        json: bool,
    },
    /// List the budgets.
    List {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Remove a fiscal year's budget (system-wide, or a facility's).
    Remove {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        fiscal_year: i32,
        #[arg(long)]
        facility: Option<FacilityId>,
    },
}

#[derive(clap::Subcommand)]
pub enum PriorityCommand {
    /// Set a request's priority parts (levels 1 to 5), mandatory reason and price of
    /// deferral; only the flags given change.
    Set {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        request: RequestId,
        #[arg(long)]
        clinical_need: Option<u8>,
        /// The risk of not replacing (failures, safety, end of support).
        #[arg(long)]
        risk: Option<u8>,
        #[arg(long)]
        strategic_fit: Option<u8>,
        /// The committee's own judgement.
        #[arg(long)]
        committee: Option<u8>,
        /// regulatory, recall, end_of_support, or none.
        #[arg(long)]
        mandatory: Option<String>,
        /// Emergency-replacement premium on the capital when deferred, percent.
        #[arg(long, allow_hyphen_values = true)]
        deferral_premium: Option<String>,
        /// Extra maintenance per year deferred, an amount.
        #[arg(long, allow_hyphen_values = true)]
        deferral_maintenance: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// A request's priority with its explanation.
    Show {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        request: RequestId,
        #[arg(long)]
        json: bool,
    },
}

#[derive(clap::Subcommand)]
pub enum ScenarioCommand {
    /// Save a scenario: budgets changed by a percentage, requests forced in or out, other
    /// priority weights.
    Add {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        name: String,
        /// Every budget changed by this percentage (-10 for 10 % less).
        #[arg(long, allow_hyphen_values = true, default_value = "0")]
        budget_change: String,
        #[arg(long)]
        force_in: Vec<RequestId>,
        #[arg(long)]
        force_out: Vec<RequestId>,
        /// Priority weights: need,risk,strategy,committee (whole points).
        #[arg(long)]
        weights: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List the saved scenarios.
    List {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Remove a scenario.
    Remove {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        scenario: u32,
    },
}

fn weights(text: &str) -> Result<PriorityWeights> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let bad = || {
        Error::validation(
            "weights",
            format!("'{text}' is not four whole numbers need,risk,strategy,committee (e.g. 35,30,15,20)"),
        )
    };
    let [a, b, c, d] = parts.as_slice() else {
        return Err(bad());
    };
    let n = |t: &str| t.parse::<u32>().map_err(|_| bad());
    Ok(PriorityWeights {
        clinical_need: n(a)?,
        risk: n(b)?,
        strategic_fit: n(c)?,
        committee: n(d)?,
    })
}

pub fn run_scenario(command: ScenarioCommand) -> Result<()> {
    match command {
        ScenarioCommand::Add {
            portfolio,
            name,
            budget_change,
            force_in,
            force_out,
            weights: w,
            json,
        } => {
            let scenario = Scenario {
                id: 0,
                name,
                budget_change_pct: budget_change.trim().parse().map_err(|_| {
                    Error::validation(
                        "budget_change",
                        format!("'{budget_change}' is not a percentage"),
                    )
                })?,
                forced_in: force_in,
                forced_out: force_out,
                weights: w.as_deref().map(weights).transpose()?,
            };
            let saved = open_portfolio(&portfolio, true)?.add_scenario(&scenario)?;
            print_done(
                json,
                &saved,
                &format!("saved scenario {} ({})", saved.id, shown(&saved.name)),
            )
        }
        ScenarioCommand::List { portfolio, json } => {
            let list = open_portfolio(&portfolio, false)?.scenarios()?;
            if json {
                return print_json(&list);
            }
            for s in list {
                emit_line(&format!(
                    "{:>4}  {}  budgets {:+}%  in {:?}  out {:?}",
                    s.id,
                    shown(&s.name),
                    s.budget_change_pct.normalize(),
                    s.forced_in.iter().map(|r| r.0).collect::<Vec<_>>(),
                    s.forced_out.iter().map(|r| r.0).collect::<Vec<_>>()
                ))?;
            }
            Ok(())
        }
        ScenarioCommand::Remove {
            portfolio,
            scenario,
        } => {
            open_portfolio(&portfolio, true)?.remove_scenario(scenario)?;
            emit_line(&format!("removed scenario {scenario}"))
        }
    }
}

#[derive(clap::Subcommand)]
pub enum LinkCommand {
    /// Link two requests: --needs (funded in the same or an earlier year) or --excludes.
    Add(LinkArgs),
    /// Remove a link.
    Remove(LinkArgs),
}

#[derive(clap::Args)]
pub struct LinkArgs {
    #[arg(long)]
    portfolio: PathBuf,
    #[arg(long)]
    request: RequestId,
    #[arg(
        long,
        conflicts_with = "excludes",
        required_unless_present = "excludes"
    )]
    needs: Option<RequestId>,
    #[arg(long)]
    excludes: Option<RequestId>,
}

impl LinkArgs {
    fn link(&self) -> RequestLink {
        match (self.needs, self.excludes) {
            (Some(other), _) => RequestLink {
                request_id: self.request,
                other_id: other,
                kind: LinkKind::Requires,
            },
            (None, other) => RequestLink {
                request_id: self.request,
                other_id: other.unwrap_or(self.request),
                kind: LinkKind::Excludes,
            },
        }
    }
}

fn amount(field: &str, text: Option<&str>) -> Result<Option<Decimal>> {
    text.map(|t| parse_amount(field, t)).transpose()
}

pub fn run_budget(command: BudgetCommand) -> Result<()> {
    match command {
        BudgetCommand::Set {
            portfolio,
            fiscal_year,
            capital,
            operating,
            facility,
            json,
        } => {
            let mut p = open_portfolio(&portfolio, true)?;
            let currency = p.portfolio_assumptions()?.currency;
            let capital = parse_amount_in("capital", &capital, &currency)?;
            let operating = operating
                .as_deref()
                .map(|o| parse_amount_in("operating", o, &currency))
                .transpose()?;
            let b = p.set_budget(fiscal_year, facility, capital, operating)?;
            let whose = b.facility.clone().unwrap_or_else(|| "system-wide".into());
            print_done(
                json,
                &b,
                &format!(
                    "FY{fiscal_year} capital budget ({}): {}",
                    shown(&whose),
                    format_amount(b.capital, 2)
                ),
            )
        }
        BudgetCommand::List { portfolio, json } => {
            let budgets = open_portfolio(&portfolio, false)?.budgets()?;
            if json {
                return print_json(&budgets);
            }
            for b in budgets {
                emit_line(&format!(
                    "FY{}  {:<28} capital {:>16}  operating {:>16}",
                    b.fiscal_year,
                    shown(b.facility.as_deref().unwrap_or("system-wide")),
                    format_amount(b.capital, 2),
                    b.operating
                        .map(|o| format_amount(o, 2))
                        .unwrap_or_else(|| "-".into())
                ))?;
            }
            Ok(())
        }
        BudgetCommand::Remove {
            portfolio,
            fiscal_year,
            facility,
        } => {
            open_portfolio(&portfolio, true)?.remove_budget(fiscal_year, facility)?;
            emit_line(&format!("removed the FY{fiscal_year} budget"))
        }
    }
}

fn mandatory(text: &str) -> Result<Option<Mandatory>> {
    match text.trim() {
        "none" | "" => Ok(None),
        "regulatory" => Ok(Some(Mandatory::Regulatory)),
        "recall" => Ok(Some(Mandatory::Recall)),
        "end_of_support" => Ok(Some(Mandatory::EndOfSupport)),
        other => Err(Error::validation(
            "mandatory",
            format!("'{other}' is not one of: regulatory, recall, end_of_support, none"),
        )),
    }
}

pub fn run_priority(command: PriorityCommand) -> Result<()> {
    match command {
        PriorityCommand::Set {
            portfolio,
            request,
            clinical_need,
            risk,
            strategic_fit,
            committee,
            mandatory: reason,
            deferral_premium,
            deferral_maintenance,
            json,
        } => {
            let mut p = open_portfolio(&portfolio, true)?;
            let current = p.request_plan_info(request)?;
            let info = RequestPlanInfo {
                request_id: request,
                parts: PriorityParts {
                    clinical_need: clinical_need.or(current.parts.clinical_need),
                    risk: risk.or(current.parts.risk),
                    strategic_fit: strategic_fit.or(current.parts.strategic_fit),
                    committee: committee.or(current.parts.committee),
                },
                mandatory: match reason {
                    Some(text) => mandatory(&text)?,
                    None => current.mandatory,
                },
                deferral: Deferral {
                    premium_pct: amount("deferral_premium", deferral_premium.as_deref())?
                        .unwrap_or(current.deferral.premium_pct),
                    maintenance_per_year: amount(
                        "deferral_maintenance",
                        deferral_maintenance.as_deref(),
                    )?
                    .unwrap_or(current.deferral.maintenance_per_year),
                },
            };
            let saved = p.set_request_plan_info(&info)?;
            show_priority(&p, saved, json)
        }
        PriorityCommand::Show {
            portfolio,
            request,
            json,
        } => {
            let p = open_portfolio(&portfolio, false)?;
            let info = p.request_plan_info(request)?;
            show_priority(&p, info, json)
        }
    }
}

fn show_priority(p: &Portfolio, info: RequestPlanInfo, json: bool) -> Result<()> {
    let (weights, _) = p.plan_settings()?;
    let computed = priority(&info.parts, info.mandatory, &weights);
    if json {
        #[derive(serde::Serialize)]
        struct Shown {
            #[serde(flatten)]
            info: RequestPlanInfo,
            priority: caliper_models::capital::Priority,
        }
        return print_json(&Shown {
            info,
            priority: computed,
        });
    }
    emit_line(&format!(
        "request {}: priority {}",
        info.request_id,
        shown(&computed.explanation)
    ))?;
    if let Some(m) = info.mandatory {
        emit_line(&format!(
            "  mandatory: {}",
            caliper_models::ipc::Choice::label(m)
        ))?;
    }
    emit_line(&format!(
        "  deferral: {} % emergency premium on the capital, {} extra maintenance a year",
        info.deferral.premium_pct.normalize(),
        format_amount(info.deferral.maintenance_per_year, 2)
    ))
}

pub fn run_link(command: LinkCommand) -> Result<()> {
    match command {
        LinkCommand::Add(args) => {
            open_portfolio(&args.portfolio, true)?.add_request_link(args.link())?;
            emit_line("linked")
        }
        LinkCommand::Remove(args) => {
            open_portfolio(&args.portfolio, true)?.remove_request_link(args.link())?;
            emit_line("unlinked")
        }
    }
}

/// `--years 2027..2031` (or one year, `2027`).
pub fn years(text: &str) -> Result<RangeInclusive<i32>> {
    let bad = || {
        Error::validation(
            "years",
            format!("'{text}' is not a range of fiscal years such as 2027..2031"),
        )
    };
    let (a, b) = match text.trim().split_once("..") {
        Some((a, b)) => (a, b.trim_start_matches('=')),
        None => (text.trim(), text.trim()),
    };
    let a: i32 = a.trim().parse().map_err(|_| bad())?;
    let b: i32 = b.trim().parse().map_err(|_| bad())?;
    Ok(a..=b)
}

/// Plans a stored portfolio over `years`: the base plan, or each saved scenario beside it
/// (`compare`).
pub fn run_portfolio_plan(
    portfolio: &std::path::Path,
    years: RangeInclusive<i32>,
    compare: bool,
    json: bool,
) -> Result<()> {
    let p = Portfolio::open_read_only(portfolio)?;
    let mut scenarios = vec![Scenario::base()];
    if compare {
        scenarios.extend(p.scenarios()?);
    }
    let plans = scenario_plans(&p.plan_inputs()?, &scenarios, years)?;
    if json {
        return if compare {
            print_json(&plans)
        } else {
            print_json(&plans[0].plan)
        };
    }
    if compare {
        return emit(&comparison_table(&plans));
    }
    emit(&plan_table(&plans[0].plan))
}

/// `plan --portfolio --out`: the capital plan brief (PDF) or workbook (XLSX), by the file's
/// extension.
pub fn write_portfolio_plan(
    portfolio: &std::path::Path,
    years: RangeInclusive<i32>,
    out: &std::path::Path,
    paper: Paper,
    as_of: chrono::NaiveDate,
) -> Result<()> {
    let format = PlanFormat::of_path(out)?;
    let p = Portfolio::open_read_only(portfolio)?;
    let (what, brief) = match format {
        PlanFormat::Pdf => (
            "capital plan brief",
            write_plan_brief(&p, years, as_of, paper, out)?,
        ),
        PlanFormat::Xlsx => ("plan workbook", write_plan_workbook(&p, years, as_of, out)?),
    };
    let capital: Decimal = brief.funded.iter().map(|f| f.capital).sum();
    emit_line(&format!(
        "wrote the {what} FY{}..FY{} ({} requests funded, {} {} of capital, {} scenarios) to {} (inputs {})",
        brief.first_year,
        brief.last_year,
        brief.funded.len(),
        brief.currency,
        format_amount(capital, 0),
        brief.scenarios.len() - 1,
        out.display(),
        brief.content_hash
    ))
}

/// Scenarios side by side: total value, capital used, funded requests.
fn comparison_table(plans: &[ScenarioPlan]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for sp in plans {
        let p = &sp.plan;
        let used: Decimal = p
            .plan
            .optimum
            .budgets
            .iter()
            .filter(|b| b.resource.as_deref() == Some(caliper_models::capital::CAPITAL))
            .map(|b| b.used)
            .sum();
        let funded: Vec<String> = p
            .requests
            .iter()
            .filter_map(|r| r.funded_year.map(|y| format!("{} (FY{y})", r.title)))
            .collect();
        let _ = writeln!(
            out,
            "{}: value {}, capital {} {}; funds {}",
            shown(&sp.scenario.name),
            p.plan.optimum.total_value.normalize(),
            p.currency,
            format_amount(used, 0),
            if funded.is_empty() {
                "nothing".to_string()
            } else {
                shown(&funded.join(", ")).into_owned()
            }
        );
    }
    out
}

fn plan_table(plan: &PortfolioPlan) -> String {
    use std::fmt::Write;
    let cur = &plan.currency;
    let mut out = String::new();
    let proof = if plan.plan.proven_optimal {
        "proven optimal"
    } else {
        "best found, not proven optimal"
    };
    let _ = writeln!(
        out,
        "Capital plan FY{}..FY{} ({proof})",
        plan.first_year, plan.last_year
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "Budgets:");
    for b in &plan.plan.optimum.budgets {
        let _ = writeln!(
            out,
            "  FY{} {:<30} {cur} {:>14} used {:>14} left {:>14}",
            b.year.unwrap_or_default(),
            shown(b.resource.as_deref().unwrap_or("")),
            format_amount(b.budget, 0),
            format_amount(b.used, 0),
            format_amount(b.slack, 0)
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Requests by priority:");
    for r in &plan.requests {
        let what = match (&r.candidate, r.funded_year, r.capital) {
            (Some(c), Some(y), Some(k)) => {
                format!("FY{y}  {}  {cur} {}", shown(c), format_amount(k, 0))
            }
            _ => "not funded".to_string(),
        };
        let _ = writeln!(
            out,
            "  {:>5}  {}  {what}",
            r.priority.value.to_string(),
            shown(&r.title)
        );
        let _ = writeln!(out, "         {}", shown(&r.reason));
    }
    for e in &plan.excluded {
        let _ = writeln!(
            out,
            "  left out: {} ({})",
            shown(&e.title),
            shown(&e.reason)
        );
    }
    let _ = writeln!(out);
    let greedy: Vec<&str> = plan
        .requests
        .iter()
        .filter(|r| r.greedy_funded)
        .map(|r| r.title.as_str())
        .collect();
    let _ = writeln!(
        out,
        "Greedy fill by priority funds: {} (value {}; the optimum gains {})",
        if greedy.is_empty() {
            "nothing".to_string()
        } else {
            shown(&greedy.join(", ")).into_owned()
        },
        plan.plan.greedy.total_value.normalize(),
        plan.plan.gain_over_greedy.normalize()
    );
    for n in &plan.next {
        let _ = writeln!(
            out,
            "Another {cur} {} in FY{} would fund: {}",
            format_amount(n.amount, 0),
            n.fiscal_year,
            if n.would_fund.is_empty() {
                "nothing more".to_string()
            } else {
                shown(&n.would_fund.join(", ")).into_owned()
            }
        );
    }
    out
}
