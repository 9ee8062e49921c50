//! Go to definition, find references and rename, over the uses the checker
//! resolved and the declarations of every file.

use lsp_types::{
    DocumentChanges, GotoDefinitionParams, GotoDefinitionResponse, Location as Place, OneOf,
    OptionalVersionedTextDocumentIdentifier, PrepareRenameResponse, ReferenceParams, RenameParams,
    TextDocumentEdit, TextDocumentPositionParams, TextEdit, WorkspaceEdit,
};

use crate::check::DefKind;
use crate::plan::Location;

use super::analysis::{Analysis, Definition};
use super::text::path_to_uri;
use super::workspace::Workspace;
use super::{policy_place, Refusal};

fn target<'a>(
    workspace: &'a Workspace,
    place: &TextDocumentPositionParams,
) -> Option<&'a Definition> {
    let (file, offset) = policy_place(workspace, &place.text_document.uri, place.position)?;
    workspace.analysis.definition_at(file, offset)
}

pub fn place(analysis: &Analysis, location: Location) -> Option<Place> {
    let file = analysis.files().get(location.file as usize)?;
    let uri = path_to_uri(&file.path)?;
    let range = analysis.lines[location.file as usize].range(&file.text, location.span);
    Some(Place::new(uri, range))
}

pub fn definition(
    workspace: &Workspace,
    params: &GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    let definition = target(workspace, &params.text_document_position_params)?;
    place(&workspace.analysis, definition.location).map(GotoDefinitionResponse::Scalar)
}

pub fn references(workspace: &Workspace, params: &ReferenceParams) -> Option<Vec<Place>> {
    let definition = target(workspace, &params.text_document_position)?;
    let analysis = &workspace.analysis;
    let mut places = analysis.references(definition);
    if !params.context.include_declaration {
        places.remove(0);
    }
    places.sort_by_key(|l| (l.file, l.span.start));
    Some(
        places
            .into_iter()
            .filter_map(|l| place(analysis, l))
            .collect(),
    )
}

pub fn prepare_rename(
    workspace: &Workspace,
    params: &TextDocumentPositionParams,
) -> Option<PrepareRenameResponse> {
    let (file, offset) = policy_place(workspace, &params.text_document.uri, params.position)?;
    let analysis = &workspace.analysis;
    analysis.definition_at(file, offset)?;
    let at = analysis
        .index
        .uses
        .iter()
        .map(|u| u.at)
        .chain(analysis.definitions.iter().map(|d| d.location))
        .find(|l| l.file == file && l.span.start <= offset && offset <= l.span.end)?;
    Some(PrepareRenameResponse::Range(place(analysis, at)?.range))
}

pub fn rename(workspace: &Workspace, params: &RenameParams) -> Result<WorkspaceEdit, Refusal> {
    let Some(definition) = target(workspace, &params.text_document_position) else {
        return Err(Refusal("there is nothing to rename here".into()));
    };
    let analysis = &workspace.analysis;
    let new_name = params.new_name.as_str();
    if !well_formed(definition.kind, new_name) {
        return Err(Refusal(format!(
            "`{new_name}` is not a valid {} name",
            definition.kind.word()
        )));
    }
    if let Some(clash) = clash(analysis, definition, new_name) {
        return Err(Refusal(clash));
    }
    let mut places = analysis.references(definition);
    places.sort_by_key(|l| (l.file, l.span.start));
    places.dedup();
    let mut document_edits: Vec<TextDocumentEdit> = Vec::new();
    for location in places {
        let Some(found) = place(analysis, location) else {
            continue;
        };
        let edit = OneOf::Left(TextEdit::new(found.range, new_name.to_string()));
        match document_edits.last_mut() {
            Some(last) if last.text_document.uri == found.uri => last.edits.push(edit),
            _ => document_edits.push(TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: found.uri,
                    version: None,
                },
                edits: vec![edit],
            }),
        }
    }
    Ok(WorkspaceEdit {
        document_changes: Some(DocumentChanges::Edits(document_edits)),
        ..Default::default()
    })
}

fn well_formed(kind: DefKind, name: &str) -> bool {
    let ident = |part: &str| {
        let mut chars = part.chars();
        chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
    };
    match kind {
        DefKind::Module => name.split('.').all(ident),
        DefKind::Rule => {
            name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                && !name.ends_with('-')
        }
        _ => ident(name) && !crate::syntax::ITEM_KEYWORDS.contains(&name),
    }
}

/// Why renaming `definition` to `new_name` would clash, if it would.
fn clash(analysis: &Analysis, definition: &Definition, new_name: &str) -> Option<String> {
    let module_level = |kind| {
        matches!(
            kind,
            DefKind::Const | DefKind::Type | DefKind::Enum | DefKind::Table | DefKind::Function
        )
    };
    // Files where the renamed name is visible: its own and every file using it.
    let mut files: Vec<u16> = analysis
        .references(definition)
        .iter()
        .map(|l| l.file)
        .collect();
    files.sort_unstable();
    files.dedup();
    let clashing = analysis.definitions.iter().find(|other| {
        other.name == new_name
            && other.location != definition.location
            && match definition.kind {
                DefKind::Rule | DefKind::Module | DefKind::Decision => {
                    other.kind == definition.kind
                }
                DefKind::Value => other.kind == DefKind::Value && other.owner == definition.owner,
                _ => module_level(other.kind) && files.contains(&other.location.file),
            }
    });
    if let Some(other) = clashing {
        let file = other.location.file;
        let line = analysis.lines[file as usize]
            .position(analysis.text(file), other.location.span.start)
            .line;
        let module = analysis
            .definitions
            .iter()
            .find(|d| d.kind == DefKind::Module && d.location.file == file)
            .map_or(String::new(), |m| format!("module `{}`, ", m.name));
        let kind = other.kind.word();
        let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        return Some(format!(
            "`{new_name}` is already the name of {article} {kind} ({module}line {})",
            line + 1
        ));
    }
    if module_level(definition.kind)
        && (crate::check::is_builtin_type(new_name)
            || crate::check::builtin_usage(new_name).is_some())
    {
        return Some(format!("`{new_name}` is a built-in name"));
    }
    None
}
