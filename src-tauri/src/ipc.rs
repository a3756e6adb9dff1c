//! The Tauri commands, generated from the contract in `caliper_models::ipc`: one
//! `#[tauri::command]` wrapper per entry, and the handler list. A wrapper reads its
//! arguments, then calls the plain handler of the same name in [`crate::commands`] off the
//! async runtime; the handler's argument and result types must be the contract's, so a
//! command missing from either side, or typed differently, does not compile.
//!
//! The contract's markers choose what a handler is given: a `#[writes]` handler gets the
//! portfolio to change, through [`AppState::write`], which refuses the change when the
//! window's data is older than the file; any other handler gets the [`AppState`], whose
//! portfolio it can only read, so an unmarked command that writes does not compile. After
//! an `#[opens]` command the calling window is up to date with the file it opened. A
//! `#[window]` handler is also given the label of the window that sent the command.
//!
//! Arguments are read as JSON values and converted through `serde_path_to_error`
//! ([`Arg`]): a bad value is an `ErrorPayload` of kind `validation` naming its field path
//! (`model.service_escalation`), where Tauri's own deserialisation would reject the call
//! with a bare string.

use caliper_models::error::from_value;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use tauri::ipc::{Channel, JavaScriptChannelId};
use tauri::{Manager, Webview};

use crate::error::{cmd, joined, CmdResult};
use crate::state::AppState;

/// One command argument as the window sent it; converted to its contract type by
/// [`Arg::parse`]. A missing argument reads as `null`.
pub struct Arg(serde_json::Value);

impl<'de> Deserialize<'de> for Arg {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Arg(
            Option::<serde_json::Value>::deserialize(d)?.unwrap_or_default()
        ))
    }
}

impl Arg {
    /// The argument as `T`; an error names the field path under the argument's name.
    pub fn parse<T: DeserializeOwned>(self, name: &str) -> CmdResult<T> {
        cmd(from_value(name, self.0))
    }

    /// A progress argument: the window's channel, to send messages of type `T` on.
    pub fn channel<T>(self, name: &str, webview: &Webview) -> CmdResult<Channel<T>> {
        let id: JavaScriptChannelId = self.parse(name)?;
        Ok(id.channel_on(webview.clone()))
    }
}

/// Runs a handler on a blocking thread: commands read SQLite, write files and sample, and
/// must not hold up the async runtime that serves the window. The handler is given the
/// state and the window's label; a window's first command starts watching the portfolio
/// for it.
/// A handler that panics is reported as an internal error naming the command (the panic
/// message goes to stderr).
pub async fn run<T: Send + 'static>(
    command: &str,
    webview: &Webview,
    handler: impl FnOnce(&AppState, &str) -> CmdResult<T> + Send + 'static,
) -> CmdResult<T> {
    let app = webview.app_handle().clone();
    let window = webview.label().to_string();
    let result = tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        state.meet(&window)?;
        handler(&state, &window)
    })
    .await;
    joined(&format!("command {command}"), result)
}

/// Calls a command's handler as its markers (`$key`s) say; see the module doc.
macro_rules! call {
    ([writes $($rest:ident)*] $name:ident($state:ident, $window:ident $(, $arg:ident)*)) => {
        $state.write($window, |portfolio| crate::commands::$name(portfolio $(, $arg)*))
    };
    ([opens $($rest:ident)*] $name:ident($state:ident, $window:ident $(, $arg:ident)*)) => {
        crate::commands::$name($state $(, $arg)*).and_then(|info| {
            $state.catch_up($window)?;
            Ok(info)
        })
    };
    ([window $($rest:ident)*] $name:ident($state:ident, $window:ident $(, $arg:ident)*)) => {
        crate::commands::$name($state, $window $(, $arg)*)
    };
    ([$other:ident $($rest:ident)*] $($call:tt)*) => {
        call!([$($rest)*] $($call)*)
    };
    ([] $name:ident($state:ident, $window:ident $(, $arg:ident)*)) => {{
        let _ = $window;
        crate::commands::$name($state $(, $arg)*)
    }};
}

/// After an `#[opens]` command, File ▸ Open Recent lists the portfolio it opened.
macro_rules! after {
    ([opens $($rest:ident)*] $webview:ident) => {{
        let app = $webview.app_handle();
        let recent = app.state::<AppState>().recent();
        if let Err(e) = crate::menu::show_recent(app, &recent) {
            eprintln!("caliper: File > Open Recent was not updated: {e}");
        }
    }};
    ([$other:ident $($rest:ident)*] $webview:ident) => {
        after!([$($rest)*] $webview)
    };
    ([] $webview:ident) => {
        ()
    };
}

/// Converts one argument: `[progress]` ones to a channel, the others to their type.
macro_rules! convert {
    ([progress] $arg:ident : $ty:ty, $webview:ident) => {
        $arg.channel::<$ty>(stringify!($arg), &$webview)?
    };
    ([] $arg:ident : $ty:ty, $webview:ident) => {
        $arg.parse::<$ty>(stringify!($arg))?
    };
}

/// The contract's callback: the wrappers and [`handler`].
macro_rules! tauri_commands {
    ($(
        $(#[$key:ident $(= $value:literal)?])*
        fn $name:ident ( $( $(#[$marker:ident])? $arg:ident : $ty:ty ),* $(,)? ) -> $ret:ty ;
    )*) => {
        $(
            #[tauri::command]
            pub async fn $name(webview: Webview, $($arg: Arg),*) -> CmdResult<$ret> {
                $( let $arg = convert!([$($marker)?] $arg: $ty, webview); )*
                let result = run(stringify!($name), &webview, move |state, window| {
                    call!([$($key)*] $name(state, window $(, $arg)*))
                })
                .await;
                if result.is_ok() {
                    after!([$($key)*] webview);
                }
                result
            }
        )*

        /// Every command of the contract, for `invoke_handler`.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };
}

caliper_models::caliper_ipc_contract!(tauri_commands);

#[cfg(test)]
mod tests {
    use caliper_models::lifecycle::CostModel;
    use caliper_models::ErrorKind;
    use serde_json::json;

    use super::Arg;

    fn arg(value: serde_json::Value) -> Arg {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn a_bad_argument_is_a_validation_error_naming_its_field() {
        let e = arg(json!({ "service_escalation": "fast" }))
            .parse::<CostModel>("model")
            .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Validation);
        assert_eq!(e.field.as_deref(), Some("model.service_escalation"));

        let e = arg(json!(-1)).parse::<u32>("request_id").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Validation);
        assert_eq!(e.field.as_deref(), Some("request_id"));
    }

    #[test]
    fn a_missing_argument_reads_as_null() {
        let missing: Arg = serde_json::from_str("null").unwrap();
        assert_eq!(missing.parse::<Option<u32>>("facility_id").unwrap(), None);
    }
}
