//! Operators on runtime values: checked arithmetic and comparison. The
//! checker has already decided that the operand types fit; what remains are
//! the errors only the values can reveal.

use std::cmp::Ordering;

use chrono::TimeDelta;
use miette::SourceSpan;

use super::errors::EvalError;
use crate::syntax::ast::{ArithOp, CompareOp, Span};
use crate::value::arith::{
    dec_add, dec_div, dec_mul, dec_sub, int_add, int_mul, int_sub, ArithError,
};
use crate::value::decimal::format_decimal;
use crate::value::math::{self, MathError};
use crate::value::time::{add_days_to_date, add_duration, format_duration, format_instant};
use crate::value::{text, Value};

/// `error` as a runtime error; `operation` shows the values it saw.
pub fn arith_error(error: ArithError, operation: String, span: Span) -> EvalError {
    let span: SourceSpan = span.into();
    match error {
        ArithError::Overflow => EvalError::Overflow { operation, span },
        ArithError::DivisionByZero => EvalError::DivisionByZero { operation, span },
        ArithError::CurrencyMismatch { left, right } => EvalError::CurrencyMismatch {
            left: left.to_string(),
            right: right.to_string(),
            span,
        },
    }
}

pub fn overflow(operation: String, span: Span) -> EvalError {
    EvalError::Overflow {
        operation,
        span: span.into(),
    }
}

/// A value as an error message shows it: numbers, money, dates, instants
/// and durations as written; anything else by its kind.
pub fn shown(value: &Value) -> String {
    match value {
        Value::Int(i) => i.to_string(),
        Value::Decimal(d) => format_decimal(d),
        Value::Money(m) => m.to_string(),
        Value::Date(d) => d.to_string(),
        Value::Instant(t) => format_instant(t),
        Value::Duration(d) => format_duration(d),
        other => format!("{other:?}").chars().take(40).collect(),
    }
}

/// A power, root or logarithm as a decimal value, or its error at `span`;
/// `operation` shows the call with the values it saw.
pub fn math(
    result: Result<rust_decimal::Decimal, MathError>,
    operation: impl FnOnce() -> String,
    span: Span,
) -> Result<Value, EvalError> {
    result.map(Value::Decimal).map_err(|error| match error {
        MathError::Overflow => overflow(operation(), span),
        MathError::DivisionByZero => EvalError::DivisionByZero {
            operation: operation(),
            span: span.into(),
        },
        MathError::Undefined(why) => EvalError::Undefined {
            message: why.to_string(),
            span: span.into(),
        },
    })
}

pub fn arith(op: ArithOp, left: &Value, right: &Value, span: Span) -> Result<Value, EvalError> {
    use Value::*;
    let operation = || format!("{} {} {}", shown(left), op.symbol(), shown(right));
    let out_of_range = || overflow(operation(), span);
    let wrap = |r: Result<Value, ArithError>| r.map_err(|e| arith_error(e, operation(), span));
    match (op, left, right) {
        (ArithOp::Add, Int(a), Int(b)) => wrap(int_add(*a, *b).map(Int)),
        (ArithOp::Sub, Int(a), Int(b)) => wrap(int_sub(*a, *b).map(Int)),
        (ArithOp::Mul, Int(a), Int(b)) => wrap(int_mul(*a, *b).map(Int)),
        (ArithOp::Add, Decimal(a), Decimal(b)) => wrap(dec_add(*a, *b).map(Decimal)),
        (ArithOp::Sub, Decimal(a), Decimal(b)) => wrap(dec_sub(*a, *b).map(Decimal)),
        (ArithOp::Mul, Decimal(a), Decimal(b)) => wrap(dec_mul(*a, *b).map(Decimal)),
        (ArithOp::Div, Decimal(a), Decimal(b)) => wrap(dec_div(*a, *b).map(Decimal)),
        (ArithOp::Pow, Decimal(a), Decimal(b)) => math(math::pow(*a, *b), operation, span),
        (ArithOp::Add, Money(a), Money(b)) => wrap(a.checked_add(*b).map(Money)),
        (ArithOp::Sub, Money(a), Money(b)) => wrap(a.checked_sub(*b).map(Money)),
        (ArithOp::Mul, Money(a), Int(b)) | (ArithOp::Mul, Int(b), Money(a)) => {
            wrap(a.checked_mul((*b).into()).map(Money))
        }
        (ArithOp::Mul, Money(a), Decimal(b)) | (ArithOp::Mul, Decimal(b), Money(a)) => {
            wrap(a.checked_mul(*b).map(Money))
        }
        (ArithOp::Div, Money(a), Int(b)) => wrap(a.checked_div((*b).into()).map(Money)),
        (ArithOp::Div, Money(a), Decimal(b)) => wrap(a.checked_div(*b).map(Money)),
        (ArithOp::Div, Money(a), Money(b)) => wrap(a.ratio(*b).map(Decimal)),
        (ArithOp::Add, Date(d), Duration(t)) | (ArithOp::Add, Duration(t), Date(d)) => {
            date_plus(*d, *t, span).map_err(|e| e.unwrap_or_else(out_of_range))
        }
        (ArithOp::Sub, Date(d), Duration(t)) => {
            date_plus(*d, -*t, span).map_err(|e| e.unwrap_or_else(out_of_range))
        }
        (ArithOp::Add, Instant(i), Duration(t)) | (ArithOp::Add, Duration(t), Instant(i)) => {
            add_duration(*i, *t).map(Instant).ok_or_else(out_of_range)
        }
        (ArithOp::Sub, Instant(i), Duration(t)) => {
            add_duration(*i, -*t).map(Instant).ok_or_else(out_of_range)
        }
        (ArithOp::Sub, Instant(a), Instant(b)) => Ok(Duration(a.signed_duration_since(*b))),
        (ArithOp::Sub, Date(a), Date(b)) => Ok(Duration(a.signed_duration_since(*b))),
        (ArithOp::Add, Duration(a), Duration(b)) => {
            a.checked_add(b).map(Duration).ok_or_else(out_of_range)
        }
        (ArithOp::Sub, Duration(a), Duration(b)) => {
            a.checked_sub(b).map(Duration).ok_or_else(out_of_range)
        }
        (ArithOp::Mul, Duration(a), Int(n)) | (ArithOp::Mul, Int(n), Duration(a)) => {
            let n = i32::try_from(*n).map_err(|_| out_of_range())?;
            a.checked_mul(n).map(Duration).ok_or_else(out_of_range)
        }
        (ArithOp::Add, Text(a), Text(b)) => Ok(Value::text(&format!("{a}{b}"))),
        _ => Err(out_of_range()),
    }
}

