//! Completion in policy files: fields after a path by the decision's input
//! schema, enum members where a comparison expects one, rule IDs in a
//! `rules` list, modules after `import`, and otherwise built-ins and the
//! names in scope. It reads the text before the cursor, which is usually
//! half-typed and does not parse.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, Documentation,
};

use crate::check::{builtins, DefKind};
use crate::syntax::ast::ItemKind;
use crate::types::Type;

use super::analysis::Analysis;
use super::text::uri_to_path;
use super::workspace::{is_scenario, Workspace};
use super::{policy_place, scenario};

pub fn complete(workspace: &Workspace, params: &CompletionParams) -> Option<CompletionResponse> {
    let place = &params.text_document_position;
    if is_scenario(&uri_to_path(&place.text_document.uri)) {
        return scenario::complete(workspace, place).map(CompletionResponse::Array);
    }
    let (file, offset) = policy_place(workspace, &place.text_document.uri, place.position)?;
    let items = policy_items(&workspace.analysis, file, offset);
    Some(CompletionResponse::Array(items))
}

pub fn item(label: &str, kind: CompletionItemKind, detail: Option<String>) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail,
        ..Default::default()
    }
}

fn policy_items(analysis: &Analysis, file: u16, offset: usize) -> Vec<CompletionItem> {
    let text = analysis.text(file);
    let offset = offset.min(text.len());
    let Some(before) = text.get(..offset) else {
        return Vec::new();
    };
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    if line.trim_start().starts_with("import") {
        return modules(analysis, file);
    }
    let item_start = item_start(before);
    let item_text = &before[item_start..];
    if last_clause(item_text) == Some("rules") {
        return rule_ids(analysis);
    }
    let context = Context {
        analysis,
        item_text,
    };
    let chain = trailing_chain(before);
    if let Some((path, _partial)) = chain.rsplit_once('.') {
        return match context.path_type(path, 0).as_ref().map(Type::required) {
            Some(Type::Record(record)) => record
                .fields
                .iter()
                .map(|f| {
                    let shown = if f.optional {
                        format!("{}?", f.ty.display())
                    } else {
                        f.ty.display().to_string()
                    };
                    item(&f.name, CompletionItemKind::FIELD, Some(shown))
                })
                .collect(),
            _ => Vec::new(),
        };
    }
    if let Some(compared) = compared_path(&before[..before.len() - chain.len()]) {
        if let Some(Type::Enum(e)) = context.path_type(compared, 0).as_ref().map(Type::required) {
            let of = e.name.clone().unwrap_or_default();
            return e
                .names()
                .map(|m| item(m, CompletionItemKind::ENUM_MEMBER, Some(of.clone())))
                .collect();
        }
    }
    names_in_scope(analysis, file, &context)
}

/// Where the item holding the cursor starts: the last line that begins
/// with an item keyword at column 0. Half-typed items do not parse, so the
/// text, not the AST, says which rule or decision the cursor is in.
fn item_start(before: &str) -> usize {
    let mut start = 0;
    let mut offset = 0;
    for line in before.split_inclusive('\n') {
        let keyword = line.split_whitespace().next().unwrap_or("");
        if !line.starts_with(char::is_whitespace) && crate::syntax::ITEM_KEYWORDS.contains(&keyword)
        {
            start = offset;
        }
        offset += line.len();
    }
    start
}

/// The last clause keyword of the item text so far.
fn last_clause(item_text: &str) -> Option<&'static str> {
    const CLAUSES: [&str; 10] = [
        "input", "outcomes", "rules", "value", "outcome", "cite", "for", "let", "when", "require",
    ];
    let mut last = None;
    let mut best = 0;
    for clause in CLAUSES {
        for (at, _) in item_text.match_indices(clause) {
            let before_ok = item_text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace);
            let after_ok = item_text[at + clause.len()..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace);
            if before_ok && after_ok && at >= best {
                best = at;
                last = Some(clause);
            }
        }
    }
    last
}

/// `input.offer.li` at the end of `before`: letters, digits, `_` and `.`.
fn trailing_chain(before: &str) -> &str {
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
        .last()
        .map_or(before.len(), |(i, _)| i);
    &before[start..]
}

/// The path on the left of `==`, `!=` or `in {…,` just before the cursor.
fn compared_path(before: &str) -> Option<&str> {
    let trimmed = before.trim_end();
    let left = if let Some(rest) = trimmed
        .strip_suffix("==")
        .or_else(|| trimmed.strip_suffix("!="))
    {
        rest
    } else {
        let open = trimmed.rfind('{')?;
        let inside = &trimmed[open + 1..];
        if !inside
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == ',' || c.is_whitespace())
        {
            return None;
        }
        trimmed[..open].trim_end().strip_suffix("in")?
    };
    let left = left.trim_end();
    let left = left.strip_suffix(" not").unwrap_or(left);
    let chain = trailing_chain(left);
    (!chain.is_empty()).then_some(chain)
}

