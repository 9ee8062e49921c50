//! The `expect:` block of a scenario: the outcome, failed rules and values a
//! test asserts, read and checked against the decision like the input is.

use super::errors::InputError;
use super::input::{is_null, Decoder};
use super::yaml::{Node, NodeKind, ScalarStyle};
use crate::diagnostic::did_you_mean;
use crate::plan::{Decision, PolicySet};
use crate::types::EnumType;
use crate::value::render_json;

/// What a scenario expects of its decision. Absent parts are not checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Expect {
    /// 1-based line of the `expect:` block.
    pub line: usize,
    pub outcome: Option<String>,
    pub failed: Option<Vec<String>>,
    pub values: Vec<ExpectedValue>,
}

/// One expected value, rendered the way decision output renders values so
/// the two compare exactly (`"1800.00 USD"` is not `"1800 USD"`).
#[derive(Clone, Debug, PartialEq)]
pub struct ExpectedValue {
    pub name: String,
    /// The exact value, or `"absent"` / `"present"` when `presence` is set.
    pub value: serde_json::Value,
    /// `x: absent` or `x: present` (plain, unquoted): the test asks only
    /// whether the decision reports the value, not what it is.
    pub presence: Option<Presence>,
    pub line: usize,
}

/// Whether a value must be reported, whatever it is, or must not be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    Absent,
    Present,
}

impl Presence {
    /// `absent` or `present` written as a plain YAML scalar; a quoted
    /// `"absent"` is the text or symbol of that name.
    fn written(node: &Node) -> Option<Presence> {
        match &node.kind {
            NodeKind::Scalar {
                text,
                style: ScalarStyle::Plain,
            } => match text.as_str() {
                "absent" => Some(Presence::Absent),
                "present" => Some(Presence::Present),
                _ => None,
            },
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Presence::Absent => "absent",
            Presence::Present => "present",
        }
    }
}

const EXPECT_KEYS: [&str; 3] = ["outcome", "failed", "values"];

fn text(node: &Node) -> Option<&str> {
    match &node.kind {
        NodeKind::Scalar { text, .. } if !is_null(node) => Some(text),
        _ => None,
    }
}

pub fn read(
    decoder: &mut Decoder<'_>,
    node: &Node,
    policies: &PolicySet,
    decision: Option<&Decision>,
) -> Option<Expect> {
    let outcomes = decision.map(|d| d.outcomes.as_ref());
    let line = decoder.source.line_column(decoder.base + node.span.start).0;
    let NodeKind::Map(entries) = &node.kind else {
        decoder.errors.push(InputError::WrongType {
            path: "expect".into(),
            expected: "a mapping".into(),
            found: "something else".into(),
            span: decoder.span(node),
            help: Some("write `expect:` with `outcome`, `failed` and/or `values`".into()),
        });
        return None;
    };
    let mut expect = Expect {
        line,
        outcome: None,
        failed: None,
        values: Vec::new(),
    };
    for (key, value) in entries {
        match text(key).unwrap_or("") {
            "outcome" => expect.outcome = read_outcome(decoder, value, outcomes),
            "failed" => expect.failed = read_failed(decoder, value, policies, decision),
            "values" => expect.values = read_values(decoder, value, decision),
            other => decoder.errors.push(InputError::UnknownField {
                path: "expect".into(),
                field: other.to_string(),
                span: decoder.span(key),
                help: did_you_mean(other, EXPECT_KEYS)
                    .or_else(|| Some(format!("`expect` has the keys {}", EXPECT_KEYS.join(", ")))),
            }),
        }
    }
    Some(expect)
}

fn read_outcome(
    decoder: &mut Decoder<'_>,
    node: &Node,
    outcomes: Option<&EnumType>,
) -> Option<String> {
    let written = text(node).unwrap_or("");
    if let Some(outcomes) = outcomes {
        if outcomes.member_named(written).is_none() {
            let help = did_you_mean(written, outcomes.names())
                .or_else(|| Some(format!("the outcomes are {}", outcomes.listing())));
            decoder.errors.push(InputError::UnknownSymbol {
                path: "expect.outcome".into(),
                symbol: written.to_string(),
                span: decoder.span(node),
                help,
            });
            return None;
        }
    }
    Some(written.to_string())
}

fn read_failed(
    decoder: &mut Decoder<'_>,
    node: &Node,
    policies: &PolicySet,
    decision: Option<&Decision>,
) -> Option<Vec<String>> {
    let NodeKind::Seq(items) = &node.kind else {
        decoder.errors.push(InputError::WrongType {
            path: "expect.failed".into(),
            expected: "a list of rule IDs".into(),
            found: "something else".into(),
            span: decoder.span(node),
            help: Some("write `failed: [MPO-002]`, or `failed: []` when every rule passes".into()),
        });
        return None;
    };
    let mut ids = Vec::with_capacity(items.len());
    for item in items {
        let id = text(item).unwrap_or("").to_string();
        if let Some(decision) = decision {
            let known = decision
                .rules
                .iter()
                .any(|r| policies.rules()[r.info].id == id);
            if !known {
                decoder.errors.push(InputError::UnknownSymbol {
                    path: "expect.failed".into(),
                    symbol: id.clone(),
                    span: decoder.span(item),
                    help: Some(format!(
                        "decision `{}` does not use this rule",
                        decision.name
                    )),
                });
            }
        }
        ids.push(id);
    }
    ids.sort();
    ids.dedup();
    Some(ids)
}

fn read_values(
    decoder: &mut Decoder<'_>,
    node: &Node,
    decision: Option<&Decision>,
) -> Vec<ExpectedValue> {
    let NodeKind::Map(entries) = &node.kind else {
        decoder.errors.push(InputError::WrongType {
            path: "expect.values".into(),
            expected: "a mapping of value names to values".into(),
            found: "something else".into(),
            span: decoder.span(node),
            help: None,
        });
        return Vec::new();
    };
    let mut values = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        let name = text(key).unwrap_or("").to_string();
        let line = decoder.source.line_column(decoder.base + key.span.start).0;
        let Some(decision) = decision else { continue };
        let Some(declared) = decision.values.iter().find(|v| v.name == name) else {
            let help = did_you_mean(&name, decision.values.iter().map(|v| v.name.as_str()))
                .or_else(|| {
                    Some(format!(
                        "decision `{}` computes: {}",
                        decision.name,
                        decision
                            .values
                            .iter()
                            .map(|v| v.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                });
            decoder.errors.push(InputError::UnknownField {
                path: "expect.values".into(),
                field: name,
                span: decoder.span(key),
                help,
            });
            continue;
        };
        if let Some(presence) = Presence::written(value) {
            values.push(ExpectedValue {
                name,
                value: serde_json::Value::String(presence.name().into()),
                presence: Some(presence),
                line,
            });
            continue;
        }
        let (decoded, _) = decoder.decode(value, &declared.ty, &format!("expect.values.{name}"));
        values.push(ExpectedValue {
            name,
            value: render_json(&decoded, &declared.ty, decoder.symbols),
            presence: None,
            line,
        });
    }
    values
}
