//! Reports: decisions and failures as a person reads them in a terminal, and
//! as programs read them (JSON Lines, YAML).

mod diff_github;
mod diff_human;
mod diff_json;
mod diff_markdown;
mod diff_shared;
mod github;
mod html;
mod human;
mod junit;
mod sarif;
mod structured;
mod tap;
mod test_human;
mod test_json;
mod test_shared;
mod tree;

pub use html::{diff_html, test_html};
pub use human::{human_decision, human_failure};
pub use structured::{json_decision, json_failure, yaml_decision, yaml_failure};

pub use diff_github::diff_github;
pub use diff_human::diff_human;
pub use diff_json::diff_json;
pub use diff_markdown::diff_markdown;
pub use github::{escape_data, escape_property, test_github};
pub use junit::{test_junit, xml_escape};
pub use sarif::{path_uri, test_sarif};
pub use tap::{tap_description, test_tap};
pub use test_human::test_human;
pub use test_json::test_json;
pub use tree::{explanation_text, explanation_tree, Node};

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
