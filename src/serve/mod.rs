//! `eligo serve`: the decision service. It owns the HTTP side only (routes,
//! limits, authentication, metrics, decision log, hot reload, playground)
//! and decides through the library's public API, so the engine knows
//! nothing of HTTP.

mod catalog;
mod decide;
mod decision_log;
mod errors;
mod guard;
mod metrics;
mod playground;
mod reload;
mod schema;
mod state;

pub use state::Shared;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use clap::{ArgAction, Args};
use tower_http::timeout::TimeoutLayer;

use crate::cli::Output;

/// The flags of `eligo serve`.
#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// The folder holding the `.policy` files.
    #[arg(long, default_value = "policies")]
    pub policies: PathBuf,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8181")]
    pub addr: SocketAddr,
    /// Reload when a policy file changes (checked every `--watch-interval-ms`).
    #[arg(long)]
    pub watch: bool,
    #[arg(long, default_value_t = 1000, hide = true)]
    pub watch_interval_ms: u64,
    /// One JSON line per decision to FILE (`-` for stdout).
    #[arg(long, value_name = "FILE")]
    pub decision_log: Option<PathBuf>,
    /// Whether decision log lines carry the input.
    #[arg(long, action = ArgAction::Set, default_value_t = true, value_name = "BOOL")]
    pub log_input: bool,
    /// Largest request body accepted, in bytes.
    #[arg(long, default_value_t = 1024 * 1024, value_name = "BYTES")]
    pub body_limit: usize,
    /// Longest a request may take before it is answered 408.
    #[arg(long, default_value_t = 10_000, value_name = "MS")]
    pub timeout_ms: u64,
    /// Most requests handled at once; more are answered 503.
    #[arg(long, default_value_t = 1024)]
    pub max_concurrency: usize,
    /// A file holding the bearer token every request but `/health` must carry.
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Serve no playground at `/`.
    #[arg(long)]
    pub no_playground: bool,
    /// Threads deciding requests (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,
}

const STACK_BYTES: usize = 64 * 1024 * 1024;

/// Runs the service until SIGTERM or SIGINT; the result is the exit code.
pub fn run(args: &ServeArgs, output: &Output) -> i32 {
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(output.render.colour)
        .with_target(false)
        .try_init();
    let shared = match Shared::start(args) {
        Ok(shared) => Arc::new(shared),
        Err(failure) => {
            output.diagnostics(&failure);
            return 2;
        }
    };
    let mut runtime = tokio::runtime::Builder::new_multi_thread();
    // Checking and deciding recurse as deep as their limits allow, which
    // needs more than a default thread stack in unoptimised builds.
    runtime.thread_stack_size(STACK_BYTES);
    if let Some(threads) = args.threads {
        runtime.worker_threads(threads.max(1));
    }
    let runtime = match runtime.enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            tracing::error!(%error, "cannot start the runtime");
            return 2;
        }
    };
    runtime.block_on(async {
        let listener = match tokio::net::TcpListener::bind(args.addr).await {
            Ok(listener) => listener,
            Err(error) => {
                tracing::error!(addr = %args.addr, %error, "cannot listen");
                return 2;
            }
        };
        serve(shared, listener, shutdown_signal()).await
    })
}

/// Serves on `listener` until `shutdown` completes, then finishes the
/// requests in flight and flushes the decision log.
pub async fn serve(
    shared: Arc<Shared>,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> i32 {
    if let Ok(addr) = listener.local_addr() {
        tracing::info!(
            digest = shared.policies().digest(),
            "listening on http://{addr}"
        );
    }
    reload::spawn_triggers(shared.clone());
    let app = router(shared.clone());
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await;
    shared.set_ready(false);
    shared.close_log();
    match served {
        Ok(()) => {
            tracing::info!("eligo serve stopped");
            0
        }
        Err(error) => {
            tracing::error!(%error, "the server failed");
            2
        }
    }
}

/// Every route, with the limits and guards around them.
pub fn router(shared: Arc<Shared>) -> Router {
    let config = shared.config();
    let mut app = Router::new()
        .route("/health", get(catalog::health))
        .route("/ready", get(catalog::ready))
        .route("/metrics", get(metrics::render))
        .route("/v1/openapi.json", get(catalog::openapi))
        .route("/v1/decisions", get(catalog::decisions))
        .route("/v1/policies", get(catalog::policies))
        .route("/v1/decisions/{decision}", post(decide::one))
        .route("/v1/batch", post(decide::batch))
        .route("/v1/reload", post(reload::on_request));
    if config.playground {
        app = app
            .route("/", get(playground::page))
            .route("/v1/playground/decide", post(playground::decide));
    }
    app.fallback(errors::not_found)
        .layer(DefaultBodyLimit::max(config.body_limit))
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            guard::guard,
        ))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_millis(config.timeout_ms),
        ))
        .with_state(shared)
}

/// Completes on SIGTERM or SIGINT.
async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {}
        _ = terminate => {}
    }
    tracing::info!("shutting down: finishing requests in flight");
}
