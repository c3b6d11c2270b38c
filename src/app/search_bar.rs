//! The search bar (Ctrl+F): a query field above the timeline, the number of
//! events found, and stepping through them (Enter, Shift+Enter). The search
//! itself is [`crate::search`]; on large files it runs on its own thread,
//! and a newer query cancels the one before. The bar only draws and pushes
//! [`Command`]s; [`super::ChronoscopeApp::apply`] changes its state.

use std::sync::Arc;

use egui::{Key, Modifiers, Ui};

use super::Command;
use super::job::{self, Job, Poll, Started};
use crate::model::Document;
use crate::search::{Query, find_all};

/// The search bar's state; `None` in the app while the bar is closed.
#[derive(Default)]
pub struct Search {
    /// What the user typed.
    pub text: String,
    /// The events found for `found_for`, in time order.
    pub matches: Vec<usize>,
    /// The query `matches` answer; differs from `text` while searching.
    pub found_for: String,
}

/// A search on its own thread (a large document).
pub struct Searching {
    /// What is searched for.
    pub text: String,
    job: Job<Option<Vec<usize>>>,
}

impl Searching {
    /// The events found, once the search finished (none when it failed).
    #[must_use]
    pub fn poll(&self) -> Option<Vec<usize>> {
        match self.job.poll() {
            Poll::Running => None,
            Poll::Done(found) => Some(found.unwrap_or_default()),
            Poll::Died => Some(Vec::new()),
        }
    }

    /// How far it got, 0 to 1.
    #[must_use]
    pub fn fraction(&self) -> f32 {
        self.job.progress().fraction()
    }
}

/// The search field's id, to give it the keyboard focus.
#[must_use]
pub fn field_id() -> egui::Id {
    egui::Id::unique("search_field")
}

impl Search {
    /// Searches `doc` for `text` (again, when the document changed): in a
    /// small document at once; in a large one, the search started, whose
    /// answer goes to [`Self::found`].
    #[must_use]
    pub fn start(
        &mut self,
        wake: &egui::Context,
        doc: Option<&Arc<Document>>,
        text: String,
    ) -> Option<Searching> {
        self.text = text;
        let (Some(doc), Some(query)) = (doc, Query::new(&self.text)) else {
            self.found(self.text.clone(), Vec::new());
            return None;
        };
        let doc = Arc::clone(doc);
        let total = doc.event_count();
        let work = move |c: &job::Count| find_all(&doc, &query, c.flag(), c.done());
        match job::read(wake, "searching", total, false, work) {
            Started::Now(found) => {
                self.found(self.text.clone(), found.unwrap_or_default());
                None
            }
            Started::Running(job) => Some(Searching {
                text: self.text.clone(),
                job,
            }),
        }
    }

    /// Takes what a search for `text` found.
    pub fn found(&mut self, text: String, matches: Vec<usize>) {
        self.matches = matches;
        self.found_for = text;
    }

    /// The match to select after (`step` 1) or before (-1) `selected`, going
    /// round at either end.
    #[must_use]
    pub fn step_from(&self, selected: Option<usize>, step: i32) -> Option<usize> {
        let (first, last) = (self.matches.first()?, self.matches.last()?);
        Some(match (selected, step >= 0) {
            (None, true) => *first,
            (None, false) => *last,
            (Some(s), true) => *self.matches.iter().find(|&&m| m > s).unwrap_or(first),
            (Some(s), false) => *self.matches.iter().rev().find(|&&m| m < s).unwrap_or(last),
        })
    }

    /// What the bar says of the search: `searching… 40%` (while a search
    /// on its own thread has got that far), `no events found`,
    /// `3 of 12 events`.
    #[must_use]
    pub fn status(&self, selected: Option<usize>, searching: Option<f32>) -> String {
        if let Some(done) = searching {
            return format!("searching… {:.0}%", (done * 100.0).floor());
        }
        if Query::new(&self.found_for).is_none() {
            return String::new();
        }
        let n = self.matches.len();
        let count = crate::formats::common::plural(n, "event found", "events found");
        match selected.and_then(|s| self.matches.binary_search(&s).ok()) {
            Some(at) => format!("{} of {count}", at + 1),
            None if n == 0 => "no events found".to_owned(),
            None => count,
        }
    }
}

/// Draws the bar at the top of `ui` when the search is open; `searching`
/// is how far a search on its own thread has got.
pub fn show(
    ui: &mut Ui,
    search: &Search,
    (selected, searching): (Option<usize>, Option<f32>),
    out: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let mut text = search.text.clone();
        let field = egui::TextEdit::singleline(&mut text)
            .id(field_id())
            .hint_text("Search titles, texts, tags and quotes")
            .desired_width(320.0);
        let label = ui.label("Find:");
        let response = ui.add(field).labelled_by(label.id);
        if response.changed() {
            out.push(Command::SetSearch(text));
        }
        // Enter leaves a single-line field: step, and keep typing there.
        if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            let back = ui.input(|i| i.modifiers.matches_logically(Modifiers::SHIFT));
            out.push(Command::SearchStep(if back { -1 } else { 1 }));
            response.request_focus(); // keep typing there
        }
        // Esc takes the focus from the field (and its key event with it):
        // the search closes.
        let escape = ui.input(|i| {
            i.raw.events.iter().any(|e| {
                matches!(
                    e,
                    egui::Event::Key {
                        key: Key::Escape,
                        pressed: true,
                        ..
                    }
                )
            })
        });
        if response.lost_focus() && escape {
            out.push(Command::CloseSearch);
        }
        let found = !search.matches.is_empty();
        if ui
            .add_enabled(found, egui::Button::new("Previous"))
            .on_hover_text("The event found before the selected one (Shift+Enter)")
            .clicked()
        {
            out.push(Command::SearchStep(-1));
        }
        if ui
            .add_enabled(found, egui::Button::new("Next"))
            .on_hover_text("The event found after the selected one (Enter)")
            .clicked()
        {
            out.push(Command::SearchStep(1));
        }
        ui.label(search.status(selected, searching));
        if ui
            .button("Close search")
            .on_hover_text("Esc in the field")
            .clicked()
        {
            out.push(Command::CloseSearch);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stepping_goes_round_from_the_selection() {
        let search = Search {
            matches: vec![2, 5, 9],
            found_for: "x".into(),
            text: "x".into(),
        };
        assert_eq!(search.step_from(None, 1), Some(2));
        assert_eq!(search.step_from(None, -1), Some(9));
        assert_eq!(search.step_from(Some(5), 1), Some(9));
        assert_eq!(search.step_from(Some(9), 1), Some(2));
        assert_eq!(search.step_from(Some(3), -1), Some(2));
        assert_eq!(search.step_from(Some(2), -1), Some(9));
        assert_eq!(search.status(Some(5), None), "2 of 3 events found");
        assert_eq!(search.status(Some(4), None), "3 events found");
        assert_eq!(search.status(Some(4), Some(0.4)), "searching… 40%");
        assert_eq!(Search::default().step_from(None, 1), None);
    }
}
