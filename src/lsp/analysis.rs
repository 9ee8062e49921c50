//! One re-check of the policy set as the editor holds it: the same checker
//! and lints as `eligo check`, plus what names and paths resolved to, and
//! the declarations of every file, found once per re-check.

use crate::check::{self, DefKind, Index};
use crate::diagnostic::FileDiagnostic;
use crate::lint::{lint, LintOptions};
use crate::plan::{Location, PolicySet, SourceFile};
use crate::syntax::ast::{self, ItemKind, Span};

use super::text::Lines;

/// A declaration, where its name is written.
#[derive(Clone, Debug)]
pub struct Definition {
    pub kind: DefKind,
    pub name: String,
    pub location: Location,
    /// The whole item (or value clause) it names.
    pub extent: Span,
    /// For a decision value, the decision it belongs to.
    pub owner: Option<String>,
    /// The index of its item in its file's AST.
    pub item: usize,
}

enum Outcome {
    Checked(Box<PolicySet>),
    Failed(check::Failed),
}

/// The policy set checked once, with what editors ask about it.
pub struct Analysis {
    outcome: Outcome,
    /// Check errors, or the lint findings of a set that checked.
    pub diagnostics: Vec<FileDiagnostic>,
    pub index: Index,
    pub definitions: Vec<Definition>,
    pub lines: Vec<Lines>,
}

impl Analysis {
    /// Checks `files` exactly as `eligo check` does (lint warnings stay
    /// warnings) and records what editors need.
    pub fn new(files: Vec<SourceFile>) -> Analysis {
        let (result, index) = check::analyze(files);
        let (outcome, diagnostics) = match result {
            Ok(set) => {
                let findings = lint(
                    &set,
                    &LintOptions {
                        deny_warnings: false,
                    },
                );
                (Outcome::Checked(Box::new(set)), findings)
            }
            Err(mut failed) => {
                let found = std::mem::take(&mut failed.diagnostics);
                (Outcome::Failed(failed), found)
            }
        };
        let mut analysis = Analysis {
            outcome,
            diagnostics,
            index,
            definitions: Vec::new(),
            lines: Vec::new(),
        };
        analysis.lines = analysis
            .files()
            .iter()
            .map(|f| Lines::new(&f.text))
            .collect();
        analysis.definitions = definitions(analysis.asts());
        analysis
    }

    pub fn files(&self) -> &[SourceFile] {
        match &self.outcome {
            Outcome::Checked(set) => set.files(),
            Outcome::Failed(failed) => &failed.files,
        }
    }

    pub fn asts(&self) -> &[ast::File] {
        match &self.outcome {
            Outcome::Checked(set) => set.asts(),
            Outcome::Failed(failed) => &failed.asts,
        }
    }

    /// The checked set, when every file checks.
    pub fn set(&self) -> Option<&PolicySet> {
        match &self.outcome {
            Outcome::Checked(set) => Some(set),
            Outcome::Failed(_) => None,
        }
    }

    pub fn file_index(&self, path: &str) -> Option<u16> {
        self.files()
            .iter()
            .position(|f| f.path.as_ref() == path)
            .map(|i| i as u16)
    }

    pub fn text(&self, file: u16) -> &str {
        self.files().get(file as usize).map_or("", |f| &f.text)
    }

    pub fn source(&self, location: Location) -> &str {
        self.text(location.file)
            .get(location.span.start..location.span.end)
            .unwrap_or("")
    }

    /// What the name at `offset` of `file` refers to: a use the checker
    /// resolved, or a declaration's own name.
    pub fn definition_at(&self, file: u16, offset: usize) -> Option<&Definition> {
        let target = self
            .index
            .uses
            .iter()
            .find(|u| u.at.file == file && contains(u.at.span, offset))
            .map(|u| u.definition)
            .or_else(|| {
                self.definitions
                    .iter()
                    .find(|d| d.location.file == file && contains(d.location.span, offset))
                    .map(|d| d.location)
            })?;
        self.definitions.iter().find(|d| d.location == target)
    }

    /// Every place that names `definition`, the declaration first.
    pub fn references(&self, definition: &Definition) -> Vec<Location> {
        let mut places = vec![definition.location];
        places.extend(
            self.index
                .uses
                .iter()
                .filter(|u| u.definition == definition.location)
                .map(|u| u.at),
        );
        places
    }

    /// The item of `file` that covers `offset`, if any.
    pub fn item_at(&self, file: u16, offset: usize) -> Option<&ast::Item> {
        self.asts()
            .get(file as usize)?
            .items
            .iter()
            .find(|item| item.span.start <= offset && offset <= item.span.end)
    }

    pub fn docs_of(&self, definition: &Definition) -> &[String] {
        self.asts()
            .get(definition.location.file as usize)
            .and_then(|ast| ast.items.get(definition.item))
            .map_or(&[], |item| item.docs.as_slice())
    }
}

fn contains(span: Span, offset: usize) -> bool {
    span.start <= offset && offset <= span.end
}

/// Every declaration of every file, in file and item order.
fn definitions(asts: &[ast::File]) -> Vec<Definition> {
    let mut out = Vec::new();
    for (file, ast) in asts.iter().enumerate() {
        let file = file as u16;
        for (item_index, item) in ast.items.iter().enumerate() {
            let mut push = |kind, ident: &ast::Ident, extent, owner: Option<String>| {
                out.push(Definition {
                    kind,
                    name: ident.name.clone(),
                    location: Location {
                        file,
                        span: ident.span,
                    },
                    extent,
                    owner,
                    item: item_index,
                });
            };
            match &item.kind {
                ItemKind::Module(name) => push(DefKind::Module, name, item.span, None),
                ItemKind::Import(_) => {}
                ItemKind::Const(d) => push(DefKind::Const, &d.name, item.span, None),
                ItemKind::Type(d) => push(DefKind::Type, &d.name, item.span, None),
                ItemKind::Enum(d) => push(DefKind::Enum, &d.name, item.span, None),
                ItemKind::Table(d) => push(DefKind::Table, &d.name, item.span, None),
                ItemKind::Function(d) => push(DefKind::Function, &d.name, item.span, None),
                ItemKind::Rule(d) => push(DefKind::Rule, &d.id, item.span, None),
                ItemKind::Decision(d) => {
                    push(DefKind::Decision, &d.name, item.span, None);
                    for value in &d.values {
                        let extent = value.name.span.to(value.expr.span);
                        push(
                            DefKind::Value,
                            &value.name,
                            extent,
                            Some(d.name.name.clone()),
                        );
                    }
                }
            }
        }
    }
    out
}
