//! Where the comments of a policy file are.
//!
//! The grammar skips comments, so the AST does not have them; the formatter
//! needs them back to keep them in place. A scanner that only looks at the
//! text cannot tell where strings end (a title may hold `{` as plain text,
//! while a message's `{…}` may hold a nested string with `//` in it), but the
//! parser can: outside the strings and table rows it finds, a `//` starts a
//! comment.

use pest::iterators::Pair;
use pest::Parser;

use super::ast::Span;
use super::chunks;
use super::grammar::{PolicyParser, Rule};

/// The byte ranges of the comments of `source` (from `//` to the end of the
/// line, without the line break), in order. Items that do not parse are
/// skipped: their comments cannot be told from their broken code.
pub fn comments(source: &str) -> Vec<Span> {
    let mut found = Vec::new();
    for (start, end) in chunks::split_items(source) {
        let text = &source[start..end];
        let Ok(pairs) = PolicyParser::parse(Rule::chunk, text) else {
            continue;
        };
        let mut covered = Vec::new();
        for pair in pairs {
            covered_ranges(pair, &mut covered);
        }
        covered.sort_unstable();
        let mut cursor = 0;
        for (from, to) in covered {
            if from > cursor {
                comments_in_gap(text, cursor, from, start, &mut found);
            }
            cursor = cursor.max(to);
        }
        comments_in_gap(text, cursor, text.len(), start, &mut found);
    }
    found
}

/// The ranges of the strings and table rows below `pair`: the only tokens
/// that may hold `//` as text. Every other token is a keyword, a name, a
/// number or an operator, none of which contains `//`.
fn covered_ranges(pair: Pair<'_, Rule>, out: &mut Vec<(usize, usize)>) {
    match pair.as_rule() {
        Rule::plain_string | Rule::template | Rule::table_row => {
            let span = pair.as_span();
            out.push((span.start(), span.end()));
        }
        _ => {
            for child in pair.into_inner() {
                covered_ranges(child, out);
            }
        }
    }
}

/// Comments in `text[from..to]`, a stretch outside strings and table rows,
/// where any `//` starts a comment.
fn comments_in_gap(text: &str, from: usize, to: usize, base: usize, out: &mut Vec<Span>) {
    let mut at = from;
    while at < to {
        let Some(offset) = text[at..to].find("//") else {
            return;
        };
        let start = at + offset;
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let end = start + text[start..line_end].trim_end().len();
        out.push(Span::new(base + start, base + end));
        at = line_end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(source: &str) -> Vec<&str> {
        comments(source)
            .into_iter()
            .map(|span| &source[span.start..span.end])
            .collect()
    }

    #[test]
    fn own_line_trailing_and_doc_comments_are_found() {
        let source = "/// doc\nmodule a // the module\n\n// own line\nconst X: int = 1 // one\n";
        assert_eq!(
            texts(source),
            vec!["/// doc", "// the module", "// own line", "// one"]
        );
    }

    #[test]
    fn slashes_inside_strings_are_not_comments() {
        let source = "module a\nrule R-1 \"see http://x {\" cite \"a//b\"\n  require true\n  else \"{f(\"http://y\")} // not\" // yes\n";
        assert_eq!(texts(source), vec!["// yes"]);
    }

    #[test]
    fn comments_inside_empty_brackets_are_found() {
        let source = "module a\nconst X: set<int> = { // none yet\n}\n";
        assert_eq!(texts(source), vec!["// none yet"]);
    }

    #[test]
    fn comments_between_table_rows_are_found() {
        let source =
            "module a\ntable t(x: int) -> int\n  hit first\n  // first row\n  | 1 | 2 | // after\n";
        assert_eq!(texts(source), vec!["// first row", "// after"]);
    }
}
