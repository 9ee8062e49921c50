//! `eligo diff --format github`: GitHub Actions workflow commands, so each
//! changed document shows as an annotation on its scenario line: `warning`
//! for a change of values only, `error` for a change of outcome or a
//! document that no longer loads. The last line is the summary.

use std::fmt::Write;

use super::diff_shared::{answer_lines, document_title, headline, side_by_side, summary_line};
use super::github::{escape_data, escape_property};
use crate::diff::{Change, DiffRun};

pub fn diff_github(run: &DiffRun) -> String {
    let mut out = String::new();
    for diagnostic in &run.run_errors {
        let json = diagnostic.to_json();
        let _ = writeln!(
            out,
            "::error title={}::{}",
            escape_property(&format!("eligo diff: {}", json.code)),
            escape_data(&json.message)
        );
    }
    for document in &run.documents {
        let level =
            if document.outcome_changed() || matches!(document.change, Change::Broken { .. }) {
                "error"
            } else {
                "warning"
            };
        let mut message = Vec::new();
        match &document.change {
            Change::Unchanged | Change::Decided { .. } => {
                let (rows, notes) = side_by_side(&document.change);
                for row in rows.iter().filter(|r| r.differs()) {
                    message.push(format!("{}: {} → {}", row.label, row.base, row.head));
                }
                message.extend(notes);
            }
            Change::Broken { base, head } => {
                for (label, answer) in [(&run.base, base), (&run.head, head)] {
                    message.extend(
                        answer_lines(answer)
                            .into_iter()
                            .map(|l| format!("{label}: {l}")),
                    );
                }
            }
        }
        let title = format!("{}: {}", document_title(document), headline(document));
        let _ = writeln!(
            out,
            "::{level} file={},line={},title={}::{}",
            escape_property(&document.file),
            document.line,
            escape_property(&title),
            escape_data(&message.join("\n"))
        );
    }
    let _ = writeln!(out, "{}", summary_line(&run.summary));
    out
}
