//! The places of the events shown, read once per shown document for the
//! map: on a thread of its own for a large document (the map draws what it
//! has meanwhile: nothing, with a note), at once for a small one.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize};

use super::facet_cache::DocCache;
use crate::model::Document;
use crate::places::PlaceIndex;

/// The shown document's places, while the map is open (or, `points_only`,
/// everything open's, for the area filter: no order by end).
#[derive(Default)]
pub struct PlaceCache {
    cache: DocCache<(), PlaceIndex>,
    points_only: bool,
}

impl PlaceCache {
    /// A cache of the points alone (no order by end).
    #[must_use]
    pub fn points_only() -> Self {
        Self {
            points_only: true,
            ..Self::default()
        }
    }

    /// Describes `doc` from now on (forgetting another document's places).
    pub fn describe(&mut self, doc: Option<&Arc<Document>>) {
        self.cache.describe(doc, false);
    }

    /// The places, when read.
    #[must_use]
    pub fn get(&self) -> Option<&Arc<PlaceIndex>> {
        self.cache.get(&())
    }

    /// How far reading them has got, while it runs.
    #[must_use]
    pub fn progress(&self) -> Option<f32> {
        self.cache.progress(&())
    }

    /// Reads the places unless read or being read. With `base`, the
    /// places of the document the shown one is a filtered view of, they
    /// are read through it (each event's row there) instead of copied.
    pub fn request(&mut self, ctx: &egui::Context, base: Option<Arc<PlaceIndex>>) {
        let ends = !self.points_only;
        let compute = move |doc: &Document, (): &(), stop: &AtomicBool, done: &AtomicUsize| {
            base.as_ref()
                .and_then(|base| PlaceIndex::view_of(base, doc, (stop, done)))
                .or_else(|| PlaceIndex::build_with(doc, (stop, done), ends))
        };
        self.cache
            .request(ctx, (&(), "reading places"), false, Arc::new(compute));
    }

    /// Takes a finished read; whether there was one.
    pub fn poll(&mut self) -> bool {
        !self.cache.poll().is_empty()
    }

    /// Whether they are being read.
    #[must_use]
    pub fn busy(&self) -> bool {
        self.cache.busy()
    }
}
