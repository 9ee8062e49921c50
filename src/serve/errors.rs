//! The service's error answers. Each is a JSON object shaped like the one
//! `eligo eval --format json` prints for a document it cannot decide:
//! `error` (the first problem) and `errors` (all of them), each with a
//! stable `code`, a `message`, and where known a JSON `pointer` into the
//! request body and a `help`.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::diagnostic::FileDiagnostic;
use crate::scenario::InputProblem;
use crate::UnknownDecision;

/// One problem, as every error answer lists it.
#[derive(Clone, Debug, Serialize)]
pub struct Problem {
    pub code: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Problem {
    pub fn new(code: &str, message: impl Into<String>, help: Option<String>) -> Problem {
        Problem {
            code: code.to_string(),
            message: message.into(),
            pointer: None,
            file: None,
            line: None,
            column: None,
            help,
        }
    }

    /// An input problem, its pointer taken under `prefix` in the body.
    pub fn input(problem: &InputProblem, prefix: &str) -> Problem {
        Problem {
            pointer: Some(format!("{prefix}{}", problem.pointer)),
            line: problem.line,
            column: problem.column,
            ..Problem::new(&problem.code, problem.message.clone(), problem.help.clone())
        }
    }

    pub fn unknown_decision(unknown: &UnknownDecision) -> Problem {
        Problem::new(
            "eligo::input::unknown_decision",
            unknown.to_string(),
            unknown.help.clone(),
        )
    }

    /// A diagnostic about a file: a policy, or a playground scenario.
    pub fn file(diagnostic: &FileDiagnostic) -> Problem {
        let json = diagnostic.to_json();
        Problem {
            file: Some(json.file),
            line: Some(json.line),
            column: Some(json.column),
            ..Problem::new(&json.code, json.message, json.help)
        }
    }

    /// A body that is not the JSON the route takes.
    pub fn bad_json(error: &serde_json::Error) -> Problem {
        Problem {
            line: Some(error.line()),
            column: Some(error.column()),
            ..Problem::new(
                "eligo::serve::bad_json",
                format!("the request body is not valid: {error}"),
                Some(
                    "send a JSON object such as `{\"input\": {…}, \"as_of\": \"2026-05-01T09:00:00Z\", \"explain\": false}`"
                        .into(),
                ),
            )
        }
    }
}

/// The error object for a list of problems.
#[derive(Serialize)]
pub struct Failure<'a> {
    pub error: &'a Problem,
    pub errors: &'a [Problem],
}

pub fn json(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

pub fn failure_text(problems: &[Problem]) -> String {
    let fallback = Problem::new("eligo::serve::unknown", "the request failed", None);
    let failure = Failure {
        error: problems.first().unwrap_or(&fallback),
        errors: problems,
    };
    serde_json::to_string(&failure).unwrap_or_default()
}

pub fn failure(status: StatusCode, problems: &[Problem]) -> Response {
    json(status, failure_text(problems))
}

/// An error answer not yet turned into a response.
pub struct Refused {
    pub status: StatusCode,
    pub problems: Vec<Problem>,
}

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        failure(self.status, &self.problems)
    }
}

/// The body's bytes, or 413 for a body over the limit.
pub fn bytes(bytes: Result<Bytes, BytesRejection>, limit: usize) -> Result<Bytes, Refused> {
    bytes.map_err(|rejection| {
        let status = rejection.status();
        let problem = if status == StatusCode::PAYLOAD_TOO_LARGE {
            Problem::new(
                "eligo::serve::body_too_large",
                format!("the request body is larger than {limit} bytes"),
                Some("send fewer inputs per request, or start the service with a larger `--body-limit`".into()),
            )
        } else {
            Problem::new("eligo::serve::bad_body", rejection.body_text(), None)
        };
        Refused {
            status,
            problems: vec![problem],
        }
    })
}

/// Reads a JSON body into `T` (which may borrow from it), or 400.
pub fn parse<'a, T: serde::Deserialize<'a>>(bytes: &'a [u8]) -> Result<(&'a str, T), Refused> {
    let bad = |error: &serde_json::Error| Refused {
        status: StatusCode::BAD_REQUEST,
        problems: vec![Problem::bad_json(error)],
    };
    let text = std::str::from_utf8(bytes).map_err(|_| {
        let error = serde_json::from_slice::<serde::de::IgnoredAny>(bytes)
            .err()
            .unwrap_or_else(|| serde::de::Error::custom("the body is not UTF-8"));
        bad(&error)
    })?;
    let value = serde_json::from_str(text).map_err(|error| bad(&error))?;
    Ok((text, value))
}

/// Reads a JSON body into `T`: 413 or 400 when it cannot.
pub fn read<T: serde::de::DeserializeOwned>(
    bytes: Result<Bytes, BytesRejection>,
    limit: usize,
) -> Result<T, Refused> {
    let bytes = self::bytes(bytes, limit)?;
    parse(&bytes).map(|(_, value)| value)
}

/// Any route that does not exist.
pub async fn not_found(uri: Uri) -> Response {
    failure(
        StatusCode::NOT_FOUND,
        &[Problem::new(
            "eligo::serve::not_found",
            format!("no route `{}`", uri.path()),
            Some("the routes are listed in `/v1/openapi.json`".into()),
        )],
    )
}
