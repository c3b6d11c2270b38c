//! Events kept as rows of their file's text and made into [`Event`]s only
//! when something looks at them.
//!
//! A million-row table held as `Event`s costs over a kilobyte and some twenty
//! allocations per row; held as rows it costs its text, which is already in
//! memory, and a few words per row. What every frame needs of every event
//! (its times and lane) lives in [`Document`]'s columns either way; titles,
//! texts and attributes are read from the row when an event is drawn,
//! selected or written out. The importer that scanned the rows supplies the
//! [`RowReader`] that reads one again.

use std::sync::{Arc, Mutex};

use super::{Document, Event, Evidence, Place, Source};

/// Where an event's row is, as the importer that scanned it numbered it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowKey {
    /// Byte offset of the row in the file's text.
    pub offset: u64,
    /// The row's number among the file's data rows, from 1.
    pub row: u32,
}

/// One event read from its row, with the sources only it cites. Its
/// evidence's `source` counts the document's sources first, then these: for
/// a document with `n` sources, `n` is `sources[0]`.
#[derive(Clone, Debug, PartialEq)]
pub struct RowEvent {
    pub event: Event,
    pub sources: Vec<Source>,
}

/// Reads the event of one row again; written by the importer that scanned
/// the rows, holding the text and what it learnt about the columns.
pub trait RowReader: Send + Sync + std::fmt::Debug {
    /// The event of the row at `key`; `None` only when the row is not one
    /// the importer scanned as an event.
    fn read(&self, key: RowKey) -> Option<RowEvent>;
    /// The place of the row's event, as [`RowReader::read`] gives it; a
    /// reader that can read it without the rest of the row does (counting
    /// or drawing the places of a million events).
    fn place(&self, key: RowKey) -> Option<Place> {
        self.read(key).and_then(|row| row.event.place.map(|p| *p))
    }
    /// Bytes of memory held, the text included.
    fn heap_bytes(&self) -> usize;
}

/// Rows read recently, so that a frame drawing the same events as the last
/// does not read them again. Cleared when full.
const CACHE_EVENTS: usize = 8192;

/// The events of a document kept as rows.
pub struct RowEvents {
    reader: Arc<dyn RowReader>,
    /// For each event, in the document's order, its row.
    pub(super) keys: Vec<RowKey>,
    /// How many rows have a text, and so a source of their own.
    pub(super) sources: usize,
    /// Events edited or added since the file was read
    /// ([`super::Document::apply`]): a key whose row is
    /// [`super::edit::EDITED_ROW`] names one by its `offset`.
    pub(super) edited: Vec<Arc<RowEvent>>,
    /// Sources added to the document since the file was read, and how many
    /// it had then: rows cite their own sources after the document's, so
    /// those numbers move up as sources are added.
    pub(super) added_sources: (usize, usize),
    cache: Mutex<rustc_hash::FxHashMap<usize, Arc<RowEvent>>>,
}

impl RowEvents {
    /// The rows at `keys` (in the importer's order) read by `reader`;
    /// `sources` of them have a text.
    #[must_use]
    pub fn new(reader: Arc<dyn RowReader>, keys: Vec<RowKey>, sources: usize) -> Self {
        Self {
            reader,
            keys,
            sources,
            edited: Vec::new(),
            added_sources: (0, 0),
            cache: Mutex::default(),
        }
    }

    /// The event of `key`: an edited one, or its row read, its own sources
    /// numbered after the document's sources of now.
    pub(super) fn read_key(&self, key: RowKey) -> Option<RowEvent> {
        if key.row == super::edit::EDITED_ROW {
            let slot = usize::try_from(key.offset).ok()?;
            return self.edited.get(slot).map(|e| (**e).clone());
        }
        let mut read = self.reader.read(key)?;
        let (added, base) = self.added_sources;
        if added > 0 {
            for ev in &mut read.event.evidence {
                if ev.source >= base {
                    ev.source += added;
                }
            }
        }
        Some(read)
    }

    /// Forgets the rows read recently (their places changed).
    pub(super) fn clear_cache(&mut self) {
        self.cache
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
    }

    /// A source was added at `len` (`grow`) or taken out from there: the
    /// rows' own sources, numbered after the document's, move with it.
    pub(super) fn shift_own_sources(&mut self, len: usize, grow: bool) {
        if self.sources == 0 {
            return; // no row has a source of its own
        }
        self.clear_cache();
        let (added, base) = &mut self.added_sources;
        if *added == 0 {
            *base = len;
        }
        if grow {
            *added += 1;
        } else {
            *added = added.saturating_sub(1);
        }
        for event in &mut self.edited {
            let event = Arc::make_mut(event);
            let own = event.sources.len();
            for ev in &mut event.event.evidence {
                if own > 0 && grow && ev.source >= len {
                    ev.source += 1;
                } else if own > 0 && !grow && ev.source > len {
                    ev.source -= 1;
                }
            }
        }
    }

