//! The evaluator of compiled expressions. It reads fields by index, never by
//! name, and records what it reads only when an explanation is wanted.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::builtins;
use super::errors::{EvalError, RuntimeError};
use super::operands::walk;
use super::ops;
use super::tables;
use crate::explain::{Observation, Sink};
use crate::plan::{Decision, Expr, Path, PolicySet, Root, TemplatePiece};
use crate::scenario::PosTree;
use crate::syntax::ast::{HitPolicy, QuantifierKind, Span};
use crate::types::Type;
use crate::value::{render_json, render_text, Symbols, Value};

pub type Eval<T> = Result<T, RuntimeError>;

/// Where a local's value came from in the input, for explanations.
#[derive(Clone, Debug)]
pub struct Origin<'p> {
    pub path: String,
    pub pos: Option<&'p PosTree>,
}

/// The local slots of one rule, value or table evaluation.
pub struct Frame<'p> {
    pub slots: Vec<Value>,
    pub origins: Vec<Option<Origin<'p>>>,
    pub names: &'p [Arc<str>],
}

impl<'p> Frame<'p> {
    /// A frame for `names`; origins are only kept when explaining, so a
    /// frame without locals costs no allocation at all.
    pub fn new(names: &'p [Arc<str>], tracing: bool) -> Frame<'p> {
        Frame {
            slots: vec![Value::Absent; names.len()],
            origins: if tracing {
                vec![None; names.len()]
            } else {
                Vec::new()
            },
            names,
        }
    }

    fn origin(&self, slot: u16) -> Option<&Origin<'p>> {
        self.origins.get(slot as usize).and_then(Option::as_ref)
    }
}

pub struct Machine<'p> {
    pub policies: Option<&'p PolicySet>,
    pub decision: Option<&'p Decision>,
    pub input: &'p Value,
    pub positions: Option<&'p PosTree>,
    pub now: Option<DateTime<Utc>>,
    /// Decision values computed so far.
    pub values: Vec<Option<Value>>,
    pub value_sinks: Vec<Option<Sink>>,
    pub any_rule_failed: bool,
    pub tracing: bool,
    pub sinks: Vec<Sink>,
    /// The policy file of the expression being evaluated, for error places.
    pub file: u16,
    /// Slot vectors of finished frames, reused by the next ones.
    pub spare_slots: Vec<Vec<Value>>,
}

static NO_SYMBOLS: std::sync::OnceLock<Symbols> = std::sync::OnceLock::new();

