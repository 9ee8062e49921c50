//! A file's items, and what stands between them: one blank line, except
//! that runs of one-line declarations (`import`, `const`, `type`, `enum`)
//! keep the grouping their author chose; comments between items keep their
//! place and the blank lines around them.

use super::builder::{bracketed_packed, Builder};
use super::doc::Doc;
use super::expr::level;
use crate::syntax::ast::{Annotation, Expr, ExprKind, File, Item, ItemKind};

impl Builder<'_> {
    pub fn file(&mut self, file: &File) -> Doc {
        let mut parts = Vec::new();
        let mut previous: Option<&Item> = None;
        for item in &file.items {
            self.between(previous, Some(item), &mut parts);
            parts.push(self.item(item));
            previous = Some(item);
        }
        self.between(previous, None, &mut parts);
        Doc::concat(parts)
    }

    /// The comments and line breaks between `previous` and `next` (either
    /// may be the edge of the file).
    fn between(&mut self, previous: Option<&Item>, next: Option<&Item>, parts: &mut Vec<Doc>) {
        let end = next.map_or(self.trivia.source.len(), |item| item.span.start);
        let comments = self.trivia.take_before(end);
        let mut rest = comments.as_slice();
        if previous.is_some() {
            // What ends the previous item's last line, and indented comments
            // right below it, belong to that item; so does any further
            // comment that followed code there (it cannot share the line).
            if let Some(first) = rest.first().filter(|comment| !comment.own_line) {
                parts.push(Doc::LineSuffix(format!(" {}", first.text)));
                rest = &rest[1..];
            }
            while let Some(comment) = rest
                .first()
                .filter(|comment| comment.column > 0 || !comment.own_line)
            {
                parts.push(Doc::nest(
                    2,
                    Doc::concat(vec![Doc::HardLine, Doc::text(&comment.text)]),
                ));
                rest = &rest[1..];
            }
        }
        let mut at_start = previous.is_none();
        let mut first_boundary = true;
        for comment in rest {
            let blank = if first_boundary {
                separating_blank(previous, next, comment.blank_before)
            } else {
                comment.blank_before
            };
            if !at_start {
                push_break(parts, blank);
            }
            parts.push(Doc::text(&comment.text));
            at_start = false;
            first_boundary = false;
        }
        if let Some(next) = next {
            if !at_start {
                let source_blank = self.trivia.blank_line_before(next.span.start);
                let blank = if first_boundary {
                    separating_blank(previous, Some(next), source_blank)
                } else {
                    source_blank
                };
                push_break(parts, blank);
            }
        }
    }

    fn item(&mut self, item: &Item) -> Doc {
        let mut parts = Vec::new();
        for (index, annotation) in item.annotations.iter().enumerate() {
            if index > 0 {
                parts.push(self.flush(annotation.span.start));
                parts.push(Doc::HardLine);
            }
            parts.push(Doc::text(self.annotation(annotation)));
        }
        if let Some(last) = item.annotations.last() {
            let keyword = self.trivia.skip_trivia(last.span.end);
            parts.push(self.flush(keyword));
            parts.push(Doc::HardLine);
        }
        // Comments after the item's last line break are placed with the
        // ones between this item and the next.
        parts.push(self.item_kind(item));
        Doc::concat(parts)
    }

    fn item_kind(&mut self, item: &Item) -> Doc {
        match &item.kind {
            ItemKind::Module(name) => Doc::text(format!("module {}", name.name)),
            ItemKind::Import(import) => {
                let head = Doc::text(format!("import {}", import.module.name));
                match &import.names {
                    None => head,
                    Some(names) => {
                        let sequence = self.sequence(
                            names,
                            |name| name.span.start,
                            item.span.end,
                            |_, name| Doc::text(&name.name),
                        );
                        let list = bracketed_packed(sequence, "{", "}", false);
                        Doc::concat(vec![head, Doc::text("."), list])
                    }
                }
            }
            ItemKind::Const(decl) => {
                let ty = self.type_expr(&decl.ty);
                let head = Doc::concat(vec![Doc::text(format!("const {}: ", decl.name.name)), ty]);
                self.assignment(head, &decl.value)
            }
            ItemKind::Type(decl) => {
                let ty = self.type_expr(&decl.ty);
                Doc::concat(vec![Doc::text(format!("type {} = ", decl.name.name)), ty])
            }
            ItemKind::Enum(decl) => {
                let sequence = self.sequence(
                    &decl.symbols,
                    |symbol| symbol.span.start,
                    item.span.end,
                    |_, symbol| {
                        let mut text = symbol.name.clone();
                        for (_, alias) in decl.aliases.iter().filter(|(m, _)| m.name == symbol.name)
                        {
                            text.push_str(" aka ");
                            text.push_str(&alias.name);
                        }
                        Doc::text(text)
                    },
                );
                Doc::concat(vec![
                    Doc::text(format!("enum {} ", decl.name.name)),
                    bracketed_packed(sequence, "{", "}", true),
                ])
            }
            ItemKind::Table(table) => self.table(table),
            ItemKind::Function(decl) => self.function(decl),
            ItemKind::Rule(rule) => self.rule(rule),
            ItemKind::Decision(decision) => self.decision(decision),
        }
    }

    /// `@name(args)`; an argument written as a string stays a string.
    fn annotation(&self, annotation: &Annotation) -> String {
        let mut text = format!("@{}", annotation.name.name);
        if !annotation.args.is_empty() {
            let args: Vec<String> = annotation
                .args
                .iter()
                .map(|arg| {
                    let is_string =
                        self.trivia.source.as_bytes().get(arg.span.start) == Some(&b'"');
                    if is_string {
                        super::expr::plain(&arg.name)
                    } else {
                        arg.name.clone()
                    }
                })
                .collect();
            text.push_str(&format!("({})", args.join(", ")));
        }
        text
    }

    /// `head = value`. Bracketed values open on the line of `=`; any other
    /// value moves to the next line, indented, when the whole does not fit.
    pub fn assignment(&mut self, head: Doc, value: &Expr) -> Doc {
        let before = self.flush(value.span.start);
        let hugs = matches!(
            value.kind,
            ExprKind::Set(_) | ExprKind::List(_) | ExprKind::Match(..)
        );
        let value_doc = self.expr(value, level::ANY);
        if hugs && before.is_nil() {
            return Doc::concat(vec![head, Doc::text(" = "), value_doc]);
        }
        Doc::group(Doc::concat(vec![
            head,
            Doc::text(" ="),
            Doc::nest(2, Doc::concat(vec![before, Doc::Line, value_doc])),
        ]))
    }
}

fn push_break(parts: &mut Vec<Doc>, blank: bool) {
    parts.push(Doc::HardLine);
    if blank {
        parts.push(Doc::HardLine);
    }
}

/// Whether a blank line separates two items (or an item from the comments
/// after it): always, except inside a run of one-line declarations, where
/// the author's choice holds.
fn separating_blank(previous: Option<&Item>, next: Option<&Item>, written: bool) -> bool {
    match (previous, next) {
        (Some(previous), Some(next)) if is_declaration(previous) && is_declaration(next) => written,
        (Some(_), _) => true,
        (None, _) => written,
    }
}

fn is_declaration(item: &Item) -> bool {
    matches!(
        item.kind,
        ItemKind::Import(_) | ItemKind::Const(_) | ItemKind::Type(_) | ItemKind::Enum(_)
    )
}
