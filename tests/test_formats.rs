//! Every machine format of `eligo test`, read back by something other than
//! eligo: JUnit XML against the Jenkins JUnit schema (`junit-10.xsd`, read
//! by a schema validator driven by that file) and parsed with quick-xml;
//! SARIF against the official SARIF 2.1.0 JSON schema with `jsonschema`;
//! TAP with the `tap_parser` crate and a strict TAP 14 grammar checker;
//! GitHub workflow commands with a reader of the runner's escaping rules;
//! JSON Lines with serde_json. Each on passing, failing, broken, awkward
//! and coverage-failing runs.

mod test_support;

use std::path::Path;

use test_support::xsd::Schema;
use test_support::{eligo, scratch, stdout, suite, tap14, test_run, xml};

/// Runs that exercise every part of every format.
fn cases() -> Vec<Vec<String>> {
    let own = |parts: &[&str]| parts.iter().map(|p| p.to_string()).collect::<Vec<_>>();
    vec![
        own(&[&suite("passing")]),
        own(&[
            &suite("wrong"),
            &suite("broken"),
            &suite("unchecked"),
            "no/such/file.yaml",
        ]),
        own(&[&suite("awkward")]),
        own(&["--coverage-min", "90", &suite("coverage")]),
        own(&["--coverage", &suite("coverage")]),
    ]
}

fn output_of(format: &str, case: &[String]) -> String {
    let args: Vec<&str> = case.iter().map(String::as_str).collect();
    stdout(&test_run(format, &args))
}

/// The same formats when the policy set does not check.
fn policy_failure(format: &str) -> String {
    stdout(&eligo(&[
        "test",
        "--policies",
        "tests/fixtures/check-errors",
        "--format",
        format,
        &suite("passing"),
    ]))
}

/// A run whose documents differ from their stored snapshots.
fn snapshot_failure(format: &str) -> String {
    let dir = scratch(&format!("format-{format}"));
    let dir = dir.display().to_string();
    let passing = suite("passing");
    test_run("human", &["--snapshot", &dir, "--update", &passing]);
    let stored = Path::new(&dir).join("tests/fixtures/test-suites/passing/entry.yaml#0.yaml");
    let text = std::fs::read_to_string(&stored).expect("a stored snapshot");
    std::fs::write(&stored, text.replace("outcome: allow", "outcome: deny")).expect("edit");
    std::fs::remove_file(Path::new(&dir).join("tests/fixtures/test-suites/passing/bar.yml#0.yaml"))
        .expect("remove a stored copy");
    let out = output_of(format, &["--snapshot".into(), dir.clone(), passing]);
    let _ = std::fs::remove_dir_all(&dir);
    out
}

fn all_outputs(format: &str) -> Vec<String> {
    let mut outputs: Vec<String> = cases().iter().map(|c| output_of(format, c)).collect();
    outputs.push(policy_failure(format));
    outputs.push(snapshot_failure(format));
    outputs
}

// JUnit

fn junit_schema() -> Schema {
    let text = std::fs::read_to_string("tests/fixtures/schemas/jenkins-junit-10.xsd")
        .expect("the vendored XSD");
    Schema::parse(&text).expect("the XSD reads")
}

#[test]
fn junit_output_is_valid_against_the_jenkins_junit_schema() {
    let schema = junit_schema();
    for text in all_outputs("junit") {
        let document = xml::parse(&text).unwrap_or_else(|e| panic!("{e}:\n{text}"));
        assert_eq!(document.name, "testsuites");
        let problems = schema.validate(&document);
        assert!(problems.is_empty(), "{problems:#?}\n{text}");
    }
}

#[test]
fn the_junit_schema_check_rejects_what_the_schema_forbids() {
    let schema = junit_schema();
    for bad in [
        r#"<testsuites><testsuite name="s" tests="1" failures="0" errors="0"><testcase name="a" file="x"/></testsuite></testsuites>"#,
        r#"<testsuites><testsuite name="s" failures="0" errors="0"/></testsuites>"#,
        r#"<testsuites><testsuite name="s" tests="1" failures="0" errors="0">text<testcase name="a"/></testsuite></testsuites>"#,
        r#"<testsuites><testsuite name="s" tests="1" failures="0" errors="0"><failure/></testsuite></testsuites>"#,
        r#"<testsuites><testsuite name="s" tests="1" failures="0" errors="0"><testcase/></testsuite></testsuites>"#,
        r#"<testsuites skipped="1"/>"#,
    ] {
        let document = xml::parse(bad).expect("well-formed");
        assert!(!schema.validate(&document).is_empty(), "accepted: {bad}");
    }
    assert!(xml::parse("<a><b></a></b>").is_err());
    assert!(
        xml::parse("<a>&#7;</a>").is_err(),
        "a control character XML 1.0 cannot hold"
    );
}

