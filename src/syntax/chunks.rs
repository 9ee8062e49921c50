//! Cutting a policy file into items before parsing.
//!
//! Every item starts at column 0 with its keyword, so a file can be cut into
//! items by looking at line starts alone. Parsing each piece on its own lets
//! the checker report a syntax error in every broken item, not only the first.

/// Keywords that open an item when they stand at the start of a line.
pub const ITEM_KEYWORDS: [&str; 9] = [
    "module", "import", "const", "type", "enum", "table", "fn", "rule", "decision",
];

/// Byte ranges of the items of `source`, in order, covering the whole file.
/// Doc comments and annotations directly above an item belong to it.
pub fn split_items(source: &str) -> Vec<(usize, usize)> {
    let mut starts = vec![0];
    // Where the run of doc comments and annotations above the current line began.
    let mut preamble_start: Option<usize> = None;
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let is_preamble = line.starts_with("///") || line.starts_with('@');
        if opens_item(line) {
            let start = preamble_start.unwrap_or(offset);
            if start != 0 && starts.last() != Some(&start) {
                starts.push(start);
            }
            preamble_start = None;
        } else if is_preamble {
            preamble_start.get_or_insert(offset);
        } else if !line.trim().is_empty() {
            preamble_start = None;
        }
        offset += line.len();
    }
    let mut ranges = Vec::with_capacity(starts.len());
    for (index, &start) in starts.iter().enumerate() {
        let end = starts.get(index + 1).copied().unwrap_or(source.len());
        ranges.push((start, end));
    }
    ranges
}

fn opens_item(line: &str) -> bool {
    ITEM_KEYWORDS.iter().any(|keyword| {
        line.strip_prefix(keyword)
            .is_some_and(|rest| rest.starts_with([' ', '\t', '\n', '\r']) || rest.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(source: &str) -> Vec<&str> {
        split_items(source)
            .into_iter()
            .map(|(start, end)| &source[start..end])
            .collect()
    }

    #[test]
    fn each_item_keyword_at_column_zero_starts_a_piece() {
        let source = "module a\n\nconst X: int = 1\nrule R-1 \"t\"\n  require true\n";
        assert_eq!(
            pieces(source),
            vec![
                "module a\n\n",
                "const X: int = 1\n",
                "rule R-1 \"t\"\n  require true\n"
            ]
        );
    }

    #[test]
    fn doc_comments_and_annotations_travel_with_the_item_below() {
        let source = "module a\n/// doc\n@allow(x)\nrule R-1 \"t\" require true\n";
        assert_eq!(
            pieces(source),
            vec![
                "module a\n",
                "/// doc\n@allow(x)\nrule R-1 \"t\" require true\n"
            ]
        );
    }

    #[test]
    fn indented_keywords_do_not_start_a_piece() {
        let source = "decision d \"t\"\n  rules R-1\n  value x: int = 1\n";
        assert_eq!(pieces(source), vec![source]);
    }

    #[test]
    fn a_word_that_merely_begins_with_a_keyword_does_not_start_a_piece() {
        let source = "module a\nruleset\n";
        assert_eq!(pieces(source), vec![source]);
    }
}
