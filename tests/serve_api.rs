//! `eligo serve` over real HTTP on a loopback port: every endpoint, and
//! what it answers to bad JSON, oversize bodies, a wrong token and an
//! unknown decision.

mod serve_support;

use std::process::Command;

use serve_support::{ask_from_scenario, temp_dir, Server};

const VMSR: &str = r#"{"input": {"line": {"schedule": "monthly", "unit_price": "41.25 USD", "quantity": 4,
  "term_months": 36, "plan_pricing_model": "per_vcpu", "vcpu_size": 8, "market_price_overrides": []}}}"#;

/// An explanation with the scenario-file positions taken out: JSON input has
/// no lines and columns.
fn without_positions(mut value: serde_json::Value) -> serde_json::Value {
    match &mut value {
        serde_json::Value::Object(map) => {
            map.remove("line");
            map.remove("column");
            for (_, v) in map.iter_mut() {
                *v = without_positions(v.take());
            }
        }
        serde_json::Value::Array(items) => {
            for v in items.iter_mut() {
                *v = without_positions(v.take());
            }
        }
        _ => {}
    }
    value
}

#[test]
fn a_decision_answers_the_record_eval_prints() {
    let server = Server::start(&[]);
    let file = "tests/scenarios/csp/mpo/create.yaml";
    let eval = Command::new(env!("CARGO_BIN_EXE_eligo"))
        .args(["eval", "--format", "json", file])
        .output()
        .expect("eval runs");
    let records: Vec<serde_json::Value> = String::from_utf8_lossy(&eval.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("JSON line"))
        .collect();
    assert!(records.len() > 3);
    for (index, expected) in records.iter().enumerate() {
        let (decision, ask) = ask_from_scenario(file, index, true);
        let answer = server.post(&format!("/v1/decisions/{decision}"), &ask);
        assert_eq!(answer.status, 200, "{}", answer.body);
        let got = answer.json();
        for field in ["decision", "outcome", "failed", "values", "policy_digest"] {
            assert_eq!(got[field], expected[field], "document {index}, `{field}`");
        }
        assert_eq!(
            without_positions(got["explanation"].clone()),
            without_positions(expected["explanation"].clone()),
            "document {index}"
        );
        let id = answer.headers["x-request-id"].to_str().expect("id");
        assert_eq!(got["scenario"], id);
    }
}

#[test]
fn without_explain_the_record_has_outcome_and_values_only() {
    let server = Server::start(&[]);
    let answer = server.post("/v1/decisions/mpo.vmsr_line", VMSR);
    assert_eq!(answer.status, 200, "{}", answer.body);
    let record = answer.json();
    assert_eq!(record["outcome"], "allow");
    assert_eq!(record["values"]["subtotal"], "5940.00 USD");
    assert_eq!(record["explanation"], serde_json::json!([]));
    assert!(record["policy_digest"]
        .as_str()
        .is_some_and(|d| d.starts_with("sha256:")));
}

#[test]
fn a_bad_input_gets_every_diagnostic_with_a_pointer() {
    let server = Server::start(&[]);
    let body = r#"{"input": {"line": {"schedule": "weekly", "unit_price": "41.25", "quantity": 4,
      "term_month": 36, "plan_pricing_model": "per_vcpu", "market_price_overrides": []}}}"#;
    let answer = server.post("/v1/decisions/mpo.vmsr_line", body);
    assert_eq!(answer.status, 400, "{}", answer.body);
    let errors = answer.json()["errors"].clone();
    let found: Vec<(String, String)> = errors
        .as_array()
        .expect("a list")
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap_or("").to_string(),
                e["pointer"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert!(found.contains(&(
        "eligo::input::unknown_symbol".into(),
        "/input/line/schedule".into()
    )));
    assert!(found.contains(&(
        "eligo::input::bad_value".into(),
        "/input/line/unit_price".into()
    )));
    assert!(found.contains(&(
        "eligo::input::unknown_field".into(),
        "/input/line/term_month".into()
    )));
    let unknown = errors
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|e| e["code"] == "eligo::input::unknown_field")
        })
        .expect("the misspelt field");
    assert_eq!(unknown["help"], "did you mean `term_months`?");
    assert_eq!(answer.json()["error"], errors[0]);
}

