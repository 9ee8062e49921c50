//! Powers, roots, exponentials and logarithms on exact decimals, without
//! binary floating point.
//!
//! Every function computes with big integers, either exactly (integer
//! powers, as a fraction of two integers) or in fixed point with
//! [`WORKING_PLACES`] decimal places (roots, `exp`, `ln`, fractional powers),
//! which is far more than the result keeps. The result is then rounded
//! once, half to even, to 28 significant digits and at most 28 decimal
//! places (the most a `rust_decimal::Decimal` holds), and trailing zeros are
//! dropped. An integer power whose exact value fits (`1.05 ** 2` is
//! `1.1025`) is returned exactly, with the scale plain multiplication would
//! give. A result that no decimal can hold (a fractional power of a
//! negative number, the logarithm of zero, `exp(100)`) is a [`MathError`],
//! never an approximation.

use std::sync::OnceLock;

use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{Signed, ToPrimitive, Zero};
use rust_decimal::Decimal;

/// Decimal places of the fixed-point intermediate results.
pub const WORKING_PLACES: u32 = 90;

/// Significant digits a result keeps.
pub const SIGNIFICANT_DIGITS: u32 = 28;

/// An exponent magnitude beyond which integer powers are not tried: any base
/// other than 0, 1 or -1 overflows or vanishes long before.
const MAX_EXPONENT: u64 = 1_000_000;

/// Why a power, root or logarithm has no decimal result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MathError {
    /// The result is larger than any decimal.
    Overflow,
    /// Zero raised to a negative power.
    DivisionByZero,
    /// The result is not a real number, or the function is not defined
    /// there; the text says why.
    Undefined(&'static str),
}

impl std::fmt::Display for MathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MathError::Overflow => f.write_str("the result is too large for a decimal"),
            MathError::DivisionByZero => f.write_str("zero raised to a negative power"),
            MathError::Undefined(why) => f.write_str(why),
        }
    }
}

type Result<T> = std::result::Result<T, MathError>;

fn ten_pow(places: u32) -> BigInt {
    BigInt::from(10u32).pow(places)
}

fn scale() -> &'static BigInt {
    static SCALE: OnceLock<BigInt> = OnceLock::new();
    SCALE.get_or_init(|| ten_pow(WORKING_PLACES))
}

/// `value` as the fraction `mantissa / 10^scale`.
fn fraction(value: Decimal) -> (BigInt, BigInt) {
    (BigInt::from(value.mantissa()), ten_pow(value.scale()))
}

/// `value` in fixed point: `value × 10^WORKING_PLACES`, exactly.
fn fixed(value: Decimal) -> BigInt {
    BigInt::from(value.mantissa()) * ten_pow(WORKING_PLACES - value.scale())
}

fn digits(value: &BigInt) -> u32 {
    if value.is_zero() {
        return 0;
    }
    value.magnitude().to_string().len() as u32
}

/// `numerator / denominator` rounded half to even at `places` decimal
/// places, as (mantissa, places).
fn round_at(numerator: &BigInt, denominator: &BigInt, places: u32) -> BigInt {
    let scaled = numerator * ten_pow(places);
    let (quotient, remainder) = (&scaled / denominator, &scaled % denominator);
    let twice = remainder.abs() * 2u32;
    let denominator = denominator.abs();
    let away = match twice.cmp(&denominator) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => (&quotient % 2u32) != BigInt::zero(),
    };
    if !away {
        return quotient;
    }
    if scaled.sign() == Sign::Minus {
        quotient - 1u32
    } else {
        quotient + 1u32
    }
}

/// The fraction `numerator / denominator` (denominator positive) as the
/// nearest decimal with 28 significant digits, half to even.
fn to_decimal(numerator: &BigInt, denominator: &BigInt) -> Result<Decimal> {
    let first = round_at(numerator, denominator, 28);
    let length = digits(&first);
    let places = if length > SIGNIFICANT_DIGITS {
        28u32.saturating_sub(length - SIGNIFICANT_DIGITS)
    } else {
        28
    };
    let mantissa = if places == 28 {
        first
    } else {
        round_at(numerator, denominator, places)
    };
    let mantissa = mantissa.to_i128().ok_or(MathError::Overflow)?;
    Decimal::try_from_i128_with_scale(mantissa, places)
        .map(|d| d.normalize())
        .map_err(|_| MathError::Overflow)
}

/// A fixed-point approximation as a decimal. The approximation is nudged
/// half a unit of its last place up, so that it never lands exactly on a
/// rounding tie that the true value does not have.
fn fixed_to_decimal(value: &BigInt) -> Result<Decimal> {
    if value.is_zero() {
        return Ok(Decimal::ZERO);
    }
    let nudged = value * 2u32 + if value.is_negative() { -1 } else { 1 };
    to_decimal(&nudged, &(scale() * 2u32))
}

