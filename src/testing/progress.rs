//! A progress line on stderr for long runs: `scenario files 120/600`,
//! redrawn in place at most ten times a second, only when stderr is a
//! terminal and only once a run has taken half a second, and wiped before
//! the report is printed. It never touches stdout, so reports stay the
//! same bytes whatever the terminal.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

const SHOW_AFTER: Duration = Duration::from_millis(500);
const REDRAW_EVERY: Duration = Duration::from_millis(100);

pub struct Progress {
    total: usize,
    done: AtomicUsize,
    enabled: bool,
    started: Instant,
    /// When the line was last drawn; `None` until it is first shown.
    drawn: Mutex<Option<Instant>>,
}

impl Progress {
    pub fn new(total: usize, enabled: bool) -> Progress {
        Progress {
            total,
            done: AtomicUsize::new(0),
            enabled,
            started: Instant::now(),
            drawn: Mutex::new(None),
        }
    }

    /// One more file done.
    pub fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if !self.enabled || self.started.elapsed() < SHOW_AFTER {
            return;
        }
        // Another thread drawing right now is as good as drawing here.
        let Ok(mut drawn) = self.drawn.try_lock() else {
            return;
        };
        if drawn.is_some_and(|at| at.elapsed() < REDRAW_EVERY) {
            return;
        }
        *drawn = Some(Instant::now());
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "\r\x1b[2Kscenario files {done}/{}", self.total);
        let _ = stderr.flush();
    }

    /// Wipes the line, if it was ever drawn.
    pub fn finish(&self) {
        let shown = self.drawn.lock().map(|d| d.is_some()).unwrap_or(true);
        if self.enabled && shown {
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "\r\x1b[2K");
            let _ = stderr.flush();
        }
    }
}
