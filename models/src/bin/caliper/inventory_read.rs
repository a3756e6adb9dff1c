//! `inventory preview`: what Caliper reads of a CMMS export (an inventory or a
//! work-order history), before anything is stored: how the file was read, the mapping of
//! its columns, each column's report, the questions to answer and every rejected value.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use caliper_models::import::inventory::read_table_file;
use caliper_models::inventory::read::{
    check_inventory_header, preview_assets, preview_work_orders, suggest_mapping, AssetField,
    ColumnReport, DateOrder, DateQuestion, Field, Mapping, Rejection, SavedMapping, SourceInfo,
    Table,
};
use caliper_models::{Error, Result};
use chrono::NaiveDate;

use crate::output::{emit_line, print_json, shown};

/// Rejected values and warnings printed (the JSON holds them all).
const PRINTED: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PreviewKind {
    Assets,
    WorkOrders,
}

#[derive(clap::Args)]
pub struct PreviewArgs {
    /// The export: CSV or other delimited text (any encoding, separator), or .xlsx.
    #[arg(long)]
    file: PathBuf,
    #[arg(long, value_enum, default_value = "assets")]
    kind: PreviewKind,
    /// The workbook sheet to read (default: the first whose header names known columns).
    #[arg(long)]
    sheet: Option<String>,
    /// A saved mapping (JSON: {"fields": {"asset_number": "Control #", ...}}).
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// Maps a field to a column by its header text, over the suggested or saved mapping.
    #[arg(long = "map", value_name = "FIELD=HEADER")]
    map: Vec<String>,
    /// Day/month order of date columns whose values leave it open: dmy or mdy.
    #[arg(long, value_parser = date_order)]
    date_order: Option<DateOrder>,
    /// Dates after this one are in the future (default: today).
    #[arg(long, value_parser = crate::input::date)]
    as_of: Option<NaiveDate>,
    /// For work orders: the inventory export whose asset numbers they must name.
    #[arg(long)]
    inventory: Option<PathBuf>,
    #[arg(long)]
    json: bool,
    /// With --json: include every record read (assets or work orders).
    #[arg(long, visible_alias = "assets")]
    records: bool,
}

pub(crate) fn date_order(text: &str) -> Result<DateOrder> {
    match text.trim().to_ascii_lowercase().as_str() {
        "dmy" | "day_month" => Ok(DateOrder::DayMonth),
        "mdy" | "month_day" => Ok(DateOrder::MonthDay),
        _ => Err(Error::validation(
            "date-order",
            format!("'{text}' is not a date order: give dmy or mdy"),
        )),
    }
}

/// The mapping: the saved one (`--mapping`) or else the header's suggestion (refused
/// when the header names no field: not an export of this kind), then each `--map`.
fn mapping_of<F: Field>(table: &Table, args: &PreviewArgs) -> Result<Mapping<F>> {
    let mut mapping = match &args.mapping {
        Some(path) => {
            let saved: SavedMapping = crate::input::read_json(path)?;
            Mapping::from_saved(&saved, table)?
        }
        None => {
            if args.map.is_empty() {
                check_inventory_header::<F>(table)?;
            }
            suggest_mapping(&table.header)
        }
    };
    let mut extra = SavedMapping::default();
    for pair in &args.map {
        let (field, header) = pair
            .split_once('=')
            .ok_or_else(|| Error::validation("map", format!("'{pair}' is not FIELD=HEADER")))?;
        extra
            .fields
            .insert(field.trim().to_string(), header.trim().to_string());
    }
    mapping.apply(&extra, table)?;
    if args.date_order.is_some() {
        mapping.date_order = args.date_order;
    }
    Ok(mapping)
}

pub fn run_preview(args: PreviewArgs) -> Result<()> {
    let table = read_table_file(&args.file, args.sheet.as_deref())?;
    let as_of = crate::input::as_of_or_today(args.as_of);
    match args.kind {
        PreviewKind::Assets => {
            let preview = preview_assets(&table, &mapping_of(&table, &args)?, as_of)?;
            if args.json {
                return print_preview(&preview, "assets", args.records);
            }
            print_common(&Common::of(&preview))?;
            read_line(preview.ready, preview.assets.len(), "assets")
        }
        PreviewKind::WorkOrders => {
            let known = match &args.inventory {
                Some(path) => Some(asset_numbers(path)?),
                None => None,
            };
            let mapping = mapping_of(&table, &args)?;
            let preview = preview_work_orders(&table, &mapping, as_of, known.as_ref())?;
            if args.json {
                return print_preview(&preview, "work_orders", args.records);
            }
            print_common(&Common::of(&preview))?;
            read_line(preview.ready, preview.work_orders.len(), "work orders")
        }
    }
}

