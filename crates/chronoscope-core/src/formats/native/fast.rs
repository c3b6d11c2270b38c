//! The fast path of the native Chronoscope reader.
//!
//! The located reader in [`super::located`] reads every object as a map of raw
//! JSON slices and decodes each value again, so it can name the line:column of
//! any problem; that costs several passes over the text and an allocation per
//! value, too slow for files of a million events. This reader makes one pass
//! that checks each event without keeping its strings ([`ScanEvent`]) and
//! keeps only what drawing needs: times, category, and where the event's
//! object is. The document keeps the text, and [`JsonRows`] reads an event
//! again when it is looked at. Big files are read in parts on the cores:
//! each part from an event that seems to start near its share of the text,
//! used when the reading before it reaches an event starting exactly there.
//!
//! It only handles files that load cleanly: on anything the located reader
//! would report, an error or a warning, it gives up and the located reader
//! reads the file again, so the messages are always the located ones. Where
//! it succeeds, its document is the located reader's.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasher as _, RandomState};
use std::marker::PhantomData;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::de::DeserializeOwned;
use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use super::{VERSIONS_READ, parse_hex_color};
use crate::formats::Progress;
use crate::model::{
    CategoryNames, Date, Document, DocumentBuilder, Event, Evidence, NO_CATEGORY, Period, Place,
    PlacePrecision, RowEvent, RowEvents, RowKey, RowReader, Source, quote,
};

/// Files smaller than this are read in one part.
const PARALLEL_MIN_BYTES: usize = 1 << 20;

/// The least bytes a part takes when there are several.
const PART_MIN_BYTES: usize = 1 << 19;

/// Events read, and handed on, at a time.
const BATCH: usize = 4096;

/// Why the fast path stopped without a document.
pub(super) enum Stop {
    /// Something the located reader reports (or something this reader does not
    /// handle): read the file with the located reader.
    Fallback,
    /// The load was cancelled.
    Cancelled,
}

/// Reads `text` like [`super::parse`] when the file loads without
/// errors or warnings, in `parts` parts (`None`: as many as the cores and
/// the size of the file make worth it).
pub(super) fn parse(
    shared: &Arc<String>,
    path: &Path,
    read_text: &dyn Fn(&str) -> std::io::Result<String>,
    progress: &Progress,
    parts: Option<usize>,
) -> Result<Document, Stop> {
    let text = shared.as_str();
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let offset = text.len() - body.len();
    let count = match parts {
        Some(count) => count,
        None if body.len() < PARALLEL_MIN_BYTES => 1,
        None => crate::work::part_count(body.len(), PART_MIN_BYTES),
    };
    let starts = part_starts(body, count);
    let tracker = Tracker::new(progress, offset, &starts);
    let ids = RandomState::new();
    let (root, first) = read_parts(body, &starts, &tracker, &ids)?;
    if progress.is_cancelled() {
        return Err(Stop::Cancelled);
    }
    progress.report(text.len() as u64, first.keys.len() as u64);
    build(root, first, shared, path, read_text)
}

/// Where each part after the first starts: the events that seem to start
/// near the start of each of `count` equal shares of the body, in order,
/// each once.
fn part_starts(body: &str, count: usize) -> Vec<usize> {
    let guesses = crate::work::map(count.saturating_sub(1), |i| {
        event_start_after(body, crate::work::range(body.len(), count, i + 1).0)
    });
    let mut starts: Vec<usize> = guesses.into_iter().flatten().collect();
    starts.sort_unstable();
    starts.dedup();
    starts
}

/// How a part's reading ended.
enum Reading<'a> {
    /// The first part's: the top-level object.
    Root(Ending<'a>),
    /// Another part's: its events.
    List(Listed),
}

/// Reads the file in parts at once: the first reads the top-level object
/// from the start, each other the events from one of `starts` to the end of
/// their list. A part stops at the first event it reaches that another
/// part starts at, which then reads on (whether each start is an event of
/// the list is a guess: a part reaching it confirms it); the parts that
/// the first's reading leads to make the document, the others are dropped.
fn read_parts<'p, 'a>(
    body: &'a str,
    starts: &[usize],
    tracker: &'p Tracker<'p>,
    ids: &RandomState,
) -> Result<(Root<'a>, Maker<'p, 'a>), Stop> {
    // Whether the event at `at` is where a part after `from` starts.
    let part_at = |from: usize, at: usize| at > from && starts.binary_search(&at).is_ok();
    let read = crate::work::map(starts.len() + 1, |i| {
        let from = if i == 0 { 0 } else { starts[i - 1] };
        let mut maker = Maker::new(tracker, i, from, ids.clone());
        let mut sink = |at, event| maker.take(at, event);
        let mut handover = |at| part_at(from, at);
        let reading = if i == 0 {
            Reading::Root(read_root(body, &mut sink, &mut handover)?)
        } else {
            Reading::List(read_event_list(body, from, &mut sink, &mut handover)?)
        };
        Ok((reading, maker))
    });
    let mut read: Vec<Option<Result<_, Stop>>> = read.into_iter().map(Some).collect();
    // Part `i`'s reading: an error where the parts read before it lead to
    // it, as reading in order would meet it there.
    let mut take = |i: usize| {
        read.get_mut(i)
            .and_then(Option::take)
            .unwrap_or(Err(Stop::Fallback))
    };
    let (Reading::Root(mut ending), mut first) = take(0)? else {
        return Err(Stop::Fallback);
    };
    loop {
        match ending {
            Ending::Read(root) => return Ok((root, first)),
            Ending::Handed { rest, at } => {
                let i = starts.binary_search(&at).map_err(|_| Stop::Fallback)? + 1;
                let (Reading::List(listed), maker) = take(i)? else {
                    return Err(Stop::Fallback);
                };
                first.append(maker);
                ending = match listed {
                    Listed::Ended(end) => Ending::Read(read_after_events(body, rest, end)?),
                    Listed::Handed(at) => Ending::Handed { rest, at },
                };
            }
        }
    }
}

/// The offset of an event that seems to start the first line break (or
/// `},{`) at or after `from`: a `{` after a `,` and whitespace, whose object
/// has an `id` and a `start`. `None` when none is found within a few
/// megabytes.
fn event_start_after(body: &str, from: usize) -> Option<usize> {
    const LOOK: usize = 4 << 20;
    let bytes = body.as_bytes();
    let end = from.saturating_add(LOOK).min(bytes.len());
    let mut at = from;
    while at < end {
        let close = at + memchr::memchr(b'}', bytes.get(at..end)?)?;
        at = close + 1;
        let comma = skip_ws(bytes, at);
        if bytes.get(comma) != Some(&b',') {
            continue;
        }
        let open = skip_ws(bytes, comma + 1);
        if bytes.get(open) != Some(&b'{') {
            continue;
        }
        let mut probe = open;
        if let Some(Object(event)) = value::<Object<RawEvent<'_>>>(body, &mut probe)
            && event.id.is_some()
            && event.start.is_some()
        {
            return Some(open);
        }
    }
    None
}

