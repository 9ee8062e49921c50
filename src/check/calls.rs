//! Calls: the built-in functions with their signatures, and decision tables
//! called like functions.

use std::sync::Arc;

use super::errors::CheckError;
use super::expr::Scope;
use super::library;
use super::scope::DeclRef;
use super::Checker;
use crate::diagnostic::did_you_mean;
use crate::plan::{Builtin, Expr};
use crate::syntax::ast::{self, ExprKind};
use crate::types::Type;
use crate::value::decimal::RoundingMode;
use crate::value::Value;

/// Built-in functions: name, what they do (for help text), and arity.
pub const BUILTINS: [(&str, Builtin, &str); 29] = [
    ("len", Builtin::Len, "len(text) → int, in Unicode characters"),
    ("count", Builtin::Count, "count(list) → int"),
    ("sum", Builtin::Sum, "sum(list) → number, money or duration"),
    ("min", Builtin::Min, "min(a, b) or min(list)"),
    ("max", Builtin::Max, "max(a, b) or max(list)"),
    ("abs", Builtin::Abs, "abs(number)"),
    ("round", Builtin::Round, "round(value, places, mode), mode one of half_even, half_up, half_down, up, down, ceiling, floor"),
    ("is_empty", Builtin::IsEmpty, "is_empty(list) → bool"),
    ("distinct", Builtin::Distinct, "distinct(list) → list without repeats"),
    ("days_between", Builtin::DaysBetween, "days_between(from: date, to: date) → int"),
    ("months_between", Builtin::MonthsBetween, "months_between(from: date, to: date) → whole months, int"),
    ("add_months", Builtin::AddMonths, "add_months(date | instant | month, int)"),
    ("add_days", Builtin::AddDays, "add_days(date, int) → date"),
    ("start_of_month", Builtin::StartOfMonth, "start_of_month(date) → date"),
    ("end_of_month", Builtin::EndOfMonth, "end_of_month(date) → date, the month's last day"),
    ("start_of_day", Builtin::StartOfDay, "start_of_day(date) → instant at 00:00:00Z"),
    ("end_of_day", Builtin::EndOfDay, "end_of_day(date) → instant: the next day at 00:00:00Z, exclusive"),
    ("date_of", Builtin::DateOf, "date_of(instant) → date (UTC)"),
    ("month_of", Builtin::MonthOf, "month_of(date | instant) → month"),
    ("first_day", Builtin::FirstDay, "first_day(month) → date"),
    ("last_day", Builtin::LastDay, "last_day(month) → date"),
    ("amount", Builtin::Amount, "amount(money) → decimal"),
    ("currency", Builtin::Currency, "currency(money) → text"),
    ("lower", Builtin::Lower, "lower(text) → text"),
    ("upper", Builtin::Upper, "upper(text) → text"),
    ("trim", Builtin::Trim, "trim(text) → text"),
    ("contains", Builtin::Contains, "contains(text, part) → bool"),
    ("starts_with", Builtin::StartsWith, "starts_with(text, prefix) → bool"),
    ("ends_with", Builtin::EndsWith, "ends_with(text, suffix) → bool"),
];

/// Every built-in function, the original ones and the `library` ones.
pub fn all_builtins() -> impl Iterator<Item = &'static (&'static str, Builtin, &'static str)> {
    BUILTINS.iter().chain(library::LIBRARY.iter())
}

