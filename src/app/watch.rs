//! Reload on change: watches the folders of the open files (editors often
//! save by writing a new file and renaming it, which a watch on the file
//! itself would miss) and reports, debounced, which watched files changed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

/// How long a file must be quiet before it is reread.
pub const DEBOUNCE: Duration = Duration::from_millis(300);

pub struct Watcher {
    debouncer: Debouncer<notify::RecommendedWatcher>,
    changes: Receiver<Vec<PathBuf>>,
    /// Watched files, canonical; shared with the notification thread, which
    /// wakes the window only for them (other files in the folders change
    /// too, and an idle window must not repaint for them).
    files: Arc<Mutex<HashSet<PathBuf>>>,
    folders: HashSet<PathBuf>,
}

impl Watcher {
    /// Starts watching nothing yet; `None` when the system offers no watcher.
    pub fn new(ctx: &egui::Context) -> Option<Self> {
        let (tx, changes) = channel();
        let repaint = ctx.clone();
        let files: Arc<Mutex<HashSet<PathBuf>>> = Arc::default();
        let watched = Arc::clone(&files);
        let debouncer = new_debouncer(DEBOUNCE, move |result: DebounceEventResult| {
            let Ok(events) = result else { return };
            let paths: Vec<PathBuf> = events.into_iter().map(|e| canonical(&e.path)).collect();
            let relevant = watched
                .lock()
                .map_or(true, |w| paths.iter().any(|p| w.contains(p)));
            if relevant {
                // The app may be gone; then nobody needs to know.
                let _ = tx.send(paths);
                repaint.request_repaint();
            }
        })
        .ok()?;
        Some(Self {
            debouncer,
            changes,
            files,
            folders: HashSet::new(),
        })
    }

    /// Watches exactly `files` from now on.
    pub fn watch(&mut self, files: &[PathBuf]) {
        let files: HashSet<PathBuf> = files.iter().map(|f| canonical(f)).collect();
        let folders: HashSet<PathBuf> = files
            .iter()
            .filter_map(|f| f.parent().map(Path::to_path_buf))
            .collect();
        if let Ok(mut watched) = self.files.lock() {
            *watched = files;
        }
        for gone in self.folders.difference(&folders) {
            let _ = self.debouncer.watcher().unwatch(gone); // already gone is fine
        }
        for new in folders.difference(&self.folders) {
            // A folder that cannot be watched only means no automatic reload.
            let _ = self
                .debouncer
                .watcher()
                .watch(new, RecursiveMode::NonRecursive);
        }
        self.folders = folders;
    }

    /// The watched files that changed since the last call, canonical.
    pub fn changed(&self) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = Vec::new();
        let Ok(files) = self.files.lock() else {
            return out;
        };
        while let Ok(paths) = self.changes.try_recv() {
            for p in paths {
                if files.contains(&p) && !out.contains(&p) {
                    out.push(p);
                }
            }
        }
        out
    }
}

/// The canonical form of `path`, or `path` itself when it does not exist.
#[must_use]
pub fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// When `path` was last modified, if it can be told.
#[must_use]
pub fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}
