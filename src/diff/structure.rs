//! What changed in the policies themselves, read from the two parsed sets:
//! rules added, removed and changed (title, condition, message, citation),
//! decisions added, removed or with other rule lists, values or outcome,
//! and tables whose rows changed. Layout and comments do not count: parts
//! are compared by their span-free shape.

use std::collections::BTreeMap;

use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, DiffOp};

use crate::fmt::shape_of;
use crate::lint::walk::plan_expr;
use crate::plan::{Decision, Expr, PolicySet};
use crate::syntax::ast::{DecisionDecl, ItemKind, RuleDecl, TableDecl};

/// The structural difference between two policy sets.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PolicyChange {
    pub rules_added: Vec<String>,
    pub rules_removed: Vec<String>,
    pub rules_changed: Vec<RuleChange>,
    pub decisions_added: Vec<String>,
    pub decisions_removed: Vec<String>,
    pub decisions_changed: Vec<DecisionChange>,
    pub tables_added: Vec<String>,
    pub tables_removed: Vec<String>,
    pub tables_changed: Vec<TableChange>,
}

/// A rule kept under its ID whose text says something else now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleChange {
    pub rule: String,
    /// Which parts changed, of `title`, `condition`, `message`, `citation`.
    pub parts: Vec<&'static str>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DecisionChange {
    pub decision: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules_added: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules_removed: Vec<String>,
    /// Computed values added, removed or computed otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values_changed: Vec<String>,
    /// The input schema, the outcomes or how the outcome is chosen.
    pub outcome_or_input_changed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TableChange {
    pub table: String,
    pub rows_added: usize,
    pub rows_removed: usize,
    pub rows_changed: usize,
    /// Parameters, output type or hit policy.
    pub heading_changed: bool,
}

impl PolicyChange {
    pub fn between(base: &PolicySet, head: &PolicySet) -> PolicyChange {
        let (old, new) = (Parts::of(base), Parts::of(head));
        let mut change = PolicyChange::default();
        added_removed(
            &old.rules,
            &new.rules,
            &mut change.rules_added,
            &mut change.rules_removed,
        );
        added_removed(
            &old.decisions,
            &new.decisions,
            &mut change.decisions_added,
            &mut change.decisions_removed,
        );
        added_removed(
            &old.tables,
            &new.tables,
            &mut change.tables_added,
            &mut change.tables_removed,
        );
        for (id, before) in &old.rules {
            if let Some(after) = new.rules.get(id) {
                let parts = rule_parts(before, after);
                if !parts.is_empty() {
                    change.rules_changed.push(RuleChange {
                        rule: id.clone(),
                        parts,
                    });
                }
            }
        }
        for (name, before) in &old.decisions {
            if let Some(after) = new.decisions.get(name) {
                if let Some(changed) = decision_change(name, before, after) {
                    change.decisions_changed.push(changed);
                }
            }
        }
        for (name, before) in &old.tables {
            if let Some(after) = new.tables.get(name) {
                if let Some(changed) = table_change(name, before, after) {
                    change.tables_changed.push(changed);
                }
            }
        }
        change
    }

    pub fn is_empty(&self) -> bool {
        *self == PolicyChange::default()
    }

    /// Whether the rule with this ID was added, removed or changed.
    pub fn touches_rule(&self, id: &str) -> bool {
        self.rules_added.iter().any(|r| r == id)
            || self.rules_removed.iter().any(|r| r == id)
            || self.rules_changed.iter().any(|r| r.rule == id)
    }

    /// Whether the table with this (module-qualified) name changed.
    pub fn touches_table(&self, name: &str) -> bool {
        self.tables_changed.iter().any(|t| t.table == name)
    }
}

/// The rule IDs a decision lists and the (module-qualified) tables its
/// rules, values and outcome call.
pub fn decision_parts(set: &PolicySet, decision: &Decision) -> (Vec<String>, Vec<String>) {
    let rules = decision
        .rules
        .iter()
        .map(|r| set.rules()[r.info].id.clone())
        .collect();
    let mut exprs: Vec<&Expr> = Vec::new();
    for rule in &decision.rules {
        let body = &rule.frame.body;
        exprs.extend(body.for_each.iter().map(|(_, e)| e));
        exprs.extend(
            body.lets_before_when
                .iter()
                .chain(&body.lets_after_when)
                .map(|(_, e)| e),
        );
        exprs.extend(body.when.iter().chain(std::iter::once(&body.require)));
    }
    exprs.extend(decision.values.iter().map(|v| &v.frame.body));
    exprs.extend(decision.outcome.iter().map(|f| &f.body));
    let mut tables = Vec::new();
    for expr in exprs {
        plan_expr(expr, &mut |e| {
            if let Expr::Table { table, .. } = e {
                if let Some(t) = set.tables.get(*table as usize) {
                    let module = set
                        .asts()
                        .get(t.location.file as usize)
                        .and_then(|f| f.module.as_ref())
                        .map(|m| m.name.as_str())
                        .unwrap_or("");
                    tables.push(qualified(module, &t.name));
                }
            }
        });
    }
    (rules, tables)
}

fn qualified(module: &str, name: &str) -> String {
    if module.is_empty() {
        name.to_string()
    } else {
        format!("{module}.{name}")
    }
}

