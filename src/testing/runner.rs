//! Running scenario files against a checked policy set: files in parallel
//! across cores, each document loaded, selected, decided with its
//! explanation, and judged against its `expect:` block and its stored
//! snapshot. Results come back in the order the files were found, so the
//! report is the same bytes whatever the number of threads.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rust_decimal::Decimal;

use super::coverage::{CoverageReport, Tally};
use super::discover;
use super::errors::TestError;
use super::progress::Progress;
use super::results::{Decided, DocumentRun, Finding, Status, TestRun};
use super::select::Selection;
use super::snapshot::{Compared, SnapshotStore};
use crate::diagnostic::FileDiagnostic;
use crate::files;
use crate::limits::{Limit, Limits};
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

/// Tests every scenario document found under `paths`.
/// `show_progress` draws a progress line on stderr (see [`Progress`]).
pub fn run(
    policies: &PolicySet,
    paths: &[PathBuf],
    options: &Options,
    show_progress: bool,
) -> TestRun {
    let unknown = options.selection.check(policies);
    if !unknown.is_empty() {
        return TestRun {
            run_errors: unknown,
            ..TestRun::default()
        };
    }
    let found = discover::scenario_files(paths);
    let progress = Progress::new(found.files.len(), show_progress);
    let per_file: Vec<FileRun> = found
        .files
        .par_iter()
        .map(|path| {
            let file_run = run_file(policies, path, options);
            progress.tick();
            file_run
        })
        .collect();
    progress.finish();
    let mut documents: Vec<DocumentRun> = found
        .problems
        .into_iter()
        .map(|(path, diagnostic)| unreadable(path, diagnostic))
        .collect();
    let mut tally = Tally::default();
    let mut selected = 0;
    for file_run in per_file {
        documents.extend(file_run.documents);
        tally.merge(file_run.tally);
        selected += file_run.selected;
    }
    let mut run_errors = Vec::new();
    if selected == 0 && !options.selection.is_everything() {
        run_errors.push(
            TestError::NothingSelected {
                filters: options.selection.describe(),
            }
            .about(""),
        );
    } else if documents.is_empty() {
        run_errors.push(TestError::NoDocuments.about(""));
    }
    let coverage = (options.coverage || options.coverage_min.is_some()).then(|| {
        CoverageReport::new(
            tally.coverage(policies, &options.selection.decisions),
            options.coverage_min,
        )
    });
    TestRun {
        documents,
        run_errors,
        coverage,
    }
}

/// The documents of one file, its share of the coverage, and how many of
/// its documents the selection kept.
struct FileRun {
    documents: Vec<DocumentRun>,
    tally: Tally,
    selected: usize,
}

fn run_file(policies: &PolicySet, path: &Path, options: &Options) -> FileRun {
    let shown = path.display().to_string();
    let mut file_run = FileRun {
        documents: Vec::new(),
        tally: Tally::default(),
        selected: 0,
    };
    let limits = &options.limits;
    let text = match files::read_text(path, Limit::ScenarioFileBytes, limits.scenario_file_bytes) {
        Ok(text) => text,
        Err(diagnostic) => {
            file_run.documents.push(unreadable(shown, diagnostic));
            return file_run;
        }
    };
    for loaded in crate::scenario::load_within(policies, &shown, &text, limits) {
        match loaded {
            // A document that cannot be loaded is reported whatever the
            // filters: its decision may be the very thing that is broken.
            Err(error) => file_run.documents.push(DocumentRun {
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
            Ok(scenario) => {
                let id = scenario.id();
                if !options
                    .selection
                    .keeps(&scenario.decision, scenario.name.as_deref(), &id)
                {
                    continue;
                }
                file_run.selected += 1;
                let tally = options.coverage || options.coverage_min.is_some();
                let tally = tally.then_some(&mut file_run.tally);
                file_run
                    .documents
                    .push(judge(policies, &scenario, options, tally));
            }
        }
    }
    file_run
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
    document.decided = Some(Decided {
        outcome: result.outcome,
        failed: result.failed,
        values: result.values,
    });
    document
}
