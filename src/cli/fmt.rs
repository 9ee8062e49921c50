//! `eligo fmt`: rewrite policy files in the canonical layout, or, with
//! `--check`, list the files that would change and write nothing.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::Output;
use crate::diagnostic::FileDiagnostic;
use crate::files;
use crate::fmt::{format_source, FormatFailure};
use crate::limits::Limit;
use crate::IoError;

/// Exit codes: 0 nothing to do (or done), 1 `--check` found files to
/// reformat, 2 a file could not be read or parsed (it is left untouched).
pub fn run(paths: &[PathBuf], check: bool, output: &Output) -> i32 {
    let defaults = [PathBuf::from("policies")];
    let roots = if paths.is_empty() {
        &defaults[..]
    } else {
        paths
    };
    let mut diagnostics = Vec::new();
    let mut files = Vec::new();
    for root in roots {
        if root.is_dir() {
            match files::walk(root, false, crate::is_policy_file) {
                Ok(walk) => files.extend(walk.files),
                Err((at, error)) => diagnostics.push(IoError::diagnostic(
                    &at.display().to_string(),
                    error.to_string(),
                    None,
                )),
            }
        } else if root.exists() {
            files.push(root.clone());
        } else {
            diagnostics.push(IoError::diagnostic(
                &root.display().to_string(),
                "no such file or directory".into(),
                Some("pass policy files, or folders to search for `*.policy` files".into()),
            ));
        }
    }
    files.sort();
    files.dedup();

    // Files are read and formatted in parallel; what happens to each is
    // reported in path order.
    let outcomes: Vec<Outcome> = files
        .par_iter()
        .map(|path| format_file(path, check, output.limits.policy_file_bytes))
        .collect();
    let mut changed = Vec::new();
    let mut unformattable = diagnostics.len();
    for outcome in outcomes {
        match outcome {
            Outcome::Unchanged => {}
            Outcome::Changed(path) => changed.push(path),
            Outcome::Failed(found) => {
                unformattable += 1;
                diagnostics.extend(found);
            }
        }
    }

    for path in &changed {
        println!("{path}");
    }
    output.diagnostics(&diagnostics);
    let count = |n: usize| format!("{n} file{}", if n == 1 { "" } else { "s" });
    if check && !changed.is_empty() {
        eprintln!(
            "{} of {} would be reformatted; run `eligo fmt` to format them",
            changed.len(),
            count(files.len())
        );
    } else if !check && !changed.is_empty() {
        eprintln!("{} of {} reformatted", changed.len(), count(files.len()));
    }
    if unformattable > 0 {
        eprintln!(
            "{} could not be formatted and {} left untouched",
            count(unformattable),
            if unformattable == 1 { "was" } else { "were" }
        );
        2
    } else if check && !changed.is_empty() {
        1
    } else {
        0
    }
}

enum Outcome {
    Unchanged,
    /// Reformatted, or with `--check`, would be.
    Changed(String),
    /// Left untouched: unreadable, unparsable, or not safely formattable.
    Failed(Vec<FileDiagnostic>),
}

fn format_file(path: &Path, check: bool, max_bytes: u64) -> Outcome {
    let shown = path.display().to_string();
    let text = match files::read_text(path, Limit::PolicyFileBytes, max_bytes) {
        Ok(text) => text,
        Err(diagnostic) => return Outcome::Failed(vec![diagnostic]),
    };
    match format_source(&text) {
        Ok(formatted) if formatted == text => Outcome::Unchanged,
        Ok(formatted) => {
            if !check {
                if let Err(error) = files::replace(path, formatted.as_bytes()) {
                    return Outcome::Failed(vec![IoError::diagnostic(
                        &shown,
                        error.to_string(),
                        None,
                    )]);
                }
            }
            Outcome::Changed(shown)
        }
        Err(failure) => {
            let file: Arc<str> = Arc::from(shown.as_str());
            let source: Arc<str> = Arc::from(text.as_str());
            Outcome::Failed(match failure {
                FormatFailure::Syntax(errors) => errors
                    .into_iter()
                    .map(|error| FileDiagnostic::new(&file, &source, error))
                    .collect(),
                FormatFailure::Unsafe(error) => vec![FileDiagnostic::new(&file, &source, error)],
            })
        }
    }
}
