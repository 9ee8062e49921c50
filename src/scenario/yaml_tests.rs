use super::*;
use std::time::{Duration, Instant};

fn parse(src: &str) -> Result<Vec<Document>, YamlError> {
    parse_documents(src, &Limits::default())
}

fn one(src: &str) -> Node {
    match parse(src) {
        Ok(mut docs) if docs.len() == 1 => docs.remove(0).root,
        other => panic!("expected one document from {src:?}, got {other:?}"),
    }
}

fn fail(src: &str) -> YamlError {
    match parse(src) {
        Err(e) => e,
        Ok(docs) => panic!("expected an error from {src:?}, got {docs:?}"),
    }
}

fn entries(node: &Node) -> &[(Node, Node)] {
    match &node.kind {
        NodeKind::Map(entries) => entries,
        other => panic!("expected a mapping, got {other:?}"),
    }
}

fn items(node: &Node) -> &[Node] {
    match &node.kind {
        NodeKind::Seq(items) => items,
        other => panic!("expected a sequence, got {other:?}"),
    }
}

fn scalar(node: &Node) -> (&str, &ScalarStyle) {
    match &node.kind {
        NodeKind::Scalar { text, style } => (text, style),
        other => panic!("expected a scalar, got {other:?}"),
    }
}

/// The map value under `key`.
fn get<'n>(node: &'n Node, key: &str) -> &'n Node {
    match entries(node).iter().find(|(k, _)| scalar(k).0 == key) {
        Some((_, v)) => v,
        None => panic!("no key {key}"),
    }
}

fn text(src: &str, span: Span) -> &str {
    &src[span.start..span.end]
}

/// Runs `f` on a thread with a small stack, so that deep recursion would overflow.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let handle = std::thread::Builder::new().stack_size(256 * 1024).spawn(f);
    handle
        .expect("spawn")
        .join()
        .expect("no stack overflow or panic")
}

#[test]
fn scalars_keep_their_exact_text_and_style() {
    let src = "a: 0.1\nb: '0.10'\nc: \"x\\ty\"\nd: |\n  lit\ne: >\n  fold\nf: !!str 5\ng: !!int 7\nh: 1e3\ni:\n";
    let root = one(src);
    let cases = [
        ("a", "0.1", ScalarStyle::Plain),
        ("b", "0.10", ScalarStyle::Quoted),
        ("c", "x\ty", ScalarStyle::Quoted),
        ("d", "lit\n", ScalarStyle::Quoted),
        ("e", "fold\n", ScalarStyle::Quoted),
        ("f", "5", ScalarStyle::Quoted),
        ("g", "7", ScalarStyle::Tagged(CoreTag::Int)),
        ("h", "1e3", ScalarStyle::Plain),
        ("i", "", ScalarStyle::Plain),
    ];
    for (key, want, style) in cases {
        assert_eq!(scalar(get(&root, key)), (want, &style), "key {key}");
    }
    assert_eq!(text(src, get(&root, "a").span), "0.1");
    assert_eq!(text(src, get(&root, "b").span), "'0.10'");
    assert_eq!(
        text(src, get(&root, "f").span),
        "5",
        "tag is not part of the span"
    );
    let keys: Vec<_> = entries(&root).iter().map(|(k, _)| scalar(k).0).collect();
    assert_eq!(keys, ["a", "b", "c", "d", "e", "f", "g", "h", "i"]);
}

#[test]
fn a_tag_eligo_does_not_honour_is_an_error_at_the_tag() {
    for (src, tag) in [
        ("a: 1\nh: !custom 1e3\n", "!custom"),
        (
            "h: !!python/object:os.system ls\n",
            "!!python/object:os.system",
        ),
        ("h: !foo {a: 1}\n", "!foo"),
        ("h: !!binary aGk=\n", "!!binary"),
        ("h: !!int 10.00 USD\n", "!!int"),
        ("h: !!map [1]\n", "!!map"),
    ] {
        let err = fail(src);
        assert_eq!(err.kind, YamlErrorKind::Tag, "{src}");
        assert_eq!(text(src, err.span), tag, "{src}");
    }
}

