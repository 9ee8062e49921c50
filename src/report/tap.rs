//! `eligo test --format tap`: TAP version 14. A test point per scenario
//! document, with a YAML diagnostic block under each one that failed or
//! could not be evaluated; a document that checks nothing is `ok` with a
//! `# SKIP` directive. A coverage minimum adds a last test point. When the
//! run cannot start at all (a policy set that does not check) the stream
//! is `Bail out!`, as TAP says a harness should stop.

use std::fmt::Write;

use serde::Serialize;

use super::test_shared::{diagnostic_line, document_title, one_line, UNCHECKED_REASON};
use super::TestReport;
use crate::testing::{DocumentRun, Status, TestRun};

/// A description safe on a test point line: one line, with `\` and `#`
/// escaped so no `#` starts a directive.
pub fn tap_description(text: &str) -> String {
    one_line(text).replace('\\', "\\\\").replace('#', "\\#")
}

/// The YAML block of a test point that did not pass.
#[derive(Serialize)]
struct Diagnostic<'a> {
    message: String,
    severity: &'static str,
    at: At<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    findings: Vec<FindingYaml>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<String>,
}

#[derive(Serialize)]
struct At<'a> {
    file: &'a str,
    line: usize,
}

#[derive(Serialize)]
struct FindingYaml {
    code: &'static str,
    line: usize,
    message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    detail: Vec<String>,
}

fn yaml_block(out: &mut String, diagnostic: &Diagnostic<'_>) {
    let yaml = serde_yaml::to_string(diagnostic).unwrap_or_default();
    out.push_str("  ---\n");
    for line in yaml.lines() {
        let _ = writeln!(out, "  {line}");
    }
    out.push_str("  ...\n");
}

fn test_point(out: &mut String, number: usize, document: &DocumentRun) {
    let description = tap_description(&document_title(document));
    match document.status {
        Status::Passed => {
            let _ = writeln!(out, "ok {number} - {description}");
        }
        Status::Unchecked => {
            let _ = writeln!(
                out,
                "ok {number} - {description} # SKIP {}",
                tap_description(UNCHECKED_REASON)
            );
        }
        Status::Failed => {
            let _ = writeln!(out, "not ok {number} - {description}");
            let findings: Vec<FindingYaml> = document
                .findings
                .iter()
                .map(|f| FindingYaml {
                    code: f.code(),
                    line: f.line(),
                    message: f.summary(),
                    detail: f.detail(),
                })
                .collect();
            let message = findings
                .iter()
                .map(|f| f.message.clone())
                .collect::<Vec<_>>()
                .join("; ");
            yaml_block(
                out,
                &Diagnostic {
                    message,
                    severity: "fail",
                    at: At {
                        file: &document.file,
                        line: document.line,
                    },
                    findings,
                    errors: Vec::new(),
                },
            );
        }
        Status::Error => {
            let _ = writeln!(out, "not ok {number} - {description}");
            yaml_block(
                out,
                &Diagnostic {
                    message: document
                        .diagnostics
                        .first()
                        .map(|d| one_line(&d.message()))
                        .unwrap_or_else(|| "could not be evaluated".into()),
                    severity: "error",
                    at: At {
                        file: &document.file,
                        line: document.line,
                    },
                    findings: Vec::new(),
                    errors: document.diagnostics.iter().map(diagnostic_line).collect(),
                },
            );
        }
    }
}

/// TAP 14. The plan (`1..N`) comes first and counts the documents, so the
/// test points are kept as text until the run is over; a passing point is
/// one short line.
#[derive(Default)]
pub struct TapTestReport {
    points: String,
    count: usize,
}

impl TestReport for TapTestReport {
    fn document(&mut self, document: DocumentRun, _out: &mut String) {
        self.count += 1;
        test_point(&mut self.points, self.count, &document);
    }

    fn finish(&mut self, run: &TestRun, out: &mut String) {
        out.push_str("TAP version 14\n");
        if let Some(first) = run.run_errors.first() {
            for diagnostic in &run.run_errors {
                let _ = writeln!(out, "# {}", one_line(&diagnostic_line(diagnostic)));
            }
            let _ = writeln!(out, "Bail out! {}", one_line(&first.message()));
            return;
        }
        let coverage_point = run.coverage.as_ref().filter(|c| c.minimum.is_some());
        let _ = writeln!(
            out,
            "1..{}",
            self.count + usize::from(coverage_point.is_some())
        );
        out.push_str(&std::mem::take(&mut self.points));
        if let Some(coverage) = run.coverage.as_ref() {
            let number = self.count + 1;
            let headline = tap_description(&coverage.headline());
            match coverage_point {
                Some(_) if coverage.met() => {
                    let _ = writeln!(out, "ok {number} - {headline}");
                }
                Some(_) => {
                    let _ = writeln!(out, "not ok {number} - {headline}");
                    for line in coverage.unexercised() {
                        let _ = writeln!(out, "# {}", one_line(&line));
                    }
                }
                None => {
                    let _ = writeln!(out, "# {headline}");
                }
            }
        }
        let _ = writeln!(out, "# {}", run.summary().line());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_escape_hashes_and_backslashes_and_stay_on_one_line() {
        assert_eq!(tap_description("a.yaml#2"), "a.yaml\\#2");
        assert_eq!(tap_description("a\\b\nc"), "a\\\\b c");
    }
}
