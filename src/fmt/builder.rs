//! The state shared while a file's layout document is built, and the list
//! layouts every construct uses: elements one per line, or packed.

use super::doc::Doc;
use super::printer;
use super::trivia::Trivia;

/// Wide enough that nothing breaks: for text that must stay on one line.
const UNLIMITED: usize = 1 << 40;

pub struct Builder<'s> {
    pub trivia: Trivia<'s>,
    /// Above zero while building text that must stay on one line (table
    /// cells, interpolations); comments then wait for the next line break.
    one_line_depth: usize,
}

/// The elements of a list, each built after the comments before it were
/// taken, so every comment is placed once and in order.
pub struct Sequence {
    /// Comments before the first element.
    pub lead: Doc,
    pub items: Vec<Doc>,
    /// Comments after each element, before the next (or the list's end).
    pub after: Vec<Doc>,
}

impl<'s> Builder<'s> {
    pub fn new(source: &'s str) -> Builder<'s> {
        Builder {
            trivia: Trivia::new(source),
            one_line_depth: 0,
        }
    }

    /// The comments before `position`, placed to stand before a line break.
    pub fn flush(&mut self, position: usize) -> Doc {
        if self.one_line_depth > 0 {
            return Doc::Nil;
        }
        self.trivia.flush(position)
    }

    pub fn is_one_line(&self) -> bool {
        self.one_line_depth > 0
    }

    /// Builds a document and prints it on a single line.
    pub fn one_line(&mut self, build: impl FnOnce(&mut Self) -> Doc) -> String {
        self.one_line_depth += 1;
        let doc = build(self);
        self.one_line_depth -= 1;
        printer::print(&Doc::group(doc), UNLIMITED)
    }

    pub fn sequence<T>(
        &mut self,
        elements: &[T],
        start: impl Fn(&T) -> usize,
        end: usize,
        mut build: impl FnMut(&mut Self, &T) -> Doc,
    ) -> Sequence {
        let lead = self.flush(elements.first().map_or(end, &start));
        let mut items = Vec::with_capacity(elements.len());
        let mut after = Vec::with_capacity(elements.len());
        for (index, element) in elements.iter().enumerate() {
            items.push(build(self, element));
            after.push(self.flush(elements.get(index + 1).map_or(end, &start)));
        }
        Sequence { lead, items, after }
    }
}

/// `open`, the elements, `close`: on one line when they fit, otherwise one
/// element per line, indented, with the brackets on lines of their own.
/// `padded` puts spaces inside the brackets on one line (`{ a, b }`).
pub fn bracketed(
    sequence: Sequence,
    open: &str,
    close: &str,
    separator: impl Fn() -> Doc,
    padded: bool,
) -> Doc {
    let line = || if padded { Doc::Line } else { Doc::SoftLine };
    let Sequence { lead, items, after } = sequence;
    if items.is_empty() {
        let gap = if lead.is_nil() {
            Doc::Nil
        } else {
            Doc::SoftLine
        };
        return Doc::group(Doc::concat(vec![
            Doc::text(open),
            Doc::nest(2, lead),
            gap,
            Doc::text(close),
        ]));
    }
    let count = items.len();
    let mut inner = vec![lead, line()];
    for (index, (item, after)) in items.into_iter().zip(after).enumerate() {
        inner.push(item);
        if index + 1 < count {
            inner.push(separator());
            inner.push(after);
            inner.push(Doc::Line);
        } else {
            inner.push(after);
        }
    }
    Doc::group(Doc::concat(vec![
        Doc::text(open),
        Doc::nest(2, Doc::concat(inner)),
        line(),
        Doc::text(close),
    ]))
}

/// Comma-separated elements packed onto as few lines as fit. A comment
/// after an element ends its line.
pub fn packed(items: Vec<Doc>, after: Vec<Doc>) -> Doc {
    let count = items.len();
    let mut parts = Vec::with_capacity(count * 2);
    for (index, (item, after)) in items.into_iter().zip(after).enumerate() {
        let last = index + 1 == count;
        let separator = if after.is_nil() {
            Doc::Line
        } else {
            Doc::HardLine
        };
        let comma = if last { Doc::Nil } else { Doc::text(",") };
        parts.push(Doc::concat(vec![item, comma, after]));
        if !last {
            parts.push(separator);
        }
    }
    Doc::fill(parts)
}

/// Like `bracketed`, but packing the elements (`{a, b, c}`).
pub fn bracketed_packed(sequence: Sequence, open: &str, close: &str, padded: bool) -> Doc {
    if sequence.items.is_empty() {
        return bracketed(sequence, open, close, || Doc::Nil, padded);
    }
    let line = || if padded { Doc::Line } else { Doc::SoftLine };
    let Sequence { lead, items, after } = sequence;
    Doc::group(Doc::concat(vec![
        Doc::text(open),
        Doc::nest(2, Doc::concat(vec![lead, line(), packed(items, after)])),
        line(),
        Doc::text(close),
    ]))
}

/// A list after a keyword (`rules A, B`), packed, continuing two columns
/// deeper than the keyword's line.
pub fn after_keyword(keyword: &str, sequence: Sequence) -> Doc {
    let Sequence { lead, items, after } = sequence;
    let list = Doc::nest(2, packed(items, after));
    if lead.is_nil() {
        Doc::concat(vec![Doc::text(format!("{keyword} ")), list])
    } else {
        Doc::concat(vec![
            Doc::text(keyword),
            Doc::nest(2, Doc::concat(vec![lead, Doc::HardLine, list])),
        ])
    }
}

/// A string literal: quotes, and escapes for what cannot stand as itself.
/// `template` also escapes `{`, which would open an interpolation.
pub fn quoted(text: &str, template: bool) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    out.push_str(&escaped(text, template));
    out.push('"');
    out
}

pub fn escaped(text: &str, template: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '{' if template => out.push_str("\\{"),
            other => out.push(other),
        }
    }
    out
}
