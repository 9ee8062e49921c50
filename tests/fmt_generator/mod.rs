//! Random policies for the formatter's property tests: items and
//! expressions as plain data (`Item`, `E`), proptest strategies for them,
//! and `write` to put them into text with a random layout.

mod write;

pub use write::{write_expr, write_file, Layout};

use proptest::prelude::*;
use proptest::sample::select;

// ------------------------------------------------------------ the model

#[derive(Clone, Debug)]
pub enum E {
    Name(&'static str),
    Literal(&'static str),
    Text(Vec<Part>),
    Field(Box<E>, &'static str),
    Neg(Box<E>),
    Not(Box<E>),
    Binary(&'static str, Box<E>, Box<E>),
    Present(Box<E>, bool),
    If(Box<E>, Box<E>, Box<E>),
    Match(Box<E>, Vec<(Vec<&'static str>, E)>, Option<Box<E>>),
    Quantifier(&'static str, &'static str, Box<E>, Box<E>),
    Call(&'static str, Vec<E>),
    Set(Vec<E>),
    List(Vec<E>),
    AllRulesPass,
}

#[derive(Clone, Debug)]
pub enum Part {
    Text(&'static str),
    Hole(E),
}

#[derive(Clone, Debug)]
pub enum Ty {
    Named(&'static str),
    Money(Option<&'static str>),
    List(Box<Ty>),
    Set(Box<Ty>),
    Record(Vec<(&'static str, bool, Ty)>),
    Enum(Vec<&'static str>),
}

#[derive(Clone, Debug)]
pub struct Rule {
    pub id: &'static str,
    pub title: &'static str,
    pub cites: Vec<(&'static str, Option<&'static str>)>,
    pub for_each: Option<(&'static str, E)>,
    pub lets_before: Vec<(&'static str, E)>,
    pub when: Option<E>,
    pub lets_after: Vec<(&'static str, E)>,
    pub require: E,
    pub message: Option<Vec<Part>>,
}

#[derive(Clone, Debug)]
pub enum Clause {
    Input(Ty),
    Outcomes(Vec<&'static str>),
    Rules(Vec<&'static str>),
    Value(&'static str, bool, Ty, Vec<&'static str>, E),
    Outcome(E),
}

#[derive(Clone, Debug)]
pub enum Cell {
    Any(&'static str),
    Compare(&'static str, E),
    OneOf(Vec<E>),
    Range(&'static str, E, E, &'static str),
    Not(Vec<E>),
}

#[derive(Clone, Debug)]
pub enum Item {
    Import(&'static str, Option<Vec<&'static str>>),
    Const(&'static str, Ty, E),
    Type(&'static str, Ty),
    Enum(&'static str, Vec<&'static str>),
    Table(
        &'static str,
        Vec<(&'static str, Ty)>,
        Ty,
        &'static str,
        Vec<Vec<Cell>>,
        bool,
    ),
    Function(&'static str, Vec<(&'static str, Ty)>, Ty, E),
    Rule(Rule),
    Decision(&'static str, &'static str, Vec<Clause>),
}

#[derive(Clone, Debug)]
pub struct Preamble {
    pub lines: Vec<&'static str>,
}

// ------------------------------------------------------------ generators

const NAMES: &[&str] = &[
    "a", "b", "input", "line", "total", "x_1", "US", "draft", "LIMIT",
];
const FIELDS: &[&str] = &["status", "amount", "when", "kind", "lines"];
const LITERALS: &[&str] = &[
    "0",
    "3",
    "12.50",
    "true",
    "false",
    "absent",
    "2024-02-29",
    "2024-02",
    "2024-02-29T23:59:59Z",
    "1 day",
    "3 days",
    "2 weeks",
    "12.50 EUR",
    "100 USD",
];
const TEXT_PARTS: &[&str] = &[
    "plain ",
    "\\\"q\\\" ",
    "\\\\ ",
    "\\{ ",
    "a // b ",
    "日本 ",
    "\\t",
    "\\n",
    "} ",
];
const BINARY: &[&str] = &[
    "and", "or", "+", "-", "*", "/", "**", "??", "==", "!=", "<", ">=", "in", "not in",
];
const SYMBOLS: &[&str] = &["draft", "active", "ended", "US"];
const QUANTIFIERS: &[&str] = &["all", "any", "count", "sum", "min", "max", "filter"];
const VARS: &[&str] = &["x", "item"];
const FUNCTIONS: &[&str] = &[
    "round",
    "len",
    "f",
    "lookup",
    "matches",
    "substring",
    "sqrt",
];
const TYPE_NAMES: &[&str] = &["int", "bool", "text", "Status", "Country", "date"];
const TITLES: &[&str] = &[
    "a title",
    "with \\\"quotes\\\"",
    "braces { and } stay",
    "日本語の題名",
];
const PREAMBLES: &[&str] = &[
    "/// Documentation.",
    "/// More documentation.",
    "@allow(unused-const, \"a reason\")",
    "@allow(missing-citation)",
    "@deprecated",
];

fn text_parts(hole: BoxedStrategy<E>) -> impl Strategy<Value = Vec<Part>> {
    prop::collection::vec(
        prop_oneof![
            3 => select(TEXT_PARTS).prop_map(Part::Text),
            1 => hole.prop_map(Part::Hole),
        ],
        0..4,
    )
}

fn leaf() -> BoxedStrategy<E> {
    prop_oneof![
        4 => select(NAMES).prop_map(E::Name),
        4 => select(LITERALS).prop_map(E::Literal),
        1 => Just(E::AllRulesPass),
        1 => text_parts(select(NAMES).prop_map(E::Name).boxed()).prop_map(E::Text),
    ]
    .boxed()
}

pub fn expr() -> BoxedStrategy<E> {
    leaf()
        .prop_recursive(4, 40, 4, |inner| {
            let boxed = || inner.clone().prop_map(Box::new);
            prop_oneof![
                (boxed(), select(FIELDS)).prop_map(|(base, field)| E::Field(base, field)),
                boxed().prop_map(E::Neg),
                boxed().prop_map(E::Not),
                (select(BINARY), boxed(), boxed()).prop_map(|(op, l, r)| E::Binary(op, l, r)),
                (boxed(), any::<bool>()).prop_map(|(e, negated)| E::Present(e, negated)),
                (boxed(), boxed(), boxed()).prop_map(|(c, t, e)| E::If(c, t, e)),
                (
                    boxed(),
                    prop::collection::vec(
                        (prop::collection::vec(select(SYMBOLS), 1..3), inner.clone()),
                        1..4
                    ),
                    prop::option::of(boxed()),
                )
                    .prop_map(|(s, arms, wildcard)| E::Match(s, arms, wildcard)),
                (select(QUANTIFIERS), select(VARS), boxed(), boxed())
                    .prop_map(|(k, v, l, b)| E::Quantifier(k, v, l, b)),
                (
                    select(FUNCTIONS),
                    prop::collection::vec(inner.clone(), 0..4)
                )
                    .prop_map(|(f, args)| E::Call(f, args)),
                prop::collection::vec(inner.clone(), 0..4).prop_map(E::Set),
                prop::collection::vec(inner.clone(), 0..4).prop_map(E::List),
                text_parts(inner.clone()).prop_map(E::Text),
            ]
        })
        .boxed()
}

fn ty() -> BoxedStrategy<Ty> {
    prop_oneof![
        select(TYPE_NAMES).prop_map(Ty::Named),
        prop::option::of(select(&["USD", "EUR"][..])).prop_map(Ty::Money),
        prop::collection::vec(select(SYMBOLS), 2..4).prop_map(Ty::Enum),
    ]
    .prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            inner.clone().prop_map(|t| Ty::List(Box::new(t))),
            inner.clone().prop_map(|t| Ty::Set(Box::new(t))),
            prop::collection::vec((select(FIELDS), any::<bool>(), inner), 0..4)
                .prop_map(Ty::Record),
        ]
    })
    .boxed()
}

fn cell() -> impl Strategy<Value = Cell> {
    prop_oneof![
        select(&["_", "-"][..]).prop_map(Cell::Any),
        (select(&["<", "<=", ">", ">=", "==", "!="][..]), leaf())
            .prop_map(|(op, e)| Cell::Compare(op, e)),
        prop::collection::vec(expr(), 1..3).prop_map(Cell::OneOf),
        (
            select(&["[", "("][..]),
            leaf(),
            leaf(),
            select(&["]", ")"][..])
        )
            .prop_map(|(open, low, high, close)| Cell::Range(open, low, high, close)),
        prop::collection::vec(leaf(), 1..3).prop_map(Cell::Not),
    ]
}

fn rule() -> impl Strategy<Value = Rule> {
    let binding = || (select(&["fee", "limit"][..]), expr());
    (
        select(&["R-1", "MPO-002", "A1-B2"][..]),
        select(TITLES),
        prop::collection::vec(
            (
                select(&["source.txt", "RULES.md"][..]),
                prop::option::of(select(TITLES)),
            ),
            0..3,
        ),
        prop::option::of((select(VARS), expr())),
        prop::collection::vec(binding(), 0..2),
        prop::option::of(expr()),
        prop::collection::vec(binding(), 0..2),
        expr(),
        prop::option::of(text_parts(expr())),
    )
        .prop_map(
            |(id, title, cites, for_each, lets_before, when, lets_after, require, message)| {
                // Without `when`, every `let` counts as written before it.
                let lets_after = if when.is_some() {
                    lets_after
                } else {
                    Vec::new()
                };
                Rule {
                    id,
                    title,
                    cites,
                    for_each,
                    lets_before,
                    when,
                    lets_after,
                    require,
                    message,
                }
            },
        )
}

fn clause() -> impl Strategy<Value = Clause> {
    prop_oneof![
        ty().prop_map(Clause::Input),
        prop::collection::vec(select(SYMBOLS), 1..4).prop_map(Clause::Outcomes),
        prop::collection::vec(select(&["R-1", "MPO-002", "A1-B2"][..]), 1..4)
            .prop_map(Clause::Rules),
        (
            select(&["total", "fee"][..]),
            any::<bool>(),
            ty(),
            prop::collection::vec(select(SYMBOLS), 0..3),
            expr(),
        )
            .prop_map(|(n, o, t, on, e)| Clause::Value(n, o, t, on, e)),
        expr().prop_map(Clause::Outcome),
    ]
}

fn item() -> impl Strategy<Value = Item> {
    prop_oneof![
        (
            select(&["csp.common", "a.b"][..]),
            prop::option::of(prop::collection::vec(select(TYPE_NAMES), 1..4)),
        )
            .prop_map(|(m, names)| Item::Import(m, names)),
        (select(&["LIMIT", "MARKETS"][..]), ty(), expr())
            .prop_map(|(n, t, e)| Item::Const(n, t, e)),
        (select(&["Order", "Input"][..]), ty()).prop_map(|(n, t)| Item::Type(n, t)),
        (
            select(&["Status", "Kind"][..]),
            prop::collection::vec(select(SYMBOLS), 1..8)
        )
            .prop_map(|(n, s)| Item::Enum(n, s)),
        (
            select(&["lookup", "step"][..]),
            prop::collection::vec((select(VARS), ty()), 1..3),
            ty(),
            select(
                &[
                    "unique",
                    "first",
                    "collect",
                    "any",
                    "priority",
                    "rule order",
                    "output order",
                    "collect sum",
                    "collect count",
                ][..]
            ),
            prop::collection::vec(prop::collection::vec(cell(), 1..4), 1..4),
            any::<bool>(),
        )
            .prop_map(|(n, p, o, h, rows, default)| Item::Table(n, p, o, h, rows, default)),
        (
            select(&["f", "annuity"][..]),
            prop::collection::vec((select(VARS), ty()), 0..3),
            ty(),
            expr(),
        )
            .prop_map(|(n, p, o, body)| Item::Function(n, p, o, body)),
        rule().prop_map(Item::Rule),
        (
            select(&["d.x", "mpo.create"][..]),
            select(TITLES),
            prop::collection::vec(clause(), 0..6),
        )
            .prop_map(|(n, t, c)| Item::Decision(n, t, c)),
    ]
}

pub fn file() -> impl Strategy<Value = (Vec<(Preamble, Item)>, Vec<u8>)> {
    (
        prop::collection::vec(
            (
                prop::collection::vec(select(PREAMBLES), 0..3).prop_map(|lines| Preamble { lines }),
                item(),
            ),
            0..6,
        ),
        prop::collection::vec(any::<u8>(), 64),
    )
}
