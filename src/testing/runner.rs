//! Running scenario files against a checked policy set: files in parallel
//! across cores, each document read, loaded, selected, decided with its
//! explanation, judged against its `expect:` block and its stored snapshot,
//! handed to the report and dropped. Documents reach the report in the
//! order the files were found, so it is the same bytes whatever the number
//! of threads; the run keeps only counters, so memory stays flat over any
//! number of files and documents.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use rust_decimal::Decimal;

use super::coverage::{CoverageReport, Tally};
use super::discover;
use super::errors::TestError;
use super::progress::Progress;
use super::results::{Decided, DocumentRun, Finding, Status, Summary, TestRun};
use super::select::Selection;
use super::snapshot::{Compared, SnapshotStore};
use crate::diagnostic::FileDiagnostic;
use crate::limits::Limits;
use crate::plan::PolicySet;
use crate::scenario::{Expect, Scenario};
use crate::verdict::{self, Mismatch};

/// What a run checks beyond the expectations.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub selection: Selection,
    pub snapshots: Option<SnapshotStore>,
    pub coverage: bool,
    /// `--coverage-min`: a percentage the coverage must reach.
    pub coverage_min: Option<Decimal>,
    /// What a scenario file may hold.
    pub limits: Limits,
}

/// Tests every scenario document found under `paths` on `threads` threads,
/// giving each judged document to `report` in file order.
/// `show_progress` draws a progress line on stderr (see [`Progress`]).
pub fn run(
    policies: &PolicySet,
    paths: &[PathBuf],
    options: &Options,
    threads: usize,
    show_progress: bool,
    report: &mut dyn FnMut(DocumentRun),
) -> TestRun {
    let unknown = options.selection.check(policies);
    if !unknown.is_empty() {
        return TestRun {
            run_errors: unknown,
            ..TestRun::default()
        };
    }
    let found = discover::scenario_files(paths);
    let mut counted = Summary::default();
    let mut hand_over = |document: DocumentRun| {
        counted.count(document.status);
        report(document);
    };
    for (path, diagnostic) in found.problems {
        hand_over(unreadable(path, diagnostic));
    }
    let progress = Progress::new(found.files.len(), show_progress);
    let tally = Mutex::new(Tally::default());
    let selected = AtomicUsize::new(0);
    let counting = options.coverage || options.coverage_min.is_some();
    crate::ordered::for_each_in_order(
        &found.files,
        threads,
        |path, send| {
            let mut file_tally = Tally::default();
            let kept = run_file(
                policies,
                path,
                options,
                counting.then_some(&mut file_tally),
                send,
            );
            selected.fetch_add(kept, Ordering::Relaxed);
            if counting {
                tally
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .merge(file_tally);
            }
            progress.tick();
        },
        &mut hand_over,
    );
    progress.finish();
    let mut run_errors = Vec::new();
    if selected.into_inner() == 0 && !options.selection.is_everything() {
        run_errors.push(
            TestError::NothingSelected {
                filters: options.selection.describe(),
            }
            .about(""),
        );
    } else if counted.documents() == 0 {
        run_errors.push(TestError::NoDocuments.about(""));
    }
    let tally = tally
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let coverage = counting.then(|| {
        CoverageReport::new(
            tally.coverage(policies, &options.selection.decisions),
            options.coverage_min,
        )
    });
    TestRun {
        counted,
        run_errors,
        coverage,
    }
}

