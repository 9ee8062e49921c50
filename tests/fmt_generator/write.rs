//! Writing generated policies as text, with a random layout: extra
//! brackets, line breaks, blank lines, end-of-line and own-line comments
//! wherever the language allows them.

use super::{Cell, Clause, Item, Part, Preamble, Rule, Ty, E};

/// Layout decisions, drawn from bytes proptest generated.
pub struct Layout {
    pub bytes: Vec<u8>,
    pub at: usize,
}

impl Layout {
    fn pick(&mut self, choices: usize) -> usize {
        let byte = self
            .bytes
            .get(self.at % self.bytes.len().max(1))
            .copied()
            .unwrap_or(0);
        self.at += 1;
        (byte as usize + self.at) % choices
    }

    /// What may stand between two tokens of an expression or a clause.
    pub fn gap(&mut self, rich: bool) -> &'static str {
        if !rich {
            return " ";
        }
        [
            " ",
            " ",
            " ",
            "  ",
            "\n      ",
            " // an end-of-line comment\n      ",
            "\n      // an own-line comment\n      ",
        ][self.pick(7)]
    }

    /// What may stand between two clauses of an item.
    fn clause_break(&mut self) -> &'static str {
        [
            "\n  ",
            "\n  ",
            "\n\n  ",
            " // after the clause\n  ",
            "\n  // before the clause\n  ",
            "\n// at column zero\n  ",
        ][self.pick(6)]
    }

    /// What may stand between two items.
    fn item_break(&mut self) -> &'static str {
        [
            "\n",
            "\n\n",
            "\n\n\n",
            " // after the item\n",
            "\n\n// a section\n\n",
            "\n// right above\n",
            "\n  // indented, below the item\n\n",
        ][self.pick(7)]
    }
}

fn is_primary(e: &E) -> bool {
    matches!(
        e,
        E::Name(_)
            | E::Literal(_)
            | E::Text(_)
            | E::Field(..)
            | E::Match(..)
            | E::Quantifier(..)
            | E::Call(..)
            | E::Set(_)
            | E::List(_)
            | E::AllRulesPass
    )
}

/// Writes an operand: bracketed unless it is a primary, and sometimes
/// bracketed anyway.
fn operand(e: &E, layout: &mut Layout, rich: bool, out: &mut String) {
    if !is_primary(e) || layout.pick(5) == 0 {
        out.push('(');
        write_expr(e, layout, rich, out);
        out.push(')');
    } else {
        write_expr(e, layout, rich, out);
    }
}

fn write_list(items: &[E], layout: &mut Layout, rich: bool, out: &mut String) {
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            out.push(',');
            out.push_str(layout.gap(rich));
        }
        write_expr(item, layout, rich, out);
    }
}

fn write_text(parts: &[Part], layout: &mut Layout, out: &mut String) {
    out.push('"');
    for part in parts {
        match part {
            Part::Text(text) => out.push_str(text),
            Part::Hole(e) => {
                out.push('{');
                write_expr(e, layout, false, out);
                out.push('}');
            }
        }
    }
    out.push('"');
}

