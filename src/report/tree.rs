//! A decision's whole explanation as a tree of labelled lines: each rule
//! (passed, failed or not applicable) with what it looked at, its steps,
//! its counterfactuals and its items; each computed value with its formula
//! and arithmetic; the outcome with its reason. `eligo explain` prints it
//! indented, the HTML reports fold it.

use std::fmt::Write;

use super::human::{citation, observed};
use crate::explain::{DecisionResult, Explanation, ItemExplanation, Observation, RuleStatus};

/// One line of the tree and the lines under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub text: String,
    /// `passed`, `failed`, `not_applicable`, `value` or `outcome` for the
    /// tree's top nodes; `None` below them.
    pub kind: Option<&'static str>,
    pub children: Vec<Node>,
}

impl Node {
    fn leaf(text: String) -> Node {
        Node {
            text,
            kind: None,
            children: Vec::new(),
        }
    }
}

fn status_kind(status: RuleStatus) -> &'static str {
    match status {
        RuleStatus::Passed => "passed",
        RuleStatus::Failed => "failed",
        RuleStatus::NotApplicable => "not_applicable",
    }
}

fn mark(status: RuleStatus) -> &'static str {
    match status {
        RuleStatus::Passed => "✓",
        RuleStatus::Failed => "✗",
        RuleStatus::NotApplicable => "–",
    }
}

/// What a rule, or one item of it, said: its message, what it looked at,
/// its steps and what would make it pass.
fn findings(
    children: &mut Vec<Node>,
    message: &Option<String>,
    looked_at: &[Observation],
    steps: &[String],
    would_pass_if: &[String],
) {
    children.extend(message.iter().cloned().map(Node::leaf));
    children.extend(
        looked_at
            .iter()
            .map(|o| Node::leaf(format!("looked at {}", observed(o)))),
    );
    children.extend(steps.iter().cloned().map(Node::leaf));
    children.extend(
        would_pass_if
            .iter()
            .map(|c| Node::leaf(format!("would pass if {c}"))),
    );
}

fn item_node(item: &ItemExplanation) -> Node {
    let mut children = Vec::new();
    findings(
        &mut children,
        &item.message,
        &item.looked_at,
        &item.steps,
        &item.would_pass_if,
    );
    Node {
        text: format!(
            "{} {}: {}",
            mark(item.status),
            item.item,
            item.status.name()
        ),
        kind: None,
        children,
    }
}

fn shown(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The explanation's top nodes, in explanation order.
pub fn explanation_tree(explanation: &[Explanation]) -> Vec<Node> {
    explanation
        .iter()
        .map(|node| match node {
            Explanation::Rule(rule) => {
                let mut children: Vec<Node> = rule.doc.iter().cloned().map(Node::leaf).collect();
                findings(
                    &mut children,
                    &rule.message,
                    &rule.looked_at,
                    &rule.steps,
                    &rule.would_pass_if,
                );
                children.extend(rule.items.iter().map(item_node));
                children.push(Node::leaf(citation(rule)));
                Node {
                    text: format!(
                        "{} {} {}: {}",
                        mark(rule.status),
                        rule.rule,
                        rule.title,
                        rule.status.name()
                    ),
                    kind: Some(status_kind(rule.status)),
                    children,
                }
            }
            Explanation::Value(value) => {
                let mut children = vec![Node::leaf(value.formula.clone())];
                children.extend(value.steps.iter().cloned().map(Node::leaf));
                children.extend(
                    value
                        .looked_at
                        .iter()
                        .map(|o| Node::leaf(format!("looked at {}", observed(o)))),
                );
                children.push(Node::leaf(format!(
                    "{}:{}:{}",
                    value.at.file, value.at.line, value.at.column
                )));
                let unreported = if value.reported {
                    ""
                } else {
                    "  (not reported)"
                };
                Node {
                    text: format!("= {} = {}{unreported}", value.value, shown(&value.result)),
                    kind: Some("value"),
                    children,
                }
            }
            Explanation::Outcome(outcome) => Node {
                text: format!("→ {}: {}", outcome.outcome, outcome.reason),
                kind: Some("outcome"),
                children: vec![Node::leaf(format!(
                    "{}:{}:{}",
                    outcome.at.file, outcome.at.line, outcome.at.column
                ))],
            },
        })
        .collect()
}

/// The tree as indented text, two spaces a level, under a heading line.
pub fn explanation_text(result: &DecisionResult) -> String {
    let mut out = format!(
        "{}  {} → {}",
        result.scenario, result.decision, result.outcome
    );
    if let Some(name) = &result.name {
        let _ = write!(out, "  ({name})");
    }
    out.push('\n');
    fn lines(out: &mut String, nodes: &[Node], depth: usize) {
        for node in nodes {
            let _ = writeln!(out, "{}{}", "  ".repeat(depth), node.text);
            lines(out, &node.children, depth + 2);
        }
    }
    lines(&mut out, &explanation_tree(&result.explanation), 1);
    out
}
