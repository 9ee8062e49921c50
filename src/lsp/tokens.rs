//! Semantic tokens: a small lexer colours keywords, comments, strings and
//! numbers; names take their colour from what the checker resolved them
//! to, so a constant, a table, a rule ID and an enum member look different.

use lsp_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens, SemanticTokensLegend,
    SemanticTokensParams, SemanticTokensResult,
};

use crate::check::{builtin_usage, is_builtin_type, DefKind};
use crate::types::Type;

use super::analysis::Analysis;
use super::text::uri_to_path;

/// The words the grammar reserves, and the quantifiers and names with a
/// fixed meaning.
pub const KEYWORDS: [&str; 41] = [
    "fn", "and", "const", "cite", "decision", "enum", "else", "for", "false", "hit", "import",
    "if", "in", "is", "let", "module", "match", "not", "outcomes", "outcome", "or", "rule",
    "rules", "require", "type", "table", "then", "true", "value", "when", "all", "any", "count",
    "sum", "min", "max", "filter", "map", "absent", "input", "now",
];

const TYPES: [SemanticTokenType; 13] = [
    SemanticTokenType::KEYWORD,
    SemanticTokenType::COMMENT,
    SemanticTokenType::STRING,
    SemanticTokenType::NUMBER,
    SemanticTokenType::NAMESPACE,
    SemanticTokenType::VARIABLE,
    SemanticTokenType::TYPE,
    SemanticTokenType::ENUM,
    SemanticTokenType::FUNCTION,
    SemanticTokenType::EVENT,
    SemanticTokenType::CLASS,
    SemanticTokenType::PROPERTY,
    SemanticTokenType::ENUM_MEMBER,
];

#[derive(Clone, Copy)]
enum Kind {
    Keyword,
    Comment,
    Str,
    Number,
    Namespace,
    Variable,
    Type,
    Enum,
    Function,
    Event,
    Class,
    Property,
    EnumMember,
}

const DECLARATION: u32 = 1;
const DOCUMENTATION: u32 = 2;

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TYPES.to_vec(),
        token_modifiers: vec![
            SemanticTokenModifier::DECLARATION,
            SemanticTokenModifier::DOCUMENTATION,
        ],
    }
}

fn of_definition(kind: DefKind) -> Kind {
    match kind {
        DefKind::Module => Kind::Namespace,
        DefKind::Const => Kind::Variable,
        DefKind::Type => Kind::Type,
        DefKind::Enum => Kind::Enum,
        DefKind::Table | DefKind::Function => Kind::Function,
        DefKind::Rule => Kind::Event,
        DefKind::Decision => Kind::Class,
        DefKind::Value => Kind::Property,
    }
}

pub fn semantic_tokens(
    workspace: &super::Workspace,
    params: &SemanticTokensParams,
) -> Option<SemanticTokensResult> {
    let analysis = &workspace.analysis;
    let file = analysis.file_index(&uri_to_path(&params.text_document.uri))?;
    Some(SemanticTokensResult::Tokens(SemanticTokens {
        result_id: None,
        data: encode(&lex(analysis, file)),
    }))
}

/// (line, start column, length, in UTF-16 units; kind; modifiers)
type Token = (u32, u32, u32, Kind, u32);

fn lex(analysis: &Analysis, file: u16) -> Vec<Token> {
    let text = analysis.text(file);
    let mut tokens = Vec::new();
    let mut line_start = 0usize;
    let mut in_string = false;
    for (line_number, line) in text.split('\n').enumerate() {
        let column = |byte: usize| line[..byte].encode_utf16().count() as u32;
        let mut push = |start: usize, end: usize, kind: Kind, modifiers: u32| {
            if end > start {
                let length = line[start..end].encode_utf16().count() as u32;
                tokens.push((line_number as u32, column(start), length, kind, modifiers));
            }
        };
        let bytes = line.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            if in_string {
                let end = string_end(line, at);
                in_string = end.is_none();
                let end = end.unwrap_or(line.len());
                push(at, end, Kind::Str, 0);
                at = end;
                continue;
            }
            let c = bytes[at];
            if line[at..].starts_with("//") {
                let docs = if line[at..].starts_with("///") {
                    DOCUMENTATION
                } else {
                    0
                };
                push(at, line.len(), Kind::Comment, docs);
                break;
            } else if c == b'"' {
                let end = string_end(line, at + 1);
                in_string = end.is_none();
                let end = end.unwrap_or(line.len());
                push(at, end, Kind::Str, 0);
                at = end;
            } else if c.is_ascii_digit() {
                let end = scan(line, at, |b| b.is_ascii_alphanumeric() || b == b'.');
                push(at, end, Kind::Number, 0);
                at = end;
            } else if c.is_ascii_alphabetic() || c == b'_' {
                let end = word_end(line, at);
                let word = &line[at..end];
                let found = classify(analysis, file, line_start + at, word, &line[end..]);
                // A resolved name may be longer than one word (`shop.place`).
                let end = match found {
                    Some((_, _, Some(span_end))) => (span_end - line_start).clamp(end, line.len()),
                    _ => end,
                };
                if let Some((kind, modifiers, _)) = found {
                    push(at, end, kind, modifiers);
                }
                at = end;
            } else {
                at += line[at..].chars().next().map_or(1, char::len_utf8);
            }
        }
        line_start += line.len() + 1;
    }
    tokens
}

