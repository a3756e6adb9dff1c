//! Caliper's domain library: everything but the window.
//!
//! Pure modules (`money`, `criteria`, `aggregate`, `ranking`, `assessment`, `compat`, ...)
//! compute and do no I/O; edge modules (`store`, `import`, `demo`, `report`) touch SQLite
//! and files. The `caliper` CLI, the desktop shell
//! and the tests all call these functions, so a number is computed in one place only.

pub mod aggregate;
pub mod ahp;
pub mod assessment;
pub mod authoring;
pub mod bindings;
pub mod capital;
pub mod compat;
pub mod criteria;
pub mod decision;
pub mod demo;
pub mod document;
pub mod domain;
pub mod error;
pub mod evidence;
pub mod finance;
pub mod ids;
pub mod import;
pub mod inventory;
pub mod ipc;
pub mod lifecycle;
pub mod money;
pub mod output;
pub mod plan;
pub mod quote;
pub mod ranking;
pub mod recent;
pub mod report;
pub mod scoresheet;
pub mod sensitivity;
pub mod store;

// Group purchasing: the pure engine and the workspace that reads the members.
pub mod gpo;
pub mod workspace;

pub use error::{Error, ErrorKind, ErrorPayload, Result};
