//! The search bar (Ctrl+F): a query field above the timeline, the number of
//! events found, and stepping through them (Enter, Shift+Enter). The search
//! itself is [`crate::search`]; on large files it runs on its own thread,
//! and a newer query cancels the one before. The bar only draws and pushes
//! [`Command`]s; [`super::ChronoscopeApp::apply`] changes its state.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use egui::{Key, Modifiers, Ui};

use super::Command;
use crate::model::Document;
use crate::search::{Query, find_all};

/// Documents with fewer events are searched as the query is typed, on the
/// UI thread (a few milliseconds); larger ones on a thread of their own.
const SEARCH_NOW_MAX: usize = 20_000;

/// The search bar's state; `None` in the app while the bar is closed.
#[derive(Default)]
pub struct Search {
    /// What the user typed.
    pub text: String,
    /// The events found for `found_for`, in time order.
    pub matches: Vec<usize>,
    /// The query `matches` answer; differs from `text` while searching.
    pub found_for: String,
    /// The search running on its own thread, if any.
    job: Option<Job>,
    /// Give the field the keyboard focus next frame.
    pub focus: bool,
}

/// A search on its own thread.
struct Job {
    text: String,
    cancel: Arc<AtomicBool>,
    done: Arc<AtomicUsize>,
    total: usize,
    rx: Receiver<Option<Vec<usize>>>,
}

impl Drop for Job {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

impl Search {
    /// Searches `doc` for `text` (again, when the document changed).
    pub fn start(&mut self, ctx: &egui::Context, doc: Option<&Arc<Document>>, text: String) {
        self.job = None; // cancels a search still running
        self.text = text;
        let (Some(doc), Some(query)) = (doc, Query::new(&self.text)) else {
            self.matches.clear();
            self.found_for.clone_from(&self.text);
            return;
        };
        let total = doc.event_count();
        if total <= SEARCH_NOW_MAX {
            let never = AtomicBool::new(false);
            self.matches = find_all(doc, &query, &never, &AtomicUsize::new(0)).unwrap_or_default();
            self.found_for.clone_from(&self.text);
            return;
        }
        let (tx, rx) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let done = Arc::new(AtomicUsize::new(0));
        let (doc, thread_cancel, thread_done) =
            (Arc::clone(doc), Arc::clone(&cancel), Arc::clone(&done));
        let repaint = ctx.clone();
        std::thread::spawn(move || {
            let found = find_all(&doc, &query, &thread_cancel, &thread_done);
            // Nobody listens when a newer query replaced this one.
            let _ = tx.send(found);
            repaint.request_repaint();
        });
        self.job = Some(Job {
            text: self.text.clone(),
            cancel,
            done,
            total,
            rx,
        });
    }

    /// Takes the result of the search running on its own thread, if it
    /// finished; true while it still runs.
    pub fn poll(&mut self) -> bool {
        let Some(job) = &self.job else { return false };
        match job.rx.try_recv() {
            Ok(found) => {
                self.matches = found.unwrap_or_default();
                self.found_for.clone_from(&job.text);
                self.job = None;
                false
            }
            Err(TryRecvError::Empty) => true,
            Err(TryRecvError::Disconnected) => {
                // The thread ended without an answer: nothing found.
                self.matches.clear();
                self.job = None;
                false
            }
        }
    }

    /// Whether a search runs on its own thread.
    #[must_use]
    pub fn is_searching(&self) -> bool {
        self.job.is_some()
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

    /// What the bar says of the search: `searching… 40%`, `no events found`,
    /// `3 of 12 events`.
    #[must_use]
    pub fn status(&self, selected: Option<usize>) -> String {
        if let Some(job) = &self.job {
            let done = job.done.load(Ordering::Relaxed);
            return format!("searching… {}%", done * 100 / job.total.max(1));
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

/// Draws the bar at the top of `ui` when the search is open.
pub fn show(ui: &mut Ui, search: &mut Search, selected: Option<usize>, out: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        let mut text = search.text.clone();
        let field = egui::TextEdit::singleline(&mut text)
            .id_salt("search_field")
            .hint_text("Search titles, texts, tags and quotes")
            .desired_width(320.0);
        let label = ui.label("Find:");
        let response = ui.add(field).labelled_by(label.id);
        if search.focus {
            response.request_focus();
            search.focus = false;
        }
        if response.changed() {
            out.push(Command::SetSearch(text));
        }
        // Enter leaves a single-line field: step, and keep typing there.
        if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            let back = ui.input(|i| i.modifiers.matches_logically(Modifiers::SHIFT));
            out.push(Command::SearchStep(if back { -1 } else { 1 }));
            search.focus = true;
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
        ui.label(search.status(selected));
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
            ..Search::default()
        };
        assert_eq!(search.step_from(None, 1), Some(2));
        assert_eq!(search.step_from(None, -1), Some(9));
        assert_eq!(search.step_from(Some(5), 1), Some(9));
        assert_eq!(search.step_from(Some(9), 1), Some(2));
        assert_eq!(search.step_from(Some(3), -1), Some(2));
        assert_eq!(search.step_from(Some(2), -1), Some(9));
        assert_eq!(search.status(Some(5)), "2 of 3 events found");
        assert_eq!(search.status(Some(4)), "3 events found");
        assert_eq!(Search::default().step_from(None, 1), None);
    }
}
