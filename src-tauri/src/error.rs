//! The one error type the commands return: `caliper_models::ErrorPayload`, whose `kind`
//! the UI branches on.

use caliper_models::{Error, ErrorPayload};

pub type CmdResult<T> = Result<T, ErrorPayload>;

/// Converts a domain result into a command result.
pub fn cmd<T>(r: caliper_models::Result<T>) -> CmdResult<T> {
    r.map_err(|e| ErrorPayload::from(&e))
}

/// A poisoned lock means an earlier command panicked mid-way; say so instead of panicking again.
pub fn poisoned() -> ErrorPayload {
    ErrorPayload::from(&Error::Corrupt {
        place: "application state".into(),
        message: "an earlier operation failed unexpectedly; restart Caliper".into(),
    })
}
