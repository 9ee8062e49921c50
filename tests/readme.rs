//! The README's examples work as written.

use std::process::Command;

#[test]
fn the_language_example_in_the_readme_checks() {
    let readme = std::fs::read_to_string("README.md").expect("README reads");
    let example = readme
        .split("```")
        .find(|block| {
            block
                .trim_start()
                .starts_with("/// Multiparty private offers: who may buy them.")
        })
        .expect("the README has a policy example");
    let common = std::fs::read_to_string("policies/csp/common.policy").expect("common vocabulary");
    let checked = eligo::load_policy_files(&[
        ("policies/csp/common.policy", &common),
        ("example.policy", example),
    ]);
    assert!(checked.is_ok(), "{:?}", checked.err());
}

#[test]
fn the_readme_main_command_decides_the_bundled_scenario() {
    let readme = std::fs::read_to_string("README.md").expect("README reads");
    let line = readme
        .lines()
        .find(|l| l.starts_with("cargo run -- eval"))
        .expect("the README gives the main command");
    let args: Vec<&str> = line
        .split('#')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .skip(3)
        .collect();
    let output = Command::new(env!("CARGO_BIN_EXE_eligo"))
        .args(&args)
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("mpo.vmsr_line → allow"));
}
