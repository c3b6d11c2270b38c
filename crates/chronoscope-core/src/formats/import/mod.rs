//! The one shape every importer has, so that a new format is small.
//!
//! - [`Importer`]: how sure the format is that a file is its own
//!   ([`Importer::sniff`], from the [`Probe`] detection reads once), and
//!   how it reads the file ([`Importer::parse`]).
//! - [`Input`]: the file being read — its text, path, the user's options,
//!   the progress to report and the cancel to obey — with one line index
//!   ([`Locator`]) built once per file, so locating a warning never scans
//!   from the start.
//! - [`Import`]: the document being built. An importer turns each item of
//!   its file into a [`Draft`] and hands it over with [`Import::add`], or
//!   skips it with [`Import::skip`]; the checks every format needs (title
//!   fallback, unique ids, an end before its start) happen there, worded
//!   the same for every format, and the [`Report`] turns what was counted
//!   into the document's notes.

pub mod draft;
pub mod report;

use std::path::Path;
use std::sync::Arc;

pub use draft::{Draft, Item, Text, before_start, no_place, renamed, skipped, untitled};
pub use report::Report;

use super::common::{UniqueIds, attach_owned_text, warning};
use super::detect::Probe;
use super::{Format, ImportOptions, LoadError, Progress};
use crate::model::{Document, DocumentBuilder, Event, Location, Locator, Warning};

/// How sure a sniff is that a file is in a format. Detection takes the
/// format most sure of it; on a tie, the one listed first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    /// Not this format.
    No,
    /// Only the file name's extension says so.
    Extension,
    /// The content could be this format (a table, a list of records).
    Possible,
    /// The content has the shape of this format.
    Likely,
    /// The content has a mark only this format has.
    Certain,
}

impl Confidence {
    /// [`Confidence::Certain`] when `certain`, else [`Confidence::No`].
    #[must_use]
    pub fn certain_if(certain: bool) -> Self {
        if certain { Self::Certain } else { Self::No }
    }

    /// [`Confidence::Likely`] when `likely`, else [`Confidence::No`].
    #[must_use]
    pub fn likely_if(likely: bool) -> Self {
        if likely { Self::Likely } else { Self::No }
    }
}

/// A format Chronoscope reads.
pub trait Importer {
    /// Which format this is.
    const FORMAT: Format;

