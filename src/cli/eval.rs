//! `eligo eval`: decide every scenario document of the given files and print
//! the decisions in file order. A `deny` is an answer; only documents that
//! cannot be decided make the exit code 2.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{EvalFormat, Output};
use crate::api::DocumentFailure;
use crate::files;
use crate::limits::Limit;
use crate::report::{self, Style};

pub fn run(policies: &Path, format: Option<EvalFormat>, files: &[PathBuf], output: &Output) -> i32 {
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
    for path in files {
        let shown = path.display().to_string();
        let max = output.limits.scenario_file_bytes;
        let text = match files::read_text(path, Limit::ScenarioFileBytes, max) {
            Ok(text) => text,
            Err(diagnostic) => {
                output.diagnostics(&[diagnostic]);
                exit = 2;
                continue;
            }
        };
        for loaded in crate::scenario::load_within(&set, &shown, &text, &output.limits) {
            let decided = match loaded {
                Ok(scenario) => crate::decide(&set, &scenario, true),
                Err(error) => Err(DocumentFailure {
                    scenario: format!("{}#{}", error.file, error.index),
                    name: error.name,
                    line: error.line,
                    diagnostics: error.diagnostics,
                }),
            };
            let printed = match &decided {
                Ok(result) => match format {
                    EvalFormat::Human => report::human_decision(result, &style),
                    EvalFormat::Json => format!("{}\n", report::json_decision(result)),
                    EvalFormat::Yaml => report::yaml_decision(result),
                },
                Err(failure) => {
                    exit = 2;
                    output.diagnostics(&failure.diagnostics);
                    match format {
                        EvalFormat::Human => format!(
                            "{}  could not be evaluated (see errors above)\n",
                            failure.scenario
                        ),
                        EvalFormat::Json => format!("{}\n", report::json_failure(failure)),
                        EvalFormat::Yaml => report::yaml_failure(failure),
                    }
                }
            };
            let _ = stdout.write_all(printed.as_bytes());
            if format == EvalFormat::Human {
                let _ = stdout.write_all(b"\n");
            }
        }
    }
    exit
}
