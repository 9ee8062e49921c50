//! One assertion helper per boundary, so the tests read like specifications.
#![allow(dead_code)]

use std::path::Path;

use eligo::diagnostic::{FileDiagnostic, RenderStyle};
use eligo::PolicySet;

/// Diagnostics as a terminal without colour shows them, at a fixed width.
pub fn render(diagnostics: &[FileDiagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.render(&RenderStyle::plain()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Checks one policy file on its own; the error report, or `None` if clean.
pub fn check_file(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).expect("fixture reads");
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    match eligo::load_policy_files(&[(&name, &text)]) {
        Ok(_) => None,
        Err(diagnostics) => Some(render(&diagnostics)),
    }
}

/// The policy set every evaluation fixture runs against.
pub fn fixture_policies() -> PolicySet {
    eligo::load_policies(Path::new("tests/fixtures/eval/policies")).expect("fixture policies check")
}

/// Every document of a scenario file, decided with explanations, as YAML:
/// the decision, or the document's rendered diagnostics.
pub fn decide_file(policies: &PolicySet, path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("scenario reads");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shown = path
        .strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string();
    let mut out = String::new();
    for loaded in eligo::scenario::load(policies, &shown, &text) {
        match loaded {
            Ok(scenario) => match eligo::decide(policies, &scenario, true) {
                Ok(result) => out.push_str(&eligo::report::yaml_decision(&result)),
                Err(failure) => {
                    out.push_str(&format!(
                        "--- {} could not be evaluated\n",
                        failure.scenario
                    ));
                    out.push_str(&render(&failure.diagnostics));
                }
            },
            Err(error) => {
                out.push_str(&format!(
                    "--- {}#{} could not be loaded\n",
                    error.file, error.index
                ));
                out.push_str(&render(&error.diagnostics));
            }
        }
    }
    out
}

/// Every `*.yaml` / `*.yml` file below `dir`, in path order.
pub fn yaml_files(dir: &Path) -> Vec<std::path::PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}

/// Runs the real `eligo` binary in `dir`, never coloured by the environment.
pub fn eligo_in(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_eligo"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("the eligo binary runs")
}

/// Runs the real `eligo` binary at the repository root.
pub fn eligo(args: &[&str]) -> std::process::Output {
    eligo_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).to_string()
}

pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).to_string()
}
