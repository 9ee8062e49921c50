//! Type checking of expressions, and their compilation to plan expressions.
//!
//! Checking is bidirectional: an expected type flows down so that a bare
//! symbol such as `US` can be read as a member of the enumeration it is
//! compared with, and a mismatch is reported where it is written.

use std::sync::Arc;

use chrono::TimeDelta;

use super::errors::CheckError;
use super::scope::DeclRef;
use super::Checker;
use crate::diagnostic::did_you_mean;
use crate::plan::{Expr, Path, Root, TemplatePiece};
use crate::syntax::ast::{
    self, ArithOp, CompareOp, DurationUnit, ExprKind, Literal, QuantifierKind,
};
use crate::types::Type;
use crate::value::decimal::{parse_decimal, parse_int};
use crate::value::money::{Currency, Money};
use crate::value::time::{parse_date, parse_instant, YearMonth};
use crate::value::Value;

/// A name bound inside an expression owner (a `for`, a `let`, a quantifier
/// variable or a table parameter).
#[derive(Clone, Debug)]
pub struct Local {
    pub name: String,
    pub ty: Type,
    pub slot: u16,
}

/// A computed value of the enclosing decision, as other expressions see it.
#[derive(Clone, Debug)]
pub struct ValueSig {
    pub name: String,
    pub ty: Type,
    pub gated: bool,
}

/// What an expression may refer to where it stands.
pub struct Scope {
    pub module: usize,
    pub input: Option<Type>,
    pub allow_now: bool,
    pub values: Vec<ValueSig>,
    pub in_rule: bool,
    pub allow_rules_pass: bool,
    pub locals: Vec<Local>,
    pub slots: Vec<Arc<str>>,
    pub narrowed: Vec<String>,
    pub uses_now: bool,
    pub value_refs: Vec<usize>,
}

impl Scope {
    pub fn constant(module: usize) -> Scope {
        Scope {
            module,
            input: None,
            allow_now: false,
            values: Vec::new(),
            in_rule: false,
            allow_rules_pass: false,
            locals: Vec::new(),
            slots: Vec::new(),
            narrowed: Vec::new(),
            uses_now: false,
            value_refs: Vec::new(),
        }
    }

    pub fn decision(module: usize, input: Type, values: Vec<ValueSig>) -> Scope {
        Scope {
            input: Some(input),
            allow_now: true,
            values,
            ..Scope::constant(module)
        }
    }

    pub fn bind(&mut self, name: &str, ty: Type) -> u16 {
        let slot = self.slots.len() as u16;
        self.slots.push(Arc::from(name));
        self.locals.push(Local {
            name: name.to_string(),
            ty,
            slot,
        });
        slot
    }

    pub fn unbind(&mut self) {
        self.locals.pop();
    }

    pub fn with_facts(&mut self, facts: &[String]) -> usize {
        let mark = self.narrowed.len();
        self.narrowed.extend(facts.iter().cloned());
        mark
    }

    pub fn drop_facts(&mut self, mark: usize) {
        self.narrowed.truncate(mark);
    }
}

/// `input.offer.lines` for a field chain, used to remember what a presence
/// test has established.
pub fn path_key(expr: &ast::Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::Name(ident) => Some(ident.name.clone()),
        ExprKind::Field(base, field) => path_key(base).map(|base| format!("{base}.{}", field.name)),
        _ => None,
    }
}

/// The paths known present when `expr` is `positive` (true) or false.
pub fn facts(expr: &ast::Expr, positive: bool) -> Vec<String> {
    match &expr.kind {
        ExprKind::Present { negated, operand } if *negated != positive => {
            path_key(operand).into_iter().collect()
        }
        ExprKind::And(a, b) if positive => [facts(a, true), facts(b, true)].concat(),
        ExprKind::Or(a, b) if !positive => [facts(a, false), facts(b, false)].concat(),
        ExprKind::Not(inner) => facts(inner, !positive),
        _ => Vec::new(),
    }
}

/// Computes an expression whose operands are all constants once, here,
/// instead of at every evaluation (`{US, GB, CA}`, `30 * 24`). Anything that
/// could fail is left to evaluation, which reports it with its place.
fn fold(expr: Expr) -> Expr {
    let constant = |e: &Expr| matches!(e, Expr::Const(_));
    let foldable = match &expr {
        Expr::List(items) => items.iter().all(constant),
        Expr::Arith { left, right, .. } | Expr::Compare { left, right, .. } => {
            constant(left) && constant(right)
        }
        Expr::And(a, b) | Expr::Or(a, b) => constant(a) && constant(b),
        Expr::Not(a) | Expr::IntToDecimal(a) | Expr::Neg(a, _) => constant(a),
        Expr::Call { args, .. } => args.iter().all(constant),
        Expr::In {
            item, collection, ..
        } => constant(item) && constant(collection),
        _ => false,
    };
    if !foldable {
        return expr;
    }
    match crate::eval::constant(&expr) {
        Ok(value) => Expr::Const(value),
        Err(_) => expr,
    }
}

fn is_bare_name(expr: &ast::Expr) -> bool {
    matches!(expr.kind, ExprKind::Name(_))
}

