//! Input that arrives as JSON rather than a scenario file: JSON text, a
//! `serde_json::Value`, or anything `serde::Serialize`. It is read by the
//! same decoder as scenario files, so it meets the same schema checks and
//! the same diagnostics; each problem names its field by JSON pointer, and
//! by line and column when there was text.
//!
//! JSON text is read by the scenario YAML reader (JSON is YAML's flow
//! syntax), which keeps every number's digits and every value's position;
//! `serde_json` first makes sure the text is JSON and nothing more.

use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use miette::Diagnostic;
use serde::Serialize;

use super::errors::InputError;
use super::input::Decoder;
use super::yaml::{Limits, Node, NodeKind, ScalarStyle, Span};
use crate::diagnostic::LineIndex;
use crate::source::SourceText;
use crate::types::Type;
use crate::value::time::parse_instant;
use crate::value::{Symbols, Value};

/// One way a JSON input does not fit its decision's schema: the same code,
/// message and help as for a scenario file, and the RFC 6901 pointer of the
/// field, relative to the input value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InputProblem {
    pub code: String,
    pub message: String,
    pub pointer: String,
    /// 1-based line and column in the JSON text, when the input was text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl InputProblem {
    fn new(code: &str, message: String, pointer: String, help: Option<String>) -> InputProblem {
        InputProblem {
            code: code.to_string(),
            message,
            pointer,
            line: None,
            column: None,
            help,
        }
    }

    fn from_error(error: &InputError) -> InputProblem {
        let pointer = match error {
            InputError::UnknownField { path, field, .. }
            | InputError::MissingField { path, field, .. } => {
                let mut pointer = pointer_of(path);
                push_segment(&mut pointer, field);
                pointer
            }
            InputError::WrongType { path, .. }
            | InputError::UnknownSymbol { path, .. }
            | InputError::BadValue { path, .. } => pointer_of(path),
            _ => String::new(),
        };
        InputProblem {
            code: error.code().map(|c| c.to_string()).unwrap_or_default(),
            message: error.to_string(),
            pointer,
            line: None,
            column: None,
            help: error.help().map(|h| h.to_string()),
        }
    }

    /// Input nested deeper than scenario files may be.
    fn too_deep(pointer: String, limit: usize) -> InputProblem {
        InputProblem::new(
            "eligo::input::too_deep",
            format!("the input is nested more than {limit} levels deep"),
            pointer,
            Some("scenario input is never this deeply nested; check the structure".into()),
        )
    }

    /// A decision that depends on time was asked without an `as_of` (which
    /// sits beside the input, so the pointer is empty).
    pub fn missing_as_of(decision: &str) -> InputProblem {
        InputProblem::from_error(&InputError::MissingAsOf {
            decision: decision.to_string(),
            span: (0, 0).into(),
        })
    }

    /// Text that is not JSON.
    fn not_json(error: &serde_json::Error) -> InputProblem {
        InputProblem {
            line: Some(error.line()),
            column: Some(error.column()),
            ..InputProblem::new(
                "eligo::input::json",
                format!("invalid JSON: {error}"),
                String::new(),
                None,
            )
        }
    }

    /// A value that could not be turned into JSON at all.
    pub(crate) fn not_serializable(reason: String) -> InputProblem {
        InputProblem::new(
            "eligo::input::not_serializable",
            format!("the input cannot be read as JSON: {reason}"),
            String::new(),
            Some("pass a value made of maps, lists, strings, numbers and booleans".into()),
        )
    }

    /// The problem as it would be if the input sat under `prefix` (such as
    /// `/input` in a request body).
    pub fn under(mut self, prefix: &str) -> InputProblem {
        self.pointer.insert_str(0, prefix);
        self
    }
}

impl fmt::Display for InputProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for InputProblem {}

impl Diagnostic for InputProblem {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }
}

/// Reads an `as_of` given as text, with the scenario file's diagnostic;
/// the pointer is `/as_of`.
pub fn parse_as_of(text: &str) -> Result<DateTime<Utc>, Box<InputProblem>> {
    parse_instant(text).ok_or_else(|| {
        let mut problem = InputProblem::from_error(&InputError::BadValue {
            path: "as_of".into(),
            text: text.chars().take(40).collect(),
            expected: "instant".into(),
            reason: "not an RFC 3339 instant".into(),
            span: (0, 0).into(),
            help: Some("write it like `2026-05-01T09:00:00Z`".into()),
        });
        problem.pointer = "/as_of".into();
        Box::new(problem)
    })
}

/// Reads a JSON value as a value of `ty`, collecting every mismatch.
pub(crate) fn decode_json(
    symbols: &Symbols,
    ty: &Type,
    json: &serde_json::Value,
) -> Result<Value, Vec<InputProblem>> {
    let limits = Limits::default();
    let mut pointer = String::new();
    let node = to_node(json, &mut pointer, limits.max_depth)?;
    let source = SourceText::whole(Arc::from(""));
    let mut decoder = Decoder {
        symbols,
        source: &source,
        base: 0,
        errors: Vec::new(),
    };
    let (value, _) = decoder.decode(&node, ty, "input");
    if decoder.errors.is_empty() {
        Ok(value)
    } else {
        Err(decoder
            .errors
            .iter()
            .map(InputProblem::from_error)
            .collect())
    }
}

