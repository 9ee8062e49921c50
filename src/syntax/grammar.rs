//! The pest parser generated from `grammar/policy.pest`. Only the syntax
//! layer sees its types.

#[derive(pest_derive::Parser)]
#[grammar = "grammar/policy.pest"]
pub struct PolicyParser;
