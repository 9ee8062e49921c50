//! The language reference (`docs/reference.md`) names every built-in
//! function and every diagnostic code the source can report, so a
//! compliance author finds each one there.

use std::path::Path;

fn reference() -> String {
    std::fs::read_to_string("docs/reference.md").expect("docs/reference.md reads")
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("folder reads").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every code written in a `#[diagnostic(code(…))]` attribute under `src/`.
fn diagnostic_codes() -> Vec<String> {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    files.sort();
    let mut codes = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("source reads");
        let mut rest = text.as_str();
        while let Some(at) = rest.find("code(") {
            rest = &rest[at + "code(".len()..];
            let trimmed = rest.trim_start().trim_start_matches('"');
            if let Some(code) = trimmed.strip_prefix("eligo::").map(|tail| {
                let end = tail
                    .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | ':' | '-')))
                    .unwrap_or(tail.len());
                format!("eligo::{}", &tail[..end])
            }) {
                codes.push(code);
            }
        }
    }
    codes.sort();
    codes.dedup();
    codes
}

#[test]
fn every_diagnostic_code_is_in_the_reference() {
    let reference = reference();
    let codes = diagnostic_codes();
    assert!(codes.len() > 60, "the scan found the codes: {codes:?}");
    let missing: Vec<&String> = codes
        .iter()
        .filter(|code| !reference.contains(&format!("`{code}`")))
        .collect();
    assert!(missing.is_empty(), "not in docs/reference.md: {missing:?}");
}

#[test]
fn every_builtin_function_is_in_the_reference_with_an_example() {
    let reference = reference();
    let names: Vec<&str> = eligo::check::builtin_names().collect();
    assert!(names.len() > 50, "{names:?}");
    let missing: Vec<&&str> = names
        .iter()
        .filter(|name| {
            // A row of a built-in table: its name, its signature, an example.
            !reference.lines().any(|line| {
                line.starts_with('|')
                    && line.contains(&format!("`{name}`"))
                    && line.contains(&format!("{name}("))
            })
        })
        .collect();
    assert!(missing.is_empty(), "not in docs/reference.md: {missing:?}");
}

#[test]
fn every_hit_policy_is_in_the_reference() {
    let reference = reference();
    for policy in eligo::syntax::ast::HitPolicy::ALL {
        assert!(
            reference.contains(&format!("`{}`", policy.name())),
            "{}",
            policy.name()
        );
    }
}
