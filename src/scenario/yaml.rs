//! Position-keeping YAML reader for scenario files.
//!
//! This module owns the step from YAML text to a small tree of [`Node`]s in which every
//! value keeps its byte [`Span`] in the source, and every scalar keeps its exact text:
//! nothing here ever turns `0.1` into a number, that is left to the caller. It reads the
//! event stream of `saphyr-parser` with an explicit stack (no recursion), expands
//! anchors and aliases, and enforces the [`Limits`] on nesting depth and node count
//! (counting alias expansions, so "billion laughs" documents fail fast), list
//! length, text length and digits per number. It also rejects duplicate and
//! non-scalar mapping keys. Tags are honoured or rejected, never ignored: the
//! core schema's `!!str` marks a scalar as [`ScalarStyle::Quoted`], `!!int`,
//! `!!float`, `!!bool` and `!!null` as [`ScalarStyle::Tagged`] once its text
//! is checked to be what the tag says, `!!seq` and `!!map` must sit on a
//! sequence and a mapping; any other tag (`!foo`, `!!python/object`) is an
//! error at its place.

use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Marker, Parser, ScalarStyle as SaphyrStyle, ScanError};

use super::tags;

/// Byte range in the source text (start inclusive, end exclusive), for miette labels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// How a scalar was written: plain, quoted in any way (single or double quotes,
/// literal `|` or folded `>` block, or tagged `!!str`), or tagged with another
/// core-schema type, which its text has been checked to fit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    Quoted,
    Tagged(CoreTag),
}

/// The core-schema scalar tags other than `!!str`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoreTag {
    Int,
    Float,
    Bool,
    Null,
}

impl CoreTag {
    pub fn name(self) -> &'static str {
        match self {
            CoreTag::Int => "!!int",
            CoreTag::Float => "!!float",
            CoreTag::Bool => "!!bool",
            CoreTag::Null => "!!null",
        }
    }
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
    /// Most items in one sequence.
    pub max_items: usize,
    /// Most characters in one scalar.
    pub max_chars: usize,
    /// Most digits in a scalar that is a number (or an amount of money).
    pub max_digits: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits::from(&crate::limits::Limits::default())
    }
}

