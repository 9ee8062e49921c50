//! `eligo test --format github`: GitHub Actions workflow commands, so each
//! problem shows as an annotation on the scenario line it is about:
//! `::error file=…,line=…,title=…::…` for an unmet expectation (at the
//! document's line, or the expected value's line) or a document that cannot
//! be evaluated (at the diagnostic's place), `::notice` for a document that
//! checks nothing. Passing documents print nothing; the last line is the
//! `N passed, N failed` summary.

use std::fmt::Write;

use super::test_shared::{document_title, UNCHECKED_REASON};
use super::TestReport;
use crate::diagnostic::FileDiagnostic;
use crate::testing::{DocumentRun, Status, TestRun};

/// A command's message: `%`, CR and LF escaped as GitHub reads them back.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value: as a message, and `:` and `,` too, which would
/// otherwise end the property.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// `::level file=…,line=…,col=…,title=…::message`.
fn command(
    out: &mut String,
    level: &str,
    file: &str,
    line: usize,
    column: Option<usize>,
    title: &str,
    message: &str,
) {
    let mut properties = Vec::new();
    if !file.is_empty() {
        properties.push(format!("file={}", escape_property(file)));
        if line > 0 {
            properties.push(format!("line={line}"));
            if let Some(column) = column.filter(|&c| c > 0) {
                properties.push(format!("col={column}"));
            }
        }
    }
    properties.push(format!("title={}", escape_property(title)));
    let _ = writeln!(
        out,
        "::{level} {}::{}",
        properties.join(","),
        escape_data(message)
    );
}

fn diagnostic_command(out: &mut String, title: &str, diagnostic: &FileDiagnostic) {
    let json = diagnostic.to_json();
    let mut message = json.message.clone();
    if let Some(help) = &json.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    let title = if json.code.is_empty() {
        title.to_string()
    } else {
        format!("{title}: {}", json.code)
    };
    command(
        out,
        "error",
        &json.file,
        json.line,
        Some(json.column),
        &title,
        &message,
    );
}

/// Workflow commands: each document's as it is judged; the errors of the
/// run as a whole, the coverage and the summary at the end.
pub struct GithubTestReport;

impl TestReport for GithubTestReport {
    fn document(&mut self, document: DocumentRun, out: &mut String) {
        document_commands(out, &document);
    }

    fn finish(&mut self, run: &TestRun, out: &mut String) {
        for diagnostic in &run.run_errors {
            diagnostic_command(out, "eligo test", diagnostic);
        }
        coverage_and_summary(out, run);
    }
}

fn document_commands(out: &mut String, document: &DocumentRun) {
    let title = document_title(document);
    match document.status {
        Status::Passed => {}
        Status::Unchecked => command(
            out,
            "notice",
            &document.file,
            document.line,
            None,
            &format!("unchecked: {title}"),
            UNCHECKED_REASON,
        ),
        Status::Failed => {
            for finding in &document.findings {
                command(
                    out,
                    "error",
                    &document.file,
                    finding.line(),
                    None,
                    &format!("{title}: {}", finding.code()),
                    &finding.text(),
                );
            }
        }
        Status::Error => {
            for diagnostic in &document.diagnostics {
                diagnostic_command(out, &title, diagnostic);
            }
        }
    }
}

fn coverage_and_summary(out: &mut String, run: &TestRun) {
    if let Some(coverage) = &run.coverage {
        let level = if coverage.met() { "notice" } else { "error" };
        let mut message = coverage.headline();
        for line in coverage.unexercised() {
            message.push('\n');
            message.push_str(&line);
        }
        command(out, level, "", 0, None, "rule coverage", &message);
    }
    let _ = writeln!(out, "{}", run.summary().line());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_escape_percent_and_line_breaks() {
        assert_eq!(escape_data("50% off\r\nnext"), "50%25 off%0D%0Anext");
    }

    #[test]
    fn properties_also_escape_colons_and_commas() {
        assert_eq!(escape_property("a: b, c%"), "a%3A b%2C c%25");
    }
}
