//! What the AST leaves out and the formatter keeps: comments (recovered by
//! the syntax layer), whether a blank line stood somewhere, and where the
//! keywords between AST nodes are.
//!
//! Comments are placed by position: the document is built in source order,
//! and at each place where a line may break, the comments written before the
//! next node are put there. An end-of-line comment stays at the end of the
//! line it followed; an own-line comment keeps a line of its own.

use super::doc::Doc;
use crate::syntax;
use crate::syntax::ast::Span;

#[derive(Clone, Debug)]
pub struct Comment {
    pub span: Span,
    pub text: String,
    /// Nothing but indentation before it on its line.
    pub own_line: bool,
    /// A blank line separates it from what comes before.
    pub blank_before: bool,
    /// Its column, counted in characters from the start of its line.
    pub column: usize,
}

/// The text of a file with its comments, handed out in source order.
pub struct Trivia<'s> {
    pub source: &'s str,
    comments: Vec<Comment>,
    next: usize,
}

impl<'s> Trivia<'s> {
    pub fn new(source: &'s str) -> Trivia<'s> {
        let comments = syntax::comments(source)
            .into_iter()
            .map(|span| {
                let line_start = source[..span.start].rfind('\n').map_or(0, |i| i + 1);
                let before = &source[line_start..span.start];
                Comment {
                    span,
                    text: source[span.start..span.end].to_string(),
                    own_line: before.trim().is_empty(),
                    blank_before: blank_line_before(source, span.start),
                    column: before.chars().count(),
                }
            })
            .collect();
        Trivia {
            source,
            comments,
            next: 0,
        }
    }

    /// Every comment of the file, placed or not, in order.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.comments.iter().map(|comment| comment.text.as_str())
    }

    /// The comments not yet placed that start before `position`.
    pub fn take_before(&mut self, position: usize) -> Vec<Comment> {
        let start = self.next;
        while self
            .comments
            .get(self.next)
            .is_some_and(|comment| comment.span.start < position)
        {
            self.next += 1;
        }
        self.comments[start..self.next].to_vec()
    }

    /// The comments before `position`, laid out to stand just before a line
    /// break: the first end-of-line comment at the end of the current line,
    /// every other one on a line of its own.
    pub fn flush(&mut self, position: usize) -> Doc {
        let comments = self.take_before(position);
        if comments.is_empty() {
            return Doc::Nil;
        }
        let mut parts = vec![Doc::BreakParent];
        let mut line_taken = false;
        for comment in comments {
            if !comment.own_line && !line_taken {
                parts.push(Doc::LineSuffix(format!(" {}", comment.text)));
            } else {
                parts.push(Doc::HardLine);
                parts.push(Doc::Text(comment.text));
            }
            line_taken = true;
        }
        Doc::concat(parts)
    }

    /// The first position at or after `position` that is neither whitespace
    /// nor inside a comment: where the next keyword or token starts.
    pub fn skip_trivia(&self, mut position: usize) -> usize {
        let bytes = self.source.as_bytes();
        loop {
            while bytes.get(position).is_some_and(u8::is_ascii_whitespace) {
                position += 1;
            }
            match self
                .comments
                .binary_search_by_key(&position, |comment| comment.span.start)
            {
                Ok(index) => position = self.comments[index].span.end,
                Err(_) => return position,
            }
        }
    }

    /// Where the string literal at the first token after `position` ends.
    pub fn string_end(&self, position: usize) -> usize {
        let start = self.skip_trivia(position);
        let bytes = self.source.as_bytes();
        if bytes.get(start) != Some(&b'"') {
            return start;
        }
        let mut at = start + 1;
        while let Some(&byte) = bytes.get(at) {
            match byte {
                b'\\' => at += 2,
                b'"' => return at + 1,
                _ => at += 1,
            }
        }
        self.source.len()
    }

    pub fn blank_line_before(&self, position: usize) -> bool {
        blank_line_before(self.source, position)
    }
}

/// Whether the whitespace just before `position` holds an empty line.
fn blank_line_before(source: &str, position: usize) -> bool {
    let before = &source[..position.min(source.len())];
    let whitespace = before.len() - before.trim_end().len();
    before[before.len() - whitespace..].matches('\n').count() >= 2
}
