//! Exact decimal numbers and integers: parsing them from rule text, rounding
//! them under a named rounding mode, and printing them back with their scale.
//!
//! Numbers in rules are money, rates and thresholds, so nothing here ever goes
//! through binary floating point: `0.1` is exactly one tenth, `1200.10` keeps
//! its two decimal places, and a number that cannot be held exactly is an
//! error rather than a silently rounded value.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};

/// Why a piece of text is not an acceptable number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NumberError {
    /// The text is not written in the accepted number syntax.
    Malformed,
    /// The text is well formed but the number cannot be held exactly: too
    /// many significant digits, too many decimal places, or (for integers)
    /// outside the 64-bit range.
    TooLarge,
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumberError::Malformed => f.write_str("malformed number"),
            NumberError::TooLarge => {
                f.write_str("number is too large or too precise to be represented exactly")
            }
        }
    }
}

impl std::error::Error for NumberError {}

/// The sign and digit runs of a syntactically valid number, borrowed from
/// the input.
struct NumberParts<'a> {
    negative: bool,
    integer: &'a str,
    fraction: Option<&'a str>,
}

/// Splits `[+-]digits[.digits]` into its parts, refusing everything else.
///
/// The grammar is checked here rather than left to `rust_decimal`, because
/// that parser is deliberately lenient (it takes `_` separators, `.5` and
/// `5.`), and rule text should have one spelling per number.
fn split_number(text: &str) -> Option<NumberParts<'_>> {
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (integer, fraction) = match unsigned.split_once('.') {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (unsigned, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(integer) || !fraction.is_none_or(all_digits) {
        return None;
    }
    Some(NumberParts {
        negative,
        integer,
        fraction,
    })
}

/// Parses a decimal number exactly, keeping the scale it was written with.
///
/// The accepted form is an optional `+` or `-`, one or more ASCII digits, and
/// optionally a `.` followed by one or more digits. Exponents, digit
/// separators, surrounding spaces, `NaN` and infinities are [`NumberError::Malformed`].
/// A number needing more than 28 decimal places or more than the 96-bit
/// mantissa of [`Decimal`] (about 28–29 significant digits) is
/// [`NumberError::TooLarge`]; it is never rounded to fit.
pub fn parse_decimal(text: &str) -> Result<Decimal, NumberError> {
    let parts = split_number(text).ok_or(NumberError::Malformed)?;
    // Leading zeros carry no information but still count against the
    // digit budget of `from_str_exact`, so they are dropped before handing
    // the text over; trailing fraction zeros are kept because they are the
    // scale.
    let integer = parts.integer.trim_start_matches('0');
    let integer = if integer.is_empty() { "0" } else { integer };
    let mut canonical = String::with_capacity(text.len() + 1);
    canonical.push_str(integer);
    if let Some(fraction) = parts.fraction {
        canonical.push('.');
        canonical.push_str(fraction);
    }
    let mut value = Decimal::from_str_exact(&canonical).map_err(|_| NumberError::TooLarge)?;
    // Negating zero would give a negative zero, which prints as `-0`.
    if parts.negative && !value.is_zero() {
        value.set_sign_negative(true);
    }
    Ok(value)
}

/// Parses a decimal as YAML writes numbers: also `.5` and `5.`, the forms
/// YAML's core schema reads as numbers, which [`parse_decimal`] keeps out of
/// policy text. The value is still read exactly from its digits.
pub fn parse_yaml_decimal(text: &str) -> Result<Decimal, NumberError> {
    let (sign, unsigned) = match text.as_bytes().first() {
        Some(b'-' | b'+') => text.split_at(1),
        _ => ("", text),
    };
    if let Some(fraction) = unsigned.strip_prefix('.') {
        return parse_decimal(&format!("{sign}0.{fraction}"));
    }
    if let Some(integer) = unsigned.strip_suffix('.') {
        return parse_decimal(&format!("{sign}{integer}"));
    }
    parse_decimal(text)
}

/// Parses a whole number: an optional `+` or `-` followed by ASCII digits.
///
/// Values outside the `i64` range are [`NumberError::TooLarge`].
pub fn parse_int(text: &str) -> Result<i64, NumberError> {
    let parts = split_number(text).ok_or(NumberError::Malformed)?;
    if parts.fraction.is_some() {
        return Err(NumberError::Malformed);
    }
    // The grammar is already known to be right, so the only way the standard
    // parser can still fail is by leaving the `i64` range.
    text.parse::<i64>().map_err(|_| NumberError::TooLarge)
}

/// How [`round`] resolves a value that lies between two representable
/// results.
///
/// The `Half*` modes only differ when the value is exactly halfway; `HalfUp`
/// means half *away from zero*, so `-2.345` goes to `-2.35`, as in
/// commercial rounding. `Up` and `Down` are away from and toward zero;
/// `Ceiling` and `Floor` are toward positive and negative infinity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RoundingMode {
    /// Halfway values go to the neighbour whose last digit is even
    /// (banker's rounding).
    HalfEven,
    /// Halfway values go away from zero.
    HalfUp,
    /// Halfway values go toward zero.
    HalfDown,
    /// Always away from zero.
    Up,
    /// Always toward zero (truncation).
    Down,
    /// Always toward positive infinity.
    Ceiling,
    /// Always toward negative infinity.
    Floor,
}

