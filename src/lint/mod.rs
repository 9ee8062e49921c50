//! Lints: what is legal but most likely a mistake, found after a successful
//! check, over the parsed files and the compiled `PolicySet`. Linting never
//! changes what is evaluated. Each lint has a stable kebab-case name
//! (`catalogue.rs`), and `@allow(lint-name, "why")` above an item silences
//! it there (`allow.rs`). `docs/lints.md` describes every lint.

mod allow;
mod catalogue;
mod citation;
mod comparison;
mod constant;
mod finding;
mod message;
mod outcome;
mod table_space;
mod tables;
mod unused;
pub(crate) mod walk;

pub use catalogue::Lint;
pub use finding::LintFinding;

use std::collections::BTreeMap;

use miette::Severity;

use crate::diagnostic::FileDiagnostic;
use crate::plan::PolicySet;
use crate::syntax::ast;

pub struct LintOptions {
    /// Report warnings as errors.
    pub deny_warnings: bool,
}

/// Every lint finding of a checked policy set, sorted by file and position.
pub fn lint(set: &PolicySet, options: &LintOptions) -> Vec<FileDiagnostic> {
    let context = Context::new(set);
    let mut found = Vec::new();
    unused::check(&context, &mut found);
    citation::check(&context, &mut found);
    message::check(&context, &mut found);
    outcome::check(&context, &mut found);
    constant::check(&context, &mut found);
    comparison::check(&context, &mut found);
    tables::check(&context, &mut found);
    let found = allow::apply(&context, found);
    let mut diagnostics: Vec<FileDiagnostic> = found
        .into_iter()
        .filter_map(|found| {
            let file = set.files().get(found.file as usize)?;
            let source = set.source(found.file as usize)?;
            let severity = match found.finding.lint().severity() {
                Severity::Warning if options.deny_warnings => Severity::Error,
                severity => severity,
            };
            let reported = finding::Reported {
                finding: found.finding,
                severity,
            };
            Some(FileDiagnostic::in_source(&file.path, source, reported))
        })
        .collect();
    crate::check::sort_diagnostics(&mut diagnostics);
    diagnostics
}

/// What every lint reads: the policy set and the AST of each of its files.
pub(crate) struct Context<'p> {
    pub set: &'p PolicySet,
    /// Parallel to `set.files()`.
    pub files: &'p [ast::File],
}

impl<'p> Context<'p> {
    fn new(set: &'p PolicySet) -> Context<'p> {
        Context {
            set,
            files: set.asts(),
        }
    }

    /// Every item of every file, with the index of its file.
    pub fn items(&self) -> impl Iterator<Item = (u16, &ast::Item)> {
        self.files
            .iter()
            .enumerate()
            .flat_map(|(file, ast)| ast.items.iter().map(move |item| (file as u16, item)))
    }

    /// The written text of a span, whitespace runs collapsed, for messages.
    pub fn text(&self, file: u16, span: ast::Span) -> String {
        self.set
            .files()
            .get(file as usize)
            .and_then(|source| source.text.get(span.start..span.end))
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Every rule declaration, by the file and position of its ID, which is
    /// how the compiled rules record where they were written.
    pub fn rule_decls(&self) -> BTreeMap<(u16, usize), &ast::RuleDecl> {
        self.items()
            .filter_map(|(file, item)| match &item.kind {
                ast::ItemKind::Rule(rule) => Some(((file, rule.id.span.start), rule)),
                _ => None,
            })
            .collect()
    }
}

/// A finding in a file, at a position `@allow` is matched against.
pub(crate) struct Found {
    pub file: u16,
    pub at: ast::Span,
    pub finding: LintFinding,
}

impl Found {
    pub fn new(file: u16, at: ast::Span, finding: LintFinding) -> Found {
        Found { file, at, finding }
    }
}
