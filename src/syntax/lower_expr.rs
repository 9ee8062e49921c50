//! Lowering of expressions, types and strings from pest pairs to the AST.

use pest::iterators::Pair;

use super::ast::*;
use super::errors::SyntaxError;
use super::grammar::Rule;
use super::lower::{compare_op, malformed};

pub type Lowered<T> = Result<T, SyntaxError>;

/// The children of a pair, taken in order, with a syntax error instead of a
/// panic when one is missing.
pub struct Pairs<'i> {
    inner: pest::iterators::Pairs<'i, Rule>,
    parent: Span,
    pub base: usize,
}

impl<'i> Pairs<'i> {
    pub fn new(pair: Pair<'i, Rule>, base: usize) -> Pairs<'i> {
        let parent = span(&pair, base);
        Pairs {
            inner: pair.into_inner(),
            parent,
            base,
        }
    }

    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Lowered<Pair<'i, Rule>> {
        self.inner.next().ok_or_else(|| malformed(self.parent))
    }

    /// The next child if it is a `rule`.
    pub fn maybe(&mut self, rule: Rule) -> Option<Pair<'i, Rule>> {
        if self.inner.peek().is_some_and(|p| p.as_rule() == rule) {
            self.inner.next()
        } else {
            None
        }
    }

    pub fn rest(self) -> pest::iterators::Pairs<'i, Rule> {
        self.inner
    }
}

/// The pair's span without the whitespace and comments pest leaves at its
/// end (it skips them before trying an optional part that then is absent).
pub fn span(pair: &Pair<'_, Rule>, base: usize) -> Span {
    let s = pair.as_span();
    let written = without_trailing_trivia(pair.as_str()).len();
    Span::new(base + s.start(), base + s.start() + written)
}

fn without_trailing_trivia(text: &str) -> &str {
    let mut text = text.trim_end();
    loop {
        let line_start = text.rfind('\n').map_or(0, |i| i + 1);
        match comment_start(&text[line_start..]) {
            Some(at) => text = text[..line_start + at].trim_end(),
            None => return text,
        }
    }
}

/// Where a `//` comment starts in a line, outside string literals.
pub(crate) fn comment_start(line: &str) -> Option<usize> {
    let mut in_string = false;
    let mut escaped = false;
    let bytes = line.as_bytes();
    for (index, &byte) in bytes.iter().enumerate() {
        match byte {
            _ if escaped => escaped = false,
            b'\\' if in_string => escaped = true,
            b'"' => in_string = !in_string,
            b'/' if !in_string && bytes.get(index + 1) == Some(&b'/') => return Some(index),
            _ => {}
        }
    }
    None
}

pub fn ident(pair: Pair<'_, Rule>, base: usize) -> Ident {
    Ident {
        name: pair.as_str().to_string(),
        span: span(&pair, base),
    }
}

