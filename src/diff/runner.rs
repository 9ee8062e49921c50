//! Running a diff: both policy sets loaded (in parallel), then every
//! scenario file below the paths read once and each of its documents
//! loaded and decided by both sides, files on several threads as `eligo
//! test` runs them (`crate::ordered`). Only what changed is kept: an
//! unchanged document leaves nothing behind but a count, so memory follows
//! the number of changed documents, not the size of the corpus. Changed
//! documents come back in the order the files were found, whatever the
//! number of threads.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::compare::{self, Change, DocumentDiff};
use super::source::PolicySource;
use super::structure::PolicyChange;
use crate::diagnostic::FileDiagnostic;
use crate::files;
use crate::limits::{Limit, Limits};
use crate::plan::PolicySet;
use crate::testing::discover;

/// When `eligo diff` exits with 1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FailOn {
    /// Only when some document's outcome changed.
    Outcome,
    /// When anything about any document changed.
    #[default]
    Any,
    /// Never; only errors give a non-zero exit.
    None,
}

/// The counts a diff's summary gives.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct DiffSummary {
    pub compared: usize,
    pub unchanged: usize,
    /// Documents whose outcome changed, by `(base outcome, head outcome)`.
    #[serde(serialize_with = "transitions")]
    pub outcome_changed: BTreeMap<(String, String), usize>,
    /// Same outcome; failed rules, messages or values differ.
    pub values_only: usize,
    /// A side could not load or decide the document.
    pub broken: usize,
}

fn transitions<S: serde::Serializer>(
    map: &BTreeMap<(String, String), usize>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Transition<'a> {
        from: &'a str,
        to: &'a str,
        count: usize,
    }
    serializer.collect_seq(
        map.iter()
            .map(|((from, to), &count)| Transition { from, to, count }),
    )
}

impl DiffSummary {
    pub fn outcome_changes(&self) -> usize {
        self.outcome_changed.values().sum()
    }

    fn merge(&mut self, other: DiffSummary) {
        self.compared += other.compared;
        self.unchanged += other.unchanged;
        self.values_only += other.values_only;
        self.broken += other.broken;
        for (key, count) in other.outcome_changed {
            *self.outcome_changed.entry(key).or_default() += count;
        }
    }

    fn count(&mut self, change: &Change) {
        self.compared += 1;
        match change {
            Change::Unchanged => self.unchanged += 1,
            Change::Broken { .. } => self.broken += 1,
            Change::Decided { base, head, .. } if base.outcome != head.outcome => {
                let key = (base.outcome.clone(), head.outcome.clone());
                *self.outcome_changed.entry(key).or_default() += 1;
            }
            Change::Decided { .. } => self.values_only += 1,
        }
    }
}

/// A whole diff run.
#[derive(Debug, Default)]
pub struct DiffRun {
    pub base: String,
    pub head: String,
    pub policy_change: PolicyChange,
    pub summary: DiffSummary,
    /// The documents that changed or broke, in the order found.
    pub documents: Vec<DocumentDiff>,
    /// Problems with the run as a whole: a side that does not load, a path
    /// that cannot be read.
    pub run_errors: Vec<FileDiagnostic>,
}

impl DiffRun {
    /// `2` on any error or broken document, else `1` when a change the
    /// `fail_on` setting counts happened, else `0`.
    pub fn exit_code(&self, fail_on: FailOn) -> i32 {
        if !self.run_errors.is_empty() || self.summary.broken > 0 {
            return 2;
        }
        let changed = match fail_on {
            FailOn::Outcome => self.summary.outcome_changes() > 0,
            FailOn::Any => self.summary.unchanged < self.summary.compared,
            FailOn::None => false,
        };
        i32::from(changed)
    }
}

