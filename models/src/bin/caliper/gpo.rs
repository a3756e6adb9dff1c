//! `gpo`: the group purchasing view. Many member hospitals' portfolios (or request
//! packages) opened read-only as one analysis: the price benchmark, standardisation,
//! aggregate demand, the matches to review, the negotiation brief and its workbook
//! (docs/group-purchasing.md). Member files are never written; only `--workspace` is.

use std::path::{Path, PathBuf};

use caliper_models::gpo::{benchmark, demand, standardise, Decision, GroupSettings, MatchDecision};
use caliper_models::report::gpo::{build_gpo_brief, write_gpo_brief, write_gpo_workbook};
use caliper_models::report::Paper;
use caliper_models::workspace::{
    check_unchanged, forget_group_decisions, group_settings, group_sources, load_group,
    parse_index_value, parse_member, parse_rate, read_members, read_workspace, record_decisions,
    write_workspace, Group, MemberSource, SourceKind, Workspace,
};
use caliper_models::{Error, Result};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::gpo_table::{benchmark_table, demand_table, matches_table, standardise_table};
use crate::input::as_of_or_today;
use crate::output::{emit, emit_line, print_json};

/// The members and what the analysis is computed against, shared by every `gpo` command.
#[derive(clap::Args, Clone)]
pub struct GroupArgs {
    /// A member's portfolio file (repeatable); opened read-only.
    #[arg(long = "portfolio")]
    portfolios: Vec<PathBuf>,
    /// A member's request package from `caliper request export` (repeatable).
    #[arg(long = "package")]
    packages: Vec<PathBuf>,
    /// NAME=PATH: the member hospital of a file given with --portfolio or --package (else
    /// a portfolio's only facility or its name, a package's facility); a PATH given nowhere
    /// else is added as a portfolio.
    #[arg(long = "member", value_parser = parse_member)]
    members: Vec<(String, PathBuf)>,
    /// The workspace file: its members are added, its match decisions applied.
    #[arg(long)]
    workspace: Option<PathBuf>,
    /// The date prices are brought to and rankings are as of (default: today).
    #[arg(long, value_parser = crate::input::date)]
    as_of: Option<NaiveDate>,
    /// Bring prices to the as-of year at this yearly rate, compounded (0.03 = 3 %).
    #[arg(long, conflicts_with = "index_values")]
    index_rate: Option<Decimal>,
    /// YEAR=VALUE: an index value by calendar year (repeatable), e.g. 2025=100 2026=103.1.
    #[arg(long = "index-value", value_parser = parse_index_value)]
    index_values: Vec<(i32, Decimal)>,
    /// The group's currency (default: the only currency without a --rate).
    #[arg(long)]
    currency: Option<String>,
    /// CODE=RATE: one unit of CODE is RATE of the group's currency (repeatable).
    #[arg(long = "rate", value_parser = parse_rate)]
    rates: Vec<(String, Decimal)>,
}

#[derive(clap::Subcommand)]
pub enum GpoCommand {
    /// Price benchmark per model and product code: median, quartiles, best, outliers, and
    /// what each member would save at the median and at the best price.
    Benchmark {
        #[command(flatten)]
        group: GroupArgs,
        #[arg(long)]
        json: bool,
    },
    /// Per device type: distinct models per member and in the group, and each member's
    /// lifecycle cost against the group's best-ranked model.
    Standardise {
        #[command(flatten)]
        group: GroupArgs,
        #[arg(long)]
        json: bool,
    },
    /// Units requested per model and fiscal year across members, with their rankings.
    Demand {
        #[command(flatten)]
        group: GroupArgs,
        #[arg(long)]
        json: bool,
    },
    /// The matches across members; --confirm or --split KEY records a decision in the
    /// workspace, --undo KEY drops one (--workspace required).
    Matches {
        #[command(flatten)]
        group: GroupArgs,
        #[arg(long)]
        confirm: Vec<String>,
        #[arg(long)]
        split: Vec<String>,
        #[arg(long)]
        undo: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Record the member files (--portfolio, --package, --member) in the workspace.
    Workspace {
        #[command(flatten)]
        group: GroupArgs,
    },
    /// The negotiation brief as a PDF (same inputs and as-of date, same bytes).
    Brief {
        #[command(flatten)]
        group: GroupArgs,
        #[arg(long)]
        out: PathBuf,
        /// a4 or letter (default a4).
        #[arg(long, value_parser = crate::input::paper, default_value = "a4")]
        paper: Paper,
    },
    /// The benchmark, standardisation and demand as a workbook (.xlsx).
    Export {
        #[command(flatten)]
        group: GroupArgs,
        #[arg(long)]
        out: PathBuf,
    },
}

impl GroupArgs {
    /// The member files: the workspace's, then the command line's.
    fn sources(&self, workspace: Option<&Workspace>) -> Vec<MemberSource> {
        let given = |path: &Path, kind| MemberSource {
            name: None,
            path: path.to_path_buf(),
            kind,
        };
        let given = self
            .portfolios
            .iter()
            .map(|p| given(p, SourceKind::Portfolio))
            .chain(self.packages.iter().map(|p| given(p, SourceKind::Package)))
            .collect();
        group_sources(
            self.workspace.as_deref().zip(workspace),
            given,
            &self.members,
        )
    }

