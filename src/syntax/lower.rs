//! Lowering of items from pest pairs to the AST. The grammar guarantees the
//! shape of each pair, so a pair that is not where the grammar puts it is a
//! bug in this file; it is reported as a syntax error rather than a panic.

use pest::iterators::Pair;

use super::ast::*;
use super::errors::SyntaxError;
use super::grammar::Rule;
use super::lower_expr::{expr, ident, plain_string, span, template, type_expr, Lowered, Pairs};

/// Lowers one `item` pair; `base` is the item's byte offset in its file and
/// `docs` the doc comment lines written above it.
pub fn item(pair: Pair<'_, Rule>, base: usize, docs: Vec<String>) -> Lowered<Item> {
    let item_span = span(&pair, base);
    let mut annotations = Vec::new();
    let mut kind = None;
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::annotation => annotations.push(annotation(part, base)?),
            _ => kind = Some(item_kind(part, base)?),
        }
    }
    let kind = kind.ok_or_else(|| malformed(item_span))?;
    Ok(Item {
        docs,
        annotations,
        kind,
        span: item_span,
    })
}

pub fn malformed(span: Span) -> SyntaxError {
    SyntaxError::Unexpected {
        expected: "an item".into(),
        after: String::new(),
        found: "something this version cannot read".into(),
        span: span.into(),
        help: None,
    }
}

fn annotation(pair: Pair<'_, Rule>, base: usize) -> Lowered<Annotation> {
    let whole = span(&pair, base);
    let mut parts = Pairs::new(pair, base);
    let name = ident(parts.next()?, base);
    let mut args = Vec::new();
    if let Some(list) = parts.maybe(Rule::annotation_args) {
        for arg in list.into_inner() {
            let inner = arg.into_inner().next().ok_or_else(|| malformed(whole))?;
            let text = if inner.as_rule() == Rule::plain_string {
                plain_string(&inner)
            } else {
                inner.as_str().to_string()
            };
            args.push(Ident {
                name: text,
                span: span(&inner, base),
            });
        }
    }
    Ok(Annotation {
        name,
        args,
        span: whole,
    })
}

fn item_kind(pair: Pair<'_, Rule>, base: usize) -> Lowered<ItemKind> {
    let rule = pair.as_rule();
    let whole = span(&pair, base);
    let mut parts = Pairs::new(pair, base);
    Ok(match rule {
        Rule::module_decl => ItemKind::Module(ident(parts.next()?, base)),
        Rule::import_decl => {
            let module = ident(parts.next()?, base);
            let names = parts
                .maybe(Rule::import_list)
                .map(|list| list.into_inner().map(|name| ident(name, base)).collect());
            ItemKind::Import(Import { module, names })
        }
        Rule::const_decl => ItemKind::Const(ConstDecl {
            name: ident(parts.next()?, base),
            ty: type_expr(parts.next()?, base)?,
            value: expr(parts.next()?, base)?,
        }),
        Rule::type_decl => ItemKind::Type(TypeDecl {
            name: ident(parts.next()?, base),
            ty: type_expr(parts.next()?, base)?,
        }),
        Rule::enum_decl => {
            let name = ident(parts.next()?, base);
            let mut symbols = Vec::new();
            let mut aliases = Vec::new();
            for member in parts.rest() {
                let mut names = member.into_inner().map(|n| ident(n, base));
                let Some(symbol) = names.next() else { continue };
                aliases.extend(names.map(|alias| (symbol.clone(), alias)));
                symbols.push(symbol);
            }
            ItemKind::Enum(EnumDecl {
                name,
                symbols,
                aliases,
            })
        }
        Rule::table_decl => ItemKind::Table(table(parts, whole)?),
        Rule::fn_decl => ItemKind::Function(function(parts)?),
        Rule::rule_decl => ItemKind::Rule(rule_decl(parts, whole)?),
        Rule::decision_decl => ItemKind::Decision(decision(parts)?),
        _ => return Err(malformed(whole)),
    })
}

fn table(mut parts: Pairs<'_>, whole: Span) -> Lowered<TableDecl> {
    let base = parts.base;
    let name = ident(parts.next()?, base);
    let mut params = Vec::new();
    for param in parts.next()?.into_inner() {
        let mut inner = Pairs::new(param, base);
        params.push((ident(inner.next()?, base), type_expr(inner.next()?, base)?));
    }
    let output = type_expr(parts.next()?, base)?;
    let mut hit_parts = parts.next()?.into_inner();
    let hit_name = hit_parts.next().ok_or_else(|| malformed(whole))?;
    let written: Vec<&str> = hit_name.as_str().split_whitespace().collect();
    let hit = HitPolicy::ALL
        .into_iter()
        .find(|policy| policy.name() == written.join(" "))
        .ok_or_else(|| malformed(whole))?;
    let aggregator = match hit_parts.next().map(|pair| pair.as_str()) {
        Some("sum") => Some(Aggregator::Sum),
        Some("min") => Some(Aggregator::Min),
        Some("max") => Some(Aggregator::Max),
        Some(_) => Some(Aggregator::Count),
        None => None,
    };
    let mut rows = Vec::new();
    let mut default = None;
    for row in parts.rest() {
        if row.as_rule() == Rule::table_default {
            let inner = row.into_inner().next().ok_or_else(|| malformed(whole))?;
            default = Some(table_row(inner, base)?);
        } else {
            rows.push(table_row(row, base)?);
        }
    }
    Ok(TableDecl {
        name,
        params,
        output,
        hit,
        aggregator,
        rows,
        default,
    })
}

