//! `eligo lsp`: a language server over stdio. It re-checks the policies
//! with the same checker and lints as `eligo check` after every edit, and
//! answers from that analysis: diagnostics, hover, definitions, references,
//! rename, completion, formatting, outline, semantic tokens and quick fixes,
//! for policy files and for YAML scenario files.

mod actions;
pub mod analysis;
mod complete;
mod diagnostics;
mod hover;
mod navigate;
mod outline;
mod scenario;
pub mod text;
mod tokens;
mod workspace;

pub use analysis::Analysis;
pub use workspace::Workspace;

use std::error::Error;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use crossbeam_channel::TryRecvError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::Notification as _;
use lsp_types::{
    notification, CodeActionProviderCapability, CompletionOptions, HoverProviderCapability,
    InitializeParams, OneOf, RenameOptions, SemanticTokensFullOptions, SemanticTokensOptions,
    SemanticTokensServerCapabilities, ServerCapabilities, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, Uri,
};
use serde_json::Value as Json;

use text::{apply_change, uri_to_path};

type Failure = Box<dyn Error + Send + Sync>;

/// Serves on stdin and stdout until the client says `exit`.
pub fn run() -> i32 {
    let (connection, io_threads) = Connection::stdio();
    let code = match serve(&connection) {
        Ok(()) => 0,
        Err(error) => {
            eprintln!("eligo lsp: {error}");
            1
        }
    };
    drop(connection);
    let _ = io_threads.join();
    code
}

pub fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![".".into(), " ".into(), ",".into(), "{".into()]),
            ..Default::default()
        }),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: tokens::legend(),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                range: None,
                work_done_progress_options: Default::default(),
            },
        )),
        ..Default::default()
    }
}

/// The policies folder: `initializationOptions.policies`, else `policies/`
/// in the workspace root when there is one, else the root itself.
fn policy_root(params: &InitializeParams) -> Option<PathBuf> {
    if let Some(given) = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("policies"))
        .and_then(Json::as_str)
    {
        return Some(PathBuf::from(given));
    }
    #[allow(deprecated)]
    let root: Option<&Uri> = params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .map(|folder| &folder.uri)
        .or(params.root_uri.as_ref());
    let root = PathBuf::from(uri_to_path(root?));
    let policies = root.join("policies");
    Some(if policies.is_dir() { policies } else { root })
}

pub fn serve(connection: &Connection) -> Result<(), Failure> {
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params)?;
    let result = serde_json::json!({
        "capabilities": capabilities(),
        "serverInfo": {"name": "eligo"},
    });
    connection.initialize_finish(id, result)?;
    let mut workspace = Workspace::new(policy_root(&params));
    publish(connection, &mut workspace)?;
    loop {
        // Edits that arrive together are checked once, after the last.
        let message = if workspace.stale {
            match connection.receiver.try_recv() {
                Ok(message) => message,
                Err(TryRecvError::Empty) => {
                    workspace.refresh();
                    publish(connection, &mut workspace)?;
                    continue;
                }
                Err(TryRecvError::Disconnected) => return Ok(()),
            }
        } else {
            match connection.receiver.recv() {
                Ok(message) => message,
                Err(_) => return Ok(()),
            }
        };
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    return Ok(());
                }
                if workspace.stale {
                    workspace.refresh();
                    publish(connection, &mut workspace)?;
                }
                let response = respond(&workspace, request);
                connection.sender.send(Message::Response(response))?;
            }
            Message::Notification(note) => {
                if note.method == notification::Exit::METHOD {
                    return Ok(());
                }
                notify(&mut workspace, note);
            }
            Message::Response(_) => {}
        }
    }
}

fn publish(connection: &Connection, workspace: &mut Workspace) -> Result<(), Failure> {
    for params in workspace.publish() {
        let note = Notification::new(notification::PublishDiagnostics::METHOD.into(), params);
        connection.sender.send(Message::Notification(note))?;
    }
    Ok(())
}

fn notify(workspace: &mut Workspace, note: Notification) {
    match note.method.as_str() {
        "textDocument/didOpen" => {
            if let Ok(p) =
                serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(note.params)
            {
                workspace.open(uri_to_path(&p.text_document.uri), p.text_document.text);
            }
        }
        "textDocument/didChange" => {
            if let Ok(p) =
                serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(note.params)
            {
                if let Some(text) = workspace.text_mut(&uri_to_path(&p.text_document.uri)) {
                    for change in p.content_changes {
                        apply_change(text, change);
                    }
                }
            }
        }
        "textDocument/didClose" => {
            if let Ok(p) =
                serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(note.params)
            {
                workspace.close(&uri_to_path(&p.text_document.uri));
            }
        }
        _ => {}
    }
}

/// Answers one request. A handler that fails answers with an error rather
/// than taking the server down.
fn respond(workspace: &Workspace, request: Request) -> Response {
    let id = request.id.clone();
    match catch_unwind(AssertUnwindSafe(|| dispatch(workspace, request))) {
        Ok(Ok(result)) => Response::new_ok(id, result),
        Ok(Err(Refusal(message))) => {
            Response::new_err(id, ErrorCode::RequestFailed as i32, message)
        }
        Err(_) => Response::new_err(
            id,
            ErrorCode::InternalError as i32,
            "the request could not be answered".into(),
        ),
    }
}

/// A request the server declines, with the reason shown to the user.
pub struct Refusal(pub String);

fn params<P: serde::de::DeserializeOwned>(request: Request) -> Result<P, Refusal> {
    serde_json::from_value(request.params)
        .map_err(|error| Refusal(format!("invalid parameters: {error}")))
}

fn to_json(value: impl serde::Serialize) -> Result<Json, Refusal> {
    serde_json::to_value(value).map_err(|e| Refusal(e.to_string()))
}

fn dispatch(workspace: &Workspace, request: Request) -> Result<Json, Refusal> {
    match request.method.as_str() {
        "textDocument/hover" => to_json(hover::hover(workspace, &params(request)?)),
        "textDocument/definition" => to_json(navigate::definition(workspace, &params(request)?)),
        "textDocument/references" => to_json(navigate::references(workspace, &params(request)?)),
        "textDocument/prepareRename" => {
            to_json(navigate::prepare_rename(workspace, &params(request)?))
        }
        "textDocument/rename" => to_json(navigate::rename(workspace, &params(request)?)?),
        "textDocument/completion" => to_json(complete::complete(workspace, &params(request)?)),
        "textDocument/formatting" => to_json(actions::format(workspace, &params(request)?)?),
        "textDocument/documentSymbol" => to_json(outline::symbols(workspace, &params(request)?)),
        "textDocument/semanticTokens/full" => {
            to_json(tokens::semantic_tokens(workspace, &params(request)?))
        }
        "textDocument/codeAction" => to_json(actions::code_actions(workspace, &params(request)?)),
        other => Err(Refusal(format!("`{other}` is not supported"))),
    }
}

/// The policy file a request is about, with the byte offset it points at.
pub(crate) fn policy_place(
    workspace: &Workspace,
    uri: &Uri,
    position: lsp_types::Position,
) -> Option<(u16, usize)> {
    let analysis = &workspace.analysis;
    let file = analysis.file_index(&uri_to_path(uri))?;
    let offset = analysis.lines[file as usize].offset(analysis.text(file), position);
    Some((file, offset))
}
