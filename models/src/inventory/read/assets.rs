//! The preview of an inventory: every row read into an [`Asset`] or rejected with its
//! reasons, before anything is stored.

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::Serialize;
use ts_rs::TS;

use super::columns::{
    amount, column_reports, date, detect, read_rows_streamed, text, whole, Outcome, Value,
};
use super::fields::{AssetField, Mapping, SavedMapping};
use super::values;
use super::{ColumnReport, DateQuestion, Rejection, SourceInfo, Table};
use crate::error::Result;
use crate::inventory::Asset;

/// What reading an inventory export gives: how the file was read, each column's report,
/// the questions to answer, every rejected value and warning, and the assets read.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AssetPreview {
    pub source: SourceInfo,
    /// 1-based row of the header in the file.
    pub header_row: usize,
    /// Data rows read (blank rows left out).
    pub rows: usize,
    /// The mapping used, by header text (to save and apply to the next export).
    pub mapping: SavedMapping,
    pub columns: Vec<ColumnReport>,
    /// Headers of the columns no field is mapped to.
    pub unmapped_columns: Vec<String>,
    /// Date columns whose day/month order must be given before their rows are read.
    pub questions: Vec<DateQuestion>,
    /// True when no question is open: `assets` holds every row not rejected.
    pub ready: bool,
    /// Rows rejected (a row may have several rejected values).
    pub rejected_rows: usize,
    /// Every rejected value, in file order.
    pub rejected: Vec<Rejection>,
    /// Values kept with a doubt about them.
    pub warnings: Vec<Rejection>,
    /// The rows read; empty while a question is open.
    pub assets: Vec<Asset>,
}

/// Reads the assets of `table` under `mapping` (checked first: an asset-number column,
/// no field or column twice). `as_of` is today's date: acquisition and in-service dates
/// after it are rejected.
pub fn preview_assets(
    table: &Table,
    mapping: &Mapping<AssetField>,
    as_of: NaiveDate,
) -> Result<AssetPreview> {
    preview_assets_streamed(table, mapping, as_of, |_, _| Ok(()))
}

/// [`preview_assets`], handing the assets accepted to `take` wave by wave, in file order
/// and on the calling thread while the next wave is read, with the count of rows
/// rejected so far: an import stores them as the file is read, and may move them out
/// (those it moves are not in the preview's `assets`). `take` is not called
/// while a date column's order is undecided; an error from it stops the reading.
pub fn preview_assets_streamed(
    table: &Table,
    mapping: &Mapping<AssetField>,
    as_of: NaiveDate,
    mut take: impl FnMut(&mut Vec<Asset>, usize) -> Result<()>,
) -> Result<AssetPreview> {
    mapping.check(table)?;
    let number_column = mapping.column_of(AssetField::AssetNumber).unwrap_or(0);
    let ((columns, questions), first_rows) = rayon::join(
        || detect(table, mapping),
        || first_rows_of_duplicates(table, number_column),
    );
    let ready = questions.is_empty();
    let mut rejected_rows = 0;
    let taken = |wave: &mut Outcome<Asset>| {
        rejected_rows += wave.rejected_rows;
        if ready {
            take(&mut wave.accepted, rejected_rows)
        } else {
            Ok(())
        }
    };
    let outcome = read_rows_streamed(
        table,
        &columns,
        |i, values, issues| {
            let mut asset = Asset::default();
            for (column, value) in columns.iter().zip(values) {
                set(&mut asset, column.field, value);
            }
            if asset.asset_number.is_empty() {
                issues.reject(AssetField::AssetNumber, "no asset number".into());
            } else if let Some(first) = first_rows[i] {
                issues.reject(
                    AssetField::AssetNumber,
                    format!(
                        "asset number {} is already on row {first}",
                        asset.asset_number
                    ),
                );
            }
            for (field, d) in [
                (AssetField::AcquisitionDate, asset.acquisition_date),
                (AssetField::InServiceDate, asset.in_service_date),
            ] {
                if d.is_some_and(|d| d > as_of) {
                    issues.reject(field, format!("a date in the future (after {as_of})"));
                }
            }
            if let (Some(acquired), Some(in_service)) =
                (asset.acquisition_date, asset.in_service_date)
            {
                if in_service < acquired {
                    issues.warn(
                        AssetField::InServiceDate,
                        format!("in service before it was acquired ({acquired})"),
                    );
                }
            }
            if let Some(code) = &asset.product_code {
                match values::product_code(code) {
                    Some(upper) => asset.product_code = Some(upper),
                    None => issues.warn(
                        AssetField::ProductCode,
                        "not a three-letter FDA product code (kept as written)".into(),
                    ),
                }
            }
            asset
        },
        taken,
    )?;
    let reports = column_reports(table, &columns, &outcome);
    Ok(AssetPreview {
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
        assets: if ready { outcome.accepted } else { Vec::new() },
    })
}

