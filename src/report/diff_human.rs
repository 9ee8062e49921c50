//! `eligo diff --format human`: the summary first, then the policy change,
//! then each changed document with base and head side by side, and the
//! broken documents with their diagnostics.

use std::fmt::Write;

use super::diff_shared::{
    answer_lines, document_title, headline, policy_change_lines, side_by_side, summary_line,
    transitions,
};
use super::test_human::run_errors;
use super::Style;
use crate::diff::{Change, DiffRun};

pub fn diff_human(run: &DiffRun, style: &Style) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        style.paint("1", &format!("eligo diff {} → {}", run.base, run.head))
    );
    run_errors(&mut out, &run.run_errors, style);
    let _ = writeln!(out, "  {}", summary_line(&run.summary));
    let _ = writeln!(out, "  outcome changes: {}", transitions(&run.summary));
    let lines = policy_change_lines(&run.policy_change);
    out.push('\n');
    if lines.is_empty() {
        let _ = writeln!(out, "policy change: none");
    } else {
        let _ = writeln!(out, "policy change:");
        for line in lines {
            let _ = writeln!(out, "  {line}");
        }
    }
    for document in &run.documents {
        out.push('\n');
        document_block(&mut out, run, document, style);
    }
    out
}

fn document_block(
    out: &mut String,
    run: &DiffRun,
    document: &crate::diff::DocumentDiff,
    style: &Style,
) {
    let broken = matches!(document.change, Change::Broken { .. });
    let colour = if broken || document.outcome_changed() {
        "1;31"
    } else {
        "33"
    };
    let decision = document.decision.as_deref().unwrap_or("");
    let _ = writeln!(
        out,
        "{}  {decision}  {}",
        document_title(document),
        style.paint(colour, &headline(document))
    );
    match &document.change {
        Change::Unchanged | Change::Decided { .. } => {
            let (rows, notes) = side_by_side(&document.change);
            let label_width = rows
                .iter()
                .map(|r| r.label.chars().count())
                .max()
                .unwrap_or(0);
            let base_width = rows
                .iter()
                .flat_map(|r| r.base.lines())
                .chain(std::iter::once(run.base.as_str()))
                .map(|l| l.chars().count())
                .max()
                .unwrap_or(0);
            let _ = writeln!(
                out,
                "    {:label_width$}  {:base_width$}  {}",
                "",
                style.paint("2", &run.base),
                style.paint("2", &run.head)
            );
            for row in &rows {
                let mark = if row.differs() { "≠" } else { " " };
                let base_lines: Vec<&str> = row.base.lines().collect();
                let head_lines: Vec<&str> = row.head.lines().collect();
                for i in 0..base_lines.len().max(head_lines.len()) {
                    let label = if i == 0 { row.label.as_str() } else { "" };
                    let mark = if i == 0 { mark } else { " " };
                    let _ = writeln!(
                        out,
                        "  {mark} {label:label_width$}  {:base_width$}  {}",
                        base_lines.get(i).unwrap_or(&""),
                        head_lines.get(i).unwrap_or(&"")
                    );
                }
            }
            for line in notes {
                let _ = writeln!(out, "    {line}");
            }
        }
        Change::Broken { base, head } => {
            for (label, answer) in [(&run.base, base), (&run.head, head)] {
                for line in answer_lines(answer) {
                    let _ = writeln!(out, "    {label}: {line}");
                }
            }
        }
    }
}
