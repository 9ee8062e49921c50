//! The inputs of a decision table, cut into pieces every cell of the table
//! matches either wholly or not at all, so that which rows match which
//! inputs becomes a question about finitely many pieces.
//!
//! An enumeration (or `bool`) column is cut into its members. An ordered
//! column (numbers, money of one currency, dates, months, instants,
//! durations, text) is cut at every value its cells name: each such value,
//! and the stretches between them. Other columns are not cut; of their
//! cells only `_` is understood.

use std::cmp::Ordering;

use crate::plan::{CellTest, Table};
use crate::syntax::ast::CompareOp;
use crate::types::Type;
use crate::value::{render_text, Symbols, Value};

/// One piece of a column's inputs.
#[derive(Clone, Debug)]
pub enum Atom {
    Value(Value),
    /// Every input below the value.
    Below(Value),
    /// Every input strictly between the two values.
    Between(Value, Value),
    /// Every input above the value.
    Above(Value),
    /// A column not cut at all.
    Everything,
}

pub struct Column {
    pub name: String,
    pub ty: Type,
    pub atoms: Vec<Atom>,
    /// Nothing is known about its cells but `_`.
    pub opaque: bool,
}

/// Which pieces of a column a cell matches.
#[derive(Clone, Debug)]
pub enum Cover {
    Atoms(Vec<bool>),
    /// A cell of an opaque column other than `_`.
    Unknown,
}

pub struct Space {
    pub columns: Vec<Column>,
    /// Per row, per column.
    pub rows: Vec<Vec<Cover>>,
}

impl Space {
    pub fn new(table: &Table) -> Space {
        let mut columns = Vec::with_capacity(table.params.len());
        for (index, (name, ty)) in table.params.iter().enumerate() {
            let cells: Vec<&CellTest> = table
                .rows
                .iter()
                .filter_map(|row| row.tests.get(index))
                .collect();
            columns.push(column(name, ty, &cells));
        }
        let rows = table
            .rows
            .iter()
            .map(|row| {
                columns
                    .iter()
                    .zip(&row.tests)
                    .map(|(column, test)| cover(column, test))
                    .collect()
            })
            .collect();
        Space { columns, rows }
    }

    /// How an input made of one piece per column reads in a message.
    pub fn describe(&self, pieces: &[usize], symbols: &Symbols) -> String {
        let parts: Vec<String> = self
            .columns
            .iter()
            .zip(pieces)
            .filter_map(|(column, &piece)| {
                let show = |value: &Value| render_text(value, &column.ty, symbols);
                let name = &column.name;
                Some(match column.atoms.get(piece)? {
                    Atom::Value(value) => format!("{name} = {}", show(value)),
                    Atom::Below(value) => format!("{name} < {}", show(value)),
                    Atom::Above(value) => format!("{name} > {}", show(value)),
                    Atom::Between(low, high) => format!("{} < {name} < {}", show(low), show(high)),
                    Atom::Everything => return None,
                })
            })
            .collect();
        if parts.is_empty() {
            "any input".into()
        } else {
            format!("`{}`", parts.join(", "))
        }
    }
}

fn column(name: &str, ty: &Type, cells: &[&CellTest]) -> Column {
    let finite = finite_values(ty);
    let opaque_column = |atoms| Column {
        name: name.into(),
        ty: ty.clone(),
        atoms,
        opaque: true,
    };
    if let Some(values) = finite {
        return Column {
            name: name.into(),
            ty: ty.clone(),
            atoms: values.into_iter().map(Atom::Value).collect(),
            opaque: false,
        };
    }
    if !is_ordered(ty) {
        return opaque_column(vec![Atom::Everything]);
    }
    let mut points: Vec<Value> = Vec::new();
    for cell in cells {
        match cell {
            CellTest::Any => {}
            CellTest::Compare(_, value) => points.push(value.clone()),
            CellTest::OneOf(values) | CellTest::Not(values) => {
                points.extend(values.iter().cloned())
            }
            CellTest::Range { low, high, .. } => {
                points.push(low.clone());
                points.push(high.clone());
            }
        }
    }
    // Values that cannot be ordered against each other (money of two
    // currencies) leave the column uncut.
    for pair in points.windows(2) {
        if order(&pair[0], &pair[1]).is_none() {
            return opaque_column(vec![Atom::Everything]);
        }
    }
    points.sort_by(|a, b| order(a, b).unwrap_or(Ordering::Equal));
    points.dedup_by(|a, b| equal(a, b));
    let mut atoms = Vec::with_capacity(points.len() * 2 + 1);
    match (points.first(), points.last()) {
        (Some(first), Some(last)) => {
            atoms.push(Atom::Below(first.clone()));
            for (index, point) in points.iter().enumerate() {
                atoms.push(Atom::Value(point.clone()));
                if let Some(next) = points.get(index + 1) {
                    if !nothing_between(point, next) {
                        atoms.push(Atom::Between(point.clone(), next.clone()));
                    }
                }
            }
            atoms.push(Atom::Above(last.clone()));
        }
        _ => atoms.push(Atom::Everything),
    }
    Column {
        name: name.into(),
        ty: ty.clone(),
        atoms,
        opaque: false,
    }
}

