//! User-defined functions: `fn name(a: T) -> U = body`. The body is checked
//! once, with only its parameters (and the module's constants, tables and
//! functions) in scope, so a function is pure; a call that closes a cycle
//! of functions is an error, so evaluation always ends.

use super::calls::plural;
use super::errors::CheckError;
use super::expr::Scope;
use super::{Checker, Resolve};
use crate::plan::{Expr, Frame, Function, Location};
use crate::syntax::ast;
use crate::types::Type;
use crate::value::Value;

pub(crate) struct FunctionEntry<'a> {
    pub module: usize,
    pub decl: &'a ast::FunctionDecl,
    pub span: ast::Span,
    /// The signature, once the body is checked (`InProgress` while it is:
    /// a call then closes a cycle).
    pub state: Resolve<(Vec<Type>, Type)>,
}

impl Checker<'_> {
    /// Checks and compiles function `index`, once; its signature, or `None`
    /// when it is part of a cycle being checked or failed.
    pub(super) fn compile_function(&mut self, index: usize) -> Option<(Vec<Type>, Type)> {
        match &self.functions[index].state {
            Resolve::Done(signature) => return Some(signature.clone()),
            Resolve::InProgress | Resolve::Failed => return None,
            Resolve::Pending => {}
        }
        self.functions[index].state = Resolve::InProgress;
        let module = self.functions[index].module;
        let decl = self.functions[index].decl;
        let file = self.file_of(module);
        let params: Vec<Type> = decl
            .params
            .iter()
            .map(|(_, ty)| self.resolve_type_expr(module, ty))
            .collect();
        let output = self.resolve_type_expr(module, &decl.output);
        let mut scope = Scope::constant(module);
        for ((name, _), ty) in decl.params.iter().zip(&params) {
            scope.bind(&name.name, ty.clone());
        }
        let body = self.expect(&mut scope, &decl.body, &output);
        self.compiled_functions[index] = Some(Function {
            name: decl.name.name.clone(),
            params: decl
                .params
                .iter()
                .map(|(n, _)| n.name.clone())
                .zip(params.iter().cloned())
                .collect(),
            output: output.clone(),
            frame: Frame {
                body,
                locals: scope.slots,
            },
            location: Location {
                file,
                span: self.functions[index].span,
            },
        });
        let signature = (params, output);
        self.functions[index].state = Resolve::Done(signature.clone());
        Some(signature)
    }

    pub(super) fn function_call(
        &mut self,
        scope: &mut Scope,
        index: usize,
        name: &ast::Ident,
        args: &[ast::Expr],
        span: ast::Span,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        let in_progress = matches!(self.functions[index].state, Resolve::InProgress);
        let signature = if in_progress {
            None
        } else {
            self.compile_function(index)
        };
        let Some((params, output)) = signature else {
            if in_progress {
                let cycle: Vec<String> = self
                    .functions
                    .iter()
                    .filter(|f| matches!(f.state, Resolve::InProgress))
                    .map(|f| format!("`{}`", f.decl.name.name))
                    .filter(|n| *n != format!("`{}`", name.name))
                    .collect();
                let through = if cycle.is_empty() {
                    String::new()
                } else {
                    format!(" through {}", cycle.join(", "))
                };
                self.error(
                    file,
                    CheckError::RecursiveFunction {
                        name: name.name.clone(),
                        through,
                        span: name.span.into(),
                    },
                );
            }
            for arg in args {
                self.check(scope, arg, None);
            }
            return (Type::Unknown, Expr::Const(Value::Absent));
        };
        if params.len() != args.len() {
            for arg in args {
                self.check(scope, arg, None);
            }
            let decl = self.functions[index].decl;
            let usage: Vec<String> = decl.params.iter().map(|(n, _)| n.name.clone()).collect();
            self.error(
                file,
                CheckError::ArgumentCount {
                    name: name.name.clone(),
                    expected: plural(params.len(), "argument"),
                    found: args.len(),
                    span: span.into(),
                    help: Some(format!("usage: {}({})", name.name, usage.join(", "))),
                },
            );
            return (Type::Unknown, Expr::Const(Value::Absent));
        }
        let compiled = args
            .iter()
            .zip(&params)
            .map(|(arg, param)| self.expect(scope, arg, param))
            .collect();
        (
            output,
            Expr::Function {
                function: index as u16,
                args: compiled,
                span,
            },
        )
    }
}
