//! eligo: a rules and policy engine whose decisions explain themselves.
//!
//! Load a policy set once with [`load_policies`] (or [`check::check`]), read
//! scenarios with [`scenario::load`], and evaluate them with [`decide`].

pub mod check;
pub mod cli;
pub mod diagnostic;
pub mod diff;
pub mod eval;
pub mod explain;
pub mod files;
pub mod fmt;
pub mod limits;
pub mod lint;
pub mod lsp;
pub mod ordered;
pub mod plan;
pub mod report;
pub mod scenario;
pub mod source;
pub mod syntax;
pub mod testing;
pub mod types;
pub mod value;
pub mod verdict;

mod api;

pub use api::{
    decide, is_policy_file, load_policies, load_policies_within, load_policy_files,
    DocumentFailure, IoError,
};
pub use explain::DecisionResult;
pub use limits::Limits;
pub use plan::PolicySet;
pub use scenario::Scenario;
