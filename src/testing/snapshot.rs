//! `--snapshot DIR`: each decision's full YAML kept beside the scenarios,
//! compared on every run and rewritten with `--update`.
//!
//! The stored copy of document `index` of `path/to/file.yaml` is
//! `DIR/path/to/file.yaml#index.yaml`, the path being the scenario path as
//! given on the command line (`.` parts dropped, `..` parts written as
//! `__`, a leading `/` dropped, so nothing is written outside `DIR`). It is
//! the decision as `eval --format yaml` prints it, without `policy_digest`:
//! that changes with any byte of any policy file, so keeping it would make
//! every stored copy differ on every policy edit.

use std::path::{Component, Path, PathBuf};

use similar::TextDiff;

use super::errors::TestError;
use super::results::{Finding, Written};
use crate::diagnostic::FileDiagnostic;
use crate::explain::DecisionResult;

/// Where stored snapshots live and whether to rewrite them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnapshotStore {
    pub dir: PathBuf,
    pub update: bool,
}

/// What comparing one decision with its stored copy gave.
#[derive(Debug)]
pub enum Compared {
    Same,
    /// A difference or a missing copy, not written (no `--update`).
    Differs(Finding),
    /// Written with `--update`.
    Written(Written),
    /// The stored copy could not be read or written.
    Failed(FileDiagnostic),
}

impl SnapshotStore {
    /// The stored copy of document `index` of scenario file `file`.
    pub fn path_of(&self, file: &str, index: usize) -> PathBuf {
        let mut path = self.dir.clone();
        let relative = Path::new(file);
        let mut parts: Vec<String> = relative
            .components()
            .filter_map(|component| match component {
                Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
                Component::ParentDir => Some("__".into()),
                Component::CurDir | Component::RootDir | Component::Prefix(_) => None,
            })
            .collect();
        let last = parts.pop().unwrap_or_default();
        for part in parts {
            path.push(part);
        }
        path.push(format!("{last}#{index}.yaml"));
        path
    }

    /// Compares `result` (document `index` of `file`, starting at `line`)
    /// with its stored copy, writing it when updating.
    pub fn compare(
        &self,
        file: &str,
        index: usize,
        line: usize,
        result: &DecisionResult,
    ) -> Compared {
        let path = self.path_of(file, index);
        let shown = path.display().to_string();
        let current = render(result);
        let stored = match std::fs::read_to_string(&path) {
            Ok(text) => Some(text.replace("\r\n", "\n")),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            Err(error) => return Compared::Failed(failure("read", &shown, &error)),
        };
        if stored.as_deref() == Some(current.as_str()) {
            return Compared::Same;
        }
        if self.update {
            if let Some(parent) = path.parent() {
                if let Err(error) = std::fs::create_dir_all(parent) {
                    return Compared::Failed(failure("write", &shown, &error));
                }
            }
            return match crate::files::replace(&path, current.as_bytes()) {
                Ok(()) if stored.is_some() => Compared::Written(Written::Updated(shown)),
                Ok(()) => Compared::Written(Written::Created(shown)),
                Err(error) => Compared::Failed(failure("write", &shown, &error)),
            };
        }
        Compared::Differs(Finding::Snapshot {
            diff: stored.map(|stored| diff(&stored, &current)),
            stored: shown,
            line,
        })
    }
}

fn failure(action: &'static str, path: &str, error: &std::io::Error) -> FileDiagnostic {
    TestError::Snapshot {
        action,
        path: path.to_string(),
        reason: error.to_string(),
    }
    .about(path)
}

/// The decision as stored: YAML in the field order of `eval --format
/// yaml`, without `policy_digest`.
pub fn render(result: &DecisionResult) -> String {
    let mut value = match serde_yaml::to_value(result) {
        Ok(value) => value,
        Err(error) => return format!("# cannot render the decision: {error}\n"),
    };
    if let serde_yaml::Value::Mapping(map) = &mut value {
        map.remove("policy_digest");
    }
    serde_yaml::to_string(&value).unwrap_or_default()
}

/// A unified diff from the stored copy to the current decision.
pub fn diff(stored: &str, current: &str) -> String {
    TextDiff::from_lines(stored, current)
        .unified_diff()
        .context_radius(3)
        .header("stored", "current")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> SnapshotStore {
        SnapshotStore {
            dir: PathBuf::from("snaps"),
            update: false,
        }
    }

    #[test]
    fn stored_copies_mirror_the_scenario_path_inside_the_folder() {
        assert_eq!(
            store().path_of("tests/scenarios/a.yaml", 2),
            PathBuf::from("snaps/tests/scenarios/a.yaml#2.yaml")
        );
        assert_eq!(
            store().path_of("./a.yml", 0),
            PathBuf::from("snaps/a.yml#0.yaml")
        );
    }

    #[test]
    fn no_scenario_path_leads_outside_the_folder() {
        assert_eq!(
            store().path_of("../up/a.yaml", 0),
            PathBuf::from("snaps/__/up/a.yaml#0.yaml")
        );
        assert_eq!(
            store().path_of("/abs/a.yaml", 1),
            PathBuf::from("snaps/abs/a.yaml#1.yaml")
        );
    }

    #[test]
    fn a_diff_shows_the_stored_and_the_current_lines() {
        let text = diff(
            "outcome: allow\nfailed: []\n",
            "outcome: deny\nfailed: []\n",
        );
        assert!(text.contains("-outcome: allow"), "{text}");
        assert!(text.contains("+outcome: deny"), "{text}");
        assert!(text.starts_with("--- stored\n+++ current\n"), "{text}");
    }
}
