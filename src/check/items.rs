//! Checking and compiling the items that evaluation runs: decision tables,
//! rules (once per decision that lists them, against its input type) and
//! decisions with their computed values and outcome.

use std::sync::Arc;

use super::errors::CheckError;
use super::expr::{facts, Scope, ValueSig};
use super::index::{DecisionInput, DefKind};
use super::{Checker, Resolve};
use crate::diagnostic::did_you_mean;
use crate::plan::{
    CellTest, CompiledRule, CompiledValue, Decision, Expr, Frame, Location, RuleBody, Table,
    TableRow,
};
use crate::syntax::ast::{self, CellKind};
use crate::types::{EnumType, Type};
use crate::value::{Sym, Value};

/// Source text on one line, as an explanation shows a formula: comments go,
/// runs of white space become one space, and none is left inside brackets.
fn one_line(text: &str) -> String {
    let joined = crate::syntax::without_comments(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = String::with_capacity(joined.len());
    let mut chars = joined.chars().peekable();
    while let Some(c) = chars.next() {
        let closing_next = matches!(chars.peek(), Some(')' | ']'));
        let after_opening = matches!(out.chars().last(), Some('(' | '['));
        if c == ' ' && (closing_next || after_opening) {
            continue;
        }
        out.push(c);
    }
    out
}

/// A table row's result when all its outputs are constants.
fn constant_output(outputs: &[Expr], output: &Type) -> Option<Value> {
    let values: Option<Vec<Value>> = outputs
        .iter()
        .map(|o| match o {
            Expr::Const(value) => Some(value.clone()),
            _ => None,
        })
        .collect();
    let values = values?;
    Some(match output {
        Type::Record(_) => Value::Record(values.into()),
        _ => values.into_iter().next().unwrap_or(Value::Absent),
    })
}

impl Checker<'_> {
    /// Parameter types and output type of table `index`.
    pub(super) fn table_signature(&mut self, index: usize) -> Option<(Vec<Type>, Type)> {
        match &self.tables[index].signature {
            Resolve::Done(signature) => return Some(signature.clone()),
            Resolve::Failed | Resolve::InProgress => return None,
            Resolve::Pending => {}
        }
        self.tables[index].signature = Resolve::InProgress;
        let module = self.tables[index].module;
        let decl = self.tables[index].decl;
        let params = decl
            .params
            .iter()
            .map(|(_, ty)| self.resolve_type_expr(module, ty))
            .collect();
        let output = self.resolve_type_expr(module, &decl.output);
        self.tables[index].signature = Resolve::Done((params, output.clone()));
        if let Resolve::Done(signature) = &self.tables[index].signature {
            return Some(signature.clone());
        }
        None
    }

    pub(super) fn compile_table(&mut self, index: usize) {
        let Some((params, output)) = self.table_signature(index) else {
            return;
        };
        let module = self.tables[index].module;
        let file = self.file_of(module);
        let decl = self.tables[index].decl;
        let output_types: Vec<Type> = match &output {
            Type::Record(record) => record.fields.iter().map(|f| f.ty.clone()).collect(),
            other => vec![other.clone()],
        };
        let mut scope = Scope::constant(module);
        for ((name, _), ty) in decl.params.iter().zip(&params) {
            scope.bind(&name.name, ty.clone());
        }
        let mut rows = Vec::with_capacity(decl.rows.len());
        for row in &decl.rows {
            let width = params.len() + output_types.len();
            if row.cells.len() != width {
                self.error(
                    file,
                    CheckError::Invalid {
                        message: format!(
                            "this row has {} cells where the table has {width} columns",
                            row.cells.len()
                        ),
                        span: row.span.into(),
                        help: Some(format!(
                            "write {} for the parameters, then {} for the output",
                            super::calls::plural(params.len(), "cell"),
                            super::calls::plural(output_types.len(), "cell")
                        )),
                    },
                );
                continue;
            }
            let mut tests = Vec::with_capacity(params.len());
            for (cell, ty) in row.cells.iter().zip(&params) {
                tests.push(self.cell_test(module, cell, ty));
            }
            let outputs =
                self.row_outputs(&mut scope, file, &row.cells[params.len()..], &output_types);
            let constant = constant_output(&outputs, &output);
            rows.push(TableRow {
                tests,
                outputs,
                constant,
                location: Location {
                    file,
                    span: row.span,
                },
            });
        }
        let priority = self.hit_policy(file, decl, &output);
        let default = decl.default.as_ref().and_then(|row| {
            if row.cells.len() != output_types.len() {
                self.error(
                    file,
                    CheckError::Invalid {
                        message: format!(
                            "`default` has {} cells where the table has {} outputs",
                            row.cells.len(),
                            output_types.len()
                        ),
                        span: row.span.into(),
                        help: Some(
                            "write one cell per output, such as `default | false | draft |`".into(),
                        ),
                    },
                );
                return None;
            }
            let outputs = self.row_outputs(&mut scope, file, &row.cells, &output_types);
            let constant = constant_output(&outputs, &output);
            Some(TableRow {
                tests: Vec::new(),
                outputs,
                constant,
                location: Location {
                    file,
                    span: row.span,
                },
            })
        });
        self.compiled_tables[index] = Some(Table {
            name: decl.name.name.clone(),
            params: decl
                .params
                .iter()
                .map(|(n, _)| n.name.clone())
                .zip(params)
                .collect(),
            output,
            hit: decl.hit,
            aggregator: decl.aggregator,
            rows,
            default,
            priority,
            location: Location {
                file,
                span: self.tables[index].span,
            },
            locals: scope.slots,
        });
    }

    fn cell_test(&mut self, module: usize, cell: &ast::Cell, ty: &Type) -> CellTest {
        let constant = |this: &mut Self, expr: &ast::Expr| -> Value {
            let mut scope = Scope::constant(module);
            let compiled = this.expect(&mut scope, expr, ty);
            crate::eval::constant(&compiled).unwrap_or(Value::Absent)
        };
        match &cell.kind {
            CellKind::Any => CellTest::Any,
            CellKind::Compare(op, expr) => {
                if !ty.is_ordered() && !matches!(op, ast::CompareOp::Eq | ast::CompareOp::Ne) {
                    let file = self.file_of(module);
                    self.error(
                        file,
                        CheckError::Invalid {
                            message: format!(
                                "`{}` has no order, so `{}` cannot test it",
                                ty.display(),
                                op.symbol()
                            ),
                            span: cell.span.into(),
                            help: Some("list the values the row accepts instead: `a, b`".into()),
                        },
                    );
                }
                CellTest::Compare(*op, constant(self, expr))
            }
            CellKind::OneOf(values) => {
                CellTest::OneOf(values.iter().map(|e| constant(self, e)).collect())
            }
            CellKind::Range { .. } | CellKind::Not(_) => {
                let mut constant = constant;
                self.range_or_not_test(module, cell, ty, &mut constant)
            }
        }
    }

    pub(super) fn compile_decision(&mut self, index: usize) {
        let module = self.decisions[index].module;
        let decl = self.decisions[index].decl;
        let file = self.file_of(module);
        let input = match &decl.input {
            Some(ty) => self.resolve_type_expr(module, ty),
            None => {
                self.error(
                    file,
                    CheckError::MissingInput {
                        name: decl.name.name.clone(),
                        span: decl.name.span.into(),
                    },
                );
                Type::Unknown
            }
        };
        let outcome_names: Vec<(String, ast::Span)> = match &decl.outcomes {
            Some(names) => names.iter().map(|n| (n.name.clone(), n.span)).collect(),
            None => vec![
                ("allow".into(), decl.name.span),
                ("deny".into(), decl.name.span),
            ],
        };
        let outcomes = Arc::new(EnumType {
            aliases: Vec::new(),
            name: Some("outcome".into()),
            members: outcome_names
                .iter()
                .map(|(name, _)| (self.symbols.intern(name), name.clone()))
                .collect(),
        });
        let outcome_ty = Type::Enum(outcomes.clone());
        let allow_deny = match (
            outcomes.member_named("allow"),
            outcomes.member_named("deny"),
        ) {
            (Some(allow), Some(deny)) => Some((allow, deny)),
            _ => None,
        };
        if decl.outcome.is_none() && allow_deny.is_none() {
            let span = decl
                .outcomes
                .as_ref()
                .and_then(|o| o.first())
                .map_or(decl.name.span, |n| n.span);
            self.error(file, CheckError::DefaultOutcome { span: span.into() });
        }

        let signatures: Vec<ValueSig> = decl
            .values
            .iter()
            .map(|v| {
                let ty = self.resolve_type_expr(module, &v.ty);
                ValueSig {
                    location: Location {
                        file,
                        span: v.name.span,
                    },
                    name: v.name.name.clone(),
                    ty: if v.optional {
                        Type::Optional(Arc::new(ty))
                    } else {
                        ty
                    },
                    gated: !v.on.is_empty(),
                }
            })
            .collect();
        let mut uses_now = false;

        let mut values = Vec::with_capacity(decl.values.len());
        let mut value_refs = Vec::with_capacity(decl.values.len());
        for (position, value) in decl.values.iter().enumerate() {
            let mut scope = Scope::decision(module, input.clone(), signatures.clone());
            scope.allow_rules_pass = true;
            let expr = self.expect(&mut scope, &value.expr, &signatures[position].ty);
            uses_now |= scope.uses_now;
            value_refs.push(scope.value_refs.clone());
            let on = value
                .on
                .iter()
                .filter_map(|name| self.outcome_symbol(file, &outcomes, name))
                .collect();
            values.push(CompiledValue {
                name: value.name.name.clone(),
                ty: signatures[position].ty.clone(),
                on,
                frame: Frame {
                    body: expr,
                    locals: scope.slots,
                },
                formula: one_line(&self.text(file, value.expr.span)),
                location: Location {
                    file,
                    span: value.name.span,
                },
            });
            if decl.values[..position]
                .iter()
                .any(|v| v.name.name == value.name.name)
            {
                self.error(
                    file,
                    CheckError::Duplicate {
                        name: value.name.name.clone(),
                        span: value.name.span.into(),
                        first: None,
                        help: Some("each value of a decision has its own name".into()),
                    },
                );
            }
        }
        self.check_value_cycles(file, decl, &value_refs);

        let mut rules = Vec::with_capacity(decl.rules.len());
        for (position, id) in decl.rules.iter().enumerate() {
            if decl.rules[..position].iter().any(|r| r.name == id.name) {
                self.error(
                    file,
                    CheckError::Duplicate {
                        name: id.name.clone(),
                        span: id.span.into(),
                        first: None,
                        help: Some("list each rule once".into()),
                    },
                );
                continue;
            }
            let Some(&rule_index) = self.rule_index.get(&id.name) else {
                let help = did_you_mean(&id.name, self.rule_index.keys().map(String::as_str));
                self.error(
                    file,
                    CheckError::UnknownRule {
                        id: id.name.clone(),
                        span: id.span.into(),
                        help,
                    },
                );
                continue;
            };
            let definition = self.rules[rule_index].info.location;
            self.note_use(file, id.span, DefKind::Rule, definition);
            self.rules[rule_index].used = true;
            let (frame, rule_uses_now) = self.compile_rule(rule_index, &input, &signatures);
            uses_now |= rule_uses_now;
            rules.push(CompiledRule::new(rule_index, frame));
        }

        let outcome = decl.outcome.as_ref().map(|expr| {
            let mut scope = Scope::decision(module, input.clone(), signatures.clone());
            scope.allow_rules_pass = true;
            let body = self.expect(&mut scope, expr, &outcome_ty);
            uses_now |= scope.uses_now;
            Frame {
                body,
                locals: scope.slots,
            }
        });

        if let Some(index) = &mut self.index {
            index.decisions.push(DecisionInput {
                name: decl.name.name.clone(),
                location: Location {
                    file,
                    span: decl.name.span,
                },
                input: input.clone(),
                rules: decl.rules.iter().map(|r| r.name.clone()).collect(),
            });
        }
        self.decisions_done.push(Decision {
            name: decl.name.name.clone(),
            title: decl.title.clone(),
            input,
            outcomes,
            rules,
            values,
            outcome,
            outcome_text: decl
                .outcome
                .as_ref()
                .map(|e| one_line(&self.text(file, e.span)))
                .unwrap_or_default(),
            uses_now,
            location: Location {
                file,
                span: decl.name.span,
            },
            allow_deny,
        });
    }

    fn outcome_symbol(&mut self, file: u16, outcomes: &EnumType, name: &ast::Ident) -> Option<Sym> {
        let found = outcomes.member_named(&name.name);
        if found.is_none() {
            let help = did_you_mean(&name.name, outcomes.names())
                .or_else(|| Some(format!("the outcomes are {}", outcomes.listing())));
            self.error(
                file,
                CheckError::UnknownSymbol {
                    symbol: name.name.clone(),
                    ty: "outcome".into(),
                    span: name.span.into(),
                    help,
                },
            );
        }
        found
    }

    /// Values may read one another, but never in a circle.
    fn check_value_cycles(&mut self, file: u16, decl: &ast::DecisionDecl, refs: &[Vec<usize>]) {
        fn reaches(refs: &[Vec<usize>], from: usize, target: usize, seen: &mut Vec<bool>) -> bool {
            for &next in &refs[from] {
                if next == target {
                    return true;
                }
                if next < seen.len() && !seen[next] {
                    seen[next] = true;
                    if reaches(refs, next, target, seen) {
                        return true;
                    }
                }
            }
            false
        }
        for (index, value) in decl.values.iter().enumerate() {
            let mut seen = vec![false; refs.len()];
            if reaches(refs, index, index, &mut seen) {
                self.error(
                    file,
                    CheckError::Cycle {
                        name: value.name.name.clone(),
                        span: value.name.span.into(),
                    },
                );
            }
        }
    }

    /// Compiles rule `index` against one decision's input type.
    fn compile_rule(
        &mut self,
        index: usize,
        input: &Type,
        values: &[ValueSig],
    ) -> (Frame<RuleBody>, bool) {
        let module = self.rules[index].module;
        let decl = self.rules[index].decl;
        let file = self.file_of(module);
        let mut scope = Scope::decision(module, input.clone(), values.to_vec());
        scope.in_rule = true;
        let mut bound = 0;
        let for_each = decl.for_each.as_ref().map(|(var, list)| {
            let (element, list_c) = self.list_operand(
                &mut scope,
                list,
                Some("`for` checks the rule once per item of a list"),
            );
            bound += 1;
            (scope.bind(&var.name, element), list_c)
        });
        let mut lets_before_when = Vec::new();
        for (name, expr) in &decl.lets[..decl.lets_before_when] {
            let (ty, compiled) = self.check(&mut scope, expr, None);
            lets_before_when.push((scope.bind(&name.name, ty), compiled));
            bound += 1;
        }
        let when = decl
            .when
            .as_ref()
            .map(|expr| self.condition(&mut scope, expr));
        let mark = scope.with_facts(
            &decl
                .when
                .as_ref()
                .map(|w| facts(w, true))
                .unwrap_or_default(),
        );
        let mut lets_after_when = Vec::new();
        for (name, expr) in &decl.lets[decl.lets_before_when..] {
            let (ty, compiled) = self.check(&mut scope, expr, None);
            lets_after_when.push((scope.bind(&name.name, ty), compiled));
            bound += 1;
        }
        let require = self.condition(&mut scope, &decl.require);
        let message_facts = facts(&decl.require, false);
        let inner_mark = scope.with_facts(&message_facts);
        let message = decl.message.as_ref().map(|template| {
            let expr = ast::Expr {
                kind: ast::ExprKind::Text(template.clone()),
                span: template.span,
            };
            self.check(&mut scope, &expr, None).1
        });
        scope.drop_facts(inner_mark);
        scope.drop_facts(mark);
        for _ in 0..bound {
            scope.unbind();
        }
        let body = RuleBody {
            for_each,
            lets_before_when,
            when,
            lets_after_when,
            require,
            require_text: one_line(&self.text(file, decl.require.span)),
            message,
        };
        (
            Frame {
                body,
                locals: scope.slots,
            },
            scope.uses_now,
        )
    }

    /// A rule that no decision lists is still checked, against an input of
    /// unknown shape, so its mistakes do not wait for its first use.
    pub(super) fn check_unused_rule(&mut self, index: usize) {
        self.compile_rule(index, &Type::Unknown, &[]);
    }
}
