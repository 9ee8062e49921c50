//! `eligo eval`: decide every scenario document of the given files and print
//! the decisions in file order. A `deny` is an answer; only documents that
//! cannot be decided make the exit code 2. Files are decided on several
//! threads and each decision is printed as soon as the ones before it are,
//! then dropped: memory stays flat over any number or size of files.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{EvalFormat, Output};
use crate::api::DocumentFailure;
use crate::diagnostic::FileDiagnostic;
use crate::limits::Limits;
use crate::plan::PolicySet;
use crate::report::{self, Style};

/// What one document (or a file that could not be read) prints.
struct Printed {
    stdout: String,
    diagnostics: Vec<FileDiagnostic>,
}

pub fn run(
    policies: &Path,
    format: Option<EvalFormat>,
    files: &[PathBuf],
    threads: usize,
    output: &Output,
) -> i32 {
    let set = match crate::load_policies_within(policies, &output.limits) {
        Ok(set) => set,
        Err(diagnostics) => {
            output.diagnostics(&diagnostics);
            return 2;
        }
    };
    let format = format.unwrap_or(if output.stdout_terminal {
        EvalFormat::Human
    } else {
        EvalFormat::Json
    });
    let style = Style {
        colour: output.stdout_colour,
    };
    let mut stdout = std::io::stdout().lock();
    let mut exit = 0;
    crate::ordered::for_each_in_order(
        files,
        threads,
        |path, send| decide_file(&set, path, format, &style, &output.limits, send),
        |printed: Printed| {
            if !printed.diagnostics.is_empty() {
                exit = 2;
                output.diagnostics(&printed.diagnostics);
            }
            let _ = stdout.write_all(printed.stdout.as_bytes());
        },
    );
    let _ = stdout.flush();
    exit
}

fn decide_file(
    set: &PolicySet,
    path: &Path,
    format: EvalFormat,
    style: &Style,
    limits: &Limits,
    send: &mut dyn FnMut(Printed),
) {
    for loaded in crate::scenario::stream_file(set, path, limits) {
        let loaded = match loaded {
            Ok(loaded) => loaded,
            Err(diagnostic) => {
                return send(Printed {
                    stdout: String::new(),
                    diagnostics: vec![diagnostic],
                })
            }
        };
        let decided = match loaded {
            Ok(scenario) => crate::decide(set, &scenario, true),
            Err(error) => Err(DocumentFailure {
                scenario: format!("{}#{}", error.file, error.index),
                name: error.name,
                line: error.line,
                diagnostics: error.diagnostics,
            }),
        };
        let mut printed = match decided {
            Ok(result) => Printed {
                stdout: match format {
                    EvalFormat::Human => report::human_decision(&result, style),
                    EvalFormat::Json => format!("{}\n", report::json_decision(&result)),
                    EvalFormat::Yaml => report::yaml_decision(&result),
                },
                diagnostics: Vec::new(),
            },
            Err(failure) => Printed {
                stdout: match format {
                    EvalFormat::Human => format!(
                        "{}  could not be evaluated (see errors above)\n",
                        failure.scenario
                    ),
                    EvalFormat::Json => format!("{}\n", report::json_failure(&failure)),
                    EvalFormat::Yaml => report::yaml_failure(&failure),
                },
                diagnostics: failure.diagnostics,
            },
        };
        if format == EvalFormat::Human {
            printed.stdout.push('\n');
        }
        send(printed);
    }
}
