//! The command handlers: plain functions of the open portfolio and the contract's typed
//! arguments, each calling one `caliper_models` function. `crate::ipc` generates the Tauri
//! commands that call them. No business logic here.

mod analysis;
mod assessment;
mod capital;
mod compat;
mod decisions;
mod group;
mod inventory;
mod lifecycle;
mod portfolio;
mod report;
mod requests;

pub use analysis::*;
pub use assessment::*;
pub use capital::*;
pub use compat::*;
pub use decisions::*;
pub use group::*;
pub use inventory::*;
pub use lifecycle::*;
pub use portfolio::*;
pub use report::*;
pub use requests::*;
