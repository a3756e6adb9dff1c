//! The column engine shared by assets and work orders: each mapped column's parser chosen
//! from all its values (day or month first, decimal point or comma), the rows read in
//! parallel chunks, and what was read reported per column and per rejected cell.

use chrono::NaiveDate;
use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

use super::fields::{Field, Mapping};
use super::values::{self, DateOrder, DateShape, Mark, ValueKind};
use super::{Table, TableRow};
use crate::inventory::{AssetStatus, WorkOrderKind};

/// A value that could not be read, or a warning about one: where it is and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Rejection {
    /// The row (or line) in the file, 1-based.
    pub row: usize,
    /// The column, 1-based.
    pub column: usize,
    pub header: String,
    /// The field the column is mapped to.
    pub field: Option<String>,
    pub value: String,
    pub reason: String,
}

/// What one column of the file held and how it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ColumnReport {
    /// 1-based.
    pub column: usize,
    pub header: String,
    /// The field it is mapped to; `None` for a column left out.
    pub field: Option<String>,
    /// Values read (blank cells and rejected values left out).
    pub parsed: usize,
    pub blank: usize,
    pub rejected: usize,
    /// How the values were read, e.g. "dates, day first", "amounts, decimal comma".
    pub detected: String,
    /// The first three values, as written.
    pub examples: Vec<String>,
}

/// A date column whose values never tell whether the day or the month comes first: the
/// caller must say (`DateOrder`) before its rows are read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DateQuestion {
    pub column: usize,
    pub header: String,
    pub field: String,
    pub question: String,
    pub examples: Vec<String>,
}

/// How a column's values are read, chosen from all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parser {
    Text,
    ProductCode,
    /// `None`: undecided, numeric dates are not read.
    Date(Option<DateOrder>),
    Amount(Mark, ValueKind),
    /// `true`: the column marks yes with X and leaves no blank.
    YesNo(bool),
    Status,
    WorkKind,
    Whole(i32, i32),
}

/// A cell's value, read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Value<'t> {
    Blank,
    Text(&'t str),
    Date(NaiveDate),
    Amount(Decimal),
    Bool(bool),
    Status(AssetStatus),
    Kind(WorkOrderKind),
    Whole(i32),
    /// A numeric date in a column whose day/month order is undecided.
    Pending,
}

/// A mapped column and its parser.
pub(super) struct Column<F> {
    pub field: F,
    pub index: usize,
    parser: Parser,
    detected: String,
}

fn values_of(table: &Table, column: usize) -> impl Iterator<Item = &str> {
    table
        .rows()
        .iter()
        .map(move |r| r.cell(column))
        .filter(|v| !v.is_empty())
}

/// Each mapped column's parser, and the questions of date columns left undecided.
pub(super) fn detect<F: Field>(
    table: &Table,
    mapping: &Mapping<F>,
) -> (Vec<Column<F>>, Vec<DateQuestion>) {
    let columns: Vec<Column<F>> = mapping
        .columns
        .par_iter()
        .map(|&(field, index)| {
            let (parser, detected) = choose(table, index, field.kind(), mapping.date_order);
            Column {
                field,
                index,
                parser,
                detected,
            }
        })
        .collect();
    let questions = columns
        .iter()
        .filter(|c| c.parser == Parser::Date(None))
        .map(|c| {
            let examples: Vec<String> = values_of(table, c.index)
                .filter(|v| matches!(values::date_shape(v), Ok(DateShape::Numeric(..))))
                .take(3)
                .map(str::to_string)
                .collect();
            DateQuestion {
                column: c.index + 1,
                header: table.header_of(c.index).to_string(),
                field: c.field.name().to_string(),
                question: format!(
                    "Column {} ('{}'): is {} day/month/year or month/day/year? No value tells (each day and month is 12 or less); give the date order (dmy or mdy).",
                    c.index + 1,
                    table.header_of(c.index),
                    examples.first().map_or("a date", String::as_str),
                ),
                examples,
            }
        })
        .collect();
    (columns, questions)
}

