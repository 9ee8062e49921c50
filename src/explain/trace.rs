//! The trace recorder: what a rule or value read from the input, and the
//! arithmetic it did, collected while it is evaluated.

use serde::Serialize;

/// One input value a rule or value read, and where the scenario wrote it.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Observation {
    pub path: String,
    pub value: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
}

/// What one rule (or one item of a rule, or one value) observed.
#[derive(Clone, Debug, Default)]
pub struct Sink {
    pub looked_at: Vec<Observation>,
    pub steps: Vec<String>,
}

impl Sink {
    /// Records an observation once per path, in the order first read.
    pub fn observe(&mut self, observation: Observation) {
        if !self.looked_at.iter().any(|o| o.path == observation.path) {
            self.looked_at.push(observation);
        }
    }

    pub fn step(&mut self, step: String) {
        if self.steps.last() != Some(&step) {
            self.steps.push(step);
        }
    }
}