pub fn write_expr(e: &E, layout: &mut Layout, rich: bool, out: &mut String) {
    match e {
        E::Name(name) => out.push_str(name),
        E::Literal(literal) => out.push_str(literal),
        E::Text(parts) => write_text(parts, layout, out),
        E::Field(base, field) => {
            if matches!(**base, E::Field(..))
                || is_primary(base) && !matches!(**base, E::Literal(_))
            {
                write_expr(base, layout, rich, out);
            } else {
                out.push('(');
                write_expr(base, layout, rich, out);
                out.push(')');
            }
            out.push('.');
            out.push_str(field);
        }
        E::Neg(inner) => {
            out.push('-');
            operand(inner, layout, rich, out);
        }
        E::Not(inner) => {
            out.push_str("not");
            out.push_str(layout.gap(rich));
            operand(inner, layout, rich, out);
        }
        E::Binary(op, left, right) => {
            operand(left, layout, rich, out);
            out.push_str(layout.gap(rich));
            out.push_str(op);
            out.push_str(layout.gap(rich));
            operand(right, layout, rich, out);
        }
        E::Present(inner, negated) => {
            operand(inner, layout, rich, out);
            out.push_str(if *negated {
                " is absent"
            } else {
                " is present"
            });
        }
        E::If(condition, then, otherwise) => {
            out.push_str("if ");
            write_expr(condition, layout, rich, out);
            out.push_str(layout.gap(rich));
            out.push_str("then ");
            write_expr(then, layout, rich, out);
            out.push_str(layout.gap(rich));
            out.push_str("else ");
            write_expr(otherwise, layout, rich, out);
        }
        E::Match(subject, arms, wildcard) => {
            out.push_str("match ");
            write_expr(subject, layout, rich, out);
            out.push_str(" {");
            out.push_str(layout.gap(rich));
            for (patterns, body) in arms {
                out.push_str(&patterns.join(" | "));
                out.push_str(" => ");
                operand(body, layout, rich, out);
                out.push(',');
                out.push_str(layout.gap(rich));
            }
            if let Some(body) = wildcard {
                out.push_str("_ => ");
                operand(body, layout, rich, out);
                out.push_str(layout.gap(rich));
            }
            out.push('}');
        }
        E::Quantifier(kind, var, list, body) => {
            out.push_str(&format!("{kind}({var} in "));
            write_expr(list, layout, rich, out);
            out.push(':');
            out.push_str(layout.gap(rich));
            write_expr(body, layout, rich, out);
            out.push(')');
        }
        E::Call(name, args) => {
            out.push_str(name);
            out.push('(');
            write_list(args, layout, rich, out);
            out.push(')');
        }
        E::Set(items) => {
            out.push('{');
            write_list(items, layout, rich, out);
            out.push('}');
        }
        E::List(items) => {
            out.push('[');
            write_list(items, layout, rich, out);
            out.push(']');
        }
        E::AllRulesPass => out.push_str("all rules pass"),
    }
}

fn write_ty(ty: &Ty, layout: &mut Layout, out: &mut String) {
    match ty {
        Ty::Named(name) => out.push_str(name),
        Ty::Money(None) => out.push_str("money"),
        Ty::Money(Some(currency)) => out.push_str(&format!("money<{currency}>")),
        Ty::List(element) | Ty::Set(element) => {
            out.push_str(if matches!(ty, Ty::List(_)) {
                "list<"
            } else {
                "set<"
            });
            write_ty(element, layout, out);
            out.push('>');
        }
        Ty::Enum(symbols) => out.push_str(&symbols.join(" | ")),
        Ty::Record(fields) => {
            out.push('{');
            for (index, (name, optional, field_ty)) in fields.iter().enumerate() {
                if index > 0 {
                    out.push_str([", ", ",", "\n    ", "\n    // a field\n    "][layout.pick(4)]);
                }
                out.push_str(name);
                if *optional {
                    out.push('?');
                }
                out.push_str(": ");
                write_ty(field_ty, layout, out);
            }
            out.push('}');
        }
    }
}

fn write_cell(cell: &Cell, layout: &mut Layout, out: &mut String) {
    match cell {
        Cell::Any(text) => out.push_str(text),
        Cell::Compare(op, e) => {
            out.push_str(op);
            out.push(' ');
            operand(e, layout, false, out);
        }
        Cell::Range(open, low, high, close) => {
            out.push_str(open);
            operand(low, layout, false, out);
            out.push_str("..");
            operand(high, layout, false, out);
            out.push_str(close);
        }
        Cell::Not(items) => {
            out.push_str("not(");
            for (index, e) in items.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                operand(e, layout, false, out);
            }
            out.push(')');
        }
        Cell::OneOf(items) => {
            for (index, e) in items.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                // A cell holds additions and what binds tighter.
                out.push('(');
                write_expr(e, layout, false, out);
                out.push(')');
            }
        }
    }
}

fn write_rule(rule: &Rule, layout: &mut Layout, out: &mut String) {
    out.push_str(&format!("rule {} \"{}\"", rule.id, rule.title));
    for (source, section) in &rule.cites {
        out.push_str(layout.clause_break());
        out.push_str(&format!("cite \"{source}\""));
        if let Some(section) = section {
            out.push_str(&format!(", \"{section}\""));
        }
    }
    if let Some((var, list)) = &rule.for_each {
        out.push_str(layout.clause_break());
        out.push_str(&format!("for {var} in "));
        write_expr(list, layout, true, out);
    }
    let binding = |name: &str, e: &E, layout: &mut Layout, out: &mut String| {
        out.push_str(layout.clause_break());
        out.push_str(&format!("let {name} ="));
        out.push_str(layout.gap(true));
        write_expr(e, layout, true, out);
    };
    for (name, e) in &rule.lets_before {
        binding(name, e, layout, out);
    }
    if let Some(when) = &rule.when {
        out.push_str(layout.clause_break());
        out.push_str("when ");
        write_expr(when, layout, true, out);
    }
    for (name, e) in &rule.lets_after {
        binding(name, e, layout, out);
    }
    out.push_str(layout.clause_break());
    out.push_str("require ");
    write_expr(&rule.require, layout, true, out);
    if let Some(message) = &rule.message {
        out.push_str(layout.clause_break());
        out.push_str("else ");
        write_text(message, layout, out);
    }
}