    /// Where the event at index `i` (in the document's order) was read
    /// from: its row, as the importer that scanned it numbered it. An
    /// importer that builds on another's rows (JSON records on the CSV
    /// importer's) finds each event's item through it.
    #[must_use]
    pub fn key(&self, i: usize) -> Option<RowKey> {
        self.keys.get(i).copied()
    }

    /// The event at index `i`, from the cache or read and cached.
    pub(super) fn get(&self, i: usize) -> Option<Arc<RowEvent>> {
        let key = *self.keys.get(i)?;
        if key.row == super::edit::EDITED_ROW {
            return self.edited.get(usize::try_from(key.offset).ok()?).cloned();
        }
        // A poisoned cache is only a cache: carry on with its contents.
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(hit) = cache.get(&i) {
            return Some(Arc::clone(hit));
        }
        let read = Arc::new(self.read_key(key)?);
        if cache.len() >= CACHE_EVENTS {
            cache.clear();
        }
        cache.insert(i, Arc::clone(&read));
        Some(read)
    }

    /// The event at index `i`, read without touching the cache (for going
    /// through all of them once).
    pub(super) fn read(&self, i: usize) -> Option<RowEvent> {
        self.read_key(*self.keys.get(i)?)
    }

    /// The place of the event at index `i`, read without the rest of its
    /// row where the reader can.
    pub(super) fn place(&self, i: usize) -> Option<Place> {
        let key = *self.keys.get(i)?;
        if key.row == super::edit::EDITED_ROW {
            let slot = usize::try_from(key.offset).ok()?;
            return self.edited.get(slot)?.event.place.as_deref().cloned();
        }
        self.reader.place(key)
    }

    pub(super) fn heap_bytes(&self) -> usize {
        self.reader.heap_bytes()
            + self.keys.capacity() * size_of::<RowKey>()
            + self.edited.capacity() * size_of::<Arc<RowEvent>>()
    }
}

impl Clone for RowEvents {
    fn clone(&self) -> Self {
        Self {
            edited: self.edited.clone(),
            added_sources: self.added_sources,
            ..Self::new(Arc::clone(&self.reader), self.keys.clone(), self.sources)
        }
    }
}

impl PartialEq for RowEvents {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.reader, &other.reader)
            && self.keys == other.keys
            && self.edited == other.edited
            && self.added_sources == other.added_sources
    }
}

impl std::fmt::Debug for RowEvents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RowEvents")
            .field("reader", &self.reader)
            .field("rows", &self.keys.len())
            .field("sources", &self.sources)
            .finish_non_exhaustive()
    }
}

/// One file of a [`Document::layered`] document.
pub(super) struct LayerPart {
    pub doc: Arc<Document>,
    /// Where its sources start among the layered document's.
    pub source_base: usize,
}

/// Reads an event of a layered document from its file's document: a key's
/// `offset` is the file's place among the parts, its `row` the event's index
/// there.
pub(super) struct LayerRows {
    pub parts: Vec<LayerPart>,
    /// How many sources the layered document has.
    pub sources: usize,
}

impl RowReader for LayerRows {
    fn read(&self, key: RowKey) -> Option<RowEvent> {
        let part = self.parts.get(usize::try_from(key.offset).ok()?)?;
        let doc = &part.doc;
        let (mut event, sources) = match doc.event(key.row as usize)? {
            EventRef::Borrowed(e) => (e.clone(), Vec::new()),
            EventRef::Row(r) => (r.event.clone(), r.sources.clone()),
        };
        // The file's sources are among the layered document's; a row's own
        // come after them.
        for ev in &mut event.evidence {
            ev.source = match ev.source.checked_sub(doc.sources.len()) {
                Some(own) => self.sources + own,
                None => ev.source + part.source_base,
            };
        }
        Some(RowEvent { event, sources })
    }

    fn heap_bytes(&self) -> usize {
        // The files' documents are shared with their layers.
        self.parts.capacity() * size_of::<LayerPart>()
    }
}

impl std::fmt::Debug for LayerRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.parts.iter().map(|p| p.doc.name.as_str()).collect();
        f.debug_struct("LayerRows")
            .field("files", &names)
            .finish_non_exhaustive()
    }
}

