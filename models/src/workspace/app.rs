//! The app's Group view: the same analysis as `caliper gpo`, over the member files listed
//! on the page. Stateless: each call reads the member files again (read-only) and takes
//! their SHA-256 again before it returns or writes. The workspace file, when one is
//! given, holds the analyst's match decisions; saving a decision lists the page's member
//! files in it too, so `caliper gpo --workspace` sees what the app saw.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::group::{
    group_settings, load_group, parse_index_value, parse_rate, record_decisions, Group,
};
use super::{check_unchanged, read_workspace, MemberSource, SourceKind};
use crate::error::{Error, Result};
use crate::gpo::{Benchmark, Demand, GroupSettings, MatchDecision, Matching, Standardisation};
use crate::report::gpo::{build_gpo_brief, write_gpo_brief, write_gpo_workbook};
use crate::report::svg::gpo_strip_svgs;
use crate::report::Paper;

/// A member file on the page: a portfolio, or a request package (a `.json` file), with
/// the member's name when the analyst typed one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GroupMember {
    /// None: the portfolio's only facility (else its name), or the package's facility.
    pub name: Option<String>,
    #[ts(type = "string")]
    pub path: PathBuf,
}

impl GroupMember {
    fn source(&self) -> MemberSource {
        let package = self
            .path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        MemberSource {
            name: self
                .name
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string),
            path: self.path.clone(),
            kind: if package {
                SourceKind::Package
            } else {
                SourceKind::Portfolio
            },
        }
    }
}

/// The prices' common ground, as typed on the page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GroupOptions {
    /// The group's currency; none: the one currency of the quotes without a rate.
    pub currency: Option<String>,
    /// Stated exchange rates, each `CODE=RATE` (`EUR=1.08`: one euro is 1.08 of the
    /// group's currency).
    pub rates: Vec<String>,
    /// Prices brought to the as-of year at this many percent a year, compounded; none:
    /// prices as quoted.
    pub index_percent: Option<String>,
    /// Or a price index by year, each `YEAR=VALUE` (`2025=100`, `2026=103.2`): a price is
    /// multiplied by the as-of year's value over its quote year's.
    #[serde(default)]
    pub index_values: Vec<String>,
}

impl GroupOptions {
    /// The settings as of `as_of`; a rate or percentage that does not read is refused.
    pub fn settings(&self, as_of: NaiveDate) -> Result<GroupSettings> {
        let rates = self
            .rates
            .iter()
            .filter(|r| !r.trim().is_empty())
            .map(|r| parse_rate(r))
            .collect::<Result<Vec<_>>>()?;
        let index_rate = match self.index_percent.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(p) => {
                let pct: rust_decimal::Decimal = p.parse().map_err(|_| {
                    Error::validation(
                        "index_percent",
                        format!("'{p}' is not a percentage (3 for 3 % a year)"),
                    )
                })?;
                Some(pct / rust_decimal::Decimal::ONE_HUNDRED)
            }
        };
        let index_values = self
            .index_values
            .iter()
            .filter(|v| !v.trim().is_empty())
            .map(|v| parse_index_value(v))
            .collect::<Result<Vec<_>>>()?;
        if index_rate.is_some() && !index_values.is_empty() {
            return Err(Error::validation(
                "index_values",
                "give a yearly percentage or index values by year, not both",
            ));
        }
        let currency = self
            .currency
            .as_deref()
            .map(|c| c.trim().to_ascii_uppercase())
            .filter(|c| !c.is_empty());
        Ok(group_settings(
            as_of,
            index_rate,
            &index_values,
            currency,
            &rates,
        ))
    }
}

/// A member as read: its name and the files it was read from.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct GroupMemberRead {
    pub name: String,
    /// The files, as given on the page.
    pub files: Vec<String>,
    pub quotes: usize,
}

/// One model's strip plot, drawn by the engine.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ModelChart {
    pub key: String,
    pub svg: String,
}

/// Everything the Group view shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct GroupAnalysis {
    #[ts(type = "string")]
    pub as_of: NaiveDate,
    /// The inputs hash the negotiation brief would print.
    pub content_hash: String,
    pub members: Vec<GroupMemberRead>,
    pub matching: Matching,
    pub benchmark: Benchmark,
    pub standardisation: Standardisation,
    pub demand: Demand,
    pub charts: Vec<ModelChart>,
}

/// The page's members read, matched under the workspace's decisions.
fn load(
    members: &[GroupMember],
    workspace: Option<&Path>,
    options: &GroupOptions,
    as_of: NaiveDate,
) -> Result<Group> {
    let settings = options.settings(as_of)?;
    let decisions = match workspace {
        Some(path) => read_workspace(path)?.decisions,
        None => Vec::new(),
    };
    let sources: Vec<MemberSource> = members.iter().map(GroupMember::source).collect();
    if sources.is_empty() {
        return Err(Error::validation(
            "members",
            "no member: add a member's portfolio or request package",
        ));
    }
    load_group(&sources, &decisions, settings)
}

