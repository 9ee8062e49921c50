//! Decimal and money arithmetic checked against an independent reference:
//! exact rationals on big integers (`num-bigint`), which share no code
//! with `rust_decimal`.
//!
//! What must hold for `a op b`:
//! - a result is the exact value, or, when the exact value needs more
//!   significant digits than a decimal holds, that value correctly rounded
//!   (within half a unit of the result's last place) to at least 27
//!   significant digits or 28 decimal places;
//! - `Overflow` only when the exact value is beyond the decimal range;
//! - `DivisionByZero` exactly when dividing by zero;
//! - money in two currencies is `CurrencyMismatch`, never a number.

use num_bigint::BigInt;
use rust_decimal::Decimal;

use eligo::value::arith::{dec_add, dec_div, dec_mul, dec_sub, ArithError};
use eligo::value::money::{Currency, Money};

/// An exact rational `numerator / denominator`, denominator positive.
#[derive(Clone, Debug)]
struct Exact {
    numerator: BigInt,
    denominator: BigInt,
}

fn ten_to(power: u32) -> BigInt {
    BigInt::from(10u8).pow(power)
}

fn exact(value: Decimal) -> Exact {
    let mantissa = BigInt::from(value.mantissa());
    Exact {
        numerator: mantissa,
        denominator: ten_to(value.scale()),
    }
}

fn apply(op: u8, a: &Exact, b: &Exact) -> Option<Exact> {
    let (an, ad, bn, bd) = (&a.numerator, &a.denominator, &b.numerator, &b.denominator);
    let (numerator, denominator) = match op {
        0 => (an * bd + bn * ad, ad * bd),
        1 => (an * bd - bn * ad, ad * bd),
        2 => (an * bn, ad * bd),
        _ => {
            if bn == &BigInt::from(0) {
                return None;
            }
            let (n, d) = (an * bd, ad * bn);
            if d < BigInt::from(0) {
                (-n, -d)
            } else {
                (n, d)
            }
        }
    };
    Some(Exact {
        numerator,
        denominator,
    })
}

/// `|x|` compared with the largest decimal, `2^96 - 1`.
fn beyond_range(x: &Exact) -> bool {
    let max = BigInt::from(Decimal::MAX.mantissa());
    let magnitude = if x.numerator < BigInt::from(0) {
        -x.numerator.clone()
    } else {
        x.numerator.clone()
    };
    magnitude > max * &x.denominator
}

/// Checks `result` against the exact value.
fn judge(what: &str, exact: Option<Exact>, result: Result<Decimal, ArithError>) {
    match (exact, result) {
        (None, Err(ArithError::DivisionByZero)) => {}
        (None, other) => panic!("{what}: dividing by zero gave {other:?}"),
        (Some(_), Err(ArithError::DivisionByZero)) => panic!("{what}: not a division by zero"),
        (Some(x), Err(ArithError::Overflow)) => {
            // The rounded value may pass the range when the exact one sits
            // within half a unit of its end.
            let nudged = Exact {
                numerator: &x.numerator * 2,
                denominator: &x.denominator * 2 + 1,
            };
            assert!(
                beyond_range(&nudged) || beyond_range(&x),
                "{what}: overflow on {x:?}"
            );
        }
        (Some(_), Err(other)) => panic!("{what}: unexpected {other:?}"),
        (Some(x), Ok(r)) => {
            // |r - x| ≤ ½ · 10^-scale(r), in integers:
            // |r_m · d - n · 10^s| · 2 ≤ d.
            let scale = r.scale();
            let rm = BigInt::from(r.mantissa());
            let difference = &rm * &x.denominator - &x.numerator * ten_to(scale);
            let off = if difference < BigInt::from(0) {
                -difference.clone()
            } else {
                difference.clone()
            };
            assert!(
                off.clone() * 2 <= x.denominator,
                "{what} = {r}: not the exact value {x:?}"
            );
            if off != BigInt::from(0) {
                // Rounded: only to the precision a decimal holds, 28 places
                // or at least 27 significant digits (`rust_decimal` may
                // stop one digit short of the 96-bit mantissa's room).
                let significant = rm.magnitude().to_string().len();
                let full = scale >= 28 || significant >= 27;
                assert!(full, "{what} = {r}: rounded to only {significant} digits");
            }
        }
    }
}

/// A decimal from 13 bytes: a 96-bit mantissa, then sign and scale.
fn decimal(bytes: &[u8]) -> Decimal {
    let word = |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    let negative = bytes[12] & 0x80 != 0;
    let scale = u32::from(bytes[12] & 0x7f) % 29;
    Decimal::from_parts(word(0), word(4), word(8), negative, scale)
}

/// The target: an operation and two decimals, then the same on money.
pub fn arithmetic(data: &[u8]) {
    if data.len() < 28 {
        return;
    }
    let op = data[0] % 4;
    let currencies = data[1];
    let (a, b) = (decimal(&data[2..15]), decimal(&data[15..28]));
    let name = ["+", "-", "×", "÷"][usize::from(op)];
    let what = format!("{a} {name} {b}");
    let reference = apply(op, &exact(a), &exact(b));
    let engine = [dec_add, dec_sub, dec_mul, dec_div][usize::from(op)](a, b);
    judge(&what, reference.clone(), engine);

    let usd = Currency::parse("USD").expect("USD is a currency");
    let eur = Currency::parse("EUR").expect("EUR is a currency");
    let left = Money::new(a, usd);
    let right_currency = if currencies & 1 == 0 { usd } else { eur };
    let right = Money::new(b, right_currency);
    let money = match op {
        0 => left.checked_add(right).map(|m| m.amount),
        1 => left.checked_sub(right).map(|m| m.amount),
        2 => left.checked_mul(b).map(|m| m.amount),
        _ => left.ratio(right),
    };
    let mismatched = right_currency != usd && op != 2;
    match money {
        Err(ArithError::CurrencyMismatch { .. }) if mismatched => {}
        Err(ArithError::CurrencyMismatch { .. }) => panic!("{what}: mismatch in one currency"),
        _ if mismatched => panic!("{what}: USD and EUR were combined: {money:?}"),
        result => judge(&format!("money {what}"), reference, result),
    }
}
