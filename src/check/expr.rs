//! Type checking of expressions, and their compilation to plan expressions.
//!
//! Checking is bidirectional: an expected type flows down so that a bare
//! symbol such as `US` can be read as a member of the enumeration it is
//! compared with, and a mismatch is reported where it is written.

use std::sync::Arc;

use super::errors::CheckError;
use super::Checker;
use crate::plan::Expr;
use crate::syntax::ast::{self, ExprKind, Literal};
use crate::types::Type;
use crate::value::Value;

/// A name bound inside an expression owner (a `for`, a `let`, a quantifier
/// variable or a table parameter).
#[derive(Clone, Debug)]
pub struct Local {
    pub name: String,
    pub ty: Type,
    pub slot: u16,
}

/// A computed value of the enclosing decision, as other expressions see it.
#[derive(Clone, Debug)]
pub struct ValueSig {
    pub name: String,
    pub ty: Type,
    pub gated: bool,
    pub location: crate::plan::Location,
}

/// What an expression may refer to where it stands.
pub struct Scope {
    pub module: usize,
    pub input: Option<Type>,
    pub allow_now: bool,
    pub values: Vec<ValueSig>,
    pub in_rule: bool,
    pub allow_rules_pass: bool,
    pub locals: Vec<Local>,
    pub slots: Vec<Arc<str>>,
    pub narrowed: Vec<String>,
    pub uses_now: bool,
    pub value_refs: Vec<usize>,
}

impl Scope {
    pub fn constant(module: usize) -> Scope {
        Scope {
            module,
            input: None,
            allow_now: false,
            values: Vec::new(),
            in_rule: false,
            allow_rules_pass: false,
            locals: Vec::new(),
            slots: Vec::new(),
            narrowed: Vec::new(),
            uses_now: false,
            value_refs: Vec::new(),
        }
    }

    pub fn decision(module: usize, input: Type, values: Vec<ValueSig>) -> Scope {
        Scope {
            input: Some(input),
            allow_now: true,
            values,
            ..Scope::constant(module)
        }
    }

    pub fn bind(&mut self, name: &str, ty: Type) -> u16 {
        let slot = self.slots.len() as u16;
        self.slots.push(Arc::from(name));
        self.locals.push(Local {
            name: name.to_string(),
            ty,
            slot,
        });
        slot
    }

    pub fn unbind(&mut self) {
        self.locals.pop();
    }

    pub fn with_facts(&mut self, facts: &[String]) -> usize {
        let mark = self.narrowed.len();
        self.narrowed.extend(facts.iter().cloned());
        mark
    }

    pub fn drop_facts(&mut self, mark: usize) {
        self.narrowed.truncate(mark);
    }
}

/// `input.offer.lines` for a field chain, used to remember what a presence
/// test has established.
pub fn path_key(expr: &ast::Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::Name(ident) => Some(ident.name.clone()),
        ExprKind::Field(base, field) => path_key(base).map(|base| format!("{base}.{}", field.name)),
        _ => None,
    }
}

/// The paths known present when `expr` is `positive` (true) or false.
pub fn facts(expr: &ast::Expr, positive: bool) -> Vec<String> {
    match &expr.kind {
        ExprKind::Present { negated, operand } if *negated != positive => {
            path_key(operand).into_iter().collect()
        }
        ExprKind::And(a, b) if positive => [facts(a, true), facts(b, true)].concat(),
        ExprKind::Or(a, b) if !positive => [facts(a, false), facts(b, false)].concat(),
        ExprKind::Not(inner) => facts(inner, !positive),
        _ => Vec::new(),
    }
}

/// Computes an expression whose operands are all constants once, here,
/// instead of at every evaluation (`{US, GB, CA}`, `30 * 24`). Anything that
/// could fail is left to evaluation, which reports it with its place.
fn fold(expr: Expr) -> Expr {
    let constant = |e: &Expr| matches!(e, Expr::Const(_));
    let foldable = match &expr {
        Expr::List(items) => items.iter().all(constant),
        Expr::Arith { left, right, .. } | Expr::Compare { left, right, .. } => {
            constant(left) && constant(right)
        }
        Expr::And(a, b) | Expr::Or(a, b) => constant(a) && constant(b),
        Expr::Not(a) | Expr::IntToDecimal(a) | Expr::Neg(a, _) => constant(a),
        Expr::Call { args, .. } => args.iter().all(constant),
        Expr::In {
            item, collection, ..
        } => constant(item) && constant(collection),
        _ => false,
    };
    if !foldable {
        return expr;
    }
    match crate::eval::constant(&expr) {
        Ok(value) => Expr::Const(value),
        Err(_) => expr,
    }
}

