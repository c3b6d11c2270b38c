//! What is computed from every event of what is open and kept until it
//! changes: the facets ([`crate::facets`]) that lanes by a field and the
//! filter panel's tags and sources use, and the times of events written
//! with a UTC offset in another zone. A computation that reads every event
//! of a large document runs on its own thread; the app shows what it can
//! meanwhile and is rebuilt when the result is ready.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicBool, AtomicUsize};
use std::sync::{Arc, OnceLock};

use super::job::{self, Count, Job, Poll, Started};
use crate::facets::{Facet, FacetValues, Files, fields};
use crate::model::{Document, Zone};

/// Results for one document, by key.
pub struct DocCache<K, V> {
    doc: Option<Arc<Document>>,
    ready: HashMap<K, Arc<V>>,
    jobs: HashMap<K, Job<Option<V>>>,
}

impl<K, V> Default for DocCache<K, V> {
    fn default() -> Self {
        Self {
            doc: None,
            ready: HashMap::new(),
            jobs: HashMap::new(),
        }
    }
}

/// How a result is computed: from the document and its key, stopping
/// (with `None`) when the flag is set, counting the events read.
type Compute<K, V> = dyn Fn(&Document, &K, &AtomicBool, &AtomicUsize) -> Option<V> + Send + Sync;

impl<K: Clone + Eq + Hash + Send + 'static, V: Send + Sync + 'static> DocCache<K, V> {
    /// Describes `doc` from now on; forgets what was computed for another
    /// document (or when `changed`) and stops computing it. `true` when
    /// something was forgotten.
    pub fn describe(&mut self, doc: Option<&Arc<Document>>, changed: bool) -> bool {
        let same = match (&self.doc, doc) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        if same && !changed {
            return false;
        }
        self.doc = doc.cloned();
        self.ready.clear();
        self.jobs.clear(); // cancels them
        true
    }

    /// The result for `key`, when ready.
    #[must_use]
    pub fn get(&self, key: &K) -> Option<&Arc<V>> {
        self.ready.get(key)
    }

    /// How far computing `key` has got (0 to 1), while it runs.
    #[must_use]
    pub fn progress(&self, key: &K) -> Option<f32> {
        self.jobs.get(key).map(|j| j.progress().fraction())
    }

    /// Computes `key` with `compute` unless it is computed or running: at
    /// once when `quick` or the document is small, else on a thread
    /// labelled `label` that wakes `ctx` when done.
    pub fn request(
        &mut self,
        ctx: &egui::Context,
        (key, label): (&K, &str),
        quick: bool,
        compute: Arc<Compute<K, V>>,
    ) {
        let Some(doc) = &self.doc else {
            return;
        };
        if self.ready.contains_key(key) || self.jobs.contains_key(key) {
            return;
        }
        let total = doc.event_count();
        let (doc, thread_key) = (Arc::clone(doc), key.clone());
        let work = move |count: &Count| compute(&doc, &thread_key, count.flag(), count.done());
        match job::read(ctx, label, total, quick, work) {
            Started::Now(Some(value)) => {
                self.ready.insert(key.clone(), Arc::new(value));
            }
            Started::Now(None) => {}
            Started::Running(job) => {
                self.jobs.insert(key.clone(), job);
            }
        }
    }

    /// Takes the results computed since the last call; the keys of those
    /// there were.
    pub fn poll(&mut self) -> Vec<K> {
        let mut finished = Vec::new();
        for (key, job) in &self.jobs {
            match job.poll() {
                Poll::Done(value) => finished.push((key.clone(), value)),
                Poll::Died => finished.push((key.clone(), None)),
                Poll::Running => {}
            }
        }
        finished
            .into_iter()
            .map(|(key, value)| {
                self.jobs.remove(&key);
                if let Some(value) = value {
                    self.ready.insert(key.clone(), Arc::new(value));
                }
                key
            })
            .collect()
    }

    /// Whether anything is being computed.
    #[must_use]
    pub fn busy(&self) -> bool {
        !self.jobs.is_empty()
    }
}

