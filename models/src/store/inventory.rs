//! The installed base as stored: assets keyed by asset number, their work orders, the
//! column mappings saved per source system, FDA recalls, and the assets a request
//! replaces. An import is written in one transaction, or not at all.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;
use std::str::FromStr;

use chrono::NaiveDate;
use hashbrown::HashTable;
use rusqlite::{params, Connection, OptionalExtension, Row};
use rust_decimal::Decimal;
use rustc_hash::{FxBuildHasher, FxHashMap};
use serde::Serialize;
use ts_rs::TS;

use super::Portfolio;
use crate::error::{Error, Result};
use crate::ids::RequestId;
use crate::inventory::recall::Recall;
use crate::inventory::{Asset, AssetStatus, WorkOrder, WorkOrderKind};

/// What an import of assets does (or, previewed, would do) to the stored inventory.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
pub struct AssetImport {
    /// Asset numbers new to the inventory.
    pub added: Vec<String>,
    /// Asset numbers whose record the file changes.
    pub changed: Vec<String>,
    pub unchanged: usize,
    /// Active assets of the same source system that the file no longer lists: marked
    /// retired (kept with their history).
    pub retired: Vec<String>,
}

/// What an import of work orders does.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
pub struct WorkOrderImport {
    pub added: usize,
    /// Work orders with a number already stored, replaced by the file's.
    pub replaced: usize,
    /// Rows identical to a stored work order.
    pub unchanged: usize,
}

/// Which kind of file a saved column mapping reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MappingKind {
    Assets,
    WorkOrders,
}

impl MappingKind {
    fn text(self) -> &'static str {
        match self {
            MappingKind::Assets => "assets",
            MappingKind::WorkOrders => "work_orders",
        }
    }
}

const ASSET_COLUMNS: &str = "asset_number, device_type, manufacturer, model, serial, \
    product_code, department, facility, acquisition_date, acquisition_cost, in_service_date, \
    expected_life_years, end_of_support, risk_class, network_connected, operating_system, \
    status, em_function, em_physical_risk, em_maintenance, em_incident_history";

/// An ISO date (`2019-03-14`), written without a format string: an import writes three
/// per asset.
fn date_text(d: Option<NaiveDate>) -> Option<String> {
    use chrono::Datelike;
    d.map(|d| format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
}

fn decimal_text(d: Option<Decimal>) -> Option<String> {
    d.map(|d| d.normalize().to_string())
}

fn status_text(s: AssetStatus) -> &'static str {
    match s {
        AssetStatus::Active => "active",
        AssetStatus::Retired => "retired",
    }
}

fn kind_text(k: WorkOrderKind) -> &'static str {
    match k {
        WorkOrderKind::Corrective => "corrective",
        WorkOrderKind::Preventive => "preventive",
        WorkOrderKind::Other => "other",
    }
}

/// A stored column that does not read as its type: the file was changed outside Caliper.
fn corrupt(place: &str, text: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("{place}: '{text}' is not valid").into(),
    )
}

fn date_at(row: &Row, i: usize, place: &str) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(i)?;
    text.map(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|_| corrupt(place, &t)))
        .transpose()
}

fn decimal_at(row: &Row, i: usize, place: &str) -> rusqlite::Result<Option<Decimal>> {
    let text: Option<String> = row.get(i)?;
    text.map(|t| Decimal::from_str(&t).map_err(|_| corrupt(place, &t)))
        .transpose()
}

