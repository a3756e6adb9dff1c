//! The one error type the commands return: `caliper_models::ErrorPayload`, whose `kind`
//! the UI branches on.

use caliper_models::{Error, ErrorPayload};

pub type CmdResult<T> = Result<T, ErrorPayload>;

/// Converts a domain result into a command result.
pub fn cmd<T>(r: caliper_models::Result<T>) -> CmdResult<T> {
    r.map_err(|e| ErrorPayload::from(&e))
}

/// A poisoned lock means an earlier command panicked mid-way (its panic message is already
/// on stderr); say so instead of panicking again.
pub fn poisoned() -> ErrorPayload {
    ErrorPayload::from(&Error::internal(
        "an earlier operation stopped unexpectedly; restart Caliper",
    ))
}

/// The result of a command run on a background thread: its own, or an internal error when
/// the thread panicked. The panic message is written to stderr; the user is told what
/// stopped.
pub fn joined<T>(task: &str, joined: tauri::Result<CmdResult<T>>) -> CmdResult<T> {
    match joined {
        Ok(result) => result,
        Err(e) => {
            let detail = match e {
                tauri::Error::JoinError(e) if e.is_panic() => panic_message(e.into_panic()),
                other => other.to_string(),
            };
            eprintln!("caliper: the {task} stopped: {detail}");
            Err(ErrorPayload::from(&Error::internal(format!(
                "the {task} stopped unexpectedly; the details are in Caliper's log"
            ))))
        }
    }
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    match payload.downcast::<String>() {
        Ok(s) => *s,
        Err(payload) => match payload.downcast::<&'static str>() {
            Ok(s) => (*s).to_string(),
            Err(_) => "a panic without a message".to_string(),
        },
    }
}
