//! eligo: a rules and policy engine whose decisions explain themselves.
//!
//! Load a policy set once with [`load_policies`] (or [`check::check`]), read
//! scenarios with [`scenario::load`], and evaluate them with [`decide`].
//!
//! Programs that hold their facts as data need no YAML: prepare a decision
//! once with [`PolicySet::prepare`], check any `serde::Serialize` value (or
//! a `serde_json::Value`) against its input schema, and decide it as often
//! as needed. A mismatch gets the same diagnostic as in a scenario file,
//! with a JSON pointer to the field.
//!
//! ```
//! use serde::Serialize;
//!
//! let policies = eligo::load_policy_files(&[(
//!     "shop.policy",
//!     r#"
//! module shop
//!
//! type Order = {country: US | GB | FR, total: money}
//!
//! rule SHOP-1 "the customer is in a market we ship to"
//!   cite "shipping.md"
//!   require input.country in {US, GB}
//!   else "we do not ship to {input.country}"
//!
//! decision shop.ship "may we ship this order?"
//!   input Order
//!   rules SHOP-1
//!   value total: money = input.total
//! "#,
//! )])
//! .expect("the policy checks");
//!
//! #[derive(Serialize)]
//! struct Order<'a> {
//!     country: &'a str,
//!     total: &'a str,
//! }
//!
//! let ship = policies.prepare("shop.ship").expect("the decision exists");
//! let input = ship.input(&Order { country: "FR", total: "120.50 EUR" }).expect("fits the schema");
//! let decision = ship.decide(&input, false).expect("decides");
//! assert_eq!(decision.outcome, "deny");
//! assert_eq!(decision.failed, ["SHOP-1"]);
//!
//! // Same checks as a scenario file, with a pointer to the field.
//! let problems = ship
//!     .input_from_json(&serde_json::json!({"country": "UK", "total": "1.00 EUR"}))
//!     .unwrap_err();
//! assert_eq!(problems[0].code, "eligo::input::unknown_symbol");
//! assert_eq!(problems[0].pointer, "/country");
//! assert_eq!(problems[0].message, "`UK` is not a valid `input.country`");
//! ```

pub mod check;
pub mod cli;
pub mod diagnostic;
pub mod diff;
pub mod eval;
pub mod explain;
pub mod files;
pub mod fmt;
pub mod limits;
pub mod lint;
pub mod lsp;
pub mod ordered;
pub mod plan;
pub mod report;
pub mod scenario;
pub mod serve;
pub mod source;
pub mod syntax;
pub mod testing;
pub mod types;
pub mod value;
pub mod verdict;

mod api;
mod prepared;

pub use api::{
    decide, is_policy_file, load_policies, load_policies_within, load_policy_files,
    DocumentFailure, IoError,
};
pub use explain::DecisionResult;
pub use limits::Limits;
pub use plan::PolicySet;
pub use prepared::{DecideError, Input, Prepared, UnknownDecision};
pub use scenario::Scenario;
