//! `eligo check` with lints, as pipelines meet it: warnings are printed and
//! leave the exit code at 0, `--deny-warnings` makes them fail the run.

mod common;

use common::{eligo, stderr};

/// A folder holding only `fires.policy` of a lint, so that `check` sees one
/// policy file.
fn single_file_folder(lint: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("lint_cli")
        .join(lint);
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lints")
        .join(lint)
        .join("fires.policy");
    std::fs::copy(source, dir.join("fires.policy")).expect("fixture copies");
    dir.display().to_string()
}

#[test]
fn warnings_are_printed_and_the_check_still_passes() {
    let folder = single_file_folder("unused-const");
    let output = eligo(&["check", "--policies", &folder]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(text.contains("eligo::lint::unused-const"), "{text}");
    assert!(
        text.contains("constant `FORGOTTEN` is never used"),
        "{text}"
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("1 warning"));
}

#[test]
fn deny_warnings_fails_the_check_with_exit_code_2() {
    let folder = single_file_folder("unused-const");
    let output = eligo(&["check", "--deny-warnings", "--policies", &folder]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("1 error"));
}

#[test]
fn a_lint_error_fails_the_check_without_deny_warnings() {
    let folder = single_file_folder("table-overlap");
    let output = eligo(&["check", "--policies", &folder]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("eligo::lint::table-overlap"));
}

#[test]
fn warnings_as_json_lines_say_warning() {
    let folder = single_file_folder("unused-const");
    let output = eligo(&["check", "--policies", &folder, "--error-format", "json"]);
    let lines: Vec<serde_json::Value> = stderr(&output)
        .lines()
        .filter(|line| line.starts_with('{'))
        .map(|line| serde_json::from_str(line).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["severity"], "warning");
    assert_eq!(lines[0]["code"], "eligo::lint::unused-const");
    assert_eq!(lines[0]["line"], 5);
    assert_eq!(lines[0]["column"], 7);
}

#[test]
fn the_bundled_policies_pass_with_warnings_denied() {
    let output = eligo(&["check", "--deny-warnings"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("no problems"));
}
