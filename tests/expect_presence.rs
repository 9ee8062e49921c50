//! `expect: values: {x: absent}` and `{x: present}`: a scenario can assert
//! that a decision does not report a value, or reports one whatever it is.

mod test_support;

use test_support::{eligo, stdout};

#[test]
fn absent_and_present_expectations_are_judged_by_whether_the_value_is_reported() {
    let output = eligo(&[
        "test",
        "--policies",
        "tests/fixtures/library/policies",
        "--format",
        "human",
        "tests/fixtures/library/presence",
    ]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    for line in [
        "ok        tests/fixtures/library/presence/referral.yaml#0",
        "ok        tests/fixtures/library/presence/referral.yaml#1",
        "FAILED    tests/fixtures/library/presence/referral.yaml#2",
        "referral.yaml:17: value `bonus`: expected absent, got 5.00 EUR",
        "FAILED    tests/fixtures/library/presence/referral.yaml#3",
        "referral.yaml:23: value `bonus`: expected a value, but the decision did not report it",
        "`bonus` came out absent, so it is not reported",
        // A quoted `"absent"` is compared as text.
        "referral.yaml:29: value `referred_by`: expected absent, got nobody",
        "2 passed, 3 failed, 0 unchecked, 0 errors",
    ] {
        assert!(text.contains(line), "missing `{line}` in:\n{text}");
    }
}

#[test]
fn a_presence_expectation_is_marked_in_the_json_report() {
    let output = eligo(&[
        "test",
        "--policies",
        "tests/fixtures/library/policies",
        "--format",
        "json",
        "tests/fixtures/library/presence/referral.yaml",
    ]);
    let text = stdout(&output);
    assert!(text.contains(r#""presence":"absent""#), "{text}");
    assert!(text.contains(r#""presence":"present""#), "{text}");
}
