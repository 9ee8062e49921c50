//! Hostile input, as someone who can commit any file would write it: the real
//! binary on inputs generated here (large ones are never committed). Each
//! run must end in bounded time and memory, and input that cannot be
//! decided must end with exit code 2 and a diagnostic that says where.
#![cfg(target_os = "linux")]

use std::io::Read;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Generous bounds: far above what any of these inputs needs, far below
/// what a hang or an unbounded read reaches.
const TIME_LIMIT: Duration = Duration::from_secs(10);
const MEMORY_LIMIT_KB: i64 = 256 * 1024;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// How a bounded run of the binary ended.
struct Finished {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
    /// Peak resident set size of the child, in KiB (`getrusage` via `wait4`).
    max_rss_kb: i64,
}

/// Runs `eligo args` in `dir`, killing it past twice the time limit, and
/// asserts it stayed within the time and memory limits.
// The child is reaped by `wait4`, which also gives its resource usage.
#[allow(clippy::zombie_processes)]
fn run_in(dir: &Path, args: &[&str]) -> Finished {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_eligo"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the eligo binary starts");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            let _ = pipe.read_to_end(&mut text);
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("stdout")));
    let err = drain(Box::new(child.stderr.take().expect("stderr")));
    let pid = child.id() as libc::pid_t;
    let (status, usage) = loop {
        let mut status = 0;
        // SAFETY: `rusage` is plain data that `wait4` fills in.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: waits for our own child, with valid pointers.
        let done = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if done == pid {
            break (status, usage);
        }
        assert!(done == 0, "wait4 failed");
        if start.elapsed() > 2 * TIME_LIMIT {
            let _ = child.kill();
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let finished = Finished {
        code: libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status)),
        stdout: out.join().expect("stdout read"),
        stderr: err.join().expect("stderr read"),
        elapsed: start.elapsed(),
        max_rss_kb: usage.ru_maxrss,
    };
    assert!(
        finished.elapsed < TIME_LIMIT,
        "eligo {args:?} took {:?}",
        finished.elapsed
    );
    assert!(
        finished.max_rss_kb < MEMORY_LIMIT_KB,
        "eligo {args:?} peaked at {} KiB",
        finished.max_rss_kb
    );
    finished
}

fn run(args: &[&str]) -> Finished {
    run_in(Path::new(ROOT), args)
}

/// A fresh folder for one test's generated files.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("hostile-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("scratch file");
    path.display().to_string()
}

/// A scenario the bundled policies decide, with `line` spliced in as the
/// value of `input.line.schedule`'s sibling fields.
fn vmsr(fields: &str) -> String {
    format!(
        "decision: mpo.vmsr_line\ninput:\n  line:\n    schedule: monthly\n{fields}    plan_pricing_model: per_vcpu\n    vcpu_size: 8\n    market_price_overrides: []\n"
    )
}

const GOOD_FIELDS: &str = "    unit_price: 41.25 USD\n    quantity: 4\n    term_months: 36\n";

/// The JSON diagnostics of a run (`--error-format json` on stderr).
fn diagnostics(finished: &Finished) -> Vec<serde_json::Value> {
    finished
        .stderr
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect()
}

/// Asserts exit 2 and a diagnostic `code` in `file` at `line`:`column`
/// (0:0 for a diagnostic about the whole file).
fn assert_refused(finished: &Finished, code: &str, file: &str, line: u64, column: u64) {
    assert_eq!(finished.code, Some(2), "{}", finished.stderr);
    let found = diagnostics(finished);
    let wanted = found.iter().find(|d| d["code"] == code);
    let Some(diagnostic) = wanted else {
        panic!("no `{code}` among {found:#?}\n{}", finished.stderr);
    };
    assert_eq!(diagnostic["file"], file, "{diagnostic}");
    assert_eq!(
        (diagnostic["line"].as_u64(), diagnostic["column"].as_u64()),
        (Some(line), Some(column)),
        "{diagnostic}"
    );
    assert!(diagnostic["help"].is_string(), "a hint: {diagnostic}");
}

