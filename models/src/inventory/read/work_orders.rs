//! The preview of a work-order history: every row read into a [`WorkOrder`] or rejected
//! with its reasons, each checked against the assets known.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::columns::{amount, column_reports, date, detect, read_rows, text, Value};
use super::fields::{Mapping, SavedMapping, WorkOrderField};
use super::{ColumnReport, DateQuestion, Rejection, SourceInfo, Table};
use crate::error::Result;
use crate::inventory::{WorkOrder, WorkOrderKind};

/// What reading a work-order export gives, as [`super::AssetPreview`] does for assets.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WorkOrderPreview {
    pub source: SourceInfo,
    pub header_row: usize,
    pub rows: usize,
    pub mapping: SavedMapping,
    pub columns: Vec<ColumnReport>,
    pub unmapped_columns: Vec<String>,
    pub questions: Vec<DateQuestion>,
    pub ready: bool,
    pub rejected_rows: usize,
    pub rejected: Vec<Rejection>,
    pub warnings: Vec<Rejection>,
    /// The rows read; empty while a question is open.
    pub work_orders: Vec<WorkOrder>,
}

/// Reads the work orders of `table` under `mapping` (an asset-number and a date column
/// needed). A work order dated after `as_of` is rejected, and so is one for an asset
/// number not in `known_assets` when it is given.
pub fn preview_work_orders(
    table: &Table,
    mapping: &Mapping<WorkOrderField>,
    as_of: NaiveDate,
    known_assets: Option<&HashSet<String>>,
) -> Result<WorkOrderPreview> {
    mapping.check(table)?;
    let (columns, questions) = detect(table, mapping);
    let outcome = read_rows(table, &columns, |_, values, issues| {
        let mut order = WorkOrder {
            asset_number: String::new(),
            number: None,
            date: NaiveDate::MIN,
            kind: WorkOrderKind::Other,
            labour_hours: None,
            parts_cost: None,
            vendor_cost: None,
            downtime_hours: None,
        };
        let mut dated = false;
        for (column, value) in columns.iter().zip(values) {
            use WorkOrderField::*;
            match column.field {
                AssetNumber => order.asset_number = text(value).unwrap_or_default(),
                Number => order.number = text(value),
                Date => {
                    if let Some(d) = date(value) {
                        order.date = d;
                        dated = true;
                    }
                }
                Kind => {
                    if let Value::Kind(k) = value {
                        order.kind = *k;
                    }
                }
                LabourHours => order.labour_hours = amount(value),
                PartsCost => order.parts_cost = amount(value),
                VendorCost => order.vendor_cost = amount(value),
                DowntimeHours => order.downtime_hours = amount(value),
            }
        }
        let pending = values.contains(&Value::Pending);
        if order.asset_number.is_empty() {
            issues.reject(WorkOrderField::AssetNumber, "no asset number".into());
        } else if known_assets.is_some_and(|k| !k.contains(&order.asset_number)) {
            issues.reject(
                WorkOrderField::AssetNumber,
                "a work order for an asset that does not exist in the inventory".into(),
            );
        }
        if !dated
            && !pending
            && issues
                .rejected
                .iter()
                .all(|r| r.field.as_deref() != Some("date"))
        {
            issues.reject(WorkOrderField::Date, "no date".into());
        } else if dated && order.date > as_of {
            issues.reject(
                WorkOrderField::Date,
                format!("a date in the future (after {as_of})"),
            );
        }
        order
    });
    let reports = column_reports(table, &columns, &outcome);
    let ready = questions.is_empty();
    Ok(WorkOrderPreview {
        source: table.source.clone(),
        header_row: table.header_row,
        rows: table.rows().len(),
        mapping: mapping.to_saved(table),
        unmapped_columns: reports
            .iter()
            .filter(|r| r.field.is_none() && !r.header.is_empty())
            .map(|r| r.header.clone())
            .collect(),
        columns: reports,
        questions,
        ready,
        rejected_rows: outcome.rejected_rows,
        rejected: outcome.rejected,
        warnings: outcome.warnings,
        work_orders: if ready { outcome.accepted } else { Vec::new() },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::read::fields::suggest_mapping;
    use crate::inventory::read::TableRow;

    #[test]
    fn work_orders_are_read_and_checked_against_the_inventory() {
        let rows: &[&[&str]] = &[
            &[
                "WO #",
                "Asset #",
                "Date Completed",
                "WO Type",
                "Labor Hours",
                "Parts Cost",
                "Vendor Cost",
                "Downtime (hrs)",
            ],
            &["W1", "A-1", "2023-02-14", "CM", "1.5", "120.00", "", "4"],
            &["W2", "A-1", "2023-05-01", "PM", "0.5", "", "", ""],
            &["W3", "A-9", "2023-05-01", "Repair", "", "", "", ""],
            &["W4", "A-1", "", "Install", "", "", "", ""],
            &["W5", "A-1", "2030-01-01", "Install", "", "", "", ""],
        ];
        let t = Table::new(
            SourceInfo::default(),
            rows[0].iter().map(|s| s.to_string()).collect(),
            1,
            rows[1..]
                .iter()
                .enumerate()
                .map(|(i, r)| TableRow::new(i + 2, r))
                .collect(),
        );
        let m = suggest_mapping::<WorkOrderField>(&t.header);
        assert_eq!(m.columns.len(), 8);
        let known: HashSet<String> = ["A-1".to_string()].into();
        let as_of = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let p = preview_work_orders(&t, &m, as_of, Some(&known)).unwrap();
        let reasons: Vec<(usize, &str)> = p
            .rejected
            .iter()
            .map(|r| (r.row, r.reason.as_str()))
            .collect();
        assert_eq!(
            reasons,
            [
                (
                    4,
                    "a work order for an asset that does not exist in the inventory"
                ),
                (5, "no date"),
                (6, "a date in the future (after 2024-01-01)"),
            ]
        );
        assert_eq!(p.work_orders.len(), 2);
        assert_eq!(p.work_orders[0].kind, WorkOrderKind::Corrective);
        assert_eq!(p.work_orders[1].kind, WorkOrderKind::Preventive);
        assert_eq!(
            p.work_orders[0]
                .parts_cost
                .map(|d| d.to_string())
                .as_deref(),
            Some("120.00")
        );
        let mut no_date = m.clone();
        no_date.columns.retain(|&(f, _)| f != WorkOrderField::Date);
        assert!(preview_work_orders(&t, &no_date, as_of, None)
            .unwrap_err()
            .to_string()
            .contains("no column is mapped to date"));
    }
}