#[test]
fn a_time_dependent_decision_needs_as_of() {
    let server = Server::start(&[]);
    let (decision, ask) = ask_from_scenario("tests/scenarios/csp/mpo/accept.yaml", 0, false);
    let mut ask: serde_json::Value = serde_json::from_str(&ask).expect("JSON");
    ask.as_object_mut().expect("object").remove("as_of");
    let answer = server.post(&format!("/v1/decisions/{decision}"), &ask.to_string());
    assert_eq!(answer.status, 400, "{}", answer.body);
    assert_eq!(
        answer.json()["error"]["code"],
        "eligo::input::missing_as_of"
    );
    assert_eq!(answer.json()["error"]["pointer"], "/as_of");
    ask["as_of"] = serde_json::json!("tomorrow");
    let answer = server.post(&format!("/v1/decisions/{decision}"), &ask.to_string());
    assert_eq!(answer.json()["error"]["code"], "eligo::input::bad_value");
}

#[test]
fn an_unknown_decision_is_404_with_a_suggestion() {
    let server = Server::start(&[]);
    let answer = server.post("/v1/decisions/mpo.vmsr_lin", VMSR);
    assert_eq!(answer.status, 404);
    let error = &answer.json()["error"];
    assert_eq!(error["code"], "eligo::input::unknown_decision");
    assert_eq!(error["help"], "did you mean `mpo.vmsr_line`?");
}