fn eval(path: &str, extra: &[&str]) -> Finished {
    let mut args = vec!["--error-format", "json", "eval", "--format", "json"];
    args.extend_from_slice(extra);
    args.push(path);
    run(&args)
}

#[test]
fn devices_are_refused_before_a_byte_is_read() {
    for device in ["/dev/zero", "/dev/urandom"] {
        let finished = eval(device, &[]);
        assert_refused(&finished, "eligo::io::not_a_file", device, 0, 0);
        assert!(
            finished.stderr.contains("a character device"),
            "{}",
            finished.stderr
        );
    }
}

#[test]
fn a_fifo_is_refused_without_waiting_for_a_writer() {
    let dir = scratch("fifo");
    let fifo = dir.join("input.yaml");
    let name = std::ffi::CString::new(fifo.display().to_string()).expect("path");
    // SAFETY: a valid, NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0, "mkfifo");
    let shown = fifo.display().to_string();
    let finished = eval(&shown, &[]);
    assert_refused(&finished, "eligo::io::not_a_file", &shown, 0, 0);
    assert!(finished.stderr.contains("a FIFO"), "{}", finished.stderr);
    // `test` finds it by walking the folder, and refuses it the same way.
    let finished = run(&[
        "--error-format",
        "json",
        "test",
        dir.to_str().expect("utf-8"),
    ]);
    assert_refused(&finished, "eligo::io::not_a_file", &shown, 0, 0);
}

#[test]
fn files_past_their_byte_limit_are_refused_before_they_are_read() {
    let dir = scratch("large");
    // Sparse files: large to the file system, free to make.
    let big = dir.join("big.yaml");
    let file = std::fs::File::create(&big).expect("file");
    // Past the 4 GiB default: scenario files are streamed, so the limit
    // bounds time, not memory, and 100 MB files are ordinary.
    file.set_len(5 << 30).expect("sparse length");
    let shown = big.display().to_string();
    let finished = eval(&shown, &[]);
    assert_refused(&finished, "eligo::limit::scenario_file_bytes", &shown, 0, 0);
    assert!(
        finished.stderr.contains("--max-scenario-bytes"),
        "{}",
        finished.stderr
    );

    let policies = dir.join("policies");
    std::fs::create_dir_all(&policies).expect("folder");
    std::fs::File::create(policies.join("huge.policy"))
        .and_then(|f| f.set_len(100 << 20))
        .expect("sparse policy");
    let shown = policies.join("huge.policy").display().to_string();
    let args = [
        "--error-format",
        "json",
        "check",
        "--policies",
        policies.to_str().expect("utf-8"),
    ];
    assert_refused(&run(&args), "eligo::limit::policy_file_bytes", &shown, 0, 0);

    // The flag moves the limit, both ways.
    let small = write(&dir, "small.yaml", &vmsr(GOOD_FIELDS));
    assert_refused(
        &eval(&small, &["--max-scenario-bytes", "100"]),
        "eligo::limit::scenario_file_bytes",
        &small,
        0,
        0,
    );
    assert_eq!(
        eval(&small, &["--max-scenario-bytes", "100000"]).code,
        Some(0)
    );
}

