//! Decisions for programs: one JSON object per line, or YAML documents.

use serde::Serialize;

use crate::api::DocumentFailure;
use crate::explain::DecisionResult;

/// The error object a document that could not be decided prints.
#[derive(Serialize)]
struct FailureJson<'a> {
    scenario: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    error: ErrorJson,
    /// Every problem found in the document, the first being `error`.
    errors: Vec<ErrorJson>,
}

#[derive(Serialize)]
struct ErrorJson {
    code: String,
    message: String,
    file: String,
    line: usize,
    column: usize,
}

fn failure_json(failure: &DocumentFailure) -> FailureJson<'_> {
    let errors: Vec<ErrorJson> = failure
        .diagnostics
        .iter()
        .map(|d| {
            let json = d.to_json();
            ErrorJson {
                code: json.code,
                message: json.message,
                file: json.file,
                line: json.line,
                column: json.column,
            }
        })
        .collect();
    let first = errors.first().map_or_else(
        || ErrorJson {
            code: "eligo::input::unknown".into(),
            message: "the document could not be evaluated".into(),
            file: failure.scenario.clone(),
            line: failure.line,
            column: 1,
        },
        |e| ErrorJson {
            code: e.code.clone(),
            message: e.message.clone(),
            file: e.file.clone(),
            line: e.line,
            column: e.column,
        },
    );
    FailureJson {
        scenario: &failure.scenario,
        name: failure.name.as_deref(),
        error: first,
        errors,
    }
}

pub fn json_decision(result: &DecisionResult) -> String {
    serde_json::to_string(result).unwrap_or_default()
}

pub fn json_failure(failure: &DocumentFailure) -> String {
    serde_json::to_string(&failure_json(failure)).unwrap_or_default()
}

pub fn yaml_decision(result: &DecisionResult) -> String {
    format!("---\n{}", serde_yaml::to_string(result).unwrap_or_default())
}

pub fn yaml_failure(failure: &DocumentFailure) -> String {
    format!(
        "---\n{}",
        serde_yaml::to_string(&failure_json(failure)).unwrap_or_default()
    )
}