fn asset_of(row: &Row) -> rusqlite::Result<Asset> {
    let status: String = row.get(16)?;
    Ok(Asset {
        asset_number: row.get(0)?,
        device_type: row.get(1)?,
        manufacturer: row.get(2)?,
        model: row.get(3)?,
        serial: row.get(4)?,
        product_code: row.get(5)?,
        department: row.get(6)?,
        facility: row.get(7)?,
        acquisition_date: date_at(row, 8, "asset.acquisition_date")?,
        acquisition_cost: decimal_at(row, 9, "asset.acquisition_cost")?,
        in_service_date: date_at(row, 10, "asset.in_service_date")?,
        expected_life_years: decimal_at(row, 11, "asset.expected_life_years")?,
        end_of_support: date_at(row, 12, "asset.end_of_support")?,
        risk_class: row.get(13)?,
        network_connected: row.get::<_, Option<i64>>(14)?.map(|v| v != 0),
        operating_system: row.get(15)?,
        status: match status.as_str() {
            "retired" => AssetStatus::Retired,
            _ => AssetStatus::Active,
        },
        em_function: row.get(17)?,
        em_physical_risk: row.get(18)?,
        em_maintenance: row.get(19)?,
        em_incident_history: row.get(20)?,
    })
}

fn work_order_of(row: &Row) -> rusqlite::Result<WorkOrder> {
    let kind: String = row.get(3)?;
    let date: String = row.get(2)?;
    Ok(WorkOrder {
        asset_number: row.get(0)?,
        number: row.get(1)?,
        date: NaiveDate::parse_from_str(&date, "%Y-%m-%d")
            .map_err(|_| corrupt("work_order.date", &date))?,
        kind: match kind.as_str() {
            "corrective" => WorkOrderKind::Corrective,
            "preventive" => WorkOrderKind::Preventive,
            _ => WorkOrderKind::Other,
        },
        labour_hours: decimal_at(row, 4, "work_order.labour_hours")?,
        parts_cost: decimal_at(row, 5, "work_order.parts_cost")?,
        vendor_cost: decimal_at(row, 6, "work_order.vendor_cost")?,
        downtime_hours: decimal_at(row, 7, "work_order.downtime_hours")?,
    })
}

/// What an import does to one asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Added,
    Changed,
    Unchanged,
}

/// What an import of assets does to the stored inventory, noted asset by asset.
struct AssetChanges {
    source: String,
    /// The stored assets and their source systems, by asset number.
    stored: FxHashMap<String, (Asset, String)>,
    /// The asset numbers noted, in order, with what the import does to each.
    noted: Vec<(String, Change)>,
    /// Places in `noted`, by asset number (one copy of each number is kept: a 200,000-row
    /// import does not allocate and free a second).
    places: HashTable<usize>,
    hasher: FxBuildHasher,
}

impl AssetChanges {
    /// The changes to the stored inventory of an import of about `expected` assets.
    fn of_stored(conn: &Connection, source: &str, expected: usize) -> Result<Self> {
        let mut stmt = conn.prepare(&format!("SELECT {ASSET_COLUMNS}, source FROM asset"))?;
        let rows = stmt.query_map([], |r| Ok((asset_of(r)?, r.get::<_, String>(21)?)))?;
        let stored = rows
            .map(|r| r.map(|(a, s)| (a.asset_number.clone(), (a, s))))
            .collect::<rusqlite::Result<_>>()?;
        Ok(AssetChanges {
            source: source.to_string(),
            stored,
            noted: Vec::with_capacity(expected),
            places: HashTable::with_capacity(expected),
            hasher: FxBuildHasher,
        })
    }

    fn noted(&self, number: &str) -> bool {
        let hash = self.hasher.hash_one(number);
        self.places
            .find(hash, |&i| self.noted[i].0 == number)
            .is_some()
    }

    /// Notes the next asset of the import: true when it is to be written (new or changed).
    /// An asset without a number, or with one already noted, is refused.
    fn note(&mut self, a: &Asset) -> Result<bool> {
        let place = || format!("assets[{}].asset_number", self.noted.len());
        if a.asset_number.trim().is_empty() {
            return Err(Error::validation(
                place(),
                "is empty: every asset needs its asset number",
            ));
        }
        if self.noted(&a.asset_number) {
            return Err(Error::validation(
                place(),
                format!("asset number '{}' appears twice", a.asset_number),
            ));
        }
        let change = match self.stored.get(&a.asset_number) {
            None => Change::Added,
            Some((old, _)) if old == a => Change::Unchanged,
            Some(_) => Change::Changed,
        };
        let hash = self.hasher.hash_one(&a.asset_number);
        let (noted, hasher) = (&self.noted, &self.hasher);
        self.places
            .insert_unique(hash, noted.len(), |&i| hasher.hash_one(&noted[i].0));
        self.noted.push((a.asset_number.clone(), change));
        Ok(change != Change::Unchanged)
    }

