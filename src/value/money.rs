//! Money: an exact decimal amount tagged with a three-letter currency code,
//! its `"<amount> <CCY>"` text form, and arithmetic that refuses to mix
//! currencies.
//!
//! Amounts keep the scale they were written or computed with (`1500.00 USD`
//! stays `1500.00`), so an explanation can show the figure the author wrote.

use std::cmp::Ordering;
use std::fmt;
use std::ops::Neg;

use rust_decimal::Decimal;

pub use super::arith::ArithError;
use super::arith::{dec_add, dec_div, dec_mul, dec_sub};
use super::decimal::{format_decimal, parse_decimal, NumberError};

/// A currency code shaped like ISO 4217: exactly three ASCII uppercase
/// letters.
///
/// Codes are not checked against the ISO list, so that rule sets can use
/// new, private or test currencies; what matters for correctness is only
/// that two amounts agree on their code.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Currency([u8; 3]);

impl Currency {
    /// The currency written as `s`, if it is exactly three ASCII uppercase
    /// letters.
    pub fn parse(s: &str) -> Option<Currency> {
        match *s.as_bytes() {
            [a, b, c] if [a, b, c].iter().all(u8::is_ascii_uppercase) => Some(Currency([a, b, c])),
            _ => None,
        }
    }

    /// The three-letter code.
    pub fn as_str(&self) -> &str {
        // The bytes are ASCII letters by construction, so this cannot fail;
        // the fallback only exists to avoid a panic path.
        std::str::from_utf8(&self.0).unwrap_or("")
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An exact amount of one currency.
///
/// Equality compares values, not spellings: `1.5 USD == 1.50 USD`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Money {
    /// The amount, with the scale it was written or computed with.
    pub amount: Decimal,
    /// The currency the amount is in.
    pub currency: Currency,
}

/// Why a piece of text is not an amount of money.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MoneyError {
    /// The text is a number with no currency after it.
    MissingCurrency,
    /// The currency part is not three ASCII uppercase letters; holds the
    /// text that was written.
    BadCurrency(String),
    /// The amount part is not an acceptable decimal number.
    Number(NumberError),
    /// The text is not of the form `<amount> <CCY>` at all.
    Malformed,
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MoneyError::MissingCurrency => f.write_str(
                "money amount has no currency; write it as `<amount> <CCY>`, e.g. `1500.00 USD`",
            ),
            MoneyError::BadCurrency(code) => {
                write!(f, "currency `{code}` is not three uppercase letters")
            }
            MoneyError::Number(err) => write!(f, "invalid money amount: {err}"),
            MoneyError::Malformed => f.write_str(
                "money must be written as `<amount> <CCY>` with one space, e.g. `1500.00 USD`",
            ),
        }
    }
}

impl std::error::Error for MoneyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            MoneyError::Number(err) => Some(err),
            _ => None,
        }
    }
}

/// Parses `"<decimal> <CCY>"` with exactly one ASCII space between the two
/// parts, e.g. `"1500.00 USD"` or `"-3.5 EUR"`.
///
/// The amount follows [`parse_decimal`] and keeps its scale. A bare number
/// is [`MoneyError::MissingCurrency`]; a currency that is not three
/// uppercase letters is [`MoneyError::BadCurrency`]; any other shape
/// (extra or missing spaces, other whitespace) is [`MoneyError::Malformed`].
pub fn parse_money(text: &str) -> Result<Money, MoneyError> {
    let Some((amount_text, code)) = text.split_once(' ') else {
        // Telling "forgot the currency" apart from "not money at all" makes
        // the far more common mistake easy to fix.
        return match parse_decimal(text) {
            Ok(_) => Err(MoneyError::MissingCurrency),
            Err(_) => Err(MoneyError::Malformed),
        };
    };
    if amount_text.is_empty() || code.contains(' ') {
        return Err(MoneyError::Malformed);
    }
    let amount = parse_decimal(amount_text).map_err(MoneyError::Number)?;
    if code.is_empty() {
        return Err(MoneyError::MissingCurrency);
    }
    let currency = Currency::parse(code).ok_or_else(|| MoneyError::BadCurrency(code.to_owned()))?;
    Ok(Money { amount, currency })
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", format_decimal(&self.amount), self.currency)
    }
}

impl Money {
    /// An amount of `currency`.
    pub const fn new(amount: Decimal, currency: Currency) -> Money {
        Money { amount, currency }
    }

    /// Fails unless `other` is in the same currency as `self`.
    fn same_currency(&self, other: &Money) -> Result<(), ArithError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(ArithError::CurrencyMismatch {
                left: self.currency,
                right: other.currency,
            })
        }
    }

    /// `self + other`; both must be in the same currency.
    pub fn checked_add(self, other: Money) -> Result<Money, ArithError> {
        self.same_currency(&other)?;
        Ok(Money::new(
            dec_add(self.amount, other.amount)?,
            self.currency,
        ))
    }

    /// `self - other`; both must be in the same currency.
    pub fn checked_sub(self, other: Money) -> Result<Money, ArithError> {
        self.same_currency(&other)?;
        Ok(Money::new(
            dec_sub(self.amount, other.amount)?,
            self.currency,
        ))
    }

    /// The amount scaled by a plain number, e.g. a rate or a count.
    pub fn checked_mul(self, factor: Decimal) -> Result<Money, ArithError> {
        Ok(Money::new(dec_mul(self.amount, factor)?, self.currency))
    }

    /// The amount divided by a plain number, e.g. to split it into shares.
    pub fn checked_div(self, divisor: Decimal) -> Result<Money, ArithError> {
        Ok(Money::new(dec_div(self.amount, divisor)?, self.currency))
    }

    /// How many times `other` goes into `self`, as a plain number; both must
    /// be in the same currency. `300 USD` ÷ `1200 USD` is `0.25`.
    pub fn ratio(self, other: Money) -> Result<Decimal, ArithError> {
        self.same_currency(&other)?;
        dec_div(self.amount, other.amount)
    }

    /// Orders two amounts of the same currency; amounts in different
    /// currencies have no order, which is an error rather than `false`.
    pub fn checked_cmp(&self, other: &Money) -> Result<Ordering, ArithError> {
        self.same_currency(other)?;
        Ok(self.amount.cmp(&other.amount))
    }
}

/// Negation cannot fail: the decimal range is symmetric around zero.
impl Neg for Money {
    type Output = Money;

    fn neg(self) -> Money {
        // A negated zero would print as `-0.00`, so zero stays as it is.
        if self.amount.is_zero() {
            self
        } else {
            Money::new(-self.amount, self.currency)
        }
    }
}

#[cfg(test)]
#[path = "money_tests.rs"]
mod tests;
