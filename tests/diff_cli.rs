//! `eligo diff` through the real binary, on a repository made here: a small
//! store policy committed twice (`tests/fixtures/diff/base`, then `head`),
//! with scenarios whose decisions change in every way a diff reports: an
//! outcome from allow to deny and back, a message, a value, a document that
//! no longer fits the input schema, and documents nothing changes.

mod test_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use test_support::html::{self_contained, texts};
use test_support::{scratch, stderr, stdout};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/diff");

fn git(repo: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args([
            "-c",
            "user.name=eligo tests",
            "-c",
            "user.email=tests@eligo.invalid",
        ])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(repo)
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {}", stderr(&output));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a folder");
    for entry in std::fs::read_dir(from).expect("a fixture folder") {
        let path = entry.expect("an entry").path();
        let target = to.join(path.file_name().expect("a name"));
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("a copy");
        }
    }
}

/// A repository whose `HEAD~1` holds the base policies and `HEAD` the head
/// ones, with the scenarios (uncommitted) beside them.
fn store_repository(name: &str) -> PathBuf {
    let repo = scratch(&format!("diff-{name}"));
    git(&repo, &["init", "-q"]);
    copy_dir(&Path::new(FIXTURE).join("base"), &repo.join("policies"));
    git(&repo, &["add", "policies"]);
    git(&repo, &["commit", "-q", "-m", "store policy"]);
    copy_dir(&Path::new(FIXTURE).join("head"), &repo.join("policies"));
    git(
        &repo,
        &[
            "commit",
            "-q",
            "-a",
            "-m",
            "stricter limits, a gold minimum",
        ],
    );
    copy_dir(
        &Path::new(FIXTURE).join("scenarios"),
        &repo.join("scenarios"),
    );
    repo
}

/// `eligo diff --base HEAD~1 --head HEAD --format FORMAT scenarios`.
fn between_commits(repo: &Path, format: &str) -> Output {
    diff(
        repo,
        &[
            "--base",
            "HEAD~1",
            "--head",
            "HEAD",
            "--format",
            format,
            "scenarios",
        ],
    )
}

fn diff(repo: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_eligo"))
        .arg("diff")
        .args(args)
        .current_dir(repo)
        .env_remove("NO_COLOR")
        .output()
        .expect("the eligo binary runs")
}

#[test]
fn every_format_reports_the_same_changes_between_two_commits() {
    let repo = store_repository("formats");
    for format in ["human", "json", "markdown", "github", "html"] {
        let output = between_commits(&repo, format);
        assert_eq!(
            output.status.code(),
            Some(2),
            "a broken document is an error: {}",
            stderr(&output)
        );
        let text = stdout(&output);
        insta::assert_snapshot!(format!("diff_{format}"), text);
    }
}

#[test]
fn the_summary_counts_each_kind_of_change() {
    let repo = store_repository("summary");
    let output = between_commits(&repo, "json");
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("one JSON object");
    let summary = &report["summary"];
    assert_eq!(summary["compared"], 10);
    assert_eq!(summary["unchanged"], 3);
    assert_eq!(summary["values_only"], 3);
    assert_eq!(summary["broken"], 1);
    assert_eq!(
        summary["outcome_changed"],
        serde_json::json!([
            {"from": "allow", "to": "deny", "count": 2},
            {"from": "deny", "to": "allow", "count": 1}
        ])
    );
    let change = &report["policy_change"];
    assert_eq!(change["rules_added"], serde_json::json!(["STORE-004"]));
    assert_eq!(change["rules_removed"], serde_json::json!(["STORE-003"]));
    assert_eq!(
        change["rules_changed"],
        serde_json::json!([
            {"rule": "STORE-001", "parts": ["condition", "message"]},
            {"rule": "STORE-002", "parts": ["message", "citation"]}
        ])
    );
    assert_eq!(change["tables_changed"][0]["table"], "store.fee");
    assert_eq!(change["tables_changed"][0]["rows_changed"], 1);
    let broken = &report["documents"][0];
    assert_eq!(broken["scenario"], "scenarios/broken/refund.yaml#0");
    assert_eq!(broken["change"], "broken");
    assert_eq!(broken["base"]["outcome"], "allow");
    assert_eq!(
        broken["head"]["errors"][0]["code"],
        "eligo::input::missing_field"
    );
    assert_eq!(broken["head"]["errors"][0]["line"], 4);
}

