//! Loading files on a background thread, so the window stays responsive
//! while a large file is read: a [`Load`] reads and parses one file as a
//! [`Job`], reports its progress, and can be cancelled. The app polls
//! finished loads each frame and only then changes what is open; a
//! cancelled or failed load changes nothing.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::import_dialog::TableFile;
use super::job::{Job, Poll};
use crate::formats::{self, Format, ImportOptions, LoadError, Progress};
use crate::model::Document;

/// Why a file is being loaded.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    /// To open it as a new layer with these choices; `None` means a
    /// spreadsheet goes through the import dialog first.
    Open(Option<ImportOptions>),
    /// To reread an open layer with the choices it was imported with.
    Reload(ImportOptions),
    /// To open edits kept by a run that ended without saving them, as an
    /// unsaved file in place of the one they are the edits of.
    Recover(super::autosave::Kept),
}

/// What a finished job gives.
#[derive(Debug)]
pub enum Outcome {
    Loaded(Box<Document>),
    /// A table whose columns the user should confirm: its content.
    NeedsImport(TableFile),
    Failed(LoadError),
}

/// One file loading.
pub struct Load {
    pub path: PathBuf,
    pub purpose: Purpose,
    job: Job<Outcome, Progress>,
    /// The outcome once received, kept until it may be applied (files
    /// opened together become layers in the order they were asked for).
    pub outcome: Option<Outcome>,
}

impl Load {
    /// Reads and parses `path` for `purpose`.
    #[must_use]
    pub fn start(ctx: &egui::Context, path: &Path, purpose: Purpose) -> Self {
        let thread_path = path.to_path_buf();
        let thread_purpose = purpose.clone();
        Self::spawn(ctx, path, purpose, move |progress| {
            let bytes = match formats::read_bytes_with_progress(&thread_path, progress) {
                Ok(bytes) => bytes,
                Err(e) => return Outcome::Failed(e),
            };
            if formats::spreadsheet::sniff(&bytes).is_some()
                || formats::spreadsheet::is_legacy_excel(&bytes)
            {
                let options = match thread_purpose {
                    Purpose::Open(None) if formats::spreadsheet::sniff(&bytes).is_some() => {
                        return Outcome::NeedsImport(TableFile::Sheets(Arc::new(bytes)));
                    }
                    Purpose::Open(None) | Purpose::Recover(_) => ImportOptions::default(),
                    Purpose::Open(Some(options)) | Purpose::Reload(options) => options,
                };
                return loaded(
                    formats::parse_bytes(bytes, &thread_path, &options, progress),
                    &thread_path,
                );
            }
            let text = match formats::files::text_of(bytes, &thread_path) {
                Ok(text) => text,
                Err(e) => return Outcome::Failed(e),
            };
            let options = match thread_purpose {
                Purpose::Open(None) => {
                    match formats::detect(&text, &thread_path) {
                        Some(Format::Csv) => return Outcome::NeedsImport(TableFile::Text(text)),
                        Some(Format::JsonRecords) => {
                            return Outcome::NeedsImport(TableFile::Records(text));
                        }
                        Some(Format::GeoJson)
                            if formats::geojson::needs_mapping(&text, &thread_path) =>
                        {
                            return Outcome::NeedsImport(TableFile::Features(text));
                        }
                        _ => {}
                    }
                    ImportOptions::default()
                }
                Purpose::Open(Some(options)) | Purpose::Reload(options) => options,
                Purpose::Recover(_) => ImportOptions::default(),
            };
            parse(&Arc::new(text), &thread_path, &options, progress)
        })
    }

    /// Parses a spreadsheet's `text`, already read, with the user's choices.
    #[must_use]
    pub fn import(
        ctx: &egui::Context,
        path: &Path,
        text: Arc<String>,
        options: ImportOptions,
    ) -> Self {
        let thread_path = path.to_path_buf();
        let thread_options = options.clone();
        Self::spawn(ctx, path, Purpose::Open(Some(options)), move |progress| {
            parse(&text, &thread_path, &thread_options, progress)
        })
    }

    fn spawn<F>(ctx: &egui::Context, path: &Path, purpose: Purpose, work: F) -> Self
    where
        F: FnOnce(&Progress) -> Outcome + Send + 'static,
    {
        let verb = match purpose {
            Purpose::Open(_) => "Opening",
            Purpose::Reload(_) => "Reloading",
            Purpose::Recover(_) => "Restoring unsaved edits of",
        };
        let label = format!("{verb} {}", name(path));
        Self {
            path: path.to_path_buf(),
            purpose,
            job: Job::spawn(ctx, label, Progress::default(), work),
            outcome: None,
        }
    }

    /// Receives the outcome if the thread has finished; true once it has.
    pub fn poll(&mut self) -> bool {
        if self.outcome.is_none() {
            self.outcome = match self.job.poll() {
                Poll::Done(outcome) => Some(outcome),
                Poll::Running => None,
                Poll::Died => Some(Outcome::Failed(LoadError::Invalid {
                    path: self.path.clone(),
                    location: crate::model::Location::default(),
                    field: String::new(),
                    message: "the loader stopped unexpectedly; please report this file".into(),
                })),
            };
        }
        self.outcome.is_some()
    }

    /// Asks the thread to stop; its outcome will be ignored.
    pub fn cancel(&self) {
        self.job.cancel();
    }

    /// Whether the progress should be on screen yet.
    #[must_use]
    pub fn visible(&self) -> bool {
        self.job.visible()
    }

    /// "Opening events.json", "Reloading events.json".
    #[must_use]
    pub fn label(&self) -> &str {
        self.job.label()
    }

    /// How far it got, 0 to 1.
    #[must_use]
    pub fn fraction(&self) -> f32 {
        self.job.progress().fraction()
    }

    /// "Reading 120.3 of 380.0 MB", "Reading events: 120.3 of 380.0 MB,
    /// 310,000 events", or "Sorting and indexing 1,000,000 events".
    #[must_use]
    pub fn status(&self) -> String {
        let p = self.job.progress();
        #[allow(clippy::cast_precision_loss)] // megabytes for people
        let mb = |b: u64| b as f64 / 1e6;
        let events = crate::calendar::group_thousands(i64::try_from(p.events()).unwrap_or(0));
        match p.stage() {
            formats::Stage::Reading => {
                format!("Reading {:.1} of {:.1} MB", mb(p.bytes()), mb(p.total()))
            }
            formats::Stage::Parsing if p.bytes() >= p.total() && p.total() > 0 => {
                format!("Sorting and indexing {events} events")
            }
            formats::Stage::Parsing => format!(
                "Reading events: {:.1} of {:.1} MB, {events} events",
                mb(p.bytes()),
                mb(p.total())
            ),
        }
    }
}

/// A file's name, for people.
fn name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn parse(text: &Arc<String>, path: &Path, options: &ImportOptions, progress: &Progress) -> Outcome {
    loaded(formats::parse_shared(text, path, options, progress), path)
}

/// The outcome of a parse of the file at `path`.
fn loaded(result: Result<Document, LoadError>, path: &Path) -> Outcome {
    match result {
        Ok(mut doc) => {
            doc.path = Some(path.to_path_buf());
            Outcome::Loaded(Box::new(doc))
        }
        Err(e) => Outcome::Failed(e),
    }
}
