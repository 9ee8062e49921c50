//! Which scenario files a run reads: the files named on the command line,
//! and every `*.yaml` / `*.yml` file below the folders named there, in
//! sorted path order, each once.

use std::path::{Path, PathBuf};

use super::errors::TestError;
use crate::api::IoError;
use crate::diagnostic::FileDiagnostic;

/// The files to read, and a diagnostic for each path that gave none.
#[derive(Debug, Default)]
pub struct Found {
    pub files: Vec<PathBuf>,
    pub problems: Vec<(String, FileDiagnostic)>,
}

/// Finds the scenario files of `paths`. A file named directly is read
/// whatever its extension; folders are searched for `.yaml` and `.yml`
/// files, skipping hidden entries (names starting with `.`) and not
/// following symbolic links to folders, so a link cycle cannot loop.
pub fn scenario_files(paths: &[PathBuf]) -> Found {
    let mut found = Found::default();
    for path in paths {
        let shown = path.display().to_string();
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let before = found.files.len();
                if let Err(error) = search(path, &mut found.files) {
                    found.problems.push((
                        shown.clone(),
                        IoError::diagnostic(&shown, error.to_string(), None),
                    ));
                } else if found.files.len() == before {
                    found.problems.push((
                        shown.clone(),
                        TestError::NoScenarioFiles {
                            path: shown.clone(),
                        }
                        .about(&shown),
                    ));
                }
            }
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

fn search(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            search(&path, out)?;
        } else if is_scenario_file(&path) && (kind.is_file() || path.is_file()) {
            out.push(path);
        }
    }
    Ok(())
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