/// The named items of one set, by name, in name order.
struct Parts<'a> {
    rules: BTreeMap<String, &'a RuleDecl>,
    decisions: BTreeMap<String, &'a DecisionDecl>,
    tables: BTreeMap<String, &'a TableDecl>,
}

impl<'a> Parts<'a> {
    fn of(set: &'a PolicySet) -> Parts<'a> {
        let mut parts = Parts {
            rules: BTreeMap::new(),
            decisions: BTreeMap::new(),
            tables: BTreeMap::new(),
        };
        for file in set.asts() {
            let module = file.module.as_ref().map(|m| m.name.as_str()).unwrap_or("");
            for item in &file.items {
                match &item.kind {
                    ItemKind::Rule(rule) => {
                        parts.rules.insert(rule.id.name.clone(), rule);
                    }
                    ItemKind::Decision(decision) => {
                        parts.decisions.insert(decision.name.name.clone(), decision);
                    }
                    ItemKind::Table(table) => {
                        parts
                            .tables
                            .insert(qualified(module, &table.name.name), table);
                    }
                    _ => {}
                }
            }
        }
        parts
    }
}

fn added_removed<T>(
    old: &BTreeMap<String, T>,
    new: &BTreeMap<String, T>,
    added: &mut Vec<String>,
    removed: &mut Vec<String>,
) {
    added.extend(new.keys().filter(|k| !old.contains_key(*k)).cloned());
    removed.extend(old.keys().filter(|k| !new.contains_key(*k)).cloned());
}

fn rule_parts(before: &RuleDecl, after: &RuleDecl) -> Vec<&'static str> {
    let condition = |r: &RuleDecl| {
        shape_of(&(
            &r.for_each,
            &r.lets,
            r.lets_before_when,
            &r.when,
            &r.require,
        ))
    };
    let cites = |r: &RuleDecl| {
        let cites: Vec<_> = r.cites.iter().map(|c| (&c.source, &c.section)).collect();
        format!("{cites:?}")
    };
    let mut parts = Vec::new();
    if before.title != after.title {
        parts.push("title");
    }
    if condition(before) != condition(after) {
        parts.push("condition");
    }
    if shape_of(&before.message) != shape_of(&after.message) {
        parts.push("message");
    }
    if cites(before) != cites(after) {
        parts.push("citation");
    }
    parts
}

fn decision_change(
    name: &str,
    before: &DecisionDecl,
    after: &DecisionDecl,
) -> Option<DecisionChange> {
    let ids = |d: &DecisionDecl| d.rules.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
    let (old_rules, new_rules) = (ids(before), ids(after));
    let values = |d: &DecisionDecl| {
        d.values
            .iter()
            .map(|v| (v.name.name.clone(), shape_of(v)))
            .collect::<BTreeMap<_, _>>()
    };
    let (old_values, new_values) = (values(before), values(after));
    let mut values_changed: Vec<String> = old_values
        .iter()
        .filter(|(name, shape)| new_values.get(*name) != Some(shape))
        .map(|(name, _)| name.clone())
        .chain(
            new_values
                .keys()
                .filter(|n| !old_values.contains_key(*n))
                .cloned(),
        )
        .collect();
    values_changed.sort();
    let heading = |d: &DecisionDecl| shape_of(&(&d.title, &d.input, &d.outcomes, &d.outcome));
    let change = DecisionChange {
        decision: name.to_string(),
        rules_added: new_rules
            .iter()
            .filter(|r| !old_rules.contains(r))
            .cloned()
            .collect(),
        rules_removed: old_rules
            .iter()
            .filter(|r| !new_rules.contains(r))
            .cloned()
            .collect(),
        values_changed,
        outcome_or_input_changed: heading(before) != heading(after),
    };
    let unchanged = change.rules_added.is_empty()
        && change.rules_removed.is_empty()
        && change.values_changed.is_empty()
        && !change.outcome_or_input_changed;
    (!unchanged).then_some(change)
}

fn table_change(name: &str, before: &TableDecl, after: &TableDecl) -> Option<TableChange> {
    let rows = |t: &TableDecl| {
        t.rows
            .iter()
            .map(|r| shape_of(&r.cells))
            .collect::<Vec<_>>()
    };
    let (old_rows, new_rows) = (rows(before), rows(after));
    let heading = |t: &TableDecl| shape_of(&(&t.params, &t.output, t.hit));
    let mut change = TableChange {
        table: name.to_string(),
        rows_added: 0,
        rows_removed: 0,
        rows_changed: 0,
        heading_changed: heading(before) != heading(after),
    };
    for op in capture_diff_slices(Algorithm::Myers, &old_rows, &new_rows) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete { old_len, .. } => change.rows_removed += old_len,
            DiffOp::Insert { new_len, .. } => change.rows_added += new_len,
            DiffOp::Replace {
                old_len, new_len, ..
            } => {
                change.rows_changed += old_len.min(new_len);
                change.rows_added += new_len.saturating_sub(old_len);
                change.rows_removed += old_len.saturating_sub(new_len);
            }
        }
    }
    let unchanged = change.rows_added + change.rows_removed + change.rows_changed == 0
        && !change.heading_changed;
    (!unchanged).then_some(change)
}
