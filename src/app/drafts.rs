//! Draft events: the events proposed by reading a source's dates
//! ([`crate::timex::propose`]), one per sentence that holds a date the
//! text resolves, waiting for the analyst to accept, edit or reject each.
//!
//! Drafts are not part of any file: they are shown as a layer of their own
//! (a "Drafts" lane, drawn hollow) beside the open files, listed in the
//! side panel, and never saved. Accepting one adds its event to the file
//! of its source as an undoable step; rejecting one forgets it.

use std::sync::Arc;

use super::history::short;
use super::{ChronoscopeApp, Command};
use crate::model::{Document, DocumentBuilder, Edit, Event, Evidence};
use crate::timex::{Options, Proposal};

/// The lane drafts are drawn in.
pub const LANE: &str = "Drafts (not saved)";

/// The drafts of one source.
#[derive(Clone, Debug)]
pub struct Drafts {
    /// The open file (layer) of the source, which accepted drafts join.
    pub layer: usize,
    /// The source, as an index of that file's sources.
    pub source: usize,
    /// The proposals still waiting, in the text's order.
    pub proposals: Vec<Proposal>,
    /// The proposals as events, for the timeline: event `draft-N` is
    /// proposal `N`.
    pub doc: Arc<Document>,
}

impl Drafts {
    /// The drafts `proposals` of source `source` of layer `layer`.
    #[must_use]
    pub fn new(layer: usize, source: usize, proposals: Vec<Proposal>) -> Self {
        let doc = Arc::new(as_document(&proposals));
        Self {
            layer,
            source,
            proposals,
            doc,
        }
    }

    /// Proposal `n` of the drafts' document's event `id` ("draft-N").
    #[must_use]
    pub fn proposal_of(id: &str) -> Option<usize> {
        id.strip_prefix("draft-")?.parse().ok()
    }

    /// The drafts without proposals `taken` (indices, any order).
    fn without(&self, taken: &[usize]) -> Self {
        let proposals = self
            .proposals
            .iter()
            .enumerate()
            .filter(|(i, _)| !taken.contains(i))
            .map(|(_, p)| p.clone())
            .collect();
        Self::new(self.layer, self.source, proposals)
    }
}

/// The proposals as a document of events in the drafts' lane.
fn as_document(proposals: &[Proposal]) -> Document {
    let events = proposals
        .iter()
        .enumerate()
        .map(|(n, p)| {
            let mut event = Event::new(format!("draft-{n}"), p.title.clone(), p.start.clone());
            event.end.clone_from(&p.end);
            event.category = Some(LANE.to_owned());
            event.summary = Some(format!("Draft: {}", p.timex.describe()));
            event
        })
        .collect();
    let mut builder = DocumentBuilder {
        events,
        ..DocumentBuilder::default()
    };
    "Drafts".clone_into(&mut builder.name);
    builder.build()
}

impl ChronoscopeApp {
    /// Applies one command about drafts.
    pub(super) fn apply_drafts(&mut self, command: Command) {
        match command {
            Command::DraftEvents(source) => self.draft_events(source),
            Command::AcceptDrafts(which, edit) => self.accept_drafts(&which, edit),
            Command::RejectDrafts(which) => self.reject_drafts(&which),
            Command::SetDraftNewSources(on) => self.settings.draft_new_sources = on,
            _ => {}
        }
    }

    /// Proposes the events of shown source `source`: its sentences that
    /// hold a resolvable date, resolved against its publication date.
    pub(super) fn draft_events(&mut self, source: usize) {
        let Some((layer, index)) = self.layers.source_of(source) else {
            return;
        };
        let Some(s) = self
            .layers
            .files
            .get(layer)
            .and_then(|l| l.doc.sources.get(index))
        else {
            return;
        };
        let options = Options {
            published: s.published.clone(),
            ..Options::default()
        };
        let proposals = crate::timex::propose(&s.text, &options);
        self.panels.drafts_shown = true;
        self.layers.drafts = Some(Drafts::new(layer, index, proposals));
        let empty = self.layers.files[layer].doc.event_count() == 0;
        self.rebuild();
        if empty {
            // A chronology just begun: show where the drafts are.
            self.view.fit_all();
        }
    }

    /// Accepts proposals `which` (all when empty): each becomes an event of
    /// its source's file, in one undoable step; with `edit`, the editor
    /// opens on the (last) one.
    fn accept_drafts(&mut self, which: &[usize], edit: bool) {
        let Some(drafts) = self.layers.drafts.clone() else {
            return;
        };
        let taken: Vec<usize> = if which.is_empty() {
            (0..drafts.proposals.len()).collect()
        } else {
            which.to_vec()
        };
        let Some(file) = self.layers.files.get(drafts.layer) else {
            return;
        };
        let Some(source) = file.doc.sources.get(drafts.source) else {
            return;
        };
        let mut ids = std::collections::HashSet::new();
        let mut edits = Vec::new();
        let offsets = crate::model::quote::CharOffsets::new(&source.text);
        let mut bases: std::collections::HashMap<String, (String, usize)> =
            std::collections::HashMap::new();
        let mut title = String::new();
        for &n in &taken {
            let Some(p) = drafts.proposals.get(n) else {
                continue;
            };
            // An id no event has, looked for once per title; drafts of one
            // title are numbered on from it.
            let (base, next) = bases
                .entry(p.title.clone())
                .or_insert_with(|| (file.doc.new_event_id(&p.title), 2));
            let mut id = base.clone();
            while !ids.insert(id.clone()) {
                id = format!("{base}-{next}");
                *next += 1;
            }
            let at = offsets.char_of(p.sentence.start);
            edits.push(Edit::insert_event(event_of(
                p,
                id,
                (drafts.source, at),
                &source.text,
            )));
            title.clone_from(&p.title);
        }
        let label = match edits.len() {
            0 => return,
            1 => format!("acceptance of draft '{}'", short(&title)),
            n => format!("acceptance of {n} drafts"),
        };
        self.layers.drafts = Some(drafts.without(&taken)).filter(|d| !d.proposals.is_empty());
        if self.edit_layer(drafts.layer, label, edits) && edit {
            self.panels.editor = true;
            self.panels.focus_title += 1;
        }
    }

    /// Forgets proposals `which` (all when empty).
    fn reject_drafts(&mut self, which: &[usize]) {
        let Some(drafts) = &self.layers.drafts else {
            return;
        };
        let left = if which.is_empty() {
            None
        } else {
            Some(drafts.without(which)).filter(|d| !d.proposals.is_empty())
        };
        self.layers.drafts = left;
        self.rebuild();
    }
}

/// The event proposal `p` becomes, with id `id`: its sentence (of source
/// `source`, whose text is `text`, at character `at`) as its evidence.
fn event_of(p: &Proposal, id: String, (source, at): (usize, usize), text: &str) -> Event {
    let mut event = Event::new(id, p.title.clone(), p.start.clone());
    event.end.clone_from(&p.end);
    let range = p.sentence.clone();
    if let Some(quote) = text.get(range.clone()) {
        event.evidence.push(Evidence {
            source,
            quote: quote.to_owned(),
            note: None,
            at: Some(at),
            location: Some(range),
        });
    }
    event
}
