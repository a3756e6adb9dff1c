//! The inventory page's rows: a sorted, filtered window of the assets with their last
//! computed priority, read straight from SQLite so 200,000 assets scroll without being
//! sent to the window at once.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Portfolio;
use crate::error::{Error, Result};

/// The column an asset page is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AssetSort {
    #[default]
    Priority,
    AssetNumber,
    DeviceType,
    Department,
    Age,
    Mel,
}

crate::ipc::choice!(AssetSort {
    Priority => "Priority",
    AssetNumber => "Asset number",
    DeviceType => "Device type",
    Department => "Department",
    Age => "Age",
    Mel => "MEL %",
});

impl AssetSort {
    fn column(self) -> &'static str {
        match self {
            AssetSort::Priority => "p.score",
            AssetSort::AssetNumber => "a.asset_number",
            AssetSort::DeviceType => "a.device_type",
            AssetSort::Department => "a.department",
            AssetSort::Age => "p.age_years",
            AssetSort::Mel => "p.mel_percent",
        }
    }
}

/// Which assets, in which order, from which row.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct AssetQuery {
    #[serde(default)]
    pub sort: AssetSort,
    /// Highest first (the default for priority).
    #[serde(default)]
    pub descending: bool,
    /// Text found in the asset number, device type, manufacturer, model, serial or
    /// department ("" for all).
    #[serde(default)]
    pub search: String,
    /// Only this department's assets.
    #[serde(default)]
    pub department: Option<String>,
    /// Retired assets too.
    #[serde(default)]
    pub include_retired: bool,
    pub offset: u32,
    pub limit: u32,
}

/// One line of the inventory page.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AssetRow {
    pub asset_number: String,
    pub device_type: Option<String>,
    pub manufacturer: Option<String>,
    pub model: Option<String>,
    pub department: Option<String>,
    pub facility: Option<String>,
    pub retired: bool,
    /// 0-100, or none when nothing about the asset is known (or not computed yet).
    pub score: Option<f64>,
    pub age_years: Option<f64>,
    pub mel_percent: Option<f64>,
    /// What drives the priority, in words.
    pub explanation: String,
}

/// A window of the inventory page.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AssetPage {
    /// Assets matching the filter, all pages together.
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<AssetRow>,
}

/// The most rows one page returns.
pub const MAX_PAGE_ROWS: u32 = 1_000;

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
fn like_pattern(text: &str) -> String {
    let mut out = String::from("%");
    for c in text.trim().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

impl Portfolio {
    /// A sorted, filtered window of the assets. Assets without a score sort last whatever
    /// the direction; ties go by asset number.
    pub fn asset_page(&self, query: &AssetQuery) -> Result<AssetPage> {
        if query.limit == 0 || query.limit > MAX_PAGE_ROWS {
            return Err(Error::validation(
                "limit",
                format!("{} rows: a page holds 1 to {MAX_PAGE_ROWS}", query.limit),
            ));
        }
        let filter = "FROM asset a LEFT JOIN asset_priority p USING (asset_number)
             WHERE (?1 OR a.status = 'active')
               AND (?2 IS NULL OR a.department = ?2)
               AND (?3 = '%%' OR a.asset_number LIKE ?3 ESCAPE '\\'
                    OR a.device_type LIKE ?3 ESCAPE '\\' OR a.manufacturer LIKE ?3 ESCAPE '\\'
                    OR a.model LIKE ?3 ESCAPE '\\' OR a.serial LIKE ?3 ESCAPE '\\'
                    OR a.department LIKE ?3 ESCAPE '\\')";
        let pattern = like_pattern(&query.search);
        let total: u32 = self.conn.query_row(
            &format!("SELECT count(*) {filter}"),
            params![query.include_retired, query.department, pattern],
            |r| r.get(0),
        )?;
        let column = query.sort.column();
        let direction = if query.descending { "DESC" } else { "ASC" };
        let sql = format!(
            "SELECT a.asset_number, a.device_type, a.manufacturer, a.model, a.department,
                    a.facility, a.status, p.score, p.age_years, p.mel_percent,
                    coalesce(p.explanation, '')
             {filter}
             ORDER BY {column} IS NULL, {column} {direction}, a.asset_number
             LIMIT ?4 OFFSET ?5"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(
            params![
                query.include_retired,
                query.department,
                pattern,
                query.limit,
                query.offset
            ],
            |r| {
                Ok(AssetRow {
                    asset_number: r.get(0)?,
                    device_type: r.get(1)?,
                    manufacturer: r.get(2)?,
                    model: r.get(3)?,
                    department: r.get(4)?,
                    facility: r.get(5)?,
                    retired: r.get::<_, String>(6)? == "retired",
                    score: r.get(7)?,
                    age_years: r.get(8)?,
                    mel_percent: r.get(9)?,
                    explanation: r.get(10)?,
                })
            },
        )?;
        Ok(AssetPage {
            total,
            offset: query.offset,
            rows: rows.collect::<rusqlite::Result<_>>()?,
        })
    }

    /// The departments named in the inventory, for the page's filter.
    pub fn asset_departments(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT department FROM asset WHERE department IS NOT NULL ORDER BY department",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// One asset's computed priority as the page stores it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredPriority {
    pub asset_number: String,
    pub score: Option<f64>,
    pub age_years: Option<f64>,
    pub mel_percent: Option<f64>,
    pub explanation: String,
}

impl Portfolio {
    /// Replaces every stored priority with these, in one transaction.
    pub fn store_priorities(&mut self, priorities: &[StoredPriority]) -> Result<()> {
        self.in_one_transaction(|p| {
            let conn = p.write()?;
            conn.execute("DELETE FROM asset_priority", [])?;
            let mut insert = conn.prepare(
                "INSERT INTO asset_priority
                   (asset_number, score, age_years, mel_percent, explanation)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for s in priorities {
                insert.execute(params![
                    s.asset_number,
                    s.score,
                    s.age_years,
                    s.mel_percent,
                    s.explanation
                ])?;
            }
            Ok(())
        })
    }
}
