//! The checker: parsed policy files in, a resolved and compiled `PolicySet`
//! out, or every error found on the way. It never stops at the first error.

mod calls;
mod compound;
mod errors;
mod expr;
mod functions;
mod index;
mod items;
mod library;
mod names;
mod operators;
mod schema;
mod scope;
mod tables;

pub use errors::CheckError;
pub use index::{DecisionInput, DefKind, Index, Typed, Use};
pub use schema::is_builtin_type;

use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

use crate::diagnostic::FileDiagnostic;
use crate::limits::Limits;
use crate::plan::{Decision, Location, PolicySet, RuleInfo, SourceFile, Table};
use crate::source::SourceText;
use crate::syntax;
use crate::syntax::ast::{self, ItemKind, Span};
use crate::types::Type;
use crate::value::{Symbols, Value};

use scope::{DeclRef, Module};

/// Checks and compiles a set of policy files.
pub fn check(files: Vec<SourceFile>) -> Result<PolicySet, Vec<FileDiagnostic>> {
    check_within(files, &Limits::default())
}

/// [`check`], with `limits` instead of the default limits.
pub fn check_within(
    files: Vec<SourceFile>,
    limits: &Limits,
) -> Result<PolicySet, Vec<FileDiagnostic>> {
    check_recording(files, limits, None)
        .0
        .map_err(|failed| failed.diagnostics)
}

/// Policies that did not check: every diagnostic, and the files as parsed.
pub struct Failed {
    pub diagnostics: Vec<FileDiagnostic>,
    pub files: Vec<SourceFile>,
    pub asts: Vec<ast::File>,
}

/// Checks like [`check`] (with the default limits), and also records what
/// each name and field path resolved to, whether or not checking succeeds.
pub fn analyze(files: Vec<SourceFile>) -> (Result<PolicySet, Failed>, Index) {
    let (result, index) = check_recording(files, &Limits::default(), Some(Index::default()));
    let mut index = index.unwrap_or_default();
    index.settle();
    (result, index)
}

fn check_recording(
    files: Vec<SourceFile>,
    limits: &Limits,
    index: Option<Index>,
) -> (Result<PolicySet, Failed>, Option<Index>) {
    let mut diagnostics = Vec::new();
    // Files parse (and are indexed by line) independently: in parallel,
    // collected in file order.
    let parsed: Vec<_> = files
        .par_iter()
        .map(|file| {
            (
                syntax::parse_file_within(&file.text, limits),
                SourceText::whole(file.text.clone()),
            )
        })
        .collect();
    let mut asts = Vec::with_capacity(files.len());
    let mut sources = Vec::with_capacity(files.len());
    for (file, ((ast, errors), source)) in files.iter().zip(parsed) {
        for error in errors {
            diagnostics.push(FileDiagnostic::in_source(&file.path, &source, error));
        }
        sources.push(source);
        asts.push(ast);
    }
    let mut checker = Checker::new(&files, asts.iter().collect());
    checker.index = index;
    checker.run();
    let Checker {
        errors,
        symbols,
        rules,
        decisions_done,
        compiled_tables,
        index,
        compiled_functions,
        ..
    } = checker;
    let rules: Vec<RuleInfo> = rules.into_iter().map(|r| r.info).collect();
    for (file, error) in errors {
        let index = file as usize;
        diagnostics.push(FileDiagnostic::in_source(
            &files[index].path,
            &sources[index],
            error,
        ));
    }
    if !diagnostics.is_empty() {
        sort_diagnostics(&mut diagnostics);
        let failed = Failed {
            diagnostics,
            files,
            asts,
        };
        return (Err(failed), index);
    }
    let mut decisions = decisions_done;
    decisions.sort_by(|a, b| a.name.cmp(&b.name));
    let decision_index = decisions
        .iter()
        .enumerate()
        .map(|(index, d)| (d.name.clone(), index))
        .collect();
    let digest = digest(&files);
    let set = PolicySet {
        symbols,
        sources,
        asts,
        files,
        decisions,
        decision_index,
        rules,
        tables: compiled_tables.into_iter().flatten().collect(),
        functions: compiled_functions.into_iter().flatten().collect(),
        digest,
    };
    (Ok(set), index)
}

/// Diagnostics in file order, then position order, so output is stable.
pub fn sort_diagnostics(diagnostics: &mut [FileDiagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.file.as_ref(), a.offset().unwrap_or(0)).cmp(&(b.file.as_ref(), b.offset().unwrap_or(0)))
    });
}

fn digest(files: &[SourceFile]) -> String {
    let mut ordered: Vec<&SourceFile> = files.iter().collect();
    ordered.sort_by(|a, b| a.path.cmp(&b.path));
    let mut hasher = Sha256::new();
    for file in ordered {
        hasher.update(file.path.as_bytes());
        hasher.update([0]);
        hasher.update(file.text.as_bytes());
        hasher.update([0]);
    }
    let hash = hasher.finalize();
    let hex: String = hash.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("sha256:{hex}")
}

