//! How far a load has got, shared between the thread that loads and the
//! window that shows a progress bar, and the user's request to stop.
//!
//! Importers of formats that can be huge (CSV, JSON Lines) report the bytes
//! read and the events made every few thousand rows and stop when asked;
//! the others report once, at the end. Plain atomics: the loading thread
//! never waits for the UI.

use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};

/// What a load is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Reading the file's bytes.
    Reading,
    /// Turning the text into events.
    Parsing,
}

/// Progress of one load. Cheap to update; read from any thread.
#[derive(Debug, Default)]
pub struct Progress {
    bytes: AtomicU64,
    total: AtomicU64,
    events: AtomicU64,
    cancel: AtomicBool,
    stage: AtomicU8,
}

impl Progress {
    /// A fresh progress for a file of `total` bytes.
    #[must_use]
    pub fn new(total: u64) -> Self {
        let p = Self::default();
        p.total.store(total, Ordering::Relaxed);
        p
    }

    /// Records that the first `bytes` bytes are done and `events` events made.
    pub fn report(&self, bytes: u64, events: u64) {
        self.bytes.store(bytes, Ordering::Relaxed);
        self.events.store(events, Ordering::Relaxed);
    }

    /// Starts a new stage over `total` bytes, from nothing done.
    pub fn start(&self, stage: Stage, total: u64) {
        self.stage.store(stage as u8, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.report(0, 0);
    }

    #[must_use]
    pub fn stage(&self) -> Stage {
        if self.stage.load(Ordering::Relaxed) == Stage::Parsing as u8 {
            Stage::Parsing
        } else {
            Stage::Reading
        }
    }

    /// Sets the size of what is being read.
    pub fn set_total(&self, total: u64) {
        self.total.store(total, Ordering::Relaxed);
    }

    /// Asks the load to stop; it then returns [`super::LoadError::Cancelled`].
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    #[must_use]
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Bytes done so far.
    #[must_use]
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Bytes in all.
    #[must_use]
    pub fn total(&self) -> u64 {
        self.total.load(Ordering::Relaxed)
    }

    /// Events made so far.
    #[must_use]
    pub fn events(&self) -> u64 {
        self.events.load(Ordering::Relaxed)
    }

    /// Done fraction in `0.0..=1.0`; 0 while the size is unknown.
    #[must_use]
    pub fn fraction(&self) -> f32 {
        let total = self.total();
        if total == 0 {
            return 0.0;
        }
        #[allow(clippy::cast_precision_loss)] // a progress bar needs no exact bytes
        let f = self.bytes() as f32 / total as f32;
        f.clamp(0.0, 1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_and_cancel_are_seen() {
        let p = Progress::new(200);
        assert!((p.fraction() - 0.0).abs() < f32::EPSILON);
        p.report(50, 7);
        assert_eq!((p.bytes(), p.events(), p.total()), (50, 7, 200));
        assert!((p.fraction() - 0.25).abs() < 1e-6);
        p.report(500, 9);
        assert!((p.fraction() - 1.0).abs() < f32::EPSILON, "clamped");
        assert!(!p.is_cancelled());
        p.cancel();
        assert!(p.is_cancelled());
        assert!((Progress::default().fraction()).abs() < f32::EPSILON);
        assert_eq!(p.stage(), Stage::Reading);
        p.start(Stage::Parsing, 1000);
        assert_eq!((p.stage(), p.bytes(), p.total()), (Stage::Parsing, 0, 1000));
    }
}
