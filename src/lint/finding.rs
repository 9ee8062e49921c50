//! What a lint reports: one variant per kind of finding, each with the
//! span it points at and help that proposes the fix. The severity comes
//! from the catalogue, raised to an error under `--deny-warnings`.

use std::fmt;

use miette::{Diagnostic, LabeledSpan, Severity, SourceSpan};
use thiserror::Error;

use super::catalogue::Lint;

#[derive(Clone, Debug, Error, Diagnostic)]
pub enum LintFinding {
    #[error("constant `{name}` is never used")]
    #[diagnostic(
        code("eligo::lint::unused-const"),
        help("remove it, or use it where it was meant to be used")
    )]
    UnusedConst {
        name: String,
        #[label("declared here, read nowhere")]
        span: SourceSpan,
    },

    #[error("type `{name}` is never used")]
    #[diagnostic(
        code("eligo::lint::unused-type"),
        help("remove it, or name it where the shape it describes is written out again")
    )]
    UnusedType {
        name: String,
        #[label("declared here, named nowhere")]
        span: SourceSpan,
    },

    #[error("table `{name}` is never called")]
    #[diagnostic(
        code("eligo::lint::unused-table"),
        help("remove it, or call it from the rule or value that needs it")
    )]
    UnusedTable {
        name: String,
        #[label("declared here, called nowhere")]
        span: SourceSpan,
    },

    #[error("{what} is never used")]
    #[diagnostic(code("eligo::lint::unused-import"))]
    UnusedImport {
        what: String,
        #[label("imported here")]
        span: SourceSpan,
        #[help]
        help: String,
    },

    #[error("no decision lists rule `{id}`")]
    #[diagnostic(
        code("eligo::lint::unused-rule"),
        help("list it in the `rules` of the decision it belongs to, or remove it")
    )]
    UnusedRule {
        id: String,
        #[label("never evaluated")]
        span: SourceSpan,
    },

    #[error("the outcome of `{decision}` does not depend on its rules")]
    #[diagnostic(
        code("eligo::lint::outcome-ignores-rules"),
        help("read `all rules pass` in the outcome if the rules should decide it; if they only explain it, say so with `@allow(outcome-ignores-rules, \"why\")`")
    )]
    OutcomeIgnoresRules {
        decision: String,
        #[label("decided without `all rules pass`")]
        span: SourceSpan,
    },

    #[error("rule `{id}` cites no source")]
    #[diagnostic(
        code("eligo::lint::missing-citation"),
        help("add `cite \"<document>\", \"<section>\"` naming the text the rule encodes")
    )]
    MissingCitation {
        id: String,
        #[label("no `cite`")]
        span: SourceSpan,
    },

    #[error("this `{clause}` is always {value}")]
    #[diagnostic(code("eligo::lint::constant-condition"))]
    ConstantCondition {
        clause: &'static str,
        value: bool,
        #[label("{value} whatever the input")]
        span: SourceSpan,
        #[help]
        help: String,
    },

    #[error("rows {first} and {second} of table `{table}` both match {example}")]
    #[diagnostic(code("eligo::lint::table-overlap"))]
    TableOverlap {
        table: String,
        first: usize,
        second: usize,
        example: String,
        #[label("row {second}")]
        span: SourceSpan,
        #[label("row {first}")]
        first_span: SourceSpan,
        #[help]
        help: String,
    },

    #[error("row {row} of table `{table}` can never match")]
    #[diagnostic(code("eligo::lint::table-shadowed-row"))]
    TableShadowedRow {
        table: String,
        row: usize,
        #[label("every input it matches is taken by {covering} first")]
        span: SourceSpan,
        covering: String,
        #[help]
        help: String,
    },

    #[error("table `{table}` has no row for {example}")]
    #[diagnostic(code("eligo::lint::table-gap"))]
    TableGap {
        table: String,
        example: String,
        #[label("no row matches {example}{more}")]
        span: SourceSpan,
        more: String,
        #[help]
        help: String,
    },

    #[error("`{text}` can never hold")]
    #[diagnostic(code("eligo::lint::impossible-comparison"))]
    ImpossibleComparison {
        text: String,
        #[label("{reason}")]
        span: SourceSpan,
        reason: String,
        #[help]
        help: String,
    },

    #[error("`{text}` always holds")]
    #[diagnostic(code("eligo::lint::redundant-comparison"))]
    RedundantComparison {
        text: String,
        #[label("{reason}")]
        span: SourceSpan,
        reason: String,
        #[help]
        help: String,
    },

    #[error("the failure message shows `{path}`, which rule `{rule}` does not look at")]
    #[diagnostic(
        code("eligo::lint::message-unread-field"),
        help("show what the rule checks, or make the rule check what its message shows")
    )]
    MessageUnreadField {
        path: String,
        rule: String,
        #[label("not read by the rule's `for`, `let`, `when` or `require`")]
        span: SourceSpan,
    },

    #[error("unknown lint `{name}`")]
    #[diagnostic(code("eligo::lint::unknown-lint"))]
    UnknownLint {
        name: String,
        #[label("no lint has this name")]
        span: SourceSpan,
        #[help]
        help: String,
    },

    #[error("`@allow` names no lint")]
    #[diagnostic(
        code("eligo::lint::unknown-lint"),
        help("name the lint to silence, then say why: `@allow(lint-name, \"why\")`")
    )]
    AllowNamesNoLint {
        #[label("no lint name")]
        span: SourceSpan,
    },

    #[error("`@allow({name})` gives no reason")]
    #[diagnostic(
        code("eligo::lint::allow-without-reason"),
        help("say why the finding is intended: `@allow({name}, \"why\")`")
    )]
    AllowWithoutReason {
        name: String,
        #[label("a reason is required")]
        span: SourceSpan,
    },

    #[error("`@allow({name})` silences nothing here")]
    #[diagnostic(
        code("eligo::lint::unused-allow"),
        help("remove it: `{name}` finds nothing in the item below")
    )]
    UnusedAllow {
        name: String,
        #[label("nothing to silence")]
        span: SourceSpan,
    },

    #[error("unknown annotation `@{name}`")]
    #[diagnostic(code("eligo::lint::unknown-annotation"))]
    UnknownAnnotation {
        name: String,
        #[label("not an annotation eligo knows")]
        span: SourceSpan,
        #[help]
        help: String,
    },
}

