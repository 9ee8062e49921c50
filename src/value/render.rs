//! How values are shown: as text in messages and explanations, and as JSON
//! in decision output. Decimals and money keep their exact digits.

use serde_json::Value as Json;

use super::decimal::format_decimal;
use super::time::{format_duration, format_instant};
use super::{Symbols, Value};
use crate::types::Type;

/// The value as a person reads it: `1500.00 USD`, `2026-06-30`, `[US, GB]`.
pub fn render_text(value: &Value, ty: &Type, symbols: &Symbols) -> String {
    let mut out = String::new();
    write_text(&mut out, value, ty, symbols);
    out
}

fn write_text(out: &mut String, value: &Value, ty: &Type, symbols: &Symbols) {
    match value {
        Value::Absent => out.push_str("absent"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Decimal(d) => out.push_str(&format_decimal(d)),
        Value::Money(m) => out.push_str(&m.to_string()),
        Value::Text(t) => out.push_str(t),
        Value::Date(d) => out.push_str(&d.format("%Y-%m-%d").to_string()),
        Value::Instant(t) => out.push_str(&format_instant(t)),
        Value::Month(m) => out.push_str(&m.to_string()),
        Value::Duration(d) => out.push_str(&format_duration(d)),
        Value::Symbol(sym) => out.push_str(symbols.name(*sym)),
        Value::List(items) => {
            let element = ty.required().element().cloned().unwrap_or(Type::Unknown);
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                write_text(out, item, &element, symbols);
            }
            out.push(']');
        }
        Value::Record(fields) => {
            out.push('{');
            let record = match ty.required() {
                Type::Record(record) => Some(record),
                _ => None,
            };
            let mut first = true;
            for (index, field) in fields.iter().enumerate() {
                if matches!(field, Value::Absent) {
                    continue;
                }
                if !first {
                    out.push_str(", ");
                }
                first = false;
                match record.and_then(|r| r.fields.get(index)) {
                    Some(declared) => {
                        out.push_str(&declared.name);
                        out.push_str(": ");
                        write_text(out, field, &declared.ty, symbols);
                    }
                    None => write_text(out, field, &Type::Unknown, symbols),
                }
            }
            out.push('}');
        }
    }
}

/// The value as decision output carries it: decimals and money as strings.
pub fn render_json(value: &Value, ty: &Type, symbols: &Symbols) -> Json {
    match value {
        Value::Absent => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::from(*i),
        Value::List(items) => {
            let element = ty.required().element().cloned().unwrap_or(Type::Unknown);
            Json::Array(
                items
                    .iter()
                    .map(|item| render_json(item, &element, symbols))
                    .collect(),
            )
        }
        Value::Record(fields) => match ty.required() {
            Type::Record(record) => {
                let mut map = serde_json::Map::new();
                for (declared, field) in record.fields.iter().zip(fields.iter()) {
                    if !matches!(field, Value::Absent) {
                        map.insert(
                            declared.name.clone(),
                            render_json(field, &declared.ty, symbols),
                        );
                    }
                }
                Json::Object(map)
            }
            _ => Json::Array(
                fields
                    .iter()
                    .map(|field| render_json(field, &Type::Unknown, symbols))
                    .collect(),
            ),
        },
        other => Json::String(render_text(other, ty, symbols)),
    }
}
