//! Catalogue coverage: every rule of the catalogue is encoded in
//! `policies/csp/` or listed there as not encoded with a reason, and every
//! encoded rule has a scenario in which it fails and one in which it passes.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use eligo::explain::{Explanation, RuleStatus};

const CATALOGUE_IDS: &str = "policies/csp/catalogue-ids.txt";
const LIBRARY_README: &str = "policies/csp/README.md";

fn catalogue() -> Vec<String> {
    std::fs::read_to_string(CATALOGUE_IDS)
        .expect("catalogue IDs read")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// IDs from the README's "Not encoded" table.
fn not_encoded() -> BTreeSet<String> {
    let readme = std::fs::read_to_string(LIBRARY_README).expect("library README reads");
    let section = readme
        .split("### Not encoded")
        .nth(1)
        .expect("a `Not encoded` section");
    section
        .lines()
        .take_while(|l| !l.starts_with('#'))
        .filter_map(|l| l.strip_prefix("| "))
        .filter_map(|l| l.split(" |").next())
        .filter(|id| id.contains('-') && !id.starts_with('-'))
        .map(str::to_string)
        .collect()
}

fn policies() -> eligo::PolicySet {
    eligo::load_policies(Path::new("policies")).expect("bundled policies check")
}

#[test]
fn the_vendored_catalogue_ids_match_the_shared_catalogue_when_it_is_beside_the_repository() {
    let Ok(rules) = std::fs::read_to_string("../shared/RULES.md") else {
        return;
    };
    let shared: Vec<String> = rules
        .lines()
        .filter_map(|l| l.strip_prefix("**"))
        .filter_map(|l| l.split("**").next())
        .filter(|id| {
            let mut parts = id.splitn(2, '-');
            let prefix = parts.next().unwrap_or("");
            let number = parts.next().unwrap_or("");
            !prefix.is_empty()
                && prefix.chars().all(|c| c.is_ascii_uppercase())
                && number.len() == 3
                && number.chars().all(|c| c.is_ascii_digit())
        })
        .map(str::to_string)
        .collect();
    assert_eq!(shared, catalogue());
}

#[test]
fn every_catalogue_rule_is_encoded_or_listed_as_not_encoded_and_never_both() {
    let catalogue = catalogue();
    assert_eq!(catalogue.len(), 196);
    let encoded: BTreeSet<String> = policies().rules().iter().map(|r| r.id.clone()).collect();
    let skipped = not_encoded();
    let known: BTreeSet<&String> = catalogue.iter().collect();
    let missing: Vec<&String> = catalogue
        .iter()
        .filter(|id| !encoded.contains(*id) && !skipped.contains(*id))
        .collect();
    let both: Vec<&String> = skipped.iter().filter(|id| encoded.contains(*id)).collect();
    let unknown: Vec<&String> = encoded
        .iter()
        .chain(skipped.iter())
        .filter(|id| !known.contains(id))
        .collect();
    assert!(
        missing.is_empty(),
        "neither encoded nor listed as not encoded: {missing:?}"
    );
    assert!(
        both.is_empty(),
        "encoded and listed as not encoded: {both:?}"
    );
    assert!(unknown.is_empty(), "not catalogue IDs: {unknown:?}");
}

#[test]
fn the_readme_counts_match_the_library() {
    let readme = std::fs::read_to_string(LIBRARY_README).expect("README");
    let encoded = policies().rules().len();
    let skipped = not_encoded().len();
    let total = format!(
        "| **total** | **{}** | **{encoded}** | **{skipped}** |",
        encoded + skipped
    );
    assert!(
        readme.contains(&total),
        "the README's total row should read {total}"
    );
}

#[test]
fn every_encoded_rule_fails_in_some_scenario_and_passes_in_another() {
    let policies = policies();
    let files = common::yaml_files(Path::new("tests/scenarios/csp"));
    let mut seen: BTreeMap<String, (bool, bool)> = BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("scenario reads");
        for scenario in eligo::scenario::load(&policies, &file.display().to_string(), &text)
            .into_iter()
            .flatten()
        {
            let Ok(result) = eligo::decide(&policies, &scenario, true) else {
                continue;
            };
            for node in &result.explanation {
                if let Explanation::Rule(rule) = node {
                    let entry = seen.entry(rule.rule.clone()).or_default();
                    entry.0 |= rule.status == RuleStatus::Failed;
                    entry.1 |= rule.status == RuleStatus::Passed;
                }
            }
        }
    }
    let never_failed: Vec<&str> = policies
        .rules()
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| !seen.get(*id).is_some_and(|s| s.0))
        .collect();
    let never_passed: Vec<&str> = policies
        .rules()
        .iter()
        .map(|r| r.id.as_str())
        .filter(|id| !seen.get(*id).is_some_and(|s| s.1))
        .collect();
    assert!(
        never_failed.is_empty(),
        "rules no scenario makes fail: {never_failed:?}"
    );
    assert!(
        never_passed.is_empty(),
        "rules no scenario makes pass: {never_passed:?}"
    );
}
