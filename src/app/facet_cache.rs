//! The facets ([`crate::facets`]) of what is open, kept until it changes:
//! lanes by a field and the filter panel's tags and sources use them. A
//! facet that reads every event of a large document is read on its own
//! thread; the app shows what it can meanwhile and is rebuilt when the
//! facet is ready.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::facets::{Facet, FacetValues, Files, fields};
use crate::model::Document;

/// Documents with fewer events have their facets read at once, on the UI
/// thread (a few milliseconds).
const READ_NOW_MAX: usize = 20_000;

/// A facet being read on its own thread.
struct Job {
    cancel: Arc<AtomicBool>,
    done: Arc<AtomicUsize>,
    total: usize,
    rx: Receiver<Option<FacetValues>>,
}

impl Drop for Job {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// The facets of one document.
#[derive(Default)]
pub struct FacetCache {
    doc: Option<Arc<Document>>,
    files: Vec<String>,
    single: usize,
    ready: HashMap<Facet, Arc<FacetValues>>,
    jobs: HashMap<Facet, Job>,
    fields: Option<Vec<String>>,
}

impl FacetCache {
    /// Describes `doc` from now on (whose files are called `files`, and which
    /// is file `single` when it is one file shown as it is); forgets what
    /// was read of another document and stops reading it.
    pub fn describe(&mut self, doc: Option<&Arc<Document>>, files: Vec<String>, single: usize) {
        let same = match (&self.doc, doc) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        if same && files == self.files && single == self.single {
            return;
        }
        self.doc = doc.cloned();
        self.files = files;
        self.single = single;
        self.ready.clear();
        self.jobs.clear(); // cancels them
        self.fields = None;
    }

    /// The values of `facet`, when read.
    #[must_use]
    pub fn get(&self, facet: &Facet) -> Option<&Arc<FacetValues>> {
        self.ready.get(facet)
    }

    /// How far reading `facet` has got (0 to 1), while it is read.
    #[must_use]
    pub fn progress(&self, facet: &Facet) -> Option<f32> {
        self.jobs
            .get(facet)
            .map(|j| j.done.load(Ordering::Relaxed) as f32 / j.total.max(1) as f32)
    }

    /// Reads `facet` unless it is read or being read: at once when that is
    /// quick, else on a thread that wakes `ctx` when done.
    pub fn request(&mut self, ctx: &egui::Context, facet: &Facet) {
        let Some(doc) = &self.doc else {
            return;
        };
        if self.ready.contains_key(facet) || self.jobs.contains_key(facet) {
            return;
        }
        let total = doc.event_count();
        if !facet.reads_events() || total <= READ_NOW_MAX {
            let files = Files {
                names: &self.files,
                single: self.single,
            };
            let never = AtomicBool::new(false);
            if let Some(values) =
                FacetValues::compute(doc, facet, files, &never, &AtomicUsize::new(0))
            {
                self.ready.insert(facet.clone(), Arc::new(values));
            }
            return;
        }
        let (tx, rx) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let done = Arc::new(AtomicUsize::new(0));
        let (doc, files, single) = (Arc::clone(doc), self.files.clone(), self.single);
        let (thread_cancel, thread_done, thread_facet) =
            (Arc::clone(&cancel), Arc::clone(&done), facet.clone());
        let wake = ctx.clone();
        std::thread::spawn(move || {
            let files = Files {
                names: &files,
                single,
            };
            let values =
                FacetValues::compute(&doc, &thread_facet, files, &thread_cancel, &thread_done);
            // Nobody listens when the document changed meanwhile.
            let _ = tx.send(values);
            wake.request_repaint();
        });
        self.jobs.insert(
            facet.clone(),
            Job {
                cancel,
                done,
                total,
                rx,
            },
        );
    }

    /// Takes the facets read since the last call; `true` when there were any.
    pub fn poll(&mut self) -> bool {
        let mut finished = Vec::new();
        for (facet, job) in &self.jobs {
            match job.rx.try_recv() {
                Ok(values) => finished.push((facet.clone(), values)),
                Err(TryRecvError::Disconnected) => finished.push((facet.clone(), None)),
                Err(TryRecvError::Empty) => {}
            }
        }
        let any = !finished.is_empty();
        for (facet, values) in finished {
            self.jobs.remove(&facet);
            if let Some(values) = values {
                self.ready.insert(facet, Arc::new(values));
            }
        }
        any
    }

    /// Whether any facet is being read.
    #[must_use]
    pub fn busy(&self) -> bool {
        !self.jobs.is_empty()
    }

    /// The other named fields of the document's events (imported columns).
    pub fn fields(&mut self) -> &[String] {
        let doc = self.doc.as_ref();
        self.fields
            .get_or_insert_with(|| doc.map_or_else(Vec::new, |d| fields(d)))
    }
}
