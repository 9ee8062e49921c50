//! `eligo diff --format json`: one JSON object with the two sides' names,
//! the summary, the policy change, every changed or broken document (base
//! and head side by side) and the run's errors.

use serde::Serialize;

use crate::diagnostic::JsonError;
use crate::diff::{Answer, Change, DiffRun, DiffSummary, PolicyChange, Side};

#[derive(Serialize)]
struct Report<'a> {
    base: &'a str,
    head: &'a str,
    summary: &'a DiffSummary,
    policy_change: &'a PolicyChange,
    documents: Vec<Document<'a>>,
    errors: Vec<JsonError>,
}

#[derive(Serialize)]
struct Document<'a> {
    scenario: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    decision: Option<&'a str>,
    line: usize,
    /// `outcome`, `values` (same outcome, other details) or `broken`.
    change: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    differs_in: Vec<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    rules_changed: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tables_changed: Vec<&'a str>,
    base: SideJson<'a>,
    head: SideJson<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum SideJson<'a> {
    Decided(&'a Side),
    Broken { errors: Vec<JsonError> },
}

fn side(answer: &Answer) -> SideJson<'_> {
    match answer {
        Answer::Decided(side) => SideJson::Decided(side),
        Answer::Broken(diagnostics) => SideJson::Broken {
            errors: diagnostics.iter().map(|d| d.to_json()).collect(),
        },
    }
}

pub fn diff_json(run: &DiffRun) -> String {
    let documents = run
        .documents
        .iter()
        .filter_map(|document| {
            let (change, differs_in, rules_changed, tables_changed, base, head) =
                match &document.change {
                    Change::Unchanged => return None,
                    Change::Decided {
                        base,
                        head,
                        aspects,
                        rules,
                        tables,
                    } => (
                        if base.outcome != head.outcome {
                            "outcome"
                        } else {
                            "values"
                        },
                        aspects.clone(),
                        rules.iter().map(String::as_str).collect(),
                        tables.iter().map(String::as_str).collect(),
                        SideJson::Decided(base),
                        SideJson::Decided(head),
                    ),
                    Change::Broken { base, head } => (
                        "broken",
                        Vec::new(),
                        Vec::new(),
                        Vec::new(),
                        side(base),
                        side(head),
                    ),
                };
            Some(Document {
                scenario: &document.scenario,
                name: document.name.as_deref(),
                decision: document.decision.as_deref(),
                line: document.line,
                change,
                differs_in,
                rules_changed,
                tables_changed,
                base,
                head,
            })
        })
        .collect();
    let report = Report {
        base: &run.base,
        head: &run.head,
        summary: &run.summary,
        policy_change: &run.policy_change,
        documents,
        errors: run.run_errors.iter().map(|d| d.to_json()).collect(),
    };
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}
