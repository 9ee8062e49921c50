//! Reports: decisions and failures as a person reads them in a terminal, and
//! as programs read them (JSON Lines, YAML).

mod human;
mod structured;

pub use human::{human_decision, human_failure};
pub use structured::{json_decision, json_failure, yaml_decision, yaml_failure};

/// Whether to draw with colour (only ever on a terminal).
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub colour: bool,
}

impl Style {
    pub fn paint(&self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}
