//! Opening and creating the portfolio file, and its settings.
//!
//! A portfolio file may come from someone else, so opening trusts nothing in it. Every
//! connection runs with SQLite's `trusted_schema` off and defensive mode on, and stops a
//! query that runs longer than [`QUERY_TIME_LIMIT`]. Before anything is read or written,
//! the file's schema objects (tables, indexes, triggers, views) are compared with those
//! this build's migrations create for the file's schema version: a file with a trigger,
//! view or table Caliper does not create is refused, so no SQL of the file ever runs.
//!
//! A new portfolio (and the demo) is built in a temporary file beside the target and
//! renamed into place only when complete, so a half-created file never carries the
//! portfolio's name. An older schema is upgraded in one `BEGIN IMMEDIATE` transaction
//! that also writes the application id: concurrent openers wait for it, and a process
//! killed half-way leaves the file as it was.
//!
//! Read-only opening ([`Portfolio::open_read_only`]) never changes the file: it opens it
//! with `SQLITE_OPEN_READONLY`, refuses an empty file, and reads an older schema through
//! an upgraded copy in memory, leaving the file at its version. Paths are always file
//! names, never SQLite URIs: they are made absolute before SQLite sees them.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::config::DbConfig;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use ts_rs::TS;

use super::backup::{self, BackupReason};
use super::migrations::{self, APPLICATION_ID, SCHEMA_VERSION};
use super::{share, Portfolio, Session};
use crate::error::{Error, Result};
use crate::output::{locked_temporary, remove_stale_temporaries};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The ending of a portfolio being built beside its final name.
const BUILD_SUFFIX: &str = ".new";

/// The longest one query may run before it is stopped (a file's endless query must not
/// hang Caliper).
pub const QUERY_TIME_LIMIT: Duration = Duration::from_secs(10);

/// How long an opener waits for another process that holds the file's write lock (for
/// example while it upgrades the schema).
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// SQLite virtual machine steps between two looks at the clock.
const PROGRESS_STEPS: i32 = 10_000;

/// A pause this long between two looks at the clock means a new query has started.
const QUERY_GAP: Duration = Duration::from_millis(200);

/// Tables SQLite itself creates (ANALYZE statistics, AUTOINCREMENT counters): never SQL
/// of the file, so they are allowed in any portfolio.
const SQLITE_TABLES: [&str; 5] = [
    "sqlite_sequence",
    "sqlite_stat1",
    "sqlite_stat2",
    "sqlite_stat3",
    "sqlite_stat4",
];

/// Facts about the open portfolio file.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PortfolioInfo {
    pub path: String,
    pub name: String,
    pub schema_version: i64,
    /// What the user should know about how the file is kept.
    pub warnings: Vec<String>,
}

/// How a connection is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// Reads and writes; an older schema is upgraded on opening.
    ReadWrite,
    /// Reads only; the file is never changed.
    ReadOnly,
}

/// What the file's header and schema say, once checked.
#[derive(Debug, Clone, Copy)]
struct Found {
    application_id: i32,
    version: i64,
    /// An SQLite database without any schema object: a portfolio yet to be made.
    empty: bool,
}

/// A schema object: its type, name and table.
type SchemaObject = (String, String, String);

