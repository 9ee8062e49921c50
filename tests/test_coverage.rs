//! Rule coverage on a hand-made suite whose counts are known: each rule's
//! passed / failed / not applicable counts per decision, the rules never
//! exercised, the percentage, and the minimum that fails a run.
//!
//! The suite (`tests/fixtures/test-suites/coverage/`, counts in its
//! comments): `club.entry` has four scenarios that make each of its three
//! rules both pass and fail; `club.bar` has one scenario in which both its
//! rules pass; `club.cloakroom` has none. So 3 of 7 (decision, rule) pairs
//! are exercised: 42.857… percent, shown rounded down as 42.8.

mod test_support;

use serde_json::{json, Value};
use test_support::{stdout, suite, test_run, FORMATS};

fn coverage_of(extra: &[&str], suites: &[&str]) -> (Option<i32>, Value) {
    let mut args = vec!["--coverage"];
    args.extend_from_slice(extra);
    args.extend_from_slice(suites);
    let output = test_run("json", &args);
    let text = stdout(&output);
    let summary: Value =
        serde_json::from_str(text.lines().last().unwrap_or("")).expect("a JSON summary");
    (output.status.code(), summary["coverage"].clone())
}

fn rule(coverage: &Value, decision: &str, rule: &str) -> Value {
    coverage["decisions"]
        .as_array()
        .and_then(|all| all.iter().find(|d| d["decision"] == decision))
        .and_then(|d| d["rules"].as_array())
        .and_then(|rules| rules.iter().find(|r| r["rule"] == rule))
        .cloned()
        .unwrap_or(Value::Null)
}

#[test]
fn coverage_counts_how_often_each_rule_of_each_decision_passed_failed_and_did_not_apply() {
    let (code, coverage) = coverage_of(&[], &[&suite("coverage")]);
    assert_eq!(
        code,
        Some(0),
        "coverage without a minimum never fails a run"
    );
    let expected = [
        ("club.entry", "CLUB-001", 3, 1, 0, true, json!(null)),
        ("club.entry", "CLUB-002", 1, 1, 2, true, json!(null)),
        ("club.entry", "CLUB-003", 1, 1, 2, true, json!(null)),
        ("club.bar", "CLUB-001", 1, 0, 0, false, json!(["failed"])),
        ("club.bar", "CLUB-004", 1, 0, 0, false, json!(["failed"])),
        (
            "club.cloakroom",
            "CLUB-005",
            0,
            0,
            0,
            false,
            json!(["evaluated"]),
        ),
        (
            "club.cloakroom",
            "CLUB-006",
            0,
            0,
            0,
            false,
            json!(["evaluated"]),
        ),
    ];
    for (decision, id, passed, failed, not_applicable, exercised, never) in expected {
        let counts = rule(&coverage, decision, id);
        assert_eq!(counts["passed"], passed, "{decision} {id}: {counts}");
        assert_eq!(counts["failed"], failed, "{decision} {id}: {counts}");
        assert_eq!(
            counts["not_applicable"], not_applicable,
            "{decision} {id}: {counts}"
        );
        assert_eq!(counts["exercised"], exercised, "{decision} {id}: {counts}");
        assert_eq!(counts["never"], never, "{decision} {id}: {counts}");
    }
    let scenarios: Vec<(Value, Value)> = coverage["decisions"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|d| (d["decision"].clone(), d["scenarios"].clone()))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        scenarios,
        [
            (json!("club.bar"), json!(1)),
            (json!("club.cloakroom"), json!(0)),
            (json!("club.entry"), json!(4))
        ]
    );
}

#[test]
fn the_percentage_is_exercised_pairs_over_all_pairs_rounded_down() {
    let (_, coverage) = coverage_of(&[], &[&suite("coverage")]);
    assert_eq!(coverage["exercised"], 3);
    assert_eq!(coverage["pairs"], 7);
    assert_eq!(coverage["percent"], "42.8");
}

#[test]
fn a_coverage_minimum_is_compared_exactly_and_fails_the_run_with_exit_1() {
    let (met, coverage) = coverage_of(&["--coverage-min", "42.8"], &[&suite("coverage")]);
    assert_eq!(met, Some(0), "300/7 % is at least 42.8 %");
    assert_eq!(coverage["met"], true);
    assert_eq!(coverage["minimum"], "42.8");
    let (short, coverage) = coverage_of(&["--coverage-min", "42.9"], &[&suite("coverage")]);
    assert_eq!(
        short,
        Some(1),
        "300/7 % is below 42.9 %, though both show as 42.8 rounded"
    );
    assert_eq!(coverage["met"], false);
}

#[test]
fn a_coverage_shortfall_is_reported_in_every_format() {
    for format in FORMATS {
        let output = test_run(format, &["--coverage-min", "50", &suite("coverage")]);
        let text = stdout(&output);
        assert_eq!(output.status.code(), Some(1), "{format}");
        if format == "json" {
            assert!(text.contains(r#""minimum":"50","met":false"#), "{text}");
        } else {
            assert!(
                text.contains("below the minimum of 50%"),
                "{format}:\n{text}"
            );
            assert!(
                text.contains("club.cloakroom CLUB-005: never evaluated"),
                "{format}:\n{text}"
            );
        }
    }
}

#[test]
fn human_coverage_shows_each_rule_and_lists_the_rules_never_exercised() {
    let text = stdout(&test_run("human", &["--coverage", &suite("coverage")]));
    assert!(
        text.contains(
            "rule coverage 42.8%: 3 of 7 (decision, rule) pairs passed and failed at least once"
        ),
        "{text}"
    );
    assert!(
        text.contains("✓ CLUB-002  passed 1  failed 1  not applicable 2"),
        "{text}"
    );
    assert!(
        text.contains("✗ CLUB-004  passed 1  failed 0  not applicable 0  never failed"),
        "{text}"
    );
    let listed = text.split("rules not exercised:\n").nth(1).unwrap_or("");
    assert!(listed.starts_with("  club.bar CLUB-001: never failed\n  club.bar CLUB-004: never failed\n  club.cloakroom CLUB-005: never evaluated\n"), "{listed}");
    assert!(
        text.ends_with("5 passed, 0 failed, 0 unchecked, 0 errors\n"),
        "the summary stays last"
    );
}

#[test]
fn a_decision_filter_measures_only_that_decision() {
    let (_, coverage) = coverage_of(&["--decision", "club.entry"], &[&suite("coverage")]);
    assert_eq!(coverage["pairs"], 3);
    assert_eq!(coverage["percent"], "100.0");
}

#[test]
fn documents_that_cannot_be_evaluated_count_for_nothing_and_failing_ones_still_count() {
    // broken/: a_good (an adult member) and c_schema#1 (a minor member) are
    // decided; b_not_yaml and c_schema#0 are not.
    let (_, coverage) = coverage_of(&[], &[&suite("broken")]);
    let entry = |id| rule(&coverage, "club.entry", id);
    assert_eq!(
        (
            entry("CLUB-001")["passed"].clone(),
            entry("CLUB-001")["failed"].clone()
        ),
        (json!(1), json!(1))
    );
    assert_eq!(entry("CLUB-002")["not_applicable"], 2);
    assert_eq!(entry("CLUB-003")["passed"], 2);
    // wrong/#1 fails its expectation, but its CLUB-003 failure is counted.
    let (_, coverage) = coverage_of(&[], &[&suite("wrong")]);
    assert_eq!(rule(&coverage, "club.entry", "CLUB-003")["failed"], 1);
}