/// The facets of what is open, and the other fields its events have.
#[derive(Default)]
pub struct FacetCache {
    cache: DocCache<Facet, FacetValues>,
    files: Vec<String>,
    single: usize,
    /// Read on first asking (a sample of the events), kept for the document.
    fields: OnceLock<Vec<String>>,
}

impl FacetCache {
    /// Describes `doc` from now on (whose files are called `files`, and which
    /// is file `single` when it is one file shown as it is).
    pub fn describe(&mut self, doc: Option<&Arc<Document>>, files: Vec<String>, single: usize) {
        let changed = files != self.files || single != self.single;
        if self.cache.describe(doc, changed) {
            self.files = files;
            self.single = single;
            self.fields = OnceLock::new();
        }
    }

    /// The values of `facet`, when read.
    #[must_use]
    pub fn get(&self, facet: &Facet) -> Option<&Arc<FacetValues>> {
        self.cache.get(facet)
    }

    /// How far reading `facet` has got (0 to 1), while it is read.
    #[must_use]
    pub fn progress(&self, facet: &Facet) -> Option<f32> {
        self.cache.progress(facet)
    }

    /// Reads `facet` unless it is read or being read.
    pub fn request(&mut self, ctx: &egui::Context, facet: &Facet) {
        let (names, single) = (self.files.clone(), self.single);
        let compute =
            move |doc: &Document, facet: &Facet, cancel: &AtomicBool, done: &AtomicUsize| {
                let files = Files {
                    names: &names,
                    single,
                };
                FacetValues::compute(doc, facet, files, cancel, done)
            };
        let label = format!("reading {}", facet.label().to_lowercase());
        self.cache.request(
            ctx,
            (facet, &label),
            !facet.reads_events(),
            Arc::new(compute),
        );
    }

    /// Takes the facets read since the last call; the facets there were.
    pub fn poll(&mut self) -> Vec<Facet> {
        self.cache.poll()
    }

    /// Whether any facet is being read.
    #[must_use]
    pub fn busy(&self) -> bool {
        self.cache.busy()
    }

    /// The other named fields of the document's events (imported columns).
    pub fn fields(&self) -> &[String] {
        let doc = self.cache.doc.as_ref();
        self.fields
            .get_or_init(|| doc.map_or_else(Vec::new, |d| fields(d)))
    }
}

/// Events (by index) and their times in a zone.
type Moved = Vec<(usize, (f64, f64))>;

/// The events of what is open whose times move in a zone other than UTC.
#[derive(Default)]
pub struct ZoneCache {
    cache: DocCache<Zone, Moved>,
}

impl ZoneCache {
    /// Describes `doc` from now on.
    pub fn describe(&mut self, doc: Option<&Arc<Document>>) {
        self.cache.describe(doc, false);
    }

    /// The events that move in `zone`, and their times there: none in UTC;
    /// `None` while they are being found.
    #[must_use]
    pub fn moved(&self, zone: Zone) -> Option<&[(usize, (f64, f64))]> {
        match zone {
            Zone::Utc => Some(&[]),
            _ => self.cache.get(&zone).map(|v| v.as_slice()),
        }
    }

    /// Finds the events that move in `zone` unless found or being found.
    pub fn request(&mut self, ctx: &egui::Context, zone: Zone) {
        if zone != Zone::Utc {
            let compute = |doc: &Document, zone: &Zone, cancel: &AtomicBool, done: &AtomicUsize| {
                doc.times_in(*zone, cancel, done)
            };
            let label = format!("reading times in {}", zone.name());
            self.cache
                .request(ctx, (&zone, &label), false, Arc::new(compute));
        }
    }

    /// How far finding them has got, while it runs.
    #[must_use]
    pub fn progress(&self, zone: Zone) -> Option<f32> {
        self.cache.progress(&zone)
    }

    /// Takes what was found since the last call; `true` when anything was.
    pub fn poll(&mut self) -> bool {
        !self.cache.poll().is_empty()
    }

    #[must_use]
    pub fn busy(&self) -> bool {
        self.cache.busy()
    }
}
