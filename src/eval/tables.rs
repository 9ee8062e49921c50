//! Decision tables at run time: which cells an argument meets, and how the
//! outputs of the matching rows make the table's result under its hit
//! policy.

use std::cmp::Ordering;

use super::errors::EvalError;
use super::ops;
use crate::plan::{CellTest, PriorityKey, Table};
use crate::syntax::ast::{Aggregator, ArithOp, HitPolicy, Span};
use crate::value::Value;

/// Whether `arg` meets the cell `test`.
pub fn cell_matches(test: &CellTest, arg: &Value, span: Span) -> Result<bool, EvalError> {
    Ok(match test {
        CellTest::Any => true,
        CellTest::OneOf(values) => values.iter().any(|v| ops::equal(v, arg)),
        CellTest::Not(values) => !values.iter().any(|v| ops::equal(v, arg)),
        CellTest::Compare(op, value) => ops::compare(*op, arg, value, span)?,
        CellTest::Range {
            low,
            low_closed,
            high,
            high_closed,
        } => {
            let (above, below) = crate::plan::range_operators(*low_closed, *high_closed);
            !matches!(arg, Value::Absent)
                && ops::compare(above, arg, low, span)?
                && ops::compare(below, arg, high, span)?
        }
    })
}

/// The rank of an output under the table's priority keys: lower is better.
fn rank(keys: &[PriorityKey], output: &Value) -> Vec<usize> {
    keys.iter()
        .map(|key| {
            let part = match (key.field, output) {
                (Some(field), Value::Record(fields)) => fields.get(field),
                (None, value) => Some(value),
                _ => None,
            };
            match part {
                Some(Value::Symbol(sym)) => key
                    .ranks
                    .iter()
                    .position(|s| s == sym)
                    .unwrap_or(usize::MAX),
                _ => usize::MAX,
            }
        })
        .collect()
}

/// The table's result from the outputs of its matching rows (row numbers
/// 1-based, in row order), or the error its hit policy names.
pub fn combine(
    table: &Table,
    rows: &[usize],
    mut outputs: Vec<Value>,
    span: Span,
) -> Result<Value, Box<EvalError>> {
    match table.hit {
        HitPolicy::Unique | HitPolicy::First => {
            Ok(outputs.into_iter().next().unwrap_or(Value::Absent))
        }
        HitPolicy::Any => {
            let first = outputs.first().cloned().unwrap_or(Value::Absent);
            if let Some(other) = outputs.iter().position(|o| !ops::equal(o, &first)) {
                return Err(Box::new(EvalError::TableRowsDisagree {
                    table: table.name.clone(),
                    rows: format!("{} and {}", rows[0], rows[other]),
                    span: span.into(),
                }));
            }
            Ok(first)
        }
        HitPolicy::Priority => {
            let best = (0..outputs.len()).min_by_key(|&i| rank(&table.priority, &outputs[i]));
            Ok(best
                .map(|i| outputs.swap_remove(i))
                .unwrap_or(Value::Absent))
        }
        HitPolicy::OutputOrder => {
            // A stable sort keeps row order among outputs of equal rank.
            let mut ranked: Vec<(Vec<usize>, Value)> = outputs
                .into_iter()
                .map(|o| (rank(&table.priority, &o), o))
                .collect();
            ranked.sort_by(|a, b| a.0.cmp(&b.0));
            Ok(Value::List(ranked.into_iter().map(|(_, o)| o).collect()))
        }
        HitPolicy::RuleOrder => Ok(Value::List(outputs.into())),
        HitPolicy::Collect => match table.aggregator {
            None => Ok(Value::List(outputs.into())),
            Some(Aggregator::Count) => Ok(Value::Int(outputs.len() as i64)),
            Some(Aggregator::Sum) => {
                let mut total: Option<Value> = None;
                for output in outputs {
                    total = Some(match total {
                        None => output,
                        Some(sum) => ops::arith(ArithOp::Add, &sum, &output, span)?,
                    });
                }
                match total {
                    Some(sum) => Ok(sum),
                    None => Ok(super::builtins::zero(&table.output, span)?),
                }
            }
            Some(aggregator) => {
                let mut best: Option<Value> = None;
                for output in outputs {
                    best = Some(match best {
                        None => output,
                        Some(current) => {
                            let ordering = ops::order(&output, &current, span)?;
                            let better = if aggregator == Aggregator::Min {
                                ordering == Ordering::Less
                            } else {
                                ordering == Ordering::Greater
                            };
                            if better {
                                output
                            } else {
                                current
                            }
                        }
                    });
                }
                Ok(best.unwrap_or(Value::Absent))
            }
        },
    }
}
