//! `caliper`: the headless command line. Same engine as the desktop app.
//!
//! This file is the command tree and its dispatch. Each subcommand is one `run_*` function
//! taking its own clap `Args` struct, in the module of its group; flag values arrive typed
//! (ids, dates, paper, chart kind and format) so that the functions only do the work.

mod authoring;
mod capital;
mod compat;
mod criterion;
mod decide;
mod evidence;
mod finance;
mod financial_case;
// Group purchasing.
mod gpo;
mod gpo_table;
mod input;
mod inventory;
mod inventory_priority;
mod inventory_read;
mod inventory_store;
mod lifecycle;
mod mds2;
mod output;
mod plan;
mod portfolio;
mod rank;
mod report;
mod request;
mod score_sheet;

use std::process::ExitCode;

use caliper_models::Result;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "caliper",
    version,
    about = "Assess candidate medical devices and rank them for capital requests"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the demo portfolio to PATH.
    Demo(portfolio::DemoArgs),
    /// Create an empty portfolio at PATH.
    New(authoring::NewArgs),
    /// Facilities (hospitals, sites): add, list, edit, remove.
    Facility {
        #[command(subcommand)]
        command: authoring::FacilityCommand,
    },
    /// A facility's departments: add, list, edit, remove.
    Department {
        #[command(subcommand)]
        command: authoring::DepartmentCommand,
    },
    /// Capital requests: add (from the criteria template), edit, copy, list, remove,
    /// export and import as one JSON document.
    Request {
        #[command(subcommand)]
        command: request::RequestCommand,
    },
    /// A request's candidate devices and their quotes: add, edit, remove, list.
    Candidate {
        #[command(subcommand)]
        command: request::CandidateCommand,
    },
    /// Evaluators (who score candidates): add, list, remove.
    Evaluator {
        #[command(subcommand)]
        command: authoring::EvaluatorCommand,
    },
    /// Evaluators' scores of candidates on judged criteria: set, list, and score sheets out
    /// (sheet) and back (import).
    Score {
        #[command(subcommand)]
        command: authoring::ScoreCommand,
    },
    /// Capital budgets per fiscal year (system-wide or a facility's): set, list, remove.
    Budget {
        #[command(subcommand)]
        command: capital::BudgetCommand,
    },
    /// A request's priority for the capital plan: set its parts, show it explained.
    Priority {
        #[command(subcommand)]
        command: capital::PriorityCommand,
    },
    /// The capital plan's scenarios (budgets changed, requests forced in or out, other
    /// weights): add, list, remove; `plan --compare` plans them side by side.
    Scenario {
        #[command(subcommand)]
        command: capital::ScenarioCommand,
    },
    /// Links between requests for the capital plan: one needs another, or excludes it.
    Link {
        #[command(subcommand)]
        command: capital::LinkCommand,
    },
    /// A request's categories of criteria: add.
    Category {
        #[command(subcommand)]
        command: criterion::CategoryCommand,
    },
    /// A request's criteria: add, edit, remove (`criteria` lists them).
    Criterion {
        #[command(subcommand)]
        command: criterion::CriterionCommand,
    },
    /// A request's criteria with their ids and weights.
    Criteria(authoring::CriteriaArgs),
    /// Rank a request's candidates (from a portfolio) or a stateless problem (from JSON).
    Rank(rank::RankArgs),
    /// Lifecycle cost: schedule, NPV and equivalent annual cost of each candidate.
    Tco(lifecycle::TcoArgs),
    /// AHP: weights and consistency from a pairwise comparison matrix (JSON in, JSON out).
    Ahp(rank::AhpArgs),
    /// Combine several evaluators' direct weights (mean of normalised sets) and show the
    /// spread; `weights apply` writes such weights (or AHP's) into a stored request.
    Weights(rank::WeightsArgs),
    /// How robust is the winner: one-way weight sweeps, break-even weights and rank
    /// acceptability over sampled weightings (JSON).
    Sensitivity(rank::SensitivityArgs),
    /// The spreadsheet financial functions (NPV, IRR, MIRR, PV, FV, PMT, NPER, SLN, DB, DDB,
    /// SYD, payback, ROI, depreciation schedules, lease versus buy) over a list of calls in JSON.
    Finance(finance::FinanceArgs),
    /// Each candidate's financial case: net cash flow by year, NPV, payback, ROI, IRR and
    /// MIRR, depreciation by fiscal year, lease versus buy; --candidate with --set FILE
    /// replaces that candidate's savings, revenue, depreciation and lease inputs first.
    FinancialCase(financial_case::FinancialCaseArgs),
    /// Show a candidate's cost model as JSON, or replace it with --set FILE.
    CostModel(lifecycle::CostModelArgs),
    /// Write a request's budget brief as a PDF, or with --fiscal-year the capital summary of
    /// all that year's requests (the same data and as-of date give the same bytes).
    Brief(report::BriefArgs),
    /// Export a request as a workbook (.xlsx: ranking, scores, lifecycle, funding) or its
    /// ranked comparison as CSV (.csv), chosen by the extension of --out.
    Export(report::ExportArgs),
    /// Draw one of a request's brief charts as SVG or PNG, for slides.
    Chart(report::ChartArgs),
    /// List the requests of a portfolio.
    Requests(portfolio::RequestsArgs),
    /// The vendor's MDS2 security form (ANSI/NEMA HN 1-2019): read, import, compare.
    Mds2 {
        #[command(subcommand)]
        command: mds2::Mds2Command,
    },
    /// EHR, network and cybersecurity compatibility of a request's candidates: gaps and
    /// scores against the site IT profile.
    Compat(compat::CompatArgs),
    /// Show the site IT profile as JSON (the portfolio's, or a facility's), or replace it
    /// with --set FILE.
    SiteProfile(compat::SiteProfileArgs),
    /// Show a candidate's interoperability and security profile as JSON, or replace it with
    /// --set FILE.
    DeviceProfile(compat::DeviceProfileArgs),
    /// Show the compatibility rule table as JSON, replace it with --set FILE, or go back to
    /// the default table with --reset.
    CompatRules(compat::CompatRulesArgs),
    /// Evidence of EHR compatibility: check a vendor's sample HL7 v2 messages (IHE PCD-01)
    /// or FHIR Device resource.
    Evidence {
        #[command(subcommand)]
        command: evidence::EvidenceCommand,
    },
    /// Back up a portfolio (into NAME.backups/ beside it, or to --out FILE), or list its
    /// backups with --list.
    Backup(portfolio::BackupArgs),
    /// Restore a backup into a portfolio; the portfolio's current state is backed up first.
    Restore(portfolio::RestoreArgs),
    /// Record the capital committee's decision on a request: approved (with the chosen
    /// candidate), deferred (to a fiscal year) or rejected, with the rationale, votes,
    /// conditions and attendees.
    Decide(decide::DecideArgs),
    /// A request's decisions and status changes, oldest first.
    History(decide::HistoryArgs),
    /// The capital plan: the most valuable selection of items (an option and year each)
    /// under yearly and per-resource budgets, mandatory items, dependencies and
    /// exclusions, beside the greedy fill (from a stateless plan in JSON).
    Plan(plan::PlanArgs),
    /// The installed base: import a CMMS export, list assets, rank what to replace next,
    /// forecast replacement spend, open a request from assets.
    Inventory {
        #[command(subcommand)]
        command: inventory::InventoryCommand,
    },
    /// Group purchasing: many members' portfolios side by side, read-only: price
    /// benchmark, standardisation, aggregate demand, matches, the negotiation brief.
    Gpo {
        #[command(subcommand)]
        command: gpo::GpoCommand,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return input::refused(e),
    };
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", output::shown(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<()> {
    match command {
        Command::Demo(args) => portfolio::run_demo(args),
        Command::New(args) => authoring::run_new(args),
        Command::Facility { command } => authoring::run_facility(command),
        Command::Department { command } => authoring::run_department(command),
        Command::Request { command } => request::run_request(command),
        Command::Candidate { command } => request::run_candidate(command),
        Command::Evaluator { command } => authoring::run_evaluator(command),
        Command::Score { command } => authoring::run_score(command),
        Command::Budget { command } => capital::run_budget(command),
        Command::Priority { command } => capital::run_priority(command),
        Command::Link { command } => capital::run_link(command),
        Command::Scenario { command } => capital::run_scenario(command),
        Command::Category { command } => criterion::run_category(command),
        Command::Criterion { command } => criterion::run_criterion(command),
        Command::Criteria(args) => authoring::run_criteria(args),
        Command::Rank(args) => rank::run_rank(args),
        Command::Tco(args) => lifecycle::run_tco(args),
        Command::Ahp(args) => rank::run_ahp(args),
        Command::Weights(args) => rank::run_weights(args),
        Command::Sensitivity(args) => rank::run_sensitivity(args),
        Command::Finance(args) => finance::run_finance(args),
        Command::FinancialCase(args) => financial_case::run_financial_case(args),
        Command::CostModel(args) => lifecycle::run_cost_model(args),
        Command::Brief(args) => report::run_brief(args),
        Command::Export(args) => report::run_export(args),
        Command::Chart(args) => report::run_chart(args),
        Command::Requests(args) => portfolio::run_requests(args),
        Command::Mds2 { command } => mds2::run_mds2(command),
        Command::Compat(args) => compat::run_compat(args),
        Command::SiteProfile(args) => compat::run_site_profile(args),
        Command::DeviceProfile(args) => compat::run_device_profile(args),
        Command::CompatRules(args) => compat::run_compat_rules(args),
        Command::Evidence { command } => evidence::run_evidence(command),
        Command::Backup(args) => portfolio::run_backup(args),
        Command::Restore(args) => portfolio::run_restore(args),
        Command::Decide(args) => decide::run_decide(args),
        Command::History(args) => decide::run_history(args),
        Command::Plan(args) => plan::run_plan(args),
        Command::Inventory { command } => inventory::run_inventory(command),
        Command::Gpo { command } => gpo::run_gpo(command),
    }
}
