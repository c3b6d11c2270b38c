//! The open files and what the timeline shows of them: each file is a
//! [`Layer`] holding its own document; the visible layers are shown as
//! one document (the one file itself, or [`Document::layered`]), and that
//! through the filters, the lanes by a field and the zone's times
//! ([`Document::filtered`]). The list, the search and the exports use the
//! same shown document.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::filters::{Filters, ValueFilter};
use super::watch;
use crate::formats::ImportOptions;
use crate::model::{Document, Grouping};

/// One open file: a layer of the shared timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    /// Shared with [`Layers::doc`] when it is the only visible layer, so a
    /// large file is never copied.
    pub doc: Arc<Document>,
    pub visible: bool,
    /// Index into the timeline palette.
    pub color: usize,
    /// The bundled example, which a file the user opens replaces.
    pub is_example: bool,
    /// How the file was imported (column mapping, date order), for reloads.
    pub options: ImportOptions,
    /// The history step it was last saved (or read) at: it has unsaved
    /// edits when the last step applied to it is another
    /// ([`super::history::History::state_of`]).
    pub saved_at: Option<u64>,
    /// When the app last wrote its file: a change seen on disk then is
    /// its own save, not another program's.
    pub written: Option<std::time::SystemTime>,
}

impl Layer {
    /// Whether Save writes its own file: a native file it was read from
    /// (files of other formats are never written over).
    #[must_use]
    pub fn saves_in_place(&self) -> bool {
        self.doc.path.is_some()
            && !self.is_example
            && self.doc.format == crate::formats::Format::Native.name()
    }
}

/// The open files, the filters, and the documents made of them.
#[derive(Default)]
pub struct Layers {
    /// The open files, in the order they were opened.
    pub files: Vec<Layer>,
    /// What the timeline shows: the visible layers, filtered; `None` when
    /// no file is open.
    pub doc: Option<Arc<Document>>,
    /// The visible layers before filtering (what `doc` is when nothing is
    /// filtered, grouped or moved by the zone).
    pub unfiltered: Option<Arc<Document>>,
    /// The number of events in each lane of `unfiltered`.
    pub lane_counts: Vec<usize>,
    /// What is filtered out of what is open.
    pub filters: Filters,
    /// The layer `unfiltered` is, when it is one layer shown as it is.
    single: Option<usize>,
    /// Draft events proposed from a source, shown after the files as a
    /// layer of their own (numbered `files.len()`), never saved.
    pub drafts: Option<super::drafts::Drafts>,
}

impl Layers {
    /// Adds `doc` as a new layer, read with `options`; a file the user
    /// opens replaces the bundled example.
    pub fn add(&mut self, doc: Document, is_example: bool, options: ImportOptions) {
        if !is_example && self.files.len() == 1 && self.files[0].is_example {
            self.files.clear();
        }
        // The first colour no open layer uses (of len + 1 candidates, one is free).
        let color = (0..=self.files.len())
            .find(|c| !self.files.iter().any(|l| l.color == *c))
            .unwrap_or(0);
        self.files.push(Layer {
            doc: Arc::new(doc),
            visible: true,
            color,
            is_example,
            options,
            saved_at: None,
            written: None,
        });
    }

    /// Layer `layer`'s document, to change: the shown documents made of it
    /// are let go first, so that it is changed in place, not copied
    /// ([`Self::merge`] makes them again).
    pub fn document_mut(&mut self, layer: usize) -> Option<&mut Document> {
        self.doc = None;
        self.unfiltered = None;
        self.files.get_mut(layer).map(|l| Arc::make_mut(&mut l.doc))
    }

    /// Event `i` of the shown document as (layer, index in the layer's
    /// document).
    #[must_use]
    pub fn locate(&self, i: usize) -> Option<(usize, usize)> {
        let shown = self.doc.as_ref()?;
        let layer = self.layer_of(i)?;
        let doc = &self.files.get(layer)?.doc;
        if Arc::ptr_eq(shown, doc) {
            return Some((layer, i));
        }
        let event = shown.event(i)?;
        let is_it = |j: usize| doc.event(j).is_some_and(|e| e.id == event.id);
        doc.events_at((event.t0(), event.t1()))
            .find(|&j| is_it(j))
            .or_else(|| (0..doc.event_count()).find(|&j| is_it(j)))
            .map(|j| (layer, j))
    }

