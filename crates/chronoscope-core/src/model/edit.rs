//! Changing a document one step at a time, each step giving back the step
//! that undoes it.
//!
//! Building a chronology is editing one: events added from passages,
//! retitled, moved, deleted; sources added and their dates fixed. Every
//! such change is an [`Edit`] applied by [`Document::apply`], which returns
//! the inverse edit: undo applies the inverse, redo the inverse's inverse.
//! That one function is the only way a loaded document changes, so the
//! history, the unsaved mark and the autosave cannot disagree.
//!
//! A document of a million rows is not copied to change one event: the
//! event leaves its place in the columns (times, lanes, index) and comes
//! back at its new one, which moves memory but makes nothing again. Events
//! kept as rows of a file stay rows; an edited one is kept beside them
//! ([`RowEvents`]'s edited events), and its inverse brings the row back.

use std::sync::Arc;

use super::rows::{RowEvent, RowKey};
use super::{Document, Event, Events, Source, UNCATEGORISED};

/// One change to a document. Made by the constructors below, or given back
/// by [`Document::apply`] as the inverse of the change applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit(Change);

#[derive(Clone, Debug, PartialEq)]
enum Change {
    /// An event put in its place in time; `at`: the index it had, when it
    /// is put back where it was (an inverse); `warnings`: the warnings
    /// that named it before it was taken out; `lane_at`: where its lane
    /// was, when taking it out took its lane too.
    Insert {
        event: Stored,
        at: Option<usize>,
        warnings: Vec<usize>,
        lane_at: Option<usize>,
    },
    Remove {
        index: usize,
    },
    Replace {
        index: usize,
        event: Stored,
        at: Option<usize>,
        lane_at: Option<usize>,
    },
    AddSource(Box<Source>),
    /// Sources from `len` on taken out (the inverse of adding them).
    TruncateSources(usize),
    ReplaceSource {
        index: usize,
        source: Box<Source>,
    },
    SetTitle(Option<String>),
    SetDescription(Option<String>),
}

/// An event as an edit holds it: a value, or the row of its file it was
/// read from (so undoing an edit of a row brings the row itself back).
#[derive(Clone, Debug, PartialEq)]
enum Stored {
    Event(Box<Event>),
    Row(RowKey),
}

/// What applying an edit did.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    /// The edit that undoes it.
    pub inverse: Edit,
    /// Where the event edited or added now is, by index; `None` when the
    /// edit took one out or concerned no event.
    pub index: Option<usize>,
}

/// Why an edit cannot be applied: it names something the document does not
/// have (an edit made for another document, or history out of step).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("there is no event {0} (the document has {1})")]
    NoEvent(usize, usize),
    #[error("there is no source {0} (the document has {1})")]
    NoSource(usize, usize),
    #[error("{0} sources cannot be taken out: the document has {1}")]
    Truncate(usize, usize),
    #[error("event {id:?} ends before it starts ({end} is before {start})")]
    EndBeforeStart {
        id: String,
        start: String,
        end: String,
    },
    #[error("the event has no id")]
    NoId,
    #[error("row {0} of the file cannot be read again")]
    Unreadable(u32),
}

impl Edit {
    /// Adds `event` in its place in time.
    #[must_use]
    pub fn insert_event(event: Event) -> Self {
        Self(Change::Insert {
            event: Stored::Event(Box::new(event)),
            at: None,
            warnings: Vec::new(),
            lane_at: None,
        })
    }

    /// Takes out event `index`.
    #[must_use]
    pub fn remove_event(index: usize) -> Self {
        Self(Change::Remove { index })
    }

    /// Puts `event` in place of event `index` (it moves when its dates did).
    #[must_use]
    pub fn replace_event(index: usize, event: Event) -> Self {
        Self(Change::Replace {
            index,
            event: Stored::Event(Box::new(event)),
            at: None,
            lane_at: None,
        })
    }

    /// Adds `source` after the others.
    #[must_use]
    pub fn add_source(source: Source) -> Self {
        Self(Change::AddSource(Box::new(source)))
    }

