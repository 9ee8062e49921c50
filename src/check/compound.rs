//! Checking compound expressions: set and list literals, `match` with its
//! exhaustiveness, and quantifiers over lists.

use std::sync::Arc;

use super::errors::CheckError;
use super::expr::Scope;
use super::Checker;
use crate::plan::Expr;
use crate::syntax::ast;
use crate::types::Type;

use super::expr::is_bare_name;
use super::scope::DeclRef;
use crate::syntax::ast::{ExprKind, QuantifierKind};

impl Checker<'_> {
    /// Checks an expression that must be a list, giving its element type.
    pub(super) fn list_operand(
        &mut self,
        scope: &mut Scope,
        list: &ast::Expr,
        help: Option<&str>,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        let (list_ty, list_c) = self.check(scope, list, None);
        let list_ty = self.present(scope, list, list_ty);
        let element = match &list_ty {
            Type::List(e) | Type::Set(e) => (**e).clone(),
            Type::Unknown => Type::Unknown,
            other => {
                self.error(
                    file,
                    CheckError::TypeMismatch {
                        expected: "a list".into(),
                        found: other.display().to_string(),
                        span: list.span.into(),
                        help: help.map(str::to_string),
                    },
                );
                Type::Unknown
            }
        };
        (element, list_c)
    }

    pub(super) fn collection(
        &mut self,
        scope: &mut Scope,
        items: &[ast::Expr],
        span: ast::Span,
        expected: Option<&Type>,
        is_set: bool,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        let mut element = expected.and_then(|t| t.required().element().cloned());
        if element.is_none() {
            // Type the collection from its first element that is not a bare symbol.
            if let Some(first) = items
                .iter()
                .find(|e| !is_bare_name(e) || self.is_value_name(scope, e))
            {
                let errors_before = self.errors.len();
                let (ty, _) = self.check(&mut Scope::probe(scope), first, None);
                self.errors.truncate(errors_before);
                element = Some(ty);
            } else if !items.is_empty() {
                self.error(file, CheckError::UntypedSymbols { span: span.into() });
                element = Some(Type::Unknown);
            }
        }
        let element = element.unwrap_or(Type::Unknown);
        let compiled: Vec<Expr> = items
            .iter()
            .map(|item| self.expect(scope, item, &element))
            .collect();
        let ty = if is_set {
            Type::Set(Arc::new(element))
        } else {
            Type::List(Arc::new(element))
        };
        (ty, Expr::List(compiled))
    }

    /// Whether a bare name refers to a local, value or constant rather than a symbol.
    pub(super) fn is_value_name(&mut self, scope: &Scope, expr: &ast::Expr) -> bool {
        let ExprKind::Name(ident) = &expr.kind else {
            return true;
        };
        scope.locals.iter().any(|l| l.name == ident.name)
            || scope.values.iter().any(|v| v.name == ident.name)
            || ident.name == "input"
            || ident.name == "now"
            || matches!(
                self.modules[scope.module].decls.get(&ident.name),
                Some(DeclRef::Const(_))
            )
    }

    pub(super) fn match_expr(
        &mut self,
        scope: &mut Scope,
        subject: &ast::Expr,
        arms: &[ast::MatchArm],
        span: ast::Span,
        expected: Option<&Type>,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        let (subject_ty, subject_c) = self.check(scope, subject, None);
        let subject_ty = self.present(scope, subject, subject_ty);
        let enum_ty = match &subject_ty {
            Type::Enum(e) => Some(e.clone()),
            Type::Unknown => None,
            other => {
                self.error(file, CheckError::TypeMismatch {
                    expected: "an enumeration".into(),
                    found: other.display().to_string(),
                    span: subject.span.into(),
                    help: Some("`match` chooses by symbol; use `if … then … else …` for other conditions".into()),
                });
                None
            }
        };
        let mut result_ty = expected.cloned();
        let mut compiled_arms = Vec::new();
        let mut otherwise = None;
        let mut covered = Vec::new();
        for arm in arms {
            let (body_ty, body_c) = self.check(scope, &arm.body, result_ty.as_ref());
            let ty = match &result_ty {
                Some(ty) => ty.clone(),
                None => body_ty.clone(),
            };
            let body_c = self.coerce(scope, &arm.body, body_ty, body_c, &ty);
            result_ty = Some(ty);
            match &arm.patterns {
                None => otherwise = Some(Box::new(body_c)),
                Some(patterns) => {
                    let mut syms = Vec::new();
                    for pattern in patterns {
                        let Some(e) = &enum_ty else { continue };
                        match e.member_named(&pattern.name) {
                            Some(sym) => {
                                covered.push(sym);
                                syms.push(sym);
                            }
                            None => {
                                let help = e.suggestion(&pattern.name);
                                self.error(
                                    file,
                                    CheckError::UnknownSymbol {
                                        symbol: pattern.name.clone(),
                                        ty: subject_ty.display().to_string(),
                                        span: pattern.span.into(),
                                        help,
                                    },
                                );
                            }
                        }
                    }
                    compiled_arms.push((syms, body_c));
                }
            }
        }
        if let (Some(e), None) = (&enum_ty, &otherwise) {
            let missing: Vec<String> = e
                .members
                .iter()
                .filter(|(sym, _)| !covered.contains(sym))
                .map(|(_, name)| format!("`{name}`"))
                .collect();
            if !missing.is_empty() {
                self.error(
                    file,
                    CheckError::NonExhaustiveMatch {
                        missing: missing.join(", "),
                        span: span.into(),
                    },
                );
            }
        }
        (
            result_ty.unwrap_or(Type::Unknown),
            Expr::Match {
                subject: Box::new(subject_c),
                arms: compiled_arms,
                otherwise,
                span,
            },
        )
    }

    pub(super) fn quantifier(
        &mut self,
        scope: &mut Scope,
        kind: QuantifierKind,
        var: &ast::Ident,
        list: &ast::Expr,
        body: &ast::Expr,
        span: ast::Span,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        let (element, list_c) = self.list_operand(scope, list, None);
        let slot = scope.bind(&var.name, element.clone());
        let (ty, body_c) = match kind {
            QuantifierKind::All | QuantifierKind::Any => (Type::Bool, self.condition(scope, body)),
            QuantifierKind::Count => (Type::Int, self.condition(scope, body)),
            QuantifierKind::Filter => (Type::List(Arc::new(element)), self.condition(scope, body)),
            QuantifierKind::Map => {
                let (body_ty, body_c) = self.check(scope, body, None);
                (Type::List(Arc::new(body_ty)), body_c)
            }
            QuantifierKind::Sum | QuantifierKind::Min | QuantifierKind::Max => {
                let (body_ty, body_c) = self.check(scope, body, None);
                let body_ty = self.present(scope, body, body_ty);
                let summable = matches!(
                    body_ty,
                    Type::Int | Type::Decimal | Type::Money(_) | Type::Duration | Type::Unknown
                );
                let fine = if kind == QuantifierKind::Sum {
                    summable
                } else {
                    body_ty.is_ordered()
                };
                if !fine {
                    self.error(
                        file,
                        CheckError::TypeMismatch {
                            expected: if kind == QuantifierKind::Sum {
                                "a number, money or a duration"
                            } else {
                                "a value with an order"
                            }
                            .into(),
                            found: body_ty.display().to_string(),
                            span: body.span.into(),
                            help: None,
                        },
                    );
                }
                let ty = if kind == QuantifierKind::Sum {
                    body_ty
                } else {
                    Type::Optional(Arc::new(body_ty))
                };
                (ty, body_c)
            }
        };
        scope.unbind();
        (
            ty.clone(),
            Expr::Quantifier {
                kind,
                slot,
                list: Box::new(list_c),
                body: Box::new(body_c),
                ty,
                span,
            },
        )
    }
}
