//! `missing-citation`: a rule that names no source. Every rule encodes a
//! sentence of some document; without `cite` a reader cannot check it.

use super::finding::LintFinding;
use super::{Context, Found};
use crate::syntax::ast::ItemKind;

pub fn check(cx: &Context, out: &mut Vec<Found>) {
    for (file, item) in cx.items() {
        let ItemKind::Rule(rule) = &item.kind else {
            continue;
        };
        if rule.cites.is_empty() {
            out.push(Found::new(
                file,
                rule.id.span,
                LintFinding::MissingCitation {
                    id: rule.id.name.clone(),
                    span: rule.id.span.into(),
                },
            ));
        }
    }
}
