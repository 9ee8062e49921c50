//! Reading a YAML value against a schema type: every scalar is read from its
//! text (never through a float), every mismatch is collected with its field
//! path and YAML position.

use std::sync::Arc;

use super::errors::InputError;
use super::positions::PosTree;
use super::yaml::{CoreTag, Node, NodeKind, ScalarStyle};
use crate::diagnostic::closest;
use crate::source::SourceText;
use crate::types::Type;
use crate::value::decimal::{parse_int, parse_yaml_decimal, NumberError};
use crate::value::money::{parse_money, MoneyError};
use crate::value::time::{parse_date, parse_duration, parse_instant, YearMonth};
use crate::value::{Symbols, Value};

pub struct Decoder<'a> {
    pub symbols: &'a Symbols,
    /// The piece of the file that holds the document, for line and column numbers.
    pub source: &'a SourceText,
    /// Where the parsed document starts in the file.
    pub base: usize,
    pub errors: Vec<InputError>,
}

/// Whether a scalar is YAML's null (or nothing at all).
pub fn is_null(node: &Node) -> bool {
    match &node.kind {
        NodeKind::Scalar {
            text,
            style: ScalarStyle::Plain | ScalarStyle::Tagged(CoreTag::Null),
        } => matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"),
        _ => false,
    }
}

/// Whether a value tagged `tag` may be read as a `ty`: the tag is the
/// author's word on what the value is, so `!!bool true` is no text and
/// `!!int 5` no amount of money.
fn tag_fits(tag: CoreTag, ty: &Type) -> bool {
    if matches!(ty, Type::Unknown) {
        return true;
    }
    match tag {
        CoreTag::Int => matches!(ty, Type::Int | Type::Decimal),
        CoreTag::Float => matches!(ty, Type::Decimal),
        CoreTag::Bool => matches!(ty, Type::Bool),
        CoreTag::Null => true,
    }
}

fn describe(node: &Node) -> String {
    match &node.kind {
        NodeKind::Scalar { .. } if is_null(node) => "nothing (null)".into(),
        NodeKind::Scalar { text, .. } => format!("`{}`", shorten(text)),
        NodeKind::Seq(_) => "a list".into(),
        NodeKind::Map(_) => "a mapping".into(),
    }
}

fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}