/// The text of a `plain_string` (or anything holding one), escapes resolved.
pub fn plain_string(pair: &Pair<'_, Rule>) -> String {
    let raw = pair.as_str();
    let inner = raw
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(raw);
    unescape(inner)
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

pub fn template(pair: Pair<'_, Rule>, base: usize) -> Lowered<Template> {
    let whole = span(&pair, base);
    let mut parts = Vec::new();
    for part in pair.into_inner() {
        match part.as_rule() {
            Rule::template_text => parts.push(TemplatePart::Text(unescape(part.as_str()))),
            Rule::interpolation => {
                let inner = Pairs::new(part, base).next()?;
                parts.push(TemplatePart::Expr(expr(inner, base)?));
            }
            _ => return Err(malformed(whole)),
        }
    }
    Ok(Template { parts, span: whole })
}

pub fn type_expr(pair: Pair<'_, Rule>, base: usize) -> Lowered<TypeExpr> {
    let whole = span(&pair, base);
    let pair = if pair.as_rule() == Rule::type_expr {
        Pairs::new(pair, base).next()?
    } else {
        pair
    };
    let rule = pair.as_rule();
    let mut parts = Pairs::new(pair, base);
    let kind = match rule {
        Rule::named_type => TypeExprKind::Named(ident(parts.next()?, base)),
        Rule::money_type => {
            let _keyword = parts.next()?;
            TypeExprKind::Money(parts.maybe(Rule::currency).map(|c| ident(c, base)))
        }
        Rule::list_type => TypeExprKind::List(Box::new(type_expr(parts.next()?, base)?)),
        Rule::set_type => TypeExprKind::Set(Box::new(type_expr(parts.next()?, base)?)),
        Rule::enum_type => TypeExprKind::Enum(parts.rest().map(|p| ident(p, base)).collect()),
        Rule::record_type => {
            let mut fields = Vec::new();
            for field in parts.rest() {
                let mut inner = Pairs::new(field, base);
                let name = ident(inner.next()?, base);
                let optional = inner.maybe(Rule::optional_mark).is_some();
                let ty = type_expr(inner.next()?, base)?;
                fields.push(FieldDecl { name, optional, ty });
            }
            TypeExprKind::Record(fields)
        }
        _ => return Err(malformed(whole)),
    };
    Ok(TypeExpr { kind, span: whole })
}

fn boxed(pair: Pair<'_, Rule>, base: usize) -> Lowered<Box<Expr>> {
    expr(pair, base).map(Box::new)
}

/// How deeply an expression may nest. Checking and evaluation recurse over
/// expressions, so the bound keeps them far from the stack's end.
pub const MAX_DEPTH: usize = 200;

/// Lowers an expression, rejecting one that nests deeper than `MAX_DEPTH`.
pub fn expr(pair: Pair<'_, Rule>, base: usize) -> Lowered<Expr> {
    let lowered = expr_unbounded(pair, base)?;
    if lowered.depth() > MAX_DEPTH {
        return Err(SyntaxError::TooDeep {
            what: "levels of nested operations",
            limit: MAX_DEPTH,
            span: lowered.span.into(),
        });
    }
    Ok(lowered)
}

fn is_precedence_level(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::expr
            | Rule::compare_expr
            | Rule::coalesce_expr
            | Rule::add_expr
            | Rule::mul_expr
            | Rule::pow_expr
            | Rule::or_expr
            | Rule::and_expr
            | Rule::not_expr
            | Rule::unary_expr
            | Rule::postfix_expr
    )
}

