//! Every scenario under `tests/scenarios/` runs against the bundled policies
//! and must meet its `expect:` block.

use std::path::{Path, PathBuf};

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

#[test]
fn every_bundled_scenario_meets_its_expectations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let policies =
        eligo::load_policies(&root.join("policies")).expect("the bundled policies check");
    let mut files = Vec::new();
    yaml_files(&root.join("tests/scenarios"), &mut files);
    files.sort();
    assert!(!files.is_empty(), "no scenarios found");
    let mut problems = Vec::new();
    let mut checked = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).expect("scenario file reads");
        let shown = file
            .strip_prefix(root)
            .unwrap_or(&file)
            .display()
            .to_string();
        for loaded in eligo::scenario::load(&policies, &shown, &text) {
            let scenario = match loaded {
                Ok(scenario) => scenario,
                Err(error) => {
                    let messages: Vec<String> =
                        error.diagnostics.iter().map(|d| d.message()).collect();
                    problems.push(format!(
                        "{}#{}: cannot load: {}",
                        error.file,
                        error.index,
                        messages.join("; ")
                    ));
                    continue;
                }
            };
            let Some(expect) = &scenario.expect else {
                problems.push(format!("{}: has no `expect:` block", scenario.id()));
                continue;
            };
            match eligo::decide(&policies, &scenario, false) {
                Ok(result) => {
                    for mismatch in eligo::verdict::compare(&result, expect) {
                        problems.push(format!(
                            "{} (line {}): {}",
                            scenario.id(),
                            scenario.line,
                            mismatch.describe()
                        ));
                    }
                }
                Err(failure) => {
                    let messages: Vec<String> =
                        failure.diagnostics.iter().map(|d| d.message()).collect();
                    problems.push(format!(
                        "{}: cannot evaluate: {}",
                        scenario.id(),
                        messages.join("; ")
                    ));
                }
            }
            checked += 1;
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {checked} scenarios do not meet their expectations:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
