//! `eligo test` as CI pipelines meet it: the real binary on small
//! hand-made suites, its exit codes, what each format says about a wrong
//! expectation, and how broken files, unchecked documents and filters are
//! reported.

mod test_support;

use test_support::{eligo, eligo_with, stderr, stdout, suite, test_run, FORMATS, POLICIES};

fn last_line(text: &str) -> &str {
    text.lines().last().unwrap_or("")
}

#[test]
fn a_correct_suite_exits_0_in_every_format() {
    for format in FORMATS {
        let output = test_run(format, &[&suite("passing")]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{format}: {}{}",
            stdout(&output),
            stderr(&output)
        );
        assert!(
            stderr(&output).is_empty(),
            "{format}: nothing on stderr: {}",
            stderr(&output)
        );
    }
    let human = stdout(&test_run("human", &[&suite("passing")]));
    assert_eq!(
        last_line(&human),
        "4 passed, 0 failed, 0 unchecked, 0 errors"
    );
}

#[test]
fn a_wrong_expectation_exits_1_with_a_diff_in_every_format() {
    for format in FORMATS {
        let output = test_run(format, &[&suite("wrong")]);
        let text = stdout(&output);
        assert_eq!(output.status.code(), Some(1), "{format}:\n{text}");
        for expected in [
            "outcome: expected allow, got deny",
            "expected to fail but did not: CLUB-001",
            "failed but not expected to: CLUB-003",
            "Dee brings 3 guests",
            "CLUB-001 (guests are adults) was expected to fail but passed",
            "value `fee`: expected 12.5 EUR, got 12.50 EUR",
        ] {
            assert!(
                text.contains(expected),
                "{format} lacks `{expected}`:\n{text}"
            );
        }
    }
}

#[test]
fn each_difference_points_at_the_document_or_the_expected_value_line() {
    let file = "tests/fixtures/test-suites/wrong/entry.yaml";
    let human = stdout(&test_run("human", &[&suite("wrong")]));
    assert!(
        human.contains(&format!("{file}:8: outcome: expected allow, got deny")),
        "{human}"
    );
    assert!(
        human.contains(&format!("{file}:24: value `fee`")),
        "{human}"
    );
    assert!(
        human.contains("club.policy:24:6"),
        "the failing rule's place in the policy is shown:\n{human}"
    );
    let github = stdout(&test_run("github", &[&suite("wrong")]));
    assert!(
        github.contains(&format!("::error file={file},line=8,")),
        "{github}"
    );
    assert!(
        github.contains(&format!("::error file={file},line=24,")),
        "{github}"
    );
}

#[test]
fn the_human_summary_is_the_last_line_and_starts_with_passed_and_failed() {
    let text = stdout(&test_run("human", &[&suite("wrong")]));
    assert_eq!(
        last_line(&text),
        "1 passed, 2 failed, 0 unchecked, 0 errors"
    );
    assert!(
        text.contains("FAILED    tests/fixtures/test-suites/wrong/entry.yaml#1"),
        "{text}"
    );
    assert!(
        !text.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );
}

#[test]
fn a_broken_scenario_file_exits_2_and_the_other_documents_still_run() {
    for format in FORMATS {
        let output = test_run(format, &[&suite("broken")]);
        // TAP escapes `#` in descriptions.
        let text = stdout(&output).replace("\\#", "#");
        assert_eq!(output.status.code(), Some(2), "{format}:\n{text}");
        assert!(
            text.contains("membr"),
            "{format}: the diagnostic is in the report:\n{text}"
        );
        match format {
            // These list problems only; the totals show the rest ran.
            "github" => assert!(text.ends_with("2 passed, 0 failed, 0 unchecked, 2 errors\n")),
            "sarif" => {
                let log: serde_json::Value = serde_json::from_str(&text).expect("SARIF is JSON");
                assert_eq!(log["runs"][0]["properties"]["passed"], 2, "{text}");
            }
            _ => {
                assert!(
                    text.contains("c_schema.yaml#1"),
                    "{format}: the next document runs:\n{text}"
                );
                assert!(
                    text.contains("a_good.yaml#0"),
                    "{format}: other files run:\n{text}"
                );
            }
        }
    }
    let human = test_run("human", &[&suite("broken")]);
    assert_eq!(
        last_line(&stdout(&human)),
        "2 passed, 0 failed, 0 unchecked, 2 errors"
    );
    let diagnostics = stderr(&human);
    assert!(diagnostics.contains("eligo::input::yaml"), "{diagnostics}");
    assert!(
        diagnostics.contains("did you mean `member`?"),
        "{diagnostics}"
    );
}

