//! Reading every event of a large document (search, facets, times in a
//! zone): in chunks, between which a cancel flag is looked at and the
//! progress counted, and by two threads when there are many events.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Events read between two looks at the cancel flag and the progress.
pub const CHUNK: usize = 4096;

/// Calls `f` with each index of `from..to` in order; `None` when `cancel`
/// was set meanwhile (looked at every [`CHUNK`]). `done` counts the indices
/// done, for a progress display.
pub fn each(
    (from, to): (usize, usize),
    cancel: &AtomicBool,
    done: &AtomicUsize,
    mut f: impl FnMut(usize),
) -> Option<()> {
    let mut i = from;
    while i < to {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let end = (i + CHUNK).min(to);
        (i..end).for_each(&mut f);
        done.fetch_add(end - i, Ordering::Relaxed);
        i = end;
    }
    Some(())
}

/// `part` of `0..n` split in two halves, each on its own thread, when `n`
/// is large and there are two cores; else of all of it. The parts' results
/// in order; `None` when a part gave none (it was cancelled).
pub fn halves<T: Send>(
    n: usize,
    part: impl Fn((usize, usize)) -> Option<T> + Sync,
) -> Option<Vec<T>> {
    let parallel = n >= 8 * CHUNK
        && std::thread::available_parallelism().map_or(1, std::num::NonZero::get) > 1;
    if !parallel {
        return Some(vec![part((0, n))?]);
    }
    let middle = n / 2;
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| part((middle, n)));
        (part((0, middle)), second.join())
    });
    match second {
        Ok(second) => Some(vec![first?, second?]),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_cover_every_index_once_in_order_and_a_cancel_stops_them() {
        let never = AtomicBool::new(false);
        for n in [0, 10, 8 * CHUNK + 3] {
            let done = AtomicUsize::new(0);
            let parts = halves(n, |range| {
                let mut seen = Vec::new();
                each(range, &never, &done, |i| seen.push(i))?;
                Some(seen)
            })
            .unwrap();
            assert_eq!(parts.concat(), (0..n).collect::<Vec<_>>());
            assert_eq!(done.load(Ordering::Relaxed), n);
        }
        let cancel = AtomicBool::new(true);
        let stopped = halves(10, |range| {
            each(range, &cancel, &AtomicUsize::new(0), |_| {})
        });
        assert!(stopped.is_none());
    }
}