/// The benchmark, standardisation, demand and matches of the page's members, with a strip
/// plot per model; the member files are checked unchanged before it returns.
pub fn group_analysis(
    members: &[GroupMember],
    workspace: Option<&Path>,
    options: &GroupOptions,
    as_of: NaiveDate,
) -> Result<GroupAnalysis> {
    let g = load(members, workspace, options, as_of)?;
    let brief = build_gpo_brief(&g.members, &g.files, &g.matching, &g.settings)?;
    let charts = gpo_strip_svgs(&brief.benchmark.models, &brief.benchmark.currency)?
        .into_iter()
        .map(|(key, svg)| ModelChart { key, svg })
        .collect();
    check_unchanged(&g.files)?;
    let read = g
        .members
        .iter()
        .map(|m| GroupMemberRead {
            name: m.name.clone(),
            files: g
                .files
                .iter()
                .filter(|f| f.member == m.name)
                .map(|f| f.path.display().to_string())
                .collect(),
            quotes: m.quotes.len(),
        })
        .collect();
    Ok(GroupAnalysis {
        as_of,
        content_hash: brief.content_hash,
        members: read,
        matching: g.matching,
        benchmark: brief.benchmark,
        standardisation: brief.standardisation,
        demand: brief.demand,
        charts,
    })
}

/// Records the analyst's decision on a match in the workspace file (created when missing),
/// with the page's member files listed in it. The key must be a model's of the members.
pub fn save_group_decision(
    members: &[GroupMember],
    workspace: &Path,
    decision: MatchDecision,
    as_of: NaiveDate,
) -> Result<()> {
    let w = read_workspace(workspace)?;
    let listed = w.resolved_members(workspace);
    let same = |a: &Path, b: &Path| {
        a == b || std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok()
    };
    let added: Vec<MemberSource> = members
        .iter()
        .map(GroupMember::source)
        .filter(|s| !listed.iter().any(|l| same(&l.path, &s.path)))
        .collect();
    let mut sources = listed;
    sources.extend(added.iter().cloned());
    let decision = MatchDecision {
        key: decision.key.trim().to_string(),
        ..decision
    };
    record_decisions(workspace, w, &sources, vec![decision], as_of, &added).map(|_| ())
}

/// Undoes the decisions on `keys` in the workspace: their matches are to review again (or,
/// for models no longer quoted, the stale decisions are gone). All or nothing: refused,
/// writing nothing, when the workspace holds no decision on one of them.
pub fn forget_group_decisions(workspace: &Path, keys: &[String]) -> Result<()> {
    let mut w = read_workspace(workspace)?;
    for key in keys {
        if !w.forget(key) {
            return Err(Error::validation(
                "key",
                format!(
                    "the workspace {} holds no decision on '{}'; nothing was saved",
                    workspace.display(),
                    key.trim()
                ),
            ));
        }
    }
    super::write_workspace(workspace, &w)
}

/// The member files a workspace lists, resolved against its folder, for the page.
pub fn group_workspace_members(workspace: &Path) -> Result<Vec<GroupMember>> {
    Ok(read_workspace(workspace)?
        .resolved_members(workspace)
        .into_iter()
        .map(|m| GroupMember {
            name: m.name,
            path: m.path,
        })
        .collect())
}

/// Writes the negotiation brief (PDF) of the page's members to `out`; the path written.
pub fn export_group_brief(
    members: &[GroupMember],
    workspace: Option<&Path>,
    options: &GroupOptions,
    as_of: NaiveDate,
    paper: Paper,
    out: &Path,
) -> Result<String> {
    let g = load(members, workspace, options, as_of)?;
    let brief = build_gpo_brief(&g.members, &g.files, &g.matching, &g.settings)?;
    check_unchanged(&g.files)?;
    write_gpo_brief(&brief, paper, out)?;
    Ok(out.display().to_string())
}

/// Writes the group's workbook (.xlsx) of the page's members to `out`; the path written.
pub fn export_group_workbook(
    members: &[GroupMember],
    workspace: Option<&Path>,
    options: &GroupOptions,
    as_of: NaiveDate,
    out: &Path,
) -> Result<String> {
    let g = load(members, workspace, options, as_of)?;
    let brief = build_gpo_brief(&g.members, &g.files, &g.matching, &g.settings)?;
    check_unchanged(&g.files)?;
    write_gpo_workbook(&brief, out)?;
    Ok(out.display().to_string())
}