/// Progress of the readers of a file's parts.
struct Tracker<'p> {
    progress: &'p Progress,
    /// Offset of the body in the text (a byte order mark).
    offset: usize,
    /// Bytes read by each part's reader.
    done: Vec<AtomicU64>,
    /// Events read by each.
    events: Vec<AtomicU64>,
}

impl<'p> Tracker<'p> {
    /// A tracker of the first part and of one starting at each of `starts`.
    fn new(progress: &'p Progress, offset: usize, starts: &[usize]) -> Self {
        let zeros = || (0..=starts.len()).map(|_| AtomicU64::new(0)).collect();
        Tracker {
            progress,
            offset,
            done: zeros(),
            events: zeros(),
        }
    }

    fn report(&self, slot: usize, bytes: usize, events: usize) {
        if let (Some(done), Some(made)) = (self.done.get(slot), self.events.get(slot)) {
            done.store(bytes as u64, Ordering::Relaxed);
            made.store(events as u64, Ordering::Relaxed);
        }
        let sum = |counts: &[AtomicU64]| -> u64 {
            counts.iter().map(|c| c.load(Ordering::Relaxed)).sum()
        };
        self.progress
            .report(self.offset as u64 + sum(&self.done), sum(&self.events));
    }
}

/// The first offset at or after `at` that is not JSON whitespace.
fn skip_ws(bytes: &[u8], mut at: usize) -> usize {
    while let Some(b' ' | b'\n' | b'\t' | b'\r') = bytes.get(at) {
        at += 1;
    }
    at
}

/// Reads one JSON value of type `T` at `*at`, moving `*at` past it.
fn value<'a, T: Deserialize<'a>>(body: &'a str, at: &mut usize) -> Option<T> {
    let rest = body.get(*at..)?;
    let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<T>();
    let value = stream.next()?.ok()?;
    *at += stream.byte_offset();
    Some(value)
}

/// A JSON object read as `T`. Derived struct deserialisers also accept an
/// array of the fields' values, which the located reader rejects.
struct Object<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
            type Value = T;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map))
            }
        }
        deserializer
            .deserialize_map(ObjectVisitor(PhantomData))
            .map(Object)
    }
}

/// A string that borrows from the text unless it has escapes.
#[derive(Deserialize)]
struct Text<'a>(#[serde(borrow)] Cow<'a, str>);

impl<'a> Text<'a> {
    fn into_cow(self) -> Cow<'a, str> {
        self.0
    }
}

#[derive(Deserialize)]
struct RawCategory<'a> {
    #[serde(borrow)]
    name: Option<Cow<'a, str>>,
    #[serde(borrow)]
    color: Option<Cow<'a, str>>,
}

#[derive(Deserialize)]
struct RawPeriod {
    title: Option<String>,
    start: Option<Date>,
    end: Option<Date>,
    description: Option<String>,
}

#[derive(Deserialize)]
struct RawSource {
    id: Option<String>,
    title: Option<String>,
    text: Option<String>,
    text_file: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
    published: Option<Date>,
}

/// An event as read again when looked at (its evidence was matched to the
/// sources when the file was read): strings borrow from the text where they
/// can (an `Option<Cow<str>>` would always copy: serde borrows only a bare
/// `Cow`, hence [`Text`]), lists and attributes are raw JSON.
#[derive(Deserialize)]
struct RawEvent<'a> {
    #[serde(borrow)]
    id: Option<Text<'a>>,
    #[serde(borrow)]
    title: Option<Text<'a>>,
    start: Option<Date>,
    end: Option<Date>,
    #[serde(borrow)]
    tags: Option<&'a RawValue>,
    #[serde(borrow)]
    category: Option<Text<'a>>,
    #[serde(borrow)]
    summary: Option<Text<'a>>,
    #[serde(borrow)]
    url: Option<Text<'a>>,
    #[serde(borrow)]
    links: Option<&'a RawValue>,
    #[serde(borrow)]
    attributes: Option<&'a RawValue>,
    #[serde(borrow)]
    place: Option<Object<RawPlace<'a>>>,
}

/// An event's place, read as [`RawEvent`] reads the rest.
#[derive(Deserialize)]
struct RawPlace<'a> {
    lat: Option<f64>,
    lon: Option<f64>,
    #[serde(borrow)]
    name: Option<Text<'a>>,
    #[serde(borrow)]
    precision: Option<Text<'a>>,
}

/// An event read only for its place: the rest skipped without being kept.
#[derive(Deserialize)]
struct PlaceOnly<'a> {
    #[serde(borrow)]
    place: Option<Object<RawPlace<'a>>>,
}

impl RawPlace<'_> {
    /// The place, as the scan accepted it.
    fn checked(self) -> Option<Place> {
        let place = checked_place(
            self.lat,
            self.lon,
            self.precision.as_ref().map(|p| p.0.as_ref()),
        )?;
        Some(place.named(self.name.map(|n| n.0.into_owned())))
    }
}

/// An event's place as scanned: its coordinates and precision checked as
/// the located reader checks them (its name only to be a string).
#[derive(Deserialize)]
struct ScanPlace<'a> {
    lat: Option<f64>,
    lon: Option<f64>,
    #[serde(rename = "name")]
    _name: Option<AnyStr>,
    #[serde(borrow)]
    precision: Option<Text<'a>>,
}

/// The place the located reader takes from a place object's coordinates
/// and precision; `None` where it warns (and the event has no place).
fn checked_place(lat: Option<f64>, lon: Option<f64>, precision: Option<&str>) -> Option<Place> {
    let mut place = Place::checked(lat?, lon?).ok()?;
    place.precision = match precision {
        Some(word) => Some(PlacePrecision::parse(word)?),
        None => None,
    };
    Some(place)
}

/// An event as scanned: what drawing needs, and every other field checked
/// to be what the located reader accepts, without being kept (the event is
/// read again, as a [`RawEvent`], when looked at).
#[derive(Deserialize)]
struct ScanEvent<'a> {
    #[serde(borrow)]
    id: Option<Text<'a>>,
    #[serde(borrow)]
    title: Option<Text<'a>>,
    start: Option<Date>,
    end: Option<Date>,
    #[serde(borrow)]
    evidence: Option<Vec<Object<RawEvidence<'a>>>>,
    #[serde(borrow)]
    category: Option<Text<'a>>,
    // Checked, not kept.
    #[serde(rename = "tags")]
    _tags: Option<StrList>,
    #[serde(rename = "summary")]
    _summary: Option<AnyStr>,
    #[serde(rename = "url")]
    _url: Option<AnyStr>,
    #[serde(rename = "links")]
    _links: Option<StrList>,
    #[serde(rename = "attributes")]
    _attributes: Option<StrMap>,
    #[serde(borrow)]
    place: Option<Object<ScanPlace<'a>>>,
}

