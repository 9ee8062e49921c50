//! `eligo test`: scenario documents checked against their `expect:` blocks
//! and stored snapshots, with rule coverage.
//!
//! `discover` finds the scenario files, `select` keeps the documents the
//! filters ask for, `runner` decides them in parallel and judges each,
//! `coverage` counts what the rules did, `snapshot` keeps decisions beside
//! the scenarios, and `results` is what every output format in
//! `crate::report` reads. `named_decisions` serves snapshot tests written
//! in Rust.

pub mod coverage;
mod decisions;
pub mod discover;
mod errors;
pub mod progress;
pub mod results;
pub mod runner;
pub mod select;
pub mod snapshot;

pub use coverage::{Coverage, CoverageReport, Tally};
pub use decisions::named_decisions;
pub use errors::TestError;
pub use results::{Decided, DocumentRun, Finding, Status, Summary, TestRun, Written};
pub use runner::{run, Options};
pub use select::{NamePattern, Selection};
pub use snapshot::SnapshotStore;