/// An event of a [`Document`]: borrowed from its list, or read from its row.
#[derive(Clone, Debug)]
pub enum EventRef<'a> {
    Borrowed(&'a Event),
    Row(Arc<RowEvent>),
}

impl std::ops::Deref for EventRef<'_> {
    type Target = Event;

    fn deref(&self) -> &Event {
        match self {
            Self::Borrowed(e) => e,
            Self::Row(r) => &r.event,
        }
    }
}

impl EventRef<'_> {
    /// The source `evidence` (one of this event's) cites.
    #[must_use]
    pub fn source<'s>(&'s self, doc: &'s Document, evidence: &Evidence) -> Option<&'s Source> {
        match (self, evidence.source.checked_sub(doc.sources.len())) {
            (Self::Row(r), Some(own)) => r.sources.get(own),
            _ => doc.sources.get(evidence.source),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;
    use crate::model::{Date, DocumentBuilder, NO_CATEGORY};

    /// Rows `"<year>,<title>"` of a text, counting how often one is read.
    #[derive(Debug)]
    struct Lines {
        text: String,
        reads: AtomicUsize,
    }

    impl RowReader for Lines {
        fn read(&self, key: RowKey) -> Option<RowEvent> {
            self.reads.fetch_add(1, Ordering::Relaxed);
            let line = self
                .text
                .get(usize::try_from(key.offset).ok()?..)?
                .lines()
                .next()?;
            let (year, title) = line.split_once(',')?;
            let start = Date::parse(year).ok()?;
            Some(RowEvent {
                event: Event::new(format!("row-{}", key.row), title, start),
                sources: Vec::new(),
            })
        }

        fn heap_bytes(&self) -> usize {
            self.text.capacity()
        }
    }

    fn document(text: &str) -> (Document, Arc<Lines>) {
        let lines = Arc::new(Lines {
            text: text.to_owned(),
            reads: AtomicUsize::new(0),
        });
        let mut keys = Vec::new();
        let mut times = Vec::new();
        let mut offset = 0;
        for (row, line) in text.lines().enumerate() {
            let start = Date::parse(line.split(',').next().unwrap_or("")).unwrap();
            keys.push(RowKey {
                offset: offset as u64,
                row: u32::try_from(row + 1).unwrap(),
            });
            times.push((start.start_seconds(), start.end_seconds()));
            offset += line.len() + 1;
        }
        let n = keys.len();
        let reader: Arc<dyn RowReader> = lines.clone();
        let doc = DocumentBuilder::default().build_rows(
            RowEvents::new(reader, keys, 0),
            times,
            &vec![NO_CATEGORY; n],
            Vec::new(),
        );
        (doc, lines)
    }

    #[test]
    fn rows_are_sorted_by_time_and_read_when_looked_at() {
        let (doc, lines) = document("2024,c\n1990,a\n2001,b\n");
        assert_eq!(lines.reads.load(Ordering::Relaxed), 0, "nothing read yet");
        assert_eq!(doc.event_count(), 3);
        let titles: Vec<String> = doc.iter_events().map(|e| e.title.clone()).collect();
        assert_eq!(titles, ["a", "b", "c"]);
        assert_eq!(doc.event(0).unwrap().id, "row-2");
        assert_eq!(doc.lanes(), [crate::model::UNCATEGORISED]);
        assert_eq!(doc.event_by_id("row-1"), Some(2));
    }

    #[test]
    fn an_event_looked_at_again_is_not_read_again() {
        let (doc, lines) = document("2024,c\n1990,a\n");
        let first = doc.event(1).unwrap();
        let again = doc.event(1).unwrap();
        assert_eq!(lines.reads.load(Ordering::Relaxed), 1);
        match (first, again) {
            (EventRef::Row(a), EventRef::Row(b)) => assert!(Arc::ptr_eq(&a, &b)),
            _ => panic!("events of rows are rows"),
        }
        assert!(doc.event(2).is_none());
    }

    #[test]
    fn layered_files_read_their_events_from_each_file() {
        let (rows, _) = document("2024,c\n1990,a\n");
        let cited = DocumentBuilder {
            name: "cited.json".into(),
            sources: vec![Source::new("s", "S", "The walls fell.")],
            events: vec![Event {
                evidence: vec![Evidence {
                    source: 0,
                    quote: "walls fell".into(),
                    note: None,
                    location: Some(4..14),
                    at: Some(4),
                }],
                category: Some("war".into()),
                ..Event::new("row-1", "b", Date::parse("2001").unwrap())
            }],
            ..DocumentBuilder::default()
        }
        .build();
        let parts = [(0, Arc::new(rows)), (3, Arc::new(cited))];
        let layered = Document::layered(&parts);
        let titles: Vec<String> = layered.iter_events().map(|e| e.title.clone()).collect();
        assert_eq!(titles, ["a", "b", "c"]);
        assert_eq!(layered.event_layers(), [0, 3, 0]);
        assert_eq!(layered.lanes(), ["war", crate::model::UNCATEGORISED]);
        assert_eq!(layered.event_lanes(), [1, 0, 1]);
        // Both files call an event row-1: each keeps its id.
        let b = layered.event(1).unwrap();
        assert_eq!(b.id, "row-1");
        let evidence = &b.evidence[0];
        assert_eq!(
            b.source(&layered, evidence).unwrap().text,
            "The walls fell."
        );
        // Written out, the events are those of the merged files.
        let merged = Document::merged(&[(0, &parts[0].1), (3, &parts[1].1)]);
        let written = layered.materialized();
        let titles = |d: &Document| d.iter_events().map(|e| e.title.clone()).collect::<Vec<_>>();
        assert_eq!(written.owned_events().map(<[Event]>::len), Some(3));
        assert_eq!(written.sources, merged.sources);
        assert_eq!(titles(&written), titles(&merged));
    }

    #[test]
    fn a_filtered_document_reads_the_events_it_keeps_from_its_base() {
        let base = Arc::new(crate::example::load().unwrap());
        let military = base.lanes().iter().position(|l| l == "military").unwrap();
        let kept = Document::filtered(&base, &|i| base.event_lanes()[i] != military, None, &[]);
        assert_eq!(kept.event_count(), 4);
        assert!(!kept.lanes().contains(&"military".to_owned()));
        let ids: Vec<String> = kept.iter_events().map(|e| e.id.clone()).collect();
        assert_eq!(
            ids,
            [
                "treaty",
                "minister-briefing",
                "defense-ministry-statement",
                "foreign-ministry-warning"
            ]
        );
        // Quotes still point into the article.
        let treaty = kept.event(0).unwrap();
        let source = treaty.source(&kept, &treaty.evidence[0]).unwrap();
        assert!(source.text.contains("culminating in a treaty"));
        assert_eq!(kept.title, base.title);
        let none = Document::filtered(&base, &|_| false, None, &[]);
        assert_eq!(none.event_count(), 0);
        assert_eq!(none.time_range(), None);
    }

    #[test]
    fn a_grouping_replaces_the_lanes_in_its_own_order_with_the_none_lane_last() {
        let base = Arc::new(crate::example::load().unwrap());
        // Lane "b" for the first three events, "a" for the next two, none for
        // the rest: lanes keep the grouping's order, not time order.
        let lane_of = (0..7)
            .map(|i| match i {
                0..3 => 1,
                3..5 => 0,
                _ => crate::model::NO_CATEGORY,
            })
            .collect();
        let grouping = crate::model::Grouping {
            lane_of,
            names: vec!["a".into(), "b".into(), "unused".into()],
            none: "(no tag)".into(),
            other: Some("b".into()),
        };
        let grouped = Document::filtered(&base, &|_| true, Some(&grouping), &[]);
        assert_eq!(grouped.lanes(), ["a", "b", "(no tag)"]);
        assert_eq!(grouped.event_lanes(), [1, 1, 1, 0, 0, 2, 2]);
        assert_eq!(grouped.event_count(), 7);
        assert_eq!(grouped.source_count(), base.source_count());
        // The Other and none lanes are grey.
        assert_eq!(grouped.category_colors.get("b"), Some(&crate::model::GREY));
        assert_eq!(
            grouped.category_colors.get("(no tag)"),
            Some(&crate::model::GREY)
        );
        assert_eq!(grouped.category_colors.get("a"), None);
        // Filtered as well: only the lanes with events.
        let some = Document::filtered(&base, &|i| i >= 3, Some(&grouping), &[]);
        assert_eq!(some.lanes(), ["a", "(no tag)"]);
    }

    #[test]
    fn a_document_of_rows_materializes_into_the_same_events() {
        let (doc, _) = document("2024,c\n1990,a\n");
        let owned = doc.materialized();
        assert!(doc.owned_events().is_none());
        assert!(owned.rows().is_none());
        let events = owned.owned_events().unwrap();
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].title, "a");
        assert_eq!(owned.event_times(), doc.event_times());
        assert!(owned.event_layers().is_empty());
    }
}
