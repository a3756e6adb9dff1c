//! The portfolio file: one SQLite database per portfolio.
//!
//! Opening checks that the file is a Caliper portfolio of a schema this build can read
//! before anything is written; every change is validated first and written in one
//! transaction, so a rejected change leaves the file as it was.
//!
//! The store reads and writes; the rules a change must satisfy are pure functions of the
//! domain modules, which the store calls before it writes. One file per aggregate:
//! `portfolio` (opening, settings), `facilities`, `requests`, `candidates`, `criteria`
//! (categories, criteria, weights), `scores` (evaluators, scores, measurements),
//! `lifecycle` (cost models, assumptions), `compat` (profiles, MDS2 forms, rules) and
//! `assessment` (engine results); `migrations` is the schema. This file holds the
//! `Portfolio` type and the row helpers they share.

mod assessment;
mod authoring;
mod backup;
mod candidates;
mod capital_plan;
mod compat;
mod criteria;
mod decisions;
mod document;
mod evidence;
mod facilities;
mod financial_case;
mod ids;
mod inventory;
mod inventory_import;
mod inventory_priority;
mod inventory_view;
mod lifecycle;
mod migrations;
mod portfolio;
mod requests;
mod revision;
mod score_sheets;
mod scores;
mod share;

pub use crate::compat::mds2::Mds2Preview;
pub use authoring::CandidateQuote;
pub use backup::{
    backup_folder, list_backups, BackupInfo, BackupReason, KEPT_AUTOMATIC, SESSION_BACKUP_INTERVAL,
};
pub use capital_plan::RequestPlanInfo;
pub use compat::ScopedSiteProfile;
pub use criteria::{CategoryCriteria, CriteriaTree, WeightedCriterion};
pub use evidence::{read_evidence_file, CandidateEvidence, EvidenceCheck, MAX_EVIDENCE_BYTES};
pub use inventory::{AssetImport, MappingKind, WorkOrderImport};
pub use inventory_import::{
    ImportKind, ImportOutcome, ImportPreview, ImportRequest, MappingOrigin, BULK_ROWS,
};
pub use inventory_priority::{AssetDetail, InventorySettings, PriorityRun};
pub use inventory_view::{
    AssetPage, AssetQuery, AssetRow, AssetSort, StoredPriority, MAX_PAGE_ROWS,
};
pub use migrations::{APPLICATION_ID, SCHEMA_VERSION};
pub use portfolio::{PortfolioInfo, QUERY_TIME_LIMIT};
pub use requests::RequestSummary;
pub use revision::{ChangeWatch, Revision};

use std::cell::Cell;
use std::path::PathBuf;
use std::str::FromStr;

use rusqlite::{Connection, ToSql, Transaction};
use rust_decimal::Decimal;

use crate::error::{Error, Result};

/// An open portfolio.
pub struct Portfolio {
    conn: Connection,
    path: Option<PathBuf>,
    session: Session,
}

/// What one opening of the file has done and found.
#[derive(Debug, Default)]
struct Session {
    /// Automatic backups are made (a file opened to write, not one being built).
    backups: bool,
    /// The first change of the session has been backed up.
    backed_up: Cell<bool>,
    /// What the user should know about how the file is kept (e.g. on a network share).
    warnings: Vec<String>,
    /// Who makes the changes (written into the history and the decisions).
    user: String,
}

impl Portfolio {
    /// A write transaction that takes the write lock at once (`BEGIN IMMEDIATE`): a
    /// concurrent writer then waits its turn (busy timeout) instead of failing with
    /// "database is locked" when a read inside the transaction would have to upgrade.
    fn tx(&mut self) -> Result<Transaction<'_>> {
        self.session_backup()?;
        Ok(self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }

    /// The connection, for a statement that changes the file: the session's first change
    /// is backed up before it.
    fn write(&self) -> Result<&Connection> {
        self.session_backup()?;
        Ok(&self.conn)
    }

    /// Runs `f` as one transaction: every change it makes is saved, or none is. `f`
    /// changes the file through [`Portfolio::write`]; inside another such transaction,
    /// `f` is part of that one.
    fn in_one_transaction<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f(self);
        }
        self.session_backup()?;
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        match f(self) {
            Ok(value) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(value)
            }
            Err(e) => {
                // The error that stopped the change is the one to report.
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    fn exists<T: ToSql + Copy + std::fmt::Display>(
        &self,
        table: &'static str,
        id: T,
    ) -> Result<()> {
        let found: bool = self.conn.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
            [id],
            |r| r.get(0),
        )?;
        if found {
            Ok(())
        } else {
            Err(Error::not_found(entity_name(table), id))
        }
    }
}

fn entity_name(table: &'static str) -> &'static str {
    match table {
        "capital_request" => "capital request",
        other => other,
    }
}

fn unique_to_conflict(e: rusqlite::Error, field: &str, message: &str) -> Error {
    match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation =>
        {
            Error::conflict(field, message)
        }
        _ => Error::Storage(e),
    }
}

fn parse_decimal(text: &str, place: &str) -> Result<Decimal> {
    Decimal::from_str(text).map_err(|e| Error::Corrupt {
        place: place.to_string(),
        message: format!("'{text}' is not a decimal ({e})"),
    })
}

fn corrupt(place: String, e: Error) -> Error {
    Error::Corrupt {
        place,
        message: e.to_string(),
    }
}