pub(super) fn is_bare_name(expr: &ast::Expr) -> bool {
    matches!(expr.kind, ExprKind::Name(_))
}

impl Checker<'_> {
    /// Checks `expr` against `expected`, reporting a mismatch, and compiles it.
    pub(super) fn expect(&mut self, scope: &mut Scope, expr: &ast::Expr, expected: &Type) -> Expr {
        let (found, compiled) = self.check(scope, expr, Some(expected));
        self.coerce(scope, expr, found, compiled, expected)
    }

    pub(super) fn coerce(
        &mut self,
        scope: &Scope,
        expr: &ast::Expr,
        found: Type,
        compiled: Expr,
        expected: &Type,
    ) -> Expr {
        let file = self.file_of(scope.module);
        if matches!(found, Type::Optional(_))
            && !matches!(expected, Type::Optional(_) | Type::Unknown)
        {
            self.error(
                file,
                CheckError::OptionalUsed {
                    what: self.text(file, expr.span),
                    span: expr.span.into(),
                },
            );
            return compiled;
        }
        if !found.fits(expected) {
            let help = match (&found, expected) {
                (Type::Decimal, Type::Int) => {
                    Some("round it explicitly, or declare the target as `decimal`".into())
                }
                (Type::Date, Type::Instant) => Some(
                    "use `start_of_day(d)` or `end_of_day(d)` to turn a date into an instant"
                        .into(),
                ),
                (Type::Enum(e), Type::Enum(_)) => {
                    Some(format!("`{}` has members {}", found.display(), e.listing()))
                }
                _ => None,
            };
            self.error(
                file,
                CheckError::TypeMismatch {
                    expected: expected.display().to_string(),
                    found: found.display().to_string(),
                    span: expr.span.into(),
                    help,
                },
            );
            return compiled;
        }
        if matches!(found, Type::Int) && matches!(expected.required(), Type::Decimal) {
            return Expr::IntToDecimal(Box::new(compiled));
        }
        compiled
    }

    /// Checks a condition.
    pub(super) fn condition(&mut self, scope: &mut Scope, expr: &ast::Expr) -> Expr {
        self.expect(scope, expr, &Type::Bool)
    }

    /// Infers the type of `expr` (guided by `expected` where given) and
    /// compiles it.
    pub(super) fn check(
        &mut self,
        scope: &mut Scope,
        expr: &ast::Expr,
        expected: Option<&Type>,
    ) -> (Type, Expr) {
        let (ty, compiled) = self.check_unfolded(scope, expr, expected);
        (ty, fold(compiled))
    }

    fn check_unfolded(
        &mut self,
        scope: &mut Scope,
        expr: &ast::Expr,
        expected: Option<&Type>,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        let span = expr.span;
        match &expr.kind {
            ExprKind::Literal(literal) => self.literal(file, literal, span, expected),
            ExprKind::Text(template) => self.template(scope, template),
            ExprKind::Name(ident) => self.name(scope, ident, expected),
            ExprKind::Field(base, field) => self.field(scope, expr, base, field),
            ExprKind::Neg(operand) => {
                if let Some(negative) = negative_int_literal(operand, expected) {
                    return negative;
                }
                let (ty, compiled) = self.check(scope, operand, expected);
                let ty = self.present(scope, operand, ty);
                if !matches!(
                    ty,
                    Type::Int | Type::Decimal | Type::Money(_) | Type::Duration | Type::Unknown
                ) {
                    self.error(
                        file,
                        CheckError::BadOperands {
                            op: "-".into(),
                            left: ty.display().to_string(),
                            right: ty.display().to_string(),
                            span: span.into(),
                            help: Some("only numbers, money and durations can be negated".into()),
                        },
                    );
                    return (Type::Unknown, compiled);
                }
                (ty, Expr::Neg(Box::new(compiled), span))
            }
            ExprKind::Not(operand) => {
                let compiled = self.condition(scope, operand);
                (Type::Bool, Expr::Not(Box::new(compiled)))
            }
            ExprKind::And(a, b) => {
                let left = self.condition(scope, a);
                let mark = scope.with_facts(&facts(a, true));
                let right = self.condition(scope, b);
                scope.drop_facts(mark);
                (Type::Bool, Expr::And(Box::new(left), Box::new(right)))
            }
            ExprKind::Or(a, b) => {
                let left = self.condition(scope, a);
                let mark = scope.with_facts(&facts(a, false));
                let right = self.condition(scope, b);
                scope.drop_facts(mark);
                (Type::Bool, Expr::Or(Box::new(left), Box::new(right)))
            }
            ExprKind::Arith(op, a, b) => self.arith(scope, *op, a, b, span, expected),
            ExprKind::Compare(op, a, b) => self.compare(scope, *op, a, b, span),
            ExprKind::In {
                negated,
                item,
                collection,
            } => self.membership(scope, *negated, item, collection),
            ExprKind::Present { negated, operand } => {
                let (_, compiled) = self.check(scope, operand, None);
                (
                    Type::Bool,
                    Expr::Present {
                        negated: *negated,
                        operand: Box::new(compiled),
                    },
                )
            }
            ExprKind::Coalesce(a, b) => {
                let (left_ty, left) = self.check(scope, a, expected);
                let inner = left_ty.required().clone();
                let right = self.expect(scope, b, &inner);
                (inner, Expr::Coalesce(Box::new(left), Box::new(right)))
            }
            ExprKind::If(c, t, e) => {
                let cond = self.condition(scope, c);
                let mark = scope.with_facts(&facts(c, true));
                let (then_ty, then_c) = self.check(scope, t, expected);
                scope.drop_facts(mark);
                let mark = scope.with_facts(&facts(c, false));
                let (else_ty, else_c) = self.check(scope, e, expected.or(Some(&then_ty)));
                scope.drop_facts(mark);
                let ty = self.unify(scope, e, &then_ty, &else_ty);
                let then_c = self.coerce(scope, t, then_ty, then_c, &ty);
                let else_c = self.coerce(scope, e, else_ty, else_c, &ty);
                (
                    ty,
                    Expr::If(Box::new(cond), Box::new(then_c), Box::new(else_c)),
                )
            }
            ExprKind::Match(subject, arms) => self.match_expr(scope, subject, arms, span, expected),
            ExprKind::Quantifier {
                kind,
                var,
                list,
                body,
            } => self.quantifier(scope, *kind, var, list, body, span),
            ExprKind::Call(name, args) => self.call(scope, name, args, span, expected),
            ExprKind::Set(items) | ExprKind::List(items) => {
                let is_set = matches!(expr.kind, ExprKind::Set(_));
                self.collection(scope, items, span, expected, is_set)
            }
            ExprKind::AllRulesPass => {
                if !scope.allow_rules_pass {
                    self.error(file, CheckError::Invalid {
                        message: "`all rules pass` can only be used in a decision's outcome or values".into(),
                        span: span.into(),
                        help: Some("a rule states one requirement; combine rules in the decision".into()),
                    });
                }
                (Type::Bool, Expr::AllRulesPass)
            }
        }
    }

    /// The common type of two branches.
    fn unify(&mut self, scope: &Scope, at: &ast::Expr, a: &Type, b: &Type) -> Type {
        if a.is_unknown() {
            return b.clone();
        }
        if b.fits(a) {
            return a.clone();
        }
        if a.fits(b) {
            return b.clone();
        }
        let file = self.file_of(scope.module);
        self.error(
            file,
            CheckError::TypeMismatch {
                expected: a.display().to_string(),
                found: b.display().to_string(),
                span: at.span.into(),
                help: Some("every branch must give a value of the same type".into()),
            },
        );
        Type::Unknown
    }

    /// Reports use of an optional value where a present one is needed.
    pub(super) fn present(&mut self, scope: &Scope, expr: &ast::Expr, ty: Type) -> Type {
        match ty {
            Type::Optional(_) => {
                let file = self.file_of(scope.module);
                self.error(
                    file,
                    CheckError::OptionalUsed {
                        what: self.text(file, expr.span),
                        span: expr.span.into(),
                    },
                );
                Type::Unknown
            }
            other => other,
        }
    }
}

impl Scope {
    /// A copy for typing an expression speculatively, without side effects
    /// on what the real scope records.
    pub fn probe(scope: &Scope) -> Scope {
        Scope {
            module: scope.module,
            input: scope.input.clone(),
            allow_now: scope.allow_now,
            values: scope.values.clone(),
            in_rule: false,
            allow_rules_pass: true,
            locals: scope.locals.clone(),
            slots: scope.slots.clone(),
            narrowed: scope.narrowed.clone(),
            uses_now: false,
            value_refs: Vec::new(),
        }
    }
}

/// `-9223372036854775808` as one literal: its digits alone do not fit in
/// 64 bits, but the negative number does, so it is not read as the
/// negation of a positive literal.
fn negative_int_literal(operand: &ast::Expr, expected: Option<&Type>) -> Option<(Type, Expr)> {
    let ExprKind::Literal(Literal::Number(text)) = &operand.kind else {
        return None;
    };
    let wants_decimal = matches!(expected.map(Type::required), Some(Type::Decimal));
    if text.contains('.') || wants_decimal {
        return None;
    }
    let value = crate::value::decimal::parse_int(&format!("-{text}")).ok()?;
    Some((Type::Int, Expr::Const(Value::Int(value))))
}
