//! What checking learns about names and field paths, kept for editors: for
//! each name written, the declaration it resolved to; for each field read
//! and each bare symbol, its type. The checker fills an `Index` only when
//! asked to ([`super::analyze`]), so `eligo check` and evaluation pay nothing.

use super::scope::DeclRef;
use super::{Checker, TypeSource};
use crate::plan::Location;
use crate::syntax::ast::Span;
use crate::types::Type;

/// What kind of declaration a name refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DefKind {
    Module,
    Const,
    Type,
    Enum,
    Table,
    Function,
    Rule,
    Decision,
    Value,
}

impl DefKind {
    pub fn word(self) -> &'static str {
        match self {
            DefKind::Module => "module",
            DefKind::Const => "const",
            DefKind::Type => "type",
            DefKind::Enum => "enum",
            DefKind::Table => "table",
            DefKind::Function => "fn",
            DefKind::Rule => "rule",
            DefKind::Decision => "decision",
            DefKind::Value => "value",
        }
    }
}

/// A name written at `at` that refers to the declaration named at
/// `definition`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Use {
    pub at: Location,
    pub kind: DefKind,
    pub definition: Location,
}

/// The type of what is written at `at`: a field read or a bare symbol.
#[derive(Clone, Debug)]
pub struct Typed {
    pub at: Location,
    pub ty: Type,
    /// Where a field was declared, for its doc comment.
    pub declared: Option<Location>,
}

/// A decision's input type, resolved even when other parts fail to check.
#[derive(Clone, Debug)]
pub struct DecisionInput {
    pub name: String,
    pub location: Location,
    pub input: Type,
    pub rules: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Index {
    pub uses: Vec<Use>,
    pub typed: Vec<Typed>,
    pub decisions: Vec<DecisionInput>,
}

impl Index {
    /// Sorted by place, each place once: rules are checked once per decision
    /// that lists them, so the same name is resolved several times.
    pub(super) fn settle(&mut self) {
        let key = |l: &Location| (l.file, l.span.start, l.span.end);
        self.uses.sort_by_key(|u| key(&u.at));
        self.uses.dedup_by_key(|u| key(&u.at));
        self.typed.sort_by_key(|t| key(&t.at));
        self.typed.dedup_by_key(|t| key(&t.at));
        self.decisions.sort_by(|a, b| a.name.cmp(&b.name));
    }
}

impl Checker<'_> {
    pub(super) fn note_use(&mut self, file: u16, span: Span, kind: DefKind, definition: Location) {
        if let Some(index) = &mut self.index {
            index.uses.push(Use {
                at: Location { file, span },
                kind,
                definition,
            });
        }
    }

    pub(super) fn note_decl_use(&mut self, file: u16, span: Span, decl: DeclRef) {
        if self.index.is_none() {
            return;
        }
        let (kind, module, name) = match decl {
            DeclRef::Const(i) => (
                DefKind::Const,
                self.consts[i].module,
                self.consts[i].decl.name.span,
            ),
            DeclRef::Table(i) => (
                DefKind::Table,
                self.tables[i].module,
                self.tables[i].decl.name.span,
            ),
            DeclRef::Function(i) => (
                DefKind::Function,
                self.functions[i].module,
                self.functions[i].decl.name.span,
            ),
            DeclRef::Type(i) => match &self.types[i].source {
                TypeSource::Alias(d) => (DefKind::Type, self.types[i].module, d.name.span),
                TypeSource::Enum(d) => (DefKind::Enum, self.types[i].module, d.name.span),
            },
        };
        let definition = Location {
            file: self.file_of(module),
            span: name,
        };
        self.note_use(file, span, kind, definition);
    }

    pub(super) fn note_type(
        &mut self,
        file: u16,
        span: Span,
        ty: &Type,
        declared: Option<Location>,
    ) {
        if let Some(index) = &mut self.index {
            index.typed.push(Typed {
                at: Location { file, span },
                ty: ty.clone(),
                declared,
            });
        }
    }
}