#[test]
fn when_expectations_fail_and_documents_are_broken_exit_2_wins() {
    let output = test_run("json", &[&suite("wrong"), &suite("broken")]);
    assert_eq!(output.status.code(), Some(2));
    let summary: serde_json::Value =
        serde_json::from_str(last_line(&stdout(&output))).expect("the summary is JSON");
    assert_eq!(summary["failed"], 2, "the failures are still counted");
    assert_eq!(summary["errors"], 2);
    assert_eq!(summary["exit_code"], 2);
}

#[test]
fn documents_without_expect_are_reported_unchecked_not_passed() {
    let output = test_run("human", &[&suite("unchecked")]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.contains("unchecked tests/fixtures/test-suites/unchecked/entry.yaml#0"),
        "{text}"
    );
    assert_eq!(
        last_line(&text),
        "1 passed, 0 failed, 1 unchecked, 0 errors"
    );
    let tap = stdout(&test_run("tap", &[&suite("unchecked")]));
    assert!(tap.contains("ok 1 - tests/fixtures/test-suites/unchecked/entry.yaml\\#0 (evaluated but asserting nothing) # SKIP"), "{tap}");
    let junit = stdout(&test_run("junit", &[&suite("unchecked")]));
    assert!(junit.contains("<skipped message="), "{junit}");
}

#[test]
fn a_policy_set_that_does_not_check_exits_2_in_every_format() {
    for format in FORMATS {
        let output = eligo(&[
            "test",
            "--policies",
            "tests/fixtures/check-errors",
            "--format",
            format,
            &suite("passing"),
        ]);
        assert_eq!(output.status.code(), Some(2), "{format}");
        assert!(
            stderr(&output).contains("eligo::check::"),
            "{format}: {}",
            stderr(&output)
        );
        assert!(!stdout(&output).is_empty(), "{format}: the report says why");
    }
    let tap = stdout(&eligo(&[
        "test",
        "--policies",
        "tests/fixtures/check-errors",
        "--format",
        "tap",
        &suite("passing"),
    ]));
    assert!(tap.lines().any(|l| l.starts_with("Bail out! ")), "{tap}");
}

#[test]
fn a_missing_path_is_an_error_and_the_rest_still_runs() {
    let output = test_run("human", &["no/such/suite", &suite("passing")]);
    assert_eq!(output.status.code(), Some(2));
    let text = stdout(&output);
    assert!(text.contains("ERROR     no/such/suite"), "{text}");
    assert_eq!(last_line(&text), "4 passed, 0 failed, 0 unchecked, 1 error");
}

