//! The numeric, calendar and text built-ins that decision authors know from
//! FEEL: their signatures, checked here, and `matches`, whose pattern is
//! compiled once at check time.

use std::sync::Arc;

use super::calls::plural;
use super::errors::CheckError;
use super::expr::Scope;
use super::Checker;
use crate::plan::{Builtin, Expr};
use crate::syntax::ast::{self, ExprKind, TemplatePart};
use crate::types::Type;
use crate::value::Value;

/// These built-ins: name, what they compute, and their usage for help text.
pub const LIBRARY: [(&str, Builtin, &str); 23] = [
    ("pow", Builtin::Pow, "pow(base: number, exponent: number) → decimal, the same as `base ** exponent`"),
    ("sqrt", Builtin::Sqrt, "sqrt(number) → decimal, 28 significant digits"),
    ("exp", Builtin::Exp, "exp(number) → decimal, e raised to the number"),
    ("ln", Builtin::Ln, "ln(number) → decimal, the natural logarithm"),
    ("log10", Builtin::Log10, "log10(number) → decimal, the logarithm to base 10"),
    ("floor", Builtin::Floor, "floor(number | money) → the largest whole value not above it"),
    ("ceiling", Builtin::Ceiling, "ceiling(number | money) → the smallest whole value not below it"),
    ("modulo", Builtin::Modulo, "modulo(dividend: number, divisor: number) → the remainder, with the divisor's sign"),
    ("decimal", Builtin::DecimalScale, "decimal(number, scale: int) → decimal rounded half to even to `scale` places"),
    ("year", Builtin::Year, "year(date | instant | month) → int"),
    ("month", Builtin::MonthNumber, "month(date | instant | month) → int, 1 to 12"),
    ("day", Builtin::Day, "day(date | instant) → int, the day of the month"),
    ("weekday", Builtin::Weekday, "weekday(date | instant) → int, 1 (Monday) to 7 (Sunday)"),
    ("last_day_of_month", Builtin::LastDayOfMonth, "last_day_of_month(date | instant | month) → date"),
    ("years_between", Builtin::YearsBetween, "years_between(from: date, to: date) → whole years, int"),
    ("add_years", Builtin::AddYears, "add_years(date | instant | month, int), clamped to the month's end"),
    ("substring", Builtin::Substring, "substring(text, start: int, length: int) → text; start counts from 1, or from the end when negative; length may be left out"),
    ("substring_before", Builtin::SubstringBefore, "substring_before(text, part: text) → the text before the first `part`, or \"\""),
    ("substring_after", Builtin::SubstringAfter, "substring_after(text, part: text) → the text after the first `part`, or \"\""),
    ("split", Builtin::Split, "split(text, separator: text) → list<text>"),
    ("join", Builtin::Join, "join(list<text>, separator: text) → text; the separator may be left out"),
    ("replace", Builtin::Replace, "replace(text, part: text, with: text) → text with every `part` replaced"),
    ("matches", Builtin::Matches, "matches(text, \"pattern\") → bool; the pattern is a regular expression written as a text literal"),
];

/// `matches` compiles to `Expr::Matches`, which holds its pattern.
pub const MATCHES: &str = "matches";

/// What one argument must be.
#[derive(Clone, Copy)]
enum Want {
    /// `int` or `decimal`, passed on as a decimal.
    Number,
    Int,
    Text,
    TextList,
    /// `date`, `instant` or `month`.
    Calendar,
    /// `date` or `instant`.
    Day,
    Date,
}

impl Want {
    fn accepts(self, ty: &Type) -> bool {
        use Type::*;
        match self {
            Want::Number => matches!(ty, Int | Decimal | Unknown),
            Want::Int => matches!(ty, Int | Unknown),
            Want::Text => matches!(ty, Text | Unknown),
            Want::TextList => match ty {
                List(element) | Set(element) => matches!(element.as_ref(), Text | Unknown),
                Unknown => true,
                _ => false,
            },
            Want::Calendar => matches!(ty, Date | Instant | Month | Unknown),
            Want::Day => matches!(ty, Date | Instant | Unknown),
            Want::Date => matches!(ty, Date | Unknown),
        }
    }

