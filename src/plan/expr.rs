//! Compiled expressions: names resolved to slots and indices, symbols to
//! integers, field paths to index lists. Evaluation never looks anything up
//! by name.

use std::sync::Arc;

use crate::syntax::ast::{ArithOp, CompareOp, QuantifierKind, Span};
use crate::types::Type;
use crate::value::decimal::RoundingMode;
use crate::value::{Sym, Value};

/// Where a field path starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Root {
    Input,
    Local(u16),
}

#[derive(Clone, Debug)]
pub struct Path {
    pub root: Root,
    pub fields: Box<[u16]>,
    /// The path as written below its root, such as `.offer.lines`; the root's
    /// own name is known from the frame at run time.
    pub suffix: Arc<str>,
    /// The static type of the value at the end of the path, for rendering.
    pub ty: Type,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    Len,
    Count,
    Sum,
    Min,
    Max,
    Abs,
    Round,
    IsEmpty,
    Distinct,
    DaysBetween,
    MonthsBetween,
    AddMonths,
    AddDays,
    StartOfMonth,
    EndOfMonth,
    StartOfDay,
    EndOfDay,
    DateOf,
    MonthOf,
    FirstDay,
    LastDay,
    Amount,
    Currency,
    Lower,
    Upper,
    Trim,
    Contains,
    StartsWith,
    EndsWith,
    Pow,
    Sqrt,
    Exp,
    Ln,
    Log10,
    Floor,
    Ceiling,
    Modulo,
    DecimalScale,
    Year,
    MonthNumber,
    Day,
    Weekday,
    LastDayOfMonth,
    YearsBetween,
    AddYears,
    Substring,
    SubstringBefore,
    SubstringAfter,
    Split,
    Join,
    Replace,
    /// Named only: calls compile to `Expr::Matches`.
    Matches,
}

impl Builtin {
    /// Whether the explanation shows the call's arguments and result as a
    /// step: computations a reader wants to follow, not lookups.
    pub fn shows_step(self) -> bool {
        use Builtin::*;
        matches!(
            self,
            Round
                | Sum
                | Pow
                | Sqrt
                | Exp
                | Ln
                | Log10
                | Floor
                | Ceiling
                | Modulo
                | DecimalScale
                | Substring
                | SubstringBefore
                | SubstringAfter
                | Split
                | Join
                | Replace
        )
    }
}

#[derive(Clone, Debug)]
pub enum TemplatePiece {
    Text(Arc<str>),
    Value(Expr, Type),
}

#[derive(Clone, Debug)]
pub enum Expr {
    Const(Value),
    Now,
    Path(Path),
    /// A local that is not read through a field path (a whole list element).
    Local(u16),
    /// A computed value of the decision, by index.
    DecisionValue(u16),
    Field(Box<Expr>, u16),
    IntToDecimal(Box<Expr>),
    Neg(Box<Expr>, Span),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Arith {
        op: ArithOp,
        left: Box<Expr>,
        right: Box<Expr>,
        span: Span,
    },
    Compare {
        op: CompareOp,
        left: Box<Expr>,
        right: Box<Expr>,
        span: Span,
    },
    In {
        negated: bool,
        item: Box<Expr>,
        collection: Box<Expr>,
    },
    Present {
        negated: bool,
        operand: Box<Expr>,
    },
    Coalesce(Box<Expr>, Box<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    Match {
        subject: Box<Expr>,
        arms: Vec<(Vec<Sym>, Expr)>,
        otherwise: Option<Box<Expr>>,
        span: Span,
    },
    Quantifier {
        kind: QuantifierKind,
        slot: u16,
        list: Box<Expr>,
        body: Box<Expr>,
        /// The result type, for the zero of an empty `sum`.
        ty: Type,
        span: Span,
    },
    Call {
        builtin: Builtin,
        args: Vec<Expr>,
        rounding: Option<RoundingMode>,
        ty: Type,
        span: Span,
    },
    /// `matches(text, "pattern")`: the pattern was compiled at check time.
    Matches {
        subject: Box<Expr>,
        pattern: Arc<regex::Regex>,
        span: Span,
    },
    Table {
        table: u16,
        args: Vec<Expr>,
        span: Span,
    },
    /// A call of a user-defined function, by index.
    Function {
        function: u16,
        args: Vec<Expr>,
        span: Span,
    },
    List(Vec<Expr>),
    Template(Vec<TemplatePiece>),
    AllRulesPass,
}
