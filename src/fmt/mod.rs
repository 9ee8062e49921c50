//! The formatter: one canonical layout for policy files.
//!
//! A file is parsed, its comments are recovered, and a layout document is
//! built from the AST in source order (comments placed where they were
//! written) and printed at a line width. The result is parsed again and
//! compared with the original, spans aside, comments included; a file whose
//! meaning would change is never written. See `docs/formatting.md`.

mod builder;
mod clauses;
mod doc;
mod errors;
mod expr;
mod function;
mod items;
mod printer;
mod shape;
mod table;
mod trivia;
mod types;

pub use errors::FmtError;
pub use shape::{shape, shape_of};

use crate::syntax::{self, SyntaxError};

/// The line width policy files are formatted to.
pub const DEFAULT_WIDTH: usize = 100;

/// Why a text could not be formatted.
#[derive(Debug)]
pub enum FormatFailure {
    /// The text does not parse; it is reported and left as it is.
    Syntax(Vec<SyntaxError>),
    /// Formatting would have changed the file's meaning or lost a comment.
    Unsafe(FmtError),
}

/// `source` in the canonical layout at the default width.
pub fn format_source(source: &str) -> Result<String, FormatFailure> {
    format_with_width(source, DEFAULT_WIDTH)
}

/// `source` in the canonical layout, lines kept within `width` columns
/// where the language allows (strings and table rows are never broken).
pub fn format_with_width(source: &str, width: usize) -> Result<String, FormatFailure> {
    let (file, errors) = syntax::parse_file(source);
    if !errors.is_empty() {
        return Err(FormatFailure::Syntax(errors));
    }
    let mut builder = builder::Builder::new(source);
    let document = builder.file(&file);
    let mut formatted = printer::print(&document, width);
    formatted.push('\n');
    let comments_before: Vec<&str> = builder.trivia.all().collect();
    if !says_the_same(&file, &comments_before, &formatted) {
        return Err(FormatFailure::Unsafe(FmtError::MeaningChanged {
            span: (0, 0).into(),
        }));
    }
    Ok(formatted)
}

/// Whether `formatted` parses to the same AST as the original `file`
/// (spans aside) and holds the same comments, in order.
fn says_the_same(file: &syntax::ast::File, comments: &[&str], formatted: &str) -> bool {
    let (again, errors) = syntax::parse_file(formatted);
    if !errors.is_empty() || shape(&again) != shape(file) {
        return false;
    }
    let kept: Vec<&str> = syntax::comments(formatted)
        .into_iter()
        .map(|span| &formatted[span.start..span.end])
        .collect();
    kept == comments
}
