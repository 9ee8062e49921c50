//! Position-keeping YAML reader for scenario files.
//!
//! This module owns the step from YAML text to a small tree of [`Node`]s in which every
//! value keeps its byte [`Span`] in the source, and every scalar keeps its exact text:
//! nothing here ever turns `0.1` into a number, that is left to the caller. It reads the
//! event stream of `saphyr-parser` with an explicit stack (no recursion), expands
//! anchors and aliases, and enforces the [`Limits`] on nesting depth and node count
//! (counting alias expansions, so "billion laughs" documents fail fast). It also
//! rejects duplicate and non-scalar mapping keys. Tags are ignored, except that
//! `!!str` marks a scalar as [`ScalarStyle::Quoted`].

use std::collections::{HashMap, HashSet};
use std::fmt;

use saphyr_parser::{Event, Marker, Parser, ScanError, Tag};

/// Byte range in the source text (start inclusive, end exclusive), for miette labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// How a scalar was written: plain, or quoted in any way (single or double quotes,
/// literal `|` or folded `>` block, or tagged `!!str`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    Quoted,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// The scalar text as the YAML parser decoded it (escapes processed), never a number.
    Scalar {
        text: String,
        style: ScalarStyle,
    },
    Seq(Vec<Node>),
    /// Entries in document order; keys are always scalars and never repeat.
    Map(Vec<(Node, Node)>),
}

/// A YAML value with its position. A scalar's span covers its text (with the quotes
/// for quoted scalars, without any anchor or tag); a sequence's or mapping's span
/// covers its first character (`[`, `{`, `-`, or the first character of a block
/// mapping's first key). Nodes produced by an alias keep the anchored node's spans.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Span,
}

/// One YAML document of the stream.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The document's value; an explicitly empty document gives a plain empty scalar.
    pub root: Node,
    /// Span of the document's first token (`---` when present).
    pub span: Span,
}

/// Resource limits applied while reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Most sequences/mappings nested inside each other (including alias expansions).
    /// This also bounds recursion when the resulting tree is cloned or dropped.
    pub max_depth: usize,
    /// Most nodes over the whole stream, counting every node an alias expands to.
    pub max_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 128,
            max_nodes: 1_000_000,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    pub span: Span,
    pub kind: YamlErrorKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YamlErrorKind {
    Syntax,
    TooDeep,
    TooLarge,
    UnknownAlias,
    DuplicateKey,
    NonScalarKey,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for YamlError {}

/// Nesting level at which saphyr-parser itself stops reading flow collections.
const PARSER_FLOW_LIMIT: usize = 255;
/// Maps with more entries than this check duplicate keys with a hash set.
const LINEAR_KEY_SCAN: usize = 16;

/// Reads every document of a YAML stream. An empty stream gives an empty `Vec`.
///
/// # Errors
/// Returns a [`YamlError`] for invalid YAML, for input beyond `limits`, for aliases to
/// unknown (or still open) anchors, and for duplicate or non-scalar mapping keys.
pub fn parse_documents(source: &str, limits: &Limits) -> Result<Vec<Document>, YamlError> {
    let mut builder = Builder {
        src: source,
        limits: *limits,
        offsets: Offsets::new(source),
        docs: Vec::new(),
        doc_span: Span { start: 0, end: 0 },
        root: None,
        stack: Vec::new(),
        anchors: HashMap::new(),
        count: 0,
    };
    let mut parser = Parser::new_from_str(source);
    while let Some(next) = parser.next_event() {
        match next {
            Ok((event, span)) => {
                let start = builder.offsets.byte(span.start);
                let end = builder.offsets.byte(span.end).max(start);
                builder.event(event, Span { start, end })?;
            }
            Err(err) => return Err(builder.scan_error(&err)),
        }
    }
    Ok(builder.docs)
}

/// 1-based line and column (in characters, not bytes) of a byte offset, for error output.
///
/// Offsets past the end count as the end; offsets inside a character count as that
/// character. Line breaks are `\n`, `\r\n` and a lone `\r`.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let (mut line, mut col) = (1, 1);
    let mut chars = source.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if at + c.len_utf8() > offset {
            break;
        }
        let lone_cr = c == '\r' && chars.peek().is_none_or(|&(_, n)| n != '\n');
        if c == '\n' || lone_cr {
            line += 1;
            col = 1;
        } else if c != '\r' {
            col += 1;
        }
    }
    (line, col)
}

/// Converts saphyr's markers to byte offsets. For ASCII text the marker's index is the
/// offset. Otherwise we go by line and column, because saphyr 0.3 counts bytes as
/// characters in a few places (e.g. directive names), which skews the index for the rest
/// of the input but the column only for the rest of that line. A cursor keeps the
/// conversion cheap, as events arrive (almost) in source order.
struct Offsets<'s> {
    src: &'s str,
    /// Byte offset of each line's start; empty for ASCII text.
    lines: Vec<usize>,
    /// Last conversion: line, column, byte offset.
    at: (usize, usize, usize),
}

