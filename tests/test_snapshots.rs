//! Snapshots of whole decisions: `eligo test --snapshot DIR` for teams that
//! do not write Rust, and `eligo::testing::named_decisions` for `insta`
//! snapshot tests in Rust.

mod test_support;

use std::path::{Path, PathBuf};

use test_support::{scratch, stdout, suite, test_run};

const ENTRY: &str = "tests/fixtures/test-suites/passing/entry.yaml";

fn stored(dir: &Path, file: &str, index: usize) -> PathBuf {
    dir.join(format!("{file}#{index}.yaml"))
}

fn snapshot_run(dir: &Path, extra: &[&str], paths: &[&str]) -> (Option<i32>, String) {
    let dir = dir.display().to_string();
    let mut args = vec!["--snapshot", dir.as_str()];
    args.extend_from_slice(extra);
    args.extend_from_slice(paths);
    let output = test_run("human", &args);
    (output.status.code(), stdout(&output))
}

#[test]
fn update_stores_one_file_per_document_under_the_scenario_path() {
    let dir = scratch("store");
    let (code, text) = snapshot_run(&dir, &["--update"], &[&suite("passing")]);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains(&format!(
            "snapshot created: {}",
            stored(&dir, ENTRY, 0).display()
        )),
        "{text}"
    );
    for index in 0..3 {
        assert!(stored(&dir, ENTRY, index).is_file(), "{index}");
    }
    let first = std::fs::read_to_string(stored(&dir, ENTRY, 0)).expect("stored");
    assert!(
        first.starts_with(&format!("scenario: {ENTRY}#0\n")),
        "{first}"
    );
    assert!(first.contains("outcome: allow\n"), "{first}");
    assert!(
        first.contains("explanation:\n"),
        "the whole decision is kept"
    );
    assert!(
        !first.contains("policy_digest"),
        "the digest would change on every policy edit"
    );
    let (again, text) = snapshot_run(&dir, &[], &[&suite("passing")]);
    assert_eq!(
        again,
        Some(0),
        "the same decisions match their copies:\n{text}"
    );
    assert!(
        text.ends_with("4 passed, 0 failed, 0 unchecked, 0 errors\n"),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_changed_decision_exits_1_with_a_readable_diff_until_updated() {
    let dir = scratch("diff");
    snapshot_run(&dir, &["--update"], &[&suite("passing")]);
    let path = stored(&dir, ENTRY, 2);
    let text = std::fs::read_to_string(&path).expect("stored");
    std::fs::write(&path, text.replace("outcome: deny", "outcome: allow")).expect("edited");
    let (code, report) = snapshot_run(&dir, &[], &[&suite("passing")]);
    assert_eq!(code, Some(1), "{report}");
    assert!(
        report.contains(&format!(
            "the decision differs from its snapshot `{}`",
            path.display()
        )),
        "{report}"
    );
    assert!(
        report.contains("--- stored\n        +++ current\n"),
        "{report}"
    );
    assert!(
        report.contains("        -outcome: allow\n        +outcome: deny\n"),
        "{report}"
    );
    assert!(
        report.contains("accept the new decision with `--update`"),
        "{report}"
    );
    let (updated, report) = snapshot_run(&dir, &["--update"], &[&suite("passing")]);
    assert_eq!(updated, Some(0));
    assert!(
        report.contains(&format!("snapshot updated: {}", path.display())),
        "{report}"
    );
    assert_eq!(snapshot_run(&dir, &[], &[&suite("passing")]).0, Some(0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_stored_copy_exits_1() {
    let dir = scratch("missing");
    let (code, report) = snapshot_run(&dir, &[], &[&suite("passing")]);
    assert_eq!(code, Some(1));
    assert!(report.contains("no snapshot is stored at"), "{report}");
    assert!(
        report.contains("store the current decision with `--update`"),
        "{report}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn snapshots_check_documents_that_have_no_expect_block() {
    let dir = scratch("unchecked");
    snapshot_run(&dir, &["--update"], &[&suite("unchecked")]);
    let (code, report) = snapshot_run(&dir, &[], &[&suite("unchecked")]);
    assert_eq!(code, Some(0));
    assert!(
        report.ends_with("2 passed, 0 failed, 0 unchecked, 0 errors\n"),
        "{report}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_expectation_and_a_snapshot_are_both_checked() {
    let dir = scratch("both");
    snapshot_run(&dir, &["--update"], &[&suite("wrong")]);
    let (code, report) = snapshot_run(&dir, &[], &[&suite("wrong")]);
    assert_eq!(
        code,
        Some(1),
        "the snapshot matches but the expectation still fails"
    );
    assert!(
        report.ends_with("1 passed, 2 failed, 0 unchecked, 0 errors\n"),
        "{report}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn named_decisions_give_stable_names_for_insta_snapshots() {
    let policies = eligo::load_policies(Path::new("policies")).expect("the bundled policies check");
    let files = [
        "tests/scenarios/csp/transition/accept_provider_invitation.yaml",
        "tests/scenarios/csp/reservations/product_availability.yaml",
    ];
    let mut names = Vec::new();
    for file in files {
        let decisions = eligo::testing::named_decisions(&policies, Path::new(file))
            .expect("every document is decided");
        for (name, decision) in decisions {
            // The bundled library is edited often; its digest and the line of
            // each rule would change these snapshots on edits that leave the
            // decisions as they are.
            insta::with_settings!({snapshot_path => "fixtures/test-suites/insta", prepend_module_to_snapshot => false}, {
                insta::assert_yaml_snapshot!(name.as_str(), decision, {
                    ".policy_digest" => "[digest]",
                    ".explanation[].at.line" => "[line]",
                    ".explanation[].at.column" => "[column]",
                });
            });
            names.push(name);
        }
    }
    assert_eq!(
        names,
        [
            "accept_provider_invitation-0",
            "accept_provider_invitation-1",
            "product_availability-0",
            "product_availability-1"
        ]
    );
}

#[test]
fn named_decisions_fail_with_every_diagnostic_of_a_broken_file() {
    let policies =
        eligo::load_policies(Path::new(test_support::POLICIES)).expect("fixture policies");
    let failure = eligo::testing::named_decisions(
        &policies,
        Path::new("tests/fixtures/test-suites/broken/c_schema.yaml"),
    )
    .expect_err("a document does not fit its schema");
    assert_eq!(failure.len(), 1);
    assert_eq!(failure[0].code_text(), "eligo::input::unknown_field");
}
