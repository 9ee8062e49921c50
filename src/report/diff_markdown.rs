//! `eligo diff --format markdown`: a pull-request comment. The summary as a
//! table, the policy change as a list, and each changed document folded in
//! a `<details>` block with base and head side by side.

use std::fmt::Write;

use super::diff_shared::{
    answer_lines, document_title, headline, policy_change_lines, side_by_side, transitions,
};
use crate::diff::{Change, DiffRun};

/// Text safe inside a table cell: pipes escaped, line breaks as `<br>`,
/// and `<`, `>` and `&` as entities so no text becomes markup.
fn cell(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace('\n', "<br>")
}

fn code(text: &str) -> String {
    format!("`{}`", text.replace('`', "'"))
}

pub fn diff_markdown(run: &DiffRun) -> String {
    let mut out = String::new();
    let summary = &run.summary;
    let _ = writeln!(
        out,
        "### eligo diff: {} → {}\n",
        code(&run.base),
        code(&run.head)
    );
    let _ = writeln!(
        out,
        "| compared | unchanged | changed by outcome | changed in values only | broken |"
    );
    let _ = writeln!(out, "|---:|---:|---:|---:|---:|");
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} |\n",
        summary.compared,
        summary.unchanged,
        summary.outcome_changes(),
        summary.values_only,
        summary.broken
    );
    let _ = writeln!(out, "Outcome changes: {}\n", cell(&transitions(summary)));
    for diagnostic in &run.run_errors {
        let json = diagnostic.to_json();
        let _ = writeln!(
            out,
            "> **error** {}: {}\n",
            code(&json.code),
            cell(&json.message)
        );
    }
    let _ = writeln!(out, "#### Policy change\n");
    let lines = policy_change_lines(&run.policy_change);
    if lines.is_empty() {
        let _ = writeln!(out, "No rule, decision or table changed.\n");
    }
    for line in &lines {
        let _ = writeln!(out, "- {}", cell(line));
    }
    if !lines.is_empty() {
        out.push('\n');
    }
    if run.documents.is_empty() {
        return out;
    }
    let _ = writeln!(out, "#### Documents that decide differently\n");
    for document in &run.documents {
        let decision = document.decision.as_deref().map(code).unwrap_or_default();
        let _ = writeln!(
            out,
            "<details><summary>{} {} <b>{}</b></summary>\n",
            code(&document_title(document)),
            decision,
            cell(&headline(document))
        );
        let _ = writeln!(out, "| | {} | {} |", code(&run.base), code(&run.head));
        let _ = writeln!(out, "|---|---|---|");
        match &document.change {
            Change::Unchanged | Change::Decided { .. } => {
                let (rows, notes) = side_by_side(&document.change);
                for row in rows {
                    let bold = |text: &str| {
                        if row.differs() {
                            format!("**{}**", cell(text))
                        } else {
                            cell(text)
                        }
                    };
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} |",
                        cell(&row.label),
                        bold(&row.base),
                        bold(&row.head)
                    );
                }
                if !notes.is_empty() {
                    out.push('\n');
                }
                for line in notes {
                    let _ = writeln!(out, "- {}", cell(&line));
                }
            }
            Change::Broken { base, head } => {
                let _ = writeln!(
                    out,
                    "| result | {} | {} |",
                    cell(&answer_lines(base).join("\n")),
                    cell(&answer_lines(head).join("\n"))
                );
            }
        }
        let _ = writeln!(out, "\n</details>\n");
    }
    out
}
