//! Importing a CMMS export into the inventory: the file read and previewed under a
//! mapping (the one given, else the one saved for its source system, else the header's
//! suggestion), then, on confirmation, written in one transaction with the mapping saved
//! for the next export. The caller then computes the priorities again
//! ([`Portfolio::refresh_priorities`]), with its own progress.

use std::collections::HashSet;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::inventory::{AssetImport, AssetWriter, MappingKind, WorkOrderImport};
use super::Portfolio;
use crate::error::{Error, Result};
use crate::import::inventory::read_table_file;
use crate::inventory::read::{
    check_inventory_header, preview_assets, preview_assets_streamed, preview_work_orders,
    suggest_mapping, AssetField, AssetPreview, DateOrder, Field, Mapping, SavedMapping, Table,
    WorkOrderField, WorkOrderPreview,
};

/// Rows from which an inventory export is written in a rollback journal rather than the
/// write-ahead log (about 4 MB of text): SQLite's log writes every page twice.
pub const BULK_ROWS: usize = 25_000;

/// Which kind of export a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    #[default]
    Assets,
    WorkOrders,
}

crate::ipc::choice!(ImportKind {
    Assets => "Equipment inventory",
    WorkOrders => "Work-order history",
});

/// What to import, and how to read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportRequest {
    #[ts(type = "string")]
    pub path: PathBuf,
    #[serde(default)]
    pub kind: ImportKind,
    /// The CMMS the export comes from ("Accruent TMS"): its mapping is saved under this
    /// name, and a newer inventory export of it retires the assets it no longer lists.
    pub source: String,
    /// The workbook sheet (default: the first with a recognisable header).
    #[serde(default)]
    pub sheet: Option<String>,
    /// The mapping to read with; none for the saved one of the source, else the header's
    /// suggestion.
    #[serde(default)]
    pub mapping: Option<SavedMapping>,
    /// Day/month order of date columns their values leave open.
    #[serde(default)]
    pub date_order: Option<DateOrder>,
    /// The export lists only some assets: those it leaves out are not retired.
    #[serde(default)]
    pub partial: bool,
}

/// Where the mapping of a preview came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MappingOrigin {
    Given,
    Saved,
    Suggested,
}

/// What a file would import: how it reads, and what it would change.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportPreview {
    pub kind: ImportKind,
    pub source: String,
    /// The file's header, for the mapping step.
    pub header: Vec<String>,
    pub mapping_origin: MappingOrigin,
    /// The reading of an inventory (its asset list left out: see `changes`).
    pub assets: Option<AssetPreview>,
    /// The reading of a work-order history (its list left out).
    pub work_orders: Option<WorkOrderPreview>,
    /// What confirming would do to the stored inventory (none while a question is open).
    pub changes: Option<AssetImport>,
    /// The mapping read with (or, when it cannot be read with, the one to correct).
    pub mapping: SavedMapping,
    /// Why the file cannot be read with this mapping (e.g. no asset-number column), for
    /// the mapping step to correct; "" when it can.
    pub mapping_problem: String,
    /// Records that would be imported.
    pub records: usize,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportOutcome {
    pub assets: Option<AssetImport>,
    pub work_orders: Option<WorkOrderImport>,
    /// Rows left out because they were rejected (only with `skip_rejected`).
    pub skipped_rows: usize,
}

/// A file's reading: complete, or refused by its mapping (with the mapping to correct).
enum Reading {
    Assets(AssetPreview),
    WorkOrders(WorkOrderPreview),
    Unmapped(SavedMapping, Error),
}