/// A declaration resolved on demand, with cycle detection.
#[derive(Clone, Debug)]
pub(crate) enum Resolve<T> {
    Pending,
    InProgress,
    Done(T),
    Failed,
}

pub(crate) struct ConstEntry<'a> {
    pub module: usize,
    pub decl: &'a ast::ConstDecl,
    pub state: Resolve<(Type, Value)>,
}

pub(crate) enum TypeSource<'a> {
    Alias(&'a ast::TypeDecl),
    Enum(&'a ast::EnumDecl),
}

pub(crate) struct TypeEntry<'a> {
    pub module: usize,
    pub source: TypeSource<'a>,
    pub state: Resolve<Type>,
}

pub(crate) struct TableEntry<'a> {
    pub module: usize,
    pub decl: &'a ast::TableDecl,
    pub span: Span,
    pub signature: Resolve<(Vec<Type>, Type)>,
}

pub(crate) struct RuleEntry<'a> {
    pub module: usize,
    pub decl: &'a ast::RuleDecl,
    pub info: RuleInfo,
    pub used: bool,
}

pub(crate) struct DecisionEntry<'a> {
    pub module: usize,
    pub decl: &'a ast::DecisionDecl,
}

pub struct Checker<'a> {
    pub(crate) files: &'a [SourceFile],
    pub(crate) asts: Vec<&'a ast::File>,
    pub(crate) modules: Vec<Module>,
    pub(crate) module_index: HashMap<String, usize>,
    pub(crate) symbols: Symbols,
    pub(crate) errors: Vec<(u16, CheckError)>,
    pub(crate) consts: Vec<ConstEntry<'a>>,
    pub(crate) types: Vec<TypeEntry<'a>>,
    pub(crate) tables: Vec<TableEntry<'a>>,
    pub(crate) compiled_tables: Vec<Option<Table>>,
    pub(crate) functions: Vec<functions::FunctionEntry<'a>>,
    pub(crate) compiled_functions: Vec<Option<crate::plan::Function>>,
    pub(crate) rules: Vec<RuleEntry<'a>>,
    pub(crate) rule_index: HashMap<String, usize>,
    pub(crate) decisions: Vec<DecisionEntry<'a>>,
    pub(crate) decisions_done: Vec<Decision>,
    /// Filled only for editors, by [`analyze`].
    pub(crate) index: Option<Index>,
}

