//! Every scenario under `tests/scenarios/` runs against the bundled policies
//! and must meet its `expect:` block.

mod common;

use std::path::Path;

#[test]
fn every_bundled_scenario_meets_its_expectations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let policies =
        eligo::load_policies(&root.join("policies")).expect("the bundled policies check");
    let files = common::yaml_files(&root.join("tests/scenarios"));
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

/// Decisions that are not explained run a faster form of most rules; it
/// must decide exactly as the explaining evaluator does, on every bundled
/// scenario, every evaluation fixture and the benchmarks' inputs.
#[test]
fn explaining_a_decision_never_changes_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let suites = [
        ("policies", "tests/scenarios"),
        ("tests/fixtures/eval/policies", "tests/fixtures/eval"),
        (
            "benches/fixtures/eligibility",
            "benches/fixtures/eligibility",
        ),
    ];
    let mut compared = 0;
    for (policies, scenarios) in suites {
        let policies = eligo::load_policies(&root.join(policies)).expect("policies check");
        for file in common::yaml_files(&root.join(scenarios)) {
            let text = std::fs::read_to_string(&file).expect("scenario file reads");
            let shown = file.display().to_string();
            for scenario in eligo::scenario::load(&policies, &shown, &text)
                .into_iter()
                .flatten()
            {
                let plain = eligo::decide(&policies, &scenario, false);
                let explained = eligo::decide(&policies, &scenario, true);
                match (plain, explained) {
                    (Ok(plain), Ok(explained)) => {
                        let decided = |r: &eligo::DecisionResult| {
                            (r.outcome.clone(), r.failed.clone(), r.values.clone())
                        };
                        assert_eq!(decided(&plain), decided(&explained), "{}", scenario.id());
                        compared += 1;
                    }
                    (Err(plain), Err(explained)) => {
                        let messages = |f: &eligo::DocumentFailure| -> Vec<String> {
                            f.diagnostics.iter().map(|d| d.message()).collect()
                        };
                        assert_eq!(messages(&plain), messages(&explained), "{}", scenario.id());
                    }
                    (plain, _) => panic!(
                        "{}: only {} evaluates",
                        scenario.id(),
                        if plain.is_ok() {
                            "the plain decision"
                        } else {
                            "the explained one"
                        }
                    ),
                }
            }
        }
    }
    assert!(compared > 100, "only {compared} decisions compared");
}
