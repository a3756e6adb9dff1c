//! One error type for the whole domain library.
//!
//! Every error names the place at fault (a field, a file and line, an id) so that the
//! CLI, the desktop app and the tests can tell the user what to fix. [`ErrorPayload`] is
//! the serialisable form that crosses IPC: the UI branches on its `kind`, never on text.

use serde::Serialize;
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that breaks a rule; `field` names where (e.g. `candidates[2].unit_price`).
    #[error("{field}: {message}")]
    Validation { field: String, message: String },

    #[error("{entity} {id} does not exist")]
    NotFound { entity: &'static str, id: String },

    /// The change would duplicate something that must be unique.
    #[error("{field}: {message}")]
    Conflict { field: String, message: String },

    #[error("{path} is not a Caliper portfolio: {reason}")]
    NotAPortfolio { path: String, reason: String },

    #[error("{path} was written by a newer Caliper (schema version {found}; this version reads up to {supported}). Nothing was changed.")]
    NewerSchema {
        path: String,
        found: i64,
        supported: i64,
    },

    /// A file that could not be parsed; `location` is `file:line:column` or `file, row N`.
    #[error("{location}: {message}")]
    Parse { location: String, message: String },

    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },

    #[error("portfolio storage: {}", storage_message(.0))]
    Storage(#[from] rusqlite::Error),

    #[error("portfolio migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),

    /// The user cancelled a long computation.
    #[error("cancelled")]
    Cancelled,

    /// A stored value that does not read back (never silently replaced by zero).
    #[error("stored data is corrupt at {place}: {message}")]
    Corrupt { place: String, message: String },

    /// A report (PDF, workbook, CSV) that could not be laid out or encoded; `what` names it.
    #[error("{what} could not be written: {message}")]
    Render { what: String, message: String },

    /// A bug in Caliper, such as a background task that panicked: nothing the user did or
    /// stored is at fault.
    #[error("internal error (a bug in Caliper): {message}")]
    Internal { message: String },
}

impl Error {
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Validation {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn not_found(entity: &'static str, id: impl ToString) -> Self {
        Error::NotFound {
            entity,
            id: id.to_string(),
        }
    }

    pub fn conflict(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Conflict {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn render(what: impl Into<String>, message: impl ToString) -> Self {
        Error::Render {
            what: what.into(),
            message: message.to_string(),
        }
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Error::Internal {
            message: message.into(),
        }
    }

    pub fn io(path: impl AsRef<std::path::Path>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.as_ref().display().to_string(),
            source,
        }
    }

    /// Prefix the field path of a validation error, e.g. `unit_price` -> `candidates[2].unit_price`.
    pub fn within(self, prefix: &str) -> Self {
        match self {
            Error::Validation { field, message } => Error::Validation {
                field: join_field(prefix, &field),
                message,
            },
            Error::Conflict { field, message } => Error::Conflict {
                field: join_field(prefix, &field),
                message,
            },
            other => other,
        }
    }

    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Validation { .. } => ErrorKind::Validation,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::Conflict { .. } => ErrorKind::Conflict,
            Error::NotAPortfolio { .. } => ErrorKind::NotAPortfolio,
            Error::NewerSchema { .. } => ErrorKind::NewerSchema,
            Error::Parse { .. } => ErrorKind::Parse,
            Error::Io { .. } => ErrorKind::Io,
            Error::Cancelled => ErrorKind::Cancelled,
            Error::Render { .. } => ErrorKind::Render,
            Error::Internal { .. } => ErrorKind::Internal,
            Error::Storage(_) | Error::Migration(_) | Error::Corrupt { .. } => ErrorKind::Storage,
        }
    }

    /// The field at fault, when the error is about one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Validation { field, .. } | Error::Conflict { field, .. } => Some(field),
            _ => None,
        }
    }
}

