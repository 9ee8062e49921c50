//! `outcome-ignores-rules`: a decision that lists rules but chooses its
//! outcome without reading `all rules pass`, directly or through a value,
//! so no rule can change the outcome.

use super::finding::LintFinding;
use super::walk;
use super::{Context, Found};
use crate::plan::{Decision, Expr};
use crate::syntax::ast::ItemKind;

pub fn check(cx: &Context, out: &mut Vec<Found>) {
    for decision in &cx.set.decisions {
        let Some(outcome) = &decision.outcome else {
            continue;
        };
        if decision.rules.is_empty() || reads_rules(decision, &outcome.body, &mut Vec::new()) {
            continue;
        }
        let file = decision.location.file;
        let written = cx.files.get(file as usize).and_then(|ast| {
            ast.items.iter().find_map(|item| match &item.kind {
                ItemKind::Decision(d) if d.name.span == decision.location.span => {
                    d.outcome.as_ref()
                }
                _ => None,
            })
        });
        let Some(written) = written else {
            continue;
        };
        out.push(Found::new(
            file,
            written.span,
            LintFinding::OutcomeIgnoresRules {
                decision: decision.name.clone(),
                span: written.span.into(),
            },
        ));
    }
}

/// Whether `expr` reads `all rules pass`, following the values it reads.
fn reads_rules(decision: &Decision, expr: &Expr, seen: &mut Vec<u16>) -> bool {
    let mut reads = false;
    let mut values = Vec::new();
    walk::plan_expr(expr, &mut |e| match e {
        Expr::AllRulesPass => reads = true,
        Expr::DecisionValue(index) => values.push(*index),
        _ => {}
    });
    if reads {
        return true;
    }
    values.into_iter().any(|index| {
        if seen.contains(&index) {
            return false;
        }
        seen.push(index);
        decision
            .values
            .get(index as usize)
            .is_some_and(|value| reads_rules(decision, &value.frame.body, seen))
    })
}
