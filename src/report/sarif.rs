//! `eligo test --format sarif`: a SARIF 2.1.0 log, the format code
//! scanning tools (GitHub among them) read. Every unmet expectation,
//! snapshot difference and document that cannot be evaluated is a result
//! with a rule ID (`eligo::test::outcome`, `eligo::input::unknown_field`, …)
//! and the scenario line it is about; the rules a failed-rule mismatch
//! names are related locations in the policy files. Documents that check
//! nothing are `note` results. Problems without a place (a usage error, a
//! coverage minimum not met) are tool execution notifications. The run's
//! property bag holds the totals (`passed`, `failed`, `unchecked`,
//! `errors`), since passing documents are not results.

use std::collections::BTreeMap;

use serde::Serialize;

use super::test_shared::{document_title, UNCHECKED_REASON};
use super::TestReport;
use crate::diagnostic::FileDiagnostic;
use crate::testing::{DocumentRun, Finding, Status, TestRun};

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The rules of `eligo test` itself, with what they find.
const TEST_RULES: [(&str, &str, &str); 6] = [
    (
        "eligo::test::outcome",
        "OutcomeMismatch",
        "the decision's outcome is not the one `expect.outcome` names",
    ),
    (
        "eligo::test::failed",
        "FailedRulesMismatch",
        "the set of failed rules is not the set `expect.failed` lists",
    ),
    (
        "eligo::test::value",
        "ValueMismatch",
        "a computed value differs from the one `expect.values` gives",
    ),
    (
        "eligo::test::snapshot_changed",
        "SnapshotChanged",
        "the decision differs from its stored snapshot",
    ),
    (
        "eligo::test::snapshot_missing",
        "SnapshotMissing",
        "no snapshot of the decision is stored",
    ),
    (
        "eligo::test::unchecked",
        "UncheckedScenario",
        "the scenario has no `expect:` block, so nothing was checked",
    ),
];

#[derive(Serialize)]
struct Text {
    text: String,
}

fn text(text: impl Into<String>) -> Text {
    Text { text: text.into() }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: String,
    name: String,
    short_description: Text,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
}

/// A file path as a URI reference: `/` separators, and every byte outside
/// the unreserved characters and `/` percent-encoded; absolute paths
/// become `file:` URIs.
pub fn path_uri(path: &str) -> String {
    let unified = path.replace('\\', "/");
    let mut uri = String::new();
    for byte in unified.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(byte as char)
            }
            b':' if uri.len() == 1 && uri.as_bytes()[0].is_ascii_alphabetic() => uri.push(':'),
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    let drive = uri.len() >= 2 && uri.as_bytes()[1] == b':';
    if uri.starts_with('/') {
        format!("file://{uri}")
    } else if drive {
        format!("file:///{uri}")
    } else {
        uri
    }
}

fn place(file: &str, line: usize, column: Option<usize>) -> PhysicalLocation {
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: path_uri(file),
        },
        region: Region {
            start_line: line.max(1),
            start_column: column.filter(|&c| c > 0),
        },
    }
}

/// Collects rules as results name them, so each result can give its index.
#[derive(Default)]
struct Rules {
    list: Vec<Rule>,
    index: BTreeMap<String, usize>,
}

impl Rules {
    fn new() -> Rules {
        let mut rules = Rules::default();
        for (id, name, description) in TEST_RULES {
            let level = if id == "eligo::test::unchecked" {
                "note"
            } else {
                "error"
            };
            rules.add(id, name, description, level);
        }
        rules
    }

    fn add(&mut self, id: &str, name: &str, description: &str, level: &'static str) -> usize {
        if let Some(&index) = self.index.get(id) {
            return index;
        }
        self.list.push(Rule {
            id: id.to_string(),
            name: name.to_string(),
            short_description: text(description),
            default_configuration: Configuration { level },
        });
        self.index.insert(id.to_string(), self.list.len() - 1);
        self.list.len() - 1
    }

    /// A diagnostic's code as a rule: `eligo::input::unknown_field` reads
    /// "input error: unknown field".
    fn for_code(&mut self, code: &str) -> usize {
        let mut parts = code.rsplit("::");
        let what = parts.next().unwrap_or(code).replace('_', " ");
        let phase = parts.next().unwrap_or("eligo");
        let name: String = what
            .split(' ')
            .map(|word| {
                let mut chars = word.chars();
                chars
                    .next()
                    .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                    .unwrap_or_default()
            })
            .collect();
        self.add(code, &name, &format!("{phase} error: {what}"), "error")
    }
}

