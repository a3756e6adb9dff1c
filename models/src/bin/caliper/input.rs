//! What the command line reads: typed flag values and JSON files.
//!
//! Dates, paper sizes and chart kinds and formats are parsed by clap through the
//! engine's own parsers, so a bad value fails with the engine's message and exit status 1,
//! as every other input error does; see [`refused`].

use std::io::Read;
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
            eprintln!("error: {}", crate::output::shown(&error.to_string()));
            ExitCode::FAILURE
        }
        None => e.exit(),
    }
}

/// `--as-of`: a date in the form YYYY-MM-DD.
pub fn date(text: &str) -> Result<NaiveDate> {
    date_of("as-of", text)
}

/// A date in the form YYYY-MM-DD; a refusal names `field`.
pub fn date_of(field: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::validation(
            field,
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

/// The largest JSON input file read (`--input`, `--set`): 64 MiB, far above any real
/// problem, profile or rule table.
pub const MAX_JSON_BYTES: u64 = 64 * 1024 * 1024;

/// A JSON file, parsed; errors name the file and the field at fault. See [`read_text`].
pub fn read_json<T: serde::de::DeserializeOwned>(file: &Path) -> Result<T> {
    let text = read_text(file)?;
    from_json(&file.display().to_string(), &text)
}

/// A JSON input file's text, refused beyond [`MAX_JSON_BYTES`]. A pipe or device (e.g.
/// `<(command)`) is read up to one byte past the limit, so an endless one such as
/// `/dev/zero` is refused instead of filling memory.
pub fn read_text(file: &Path) -> Result<String> {
    let too_large = || {
        Error::validation(
            "input",
            format!(
                "{} is larger than {} MiB, the limit for a JSON input file",
                file.display(),
                MAX_JSON_BYTES / (1024 * 1024)
            ),
        )
    };
    let opened = std::fs::File::open(file).map_err(|e| Error::io(file, e))?;
    let meta = opened.metadata().map_err(|e| Error::io(file, e))?;
    if meta.is_file() && meta.len() > MAX_JSON_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    opened
        .take(MAX_JSON_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(file, e))?;
    if bytes.len() as u64 > MAX_JSON_BYTES {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|e| Error::Parse {
        location: file.display().to_string(),
        message: format!(
            "is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ),
    })
}

/// `--type` of a request: replacement, new_technology or expansion.
pub fn request_type(text: &str) -> Result<caliper_models::domain::RequestType> {
    caliper_models::domain::RequestType::parse("type", text.trim())
}

/// `--status` of a request: draft, in_assessment, recommended, approved, deferred, rejected.
pub fn status(text: &str) -> Result<caliper_models::domain::RequestStatus> {
    caliper_models::domain::RequestStatus::parse("status", text.trim())
}

/// `--method` of a request: weighted_sum or topsis.
pub fn method(text: &str) -> Result<caliper_models::ranking::Method> {
    caliper_models::ranking::Method::parse("method", text.trim())
}

/// `--score`: a whole number (the engine checks that it is on the criterion's scale).
pub fn score(text: &str) -> Result<u8> {
    text.trim().parse().map_err(|_| {
        Error::validation(
            "score",
            format!("'{text}' is not a score: give one whole number from 1 to 5"),
        )
    })
}

/// `--quantity`: a whole number of units.
pub fn quantity(text: &str) -> Result<u32> {
    text.trim().parse().map_err(|_| {
        Error::validation(
            "quantity",
            format!("'{text}' is not a whole number of units"),
        )
    })
}

/// A value of one of the engine's listed choices (`--kind judged`, `--direction cost`),
/// as its JSON name; a refusal names `field` and lists the accepted names.
pub fn choice<T>(field: &str, text: &str) -> Result<T>
where
    T: caliper_models::ipc::Choice + serde::de::DeserializeOwned,
{
    serde_json::from_value(serde_json::Value::String(text.trim().to_string())).map_err(|_| {
        let names: Vec<String> = T::VALUES
            .iter()
            .filter_map(|v| serde_json::to_value(v).ok())
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        Error::validation(
            field,
            format!("'{text}' is not one of: {}", names.join(", ")),
        )
    })
}

/// `--kind` of a criterion: judged or measured.
pub fn criterion_kind(text: &str) -> Result<caliper_models::criteria::CriterionKind> {
    choice("kind", text)
}

/// `--direction` of a criterion: benefit or cost.
pub fn direction(text: &str) -> Result<caliper_models::criteria::Direction> {
    choice("direction", text)
}
