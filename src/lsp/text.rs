//! Positions as the protocol counts them (lines, and UTF-16 code units
//! within a line) against byte offsets as the checker counts them, file
//! URIs against paths, and incremental edits of open documents.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent, Uri};

use crate::syntax::ast::Span;

/// Where each line of a text starts.
#[derive(Clone, Debug)]
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(index, _)| index + 1));
        Lines { starts }
    }

    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[line];
        let character = text
            .get(start..offset)
            .map_or(0, |s| s.encode_utf16().count());
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, text: &str, span: Span) -> Range {
        Range::new(
            self.position(text, span.start),
            self.position(text, span.end),
        )
    }

    /// The byte offset of a position; past the end of a line means its end.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let Some(&start) = self.starts.get(position.line as usize) else {
            return text.len();
        };
        let end = self
            .starts
            .get(position.line as usize + 1)
            .map_or(text.len(), |next| next - 1);
        let line = text.get(start..end).unwrap_or("");
        let mut units = 0usize;
        for (index, ch) in line.char_indices() {
            if units >= position.character as usize {
                return start + index;
            }
            units += ch.len_utf16();
        }
        end
    }
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Applies one change of `textDocument/didChange`: a range replaced, or the
/// whole text when the change has no range.
pub fn apply_change(text: &mut String, change: TextDocumentContentChangeEvent) {
    match change.range {
        None => *text = change.text,
        Some(range) => {
            let lines = Lines::new(text);
            let start = lines.offset(text, range.start);
            let end = lines.offset(text, range.end).max(start);
            text.replace_range(start..end, &change.text);
        }
    }
}

/// The path a `file:` URI names; other schemes are kept as they are.
pub fn uri_to_path(uri: &Uri) -> String {
    let text = uri.as_str();
    match text.strip_prefix("file://") {
        Some(rest) => percent_decode(rest),
        None => text.to_string(),
    }
}

pub fn path_to_uri(path: &str) -> Option<Uri> {
    if path.contains("://") {
        return path.parse().ok();
    }
    let mut text = String::from("file://");
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            text.push(byte as char);
        } else {
            text.push_str(&format!("%{byte:02X}"));
        }
    }
    text.parse().ok()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = bytes
            .get(index + 1..index + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[index], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                index += 3;
            }
            (byte, _) => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The identifier-like word around `offset`: letters, digits, `_` and, for
/// rule IDs such as `MPO-002`, `-` between them.
pub fn word_at(text: &str, offset: usize) -> Option<(Span, &str)> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    let offset = floor_boundary(text, offset.min(text.len()));
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text[offset..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(text.len(), |(i, _)| offset + i);
    let word = text[start..end].trim_matches('-');
    if word.is_empty() {
        return None;
    }
    let lead = text[start..end].len() - text[start..end].trim_start_matches('-').len();
    let start = start + lead;
    Some((Span::new(start, start + word.len()), word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_and_round_trip() {
        let text = "a\n日本x\n\u{1F600}y";
        let lines = Lines::new(text);
        let x = text.find('x').unwrap_or(0);
        assert_eq!(lines.position(text, x), Position::new(1, 2));
        let y = text.find('y').unwrap_or(0);
        assert_eq!(lines.position(text, y), Position::new(2, 2));
        for offset in [0, 2, x, y, text.len()] {
            assert_eq!(lines.offset(text, lines.position(text, offset)), offset);
        }
        assert_eq!(lines.offset(text, Position::new(9, 0)), text.len());
        assert_eq!(lines.offset(text, Position::new(0, 99)), 1);
    }

    #[test]
    fn changes_replace_ranges() {
        let mut text = String::from("rule A\n  require x\n");
        let change = TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(1, 10), Position::new(1, 11))),
            range_length: None,
            text: "y == 1".into(),
        };
        apply_change(&mut text, change);
        assert_eq!(text, "rule A\n  require y == 1\n");
    }

    #[test]
    fn uris_and_paths_round_trip() {
        let path = "/tmp/my policies/a.policy";
        let uri = path_to_uri(path).map(|u| u.as_str().to_string());
        assert_eq!(uri.as_deref(), Some("file:///tmp/my%20policies/a.policy"));
        let parsed: Uri = "file:///tmp/my%20policies/a.policy"
            .parse()
            .unwrap_or_else(|_| unreachable!());
        assert_eq!(uri_to_path(&parsed), path);
    }

    #[test]
    fn words_include_rule_id_dashes() {
        let text = "rules MPO-002, X";
        assert_eq!(word_at(text, 8).map(|(_, w)| w), Some("MPO-002"));
        assert_eq!(word_at(text, 0).map(|(_, w)| w), Some("rules"));
        assert_eq!(word_at(text, 14), None);
    }
}
