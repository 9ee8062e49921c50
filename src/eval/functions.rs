//! Calls of user-defined functions: the arguments fill the function's first
//! local slots, its body is evaluated, and the explanation shows the call
//! with its arguments and result after the steps of the body.

use super::errors::RuntimeError;
use super::machine::{Eval, Frame, Machine};
use crate::syntax::ast::Span;
use crate::value::{render_text, Value};

impl<'p> Machine<'p> {
    pub(super) fn function(&mut self, index: usize, args: Vec<Value>, span: Span) -> Eval<Value> {
        let Some(function) = self.policies.and_then(|p| p.functions.get(index)) else {
            return Err(RuntimeError {
                error: Box::new(super::errors::EvalError::Absent {
                    what: "function".into(),
                    span: span.into(),
                }),
                file: self.file,
                within: None,
            });
        };
        let mut frame = Frame::new(&function.frame.locals, self.tracing);
        let shown = if self.tracing {
            let parts: Vec<String> = args
                .iter()
                .zip(&function.params)
                .map(|(value, (name, ty))| {
                    format!("{name} = {}", render_text(value, ty, self.symbols()))
                })
                .collect();
            parts.join(", ")
        } else {
            String::new()
        };
        for (slot, arg) in frame.slots.iter_mut().zip(args) {
            *slot = arg;
        }
        let saved_file = self.file;
        self.file = function.location.file;
        let result = self.eval(&function.frame.body, &mut frame);
        self.file = saved_file;
        let result = result?;
        if self.tracing {
            let text = format!(
                "{}({shown}) = {}",
                function.name,
                render_text(&result, &function.output, self.symbols())
            );
            if let Some(sink) = self.sinks.last_mut() {
                sink.step(text);
            }
        }
        Ok(result)
    }
}
