//! Facets: the values one field takes across a document's events — its
//! category, tags, sources, the file it came from, or any other named field
//! (a spreadsheet's column) — with how many events have each. They group
//! events into lanes (View > Lanes by) and choose what the filter panel
//! shows. Pure; reading every event takes about a second at a million
//! events, so the app reads the facets that need it on a thread.

use std::sync::atomic::{AtomicBool, AtomicUsize};

use crate::model::{CategoryNames, Document, Grouping, UNCATEGORISED};

/// A field events are grouped or filtered by.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Facet {
    /// The lanes as the file gives them.
    #[default]
    Category,
    /// Each tag; an event with several is in each tag's count.
    Tag,
    /// The titles of the listed sources an event's evidence cites, and the
    /// source names a spreadsheet's `sources` column gives (kept as that
    /// attribute, split at `;`).
    Source,
    /// The open file an event came from.
    File,
    /// Another named field of the events (an imported column).
    Field(String),
}

impl Facet {
    /// What to call it in menus: "Category", "Tag", a field's name.
    #[must_use]
    pub fn label(&self) -> &str {
        match self {
            Self::Category => "Category",
            Self::Tag => "Tag",
            Self::Source => "Source",
            Self::File => "File",
            Self::Field(name) => name,
        }
    }

    /// The name of the group of events without a value.
    #[must_use]
    pub fn none_label(&self) -> String {
        match self {
            Self::Category => UNCATEGORISED.to_owned(),
            Self::Tag => "(no tag)".to_owned(),
            Self::Source => "(no source)".to_owned(),
            Self::File => "(no file)".to_owned(),
            Self::Field(name) => format!("(no {name})"),
        }
    }

    /// Whether finding the values reads every event (rather than the
    /// columns a document keeps for drawing).
    #[must_use]
    pub fn reads_events(&self) -> bool {
        matches!(self, Self::Tag | Self::Source | Self::Field(_))
    }
}

/// The values of a [`Facet`] for each event of one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FacetValues {
    /// The values, most common first (ties by name).
    pub names: Vec<String>,
    /// How many events have each value.
    pub counts: Vec<usize>,
    /// How many events have none.
    pub none: usize,
    /// Where each event's values start in `values`; one more than events.
    starts: Vec<u32>,
    values: Vec<u32>,
}

/// Attributes that name an event's sources (a spreadsheet's `sources`
/// column, its links taken out).
const SOURCE_ATTRIBUTES: [&str; 2] = ["sources", "source"];

/// The names of the open files, for [`Facet::File`]: `names[layer]`, and
/// the layer of a document that is one file shown as it is.
#[derive(Clone, Copy, Debug)]
pub struct Files<'a> {
    pub names: &'a [String],
    pub single: usize,
}

/// The values of one event, appended to `out` as numbers of `names`.
fn event_values(
    doc: &Document,
    facet: &Facet,
    files: Files<'_>,
    i: usize,
    names: &mut CategoryNames,
    out: &mut Vec<u32>,
) {
    let start = out.len();
    let mut push = |out: &mut Vec<u32>, name: &str| {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        let id = names.id(name);
        if !out[start..].contains(&id) {
            out.push(id);
        }
    };
    match facet {
        Facet::Category => {
            let last = doc.lanes().len().saturating_sub(1);
            if let Some(&lane) = doc.event_lanes().get(i)
                && let Some(name) = doc.lanes().get(lane)
                && !(lane == last && name == UNCATEGORISED)
            {
                push(out, name);
            }
        }
        Facet::File => {
            let layer = doc.event_layers().get(i).copied().unwrap_or(files.single);
            if let Some(name) = files.names.get(layer) {
                push(out, name);
            }
        }
        Facet::Tag | Facet::Source | Facet::Field(_) => {
            let Some(event) = doc.event_uncached(i) else {
                return;
            };
            match facet {
                Facet::Tag => {
                    for tag in &event.tags {
                        push(out, tag);
                    }
                }
                Facet::Source => {
                    for evidence in &event.evidence {
                        // Only the document's listed sources: a row's own
                        // notes are not a source other events share.
                        if let Some(source) = doc.sources.get(evidence.source) {
                            push(out, &source.title);
                        }
                    }
                    for name in SOURCE_ATTRIBUTES {
                        for source in event
                            .attributes
                            .get(name)
                            .into_iter()
                            .flat_map(|v| v.split(';'))
                        {
                            push(out, source);
                        }
                    }
                }
                Facet::Field(field) => {
                    if let Some(value) = event.attributes.get(field) {
                        push(out, value);
                    }
                }
                Facet::Category | Facet::File => {}
            }
        }
    }
}

/// Values of the events `from..to`: their names, and for each event its
/// values as numbers of those names.
struct Part {
    names: CategoryNames,
    starts: Vec<u32>,
    values: Vec<u32>,
}