#[test]
fn core_schema_tags_on_collections_and_the_non_specific_tag_are_honoured() {
    let root = one("a: !!seq [1]\nb: !!map {k: v}\nc: ! 12\n");
    assert_eq!(items(get(&root, "a")).len(), 1);
    assert_eq!(entries(get(&root, "b")).len(), 1);
    assert_eq!(scalar(get(&root, "c")), ("12", &ScalarStyle::Quoted));
}

#[test]
fn a_tab_after_a_key_separates_like_a_space() {
    let src = "quantity:\t4\nname:\t\tx y\n";
    let root = one(src);
    assert_eq!(scalar(get(&root, "quantity")).0, "4");
    assert_eq!(text(src, get(&root, "name").span), "x y");
}

#[test]
fn lists_text_and_numbers_have_limits() {
    let tight = Limits {
        max_items: 3,
        max_chars: 6,
        max_digits: 4,
        ..Limits::default()
    };
    let kind = |src: &str| parse_documents(src, &tight).err().map(|e| e.kind);
    assert_eq!(kind("[1, 2, 3]\n"), None);
    assert_eq!(kind("[1, 2, 3, 4]\n"), Some(YamlErrorKind::TooManyItems));
    assert_eq!(kind("abcdef\n"), None);
    assert_eq!(kind("'abcdefg'\n"), Some(YamlErrorKind::TooManyChars));
    assert_eq!(kind("12.34\n"), None);
    assert_eq!(kind("123.45\n"), Some(YamlErrorKind::TooManyDigits));
}

#[test]
fn spans_are_byte_offsets_even_after_multibyte_text() {
    let src = "name: 日本語\nlist: [é, {k: ü}]\nbad: [1, 2\n";
    let err = fail(src);
    assert_eq!(err.kind, YamlErrorKind::Syntax);
    assert!(err.span.end - err.span.start <= 4, "{err:?}");
    assert!(src.is_char_boundary(err.span.start) && src.is_char_boundary(err.span.end));
    assert_eq!(line_col(src, err.span.start).0, 4, "{err:?}");

    let src = "name: 日本語\nlist: [é, {k: ü}]\nafter: &x !!str  \"ok\"\n";
    let root = one(src);
    assert_eq!(text(src, get(&root, "name").span), "日本語");
    let list = get(&root, "list");
    assert_eq!(text(src, list.span), "[");
    assert_eq!(text(src, items(list)[0].span), "é");
    assert_eq!(text(src, items(list)[1].span), "{");
    assert_eq!(text(src, get(&items(list)[1], "k").span), "ü");
    let after = get(&root, "after");
    assert_eq!(text(src, after.span), "\"ok\"");
    assert_eq!(line_col(src, after.span.start), (3, 18));
}

#[test]
fn spans_survive_directives_byte_order_marks_and_crlf() {
    // saphyr counts the bytes of a directive name as characters; spans must not drift.
    let src = "%FOOé 日本\n---\nname: \"ü\"\nnext: x\n";
    let root = one(src);
    assert_eq!(text(src, get(&root, "name").span), "\"ü\"");
    assert_eq!(text(src, get(&root, "next").span), "x");
    // saphyr does not count a leading byte order mark as a column.
    let src = "\u{feff}a: 日\r\nb: [x, é]\r\n";
    let root = one(src);
    assert_eq!(text(src, get(&root, "a").span), "日");
    assert_eq!(text(src, items(get(&root, "b"))[1].span), "é");
    assert_eq!(line_col(src, get(&root, "b").span.start), (2, 4));
}

#[test]
fn empty_plain_scalars_have_empty_spans() {
    let root = one("m: {a: , b: 1}\nc:\n");
    for node in [get(get(&root, "m"), "a"), get(&root, "c")] {
        assert_eq!(scalar(node), ("", &ScalarStyle::Plain));
        assert_eq!(node.span.start, node.span.end, "{node:?}");
    }
    assert_eq!(
        scalar(get(&one("a: !!str\n"), "a")),
        ("", &ScalarStyle::Quoted)
    );
}

