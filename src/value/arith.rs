//! Checked arithmetic on decimals and 64-bit integers, and [`ArithError`],
//! the one error type shared by all value arithmetic (money included).
//!
//! A rule that overflows or divides by zero must produce a diagnosable error
//! instead of a wrapped, saturated or panicking result, so every operation
//! here is checked.
//!
//! `Decimal` holds a 96-bit mantissa and at most 28 decimal places.
//! Addition and subtraction are exact whenever they succeed. A product or
//! quotient whose exact value needs more digits than that is rounded by
//! `rust_decimal` to fit (for example `1 / 3` is
//! `0.3333333333333333333333333333`); only a result whose integer part does
//! not fit is [`ArithError::Overflow`]. Callers that need a fixed number of
//! places round explicitly with `decimal::round`.

use std::fmt;

use rust_decimal::Decimal;

use super::money::Currency;

/// Why an arithmetic operation on values has no result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ArithError {
    /// The result is outside the range of its type.
    Overflow,
    /// The divisor is zero.
    DivisionByZero,
    /// Two amounts of money in different currencies were combined or
    /// compared.
    CurrencyMismatch {
        /// The currency of the left operand.
        left: Currency,
        /// The currency of the right operand.
        right: Currency,
    },
}

impl fmt::Display for ArithError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArithError::Overflow => f.write_str("arithmetic overflow"),
            ArithError::DivisionByZero => f.write_str("division by zero"),
            ArithError::CurrencyMismatch { left, right } => {
                write!(f, "cannot combine `{left}` with `{right}`")
            }
        }
    }
}

impl std::error::Error for ArithError {}

/// `a + b`, or [`ArithError::Overflow`].
pub fn dec_add(a: Decimal, b: Decimal) -> Result<Decimal, ArithError> {
    a.checked_add(b).ok_or(ArithError::Overflow)
}

/// `a - b`, or [`ArithError::Overflow`].
pub fn dec_sub(a: Decimal, b: Decimal) -> Result<Decimal, ArithError> {
    a.checked_sub(b).ok_or(ArithError::Overflow)
}

/// `a × b`, or [`ArithError::Overflow`]; see the module docs on precision.
pub fn dec_mul(a: Decimal, b: Decimal) -> Result<Decimal, ArithError> {
    a.checked_mul(b).ok_or(ArithError::Overflow)
}

/// `a ÷ b`; a zero divisor is [`ArithError::DivisionByZero`] and a quotient
/// too large to hold is [`ArithError::Overflow`].
///
/// An exact quotient has as many decimal places as it needs, but at least
/// `a`'s scale minus `b`'s (`100.00 / 4` is `25.00`, `7 / 2` is `3.5`,
/// `1.0 / 0.5` is `2`). See the module docs on inexact quotients.
pub fn dec_div(a: Decimal, b: Decimal) -> Result<Decimal, ArithError> {
    // `checked_div` reports both failures as `None`, so the zero divisor is
    // told apart first.
    if b.is_zero() {
        return Err(ArithError::DivisionByZero);
    }
    let quotient = a.checked_div(b).ok_or(ArithError::Overflow)?;
    // The scale `rust_decimal` leaves on a quotient is an artefact of its
    // algorithm (`7 / 2` comes out as `3.50`). Use the preferred scale of
    // the General Decimal Arithmetic specification instead: as few places
    // as the quotient needs, but at least the dividend's scale minus the
    // divisor's, so `100.00 / 4` is `25.00` and `7 / 2` is `3.5`.
    let mut quotient = quotient.normalize();
    let preferred = a.scale().saturating_sub(b.scale());
    if quotient.scale() < preferred {
        quotient.rescale(preferred);
    }
    Ok(quotient)
}

/// `a + b`, or [`ArithError::Overflow`].
pub fn int_add(a: i64, b: i64) -> Result<i64, ArithError> {
    a.checked_add(b).ok_or(ArithError::Overflow)
}

/// `a - b`, or [`ArithError::Overflow`].
pub fn int_sub(a: i64, b: i64) -> Result<i64, ArithError> {
    a.checked_sub(b).ok_or(ArithError::Overflow)
}

/// `a × b`, or [`ArithError::Overflow`].
pub fn int_mul(a: i64, b: i64) -> Result<i64, ArithError> {
    a.checked_mul(b).ok_or(ArithError::Overflow)
}

/// `a ÷ b` as a decimal, so `7 / 2` is `3.5` rather than a truncated `3`.
///
/// A zero divisor is [`ArithError::DivisionByZero`]. Quotients that do not
/// terminate within 28 decimal places are rounded as described in the
/// module docs.
pub fn int_div(a: i64, b: i64) -> Result<Decimal, ArithError> {
    dec_div(Decimal::from(a), Decimal::from(b))
}

#[cfg(test)]
mod tests {
    use super::super::decimal::{format_decimal, parse_decimal};
    use super::*;

