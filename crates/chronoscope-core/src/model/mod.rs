//! The in-memory chronology: sources with their texts, events with their dates
//! and evidence, and the warnings found while loading.
//!
//! Loaders fill a [`DocumentBuilder`], which makes the [`Document`]; the UI
//! and the command line only read it.
//! Nothing here knows about egui or about any file format.

pub mod attributes;
mod builder;
pub mod date;
pub mod date_parts;
pub mod edit;
pub mod index;
mod locator;
pub mod place;
pub mod quote;
pub mod rows;
pub mod shift;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;

pub use attributes::Attributes;
pub use builder::DocumentBuilder;
pub use date::{Date, DateError, Precision, Zone};
pub use date_parts::{DateParts, TimeParts};
pub use edit::{Applied, Edit, EditError};
pub use index::TimeIndex;
pub use locator::Locator;
pub use place::{Place, PlacePrecision, PlaceProblem};
pub use rows::{EventRef, RowEvent, RowEvents, RowKey, RowReader};

/// A text an event rests on: an article, a report, a transcript.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: String,
    pub title: String,
    /// Who wrote it (native format version 2).
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub published: Option<Date>,
    /// The full text, as loaded (inline or from `text_file`).
    pub text: String,
    /// Where the text came from when it was not inline, as written in the file.
    pub text_file: Option<String>,
}

/// One quote from a source that supports an event.
#[derive(Clone, Debug, PartialEq)]
pub struct Evidence {
    /// Index into [`Document::sources`].
    pub source: usize,
    /// The quoted passage; empty when the whole source text is the evidence
    /// (as for the description of an imported event).
    pub quote: String,
    pub note: Option<String>,
    /// Byte range of the quote in the source text; `None` when not found.
    pub location: Option<Range<usize>>,
    /// Where in the source text the quote was taken, in characters (Unicode
    /// scalar values) from 0: of a quote that occurs more than once, the
    /// occurrence nearest this is located (native format version 2, `at`).
    /// A loaded document holds the offset of `location` when the quote was
    /// found, else the hint as the file gave it.
    pub at: Option<usize>,
}

/// Something that happened, at the precision its date was given.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub id: String,
    pub title: String,
    pub start: Date,
    pub end: Option<Date>,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub url: Option<String>,
    /// Further links (other tools' hyperlink lists), in order.
    pub links: Vec<String>,
    pub evidence: Vec<Evidence>,
    /// Where it happened, when the source says (boxed: an event without
    /// one holds 8 bytes for it).
    pub place: Option<Box<Place>>,
    /// Other named values of the event: imported columns and fields that have
    /// no place above, kept for display and (later) grouping.
    pub attributes: Attributes,
}

/// How an event occupies time, which decides how it is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extent {
    /// A moment or a single day: drawn as a marker.
    Point,
    /// A month, a year: a period only because of the date's precision.
    Imprecise,
    /// An explicit start and end.
    Range,
}

impl Source {
    /// A source with its text in the file, nothing else said of it.
    #[must_use]
    pub fn new(id: impl Into<String>, title: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            title: title.into(),
            author: None,
            publisher: None,
            url: None,
            published: None,
            text: text.into(),
            text_file: None,
        }
    }
}

impl Event {
    /// An event with only an id, a title and a start; everything else empty.
    #[must_use]
    pub fn new(id: impl Into<String>, title: impl Into<String>, start: Date) -> Self {
        Self {
            id: id.into(),
            title: title.into(),
            start,
            end: None,
            category: None,
            tags: Vec::new(),
            summary: None,
            url: None,
            links: Vec::new(),
            evidence: Vec::new(),
            place: None,
            attributes: Attributes::new(),
        }
    }

    /// First instant the event may cover, in axis seconds.
    #[must_use]
    pub fn t0(&self) -> f64 {
        self.start.start_seconds()
    }

    /// First instant after the event, in axis seconds.
    #[must_use]
    pub fn t1(&self) -> f64 {
        self.end
            .as_ref()
            .map_or_else(|| self.start.end_seconds(), Date::end_seconds)
            .max(self.t0())
    }

    #[must_use]
    pub fn extent(&self) -> Extent {
        if self.end.is_some() {
            Extent::Range
        } else if self.start.precision >= Precision::Day {
            Extent::Point
        } else {
            Extent::Imprecise
        }
    }

    /// The date as written: `2024-06-19`, `2022-09~/2024-10`.
    #[must_use]
    pub fn date_text(&self) -> String {
        match &self.end {
            Some(end) => format!("{}/{}", self.start, end),
            None => self.start.to_string(),
        }
    }

    /// The date for readers: `Wed 19 June 2024`, `c. September 2022 – October 2024`.
    #[must_use]
    pub fn date_human(&self) -> String {
        match &self.end {
            Some(end) => format!("{} – {}", self.start.human(), end.human()),
            None => self.start.human(),
        }
    }

    /// [`Event::date_human`] with its times shown in `zone`.
    #[must_use]
    pub fn date_human_in(&self, zone: Zone) -> String {
        match &self.end {
            Some(end) => format!(
                "{} – {}",
                self.start.in_zone(zone).human(),
                end.in_zone(zone).human()
            ),
            None => self.start.in_zone(zone).human(),
        }
    }