fn choose(
    table: &Table,
    index: usize,
    kind: ValueKind,
    given: Option<DateOrder>,
) -> (Parser, String) {
    match kind {
        ValueKind::Text => (Parser::Text, "text".into()),
        ValueKind::ProductCode => (Parser::ProductCode, "FDA product codes".into()),
        ValueKind::Status => (Parser::Status, "asset status".into()),
        ValueKind::WorkKind => (Parser::WorkKind, "work-order kinds".into()),
        ValueKind::Whole(min, max) => (
            Parser::Whole(min, max),
            format!("whole numbers, {min} to {max}"),
        ),
        ValueKind::YesNo => {
            let x_marks = values_of(table, index).all(|v| v.eq_ignore_ascii_case("x"))
                && values_of(table, index).next().is_some();
            let detected = if x_marks {
                "yes/no, X marks yes, blank no"
            } else {
                "yes/no"
            };
            (Parser::YesNo(x_marks), detected.into())
        }
        ValueKind::Amount | ValueKind::Hours | ValueKind::Years => {
            let (mut point, mut comma) = (0usize, 0usize);
            for v in values_of(table, index) {
                match values::amount_body(v).map(values::mark_of) {
                    Ok(Mark::Point) => point += 1,
                    Ok(Mark::Comma) => comma += 1,
                    _ => {}
                }
            }
            let noun = match kind {
                ValueKind::Hours => "hours",
                ValueKind::Years => "years",
                _ => "amounts",
            };
            if comma > point {
                (
                    Parser::Amount(Mark::Comma, kind),
                    format!("{noun}, decimal comma"),
                )
            } else {
                (
                    Parser::Amount(Mark::Point, kind),
                    format!("{noun}, decimal point"),
                )
            }
        }
        ValueKind::Date => choose_date_order(table, index, given),
    }
}

/// A date column's order: told by values whose day is above 12 (day first) or whose
/// month is (month first); the majority when both occur; else the order given, else
/// undecided when any date needs an order.
fn choose_date_order(table: &Table, index: usize, given: Option<DateOrder>) -> (Parser, String) {
    let (mut day_first, mut month_first, mut numeric) = (0usize, 0usize, 0usize);
    for v in values_of(table, index) {
        if let Ok(DateShape::Numeric(a, b, _)) = values::date_shape(v) {
            numeric += 1;
            if a > 12 && b <= 12 {
                day_first += 1;
            } else if b > 12 && a <= 12 {
                month_first += 1;
            }
        }
    }
    let told = match (day_first, month_first) {
        (0, 0) => None,
        (d, m) if d > m => Some(DateOrder::DayMonth),
        (d, m) if m > d => Some(DateOrder::MonthDay),
        _ => given.or(Some(DateOrder::DayMonth)),
    };
    let name = |o: DateOrder| match o {
        DateOrder::DayMonth => "day first",
        DateOrder::MonthDay => "month first",
    };
    match (told, given) {
        (Some(o), _) => (Parser::Date(Some(o)), format!("dates, {}", name(o))),
        (None, _) if numeric == 0 => (Parser::Date(Some(DateOrder::DayMonth)), "dates".into()),
        (None, Some(o)) => (
            Parser::Date(Some(o)),
            format!("dates, {} (as given)", name(o)),
        ),
        (None, None) => (
            Parser::Date(None),
            "dates, day or month first undecided".into(),
        ),
    }
}

impl<F: Field> Column<F> {
    /// The value of `raw` (trimmed), or why it cannot be read.
    fn read<'t>(&self, raw: &'t str) -> Result<Value<'t>, String> {
        if raw.is_empty() {
            return Ok(match self.parser {
                Parser::YesNo(true) => Value::Bool(false),
                _ => Value::Blank,
            });
        }
        match self.parser {
            Parser::Text | Parser::ProductCode => Ok(Value::Text(raw)),
            Parser::Status => values::status(raw).map(Value::Status),
            Parser::WorkKind => Ok(Value::Kind(values::work_kind(raw))),
            Parser::Whole(min, max) => values::whole(raw, min, max).map(Value::Whole),
            Parser::YesNo(_) => values::yes_no(raw).map(Value::Bool),
            Parser::Amount(mark, kind) => read_amount(raw, mark, kind),
            Parser::Date(order) => read_date(raw, order),
        }
    }
}

fn read_amount<'t>(raw: &str, mark: Mark, kind: ValueKind) -> Result<Value<'t>, String> {
    let body = values::amount_body(raw)?;
    let own = values::mark_of(body);
    if own != Mark::Either && own != mark {
        let name = |m| if m == Mark::Comma { "comma" } else { "point" };
        return Err(format!(
            "'{raw}' has a decimal {}, in a column otherwise using decimal {}s",
            name(own),
            name(mark)
        ));
    }
    let value = values::amount_of(body, mark)?;
    if kind == ValueKind::Years && value <= Decimal::ZERO {
        return Err(format!("an expected life of {value}"));
    }
    Ok(Value::Amount(value))
}