    fn words(self) -> &'static str {
        match self {
            Want::Number => "int or decimal",
            Want::Int => "int",
            Want::Text => "text",
            Want::TextList => "list<text>",
            Want::Calendar => "date, instant or month",
            Want::Day => "date or instant",
            Want::Date => "date",
        }
    }
}

/// The arguments a built-in takes, and how many of the last may be left out.
fn signature(builtin: Builtin) -> (&'static [Want], usize) {
    use Want::*;
    match builtin {
        Builtin::Pow | Builtin::Modulo => (&[Number, Number], 0),
        Builtin::Sqrt | Builtin::Exp | Builtin::Ln | Builtin::Log10 => (&[Number], 0),
        Builtin::DecimalScale => (&[Number, Int], 0),
        Builtin::Year | Builtin::MonthNumber | Builtin::LastDayOfMonth => (&[Calendar], 0),
        Builtin::Day | Builtin::Weekday => (&[Day], 0),
        Builtin::YearsBetween => (&[Date, Date], 0),
        Builtin::AddYears => (&[Calendar, Int], 0),
        Builtin::Substring => (&[Text, Int, Int], 1),
        Builtin::SubstringBefore | Builtin::SubstringAfter | Builtin::Split => (&[Text, Text], 0),
        Builtin::Join => (&[TextList, Text], 1),
        Builtin::Replace => (&[Text, Text, Text], 0),
        // `floor` and `ceiling` keep their operand's type: checked below.
        _ => (&[Number], 0),
    }
}

pub fn lookup(name: &str) -> Option<(Builtin, &'static str)> {
    LIBRARY
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, builtin, usage)| (*builtin, *usage))
}

