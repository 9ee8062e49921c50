//! One representative scenario per bundled decision, its whole decision
//! (explanation included) kept as a snapshot, so a change to any
//! explanation shows up in review. The representative is the first scenario
//! document of that decision, in path order.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

#[test]
fn one_decision_per_bundled_decision_with_its_explanation() {
    let policies = eligo::load_policies(Path::new("policies")).expect("bundled policies check");
    let files = common::yaml_files(Path::new("tests/scenarios/csp"));
    let mut representatives = BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("scenario reads");
        for scenario in eligo::scenario::load(&policies, &file.display().to_string(), &text)
            .into_iter()
            .flatten()
        {
            representatives
                .entry(scenario.decision.clone())
                .or_insert(scenario);
        }
    }
    let missing: Vec<&str> = policies
        .decision_names()
        .filter(|name| !representatives.contains_key(*name))
        .collect();
    assert!(
        missing.is_empty(),
        "decisions without any scenario: {missing:?}"
    );
    for (decision, scenario) in representatives {
        let mut result =
            eligo::decide(&policies, &scenario, true).expect("the representative decides");
        // The digest changes with every policy edit; the explanation is what is reviewed.
        result.policy_digest = "sha256:…".into();
        insta::assert_yaml_snapshot!(decision, result);
    }
}
