//! One piece of background work: a thread that computes a value, a
//! progress shared with the window (which also carries the request to
//! stop), a label for people, and polling from the UI thread. Loads,
//! saves, file dialogs, searches, sorts of the event list and reads of
//! every event (facets, times in a zone) are all a [`Job`]; each use is a
//! small adapter in its own module.
//!
//! The thread wakes the window when it finishes, so a finished job is
//! applied at once; [`super::jobs::Jobs`] also repaints a few times a
//! second while one runs, so progress moves without input.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::formats::Progress;

/// How long a job runs before its progress is shown, so that quick work
/// finishes without a flash of progress bar.
pub const SHOW_AFTER: Duration = Duration::from_millis(150);

/// Documents with fewer events are read at once, on the UI thread (a few
/// milliseconds); larger ones on a thread of their own.
pub const NOW_MAX: usize = 20_000;

/// What the thread and the window share: how far the work got, and the
/// request to stop.
pub trait Shared: Send + Sync + 'static {
    /// Asks the work to stop; it then gives up as soon as it looks.
    fn cancel(&self);
}

/// A load's progress: bytes, events and stage.
impl Shared for Progress {
    fn cancel(&self) {
        Progress::cancel(self);
    }
}

/// Work that cannot be stopped or measured (a file dialog, a write).
impl Shared for () {
    fn cancel(&self) {}
}

/// The progress of work that reads every event of a document: events done
/// of a total, and the request to stop, as the core's readers take them.
#[derive(Debug, Default)]
pub struct Count {
    cancel: AtomicBool,
    done: AtomicUsize,
    total: usize,
}

impl Count {
    /// Nothing done of `total`.
    #[must_use]
    pub fn new(total: usize) -> Self {
        Self {
            total,
            ..Self::default()
        }
    }

    /// The flag the reader looks at.
    #[must_use]
    pub fn flag(&self) -> &AtomicBool {
        &self.cancel
    }

    /// The counter the reader adds to.
    #[must_use]
    pub fn done(&self) -> &AtomicUsize {
        &self.done
    }

    /// How far it got, 0 to 1.
    #[must_use]
    pub fn fraction(&self) -> f32 {
        self.done.load(Ordering::Relaxed) as f32 / self.total.max(1) as f32
    }
}

impl Shared for Count {
    fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// What polling a job found.
#[derive(Debug)]
pub enum Poll<T> {
    /// Still working.
    Running,
    Done(T),
    /// The thread ended without an answer: it panicked.
    Died,
}

/// Work on its own thread. Dropping the job asks the work to stop, and
/// its answer is then ignored.
pub struct Job<T, P: Shared = Count> {
    label: String,
    shared: Arc<P>,
    started: Instant,
    rx: Receiver<T>,
}

impl<T: Send + 'static, P: Shared> Job<T, P> {
    /// Runs `work` on a thread with `shared` as its progress; when it
    /// finishes, `wake` repaints the window.
    #[must_use]
    pub fn spawn<F>(wake: &egui::Context, label: impl Into<String>, shared: P, work: F) -> Self
    where
        F: FnOnce(&P) -> T + Send + 'static,
    {
        let shared = Arc::new(shared);
        let (tx, rx) = channel();
        let (thread_shared, wake) = (Arc::clone(&shared), wake.clone());
        std::thread::spawn(move || {
            // Nobody listens when the job was dropped or the app quit.
            let _ = tx.send(work(&thread_shared));
            wake.request_repaint();
        });
        Self {
            label: label.into(),
            shared,
            started: Instant::now(),
            rx,
        }
    }
}

impl<T, P: Shared> Job<T, P> {
    /// Takes the answer if the work has finished.
    #[must_use]
    pub fn poll(&self) -> Poll<T> {
        match self.rx.try_recv() {
            Ok(value) => Poll::Done(value),
            Err(TryRecvError::Empty) => Poll::Running,
            Err(TryRecvError::Disconnected) => Poll::Died,
        }
    }

    /// Asks the work to stop.
    pub fn cancel(&self) {
        self.shared.cancel();
    }

    /// How far it got.
    #[must_use]
    pub fn progress(&self) -> &P {
        &self.shared
    }

    /// What it does, for people ("Opening events.json", "sorting by title").
    #[must_use]
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Whether it has run long enough for its progress to be shown.
    #[must_use]
    pub fn visible(&self) -> bool {
        self.started.elapsed() >= SHOW_AFTER
    }
}

impl<T, P: Shared> Drop for Job<T, P> {
    fn drop(&mut self) {
        self.shared.cancel();
    }
}

/// Work that reads every event of a document: done at once when `now`,
/// else started on its own thread.
pub enum Started<T> {
    Now(T),
    Running(Job<T>),
}

/// Runs `work` over `total` events at once when `now` or `total` is at
/// most [`NOW_MAX`], else on a thread labelled `label`.
pub fn read<T, F>(wake: &egui::Context, label: &str, total: usize, now: bool, work: F) -> Started<T>
where
    T: Send + 'static,
    F: FnOnce(&Count) -> T + Send + 'static,
{
    if now || total <= NOW_MAX {
        Started::Now(work(&Count::new(total)))
    } else {
        Started::Running(Job::spawn(wake, label, Count::new(total), work))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Polls `job` until it ends: on a loaded machine a panicking job can
    /// take seconds to unwind (its backtrace is captured), so no deadline
    /// short of a hang (two minutes) is set.
    fn wait<T, P: Shared>(job: &Job<T, P>) -> Poll<T> {
        let until = std::time::Instant::now() + Duration::from_mins(2);
        while std::time::Instant::now() < until {
            match job.poll() {
                Poll::Running => std::thread::sleep(Duration::from_millis(2)),
                done => return done,
            }
        }
        Poll::Running
    }

    #[test]
    fn a_job_gives_its_answer_and_dropping_it_cancels() {
        let ctx = egui::Context::default();
        let job = Job::spawn(&ctx, "adding", Count::new(2), |c: &Count| {
            c.done().fetch_add(2, Ordering::Relaxed);
            40 + 2
        });
        assert_eq!(job.label(), "adding");
        assert!(matches!(wait(&job), Poll::Done(42)));
        assert!((job.progress().fraction() - 1.0).abs() < f32::EPSILON);

        let (tx, rx) = channel::<()>();
        let job = Job::spawn(&ctx, "waiting", Count::new(1), move |c: &Count| {
            let _ = rx.recv();
            c.flag().load(Ordering::Relaxed)
        });
        let shared = Arc::clone(&job.shared);
        drop(job);
        assert!(shared.flag().load(Ordering::Relaxed), "dropped: cancelled");
        let _ = tx.send(());
    }

    #[test]
    fn a_panicking_job_is_reported_dead() {
        let ctx = egui::Context::default();
        let job: Job<(), ()> = Job::spawn(&ctx, "failing", (), |()| panic!("on purpose"));
        assert!(matches!(wait(&job), Poll::Died));
    }

    #[test]
    fn small_reads_are_done_at_once() {
        let ctx = egui::Context::default();
        assert!(matches!(
            read(&ctx, "x", NOW_MAX, false, |_| 1),
            Started::Now(1)
        ));
        assert!(matches!(
            read(&ctx, "x", NOW_MAX + 1, true, |_| 1),
            Started::Now(1)
        ));
        assert!(matches!(
            read(&ctx, "x", NOW_MAX + 1, false, |_| 1),
            Started::Running(_)
        ));
    }
}
