//! Comparing a decision with what its scenario expects: the outcome, the set
//! of failed rules (exactly, order aside) and each expected value (exactly,
//! digits included), and the parts of the explanation that account for each
//! difference.

use serde::Serialize;

use crate::explain::{DecisionResult, Explanation, PolicyPlace, RuleExplanation, RuleStatus};
use crate::scenario::{Expect, Presence};

/// One way a decision differs from its expectation.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum Mismatch {
    Outcome {
        expected: String,
        actual: String,
    },
    Failed {
        expected: Vec<String>,
        actual: Vec<String>,
        missing: Vec<String>,
        unexpected: Vec<String>,
    },
    Value {
        name: String,
        expected: serde_json::Value,
        actual: Option<serde_json::Value>,
        line: usize,
        /// Set when the scenario asked only whether the value is reported.
        #[serde(skip_serializing_if = "Option::is_none")]
        presence: Option<Presence>,
    },
}

impl Mismatch {
    /// One line for people: `outcome: expected deny, got allow`.
    pub fn describe(&self) -> String {
        match self {
            Mismatch::Outcome { expected, actual } => {
                format!("outcome: expected {expected}, got {actual}")
            }
            Mismatch::Failed {
                missing,
                unexpected,
                ..
            } => {
                let mut parts = Vec::new();
                if !missing.is_empty() {
                    parts.push(format!(
                        "expected to fail but did not: {}",
                        missing.join(", ")
                    ));
                }
                if !unexpected.is_empty() {
                    parts.push(format!(
                        "failed but not expected to: {}",
                        unexpected.join(", ")
                    ));
                }
                format!("failed rules: {}", parts.join("; "))
            }
            Mismatch::Value {
                name,
                actual: Some(actual),
                presence: Some(Presence::Absent),
                ..
            } => format!("value `{name}`: expected absent, got {}", show(actual)),
            Mismatch::Value {
                name,
                presence: Some(Presence::Present),
                ..
            } => format!("value `{name}`: expected a value, but the decision did not report it"),
            Mismatch::Value {
                name,
                expected,
                actual,
                ..
            } => match actual {
                Some(actual) => format!(
                    "value `{name}`: expected {}, got {}",
                    show(expected),
                    show(actual)
                ),
                None => format!(
                    "value `{name}`: expected {}, but the decision did not report it",
                    show(expected)
                ),
            },
        }
    }
}

fn show(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Every difference between `result` and `expect`; empty when it holds.
pub fn compare(result: &DecisionResult, expect: &Expect) -> Vec<Mismatch> {
    let mut mismatches = Vec::new();
    if let Some(outcome) = &expect.outcome {
        if *outcome != result.outcome {
            mismatches.push(Mismatch::Outcome {
                expected: outcome.clone(),
                actual: result.outcome.clone(),
            });
        }
    }
    if let Some(failed) = &expect.failed {
        let missing: Vec<String> = failed
            .iter()
            .filter(|id| !result.failed.contains(id))
            .cloned()
            .collect();
        let unexpected: Vec<String> = result
            .failed
            .iter()
            .filter(|id| !failed.contains(id))
            .cloned()
            .collect();
        if !missing.is_empty() || !unexpected.is_empty() {
            mismatches.push(Mismatch::Failed {
                expected: failed.clone(),
                actual: result.failed.clone(),
                missing,
                unexpected,
            });
        }
    }
    for expected in &expect.values {
        let actual = result.values.get(&expected.name);
        let holds = match expected.presence {
            Some(Presence::Absent) => actual.is_none(),
            Some(Presence::Present) => actual.is_some(),
            None => actual == Some(&expected.value),
        };
        if !holds {
            mismatches.push(Mismatch::Value {
                name: expected.name.clone(),
                expected: expected.value.clone(),
                actual: actual.cloned(),
                line: expected.line,
                presence: expected.presence,
            });
        }
    }
    mismatches
}

/// A line of the decision's explanation that accounts for a mismatch, and
/// the policy place it is about (for a rule, where the rule is written).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Note {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<PolicyPlace>,
}

impl Note {
    fn plain(text: String) -> Note {
        Note { text, at: None }
    }
}

