//! The text a diagnostic points into: a whole file, or one piece of it (a
//! document of a scenario file read document by document), indexed by line
//! once. Showing a diagnostic then costs time in the lines it shows, not in
//! the size of the file: miette's own `SourceCode` for `str` scans from the
//! file's start for every label, which makes N diagnostics of one file cost
//! O(N × file).

use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::diagnostic::LineIndex;

/// A piece of a file, starting at a line start, with its line index.
/// Offsets given to it (spans, labels) are offsets in the whole file.
#[derive(Debug)]
pub struct SourceText {
    text: Arc<str>,
    /// Byte offset of `text` in the file.
    offset: usize,
    /// 0-based line of the file on which `text` starts.
    first_line: usize,
    lines: LineIndex,
    /// A `\r` not followed by `\n` ends a line for miette but not for the
    /// line index; such texts are shown the slow way, exactly as miette would.
    lone_carriage_return: bool,
}

impl SourceText {
    /// A whole file.
    pub fn whole(text: Arc<str>) -> Arc<SourceText> {
        SourceText::part(text, 0, 0)
    }

    /// `text` is the file from byte `offset`, which starts 0-based line `first_line`.
    pub fn part(text: Arc<str>, offset: usize, first_line: usize) -> Arc<SourceText> {
        let lines = LineIndex::new(&text);
        let bytes = text.as_bytes();
        let lone_carriage_return = bytes
            .iter()
            .enumerate()
            .any(|(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        Arc::new(SourceText {
            text,
            offset,
            first_line,
            lines,
            lone_carriage_return,
        })
    }

    /// The text held (from [`SourceText::offset`] on).
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    /// 1-based line and column (in characters) of a file offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let local = offset.saturating_sub(self.offset);
        let (line, column) = self.lines.line_column(&self.text, local);
        (line + self.first_line, column)
    }

    /// The text of a file span, or `""` outside the piece held.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        let start = start.saturating_sub(self.offset);
        let end = end.saturating_sub(self.offset);
        self.text.get(start..end).unwrap_or("")
    }

    /// The byte range of the lines miette needs around `local`: from one
    /// line more than `before` above its first line (miette reads an empty
    /// span as ending just before it) to well past `after` lines below its
    /// last, so that miette's scan of the window stops where its scan of
    /// the whole text would.
    fn window(&self, local: &SourceSpan, before: usize, after: usize) -> (usize, usize) {
        let first = self.lines.line_of(local.offset());
        let last = self
            .lines
            .line_of(local.offset() + local.len().saturating_sub(1));
        let start = self
            .lines
            .line_start(first.saturating_sub(before + 1))
            .unwrap_or(0);
        let end = self
            .lines
            .line_start(last + after + 2)
            .unwrap_or(self.text.len());
        (start, end)
    }
}

impl SourceCode for SourceText {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let local_offset = span
            .offset()
            .checked_sub(self.offset)
            .ok_or(MietteError::OutOfBounds)?;
        let local = SourceSpan::new(local_offset.into(), span.len());
        let (start, end) = if self.lone_carriage_return || local_offset > self.text.len() {
            (0, self.text.len())
        } else {
            self.window(&local, context_lines_before, context_lines_after)
        };
        let window = &self.text[start..end];
        let in_window = SourceSpan::new((local_offset - start).into(), span.len());
        let found = window.read_span(&in_window, context_lines_before, context_lines_after)?;
        let lines_above = self.first_line + self.lines.line_of(start);
        Ok(Box::new(MietteSpanContents::new(
            found.data(),
            SourceSpan::new(
                (found.span().offset() + start + self.offset).into(),
                found.span().len(),
            ),
            found.line() + lines_above,
            found.column(),
            found.line_count() + lines_above,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What miette shows for a span when it scans the whole text.
    fn scanned(
        text: &str,
        span: SourceSpan,
        around: usize,
    ) -> (String, usize, usize, usize, usize) {
        let found = text.read_span(&span, around, around).expect("in bounds");
        summary(found.as_ref())
    }

    fn summary(found: &dyn SpanContents<'_>) -> (String, usize, usize, usize, usize) {
        (
            String::from_utf8_lossy(found.data()).into_owned(),
            found.span().offset(),
            found.line(),
            found.column(),
            found.line_count(),
        )
    }

    #[test]
    fn windows_show_what_a_scan_of_the_whole_text_shows() {
        let text: String = (0..40)
            .map(|i| format!("line {i} {}\n", "é".repeat(i % 3)))
            .collect::<String>()
            + "last line without a newline";
        let indexed = SourceText::whole(Arc::from(text.as_str()));
        for offset in (0..text.len()).filter(|&o| text.is_char_boundary(o)) {
            for len in [0, 1, 7, 30] {
                if offset + len > text.len() {
                    continue;
                }
                for around in [0, 1, 2] {
                    let span = SourceSpan::new(offset.into(), len);
                    let windowed = indexed.read_span(&span, around, around).expect("in bounds");
                    assert_eq!(
                        summary(windowed.as_ref()),
                        scanned(&text, span, around),
                        "offset {offset}, length {len}, context {around}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_piece_of_a_file_reports_file_lines_and_offsets() {
        let file = "a: 1\n---\nb: 2\nc: [3\n";
        let start = file.find("b:").expect("present");
        let piece = SourceText::part(Arc::from(&file[start..]), start, 2);
        let at = file.find('[').expect("present");
        assert_eq!(piece.line_column(at), (4, 4));
        let span = SourceSpan::new(at.into(), 2);
        let windowed = piece.read_span(&span, 1, 1).expect("in bounds");
        let whole = file.read_span(&span, 1, 1).expect("in bounds");
        assert_eq!(summary(windowed.as_ref()), summary(whole.as_ref()));
        assert_eq!(piece.slice(at, at + 2), "[3");
    }

    #[test]
    fn spans_beyond_the_text_are_out_of_bounds_as_in_miette() {
        let piece = SourceText::whole(Arc::from("short"));
        let span = SourceSpan::new(40.into(), 2);
        assert!(piece.read_span(&span, 1, 1).is_err());
        assert!("short".read_span(&span, 1, 1).is_err());
    }
}
