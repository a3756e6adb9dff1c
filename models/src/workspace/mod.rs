//! The group purchasing workspace: the member files an analyst compares, each tagged with
//! its member hospital, and the analyst's decisions on uncertain matches.
//!
//! Members are read, never written: a portfolio is opened with
//! [`crate::store::Portfolio::open_read_only`] (no side file, an older schema read through
//! a copy in memory), a request package (`caliper request export`) is read as JSON and
//! imported into a portfolio in memory. The same file given twice (by its canonical path
//! or by its content's SHA-256) is refused.
//!
//! The workspace itself is a small JSON file written atomically ([`write_workspace`]):
//! a list of members and a list of decisions, nothing a query needs, so a database would
//! add a schema and migrations for two lists (docs/group-purchasing.md).

mod app;
mod group;
mod members;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use app::{
    export_group_brief, export_group_workbook, forget_group_decisions, group_analysis,
    group_workspace_members, save_group_decision, GroupAnalysis, GroupMember, GroupMemberRead,
    GroupOptions, ModelChart,
};
pub use group::{
    check_decision_keys, group_settings, group_sources, load_group, parse_index_value,
    parse_member, parse_rate, record_decisions, Group,
};
pub use members::{check_unchanged, read_members, MemberFile};

use crate::error::{from_json, Error, Result};
use crate::gpo::MatchDecision;
use crate::output::write_atomically;

/// The `format` of a workspace file.
pub const FORMAT: &str = "caliper-gpo-workspace";
/// The version this build writes and reads.
pub const VERSION: u32 = 1;
/// The largest workspace file read.
const MAX_BYTES: u64 = 4 * 1024 * 1024;

/// What a member file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A Caliper portfolio file.
    Portfolio,
    /// A request package: one request exported as JSON by `caliper request export`.
    Package,
}

/// A member file and the member it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberSource {
    /// The member hospital; when absent, the portfolio's only facility (else the
    /// portfolio's name), or the package's facility.
    #[serde(default)]
    pub name: Option<String>,
    /// Relative paths are relative to the workspace file's folder.
    pub path: PathBuf,
    pub kind: SourceKind,
}

/// The workspace file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workspace {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub members: Vec<MemberSource>,
    #[serde(default)]
    pub decisions: Vec<MatchDecision>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace {
            format: FORMAT.into(),
            version: VERSION,
            members: Vec::new(),
            decisions: Vec::new(),
        }
    }
}

impl Workspace {
    /// Sets the decision on `key`, replacing an earlier one.
    pub fn decide(&mut self, decision: MatchDecision) {
        self.decisions.retain(|d| d.key != decision.key);
        self.decisions.push(decision);
        self.decisions.sort_by(|a, b| a.key.cmp(&b.key));
    }

    /// Drops the decision on `key`; false when there is none.
    pub fn forget(&mut self, key: &str) -> bool {
        let before = self.decisions.len();
        self.decisions.retain(|d| d.key != key.trim());
        self.decisions.len() < before
    }

    /// Adds a member file unless the same path is listed already.
    pub fn add_member(&mut self, source: MemberSource) {
        if !self.members.iter().any(|m| m.path == source.path) {
            self.members.push(source);
        }
    }

    /// Adds a member file of the workspace at `workspace`: its path relative to the
    /// workspace's folder when it is under it.
    pub fn add_member_file(&mut self, workspace: &Path, source: MemberSource) {
        let dir = workspace
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let relative = std::fs::canonicalize(&source.path)
            .ok()
            .zip(std::fs::canonicalize(&dir).ok())
            .and_then(|(f, d)| f.strip_prefix(d).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| source.path.clone());
        self.add_member(MemberSource {
            path: relative,
            ..source
        });
    }

    /// The member files with their paths resolved against the workspace's folder.
    pub fn resolved_members(&self, workspace: &Path) -> Vec<MemberSource> {
        let dir = workspace.parent().unwrap_or(Path::new(""));
        self.members
            .iter()
            .map(|m| MemberSource {
                path: if m.path.is_absolute() {
                    m.path.clone()
                } else {
                    dir.join(&m.path)
                },
                ..m.clone()
            })
            .collect()
    }
}

/// Reads a workspace file; a missing file is an empty workspace.
pub fn read_workspace(path: &Path) -> Result<Workspace> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Workspace::default()),
        Err(e) => return Err(Error::io(path, e)),
    };
    if meta.len() > MAX_BYTES {
        return Err(Error::validation(
            "workspace",
            format!(
                "{} is larger than 4 MiB, the limit for a workspace",
                path.display()
            ),
        ));
    }
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let w: Workspace = from_json(&path.display().to_string(), &text)?;
    if w.format != FORMAT {
        return Err(Error::validation(
            "format",
            format!(
                "{} is not a Caliper group purchasing workspace ('{FORMAT}')",
                path.display()
            ),
        ));
    }
    if w.version > VERSION {
        return Err(Error::validation(
            "version",
            format!(
                "{} is a workspace of version {}, written by a newer Caliper (this one reads version {VERSION}); nothing was changed",
                path.display(),
                w.version
            ),
        ));
    }
    Ok(w)
}

/// Writes the workspace atomically.
pub fn write_workspace(path: &Path, w: &Workspace) -> Result<()> {
    let mut text = serde_json::to_string_pretty(w).map_err(|e| Error::Internal {
        message: e.to_string(),
    })?;
    text.push('\n');
    write_atomically(path, text.as_bytes())
}