/// What in `result`'s explanation accounts for `mismatch`: the messages of
/// rules that failed unexpectedly, the status of rules expected to fail, the
/// reason for the outcome, the arithmetic of a value. `all` is every
/// mismatch of the document, so an outcome mismatch does not repeat rule
/// messages that the failed-set mismatch already gives. `result` must carry
/// its explanation (decided with `explain`), or there is nothing to say.
pub fn notes(result: &DecisionResult, mismatch: &Mismatch, all: &[Mismatch]) -> Vec<Note> {
    let mut notes = Vec::new();
    match mismatch {
        Mismatch::Outcome { .. } => {
            if let Some(reason) = result.explanation.iter().find_map(|node| match node {
                Explanation::Outcome(outcome) => Some(&outcome.reason),
                _ => None,
            }) {
                notes.push(Note::plain(format!(
                    "the outcome is `{}`: {reason}",
                    result.outcome
                )));
            }
            let failed_set_explains = all.iter().any(|m| matches!(m, Mismatch::Failed { .. }));
            if !failed_set_explains {
                for id in &result.failed {
                    if let Some(rule) = rule_node(result, id) {
                        failure_notes(rule, &mut notes);
                    }
                }
            }
        }
        Mismatch::Failed {
            missing,
            unexpected,
            ..
        } => {
            for id in unexpected {
                if let Some(rule) = rule_node(result, id) {
                    failure_notes(rule, &mut notes);
                }
            }
            for id in missing {
                notes.push(match rule_node(result, id) {
                    Some(rule) => Note {
                        text: match rule.status {
                            RuleStatus::NotApplicable => format!(
                                "{id} ({}) was expected to fail but was not applicable: its `when` did not hold",
                                rule.title
                            ),
                            _ => format!("{id} ({}) was expected to fail but passed", rule.title),
                        },
                        at: Some(rule.at.clone()),
                    },
                    None => Note::plain(format!("{id} was expected to fail but was not evaluated")),
                });
            }
        }
        Mismatch::Value { name, actual, .. } => {
            let node = result.explanation.iter().find_map(|node| match node {
                Explanation::Value(value) if value.value == *name => Some(value),
                _ => None,
            });
            match (node, actual) {
                (Some(value), Some(_)) => {
                    notes.push(Note {
                        text: format!("{name} = {}", value.formula),
                        at: Some(value.at.clone()),
                    });
                    notes.extend(value.steps.iter().cloned().map(Note::plain));
                }
                (Some(value), None) => notes.push(Note {
                    text: format!("`{name}` came out absent, so it is not reported"),
                    at: Some(value.at.clone()),
                }),
                (None, _) => notes.push(Note::plain(format!(
                    "`{name}` is not computed when the outcome is `{}`",
                    result.outcome
                ))),
            }
        }
    }
    notes
}

fn rule_node<'a>(result: &'a DecisionResult, id: &str) -> Option<&'a RuleExplanation> {
    result.explanation.iter().find_map(|node| match node {
        Explanation::Rule(rule) if rule.rule == id => Some(rule),
        _ => None,
    })
}

/// A failed rule's message (each failed item's, for a rule checked per
/// item) and what would make it pass; the title stands in for a rule
/// written without `else`.
fn failure_notes(rule: &RuleExplanation, notes: &mut Vec<Note>) {
    let id = &rule.rule;
    if rule.items.is_empty() {
        let message = rule.message.as_deref().unwrap_or(&rule.title);
        notes.push(Note {
            text: format!("{id} failed: {message}"),
            at: Some(rule.at.clone()),
        });
        for change in &rule.would_pass_if {
            notes.push(Note::plain(format!("{id} would pass if {change}")));
        }
    }
    for item in rule.items.iter().filter(|i| i.status == RuleStatus::Failed) {
        let message = item.message.as_deref().unwrap_or(&rule.title);
        notes.push(Note {
            text: format!("{id} failed for {}: {message}", item.item),
            at: Some(rule.at.clone()),
        });
        for change in &item.would_pass_if {
            notes.push(Note::plain(format!("{id} would pass if {change}")));
        }
    }
}