#[derive(Deserialize)]
struct RawEvidence<'a> {
    #[serde(borrow)]
    source: Option<Cow<'a, str>>,
    quote: Option<String>,
    note: Option<String>,
    at: Option<u64>,
}

/// A required, non-blank string, as the located reader's `required_text`.
fn required_text<S: AsRef<str>>(value: Option<S>) -> Option<S> {
    value.filter(|v| !v.as_ref().trim().is_empty())
}

/// An optional string with blank ones absent, as `optional_text`.
fn optional_text<S: AsRef<str>>(value: Option<S>) -> Option<S> {
    value.filter(|v| !v.as_ref().trim().is_empty())
}

/// A list or map kept as JSON by the reading thread (whose own allocations
/// cost more than they save), as the located reader decodes it: `null` or
/// absent is empty.
fn decode<T: DeserializeOwned + Default>(raw: Option<&RawValue>) -> Option<T> {
    match raw {
        None => Some(T::default()),
        Some(raw) => serde_json::from_str::<Option<T>>(raw.get())
            .ok()
            .map(Option::unwrap_or_default),
    }
}

/// Where scanned events go: each with its offset in the body.
type Sink<'s, 'a> = dyn FnMut(usize, ScanEvent<'a>) -> Result<(), Stop> + 's;

/// Checks the read events as the located reader would and keeps what
/// drawing needs of each (times, category) and where it is, in file order;
/// the events themselves are made by [`JsonRows`] when looked at.
struct Maker<'p, 'a> {
    tracker: &'p Tracker<'p>,
    /// Which part's reader of the tracker this is.
    slot: usize,
    /// Where in the body its events start.
    from: usize,
    ids: RandomState,
    /// A hash of each event's id, for finding repeated ids without a hash
    /// table of a million strings.
    id_hashes: Vec<u64>,
    keys: Vec<RowKey>,
    times: Vec<(f64, f64)>,
    /// Numbers in `names`, or [`NO_CATEGORY`].
    categories: Vec<u32>,
    names: CategoryNames,
    /// Index of each event that has evidence, with its evidence objects,
    /// matched to the sources once all are read (they may follow the events).
    evidence: Vec<(usize, Vec<Object<RawEvidence<'a>>>)>,
}

impl<'p, 'a> Maker<'p, 'a> {
    fn new(tracker: &'p Tracker<'p>, slot: usize, from: usize, ids: RandomState) -> Self {
        Maker {
            tracker,
            slot,
            from,
            ids,
            id_hashes: Vec::new(),
            keys: Vec::new(),
            times: Vec::new(),
            categories: Vec::new(),
            names: CategoryNames::default(),
            evidence: Vec::new(),
        }
    }

    /// Checks the event at offset `at` of the body and keeps it; reports
    /// progress, and stops when cancelled, every few thousand events.
    fn take(&mut self, at: usize, event: ScanEvent<'a>) -> Result<(), Stop> {
        if self.keys.len().is_multiple_of(BATCH) {
            if self.tracker.progress.is_cancelled() {
                return Err(Stop::Cancelled);
            }
            self.tracker
                .report(self.slot, at.saturating_sub(self.from), self.keys.len());
            let more = BATCH;
            self.id_hashes.reserve(more);
            self.keys.reserve(more);
            self.times.reserve(more);
            self.categories.reserve(more);
        }
        self.push(at, event).ok_or(Stop::Fallback)
    }

    /// Adds the events that `later` read after these.
    fn append(&mut self, later: Maker<'_, 'a>) {
        let base = self.keys.len();
        self.id_hashes.extend(later.id_hashes);
        let rows = u32::try_from(base).unwrap_or(u32::MAX);
        self.keys.extend(later.keys.into_iter().map(|k| RowKey {
            offset: k.offset,
            row: k.row.saturating_add(rows),
        }));
        self.times.extend(later.times);
        let categories = self.names.renumber(&later.names, later.categories);
        self.categories.extend(categories);
        self.evidence
            .extend(later.evidence.into_iter().map(|(i, e)| (i + base, e)));
    }

    /// Checks `raw`, at offset `at` of the body, as the located reader checks
    /// an event, and keeps it.
    fn push(&mut self, at: usize, raw: ScanEvent<'a>) -> Option<()> {
        let id = required_text(raw.id.map(Text::into_cow))?;
        required_text(raw.title.map(Text::into_cow))?;
        let start = raw.start?;
        let t0 = start.start_seconds();
        let t1 = match &raw.end {
            Some(end) if end.end_seconds() < t0 => return None,
            Some(end) => end.end_seconds(),
            None => start.end_seconds(),
        }
        .max(t0);
        if let Some(Object(place)) = &raw.place {
            checked_place(
                place.lat,
                place.lon,
                place.precision.as_ref().map(|p| p.0.as_ref()),
            )?;
        }
        let index = self.keys.len();
        if let Some(evidence) = raw.evidence.filter(|e| !e.is_empty()) {
            self.evidence.push((index, evidence));
        }
        self.id_hashes.push(self.ids.hash_one(id.as_ref()));
        let category = match optional_text(raw.category.map(Text::into_cow)) {
            None => NO_CATEGORY,
            Some(name) => self.names.id(&name),
        };
        self.keys.push(RowKey {
            offset: at as u64,
            row: u32::try_from(index).ok()?,
        });
        self.times.push((t0, t1));
        self.categories.push(category);
        Some(())
    }
}

/// A string, read and dropped.
struct AnyStr;

impl<'de> Deserialize<'de> for AnyStr {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = AnyStr;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<AnyStr, E> {
                Ok(AnyStr)
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// An array of strings (`tags`, `links`), checked and dropped.
struct StrList;

impl<'de> Deserialize<'de> for StrList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = StrList;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an array of strings")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<StrList, A::Error> {
                while seq.next_element::<AnyStr>()?.is_some() {}
                Ok(StrList)
            }
        }
        deserializer.deserialize_seq(V)
    }
}

/// An object of strings (`attributes`), checked and dropped.
struct StrMap;

impl<'de> Deserialize<'de> for StrMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = StrMap;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object of strings")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StrMap, A::Error> {
                while map.next_entry::<AnyStr, AnyStr>()?.is_some() {}
                Ok(StrMap)
            }
        }
        deserializer.deserialize_map(V)
    }
}

/// Reads an event again from the file's text kept in memory.
struct JsonRows {
    text: Arc<String>,
    /// Offset of the body in the text (a byte order mark).
    offset: usize,
    /// The evidence of the events that have any, by index in file order,
    /// matched to the document's sources when the file was read.
    evidence: rustc_hash::FxHashMap<u32, Vec<Evidence>>,
}

impl std::fmt::Debug for JsonRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonRows")
            .field("text_bytes", &self.text.len())
            .field("with_evidence", &self.evidence.len())
            .finish_non_exhaustive()
    }
}

