//! User-facing diagnostics: a phase's error tied to the file it is about, and
//! the two ways of showing it (miette's graphical report, and JSON).
//!
//! Each phase has its own error enum; this module only knows them as
//! `miette::Diagnostic` trait objects, so every phase renders the same way.

use std::fmt;
use std::sync::Arc;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};
use serde::Serialize;

use crate::source::SourceText;

/// One problem found in one file (a policy or a scenario).
pub struct FileDiagnostic {
    pub file: Arc<str>,
    source: NamedSource<Arc<SourceText>>,
    text: Arc<SourceText>,
    error: Box<dyn Diagnostic + Send + Sync + 'static>,
    severity: miette::Severity,
}

impl FileDiagnostic {
    /// A diagnostic about `text`, the whole of `file`. Indexes the text:
    /// many diagnostics of one file share an index with [`FileDiagnostic::in_source`].
    pub fn new(
        file: &Arc<str>,
        text: &Arc<str>,
        error: impl Diagnostic + Send + Sync + 'static,
    ) -> FileDiagnostic {
        FileDiagnostic::in_source(file, &SourceText::whole(text.clone()), error)
    }

    /// A diagnostic about `source`, the whole of `file` or a piece of it.
    pub fn in_source(
        file: &Arc<str>,
        source: &Arc<SourceText>,
        error: impl Diagnostic + Send + Sync + 'static,
    ) -> FileDiagnostic {
        let severity = error.severity().unwrap_or(miette::Severity::Error);
        FileDiagnostic {
            file: file.clone(),
            source: NamedSource::new(file.as_ref(), source.clone()),
            text: source.clone(),
            error: Box::new(error),
            severity,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == miette::Severity::Error
    }

    /// The stable code, such as `eligo::check::unknown-field`.
    pub fn code_text(&self) -> String {
        self.error
            .code()
            .map(|code| code.to_string())
            .unwrap_or_default()
    }

    pub fn message(&self) -> String {
        self.error.to_string()
    }

    pub fn help_text(&self) -> Option<String> {
        self.error.help().map(|help| help.to_string())
    }

    /// The primary label's byte offset, if the error points somewhere.
    pub fn offset(&self) -> Option<usize> {
        let mut labels = self.error.labels()?;
        let first: LabeledSpan = labels.next()?;
        Some(first.offset())
    }

    /// 1-based line and column (in characters) of the primary label.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        self.offset().map(|offset| self.text.line_column(offset))
    }

    /// The graphical report, as miette draws it.
    pub fn render(&self, style: &RenderStyle) -> String {
        let theme = if style.colour {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(style.width)
            .with_links(false);
        let mut out = String::new();
        if handler.render_report(&mut out, self).is_err() {
            out = format!("error: {}\n", self.message());
        }
        out
    }

    pub fn to_json(&self) -> JsonError {
        let (line, column) = self.line_column().unwrap_or((0, 0));
        JsonError {
            code: self.code_text(),
            message: self.message(),
            file: self.file.to_string(),
            line,
            column,
            help: self.help_text(),
            severity: if self.is_error() { "error" } else { "warning" },
        }
    }
}

/// A diagnostic as `--error-format json` and `eval --format json` print it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct JsonError {
    pub code: String,
    pub message: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    pub severity: &'static str,
}

/// How graphical reports are drawn.
#[derive(Clone, Copy, Debug)]
pub struct RenderStyle {
    pub colour: bool,
    pub width: usize,
}

impl RenderStyle {
    /// Fixed width, no colour: what tests and pipes get.
    pub fn plain() -> RenderStyle {
        RenderStyle {
            colour: false,
            width: 100,
        }
    }
}

impl fmt::Debug for FileDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message())
    }
}

impl fmt::Display for FileDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, f)
    }
}

impl std::error::Error for FileDiagnostic {}

impl Diagnostic for FileDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.error.code()
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.error.help()
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.error.labels()
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        self.error.related()
    }
}

/// 1-based line and column, counting columns in characters.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Where each line of a text starts, so that many offsets of one file are
/// turned into line and column without rescanning the file each time.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(index, _)| index + 1));
        LineIndex { starts }
    }

    /// 0-based line that `offset` is on.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// Where 0-based line `line` starts, if the text has that many lines.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line).copied()
    }

    /// 1-based line and column (in characters) of `offset` in `text`.
    pub fn line_column(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&start| start <= offset);
        let line_start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let column = text
            .get(line_start..offset)
            .map_or(0, |s| s.chars().count())
            + 1;
        (line, column)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The closest of `candidates` to `word`, for "did you mean" hints. The
/// similarity score is a spelling measure, never a value of the policy
/// domain, so it is the one place a binary fraction is fine.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(&word.to_lowercase(), &candidate.to_lowercase());
        if score >= 0.8 && best.is_none_or(|(top, _)| score > top) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// `did you mean `x`?`, or nothing.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|candidate| format!("did you mean `{candidate}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "name: 日本語\nx: 1";
        let offset = text.find('x').unwrap_or(0);
        assert_eq!(line_column(text, offset), (2, 1));
        let offset = text.find('語').unwrap_or(0);
        assert_eq!(line_column(text, offset), (1, 9));
    }

    #[test]
    fn the_line_index_agrees_with_scanning() {
        let text = "a\nbé\n\nxyz";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() {
            assert_eq!(
                index.line_column(text, offset),
                line_column(text, offset),
                "offset {offset}"
            );
        }
    }

    #[test]
    fn suggestions_pick_the_nearest_name() {
        assert_eq!(closest("UK", ["US", "GB", "CA"]), None);
        assert_eq!(closest("satus", ["status", "state"]), Some("status"));
        assert_eq!(
            did_you_mean("quantty", ["quantity"]).as_deref(),
            Some("did you mean `quantity`?")
        );
    }
}
