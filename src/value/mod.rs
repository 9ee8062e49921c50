//! The value domain: exact decimals and money, calendar values, and the
//! runtime `Value` every expression evaluates to. No binary floating point.

pub mod arith;
pub mod decimal;
pub mod math;
pub mod money;
mod render;
mod symbols;
pub mod text;
pub mod time;

pub use render::{render_json, render_text};
pub use symbols::{Sym, Symbols};

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use rust_decimal::Decimal;

use money::Money;
use time::YearMonth;

/// A runtime value. Records hold their fields in the declared order of their
/// type, so a field is read by index, never by name.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// An optional field that the input leaves out.
    Absent,
    Bool(bool),
    Int(i64),
    Decimal(Decimal),
    Money(Money),
    Text(Arc<str>),
    Date(NaiveDate),
    Instant(DateTime<Utc>),
    Month(YearMonth),
    Duration(TimeDelta),
    Symbol(Sym),
    List(Arc<[Value]>),
    Record(Arc<[Value]>),
}

impl Value {
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Value]> {
        match self {
            Value::List(items) => Some(items),
            _ => None,
        }
    }

    pub fn text(text: &str) -> Value {
        Value::Text(Arc::from(text))
    }
}
