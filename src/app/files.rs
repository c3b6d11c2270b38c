//! The commands about files: opening (through the file dialog, dropped,
//! from the command line), reloading, the bundled example, saving and the
//! exports, the spreadsheet import, and taking in a finished load. Reading
//! and writing run in the background ([`super::jobs::Jobs`]); what is open
//! changes only when a load has finished completely.

use std::path::{Path, PathBuf};

use super::dialog::{Dialog, DialogKind};
use super::loading::{Load, Outcome, Purpose};
use super::{ChronoscopeApp, Command};
use crate::formats::native::write::SaveError;
use crate::formats::{ImportOptions, LoadError};
use crate::model::Document;

impl ChronoscopeApp {
    /// Adds `doc` as a new layer, as if a file had finished loading.
    pub fn add_document(&mut self, doc: Document) {
        self.add_layer(doc, false, ImportOptions::default());
    }

    /// Shows the file dialog, in the shown file's folder, to open files.
    pub(super) fn open_dialog(&mut self) {
        let dir = self
            .doc()
            .and_then(|d| d.path.as_deref())
            .and_then(Path::parent)
            .map(Path::to_path_buf);
        self.jobs
            .show_dialog(|wake| Dialog::open(wake, dir.as_deref()));
    }

    /// Starts loading `path` as a new layer (or rereading it if it is open
    /// already). Nothing changes until the load has finished; on failure the
    /// error is recorded and everything stays as it was.
    pub(super) fn open(&mut self, path: &Path) {
        match self.layers.position(path) {
            // Read again: asked first when it has unsaved edits.
            Some(i) => self.commands.push(Command::ReloadLayer(i)),
            None => self
                .jobs
                .open(path, Purpose::Open(self.session.import.clone())),
        }
    }

    /// Starts rereading every open file.
    pub(super) fn reload_all(&mut self) {
        for i in 0..self.layers.files.len() {
            self.reload_layer(i);
        }
    }

    /// Starts rereading layer `i` from its file; when done, the view and the
    /// selection are kept.
    pub(super) fn reload_layer(&mut self, i: usize) {
        if let Some((path, options)) = self.layers.source(i) {
            self.jobs.reload(&path, options);
        }
    }

    pub(super) fn open_example(&mut self) {
        match crate::example::load() {
            Ok(doc) => self.add_layer(doc, true, ImportOptions::default()),
            Err(e) => {
                let path = Path::new(crate::example::NAME);
                self.panels.fail(path, e.to_string(), false);
            }
        }
    }

    pub(super) fn save_as_dialog(&mut self) {
        let title = "Save as a Chronoscope event file";
        let filters = [("Chronoscope event files", "json")];
        self.save_dialog(DialogKind::Save, title, &filters, ".chronoscope.json");
    }

    pub(super) fn export_csv_dialog(&mut self) {
        let title = "Export the events as a CSV table";
        let filters = [("CSV tables", "csv"), ("Tab-separated tables", "tsv")];
        self.save_dialog(DialogKind::ExportCsv, title, &filters, ".events.csv");
    }

    /// Shows the save dialog to draw the timeline as a PNG picture (`png`)
    /// or an SVG drawing: the whole span (`whole`) or the window in view.
    pub(super) fn export_picture_dialog(&mut self, whole: bool, png: bool) {
        let Some(doc) = self.doc() else { return };
        let Some((t0, t1)) = self.view.picture_range(doc, whole) else {
            return;
        };
        let kind = DialogKind::ExportPicture(t0, t1, self.view.picture_width());
        if png {
            let title = "Export the timeline as a PNG picture";
            let filters = [("PNG pictures", "png")];
            self.save_dialog(kind, title, &filters, ".timeline.png");
        } else {
            let title = "Export the timeline as an SVG drawing";
            let filters = [("SVG drawings", "svg")];
            self.save_dialog(kind, title, &filters, ".timeline.svg");
        }
    }

    /// Shows the save dialog to draw the map as it is shown (its view, its
    /// size, the timeline's window) as a PNG picture or an SVG drawing.
    pub(super) fn export_map_dialog(&mut self, png: bool) {
        let Some(map) = &self.panels.map else { return };
        let size = self
            .jobs
            .wake()
            .data(|d| d.get_temp::<[f32; 2]>(super::map_view::size_id()))
            .unwrap_or([1200.0, 800.0]);
        let drawing = crate::map_svg::MapDrawing {
            view: map.view,
            size,
            window: self.view.axis.map(|a| (a.start(), a.end())),
        };
        let kind = DialogKind::ExportMap(drawing);
        if png {
            let filters = [("PNG pictures", "png")];
            self.save_dialog(
                kind,
                "Export the map as a PNG picture",
                &filters,
                ".map.png",
            );
        } else {
            let filters = [("SVG drawings", "svg")];
            self.save_dialog(
                kind,
                "Export the map as an SVG drawing",
                &filters,
                ".map.svg",
            );
        }
    }

