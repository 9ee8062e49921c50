//! What a parsed file means, without where it was written: the AST with
//! every span left out. Formatting must not change it.

use crate::syntax::ast::File;

/// The AST of `file` as text, spans removed, so that two files that say the
/// same thing in different layouts give the same shape.
pub fn shape(file: &File) -> String {
    shape_of(file)
}

/// Any part of an AST as text, spans removed: two rules, conditions or
/// table rows that say the same thing give the same shape.
pub fn shape_of(node: &impl std::fmt::Debug) -> String {
    without_spans(&format!("{node:?}"))
}

fn without_spans(debug: &str) -> String {
    const OPEN: &str = "Span { start: ";
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        out.push_str("Span");
        let after = &rest[at..];
        rest = match after.find('}') {
            Some(close) => &after[close + 1..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse_file;

    #[test]
    fn layout_does_not_change_the_shape() {
        let (a, _) = parse_file("module m\nconst X: int = 1 + 2\n");
        let (b, _) = parse_file("module m\n\nconst X: int =\n  1\n    + (2)\n");
        assert_eq!(shape(&a), shape(&b));
    }

    #[test]
    fn grouping_changes_the_shape() {
        let (a, _) = parse_file("module m\nconst X: int = 1 - 2 - 3\n");
        let (b, _) = parse_file("module m\nconst X: int = 1 - (2 - 3)\n");
        assert_ne!(shape(&a), shape(&b));
    }
}
