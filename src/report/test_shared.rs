//! What every `eligo test` format says the same way: how a document is
//! titled and how a diagnostic reads on one line.

use crate::diagnostic::FileDiagnostic;
use crate::testing::DocumentRun;

/// `path#index (name)`, or `path#index` for a document without a name.
pub fn document_title(document: &DocumentRun) -> String {
    match &document.name {
        Some(name) => format!("{} ({})", document.scenario, one_line(name)),
        None => document.scenario.clone(),
    }
}

/// `file:line:column: code: message`, leaving out what is unknown.
pub fn diagnostic_line(diagnostic: &FileDiagnostic) -> String {
    let json = diagnostic.to_json();
    let mut place = json.file.clone();
    if json.line > 0 {
        place.push_str(&format!(":{}:{}", json.line, json.column));
    }
    let code = if json.code.is_empty() {
        String::new()
    } else {
        format!("{}: ", json.code)
    };
    if place.is_empty() {
        format!("{code}{}", json.message)
    } else {
        format!("{place}: {code}{}", json.message)
    }
}

/// Newlines and other control characters as spaces, for one-line fields.
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Why an unchecked document is unchecked.
pub const UNCHECKED_REASON: &str =
    "no `expect:` block: the decision was evaluated but nothing was checked";