/// Loads both sides and compares every scenario document below `paths`,
/// files on `threads` threads.
pub fn run(
    base: &PolicySource,
    head: &PolicySource,
    paths: &[PathBuf],
    limits: &Limits,
    threads: usize,
) -> DiffRun {
    let mut run = DiffRun {
        base: base.label(),
        head: head.label(),
        ..DiffRun::default()
    };
    let (old, new) = rayon::join(|| base.load(limits), || head.load(limits));
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            run.run_errors.extend(old.err().into_iter().flatten());
            run.run_errors.extend(new.err().into_iter().flatten());
            return run;
        }
    };
    run.policy_change = PolicyChange::between(&old, &new);
    let found = discover::scenario_files(paths);
    run.run_errors
        .extend(found.problems.into_iter().map(|(_, diagnostic)| diagnostic));
    let sides = Sides {
        base: &old,
        head: &new,
        change: &run.policy_change,
        limits,
    };
    let (mut summary, mut documents) = (DiffSummary::default(), Vec::new());
    crate::ordered::for_each_in_order(
        &found.files,
        threads,
        |path, send| sides.file(path, send),
        |piece| match piece {
            Piece::Changed(document) => documents.push(*document),
            Piece::Counted(counts) => summary.merge(counts),
        },
    );
    run.summary = summary;
    run.documents = documents;
    if run.summary.compared == 0 && run.run_errors.is_empty() {
        run.run_errors
            .push(crate::testing::TestError::NoDocuments.about(""));
    }
    run
}

/// What working through one file sends back: each changed document as it
/// is compared, then the file's counts.
enum Piece {
    Changed(Box<DocumentDiff>),
    Counted(DiffSummary),
}

struct Sides<'a> {
    base: &'a PolicySet,
    head: &'a PolicySet,
    change: &'a PolicyChange,
    limits: &'a Limits,
}

impl Sides<'_> {
    fn file(&self, path: &Path, send: &mut dyn FnMut(Piece)) {
        let shown = path.display().to_string();
        let mut counts = DiffSummary::default();
        let max = self.limits.scenario_file_bytes;
        let text = match files::read_text(path, Limit::ScenarioFileBytes, max) {
            Ok(text) => text,
            Err(diagnostic) => {
                // An unreadable file is a broken document of its own.
                let change = Change::Broken {
                    base: compare::Answer::Broken(Vec::new()),
                    head: compare::Answer::Broken(vec![diagnostic]),
                };
                counts.count(&change);
                send(Piece::Changed(Box::new(DocumentDiff {
                    scenario: shown.clone(),
                    file: shown,
                    line: 1,
                    name: None,
                    decision: None,
                    change,
                })));
                send(Piece::Counted(counts));
                return;
            }
        };
        let mut heads =
            crate::scenario::load_within(self.head, &shown, &text, self.limits).into_iter();
        for old in crate::scenario::load_within(self.base, &shown, &text, self.limits) {
            let Some(new) = heads.next() else { break };
            let (file, line, name, decision, index) = match (&old, &new) {
                (Ok(s), _) | (Err(_), Ok(s)) => (
                    s.file.to_string(),
                    s.line,
                    s.name.clone(),
                    Some(s.decision.clone()),
                    s.index,
                ),
                (Err(e), Err(_)) => (e.file.to_string(), e.line, e.name.clone(), None, e.index),
            };
            let change = compare::compare(
                compare::answer(self.base, old),
                compare::answer(self.head, new),
                || {
                    decision
                        .as_deref()
                        .map(|d| self.parts(d))
                        .unwrap_or_default()
                },
                self.change,
            );
            counts.count(&change);
            if !matches!(change, Change::Unchanged) {
                send(Piece::Changed(Box::new(DocumentDiff {
                    scenario: format!("{file}#{index}"),
                    file,
                    line,
                    name,
                    decision,
                    change,
                })));
            }
        }
        send(Piece::Counted(counts));
    }

    /// The rule IDs and tables either side's version of the decision uses.
    fn parts(&self, decision: &str) -> (Vec<String>, Vec<String>) {
        let mut parts = (Vec::new(), Vec::new());
        for set in [self.base, self.head] {
            if let Some(d) = set.decision(decision) {
                let (rules, tables) = super::structure::decision_parts(set, d);
                parts.0.extend(rules);
                parts.1.extend(tables);
            }
        }
        parts
    }
}
