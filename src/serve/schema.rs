//! A decision's input type as JSON Schema (draft 2020-12), and as an
//! example input that fits it, for clients and the playground. Decimals
//! and money are strings so that no digit passes through a float.

use serde_json::{json, Map, Value};

use crate::types::Type;

const MONEY_PATTERN: &str = "^-?[0-9]+(\\.[0-9]+)? [A-Z]{3}$";
const DECIMAL_PATTERN: &str = "^-?[0-9]+(\\.[0-9]+)?$";

/// The JSON Schema values of `ty` must meet.
pub fn json_schema(ty: &Type) -> Value {
    match ty {
        Type::Unknown => json!({}),
        Type::Bool => json!({"type": "boolean"}),
        Type::Int => json!({"type": "integer"}),
        Type::Decimal => json!({"type": ["string", "number"], "pattern": DECIMAL_PATTERN}),
        Type::Money(None) => json!({"type": "string", "pattern": MONEY_PATTERN}),
        Type::Money(Some(currency)) => json!({
            "type": "string",
            "pattern": format!("^-?[0-9]+(\\.[0-9]+)? {currency}$"),
        }),
        Type::Text => json!({"type": "string"}),
        Type::Date => json!({"type": "string", "format": "date"}),
        Type::Instant => json!({"type": "string", "format": "date-time"}),
        Type::Month => json!({"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"}),
        Type::Duration => json!({"type": "string", "format": "duration"}),
        Type::Enum(e) => json!({"enum": e.names().collect::<Vec<_>>()}),
        Type::List(element) => json!({"type": "array", "items": json_schema(element)}),
        Type::Set(element) => {
            json!({"type": "array", "items": json_schema(element), "uniqueItems": true})
        }
        Type::Optional(inner) => json!({"anyOf": [json_schema(inner), {"type": "null"}]}),
        Type::Record(record) => {
            let mut properties = Map::new();
            let mut required = Vec::new();
            for field in &record.fields {
                let schema = if field.optional {
                    json!({"anyOf": [json_schema(field.ty.required()), {"type": "null"}]})
                } else {
                    json_schema(&field.ty)
                };
                properties.insert(field.name.clone(), schema);
                if !field.optional {
                    required.push(field.name.clone());
                }
            }
            json!({
                "type": "object",
                "properties": properties,
                "required": required,
                "additionalProperties": false,
            })
        }
    }
}

/// An input that fits `ty`: the first member of each enumeration, zero
/// amounts, empty lists, and every required field.
pub fn example(ty: &Type) -> Value {
    match ty.required() {
        Type::Unknown | Type::Optional(_) => Value::Null,
        Type::Bool => json!(false),
        Type::Int => json!(0),
        Type::Decimal => json!("0"),
        Type::Money(currency) => json!(format!(
            "0.00 {}",
            currency
                .as_ref()
                .map_or("USD".to_string(), |c| c.to_string())
        )),
        Type::Text => json!(""),
        Type::Date => json!("2026-01-01"),
        Type::Instant => json!("2026-01-01T00:00:00Z"),
        Type::Month => json!("2026-01"),
        Type::Duration => json!("PT0S"),
        Type::Enum(e) => e.names().next().map_or(Value::Null, |name| json!(name)),
        Type::List(_) | Type::Set(_) => json!([]),
        Type::Record(record) => Value::Object(
            record
                .fields
                .iter()
                .filter(|field| !field.optional)
                .map(|field| (field.name.clone(), example(&field.ty)))
                .collect(),
        ),
    }
}
