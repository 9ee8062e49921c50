//! A decision's rule and value dependency graph for one document: which
//! input facts and tables each rule and value read, which values fed which
//! rules and values, and what chose the outcome; each node carries what it
//! came out as. Built from the explanation (what was read, as read) and the
//! compiled decision (tables, and what the outcome is chosen from), and
//! written as Graphviz dot or Mermaid.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::{DecisionResult, Explanation, Observation};
use crate::lint::walk::plan_expr;
use crate::plan::{Decision, Expr, PolicySet, Root};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NodeKind {
    Input,
    Table,
    Value,
    Rule,
    Outcome,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphNode {
    /// A stable identifier, safe in dot and Mermaid: `n0`, `n1`, ...
    pub id: String,
    pub kind: NodeKind,
    pub label: String,
    /// `passed`, `failed`, `not_applicable` for rules.
    pub status: Option<&'static str>,
}

/// Nodes in the order they were first met; edges `(from, to)` by node index,
/// sorted, each once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Graph {
    pub nodes: Vec<GraphNode>,
    pub edges: BTreeSet<(usize, usize)>,
    keys: Vec<(NodeKind, String)>,
}

impl Graph {
    fn node(&mut self, kind: NodeKind, key: &str, label: impl FnOnce() -> String) -> usize {
        if let Some(at) = self.keys.iter().position(|(k, n)| *k == kind && n == key) {
            return at;
        }
        self.keys.push((kind, key.to_string()));
        self.nodes.push(GraphNode {
            id: format!("n{}", self.nodes.len()),
            kind,
            label: label(),
            status: None,
        });
        self.nodes.len() - 1
    }

    /// What `observation` names: another value of the decision, or an input fact.
    fn read(&mut self, observation: &Observation, values: &[String], reader: usize) {
        let from = if values.contains(&observation.path) {
            self.node(NodeKind::Value, &observation.path, || {
                observation.path.clone()
            })
        } else {
            let shown = shown(&observation.value);
            self.node(NodeKind::Input, &observation.path, || {
                match observation.line {
                    Some(line) => format!("{} = {shown} (line {line})", observation.path),
                    None => format!("{} = {shown}", observation.path),
                }
            })
        };
        self.edges.insert((from, reader));
    }

    /// Edges for what `expr` reads that a trace may not show: the tables
    /// it calls, and the decision values it uses (a value computed once is
    /// observed only by its first reader).
    fn static_reads(
        &mut self,
        policies: &PolicySet,
        values: &[String],
        expr: &Expr,
        reader: usize,
    ) {
        let mut tables = Vec::new();
        let mut used = Vec::new();
        plan_expr(expr, &mut |e| match e {
            Expr::Table { table, .. } => tables.push(*table as usize),
            Expr::DecisionValue(index) => used.push(*index as usize),
            _ => {}
        });
        for table in tables {
            if let Some(t) = policies.tables.get(table) {
                let from = self.node(NodeKind::Table, &t.name, || format!("table {}", t.name));
                self.edges.insert((from, reader));
            }
        }
        for index in used {
            if let Some(name) = values.get(index) {
                let from = self.node(NodeKind::Value, name, || name.clone());
                self.edges.insert((from, reader));
            }
        }
    }

    /// The graph of `result`, a decision of `decision` taken with `policies`.
    pub fn of(policies: &PolicySet, decision: &Decision, result: &DecisionResult) -> Graph {
        let mut graph = Graph::default();
        let values: Vec<String> = decision.values.iter().map(|v| v.name.clone()).collect();
        let outcome = graph.node(NodeKind::Outcome, "", || {
            format!("outcome: {}", result.outcome)
        });
        let mut rule_nodes = Vec::new();
        for node in &result.explanation {
            match node {
                Explanation::Rule(rule) => {
                    let at = graph.node(NodeKind::Rule, &rule.rule, || {
                        format!("{}: {}", rule.rule, rule.title)
                    });
                    graph.nodes[at].status = Some(match rule.status {
                        super::RuleStatus::Passed => "passed",
                        super::RuleStatus::Failed => "failed",
                        super::RuleStatus::NotApplicable => "not_applicable",
                    });
                    rule_nodes.push(at);
                    let items = rule.items.iter().flat_map(|i| &i.looked_at);
                    for observation in rule.looked_at.iter().chain(items) {
                        graph.read(observation, &values, at);
                    }
                    if let Some(compiled) = decision
                        .rules
                        .iter()
                        .find(|r| policies.rules[r.info].id == rule.rule)
                    {
                        let body = &compiled.frame.body;
                        let lets = body.lets_before_when.iter().chain(&body.lets_after_when);
                        let exprs = body
                            .for_each
                            .iter()
                            .map(|(_, e)| e)
                            .chain(lets.map(|(_, e)| e))
                            .chain(&body.when)
                            .chain(std::iter::once(&body.require));
                        for expr in exprs {
                            graph.static_reads(policies, &values, expr, at);
                        }
                    }
                }
                Explanation::Value(value) => {
                    let at = graph.node(NodeKind::Value, &value.value, || value.value.clone());
                    graph.nodes[at].label = format!("{} = {}", value.value, shown(&value.result));
                    for observation in &value.looked_at {
                        graph.read(observation, &values, at);
                    }
                    if let Some(compiled) = decision.values.iter().find(|v| v.name == value.value) {
                        graph.static_reads(policies, &values, &compiled.frame.body, at);
                    }
                }
                Explanation::Outcome(_) => {}
            }
        }
        match &decision.outcome {
            None => {
                for &rule in &rule_nodes {
                    graph.edges.insert((rule, outcome));
                }
            }
            Some(frame) => {
                let mut reads = Vec::new();
                plan_expr(&frame.body, &mut |e| reads.push(e));
                for expr in reads {
                    match expr {
                        Expr::AllRulesPass => {
                            for &rule in &rule_nodes {
                                graph.edges.insert((rule, outcome));
                            }
                        }
                        Expr::Path(path) if path.root == Root::Input => {
                            let key = format!("input{}", path.suffix);
                            let from = graph.node(NodeKind::Input, &key, || key.clone());
                            graph.edges.insert((from, outcome));
                        }
                        _ => {}
                    }
                }
                graph.static_reads(policies, &values, &frame.body, outcome);
            }
        }
        graph
    }