#[test]
fn symbolic_link_loops_and_folders_named_like_files_end_every_walk() {
    let dir = scratch("loops");
    let policies = dir.join("policies");
    std::fs::create_dir_all(policies.join("nested/odd.policy")).expect("folders");
    std::fs::write(
        policies.join("nested/odd.policy/m.policy"),
        "module m\n\nconst X: int = 1\n",
    )
    .expect("policy");
    symlink(".", policies.join("nested/self")).expect("link to itself");
    symlink("..", policies.join("nested/odd.policy/parent")).expect("link to a parent");
    symlink(&policies, policies.join("nested/root")).expect("link to the root");
    let folder = policies.to_str().expect("utf-8");

    let finished = run(&["check", "--policies", folder]);
    assert!(
        finished.stdout.contains(": 1 files,"),
        "{}",
        finished.stdout
    );
    let finished = run(&["fmt", "--check", folder]);
    assert_eq!(finished.code, Some(0), "{}", finished.stderr);

    let scenarios = dir.join("scenarios");
    std::fs::create_dir_all(scenarios.join("a")).expect("folder");
    write(&scenarios, "a/one.yaml", &vmsr(GOOD_FIELDS));
    symlink("..", scenarios.join("a/up")).expect("link to a parent");
    symlink(".", scenarios.join("a/here")).expect("link to itself");
    let finished = run(&[
        "test",
        "--format",
        "json",
        scenarios.to_str().expect("utf-8"),
    ]);
    assert_eq!(
        finished.stdout.matches("\"scenario\":").count(),
        1,
        "{}",
        finished.stdout
    );
}

#[test]
fn yaml_tags_that_are_not_honoured_are_errors_at_the_tag() {
    let dir = scratch("tags");
    let cases = [
        ("python.yaml", "name: !!python/object:os.system ls\n", 1, 7),
        ("custom.yaml", "name: !foo x\n", 1, 7),
        ("int-money.yaml", "name: x\n", 0, 0),
    ];
    for (name, head, line, column) in cases {
        let text = if name == "int-money.yaml" {
            format!(
                "{head}{}",
                vmsr("    unit_price: !!int \"10.00 USD\"\n    quantity: 4\n    term_months: 36\n")
            )
        } else {
            format!("{head}{}", vmsr(GOOD_FIELDS))
        };
        let path = write(&dir, name, &text);
        let (line, column) = if line == 0 { (6, 17) } else { (line, column) };
        assert_refused(&eval(&path, &[]), "eligo::input::tag", &path, line, column);
    }
}

#[test]
fn alias_bombs_stop_at_the_node_limit_with_little_memory() {
    let dir = scratch("bomb");
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..12 {
        let previous = format!("*a{}", level - 1);
        let items = [previous.as_str(); 10].join(", ");
        bomb.push_str(&format!("a{level}: &a{level} [{items}]\n"));
    }
    let path = write(&dir, "bomb.yaml", &bomb);
    let finished = eval(&path, &[]);
    assert_eq!(finished.code, Some(2));
    let codes: Vec<_> = diagnostics(&finished)
        .into_iter()
        .map(|d| d["code"].clone())
        .collect();
    assert!(
        codes.iter().any(|c| c == "eligo::limit::yaml_nodes"),
        "{codes:?}"
    );
}

#[test]
fn every_limit_on_scenario_yaml_names_itself_and_where_it_was_passed() {
    let dir = scratch("yaml-limits");
    let deep = format!("decision: mpo.vmsr_line\ninput: {}\n", "[".repeat(10_000));
    let long_list = format!(
        "decision: mpo.vmsr_line\ninput:\n  line:\n    market_price_overrides: [{}]\n",
        vec!["1"; 100_001].join(",")
    );
    let long_text = format!("name: {}\n{}", "x".repeat(70_000), vmsr(GOOD_FIELDS));
    let digits = vmsr(&format!(
        "    unit_price: {}.25 USD\n    quantity: 4\n    term_months: 36\n",
        "9".repeat(45)
    ));
    let cases = [
        // saphyr-parser stops at 255 levels of flow brackets on its own.
        ("deep.yaml", deep, "eligo::limit::yaml_depth", 2, 8 + 255),
        (
            "list.yaml",
            long_list,
            "eligo::limit::list_items",
            4,
            30 + 2 * 100_000,
        ),
        ("text.yaml", long_text, "eligo::limit::text_chars", 1, 7),
        ("digits.yaml", digits, "eligo::limit::number_digits", 5, 17),
    ];
    for (name, text, code, line, column) in cases {
        let path = write(&dir, name, &text);
        assert_refused(&eval(&path, &[]), code, &path, line, column);
    }
}