    /// The import's changes; with `retire_missing`, the active assets of the same source
    /// that neither the assets noted nor `listed` name are to be retired.
    fn finish(self, retire_missing: bool, listed: &HashSet<String>) -> AssetImport {
        let mut summary = AssetImport::default();
        if retire_missing {
            summary.retired = self
                .stored
                .values()
                .filter(|(a, s)| {
                    *s == self.source
                        && a.status == AssetStatus::Active
                        && !self.noted(&a.asset_number)
                        && !listed.contains(&a.asset_number)
                })
                .map(|(a, _)| a.asset_number.clone())
                .collect();
            summary.retired.sort();
        }
        for (number, change) in self.noted {
            match change {
                Change::Added => summary.added.push(number),
                Change::Changed => summary.changed.push(number),
                Change::Unchanged => summary.unchanged += 1,
            }
        }
        summary
    }
}

/// Writes an import of assets inside the caller's transaction, part by part: each asset
/// new or changed is written as it is noted, and the retired ones at the end.
pub(super) struct AssetWriter<'c> {
    conn: &'c Connection,
    insert: rusqlite::Statement<'c>,
    changes: AssetChanges,
}

impl<'c> AssetWriter<'c> {
    /// A writer of an import of about `expected` assets from `source`.
    pub(super) fn new(conn: &'c Connection, source: &str, expected: usize) -> Result<Self> {
        let insert = conn.prepare(&format!(
            "INSERT INTO asset ({ASSET_COLUMNS}, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                     ?17, ?18, ?19, ?20, ?21, ?22)
             ON CONFLICT (asset_number) DO UPDATE SET
               device_type = excluded.device_type, manufacturer = excluded.manufacturer,
               model = excluded.model, serial = excluded.serial,
               product_code = excluded.product_code, department = excluded.department,
               facility = excluded.facility, acquisition_date = excluded.acquisition_date,
               acquisition_cost = excluded.acquisition_cost,
               in_service_date = excluded.in_service_date,
               expected_life_years = excluded.expected_life_years,
               end_of_support = excluded.end_of_support, risk_class = excluded.risk_class,
               network_connected = excluded.network_connected,
               operating_system = excluded.operating_system, status = excluded.status,
               em_function = excluded.em_function,
               em_physical_risk = excluded.em_physical_risk,
               em_maintenance = excluded.em_maintenance,
               em_incident_history = excluded.em_incident_history,
               source = excluded.source"
        ))?;
        Ok(AssetWriter {
            conn,
            insert,
            changes: AssetChanges::of_stored(conn, source, expected)?,
        })
    }

    /// Writes the next assets of the import (those new or changed).
    pub(super) fn write(&mut self, assets: &[Asset]) -> Result<()> {
        for a in assets {
            if !self.changes.note(a)? {
                continue;
            }
            self.insert
                .execute(params![
                    a.asset_number,
                    a.device_type,
                    a.manufacturer,
                    a.model,
                    a.serial,
                    a.product_code,
                    a.department,
                    a.facility,
                    date_text(a.acquisition_date),
                    decimal_text(a.acquisition_cost),
                    date_text(a.in_service_date),
                    decimal_text(a.expected_life_years),
                    date_text(a.end_of_support),
                    a.risk_class,
                    a.network_connected.map(i64::from),
                    a.operating_system,
                    status_text(a.status),
                    a.em_function,
                    a.em_physical_risk,
                    a.em_maintenance,
                    a.em_incident_history,
                    self.changes.source,
                ])
                .map_err(|e| {
                    Error::validation(
                        format!("asset {}", a.asset_number),
                        format!("cannot be stored: {e}"),
                    )
                })?;
        }
        Ok(())
    }

