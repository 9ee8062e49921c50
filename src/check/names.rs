//! Checking the leaves of expressions: literals, text templates, names
//! (locals, `input`, `now`, values, constants and bare symbols) and field
//! access, where optional fields meet presence tests.

use chrono::TimeDelta;

use std::sync::Arc;

use super::errors::CheckError;
use super::expr::Scope;
use super::Checker;
use crate::diagnostic::did_you_mean;
use crate::plan::Expr;
use crate::syntax::ast;
use crate::types::Type;
use crate::value::Value;

use super::expr::path_key;
use super::index::DefKind;
use super::scope::DeclRef;
use crate::plan::{Path, Root, TemplatePiece};
use crate::syntax::ast::{DurationUnit, Literal};
use crate::value::decimal::{parse_decimal, parse_int};
use crate::value::money::{Currency, Money};
use crate::value::time::{parse_date, parse_instant, YearMonth};

impl Checker<'_> {
    pub(super) fn literal(
        &mut self,
        file: u16,
        literal: &Literal,
        span: ast::Span,
        expected: Option<&Type>,
    ) -> (Type, Expr) {
        let bad = |this: &mut Self, text: &str, kind: &str, reason: &str| {
            this.error(
                file,
                CheckError::BadLiteral {
                    text: text.to_string(),
                    kind: kind.to_string(),
                    span: span.into(),
                    reason: reason.to_string(),
                },
            );
            (Type::Unknown, Expr::Const(Value::Absent))
        };
        match literal {
            Literal::Absent => (
                Type::Optional(Arc::new(Type::Unknown)),
                Expr::Const(Value::Absent),
            ),
            Literal::Bool(b) => (Type::Bool, Expr::Const(Value::Bool(*b))),
            Literal::Number(text) => {
                let wants_decimal = matches!(expected.map(Type::required), Some(Type::Decimal));
                if text.contains('.') || wants_decimal {
                    match parse_decimal(text) {
                        Ok(d) => (Type::Decimal, Expr::Const(Value::Decimal(d))),
                        Err(_) => bad(
                            self,
                            text,
                            "decimal",
                            "too many digits: at most 28 significant digits fit",
                        ),
                    }
                } else {
                    match parse_int(text) {
                        Ok(i) => (Type::Int, Expr::Const(Value::Int(i))),
                        Err(_) => bad(self, text, "integer", "does not fit in 64 bits"),
                    }
                }
            }
            Literal::Money { amount, currency } => {
                let Some(code) = Currency::parse(currency) else {
                    return bad(
                        self,
                        currency,
                        "currency",
                        "currencies are three upper-case letters",
                    );
                };
                match parse_decimal(amount) {
                    Ok(d) => (
                        Type::Money(Some(code)),
                        Expr::Const(Value::Money(Money::new(d, code))),
                    ),
                    Err(_) => bad(
                        self,
                        amount,
                        "amount",
                        "too many digits: at most 28 significant digits fit",
                    ),
                }
            }
            Literal::Date(text) => match parse_date(text) {
                Some(d) => (Type::Date, Expr::Const(Value::Date(d))),
                None => bad(self, text, "date", "no such calendar day"),
            },
            Literal::Instant(text) => match parse_instant(text) {
                Some(t) => (Type::Instant, Expr::Const(Value::Instant(t))),
                None => bad(self, text, "instant", "not an RFC 3339 instant"),
            },
            Literal::Month(text) => match YearMonth::parse(text) {
                Some(m) => (Type::Month, Expr::Const(Value::Month(m))),
                None => bad(
                    self,
                    text,
                    "month",
                    "months are `YYYY-MM` with a month from 01 to 12",
                ),
            },
            Literal::Duration { count, unit } => {
                let delta = parse_int(count).ok().and_then(|n| match unit {
                    DurationUnit::Weeks => TimeDelta::try_weeks(n),
                    DurationUnit::Days => TimeDelta::try_days(n),
                    DurationUnit::Hours => TimeDelta::try_hours(n),
                    DurationUnit::Minutes => TimeDelta::try_minutes(n),
                    DurationUnit::Seconds => TimeDelta::try_seconds(n),
                });
                match delta {
                    Some(d) => (Type::Duration, Expr::Const(Value::Duration(d))),
                    None => bad(self, count, "duration", "too long"),
                }
            }
        }
    }

    pub(super) fn template(&mut self, scope: &mut Scope, template: &ast::Template) -> (Type, Expr) {
        let mut pieces = Vec::with_capacity(template.parts.len());
        for part in &template.parts {
            match part {
                ast::TemplatePart::Text(text) => {
                    pieces.push(TemplatePiece::Text(Arc::from(text.as_str())))
                }
                ast::TemplatePart::Expr(expr) => {
                    let (ty, compiled) = self.check(scope, expr, None);
                    pieces.push(TemplatePiece::Value(compiled, ty));
                }
            }
        }
        if let [TemplatePiece::Text(text)] = pieces.as_slice() {
            return (Type::Text, Expr::Const(Value::Text(text.clone())));
        }
        if pieces.is_empty() {
            return (Type::Text, Expr::Const(Value::text("")));
        }
        (Type::Text, Expr::Template(pieces))
    }

    pub(super) fn name(
        &mut self,
        scope: &mut Scope,
        ident: &ast::Ident,
        expected: Option<&Type>,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        // A bare name that is also a member of the expected enumeration is
        // the symbol, unless a local or value of that name would fit too:
        // then nobody can tell which was meant, and the checker says so.
        let member = expected.map(Type::required).and_then(|t| match t {
            Type::Enum(e) => e.member_named(&ident.name).map(|sym| (e.clone(), sym)),
            _ => None,
        });
        let shadowing = scope
            .locals
            .iter()
            .rev()
            .find(|l| l.name == ident.name)
            .map(|l| l.ty.clone())
            .or_else(|| {
                scope
                    .values
                    .iter()
                    .find(|v| v.name == ident.name)
                    .map(|v| v.ty.clone())
            });
        if let (Some((enum_ty, sym)), Some(named_ty)) = (&member, &shadowing) {
            if expected.is_some_and(|e| named_ty.fits(e)) {
                self.error(
                    file,
                    CheckError::Invalid {
                        message: format!(
                            "`{}` is both a name in scope and a member of `{}`",
                            ident.name,
                            Type::Enum(enum_ty.clone()).display()
                        ),
                        span: ident.span.into(),
                        help: Some(
                            "rename the parameter, local or value so that the symbol is not hidden"
                                .into(),
                        ),
                    },
                );
            }
            let ty = Type::Enum(enum_ty.clone());
            self.note_type(file, ident.span, &ty, None);
            return (ty, Expr::Const(Value::Symbol(*sym)));
        }
        if let Some(local) = scope.locals.iter().rev().find(|l| l.name == ident.name) {
            let ty = self.narrow(scope, &ident.name, local.ty.clone());
            let root = Root::Local(local.slot);
            return (
                ty.clone(),
                Expr::Path(Path {
                    root,
                    fields: Box::new([]),
                    suffix: Arc::from(""),
                    ty,
                }),
            );
        }
        match ident.name.as_str() {
            "input" => {
                let Some(input) = scope.input.clone() else {
                    self.error(file, CheckError::OutsideDecision {
                        what: "input".into(),
                        span: ident.span.into(),
                        help: Some("constants and tables cannot read the input; pass what they need as a parameter".into()),
                    });
                    return (Type::Unknown, Expr::Const(Value::Absent));
                };
                let path = Path {
                    root: Root::Input,
                    fields: Box::new([]),
                    suffix: Arc::from(""),
                    ty: input.clone(),
                };
                return (input, Expr::Path(path));
            }
            "now" if scope.allow_now => {
                scope.uses_now = true;
                return (Type::Instant, Expr::Now);
            }
            "now" => {
                self.error(file, CheckError::OutsideDecision {
                    what: "now".into(),
                    span: ident.span.into(),
                    help: Some("`now` is the scenario's `as_of` instant, known only when a decision is evaluated".into()),
                });
                return (Type::Unknown, Expr::Const(Value::Absent));
            }
            _ => {}
        }
        if let Some(index) = scope.values.iter().position(|v| v.name == ident.name) {
            let sig = &scope.values[index];
            if scope.in_rule && sig.gated {
                self.error(
                    file,
                    CheckError::GatedValue {
                        name: ident.name.clone(),
                        span: ident.span.into(),
                    },
                );
            }
            scope.value_refs.push(index);
            let definition = scope.values[index].location;
            self.note_use(file, ident.span, DefKind::Value, definition);
            return (
                scope.values[index].ty.clone(),
                Expr::DecisionValue(index as u16),
            );
        }
        if let Some(enum_ty) = expected.map(Type::required).and_then(|t| match t {
            Type::Enum(e) => Some(e.clone()),
            _ => None,
        }) {
            // Constants shadow symbols only when they are not members.
            if let Some(sym) = enum_ty.member_named(&ident.name) {
                let ty = Type::Enum(enum_ty);
                self.note_type(file, ident.span, &ty, None);
                return (ty, Expr::Const(Value::Symbol(sym)));
            }
        }
        match self.lookup(scope.module, ident) {
            Some(DeclRef::Const(index)) => {
                return match self.resolve_const(index) {
                    Some((ty, value)) => (ty, Expr::Const(value)),
                    None => (Type::Unknown, Expr::Const(Value::Absent)),
                };
            }
            Some(DeclRef::Type(_)) | Some(DeclRef::Table(_)) | Some(DeclRef::Function(_)) => {
                self.error(
                    file,
                    CheckError::Invalid {
                        message: format!(
                            "`{}` is a type, table or function, not a value",
                            ident.name
                        ),
                        span: ident.span.into(),
                        help: Some("call a table with its arguments, such as `name(a, b)`".into()),
                    },
                );
                return (Type::Unknown, Expr::Const(Value::Absent));
            }
            None => {}
        }
        match expected.map(Type::required) {
            Some(Type::Enum(e)) => {
                let help = e
                    .suggestion(&ident.name)
                    .or_else(|| Some(format!("the members are {}", e.listing())));
                self.error(
                    file,
                    CheckError::UnknownSymbol {
                        symbol: ident.name.clone(),
                        ty: expected
                            .map(|t| t.display().to_string())
                            .unwrap_or_default(),
                        span: ident.span.into(),
                        help,
                    },
                );
                (Type::Unknown, Expr::Const(Value::Absent))
            }
            Some(Type::Unknown) => (Type::Unknown, Expr::Const(Value::Absent)),
            _ => {
                let mut candidates: Vec<String> =
                    scope.locals.iter().map(|l| l.name.clone()).collect();
                candidates.extend(scope.values.iter().map(|v| v.name.clone()));
                candidates.extend(self.visible_names(scope.module));
                candidates.push("input".into());
                let help = did_you_mean(&ident.name, candidates.iter().map(String::as_str));
                self.error(
                    file,
                    CheckError::UnknownName {
                        name: ident.name.clone(),
                        span: ident.span.into(),
                        help,
                    },
                );
                (Type::Unknown, Expr::Const(Value::Absent))
            }
        }
    }

    /// An optional type with its wrapper removed where a presence test holds.
    pub(super) fn narrow(&self, scope: &Scope, key: &str, ty: Type) -> Type {
        match ty {
            Type::Optional(inner) if scope.narrowed.iter().any(|k| k == key) => (*inner).clone(),
            other => other,
        }
    }

    pub(super) fn field(
        &mut self,
        scope: &mut Scope,
        whole: &ast::Expr,
        base: &ast::Expr,
        field: &ast::Ident,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        let (base_ty, base_c) = self.check(scope, base, None);
        let base_ty = self.present(scope, base, base_ty);
        let record = match &base_ty {
            Type::Record(record) => record.clone(),
            Type::Unknown => return (Type::Unknown, Expr::Const(Value::Absent)),
            other => {
                self.error(
                    file,
                    CheckError::UnknownField {
                        field: field.name.clone(),
                        ty: other.display().to_string(),
                        span: field.span.into(),
                        help: Some(format!(
                            "`{}` is not a record, so it has no fields",
                            self.text(file, base.span)
                        )),
                    },
                );
                return (Type::Unknown, Expr::Const(Value::Absent));
            }
        };
        let Some((index, declared)) = record.field(&field.name) else {
            let help = did_you_mean(&field.name, record.fields.iter().map(|f| f.name.as_str()))
                .or_else(|| {
                    let names: Vec<&str> = record.fields.iter().map(|f| f.name.as_str()).collect();
                    Some(format!("its fields are {}", names.join(", ")))
                });
            self.error(
                file,
                CheckError::UnknownField {
                    field: field.name.clone(),
                    ty: base_ty.display().to_string(),
                    span: field.span.into(),
                    help,
                },
            );
            return (Type::Unknown, Expr::Const(Value::Absent));
        };
        let mut ty = declared.ty.clone();
        let declared_at = declared.declared;
        if declared.optional {
            ty = Type::Optional(Arc::new(ty));
            if let Some(key) = path_key(whole) {
                ty = self.narrow(scope, &key, ty);
            }
        }
        self.note_type(file, field.span, &ty, declared_at);
        let compiled = match base_c {
            Expr::Path(path) => {
                let mut fields = path.fields.to_vec();
                fields.push(index as u16);
                Expr::Path(Path {
                    root: path.root,
                    fields: fields.into_boxed_slice(),
                    suffix: Arc::from(format!("{}.{}", path.suffix, field.name)),
                    ty: ty.clone(),
                })
            }
            other => Expr::Field(Box::new(other), index as u16),
        };
        (ty, compiled)
    }
}