#[test]
fn documents_past_the_limit_are_refused_and_the_ones_before_are_decided() {
    let dir = scratch("documents");
    let document = vmsr(GOOD_FIELDS);
    let stream = [document.as_str(); 5].join("---\n");
    let path = write(&dir, "many.yaml", &stream);
    let finished = eval(&path, &["--max-documents", "3"]);
    assert_refused(&finished, "eligo::limit::documents", &path, 33, 1);
    let decided = finished
        .stdout
        .lines()
        .filter(|l| l.contains("\"outcome\":"))
        .count();
    assert_eq!(decided, 3, "{}", finished.stdout);
}

#[test]
fn deeply_nested_policies_stop_at_the_nesting_limit() {
    let dir = scratch("deep-policy");
    let text = format!(
        "module deep\n\nconst X: int = {}1{}\n",
        "(".repeat(5000),
        ")".repeat(5000)
    );
    let path = write(&dir, "deep.policy", &text);
    let args = [
        "--error-format",
        "json",
        "check",
        "--policies",
        dir.to_str().expect("utf-8"),
    ];
    assert_refused(&run(&args), "eligo::limit::policy_nesting", &path, 3, 80);
    let raised = [
        "--max-policy-nesting",
        "100",
        "check",
        "--policies",
        dir.to_str().expect("utf-8"),
    ];
    assert_eq!(run(&raised).code, Some(2), "still past a raised limit");
}

#[test]
fn a_file_of_a_hundred_thousand_rules_stops_at_the_item_limit() {
    let dir = scratch("many-rules");
    let mut text = String::from("module many\n\ntype Input = {x: int}\n\n");
    for i in 0..100_000 {
        text.push_str(&format!(
            "rule R-{i} \"rule {i}\"\n  require input.x > {i}\n\n"
        ));
    }
    let path = write(&dir, "many.policy", &text);
    let args = [
        "--error-format",
        "json",
        "check",
        "--policies",
        dir.to_str().expect("utf-8"),
    ];
    // Item 5001 is the rule R-4998, on line 5 + 3 × 4998.
    assert_refused(
        &run(&args),
        "eligo::limit::policy_items",
        &path,
        5 + 3 * 4998,
        1,
    );
}

#[test]
fn valid_yaml_and_policy_edge_cases_are_accepted() {
    let dir = scratch("valid");
    let directive = format!("%YAML 1.2\n---\n{}", vmsr(GOOD_FIELDS));
    let tab = vmsr("    unit_price:\t41.25 USD\n    quantity:\t4\n    term_months: 36\n");
    let core_tags =
        vmsr("    unit_price: !!str 41.25 USD\n    quantity: !!int 4\n    term_months: 36\n");
    for (name, text) in [
        ("directive.yaml", directive),
        ("tab.yaml", tab),
        ("tags.yaml", core_tags),
    ] {
        let path = write(&dir, name, &text);
        let finished = eval(&path, &[]);
        assert_eq!(finished.code, Some(0), "{name}: {}", finished.stderr);
        assert!(
            finished.stdout.contains("\"subtotal\":\"5940.00 USD\""),
            "{name}: {}",
            finished.stdout
        );
    }
    let policies = dir.join("policies");
    std::fs::create_dir_all(&policies).expect("folder");
    write(
        &policies,
        "m.policy",
        "module m\n\n@allow(unused-const, \"an edge of the int range\")\nconst LOWEST: int = -9223372036854775808\n",
    );
    let finished = run(&[
        "check",
        "--deny-warnings",
        "--policies",
        policies.to_str().expect("utf-8"),
    ]);
    assert_eq!(finished.code, Some(0), "{}", finished.stderr);
}