    /// `(t0, t1)` on an axis of the clock times of `zone`
    /// ([`Date::start_in`]); the same as [`Event::t0`] and [`Event::t1`]
    /// unless a time was written with a UTC offset.
    #[must_use]
    pub fn times_in(&self, zone: Zone) -> (f64, f64) {
        let t0 = self.start.start_in(zone);
        let t1 = self
            .end
            .as_ref()
            .map_or_else(|| self.start.end_in(zone), |e| e.end_in(zone))
            .max(t0);
        (t0, t1)
    }

    /// The title as drawn on the timeline: `c. ` before an approximate date's
    /// event, ` (?)` after an uncertain one's.
    #[must_use]
    pub fn display_title(&self) -> String {
        let dates = || std::iter::once(&self.start).chain(self.end.as_ref());
        let mut title = String::with_capacity(self.title.len() + 8);
        if dates().any(|d| d.approximate) {
            title.push_str("c. ");
        }
        title.push_str(&self.title);
        if dates().any(|d| d.uncertain) {
            title.push_str(" (?)");
        }
        title
    }

    /// Whether any date of the event is approximate or uncertain.
    #[must_use]
    pub fn is_qualified(&self) -> bool {
        let q = |d: &Date| d.approximate || d.uncertain;
        q(&self.start) || self.end.as_ref().is_some_and(q)
    }
}

/// A line and column in a file, both 1-based; the column counts characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The location of byte `offset` in `text` (clamped to the text).
    #[must_use]
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Self {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Something the user should know about a file that still loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    pub location: Location,
    /// The JSON path of the offending value, e.g. `events[2].evidence[0].quote`.
    pub field: String,
    pub message: String,
    /// The event it concerns, as an index of [`Document::event`] (of
    /// [`DocumentBuilder::events`] while loading).
    pub event: Option<usize>,
}

/// A named period drawn behind the events: an era, a reign, a phase.
#[derive(Clone, Debug, PartialEq)]
pub struct Period {
    pub title: String,
    pub start: Date,
    pub end: Date,
    pub description: Option<String>,
}

/// A loaded chronology.
///
/// The metadata (name, title, sources, warnings, …) is public; the events
/// and the columns that must stay in step with them (lanes, times, layers,
/// index) are private: a document with events is made by a
/// [`DocumentBuilder`], which sorts the events and fills the columns, and is
/// read through [`Document::event`], [`Document::iter_events`] and the
/// columns' accessors.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// The file it was read from; `None` for the bundled example.
    pub path: Option<PathBuf>,
    /// What to call the file: its name, or the example's name.
    pub name: String,
    pub title: Option<String>,
    pub description: Option<String>,
    /// The file format it was read from, for people: "Chronoscope JSON", "CSV".
    pub format: String,
    /// What an importer mapped and skipped, one line each, for the user.
    pub notes: Vec<String>,
    /// Colours given to categories by the file, as RGB.
    pub category_colors: BTreeMap<String, [u8; 3]>,
    /// Eras and periods.
    pub periods: Vec<Period>,
    pub sources: Vec<Source>,
    pub warnings: Vec<Warning>,
    /// The events, sorted by start, then end, then file order.
    events: Events,
    /// Lane names in order of first appearance; events without a category
    /// share the last lane.
    lanes: Vec<String>,
    /// For each event, its lane.
    event_lane: Vec<usize>,
    /// For each event, `(t0, t1)`: computed once, read every frame.
    event_times: Vec<(f64, f64)>,
    /// For a document merged from several files ([`Document::merged`]): for
    /// each event, the index of the file it came from. Empty for one file.
    event_layer: Vec<usize>,
    /// Per-lane sorted times for finding what is in view by binary search.
    index: TimeIndex,
}

/// A document's events: built in memory, or kept as rows of the file's
/// text and read when looked at ([`DocumentBuilder::build_rows`]).
#[derive(Clone, Debug, PartialEq)]
enum Events {
    Owned(Vec<Event>),
    Rows(RowEvents),
}

impl Default for Events {
    fn default() -> Self {
        Self::Owned(Vec::new())
    }
}

/// Takes `doc`'s warnings (its events numbered from `event_base`),
/// periods, category colours (a colour given first stays) and notes (each
/// named after `doc` when `several` files are joined) into `out`.
fn carry_over(out: &mut DocumentBuilder, doc: &Document, event_base: usize, several: bool) {
    out.warnings
        .extend(doc.warnings.iter().cloned().map(|mut w| {
            w.event = w.event.map(|i| i + event_base);
            w
        }));
    out.periods.extend(doc.periods.iter().cloned());
    for (name, color) in &doc.category_colors {
        out.category_colors.entry(name.clone()).or_insert(*color);
    }
    if several {
        out.notes
            .extend(doc.notes.iter().map(|n| format!("{}: {n}", doc.name)));
    } else {
        out.notes.extend(doc.notes.iter().cloned());
    }
}