impl From<&crate::limits::Limits> for Limits {
    fn from(limits: &crate::limits::Limits) -> Self {
        Limits {
            max_depth: limits.yaml_depth,
            max_nodes: limits.yaml_nodes,
            max_items: limits.list_items,
            max_chars: limits.text_chars,
            max_digits: limits.number_digits,
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
    /// A tag eligo does not honour, or one the value does not fit.
    Tag,
    TooManyItems,
    TooManyChars,
    TooManyDigits,
}

impl YamlErrorKind {
    /// The limit an error of this kind went past, if it is about one.
    pub fn limit(self) -> Option<crate::limits::Limit> {
        use crate::limits::Limit;
        match self {
            YamlErrorKind::TooDeep => Some(Limit::YamlDepth),
            YamlErrorKind::TooLarge => Some(Limit::YamlNodes),
            YamlErrorKind::TooManyItems => Some(Limit::ListItems),
            YamlErrorKind::TooManyChars => Some(Limit::TextChars),
            YamlErrorKind::TooManyDigits => Some(Limit::NumberDigits),
            _ => None,
        }
    }
}

/// Nesting level at which saphyr-parser itself stops reading flow collections.
const PARSER_FLOW_LIMIT: usize = 255;
/// The root of an explicitly empty document, which the caller treats as null.
const EMPTY: NodeKind = NodeKind::Scalar {
    text: String::new(),
    style: ScalarStyle::Plain,
};
/// Maps with more entries than this check duplicate keys with a hash set.
const LINEAR_KEY_SCAN: usize = 16;

/// Reads every document of a YAML stream. An empty stream gives an empty `Vec`.
///
/// # Errors
/// Returns a [`YamlError`] for invalid YAML, for input beyond `limits`, for aliases to
/// unknown (or still open) anchors, and for duplicate or non-scalar mapping keys.
pub fn parse_documents(source: &str, limits: &Limits) -> Result<Vec<Document>, YamlError> {
    parse_counted(source, limits).map(|(documents, _)| documents)
}

/// [`parse_documents`], also giving the number of nodes read (aliases
/// expanded), so that a caller reading a stream in parts can share one
/// node budget among them.
///
/// # Errors
/// As [`parse_documents`].
pub fn parse_counted(source: &str, limits: &Limits) -> Result<(Vec<Document>, usize), YamlError> {
    let mut repaired: Option<String> = None;
    for _ in 0..MAX_TAB_REPAIRS {
        let text = repaired.as_deref().unwrap_or(source);
        match parse_once(text, limits) {
            Err(error) if error.message == TAB_AFTER_COLON => {
                match tab_as_space(text, error.span.start) {
                    Some(fixed) => repaired = Some(fixed),
                    None => return Err(error),
                }
            }
            done => return done,
        }
    }
    parse_once(repaired.as_deref().unwrap_or(source), limits)
}

/// What saphyr-parser 0.3 says of a tab between `key:` and its value,
/// which YAML allows (a tab is separating white space there).
const TAB_AFTER_COLON: &str = "':' must be followed by a valid YAML whitespace";
/// How many such tabs one document may have; each costs a fresh parse.
const MAX_TAB_REPAIRS: usize = 64;

/// `text` with the tabs just before byte `at` (back to the `:`) turned into
/// spaces, which keeps every byte offset; `None` if there are none.
fn tab_as_space(text: &str, at: usize) -> Option<String> {
    let before = text.get(..at)?;
    let blanks = before.len() - before.trim_end_matches([' ', '\t']).len();
    let start = at - blanks;
    if blanks == 0 || !before[..start].ends_with(':') {
        return None;
    }
    let mut fixed = String::with_capacity(text.len());
    fixed.push_str(&text[..start]);
    fixed.push_str(&" ".repeat(blanks));
    fixed.push_str(&text[at..]);
    Some(fixed)
}

fn parse_once(source: &str, limits: &Limits) -> Result<(Vec<Document>, usize), YamlError> {
    let mut builder = Builder::default();
    (builder.src, builder.limits, builder.offsets) = (source, *limits, Offsets::new(source));
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
    Ok((builder.docs, builder.count))
}

/// 1-based line and column (in characters, not bytes) of a byte offset, for error output.
///
/// Offsets past the end count as the end; offsets inside a character count as that
/// character. Line breaks are `\n`, `\r\n` and a lone `\r`.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let (mut line, mut col) = (1, 1);
    let mut chars = source.char_indices().peekable();
    while let Some((_, c)) = chars.next().filter(|&(at, c)| at + c.len_utf8() <= offset) {
        let crlf = c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n');
        (line, col) = match c {
            '\n' | '\r' if !crlf => (line + 1, 1),
            _ => (line, col + usize::from(!crlf)),
        };
    }
    (line, col)
}

/// Converts saphyr's markers to byte offsets. For ASCII text the marker's index is the
/// offset. Otherwise we go by line and column, because saphyr 0.3 counts bytes as
/// characters in a few places (e.g. directive names), which skews the index for the rest
/// of the input but the column only for the rest of that line. A cursor keeps the
/// conversion cheap, as events arrive (almost) in source order.
#[derive(Default)]
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
            let breaks = src
                .match_indices(['\n', '\r'])
                .filter(|&(i, b)| b == "\n" || src.as_bytes().get(i + 1) != Some(&b'\n'));
            lines = std::iter::once(0)
                .chain(breaks.map(|(i, _)| i + 1))
                .collect();
        }
        let at = (0, 0, 0);
        Offsets { src, lines, at }
    }

    fn byte(&mut self, mark: Marker) -> usize {
        if self.lines.is_empty() {
            return mark.index().min(self.src.len());
        }
        let line = mark.line().clamp(1, self.lines.len());
        let start = self.lines.get(line - 1).copied().unwrap_or_default();
        let end = self.lines.get(line).copied().unwrap_or(self.src.len());
        let text = self.src.get(start..end).unwrap_or_default();
        let text = text.trim_end_matches(['\r', '\n']);
        // Byte order marks at the start of a line do not count as columns.
        let bom = text.len() - text.trim_start_matches('\u{feff}').len();
        let (mut col, mut byte) = match self.at {
            (l, c, b) if l == line => (c, b),
            _ => (0, start + bom),
        };
        let mut back = self.src.get(start + bom..byte).unwrap_or_default().chars();
        while let Some(c) = back.next_back().filter(|_| col > mark.col()) {
            (col, byte) = (col - 1, byte - c.len_utf8());
        }
        let mut ahead = text.get(byte - start..).unwrap_or_default().chars();
        while let Some(c) = ahead.next().filter(|_| col < mark.col()) {
            (col, byte) = (col + 1, byte + c.len_utf8());
        }
        self.at = (line, col, byte);
        byte
    }
}

