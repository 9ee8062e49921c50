//! Metrics in the Prometheus text format: requests by route and status,
//! decisions by decision and outcome, request latency histograms by route,
//! reloads by result, and requests in flight. Latencies are counted in
//! whole microseconds and printed as seconds from integers, so no float is
//! involved; labels are kept in sorted maps so the output is stable.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

use super::Shared;

/// Bucket upper bounds in microseconds, and as Prometheus prints them.
const BUCKETS: [(u64, &str); 12] = [
    (100, "0.0001"),
    (250, "0.00025"),
    (500, "0.0005"),
    (1_000, "0.001"),
    (2_500, "0.0025"),
    (5_000, "0.005"),
    (10_000, "0.01"),
    (25_000, "0.025"),
    (50_000, "0.05"),
    (100_000, "0.1"),
    (1_000_000, "1"),
    (10_000_000, "10"),
];

#[derive(Clone, Default)]
struct Histogram {
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum_micros: u64,
}

#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    latency: Mutex<BTreeMap<String, Histogram>>,
    decisions: Mutex<BTreeMap<(String, String), u64>>,
    reloads: Mutex<BTreeMap<&'static str, u64>>,
    in_flight: AtomicI64,
}

fn bump<K: Ord>(map: &Mutex<BTreeMap<K, u64>>, key: K, by: u64) {
    let mut map = map.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    *map.entry(key).or_default() += by;
}

/// Counts a request as in flight until dropped.
pub struct InFlight(Arc<Shared>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.metrics.in_flight.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Metrics {
    pub fn enter(shared: &Arc<Shared>) -> InFlight {
        shared.metrics.in_flight.fetch_add(1, Ordering::Relaxed);
        InFlight(shared.clone())
    }

    pub fn request(&self, route: &str, status: u16, took: Duration) {
        bump(&self.requests, (route.to_string(), status), 1);
        let micros = u64::try_from(took.as_micros()).unwrap_or(u64::MAX);
        let mut latency = self
            .latency
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let histogram = match latency.get_mut(route) {
            Some(histogram) => histogram,
            None => latency.entry(route.to_string()).or_default(),
        };
        histogram.count += 1;
        histogram.sum_micros = histogram.sum_micros.saturating_add(micros);
        if let Some(first) = BUCKETS.iter().position(|(bound, _)| micros <= *bound) {
            histogram.buckets[first] += 1;
        }
    }

    pub fn decision(&self, decision: &str, outcome: &str) {
        bump(
            &self.decisions,
            (decision.to_string(), outcome.to_string()),
            1,
        );
    }

    pub fn reload(&self, ok: bool) {
        bump(&self.reloads, if ok { "ok" } else { "failed" }, 1);
    }

    pub fn text(&self) -> String {
        let mut out = String::new();
        out.push_str("# HELP eligo_http_requests_total HTTP requests answered, by route and status.\n# TYPE eligo_http_requests_total counter\n");
        for ((route, status), n) in self
            .requests
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
        {
            let _ = writeln!(
                out,
                "eligo_http_requests_total{{route=\"{}\",status=\"{status}\"}} {n}",
                escape(route)
            );
        }
        out.push_str("# HELP eligo_http_request_duration_seconds Time to answer a request, by route.\n# TYPE eligo_http_request_duration_seconds histogram\n");
        for (route, histogram) in self
            .latency
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
        {
            let route = escape(route);
            let mut cumulative = 0;
            for ((_, bound), n) in BUCKETS.iter().zip(histogram.buckets) {
                cumulative += n;
                let _ = writeln!(
                    out,
                    "eligo_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "eligo_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}\neligo_http_request_duration_seconds_sum{{route=\"{route}\"}} {}.{:06}\neligo_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                histogram.count,
                histogram.sum_micros / 1_000_000,
                histogram.sum_micros % 1_000_000,
                histogram.count
            );
        }
        out.push_str("# HELP eligo_decisions_total Decisions taken, by decision and outcome.\n# TYPE eligo_decisions_total counter\n");
        for ((decision, outcome), n) in self
            .decisions
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
        {
            let _ = writeln!(
                out,
                "eligo_decisions_total{{decision=\"{}\",outcome=\"{}\"}} {n}",
                escape(decision),
                escape(outcome)
            );
        }
        out.push_str("# HELP eligo_reloads_total Policy reloads, by result.\n# TYPE eligo_reloads_total counter\n");
        let reloads = self
            .reloads
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        for result in ["failed", "ok"] {
            let n = reloads.get(result).copied().unwrap_or(0);
            let _ = writeln!(out, "eligo_reloads_total{{result=\"{result}\"}} {n}");
        }
        let _ = writeln!(
            out,
            "# HELP eligo_http_requests_in_flight Requests being answered now.\n# TYPE eligo_http_requests_in_flight gauge\neligo_http_requests_in_flight {}",
            self.in_flight.load(Ordering::Relaxed)
        );
        out
    }
}

/// A label value as the text format quotes it.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// `GET /metrics`.
pub async fn render(State(shared): State<Arc<Shared>>) -> impl IntoResponse {
    let mut text = shared.metrics.text();
    let _ = writeln!(
        text,
        "# HELP eligo_policy_info The policy set now serving.\n# TYPE eligo_policy_info gauge\neligo_policy_info{{digest=\"{}\"}} 1",
        shared.policies().digest()
    );
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
}
