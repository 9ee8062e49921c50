//! Scenario files in the editor: the loader's diagnostics where the input
//! does not fit the schema, and hover and completion of field names and
//! enum members by the decision the document names in `decision:`. The
//! place of the cursor is read from the indentation, so a document that is
//! half-typed and not yet valid YAML still gets answers.

use lsp_types::{
    CompletionItem, CompletionItemKind, Hover, HoverContents, MarkupContent, MarkupKind,
    TextDocumentPositionParams,
};

use crate::diagnostic::FileDiagnostic;
use crate::types::Type;

use super::analysis::Analysis;
use super::complete::item;
use super::hover::field_text;
use super::text::{uri_to_path, Lines};
use super::workspace::Workspace;

const TOP_LEVEL: [(&str, &str); 5] = [
    ("name", "what the scenario shows, free text"),
    ("decision", "the decision to ask"),
    ("as_of", "the evaluation instant (`now`), RFC 3339"),
    (
        "input",
        "the facts, checked against the decision's input schema",
    ),
    (
        "expect",
        "what `eligo test` checks: outcome, failed, values",
    ),
];

/// Every mismatch of every document, against the latest policies that check.
pub fn diagnostics(workspace: &Workspace, path: &str, text: &str) -> Vec<FileDiagnostic> {
    let checked = workspace
        .analysis
        .set()
        .or_else(|| workspace.last_checked.as_ref().and_then(|a| a.set()));
    let Some(set) = checked else {
        return Vec::new();
    };
    crate::scenario::load(set, path, text)
        .into_iter()
        .filter_map(Result::err)
        .flat_map(|failure| failure.diagnostics)
        .collect()
}

/// Where the cursor is in a scenario document.
struct Place<'a> {
    /// The keys above the cursor's line, outermost first.
    parents: Vec<&'a str>,
    /// The key written on the cursor's line, if any.
    key: Option<&'a str>,
    /// The cursor is after the key's colon.
    in_value: bool,
    /// The decision named in the document.
    decision: Option<&'a str>,
}

fn key_of(line: &str) -> Option<(usize, usize, &str)> {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    let (key_col, rest) = match rest.strip_prefix("- ") {
        Some(after) => (
            indent + 2 + (after.len() - after.trim_start().len()),
            after.trim_start(),
        ),
        None => (indent, rest),
    };
    let end = rest.find(':').unwrap_or(rest.len());
    let key = rest[..end].trim();
    let valid = !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_');
    valid.then_some((indent, key_col, key))
}

fn place(text: &str, offset: usize) -> Place<'_> {
    let offset = offset.min(text.len());
    let doc_start = text[..offset]
        .match_indices("\n---")
        .last()
        .map_or(0, |(i, _)| i + 1);
    let doc_end = text[offset..]
        .find("\n---")
        .map_or(text.len(), |i| offset + i);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    let column = offset - line_start;
    let current = key_of(line);
    let in_value = line.find(':').is_some_and(|colon| column > colon);
    let mut indent = match current {
        Some((indent, key_col, _)) if line.trim_start().starts_with("- ") => indent.min(key_col),
        Some((_, key_col, _)) => key_col,
        None => line.len() - line.trim_start().len(),
    };
    let mut parents = Vec::new();
    for above in text[doc_start.min(line_start)..line_start].lines().rev() {
        if indent == 0 {
            break;
        }
        let trimmed = above.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some((line_indent, key_col, key)) = key_of(above) {
            let opens = above.trim_end().ends_with(':');
            if key_col < indent && opens {
                parents.push(key);
                indent = line_indent;
            } else if line_indent < indent && !above.trim_start().starts_with("- ") {
                indent = line_indent;
            }
        }
    }
    parents.reverse();
    let decision = text[doc_start..doc_end].lines().find_map(|l| {
        l.strip_prefix("decision:").map(|v| {
            v.split('#')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\''])
        })
    });
    Place {
        parents,
        key: current.map(|(_, _, key)| key),
        in_value,
        decision,
    }
}

