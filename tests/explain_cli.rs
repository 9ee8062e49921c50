//! `eligo explain FILE#N` through the real binary: one document's whole
//! explanation tree, and its rule and value dependency graph as Graphviz
//! dot and as Mermaid.

mod test_support;

use test_support::{eligo, stderr, stdout};

const POLICIES: &str = "tests/fixtures/eval/policies";
/// A checkout that is allowed, with values computed through tables.
const ALLOWED: &str = "tests/fixtures/eval/checkout.yaml#0";
/// A checkout denied by several rules, one of them checked per line.
const DENIED: &str = "tests/fixtures/eval/checkout.yaml#1";

fn explain(format: &str, document: &str) -> String {
    let output = eligo(&[
        "explain",
        "--policies",
        POLICIES,
        "--format",
        format,
        document,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    stdout(&output)
}

#[test]
fn every_format_of_an_allowed_and_a_denied_document() {
    for (label, document) in [("allowed", ALLOWED), ("denied", DENIED)] {
        for format in ["human", "dot", "mermaid"] {
            insta::assert_snapshot!(
                format!("explain_{label}_{format}"),
                explain(format, document)
            );
        }
    }
}

#[test]
fn the_tree_shows_every_rule_whatever_its_status() {
    let tree = explain("human", DENIED);
    for rule in ["SHOP-001", "SHOP-002", "SHOP-003", "SHOP-004", "SHOP-005"] {
        assert!(tree.contains(rule), "{rule} missing from\n{tree}");
    }
    assert!(tree.contains("✗ SHOP-001"), "{tree}");
    assert!(tree.contains("would pass if"), "{tree}");
}

#[test]
fn the_graph_leads_from_input_facts_through_values_and_tables_to_the_outcome() {
    let dot = explain("dot", ALLOWED);
    let id = |label: &str| -> String {
        let line = dot
            .lines()
            .find(|l| l.contains(&format!("label=\"{label}")))
            .unwrap_or_else(|| panic!("no node `{label}` in\n{dot}"));
        line.trim().split(' ').next().unwrap_or("").to_string()
    };
    let edge = |from: &str, to: &str| format!("  {} -> {};", id(from), id(to));
    for (from, to) in [
        ("input.order.lines[0].unit_price", "subtotal"),
        ("subtotal", "discount"),
        ("subtotal", "shipping_fee"),
        ("table shipping", "shipping_fee"),
        ("discount", "total"),
        ("SHOP-001", "outcome"),
    ] {
        assert!(
            dot.contains(&edge(from, to)),
            "no edge {from} → {to} in\n{dot}"
        );
    }
    let mermaid = explain("mermaid", ALLOWED);
    assert!(mermaid.starts_with("flowchart LR\n"), "{mermaid}");
    assert_eq!(
        mermaid.matches(" --> ").count(),
        dot.matches(" -> ").count(),
        "both formats draw the same edges"
    );
}

#[test]
fn a_document_the_file_does_not_have_is_an_error_naming_the_ones_it_has() {
    let output = eligo(&[
        "explain",
        "--policies",
        POLICIES,
        "--error-format",
        "json",
        "tests/fixtures/eval/checkout.yaml#40",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let error: serde_json::Value =
        serde_json::from_str(stderr(&output).lines().next().unwrap_or(""))
            .expect("a JSON diagnostic");
    assert_eq!(error["code"], "eligo::explain::no_document");
    assert!(
        error["help"].as_str().unwrap_or("").contains("`#0` to `#"),
        "{error}"
    );
}
