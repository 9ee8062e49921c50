//! Document symbols: the outline of a policy file, one entry per item, with
//! a decision's values and an enum's members inside it.

use lsp_types::{DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, SymbolKind};

use crate::syntax::ast::{ItemKind, Span};

use super::analysis::Analysis;
use super::text::uri_to_path;

pub fn symbols(
    workspace: &super::Workspace,
    params: &DocumentSymbolParams,
) -> Option<DocumentSymbolResponse> {
    let analysis = &workspace.analysis;
    let file = analysis.file_index(&uri_to_path(&params.text_document.uri))?;
    let ast = analysis.asts().get(file as usize)?;
    let mut out = Vec::new();
    for item in &ast.items {
        let (name, kind, detail, children) = match &item.kind {
            ItemKind::Module(name) => (name, SymbolKind::MODULE, None, Vec::new()),
            ItemKind::Import(_) => continue,
            ItemKind::Const(d) => (&d.name, SymbolKind::CONSTANT, None, Vec::new()),
            ItemKind::Type(d) => (&d.name, SymbolKind::STRUCT, None, Vec::new()),
            ItemKind::Enum(d) => {
                let members = d
                    .symbols
                    .iter()
                    .map(|m| {
                        symbol(
                            analysis,
                            file,
                            &m.name,
                            SymbolKind::ENUM_MEMBER,
                            None,
                            m.span,
                            m.span,
                            Vec::new(),
                        )
                    })
                    .collect();
                (&d.name, SymbolKind::ENUM, None, members)
            }
            ItemKind::Table(d) => (
                &d.name,
                SymbolKind::FUNCTION,
                Some(format!("hit {}", d.hit.name())),
                Vec::new(),
            ),
            ItemKind::Function(d) => (&d.name, SymbolKind::FUNCTION, None, Vec::new()),
            ItemKind::Rule(d) => (&d.id, SymbolKind::EVENT, Some(d.title.clone()), Vec::new()),
            ItemKind::Decision(d) => {
                let values = d
                    .values
                    .iter()
                    .map(|v| {
                        let extent = v.name.span.to(v.expr.span);
                        symbol(
                            analysis,
                            file,
                            &v.name.name,
                            SymbolKind::PROPERTY,
                            None,
                            extent,
                            v.name.span,
                            Vec::new(),
                        )
                    })
                    .collect();
                (&d.name, SymbolKind::CLASS, Some(d.title.clone()), values)
            }
        };
        out.push(symbol(
            analysis, file, &name.name, kind, detail, item.span, name.span, children,
        ));
    }
    Some(DocumentSymbolResponse::Nested(out))
}

#[allow(clippy::too_many_arguments)]
fn symbol(
    analysis: &Analysis,
    file: u16,
    name: &str,
    kind: SymbolKind,
    detail: Option<String>,
    extent: Span,
    name_span: Span,
    children: Vec<DocumentSymbol>,
) -> DocumentSymbol {
    let text = analysis.text(file);
    let lines = &analysis.lines[file as usize];
    let extent = trim_end(text, extent);
    #[allow(deprecated)]
    DocumentSymbol {
        name: name.to_string(),
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: lines.range(text, extent),
        selection_range: lines.range(text, name_span),
        children: (!children.is_empty()).then_some(children),
    }
}

/// An item's span without the blank lines that follow it.
fn trim_end(text: &str, span: Span) -> Span {
    let inside = text.get(span.start..span.end).unwrap_or("");
    Span::new(span.start, span.start + inside.trim_end().len())
}