/// `id`, or when another file already used it, `id@file` (then `id@file-2`, …).
fn unique_id(id: &str, file: &str, seen: &mut std::collections::HashSet<String>) -> String {
    let mut candidate = id.to_owned();
    let mut n = 1;
    while seen.contains(&candidate) {
        candidate = if n == 1 {
            format!("{id}@{file}")
        } else {
            format!("{id}@{file}-{n}")
        };
        n += 1;
    }
    seen.insert(candidate.clone());
    candidate
}

/// An event's place in the sort: its times, its index in file order and
/// its category.
struct Keyed {
    t0: f64,
    t1: f64,
    old: usize,
    category: u32,
}

/// Documents with at least this many events are sorted and indexed by two
/// threads.
const PARALLEL_MIN: usize = 100_000;

/// Sorts by time, then file order; large lists by two threads, each sorting
/// half, and a merge of the two runs.
fn sort_by_time(keyed: &mut [Keyed]) {
    fn cmp(a: &Keyed, b: &Keyed) -> std::cmp::Ordering {
        a.t0.total_cmp(&b.t0)
            .then(a.t1.total_cmp(&b.t1))
            .then(a.old.cmp(&b.old))
    }
    let parallel = keyed.len() >= PARALLEL_MIN
        && std::thread::available_parallelism().map_or(1, std::num::NonZero::get) > 1;
    if !parallel {
        keyed.sort_unstable_by(cmp);
        return;
    }
    let (first, second) = keyed.split_at_mut(keyed.len() / 2);
    std::thread::scope(|scope| {
        scope.spawn(|| second.sort_unstable_by(cmp));
        first.sort_unstable_by(cmp);
    });
    // The stable sort finds the two sorted runs and merges them.
    keyed.sort_by(cmp);
}

/// The name of the lane for events without a category.
pub const UNCATEGORISED: &str = "Uncategorised";

/// Lanes by something other than the category ([`Document::filtered`]):
/// each event's lane as a number of `names` ([`NO_CATEGORY`] for the lane
/// called `none`, last), by the event's index in the document grouped.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grouping {
    pub lane_of: Vec<u32>,
    pub names: Vec<String>,
    pub none: String,
    /// The lane of the values too rare for a lane of their own ("Other"),
    /// if any: drawn grey, as the `none` lane is.
    pub other: Option<String>,
}

/// The colour of the lanes that are not one value ("Other", none).
pub const GREY: [u8; 3] = [128, 128, 128];

/// In [`DocumentBuilder::build_rows`]'s categories: the event has none.
pub const NO_CATEGORY: u32 = u32::MAX;

/// Category names numbered in order of first appearance: how loaders give
/// [`DocumentBuilder::build_rows`] each event's category without a string each.
#[derive(Debug, Default)]
pub struct CategoryNames {
    names: Vec<String>,
    ids: rustc_hash::FxHashMap<String, u32>,
}

impl CategoryNames {
    /// The number of category `name`, given it when new.
    pub fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(NO_CATEGORY);
        self.names.push(name.to_owned());
        self.ids.insert(name.to_owned(), id);
        id
    }

    /// `categories`, numbered by `later`, numbered by these instead (the
    /// names new to these added): for rows read in parts and joined.
    pub fn renumber(
        &mut self,
        later: &CategoryNames,
        categories: Vec<u32>,
    ) -> impl Iterator<Item = u32> + use<> {
        let map: Vec<u32> = later.names.iter().map(|n| self.id(n)).collect();
        categories
            .into_iter()
            .map(move |c| map.get(c as usize).copied().unwrap_or(NO_CATEGORY))
    }

    /// The names, by number.
    #[must_use]
    pub fn into_names(self) -> Vec<String> {
        self.names
    }
}

