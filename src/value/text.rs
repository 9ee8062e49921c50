//! Text as the language sees it: characters are counted and compared after
//! Unicode NFC normalisation, so a name typed with a composed `ガ` and one
//! typed with `カ` and a combining mark are the same length and equal.
//! ASCII and text already in NFC (the common case) take a path that
//! allocates nothing.

use std::cmp::Ordering;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

fn already_nfc(text: &str) -> bool {
    text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes
}

/// The number of characters of the NFC form.
pub fn char_count(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else if already_nfc(text) {
        text.chars().count()
    } else {
        text.nfc().count()
    }
}

/// Equality of the NFC forms.
pub fn equal(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if already_nfc(a) && already_nfc(b) {
        return false;
    }
    a.nfc().eq(b.nfc())
}

/// Order of the NFC forms, character by character.
pub fn order(a: &str, b: &str) -> Ordering {
    if already_nfc(a) && already_nfc(b) {
        a.cmp(b)
    } else {
        a.nfc().cmp(b.nfc())
    }
}

/// The NFC form, borrowed when the text is already normalised.
pub fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    if already_nfc(text) {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(text.nfc().collect())
    }
}

/// `substring(text, start, length)`: characters of the NFC form, `start`
/// counted from 1, or from the end when negative (`-1` is the last
/// character). A range reaching past either end is cut to the text.
pub fn substring(text: &str, start: i64, length: Option<i64>) -> String {
    let normal = nfc(text);
    let count = char_count(&normal) as i64;
    let first = if start > 0 {
        start - 1
    } else if start < 0 {
        (count + start).max(0)
    } else {
        0
    };
    let take = match length {
        Some(length) => length.max(0),
        None => count,
    };
    normal
        .chars()
        .skip(first.clamp(0, count) as usize)
        .take(take.clamp(0, count) as usize)
        .collect()
}

/// The part before the first occurrence of `part`, or empty text.
pub fn before<'t>(text: &'t str, part: &str) -> &'t str {
    text.find(part).map(|at| &text[..at]).unwrap_or("")
}

/// The part after the first occurrence of `part`, or empty text.
pub fn after<'t>(text: &'t str, part: &str) -> &'t str {
    text.find(part)
        .map(|at| &text[at + part.len()..])
        .unwrap_or("")
}