#[test]
fn bad_json_and_unknown_request_fields_are_400_with_the_place() {
    let server = Server::start(&[]);
    let answer = server.post(
        "/v1/decisions/mpo.vmsr_line",
        "{\"input\": {\n  \"line\": [1,}",
    );
    assert_eq!(answer.status, 400);
    let error = &answer.json()["error"];
    assert_eq!(error["code"], "eligo::serve::bad_json");
    assert_eq!(error["line"], 2);
    let answer = server.post(
        "/v1/decisions/mpo.vmsr_line",
        r#"{"input": {}, "explian": true}"#,
    );
    assert_eq!(answer.status, 400);
    assert!(answer.json()["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("explian")));
}

#[test]
fn an_oversize_body_is_413() {
    let server = Server::start(&["--body-limit", "1000"]);
    let padding = "x".repeat(2000);
    let body = format!(r#"{{"input": {{"line": "{padding}"}}}}"#);
    let answer = server.post("/v1/decisions/mpo.vmsr_line", &body);
    assert_eq!(answer.status, 413, "{}", answer.body);
    assert_eq!(
        answer.json()["error"]["code"],
        "eligo::serve::body_too_large"
    );
    assert_eq!(server.post("/v1/decisions/mpo.vmsr_line", VMSR).status, 200);
}

#[test]
fn a_batch_answers_in_order_each_on_its_own() {
    let server = Server::start(&[]);
    let line = serde_json::from_str::<serde_json::Value>(VMSR).expect("JSON")["input"].clone();
    let mut inputs = Vec::new();
    for quantity in 1..=40 {
        let mut input = line.clone();
        input["line"]["quantity"] = serde_json::json!(quantity);
        inputs.push(serde_json::json!({"decision": "mpo.vmsr_line", "input": input}));
    }
    inputs.push(serde_json::json!({"decision": "nope", "input": {}}));
    inputs.push(serde_json::json!({"decision": "mpo.vmsr_line", "input": {"line": 3}}));
    let answer = server.post(
        "/v1/batch",
        &serde_json::json!({ "inputs": inputs }).to_string(),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let results = answer.json()["results"].clone();
    let results = results.as_array().expect("a list");
    assert_eq!(results.len(), 42);
    for (index, result) in results.iter().take(40).enumerate() {
        let expected = format!("{}.00 USD", 1485 * (index + 1));
        assert_eq!(result["values"]["subtotal"], expected.as_str());
        assert!(result["scenario"]
            .as_str()
            .is_some_and(|s| s.ends_with(&format!("#{index}"))));
    }
    assert_eq!(
        results[40]["error"]["code"],
        "eligo::input::unknown_decision"
    );
    assert_eq!(results[41]["error"]["pointer"], "/inputs/41/input/line");
}

#[test]
fn the_catalogue_lists_decisions_schemas_and_policy_files() {
    let server = Server::start(&[]);
    let decisions = server.get("/v1/decisions").json();
    let list = decisions["decisions"].as_array().expect("a list");
    let vmsr = list
        .iter()
        .find(|d| d["name"] == "mpo.vmsr_line")
        .expect("listed");
    let schema = &vmsr["input_schema"]["properties"]["line"];
    assert_eq!(schema["additionalProperties"], false);
    assert_eq!(
        schema["properties"]["schedule"]["enum"],
        serde_json::json!(["upfront", "monthly", "flexible"])
    );
    assert!(vmsr["rules"]
        .as_array()
        .is_some_and(|r| r.iter().any(|rule| rule["id"] == "MPO-054")));
    let names: Vec<&str> = list.iter().filter_map(|d| d["name"].as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted);
    // Every example input fits its own decision.
    for entry in list {
        let name = entry["name"].as_str().unwrap_or("");
        let mut ask = serde_json::json!({"input": entry["example_input"]});
        if entry["uses_now"] == true {
            ask["as_of"] = serde_json::json!("2026-05-01T00:00:00Z");
        }
        let answer = server.post(&format!("/v1/decisions/{name}"), &ask.to_string());
        assert_ne!(answer.status, 400, "{name}: {}", answer.body);
    }
    let policies = server.get("/v1/policies").json();
    assert_eq!(policies["policy_digest"], decisions["policy_digest"]);
    let files = policies["files"].as_array().expect("files");
    assert!(files
        .iter()
        .any(|f| f["path"] == "policies/csp/mpo/vmsr.policy"
            || f["path"].as_str().is_some_and(|p| p.ends_with(".policy"))));
    assert!(files
        .iter()
        .all(|f| f["sha256"].as_str().is_some_and(|h| h.len() == 64)));
}

#[test]
fn health_ready_openapi_and_metrics_answer() {
    let server = Server::start(&[]);
    assert_eq!(server.get("/health").status, 200);
    let ready = server.get("/ready");
    assert_eq!(ready.status, 200);
    assert_eq!(ready.json()["status"], "ready");
    let openapi = server.get("/v1/openapi.json").json();
    assert_eq!(openapi["openapi"], "3.1.0");
    assert!(openapi["paths"]["/v1/decisions/{decision}"]["post"].is_object());
    assert_eq!(server.post("/v1/decisions/mpo.vmsr_line", VMSR).status, 200);
    assert_eq!(server.get("/no/such/route").status, 404);
    let metrics = server.get("/metrics");
    assert_eq!(metrics.status, 200);
    for expected in [
        "eligo_decisions_total{decision=\"mpo.vmsr_line\",outcome=\"allow\"} 1",
        "eligo_http_requests_total{route=\"/v1/decisions/{decision}\",status=\"200\"} 1",
        "eligo_http_request_duration_seconds_count{route=\"/v1/decisions/{decision}\"} 1",
        "eligo_http_requests_total{route=\"unmatched\",status=\"404\"} 1",
        "eligo_reloads_total{result=\"ok\"} 0",
        "eligo_http_requests_in_flight 1",
    ] {
        assert!(
            metrics.body.contains(expected),
            "{expected}\n{}",
            metrics.body
        );
    }
}

#[test]
fn with_a_token_only_health_is_open() {
    let dir = temp_dir("token");
    let token_file = dir.join("token");
    std::fs::write(&token_file, "s3cret-token\n").expect("writes");
    let server = Server::start(&["--token-file", token_file.to_str().expect("path")]);
    assert_eq!(server.get("/health").status, 200);
    let refused = server.post("/v1/decisions/mpo.vmsr_line", VMSR);
    assert_eq!(refused.status, 401);
    assert_eq!(refused.headers["www-authenticate"], "Bearer");
    assert_eq!(
        refused.json()["error"]["code"],
        "eligo::serve::unauthorized"
    );
    let wrong = server.send(
        "POST",
        "/v1/decisions/mpo.vmsr_line",
        &[("authorization", "Bearer s3cret-tokem")],
        VMSR,
    );
    assert_eq!(wrong.status, 401);
    assert_eq!(server.get("/metrics").status, 401);
    let right = server.send(
        "POST",
        "/v1/decisions/mpo.vmsr_line",
        &[("authorization", "Bearer s3cret-token")],
        VMSR,
    );
    assert_eq!(right.status, 200, "{}", right.body);
}

#[test]
fn policies_that_do_not_check_stop_the_start_with_exit_2() {
    let dir = temp_dir("broken-start");
    std::fs::write(
        dir.join("bad.policy"),
        "module broken\n\nrule X-1 \"x\"\n  require nope\n",
    )
    .expect("writes");
    let output = Command::new(env!("CARGO_BIN_EXE_eligo"))
        .args(["serve", "--addr", "127.0.0.1:0", "--policies"])
        .arg(&dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("eligo::check::"));
}

#[test]
fn the_decision_log_has_one_line_per_decision_and_is_flushed_on_sigterm() {
    let dir = temp_dir("decision-log");
    let log = dir.join("decisions.jsonl");
    let server = Server::start(&["--decision-log", log.to_str().expect("path")]);
    for _ in 0..5 {
        assert_eq!(server.post("/v1/decisions/mpo.vmsr_line", VMSR).status, 200);
    }
    server.post("/v1/decisions/mpo.vmsr_line", "{\"input\": {}}");
    server.signal("TERM");
    let (code, _) = server.wait(std::time::Duration::from_secs(20));
    assert_eq!(code, Some(0));
    let text = std::fs::read_to_string(&log).expect("the log exists");
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 5, "{text}");
    for line in &lines {
        assert_eq!(line["decision"], "mpo.vmsr_line");
        assert_eq!(line["outcome"], "allow");
        assert_eq!(line["failed"], serde_json::json!([]));
        assert_eq!(line["input"]["line"]["quantity"], 4);
        assert!(line["request_id"].is_string() && line["time"].is_string());
        assert!(line["policy_digest"]
            .as_str()
            .is_some_and(|d| d.starts_with("sha256:")));
    }
}

#[test]
fn the_decision_log_leaves_the_input_out_when_asked() {
    let server = Server::start(&["--decision-log", "-", "--log-input=false"]);
    assert_eq!(server.post("/v1/decisions/mpo.vmsr_line", VMSR).status, 200);
    server.signal("INT");
    let (code, stdout) = server.wait(std::time::Duration::from_secs(20));
    assert_eq!(code, Some(0));
    let line: serde_json::Value = serde_json::from_str(stdout.trim()).expect("one JSON line");
    assert_eq!(line["outcome"], "allow");
    assert!(line.get("input").is_none());
}

#[test]
fn the_playground_can_be_switched_off() {
    let on = Server::start(&[]);
    let page = on.get("/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("eligo playground"));
    let off = Server::start(&["--no-playground"]);
    assert_eq!(off.get("/").status, 404);
    assert_eq!(
        off.post("/v1/playground/decide", r#"{"scenario": ""}"#)
            .status,
        404
    );
}