    /// Source `s` of the shown document as (layer, index in the layer's
    /// sources): the visible layers' sources follow each other.
    #[must_use]
    pub fn source_of(&self, s: usize) -> Option<(usize, usize)> {
        let mut s = s;
        for (i, layer) in self.files.iter().enumerate().filter(|(_, l)| l.visible) {
            match s.checked_sub(layer.doc.sources.len()) {
                Some(rest) => s = rest,
                None => return Some((i, s)),
            }
        }
        None
    }

    /// Source `s` of layer `layer` in the shown document.
    #[must_use]
    pub fn shown_source(&self, layer: usize, s: usize) -> Option<usize> {
        let before: usize = self
            .files
            .iter()
            .take(layer)
            .filter(|l| l.visible)
            .map(|l| l.doc.sources.len())
            .sum();
        self.files.get(layer)?.visible.then_some(before + s)
    }

    /// Closes layer `i`; false when there is none. Its drafts go with it.
    pub fn close(&mut self, i: usize) -> bool {
        let there = i < self.files.len();
        if there {
            self.files.remove(i);
            self.forget_drafts_of(i, true);
        }
        there
    }

    /// Forgets the drafts of layer `i` (closed or read again: their
    /// sentences may be gone), numbering the others anew when `closed`.
    pub fn forget_drafts_of(&mut self, i: usize, closed: bool) {
        match &mut self.drafts {
            Some(d) if d.layer == i => self.drafts = None,
            Some(d) if closed && d.layer > i => d.layer -= 1,
            _ => {}
        }
    }

    /// The layer number of the drafts, when there are some.
    #[must_use]
    pub fn drafts_layer(&self) -> Option<usize> {
        self.drafts.as_ref().map(|_| self.files.len())
    }

    /// Shows or hides layer `i`; false when there is none.
    pub fn set_visible(&mut self, i: usize, visible: bool) -> bool {
        self.files
            .get_mut(i)
            .map(|layer| layer.visible = visible)
            .is_some()
    }

    /// The layer read from `path`.
    #[must_use]
    pub fn position(&self, path: &Path) -> Option<usize> {
        self.files
            .iter()
            .position(|l| l.doc.path.as_deref() == Some(path))
    }

    /// Replaces the document of the layer read from `path` (reread);
    /// false when no layer is.
    pub fn replace(&mut self, path: &Path, doc: Document) -> bool {
        let Some(i) = self.position(path) else {
            return false;
        };
        self.files[i].doc = Arc::new(doc);
        true
    }

    /// Where layer `i` was read from and how, to read it again.
    #[must_use]
    pub fn source(&self, i: usize) -> Option<(PathBuf, ImportOptions)> {
        let layer = self.files.get(i)?;
        Some((layer.doc.path.clone()?, layer.options.clone()))
    }

    /// Palette index of each layer, for colouring events by file.
    #[must_use]
    pub fn colors(&self) -> Vec<usize> {
        let drafts = self.drafts_layer();
        self.files.iter().map(|l| l.color).chain(drafts).collect()
    }

    /// How many layers are shown.
    #[must_use]
    pub fn visible_count(&self) -> usize {
        self.files.iter().filter(|l| l.visible).count()
    }

    /// The layers' names (the drafts' last, when there are some).
    #[must_use]
    pub fn names(&self) -> Vec<String> {
        let drafts = self.drafts.as_ref().map(|_| "Drafts".to_owned());
        self.files
            .iter()
            .map(|l| l.doc.name.clone())
            .chain(drafts)
            .collect()
    }

    /// The layer `unfiltered` is, when it is one layer shown as it is.
    #[must_use]
    pub fn single(&self) -> Option<usize> {
        self.single
    }

    /// The layer event `i` of the shown document comes from.
    #[must_use]
    pub fn layer_of(&self, i: usize) -> Option<usize> {
        let doc = self.doc.as_ref()?;
        doc.event_layers().get(i).copied().or(self.single)
    }

    /// Every file the layers were read from: event files and source texts.
    #[must_use]
    pub fn watched_files(&self) -> Vec<PathBuf> {
        self.files.iter().flat_map(layer_files).collect()
    }

