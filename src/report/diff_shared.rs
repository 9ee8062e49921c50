//! What every `eligo diff` format says alike: the summary's sentences, the
//! policy change as lines, and a changed document as rows of base against
//! head.

use std::collections::BTreeSet;

use super::test_shared::{diagnostic_line, one_line};
use crate::diff::{Answer, Change, DiffSummary, DocumentDiff, PolicyChange, Side};

/// `allow → deny 2, deny → allow 1`, or `none`.
pub fn transitions(summary: &DiffSummary) -> String {
    if summary.outcome_changed.is_empty() {
        return "none".into();
    }
    summary
        .outcome_changed
        .iter()
        .map(|((from, to), count)| format!("{from} → {to} {count}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The summary as one sentence.
pub fn summary_line(summary: &DiffSummary) -> String {
    format!(
        "{} compared, {} unchanged, {} changed by outcome, {} changed in values only, {} broken",
        summary.compared,
        summary.unchanged,
        summary.outcome_changes(),
        summary.values_only,
        summary.broken
    )
}

fn ids(ids: &[String]) -> String {
    ids.join(", ")
}

/// One line per structural change, `rule MPO-002 changed: condition`.
pub fn policy_change_lines(change: &PolicyChange) -> Vec<String> {
    let mut lines = Vec::new();
    let mut listed = |what: &str, names: &[String]| {
        if !names.is_empty() {
            lines.push(format!("{what}: {}", ids(names)));
        }
    };
    listed("rules added", &change.rules_added);
    listed("rules removed", &change.rules_removed);
    listed("decisions added", &change.decisions_added);
    listed("decisions removed", &change.decisions_removed);
    listed("tables added", &change.tables_added);
    listed("tables removed", &change.tables_removed);
    for rule in &change.rules_changed {
        lines.push(format!(
            "rule {} changed: {}",
            rule.rule,
            rule.parts.join(", ")
        ));
    }
    for decision in &change.decisions_changed {
        let mut parts = Vec::new();
        if !decision.rules_added.is_empty() {
            parts.push(format!("lists {} now", ids(&decision.rules_added)));
        }
        if !decision.rules_removed.is_empty() {
            parts.push(format!("no longer lists {}", ids(&decision.rules_removed)));
        }
        if !decision.values_changed.is_empty() {
            parts.push(format!("values changed: {}", ids(&decision.values_changed)));
        }
        if decision.outcome_or_input_changed {
            parts.push("input, outcomes or outcome choice changed".into());
        }
        lines.push(format!(
            "decision {}: {}",
            decision.decision,
            parts.join("; ")
        ));
    }
    for table in &change.tables_changed {
        let mut parts = Vec::new();
        for (count, what) in [
            (table.rows_added, "added"),
            (table.rows_removed, "removed"),
            (table.rows_changed, "changed"),
        ] {
            if count > 0 {
                let rows = if count == 1 { "row" } else { "rows" };
                parts.push(format!("{count} {rows} {what}"));
            }
        }
        if table.heading_changed {
            parts.push("parameters, output or hit policy changed".into());
        }
        lines.push(format!("table {}: {}", table.table, parts.join(", ")));
    }
    lines
}

/// One row of a side-by-side comparison.
pub struct Row {
    pub label: String,
    pub base: String,
    pub head: String,
}

impl Row {
    pub fn differs(&self) -> bool {
        self.base != self.head
    }
}

fn shown(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Outcome, failed rules, each rule's messages and each value, base beside
/// head; `–` where a side has nothing.
pub fn side_rows(base: &Side, head: &Side) -> Vec<Row> {
    const NOTHING: &str = "–";
    let mut rows = vec![
        Row {
            label: "outcome".into(),
            base: base.outcome.clone(),
            head: head.outcome.clone(),
        },
        Row {
            label: "failed".into(),
            base: format!("[{}]", ids(&base.failed)),
            head: format!("[{}]", ids(&head.failed)),
        },
    ];
    let rules: BTreeSet<&String> = base
        .messages
        .iter()
        .chain(&head.messages)
        .map(|m| &m.rule)
        .collect();
    for rule in rules {
        let of = |side: &Side| {
            let texts: Vec<&str> = side
                .messages
                .iter()
                .filter(|m| &m.rule == rule)
                .map(|m| m.message.as_str())
                .collect();
            if texts.is_empty() {
                NOTHING.to_string()
            } else {
                texts.join("\n")
            }
        };
        rows.push(Row {
            label: format!("{rule} message"),
            base: of(base),
            head: of(head),
        });
    }
    let names: BTreeSet<&String> = base.values.keys().chain(head.values.keys()).collect();
    for name in names {
        let of = |side: &Side| side.values.get(name).map(shown).unwrap_or(NOTHING.into());
        rows.push(Row {
            label: name.clone(),
            base: of(base),
            head: of(head),
        });
    }
    rows
}

/// `allow → deny`, `values`, or `broken on head`: what happened, in a few words.
pub fn headline(document: &DocumentDiff) -> String {
    match &document.change {
        Change::Unchanged => "unchanged".into(),
        Change::Decided { base, head, .. } if base.outcome != head.outcome => {
            format!("{} → {}", base.outcome, head.outcome)
        }
        Change::Decided { aspects, .. } => format!("{} changed", aspects.join(", ")),
        Change::Broken { base, head } => match (base, head) {
            (Answer::Broken(_), Answer::Broken(_)) => "broken on both sides".into(),
            (Answer::Broken(_), _) => "broken on base".into(),
            _ => "broken on head".into(),
        },
    }
}

/// `path#index (name)  decision`.
pub fn document_title(document: &DocumentDiff) -> String {
    let mut title = document.scenario.clone();
    if let Some(name) = &document.name {
        title.push_str(&format!(" ({})", one_line(name)));
    }
    title
}

/// A side's diagnostics, one line each.
pub fn answer_lines(answer: &Answer) -> Vec<String> {
    match answer {
        Answer::Decided(side) => vec![format!("decided {}", side.outcome)],
        Answer::Broken(diagnostics) => diagnostics
            .iter()
            .map(|d| one_line(&diagnostic_line(d)))
            .collect(),
    }
}

/// `rules whose code changed: …` and `tables whose rows changed: …`, for
/// the parts a changed document's decision uses.
pub fn changed_code(rules: &[String], tables: &[String]) -> Vec<String> {
    let mut lines = Vec::new();
    if !rules.is_empty() {
        lines.push(format!("rules whose code changed: {}", ids(rules)));
    }
    if !tables.is_empty() {
        lines.push(format!("tables that changed: {}", ids(tables)));
    }
    lines
}

/// A document both sides decided, as rows of base against head, and the
/// changed rules and tables its decision uses; nothing for other changes.
pub fn side_by_side(change: &Change) -> (Vec<Row>, Vec<String>) {
    match change {
        Change::Decided {
            base,
            head,
            rules,
            tables,
            ..
        } => (side_rows(base, head), changed_code(rules, tables)),
        _ => (Vec::new(), Vec::new()),
    }
}
