//! Visiting every sub-expression, of the AST and of the compiled plan, and
//! every compiled expression of a policy set with the file it is written in.

use crate::plan::{self, Decision, Expr, PolicySet, TemplatePiece};
use crate::syntax::ast::{self, ExprKind, TemplatePart};

/// Calls `visit` on `expr` and each expression inside it, outermost first.
/// `visit` returns whether to look inside.
pub fn ast_expr<'a>(expr: &'a ast::Expr, visit: &mut impl FnMut(&'a ast::Expr) -> bool) {
    if !visit(expr) {
        return;
    }
    let mut each = |e: &'a ast::Expr| ast_expr(e, visit);
    match &expr.kind {
        ExprKind::Literal(_) | ExprKind::Name(_) | ExprKind::AllRulesPass => {}
        ExprKind::Text(template) => {
            for part in &template.parts {
                if let TemplatePart::Expr(e) = part {
                    each(e);
                }
            }
        }
        ExprKind::Field(e, _) | ExprKind::Neg(e) | ExprKind::Not(e) => each(e),
        ExprKind::Present { operand, .. } => each(operand),
        ExprKind::And(a, b)
        | ExprKind::Or(a, b)
        | ExprKind::Arith(_, a, b)
        | ExprKind::Compare(_, a, b)
        | ExprKind::Coalesce(a, b) => {
            each(a);
            each(b);
        }
        ExprKind::In {
            item, collection, ..
        } => {
            each(item);
            each(collection);
        }
        ExprKind::If(c, t, e) => {
            each(c);
            each(t);
            each(e);
        }
        ExprKind::Match(subject, arms) => {
            each(subject);
            for arm in arms {
                each(&arm.body);
            }
        }
        ExprKind::Quantifier { list, body, .. } => {
            each(list);
            each(body);
        }
        ExprKind::Call(_, args) | ExprKind::Set(args) | ExprKind::List(args) => {
            for arg in args {
                each(arg);
            }
        }
    }
}

/// Every expression a rule is written with, its message's interpolations
/// included, in written order.
pub fn rule_exprs(rule: &ast::RuleDecl) -> impl Iterator<Item = &ast::Expr> {
    rule.for_each
        .iter()
        .map(|(_, e)| e)
        .chain(rule.lets.iter().map(|(_, e)| e))
        .chain(rule.when.iter())
        .chain(std::iter::once(&rule.require))
        .chain(rule.message.iter().flat_map(template_exprs))
}

pub fn template_exprs(template: &ast::Template) -> impl Iterator<Item = &ast::Expr> {
    template.parts.iter().filter_map(|part| match part {
        TemplatePart::Expr(e) => Some(e),
        TemplatePart::Text(_) => None,
    })
}

/// Calls `visit` on `expr` and each compiled expression inside it.
pub fn plan_expr<'a>(expr: &'a Expr, visit: &mut impl FnMut(&'a Expr)) {
    visit(expr);
    let mut each = |e: &'a Expr| plan_expr(e, visit);
    match expr {
        Expr::Const(_)
        | Expr::Now
        | Expr::Path(_)
        | Expr::Local(_)
        | Expr::DecisionValue(_)
        | Expr::AllRulesPass => {}
        Expr::Field(e, _) | Expr::IntToDecimal(e) | Expr::Neg(e, _) | Expr::Not(e) => each(e),
        Expr::Matches { subject, .. } => each(subject),
        Expr::Present { operand, .. } => each(operand),
        Expr::And(a, b) | Expr::Or(a, b) | Expr::Coalesce(a, b) => {
            each(a);
            each(b);
        }
        Expr::Arith { left, right, .. } | Expr::Compare { left, right, .. } => {
            each(left);
            each(right);
        }
        Expr::In {
            item, collection, ..
        } => {
            each(item);
            each(collection);
        }
        Expr::If(c, t, e) => {
            each(c);
            each(t);
            each(e);
        }
        Expr::Match {
            subject,
            arms,
            otherwise,
            ..
        } => {
            each(subject);
            for (_, body) in arms {
                each(body);
            }
            if let Some(otherwise) = otherwise {
                each(otherwise);
            }
        }
        Expr::Quantifier { list, body, .. } => {
            each(list);
            each(body);
        }
        Expr::Call { args, .. }
        | Expr::Table { args, .. }
        | Expr::Function { args, .. }
        | Expr::List(args) => {
            for arg in args {
                each(arg);
            }
        }
        Expr::Template(pieces) => {
            for piece in pieces {
                if let TemplatePiece::Value(e, _) = piece {
                    each(e);
                }
            }
        }
    }
}

/// Every top-level compiled expression of the set with the file it is
/// written in: rule bodies (each rule once, even when several decisions
/// list it), computed values and outcomes.
pub fn compiled_exprs(set: &PolicySet) -> Vec<(u16, &Expr)> {
    let mut out = Vec::new();
    let mut seen_rules = Vec::new();
    for decision in &set.decisions {
        for rule in &decision.rules {
            if seen_rules.contains(&rule.info) {
                continue;
            }
            seen_rules.push(rule.info);
            let Some(info) = set.rules.get(rule.info) else {
                continue;
            };
            let file = info.location.file;
            let body = &rule.frame.body;
            let lets = body.lets_before_when.iter().chain(&body.lets_after_when);
            out.extend(body.for_each.iter().map(|(_, e)| (file, e)));
            out.extend(lets.map(|(_, e)| (file, e)));
            out.extend(body.when.iter().map(|e| (file, e)));
            out.push((file, &body.require));
            out.extend(body.message.iter().map(|e| (file, e)));
        }
        out.extend(decision_exprs(decision));
    }
    out
}

fn decision_exprs(decision: &Decision) -> impl Iterator<Item = (u16, &Expr)> {
    let file = decision.location.file;
    decision
        .values
        .iter()
        .map(move |value: &plan::CompiledValue| (file, &value.frame.body))
        .chain(
            decision
                .outcome
                .iter()
                .map(move |frame| (file, &frame.body)),
        )
}