    /// Puts `source` in place of source `index` (its properties or text
    /// changed; the events citing it still do).
    #[must_use]
    pub fn replace_source(index: usize, source: Source) -> Self {
        Self(Change::ReplaceSource {
            index,
            source: Box::new(source),
        })
    }

    /// Sets the chronology's title.
    #[must_use]
    pub fn set_title(title: Option<String>) -> Self {
        Self(Change::SetTitle(title))
    }

    /// Sets the chronology's description.
    #[must_use]
    pub fn set_description(description: Option<String>) -> Self {
        Self(Change::SetDescription(description))
    }
}

impl Document {
    /// Applies `edit`, returning the edit that undoes it and where the
    /// event it concerns now is. On error nothing changed.
    pub fn apply(&mut self, edit: Edit) -> Result<Applied, EditError> {
        match edit.0 {
            Change::Insert {
                event,
                at,
                warnings,
                lane_at,
            } => {
                let index = self.insert_stored_with(event, (at, lane_at), Vec::new())?;
                for w in warnings {
                    if let Some(w) = self.warnings.get_mut(w) {
                        w.event = Some(index);
                    }
                }
                Ok(Applied {
                    inverse: Edit(Change::Remove { index }),
                    index: Some(index),
                })
            }
            Change::Remove { index } => {
                let (event, warnings, lane_at) = self.remove_stored(index)?;
                Ok(Applied {
                    inverse: Edit(Change::Insert {
                        event,
                        at: Some(index),
                        warnings,
                        lane_at,
                    }),
                    index: None,
                })
            }
            Change::Replace {
                index,
                event,
                at,
                lane_at,
            } => {
                self.check_index(index)?;
                check_dates(&self.stored_event(&event)?.event)?;
                // A row's own sources (a table's text) stay with its event.
                let own = match self.event(index) {
                    Some(super::EventRef::Row(r)) => r.sources.clone(),
                    _ => Vec::new(),
                };
                let (old, warnings, dropped) = self.remove_stored(index)?;
                let new = self.insert_stored_with(event, (at, lane_at), own)?;
                for w in warnings {
                    if let Some(w) = self.warnings.get_mut(w) {
                        w.event = Some(new);
                    }
                }
                Ok(Applied {
                    inverse: Edit(Change::Replace {
                        index: new,
                        event: old,
                        at: Some(index),
                        lane_at: dropped,
                    }),
                    index: Some(new),
                })
            }
            Change::AddSource(source) => {
                let len = self.sources.len();
                self.shift_row_sources(len, true);
                self.sources.push(*source);
                Ok(Applied {
                    inverse: Edit(Change::TruncateSources(len)),
                    index: None,
                })
            }
            Change::TruncateSources(len) => {
                let have = self.sources.len();
                if len > have {
                    return Err(EditError::Truncate(len, have));
                }
                let mut gone = self.sources.split_off(len);
                for _ in &gone {
                    self.shift_row_sources(self.sources.len(), false);
                }
                // Adding them back in order undoes this; one edit per
                // source keeps the inverse simple, and only the last one
                // added is ever taken out by undo.
                let inverse = match gone.len() {
                    1 => gone.pop().map(|s| Edit(Change::AddSource(Box::new(s)))),
                    _ => None,
                };
                Ok(Applied {
                    inverse: inverse.unwrap_or(Edit(Change::TruncateSources(have))),
                    index: None,
                })
            }
            Change::ReplaceSource { index, source } => {
                let have = self.sources.len();
                let slot = self
                    .sources
                    .get_mut(index)
                    .ok_or(EditError::NoSource(index, have))?;
                let old = std::mem::replace(slot, *source);
                Ok(Applied {
                    inverse: Edit(Change::ReplaceSource {
                        index,
                        source: Box::new(old),
                    }),
                    index: None,
                })
            }
            Change::SetTitle(title) => {
                let old = std::mem::replace(&mut self.title, title);
                Ok(Applied {
                    inverse: Edit(Change::SetTitle(old)),
                    index: None,
                })
            }
            Change::SetDescription(description) => {
                let old = std::mem::replace(&mut self.description, description);
                Ok(Applied {
                    inverse: Edit(Change::SetDescription(old)),
                    index: None,
                })
            }
        }
    }

