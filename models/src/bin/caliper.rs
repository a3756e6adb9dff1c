//! `caliper`: the headless command line. Same engine as the desktop app.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::sync::atomic::AtomicBool;

use caliper_models::ahp::{ahp, combine_direct_weights, AhpInput, DirectWeightsInput};
use caliper_models::assessment::{
    assess, decision_problem, request_lifecycle, RequestLifecycle, RequestRanking,
};
use caliper_models::compat::mds2;
use caliper_models::compat::{
    Area, CompatRule, CompatibilityReport, DeviceProfile, SiteProfile, Status,
};
use caliper_models::demo::write_demo;
use caliper_models::error::{from_json, from_value};
use caliper_models::ids::{CandidateId, FacilityId, RequestId};
use caliper_models::ipc::Choice;
use caliper_models::lifecycle::{compare_costs, CostComparisonInput, CostModel};
use caliper_models::money::{format_amount, parse_amount};
use caliper_models::ranking::{rank, DecisionProblem};
use caliper_models::report::svg::ChartKind;
use caliper_models::report::{
    write_brief, write_chart, write_export, write_summary, ExportFormat, Paper,
};
use caliper_models::sensitivity::{sensitivity, SensitivityOptions};
use caliper_models::store::Portfolio;
use caliper_models::{Error, Result};
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
    Demo {
        path: PathBuf,
        /// Replace PATH if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Rank a request's candidates (from a portfolio) or a stateless problem (from JSON).
    Rank {
        /// Portfolio file (with --request).
        #[arg(long, requires = "request", conflicts_with = "input")]
        portfolio: Option<PathBuf>,
        /// Capital request id (with --portfolio).
        #[arg(long, requires = "portfolio")]
        request: Option<RequestId>,
        /// A decision problem as JSON (docs/problem-format.md); prints JSON.
        #[arg(long, required_unless_present = "portfolio")]
        input: Option<PathBuf>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Lifecycle cost: schedule, NPV and equivalent annual cost of each candidate.
    Tco {
        /// Portfolio file (with --request).
        #[arg(long, requires = "request", conflicts_with = "input")]
        portfolio: Option<PathBuf>,
        /// Capital request id (with --portfolio).
        #[arg(long, requires = "portfolio")]
        request: Option<RequestId>,
        /// Cost models and assumptions as JSON (docs/json-formats.md); prints JSON.
        #[arg(long, required_unless_present = "portfolio")]
        input: Option<PathBuf>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// AHP: weights and consistency from a pairwise comparison matrix (JSON in, JSON out).
    Ahp {
        #[arg(long)]
        input: PathBuf,
    },
    /// Combine several evaluators' direct weights (mean of normalised sets) and show the spread.
    Weights {
        #[arg(long)]
        input: PathBuf,
    },
    /// How robust is the winner: one-way weight sweeps, break-even weights and rank
    /// acceptability over sampled weightings (JSON).
    Sensitivity {
        /// A decision problem as JSON, optionally with a "sensitivity" object of settings.
        #[arg(long, conflicts_with = "portfolio")]
        input: Option<PathBuf>,
        #[arg(long, requires = "request")]
        portfolio: Option<PathBuf>,
        #[arg(long, requires = "portfolio")]
        request: Option<RequestId>,
        /// Weight samples (default 10,000).
        #[arg(long)]
        samples: Option<u32>,
        /// Random seed: the same seed gives the same result.
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Show a candidate's cost model as JSON, or replace it with --set FILE.
    CostModel {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        candidate: CandidateId,
        /// A cost model as JSON (the `cost_model` shape of docs/json-formats.md); the
        /// unit price and quantity always come from the candidate's quote.
        #[arg(long)]
        set: Option<PathBuf>,
    },
    /// Write a request's budget brief as a PDF, or with --fiscal-year the capital summary of
    /// all that year's requests (the same data and as-of date give the same bytes).
    Brief {
        #[arg(long)]
        portfolio: PathBuf,
        /// The request of the brief.
        #[arg(
            long,
            required_unless_present = "fiscal_year",
            conflicts_with = "fiscal_year"
        )]
        request: Option<RequestId>,
        /// The fiscal year of the capital summary (e.g. 2027), instead of --request.
        #[arg(long)]
        fiscal_year: Option<i32>,
        /// The capital budget of the summary, a decimal (e.g. 1500000 or 1,500,000.00).
        #[arg(long, requires = "fiscal_year")]
        budget: Option<String>,
        /// The PDF to write; replaced only once the brief is complete.
        #[arg(long)]
        out: PathBuf,
        /// Paper size: a4 (default) or letter.
        #[arg(long, default_value = "a4")]
        paper: String,
        /// The date the brief is as of (YYYY-MM-DD); defaults to today.
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Export a request as a workbook (.xlsx: ranking, scores, lifecycle, funding) or its
    /// ranked comparison as CSV (.csv), chosen by the extension of --out.
    Export {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        request: RequestId,
        /// FILE.xlsx or FILE.csv; replaced only once it is complete.
        #[arg(long)]
        out: PathBuf,
        /// The date the export is as of (YYYY-MM-DD); defaults to today.
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Draw one of a request's brief charts as SVG, for slides.
    Chart {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        request: RequestId,
        /// contributions (score by criterion), cumulative (cumulative cost) or tornado.
        #[arg(long)]
        kind: String,
        /// The SVG to write; replaced only once it is complete.
        #[arg(long)]
        out: PathBuf,
        /// The date the chart is as of (YYYY-MM-DD); defaults to today.
        #[arg(long)]
        as_of: Option<String>,
    },
    /// List the requests of a portfolio.
    Requests {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// The vendor's MDS2 security form (ANSI/NEMA HN 1-2019): read, import, compare.
    Mds2 {
        #[command(subcommand)]
        command: Mds2Command,
    },
    /// EHR, network and cybersecurity compatibility of a request's candidates: gaps and
    /// scores against the site IT profile.
    Compat {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        request: RequestId,
        /// Leave candidates with a blocking gap out of the ranking (on) or not (off).
        #[arg(long, value_parser = ["on", "off"])]
        disqualify_blocking: Option<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show the site IT profile as JSON (the portfolio's, or a facility's), or replace it
    /// with --set FILE.
    SiteProfile {
        #[arg(long)]
        portfolio: PathBuf,
        /// A facility's own profile instead of the portfolio's.
        #[arg(long)]
        facility: Option<FacilityId>,
        #[arg(long)]
        set: Option<PathBuf>,
    },
    /// Show a candidate's interoperability and security profile as JSON, or replace it with
    /// --set FILE.
    DeviceProfile {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        candidate: CandidateId,
        #[arg(long)]
        set: Option<PathBuf>,
    },
    /// Show the compatibility rule table as JSON, replace it with --set FILE, or go back to
    /// the default table with --reset.
    CompatRules {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long, conflicts_with = "reset")]
        set: Option<PathBuf>,
        #[arg(long)]
        reset: bool,
    },
}

#[derive(Subcommand)]
enum Mds2Command {
    /// Read a form (.xlsx, .xls, .ods, .csv or text) and print what was recognised and
    /// every line that could not be read. Saves nothing.
    Parse {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Import a form for a candidate. A form with unreadable lines, conflicting answers or
    /// another device's name is saved only with --confirm.
    Import {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        candidate: CandidateId,
        file: PathBuf,
        #[arg(long)]
        confirm: bool,
        #[arg(long)]
        json: bool,
    },
    /// A request's candidates' forms side by side (the questions they answer differently,
    /// or all with --all).
    Compare {
        #[arg(long)]
        portfolio: PathBuf,
        #[arg(long)]
        request: RequestId,
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<()> {
    match command {
        Command::Demo { path, force } => {
            if path.exists() {
                if !force {
                    return Err(Error::conflict(
                        "path",
                        format!("{} exists; pass --force to replace it", path.display()),
                    ));
                }
                remove_portfolio(&path)?;
            }
            let mut p = Portfolio::create(&path)?;
            write_demo(&mut p)?;
            println!("wrote the demo portfolio to {}", path.display());
            Ok(())
        }
        Command::Rank {
            portfolio: Some(path),
            request: Some(id),
            json,
            ..
        } => {
            let p = Portfolio::open(&path)?;
            let ranking = assess(&p.assessment_inputs(id)?)?;
            if json {
                print_json(&ranking)
            } else {
                print!("{}", ranking_table(&ranking));
                Ok(())
            }
        }
        Command::Rank {
            input: Some(file), ..
        } => {
            let text = std::fs::read_to_string(&file).map_err(|e| Error::io(&file, e))?;
            let problem = DecisionProblem::from_json(&file.display().to_string(), &text)?;
            print_json(&rank(&problem)?)
        }
        Command::Rank { .. } => Err(Error::validation(
            "rank",
            "give --portfolio and --request, or --input",
        )),
        Command::Tco {
            portfolio: Some(path),
            request: Some(id),
            json,
            ..
        } => {
            let p = Portfolio::open(&path)?;
            let lifecycle = request_lifecycle(&p.assessment_inputs(id)?);
            if json {
                print_json(&lifecycle)
            } else {
                print!("{}", lifecycle_table(&p.request(id)?.title, &lifecycle));
                Ok(())
            }
        }
        Command::Tco {
            input: Some(file), ..
        } => {
            let input: CostComparisonInput = read_json(&file)?;
            print_json(&compare_costs(&input)?)
        }
        Command::Tco { .. } => Err(Error::validation(
            "tco",
            "give --portfolio and --request, or --input",
        )),
        Command::CostModel {
            portfolio,
            candidate,
            set,
        } => {
            let mut p = Portfolio::open(&portfolio)?;
            if let Some(file) = set {
                let model: CostModel = read_json(&file)?;
                p.set_cost_model(candidate, &model)?;
            }
            match p.cost_model(candidate)? {
                Some(model) => print_json(&model),
                None => Err(Error::not_found("cost model of candidate", candidate)),
            }
        }
        Command::Weights { input } => {
            let parsed: DirectWeightsInput = read_json(&input)?;
            print_json(&combine_direct_weights(&parsed)?)
        }
        Command::Ahp { input } => {
            let parsed: AhpInput = read_json(&input)?;
            print_json(&ahp(&parsed)?)
        }
        Command::Sensitivity {
            input,
            portfolio,
            request,
            samples,
            seed,
        } => {
            let (problem, mut options) = match (input, portfolio, request) {
                (Some(file), _, _) => {
                    let name = file.display().to_string();
                    let text = std::fs::read_to_string(&file).map_err(|e| Error::io(&file, e))?;
                    let mut value: serde_json::Value = from_json(&name, &text)?;
                    let options = match value.as_object_mut().and_then(|o| o.remove("sensitivity"))
                    {
                        Some(v) => from_value("sensitivity", v)?,
                        None => SensitivityOptions::default(),
                    };
                    let problem: DecisionProblem = from_value(&name, value)?;
                    problem.validate()?;
                    (problem, options)
                }
                (None, Some(path), Some(id)) => {
                    let p = Portfolio::open(&path)?;
                    (
                        decision_problem(&p.assessment_inputs(id)?)?,
                        SensitivityOptions::default(),
                    )
                }
                _ => {
                    return Err(Error::validation(
                        "sensitivity",
                        "give --input, or --portfolio and --request",
                    ))
                }
            };
            if let Some(n) = samples {
                options.samples = n;
            }
            if let Some(s) = seed {
                options.seed = s;
            }
            let result = sensitivity(&problem, &options, &|_, _| {}, &AtomicBool::new(false))?;
            print_json(&result)
        }
        Command::Brief {
            portfolio,
            request,
            fiscal_year,
            budget,
            out,
            paper,
            as_of,
        } => {
            let paper = Paper::parse("paper", &paper)?;
            let as_of = as_of_date(as_of)?;
            if budget.is_some() && request.is_some() {
                return Err(Error::validation(
                    "budget",
                    "a budget goes with --fiscal-year (the capital summary), not --request",
                ));
            }
            let budget = budget.map(|b| parse_amount("budget", &b)).transpose()?;
            let p = Portfolio::open(&portfolio)?;
            let Some(request) = request else {
                let fy = fiscal_year.unwrap_or_default();
                let s = write_summary(&p, fy, budget, as_of, paper, &out)?;
                println!(
                    "wrote the FY{fy} capital summary ({} requests, {} {} requested) to {} (inputs {})",
                    s.lines.len(),
                    s.currency,
                    format_amount(s.total_capital, 0),
                    out.display(),
                    s.content_hash
                );
                return Ok(());
            };
            let brief = write_brief(&p, request, as_of, paper, &out)?;
            println!(
                "wrote the brief of request {} ({}) to {} (inputs {})",
                request,
                brief.request.title,
                out.display(),
                brief.content_hash
            );
            Ok(())
        }
        Command::Export {
            portfolio,
            request,
            out,
            as_of,
        } => {
            // Checked before anything is read, so a wrong extension fails fast.
            ExportFormat::of_path(&out)?;
            let as_of = as_of_date(as_of)?;
            let p = Portfolio::open(&portfolio)?;
            let (format, export) = write_export(&p, request, as_of, &out)?;
            let what = match format {
                ExportFormat::Xlsx => "workbook",
                ExportFormat::Csv => "ranked comparison",
            };
            println!(
                "wrote the {what} of request {} ({}) to {} (inputs {})",
                request,
                export.request.title,
                out.display(),
                export.content_hash
            );
            Ok(())
        }
        Command::Chart {
            portfolio,
            request,
            kind,
            out,
            as_of,
        } => {
            let kind_parsed = ChartKind::parse("kind", &kind)?;
            let as_of = as_of_date(as_of)?;
            let p = Portfolio::open(&portfolio)?;
            let brief = write_chart(&p, request, as_of, kind_parsed, &out)?;
            println!(
                "wrote the {} chart of request {} ({}) to {}",
                kind.to_ascii_lowercase(),
                request,
                brief.request.title,
                out.display()
            );
            Ok(())
        }
        Command::Mds2 { command } => mds2_command(command),
        Command::Compat {
            portfolio,
            request,
            disqualify_blocking,
            json,
        } => {
            let mut p = Portfolio::open(&portfolio)?;
            if let Some(on) = disqualify_blocking {
                p.set_disqualify_blocking(request, on == "on")?;
            }
            let report = p.compatibility(request)?;
            if json {
                return print_json(&report);
            }
            print_compatibility(&p.request(request)?.currency, &report);
            Ok(())
        }
        Command::SiteProfile {
            portfolio,
            facility,
            set,
        } => {
            let mut p = Portfolio::open(&portfolio)?;
            if let Some(file) = set {
                let profile: SiteProfile = read_json(&file)?;
                p.set_site_profile(facility, &profile)?;
            }
            print_json(&p.site_profile(facility)?.profile)
        }
        Command::DeviceProfile {
            portfolio,
            candidate,
            set,
        } => {
            let mut p = Portfolio::open(&portfolio)?;
            if let Some(file) = set {
                let profile: DeviceProfile = read_json(&file)?;
                p.set_device_profile(candidate, &profile)?;
            }
            print_json(&p.device_profile(candidate)?.unwrap_or_default())
        }
        Command::CompatRules {
            portfolio,
            set,
            reset,
        } => {
            let mut p = Portfolio::open(&portfolio)?;
            if let Some(file) = set {
                let rules: Vec<CompatRule> = read_json(&file)?;
                p.set_compat_rules(&rules)?;
            } else if reset {
                p.reset_compat_rules()?;
            }
            print_json(&p.compat_rules()?)
        }
        Command::Requests { portfolio, json } => {
            let p = Portfolio::open(&portfolio)?;
            let requests = p.requests()?;
            if json {
                return print_json(&requests);
            }
            println!(
                "{:>4}  {:<56} {:<28} {:>6}  {:<13} {:>10}",
                "ID", "Request", "Department", "FY", "Status", "Candidates"
            );
            for r in requests {
                println!(
                    "{:>4}  {:<56} {:<28} {:>6}  {:<13} {:>10}",
                    r.request.id,
                    truncate(&r.request.title, 56),
                    truncate(&r.department, 28),
                    r.request.fiscal_year,
                    r.request.status.as_str(),
                    r.candidates
                );
            }
            Ok(())
        }
    }
}

fn mds2_command(command: Mds2Command) -> Result<()> {
    match command {
        Mds2Command::Parse { file, json } => {
            let parse = caliper_models::import::mds2::parse_file(&file)?;
            if json {
                return print_json(&parse);
            }
            print_mds2_parse(&parse);
            Ok(())
        }
        Mds2Command::Import {
            portfolio,
            candidate,
            file,
            confirm,
            json,
        } => {
            let mut p = Portfolio::open(&portfolio)?;
            let preview = p.preview_mds2_import(candidate, &file)?;
            if !json {
                print_mds2_parse(&preview.parse);
                for w in &preview.device_warnings {
                    println!("warning: {w}");
                }
                if let Some(old) = &preview.replaces {
                    println!("replaces the form imported from {old}");
                }
            }
            let saved = p.import_mds2(candidate, preview.parse, confirm)?;
            if json {
                return print_json(&saved);
            }
            println!(
                "imported {} answers for candidate {} ({})",
                saved.parse.recognised, candidate, saved.candidate
            );
            Ok(())
        }
        Mds2Command::Compare {
            portfolio,
            request,
            all,
            json,
        } => {
            let p = Portfolio::open(&portfolio)?;
            let mut cmp = p.mds2_comparison(request)?;
            if !all {
                cmp.rows.retain(|r| r.differs);
            }
            if json {
                return print_json(&cmp);
            }
            print!("{:<11}", "Question");
            for c in &cmp.columns {
                print!(" {:<14}", truncate(&c.label, 14));
            }
            println!();
            for row in &cmp.rows {
                print!("{:<11}", row.question_id);
                for cell in &row.cells {
                    let text = match cell {
                        None => "-".to_string(),
                        Some(c) => match (c.answer, c.note.is_empty()) {
                            (Some(a), true) => a.label().to_string(),
                            (Some(a), false) => format!("{}, {}", a.label(), c.note),
                            (None, _) => c.note.clone(),
                        },
                    };
                    print!(" {:<14}", truncate(&text, 14));
                }
                println!("  {}", truncate(&row.question, 60));
            }
            println!("{} question(s) answered differently", cmp.differing);
            Ok(())
        }
    }
}

fn print_mds2_parse(parse: &mds2::Mds2Parse) {
    let f = &parse.form;
    println!("{} ({})", parse.file_name, parse.format);
    println!(
        "manufacturer: {}  model: {}  document: {}  released: {}",
        or_dash(&f.manufacturer),
        or_dash(&f.model),
        or_dash(&f.document_id),
        or_dash(&f.release_date)
    );
    println!(
        "{} of {} questions recognised",
        parse.recognised, parse.reference_questions
    );
    println!(
        "{:<8} {:>9} {:>5} {:>5} {:>5} {:>5}",
        "Section", "Questions", "Yes", "No", "N/A", "Text"
    );
    for s in &parse.sections {
        println!(
            "{:<8} {:>9} {:>5} {:>5} {:>5} {:>5}",
            s.section, s.questions, s.yes, s.no, s.not_applicable, s.text
        );
    }
    for c in &parse.corrections {
        println!("note: {}: '{}' {}", c.place, c.text, c.message);
    }
    for u in &parse.unreadable {
        println!("unreadable: {}: '{}': {}", u.place, u.text, u.message);
    }
    for c in &parse.conflicts {
        println!(
            "conflict: {} answered differently: {}",
            c.question_id,
            c.answers.join(" vs ")
        );
    }
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() {
        "-"
    } else {
        s
    }
}

fn print_compatibility(currency: &caliper_models::money::Currency, report: &CompatibilityReport) {
    println!(
        "Compatibility of request {} against the {} site profile ({} rules){}",
        report.request_id,
        report.site_scope,
        report.rules,
        if report.disqualify_blocking {
            "; blocking gaps disqualify"
        } else {
            ""
        }
    );
    println!();
    println!(
        "{:<40} {:>5} {:>8} {:>9} {:>9} {:>6} {:>6} {:>18}",
        "Candidate", "EHR", "Network", "Security", "Blocking", "Major", "Minor", "Remediation"
    );
    let score = |s: Option<f64>| s.map_or("-".to_string(), |v| format!("{v:.0}"));
    for c in &report.candidates {
        println!(
            "{:<40} {:>5} {:>8} {:>9} {:>9} {:>6} {:>6} {:>18}{}",
            truncate(&c.label, 40),
            score(c.score(Area::Ehr)),
            score(c.score(Area::Network)),
            score(c.score(Area::Security)),
            c.blocking,
            c.major,
            c.minor,
            format!(
                "{} {}",
                currency.as_str(),
                format_amount(c.remediation_total, 0)
            ),
            if c.disqualified { "  DISQUALIFIED" } else { "" }
        );
    }
    for c in &report.candidates {
        let gaps: Vec<_> = c.gaps().collect();
        if gaps.is_empty() {
            continue;
        }
        println!();
        println!("{}:", c.label);
        for g in gaps {
            let severity = g.severity.map_or("", |s| s.in_text());
            let status = if g.status == Status::Unconfirmed {
                " (unconfirmed)"
            } else {
                ""
            };
            println!(
                "  [{severity}{status}] {}: {} ({})",
                g.title, g.message, g.source
            );
        }
    }
}

/// The as-of date of a brief or export: `--as-of`, or today.
fn as_of_date(text: Option<String>) -> Result<chrono::NaiveDate> {
    match text {
        Some(text) => chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
            Error::validation(
                "as-of",
                format!("'{text}' is not a date in the form YYYY-MM-DD"),
            )
        }),
        // The only place the brief and the exports read the clock.
        None => Ok(chrono::Local::now().date_naive()),
    }
}

fn remove_portfolio(path: &Path) -> Result<()> {
    std::fs::remove_file(path).map_err(|e| Error::io(path, e))?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", path.display()));
        if side.exists() {
            std::fs::remove_file(&side).map_err(|e| Error::io(&side, e))?;
        }
    }
    Ok(())
}

/// A JSON file, parsed; errors name the file and the field at fault.
fn read_json<T: serde::de::DeserializeOwned>(file: &Path) -> Result<T> {
    let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
    from_json(&file.display().to_string(), &text)
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Error::internal(format!("the output does not convert to JSON: {e}")))?;
    println!("{text}");
    Ok(())
}

fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        s.chars().take(width - 1).collect::<String>() + "…"
    }
}

