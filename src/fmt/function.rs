//! `fn name(a: T, b: U) -> V = body`: the header like a table's, the body
//! like any assigned value.

use super::builder::{bracketed, Builder};
use super::doc::Doc;
use crate::syntax::ast::FunctionDecl;

impl Builder<'_> {
    pub fn function(&mut self, decl: &FunctionDecl) -> Doc {
        let sequence = self.sequence(
            &decl.params,
            |(name, _)| name.span.start,
            decl.output.span.start,
            |this, (name, ty)| {
                let ty = this.type_expr(ty);
                Doc::concat(vec![Doc::text(format!("{}: ", name.name)), ty])
            },
        );
        let open = format!("fn {}(", decl.name.name);
        let params = bracketed(sequence, &open, ")", || Doc::text(","), false);
        let output = self.type_one_line(&decl.output);
        let head = Doc::concat(vec![params, Doc::text(format!(" -> {output}"))]);
        self.assignment(head, &decl.body)
    }
}
