//! The checked, compiled policy set: what the checker produces and the
//! evaluator runs. Everything here is resolved; nothing refers to a name
//! that still has to be looked up.

pub mod expr;
pub mod fast;

use std::collections::HashMap;
use std::sync::Arc;

use crate::syntax::ast::{Aggregator, HitPolicy, Span};
use crate::types::{EnumType, Type};
use crate::value::{Sym, Symbols, Value};

pub use expr::{Builtin, Expr, Path, Root, TemplatePiece};

/// A policy file as read from disk.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as the user gave it (relative to the working directory).
    pub path: Arc<str>,
    pub text: Arc<str>,
}

/// A place in a policy file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    pub file: u16,
    pub span: Span,
}

/// A checked set of policies, ready to evaluate many inputs.
#[derive(Debug)]
pub struct PolicySet {
    pub(crate) symbols: Symbols,
    pub(crate) files: Vec<SourceFile>,
    /// Each file indexed by line, for explanation places and diagnostics.
    pub(crate) sources: Vec<Arc<crate::source::SourceText>>,
    /// The parsed form of each file, kept for passes that read the
    /// written policies after checking (lints).
    pub(crate) asts: Vec<crate::syntax::ast::File>,
    pub(crate) decisions: Vec<Decision>,
    pub(crate) decision_index: HashMap<String, usize>,
    pub(crate) rules: Vec<RuleInfo>,
    pub(crate) tables: Vec<Table>,
    pub(crate) functions: Vec<Function>,
    pub(crate) digest: String,
}

impl PolicySet {
    pub fn decision(&self, name: &str) -> Option<&Decision> {
        self.decision_index
            .get(name)
            .map(|&index| &self.decisions[index])
    }

    /// Decision names, sorted.
    pub fn decision_names(&self) -> impl Iterator<Item = &str> {
        self.decisions.iter().map(|d| d.name.as_str())
    }

    pub fn symbols(&self) -> &Symbols {
        &self.symbols
    }

    /// `sha256:<hex>` over every policy file's path and text.
    pub fn digest(&self) -> &str {
        &self.digest
    }

    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    /// The AST of each file, parallel to `files()`.
    pub fn asts(&self) -> &[crate::syntax::ast::File] {
        &self.asts
    }

    pub fn rules(&self) -> &[RuleInfo] {
        &self.rules
    }

    /// File path, 1-based line and column of a location.
    pub fn position(&self, location: Location) -> (Arc<str>, usize, usize) {
        match (
            self.files.get(location.file as usize),
            self.sources.get(location.file as usize),
        ) {
            (Some(file), Some(source)) => {
                let (line, column) = source.line_column(location.span.start);
                (file.path.clone(), line, column)
            }
            _ => (Arc::from(""), 0, 0),
        }
    }

    /// The indexed text of file `file`, which diagnostics about it share.
    pub fn source(&self, file: usize) -> Option<&Arc<crate::source::SourceText>> {
        self.sources.get(file)
    }

    pub fn source_text(&self, location: Location) -> &str {
        self.files
            .get(location.file as usize)
            .and_then(|file| file.text.get(location.span.start..location.span.end))
            .unwrap_or("")
    }
}

/// What a rule says about itself, independent of the decisions using it.
#[derive(Clone, Debug)]
pub struct RuleInfo {
    pub id: String,
    pub title: String,
    pub cites: Vec<(String, Option<String>)>,
    pub docs: Vec<String>,
    pub location: Location,
}

#[derive(Debug)]
pub struct Decision {
    pub name: String,
    pub title: String,
    pub input: Type,
    pub outcomes: Arc<EnumType>,
    pub rules: Vec<CompiledRule>,
    pub values: Vec<CompiledValue>,
    /// `None`: `allow` when every rule passes, otherwise `deny`.
    pub outcome: Option<Frame<Expr>>,
    pub outcome_text: String,
    pub uses_now: bool,
    pub location: Location,
    pub(crate) allow_deny: Option<(Sym, Sym)>,
}

/// An expression with the local slots it needs.
#[derive(Clone, Debug)]
pub struct Frame<T> {
    pub body: T,
    /// The name of each local slot, for explanations (`line`, `charge`).
    pub locals: Vec<Arc<str>>,
}

#[derive(Debug)]
pub struct CompiledRule {
    /// Index into `PolicySet::rules`.
    pub info: usize,
    pub frame: Frame<RuleBody>,
    /// The rule's flat form, for decisions that are not explained.
    pub flat: Option<fast::FlatRule>,
}

impl CompiledRule {
    pub fn new(info: usize, frame: Frame<RuleBody>) -> CompiledRule {
        let flat = fast::flatten(&frame.body, frame.locals.len());
        CompiledRule { info, frame, flat }
    }
}

#[derive(Debug)]
pub struct RuleBody {
    pub for_each: Option<(u16, Expr)>,
    pub lets_before_when: Vec<(u16, Expr)>,
    pub when: Option<Expr>,
    pub lets_after_when: Vec<(u16, Expr)>,
    pub require: Expr,
    pub require_text: String,
    pub message: Option<Expr>,
}

#[derive(Debug)]
pub struct CompiledValue {
    pub name: String,
    pub ty: Type,
    /// Outcomes on which the value is reported; empty means always.
    pub on: Vec<Sym>,
    pub frame: Frame<Expr>,
    pub formula: String,
    pub location: Location,
}

#[derive(Debug)]
pub struct Table {
    pub name: String,
    pub params: Vec<(String, Type)>,
    pub output: Type,
    pub hit: HitPolicy,
    pub aggregator: Option<Aggregator>,
    pub rows: Vec<TableRow>,
    /// The output when no row matches (its `tests` are empty).
    pub default: Option<TableRow>,
    /// For `priority` and `output order`: each output's rank, best first,
    /// by the order of its enumeration's members (a record output ranks by
    /// its enumeration fields in order).
    pub priority: Vec<PriorityKey>,
    pub location: Location,
    pub locals: Vec<Arc<str>>,
}

/// A user-defined function: its parameters are the first local slots of
/// its frame.
#[derive(Debug)]
pub struct Function {
    pub name: String,
    pub params: Vec<(String, Type)>,
    pub output: Type,
    pub frame: Frame<Expr>,
    pub location: Location,
}

/// Which part of a table's output ranks rows, and the rank of each member.
#[derive(Debug)]
pub struct PriorityKey {
    /// The record field, or `None` for a whole enumeration output.
    pub field: Option<usize>,
    pub ranks: Vec<Sym>,
}

#[derive(Debug)]
pub struct TableRow {
    pub tests: Vec<CellTest>,
    pub outputs: Vec<Expr>,
    /// The row's result when every output is a constant, built once.
    pub constant: Option<Value>,
    pub location: Location,
}

#[derive(Debug)]
pub enum CellTest {
    Any,
    Compare(crate::syntax::ast::CompareOp, Value),
    OneOf(Vec<Value>),
    Range {
        low: Value,
        low_closed: bool,
        high: Value,
        high_closed: bool,
    },
    Not(Vec<Value>),
}

/// The comparisons a range cell makes at its low and high ends: `>=`/`<=`
/// where an end is closed, `>`/`<` where it is open.
pub fn range_operators(
    low_closed: bool,
    high_closed: bool,
) -> (crate::syntax::ast::CompareOp, crate::syntax::ast::CompareOp) {
    use crate::syntax::ast::CompareOp;
    let above = if low_closed {
        CompareOp::Ge
    } else {
        CompareOp::Gt
    };
    let below = if high_closed {
        CompareOp::Le
    } else {
        CompareOp::Lt
    };
    (above, below)
}
