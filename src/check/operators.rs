//! Checking operators: arithmetic (with currencies and calendar values),
//! comparisons and membership, including which operand types meet.

use std::sync::Arc;

use super::errors::CheckError;
use super::expr::Scope;
use super::Checker;
use crate::plan::Expr;
use crate::syntax::ast;
use crate::types::Type;
use crate::value::Value;

use super::expr::is_bare_name;
use crate::syntax::ast::{ArithOp, CompareOp};

impl Checker<'_> {
    /// Reports an operator applied to operand types it has no meaning for.
    fn bad_operands(
        &mut self,
        file: u16,
        op: &str,
        left: &Type,
        right: &Type,
        span: ast::Span,
        help: Option<String>,
    ) {
        self.error(
            file,
            CheckError::BadOperands {
                op: op.to_string(),
                left: left.display().to_string(),
                right: right.display().to_string(),
                span: span.into(),
                help,
            },
        );
    }

    pub(super) fn arith(
        &mut self,
        scope: &mut Scope,
        op: ArithOp,
        a: &ast::Expr,
        b: &ast::Expr,
        span: ast::Span,
        expected: Option<&Type>,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        let (left_ty, left) = self.check(scope, a, expected);
        let left_ty = self.present(scope, a, left_ty);
        let (right_ty, right) = self.check(scope, b, None);
        let right_ty = self.present(scope, b, right_ty);
        use Type::*;
        let result = match (op, &left_ty, &right_ty) {
            (_, Unknown, _) | (_, _, Unknown) => Some(Unknown),
            (ArithOp::Add | ArithOp::Sub | ArithOp::Mul, Int, Int) => Some(Int),
            (ArithOp::Div, Int, Int) => Some(Decimal),
            (_, Int | Decimal, Int | Decimal) => Some(Decimal),
            (ArithOp::Add | ArithOp::Sub, Money(x), Money(y)) => {
                if let (Some(x), Some(y)) = (x, y) {
                    if x != y {
                        self.error(
                            file,
                            CheckError::CurrencyMismatch {
                                left: x.to_string(),
                                right: y.to_string(),
                                span: span.into(),
                            },
                        );
                    }
                }
                Some(Money(x.or(*y)))
            }
            (ArithOp::Mul, Money(c), Int | Decimal) | (ArithOp::Mul, Int | Decimal, Money(c)) => {
                Some(Money(*c))
            }
            (ArithOp::Div, Money(c), Int | Decimal) => Some(Money(*c)),
            (ArithOp::Div, Money(_), Money(_)) => Some(Decimal),
            (ArithOp::Add | ArithOp::Sub, Date, Duration) => Some(Date),
            (ArithOp::Add, Duration, Date) => Some(Date),
            (ArithOp::Add | ArithOp::Sub, Instant, Duration) => Some(Instant),
            (ArithOp::Add, Duration, Instant) => Some(Instant),
            (ArithOp::Sub, Instant, Instant) | (ArithOp::Sub, Date, Date) => Some(Duration),
            (ArithOp::Add | ArithOp::Sub, Duration, Duration) => Some(Duration),
            (ArithOp::Mul, Duration, Int) | (ArithOp::Mul, Int, Duration) => Some(Duration),
            (ArithOp::Add, Text, Text) => Some(Text),
            _ => None,
        };
        let Some(result) = result else {
            let help = match (&left_ty, &right_ty) {
                (Date, Instant) | (Instant, Date) => Some("turn the date into an instant with `start_of_day(d)` or `end_of_day(d)`".into()),
                (Money(_), Money(_)) => Some("money can be added to or subtracted from money, and multiplied or divided by a number".into()),
                (Text, _) | (_, Text) => Some("text is not a number; declare the field as `decimal` or `int`".into()),
                _ => None,
            };
            self.bad_operands(file, op.symbol(), &left_ty, &right_ty, span, help);
            return (Unknown, Expr::Const(Value::Absent));
        };
        let (left, right) = match (&left_ty, &right_ty, &result) {
            (Int, Decimal, _) | (Int, Int, Decimal) => (Expr::IntToDecimal(Box::new(left)), right),
            (Decimal, Int, _) => (left, Expr::IntToDecimal(Box::new(right))),
            _ => (left, right),
        };
        let right = match (&left_ty, &right_ty, &result) {
            (Int, Int, Decimal) => Expr::IntToDecimal(Box::new(right)),
            _ => right,
        };
        (
            result,
            Expr::Arith {
                op,
                left: Box::new(left),
                right: Box::new(right),
                span,
            },
        )
    }

    pub(super) fn compare(
        &mut self,
        scope: &mut Scope,
        op: CompareOp,
        a: &ast::Expr,
        b: &ast::Expr,
        span: ast::Span,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        // A bare symbol on the left takes its type from the right.
        let ((left_ty, left), (right_ty, right)) = if is_bare_name(a) && !is_bare_name(b) {
            let right = self.check(scope, b, None);
            let left = self.check(scope, a, Some(&right.0));
            (left, right)
        } else {
            let left = self.check(scope, a, None);
            let right = self.check(scope, b, Some(&left.0));
            (left, right)
        };
        let equality = matches!(op, CompareOp::Eq | CompareOp::Ne);
        let (left_ty, right_ty) = if equality {
            (left_ty, right_ty)
        } else {
            (
                self.present(scope, a, left_ty),
                self.present(scope, b, right_ty),
            )
        };
        let fine = left_ty.comparable_with(&right_ty)
            && (equality || (left_ty.is_ordered() && right_ty.is_ordered()));
        if !fine {
            let help = match (left_ty.required(), right_ty.required()) {
                (Type::Date, Type::Instant) | (Type::Instant, Type::Date) => Some("compare an instant with `end_of_day(date)` (exclusive) or `start_of_day(date)`".into()),
                (Type::Enum(_), Type::Enum(_)) if !equality => Some("symbols have no order; compare them with `==` or `in`".into()),
                _ => None,
            };
            self.bad_operands(file, op.symbol(), &left_ty, &right_ty, span, help);
        } else if let (Type::Money(Some(x)), Type::Money(Some(y))) =
            (left_ty.required(), right_ty.required())
        {
            if x != y {
                self.error(
                    file,
                    CheckError::CurrencyMismatch {
                        left: x.to_string(),
                        right: y.to_string(),
                        span: span.into(),
                    },
                );
            }
        }
        let (left, right) = match (left_ty.required(), right_ty.required()) {
            (Type::Int, Type::Decimal) => (Expr::IntToDecimal(Box::new(left)), right),
            (Type::Decimal, Type::Int) => (left, Expr::IntToDecimal(Box::new(right))),
            _ => (left, right),
        };
        (
            Type::Bool,
            Expr::Compare {
                op,
                left: Box::new(left),
                right: Box::new(right),
                span,
            },
        )
    }

    pub(super) fn membership(
        &mut self,
        scope: &mut Scope,
        negated: bool,
        item: &ast::Expr,
        collection: &ast::Expr,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        let ((item_ty, item_c), (coll_ty, coll_c)) = if is_bare_name(item) {
            let coll = self.check(scope, collection, None);
            let element = coll.0.element().cloned();
            let item = self.check(scope, item, element.as_ref());
            (item, coll)
        } else {
            let item = self.check(scope, item, None);
            let wanted = Type::Set(Arc::new(item.0.required().clone()));
            let coll = self.check(scope, collection, Some(&wanted));
            (item, coll)
        };
        let coll_ty = self.present(scope, collection, coll_ty);
        match coll_ty.element() {
            Some(element) if item_ty.comparable_with(element) => {}
            None if coll_ty.is_unknown() => {}
            _ => {
                let help = match &coll_ty {
                    Type::Text => {
                        Some("to look for text inside text, use `contains(text, part)`".into())
                    }
                    _ => None,
                };
                self.bad_operands(
                    file,
                    if negated { "not in" } else { "in" },
                    &item_ty,
                    &coll_ty,
                    item.span.to(collection.span),
                    help,
                );
            }
        }
        let item_c = match (item_ty.required(), coll_ty.element()) {
            (Type::Int, Some(Type::Decimal)) => Expr::IntToDecimal(Box::new(item_c)),
            _ => item_c,
        };
        (
            Type::Bool,
            Expr::In {
                negated,
                item: Box::new(item_c),
                collection: Box::new(coll_c),
            },
        )
    }
}