impl<'s> Offsets<'s> {
    fn new(src: &'s str) -> Self {
        let mut lines = Vec::new();
        if !src.is_ascii() {
            lines.push(0);
            let bytes = src.as_bytes();
            for (i, &b) in bytes.iter().enumerate() {
                if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                    lines.push(i + 1);
                }
            }
        }
        Offsets {
            src,
            lines,
            at: (0, 0, 0),
        }
    }

    fn byte(&mut self, mark: Marker) -> usize {
        if self.lines.is_empty() {
            return mark.index().min(self.src.len());
        }
        let line = mark.line().clamp(1, self.lines.len());
        let line_start = self.lines.get(line - 1).copied().unwrap_or_default();
        let text = self.src.get(line_start..).unwrap_or_default();
        let text = text
            .get(..text.find(['\r', '\n']).unwrap_or(text.len()))
            .unwrap_or_default();
        let (mut col, mut byte) = match self.at {
            (l, c, b) if l == line => (c, b),
            // Byte order marks at the start of a line do not count as columns.
            _ => (
                0,
                line_start + text.len() - text.trim_start_matches('\u{feff}').len(),
            ),
        };
        let mut back = self.src.get(line_start..byte).unwrap_or_default().chars();
        while col > mark.col() {
            let Some(c) = back.next_back() else { break };
            col -= 1;
            byte -= c.len_utf8();
        }
        let mut ahead = text.get(byte - line_start..).unwrap_or_default().chars();
        while col < mark.col() {
            let Some(c) = ahead.next() else { break };
            col += 1;
            byte += c.len_utf8();
        }
        self.at = (line, col, byte);
        byte
    }
}

enum Open {
    Seq(Vec<Node>),
    Map {
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        seen: Option<HashSet<String>>,
    },
}

/// A sequence or mapping whose end has not been read yet.
struct Frame {
    open: Open,
    span: Span,
    anchor: usize,
    /// Node count before this node was opened, to size anchored nodes.
    count_before: usize,
    /// Greatest nesting height among the children read so far.
    child_height: usize,
}

/// An anchored node with what an alias to it costs.
struct Anchored {
    node: Node,
    nodes: usize,
    height: usize,
}

