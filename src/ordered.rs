//! Working through files on several threads while their results are used
//! in file order, as they come, in bounded memory: what lets `eligo eval`
//! and `eligo test` stream their output and give the same bytes for any
//! number of threads.
//!
//! Each worker takes the next file, and sends what it finds (a rendered
//! decision, a judged document) into a small channel of that file's own;
//! the caller's thread drains the channels in file order. A worker whose
//! channel is full waits, and only a few files are handed out ahead of the
//! one being drained, so memory does not grow with the number of files or
//! the size of any of them.

use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::Mutex;

/// Results one file may have waiting before its worker waits.
const WAITING_PER_FILE: usize = 32;
/// Files handed out, per worker, ahead of the one being drained.
const FILES_AHEAD_PER_WORKER: usize = 4;

/// Runs `work` on every item with `threads` workers and gives each result
/// to `consume` on the calling thread, items in order and each item's
/// results in the order it sent them. With one thread everything runs on
/// the calling thread.
pub fn for_each_in_order<I, T, W, C>(items: &[I], threads: usize, work: W, mut consume: C)
where
    I: Sync,
    T: Send,
    W: Fn(&I, &mut dyn FnMut(T)) + Sync,
    C: FnMut(T),
{
    if threads <= 1 || items.len() <= 1 {
        for item in items {
            work(item, &mut consume);
        }
        return;
    }
    let (order, in_order) = mpsc::sync_channel::<Receiver<T>>(threads * FILES_AHEAD_PER_WORKER);
    let handout = Mutex::new(Handout {
        next: 0,
        order: Some(order),
    });
    std::thread::scope(|scope| {
        for _ in 0..threads.min(items.len()) {
            scope.spawn(|| {
                while let Some((index, results)) = take(&handout, items.len()) {
                    work(&items[index], &mut |result| {
                        // The caller stops draining only when it has every
                        // result or is unwinding; either way nothing is lost.
                        let _ = results.send(result);
                    });
                }
            });
        }
        for results in in_order {
            for result in results {
                consume(result);
            }
        }
    });
}

struct Handout<T> {
    next: usize,
    /// Dropped once every item is handed out, which ends the drain.
    order: Option<SyncSender<Receiver<T>>>,
}

/// The next item's index and the channel for its results, registered in
/// item order with the draining thread.
fn take<T>(handout: &Mutex<Handout<T>>, len: usize) -> Option<(usize, SyncSender<T>)> {
    // A worker that panicked holding the lock left the counter whole.
    let mut handout = handout
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if handout.next >= len {
        handout.order = None;
        return None;
    }
    let (results, drained) = mpsc::sync_channel(WAITING_PER_FILE);
    handout.order.as_ref()?.send(drained).ok()?;
    let index = handout.next;
    handout.next += 1;
    Some((index, results))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collected(items: &[usize], threads: usize) -> Vec<(usize, usize)> {
        let mut seen = Vec::new();
        for_each_in_order(
            items,
            threads,
            |&count, send| {
                for part in 0..count {
                    send((count, part));
                }
            },
            |result| seen.push(result),
        );
        seen
    }

    #[test]
    fn results_come_in_item_order_whatever_the_threads() {
        // Uneven items, some far larger than a channel holds.
        let items: Vec<usize> = (0..200).map(|i| (i * 37) % 101).collect();
        let one = collected(&items, 1);
        assert_eq!(one.len(), items.iter().sum::<usize>());
        for threads in [2, 3, 8] {
            assert_eq!(collected(&items, threads), one, "{threads} threads");
        }
    }

    #[test]
    fn a_large_item_first_does_not_stop_the_others() {
        let mut items = vec![10_000];
        items.extend(std::iter::repeat_n(1, 500));
        let seen = collected(&items, 4);
        assert_eq!(seen.len(), 10_500);
        assert_eq!(seen[9_999], (10_000, 9_999));
        assert_eq!(seen[10_000], (1, 0));
    }
}