    fn check_index(&self, index: usize) -> Result<(), EditError> {
        let n = self.event_count();
        if index < n {
            Ok(())
        } else {
            Err(EditError::NoEvent(index, n))
        }
    }

    /// The event `stored` holds (a row read again), with the sources only
    /// it cites.
    fn stored_event(&self, stored: &Stored) -> Result<RowEvent, EditError> {
        match (stored, &self.events) {
            (Stored::Event(e), _) => Ok(RowEvent {
                event: (**e).clone(),
                sources: Vec::new(),
            }),
            (Stored::Row(key), Events::Rows(rows)) => {
                rows.read_key(*key).ok_or(EditError::Unreadable(key.row))
            }
            (Stored::Row(key), Events::Owned(_)) => Err(EditError::Unreadable(key.row)),
        }
    }

    /// Takes event `index` out of the events and every column; gives it
    /// back with the warnings that named it, and where its lane was when
    /// the lane went with it.
    fn remove_stored(
        &mut self,
        index: usize,
    ) -> Result<(Stored, Vec<usize>, Option<usize>), EditError> {
        self.check_index(index)?;
        self.index
            .remove(index, &self.event_times, &self.event_lane);
        self.event_times.remove(index);
        let lane = self.event_lane.remove(index);
        // A lane left without events goes, as it would from a new reading.
        let mut dropped = None;
        if self
            .index
            .lanes
            .get(lane)
            .is_some_and(super::index::TierSet::is_empty)
        {
            dropped = Some(lane);
            self.index.remove_lane(lane);
            self.lanes.remove(lane);
            for l in &mut self.event_lane {
                if *l > lane {
                    *l -= 1;
                }
            }
        }
        if self.event_layer.len() > index {
            self.event_layer.remove(index);
        }
        let stored = match &mut self.events {
            Events::Owned(events) => Stored::Event(Box::new(events.remove(index))),
            Events::Rows(rows) => Stored::Row(rows.remove(index)),
        };
        let mut named = Vec::new();
        for (n, w) in self.warnings.iter_mut().enumerate() {
            match w.event {
                Some(e) if e == index => {
                    w.event = None;
                    named.push(n);
                }
                Some(e) if e > index => w.event = Some(e - 1),
                _ => {}
            }
        }
        Ok((stored, named, dropped))
    }

    /// Puts `stored` in its place in time (at `at` when that is one of its
    /// places: among events at the same times, where it was), in its
    /// category's lane (a new one at `lane_at` when given, where it was);
    /// gives its index. An event kept beside rows keeps `own`, the sources
    /// only it cites.
    fn insert_stored_with(
        &mut self,
        stored: Stored,
        (at, lane_at): (Option<usize>, Option<usize>),
        own: Vec<Source>,
    ) -> Result<usize, EditError> {
        let event = self.stored_event(&stored)?.event;
        check_dates(&event)?;
        let times = (event.t0(), event.t1());
        let key = |t: &(f64, f64)| t.0.total_cmp(&times.0).then(t.1.total_cmp(&times.1));
        let fits = |i: usize| {
            i <= self.event_times.len()
                && (i == 0 || key(&self.event_times[i - 1]).is_le())
                && self.event_times.get(i).is_none_or(|t| key(t).is_ge())
        };
        let index = at
            .filter(|&i| fits(i))
            .unwrap_or_else(|| self.event_times.partition_point(|t| key(t).is_le()));
        let lane = self.lane_for(event.category.as_deref(), index, lane_at);
        self.event_times.insert(index, times);
        self.event_lane.insert(index, lane);
        if !self.event_layer.is_empty() {
            let layer = self.event_layer.get(index.saturating_sub(1)).copied();
            self.event_layer.insert(index, layer.unwrap_or(0));
        }
        match (&mut self.events, stored) {
            (Events::Owned(events), Stored::Event(e)) => events.insert(index, *e),
            (Events::Owned(events), Stored::Row(_)) => events.insert(index, event),
            (Events::Rows(rows), Stored::Row(key)) => rows.insert(index, key),
            (Events::Rows(rows), Stored::Event(e)) => {
                rows.insert_edited(
                    index,
                    RowEvent {
                        event: *e,
                        sources: own,
                    },
                );
            }
        }
        for w in &mut self.warnings {
            if let Some(e) = w.event.as_mut()
                && *e >= index
            {
                *e += 1;
            }
        }
        self.index
            .insert(index, &self.event_times, &self.event_lane);
        Ok(index)
    }

