//! Policies that must fail to parse or check, each with the diagnostics it
//! must produce (rendered without colour at a fixed width), and policies
//! that must check clean.

mod common;

#[test]
fn syntax_errors_are_reported_in_words_with_their_place() {
    insta::glob!("fixtures/parse-errors/*.policy", |path| {
        let report = common::check_file(path).expect("this policy must not parse");
        insta::assert_snapshot!(report);
    });
}

#[test]
fn check_errors_are_all_reported_with_code_span_and_help() {
    insta::glob!("fixtures/check-errors/*.policy", |path| {
        let report = common::check_file(path).expect("this policy must not check");
        insta::assert_snapshot!(report);
    });
}

#[test]
fn correct_policies_check_clean() {
    insta::glob!("fixtures/check-ok/*.policy", |path| {
        assert_eq!(
            common::check_file(path),
            None,
            "{} must check clean",
            path.display()
        );
    });
}

#[test]
fn a_policy_with_five_different_mistakes_reports_all_five() {
    let report = common::check_file(std::path::Path::new(
        "tests/fixtures/check-errors/five_mistakes.policy",
    ))
    .expect("five mistakes");
    for code in [
        "eligo::check::unknown_field",
        "eligo::check::bad_operands",
        "eligo::check::unknown_symbol",
        "eligo::check::currency_mismatch",
        "eligo::check::optional_used",
    ] {
        assert_eq!(report.matches(code).count(), 1, "{code} once in:\n{report}");
    }
    assert!(report.contains("did you mean `country`?"));
}

#[test]
fn every_broken_item_of_a_file_is_reported_not_only_the_first() {
    let report = common::check_file(std::path::Path::new(
        "tests/fixtures/parse-errors/three_broken_items.policy",
    ))
    .expect("broken");
    assert_eq!(
        report.matches("eligo::syntax::unexpected").count(),
        4,
        "{report}"
    );
}
