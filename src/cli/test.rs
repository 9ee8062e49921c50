//! `eligo test`: decide every scenario document that PATHs hold, compare
//! each with its `expect:` block (and its stored snapshot), and report in
//! the format a person or a CI system reads. Exit 0 when everything holds,
//! 1 when an expectation, a snapshot or the coverage minimum does not, 2
//! when anything could not be evaluated (2 wins over 1).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use rust_decimal::Decimal;

use super::Output;
use crate::report::{self, Style, TestReport};
use crate::testing::{self, DocumentRun, Options, Selection, SnapshotStore, TestRun};

#[derive(Args, Debug)]
pub struct TestArgs {
    /// The folder holding the `.policy` files.
    #[arg(long, default_value = "policies")]
    policies: PathBuf,
    /// How results are printed.
    #[arg(long, value_enum, default_value_t = TestFormat::Human)]
    format: TestFormat,
    /// Report, per decision and rule, how often the rule passed, failed and
    /// did not apply, and which rules were never exercised.
    #[arg(long)]
    coverage: bool,
    /// Exit 1 unless at least PCT percent of the (decision, rule) pairs both
    /// passed and failed in some scenario; implies `--coverage`.
    #[arg(long, value_name = "PCT", value_parser = parse_percent)]
    coverage_min: Option<Decimal>,
    /// Only the documents that ask this decision (repeatable).
    #[arg(long, value_name = "NAME")]
    decision: Vec<String>,
    /// Only the documents whose `name:` or `path#index` contains PATTERN, or
    /// matches it whole when it has `*` or `?` (repeatable).
    #[arg(long, value_name = "PATTERN")]
    name: Vec<String>,
    /// Compare each decision with its stored copy under DIR.
    #[arg(long, value_name = "DIR")]
    snapshot: Option<PathBuf>,
    /// With `--snapshot`: store the current decisions as the new copies.
    #[arg(long, requires = "snapshot")]
    update: bool,
    /// How many files are tested at once (default: one per core). The
    /// report is the same bytes for any number.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// Scenario files, or folders searched for `*.yaml` and `*.yml`.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TestFormat {
    Human,
    Json,
    Junit,
    Tap,
    Github,
    Sarif,
    /// One self-contained HTML file; rule coverage is always included.
    Html,
}

fn parse_percent(text: &str) -> Result<Decimal, String> {
    match text.trim().trim_end_matches('%').parse::<Decimal>() {
        Ok(value) if value >= Decimal::ZERO && value <= Decimal::ONE_HUNDRED => Ok(value),
        _ => Err(format!(
            "`{text}` is not a percentage from 0 to 100 (such as `80` or `87.5`)"
        )),
    }
}

pub fn run(args: &TestArgs, output: &Output) -> i32 {
    let options = Options {
        selection: Selection::new(args.decision.clone(), &args.name),
        snapshots: args.snapshot.as_ref().map(|dir| SnapshotStore {
            dir: dir.clone(),
            update: args.update,
        }),
        coverage: args.coverage || args.format == TestFormat::Html,
        coverage_min: args.coverage_min,
        limits: output.limits,
    };
    let style = Style {
        colour: output.stdout_colour,
    };
    let mut report: Box<dyn TestReport> = match args.format {
        TestFormat::Human => Box::new(report::HumanTestReport { style }),
        TestFormat::Json => Box::new(report::JsonTestReport),
        TestFormat::Junit => Box::<report::JunitTestReport>::default(),
        TestFormat::Tap => Box::<report::TapTestReport>::default(),
        TestFormat::Github => Box::new(report::GithubTestReport),
        TestFormat::Sarif => Box::<report::SarifTestReport>::default(),
        TestFormat::Html => Box::<report::HtmlTestReport>::default(),
    };
    let mut stdout = std::io::stdout().lock();
    let mut printed = String::new();
    // The progress line shares the terminal with the report when stdout is
    // one too; the report then shows the progress itself.
    let show_progress = std::io::stderr().is_terminal() && !output.stdout_terminal;
    let threads = super::threads_or_cores(args.threads);
    let run = match crate::load_policies_within(&args.policies, &output.limits) {
        Ok(set) => {
            let mut on_document = |document: DocumentRun| {
                output.diagnostics(&document.diagnostics);
                report.document(document, &mut printed);
                if !printed.is_empty() {
                    let _ = stdout.write_all(printed.as_bytes());
                    printed.clear();
                }
            };
            testing::run(
                &set,
                &args.paths,
                &options,
                threads,
                show_progress,
                &mut on_document,
            )
        }
        Err(diagnostics) => TestRun {
            run_errors: diagnostics,
            ..TestRun::default()
        },
    };
    output.diagnostics(&run.run_errors);
    report.finish(&run, &mut printed);
    let _ = stdout.write_all(printed.as_bytes());
    let _ = stdout.flush();
    run.exit_code()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_coverage_minimum_is_a_percentage_from_0_to_100() {
        assert_eq!(parse_percent("80"), Ok(Decimal::from(80)));
        assert_eq!(parse_percent("87.5%"), Ok(Decimal::new(875, 1)));
        assert!(parse_percent("100.1").is_err());
        assert!(parse_percent("-1").is_err());
        assert!(parse_percent("most").is_err());
    }
}
