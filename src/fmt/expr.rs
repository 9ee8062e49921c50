//! Expressions: brackets only where precedence needs them, chains of one
//! operator broken before every operator, calls and literals broken inside
//! their brackets.

use super::builder::{bracketed, bracketed_packed, escaped, quoted, Builder};
use super::doc::Doc;
use crate::syntax::ast::{
    ArithOp, DurationUnit, Expr, ExprKind, Literal, MatchArm, Template, TemplatePart,
};

/// Binding strength, weakest first, as the grammar nests its levels.
pub mod level {
    pub const ANY: u8 = 0;
    pub const OR: u8 = 1;
    pub const AND: u8 = 2;
    pub const NOT: u8 = 3;
    pub const COMPARE: u8 = 4;
    pub const COALESCE: u8 = 5;
    pub const ADD: u8 = 6;
    pub const MUL: u8 = 7;
    pub const POW: u8 = 8;
    pub const NEG: u8 = 9;
    pub const POSTFIX: u8 = 10;
    pub const PRIMARY: u8 = 11;
}

fn level_of(expr: &Expr) -> u8 {
    match &expr.kind {
        ExprKind::If(..) => level::ANY,
        ExprKind::Or(..) => level::OR,
        ExprKind::And(..) => level::AND,
        ExprKind::Not(_) => level::NOT,
        ExprKind::Compare(..) | ExprKind::In { .. } | ExprKind::Present { .. } => level::COMPARE,
        ExprKind::Coalesce(..) => level::COALESCE,
        ExprKind::Arith(ArithOp::Add | ArithOp::Sub, ..) => level::ADD,
        ExprKind::Arith(ArithOp::Mul | ArithOp::Div, ..) => level::MUL,
        ExprKind::Arith(ArithOp::Pow, ..) => level::POW,
        ExprKind::Neg(_) => level::NEG,
        ExprKind::Field(..) => level::POSTFIX,
        _ => level::PRIMARY,
    }
}

/// One link of a chain of left-associative operators of one level.
struct Link<'e> {
    operator: &'static str,
    operand: &'e Expr,
}

