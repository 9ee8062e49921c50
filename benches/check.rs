//! How long checking takes as a policy set grows: 10,000 rules in ten
//! decisions of a thousand, each rule checked once per decision that lists it.

use criterion::{black_box, criterion_group, criterion_main, Criterion};

/// A policy set of `rules` rules spread over decisions of 1,000 rules.
fn generated(rules: usize) -> String {
    let mut text = String::from(
        "module big\n\nenum Country { US, GB, CA, FR, DE }\n\n\
         type Input = {country: Country, amount: money, items: list<{n: int, price: money}>, note?: text}\n",
    );
    for i in 0..rules {
        text.push_str(&format!(
            "\nrule BIG-{i:05} \"rule number {i}\"\n  cite \"source.txt\", \"section {i}\"\n  for item in input.items\n  when item.n > {}\n  require item.price <= input.amount and input.country in {{US, GB, CA}} and (input.note is absent or len(input.note) < {})\n  else \"item {{item.n}} costs {{item.price}}, more than {{input.amount}}\"\n",
            i % 7,
            i % 100 + 10
        ));
    }
    for d in 0..rules.div_ceil(1000) {
        let ids: Vec<String> = (d * 1000..((d + 1) * 1000).min(rules))
            .map(|i| format!("BIG-{i:05}"))
            .collect();
        text.push_str(&format!(
            "\ndecision big.d{d} \"decision {d}\"\n  input Input\n  rules {}\n",
            ids.join(", ")
        ));
    }
    text
}

fn checking(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for rules in [1_000, 10_000] {
        let text = generated(rules);
        group.bench_function(format!("{rules} rules"), |b| {
            b.iter(|| {
                eligo::load_policy_files(&[("big.policy", black_box(&text))])
                    .map(|p| p.rules().len())
            })
        });
    }
    group.finish();
}

criterion_group!(check, checking);
criterion_main!(check);
