//! What every request shares: the policy set now serving (swapped whole on
//! reload), the configuration, the metrics and the decision log.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use tokio::sync::{Mutex, Semaphore};

use super::decision_log::DecisionLog;
use super::metrics::Metrics;
use super::ServeArgs;
use crate::api::IoError;
use crate::diagnostic::FileDiagnostic;
use crate::PolicySet;

/// The settings a running service keeps.
#[derive(Clone, Debug)]
pub struct Config {
    pub policies: PathBuf,
    pub watch: Option<std::time::Duration>,
    pub body_limit: usize,
    pub timeout_ms: u64,
    pub playground: bool,
    pub log_input: bool,
    pub token: Option<String>,
}

pub struct Shared {
    current: RwLock<Arc<PolicySet>>,
    config: Config,
    ready: AtomicBool,
    next_request: AtomicU64,
    /// Reloads run one at a time; requests never wait for them.
    pub(super) reloading: Mutex<()>,
    pub(super) slots: Arc<Semaphore>,
    pub(super) metrics: Metrics,
    log: Option<DecisionLog>,
}

impl Shared {
    /// Loads and checks the policies, reads the token, opens the log: what
    /// must hold before the service listens.
    pub fn start(args: &ServeArgs) -> Result<Shared, Vec<FileDiagnostic>> {
        let policies = crate::load_policies(&args.policies)?;
        let token = match &args.token_file {
            None => None,
            Some(path) => Some(read_token(path)?),
        };
        let log = match &args.decision_log {
            None => None,
            Some(path) => Some(DecisionLog::open(path).map_err(|error| {
                vec![IoError::diagnostic(
                    &path.display().to_string(),
                    error.to_string(),
                    Some("`--decision-log` takes a file to append to, or `-`".into()),
                )]
            })?),
        };
        let config = Config {
            policies: args.policies.clone(),
            watch: args
                .watch
                .then(|| std::time::Duration::from_millis(args.watch_interval_ms.max(10))),
            body_limit: args.body_limit,
            timeout_ms: args.timeout_ms,
            playground: !args.no_playground,
            log_input: args.log_input,
            token,
        };
        Ok(Shared::new(policies, config, args.max_concurrency, log))
    }

    pub fn new(
        policies: PolicySet,
        config: Config,
        max_concurrency: usize,
        log: Option<DecisionLog>,
    ) -> Shared {
        Shared {
            current: RwLock::new(Arc::new(policies)),
            config,
            ready: AtomicBool::new(true),
            next_request: AtomicU64::new(1),
            reloading: Mutex::new(()),
            slots: Arc::new(Semaphore::new(max_concurrency.max(1))),
            metrics: Metrics::default(),
            log,
        }
    }

    /// The policy set now serving. A request takes it once and decides
    /// everything with it, so a reload never splits a request.
    pub fn policies(&self) -> Arc<PolicySet> {
        match self.current.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub(super) fn swap(&self, policies: PolicySet) {
        let policies = Arc::new(policies);
        match self.current.write() {
            Ok(mut guard) => *guard = policies,
            Err(poisoned) => *poisoned.into_inner() = policies,
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn is_ready(&self) -> bool {
        self.ready.load(Ordering::Relaxed)
    }

    pub fn set_ready(&self, ready: bool) {
        self.ready.store(ready, Ordering::Relaxed);
    }

    /// A request id, unique within this process.
    pub(super) fn request_id(&self) -> String {
        format!("r{}", self.next_request.fetch_add(1, Ordering::Relaxed))
    }

    pub(super) fn log(&self) -> Option<&DecisionLog> {
        self.log.as_ref()
    }

    /// Writes out what the decision log still buffers and closes it.
    pub fn close_log(&self) {
        if let Some(log) = &self.log {
            log.close();
        }
    }
}

fn read_token(path: &std::path::Path) -> Result<String, Vec<FileDiagnostic>> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|error| vec![IoError::diagnostic(&shown, error.to_string(), None)])?;
    let token = text.trim();
    if token.is_empty() {
        return Err(vec![IoError::diagnostic(
            &shown,
            "the token file is empty".into(),
            Some("write the bearer token on the file's first line".into()),
        )]);
    }
    Ok(token.to_string())
}
