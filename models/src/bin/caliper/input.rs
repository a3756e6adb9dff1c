//! What the command line reads: typed flag values and JSON files.
//!
//! Dates, paper sizes and chart kinds and formats are parsed by clap through the
//! engine's own parsers, so a bad value fails with the engine's message and exit status 1,
//! as every other input error does; see [`refused`].

use std::path::Path;
use std::process::ExitCode;

use caliper_models::error::from_json;
use caliper_models::report::svg::{ChartFormat, ChartKind};
use caliper_models::report::Paper;
use caliper_models::{Error, Result};
use chrono::NaiveDate;

/// An on/off setting (`--disqualify-blocking on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Switch {
    On,
    Off,
}

impl Switch {
    pub fn is_on(self) -> bool {
        self == Switch::On
    }
}

/// A command line clap refused. A value that one of this module's parsers refused is
/// reported as the engine reports bad input (`error: field: message`, exit status 1);
/// anything else (unknown flag, missing argument, `--help`) is clap's own.
pub fn refused(e: clap::Error) -> ExitCode {
    let engine_error =
        std::error::Error::source(&e).and_then(|source| source.downcast_ref::<Error>());
    match engine_error {
        Some(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
        None => e.exit(),
    }
}

/// `--as-of`: a date in the form YYYY-MM-DD.
pub fn date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::validation(
            "as-of",
            format!("'{text}' is not a date in the form YYYY-MM-DD"),
        )
    })
}

/// The as-of date of a brief, chart or export: `--as-of`, or today.
pub fn as_of_or_today(as_of: Option<NaiveDate>) -> NaiveDate {
    // The only place the brief and the exports read the clock.
    as_of.unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// `--paper`: a4 or letter.
pub fn paper(text: &str) -> Result<Paper> {
    Paper::parse("paper", text)
}

/// `--kind` of a chart.
pub fn chart_kind(text: &str) -> Result<ChartKind> {
    ChartKind::parse("kind", text)
}

/// `--format` of a chart: svg or png.
pub fn chart_format(text: &str) -> Result<ChartFormat> {
    ChartFormat::parse("format", text)
}

/// A JSON file, parsed; errors name the file and the field at fault.
pub fn read_json<T: serde::de::DeserializeOwned>(file: &Path) -> Result<T> {
    let text = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
    from_json(&file.display().to_string(), &text)
}