struct Builder<'s> {
    src: &'s str,
    limits: Limits,
    offsets: Offsets<'s>,
    docs: Vec<Document>,
    doc_span: Span,
    root: Option<Node>,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Anchored>,
    count: usize,
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), YamlError> {
        match event {
            Event::Nothing | Event::StreamStart | Event::StreamEnd => Ok(()),
            Event::DocumentStart(_) => {
                (self.doc_span, self.root) = (span, None);
                self.anchors.clear();
                Ok(())
            }
            Event::DocumentEnd => {
                let at = self.doc_span.end;
                let root = self.root.take().unwrap_or_else(|| Node {
                    kind: NodeKind::Scalar {
                        text: String::new(),
                        style: ScalarStyle::Plain,
                    },
                    span: Span { start: at, end: at },
                });
                self.docs.push(Document {
                    root,
                    span: self.doc_span,
                });
                Ok(())
            }
            Event::Scalar(text, style, anchor, tag) => {
                let before = self.count;
                self.add_nodes(1, span)?;
                let quoted = style != saphyr_parser::ScalarStyle::Plain
                    || tag
                        .as_deref()
                        .is_some_and(|t| t.is_yaml_core_schema() && t.suffix == "str");
                let start = match anchor != 0 || tag.is_some() {
                    true => self.skip_properties(span),
                    false => span.start,
                };
                // saphyr gives an empty plain scalar the span of the next token; make it empty.
                let end = if text.is_empty() && !quoted {
                    start
                } else {
                    span.end
                };
                let style = if quoted {
                    ScalarStyle::Quoted
                } else {
                    ScalarStyle::Plain
                };
                let kind = NodeKind::Scalar {
                    text: text.into_owned(),
                    style,
                };
                self.finish(
                    Node {
                        kind,
                        span: Span { start, end },
                    },
                    anchor,
                    before,
                    0,
                )
            }
            Event::SequenceStart(anchor, _) => self.open(Open::Seq(Vec::new()), anchor, span),
            Event::MappingStart(anchor, _) => {
                let map = Open::Map {
                    entries: Vec::new(),
                    key: None,
                    seen: None,
                };
                self.open(map, anchor, span)
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(span),
            Event::Alias(id) => self.alias(id, span),
        }
    }

    fn open(&mut self, open: Open, anchor: usize, span: Span) -> Result<(), YamlError> {
        let span = self.one_char(self.skip_properties(span));
        let what = if matches!(open, Open::Seq(_)) {
            "a sequence"
        } else {
            "a mapping"
        };
        self.check_key_position(what, span)?;
        let count_before = self.count;
        self.add_nodes(1, span)?;
        if self.stack.len() >= self.limits.max_depth {
            return Err(self.too_deep(span));
        }
        let frame = Frame {
            open,
            span,
            anchor,
            count_before,
            child_height: 0,
        };
        self.stack.push(frame);
        Ok(())
    }

    fn close(&mut self, span: Span) -> Result<(), YamlError> {
        let Some(frame) = self.stack.pop() else {
            return Err(error(
                YamlErrorKind::Syntax,
                "unbalanced end of collection".into(),
                span,
            ));
        };
        let kind = match frame.open {
            Open::Seq(items) => NodeKind::Seq(items),
            Open::Map { key: Some(key), .. } => {
                let message = "mapping key without a value".into();
                return Err(error(YamlErrorKind::Syntax, message, key.span));
            }
            Open::Map { entries, .. } => NodeKind::Map(entries),
        };
        let node = Node {
            kind,
            span: frame.span,
        };
        self.finish(
            node,
            frame.anchor,
            frame.count_before,
            frame.child_height + 1,
        )
    }

    fn alias(&mut self, id: usize, span: Span) -> Result<(), YamlError> {
        let name = alias_name(self.src, span.start);
        let Some(target) = self.anchors.get(&id) else {
            let message = format!("alias `*{name}` refers to a node that contains it");
            return Err(error(YamlErrorKind::UnknownAlias, message, span));
        };
        let (nodes, height) = (target.nodes, target.height);
        if let NodeKind::Seq(_) | NodeKind::Map(_) = target.node.kind {
            self.check_key_position(&format!("alias `*{name}` to a collection"), span)?;
        }
        // Check the cost of the expansion before making it.
        self.add_nodes(nodes, span)?;
        if self.stack.len().saturating_add(height) > self.limits.max_depth {
            return Err(self.too_deep(span));
        }
        match self.anchors.get(&id).map(|a| a.node.clone()) {
            Some(node) => self.attach(node, height, span),
            None => Ok(()),
        }
    }

    /// Records a finished node under its anchor (if any) and attaches it to its parent.
    fn finish(&mut self, node: Node, anchor: usize, before: usize, height: usize) -> Outcome {
        if anchor != 0 {
            let nodes = self.count.saturating_sub(before);
            self.anchors.insert(
                anchor,
                Anchored {
                    node: node.clone(),
                    nodes,
                    height,
                },
            );
        }
        let at = node.span;
        self.attach(node, height, at)
    }

    /// Adds a node to the open collection (or makes it the root); errors point at `at`.
    fn attach(&mut self, node: Node, height: usize, at: Span) -> Outcome {
        let Some(frame) = self.stack.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        frame.child_height = frame.child_height.max(height);
        let (entries, key, seen) = match &mut frame.open {
            Open::Seq(items) => return Ok(items.push(node)),
            Open::Map { entries, key, seen } => (entries, key, seen),
        };
        if let Some(k) = key.take() {
            return Ok(entries.push((k, node)));
        }
        let NodeKind::Scalar { text, .. } = &node.kind else {
            return Err(non_scalar_key("a collection", at));
        };
        let fresh = match seen {
            Some(set) => set.insert(text.clone()),
            None if entries.len() < LINEAR_KEY_SCAN => entries.iter().all(|(k, _)| !same(k, text)),
            None => {
                let mut set: HashSet<String> = entries
                    .iter()
                    .filter_map(|(k, _)| scalar_text(k))
                    .cloned()
                    .collect();
                let fresh = set.insert(text.clone());
                *seen = Some(set);
                fresh
            }
        };
        if !fresh {
            let first = entries.iter().find(|(k, _)| same(k, text));
            let line = first.map_or(0, |(k, _)| line_col(self.src, k.span.start).0);
            let message = format!(
                "duplicate key `{}` (first given on line {line})",
                shown(text)
            );
            return Err(error(YamlErrorKind::DuplicateKey, message, at));
        }
        *key = Some(node);
        Ok(())
    }

    /// Fails if a collection is about to be used as a mapping key.
    fn check_key_position(&self, what: &str, span: Span) -> Outcome {
        match self.stack.last() {
            Some(Frame {
                open: Open::Map { key: None, .. },
                ..
            }) => Err(non_scalar_key(what, span)),
            _ => Ok(()),
        }
    }

    fn add_nodes(&mut self, n: usize, span: Span) -> Outcome {
        self.count = self.count.saturating_add(n);
        if self.count <= self.limits.max_nodes {
            return Ok(());
        }
        let max = self.limits.max_nodes;
        let message = format!("yaml input has more than {max} nodes (counting expanded aliases)");
        Err(error(YamlErrorKind::TooLarge, message, span))
    }

    fn too_deep(&self, span: Span) -> YamlError {
        let message = format!(
            "yaml is nested deeper than the limit of {} levels",
            self.limits.max_depth
        );
        error(YamlErrorKind::TooDeep, message, span)
    }

    /// Moves the start of an event's span past any anchor, tag, blanks and comments.
    fn skip_properties(&self, span: Span) -> usize {
        let bytes = self.src.as_bytes();
        let end = span.end.min(bytes.len());
        let mut p = span.start;
        while let Some(&b) = bytes.get(p).filter(|_| p < end) {
            let stop: fn(u8) -> bool = match b {
                b'&' | b'!' => |c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'),
                b'#' => |c| matches!(c, b'\n' | b'\r'),
                b' ' | b'\t' | b'\n' | b'\r' => |c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r'),
                _ => break,
            };
            p += 1;
            while bytes.get(p).is_some_and(|&c| p < end && !stop(c)) {
                p += 1;
            }
        }
        p.min(end.max(span.start))
    }

    /// A span covering the character at `start`, or empty at a line break or the end.
    fn one_char(&self, start: usize) -> Span {
        let width = match self.src.get(start..).and_then(|rest| rest.chars().next()) {
            Some('\n' | '\r') | None => 0,
            Some(c) => c.len_utf8(),
        };
        Span {
            start,
            end: start + width,
        }
    }

    fn scan_error(&mut self, err: &ScanError) -> YamlError {
        let at = self.offsets.byte(*err.marker());
        let info = err.info();
        if info == "recursion limit exceeded" {
            let limit = self.limits.max_depth.min(PARSER_FLOW_LIMIT);
            let message = format!("yaml is nested deeper than the limit of {limit} levels");
            return error(YamlErrorKind::TooDeep, message, self.one_char(at));
        }
        if info.contains("unknown anchor") {
            let name = alias_name(self.src, at);
            let star = self.src.get(at..).is_some_and(|r| r.starts_with('*'));
            let span = Span {
                start: at,
                end: at + usize::from(star) + name.len(),
            };
            let message = format!("alias `*{name}` refers to an unknown anchor");
            return error(YamlErrorKind::UnknownAlias, message, span);
        }
        error(YamlErrorKind::Syntax, readable(info), self.one_char(at))
    }
}