/// Judges the documents of one file as they are read, sending each on;
/// returns how many the selection kept.
fn run_file(
    policies: &PolicySet,
    path: &Path,
    options: &Options,
    mut tally: Option<&mut Tally>,
    send: &mut dyn FnMut(DocumentRun),
) -> usize {
    let shown = path.display().to_string();
    let mut selected = 0;
    for loaded in crate::scenario::stream_file(policies, path, &options.limits) {
        match loaded {
            Err(diagnostic) => {
                send(unreadable(shown.clone(), diagnostic));
                break;
            }
            // A document that cannot be loaded is reported whatever the
            // filters: its decision may be the very thing that is broken.
            Ok(Err(error)) => send(DocumentRun {
                scenario: format!("{}#{}", error.file, error.index),
                file: shown.clone(),
                index: Some(error.index),
                line: error.line,
                name: error.name,
                decision: None,
                status: Status::Error,
                decided: None,
                findings: Vec::new(),
                diagnostics: error.diagnostics,
                snapshot_written: None,
            }),
            Ok(Ok(scenario)) => {
                let id = scenario.id();
                if !options
                    .selection
                    .keeps(&scenario.decision, scenario.name.as_deref(), &id)
                {
                    continue;
                }
                selected += 1;
                send(judge(policies, &scenario, options, tally.as_deref_mut()));
            }
        }
    }
    selected
}

fn unreadable(path: String, diagnostic: FileDiagnostic) -> DocumentRun {
    DocumentRun {
        scenario: path.clone(),
        file: path,
        index: None,
        line: 1,
        name: None,
        decision: None,
        status: Status::Error,
        decided: None,
        findings: Vec::new(),
        diagnostics: vec![diagnostic],
        snapshot_written: None,
    }
}

/// An `expect:` block that asserts nothing checks nothing.
fn asserts_something(expect: &Expect) -> bool {
    expect.outcome.is_some() || expect.failed.is_some() || !expect.values.is_empty()
}

fn judge(
    policies: &PolicySet,
    scenario: &Scenario,
    options: &Options,
    tally: Option<&mut Tally>,
) -> DocumentRun {
    let mut document = DocumentRun {
        scenario: scenario.id(),
        file: scenario.file.to_string(),
        index: Some(scenario.index),
        line: scenario.line,
        name: scenario.name.clone(),
        decision: Some(scenario.decision.clone()),
        status: Status::Unchecked,
        decided: None,
        findings: Vec::new(),
        diagnostics: Vec::new(),
        snapshot_written: None,
    };
    let result = match crate::decide(policies, scenario, true) {
        Ok(result) => result,
        Err(failure) => {
            document.status = Status::Error;
            document.diagnostics = failure.diagnostics;
            if document.diagnostics.is_empty() {
                let unknown = TestError::UnknownDecision {
                    name: scenario.decision.clone(),
                    help: None,
                };
                document.diagnostics.push(unknown.about(&scenario.file));
            }
            return document;
        }
    };
    if let Some(tally) = tally {
        tally.record(&result);
    }
    let mut checked = false;
    if let Some(expect) = scenario.expect.as_ref().filter(|e| asserts_something(e)) {
        checked = true;
        let mismatches = verdict::compare(&result, expect);
        for mismatch in &mismatches {
            let line = match mismatch {
                Mismatch::Value { line, .. } => *line,
                _ => scenario.line,
            };
            document.findings.push(Finding::Expectation {
                notes: verdict::notes(&result, mismatch, &mismatches),
                mismatch: mismatch.clone(),
                line,
            });
        }
    }
    if let Some(store) = &options.snapshots {
        checked = true;
        match store.compare(&scenario.file, scenario.index, scenario.line, &result) {
            Compared::Same => {}
            Compared::Differs(finding) => document.findings.push(finding),
            Compared::Written(written) => document.snapshot_written = Some(written),
            Compared::Failed(diagnostic) => document.diagnostics.push(diagnostic),
        }
    }
    document.status = if !document.diagnostics.is_empty() {
        Status::Error
    } else if !document.findings.is_empty() {
        Status::Failed
    } else if checked {
        Status::Passed
    } else {
        Status::Unchecked
    };
    let explanation = if document.status == Status::Failed {
        result.explanation
    } else {
        Vec::new()
    };
    document.decided = Some(Decided {
        outcome: result.outcome,
        failed: result.failed,
        values: result.values,
        explanation,
    });
    document
}