    /// Graphviz: inputs as notes, tables as tabs, values as ellipses, rules
    /// as boxes coloured by status, the outcome as a double octagon.
    pub fn dot(&self) -> String {
        let mut out = String::from(
            "digraph explanation {\n  rankdir=LR;\n  node [fontname=\"sans-serif\"];\n",
        );
        for node in &self.nodes {
            let (shape, colour) = match (node.kind, node.status) {
                (NodeKind::Input, _) => ("note", "#f0f0f0"),
                (NodeKind::Table, _) => ("tab", "#f0e6ff"),
                (NodeKind::Value, _) => ("ellipse", "#e6f0ff"),
                (NodeKind::Rule, Some("failed")) => ("box", "#ffd6d6"),
                (NodeKind::Rule, Some("passed")) => ("box", "#d6f5d6"),
                (NodeKind::Rule, _) => ("box", "#eeeeee"),
                (NodeKind::Outcome, _) => ("doubleoctagon", "#fff2cc"),
            };
            let status = node
                .status
                .map(|s| format!("\\n{}", s.replace('_', " ")))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {} [shape={shape}, style=filled, fillcolor=\"{colour}\", label=\"{}{status}\"];",
                node.id,
                dot_escape(&node.label)
            );
        }
        for (from, to) in &self.edges {
            let _ = writeln!(out, "  {} -> {};", self.nodes[*from].id, self.nodes[*to].id);
        }
        out.push_str("}\n");
        out
    }

    /// Mermaid flowchart, left to right, with one class per node status.
    pub fn mermaid(&self) -> String {
        let mut out = String::from("flowchart LR\n");
        for node in &self.nodes {
            let label = mermaid_escape(&node.label);
            let status = node
                .status
                .map(|s| format!("<br/>{}", s.replace('_', " ")))
                .unwrap_or_default();
            let shaped = match node.kind {
                NodeKind::Input => format!("[/\"{label}\"/]"),
                NodeKind::Table => format!("[(\"{label}\")]"),
                NodeKind::Value => format!("([\"{label}\"])"),
                NodeKind::Rule => format!("[\"{label}{status}\"]"),
                NodeKind::Outcome => format!("{{{{\"{label}\"}}}}"),
            };
            let _ = writeln!(out, "  {}{shaped}", node.id);
        }
        for (from, to) in &self.edges {
            let _ = writeln!(out, "  {} --> {}", self.nodes[*from].id, self.nodes[*to].id);
        }
        for (class, style) in [
            ("failed", "fill:#ffd6d6,stroke:#c00"),
            ("passed", "fill:#d6f5d6,stroke:#080"),
            ("not_applicable", "fill:#eeeeee,stroke:#888"),
        ] {
            let members: Vec<&str> = self
                .nodes
                .iter()
                .filter(|n| n.status == Some(class))
                .map(|n| n.id.as_str())
                .collect();
            if !members.is_empty() {
                let _ = writeln!(out, "  classDef {class} {style}");
                let _ = writeln!(out, "  class {} {class}", members.join(","));
            }
        }
        out
    }
}

fn shown(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn dot_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Mermaid labels are quoted; quotes inside become `#quot;`.
fn mermaid_escape(text: &str) -> String {
    text.replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
        .replace('\n', " ")
}