    /// How sure it is that the probed file is in this format.
    fn sniff(probe: &Probe<'_>) -> Confidence;

    /// Reads the file. Items that cannot be used are warnings; only a file
    /// that is not this format at all, or is cut off, is an error.
    fn parse(input: &Input<'_>) -> Result<Document, LoadError>;
}

/// Reads `text`, the content of the file at `path`, as importer `I`'s
/// format: for callers that hold a text rather than a file (tests, the fuzz
/// targets, the import dialog's preview).
pub fn parse_text<I: Importer>(
    text: &str,
    path: &Path,
    options: &ImportOptions,
) -> Result<Document, LoadError> {
    let shared = Arc::new(text.to_owned());
    let progress = Progress::default();
    I::parse(&Input::new(&shared, path, options, &progress))
}

/// An importer as detection and loading see it.
#[derive(Clone, Copy)]
pub struct Entry {
    pub format: Format,
    pub sniff: fn(&Probe<'_>) -> Confidence,
    pub parse: fn(&Input<'_>) -> Result<Document, LoadError>,
}

impl Entry {
    /// The entry of importer `I`.
    #[must_use]
    pub const fn of<I: Importer>() -> Self {
        Self {
            format: I::FORMAT,
            sniff: I::sniff,
            parse: I::parse,
        }
    }
}

/// The file being imported.
pub struct Input<'a> {
    /// The whole text, shared with a document that keeps rows of it.
    pub shared: &'a Arc<String>,
    pub path: &'a Path,
    pub options: &'a ImportOptions,
    pub progress: &'a Progress,
    lines: Locator<'a>,
}

impl<'a> Input<'a> {
    #[must_use]
    pub fn new(
        shared: &'a Arc<String>,
        path: &'a Path,
        options: &'a ImportOptions,
        progress: &'a Progress,
    ) -> Self {
        Self {
            shared,
            path,
            options,
            progress,
            lines: Locator::new(shared.as_str()),
        }
    }

    /// The text being read.
    #[must_use]
    pub fn text(&self) -> &'a str {
        self.shared.as_str()
    }

    /// An error at `at`, for a format that counts lines itself.
    #[must_use]
    pub fn error_at(&self, at: Location, field: impl Into<String>, message: String) -> LoadError {
        LoadError::Invalid {
            path: self.path.to_path_buf(),
            location: at,
            field: field.into(),
            message,
        }
    }

    /// The file's one line index.
    #[must_use]
    pub fn lines(&self) -> &Locator<'a> {
        &self.lines
    }

    /// The line:column of byte `offset` of the text.
    #[must_use]
    pub fn location(&self, offset: usize) -> Location {
        self.lines.locate(offset)
    }

    /// A warning at byte `offset`.
    #[must_use]
    pub fn warning(&self, offset: usize, field: impl Into<String>, message: String) -> Warning {
        let at = self.location(offset);
        warning(at.line, at.column, field, message)
    }

    /// An error at byte `offset`: the file cannot be read as this format.
    #[must_use]
    pub fn error(&self, offset: usize, field: impl Into<String>, message: String) -> LoadError {
        LoadError::Invalid {
            path: self.path.to_path_buf(),
            location: self.location(offset),
            field: field.into(),
            message,
        }
    }

    /// What to call the document: the file's name.
    #[must_use]
    pub fn name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// [`LoadError::Cancelled`] once the user has asked the load to stop.
    pub fn check_cancel(&self) -> Result<(), LoadError> {
        if self.progress.is_cancelled() {
            Err(LoadError::Cancelled {
                path: self.path.to_path_buf(),
            })
        } else {
            Ok(())
        }
    }

    /// The text of `name`, a file beside the one being read (see
    /// [`super::files::read_beside`] for what is refused).
    pub fn read_beside(&self, name: &str) -> std::io::Result<String> {
        super::files::read_beside(self.path, name)
    }
}

/// A document being imported: its events, warnings and report.
pub struct Import<'a> {
    pub input: &'a Input<'a>,
    /// Title, description, periods, sources, category colours: the
    /// importer sets them directly. Events go through [`Import::add`].
    pub doc: DocumentBuilder,
    pub report: Report,
    events: Vec<Event>,
    ids: UniqueIds,
    /// Warnings about the item being read, which belong to its event.
    pending: Vec<Warning>,
}

impl<'a> Import<'a> {
    /// An empty document of `format` ("vis-timeline JSON") for `input`,
    /// whose items are called `noun` ("item", "event", "row") in notes and
    /// warnings.
    #[must_use]
    pub fn new(input: &'a Input<'a>, format: &str, noun: &'static str) -> Self {
        let doc = DocumentBuilder {
            name: input.name(),
            format: format.to_owned(),
            ..DocumentBuilder::default()
        };
        Self {
            input,
            doc,
            report: Report::new(noun),
            events: Vec::new(),
            ids: UniqueIds::default(),
            pending: Vec::new(),
        }
    }

    /// Events added so far.
    #[must_use]
    pub fn event_count(&self) -> usize {
        self.events.len()
    }

    /// A warning about the file, or something in it that is not an event.
    pub fn warn(&mut self, at: Location, field: impl Into<String>, message: String) {
        self.doc
            .warnings
            .push(warning(at.line, at.column, field, message));
    }

    /// A warning about `item`'s `field` (`""` for the item as a whole):
    /// it belongs to the item's event if the item becomes one.
    pub fn warn_item(&mut self, item: &Item, field: &str, message: String) {
        self.warn_item_at(item, None, field, message);
    }

    /// [`Import::warn_item`] located at `at`, where the field was written,
    /// when it is known; else at the item.
    pub fn warn_item_at(
        &mut self,
        item: &Item,
        at: Option<Location>,
        field: &str,
        message: String,
    ) {
        let at = at.unwrap_or(item.at);
        self.pending
            .push(warning(at.line, at.column, item.field(field), message));
    }

    /// Leaves `item` out because of `why` (its `field`, or `""`): a warning
    /// "`item 3: why; skipped`", counted in the report.
    pub fn skip(&mut self, item: &Item, field: &str, why: &str) {
        self.report.skipped(item.noun);
        let message = skipped(item.noun, item.number, why);
        // What was said about the item stays, without an event to point at.
        self.doc.warnings.append(&mut self.pending);
        self.warn(item.at, item.field(field), message);
    }

