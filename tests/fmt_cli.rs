//! `eligo fmt` as users and pipelines meet it: the real binary, the files
//! it writes or leaves alone, and its exit codes.

mod common;

use std::path::{Path, PathBuf};

use common::{eligo_in as eligo, stderr, stdout};

const MESSY: &str = "module demo\nconst  LIMIT : int=((1+2))\n";
const TIDY: &str = "module demo\n\nconst LIMIT: int = 1 + 2\n";
const BROKEN: &str = "module demo\nrule M-001 \"t\"\n  require\n";

/// A fresh folder with a `policies/` folder holding the given files.
fn workspace(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("fmt_cli")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("folder");
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent folder")).expect("folder");
        std::fs::write(path, text).expect("file writes");
    }
    dir
}

fn read(dir: &Path, path: &str) -> String {
    std::fs::read_to_string(dir.join(path)).expect("file reads")
}

#[test]
fn check_lists_files_that_would_change_exits_1_and_writes_nothing() {
    let dir = workspace(
        "check",
        &[
            ("policies/a.policy", MESSY),
            ("policies/sub/b.policy", TIDY),
        ],
    );
    let output = eligo(&dir, &["fmt", "--check"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(stdout(&output), "policies/a.policy\n");
    assert_eq!(read(&dir, "policies/a.policy"), MESSY);
}

#[test]
fn fmt_rewrites_the_files_and_then_check_passes() {
    let dir = workspace("write", &[("policies/a.policy", MESSY)]);
    let output = eligo(&dir, &["fmt"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(read(&dir, "policies/a.policy"), TIDY);
    let again = eligo(&dir, &["fmt", "--check"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(stdout(&again), "");
}

#[test]
fn paths_name_files_or_folders_to_search() {
    let dir = workspace(
        "paths",
        &[
            ("one.policy", MESSY),
            ("more/two.policy", MESSY),
            ("more/notes.txt", "x"),
        ],
    );
    let output = eligo(&dir, &["fmt", "one.policy", "more"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(read(&dir, "one.policy"), TIDY);
    assert_eq!(read(&dir, "more/two.policy"), TIDY);
    assert_eq!(read(&dir, "more/notes.txt"), "x");
}

#[test]
fn a_file_that_does_not_parse_is_reported_with_exit_code_2_and_left_untouched() {
    let dir = workspace(
        "broken",
        &[("policies/a.policy", MESSY), ("policies/b.policy", BROKEN)],
    );
    let output = eligo(&dir, &["fmt"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(read(&dir, "policies/b.policy"), BROKEN);
    assert_eq!(
        read(&dir, "policies/a.policy"),
        TIDY,
        "the other files are formatted"
    );
    let text = stderr(&output);
    assert!(text.contains("eligo::syntax::unexpected"), "{text}");
    assert!(text.contains("policies/b.policy:4:1"), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "no colour when stderr is not a terminal"
    );
}

#[test]
fn a_missing_path_is_a_usage_error() {
    let dir = workspace("missing", &[]);
    let output = eligo(&dir, &["fmt", "--check", "nowhere"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no such file or directory"));
}

#[test]
fn the_bundled_policies_are_formatted() {
    let output = eligo(Path::new(env!("CARGO_MANIFEST_DIR")), &["fmt", "--check"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
}
