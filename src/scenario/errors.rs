//! Errors in scenario files: YAML that does not parse, documents that do not
//! have the scenario shape, and input that does not fit the decision's
//! schema. Each names the field path and points at the YAML text.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

#[derive(Clone, Debug, Error, Diagnostic, PartialEq, Eq)]
pub enum InputError {
    #[error("invalid YAML: {message}")]
    #[diagnostic(code(eligo::input::yaml))]
    Yaml {
        message: String,
        #[label("here")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("{message}")]
    #[diagnostic(
        code(eligo::input::tag),
        help("remove the tag, or use one of `!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!seq`, `!!map` where it fits the value")
    )]
    Tag {
        message: String,
        #[label("this tag")]
        span: SourceSpan,
    },

    #[error("a scenario document must be a mapping with `decision` and `input`")]
    #[diagnostic(
        code(eligo::input::not_a_scenario),
        help("write `decision: <name>` and `input:` with the facts, as key: value pairs")
    )]
    NotAScenario {
        #[label("this document")]
        span: SourceSpan,
    },

    #[error("unknown field `{field}` in `{path}`")]
    #[diagnostic(code(eligo::input::unknown_field))]
    UnknownField {
        path: String,
        field: String,
        #[label("not part of the schema")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{path}` is missing required field `{field}`")]
    #[diagnostic(code(eligo::input::missing_field))]
    MissingField {
        path: String,
        field: String,
        #[label("`{field}` belongs in here")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{path}` should be {expected}, found {found}")]
    #[diagnostic(code(eligo::input::wrong_type))]
    WrongType {
        path: String,
        expected: String,
        found: String,
        #[label("expected {expected}")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{symbol}` is not a valid `{path}`")]
    #[diagnostic(code(eligo::input::unknown_symbol))]
    UnknownSymbol {
        path: String,
        symbol: String,
        #[label("not one of the allowed values")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{text}` is not a valid {expected} for `{path}`: {reason}")]
    #[diagnostic(code(eligo::input::bad_value))]
    BadValue {
        path: String,
        text: String,
        expected: String,
        reason: String,
        #[label("{reason}")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("unknown decision `{name}`")]
    #[diagnostic(code(eligo::input::unknown_decision))]
    UnknownDecision {
        name: String,
        #[label("no policy declares this decision")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("decision `{decision}` depends on the time, but the scenario has no `as_of`")]
    #[diagnostic(
        code(eligo::input::missing_as_of),
        help(
            "add `as_of: 2026-05-01T09:00:00Z` (RFC 3339, UTC) saying when the decision is taken"
        )
    )]
    MissingAsOf {
        decision: String,
        #[label("this scenario")]
        span: SourceSpan,
    },
}