    /// The lane of events in `category`, for an event to be put at
    /// `index`: its lane, or a new one, among the others in the order of
    /// their first events, as a reading of the file orders them (the lane
    /// of events without a category stays last).
    fn lane_for(&mut self, category: Option<&str>, index: usize, lane_at: Option<usize>) -> usize {
        let none_lane = self
            .lanes
            .last()
            .filter(|l| *l == UNCATEGORISED)
            .map(|_| self.lanes.len() - 1);
        let Some(name) = category else {
            return none_lane.unwrap_or_else(|| {
                self.lanes.push(UNCATEGORISED.to_owned());
                self.index.insert_lane(self.lanes.len() - 1);
                self.lanes.len() - 1
            });
        };
        let found = self
            .lanes
            .iter()
            .enumerate()
            .position(|(i, l)| l == name && Some(i) != none_lane);
        if let Some(lane) = found {
            return lane;
        }
        let named = none_lane.unwrap_or(self.lanes.len());
        let at = lane_at.filter(|&at| at <= named).unwrap_or_else(|| {
            (0..named)
                .filter(|&l| {
                    self.index
                        .lanes
                        .get(l)
                        .and_then(super::index::TierSet::first_event)
                        < Some(index)
                })
                .count()
        });
        self.lanes.insert(at, name.to_owned());
        self.index.insert_lane(at);
        for lane in &mut self.event_lane {
            if *lane >= at {
                *lane += 1;
            }
        }
        at
    }

    /// Keeps the sources rows cite of their own (a table's texts) named
    /// right when a source is added (`grow`) or taken out at `len`: they
    /// are numbered after the document's.
    fn shift_row_sources(&mut self, len: usize, grow: bool) {
        if let Events::Rows(rows) = &mut self.events {
            rows.shift_own_sources(len, grow);
        }
    }

    /// An id no event of the document has, made from `title`: its words
    /// in lower case joined by `-`, numbered when taken.
    #[must_use]
    pub fn new_event_id(&self, title: &str) -> String {
        let slug: String = title
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(6)
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join("-");
        let base = if slug.is_empty() {
            "event".to_owned()
        } else {
            slug
        };
        // Reading every id of a large file (rows read one by one) would
        // freeze the window: there, a suffix from the clock makes the id
        // unique in practice, and a file that somehow repeats an id is
        // refused, with the place, when read.
        if self.event_count() > SCANNED_IDS {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            return format!("{base}-{nanos:x}");
        }
        let taken: std::collections::HashSet<String> =
            self.iter_events().map(|e| e.id.clone()).collect();
        if !taken.contains(&base) {
            return base;
        }
        // One of the first `taken.len() + 2` numbers is free.
        (2..taken.len() + 3)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !taken.contains(id))
            .unwrap_or(base)
    }
}

/// Documents with more events than this get new ids without reading every
/// id ([`Document::new_event_id`]).
const SCANNED_IDS: usize = 50_000;

fn check_dates(event: &Event) -> Result<(), EditError> {
    if event.id.is_empty() {
        return Err(EditError::NoId);
    }
    match &event.end {
        Some(end) if end.end_seconds() <= event.start.start_seconds() => {
            Err(EditError::EndBeforeStart {
                id: event.id.clone(),
                start: event.start.to_string(),
                end: end.to_string(),
            })
        }
        _ => Ok(()),
    }
}

/// What [`super::RowEvents`] keeps for edits: rows of the file, and the
/// events edited or added, which a key with [`EDITED_ROW`] names.
pub(super) const EDITED_ROW: u32 = u32::MAX;

impl super::RowEvents {
    /// Takes out the key of event `i`.
    fn remove(&mut self, i: usize) -> RowKey {
        self.clear_cache();
        self.keys.remove(i)
    }

