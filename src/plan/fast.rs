//! The flat form of a rule, for decisions that are not explained: a
//! predicate over borrowed values that needs no frame, clones nothing and
//! allocates nothing. Only rules made of reads, constants, comparisons,
//! membership, presence tests, `count`, `len`, `??`, `and`/`or`/`not` and
//! `all`/`any` have this form; every other rule is run by the general
//! evaluator, and so is any rule whose flat form meets a value it cannot
//! decide on alone (an ordering of money in two currencies, say), so both
//! always agree.

use super::expr::{Builtin, Expr, Root};
use super::RuleBody;
use crate::syntax::ast::{CompareOp, QuantifierKind};
use crate::value::Value;

/// The most local slots a flat rule binds (its `for` item and quantifier
/// variables).
pub const MAX_SLOTS: usize = 8;

#[derive(Debug)]
pub struct FlatRule {
    pub for_each: Option<(u16, Operand)>,
    pub when: Option<Test>,
    pub require: Test,
}

/// A condition.
#[derive(Debug)]
pub enum Test {
    Const(bool),
    /// A boolean operand: true only when it reads `true`.
    Holds(Operand),
    Not(Box<Test>),
    And(Box<Test>, Box<Test>),
    Or(Box<Test>, Box<Test>),
    Compare(CompareOp, Operand, Operand),
    In {
        negated: bool,
        item: Operand,
        collection: Operand,
    },
    Present {
        negated: bool,
        operand: Operand,
    },
    /// `all` (`any: false`) or `any` (`any: true`) over a list.
    Quantified {
        any: bool,
        slot: u16,
        list: Operand,
        body: Box<Test>,
    },
}

/// A value, read rather than computed.
#[derive(Debug)]
pub enum Operand {
    Const(Value),
    Read {
        root: Root,
        fields: Box<[u16]>,
    },
    /// The number of items of a list.
    Count(Box<Operand>),
    /// The number of characters of a text.
    Len(Box<Operand>),
    /// The first operand, or the second where the first is absent.
    Otherwise(Box<Operand>, Box<Operand>),
}

/// The flat form of a rule body, if it has one.
pub fn flatten(body: &RuleBody, locals: usize) -> Option<FlatRule> {
    if locals > MAX_SLOTS || !body.lets_before_when.is_empty() || !body.lets_after_when.is_empty() {
        return None;
    }
    let for_each = match &body.for_each {
        Some((slot, list)) => Some((*slot, operand(list)?)),
        None => None,
    };
    let when = match &body.when {
        Some(when) => Some(test(when)?),
        None => None,
    };
    Some(FlatRule {
        for_each,
        when,
        require: test(&body.require)?,
    })
}

fn test(expr: &Expr) -> Option<Test> {
    Some(match expr {
        Expr::Const(Value::Bool(b)) => Test::Const(*b),
        Expr::Path(_) | Expr::Local(_) => Test::Holds(operand(expr)?),
        Expr::Not(inner) => Test::Not(Box::new(test(inner)?)),
        Expr::And(a, b) => Test::And(Box::new(test(a)?), Box::new(test(b)?)),
        Expr::Or(a, b) => Test::Or(Box::new(test(a)?), Box::new(test(b)?)),
        Expr::Compare {
            op, left, right, ..
        } => Test::Compare(*op, operand(left)?, operand(right)?),
        Expr::In {
            negated,
            item,
            collection,
        } => Test::In {
            negated: *negated,
            item: operand(item)?,
            collection: operand(collection)?,
        },
        Expr::Present {
            negated,
            operand: o,
        } => Test::Present {
            negated: *negated,
            operand: operand(o)?,
        },
        Expr::Quantifier {
            kind: kind @ (QuantifierKind::All | QuantifierKind::Any),
            slot,
            list,
            body,
            ..
        } if (*slot as usize) < MAX_SLOTS => Test::Quantified {
            any: *kind == QuantifierKind::Any,
            slot: *slot,
            list: operand(list)?,
            body: Box::new(test(body)?),
        },
        _ => return None,
    })
}

fn operand(expr: &Expr) -> Option<Operand> {
    Some(match expr {
        Expr::Const(value) => Operand::Const(value.clone()),
        Expr::Path(path) => {
            if let Root::Local(slot) = path.root {
                if slot as usize >= MAX_SLOTS {
                    return None;
                }
            }
            Operand::Read {
                root: path.root,
                fields: path.fields.clone(),
            }
        }
        Expr::Local(slot) if (*slot as usize) < MAX_SLOTS => Operand::Read {
            root: Root::Local(*slot),
            fields: Box::new([]),
        },
        Expr::Coalesce(a, b) => Operand::Otherwise(Box::new(operand(a)?), Box::new(operand(b)?)),
        Expr::Call {
            builtin: builtin @ (Builtin::Count | Builtin::Len),
            args,
            rounding: None,
            ..
        } if args.len() == 1 => {
            let inner = Box::new(operand(&args[0])?);
            match builtin {
                Builtin::Count => Operand::Count(inner),
                _ => Operand::Len(inner),
            }
        }
        _ => return None,
    })
}