    /// Retires the assets the import no longer lists (with `retire_missing`; `listed`
    /// names rows of the export left out) and says what the import did.
    pub(super) fn finish(
        self,
        retire_missing: bool,
        listed: &HashSet<String>,
    ) -> Result<AssetImport> {
        let summary = self.changes.finish(retire_missing, listed);
        let mut retire = self
            .conn
            .prepare("UPDATE asset SET status = 'retired' WHERE asset_number = ?1")?;
        for n in &summary.retired {
            retire.execute([n])?;
        }
        Ok(summary)
    }
}

impl Portfolio {
    /// Every asset, by asset number.
    pub fn assets(&self) -> Result<Vec<Asset>> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ASSET_COLUMNS} FROM asset ORDER BY asset_number"
        ))?;
        let rows = stmt.query_map([], asset_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One asset; a validation error naming the number when there is none.
    pub fn asset(&self, asset_number: &str) -> Result<Asset> {
        self.conn
            .query_row(
                &format!("SELECT {ASSET_COLUMNS} FROM asset WHERE asset_number = ?1"),
                [asset_number],
                asset_of,
            )
            .optional()?
            .ok_or_else(|| {
                Error::validation(
                    "asset_number",
                    format!("there is no asset '{asset_number}' in the inventory"),
                )
            })
    }

    pub fn asset_numbers(&self) -> Result<HashSet<String>> {
        let mut stmt = self.conn.prepare("SELECT asset_number FROM asset")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What importing `assets` from `source` would do, without writing.
    pub fn preview_asset_import(
        &self,
        source: &str,
        assets: &[Asset],
        retire_missing: bool,
    ) -> Result<AssetImport> {
        self.preview_asset_import_listing(source, assets, retire_missing, &HashSet::new())
    }

    /// [`Portfolio::preview_asset_import`] where the export also lists `listed` (rows it
    /// has but that are left out, e.g. rejected): those are not retired.
    pub(super) fn preview_asset_import_listing(
        &self,
        source: &str,
        assets: &[Asset],
        retire_missing: bool,
        listed: &HashSet<String>,
    ) -> Result<AssetImport> {
        let mut changes = AssetChanges::of_stored(&self.conn, source, assets.len())?;
        for a in assets {
            changes.note(a)?;
        }
        Ok(changes.finish(retire_missing, listed))
    }

    /// Imports assets from `source` (the CMMS the export came from) in one transaction:
    /// new asset numbers are added, stored ones updated to the file's record; with
    /// `retire_missing`, active assets of the same source that the file no longer lists are
    /// marked retired.
    pub fn import_assets(
        &mut self,
        source: &str,
        assets: &[Asset],
        retire_missing: bool,
    ) -> Result<AssetImport> {
        self.in_one_transaction(|p| {
            let mut writer = AssetWriter::new(p.write()?, source, assets.len())?;
            writer.write(assets)?;
            writer.finish(retire_missing, &HashSet::new())
        })
    }
    /// Work orders, of one asset or of all, oldest first.
    pub fn work_orders(&self, asset_number: Option<&str>) -> Result<Vec<WorkOrder>> {
        let mut stmt = self.conn.prepare(
            "SELECT asset_number, number, date, kind, labour_hours, parts_cost, vendor_cost,
                    downtime_hours
             FROM work_order WHERE ?1 IS NULL OR asset_number = ?1 ORDER BY date, id",
        )?;
        let rows = stmt.query_map([asset_number], work_order_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Imports work orders in one transaction. The lines of a numbered work order (a CMMS
    /// may export one line per part) replace the stored lines of that asset and number,
    /// unless they are the same; an unnumbered line is added unless an identical one is stored. Every
    /// work order's asset must be in the inventory.
    pub fn import_work_orders(&mut self, orders: &[WorkOrder]) -> Result<WorkOrderImport> {
        let known = self.asset_numbers()?;
        for (i, o) in orders.iter().enumerate() {
            if !known.contains(&o.asset_number) {
                return Err(Error::validation(
                    format!("work_orders[{i}].asset_number"),
                    format!("there is no asset '{}' in the inventory", o.asset_number),
                ));
            }
        }
        let stored = self.work_orders(None)?;
        let key = |o: &WorkOrder| serde_json::to_string(o).unwrap_or_default();
        let lines_of = |list: &[WorkOrder]| {
            let mut by: HashMap<(String, String), Vec<String>> = HashMap::new();
            for o in list {
                if let Some(n) = &o.number {
                    by.entry((o.asset_number.clone(), n.clone()))
                        .or_default()
                        .push(key(o));
                }
            }
            for lines in by.values_mut() {
                lines.sort();
            }
            by
        };
        let (old, new) = (lines_of(&stored), lines_of(orders));
        let unnumbered: HashSet<String> = stored
            .iter()
            .filter(|o| o.number.is_none())
            .map(key)
            .collect();
        let mut out = WorkOrderImport::default();
        let mut replace = Vec::new();
        let mut insert: Vec<&WorkOrder> = Vec::new();
        for o in orders {
            match &o.number {
                None if unnumbered.contains(&key(o)) => out.unchanged += 1,
                None => {
                    out.added += 1;
                    insert.push(o);
                }
                Some(n) => {
                    let id = (o.asset_number.clone(), n.clone());
                    match old.get(&id) {
                        None => {
                            out.added += 1;
                            insert.push(o);
                        }
                        Some(lines) if Some(lines) == new.get(&id) => out.unchanged += 1,
                        Some(_) => {
                            out.replaced += 1;
                            insert.push(o);
                            replace.push(id);
                        }
                    }
                }
            }
        }
        self.in_one_transaction(|p| {
            let conn = p.write()?;
            let mut delete =
                conn.prepare("DELETE FROM work_order WHERE asset_number = ?1 AND number = ?2")?;
            for (asset, n) in &replace {
                delete.execute([asset, n])?;
            }
            let mut add = conn.prepare(
                "INSERT INTO work_order (asset_number, number, date, kind, labour_hours,
                                         parts_cost, vendor_cost, downtime_hours)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            for o in insert {
                add.execute(params![
                    o.asset_number,
                    o.number,
                    o.date.format("%Y-%m-%d").to_string(),
                    kind_text(o.kind),
                    decimal_text(o.labour_hours),
                    decimal_text(o.parts_cost),
                    decimal_text(o.vendor_cost),
                    decimal_text(o.downtime_hours),
                ])?;
            }
            Ok(())
        })?;
        Ok(out)
    }

    /// Saves the column mapping a source system's exports are read with (JSON text).
    pub fn save_mapping(&mut self, source: &str, kind: MappingKind, mapping: &str) -> Result<()> {
        self.in_one_transaction(|p| {
            p.write()?.execute(
                "INSERT INTO inventory_mapping (source, kind, mapping) VALUES (?1, ?2, ?3)
                 ON CONFLICT (source, kind) DO UPDATE SET mapping = excluded.mapping",
                params![source, kind.text(), mapping],
            )?;
            Ok(())
        })
    }

    /// The mapping saved for a source system, if any.
    pub fn mapping(&self, source: &str, kind: MappingKind) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT mapping FROM inventory_mapping WHERE source = ?1 AND kind = ?2",
                params![source, kind.text()],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The source systems with a saved mapping.
    pub fn mapping_sources(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT source FROM inventory_mapping ORDER BY source")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Stores recalls (a recall already stored is replaced by the newer record); returns
    /// how many the file held.
    pub fn import_recalls(&mut self, recalls: &[Recall]) -> Result<usize> {
        self.in_one_transaction(|p| {
            let conn = p.write()?;
            let mut insert = conn.prepare(
                "INSERT INTO recall (id, record) VALUES (?1, ?2)
                 ON CONFLICT (id) DO UPDATE SET record = excluded.record",
            )?;
            for r in recalls {
                let record = serde_json::to_string(r).map_err(|e| Error::Internal {
                    message: e.to_string(),
                })?;
                insert.execute(params![r.id, record])?;
            }
            Ok(recalls.len())
        })
    }

    pub fn recalls(&self) -> Result<Vec<Recall>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, record FROM recall ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, text) = row?;
            out.push(serde_json::from_str(&text).map_err(|e| Error::Corrupt {
                place: format!("recall {id}"),
                message: e.to_string(),
            })?);
        }
        Ok(out)
    }

    /// Creates a request (with the default criteria, as `create_request`) and links the
    /// assets it replaces, in one transaction.
    pub fn create_request_from_assets(
        &mut self,
        input: &crate::domain::RequestInput,
        asset_numbers: &[String],
    ) -> Result<crate::domain::CapitalRequest> {
        if asset_numbers.is_empty() {
            return Err(Error::validation(
                "asset_numbers",
                "choose at least one asset for the request to replace",
            ));
        }
        let known = self.asset_numbers()?;
        if let Some(n) = asset_numbers.iter().find(|n| !known.contains(*n)) {
            return Err(Error::validation(
                "asset_numbers",
                format!("there is no asset '{n}' in the inventory"),
            ));
        }
        let (_, currency) = input.validate()?;
        let criteria = crate::authoring::template_criteria(&currency);
        let id = self.in_one_transaction(|p| {
            let id = p.insert_request(input, &criteria)?;
            let conn = p.write()?;
            for n in asset_numbers {
                conn.execute(
                    "INSERT OR IGNORE INTO request_asset (request_id, asset_number) VALUES (?1, ?2)",
                    params![id.0, n],
                )?;
            }
            Ok(id)
        })?;
        self.request(id)
    }

    /// Links assets to the request that replaces them (already linked ones are kept).
    pub fn link_assets(&mut self, request_id: RequestId, asset_numbers: &[String]) -> Result<()> {
        self.request(request_id)?;
        let known = self.asset_numbers()?;
        if let Some(n) = asset_numbers.iter().find(|n| !known.contains(*n)) {
            return Err(Error::validation(
                "asset_number",
                format!("there is no asset '{n}' in the inventory"),
            ));
        }
        self.in_one_transaction(|p| {
            let conn = p.write()?;
            for n in asset_numbers {
                conn.execute(
                    "INSERT OR IGNORE INTO request_asset (request_id, asset_number) VALUES (?1, ?2)",
                    params![request_id.0, n],
                )?;
            }
            Ok(())
        })
    }

    pub fn unlink_asset(&mut self, request_id: RequestId, asset_number: &str) -> Result<()> {
        self.in_one_transaction(|p| {
            p.write()?.execute(
                "DELETE FROM request_asset WHERE request_id = ?1 AND asset_number = ?2",
                params![request_id.0, asset_number],
            )?;
            Ok(())
        })
    }

    /// The assets a request replaces, by asset number.
    pub fn request_assets(&self, request_id: RequestId) -> Result<Vec<Asset>> {
        let columns = ASSET_COLUMNS
            .split(", ")
            .map(|c| format!("a.{}", c.trim()))
            .collect::<Vec<_>>()
            .join(", ");
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {columns} FROM asset a JOIN request_asset r USING (asset_number)
             WHERE r.request_id = ?1 ORDER BY a.asset_number"
        ))?;
        let rows = stmt.query_map([request_id.0], asset_of)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asset(n: &str, cost: &str) -> Asset {
        Asset {
            asset_number: n.into(),
            device_type: Some("Infusion pump".into()),
            acquisition_cost: Some(Decimal::from_str(cost).unwrap()),
            acquisition_date: NaiveDate::from_ymd_opt(2015, 3, 14),
            network_connected: Some(true),
            em_function: Some(9),
            ..Asset::default()
        }
    }

    #[test]
    fn a_newer_export_adds_changes_and_retires_by_asset_number() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.caliper");
        let mut p = Portfolio::create(&path).unwrap();
        let first = [asset("A1", "100"), asset("A2", "200"), asset("A3", "300")];
        let s = p.import_assets("TMS", &first, true).unwrap();
        assert_eq!((s.added.len(), s.changed.len(), s.unchanged), (3, 0, 0));
        let newer = [
            asset("A1", "100"),
            asset("A2", "250.50"),
            asset("A4", "400"),
        ];
        let preview = p.preview_asset_import("TMS", &newer, true).unwrap();
        assert_eq!(
            p.asset("A3").unwrap().status,
            AssetStatus::Active,
            "a preview writes nothing"
        );
        let s = p.import_assets("TMS", &newer, true).unwrap();
        assert_eq!(s, preview);
        assert_eq!(s.added, ["A4"]);
        assert_eq!(s.changed, ["A2"]);
        assert_eq!(s.unchanged, 1);
        assert_eq!(s.retired, ["A3"]);
        drop(p);
        let p = Portfolio::open(&path).unwrap();
        assert_eq!(p.asset("A2").unwrap(), asset("A2", "250.50"));
        assert_eq!(p.asset("A3").unwrap().status, AssetStatus::Retired);
        assert_eq!(p.assets().unwrap().len(), 4);
        // Another system's export retires nothing of this one.
        let mut p = p;
        let s = p
            .import_assets("Nuvolo", &[asset("B1", "5")], true)
            .unwrap();
        assert!(s.retired.is_empty());
    }

    #[test]
    fn a_bad_batch_writes_nothing() {
        let mut p = Portfolio::in_memory().unwrap();
        p.import_assets("TMS", &[asset("A1", "1")], true).unwrap();
        let twice = [asset("A2", "1"), asset("A2", "2")];
        let e = p.import_assets("TMS", &twice, true).unwrap_err();
        assert!(e.to_string().contains("'A2' appears twice"), "{e}");
        let mut bad = asset("A3", "1");
        bad.em_function = Some(11);
        assert!(p
            .import_assets("TMS", &[asset("A4", "1"), bad], true)
            .is_err());
        let numbers: Vec<_> = p
            .assets()
            .unwrap()
            .into_iter()
            .map(|a| a.asset_number)
            .collect();
        assert_eq!(numbers, ["A1"]);
        let orphan = WorkOrder {
            asset_number: "ZZ".into(),
            number: Some("W1".into()),
            date: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
            kind: WorkOrderKind::Corrective,
            labour_hours: None,
            parts_cost: None,
            vendor_cost: None,
            downtime_hours: None,
        };
        let e = p
            .import_work_orders(std::slice::from_ref(&orphan))
            .unwrap_err();
        assert!(e.to_string().contains("no asset 'ZZ'"), "{e}");
        let mut wo = orphan;
        wo.asset_number = "A1".into();
        let s = p.import_work_orders(&[wo.clone()]).unwrap();
        assert_eq!((s.added, s.replaced, s.unchanged), (1, 0, 0));
        wo.parts_cost = Some(Decimal::from(120));
        let s = p.import_work_orders(&[wo.clone()]).unwrap();
        assert_eq!((s.added, s.replaced, s.unchanged), (0, 1, 0));
        assert_eq!(p.work_orders(Some("A1")).unwrap(), [wo.clone()]);
        // A work order exported as one line per part keeps every line.
        let mut part = wo.clone();
        part.number = Some("W9".into());
        let mut other = part.clone();
        other.parts_cost = Some(Decimal::from(7));
        let s = p
            .import_work_orders(&[part.clone(), other.clone()])
            .unwrap();
        assert_eq!((s.added, s.replaced, s.unchanged), (2, 0, 0));
        let s = p.import_work_orders(&[other, part]).unwrap();
        assert_eq!((s.added, s.replaced, s.unchanged), (0, 0, 2));
        assert_eq!(p.work_orders(Some("A1")).unwrap().len(), 3);
    }
}
