//! The expected digits below were computed independently with Python's
//! `decimal` module at 100 significant digits, then rounded half to even to
//! 28 significant digits (at most 28 decimal places), as the module
//! documents.

use super::*;

fn d(text: &str) -> Decimal {
    text.parse().expect("decimal literal")
}

fn same(actual: Result<Decimal>, expected: &str) {
    assert_eq!(actual.map(|v| v.to_string()), Ok(expected.to_string()));
}

#[test]
fn integer_powers_that_fit_are_exact_with_the_scale_of_multiplication() {
    same(pow(d("1.1"), d("10")), "2.5937424601");
    same(pow(d("1.05"), d("2")), "1.1025");
    same(pow(d("2"), d("10")), "1024");
    same(pow(d("-2"), d("3")), "-8");
    same(pow(d("7"), d("0")), "1");
    same(pow(d("0"), d("5")), "0");
}

#[test]
fn integer_powers_that_do_not_fit_are_rounded_once_to_28_digits() {
    same(pow(d("1.005"), d("360")), "6.022575212263216184054046809");
    same(pow(d("1.005"), d("-360")), "0.1660419280383235299160554242");
    same(pow(d("1.5"), d("-3")), "0.2962962962962962962962962963");
}

#[test]
fn fractional_powers_roots_exponentials_and_logarithms() {
    same(pow(d("2"), d("0.5")), "1.414213562373095048801688724");
    same(pow(d("1.05"), d("2.5")), "1.129726321947045721750119515");
    same(sqrt(d("2")), "1.414213562373095048801688724");
    same(
        sqrt(d("12345678901234567890")),
        "3513641828.820144253093654173",
    );
    same(sqrt(d("0.00000000000000000001")), "0.0000000001");
    same(sqrt(d("1.44")), "1.2");
    same(exp(d("1")), "2.718281828459045235360287471");
    same(exp(d("10")), "22026.46579480671651695790065");
    same(exp(d("-10")), "0.0000453999297624848515355915");
    same(exp(d("66")), "46071866343312915426773184428");
    same(exp(d("0")), "1");
    same(ln(d("2")), "0.6931471805599453094172321215");
    same(ln(d("0.001")), "-6.907755278982137052053974364");
    same(
        ln(d("79228162514264337593543950335")),
        "66.54212933375474970405428366",
    );
    same(ln(d("1")), "0");
    same(log10(d("2")), "0.3010299956639811952137388947");
    same(log10(d("1000")), "3");
    same(log10(d("0.01")), "-2");
}

#[test]
fn results_no_decimal_can_hold_are_errors_not_approximations() {
    assert_eq!(
        pow(d("-8"), d("0.5")).map_err(|e| matches!(e, MathError::Undefined(_))),
        Err(true)
    );
    assert_eq!(pow(d("0"), d("-1")), Err(MathError::DivisionByZero));
    assert_eq!(pow(d("10"), d("30")), Err(MathError::Overflow));
    assert_eq!(pow(d("1.0001"), d("100000000")), Err(MathError::Overflow));
    assert_eq!(exp(d("100")), Err(MathError::Overflow));
    assert!(matches!(ln(d("0")), Err(MathError::Undefined(_))));
    assert!(matches!(log10(d("-1")), Err(MathError::Undefined(_))));
    assert!(matches!(sqrt(d("-4")), Err(MathError::Undefined(_))));
}

#[test]
fn powers_too_small_for_28_places_are_zero_and_powers_of_one_stay_one() {
    same(pow(d("0.5"), d("200")), "0");
    same(exp(d("-100")), "0");
    same(pow(d("1"), d("99999999999")), "1");
    same(pow(d("-1"), d("99999999999")), "-1");
    same(pow(d("0.999"), d("5000000")), "0");
}
