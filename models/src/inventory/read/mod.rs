//! Reading a hospital's equipment inventory, or its work-order history, as its CMMS
//! (Accruent TMS, Phoenix AIMS, Nuvolo, e-Quip, ...) exports it: the text of a CSV export
//! in whatever encoding and separator it came in, or the cells of a workbook, become a
//! [`Table`]; its header is matched to the fields of an [`crate::inventory::Asset`] or a
//! [`crate::inventory::WorkOrder`] (a [`Mapping`] that can be saved by header text and
//! applied to the next export); each mapped column is read with a parser chosen for the
//! whole column (day or month first, decimal point or comma), and every row that cannot be
//! read is reported with its row, column, value and reason instead of being guessed.
//!
//! Pure: it works on bytes, text and cells already in memory. Opening a file, its size
//! limits and the workbook formats are `crate::import::inventory`. The rules are written
//! down in docs/inventory-import.md.

mod assets;
mod columns;
mod fields;
mod text;
mod values;
mod work_orders;

pub use assets::{preview_assets, preview_assets_streamed, AssetPreview};
pub use columns::{ColumnReport, DateQuestion, Rejection};
pub use fields::{
    check_inventory_header, suggest_mapping, AssetField, Field, Mapping, SavedMapping,
    WorkOrderField,
};
pub use text::{decode, sniff_separator, table_from_text, Decoded, TextEncoding};
pub use values::DateOrder;
pub use work_orders::{preview_work_orders, WorkOrderPreview};

use rayon::prelude::*;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};

/// Where a table came from, as the preview reports it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
pub struct SourceInfo {
    /// The file's name, as messages name it.
    pub file: String,
    /// "csv" (any delimited text) or "xlsx".
    pub format: String,
    /// The text encoding detected (text files only).
    pub encoding: Option<TextEncoding>,
    /// The field separator detected (text files only): ",", ";", "\t" or "|".
    pub separator: Option<String>,
    /// The sheet read (workbooks only).
    pub sheet: Option<String>,
}

/// Bounds on what a table may hold, checked while it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableLimits {
    /// Rows (records), title and header rows included.
    pub max_rows: usize,
    /// Cells in a row.
    pub max_columns: usize,
    /// Bytes of UTF-8 text in a cell.
    pub max_cell_bytes: usize,
}

/// One row of the file below the header, with its place in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// 1-based: the line of a text file where the record starts, or the sheet's row.
    pub number: usize,
    cells: csv::StringRecord,
}

impl TableRow {
    pub fn new<S: AsRef<str>>(number: usize, cells: &[S]) -> Self {
        TableRow {
            number,
            cells: cells.iter().map(AsRef::as_ref).collect(),
        }
    }

    pub(crate) fn from_record(number: usize, cells: csv::StringRecord) -> Self {
        TableRow { number, cells }
    }

    /// The cell of 0-based `column`, trimmed; "" beyond the row's last cell.
    pub fn cell(&self, column: usize) -> &str {
        self.cells.get(column).map_or("", str::trim)
    }

    /// Cells in the row, as the file wrote them (trailing empty cells included).
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// A file's header and the rows below it (blank rows left out).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub source: SourceInfo,
    /// The header's cells, trimmed.
    pub header: Vec<String>,
    /// 1-based row (or line) of the header in the file.
    pub header_row: usize,
    rows: Vec<TableRow>,
    /// Columns of the widest of the header and the rows (counted once: mappings are
    /// checked against it column by column).
    width: usize,
}

/// Rows searched for the header: title lines above it are allowed.
const HEADER_SEARCH_ROWS: usize = 10;

impl Table {
    /// The table of a file's rows, in file order: the header is the first of the first
    /// ten non-empty rows whose cells name at least two known fields (of an asset or a
    /// work order), or else the first non-empty row. Empty rows are left out.
    pub fn from_rows(source: SourceInfo, rows: Vec<TableRow>) -> Result<Table> {
        let mut rows: Vec<TableRow> = rows.into_par_iter().filter(|r| !r.is_empty()).collect();
        if rows.is_empty() {
            return Err(Error::Parse {
                location: source.file.clone(),
                message: "has no rows: the file is empty".into(),
            });
        }
        let at = rows
            .iter()
            .take(HEADER_SEARCH_ROWS)
            .position(|r| fields::known_header_cells(r) >= 2)
            .unwrap_or(0);
        let mut below = rows.split_off(at);
        let header_row = below.remove(0);
        let header = (0..header_row.len())
            .map(|i| header_row.cell(i).to_string())
            .collect();
        Ok(Table::new(source, header, header_row.number, below))
    }

    /// A table of a header (on 1-based row `header_row`) and the rows below it.
    pub fn new(
        source: SourceInfo,
        header: Vec<String>,
        header_row: usize,
        rows: Vec<TableRow>,
    ) -> Table {
        let width = rows
            .iter()
            .map(TableRow::len)
            .max()
            .unwrap_or(0)
            .max(header.len());
        Table {
            source,
            header,
            header_row,
            rows,
            width,
        }
    }

    /// Header cells that name a field of an asset or a work order.
    pub fn known_header_columns(&self) -> usize {
        fields::known_header_cells(&TableRow::new(self.header_row, &self.header))
    }

    /// The header text of 0-based `column` ("" beyond the header).
    pub fn header_of(&self, column: usize) -> &str {
        self.header.get(column).map_or("", String::as_str)
    }

    /// The rows below the header, in file order.
    pub fn rows(&self) -> &[TableRow] {
        &self.rows
    }

    /// Columns of the widest of the header and the rows.
    pub fn width(&self) -> usize {
        self.width
    }
}
