//! `constant-condition`: a `when` or `require` whose value does not depend
//! on the input once constants are folded: the rule always or never
//! applies, or can never fail, or fails whenever it applies.
//!
//! Constants are already values in the compiled plan. A condition folds
//! when it has no input, local, value or `now` in it, or when `and`, `or`,
//! `not` and `if` make the parts that do irrelevant (`x or true`).

use std::collections::BTreeSet;

use super::finding::LintFinding;
use super::{Context, Found};
use crate::plan::Expr;
use crate::syntax::ast;
use crate::value::Value;

pub fn check(cx: &Context, out: &mut Vec<Found>) {
    let mut seen = BTreeSet::new();
    let decls = cx.rule_decls();
    for decision in &cx.set.decisions {
        for rule in &decision.rules {
            if !seen.insert(rule.info) {
                continue;
            }
            let Some(info) = cx.set.rules.get(rule.info) else {
                continue;
            };
            let location = (info.location.file, info.location.span.start);
            let Some(decl) = decls.get(&location) else {
                continue;
            };
            let body = &rule.frame.body;
            let clauses = [
                ("when", body.when.as_ref(), decl.when.as_ref()),
                ("require", Some(&body.require), Some(&decl.require)),
            ];
            for (clause, compiled, written) in clauses {
                let (Some(compiled), Some(written)) = (compiled, written) else {
                    continue;
                };
                if let Some(value) = fold(compiled) {
                    out.push(Found::new(
                        info.location.file,
                        written.span,
                        finding(clause, value, written),
                    ));
                }
            }
        }
    }
}

fn finding(clause: &'static str, value: bool, written: &ast::Expr) -> LintFinding {
    let help = match (clause, value) {
        ("when", true) => "a `when` that always holds says nothing; leave it out",
        ("when", false) => "the rule never applies; test the input here, or remove the rule",
        (_, true) => "the rule can never fail; require something of the input",
        _ => "the rule fails whenever it applies; check what it requires",
    };
    LintFinding::ConstantCondition {
        clause,
        value,
        span: written.span.into(),
        help: help.into(),
    }
}

/// The value of a condition, if it is the same for every input.
fn fold(expr: &Expr) -> Option<bool> {
    match expr {
        Expr::Const(Value::Bool(value)) => Some(*value),
        Expr::Not(inner) => fold(inner).map(|value| !value),
        Expr::And(left, right) => match (fold(left), fold(right)) {
            (Some(false), _) | (_, Some(false)) => Some(false),
            (Some(true), Some(true)) => Some(true),
            _ => None,
        },
        Expr::Or(left, right) => match (fold(left), fold(right)) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (Some(false), Some(false)) => Some(false),
            _ => None,
        },
        Expr::If(condition, then, otherwise) => match fold(condition) {
            Some(true) => fold(then),
            Some(false) => fold(otherwise),
            None => match (fold(then), fold(otherwise)) {
                (Some(a), Some(b)) if a == b => Some(a),
                _ => None,
            },
        },
        _ if is_static(expr) => match crate::eval::constant(expr) {
            Ok(Value::Bool(value)) => Some(value),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `expr` can be computed without an input, locals or tables.
fn is_static(expr: &Expr) -> bool {
    let mut dynamic = false;
    super::walk::plan_expr(expr, &mut |e| {
        dynamic |= matches!(
            e,
            Expr::Path(_)
                | Expr::Local(_)
                | Expr::DecisionValue(_)
                | Expr::Now
                | Expr::AllRulesPass
                | Expr::Table { .. }
                | Expr::Function { .. }
                | Expr::Quantifier { .. }
        );
    });
    !dynamic
}
