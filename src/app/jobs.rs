//! Everything the app has running in the background, each a
//! [`super::job::Job`] behind a small adapter: file loads, saves, the file
//! dialog, the search, the event list's sort, the reads of every event
//! (facets, times in a zone), and the watch on the open files. Each frame
//! [`Jobs::poll`] hands what finished to the app as [`Done`], in the order
//! it must be applied; starting and stopping work are small methods here.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::Command;
use super::dialog::Dialog;
use super::event_list::Sorting;
use super::facet_cache::{FacetCache, ZoneCache};
use super::loading::{Load, Purpose};
use super::saving::Save;
use super::search_bar::Searching;
use super::watch::Watcher;
use crate::facets::Facet;
use crate::formats::ImportOptions;
use crate::formats::native::write::SaveError;
use crate::model::{Document, Zone};

/// How often the window repaints while work runs, so progress moves.
const PROGRESS_REPAINT: Duration = Duration::from_millis(250);

/// Work that finished, for the app to apply.
pub enum Done {
    /// A load (its outcome taken with it); files opened together come in
    /// the order they were asked for.
    Loaded(Load),
    /// A save, and why it failed.
    Saved(PathBuf, Result<(), String>),
    /// An open file's edits saved to `path` (layer, history step), or why not.
    SavedLayer {
        path: PathBuf,
        layer: usize,
        state: Option<u64>,
        result: Result<(), String>,
    },
    /// What the user chose in a file dialog, as commands.
    Picked(Vec<Command>),
    /// A search: what was searched for and the events found.
    Found(String, Vec<usize>),
    /// The event list's order (none when the sort failed).
    Sorted(Option<Vec<usize>>),
    /// Facets read (lanes by a field, filters), and whether the events
    /// that move in a zone were found.
    Read {
        facets: Vec<Facet>,
        zones: bool,
        /// The places of everything open, which the area on the map needs.
        places: bool,
    },
    /// Watched files that changed on disk (canonical paths).
    Changed(Vec<PathBuf>),
}

/// The app's background work.
pub struct Jobs {
    /// Wakes the window when work finishes on another thread.
    wake: egui::Context,
    /// Files loading, in the order they were asked for.
    pub loads: Vec<Load>,
    /// Files being written.
    pub saves: Vec<Save>,
    /// When the unsaved edits are to be written next ([`super::autosave`]).
    pub autosave: Option<std::time::Instant>,
    /// The unsaved edits being written.
    autosaving: Option<super::job::Job<Result<(), String>, ()>>,
    /// The file dialog, while shown (one at a time).
    dialog: Option<Dialog>,
    /// The search on its own thread, if any.
    pub(super) search: Option<Searching>,
    /// The event list's sort on its own thread, if any.
    pub(super) sort: Option<Sorting>,
    /// The facets of what is open, for lanes by a field and the filters.
    pub facets: FacetCache,
    /// The events of what is open that move in the zone shown.
    pub zones: ZoneCache,
    /// The shown events' places, while the map is open.
    pub places: super::place_cache::PlaceCache,
    /// The places of everything open (before filtering), for the area
    /// drawn on the map.
    pub all_places: super::place_cache::PlaceCache,
    /// Reports open files that changed on disk.
    watcher: Option<Watcher>,
}

impl Jobs {
    /// Nothing running yet; finished work wakes `wake`'s window.
    #[must_use]
    pub fn new(wake: &egui::Context) -> Self {
        Self {
            wake: wake.clone(),
            loads: Vec::new(),
            saves: Vec::new(),
            autosave: None,
            autosaving: None,
            dialog: None,
            search: None,
            sort: None,
            facets: FacetCache::default(),
            zones: ZoneCache::default(),
            places: super::place_cache::PlaceCache::default(),
            all_places: super::place_cache::PlaceCache::points_only(),
            watcher: Watcher::new(wake),
        }
    }

    /// The context work started here wakes.
    #[must_use]
    pub fn wake(&self) -> &egui::Context {
        &self.wake
    }

    /// Takes what finished since the last frame, and keeps the window
    /// repainting while work runs.
    pub fn poll(&mut self) -> Vec<Done> {
        let mut done = Vec::new();
        if let Some(commands) = self.dialog.as_ref().and_then(Dialog::poll) {
            self.dialog = None;
            done.push(Done::Picked(commands));
        }
        if let Some(watcher) = &self.watcher {
            let changed = watcher.changed();
            if !changed.is_empty() {
                done.push(Done::Changed(changed));
            }
        }
        self.poll_loads(&mut done);
        self.saves.retain(|save| match save.poll() {
            Some(result) => {
                done.push(match save.layer {
                    Some((layer, state)) => Done::SavedLayer {
                        path: save.path.clone(),
                        layer,
                        state,
                        result,
                    },
                    None => Done::Saved(save.path.clone(), result),
                });
                false
            }
            None => true,
        });
        if let Some(order) = self.sort.as_ref().and_then(Sorting::poll) {
            self.sort = None;
            done.push(Done::Sorted(order));
        }
        if let Some(search) = &self.search
            && let Some(found) = search.poll()
        {
            done.push(Done::Found(search.text.clone(), found));
            self.search = None;
        }
        self.places.poll();
        let (facets, zones) = (self.facets.poll(), self.zones.poll());
        let places = self.all_places.poll();
        if !facets.is_empty() || zones || places {
            done.push(Done::Read {
                facets,
                zones,
                places,
            });
        }
        if self.running() {
            self.wake.request_repaint_after(PROGRESS_REPAINT);
        }
        done
    }