impl Document {
    /// Sorts the events (or rows) by `times`, then assigns lanes in order of
    /// each category's first event, or in the order of `names` when
    /// `in_order`; events without a category last, in a lane called
    /// `none`. Builds the index.
    fn order(
        &mut self,
        times: Vec<(f64, f64)>,
        categories: &[u32],
        mut names: Vec<String>,
        (none, in_order): (&str, bool),
    ) {
        let n = times.len();
        let mut keyed: Vec<Keyed> = times
            .iter()
            .zip(categories)
            .enumerate()
            .map(|(old, (&(t0, t1), &category))| Keyed {
                t0,
                t1,
                old,
                category,
            })
            .collect();
        drop(times);
        sort_by_time(&mut keyed);
        self.event_times = keyed.iter().map(|k| (k.t0, k.t1)).collect();

        // Lanes in order of the first event of each, so the reading order
        // follows time; events without a category share the last.
        let mut lane_of = vec![usize::MAX; names.len()];
        let mut lanes = Vec::new();
        let mut uncategorised = false;
        for k in &keyed {
            match lane_of.get_mut(k.category as usize) {
                Some(lane) if *lane == usize::MAX => {
                    *lane = lanes.len();
                    lanes.push(std::mem::take(&mut names[k.category as usize]));
                }
                Some(_) => {}
                None => uncategorised = true,
            }
        }
        if in_order {
            // The lanes that have events, renumbered in the names' order.
            let mut present: Vec<(usize, usize)> = lane_of
                .iter()
                .enumerate()
                .filter(|(_, l)| **l != usize::MAX)
                .map(|(c, &l)| (c, l))
                .collect();
            present.sort_unstable();
            let mut old = std::mem::take(&mut lanes);
            for (new, (c, l)) in present.into_iter().enumerate() {
                lanes.push(std::mem::take(&mut old[l]));
                lane_of[c] = new;
            }
        }
        if uncategorised {
            lanes.push(none.to_owned());
        }
        let last = lanes.len().saturating_sub(1);
        self.event_lane = keyed
            .iter()
            .map(|k| lane_of.get(k.category as usize).copied().unwrap_or(last))
            .collect();
        self.lanes = lanes;
        let order: Vec<usize> = keyed.into_iter().map(|k| k.old).collect();

        // Warnings refer to events by index: carry them through the sort.
        let new_index = |order: &[usize]| {
            let mut new_index = vec![0; order.len()];
            for (new, &old) in order.iter().enumerate() {
                new_index[old] = new;
            }
            new_index
        };
        let mut moved = None;
        if !self.warnings.is_empty() {
            let moved = moved.get_or_insert_with(|| new_index(&order));
            for w in &mut self.warnings {
                w.event = w.event.map(|old| moved.get(old).copied().unwrap_or(old));
            }
        }
        // The index needs only the times and lanes: it is built while the
        // events (or rows) move into their new order.
        let (times, event_lane, lane_count) =
            (&self.event_times, &self.event_lane, self.lanes.len());
        let (events, event_layer) = (&mut self.events, &mut self.event_layer);
        let mut reorder = || {
            match events {
                Events::Rows(rows) => {
                    rows.keys = order.iter().map(|&old| rows.keys[old]).collect();
                }
                Events::Owned(events) => {
                    // Moved into place by swaps, not copied: a million events
                    // are hundreds of megabytes.
                    let mut destination = moved.take().unwrap_or_else(|| new_index(&order));
                    for i in 0..destination.len() {
                        while destination[i] != i {
                            let j = destination[i];
                            events.swap(i, j);
                            destination.swap(i, j);
                        }
                    }
                }
            }
            if event_layer.len() == n {
                *event_layer = order.iter().map(|&old| event_layer[old]).collect();
            }
        };
        let index = if n >= PARALLEL_MIN {
            std::thread::scope(|scope| {
                let index = scope.spawn(|| TimeIndex::new(times, event_lane, lane_count));
                reorder();
                match index.join() {
                    Ok(index) => index,
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            })
        } else {
            reorder();
            TimeIndex::new(times, event_lane, lane_count)
        };
        self.index = index;
    }

    /// Moves the lane called `name` after the others (its events with it),
    /// so that the other lanes keep their places.
    pub fn move_lane_last(&mut self, name: &str) {
        let Some(lane) = self.lanes.iter().position(|l| l == name) else {
            return;
        };
        let last = self.lanes.len() - 1;
        if lane == last {
            return;
        }
        let moved = self.lanes.remove(lane);
        self.lanes.push(moved);
        for l in &mut self.event_lane {
            *l = match (*l).cmp(&lane) {
                std::cmp::Ordering::Equal => last,
                std::cmp::Ordering::Greater => *l - 1,
                std::cmp::Ordering::Less => *l,
            };
        }
        if lane < self.index.lanes.len() {
            let set = self.index.lanes.remove(lane);
            self.index.lanes.push(set);
        }
    }

    /// How many events there are.
    #[must_use]
    pub fn event_count(&self) -> usize {
        match &self.events {
            Events::Owned(events) => events.len(),
            Events::Rows(rows) => rows.keys.len(),
        }
    }

    /// The event at index `i` (in time order).
    #[must_use]
    pub fn event(&self, i: usize) -> Option<EventRef<'_>> {
        match &self.events {
            Events::Owned(events) => events.get(i).map(EventRef::Borrowed),
            Events::Rows(rows) => rows.get(i).map(EventRef::Row),
        }
    }

    /// The place of the event at index `i`: for events kept as rows, read
    /// without making the rest of the event where its importer can (going
    /// through the places of every event of a large file).
    #[must_use]
    pub fn event_place(&self, i: usize) -> Option<Place> {
        match &self.events {
            Events::Owned(events) => events.get(i)?.place.as_deref().cloned(),
            Events::Rows(rows) => rows.place(i),
        }
    }

