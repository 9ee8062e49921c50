//! `@allow(lint-name, "why")` above an item silences that lint in the item.
//! The reason is required: a silenced finding should say why it is
//! intended. Reported here too: `unknown-lint`, `allow-without-reason`,
//! `unused-allow` (an `@allow` with nothing left to silence) and
//! `unknown-annotation`.

use super::catalogue::Lint;
use super::finding::LintFinding;
use super::{Context, Found};
use crate::diagnostic::did_you_mean;
use crate::syntax::ast::{Annotation, Ident, Span};

/// One lint an `@allow` names, in the item it stands above.
struct Allowance {
    file: u16,
    item: Span,
    lint: Lint,
    name: Ident,
    used: bool,
}

/// The findings `@allow` leaves, followed by what is wrong with the
/// annotations themselves.
pub fn apply(cx: &Context, found: Vec<Found>) -> Vec<Found> {
    let mut annotation_findings = Vec::new();
    let mut allowances = Vec::new();
    for (file, item) in cx.items() {
        for annotation in &item.annotations {
            read_annotation(
                cx,
                file,
                item.span,
                annotation,
                &mut allowances,
                &mut annotation_findings,
            );
        }
    }
    let mut kept = Vec::with_capacity(found.len());
    for finding in found {
        let lint = finding.finding.lint();
        let allowance = allowances.iter_mut().find(|allowance| {
            allowance.file == finding.file
                && allowance.lint == lint
                && lint.can_be_allowed()
                && allowance.item.start <= finding.at.start
                && finding.at.start <= allowance.item.end
        });
        match allowance {
            Some(allowance) => allowance.used = true,
            None => kept.push(finding),
        }
    }
    for allowance in allowances.iter().filter(|allowance| !allowance.used) {
        kept.push(Found::new(
            allowance.file,
            allowance.name.span,
            LintFinding::UnusedAllow {
                name: allowance.lint.name().into(),
                span: allowance.name.span.into(),
            },
        ));
    }
    kept.extend(annotation_findings);
    kept
}

fn read_annotation(
    cx: &Context,
    file: u16,
    item: Span,
    annotation: &Annotation,
    allowances: &mut Vec<Allowance>,
    out: &mut Vec<Found>,
) {
    if annotation.name.name != "allow" {
        out.push(Found::new(
            file,
            annotation.name.span,
            LintFinding::UnknownAnnotation {
                name: annotation.name.name.clone(),
                span: annotation.span.into(),
                help: match did_you_mean(&annotation.name.name, ["allow"]) {
                    Some(_) => "did you mean `@allow`?".into(),
                    None => "the one annotation is `@allow(lint-name, \"reason\")`".into(),
                },
            },
        ));
        return;
    }
    let text = cx.set.files().get(file as usize).map(|f| f.text.clone());
    let is_string = |arg: &Ident| {
        text.as_ref()
            .is_some_and(|text| text.as_bytes().get(arg.span.start) == Some(&b'"'))
    };
    let (reason, names) = match annotation.args.split_last() {
        Some((last, names)) if is_string(last) => (Some(last), names),
        _ => (None, annotation.args.as_slice()),
    };
    let mut named = Vec::new();
    for name in names {
        match Lint::from_name(&name.name).filter(|_| !is_string(name)) {
            Some(lint) => {
                named.push(lint.name());
                allowances.push(Allowance {
                    file,
                    item,
                    lint,
                    name: name.clone(),
                    used: false,
                });
            }
            None => {
                let shown = if is_string(name) {
                    format!("\"{}\"", name.name)
                } else {
                    name.name.clone()
                };
                let help = did_you_mean(&name.name, Lint::ALL.iter().map(|lint| lint.name()))
                    .unwrap_or_else(|| {
                        "name lints first, then one reason; `docs/lints.md` lists them".into()
                    });
                out.push(Found::new(
                    file,
                    name.span,
                    LintFinding::UnknownLint {
                        name: shown,
                        span: name.span.into(),
                        help,
                    },
                ));
            }
        }
    }
    if names.is_empty() {
        out.push(Found::new(
            file,
            annotation.span,
            LintFinding::AllowNamesNoLint {
                span: annotation.span.into(),
            },
        ));
        return;
    }
    let has_reason = reason.is_some_and(|reason| !reason.name.trim().is_empty());
    if !has_reason && !named.is_empty() {
        out.push(Found::new(
            file,
            annotation.span,
            LintFinding::AllowWithoutReason {
                name: named.join(", "),
                span: annotation.span.into(),
            },
        ));
    }
}