    /// Drops `item`'s end (its `field`) because of `why`: a warning
    /// "`why; end dropped`", counted in the report.
    pub fn drop_end(&mut self, item: &Item, field: &str, why: &str) {
        self.report.end_dropped();
        self.warn_item(item, field, format!("{why}; end dropped"));
    }

    /// Makes `draft`, read from `item`, an event: the title fallback, a
    /// unique id and a usable end (see [`Draft`]); returns its index.
    pub fn add(&mut self, item: &Item, draft: Draft) -> usize {
        let index = self.events.len();
        let (event, text) = draft.into_event(item, self);
        self.events.push(event);
        if let (Some(text), Some(event)) = (text, self.events.last_mut()) {
            attach_owned_text(&mut self.doc, event, text.title, text.body, text.url);
        }
        for mut w in self.pending.drain(..) {
            w.event = Some(index);
            self.doc.warnings.push(w);
        }
        self.report.imported();
        index
    }

    /// The document, its notes written from the report and its events
    /// sorted; `items` is how many items of the report's noun the file had.
    #[must_use]
    pub fn finish(mut self, items: usize) -> Document {
        self.doc.warnings.append(&mut self.pending);
        self.report.write(items, &mut self.doc.notes);
        self.doc.events = self.events;
        self.doc.build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn item(number: usize) -> Item {
        Item {
            noun: "item",
            number,
            at: Location {
                line: number,
                column: 3,
            },
            path: format!("items[{}]", number - 1),
        }
    }

    fn draft(title: Option<&str>, id: Option<&str>, start: &str, end: Option<&str>) -> Draft {
        let mut draft = Draft::new(Date::parse(start).unwrap());
        draft.title = title.map(str::to_owned);
        draft.id = id.map(str::to_owned);
        draft.end = end.map(|e| Date::parse(e).unwrap());
        draft
    }

    fn import_all(drafts: Vec<Option<Draft>>) -> Document {
        let text = Arc::new(String::from("[]"));
        let (options, progress) = (ImportOptions::default(), Progress::default());
        let input = Input::new(&text, Path::new("x.json"), &options, &progress);
        let mut import = Import::new(&input, "test JSON", "item");
        let n = drafts.len();
        for (i, draft) in drafts.into_iter().enumerate() {
            match draft {
                Some(draft) => {
                    import.add(&item(i + 1), draft);
                }
                None => import.skip(&item(i + 1), "start", "no start"),
            }
        }
        import.finish(n)
    }

    #[test]
    fn drafts_get_titles_unique_ids_and_usable_ends() {
        let doc = import_all(vec![
            Some(draft(Some(" Summit "), Some("a"), "2024-06-19", None)),
            Some(draft(None, Some("a"), "2024-06-20", Some("2024-06-18"))),
            None,
            Some(draft(
                Some("Strike"),
                None,
                "2024-06-21",
                Some("2024-06-21"),
            )),
            Some(draft(Some("Talks"), None, "2024-06-22", Some("2024-06-24"))),
        ]);
        let events: Vec<_> = doc.iter_events().map(|e| (*e).clone()).collect();
        let ids: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "a-2", "item-4", "item-5"]);
        assert_eq!(events[0].title, "Summit");
        assert_eq!(events[1].title, "(untitled)");
        assert_eq!(events[1].end, None, "an end before the start is dropped");
        assert_eq!(events[2].end, None, "an end equal to the start is no end");
        assert!(events[3].end.is_some());
        let warnings: Vec<String> = doc
            .warnings
            .iter()
            .map(|w| format!("{} {} {}: {:?}", w.location, w.field, w.message, w.event))
            .collect();
        assert_eq!(
            warnings,
            [
                "2:3 items[1].title no title: titled \"(untitled)\": Some(1)",
                "2:3 items[1].id id \"a\" is used by an earlier item; renamed \"a-2\": Some(1)",
                "2:3 items[1].end the end 2024-06-18 is before the start 2024-06-20; end dropped: Some(1)",
                "3:3 items[2].start item 3: no start; skipped: None",
            ]
        );
        assert_eq!(
            doc.notes,
            [
                "4 of 5 items imported",
                "1 item without a title titled \"(untitled)\" (see warnings)",
                "renamed 1 duplicate id (see warnings)",
                "dropped 1 unusable end (see warnings)",
                "skipped 1 item (see warnings)",
            ]
        );
        assert_eq!(doc.format, "test JSON");
        assert_eq!(doc.name, "x.json");
    }
}