impl Checker<'_> {
    /// Checks `expr` against `expected`, reporting a mismatch, and compiles it.
    pub(super) fn expect(&mut self, scope: &mut Scope, expr: &ast::Expr, expected: &Type) -> Expr {
        let (found, compiled) = self.check(scope, expr, Some(expected));
        self.coerce(scope, expr, found, compiled, expected)
    }

    pub(super) fn coerce(
        &mut self,
        scope: &Scope,
        expr: &ast::Expr,
        found: Type,
        compiled: Expr,
        expected: &Type,
    ) -> Expr {
        let file = self.file_of(scope.module);
        if matches!(found, Type::Optional(_))
            && !matches!(expected, Type::Optional(_) | Type::Unknown)
        {
            self.error(
                file,
                CheckError::OptionalUsed {
                    what: self.text(file, expr.span),
                    span: expr.span.into(),
                },
            );
            return compiled;
        }
        if !found.fits(expected) {
            let help = match (&found, expected) {
                (Type::Decimal, Type::Int) => {
                    Some("round it explicitly, or declare the target as `decimal`".into())
                }
                (Type::Date, Type::Instant) => Some(
                    "use `start_of_day(d)` or `end_of_day(d)` to turn a date into an instant"
                        .into(),
                ),
                (Type::Enum(e), Type::Enum(_)) => {
                    Some(format!("`{}` has members {}", found.display(), e.listing()))
                }
                _ => None,
            };
            self.error(
                file,
                CheckError::TypeMismatch {
                    expected: expected.display().to_string(),
                    found: found.display().to_string(),
                    span: expr.span.into(),
                    help,
                },
            );
            return compiled;
        }
        if matches!(found, Type::Int) && matches!(expected.required(), Type::Decimal) {
            return Expr::IntToDecimal(Box::new(compiled));
        }
        compiled
    }

    /// Checks a condition.
    pub(super) fn condition(&mut self, scope: &mut Scope, expr: &ast::Expr) -> Expr {
        self.expect(scope, expr, &Type::Bool)
    }

    /// Infers the type of `expr` (guided by `expected` where given) and
    /// compiles it.
    pub(super) fn check(
        &mut self,
        scope: &mut Scope,
        expr: &ast::Expr,
        expected: Option<&Type>,
    ) -> (Type, Expr) {
        let (ty, compiled) = self.check_unfolded(scope, expr, expected);
        (ty, fold(compiled))
    }

    fn check_unfolded(
        &mut self,
        scope: &mut Scope,
        expr: &ast::Expr,
        expected: Option<&Type>,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        let span = expr.span;
        match &expr.kind {
            ExprKind::Literal(literal) => self.literal(file, literal, span, expected),
            ExprKind::Text(template) => self.template(scope, template),
            ExprKind::Name(ident) => self.name(scope, ident, expected),
            ExprKind::Field(base, field) => self.field(scope, expr, base, field),
            ExprKind::Neg(operand) => {
                let (ty, compiled) = self.check(scope, operand, expected);
                let ty = self.present(scope, operand, ty);
                if !matches!(
                    ty,
                    Type::Int | Type::Decimal | Type::Money(_) | Type::Duration | Type::Unknown
                ) {
                    self.error(
                        file,
                        CheckError::BadOperands {
                            op: "-".into(),
                            left: ty.display().to_string(),
                            right: ty.display().to_string(),
                            span: span.into(),
                            help: Some("only numbers, money and durations can be negated".into()),
                        },
                    );
                    return (Type::Unknown, compiled);
                }
                (ty, Expr::Neg(Box::new(compiled), span))
            }
            ExprKind::Not(operand) => {
                let compiled = self.condition(scope, operand);
                (Type::Bool, Expr::Not(Box::new(compiled)))
            }
            ExprKind::And(a, b) => {
                let left = self.condition(scope, a);
                let mark = scope.with_facts(&facts(a, true));
                let right = self.condition(scope, b);
                scope.drop_facts(mark);
                (Type::Bool, Expr::And(Box::new(left), Box::new(right)))
            }
            ExprKind::Or(a, b) => {
                let left = self.condition(scope, a);
                let mark = scope.with_facts(&facts(a, false));
                let right = self.condition(scope, b);
                scope.drop_facts(mark);
                (Type::Bool, Expr::Or(Box::new(left), Box::new(right)))
            }
            ExprKind::Arith(op, a, b) => self.arith(scope, *op, a, b, span, expected),
            ExprKind::Compare(op, a, b) => self.compare(scope, *op, a, b, span),
            ExprKind::In {
                negated,
                item,
                collection,
            } => self.membership(scope, *negated, item, collection),
            ExprKind::Present { negated, operand } => {
                let (_, compiled) = self.check(scope, operand, None);
                (
                    Type::Bool,
                    Expr::Present {
                        negated: *negated,
                        operand: Box::new(compiled),
                    },
                )
            }
            ExprKind::Coalesce(a, b) => {
                let (left_ty, left) = self.check(scope, a, expected);
                let inner = left_ty.required().clone();
                let right = self.expect(scope, b, &inner);
                (inner, Expr::Coalesce(Box::new(left), Box::new(right)))
            }
            ExprKind::If(c, t, e) => {
                let cond = self.condition(scope, c);
                let mark = scope.with_facts(&facts(c, true));
                let (then_ty, then_c) = self.check(scope, t, expected);
                scope.drop_facts(mark);
                let mark = scope.with_facts(&facts(c, false));
                let (else_ty, else_c) = self.check(scope, e, expected.or(Some(&then_ty)));
                scope.drop_facts(mark);
                let ty = self.unify(scope, e, &then_ty, &else_ty);
                let then_c = self.coerce(scope, t, then_ty, then_c, &ty);
                let else_c = self.coerce(scope, e, else_ty, else_c, &ty);
                (
                    ty,
                    Expr::If(Box::new(cond), Box::new(then_c), Box::new(else_c)),
                )
            }
            ExprKind::Match(subject, arms) => self.match_expr(scope, subject, arms, span, expected),
            ExprKind::Quantifier {
                kind,
                var,
                list,
                body,
            } => self.quantifier(scope, *kind, var, list, body, span),
            ExprKind::Call(name, args) => self.call(scope, name, args, span, expected),
            ExprKind::Set(items) | ExprKind::List(items) => {
                let is_set = matches!(expr.kind, ExprKind::Set(_));
                self.collection(scope, items, span, expected, is_set)
            }
            ExprKind::AllRulesPass => {
                if !scope.allow_rules_pass {
                    self.error(file, CheckError::Invalid {
                        message: "`all rules pass` can only be used in a decision's outcome or values".into(),
                        span: span.into(),
                        help: Some("a rule states one requirement; combine rules in the decision".into()),
                    });
                }
                (Type::Bool, Expr::AllRulesPass)
            }
        }
    }

    /// The common type of two branches.
    fn unify(&mut self, scope: &Scope, at: &ast::Expr, a: &Type, b: &Type) -> Type {
        if a.is_unknown() {
            return b.clone();
        }
        if b.fits(a) {
            return a.clone();
        }
        if a.fits(b) {
            return b.clone();
        }
        let file = self.file_of(scope.module);
        self.error(
            file,
            CheckError::TypeMismatch {
                expected: a.display().to_string(),
                found: b.display().to_string(),
                span: at.span.into(),
                help: Some("every branch must give a value of the same type".into()),
            },
        );
        Type::Unknown
    }

    /// Reports use of an optional value where a present one is needed.
    pub(super) fn present(&mut self, scope: &Scope, expr: &ast::Expr, ty: Type) -> Type {
        match ty {
            Type::Optional(_) => {
                let file = self.file_of(scope.module);
                self.error(
                    file,
                    CheckError::OptionalUsed {
                        what: self.text(file, expr.span),
                        span: expr.span.into(),
                    },
                );
                Type::Unknown
            }
            other => other,
        }
    }

    fn literal(
        &mut self,
        file: u16,
        literal: &Literal,
        span: ast::Span,
        expected: Option<&Type>,
    ) -> (Type, Expr) {
        let bad = |this: &mut Self, text: &str, kind: &str, reason: &str| {
            this.error(
                file,
                CheckError::BadLiteral {
                    text: text.to_string(),
                    kind: kind.to_string(),
                    span: span.into(),
                    reason: reason.to_string(),
                },
            );
            (Type::Unknown, Expr::Const(Value::Absent))
        };
        match literal {
            Literal::Absent => (
                Type::Optional(Arc::new(Type::Unknown)),
                Expr::Const(Value::Absent),
            ),
            Literal::Bool(b) => (Type::Bool, Expr::Const(Value::Bool(*b))),
            Literal::Number(text) => {
                let wants_decimal = matches!(expected.map(Type::required), Some(Type::Decimal));
                if text.contains('.') || wants_decimal {
                    match parse_decimal(text) {
                        Ok(d) => (Type::Decimal, Expr::Const(Value::Decimal(d))),
                        Err(_) => bad(
                            self,
                            text,
                            "decimal",
                            "too many digits: at most 28 significant digits fit",
                        ),
                    }
                } else {
                    match parse_int(text) {
                        Ok(i) => (Type::Int, Expr::Const(Value::Int(i))),
                        Err(_) => bad(self, text, "integer", "does not fit in 64 bits"),
                    }
                }
            }
            Literal::Money { amount, currency } => {
                let Some(code) = Currency::parse(currency) else {
                    return bad(
                        self,
                        currency,
                        "currency",
                        "currencies are three upper-case letters",
                    );
                };
                match parse_decimal(amount) {
                    Ok(d) => (
                        Type::Money(Some(code)),
                        Expr::Const(Value::Money(Money::new(d, code))),
                    ),
                    Err(_) => bad(
                        self,
                        amount,
                        "amount",
                        "too many digits: at most 28 significant digits fit",
                    ),
                }
            }
            Literal::Date(text) => match parse_date(text) {
                Some(d) => (Type::Date, Expr::Const(Value::Date(d))),
                None => bad(self, text, "date", "no such calendar day"),
            },
            Literal::Instant(text) => match parse_instant(text) {
                Some(t) => (Type::Instant, Expr::Const(Value::Instant(t))),
                None => bad(self, text, "instant", "not an RFC 3339 instant"),
            },
            Literal::Month(text) => match YearMonth::parse(text) {
                Some(m) => (Type::Month, Expr::Const(Value::Month(m))),
                None => bad(
                    self,
                    text,
                    "month",
                    "months are `YYYY-MM` with a month from 01 to 12",
                ),
            },
            Literal::Duration { count, unit } => {
                let delta = parse_int(count).ok().and_then(|n| match unit {
                    DurationUnit::Weeks => TimeDelta::try_weeks(n),
                    DurationUnit::Days => TimeDelta::try_days(n),
                    DurationUnit::Hours => TimeDelta::try_hours(n),
                    DurationUnit::Minutes => TimeDelta::try_minutes(n),
                    DurationUnit::Seconds => TimeDelta::try_seconds(n),
                });
                match delta {
                    Some(d) => (Type::Duration, Expr::Const(Value::Duration(d))),
                    None => bad(self, count, "duration", "too long"),
                }
            }
        }
    }

    fn template(&mut self, scope: &mut Scope, template: &ast::Template) -> (Type, Expr) {
        let mut pieces = Vec::with_capacity(template.parts.len());
        for part in &template.parts {
            match part {
                ast::TemplatePart::Text(text) => {
                    pieces.push(TemplatePiece::Text(Arc::from(text.as_str())))
                }
                ast::TemplatePart::Expr(expr) => {
                    let (ty, compiled) = self.check(scope, expr, None);
                    pieces.push(TemplatePiece::Value(compiled, ty));
                }
            }
        }
        if let [TemplatePiece::Text(text)] = pieces.as_slice() {
            return (Type::Text, Expr::Const(Value::Text(text.clone())));
        }
        if pieces.is_empty() {
            return (Type::Text, Expr::Const(Value::text("")));
        }
        (Type::Text, Expr::Template(pieces))
    }

    fn name(
        &mut self,
        scope: &mut Scope,
        ident: &ast::Ident,
        expected: Option<&Type>,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        // A bare name that is also a member of the expected enumeration is
        // the symbol, unless a local or value of that name would fit too:
        // then nobody can tell which was meant, and the checker says so.
        let member = expected.map(Type::required).and_then(|t| match t {
            Type::Enum(e) => e.member_named(&ident.name).map(|sym| (e.clone(), sym)),
            _ => None,
        });
        let shadowing = scope
            .locals
            .iter()
            .rev()
            .find(|l| l.name == ident.name)
            .map(|l| l.ty.clone())
            .or_else(|| {
                scope
                    .values
                    .iter()
                    .find(|v| v.name == ident.name)
                    .map(|v| v.ty.clone())
            });
        if let (Some((enum_ty, sym)), Some(named_ty)) = (&member, &shadowing) {
            if expected.is_some_and(|e| named_ty.fits(e)) {
                self.error(
                    file,
                    CheckError::Invalid {
                        message: format!(
                            "`{}` is both a name in scope and a member of `{}`",
                            ident.name,
                            Type::Enum(enum_ty.clone()).display()
                        ),
                        span: ident.span.into(),
                        help: Some(
                            "rename the parameter, local or value so that the symbol is not hidden"
                                .into(),
                        ),
                    },
                );
            }
            return (
                Type::Enum(enum_ty.clone()),
                Expr::Const(Value::Symbol(*sym)),
            );
        }
        if let Some(local) = scope.locals.iter().rev().find(|l| l.name == ident.name) {
            let ty = self.narrow(scope, &ident.name, local.ty.clone());
            let root = Root::Local(local.slot);
            return (
                ty.clone(),
                Expr::Path(Path {
                    root,
                    fields: Box::new([]),
                    suffix: Arc::from(""),
                    ty,
                }),
            );
        }
        match ident.name.as_str() {
            "input" => {
                let Some(input) = scope.input.clone() else {
                    self.error(file, CheckError::OutsideDecision {
                        what: "input".into(),
                        span: ident.span.into(),
                        help: Some("constants and tables cannot read the input; pass what they need as a parameter".into()),
                    });
                    return (Type::Unknown, Expr::Const(Value::Absent));
                };
                let path = Path {
                    root: Root::Input,
                    fields: Box::new([]),
                    suffix: Arc::from(""),
                    ty: input.clone(),
                };
                return (input, Expr::Path(path));
            }
            "now" if scope.allow_now => {
                scope.uses_now = true;
                return (Type::Instant, Expr::Now);
            }
            "now" => {
                self.error(file, CheckError::OutsideDecision {
                    what: "now".into(),
                    span: ident.span.into(),
                    help: Some("`now` is the scenario's `as_of` instant, known only when a decision is evaluated".into()),
                });
                return (Type::Unknown, Expr::Const(Value::Absent));
            }
            _ => {}
        }
        if let Some(index) = scope.values.iter().position(|v| v.name == ident.name) {
            let sig = &scope.values[index];
            if scope.in_rule && sig.gated {
                self.error(
                    file,
                    CheckError::GatedValue {
                        name: ident.name.clone(),
                        span: ident.span.into(),
                    },
                );
            }
            scope.value_refs.push(index);
            return (sig.ty.clone(), Expr::DecisionValue(index as u16));
        }
        if let Some(enum_ty) = expected.map(Type::required).and_then(|t| match t {
            Type::Enum(e) => Some(e.clone()),
            _ => None,
        }) {
            // Constants shadow symbols only when they are not members.
            if let Some(sym) = enum_ty.member_named(&ident.name) {
                return (Type::Enum(enum_ty), Expr::Const(Value::Symbol(sym)));
            }
        }
        match self.lookup(scope.module, ident) {
            Some(DeclRef::Const(index)) => {
                return match self.resolve_const(index) {
                    Some((ty, value)) => (ty, Expr::Const(value)),
                    None => (Type::Unknown, Expr::Const(Value::Absent)),
                };
            }
            Some(DeclRef::Type(_)) | Some(DeclRef::Table(_)) => {
                self.error(
                    file,
                    CheckError::Invalid {
                        message: format!("`{}` is a type or table, not a value", ident.name),
                        span: ident.span.into(),
                        help: Some("call a table with its arguments, such as `name(a, b)`".into()),
                    },
                );
                return (Type::Unknown, Expr::Const(Value::Absent));
            }
            None => {}
        }
        match expected.map(Type::required) {
            Some(Type::Enum(e)) => {
                let help = did_you_mean(&ident.name, e.names())
                    .or_else(|| Some(format!("the members are {}", e.listing())));
                self.error(
                    file,
                    CheckError::UnknownSymbol {
                        symbol: ident.name.clone(),
                        ty: expected
                            .map(|t| t.display().to_string())
                            .unwrap_or_default(),
                        span: ident.span.into(),
                        help,
                    },
                );
                (Type::Unknown, Expr::Const(Value::Absent))
            }
            Some(Type::Unknown) => (Type::Unknown, Expr::Const(Value::Absent)),
            _ => {
                let mut candidates: Vec<String> =
                    scope.locals.iter().map(|l| l.name.clone()).collect();
                candidates.extend(scope.values.iter().map(|v| v.name.clone()));
                candidates.extend(self.visible_names(scope.module));
                candidates.push("input".into());
                let help = did_you_mean(&ident.name, candidates.iter().map(String::as_str));
                self.error(
                    file,
                    CheckError::UnknownName {
                        name: ident.name.clone(),
                        span: ident.span.into(),
                        help,
                    },
                );
                (Type::Unknown, Expr::Const(Value::Absent))
            }
        }
    }

    /// An optional type with its wrapper removed where a presence test holds.
    fn narrow(&self, scope: &Scope, key: &str, ty: Type) -> Type {
        match ty {
            Type::Optional(inner) if scope.narrowed.iter().any(|k| k == key) => (*inner).clone(),
            other => other,
        }
    }

    fn field(
        &mut self,
        scope: &mut Scope,
        whole: &ast::Expr,
        base: &ast::Expr,
        field: &ast::Ident,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        let (base_ty, base_c) = self.check(scope, base, None);
        let base_ty = self.present(scope, base, base_ty);
        let record = match &base_ty {
            Type::Record(record) => record.clone(),
            Type::Unknown => return (Type::Unknown, Expr::Const(Value::Absent)),
            other => {
                self.error(
                    file,
                    CheckError::UnknownField {
                        field: field.name.clone(),
                        ty: other.display().to_string(),
                        span: field.span.into(),
                        help: Some(format!(
                            "`{}` is not a record, so it has no fields",
                            self.text(file, base.span)
                        )),
                    },
                );
                return (Type::Unknown, Expr::Const(Value::Absent));
            }
        };
        let Some((index, declared)) = record.field(&field.name) else {
            let help = did_you_mean(&field.name, record.fields.iter().map(|f| f.name.as_str()))
                .or_else(|| {
                    let names: Vec<&str> = record.fields.iter().map(|f| f.name.as_str()).collect();
                    Some(format!("its fields are {}", names.join(", ")))
                });
            self.error(
                file,
                CheckError::UnknownField {
                    field: field.name.clone(),
                    ty: base_ty.display().to_string(),
                    span: field.span.into(),
                    help,
                },
            );
            return (Type::Unknown, Expr::Const(Value::Absent));
        };
        let mut ty = declared.ty.clone();
        if declared.optional {
            ty = Type::Optional(Arc::new(ty));
            if let Some(key) = path_key(whole) {
                ty = self.narrow(scope, &key, ty);
            }
        }
        let compiled = match base_c {
            Expr::Path(path) => {
                let mut fields = path.fields.to_vec();
                fields.push(index as u16);
                Expr::Path(Path {
                    root: path.root,
                    fields: fields.into_boxed_slice(),
                    suffix: Arc::from(format!("{}.{}", path.suffix, field.name)),
                    ty: ty.clone(),
                })
            }
            other => Expr::Field(Box::new(other), index as u16),
        };
        (ty, compiled)
    }

    fn arith(
        &mut self,
        scope: &mut Scope,
        op: ArithOp,
        a: &ast::Expr,
        b: &ast::Expr,
        span: ast::Span,
        expected: Option<&Type>,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        let (left_ty, left) = self.check(scope, a, expected);
        let left_ty = self.present(scope, a, left_ty);
        let (right_ty, right) = self.check(scope, b, None);
        let right_ty = self.present(scope, b, right_ty);
        use Type::*;
        let result = match (op, &left_ty, &right_ty) {
            (_, Unknown, _) | (_, _, Unknown) => Some(Unknown),
            (ArithOp::Add | ArithOp::Sub | ArithOp::Mul, Int, Int) => Some(Int),
            (ArithOp::Div, Int, Int) => Some(Decimal),
            (_, Int | Decimal, Int | Decimal) => Some(Decimal),
            (ArithOp::Add | ArithOp::Sub, Money(x), Money(y)) => {
                if let (Some(x), Some(y)) = (x, y) {
                    if x != y {
                        self.error(
                            file,
                            CheckError::CurrencyMismatch {
                                left: x.to_string(),
                                right: y.to_string(),
                                span: span.into(),
                            },
                        );
                    }
                }
                Some(Money(x.or(*y)))
            }
            (ArithOp::Mul, Money(c), Int | Decimal) | (ArithOp::Mul, Int | Decimal, Money(c)) => {
                Some(Money(*c))
            }
            (ArithOp::Div, Money(c), Int | Decimal) => Some(Money(*c)),
            (ArithOp::Div, Money(_), Money(_)) => Some(Decimal),
            (ArithOp::Add | ArithOp::Sub, Date, Duration) => Some(Date),
            (ArithOp::Add, Duration, Date) => Some(Date),
            (ArithOp::Add | ArithOp::Sub, Instant, Duration) => Some(Instant),
            (ArithOp::Add, Duration, Instant) => Some(Instant),
            (ArithOp::Sub, Instant, Instant) | (ArithOp::Sub, Date, Date) => Some(Duration),
            (ArithOp::Add | ArithOp::Sub, Duration, Duration) => Some(Duration),
            (ArithOp::Mul, Duration, Int) | (ArithOp::Mul, Int, Duration) => Some(Duration),
            (ArithOp::Add, Text, Text) => Some(Text),
            _ => None,
        };
        let Some(result) = result else {
            let help = match (&left_ty, &right_ty) {
                (Date, Instant) | (Instant, Date) => Some("turn the date into an instant with `start_of_day(d)` or `end_of_day(d)`".into()),
                (Money(_), Money(_)) => Some("money can be added to or subtracted from money, and multiplied or divided by a number".into()),
                (Text, _) | (_, Text) => Some("text is not a number; declare the field as `decimal` or `int`".into()),
                _ => None,
            };
            self.error(
                file,
                CheckError::BadOperands {
                    op: op.symbol().into(),
                    left: left_ty.display().to_string(),
                    right: right_ty.display().to_string(),
                    span: span.into(),
                    help,
                },
            );
            return (Unknown, Expr::Const(Value::Absent));
        };
        let (left, right) = match (&left_ty, &right_ty, &result) {
            (Int, Decimal, _) | (Int, Int, Decimal) => (Expr::IntToDecimal(Box::new(left)), right),
            (Decimal, Int, _) => (left, Expr::IntToDecimal(Box::new(right))),
            _ => (left, right),
        };
        let right = match (&left_ty, &right_ty, &result) {
            (Int, Int, Decimal) => Expr::IntToDecimal(Box::new(right)),
            _ => right,
        };
        (
            result,
            Expr::Arith {
                op,
                left: Box::new(left),
                right: Box::new(right),
                span,
            },
        )
    }

    fn compare(
        &mut self,
        scope: &mut Scope,
        op: CompareOp,
        a: &ast::Expr,
        b: &ast::Expr,
        span: ast::Span,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        // A bare symbol on the left takes its type from the right.
        let ((left_ty, left), (right_ty, right)) = if is_bare_name(a) && !is_bare_name(b) {
            let right = self.check(scope, b, None);
            let left = self.check(scope, a, Some(&right.0));
            (left, right)
        } else {
            let left = self.check(scope, a, None);
            let right = self.check(scope, b, Some(&left.0));
            (left, right)
        };
        let equality = matches!(op, CompareOp::Eq | CompareOp::Ne);
        let (left_ty, right_ty) = if equality {
            (left_ty, right_ty)
        } else {
            (
                self.present(scope, a, left_ty),
                self.present(scope, b, right_ty),
            )
        };
        let fine = left_ty.comparable_with(&right_ty)
            && (equality || (left_ty.is_ordered() && right_ty.is_ordered()));
        if !fine {
            let help = match (left_ty.required(), right_ty.required()) {
                (Type::Date, Type::Instant) | (Type::Instant, Type::Date) => Some("compare an instant with `end_of_day(date)` (exclusive) or `start_of_day(date)`".into()),
                (Type::Enum(_), Type::Enum(_)) if !equality => Some("symbols have no order; compare them with `==` or `in`".into()),
                _ => None,
            };
            self.error(
                file,
                CheckError::BadOperands {
                    op: op.symbol().into(),
                    left: left_ty.display().to_string(),
                    right: right_ty.display().to_string(),
                    span: span.into(),
                    help,
                },
            );
        } else if let (Type::Money(Some(x)), Type::Money(Some(y))) =
            (left_ty.required(), right_ty.required())
        {
            if x != y {
                self.error(
                    file,
                    CheckError::CurrencyMismatch {
                        left: x.to_string(),
                        right: y.to_string(),
                        span: span.into(),
                    },
                );
            }
        }
        let (left, right) = match (left_ty.required(), right_ty.required()) {
            (Type::Int, Type::Decimal) => (Expr::IntToDecimal(Box::new(left)), right),
            (Type::Decimal, Type::Int) => (left, Expr::IntToDecimal(Box::new(right))),
            _ => (left, right),
        };
        (
            Type::Bool,
            Expr::Compare {
                op,
                left: Box::new(left),
                right: Box::new(right),
                span,
            },
        )
    }

    fn membership(
        &mut self,
        scope: &mut Scope,
        negated: bool,
        item: &ast::Expr,
        collection: &ast::Expr,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        let ((item_ty, item_c), (coll_ty, coll_c)) = if is_bare_name(item) {
            let coll = self.check(scope, collection, None);
            let element = coll.0.element().cloned();
            let item = self.check(scope, item, element.as_ref());
            (item, coll)
        } else {
            let item = self.check(scope, item, None);
            let wanted = Type::Set(Arc::new(item.0.required().clone()));
            let coll = self.check(scope, collection, Some(&wanted));
            (item, coll)
        };
        let coll_ty = self.present(scope, collection, coll_ty);
        match coll_ty.element() {
            Some(element) if item_ty.comparable_with(element) => {}
            None if coll_ty.is_unknown() => {}
            _ => {
                let help = match &coll_ty {
                    Type::Text => {
                        Some("to look for text inside text, use `contains(text, part)`".into())
                    }
                    _ => None,
                };
                self.error(
                    file,
                    CheckError::BadOperands {
                        op: if negated { "not in" } else { "in" }.into(),
                        left: item_ty.display().to_string(),
                        right: coll_ty.display().to_string(),
                        span: item.span.to(collection.span).into(),
                        help,
                    },
                );
            }
        }
        let item_c = match (item_ty.required(), coll_ty.element()) {
            (Type::Int, Some(Type::Decimal)) => Expr::IntToDecimal(Box::new(item_c)),
            _ => item_c,
        };
        (
            Type::Bool,
            Expr::In {
                negated,
                item: Box::new(item_c),
                collection: Box::new(coll_c),
            },
        )
    }

    fn collection(
        &mut self,
        scope: &mut Scope,
        items: &[ast::Expr],
        span: ast::Span,
        expected: Option<&Type>,
        is_set: bool,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        let mut element = expected.and_then(|t| t.required().element().cloned());
        if element.is_none() {
            // Type the collection from its first element that is not a bare symbol.
            if let Some(first) = items
                .iter()
                .find(|e| !is_bare_name(e) || self.is_value_name(scope, e))
            {
                let errors_before = self.errors.len();
                let (ty, _) = self.check(&mut Scope::probe(scope), first, None);
                self.errors.truncate(errors_before);
                element = Some(ty);
            } else if !items.is_empty() {
                self.error(file, CheckError::UntypedSymbols { span: span.into() });
                element = Some(Type::Unknown);
            }
        }
        let element = element.unwrap_or(Type::Unknown);
        let compiled: Vec<Expr> = items
            .iter()
            .map(|item| self.expect(scope, item, &element))
            .collect();
        let ty = if is_set {
            Type::Set(Arc::new(element))
        } else {
            Type::List(Arc::new(element))
        };
        (ty, Expr::List(compiled))
    }

    /// Whether a bare name refers to a local, value or constant rather than a symbol.
    fn is_value_name(&mut self, scope: &Scope, expr: &ast::Expr) -> bool {
        let ExprKind::Name(ident) = &expr.kind else {
            return true;
        };
        scope.locals.iter().any(|l| l.name == ident.name)
            || scope.values.iter().any(|v| v.name == ident.name)
            || ident.name == "input"
            || ident.name == "now"
            || matches!(
                self.modules[scope.module].decls.get(&ident.name),
                Some(DeclRef::Const(_))
            )
    }

    fn match_expr(
        &mut self,
        scope: &mut Scope,
        subject: &ast::Expr,
        arms: &[ast::MatchArm],
        span: ast::Span,
        expected: Option<&Type>,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        let (subject_ty, subject_c) = self.check(scope, subject, None);
        let subject_ty = self.present(scope, subject, subject_ty);
        let enum_ty = match &subject_ty {
            Type::Enum(e) => Some(e.clone()),
            Type::Unknown => None,
            other => {
                self.error(file, CheckError::TypeMismatch {
                    expected: "an enumeration".into(),
                    found: other.display().to_string(),
                    span: subject.span.into(),
                    help: Some("`match` chooses by symbol; use `if … then … else …` for other conditions".into()),
                });
                None
            }
        };
        let mut result_ty = expected.cloned();
        let mut compiled_arms = Vec::new();
        let mut otherwise = None;
        let mut covered = Vec::new();
        for arm in arms {
            let (body_ty, body_c) = self.check(scope, &arm.body, result_ty.as_ref());
            let ty = match &result_ty {
                Some(ty) => ty.clone(),
                None => body_ty.clone(),
            };
            let body_c = self.coerce(scope, &arm.body, body_ty, body_c, &ty);
            result_ty = Some(ty);
            match &arm.patterns {
                None => otherwise = Some(Box::new(body_c)),
                Some(patterns) => {
                    let mut syms = Vec::new();
                    for pattern in patterns {
                        let Some(e) = &enum_ty else { continue };
                        match e.member_named(&pattern.name) {
                            Some(sym) => {
                                covered.push(sym);
                                syms.push(sym);
                            }
                            None => {
                                let help = did_you_mean(&pattern.name, e.names());
                                self.error(
                                    file,
                                    CheckError::UnknownSymbol {
                                        symbol: pattern.name.clone(),
                                        ty: subject_ty.display().to_string(),
                                        span: pattern.span.into(),
                                        help,
                                    },
                                );
                            }
                        }
                    }
                    compiled_arms.push((syms, body_c));
                }
            }
        }
        if let (Some(e), None) = (&enum_ty, &otherwise) {
            let missing: Vec<String> = e
                .members
                .iter()
                .filter(|(sym, _)| !covered.contains(sym))
                .map(|(_, name)| format!("`{name}`"))
                .collect();
            if !missing.is_empty() {
                self.error(
                    file,
                    CheckError::NonExhaustiveMatch {
                        missing: missing.join(", "),
                        span: span.into(),
                    },
                );
            }
        }
        (
            result_ty.unwrap_or(Type::Unknown),
            Expr::Match {
                subject: Box::new(subject_c),
                arms: compiled_arms,
                otherwise,
                span,
            },
        )
    }

    fn quantifier(
        &mut self,
        scope: &mut Scope,
        kind: QuantifierKind,
        var: &ast::Ident,
        list: &ast::Expr,
        body: &ast::Expr,
        span: ast::Span,
    ) -> (Type, Expr) {
        let file = self.file_of(scope.module);
        let (list_ty, list_c) = self.check(scope, list, None);
        let list_ty = self.present(scope, list, list_ty);
        let element = match &list_ty {
            Type::List(e) | Type::Set(e) => (**e).clone(),
            Type::Unknown => Type::Unknown,
            other => {
                self.error(
                    file,
                    CheckError::TypeMismatch {
                        expected: "a list".into(),
                        found: other.display().to_string(),
                        span: list.span.into(),
                        help: None,
                    },
                );
                Type::Unknown
            }
        };
        let slot = scope.bind(&var.name, element.clone());
        let (ty, body_c) = match kind {
            QuantifierKind::All | QuantifierKind::Any => (Type::Bool, self.condition(scope, body)),
            QuantifierKind::Count => (Type::Int, self.condition(scope, body)),
            QuantifierKind::Filter => (Type::List(Arc::new(element)), self.condition(scope, body)),
            QuantifierKind::Map => {
                let (body_ty, body_c) = self.check(scope, body, None);
                (Type::List(Arc::new(body_ty)), body_c)
            }
            QuantifierKind::Sum | QuantifierKind::Min | QuantifierKind::Max => {
                let (body_ty, body_c) = self.check(scope, body, None);
                let body_ty = self.present(scope, body, body_ty);
                let summable = matches!(
                    body_ty,
                    Type::Int | Type::Decimal | Type::Money(_) | Type::Duration | Type::Unknown
                );
                let fine = if kind == QuantifierKind::Sum {
                    summable
                } else {
                    body_ty.is_ordered()
                };
                if !fine {
                    self.error(
                        file,
                        CheckError::TypeMismatch {
                            expected: if kind == QuantifierKind::Sum {
                                "a number, money or a duration"
                            } else {
                                "a value with an order"
                            }
                            .into(),
                            found: body_ty.display().to_string(),
                            span: body.span.into(),
                            help: None,
                        },
                    );
                }
                let ty = if kind == QuantifierKind::Sum {
                    body_ty
                } else {
                    Type::Optional(Arc::new(body_ty))
                };
                (ty, body_c)
            }
        };
        scope.unbind();
        (
            ty.clone(),
            Expr::Quantifier {
                kind,
                slot,
                list: Box::new(list_c),
                body: Box::new(body_c),
                ty,
                span,
            },
        )
    }
}

impl Scope {
    /// A copy for typing an expression speculatively, without side effects
    /// on what the real scope records.
    pub fn probe(scope: &Scope) -> Scope {
        Scope {
            module: scope.module,
            input: scope.input.clone(),
            allow_now: scope.allow_now,
            values: scope.values.clone(),
            in_rule: false,
            allow_rules_pass: true,
            locals: scope.locals.clone(),
            slots: scope.slots.clone(),
            narrowed: scope.narrowed.clone(),
            uses_now: false,
            value_refs: Vec::new(),
        }
    }
}