fn scan(line: &str, from: usize, keep: impl Fn(u8) -> bool) -> usize {
    let bytes = line.as_bytes();
    let mut end = from;
    while end < bytes.len() && keep(bytes[end]) {
        end += 1;
    }
    end
}

/// A name, or a rule ID such as `MPO-002` (dashes between capitals and digits).
fn word_end(line: &str, from: usize) -> usize {
    let bytes = line.as_bytes();
    let mut end = scan(line, from, |b| b.is_ascii_alphanumeric() || b == b'_');
    let capitals = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
    };
    while end + 1 < bytes.len()
        && bytes[end] == b'-'
        && bytes[end + 1].is_ascii_alphanumeric()
        && capitals(&line[from..end])
    {
        end = scan(line, end + 1, |b| b.is_ascii_alphanumeric() || b == b'_');
    }
    end
}

/// The end of a string whose text starts at `from` (after the quote), or
/// `None` when it goes on past the line.
fn string_end(line: &str, from: usize) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut at = from;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'"' => return Some(at + 1),
            _ => at += 1,
        }
    }
    None
}

/// The kind and modifiers of the word at `offset`, and where a resolved
/// name ends.
fn classify(
    analysis: &Analysis,
    file: u16,
    offset: usize,
    word: &str,
    after: &str,
) -> Option<(Kind, u32, Option<usize>)> {
    let here = |l: &crate::plan::Location| l.file == file && l.span.start == offset;
    let key = |l: &crate::plan::Location| (l.file, l.span.start);
    let uses = &analysis.index.uses;
    let first = uses.partition_point(|u| key(&u.at) < (file, offset));
    if let Some(used) = uses.get(first).filter(|u| here(&u.at)) {
        return Some((of_definition(used.kind), 0, Some(used.at.span.end)));
    }
    if let Some(definition) = analysis.definitions.iter().find(|d| here(&d.location)) {
        let end = definition.location.span.end;
        return Some((of_definition(definition.kind), DECLARATION, Some(end)));
    }
    let typed = &analysis.index.typed;
    let first = typed.partition_point(|t| key(&t.at) < (file, offset));
    if let Some(typed) = typed.get(first).filter(|t| here(&t.at)) {
        let kind = match (typed.declared, typed.ty.required()) {
            (None, Type::Enum(_)) => Kind::EnumMember,
            _ => Kind::Property,
        };
        return Some((kind, 0, None));
    }
    if KEYWORDS.contains(&word) {
        return Some((Kind::Keyword, 0, None));
    }
    if is_builtin_type(word) {
        return Some((Kind::Type, 0, None));
    }
    if builtin_usage(word).is_some() && after.trim_start().starts_with('(') {
        return Some((Kind::Function, 0, None));
    }
    None
}

fn encode(tokens: &[Token]) -> Vec<SemanticToken> {
    let mut out = Vec::with_capacity(tokens.len());
    let (mut last_line, mut last_start) = (0, 0);
    for &(line, start, length, kind, modifiers) in tokens {
        let delta_line = line - last_line;
        let delta_start = if delta_line == 0 {
            start - last_start
        } else {
            start
        };
        out.push(SemanticToken {
            delta_line,
            delta_start,
            length,
            token_type: kind as u32,
            token_modifiers_bitset: modifiers,
        });
        last_line = line;
        last_start = start;
    }
    out
}
