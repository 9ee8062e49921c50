//! One scenario document decided by both sides, and what differs: the
//! outcome, the set of failed rules, the failure messages, the reported
//! values; or that a side could not load or decide it at all.

use std::collections::BTreeMap;

use serde::Serialize;

use super::structure::PolicyChange;
use crate::diagnostic::FileDiagnostic;
use crate::explain::{DecisionResult, Explanation, RuleStatus};
use crate::plan::PolicySet;
use crate::scenario::Loaded;

/// What one side decided, reduced to what a reviewer compares.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Side {
    pub outcome: String,
    pub failed: Vec<String>,
    /// Each failed rule's message (per failed item for `for` rules), in
    /// explanation order.
    pub messages: Vec<RuleMessage>,
    pub values: BTreeMap<String, serde_json::Value>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleMessage {
    pub rule: String,
    pub message: String,
}

impl Side {
    pub fn of(result: DecisionResult) -> Side {
        let mut messages = Vec::new();
        for node in &result.explanation {
            let Explanation::Rule(rule) = node else {
                continue;
            };
            if rule.status != RuleStatus::Failed {
                continue;
            }
            let said = |message: String| RuleMessage {
                rule: rule.rule.clone(),
                message,
            };
            messages.extend(rule.message.iter().cloned().map(said));
            for item in rule.items.iter().filter(|i| i.status == RuleStatus::Failed) {
                if let Some(message) = &item.message {
                    messages.push(said(format!("{}: {message}", item.item)));
                }
            }
        }
        Side {
            outcome: result.outcome,
            failed: result.failed,
            messages,
            values: result.values,
        }
    }
}

/// A side's answer for one document.
#[derive(Debug)]
pub enum Answer {
    Decided(Side),
    /// The document does not load (or cannot be decided) with this side's
    /// policies; the diagnostics say why.
    Broken(Vec<FileDiagnostic>),
}

/// What changed for one document.
#[derive(Debug)]
pub enum Change {
    Unchanged,
    /// Both sides decided, differently. `rules` and `tables` are those the
    /// decision uses (on either side) whose code changed between the sets.
    Decided {
        base: Side,
        head: Side,
        aspects: Vec<&'static str>,
        rules: Vec<String>,
        tables: Vec<String>,
    },
    /// At least one side could not decide the document.
    Broken {
        base: Answer,
        head: Answer,
    },
}

/// One document that changed, and where it is.
#[derive(Debug)]
pub struct DocumentDiff {
    /// `path#index`.
    pub scenario: String,
    pub file: String,
    pub line: usize,
    pub name: Option<String>,
    pub decision: Option<String>,
    pub change: Change,
}

impl DocumentDiff {
    pub fn outcome_changed(&self) -> bool {
        matches!(&self.change, Change::Decided { base, head, .. } if base.outcome != head.outcome)
    }
}

/// Decides a loaded (or unloadable) document with one side's policies.
pub fn answer(policies: &PolicySet, loaded: Loaded) -> Answer {
    match loaded {
        Err(error) => Answer::Broken(error.diagnostics),
        Ok(scenario) => match crate::decide(policies, &scenario, true) {
            Ok(result) => Answer::Decided(Side::of(result)),
            Err(failure) if failure.diagnostics.is_empty() => {
                Answer::Broken(vec![super::errors::unknown_decision(&scenario)])
            }
            Err(failure) => Answer::Broken(failure.diagnostics),
        },
    }
}

/// Which of outcome, failed rules, messages and values differ.
fn aspects(base: &Side, head: &Side) -> Vec<&'static str> {
    let mut aspects = Vec::new();
    if base.outcome != head.outcome {
        aspects.push("outcome");
    }
    if base.failed != head.failed {
        aspects.push("failed");
    }
    if base.messages != head.messages {
        aspects.push("messages");
    }
    if base.values != head.values {
        aspects.push("values");
    }
    aspects
}

/// Compares the two answers; `decision_parts` gives the rule IDs and tables
/// either side's decision uses (asked only for a changed document), to name
/// those whose code changed.
pub fn compare(
    base: Answer,
    head: Answer,
    decision_parts: impl FnOnce() -> (Vec<String>, Vec<String>),
    policy_change: &PolicyChange,
) -> Change {
    match (base, head) {
        (Answer::Decided(base), Answer::Decided(head)) => {
            let aspects = aspects(&base, &head);
            if aspects.is_empty() {
                return Change::Unchanged;
            }
            let (mut rules, mut tables) = decision_parts();
            rules.retain(|id| policy_change.touches_rule(id));
            tables.retain(|name| policy_change.touches_table(name));
            for names in [&mut rules, &mut tables] {
                names.sort();
                names.dedup();
            }
            Change::Decided {
                base,
                head,
                aspects,
                rules,
                tables,
            }
        }
        (base, head) => Change::Broken { base, head },
    }
}