#[test]
fn a_folder_without_scenario_files_is_an_error() {
    let output = test_run("human", &[POLICIES]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stdout(&output).contains("holds no scenario files"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn folders_are_searched_in_sorted_path_order_and_each_file_runs_once() {
    let passing = suite("passing");
    let entry = format!("{passing}/entry.yaml");
    let text = stdout(&test_run("human", &[&entry, &passing]));
    let order: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("ok        "))
        .map(|l| l.split(' ').next().unwrap_or(""))
        .collect();
    assert_eq!(
        order,
        [
            "tests/fixtures/test-suites/passing/bar.yml#0",
            "tests/fixtures/test-suites/passing/entry.yaml#0",
            "tests/fixtures/test-suites/passing/entry.yaml#1",
            "tests/fixtures/test-suites/passing/entry.yaml#2",
        ]
    );
}

fn selected(extra: &[&str]) -> Vec<String> {
    let mut args = vec!["test", "--policies", POLICIES, "--format", "json"];
    args.extend_from_slice(extra);
    let passing = suite("passing");
    args.push(&passing);
    stdout(&eligo(&args))
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["type"] == "document")
        .map(|v| v["scenario"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn decision_and_name_filters_run_a_subset() {
    assert_eq!(
        selected(&["--decision", "club.bar"]),
        ["tests/fixtures/test-suites/passing/bar.yml#0"]
    );
    assert_eq!(
        selected(&["--name", "minor"]),
        ["tests/fixtures/test-suites/passing/entry.yaml#2"],
        "a plain pattern matches part of the name"
    );
    assert_eq!(
        selected(&["--name", "*#0"]),
        [
            "tests/fixtures/test-suites/passing/bar.yml#0",
            "tests/fixtures/test-suites/passing/entry.yaml#0"
        ],
        "a glob matches the whole `path#index`"
    );
    assert_eq!(
        selected(&[
            "--decision",
            "club.entry",
            "--name",
            "paying",
            "--name",
            "*#2"
        ]),
        [
            "tests/fixtures/test-suites/passing/entry.yaml#1",
            "tests/fixtures/test-suites/passing/entry.yaml#2"
        ],
        "repeated patterns add up; decision and name both apply"
    );
}

#[test]
fn a_filter_that_matches_nothing_or_an_unknown_decision_exits_2() {
    let nothing = test_run("human", &["--name", "no such scenario", &suite("passing")]);
    assert_eq!(nothing.status.code(), Some(2));
    assert!(stderr(&nothing).contains("no scenario document matches `--name no such scenario`"));
    let unknown = test_run("human", &["--decision", "club.entrance", &suite("passing")]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("unknown decision `club.entrance`"),
        "{}",
        stderr(&unknown)
    );
    assert!(
        stderr(&unknown).contains("did you mean `club.entry`?"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn output_is_the_same_bytes_whatever_the_thread_count() {
    for format in ["json", "junit", "human", "tap", "github", "sarif"] {
        let args = ["test", "--format", format, "--coverage", "tests/scenarios"];
        let one = eligo_with(&args, &[("RAYON_NUM_THREADS", "1")]);
        let many = eligo_with(&args, &[("RAYON_NUM_THREADS", "7")]);
        assert!(!one.stdout.is_empty());
        assert_eq!(one.stdout, many.stdout, "{format}");
        assert_eq!(one.status.code(), many.status.code());
        let mut threaded = args.to_vec();
        threaded.extend(["--threads", "3"]);
        assert_eq!(eligo(&threaded).stdout, one.stdout, "{format}, --threads 3");
    }
    let suites = [suite("wrong"), suite("broken"), suite("unchecked")];
    let mut args = vec!["test", "--policies", POLICIES, "--format", "sarif"];
    args.extend(suites.iter().map(String::as_str));
    let one = eligo_with(&args, &[("RAYON_NUM_THREADS", "1")]);
    let many = eligo_with(&args, &[("RAYON_NUM_THREADS", "5")]);
    assert_eq!(one.stdout, many.stdout);
    assert_eq!(
        one.stderr, many.stderr,
        "diagnostics too come in a stable order"
    );
}

#[test]
fn no_progress_line_when_stderr_is_not_a_terminal() {
    let output = eligo(&["test", "tests/scenarios"]);
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
}

#[test]
fn the_bundled_scenarios_pass() {
    let output = eligo(&["test", "tests/scenarios"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    let summary = last_line(&text);
    assert!(
        summary.ends_with(" passed, 0 failed, 0 unchecked, 0 errors"),
        "{summary}"
    );
    let passed: usize = summary
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(passed > 500, "{summary}");
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(
        eligo(&["test"]).status.code(),
        Some(2),
        "a path is required"
    );
    assert_eq!(test_run("xml", &[&suite("passing")]).status.code(), Some(2));
    assert_eq!(
        test_run("human", &["--update", &suite("passing")])
            .status
            .code(),
        Some(2),
        "--update needs --snapshot"
    );
    let percent = test_run("human", &["--coverage-min", "120", &suite("passing")]);
    assert_eq!(percent.status.code(), Some(2));
    assert!(stderr(&percent).contains("not a percentage from 0 to 100"));
}

#[test]
fn each_kind_of_difference_is_explained_from_the_decision() {
    let output = test_run("human", &[&suite("explained")]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    for expected in [
        "the outcome is `deny`: 1 of 2 rules failed: CLUB-004",
        "CLUB-004 failed for input.order.drinks[1]: wine is 12 percent",
        "CLUB-002 (non-members pay the entry fee) was expected to fail but was not applicable: its `when` did not hold",
        "value `fee`: expected 0.00 EUR, but the decision did not report it",
        "`fee` is not computed when the outcome is `deny`",
    ] {
        assert!(text.contains(expected), "lacks `{expected}`:\n{text}");
    }
}
