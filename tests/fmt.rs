//! `eligo fmt`: one canonical layout for policy files. Formatting keeps what
//! a file says (the same AST, spans aside) and every comment in its place,
//! and formatting a formatted file changes nothing.

use std::path::{Path, PathBuf};

use eligo::fmt::{format_source, shape, FormatFailure, DEFAULT_WIDTH};

fn formatted(text: &str, path: &Path) -> String {
    match format_source(text) {
        Ok(out) => out,
        Err(failure) => panic!("{} does not format: {failure:?}", path.display()),
    }
}

fn comments(text: &str) -> Vec<String> {
    eligo::syntax::comments(text)
        .into_iter()
        .map(|span| text[span.start..span.end].to_string())
        .collect()
}

fn policy_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            policy_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "policy") {
            out.push(path);
        }
    }
}

/// Every `*.policy` file of the repository that parses.
fn repository_policies() -> Vec<(PathBuf, String)> {
    let mut paths = Vec::new();
    policy_files(Path::new("policies"), &mut paths);
    policy_files(Path::new("tests/fixtures"), &mut paths);
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            let (_, errors) = eligo::syntax::parse_file(&text);
            errors.is_empty().then_some((path, text))
        })
        .collect()
}

#[test]
fn each_fixture_is_laid_out_canonically() {
    insta::glob!("fixtures/fmt/*.policy", |path| {
        let text = std::fs::read_to_string(path).expect("fixture reads");
        insta::assert_snapshot!(formatted(&text, path));
    });
}

#[test]
fn every_policy_of_the_repository_keeps_its_meaning_and_its_comments() {
    let policies = repository_policies();
    assert!(
        policies.len() > 40,
        "only {} policies found",
        policies.len()
    );
    for (path, text) in policies {
        let out = formatted(&text, &path);
        let (before, _) = eligo::syntax::parse_file(&text);
        let (after, errors) = eligo::syntax::parse_file(&out);
        assert!(
            errors.is_empty(),
            "{} no longer parses:\n{out}",
            path.display()
        );
        assert_eq!(
            shape(&before),
            shape(&after),
            "{} changed meaning",
            path.display()
        );
        assert_eq!(
            comments(&text),
            comments(&out),
            "{} lost a comment",
            path.display()
        );
    }
}

#[test]
fn formatting_any_policy_of_the_repository_twice_changes_nothing() {
    for (path, text) in repository_policies() {
        let once = formatted(&text, &path);
        let twice = formatted(&once, &path);
        assert_eq!(once, twice, "{} is not stable", path.display());
    }
}

#[test]
fn the_bundled_policies_are_formatted() {
    for (path, text) in repository_policies() {
        if path.starts_with("policies") {
            assert_eq!(
                formatted(&text, &path),
                text,
                "{} is not formatted; run `eligo fmt`",
                path.display()
            );
        }
    }
}

#[test]
fn lines_stay_within_the_width_except_strings_comments_and_table_rows() {
    for (path, text) in repository_policies() {
        for line in formatted(&text, &path).lines() {
            let unbreakable =
                line.contains('"') || line.contains("//") || line.trim_start().starts_with('|');
            assert!(
                unbreakable || line.chars().count() <= DEFAULT_WIDTH,
                "{}: {line}",
                path.display()
            );
        }
    }
}

#[test]
fn output_has_no_trailing_spaces_and_ends_with_one_line_break() {
    for (path, text) in repository_policies() {
        let out = formatted(&text, &path);
        assert!(
            out.ends_with('\n') && !out.ends_with("\n\n"),
            "{}",
            path.display()
        );
        assert!(
            out.lines().all(|line| line == line.trim_end()),
            "{} has trailing spaces",
            path.display()
        );
    }
}

#[test]
fn a_file_that_does_not_parse_is_refused_with_its_syntax_errors() {
    let failure = format_source("module m\nrule M-001 \"t\"\n  require\n");
    assert!(
        matches!(&failure, Err(FormatFailure::Syntax(errors)) if errors.len() == 1),
        "{failure:?}"
    );
}

#[test]
fn redundant_brackets_go_and_needed_ones_stay() {
    let out = format_source("module m\nconst X: int = ((1 + 2)) * 3 - (4 - 5)\n").expect("formats");
    assert_eq!(out, "module m\n\nconst X: int = (1 + 2) * 3 - (4 - 5)\n");
}

#[test]
fn brackets_that_help_a_reader_are_added() {
    let out =
        format_source("module m\nconst X: bool = a or b and c or x ?? y == z\n").expect("formats");
    assert_eq!(
        out,
        "module m\n\nconst X: bool = a or (b and c) or (x ?? y) == z\n"
    );
    let out =
        format_source("module m\nconst X: int = a and b ?? c or d + 1 ?? 0\n").expect("formats");
    assert_eq!(
        out,
        "module m\n\nconst X: int = (a and (b ?? c)) or ((d + 1) ?? 0)\n"
    );
}
