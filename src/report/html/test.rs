//! `eligo test --format html`: the pass/fail counts, the rule coverage as a
//! table with a bar per decision and per rule, each failed document with
//! what did not hold and its explanation tree (folded), the documents that
//! could not be evaluated with their diagnostics, and the rest in a list.

use std::fmt::Write;

use super::{bar, counts, escape, page, tree};
use crate::report::test_shared::{diagnostic_line, document_title, UNCHECKED_REASON};
use crate::report::tree::explanation_tree;
use crate::report::TestReport;
use crate::testing::{CoverageReport, DocumentRun, Status, TestRun};

/// How many passed and unchecked documents the page lists one by one; the
/// rest are counted, so a run of any size keeps a bounded list.
pub const LISTED_MAX: usize = 1000;

/// The HTML report. A page is written whole at the end, so it keeps what it
/// shows: each failed document (with its explanation) and each document
/// that could not be evaluated, and one short row for at most
/// [`LISTED_MAX`] of the others.
#[derive(Default)]
pub struct HtmlTestReport {
    failed: String,
    failed_count: usize,
    broken: String,
    broken_count: usize,
    rest: String,
    rest_count: usize,
}

impl TestReport for HtmlTestReport {
    fn document(&mut self, document: DocumentRun, _out: &mut String) {
        match document.status {
            Status::Failed => {
                self.failed_count += 1;
                failure(&mut self.failed, &document);
            }
            Status::Error => {
                self.broken_count += 1;
                not_evaluated(&mut self.broken, &document);
            }
            Status::Passed | Status::Unchecked => {
                self.rest_count += 1;
                if self.rest_count <= LISTED_MAX {
                    row(&mut self.rest, &document);
                }
            }
        }
    }

    fn finish(&mut self, run: &TestRun, out: &mut String) {
        let summary = run.summary();
        let mut body = String::new();
        counts(
            &mut body,
            &[
                ("passed", summary.passed, "passed"),
                ("failed", summary.failed, "failed"),
                ("unchecked", summary.unchecked, "unchecked"),
                ("errors", summary.errors, "error"),
            ],
        );
        for diagnostic in &run.run_errors {
            let _ = writeln!(
                body,
                "<p class=\"error\">{}</p>",
                escape(&diagnostic_line(diagnostic))
            );
        }
        if let Some(coverage) = &run.coverage {
            coverage_table(&mut body, coverage);
        }
        if self.failed_count > 0 {
            let _ = writeln!(body, "<h2>Failed ({})</h2>", self.failed_count);
            body.push_str(&self.failed);
        }
        if self.broken_count > 0 {
            let _ = writeln!(
                body,
                "<h2>Could not be evaluated ({})</h2>",
                self.broken_count
            );
            body.push_str(&self.broken);
        }
        if self.rest_count > 0 {
            let _ = writeln!(body, "<h2>Passed and unchecked ({})</h2>", self.rest_count);
            body.push_str("<details><summary>every document</summary><table><tr><th>status</th><th>document</th><th>decision</th><th>outcome</th></tr>\n");
            body.push_str(&self.rest);
            body.push_str("</table>");
            if self.rest_count > LISTED_MAX {
                let _ = write!(
                    body,
                    "<p>and {} more, not listed</p>",
                    self.rest_count - LISTED_MAX
                );
            }
            body.push_str("</details>\n");
        }
        out.push_str(&page("eligo test", &summary.line(), &body));
    }
}

fn not_evaluated(body: &mut String, document: &DocumentRun) {
    let _ = write!(
        body,
        "<details class=\"document\" open><summary class=\"error\">{}</summary><ul>",
        escape(&document_title(document))
    );
    for diagnostic in &document.diagnostics {
        let _ = write!(body, "<li>{}", escape(&diagnostic_line(diagnostic)));
        if let Some(help) = diagnostic.help_text() {
            let _ = write!(body, "<br>help: {}", escape(&help));
        }
        body.push_str("</li>");
    }
    body.push_str("</ul></details>\n");
}

fn row(body: &mut String, document: &DocumentRun) {
    let (label, class) = match document.status {
        Status::Passed => ("ok", "passed"),
        _ => ("unchecked", "unchecked"),
    };
    let title = if document.status == Status::Unchecked {
        UNCHECKED_REASON
    } else {
        ""
    };
    let _ =
        writeln!(
        body,
        "<tr><td class=\"{class}\" title=\"{}\">{label}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        escape(title),
        escape(&document_title(document)),
        escape(document.decision.as_deref().unwrap_or("")),
        escape(document.decided.as_ref().map(|d| d.outcome.as_str()).unwrap_or(""))
    );
}

fn failure(body: &mut String, document: &DocumentRun) {
    let _ = write!(
        body,
        "<details class=\"document\" open><summary class=\"failed\">{}</summary>",
        escape(&document_title(document))
    );
    body.push_str("<ul>");
    for finding in &document.findings {
        let _ = write!(body, "<li><b>{}</b>", escape(&finding.summary()));
        let detail = finding.detail();
        if !detail.is_empty() {
            let _ = write!(body, "<pre>{}</pre>", escape(&detail.join("\n")));
        }
        body.push_str("</li>");
    }
    body.push_str("</ul>");
    if let Some(decided) = document
        .decided
        .as_ref()
        .filter(|d| !d.explanation.is_empty())
    {
        let _ = write!(
            body,
            "<details class=\"explanation\"><summary>explanation: {} → {}</summary>",
            escape(document.decision.as_deref().unwrap_or("")),
            escape(&decided.outcome)
        );
        tree(body, &explanation_tree(&decided.explanation));
        body.push_str("</details>");
    }
    body.push_str("</details>\n");
}

fn coverage_table(body: &mut String, report: &CoverageReport) {
    let coverage = &report.coverage;
    let _ = writeln!(
        body,
        "<h2>Rule coverage</h2>\n<p>{}</p>",
        escape(&report.headline())
    );
    body.push_str("<table class=\"coverage\"><tr><th>decision / rule</th><th>passed</th><th>failed</th><th>not applicable</th><th>share</th><th>never</th></tr>\n");
    for decision in &coverage.decisions {
        let exercised = decision.rules.iter().filter(|r| r.exercised).count();
        let title = format!("{exercised} of {} rules exercised", decision.rules.len());
        let _ = writeln!(
            body,
            "<tr class=\"decision\"><td>{} ({} scenario{})</td><td colspan=\"3\">{}</td><td>{}</td><td></td></tr>",
            escape(&decision.decision),
            decision.scenarios,
            if decision.scenarios == 1 { "" } else { "s" },
            escape(&title),
            bar(&[("x", exercised), ("n", decision.rules.len() - exercised)], &title)
        );
        for rule in &decision.rules {
            let c = rule.counts;
            let title = format!(
                "{}: passed {}, failed {}, not applicable {}",
                rule.rule, c.passed, c.failed, c.not_applicable
            );
            let _ = writeln!(
                body,
                "<tr class=\"rule\"><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
                escape(&rule.rule),
                c.passed,
                c.failed,
                c.not_applicable,
                bar(&[("p", c.passed), ("f", c.failed), ("n", c.not_applicable)], &title),
                escape(&rule.never.join(", "))
            );
        }
    }
    body.push_str("</table>\n");
}
