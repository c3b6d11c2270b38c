//! Unsaved edits kept on disk and offered back after a crash.
//!
//! While a file has unsaved edits, its document is written every few
//! seconds (after the last edit) to this run's folder in the platform's
//! data folder: `autosave/<process id>/<n>.json` (native files) and a
//! `manifest.json` naming the file each came from. Saving or discarding
//! the edits removes them; closing the window normally removes the folder.
//! At the next start, the folders of runs no longer running are offered
//! back: Restore opens each kept document as an unsaved file in place of
//! its original, Discard deletes them.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::ChronoscopeApp;
use super::loading::Purpose;

/// How long after the last edit the edits are written.
pub const DELAY: Duration = Duration::from_secs(3);

/// One document kept: where it is, and the file it is the edits of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kept {
    /// The kept document (a native file).
    pub file: PathBuf,
    /// The file it was read from, if any.
    pub original: Option<PathBuf>,
    /// Its name and format as shown.
    pub name: String,
    pub format: String,
}

const MANIFEST: &str = "manifest.json";

/// The documents kept by runs of the app that are no longer running, in
/// the autosave folder `root`.
#[must_use]
pub fn left_over(root: &Path) -> Vec<Kept> {
    let Ok(entries) = std::fs::read_dir(root) else {
        return Vec::new();
    };
    let mut kept = Vec::new();
    for entry in entries.flatten() {
        let dir = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(pid) = name.parse::<u32>() else {
            continue;
        };
        if pid == std::process::id() || running(pid) {
            continue;
        }
        let manifest = std::fs::read_to_string(dir.join(MANIFEST)).unwrap_or_default();
        let listed: Vec<Kept> = serde_json::from_str(&manifest).unwrap_or_default();
        kept.extend(listed.into_iter().filter(|k| k.file.starts_with(&dir)));
    }
    kept
}

/// Whether process `pid` is running (known on Linux; elsewhere a folder
/// is taken as left over).
fn running(pid: u32) -> bool {
    Path::new("/proc").join(pid.to_string()).exists()
}

/// Deletes the folders of `kept`.
pub fn discard(kept: &[Kept]) {
    for k in kept {
        if let Some(dir) = k.file.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

impl ChronoscopeApp {
    /// Writes the unsaved edits when they are due (a few seconds after
    /// the last edit), on a thread.
    pub(super) fn autosave_tick(&mut self, ctx: &egui::Context) {
        let Some(due) = self.jobs.autosave else {
            return;
        };
        if self.session.autosave.is_none() {
            self.jobs.autosave = None; // this run keeps no edits
            return;
        }
        let now = Instant::now();
        if now < due {
            ctx.request_repaint_after(due - now);
            return;
        }
        if self.jobs.autosaving() {
            return;
        }
        self.jobs.autosave = None;
        let Some(dir) = self.session.autosave.clone() else {
            return;
        };
        let docs: Vec<_> = self
            .dirty_layers()
            .into_iter()
            .filter_map(|i| self.layers.files.get(i))
            .map(|l| std::sync::Arc::clone(&l.doc))
            .collect();
        self.jobs.start_autosave(move || write(&dir, &docs));
    }

    /// Forgets the kept edits (all saved, or discarded on closing).
    pub(super) fn autosave_clear(&mut self) {
        if let Some(dir) = &self.session.autosave {
            let _ = std::fs::remove_dir_all(dir);
        }
    }

    /// Opens the kept documents as unsaved files.
    pub(super) fn restore_autosave(&mut self) {
        let Some(kept) = self.panels.recovery.take() else {
            return;
        };
        for k in kept {
            let file = k.file.clone();
            self.jobs.open(&file, Purpose::Recover(k));
        }
    }

    pub(super) fn discard_autosave(&mut self) {
        if let Some(kept) = self.panels.recovery.take() {
            discard(&kept);
        }
    }
}

/// Writes `docs` to `dir` with their manifest (or removes `dir` when there
/// are none): each document to a temporary file renamed into place.
fn write(dir: &Path, docs: &[std::sync::Arc<crate::model::Document>]) -> Result<(), String> {
    if docs.is_empty() {
        let _ = std::fs::remove_dir_all(dir);
        return Ok(());
    }
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let mut kept = Vec::new();
    for (n, doc) in docs.iter().enumerate() {
        let file = dir.join(format!("{n}.json"));
        crate::formats::native::write::save(doc, &file).map_err(|e| e.to_string())?;
        kept.push(Kept {
            file,
            original: doc.path.clone(),
            name: doc.name.clone(),
            format: doc.format.clone(),
        });
    }
    let manifest = serde_json::to_string_pretty(&kept).map_err(|e| e.to_string())?;
    crate::formats::native::write::write_atomically(&dir.join(MANIFEST), |f| {
        std::io::Write::write_all(f, manifest.as_bytes())
    })
    .map_err(|e| e.to_string())
}

/// The recovery banner: what was kept, Restore or Discard.
pub fn banner(ui: &mut egui::Ui, kept: &[Kept], out: &mut Vec<super::Command>) {
    let names: Vec<&str> = kept.iter().map(|k| k.name.as_str()).collect();
    egui::Frame::group(ui.style())
        .fill(ui.visuals().faint_bg_color)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!(
                    "Chronoscope closed without saving changes to {}. Restore them?",
                    names.join(", ")
                ));
                if ui.button("Restore").clicked() {
                    out.push(super::Command::RestoreAutosave);
                }
                if ui.button("Discard").clicked() {
                    out.push(super::Command::DiscardAutosave);
                }
            });
        });
}