impl Decoder<'_> {
    pub fn span(&self, node: &Node) -> miette::SourceSpan {
        let start = self.base + node.span.start;
        let len = node.span.end.saturating_sub(node.span.start).max(1);
        (start, len).into()
    }

    pub fn position(&self, node: &Node) -> PosTree {
        let (line, column) = self.source.line_column(self.base + node.span.start);
        PosTree::leaf(line as u32, column as u32)
    }

    fn wrong_type(
        &mut self,
        node: &Node,
        path: &str,
        expected: String,
        help: Option<String>,
    ) -> (Value, PosTree) {
        self.errors.push(InputError::WrongType {
            path: path.to_string(),
            expected,
            found: describe(node),
            span: self.span(node),
            help,
        });
        (Value::Absent, self.position(node))
    }

    fn bad_value(
        &mut self,
        node: &Node,
        path: &str,
        text: &str,
        expected: &str,
        reason: &str,
        help: Option<String>,
    ) -> (Value, PosTree) {
        self.errors.push(InputError::BadValue {
            path: path.to_string(),
            text: shorten(text),
            expected: expected.to_string(),
            reason: reason.to_string(),
            span: self.span(node),
            help,
        });
        (Value::Absent, self.position(node))
    }

    /// Reads `node` as a value of `ty`; `path` names it in errors.
    pub fn decode(&mut self, node: &Node, ty: &Type, path: &str) -> (Value, PosTree) {
        let scalar = match &node.kind {
            NodeKind::Scalar { text, .. } if !is_null(node) => Some(text.as_str()),
            _ => None,
        };
        let here = self.position(node);
        if let NodeKind::Scalar {
            style: ScalarStyle::Tagged(tag),
            text,
        } = &node.kind
        {
            if !tag_fits(*tag, ty.required()) {
                self.errors.push(InputError::WrongType {
                    path: path.to_string(),
                    expected: expected_words(ty),
                    found: format!("`{}` tagged `{}`", shorten(text), tag.name()),
                    span: self.span(node),
                    help: Some(format!("remove the `{}` tag", tag.name())),
                });
                return (Value::Absent, here);
            }
        }
        match (ty.required(), scalar) {
            (Type::Unknown, _) => (Value::Absent, here),
            (Type::Record(record), _) => self.record(node, record, path),
            (Type::List(element) | Type::Set(element), _) => self.list(node, element, path),
            (_, None) => {
                let expected = expected_words(ty);
                self.wrong_type(node, path, expected, None)
            }
            (Type::Bool, Some(text)) => match text {
                "true" | "True" | "TRUE" => (Value::Bool(true), here),
                "false" | "False" | "FALSE" => (Value::Bool(false), here),
                _ => self.wrong_type(node, path, "true or false".into(), None),
            },
            (Type::Int, Some(text)) => match parse_int(text) {
                Ok(i) => (Value::Int(i), here),
                Err(NumberError::TooLarge) => {
                    self.bad_value(node, path, text, "integer", "too large for 64 bits", None)
                }
                Err(NumberError::Malformed) => {
                    self.wrong_type(node, path, "a whole number".into(), None)
                }
            },
            (Type::Decimal, Some(text)) => match parse_yaml_decimal(text) {
                Ok(d) => (Value::Decimal(d), here),
                Err(NumberError::TooLarge) => self.bad_value(
                    node,
                    path,
                    text,
                    "decimal",
                    "more digits than the 28 significant digits eligo keeps exactly",
                    None,
                ),
                Err(NumberError::Malformed) => {
                    self.wrong_type(node, path, "a decimal number such as `12.50`".into(), None)
                }
            },
            (Type::Money(currency), Some(text)) => match parse_money(text) {
                Ok(money) => {
                    if let Some(wanted) = currency {
                        if money.currency != *wanted {
                            return self.bad_value(
                                node,
                                path,
                                text,
                                &format!("amount in {wanted}"),
                                &format!("the amount is in {}", money.currency),
                                Some(format!("write it as `\"{} {wanted}\"`", money.amount)),
                            );
                        }
                    }
                    (Value::Money(money), here)
                }
                Err(MoneyError::Number(NumberError::TooLarge)) => self.bad_value(
                    node,
                    path,
                    text,
                    "amount",
                    "more digits than the 28 significant digits eligo keeps exactly",
                    None,
                ),
                Err(MoneyError::MissingCurrency) => self.bad_value(
                    node,
                    path,
                    text,
                    "amount of money",
                    "the currency is missing",
                    Some(format!(
                        "write the ISO 4217 code after the amount: `\"{text} USD\"`"
                    )),
                ),
                Err(error) => self.bad_value(
                    node,
                    path,
                    text,
                    "amount of money",
                    &error.to_string(),
                    Some("money is written `\"1500.00 USD\"`".into()),
                ),
            },
            (Type::Text, Some(text)) => (Value::Text(Arc::from(text)), here),
            (Type::Date, Some(text)) => match parse_date(text) {
                Some(d) => (Value::Date(d), here),
                None => self.bad_value(
                    node,
                    path,
                    text,
                    "date",
                    "not a calendar date",
                    Some("dates are written `YYYY-MM-DD`, such as `2026-06-30`".into()),
                ),
            },
            (Type::Instant, Some(text)) => match parse_instant(text) {
                Some(t) => (Value::Instant(t), here),
                None => self.bad_value(
                    node,
                    path,
                    text,
                    "instant",
                    "not an RFC 3339 instant",
                    Some("instants are written `2026-05-01T09:00:00Z`".into()),
                ),
            },
            (Type::Month, Some(text)) => match YearMonth::parse(text) {
                Some(m) => (Value::Month(m), here),
                None => self.bad_value(
                    node,
                    path,
                    text,
                    "month",
                    "not a month",
                    Some("months are written `YYYY-MM`, such as `2026-07`".into()),
                ),
            },
            (Type::Duration, Some(text)) => match parse_duration(text) {
                Some(d) => (Value::Duration(d), here),
                None => self.bad_value(
                    node,
                    path,
                    text,
                    "duration",
                    "not an ISO 8601 duration",
                    Some("durations are written like `PT72H` or `P30D`".into()),
                ),
            },
            (Type::Enum(e), Some(text)) => match e.member_named(text) {
                Some(sym) => (Value::Symbol(sym), here),
                None => {
                    let help = e
                        .suggestion(text)
                        .map(|hint| format!("{hint}; the allowed values are {}", e.listing()))
                        .or_else(|| Some(format!("the allowed values are {}", e.listing())));
                    self.errors.push(InputError::UnknownSymbol {
                        path: path.to_string(),
                        symbol: shorten(text),
                        span: self.span(node),
                        help,
                    });
                    (Value::Absent, here)
                }
            },
            (Type::Optional(_), _) => (Value::Absent, here),
        }
    }

    fn list(&mut self, node: &Node, element: &Type, path: &str) -> (Value, PosTree) {
        let NodeKind::Seq(items) = &node.kind else {
            return self.wrong_type(
                node,
                path,
                format!("a list of {}", element.display()),
                Some("write a YAML list: `[a, b]` or one `- item` per line".into()),
            );
        };
        let mut values = Vec::with_capacity(items.len());
        let mut position = self.position(node);
        for (index, item) in items.iter().enumerate() {
            let (value, child) = self.decode(item, element, &format!("{path}[{index}]"));
            values.push(value);
            position.children.push(child);
        }
        (Value::List(values.into()), position)
    }

    fn record(
        &mut self,
        node: &Node,
        record: &crate::types::RecordType,
        path: &str,
    ) -> (Value, PosTree) {
        let NodeKind::Map(entries) = &node.kind else {
            let fields: Vec<&str> = record.fields.iter().map(|f| f.name.as_str()).collect();
            return self.wrong_type(
                node,
                path,
                "a mapping".into(),
                Some(format!("`{path}` has the fields {}", fields.join(", "))),
            );
        };
        let here = self.position(node);
        let mut values: Vec<Option<(Value, PosTree)>> = vec![None; record.fields.len()];
        // A misspelt key already explains its missing field.
        let mut explained: Vec<&str> = Vec::new();
        for (key, value) in entries {
            let NodeKind::Scalar { text: name, .. } = &key.kind else {
                continue;
            };
            match record.field(name) {
                Some((index, field)) => {
                    let child_path = format!("{path}.{name}");
                    if field.optional && is_null(value) {
                        values[index] = Some((Value::Absent, self.position(value)));
                    } else {
                        values[index] = Some(self.decode(value, &field.ty, &child_path));
                    }
                }
                None => {
                    let nearest = closest(name, record.fields.iter().map(|f| f.name.as_str()));
                    explained.extend(nearest);
                    let help = nearest.map(|n| format!("did you mean `{n}`?")).or_else(|| {
                        let fields: Vec<&str> =
                            record.fields.iter().map(|f| f.name.as_str()).collect();
                        Some(format!("`{path}` has the fields {}", fields.join(", ")))
                    });
                    self.errors.push(InputError::UnknownField {
                        path: path.to_string(),
                        field: shorten(name),
                        span: self.span(key),
                        help,
                    });
                }
            }
        }
        let mut fields = Vec::with_capacity(values.len());
        let mut position = here.clone();
        for (declared, slot) in record.fields.iter().zip(values) {
            match slot {
                Some((value, child)) => {
                    fields.push(value);
                    position.children.push(child);
                }
                None => {
                    if !declared.optional && !explained.contains(&declared.name.as_str()) {
                        self.errors.push(InputError::MissingField {
                            path: path.to_string(),
                            field: declared.name.clone(),
                            span: self.span_of_start(node),
                            help: Some(format!(
                                "add `{}: …` ({})",
                                declared.name,
                                expected_words(&declared.ty)
                            )),
                        });
                    }
                    fields.push(Value::Absent);
                    position.children.push(here.clone());
                }
            }
        }
        (Value::Record(fields.into()), position)
    }

    /// A one-character span at the start of `node`, for "belongs in here".
    fn span_of_start(&self, node: &Node) -> miette::SourceSpan {
        (self.base + node.span.start, 1).into()
    }
}

/// What a value of `ty` looks like, in words.
pub fn expected_words(ty: &Type) -> String {
    match ty.required() {
        Type::Bool => "true or false".into(),
        Type::Int => "a whole number".into(),
        Type::Decimal => "a decimal number".into(),
        Type::Money(Some(c)) => format!("an amount such as `\"100.00 {c}\"`"),
        Type::Money(None) => "an amount such as `\"100.00 USD\"`".into(),
        Type::Text => "text".into(),
        Type::Date => "a date `YYYY-MM-DD`".into(),
        Type::Instant => "an instant such as `2026-05-01T09:00:00Z`".into(),
        Type::Month => "a month `YYYY-MM`".into(),
        Type::Duration => "a duration such as `PT72H`".into(),
        Type::Enum(e) => format!("one of {}", e.listing()),
        Type::List(e) | Type::Set(e) => format!("a list of {}", e.display()),
        Type::Record(_) => "a mapping".into(),
        Type::Optional(inner) => expected_words(inner),
        Type::Unknown => "a value".into(),
    }
}