    /// The layers read from any of `changed` (canonical paths).
    #[must_use]
    pub fn reading(&self, changed: &[PathBuf]) -> Vec<usize> {
        (0..self.files.len())
            .filter(|&i| {
                layer_files(&self.files[i])
                    .iter()
                    .any(|f| changed.contains(&watch::canonical(f)))
            })
            .collect()
    }

    /// Makes the visible layers one document (`unfiltered`), and counts its
    /// lanes' events.
    pub fn merge(&mut self) -> Option<Arc<Document>> {
        let parts: Vec<(usize, Arc<Document>)> = self
            .files
            .iter()
            .enumerate()
            .filter(|(_, l)| l.visible)
            .map(|(i, l)| (i, Arc::clone(&l.doc)))
            .chain(
                self.drafts
                    .as_ref()
                    .map(|d| (self.files.len(), Arc::clone(&d.doc))),
            )
            .collect();
        self.single = match parts.as_slice() {
            [(i, _)] => Some(*i),
            _ => None,
        };
        let merged = match self.single {
            _ if self.files.is_empty() => None,
            // One file: shown as it is, not copied.
            Some(i) => self.files.get(i).map(|l| Arc::clone(&l.doc)),
            // Several: read from theirs, not copied.
            None => Some(Arc::new(self.layered(&parts))),
        };
        self.lane_counts = merged.as_ref().map_or_else(Vec::new, |d| lane_counts(d));
        self.unfiltered.clone_from(&merged);
        merged
    }

    /// The visible layers `parts` as one document; the drafts' lane last
    /// (the files' lanes keep their places and colours) and not counted as
    /// a file in its name.
    fn layered(&self, parts: &[(usize, Arc<Document>)]) -> Document {
        let mut doc = Document::layered(parts);
        if self.drafts.is_some() {
            doc.move_lane_last(super::drafts::LANE);
            let files: Vec<&Arc<Document>> = parts
                .iter()
                .filter(|(i, _)| *i < self.files.len())
                .map(|(_, d)| d)
                .collect();
            doc.name = match files.as_slice() {
                [one] => one.name.clone(),
                several => format!("{} files", several.len()),
            };
        }
        doc
    }

    /// Shows `unfiltered` through the filters (`values` for the facets
    /// they hide values of), in the lanes of `grouping`, with the times
    /// `moved` in the zone shown.
    pub fn show(
        &mut self,
        values: &[ValueFilter],
        grouping: Option<&Grouping>,
        moved: &[(usize, (f64, f64))],
        places: Option<&crate::places::PlaceIndex>,
    ) {
        let range = self.filters.range();
        let filtering = self.filters.active() && range.is_ok();
        self.doc = match (&self.unfiltered, range) {
            (Some(full), Ok(range)) if filtering || grouping.is_some() || !moved.is_empty() => {
                let filters = &self.filters;
                let keep = |i| !filtering || filters.keeps(full, (range, places), values, i);
                let mut shown = Document::filtered(full, &keep, grouping, moved);
                // Each category keeps its colour when others are hidden.
                if grouping.is_none() {
                    for (lane, name) in full.lanes().iter().enumerate() {
                        shown.category_colors.entry(name.clone()).or_insert(
                            crate::layout::LANE_RGB[lane % crate::layout::LANE_RGB.len()],
                        );
                    }
                }
                Some(Arc::new(shown))
            }
            _ => self.unfiltered.clone(),
        };
    }
}

/// The number of events in each lane of `doc`.
fn lane_counts(doc: &Document) -> Vec<usize> {
    let mut counts = vec![0; doc.lanes().len()];
    for &lane in doc.event_lanes() {
        if let Some(c) = counts.get_mut(lane) {
            *c += 1;
        }
    }
    counts
}

/// The files a layer was read from: its event file and source text files.
fn layer_files(layer: &Layer) -> Vec<PathBuf> {
    let Some(path) = &layer.doc.path else {
        return Vec::new();
    };
    let dir = path.parent().unwrap_or(Path::new(""));
    std::iter::once(path.clone())
        .chain(
            layer
                .doc
                .sources
                .iter()
                .filter_map(|s| s.text_file.as_ref().map(|f| dir.join(f))),
        )
        .collect()
}
