//! The text built-ins at run time. Characters are those of the NFC form
//! (`value::text`), as `len` counts them.

use super::errors::EvalError;
use crate::plan::Builtin;
use crate::syntax::ast::Span;
use crate::value::text::{after, before, substring};
use crate::value::Value;

pub fn call(builtin: Builtin, args: &[Value], _span: Span) -> Result<Value, EvalError> {
    use Value::*;
    let first = args.first().unwrap_or(&Absent);
    let second = args.get(1).unwrap_or(&Absent);
    let third = args.get(2).unwrap_or(&Absent);
    Ok(match (builtin, first, second) {
        (Builtin::Substring, Text(t), Int(start)) => {
            let length = match third {
                Int(length) => Some(*length),
                _ => None,
            };
            Value::text(&substring(t, *start, length))
        }
        (Builtin::SubstringBefore, Text(t), Text(part)) => Value::text(before(t, part)),
        (Builtin::SubstringAfter, Text(t), Text(part)) => Value::text(after(t, part)),
        (Builtin::Split, Text(t), Text(separator)) => {
            let parts: Vec<Value> = if separator.is_empty() {
                t.chars()
                    .map(|c| Value::text(c.encode_utf8(&mut [0; 4])))
                    .collect()
            } else {
                t.split(separator.as_ref()).map(Value::text).collect()
            };
            List(parts.into())
        }
        (Builtin::Join, List(items), _) => {
            let separator = match second {
                Text(s) => s.as_ref(),
                _ => "",
            };
            let mut joined = String::new();
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    joined.push_str(separator);
                }
                if let Text(t) = item {
                    joined.push_str(t);
                }
            }
            Value::text(&joined)
        }
        (Builtin::Replace, Text(t), Text(part)) => match third {
            Text(with) if !part.is_empty() => Value::text(&t.replace(part.as_ref(), with)),
            _ => first.clone(),
        },
        _ => Absent,
    })
}
