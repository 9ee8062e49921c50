//! `eligo test --format json`: JSON Lines, one object per scenario document
//! (`"type": "document"`) in the order documents were found, then one
//! summary object (`"type": "summary"`) with the totals, the exit code, the
//! coverage when measured, and the errors of the run as a whole.

use std::collections::BTreeMap;

use serde::Serialize;

use super::TestReport;
use crate::diagnostic::{FileDiagnostic, JsonError};
use crate::testing::{CoverageReport, DocumentRun, Finding, Status, TestRun, Written};
use crate::verdict::{Mismatch, Note};

#[derive(Serialize)]
struct DocumentJson<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    scenario: &'a str,
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    decision: Option<&'a str>,
    status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    outcome: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    failed: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    values: Option<&'a BTreeMap<String, serde_json::Value>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    findings: Vec<FindingJson<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<JsonError>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snapshot_written: Option<&'a Written>,
}

/// A finding: what kind, the scenario line, a sentence, and the specifics.
#[derive(Serialize)]
struct FindingJson<'a> {
    code: &'static str,
    line: usize,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    mismatch: Option<&'a Mismatch>,
    #[serde(skip_serializing_if = "Option::is_none")]
    notes: Option<&'a [Note]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snapshot: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    diff: Option<&'a str>,
}

#[derive(Serialize)]
struct SummaryJson<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    passed: usize,
    failed: usize,
    unchecked: usize,
    errors: usize,
    exit_code: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    coverage: Option<&'a CoverageReport>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    run_errors: Vec<JsonError>,
}

fn errors(diagnostics: &[FileDiagnostic]) -> Vec<JsonError> {
    diagnostics.iter().map(FileDiagnostic::to_json).collect()
}

fn finding_json(finding: &Finding) -> FindingJson<'_> {
    let mut json = FindingJson {
        code: finding.code(),
        line: finding.line(),
        message: finding.summary(),
        mismatch: None,
        notes: None,
        snapshot: None,
        diff: None,
    };
    match finding {
        Finding::Expectation {
            mismatch, notes, ..
        } => {
            json.mismatch = Some(mismatch);
            json.notes = Some(notes);
        }
        Finding::Snapshot { stored, diff, .. } => {
            json.snapshot = Some(stored);
            json.diff = diff.as_deref();
        }
    }
    json
}

fn document_json(document: &DocumentRun) -> DocumentJson<'_> {
    let decided = document.decided.as_ref();
    DocumentJson {
        kind: "document",
        scenario: &document.scenario,
        file: &document.file,
        index: document.index,
        line: document.line,
        name: document.name.as_deref(),
        decision: document.decision.as_deref(),
        status: document.status,
        outcome: decided.map(|d| d.outcome.as_str()),
        failed: decided.map(|d| d.failed.as_slice()),
        values: decided.map(|d| &d.values),
        findings: document.findings.iter().map(finding_json).collect(),
        errors: errors(&document.diagnostics),
        snapshot_written: document.snapshot_written.as_ref(),
    }
}

/// JSON Lines: each document's line as it is judged, the summary last.
pub struct JsonTestReport;

impl TestReport for JsonTestReport {
    fn document(&mut self, document: DocumentRun, out: &mut String) {
        out.push_str(&serde_json::to_string(&document_json(&document)).unwrap_or_default());
        out.push('\n');
    }

    fn finish(&mut self, run: &TestRun, out: &mut String) {
        summary_line(out, run);
    }
}

fn summary_line(out: &mut String, run: &TestRun) {
    let summary = run.summary();
    let summary = SummaryJson {
        kind: "summary",
        passed: summary.passed,
        failed: summary.failed,
        unchecked: summary.unchecked,
        errors: summary.errors,
        exit_code: run.exit_code(),
        coverage: run.coverage.as_ref(),
        run_errors: errors(&run.run_errors),
    };
    out.push_str(&serde_json::to_string(&summary).unwrap_or_default());
    out.push('\n');
}