struct Context<'a> {
    analysis: &'a Analysis,
    item_text: &'a str,
}

impl Context<'_> {
    /// The type of `path` (`input.a.b` or `local.a`) where the cursor is.
    fn path_type(&self, path: &str, depth: usize) -> Option<Type> {
        if depth > 8 {
            return None;
        }
        let mut parts = path.split('.');
        let root = parts.next()?;
        let mut ty = if root == "input" {
            self.input_type()?
        } else {
            let list = self.binding(root)?;
            let list_ty = self.path_type(list, depth + 1)?;
            list_ty.required().element()?.clone()
        };
        for part in parts {
            ty = match ty.required() {
                Type::Record(record) => record.field(part)?.1.ty.clone(),
                _ => return None,
            };
        }
        Some(ty)
    }

    /// The list a local is bound over: `for x in PATH` or `all(x in PATH: …)`.
    fn binding(&self, name: &str) -> Option<&str> {
        let pattern = format!("{name} in ");
        let (at, _) = self
            .item_text
            .match_indices(&pattern)
            .filter(|(at, _)| {
                let before = self.item_text[..*at].trim_end();
                before.ends_with("for") || before.ends_with('(')
            })
            .last()?;
        let rest = &self.item_text[at + pattern.len()..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .unwrap_or(rest.len());
        Some(&rest[..end]).filter(|p| !p.is_empty())
    }

    /// `("rule", "MPO-002")` from the item's first line.
    fn header(&self) -> Option<(&str, &str)> {
        let mut words = self.item_text.split_whitespace();
        Some((words.next()?, words.next()?))
    }

    fn input_type(&self) -> Option<Type> {
        let decisions = &self.analysis.index.decisions;
        match self.header()? {
            ("decision", name) => decisions
                .iter()
                .find(|x| x.name == name)
                .map(|x| x.input.clone()),
            ("rule", id) => decisions
                .iter()
                .find(|x| x.rules.iter().any(|r| r == id))
                .map(|x| x.input.clone()),
            _ => None,
        }
    }
}

fn modules(analysis: &Analysis, file: u16) -> Vec<CompletionItem> {
    analysis
        .definitions
        .iter()
        .filter(|d| d.kind == DefKind::Module && d.location.file != file)
        .map(|d| {
            let mut completion = item(&d.name, CompletionItemKind::MODULE, None);
            let docs = analysis.docs_of(d);
            if !docs.is_empty() {
                completion.documentation = Some(Documentation::String(docs.join("\n")));
            }
            completion
        })
        .collect()
}

fn rule_ids(analysis: &Analysis) -> Vec<CompletionItem> {
    let mut items: Vec<CompletionItem> = analysis
        .asts()
        .iter()
        .flat_map(|ast| &ast.items)
        .filter_map(|i| match &i.kind {
            ItemKind::Rule(rule) => Some(item(
                &rule.id.name,
                CompletionItemKind::CONSTANT,
                Some(rule.title.clone()),
            )),
            _ => None,
        })
        .collect();
    items.sort_by(|a, b| a.label.cmp(&b.label));
    items
}

/// Built-ins, `input`, the decision's values and the module-level names of
/// this file and the modules it imports.
fn names_in_scope(analysis: &Analysis, file: u16, here: &Context) -> Vec<CompletionItem> {
    let mut items: Vec<CompletionItem> = builtins()
        .map(|(name, usage)| item(name, CompletionItemKind::FUNCTION, Some(usage.to_string())))
        .collect();
    items.push(item("input", CompletionItemKind::VARIABLE, None));
    if let Some(("decision", name)) = here.header() {
        for value in &analysis.definitions {
            if value.kind == DefKind::Value && value.owner.as_deref() == Some(name) {
                items.push(item(&value.name, CompletionItemKind::VARIABLE, None));
            }
        }
    }
    let imported: Vec<&str> = analysis
        .asts()
        .get(file as usize)
        .map(|ast| {
            ast.items
                .iter()
                .filter_map(|i| match &i.kind {
                    ItemKind::Import(import) => Some(import.module.name.as_str()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let module_files: Vec<u16> = analysis
        .definitions
        .iter()
        .filter(|d| {
            d.kind == DefKind::Module
                && (d.location.file == file || imported.contains(&d.name.as_str()))
        })
        .map(|d| d.location.file)
        .chain(std::iter::once(file))
        .collect();
    for d in &analysis.definitions {
        let kind = match d.kind {
            DefKind::Const => CompletionItemKind::CONSTANT,
            DefKind::Type => CompletionItemKind::STRUCT,
            DefKind::Enum => CompletionItemKind::ENUM,
            DefKind::Table | DefKind::Function => CompletionItemKind::FUNCTION,
            _ => continue,
        };
        if module_files.contains(&d.location.file) {
            items.push(item(&d.name, kind, Some(d.kind.word().to_string())));
        }
    }
    items.sort_by(|a, b| a.label.cmp(&b.label));
    items.dedup_by(|a, b| a.label == b.label);
    items
}
