//! `POST /v1/decisions/{decision}` and `POST /v1/batch`: JSON input checked
//! against the decision's schema, decided by the policy set serving when the
//! request arrived, answered with the record `eligo eval --format json`
//! prints (its `scenario` is the request id, with `#index` in a batch).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use rayon::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::decision_log::LogLine;
use super::errors::{self, Problem, Refused};
use super::guard::RequestId;
use super::Shared;
use crate::scenario::json::parse_as_of;
use crate::scenario::InputProblem;
use crate::{DecideError, DecisionResult, PolicySet};

/// The body of a single decision request. The input stays JSON text, a
/// slice of the body, so that its numbers keep their digits and its
/// diagnostics their lines.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Ask<'a> {
    #[serde(borrow)]
    input: &'a RawValue,
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    explain: bool,
}

/// One item of a batch: an `Ask` that names its decision.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchItem<'a> {
    decision: String,
    #[serde(borrow)]
    input: &'a RawValue,
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    explain: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Batch<'a> {
    #[serde(borrow)]
    inputs: Vec<BatchItem<'a>>,
}

/// Where `part`, a slice of `body`, sits in it.
fn range_in(body: &str, part: &str) -> std::ops::Range<usize> {
    let start = (part.as_ptr() as usize).saturating_sub(body.as_ptr() as usize);
    start..start + part.len()
}

/// Decides one ask; `prefix` is where its fields sit in the body.
fn answer(
    shared: &Shared,
    policies: &PolicySet,
    decision: &str,
    body: &str,
    ask: &Ask<'_>,
    scenario: String,
    prefix: &str,
) -> Result<DecisionResult, Refused> {
    let refuse = |status, problems| Refused { status, problems };
    let prepared = policies.prepare(decision).map_err(|unknown| {
        refuse(
            StatusCode::NOT_FOUND,
            vec![Problem::unknown_decision(&unknown)],
        )
    })?;
    let mut problems = Vec::new();
    let as_of = match ask.as_of.as_deref().map(parse_as_of) {
        Some(Err(problem)) => {
            problems.push(Problem::input(&problem, prefix));
            None
        }
        Some(Ok(instant)) => Some(instant),
        None => None,
    };
    if prepared.uses_now() && ask.as_of.is_none() {
        let missing = InputProblem::missing_as_of(prepared.name());
        problems.push(Problem::input(&missing, &format!("{prefix}/as_of")));
    }
    let input = match prepared.input_within(body, range_in(body, ask.input.get())) {
        Ok(input) => Some(input),
        Err(found) => {
            let under = format!("{prefix}/input");
            problems.extend(found.iter().map(|problem| Problem::input(problem, &under)));
            None
        }
    };
    let (Some(input), true) = (input, problems.is_empty()) else {
        return Err(refuse(StatusCode::BAD_REQUEST, problems));
    };
    let input = match as_of {
        Some(instant) => input.at(instant),
        None => input,
    };
    let mut result = prepared
        .decide(&input, ask.explain)
        .map_err(|error| match error {
            DecideError::Input(found) => refuse(
                StatusCode::BAD_REQUEST,
                found.iter().map(|p| Problem::input(p, prefix)).collect(),
            ),
            DecideError::Runtime(diagnostic) => refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                vec![Problem::file(&diagnostic)],
            ),
        })?;
    result.scenario = scenario;
    shared.metrics.decision(&result.decision, &result.outcome);
    if let Some(log) = shared.log() {
        let log_input = shared.config().log_input;
        log.record(&LogLine {
            time: now(),
            request_id: &result.scenario,
            decision: &result.decision,
            policy_digest: &result.policy_digest,
            outcome: &result.outcome,
            failed: &result.failed,
            input: log_input.then(|| one_line(ask.input)).as_deref(),
        });
    }
    Ok(result)
}

/// The input as written, on one line: JSON strings hold no raw line
/// breaks, so every one is whitespace between tokens.
fn one_line(input: &RawValue) -> Box<RawValue> {
    let text = input.get().replace(['\n', '\r'], " ");
    RawValue::from_string(text).unwrap_or_else(|_| input.to_owned())
}

/// The wall clock, for the decision log only (decisions use `as_of`).
fn now() -> String {
    chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

pub async fn one(
    State(shared): State<Arc<Shared>>,
    Extension(RequestId(id)): Extension<RequestId>,
    Path(decision): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let bytes = match errors::bytes(body, shared.config().body_limit) {
        Ok(bytes) => bytes,
        Err(refused) => return refused.into_response(),
    };
    let (text, ask): (&str, Ask<'_>) = match errors::parse(&bytes) {
        Ok(parsed) => parsed,
        Err(refused) => return refused.into_response(),
    };
    let policies = shared.policies();
    match answer(&shared, &policies, &decision, text, &ask, id, "") {
        Ok(result) => errors::json(StatusCode::OK, crate::report::json_decision(&result)),
        Err(refused) => refused.into_response(),
    }
}

pub async fn batch(
    State(shared): State<Arc<Shared>>,
    Extension(RequestId(id)): Extension<RequestId>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let bytes = match errors::bytes(body, shared.config().body_limit) {
        Ok(bytes) => bytes,
        Err(refused) => return refused.into_response(),
    };
    let policies = shared.policies();
    let worker = shared.clone();
    // Many inputs are decided on the rayon pool, off the async workers.
    let decided = tokio::task::spawn_blocking(move || {
        let (text, batch): (&str, Batch<'_>) = errors::parse(&bytes)?;
        let records = batch
            .inputs
            .into_par_iter()
            .enumerate()
            .map(|(index, item)| {
                let ask = Ask {
                    input: item.input,
                    as_of: item.as_of,
                    explain: item.explain,
                };
                let prefix = format!("/inputs/{index}");
                let scenario = format!("{id}#{index}");
                match answer(
                    &worker,
                    &policies,
                    &item.decision,
                    text,
                    &ask,
                    scenario,
                    &prefix,
                ) {
                    Ok(result) => crate::report::json_decision(&result),
                    Err(refused) => errors::failure_text(&refused.problems),
                }
            })
            .collect::<Vec<String>>();
        Ok::<_, Refused>(records)
    })
    .await;
    match decided {
        Ok(Ok(records)) => {
            let mut body = String::from("{\"results\":[");
            for (index, record) in records.iter().enumerate() {
                if index > 0 {
                    body.push(',');
                }
                body.push_str(record);
            }
            body.push_str("]}");
            errors::json(StatusCode::OK, body)
        }
        Ok(Err(refused)) => refused.into_response(),
        Err(_) => errors::failure(
            StatusCode::INTERNAL_SERVER_ERROR,
            &[Problem::new(
                "eligo::serve::batch_failed",
                "the batch could not be decided",
                None,
            )],
        ),
    }
}
