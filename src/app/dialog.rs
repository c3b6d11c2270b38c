//! The system's file dialogs (open, save, export), shown on their own
//! thread because they block: the window keeps drawing, and the answer
//! becomes commands when it comes.

use std::path::{Path, PathBuf};

use super::Command;
use super::job::{Job, Poll};

/// What a file dialog was opened for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DialogKind {
    Open,
    Save,
    ExportCsv,
    /// The time range and width to draw.
    ExportPicture(f64, f64, f32),
    /// The map as it is drawn: view, size and time window.
    ExportMap(crate::map_svg::MapDrawing),
    /// A text or page to add as a source.
    AddSource,
    /// A new name for an open file's edits (layer `n`).
    SaveLayer(usize),
}

impl DialogKind {
    /// The command that does what the dialog was for with `path`.
    #[must_use]
    pub fn command(self, path: PathBuf) -> Command {
        match self {
            Self::Open => Command::Open(path),
            Self::Save => Command::SaveAs(path),
            Self::ExportCsv => Command::ExportCsv(path),
            Self::ExportPicture(t0, t1, width) => Command::ExportPicture {
                path,
                t0,
                t1,
                width,
            },
            Self::ExportMap(drawing) => Command::ExportMap(path, drawing),
            Self::AddSource => Command::AddSource(path),
            Self::SaveLayer(layer) => Command::SaveLayerAs(layer, path),
        }
    }
}

/// A file dialog being shown.
pub struct Dialog {
    kind: DialogKind,
    job: Job<Vec<PathBuf>, ()>,
}

impl Dialog {
    /// Shows the dialog to open event files, in `dir` when known.
    #[must_use]
    pub fn open(wake: &egui::Context, dir: Option<&Path>) -> Self {
        let mut dialog = rfd::FileDialog::new()
            .set_title("Open an event file")
            .add_filter(
                "Event files",
                &[
                    "json", "jsonl", "csv", "tsv", "tab", "xlsx", "xlsm", "xls", "ods", "xml",
                    "timeline", "ics", "geojson",
                ],
            )
            .add_filter("Chronoscope event files", &["json"])
            .add_filter(
                "Spreadsheets",
                &["csv", "tsv", "xlsx", "xlsm", "xls", "ods"],
            )
            .add_filter("All files", &["*"]);
        if let Some(dir) = dir {
            dialog = dialog.set_directory(dir);
        }
        Self::spawn(wake, DialogKind::Open, move || {
            dialog.pick_files().unwrap_or_default()
        })
    }

    /// Shows the dialog to pick texts or pages to add as sources.
    #[must_use]
    pub fn add_source(wake: &egui::Context, dir: Option<&Path>) -> Self {
        let mut dialog = rfd::FileDialog::new()
            .set_title("Add a source: a text, or a page saved from a browser")
            .add_filter(
                "Texts and pages",
                &["txt", "md", "markdown", "html", "htm", "xhtml"],
            )
            .add_filter("All files", &["*"]);
        if let Some(dir) = dir {
            dialog = dialog.set_directory(dir);
        }
        Self::spawn(wake, DialogKind::AddSource, move || {
            dialog.pick_files().unwrap_or_default()
        })
    }

    /// Shows a save dialog for `kind` titled `title`, offering `filters` as
    /// (name, extension) and `file_name`.
    #[must_use]
    pub fn save(
        wake: &egui::Context,
        kind: DialogKind,
        title: &str,
        filters: &[(&str, &str)],
        file_name: String,
    ) -> Self {
        let mut dialog = rfd::FileDialog::new()
            .set_title(title)
            .set_file_name(file_name);
        for (filter, extension) in filters {
            dialog = dialog.add_filter(*filter, &[*extension]);
        }
        Self::spawn(wake, kind, move || dialog.save_file().into_iter().collect())
    }

    /// [`Self::save`], in folder `dir` when known.
    #[must_use]
    pub fn save_in(
        wake: &egui::Context,
        kind: DialogKind,
        title: &str,
        filters: &[(&str, &str)],
        file_name: String,
        dir: Option<&Path>,
    ) -> Self {
        let mut dialog = rfd::FileDialog::new()
            .set_title(title)
            .set_file_name(file_name);
        for (filter, extension) in filters {
            dialog = dialog.add_filter(*filter, &[*extension]);
        }
        if let Some(dir) = dir {
            dialog = dialog.set_directory(dir);
        }
        Self::spawn(wake, kind, move || dialog.save_file().into_iter().collect())
    }

    fn spawn<F>(wake: &egui::Context, kind: DialogKind, show: F) -> Self
    where
        F: FnOnce() -> Vec<PathBuf> + Send + 'static,
    {
        Self {
            kind,
            job: Job::spawn(wake, "a file dialog", (), move |()| show()),
        }
    }

    /// The commands the answer asks for, once the user answered (none when
    /// the dialog was cancelled).
    #[must_use]
    pub fn poll(&self) -> Option<Vec<Command>> {
        match self.job.poll() {
            Poll::Running => None,
            Poll::Done(paths) => Some(paths.into_iter().map(|p| self.kind.command(p)).collect()),
            Poll::Died => Some(Vec::new()),
        }
    }
}
