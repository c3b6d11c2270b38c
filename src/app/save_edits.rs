//! Saving the chronology being built (Ctrl+S): an open native file is
//! written in place, keeping what the user did not touch
//! ([`crate::formats::native::patch`]) and the previous version as
//! `NAME.json~`; a file of another format, or a new chronology, is saved
//! under a new `.json` name, which it then is. A file of another format is
//! never written over.

use std::path::{Path, PathBuf};

use super::dialog::{Dialog, DialogKind};
use super::{ChronoscopeApp, Command};
use crate::formats::native::write::SaveError;

impl ChronoscopeApp {
    /// Whether layer `layer` has edits not saved.
    #[must_use]
    pub fn is_dirty(&self, layer: usize) -> bool {
        self.layers
            .files
            .get(layer)
            .is_some_and(|l| self.history.state_of(layer) != l.saved_at)
    }

    /// The layers with edits not saved.
    #[must_use]
    pub fn dirty_layers(&self) -> Vec<usize> {
        (0..self.layers.files.len())
            .filter(|&i| self.is_dirty(i))
            .collect()
    }

    /// Saves the file being edited: the one with unsaved edits (the target
    /// layer first), in place when it is a native file, else under a new
    /// name.
    pub(super) fn save_edits(&mut self) {
        let dirty = self.dirty_layers();
        let target = self.target_layer();
        let layer = match target {
            Some(t) if dirty.contains(&t) || dirty.is_empty() => Some(t),
            _ => dirty.first().copied(),
        };
        let Some(layer) = layer else { return };
        self.save_layer(layer);
    }

    /// Saves layer `layer` in place, or asks for a name.
    pub(super) fn save_layer(&mut self, layer: usize) {
        let Some(file) = self.layers.files.get(layer) else {
            return;
        };
        match (&file.doc.path, file.saves_in_place()) {
            (Some(path), true) => {
                let path = path.clone();
                self.write_layer(layer, path);
            }
            _ => self.save_layer_dialog(layer),
        }
    }

    /// Asks where to save layer `layer` (a `.json` name beside its file).
    fn save_layer_dialog(&mut self, layer: usize) {
        let Some(file) = self.layers.files.get(layer) else {
            return;
        };
        let stem = file
            .doc
            .path
            .as_deref()
            .and_then(Path::file_stem)
            .and_then(|s| s.to_str())
            .map_or_else(|| slug(&file.doc.name), str::to_owned);
        let name = format!("{stem}.json");
        let dir = file
            .doc
            .path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        let title = "Save the chronology as a Chronoscope event file";
        self.jobs.show_dialog(|wake| {
            Dialog::save_in(
                wake,
                DialogKind::SaveLayer(layer),
                title,
                &[("Chronoscope event files", "json")],
                name,
                dir.as_deref(),
            )
        });
    }

    /// Writes layer `layer` to `path`, unless `path` is a file of another
    /// format that is open (or the file an imported layer was read from).
    pub(super) fn write_layer(&mut self, layer: usize, path: PathBuf) {
        if let Some(reason) = self.refuses(layer, &path) {
            self.panels.fail(&path, reason, true);
            return;
        }
        let Some(file) = self.layers.files.get(layer) else {
            return;
        };
        let in_place = file.saves_in_place() && file.doc.path.as_deref() == Some(path.as_path());
        let state = self.history.state_of(layer);
        let doc = std::sync::Arc::clone(&file.doc);
        self.jobs
            .save_layer(&doc, path, (layer, state), move |doc, path| {
                // The text the file holds now: what is kept of it.
                let original = in_place
                    .then(|| crate::formats::files::read_text(path).ok())
                    .flatten();
                crate::formats::native::patch::save_preserving(path, doc, original.as_deref())
                    .map_err(|e| SaveError {
                        path: path.to_path_buf(),
                        source: std::io::Error::other(e.to_string()),
                    })
            });
    }

    /// Why layer `layer` may not be written to `path`: it is a file of
    /// another format that is open, or one such a layer was read from.
    fn refuses(&self, layer: usize, path: &Path) -> Option<String> {
        let clash = self.layers.files.iter().enumerate().find(|(i, l)| {
            l.doc.path.as_deref().is_some_and(|p| {
                crate::formats::files::same_file(p, path) && (!l.saves_in_place() || *i != layer)
            })
        })?;
        Some(format!(
            "not saved: {} is the {} file {} was read from, which is never written over; choose another name",
            path.display(),
            clash.1.doc.format,
            clash.1.doc.name
        ))
    }

    /// Takes in a finished save of layer `layer`: saved at step `state`,
    /// and from now on the file it was saved to.
    pub(super) fn finish_layer_save(
        &mut self,
        path: &Path,
        layer: usize,
        state: Option<u64>,
        result: Result<(), String>,
    ) {
        if let Err(message) = result {
            self.panels.fail(path, message, true);
            self.after_save = None;
            return;
        }
        self.panels.forget_failure(path);
        let same = self
            .layers
            .files
            .get(layer)
            .is_some_and(|l| l.doc.path.as_deref() == Some(path));
        if !same {
            self.remember_selection();
            if let Some(doc) = self.layers.document_mut(layer) {
                doc.path = Some(path.to_path_buf());
                doc.name = path
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                crate::formats::Format::Native
                    .name()
                    .clone_into(&mut doc.format);
            }
            if let Some(file) = self.layers.files.get_mut(layer) {
                file.is_example = false;
                file.options = crate::formats::ImportOptions::default();
            }
            self.settings.remember_recent(path);
            self.rebuild();
        }
        if let Some(file) = self.layers.files.get_mut(layer) {
            file.saved_at = state;
            file.written = super::watch::modified(path);
        }
        self.jobs.autosave_due();
        if self.jobs.saves.is_empty()
            && let Some(after) = self.after_save.take()
        {
            self.commands
                .push(Command::Answer(super::prompt::Answer::Continue(after)));
        }
    }
}

/// A file name from a chronology's name: "Untitled chronology" →
/// "untitled-chronology".
fn slug(name: &str) -> String {
    let s: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if s.is_empty() {
        "chronology".to_owned()
    } else {
        s.join("-")
    }
}
