//! The command line: argument parsing, and the shared ways commands print
//! diagnostics and pick colour.

mod check;
mod diff;
mod eval;
mod explain;
mod fmt;
mod limits;
mod test;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostic::{FileDiagnostic, RenderStyle};
use crate::limits::Limits;

#[derive(Parser, Debug)]
#[command(
    name = "eligo",
    version,
    about = "A rules and policy engine whose decisions explain themselves"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,

    /// How errors are printed on stderr.
    #[arg(long, global = true, value_enum, default_value_t = ErrorFormat::Human)]
    error_format: ErrorFormat,

    #[command(flatten)]
    limits: limits::LimitArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse and check every policy; no scenario needed.
    Check {
        /// The folder holding the `.policy` files.
        #[arg(long, default_value = "policies")]
        policies: PathBuf,
        /// Treat lint warnings as errors (exit code 2).
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Evaluate every scenario document in FILEs and print the decisions.
    Eval {
        #[arg(long, default_value = "policies")]
        policies: PathBuf,
        /// `human` on a terminal, otherwise `json` (one object per line).
        #[arg(long, value_enum)]
        format: Option<EvalFormat>,
        /// Scenario files (YAML, one or more `---` documents each).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// How many files are decided at once (default: one per core). The
        /// output is the same bytes for any number.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        threads: Option<u16>,
    },
    /// Evaluate the scenarios PATHs hold and check each against its `expect:` block.
    Test(test::TestArgs),
    /// Serve decisions over HTTP, with hot reload, metrics and a playground.
    Serve(crate::serve::ServeArgs),
    /// Decide the scenarios PATHs hold with two versions of the policies and
    /// report every document that decides differently.
    Diff(diff::DiffArgs),
    /// Print one scenario document's whole explanation, or its rule and
    /// value dependency graph.
    Explain(explain::ExplainArgs),
    /// Serve the Language Server Protocol on stdin and stdout (for editors).
    Lsp,
    /// Rewrite policy files in the canonical layout.
    Fmt {
        /// Write nothing; list the files that would change and exit with 1.
        #[arg(long)]
        check: bool,
        /// Policy files, or folders searched for `*.policy` (default `policies/`).
        paths: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ErrorFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    Human,
    Json,
    Yaml,
}

/// How this run prints, and the limits it reads its input within.
pub struct Output {
    pub limits: Limits,
    pub error_format: ErrorFormat,
    pub stdout_colour: bool,
    pub stdout_terminal: bool,
    pub render: RenderStyle,
}

impl Output {
    fn detect(error_format: ErrorFormat, limits: Limits) -> Output {
        let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let stdout_terminal = std::io::stdout().is_terminal();
        let stderr_terminal = std::io::stderr().is_terminal();
        Output {
            limits,
            error_format,
            stdout_colour: stdout_terminal && !no_colour,
            stdout_terminal,
            render: RenderStyle {
                colour: stderr_terminal && !no_colour,
                width: 100,
            },
        }
    }

    /// Prints diagnostics on stderr in the chosen format.
    pub fn diagnostics(&self, diagnostics: &[FileDiagnostic]) {
        let mut stderr = std::io::stderr().lock();
        for diagnostic in diagnostics {
            let text = match self.error_format {
                ErrorFormat::Human => format!("{}\n", diagnostic.render(&self.render)),
                ErrorFormat::Json => format!(
                    "{}\n",
                    serde_json::to_string(&diagnostic.to_json()).unwrap_or_default()
                ),
            };
            let _ = stderr.write_all(text.as_bytes());
        }
    }
}

/// `--threads`, or one thread per core (`RAYON_NUM_THREADS` if set).
fn threads_or_cores(threads: Option<u16>) -> usize {
    threads.map_or_else(rayon::current_num_threads, usize::from)
}

/// Runs the command line; the result is the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() { 2 } else { 0 };
        }
    };
    let output = Output::detect(cli.error_format, cli.limits.limits());
    match cli.command {
        Command::Check {
            policies,
            deny_warnings,
        } => check::run(&policies, deny_warnings, &output),
        Command::Eval {
            policies,
            format,
            files,
            threads,
        } => eval::run(
            &policies,
            format,
            &files,
            threads_or_cores(threads),
            &output,
        ),
        Command::Test(args) => test::run(&args, &output),
        Command::Diff(args) => diff::run(&args, &output),
        Command::Explain(args) => explain::run(&args, &output),
        Command::Fmt { check, paths } => fmt::run(&paths, check, &output),
        Command::Serve(args) => crate::serve::run(&args, &output),
        Command::Lsp => crate::lsp::run(),
    }
}