/// Parses JSON text into `T`; errors name the file, line, column and the field path
/// (`problem.json:4:17: criteria[0].weight: invalid type ...`). Anything but whitespace
/// after the document is refused (`problem.json:9:1: trailing characters`).
pub fn from_json<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let parsed: std::result::Result<T, _> = serde_path_to_error::deserialize(&mut *de);
    let value = parsed.map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let message = if path == "." || path.is_empty() {
            inner.to_string()
        } else {
            format!("{path}: {inner}")
        };
        Error::Parse {
            location: format!("{file}:{}:{}", inner.line(), inner.column()),
            message,
        }
    })?;
    de.end().map_err(|e| Error::Parse {
        location: format!("{file}:{}:{}", e.line(), e.column()),
        message: "trailing characters after the JSON document".into(),
    })?;
    Ok(value)
}

/// Converts an already-parsed JSON value (e.g. a command argument) into `T`; errors name
/// the field path within `what`.
pub fn from_value<T: serde::de::DeserializeOwned>(
    what: &str,
    value: serde_json::Value,
) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        Error::Validation {
            field: if path == "." {
                what.to_string()
            } else {
                format!("{what}.{path}")
            },
            message: e.into_inner().to_string(),
        }
    })
}

/// SQLite's message, or what a query stopped for running too long means.
fn storage_message(e: &rusqlite::Error) -> String {
    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted) {
        format!(
            "a query ran longer than {} seconds and was stopped; the portfolio file may hold a query that never ends",
            crate::store::QUERY_TIME_LIMIT.as_secs()
        )
    } else {
        e.to_string()
    }
}

fn join_field(prefix: &str, field: &str) -> String {
    if field.is_empty() {
        prefix.to_string()
    } else if field.starts_with('[') {
        format!("{prefix}{field}")
    } else {
        format!("{prefix}.{field}")
    }
}

/// What kind of failure: the UI chooses how to show an error from this alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Validation,
    NotFound,
    Conflict,
    NotAPortfolio,
    NewerSchema,
    Parse,
    Io,
    Storage,
    Cancelled,
    /// A report could not be laid out or written.
    Render,
    /// A bug in Caliper (e.g. a panicked task); restarting may help.
    Internal,
}

crate::ipc::choice!(ErrorKind {
    Validation => "Not saved",
    NotFound => "Not found",
    Conflict => "Conflict",
    NotAPortfolio => "Not a Caliper portfolio",
    NewerSchema => "Portfolio from a newer Caliper",
    Parse => "Unreadable data",
    Io => "File error",
    Storage => "Storage error",
    Cancelled => "Cancelled",
    Render => "Report not written",
    Internal => "Internal error",
});

/// The serialisable form of [`Error`] sent to the UI and printed by `--json` commands.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ErrorPayload {
    pub kind: ErrorKind,
    /// The field at fault (dotted path), when the error is about one field.
    pub field: Option<String>,
    pub message: String,
}

impl From<&Error> for ErrorPayload {
    fn from(e: &Error) -> Self {
        ErrorPayload {
            kind: e.kind(),
            field: e.field().map(str::to_string),
            message: e.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn data_after_the_json_document_is_refused_with_its_place() {
        let err = from_json::<Vec<u32>>("rules.json", "[1, 2]\n\n  {}").unwrap_err();
        assert_eq!(
            err.to_string(),
            "rules.json:3:3: trailing characters after the JSON document"
        );
        assert_eq!(
            from_json::<Vec<u32>>("rules.json", " [1, 2] \n").unwrap(),
            [1, 2]
        );
    }

    #[test]
    fn kinds_say_what_happened() {
        let check = |e: Error, kind: &str, message: &str| {
            let payload = serde_json::to_value(ErrorPayload::from(&e)).unwrap();
            assert_eq!(payload["kind"], kind, "{e}");
            assert_eq!(payload["message"], message);
        };
        check(
            Error::render("the PDF", "no room on the page"),
            "render",
            "the PDF could not be written: no room on the page",
        );
        check(
            Error::internal("the brief export stopped unexpectedly"),
            "internal",
            "internal error (a bug in Caliper): the brief export stopped unexpectedly",
        );
        check(
            Error::io(
                "out/brief.pdf",
                std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied"),
            ),
            "io",
            "out/brief.pdf: denied",
        );
    }
}
