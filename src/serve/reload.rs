//! Hot reload: on SIGHUP, on `POST /v1/reload`, and (with `--watch`) when a
//! policy file changes. The new set is read and checked off to the side and
//! swapped in whole only if it checks; a bad edit is logged with its
//! diagnostics and the old set keeps serving. Requests never wait: each
//! holds the set it started with until it is answered.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::errors::{self, Problem};
use super::Shared;
use crate::diagnostic::{FileDiagnostic, RenderStyle};

/// What a reload did.
pub enum Reloaded {
    Swapped { digest: String, changed: bool },
    Refused(Vec<FileDiagnostic>),
}

/// Reads and checks the policy folder again; swaps the set in if it checks.
pub async fn reload(shared: &Arc<Shared>, cause: &str) -> Reloaded {
    let _one_at_a_time = shared.reloading.lock().await;
    let dir = shared.config().policies.clone();
    let checked = tokio::task::spawn_blocking(move || crate::load_policies(&dir)).await;
    let checked = match checked {
        Ok(checked) => checked,
        Err(error) => Err(vec![crate::api::IoError::diagnostic(
            &shared.config().policies.display().to_string(),
            error.to_string(),
            None,
        )]),
    };
    match checked {
        Ok(policies) => {
            let digest = policies.digest().to_string();
            let changed = digest != shared.policies().digest();
            shared.swap(policies);
            shared.metrics.reload(true);
            tracing::info!(cause, digest, changed, "policies reloaded");
            Reloaded::Swapped { digest, changed }
        }
        Err(diagnostics) => {
            shared.metrics.reload(false);
            let style = RenderStyle::plain();
            for diagnostic in &diagnostics {
                tracing::warn!(
                    cause,
                    "reload refused, the old policies keep serving:\n{}",
                    diagnostic.render(&style)
                );
            }
            Reloaded::Refused(diagnostics)
        }
    }
}

/// `POST /v1/reload`: 200 with the digest now serving, or 422 with the
/// diagnostics of the set that was refused.
pub async fn on_request(State(shared): State<Arc<Shared>>) -> Response {
    match reload(&shared, "request").await {
        Reloaded::Swapped { digest, changed } => errors::json(
            StatusCode::OK,
            serde_json::json!({"policy_digest": digest, "changed": changed}).to_string(),
        ),
        Reloaded::Refused(diagnostics) => {
            let problems: Vec<Problem> = diagnostics.iter().map(Problem::file).collect();
            errors::failure(StatusCode::UNPROCESSABLE_ENTITY, &problems)
        }
    }
}

/// Starts the SIGHUP listener and, with `--watch`, the file watcher.
pub fn spawn_triggers(shared: Arc<Shared>) {
    #[cfg(unix)]
    {
        let shared = shared.clone();
        tokio::spawn(async move {
            use tokio::signal::unix::{signal, SignalKind};
            let Ok(mut hangups) = signal(SignalKind::hangup()) else {
                tracing::warn!("cannot listen for SIGHUP; reload with POST /v1/reload");
                return;
            };
            while hangups.recv().await.is_some() {
                reload(&shared, "SIGHUP").await;
            }
        });
    }
    if let Some(interval) = shared.config().watch {
        tokio::spawn(watch(shared, interval));
    }
}

/// Polls the policy folder's files (path, size, modification time): a
/// portable watcher with no platform notification API, cheap at the size
/// of a policy library.
async fn watch(shared: Arc<Shared>, interval: Duration) {
    let dir = shared.config().policies.clone();
    let mut seen = fingerprint(&dir);
    loop {
        tokio::time::sleep(interval).await;
        let now = fingerprint(&dir);
        if now != seen {
            seen = now;
            reload(&shared, "file change").await;
        }
    }
}

fn fingerprint(dir: &Path) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "policy") {
                out.push((path, meta.len(), meta.modified().ok()));
            }
        }
    }
    out.sort();
    out
}
