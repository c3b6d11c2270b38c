//! Reading event files into a [`Document`].
//!
//! One entry point, [`load_file`], for the app and the command line; each
//! format lives in its own module. Errors name the file, the line:column, the
//! field and what was expected. Nothing here touches the UI.

pub mod common;
pub mod csv;
pub mod csv_write;
pub mod dates;
mod error;
pub mod html;
pub mod ical;
pub mod json;
pub mod jsonl;
pub mod native;
mod native_fast;
pub mod native_write;
mod progress;
pub mod simile;
pub mod thetimelineproj;
pub mod timelinejs;
pub mod vis;

pub use common::{DayMonthOrder, ImportOptions};
pub use error::LoadError;
pub use progress::{Progress, Stage};

use std::path::Path;

use crate::model::{Document, Location};

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
        }
    }
}

/// Tells from a file's text whether it is in one format.
type Sniffer = fn(&str) -> bool;

/// Whether `text` is a native Chronoscope file: a JSON object with a
/// `"chronoscope"` version key near its start.
fn is_native(text: &str) -> bool {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    body.starts_with('{')
        && body
            .get(..body.len().min(4096))
            .is_some_and(|h| h.contains("\"chronoscope\""))
}

/// The format of `text`, from its content; the file name's extension only
/// breaks ties (and picks CSV for `.csv`/`.tsv` files that sniff as nothing).
#[must_use]
pub fn detect(text: &str, path: &Path) -> Option<Format> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    // Most specific first: each sniffer looks for its format's own markers.
    let sniffers: [(Format, Sniffer); 7] = [
        (Format::Native, is_native),
        (Format::TimelineJs, timelinejs::sniff),
        (Format::ICalendar, ical::sniff),
        (Format::TheTimelineProj, thetimelineproj::sniff),
        (Format::Simile, simile::sniff),
        (Format::VisTimeline, vis::sniff),
        (Format::JsonLines, jsonl::sniff),
    ];
    if let Some((format, _)) = sniffers.iter().find(|(_, sniff)| sniff(text)) {
        return Some(*format);
    }
    if csv::sniff(text) || matches!(ext.as_str(), "csv" | "tsv" | "tab") {
        return Some(Format::Csv);
    }
    None
}

/// Reads the event file at `path`, in whatever supported format it is.
pub fn load_file(path: &Path) -> Result<Document, LoadError> {
    load_file_with(path, &ImportOptions::default())
}

/// Reads the file at `path` as text (UTF-8, a byte order mark is kept for the
/// parser to skip).
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    read_text_with_progress(path, &Progress::default())
}

/// [`read_text`], reporting the bytes read to `progress` and stopping with
/// [`LoadError::Cancelled`] when it is cancelled.
pub fn read_text_with_progress(path: &Path, progress: &Progress) -> Result<String, LoadError> {
    use std::io::Read as _;
    const CHUNK: usize = 4 << 20;
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_or(0, |m| m.len());
    progress.start(Stage::Reading, size);
    #[cfg(unix)]
    let halves = read_halves(&file, size, progress, path)?;
    #[cfg(not(unix))]
    let halves = None;
    let bytes = if let Some(bytes) = halves {
        bytes
    } else {
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
        loop {
            if progress.is_cancelled() {
                return Err(LoadError::Cancelled {
                    path: path.to_path_buf(),
                });
            }
            let before = bytes.len();
            let read = (&mut file)
                .take(CHUNK as u64)
                .read_to_end(&mut bytes)
                .map_err(io)?;
            progress.report(bytes.len() as u64, 0);
            if read == 0 || bytes.len() == before {
                break;
            }
        }
        bytes
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
            return Err(LoadError::Invalid {
                path: path.to_path_buf(),
                location: Location::of_offset(&valid, offset),
                field: String::new(),
                message: "the file is not valid UTF-8 text".into(),
            });
        }
    };
    Ok(text)
}

/// Files at least this large are read by two threads, each reading half.
#[cfg(unix)]
const READ_HALVES_MIN: u64 = 16 << 20;

/// A large file's bytes, read by two threads (copying from the page cache
/// is most of reading a cached file, and it divides); `None` when the file
/// is small, or its size changed while it was read (then it is read again
/// in one go).
#[cfg(unix)]
fn read_halves(
    file: &std::fs::File,
    size: u64,
    progress: &Progress,
    path: &Path,
) -> Result<Option<Vec<u8>>, LoadError> {
    use std::os::unix::fs::FileExt as _;
    use std::sync::atomic::{AtomicU64, Ordering};
    const CHUNK: usize = 4 << 20;
    let Ok(len) = usize::try_from(size) else {
        return Ok(None);
    };
    if size < READ_HALVES_MIN
        || std::thread::available_parallelism().map_or(1, std::num::NonZero::get) < 2
    {
        return Ok(None);
    }
    let mut bytes = vec![0_u8; len];
    let done = AtomicU64::new(0);
    // Fills `part`, which starts at byte `at` of the file: `Ok(false)` when
    // the file ended early.
    let read_part = |part: &mut [u8], at: usize| -> Result<bool, LoadError> {
        let mut filled = 0;
        while filled < part.len() {
            if progress.is_cancelled() {
                return Err(LoadError::Cancelled {
                    path: path.to_path_buf(),
                });
            }
            let end = (filled + CHUNK).min(part.len());
            let read = file
                .read_at(&mut part[filled..end], (at + filled) as u64)
                .map_err(|source| LoadError::Io {
                    path: path.to_path_buf(),
                    source,
                })?;
            if read == 0 {
                return Ok(false);
            }
            filled += read;
            let total = done.fetch_add(read as u64, Ordering::Relaxed) + read as u64;
            progress.report(total, 0);
        }
        Ok(true)
    };
    let middle = len / 2;
    let (first, second) = bytes.split_at_mut(middle);
    let (first_whole, second_whole) = std::thread::scope(|scope| {
        let second = scope.spawn(|| read_part(second, middle));
        (read_part(first, 0), second.join())
    });
    let second_whole = match second_whole {
        Ok(whole) => whole,
        Err(panic) => std::panic::resume_unwind(panic),
    };
    let whole = first_whole? && second_whole?;
    // One byte more would mean the file grew.
    let grew = file.read_at(&mut [0_u8], size).map_or(true, |n| n > 0);
    Ok((whole && !grew).then_some(bytes))
}

