//! Counterfactuals: for a failed requirement, what would have to be
//! different for it to hold ("would pass if `input.customer.country` were
//! one of US, GB, CA").

use super::machine::{Frame, Machine};
use crate::plan::{Builtin, Expr, Path, PolicySet};
use crate::syntax::ast::{CompareOp, QuantifierKind};
use crate::types::Type;
use crate::value::{render_text, Value};

/// How many failing list items a counterfactual names before it stops.
const ITEM_LIMIT: usize = 5;

pub fn would_pass<'p>(
    machine: &mut Machine<'p>,
    _policies: &PolicySet,
    require: &Expr,
    frame: &mut Frame<'p>,
    require_text: &str,
) -> Vec<String> {
    // Re-evaluation records into a scratch sink, so the explanation already
    // recorded stays as it was.
    machine.sinks.push(crate::explain::Sink::default());
    let mut out = Vec::new();
    explain(machine, require, frame, true, &mut out);
    machine.sinks.pop();
    if out.is_empty() {
        out.push(format!("`{require_text}` held"));
    }
    out
}

fn value_of<'p>(machine: &mut Machine<'p>, expr: &Expr, frame: &mut Frame<'p>) -> Option<Value> {
    machine.eval(expr, frame).ok()
}

fn holds<'p>(machine: &mut Machine<'p>, expr: &Expr, frame: &mut Frame<'p>) -> bool {
    matches!(value_of(machine, expr, frame), Some(Value::Bool(true)))
}

fn show(machine: &Machine<'_>, value: &Value) -> String {
    match value {
        Value::List(items) => items
            .iter()
            .map(|item| render_text(item, &Type::Unknown, machine.symbols()))
            .collect::<Vec<_>>()
            .join(", "),
        other => render_text(other, &Type::Unknown, machine.symbols()),
    }
}

/// How an expression is named in a counterfactual, if it has a short name.
fn name_of<'p>(machine: &Machine<'p>, expr: &Expr, frame: &Frame<'p>) -> Option<String> {
    match expr {
        Expr::Path(path) => Some(path_name(machine, path, frame)),
        Expr::IntToDecimal(inner) => name_of(machine, inner, frame),
        Expr::Call { builtin, args, .. } if args.len() == 1 => {
            let inner = name_of(machine, &args[0], frame)?;
            Some(format!("{}({inner})", crate::check::builtin_name(*builtin)))
        }
        Expr::Quantifier {
            kind: QuantifierKind::Count,
            list,
            ..
        } => {
            let inner = name_of(machine, list, frame)?;
            Some(format!("the count of matching items of {inner}"))
        }
        _ => None,
    }
}

/// Whether an expression reads the input (directly or through a list item).
fn names_input(expr: &Expr) -> bool {
    match expr {
        Expr::Path(path) => {
            matches!(path.root, crate::plan::Root::Input) || !path.fields.is_empty()
        }
        Expr::IntToDecimal(inner) => names_input(inner),
        _ => false,
    }
}

fn path_name<'p>(machine: &Machine<'p>, path: &Path, frame: &Frame<'p>) -> String {
    machine.path_origin(path, frame).path
}

fn phrase(op: CompareOp) -> &'static str {
    match op {
        CompareOp::Eq => "equal to",
        CompareOp::Ne => "other than",
        CompareOp::Lt => "less than",
        CompareOp::Le => "at most",
        CompareOp::Gt => "greater than",
        CompareOp::Ge => "at least",
    }
}

fn negate(op: CompareOp) -> CompareOp {
    match op {
        CompareOp::Eq => CompareOp::Ne,
        CompareOp::Ne => CompareOp::Eq,
        CompareOp::Lt => CompareOp::Ge,
        CompareOp::Le => CompareOp::Gt,
        CompareOp::Gt => CompareOp::Le,
        CompareOp::Ge => CompareOp::Lt,
    }
}

fn mirror(op: CompareOp) -> CompareOp {
    match op {
        CompareOp::Lt => CompareOp::Gt,
        CompareOp::Le => CompareOp::Ge,
        CompareOp::Gt => CompareOp::Lt,
        CompareOp::Ge => CompareOp::Le,
        other => other,
    }
}

