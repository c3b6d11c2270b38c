//! Reload on change: watches the folders of the open files (editors often
//! save by writing a new file and renaming it, which a watch on the file
//! itself would miss) and reports, debounced, which watched files changed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

/// How long a file must be quiet before it is reread.
pub const DEBOUNCE: Duration = Duration::from_millis(300);

pub struct Watcher {
    debouncer: Debouncer<notify::RecommendedWatcher>,
    changes: Receiver<Vec<PathBuf>>,
    /// Watched files, canonical.
    files: HashSet<PathBuf>,
    folders: HashSet<PathBuf>,
}

impl Watcher {
    /// Starts watching nothing yet; `None` when the system offers no watcher.
    pub fn new(ctx: &egui::Context) -> Option<Self> {
        let (tx, changes) = channel();
        let repaint = ctx.clone();
        let debouncer = new_debouncer(DEBOUNCE, move |result: DebounceEventResult| {
            if let Ok(events) = result {
                let paths = events.into_iter().map(|e| e.path).collect();
                // The app may be gone; then nobody needs to know.
                let _ = tx.send(paths);
                repaint.request_repaint();
            }
        })
        .ok()?;
        Some(Self {
            debouncer,
            changes,
            files: HashSet::new(),
            folders: HashSet::new(),
        })
    }

    /// Watches exactly `files` from now on.
    pub fn watch(&mut self, files: &[PathBuf]) {
        self.files = files.iter().map(|f| canonical(f)).collect();
        let folders: HashSet<PathBuf> = self
            .files
            .iter()
            .filter_map(|f| f.parent().map(Path::to_path_buf))
            .collect();
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
        while let Ok(paths) = self.changes.try_recv() {
            for p in paths {
                let p = canonical(&p);
                if self.files.contains(&p) && !out.contains(&p) {
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