impl RowReader for JsonRows {
    fn read(&self, key: RowKey) -> Option<RowEvent> {
        let body = self.text.get(self.offset..)?;
        let mut at = usize::try_from(key.offset).ok()?;
        let Object(raw) = value::<Object<RawEvent<'_>>>(body, &mut at)?;
        let owned = |t: Option<Text<'_>>| t.map(|t| t.0.into_owned());
        let id = required_text(owned(raw.id))?;
        let title = required_text(owned(raw.title))?;
        let start = raw.start?;
        let event = Event {
            end: raw.end,
            category: optional_text(owned(raw.category)),
            tags: decode(raw.tags)?,
            summary: optional_text(owned(raw.summary)),
            url: optional_text(owned(raw.url)),
            links: decode(raw.links)?,
            attributes: decode::<BTreeMap<String, String>>(raw.attributes)?.into(),
            evidence: self.evidence.get(&key.row).cloned().unwrap_or_default(),
            place: match raw.place {
                Some(Object(place)) => Some(Box::new(place.checked()?)),
                None => None,
            },
            ..Event::new(id, title, start)
        };
        Some(RowEvent {
            event,
            sources: Vec::new(),
        })
    }

    /// The event's place, the rest of its object skipped.
    fn place(&self, key: RowKey) -> Option<Place> {
        let body = self.text.get(self.offset..)?;
        let mut at = usize::try_from(key.offset).ok()?;
        let Object(event) = value::<Object<PlaceOnly<'_>>>(body, &mut at)?;
        event.place?.0.checked()
    }

    fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.evidence.len() * 64
    }
}

/// The top-level object, read, but for its events.
#[derive(Default)]
struct Root<'a> {
    version: Option<u64>,
    title: Option<String>,
    description: Option<String>,
    categories: Vec<Object<RawCategory<'a>>>,
    periods: Vec<Object<RawPeriod>>,
    sources: Vec<Object<RawSource>>,
    /// Whether there is an `events` key.
    has_events: bool,
}

/// How reading the top-level object ended.
enum Ending<'a> {
    Read(Root<'a>),
    /// At the event at `at`, from which another reader reads on: what was
    /// read of the object before its events.
    Handed {
        rest: RootSoFar<'a>,
        at: usize,
    },
}

/// The top-level object read up to its events, to read on from their end.
#[derive(Default)]
struct RootSoFar<'a> {
    root: Root<'a>,
    /// The known keys read.
    seen: HashSet<Cow<'a, str>>,
}

/// How reading a list of events ended.
enum Listed {
    /// At its end; the offset after it.
    Ended(usize),
    /// At the event at this offset, from which another reader reads on.
    Handed(usize),
}

/// Reads the top-level object, handing its events to `sink` a batch at a
/// time, unless `handover` says that another reader reads on from an event.
fn read_root<'a>(
    body: &'a str,
    sink: &mut Sink<'_, 'a>,
    handover: &mut dyn FnMut(usize) -> bool,
) -> Result<Ending<'a>, Stop> {
    let bytes = body.as_bytes();
    let mut at = skip_ws(bytes, 0);
    if bytes.get(at) != Some(&b'{') {
        return Err(Stop::Fallback);
    }
    at = skip_ws(bytes, at + 1);
    if bytes.get(at) == Some(&b'}') {
        // No version: an error.
        return Err(Stop::Fallback);
    }
    read_keys(body, RootSoFar::default(), at, false, sink, handover)
}

/// Reads the rest of the top-level object after its events, whose list
/// other readers read up to `end`.
fn read_after_events<'a>(body: &'a str, rest: RootSoFar<'a>, end: usize) -> Result<Root<'a>, Stop> {
    // Events again: a repeated key, which the located reader reports.
    let mut no_events = |_, _| Err(Stop::Fallback);
    match read_keys(body, rest, end, true, &mut no_events, &mut |_| false)? {
        Ending::Read(root) => Ok(root),
        Ending::Handed { .. } => Err(Stop::Fallback),
    }
}

/// Reads the keys of the top-level object and their values from `at` (just
/// after a value when `after_value`) to the end of the object.
fn read_keys<'a>(
    body: &'a str,
    mut rest: RootSoFar<'a>,
    mut at: usize,
    mut after_value: bool,
    sink: &mut Sink<'_, 'a>,
    handover: &mut dyn FnMut(usize) -> bool,
) -> Result<Ending<'a>, Stop> {
    let bytes = body.as_bytes();
    loop {
        if after_value {
            at = skip_ws(bytes, at);
            match bytes.get(at) {
                Some(b',') => at = skip_ws(bytes, at + 1),
                Some(b'}') => break,
                _ => return Err(Stop::Fallback),
            }
        }
        after_value = true;
        let Text(key) = value::<Text<'a>>(body, &mut at).ok_or(Stop::Fallback)?;
        at = skip_ws(bytes, at);
        if bytes.get(at) != Some(&b':') {
            return Err(Stop::Fallback);
        }
        at = skip_ws(bytes, at + 1);
        let root = &mut rest.root;
        let known = match key.as_ref() {
            "chronoscope" => {
                root.version = value(body, &mut at).ok_or(Stop::Fallback)?;
                true
            }
            "title" => {
                root.title = value(body, &mut at).ok_or(Stop::Fallback)?;
                true
            }
            "description" => {
                root.description = value(body, &mut at).ok_or(Stop::Fallback)?;
                true
            }
            "categories" => {
                root.categories = list(body, &mut at)?;
                true
            }
            "periods" => {
                root.periods = list(body, &mut at)?;
                true
            }
            "sources" => {
                root.sources = list(body, &mut at)?;
                true
            }
            "events" => {
                root.has_events = true;
                match read_events(body, at, sink, handover)? {
                    Listed::Ended(end) => at = end,
                    Listed::Handed(at) => {
                        if !rest.seen.insert(key) {
                            return Err(Stop::Fallback);
                        }
                        return Ok(Ending::Handed { rest, at });
                    }
                }
                true
            }
            _ => {
                value::<IgnoredAny>(body, &mut at).ok_or(Stop::Fallback)?;
                false
            }
        };
        // A repeated key: the located reader takes the last; leave it that.
        if known && !rest.seen.insert(key) {
            return Err(Stop::Fallback);
        }
    }
    // Nothing but whitespace after the object.
    if skip_ws(bytes, at + 1) != bytes.len() {
        return Err(Stop::Fallback);
    }
    Ok(Ending::Read(rest.root))
}

/// Reads the value of `events` at `at` (an array, or `null` for none),
/// handing the events to `sink`.
fn read_events<'a>(
    body: &'a str,
    mut at: usize,
    sink: &mut Sink<'_, 'a>,
    handover: &mut dyn FnMut(usize) -> bool,
) -> Result<Listed, Stop> {
    let bytes = body.as_bytes();
    if bytes.get(at) != Some(&b'[') {
        value::<()>(body, &mut at).ok_or(Stop::Fallback)?;
        return Ok(Listed::Ended(at));
    }
    at = skip_ws(bytes, at + 1);
    if bytes.get(at) == Some(&b']') {
        return Ok(Listed::Ended(at + 1));
    }
    read_event_list(body, at, sink, handover)
}