/// `date + delta`; `Err(None)` when the result is past the calendar.
fn date_plus(
    date: chrono::NaiveDate,
    delta: TimeDelta,
    span: Span,
) -> Result<Value, Option<EvalError>> {
    if delta.num_seconds() % 86_400 != 0 || delta.subsec_nanos() != 0 {
        return Err(Some(EvalError::DateRange {
            message: "a date can only move by whole days".into(),
            span: span.into(),
        }));
    }
    add_days_to_date(date, delta.num_days())
        .map(Value::Date)
        .ok_or(None)
}

pub fn negate(value: &Value, span: Span) -> Result<Value, EvalError> {
    match value {
        Value::Int(i) => i
            .checked_neg()
            .map(Value::Int)
            .ok_or_else(|| overflow(format!("−{i}"), span)),
        Value::Decimal(d) => Ok(Value::Decimal(-*d)),
        Value::Money(m) => Ok(Value::Money(-*m)),
        Value::Duration(d) => Ok(Value::Duration(-*d)),
        other => Ok(other.clone()),
    }
}

/// Equality as `==` sees it: decimals by value (1.0 == 1.00), money of
/// different currencies never equal.
pub fn equal(left: &Value, right: &Value) -> bool {
    use Value::*;
    match (left, right) {
        (Int(a), Int(b)) => a == b,
        (Symbol(a), Symbol(b)) => a == b,
        (Bool(a), Bool(b)) => a == b,
        (Int(a), Decimal(b)) | (Decimal(b), Int(a)) => rust_decimal::Decimal::from(*a) == *b,
        (Money(a), Money(b)) => a.currency == b.currency && a.amount == b.amount,
        (Text(a), Text(b)) => text::equal(a, b),
        (List(a), List(b)) | (Record(a), Record(b)) => {
            a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| equal(x, y))
        }
        _ => left == right,
    }
}

pub fn order(left: &Value, right: &Value, span: Span) -> Result<Ordering, EvalError> {
    use Value::*;
    Ok(match (left, right) {
        (Int(a), Int(b)) => a.cmp(b),
        (Decimal(a), Decimal(b)) => a.cmp(b),
        (Int(a), Decimal(b)) => rust_decimal::Decimal::from(*a).cmp(b),
        (Decimal(a), Int(b)) => a.cmp(&rust_decimal::Decimal::from(*b)),
        (Money(a), Money(b)) => a
            .checked_cmp(b)
            .map_err(|e| arith_error(e, format!("{a} compared with {b}"), span))?,
        (Text(a), Text(b)) => text::order(a, b),
        (Date(a), Date(b)) => a.cmp(b),
        (Instant(a), Instant(b)) => a.cmp(b),
        (Month(a), Month(b)) => a.cmp(b),
        (Duration(a), Duration(b)) => a.cmp(b),
        _ => Ordering::Equal,
    })
}

pub fn compare(op: CompareOp, left: &Value, right: &Value, span: Span) -> Result<bool, EvalError> {
    Ok(match op {
        CompareOp::Eq => equal(left, right),
        CompareOp::Ne => !equal(left, right),
        CompareOp::Lt => order(left, right, span)? == Ordering::Less,
        CompareOp::Le => order(left, right, span)? != Ordering::Greater,
        CompareOp::Gt => order(left, right, span)? == Ordering::Greater,
        CompareOp::Ge => order(left, right, span)? != Ordering::Less,
    })
}
