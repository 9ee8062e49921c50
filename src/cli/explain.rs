//! `eligo explain FILE#N`: one scenario document's whole explanation tree,
//! or its rule and value dependency graph as Graphviz dot or Mermaid, so a
//! reviewer can follow why a value came out as it did.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Args, ValueEnum};
use miette::Diagnostic;
use thiserror::Error;

use super::Output;
use crate::diagnostic::FileDiagnostic;
use crate::explain::Graph;
use crate::files;
use crate::limits::Limit;
use crate::report;

#[derive(Args, Debug)]
pub struct ExplainArgs {
    #[arg(long, default_value = "policies")]
    policies: PathBuf,
    /// `human` (the tree), `json` (the decision), `dot` or `mermaid` (the graph).
    #[arg(long, value_enum, default_value_t = ExplainFormat::Human)]
    format: ExplainFormat,
    /// A scenario file and the 0-based index of its document, `file.yaml#2`
    /// (`#0` when left out).
    #[arg(value_name = "FILE#N")]
    document: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    Human,
    Json,
    Dot,
    Mermaid,
}

#[derive(Debug, Error, Diagnostic)]
pub enum ExplainError {
    #[error("`{file}` has no document #{index}")]
    #[diagnostic(code(eligo::explain::no_document))]
    NoDocument {
        file: String,
        index: usize,
        #[help]
        help: String,
    },
    #[error("`{given}` does not end in a document index")]
    #[diagnostic(
        code(eligo::explain::bad_index),
        help("name a document as `FILE#N`, with N its 0-based index in the file, such as `scenarios.yaml#2`")
    )]
    BadIndex { given: String },
}

impl ExplainError {
    fn diagnostic(self, file: &str) -> FileDiagnostic {
        let file: Arc<str> = Arc::from(file);
        let empty: Arc<str> = Arc::from("");
        FileDiagnostic::new(&file, &empty, self)
    }
}

/// `file.yaml#2` as (`file.yaml`, 2); a path without `#` is its first document.
fn split_document(given: &str) -> Result<(&str, usize), ExplainError> {
    match given.rsplit_once('#') {
        None => Ok((given, 0)),
        Some((file, index)) => match index.parse() {
            Ok(index) => Ok((file, index)),
            Err(_) => Err(ExplainError::BadIndex {
                given: given.to_string(),
            }),
        },
    }
}

pub fn run(args: &ExplainArgs, output: &Output) -> i32 {
    let (file, index) = match split_document(&args.document) {
        Ok(split) => split,
        Err(error) => {
            output.diagnostics(&[error.diagnostic(&args.document)]);
            return 2;
        }
    };
    let set = match crate::load_policies_within(&args.policies, &output.limits) {
        Ok(set) => set,
        Err(diagnostics) => {
            output.diagnostics(&diagnostics);
            return 2;
        }
    };
    let max = output.limits.scenario_file_bytes;
    let text = match files::read_text(Path::new(file), Limit::ScenarioFileBytes, max) {
        Ok(text) => text,
        Err(diagnostic) => {
            output.diagnostics(&[diagnostic]);
            return 2;
        }
    };
    let mut documents = 0;
    let mut chosen = None;
    for loaded in crate::scenario::load_within(&set, file, &text, &output.limits) {
        if documents == index {
            chosen = Some(loaded);
        }
        documents += 1;
    }
    let Some(loaded) = chosen else {
        let help = match documents {
            0 => "the file holds no documents".to_string(),
            1 => "the file holds one document, `#0`".to_string(),
            n => format!("the file holds {n} documents, `#0` to `#{}`", n - 1),
        };
        let error = ExplainError::NoDocument {
            file: file.to_string(),
            index,
            help,
        };
        output.diagnostics(&[error.diagnostic(file)]);
        return 2;
    };
    let scenario = match loaded {
        Ok(scenario) => scenario,
        Err(error) => {
            output.diagnostics(&error.diagnostics);
            return 2;
        }
    };
    let result = match crate::decide(&set, &scenario, true) {
        Ok(result) => result,
        Err(failure) => {
            output.diagnostics(&failure.diagnostics);
            return 2;
        }
    };
    let printed = match args.format {
        ExplainFormat::Human => report::explanation_text(&result),
        ExplainFormat::Json => format!("{}\n", report::json_decision(&result)),
        ExplainFormat::Dot | ExplainFormat::Mermaid => {
            // `decide` succeeded, so the decision exists.
            let Some(decision) = set.decision(&result.decision) else {
                return 2;
            };
            let graph = Graph::of(&set, decision, &result);
            if args.format == ExplainFormat::Dot {
                graph.dot()
            } else {
                graph.mermaid()
            }
        }
    };
    let _ = std::io::stdout().lock().write_all(printed.as_bytes());
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_a_path_and_an_index() {
        assert_eq!(split_document("a/b.yaml#2").unwrap(), ("a/b.yaml", 2));
        assert_eq!(split_document("a/b.yaml").unwrap(), ("a/b.yaml", 0));
        assert!(split_document("a/b.yaml#two").is_err());
    }
}
