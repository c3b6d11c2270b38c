//! Building the chronology: the commands that change an open file's
//! document (new chronology, sources added and changed, events made from
//! passages, edited, moved, duplicated, deleted) and undo/redo.
//!
//! Every change goes through [`ChronoscopeApp::edit_layer`]: the edits are
//! applied to the layer's document by [`crate::model::Document::apply`],
//! their inverses recorded as one step of the [`super::history::History`],
//! and the shown document rebuilt. Undo and redo apply a step's edits the
//! same way, so the history, the unsaved mark and the autosave cannot
//! disagree.

use std::ops::Range;
use std::sync::Arc;

use super::history::short;
use super::{ChronoscopeApp, Command};
use crate::model::{Date, Document, Edit, Event, Evidence, Source};

/// A passage selected in the source panel: a byte range of source `source`
/// of the shown document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    pub source: usize,
    pub range: Range<usize>,
}

/// The event being given a date: made from a passage in which no date was
/// found, it is placed only once it has one.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    /// The open file it goes to.
    pub layer: usize,
    /// Everything but its date (its start is a placeholder, never shown).
    pub event: Box<Event>,
}

/// The name given to a new chronology until it is saved.
pub const UNTITLED: &str = "Untitled chronology";

impl ChronoscopeApp {
    /// Applies one editing command.
    pub(super) fn apply_edit(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::NewChronology => self.new_chronology(),
            Command::AddSourceDialog => self.add_source_dialog(),
            Command::AddSource(path) => self.add_source_file(&path),
            Command::PasteSource => self.paste_source(ctx),
            Command::AddSourceText(text) => {
                self.add_source(crate::article::from_text(&text), None);
            }
            Command::ShowSource(source) => {
                self.selection.source = source;
                self.selection.passage = None;
            }
            Command::EditSource(index, source) => self.edit_source(index, *source),
            Command::SelectPassage(passage) => self.selection.passage = passage,
            Command::NewEventFromSelection => self.new_event_from_selection(),
            Command::NewEventAt(t) => self.new_event_at(t),
            Command::EditEvent {
                index,
                event,
                label,
            } => self.edit_event(index, *event, label),
            Command::PlacePending(event) => self.place_pending(*event),
            Command::DiscardPending => self.panels.pending = None,
            Command::AddQuote => self.add_quote(),
            Command::RemoveQuote(n) => self.remove_quote(n),
            Command::DeleteSelected => self.delete_selected(),
            Command::DuplicateSelected => self.duplicate_selected(),
            Command::OpenEditor(open) => {
                self.panels.editor = open && self.selection.index.is_some();
                // The text moves down or up: show the quote again.
                self.selection.quote_scrolls += 1;
            }
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::RestoreAutosave => self.restore_autosave(),
            Command::DiscardAutosave => self.discard_autosave(),
            command => self.apply_drafts(command),
        }
    }

    /// Applies `edits` in order to layer `layer` as one step called
    /// `label`, then shows the result with the event the last edit placed
    /// selected. On an error nothing changes and the error is shown.
    pub(super) fn edit_layer(&mut self, layer: usize, label: String, edits: Vec<Edit>) -> bool {
        match self.apply_edits(layer, edits) {
            Ok((inverses, placed)) => {
                self.history.record(label, layer, inverses);
                // An edited example is the user's work: a file opened
                // next no longer replaces it.
                if let Some(file) = self.layers.files.get_mut(layer) {
                    file.is_example = false;
                }
                self.after_edit(layer, placed);
                true
            }
            Err(message) => {
                self.rebuild();
                let name = self.layers.files.get(layer).map(|l| l.doc.name.clone());
                let path = std::path::PathBuf::from(name.unwrap_or_default());
                self.panels.fail(&path, message, true);
                false
            }
        }
    }

    /// Applies `edits` to layer `layer`'s document: their inverses (to
    /// apply in order) and where the last event placed is. All or nothing.
    fn apply_edits(
        &mut self,
        layer: usize,
        edits: Vec<Edit>,
    ) -> Result<(Vec<Edit>, Option<usize>), String> {
        self.remember_selection();
        let doc = self
            .layers
            .document_mut(layer)
            .ok_or("the file is closed")?;
        let mut inverses = Vec::with_capacity(edits.len());
        let mut placed = None;
        for edit in edits {
            match doc.apply(edit) {
                Ok(applied) => {
                    placed = applied.index.or(placed);
                    inverses.push(applied.inverse);
                }
                Err(e) => {
                    for inverse in inverses.into_iter().rev() {
                        let _ = doc.apply(inverse);
                    }
                    return Err(format!("cannot make this change: {e}"));
                }
            }
        }
        inverses.reverse();
        Ok((inverses, placed))
    }

    /// Remembers the selection before the shown document is let go (to
    /// change a layer's), for the next rebuild to find it again.
    pub(super) fn remember_selection(&mut self) {
        if self.kept.is_none() {
            self.kept = self.selection.remember(&self.layers, self.settings.zone);
        }
        self.jobs.release_documents();
    }

    /// Shows layer `layer` changed, its event `placed` selected.
    fn after_edit(&mut self, layer: usize, placed: Option<usize>) {
        let found = placed.and_then(|i| {
            let doc = &self.layers.files.get(layer)?.doc;
            let event = doc.event(i)?;
            Some((event.id.clone(), (event.t0(), event.t1())))
        });
        self.rebuild();
        if let Some((id, times)) = found {
            let kept = super::selection::Kept::new(Some(layer), id, times);
            self.selection.restore(Some(kept), &self.layers);
        }
        self.jobs.autosave_due();
    }

    fn undo(&mut self) {
        let Some(mut step) = self.history.take_undo() else {
            return;
        };
        match self.apply_edits(step.layer, std::mem::take(&mut step.edits)) {
            Ok((redo, placed)) => {
                step.edits = redo;
                let layer = step.layer;
                self.history.undone(step);
                self.after_edit(layer, placed);
            }
            Err(message) => {
                self.rebuild();
                self.panels
                    .fail(std::path::Path::new("Undo"), message, true);
            }
        }
    }

    fn redo(&mut self) {
        let Some(mut step) = self.history.take_redo() else {
            return;
        };
        match self.apply_edits(step.layer, std::mem::take(&mut step.edits)) {
            Ok((undo, placed)) => {
                step.edits = undo;
                let layer = step.layer;
                self.history.redone(step);
                self.after_edit(layer, placed);
            }
            Err(message) => {
                self.rebuild();
                self.panels
                    .fail(std::path::Path::new("Redo"), message, true);
            }
        }
    }

    /// An empty chronology in place of what is open (asked about unsaved
    /// edits before).
    fn new_chronology(&mut self) {
        let mut doc = Document::default();
        UNTITLED.clone_into(&mut doc.name);
        crate::formats::Format::Native
            .name()
            .clone_into(&mut doc.format);
        self.layers.files.clear();
        self.layers.drafts = None;
        self.history.clear();
        self.selection = super::Selection::default();
        self.panels.pending = None;
        self.panels.editor = false;
        self.add_document(doc);
    }

    /// The layer new events and sources go to: the selected event's, else
    /// the only one shown, else the last opened.
    pub(super) fn target_layer(&self) -> Option<usize> {
        self.selection
            .index
            .and_then(|i| self.layers.layer_of(i))
            .filter(|&l| l < self.layers.files.len())
            .or_else(|| self.layers.single())
            .or_else(|| self.layers.files.len().checked_sub(1))
    }

    fn add_source_dialog(&mut self) {
        let dir = self
            .doc()
            .and_then(|d| d.path.as_deref())
            .and_then(std::path::Path::parent)
            .map(std::path::Path::to_path_buf);
        self.jobs
            .show_dialog(|wake| super::dialog::Dialog::add_source(wake, dir.as_deref()));
    }

    fn add_source_file(&mut self, path: &std::path::Path) {
        match crate::article::read_file(path) {
            Ok(article) => self.add_source(article, Some(path)),
            Err(e) => self.panels.fail(path, e.to_string(), false),
        }
    }

    fn paste_source(&mut self, ctx: &egui::Context) {
        let _ = ctx;
        match arboard::Clipboard::new().and_then(|mut c| c.get_text()) {
            Ok(text) if !text.trim().is_empty() => {
                self.add_source(crate::article::from_text(&text), None);
            }
            _ => self.panels.fail(
                std::path::Path::new("Paste as new source"),
                "the clipboard holds no text".to_owned(),
                false,
            ),
        }
    }

    /// Adds `article` (read from `path`, or pasted) as a source of the
    /// target layer (a new chronology when nothing is open), and shows it.
    pub(super) fn add_source(
        &mut self,
        article: crate::article::Article,
        path: Option<&std::path::Path>,
    ) {
        if self.layers.files.is_empty() || self.layers.files.iter().all(|l| l.is_example) {
            self.new_chronology();
        }
        let Some(layer) = self.target_layer() else {
            return;
        };
        let doc = &self.layers.files[layer].doc;
        let title = article
            .title
            .clone()
            .or_else(|| {
                path.and_then(|p| p.file_stem())
                    .map(|s| s.to_string_lossy().into_owned())
            })
            .unwrap_or_else(|| "Pasted text".to_owned());
        let id = new_source_id(doc, &title);
        let source = Source {
            publisher: article.publisher,
            author: article.author,
            url: article.url,
            published: article.published,
            ..Source::new(id, title.clone(), article.text)
        };
        let label = format!("new source '{}'", short(&title));
        if self.edit_layer(layer, label, vec![Edit::add_source(source)]) {
            let shown = self
                .layers
                .shown_source(layer, self.layers.files[layer].doc.sources.len() - 1);
            self.selection.index = None;
            self.selection.source = shown;
            self.selection.passage = None;
            if let (true, Some(shown)) = (self.settings.draft_new_sources, shown) {
                self.draft_events(shown);
            }
        }
    }

    /// Puts `source`'s properties in place of shown source `index`'s.
    fn edit_source(&mut self, index: usize, source: Source) {
        let Some((layer, i)) = self.layers.source_of(index) else {
            return;
        };
        let label = format!("change of source '{}'", short(&source.title));
        self.edit_layer(layer, label, vec![Edit::replace_source(i, source)]);
        self.selection.source = Some(index);
    }

    /// An event from the selected passage: its sentence's words as title,
    /// the date written in it, the passage as its evidence; placed when a
    /// date was found, else waiting in the editor for one.
    fn new_event_from_selection(&mut self) {
        let Some(passage) = self.selection.passage.clone() else {
            return;
        };
        let Some(doc) = self.doc() else { return };
        let Some((layer, source_index)) = self.layers.source_of(passage.source) else {
            return;
        };
        let Some(source) = doc.sources.get(passage.source) else {
            return;
        };
        let text = &source.text;
        let range = passage.range.clone();
        if range.is_empty() || text.get(range.clone()).is_none() {
            return;
        }
        let sentence = crate::passage::sentence_around(text, range.clone());
        let title = crate::passage::title_from(text.get(sentence).unwrap_or_default());
        let dated = date_of_passage(text, range.clone(), source.published.as_ref());
        let date = dated.as_ref().map(|(start, _)| start.clone());
        let evidence = Evidence {
            source: source_index,
            quote: text[range.clone()].to_owned(),
            note: None,
            at: Some(text[..range.start].chars().count()),
            location: Some(range),
        };
        let layer_doc = &self.layers.files[layer].doc;
        let id = layer_doc.new_event_id(&title);
        let mut event = Event::new(id, title, date.clone().unwrap_or_else(placeholder));
        event.end = dated.and_then(|(_, end)| end);
        event.evidence.push(evidence);
        if date.is_some() {
            self.insert_new(layer, event, "new event");
        } else {
            self.panels.pending = Some(Pending {
                layer,
                event: Box::new(event),
            });
            self.panels.editor = true;
            self.panels.focus_title += 1;
        }
    }

    /// Adds `event` to layer `layer` as one step, selects it and opens the
    /// editor on its title.
    fn insert_new(&mut self, layer: usize, event: Event, what: &str) {
        let label = format!("{what} '{}'", short(&event.title));
        if self.edit_layer(layer, label, vec![Edit::insert_event(event)]) {
            self.panels.editor = true;
            self.panels.focus_title += 1;
        }
    }

    /// A new event without a source at time `t`, at the day's precision.
    fn new_event_at(&mut self, t: f64) {
        if self.layers.files.is_empty() {
            self.new_chronology();
        }
        let Some(layer) = self.target_layer() else {
            return;
        };
        let days = (t / 86_400.0).floor() as i64;
        let (year, month, day) = crate::calendar::civil_from_days(days);
        let parts = crate::model::DateParts {
            year,
            month: Some(month),
            day: Some(day),
            time: None,
        };
        let Ok(date) = Date::from_parts(parts) else {
            return;
        };
        let doc = &self.layers.files[layer].doc;
        let event = Event::new(doc.new_event_id("New event"), "New event", date);
        self.insert_new(layer, event, "new event");
    }

    /// Puts `event` in place of shown event `index`.
    fn edit_event(&mut self, index: usize, event: Event, what: &str) {
        let Some((layer, i)) = self.layers.locate(index) else {
            return;
        };
        let label = format!("{what} '{}'", short(&event.title));
        self.edit_layer(layer, label, vec![Edit::replace_event(i, event)]);
    }

    /// Places the event waiting for a date, with `event`'s fields.
    fn place_pending(&mut self, event: Event) {
        let Some(pending) = self.panels.pending.take() else {
            return;
        };
        self.insert_new(pending.layer, event, "new event");
    }

    /// The proposal the selected event is, when it is a draft.
    fn selected_draft(&self) -> Option<usize> {
        let i = self.selection.index?;
        if self.layers.layer_of(i) != self.layers.drafts_layer() {
            return None;
        }
        super::drafts::Drafts::proposal_of(&self.doc()?.event(i)?.id)
    }

    /// The selected event, by index in its layer's document, and a copy.
    fn selected_in_layer(&self) -> Option<(usize, usize, Event)> {
        let index = self.selection.index?;
        let (layer, i) = self.layers.locate(index)?;
        let event = (*self.layers.files.get(layer)?.doc.event(i)?).clone();
        Some((layer, i, event))
    }

    fn add_quote(&mut self) {
        let (Some(passage), Some(index)) = (self.selection.passage.clone(), self.selection.index)
        else {
            return;
        };
        let Some((layer, _, mut event)) = self.selected_in_layer() else {
            return;
        };
        let Some((source_layer, source_index)) = self.layers.source_of(passage.source) else {
            return;
        };
        let Some(text) = self
            .doc()
            .and_then(|d| d.sources.get(passage.source))
            .map(|s| &s.text)
        else {
            return;
        };
        if source_layer != layer || text.get(passage.range.clone()).is_none() {
            return;
        }
        event.evidence.push(Evidence {
            source: source_index,
            quote: text[passage.range.clone()].to_owned(),
            note: None,
            at: Some(text[..passage.range.start].chars().count()),
            location: Some(passage.range),
        });
        self.edit_event(index, event, "new quote of");
    }

    fn remove_quote(&mut self, n: usize) {
        let Some(index) = self.selection.index else {
            return;
        };
        let Some((_, _, mut event)) = self.selected_in_layer() else {
            return;
        };
        if n < event.evidence.len() {
            event.evidence.remove(n);
            self.selection.evidence_tab = 0;
            self.edit_event(index, event, "removal of a quote of");
        }
    }

    fn delete_selected(&mut self) {
        // A draft selected is rejected.
        if let Some(n) = self.selected_draft() {
            self.commands.push(Command::RejectDrafts(vec![n]));
            return;
        }
        let Some((layer, i, event)) = self.selected_in_layer() else {
            return;
        };
        let label = format!("deletion of '{}'", short(&event.title));
        if self.edit_layer(layer, label, vec![Edit::remove_event(i)]) {
            self.selection.set(None);
            self.panels.editor = false;
        }
    }

    fn duplicate_selected(&mut self) {
        let Some((layer, _, mut event)) = self.selected_in_layer() else {
            return;
        };
        event.id = self.layers.files[layer].doc.new_event_id(&event.title);
        self.insert_new(layer, event, "duplicate of");
    }
}

