//! Type expressions: records on one line when they fit, otherwise one field
//! per line without commas.

use super::builder::{bracketed, Builder};
use super::doc::Doc;
use crate::syntax::ast::{TypeExpr, TypeExprKind};

impl Builder<'_> {
    pub fn type_expr(&mut self, ty: &TypeExpr) -> Doc {
        match &ty.kind {
            TypeExprKind::Named(name) => Doc::text(&name.name),
            TypeExprKind::Money(None) => Doc::text("money"),
            TypeExprKind::Money(Some(currency)) => Doc::text(format!("money<{}>", currency.name)),
            TypeExprKind::List(element) => self.wrapped("list", element),
            TypeExprKind::Set(element) => self.wrapped("set", element),
            TypeExprKind::Enum(symbols) => {
                let mut rest = Vec::with_capacity(symbols.len() * 2);
                for symbol in symbols.iter().skip(1) {
                    rest.push(Doc::Line);
                    rest.push(Doc::text(format!("| {}", symbol.name)));
                }
                let first = symbols.first().map_or(String::new(), |s| s.name.clone());
                Doc::group(Doc::concat(vec![
                    Doc::text(first),
                    Doc::nest(2, Doc::concat(rest)),
                ]))
            }
            TypeExprKind::Record(fields) => {
                let sequence = self.sequence(
                    fields,
                    |field| field.name.span.start,
                    ty.span.end,
                    |this, field| {
                        let mark = if field.optional { "?" } else { "" };
                        let field_ty = this.type_expr(&field.ty);
                        Doc::concat(vec![
                            Doc::text(format!("{}{mark}: ", field.name.name)),
                            field_ty,
                        ])
                    },
                );
                let mut sequence = sequence;
                // A record holding records reads best one field per line.
                if fields.iter().any(|field| holds_record(&field.ty)) && !self.is_one_line() {
                    sequence.lead = Doc::concat(vec![Doc::BreakParent, sequence.lead]);
                }
                bracketed(
                    sequence,
                    "{",
                    "}",
                    || Doc::if_break(Doc::Nil, Doc::text(",")),
                    false,
                )
            }
        }
    }

    /// A type on one line, as a table's output type is written.
    pub fn type_one_line(&mut self, ty: &TypeExpr) -> String {
        self.one_line(|this| this.type_expr(ty))
    }

    fn wrapped(&mut self, name: &str, element: &TypeExpr) -> Doc {
        let element = self.type_expr(element);
        Doc::concat(vec![Doc::text(format!("{name}<")), element, Doc::text(">")])
    }
}

fn holds_record(ty: &TypeExpr) -> bool {
    match &ty.kind {
        TypeExprKind::Record(_) => true,
        TypeExprKind::List(element) | TypeExprKind::Set(element) => holds_record(element),
        _ => false,
    }
}
