//! The same inputs give the same bytes out, whatever the number of threads:
//! the bundled suite in every `eligo test` format with 1, 2 and 8 threads,
//! and every `eligo eval` format twice.

mod common;

use common::eligo;

const TEST_FORMATS: [&str; 6] = ["human", "json", "junit", "tap", "github", "sarif"];

#[test]
fn the_bundled_suite_reports_the_same_bytes_with_1_2_and_8_threads() {
    for format in TEST_FORMATS {
        let runs: Vec<_> = ["1", "2", "8"]
            .iter()
            .map(|threads| {
                let args = [
                    "test",
                    "--threads",
                    threads,
                    "--format",
                    format,
                    "tests/scenarios",
                ];
                let output = eligo(&args);
                assert_eq!(
                    output.status.code(),
                    Some(0),
                    "{format} with {threads} threads"
                );
                (output.stdout, output.stderr)
            })
            .collect();
        assert!(!runs[0].0.is_empty(), "{format} prints a report");
        assert!(
            runs.iter().all(|run| run == &runs[0]),
            "{format} differs between thread counts"
        );
    }
}

#[test]
fn eval_prints_the_same_bytes_in_every_format_on_every_run() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let files: Vec<String> = common::yaml_files(&root.join("tests/scenarios"))
        .iter()
        .map(|path| {
            path.strip_prefix(root)
                .unwrap_or(path)
                .display()
                .to_string()
        })
        .collect();
    assert!(files.len() > 5, "{files:?}");
    for format in ["human", "json", "yaml"] {
        let mut args = vec!["eval", "--format", format];
        args.extend(files.iter().map(String::as_str));
        let first = eligo(&args);
        let second = eligo(&args);
        assert!(!first.stdout.is_empty(), "{format} prints decisions");
        assert_eq!(first.stdout, second.stdout, "{format} differs between runs");
    }
}
