//! Scenario files: YAML documents that ask a decision about some facts.
//! Loading reads each document against its decision's input schema and
//! keeps where every value was written.

mod errors;
mod expect;
mod input;
mod pieces;
mod positions;
pub mod yaml;

pub use errors::InputError;
pub use expect::{Expect, ExpectedValue};
pub use positions::PosTree;

use std::sync::Arc;

use chrono::{DateTime, Utc};

use std::io::BufRead;

use crate::diagnostic::{did_you_mean, FileDiagnostic};
use crate::plan::PolicySet;
use crate::source::SourceText;
use crate::value::time::parse_instant;
use crate::value::Value;
use input::{is_null, Decoder};
use pieces::{Piece, Pieces};
use yaml::{Limits, Node, NodeKind};

/// One scenario document, checked against its decision's input schema.
#[derive(Clone, Debug)]
pub struct Scenario {
    /// The file as given on the command line.
    pub file: Arc<str>,
    /// 0-based index of the document in its file.
    pub index: usize,
    /// 1-based line where the document starts.
    pub line: usize,
    pub name: Option<String>,
    pub decision: String,
    pub as_of: Option<DateTime<Utc>>,
    pub input: Value,
    pub positions: PosTree,
    pub expect: Option<Expect>,
}

impl Scenario {
    /// `path#index`, how output names the document.
    pub fn id(&self) -> String {
        format!("{}#{}", self.file, self.index)
    }
}

/// A document that could not be loaded, with every reason found.
#[derive(Debug)]
pub struct DocumentError {
    pub file: Arc<str>,
    pub index: usize,
    pub line: usize,
    pub name: Option<String>,
    pub diagnostics: Vec<FileDiagnostic>,
}

pub type Loaded = Result<Scenario, DocumentError>;

const TOP_LEVEL_KEYS: [&str; 5] = ["name", "decision", "as_of", "input", "expect"];

/// Loads every document of one scenario file held in memory.
pub fn load(policies: &PolicySet, file: &str, text: &str) -> Vec<Loaded> {
    stream(policies, file, text.as_bytes())
        .map(|loaded| loaded.unwrap_or_else(|error| unreachable_read(file, error)))
        .collect()
}

/// A `&str` is read without I/O and is UTF-8, so this never happens; if it
/// did, the document would say so rather than be lost.
fn unreachable_read(file: &str, error: std::io::Error) -> Loaded {
    Err(DocumentError {
        file: Arc::from(file),
        index: 0,
        line: 1,
        name: None,
        diagnostics: vec![crate::api::IoError::diagnostic(
            file,
            error.to_string(),
            None,
        )],
    })
}

/// Reads a scenario file document by document: each document is read,
/// loaded and handed out before the next is read, so memory stays that of
/// one document whatever the file's size. A read error (or text that is not
/// UTF-8) is the last item.
pub fn stream<'p, R: BufRead + 'p>(
    policies: &'p PolicySet,
    file: &str,
    reader: R,
) -> impl Iterator<Item = std::io::Result<Loaded>> + 'p {
    let file: Arc<str> = Arc::from(file);
    let limits = Limits::default();
    let mut next_index = 0;
    Pieces::new(reader).flat_map(move |piece| -> Vec<std::io::Result<Loaded>> {
        match piece {
            Err(error) => vec![Err(error)],
            Ok(piece) => {
                let loaded = load_piece(policies, &file, piece, next_index, &limits);
                next_index += loaded.len();
                loaded.into_iter().map(Ok).collect()
            }
        }
    })
}

/// Loads the documents of one piece of a file (one, unless the piece holds
/// several YAML documents that no `---` line separates).
fn load_piece(
    policies: &PolicySet,
    file: &Arc<str>,
    piece: Piece,
    first_index: usize,
    limits: &Limits,
) -> Vec<Loaded> {
    let start = piece.offset + piece.context;
    let (context, length) = (piece.context, piece.length);
    let source = SourceText::part(Arc::from(piece.text), piece.offset, piece.first_line);
    let chunk = &source.text()[context..context + length];
    let mut out = Vec::new();
    match yaml::parse_documents(chunk, limits) {
        Ok(documents) => {
            for document in documents {
                let index = first_index + out.len();
                let doc_line = source.line_column(start + document.span.start).0;
                let context = FileContext {
                    file,
                    source: &source,
                };
                out.push(load_document(
                    policies,
                    &context,
                    start,
                    index,
                    doc_line,
                    &document.root,
                ));
            }
        }
        Err(error) => {
            let line = source
                .line_column(start + chunk.len() - chunk.trim_start().len())
                .0;
            let diagnostic = FileDiagnostic::in_source(
                file,
                &source,
                InputError::Yaml {
                    message: error.message.clone(),
                    span: (
                        start + error.span.start,
                        error.span.end.saturating_sub(error.span.start).max(1),
                    )
                        .into(),
                    help: yaml_help(&error),
                },
            );
            out.push(Err(DocumentError {
                file: file.clone(),
                index: first_index,
                line,
                name: None,
                diagnostics: vec![diagnostic],
            }));
        }
    }
    out
}