impl Checker<'_> {
    /// A call of one of the `LIBRARY` built-ins.
    pub(super) fn library_call(
        &mut self,
        scope: &mut Scope,
        name: &ast::Ident,
        usage: &str,
        args: &[ast::Expr],
        span: ast::Span,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        if name.name == MATCHES {
            return self.matches_call(scope, usage, args, span);
        }
        let Some((builtin, _)) = lookup(&name.name) else {
            return (Type::Unknown, Expr::Const(Value::Absent));
        };
        let (wants, optional) = signature(builtin);
        if args.len() > wants.len() || args.len() + optional < wants.len() {
            for arg in args {
                self.check(scope, arg, None);
            }
            let expected = if optional > 0 {
                format!(
                    "{} or {}",
                    wants.len() - optional,
                    plural(wants.len(), "argument")
                )
            } else {
                plural(wants.len(), "argument")
            };
            self.error(
                file,
                CheckError::ArgumentCount {
                    name: name.name.clone(),
                    expected,
                    found: args.len(),
                    span: span.into(),
                    help: Some(format!("usage: {usage}")),
                },
            );
            return (Type::Unknown, Expr::Const(Value::Absent));
        }
        let mut types = Vec::with_capacity(args.len());
        let mut compiled = Vec::with_capacity(args.len());
        let mut fits = true;
        for (arg, want) in args.iter().zip(wants) {
            let (ty, c) = self.check(scope, arg, None);
            let ty = self.present(scope, arg, ty);
            let floor_like = matches!(builtin, Builtin::Floor | Builtin::Ceiling)
                && matches!(ty, Type::Money(_));
            if !(want.accepts(&ty) || floor_like) {
                fits = false;
                self.error(
                    file,
                    CheckError::TypeMismatch {
                        expected: want.words().to_string(),
                        found: ty.display().to_string(),
                        span: arg.span.into(),
                        help: Some(format!("usage: {usage}")),
                    },
                );
            }
            let c = match (want, &ty) {
                (Want::Number, Type::Int)
                    if !matches!(builtin, Builtin::Modulo | Builtin::Floor | Builtin::Ceiling) =>
                {
                    Expr::IntToDecimal(Box::new(c))
                }
                _ => c,
            };
            types.push(ty);
            compiled.push(c);
        }
        if !fits {
            return (Type::Unknown, Expr::Const(Value::Absent));
        }
        let result = match builtin {
            Builtin::Floor | Builtin::Ceiling => types[0].clone(),
            Builtin::Modulo => match (&types[0], &types[1]) {
                (Type::Int, Type::Int) => Type::Int,
                _ => {
                    compiled = compiled
                        .into_iter()
                        .zip(&types)
                        .map(|(c, ty)| match ty {
                            Type::Int => Expr::IntToDecimal(Box::new(c)),
                            _ => c,
                        })
                        .collect();
                    Type::Decimal
                }
            },
            Builtin::Year
            | Builtin::MonthNumber
            | Builtin::Day
            | Builtin::Weekday
            | Builtin::YearsBetween => Type::Int,
            Builtin::LastDayOfMonth => Type::Date,
            Builtin::AddYears => types[0].clone(),
            Builtin::Substring
            | Builtin::SubstringBefore
            | Builtin::SubstringAfter
            | Builtin::Join
            | Builtin::Replace => Type::Text,
            Builtin::Split => Type::List(Arc::new(Type::Text)),
            _ => Type::Decimal,
        };
        (
            result.clone(),
            Expr::Call {
                builtin,
                args: compiled,
                rounding: None,
                ty: result,
                span,
            },
        )
    }

    /// `matches(text, "pattern")`: the pattern must be a text literal, so
    /// that a mistake in it is found here, with its place, and the pattern
    /// is compiled once.
    fn matches_call(
        &mut self,
        scope: &mut Scope,
        usage: &str,
        args: &[ast::Expr],
        span: ast::Span,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        if args.len() != 2 {
            for arg in args {
                self.check(scope, arg, None);
            }
            self.error(
                file,
                CheckError::ArgumentCount {
                    name: MATCHES.into(),
                    expected: "2 arguments".into(),
                    found: args.len(),
                    span: span.into(),
                    help: Some(format!("usage: {usage}")),
                },
            );
            return (Type::Unknown, Expr::Const(Value::Absent));
        }
        let subject = self.expect(scope, &args[0], &Type::Text);
        let literal = match &args[1].kind {
            ExprKind::Text(template) => match template.parts.as_slice() {
                [] => Some(String::new()),
                [TemplatePart::Text(text)] => Some(text.clone()),
                _ => None,
            },
            _ => None,
        };
        let Some(pattern) = literal else {
            self.check(scope, &args[1], None);
            self.error(
                file,
                CheckError::InvalidPattern {
                    message: "the pattern must be a text literal".into(),
                    label: "not a text literal".into(),
                    span: args[1].span.into(),
                    help: Some(
                        "write the pattern in the policy, for example `matches(x, \"^[A-Z]{2}$\")`; a pattern with `{` needs `\\{`"
                            .into(),
                    ),
                },
            );
            return (Type::Bool, Expr::Const(Value::Absent));
        };
        match compile_pattern(&pattern) {
            Ok(regex) => (
                Type::Bool,
                Expr::Matches {
                    subject: Box::new(subject),
                    pattern: Arc::new(regex),
                    span,
                },
            ),
            Err((message, offset)) => {
                let text = self.text(file, args[1].span);
                // The pattern's own offsets map onto the policy text when the
                // literal has no escapes; otherwise the whole literal is marked.
                let literal_span = args[1].span;
                let error_span = match offset {
                    Some((start, end)) if !text.contains('\\') => ast::Span::new(
                        literal_span.start + 1 + start,
                        (literal_span.start + 1 + end.max(start + 1)).min(literal_span.end - 1),
                    ),
                    _ => literal_span,
                };
                self.error(
                    file,
                    CheckError::InvalidPattern {
                        message,
                        label: "here".into(),
                        span: error_span.into(),
                        help: Some(
                            "patterns use the syntax of the Rust `regex` crate; escape a literal character with `\\\\`"
                                .into(),
                        ),
                    },
                );
                (Type::Bool, Expr::Const(Value::Absent))
            }
        }
    }
}

/// Compiles a pattern; an error says what is wrong and, where known, the
/// byte range of the pattern it is about.
fn compile_pattern(pattern: &str) -> Result<regex::Regex, (String, Option<(usize, usize)>)> {
    if let Err(error) = regex_syntax::Parser::new().parse(pattern) {
        let (kind, span) = match &error {
            regex_syntax::Error::Parse(e) => (e.kind().to_string(), Some(*e.span())),
            regex_syntax::Error::Translate(e) => (e.kind().to_string(), Some(*e.span())),
            _ => (error.to_string(), None),
        };
        return Err((kind, span.map(|s| (s.start.offset, s.end.offset))));
    }
    regex::Regex::new(pattern).map_err(|error| (error.to_string(), None))
}
