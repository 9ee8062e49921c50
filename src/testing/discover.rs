//! Which scenario files a run reads: the files named on the command line,
//! and every `*.yaml` / `*.yml` file below the folders named there, in
//! sorted path order, each once.

use std::path::{Path, PathBuf};

use super::errors::TestError;
use crate::api::IoError;
use crate::diagnostic::FileDiagnostic;
use crate::files;

/// The files to read, and a diagnostic for each path that gave none.
#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<PathBuf>,
    pub problems: Vec<(String, FileDiagnostic)>,
}

/// Finds the scenario files of `paths`. A file named directly is read
/// whatever its extension; folders are searched for `.yaml` and `.yml`
/// files, skipping hidden entries (names starting with `.`) and entering
/// each real folder once, so a symbolic link cycle cannot loop.
pub fn scenario_files(paths: &[PathBuf]) -> Found {
    let mut found = Found::default();
    for path in paths {
        let shown = path.display().to_string();
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => match files::walk(path, true, is_scenario_file) {
                Ok(walk) if !walk.files.is_empty() => found.files.extend(walk.files),
                Ok(_) => {
                    found.problems.push((
                        shown.clone(),
                        TestError::NoScenarioFiles {
                            path: shown.clone(),
                        }
                        .about(&shown),
                    ));
                }
                Err((at, error)) => {
                    let at = at.display().to_string();
                    let diagnostic = IoError::diagnostic(&at, error.to_string(), None);
                    found.problems.push((shown.clone(), diagnostic));
                }
            },
            Ok(_) => found.files.push(path.clone()),
            Err(error) => found.problems.push((
                shown.clone(),
                IoError::diagnostic(
                    &shown,
                    error.to_string(),
                    Some("pass scenario files, or folders that hold them".into()),
                ),
            )),
        }
    }
    found.files.sort();
    found.files.dedup();
    found
}

fn is_scenario_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext == "yaml" || ext == "yml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_yaml_and_yml_files_are_scenario_files() {
        assert!(is_scenario_file(Path::new("a/b.yaml")));
        assert!(is_scenario_file(Path::new("b.yml")));
        assert!(!is_scenario_file(Path::new("b.json")));
        assert!(!is_scenario_file(Path::new("yaml")));
    }
}
