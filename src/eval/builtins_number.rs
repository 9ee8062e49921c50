//! Powers, roots, logarithms, whole parts and remainders at run time, on
//! exact decimals (`value::math` does the big-integer work).

use rust_decimal::{Decimal, RoundingStrategy};

use super::errors::EvalError;
use super::ops::{math, overflow, shown};
use crate::plan::Builtin;
use crate::syntax::ast::Span;
use crate::value::math::{exp, ln, log10, pow, sqrt};
use crate::value::money::Money as Amount;
use crate::value::Value;

pub fn call(builtin: Builtin, args: &[Value], span: Span) -> Result<Value, EvalError> {
    use Value::*;
    let first = args.first().unwrap_or(&Absent);
    let second = args.get(1).unwrap_or(&Absent);
    Ok(match (builtin, first, second) {
        (Builtin::Pow, Decimal(a), Decimal(b)) => math(
            pow(*a, *b),
            || format!("pow({}, {})", shown(first), shown(second)),
            span,
        )?,
        (Builtin::Sqrt, Decimal(a), _) => {
            math(sqrt(*a), || format!("sqrt({})", shown(first)), span)?
        }
        (Builtin::Exp, Decimal(a), _) => math(exp(*a), || format!("exp({})", shown(first)), span)?,
        (Builtin::Ln, Decimal(a), _) => math(ln(*a), || format!("ln({})", shown(first)), span)?,
        (Builtin::Log10, Decimal(a), _) => {
            math(log10(*a), || format!("log10({})", shown(first)), span)?
        }
        (Builtin::Floor | Builtin::Ceiling, Int(i), _) => Int(*i),
        (Builtin::Floor | Builtin::Ceiling, Decimal(d), _) => Decimal(whole(builtin, *d)),
        (Builtin::Floor | Builtin::Ceiling, Money(m), _) => {
            Money(Amount::new(whole(builtin, m.amount), m.currency))
        }
        (Builtin::Modulo, Int(a), Int(b)) => {
            if *b == 0 {
                return Err(EvalError::DivisionByZero {
                    operation: format!("modulo({a}, {b})"),
                    span: span.into(),
                });
            }
            // The remainder takes the divisor's sign, as in FEEL:
            // modulo(-12, 5) = 3.
            let r = a.checked_rem(*b).unwrap_or(0);
            Int(if r != 0 && (r < 0) != (*b < 0) {
                r + b
            } else {
                r
            })
        }
        (Builtin::Modulo, Decimal(a), Decimal(b)) => {
            let operation = || format!("modulo({}, {})", shown(first), shown(second));
            if b.is_zero() {
                return Err(EvalError::DivisionByZero {
                    operation: operation(),
                    span: span.into(),
                });
            }
            let quotient = a
                .checked_div(*b)
                .ok_or_else(|| overflow(operation(), span))?
                .floor();
            let product = quotient
                .checked_mul(*b)
                .ok_or_else(|| overflow(operation(), span))?;
            Decimal(
                a.checked_sub(product)
                    .ok_or_else(|| overflow(operation(), span))?,
            )
        }
        (Builtin::DecimalScale, Decimal(d), Int(scale)) => {
            let places = u32::try_from(*scale).unwrap_or(0).min(28);
            Decimal(d.round_dp_with_strategy(places, RoundingStrategy::MidpointNearestEven))
        }
        _ => Absent,
    })
}

fn whole(builtin: Builtin, value: Decimal) -> Decimal {
    if builtin == Builtin::Floor {
        value.floor()
    } else {
        value.ceil()
    }
}
