//! Writing what is shown to a file on a background thread (Save as, the
//! exports): a large file takes seconds, and the window keeps drawing. A
//! [`Save`] is a [`Job`] that cannot be stopped; a failure is shown like a
//! failed load.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::job::{Job, Poll};
use crate::formats::native::write::{SaveError, write_atomically};
use crate::model::Document;

/// One file being written.
pub struct Save {
    pub path: PathBuf,
    /// For an open file's edits saved: the layer and the history step
    /// saved (`None` for Save as of what is shown and the exports).
    pub layer: Option<(usize, Option<u64>)>,
    job: Job<Result<(), String>, ()>,
}

impl Save {
    /// Writes `doc` to `path` with `write` on its own thread.
    #[must_use]
    pub fn start(
        wake: &egui::Context,
        doc: &Arc<Document>,
        path: PathBuf,
        write: impl FnOnce(&Document, &Path) -> Result<(), SaveError> + Send + 'static,
    ) -> Self {
        let (doc, thread_path) = (Arc::clone(doc), path.clone());
        let label = format!("Saving {}", path.display());
        let job = Job::spawn(wake, label, (), move |()| {
            write(&doc, &thread_path).map_err(|e| e.to_string())
        });
        Self {
            path,
            layer: None,
            job,
        }
    }

    /// The outcome once written: `Some(Err(message))` when it failed.
    #[must_use]
    pub fn poll(&self) -> Option<Result<(), String>> {
        match self.job.poll() {
            Poll::Running => None,
            Poll::Done(result) => Some(result),
            Poll::Died => Some(Err("the writer stopped unexpectedly".to_owned())),
        }
    }

    /// "Saving /path/to/file".
    #[must_use]
    pub fn label(&self) -> &str {
        self.job.label()
    }
}

/// A writer that draws the map of the document's places as `drawing`
/// says: a PNG picture when the file's name ends in `.png`, else an SVG
/// drawing. The places are read on the writer's thread.
pub fn map_picture(
    drawing: crate::map_svg::MapDrawing,
) -> impl FnOnce(&Document, &Path) -> Result<(), SaveError> + Send + 'static {
    move |doc, path| {
        let places = crate::places::PlaceIndex::of(doc);
        write_drawing(crate::map_svg::render(doc, &places, &drawing), path)
    }
}

/// Writes an SVG drawing to `path`, rasterized as a PNG picture when its
/// name ends in `.png`.
fn write_drawing(svg: String, path: &Path) -> Result<(), SaveError> {
    let png = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("png"));
    let bytes = if png {
        crate::png::from_svg(&svg, crate::png::SCALE).map_err(|e| SaveError {
            path: path.to_path_buf(),
            source: std::io::Error::other(e),
        })?
    } else {
        svg.into_bytes()
    };
    write_atomically(path, |f| std::io::Write::write_all(f, &bytes))
}

/// A writer that draws `[t0, t1]`, `width` points wide, with the lanes
/// `collapsed` as in the window: a PNG picture when the file's name ends
/// in `.png`, else an SVG drawing.
pub fn picture(
    t0: f64,
    t1: f64,
    width: f32,
    collapsed: Vec<bool>,
) -> impl FnOnce(&Document, &Path) -> Result<(), SaveError> + Send + 'static {
    move |doc, path| write_drawing(crate::svg::render(doc, t0, t1, width, &collapsed), path)
}
