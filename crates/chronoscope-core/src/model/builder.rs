//! [`DocumentBuilder`]: the one way to make a [`Document`] with events.
//!
//! A document's events come with columns that must stay in step with them:
//! each event's times and lane, the lanes, the layers, the time index, and
//! the warnings' event numbers, all in the events' time order. Those are
//! private to the document; an importer fills a builder (metadata, warnings
//! and events in file order) and [`DocumentBuilder::build`] or
//! [`DocumentBuilder::build_rows`] sorts the events and makes the columns
//! once, so no document can be seen with columns out of step.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{
    CategoryNames, Document, Event, Events, NO_CATEGORY, Period, RowEvents, Source, UNCATEGORISED,
    Warning,
};

/// A document being loaded: the public metadata of [`Document`], and its
/// events in file order, which [`DocumentBuilder::build`] sorts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocumentBuilder {
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
    /// Warnings; an `event` is an index into `events` (file order), and
    /// follows its event through the sort.
    pub warnings: Vec<Warning>,
    /// The events in file order.
    pub events: Vec<Event>,
}

impl DocumentBuilder {
    /// The document of these events: sorted by time (then end, then file
    /// order), in lanes by category in order of each one's first event
    /// (events without a category last, in [`UNCATEGORISED`]), indexed. The
    /// events are moved, not copied.
    #[must_use]
    pub fn build(self) -> Document {
        self.build_layered(Vec::new())
    }

    /// [`DocumentBuilder::build`] with each event's layer (in file order),
    /// or none when `event_layer` is empty.
    pub(super) fn build_layered(mut self, event_layer: Vec<usize>) -> Document {
        let events = std::mem::take(&mut self.events);
        // Times computed once, not in every comparison (a date's seconds take
        // calendar arithmetic).
        let times: Vec<(f64, f64)> = events.iter().map(|e| (e.t0(), e.t1())).collect();
        let mut names = CategoryNames::default();
        let categories: Vec<u32> = events
            .iter()
            .map(|e| e.category.as_deref().map_or(NO_CATEGORY, |c| names.id(c)))
            .collect();
        let mut doc = self.unsorted(Events::Owned(events), event_layer);
        doc.order(
            times,
            &categories,
            names.into_names(),
            (UNCATEGORISED, false),
        );
        doc
    }

    /// The document whose events are `rows` (any `events` of the builder are
    /// dropped): `times` gives each row's `(t0, t1)` and `categories` its
    /// category as an index into `names` ([`NO_CATEGORY`] for none), in the
    /// order of the rows' keys. Sorts them and assigns lanes as
    /// [`DocumentBuilder::build`] does.
    #[must_use]
    pub fn build_rows(
        self,
        rows: RowEvents,
        times: Vec<(f64, f64)>,
        categories: &[u32],
        names: Vec<String>,
    ) -> Document {
        self.build_rows_layered(rows, (times, categories, names), Vec::new())
    }

    /// [`DocumentBuilder::build_rows`] with each row's layer (in the rows'
    /// order), or none when `event_layer` is empty.
    pub(super) fn build_rows_layered(
        self,
        rows: RowEvents,
        (times, categories, names): (Vec<(f64, f64)>, &[u32], Vec<String>),
        event_layer: Vec<usize>,
    ) -> Document {
        let mut doc = self.unsorted(Events::Rows(rows), event_layer);
        doc.order(times, categories, names, (UNCATEGORISED, false));
        doc
    }

    /// The document of `events`, its columns still to be made
    /// ([`Document::order`] next).
    fn unsorted(self, events: Events, event_layer: Vec<usize>) -> Document {
        let DocumentBuilder {
            path,
            name,
            title,
            description,
            format,
            notes,
            category_colors,
            periods,
            sources,
            warnings,
            events: _,
        } = self;
        Document {
            path,
            name,
            title,
            description,
            format,
            notes,
            category_colors,
            periods,
            sources,
            warnings,
            events,
            event_layer,
            ..Document::default()
        }
    }
}
