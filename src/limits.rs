//! The limits eligo puts on its input, and the diagnostic for input beyond
//! one of them.
//!
//! eligo reads files that anyone can commit, so every dimension of the input
//! that can make work or memory grow is bounded: bytes per file, documents
//! per file, nesting depth, list length, text length and digits per number.
//! Each limit has a default here, a command-line flag (`--max-…`) and a
//! diagnostic code `eligo::limit::<name>` that says how to raise it.

use std::fmt;

use miette::{Diagnostic, LabeledSpan, SourceSpan};

/// Every limit, with its default in [`Limits::default`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Bytes per policy file.
    pub policy_file_bytes: u64,
    /// Bytes per scenario file. Scenario files are read one document at a
    /// time, so this bounds the time a file takes, not the memory.
    pub scenario_file_bytes: u64,
    /// `---` documents per scenario file (again time, not memory).
    pub documents: usize,
    /// Sequences and mappings nested inside each other in YAML (alias
    /// expansions included).
    pub yaml_depth: usize,
    /// YAML nodes per scenario document, counting every node an alias
    /// expands to (an alias never reaches into another document).
    pub yaml_nodes: usize,
    /// Items in one YAML sequence.
    pub list_items: usize,
    /// Characters in one YAML scalar.
    pub text_chars: usize,
    /// Digits in one number, in YAML.
    pub number_digits: usize,
    /// Brackets nested inside each other in one policy item.
    pub policy_nesting: usize,
    /// Items (rules, constants, types, tables, decisions…) in one policy file.
    pub policy_items: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            policy_file_bytes: 8 << 20,
            scenario_file_bytes: 4 << 30,
            documents: 10_000_000,
            yaml_depth: 128,
            yaml_nodes: 1_000_000,
            list_items: 100_000,
            text_chars: 65_536,
            number_digits: 40,
            policy_nesting: 64,
            policy_items: 5_000,
        }
    }
}

/// Which limit an input went past.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    PolicyFileBytes,
    ScenarioFileBytes,
    Documents,
    YamlDepth,
    YamlNodes,
    ListItems,
    TextChars,
    NumberDigits,
    PolicyNesting,
    PolicyItems,
}

impl Limit {
    /// The name in the diagnostic code, `eligo::limit::<name>`.
    pub fn name(self) -> &'static str {
        match self {
            Limit::PolicyFileBytes => "policy_file_bytes",
            Limit::ScenarioFileBytes => "scenario_file_bytes",
            Limit::Documents => "documents",
            Limit::YamlDepth => "yaml_depth",
            Limit::YamlNodes => "yaml_nodes",
            Limit::ListItems => "list_items",
            Limit::TextChars => "text_chars",
            Limit::NumberDigits => "number_digits",
            Limit::PolicyNesting => "policy_nesting",
            Limit::PolicyItems => "policy_items",
        }
    }

    /// The command-line flag that raises it.
    pub fn flag(self) -> &'static str {
        match self {
            Limit::PolicyFileBytes => "--max-policy-bytes",
            Limit::ScenarioFileBytes => "--max-scenario-bytes",
            Limit::Documents => "--max-documents",
            Limit::YamlDepth => "--max-yaml-depth",
            Limit::YamlNodes => "--max-yaml-nodes",
            Limit::ListItems => "--max-list-items",
            Limit::TextChars => "--max-text-chars",
            Limit::NumberDigits => "--max-digits",
            Limit::PolicyNesting => "--max-policy-nesting",
            Limit::PolicyItems => "--max-policy-items",
        }
    }

    /// What the limit counts, in a sentence: "more than 128 …".
    fn unit(self) -> &'static str {
        match self {
            Limit::PolicyFileBytes | Limit::ScenarioFileBytes => "bytes",
            Limit::Documents => "documents",
            Limit::YamlDepth => "levels of nesting",
            Limit::YamlNodes => "yaml nodes (counting expanded aliases)",
            Limit::ListItems => "items in one list",
            Limit::TextChars => "characters in one value",
            Limit::NumberDigits => "digits in one number",
            Limit::PolicyNesting => "levels of brackets",
            Limit::PolicyItems => "items in one policy file",
        }
    }

    /// What usually fixes input past this limit, before raising it.
    fn advice(self) -> Option<&'static str> {
        match self {
            Limit::PolicyNesting => {
                Some("split the expression with `let` bindings, constants or values")
            }
            Limit::YamlDepth => {
                Some("scenario input is rarely this deeply nested; check the brackets")
            }
            Limit::YamlNodes => {
                Some("aliases may expand to this many values; write them out or use fewer aliases")
            }
            Limit::PolicyItems => Some("split the module into several files"),
            _ => None,
        }
    }

    /// The limit's value in `limits`.
    pub fn value(self, limits: &Limits) -> u64 {
        let size = |n: usize| n as u64;
        match self {
            Limit::PolicyFileBytes => limits.policy_file_bytes,
            Limit::ScenarioFileBytes => limits.scenario_file_bytes,
            Limit::Documents => size(limits.documents),
            Limit::YamlDepth => size(limits.yaml_depth),
            Limit::YamlNodes => size(limits.yaml_nodes),
            Limit::ListItems => size(limits.list_items),
            Limit::TextChars => size(limits.text_chars),
            Limit::NumberDigits => size(limits.number_digits),
            Limit::PolicyNesting => size(limits.policy_nesting),
            Limit::PolicyItems => size(limits.policy_items),
        }
    }
}

