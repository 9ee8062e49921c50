//! A language-server client for tests: it runs the real `eligo lsp`, speaks
//! JSON-RPC with `Content-Length` framing over the child's stdin and
//! stdout, and gives every answer a deadline so a hang fails the test.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long any one answer may take before the test calls it a hang.
pub const DEADLINE: Duration = Duration::from_secs(20);

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Notifications from the server, in arrival order.
    pub notifications: Vec<Value>,
    /// The workspace folder, replaced by `file:///WORKSPACE` in snapshots.
    pub root: PathBuf,
}

pub fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lsp")
}

pub fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

impl Client {
    /// Starts the server on the folder `root`, whose `policies/` it reads.
    pub fn start(root: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_eligo"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("eligo lsp starts");
        let stdin = child.stdin.take().expect("stdin is piped");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (send, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if send.send(message).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            incoming,
            next_id: 1,
            notifications: Vec::new(),
            root: root.to_path_buf(),
        };
        let root_uri = uri(root);
        let answer = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "workspaceFolders": [{"uri": root_uri, "name": "fixture"}],
                "capabilities": {},
            }),
        );
        assert!(
            answer.get("result").is_some(),
            "initialize answered {answer}"
        );
        client.notify("initialized", json!({}));
        client
    }

    pub fn uri_of(&self, relative: &str) -> String {
        uri(&self.root.join(relative))
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("server reads");
        self.stdin.flush().expect("server reads");
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits for its answer (the whole response object,
    /// with `result` or `error`); notifications met meanwhile are kept.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let started = Instant::now();
        loop {
            let left = DEADLINE.saturating_sub(started.elapsed());
            let message = self
                .incoming
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no answer to `{method}` within {DEADLINE:?}"));
            if message.get("id") == Some(&json!(id)) {
                return message;
            }
            if message.get("method").is_some() {
                self.notifications.push(message);
            }
        }
    }

    /// The result of a request that must succeed.
    pub fn ok(&mut self, method: &str, params: Value) -> Value {
        let answer = self.request(method, params);
        match answer.get("result") {
            Some(result) => self.redacted(result),
            None => panic!("`{method}` failed: {answer}"),
        }
    }

    pub fn open(&mut self, relative: &str, text: &str) {
        let language = if relative.ends_with(".policy") {
            "eligo"
        } else {
            "yaml"
        };
        let uri = self.uri_of(relative);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    /// Replaces `range` ((line, character) to (line, character)) with `text`.
    pub fn change(
        &mut self,
        relative: &str,
        version: i64,
        range: ((u32, u32), (u32, u32)),
        text: &str,
    ) {
        let uri = self.uri_of(relative);
        let ((l1, c1), (l2, c2)) = range;
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{
                    "range": {"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}},
                    "text": text,
                }],
            }),
        );
    }

    /// The diagnostics last published for a file, once the server has
    /// caught up with every change sent so far.
    pub fn diagnostics(&mut self, relative: &str) -> Value {
        // A request is answered only after pending edits are re-checked and
        // their diagnostics published, so its answer marks "caught up".
        self.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": self.uri_of(relative)}}),
        );
        let uri = self.uri_of(relative);
        let found = self
            .notifications
            .iter()
            .rev()
            .find(|n| n["method"] == "textDocument/publishDiagnostics" && n["params"]["uri"] == uri)
            .map(|n| n["params"]["diagnostics"].clone())
            .unwrap_or_else(|| json!([]));
        self.redacted(&found)
    }

    /// `value` with the workspace folder written as `file:///WORKSPACE`.
    pub fn redacted(&self, value: &Value) -> Value {
        let text = value
            .to_string()
            .replace(&uri(&self.root), "file:///WORKSPACE");
        serde_json::from_str(&text).expect("still JSON")
    }

    /// `shutdown`, then `exit`; the server must stop by itself, with 0.
    pub fn shutdown(mut self) {
        let answer = self.request("shutdown", Value::Null);
        assert_eq!(answer["result"], Value::Null, "shutdown answered {answer}");
        self.notify("exit", Value::Null);
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                assert!(status.success(), "eligo lsp exited with {status}");
                return;
            }
            assert!(
                started.elapsed() < DEADLINE,
                "eligo lsp did not exit after `exit`"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// `{"textDocument": {"uri": …}, "position": {…}}`
pub fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}
