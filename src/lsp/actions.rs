//! Formatting through `eligo fmt`, and quick fixes: the replacement a
//! diagnostic's "did you mean `X`?" proposes.

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, DocumentFormattingParams,
    Position, Range, TextEdit, WorkspaceEdit,
};

use crate::fmt::{format_source, FormatFailure};

use super::text::{uri_to_path, Lines};
use super::workspace::{is_scenario, Workspace};
use super::Refusal;

/// One edit replacing the whole document, or none when it is formatted.
pub fn format(
    workspace: &Workspace,
    params: &DocumentFormattingParams,
) -> Result<Option<Vec<TextEdit>>, Refusal> {
    let path = uri_to_path(&params.text_document.uri);
    if is_scenario(&path) {
        return Ok(None);
    }
    let Some(text) = workspace.text(&path) else {
        return Ok(None);
    };
    let formatted = format_source(text).map_err(|failure| match failure {
        FormatFailure::Syntax(errors) => Refusal(format!(
            "`{path}` is not formatted while it does not parse ({} syntax errors)",
            errors.len()
        )),
        FormatFailure::Unsafe(error) => Refusal(error.to_string()),
    })?;
    if formatted == text {
        return Ok(Some(Vec::new()));
    }
    let lines = Lines::new(text);
    let end = lines.position(text, text.len());
    Ok(Some(vec![TextEdit::new(
        Range::new(Position::new(0, 0), end),
        formatted,
    )]))
}

/// A quick fix for each diagnostic in the request that proposes one.
pub fn code_actions(_workspace: &Workspace, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let mut actions = Vec::new();
    for diagnostic in &params.context.diagnostics {
        let Some(replacement) = diagnostic
            .data
            .as_ref()
            .and_then(|d| d.get("replace"))
            .and_then(|r| r.as_str())
        else {
            continue;
        };
        let edit = TextEdit::new(diagnostic.range, replacement.to_string());
        #[allow(clippy::mutable_key_type)]
        let changes = std::iter::once((params.text_document.uri.clone(), vec![edit])).collect();
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("replace with `{replacement}`"),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diagnostic.clone()]),
            edit: Some(WorkspaceEdit {
                changes: Some(changes),
                ..Default::default()
            }),
            is_preferred: Some(true),
            ..Default::default()
        }));
    }
    actions
}
