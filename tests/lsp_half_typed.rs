//! Whatever half-typed text an editor holds, every request gets an answer:
//! no panic (the server would answer with an internal error, or die) and no
//! hang (the client gives each answer a deadline).

mod lsp_client;

use lsp_client::{at, fixture_root, Client};
use serde_json::{json, Value};

/// Every request the server offers, at one position of one document.
fn every_request(
    client: &mut Client,
    uri: &str,
    line: u32,
    character: u32,
) -> Vec<(String, Value)> {
    let here = at(uri, line, character);
    let document = json!({"textDocument": {"uri": uri}});
    let mut references = here.clone();
    references["context"] = json!({"includeDeclaration": true});
    let mut rename = here.clone();
    rename["newName"] = json!("renamed");
    let range = json!({"start": {"line": line, "character": 0}, "end": {"line": line, "character": character}});
    let asks = [
        ("textDocument/hover", here.clone()),
        ("textDocument/definition", here.clone()),
        ("textDocument/references", references),
        ("textDocument/prepareRename", here.clone()),
        ("textDocument/rename", rename),
        ("textDocument/completion", here),
        (
            "textDocument/formatting",
            json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
        ),
        ("textDocument/documentSymbol", document.clone()),
        ("textDocument/semanticTokens/full", document),
        (
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}}),
        ),
    ];
    asks.into_iter()
        .map(|(method, params)| (method.to_string(), client.request(method, params)))
        .collect()
}

/// Cuts `text` at `count` places spread over it, on character boundaries.
fn cuts(text: &str, count: usize) -> Vec<usize> {
    (1..=count)
        .map(|i| {
            let mut at = text.len() * i / (count + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            at
        })
        .collect()
}

fn position_of_end(text: &str) -> (u32, u32) {
    let line = text.matches('\n').count() as u32;
    let column = text
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.encode_utf16().count()) as u32;
    (line, column)
}

fn assert_answers(asked: Vec<(String, Value)>, what: &str) {
    for (method, answer) in asked {
        let code = answer["error"]["code"].as_i64();
        // -32803 (RequestFailed) is a refusal in words, such as "cannot
        // format until it parses"; anything else is a failure.
        assert!(
            code.is_none() || code == Some(-32803),
            "`{method}` on {what} answered {answer}"
        );
    }
}

#[test]
fn every_request_answers_on_every_prefix_of_a_policy() {
    let root = fixture_root();
    let mut client = Client::start(&root);
    let bundled =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/csp/mpo/create.policy");
    let sources = [
        root.join("policies/shop/order.policy"),
        root.join("policies/shop/vocab.policy"),
        bundled,
    ];
    for source in &sources {
        let text = std::fs::read_to_string(source).expect("policy reads");
        let relative = "policies/shop/order.policy";
        let uri = client.uri_of(relative);
        client.open(relative, &text);
        for (version, cut) in cuts(&text, 12).into_iter().enumerate() {
            let prefix = &text[..cut];
            client.notify(
                "textDocument/didChange",
                json!({
                    "textDocument": {"uri": uri, "version": version + 2},
                    "contentChanges": [{"text": prefix}],
                }),
            );
            let (line, character) = position_of_end(prefix);
            for (l, c) in [(line, character), (line / 2, 3), (0, 0), (line + 5, 99)] {
                let asked = every_request(&mut client, &uri, l, c);
                assert_answers(
                    asked,
                    &format!("{} cut at byte {cut}, at {l}:{c}", source.display()),
                );
            }
        }
    }
    client.shutdown();
}

#[test]
fn every_request_answers_on_half_typed_scenarios_and_hostile_text() {
    let mut client = Client::start(&fixture_root());
    let scenario =
        std::fs::read_to_string(fixture_root().join("scenarios/order.yaml")).expect("reads");
    let relative = "scenarios/order.yaml";
    let uri = client.uri_of(relative);
    client.open(relative, &scenario);
    let hostile = [
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[".repeat(50),
        "input:\n  a: &x [*x, *x]\n".to_string(),
        "decision: shop.place\ninput:\n  customer:\n    country: 123456789012345678901234567890123456789\n".into(),
        "\u{feff}\u{1F600}:\n  - - - -\n\t\tbad".into(),
    ];
    let prefixes: Vec<String> = cuts(&scenario, 10)
        .into_iter()
        .map(|c| scenario[..c].to_string())
        .collect();
    for (version, text) in prefixes.iter().chain(hostile.iter()).enumerate() {
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version + 2}, "contentChanges": [{"text": text}]}),
        );
        let (line, character) = position_of_end(text);
        for (l, c) in [(line, character), (1, 2), (line + 3, 0)] {
            assert_answers(
                every_request(&mut client, &uri, l, c),
                &format!("scenario text {text:?}"),
            );
        }
    }
    // A policy made of nothing but an unclosed nesting, and a stray edit far
    // outside the document.
    let policy = "policies/shop/order.policy";
    let policy_uri = client.uri_of(policy);
    client.open(
        policy,
        &format!("module m\nrule R-1 \"x\"\n  require {}", "(".repeat(5000)),
    );
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": policy_uri, "version": 9},
            "contentChanges": [{"range": {"start": {"line": 900, "character": 4}, "end": {"line": 2, "character": 0}}, "text": "ü"}],
        }),
    );
    assert_answers(
        every_request(&mut client, &policy_uri, 2, 12),
        "deeply nested policy",
    );
    client.shutdown();
}
