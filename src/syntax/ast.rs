//! The abstract syntax tree of one policy file: plain data with byte spans,
//! free of pest types, as the checker consumes it.

use std::fmt;

/// A byte range in one policy file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        (span.start, span.len()).into()
    }
}

/// A name as written, with where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

impl fmt::Display for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name)
    }
}

/// One parsed policy file.
#[derive(Clone, Debug, Default)]
pub struct File {
    pub module: Option<Ident>,
    pub items: Vec<Item>,
}

#[derive(Clone, Debug)]
pub struct Item {
    pub docs: Vec<String>,
    pub annotations: Vec<Annotation>,
    pub kind: ItemKind,
    pub span: Span,
}

/// `@allow(lint-name, "why")`: attached to the item that follows it.
#[derive(Clone, Debug)]
pub struct Annotation {
    pub name: Ident,
    pub args: Vec<Ident>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum ItemKind {
    Module(Ident),
    Import(Import),
    Const(ConstDecl),
    Type(TypeDecl),
    Enum(EnumDecl),
    Table(TableDecl),
    Function(FunctionDecl),
    Rule(RuleDecl),
    Decision(DecisionDecl),
}

#[derive(Clone, Debug)]
pub struct Import {
    pub module: Ident,
    /// `None` imports every name the module declares.
    pub names: Option<Vec<Ident>>,
}

#[derive(Clone, Debug)]
pub struct ConstDecl {
    pub name: Ident,
    pub ty: TypeExpr,
    pub value: Expr,
}

#[derive(Clone, Debug)]
pub struct TypeDecl {
    pub name: Ident,
    pub ty: TypeExpr,
}

#[derive(Clone, Debug)]
pub struct EnumDecl {
    pub name: Ident,
    pub symbols: Vec<Ident>,
    /// Other names people use for a member (`GB aka UK`), as (member, alias):
    /// never accepted, only suggested.
    pub aliases: Vec<(Ident, Ident)>,
}

/// How a decision table's matching rows make its result (DMN's hit
/// policies).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HitPolicy {
    /// At most one row may match.
    Unique,
    /// The first matching row.
    First,
    /// Every matching row must give the same output.
    Any,
    /// The matching row whose output comes first in its enumeration.
    Priority,
    /// Every matching row's output, in row order, or an aggregate of them.
    Collect,
    /// Every matching row's output, in row order.
    RuleOrder,
    /// Every matching row's output, by priority.
    OutputOrder,
}

impl HitPolicy {
    pub const ALL: [HitPolicy; 7] = [
        HitPolicy::Unique,
        HitPolicy::First,
        HitPolicy::Any,
        HitPolicy::Priority,
        HitPolicy::Collect,
        HitPolicy::RuleOrder,
        HitPolicy::OutputOrder,
    ];

    pub fn name(self) -> &'static str {
        match self {
            HitPolicy::Unique => "unique",
            HitPolicy::First => "first",
            HitPolicy::Any => "any",
            HitPolicy::Priority => "priority",
            HitPolicy::Collect => "collect",
            HitPolicy::RuleOrder => "rule order",
            HitPolicy::OutputOrder => "output order",
        }
    }

    /// Whether the table gives one row's output rather than a list.
    pub fn single(self) -> bool {
        matches!(
            self,
            HitPolicy::Unique | HitPolicy::First | HitPolicy::Any | HitPolicy::Priority
        )
    }
}

/// `hit collect sum`: what a collecting table makes of its outputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aggregator {
    Sum,
    Min,
    Max,
    Count,
}

impl Aggregator {
    pub fn name(self) -> &'static str {
        match self {
            Aggregator::Sum => "sum",
            Aggregator::Min => "min",
            Aggregator::Max => "max",
            Aggregator::Count => "count",
        }
    }
}

#[derive(Clone, Debug)]
pub struct TableDecl {
    pub name: Ident,
    pub params: Vec<(Ident, TypeExpr)>,
    pub output: TypeExpr,
    pub hit: HitPolicy,
    pub aggregator: Option<Aggregator>,
    pub rows: Vec<TableRow>,
    /// `default | … |`: the output cells used when no row matches.
    pub default: Option<TableRow>,
}

/// `fn name(a: T) -> U = body`: pure, typed, and never recursive.
#[derive(Clone, Debug)]
pub struct FunctionDecl {
    pub name: Ident,
    pub params: Vec<(Ident, TypeExpr)>,
    pub output: TypeExpr,
    pub body: Expr,
}