impl Checker<'_> {
    pub(super) fn call(
        &mut self,
        scope: &mut Scope,
        name: &ast::Ident,
        args: &[ast::Expr],
        span: ast::Span,
        expected: Option<&Type>,
    ) -> (Type, Expr) {
        if let Some((_, builtin, usage)) = BUILTINS.iter().find(|(n, _, _)| *n == name.name) {
            return self.builtin(scope, *builtin, usage, name, args, span, expected);
        }
        if let Some((_, usage)) = library::lookup(&name.name) {
            return self.library_call(scope, name, usage, args, span);
        }
        let file = self.file_of(scope.module);
        match self.lookup(scope.module, name) {
            Some(DeclRef::Table(index)) => self.table_call(scope, index, name, args, span),
            Some(DeclRef::Function(index)) => self.function_call(scope, index, name, args, span),
            _ => {
                let mut candidates: Vec<String> =
                    all_builtins().map(|(n, _, _)| n.to_string()).collect();
                candidates.extend(self.visible_names(scope.module));
                let help = did_you_mean(&name.name, candidates.iter().map(String::as_str));
                self.error(
                    file,
                    CheckError::UnknownFunction {
                        name: name.name.clone(),
                        span: name.span.into(),
                        help,
                    },
                );
                for arg in args {
                    self.check(scope, arg, None);
                }
                (Type::Unknown, Expr::Const(Value::Absent))
            }
        }
    }

    fn table_call(
        &mut self,
        scope: &mut Scope,
        index: usize,
        name: &ast::Ident,
        args: &[ast::Expr],
        span: ast::Span,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        let Some((params, output)) = self.table_signature(index) else {
            return (Type::Unknown, Expr::Const(Value::Absent));
        };
        if params.len() != args.len() {
            self.error(
                file,
                CheckError::ArgumentCount {
                    name: name.name.clone(),
                    expected: plural(params.len(), "argument"),
                    found: args.len(),
                    span: span.into(),
                    help: None,
                },
            );
            return (Type::Unknown, Expr::Const(Value::Absent));
        }
        let compiled = args
            .iter()
            .zip(&params)
            .map(|(arg, param)| self.expect(scope, arg, param))
            .collect();
        let decl = self.tables[index].decl;
        let ty = super::tables::result_type(decl.hit, decl.aggregator, output);
        (
            ty,
            Expr::Table {
                table: index as u16,
                args: compiled,
                span,
            },
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn builtin(
        &mut self,
        scope: &mut Scope,
        builtin: Builtin,
        usage: &str,
        name: &ast::Ident,
        args: &[ast::Expr],
        span: ast::Span,
        expected: Option<&Type>,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        let arity_error = |this: &mut Self, expected_count: &str| {
            this.error(
                file,
                CheckError::ArgumentCount {
                    name: name.name.clone(),
                    expected: expected_count.to_string(),
                    found: args.len(),
                    span: span.into(),
                    help: Some(format!("usage: {usage}")),
                },
            );
            (Type::Unknown, Expr::Const(Value::Absent))
        };
        let mut rounding = None;
        let mut compiled = Vec::with_capacity(args.len());
        let arity = match builtin {
            Builtin::Round => 3,
            Builtin::Min | Builtin::Max if args.len() == 2 => 2,
            Builtin::DaysBetween
            | Builtin::MonthsBetween
            | Builtin::AddMonths
            | Builtin::AddDays
            | Builtin::Contains
            | Builtin::StartsWith
            | Builtin::EndsWith => 2,
            _ => 1,
        };
        if args.len() != arity {
            let expected_count = if matches!(builtin, Builtin::Min | Builtin::Max) {
                "1 or 2 arguments".to_string()
            } else {
                plural(arity, "argument")
            };
            for arg in args {
                self.check(scope, arg, None);
            }
            return arity_error(self, &expected_count);
        }
        let mut types = Vec::with_capacity(args.len());
        for (position, arg) in args.iter().enumerate() {
            if builtin == Builtin::Round && position == 2 {
                rounding = self.rounding_mode(file, arg);
                continue;
            }
            let hint = if position == 0 { expected } else { None };
            let (ty, c) = self.check(scope, arg, hint.filter(|_| builtin == Builtin::Round));
            let ty = self.present(scope, arg, ty);
            types.push(ty);
            compiled.push(c);
        }
        use Type::*;
        let bad = |this: &mut Self, position: usize, wanted: &str| {
            this.error(
                file,
                CheckError::TypeMismatch {
                    expected: wanted.to_string(),
                    found: types[position].display().to_string(),
                    span: args[position].span.into(),
                    help: Some(format!("usage: {usage}")),
                },
            );
            (Type::Unknown, Expr::Const(Value::Absent))
        };
        let element = |t: &Type| t.element().cloned();
        let result: Type = match builtin {
            Builtin::Len => match &types[0] {
                Text | Unknown => Int,
                _ => return bad(self, 0, "text"),
            },
            Builtin::Count => match element(&types[0]) {
                Some(_) => Int,
                None if types[0].is_unknown() => Int,
                None => return bad(self, 0, "a list"),
            },
            Builtin::IsEmpty => match element(&types[0]) {
                Some(_) => Bool,
                None if types[0].is_unknown() => Bool,
                None => return bad(self, 0, "a list"),
            },
            Builtin::Distinct => match &types[0] {
                List(_) | Set(_) | Unknown => types[0].clone(),
                _ => return bad(self, 0, "a list"),
            },
            Builtin::Sum => match element(&types[0]) {
                Some(e @ (Int | Decimal | Money(_) | Duration | Unknown)) => e,
                None if types[0].is_unknown() => Unknown,
                _ => return bad(self, 0, "a list of numbers, money or durations"),
            },
            Builtin::Min | Builtin::Max if args.len() == 1 => match element(&types[0]) {
                Some(e) if e.is_ordered() => Optional(Arc::new(e)),
                None if types[0].is_unknown() => Unknown,
                _ => return bad(self, 0, "a list of ordered values"),
            },
            Builtin::Min | Builtin::Max => {
                if !(types[0].is_ordered() && types[0].comparable_with(&types[1])) {
                    return bad(self, 1, &types[0].display().to_string());
                }
                if matches!((&types[0], &types[1]), (Int, Decimal) | (Decimal, Int)) {
                    compiled = compiled
                        .into_iter()
                        .map(|c| Expr::IntToDecimal(Box::new(c)))
                        .collect();
                    Decimal
                } else {
                    types[0].clone()
                }
            }
            Builtin::Abs => match &types[0] {
                Int | Decimal | Money(_) | Duration | Unknown => types[0].clone(),
                _ => return bad(self, 0, "a number, money or a duration"),
            },
            Builtin::Round => {
                let places_ok = matches!(&types[1], Int | Unknown)
                    && matches!(args[1].kind, ExprKind::Literal(_));
                if !places_ok {
                    self.error(
                        file,
                        CheckError::Invalid {
                            message: "the number of decimal places must be a whole-number literal"
                                .into(),
                            span: args[1].span.into(),
                            help: Some("for example `round(x, 2, half_even)`".into()),
                        },
                    );
                }
                match &types[0] {
                    Int | Decimal => {
                        compiled[0] = Expr::IntToDecimal(Box::new(compiled[0].clone()));
                        Decimal
                    }
                    Money(_) | Unknown => types[0].clone(),
                    _ => return bad(self, 0, "a decimal or money"),
                }
            }
            Builtin::DaysBetween | Builtin::MonthsBetween => {
                if let Some(position) = types.iter().position(|t| !matches!(t, Date | Unknown)) {
                    return bad(self, position, "date");
                }
                Int
            }
            Builtin::AddMonths => {
                if !matches!(types[1], Int | Unknown) {
                    return bad(self, 1, "int");
                }
                match &types[0] {
                    Date | Instant | Month | Unknown => types[0].clone(),
                    _ => return bad(self, 0, "date, instant or month"),
                }
            }
            Builtin::AddDays => {
                if !matches!(types[1], Int | Unknown) {
                    return bad(self, 1, "int");
                }
                match &types[0] {
                    Date | Unknown => Date,
                    _ => return bad(self, 0, "date"),
                }
            }
            Builtin::StartOfMonth | Builtin::EndOfMonth => match &types[0] {
                Date | Unknown => Date,
                _ => return bad(self, 0, "date"),
            },
            Builtin::StartOfDay | Builtin::EndOfDay => match &types[0] {
                Date | Unknown => Instant,
                _ => return bad(self, 0, "date"),
            },
            Builtin::DateOf => match &types[0] {
                Instant | Unknown => Date,
                _ => return bad(self, 0, "instant"),
            },
            Builtin::MonthOf => match &types[0] {
                Date | Instant | Unknown => Month,
                _ => return bad(self, 0, "date or instant"),
            },
            Builtin::FirstDay | Builtin::LastDay => match &types[0] {
                Month | Unknown => Date,
                _ => return bad(self, 0, "month"),
            },
            Builtin::Amount => match &types[0] {
                Money(_) | Unknown => Decimal,
                _ => return bad(self, 0, "money"),
            },
            Builtin::Currency => match &types[0] {
                Money(_) | Unknown => Text,
                _ => return bad(self, 0, "money"),
            },
            Builtin::Lower | Builtin::Upper | Builtin::Trim => match &types[0] {
                Text | Unknown => Text,
                _ => return bad(self, 0, "text"),
            },
            Builtin::Contains | Builtin::StartsWith | Builtin::EndsWith => {
                if let Some(position) = types.iter().position(|t| !matches!(t, Text | Unknown)) {
                    return bad(self, position, "text");
                }
                Bool
            }
            // The `library` built-ins are checked there.
            _ => Unknown,
        };
        (
            result.clone(),
            Expr::Call {
                builtin,
                args: compiled,
                rounding,
                ty: result,
                span,
            },
        )
    }

    fn rounding_mode(&mut self, file: u16, arg: &ast::Expr) -> Option<RoundingMode> {
        let names: Vec<&str> = RoundingMode::ALL.iter().map(|m| m.name()).collect();
        let written = match &arg.kind {
            ExprKind::Name(ident) => ident.name.as_str(),
            _ => "",
        };
        if let Some(mode) = RoundingMode::from_name(written) {
            return Some(mode);
        }
        let help = did_you_mean(written, names.iter().copied())
            .or_else(|| Some(format!("the rounding modes are {}", names.join(", "))));
        self.error(
            file,
            CheckError::RoundingMode {
                name: self.text(file, arg.span),
                span: arg.span.into(),
                help,
            },
        );
        None
    }
}

pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
