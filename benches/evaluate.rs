//! How fast a decision is: on an input already loaded, with and without its
//! explanation, and end to end from YAML text, next to what it costs
//! `serde_yaml` merely to parse the same text.

use std::path::Path;

use criterion::{black_box, criterion_group, criterion_main, Criterion};

const SCENARIO: &str = "tests/fixtures/eval/checkout.yaml";

fn first_document(text: &str) -> &str {
    text.split("\n---\n").next().unwrap_or(text)
}

fn benches(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let policies = eligo::load_policies(&root.join("tests/fixtures/eval/policies"))
        .expect("fixture policies check");
    let full = std::fs::read_to_string(root.join(SCENARIO)).expect("scenario reads");
    let text = first_document(&full).to_string();
    let scenario = eligo::scenario::load(&policies, SCENARIO, &text)
        .into_iter()
        .next()
        .and_then(Result::ok)
        .expect("the scenario loads");

    let mut group = c.benchmark_group("shop.checkout");
    let decision = policies
        .decision(&scenario.decision)
        .expect("decision exists");
    group.bench_function("engine only (no output record)", |b| {
        b.iter(|| {
            eligo::eval::evaluate(
                &policies,
                decision,
                black_box(&scenario.input),
                None,
                scenario.as_of,
                false,
            )
            .map(|e| e.failed.len())
        })
    });
    group.bench_function("evaluate a loaded input", |b| {
        b.iter(|| eligo::decide(&policies, black_box(&scenario), false).map(|r| r.failed.len()))
    });
    group.bench_function("evaluate with the explanation", |b| {
        b.iter(|| eligo::decide(&policies, black_box(&scenario), true).map(|r| r.explanation.len()))
    });
    group.bench_function("end to end from YAML text", |b| {
        b.iter(|| {
            eligo::scenario::load(&policies, SCENARIO, black_box(&text))
                .into_iter()
                .filter_map(Result::ok)
                .filter_map(|s| eligo::decide(&policies, &s, false).ok())
                .map(|r| r.failed.len())
                .sum::<usize>()
        })
    });
    group.bench_function("serde_yaml parse only (baseline)", |b| {
        b.iter(|| {
            serde_yaml::from_str::<serde_yaml::Value>(black_box(&text)).map(|v| v.is_mapping())
        })
    });
    group.finish();

    let sources: Vec<(String, String)> = std::fs::read_dir(root.join("policies/csp"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "policy"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap_or_default(),
            )
        })
        .collect();
    c.bench_function("check the bundled top-level CSP policies", |b| {
        b.iter(|| {
            let files: Vec<(&str, &str)> = sources
                .iter()
                .map(|(p, t)| (p.as_str(), t.as_str()))
                .collect();
            eligo::load_policy_files(black_box(&files))
                .map(|p| p.rules().len())
                .unwrap_or(0)
        })
    });
}

/// `mpo.create` on the contract's example offer: about thirty rules over one
/// offer, the rule set the performance goals are stated for.
fn mpo_create(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let policies = eligo::load_policies(&root.join("policies")).expect("bundled policies check");
    let path = "tests/scenarios/csp/mpo/create.yaml";
    let full = std::fs::read_to_string(root.join(path)).expect("scenario reads");
    let text = first_document(&full).to_string();
    let scenario = eligo::scenario::load(&policies, path, &text)
        .into_iter()
        .next()
        .and_then(Result::ok)
        .expect("the contract example loads");
    let decision = policies.decision("mpo.create").expect("mpo.create exists");
    let mut group = c.benchmark_group("mpo.create");
    group.bench_function("engine only (no output record)", |b| {
        b.iter(|| {
            eligo::eval::evaluate(
                &policies,
                decision,
                black_box(&scenario.input),
                None,
                None,
                false,
            )
            .map(|e| e.failed.len())
        })
    });
    group.bench_function("evaluate a loaded input", |b| {
        b.iter(|| eligo::decide(&policies, black_box(&scenario), false).map(|r| r.failed.len()))
    });
    group.bench_function("evaluate with the explanation", |b| {
        b.iter(|| eligo::decide(&policies, black_box(&scenario), true).map(|r| r.explanation.len()))
    });
    group.bench_function("end to end from YAML text", |b| {
        b.iter(|| {
            eligo::scenario::load(&policies, path, black_box(&text))
                .into_iter()
                .filter_map(Result::ok)
                .filter_map(|s| eligo::decide(&policies, &s, false).ok())
                .map(|r| r.failed.len())
                .sum::<usize>()
        })
    });
    group.bench_function("serde_yaml parse only (baseline)", |b| {
        b.iter(|| {
            serde_yaml::from_str::<serde_yaml::Value>(black_box(&text)).map(|v| v.is_mapping())
        })
    });
    group.finish();
}

criterion_group!(evaluation, benches, mpo_create);
criterion_main!(evaluation);