/// The asset numbers an inventory export holds (in its suggested asset-number column).
fn asset_numbers(path: &Path) -> Result<HashSet<String>> {
    let table = read_table_file(path, None)?;
    check_inventory_header::<AssetField>(&table)?;
    let column = suggest_mapping::<AssetField>(&table.header)
        .column_of(AssetField::AssetNumber)
        .ok_or_else(|| {
            Error::validation(
                "inventory",
                format!("{} has no asset-number column", path.display()),
            )
        })?;
    Ok(table
        .rows()
        .iter()
        .map(|r| r.cell(column).to_string())
        .filter(|n| !n.is_empty())
        .collect())
}

/// The preview as JSON, its records left out unless asked for.
fn print_preview<T: serde::Serialize>(preview: &T, records: &str, all: bool) -> Result<()> {
    let mut value = serde_json::to_value(preview)
        .map_err(|e| Error::internal(format!("the preview does not convert to JSON: {e}")))?;
    if !all {
        if let Some(object) = value.as_object_mut() {
            object.remove(records);
        }
    }
    print_json(&value)
}

/// The parts both previews print.
pub(crate) struct Common<'a> {
    pub(crate) source: &'a SourceInfo,
    pub(crate) header_row: usize,
    pub(crate) rows: usize,
    pub(crate) columns: &'a [ColumnReport],
    pub(crate) questions: &'a [DateQuestion],
    pub(crate) rejected: &'a [Rejection],
    pub(crate) rejected_rows: usize,
    pub(crate) warnings: &'a [Rejection],
}

/// The parts of a preview both kinds share.
pub(crate) trait Reading {
    fn common(&self) -> Common<'_>;
}

macro_rules! reading {
    ($t:ty) => {
        impl Reading for $t {
            fn common(&self) -> Common<'_> {
                Common {
                    source: &self.source,
                    header_row: self.header_row,
                    rows: self.rows,
                    columns: &self.columns,
                    questions: &self.questions,
                    rejected: &self.rejected,
                    rejected_rows: self.rejected_rows,
                    warnings: &self.warnings,
                }
            }
        }
    };
}
reading!(caliper_models::inventory::read::AssetPreview);
reading!(caliper_models::inventory::read::WorkOrderPreview);

impl Common<'_> {
    pub(crate) fn of(preview: &impl Reading) -> Common<'_> {
        preview.common()
    }
}

pub(crate) fn print_common(p: &Common<'_>) -> Result<()> {
    let s = p.source;
    let mut how = vec![s.format.clone()];
    if let Some(e) = s.encoding {
        how.push(
            serde_json::to_value(e)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
        );
    }
    if let Some(sep) = &s.separator {
        how.push(format!(
            "separator {}",
            if sep == "\t" {
                "tab".to_string()
            } else {
                format!("'{sep}'")
            }
        ));
    }
    if let Some(sheet) = &s.sheet {
        how.push(format!("sheet '{}'", shown(sheet)));
    }
    emit_line(&format!(
        "{} ({}): header on row {}, {} rows",
        shown(&s.file),
        how.join(", "),
        p.header_row,
        p.rows
    ))?;
    emit_line("columns:")?;
    for c in p.columns {
        let field = c.field.as_deref().unwrap_or("-");
        emit_line(&format!(
            "  {:>3} {:<28} {:<20} {:>7} read {:>7} blank {:>7} rejected  {}; e.g. {}",
            c.column,
            shown(&c.header),
            field,
            c.parsed,
            c.blank,
            c.rejected,
            c.detected,
            shown(&c.examples.join(" | "))
        ))?;
    }
    for q in p.questions {
        emit_line(&format!("question: {}", shown(&q.question)))?;
    }
    print_problems("rejected", p.rejected)?;
    print_problems("warning", p.warnings)?;
    emit_line(&format!(
        "{} values rejected in {} rows, {} warnings",
        p.rejected.len(),
        p.rejected_rows,
        p.warnings.len()
    ))
}

fn print_problems(label: &str, list: &[Rejection]) -> Result<()> {
    for r in list.iter().take(PRINTED) {
        emit_line(&format!(
            "{label}: row {}, column {} ({}): '{}': {}",
            r.row,
            r.column,
            shown(&r.header),
            shown(&r.value),
            shown(&r.reason)
        ))?;
    }
    if list.len() > PRINTED {
        emit_line(&format!("{label}: ... and {} more", list.len() - PRINTED))?;
    }
    Ok(())
}

fn read_line(ready: bool, n: usize, noun: &str) -> Result<()> {
    if ready {
        emit_line(&format!("{n} {noun} read"))
    } else {
        emit_line("nothing read yet: answer the questions above (--date-order dmy or mdy)")
    }
}
