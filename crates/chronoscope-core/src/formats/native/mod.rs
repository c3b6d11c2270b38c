//! The native Chronoscope event file: JSON with sources, events and evidence.
//!
//! The format is documented in `docs/format.md`. One entry point, [`parse`]
//! (and its variants), tries the one-pass reader in [`fast`], which gives the
//! same document for files that load cleanly, and leaves everything else to
//! the located reader in [`located`], which names the line:column and field
//! path (`events[3].start`) of every error and warning. [`write`] writes
//! native files (Save as, convert), atomically; [`patch`] saves a file that
//! was opened by changing only what changed in its text.

mod fast;
mod located;
pub mod patch;
mod spans;
pub mod write;

use std::path::Path;

use super::{LoadError, Progress};
use crate::model::Document;
use fast::Stop;

/// The format version this build writes.
pub const VERSION: u64 = 3;

/// The format versions this build reads: 1; 2, which adds a source's
/// `author` and an evidence's `at`; and 3, which adds an event's `place`
/// (docs/format.md, "Versions").
pub const VERSIONS_READ: [u64; 3] = [1, 2, 3];

/// [`VERSIONS_READ`] for people: "1, 2 and 3".
fn versions_read() -> String {
    match VERSIONS_READ.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => {
            let rest: Vec<String> = rest.iter().map(u64::to_string).collect();
            format!("{} and {last}", rest.join(", "))
        }
        None => String::new(),
    }
}

/// Reads `text`, an event file at `path`; `read_text` resolves a source's
/// `text_file`, relative to the event file.
pub fn parse(
    text: &str,
    path: &Path,
    read_text: &dyn Fn(&str) -> std::io::Result<String>,
) -> Result<Document, LoadError> {
    parse_with_progress(text, path, read_text, &Progress::default())
}

/// [`parse`], reporting the bytes and events read to `progress` and stopping
/// with [`LoadError::Cancelled`] when it is cancelled.
pub fn parse_with_progress(
    text: &str,
    path: &Path,
    read_text: &dyn Fn(&str) -> std::io::Result<String>,
    progress: &Progress,
) -> Result<Document, LoadError> {
    parse_shared(
        &std::sync::Arc::new(text.to_owned()),
        path,
        read_text,
        progress,
    )
}

/// [`parse_with_progress`] of a text that the document may keep: the events
/// of a file that loads cleanly stay objects of `text`, read when looked at.
pub fn parse_shared(
    text: &std::sync::Arc<String>,
    path: &Path,
    read_text: &dyn Fn(&str) -> std::io::Result<String>,
    progress: &Progress,
) -> Result<Document, LoadError> {
    let cancelled = || LoadError::Cancelled {
        path: path.to_path_buf(),
    };
    match fast::parse(text, path, read_text, progress, None) {
        Ok(doc) => return Ok(doc),
        Err(Stop::Cancelled) => return Err(cancelled()),
        Err(Stop::Fallback) => {}
    }
    if progress.is_cancelled() {
        return Err(cancelled());
    }
    located::parse(text, path, read_text, progress)
}

/// The Chronoscope JSON importer.
pub struct Native;

impl super::import::Importer for Native {
    const FORMAT: super::Format = super::Format::Native;

    /// A JSON object with a `"chronoscope"` key.
    fn sniff(probe: &super::detect::Probe<'_>) -> super::import::Confidence {
        super::import::Confidence::certain_if(probe.json().has("chronoscope"))
    }

    fn parse(input: &super::import::Input<'_>) -> Result<Document, LoadError> {
        parse_shared(
            input.shared,
            input.path,
            &|name| input.read_beside(name),
            input.progress,
        )
    }
}

/// `#1f77b4` (or `1f77b4`) as RGB.
#[must_use]
pub fn parse_hex_color(text: &str) -> Option<[u8; 3]> {
    let hex = text.trim().strip_prefix('#').unwrap_or(text.trim());
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}
