//! Comparing a decision with what its scenario expects: the outcome, the set
//! of failed rules (exactly, order aside) and each expected value (exactly,
//! digits included).

use serde::Serialize;

use crate::explain::DecisionResult;
use crate::scenario::Expect;

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
        if actual != Some(&expected.value) {
            mismatches.push(Mismatch::Value {
                name: expected.name.clone(),
                expected: expected.value.clone(),
                actual: actual.cloned(),
                line: expected.line,
            });
        }
    }
    mismatches
}
