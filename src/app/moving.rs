//! Applying [`Command::EditEvent`](super::Command::EditEvent) (an event
//! moved on the timeline): the event is put in place of the one it was in
//! its file's document, and what is shown is rebuilt from it. Until edits
//! keep a history, a change cannot be undone; the label that will name it
//! for Undo is not used yet.

use std::sync::Arc;

use super::ChronoscopeApp;
use crate::model::{Edit, Event};

impl ChronoscopeApp {
    /// Puts `event` in place of event `index` of the shown document, in the
    /// document of the file it comes from; nothing changes when that event
    /// is no longer there or the edit is refused (an end before its start).
    pub(super) fn edit_event(&mut self, index: usize, event: Event, _label: &'static str) {
        let Some((layer, at)) = self.index_in_layer(index) else {
            return;
        };
        // The shown documents share the layer's: let them go, so the
        // layer's document is changed in place rather than copied.
        self.layers.doc = None;
        self.layers.unfiltered = None;
        if let Some(file) = self.layers.files.get_mut(layer) {
            // A refused edit changed nothing; the rebuild shows it as it was.
            let _refused = Arc::make_mut(&mut file.doc)
                .apply(Edit::replace_event(at, event))
                .err();
        }
        self.rebuild();
    }

    /// The layer event `index` of the shown document comes from, and its
    /// index in that layer's document.
    fn index_in_layer(&self, index: usize) -> Option<(usize, usize)> {
        let shown = self.layers.doc.as_ref()?;
        let layer = self.layers.layer_of(index)?;
        let file = &self.layers.files.get(layer)?.doc;
        if Arc::ptr_eq(shown, file) {
            return Some((layer, index));
        }
        // Merged or filtered: the same event, found by its times and id
        // (times in UTC, as the layer's document has them).
        let event = shown.event(index)?;
        let at = file
            .events_at((event.t0(), event.t1()))
            .find(|&i| file.event(i).is_some_and(|e| e.id == event.id))?;
        Some((layer, at))
    }
}
