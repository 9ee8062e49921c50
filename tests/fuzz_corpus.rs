//! Every committed fuzz input (the seed corpora and the regressions, inputs
//! that once failed) replayed through the fuzz targets' own checks, so a
//! stable build keeps them fixed without nightly or libFuzzer.

#[path = "../fuzz/src/lib.rs"]
mod targets;

use std::path::{Path, PathBuf};

/// The inputs committed for `target`, in path order.
fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = Vec::new();
    for folder in [
        root.join("corpus").join(target),
        root.join("regressions").join(target),
    ] {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        files.extend(entries.filter_map(|e| e.ok()).map(|e| e.path()));
    }
    files.sort();
    files
}

/// Runs `check` on every input of `target`, on a stack as large as the
/// command line's, and names each input that fails.
fn replay(target: &'static str, minimum: usize, check: fn(&[u8])) {
    let files = inputs(target);
    assert!(
        files.len() >= minimum,
        "{target}: only {} inputs",
        files.len()
    );
    let worker = std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(move || {
            let mut failed = Vec::new();
            for file in &files {
                let bytes = std::fs::read(file).expect("corpus file reads");
                let outcome = std::panic::catch_unwind(|| check(&bytes));
                if outcome.is_err() {
                    failed.push(file.display().to_string());
                }
            }
            failed
        })
        .expect("replay thread starts");
    let failed = worker.join().expect("replay thread ends");
    assert!(
        failed.is_empty(),
        "{target}: these inputs fail: {failed:#?}"
    );
}

#[test]
fn every_policy_input_parses_checks_and_lints_without_a_panic() {
    replay("policy", 30, targets::policy);
}

#[test]
fn every_format_input_formats_to_a_fixed_point_that_checks_the_same() {
    replay("format", 30, targets::format);
}

#[test]
fn every_scenario_input_loads_decides_and_renders_in_every_format() {
    fn scenario(data: &[u8]) {
        static POLICIES: std::sync::OnceLock<eligo::PolicySet> = std::sync::OnceLock::new();
        let policies = POLICIES.get_or_init(|| {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies");
            eligo::load_policies(&dir).expect("the bundled policies check")
        });
        targets::scenario(policies, data);
    }
    replay("scenario", 30, scenario);
}

#[test]
fn every_arithmetic_input_agrees_with_exact_rational_arithmetic() {
    replay("arithmetic", 5, targets::arithmetic);
}