    /// The event at index `i`, read from its row without keeping it in the
    /// cache of recently read events (for going through many once).
    #[must_use]
    pub fn event_uncached(&self, i: usize) -> Option<EventRef<'_>> {
        match &self.events {
            Events::Owned(events) => events.get(i).map(EventRef::Borrowed),
            Events::Rows(rows) => rows.read(i).map(|r| EventRef::Row(std::sync::Arc::new(r))),
        }
    }

    /// Every event in time order. Events kept as rows are read one by one
    /// (not cached): going through all of a large file takes a while.
    pub fn iter_events(&self) -> impl Iterator<Item = EventRef<'_>> + '_ {
        (0..self.event_count()).filter_map(move |i| self.event_uncached(i))
    }

    /// The events, in time order, when they are held in memory; `None` when
    /// they are kept as rows of the file ([`Document::rows`]), to be read
    /// through [`Document::event`] or [`Document::iter_events`].
    #[must_use]
    pub fn owned_events(&self) -> Option<&[Event]> {
        match &self.events {
            Events::Owned(events) => Some(events),
            Events::Rows(_) => None,
        }
    }

    /// The events as rows of their file's text, read when looked at
    /// ([`DocumentBuilder::build_rows`]); `None` when they are held in
    /// memory ([`Document::owned_events`]).
    #[must_use]
    pub fn rows(&self) -> Option<&RowEvents> {
        match &self.events {
            Events::Owned(_) => None,
            Events::Rows(rows) => Some(rows),
        }
    }

    /// Lane names in order of first appearance; events without a category
    /// share the last lane ([`UNCATEGORISED`], or a grouping's `none`).
    #[must_use]
    pub fn lanes(&self) -> &[String] {
        &self.lanes
    }

    /// For each event (by index), its lane in [`Document::lanes`].
    #[must_use]
    pub fn event_lanes(&self) -> &[usize] {
        &self.event_lane
    }

    /// For each event (by index), `(t0, t1)` in axis seconds
    /// ([`Event::t0`], [`Event::t1`], or a time zone's times for a
    /// [`Document::filtered`] document): ascending by `t0`.
    #[must_use]
    pub fn event_times(&self) -> &[(f64, f64)] {
        &self.event_times
    }

    /// For a document of several files ([`Document::merged`],
    /// [`Document::layered`]): for each event (by index), the layer number
    /// of the file it came from. Empty for one file.
    #[must_use]
    pub fn event_layers(&self) -> &[usize] {
        &self.event_layer
    }

    /// Per-lane sorted times, for finding what is in view by binary search.
    #[must_use]
    pub fn index(&self) -> &TimeIndex {
        &self.index
    }

    /// The indices of the events whose `(t0, t1)` are `times`, found by
    /// binary search.
    pub fn events_at(&self, times: (f64, f64)) -> impl Iterator<Item = usize> + '_ {
        let key = move |t: &(f64, f64)| t.0.total_cmp(&times.0).then(t.1.total_cmp(&times.1));
        let first = self.event_times.partition_point(|t| key(t).is_lt());
        let rest = self.event_times.get(first..).unwrap_or_default();
        (first..)
            .zip(rest)
            .take_while(move |(_, t)| key(t).is_eq())
            .map(|(i, _)| i)
    }

    /// How many sources there are, the texts of rows included.
    #[must_use]
    pub fn source_count(&self) -> usize {
        self.sources.len() + self.rows().map_or(0, |r| r.sources)
    }

    /// Bytes held by events kept as rows (their file's text included).
    #[must_use]
    pub fn rows_heap_bytes(&self) -> usize {
        self.rows().map_or(0, RowEvents::heap_bytes)
    }

    /// The time covered by all events, `None` when there are none.
    #[must_use]
    pub fn time_range(&self) -> Option<(f64, f64)> {
        if self.index.all.len() == self.event_times.len() {
            return self.index.all.span(); // O(1)
        }
        let t0 = self.event_times.first()?.0;
        let t1 = self.event_times.iter().map(|t| t.1).fold(t0, f64::max);
        Some((t0, t1))
    }

    /// The earliest and latest dates as written, for summaries: `2024-06-19 – 2024-10-16`.
    #[must_use]
    pub fn date_span_text(&self) -> Option<String> {
        let first = self.event(0)?;
        let (last, _) = self
            .event_times
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.1.total_cmp(&b.1.1))?;
        let last = self.event(last)?;
        let last_date = last.end.as_ref().unwrap_or(&last.start);
        Some(format!("{} – {}", first.start, last_date))
    }

    /// One document showing the events of several, each tagged with its
    /// `layer` number in [`Document::event_layers`]. Sources, warnings and
    /// periods are carried over with their references renumbered.
    #[must_use]
    pub fn merged(parts: &[(usize, &Document)]) -> Document {
        let mut out = DocumentBuilder::default();
        let mut event_layer = Vec::new();
        let mut event_ids = std::collections::HashSet::new();
        let mut source_ids = std::collections::HashSet::new();
        for &(layer, doc) in parts {
            let (event_base, source_base) = (out.events.len(), out.sources.len());
            out.sources.extend(doc.sources.iter().cloned().map(|mut s| {
                s.id = unique_id(&s.id, &doc.name, &mut source_ids);
                s
            }));
            for event in doc.iter_events() {
                let mut e = match event {
                    EventRef::Borrowed(e) => {
                        let mut e = e.clone();
                        for ev in &mut e.evidence {
                            ev.source += source_base;
                        }
                        e
                    }
                    // A row's own sources go after everything so far.
                    EventRef::Row(row) => {
                        let RowEvent { mut event, sources } = std::sync::Arc::unwrap_or_clone(row);
                        let own = out.sources.len();
                        for ev in &mut event.evidence {
                            ev.source = match ev.source.checked_sub(doc.sources.len()) {
                                Some(i) => own + i,
                                None => ev.source + source_base,
                            };
                        }
                        out.sources.extend(sources.into_iter().map(|mut s| {
                            s.id = unique_id(&s.id, &doc.name, &mut source_ids);
                            s
                        }));
                        event
                    }
                };
                e.id = unique_id(&e.id, &doc.name, &mut event_ids);
                out.events.push(e);
            }
            event_layer.extend(std::iter::repeat_n(layer, doc.event_count()));
            carry_over(&mut out, doc, event_base, parts.len() > 1);
        }
        if let [(_, only)] = parts {
            out.path.clone_from(&only.path);
            out.name.clone_from(&only.name);
            out.title.clone_from(&only.title);
            out.description.clone_from(&only.description);
            out.format.clone_from(&only.format);
        } else {
            out.name = format!("{} files", parts.len());
        }
        out.build_layered(event_layer)
    }

    /// One document showing the events of several, each tagged with its
    /// `layer` number in [`Document::event_layers`], without copying them:
    /// each event is read from its file's document when looked at. Ids stay
    /// as each file gives them (two files may share one; the layer tells
    /// them apart); sources, warnings and periods are carried over
    /// renumbered as in [`Document::merged`], which
    /// [`Document::materialized`] uses to write the events out.
    #[must_use]
    pub fn layered(parts: &[(usize, std::sync::Arc<Document>)]) -> Document {
        let mut out = DocumentBuilder::default();
        let mut event_layer = Vec::new();
        let mut source_ids = std::collections::HashSet::new();
        let n: usize = parts.iter().map(|(_, d)| d.event_count()).sum();
        let mut keys = Vec::with_capacity(n);
        let mut times = Vec::with_capacity(n);
        let mut categories = Vec::with_capacity(n);
        let mut names = CategoryNames::default();
        let mut layers = Vec::with_capacity(parts.len());
        let mut row_sources = 0;
        for (p, (layer, doc)) in parts.iter().enumerate() {
            let event_base = keys.len();
            let source_base = out.sources.len();
            out.sources.extend(doc.sources.iter().cloned().map(|mut s| {
                s.id = unique_id(&s.id, &doc.name, &mut source_ids);
                s
            }));
            // Each lane of the file as a category of the whole; its
            // uncategorised lane, last, as none.
            let lane_category: Vec<u32> = doc
                .lanes
                .iter()
                .enumerate()
                .map(|(l, name)| {
                    if l + 1 == doc.lanes.len() && name == UNCATEGORISED {
                        NO_CATEGORY
                    } else {
                        names.id(name)
                    }
                })
                .collect();
            let part = u64::try_from(p).unwrap_or(u64::MAX);
            for (i, (&t, &lane)) in doc.event_times.iter().zip(&doc.event_lane).enumerate() {
                keys.push(RowKey {
                    offset: part,
                    row: u32::try_from(i).unwrap_or(u32::MAX),
                });
                times.push(t);
                categories.push(lane_category.get(lane).copied().unwrap_or(NO_CATEGORY));
            }
            event_layer.extend(std::iter::repeat_n(*layer, doc.event_times.len()));
            row_sources += doc.rows().map_or(0, |r| r.sources);
            carry_over(&mut out, doc, event_base, true);
            layers.push(rows::LayerPart {
                doc: std::sync::Arc::clone(doc),
                source_base,
            });
        }
        out.name = format!("{} files", parts.len());
        let reader = rows::LayerRows {
            parts: layers,
            sources: out.sources.len(),
        };
        out.build_rows_layered(
            RowEvents::new(std::sync::Arc::new(reader), keys, row_sources),
            (times, &categories, names.into_names()),
            event_layer,
        )
    }

    /// The events of `base` that `keep` (given an event's index) keeps, read
    /// from `base` when looked at: a filtered view that costs an index, not
    /// a copy. Warnings of the events left out are left out too. With a
    /// `grouping`, its lanes replace the categories' lanes; `moved` gives
    /// other times to some events (by index, ascending), as
    /// [`Document::times_in`] finds them for a time zone.
    #[must_use]
    pub fn filtered(
        base: &std::sync::Arc<Document>,
        keep: &dyn Fn(usize) -> bool,
        grouping: Option<&Grouping>,
        moved: &[(usize, (f64, f64))],
    ) -> Document {
        let mut out = Document {
            path: base.path.clone(),
            name: base.name.clone(),
            title: base.title.clone(),
            description: base.description.clone(),
            format: base.format.clone(),
            notes: base.notes.clone(),
            category_colors: base.category_colors.clone(),
            periods: base.periods.clone(),
            sources: base.sources.clone(),
            ..Document::default()
        };
        let n = base.event_count();
        let last = base.lanes.len().saturating_sub(1);
        let (names, none) = grouping.map_or_else(
            || (base.lanes.clone(), UNCATEGORISED),
            |g| (g.names.clone(), g.none.as_str()),
        );
        if let Some(g) = grouping {
            for name in g.other.iter().chain(std::iter::once(&g.none)) {
                out.category_colors.insert(name.clone(), GREY);
            }
        }
        let uncategorised =
            |lane: usize| lane == last && base.lanes.get(lane).is_some_and(|l| l == UNCATEGORISED);
        let mut new_of = vec![usize::MAX; n];
        let (mut keys, mut times, mut categories) = (Vec::new(), Vec::new(), Vec::new());
        for i in (0..n).filter(|&i| keep(i)) {
            let (Some(&t), Some(&lane)) = (base.event_times.get(i), base.event_lane.get(i)) else {
                continue;
            };
            let t = match moved.binary_search_by_key(&i, |m| m.0) {
                Ok(m) => moved[m].1,
                Err(_) => t,
            };
            new_of[i] = keys.len();
            keys.push(RowKey {
                offset: 0,
                row: u32::try_from(i).unwrap_or(u32::MAX),
            });
            times.push(t);
            categories.push(match grouping {
                Some(g) => g.lane_of.get(i).copied().unwrap_or(NO_CATEGORY),
                None if uncategorised(lane) => NO_CATEGORY,
                None => u32::try_from(lane).unwrap_or(NO_CATEGORY),
            });
            if let Some(&layer) = base.event_layer.get(i) {
                out.event_layer.push(layer);
            }
        }
        out.warnings = base
            .warnings
            .iter()
            .filter_map(|w| match w.event {
                None => Some(w.clone()),
                Some(e) => new_of
                    .get(e)
                    .filter(|&&k| k != usize::MAX)
                    .map(|&k| Warning {
                        event: Some(k),
                        ..w.clone()
                    }),
            })
            .collect();
        let reader = rows::LayerRows {
            parts: vec![rows::LayerPart {
                doc: std::sync::Arc::clone(base),
                source_base: 0,
            }],
            sources: out.sources.len(),
        };
        // The base's rows' own sources (a spreadsheet row's notes) stay
        // counted when every row is kept; which of them a filter keeps is
        // not known without reading them.
        let row_sources = if keys.len() == n {
            base.rows().map_or(0, |r| r.sources)
        } else {
            0
        };
        out.events = Events::Rows(RowEvents::new(
            std::sync::Arc::new(reader),
            keys,
            row_sources,
        ));
        // A grouping's lanes keep its order (most events first).
        out.order(times, &categories, names, (none, grouping.is_some()));
        out
    }

    /// The events whose times move when shown in `zone` (those with a time
    /// written with a UTC offset), by index, with their times there
    /// ([`Event::times_in`]); `None` when `cancel` was set meanwhile. `done`
    /// counts the events read.
    #[must_use]
    pub fn times_in(
        &self,
        zone: Zone,
        cancel: &std::sync::atomic::AtomicBool,
        done: &std::sync::atomic::AtomicUsize,
    ) -> Option<Vec<(usize, (f64, f64))>> {
        let mut moved = Vec::new();
        crate::work::each((0, self.event_count()), cancel, done, |i| {
            let Some(event) = self.event_uncached(i) else {
                return;
            };
            let timed = |d: &Date| d.offset_minutes.is_some() && d.precision >= Precision::Minute;
            if timed(&event.start) || event.end.as_ref().is_some_and(timed) {
                let there = event.times_in(zone);
                if self.event_times.get(i) != Some(&there) {
                    moved.push((i, there));
                }
            }
        })?;
        Some(moved)
    }

    /// The same document with its events read from their rows into memory
    /// ([`Document::owned_events`]) and their texts into `sources`: for
    /// writing it out whole.
    #[must_use]
    pub fn materialized(&self) -> Document {
        let mut out = Document::merged(&[(0, self)]);
        out.event_layer.clear();
        out
    }

    /// Index of the event with `id`.
    #[must_use]
    pub fn event_by_id(&self, id: &str) -> Option<usize> {
        self.iter_events().position(|e| e.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: &str, start: &str, category: Option<&str>) -> Event {
        Event {
            category: category.map(Into::into),
            ..Event::new(id, id, Date::parse(start).unwrap())
        }
    }

    #[test]
    fn a_lane_moved_last_takes_its_events_and_leaves_the_others_in_place() {
        let mut doc = DocumentBuilder {
            events: vec![
                event("a", "2024-01", Some("war")),
                event("b", "2024-02", Some("drafts")),
                event("c", "2024-03", Some("peace")),
            ],
            ..DocumentBuilder::default()
        }
        .build();
        assert_eq!(doc.lanes(), ["war", "drafts", "peace"]);
        doc.move_lane_last("drafts");
        assert_eq!(doc.lanes(), ["war", "peace", "drafts"]);
        assert_eq!(doc.event_lanes(), [0, 2, 1]);
        let fresh = TimeIndex::new(doc.event_times(), doc.event_lanes(), 3);
        assert_eq!(doc.index().lanes, fresh.lanes);
    }

    #[test]
    fn events_at_a_time_are_found_by_their_times() {
        let doc = DocumentBuilder {
            events: vec![
                event("b", "2024-06", None),
                event("a", "2024-06-19", None),
                event("c", "2024-06-19", None),
                event("d", "2024-06-20", None),
            ],
            ..DocumentBuilder::default()
        }
        .build();
        let day = Date::parse("2024-06-19").unwrap();
        let events = doc.owned_events().unwrap();
        let at: Vec<&str> = doc
            .events_at((day.start_seconds(), day.end_seconds()))
            .map(|i| events[i].id.as_str())
            .collect();
        assert_eq!(at, ["a", "c"]);
        assert_eq!(doc.events_at((0.0, 1.0)).count(), 0);
    }

    #[test]
    fn build_sorts_by_time_and_keeps_warning_targets() {
        let doc = DocumentBuilder {
            events: vec![
                event("late", "2024-10-16", Some("statements")),
                event("early", "2024-06-19", Some("diplomacy")),
                event("none", "2024-07", None),
            ],
            warnings: vec![Warning {
                location: Location::default(),
                field: "events[0]".into(),
                message: "m".into(),
                event: Some(0),
            }],
            ..DocumentBuilder::default()
        }
        .build();
        let ids: Vec<_> = doc.iter_events().map(|e| e.id.clone()).collect();
        assert_eq!(ids, ["early", "none", "late"]);
        assert_eq!(doc.warnings[0].event, Some(2));
        assert_eq!(doc.lanes(), ["diplomacy", "statements", UNCATEGORISED]);
        assert_eq!(doc.event_lanes(), [0, 2, 1]);
        assert_eq!(doc.event_times().len(), 3);
        assert_eq!(doc.index().all.len(), 3);
        assert!(doc.rows().is_none());
    }

    #[test]
    fn merged_documents_keep_each_event_with_its_layer_and_sources() {
        let mut a = DocumentBuilder {
            name: "a.json".into(),
            events: vec![
                event("a1", "2024-03-01", Some("x")),
                event("a2", "2024-01-01", None),
            ],
            sources: vec![Source::new("s", "S", "text")],
            ..DocumentBuilder::default()
        };
        a.events[0].evidence.push(Evidence {
            source: 0,
            quote: String::new(),
            note: None,
            location: None,
            at: None,
        });
        let a = a.build();
        let mut b = DocumentBuilder {
            name: "b.json".into(),
            events: vec![event("b1", "2024-02-01", Some("x"))],
            sources: a.sources.clone(),
            ..DocumentBuilder::default()
        };
        b.events[0].evidence.push(Evidence {
            source: 0,
            quote: String::new(),
            note: None,
            location: None,
            at: None,
        });
        let b = b.build();
        let m = Document::merged(&[(0, &a), (3, &b)]);
        let events = m.owned_events().unwrap();
        let ids: Vec<_> = events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a2", "b1", "a1"]);
        assert_eq!(m.event_layers(), [0, 3, 0]);
        assert_eq!(m.sources.len(), 2);
        assert_eq!(events[1].evidence[0].source, 1, "b's source is renumbered");
        assert_eq!(m.name, "2 files");
        let twice = Document::merged(&[(0, &a), (1, &a)]);
        let mut ids: Vec<_> = twice.iter_events().map(|e| e.id.clone()).collect();
        ids.sort_unstable();
        assert_eq!(ids, ["a1", "a1@a.json", "a2", "a2@a.json"]);
        let single = Document::merged(&[(0, &a)]);
        assert_eq!(single.name, "a.json");
        assert_eq!(single.owned_events(), a.owned_events());
    }

    #[test]
    fn the_drawing_index_costs_at_most_64_bytes_per_event() {
        let doc = crate::generate::document(100_000, 2);
        let n = doc.event_count();
        let bytes = doc.index.heap_bytes()
            + doc.event_times.capacity() * size_of::<(f64, f64)>()
            + doc.event_lane.capacity() * size_of::<usize>();
        assert!(bytes / n <= 64, "{} bytes per event", bytes / n);
    }

    #[test]
    fn extents_follow_precision_and_end() {
        assert_eq!(event("a", "2024-06-19", None).extent(), Extent::Point);
        assert_eq!(event("a", "2024-06-19T14:30", None).extent(), Extent::Point);
        assert_eq!(event("a", "2024-06", None).extent(), Extent::Imprecise);
        let mut ranged = event("a", "2022-09~", None);
        ranged.end = Some(Date::parse("2024-10").unwrap());
        assert_eq!(ranged.extent(), Extent::Range);
        assert_eq!(ranged.date_text(), "2022-09~/2024-10");
        assert_eq!(ranged.display_title(), "c. a");
        let mut uncertain = event("b", "2024-10-16?", None);
        assert_eq!(uncertain.display_title(), "b (?)");
        uncertain.start = Date::parse("2024%").unwrap();
        assert_eq!(uncertain.display_title(), "c. b (?)");
        assert_eq!(event("c", "2024", None).display_title(), "c");
        assert!(ranged.is_qualified());
        assert!(ranged.t1() > ranged.t0());
    }

    #[test]
    fn location_counts_lines_and_characters() {
        let text = "ab\n“c”d\nx";
        assert_eq!(
            Location::of_offset(text, 0),
            Location { line: 1, column: 1 }
        );
        assert_eq!(
            Location::of_offset(text, 3),
            Location { line: 2, column: 1 }
        );
        // After the 3-byte opening quote and `c`: column 3.
        assert_eq!(
            Location::of_offset(text, 7),
            Location { line: 2, column: 3 }
        );
        assert_eq!(
            Location::of_offset(text, 999),
            Location { line: 3, column: 2 }
        );
    }
}
