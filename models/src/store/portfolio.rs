//! Opening and creating the portfolio file, and its settings.
//!
//! Opening checks that the file is a Caliper portfolio of a schema this build can read
//! before anything is written.

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::migrations::{self, APPLICATION_ID, SCHEMA_VERSION};
use super::Portfolio;
use crate::error::{Error, Result};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Facts about the open portfolio file.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PortfolioInfo {
    pub path: String,
    pub name: String,
    pub schema_version: i64,
}

impl Portfolio {
    /// Opens an existing portfolio; fails if the file is missing.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        if !path.exists() {
            return Err(Error::io(
                path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
            ));
        }
        Self::open_or_create(path)
    }

    /// Creates a new, empty portfolio; fails if the file already has content.
    pub fn create(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        if path.metadata().map(|m| m.len() > 0).unwrap_or(false) {
            return Err(Error::conflict(
                "path",
                format!(
                    "{} already exists; open it or choose another name",
                    path.display()
                ),
            ));
        }
        Self::open_or_create(path)
    }

    /// Opens the portfolio at `path`, creating it when the file is missing or empty.
    pub fn open_or_create(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        check_header(path)?;
        let conn = Connection::open(path)?;
        Self::init(conn, Some(path.to_path_buf()))
    }

    /// A portfolio that lives in memory (tests and previews).
    pub fn in_memory() -> Result<Self> {
        Self::init(Connection::open_in_memory()?, None)
    }

    fn init(mut conn: Connection, path: Option<PathBuf>) -> Result<Self> {
        let shown = path
            .as_ref()
            .map_or_else(|| ":memory:".to_string(), |p| p.display().to_string());
        let not_a_portfolio = |reason: String| Error::NotAPortfolio {
            path: shown.clone(),
            reason,
        };
        // Reading the header is the first query: a file that is not SQLite fails here.
        let app_id: i32 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(|e| not_a_portfolio(e.to_string()))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        if app_id != APPLICATION_ID && (tables > 0 || app_id != 0) {
            return Err(not_a_portfolio(format!(
                "it is an SQLite database of another application (application_id {app_id:#x}, {tables} schema objects)"
            )));
        }
        if version > SCHEMA_VERSION {
            return Err(Error::NewerSchema {
                path: shown,
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "busy_timeout", 5000)?;
        if path.is_some() {
            conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        migrations::migrations().to_latest(&mut conn)?;
        if app_id != APPLICATION_ID {
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        Ok(Portfolio { conn, path })
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
        })
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

fn check_header(path: &Path) -> Result<()> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(path, e)),
    };
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