impl Builder<'_> {
    /// `expr`, bracketed if it binds more loosely than `at_least`.
    pub fn expr(&mut self, expr: &Expr, at_least: u8) -> Doc {
        if level_of(expr) < at_least {
            return self.bracketed_expr(expr);
        }
        self.unbracketed(expr)
    }

    /// `expr` as an operand of an operator: bracketed where the grammar
    /// needs it, and also where a reader might misread the grouping (`and`
    /// inside `or`, `??` inside `and`, `or` or a comparison, arithmetic
    /// inside `??`).
    fn operand(&mut self, expr: &Expr, at_least: u8, clearer_in_brackets: &[u8]) -> Doc {
        if clearer_in_brackets.contains(&level_of(expr)) {
            return self.bracketed_expr(expr);
        }
        self.expr(expr, at_least)
    }

    fn bracketed_expr(&mut self, expr: &Expr) -> Doc {
        let inner = self.unbracketed(expr);
        Doc::concat(vec![Doc::text("("), inner, Doc::text(")")])
    }

    fn unbracketed(&mut self, expr: &Expr) -> Doc {
        match &expr.kind {
            ExprKind::Literal(literal) => Doc::text(literal_text(literal)),
            ExprKind::Text(template) => {
                let text = self.template(template);
                Doc::text(text)
            }
            ExprKind::Name(name) => Doc::text(&name.name),
            ExprKind::Field(base, field) => {
                let base = self.expr(base, level::POSTFIX);
                Doc::concat(vec![base, Doc::text(format!(".{}", field.name))])
            }
            ExprKind::Neg(operand) => {
                let operand = self.expr(operand, level::NEG);
                Doc::concat(vec![Doc::text("-"), operand])
            }
            ExprKind::Not(operand) => {
                let operand = self.expr(operand, level::NOT);
                Doc::concat(vec![Doc::text("not "), operand])
            }
            // Right-associative: only a power on the left needs brackets.
            ExprKind::Arith(ArithOp::Pow, left, right) => {
                let left = self.expr(left, level::NEG);
                let right = self.expr(right, level::POW);
                Doc::concat(vec![left, Doc::text(" ** "), right])
            }
            ExprKind::And(..) | ExprKind::Or(..) | ExprKind::Arith(..) | ExprKind::Coalesce(..) => {
                self.chain(expr)
            }
            ExprKind::Compare(op, left, right) => self.binary(left, op.symbol(), right),
            ExprKind::In {
                negated,
                item,
                collection,
            } => self.binary(item, if *negated { "not in" } else { "in" }, collection),
            ExprKind::Present { negated, operand } => {
                let operand = self.operand(operand, level::COALESCE, &[level::COALESCE]);
                let test = if *negated {
                    " is absent"
                } else {
                    " is present"
                };
                Doc::concat(vec![operand, Doc::text(test)])
            }
            ExprKind::If(..) => self.if_chain(expr),
            ExprKind::Match(subject, arms) => self.match_expr(expr, subject, arms),
            ExprKind::Quantifier {
                kind,
                var,
                list,
                body,
            } => {
                let list = self.expr(list, level::ANY);
                let before_body = self.flush(body.span.start);
                let body_doc = self.expr(body, level::ANY);
                let before_close = self.flush(expr.span.end);
                Doc::group(Doc::concat(vec![
                    Doc::text(format!("{}({} in ", kind.name(), var.name)),
                    list,
                    Doc::text(":"),
                    Doc::nest(2, Doc::concat(vec![before_body, Doc::Line, body_doc])),
                    before_close,
                    Doc::SoftLine,
                    Doc::text(")"),
                ]))
            }
            ExprKind::Call(name, args) => {
                let sequence = self.sequence(
                    args,
                    |arg| arg.span.start,
                    expr.span.end,
                    |this, arg| this.expr(arg, level::ANY),
                );
                let open = format!("{}(", name.name);
                if args.iter().all(is_simple) {
                    bracketed_packed(sequence, &open, ")", false)
                } else {
                    bracketed(sequence, &open, ")", || Doc::text(","), false)
                }
            }
            ExprKind::Set(items) => self.collection(expr, items, "{", "}"),
            ExprKind::List(items) => self.collection(expr, items, "[", "]"),
            ExprKind::AllRulesPass => Doc::text("all rules pass"),
        }
    }

    /// An expression on one line, as table cells and interpolations need.
    pub fn expr_one_line(&mut self, expr: &Expr, at_least: u8) -> String {
        self.one_line(|this| this.expr(expr, at_least))
    }

    /// `"text {expr} text"`, always on one line.
    pub fn template(&mut self, template: &Template) -> String {
        let mut out = String::from("\"");
        for part in &template.parts {
            match part {
                TemplatePart::Text(text) => out.push_str(&escaped(text, true)),
                TemplatePart::Expr(expr) => {
                    out.push('{');
                    out.push_str(&self.expr_one_line(expr, level::ANY));
                    out.push('}');
                }
            }
        }
        out.push('"');
        out
    }

    fn collection(&mut self, whole: &Expr, items: &[Expr], open: &str, close: &str) -> Doc {
        let sequence = self.sequence(
            items,
            |item| item.span.start,
            whole.span.end,
            |this, item| this.expr(item, level::ANY),
        );
        bracketed_packed(sequence, open, close, false)
    }

    /// `left op right`, broken before the operator when too long.
    fn binary(&mut self, left: &Expr, operator: &str, right: &Expr) -> Doc {
        let left = self.operand(left, level::COALESCE, &[level::COALESCE]);
        let before = self.flush(right.span.start);
        let right = self.operand(right, level::COALESCE, &[level::COALESCE]);
        Doc::group(Doc::concat(vec![
            left,
            Doc::nest(
                2,
                Doc::concat(vec![
                    before,
                    Doc::Line,
                    Doc::text(format!("{operator} ")),
                    right,
                ]),
            ),
        ]))
    }

    /// `a and b and c`: on one line, or broken before every operator.
    fn chain(&mut self, expr: &Expr) -> Doc {
        let chain_level = level_of(expr);
        let (first, links) = links(expr, chain_level);
        // The operand on the left may itself be this level's chain only when
        // it was flattened above; anything else of this level needs brackets.
        let clearer: &[u8] = match chain_level {
            level::OR => &[level::AND, level::COALESCE],
            level::AND => &[level::COALESCE],
            level::COALESCE => &[level::ADD, level::MUL],
            _ => &[],
        };
        let first_doc = self.operand(first, chain_level + 1, clearer);
        let mut rest = Vec::with_capacity(links.len() * 4);
        for link in links {
            rest.push(self.flush(link.operand.span.start));
            rest.push(Doc::Line);
            rest.push(Doc::text(format!("{} ", link.operator)));
            rest.push(self.operand(link.operand, chain_level + 1, clearer));
        }
        Doc::group(Doc::concat(vec![
            first_doc,
            Doc::nest(2, Doc::concat(rest)),
        ]))
    }

    /// `if c then a else b`; `else if` chains keep each `else` at the level
    /// of the first `if`.
    fn if_chain(&mut self, expr: &Expr) -> Doc {
        let mut parts = Vec::new();
        let mut current = expr;
        let mut first = true;
        while let ExprKind::If(condition, then, otherwise) = &current.kind {
            let condition_doc = self.expr(condition, level::ANY);
            let before_then = self.flush(then.span.start);
            let then_doc = self.expr(then, level::ANY);
            let before_else = self.flush(otherwise.span.start);
            parts.push(Doc::text(if first { "if " } else { "else if " }));
            parts.push(condition_doc);
            let then_part = Doc::concat(vec![before_then, Doc::Line, Doc::text("then "), then_doc]);
            let is_chain = matches!(otherwise.kind, ExprKind::If(..));
            if first && !is_chain {
                let otherwise_doc = self.expr(otherwise, level::ANY);
                parts.push(Doc::nest(
                    2,
                    Doc::concat(vec![
                        then_part,
                        before_else,
                        Doc::Line,
                        Doc::text("else "),
                        otherwise_doc,
                    ]),
                ));
                return Doc::group(Doc::concat(parts));
            }
            parts.push(Doc::nest(2, then_part));
            parts.push(before_else);
            parts.push(Doc::Line);
            first = false;
            current = otherwise;
        }
        parts.push(Doc::text("else "));
        parts.push(self.expr(current, level::ANY));
        Doc::group(Doc::concat(parts))
    }

    fn match_expr(&mut self, whole: &Expr, subject: &Expr, arms: &[MatchArm]) -> Doc {
        let subject = self.expr(subject, level::ANY);
        let sequence = self.sequence(arms, arm_start, whole.span.end, |this, arm| {
            let patterns = match &arm.patterns {
                None => "_".to_string(),
                Some(names) => names
                    .iter()
                    .map(|name| name.name.as_str())
                    .collect::<Vec<_>>()
                    .join(" | "),
            };
            let body = this.expr(&arm.body, level::ANY);
            Doc::concat(vec![Doc::text(format!("{patterns} => ")), body])
        });
        let arms = bracketed(
            sequence,
            "{",
            "}",
            || Doc::if_break(Doc::Nil, Doc::text(",")),
            true,
        );
        Doc::concat(vec![Doc::text("match "), subject, Doc::text(" "), arms])
    }
}