#[test]
fn junit_has_a_testcase_per_document_with_failure_error_and_skipped() {
    let case = cases()[1].clone();
    let document = xml::parse(&output_of("junit", &case)).expect("XML");
    let cases: Vec<&xml::Element> = document
        .descendants()
        .into_iter()
        .filter(|e| e.name == "testcase")
        .collect();
    assert_eq!(
        cases.len(),
        3 + 4 + 2 + 1,
        "wrong, broken, unchecked and the missing file"
    );
    assert_eq!(document.attribute("tests"), Some("10"));
    assert_eq!(document.attribute("failures"), Some("2"));
    assert_eq!(document.attribute("errors"), Some("3"));
    for suite in document.children_named("testsuite") {
        let count = |name: &str| {
            suite
                .children_named("testcase")
                .filter(|c| c.children_named(name).count() > 0)
                .count()
                .to_string()
        };
        assert_eq!(suite.attribute("failures"), Some(count("failure").as_str()));
        assert_eq!(suite.attribute("errors"), Some(count("error").as_str()));
        assert_eq!(suite.attribute("skipped"), Some(count("skipped").as_str()));
    }
    let failure = cases
        .iter()
        .find(|c| {
            c.attribute("name")
                .is_some_and(|n| n.contains("entry.yaml#1"))
                && c.children_named("failure").count() == 1
        })
        .and_then(|c| c.children_named("failure").next())
        .expect("the wrong expectation fails");
    assert_eq!(failure.attribute("type"), Some("eligo::test::outcome"));
    assert!(
        failure
            .text
            .contains("entry.yaml:8: outcome: expected allow, got deny"),
        "{}",
        failure.text
    );
    assert!(
        failure
            .text
            .contains("CLUB-003 failed: Dee brings 3 guests"),
        "{}",
        failure.text
    );
    let error = cases
        .iter()
        .find(|c| {
            c.attribute("name")
                .is_some_and(|n| n.contains("c_schema.yaml#0"))
        })
        .and_then(|c| c.children_named("error").next())
        .expect("the broken document is an error");
    assert_eq!(error.attribute("type"), Some("eligo::input::unknown_field"));
}