/// For each row, the row where its (non-blank) asset number first occurs when that is
/// an earlier row.
pub(super) fn first_rows_of_duplicates(table: &Table, column: usize) -> Vec<Option<usize>> {
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    first.reserve(table.rows().len());
    table
        .rows()
        .iter()
        .map(|row| {
            let number = row.cell(column);
            if number.is_empty() {
                return None;
            }
            match first.get(number) {
                Some(&at) => Some(at),
                None => {
                    first.insert(number, row.number);
                    None
                }
            }
        })
        .collect()
}

fn set(asset: &mut Asset, field: AssetField, value: &Value<'_>) {
    use AssetField::*;
    match field {
        AssetNumber => asset.asset_number = text(value).unwrap_or_default(),
        DeviceType => asset.device_type = text(value),
        Manufacturer => asset.manufacturer = text(value),
        Model => asset.model = text(value),
        Serial => asset.serial = text(value),
        ProductCode => asset.product_code = text(value),
        Department => asset.department = text(value),
        Facility => asset.facility = text(value),
        AcquisitionDate => asset.acquisition_date = date(value),
        AcquisitionCost => asset.acquisition_cost = amount(value),
        InServiceDate => asset.in_service_date = date(value),
        ExpectedLifeYears => asset.expected_life_years = amount(value),
        EndOfSupport => asset.end_of_support = date(value),
        RiskClass => asset.risk_class = text(value),
        NetworkConnected => {
            asset.network_connected = match value {
                Value::Bool(b) => Some(*b),
                _ => None,
            }
        }
        OperatingSystem => asset.operating_system = text(value),
        Status => {
            if let Value::Status(s) = value {
                asset.status = *s;
            }
        }
        EmFunction => asset.em_function = whole(value),
        EmPhysicalRisk => asset.em_physical_risk = whole(value),
        EmMaintenance => asset.em_maintenance = whole(value),
        EmIncidentHistory => asset.em_incident_history = whole(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::read::fields::suggest_mapping;
    use crate::inventory::read::{DateOrder, TableRow};
    use crate::inventory::AssetStatus;

    fn table(rows: &[&[&str]]) -> Table {
        Table::new(
            SourceInfo::default(),
            rows[0].iter().map(|s| s.to_string()).collect(),
            1,
            rows[1..]
                .iter()
                .enumerate()
                .map(|(i, r)| TableRow::new(i + 2, r))
                .collect(),
        )
    }

    fn preview(rows: &[&[&str]], order: Option<DateOrder>) -> AssetPreview {
        let t = table(rows);
        let mut m = suggest_mapping::<AssetField>(&t.header);
        m.date_order = order;
        let as_of = NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
        preview_assets(&t, &m, as_of).unwrap()
    }

    fn reasons(p: &AssetPreview) -> Vec<(usize, usize, &str)> {
        p.rejected
            .iter()
            .map(|r| (r.row, r.column, r.reason.as_str()))
            .collect()
    }

    #[test]
    fn a_plain_inventory_is_read() {
        let p = preview(
            &[
                &[
                    "Asset #",
                    "Mfr",
                    "Acq Date",
                    "Cost",
                    "Networked",
                    "Status",
                    "FDA Code",
                    "EM Function",
                ],
                &[
                    "A-1",
                    "Müller",
                    "14/03/2019",
                    "$12,500.50",
                    "Y",
                    "In Service",
                    "frn",
                    "9",
                ],
                &["A-2", "", "01/02/2020", "", "N", "Retired", "", ""],
            ],
            None,
        );
        assert!(p.ready && p.rejected.is_empty(), "{:?}", p.rejected);
        let a = &p.assets[0];
        assert_eq!(a.asset_number, "A-1");
        assert_eq!(a.manufacturer.as_deref(), Some("Müller"));
        assert_eq!(a.acquisition_date, NaiveDate::from_ymd_opt(2019, 3, 14));
        assert_eq!(
            a.acquisition_cost.map(|d| d.to_string()).as_deref(),
            Some("12500.50")
        );
        assert_eq!(a.network_connected, Some(true));
        assert_eq!(a.product_code.as_deref(), Some("FRN"));
        assert_eq!(a.em_function, Some(9));
        assert_eq!(p.assets[1].status, AssetStatus::Retired);
        assert_eq!(
            p.assets[1].acquisition_date,
            NaiveDate::from_ymd_opt(2020, 2, 1)
        );
        assert_eq!(p.columns[2].detected, "dates, day first");
        assert_eq!(p.columns[3].detected, "amounts, decimal point");
    }

    #[test]
    fn an_undecided_date_order_is_a_question_until_given() {
        let rows: &[&[&str]] = &[
            &["Asset #", "Acq Date"],
            &["A-1", "03/04/2019"],
            &["A-2", "05/06/2020"],
        ];
        let p = preview(rows, None);
        assert!(!p.ready && p.assets.is_empty());
        assert_eq!(p.questions.len(), 1);
        assert_eq!(p.questions[0].examples, ["03/04/2019", "05/06/2020"]);
        let p = preview(rows, Some(DateOrder::MonthDay));
        assert!(p.ready);
        assert_eq!(
            p.assets[0].acquisition_date,
            NaiveDate::from_ymd_opt(2019, 3, 4)
        );
        assert_eq!(p.columns[1].detected, "dates, month first (as given)");
    }

    #[test]
    fn impossible_contradicting_and_future_dates_are_rejected() {
        let p = preview(
            &[
                &["Asset #", "Acq Date", "In Service"],
                &["A-1", "14/03/2019", "2019-13-01"],
                &["A-2", "31/02/2019", ""],
                &["A-3", "25/12/2018", ""],
                &["A-4", "03/14/2019", ""],
                &["A-5", "01/06/2024", "2025-01-01"],
                &["A-6", "20/05/2020", "2020-01-01"],
            ],
            None,
        );
        assert_eq!(
            reasons(&p),
            [
                (2, 3, "month 13 does not exist"),
                (3, 2, "no such date: February 2019 has no day 31"),
                (
                    5,
                    2,
                    "'03/14/2019' has the month first, in a column otherwise day first"
                ),
                (6, 3, "a date in the future (after 2024-06-30)"),
            ]
        );
        assert_eq!(p.rejected_rows, 4);
        assert_eq!(p.assets.len(), 2);
        assert_eq!(p.warnings.len(), 1);
        assert_eq!(p.warnings[0].row, 7);
        assert!(p.warnings[0]
            .reason
            .contains("in service before it was acquired"));
    }

    #[test]
    fn a_decimal_comma_in_a_decimal_point_column_is_rejected() {
        let p = preview(
            &[
                &["Asset #", "Purchase Cost", "Expected Life"],
                &["A-1", "1234.56", "10"],
                &["A-2", "1.234,56 €", "0"],
                &["A-3", "980.00", "7.5"],
                &["A-4", "(500.00)", "-1"],
                &["A-5", "2e12", "x"],
            ],
            None,
        );
        let r = reasons(&p);
        assert_eq!(
            r[0],
            (
                3,
                2,
                "'1.234,56 €' has a decimal comma, in a column otherwise using decimal points"
            )
        );
        assert_eq!(r[1], (3, 3, "an expected life of 0"));
        assert_eq!(r[2], (5, 2, "a negative amount"));
        assert_eq!(r[3], (5, 3, "a negative amount"));
        assert_eq!(r[4].2, "not an amount");
        assert_eq!(p.assets.len(), 2);
        assert_eq!(
            p.assets[1]
                .expected_life_years
                .map(|d| d.to_string())
                .as_deref(),
            Some("7.5")
        );
    }

    #[test]
    fn duplicate_and_missing_numbers_em_ranges_and_statuses_are_rejected() {
        let p = preview(
            &[
                &[
                    "Tag",
                    "Status",
                    "Physical Risk",
                    "Incident History",
                    "FDA Code",
                ],
                &["A-1", "Active", "5", "-2", "FRN"],
                &["A-1", "Active", "", "", ""],
                &["", "Active", "", "", ""],
                &["A-2", "Lost", "6", "3", "infusion pump"],
                &["A-1", "Active", "", "", ""],
            ],
            None,
        );
        assert_eq!(
            reasons(&p),
            [
                (3, 1, "asset number A-1 is already on row 2"),
                (4, 1, "no asset number"),
                (5, 2, "an unknown status (Caliper reads Active, In Service, In Use, Retired, Disposed, Inactive, Scrapped, Traded)"),
                (5, 3, "6 is outside 1 to 5"),
                (5, 4, "3 is outside -2 to 2"),
                (6, 1, "asset number A-1 is already on row 2"),
            ]
        );
        assert_eq!(
            p.warnings[0].reason,
            "not a three-letter FDA product code (kept as written)"
        );
        assert_eq!(p.assets.len(), 1);
    }

    proptest::proptest! {
        /// Any cells, however hostile, give a preview: every row accepted, rejected or
        /// waiting on a question, none lost and nothing panics.
        #[test]
        fn any_cells_give_a_preview(cells in proptest::collection::vec("[0-9A-Za-z ,./:()$€-]{0,14}", 8..64)) {
            let header = ["Asset #", "Acq Date", "Cost", "Networked", "Status", "Expected Life", "EM Function", "FDA Code"];
            let mut rows: Vec<Vec<&str>> = vec![header.to_vec()];
            rows.extend(cells.chunks(8).map(|c| c.iter().map(String::as_str).collect()));
            let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
            let p = preview(&rows, None);
            let waiting = if p.ready { 0 } else { p.rows - p.rejected_rows };
            proptest::prop_assert!(p.assets.len() + p.rejected_rows + waiting >= p.rows);
            proptest::prop_assert!(p.assets.len() + p.rejected_rows <= p.rows);
        }
    }
}