#[test]
fn collection_spans_cover_their_first_token() {
    let src = "top:\n  - a: 1\n    b: [x]\n  - &s\n    - 2\n";
    let root = one(src);
    assert_eq!(root.span, Span { start: 0, end: 1 });
    let seq = get(&root, "top");
    assert_eq!(
        (text(src, seq.span), line_col(src, seq.span.start)),
        ("-", (2, 3))
    );
    let map = &items(seq)[0];
    assert_eq!(
        (text(src, map.span), line_col(src, map.span.start)),
        ("a", (2, 5))
    );
    let inner = &items(seq)[1];
    assert_eq!(
        (text(src, inner.span), line_col(src, inner.span.start)),
        ("-", (5, 5))
    );
}

#[test]
fn documents_empty_stream_and_empty_documents() {
    assert_eq!(parse("").map(|d| d.len()), Ok(0));
    assert_eq!(parse("# just a comment\n").map(|d| d.len()), Ok(0));
    let empty = one("---\n");
    assert_eq!(scalar(&empty), ("", &ScalarStyle::Plain));

    let src = "a: 1\n---\nb: 2\n--- \n...\n---\n- x\n";
    let docs = parse(src).expect("three documents");
    assert_eq!(docs.len(), 4);
    assert_eq!(scalar(get(&docs[0].root, "a")).0, "1");
    assert_eq!(scalar(get(&docs[1].root, "b")).0, "2");
    assert_eq!(scalar(&docs[2].root), ("", &ScalarStyle::Plain));
    assert_eq!(scalar(&items(&docs[3].root)[0]).0, "x");
    let lines: Vec<_> = docs.iter().map(|d| line_col(src, d.span.start).0).collect();
    assert_eq!(lines, [1, 2, 4, 6]);
    assert_eq!(text(src, docs[1].span), "---");
}

#[test]
fn aliases_clone_the_anchored_node_with_its_spans() {
    let src = "base: &b {x: 1, y: [2]}\ncopy: *b\nname: &n hello\nagain: *n\n";
    let root = one(src);
    assert_eq!(get(&root, "copy"), get(&root, "base"));
    assert_eq!(text(src, get(&root, "copy").span), "{");
    assert_eq!(get(&root, "again"), get(&root, "name"));
    assert_eq!(text(src, get(&root, "again").span), "hello");
    // Merge keys are an ordinary key.
    let root = one("a: &a {x: 1}\nb:\n  <<: *a\n");
    assert_eq!(scalar(&entries(get(&root, "b"))[0].0).0, "<<");
    // Anchors may be redefined; an alias sees the latest definition.
    let root = one("- &a 1\n- &a 2\n- *a\n");
    assert_eq!(scalar(&items(&root)[2]).0, "2");
}

#[test]
fn unknown_and_self_referencing_aliases_are_rejected() {
    let src = "a: 1\nb: *nope\n";
    let err = fail(src);
    assert_eq!(err.kind, YamlErrorKind::UnknownAlias);
    assert_eq!(text(src, err.span), "*nope");
    assert!(err.message.contains("`*nope`"), "{}", err.message);

    let src = "a: &r [1, *r]\n";
    let err = fail(src);
    assert_eq!(err.kind, YamlErrorKind::UnknownAlias);
    assert_eq!(text(src, err.span), "*r");

    // Anchors do not carry over into the next document.
    assert_eq!(
        fail("a: &x 1\n---\nb: *x\n").kind,
        YamlErrorKind::UnknownAlias
    );
}

fn billion_laughs(levels: usize) -> String {
    let mut src = String::from("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..=levels {
        let refs = vec![format!("*l{}", i - 1); 9].join(", ");
        src.push_str(&format!("l{i}: &l{i} [{refs}]\n"));
    }
    src
}

#[test]
fn billion_laughs_fails_fast_with_too_large() {
    let src = billion_laughs(9);
    let started = Instant::now();
    let err = fail(&src);
    assert_eq!(err.kind, YamlErrorKind::TooLarge);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(line_col(&src, err.span.start).0, 7, "{err:?}");
    assert_eq!(text(&src, err.span), "*l5");
}