fn diagnostic_result(
    rules: &mut Rules,
    diagnostic: &FileDiagnostic,
    context: &str,
) -> Option<SarifResult> {
    let json = diagnostic.to_json();
    if json.file.is_empty() || json.line == 0 {
        return None;
    }
    let code = if json.code.is_empty() {
        "eligo::error"
    } else {
        &json.code
    };
    let mut message = format!("{context}: {}", json.message);
    if let Some(help) = &json.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    Some(SarifResult {
        rule_id: code.to_string(),
        rule_index: rules.for_code(code),
        level: "error",
        message: text(message),
        locations: vec![Location {
            id: None,
            physical_location: place(&json.file, json.line, Some(json.column)),
            message: None,
        }],
        related_locations: Vec::new(),
    })
}

fn finding_result(rules: &mut Rules, file: &str, title: &str, finding: &Finding) -> SarifResult {
    let code = finding.code();
    let related_locations = match finding {
        Finding::Expectation { notes, .. } => notes
            .iter()
            .filter_map(|note| note.at.as_ref().map(|at| (note, at)))
            .enumerate()
            .map(|(id, (note, at))| Location {
                id: Some(id),
                physical_location: place(&at.file, at.line, Some(at.column)),
                message: Some(text(note.text.clone())),
            })
            .collect(),
        Finding::Snapshot { .. } => Vec::new(),
    };
    SarifResult {
        rule_id: code.to_string(),
        rule_index: rules.add(code, code, code, "error"),
        level: "error",
        message: text(format!("{title}: {}", finding.text())),
        locations: vec![Location {
            id: None,
            physical_location: place(file, finding.line(), None),
            message: None,
        }],
        related_locations,
    }
}

/// One SARIF log. Passing documents add nothing to it, so only the others
/// are kept until the run is over, when the log is written whole.
#[derive(Default)]
pub struct SarifTestReport {
    kept: Vec<DocumentRun>,
}

impl TestReport for SarifTestReport {
    fn document(&mut self, document: DocumentRun, _out: &mut String) {
        if document.status != Status::Passed {
            self.kept.push(document);
        }
    }

    fn finish(&mut self, run: &TestRun, out: &mut String) {
        out.push_str(&log(run, &self.kept));
    }
}

fn log(run: &TestRun, documents: &[DocumentRun]) -> String {
    let mut rules = Rules::new();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for diagnostic in &run.run_errors {
        match diagnostic_result(&mut rules, diagnostic, "the run could not start") {
            Some(result) => results.push(result),
            None => notifications.push(Notification {
                level: "error",
                message: text(diagnostic.message()),
            }),
        }
    }
    for document in documents {
        let title = document_title(document);
        match document.status {
            Status::Passed => {}
            Status::Unchecked => results.push(SarifResult {
                rule_id: "eligo::test::unchecked".into(),
                rule_index: rules.add("eligo::test::unchecked", "", "", "note"),
                level: "note",
                message: text(format!("{title}: {UNCHECKED_REASON}")),
                locations: vec![Location {
                    id: None,
                    physical_location: place(&document.file, document.line, None),
                    message: None,
                }],
                related_locations: Vec::new(),
            }),
            Status::Failed => {
                for finding in &document.findings {
                    results.push(finding_result(&mut rules, &document.file, &title, finding));
                }
            }
            Status::Error => {
                for diagnostic in &document.diagnostics {
                    match diagnostic_result(&mut rules, diagnostic, &title) {
                        Some(result) => results.push(result),
                        None => notifications.push(Notification {
                            level: "error",
                            message: text(format!("{title}: {}", diagnostic.message())),
                        }),
                    }
                }
            }
        }
    }
    if let Some(coverage) = run.coverage.as_ref().filter(|c| !c.met()) {
        let mut message = coverage.headline();
        for line in coverage.unexercised() {
            message.push('\n');
            message.push_str(&line);
        }
        notifications.push(Notification {
            level: "error",
            message: text(message),
        });
    }
    let log = serde_json::json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "eligo",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules.list,
            }},
            "invocations": [{
                "executionSuccessful": run.run_errors.is_empty(),
                "exitCode": run.exit_code(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": run.summary(),
        }],
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(path_uri("tests/a b.yaml"), "tests/a%20b.yaml");
        assert_eq!(path_uri("/srv/x#1.yaml"), "file:///srv/x%231.yaml");
        assert_eq!(path_uri("C:\\work\\x.yaml"), "file:///C:/work/x.yaml");
        assert_eq!(path_uri("tests/été.yaml"), "tests/%C3%A9t%C3%A9.yaml");
    }
}