impl Portfolio {
    /// Opens an existing portfolio to read and write; fails if the file is missing.
    /// An empty (0-byte) file becomes a new portfolio; an older schema is upgraded.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        existing_len(path)?;
        check_header(path)?;
        Self::open_file(path, Access::ReadWrite)
    }

    /// Opens an existing portfolio to read only: the file is never changed. An empty
    /// file is refused; an older schema is read through an upgraded copy in memory.
    /// Writing through the returned portfolio fails.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        if existing_len(path)? == 0 {
            return Err(Error::NotAPortfolio {
                path: path.display().to_string(),
                reason: "it is empty (0 bytes); nothing was changed".into(),
            });
        }
        check_header(path)?;
        Self::open_file(path, Access::ReadOnly)
    }

    /// Creates a new, empty portfolio; fails if the file already has content.
    pub fn create(path: impl AsRef<Path>) -> Result<Self> {
        Self::create_with(path, |_| Ok(()))
    }

    /// Creates a new portfolio filled by `fill`; fails if the file already has content.
    /// The portfolio is built in a temporary file beside `path` and renamed into place
    /// only when `fill` succeeded, so nothing is left under `path` otherwise.
    pub fn create_with(
        path: impl AsRef<Path>,
        fill: impl FnOnce(&mut Portfolio) -> Result<()>,
    ) -> Result<Self> {
        let path = path.as_ref();
        let already = |path: &Path| {
            Error::conflict(
                "path",
                format!(
                    "{} already exists; open it or choose another name",
                    path.display()
                ),
            )
        };
        let exists = match path.metadata() {
            Ok(m) if m.len() > 0 => return Err(already(path)),
            Ok(_) => true,
            Err(_) => false,
        };
        let (built, _lock) = Self::build(path, fill)?;
        if exists {
            remove_journal_files(path)?;
            built.persist(path).map_err(|e| Error::io(path, e.error))?;
        } else {
            built.persist_noclobber(path).map_err(|e| {
                if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                    already(path)
                } else {
                    Error::io(path, e.error)
                }
            })?;
        }
        sync_folder(path);
        Self::open(path)
    }

    /// Replaces whatever is at `path` (with its SQLite journal files) by a new portfolio
    /// filled by `fill`. The new portfolio is built aside and renamed into place only
    /// when complete: until then `path` is left as it was.
    pub fn replace_with(
        path: impl AsRef<Path>,
        fill: impl FnOnce(&mut Portfolio) -> Result<()>,
    ) -> Result<Self> {
        let path = path.as_ref();
        let (built, _lock) = Self::build(path, fill)?;
        remove_journal_files(path)?;
        built.persist(path).map_err(|e| Error::io(path, e.error))?;
        sync_folder(path);
        Self::open(path)
    }

    /// A portfolio that lives in memory (tests and previews).
    pub fn in_memory() -> Result<Self> {
        Self::init(Connection::open_in_memory()?, None, Access::ReadWrite)
    }

    /// Builds a complete portfolio in a new temporary file in the folder of `path`; the
    /// file is deleted unless the caller persists it. The returned file handle holds the
    /// lock that keeps a concurrent cleaner away until the caller has renamed it.
    fn build(
        path: &Path,
        fill: impl FnOnce(&mut Portfolio) -> Result<()>,
    ) -> Result<(tempfile::TempPath, std::fs::File)> {
        let folder = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let name = path.file_name().ok_or_else(|| {
            Error::validation("path", format!("{} is not a file name", path.display()))
        })?;
        let name = name.to_string_lossy();
        // A build killed half-way left its temporary file; a live one holds a lock on it.
        remove_stale_temporaries(folder, &name, BUILD_SUFFIX);
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(BUILD_SUFFIX);
        // A portfolio gets the permissions of any new file (the umask applies), not those
        // of a private temporary file.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        // Locked while building: tells a concurrent cleaner this file is in use.
        let temp = locked_temporary(&builder, folder)?;
        let (lock, temp) = temp.into_parts();
        // Built in WAL mode, as every portfolio runs, so that opening the renamed file
        // writes nothing. Closing the last connection folds the WAL into the file.
        let mut p = Self::open_file(&temp, Access::ReadWrite)?;
        p.session.backups = false;
        fill(&mut p)?;
        p.conn.close().map_err(|(_, e)| Error::Storage(e))?;
        let mut wal = temp.as_os_str().to_owned();
        wal.push("-wal");
        if Path::new(&wal).exists() {
            return Err(Error::io(
                &temp,
                std::io::Error::other("the new portfolio was not completely written"),
            ));
        }
        Ok((temp, lock))
    }

    fn open_file(path: &Path, access: Access) -> Result<Self> {
        // A reader opens the file as a writer would, but with every change refused
        // (`query_only`): SQLite then removes the `-wal` and `-shm` side files when the
        // last connection closes, which a read-only connection cannot do. A file the user
        // may not write is opened read-only. Writers never see the file changed by this.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        // An absolute path never starts with `file:`, so SQLite never reads it as a URI.
        let absolute = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
        let conn = Connection::open_with_flags(&absolute, flags)?;
        if access == Access::ReadOnly {
            conn.pragma_update(None, "query_only", true)?;
        }
        Self::init(conn, Some(path.to_path_buf()), access)
    }

    fn init(conn: Connection, path: Option<PathBuf>, access: Access) -> Result<Self> {
        harden(&conn, QUERY_TIME_LIMIT)?;
        let shown = path
            .as_ref()
            .map_or_else(|| ":memory:".to_string(), |p| p.display().to_string());
        // One read transaction, so that the header and the schema are read from one
        // snapshot even while another process is creating or upgrading the file.
        let found = {
            let snapshot = conn.unchecked_transaction()?;
            let found = inspect(&snapshot, &shown)?;
            snapshot.rollback()?;
            found
        };
        conn.pragma_update(None, "foreign_keys", true)?;
        // A page cache of up to 64 MiB (SQLite's default is 2 MiB): an inventory import
        // writes 200,000 assets in one transaction, and a cache that spills to the log
        // half-way through takes half as long again. Memory is taken only as pages are read.
        conn.pragma_update(None, "cache_size", -65_536)?;
        let mut conn = conn;
        let mut session = Session::default();
        match access {
            Access::ReadOnly => {
                if found.empty {
                    return Err(Error::NotAPortfolio {
                        path: shown,
                        reason: "it is an empty database; nothing was changed".into(),
                    });
                }
                if found.version < SCHEMA_VERSION {
                    conn = upgraded_copy(&conn, found.version)?;
                }
            }
            Access::ReadWrite => {
                if let Some(file) = &path {
                    session.backups = true;
                    match share::network_filesystem(file) {
                        Some(kind) => {
                            use_rollback_journal(&conn)?;
                            session.warnings.push(share::warning(kind));
                        }
                        None => use_wal(&conn)?,
                    }
                }
                if found.version < SCHEMA_VERSION || found.application_id != APPLICATION_ID {
                    upgrade(&mut conn, found, path.as_deref(), &shown)?;
                }
            }
        }
        Ok(Portfolio {
            conn,
            path,
            session,
        })
    }

    pub fn info(&self) -> Result<PortfolioInfo> {
        Ok(PortfolioInfo {
            path: self
                .path
                .as_ref()
                .map_or_else(String::new, |p| p.display().to_string()),
            name: self.setting("name")?.unwrap_or_else(|| {
                self.path.as_ref().and_then(|p| p.file_stem()).map_or_else(
                    || "Untitled portfolio".into(),
                    |s| s.to_string_lossy().into_owned(),
                )
            }),
            schema_version: SCHEMA_VERSION,
            warnings: self.session.warnings.clone(),
        })
    }

    /// What the user should know about how the file is kept (e.g. that it is on a
    /// network share and runs with a rollback journal).
    pub fn warnings(&self) -> &[String] {
        &self.session.warnings
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }
}

