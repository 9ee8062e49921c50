//! Every decision of the contract (`CONTRACT.md` section 4, shared beside the
//! repository) answers its example input exactly as the contract writes it.

use std::path::Path;

/// `(decision, yaml)` for each example: the heading names the decision, the
/// block below it is the scenario body.
fn examples(contract: &str) -> Vec<(String, String)> {
    let section = contract.split("## 4.").nth(1).unwrap_or("");
    let mut out = Vec::new();
    for part in section.split("\n### ").skip(1) {
        let decision = part.split_whitespace().next().unwrap_or("").to_string();
        let Some(body) = part
            .split("```yaml\n")
            .nth(1)
            .and_then(|b| b.split("```").next())
        else {
            continue;
        };
        // The contract abbreviates a list with `...`; the example is the rest.
        let body = body.replace(", ...]", "]");
        out.push((decision, body));
    }
    out
}

#[test]
fn every_contract_example_is_answered_by_its_decision() {
    let Ok(contract) = std::fs::read_to_string("../shared/CONTRACT.md") else {
        return;
    };
    let policies = eligo::load_policies(Path::new("policies")).expect("bundled policies check");
    let examples = examples(&contract);
    assert_eq!(examples.len(), 16, "the contract names sixteen decisions");
    let mut problems = Vec::new();
    for (decision, body) in examples {
        let as_of = if body.contains("as_of:") {
            ""
        } else {
            "as_of: 2026-05-01T09:00:00Z\n"
        };
        let text = format!("decision: {decision}\n{as_of}{body}");
        for loaded in eligo::scenario::load(&policies, &decision, &text) {
            match loaded {
                Ok(scenario) => {
                    if let Err(failure) = eligo::decide(&policies, &scenario, false) {
                        problems.push(format!(
                            "{decision}: cannot evaluate: {:?}",
                            failure.diagnostics
                        ));
                    }
                }
                Err(error) => {
                    let messages: Vec<String> =
                        error.diagnostics.iter().map(|d| d.message()).collect();
                    problems.push(format!("{decision}: {}", messages.join("; ")));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