impl<'a> Checker<'a> {
    fn new(files: &'a [SourceFile], asts: Vec<&'a ast::File>) -> Checker<'a> {
        Checker {
            files,
            asts,
            modules: Vec::new(),
            module_index: HashMap::new(),
            symbols: Symbols::default(),
            errors: Vec::new(),
            consts: Vec::new(),
            types: Vec::new(),
            tables: Vec::new(),
            compiled_tables: Vec::new(),
            functions: Vec::new(),
            compiled_functions: Vec::new(),
            rules: Vec::new(),
            rule_index: HashMap::new(),
            decisions: Vec::new(),
            decisions_done: Vec::new(),
            index: None,
        }
    }

    pub(crate) fn error(&mut self, file: u16, error: CheckError) {
        self.errors.push((file, error));
    }

    pub(crate) fn file_of(&self, module: usize) -> u16 {
        self.modules[module].file
    }

    pub(crate) fn text(&self, file: u16, span: Span) -> String {
        self.files[file as usize]
            .text
            .get(span.start..span.end)
            .unwrap_or("")
            .to_string()
    }

    fn run(&mut self) {
        self.register();
        self.resolve_imports();
        for index in 0..self.types.len() {
            self.resolve_type_decl(index);
        }
        for index in 0..self.consts.len() {
            self.resolve_const(index);
        }
        self.compiled_tables = (0..self.tables.len()).map(|_| None).collect();
        self.compiled_functions = (0..self.functions.len()).map(|_| None).collect();
        for index in 0..self.functions.len() {
            self.compile_function(index);
        }
        for index in 0..self.tables.len() {
            self.compile_table(index);
        }
        for index in 0..self.decisions.len() {
            self.compile_decision(index);
        }
        for index in 0..self.rules.len() {
            if !self.rules[index].used {
                self.check_unused_rule(index);
            }
        }
    }

    /// Collects every module and declaration, reporting duplicates.
    fn register(&mut self) {
        let asts = self.asts.clone();
        for (file_index, ast) in asts.iter().enumerate() {
            let file = file_index as u16;
            let Some(module_name) = &ast.module else {
                continue;
            };
            if self.module_index.contains_key(&module_name.name) {
                self.error(
                    file,
                    CheckError::Duplicate {
                        name: module_name.name.clone(),
                        span: module_name.span.into(),
                        first: None,
                        help: Some("each module is declared by exactly one file".into()),
                    },
                );
                continue;
            }
            let module = self.modules.len();
            self.module_index.insert(module_name.name.clone(), module);
            self.modules.push(Module {
                name: module_name.name.clone(),
                file,
                decls: HashMap::new(),
                named_imports: HashMap::new(),
                wildcard_imports: Vec::new(),
            });
            for item in &ast.items {
                self.register_item(module, file, item);
            }
        }
    }

    fn register_item(&mut self, module: usize, file: u16, item: &'a ast::Item) {
        let (name, decl) = match &item.kind {
            ItemKind::Const(decl) => {
                self.consts.push(ConstEntry {
                    module,
                    decl,
                    state: Resolve::Pending,
                });
                (&decl.name, DeclRef::Const(self.consts.len() - 1))
            }
            ItemKind::Type(decl) => {
                self.types.push(TypeEntry {
                    module,
                    source: TypeSource::Alias(decl),
                    state: Resolve::Pending,
                });
                (&decl.name, DeclRef::Type(self.types.len() - 1))
            }
            ItemKind::Enum(decl) => {
                self.types.push(TypeEntry {
                    module,
                    source: TypeSource::Enum(decl),
                    state: Resolve::Pending,
                });
                (&decl.name, DeclRef::Type(self.types.len() - 1))
            }
            ItemKind::Table(decl) => {
                self.tables.push(TableEntry {
                    module,
                    decl,
                    span: item.span,
                    signature: Resolve::Pending,
                });
                (&decl.name, DeclRef::Table(self.tables.len() - 1))
            }
            ItemKind::Function(decl) => {
                self.functions.push(functions::FunctionEntry {
                    module,
                    decl,
                    span: item.span,
                    state: Resolve::Pending,
                });
                (&decl.name, DeclRef::Function(self.functions.len() - 1))
            }
            ItemKind::Rule(decl) => {
                self.register_rule(module, file, item, decl);
                return;
            }
            ItemKind::Decision(decl) => {
                self.decisions.push(DecisionEntry { module, decl });
                return;
            }
            ItemKind::Module(_) | ItemKind::Import(_) => return,
        };
        if schema::is_builtin_type(&name.name) {
            self.error(
                file,
                CheckError::Duplicate {
                    name: name.name.clone(),
                    span: name.span.into(),
                    first: None,
                    help: Some(format!(
                        "`{}` is a built-in type; choose another name",
                        name.name
                    )),
                },
            );
            return;
        }
        let decls = &mut self.modules[module].decls;
        if decls.contains_key(&name.name) {
            self.error(
                file,
                CheckError::Duplicate {
                    name: name.name.clone(),
                    span: name.span.into(),
                    first: None,
                    help: Some("rename one of the two".into()),
                },
            );
        } else {
            decls.insert(name.name.clone(), decl);
        }
    }

    fn register_rule(
        &mut self,
        module: usize,
        file: u16,
        item: &'a ast::Item,
        decl: &'a ast::RuleDecl,
    ) {
        if let Some(&first) = self.rule_index.get(&decl.id.name) {
            let first_location = self.rules[first].info.location;
            let first_span = (first_location.file == file).then(|| first_location.span.into());
            self.error(
                file,
                CheckError::Duplicate {
                    name: decl.id.name.clone(),
                    span: decl.id.span.into(),
                    first: first_span,
                    help: Some(
                        "rule IDs are catalogue IDs and must be unique across all policies".into(),
                    ),
                },
            );
            return;
        }
        let info = RuleInfo {
            id: decl.id.name.clone(),
            title: decl.title.clone(),
            cites: decl
                .cites
                .iter()
                .map(|c| (c.source.clone(), c.section.clone()))
                .collect(),
            docs: item.docs.clone(),
            location: Location {
                file,
                span: decl.id.span,
            },
        };
        self.rule_index
            .insert(decl.id.name.clone(), self.rules.len());
        self.rules.push(RuleEntry {
            module,
            decl,
            info,
            used: false,
        });
    }
}

/// The name a built-in function is called by.
/// The name of every built-in function, in the order the checker lists them.
pub fn builtin_names() -> impl Iterator<Item = &'static str> {
    calls::all_builtins().map(|(name, _, _)| *name)
}

pub fn builtin_name(builtin: crate::plan::Builtin) -> &'static str {
    calls::all_builtins()
        .find(|(_, b, _)| *b == builtin)
        .map_or("?", |(name, _, _)| name)
}

/// Every built-in function as (name, usage), from the table checking uses.
pub fn builtins() -> impl Iterator<Item = (&'static str, &'static str)> {
    calls::all_builtins().map(|(name, _, usage)| (*name, *usage))
}

/// How built-in function `name` is called, if there is one.
pub fn builtin_usage(name: &str) -> Option<&'static str> {
    builtins().find(|(n, _)| *n == name).map(|(_, usage)| usage)
}
