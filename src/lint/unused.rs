//! `unused-const`, `unused-type`, `unused-table`, `unused-import` and
//! `unused-rule`: declarations nothing refers to.
//!
//! Names are looked up the way the checker looks them up: a module's own
//! declarations first, then the names it imports one by one, then the
//! modules it imports whole. A policy set is a whole program, so a
//! declaration no module of the set uses is unused.

use std::collections::{BTreeMap, BTreeSet};

use super::finding::LintFinding;
use super::walk;
use super::{Context, Found};
use crate::syntax::ast::{self, Ident, ItemKind, TypeExpr, TypeExprKind};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Const,
    Type,
    Table,
    /// Tracked so that imports of it count as used; no lint of its own yet.
    Function,
}

struct Declaration<'a> {
    kind: Kind,
    name: &'a Ident,
    used: bool,
}

struct Import<'a> {
    module: &'a Ident,
    /// The file declaring the imported module.
    target: Option<usize>,
    /// `None` imports the whole module; otherwise each name and whether it
    /// was used.
    names: Option<Vec<(&'a Ident, bool)>>,
    used: bool,
}

struct Module<'a> {
    declarations: Vec<Declaration<'a>>,
    by_name: BTreeMap<&'a str, usize>,
    imports: Vec<Import<'a>>,
}

pub fn check(cx: &Context, out: &mut Vec<Found>) {
    let modules_by_name: BTreeMap<&str, usize> = cx
        .files
        .iter()
        .enumerate()
        .filter_map(|(index, file)| file.module.as_ref().map(|m| (m.name.as_str(), index)))
        .collect();
    let mut modules: Vec<Module> = cx
        .files
        .iter()
        .map(|file| module(file, &modules_by_name))
        .collect();
    for (index, file) in cx.files.iter().enumerate() {
        for name in referenced_names(file) {
            resolve(&mut modules, index, name);
        }
    }
    for (index, module) in modules.iter().enumerate() {
        let file = index as u16;
        for declaration in module.declarations.iter().filter(|d| !d.used) {
            let name = declaration.name.name.clone();
            let span = declaration.name.span.into();
            let finding = match declaration.kind {
                Kind::Const => LintFinding::UnusedConst { name, span },
                Kind::Type => LintFinding::UnusedType { name, span },
                Kind::Table => LintFinding::UnusedTable { name, span },
                Kind::Function => continue,
            };
            out.push(Found::new(file, declaration.name.span, finding));
        }
        for import in &module.imports {
            unused_imports(file, import, out);
        }
    }
    unused_rules(cx, out);
}

fn module<'a>(file: &'a ast::File, modules: &BTreeMap<&str, usize>) -> Module<'a> {
    let mut module = Module {
        declarations: Vec::new(),
        by_name: BTreeMap::new(),
        imports: Vec::new(),
    };
    for item in &file.items {
        let (kind, name) = match &item.kind {
            ItemKind::Const(decl) => (Kind::Const, &decl.name),
            ItemKind::Type(decl) => (Kind::Type, &decl.name),
            ItemKind::Enum(decl) => (Kind::Type, &decl.name),
            ItemKind::Table(decl) => (Kind::Table, &decl.name),
            ItemKind::Function(decl) => (Kind::Function, &decl.name),
            ItemKind::Import(import) => {
                module.imports.push(Import {
                    module: &import.module,
                    target: modules.get(import.module.name.as_str()).copied(),
                    names: import
                        .names
                        .as_ref()
                        .map(|names| names.iter().map(|name| (name, false)).collect()),
                    used: false,
                });
                continue;
            }
            _ => continue,
        };
        module
            .by_name
            .entry(name.name.as_str())
            .or_insert(module.declarations.len());
        module.declarations.push(Declaration {
            kind,
            name,
            used: false,
        });
    }
    module
}

/// Marks what `name`, written in module `at`, refers to.
fn resolve(modules: &mut [Module], at: usize, name: &str) {
    if let Some(&index) = modules[at].by_name.get(name) {
        modules[at].declarations[index].used = true;
        return;
    }
    let mut target_found = None;
    for import in &mut modules[at].imports {
        let Some(names) = &mut import.names else {
            continue;
        };
        if let Some(entry) = names.iter_mut().find(|(ident, _)| ident.name == name) {
            entry.1 = true;
            import.used = true;
            target_found = import.target;
            break;
        }
    }
    if target_found.is_none() {
        let wildcard_targets: Vec<(usize, Option<usize>)> = modules[at]
            .imports
            .iter()
            .enumerate()
            .filter(|(_, import)| import.names.is_none())
            .map(|(index, import)| (index, import.target))
            .collect();
        for (import_index, target) in wildcard_targets {
            let declares = target.is_some_and(|t| modules[t].by_name.contains_key(name));
            if declares {
                modules[at].imports[import_index].used = true;
                target_found = target;
                break;
            }
        }
    }
    if let Some(target) = target_found {
        if let Some(&index) = modules[target].by_name.get(name) {
            modules[target].declarations[index].used = true;
        }
    }
}

