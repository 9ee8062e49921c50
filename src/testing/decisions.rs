//! Decisions of a scenario file under stable names, for snapshot tests
//! written in Rust:
//!
//! ```no_run
//! let policies = eligo::load_policies(std::path::Path::new("policies")).expect("policies check");
//! let path = std::path::Path::new("tests/scenarios/csp/mpo/vmsr_line.yaml");
//! for (name, decision) in eligo::testing::named_decisions(&policies, path).expect("decided") {
//!     insta::assert_yaml_snapshot!(name, decision, {".policy_digest" => "[digest]"});
//! }
//! ```
//!
//! A name is the file stem and the document's 0-based index,
//! `vmsr_line-2`: short, safe in file names, and unchanged when a
//! document's free-text `name:` is reworded (the name is inside the
//! snapshot anyway). Keep new documents at the end of a file so the
//! indices of the others stay put.

use std::path::Path;

use crate::api::{DocumentFailure, IoError};
use crate::diagnostic::FileDiagnostic;
use crate::explain::DecisionResult;
use crate::plan::PolicySet;

/// Every document of the scenario file at `path`, decided with its full
/// explanation and named `<stem>-<index>`; the scenario path inside each
/// decision is `path` as given, so pass a path relative to the package
/// root (where `cargo test` runs) to keep snapshots the same on every
/// machine. Any document that cannot be decided makes the whole call fail
/// with every diagnostic, since a snapshot test of a broken file should.
pub fn named_decisions(
    policies: &PolicySet,
    path: &Path,
) -> Result<Vec<(String, DecisionResult)>, Vec<FileDiagnostic>> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|error| vec![IoError::diagnostic(&shown, error.to_string(), None)])?;
    let stem = snapshot_stem(path);
    let mut named = Vec::new();
    let mut failures = Vec::new();
    for loaded in crate::scenario::load(policies, &shown, &text) {
        let decided = loaded
            .map_err(|error| error.diagnostics)
            .and_then(|scenario| {
                crate::decide(policies, &scenario, true)
                    .map_err(|failure: DocumentFailure| failure.diagnostics)
                    .map(|result| (scenario.index, result))
            });
        match decided {
            Ok((index, result)) => named.push((format!("{stem}-{index}"), result)),
            Err(diagnostics) => failures.extend(diagnostics),
        }
    }
    if failures.is_empty() {
        Ok(named)
    } else {
        Err(failures)
    }
}

/// The file stem with anything but ASCII letters, digits, `_` and `-`
/// replaced by `_`, so the name is a file name on every system.
fn snapshot_stem(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_names_are_safe_file_names() {
        assert_eq!(snapshot_stem(Path::new("a/vmsr_line.yaml")), "vmsr_line");
        assert_eq!(snapshot_stem(Path::new("b/prix été.yml")), "prix__t_");
    }
}
