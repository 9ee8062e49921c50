//! Explanations: the serialisable result of a decision, the tree that says
//! why, and the trace recorder evaluation fills while it runs.

pub mod graph;
mod trace;

pub use graph::Graph;
pub use trace::{Observation, Sink};

use std::collections::BTreeMap;

use serde::Serialize;

/// The result of one decision on one scenario document, as `eval --format
/// json` prints it and as snapshots record it.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct DecisionResult {
    pub scenario: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub decision: String,
    pub outcome: String,
    pub failed: Vec<String>,
    pub values: BTreeMap<String, serde_json::Value>,
    pub explanation: Vec<Explanation>,
    pub policy_digest: String,
}

/// One node of the explanation: a rule, a computed value, or the outcome.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Explanation {
    Rule(RuleExplanation),
    Value(ValueExplanation),
    Outcome(OutcomeExplanation),
}

#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RuleStatus {
    Passed,
    Failed,
    NotApplicable,
}

impl RuleStatus {
    pub fn name(self) -> &'static str {
        match self {
            RuleStatus::Passed => "passed",
            RuleStatus::Failed => "failed",
            RuleStatus::NotApplicable => "not applicable",
        }
    }
}

/// A place in a policy file.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct PolicyPlace {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Citation {
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct RuleExplanation {
    pub rule: String,
    pub title: String,
    pub status: RuleStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    pub cite: Vec<Citation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub doc: Vec<String>,
    pub at: PolicyPlace,
    pub looked_at: Vec<Observation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub would_pass_if: Vec<String>,
    /// For a rule checked once per list item (`for`): each item's result.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ItemExplanation>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ItemExplanation {
    pub item: String,
    pub status: RuleStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    pub looked_at: Vec<Observation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub would_pass_if: Vec<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ValueExplanation {
    pub value: String,
    pub result: serde_json::Value,
    /// Whether the value is part of `values` (values computed only on some
    /// outcomes are explained but not reported on the others).
    pub reported: bool,
    pub formula: String,
    pub steps: Vec<String>,
    pub looked_at: Vec<Observation>,
    pub at: PolicyPlace,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct OutcomeExplanation {
    pub outcome: String,
    pub reason: String,
    pub at: PolicyPlace,
}