#[derive(Clone, Debug)]
pub struct TableRow {
    pub cells: Vec<Cell>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum CellKind {
    Any,
    Compare(CompareOp, Expr),
    OneOf(Vec<Expr>),
    /// `[low..high)`: a bracket includes its end, a parenthesis does not.
    Range {
        low: Expr,
        low_closed: bool,
        high: Expr,
        high_closed: bool,
    },
    /// `not(a, b)`: anything but these.
    Not(Vec<Expr>),
}

#[derive(Clone, Debug)]
pub struct Cell {
    pub kind: CellKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Citation {
    pub source: String,
    pub section: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct RuleDecl {
    pub id: Ident,
    pub title: String,
    pub cites: Vec<Citation>,
    pub for_each: Option<(Ident, Expr)>,
    /// Bindings in written order; those before `when` are visible to it.
    pub lets: Vec<(Ident, Expr)>,
    pub lets_before_when: usize,
    pub when: Option<Expr>,
    pub require: Expr,
    pub message: Option<Template>,
}

#[derive(Clone, Debug)]
pub struct DecisionDecl {
    pub name: Ident,
    pub title: String,
    pub input: Option<TypeExpr>,
    pub outcomes: Option<Vec<Ident>>,
    pub rules: Vec<Ident>,
    pub values: Vec<ValueDecl>,
    pub outcome: Option<Expr>,
}

#[derive(Clone, Debug)]
pub struct ValueDecl {
    pub name: Ident,
    /// `value name?: T`: the value may come out absent, and is then not reported.
    pub optional: bool,
    pub ty: TypeExpr,
    /// Outcomes on which the value is reported; empty means always.
    pub on: Vec<Ident>,
    pub expr: Expr,
}

#[derive(Clone, Debug)]
pub struct TypeExpr {
    pub kind: TypeExprKind,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum TypeExprKind {
    Named(Ident),
    Money(Option<Ident>),
    List(Box<TypeExpr>),
    Set(Box<TypeExpr>),
    Record(Vec<FieldDecl>),
    Enum(Vec<Ident>),
}

#[derive(Clone, Debug)]
pub struct FieldDecl {
    pub name: Ident,
    pub optional: bool,
    pub ty: TypeExpr,
}

/// A string with `{expr}` holes.
#[derive(Clone, Debug)]
pub struct Template {
    pub parts: Vec<TemplatePart>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub enum TemplatePart {
    Text(String),
    Expr(Expr),
}

#[derive(Clone, Debug)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CompareOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
}

impl ArithOp {
    /// How the explanation prints the operator.
    pub fn symbol(self) -> &'static str {
        match self {
            ArithOp::Add => "+",
            ArithOp::Sub => "−",
            ArithOp::Mul => "×",
            ArithOp::Div => "÷",
            ArithOp::Pow => "^",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuantifierKind {
    All,
    Any,
    Count,
    Sum,
    Min,
    Max,
    Filter,
    Map,
}

impl QuantifierKind {
    pub fn name(self) -> &'static str {
        match self {
            QuantifierKind::All => "all",
            QuantifierKind::Any => "any",
            QuantifierKind::Count => "count",
            QuantifierKind::Sum => "sum",
            QuantifierKind::Min => "min",
            QuantifierKind::Max => "max",
            QuantifierKind::Filter => "filter",
            QuantifierKind::Map => "map",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DurationUnit {
    Weeks,
    Days,
    Hours,
    Minutes,
    Seconds,
}

#[derive(Clone, Debug)]
pub enum Literal {
    /// `absent`: no value, for optional values.
    Absent,
    Bool(bool),
    /// Numbers keep their text so that scale and size are decided exactly later.
    Number(String),
    Money {
        amount: String,
        currency: String,
    },
    Date(String),
    Instant(String),
    Month(String),
    Duration {
        count: String,
        unit: DurationUnit,
    },
}

#[derive(Clone, Debug)]
pub struct MatchArm {
    /// `None` is the wildcard `_`.
    pub patterns: Option<Vec<Ident>>,
    pub body: Expr,
}

#[derive(Clone, Debug)]
pub enum ExprKind {
    Literal(Literal),
    Text(Template),
    Name(Ident),
    Field(Box<Expr>, Ident),
    Neg(Box<Expr>),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Arith(ArithOp, Box<Expr>, Box<Expr>),
    Compare(CompareOp, Box<Expr>, Box<Expr>),
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
    Match(Box<Expr>, Vec<MatchArm>),
    Quantifier {
        kind: QuantifierKind,
        var: Ident,
        list: Box<Expr>,
        body: Box<Expr>,
    },
    Call(Ident, Vec<Expr>),
    Set(Vec<Expr>),
    List(Vec<Expr>),
    AllRulesPass,
}

impl Expr {
    /// The sub-expressions written directly inside this one.
    pub fn children(&self) -> Vec<&Expr> {
        match &self.kind {
            ExprKind::Literal(_) | ExprKind::Name(_) | ExprKind::AllRulesPass => Vec::new(),
            ExprKind::Text(template) => template
                .parts
                .iter()
                .filter_map(|part| match part {
                    TemplatePart::Expr(expr) => Some(expr),
                    TemplatePart::Text(_) => None,
                })
                .collect(),
            ExprKind::Field(base, _) => vec![base],
            ExprKind::Neg(inner) | ExprKind::Not(inner) => vec![inner],
            ExprKind::And(a, b)
            | ExprKind::Or(a, b)
            | ExprKind::Arith(_, a, b)
            | ExprKind::Compare(_, a, b)
            | ExprKind::Coalesce(a, b) => vec![a, b],
            ExprKind::In {
                item, collection, ..
            } => vec![item, collection],
            ExprKind::Present { operand, .. } => vec![operand],
            ExprKind::If(c, t, e) => vec![c, t, e],
            ExprKind::Match(subject, arms) => std::iter::once(subject.as_ref())
                .chain(arms.iter().map(|arm| &arm.body))
                .collect(),
            ExprKind::Quantifier { list, body, .. } => vec![list, body],
            ExprKind::Call(_, args) | ExprKind::Set(args) | ExprKind::List(args) => {
                args.iter().collect()
            }
        }
    }

    /// How deeply the expression nests, computed without recursion so that
    /// any input can be measured.
    pub fn depth(&self) -> usize {
        let mut deepest = 0;
        let mut stack = vec![(self, 1usize)];
        while let Some((expr, depth)) = stack.pop() {
            deepest = deepest.max(depth);
            stack.extend(expr.children().into_iter().map(|child| (child, depth + 1)));
        }
        deepest
    }
}
