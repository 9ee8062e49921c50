//! What stands around every route: the request id, the bearer token
//! (compared in constant time; `/health` stays open so that probes need no
//! secret), the concurrency limit (503 when every slot is taken, rather than
//! a queue that grows), and the request metrics.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use subtle::ConstantTimeEq;

use super::errors::{failure, Problem};
use super::metrics::Metrics;
use super::Shared;

/// The request id a handler reads from the request's extensions.
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

const OPEN_ROUTES: [&str; 1] = ["/health"];

pub async fn guard(
    State(shared): State<Arc<Shared>>,
    mut request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let _in_flight = Metrics::enter(&shared);
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |path| path.as_str())
        .to_string();
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .filter(|value| !value.is_empty() && value.len() <= 128)
        .map_or_else(|| shared.request_id(), str::to_string);
    request.extensions_mut().insert(RequestId(id.clone()));
    let mut response = if !authorised(&shared, &request, &route) {
        let mut response = failure(
            StatusCode::UNAUTHORIZED,
            &[Problem::new(
                "eligo::serve::unauthorized",
                "this request carries no valid bearer token",
                Some("send `Authorization: Bearer <token>` with the service's token".into()),
            )],
        );
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        response
    } else {
        match shared.slots.clone().try_acquire_owned() {
            Ok(_permit) => next.run(request).await,
            Err(_) => failure(
                StatusCode::SERVICE_UNAVAILABLE,
                &[Problem::new(
                    "eligo::serve::saturated",
                    "the service is answering as many requests as it may at once",
                    Some("retry shortly, or add replicas".into()),
                )],
            ),
        }
    };
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert("x-request-id", value);
    }
    shared
        .metrics
        .request(&route, response.status().as_u16(), started.elapsed());
    tracing::debug!(request_id = %id, route, status = response.status().as_u16(), "answered");
    response
}

fn authorised(shared: &Shared, request: &Request, route: &str) -> bool {
    let Some(token) = &shared.config().token else {
        return true;
    };
    if OPEN_ROUTES.contains(&route) {
        return true;
    }
    let Some(given) = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.as_bytes().strip_prefix(b"Bearer "))
    else {
        return false;
    };
    given.ct_eq(token.as_bytes()).into()
}