    fn settings(&self) -> GroupSettings {
        group_settings(
            as_of_or_today(self.as_of),
            self.index_rate,
            &self.index_values,
            self.currency.clone(),
            &self.rates,
        )
    }

    fn workspace(&self) -> Result<Option<Workspace>> {
        self.workspace.as_deref().map(read_workspace).transpose()
    }

    /// Reads the members and matches their models.
    pub(crate) fn load(&self) -> Result<Group> {
        let workspace = self.workspace()?;
        let sources = self.sources(workspace.as_ref());
        let decisions = workspace.map(|w| w.decisions).unwrap_or_default();
        load_group(&sources, &decisions, self.settings())
    }
}

pub fn run_gpo(command: GpoCommand) -> Result<()> {
    match command {
        GpoCommand::Benchmark { group, json } => {
            let l = group.load()?;
            let b = benchmark(&l.members, &l.matching, &l.settings)?;
            check_unchanged(&l.files)?;
            if json {
                print_json(&b)
            } else {
                emit(&benchmark_table(&b))
            }
        }
        GpoCommand::Standardise { group, json } => {
            let l = group.load()?;
            let s = standardise(&l.members, &l.matching, &l.settings)?;
            check_unchanged(&l.files)?;
            if json {
                print_json(&s)
            } else {
                emit(&standardise_table(&s))
            }
        }
        GpoCommand::Demand { group, json } => {
            let l = group.load()?;
            let d = demand(&l.members, &l.matching);
            check_unchanged(&l.files)?;
            if json {
                print_json(&d)
            } else {
                emit(&demand_table(&d))
            }
        }
        GpoCommand::Matches {
            group,
            confirm,
            split,
            undo,
            json,
        } => {
            undo_decisions(&group, &undo)?;
            run_matches(&group, &confirm, &split, json)
        }
        GpoCommand::Workspace { group } => run_workspace(&group),
        GpoCommand::Brief { group, out, paper } => {
            let l = group.load()?;
            let brief = build_gpo_brief(&l.members, &l.files, &l.matching, &l.settings)?;
            check_unchanged(&l.files)?;
            write_gpo_brief(&brief, paper, &out)?;
            emit_line(&format!(
                "wrote the negotiation brief ({} members, {} models, inputs {}) to {}",
                brief.benchmark.members.len(),
                brief.benchmark.models.len(),
                brief.content_hash,
                out.display()
            ))
        }
        GpoCommand::Export { group, out } => {
            let l = group.load()?;
            let brief = build_gpo_brief(&l.members, &l.files, &l.matching, &l.settings)?;
            check_unchanged(&l.files)?;
            write_gpo_workbook(&brief, &out)?;
            emit_line(&format!(
                "wrote the group purchasing workbook (inputs {}) to {}",
                brief.content_hash,
                out.display()
            ))
        }
    }
}

fn run_matches(group: &GroupArgs, confirm: &[String], split: &[String], json: bool) -> Result<()> {
    let decisions: Vec<MatchDecision> = confirm
        .iter()
        .map(|k| (k, Decision::Confirmed))
        .chain(split.iter().map(|k| (k, Decision::Split)))
        .map(|(key, decision)| MatchDecision {
            key: key.trim().to_string(),
            decision,
        })
        .collect();
    if !decisions.is_empty() {
        let Some(path) = &group.workspace else {
            return Err(Error::validation(
                "workspace",
                "a decision is saved in a workspace: give --workspace FILE",
            ));
        };
        let w = read_workspace(path)?;
        let sources = group.sources(Some(&w));
        record_decisions(path, w, &sources, decisions, group.settings().as_of, &[])?;
    }
    let l = group.load()?;
    if json {
        print_json(&l.matching)
    } else {
        emit(&matches_table(&l.matching))
    }
}

/// Drops the workspace's decisions on `keys`, all or none.
fn undo_decisions(group: &GroupArgs, keys: &[String]) -> Result<()> {
    if keys.is_empty() {
        return Ok(());
    }
    let Some(path) = &group.workspace else {
        return Err(Error::validation(
            "workspace",
            "a decision is undone in a workspace: give --workspace FILE",
        ));
    };
    forget_group_decisions(path, keys)
}

fn run_workspace(group: &GroupArgs) -> Result<()> {
    let Some(path) = &group.workspace else {
        return Err(Error::validation("workspace", "give --workspace FILE"));
    };
    let mut w = read_workspace(path)?;
    let added = group.sources(None);
    // Every file must read as a member (and not twice) before the workspace lists it.
    let mut all = w.resolved_members(path);
    all.extend(added.iter().cloned());
    let settings = group.settings();
    let (members, _) = read_members(&all, settings.as_of)?;
    for s in added {
        w.add_member_file(path, s);
    }
    write_workspace(path, &w)?;
    emit_line(&format!(
        "the workspace {} lists {} member file(s) of {} member(s): {}",
        path.display(),
        w.members.len(),
        members.len(),
        members
            .iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    ))
}
