//! The runtime errors a checked policy can still meet on a checked input:
//! arithmetic that overflows or divides by zero, money of two currencies
//! meeting, a table with no matching row. Each points at the policy text.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

#[derive(Clone, Debug, Error, Diagnostic, PartialEq, Eq)]
pub enum EvalError {
    #[error("arithmetic overflow: `{operation}` is out of range")]
    #[diagnostic(
        code(eligo::eval::overflow),
        help("a result is too large for 28 significant digits, 64-bit integers or the calendar; check the input amounts")
    )]
    Overflow {
        /// The operation with the values it saw, such as `9223372036854775807 + 1`.
        operation: String,
        #[label("overflows here")]
        span: SourceSpan,
    },

    #[error("division by zero: `{operation}`")]
    #[diagnostic(
        code(eligo::eval::division_by_zero),
        help("guard the division with a rule or `if` that the divisor is not zero")
    )]
    DivisionByZero {
        operation: String,
        #[label("the divisor is zero")]
        span: SourceSpan,
    },

    #[error("cannot combine `{left}` with `{right}`")]
    #[diagnostic(
        code(eligo::eval::currency_mismatch),
        help(
            "amounts in different currencies are never converted; the input mixes currencies here"
        )
    )]
    CurrencyMismatch {
        left: String,
        right: String,
        #[label("two currencies meet here")]
        span: SourceSpan,
    },

    #[error("no row of table `{table}` matches {arguments}")]
    #[diagnostic(
        code(eligo::eval::no_table_row),
        help("add a row for these values, or a last row of `_` cells as a default")
    )]
    NoTableRow {
        table: String,
        arguments: String,
        #[label("called here")]
        span: SourceSpan,
    },

    #[error("rows {rows} of `unique` table `{table}` all match {arguments}")]
    #[diagnostic(
        code(eligo::eval::table_not_unique),
        help("make the rows exclusive, or declare the table `hit first` if the first match should win")
    )]
    TableNotUnique {
        table: String,
        rows: String,
        arguments: String,
        #[label("called here")]
        span: SourceSpan,
    },

    #[error("rows {rows} of table `{table}` both match but give different outputs")]
    #[diagnostic(
        code(eligo::eval::table_rows_disagree),
        help("`hit any` needs every matching row to give the same output: make the rows agree, narrow their cells, or choose another hit policy")
    )]
    TableRowsDisagree {
        table: String,
        rows: String,
        #[label("called here")]
        span: SourceSpan,
    },

    #[error("{message}")]
    #[diagnostic(code(eligo::eval::date_range))]
    DateRange {
        message: String,
        #[label("here")]
        span: SourceSpan,
    },

    #[error("the sum of no amounts of money has no currency")]
    #[diagnostic(
        code(eligo::eval::empty_money_sum),
        help("require the list to be non-empty first, or declare the currency: `money<USD>`")
    )]
    EmptyMoneySum {
        #[label("summed here")]
        span: SourceSpan,
    },

    #[error("{message}")]
    #[diagnostic(
        code(eligo::eval::undefined),
        help("test the operands first, for example `when x > 0`")
    )]
    Undefined {
        message: String,
        #[label("computed here")]
        span: SourceSpan,
    },

    #[error("`{what}` is absent")]
    #[diagnostic(
        code(eligo::eval::absent),
        help("test it with `is present` before reading it")
    )]
    Absent {
        what: String,
        #[label("read here")]
        span: SourceSpan,
    },
}

/// A runtime error with the policy file its span belongs to. The error is
/// boxed so that the results evaluation passes around stay small.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuntimeError {
    pub error: Box<EvalError>,
    pub file: u16,
    /// What was being evaluated: "rule `MPO-054`", "value `subtotal`".
    pub within: Option<String>,
}

impl RuntimeError {
    /// Says what was being evaluated, unless something inner already did.
    pub fn within(mut self, what: impl FnOnce() -> String) -> RuntimeError {
        self.within.get_or_insert_with(what);
        self
    }
}

/// A runtime error shown with what was being evaluated when it happened:
/// its message ends "in rule `MPO-054`" (when `within` is not empty); code,
/// labels and help are the error's own.
#[derive(Debug, Error)]
pub struct InContext {
    pub error: EvalError,
    pub within: String,
}

impl std::fmt::Display for InContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.within.as_str() {
            "" => write!(f, "{}", self.error),
            within => write!(f, "{} in {within}", self.error),
        }
    }
}

impl Diagnostic for InContext {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.error.code()
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.error.help()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.error.labels()
    }
}
