//! Arithmetic on random decimals and money, through the language: every
//! result is the exact value (checked against rational arithmetic on big
//! integers) or a runtime diagnostic (overflow, division by zero, currency
//! mismatch, a date past the calendar) that names the value being computed
//! and the operands it saw. Never a wrap, a panic or a wrong number.

use num_bigint::BigInt;
use proptest::prelude::*;
use rust_decimal::Decimal;

const POLICY: &str = r#"module ops

decision ops.numbers "arithmetic on two decimals"
  input {a: decimal, b: decimal}
  value sum: decimal = input.a + input.b
  value difference: decimal = input.a - input.b
  value product: decimal = input.a * input.b
  value quotient: decimal = input.a / input.b

decision ops.money "arithmetic on two amounts"
  input {m: money, n: money}
  value total: money = input.m + input.n

decision ops.dates "moving a date by days"
  input {day: date, days: int}
  value later: date = input.day + input.days * 1 days
"#;

fn policies() -> &'static eligo::PolicySet {
    static SET: std::sync::OnceLock<eligo::PolicySet> = std::sync::OnceLock::new();
    SET.get_or_init(|| eligo::load_policy_files(&[("ops.policy", POLICY)]).expect("checks"))
}

/// The decision's values, or its one diagnostic as (code, message).
fn decide(yaml: &str) -> Result<serde_json::Map<String, serde_json::Value>, (String, String)> {
    let policies = policies();
    let mut loaded = eligo::scenario::load(policies, "ops.yaml", yaml);
    assert_eq!(loaded.len(), 1);
    let scenario = loaded.remove(0).expect("the input fits its schema");
    match eligo::decide(policies, &scenario, false) {
        Ok(result) => Ok(result.values.into_iter().collect()),
        Err(failure) => {
            let d = &failure.diagnostics[0];
            Err((d.code_text(), d.message()))
        }
    }
}

/// `value` as an exact rational (numerator, denominator).
fn exact(value: Decimal) -> (BigInt, BigInt) {
    (
        BigInt::from(value.mantissa()),
        BigInt::from(10u8).pow(value.scale()),
    )
}

fn same(text: &str, numerator: &BigInt, denominator: &BigInt) -> bool {
    let value: Decimal = text.parse().expect("a decimal");
    let (n, d) = exact(value);
    &n * denominator == numerator * d
}

/// Whether a decimal (96-bit mantissa, at most 28 places) holds n / d
/// exactly, d being a power of ten.
fn fits(numerator: &BigInt, denominator: &BigInt) -> bool {
    let (mut n, mut d) = (numerator.clone(), denominator.clone());
    let ten = BigInt::from(10u8);
    while d > BigInt::from(1u8) && (&n % &ten) == BigInt::from(0u8) {
        n /= &ten;
        d /= &ten;
    }
    let places = d.to_string().len() - 1;
    let max = BigInt::from(Decimal::MAX.mantissa());
    places <= 28 && n.magnitude() <= max.magnitude()
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (
        any::<i64>(),
        0u32..=28,
        prop_oneof![Just(1i128), Just(1i128 << 32), Just(1i128 << 60)],
    )
        .prop_map(|(m, scale, widen)| {
            let mantissa = (i128::from(m) * widen).clamp(-(1i128 << 95), 1i128 << 95);
            Decimal::from_i128_with_scale(mantissa, scale)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn sums_and_differences_are_exact_or_an_overflow_naming_the_values(a in decimal(), b in decimal()) {
        let yaml = format!("decision: ops.numbers\ninput: {{a: \"{a}\", b: \"{b}\"}}\n");
        let (an, ad) = exact(a);
        let (bn, bd) = exact(b);
        match decide(&yaml) {
            Ok(values) => {
                let sum = values["sum"].as_str().expect("text");
                let difference = values["difference"].as_str().expect("text");
                let (sum_n, difference_n) = (&an * &bd + &bn * &ad, &an * &bd - &bn * &ad);
                let denominator = &ad * &bd;
                // Where a decimal can hold the exact value, it is the result.
                if fits(&sum_n, &denominator) {
                    prop_assert!(same(sum, &sum_n, &denominator), "{a} + {b} = {sum}");
                }
                if fits(&difference_n, &denominator) {
                    prop_assert!(same(difference, &difference_n, &denominator), "{a} - {b} = {difference}");
                }
            }
            Err((code, message)) => {
                let known = ["eligo::eval::overflow", "eligo::eval::division_by_zero"];
                prop_assert!(known.contains(&code.as_str()), "{code}: {message}");
                prop_assert!(message.contains(" in value `"), "{message}");
                if code == "eligo::eval::division_by_zero" {
                    prop_assert!(b.is_zero(), "{message}");
                    prop_assert!(message.contains(&format!("÷ {}", eligo::value::decimal::format_decimal(&b))), "{message}");
                }
            }
        }
    }

    #[test]
    fn money_in_two_currencies_is_a_mismatch_never_a_number(
        a in decimal(), b in decimal(), same_currency in any::<bool>()
    ) {
        let other = if same_currency { "USD" } else { "EUR" };
        let yaml = format!("decision: ops.money\ninput: {{m: \"{a} USD\", n: \"{b} {other}\"}}\n");
        match decide(&yaml) {
            Ok(values) => {
                prop_assert!(same_currency, "USD and EUR gave {values:?}");
                let total = values["total"].as_str().expect("text");
                prop_assert!(total.ends_with(" USD"), "{total}");
            }
            Err((code, message)) if !same_currency => {
                prop_assert_eq!(code, "eligo::eval::currency_mismatch", "{}", message);
                prop_assert!(message.contains("USD") && message.contains("EUR"), "{}", message);
            }
            Err((code, message)) => {
                prop_assert_eq!(code, "eligo::eval::overflow", "{}", message);
                prop_assert!(message.contains(" USD + "), "{}", message);
            }
        }
    }

    #[test]
    fn dates_past_the_calendar_are_a_diagnostic(days in any::<i32>()) {
        let yaml = format!("decision: ops.dates\ninput: {{day: 2026-05-01, days: {days}}}\n");
        let start = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).expect("a date");
        let expected = start.checked_add_signed(chrono::TimeDelta::days(i64::from(days)));
        match (decide(&yaml), expected) {
            (Ok(values), Some(date)) => {
                let shown = date.to_string();
                prop_assert_eq!(values["later"].as_str(), Some(shown.as_str()));
            }
            (Err((code, message)), None) => {
                prop_assert!(code.starts_with("eligo::eval::"), "{}", code);
                prop_assert!(message.contains("in value `later`"), "{}", message);
            }
            (got, want) => prop_assert!(false, "{days} days: got {got:?}, want {want:?}"),
        }
    }
}

#[test]
fn a_division_by_zero_names_the_value_and_the_operands() {
    let error = decide("decision: ops.numbers\ninput: {a: \"1.50\", b: 0}\n").expect_err("÷ 0");
    assert_eq!(error.0, "eligo::eval::division_by_zero");
    assert_eq!(error.1, "division by zero: `1.50 ÷ 0` in value `quotient`");
}
