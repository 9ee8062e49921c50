//! Scenario files: YAML documents that ask a decision about some facts.
//! Loading reads each document against its decision's input schema and
//! keeps where every value was written.

mod errors;
mod expect;
mod input;
mod pieces;
mod positions;
mod tags;
pub mod yaml;

pub use errors::InputError;
pub use expect::{Expect, ExpectedValue, Presence};
pub use positions::PosTree;

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::diagnostic::{did_you_mean, FileDiagnostic};
use crate::limits::{Limit, LimitError};
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
    load_within(policies, file, text, &crate::limits::Limits::default())
}

/// [`load`], with `limits` instead of the default limits.
pub fn load_within(
    policies: &PolicySet,
    file: &str,
    text: &str,
    limits: &crate::limits::Limits,
) -> Vec<Loaded> {
    stream(policies, file, text.as_bytes(), limits)
        .map(|loaded| loaded.unwrap_or_else(|diagnostic| unreadable(file, diagnostic)))
        .collect()
}

/// A text in memory is read without I/O and is UTF-8, so this never
/// happens; if it did, the document would say so rather than be lost.
fn unreadable(file: &str, diagnostic: FileDiagnostic) -> Loaded {
    Err(DocumentError {
        file: Arc::from(file),
        index: 0,
        line: 1,
        name: None,
        diagnostics: vec![diagnostic],
    })
}

/// Reads the scenario file at `path` (a regular file within the scenario
/// file size limit) document by document, as [`stream`] does. A file that
/// cannot be opened or read is a diagnostic, the last item.
pub fn stream_file<'p>(
    policies: &'p PolicySet,
    path: &Path,
    limits: &crate::limits::Limits,
) -> Box<dyn Iterator<Item = Result<Loaded, FileDiagnostic>> + 'p> {
    let shown = path.display().to_string();
    let max = limits.scenario_file_bytes;
    match crate::files::open_regular(path, Limit::ScenarioFileBytes, max) {
        Ok(file) => Box::new(stream(
            policies,
            &shown,
            BufReader::new(file.take(max)),
            limits,
        )),
        Err(diagnostic) => Box::new(std::iter::once(Err(diagnostic))),
    }
}

/// Reads a scenario file document by document: each document is read,
/// loaded and handed out before the next is read, so memory stays that of
/// one document whatever the file's size. A read error, or text that is not
/// UTF-8, is a diagnostic, the last item.
pub fn stream<'p, R: BufRead + 'p>(
    policies: &'p PolicySet,
    file: &str,
    reader: R,
    limits: &crate::limits::Limits,
) -> impl Iterator<Item = Result<Loaded, FileDiagnostic>> + 'p {
    let file: Arc<str> = Arc::from(file);
    let limits = *limits;
    let yaml_limits = Limits::from(&limits);
    let mut next_index = 0;
    let mut stopped = false;
    Pieces::new(reader)
        .map_while(move |piece| {
            if stopped {
                return None;
            }
            let loaded = match piece {
                Err(error) => {
                    stopped = true;
                    vec![Err(error.diagnostic(&file))]
                }
                Ok(piece) if next_index >= limits.documents => {
                    stopped = true;
                    vec![Ok(too_many_documents(&file, piece, next_index, &limits))]
                }
                Ok(piece) => {
                    let loaded =
                        load_piece(policies, &file, piece, next_index, &limits, &yaml_limits);
                    next_index += loaded.len();
                    loaded.into_iter().map(Ok).collect()
                }
            };
            Some(loaded)
        })
        .flatten()
}

/// The document past the documents limit, which ends the file.
fn too_many_documents(
    file: &Arc<str>,
    piece: Piece,
    index: usize,
    limits: &crate::limits::Limits,
) -> Loaded {
    let start = piece.offset + piece.context;
    let document = &piece.text[piece.context..piece.context + piece.length];
    let at = start + document.len() - document.trim_start().len();
    let source = SourceText::part(Arc::from(piece.text), piece.offset, piece.first_line);
    let subject = format!("`{file}` has more than {index} documents");
    let error = LimitError::new(Limit::Documents, limits.documents as u64, subject);
    Err(DocumentError {
        file: file.clone(),
        index,
        line: source.line_column(at).0,
        name: None,
        diagnostics: vec![FileDiagnostic::in_source(file, &source, error.at((at, 3)))],
    })
}

/// Loads the documents of one piece of a file (one, unless the piece holds
/// several YAML documents that no `---` line separates). The YAML node
/// limit holds for each piece: a document's aliases cannot reach another.
fn load_piece(
    policies: &PolicySet,
    file: &Arc<str>,
    piece: Piece,
    first_index: usize,
    limits: &crate::limits::Limits,
    yaml_limits: &Limits,
) -> Vec<Loaded> {
    let start = piece.offset + piece.context;
    let (context, length) = (piece.context, piece.length);
    let source = SourceText::part(Arc::from(piece.text), piece.offset, piece.first_line);
    let chunk = &source.text()[context..context + length];
    let mut out = Vec::new();
    match yaml::parse_counted(chunk, yaml_limits) {
        Ok((documents, _nodes)) => {
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
            let diagnostic = yaml_diagnostic(&error, start, limits, file, &source);
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

/// A YAML error of the document that starts at byte `base`, as a diagnostic.
fn yaml_diagnostic(
    error: &yaml::YamlError,
    base: usize,
    limits: &crate::limits::Limits,
    file: &Arc<str>,
    source: &Arc<SourceText>,
) -> FileDiagnostic {
    let length = error.span.end.saturating_sub(error.span.start).max(1);
    let span: miette::SourceSpan = (base + error.span.start, length).into();
    if let Some(limit) = error.kind.limit() {
        let limit_error = LimitError::new(limit, limit.value(limits), error.message.clone());
        return FileDiagnostic::in_source(file, source, limit_error.at(span));
    }
    let message = error.message.clone();
    let input_error = match error.kind {
        yaml::YamlErrorKind::Tag => InputError::Tag { message, span },
        yaml::YamlErrorKind::DuplicateKey => InputError::Yaml {
            message,
            span,
            help: Some("each key appears once in a mapping".into()),
        },
        _ => InputError::Yaml {
            message,
            span,
            help: None,
        },
    };
    FileDiagnostic::in_source(file, source, input_error)
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
