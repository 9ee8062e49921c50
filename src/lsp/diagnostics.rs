//! Check errors, lint findings and scenario mismatches as protocol
//! diagnostics: the same code, message and help that `eligo check` prints,
//! the primary label as the range, the other labels as related locations.

use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri,
};
use miette::Diagnostic as _;
use serde_json::json;

use crate::diagnostic::FileDiagnostic;
use crate::syntax::ast::Span;

use super::text::Lines;

/// The replacement a "did you mean `X`?" help proposes.
pub fn proposed_fix(help: &str) -> Option<&str> {
    let rest = help.strip_prefix("did you mean `")?;
    let end = rest.find("`?")?;
    Some(&rest[..end])
}

pub fn to_protocol(found: &FileDiagnostic, text: &str, lines: &Lines, uri: &Uri) -> Diagnostic {
    let mut labels: Vec<(Span, Option<String>)> = found
        .labels()
        .map(|labels| {
            labels
                .map(|l| {
                    let span = Span::new(l.offset(), l.offset() + l.len());
                    (span, l.label().map(str::to_string))
                })
                .collect()
        })
        .unwrap_or_default();
    let primary = if labels.is_empty() {
        Span::default()
    } else {
        labels.remove(0).0
    };
    let help = found.help_text();
    let mut message = found.message();
    if let Some(help) = &help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = labels
        .into_iter()
        .map(|(span, label)| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), lines.range(text, span)),
            message: label.unwrap_or_else(|| "related".into()),
        })
        .collect();
    let fix = help.as_deref().and_then(proposed_fix);
    Diagnostic {
        range: lines.range(text, primary),
        severity: Some(if found.is_error() {
            DiagnosticSeverity::ERROR
        } else {
            DiagnosticSeverity::WARNING
        }),
        code: Some(NumberOrString::String(found.code_text())),
        code_description: None,
        source: Some("eligo".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: fix.map(|replacement| json!({ "replace": replacement })),
    }
}