/// The ranked comparison as a plain-text table: scores in points out of 100.
fn ranking_table(r: &RequestRanking) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} (request {}), {}",
        r.title,
        r.request_id,
        r.method.in_text()
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:>4}  {:<40} {:>12}  {:>18}",
        "Rank", "Candidate", "Score", "Quoted total"
    );
    for c in &r.candidates {
        let rank = match (c.rank, c.tied) {
            (Some(n), true) => format!("={n}"),
            (Some(n), false) => n.to_string(),
            (None, _) => "-".into(),
        };
        let score = if c.disqualified {
            "disqualified".into()
        } else {
            c.score
                .map_or_else(|| "incomplete".into(), |s| format!("{:.1}", s * 100.0))
        };
        let _ = writeln!(
            out,
            "{:>4}  {:<40} {:>12}  {:>18}{}",
            rank,
            truncate(&c.label, 40),
            score,
            c.quoted_total.display(),
            if c.blocking_gaps > 0 {
                format!("  ! {} blocking compatibility gap(s)", c.blocking_gaps)
            } else {
                String::new()
            }
        );
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Contributions (points of 100) by criterion:");
    let _ = write!(out, "{:<40} {:>6}", "Criterion", "Weight");
    for c in &r.candidates {
        let _ = write!(out, " {:>10}", truncate(&c.label, 10));
    }
    let _ = writeln!(out);
    for (i, crit) in r.criteria.iter().enumerate() {
        let _ = write!(
            out,
            "{:<40} {:>5.1}%",
            truncate(&crit.name, 40),
            crit.weight * 100.0
        );
        for c in &r.candidates {
            let cell = &c.cells[i];
            let text = cell
                .contribution
                .map_or_else(|| "missing".into(), |v| format!("{:.1}", v * 100.0));
            let flag = if cell.summary.as_ref().is_some_and(|s| s.disagreement) {
                "!"
            } else {
                " "
            };
            let _ = write!(out, " {:>9}{flag}", text);
        }
        let _ = writeln!(out);
    }
    if r.candidates.iter().any(|c| {
        c.cells
            .iter()
            .any(|x| x.summary.as_ref().is_some_and(|s| s.disagreement))
    }) {
        let _ = writeln!(
            out,
            "! evaluators disagree by 2 or more points: discuss before deciding"
        );
    }
    if !r.missing.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Missing values (the candidate stays unranked until they are entered):"
        );
        for m in &r.missing {
            let _ = writeln!(out, "  {}: {}", m.candidate, m.criterion);
        }
    }
    out
}

