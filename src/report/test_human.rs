//! `eligo test --format human`: a line per document, the differences of
//! each failed one under it, the coverage, and a last line that starts
//! with `N passed, N failed`.

use std::fmt::Write;

use super::test_shared::{diagnostic_line, document_title, one_line, UNCHECKED_REASON};
use super::{Style, TestReport};
use crate::diagnostic::FileDiagnostic;
use crate::testing::{CoverageReport, DocumentRun, Status, TestRun, Written};

/// The human report: each document's block as it is judged.
pub struct HumanTestReport {
    pub style: Style,
}

impl TestReport for HumanTestReport {
    fn document(&mut self, document: DocumentRun, out: &mut String) {
        document_block(out, &document, &self.style);
    }

    fn finish(&mut self, run: &TestRun, out: &mut String) {
        finish(out, run, &self.style);
    }
}

fn finish(out: &mut String, run: &TestRun, style: &Style) {
    run_errors(out, &run.run_errors, style);
    if let Some(coverage) = &run.coverage {
        out.push('\n');
        coverage_block(out, coverage, style);
    }
    out.push('\n');
    let _ = writeln!(out, "{}", run.summary().line());
}

fn document_block(out: &mut String, document: &DocumentRun, style: &Style) {
    let (label, colour) = match document.status {
        Status::Passed => ("ok", "32"),
        Status::Failed => ("FAILED", "1;31"),
        Status::Unchecked => ("unchecked", "33"),
        Status::Error => ("ERROR", "1;31"),
    };
    let decision = document
        .decision
        .as_deref()
        .map(|d| format!("  {d}"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "{}{}{}{}",
        style.paint(colour, label),
        " ".repeat(10 - label.len()),
        document_title(document),
        decision
    );
    match document.status {
        Status::Unchecked => {
            let _ = writeln!(out, "    {}", style.paint("2", UNCHECKED_REASON));
        }
        Status::Error => {
            for diagnostic in &document.diagnostics {
                let _ = writeln!(out, "    {}", one_line(&diagnostic_line(diagnostic)));
                if let Some(help) = diagnostic.help_text() {
                    let _ = writeln!(out, "      help: {}", one_line(&help));
                }
            }
        }
        Status::Failed | Status::Passed => {}
    }
    for finding in &document.findings {
        let _ = writeln!(
            out,
            "    {}:{}: {}",
            document.file,
            finding.line(),
            style.paint("1", &one_line(&finding.summary()))
        );
        // Scenario text reaches these lines through rule messages; control
        // characters in it must not move the cursor or colour the terminal.
        for line in finding.detail().iter().map(|l| one_line(l)) {
            let painted = if line.starts_with('+') && !line.starts_with("+++") {
                style.paint("32", &line)
            } else if line.starts_with('-') && !line.starts_with("---") {
                style.paint("31", &line)
            } else {
                line
            };
            let _ = writeln!(out, "        {painted}");
        }
    }
    match &document.snapshot_written {
        Some(Written::Created(path)) => {
            let _ = writeln!(out, "    snapshot created: {path}");
        }
        Some(Written::Updated(path)) => {
            let _ = writeln!(out, "    snapshot updated: {path}");
        }
        None => {}
    }
}

fn coverage_block(out: &mut String, report: &CoverageReport, style: &Style) {
    let colour = if report.met() { "1" } else { "1;31" };
    let _ = writeln!(out, "{}", style.paint(colour, &report.headline()));
    for decision in &report.coverage.decisions {
        let _ = writeln!(
            out,
            "  {}  ({} scenario{})",
            decision.decision,
            decision.scenarios,
            if decision.scenarios == 1 { "" } else { "s" }
        );
        let width = decision
            .rules
            .iter()
            .map(|r| r.rule.len())
            .max()
            .unwrap_or(0);
        for rule in &decision.rules {
            let mark = if rule.exercised {
                style.paint("32", "✓")
            } else {
                style.paint("33", "✗")
            };
            let gap = if rule.never.is_empty() {
                String::new()
            } else {
                format!("  never {}", rule.never.join(" or "))
            };
            let _ = writeln!(
                out,
                "    {mark} {:width$}  passed {}  failed {}  not applicable {}{gap}",
                rule.rule, rule.counts.passed, rule.counts.failed, rule.counts.not_applicable
            );
        }
    }
    let missing = report.unexercised();
    if !missing.is_empty() {
        let _ = writeln!(out, "rules not exercised:");
        for line in missing {
            let _ = writeln!(out, "  {line}");
        }
    }
}

/// The run's own errors, one `error: file:line:column: code: message` line each.
pub(super) fn run_errors(out: &mut String, diagnostics: &[FileDiagnostic], style: &Style) {
    for diagnostic in diagnostics {
        let _ = writeln!(
            out,
            "{} {}",
            style.paint("1;31", "error:"),
            one_line(&diagnostic_line(diagnostic))
        );
    }
}
