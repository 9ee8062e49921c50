//! `eligo test --format html` read back by an independent HTML parser, and
//! both HTML reports looked at in a real headless Chromium: the page draws
//! something, its script runs, and the DOM the browser built holds the
//! report's key text.

mod test_support;

use std::path::Path;

use test_support::chromium::{inked_per_mille, look_at};
use test_support::html::{self_contained, texts};
use test_support::{scratch, stdout, suite, test_run};

fn html_report(paths: &[&str]) -> String {
    let output = test_run("html", paths);
    stdout(&output)
}

#[test]
fn the_test_report_is_one_self_contained_page() {
    let text = html_report(&[&suite("wrong"), &suite("passing"), &suite("broken")]);
    insta::assert_snapshot!("test_html", text);
    let page = self_contained(&text);
    let counts = texts(&page, ".counts .count");
    assert_eq!(counts, ["7 passed", "2 failed", "0 unchecked", "2 errors"]);
    let failures = texts(&page, "details.document > summary.failed");
    assert_eq!(failures.len(), 2, "{failures:?}");
    assert!(failures[0].starts_with("tests/fixtures/test-suites/wrong/entry.yaml#1"));
    let trees = texts(
        &page,
        "details.document details.explanation ul.tree li.failed > details > summary",
    );
    assert!(
        trees.iter().any(|t| t.starts_with("✗ CLUB-003")),
        "{trees:?}"
    );
}

#[test]
fn the_coverage_table_has_a_bar_for_every_decision_and_every_rule() {
    let page = self_contained(&html_report(&[&suite("wrong"), &suite("passing")]));
    let decisions = texts(&page, "table.coverage tr.decision td:first-child");
    assert_eq!(
        decisions,
        [
            "club.bar (1 scenario)",
            "club.cloakroom (0 scenarios)",
            "club.entry (6 scenarios)"
        ]
    );
    let rules = texts(&page, "table.coverage tr.rule td:first-child");
    assert_eq!(rules.len(), 7, "{rules:?}");
    let bars = texts(&page, "table.coverage tr .bar");
    assert_eq!(bars.len(), decisions.len() + rules.len());
}

fn looks_right(name: &str, html: &str, key_texts: &[&str]) {
    let dir = scratch(&format!("chromium-{name}"));
    let page = dir.join("report.html");
    std::fs::write(&page, html).expect("the page is written");
    let looked = look_at(&page, &dir);
    let inked = inked_per_mille(&looked.screenshot);
    assert!(
        inked >= 20,
        "the screenshot is nearly blank: {inked}‰ of it drawn"
    );
    assert!(
        looked.dom.contains("data-script=\"ran\""),
        "the page's script did not run"
    );
    for text in key_texts {
        assert!(looked.dom.contains(text), "the DOM lacks `{text}`");
    }
    // Browser profiles are large; a passing run leaves none behind.
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn chromium_draws_the_test_report_and_runs_its_script() {
    let html = html_report(&[&suite("wrong"), &suite("passing")]);
    looks_right(
        "test",
        &html,
        &[
            "5 passed, 2 failed, 0 unchecked, 0 errors",
            "Rule coverage",
            "CLUB-003",
            "Failed (2)",
        ],
    );
}

#[test]
fn chromium_draws_the_diff_report() {
    let policies = Path::new("tests/fixtures/diff");
    let output = test_support::eligo(&[
        "diff",
        "--base",
        &policies.join("base").display().to_string(),
        "--head",
        &policies.join("head").display().to_string(),
        "--format",
        "html",
        "tests/fixtures/diff/scenarios/orders.yaml",
    ]);
    assert_eq!(output.status.code(), Some(1));
    looks_right(
        "diff",
        &stdout(&output),
        &["allow → deny", "deny → allow", "23.00 USD", "Policy change"],
    );
}