/// Each candidate's lifecycle figures, rounded to whole currency units for reading.
fn lifecycle_table(title: &str, l: &RequestLifecycle) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let a = &l.assumptions;
    let _ = writeln!(
        out,
        "{title} (request {}): lifecycle cost in {}, discount rate {}%, inflation {}%",
        l.request_id,
        a.currency,
        (a.discount_rate * rust_decimal::Decimal::ONE_HUNDRED).normalize(),
        (a.inflation * rust_decimal::Decimal::ONE_HUNDRED).normalize()
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{:<40} {:>5} {:>12} {:>14} {:>14} {:>12} {:>10}",
        "Candidate", "Life", "Capital", "Nominal total", "NPV", "EAC", "Per use"
    );
    for c in &l.candidates {
        match (&c.lifecycle, &c.problem) {
            (Some(lc), _) => {
                let _ = writeln!(
                    out,
                    "{:<40} {:>4}y {:>12} {:>14} {:>14} {:>12} {:>10}",
                    truncate(&c.label, 40),
                    lc.expected_life_years,
                    format_amount(lc.capital, 0),
                    format_amount(lc.nominal_total, 0),
                    format_amount(lc.npv, 0),
                    format_amount(lc.eac, 0),
                    lc.cost_per_use
                        .map_or_else(|| "-".into(), |v| format_amount(v, 2)),
                );
            }
            (None, problem) => {
                let _ = writeln!(
                    out,
                    "{:<40} {}",
                    truncate(&c.label, 40),
                    problem.as_deref().unwrap_or("no lifecycle cost")
                );
            }
        }
    }
    let _ = writeln!(out);
    if l.unequal_lives {
        let _ = writeln!(
            out,
            "Expected lives differ: compare on EAC (equivalent annual cost), not NPV."
        );
    } else {
        let _ = writeln!(
            out,
            "Compared on EAC (equivalent annual cost); with equal lives NPV ranks the same."
        );
    }
    out
}
