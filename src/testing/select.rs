//! Running a subset: `--decision NAME` keeps the documents that ask one of
//! the named decisions, `--name PATTERN` those whose `name:` or
//! `path#index` matches one of the patterns. A pattern with `*` (any run of
//! characters, none included) or `?` (exactly one character) is a glob
//! matched against the whole text; any other pattern matches as a
//! substring. Matching is case-sensitive.

use super::errors::TestError;
use crate::diagnostic::{did_you_mean, FileDiagnostic};
use crate::plan::PolicySet;

/// The documents a run keeps. Empty lists keep everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub decisions: Vec<String>,
    pub names: Vec<NamePattern>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NamePattern {
    Glob(Vec<char>),
    Substring(String),
}

impl NamePattern {
    pub fn parse(pattern: &str) -> NamePattern {
        if pattern.contains(['*', '?']) {
            NamePattern::Glob(pattern.chars().collect())
        } else {
            NamePattern::Substring(pattern.to_string())
        }
    }

    pub fn matches(&self, text: &str) -> bool {
        match self {
            NamePattern::Substring(part) => text.contains(part.as_str()),
            NamePattern::Glob(pattern) => glob(pattern, &text.chars().collect::<Vec<_>>()),
        }
    }

    fn shown(&self) -> String {
        match self {
            NamePattern::Glob(chars) => chars.iter().collect(),
            NamePattern::Substring(part) => part.clone(),
        }
    }
}

/// Greedy glob matching with one backtrack point: linear in practice and
/// never exponential, whatever the pattern.
fn glob(pattern: &[char], text: &[char]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == '?' || c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((star_p, star_t)) => {
                    p = star_p + 1;
                    t = star_t + 1;
                    star = Some((star_p, star_t + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p.min(pattern.len())..].iter().all(|&c| c == '*')
}

impl Selection {
    pub fn new(decisions: Vec<String>, names: &[String]) -> Selection {
        Selection {
            decisions,
            names: names.iter().map(|n| NamePattern::parse(n)).collect(),
        }
    }

    pub fn is_everything(&self) -> bool {
        self.decisions.is_empty() && self.names.is_empty()
    }

    /// Unknown decision names, as usage errors with a suggestion.
    pub fn check(&self, policies: &PolicySet) -> Vec<FileDiagnostic> {
        self.decisions
            .iter()
            .filter(|name| policies.decision(name).is_none())
            .map(|name| {
                let help = did_you_mean(name, policies.decision_names()).or_else(|| {
                    Some(format!(
                        "the decisions are {}",
                        policies.decision_names().collect::<Vec<_>>().join(", ")
                    ))
                });
                TestError::UnknownDecision {
                    name: name.clone(),
                    help,
                }
                .about("")
            })
            .collect()
    }

    pub fn keeps(&self, decision: &str, name: Option<&str>, scenario: &str) -> bool {
        let decision_kept =
            self.decisions.is_empty() || self.decisions.iter().any(|d| d == decision);
        let name_kept = self.names.is_empty()
            || self
                .names
                .iter()
                .any(|p| p.matches(scenario) || name.is_some_and(|n| p.matches(n)));
        decision_kept && name_kept
    }

    /// The filters in words, for "no scenario document matches …".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        for decision in &self.decisions {
            parts.push(format!("`--decision {decision}`"));
        }
        for pattern in &self.names {
            parts.push(format!("`--name {}`", pattern.shown()));
        }
        parts.join(" and ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(pattern: &str, text: &str) -> bool {
        NamePattern::parse(pattern).matches(text)
    }

    #[test]
    fn a_pattern_without_wildcards_matches_any_part_of_the_text() {
        assert!(matches("French", "a French customer is refused"));
        assert!(matches("vmsr_line.yaml#2", "tests/csp/vmsr_line.yaml#2"));
        assert!(!matches("french", "a French customer is refused"));
    }

    #[test]
    fn a_glob_matches_the_whole_text() {
        assert!(matches("a * customer*", "a French customer is refused"));
        assert!(!matches("French*", "a French customer"));
        assert!(matches("*#?", "x.yaml#3"));
        assert!(!matches("*#?", "x.yaml#13"));
        assert!(matches("*", ""));
        assert!(matches("**a**", "banana"));
        assert!(!matches("?", ""));
    }

    #[test]
    fn a_glob_with_many_stars_still_needs_its_last_character() {
        let text = "a".repeat(5000);
        assert!(!matches(&format!("{}b", "*a".repeat(50)), &text));
    }

    #[test]
    fn selection_keeps_documents_matching_every_kind_of_filter() {
        let selection = Selection::new(vec!["mpo.create".into()], &["*#0".into()]);
        assert!(selection.keeps("mpo.create", None, "x.yaml#0"));
        assert!(!selection.keeps("mpo.accept", None, "x.yaml#0"));
        assert!(!selection.keeps("mpo.create", Some("first"), "x.yaml#1"));
        assert!(Selection::default().keeps("any", None, "x.yaml#9"));
    }
}
