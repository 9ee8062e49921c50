//! Errors the checker finds in policies that parse: unknown names, type
//! mismatches, misuse of optional values, and structural mistakes.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

#[derive(Clone, Debug, Error, Diagnostic)]
pub enum CheckError {
    #[error("unknown name `{name}`")]
    #[diagnostic(code(eligo::check::unknown_name))]
    UnknownName {
        name: String,
        #[label("not a local, value, constant or symbol known here")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("unknown type `{name}`")]
    #[diagnostic(code(eligo::check::unknown_type))]
    UnknownType {
        name: String,
        #[label("no type of this name is declared or imported")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{ty}` has no field `{field}`")]
    #[diagnostic(code(eligo::check::unknown_field))]
    UnknownField {
        field: String,
        ty: String,
        #[label("unknown field")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{symbol}` is not one of `{ty}`")]
    #[diagnostic(code(eligo::check::unknown_symbol))]
    UnknownSymbol {
        symbol: String,
        ty: String,
        #[label("not a member")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("expected `{expected}`, found `{found}`")]
    #[diagnostic(code(eligo::check::type_mismatch))]
    TypeMismatch {
        expected: String,
        found: String,
        #[label("this is `{found}`")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("cannot apply `{op}` to `{left}` and `{right}`")]
    #[diagnostic(code(eligo::check::bad_operands))]
    BadOperands {
        op: String,
        left: String,
        right: String,
        #[label("here")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("cannot combine `{left}` with `{right}`")]
    #[diagnostic(
        code(eligo::check::currency_mismatch),
        help("amounts in different currencies are never converted; compare or add amounts of one currency")
    )]
    CurrencyMismatch {
        left: String,
        right: String,
        #[label("two currencies meet here")]
        span: SourceSpan,
    },

    #[error("`{what}` may be absent")]
    #[diagnostic(
        code(eligo::check::optional_used),
        help("test it first (`{what} is present and …`), or give a default with `{what} ?? …`")
    )]
    OptionalUsed {
        what: String,
        #[label("optional value used as if it were always there")]
        span: SourceSpan,
    },

    #[error("`{name}` is declared twice")]
    #[diagnostic(code(eligo::check::duplicate))]
    Duplicate {
        name: String,
        #[label("second declaration")]
        span: SourceSpan,
        #[label("first declaration")]
        first: Option<SourceSpan>,
        #[help]
        help: Option<String>,
    },

    #[error("unknown module `{name}`")]
    #[diagnostic(code(eligo::check::unknown_module))]
    UnknownModule {
        name: String,
        #[label("no policy file declares this module")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("module `{module}` declares no `{name}`")]
    #[diagnostic(code(eligo::check::unknown_import))]
    UnknownImport {
        module: String,
        name: String,
        #[label("not declared there")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{name}` is imported from both `{first}` and `{second}`")]
    #[diagnostic(
        code(eligo::check::ambiguous_name),
        help("import the name from one module only: `import {first}.{{{name}}}`")
    )]
    AmbiguousName {
        name: String,
        first: String,
        second: String,
        #[label("which one?")]
        span: SourceSpan,
    },

    #[error("unknown rule `{id}`")]
    #[diagnostic(code(eligo::check::unknown_rule))]
    UnknownRule {
        id: String,
        #[label("no rule has this ID")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{what}` is only available inside a decision")]
    #[diagnostic(code(eligo::check::outside_decision))]
    OutsideDecision {
        what: String,
        #[label("used here")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{name}` depends on itself")]
    #[diagnostic(
        code(eligo::check::cycle),
        help("policies cannot be recursive; break the cycle so evaluation always terminates")
    )]
    Cycle {
        name: String,
        #[label("part of a cycle")]
        span: SourceSpan,
    },

    #[error("unknown function `{name}`")]
    #[diagnostic(code(eligo::check::unknown_function))]
    UnknownFunction {
        name: String,
        #[label("not a built-in function or table")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("`{name}` takes {expected}, found {found}")]
    #[diagnostic(code(eligo::check::argument_count))]
    ArgumentCount {
        name: String,
        expected: String,
        found: usize,
        #[label("here")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("this `match` does not cover {missing}")]
    #[diagnostic(
        code(eligo::check::non_exhaustive_match),
        help("add an arm for each missing symbol, or a final `_ => …` arm")
    )]
    NonExhaustiveMatch {
        missing: String,
        #[label("incomplete match")]
        span: SourceSpan,
    },

    #[error("`{text}` is not a valid {kind}")]
    #[diagnostic(code(eligo::check::bad_literal))]
    BadLiteral {
        text: String,
        kind: String,
        #[label("{reason}")]
        span: SourceSpan,
        reason: String,
    },

    #[error("the value `{name}` is only computed on some outcomes, so rules cannot read it")]
    #[diagnostic(
        code(eligo::check::gated_value),
        help("compute what the rule needs in a value without `on`, or with a `let` in the rule")
    )]
    GatedValue {
        name: String,
        #[label("read here")]
        span: SourceSpan,
    },

    #[error("decision `{name}` declares no input")]
    #[diagnostic(
        code(eligo::check::missing_input),
        help("add `input <Type>` naming the record type that scenarios fill in")
    )]
    MissingInput {
        name: String,
        #[label("this decision")]
        span: SourceSpan,
    },

    #[error("a decision without an `outcome` clause needs the outcomes `allow` and `deny`")]
    #[diagnostic(
        code(eligo::check::default_outcome),
        help("add `outcome <expression>` choosing among the declared outcomes")
    )]
    DefaultOutcome {
        #[label("declared outcomes")]
        span: SourceSpan,
    },

    #[error("cannot tell which enumeration these symbols belong to")]
    #[diagnostic(
        code(eligo::check::untyped_symbols),
        help("compare them with a typed value, or declare the constant's type, such as `set<Country>`")
    )]
    UntypedSymbols {
        #[label("bare symbols with nothing to type them")]
        span: SourceSpan,
    },

    #[error("unknown rounding mode `{name}`")]
    #[diagnostic(code(eligo::check::rounding_mode))]
    RoundingMode {
        name: String,
        #[label("not a rounding mode")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("function `{name}` calls itself{through}")]
    #[diagnostic(
        code(eligo::check::recursive_function),
        help("functions may not call themselves, directly or through others, so that evaluation always ends; compute the value without the call")
    )]
    RecursiveFunction {
        name: String,
        through: String,
        #[label("this call closes the cycle")]
        span: SourceSpan,
    },

    #[error("table `{table}`: {message}")]
    #[diagnostic(code(eligo::check::hit_policy))]
    HitPolicy {
        table: String,
        message: String,
        #[label("this table")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("invalid pattern: {message}")]
    #[diagnostic(code(eligo::check::invalid_pattern))]
    InvalidPattern {
        message: String,
        #[label("{label}")]
        span: SourceSpan,
        label: String,
        #[help]
        help: Option<String>,
    },

    #[error("{message}")]
    #[diagnostic(code(eligo::check::invalid))]
    Invalid {
        message: String,
        #[label("here")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("constant `{name}` cannot be computed: {reason}")]
    #[diagnostic(code(eligo::check::constant_failed))]
    ConstantFailed {
        name: String,
        reason: String,
        #[label("while computing this")]
        span: SourceSpan,
    },
}