fn mul(a: &BigInt, b: &BigInt) -> BigInt {
    a * b / scale()
}

fn div(a: &BigInt, b: &BigInt) -> BigInt {
    a * scale() / b
}

/// `base ** exponent`. Integer exponents are computed exactly; others as
/// `exp(exponent × ln(base))`.
pub fn pow(base: Decimal, exponent: Decimal) -> Result<Decimal> {
    if exponent.fract().is_zero() {
        return integer_pow(base, exponent);
    }
    if base.is_zero() {
        return if exponent.is_sign_positive() {
            Ok(Decimal::ZERO)
        } else {
            Err(MathError::DivisionByZero)
        };
    }
    if base.is_sign_negative() {
        return Err(MathError::Undefined(
            "a negative number raised to a fractional power is not a real number",
        ));
    }
    let product = mul(&fixed(exponent), &ln_fixed(&fixed(base)));
    fixed_to_decimal(&exp_fixed(&product)?)
}

fn integer_pow(base: Decimal, exponent: Decimal) -> Result<Decimal> {
    let negative = exponent.is_sign_negative() && !exponent.is_zero();
    let odd = !(exponent % Decimal::TWO).is_zero();
    let n = exponent
        .trunc()
        .abs()
        .to_string()
        .parse::<u64>()
        .unwrap_or(u64::MAX);
    if n == 0 {
        return Ok(Decimal::ONE);
    }
    if base.is_zero() {
        return if negative {
            Err(MathError::DivisionByZero)
        } else {
            Ok(Decimal::ZERO)
        };
    }
    if base.abs() == Decimal::ONE {
        return Ok(if base.is_sign_negative() && odd {
            Decimal::NEGATIVE_ONE
        } else {
            Decimal::ONE
        });
    }
    if n > MAX_EXPONENT {
        // |base| > 1 grows past any decimal and |base| < 1 vanishes.
        let grows = base.abs() > Decimal::ONE;
        return if grows != negative {
            Err(MathError::Overflow)
        } else {
            Ok(Decimal::ZERO)
        };
    }
    let (mantissa, denominator) = fraction(base);
    // The integer part's digit count bounds the result's size, so a power
    // that cannot fit is refused before it is computed.
    let whole_digits = digits(&(&mantissa / &denominator)) as u64;
    if whole_digits > 1 && (whole_digits - 1).saturating_mul(n) > 29 {
        return if negative {
            Ok(Decimal::ZERO)
        } else {
            Err(MathError::Overflow)
        };
    }
    let exact_bits = mantissa.bits().saturating_mul(n);
    if exact_bits <= 1 << 16 {
        let exponent = n as u32;
        let (top, bottom) = (mantissa.pow(exponent), denominator.pow(exponent));
        if negative {
            let sign_fixed = if top.is_negative() { -bottom } else { bottom };
            return to_decimal(&sign_fixed, &top.abs());
        }
        let scale_needed = base.scale() as u64 * n;
        if scale_needed <= 28 {
            if let Some(exact) = top.to_i128() {
                if let Ok(d) = Decimal::try_from_i128_with_scale(exact, scale_needed as u32) {
                    return Ok(d);
                }
            }
        }
        return to_decimal(&top, &bottom);
    }
    // Squaring in fixed point keeps the numbers small; the bounds below stop
    // as soon as the result is known to overflow or vanish.
    let mut result = scale().clone();
    let mut square = fixed(base);
    let mut rest = n;
    let ceiling = ten_pow(WORKING_PLACES + 30);
    while rest > 0 {
        if rest & 1 == 1 {
            result = mul(&result, &square);
        }
        rest >>= 1;
        if rest > 0 {
            square = mul(&square, &square);
        }
        if result.abs() > ceiling || square.abs() > ceiling && rest > 0 {
            return if negative {
                Ok(Decimal::ZERO)
            } else {
                Err(MathError::Overflow)
            };
        }
        if square.is_zero() && rest > 0 {
            return if negative {
                Err(MathError::Overflow)
            } else {
                Ok(Decimal::ZERO)
            };
        }
    }
    if negative {
        if result.is_zero() {
            return Err(MathError::Overflow);
        }
        fixed_to_decimal(&div(scale(), &result))
    } else {
        fixed_to_decimal(&result)
    }
}

