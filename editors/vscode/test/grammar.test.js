// Tokenises every bundled policy (and the test fixtures) with the TextMate
// grammar, as VS Code does, and fails on any text no grammar rule matched.
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const repository = path.resolve(__dirname, "../../..");
const grammarPath = path.join(__dirname, "../syntaxes/eligo.tmLanguage.json");

function policyFiles(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) policyFiles(full, out);
    else if (entry.name.endsWith(".policy")) out.push(full);
  }
  return out.sort();
}

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === "source.eligo"
        ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, "utf8"), grammarPath)
        : null,
  });
  return registry.loadGrammar("source.eligo");
}

/** Every stretch of non-blank text that got no scope beyond the file's. */
function unmatched(grammar, text) {
  const found = [];
  let stack = vsctm.INITIAL;
  text.split("\n").forEach((line, index) => {
    const result = grammar.tokenizeLine(line, stack);
    for (const token of result.tokens) {
      const piece = line.slice(token.startIndex, Math.min(token.endIndex, line.length));
      if (token.scopes.length === 1 && piece.trim() !== "") {
        found.push(`${index + 1}:${token.startIndex + 1} ${JSON.stringify(piece)}`);
      }
    }
    stack = result.ruleStack;
  });
  return found;
}

const bundled = policyFiles(path.join(repository, "policies"));
const fixtures = policyFiles(path.join(repository, "tests/fixtures/check-ok")).concat(
  policyFiles(path.join(repository, "tests/fixtures/lsp")),
);

test("the bundled library is there to tokenise", () => {
  assert.ok(bundled.length >= 10, `found ${bundled.length} policy files`);
});

test("every bundled policy and fixture tokenises with no unmatched text", async () => {
  const grammar = await loadGrammar();
  for (const file of bundled.concat(fixtures)) {
    const missed = unmatched(grammar, fs.readFileSync(file, "utf8"));
    assert.deepStrictEqual(missed, [], `${path.relative(repository, file)}: unmatched text`);
  }
});

test("the grammar tells rules, keywords, strings and comments apart", async () => {
  const grammar = await loadGrammar();
  const line = 'rule MPO-002 "in {MARKETS}" // why';
  const tokens = grammar.tokenizeLine(line, vsctm.INITIAL).tokens;
  const scopeOf = (text) => {
    const at = line.indexOf(text);
    const token = tokens.find((t) => t.startIndex <= at && at < t.endIndex);
    return token.scopes[token.scopes.length - 1];
  };
  assert.strictEqual(scopeOf("rule"), "keyword.declaration.eligo");
  assert.strictEqual(scopeOf("MPO-002"), "entity.name.tag.rule-id.eligo");
  assert.strictEqual(scopeOf("in {"), "string.quoted.double.eligo");
  assert.strictEqual(scopeOf("MARKETS"), "constant.other.eligo");
  assert.strictEqual(scopeOf("// why"), "comment.line.double-slash.eligo");
  // Text that fits no rule is reported, so the check above can fail.
  assert.deepStrictEqual(unmatched(grammar, "rule X-1 ~"), ['1:9 " ~"']);
});
