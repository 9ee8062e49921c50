//! Type expressions and constants: resolving named types (with cycle
//! detection) and computing constants once, at check time.

use std::sync::Arc;

use super::errors::CheckError;
use super::expr::Scope;
use super::scope::DeclRef;
use super::{Checker, Resolve, TypeSource};
use crate::diagnostic::did_you_mean;
use crate::syntax::ast::{Ident, TypeExpr, TypeExprKind};
use crate::types::{EnumType, FieldType, RecordType, Type};
use crate::value::money::Currency;
use crate::value::Value;

const BUILTIN_TYPES: [&str; 8] = [
    "bool", "int", "decimal", "text", "date", "instant", "month", "duration",
];

pub fn is_builtin_type(name: &str) -> bool {
    BUILTIN_TYPES.contains(&name) || name == "money"
}

impl Checker<'_> {
    pub(super) fn resolve_type_expr(&mut self, module: usize, ty: &TypeExpr) -> Type {
        self.resolve_type_named(module, ty, None)
    }

    /// Resolves `ty`; `name` is the declared name when `ty` is the whole body
    /// of a `type` declaration, so records and enumerations carry it.
    fn resolve_type_named(&mut self, module: usize, ty: &TypeExpr, name: Option<&str>) -> Type {
        let file = self.file_of(module);
        match &ty.kind {
            TypeExprKind::Named(ident) => self.resolve_type_name(module, ident),
            TypeExprKind::Money(None) => Type::Money(None),
            TypeExprKind::Money(Some(code)) => match Currency::parse(&code.name) {
                Some(currency) => Type::Money(Some(currency)),
                None => {
                    self.error(
                        file,
                        CheckError::BadLiteral {
                            text: code.name.clone(),
                            kind: "currency".into(),
                            span: code.span.into(),
                            reason: "currencies are three upper-case letters".into(),
                        },
                    );
                    Type::Money(None)
                }
            },
            TypeExprKind::List(element) => {
                Type::List(Arc::new(self.resolve_type_expr(module, element)))
            }
            TypeExprKind::Set(element) => {
                Type::Set(Arc::new(self.resolve_type_expr(module, element)))
            }
            TypeExprKind::Enum(members) => self.enum_from(file, name, members, &[]),
            TypeExprKind::Record(fields) => {
                let mut resolved: Vec<FieldType> = Vec::with_capacity(fields.len());
                for field in fields {
                    if resolved.iter().any(|f| f.name == field.name.name) {
                        self.error(
                            file,
                            CheckError::Duplicate {
                                name: field.name.name.clone(),
                                span: field.name.span.into(),
                                first: None,
                                help: Some("each field of a record appears once".into()),
                            },
                        );
                        continue;
                    }
                    let ty = self.resolve_type_expr(module, &field.ty);
                    resolved.push(FieldType {
                        name: field.name.name.clone(),
                        ty,
                        optional: field.optional,
                        declared: Some(crate::plan::Location {
                            file,
                            span: field.name.span,
                        }),
                    });
                }
                Type::Record(Arc::new(RecordType {
                    name: name.map(str::to_string),
                    fields: resolved,
                }))
            }
        }
    }

    fn enum_from(
        &mut self,
        file: u16,
        name: Option<&str>,
        members: &[Ident],
        aliases: &[(Ident, Ident)],
    ) -> Type {
        let mut resolved: Vec<(crate::value::Sym, String)> = Vec::with_capacity(members.len());
        for member in members {
            if resolved.iter().any(|(_, m)| *m == member.name) {
                self.error(
                    file,
                    CheckError::Duplicate {
                        name: member.name.clone(),
                        span: member.span.into(),
                        first: None,
                        help: Some("each member of an enumeration appears once".into()),
                    },
                );
                continue;
            }
            resolved.push((self.symbols.intern(&member.name), member.name.clone()));
        }
        for (member, alias) in aliases {
            if resolved.iter().any(|(_, m)| *m == alias.name) {
                self.error(
                    file,
                    CheckError::Duplicate {
                        name: alias.name.clone(),
                        span: alias.span.into(),
                        first: None,
                        help: Some(format!(
                            "`{}` is a member; it cannot also be another name for `{}`",
                            alias.name, member.name
                        )),
                    },
                );
            }
        }
        Type::Enum(Arc::new(EnumType {
            name: name.map(str::to_string),
            members: resolved,
            aliases: aliases
                .iter()
                .map(|(member, alias)| (alias.name.clone(), member.name.clone()))
                .collect(),
        }))
    }

    fn resolve_type_name(&mut self, module: usize, ident: &Ident) -> Type {
        match ident.name.as_str() {
            "bool" => return Type::Bool,
            "int" => return Type::Int,
            "decimal" => return Type::Decimal,
            "text" => return Type::Text,
            "date" => return Type::Date,
            "instant" => return Type::Instant,
            "month" => return Type::Month,
            "duration" => return Type::Duration,
            _ => {}
        }
        match self.lookup(module, ident) {
            Some(DeclRef::Type(index)) => self.resolve_type_decl(index),
            _ => {
                let mut candidates = self.visible_names(module);
                candidates.extend(BUILTIN_TYPES.iter().map(|s| s.to_string()));
                let help = did_you_mean(&ident.name, candidates.iter().map(String::as_str));
                let file = self.file_of(module);
                self.error(
                    file,
                    CheckError::UnknownType {
                        name: ident.name.clone(),
                        span: ident.span.into(),
                        help,
                    },
                );
                Type::Unknown
            }
        }
    }

    pub(super) fn resolve_type_decl(&mut self, index: usize) -> Type {
        match &self.types[index].state {
            Resolve::Done(ty) => return ty.clone(),
            Resolve::Failed => return Type::Unknown,
            Resolve::InProgress => {
                let module = self.types[index].module;
                let ident = match self.types[index].source {
                    TypeSource::Alias(decl) => &decl.name,
                    TypeSource::Enum(decl) => &decl.name,
                };
                let error = CheckError::Cycle {
                    name: ident.name.clone(),
                    span: ident.span.into(),
                };
                let file = self.file_of(module);
                self.error(file, error);
                self.types[index].state = Resolve::Failed;
                return Type::Unknown;
            }
            Resolve::Pending => {}
        }
        self.types[index].state = Resolve::InProgress;
        let module = self.types[index].module;
        let ty = match self.types[index].source {
            TypeSource::Alias(decl) => {
                self.resolve_type_named(module, &decl.ty, Some(&decl.name.name))
            }
            TypeSource::Enum(decl) => {
                let file = self.file_of(module);
                self.enum_from(file, Some(&decl.name.name), &decl.symbols, &decl.aliases)
            }
        };
        if matches!(self.types[index].state, Resolve::Failed) {
            return Type::Unknown;
        }
        self.types[index].state = Resolve::Done(ty.clone());
        ty
    }

    /// The type and value of a constant, computed once.
    pub(super) fn resolve_const(&mut self, index: usize) -> Option<(Type, Value)> {
        match &self.consts[index].state {
            Resolve::Done(done) => return Some(done.clone()),
            Resolve::Failed => return None,
            Resolve::InProgress => {
                let decl = self.consts[index].decl;
                let file = self.file_of(self.consts[index].module);
                self.error(
                    file,
                    CheckError::Cycle {
                        name: decl.name.name.clone(),
                        span: decl.name.span.into(),
                    },
                );
                self.consts[index].state = Resolve::Failed;
                return None;
            }
            Resolve::Pending => {}
        }
        self.consts[index].state = Resolve::InProgress;
        let module = self.consts[index].module;
        let decl = self.consts[index].decl;
        let declared = self.resolve_type_expr(module, &decl.ty);
        let mut scope = Scope::constant(module);
        let errors_before = self.errors.len();
        let compiled = self.expect(&mut scope, &decl.value, &declared);
        if matches!(self.consts[index].state, Resolve::Failed) || self.errors.len() > errors_before
        {
            self.consts[index].state = Resolve::Failed;
            return None;
        }
        match crate::eval::constant(&compiled) {
            Ok(value) => {
                self.consts[index].state = Resolve::Done((declared.clone(), value.clone()));
                Some((declared, value))
            }
            Err(reason) => {
                let file = self.file_of(module);
                self.error(
                    file,
                    CheckError::ConstantFailed {
                        name: decl.name.name.clone(),
                        reason,
                        span: decl.value.span.into(),
                    },
                );
                self.consts[index].state = Resolve::Failed;
                None
            }
        }
    }
}