#[test]
fn node_limit_counts_every_node_including_expansions() {
    // {a: [1, 2], b: *x}: map 1 + key 1 + seq 1 + 2 items + key 1 + alias 3 = 9 nodes.
    let src = "a: &x [1, 2]\nb: *x\n";
    let ok = Limits {
        max_nodes: 9,
        ..Limits::default()
    };
    assert!(parse_documents(src, &ok).is_ok());
    let tight = Limits { max_nodes: 8, ..ok };
    let err = parse_documents(src, &tight).err().map(|e| e.kind);
    assert_eq!(err, Some(YamlErrorKind::TooLarge));
    assert_eq!(
        Limits::default(),
        Limits {
            max_depth: 128,
            max_nodes: 1_000_000,
            max_items: 100_000,
            max_chars: 65_536,
            max_digits: 40,
        }
    );
}

#[test]
fn deep_flow_nesting_is_too_deep_without_stack_overflow() {
    for n in [129, 200, 10_000, 1 << 20] {
        let err = on_small_stack(move || parse(&"[".repeat(n)));
        assert_eq!(
            err.map_err(|e| e.kind),
            Err(YamlErrorKind::TooDeep),
            "{n} brackets"
        );
    }
    let fine = on_small_stack(|| parse(&format!("{}{}", "[".repeat(128), "]".repeat(128))));
    assert!(fine.is_ok());
}

#[test]
fn deep_block_nesting_is_too_deep_without_stack_overflow() {
    let seqs = on_small_stack(|| parse(&format!("{}x\n", "- ".repeat(10_000))));
    assert_eq!(seqs.map_err(|e| e.kind), Err(YamlErrorKind::TooDeep));
    let maps: String = (0..10_000)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    let maps = on_small_stack(move || parse(&maps));
    assert_eq!(maps.map_err(|e| e.kind), Err(YamlErrorKind::TooDeep));
}

#[test]
fn aliases_count_towards_depth() {
    let limits = Limits {
        max_depth: 4,
        ..Limits::default()
    };
    let ok = "a: &a [[x]]\nb: [*a]\n"; // map, seq, seq, seq = 4 levels
    assert!(parse_documents(ok, &limits).is_ok());
    let deep = "a: &a [[x]]\nb: [[*a]]\n";
    let err = parse_documents(deep, &limits).err();
    assert_eq!(
        err.map(|e| (e.kind, text(deep, e.span))),
        Some((YamlErrorKind::TooDeep, "*a"))
    );
}

#[test]
fn duplicate_keys_point_at_the_second_occurrence() {
    let src = "name: a\nother: b\nname: c\n";
    let err = fail(src);
    assert_eq!(err.kind, YamlErrorKind::DuplicateKey);
    assert_eq!(line_col(src, err.span.start), (3, 1));
    assert_eq!(text(src, err.span), "name");
    assert_eq!(err.message, "duplicate key `name` (first given on line 1)");

    let err = fail("\"don't\\t\": 1\n\"don't\\t\": 2\n");
    assert_eq!(
        err.message,
        "duplicate key `don't\\t` (first given on line 1)"
    );

    // Quoting does not make a key different; the hashed path for large maps agrees.
    assert_eq!(fail("{a: 1, \"a\": 2}").kind, YamlErrorKind::DuplicateKey);
    let mut big: String = (0..40).map(|i| format!("k{i}: {i}\n")).collect();
    assert!(parse(&big).is_ok());
    big.push_str("k3: again\n");
    let err = fail(&big);
    assert_eq!(
        (err.kind, line_col(&big, err.span.start)),
        (YamlErrorKind::DuplicateKey, (41, 1))
    );
    // The same key in different mappings is fine.
    assert!(parse("a: {x: 1}\nb: {x: 2}\n").is_ok());
}

#[test]
fn non_scalar_keys_are_rejected() {
    for src in [
        "? [a]\n: b\n",
        "{[a]: b}",
        "? {a: 1}\n: b\n",
        "s: &s [1]\nm: {*s : 2}\n",
    ] {
        let err = fail(src);
        assert_eq!(err.kind, YamlErrorKind::NonScalarKey, "{src:?}: {err:?}");
        assert!(
            err.message.starts_with("mapping keys must be scalars"),
            "{}",
            err.message
        );
    }
    // A scalar alias as a key is fine.
    assert!(parse("k: &k name\nm: {*k : 2}\n").is_ok());
}