/// The asset numbers of the rows an inventory's reading rejected (as the file has them).
fn rejected_numbers(table: &Table, reading: &AssetPreview) -> HashSet<String> {
    if reading.rejected.is_empty() {
        return HashSet::new();
    }
    let Ok(mapping) = Mapping::<AssetField>::from_saved(&reading.mapping, table) else {
        return HashSet::new();
    };
    let Some(column) = mapping.column_of(AssetField::AssetNumber) else {
        return HashSet::new();
    };
    let rows: HashSet<usize> = reading.rejected.iter().map(|r| r.row).collect();
    table
        .rows()
        .iter()
        .filter(|r| rows.contains(&r.number))
        .map(|r| r.cell(column).to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

/// The reading under a mapping, or the mapping and why it cannot be read with.
fn checked<F: Field, T>(
    table: &Table,
    mapping: &Mapping<F>,
    read: impl FnOnce() -> Result<T>,
) -> Result<std::result::Result<T, (SavedMapping, Error)>> {
    match mapping.check(table) {
        Ok(()) => Ok(Ok(read()?)),
        Err(e) => Ok(Err((mapping.to_saved(table), e))),
    }
}

fn check_source(source: &str) -> Result<&str> {
    let source = source.trim();
    if source.is_empty() || source.chars().count() > 100 {
        return Err(Error::validation(
            "source",
            "name the system the export comes from (up to 100 characters), e.g. \"Accruent TMS\"",
        ));
    }
    Ok(source)
}

impl Portfolio {
    fn mapping_for<F: Field>(
        &self,
        table: &Table,
        request: &ImportRequest,
        kind: MappingKind,
    ) -> Result<(Mapping<F>, MappingOrigin)> {
        let source = check_source(&request.source)?;
        let (mut mapping, origin) = match &request.mapping {
            Some(given) => (Mapping::from_saved(given, table)?, MappingOrigin::Given),
            None => match self.mapping(source, kind)? {
                Some(text) => {
                    let saved: SavedMapping =
                        serde_json::from_str(&text).map_err(|e| Error::Corrupt {
                            place: format!("the saved mapping of {source}"),
                            message: e.to_string(),
                        })?;
                    // A saved mapping whose headers the file lacks: the file decides.
                    match Mapping::from_saved(&saved, table) {
                        Ok(m) => (m, MappingOrigin::Saved),
                        Err(_) => {
                            check_inventory_header::<F>(table)?;
                            (suggest_mapping(&table.header), MappingOrigin::Suggested)
                        }
                    }
                }
                None => {
                    check_inventory_header::<F>(table)?;
                    (suggest_mapping(&table.header), MappingOrigin::Suggested)
                }
            },
        };
        if request.date_order.is_some() {
            mapping.date_order = request.date_order;
        }
        Ok((mapping, origin))
    }

    fn read_export(
        &self,
        request: &ImportRequest,
        as_of: NaiveDate,
    ) -> Result<(Table, Reading, MappingOrigin)> {
        let table = read_table_file(&request.path, request.sheet.as_deref())?;
        let (reading, origin) = match request.kind {
            ImportKind::Assets => {
                let (mapping, origin) =
                    self.mapping_for::<AssetField>(&table, request, MappingKind::Assets)?;
                let read = checked(&table, &mapping, || preview_assets(&table, &mapping, as_of))?;
                let reading = match read {
                    Ok(p) => Reading::Assets(p),
                    Err((m, e)) => Reading::Unmapped(m, e),
                };
                (reading, origin)
            }
            ImportKind::WorkOrders => {
                let (mapping, origin) =
                    self.mapping_for::<WorkOrderField>(&table, request, MappingKind::WorkOrders)?;
                let known: HashSet<String> = self.asset_numbers()?;
                let read = checked(&table, &mapping, || {
                    preview_work_orders(&table, &mapping, as_of, Some(&known))
                })?;
                let reading = match read {
                    Ok(p) => Reading::WorkOrders(p),
                    Err((m, e)) => Reading::Unmapped(m, e),
                };
                (reading, origin)
            }
        };
        Ok((table, reading, origin))
    }

    /// Reads an export and says what importing it would do; writes nothing.
    pub fn preview_inventory_import(
        &self,
        request: &ImportRequest,
        as_of: NaiveDate,
    ) -> Result<ImportPreview> {
        let (table, reading, origin) = self.read_export(request, as_of)?;
        let mut preview = ImportPreview {
            kind: request.kind,
            source: request.source.trim().to_string(),
            header: table.header.clone(),
            mapping_origin: origin,
            assets: None,
            work_orders: None,
            changes: None,
            mapping: SavedMapping::default(),
            mapping_problem: String::new(),
            records: 0,
        };
        match reading {
            Reading::Unmapped(mapping, e) => {
                preview.mapping = mapping;
                preview.mapping_problem = match e {
                    Error::Validation { message, .. } => message,
                    other => other.to_string(),
                };
            }
            Reading::Assets(mut p) => {
                if p.ready {
                    preview.changes = Some(self.preview_asset_import_listing(
                        preview.source.as_str(),
                        &p.assets,
                        !request.partial,
                        &rejected_numbers(&table, &p),
                    )?);
                }
                preview.records = p.assets.len();
                preview.mapping = p.mapping.clone();
                p.assets = Vec::new();
                preview.assets = Some(p);
            }
            Reading::WorkOrders(mut p) => {
                preview.records = p.work_orders.len();
                preview.mapping = p.mapping.clone();
                p.work_orders = Vec::new();
                preview.work_orders = Some(p);
            }
        }
        Ok(preview)
    }

    /// Imports an export: refused while a date column's order is open, and while rows
    /// are rejected unless `skip_rejected` (they are then left out and counted). Written
    /// in one transaction with the mapping saved for the source.
    pub fn import_inventory(
        &mut self,
        request: &ImportRequest,
        as_of: NaiveDate,
        skip_rejected: bool,
    ) -> Result<ImportOutcome> {
        match request.kind {
            ImportKind::Assets => self.import_asset_export(request, as_of, skip_rejected),
            ImportKind::WorkOrders => self.import_work_order_export(request, as_of, skip_rejected),
        }
    }

    /// An inventory export is stored as it is read: each wave of rows read is written
    /// while the next is parsed, inside the one transaction, which a refusal (an open
    /// date order, rejected rows) rolls back. An export of [`BULK_ROWS`] rows or more is
    /// written in a rollback journal ([`Portfolio::with_rollback_journal`]); a refused one
    /// then leaves the content as it was, with the file header's change counter moved on.
    fn import_asset_export(
        &mut self,
        request: &ImportRequest,
        as_of: NaiveDate,
        skip_rejected: bool,
    ) -> Result<ImportOutcome> {
        let table = read_table_file(&request.path, request.sheet.as_deref())?;
        let (mapping, _) = self.mapping_for::<AssetField>(&table, request, MappingKind::Assets)?;
        mapping.check(&table)?;
        let source = check_source(&request.source)?.to_string();
        // What the import read, freed off the commit's path once it is written.
        let (mut written, mut read) = (Vec::new(), None);
        let mut write = |p: &mut Portfolio| {
            p.in_one_transaction(|p| {
                let mut writer = AssetWriter::new(p.write()?, &source, table.rows().len())?;
                // The waves written, kept out of the preview.
                let reading =
                    preview_assets_streamed(&table, &mapping, as_of, |assets, rejected| {
                        // Rows rejected: refused once all are counted, so nothing more is written.
                        if rejected > 0 && !skip_rejected {
                            return Ok(());
                        }
                        writer.write(assets)?;
                        written.push(std::mem::take(assets));
                        Ok(())
                    })?;
                refuse_unready(&table, reading.ready, reading.rejected_rows, skip_rejected)?;
                // Rows left out are not "no longer listed": their assets stay.
                let listed = rejected_numbers(&table, &reading);
                let assets = writer.finish(!request.partial, &listed)?;
                p.save_mapping(
                    &source,
                    MappingKind::Assets,
                    &mapping_text(&reading.mapping)?,
                )?;
                let skipped_rows = reading.rejected_rows;
                read = Some(reading);
                Ok(ImportOutcome {
                    assets: Some(assets),
                    work_orders: None,
                    skipped_rows,
                })
            })
        };
        let outcome = if table.rows().len() >= BULK_ROWS {
            self.with_rollback_journal(write)
        } else {
            write(self)
        };
        drop_in_background((table, written, read));
        outcome
    }

    fn import_work_order_export(
        &mut self,
        request: &ImportRequest,
        as_of: NaiveDate,
        skip_rejected: bool,
    ) -> Result<ImportOutcome> {
        let table = read_table_file(&request.path, request.sheet.as_deref())?;
        let (mapping, _) =
            self.mapping_for::<WorkOrderField>(&table, request, MappingKind::WorkOrders)?;
        mapping.check(&table)?;
        let known = self.asset_numbers()?;
        let reading = preview_work_orders(&table, &mapping, as_of, Some(&known))?;
        let rejected_rows = reading.rejected_rows;
        refuse_unready(&table, reading.ready, rejected_rows, skip_rejected)?;
        let source = check_source(&request.source)?.to_string();
        self.in_one_transaction(|p| {
            let work_orders = p.import_work_orders(&reading.work_orders)?;
            p.save_mapping(
                &source,
                MappingKind::WorkOrders,
                &mapping_text(&reading.mapping)?,
            )?;
            Ok(ImportOutcome {
                assets: None,
                work_orders: Some(work_orders),
                skipped_rows: rejected_rows,
            })
        })
    }
}

/// Frees `value` on a thread of its own: the records of a 200,000-row import take tens
/// of milliseconds to free, which the transaction's commit and the caller need not wait
/// for.
fn drop_in_background<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// Refuses an import while a date column's order is open, and while rows are rejected
/// unless they are to be left out.
fn refuse_unready(
    table: &Table,
    ready: bool,
    rejected_rows: usize,
    skip_rejected: bool,
) -> Result<()> {
    let file = &table.source.file;
    if !ready {
        return Err(Error::validation(
            "date_order",
            format!("{file}: say whether its dates are day/month or month/day (dmy or mdy) before importing"),
        ));
    }
    if rejected_rows > 0 && !skip_rejected {
        return Err(Error::validation(
            "rows",
            format!("{file}: {rejected_rows} row(s) are rejected (see the preview); correct the file, or import the others and leave those out"),
        ));
    }
    Ok(())
}

fn mapping_text(mapping: &SavedMapping) -> Result<String> {
    serde_json::to_string(mapping).map_err(|e| Error::Internal {
        message: e.to_string(),
    })
}

impl Portfolio {
    /// Imports an openFDA device recall file (refused, naming the file, when it is not
    /// one) and returns the assets its recalls concern.
    pub fn import_recall_file(
        &mut self,
        path: &std::path::Path,
    ) -> Result<Vec<crate::inventory::recall::AssetRecall>> {
        let name = path.display().to_string();
        let text = crate::import::read_text_file(path)?;
        let recalls = crate::inventory::recall::parse_recalls(&name, &text)?;
        self.import_recalls(&recalls)?;
        Ok(crate::inventory::recall::match_recalls(
            &self.assets()?,
            &self.recalls()?,
        ))
    }
}