fn read_date<'t>(raw: &str, order: Option<DateOrder>) -> Result<Value<'t>, String> {
    let shape = values::date_shape(raw)?;
    let order = match (shape, order) {
        (DateShape::Numeric(..), None) => return Ok(Value::Pending),
        (_, order) => order.unwrap_or(DateOrder::DayMonth),
    };
    if let DateShape::Numeric(a, b, _) = shape {
        let contradicts = match order {
            DateOrder::DayMonth => b > 12 && a <= 12,
            DateOrder::MonthDay => a > 12 && b <= 12,
        };
        if contradicts {
            let (own, column) = match order {
                DateOrder::DayMonth => ("month", "day"),
                DateOrder::MonthDay => ("day", "month"),
            };
            return Err(format!(
                "'{raw}' has the {own} first, in a column otherwise {column} first"
            ));
        }
    }
    values::date_of(shape, order).map(Value::Date)
}

/// The problems of one row, as the row is read.
pub(super) struct RowIssues<'a, F> {
    table: &'a Table,
    columns: &'a [Column<F>],
    row: &'a TableRow,
    pub rejected: Vec<Rejection>,
    pub warnings: Vec<Rejection>,
}

impl<F: Field> RowIssues<'_, F> {
    fn issue(&self, field: F, reason: String) -> Rejection {
        let column = self
            .columns
            .iter()
            .find(|c| c.field == field)
            .map_or(0, |c| c.index);
        Rejection {
            row: self.row.number,
            column: column + 1,
            header: self.table.header_of(column).to_string(),
            field: Some(field.name().to_string()),
            value: self.row.cell(column).to_string(),
            reason,
        }
    }

    /// Rejects the row for the value of `field`.
    pub fn reject(&mut self, field: F, reason: String) {
        let r = self.issue(field, reason);
        self.rejected.push(r);
    }

    /// Keeps the row with a warning about the value of `field`.
    pub fn warn(&mut self, field: F, reason: String) {
        let w = self.issue(field, reason);
        self.warnings.push(w);
    }
}

/// The rows read: the records of the rows accepted, every problem, counts per column.
pub(super) struct Outcome<T> {
    pub accepted: Vec<T>,
    pub rejected: Vec<Rejection>,
    pub warnings: Vec<Rejection>,
    pub rejected_rows: usize,
    /// (parsed, blank, rejected) per mapped column.
    counts: Vec<[usize; 3]>,
}

impl<T> Outcome<T> {
    fn new(columns: usize, rows: usize) -> Self {
        Outcome {
            accepted: Vec::with_capacity(rows),
            rejected: Vec::new(),
            warnings: Vec::new(),
            rejected_rows: 0,
            counts: vec![[0; 3]; columns],
        }
    }

    /// Adds the outcome of the rows that follow.
    fn absorb(&mut self, mut next: Outcome<T>) {
        self.accepted.append(&mut next.accepted);
        self.rejected.append(&mut next.rejected);
        self.warnings.append(&mut next.warnings);
        self.rejected_rows += next.rejected_rows;
        for (sum, n) in self.counts.iter_mut().zip(&next.counts) {
            for j in 0..3 {
                sum[j] += n[j];
            }
        }
    }
}

/// Rows per parallel chunk.
const CHUNK: usize = 2048;

/// Rows per wave: a wave is read in parallel chunks while the caller takes the one before.
const WAVE: usize = 4 * CHUNK;

