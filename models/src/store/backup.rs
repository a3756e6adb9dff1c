//! Backups of a portfolio file, and restoring one.
//!
//! Caliper keeps automatic backups in a folder beside the portfolio, `NAME.backups/`:
//! one before a schema upgrade, one before a restore, and one at the first change after
//! the file is opened (at most one such every [`SESSION_BACKUP_INTERVAL`], so a script of
//! many commands does not copy the file each time). The newest [`KEPT_AUTOMATIC`]
//! automatic backups are kept; older ones are deleted. A backup asked for by name
//! (`caliper backup --out`) is never deleted by Caliper.
//!
//! A backup is SQLite's online backup of the open connection, so it is a consistent
//! snapshot even while another process writes. It is written to a temporary file in the
//! target folder and renamed into place when complete: a killed backup leaves no
//! half-written copy under a backup's name. Each backup is itself a portfolio (journal
//! mode DELETE, no side files), which `caliper restore` and the app can read back.
//!
//! Restoring checks the backup as any portfolio from someone else is checked (schema
//! objects, application id, version), saves the current state as a backup first, then
//! copies the backup into the open file in one transaction through the online backup, so
//! other windows and processes on the file see the restored data, and a crash leaves the
//! file as it was before or after, whole.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use chrono::{DateTime, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::portfolio::BUSY_TIMEOUT;
use super::Portfolio;
use crate::error::{Error, Result};
use crate::output::{locked_temporary, remove_stale_temporaries};

/// Automatic backups kept per portfolio; older ones are deleted.
pub const KEPT_AUTOMATIC: usize = 10;

/// The first change after opening makes a backup unless an automatic one is this recent.
pub const SESSION_BACKUP_INTERVAL: Duration = Duration::from_secs(5 * 60);

/// The ending of a backup being written.
const TEMP_SUFFIX: &str = ".caliper-tmp";

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupReason {
    /// Before the first change after the file was opened.
    Session,
    /// Before the schema was upgraded to this build's version.
    BeforeUpgrade,
    /// Before another backup was restored over the file.
    BeforeRestore,
    /// Asked for by the user.
    Manual,
}

crate::ipc::choice!(BackupReason {
    Session => "Before the first change of a session",
    BeforeUpgrade => "Before a schema upgrade",
    BeforeRestore => "Before a restore",
    Manual => "Made by hand",
});

impl BackupReason {
    /// The word for the reason in a backup's file name and in listings.
    pub fn tag(self) -> &'static str {
        match self {
            BackupReason::Session => "session",
            BackupReason::BeforeUpgrade => "before-upgrade",
            BackupReason::BeforeRestore => "before-restore",
            BackupReason::Manual => "manual",
        }
    }

    fn from_tag(tag: &str) -> Option<Self> {
        [
            BackupReason::Session,
            BackupReason::BeforeUpgrade,
            BackupReason::BeforeRestore,
            BackupReason::Manual,
        ]
        .into_iter()
        .find(|r| r.tag() == tag)
    }
}

/// One backup in a portfolio's backup folder.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BackupInfo {
    pub path: String,
    /// When it was made, UTC, RFC 3339.
    pub created: String,
    pub reason: BackupReason,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// The folder of a portfolio's automatic backups: `NAME.backups` beside it.
pub fn backup_folder(portfolio: &Path) -> PathBuf {
    let mut name = portfolio
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "portfolio".into());
    name.push(".backups");
    portfolio.with_file_name(name)
}

/// The backups in the folder of `portfolio`, newest first, with absolute paths. Files
/// that are not named as Caliper names its backups are left out.
pub fn list_backups(portfolio: &Path) -> Result<Vec<BackupInfo>> {
    let folder = backup_folder(portfolio);
    let folder = std::path::absolute(&folder).map_err(|e| Error::io(&folder, e))?;
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&folder, e)),
    };
    let stem = file_stem(portfolio);
    let mut found: Vec<(String, BackupInfo)> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (stamp, reason) = parse_name(&stem, &name)?;
            let created = DateTime::parse_from_str(&format!("{stamp}+0000"), STAMP_PARSE)
                .ok()?
                .with_timezone(&Utc);
            Some((
                stamp.to_string(),
                BackupInfo {
                    path: e.path().display().to_string(),
                    created: created.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                    reason,
                    bytes: e.metadata().map(|m| m.len()).unwrap_or(0),
                },
            ))
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.path.cmp(&a.1.path)));
    Ok(found.into_iter().map(|(_, info)| info).collect())
}

