//! A decision looked up once and called many times, on input given as data
//! (a `serde_json::Value` or any `serde::Serialize` value) instead of YAML
//! text. This is how programs that embed eligo, and `eligo serve`, decide.

use chrono::{DateTime, Utc};
use miette::Diagnostic;
use serde::Serialize;
use thiserror::Error;

use crate::diagnostic::{did_you_mean, FileDiagnostic};
use crate::explain::DecisionResult;
use crate::plan::{Decision, PolicySet};
use crate::scenario::json::{decode_json, decode_json_text};
use crate::scenario::InputProblem;
use crate::types::Type;
use crate::value::Value;

/// A decision of a checked policy set, ready to decide any number of inputs.
#[derive(Clone, Copy, Debug)]
pub struct Prepared<'p> {
    policies: &'p PolicySet,
    decision: &'p Decision,
}

/// An input checked against a prepared decision's schema.
#[derive(Clone, Debug)]
pub struct Input {
    value: Value,
    as_of: Option<DateTime<Utc>>,
}

impl Input {
    /// The instant the decision is taken at ("now"), for decisions that
    /// depend on time.
    pub fn at(mut self, as_of: DateTime<Utc>) -> Input {
        self.as_of = Some(as_of);
        self
    }
}

/// A decision name no policy declares.
#[derive(Clone, Debug, Error, Diagnostic, PartialEq, Eq)]
#[error("unknown decision `{name}`")]
#[diagnostic(code(eligo::input::unknown_decision))]
pub struct UnknownDecision {
    pub name: String,
    #[help]
    pub help: Option<String>,
}

/// Why a prepared decision gave no result.
#[derive(Debug)]
pub enum DecideError {
    /// The input (or its `as_of`) does not fit the decision.
    Input(Vec<InputProblem>),
    /// A declared runtime error, pointing at the policy text.
    Runtime(FileDiagnostic),
}

impl PolicySet {
    /// Looks `name` up once, for many calls of [`Prepared::decide`].
    pub fn prepare(&self, name: &str) -> Result<Prepared<'_>, UnknownDecision> {
        match self.decision(name) {
            Some(decision) => Ok(Prepared {
                policies: self,
                decision,
            }),
            None => Err(UnknownDecision {
                name: name.to_string(),
                help: did_you_mean(name, self.decision_names()).or_else(|| {
                    Some(format!(
                        "the decisions are {}",
                        self.decision_names().collect::<Vec<_>>().join(", ")
                    ))
                }),
            }),
        }
    }
}

impl<'p> Prepared<'p> {
    pub fn name(&self) -> &'p str {
        &self.decision.name
    }

    pub fn title(&self) -> &'p str {
        &self.decision.title
    }

    /// The schema inputs are checked against.
    pub fn input_type(&self) -> &'p Type {
        &self.decision.input
    }

    /// Whether the decision reads the time, so that inputs need an `as_of`.
    pub fn uses_now(&self) -> bool {
        self.decision.uses_now
    }

    pub fn policies(&self) -> &'p PolicySet {
        self.policies
    }

    /// Checks a JSON value against the decision's input schema, reporting
    /// every mismatch with the same code, message and help as a scenario
    /// file would get, and a JSON pointer to the field.
    pub fn input_from_json(&self, json: &serde_json::Value) -> Result<Input, Vec<InputProblem>> {
        let value = decode_json(self.policies.symbols(), &self.decision.input, json)?;
        Ok(Input { value, as_of: None })
    }

    /// Checks JSON text against the decision's input schema. Every number
    /// keeps the digits written, and each problem also has its line and
    /// column.
    pub fn input_from_json_text(&self, text: &str) -> Result<Input, Vec<InputProblem>> {
        self.input_within(text, 0..text.len())
    }

    /// Checks the JSON text at `range` of a larger `document` (the `input`
    /// of a request body, say); lines and columns count in `document`.
    pub fn input_within(
        &self,
        document: &str,
        range: std::ops::Range<usize>,
    ) -> Result<Input, Vec<InputProblem>> {
        let value = decode_json_text(
            self.policies.symbols(),
            &self.decision.input,
            document,
            range,
        )?;
        Ok(Input { value, as_of: None })
    }

    /// Checks any serialisable value against the decision's input schema,
    /// through its JSON text: decimals are exact when they serialise as
    /// strings (`rust_decimal` does) or as integers; a binary float is read
    /// through the shortest text that gives it back.
    pub fn input<T: Serialize + ?Sized>(&self, value: &T) -> Result<Input, Vec<InputProblem>> {
        let text = serde_json::to_string(value)
            .map_err(|error| vec![InputProblem::not_serializable(error.to_string())])?;
        self.input_from_json_text(&text)
    }

    /// Decides one input. `explain` adds the explanation tree; the result's
    /// `scenario` is `input`, for the caller to name as it sees fit.
    pub fn decide(&self, input: &Input, explain: bool) -> Result<DecisionResult, DecideError> {
        if self.decision.uses_now && input.as_of.is_none() {
            return Err(DecideError::Input(vec![InputProblem::missing_as_of(
                &self.decision.name,
            )]));
        }
        let evaluated = crate::eval::evaluate(
            self.policies,
            self.decision,
            &input.value,
            None,
            input.as_of,
            explain,
        )
        .map_err(|error| {
            let file = &self.policies.files()[error.file as usize];
            DecideError::Runtime(FileDiagnostic::new(&file.path, &file.text, *error.error))
        })?;
        Ok(DecisionResult {
            scenario: "input".into(),
            name: None,
            decision: self.decision.name.clone(),
            outcome: evaluated.outcome_name,
            failed: evaluated.failed,
            values: evaluated.values,
            explanation: evaluated.explanation,
            policy_digest: self.policies.digest().to_string(),
        })
    }
}
