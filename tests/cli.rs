//! The command line as users and pipelines meet it: the real binary, its
//! exit codes, and the exact shape of what it prints.

mod common;

use common::{eligo, stderr, stdout};

const FIXTURE_POLICIES: &str = "tests/fixtures/eval/policies";

#[test]
fn check_passes_on_the_bundled_policies() {
    let output = eligo(&["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("no problems"));
}

#[test]
fn check_fails_with_exit_code_2_and_every_diagnostic() {
    let output = eligo(&["check", "--policies", "tests/fixtures/check-errors"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.contains("eligo::check::unknown_field"), "{text}");
    assert!(text.contains("five_mistakes.policy:13:17"), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "no colour when stderr is not a terminal"
    );
}

#[test]
fn check_errors_as_json_carry_code_file_line_and_column() {
    let output = eligo(&[
        "check",
        "--policies",
        "tests/fixtures/check-errors",
        "--error-format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = stderr(&output)
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).expect("each diagnostic is one JSON object"))
        .collect();
    assert!(lines.len() >= 5);
    let first = lines
        .iter()
        .find(|d| d["code"] == "eligo::check::unknown_field")
        .expect("the misspelt field is reported");
    assert_eq!(
        first["file"],
        "tests/fixtures/check-errors/five_mistakes.policy"
    );
    assert_eq!(first["line"], 13);
    assert_eq!(first["column"], 17);
    assert_eq!(first["help"], "did you mean `country`?");
}

#[test]
fn check_on_a_missing_folder_says_so_with_exit_code_2() {
    let output = eligo(&["check", "--policies", "no/such/folder"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no such directory"));
}

#[test]
fn eval_json_prints_one_object_per_document_in_the_contract_shape() {
    let output = eligo(&[
        "eval",
        "--policies",
        FIXTURE_POLICIES,
        "--format",
        "json",
        "tests/fixtures/eval/checkout.yaml",
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "a deny is an answer, not an error: {}",
        stderr(&output)
    );
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    for (index, line) in lines.iter().enumerate() {
        let object: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(line).expect("JSON object");
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "decision",
                "explanation",
                "failed",
                "name",
                "outcome",
                "policy_digest",
                "scenario",
                "values"
            ]
        );
        assert_eq!(
            object["scenario"],
            format!("tests/fixtures/eval/checkout.yaml#{index}")
        );
        let digest = object["policy_digest"].as_str().unwrap_or("");
        assert!(
            digest.starts_with("sha256:") && digest.len() == 7 + 64,
            "{digest}"
        );
    }
    assert!(
        lines[0].starts_with(r#"{"scenario":"tests/fixtures/eval/checkout.yaml#0","name":"#),
        "field order follows the contract"
    );
    let denied: serde_json::Value = serde_json::from_str(lines[1]).unwrap_or_default();
    assert_eq!(denied["outcome"], "deny");
    assert_eq!(
        denied["failed"],
        serde_json::json!(["SHOP-001", "SHOP-002", "SHOP-003", "SHOP-004", "SHOP-005"])
    );
    let allowed: serde_json::Value = serde_json::from_str(lines[0]).unwrap_or_default();
    assert_eq!(
        allowed["values"]["total"], "21.049 USD",
        "money keeps its exact digits as a string"
    );
    assert_eq!(allowed["values"]["membership_days"], 2);
}

#[test]
fn eval_defaults_to_json_lines_when_stdout_is_not_a_terminal() {
    let output = eligo(&[
        "eval",
        "--policies",
        FIXTURE_POLICIES,
        "tests/fixtures/eval/checkout.yaml",
    ]);
    let first = stdout(&output).lines().next().unwrap_or("").to_string();
    assert!(first.starts_with('{'), "{first}");
}

#[test]
fn eval_reports_documents_it_cannot_evaluate_and_still_evaluates_the_rest() {
    let output = eligo(&[
        "eval",
        "--policies",
        FIXTURE_POLICIES,
        "--format",
        "json",
        "tests/fixtures/input-errors/values.yaml",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let lines: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(lines.len(), 6, "one line per document");
    let error = &lines[0]["error"];
    let keys: Vec<&str> = error
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(keys, ["code", "column", "file", "line", "message"]);
    assert_eq!(
        lines[0]["scenario"],
        "tests/fixtures/input-errors/values.yaml#0"
    );
    assert_eq!(error["file"], "tests/fixtures/input-errors/values.yaml");
    assert_eq!(error["line"], 3);
    assert_eq!(lines[1]["error"]["code"], "eligo::input::unknown_decision");
    assert!(
        lines[0]["errors"]
            .as_array()
            .is_some_and(|all| all.len() == 10),
        "every problem of the document"
    );
    assert!(stderr(&output).contains("eligo::input::unknown_field"));
}

#[test]
fn eval_output_is_the_same_bytes_every_time() {
    let args = [
        "eval",
        "--policies",
        FIXTURE_POLICIES,
        "--format",
        "json",
        "tests/fixtures/eval/checkout.yaml",
    ];
    let first = eligo(&args);
    let second = eligo(&args);
    assert_eq!(first.stdout, second.stdout);
    let human = [
        "eval",
        "--policies",
        FIXTURE_POLICIES,
        "--format",
        "human",
        "tests/fixtures/eval/checkout.yaml",
    ];
    assert_eq!(eligo(&human).stdout, eligo(&human).stdout);
}

#[test]
fn eval_prints_in_file_order_the_same_bytes_for_any_thread_count() {
    let files = [
        "tests/fixtures/eval/checkout.yaml",
        "tests/fixtures/input-errors/values.yaml",
        "no-such-file.yaml",
        "tests/fixtures/eval/checkout.yaml",
    ];
    for format in ["json", "human", "yaml"] {
        let run = |threads: &str| {
            let mut args = vec![
                "eval",
                "--policies",
                FIXTURE_POLICIES,
                "--format",
                format,
                "--threads",
                threads,
            ];
            args.extend(files);
            eligo(&args)
        };
        let one = run("1");
        assert_eq!(one.status.code(), Some(2), "{format}");
        for threads in ["2", "5"] {
            let many = run(threads);
            assert_eq!(many.stdout, one.stdout, "{format}, {threads} threads");
            assert_eq!(many.stderr, one.stderr, "{format}, {threads} threads");
        }
    }
    let json = eligo(&[
        "eval",
        "--policies",
        FIXTURE_POLICIES,
        "--threads",
        "3",
        files[0],
        files[1],
    ]);
    let scenarios: Vec<String> = stdout(&json)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).expect("JSON")["scenario"].to_string()
        })
        .collect();
    let mut sorted = scenarios.clone();
    sorted.sort_by_key(|s| (s.contains("input-errors"), s.clone()));
    assert_eq!(scenarios, sorted, "documents of the first file come first");
}

#[test]
fn eval_decides_the_documents_before_text_that_is_not_utf8() {
    let good = std::fs::read_to_string("tests/fixtures/eval/checkout.yaml").expect("fixture");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-inputs");
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let path = dir.join("not-utf8.yaml");
    let mut bytes = good.into_bytes();
    bytes.extend_from_slice(b"\n---\nname: \xff\n");
    std::fs::write(&path, bytes).expect("scratch file");
    let shown = path.display().to_string();
    let output = eligo(&[
        "eval",
        "--policies",
        FIXTURE_POLICIES,
        "--format",
        "json",
        "--error-format",
        "json",
        &shown,
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stdout(&output).lines().count(),
        3,
        "the readable documents are decided"
    );
    assert!(
        stderr(&output).contains("eligo::io::not_utf8"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn eval_human_puts_the_outcome_first_then_failed_rules_then_values() {
    let output = eligo(&[
        "eval",
        "--policies",
        FIXTURE_POLICIES,
        "--format",
        "human",
        "tests/fixtures/eval/checkout.yaml",
    ]);
    let text = stdout(&output);
    assert!(
        !text.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );
    let denied = text.split("\n\n").nth(1).unwrap_or("");
    assert!(
        denied.starts_with("tests/fixtures/eval/checkout.yaml#1  shop.checkout → deny"),
        "{denied}"
    );
    let failure = denied.find("✗ SHOP-001").unwrap_or(usize::MAX);
    let value = denied.find("subtotal = ").unwrap_or(0);
    assert!(
        failure < value,
        "failed rules come before values:\n{denied}"
    );
    assert!(denied.contains("would pass if `input.order.customer.country` were one of US, GB, CA"));
    assert!(
        text.contains("10.10 USD × 2 = 20.20 USD"),
        "arithmetic is shown"
    );
}

#[test]
fn eval_yaml_prints_one_yaml_document_per_scenario() {
    let output = eligo(&[
        "eval",
        "--policies",
        FIXTURE_POLICIES,
        "--format",
        "yaml",
        "tests/fixtures/eval/checkout.yaml",
    ]);
    let text = stdout(&output);
    assert_eq!(
        text.matches("\n---\n").count() + usize::from(text.starts_with("---\n")),
        3
    );
    assert!(text.contains("outcome: review"));
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(eligo(&["eval"]).status.code(), Some(2));
    assert_eq!(eligo(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        eligo(&["eval", "--format", "xml", "x.yaml"]).status.code(),
        Some(2)
    );
}

#[test]
fn eval_of_a_missing_file_is_an_error_with_exit_code_2() {
    let output = eligo(&["eval", "--policies", FIXTURE_POLICIES, "no-such-file.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("cannot read `no-such-file.yaml`"));
}

/// Writes `text` to a fresh file in the target directory and returns its path.
fn scratch_file(name: &str, text: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-inputs");
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("scratch file");
    path.display().to_string()
}

#[test]
fn hostile_scenarios_get_diagnostics_and_exit_code_2_never_a_crash() {
    let deep = format!("decision: shop.checkout\ninput: {}\n", "[".repeat(10_000));
    let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
    let digits = "decision: shop.checkout\nas_of: 2024-01-01T00:00:00Z\ninput:\n  action: pay\n  order:\n    customer: {name: A, country: US, tier: gold, joined: 2024-01-01}\n    lines: [{sku: X, unit_price: \"1234567890123456789012345678901234567890.00 USD\", quantity: 1}]\n    placed_at: 2024-01-01T00:00:00Z\n    deliver_by: 2024-01-01\n    status: placed\n";
    for (name, text) in [
        ("deep.yaml", deep.as_str()),
        ("bomb.yaml", bomb),
        ("digits.yaml", digits),
    ] {
        let path = scratch_file(name, text);
        let output = eligo(&[
            "eval",
            "--policies",
            FIXTURE_POLICIES,
            "--format",
            "json",
            &path,
        ]);
        assert_eq!(output.status.code(), Some(2), "{name}: {}", stderr(&output));
        let errors = stderr(&output);
        assert!(
            errors.contains("eligo::input::") || errors.contains("eligo::limit::"),
            "{name} gets a diagnostic: {errors}"
        );
    }
}

#[test]
fn policies_at_the_nesting_limits_check_and_beyond_them_get_a_diagnostic() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("deep-policies");
    std::fs::create_dir_all(&dir).expect("scratch folder");
    let at_limit = format!(
        "module deep\n\nconst X: int = {}1{}\nconst Y: bool = {}true\n",
        "(".repeat(64),
        ")".repeat(64),
        "not ".repeat(150)
    );
    std::fs::write(dir.join("deep.policy"), at_limit).expect("policy");
    let output = eligo(&["check", "--policies", &dir.display().to_string()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let beyond = format!(
        "module deep\n\nconst X: int = {}1{}\n",
        "(".repeat(5000),
        ")".repeat(5000)
    );
    std::fs::write(dir.join("deep.policy"), beyond).expect("policy");
    let output = eligo(&["check", "--policies", &dir.display().to_string()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("eligo::limit::policy_nesting"),
        "{}",
        stderr(&output)
    );
}
