//! The built-in functions at run time. Their argument types were checked, so
//! each only has to compute, and report what the values alone can break.

use chrono::TimeDelta;
use rust_decimal::Decimal;

use super::errors::EvalError;
use super::ops;
use crate::plan::Builtin;
use crate::syntax::ast::{ArithOp, Span};
use crate::types::Type;
use crate::value::decimal::{round, RoundingMode};
use crate::value::money::Money;
use crate::value::time::{
    add_months_to_date, add_months_to_instant, date_of, days_between, end_of_day, end_of_month,
    start_of_day, start_of_month, whole_months_between, YearMonth,
};
use crate::value::Value;

pub fn name(builtin: Builtin) -> &'static str {
    crate::check::builtin_name(builtin)
}

/// The sum of no items: zero of the element type.
pub fn zero(ty: &Type, span: Span) -> Result<Value, EvalError> {
    Ok(match ty.required() {
        Type::Int => Value::Int(0),
        Type::Money(Some(currency)) => Value::Money(Money::new(Decimal::ZERO, *currency)),
        Type::Money(None) => return Err(EvalError::EmptyMoneySum { span: span.into() }),
        Type::Duration => Value::Duration(TimeDelta::zero()),
        _ => Value::Decimal(Decimal::ZERO),
    })
}

fn out_of_range(span: Span) -> EvalError {
    EvalError::DateRange {
        message: "the date falls outside the calendar eligo supports".into(),
        span: span.into(),
    }
}

