//! `eligo diff`: decide every scenario below PATHs with two versions of the
//! policies and report what decides differently. Exit 0 when nothing
//! changed, 1 when something `--fail-on` counts did, 2 on errors (a side
//! that does not load, a document that no longer loads).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::Output;
use crate::diff::{self, FailOn, PolicySource};
use crate::report::{self, Style};

#[derive(Args, Debug)]
pub struct DiffArgs {
    /// The policies before the change: a folder, or a git commit (`main`,
    /// `HEAD~1`) whose `--policies` folder is read.
    #[arg(long, value_name = "REF|DIR")]
    base: String,
    /// The policies after the change, as `--base`; by default the
    /// `--policies` folder as it is on disk.
    #[arg(long, value_name = "REF|DIR")]
    head: Option<String>,
    /// The policy folder (inside each commit, for a git side).
    #[arg(long, default_value = "policies")]
    policies: PathBuf,
    /// How the report is printed.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    format: DiffFormat,
    /// Which changes make the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOnArg::Any)]
    fail_on: FailOnArg,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// Scenario files, or folders searched for `*.yaml` and `*.yml`.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Human,
    Json,
    Markdown,
    Github,
    Html,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOnArg {
    /// A document's outcome changed.
    Outcome,
    /// Anything about any document changed.
    Any,
    /// Nothing but errors.
    None,
}

pub fn run(args: &DiffArgs, output: &Output) -> i32 {
    let base = PolicySource::parse(&args.base, &args.policies);
    let head = match &args.head {
        Some(head) => PolicySource::parse(head, &args.policies),
        None => PolicySource::Folder(args.policies.clone()),
    };
    let threads = super::threads_or_cores(args.threads);
    let run = diff::run(&base, &head, &args.paths, &output.limits, threads);
    output.diagnostics(&run.run_errors);
    let style = Style {
        colour: output.stdout_colour,
    };
    let printed = match args.format {
        DiffFormat::Human => report::diff_human(&run, &style),
        DiffFormat::Json => report::diff_json(&run),
        DiffFormat::Markdown => report::diff_markdown(&run),
        DiffFormat::Github => report::diff_github(&run),
        DiffFormat::Html => report::diff_html(&run),
    };
    let _ = std::io::stdout().lock().write_all(printed.as_bytes());
    run.exit_code(match args.fail_on {
        FailOnArg::Outcome => FailOn::Outcome,
        FailOnArg::Any => FailOn::Any,
        FailOnArg::None => FailOn::None,
    })
}
