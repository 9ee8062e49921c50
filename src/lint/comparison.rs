//! `impossible-comparison` and `redundant-comparison`: a comparison whose
//! result the types already decide. A count, a length or an absolute value
//! is never negative, so `count(x) < 0` never holds and `len(t) >= 0`
//! always does; the author meant another bound.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::finding::LintFinding;
use super::walk;
use super::{Context, Found};
use crate::plan::{Builtin, Expr};
use crate::syntax::ast::{CompareOp, QuantifierKind, Span};
use crate::value::Value;

pub fn check(cx: &Context, out: &mut Vec<Found>) {
    let mut seen = BTreeSet::new();
    for (file, root) in walk::compiled_exprs(cx.set) {
        walk::plan_expr(root, &mut |expr| {
            let Expr::Compare {
                op,
                left,
                right,
                span,
            } = expr
            else {
                return;
            };
            let Some((what, bound, op)) = non_negative_against_constant(*op, left, right) else {
                return;
            };
            let Some(always) = decided(op, bound) else {
                return;
            };
            if !seen.insert((file, span.start, span.end)) {
                return;
            }
            out.push(Found::new(
                file,
                *span,
                finding(cx, file, *span, what, always),
            ));
        });
    }
}

fn finding(cx: &Context, file: u16, span: Span, what: &str, always: bool) -> LintFinding {
    let text = without_outer_brackets(&cx.text(file, span)).to_string();
    let reason = format!("`{what}` is never negative");
    if always {
        LintFinding::RedundantComparison {
            text,
            span: span.into(),
            reason,
            help: "leave the comparison out, or compare with the bound that was meant".into(),
        }
    } else {
        LintFinding::ImpossibleComparison {
            text,
            span: span.into(),
            reason,
            help: format!("compare with a value `{what}` can take, such as `== 0` or `> 0`"),
        }
    }
}

/// `(what, bound, op)` for `what op bound` where `what` is never negative
/// and `bound` is a constant; a constant on the left is turned around.
fn non_negative_against_constant<'e>(
    op: CompareOp,
    left: &'e Expr,
    right: &'e Expr,
) -> Option<(&'static str, Decimal, CompareOp)> {
    if let (Some(what), Some(bound)) = (never_negative(left), constant_number(right)) {
        return Some((what, bound, op));
    }
    let (what, bound) = (never_negative(right)?, constant_number(left)?);
    let turned = match op {
        CompareOp::Lt => CompareOp::Gt,
        CompareOp::Le => CompareOp::Ge,
        CompareOp::Gt => CompareOp::Lt,
        CompareOp::Ge => CompareOp::Le,
        same => same,
    };
    Some((what, bound, turned))
}

/// `Some(true)` when `x op bound` holds for every `x >= 0`, `Some(false)`
/// when it holds for none, `None` when it depends on `x`.
fn decided(op: CompareOp, bound: Decimal) -> Option<bool> {
    let sign = bound.cmp(&Decimal::ZERO);
    match (op, sign) {
        (CompareOp::Lt, Ordering::Less | Ordering::Equal) => Some(false),
        (CompareOp::Le | CompareOp::Eq, Ordering::Less) => Some(false),
        (CompareOp::Ge, Ordering::Less | Ordering::Equal) => Some(true),
        (CompareOp::Gt | CompareOp::Ne, Ordering::Less) => Some(true),
        _ => None,
    }
}

/// The function whose result is never negative, if `expr` is a call of one.
fn never_negative(expr: &Expr) -> Option<&'static str> {
    match expr {
        Expr::IntToDecimal(inner) => never_negative(inner),
        Expr::Call { builtin, .. } => match builtin {
            Builtin::Count => Some("count(…)"),
            Builtin::Len => Some("len(…)"),
            Builtin::Abs => Some("abs(…)"),
            _ => None,
        },
        Expr::Quantifier {
            kind: QuantifierKind::Count,
            ..
        } => Some("count(…)"),
        _ => None,
    }
}

fn constant_number(expr: &Expr) -> Option<Decimal> {
    match expr {
        Expr::Const(Value::Int(n)) => Some(Decimal::from(*n)),
        Expr::Const(Value::Decimal(d)) => Some(*d),
        Expr::IntToDecimal(inner) => constant_number(inner),
        Expr::Neg(inner, _) => constant_number(inner).map(|n| -n),
        _ => None,
    }
}

/// `(a < b)` as `a < b`: a comparison's span includes brackets around it.
fn without_outer_brackets(text: &str) -> &str {
    let Some(inner) = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')) else {
        return text;
    };
    let mut depth = 0i32;
    for c in inner.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return text;
        }
    }
    if depth == 0 {
        inner
    } else {
        text
    }
}
