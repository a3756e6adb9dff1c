//! Acceptance tests: real portfolio files, the CLI as a process, published worked examples.
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod architecture;
mod authoring;
mod backup;
mod brief;
mod capital_plan;
mod chart;
mod cli;
mod compat;
mod decision;
mod evidence;
mod evidence_kept;
mod export;
mod faults;
mod finance;
// Group purchasing.
mod financial_case;
mod financial_case_export;
mod gpo;
mod inventory_priority;
mod inventory_read;
mod inventory_store;
mod kill;
mod limits;
mod mds2_text;
mod plan;
mod plan_brief;
mod portfolio;
mod published;
mod score_sheets;
mod snapshots;
