//! `eligo lsp` as an editor meets it: the real binary, driven over stdio by
//! a client that opens, edits and asks, with every answer snapshotted.

mod lsp_client;

use std::process::Command;

use insta::assert_json_snapshot;
use lsp_client::{at, fixture_root, Client};
use serde_json::{json, Value};

const ORDER: &str = "policies/shop/order.policy";
const VOCAB: &str = "policies/shop/vocab.policy";
const SCENARIO: &str = "scenarios/order.yaml";

fn read(relative: &str) -> String {
    std::fs::read_to_string(fixture_root().join(relative)).expect("fixture reads")
}

/// (line, character) of the first `needle` in `text`, plus `shift` characters.
fn find(text: &str, needle: &str, shift: u32) -> (u32, u32) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` is in the text"));
    let line = text[..at].matches('\n').count() as u32;
    let column = text[..at]
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().count()) as u32;
    (line, column + shift)
}

fn labels(items: &Value) -> Vec<String> {
    let list = items.as_array().cloned().unwrap_or_default();
    list.iter()
        .map(|i| i["label"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn diagnostics_are_the_ones_eligo_check_prints() {
    let mut client = Client::start(&fixture_root());
    let published = client.diagnostics(ORDER);
    assert_json_snapshot!("diagnostics_at_start", published);

    let output = Command::new(env!("CARGO_BIN_EXE_eligo"))
        .args(["--error-format", "json", "check", "--policies"])
        .arg(fixture_root().join("policies"))
        .output()
        .expect("eligo check runs");
    let printed: Vec<Value> = String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert!(!printed.is_empty(), "the fixture has a lint finding");
    let from_server: Vec<(String, u64, u64)> = published
        .as_array()
        .map(|list| {
            list.iter()
                .map(|d| {
                    let code = d["code"].as_str().unwrap_or("").to_string();
                    let start = &d["range"]["start"];
                    (
                        code,
                        start["line"].as_u64().unwrap_or(0) + 1,
                        start["character"].as_u64().unwrap_or(0) + 1,
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let from_check: Vec<(String, u64, u64)> = printed
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(from_server, from_check);
    client.shutdown();
}

#[test]
fn an_edit_is_rechecked_in_the_file_and_in_every_file_that_imports_it() {
    let mut client = Client::start(&fixture_root());
    let vocab = read(VOCAB);
    client.open(VOCAB, &vocab);
    // `MARKETS` becomes `MARKET`: order.policy, which imports it, breaks.
    let (line, column) = find(&vocab, "MARKETS:", 0);
    client.change(VOCAB, 2, ((line, column + 6), (line, column + 7)), "");
    let broken = client.diagnostics(ORDER);
    assert_json_snapshot!("importer_breaks", broken);

    // The quick fix the help proposes puts the name back.
    let first = broken[0].clone();
    let actions = client.ok(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": client.uri_of(ORDER)},
            "range": first["range"],
            "context": {"diagnostics": [first]},
        }),
    );
    assert_json_snapshot!("quick_fix", actions);

    client.change(VOCAB, 3, ((line, column + 6), (line, column + 6)), "S");
    let mended = client.diagnostics(ORDER);
    let codes: Vec<&str> = mended
        .as_array()
        .map(|l| l.iter().filter_map(|d| d["code"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(codes, ["eligo::lint::missing-citation"]);
    client.shutdown();
}

#[test]
fn hover_explains_rules_fields_symbols_constants_and_builtins() {
    let mut client = Client::start(&fixture_root());
    let order = read(ORDER);
    let uri = client.uri_of(ORDER);
    let mut hovers = serde_json::Map::new();
    for (name, needle, shift) in [
        ("rule in a rules list", "ORD-001, ORD-002", 2),
        ("field path", "customer.country in", 11),
        ("constant", "MARKETS\n", 1),
        ("built-in", "round(", 1),
        ("decision value", "subtotal, discount", 1),
        ("user function", "discounted(", 1),
        ("type", "input OrderInput", 8),
    ] {
        let (line, character) = find(&order, needle, shift);
        hovers.insert(
            name.into(),
            client.ok("textDocument/hover", at(&uri, line, character)),
        );
    }
    let vocab = read(VOCAB);
    let (line, character) = find(&vocab, "| gold", 3);
    hovers.insert(
        "enum member".into(),
        client.ok(
            "textDocument/hover",
            at(&client.uri_of(VOCAB), line, character),
        ),
    );
    assert_json_snapshot!("hovers", hovers);
    client.shutdown();
}

#[test]
fn definitions_and_references_cross_files() {
    let mut client = Client::start(&fixture_root());
    let order = read(ORDER);
    let uri = client.uri_of(ORDER);
    let (line, character) = find(&order, "MARKETS\n", 2);
    let definition = client.ok("textDocument/definition", at(&uri, line, character));
    let (line, character) = find(&order, "country: Country", 10);
    let mut params = at(&uri, line, character);
    params["context"] = json!({"includeDeclaration": true});
    let references = client.ok("textDocument/references", params);
    let (line, character) = find(&order, "ORD-002 \"", 1);
    let mut params = at(&uri, line, character);
    params["context"] = json!({"includeDeclaration": false});
    let rule_uses = client.ok("textDocument/references", params);
    let (line, character) = find(&order, "subtotal, discount", 1);
    let value = client.ok("textDocument/definition", at(&uri, line, character));
    let (line, character) = find(&order, "discount(input", 1);
    let table = client.ok("textDocument/definition", at(&uri, line, character));
    let (line, character) = find(&order, "import shop.vocab", 9);
    let module = client.ok("textDocument/definition", at(&uri, line, character));
    let (line, character) = find(&order, "discounted(", 2);
    let function = client.ok("textDocument/definition", at(&uri, line, character));
    assert_json_snapshot!(
        "navigation",
        json!({
            "definition of MARKETS": definition,
            "references of Country": references,
            "uses of ORD-002": rule_uses,
            "definition of a value": value,
            "definition of a table": table,
            "definition of a module": module,
            "definition of a function": function,
        })
    );
    client.shutdown();
}

#[test]
fn rename_edits_every_use_and_refuses_a_clash() {
    let mut client = Client::start(&fixture_root());
    let order = read(ORDER);
    let uri = client.uri_of(ORDER);
    let (line, character) = find(&order, "MARKETS\n", 1);
    let prepared = client.ok("textDocument/prepareRename", at(&uri, line, character));
    let mut params = at(&uri, line, character);
    params["newName"] = json!("SOLD_IN");
    let renamed = client.ok("textDocument/rename", params.clone());
    params["newName"] = json!("Country");
    let clash = client.request("textDocument/rename", params.clone());
    params["newName"] = json!("not a name");
    let invalid = client.request("textDocument/rename", params);
    let (line, character) = find(&order, "ORD-002 \"", 1);
    let mut params = at(&uri, line, character);
    params["newName"] = json!("ORD-001");
    let rule_clash = client.request("textDocument/rename", params);
    assert_json_snapshot!(
        "rename",
        json!({
            "prepared": prepared,
            "renamed": renamed,
            "clash": clash["error"],
            "invalid": invalid["error"],
            "rule clash": rule_clash["error"],
        })
    );
    client.shutdown();
}

#[test]
fn completion_offers_fields_members_rules_modules_and_builtins() {
    let mut client = Client::start(&fixture_root());
    let order = read(ORDER);
    let uri = client.uri_of(ORDER);
    client.open(ORDER, &order);
    let (line, _) = find(&order, "  require line.quantity", 0);
    let mut version = 1;
    let mut ask = |client: &mut Client, typed: &str| {
        version += 1;
        client.change(
            ORDER,
            version,
            ((line, 0), (line + 1, 0)),
            &format!("{typed}\n"),
        );
        let character = typed.chars().count() as u32;
        let items = client.ok("textDocument/completion", at(&uri, line, character));
        labels(&items)
    };
    let fields = ask(&mut client, "  require input.customer.");
    let local_fields = ask(&mut client, "  require line.");
    let members = ask(&mut client, "  require input.customer.tier == ");
    let in_set = ask(&mut client, "  require input.customer.country in {US, ");
    let general = ask(&mut client, "  require ");
    assert_eq!(fields, ["country", "tier"]);
    assert_eq!(local_fields, ["unit_price", "quantity"]);
    assert_eq!(members, ["gold", "silver", "bronze"]);
    assert_eq!(in_set, ["US", "GB", "CA", "FR"]);
    for expected in [
        "round",
        "days_between",
        "MARKETS",
        "discount",
        "input",
        "Country",
    ] {
        assert!(
            general.contains(&expected.to_string()),
            "`{expected}` in {general:?}"
        );
    }
    client.change(
        ORDER,
        19,
        ((line, 0), (line + 1, 0)),
        "  require line.quantity > 0\n",
    );
    let (rules_line, _) = find(&order, "  rules ORD-001", 0);
    client.change(
        ORDER,
        20,
        ((rules_line, 0), (rules_line + 1, 0)),
        "  rules ORD-001, \n",
    );
    let rules = labels(&client.ok("textDocument/completion", at(&uri, rules_line, 17)));
    assert_eq!(rules, ["ORD-001", "ORD-002"]);
    client.change(ORDER, 21, ((3, 0), (4, 0)), "import \n");
    let modules = labels(&client.ok("textDocument/completion", at(&uri, 3, 7)));
    assert_eq!(modules, ["shop.vocab"]);
    client.shutdown();
}

#[test]
fn formatting_is_eligo_fmt_and_outline_and_tokens_follow_the_items() {
    let mut client = Client::start(&fixture_root());
    let vocab = read(VOCAB);
    let messy = vocab.replace(
        "const MARKETS: set<Country> = {US, GB, CA}",
        "const MARKETS:set<Country>={US,GB,CA}",
    );
    client.open(VOCAB, &messy);
    let uri = client.uri_of(VOCAB);
    let edits = client.ok(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(edits[0]["newText"].as_str(), Some(vocab.as_str()));
    let symbols = client.ok(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": client.uri_of(ORDER)}}),
    );
    let tokens = client.ok(
        "textDocument/semanticTokens/full",
        json!({"textDocument": {"uri": client.uri_of(ORDER)}}),
    );
    assert_json_snapshot!("outline", symbols);
    assert_json_snapshot!("semantic_tokens", tokens);
    client.shutdown();
}

#[test]
fn scenario_files_get_schema_diagnostics_hover_and_completion() {
    let mut client = Client::start(&fixture_root());
    let scenario = read(SCENARIO);
    client.open(SCENARIO, &scenario);
    let diagnostics = client.diagnostics(SCENARIO);
    let uri = client.uri_of(SCENARIO);
    let (line, character) = find(&scenario, "country: UK", 2);
    let hover = client.ok("textDocument/hover", at(&uri, line, character));
    let (line, character) = find(&scenario, "quantity: 0", 2);
    let hover_in_list = client.ok("textDocument/hover", at(&uri, line, character));
    assert_json_snapshot!(
        "scenario",
        json!({"diagnostics": diagnostics, "hover": hover, "hover in a list": hover_in_list})
    );

    let (tier, _) = find(&scenario, "    tier: gold", 0);
    client.change(SCENARIO, 2, ((tier, 0), (tier + 1, 0)), "    tier: \n");
    let members = labels(&client.ok("textDocument/completion", at(&uri, tier, 10)));
    assert_eq!(members, ["gold", "silver", "bronze"]);
    client.change(SCENARIO, 3, ((tier, 0), (tier + 1, 0)), "    \n");
    let fields = labels(&client.ok("textDocument/completion", at(&uri, tier, 4)));
    assert_eq!(fields, ["country", "tier"]);
    let (top, _) = find(&scenario, "decision:", 0);
    let decisions = labels(&client.ok("textDocument/completion", at(&uri, top, 10)));
    assert_eq!(decisions, ["shop.place"]);
    client.shutdown();
}