/// `20261201T174700123Z`: sorts as it reads.
const STAMP_FORMAT: &str = "%Y%m%dT%H%M%S%3fZ";
const STAMP_PARSE: &str = "%Y%m%dT%H%M%S%3fZ%z";

fn file_stem(portfolio: &Path) -> String {
    portfolio
        .file_stem()
        .map_or_else(|| "portfolio".into(), |s| s.to_string_lossy().into_owned())
}

/// `STEM.STAMP.REASON.caliper` → (stamp, reason).
fn parse_name<'a>(stem: &str, name: &'a str) -> Option<(&'a str, BackupReason)> {
    let rest = name.strip_prefix(stem)?.strip_prefix('.')?;
    let rest = rest.strip_suffix(".caliper")?;
    let (stamp, tag) = rest.split_once('.')?;
    Some((stamp, BackupReason::from_tag(tag)?))
}

impl Portfolio {
    /// Writes a complete, consistent copy of the portfolio to `dest`, which must not
    /// exist. The copy is written aside and renamed into place when complete.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if dest.exists() || dest.is_symlink() {
            return Err(Error::conflict(
                "out",
                format!(
                    "{} already exists; choose a new file name for the backup",
                    dest.display()
                ),
            ));
        }
        if let Some(own) = &self.path {
            if same_file(own, dest) {
                return Err(Error::validation(
                    "out",
                    "the backup cannot be written over the portfolio itself",
                ));
            }
        }
        copy_database(&self.conn, dest, false)
    }

    /// The backups in the portfolio's backup folder, newest first (none for a portfolio in
    /// memory).
    pub fn backups(&self) -> Result<Vec<BackupInfo>> {
        match &self.path {
            Some(path) => list_backups(path),
            None => Ok(Vec::new()),
        }
    }

    /// Makes a backup in the portfolio's backup folder and deletes the oldest automatic
    /// ones beyond [`KEPT_AUTOMATIC`] (a [`BackupReason::Manual`] one is kept until the user
    /// deletes it). Returns where it was written, or `None` for a portfolio that lives in
    /// memory.
    pub fn backup_in_folder(&self, reason: BackupReason) -> Result<Option<PathBuf>> {
        match &self.path {
            Some(path) => automatic_backup(&self.conn, path, reason).map(Some),
            None => Ok(None),
        }
    }

    /// The backup of the first change after opening, unless one was made already in this
    /// session or an automatic backup is younger than [`SESSION_BACKUP_INTERVAL`].
    pub(super) fn session_backup(&self) -> Result<()> {
        if self.session.backed_up.get() || self.path.is_none() || !self.session.backups {
            return Ok(());
        }
        let path = self.path.clone().unwrap_or_default();
        let recent = list_backups(&path)?
            .into_iter()
            .filter(|b| b.reason != BackupReason::Manual)
            .filter_map(|b| std::fs::metadata(&b.path).ok()?.modified().ok())
            .any(|made| {
                SystemTime::now()
                    .duration_since(made)
                    .is_ok_and(|age| age < SESSION_BACKUP_INTERVAL)
            });
        if !recent {
            self.backup_in_folder(BackupReason::Session)?;
        }
        self.session.backed_up.set(true);
        Ok(())
    }

    /// Replaces the portfolio's content with the backup at `backup`, after saving the
    /// current content as a backup. The backup is checked first as any file from someone
    /// else is; an older one is upgraded on the way in. Returns the backup made of the
    /// state before the restore.
    pub fn restore_from(&mut self, backup: &Path) -> Result<Option<PathBuf>> {
        if let Some(own) = &self.path {
            if same_file(own, backup) {
                return Err(Error::validation(
                    "from",
                    "that is the portfolio itself, not a backup of it",
                ));
            }
        }
        let source = Portfolio::open_read_only(backup)?;
        // A portfolio being built (a restore into a new file) has nothing to save.
        let saved = if self.session.backups {
            self.backup_in_folder(BackupReason::BeforeRestore)?
        } else {
            None
        };
        self.session.backed_up.set(true);
        copy_pages(&source.conn, &mut self.conn)?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        // Recorded in the file, which also tells other windows on this connection that
        // their data is older than the file's.
        self.set_setting("restored_from", &backup.display().to_string())?;
        Ok(saved)
    }
}