    /// Puts `key` at `i`.
    fn insert(&mut self, i: usize, key: RowKey) {
        self.clear_cache();
        self.keys.insert(i, key);
    }

    /// Keeps `event` beside the rows and puts it at `i`.
    fn insert_edited(&mut self, i: usize, event: RowEvent) {
        let slot = self.edited.len() as u64;
        self.edited.push(Arc::new(event));
        self.insert(
            i,
            RowKey {
                offset: slot,
                row: EDITED_ROW,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use proptest::prelude::*;

    use super::*;
    use crate::model::rows::RowReader;
    use crate::model::{CategoryNames, Date, DocumentBuilder, NO_CATEGORY, RowEvents, TimeIndex};

    fn event(id: &str, start: &str, end: Option<&str>, category: Option<&str>) -> Event {
        let mut e = Event::new(id, format!("Event {id}"), Date::parse(start).unwrap());
        e.end = end.map(|d| Date::parse(d).unwrap());
        e.category = category.map(str::to_owned);
        e
    }

    /// Rows `"<id>,<date>,<category>"` of a text.
    #[derive(Debug)]
    struct Lines(String);

    impl RowReader for Lines {
        fn read(&self, key: RowKey) -> Option<RowEvent> {
            let line = self
                .0
                .get(usize::try_from(key.offset).ok()?..)?
                .lines()
                .next()?;
            let mut parts = line.split(',');
            let (id, date, category) = (parts.next()?, parts.next()?, parts.next()?);
            let category = (!category.is_empty()).then_some(category);
            Some(RowEvent {
                event: event(id, date, None, category),
                sources: Vec::new(),
            })
        }

        fn heap_bytes(&self) -> usize {
            self.0.len()
        }
    }

    fn owned(events: Vec<Event>) -> Document {
        DocumentBuilder {
            events,
            sources: vec![Source::new("s", "S", "text")],
            ..DocumentBuilder::default()
        }
        .build()
    }

    fn rows(events: &[Event]) -> Document {
        let mut text = String::new();
        let mut keys = Vec::new();
        let mut times = Vec::new();
        let mut names = CategoryNames::default();
        let mut categories = Vec::new();
        for (row, e) in events.iter().enumerate() {
            keys.push(RowKey {
                offset: text.len() as u64,
                row: u32::try_from(row + 1).unwrap(),
            });
            let category = e.category.clone().unwrap_or_default();
            writeln!(text, "{},{},{category}", e.id, e.start).unwrap();
            times.push((e.t0(), e.t1()));
            categories.push(e.category.as_deref().map_or(NO_CATEGORY, |c| names.id(c)));
        }
        let reader: Arc<dyn RowReader> = Arc::new(Lines(text));
        DocumentBuilder {
            sources: vec![Source::new("s", "S", "text")],
            ..DocumentBuilder::default()
        }
        .build_rows(
            RowEvents::new(reader, keys, 0),
            times,
            &categories,
            names.into_names(),
        )
    }

    /// The columns agree with the events, and the index with one built
    /// from the columns.
    fn check_columns(doc: &Document) {
        let events: Vec<Event> = doc.iter_events().map(|e| (*e).clone()).collect();
        let times: Vec<(f64, f64)> = events.iter().map(|e| (e.t0(), e.t1())).collect();
        assert_eq!(doc.event_times(), times.as_slice());
        assert!(times.windows(2).all(|w| w[0] <= w[1]), "sorted by time");
        for (l, lane) in doc.index().lanes.iter().enumerate() {
            assert!(!lane.is_empty(), "lane {l} is empty");
        }
        for (e, &lane) in events.iter().zip(doc.event_lanes()) {
            let name = e.category.as_deref().unwrap_or(UNCATEGORISED);
            assert_eq!(doc.lanes()[lane], name, "lane of {}", e.id);
        }
        let fresh = TimeIndex::new(doc.event_times(), doc.event_lanes(), doc.lanes().len());
        assert_eq!(doc.index().lanes, fresh.lanes, "lane lists");
        for (tier, fresh) in doc.index().all.tiers.iter().zip(&fresh.all.tiers) {
            assert_eq!(tier.len(), fresh.len());
            let (a, b) = (
                tier.candidates(f64::MIN, f64::MAX),
                fresh.candidates(f64::MIN, f64::MAX),
            );
            assert_eq!(a, b);
        }
    }

    /// What an edit and its inverse must give back.
    type Snapshot = (
        Vec<Event>,
        Vec<(f64, f64)>,
        Vec<Source>,
        Option<String>,
        Vec<String>,
    );

    fn snapshot(doc: &Document) -> Snapshot {
        (
            doc.iter_events().map(|e| (*e).clone()).collect(),
            doc.event_times().to_vec(),
            doc.sources.clone(),
            doc.title.clone(),
            doc.lanes().to_vec(),
        )
    }

    #[test]
    fn a_moved_event_changes_place_and_its_inverse_puts_it_back() {
        let mut doc = owned(vec![
            event("a", "2024-06-19", None, Some("diplomacy")),
            event("b", "2024-10-03", None, Some("war")),
            event("c", "2024-10-16", None, None),
        ]);
        let before = snapshot(&doc);
        let moved = event("a", "2024-12-01", None, Some("diplomacy"));
        let applied = doc.apply(Edit::replace_event(0, moved)).unwrap();
        assert_eq!(applied.index, Some(2));
        assert_eq!(doc.event(2).unwrap().id, "a");
        check_columns(&doc);
        doc.apply(applied.inverse).unwrap();
        assert_eq!(snapshot(&doc), before);
        check_columns(&doc);
    }

    #[test]
    fn a_new_category_gets_a_lane_before_the_uncategorised_one() {
        let mut doc = owned(vec![
            event("a", "2024-06-19", None, Some("diplomacy")),
            event("c", "2024-10-16", None, None),
        ]);
        assert_eq!(doc.lanes(), ["diplomacy", UNCATEGORISED]);
        doc.apply(Edit::insert_event(event("n", "2024-07", None, Some("war"))))
            .unwrap();
        assert_eq!(doc.lanes(), ["diplomacy", "war", UNCATEGORISED]);
        check_columns(&doc);
    }

    #[test]
    fn an_end_before_the_start_is_refused_and_nothing_changes() {
        let mut doc = owned(vec![event("a", "2024-06-19", None, None)]);
        let before = snapshot(&doc);
        let bad = event("a", "2024-06-19", Some("2024-06-01"), None);
        let err = doc.apply(Edit::replace_event(0, bad)).unwrap_err();
        assert!(err.to_string().contains("ends before it starts"), "{err}");
        assert_eq!(snapshot(&doc), before);
        assert!(doc.apply(Edit::remove_event(5)).is_err());
    }

    #[test]
    fn an_edited_row_is_kept_beside_the_rows_and_undo_brings_the_row_back() {
        let mut doc = rows(&[
            event("a", "2024-06-19", None, Some("x")),
            event("b", "2024-10-03", None, None),
        ]);
        let before = snapshot(&doc);
        let mut changed = (*doc.event(1).unwrap()).clone();
        changed.title = "Renamed".into();
        let applied = doc.apply(Edit::replace_event(1, changed)).unwrap();
        assert_eq!(doc.event(1).unwrap().title, "Renamed");
        assert!(doc.owned_events().is_none(), "still rows");
        doc.apply(applied.inverse).unwrap();
        assert_eq!(snapshot(&doc), before);
        assert_eq!(doc.rows().unwrap().keys[1].row, 2, "the row itself is back");
    }

    #[test]
    fn warnings_follow_their_event_through_moves_removal_and_undo() {
        let mut doc = owned(vec![
            event("a", "2024-06-19", None, None),
            event("b", "2024-10-03", None, None),
        ]);
        doc.warnings.push(crate::model::Warning {
            location: crate::model::Location::default(),
            field: "events[0]".into(),
            message: "m".into(),
            event: Some(1),
        });
        let moved = event("b", "2020-01-01", None, None);
        let applied = doc.apply(Edit::replace_event(1, moved)).unwrap();
        assert_eq!(doc.warnings[0].event, Some(0));
        let removed = doc.apply(Edit::remove_event(0)).unwrap();
        assert_eq!(doc.warnings[0].event, None);
        doc.apply(removed.inverse).unwrap();
        assert_eq!(doc.warnings[0].event, Some(0));
        doc.apply(applied.inverse).unwrap();
        assert_eq!(doc.warnings[0].event, Some(1));
    }

    #[test]
    fn sources_added_and_changed_are_undone() {
        let mut doc = owned(vec![]);
        let added = doc
            .apply(Edit::add_source(Source::new("t", "T", "x")))
            .unwrap();
        assert_eq!(doc.sources.len(), 2);
        let mut changed = doc.sources[1].clone();
        changed.title = "New".into();
        let replaced = doc.apply(Edit::replace_source(1, changed)).unwrap();
        assert_eq!(doc.sources[1].title, "New");
        doc.apply(replaced.inverse).unwrap();
        assert_eq!(doc.sources[1].title, "T");
        let removed = doc.apply(added.inverse).unwrap();
        assert_eq!(doc.sources.len(), 1);
        doc.apply(removed.inverse).unwrap();
        assert_eq!(doc.sources[1].id, "t");
    }

    #[test]
    fn new_ids_are_not_taken() {
        let doc = owned(vec![event("treaty-signed", "2024", None, None)]);
        assert_eq!(doc.new_event_id("Treaty signed!"), "treaty-signed-2");
        assert_eq!(doc.new_event_id("…"), "event");
    }

    /// One random edit of a document with `n` events.
    #[derive(Clone, Debug)]
    enum Op {
        Insert(i32, u8, Option<u8>),
        Remove(usize),
        Move(usize, i32, u8, Option<u8>),
    }

    fn op() -> impl Strategy<Value = Op> {
        let date = 1990..2030_i32;
        let precision = 0..3_u8;
        let category = proptest::option::of(0..3_u8);
        prop_oneof![
            (date.clone(), precision.clone(), category.clone())
                .prop_map(|(y, p, c)| Op::Insert(y, p, c)),
            (0..50_usize).prop_map(Op::Remove),
            (0..50_usize, date, precision, category).prop_map(|(i, y, p, c)| Op::Move(i, y, p, c)),
        ]
    }

    fn date_of(year: i32, precision: u8) -> String {
        match precision {
            0 => format!("{year}"),
            1 => format!("{year}-06"),
            _ => format!("{year}-06-15"),
        }
    }

    fn category_of(c: Option<u8>) -> Option<&'static str> {
        c.map(|c| ["war", "peace", "trade"][usize::from(c)])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn edits_keep_the_columns_in_step_and_their_inverses_undo_them(
            years in proptest::collection::vec((1990..2030_i32, 0..3_u8, proptest::option::of(0..3_u8)), 0..30),
            ops in proptest::collection::vec(op(), 1..20),
            as_rows in any::<bool>(),
        ) {
            let events: Vec<Event> = years
                .iter()
                .enumerate()
                .map(|(i, &(y, p, c))| event(&format!("e{i}"), &date_of(y, p), None, category_of(c)))
                .collect();
            let mut doc = if as_rows { rows(&events) } else { owned(events) };
            let before = snapshot(&doc);
            let mut inverses = Vec::new();
            for (n, op) in ops.into_iter().enumerate() {
                let count = doc.event_count();
                let edit = match op {
                    Op::Insert(y, p, c) => Edit::insert_event(event(&format!("new{n}"), &date_of(y, p), None, category_of(c))),
                    Op::Remove(i) if count > 0 => Edit::remove_event(i % count),
                    Op::Move(i, y, p, c) if count > 0 => {
                        let mut e = (*doc.event(i % count).unwrap()).clone();
                        e.start = Date::parse(&date_of(y, p)).unwrap();
                        e.category = category_of(c).map(str::to_owned);
                        Edit::replace_event(i % count, e)
                    }
                    _ => continue,
                };
                inverses.push(doc.apply(edit).unwrap().inverse);
                check_columns(&doc);
            }
            while let Some(inverse) = inverses.pop() {
                doc.apply(inverse).unwrap();
                check_columns(&doc);
            }
            prop_assert_eq!(snapshot(&doc), before);
        }
    }
}