#[test]
fn the_exit_code_follows_what_changed_and_fail_on() {
    let repo = store_repository("exit");
    let code = |args: &[&str]| diff(&repo, args).status.code();
    let base = ["--base", "HEAD~1", "--head", "HEAD"];
    let with = |extra: &[&'static str]| [&base[..], extra].concat();
    assert_eq!(
        code(&with(&["scenarios/same.yaml"])),
        Some(0),
        "nothing changed"
    );
    assert_eq!(
        code(&with(&["scenarios/values.yaml"])),
        Some(1),
        "a value changed"
    );
    assert_eq!(
        code(&with(&["--fail-on", "outcome", "scenarios/values.yaml"])),
        Some(0)
    );
    assert_eq!(
        code(&with(&["--fail-on", "outcome", "scenarios/orders.yaml"])),
        Some(1)
    );
    assert_eq!(
        code(&with(&["--fail-on", "none", "scenarios/orders.yaml"])),
        Some(0)
    );
    assert_eq!(
        code(&with(&["--fail-on", "none", "scenarios/broken"])),
        Some(2),
        "errors win"
    );
}

#[test]
fn a_folder_side_reads_the_policies_as_they_are_on_disk() {
    let repo = store_repository("folders");
    copy_dir(&Path::new(FIXTURE).join("base"), &repo.join("before"));
    let from_commit = diff(
        &repo,
        &[
            "--base",
            "HEAD~1",
            "--format",
            "json",
            "scenarios/orders.yaml",
        ],
    );
    let from_folder = diff(
        &repo,
        &[
            "--base",
            "before",
            "--format",
            "json",
            "scenarios/orders.yaml",
        ],
    );
    let read = |output: &Output| -> serde_json::Value {
        serde_json::from_slice(&output.stdout).expect("one JSON object")
    };
    let (commit, folder) = (read(&from_commit), read(&from_folder));
    assert_eq!(folder["base"], "before");
    assert_eq!(
        folder["head"], "policies",
        "the head is `--policies` by default"
    );
    assert_eq!(commit["summary"], folder["summary"]);
    assert_eq!(commit["documents"], folder["documents"]);
    assert_eq!(commit["policy_change"], folder["policy_change"]);
}

#[test]
fn a_side_that_is_neither_a_folder_nor_a_commit_is_an_error() {
    let repo = store_repository("unknown");
    let output = diff(
        &repo,
        &[
            "--base",
            "no-such-branch",
            "--error-format",
            "json",
            "scenarios",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    let error: serde_json::Value =
        serde_json::from_str(stderr(&output).lines().next().unwrap_or(""))
            .expect("a JSON diagnostic");
    assert_eq!(error["code"], "eligo::diff::unknown_side");
    assert!(error["message"]
        .as_str()
        .unwrap_or("")
        .contains("`no-such-branch`"));
}

#[test]
fn policies_that_do_not_check_on_one_side_stop_the_diff() {
    let repo = store_repository("unchecked");
    std::fs::write(
        repo.join("policies/broken.policy"),
        "module broken\nrule X-1 \"x\"\n  require nope\n",
    )
    .expect("a broken policy");
    let output = diff(
        &repo,
        &["--base", "HEAD", "--error-format", "json", "scenarios"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("policies/broken.policy"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_html_report_is_one_self_contained_page_with_both_sides() {
    let repo = store_repository("html");
    let output = between_commits(&repo, "html");
    let page = self_contained(&stdout(&output));
    let documents = texts(&page, "details.document > summary");
    assert_eq!(documents.len(), 7, "{documents:?}");
    assert!(documents[1].contains("orders.yaml#1") && documents[1].ends_with("allow → deny"));
    let headings = texts(&page, "table.sides tr:first-child th");
    assert_eq!(&headings[..3], ["", "HEAD~1", "HEAD"]);
    let differing = texts(&page, "tr.differs");
    assert!(
        differing.contains(&"charged 22.00 USD 23.00 USD".to_string()),
        "{differing:?}"
    );
    let changes = texts(&page, "ul.policy-change li");
    assert!(
        changes.contains(&"table store.fee: 1 row changed".to_string()),
        "{changes:?}"
    );
}

#[test]
fn a_policy_file_of_a_commit_is_held_to_the_same_size_limit_as_on_disk() {
    let repo = store_repository("limits");
    let output = diff(
        &repo,
        &[
            "--base",
            "HEAD~1",
            "--max-policy-bytes",
            "100",
            "--error-format",
            "json",
            "scenarios",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    let errors = stderr(&output);
    assert!(errors.contains("eligo::limit::"), "{errors}");
    assert!(errors.contains("HEAD~1:policies/store.policy"), "{errors}");
}

#[test]
fn the_report_is_the_same_bytes_on_one_thread_and_on_several() {
    let repo = store_repository("threads");
    let on = |threads: &str| {
        let args = [
            "--base",
            "HEAD~1",
            "--threads",
            threads,
            "--format",
            "json",
            "scenarios",
        ];
        stdout(&diff(&repo, &args))
    };
    assert_eq!(on("1"), on("4"));
}
