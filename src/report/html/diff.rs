//! `eligo diff --format html`: the summary counts and outcome transitions,
//! the policy change, and each changed document with base and head side
//! by side (rows that differ marked), folded; broken documents with each
//! side's diagnostics.

use std::fmt::Write;

use super::{counts, escape, page};
use crate::diff::{Change, DiffRun};
use crate::report::diff_shared::{
    answer_lines, document_title, headline, policy_change_lines, side_by_side, summary_line,
    transitions,
};
use crate::report::test_shared::diagnostic_line;

pub fn diff_html(run: &DiffRun) -> String {
    let summary = &run.summary;
    let mut body = String::new();
    counts(
        &mut body,
        &[
            ("compared", summary.compared, ""),
            ("unchanged", summary.unchanged, "passed"),
            ("changed by outcome", summary.outcome_changes(), "failed"),
            ("changed in values only", summary.values_only, "values"),
            ("broken", summary.broken, "broken"),
        ],
    );
    let _ = writeln!(
        body,
        "<p>outcome changes: {}</p>",
        escape(&transitions(summary))
    );
    for diagnostic in &run.run_errors {
        let _ = writeln!(
            body,
            "<p class=\"error\">{}</p>",
            escape(&diagnostic_line(diagnostic))
        );
    }
    body.push_str("<h2>Policy change</h2>\n");
    let lines = policy_change_lines(&run.policy_change);
    if lines.is_empty() {
        body.push_str("<p>no rule, decision or table changed</p>\n");
    } else {
        body.push_str("<ul class=\"policy-change\">");
        for line in &lines {
            let _ = write!(body, "<li>{}</li>", escape(line));
        }
        body.push_str("</ul>\n");
    }
    if !run.documents.is_empty() {
        let _ = writeln!(
            body,
            "<h2>Documents that decide differently ({})</h2>",
            run.documents.len()
        );
    }
    for document in &run.documents {
        let class = match &document.change {
            Change::Broken { .. } => "broken",
            _ if document.outcome_changed() => "failed",
            _ => "values",
        };
        let _ = write!(
            body,
            "<details class=\"document\" open><summary>{} <code>{}</code> <b class=\"{class}\">{}</b></summary>",
            escape(&document_title(document)),
            escape(document.decision.as_deref().unwrap_or("")),
            escape(&headline(document))
        );
        let _ = write!(
            body,
            "<table class=\"sides\"><tr><th></th><th>{}</th><th>{}</th></tr>",
            escape(&run.base),
            escape(&run.head)
        );
        match &document.change {
            Change::Unchanged | Change::Decided { .. } => {
                let (rows, notes) = side_by_side(&document.change);
                for row in rows {
                    let class = if row.differs() {
                        " class=\"differs\""
                    } else {
                        ""
                    };
                    let _ = write!(
                        body,
                        "<tr{class}><th>{}</th><td>{}</td><td>{}</td></tr>",
                        escape(&row.label),
                        escape(&row.base).replace("&#10;", "<br>"),
                        escape(&row.head).replace("&#10;", "<br>")
                    );
                }
                body.push_str("</table>");
                for line in notes {
                    let _ = write!(body, "<p>{}</p>", escape(&line));
                }
            }
            Change::Broken { base, head } => {
                let _ = write!(
                    body,
                    "<tr><th>result</th><td>{}</td><td>{}</td></tr></table>",
                    escape(&answer_lines(base).join("\n")).replace("&#10;", "<br>"),
                    escape(&answer_lines(head).join("\n")).replace("&#10;", "<br>")
                );
            }
        }
        body.push_str("</details>\n");
    }
    let title = format!("eligo diff {} → {}", run.base, run.head);
    page(&title, &summary_line(summary), &body)
}
