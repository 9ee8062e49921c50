//! `eligo diff`: which scenario documents decide differently under another
//! version of the policies, and what changed in the policies themselves.
//!
//! `source` reads a side (a folder, or a commit through `git`), `structure`
//! compares the two parsed sets rule by rule, `compare` one document's two
//! decisions, and `runner` streams the scenario files through both sides in
//! parallel. `crate::report` prints a [`DiffRun`] in each format.

pub mod compare;
mod errors;
pub mod runner;
pub mod source;
pub mod structure;

pub use compare::{Answer, Change, DocumentDiff, Side};
pub use errors::DiffError;
pub use runner::{run, DiffRun, DiffSummary, FailOn};
pub use source::PolicySource;
pub use structure::{DecisionChange, PolicyChange, RuleChange, TableChange};
