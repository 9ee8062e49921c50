//! What a test run found: one entry per scenario document (or per path that
//! could not be read), what was wrong with it, and the totals and exit code
//! that follow. Every output format reads these and nothing else. Documents
//! are handed to the report one at a time as they are judged; the run as a
//! whole keeps only counters.

use std::collections::BTreeMap;

use serde::Serialize;

use super::coverage::CoverageReport;
use crate::diagnostic::FileDiagnostic;
use crate::verdict::{Mismatch, Note};

/// A whole run of `eligo test`, once its documents have been reported.
#[derive(Debug, Default)]
pub struct TestRun {
    /// How many documents ended in each status.
    pub counted: Summary,
    /// Problems with the run as a whole, such as a policy set that does not
    /// check; nothing could be evaluated.
    pub run_errors: Vec<FileDiagnostic>,
    pub coverage: Option<CoverageReport>,
}

/// One scenario document, or a path that could not be read.
#[derive(Debug)]
pub struct DocumentRun {
    /// `path#index`, or the path alone when no document could be read.
    pub scenario: String,
    pub file: String,
    pub index: Option<usize>,
    /// 1-based line where the document starts.
    pub line: usize,
    pub name: Option<String>,
    pub decision: Option<String>,
    pub status: Status,
    /// The decision, when it could be taken.
    pub decided: Option<Decided>,
    /// Why the document failed: unmet expectations, snapshot differences.
    pub findings: Vec<Finding>,
    /// Why the document could not be evaluated.
    pub diagnostics: Vec<FileDiagnostic>,
    /// What `--snapshot` did with the stored copy, when it wrote one.
    pub snapshot_written: Option<Written>,
}

/// The parts of a decision every format reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Decided {
    pub outcome: String,
    pub failed: Vec<String>,
    pub values: BTreeMap<String, serde_json::Value>,
    /// The explanation, kept only for a failed document (reports that show
    /// why it failed read it); empty otherwise.
    #[serde(skip)]
    pub explanation: Vec<crate::explain::Explanation>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every expectation (and the stored snapshot) holds.
    Passed,
    /// An expectation does not hold, or the decision differs from its snapshot.
    Failed,
    /// Evaluated, but nothing was asserted: no `expect:` block, or an empty one.
    Unchecked,
    /// Could not be evaluated at all.
    Error,
}

/// A stored snapshot that `--update` wrote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Written {
    Created(String),
    Updated(String),
}

/// One reason a document failed.
#[derive(Clone, Debug, PartialEq)]
pub enum Finding {
    /// An `expect:` entry the decision does not meet. `line` is the
    /// document's line, or the expected value's line for a value.
    Expectation {
        mismatch: Mismatch,
        line: usize,
        notes: Vec<Note>,
    },
    /// The decision differs from its stored snapshot, or none is stored
    /// (`diff` is `None`).
    Snapshot {
        stored: String,
        diff: Option<String>,
        line: usize,
    },
}

impl Finding {
    /// A stable identifier of the kind of finding, for SARIF rules and JUnit types.
    pub fn code(&self) -> &'static str {
        match self {
            Finding::Expectation { mismatch, .. } => match mismatch {
                Mismatch::Outcome { .. } => "eligo::test::outcome",
                Mismatch::Failed { .. } => "eligo::test::failed",
                Mismatch::Value { .. } => "eligo::test::value",
            },
            Finding::Snapshot { diff: Some(_), .. } => "eligo::test::snapshot_changed",
            Finding::Snapshot { diff: None, .. } => "eligo::test::snapshot_missing",
        }
    }

    /// The scenario line the finding points at.
    pub fn line(&self) -> usize {
        match self {
            Finding::Expectation { line, .. } | Finding::Snapshot { line, .. } => *line,
        }
    }

    /// One line: what was expected against what was found.
    pub fn summary(&self) -> String {
        match self {
            Finding::Expectation { mismatch, .. } => mismatch.describe(),
            Finding::Snapshot {
                stored,
                diff: Some(_),
                ..
            } => format!("the decision differs from its snapshot `{stored}`"),
            Finding::Snapshot { stored, .. } => format!("no snapshot is stored at `{stored}`"),
        }
    }

    /// The lines under the summary: the expected and actual rule sets, the
    /// explanation's notes (with the policy place they are about), or the
    /// snapshot diff.
    pub fn detail(&self) -> Vec<String> {
        match self {
            Finding::Expectation {
                mismatch, notes, ..
            } => {
                let mut lines = Vec::new();
                if let Mismatch::Failed {
                    expected, actual, ..
                } = mismatch
                {
                    lines.push(format!("expected failed: [{}]", expected.join(", ")));
                    lines.push(format!("actual failed:   [{}]", actual.join(", ")));
                }
                lines.extend(notes.iter().map(|note| match &note.at {
                    Some(at) => format!("{}  ({}:{}:{})", note.text, at.file, at.line, at.column),
                    None => note.text.clone(),
                }));
                lines
            }
            Finding::Snapshot {
                diff: Some(diff), ..
            } => {
                let mut lines: Vec<String> = diff.lines().map(str::to_string).collect();
                lines.push("accept the new decision with `--update`".into());
                lines
            }
            Finding::Snapshot { .. } => {
                vec!["store the current decision with `--update`".into()]
            }
        }
    }

    /// The summary and detail as one text, for formats that take a block.
    pub fn text(&self) -> String {
        let mut text = self.summary();
        for line in self.detail() {
            text.push_str("\n  ");
            text.push_str(&line);
        }
        text
    }
}

/// How many documents ended in each status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub passed: usize,
    pub failed: usize,
    pub unchecked: usize,
    pub errors: usize,
}

impl Summary {
    pub fn count(&mut self, status: Status) {
        match status {
            Status::Passed => self.passed += 1,
            Status::Failed => self.failed += 1,
            Status::Unchecked => self.unchecked += 1,
            Status::Error => self.errors += 1,
        }
    }

    /// Documents counted.
    pub fn documents(&self) -> usize {
        self.passed + self.failed + self.unchecked + self.errors
    }

    /// `3 passed, 1 failed, 2 unchecked, 1 error`: the line CI logs end with.
    pub fn line(&self) -> String {
        format!(
            "{} passed, {} failed, {} unchecked, {} error{}",
            self.passed,
            self.failed,
            self.unchecked,
            self.errors,
            if self.errors == 1 { "" } else { "s" }
        )
    }
}

impl TestRun {
    /// The documents' counts, with the run's own errors counted as one.
    pub fn summary(&self) -> Summary {
        let mut summary = self.counted;
        summary.errors += usize::from(!self.run_errors.is_empty());
        summary
    }

    /// Whether coverage was measured against a minimum and fell short.
    pub fn coverage_below_minimum(&self) -> bool {
        self.coverage.as_ref().is_some_and(|c| !c.met())
    }

    /// `2` when anything could not be evaluated (it wins: a suite that did
    /// not fully run cannot be said to pass or fail), else `1` when an
    /// expectation, a snapshot or the coverage minimum does not hold, else `0`.
    pub fn exit_code(&self) -> i32 {
        let summary = self.summary();
        if summary.errors > 0 {
            2
        } else if summary.failed > 0 || self.coverage_below_minimum() {
            1
        } else {
            0
        }
    }
}
