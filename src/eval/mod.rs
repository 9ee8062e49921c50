//! Evaluation: a compiled decision applied to a checked input, giving the
//! outcome, the failed rules, the computed values and (when asked) the
//! explanation of each.

mod builtins;
mod builtins_calendar;
mod builtins_number;
mod builtins_text;
mod counterfactual;
mod errors;
mod fast;
mod functions;
mod machine;
mod operands;
mod ops;
mod rules;
mod tables;

pub use errors::{EvalError, InContext, RuntimeError};

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use crate::explain::{Explanation, OutcomeExplanation, PolicyPlace, RuleStatus, ValueExplanation};
use crate::plan::{Decision, Expr, Location, PolicySet};
use crate::scenario::PosTree;
use crate::value::{render_json, Sym, Value};
use machine::{Frame, Machine};
use rules::RuleResult;

/// What evaluating a decision gives, before it is tied to a scenario.
#[derive(Clone, Debug)]
pub struct Evaluated {
    pub outcome: Sym,
    pub outcome_name: String,
    /// IDs of the rules that failed, sorted.
    pub failed: Vec<String>,
    /// Reported values by name.
    pub values: BTreeMap<String, serde_json::Value>,
    /// Empty unless an explanation was asked for.
    pub explanation: Vec<Explanation>,
}

/// Evaluates `decision` on `input`; `positions` says where the scenario
/// wrote each input value, and `now` is the scenario's `as_of`.
pub fn evaluate(
    policies: &PolicySet,
    decision: &Decision,
    input: &Value,
    positions: Option<&PosTree>,
    now: Option<DateTime<Utc>>,
    explain: bool,
) -> Result<Evaluated, RuntimeError> {
    let mut machine = Machine {
        policies: Some(policies),
        decision: Some(decision),
        input,
        positions,
        now,
        values: vec![None; decision.values.len()],
        value_sinks: vec![None; decision.values.len()],
        any_rule_failed: false,
        tracing: explain,
        sinks: Vec::new(),
        file: decision.location.file,
        spare_slots: Vec::new(),
    };
    let mut failed = Vec::new();
    let mut explanation = Vec::new();
    for rule in &decision.rules {
        let id = &policies.rules[rule.info].id;
        let within = |error: RuntimeError| error.within(|| format!("rule `{id}`"));
        let failure = if explain {
            let result: RuleResult = machine.rule(policies, rule).map_err(within)?;
            let failure = result.failed();
            if let Some(node) = result.explanation {
                explanation.push(Explanation::Rule(node));
            }
            failure
        } else {
            let flat = rule
                .flat
                .as_ref()
                .map(|flat| fast::rule_status(flat, input));
            let status = match flat {
                Some(Ok(status)) => status,
                _ => machine.rule_status(policies, rule).map_err(within)?,
            };
            status == RuleStatus::Failed
        };
        if failure {
            failed.push(policies.rules[rule.info].id.clone());
            machine.any_rule_failed = true;
        }
    }
    failed.sort();
    machine.file = decision.location.file;
    let outcome = match &decision.outcome {
        Some(frame) => {
            let mut locals = Frame::new(&frame.locals, explain);
            match machine.eval(&frame.body, &mut locals)? {
                Value::Symbol(sym) => sym,
                _ => decision
                    .allow_deny
                    .map(|(_, deny)| deny)
                    .unwrap_or(crate::value::Sym(0)),
            }
        }
        None => match decision.allow_deny {
            Some((allow, deny)) => {
                if failed.is_empty() {
                    allow
                } else {
                    deny
                }
            }
            None => crate::value::Sym(0),
        },
    };
    let mut values = BTreeMap::new();
    for (index, value) in decision.values.iter().enumerate() {
        // A value reported only on some outcomes is not computed on the
        // others: it may not even be computable there (a deny can be the
        // reason its inputs do not fit together).
        if !(value.on.is_empty() || value.on.contains(&outcome)) {
            continue;
        }
        let computed = machine
            .decision_value(index)
            .map_err(|error| error.within(|| format!("value `{}`", value.name)))?;
        let json = render_json(&computed, &value.ty, &policies.symbols);
        // An optional value that comes out absent is not reported.
        let reported = !matches!(computed, Value::Absent);
        if reported {
            values.insert(value.name.clone(), json.clone());
        }
        if explain {
            let sink = machine.value_sinks[index].take().unwrap_or_default();
            explanation.push(Explanation::Value(ValueExplanation {
                value: value.name.clone(),
                result: json,
                reported,
                formula: value.formula.clone(),
                steps: sink.steps,
                looked_at: sink.looked_at,
                at: place(policies, value.location),
            }));
        }
    }
    let outcome_name = policies.symbols.name(outcome).to_string();
    if explain {
        let reason = match &decision.outcome {
            Some(_) => format!("decided by `{}`", decision.outcome_text),
            None if failed.is_empty() => {
                format!("all {} rules passed or did not apply", decision.rules.len())
            }
            None => format!(
                "{} of {} rules failed: {}",
                failed.len(),
                decision.rules.len(),
                failed.join(", ")
            ),
        };
        explanation.push(Explanation::Outcome(OutcomeExplanation {
            outcome: outcome_name.clone(),
            reason,
            at: place(policies, decision.location),
        }));
    }
    Ok(Evaluated {
        outcome,
        outcome_name,
        failed,
        values,
        explanation,
    })
}

pub fn place(policies: &PolicySet, location: Location) -> PolicyPlace {
    let (file, line, column) = policies.position(location);
    PolicyPlace {
        file: file.to_string(),
        line,
        column,
    }
}

/// Computes a constant expression at check time.
pub fn constant(expr: &Expr) -> Result<Value, String> {
    let input = Value::Absent;
    let mut machine = Machine {
        policies: None,
        decision: None,
        input: &input,
        positions: None,
        now: None,
        values: Vec::new(),
        value_sinks: Vec::new(),
        any_rule_failed: false,
        tracing: false,
        sinks: Vec::new(),
        file: 0,
        spare_slots: Vec::new(),
    };
    let mut frame = Frame::new(&[], false);
    machine
        .eval(expr, &mut frame)
        .map_err(|e| e.error.to_string())
}

/// The order of two constants as `<` sees them, where they have one.
pub fn constant_order(a: &Value, b: &Value) -> Option<std::cmp::Ordering> {
    ops::order(a, b, crate::syntax::ast::Span::default()).ok()
}