fn expr_unbounded(pair: Pair<'_, Rule>, base: usize) -> Lowered<Expr> {
    let whole = span(&pair, base);
    // Skip precedence levels that hold a single operand without recursing:
    // every bracket passes through all of them.
    let mut pair = pair;
    while is_precedence_level(pair.as_rule()) {
        let mut inner = pair.clone().into_inner();
        match (inner.next(), inner.next()) {
            (Some(only), None) => pair = only,
            _ => break,
        }
    }
    let rule = pair.as_rule();
    let kind = match rule {
        // Precedence levels with a single child are transparent.
        level if is_precedence_level(level) => {
            // The level's own span also covers brackets around its operand.
            let mut lowered = operators(pair, base)?;
            lowered.span = whole;
            return Ok(lowered);
        }
        Rule::if_expr => {
            let mut parts = Pairs::new(pair, base);
            ExprKind::If(
                boxed(parts.next()?, base)?,
                boxed(parts.next()?, base)?,
                boxed(parts.next()?, base)?,
            )
        }
        Rule::match_expr => {
            let mut parts = Pairs::new(pair, base);
            let subject = boxed(parts.next()?, base)?;
            let mut arms = Vec::new();
            for arm in parts.rest() {
                let mut inner = Pairs::new(arm, base);
                let pattern = inner.next()?;
                let patterns = if pattern
                    .clone()
                    .into_inner()
                    .any(|p| p.as_rule() == Rule::wildcard)
                {
                    None
                } else {
                    Some(pattern.into_inner().map(|p| ident(p, base)).collect())
                };
                arms.push(MatchArm {
                    patterns,
                    body: expr(inner.next()?, base)?,
                });
            }
            ExprKind::Match(subject, arms)
        }
        Rule::quantifier => {
            let mut parts = Pairs::new(pair, base);
            let kind = match parts.next()?.as_str() {
                "all" => QuantifierKind::All,
                "any" => QuantifierKind::Any,
                "count" => QuantifierKind::Count,
                "sum" => QuantifierKind::Sum,
                "min" => QuantifierKind::Min,
                "max" => QuantifierKind::Max,
                "filter" => QuantifierKind::Filter,
                _ => QuantifierKind::Map,
            };
            let var = ident(parts.next()?, base);
            let _in = parts.next()?;
            let list = boxed(parts.next()?, base)?;
            let body = boxed(parts.next()?, base)?;
            ExprKind::Quantifier {
                kind,
                var,
                list,
                body,
            }
        }
        Rule::all_rules_pass => ExprKind::AllRulesPass,
        Rule::call => {
            let mut parts = Pairs::new(pair, base);
            let name = ident(parts.next()?, base);
            let args = parts
                .rest()
                .map(|a| expr(a, base))
                .collect::<Lowered<_>>()?;
            ExprKind::Call(name, args)
        }
        Rule::set_literal => ExprKind::Set(
            pair.into_inner()
                .map(|a| expr(a, base))
                .collect::<Lowered<_>>()?,
        ),
        Rule::list_literal => ExprKind::List(
            pair.into_inner()
                .map(|a| expr(a, base))
                .collect::<Lowered<_>>()?,
        ),
        Rule::name => ExprKind::Name(ident(Pairs::new(pair, base).next()?, base)),
        Rule::template => ExprKind::Text(template(pair, base)?),
        _ => ExprKind::Literal(literal(pair, whole)?),
    };
    Ok(Expr { kind, span: whole })
}

fn literal(pair: Pair<'_, Rule>, whole: Span) -> Lowered<Literal> {
    let text = pair.as_str().to_string();
    Ok(match pair.as_rule() {
        Rule::bool_lit => Literal::Bool(text == "true"),
        Rule::absent_lit => Literal::Absent,
        Rule::number => Literal::Number(text),
        Rule::date_lit => Literal::Date(text),
        Rule::month_lit => Literal::Month(text),
        Rule::instant_lit => Literal::Instant(text),
        Rule::money_lit => {
            let mut parts = pair.into_inner();
            let amount = parts
                .next()
                .ok_or_else(|| malformed(whole))?
                .as_str()
                .to_string();
            let currency = parts
                .next()
                .ok_or_else(|| malformed(whole))?
                .as_str()
                .to_string();
            Literal::Money { amount, currency }
        }
        Rule::duration_lit => {
            let mut parts = pair.into_inner();
            let count = parts
                .next()
                .ok_or_else(|| malformed(whole))?
                .as_str()
                .to_string();
            let unit = match parts.next().ok_or_else(|| malformed(whole))?.as_str() {
                "week" | "weeks" => DurationUnit::Weeks,
                "day" | "days" => DurationUnit::Days,
                "hour" | "hours" => DurationUnit::Hours,
                "minute" | "minutes" => DurationUnit::Minutes,
                _ => DurationUnit::Seconds,
            };
            Literal::Duration { count, unit }
        }
        _ => return Err(malformed(whole)),
    })
}

/// Lowers one precedence level: a chain of operands joined by operators.
/// How long an operator chain (`a + b + …`, `not not …`) may be. Expressions
/// are checked and evaluated recursively, so their depth is bounded here,
/// where it is cheap to say so, rather than by the stack.
pub const MAX_CHAIN: usize = 256;