fn write_item(item: &Item, layout: &mut Layout, out: &mut String) {
    match item {
        Item::Import(module, names) => {
            out.push_str(&format!("import {module}"));
            if let Some(names) = names {
                out.push_str(&format!(".{{{}}}", names.join(", ")));
            }
        }
        Item::Const(name, ty, e) => {
            out.push_str(&format!("const {name}: "));
            write_ty(ty, layout, out);
            out.push_str(" =");
            out.push_str(layout.gap(true));
            write_expr(e, layout, true, out);
        }
        Item::Type(name, ty) => {
            out.push_str(&format!("type {name} = "));
            write_ty(ty, layout, out);
        }
        Item::Enum(name, symbols) => {
            out.push_str(&format!("enum {name} {{ {} }}", symbols.join(", ")));
        }
        Item::Table(name, params, output, hit, rows, default) => {
            out.push_str(&format!("table {name}("));
            for (index, (param, ty)) in params.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                out.push_str(&format!("{param}: "));
                write_ty(ty, layout, out);
            }
            out.push_str(") -> ");
            write_ty(output, layout, out);
            out.push_str(layout.clause_break());
            out.push_str(&format!("hit {hit}"));
            for row in rows {
                out.push_str(layout.clause_break());
                out.push('|');
                for cell in row {
                    out.push_str([" ", "  ", "\t"][layout.pick(3)]);
                    write_cell(cell, layout, out);
                    out.push_str(" |");
                }
            }
            if let (true, Some(last)) = (default, rows.last()) {
                out.push_str(layout.clause_break());
                out.push_str("default |");
                for cell in last {
                    out.push(' ');
                    write_cell(cell, layout, out);
                    out.push_str(" |");
                }
            }
        }
        Item::Function(name, params, output, body) => {
            out.push_str(&format!("fn {name}("));
            for (index, (param, ty)) in params.iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                out.push_str(&format!("{param}: "));
                write_ty(ty, layout, out);
            }
            out.push_str(") -> ");
            write_ty(output, layout, out);
            out.push_str(" =");
            out.push_str(layout.clause_break());
            write_expr(body, layout, true, out);
        }
        Item::Rule(rule) => write_rule(rule, layout, out),
        Item::Decision(name, title, clauses) => {
            out.push_str(&format!("decision {name} \"{title}\""));
            for clause in clauses {
                out.push_str(layout.clause_break());
                match clause {
                    Clause::Input(ty) => {
                        out.push_str("input ");
                        write_ty(ty, layout, out);
                    }
                    Clause::Outcomes(names) => {
                        out.push_str(&format!("outcomes {}", names.join(", ")))
                    }
                    Clause::Rules(ids) => out.push_str(&format!("rules {}", ids.join(", "))),
                    Clause::Value(name, optional, ty, on, e) => {
                        out.push_str(&format!(
                            "value {name}{}: ",
                            if *optional { "?" } else { "" }
                        ));
                        write_ty(ty, layout, out);
                        if !on.is_empty() {
                            out.push_str(&format!(" on {}", on.join(", ")));
                        }
                        out.push_str(" = ");
                        write_expr(e, layout, true, out);
                    }
                    Clause::Outcome(e) => {
                        out.push_str("outcome ");
                        write_expr(e, layout, true, out);
                    }
                }
            }
        }
    }
}

pub fn write_file(items: &[(Preamble, Item)], bytes: Vec<u8>) -> String {
    let mut layout = Layout { bytes, at: 0 };
    let mut out = String::from("/// A generated module.\nmodule generated.policy");
    for (preamble, item) in items {
        out.push_str(layout.item_break());
        for line in &preamble.lines {
            out.push_str(line);
            out.push('\n');
        }
        write_item(item, &mut layout, &mut out);
    }
    out.push_str(["\n", "", "\n\n// trailing\n"][layout.pick(3)]);
    out
}
