//! Every lint, driven by files: `tests/fixtures/lints/<lint-name>/fires.policy`
//! must produce that lint's findings and nothing else (rendered without
//! colour at a fixed width), and `silent.policy` next to it, the same
//! policy written correctly, must produce no finding at all. Files in a
//! lint's `support/` folder are checked along with both.

mod common;

use std::path::Path;

use eligo::diagnostic::FileDiagnostic;
use eligo::lint::{lint, Lint, LintOptions};

/// The checker's errors, or the lint findings, of a fixture and its support
/// files.
fn diagnostics(path: &Path, deny_warnings: bool) -> Vec<FileDiagnostic> {
    let dir = path.parent().expect("fixtures live in a lint's folder");
    let shown = |p: &Path| {
        p.strip_prefix(dir.parent().unwrap_or(dir))
            .unwrap_or(p)
            .display()
            .to_string()
    };
    let mut files = vec![(
        shown(path),
        std::fs::read_to_string(path).expect("fixture reads"),
    )];
    if let Ok(entries) = std::fs::read_dir(dir.join("support")) {
        let mut support: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        support.sort();
        for file in support {
            files.push((
                shown(&file),
                std::fs::read_to_string(&file).expect("support reads"),
            ));
        }
    }
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    match eligo::load_policy_files(&borrowed) {
        Ok(set) => lint(&set, &LintOptions { deny_warnings }),
        Err(errors) => errors,
    }
}

fn lint_name(path: &Path) -> String {
    path.parent()
        .and_then(Path::file_name)
        .map(|name| name.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// The code a lint's findings carry; duplicate rule IDs are the checker's.
fn code_of(name: &str) -> String {
    if name == "duplicate-rule-id" {
        "eligo::check::duplicate".into()
    } else {
        format!("eligo::lint::{name}")
    }
}

#[test]
fn each_lint_reports_its_example_and_nothing_else() {
    insta::glob!("fixtures/lints/*/fires.policy", |path| {
        let name = lint_name(path);
        let found = diagnostics(path, false);
        assert!(!found.is_empty(), "{name} finds nothing in its example");
        for diagnostic in &found {
            assert_eq!(diagnostic.code_text(), code_of(&name), "{diagnostic:?}");
        }
        insta::assert_snapshot!(common::render(&found));
    });
}

#[test]
fn each_lint_is_silent_on_correct_policies() {
    insta::glob!("fixtures/lints/*/silent.policy", |path| {
        let found = diagnostics(path, false);
        assert!(found.is_empty(), "{}", common::render(&found));
    });
}

#[test]
fn findings_have_the_severity_the_catalogue_gives_their_lint() {
    insta::glob!("fixtures/lints/*/fires.policy", |path| {
        let name = lint_name(path);
        let lint = Lint::from_name(&name).expect("fixture folders are named after lints");
        let error = lint.severity() == miette::Severity::Error;
        for diagnostic in diagnostics(path, false) {
            assert_eq!(diagnostic.is_error(), error, "{name}: {diagnostic:?}");
        }
    });
}

#[test]
fn denying_warnings_makes_every_finding_an_error() {
    let path = Path::new("tests/fixtures/lints/unused-const/fires.policy");
    assert!(diagnostics(path, false).iter().all(|d| !d.is_error()));
    let denied = diagnostics(path, true);
    assert!(!denied.is_empty());
    assert!(denied.iter().all(FileDiagnostic::is_error));
}

#[test]
fn warnings_in_json_say_warning() {
    let path = Path::new("tests/fixtures/lints/missing-citation/fires.policy");
    let found = diagnostics(path, false);
    let json = found[0].to_json();
    assert_eq!(json.severity, "warning");
    assert_eq!(json.code, "eligo::lint::missing-citation");
    assert_eq!((json.line, json.column), (6, 6));
}

#[test]
fn every_lint_has_both_examples_and_a_documented_section() {
    let docs = std::fs::read_to_string("docs/lints.md").expect("docs/lints.md reads");
    for lint in Lint::ALL {
        let dir = Path::new("tests/fixtures/lints").join(lint.name());
        assert!(
            dir.join("fires.policy").is_file(),
            "{} has no fires.policy",
            lint.name()
        );
        assert!(
            dir.join("silent.policy").is_file(),
            "{} has no silent.policy",
            lint.name()
        );
        let heading = format!("## `{}`", lint.name());
        assert!(docs.contains(&heading), "docs/lints.md has no `{heading}`");
        let severity = match lint.severity() {
            miette::Severity::Error => "error",
            _ => "warning",
        };
        let section = docs.split(&heading).nth(1).unwrap_or_default();
        let section = section.split("\n## ").next().unwrap_or_default();
        assert!(
            section.contains(&format!("Severity: {severity}")),
            "the section of {} states its severity",
            lint.name()
        );
    }
}

#[test]
fn the_bundled_policies_have_no_findings() {
    let set = eligo::load_policies(Path::new("policies")).expect("the bundled policies check");
    let found = lint(
        &set,
        &LintOptions {
            deny_warnings: true,
        },
    );
    assert!(found.is_empty(), "{}", common::render(&found));
}
