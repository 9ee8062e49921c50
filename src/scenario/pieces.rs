//! A scenario file cut into its documents while it is read, one document at
//! a time, so that a file of any size is loaded in the memory of its largest
//! document. Documents are cut at `---` lines (not at the file's first
//! line), before any YAML is parsed, so a broken document does not hide the
//! others; `%` directives stay with the document they precede.

use std::collections::VecDeque;
use std::io::{self, BufRead};

use crate::api::IoError;
use crate::diagnostic::FileDiagnostic;
use crate::files::ReadError;

/// One document's text, with the lines around it kept so that a diagnostic
/// on the document's first or last line shows the same context as in the
/// whole file.
#[derive(Debug)]
pub struct Piece {
    /// The line before the document (nothing for the first), the document,
    /// and the line after it (nothing for the last).
    pub text: String,
    /// How many bytes of `text` are the line before.
    pub context: usize,
    /// How many bytes of `text` are the document.
    pub length: usize,
    /// Offset of `text` in the file.
    pub offset: usize,
    /// 0-based line of the file on which `text` starts.
    pub first_line: usize,
}

/// Whether a line starts a new document.
fn is_cut(line: &[u8]) -> bool {
    let mut bare = line;
    while let [rest @ .., b'\n' | b'\r'] = bare {
        bare = rest;
    }
    bare == b"---" || bare.starts_with(b"--- ") || bare.starts_with(b"---\t")
}

/// Why the rest of a file could not be read.
#[derive(Debug)]
pub enum PieceError {
    Read(io::Error),
    /// The byte at `offset` of the file is not valid UTF-8.
    NotUtf8 {
        offset: usize,
    },
}

impl PieceError {
    pub fn diagnostic(&self, file: &str) -> FileDiagnostic {
        match self {
            PieceError::Read(error) => IoError::diagnostic(file, error.to_string(), None),
            PieceError::NotUtf8 { offset } => IoError::about(
                file,
                ReadError::NotUtf8 {
                    path: file.to_string(),
                    offset: *offset,
                },
            ),
        }
    }
}

/// The documents of a file, read from `reader` as they are asked for. A
/// read error, or text that is not UTF-8, ends the file with that error.
pub struct Pieces<R> {
    reader: R,
    /// Lines read ahead: the lines that start the next document, and a
    /// line or two more for the context after a document.
    ahead: VecDeque<Vec<u8>>,
    /// How many lines at the front of `ahead` start the next document
    /// whatever they are (its `---` line and the directives before it).
    starting: usize,
    /// The last line of the document before.
    previous: Vec<u8>,
    /// Offset and 0-based line of the next document.
    offset: usize,
    line: usize,
    /// Nothing more to read from `reader`.
    drained: bool,
}

/// Lines of the next document kept after a document: a diagnostic may
/// point just past the document's end, and miette shows a line after that.
const LINES_AFTER: usize = 2;

/// A line that neither a directive nor a `---` cut can follow up on:
/// anything but blank lines and comments.
fn is_content(line: &[u8]) -> bool {
    let text = String::from_utf8_lossy(line);
    let bare = text.trim();
    !bare.is_empty() && !bare.starts_with('#')
}

impl<R: BufRead> Pieces<R> {
    pub fn new(reader: R) -> Pieces<R> {
        Pieces {
            reader,
            ahead: VecDeque::new(),
            starting: 0,
            previous: Vec::new(),
            offset: 0,
            line: 0,
            drained: false,
        }
    }

    /// The next line, from `ahead` or the reader.
    fn next_line(&mut self) -> io::Result<Option<Vec<u8>>> {
        if let Some(line) = self.ahead.pop_front() {
            return Ok(Some(line));
        }
        if self.drained {
            return Ok(None);
        }
        let mut line = Vec::new();
        if self.reader.read_until(b'\n', &mut line)? == 0 {
            self.drained = true;
            return Ok(None);
        }
        Ok(Some(line))
    }

    /// Reads one more line into `ahead`, unless the reader is drained.
    fn read_ahead(&mut self) -> io::Result<bool> {
        if self.drained {
            return Ok(false);
        }
        let mut line = Vec::new();
        if self.reader.read_until(b'\n', &mut line)? == 0 {
            self.drained = true;
            return Ok(false);
        }
        self.ahead.push_back(line);
        Ok(true)
    }

