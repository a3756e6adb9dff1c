//! Acceptance tests: real portfolio files, the CLI as a process, published worked examples.

mod cli;
mod portfolio;
mod published;
