//! YAML tags: which ones eligo honours, and what a tagged scalar must look
//! like. The core schema's types are honoured (`!!str`, `!!int`,
//! `!!float`, `!!bool`, `!!null` on scalars, `!!seq` and `!!map` on
//! collections), as is the non-specific `!` (a string). Every other tag
//! would ask for a meaning eligo does not give (`!!binary`,
//! `!!python/object:…`, an application's `!foo`), so it is refused rather
//! than read as if it were not there.

use saphyr_parser::Tag;

use super::yaml::{CoreTag, ScalarStyle};

const CORE: &str = "tag:yaml.org,2002:";

/// The tag's name within the core schema (`int` for `!!int`), if it is one.
fn core_name(tag: &Tag) -> Option<&str> {
    if tag.handle == CORE {
        return Some(&tag.suffix);
    }
    // A verbatim tag, `!<tag:yaml.org,2002:int>`.
    tag.suffix
        .strip_prefix(CORE)
        .filter(|_| tag.handle.is_empty())
}

fn non_specific(tag: &Tag) -> bool {
    (tag.handle == "!" && tag.suffix.is_empty()) || (tag.handle.is_empty() && tag.suffix == "!")
}

fn unsupported(shown: &str) -> String {
    format!("the tag `{shown}` is not supported: eligo reads only the yaml core schema's types")
}

/// How a scalar tagged `tag` (written `shown`) is read: the text must be
/// what the tag says it is.
pub fn scalar(tag: &Tag, shown: &str, text: &str, quoted: bool) -> Result<ScalarStyle, String> {
    if non_specific(tag) {
        return Ok(ScalarStyle::Quoted);
    }
    let core = match core_name(tag) {
        Some("str") => return Ok(ScalarStyle::Quoted),
        Some("int") => CoreTag::Int,
        Some("float") => CoreTag::Float,
        Some("bool") => CoreTag::Bool,
        Some("null") => CoreTag::Null,
        Some("seq" | "map") => {
            return Err(format!(
                "the tag `{shown}` is for a collection, not a single value"
            ))
        }
        _ => return Err(unsupported(shown)),
    };
    let fits = match core {
        CoreTag::Int => is_int(text),
        CoreTag::Float => is_float(text),
        CoreTag::Bool => matches!(text, "true" | "True" | "TRUE" | "false" | "False" | "FALSE"),
        CoreTag::Null => matches!(text, "" | "~" | "null" | "Null" | "NULL"),
    };
    if !fits {
        let what = match core {
            CoreTag::Int => "a whole number",
            CoreTag::Float => "a number",
            CoreTag::Bool => "true or false",
            CoreTag::Null => "null",
        };
        let text = if quoted {
            format!("\"{text}\"")
        } else {
            text.to_string()
        };
        return Err(format!("`{text}` is not {what}, as its tag `{shown}` says"));
    }
    Ok(ScalarStyle::Tagged(core))
}

/// Refuses any tag on a sequence or mapping but its own core-schema tag
/// (`kind` is `seq` or `map`).
pub fn collection(tag: &Tag, shown: &str, kind: &str) -> Result<(), String> {
    match core_name(tag) {
        Some(name) if name == kind => Ok(()),
        Some("seq" | "map" | "str" | "int" | "float" | "bool" | "null") => {
            let what = if kind == "seq" { "a list" } else { "a mapping" };
            Err(format!("the tag `{shown}` does not fit {what}"))
        }
        _ => Err(unsupported(shown)),
    }
}

/// A whole number as eligo reads one: decimal digits, with a sign.
fn is_int(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// A number with an optional fraction and exponent (`-12.5`, `1e3`).
fn is_float(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (body, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok =
        !(whole.is_empty() && fraction.is_empty()) && digits(whole) && digits(fraction);
    let exponent_ok = exponent.is_none_or(is_int);
    mantissa_ok && exponent_ok
}

/// How many digits a scalar holds if it is a number, or an amount of money
/// (`"12.50 USD"`); 0 for any other text.
pub fn number_digits(text: &str) -> usize {
    let number = match text.rsplit_once(' ') {
        Some((amount, code)) if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) => {
            amount
        }
        _ => text,
    };
    if is_float(number) {
        number.bytes().filter(u8::is_ascii_digit).count()
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn core(suffix: &str) -> Tag {
        Tag {
            handle: CORE.into(),
            suffix: suffix.into(),
        }
    }

    #[test]
    fn core_scalar_tags_are_honoured_when_the_text_fits() {
        assert_eq!(
            scalar(&core("int"), "!!int", "-42", false),
            Ok(ScalarStyle::Tagged(CoreTag::Int))
        );
        assert_eq!(
            scalar(&core("float"), "!!float", "1.5e3", false),
            Ok(ScalarStyle::Tagged(CoreTag::Float))
        );
        assert_eq!(
            scalar(&core("bool"), "!!bool", "true", false),
            Ok(ScalarStyle::Tagged(CoreTag::Bool))
        );
        assert_eq!(
            scalar(&core("null"), "!!null", "", false),
            Ok(ScalarStyle::Tagged(CoreTag::Null))
        );
        assert_eq!(
            scalar(&core("str"), "!!str", "10", false),
            Ok(ScalarStyle::Quoted)
        );
    }

    #[test]
    fn a_core_tag_the_text_does_not_fit_is_refused() {
        let error = scalar(&core("int"), "!!int", "10.00 USD", true).expect_err("not an int");
        assert_eq!(
            error,
            "`\"10.00 USD\"` is not a whole number, as its tag `!!int` says"
        );
        assert!(scalar(&core("bool"), "!!bool", "yes", false).is_err());
        assert!(scalar(&core("float"), "!!float", "1.2.3", false).is_err());
    }

    #[test]
    fn tags_outside_the_core_schema_are_refused() {
        let python = core("python/object:os.system");
        let error = scalar(&python, "!!python/object:os.system", "x", false).expect_err("refused");
        assert!(
            error.starts_with("the tag `!!python/object:os.system` is not supported"),
            "{error}"
        );
        let local = Tag {
            handle: "!".into(),
            suffix: "foo".into(),
        };
        assert!(scalar(&local, "!foo", "x", false).is_err());
        assert!(scalar(&core("binary"), "!!binary", "AAAA", false).is_err());
        assert!(collection(&local, "!foo", "map").is_err());
    }

    #[test]
    fn collection_tags_must_match_the_collection() {
        assert_eq!(collection(&core("seq"), "!!seq", "seq"), Ok(()));
        assert_eq!(collection(&core("map"), "!!map", "map"), Ok(()));
        assert!(collection(&core("seq"), "!!seq", "map").is_err());
        assert!(scalar(&core("map"), "!!map", "x", false).is_err());
    }

    #[test]
    fn digits_are_counted_in_numbers_and_amounts_only() {
        assert_eq!(number_digits("-1234.50"), 6);
        assert_eq!(number_digits("12.50 USD"), 4);
        assert_eq!(number_digits("1e10"), 3);
        assert_eq!(number_digits("CP-1234"), 0);
        assert_eq!(number_digits("2026-05-01"), 0);
    }
}