pub fn call(
    builtin: Builtin,
    args: &[Value],
    rounding: Option<RoundingMode>,
    ty: &Type,
    span: Span,
) -> Result<Value, EvalError> {
    use Value::*;
    match builtin {
        Builtin::Pow
        | Builtin::Sqrt
        | Builtin::Exp
        | Builtin::Ln
        | Builtin::Log10
        | Builtin::Floor
        | Builtin::Ceiling
        | Builtin::Modulo
        | Builtin::DecimalScale => return super::builtins_number::call(builtin, args, span),
        Builtin::Year
        | Builtin::MonthNumber
        | Builtin::Day
        | Builtin::Weekday
        | Builtin::LastDayOfMonth
        | Builtin::YearsBetween
        | Builtin::AddYears => return super::builtins_calendar::call(builtin, args, span),
        Builtin::Substring
        | Builtin::SubstringBefore
        | Builtin::SubstringAfter
        | Builtin::Split
        | Builtin::Join
        | Builtin::Replace => return super::builtins_text::call(builtin, args, span),
        _ => {}
    }
    let first = args.first().unwrap_or(&Absent);
    let second = args.get(1).unwrap_or(&Absent);
    Ok(match (builtin, first, second) {
        (Builtin::Len, Text(t), _) => Int(crate::value::text::char_count(t) as i64),
        (Builtin::Count, List(items), _) => Int(items.len() as i64),
        (Builtin::IsEmpty, List(items), _) => Bool(items.is_empty()),
        (Builtin::Distinct, List(items), _) => {
            let mut kept: Vec<Value> = Vec::with_capacity(items.len());
            for item in items.iter() {
                if !kept.iter().any(|k| ops::equal(k, item)) {
                    kept.push(item.clone());
                }
            }
            List(kept.into())
        }
        (Builtin::Sum, List(items), _) => {
            let mut total: Option<Value> = None;
            for item in items.iter() {
                total = Some(match total {
                    None => item.clone(),
                    Some(sum) => ops::arith(ArithOp::Add, &sum, item, span)?,
                });
            }
            match total {
                Some(sum) => sum,
                None => zero(ty, span)?,
            }
        }
        (Builtin::Min | Builtin::Max, List(items), Absent) => {
            let mut best: Option<&Value> = None;
            for item in items.iter() {
                best = Some(match best {
                    None => item,
                    Some(current) => pick(builtin, current, item, span)?,
                });
            }
            best.cloned().unwrap_or(Absent)
        }
        (Builtin::Min | Builtin::Max, a, b) => pick(builtin, a, b, span)?.clone(),
        (Builtin::Abs, Int(i), _) => Int(i
            .checked_abs()
            .ok_or_else(|| super::ops::overflow(format!("abs({i})"), span))?),
        (Builtin::Abs, Decimal(d), _) => Decimal(d.abs()),
        (Builtin::Abs, Money(m), _) => {
            Money(crate::value::money::Money::new(m.amount.abs(), m.currency))
        }
        (Builtin::Abs, Duration(d), _) => Duration(d.abs()),
        (Builtin::Round, value, Int(places)) => {
            let places = u32::try_from(*places).unwrap_or(0).min(28);
            let mode = rounding.unwrap_or(RoundingMode::HalfEven);
            match value {
                Decimal(d) => Decimal(round(*d, places, mode)),
                Money(m) => Money(crate::value::money::Money::new(
                    round(m.amount, places, mode),
                    m.currency,
                )),
                other => other.clone(),
            }
        }
        (Builtin::DaysBetween, Date(a), Date(b)) => Int(days_between(*a, *b)),
        (Builtin::MonthsBetween, Date(a), Date(b)) => Int(whole_months_between(*a, *b)),
        (Builtin::AddMonths, Date(d), Int(n)) => {
            Date(add_months_to_date(*d, *n).ok_or_else(|| out_of_range(span))?)
        }
        (Builtin::AddMonths, Instant(t), Int(n)) => {
            Instant(add_months_to_instant(*t, *n).ok_or_else(|| out_of_range(span))?)
        }
        (Builtin::AddMonths, Month(m), Int(n)) => {
            Month(m.add_months(*n).ok_or_else(|| out_of_range(span))?)
        }
        (Builtin::AddDays, Date(d), Int(n)) => {
            Date(crate::value::time::add_days_to_date(*d, *n).ok_or_else(|| out_of_range(span))?)
        }
        (Builtin::StartOfMonth, Date(d), _) => Date(start_of_month(*d)),
        (Builtin::EndOfMonth, Date(d), _) => Date(end_of_month(*d)),
        (Builtin::StartOfDay, Date(d), _) => Instant(start_of_day(*d)),
        (Builtin::EndOfDay, Date(d), _) => Instant(end_of_day(*d)),
        (Builtin::DateOf, Instant(t), _) => Date(date_of(*t)),
        (Builtin::MonthOf, Date(d), _) => Month(YearMonth::of(*d)),
        (Builtin::MonthOf, Instant(t), _) => Month(YearMonth::of(date_of(*t))),
        (Builtin::FirstDay, Month(m), _) => Date(m.first_day()),
        (Builtin::LastDay, Month(m), _) => Date(m.last_day()),
        (Builtin::Amount, Money(m), _) => Decimal(m.amount),
        (Builtin::Currency, Money(m), _) => Value::text(m.currency.as_str()),
        (Builtin::Lower, Text(t), _) => Value::text(&t.to_lowercase()),
        (Builtin::Upper, Text(t), _) => Value::text(&t.to_uppercase()),
        (Builtin::Trim, Text(t), _) => Value::text(t.trim()),
        (Builtin::Contains, Text(a), Text(b)) => Bool(a.contains(b.as_ref())),
        (Builtin::StartsWith, Text(a), Text(b)) => Bool(a.starts_with(b.as_ref())),
        (Builtin::EndsWith, Text(a), Text(b)) => Bool(a.ends_with(b.as_ref())),
        _ => Absent,
    })
}

fn pick<'v>(
    builtin: Builtin,
    a: &'v Value,
    b: &'v Value,
    span: Span,
) -> Result<&'v Value, EvalError> {
    let ordering = ops::order(b, a, span)?;
    let take_b = if builtin == Builtin::Min {
        ordering.is_lt()
    } else {
        ordering.is_gt()
    };
    Ok(if take_b { b } else { a })
}
