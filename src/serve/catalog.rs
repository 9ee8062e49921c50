//! What the service says about itself: liveness, readiness, the OpenAPI
//! document, the decisions it answers (with their input schemas and rules)
//! and the policy set it serves (digest and files).

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::errors::{self, Problem};
use super::schema::{example, json_schema};
use super::Shared;

const OPENAPI: &str = include_str!("openapi.json");

/// `GET /health`: the process answers.
pub async fn health() -> Response {
    errors::json(StatusCode::OK, "{\"status\":\"live\"}".into())
}

/// `GET /ready`: a checked policy set is loaded and the service is not
/// shutting down.
pub async fn ready(State(shared): State<Arc<Shared>>) -> Response {
    if shared.is_ready() {
        let body = serde_json::json!({
            "status": "ready",
            "policy_digest": shared.policies().digest(),
        });
        errors::json(StatusCode::OK, body.to_string())
    } else {
        errors::failure(
            StatusCode::SERVICE_UNAVAILABLE,
            &[Problem::new(
                "eligo::serve::not_ready",
                "the service is shutting down",
                None,
            )],
        )
    }
}

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

#[derive(Serialize)]
struct DecisionEntry<'a> {
    name: &'a str,
    title: &'a str,
    outcomes: Vec<&'a str>,
    uses_now: bool,
    rules: Vec<RuleEntry<'a>>,
    input_schema: serde_json::Value,
    example_input: serde_json::Value,
}

#[derive(Serialize)]
struct RuleEntry<'a> {
    id: &'a str,
    title: &'a str,
}

/// `GET /v1/decisions`, sorted by name.
pub async fn decisions(State(shared): State<Arc<Shared>>) -> Response {
    let policies = shared.policies();
    let mut names: Vec<&str> = policies.decision_names().collect();
    names.sort_unstable();
    let entries: Vec<DecisionEntry<'_>> = names
        .iter()
        .filter_map(|name| policies.decision(name))
        .map(|decision| DecisionEntry {
            name: &decision.name,
            title: &decision.title,
            outcomes: decision.outcomes.names().collect(),
            uses_now: decision.uses_now,
            rules: decision
                .rules
                .iter()
                .filter_map(|rule| policies.rules().get(rule.info))
                .map(|info| RuleEntry {
                    id: &info.id,
                    title: &info.title,
                })
                .collect(),
            input_schema: json_schema(&decision.input),
            example_input: example(&decision.input),
        })
        .collect();
    let body = serde_json::json!({
        "policy_digest": policies.digest(),
        "decisions": entries,
    });
    errors::json(StatusCode::OK, body.to_string())
}

#[derive(Serialize)]
struct FileEntry<'a> {
    path: &'a str,
    bytes: usize,
    sha256: String,
}

/// `GET /v1/policies`: the digest and each file, in path order.
pub async fn policies(State(shared): State<Arc<Shared>>) -> Response {
    let policies = shared.policies();
    let files: Vec<FileEntry<'_>> = policies
        .files()
        .iter()
        .map(|file| FileEntry {
            path: &file.path,
            bytes: file.text.len(),
            sha256: hex(&Sha256::digest(file.text.as_bytes())),
        })
        .collect();
    let body = serde_json::json!({
        "policy_digest": policies.digest(),
        "directory": shared.config().policies.display().to_string(),
        "files": files,
    });
    errors::json(StatusCode::OK, body.to_string())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
