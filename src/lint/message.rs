//! `message-unread-field`: a failure message that shows an input field the
//! rule never looks at. A message is the rule's explanation; showing a fact
//! the rule did not check suggests it checks something else (a message
//! copied from another rule, or a condition that was lost).
//!
//! A field counts as looked at when the rule reads it, a part of it, or the
//! record it belongs to, directly or through the decision values it reads.
//! Reading one field of a record also covers its other fields (an ID or a
//! name shown beside the fact that failed), except for the top-level fields
//! of the input, which are separate facts; and a rule with `for` looks at
//! the whole item it checks, so its message may describe the item.

use std::collections::{BTreeMap, BTreeSet};

use super::finding::LintFinding;
use super::walk;
use super::{Context, Found};
use crate::syntax::ast::{self, DecisionDecl, ExprKind, ItemKind, RuleDecl};

pub fn check(cx: &Context, out: &mut Vec<Found>) {
    let mut listing_by_rule: BTreeMap<&str, Vec<&DecisionDecl>> = BTreeMap::new();
    for (_, item) in cx.items() {
        if let ItemKind::Decision(decision) = &item.kind {
            for id in &decision.rules {
                listing_by_rule
                    .entry(id.name.as_str())
                    .or_default()
                    .push(decision);
            }
        }
    }
    for (file, item) in cx.items() {
        let ItemKind::Rule(rule) = &item.kind else {
            continue;
        };
        let Some(message) = &rule.message else {
            continue;
        };
        let listing = listing_by_rule
            .get(rule.id.name.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default();
        let mut reads = read_paths(rule);
        let item_var = rule.for_each.as_ref().map(|(var, _)| var.name.as_str());
        if let Some(var) = item_var {
            if reads.iter().any(|read| read.first() == Some(&var)) {
                reads.push(vec![var]);
            }
        }
        let values = values_read(rule, &reads, listing);
        reads.extend(values);
        let roots: Vec<&str> = std::iter::once("input")
            .chain(rule.for_each.iter().map(|(var, _)| var.name.as_str()))
            .collect();
        let mut reported = BTreeSet::new();
        for expr in walk::template_exprs(message) {
            for (path, span) in paths(expr) {
                let rooted = path.first().is_some_and(|root| roots.contains(root));
                if !rooted || path.len() < 2 || looked_at(&path, &reads) {
                    continue;
                }
                let shown = path.join(".");
                if reported.insert(shown.clone()) {
                    out.push(Found::new(
                        file,
                        span,
                        LintFinding::MessageUnreadField {
                            path: shown,
                            rule: rule.id.name.clone(),
                            span: span.into(),
                        },
                    ));
                }
            }
        }
    }
}

/// The field paths the decision values a rule reads look at, following
/// values that read other values. A name the rule binds itself (`for`,
/// `let`) is not a value.
fn values_read<'a>(
    rule: &RuleDecl,
    reads: &[Vec<&str>],
    decisions: &[&'a DecisionDecl],
) -> Vec<Vec<&'a str>> {
    let bound: Vec<&str> = rule
        .for_each
        .iter()
        .map(|(var, _)| var.name.as_str())
        .chain(rule.lets.iter().map(|(name, _)| name.name.as_str()))
        .collect();
    let mut found = Vec::new();
    for decision in decisions {
        let mut pending: Vec<&str> = reads
            .iter()
            .filter_map(|read| read.first().copied())
            .filter(|name| !bound.contains(name))
            .collect();
        let mut seen = BTreeSet::new();
        while let Some(name) = pending.pop() {
            if !seen.insert(name.to_string()) {
                continue;
            }
            let Some(value) = decision.values.iter().find(|v| v.name.name == name) else {
                continue;
            };
            for (path, _) in paths(&value.expr) {
                if let Some(first) = path.first() {
                    pending.push(first);
                }
                found.push(path);
            }
        }
    }
    found
}

/// The field paths the rule reads outside its message.
fn read_paths(rule: &RuleDecl) -> Vec<Vec<&str>> {
    let exprs = rule
        .for_each
        .iter()
        .map(|(_, e)| e)
        .chain(rule.lets.iter().map(|(_, e)| e))
        .chain(rule.when.iter())
        .chain(std::iter::once(&rule.require));
    exprs.flat_map(paths).map(|(path, _)| path).collect()
}

fn looked_at(path: &[&str], reads: &[Vec<&str>]) -> bool {
    let parent = &path[..path.len() - 1];
    let sibling_counts = parent != ["input"];
    reads.iter().any(|read| {
        read.starts_with(path)
            || path.starts_with(read)
            || (sibling_counts && read.starts_with(parent))
    })
}

/// The longest name-and-field paths in `expr` (`input.line.price`), each
/// with where it is written.
fn paths(expr: &ast::Expr) -> Vec<(Vec<&str>, ast::Span)> {
    let mut found = Vec::new();
    walk::ast_expr(expr, &mut |e| match path(e) {
        Some(path) => {
            found.push((path, e.span));
            false
        }
        None => true,
    });
    found
}

fn path(expr: &ast::Expr) -> Option<Vec<&str>> {
    match &expr.kind {
        ExprKind::Name(name) => Some(vec![name.name.as_str()]),
        ExprKind::Field(base, field) => {
            let mut path = path(base)?;
            path.push(field.name.as_str());
            Some(path)
        }
        _ => None,
    }
}