#[test]
fn syntax_errors_are_readable_and_positioned() {
    let cases = [
        ("a: \"unterminated\n", 1),
        ("a:\n\tb: 1\n", 2),
        ("a: [1, 2\nb: 3\n", 2),
        ("]\n", 1),
        ("a: b: c\n", 1),
        ("key: value\n- item\n", 2),
        ("a: 1\n  b: 2\n", 2),
        ("x: \"\\q\"\n", 1),
    ];
    for (src, line) in cases {
        let err = fail(src);
        assert_eq!(err.kind, YamlErrorKind::Syntax, "{src:?}");
        let m = &err.message;
        assert!(!m.is_empty() && !m.ends_with('.'), "{m:?}");
        assert!(!m.starts_with(char::is_uppercase), "{m:?}");
        assert!(
            !m.contains("Marker") && !m.contains("ScanError") && !m.contains('{'),
            "{m:?}"
        );
        assert!(err.span.end - err.span.start <= 4, "{src:?}: {err:?}");
        assert_eq!(line_col(src, err.span.start).0, line, "{src:?}: {err:?}");
    }
}

#[test]
fn nasty_inputs_never_panic() {
    let mut inputs: Vec<String> = [
        "\"",
        "'",
        "a: 'x",
        ": :",
        ":",
        "]",
        "}",
        "[",
        "{",
        "- - -",
        "? ",
        "&",
        "*",
        "!",
        "!!",
        "&a",
        "*a",
        "&a *a",
        "--- &a\n--- *a",
        "a: \u{0}\u{1}\u{7f}",
        "\u{feff}a: 1\n\u{feff}",
        "\t- a",
        "a:\n\t- b",
        "%YAML 1.2\n%YAML 1.2\n---",
        "%TAG ! !\n",
        "!<tag> x",
        "a: |0\n x",
        "a: >-9\n",
        "a: |\n\tx",
        "...\n...",
        "--- ]",
        "{a: [}]",
        "[a, b]: c",
        "? - a\n: - b",
        "\r\r\n\r",
        "#\u{85}\u{2028}",
        "'\u{0}'",
        "\"\\uD800\"",
        "\"\\U0011FFFF\"",
        "- &x\n  - *x",
        "&a [&b [*a]]",
        "{? [x]}",
        "[? a : b]",
        "[a: ]",
        "{: }",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    inputs.push("[".repeat(1 << 20));
    inputs.push("{a: ".repeat(100_000));
    inputs.push("- ".repeat(100_000));
    inputs.push("&a ".repeat(1000) + "x");
    inputs.push(format!("a: \"{}", "\\".repeat(1001)));
    on_small_stack(move || {
        for input in &inputs {
            let _ = parse(input);
            let _ = parse_documents(
                input,
                &Limits {
                    max_depth: 0,
                    max_nodes: 0,
                    max_items: 0,
                    max_chars: 0,
                    max_digits: 0,
                },
            );
            for offset in [0, 1, input.len(), input.len() + 5] {
                let _ = line_col(input, offset);
            }
        }
    });
}

#[test]
fn line_col_counts_characters_and_line_breaks() {
    let src = "ab\n日本語x\r\ny\rz";
    assert_eq!(line_col(src, 0), (1, 1));
    assert_eq!(line_col(src, 2), (1, 3));
    assert_eq!(line_col(src, 3), (2, 1));
    assert_eq!(line_col(src, src.find('x').unwrap_or(0)), (2, 4));
    assert_eq!(
        line_col(src, 4),
        (2, 1),
        "inside a character counts as that character"
    );
    assert_eq!(line_col(src, src.find('y').unwrap_or(0)), (3, 1));
    assert_eq!(line_col(src, src.find('z').unwrap_or(0)), (4, 1));
    assert_eq!(line_col(src, 1000), (4, 2));
    assert_eq!(line_col("", 0), (1, 1));
}
