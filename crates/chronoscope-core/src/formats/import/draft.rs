//! An event as an importer read it, before the checks every format needs:
//! a title when the file gives none, an id unique in the file, an end that
//! is not before the start. Done here once, so every format words its
//! warnings the same way.

use super::Import;
use crate::model::{Attributes, Date, Event, Location, Place, PlaceProblem};

/// Why an end is not used: "the end 2024-06-18 is before the start
/// 2024-06-20", in every format's words.
#[must_use]
pub fn before_start(end: &Date, start: &Date) -> String {
    format!(
        "the end {} is before the start {}",
        end.to_edtf(),
        start.to_edtf()
    )
}

/// The warning of an item without a title, its title taken from `field`.
#[must_use]
pub fn untitled(field: &str) -> String {
    format!("no {field}: titled \"(untitled)\"")
}

/// The warning of an item left out: "`row 5: no start date; skipped`".
#[must_use]
pub fn skipped(noun: &str, number: usize, why: &str) -> String {
    format!("{noun} {number}: {why}; skipped")
}

/// The warning of an id an earlier `noun` has, given as `id` instead.
#[must_use]
pub fn renamed(wanted: &str, id: &str, noun: &str) -> String {
    format!("id {wanted:?} is used by an earlier {noun}; renamed {id:?}")
}

/// The warning of coordinates that cannot be a place (`what` names them as
/// written: `GEO "120.5;33.1"`): the event keeps everything else.
#[must_use]
pub fn no_place(what: &str, problem: &PlaceProblem) -> String {
    format!("{what}: {problem}; no place")
}

/// Where an item is in its file, for its warnings.
#[derive(Clone, Debug)]
pub struct Item {
    /// What the format calls it: "item", "event", "row", "line".
    pub noun: &'static str,
    /// Its number in the file, from 1.
    pub number: usize,
    /// Where it starts.
    pub at: Location,
    /// The field path of the item (`items[3]`), or `""` when its fields
    /// are named alone (a CSV column, an XML attribute).
    pub path: String,
}

impl Item {
    /// The item's `field` as warnings name it: `items[3].end`, or `end`.
    #[must_use]
    pub fn field(&self, field: &str) -> String {
        match (self.path.is_empty(), field.is_empty()) {
            (true, _) => field.to_owned(),
            (false, true) => self.path.clone(),
            (false, false) => format!("{}.{field}", self.path),
        }
    }
}

/// A text that becomes the event's own source: its description or notes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Text {
    /// The source's title: usually the event's title.
    pub title: String,
    pub body: String,
    pub url: Option<String>,
}

/// An event as read, with what the file gave; [`Import::add`] makes it an
/// [`Event`].
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// The id the file gives; `None`: `item-3` ([`Draft::id_prefix`], or
    /// the item's noun, and its number). Renamed `-2`, `-3`, … with a
    /// warning when an earlier item has it.
    pub id: Option<String>,
    /// The field the id comes from, named in its warning (`"id"`, `"unique_id"`).
    pub id_field: &'static str,
    /// What a made-up id starts with, when not the item's noun (`"event"`
    /// for `TimelineJS` slides).
    pub id_prefix: Option<&'static str>,
    /// The title, on one line; `None` or blank: `(untitled)`, with a warning.
    pub title: Option<String>,
    /// The field the title comes from, named in the warning when there is
    /// none (`"title"`, `"headline"`, `"content"`).
    pub title_field: &'static str,
    pub start: Date,
    /// Dropped with a warning when it ends before the start begins; `None`
    /// when it is the start itself.
    pub end: Option<Date>,
    /// The field the end comes from, for its warning (`"end"`, `"end_date"`).
    pub end_field: &'static str,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub url: Option<String>,
    pub links: Vec<String>,
    pub attributes: Attributes,
    /// Where it happened, already checked ([`Place::checked`]).
    pub place: Option<Place>,
    /// The item's own text, kept as a source the event cites.
    pub text: Option<Text>,
    /// Where (byte offsets in the text) the id, title and end were
    /// written, when a warning about one of them belongs there rather than
    /// at the item's start; located only if a warning is given.
    pub id_at: Option<usize>,
    pub title_at: Option<usize>,
    pub end_at: Option<usize>,
}

impl Draft {
    /// A draft starting at `start`, with nothing else known yet.
    #[must_use]
    pub fn new(start: Date) -> Self {
        Self {
            id: None,
            id_field: "id",
            id_prefix: None,
            title: None,
            title_field: "title",
            start,
            end: None,
            end_field: "end",
            category: None,
            tags: Vec::new(),
            summary: None,
            url: None,
            links: Vec::new(),
            attributes: Attributes::new(),
            place: None,
            text: None,
            id_at: None,
            title_at: None,
            end_at: None,
        }
    }

    /// The event, and the text to attach to it as its source.
    pub(super) fn into_event(self, item: &Item, import: &mut Import<'_>) -> (Event, Option<Text>) {
        let title = match self.title.as_deref().map(str::trim) {
            Some(title) if !title.is_empty() => {
                let trimmed = title.len();
                let mut title = self.title.unwrap_or_default();
                if trimmed != title.len() {
                    title = title.trim().to_owned();
                }
                title
            }
            _ => {
                import.report.untitled();
                let why = untitled(self.title_field);
                let at = self.title_at.map(|o| import.input.location(o));
                import.warn_item_at(item, at, self.title_field, why);
                "(untitled)".to_owned()
            }
        };
        let wanted = self.id.unwrap_or_else(|| {
            let prefix = self.id_prefix.unwrap_or(item.noun);
            format!("{prefix}-{}", item.number)
        });
        let id = import.ids.claim(&wanted);
        if id != wanted {
            import.report.renamed();
            let why = renamed(&wanted, &id, item.noun);
            let at = self.id_at.map(|o| import.input.location(o));
            import.warn_item_at(item, at, self.id_field, why);
        }
        let end = match self.end {
            Some(end) if end.end_seconds() <= self.start.start_seconds() && end != self.start => {
                import.report.end_dropped();
                let why = format!("{}; end dropped", before_start(&end, &self.start));
                let at = self.end_at.map(|o| import.input.location(o));
                import.warn_item_at(item, at, self.end_field, why);
                None
            }
            Some(end) if end == self.start => None,
            end => end,
        };
        let mut event = Event::new(id, title, self.start);
        event.end = end;
        event.category = self.category.filter(|c| !c.trim().is_empty());
        event.tags = self.tags;
        event.summary = self.summary.filter(|s| !s.trim().is_empty());
        event.url = self.url.filter(|u| !u.trim().is_empty());
        event.links = self.links;
        event.attributes = self.attributes;
        event.place = self.place.map(Box::new);
        (event, self.text)
    }
}
