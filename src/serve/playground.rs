//! The web playground: one self-contained page (no CDN, no build step) and
//! the endpoint it calls. A pasted policy is checked in memory for that one
//! request and never written anywhere; the scenario is read exactly as
//! `eligo eval` reads a file, so its diagnostics carry lines and columns.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::errors::{self, Problem};
use super::Shared;
use crate::PolicySet;

const PAGE: &str = include_str!("playground.html");

/// Where a pasted policy is said to come from in its diagnostics.
const POLICY_NAME: &str = "playground.policy";
/// Where the scenario is said to come from.
const SCENARIO_NAME: &str = "scenario.yaml";

pub async fn page() -> Response {
    ([(header::CACHE_CONTROL, "no-store")], Html(PAGE)).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Try {
    /// A policy to use instead of the served set.
    #[serde(default)]
    policy: Option<String>,
    scenario: String,
}

#[derive(Serialize, Default)]
struct Tried {
    #[serde(skip_serializing_if = "Option::is_none")]
    policy_digest: Option<String>,
    policy_errors: Vec<Problem>,
    documents: Vec<serde_json::Value>,
}

pub async fn decide(
    State(shared): State<Arc<Shared>>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let tried: Try = match errors::read(body, shared.config().body_limit) {
        Ok(tried) => tried,
        Err(refused) => return refused.into_response(),
    };
    let served = shared.policies();
    let answer = tokio::task::spawn_blocking(move || run(&served, &tried)).await;
    match answer {
        Ok(tried) => errors::json(
            StatusCode::OK,
            serde_json::to_string(&tried).unwrap_or_default(),
        ),
        Err(_) => errors::failure(
            StatusCode::INTERNAL_SERVER_ERROR,
            &[Problem::new(
                "eligo::serve::playground_failed",
                "the playground could not decide this",
                None,
            )],
        ),
    }
}

fn run(served: &PolicySet, tried: &Try) -> Tried {
    let pasted;
    let policies = match &tried.policy {
        None => served,
        Some(text) => match crate::load_policy_files(&[(POLICY_NAME, text)]) {
            Ok(set) => {
                pasted = set;
                &pasted
            }
            Err(diagnostics) => {
                return Tried {
                    policy_errors: diagnostics.iter().map(Problem::file).collect(),
                    ..Tried::default()
                }
            }
        },
    };
    let documents = crate::scenario::load(policies, SCENARIO_NAME, &tried.scenario)
        .into_iter()
        .map(|loaded| {
            let decided = loaded
                .map_err(|error| error.diagnostics)
                .and_then(|scenario| {
                    crate::decide(policies, &scenario, true).map_err(|failure| failure.diagnostics)
                });
            match decided {
                Ok(result) => serde_json::json!({ "result": result }),
                Err(diagnostics) => {
                    let problems: Vec<Problem> = diagnostics.iter().map(Problem::file).collect();
                    serde_json::json!({ "errors": problems })
                }
            }
        })
        .collect();
    Tried {
        policy_digest: Some(policies.digest().to_string()),
        policy_errors: Vec::new(),
        documents,
    }
}