/// Reads events from the one at `at` to the end of their list, handing them
/// to `sink` a batch at a time, unless `handover` says, before an event,
/// that another reader reads on from it.
fn read_event_list<'a>(
    body: &'a str,
    mut at: usize,
    sink: &mut Sink<'_, 'a>,
    handover: &mut dyn FnMut(usize) -> bool,
) -> Result<Listed, Stop> {
    let bytes = body.as_bytes();
    loop {
        let start = at;
        if handover(start) {
            return Ok(Listed::Handed(start));
        }
        let Object(event) = value::<Object<ScanEvent<'a>>>(body, &mut at).ok_or(Stop::Fallback)?;
        sink(start, event)?;
        at = skip_ws(bytes, at);
        match bytes.get(at) {
            Some(b',') => at = skip_ws(bytes, at + 1),
            Some(b']') => return Ok(Listed::Ended(at + 1)),
            _ => return Err(Stop::Fallback),
        }
    }
}

/// An optional array of objects (absent or `null`: none).
fn list<'a, T: Deserialize<'a>>(body: &'a str, at: &mut usize) -> Result<Vec<Object<T>>, Stop> {
    value::<Option<Vec<Object<T>>>>(body, at)
        .map(Option::unwrap_or_default)
        .ok_or(Stop::Fallback)
}

/// The document from what was read, as the located reader builds it; a
/// fallback where that reader would report something.
fn build(
    root: Root<'_>,
    made: Maker<'_, '_>,
    shared: &Arc<String>,
    path: &Path,
    read_text: &dyn Fn(&str) -> std::io::Result<String>,
) -> Result<Document, Stop> {
    if !root.version.is_some_and(|v| VERSIONS_READ.contains(&v)) || !root.has_events {
        return Err(Stop::Fallback);
    }
    let mut doc = DocumentBuilder {
        name: path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        title: root.title,
        description: root.description,
        ..DocumentBuilder::default()
    };
    "Chronoscope JSON".clone_into(&mut doc.format);
    for Object(category) in root.categories {
        let name = required_text(category.name).ok_or(Stop::Fallback)?;
        if let Some(color) = category.color {
            let rgb = parse_hex_color(&color).ok_or(Stop::Fallback)?;
            doc.category_colors.insert(name.into_owned(), rgb);
        }
    }
    for Object(period) in root.periods {
        let title = required_text(period.title).ok_or(Stop::Fallback)?;
        let (Some(start), Some(end)) = (period.start, period.end) else {
            return Err(Stop::Fallback);
        };
        if end.end_seconds() < start.start_seconds() {
            return Err(Stop::Fallback);
        }
        doc.periods.push(Period {
            title,
            start,
            end,
            description: optional_text(period.description),
        });
    }
    let mut source_ids: HashMap<String, usize> = HashMap::new();
    for (i, Object(source)) in root.sources.into_iter().enumerate() {
        let id = required_text(source.id).ok_or(Stop::Fallback)?;
        let title = optional_text(source.title).unwrap_or_else(|| id.clone());
        let (text, text_file) = match (source.text, source.text_file) {
            (Some(text), None) => (text, None),
            (None, Some(name)) => (read_text(&name).map_err(|_| Stop::Fallback)?, Some(name)),
            _ => return Err(Stop::Fallback),
        };
        if source_ids.insert(id.clone(), i).is_some() {
            return Err(Stop::Fallback);
        }
        doc.sources.push(Source {
            id,
            title,
            author: optional_text(source.author),
            publisher: optional_text(source.publisher),
            url: optional_text(source.url),
            published: source.published,
            text,
            text_file,
        });
    }
    let (progress, offset) = (made.tracker.progress, made.tracker.offset);
    let Maker {
        id_hashes,
        keys,
        times,
        categories,
        names,
        evidence: evidence_of,
        ..
    } = made;
    let mut evidence_by_event = rustc_hash::FxHashMap::default();
    let haystacks: Vec<quote::Haystack<'_>> = doc
        .sources
        .iter()
        .map(|s| quote::Haystack::new(&s.text))
        .collect();
    for (i, items) in evidence_of {
        let found = evidence(&items, &source_ids, &haystacks).ok_or(Stop::Fallback)?;
        evidence_by_event.insert(u32::try_from(i).map_err(|_| Stop::Fallback)?, found);
    }
    drop(haystacks);
    if progress.is_cancelled() {
        return Err(Stop::Cancelled);
    }
    let reader = JsonRows {
        text: Arc::clone(shared),
        offset,
        evidence: evidence_by_event,
    };
    let rows = RowEvents::new(Arc::new(reader), keys, 0);
    // Sorting the events and looking for repeated ids, side by side.
    let (doc, unique) = if id_hashes.len() >= BATCH {
        std::thread::scope(|scope| {
            let unique = scope.spawn(|| all_different(id_hashes));
            let doc = doc.build_rows(rows, times, &categories, names.into_names());
            (doc, unique.join().unwrap_or(false))
        })
    } else {
        let doc = doc.build_rows(rows, times, &categories, names.into_names());
        (doc, all_different(id_hashes))
    };
    if !unique {
        return Err(Stop::Fallback);
    }
    Ok(doc)
}

/// Whether the id hashes are all different. Equal hashes are taken for
/// equal ids, and the located reader then reports the repeated id; for
/// different ids they are so unlikely (about one file of a million events in
/// ten million) that reading such a file the slow way costs nothing.
fn all_different(mut hashes: Vec<u64>) -> bool {
    hashes.sort_unstable();
    hashes.windows(2).all(|w| w[0] != w[1])
}