/// The members of a type with finitely many values.
fn finite_values(ty: &Type) -> Option<Vec<Value>> {
    match ty {
        Type::Bool => Some(vec![Value::Bool(true), Value::Bool(false)]),
        Type::Enum(members) => Some(
            members
                .members
                .iter()
                .map(|(sym, _)| Value::Symbol(*sym))
                .collect(),
        ),
        Type::Optional(inner) => {
            let mut values = finite_values(inner)?;
            values.push(Value::Absent);
            Some(values)
        }
        _ => None,
    }
}

fn is_ordered(ty: &Type) -> bool {
    matches!(
        ty,
        Type::Int
            | Type::Decimal
            | Type::Money(_)
            | Type::Text
            | Type::Date
            | Type::Instant
            | Type::Month
            | Type::Duration
    )
}

/// Whether no value lies strictly between two neighbouring cut points.
fn nothing_between(low: &Value, high: &Value) -> bool {
    match (low, high) {
        (Value::Int(a), Value::Int(b)) => b.checked_sub(*a).is_none_or(|gap| gap <= 1),
        (Value::Date(a), Value::Date(b)) => a.succ_opt() == Some(*b),
        (Value::Month(a), Value::Month(b)) => a.add_months(1) == Some(*b),
        _ => false,
    }
}

fn cover(column: &Column, test: &CellTest) -> Cover {
    if column.opaque {
        return match test {
            CellTest::Any => Cover::Atoms(vec![true]),
            _ => Cover::Unknown,
        };
    }
    Cover::Atoms(
        column
            .atoms
            .iter()
            .map(|atom| matches(test, atom))
            .collect(),
    )
}

/// Whether `test` matches every input of `atom` (cut points make it match
/// all of an atom or none of it).
fn matches(test: &CellTest, atom: &Atom) -> bool {
    let (low_end, high_end) = match atom {
        Atom::Value(value) => {
            return match test {
                CellTest::Any => true,
                CellTest::OneOf(values) => values.iter().any(|v| equal(v, value)),
                CellTest::Not(values) => !values.iter().any(|v| equal(v, value)),
                CellTest::Compare(op, bound) => compare(*op, value, bound),
                CellTest::Range {
                    low,
                    low_closed,
                    high,
                    high_closed,
                } => {
                    let (above, below) = crate::plan::range_operators(*low_closed, *high_closed);
                    compare(above, value, low) && compare(below, value, high)
                }
            };
        }
        Atom::Below(high) => (None, Some(high)),
        Atom::Between(low, high) => (Some(low), Some(high)),
        Atom::Above(low) => (Some(low), None),
        Atom::Everything => (None, None),
    };
    match test {
        CellTest::Any => true,
        CellTest::OneOf(_) => false,
        // Every cut point is an atom of its own, so a stretch between
        // points holds none of the excluded values.
        CellTest::Not(_) => true,
        // A stretch lies inside the range when both its ends do (a
        // stretch never includes its ends).
        CellTest::Range { low, high, .. } => {
            let (Some(from), Some(to)) = (low_end, high_end) else {
                return false;
            };
            order(low, from).is_some_and(|o| o != Ordering::Greater)
                && order(to, high).is_some_and(|o| o != Ordering::Greater)
        }
        CellTest::Compare(op, bound) => {
            match op {
                CompareOp::Eq => false,
                CompareOp::Ne => true,
                // Every input of the atom is below `bound` when its upper end is.
                CompareOp::Lt | CompareOp::Le => high_end
                    .is_some_and(|high| order(bound, high).is_some_and(|o| o != Ordering::Less)),
                CompareOp::Gt | CompareOp::Ge => low_end
                    .is_some_and(|low| order(bound, low).is_some_and(|o| o != Ordering::Greater)),
            }
        }
    }
}

fn compare(op: CompareOp, value: &Value, bound: &Value) -> bool {
    match op {
        CompareOp::Eq => equal(value, bound),
        CompareOp::Ne => !equal(value, bound),
        _ => order(value, bound).is_some_and(|ordering| match op {
            CompareOp::Lt => ordering == Ordering::Less,
            CompareOp::Le => ordering != Ordering::Greater,
            CompareOp::Gt => ordering == Ordering::Greater,
            _ => ordering != Ordering::Less,
        }),
    }
}

/// Equality as `==` decides it.
fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Int(x), Value::Decimal(y)) | (Value::Decimal(y), Value::Int(x)) => {
            rust_decimal::Decimal::from(*x) == *y
        }
        _ => a == b,
    }
}

/// Order as `<` decides it, where the two can be ordered at all.
fn order(a: &Value, b: &Value) -> Option<Ordering> {
    use Value::*;
    Some(match (a, b) {
        (Int(x), Int(y)) => x.cmp(y),
        (Decimal(x), Decimal(y)) => x.cmp(y),
        (Int(x), Decimal(y)) => rust_decimal::Decimal::from(*x).cmp(y),
        (Decimal(x), Int(y)) => x.cmp(&rust_decimal::Decimal::from(*y)),
        (Money(x), Money(y)) => x.checked_cmp(y).ok()?,
        (Text(x), Text(y)) => x.cmp(y),
        (Date(x), Date(y)) => x.cmp(y),
        (Instant(x), Instant(y)) => x.cmp(y),
        (Month(x), Month(y)) => x.cmp(y),
        (Duration(x), Duration(y)) => x.cmp(y),
        _ => return None,
    })
}