fn table_row(row: pest::iterators::Pair<'_, Rule>, base: usize) -> Lowered<TableRow> {
    let row_span = span(&row, base);
    let mut cells = Vec::new();
    for cell_pair in row.into_inner() {
        let cell_span = span(&cell_pair, base);
        let inner = cell_pair
            .into_inner()
            .next()
            .ok_or_else(|| malformed(cell_span))?;
        let kind = match inner.as_rule() {
            Rule::any_cell => CellKind::Any,
            Rule::compare_cell => {
                let mut bits = Pairs::new(inner, base);
                let op = compare_op(bits.next()?.as_str());
                CellKind::Compare(op, expr(bits.next()?, base)?)
            }
            Rule::range_cell => {
                let mut bits = Pairs::new(inner, base);
                let low_closed = bits.next()?.as_str() == "[";
                let low = expr(bits.next()?, base)?;
                let high = expr(bits.next()?, base)?;
                let high_closed = bits.next()?.as_str() == "]";
                CellKind::Range {
                    low,
                    low_closed,
                    high,
                    high_closed,
                }
            }
            Rule::not_cell => CellKind::Not(
                inner
                    .into_inner()
                    .filter(|value| value.as_rule() != Rule::not_op)
                    .map(|value| expr(value, base))
                    .collect::<Lowered<_>>()?,
            ),
            _ => CellKind::OneOf(
                inner
                    .into_inner()
                    .map(|value| expr(value, base))
                    .collect::<Lowered<_>>()?,
            ),
        };
        cells.push(Cell {
            kind,
            span: cell_span,
        });
    }
    Ok(TableRow {
        cells,
        span: row_span,
    })
}

fn function(mut parts: Pairs<'_>) -> Lowered<FunctionDecl> {
    let base = parts.base;
    parts.next()?; // `fn`
    let name = ident(parts.next()?, base);
    let mut params = Vec::new();
    if let Some(list) = parts.maybe(Rule::table_params) {
        for param in list.into_inner() {
            let mut inner = Pairs::new(param, base);
            params.push((ident(inner.next()?, base), type_expr(inner.next()?, base)?));
        }
    }
    let output = type_expr(parts.next()?, base)?;
    let body = expr(parts.next()?, base)?;
    Ok(FunctionDecl {
        name,
        params,
        output,
        body,
    })
}

pub fn compare_op(text: &str) -> CompareOp {
    match text {
        "==" => CompareOp::Eq,
        "!=" => CompareOp::Ne,
        "<" => CompareOp::Lt,
        "<=" => CompareOp::Le,
        ">" => CompareOp::Gt,
        _ => CompareOp::Ge,
    }
}

fn rule_decl(mut parts: Pairs<'_>, whole: Span) -> Lowered<RuleDecl> {
    let base = parts.base;
    let id = ident(parts.next()?, base);
    let title = plain_string(&parts.next()?);
    let mut rule = RuleDecl {
        id,
        title,
        cites: Vec::new(),
        for_each: None,
        lets: Vec::new(),
        lets_before_when: 0,
        when: None,
        require: Expr {
            kind: ExprKind::Literal(Literal::Bool(true)),
            span: whole,
        },
        message: None,
    };
    for clause in parts.rest() {
        let clause_rule = clause.as_rule();
        let clause_span = span(&clause, base);
        let mut inner = Pairs::new(clause, base);
        match clause_rule {
            Rule::cite_clause => {
                let source = plain_string(&inner.next()?);
                let section = inner.maybe(Rule::plain_string).map(|p| plain_string(&p));
                rule.cites.push(Citation {
                    source,
                    section,
                    span: clause_span,
                });
            }
            Rule::for_clause => {
                let var = ident(inner.next()?, base);
                rule.for_each = Some((var, expr(inner.next()?, base)?));
            }
            Rule::let_clause => {
                let name = ident(inner.next()?, base);
                rule.lets.push((name, expr(inner.next()?, base)?));
                if rule.when.is_none() {
                    rule.lets_before_when = rule.lets.len();
                }
            }
            Rule::when_clause => rule.when = Some(expr(inner.next()?, base)?),
            Rule::require_clause => rule.require = expr(inner.next()?, base)?,
            Rule::else_clause => rule.message = Some(template(inner.next()?, base)?),
            _ => return Err(malformed(clause_span)),
        }
    }
    Ok(rule)
}

fn decision(mut parts: Pairs<'_>) -> Lowered<DecisionDecl> {
    let base = parts.base;
    let mut decision = DecisionDecl {
        name: ident(parts.next()?, base),
        title: plain_string(&parts.next()?),
        input: None,
        outcomes: None,
        rules: Vec::new(),
        values: Vec::new(),
        outcome: None,
    };
    for clause in parts.rest() {
        let clause_rule = clause.as_rule();
        let clause_span = span(&clause, base);
        let mut inner = Pairs::new(clause, base);
        match clause_rule {
            Rule::input_clause => decision.input = Some(type_expr(inner.next()?, base)?),
            Rule::outcomes_clause => {
                decision.outcomes = Some(inner.rest().map(|p| ident(p, base)).collect());
            }
            Rule::rules_clause => decision.rules.extend(inner.rest().map(|p| ident(p, base))),
            Rule::value_clause => {
                let name = ident(inner.next()?, base);
                let optional = inner.maybe(Rule::optional_mark).is_some();
                let ty = type_expr(inner.next()?, base)?;
                let on = inner
                    .maybe(Rule::value_gate)
                    .map(|gate| gate.into_inner().map(|p| ident(p, base)).collect())
                    .unwrap_or_default();
                let expr = expr(inner.next()?, base)?;
                decision.values.push(ValueDecl {
                    name,
                    optional,
                    ty,
                    on,
                    expr,
                });
            }
            Rule::outcome_clause => decision.outcome = Some(expr(inner.next()?, base)?),
            _ => return Err(malformed(clause_span)),
        }
    }
    Ok(decision)
}