fn read_part(
    doc: &Document,
    facet: &Facet,
    files: Files<'_>,
    (from, to): (usize, usize),
    cancel: &AtomicBool,
    done: &AtomicUsize,
) -> Option<Part> {
    let mut part = Part {
        names: CategoryNames::default(),
        starts: Vec::with_capacity(to - from),
        values: Vec::with_capacity(to - from),
    };
    crate::work::each((from, to), cancel, done, |j| {
        part.starts
            .push(u32::try_from(part.values.len()).unwrap_or(u32::MAX));
        event_values(doc, facet, files, j, &mut part.names, &mut part.values);
    })?;
    Some(part)
}

impl FacetValues {
    /// The values of `facet` for every event of `doc`; `None` when `cancel`
    /// was set meanwhile. `done` counts the events read, for a progress
    /// display. Large documents are read in parts, one per core.
    #[must_use]
    pub fn compute(
        doc: &Document,
        facet: &Facet,
        files: Files<'_>,
        cancel: &AtomicBool,
        done: &AtomicUsize,
    ) -> Option<Self> {
        let parts = crate::work::parts(doc.event_count(), |range| {
            read_part(doc, facet, files, range, cancel, done)
        })?;
        let mut parts = parts.into_iter();
        let Part {
            mut names,
            mut starts,
            mut values,
        } = parts.next()?;
        for later in parts {
            let base = u32::try_from(values.len()).unwrap_or(u32::MAX);
            starts.extend(later.starts.iter().map(|s| s.saturating_add(base)));
            values.extend(names.renumber(&later.names, later.values));
        }
        starts.push(u32::try_from(values.len()).unwrap_or(u32::MAX));
        let names = names.into_names();

        // Most common first, so lists and capped lanes show what matters.
        let mut counts = vec![0usize; names.len()];
        for &v in &values {
            if let Some(c) = counts.get_mut(v as usize) {
                *c += 1;
            }
        }
        let none = starts.windows(2).filter(|w| w[0] == w[1]).count();
        let mut order: Vec<usize> = (0..names.len()).collect();
        order.sort_by(|&a, &b| counts[b].cmp(&counts[a]).then(names[a].cmp(&names[b])));
        let mut new_number = vec![0u32; names.len()];
        for (new, &old) in order.iter().enumerate() {
            new_number[old] = u32::try_from(new).unwrap_or(u32::MAX);
        }
        for v in &mut values {
            *v = new_number.get(*v as usize).copied().unwrap_or(u32::MAX);
        }
        let mut names = names;
        Some(Self {
            names: order
                .iter()
                .map(|&old| std::mem::take(&mut names[old]))
                .collect(),
            counts: order.iter().map(|&old| counts[old]).collect(),
            none,
            starts,
            values,
        })
    }

    /// The number of events.
    #[must_use]
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The values of event `i`, as numbers of [`Self::names`].
    #[must_use]
    pub fn of(&self, i: usize) -> &[u32] {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.values.get(a as usize..b as usize).unwrap_or_default(),
            _ => &[],
        }
    }

    /// Lanes by these values: the `max_lanes - 1` most common each a lane,
    /// the rest together in "Other", events without a value in the facet's
    /// none lane. An event with several values is in the lane of the first
    /// that has one.
    #[must_use]
    pub fn grouping(&self, facet: &Facet, max_lanes: usize) -> Grouping {
        let own = if self.names.len() <= max_lanes {
            self.names.len()
        } else {
            max_lanes.saturating_sub(1)
        };
        let mut names: Vec<String> = self.names.iter().take(own).cloned().collect();
        let rest = self.names.len() - own;
        let other = u32::try_from(names.len()).unwrap_or(u32::MAX);
        if rest > 0 {
            names.push(format!(
                "Other ({})",
                crate::formats::common::plural(rest, "value", "values")
            ));
        }
        let own = u32::try_from(own).unwrap_or(u32::MAX);
        let lane_of = (0..self.len())
            .map(|i| {
                let values = self.of(i);
                values
                    .iter()
                    .copied()
                    .find(|&v| v < own)
                    .unwrap_or(if values.is_empty() {
                        crate::model::NO_CATEGORY
                    } else {
                        other
                    })
            })
            .collect();
        Grouping {
            other: (rest > 0).then(|| names.last().cloned()).flatten(),
            lane_of,
            names,
            none: facet.none_label(),
        }
    }
}

/// Documents with more events are sampled for [`fields`].
const FIELDS_SAMPLE: usize = 20_000;