    fn dec(text: &str) -> Decimal {
        match parse_decimal(text) {
            Ok(value) => value,
            Err(err) => panic!("test literal `{text}` should parse: {err}"),
        }
    }

    fn shown(result: Result<Decimal, ArithError>) -> Result<String, ArithError> {
        result.map(|d| format_decimal(&d))
    }

    #[test]
    fn decimal_addition_and_subtraction_are_exact_and_keep_scale() {
        assert_eq!(shown(dec_add(dec("0.1"), dec("0.2"))), Ok("0.3".into()));
        assert_eq!(shown(dec_add(dec("1.10"), dec("2"))), Ok("3.10".into()));
        assert_eq!(shown(dec_sub(dec("5.00"), dec("7.5"))), Ok("-2.50".into()));
    }

    #[test]
    fn decimal_multiplication_keeps_the_combined_scale() {
        assert_eq!(shown(dec_mul(dec("1.10"), dec("2.0"))), Ok("2.200".into()));
        assert_eq!(
            shown(dec_mul(dec("1500.00"), dec("0.035"))),
            Ok("52.50000".into())
        );
    }

    #[test]
    fn decimal_overflow_is_an_error() {
        assert_eq!(dec_add(Decimal::MAX, dec("1")), Err(ArithError::Overflow));
        assert_eq!(dec_sub(Decimal::MIN, dec("1")), Err(ArithError::Overflow));
        assert_eq!(dec_mul(Decimal::MAX, dec("2")), Err(ArithError::Overflow));
        assert_eq!(dec_div(Decimal::MAX, dec("0.5")), Err(ArithError::Overflow));
    }

    #[test]
    fn decimal_division_by_zero_is_its_own_error() {
        assert_eq!(dec_div(dec("1"), dec("0")), Err(ArithError::DivisionByZero));
        assert_eq!(
            dec_div(dec("0"), dec("0.00")),
            Err(ArithError::DivisionByZero)
        );
    }

    #[test]
    fn decimal_division_is_exact_when_the_quotient_terminates() {
        assert_eq!(shown(dec_div(dec("10"), dec("4"))), Ok("2.5".into()));
        assert_eq!(shown(dec_div(dec("1"), dec("8"))), Ok("0.125".into()));
        assert_eq!(shown(dec_div(dec("-7"), dec("2"))), Ok("-3.5".into()));
    }

    #[test]
    fn decimal_division_keeps_the_dividend_scale_less_the_divisor_scale() {
        assert_eq!(shown(dec_div(dec("100.00"), dec("4"))), Ok("25.00".into()));
        assert_eq!(shown(dec_div(dec("1.0"), dec("0.5"))), Ok("2".into()));
        assert_eq!(shown(dec_div(dec("0.30"), dec("3"))), Ok("0.10".into()));
        assert_eq!(shown(dec_div(dec("0"), dec("-5"))), Ok("0".into()));
    }

    #[test]
    fn non_terminating_quotients_stop_at_twenty_eight_places() {
        assert_eq!(
            shown(dec_div(dec("1"), dec("3"))),
            Ok("0.3333333333333333333333333333".into())
        );
    }

    #[test]
    fn integer_arithmetic_is_checked() {
        assert_eq!(int_add(2, 3), Ok(5));
        assert_eq!(int_sub(2, 3), Ok(-1));
        assert_eq!(int_mul(-4, 3), Ok(-12));
        assert_eq!(int_add(i64::MAX, 1), Err(ArithError::Overflow));
        assert_eq!(int_sub(i64::MIN, 1), Err(ArithError::Overflow));
        assert_eq!(int_mul(i64::MAX, 2), Err(ArithError::Overflow));
        assert_eq!(int_mul(i64::MIN, -1), Err(ArithError::Overflow));
    }

    #[test]
    fn integer_division_gives_an_exact_decimal() {
        assert_eq!(shown(int_div(7, 2)), Ok("3.5".into()));
        assert_eq!(shown(int_div(-9, 3)), Ok("-3".into()));
        assert_eq!(
            shown(int_div(i64::MIN, -1)),
            Ok("9223372036854775808".into())
        );
        assert_eq!(int_div(1, 0), Err(ArithError::DivisionByZero));
    }

    #[test]
    fn arith_errors_read_as_lowercase_phrases() {
        let (Some(usd), Some(eur)) = (Currency::parse("USD"), Currency::parse("EUR")) else {
            panic!("USD and EUR are valid currency codes");
        };
        let mismatch = ArithError::CurrencyMismatch {
            left: usd,
            right: eur,
        };
        assert_eq!(mismatch.to_string(), "cannot combine `USD` with `EUR`");
        assert_eq!(ArithError::Overflow.to_string(), "arithmetic overflow");
        assert_eq!(ArithError::DivisionByZero.to_string(), "division by zero");
    }
}
