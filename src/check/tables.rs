//! What a decision table's hit policy asks of its output and cells: the
//! type a call gives, the ranking `priority` and `output order` use, the
//! `default` row, output cells, and range and negated cells.

use std::sync::Arc;

use super::errors::CheckError;
use super::expr::Scope;
use super::Checker;
use crate::plan::{CellTest, Expr, PriorityKey};
use crate::syntax::ast::{self, Aggregator, CellKind, HitPolicy, TableDecl};
use crate::types::Type;
use crate::value::Value;

/// The type a call of a table gives.
pub fn result_type(hit: HitPolicy, aggregator: Option<Aggregator>, output: Type) -> Type {
    match (hit, aggregator) {
        (HitPolicy::Collect, Some(Aggregator::Count)) => Type::Int,
        (HitPolicy::Collect, Some(Aggregator::Sum)) => output,
        (HitPolicy::Collect, Some(Aggregator::Min | Aggregator::Max)) => {
            Type::Optional(Arc::new(output))
        }
        (policy, _) if policy.single() => output,
        _ => Type::List(Arc::new(output)),
    }
}

impl Checker<'_> {
    /// Reports a hit policy that does not fit the output, and returns the
    /// ranking for the policies that rank rows.
    pub(super) fn hit_policy(
        &mut self,
        file: u16,
        decl: &TableDecl,
        output: &Type,
    ) -> Vec<PriorityKey> {
        let span = decl.name.span;
        let report = |this: &mut Self, message: String, help: String| {
            this.error(
                file,
                CheckError::HitPolicy {
                    table: decl.name.name.clone(),
                    message,
                    span: span.into(),
                    help: Some(help),
                },
            );
        };
        if let Some(aggregator) = decl.aggregator {
            let fits = match aggregator {
                _ if decl.hit != HitPolicy::Collect => {
                    report(
                        self,
                        format!(
                            "`hit {} {}` aggregates, but only `collect` takes an aggregator",
                            decl.hit.name(),
                            aggregator.name()
                        ),
                        format!("write `hit collect {}`", aggregator.name()),
                    );
                    true
                }
                Aggregator::Count => true,
                Aggregator::Sum => matches!(
                    output,
                    Type::Int | Type::Decimal | Type::Money(_) | Type::Duration | Type::Unknown
                ),
                Aggregator::Min | Aggregator::Max => output.is_ordered() || output.is_unknown(),
            };
            if !fits {
                report(
                    self,
                    format!(
                        "`collect {}` cannot aggregate outputs of type `{}`",
                        aggregator.name(),
                        output.display()
                    ),
                    "`sum` takes numbers, money or durations; `min` and `max` ordered values; `count` anything".into(),
                );
            }
        }
        if decl.default.is_some() && !decl.hit.single() {
            report(
                self,
                format!(
                    "`hit {}` gives every matching row, so it has no `default`",
                    decl.hit.name()
                ),
                "remove the `default` row: no matching row gives an empty list".into(),
            );
        }
        if !matches!(decl.hit, HitPolicy::Priority | HitPolicy::OutputOrder) {
            return Vec::new();
        }
        let keys: Vec<PriorityKey> = match output {
            Type::Enum(members) => vec![PriorityKey {
                field: None,
                ranks: members.members.iter().map(|(sym, _)| *sym).collect(),
            }],
            Type::Record(record) => record
                .fields
                .iter()
                .enumerate()
                .filter_map(|(index, field)| match &field.ty {
                    Type::Enum(members) => Some(PriorityKey {
                        field: Some(index),
                        ranks: members.members.iter().map(|(sym, _)| *sym).collect(),
                    }),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        if keys.is_empty() && !output.is_unknown() {
            report(
                self,
                format!(
                    "`hit {}` ranks rows by the order of an enumeration's members, and `{}` has none",
                    decl.hit.name(),
                    output.display()
                ),
                "give the table an enumeration output (or an enumeration field), listed from the highest priority down".into(),
            );
        }
        keys
    }

    /// The output cells of a row (or of `default`), one per output.
    pub(super) fn row_outputs(
        &mut self,
        scope: &mut Scope,
        file: u16,
        cells: &[ast::Cell],
        output_types: &[Type],
    ) -> Vec<Expr> {
        cells
            .iter()
            .zip(output_types)
            .map(|(cell, ty)| match &cell.kind {
                CellKind::OneOf(values) if values.len() == 1 => self.expect(scope, &values[0], ty),
                _ => {
                    self.error(
                        file,
                        CheckError::Invalid {
                            message: "an output cell holds exactly one value".into(),
                            span: cell.span.into(),
                            help: Some(
                                "write the value the row gives, such as `true` or `draft`".into(),
                            ),
                        },
                    );
                    Expr::Const(Value::Absent)
                }
            })
            .collect()
    }

    /// `[low..high)` and `not(a, b)` cells; `constant` computes one bound.
    pub(super) fn range_or_not_test(
        &mut self,
        module: usize,
        cell: &ast::Cell,
        ty: &Type,
        constant: &mut dyn FnMut(&mut Self, &ast::Expr) -> Value,
    ) -> CellTest {
        match &cell.kind {
            CellKind::Range {
                low,
                low_closed,
                high,
                high_closed,
            } => {
                if !ty.is_ordered() {
                    let file = self.file_of(module);
                    self.error(
                        file,
                        CheckError::Invalid {
                            message: format!(
                                "`{}` has no order, so a range cannot test it",
                                ty.display()
                            ),
                            span: cell.span.into(),
                            help: Some("list the values the row accepts instead: `a, b`".into()),
                        },
                    );
                }
                let low_value = constant(self, low);
                let high_value = constant(self, high);
                let empty = crate::eval::constant_order(&low_value, &high_value)
                    .is_some_and(|o| o.is_gt() || (o.is_eq() && !(*low_closed && *high_closed)));
                if empty {
                    let file = self.file_of(module);
                    self.error(
                        file,
                        CheckError::Invalid {
                            message: "this range holds no value".into(),
                            span: cell.span.into(),
                            help: Some("write the lower end first: `[1..10)`".into()),
                        },
                    );
                }
                CellTest::Range {
                    low: low_value,
                    low_closed: *low_closed,
                    high: high_value,
                    high_closed: *high_closed,
                }
            }
            CellKind::Not(values) => {
                CellTest::Not(values.iter().map(|e| constant(self, e)).collect())
            }
            _ => CellTest::Any,
        }
    }
}