fn unused_imports(file: u16, import: &Import, out: &mut Vec<Found>) {
    match &import.names {
        None if !import.used => out.push(Found::new(
            file,
            import.module.span,
            LintFinding::UnusedImport {
                what: format!("the import of `{}`", import.module.name),
                span: import.module.span.into(),
                help: "remove the import: no name of that module is used here".into(),
            },
        )),
        None => {}
        Some(names) => {
            for (name, _) in names.iter().filter(|(_, used)| !used) {
                out.push(Found::new(
                    file,
                    name.span,
                    LintFinding::UnusedImport {
                        what: format!("`{}` imported from `{}`", name.name, import.module.name),
                        span: name.span.into(),
                        help: format!("remove `{}` from the import list", name.name),
                    },
                ));
            }
        }
    }
}

/// Rules no decision lists: a rule is used by being listed.
fn unused_rules(cx: &Context, out: &mut Vec<Found>) {
    let listed: BTreeSet<&str> = cx
        .items()
        .filter_map(|(_, item)| match &item.kind {
            ItemKind::Decision(decision) => Some(decision.rules.iter().map(|id| id.name.as_str())),
            _ => None,
        })
        .flatten()
        .collect();
    for (file, item) in cx.items() {
        if let ItemKind::Rule(rule) = &item.kind {
            if !listed.contains(rule.id.name.as_str()) {
                out.push(Found::new(
                    file,
                    rule.id.span,
                    LintFinding::UnusedRule {
                        id: rule.id.name.clone(),
                        span: rule.id.span.into(),
                    },
                ));
            }
        }
    }
}

/// Every name a file refers to: in expressions (names and called tables),
/// and in types.
fn referenced_names(file: &ast::File) -> Vec<&str> {
    let mut names = Vec::new();
    let expr = expr_names;
    for item in &file.items {
        match &item.kind {
            ItemKind::Module(_) | ItemKind::Import(_) | ItemKind::Enum(_) => {}
            ItemKind::Const(decl) => {
                type_names(&decl.ty, &mut names);
                expr(&decl.value, &mut names);
            }
            ItemKind::Type(decl) => type_names(&decl.ty, &mut names),
            ItemKind::Function(decl) => {
                for (_, ty) in &decl.params {
                    type_names(ty, &mut names);
                }
                type_names(&decl.output, &mut names);
                expr(&decl.body, &mut names);
            }
            ItemKind::Table(table) => {
                for (_, ty) in &table.params {
                    type_names(ty, &mut names);
                }
                type_names(&table.output, &mut names);
                for row in table.rows.iter().chain(&table.default) {
                    for cell in &row.cells {
                        match &cell.kind {
                            ast::CellKind::Any => {}
                            ast::CellKind::Compare(_, e) => expr(e, &mut names),
                            ast::CellKind::Range { low, high, .. } => {
                                expr(low, &mut names);
                                expr(high, &mut names);
                            }
                            ast::CellKind::OneOf(values) | ast::CellKind::Not(values) => {
                                for e in values {
                                    expr(e, &mut names);
                                }
                            }
                        }
                    }
                }
            }
            ItemKind::Rule(rule) => {
                for e in walk::rule_exprs(rule) {
                    expr(e, &mut names);
                }
            }
            ItemKind::Decision(decision) => {
                if let Some(input) = &decision.input {
                    type_names(input, &mut names);
                }
                for value in &decision.values {
                    type_names(&value.ty, &mut names);
                    expr(&value.expr, &mut names);
                }
                if let Some(outcome) = &decision.outcome {
                    expr(outcome, &mut names);
                }
            }
        }
    }
    names
}

fn expr_names<'a>(expr: &'a ast::Expr, names: &mut Vec<&'a str>) {
    walk::ast_expr(expr, &mut |e| {
        if let ast::ExprKind::Name(name) | ast::ExprKind::Call(name, _) = &e.kind {
            names.push(name.name.as_str());
        }
        true
    });
}

fn type_names<'a>(ty: &'a TypeExpr, names: &mut Vec<&'a str>) {
    match &ty.kind {
        TypeExprKind::Named(name) => names.push(name.name.as_str()),
        TypeExprKind::Money(_) | TypeExprKind::Enum(_) => {}
        TypeExprKind::List(element) | TypeExprKind::Set(element) => type_names(element, names),
        TypeExprKind::Record(fields) => {
            for field in fields {
                type_names(&field.ty, names);
            }
        }
    }
}
