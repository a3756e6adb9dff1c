//! Tauri commands: adapters of a few lines over `caliper_models`. No business logic here.

pub mod analysis;
pub mod assessment;
pub mod compat;
pub mod lifecycle;
pub mod portfolio;
pub mod report;
pub mod requests;
