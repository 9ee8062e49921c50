//! Formatting keeps meaning and is stable, over generated policies.
//!
//! The generators build random items and expressions, then write them with
//! a random layout: extra brackets, line breaks, blank lines, end-of-line
//! and own-line comments wherever the language allows them. Each generated
//! text must parse; formatting it must give a text that parses to the same
//! AST (spans aside), keeps every comment in order, and formats to itself.

mod fmt_generator;

use fmt_generator::{expr, file, write_expr, write_file, Layout};
use proptest::prelude::*;

fn comments(text: &str) -> Vec<&str> {
    eligo::syntax::comments(text)
        .into_iter()
        .map(|span| &text[span.start..span.end])
        .collect()
}

fn assert_formats_faithfully(text: &str) -> Result<(), TestCaseError> {
    let (original, errors) = eligo::syntax::parse_file(text);
    prop_assert!(
        errors.is_empty(),
        "the generator wrote a policy that does not parse:\n{text}\n{errors:?}"
    );
    let once = match eligo::fmt::format_source(text) {
        Ok(out) => out,
        Err(failure) => return Err(TestCaseError::fail(format!("{failure:?} for:\n{text}"))),
    };
    let (formatted, errors) = eligo::syntax::parse_file(&once);
    prop_assert!(errors.is_empty(), "formatted text does not parse:\n{once}");
    prop_assert_eq!(
        eligo::fmt::shape(&original),
        eligo::fmt::shape(&formatted),
        "meaning changed:\n{}\n---\n{}",
        text,
        once
    );
    prop_assert_eq!(
        comments(text),
        comments(&once),
        "comments changed:\n{}\n---\n{}",
        text,
        once
    );
    let twice =
        eligo::fmt::format_source(&once).map_err(|f| TestCaseError::fail(format!("{f:?}")))?;
    prop_assert_eq!(&once, &twice, "not stable:\n{}", text);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn expressions_keep_their_meaning_and_format_stably(e in expr(), bytes in prop::collection::vec(any::<u8>(), 32)) {
        let mut layout = Layout { bytes, at: 0 };
        let mut text = String::from("module generated\n\nconst X: int =");
        text.push_str(layout.gap(true));
        write_expr(&e, &mut layout, true, &mut text);
        text.push('\n');
        assert_formats_faithfully(&text)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn files_keep_their_meaning_and_comments_and_format_stably((items, bytes) in file()) {
        let text = write_file(&items, bytes);
        assert_formats_faithfully(&text)?;
    }
}
