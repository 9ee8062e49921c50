//! Modules, imports and name lookup: which declaration a name in a module
//! refers to.

use std::collections::HashMap;

use super::errors::CheckError;
use super::index::DefKind;
use super::Checker;
use crate::diagnostic::did_you_mean;
use crate::syntax::ast::{Ident, ItemKind};

/// A declaration a module-level name can refer to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclRef {
    Const(usize),
    Type(usize),
    Table(usize),
    Function(usize),
}

#[derive(Debug)]
pub struct Module {
    pub name: String,
    pub file: u16,
    pub decls: HashMap<String, DeclRef>,
    /// Names imported one by one, with the module they come from.
    pub named_imports: HashMap<String, (DeclRef, usize)>,
    /// Modules imported whole.
    pub wildcard_imports: Vec<usize>,
}

impl Checker<'_> {
    /// Resolves every `import` of every module, reporting unknown modules and
    /// names.
    pub(super) fn resolve_imports(&mut self) {
        for module_index in 0..self.modules.len() {
            let file = self.modules[module_index].file;
            let ast = self.asts[file as usize];
            for item in &ast.items {
                let ItemKind::Import(import) = &item.kind else {
                    continue;
                };
                if let Some(&target) = self.module_index.get(&import.module.name) {
                    let target_file = self.modules[target].file;
                    if let Some(declared) = &self.asts[target_file as usize].module {
                        let definition = crate::plan::Location {
                            file: target_file,
                            span: declared.span,
                        };
                        self.note_use(file, import.module.span, DefKind::Module, definition);
                    }
                }
                let Some(&target) = self.module_index.get(&import.module.name) else {
                    let help = did_you_mean(
                        &import.module.name,
                        self.module_index.keys().map(String::as_str),
                    );
                    self.error(
                        file,
                        CheckError::UnknownModule {
                            name: import.module.name.clone(),
                            span: import.module.span.into(),
                            help,
                        },
                    );
                    continue;
                };
                match &import.names {
                    None => self.modules[module_index].wildcard_imports.push(target),
                    Some(names) => {
                        for name in names {
                            match self.modules[target].decls.get(&name.name).copied() {
                                Some(decl) => {
                                    self.note_decl_use(file, name.span, decl);
                                    self.modules[module_index]
                                        .named_imports
                                        .insert(name.name.clone(), (decl, target));
                                }
                                None => {
                                    let help = did_you_mean(
                                        &name.name,
                                        self.modules[target].decls.keys().map(String::as_str),
                                    );
                                    self.error(
                                        file,
                                        CheckError::UnknownImport {
                                            module: import.module.name.clone(),
                                            name: name.name.clone(),
                                            span: name.span.into(),
                                            help,
                                        },
                                    );
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The declaration `name` refers to in `module`, reporting ambiguity.
    pub(super) fn lookup(&mut self, module: usize, name: &Ident) -> Option<DeclRef> {
        let found = self.lookup_quietly(module, name);
        if let Some(decl) = found {
            let file = self.modules[module].file;
            self.note_decl_use(file, name.span, decl);
        }
        found
    }

    fn lookup_quietly(&mut self, module: usize, name: &Ident) -> Option<DeclRef> {
        let here = &self.modules[module];
        if let Some(decl) = here.decls.get(&name.name) {
            return Some(*decl);
        }
        if let Some((decl, _)) = here.named_imports.get(&name.name) {
            return Some(*decl);
        }
        let mut found: Option<(DeclRef, usize)> = None;
        let file = here.file;
        for &target in &here.wildcard_imports.clone() {
            if let Some(decl) = self.modules[target].decls.get(&name.name).copied() {
                match found {
                    Some((previous, from)) if previous != decl => {
                        let error = CheckError::AmbiguousName {
                            name: name.name.clone(),
                            first: self.modules[from].name.clone(),
                            second: self.modules[target].name.clone(),
                            span: name.span.into(),
                        };
                        self.error(file, error);
                        return Some(previous);
                    }
                    _ => found = Some((decl, target)),
                }
            }
        }
        found.map(|(decl, _)| decl)
    }

    /// Every name visible in `module`, for suggestions.
    pub(super) fn visible_names(&self, module: usize) -> Vec<String> {
        let here = &self.modules[module];
        let mut names: Vec<String> = here.decls.keys().cloned().collect();
        names.extend(here.named_imports.keys().cloned());
        for &target in &here.wildcard_imports {
            names.extend(self.modules[target].decls.keys().cloned());
        }
        names.sort();
        names.dedup();
        names
    }
}