/// Copies the database into a new file at `dest`, written aside and renamed.
fn copy_database(conn: &Connection, dest: &Path, replace: bool) -> Result<()> {
    let folder = match dest.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| {
            Error::validation("out", format!("{} is not a file name", dest.display()))
        })?;
    if !folder.is_dir() {
        return Err(Error::io(
            dest,
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("the folder {} does not exist", folder.display()),
            ),
        ));
    }
    remove_stale_temporaries(&folder, &name, TEMP_SUFFIX);
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    // Locked until the rename: tells a concurrent cleaner this file is being written.
    let temp = locked_temporary(&builder, &folder)?;
    {
        let absolute = std::path::absolute(temp.path()).map_err(|e| Error::io(dest, e))?;
        let mut copy = Connection::open(absolute)?;
        Backup::new(conn, &mut copy)?.run_to_completion(i32::MAX, Duration::ZERO, None)?;
        copy.pragma_update(None, "journal_mode", "DELETE")?;
        copy.close().map_err(|(_, e)| Error::Storage(e))?;
    }
    temp.as_file().sync_all().map_err(|e| Error::io(dest, e))?;
    if replace {
        temp.persist(dest).map_err(|e| Error::io(dest, e.error))?;
    } else {
        temp.persist_noclobber(dest)
            .map_err(|e| Error::io(dest, e.error))?;
    }
    if let Ok(d) = std::fs::File::open(&folder) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Makes an automatic backup of the database behind `conn` (the portfolio at `path`) and
/// deletes the oldest automatic ones beyond [`KEPT_AUTOMATIC`].
pub(super) fn automatic_backup(
    conn: &Connection,
    path: &Path,
    reason: BackupReason,
) -> Result<PathBuf> {
    let folder = backup_folder(path);
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    let stamp = Utc::now().format(STAMP_FORMAT).to_string();
    let stem = file_stem(path);
    // A backup killed half-way left its temporary file (under a name of its own time).
    remove_stale_temporaries(&folder, &stem, TEMP_SUFFIX);
    let mut dest = folder.join(format!("{stem}.{stamp}.{}.caliper", reason.tag()));
    let mut n = 1;
    while dest.exists() {
        n += 1;
        dest = folder.join(format!("{stem}.{stamp}-{n}.{}.caliper", reason.tag()));
    }
    copy_database(conn, &dest, true)?;
    prune(path)?;
    Ok(dest)
}