impl<'p> Machine<'p> {
    /// A frame for `names`, reusing the slots of a finished one.
    pub fn frame(&mut self, names: &'p [Arc<str>]) -> Frame<'p> {
        if names.is_empty() {
            return Frame::new(names, false);
        }
        let mut slots = self.spare_slots.pop().unwrap_or_default();
        slots.resize(names.len(), Value::Absent);
        Frame {
            slots,
            origins: if self.tracing {
                vec![None; names.len()]
            } else {
                Vec::new()
            },
            names,
        }
    }

    /// Returns a finished frame's slots for reuse.
    pub fn recycle(&mut self, frame: Frame<'p>) {
        if frame.slots.capacity() == 0 {
            return;
        }
        let mut slots = frame.slots;
        slots.clear();
        self.spare_slots.push(slots);
    }

    pub fn symbols(&self) -> &Symbols {
        match self.policies {
            Some(p) => &p.symbols,
            None => NO_SYMBOLS.get_or_init(Symbols::default),
        }
    }

    pub fn fail<T>(&self, error: EvalError) -> Eval<T> {
        Err(RuntimeError {
            error: Box::new(error),
            file: self.file,
            within: None,
        })
    }

    pub fn lift<T>(&self, result: Result<T, EvalError>) -> Eval<T> {
        result.map_err(|error| RuntimeError {
            error: Box::new(error),
            file: self.file,
            within: None,
        })
    }

    fn step(&mut self, step: impl FnOnce(&Symbols) -> String) {
        if self.tracing {
            let text = step(self.symbols());
            if let Some(sink) = self.sinks.last_mut() {
                sink.step(text);
            }
        }
    }

    pub fn eval(&mut self, expr: &Expr, frame: &mut Frame<'p>) -> Eval<Value> {
        match expr {
            Expr::Const(value) => Ok(value.clone()),
            Expr::Now => Ok(self.now.map(Value::Instant).unwrap_or(Value::Absent)),
            Expr::Path(path) => Ok(self.path(path, frame)),
            Expr::Local(slot) => Ok(frame.slots[*slot as usize].clone()),
            Expr::DecisionValue(index) => self.decision_value(*index as usize),
            Expr::Field(base, index) => {
                let owned = self.operand(base, frame)?;
                let record = match &owned {
                    Some(value) => value,
                    None => self.direct(base, frame),
                };
                Ok(walk(record, &[*index]).clone())
            }
            Expr::IntToDecimal(inner) => Ok(match self.eval(inner, frame)? {
                Value::Int(i) => Value::Decimal(i.into()),
                other => other,
            }),
            Expr::Neg(inner, span) => {
                let value = self.eval(inner, frame)?;
                self.lift(ops::negate(&value, *span))
            }
            Expr::Not(inner) => Ok(Value::Bool(!self.condition(inner, frame)?)),
            Expr::And(a, b) => Ok(Value::Bool(
                self.condition(a, frame)? && self.condition(b, frame)?,
            )),
            Expr::Or(a, b) => Ok(Value::Bool(
                self.condition(a, frame)? || self.condition(b, frame)?,
            )),
            Expr::Arith {
                op,
                left,
                right,
                span,
            } => self.binary(left, right, frame, |machine, l, r| {
                let result = machine.lift(ops::arith(*op, l, r, *span))?;
                machine.step(|symbols| {
                    format!(
                        "{} {} {} = {}",
                        render_text(l, &Type::Unknown, symbols),
                        op.symbol(),
                        render_text(r, &Type::Unknown, symbols),
                        render_text(&result, &Type::Unknown, symbols)
                    )
                });
                Ok(result)
            }),
            Expr::Compare { .. } | Expr::In { .. } | Expr::Present { .. } => {
                Ok(Value::Bool(self.condition(expr, frame)?))
            }
            Expr::Coalesce(a, b) => match self.eval(a, frame)? {
                Value::Absent => self.eval(b, frame),
                value => Ok(value),
            },
            Expr::If(c, t, e) => {
                if self.condition(c, frame)? {
                    self.eval(t, frame)
                } else {
                    self.eval(e, frame)
                }
            }
            Expr::Match {
                subject,
                arms,
                otherwise,
                span,
            } => {
                let Value::Symbol(sym) = self.eval(subject, frame)? else {
                    return self.fail(EvalError::Absent {
                        what: "match subject".into(),
                        span: (*span).into(),
                    });
                };
                for (symbols, body) in arms {
                    if symbols.contains(&sym) {
                        return self.eval(body, frame);
                    }
                }
                match otherwise {
                    Some(body) => self.eval(body, frame),
                    None => self.fail(EvalError::Absent {
                        what: "a matching arm".into(),
                        span: (*span).into(),
                    }),
                }
            }
            Expr::Quantifier {
                kind,
                slot,
                list,
                body,
                ty,
                span,
            } => self.quantifier(*kind, *slot, list, body, ty, *span, frame),
            Expr::Call {
                builtin,
                args,
                rounding,
                ty,
                span,
            } => {
                if let ([arg], None) = (args.as_slice(), rounding) {
                    if !builtin.shows_step() {
                        return self.call_one(*builtin, arg, ty, *span, frame);
                    }
                }
                // Built-ins take at most three arguments: no allocation for them.
                let mut values = [Value::Absent, Value::Absent, Value::Absent];
                for (place, arg) in values.iter_mut().zip(args) {
                    *place = self.eval(arg, frame)?;
                }
                let values = &values[..args.len().min(3)];
                let result = self.lift(builtins::call(*builtin, values, *rounding, ty, *span))?;
                if builtin.shows_step() {
                    self.step(|symbols| {
                        let arguments: Vec<String> =
                            values.iter().map(|v| shown(v, symbols)).collect();
                        let mode = rounding
                            .map(|m| format!(", {}", m.name()))
                            .unwrap_or_default();
                        format!(
                            "{}({}{}) = {}",
                            builtins::name(*builtin),
                            arguments.join(", "),
                            mode,
                            shown(&result, symbols)
                        )
                    });
                }
                Ok(result)
            }
            Expr::Matches {
                subject,
                pattern,
                span: _,
            } => {
                let value = self.eval(subject, frame)?;
                let found = match &value {
                    Value::Text(text) => pattern.is_match(&crate::value::text::nfc(text)),
                    _ => false,
                };
                self.step(|symbols| {
                    format!(
                        "matches({}, \"{}\") = {found}",
                        shown(&value, symbols),
                        pattern.as_str()
                    )
                });
                Ok(Value::Bool(found))
            }
            Expr::Function {
                function,
                args,
                span,
            } => {
                let mut values = Vec::with_capacity(args.len());
                for arg in args {
                    values.push(self.eval(arg, frame)?);
                }
                self.function(*function as usize, values, *span)
            }
            Expr::Table { table, args, span } => {
                let mut values = Vec::with_capacity(args.len());
                for arg in args {
                    values.push(self.eval(arg, frame)?);
                }
                self.table(*table as usize, values, *span)
            }
            Expr::List(items) => {
                let mut values: Vec<Value> = Vec::with_capacity(items.len());
                for item in items {
                    let value = self.eval(item, frame)?;
                    if !values.iter().any(|v| ops::equal(v, &value)) {
                        values.push(value);
                    }
                }
                Ok(Value::List(values.into()))
            }
            Expr::Template(pieces) => {
                let mut text = String::new();
                for piece in pieces {
                    match piece {
                        TemplatePiece::Text(t) => text.push_str(t),
                        TemplatePiece::Value(expr, ty) => {
                            // A list reads as `US, GB, CA` inside a sentence.
                            match self.eval(expr, frame)? {
                                Value::List(items) => {
                                    let element =
                                        ty.required().element().cloned().unwrap_or(Type::Unknown);
                                    let shown: Vec<String> = items
                                        .iter()
                                        .map(|item| render_text(item, &element, self.symbols()))
                                        .collect();
                                    text.push_str(&shown.join(", "));
                                }
                                value => text.push_str(&render_text(&value, ty, self.symbols())),
                            }
                        }
                    }
                }
                Ok(Value::text(&text))
            }
            Expr::AllRulesPass => Ok(Value::Bool(!self.any_rule_failed)),
        }
    }

    /// Reads a field path, recording the read when explaining.
    fn path(&mut self, path: &Path, frame: &Frame<'p>) -> Value {
        let value = self.read(path, frame);
        self.observe_path(path, value, frame);
        value.clone()
    }

    /// Records that `path` read `value`, when explaining.
    pub fn observe_path(&mut self, path: &Path, value: &Value, frame: &Frame<'p>) {
        if self.tracing && observable(&path.ty) && !path.fields.is_empty() {
            let origin = self.path_origin(path, frame);
            let position = origin.pos;
            let shown = match (value, path.ty.required()) {
                (Value::List(items), Type::List(element))
                    if matches!(element.required(), Type::Record(_)) =>
                {
                    serde_json::Value::String(format!(
                        "{} item{}",
                        items.len(),
                        if items.len() == 1 { "" } else { "s" }
                    ))
                }
                _ => render_json(value, &path.ty, self.symbols()),
            };
            let observation = Observation {
                path: origin.path,
                value: shown,
                line: position.map(|p| p.line),
                column: position.map(|p| p.column),
            };
            if let Some(sink) = self.sinks.last_mut() {
                sink.observe(observation);
            }
        }
    }

    /// The input path and position a field path stands for.
    pub fn path_origin(&self, path: &Path, frame: &Frame<'p>) -> Origin<'p> {
        // Explanations build many paths: plain appends, not `format!`.
        let (base, pos): (&str, _) = match path.root {
            Root::Input => ("input", self.positions),
            Root::Local(slot) => match frame.origin(slot) {
                Some(origin) => (&origin.path, origin.pos),
                None => (&frame.names[slot as usize], None),
            },
        };
        let mut text = String::with_capacity(base.len() + path.suffix.len());
        text.push_str(base);
        text.push_str(&path.suffix);
        Origin {
            path: text,
            pos: pos.map(|p| p.walk(&path.fields)),
        }
    }

    fn iteration_origin(&self, list: &Expr, frame: &Frame<'p>, index: usize) -> Option<Origin<'p>> {
        if !self.tracing {
            return None;
        }
        let path = match list {
            Expr::Path(path) => path,
            // `xs ?? []` iterates `xs` when it is there.
            Expr::Coalesce(inner, _) => match inner.as_ref() {
                Expr::Path(path) => path,
                _ => return None,
            },
            _ => return None,
        };
        let origin = self.path_origin(path, frame);
        Some(Origin {
            path: indexed(origin.path, index),
            pos: origin.pos.and_then(|p| p.child(index)),
        })
    }

    /// Binds `slot` to item `index` of `list` (whose value is `item`).
    pub fn bind_item(
        &self,
        frame: &mut Frame<'p>,
        slot: u16,
        list: &Expr,
        index: usize,
        item: Value,
    ) {
        frame.slots[slot as usize] = item;
        if self.tracing {
            let origin = self.iteration_origin(list, frame, index);
            if let Some(place) = frame.origins.get_mut(slot as usize) {
                *place = origin;
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn quantifier(
        &mut self,
        kind: QuantifierKind,
        slot: u16,
        list: &Expr,
        body: &Expr,
        ty: &Type,
        span: Span,
        frame: &mut Frame<'p>,
    ) -> Eval<Value> {
        let mut count = 0i64;
        let mut seen = 0usize;
        let mut kept = Vec::new();
        let mut total: Option<Value> = None;
        let answer = self.each_item(slot, list, frame, |machine, frame| {
            seen += 1;
            match kind {
                QuantifierKind::All => {
                    if !machine.condition(body, frame)? {
                        return Ok(Some(Value::Bool(false)));
                    }
                }
                QuantifierKind::Any => {
                    if machine.condition(body, frame)? {
                        return Ok(Some(Value::Bool(true)));
                    }
                }
                QuantifierKind::Count => count += i64::from(machine.condition(body, frame)?),
                QuantifierKind::Map => {
                    let value = machine.eval(body, frame)?;
                    kept.push(value);
                }
                QuantifierKind::Filter => {
                    if machine.condition(body, frame)? {
                        kept.push(frame.slots[slot as usize].clone());
                    }
                }
                QuantifierKind::Sum => {
                    let value = machine.eval(body, frame)?;
                    total = Some(match total.take() {
                        None => value,
                        Some(sum) => machine.lift(ops::arith(
                            crate::syntax::ast::ArithOp::Add,
                            &sum,
                            &value,
                            span,
                        ))?,
                    });
                }
                QuantifierKind::Min | QuantifierKind::Max => {
                    let value = machine.eval(body, frame)?;
                    total = Some(match total.take() {
                        None => value,
                        Some(best) => {
                            let ordering = machine.lift(ops::order(&value, &best, span))?;
                            let better = if kind == QuantifierKind::Min {
                                ordering.is_lt()
                            } else {
                                ordering.is_gt()
                            };
                            if better {
                                value
                            } else {
                                best
                            }
                        }
                    });
                }
            }
            Ok(None)
        })?;
        if let Some(answer) = answer {
            return Ok(answer);
        }
        Ok(match kind {
            QuantifierKind::All => Value::Bool(true),
            QuantifierKind::Any => Value::Bool(false),
            QuantifierKind::Count => Value::Int(count),
            QuantifierKind::Filter | QuantifierKind::Map => Value::List(kept.into()),
            QuantifierKind::Sum => match total {
                Some(sum) => {
                    self.step(|symbols| {
                        format!(
                            "sum of {} items = {}",
                            seen,
                            render_text(&sum, &Type::Unknown, symbols)
                        )
                    });
                    sum
                }
                None => self.lift(builtins::zero(ty, span))?,
            },
            QuantifierKind::Min | QuantifierKind::Max => total.unwrap_or(Value::Absent),
        })
    }

    fn table(&mut self, index: usize, args: Vec<Value>, span: Span) -> Eval<Value> {
        let Some(policies) = self.policies else {
            return self.fail(EvalError::Absent {
                what: "table".into(),
                span: span.into(),
            });
        };
        let table = &policies.tables[index];
        let mut matched = Vec::new();
        for (row_index, row) in table.rows.iter().enumerate() {
            let mut all = true;
            for (test, arg) in row.tests.iter().zip(&args) {
                let hit = self.lift(tables::cell_matches(test, arg, span))?;
                if !hit {
                    all = false;
                    break;
                }
            }
            if all {
                matched.push(row_index);
                if table.hit == HitPolicy::First {
                    break;
                }
            }
        }
        let shown_args = |symbols: &Symbols| {
            let parts: Vec<String> = args
                .iter()
                .zip(&table.params)
                .map(|(v, (name, ty))| format!("{name} = {}", render_text(v, ty, symbols)))
                .collect();
            format!("({})", parts.join(", "))
        };
        if matched.is_empty() && table.hit.single() && table.default.is_none() {
            let arguments = shown_args(self.symbols());
            return self.fail(EvalError::NoTableRow {
                table: table.name.clone(),
                arguments,
                span: span.into(),
            });
        }
        if matched.len() > 1 && table.hit == HitPolicy::Unique {
            let rows: Vec<String> = matched.iter().map(|r| (r + 1).to_string()).collect();
            let arguments = shown_args(self.symbols());
            return self.fail(EvalError::TableNotUnique {
                table: table.name.clone(),
                rows: rows.join(", "),
                arguments,
                span: span.into(),
            });
        }
        // Most rows give constants, computed at check time; a frame holding
        // the arguments is only built for a row whose output reads them.
        let mut frame: Option<Frame<'p>> = None;
        let mut results = Vec::with_capacity(matched.len());
        let saved_file = self.file;
        self.file = table.location.file;
        let use_default = matched.is_empty() && table.hit.single();
        let default_row = table.default.iter().filter(|_| use_default);
        for (row_index, row) in matched
            .iter()
            .map(|&index| (index, &table.rows[index]))
            .chain(default_row.map(|row| (usize::MAX, row)))
        {
            let result = match &row.constant {
                Some(value) => value.clone(),
                None => {
                    let locals = frame.get_or_insert_with(|| {
                        let mut fresh = Frame::new(&table.locals, self.tracing);
                        for (slot, arg) in fresh.slots.iter_mut().zip(args.iter()) {
                            *slot = arg.clone();
                        }
                        fresh
                    });
                    let mut outputs = Vec::with_capacity(row.outputs.len());
                    for output in &row.outputs {
                        outputs.push(self.eval(output, locals)?);
                    }
                    match &table.output {
                        Type::Record(_) => Value::Record(outputs.into()),
                        _ => outputs.into_iter().next().unwrap_or(Value::Absent),
                    }
                }
            };
            if self.tracing {
                let (_, line, _) = policies.position(row.location);
                let shown = render_text(&result, &table.output, self.symbols());
                let call = shown_args(self.symbols());
                let which = if row_index == usize::MAX {
                    "no row matches; the default".to_string()
                } else {
                    format!("row {}", row_index + 1)
                };
                if let Some(sink) = self.sinks.last_mut() {
                    sink.step(format!(
                        "table {}{call}: {which} (line {line}) gives {shown}",
                        table.name
                    ));
                }
            }
            results.push(result);
        }
        self.file = saved_file;
        let numbers: Vec<usize> = matched.iter().map(|r| r + 1).collect();
        let several = results.len() > 1;
        let combined =
            tables::combine(table, &numbers, results, span).map_err(|error| RuntimeError {
                error,
                file: self.file,
                within: None,
            })?;
        if self.tracing && (table.aggregator.is_some() || several && table.hit.single()) {
            let how = match table.aggregator {
                Some(aggregator) => format!("collect {}", aggregator.name()),
                None => table.hit.name().to_string(),
            };
            let result_ty = Type::Unknown;
            let text = render_text(&combined, &result_ty, self.symbols());
            if let Some(sink) = self.sinks.last_mut() {
                sink.step(format!("table {} ({how}) = {text}", table.name));
            }
        }
        Ok(combined)
    }

    /// A decision value, computed once on first use.
    pub fn decision_value(&mut self, index: usize) -> Eval<Value> {
        if let Some(Some(value)) = self.values.get(index) {
            return Ok(value.clone());
        }
        let Some(decision) = self.decision else {
            return Ok(Value::Absent);
        };
        let compiled = &decision.values[index];
        let saved_file = self.file;
        self.file = compiled.location.file;
        if self.tracing {
            self.sinks.push(Sink::default());
        }
        let mut frame = self.frame(&compiled.frame.locals);
        let result = self.eval(&compiled.frame.body, &mut frame);
        self.recycle(frame);
        let sink = if self.tracing { self.sinks.pop() } else { None };
        self.file = saved_file;
        let value = result?;
        self.values[index] = Some(value.clone());
        self.value_sinks[index] = sink;
        if self.tracing {
            let observation = Observation {
                path: compiled.name.clone(),
                value: render_json(&value, &compiled.ty, self.symbols()),
                line: None,
                column: None,
            };
            if let Some(sink) = self.sinks.last_mut() {
                sink.observe(observation);
            }
        }
        Ok(value)
    }
}

/// A value as a step shows it: text in quotes, so that `substring("a-b", 1)`
/// reads as a call.
fn shown(value: &Value, symbols: &Symbols) -> String {
    match value {
        Value::Text(text) => format!("\"{text}\""),
        other => render_text(other, &Type::Unknown, symbols),
    }
}

/// `path[index]`, appended without the formatting machinery.
fn indexed(mut path: String, index: usize) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = index;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    path.push('[');
    path.extend(digits[at..].iter().map(|&d| d as char));
    path.push(']');
    path
}

/// Whether reading a value of this type is worth listing in an explanation:
/// anything but a whole record (a list of records is shown by its length).
fn observable(ty: &Type) -> bool {
    !matches!(ty.required(), Type::Record(_))
}
