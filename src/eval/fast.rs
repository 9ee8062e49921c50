//! Running a rule's flat form ([`crate::plan::fast`]): locals are borrowed
//! item references in a fixed array, operands are borrowed or small
//! integers, and nothing is cloned or allocated. A value the flat form cannot
//! decide on alone gives [`Undecided`], and the caller runs the general
//! evaluator instead.

use super::operands::walk;
use super::ops;
use crate::explain::RuleStatus;
use crate::plan::fast::{FlatRule, Operand, Test, MAX_SLOTS};
use crate::plan::Root;
use crate::syntax::ast::{CompareOp, Span};
use crate::value::Value;

/// The flat form met something only the general evaluator decides.
pub struct Undecided;

type Flat<T> = Result<T, Undecided>;

static ABSENT: Value = Value::Absent;

/// An operand's value: borrowed, or a count computed on the way.
enum Got<'a> {
    Ref(&'a Value),
    Int(i64),
}

struct Locals<'a> {
    input: &'a Value,
    slots: [&'a Value; MAX_SLOTS],
}

/// The status of `rule` on `input`.
pub fn rule_status(rule: &FlatRule, input: &Value) -> Flat<RuleStatus> {
    let mut locals = Locals {
        input,
        slots: [&ABSENT; MAX_SLOTS],
    };
    let Some((slot, list)) = &rule.for_each else {
        return apply(rule, &mut locals);
    };
    let items = list_of(list, &locals)?;
    let (mut any_failed, mut any_passed) = (false, false);
    for item in items {
        locals.slots[*slot as usize] = item;
        match apply(rule, &mut locals)? {
            RuleStatus::Failed => any_failed = true,
            RuleStatus::Passed => any_passed = true,
            RuleStatus::NotApplicable => {}
        }
    }
    Ok(match (any_failed, any_passed) {
        (true, _) => RuleStatus::Failed,
        (false, true) => RuleStatus::Passed,
        (false, false) => RuleStatus::NotApplicable,
    })
}

fn apply<'a>(rule: &'a FlatRule, locals: &mut Locals<'a>) -> Flat<RuleStatus> {
    if let Some(when) = &rule.when {
        if !test(when, locals)? {
            return Ok(RuleStatus::NotApplicable);
        }
    }
    Ok(if test(&rule.require, locals)? {
        RuleStatus::Passed
    } else {
        RuleStatus::Failed
    })
}

/// The items of a list operand; a value that is not a list has none, as in
/// the general evaluator.
fn list_of<'a>(list: &'a Operand, locals: &Locals<'a>) -> Flat<&'a [Value]> {
    Ok(match operand(list, locals)? {
        Got::Ref(value) => value.as_list().unwrap_or(&[]),
        Got::Int(_) => &[],
    })
}

fn test<'a>(test_: &'a Test, locals: &mut Locals<'a>) -> Flat<bool> {
    Ok(match test_ {
        Test::Const(b) => *b,
        Test::Holds(o) => matches!(operand(o, locals)?, Got::Ref(Value::Bool(true))),
        Test::Not(inner) => !test(inner, locals)?,
        Test::And(a, b) => test(a, locals)? && test(b, locals)?,
        Test::Or(a, b) => test(a, locals)? || test(b, locals)?,
        Test::Compare(op, left, right) => {
            compare(*op, operand(left, locals)?, operand(right, locals)?)?
        }
        Test::In {
            negated,
            item,
            collection,
        } => {
            let items = list_of(collection, locals)?;
            let found = match operand(item, locals)? {
                Got::Ref(item) => items.iter().any(|x| ops::equal(x, item)),
                Got::Int(n) => items.iter().any(|x| ops::equal(x, &Value::Int(n))),
            };
            found != *negated
        }
        Test::Present {
            negated,
            operand: o,
        } => {
            let present = !matches!(operand(o, locals)?, Got::Ref(Value::Absent));
            present != *negated
        }
        Test::Quantified {
            any,
            slot,
            list,
            body,
        } => {
            let items = list_of(list, locals)?;
            for item in items {
                locals.slots[*slot as usize] = item;
                if test(body, locals)? == *any {
                    return Ok(*any);
                }
            }
            !*any
        }
    })
}

fn operand<'a>(operand_: &'a Operand, locals: &Locals<'a>) -> Flat<Got<'a>> {
    Ok(match operand_ {
        Operand::Const(value) => Got::Ref(value),
        Operand::Read { root, fields } => {
            let base = match root {
                Root::Input => locals.input,
                Root::Local(slot) => locals.slots[*slot as usize],
            };
            Got::Ref(walk(base, fields))
        }
        Operand::Count(list) => match operand(list, locals)? {
            Got::Ref(Value::List(items)) => Got::Int(items.len() as i64),
            _ => return Err(Undecided),
        },
        Operand::Len(text) => match operand(text, locals)? {
            Got::Ref(Value::Text(text)) => Got::Int(crate::value::text::char_count(text) as i64),
            _ => return Err(Undecided),
        },
        Operand::Otherwise(first, second) => match operand(first, locals)? {
            Got::Ref(Value::Absent) => operand(second, locals)?,
            got => got,
        },
    })
}

fn compare(op: CompareOp, left: Got<'_>, right: Got<'_>) -> Flat<bool> {
    if let (Got::Int(a), Got::Int(b)) = (&left, &right) {
        return Ok(match op {
            CompareOp::Eq => a == b,
            CompareOp::Ne => a != b,
            CompareOp::Lt => a < b,
            CompareOp::Le => a <= b,
            CompareOp::Gt => a > b,
            CompareOp::Ge => a >= b,
        });
    }
    let (left_int, right_int);
    let l = match left {
        Got::Ref(value) => value,
        Got::Int(n) => {
            left_int = Value::Int(n);
            &left_int
        }
    };
    let r = match right {
        Got::Ref(value) => value,
        Got::Int(n) => {
            right_int = Value::Int(n);
            &right_int
        }
    };
    ops::compare(op, l, r, Span::default()).map_err(|_| Undecided)
}