#[test]
fn junit_carries_awkward_text_through_unchanged() {
    let document = xml::parse(&output_of("junit", &[suite("awkward")])).expect("XML");
    let case = document
        .descendants()
        .into_iter()
        .find(|e| e.name == "testcase")
        .expect("a testcase");
    let name = case.attribute("name").unwrap_or("");
    assert!(
        name.contains(r#"50% off: <b>&amp;</b>, "quoted" #1 \ back slash"#),
        "{name}"
    );
    let failure = case.children_named("failure").next().expect("a failure");
    assert!(
        failure.text.contains(r#"Zoë <&> "Q", 100%: ok is 16"#),
        "{}",
        failure.text
    );
}

// SARIF

fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string("tests/fixtures/schemas/sarif-schema-2.1.0.json")
        .expect("the vendored schema");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

#[test]
fn sarif_output_is_valid_against_the_official_sarif_2_1_0_schema() {
    let validator = sarif_validator();
    for text in all_outputs("sarif") {
        let log: serde_json::Value = serde_json::from_str(&text).expect("SARIF is JSON");
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}\n{text}");
        assert_eq!(log["version"], "2.1.0");
    }
}

#[test]
fn the_sarif_schema_check_rejects_an_invalid_log() {
    let validator = sarif_validator();
    let good: serde_json::Value =
        serde_json::from_str(&output_of("sarif", &cases()[1])).expect("JSON");
    assert!(validator.is_valid(&good));
    let mut bad_level = good.clone();
    bad_level["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&bad_level));
    let mut bad_line = good.clone();
    bad_line["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(!validator.is_valid(&bad_line));
    let mut no_version = good;
    if let Some(map) = no_version.as_object_mut() {
        map.remove("version");
    }
    assert!(!validator.is_valid(&no_version));
}

#[test]
fn sarif_results_name_their_rule_and_the_scenario_line() {
    let log: serde_json::Value =
        serde_json::from_str(&output_of("sarif", &[suite("wrong")])).expect("JSON");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 3, "outcome, failed set, value");
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap_or(u64::MAX) as usize;
        assert_eq!(
            rules[index]["id"], result["ruleId"],
            "ruleIndex points at the rule"
        );
        assert_eq!(
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "tests/fixtures/test-suites/wrong/entry.yaml"
        );
    }
    let value = results
        .iter()
        .find(|r| r["ruleId"] == "eligo::test::value")
        .expect("a value result");
    assert_eq!(
        value["locations"][0]["physicalLocation"]["region"]["startLine"],
        24
    );
    let failed = results
        .iter()
        .find(|r| r["ruleId"] == "eligo::test::failed")
        .expect("a failed-set result");
    assert_eq!(
        failed["locations"][0]["physicalLocation"]["region"]["startLine"],
        8
    );
    assert_eq!(
        failed["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "tests/fixtures/test-suites/policies/club.policy",
        "the rule that failed is a related location in the policy"
    );
}

// TAP

#[test]
fn tap_output_is_tap_14_for_a_strict_checker_and_for_tap_parser() {
    for text in all_outputs("tap") {
        let checked = tap14::check(&text).unwrap_or_else(|e| panic!("{e}:\n{text}"));
        let parsed = tap_parser::TapParser::new().parse(&text);
        match (&checked.bail_out, parsed) {
            (Some(_), Err(tap_parser::Error::Bailed(_))) => {}
            (None, Ok(statements)) => {
                let points: Vec<&tap_parser::TapTest> = statements
                    .iter()
                    .filter_map(|s| match s {
                        tap_parser::TapStatement::TestPoint(t) => Some(t),
                        _ => None,
                    })
                    .collect();
                assert_eq!(points.len(), checked.points.len(), "{text}");
                for (theirs, ours) in points.iter().zip(&checked.points) {
                    assert_eq!(theirs.result, ours.ok);
                    assert_eq!(theirs.number, Some(ours.number));
                    assert_eq!(
                        theirs.directive.is_some(),
                        ours.directive.is_some(),
                        "{text}"
                    );
                }
            }
            (bail, parsed) => panic!("the readers disagree: {bail:?} / {parsed:?}\n{text}"),
        }
    }
}

#[test]
fn the_tap_checker_rejects_what_tap_14_forbids() {
    for bad in [
        "TAP version 13\n1..0\n",
        "TAP version 14\n1..2\nok 1 - a\n",
        "TAP version 14\n1..1\nok 1 - a#b\n",
        "TAP version 14\n1..1\nok 2 - a\n",
        "TAP version 14\n1..1\nnot ok 1 - a\n  ---\n  x: [\n  ...\n",
        "TAP version 14\n1..1\nok 1 - a\nstray text\n",
    ] {
        assert!(tap14::check(bad).is_err(), "accepted: {bad}");
    }
    let fine = tap14::check("TAP version 14\n1..1\nok 1 - a\\#1 # SKIP why\n").expect("valid TAP");
    assert_eq!(fine.points[0].description, "a#1");
}

#[test]
fn tap_marks_failures_errors_and_unchecked_documents() {
    let text = output_of("tap", &cases()[1]);
    let document = tap14::check(&text).expect("TAP");
    assert_eq!(document.plan, Some(10));
    let failing: Vec<&str> = document
        .points
        .iter()
        .filter(|p| !p.ok)
        .map(|p| p.description.as_str())
        .collect();
    assert_eq!(failing.len(), 5, "2 failures and 3 errors: {failing:?}");
    let wrong = document
        .points
        .iter()
        .find(|p| {
            p.description
                .starts_with("tests/fixtures/test-suites/wrong/entry.yaml#1")
        })
        .expect("the wrong expectation");
    let yaml = wrong.yaml.as_ref().expect("a YAML block");
    assert_eq!(yaml["severity"], "fail");
    assert_eq!(yaml["at"]["line"], 8);
    assert_eq!(
        yaml["findings"][0]["message"],
        "outcome: expected allow, got deny"
    );
    let skipped = document
        .points
        .iter()
        .filter(|p| {
            p.directive
                .as_deref()
                .is_some_and(|d| d.starts_with("SKIP"))
        })
        .count();
    assert_eq!(skipped, 1);
    let awkward = tap14::check(&output_of("tap", &[suite("awkward")])).expect("TAP");
    assert!(
        awkward.points[0]
            .description
            .contains(r#""quoted" #1 \ back slash"#),
        "{:?}",
        awkward.points[0]
    );
}

// GitHub workflow commands

/// A workflow command as the Actions runner reads it: `::name props::data`,
/// properties `key=value` separated by `,`, with `%25`, `%0D`, `%0A` (and
/// in properties `%3A`, `%2C`) unescaped.
#[derive(Debug)]
struct WorkflowCommand {
    name: String,
    properties: Vec<(String, String)>,
    message: String,
}

fn unescape(text: &str, property: bool) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let code = rest.get(at..at + 3).unwrap_or("");
        out.push(match code {
            "%25" => '%',
            "%0D" => '\r',
            "%0A" => '\n',
            "%3A" if property => ':',
            "%2C" if property => ',',
            _ => return Err(format!("an unescaped `%` in `{text}`")),
        });
        rest = &rest[at + 3..];
    }
    out.push_str(rest);
    Ok(out)
}

fn workflow_command(line: &str) -> Result<WorkflowCommand, String> {
    let body = line.strip_prefix("::").ok_or("not a command")?;
    let (head, data) = body.split_once("::").ok_or("no `::` before the message")?;
    let (name, properties) = head.split_once(' ').unwrap_or((head, ""));
    if !["error", "warning", "notice"].contains(&name) {
        return Err(format!("unknown command `{name}`"));
    }
    let mut parsed = Vec::new();
    for property in properties.split(',').filter(|p| !p.is_empty()) {
        let (key, value) = property
            .split_once('=')
            .ok_or_else(|| format!("`{property}` is not key=value"))?;
        if !["file", "line", "col", "endLine", "endColumn", "title"].contains(&key) {
            return Err(format!("unknown property `{key}`"));
        }
        if matches!(key, "line" | "col") && value.parse::<u32>().map_or(true, |n| n == 0) {
            return Err(format!("`{key}` is not a line or column number: `{value}`"));
        }
        parsed.push((key.to_string(), unescape(value, true)?));
    }
    Ok(WorkflowCommand {
        name: name.to_string(),
        properties: parsed,
        message: unescape(data, false)?,
    })
}

fn property<'a>(command: &'a WorkflowCommand, key: &str) -> Option<&'a str> {
    command
        .properties
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