/// Reads every row: each mapped cell with its column's parser, then `build` makes the
/// record of the row's values (in the order of `columns`) and adds the row's own
/// problems. A row with any rejected value is rejected; a row with an undecided date is
/// neither accepted nor rejected.
pub(super) fn read_rows<'t, F, T, B>(
    table: &'t Table,
    columns: &[Column<F>],
    build: B,
) -> Outcome<T>
where
    F: Field,
    T: Send,
    B: Fn(usize, &[Value<'t>], &mut RowIssues<'_, F>) -> T + Sync,
{
    let read: Result<_, std::convert::Infallible> =
        read_rows_streamed(table, columns, build, |_| Ok(()));
    match read {
        Ok(outcome) => outcome,
        Err(never) => match never {},
    }
}

/// [`read_rows`], handing each wave of rows read to `take`, in file order and on the
/// calling thread, while the next wave is being read (an import stores one wave while
/// the next is parsed). The records `take` moves out of a wave are not in the outcome. An
/// error from `take` stops the reading and is returned.
pub(super) fn read_rows_streamed<'t, F, T, B, E>(
    table: &'t Table,
    columns: &[Column<F>],
    build: B,
    mut take: impl FnMut(&mut Outcome<T>) -> Result<(), E>,
) -> Result<Outcome<T>, E>
where
    F: Field,
    T: Send,
    B: Fn(usize, &[Value<'t>], &mut RowIssues<'_, F>) -> T + Sync,
{
    let rows = table.rows();
    std::thread::scope(|scope| {
        let (sender, waves) = std::sync::mpsc::channel();
        let build = &build;
        scope.spawn(move || {
            for (w, wave) in rows.chunks(WAVE).enumerate() {
                let outcome = read_wave(table, columns, build, wave, w * WAVE);
                if sender.send(outcome).is_err() {
                    break;
                }
            }
        });
        let mut all = Outcome::new(columns.len(), rows.len());
        for mut wave in waves {
            take(&mut wave)?;
            all.absorb(wave);
        }
        Ok(all)
    })
}

/// Reads the rows of one wave (`first` is the index of its first row) in parallel chunks.
fn read_wave<'t, F, T, B>(
    table: &'t Table,
    columns: &[Column<F>],
    build: &B,
    wave: &'t [TableRow],
    first: usize,
) -> Outcome<T>
where
    F: Field,
    T: Send,
    B: Fn(usize, &[Value<'t>], &mut RowIssues<'_, F>) -> T + Sync,
{
    let chunks: Vec<Outcome<T>> = wave
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(c, rows)| {
            let mut out = Outcome::new(columns.len(), rows.len());
            let mut values = Vec::with_capacity(columns.len());
            for (i, row) in rows.iter().enumerate() {
                let mut issues = RowIssues {
                    table,
                    columns,
                    row,
                    rejected: Vec::new(),
                    warnings: Vec::new(),
                };
                values.clear();
                for (k, column) in columns.iter().enumerate() {
                    let raw = row.cell(column.index);
                    let value = column.read(raw).unwrap_or_else(|reason| {
                        issues.reject(column.field, reason);
                        out.counts[k][2] += 1;
                        Value::Blank
                    });
                    match value {
                        Value::Blank if raw.is_empty() => out.counts[k][1] += 1,
                        Value::Blank => {}
                        _ => out.counts[k][0] += 1,
                    }
                    values.push(value);
                }
                let record = build(first + c * CHUNK + i, &values, &mut issues);
                out.warnings.append(&mut issues.warnings);
                if !issues.rejected.is_empty() {
                    out.rejected_rows += 1;
                    out.rejected.append(&mut issues.rejected);
                } else if !values.contains(&Value::Pending) {
                    out.accepted.push(record);
                }
            }
            out
        })
        .collect();
    let mut all = Outcome::new(columns.len(), wave.len());
    for chunk in chunks {
        all.absorb(chunk);
    }
    all
}

/// A report for every column of the file, mapped or not.
pub(super) fn column_reports<F: Field, T>(
    table: &Table,
    columns: &[Column<F>],
    outcome: &Outcome<T>,
) -> Vec<ColumnReport> {
    (0..table.width())
        .map(|index| {
            let examples = values_of(table, index)
                .take(3)
                .map(str::to_string)
                .collect();
            let header = table.header_of(index).to_string();
            match columns.iter().position(|c| c.index == index) {
                Some(k) => {
                    let [parsed, blank, rejected] = outcome.counts[k];
                    ColumnReport {
                        column: index + 1,
                        header,
                        field: Some(columns[k].field.name().to_string()),
                        parsed,
                        blank,
                        rejected,
                        detected: columns[k].detected.clone(),
                        examples,
                    }
                }
                None => ColumnReport {
                    column: index + 1,
                    header,
                    field: None,
                    parsed: 0,
                    blank: table
                        .rows()
                        .iter()
                        .filter(|r| r.cell(index).is_empty())
                        .count(),
                    rejected: 0,
                    detected: "not mapped".into(),
                    examples,
                },
            }
        })
        .collect()
}

/// The text of a value read as text (`None` when blank).
pub(super) fn text(v: &Value<'_>) -> Option<String> {
    match v {
        Value::Text(s) => Some((*s).to_string()),
        _ => None,
    }
}

pub(super) fn date(v: &Value<'_>) -> Option<NaiveDate> {
    match v {
        Value::Date(d) => Some(*d),
        _ => None,
    }
}

pub(super) fn amount(v: &Value<'_>) -> Option<Decimal> {
    match v {
        Value::Amount(d) => Some(*d),
        _ => None,
    }
}

pub(super) fn whole(v: &Value<'_>) -> Option<i32> {
    match v {
        Value::Whole(n) => Some(*n),
        _ => None,
    }
}