/// Copies every page of `source` into `dest` in one step (one transaction on `dest`),
/// waiting up to the busy timeout while another process holds a lock.
pub(super) fn copy_pages(source: &Connection, dest: &mut Connection) -> Result<()> {
    let started = Instant::now();
    let backup = Backup::new(source, dest)?;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            _ if started.elapsed() >= BUSY_TIMEOUT => {
                return Err(Error::Storage(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                    Some("another process kept the portfolio busy; try again".into()),
                )))
            }
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// Deletes the oldest automatic backups of `portfolio` beyond [`KEPT_AUTOMATIC`].
fn prune(portfolio: &Path) -> Result<()> {
    let automatic = list_backups(portfolio)?
        .into_iter()
        .filter(|b| b.reason != BackupReason::Manual);
    for old in automatic.skip(KEPT_AUTOMATIC) {
        match std::fs::remove_file(&old.path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(Path::new(&old.path), e)),
        }
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn facilities(p: &Portfolio) -> Vec<String> {
        p.facilities()
            .unwrap()
            .into_iter()
            .map(|f| f.name)
            .collect()
    }

    #[test]
    fn a_backup_is_a_portfolio_with_the_data_and_no_side_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.caliper");
        let mut p = Portfolio::create(&path).unwrap();
        p.add_facility("Lakeside").unwrap();
        let out = dir.path().join("copy.caliper");
        p.backup_to(&out).unwrap();
        let copy = Portfolio::open_read_only(&out).unwrap();
        assert_eq!(facilities(&copy), ["Lakeside"]);
        drop(copy);
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("copy"))
            .collect();
        assert_eq!(names, ["copy.caliper"]);
        let err = p.backup_to(&out).unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
        let err = p.backup_to(&path).unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
    }

    #[test]
    fn the_first_change_of_a_session_is_backed_up_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.caliper");
        Portfolio::create(&path).unwrap();
        assert!(
            list_backups(&path).unwrap().is_empty(),
            "creating is no change"
        );
        let mut p = Portfolio::open(&path).unwrap();
        p.facilities().unwrap();
        assert!(
            list_backups(&path).unwrap().is_empty(),
            "reading is no change"
        );
        p.add_facility("Lakeside").unwrap();
        p.add_facility("Northgate").unwrap();
        let backups = list_backups(&path).unwrap();
        assert_eq!(backups.len(), 1);
        assert_eq!(backups[0].reason, BackupReason::Session);
        // The backup holds the state before the session's first change.
        let before = Portfolio::open_read_only(&backups[0].path).unwrap();
        assert!(facilities(&before).is_empty());
        drop(p);
        // A second session soon after does not copy the file again.
        let mut p = Portfolio::open(&path).unwrap();
        p.add_facility("Riverside").unwrap();
        assert_eq!(list_backups(&path).unwrap().len(), 1);
    }

    #[test]
    fn only_the_newest_automatic_backups_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.caliper");
        let p = Portfolio::create(&path).unwrap();
        let manual = backup_folder(&path).join("plan.20000101T000000000Z.manual.caliper");
        std::fs::create_dir_all(backup_folder(&path)).unwrap();
        p.backup_to(&manual).unwrap();
        for _ in 0..KEPT_AUTOMATIC + 3 {
            p.backup_in_folder(BackupReason::Session).unwrap();
        }
        let backups = list_backups(&path).unwrap();
        let automatic = backups
            .iter()
            .filter(|b| b.reason != BackupReason::Manual)
            .count();
        assert_eq!(automatic, KEPT_AUTOMATIC);
        assert!(backups.iter().any(|b| b.reason == BackupReason::Manual));
        assert!(backups.windows(2).all(|w| w[0].created >= w[1].created));
    }

    #[test]
    fn a_restore_brings_the_data_back_and_saves_what_it_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.caliper");
        let mut p = Portfolio::create(&path).unwrap();
        p.add_facility("Lakeside").unwrap();
        let saved = dir.path().join("saved.caliper");
        p.backup_to(&saved).unwrap();
        p.add_facility("Northgate").unwrap();
        // Another connection on the file sees the restore.
        let other = Portfolio::open(&path).unwrap();
        assert_eq!(facilities(&other).len(), 2);
        let before = p.restore_from(&saved).unwrap().unwrap();
        assert_eq!(facilities(&p), ["Lakeside"]);
        assert_eq!(facilities(&other), ["Lakeside"]);
        let replaced = Portfolio::open_read_only(&before).unwrap();
        assert_eq!(facilities(&replaced), ["Lakeside", "Northgate"]);
    }

    #[test]
    fn a_foreign_or_broken_backup_is_refused_and_nothing_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.caliper");
        let mut p = Portfolio::create(&path).unwrap();
        p.add_facility("Lakeside").unwrap();
        let text = dir.path().join("notes.caliper");
        std::fs::write(&text, "not a database").unwrap();
        let hostile = dir.path().join("hostile.caliper");
        p.backup_to(&hostile).unwrap();
        Connection::open(&hostile)
            .unwrap()
            .execute_batch(
                "CREATE TRIGGER wipe AFTER INSERT ON setting BEGIN DELETE FROM facility; END;",
            )
            .unwrap();
        for bad in [&text, &hostile, &path] {
            assert!(p.restore_from(bad).is_err(), "{}", bad.display());
        }
        assert_eq!(facilities(&p), ["Lakeside"]);
    }
}