/// Reads `document[range]`, JSON text, as a value of `ty`; lines and
/// columns count in the whole `document` (a request body, say).
pub(crate) fn decode_json_text(
    symbols: &Symbols,
    ty: &Type,
    document: &str,
    range: std::ops::Range<usize>,
) -> Result<Value, Vec<InputProblem>> {
    let Some(text) = document.get(range.clone()) else {
        return Err(vec![InputProblem::new(
            "eligo::input::json",
            "the input is not part of the document".into(),
            String::new(),
            None,
        )]);
    };
    if let Err(error) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        let mut problem = InputProblem::not_json(&error);
        let lines = LineIndex::new(document);
        let (line, column) = lines.line_column(document, range.start);
        if problem.line == Some(1) {
            problem.column = problem.column.map(|c| c + column - 1);
        }
        problem.line = problem.line.map(|l| l + line - 1);
        return Err(vec![problem]);
    }
    let limits = Limits::default();
    let root = match super::yaml::parse_documents(text, &limits) {
        Ok(mut documents) if documents.len() == 1 => documents.swap_remove(0).root,
        // JSON the YAML reader does not take (a rare escape, say): read it
        // through `serde_json` instead, without positions.
        _ => {
            let json: serde_json::Value =
                serde_json::from_str(text).map_err(|error| vec![InputProblem::not_json(&error)])?;
            return decode_json(symbols, ty, &json);
        }
    };
    let source = SourceText::whole(Arc::from(document));
    let mut decoder = Decoder {
        symbols,
        source: &source,
        base: range.start,
        errors: Vec::new(),
    };
    let (value, _) = decoder.decode(&root, ty, "input");
    if decoder.errors.is_empty() {
        return Ok(value);
    }
    Err(decoder
        .errors
        .iter()
        .map(|error| {
            let mut problem = InputProblem::from_error(error);
            if let Some(label) = error.labels().and_then(|mut labels| labels.next()) {
                let (line, column) = source.line_column(label.offset());
                (problem.line, problem.column) = (Some(line), Some(column));
            }
            problem
        })
        .collect())
}

/// The node the YAML reader would have built for the same data. A number
/// is read from its shortest text: exact for integers, and for a float the
/// decimal that prints as it.
fn to_node(
    json: &serde_json::Value,
    pointer: &mut String,
    depth: usize,
) -> Result<Node, Vec<InputProblem>> {
    let scalar = |text: String, style| Node {
        kind: NodeKind::Scalar { text, style },
        span: Span::default(),
    };
    let collection = |kind| Node {
        kind,
        span: Span::default(),
    };
    Ok(match json {
        serde_json::Value::Null => scalar("null".into(), ScalarStyle::Plain),
        serde_json::Value::Bool(b) => scalar(b.to_string(), ScalarStyle::Plain),
        serde_json::Value::Number(n) => scalar(n.to_string(), ScalarStyle::Plain),
        serde_json::Value::String(s) => scalar(s.clone(), ScalarStyle::Quoted),
        serde_json::Value::Array(_) | serde_json::Value::Object(_) if depth == 0 => {
            return Err(vec![InputProblem::too_deep(
                pointer.clone(),
                Limits::default().max_depth,
            )]);
        }
        serde_json::Value::Array(items) => {
            let mut nodes = Vec::with_capacity(items.len());
            for (index, item) in items.iter().enumerate() {
                let mark = pointer.len();
                pointer.push('/');
                pointer.push_str(&index.to_string());
                nodes.push(to_node(item, pointer, depth - 1)?);
                pointer.truncate(mark);
            }
            collection(NodeKind::Seq(nodes))
        }
        serde_json::Value::Object(map) => {
            let mut entries = Vec::with_capacity(map.len());
            for (key, item) in map {
                let mark = pointer.len();
                push_segment(pointer, key);
                let value = to_node(item, pointer, depth - 1)?;
                pointer.truncate(mark);
                entries.push((scalar(key.clone(), ScalarStyle::Quoted), value));
            }
            collection(NodeKind::Map(entries))
        }
    })
}

/// `/a/b~1c`: one more RFC 6901 reference token.
fn push_segment(pointer: &mut String, segment: &str) {
    pointer.push('/');
    for c in segment.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// The pointer of a decoder path such as `input.lines[0].plan`, relative to
/// the input: `/lines/0/plan`. Schema field names are identifiers, so `.`
/// and `[` only ever separate segments.
fn pointer_of(path: &str) -> String {
    let mut pointer = String::new();
    let rest = path.strip_prefix("input").unwrap_or(path);
    for piece in rest.split(['.', '[']).filter(|piece| !piece.is_empty()) {
        push_segment(&mut pointer, piece.trim_end_matches(']'));
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoder_paths_become_json_pointers() {
        assert_eq!(pointer_of("input"), "");
        assert_eq!(pointer_of("input.line.quantity"), "/line/quantity");
        assert_eq!(pointer_of("input.lines[0].plan"), "/lines/0/plan");
        assert_eq!(pointer_of("input.roles[12]"), "/roles/12");
        let mut pointer = String::new();
        push_segment(&mut pointer, "a/b~c");
        assert_eq!(pointer, "/a~1b~0c");
    }
}
