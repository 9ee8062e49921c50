//! Syntax errors, and the translation of pest's parse failures into words a
//! policy author understands ("expected an expression after `require`").

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use super::grammar::Rule;
use crate::limits::LimitError;

#[derive(Clone, Debug, Error, Diagnostic, PartialEq, Eq)]
pub enum SyntaxError {
    #[error("expected {expected}{after}, found {found}")]
    #[diagnostic(code(eligo::syntax::unexpected))]
    Unexpected {
        expected: String,
        after: String,
        found: String,
        #[label("{expected} expected here")]
        span: SourceSpan,
        #[help]
        help: Option<String>,
    },

    #[error("this expression is nested or chained too deeply")]
    #[diagnostic(
        code(eligo::syntax::too_deep),
        help("at most {limit} {what}; split it with `let` bindings, constants or values")
    )]
    TooDeep {
        what: &'static str,
        limit: usize,
        #[label("the limit is passed here")]
        span: SourceSpan,
    },

    #[error(transparent)]
    #[diagnostic(transparent)]
    Limit(#[from] LimitError),

    #[error("the file does not declare its module")]
    #[diagnostic(
        code(eligo::syntax::missing_module),
        help("start the file with `module <name>`, for example `module csp.mpo`")
    )]
    MissingModule {
        #[label("a `module` declaration belongs here")]
        span: SourceSpan,
    },

    #[error("`module` is declared more than once in this file")]
    #[diagnostic(
        code(eligo::syntax::duplicate_module),
        help("a file is one module; move the second part into its own file")
    )]
    DuplicateModule {
        #[label("second declaration")]
        span: SourceSpan,
    },

    #[error("a table row has {found} cells where the table has {expected} columns")]
    #[diagnostic(
        code(eligo::syntax::table_row_width),
        help("write one cell per parameter, then one per output field")
    )]
    TableRowWidth {
        expected: usize,
        found: usize,
        #[label("this row")]
        span: SourceSpan,
    },
}

/// Turns pest's failure at `position` of `source` (an item that starts at
/// byte `base` of its file) into an `Unexpected` error.
pub fn translate(
    source: &str,
    base: usize,
    position: usize,
    positives: &[Rule],
    tokens: &[String],
) -> SyntaxError {
    let quoted: Vec<String> = tokens.iter().map(|t| format!("`{t}`")).collect();
    let mut expected: Vec<&str> = quoted.iter().map(String::as_str).collect();
    for rule in positives {
        if let Some(words) = describe(*rule) {
            if !expected.contains(&words) {
                expected.push(words);
            }
        }
    }
    let expected = match expected.len() {
        0 => "something else".to_string(),
        1 => expected[0].to_string(),
        _ => {
            let last = expected.len() - 1;
            format!("{} or {}", expected[..last].join(", "), expected[last])
        }
    };
    let after = previous_token(source, position)
        .map(|token| format!(" after `{token}`"))
        .unwrap_or_default();
    let (found, width) = token_at(source, position);
    let help = help_for(positives, source, position);
    SyntaxError::Unexpected {
        expected,
        after,
        found,
        span: (base + position, width).into(),
        help,
    }
}

fn describe(rule: Rule) -> Option<&'static str> {
    use Rule::*;
    Some(match rule {
        expr | if_expr | or_expr | and_expr | not_expr | compare_expr | coalesce_expr
        | add_expr | mul_expr | pow_expr | unary_expr | postfix_expr | match_expr | quantifier | call
        | set_literal | list_literal | name | instant_lit | date_lit | month_lit | duration_lit
        | money_lit | number | bool_lit | template | all_rules_pass | quantifier_kind => {
            "an expression"
        }
        or_op | and_op | not_op | compare_op | add_op | mul_op | pow_op | in_op | not_in_op | comparison
        | membership | presence_test | field_access => "an operator",
        ident | symbol_name => "a name",
        qualified_name => "a dotted name such as `csp.mpo`",
        rule_id => "a rule ID such as `MPO-002`",
        plain_string => "a quoted string",
        type_expr | list_type | set_type | money_type | record_type | named_type | enum_type
        | money_kw => "a type",
        field_decl => "a field such as `name: text`",
        item | module_decl | import_decl | const_decl | type_decl | enum_decl | table_decl
        | fn_decl | rule_decl | decision_decl => {
            "an item (`module`, `import`, `const`, `type`, `enum`, `table`, `fn`, `rule` or `decision`)"
        }
        fn_kw => "`fn`",
        annotation => "an annotation",
        cite_clause => "`cite`",
        for_clause => "`for`",
        let_clause => "`let`",
        when_clause => "`when`",
        require_clause => "`require`",
        else_clause => "`else`",
        input_clause => "`input`",
        outcomes_clause => "`outcomes`",
        rules_clause => "`rules`",
        value_clause => "`value`",
        outcome_clause => "`outcome`",
        value_gate => "`on`",
        table_row => "a table row `| … |`",
        cell | any_cell | compare_cell | list_cell | range_cell | not_cell | range_open
        | range_close => "a table cell",
        hit_policy | hit_name => {
            "a hit policy (`unique`, `first`, `any`, `priority`, `collect`, `rule order` or `output order`)"
        }
        aggregator => "an aggregator (`sum`, `min`, `max` or `count`)",
        table_default => "a `default` row",
        table_param | table_params => "a parameter such as `status: Status`",
        match_arm | match_pattern | wildcard => "a match arm such as `active => …`",
        enum_member => "a member such as `active`",
        duration_unit => "a unit (`days`, `hours`, …)",
        currency => "a currency code such as `USD`",
        interpolation => "an interpolation `{…}`",
        EOI => "the end of the item",
        _ => return None,
    })
}

fn help_for(positives: &[Rule], source: &str, position: usize) -> Option<String> {
    if positives.contains(&Rule::require_clause) {
        return Some("every rule needs a `require` clause stating what must hold".into());
    }
    if positives.contains(&Rule::rule_id) {
        return Some(
            "rule IDs are upper-case letters and digits joined by `-`, such as `MPO-002`".into(),
        );
    }
    let rest = &source[position.min(source.len())..];
    if rest.starts_with('=') && !rest.starts_with("==") {
        return Some("to compare two values write `==`".into());
    }
    if rest.starts_with('"') {
        return Some("a string runs to the next `\"`; check that the one before is closed".into());
    }
    if rest.starts_with("&&") || rest.starts_with("||") {
        return Some("write `and` / `or` instead".into());
    }
    None
}

/// The token that ends just before `position`, for "after `require`".
fn previous_token(source: &str, position: usize) -> Option<&str> {
    let before = source.get(..position)?.trim_end();
    let last = before.chars().next_back()?;
    if last.is_alphanumeric() || last == '_' {
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || *c == '_' || *c == '-' || *c == '.')
            .last()
            .map_or(before.len(), |(index, _)| index);
        Some(&before[start..])
    } else {
        Some(&before[before.len() - last.len_utf8()..])
    }
}

/// How the token at `position` is shown, and how wide its label is.
fn token_at(source: &str, position: usize) -> (String, usize) {
    let rest = source.get(position..).unwrap_or("");
    let Some(first) = rest.chars().next() else {
        return ("the end of the item".into(), 0);
    };
    if first == '\n' {
        return ("the end of the line".into(), 1);
    }
    if first.is_alphanumeric() || first == '_' {
        let word: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let width = word.len();
        return (format!("`{word}`"), width);
    }
    (format!("`{first}`"), first.len_utf8())
}