    /// Cuts the next document: at a `---` line, or at the `%` directives
    /// (with only blank lines and comments between) that come before one.
    fn read_document(&mut self) -> Result<Piece, PieceError> {
        let mut lines: Vec<Vec<u8>> = self.ahead.drain(..self.starting).collect();
        self.starting = 0;
        let mut held: Vec<Vec<u8>> = Vec::new();
        while let Some(line) = self.next_line().map_err(PieceError::Read)? {
            if is_cut(&line) {
                // The file's first document may start with directives and
                // `---`; every other `---` starts a new document.
                if !(self.offset == 0 && lines.is_empty()) {
                    self.starting = held.len() + 1;
                    for (at, starting) in held.drain(..).chain([line]).enumerate() {
                        self.ahead.insert(at, starting);
                    }
                    break;
                }
                lines.append(&mut held);
                lines.push(line);
            } else if line.first() == Some(&b'%') || (!held.is_empty() && !is_content(&line)) {
                held.push(line);
            } else {
                lines.append(&mut held);
                lines.push(line);
            }
        }
        lines.append(&mut held);
        while self.ahead.len() < LINES_AFTER && self.read_ahead().map_err(PieceError::Read)? {}
        let document: Vec<u8> = lines.concat();
        let last = lines.last().cloned().unwrap_or_default();
        let mut text = std::mem::replace(&mut self.previous, last);
        let context = text.len();
        text.extend_from_slice(&document);
        let mut text = String::from_utf8(text).map_err(|error| PieceError::NotUtf8 {
            offset: self.offset - context + error.utf8_error().valid_up_to(),
        })?;
        // Text of the next document is context only; if it is not UTF-8,
        // that is the next document's error.
        for line in &self.ahead {
            match std::str::from_utf8(line) {
                Ok(line) => text.push_str(line),
                Err(_) => break,
            }
        }
        let piece = Piece {
            text,
            context,
            length: document.len(),
            offset: self.offset - context,
            first_line: self.line - usize::from(context > 0),
        };
        self.offset += document.len();
        self.line += lines.len();
        Ok(piece)
    }

    fn finished(&self) -> bool {
        self.drained && self.ahead.is_empty()
    }
}

impl<R: BufRead> Iterator for Pieces<R> {
    type Item = Result<Piece, PieceError>;

    fn next(&mut self) -> Option<Result<Piece, PieceError>> {
        if self.finished() {
            return None;
        }
        let piece = self.read_document();
        if piece.is_err() {
            self.drained = true;
            self.ahead.clear();
        }
        Some(piece)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &[u8]) -> Vec<Result<Piece, PieceError>> {
        Pieces::new(text).collect()
    }

    fn documents(text: &str) -> Vec<String> {
        pieces(text.as_bytes())
            .into_iter()
            .map(|piece| {
                let piece = piece.expect("readable");
                piece.text[piece.context..piece.context + piece.length].to_string()
            })
            .collect()
    }

    #[test]
    fn documents_are_cut_at_dash_lines_but_not_at_the_first_line() {
        assert_eq!(
            documents("---\na: 1\n--- # b\nb: 2\n---\r\nc: 3"),
            ["---\na: 1\n", "--- # b\nb: 2\n", "---\r\nc: 3"]
        );
        assert_eq!(documents("a: ---\n----\n"), ["a: ---\n----\n"]);
        // An empty file is one empty piece, which holds no YAML document.
        assert_eq!(documents(""), [""]);
        assert_eq!(documents("a: 1\n---\n"), ["a: 1\n", "---\n"]);
        assert_eq!(
            documents("%YAML 1.2\n---\na: 1\n%YAML 1.2\n# next\n---\nb: 2\n%TAG ! x\nc: 3\n"),
            [
                "%YAML 1.2\n---\na: 1\n",
                "%YAML 1.2\n# next\n---\nb: 2\n%TAG ! x\nc: 3\n"
            ]
        );
    }

    #[test]
    fn each_piece_knows_where_it_is_and_keeps_the_lines_around_it() {
        let text = "a: 1\nb: 2\n---\nc: 3\n---\nd: 4\ne: 5\n";
        let all: Vec<Piece> = pieces(text.as_bytes()).into_iter().flatten().collect();
        assert_eq!(all.len(), 3);
        let middle = &all[1];
        assert_eq!(middle.text, "b: 2\n---\nc: 3\n---\nd: 4\n");
        assert_eq!(middle.offset, text.find("b:").unwrap_or(0));
        assert_eq!(middle.first_line, 1);
        assert_eq!(
            &middle.text[middle.context..][..middle.length],
            "---\nc: 3\n"
        );
        let first = &all[0];
        assert_eq!((first.offset, first.first_line, first.context), (0, 0, 0));
    }

    #[test]
    fn text_that_is_not_utf8_ends_the_file_at_its_document() {
        let text = b"a: 1\n---\nb: \xff\n---\nc: 3\n";
        let read = pieces(text);
        assert_eq!(read.len(), 2);
        assert!(read[0].is_ok());
        let offset = text.iter().position(|&b| b == 0xff);
        match &read[1] {
            Err(PieceError::NotUtf8 { offset: at }) => assert_eq!(Some(*at), offset),
            other => panic!("expected a UTF-8 error, got {other:?}"),
        }
    }
}