/// The square root, rounded half to even to 28 significant digits.
pub fn sqrt(value: Decimal) -> Result<Decimal> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(MathError::Undefined(
            "the square root of a negative number is not a real number",
        ));
    }
    // sqrt(m / 10^s) = sqrt(m × 10^(2K - s)) / 10^K, with an integer root.
    let places = WORKING_PLACES;
    let radicand = BigUint::from(value.mantissa().unsigned_abs())
        * BigUint::from(10u32).pow(2 * places - value.scale());
    let root = radicand.sqrt();
    let exact = &root * &root == radicand;
    let root = BigInt::from(root);
    if exact {
        return to_decimal(&root, &ten_pow(places));
    }
    fixed_to_decimal(&root)
}

/// `e ** value`.
pub fn exp(value: Decimal) -> Result<Decimal> {
    fixed_to_decimal(&exp_fixed(&fixed(value))?)
}

/// The natural logarithm.
pub fn ln(value: Decimal) -> Result<Decimal> {
    if value <= Decimal::ZERO {
        return Err(MathError::Undefined(
            "the logarithm is defined only for numbers above zero",
        ));
    }
    fixed_to_decimal(&ln_fixed(&fixed(value)))
}

/// The logarithm to base 10; exact for powers of ten.
pub fn log10(value: Decimal) -> Result<Decimal> {
    if value <= Decimal::ZERO {
        return Err(MathError::Undefined(
            "the logarithm is defined only for numbers above zero",
        ));
    }
    let normal = value.normalize();
    if normal.mantissa().unsigned_abs() == 1 {
        return Ok(Decimal::from(-(normal.scale() as i64)));
    }
    let text = normal.mantissa().to_string();
    if normal.scale() == 0 && text.starts_with('1') && text[1..].bytes().all(|b| b == b'0') {
        return Ok(Decimal::from(text.len() as i64 - 1));
    }
    fixed_to_decimal(&div(&ln_fixed(&fixed(value)), ln_10()))
}

/// `atanh(z) = z + z³/3 + z⁵/5 + …` in fixed point, for small `|z|`.
fn atanh_fixed(z: &BigInt) -> BigInt {
    let square = mul(z, z);
    let mut power = z.clone();
    let mut sum = z.clone();
    let mut k = 1u32;
    loop {
        power = mul(&power, &square);
        k += 2;
        let term = &power / k;
        if term.is_zero() {
            return sum;
        }
        sum += term;
    }
}

fn ln_2() -> &'static BigInt {
    static LN2: OnceLock<BigInt> = OnceLock::new();
    // ln 2 = 2 atanh(1/3)
    LN2.get_or_init(|| atanh_fixed(&(scale() / 3u32)) * 2u32)
}

fn ln_10() -> &'static BigInt {
    static LN10: OnceLock<BigInt> = OnceLock::new();
    // ln 10 = 3 ln 2 + ln 1.25 = 3 ln 2 + 2 atanh(1/9)
    LN10.get_or_init(|| ln_2() * 3u32 + atanh_fixed(&(scale() / 9u32)) * 2u32)
}

/// The natural logarithm of a positive fixed-point number.
fn ln_fixed(x: &BigInt) -> BigInt {
    // x = y × 10^k with y in [1, 10), then y = y' × 2^j with y' below 1.5.
    let one = scale();
    let mut k: i64 = digits(x) as i64 - 1 - WORKING_PLACES as i64;
    let mut y = if k >= 0 {
        x / ten_pow(k as u32)
    } else {
        x * ten_pow((-k) as u32)
    };
    if y.is_zero() {
        k = 0;
        y = one.clone();
    }
    let limit = one * 3u32 / 2u32;
    let mut halvings = 0u32;
    while y >= limit {
        y /= 2u32;
        halvings += 1;
    }
    let z = div(&(&y - one), &(&y + one));
    ln_10() * k + ln_2() * halvings + atanh_fixed(&z) * 2u32
}

/// `e ** x` of a fixed-point number.
fn exp_fixed(x: &BigInt) -> Result<BigInt> {
    let bound = scale() * 70u32;
    if x > &bound {
        return Err(MathError::Overflow);
    }
    if x < &-bound {
        return Ok(BigInt::zero());
    }
    if x.is_negative() {
        let positive = exp_fixed(&-x)?;
        return Ok(div(scale(), &positive));
    }
    // e^x = (e^(x / 2^h))^(2^h), with the reduced argument below 1/1000.
    let mut halvings = 0u32;
    let mut reduced = x.clone();
    let small = scale() / 1000u32;
    while reduced > small {
        reduced /= 2u32;
        halvings += 1;
    }
    let mut term = scale().clone();
    let mut sum = scale().clone();
    let mut k = 1u32;
    loop {
        term = mul(&term, &reduced) / k;
        if term.is_zero() {
            break;
        }
        sum += &term;
        k += 1;
    }
    for _ in 0..halvings {
        sum = mul(&sum, &sum);
    }
    Ok(sum)
}

#[cfg(test)]
#[path = "math_tests.rs"]
mod tests;
