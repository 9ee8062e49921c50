//! Operands read where they live, and conditions decided without building
//! values: a constant, a field path or a local is borrowed from the plan, the
//! input or the frame instead of cloned, and `==`, `in`, `and`, `all` and
//! their kin answer with a `bool` directly. This is the evaluator's hot path;
//! what it records for explanations is exactly what the general path records,
//! in the same order.

use super::builtins;
use super::machine::{Eval, Frame, Machine};
use super::ops;
use crate::plan::{Builtin, Expr, Path, Root};
use crate::syntax::ast::QuantifierKind;
use crate::value::Value;

/// What a missing field or a non-record reads as.
static ABSENT: Value = Value::Absent;

/// Whether `expr` only names a value (nothing to compute, nothing to fail).
pub fn is_direct(expr: &Expr) -> bool {
    matches!(expr, Expr::Const(_) | Expr::Path(_) | Expr::Local(_))
}

/// The value at the end of `fields`, below `root`.
pub fn walk<'a>(root: &'a Value, fields: &[u16]) -> &'a Value {
    let mut value = root;
    for &index in fields {
        value = match value {
            Value::Record(values) => match values.get(index as usize) {
                Some(field) => field,
                None => return &ABSENT,
            },
            _ => return &ABSENT,
        };
    }
    value
}

impl<'p> Machine<'p> {
    /// The value a path reads, borrowed from the input or the frame.
    pub fn read<'a>(&self, path: &Path, frame: &'a Frame<'p>) -> &'a Value
    where
        'p: 'a,
    {
        let root = match path.root {
            Root::Input => self.input,
            Root::Local(slot) => &frame.slots[slot as usize],
        };
        walk(root, &path.fields)
    }

    /// The value a direct operand names; anything else reads as absent.
    pub fn direct<'a>(&self, expr: &'a Expr, frame: &'a Frame<'p>) -> &'a Value
    where
        'p: 'a,
    {
        match expr {
            Expr::Const(value) => value,
            Expr::Local(slot) => &frame.slots[*slot as usize],
            Expr::Path(path) => self.read(path, frame),
            _ => &ABSENT,
        }
    }

    /// Records the read of a direct operand, as evaluating it would.
    fn note(&mut self, expr: &Expr, frame: &Frame<'p>) {
        if let (true, Expr::Path(path)) = (self.tracing, expr) {
            let value = self.read(path, frame);
            self.observe_path(path, value, frame);
        }
    }

    /// Evaluates `expr` unless it is direct; a direct operand is only noted,
    /// to be borrowed once every operand has been evaluated.
    pub fn operand(&mut self, expr: &Expr, frame: &mut Frame<'p>) -> Eval<Option<Value>> {
        if is_direct(expr) {
            self.note(expr, frame);
            Ok(None)
        } else {
            self.eval(expr, frame).map(Some)
        }
    }

    /// Evaluates two operands in order and passes them to `apply` by reference.
    pub fn binary<T>(
        &mut self,
        left: &Expr,
        right: &Expr,
        frame: &mut Frame<'p>,
        apply: impl FnOnce(&mut Self, &Value, &Value) -> Eval<T>,
    ) -> Eval<T> {
        let left_value = self.operand(left, frame)?;
        let right_value = self.operand(right, frame)?;
        let frame: &Frame<'p> = frame;
        let l = match &left_value {
            Some(value) => value,
            None => self.direct(left, frame),
        };
        let r = match &right_value {
            Some(value) => value,
            None => self.direct(right, frame),
        };
        apply(self, l, r)
    }

    /// A condition, decided without building a `Value::Bool` where the shape
    /// of the expression allows.
    pub fn condition(&mut self, expr: &Expr, frame: &mut Frame<'p>) -> Eval<bool> {
        match expr {
            Expr::Const(Value::Bool(b)) => Ok(*b),
            Expr::Path(_) | Expr::Local(_) => {
                self.note(expr, frame);
                Ok(matches!(self.direct(expr, frame), Value::Bool(true)))
            }
            Expr::Not(inner) => Ok(!self.condition(inner, frame)?),
            Expr::And(a, b) => Ok(self.condition(a, frame)? && self.condition(b, frame)?),
            Expr::Or(a, b) => Ok(self.condition(a, frame)? || self.condition(b, frame)?),
            Expr::Compare {
                op,
                left,
                right,
                span,
            } => self.binary(left, right, frame, |machine, l, r| {
                machine.lift(ops::compare(*op, l, r, *span))
            }),
            Expr::In {
                negated,
                item,
                collection,
            } => self.binary(item, collection, frame, |_, item, collection| {
                let found = collection
                    .as_list()
                    .is_some_and(|items| items.iter().any(|x| ops::equal(x, item)));
                Ok(found != *negated)
            }),
            Expr::Present { negated, operand } => {
                let present = match self.operand(operand, frame)? {
                    Some(value) => !matches!(value, Value::Absent),
                    None => !matches!(self.direct(operand, frame), Value::Absent),
                };
                Ok(present != *negated)
            }
            Expr::Quantifier {
                kind: kind @ (QuantifierKind::All | QuantifierKind::Any),
                slot,
                list,
                body,
                ..
            } => {
                let want = *kind == QuantifierKind::Any;
                self.each_item(*slot, list, frame, |machine, frame| {
                    Ok((machine.condition(body, frame)? == want).then_some(want))
                })
                .map(|found| found.unwrap_or(!want))
            }
            _ => Ok(matches!(self.eval(expr, frame)?, Value::Bool(true))),
        }
    }

    /// Binds `slot` to each item of `list` in turn and runs `visit`, until it
    /// gives an answer. A list read from the input is borrowed, not cloned.
    pub fn each_item<T>(
        &mut self,
        slot: u16,
        list: &Expr,
        frame: &mut Frame<'p>,
        mut visit: impl FnMut(&mut Self, &mut Frame<'p>) -> Eval<Option<T>>,
    ) -> Eval<Option<T>> {
        let input = self.input;
        let owned;
        let items: &[Value] = match list {
            Expr::Path(path) if path.root == Root::Input => {
                let value = walk(input, &path.fields);
                if self.tracing {
                    self.observe_path(path, value, frame);
                }
                value.as_list().unwrap_or(&[])
            }
            _ => {
                owned = self.eval(list, frame)?;
                owned.as_list().unwrap_or(&[])
            }
        };
        for (index, item) in items.iter().enumerate() {
            self.bind_item(frame, slot, list, index, item.clone());
            if let Some(answer) = visit(self, frame)? {
                return Ok(Some(answer));
            }
        }
        Ok(None)
    }

    /// A built-in of one argument, given the argument by reference.
    pub fn call_one(
        &mut self,
        builtin: Builtin,
        arg: &Expr,
        ty: &crate::types::Type,
        span: crate::syntax::ast::Span,
        frame: &mut Frame<'p>,
    ) -> Eval<Value> {
        let owned = self.operand(arg, frame)?;
        let value = match &owned {
            Some(value) => value,
            None => self.direct(arg, frame),
        };
        let result = self.lift(builtins::call(
            builtin,
            std::slice::from_ref(value),
            None,
            ty,
            span,
        ))?;
        Ok(result)
    }
}
