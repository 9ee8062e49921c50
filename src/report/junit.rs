//! `eligo test --format junit`: JUnit XML as Jenkins, GitLab and GitHub
//! test reporters read it, valid against the Jenkins JUnit schema
//! (`junit-10.xsd`). One `testsuite` per scenario file, one `testcase` per
//! document: `failure` with the differences for an unmet expectation,
//! `error` with the diagnostics for a document that cannot be evaluated,
//! `skipped` for a document that checks nothing. Problems of the run as a
//! whole (a policy set that does not check) and a coverage minimum get a
//! suite of their own, so a reporter shows why the run failed. No `time`
//! attributes: the output is the same bytes on every run.

use std::fmt::Write;

use super::test_shared::{diagnostic_line, document_title, one_line, UNCHECKED_REASON};
use super::TestReport;
use crate::testing::{CoverageReport, DocumentRun, Status, TestRun};

/// Text safe inside an XML attribute or element: markup escaped, line
/// breaks kept as character references in attributes, and characters XML
/// 1.0 cannot carry at all replaced by U+FFFD.
pub fn xml_escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn attr(text: &str) -> String {
    xml_escape(text, true)
}

/// One suite: a name and its cases, each case already rendered.
struct Suite {
    name: String,
    file: Option<String>,
    tests: usize,
    failures: usize,
    errors: usize,
    skipped: usize,
    cases: String,
}

impl Suite {
    fn new(name: &str, file: Option<&str>) -> Suite {
        Suite {
            name: name.to_string(),
            file: file.map(str::to_string),
            tests: 0,
            failures: 0,
            errors: 0,
            skipped: 0,
            cases: String::new(),
        }
    }

    /// A case; `body` is its `failure`/`error`/`skipped` element, if any.
    fn case(&mut self, name: &str, classname: &str, status: Status, body: &str) {
        self.tests += 1;
        match status {
            Status::Failed => self.failures += 1,
            Status::Error => self.errors += 1,
            Status::Unchecked => self.skipped += 1,
            Status::Passed => {}
        }
        let _ = write!(
            self.cases,
            "    <testcase name=\"{}\" classname=\"{}\"",
            attr(name),
            attr(classname)
        );
        if body.is_empty() {
            self.cases.push_str("/>\n");
        } else {
            let _ = write!(self.cases, ">\n{body}    </testcase>\n");
        }
    }

    fn render(&self, out: &mut String) {
        let _ = write!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\"",
            attr(&self.name),
            self.tests,
            self.failures,
            self.errors,
            self.skipped
        );
        if let Some(file) = &self.file {
            let _ = write!(out, " file=\"{}\"", attr(file));
        }
        let _ = write!(out, ">\n{}  </testsuite>\n", self.cases);
    }
}

fn element(name: &str, message: &str, kind: &str, text: &str) -> String {
    format!(
        "      <{name} message=\"{}\" type=\"{}\">{}</{name}>\n",
        attr(message),
        attr(kind),
        xml_escape(text, false)
    )
}

fn document_body(document: &DocumentRun) -> String {
    match document.status {
        Status::Passed => String::new(),
        Status::Unchecked => format!("      <skipped message=\"{}\"/>\n", attr(UNCHECKED_REASON)),
        Status::Failed => {
            let summaries: Vec<String> = document.findings.iter().map(|f| f.summary()).collect();
            let mut text = String::new();
            for finding in &document.findings {
                let _ = writeln!(
                    text,
                    "{}:{}: {}",
                    document.file,
                    finding.line(),
                    finding.text()
                );
            }
            let kind = document
                .findings
                .first()
                .map_or("eligo::test", |f| f.code());
            element("failure", &summaries.join("; "), kind, &text)
        }
        Status::Error => {
            let lines: Vec<String> = document.diagnostics.iter().map(diagnostic_line).collect();
            let message = document
                .diagnostics
                .first()
                .map(|d| one_line(&d.message()))
                .unwrap_or_else(|| "could not be evaluated".into());
            let kind = document
                .diagnostics
                .first()
                .map(|d| d.code_text())
                .unwrap_or_default();
            element("error", &message, &kind, &(lines.join("\n") + "\n"))
        }
    }
}

fn coverage_suite(report: &CoverageReport) -> Suite {
    let mut suite = Suite::new("rule coverage", None);
    let mut text = String::new();
    for line in report.unexercised() {
        let _ = writeln!(text, "{line}");
    }
    let (status, body) = if report.met() {
        (Status::Passed, String::new())
    } else {
        let body = element(
            "failure",
            &report.headline(),
            "eligo::test::coverage",
            &text,
        );
        (Status::Failed, body)
    };
    suite.case(&report.headline(), "eligo.coverage", status, &body);
    suite
}

/// JUnit XML. The root element counts every case, so the suites are kept
/// as rendered text until the run is over; a passing case is one short line.
#[derive(Default)]
pub struct JunitTestReport {
    /// The file whose suite is open.
    open: Option<Suite>,
    /// The suites already closed, rendered.
    closed: String,
    tests: usize,
    failures: usize,
    errors: usize,
}

impl JunitTestReport {
    fn close(&mut self, suite: Suite) {
        self.tests += suite.tests;
        self.failures += suite.failures;
        self.errors += suite.errors;
        suite.render(&mut self.closed);
    }
}

impl TestReport for JunitTestReport {
    fn document(&mut self, document: DocumentRun, _out: &mut String) {
        let same_file = self
            .open
            .as_ref()
            .is_some_and(|s| s.file.as_deref() == Some(&document.file));
        if !same_file {
            if let Some(done) = self.open.take() {
                self.close(done);
            }
            self.open = Some(Suite::new(&document.file, Some(&document.file)));
        }
        let classname = document.decision.as_deref().unwrap_or("eligo");
        if let Some(suite) = self.open.as_mut() {
            suite.case(
                &document_title(&document),
                classname,
                document.status,
                &document_body(&document),
            );
        }
    }

    fn finish(&mut self, run: &TestRun, out: &mut String) {
        if let Some(done) = self.open.take() {
            self.close(done);
        }
        let documents = std::mem::take(&mut self.closed);
        let mut first = String::new();
        if let Some(error) = run.run_errors.first() {
            let mut suite = Suite::new("eligo test", None);
            let lines: Vec<String> = run.run_errors.iter().map(diagnostic_line).collect();
            let message = one_line(&error.message());
            let body = element(
                "error",
                &message,
                &error.code_text(),
                &(lines.join("\n") + "\n"),
            );
            suite.case("the run could not start", "eligo", Status::Error, &body);
            std::mem::swap(&mut self.closed, &mut first);
            self.close(suite);
            std::mem::swap(&mut self.closed, &mut first);
        }
        if let Some(coverage) = run.coverage.as_ref().filter(|c| c.minimum.is_some()) {
            self.close(coverage_suite(coverage));
        }
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            out,
            "<testsuites name=\"eligo test\" tests=\"{}\" failures=\"{}\" errors=\"{}\">",
            self.tests, self.failures, self.errors
        );
        out.push_str(&first);
        out.push_str(&documents);
        out.push_str(&std::mem::take(&mut self.closed));
        out.push_str("</testsuites>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_characters_xml_cannot_hold_are_escaped() {
        assert_eq!(
            xml_escape("a<b & \"c\"", true),
            "a&lt;b &amp; &quot;c&quot;"
        );
        assert_eq!(xml_escape("line\nnext", true), "line&#10;next");
        assert_eq!(xml_escape("line\nnext", false), "line\nnext");
        assert_eq!(xml_escape("bell\u{7}", false), "bell\u{FFFD}");
    }
}