/// The date a passage (`range` of `text`) gives: its temporal
/// expressions resolved against the publication date, those in the
/// passage before those elsewhere in its sentence; else an absolute date
/// written there. `None` when nothing in the text dates it.
#[must_use]
pub fn date_of_passage(
    text: &str,
    range: Range<usize>,
    published: Option<&Date>,
) -> Option<(Date, Option<Date>)> {
    let sentence = crate::passage::sentence_around(text, range.clone());
    let options = crate::timex::Options {
        published: published.cloned(),
        ..crate::timex::Options::default()
    };
    let found = crate::timex::tag(text.get(sentence.clone())?, &options);
    let inside = |t: &&crate::timex::Timex| {
        sentence.start + t.span.start >= range.start && sentence.start + t.span.end <= range.end
    };
    found
        .iter()
        .filter(inside)
        .find_map(crate::timex::Timex::dates)
        .or_else(|| found.iter().find_map(crate::timex::Timex::dates))
        .or_else(|| crate::passage::date_for(text, range, published).map(|d| (d, None)))
}

/// The start given to an event waiting for a date; never shown or placed.
#[must_use]
pub fn placeholder() -> Date {
    Date {
        year: 0,
        month: 1,
        day: 1,
        hour: 0,
        minute: 0,
        second: 0,
        nanosecond: 0,
        offset_minutes: None,
        precision: crate::model::Precision::Year,
        approximate: false,
        uncertain: false,
    }
}

/// An id no source of `doc` has, from `title`.
fn new_source_id(doc: &Arc<Document>, title: &str) -> String {
    let slug: String = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(4)
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-");
    let base = if slug.is_empty() {
        "source".to_owned()
    } else {
        slug
    };
    let taken = |id: &str| doc.sources.iter().any(|s| s.id == id);
    if !taken(&base) {
        return base;
    }
    // One of the first `sources + 2` numbers is free.
    (2..doc.sources.len() + 3)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}
