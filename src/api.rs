//! The library's front door: load a policy set once, then decide scenarios.

use std::path::Path;
use std::sync::Arc;

use miette::Diagnostic;
use thiserror::Error;

use crate::diagnostic::FileDiagnostic;
use crate::eval::InContext;
use crate::explain::DecisionResult;
use crate::files;
use crate::limits::{Limit, Limits};
use crate::plan::{PolicySet, SourceFile};
use crate::scenario::Scenario;

/// A file that could not be read.
#[derive(Debug, Error, Diagnostic)]
#[error("cannot read `{path}`: {reason}")]
#[diagnostic(code(eligo::io))]
pub struct IoError {
    pub path: String,
    pub reason: String,
    #[help]
    pub help: Option<String>,
}

impl IoError {
    /// A diagnostic about a whole file, with nothing in it to point at.
    pub fn about(path: &str, error: impl Diagnostic + Send + Sync + 'static) -> FileDiagnostic {
        let file: Arc<str> = Arc::from(path);
        let empty: Arc<str> = Arc::from("");
        FileDiagnostic::new(&file, &empty, error)
    }

    pub fn diagnostic(path: &str, reason: String, help: Option<String>) -> FileDiagnostic {
        let error = IoError {
            path: path.to_string(),
            reason,
            help,
        };
        IoError::about(path, error)
    }
}

/// Reads and checks every `*.policy` file below `dir`, in path order.
pub fn load_policies(dir: &Path) -> Result<PolicySet, Vec<FileDiagnostic>> {
    load_policies_within(dir, &Limits::default())
}

/// [`load_policies`], with `limits` instead of the default limits.
pub fn load_policies_within(dir: &Path, limits: &Limits) -> Result<PolicySet, Vec<FileDiagnostic>> {
    let shown = dir.display().to_string();
    if !dir.is_dir() {
        return Err(vec![IoError::diagnostic(
            &shown,
            "no such directory".into(),
            Some("pass the folder that holds the `.policy` files with `--policies DIR`".into()),
        )]);
    }
    let paths = match files::walk(dir, false, is_policy_file) {
        Ok(found) => found.files,
        Err((at, error)) => {
            let at = at.display().to_string();
            return Err(vec![IoError::diagnostic(&at, error.to_string(), None)]);
        }
    };
    if paths.is_empty() {
        return Err(vec![IoError::diagnostic(
            &shown,
            "the folder holds no `.policy` files".into(),
            Some("policies are files ending in `.policy`".into()),
        )]);
    }
    let mut files = Vec::with_capacity(paths.len());
    let mut failures = Vec::new();
    for path in paths {
        let display = path.display().to_string();
        match files::read_text(&path, Limit::PolicyFileBytes, limits.policy_file_bytes) {
            Ok(text) => files.push(SourceFile {
                path: Arc::from(display.as_str()),
                text: Arc::from(text),
            }),
            Err(diagnostic) => failures.push(diagnostic),
        }
    }
    if !failures.is_empty() {
        return Err(failures);
    }
    crate::check::check_within(files, limits)
}

/// Checks policy texts given in memory, as `(path, text)` pairs.
pub fn load_policy_files(files: &[(&str, &str)]) -> Result<PolicySet, Vec<FileDiagnostic>> {
    crate::check::check(
        files
            .iter()
            .map(|(path, text)| SourceFile {
                path: Arc::from(*path),
                text: Arc::from(*text),
            })
            .collect(),
    )
}

/// Whether a path found in a folder is a policy file.
pub fn is_policy_file(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "policy")
}

/// A scenario document that could not be decided, with its diagnostics.
#[derive(Debug)]
pub struct DocumentFailure {
    pub scenario: String,
    pub name: Option<String>,
    pub line: usize,
    pub diagnostics: Vec<FileDiagnostic>,
}

/// Evaluates a loaded scenario. `explain` adds the explanation tree.
pub fn decide(
    policies: &PolicySet,
    scenario: &Scenario,
    explain: bool,
) -> Result<DecisionResult, DocumentFailure> {
    let failure = |diagnostics| DocumentFailure {
        scenario: scenario.id(),
        name: scenario.name.clone(),
        line: scenario.line,
        diagnostics,
    };
    let Some(decision) = policies.decision(&scenario.decision) else {
        return Err(failure(Vec::new()));
    };
    match crate::eval::evaluate(
        policies,
        decision,
        &scenario.input,
        Some(&scenario.positions),
        scenario.as_of,
        explain,
    ) {
        Ok(evaluated) => Ok(DecisionResult {
            scenario: scenario.id(),
            name: scenario.name.clone(),
            decision: decision.name.clone(),
            outcome: evaluated.outcome_name,
            failed: evaluated.failed,
            values: evaluated.values,
            explanation: evaluated.explanation,
            policy_digest: policies.digest().to_string(),
        }),
        Err(error) => {
            let index = error.file as usize;
            let (file, source) = (&policies.files()[index], policies.source(index));
            let within = error.within.unwrap_or_default();
            let error = InContext {
                error: *error.error,
                within,
            };
            Err(failure(vec![match source {
                Some(source) => FileDiagnostic::in_source(&file.path, source, error),
                None => FileDiagnostic::new(&file.path, &file.text, error),
            }]))
        }
    }
}
