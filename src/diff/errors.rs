//! What can stop `eligo diff` before any scenario is compared: a side that
//! names neither a folder nor a commit, and `git` that cannot be run or
//! cannot read the commit.

use std::sync::Arc;

use miette::Diagnostic;
use thiserror::Error;

use crate::diagnostic::FileDiagnostic;

#[derive(Clone, Debug, Error, Diagnostic, PartialEq, Eq)]
pub enum DiffError {
    #[error("`{given}` is neither a folder nor a git commit: {reason}")]
    #[diagnostic(
        code(eligo::diff::unknown_side),
        help("pass a folder of `.policy` files, or a branch, tag or commit of the repository you run in (such as `main` or `HEAD~1`)")
    )]
    UnknownSide { given: String, reason: String },

    #[error("cannot run `git`: {reason}")]
    #[diagnostic(
        code(eligo::diff::git),
        help("`eligo diff` reads commits with the `git` command; install git, or pass folders instead")
    )]
    GitUnavailable { reason: String },

    #[error("`{reference}` holds no `.policy` files below `{dir}`")]
    #[diagnostic(
        code(eligo::diff::no_policies),
        help("`--policies DIR` names the folder inside the repository, relative to where you run eligo")
    )]
    NoPoliciesAtCommit { reference: String, dir: String },
}

impl DiffError {
    /// The error as a diagnostic of the run (no file to point at).
    pub fn diagnostic(self) -> FileDiagnostic {
        let none: Arc<str> = Arc::from("");
        FileDiagnostic::new(&none, &none, self)
    }
}

/// A document whose decision this side's policies do not have.
pub fn unknown_decision(scenario: &crate::scenario::Scenario) -> FileDiagnostic {
    let text: Arc<str> = Arc::from("");
    FileDiagnostic::new(
        &scenario.file,
        &text,
        UnknownDecision {
            name: scenario.decision.clone(),
        },
    )
}

#[derive(Clone, Debug, Error, Diagnostic, PartialEq, Eq)]
#[error("this side's policies have no decision `{name}`")]
#[diagnostic(
    code(eligo::diff::unknown_decision),
    help("the decision was removed or renamed; the summary of the policy change lists it")
)]
pub struct UnknownDecision {
    pub name: String,
}