/// Sets up a connection to a file that may come from anyone: the file's schema may not
/// call functions with side effects (`trusted_schema` off), SQL cannot corrupt the file
/// (defensive mode), a query stops after `limit`, and a writer waits for another
/// process's lock instead of failing at once.
pub(super) fn harden(conn: &Connection, limit: Duration) -> Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // SQLite calls the handler every PROGRESS_STEPS steps of a running query only; a pause
    // between two calls means a new query, whose clock starts afresh.
    let mut started = Instant::now();
    let mut last = started;
    conn.progress_handler(
        PROGRESS_STEPS,
        Some(move || {
            let now = Instant::now();
            if now.duration_since(last) > QUERY_GAP {
                started = now;
            }
            last = now;
            now.duration_since(started) > limit
        }),
    )?;
    Ok(())
}

/// Checks the file's header and schema before anything else is read: it must be a
/// Caliper portfolio (or an empty database) of a schema this build can read, with
/// exactly the schema objects this build's migrations create for its version.
fn inspect(conn: &Connection, shown: &str) -> Result<Found> {
    let not_a_portfolio = |reason: String| Error::NotAPortfolio {
        path: shown.to_string(),
        reason,
    };
    // Reading the header is the first query: a file that is not SQLite fails here.
    let application_id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| not_a_portfolio(e.to_string()))?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let objects = schema_objects(conn).map_err(|e| not_a_portfolio(e.to_string()))?;
    let empty = objects.is_empty();
    if application_id != APPLICATION_ID {
        let blank = application_id == 0 && version == 0 && empty;
        // A file whose creation an earlier release left without its application id: the
        // exact schema of a Caliper version and nothing else.
        let unmarked = application_id == 0
            && (1..=SCHEMA_VERSION).contains(&version)
            && objects == expected_schema(version)?;
        if !blank && !unmarked {
            return Err(not_a_portfolio(format!(
                "it is an SQLite database of another application (application_id {application_id:#x}, {} schema objects)",
                objects.len()
            )));
        }
    }
    if version > SCHEMA_VERSION {
        return Err(Error::NewerSchema {
            path: shown.to_string(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    if version < 0 {
        return Err(not_a_portfolio(format!(
            "its schema version {version} is not one Caliper writes; it was not opened"
        )));
    }
    let expected = expected_schema(version)?;
    if let Some((kind, name, _)) = objects.difference(&expected).next() {
        return Err(not_a_portfolio(format!(
            "it contains a {kind} '{name}' that Caliper does not create; it was not opened"
        )));
    }
    if let Some((kind, name, _)) = expected.difference(&objects).next() {
        return Err(not_a_portfolio(format!(
            "it lacks the {kind} '{name}' of schema version {version}; it was not opened"
        )));
    }
    Ok(Found {
        application_id,
        version,
        empty,
    })
}

/// The file's tables, indexes, triggers and views, without SQLite's own tables.
fn schema_objects(conn: &Connection) -> rusqlite::Result<BTreeSet<SchemaObject>> {
    let mut stmt = conn.prepare("SELECT type, name, tbl_name FROM sqlite_schema")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let mut objects = BTreeSet::new();
    for row in rows {
        let object: SchemaObject = row?;
        if !(object.0 == "table" && SQLITE_TABLES.contains(&object.1.as_str())) {
            objects.insert(object);
        }
    }
    Ok(objects)
}

/// The schema objects this build's migrations create up to `version`.
fn expected_schema(version: i64) -> Result<BTreeSet<SchemaObject>> {
    let conn = Connection::open_in_memory()?;
    migrations::migrate(&conn, 0, version)?;
    Ok(schema_objects(&conn)?)
}

impl Portfolio {
    /// Runs `f` with the file in a rollback journal, and puts its own journal mode back
    /// after. SQLite's write-ahead log writes every page twice (to the log, then to the
    /// file) and SQLite documents it as the slower mode for very large transactions; an
    /// inventory import writes tens of megabytes in one. The switch needs the file to
    /// itself: while another connection has it open, `f` runs in the write-ahead log.
    /// Either way a transaction inside `f` is atomic: a rollback journal left by a kill
    /// is rolled back by the next opening.
    pub(super) fn with_rollback_journal<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<T> {
        let mode = |conn: &Connection| -> Result<String> {
            Ok(conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?)
        };
        let own = mode(&self.conn)?;
        let switched = self.conn.is_autocommit()
            && !own.eq_ignore_ascii_case("delete")
            && self
                .conn
                .pragma_update(None, "journal_mode", "delete")
                .is_ok()
            && mode(&self.conn)?.eq_ignore_ascii_case("delete");
        let out = f(self);
        if switched {
            // The file's mode is set again by every opening: a failure to put it back
            // here leaves a slower, not a less safe, file.
            let _ = use_journal_mode(&self.conn, &own);
        }
        out
    }
}

/// Switches the file to WAL mode unless it is already.
fn use_wal(conn: &Connection) -> Result<()> {
    use_journal_mode(conn, "wal")
}

/// Switches the file to a rollback journal (`DELETE`): WAL needs shared memory that a
/// network file system (SMB, NFS) does not provide safely.
fn use_rollback_journal(conn: &Connection) -> Result<()> {
    use_journal_mode(conn, "delete")
}

/// Switches the file's journal mode unless it is `mode` already. The switch needs the
/// file to itself, and SQLite reports a busy file at once rather than through the busy
/// timeout, so a switch that finds another process reading is retried for up to the busy
/// timeout.
fn use_journal_mode(conn: &Connection, mode: &str) -> Result<()> {
    let started = std::time::Instant::now();
    loop {
        let current: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        if current.eq_ignore_ascii_case(mode) {
            return Ok(());
        }
        let busy = match conn.pragma_update(None, "journal_mode", mode) {
            Ok(()) => false,
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy =>
            {
                true
            }
            Err(e) => return Err(e.into()),
        };
        if started.elapsed() >= BUSY_TIMEOUT {
            return if busy {
                Err(Error::Storage(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                    Some("another process kept the portfolio busy".into()),
                )))
            } else {
                Ok(())
            };
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Upgrades the file to this build's schema and marks it as a portfolio, in one
/// transaction that holds the write lock from its start: a concurrent opener waits, then
/// finds the work done. An older file holding a portfolio is backed up first, from a
/// read snapshot before the write lock is taken (SQLite cannot copy a database its
/// connection is writing); two processes upgrading at once may both back it up.
fn upgrade(conn: &mut Connection, found: Found, path: Option<&Path>, shown: &str) -> Result<()> {
    if let (Some(path), false) = (path, found.empty) {
        if found.version < SCHEMA_VERSION {
            backup::automatic_backup(conn, path, BackupReason::BeforeUpgrade)?;
        }
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Checked again under the lock: another process may have upgraded the file meanwhile.
    let found = inspect(&tx, shown)?;
    if found.version < SCHEMA_VERSION {
        migrations::migrate(&tx, found.version, SCHEMA_VERSION)?;
    }
    if found.application_id != APPLICATION_ID {
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    tx.commit()?;
    Ok(())
}

/// An in-memory copy of an older portfolio, upgraded to this build's schema and then
/// made read-only: the file itself stays at its version.
fn upgraded_copy(file: &Connection, version: i64) -> Result<Connection> {
    let mut copy = Connection::open_in_memory()?;
    backup::copy_pages(file, &mut copy)?;
    harden(&copy, QUERY_TIME_LIMIT)?;
    copy.pragma_update(None, "foreign_keys", true)?;
    let tx = copy.transaction()?;
    migrations::migrate(&tx, version, SCHEMA_VERSION)?;
    tx.commit()?;
    copy.pragma_update(None, "query_only", true)?;
    Ok(copy)
}

/// The length of an existing file; a missing file is an error naming it.
fn existing_len(path: &Path) -> Result<u64> {
    match path.metadata() {
        Ok(m) => Ok(m.len()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::io(
            path,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        )),
        Err(e) => Err(Error::io(path, e)),
    }
}

fn check_header(path: &Path) -> Result<()> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut head = [0u8; 16];
    let n = file.read(&mut head).map_err(|e| Error::io(path, e))?;
    if n == 0 {
        return Ok(());
    }
    if n < 16 || &head != SQLITE_MAGIC {
        return Err(Error::NotAPortfolio {
            path: path.display().to_string(),
            reason: "it is not an SQLite database".into(),
        });
    }
    Ok(())
}

/// Removes the SQLite journal files of `path`: they belong to the file being replaced
/// and would be applied to its replacement.
fn remove_journal_files(path: &Path) -> Result<()> {
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        match std::fs::remove_file(&side) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(PathBuf::from(side), e)),
        }
    }
    Ok(())
}

/// Makes a rename in the folder of `path` durable (best effort: not every platform can
/// sync a folder, and the rename itself has succeeded).
fn sync_folder(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(folder) = std::fs::File::open(dir) {
            let _ = folder.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Barrier};

    use super::*;
    use crate::error::ErrorKind;

    /// A portfolio file of schema `version` with one facility, as an earlier release wrote it.
    fn older_file(dir: &Path, version: i64) -> PathBuf {
        let path = dir.join(format!("v{version}.caliper"));
        let conn = Connection::open(&path).unwrap();
        migrations::migrate(&conn, 0, version).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.execute("INSERT INTO facility (id, name) VALUES (1, 'Lakeside')", [])
            .unwrap();
        path
    }

    fn raw(path: &Path) -> Connection {
        Connection::open(path).unwrap()
    }

    fn version_of(path: &Path) -> i64 {
        raw(path)
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap()
    }

    fn refused(result: Result<Portfolio>) -> Error {
        match result {
            Ok(_) => panic!("the file was opened"),
            Err(e) => e,
        }
    }

    #[test]
    fn connections_distrust_the_schema_and_are_defensive() {
        let p = Portfolio::in_memory().unwrap();
        assert!(!p
            .conn
            .db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA)
            .unwrap());
        assert!(p
            .conn
            .db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE)
            .unwrap());
    }

    /// A trigger planted in a shared file would run the sender's SQL on the recipient's
    /// saves: the file is refused before anything runs, and left as it was.
    #[test]
    fn a_file_with_a_foreign_trigger_view_or_table_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        for (kind, name, sql) in [
            (
                "trigger",
                "wipe",
                "CREATE TRIGGER wipe AFTER INSERT ON setting BEGIN DELETE FROM facility; END;",
            ),
            (
                "view",
                "forever",
                "CREATE VIEW forever AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n;",
            ),
            ("table", "extra", "CREATE TABLE extra (x INTEGER);"),
            ("index", "facility_by_name", "CREATE INDEX facility_by_name ON facility (name);"),
        ] {
            let path = dir.path().join(format!("{name}.caliper"));
            drop(Portfolio::create(&path).unwrap());
            raw(&path).execute_batch(sql).unwrap();
            let bytes = std::fs::read(&path).unwrap();
            for err in [
                refused(Portfolio::open(&path)),
                refused(Portfolio::open_read_only(&path)),
            ] {
                assert_eq!(err.kind(), ErrorKind::NotAPortfolio, "{err}");
                assert!(
                    err.to_string().contains(&format!(
                        "contains a {kind} '{name}' that Caliper does not create; it was not opened"
                    )),
                    "{err}"
                );
            }
            assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name}");
        }
    }

    /// An older file with a trigger is refused before its upgrade, so the trigger never
    /// fires during the migration.
    #[test]
    fn an_older_file_with_a_trigger_is_refused_before_the_upgrade() {
        let dir = tempfile::tempdir().unwrap();
        let path = older_file(dir.path(), 3);
        raw(&path)
            .execute_batch(
                "CREATE TRIGGER on_alter AFTER UPDATE ON criterion BEGIN DELETE FROM facility; END;",
            )
            .unwrap();
        let err = refused(Portfolio::open(&path));
        assert!(err.to_string().contains("trigger 'on_alter'"), "{err}");
        assert_eq!(version_of(&path), 3);
    }

    #[test]
    fn a_query_that_never_ends_is_stopped() {
        let conn = Connection::open_in_memory().unwrap();
        harden(&conn, Duration::from_millis(200)).unwrap();
        let started = Instant::now();
        let err = conn
            .query_row(
                "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n",
                [],
                |r| r.get::<_, i64>(0),
            )
            .unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(5));
        let err = Error::from(err);
        assert_eq!(err.kind(), ErrorKind::Storage);
        assert!(
            err.to_string()
                .contains("was stopped; the portfolio file may hold a query that never ends"),
            "{err}"
        );
        // The next query has its own time.
        let one: i64 = conn.query_row("SELECT 1", [], |r| r.get(0)).unwrap();
        assert_eq!(one, 1);
    }

    /// A failed build (as a killed process) leaves nothing under the portfolio's name,
    /// nor a temporary file.
    #[test]
    fn a_portfolio_is_created_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.caliper");
        let err = refused(Portfolio::create_with(&path, |p| {
            p.add_facility("Lakeside")?;
            Err(Error::validation("fill", "stopped half-way"))
        }));
        assert_eq!(err.kind(), ErrorKind::Validation);
        assert!(!path.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

        let p = Portfolio::create_with(&path, |p| p.add_facility("Lakeside").map(|_| ())).unwrap();
        assert_eq!(p.facilities().unwrap().len(), 1);
        drop(p);
        let conn = raw(&path);
        let id: i32 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .unwrap();
        assert_eq!(id, APPLICATION_ID);
        assert!(matches!(
            Portfolio::create(&path).map(|_| ()),
            Err(Error::Conflict { .. })
        ));
    }

    /// A replacement is built aside: the old file stays whole until the new one is.
    #[test]
    fn a_failed_replacement_keeps_the_old_portfolio() {
        let dir = tempfile::tempdir().unwrap();
        let path = older_file(dir.path(), SCHEMA_VERSION);
        let bytes = std::fs::read(&path).unwrap();
        let err = refused(Portfolio::replace_with(&path, |_| {
            Err(Error::validation("fill", "stopped"))
        }));
        assert_eq!(err.kind(), ErrorKind::Validation);
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
        let p = Portfolio::replace_with(&path, |_| Ok(())).unwrap();
        assert!(p.facilities().unwrap().is_empty());
    }

    /// Earlier releases could be stopped after the schema and before the application id:
    /// such a file (exactly a Caliper schema) opens, and gains its id.
    #[test]
    fn a_caliper_schema_without_its_application_id_is_recovered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("unmarked.caliper");
        migrations::migrate(&raw(&path), 0, SCHEMA_VERSION).unwrap();
        let p = Portfolio::open(&path).unwrap();
        assert!(p.facilities().unwrap().is_empty());
        let id: i32 = p
            .conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .unwrap();
        assert_eq!(id, APPLICATION_ID);
    }

    /// Another application's database is never "from a newer Caliper", whatever its
    /// user_version.
    #[test]
    fn another_applications_database_is_not_a_newer_caliper() {
        let dir = tempfile::tempdir().unwrap();
        for (name, sql) in [
            (
                "inventory.db",
                "CREATE TABLE asset (tag TEXT); PRAGMA user_version = 7;",
            ),
            ("blank.db", "PRAGMA user_version = 7;"),
        ] {
            let path = dir.path().join(name);
            raw(&path).execute_batch(sql).unwrap();
            let bytes = std::fs::read(&path).unwrap();
            let err = refused(Portfolio::open(&path));
            assert_eq!(err.kind(), ErrorKind::NotAPortfolio, "{err}");
            assert!(err.to_string().contains("another application"), "{err}");
            assert_eq!(std::fs::read(&path).unwrap(), bytes);
        }
    }

    /// Many openers of one older file at once: one upgrades it, the others wait and then
    /// open the upgraded file.
    #[test]
    fn concurrent_openers_of_an_older_file_all_succeed() {
        let dir = tempfile::tempdir().unwrap();
        let older = older_file(dir.path(), 1);
        let empty = dir.path().join("empty.caliper");
        std::fs::write(&empty, b"").unwrap();
        for path in [older, empty] {
            let openers = 12;
            let barrier = Arc::new(Barrier::new(openers));
            let handles: Vec<_> = (0..openers)
                .map(|_| {
                    let (barrier, path) = (Arc::clone(&barrier), path.clone());
                    std::thread::spawn(move || {
                        barrier.wait();
                        Portfolio::open(&path)
                            .map(|_| ())
                            .map_err(|e| e.to_string())
                    })
                })
                .collect();
            for handle in handles {
                handle.join().unwrap().unwrap();
            }
            assert_eq!(version_of(&path), SCHEMA_VERSION);
        }
    }

    /// Reading an older file neither upgrades nor changes it: an upgraded copy in memory
    /// is read, and writing through it fails.
    /// A reader leaves no `-wal` or `-shm` file behind, and the file's bytes unchanged.
    #[test]
    fn reading_a_portfolio_leaves_no_side_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.caliper");
        let mut p = Portfolio::create(&path).unwrap();
        p.add_facility("Lakeside").unwrap();
        drop(p);
        let bytes = std::fs::read(&path).unwrap();
        let p = Portfolio::open_read_only(&path).unwrap();
        assert_eq!(p.facilities().unwrap().len(), 1);
        drop(p);
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["plan.caliper", "plan.caliper.backups"]);
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
    }

    /// Upgrading an older file keeps a backup of it as it was.
    #[test]
    fn an_upgrade_is_preceded_by_a_backup_of_the_older_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = older_file(dir.path(), 1);
        let p = Portfolio::open(&path).unwrap();
        assert_eq!(version_of(&path), SCHEMA_VERSION);
        drop(p);
        let backups = super::super::list_backups(&path).unwrap();
        assert_eq!(backups.len(), 1);
        assert_eq!(backups[0].reason, BackupReason::BeforeUpgrade);
        assert_eq!(version_of(Path::new(&backups[0].path)), 1);
        // Opening the upgraded file again makes no further backup.
        drop(Portfolio::open(&path).unwrap());
        assert_eq!(super::super::list_backups(&path).unwrap().len(), 1);
    }

    /// A portfolio on a network share runs with a rollback journal, and says so.
    #[test]
    fn a_portfolio_on_a_network_share_uses_a_rollback_journal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shared.caliper");
        drop(Portfolio::create(&path).unwrap());
        let journal = |p: &Portfolio| -> String {
            p.conn
                .pragma_query_value(None, "journal_mode", |r| r.get(0))
                .unwrap()
        };
        let local = Portfolio::open(&path).unwrap();
        assert_eq!(journal(&local), "wal");
        assert!(local.warnings().is_empty());
        drop(local);
        // The declaration stands in for a share the operating system reports.
        std::env::set_var(share::NETWORK_SHARE_VARIABLE, "1");
        let shared = Portfolio::open(&path);
        std::env::remove_var(share::NETWORK_SHARE_VARIABLE);
        let shared = shared.unwrap();
        assert_eq!(journal(&shared), "delete");
        assert!(
            shared.warnings()[0].contains("rollback journal"),
            "{:?}",
            shared.warnings()
        );
        assert_eq!(shared.info().unwrap().warnings, shared.warnings());
    }

    #[test]
    fn reading_an_older_file_leaves_it_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = older_file(dir.path(), 1);
        let bytes = std::fs::read(&path).unwrap();
        let p = Portfolio::open_read_only(&path).unwrap();
        assert_eq!(p.facilities().unwrap().len(), 1);
        assert_eq!(p.compat_rules().unwrap(), crate::compat::default_rules());
        assert!(p.set_setting("name", "changed").is_err());
        drop(p);
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
        assert_eq!(version_of(&path), 1);

        let current = older_file(dir.path(), SCHEMA_VERSION);
        let p = Portfolio::open_read_only(&current).unwrap();
        assert_eq!(p.facilities().unwrap().len(), 1);
        assert!(p.set_setting("name", "changed").is_err());
    }

    #[test]
    fn reading_an_empty_file_is_refused_and_leaves_it_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.caliper");
        std::fs::write(&path, b"").unwrap();
        let err = refused(Portfolio::open_read_only(&path));
        assert_eq!(err.kind(), ErrorKind::NotAPortfolio, "{err}");
        assert!(err.to_string().contains("empty.caliper"), "{err}");
        assert_eq!(std::fs::metadata(&path).unwrap().len(), 0);
    }
}
