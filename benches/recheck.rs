//! The editor's re-check path: after an edit, the whole bundled library is
//! checked and linted again, names and paths are indexed, and diagnostics
//! are turned into protocol diagnostics for every file. The budget
//! is 50 ms on the project's 2-core machine.

use criterion::{criterion_group, criterion_main, Criterion};
use eligo::lsp::Workspace;

fn recheck(c: &mut Criterion) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("policies");
    let mut workspace = Workspace::new(Some(root));
    let (path, text) = workspace
        .policies
        .iter()
        .find(|(path, _)| path.ends_with("create.policy"))
        .map(|(p, t)| (p.clone(), t.clone()))
        .expect("the bundled library has csp/mpo/create.policy");
    let mut flip = false;
    c.bench_function("lsp re-check of the bundled library after an edit", |b| {
        b.iter(|| {
            // Alternate between two texts so every round is a real change.
            flip = !flip;
            let edited = if flip {
                format!("{text}\n")
            } else {
                text.clone()
            };
            workspace.open(path.clone(), edited);
            workspace.refresh();
            workspace.publish().len()
        })
    });
}

criterion_group!(benches, recheck);
criterion_main!(benches);
