//! Date parts, month ends and whole years at run time, in UTC.

use chrono::Datelike;

use super::errors::EvalError;
use crate::plan::Builtin;
use crate::syntax::ast::Span;
use crate::value::time::{
    add_months_to_date, add_months_to_instant, date_of, end_of_month, whole_months_between,
};
use crate::value::Value;

fn out_of_range(span: Span) -> EvalError {
    EvalError::DateRange {
        message: "the date falls outside the calendar eligo supports".into(),
        span: span.into(),
    }
}

pub fn call(builtin: Builtin, args: &[Value], span: Span) -> Result<Value, EvalError> {
    use Value::*;
    let first = args.first().unwrap_or(&Absent);
    let second = args.get(1).unwrap_or(&Absent);
    let day = match first {
        Date(d) => Some(*d),
        Instant(t) => Some(date_of(*t)),
        _ => None,
    };
    Ok(match (builtin, first, second) {
        (Builtin::Year, Month(m), _) => Int(i64::from(m.year())),
        (Builtin::MonthNumber, Month(m), _) => Int(i64::from(m.month())),
        (Builtin::LastDayOfMonth, Month(m), _) => Date(m.last_day()),
        (Builtin::AddYears, Month(m), Int(n)) => Month(
            n.checked_mul(12)
                .and_then(|months| m.add_months(months))
                .ok_or_else(|| out_of_range(span))?,
        ),
        (Builtin::AddYears, Date(d), Int(n)) => Date(
            n.checked_mul(12)
                .and_then(|months| add_months_to_date(*d, months))
                .ok_or_else(|| out_of_range(span))?,
        ),
        (Builtin::AddYears, Instant(t), Int(n)) => Instant(
            n.checked_mul(12)
                .and_then(|months| add_months_to_instant(*t, months))
                .ok_or_else(|| out_of_range(span))?,
        ),
        (Builtin::YearsBetween, Date(a), Date(b)) => Int(whole_months_between(*a, *b) / 12),
        (_, _, _) => match (builtin, day) {
            (Builtin::Year, Some(d)) => Int(i64::from(d.year())),
            (Builtin::MonthNumber, Some(d)) => Int(i64::from(d.month())),
            (Builtin::Day, Some(d)) => Int(i64::from(d.day())),
            (Builtin::Weekday, Some(d)) => Int(i64::from(d.weekday().number_from_monday())),
            (Builtin::LastDayOfMonth, Some(d)) => Date(end_of_month(d)),
            _ => Absent,
        },
    })
}
