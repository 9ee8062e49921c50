// Starts `eligo lsp` for policy files and YAML scenario files. Everything
// the editor shows comes from the server, which uses the same checker as
// `eligo check`.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("eligo");
  const command = config.get("path") || "eligo";
  const policies = config.get("policies");
  const serverOptions = { command, args: ["lsp"] };
  const clientOptions = {
    documentSelector: [
      { scheme: "file", language: "eligo" },
      { scheme: "file", language: "yaml" },
    ],
    initializationOptions: policies ? { policies } : {},
  };
  client = new LanguageClient("eligo", "eligo", serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