/// Names, field paths and literals: arguments short enough to pack.
fn is_simple(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Literal(_) | ExprKind::Name(_) | ExprKind::Text(_) => true,
        ExprKind::Field(base, _) | ExprKind::Neg(base) => is_simple(base),
        _ => false,
    }
}

fn arm_start(arm: &MatchArm) -> usize {
    arm.patterns
        .as_ref()
        .and_then(|names| names.first())
        .map_or(arm.body.span.start, |name| name.span.start)
}

/// A left-nested chain of operators of `chain_level`, flattened: its first
/// operand and each operator with the operand after it.
fn links(expr: &Expr, chain_level: u8) -> (&Expr, Vec<Link<'_>>) {
    let mut links = Vec::new();
    let mut current = expr;
    loop {
        let (operator, left, right) = match &current.kind {
            ExprKind::And(left, right) => ("and", left, right),
            ExprKind::Or(left, right) => ("or", left, right),
            ExprKind::Coalesce(left, right) => ("??", left, right),
            ExprKind::Arith(op, left, right) => (arith_text(*op), left, right),
            _ => break,
        };
        if level_of(current) != chain_level {
            break;
        }
        links.push(Link {
            operator,
            operand: right,
        });
        current = left;
    }
    links.reverse();
    (current, links)
}

fn arith_text(op: ArithOp) -> &'static str {
    match op {
        ArithOp::Add => "+",
        ArithOp::Sub => "-",
        ArithOp::Mul => "*",
        ArithOp::Div => "/",
        ArithOp::Pow => "**",
    }
}

pub fn literal_text(literal: &Literal) -> String {
    match literal {
        Literal::Absent => "absent".into(),
        Literal::Bool(value) => value.to_string(),
        Literal::Number(text)
        | Literal::Date(text)
        | Literal::Instant(text)
        | Literal::Month(text) => text.clone(),
        Literal::Money { amount, currency } => format!("{amount} {currency}"),
        Literal::Duration { count, unit } => {
            let unit = match unit {
                DurationUnit::Weeks => "week",
                DurationUnit::Days => "day",
                DurationUnit::Hours => "hour",
                DurationUnit::Minutes => "minute",
                DurationUnit::Seconds => "second",
            };
            let plural = if count == "1" { "" } else { "s" };
            format!("{count} {unit}{plural}")
        }
    }
}

/// A plain string (titles, citations), which has no interpolation.
pub fn plain(text: &str) -> String {
    quoted(text, false)
}
