//! What can stop `eligo test` from running a scenario, besides the scenario
//! itself: paths with nothing to test, filters that match nothing, stored
//! snapshots that cannot be read or written.

use std::sync::Arc;

use miette::Diagnostic;
use thiserror::Error;

use crate::diagnostic::FileDiagnostic;

#[derive(Clone, Debug, Error, Diagnostic, PartialEq, Eq)]
pub enum TestError {
    #[error("`{path}` holds no scenario files")]
    #[diagnostic(
        code(eligo::test::no_scenarios),
        help("scenario files end in `.yaml` or `.yml`; folders are searched below, hidden ones skipped")
    )]
    NoScenarioFiles { path: String },

    #[error("unknown decision `{name}` in `--decision`")]
    #[diagnostic(code(eligo::test::unknown_decision))]
    UnknownDecision {
        name: String,
        #[help]
        help: Option<String>,
    },

    #[error("no scenario document matches {filters}")]
    #[diagnostic(
        code(eligo::test::nothing_selected),
        help("`--name` matches a document's `name:` or its `path#index`; without `*` or `?` it matches any part of them")
    )]
    NothingSelected { filters: String },

    #[error("the scenario files hold no documents")]
    #[diagnostic(
        code(eligo::test::no_documents),
        help("a scenario document has `decision:` and `input:`; documents are separated by `---`")
    )]
    NoDocuments,

    #[error("cannot {action} snapshot `{path}`: {reason}")]
    #[diagnostic(code(eligo::test::snapshot))]
    Snapshot {
        action: &'static str,
        path: String,
        reason: String,
    },
}

impl TestError {
    /// The error as a diagnostic about `file` (a path, or `""` for the run).
    pub fn about(self, file: &str) -> FileDiagnostic {
        let file: Arc<str> = Arc::from(file);
        let empty: Arc<str> = Arc::from("");
        FileDiagnostic::new(&file, &empty, self)
    }
}
