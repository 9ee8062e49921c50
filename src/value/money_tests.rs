//! Specification tests for currencies, money parsing, printing and
//! arithmetic.

use super::*;

fn dec(text: &str) -> Decimal {
    match parse_decimal(text) {
        Ok(value) => value,
        Err(err) => panic!("test literal `{text}` should parse: {err}"),
    }
}

fn money(text: &str) -> Money {
    match parse_money(text) {
        Ok(value) => value,
        Err(err) => panic!("test literal `{text}` should parse: {err}"),
    }
}

fn ccy(code: &str) -> Currency {
    match Currency::parse(code) {
        Some(currency) => currency,
        None => panic!("test currency `{code}` should parse"),
    }
}

fn shown(result: Result<Money, ArithError>) -> Result<String, ArithError> {
    result.map(|m| m.to_string())
}

#[test]
fn currency_is_exactly_three_uppercase_ascii_letters() {
    assert_eq!(ccy("USD").as_str(), "USD");
    assert_eq!(ccy("XTS").to_string(), "XTS");
    for bad in [
        "", "US", "USDD", "usd", "Usd", "U5D", "US ", " USD", "ÜSD", "УСД",
    ] {
        assert_eq!(Currency::parse(bad), None, "`{bad}`");
    }
}

#[test]
fn currencies_order_alphabetically() {
    assert!(ccy("EUR") < ccy("USD"));
    assert!(ccy("CHF") < ccy("EUR"));
}

#[test]
fn money_parses_amount_and_currency_keeping_scale() {
    let m = money("1500.00 USD");
    assert_eq!(m.currency, ccy("USD"));
    assert_eq!(m.amount.scale(), 2);
    assert_eq!(m.to_string(), "1500.00 USD");
    assert_eq!(money("-3.5 EUR").to_string(), "-3.5 EUR");
    assert_eq!(money("+7 GBP").to_string(), "7 GBP");
    assert_eq!(money("-0.00 EUR").to_string(), "0.00 EUR");
}

#[test]
fn money_without_a_currency_says_so() {
    assert_eq!(parse_money("1500.00"), Err(MoneyError::MissingCurrency));
    assert_eq!(parse_money("1500.00 "), Err(MoneyError::MissingCurrency));
}

#[test]
fn money_with_a_bad_currency_names_it() {
    assert_eq!(
        parse_money("15 usd"),
        Err(MoneyError::BadCurrency("usd".into()))
    );
    assert_eq!(
        parse_money("15 US"),
        Err(MoneyError::BadCurrency("US".into()))
    );
    assert_eq!(
        parse_money("15 DOLLARS"),
        Err(MoneyError::BadCurrency("DOLLARS".into()))
    );
}

#[test]
fn money_with_a_bad_amount_carries_the_number_error() {
    assert_eq!(
        parse_money("1_500 USD"),
        Err(MoneyError::Number(NumberError::Malformed))
    );
    assert_eq!(
        parse_money("1234567890123456789012345678901234567890 USD"),
        Err(MoneyError::Number(NumberError::TooLarge))
    );
    assert_eq!(
        parse_money("USD 15"),
        Err(MoneyError::Number(NumberError::Malformed))
    );
}

#[test]
fn money_in_any_other_shape_is_malformed() {
    for text in [
        "",
        "USD",
        "1500USD",
        "1500.00  USD",
        " 1500.00 USD",
        "1500.00 USD ",
        "1500.00\tUSD",
        "1500.00 US D",
        " ",
    ] {
        assert_eq!(parse_money(text), Err(MoneyError::Malformed), "`{text}`");
    }
}

#[test]
fn money_errors_read_as_lowercase_phrases_quoting_the_input() {
    assert_eq!(
        MoneyError::BadCurrency("usd".into()).to_string(),
        "currency `usd` is not three uppercase letters"
    );
    assert_eq!(
        MoneyError::Number(NumberError::Malformed).to_string(),
        "invalid money amount: malformed number"
    );
    for err in [
        MoneyError::MissingCurrency,
        MoneyError::Malformed,
        MoneyError::Number(NumberError::TooLarge),
    ] {
        let text = err.to_string();
        assert!(text.starts_with(|c: char| c.is_ascii_lowercase()), "{text}");
        assert!(!text.ends_with('.'), "{text}");
    }
}