    /// Shows a save dialog for `kind` (when something is shown), offering
    /// `filters` as (name, extension) and the shown file's name followed by
    /// `suffix`.
    fn save_dialog(
        &mut self,
        kind: DialogKind,
        title: &str,
        filters: &[(&str, &str)],
        suffix: &str,
    ) {
        let Some(doc) = self.doc() else { return };
        let name = doc
            .path
            .as_deref()
            .and_then(Path::file_stem)
            .and_then(|s| s.to_str())
            .unwrap_or("chronology");
        let file_name = format!("{name}{suffix}");
        self.jobs
            .show_dialog(|wake| Dialog::save(wake, kind, title, filters, file_name));
    }

    /// Writes what is shown to `path` with `write`, in the background.
    pub(super) fn save(
        &mut self,
        path: PathBuf,
        write: impl FnOnce(&Document, &Path) -> Result<(), SaveError> + Send + 'static,
    ) {
        let Some(doc) = &self.layers.doc else {
            return;
        };
        // Drafts are never written: what is shown, without them.
        match self.layers.drafts_layer() {
            Some(drafts) => {
                let layers = doc.event_layers();
                let keep = |i: usize| layers.get(i) != Some(&drafts);
                let without = std::sync::Arc::new(Document::filtered(doc, &keep, None, &[]));
                self.jobs.save(&without, path, write);
            }
            None => self.jobs.save(doc, path, write),
        }
    }

    /// Draws `[t0, t1]`, `width` points wide, to `path`, the lanes
    /// collapsed as in the window.
    pub(super) fn export_picture(&mut self, path: PathBuf, (t0, t1): (f64, f64), width: f32) {
        let collapsed = self
            .doc()
            .map_or_else(Vec::new, |d| self.view.collapsed_lanes(d));
        self.save(path, super::saving::picture(t0, t1, width, collapsed));
    }

    /// Imports the spreadsheet in the import dialog with the choices made
    /// there, and asks about the next one waiting.
    /// A choice made in the import dialog: a column, the date order, a sheet.
    pub(super) fn change_import(&mut self, command: Command) {
        let Some(dialog) = &mut self.panels.import else {
            return;
        };
        match command {
            Command::SetImportColumn { field, column } => dialog.set(&field, column),
            Command::SetImportDateOrder(order) => dialog.set_order(order),
            Command::SetImportSheet(name) => dialog.set_sheet(name),
            _ => {}
        }
    }

    pub(super) fn confirm_import(&mut self) {
        if let Some(dialog) = self.panels.close_import() {
            let options = dialog.options.clone();
            match dialog.shared_text() {
                Some(text) => self.jobs.import(&dialog.path, text, options),
                None => self.jobs.open(&dialog.path, Purpose::Open(Some(options))),
            }
        }
    }

    /// Takes in a finished load: a new layer, a layer read again, a
    /// spreadsheet for the import dialog, or a failure to show. A cancelled
    /// load changes nothing.
    pub(super) fn finish_load(&mut self, mut load: Load) {
        let Some(outcome) = load.outcome.take() else {
            return;
        };
        match (outcome, load.purpose) {
            (Outcome::Failed(LoadError::Cancelled { .. }), _) => {}
            (Outcome::Failed(e), _) => self.panels.fail(&load.path, e.to_string(), false),
            (Outcome::NeedsImport(text), _) => self.panels.ask_import(load.path, text),
            (Outcome::Loaded(mut doc), Purpose::Open(options)) => {
                doc.path = Some(load.path.clone());
                self.panels.forget_failure(&load.path);
                self.settings.remember_recent(&load.path);
                self.add_layer(*doc, false, options.unwrap_or_default());
            }
            (Outcome::Loaded(doc), Purpose::Reload(_)) => {
                let layer = self.layers.position(&load.path);
                if self.layers.replace(&load.path, *doc) {
                    // Its edits are gone with the document they applied to.
                    if let Some(i) = layer {
                        self.history.forget_layer(i, false);
                        self.layers.forget_drafts_of(i, false);
                        self.layers.files[i].saved_at = None;
                    }
                    self.panels.forget_failure(&load.path);
                    self.rebuild();
                }
            }
            (Outcome::Loaded(mut doc), Purpose::Recover(kept)) => {
                doc.path.clone_from(&kept.original);
                doc.name = kept.name;
                doc.format = kept.format;
                if let Some(dir) = kept.file.parent() {
                    let _ = std::fs::remove_dir_all(dir);
                }
                self.add_layer(*doc, false, ImportOptions::default());
                // Unsaved: saved at a step that never comes.
                if let Some(last) = self.layers.files.last_mut() {
                    last.saved_at = Some(u64::MAX);
                }
                self.jobs.autosave_due();
            }
        }
    }

    /// Adds a layer and fits the view, so its events are in sight.
    fn add_layer(&mut self, doc: Document, is_example: bool, options: ImportOptions) {
        self.layers.add(doc, is_example, options);
        self.rebuild();
        self.view.fit_all();
    }
}
