//! How fast a decision is: on an input already loaded (the engine alone, and
//! with the output record), with its explanation, and end to end from YAML
//! text, next to what it costs `serde_yaml` merely to parse the same text.

use std::path::Path;

use criterion::{black_box, criterion_group, criterion_main, Criterion};

/// Benchmarks the first document of `scenario` against the policies in
/// `policies`, as the group `name`.
fn decision_group(c: &mut Criterion, name: &str, policies: &str, scenario: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let policies = eligo::load_policies(&root.join(policies)).expect("policies check");
    let full = std::fs::read_to_string(root.join(scenario)).expect("scenario reads");
    let text = full.split("\n---\n").next().unwrap_or(&full).to_string();
    let loaded = eligo::scenario::load(&policies, scenario, &text)
        .into_iter()
        .next()
        .and_then(Result::ok)
        .expect("the scenario loads");
    let decision = policies
        .decision(&loaded.decision)
        .expect("decision exists");

    let mut group = c.benchmark_group(name);
    group.bench_function("engine only (no output record)", |b| {
        b.iter(|| {
            eligo::eval::evaluate(
                &policies,
                decision,
                black_box(&loaded.input),
                None,
                loaded.as_of,
                false,
            )
            .map(|e| e.failed.len())
        })
    });
    group.bench_function("evaluate a loaded input", |b| {
        b.iter(|| eligo::decide(&policies, black_box(&loaded), false).map(|r| r.failed.len()))
    });
    group.bench_function("evaluate with the explanation", |b| {
        b.iter(|| eligo::decide(&policies, black_box(&loaded), true).map(|r| r.explanation.len()))
    });
    group.bench_function("end to end from YAML text", |b| {
        b.iter(|| {
            eligo::scenario::load(&policies, scenario, black_box(&text))
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

/// `mpo.create` on the contract's example offer: about thirty rules over one
/// offer, the rule set the performance goals are stated for.
fn mpo_create(c: &mut Criterion) {
    decision_group(
        c,
        "mpo.create",
        "policies",
        "tests/scenarios/csp/mpo/create.yaml",
    );
}

/// A decision with computed money values, a table and a sum over lines.
fn shop_checkout(c: &mut Criterion) {
    decision_group(
        c,
        "shop.checkout",
        "tests/fixtures/eval/policies",
        "tests/fixtures/eval/checkout.yaml",
    );
}

/// Thirteen eligibility conditions over one offer, its partners and plans:
/// the same policy as the side-by-side comparison with other engines.
fn eligibility(c: &mut Criterion) {
    decision_group(
        c,
        "peers.mpo",
        "benches/fixtures/eligibility",
        "benches/fixtures/eligibility/offer.yaml",
    );
}

criterion_group!(evaluation, mpo_create, shop_checkout, eligibility);
criterion_main!(evaluation);