fn operators(pair: Pair<'_, Rule>, base: usize) -> Lowered<Expr> {
    let rule = pair.as_rule();
    let whole = span(&pair, base);
    let mut children: Vec<Pair<'_, Rule>> = pair.into_inner().collect();
    if children.len() > 2 * MAX_CHAIN {
        return Err(SyntaxError::TooDeep {
            what: "operators in one chain",
            limit: MAX_CHAIN,
            span: whole.into(),
        });
    }
    match rule {
        Rule::not_expr | Rule::unary_expr => {
            let operand = children.pop().ok_or_else(|| malformed(whole))?;
            let mut result = expr(operand, base)?;
            for _ in children {
                let kind = if rule == Rule::not_expr {
                    ExprKind::Not(Box::new(result))
                } else {
                    ExprKind::Neg(Box::new(result))
                };
                result = Expr { kind, span: whole };
            }
            Ok(result)
        }
        Rule::pow_expr => {
            // Right-associative: fold from the last operand backwards.
            let mut operands = Vec::with_capacity(children.len() / 2 + 1);
            for (position, child) in children.into_iter().enumerate() {
                if position % 2 == 0 {
                    operands.push(expr(child, base)?);
                }
            }
            let mut result = operands.pop().ok_or_else(|| malformed(whole))?;
            while let Some(left) = operands.pop() {
                let span = left.span.to(result.span);
                result = Expr {
                    kind: ExprKind::Arith(ArithOp::Pow, Box::new(left), Box::new(result)),
                    span,
                };
            }
            Ok(result)
        }
        Rule::postfix_expr => {
            let mut children = children.into_iter();
            let mut result = expr(children.next().ok_or_else(|| malformed(whole))?, base)?;
            for access in children {
                let access_span = span(&access, base);
                let field = ident(Pairs::new(access, base).next()?, base);
                result = Expr {
                    span: result.span.to(access_span),
                    kind: ExprKind::Field(Box::new(result), field),
                };
            }
            Ok(result)
        }
        Rule::compare_expr => {
            let mut children = children.into_iter();
            let left = expr(children.next().ok_or_else(|| malformed(whole))?, base)?;
            let Some(tail) = children.next() else {
                return Ok(left);
            };
            let tail_rule = tail.as_rule();
            let mut parts = Pairs::new(tail, base);
            let kind = match tail_rule {
                Rule::comparison => {
                    let op = compare_op(parts.next()?.as_str());
                    ExprKind::Compare(op, Box::new(left), boxed(parts.next()?, base)?)
                }
                Rule::membership => {
                    let negated = parts.next()?.as_rule() == Rule::not_in_op;
                    ExprKind::In {
                        negated,
                        item: Box::new(left),
                        collection: boxed(parts.next()?, base)?,
                    }
                }
                _ => ExprKind::Present {
                    negated: parts.next()?.as_rule() == Rule::absent_kw,
                    operand: Box::new(left),
                },
            };
            Ok(Expr { kind, span: whole })
        }
        Rule::expr => expr(children.pop().ok_or_else(|| malformed(whole))?, base),
        _ => {
            // Left-associative binary chains: operand (op operand)*.
            let mut children = children.into_iter();
            let mut result = expr(children.next().ok_or_else(|| malformed(whole))?, base)?;
            while let Some(next) = children.next() {
                let (op_text, right_pair) = if rule == Rule::coalesce_expr {
                    ("??", next)
                } else {
                    let right = children.next().ok_or_else(|| malformed(whole))?;
                    (next.as_str(), right)
                };
                let right = expr(right_pair, base)?;
                let span = result.span.to(right.span);
                let (left, right) = (Box::new(result), Box::new(right));
                let kind = match op_text {
                    "??" => ExprKind::Coalesce(left, right),
                    "or" => ExprKind::Or(left, right),
                    "and" => ExprKind::And(left, right),
                    "+" => ExprKind::Arith(ArithOp::Add, left, right),
                    "-" => ExprKind::Arith(ArithOp::Sub, left, right),
                    "*" => ExprKind::Arith(ArithOp::Mul, left, right),
                    _ => ExprKind::Arith(ArithOp::Div, left, right),
                };
                result = Expr { kind, span };
            }
            Ok(result)
        }
    }
}
