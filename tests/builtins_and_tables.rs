//! The numeric, text and calendar built-ins and every decision-table form,
//! decided through the language with their explanations: each scenario of
//! `fixtures/library/*.yaml` against the policies beside it.

mod common;

#[test]
fn builtins_and_tables_decide_with_their_steps_explained() {
    let policies = eligo::load_policies(std::path::Path::new("tests/fixtures/library/policies"))
        .expect("library policies check");
    insta::glob!("fixtures/library/*.yaml", |path| {
        insta::assert_snapshot!(common::decide_file(&policies, path));
    });
}

#[test]
fn a_loan_payment_is_the_exactly_rounded_annuity() {
    // Reference payments computed independently with Python's `decimal`
    // module at 100 significant digits, p·r / (1 − (1 + r)^−n) with
    // r = rate / 100 / 12, rounded half to even to cents.
    let policies = eligo::load_policies(std::path::Path::new("tests/fixtures/library/policies"))
        .expect("library policies check");
    let cases = [
        ("250000.00 USD", "6.5", 360, "1580.17 USD"),
        ("200000.00 USD", "6", 360, "1199.10 USD"),
        ("18500.00 EUR", "3.9", 60, "339.87 EUR"),
        ("425000.00 GBP", "4.25", 300, "2302.39 GBP"),
        ("1000.00 USD", "19.99", 12, "92.63 USD"),
        ("750000.00 CHF", "0.125", 480, "1601.97 CHF"),
    ];
    for (principal, rate, months, expected) in cases {
        let text = format!(
            "decision: library.loan\ninput: {{principal: \"{principal}\", annual_rate_percent: {rate}, months: {months}}}\n"
        );
        let scenario = eligo::scenario::load(&policies, "loan.yaml", &text)
            .pop()
            .expect("one document")
            .expect("the scenario loads");
        let result = eligo::decide(&policies, &scenario, false).expect("decides");
        assert_eq!(
            result.values.get("payment"),
            Some(&serde_json::Value::String(expected.into())),
            "{principal} at {rate}% over {months} months"
        );
    }
}