/// An event's evidence, as the located reader makes it; `None` for an
/// unknown source or a quote not found in its source.
fn evidence(
    items: &[Object<RawEvidence<'_>>],
    source_ids: &HashMap<String, usize>,
    sources: &[quote::Haystack<'_>],
) -> Option<Vec<Evidence>> {
    items
        .iter()
        .map(|Object(item)| {
            let source = *source_ids.get(required_text(item.source.as_deref())?)?;
            let quote = item.quote.clone().unwrap_or_default();
            let hay = sources.get(source)?;
            let hint = item.at.map(|at| usize::try_from(at).unwrap_or(usize::MAX));
            let location = match hint {
                Some(at) => hay.locate_near(&quote, hay.byte_of_char(at)),
                None => hay.locate(&quote),
            };
            if location.is_none() && !quote.trim().is_empty() {
                // A warning, located by the located reader.
                return None;
            }
            Some(Evidence {
                source,
                quote,
                note: optional_text(item.note.clone()),
                at: location
                    .as_ref()
                    .map(|r| hay.char_of_byte(r.start))
                    .or(hint),
                location,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::native;
    use crate::formats::native::located::parse as parse_located;
    use crate::generate::{self, GenFormat};
    use std::path::PathBuf;

    /// What a reader gave, comparable: the document or the error's text.
    /// Events kept as objects of the text compare as the events they are.
    fn outcome(result: Result<Document, crate::formats::LoadError>) -> Result<Document, String> {
        result
            .map(|d| {
                if d.rows().is_some() {
                    d.materialized()
                } else {
                    d
                }
            })
            .map_err(|e| e.to_string())
    }

    /// Checks the fast path against the located reader on `text`: where the
    /// located reader loads it without warnings, the fast path (in one part
    /// and in several) gives the same document; anywhere else it falls
    /// back. And `native::parse` always gives what the located reader gives.
    fn check(text: &str, path: &Path, read_text: &dyn Fn(&str) -> std::io::Result<String>) {
        let located = outcome(parse_located(text, path, read_text, &Progress::default()));
        let clean = located.as_ref().is_ok_and(|d| d.warnings.is_empty());
        for parts in [1, 2, 3, 7] {
            match parse(
                &Arc::new(text.to_owned()),
                path,
                read_text,
                &Progress::default(),
                Some(parts),
            )
            .map(|d| d.materialized())
            {
                Ok(doc) => assert_eq!(
                    Ok(&doc),
                    located.as_ref(),
                    "{}: fast path differs ({parts} parts)",
                    path.display()
                ),
                Err(Stop::Fallback) => assert!(
                    !clean || repeats_a_key(text),
                    "{}: fast path fell back on a clean file ({parts} parts): {}",
                    path.display(),
                    text.get(..text.len().min(300)).unwrap_or(text)
                ),
                Err(Stop::Cancelled) => panic!("{}: cancelled", path.display()),
            }
        }
        assert_eq!(
            outcome(native::parse(text, path, read_text)),
            located,
            "{}",
            path.display()
        );
    }

    /// Whether `text` repeats a key in an object, which the fast path
    /// leaves to the located reader (that takes the last), in the cases below.
    fn repeats_a_key(text: &str) -> bool {
        [
            r#""chronoscope": 1, "events": [], "chronoscope": 1"#,
            r#""events": [], "events": []"#,
            r#""start": "2024", "id": "b""#,
        ]
        .iter()
        .any(|case| text.contains(case))
    }

    fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                json_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }

    fn read_beside(path: &Path) -> impl Fn(&str) -> std::io::Result<String> + '_ {
        move |name: &str| crate::formats::files::read_beside(path, name)
    }

    #[test]
    fn every_json_fixture_reads_as_the_located_reader_reads_it() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files = Vec::new();
        json_files(&root.join("tests/data"), &mut files);
        files.push(root.join("assets/nk-troops.json"));
        let mut native_files = 0;
        for path in &files {
            let text = std::fs::read_to_string(path).unwrap();
            native_files += usize::from(text.contains("\"chronoscope\""));
            check(&text, path, &read_beside(path));
        }
        assert!(native_files >= 15, "{native_files} native fixtures");
    }

    #[test]
    fn clean_fixtures_take_the_fast_path() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        for name in [
            "tests/data/siege.json",
            "tests/data/crowded.json",
            "tests/data/many-lanes.json",
            "tests/data/long-link.json",
            "tests/data/unknown-fields.json",
            "tests/data/places.json",
            "assets/nk-troops.json",
        ] {
            let path = root.join(name);
            let text = std::fs::read_to_string(&path).unwrap();
            let doc = parse(
                &Arc::new(text.clone()),
                &path,
                &read_beside(&path),
                &Progress::default(),
                None,
            );
            assert!(doc.is_ok(), "{name}");
        }
        let doc = crate::example::load().unwrap();
        assert!(doc.iter_events().any(|e| !e.evidence.is_empty()));
    }

    #[test]
    fn places_are_read_alone_as_the_events_have_them() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/places.json");
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = parse(
            &Arc::new(text),
            &path,
            &read_beside(&path),
            &Progress::default(),
            None,
        )
        .map_err(|_| "fell back")
        .unwrap();
        assert!(doc.rows().is_some());
        let places: Vec<_> = (0..doc.event_count()).map(|i| doc.event_place(i)).collect();
        assert_eq!(places.iter().flatten().count(), 4);
        for (i, place) in places.iter().enumerate() {
            assert_eq!(
                place.as_ref(),
                doc.event(i).unwrap().place.as_deref(),
                "{i}"
            );
        }
    }

    #[test]
    fn generated_files_read_as_the_located_reader_reads_them() {
        for (events, seed) in [(0, 1), (1, 2), (300, 1), (BATCH + 17, 5)] {
            let mut buf = Vec::new();
            generate::write(&mut buf, events, seed, GenFormat::Json).unwrap();
            let text = String::from_utf8(buf).unwrap();
            check(&text, Path::new("gen.json"), &|_| {
                Err(std::io::Error::other("no files"))
            });
            let doc = parse(
                &Arc::new(text.clone()),
                Path::new("gen.json"),
                &|_| Err(std::io::Error::other("no files")),
                &Progress::default(),
                Some(4),
            );
            assert_eq!(doc.ok().map(|d| d.event_count()), Some(events));
        }
    }

    #[test]
    fn parts_read_as_one() {
        let mut buf = Vec::new();
        generate::write(&mut buf, BATCH * 3 + 5, 7, GenFormat::Json).unwrap();
        let text = Arc::new(String::from_utf8(buf).unwrap());
        let none = |_: &str| Err(std::io::Error::other("no files"));
        let read_in = |parts| {
            parse(
                &text,
                Path::new("gen.json"),
                &none,
                &Progress::default(),
                Some(parts),
            )
            .map_or_else(|_| panic!("{parts} parts fell back"), |d| d.materialized())
        };
        let one = read_in(1);
        assert_eq!(one.event_count(), BATCH * 3 + 5);
        for parts in 3..=7 {
            // Each share of the file has an event of its own to start at.
            assert_eq!(part_starts(&text, parts).len(), parts - 1);
            assert!(read_in(parts) == one, "{parts} parts");
        }
    }

    /// Files with every kind of problem and oddity the located reader
    /// handles; each is read by both readers and compared.
    /// Where a part would start: in a pretty-printed file among evidence
    /// objects, in a list of sources after the events, inside a string that
    /// looks like events, at an object inside an event that reads as events.
    /// Whatever the guess, the document is the located reader's.
    #[test]
    fn parts_read_as_one_wherever_they_fall() {
        let none = |_: &str| Err(std::io::Error::other("no files"));
        let source = "The minister spoke on Tuesday about the treaty.";
        let events: Vec<String> = (0..400)
            .map(|i| {
                format!(
                    r#"{{"id": "e{i}", "title": "Event {i}", "start": "2024-06-{:02}", "category": "c{}",
  "evidence": [{{"source": "s", "quote": "minister spoke"}}, {{"source": "s", "quote": "treaty"}}],
  "extra": [{{"id": "x", "title": "X", "start": "2024"}}, {{"id": "y", "title": "Y", "start": "2025"}}],
  "summary": "a text with }},{{\"id\": \"x\", \"start\": \"2024\"}} in it"}}"#,
                    i % 28 + 1,
                    i % 3
                )
            })
            .collect();
        let sources_after = format!(
            r#"{{"chronoscope": 1, "events": [{}], "sources": [{}]}}"#,
            events[..40].join(",\n"),
            (0..400)
                .map(|i| format!(r#"{{"id": "s{i}", "text": "{source} {i}"}}"#))
                .chain(std::iter::once(format!(
                    r#"{{"id": "s", "text": "{source}"}}"#
                )))
                .collect::<Vec<_>>()
                .join(",\n")
        );
        let pretty = {
            let text = format!(
                r#"{{"chronoscope": 1, "sources": [{{"id": "s", "text": "{source}"}}], "events": [{}]}}"#,
                events.join(",")
            );
            let doc = native::parse(&text, Path::new("p.json"), &none).unwrap();
            crate::formats::native::write::to_json(&doc)
        };
        let minified = format!(
            r#"{{"chronoscope":1,"sources":[{{"id":"s","text":"{source}"}}],"events":[{}]}}"#,
            events.join(",")
        );
        for (name, text) in [
            ("sources-after.json", sources_after),
            ("pretty.json", pretty),
            ("minified.json", minified),
        ] {
            let located = parse_located(&text, Path::new(name), &none, &Progress::default());
            assert!(
                located.is_ok_and(|d| d.warnings.is_empty()),
                "{name} is clean"
            );
            check(&text, Path::new(name), &none);
        }
    }

    #[test]
    fn odd_files_read_as_the_located_reader_reads_them() {
        let source = r#"{"id": "paper", "text": "The minister spoke on Tuesday."}"#;
        let event = r#"{"id": "a", "title": "A", "start": "2024-06-18"}"#;
        let with = |sources: &str, events: &str| {
            format!(r#"{{"chronoscope": 1, "sources": [{sources}], "events": [{events}]}}"#)
        };
        let mut cases: Vec<String> = vec![
            // The root.
            String::new(),
            "[]".into(),
            "{}".into(),
            "null".into(),
            r#"{"chronoscope": 1}"#.into(),
            r#"{"chronoscope": 1, "events": null}"#.into(),
            r#"{"chronoscope": 1, "events": []}"#.into(),
            r#"{"chronoscope": 1, "events": {}}"#.into(),
            r#"{"chronoscope": 1, "events": 5}"#.into(),
            r#"{"chronoscope": 2, "events": []}"#.into(),
            r#"{"chronoscope": 3, "events": []}"#.into(),
            r#"{"chronoscope": 0, "events": []}"#.into(),
            r#"{"chronoscope": "1", "events": []}"#.into(),
            r#"{"chronoscope": 1.0, "events": []}"#.into(),
            r#"{"chronoscope": null, "events": []}"#.into(),
            r#"{"chronoscope": 1, "events": [], "chronoscope": 1}"#.into(),
            r#"{"chronoscope": 1, "events": [], "events": []}"#.into(),
            r#"{"chronoscope": 1, "events": [], "x": 1, "x": [{"y": [[[]]]}]}"#.into(),
            r#"{"chronoscope": 1, "events": []} x"#.into(),
            r#"{"chronoscope": 1, "events": [],}"#.into(),
            r#"{"chronoscope": 1, "events": [] "title": "t"}"#.into(),
            r#"{"chronoscope": 1 "events": []}"#.into(),
            r#"{"chronoscope": 1, "events": [{"id": "a", "title": "A", "start": "2024"},]}"#
                .into(),
            r#"{"chronoscope": 1, "events": [{"id": "a", "title": "A", "start": "2024"} {"id": "b"}]}"#
                .into(),
            r#"{"chronoscope": 1, "events": [{"id": "a", "title": "A", "start": "2024"}"#.into(),
            "\u{feff}{\"chronoscope\": 1, \"events\": []}".into(),
            " \t\r\n{ \"chronoscope\" : 1 ,\n\"events\" : [ ] } \n".into(),
            r#"{"\u0063hronoscope": 1, "events": [], "title": "\u00e9t\u00e9 \"q\""}"#.into(),
            r#"{"chronoscope": 1, "events": [], "title": null, "description": ""}"#.into(),
            r#"{"chronoscope": 1, "events": [], "title": 5}"#.into(),
            r#"{"chronoscope": 1, "events": [], "title": "\ud800"}"#.into(),
            r#"{"chronoscope": 1, "events": [], "unknown": "\ud800"}"#.into(),
            // Categories and periods.
            r##"{"chronoscope": 1, "events": [], "categories": [{"name": "war", "color": "#ff0000"}, {"name": "x"}]}"##
                .into(),
            r#"{"chronoscope": 1, "events": [], "categories": [{"name": "war", "color": "red"}]}"#
                .into(),
            r##"{"chronoscope": 1, "events": [], "categories": [{"name": " ", "color": "#ff0000"}]}"##
                .into(),
            r##"{"chronoscope": 1, "events": [], "categories": [["war", "#ff0000"]]}"##.into(),
            r#"{"chronoscope": 1, "events": [], "categories": null, "periods": null, "sources": null}"#
                .into(),
            r#"{"chronoscope": 1, "events": [], "periods": [{"title": "P", "start": "1914", "end": "1918", "description": " "}]}"#
                .into(),
            r#"{"chronoscope": 1, "events": [], "periods": [{"title": "P", "start": "1918", "end": "1914"}]}"#
                .into(),
            r#"{"chronoscope": 1, "events": [], "periods": [{"title": "P", "start": "1914"}]}"#
                .into(),
            r#"{"chronoscope": 1, "events": [], "periods": [{"title": "P", "start": "1914", "end": "never"}]}"#
                .into(),
            // Sources.
            with(source, event),
            with(&format!("{source}, {source}"), event),
            with(r#"{"id": "f", "text_file": "article.txt", "title": " "}"#, event),
            with(r#"{"id": "f", "text_file": "missing.txt"}"#, event),
            with(r#"{"id": "f", "text_file": "article.txt", "text": "x"}"#, event),
            with(r#"{"id": "f"}"#, event),
            with(r#"{"id": " ", "text": "x"}"#, event),
            with(
                r#"{"id": "p", "text": "x", "publisher": "", "url": "u", "published": "2024-06"}"#,
                event,
            ),
            with(r#"{"id": "p", "text": "x", "published": "June"}"#, event),
            with(r#"{"id": "p", "text": "x", "author": "A. Writer"}"#, event),
            with(r#"{"id": "p", "text": "x", "author": " "}"#, event),
            with(r#"{"id": "p", "text": "x", "author": 5}"#, event),
        ];
        // Events.
        for event in [
            r#"{"id": "a", "title": "A", "start": "2024-06-18", "end": "2024-06-20", "category": "c", "tags": ["x", "y"], "summary": "s", "url": "u", "links": ["l"], "attributes": {"k": "v", "a": "b", "k": "w"}, "other": {"deep": [1, 2, {"x": null}]}}"#,
            r#"{"id": "a", "title": "A", "start": "2024-06-18", "category": " ", "summary": "", "url": null, "tags": null, "links": null, "attributes": null}"#,
            r#"{"id": "a\n\"b\"", "title": "caf\u00e9 \\ \/", "start": "2024-06-18", "category": "\u00e9", "tags": ["\t"], "attributes": {"\u00e9": "\""}}"#,
            r#"{"id": "a", "title": "A", "start": "2024-06-18", "end": "2024-06-17"}"#,
            r#"{"id": "a", "title": "A", "start": "2024-06-18", "end": null}"#,
            r#"{"id": "a", "title": "A", "start": "not a date"}"#,
            r#"{"id": "a", "title": "A", "start": 2024}"#,
            r#"{"id": "a", "title": "A"}"#,
            r#"{"id": "a", "title": " ", "start": "2024"}"#,
            r#"{"id": "", "title": "A", "start": "2024"}"#,
            r#"{"id": 1, "title": "A", "start": "2024"}"#,
            r#"{"title": "A", "start": "2024"}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "tags": "x"}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "tags": ["x", null]}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "links": [1]}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "attributes": {"k": 1}}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "attributes": ["k", "v"]}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "id": "b"}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "evidence": []}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "evidence": null}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "evidence": [{"source": "paper", "quote": "minister spoke", "note": "n"}, {"source": "paper"}, {"source": "paper", "quote": " ", "note": " "}]}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "evidence": [{"source": "paper", "quote": "The president resigned"}]}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "evidence": [{"source": "paper", "quote": "minister", "at": 4}, {"source": "paper", "quote": "e", "at": 9}, {"source": "paper", "at": 2}]}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "evidence": [{"source": "paper", "quote": "The president resigned", "at": 3}]}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "evidence": [{"source": "paper", "quote": "minister", "at": 99999999999}, {"source": "paper", "quote": "minister", "at": null}]}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "evidence": [{"source": "paper", "quote": "minister", "at": -1}]}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "evidence": [{"source": "paper", "quote": "minister", "at": 1.5}]}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "evidence": [{"source": "paper", "quote": "minister", "at": "4"}]}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "evidence": [{"source": "other"}]}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "evidence": [{"source": " "}]}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "evidence": [["paper", "minister"]]}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "evidence": [null]}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "evidence": {"source": "paper"}}"#,
            r#"["a", "A", "2024"]"#,
            "null",
            "5",
            // Places, good and bad (a warning, the event kept without it).
            r#"{"id": "a", "title": "A", "start": "2024", "place": {"lat": 49.85, "lon": 36.65, "name": "Chuhuiv", "precision": "town"}}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "place": {"lon": -70, "lat": -33, "name": " ", "precision": " Region ", "x": [1]}}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "place": {"lat": 1e-7, "lon": 180, "name": null, "precision": null}}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "place": null}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "place": {}}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "place": []}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "place": [49.85, 36.65]}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "place": "Kharkiv"}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "place": {"lat": 120.5, "lon": 33.1}}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "place": {"lat": 95, "lon": 120}}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "place": {"lat": 45, "lon": -181}}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "place": {"lat": 0, "lon": 0.0}}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "place": {"lat": "49.85", "lon": 36.65}}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "place": {"lat": 49.85, "lon": null}}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "place": {"lat": 49.85, "lon": 1e400}}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "place": {"lat": 49.85, "lon": 36.65, "precision": "street"}}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "place": {"lat": 49.85, "lon": 36.65, "precision": 2}}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "place": {"lat": 49.85, "lon": 36.65, "name": 5}}"#,
            r#"{"id": "a", "title": "A", "start": "2024", "place": {"lat": 49.85, "lon": 36.65, "lat": 50}}"#,
        ] {
            cases.push(with(source, event));
            cases.push(with(source, &format!("{event}, {event}")));
            cases.push(with(
                source,
                &format!(r#"{event}, {{"id": "z", "title": "Z", "start": "2020"}}"#),
            ));
        }
        // Events before the sources their evidence cites.
        cases.push(
            r#"{"chronoscope": 1, "events": [{"id": "a", "title": "A", "start": "2024", "evidence": [{"source": "paper", "quote": "Tuesday"}]}], "sources": [{"id": "paper", "text": "On Tuesday."}]}"#
                .into(),
        );
        // Repeated ids far apart, and sorting by start, end, file order.
        let many: Vec<String> = (0..BATCH + 10)
            .map(|i| {
                format!(
                    r#"{{"id": "e{}", "title": "T", "start": "{}", "end": "{}"}}"#,
                    if i == BATCH + 5 { 3 } else { i },
                    2000 + i % 7,
                    2010 + i % 3
                )
            })
            .collect();
        cases.push(with("", &many.join(",\n")));
        cases.push(with("", &many[..BATCH + 4].join(",")));
        let read_text = |name: &str| {
            if name == "article.txt" {
                Ok("An article.".to_owned())
            } else {
                Err(std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no such file",
                ))
            }
        };
        for case in &cases {
            check(case, Path::new("odd.json"), &read_text);
        }
    }

    #[test]
    fn cancelling_stops_every_part() {
        let mut buf = Vec::new();
        generate::write(&mut buf, BATCH * 3, 1, GenFormat::Json).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let none = |_: &str| Err(std::io::Error::other("no files"));
        for parts in [1, 4] {
            let progress = Progress::default();
            progress.cancel();
            let result = parse(
                &Arc::new(text.clone()),
                Path::new("gen.json"),
                &none,
                &progress,
                Some(parts),
            );
            assert!(matches!(result, Err(Stop::Cancelled)), "{parts} parts");
        }
        let progress = Progress::default();
        progress.cancel();
        let err = native::parse_with_progress(&text, Path::new("gen.json"), &none, &progress)
            .unwrap_err();
        assert!(
            matches!(err, crate::formats::LoadError::Cancelled { .. }),
            "{err}"
        );
        // A file only the located reader reads is cancelled too.
        let broken = text.replacen("\"start\"", "\"begin\"", 1);
        let err = native::parse_with_progress(&broken, Path::new("gen.json"), &none, &progress)
            .unwrap_err();
        assert!(
            matches!(err, crate::formats::LoadError::Cancelled { .. }),
            "{err}"
        );
    }

    #[test]
    fn progress_reaches_the_end() {
        let mut buf = Vec::new();
        generate::write(&mut buf, BATCH * 2 + 3, 1, GenFormat::Json).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let progress = Progress::new(text.len() as u64);
        let doc = native::parse_with_progress(
            &text,
            Path::new("gen.json"),
            &|_| Err(std::io::Error::other("no files")),
            &progress,
        )
        .unwrap();
        assert_eq!(progress.events(), doc.event_count() as u64);
        assert!(
            progress.bytes() + 8 >= text.len() as u64,
            "{}",
            progress.bytes()
        );
    }
}