impl LintFinding {
    pub fn lint(&self) -> Lint {
        match self {
            LintFinding::UnusedConst { .. } => Lint::UnusedConst,
            LintFinding::UnusedType { .. } => Lint::UnusedType,
            LintFinding::UnusedTable { .. } => Lint::UnusedTable,
            LintFinding::UnusedImport { .. } => Lint::UnusedImport,
            LintFinding::UnusedRule { .. } => Lint::UnusedRule,
            LintFinding::OutcomeIgnoresRules { .. } => Lint::OutcomeIgnoresRules,
            LintFinding::MissingCitation { .. } => Lint::MissingCitation,
            LintFinding::ConstantCondition { .. } => Lint::ConstantCondition,
            LintFinding::TableOverlap { .. } => Lint::TableOverlap,
            LintFinding::TableShadowedRow { .. } => Lint::TableShadowedRow,
            LintFinding::TableGap { .. } => Lint::TableGap,
            LintFinding::ImpossibleComparison { .. } => Lint::ImpossibleComparison,
            LintFinding::RedundantComparison { .. } => Lint::RedundantComparison,
            LintFinding::MessageUnreadField { .. } => Lint::MessageUnreadField,
            LintFinding::UnknownLint { .. } | LintFinding::AllowNamesNoLint { .. } => {
                Lint::UnknownLint
            }
            LintFinding::AllowWithoutReason { .. } => Lint::AllowWithoutReason,
            LintFinding::UnusedAllow { .. } => Lint::UnusedAllow,
            LintFinding::UnknownAnnotation { .. } => Lint::UnknownAnnotation,
        }
    }
}

/// A finding as shown: its lint's severity, or an error when warnings are
/// denied.
#[derive(Debug)]
pub struct Reported {
    pub finding: LintFinding,
    pub severity: Severity,
}

impl fmt::Display for Reported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.finding, f)
    }
}

impl std::error::Error for Reported {}

impl Diagnostic for Reported {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.finding.code()
    }

    fn severity(&self) -> Option<Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.finding.help()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.finding.labels()
    }
}
