//! Rebuilding what the timeline shows after the layers, the filters, the
//! lanes or the zone changed: the visible layers merged, what lanes and
//! filters need read (at once, or in the background: the app is rebuilt
//! again when it is ready), the merged document filtered, then the
//! selection found again, and the list and search made again for it.

use std::sync::Arc;

use super::filters::ValueFilter;
use super::{ChronoscopeApp, MAX_LANES};
use crate::facets::Facet;
use crate::model::Document;

impl ChronoscopeApp {
    /// Rebuilds the shown document from the visible layers, keeping the
    /// selected event (by file and id) when it is still there.
    pub(super) fn rebuild(&mut self) {
        let kept = self
            .kept
            .take()
            .or_else(|| self.selection.remember(&self.layers, self.settings.zone));
        let merged = self.layers.merge();
        self.read_for_view(merged.as_ref());
        self.show_filtered();
        self.selection.restore(kept, &self.layers);
        self.refresh_panels();
        if self.layers.files.is_empty() {
            self.view.fit_all();
        }
        self.jobs.watch(&self.layers.watched_files());
    }

    /// Asks for what the lanes, the filters and the zone need of `merged`:
    /// read now, or on a thread (meanwhile the app shows the lanes by
    /// category and what the other filters pass, at UTC times).
    fn read_for_view(&mut self, merged: Option<&Arc<Document>>) {
        let files = self.layers.names();
        let single = self.layers.single().unwrap_or(0);
        self.jobs.facets.describe(merged, files, single);
        // Lanes by a field the files now open do not have: by category.
        if let Facet::Field(name) = &self.view.group_by
            && merged.is_some()
            && !self.jobs.facets.fields().contains(name)
        {
            self.view.group_by(Facet::Category);
        }
        let mut wanted: Vec<Facet> = self
            .layers
            .filters
            .value_facets()
            .map(|(f, _)| f.clone())
            .collect();
        if self.view.group_by != Facet::Category {
            wanted.push(self.view.group_by.clone());
        }
        if self.panels.filters {
            wanted.extend([Facet::Tag, Facet::Source]); // the panel's lists
        }
        for facet in &wanted {
            self.jobs.request_facet(facet);
        }
        self.jobs.zones.describe(merged);
        self.jobs.request_zone(self.settings.zone);
        // The area on the map filters by the places of everything open.
        self.jobs.all_places.describe(merged);
        if self.layers.filters.area.is_some() {
            let wake = self.jobs.wake().clone();
            self.jobs.all_places.request(&wake, None);
        }
    }

    /// Shows the merged layers through the filters, in the lanes and with
    /// the times of the zone, as far as they are read.
    fn show_filtered(&mut self) {
        let facets = &self.jobs.facets;
        let values: Vec<ValueFilter> = self
            .layers
            .filters
            .value_facets()
            .filter_map(|(facet, hidden)| Some(ValueFilter::new(facet, facets.get(facet)?, hidden)))
            .collect();
        let by = &self.view.group_by;
        let grouping = (*by != Facet::Category)
            .then(|| facets.get(by))
            .flatten()
            .map(|v| v.grouping(by, MAX_LANES));
        // Times written with an offset, in the zone shown (none move in
        // UTC; until they are found, they are shown there).
        let moved = self
            .jobs
            .zones
            .moved(self.settings.zone)
            .unwrap_or_default();
        let places = self.jobs.all_places.get().map(AsRef::as_ref);
        self.layers.show(&values, grouping.as_ref(), moved, places);
    }

    /// The list's order and the found events are indices into the shown
    /// document: made again for the new one.
    fn refresh_panels(&mut self) {
        let doc = self.layers.doc.as_ref();
        if let Some(list) = &mut self.panels.event_list {
            self.jobs.sort = list.resort(self.jobs.wake(), doc);
        }
        if let Some(search) = &mut self.panels.search {
            let text = std::mem::take(&mut search.text);
            self.jobs.search = search.start(self.jobs.wake(), doc, text);
        }
    }
}
