//! Decisions as a person reads them: the outcome first, then the failed
//! rules with their messages, then the computed values with their arithmetic.

use std::fmt::Write;

use crate::api::DocumentFailure;
use crate::diagnostic::RenderStyle;
use crate::explain::{DecisionResult, Explanation, Observation, RuleExplanation, RuleStatus};

use super::Style;

pub(super) fn observed(o: &Observation) -> String {
    let value = match &o.value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match (o.line, o.column) {
        (Some(line), Some(column)) => format!("{} = {value}  (line {line}:{column})", o.path),
        _ => format!("{} = {value}", o.path),
    }
}

pub(super) fn citation(rule: &RuleExplanation) -> String {
    let cites: Vec<String> = rule
        .cite
        .iter()
        .map(|c| match &c.section {
            Some(section) => format!("{} § {section}", c.source),
            None => c.source.clone(),
        })
        .collect();
    let mut out = format!("{}:{}:{}", rule.at.file, rule.at.line, rule.at.column);
    if !cites.is_empty() {
        let _ = write!(out, " · cites {}", cites.join("; "));
    }
    out
}

fn failed_rule(out: &mut String, rule: &RuleExplanation, style: &Style) {
    let _ = writeln!(
        out,
        "  {} {}  {}",
        style.paint("31", "✗"),
        style.paint("1", &rule.rule),
        rule.title
    );
    if rule.items.is_empty() {
        if let Some(message) = &rule.message {
            let _ = writeln!(out, "      {message}");
        }
        for o in &rule.looked_at {
            let _ = writeln!(out, "      looked at {}", observed(o));
        }
        for step in &rule.steps {
            let _ = writeln!(out, "      {step}");
        }
        for change in &rule.would_pass_if {
            let _ = writeln!(out, "      would pass if {change}");
        }
    }
    for item in rule.items.iter().filter(|i| i.status == RuleStatus::Failed) {
        let _ = writeln!(out, "      {}:", item.item);
        if let Some(message) = &item.message {
            let _ = writeln!(out, "        {message}");
        }
        for o in &item.looked_at {
            let _ = writeln!(out, "        looked at {}", observed(o));
        }
        for change in &item.would_pass_if {
            let _ = writeln!(out, "        would pass if {change}");
        }
    }
    let _ = writeln!(out, "      {}", style.paint("2", &citation(rule)));
}

pub fn human_decision(result: &DecisionResult, style: &Style) -> String {
    let mut out = String::new();
    let colour = if result.failed.is_empty() { "32" } else { "31" };
    let _ = write!(
        out,
        "{}  {} → {}",
        result.scenario,
        result.decision,
        style.paint(&format!("1;{colour}"), &result.outcome)
    );
    if let Some(name) = &result.name {
        let _ = write!(out, "  ({name})");
    }
    out.push('\n');
    let rules: Vec<&RuleExplanation> = result
        .explanation
        .iter()
        .filter_map(|e| match e {
            Explanation::Rule(rule) => Some(rule),
            _ => None,
        })
        .collect();
    for rule in rules.iter().filter(|r| r.status == RuleStatus::Failed) {
        failed_rule(&mut out, rule, style);
    }
    for (status, mark) in [(RuleStatus::Passed, "✓"), (RuleStatus::NotApplicable, "–")] {
        let ids: Vec<&str> = rules
            .iter()
            .filter(|r| r.status == status)
            .map(|r| r.rule.as_str())
            .collect();
        if !ids.is_empty() {
            let _ = writeln!(
                out,
                "  {} {} {}: {}",
                style.paint(if mark == "✓" { "32" } else { "2" }, mark),
                ids.len(),
                status.name(),
                ids.join(", ")
            );
        }
    }
    for node in &result.explanation {
        if let Explanation::Value(value) = node {
            if !value.reported {
                continue;
            }
            let shown = match &value.result {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let _ = writeln!(out, "  {} = {}", style.paint("1", &value.value), shown);
            let _ = writeln!(out, "      {}", style.paint("2", &value.formula));
            for step in &value.steps {
                let _ = writeln!(out, "      {step}");
            }
        }
    }
    out
}

pub fn human_failure(failure: &DocumentFailure, render: &RenderStyle) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}  could not be evaluated", failure.scenario);
    for diagnostic in &failure.diagnostics {
        out.push_str(&diagnostic.render(render));
    }
    out
}
