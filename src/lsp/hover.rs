//! Hover: what a rule, declaration, field path, symbol or built-in is,
//! in a few lines of Markdown.

use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use crate::check::{builtin_usage, DefKind};
use crate::plan::Location;
use crate::syntax::ast::ItemKind;
use crate::types::Type;

use super::analysis::{Analysis, Definition};
use super::text::{uri_to_path, word_at};
use super::workspace::{is_scenario, Workspace};
use super::{policy_place, scenario};

pub fn hover(workspace: &Workspace, params: &HoverParams) -> Option<Hover> {
    let place = &params.text_document_position_params;
    if is_scenario(&uri_to_path(&place.text_document.uri)) {
        return scenario::hover(workspace, place);
    }
    let (file, offset) = policy_place(workspace, &place.text_document.uri, place.position)?;
    let analysis = &workspace.analysis;
    let (span, text) = describe(analysis, file, offset)?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(analysis.lines[file as usize].range(analysis.text(file), span)),
    })
}

fn describe(
    analysis: &Analysis,
    file: u16,
    offset: usize,
) -> Option<(crate::syntax::ast::Span, String)> {
    let inside = |l: &Location| l.file == file && l.span.start <= offset && offset <= l.span.end;
    if let Some(typed) = analysis.index.typed.iter().find(|t| inside(&t.at)) {
        let written = analysis.source(typed.at);
        let text = match (&typed.declared, typed.ty.required()) {
            (Some(declared), _) => field_text(analysis, written, &typed.ty, *declared),
            (None, Type::Enum(e)) => match &e.name {
                Some(name) => format!(
                    "`{written}`: a member of enum `{name}`\n\nmembers: {}",
                    e.listing()
                ),
                None => format!(
                    "`{written}`: a member of `{}`",
                    e.names().collect::<Vec<_>>().join(" | ")
                ),
            },
            (None, ty) => format!("`{written}`: `{}`", ty.display()),
        };
        return Some((typed.at.span, text));
    }
    if let Some(definition) = analysis.definition_at(file, offset) {
        let (span, _) = word_at(analysis.text(file), offset)?;
        return Some((span, declaration_text(analysis, definition)));
    }
    let (span, word) = word_at(analysis.text(file), offset)?;
    let called = analysis
        .text(file)
        .get(span.end..)
        .is_some_and(|rest| rest.trim_start().starts_with('('));
    let usage = builtin_usage(word).filter(|_| called)?;
    Some((
        span,
        format!("built-in function `{word}`\n\n```\n{usage}\n```"),
    ))
}

/// `name: type` and the comment written above (or after) the field.
pub fn field_text(analysis: &Analysis, name: &str, ty: &Type, declared: Location) -> String {
    let mut text = format!("```eligo\n{name}: {}\n```", ty.display());
    let docs = comments_at(analysis.text(declared.file), declared.span.start);
    if !docs.is_empty() {
        text.push_str("\n\n");
        text.push_str(&docs.join("\n"));
    }
    text
}

/// The `//` or `///` lines directly above the line holding `offset`, and a
/// comment that ends that line.
pub fn comments_at(text: &str, offset: usize) -> Vec<String> {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let mut above: Vec<String> = text[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .take_while(|line| line.starts_with("//"))
        .map(|line| line.trim_start_matches('/').trim().to_string())
        .collect();
    above.reverse();
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    if let Some(at) = text[offset..line_end].find("//") {
        let comment = text[offset + at..line_end].trim_start_matches('/').trim();
        above.push(comment.to_string());
    }
    above
}

fn declaration_text(analysis: &Analysis, definition: &Definition) -> String {
    let mut text = match definition.kind {
        DefKind::Rule => rule_text(analysis, definition),
        DefKind::Decision => decision_text(analysis, definition),
        _ => {
            let source = analysis.source(Location {
                file: definition.location.file,
                span: definition.extent,
            });
            let shown: Vec<&str> = source.lines().take(12).collect();
            let more = if source.lines().count() > 12 {
                "\n…"
            } else {
                ""
            };
            let owner = definition
                .owner
                .as_ref()
                .map(|o| format!(" of decision `{o}`"))
                .unwrap_or_default();
            format!(
                "{} `{}`{owner}\n\n```eligo\n{}{more}\n```",
                definition.kind.word(),
                definition.name,
                shown.join("\n")
            )
        }
    };
    let docs = analysis.docs_of(definition);
    if !docs.is_empty() && definition.kind != DefKind::Value {
        text.push_str("\n\n");
        text.push_str(&docs.join("\n"));
    }
    text
}

fn rule_text(analysis: &Analysis, definition: &Definition) -> String {
    let item = analysis
        .asts()
        .get(definition.location.file as usize)
        .and_then(|ast| ast.items.get(definition.item));
    let Some(ItemKind::Rule(rule)) = item.map(|i| &i.kind) else {
        return format!("rule `{}`", definition.name);
    };
    let mut text = format!("**rule `{}`**: {}", rule.id.name, rule.title);
    if !rule.cites.is_empty() {
        let cites: Vec<String> = rule
            .cites
            .iter()
            .map(|c| match &c.section {
                Some(section) => format!("`{}` § {section}", c.source),
                None => format!("`{}`", c.source),
            })
            .collect();
        text.push_str(&format!("\n\ncites {}", cites.join(", ")));
    }
    let users: Vec<String> = analysis
        .index
        .decisions
        .iter()
        .filter(|d| d.rules.contains(&rule.id.name))
        .map(|d| format!("`{}`", d.name))
        .collect();
    if users.is_empty() {
        text.push_str("\n\nused by no decision");
    } else {
        text.push_str(&format!("\n\nused by {}", users.join(", ")));
    }
    text
}

fn decision_text(analysis: &Analysis, definition: &Definition) -> String {
    let item = analysis
        .asts()
        .get(definition.location.file as usize)
        .and_then(|ast| ast.items.get(definition.item));
    let Some(ItemKind::Decision(decision)) = item.map(|i| &i.kind) else {
        return format!("decision `{}`", definition.name);
    };
    let input = decision
        .input
        .as_ref()
        .map(|ty| {
            analysis
                .source(Location {
                    file: definition.location.file,
                    span: ty.span,
                })
                .to_string()
        })
        .unwrap_or_else(|| "?".into());
    format!(
        "**decision `{}`**: {}\n\ninput `{input}`; {} rules, {} values",
        decision.name.name,
        decision.title,
        decision.rules.len(),
        decision.values.len()
    )
}
