//! What each fuzz target checks, as plain functions: the fuzz targets call
//! them with libFuzzer's inputs, and `tests/fuzz_corpus.rs` calls them with
//! every committed corpus and regression file, on stable Rust. Each returns
//! normally when the property holds and panics when it does not.

use eligo::diagnostic::{FileDiagnostic, RenderStyle};
use eligo::report::{self, Style};
use eligo::PolicySet;

mod reference;

pub use reference::arithmetic;

/// Policy text: parsing, checking and linting never panic, and every
/// diagnostic renders, as text and as JSON.
pub fn policy(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match eligo::load_policy_files(&[("fuzz.policy", text)]) {
        Ok(set) => {
            let options = eligo::lint::LintOptions {
                deny_warnings: false,
            };
            render_all(&eligo::lint::lint(&set, &options));
        }
        Err(diagnostics) => render_all(&diagnostics),
    }
}

/// Formatting: what formats is a fixed point (formatting it again changes
/// nothing), and it checks exactly as the original does: the same
/// decisions, rules and values, or the same diagnostic codes.
pub fn format(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(formatted) = eligo::fmt::format_source(text) else {
        return;
    };
    match eligo::fmt::format_source(&formatted) {
        Ok(again) => assert_eq!(again, formatted, "formatting is not idempotent"),
        Err(_) => panic!("formatted text does not format again"),
    }
    let before = eligo::load_policy_files(&[("fuzz.policy", text)]);
    let after = eligo::load_policy_files(&[("fuzz.policy", &formatted)]);
    assert_eq!(
        summary(&before),
        summary(&after),
        "formatting changed what checks"
    );
}

/// What a check result amounts to, without positions: the decisions with
/// their rules and values, or the diagnostic codes.
fn summary(checked: &Result<PolicySet, Vec<FileDiagnostic>>) -> Result<Vec<String>, Vec<String>> {
    match checked {
        Ok(set) => {
            let mut out: Vec<String> = set.decision_names().map(str::to_string).collect();
            out.extend(set.rules().iter().map(|rule| format!("rule {}", rule.id)));
            Ok(out)
        }
        Err(diagnostics) => Err(diagnostics.iter().map(FileDiagnostic::code_text).collect()),
    }
}

/// A scenario file: loading and deciding it never panics, and every
/// decision and every failure renders in every output format.
pub fn scenario(policies: &PolicySet, data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let style = Style { colour: false };
    for loaded in eligo::scenario::load(policies, "fuzz.yaml", text) {
        let failure = match loaded {
            Ok(scenario) => match eligo::decide(policies, &scenario, true) {
                Ok(result) => {
                    let json = report::json_decision(&result);
                    let parsed = serde_json::from_str::<serde_json::Value>(&json);
                    assert!(parsed.is_ok(), "decision JSON does not parse: {json}");
                    let _ = report::yaml_decision(&result);
                    let _ = report::human_decision(&result, &style);
                    continue;
                }
                Err(failure) => failure,
            },
            Err(error) => eligo::DocumentFailure {
                scenario: format!("{}#{}", error.file, error.index),
                name: error.name,
                line: error.line,
                diagnostics: error.diagnostics,
            },
        };
        render_all(&failure.diagnostics);
        let _ = report::json_failure(&failure);
        let _ = report::yaml_failure(&failure);
        let _ = report::human_failure(&failure, &RenderStyle::plain());
    }
}

fn render_all(diagnostics: &[FileDiagnostic]) {
    for diagnostic in diagnostics {
        let _ = diagnostic.render(&RenderStyle::plain());
        let json = diagnostic.to_json();
        assert!(
            !json.code.is_empty(),
            "a diagnostic without a code: {}",
            json.message
        );
    }
}
