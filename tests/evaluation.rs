//! Scenarios and the decisions they must produce, explanations included.

mod common;

#[test]
fn decisions_with_their_explanations() {
    let policies = common::fixture_policies();
    insta::glob!("fixtures/eval/*.yaml", |path| {
        insta::assert_snapshot!(common::decide_file(&policies, path));
    });
}

#[test]
fn input_that_does_not_fit_the_schema_is_reported_with_line_and_column() {
    let policies = common::fixture_policies();
    insta::glob!("fixtures/input-errors/*.yaml", |path| {
        insta::assert_snapshot!(common::decide_file(&policies, path));
    });
}
