//! What the `eligo test` specifications share: running the real binary on
//! the hand-made suites, and independent readers of the formats it writes.
#![allow(dead_code)]

pub mod chromium;
pub mod html;
pub mod tap14;
pub mod xml;
pub mod xsd;

use std::path::PathBuf;
use std::process::{Command, Output};

/// The small policy set the hand-made suites are written against.
pub const POLICIES: &str = "tests/fixtures/test-suites/policies";

/// A hand-made suite, by folder name under `tests/fixtures/test-suites/`.
pub fn suite(name: &str) -> String {
    format!("tests/fixtures/test-suites/{name}")
}

pub const FORMATS: [&str; 6] = ["human", "json", "junit", "tap", "github", "sarif"];

/// Runs `eligo` from the package root with `args`.
pub fn eligo(args: &[&str]) -> Output {
    eligo_with(args, &[])
}

/// Runs `eligo` with extra environment variables.
pub fn eligo_with(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_eligo"));
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("the eligo binary runs")
}

/// `eligo test --policies <fixture policies> --format <format> <paths…>`.
pub fn test_run(format: &str, paths: &[&str]) -> Output {
    let mut args = vec!["test", "--policies", POLICIES, "--format", format];
    args.extend_from_slice(paths);
    eligo(&args)
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A fresh, empty folder under the system's temporary folder.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("eligo-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}
