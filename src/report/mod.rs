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

pub use diff_github::diff_github;
pub use diff_human::diff_human;
pub use diff_json::diff_json;
pub use diff_markdown::diff_markdown;
pub use html::{diff_html, HtmlTestReport};
pub use human::{human_decision, human_failure};
pub use structured::{json_decision, json_failure, yaml_decision, yaml_failure};

pub use github::{escape_data, escape_property, GithubTestReport};
pub use junit::{xml_escape, JunitTestReport};
pub use sarif::{path_uri, SarifTestReport};
pub use tap::{tap_description, TapTestReport};
pub use test_human::HumanTestReport;
pub use test_json::JsonTestReport;
pub use tree::{explanation_text, explanation_tree, Node};

use crate::testing::{DocumentRun, TestRun};

/// An `eligo test` report, written while the run goes: each document is
/// given as soon as it is judged (and the ones before it were), then the
/// run's totals. A format writes to `out` what it can print at once, and
/// keeps only what it must print later.
pub trait TestReport {
    fn document(&mut self, document: DocumentRun, out: &mut String);
    fn finish(&mut self, run: &TestRun, out: &mut String);
}

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