impl RoundingMode {
    /// Every mode, in declaration order, so callers can list the valid
    /// names in a diagnostic.
    pub const ALL: [RoundingMode; 7] = [
        RoundingMode::HalfEven,
        RoundingMode::HalfUp,
        RoundingMode::HalfDown,
        RoundingMode::Up,
        RoundingMode::Down,
        RoundingMode::Ceiling,
        RoundingMode::Floor,
    ];

    /// The snake_case name used in rule files.
    pub fn name(self) -> &'static str {
        match self {
            RoundingMode::HalfEven => "half_even",
            RoundingMode::HalfUp => "half_up",
            RoundingMode::HalfDown => "half_down",
            RoundingMode::Up => "up",
            RoundingMode::Down => "down",
            RoundingMode::Ceiling => "ceiling",
            RoundingMode::Floor => "floor",
        }
    }

    /// The mode with the given snake_case name; names are case-sensitive.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|mode| mode.name() == name)
    }

    fn strategy(self) -> RoundingStrategy {
        match self {
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfDown => RoundingStrategy::MidpointTowardZero,
            RoundingMode::Up => RoundingStrategy::AwayFromZero,
            RoundingMode::Down => RoundingStrategy::ToZero,
            RoundingMode::Ceiling => RoundingStrategy::ToPositiveInfinity,
            RoundingMode::Floor => RoundingStrategy::ToNegativeInfinity,
        }
    }
}

impl fmt::Display for RoundingMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Rounds `value` to `places` decimal places under `mode`, and gives the
/// result exactly that scale, so `2.5` rounded to 2 places prints `2.50`.
///
/// `Decimal` cannot carry more than 28 decimal places, so `places` above 28
/// is treated as 28. Widening the scale never changes the value, and when
/// the integer part is too long to carry all the requested places the
/// result keeps as many as fit (the value is still exact). A zero result is
/// never negative.
pub fn round(value: Decimal, places: u32, mode: RoundingMode) -> Decimal {
    let places = places.min(Decimal::MAX_SCALE);
    // `round_dp_with_strategy` leaves values that already have few enough
    // places untouched, so the rescale is what pads `2.5` out to `2.50`.
    let mut rounded = value.round_dp_with_strategy(places, mode.strategy());
    rounded.rescale(places);
    if rounded.is_zero() {
        rounded.set_sign_positive(true);
    }
    rounded
}

/// Prints a decimal with exactly its own scale (`1200.10`, `-0.50`, `5`),
/// never in scientific notation and never as `-0`.
pub fn format_decimal(d: &Decimal) -> String {
    // Built from the mantissa rather than `Display` so the output format is
    // pinned here and does not depend on the library's formatting choices.
    let mantissa = d.mantissa();
    let digits = mantissa.unsigned_abs().to_string();
    let scale = usize::try_from(d.scale()).unwrap_or(0);
    let mut out = String::with_capacity(digits.len() + scale + 3);
    if mantissa < 0 {
        out.push('-');
    }
    if scale == 0 {
        out.push_str(&digits);
        return out;
    }
    if digits.len() <= scale {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', scale - digits.len()));
        out.push_str(&digits);
    } else {
        let (integer, fraction) = digits.split_at(digits.len() - scale);
        out.push_str(integer);
        out.push('.');
        out.push_str(fraction);
    }
    out
}

#[cfg(test)]
#[path = "decimal_tests.rs"]
mod tests;
