//! The selected event: which one, which of its evidence items the source
//! panel shows, and when that panel should scroll to the quote. The
//! selection survives rebuilds of the shown document by (layer, event id).

use super::editing::Passage;
use super::layers::Layers;
use crate::model::Zone;

/// The selected event and how it is shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// The source the panel shows when no event is selected (an index of
    /// the shown document's sources): one just added, or picked.
    pub source: Option<usize>,
    /// The passage selected in the source panel's text.
    pub passage: Option<Passage>,
    /// Index of the selected event in the shown document.
    pub index: Option<usize>,
    /// Which evidence item of the selected event the source panel shows.
    pub evidence_tab: usize,
    /// How many times the source panel was asked to scroll to the quote;
    /// it scrolls when this is not the number it last scrolled for.
    pub quote_scrolls: u64,
}

/// Documents of rows with more events than this are not searched through
/// for a selected event that is not at its times.
const SCANNED: usize = 50_000;

/// The selected event, as it is found again in a rebuilt document.
pub struct Kept {
    layer: Option<usize>,
    id: String,
    /// Its times in the document before and in the zone shown (which a
    /// change of zone moves it to).
    times: [(f64, f64); 2],
}

impl Kept {
    /// The event `id` of layer `layer` at `times` (before and in the zone).
    #[must_use]
    pub fn new(layer: Option<usize>, id: String, times: (f64, f64)) -> Self {
        Self {
            layer,
            id,
            times: [times, times],
        }
    }
}

impl Selection {
    /// Selects event `index` (or nothing); a newly selected event shows
    /// its first evidence, scrolled to the quote.
    pub fn set(&mut self, index: Option<usize>) {
        if index != self.index {
            self.evidence_tab = 0;
            if index.is_some() {
                self.quote_scrolls += 1;
            }
        }
        self.index = index;
    }

    /// Shows evidence item `tab` of the selected event, scrolled to its quote.
    pub fn show_evidence(&mut self, tab: usize) {
        if tab != self.evidence_tab {
            self.evidence_tab = tab;
            self.quote_scrolls += 1;
        }
    }

    /// The event `step` events after (before, when negative) the selected
    /// one of `count`, staying at the ends; from nothing, the first or last.
    #[must_use]
    pub fn stepped(&self, count: usize, step: i32) -> Option<usize> {
        match self.index {
            None if step >= 0 => (count > 0).then_some(0),
            None => count.checked_sub(1),
            Some(i) => {
                let j = i as i64 + i64::from(step);
                usize::try_from(j).ok().filter(|&j| j < count).or(Some(i))
            }
        }
    }

    /// What finds the selected event of `layers` again after a rebuild.
    #[must_use]
    pub fn remember(&self, layers: &Layers, zone: Zone) -> Option<Kept> {
        let i = self.index?;
        let doc = layers.doc.as_ref()?;
        let event = doc.event(i)?;
        Some(Kept {
            layer: layers.layer_of(i),
            id: event.id.clone(),
            times: [doc.event_times().get(i).copied()?, event.times_in(zone)],
        })
    }

    /// Selects `kept` in the rebuilt `layers`, or nothing when it is gone.
    pub fn restore(&mut self, kept: Option<Kept>, layers: &Layers) {
        self.index = kept.and_then(|kept| kept.find(layers, self.index));
        if self.index.is_some() {
            self.quote_scrolls += 1;
        } else {
            self.evidence_tab = 0;
        }
    }
}

impl Kept {
    /// The event's index in `layers`' shown document: where it was
    /// (`before`), as when the same file is shown again; else among the
    /// events at its time (events may be rows, read one by one); else, its
    /// dates changed, through all of them.
    fn find(&self, layers: &Layers, before: Option<usize>) -> Option<usize> {
        let doc = layers.doc.as_ref()?;
        let is_it = |j: usize| {
            doc.event(j).is_some_and(|e| e.id == self.id) && layers.layer_of(j) == self.layer
        };
        before
            .filter(|&j| is_it(j))
            .or_else(|| {
                self.times
                    .iter()
                    .find_map(|&t| doc.events_at(t).find(|&j| is_it(j)))
            })
            .or_else(|| {
                // Through all of them only when that is quick: in a large
                // file of rows each would be read (an event deleted is
                // looked for in vain).
                if doc.rows().is_some() && doc.event_count() > SCANNED {
                    return None;
                }
                doc.iter_events()
                    .enumerate()
                    .position(|(j, e)| e.id == self.id && layers.layer_of(j) == self.layer)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stepping_stays_at_the_ends_and_starts_at_either() {
        let mut selection = Selection::default();
        assert_eq!(selection.stepped(5, 1), Some(0));
        assert_eq!(selection.stepped(5, -1), Some(4));
        assert_eq!(selection.stepped(0, 1), None);
        selection.set(Some(4));
        assert_eq!(selection.stepped(5, 1), Some(4));
        assert_eq!(selection.stepped(5, -1), Some(3));
    }

    #[test]
    fn a_new_selection_shows_its_first_quote_scrolled_to() {
        let mut selection = Selection::default();
        selection.set(Some(2));
        selection.show_evidence(1);
        assert_eq!((selection.evidence_tab, selection.quote_scrolls), (1, 2));
        selection.set(Some(2));
        assert_eq!(selection.evidence_tab, 1, "the same event keeps its tab");
        selection.set(Some(3));
        assert_eq!((selection.evidence_tab, selection.quote_scrolls), (0, 3));
    }
}