/// The input type of `decision`, with the analysis its locations belong to.
fn input_of<'a>(workspace: &'a Workspace, decision: &str) -> Option<(&'a Analysis, Type)> {
    std::iter::once(&workspace.analysis)
        .chain(workspace.last_checked.as_ref())
        .find_map(|analysis| {
            let found = analysis
                .index
                .decisions
                .iter()
                .find(|d| d.name == decision)?;
            Some((analysis.as_ref(), found.input.clone()))
        })
}

/// The type at `path` below the input, stepping into list elements.
fn walk<'t>(ty: &'t Type, path: &[&str]) -> Option<&'t Type> {
    let mut ty = ty;
    for part in path {
        ty = through_lists(ty);
        ty = match ty {
            Type::Record(record) => &record.field(part)?.1.ty,
            _ => return None,
        };
    }
    Some(ty)
}

fn through_lists(mut ty: &Type) -> &Type {
    loop {
        match ty.required() {
            Type::List(inner) | Type::Set(inner) => ty = inner,
            other => return other,
        }
    }
}

fn text_of<'a>(
    workspace: &'a Workspace,
    place: &TextDocumentPositionParams,
) -> Option<(&'a str, usize)> {
    let text = workspace.text(&uri_to_path(&place.text_document.uri))?;
    let offset = Lines::new(text).offset(text, place.position);
    Some((text, offset))
}

pub fn hover(workspace: &Workspace, position: &TextDocumentPositionParams) -> Option<Hover> {
    let (text, offset) = text_of(workspace, position)?;
    let at = place(text, offset);
    let key = at.key?;
    let value = if at.parents.is_empty() {
        let (_, about) = TOP_LEVEL.iter().find(|(name, _)| *name == key)?;
        format!("`{key}`: {about}")
    } else {
        if at.parents.first() != Some(&"input") {
            return None;
        }
        let (analysis, input) = input_of(workspace, at.decision?)?;
        let record = through_lists(walk(&input, &at.parents[1..])?);
        let Type::Record(record) = record else {
            return None;
        };
        let (_, field) = record.field(key)?;
        let ty = if field.optional {
            Type::Optional(std::sync::Arc::new(field.ty.clone()))
        } else {
            field.ty.clone()
        };
        match field.declared {
            Some(declared) => field_text(analysis, key, &ty, declared),
            None => format!("`{key}`: `{}`", ty.display()),
        }
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: None,
    })
}

pub fn complete(
    workspace: &Workspace,
    position: &TextDocumentPositionParams,
) -> Option<Vec<CompletionItem>> {
    let (text, offset) = text_of(workspace, position)?;
    let at = place(text, offset);
    if at.parents.is_empty() && at.in_value && at.key == Some("decision") {
        let names = workspace.analysis.index.decisions.iter();
        return Some(
            names
                .map(|d| item(&d.name, CompletionItemKind::CLASS, None))
                .collect(),
        );
    }
    if at.parents.is_empty() && !at.in_value {
        return Some(
            TOP_LEVEL
                .iter()
                .map(|(name, about)| {
                    item(name, CompletionItemKind::PROPERTY, Some(about.to_string()))
                })
                .collect(),
        );
    }
    if at.parents.first() != Some(&"input") {
        return Some(Vec::new());
    }
    let (_, input) = input_of(workspace, at.decision?)?;
    let parent = through_lists(walk(&input, &at.parents[1..])?);
    let Type::Record(record) = parent else {
        return Some(Vec::new());
    };
    if at.in_value {
        let field = record.field(at.key?)?.1;
        let Type::Enum(members) = through_lists(&field.ty) else {
            return Some(Vec::new());
        };
        let of = members.name.clone();
        return Some(
            members
                .names()
                .map(|m| item(m, CompletionItemKind::ENUM_MEMBER, of.clone()))
                .collect(),
        );
    }
    Some(
        record
            .fields
            .iter()
            .map(|f| {
                let shown = if f.optional {
                    format!("{} (optional)", f.ty.display())
                } else {
                    f.ty.display().to_string()
                };
                item(&f.name, CompletionItemKind::FIELD, Some(shown))
            })
            .collect(),
    )
}