/// The other named fields of `doc`'s events (imported columns), by name:
/// from every event of a small document, from 20,000 spread over a large one.
#[must_use]
pub fn fields(doc: &Document) -> Vec<String> {
    let n = doc.event_count();
    let step = n.div_ceil(FIELDS_SAMPLE).max(1);
    let mut names = std::collections::BTreeSet::new();
    for i in (0..n).step_by(step) {
        if let Some(event) = doc.event_uncached(i) {
            for (name, value) in event.attributes.iter() {
                if !value.trim().is_empty() && !names.contains(name) {
                    names.insert(name.to_owned());
                }
            }
        }
    }
    names.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Event, Evidence, Source};

    fn compute(doc: &Document, facet: &Facet) -> FacetValues {
        let names = ["a.json".to_owned(), "b.json".to_owned()];
        FacetValues::compute(
            doc,
            facet,
            Files {
                names: &names,
                single: 1,
            },
            &AtomicBool::new(false),
            &AtomicUsize::new(0),
        )
        .unwrap()
    }

    fn doc_with(events: Vec<Event>) -> Document {
        crate::model::DocumentBuilder {
            sources: vec![Source::new("s", "The Article", "q")],
            events,
            ..crate::model::DocumentBuilder::default()
        }
        .build()
    }

    fn event(id: &str, year: &str, tags: &[&str]) -> Event {
        let mut e = Event::new(id, id, Date::parse(year).unwrap());
        e.tags = tags.iter().map(|&t| t.to_owned()).collect();
        e
    }

    #[test]
    fn tags_are_counted_most_common_first_and_events_without_are_counted_apart() {
        let doc = doc_with(vec![
            event("a", "2001", &["war", "russia"]),
            event("b", "2002", &["russia"]),
            event("c", "2003", &[]),
            event("d", "2004", &["russia", " ", "russia"]),
        ]);
        let v = compute(&doc, &Facet::Tag);
        assert_eq!(v.names, ["russia", "war"]);
        assert_eq!(v.counts, [3, 1]);
        assert_eq!(v.none, 1);
        assert_eq!(v.len(), 4);
        assert_eq!(v.of(0), [1, 0]);
        assert_eq!(v.of(2), [] as [u32; 0]);
        // A value repeated in one event counts once; a blank one not at all.
        assert_eq!(v.of(3), [0]);
    }

    #[test]
    fn sources_fields_categories_and_files() {
        let mut a = event("a", "2001", &[]);
        a.evidence.push(Evidence {
            source: 0,
            quote: "q".into(),
            note: None,
            location: None,
            at: None,
        });
        a.attributes.insert("country", "Ukraine");
        a.category = Some("war".into());
        let mut b = event("b", "2002", &[]);
        b.attributes.insert("country", "Syria");
        // A spreadsheet's sources column, its links taken out.
        b.attributes.insert("sources", "Reuters; AP");
        let mut c = event("c", "2003", &[]);
        c.attributes.insert("country", "Ukraine");
        c.category = Some("war".into());
        let doc = doc_with(vec![a, b, c]);
        let sources = compute(&doc, &Facet::Source);
        assert_eq!(sources.names, ["AP", "Reuters", "The Article"]);
        assert_eq!(sources.none, 1);
        let country = compute(&doc, &Facet::Field("country".into()));
        assert_eq!(country.names, ["Ukraine", "Syria"]);
        assert_eq!(country.counts, [2, 1]);
        let category = compute(&doc, &Facet::Category);
        assert_eq!(
            (category.names.as_slice(), category.none),
            (&["war".to_owned()][..], 1)
        );
        // One file shown as it is: every event is that file's.
        let files = compute(&doc, &Facet::File);
        assert_eq!(files.names, ["b.json"]);
        assert_eq!(files.counts, [3]);
        assert_eq!(fields(&doc), ["country", "sources"]);
    }

    #[test]
    fn grouping_caps_the_lanes_and_puts_the_rest_in_other() {
        let doc = doc_with(vec![
            event("a", "2001", &["x"]),
            event("b", "2002", &["x", "y"]),
            event("c", "2003", &["z"]),
            event("d", "2004", &["w"]),
            event("e", "2005", &[]),
        ]);
        let v = compute(&doc, &Facet::Tag);
        let g = v.grouping(&Facet::Tag, 2);
        assert_eq!(g.names, ["x", "Other (3 values)"]);
        assert_eq!(g.other.as_deref(), Some("Other (3 values)"));
        assert_eq!(g.none, "(no tag)");
        assert_eq!(g.lane_of, [0, 0, 1, 1, crate::model::NO_CATEGORY]);
        // Room for every value: no Other.
        let g = v.grouping(&Facet::Tag, 4);
        assert_eq!(g.names.len(), 4);
        assert_eq!(g.other, None);
        assert!(!g.names.iter().any(|n| n.starts_with("Other")));
    }

    #[test]
    fn two_threads_read_the_same_values_as_one() {
        let events: Vec<Event> = (0..40_000)
            .map(|i| {
                let tag = format!("t{}", i % 7);
                event(&format!("e{i}"), &format!("{}", 1900 + i % 100), &[&tag])
            })
            .collect();
        let doc = doc_with(events);
        let v = compute(&doc, &Facet::Tag);
        assert_eq!(v.names.len(), 7);
        assert_eq!(v.counts.iter().sum::<usize>(), 40_000);
        for i in (0..40_000).step_by(997) {
            let tag = &v.names[v.of(i)[0] as usize];
            assert_eq!(&doc.event(i).unwrap().tags[0], tag);
        }
    }

    #[test]
    fn cancelled_reads_give_nothing() {
        let doc = doc_with(vec![event("a", "2001", &["x"])]);
        let cancel = AtomicBool::new(true);
        let files = Files {
            names: &[],
            single: 0,
        };
        assert!(
            FacetValues::compute(&doc, &Facet::Tag, files, &cancel, &AtomicUsize::new(0)).is_none()
        );
    }
}