#[test]
fn equal_values_with_different_scales_are_equal_money() {
    assert_eq!(money("1.5 USD"), money("1.50 USD"));
    assert_ne!(money("1.5 USD"), money("1.5 EUR"));
}

#[test]
fn adding_and_subtracting_keep_the_currency_and_scale() {
    assert_eq!(
        shown(money("1500.00 USD").checked_add(money("0.5 USD"))),
        Ok("1500.50 USD".into())
    );
    assert_eq!(
        shown(money("10 EUR").checked_sub(money("12.25 EUR"))),
        Ok("-2.25 EUR".into())
    );
}

#[test]
fn combining_different_currencies_is_a_mismatch() {
    let expected = Err(ArithError::CurrencyMismatch {
        left: ccy("USD"),
        right: ccy("EUR"),
    });
    assert_eq!(money("1 USD").checked_add(money("1 EUR")), expected);
    assert_eq!(money("1 USD").checked_sub(money("1 EUR")), expected);
    assert_eq!(
        money("1 USD").ratio(money("1 EUR")),
        Err(ArithError::CurrencyMismatch {
            left: ccy("USD"),
            right: ccy("EUR"),
        })
    );
    assert_eq!(
        money("1 USD").checked_cmp(&money("1 EUR")),
        Err(ArithError::CurrencyMismatch {
            left: ccy("USD"),
            right: ccy("EUR"),
        })
    );
}

#[test]
fn scaling_money_by_a_number() {
    assert_eq!(
        shown(money("1500.00 USD").checked_mul(dec("0.035"))),
        Ok("52.50000 USD".into())
    );
    assert_eq!(
        shown(money("100.00 USD").checked_div(dec("4"))),
        Ok("25.00 USD".into())
    );
}

#[test]
fn dividing_money_by_zero_is_an_error() {
    assert_eq!(
        money("100 USD").checked_div(dec("0")),
        Err(ArithError::DivisionByZero)
    );
    assert_eq!(
        money("100 USD").ratio(money("0.00 USD")),
        Err(ArithError::DivisionByZero)
    );
}

#[test]
fn money_overflow_is_an_error() {
    let huge = Money::new(Decimal::MAX, ccy("USD"));
    assert_eq!(huge.checked_add(money("1 USD")), Err(ArithError::Overflow));
    assert_eq!(huge.checked_mul(dec("2")), Err(ArithError::Overflow));
    assert_eq!(
        (-huge).checked_sub(money("1 USD")),
        Err(ArithError::Overflow)
    );
}

#[test]
fn ratio_of_two_amounts_is_a_plain_number() {
    assert_eq!(money("300 USD").ratio(money("1200 USD")), Ok(dec("0.25")));
}

#[test]
fn negation_flips_the_sign_but_not_zero() {
    assert_eq!((-money("3.50 USD")).to_string(), "-3.50 USD");
    assert_eq!((-money("-3.50 USD")).to_string(), "3.50 USD");
    assert_eq!((-money("0.00 USD")).to_string(), "0.00 USD");
    assert_eq!(money("3.50 USD").neg(), money("-3.5 USD"));
}

#[test]
fn comparing_amounts_of_one_currency_ignores_scale() {
    assert_eq!(
        money("1.50 USD").checked_cmp(&money("1.5 USD")),
        Ok(Ordering::Equal)
    );
    assert_eq!(
        money("-2 USD").checked_cmp(&money("1 USD")),
        Ok(Ordering::Less)
    );
    assert_eq!(
        money("1500.01 USD").checked_cmp(&money("1500 USD")),
        Ok(Ordering::Greater)
    );
}