/// Input beyond a limit. It points at the place where the limit was passed
/// when there is one (a whole file too large has none).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LimitError {
    pub limit: Limit,
    /// The limit's value when it was passed.
    pub max: u64,
    /// What went past it, such as "`big.yaml` has 70000000 bytes".
    pub subject: String,
    pub span: Option<SourceSpan>,
}

impl LimitError {
    pub fn new(limit: Limit, max: u64, subject: impl Into<String>) -> LimitError {
        LimitError {
            limit,
            max,
            subject: subject.into(),
            span: None,
        }
    }

    pub fn at(mut self, span: impl Into<SourceSpan>) -> LimitError {
        self.span = Some(span.into());
        self
    }
}

impl fmt::Display for LimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, more than the limit of {} {}",
            self.subject,
            self.max,
            self.limit.unit()
        )
    }
}

impl std::error::Error for LimitError {}

impl Diagnostic for LimitError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(format!("eligo::limit::{}", self.limit.name())))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let raise = format!(
            "if the input is meant to be this large, raise the limit with `{} N`",
            self.limit.flag()
        );
        Some(Box::new(match self.limit.advice() {
            Some(advice) => format!("{advice}; {raise}"),
            None => raise,
        }))
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span?;
        let label = LabeledSpan::new_with_span(Some("past the limit here".into()), span);
        Some(Box::new(std::iter::once(label)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_diagnostic_names_the_limit_and_the_flag_that_raises_it() {
        let error =
            LimitError::new(Limit::YamlDepth, 128, "`input` is nested 129 levels deep").at((10, 1));
        assert_eq!(
            error.to_string(),
            "`input` is nested 129 levels deep, more than the limit of 128 levels of nesting"
        );
        assert_eq!(
            error.code().map(|c| c.to_string()).as_deref(),
            Some("eligo::limit::yaml_depth")
        );
        let help = error.help().map(|h| h.to_string()).unwrap_or_default();
        assert!(help.contains("`--max-yaml-depth N`"), "{help}");
    }

    #[test]
    fn every_limit_has_its_own_name_and_flag() {
        let all = [
            Limit::PolicyFileBytes,
            Limit::ScenarioFileBytes,
            Limit::Documents,
            Limit::YamlDepth,
            Limit::YamlNodes,
            Limit::ListItems,
            Limit::TextChars,
            Limit::NumberDigits,
            Limit::PolicyNesting,
            Limit::PolicyItems,
        ];
        let mut names: Vec<_> = all.iter().map(|l| l.name()).collect();
        let mut flags: Vec<_> = all.iter().map(|l| l.flag()).collect();
        names.sort_unstable();
        names.dedup();
        flags.sort_unstable();
        flags.dedup();
        assert_eq!((names.len(), flags.len()), (all.len(), all.len()));
        let defaults = Limits::default();
        assert!(all.iter().all(|l| l.value(&defaults) > 0));
    }
}