/// Adds to `out` what would make `expr` evaluate to `want`.
fn explain<'p>(
    machine: &mut Machine<'p>,
    expr: &Expr,
    frame: &mut Frame<'p>,
    want: bool,
    out: &mut Vec<String>,
) {
    if holds(machine, expr, frame) == want {
        return;
    }
    match expr {
        Expr::Not(inner) => explain(machine, inner, frame, !want, out),
        Expr::And(a, b) if want => {
            explain(machine, a, frame, true, out);
            explain(machine, b, frame, true, out);
        }
        Expr::Or(a, b) if !want => {
            explain(machine, a, frame, false, out);
            explain(machine, b, frame, false, out);
        }
        Expr::And(a, b) | Expr::Or(a, b) => {
            // One side changing is enough: offer both.
            let mut left = Vec::new();
            let mut right = Vec::new();
            explain(machine, a, frame, want, &mut left);
            explain(machine, b, frame, want, &mut right);
            match (left.is_empty(), right.is_empty()) {
                (false, false) => out.push(format!(
                    "{}, or {}",
                    left.join(" and "),
                    right.join(" and ")
                )),
                (false, true) => out.extend(left),
                (true, false) => out.extend(right),
                (true, true) => {}
            }
        }
        Expr::Compare {
            op, left, right, ..
        } => {
            let op = if want { *op } else { negate(*op) };
            if let Some(name) = name_of(machine, left, frame) {
                if let Some(value) = value_of(machine, right, frame) {
                    out.push(format!(
                        "`{name}` were {} {}",
                        phrase(op),
                        show(machine, &value)
                    ));
                }
            } else if let Some(name) = name_of(machine, right, frame) {
                if let Some(value) = value_of(machine, left, frame) {
                    out.push(format!(
                        "`{name}` were {} {}",
                        phrase(mirror(op)),
                        show(machine, &value)
                    ));
                }
            }
        }
        Expr::In {
            negated,
            item,
            collection,
        } if !names_input(item) && names_input(collection) => {
            // A fixed value looked for in the input: the input must change.
            if let (Some(name), Some(value)) = (
                name_of(machine, collection, frame),
                value_of(machine, item, frame),
            ) {
                let verb = if want != *negated {
                    "included"
                } else {
                    "did not include"
                };
                out.push(format!("`{name}` {verb} {}", show(machine, &value)));
            }
        }
        Expr::In {
            negated,
            item,
            collection,
        } => {
            if let (Some(name), Some(values)) = (
                name_of(machine, item, frame),
                value_of(machine, collection, frame),
            ) {
                let inside = want != *negated;
                let shown = show(machine, &values);
                if inside {
                    out.push(format!("`{name}` were one of {shown}"));
                } else {
                    out.push(format!("`{name}` were none of {shown}"));
                }
            }
        }
        Expr::Present { negated, operand } => {
            if let Some(name) = name_of(machine, operand, frame) {
                let present = want != *negated;
                out.push(format!(
                    "`{name}` were {}",
                    if present { "present" } else { "absent" }
                ));
            }
        }
        Expr::Path(path) => {
            out.push(format!("`{}` were {want}", path_name(machine, path, frame)));
        }
        Expr::Matches {
            subject, pattern, ..
        } => {
            if let Some(name) = name_of(machine, subject, frame) {
                let verb = if want { "matched" } else { "did not match" };
                out.push(format!(
                    "`{name}` {verb} the pattern `{}`",
                    pattern.as_str()
                ));
            }
        }
        Expr::Call {
            builtin: Builtin::IsEmpty,
            args,
            ..
        } => {
            if let Some(name) = name_of(machine, &args[0], frame) {
                out.push(format!(
                    "`{name}` were {}",
                    if want { "empty" } else { "not empty" }
                ));
            }
        }
        Expr::Call {
            builtin: Builtin::Contains | Builtin::StartsWith | Builtin::EndsWith,
            args,
            ..
        } => {
            if let (Some(name), Some(part)) = (
                name_of(machine, &args[0], frame),
                value_of(machine, &args[1], frame),
            ) {
                let verb = if want { "contained" } else { "did not contain" };
                out.push(format!("`{name}` {verb} \"{}\"", show(machine, &part)));
            }
        }
        Expr::Quantifier {
            kind: kind @ (QuantifierKind::All | QuantifierKind::Any),
            slot,
            list,
            body,
            ..
        } => {
            // `all` fails through its false items; `any` through its true ones.
            let item_want = if *kind == QuantifierKind::All {
                want
            } else {
                !want
            };
            if (*kind == QuantifierKind::All) != want {
                return;
            }
            let Some(Value::List(items)) = value_of(machine, list, frame) else {
                return;
            };
            let mut named = 0;
            for (index, item) in items.iter().enumerate() {
                machine.bind_item(frame, *slot, list, index, item.clone());
                if holds(machine, body, frame) != item_want {
                    explain(machine, body, frame, item_want, out);
                    named += 1;
                    if named == ITEM_LIMIT {
                        break;
                    }
                }
            }
        }
        _ => {}
    }
}