/// Reads the event file at `path` with the user's import choices.
pub fn load_file_with(path: &Path, options: &ImportOptions) -> Result<Document, LoadError> {
    let text = std::sync::Arc::new(read_text(path)?);
    let mut doc = parse_shared(&text, path, options, &Progress::default())?;
    doc.path = Some(path.to_path_buf());
    Ok(doc)
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
    let text = shared.as_str();
    let base = path.parent().unwrap_or(Path::new(""));
    let read_text = |name: &str| std::fs::read_to_string(base.join(name));
    match detect(text, path) {
        Some(Format::Native) => native::parse_shared(shared, path, &read_text, progress),
        Some(Format::JsonLines) => jsonl::parse_with_progress(text, path, options, progress),
        Some(Format::Csv) => csv::parse_shared(shared, path, options, progress),
        Some(Format::TimelineJs) => timelinejs::parse(text, path, options),
        Some(Format::Simile) => simile::parse(text, path, options),
        Some(Format::TheTimelineProj) => thetimelineproj::parse(text, path, options),
        Some(Format::VisTimeline) => vis::parse(text, path, options),
        Some(Format::ICalendar) => ical::parse(text, path, options),
        // JSON that is none of the above: read as native, whose errors say
        // what a Chronoscope file needs.
        None if text.trim_start_matches('\u{feff}').trim_start().starts_with(['{', '[']) => {
            native::parse_shared(shared, path, &read_text, progress)
        }
        None => Err(LoadError::Invalid {
            path: path.to_path_buf(),
            location: Location { line: 1, column: 1 },
            field: String::new(),
            message: "not a format Chronoscope reads: expected Chronoscope JSON, CSV/TSV, JSON Lines, \
                      TimelineJS3 JSON, SIMILE XML/JSON, a .timeline file, vis-timeline JSON or iCalendar"
                .into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> (String, std::path::PathBuf) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join("tests/data")
            .join(name);
        (std::fs::read_to_string(&path).unwrap(), path)
    }

    #[test]
    fn every_fixture_is_detected_by_its_content() {
        let cases = [
            ("siege.json", Format::Native),
            ("csv/missile_launches.csv", Format::Csv),
            ("csv/incident_log.tsv", Format::Csv),
            ("csv/timelinejs_template.csv", Format::Csv),
            ("jsonl/events.jsonl", Format::JsonLines),
            ("timelinejs/ancient-rome.json", Format::TimelineJs),
            ("simile/assassination.xml", Format::Simile),
            ("simile/history.json", Format::Simile),
            ("thetimelineproj/project.timeline", Format::TheTimelineProj),
            ("vis/launch-schedule.json", Format::VisTimeline),
            ("ical/field-season.ics", Format::ICalendar),
        ];
        for (name, format) in cases {
            let (text, path) = fixture(name);
            assert_eq!(detect(&text, &path), Some(format), "{name}");
            // The content decides, not the name.
            assert_eq!(
                detect(&text, Path::new("renamed.txt")),
                Some(format),
                "{name} renamed"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_large_file_read_in_halves_is_the_file() {
        let path =
            std::env::temp_dir().join(format!("chronoscope-halves-{}.csv", std::process::id()));
        let line = "2024-06-19,Summit in Pyongyang,\"a quoted, longer text é\"\n";
        let text = line.repeat((READ_HALVES_MIN as usize) / line.len() + 1_001);
        std::fs::write(&path, &text).unwrap();
        let progress = Progress::default();
        let read = read_text_with_progress(&path, &progress);
        std::fs::remove_file(&path).unwrap();
        assert!(read.unwrap() == text);
        assert_eq!(progress.bytes(), text.len() as u64);
    }

    #[test]
    fn unknown_content_is_a_located_error_naming_the_formats() {
        let err = parse(
            "just some words\n",
            Path::new("notes.txt"),
            &ImportOptions::default(),
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("notes.txt:1:1: not a format Chronoscope reads"),
            "{text}"
        );
        assert!(text.contains("iCalendar"), "{text}");
        // JSON that is no known format gets the native loader's explanation.
        let err = parse(
            "{\"hello\": 1}",
            Path::new("x.json"),
            &ImportOptions::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("chronoscope"), "{err}");
    }

    #[test]
    fn format_names_match_what_importers_write() {
        for (name, format) in [
            ("timelinejs/ancient-rome.json", Format::TimelineJs),
            ("ical/field-season.ics", Format::ICalendar),
        ] {
            let (text, path) = fixture(name);
            let doc = parse(&text, &path, &ImportOptions::default()).unwrap();
            assert_eq!(doc.format, format.name(), "{name}");
        }
    }
}
