//! Reading event files into a [`Document`].
//!
//! One entry point, [`load_file`], for the app and the command line; each
//! format lives in its own module. Errors name the file, the line:column, the
//! field and what was expected. Nothing here touches the UI.

pub mod cells;
pub mod common;
pub mod csv;
pub mod csv_write;
pub mod dates;
pub mod detect;
mod error;
pub mod files;
pub mod geojson;
pub mod html;
pub mod ical;
pub mod import;
pub mod json;
pub mod jsonl;
pub mod native;
mod progress;
pub mod records;
pub mod simile;
pub mod spreadsheet;
pub mod thetimelineproj;
pub mod timelinejs;
pub mod vis;
pub mod xls_bounds;

pub use common::{DayMonthOrder, ImportOptions};
pub use error::LoadError;
pub use files::{read_bytes_with_progress, read_text, read_text_with_progress};
pub use progress::{Progress, Stage};

use std::path::Path;

use crate::model::Document;

/// The formats Chronoscope reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Native,
    JsonLines,
    Csv,
    TimelineJs,
    Simile,
    TheTimelineProj,
    VisTimeline,
    ICalendar,
    JsonRecords,
    GeoJson,
}

impl Format {
    /// For people: "CSV", "`TimelineJS3` JSON".
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Native => "Chronoscope JSON",
            Self::JsonLines => "JSON Lines",
            Self::Csv => "CSV",
            Self::TimelineJs => "TimelineJS3 JSON",
            Self::Simile => "SIMILE Timeline",
            Self::TheTimelineProj => "Timeline (thetimelineproj)",
            Self::VisTimeline => "vis-timeline JSON",
            Self::ICalendar => "iCalendar",
            Self::JsonRecords => "JSON records",
            Self::GeoJson => "GeoJSON",
        }
    }
}

/// Every text format's importer, in the order detection prefers them when
/// two are equally sure (see [`detect::best`]). Spreadsheets are read from
/// their bytes, before any text ([`parse_bytes`]).
pub const IMPORTERS: [import::Entry; 10] = [
    import::Entry::of::<native::Native>(),
    import::Entry::of::<timelinejs::TimelineJs>(),
    import::Entry::of::<simile::Simile>(),
    import::Entry::of::<vis::VisTimeline>(),
    import::Entry::of::<thetimelineproj::TheTimelineProj>(),
    import::Entry::of::<ical::ICalendar>(),
    import::Entry::of::<geojson::GeoJson>(),
    import::Entry::of::<jsonl::JsonLines>(),
    import::Entry::of::<records::JsonRecords>(),
    import::Entry::of::<csv::Csv>(),
];

/// The format of `text`, from its content (as much of it as it takes); the
/// file name's extension only breaks ties (and picks CSV for `.csv`/`.tsv`
/// files that sniff as nothing).
#[must_use]
pub fn detect(text: &str, path: &Path) -> Option<Format> {
    detect::detect(&detect::Probe::new(text, path))
}

/// Reads the event file at `path`, in whatever supported format it is.
pub fn load_file(path: &Path) -> Result<Document, LoadError> {
    load_file_with(path, &ImportOptions::default())
}

/// Reads the event file at `path` with the user's import choices.
pub fn load_file_with(path: &Path, options: &ImportOptions) -> Result<Document, LoadError> {
    let progress = Progress::default();
    let bytes = files::read_bytes_with_progress(path, &progress)?;
    let mut doc = parse_bytes(bytes, path, options, &progress)?;
    doc.path = Some(path.to_path_buf());
    Ok(doc)
}

/// Reads `bytes`, the content of the file at `path`: a spreadsheet, or text
/// in any other format.
pub fn parse_bytes(
    bytes: Vec<u8>,
    path: &Path,
    options: &ImportOptions,
    progress: &Progress,
) -> Result<Document, LoadError> {
    if spreadsheet::sniff(&bytes).is_some() {
        progress.start(Stage::Parsing, bytes.len() as u64);
        return spreadsheet::parse(&bytes, path, options, progress);
    }
    let text = std::sync::Arc::new(files::text_of(bytes, path)?);
    parse_shared(&text, path, options, progress)
}

/// Reads `text`, the content of the file at `path` (which resolves relative
/// `text_file`s), detecting its format.
pub fn parse(text: &str, path: &Path, options: &ImportOptions) -> Result<Document, LoadError> {
    parse_with_progress(text, path, options, &Progress::default())
}

/// [`parse`], reporting to `progress` and stopping when it is cancelled.
/// CSV reports as it goes; the other formats when they are done.
pub fn parse_with_progress(
    text: &str,
    path: &Path,
    options: &ImportOptions,
    progress: &Progress,
) -> Result<Document, LoadError> {
    // The formats that keep their text keep this copy.
    parse_shared(
        &std::sync::Arc::new(text.to_owned()),
        path,
        options,
        progress,
    )
}

/// [`parse_with_progress`] of a text that the document may keep: a CSV
/// table's events stay rows of `text` instead of copies of its cells.
pub fn parse_shared(
    text: &std::sync::Arc<String>,
    path: &Path,
    options: &ImportOptions,
    progress: &Progress,
) -> Result<Document, LoadError> {
    progress.start(Stage::Parsing, text.len() as u64);
    let doc = parse_any(text, path, options, progress)?;
    if progress.is_cancelled() {
        return Err(LoadError::Cancelled {
            path: path.to_path_buf(),
        });
    }
    progress.report(text.len() as u64, doc.event_count() as u64);
    Ok(doc)
}

/// Parses `shared` as whichever format it is.
fn parse_any(
    shared: &std::sync::Arc<String>,
    path: &Path,
    options: &ImportOptions,
    progress: &Progress,
) -> Result<Document, LoadError> {
    let input = import::Input::new(shared, path, options, progress);
    let probe = detect::Probe::new(shared, path);
    match detect::best(&probe) {
        Some(importer) => (importer.parse)(&input),
        // Text that starts like JSON but is not: the native reader locates
        // the syntax error.
        None if probe.looks_like_json() && *probe.json() == detect::Json::Not => {
            <native::Native as import::Importer>::parse(&input)
        }
        None => Err(input.error(0, "", detect::refusal(&probe))),
    }
}