    /// Takes the finished loads that may be applied: files opened together
    /// become layers in the order they were asked for.
    fn poll_loads(&mut self, done: &mut Vec<Done>) {
        let mut i = 0;
        let mut open_waiting = false;
        while i < self.loads.len() {
            let finished = self.loads[i].poll();
            let is_open = matches!(self.loads[i].purpose, Purpose::Open(_));
            if !finished || (is_open && open_waiting) {
                open_waiting |= is_open;
                i += 1;
                continue;
            }
            done.push(Done::Loaded(self.loads.remove(i)));
        }
    }

    /// Whether work whose progress is shown runs.
    fn running(&self) -> bool {
        self.busy() || self.search.is_some() || self.sort.is_some()
    }

    /// Whether any file is being read or written.
    #[must_use]
    pub fn is_loading(&self) -> bool {
        !self.loads.is_empty() || !self.saves.is_empty()
    }

    /// Whether files are read or written, or every event read: what a
    /// screenshot waits for.
    #[must_use]
    pub fn busy(&self) -> bool {
        self.is_loading()
            || self.facets.busy()
            || self.zones.busy()
            || self.places.busy()
            || self.all_places.busy()
    }

    /// Starts loading `path` for `purpose`, unless it is on its way.
    pub fn open(&mut self, path: &Path, purpose: Purpose) {
        if !self.loads.iter().any(|l| l.path == path) {
            self.loads.push(Load::start(&self.wake, path, purpose));
        }
    }

    /// Starts rereading `path` with `options`; a newer change supersedes
    /// a reload still under way.
    pub fn reload(&mut self, path: &Path, options: ImportOptions) {
        if let Some(j) = self.loads.iter().position(|l| l.path == path) {
            self.loads.remove(j).cancel();
        }
        self.loads
            .push(Load::start(&self.wake, path, Purpose::Reload(options)));
    }

    /// Starts parsing a spreadsheet's `text` with the user's choices.
    pub fn import(&mut self, path: &Path, text: Arc<String>, options: ImportOptions) {
        self.loads
            .push(Load::import(&self.wake, path, text, options));
    }

    /// Stops load `i`; nothing changes.
    pub fn cancel_load(&mut self, i: usize) {
        if i < self.loads.len() {
            self.loads.remove(i).cancel();
        }
    }

    /// Writes `doc` to `path` with `write`.
    pub fn save(
        &mut self,
        doc: &Arc<Document>,
        path: PathBuf,
        write: impl FnOnce(&Document, &Path) -> Result<(), SaveError> + Send + 'static,
    ) {
        self.saves.push(Save::start(&self.wake, doc, path, write));
    }

    /// Writes layer `layer`'s `doc` (its edits up to history step `state`)
    /// to `path` with `write`.
    pub fn save_layer(
        &mut self,
        doc: &Arc<Document>,
        path: PathBuf,
        (layer, state): (usize, Option<u64>),
        write: impl FnOnce(&Document, &Path) -> Result<(), SaveError> + Send + 'static,
    ) {
        let mut save = Save::start(&self.wake, doc, path, write);
        save.layer = Some((layer, state));
        self.saves.push(save);
    }

    /// Asks for the unsaved edits to be written a few seconds from now.
    pub fn autosave_due(&mut self) {
        self.autosave = Some(std::time::Instant::now() + super::autosave::DELAY);
    }

    /// Whether unsaved edits are being written (finished ones are let go).
    pub fn autosaving(&mut self) -> bool {
        if let Some(job) = &self.autosaving
            && !matches!(job.poll(), super::job::Poll::Running)
        {
            self.autosaving = None;
        }
        self.autosaving.is_some()
    }

    /// Writes the unsaved edits with `write` on a thread.
    pub fn start_autosave(&mut self, write: impl FnOnce() -> Result<(), String> + Send + 'static) {
        let job =
            super::job::Job::spawn(&self.wake, "Keeping unsaved edits", (), move |()| write());
        self.autosaving = Some(job);
    }

    /// Lets go of the documents the caches read, so that an open file's
    /// document can be changed in place (the caches describe it again when
    /// the shown document is rebuilt).
    pub fn release_documents(&mut self) {
        self.facets.describe(None, Vec::new(), 0);
        self.zones.describe(None);
        self.places.describe(None);
        self.all_places.describe(None);
    }

    /// Whether a file dialog is shown.
    #[must_use]
    pub fn has_dialog(&self) -> bool {
        self.dialog.is_some()
    }

    /// Shows the dialog `show` makes, unless one is shown already.
    pub fn show_dialog(&mut self, show: impl FnOnce(&egui::Context) -> Dialog) {
        if self.dialog.is_none() {
            self.dialog = Some(show(&self.wake));
        }
    }

    /// Watches exactly `files` for changes from now on.
    pub fn watch(&mut self, files: &[PathBuf]) {
        if let Some(watcher) = &mut self.watcher {
            watcher.watch(files);
        }
    }

    /// Reads `facet` of what is open unless it is read or being read.
    pub fn request_facet(&mut self, facet: &Facet) {
        self.facets.request(&self.wake, facet);
    }

    /// Finds the events that move in `zone` unless found or being found.
    pub fn request_zone(&mut self, zone: Zone) {
        self.zones.request(&self.wake, zone);
    }

    /// How far the search on its own thread has got, while it runs.
    #[must_use]
    pub fn searching(&self) -> Option<f32> {
        self.search.as_ref().map(Searching::fraction)
    }

    /// What the event list's sort on its own thread does, while it runs.
    #[must_use]
    pub fn sorting(&self) -> Option<&str> {
        self.sort.as_ref().map(Sorting::label)
    }
}