#[test]
fn github_output_is_workflow_commands_and_a_summary_line() {
    for text in all_outputs("github") {
        let lines: Vec<&str> = text.lines().collect();
        let (summary, commands) = lines.split_last().expect("a summary line");
        assert!(
            summary.contains(" passed, ") && summary.contains(" failed"),
            "{text}"
        );
        for line in commands {
            workflow_command(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        }
    }
}

#[test]
fn github_annotations_point_at_the_scenario_line_and_round_trip_awkward_text() {
    let text = output_of("github", &[suite("awkward")]);
    let commands: Vec<WorkflowCommand> = text
        .lines()
        .filter(|l| l.starts_with("::"))
        .map(|l| workflow_command(l).expect("a command"))
        .collect();
    assert_eq!(commands.len(), 2);
    let error = &commands[0];
    assert_eq!(error.name, "error");
    assert_eq!(
        property(error, "file"),
        Some("tests/fixtures/test-suites/awkward/names.yaml")
    );
    assert_eq!(property(error, "line"), Some("4"));
    let title = property(error, "title").unwrap_or("");
    assert!(
        title.contains(r#"(50% off: <b>&amp;</b>, "quoted" #1"#),
        "{title}"
    );
    assert!(
        error
            .message
            .contains("\n  CLUB-001 failed: Zoë <&> \"Q\", 100%: ok is 16"),
        "{}",
        error.message
    );
    assert_eq!(commands[1].name, "notice");
    assert_eq!(property(&commands[1], "line"), Some("10"));
}

// JSON Lines

#[test]
fn json_output_is_one_object_per_document_then_a_summary() {
    for (case, text) in cases()
        .iter()
        .zip(cases().iter().map(|c| output_of("json", c)))
    {
        let objects: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect();
        let (summary, documents) = objects.split_last().expect("a summary");
        assert_eq!(summary["type"], "summary", "{case:?}");
        assert!(documents.iter().all(|d| d["type"] == "document"));
        let count = |status: &str| documents.iter().filter(|d| d["status"] == status).count();
        assert_eq!(summary["passed"], count("passed"));
        assert_eq!(summary["failed"], count("failed"));
        assert_eq!(summary["unchecked"], count("unchecked"));
        assert_eq!(summary["errors"], count("error"));
    }
}

#[test]
fn json_findings_carry_expected_actual_line_and_notes() {
    let text = output_of("json", &[suite("wrong")]);
    let value = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|d| d["scenario"] == "tests/fixtures/test-suites/wrong/entry.yaml#2")
        .expect("the document with a wrong value");
    let finding = &value["findings"][0];
    assert_eq!(finding["code"], "eligo::test::value");
    assert_eq!(finding["line"], 24);
    assert_eq!(finding["mismatch"]["expected"], "12.5 EUR");
    assert_eq!(finding["mismatch"]["actual"], "12.50 EUR");
    assert_eq!(
        finding["notes"][0]["text"],
        "fee = if input.guest.member then 0.00 EUR else 12.50 EUR"
    );
    assert_eq!(value["values"]["fee"], "12.50 EUR");
}

#[test]
fn every_format_is_valid_when_the_policy_set_does_not_check() {
    let json = policy_failure("json");
    let summary: serde_json::Value = serde_json::from_str(json.trim()).expect("only a summary");
    assert_eq!(summary["exit_code"], 2);
    assert!(summary["run_errors"]
        .as_array()
        .is_some_and(|e| !e.is_empty()));
}