fn yaml_help(error: &yaml::YamlError) -> Option<String> {
    match error.kind {
        yaml::YamlErrorKind::TooDeep => {
            Some("scenario input is never this deeply nested; check the brackets".into())
        }
        yaml::YamlErrorKind::TooLarge => Some(
            "aliases expand to too many values; write the values out or use fewer aliases".into(),
        ),
        yaml::YamlErrorKind::DuplicateKey => Some("each key appears once in a mapping".into()),
        _ => None,
    }
}

fn scalar_text(node: &Node) -> Option<&str> {
    match &node.kind {
        NodeKind::Scalar { text, .. } if !is_null(node) => Some(text),
        _ => None,
    }
}

/// The file a document comes from, and the piece of it that holds the document.
struct FileContext<'a> {
    file: &'a Arc<str>,
    source: &'a Arc<SourceText>,
}

fn load_document(
    policies: &PolicySet,
    context: &FileContext<'_>,
    base: usize,
    index: usize,
    line: usize,
    root: &Node,
) -> Loaded {
    let (file, source) = (context.file, context.source);
    let mut decoder = Decoder {
        symbols: policies.symbols(),
        source,
        base,
        errors: Vec::new(),
    };
    let fail = |decoder: Decoder<'_>, name: Option<String>| {
        Err(DocumentError {
            file: file.clone(),
            index,
            line,
            name,
            diagnostics: decoder
                .errors
                .into_iter()
                .map(|e| FileDiagnostic::in_source(file, source, e))
                .collect(),
        })
    };
    let NodeKind::Map(entries) = &root.kind else {
        decoder.errors.push(InputError::NotAScenario {
            span: decoder.span(root),
        });
        return fail(decoder, None);
    };
    let mut name = None;
    let mut decision_node = None;
    let mut as_of_node = None;
    let mut input_node = None;
    let mut expect_node = None;
    for (key, value) in entries {
        match scalar_text(key).unwrap_or("") {
            "name" => name = scalar_text(value).map(str::to_string),
            "decision" => decision_node = Some(value),
            "as_of" => as_of_node = Some(value),
            "input" => input_node = Some(value),
            "expect" => expect_node = Some(value),
            other => decoder.errors.push(InputError::UnknownField {
                path: "scenario".into(),
                field: other.to_string(),
                span: decoder.span(key),
                help: did_you_mean(other, TOP_LEVEL_KEYS).or_else(|| {
                    Some(format!(
                        "a scenario has the keys {}",
                        TOP_LEVEL_KEYS.join(", ")
                    ))
                }),
            }),
        }
    }
    let decision = match decision_node {
        None => {
            decoder.errors.push(InputError::MissingField {
                path: "scenario".into(),
                field: "decision".into(),
                span: (base + root.span.start, 1).into(),
                help: Some(format!(
                    "name the decision to ask, one of: {}",
                    policies.decision_names().collect::<Vec<_>>().join(", ")
                )),
            });
            None
        }
        Some(node) => {
            let wanted = scalar_text(node).unwrap_or("");
            match policies.decision(wanted) {
                Some(decision) => Some(decision),
                None => {
                    let help = did_you_mean(wanted, policies.decision_names()).or_else(|| {
                        Some(format!(
                            "the decisions are {}",
                            policies.decision_names().collect::<Vec<_>>().join(", ")
                        ))
                    });
                    decoder.errors.push(InputError::UnknownDecision {
                        name: wanted.to_string(),
                        span: decoder.span(node),
                        help,
                    });
                    None
                }
            }
        }
    };
    let as_of = as_of_node.and_then(|node| match scalar_text(node).and_then(parse_instant) {
        Some(instant) => Some(instant),
        None => {
            decoder.errors.push(InputError::BadValue {
                path: "as_of".into(),
                text: scalar_text(node).unwrap_or("").to_string(),
                expected: "instant".into(),
                reason: "not an RFC 3339 instant".into(),
                span: decoder.span(node),
                help: Some("write it like `2026-05-01T09:00:00Z`".into()),
            });
            None
        }
    });
    if let Some(decision) = decision {
        if decision.uses_now && as_of_node.is_none() {
            decoder.errors.push(InputError::MissingAsOf {
                decision: decision.name.clone(),
                span: (base + root.span.start, 1).into(),
            });
        }
    }
    let (input, positions) = match (decision, input_node) {
        (Some(decision), Some(node)) => decoder.decode(node, &decision.input, "input"),
        (_, None) => {
            decoder.errors.push(InputError::MissingField {
                path: "scenario".into(),
                field: "input".into(),
                span: (base + root.span.start, 1).into(),
                help: Some("add `input:` with the facts the decision needs".into()),
            });
            (Value::Absent, PosTree::default())
        }
        (None, Some(_)) => (Value::Absent, PosTree::default()),
    };
    let expect = expect_node.and_then(|node| expect::read(&mut decoder, node, policies, decision));
    if !decoder.errors.is_empty() {
        return fail(decoder, name);
    }
    Ok(Scenario {
        file: file.clone(),
        index,
        line,
        name,
        decision: decision.map(|d| d.name.clone()).unwrap_or_default(),
        as_of,
        input,
        positions,
        expect,
    })
}