enum Open {
    Seq(Vec<Node>),
    /// Entries, a key waiting for its value, and (for large maps) the keys seen.
    Map(Vec<(Node, Node)>, Option<Node>, Option<HashSet<String>>),
}

/// A sequence or mapping whose end has not been read yet.
struct Frame {
    open: Open,
    span: Span,
    anchor: usize,
    /// Node count before this node was opened, to size anchored nodes.
    before: usize,
    /// Greatest nesting height among the children read so far.
    child_height: usize,
}

#[derive(Default)]
struct Builder<'s> {
    src: &'s str,
    limits: Limits,
    offsets: Offsets<'s>,
    docs: Vec<Document>,
    doc_span: Span,
    root: Option<Node>,
    stack: Vec<Frame>,
    /// Anchored nodes by saphyr's anchor id, with their node count and nesting height.
    anchors: HashMap<usize, (Node, usize, usize)>,
    /// Nodes so far in the stream, counting alias expansions.
    count: usize,
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, span: Span) -> Outcome {
        match event {
            Event::Nothing | Event::StreamStart | Event::StreamEnd => Ok(()),
            Event::DocumentStart(_) => {
                (self.doc_span, self.root) = (span, None);
                self.anchors.clear();
                Ok(())
            }
            Event::DocumentEnd => {
                let (doc, at) = (self.doc_span, self.doc_span.end);
                let span = Span { start: at, end: at };
                let root = self.root.take().unwrap_or(Node { kind: EMPTY, span });
                self.docs.push(Document { root, span: doc });
                Ok(())
            }
            Event::Scalar(text, style, anchor, tag) => {
                let before = self.count;
                self.add_nodes(1, span)?;
                let written = span;
                let mut span = span;
                if anchor != 0 || tag.is_some() {
                    span.start = self.skip_properties(span);
                }
                let quoted = style != SaphyrStyle::Plain;
                // saphyr gives an empty plain scalar the span of the next token; make it empty.
                if text.is_empty() && !quoted {
                    span.end = span.start;
                }
                let style = match tag.as_deref() {
                    None if quoted => ScalarStyle::Quoted,
                    None => ScalarStyle::Plain,
                    Some(tag) => self.scalar_tag(tag, &text, quoted, written, span)?,
                };
                self.within_scalar_limits(&text, span)?;
                let text = text.into_owned();
                let kind = NodeKind::Scalar { text, style };
                self.finish(Node { kind, span }, anchor, before, 0)
            }
            Event::SequenceStart(anchor, tag) => {
                self.collection_tag(tag.as_deref(), "seq", span)?;
                self.open(Open::Seq(Vec::new()), anchor, span)
            }
            Event::MappingStart(anchor, tag) => {
                self.collection_tag(tag.as_deref(), "map", span)?;
                self.open(Open::Map(Vec::new(), None, None), anchor, span)
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Ok(()); // saphyr balances its events
                };
                let kind = match frame.open {
                    Open::Seq(items) => NodeKind::Seq(items),
                    Open::Map(entries, ..) => NodeKind::Map(entries),
                };
                let (span, height) = (frame.span, frame.child_height + 1);
                self.finish(Node { kind, span }, frame.anchor, frame.before, height)
            }
            Event::Alias(id) => self.alias(id, span),
        }
    }

    fn open(&mut self, open: Open, anchor: usize, span: Span) -> Outcome {
        let span = self.one_char(self.skip_properties(span));
        let before = self.count;
        self.add_nodes(1, span)?;
        if self.stack.len() >= self.limits.max_depth {
            return Err(too_deep(self.limits.max_depth, span));
        }
        let frame = Frame {
            open,
            span,
            anchor,
            before,
            child_height: 0,
        };
        self.stack.push(frame);
        Ok(())
    }

    fn alias(&mut self, id: usize, span: Span) -> Outcome {
        let alias = alias_at(self.src, span.start);
        let Some(&(_, nodes, height)) = self.anchors.get(&id) else {
            let message = format!("alias `{alias}` refers to a node that contains it");
            return Err(error(YamlErrorKind::UnknownAlias, message, span));
        };
        // Check the cost of the expansion before making it.
        self.add_nodes(nodes, span)?;
        if self.stack.len().saturating_add(height) > self.limits.max_depth {
            return Err(too_deep(self.limits.max_depth, span));
        }
        match self.anchors.get(&id) {
            Some((node, ..)) => self.attach(node.clone(), height, span),
            None => Ok(()),
        }
    }

    /// Records a finished node under its anchor (if any) and attaches it to its parent.
    fn finish(&mut self, node: Node, anchor: usize, before: usize, height: usize) -> Outcome {
        if anchor != 0 {
            let nodes = self.count.saturating_sub(before);
            self.anchors.insert(anchor, (node.clone(), nodes, height));
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
            Open::Seq(items) => {
                if items.len() >= self.limits.max_items {
                    let message = format!("a list reaches {} items here", items.len() + 1);
                    return Err(error(YamlErrorKind::TooManyItems, message, at));
                }
                items.push(node);
                return Ok(());
            }
            Open::Map(entries, key, seen) => (entries, key, seen),
        };
        if let Some(k) = key.take() {
            entries.push((k, node));
            return Ok(());
        }
        let text = match &node.kind {
            NodeKind::Scalar { text, .. } => text,
            NodeKind::Seq(_) => return Err(non_scalar_key("a sequence", at)),
            NodeKind::Map(_) => return Err(non_scalar_key("a mapping", at)),
        };
        let fresh = match seen {
            Some(set) => set.insert(text.clone()),
            None if entries.len() < LINEAR_KEY_SCAN => {
                entries.iter().all(|(k, _)| key_text(k) != text)
            }
            None => {
                let set = seen.insert(entries.iter().map(|(k, _)| key_text(k).into()).collect());
                set.insert(text.clone())
            }
        };
        if !fresh {
            let first = entries.iter().find(|(k, _)| key_text(k) == text);
            let line = first.map_or(0, |(k, _)| line_col(self.src, k.span.start).0);
            let text = shown(text);
            let message = format!("duplicate key `{text}` (first given on line {line})");
            return Err(error(YamlErrorKind::DuplicateKey, message, at));
        }
        *key = Some(node);
        Ok(())
    }

    fn add_nodes(&mut self, n: usize, span: Span) -> Outcome {
        self.count = self.count.saturating_add(n);
        if self.count <= self.limits.max_nodes {
            return Ok(());
        }
        let message = "the yaml reaches this many nodes here".to_string();
        Err(error(YamlErrorKind::TooLarge, message, span))
    }

    /// How a tagged scalar is read, or why the tag is refused.
    fn scalar_tag(
        &self,
        tag: &saphyr_parser::Tag,
        text: &str,
        quoted: bool,
        written: Span,
        value: Span,
    ) -> Result<ScalarStyle, YamlError> {
        let shown = self.tag_text(written);
        tags::scalar(tag, &shown.0, text, quoted).map_err(|message| {
            error(
                YamlErrorKind::Tag,
                message,
                if quoted || !text.is_empty() {
                    shown.1
                } else {
                    value
                },
            )
        })
    }

    /// Refuses a tag on a sequence (`kind` "seq") or mapping ("map") other
    /// than the core schema's own for it.
    fn collection_tag(&self, tag: Option<&saphyr_parser::Tag>, kind: &str, span: Span) -> Outcome {
        let Some(tag) = tag else { return Ok(()) };
        let (shown, at) = self.tag_text(span);
        tags::collection(tag, &shown, kind)
            .map_err(|message| error(YamlErrorKind::Tag, message, at))
    }

    /// The tag as written at the start of an event's span, and its span.
    fn tag_text(&self, span: Span) -> (String, Span) {
        let rest = self.src.get(span.start..).unwrap_or_default();
        let bang = rest.find('!').unwrap_or(0);
        let tag = rest[bang..]
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '{' | '}'))
            .next()
            .unwrap_or_default();
        let start = span.start + bang;
        (
            tag.to_string(),
            Span {
                start,
                end: start + tag.len().max(1),
            },
        )
    }

    /// Refuses a scalar longer than the text limit, or a number with more
    /// digits than the digit limit.
    fn within_scalar_limits(&self, text: &str, span: Span) -> Outcome {
        if text.len() > self.limits.max_chars {
            let chars = text.chars().count();
            if chars > self.limits.max_chars {
                let message = format!("this value has {chars} characters");
                return Err(error(YamlErrorKind::TooManyChars, message, span));
            }
        }
        let digits = tags::number_digits(text);
        if digits > self.limits.max_digits {
            let message = format!("this number has {digits} digits");
            return Err(error(YamlErrorKind::TooManyDigits, message, span));
        }
        Ok(())
    }

    /// Moves the start of an event's span past any anchor, tag, blanks and comments.
    fn skip_properties(&self, span: Span) -> usize {
        let blank = |c| matches!(c, ' ' | '\t' | '\n' | '\r');
        let mut rest = self.src.get(span.start..span.end).unwrap_or_default();
        loop {
            rest = rest.trim_start_matches(blank);
            rest = match rest.chars().next() {
                Some('&' | '!') => rest.trim_start_matches(|c| !blank(c)),
                Some('#') => rest.trim_start_matches(|c| c != '\n' && c != '\r'),
                _ => return span.end - rest.len(),
            };
        }
    }

    /// A span covering the character at `start`, or empty at a line break or the end.
    fn one_char(&self, start: usize) -> Span {
        let width = match self.src.get(start..).and_then(|rest| rest.chars().next()) {
            Some('\n' | '\r') | None => 0,
            Some(c) => c.len_utf8(),
        };
        let end = start + width;
        Span { start, end }
    }

    fn scan_error(&mut self, err: &ScanError) -> YamlError {
        let at = self.offsets.byte(*err.marker());
        let info = err.info();
        if info == "recursion limit exceeded" {
            let message =
                format!("the yaml here is nested more than {PARSER_FLOW_LIMIT} levels deep");
            return error(YamlErrorKind::TooDeep, message, self.one_char(at));
        }
        if info.contains("unknown anchor") {
            let alias = alias_at(self.src, at);
            let message = format!("alias `{alias}` refers to an unknown anchor");
            let end = at + alias.len();
            let span = Span { start: at, end };
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

fn too_deep(limit: usize, span: Span) -> YamlError {
    let message = format!(
        "the yaml here is nested {} levels deep",
        limit.saturating_add(1)
    );
    error(YamlErrorKind::TooDeep, message, span)
}

fn non_scalar_key(what: &str, span: Span) -> YamlError {
    let message = format!("mapping keys must be scalars, found {what}");
    error(YamlErrorKind::NonScalarKey, message, span)
}

/// The text of a mapping key (keys are always scalars).
fn key_text(key: &Node) -> &str {
    match &key.kind {
        NodeKind::Scalar { text, .. } => text,
        _ => "",
    }
}

/// The alias token (`*name`) starting at byte `at`.
fn alias_at(src: &str, at: usize) -> &str {
    let rest = src.get(at..).unwrap_or_default();
    let end = rest.find(|c: char| c.is_whitespace() || matches!(c, ',' | ']' | '}'));
    rest.get(..end.unwrap_or(rest.len())).unwrap_or_default()
}

/// User text for messages: at most 40 characters, control characters escaped.
fn shown(text: &str) -> String {
    const MAX: usize = 40;
    let escape = |c: char| match c.is_control() {
        true => c.escape_default().to_string(),
        false => c.to_string(),
    };
    let mut out: String = text.chars().take(MAX).map(escape).collect();
    if text.chars().nth(MAX).is_some() {
        out.push('…');
    }
    out
}

/// saphyr's message, starting in lowercase and without a trailing period.
fn readable(info: &str) -> String {
    let info = info.trim().trim_end_matches('.');
    let unexpected = info.strip_prefix("unexpected character: `");
    if let Some(c) = unexpected.and_then(|r| r.strip_suffix('\'')) {
        return format!("unexpected character `{}`", shown(c));
    }
    let mut chars = info.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => "invalid yaml".into(),
    }
}

#[cfg(test)]
#[path = "yaml_tests.rs"]
mod tests;
