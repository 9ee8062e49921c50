//! The syntax layer: policy text to AST. Nothing outside this module touches
//! pest types; everything after it works on `ast`.

pub mod ast;
mod chunks;
mod comments;
mod errors;
mod grammar;
mod lower;
mod lower_expr;

pub use chunks::ITEM_KEYWORDS;
pub use comments::comments;
pub use errors::SyntaxError;

use pest::Parser;

use crate::limits::{Limit, LimitError, Limits};

use grammar::{PolicyParser, Rule};

/// Parses one policy file. Every item is parsed on its own so that all broken
/// items are reported; the items that parse are returned alongside.
pub fn parse_file(source: &str) -> (ast::File, Vec<SyntaxError>) {
    parse_file_within(source, &Limits::default())
}

/// [`parse_file`] within `limits` on items per file and bracket nesting.
pub fn parse_file_within(source: &str, limits: &Limits) -> (ast::File, Vec<SyntaxError>) {
    let mut file = ast::File::default();
    let mut errors = Vec::new();
    let items = chunks::split_items(source);
    if let Some(&(first_beyond, _)) = items.get(limits.policy_items) {
        let subject = format!("the file has {} items", items.len());
        let max = limits.policy_items as u64;
        let error = LimitError::new(Limit::PolicyItems, max, subject).at((first_beyond, 1));
        return (file, vec![error.into()]);
    }
    for (start, end) in items {
        let text = &source[start..end];
        if let Some(error) = too_deep(text, start, limits.policy_nesting) {
            errors.push(error);
            continue;
        }
        match PolicyParser::parse(Rule::chunk, text) {
            Ok(mut pairs) => {
                let Some(chunk) = pairs.next() else { continue };
                for pair in chunk.into_inner() {
                    if pair.as_rule() == Rule::item {
                        match lower::item(pair, start, doc_lines(text)) {
                            Ok(item) => file.items.push(item),
                            Err(error) => errors.push(error),
                        }
                    }
                }
            }
            Err(error) => {
                let position = match error.location {
                    pest::error::InputLocation::Pos(pos) => pos,
                    pest::error::InputLocation::Span((pos, _)) => pos,
                };
                let positives = match &error.variant {
                    pest::error::ErrorVariant::ParsingError { positives, .. } => positives.clone(),
                    pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
                };
                let tokens = structural_tokens(text);
                errors.push(errors::translate(
                    text, start, position, &positives, &tokens,
                ));
            }
        }
    }
    assign_module(&mut file, &mut errors, source);
    (file, errors)
}

/// Policy text without its `//` comments (string literals kept whole).
pub fn without_comments(text: &str) -> String {
    text.lines()
        .map(|line| match lower_expr::comment_start(line) {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Finds brackets nested deeper than `max_nesting`, outside strings and
/// comments, before the recursive parser meets them.
fn too_deep(item: &str, base: usize, max_nesting: usize) -> Option<SyntaxError> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut in_comment = false;
    let mut previous = '\0';
    for (index, c) in item.char_indices() {
        if in_comment {
            in_comment = c != '\n';
        } else if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else {
            match c {
                '"' => in_string = true,
                '/' if previous == '/' => in_comment = true,
                '(' | '[' | '{' => {
                    depth += 1;
                    if depth > max_nesting {
                        let subject = format!("brackets nest {depth} levels deep");
                        let max = max_nesting as u64;
                        let error = LimitError::new(Limit::PolicyNesting, max, subject);
                        return Some(error.at((base + index, 1)).into());
                    }
                }
                ')' | ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        previous = c;
    }
    None
}

/// The `///` lines above an item, without their slashes.
fn doc_lines(item: &str) -> Vec<String> {
    item.lines()
        .map(str::trim)
        .take_while(|line| {
            line.starts_with("///")
                || line.starts_with('@')
                || line.starts_with("//")
                || line.is_empty()
        })
        .filter_map(|line| line.strip_prefix("///"))
        .map(|text| {
            text.strip_prefix(' ')
                .unwrap_or(text)
                .trim_end()
                .to_string()
        })
        .collect()
}

/// Closing brackets and separators pest would have accepted where `text`
/// fails. Collecting them costs a second parse, so it is only done for
/// text that is already known to be broken.
fn structural_tokens(text: &str) -> Vec<String> {
    const STRUCTURAL: [&str; 7] = [")", "]", "}", ":", "=", "=>", "|"];
    pest::set_error_detail(true);
    let attempt = PolicyParser::parse(Rule::chunk, text);
    pest::set_error_detail(false);
    let Err(error) = attempt else {
        return Vec::new();
    };
    let Some(attempts) = error.parse_attempts() else {
        return Vec::new();
    };
    let mut tokens: Vec<String> = attempts
        .expected_tokens()
        .iter()
        .map(ToString::to_string)
        .filter(|token| STRUCTURAL.contains(&token.as_str()))
        .collect();
    tokens.dedup();
    tokens
}

fn assign_module(file: &mut ast::File, errors: &mut Vec<SyntaxError>, source: &str) {
    for item in &file.items {
        if let ast::ItemKind::Module(name) = &item.kind {
            if file.module.is_some() {
                errors.push(SyntaxError::DuplicateModule {
                    span: item.span.into(),
                });
            } else {
                file.module = Some(name.clone());
            }
        }
    }
    if file.module.is_none() && errors.is_empty() {
        let width = source.find('\n').unwrap_or(source.len()).min(1);
        errors.push(SyntaxError::MissingModule {
            span: (0, width).into(),
        });
    }
}
