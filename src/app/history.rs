//! Undo and redo: the steps the user took, each the edits that undo it.
//!
//! A step is what one command changed in one open file: a title typed, an
//! event moved, a source added. It keeps the inverse edits that
//! [`crate::model::Document::apply`] gave back, so undoing applies them and
//! keeps *their* inverses for redo. Each step has a number that stays with
//! it through undo and redo; a file is unsaved when the last step applied
//! to it is not the one it was saved at, so undoing back to the saved state
//! clears the unsaved mark, and saving does not forget the history.

use crate::model::Edit;

/// One step of the history.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// Its number, the same through undo and redo.
    pub id: u64,
    /// What it did, for the Edit menu: "move of 'Putin and Kim…'".
    pub label: String,
    /// The open file (layer) it changed.
    pub layer: usize,
    /// The edits that take it back, to apply in order.
    pub edits: Vec<Edit>,
}

/// The steps that can be undone and redone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    next_id: u64,
}

/// Most steps kept: the oldest are forgotten past it.
const MAX_STEPS: usize = 1000;

impl History {
    /// Records a step done now (the redo steps are forgotten); its number.
    pub fn record(&mut self, label: String, layer: usize, edits: Vec<Edit>) -> u64 {
        self.next_id += 1;
        let id = self.next_id;
        self.redo.clear();
        self.undo.push(Step {
            id,
            label,
            layer,
            edits,
        });
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
        id
    }

    /// The step to undo, taken off the history.
    pub fn take_undo(&mut self) -> Option<Step> {
        self.undo.pop()
    }

    /// The step to redo, taken off the history.
    pub fn take_redo(&mut self) -> Option<Step> {
        self.redo.pop()
    }

    /// Keeps an undone step for redo, with the edits that do it again.
    pub fn undone(&mut self, step: Step) {
        self.redo.push(step);
    }

    /// Keeps a redone step for undo, with the edits that undo it again.
    pub fn redone(&mut self, step: Step) {
        self.undo.push(step);
    }

    /// "Undo move of 'Putin and Kim…'", or `None` when there is nothing.
    #[must_use]
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    #[must_use]
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// The number of the last step applied to `layer` (`None`: none
    /// since it was read).
    #[must_use]
    pub fn state_of(&self, layer: usize) -> Option<u64> {
        self.undo
            .iter()
            .rev()
            .find(|s| s.layer == layer)
            .map(|s| s.id)
    }

    /// Forgets the steps of `layer` (closed or read again: its edits no
    /// longer apply), renumbering the later layers' when it was `closed`.
    pub fn forget_layer(&mut self, layer: usize, closed: bool) {
        for list in [&mut self.undo, &mut self.redo] {
            list.retain(|s| s.layer != layer);
            if closed {
                for s in list.iter_mut().filter(|s| s.layer > layer) {
                    s.layer -= 1;
                }
            }
        }
    }

    /// Forgets everything (a new chronology).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

/// `title` cut to a few words for a menu: "Putin and Kim…".
#[must_use]
pub fn short(title: &str) -> String {
    const MAX: usize = 28;
    if title.chars().count() <= MAX {
        return title.to_owned();
    }
    let cut: String = title.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_layer_is_saved_again_when_undo_goes_back_to_where_it_was_saved() {
        let mut h = History::default();
        let a = h.record("a".into(), 0, Vec::new());
        let saved = h.state_of(0);
        assert_eq!(saved, Some(a));
        h.record("b".into(), 0, Vec::new());
        assert_ne!(h.state_of(0), saved);
        let step = h.take_undo().unwrap();
        h.undone(step);
        assert_eq!(h.state_of(0), saved, "undone back to the saved state");
        let step = h.take_redo().unwrap();
        h.redone(step);
        assert_ne!(h.state_of(0), saved);
        assert_eq!(h.undo_label(), Some("b"));
    }

    #[test]
    fn closing_a_layer_forgets_its_steps_and_renumbers_the_others() {
        let mut h = History::default();
        h.record("a".into(), 0, Vec::new());
        h.record("b".into(), 1, Vec::new());
        h.forget_layer(0, true);
        assert_eq!(h.state_of(0), Some(2));
        assert_eq!(h.state_of(1), None);
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        assert_eq!(
            short("Putin and Kim Jong-un sign a mutual defense treaty"),
            "Putin and Kim Jong-un sign…"
        );
        assert_eq!(short("Strike"), "Strike");
    }
}
