//! The decision log: one JSON line per decision, written by a thread of its
//! own so that a slow disk never holds up a decision. Lines wait in an
//! unbounded queue and are written in bursts through one buffer, flushed
//! whenever the queue runs dry and when the log closes.

use std::io::Write;
use std::path::Path;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Mutex;
use std::thread::JoinHandle;

use serde::Serialize;

enum Entry {
    Line(String),
    Close,
}

pub struct DecisionLog {
    sender: Sender<Entry>,
    writer: Mutex<Option<JoinHandle<()>>>,
}

/// What one line of the log says.
#[derive(Serialize)]
pub struct LogLine<'a> {
    pub time: String,
    pub request_id: &'a str,
    pub decision: &'a str,
    pub policy_digest: &'a str,
    pub outcome: &'a str,
    pub failed: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<&'a serde_json::value::RawValue>,
}

impl DecisionLog {
    /// Appends to `path`, or writes to stdout for `-`.
    pub fn open(path: &Path) -> std::io::Result<DecisionLog> {
        let out: Box<dyn Write + Send> = if path == Path::new("-") {
            Box::new(std::io::stdout())
        } else {
            Box::new(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)?,
            )
        };
        let (sender, receiver) = channel();
        let writer = std::thread::Builder::new()
            .name("decision-log".into())
            .spawn(move || write_all(receiver, out))?;
        Ok(DecisionLog {
            sender,
            writer: Mutex::new(Some(writer)),
        })
    }

    /// Queues one line; never blocks.
    pub fn record(&self, line: &LogLine<'_>) {
        if let Ok(text) = serde_json::to_string(line) {
            let _ = self.sender.send(Entry::Line(text));
        }
    }

    /// Writes out every queued line and stops the writer.
    pub fn close(&self) {
        let _ = self.sender.send(Entry::Close);
        let handle = match self.writer.lock() {
            Ok(mut guard) => guard.take(),
            Err(poisoned) => poisoned.into_inner().take(),
        };
        if let Some(handle) = handle {
            let _ = handle.join();
        }
    }
}

fn write_all(receiver: Receiver<Entry>, out: Box<dyn Write + Send>) {
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, out);
    while let Ok(entry) = receiver.recv() {
        let mut next = Some(entry);
        while let Some(entry) = next.take() {
            match entry {
                Entry::Line(text) => {
                    let _ = out.write_all(text.as_bytes());
                    let _ = out.write_all(b"\n");
                }
                Entry::Close => {
                    let _ = out.flush();
                    return;
                }
            }
            next = receiver.try_recv().ok();
        }
        let _ = out.flush();
    }
    let _ = out.flush();
}