type Outcome = Result<(), YamlError>;

fn error(kind: YamlErrorKind, message: String, span: Span) -> YamlError {
    YamlError {
        message,
        span,
        kind,
    }
}

fn non_scalar_key(what: &str, span: Span) -> YamlError {
    let message = format!("mapping keys must be scalars, found {what}");
    error(YamlErrorKind::NonScalarKey, message, span)
}

fn scalar_text(node: &Node) -> Option<&String> {
    match &node.kind {
        NodeKind::Scalar { text, .. } => Some(text),
        _ => None,
    }
}

fn same(key: &Node, text: &str) -> bool {
    scalar_text(key).is_some_and(|k| k == text)
}

/// The anchor name of an alias token `*name` starting at byte `at`.
fn alias_name(src: &str, at: usize) -> &str {
    let rest = src.get(at..).unwrap_or_default();
    let rest = rest.strip_prefix('*').unwrap_or(rest);
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '{' | '}'))
        .unwrap_or(rest.len());
    rest.get(..end).unwrap_or_default()
}

/// A short, single-line rendering of user text for messages.
fn shown(text: &str) -> String {
    const MAX: usize = 40;
    let mut out: String = text
        .chars()
        .take(MAX)
        .flat_map(char::escape_debug)
        .collect();
    if text.chars().nth(MAX).is_some() {
        out.push('…');
    }
    out
}

/// saphyr's message as lowercase text without a trailing period or control characters.
fn readable(info: &str) -> String {
    let info = info.trim().trim_end_matches('.');
    let unexpected = info.strip_prefix("unexpected character: `");
    if let Some(c) = unexpected.and_then(|r| r.strip_suffix('\'')) {
        return format!("unexpected character `{}`", shown(c));
    }
    let mut out = String::with_capacity(info.len());
    for (i, c) in info.chars().enumerate() {
        match c {
            c if c.is_control() => out.extend(c.escape_debug()),
            c if i == 0 => out.extend(c.to_lowercase()),
            c => out.push(c),
        }
    }
    if out.is_empty() {
        out.push_str("invalid yaml");
    }
    out
}

#[cfg(test)]
#[path = "yaml_tests.rs"]
mod tests;
