//! Writing a [`Document`] as a native Chronoscope event file.
//!
//! Everything the model holds that the native format can express is written:
//! title, description, category colours, periods, sources (texts inline, so
//! the file stands alone), and events with their places, evidence, links and
//! attributes. Reading the written file gives back the same document (tested
//! below and in `tests/`). [`save`] never overwrites in place: it writes a
//! temporary file next to the target and renames it over the target.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::VERSION;
use crate::model::quote::CharOffsets;
use crate::model::{Date, Document, Event, Evidence, Place, Source};

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_empty_attributes(a: &&crate::model::Attributes) -> bool {
    a.is_empty()
}

#[derive(Serialize)]
struct FileOut<'a> {
    #[serde(flatten)]
    head: HeadOut<'a>,
    sources: Vec<SourceOut<'a>>,
    events: Vec<EventOut<'a>>,
}

/// The top-level fields of a file but its sources and events.
#[derive(Serialize)]
pub(super) struct HeadOut<'a> {
    chronoscope: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    categories: Vec<CategoryOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    periods: Vec<PeriodOut<'a>>,
}

#[derive(Serialize)]
struct CategoryOut<'a> {
    name: &'a str,
    color: String,
}

#[derive(Serialize)]
struct PeriodOut<'a> {
    title: &'a str,
    start: &'a Date,
    end: &'a Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct SourceOut<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'a Date>,
    text: &'a str,
}

#[derive(Serialize)]
pub(super) struct EventOut<'a> {
    id: &'a str,
    title: &'a str,
    start: &'a Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<&'a Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<PlaceOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    links: &'a [String],
    #[serde(skip_serializing_if = "is_empty_attributes")]
    attributes: &'a crate::model::Attributes,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<EvidenceOut<'a>>,
}

/// An event's place (version 3).
#[derive(Serialize)]
pub(super) struct PlaceOut<'a> {
    lat: f64,
    lon: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    precision: Option<&'static str>,
}

impl<'a> PlaceOut<'a> {
    fn of(place: &'a Place) -> Self {
        Self {
            lat: place.lat,
            lon: place.lon,
            name: place.name.as_deref(),
            precision: place.precision.map(crate::model::PlacePrecision::as_str),
        }
    }
}

#[derive(Serialize)]
pub(super) struct EvidenceOut<'a> {
    source: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    quote: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<usize>,
}

/// The keys of [`HeadOut`], then of the sources and events, in the order
/// written.
pub(super) const FILE_KEYS: [&str; 7] = [
    "chronoscope",
    "title",
    "description",
    "categories",
    "periods",
    "sources",
    "events",
];

/// The keys of [`SourceOut`], in the order written.
pub(super) const SOURCE_KEYS: [&str; 7] = [
    "id",
    "title",
    "author",
    "publisher",
    "url",
    "published",
    "text",
];

/// The keys of [`EventOut`], in the order written.
pub(super) const EVENT_KEYS: [&str; 12] = [
    "id",
    "title",
    "start",
    "end",
    "place",
    "category",
    "tags",
    "summary",
    "url",
    "links",
    "attributes",
    "evidence",
];

/// The keys of [`EvidenceOut`], in the order written.
pub(super) const EVIDENCE_KEYS: [&str; 4] = ["source", "quote", "note", "at"];

/// The top-level fields of `doc` as written.
pub(super) fn head_out(doc: &Document) -> HeadOut<'_> {
    HeadOut {
        chronoscope: VERSION,
        title: doc.title.as_deref(),
        description: doc.description.as_deref(),
        categories: doc
            .category_colors
            .iter()
            .map(|(name, [r, g, b])| CategoryOut {
                name,
                color: format!("#{r:02x}{g:02x}{b:02x}"),
            })
            .collect(),
        periods: doc
            .periods
            .iter()
            .map(|p| PeriodOut {
                title: &p.title,
                start: &p.start,
                end: &p.end,
                description: p.description.as_deref(),
            })
            .collect(),
    }
}

/// A source as written: its text inline.
pub(super) fn source_out(s: &Source) -> SourceOut<'_> {
    SourceOut {
        id: &s.id,
        title: &s.title,
        author: s.author.as_deref(),
        publisher: s.publisher.as_deref(),
        url: s.url.as_deref(),
        published: s.published.as_ref(),
        text: &s.text,
    }
}

/// The sources evidence cites, by index, with their character offsets
/// (for an evidence's `at`), each made when first needed.
pub(super) struct Cited<'a> {
    sources: &'a [Source],
    chars: Vec<std::sync::OnceLock<CharOffsets<'a>>>,
}

impl<'a> Cited<'a> {
    pub(super) fn new(sources: &'a [Source]) -> Self {
        Self {
            sources,
            chars: sources.iter().map(|_| std::sync::OnceLock::new()).collect(),
        }
    }

    /// Where `evidence` was taken, in characters: its location's start, else
    /// its hint.
    fn at(&self, evidence: &Evidence) -> Option<usize> {
        let Some(location) = &evidence.location else {
            return evidence.at;
        };
        let (source, chars) = self
            .sources
            .get(evidence.source)
            .zip(self.chars.get(evidence.source))?;
        Some(
            chars
                .get_or_init(|| CharOffsets::new(&source.text))
                .char_of(location.start),
        )
    }
}

/// An event as written; evidence citing no source of `cited` is left out.
pub(super) fn event_out<'a>(e: &'a Event, cited: &'a Cited<'_>) -> EventOut<'a> {
    EventOut {
        id: &e.id,
        title: &e.title,
        start: &e.start,
        end: e.end.as_ref(),
        place: e.place.as_deref().map(PlaceOut::of),
        category: e.category.as_deref(),
        tags: &e.tags,
        summary: e.summary.as_deref(),
        url: e.url.as_deref(),
        links: &e.links,
        attributes: &e.attributes,
        evidence: e
            .evidence
            .iter()
            .filter_map(|ev| evidence_out(ev, cited))
            .collect(),
    }
}

/// An evidence as written; `None` when it cites no source of `cited`.
pub(super) fn evidence_out<'a>(ev: &'a Evidence, cited: &'a Cited<'_>) -> Option<EvidenceOut<'a>> {
    Some(EvidenceOut {
        source: &cited.sources.get(ev.source)?.id,
        quote: &ev.quote,
        note: ev.note.as_deref(),
        at: cited.at(ev),
    })
}

/// The native JSON text of `doc`, pretty-printed, ending with a newline.
#[must_use]
pub fn to_json(doc: &Document) -> String {
    // Events kept as rows are read into events with their own sources first.
    let owned;
    let (doc, events) = if let Some(events) = doc.owned_events() {
        (doc, events)
    } else {
        owned = doc.materialized();
        (&owned, owned.owned_events().unwrap_or_default())
    };
    let cited = Cited::new(&doc.sources);
    let out = FileOut {
        head: head_out(doc),
        sources: doc.sources.iter().map(source_out).collect(),
        events: events.iter().map(|e| event_out(e, &cited)).collect(),
    };
    // Serializing plain strings and maps cannot fail.
    let mut text = serde_json::to_string_pretty(&out).unwrap_or_default();
    text.push('\n');
    text
}

/// Why a file could not be saved.
#[derive(Debug, thiserror::Error)]
#[error("cannot save {}: {source}", path.display())]
pub struct SaveError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// Writes `doc` to `path` as a native file: to a temporary file in the same
/// folder first, then renamed over `path`, so a failed save leaves any
/// existing file intact.
pub fn save(doc: &Document, path: &Path) -> Result<(), SaveError> {
    write_atomically(path, |f| f.write_all(to_json(doc).as_bytes()))
}

/// Why a folder, device or pipe is not written over.
pub(super) fn not_regular() -> std::io::Error {
    std::io::Error::other(
        "it is not a regular file (a folder, a device or a pipe): Chronoscope writes only files",
    )
}

/// Writes `path` with `write`: into a temporary file in the same folder,
/// synced, then renamed over `path`, so that a failed write leaves any
/// existing file intact.
///
/// Only regular files are written: an existing folder, device or pipe at
/// `path` is refused, not replaced by a file (as root, renaming over
/// `/dev/null` would). A link is followed, so the file it leads to is
/// written and the link stays a link.
///
/// # Errors
/// When `path` is not a regular file, or the temporary file cannot be
/// created, written or renamed.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), SaveError> {
    let err = |source| SaveError {
        path: path.to_path_buf(),
        source,
    };
    let target;
    let path = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            target = std::fs::canonicalize(path).map_err(err)?;
            target.as_path()
        }
        _ => path,
    };
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
    {
        return Err(err(not_regular()));
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().map_or_else(
        || "chronoscope".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| {
            write(&mut f)?;
            f.sync_all()
        })
        .and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp); // best effort; the error is what matters
    }
    result.map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn regression_writing_to_a_device_replaces_the_device_node() {
        for path in ["/dev/null", "/tmp"] {
            let e = write_atomically(Path::new(path), |f| f.write_all(b"x")).unwrap_err();
            assert!(e.to_string().contains("not a regular file"), "{e}");
        }
        assert!(std::fs::metadata("/dev/null").is_ok_and(|m| !m.is_file()));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_written_through() {
        let dir = std::env::temp_dir().join(format!("chronoscope-link-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("real.json"), "old").unwrap();
        let _ = std::fs::remove_file(dir.join("link.json"));
        std::os::unix::fs::symlink(dir.join("real.json"), dir.join("link.json")).unwrap();
        write_atomically(&dir.join("link.json"), |f| f.write_all(b"new")).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join("real.json")).unwrap(),
            "new"
        );
        assert!(
            std::fs::symlink_metadata(dir.join("link.json"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
    use crate::formats::native;

    fn reparse(text: &str) -> Document {
        native::parse(text, Path::new("out.json"), &|_| {
            Err(std::io::Error::other("inline texts only"))
        })
        .unwrap()
    }

    /// The parts of a document that a round trip must keep.
    fn comparable(doc: Document) -> Document {
        // Events kept as objects of the text compare as the events they are.
        let mut doc = if doc.rows().is_some() {
            doc.materialized()
        } else {
            doc
        };
        doc.path = None;
        "x".clone_into(&mut doc.name);
        for s in &mut doc.sources {
            s.text_file = None;
        }
        // Warnings are where the written file has what they are about.
        for w in &mut doc.warnings {
            w.location = crate::model::Location::default();
        }
        doc
    }

    #[test]
    fn example_round_trips_value_identical() {
        let doc = crate::example::load().unwrap();
        let again = reparse(&to_json(&doc));
        assert_eq!(comparable(again), comparable(doc));
    }

    #[test]
    fn written_native_file_is_stable() {
        let doc = crate::example::load().unwrap();
        let once = to_json(&doc);
        assert_eq!(to_json(&reparse(&once)), once);
    }

    #[test]
    fn everything_the_format_holds_survives() {
        let text = r##"{
          "chronoscope": 1, "title": "T", "description": "D",
          "categories": [ { "name": "war", "color": "#ff8000" } ],
          "periods": [ { "title": "Era", "start": "-0499", "end": "0100~", "description": "d" } ],
          "sources": [ { "id": "s", "title": "S", "author": "A. Writer", "publisher": "P", "url": "https://e.org", "published": "2001", "text": "Alpha beta gamma. Beta again: beta." } ],
          "events": [
            { "id": "a", "title": "A", "start": "2000-03?", "end": "2000-05-10T05:30+02:00", "category": "war",
              "tags": ["x", "y"], "summary": "sum", "url": "https://a.org", "links": ["https://b.org"],
              "attributes": { "k": "v" }, "place": { "lat": 49.85, "lon": -36.6, "name": "Chuhuiv", "precision": "town" },
              "evidence": [ { "source": "s", "quote": "beta", "note": "n" }, { "source": "s" },
                            { "source": "s", "quote": "beta", "at": 30 }, { "source": "s", "quote": "gone", "at": 7 } ] }
          ]
        }"##;
        let doc = reparse(text);
        let event = doc.event(0).unwrap();
        assert_eq!(event.evidence[1].quote, "");
        // The first "beta", and the one nearest character 30; a hint of a
        // quote not found is kept.
        assert_eq!(event.evidence[0].location, Some(6..10));
        assert_eq!(event.evidence[0].at, Some(6));
        assert_eq!(event.evidence[2].location, Some(30..34));
        assert_eq!(
            (event.evidence[3].location.clone(), event.evidence[3].at),
            (None, Some(7))
        );
        assert_eq!(doc.sources[0].author.as_deref(), Some("A. Writer"));
        assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
        let written = to_json(&doc);
        assert!(written.contains("\"author\": \"A. Writer\""), "{written}");
        assert!(written.contains("\"at\": 30"), "{written}");
        assert!(written.contains("\"at\": 7"), "{written}");
        assert!(
            written.contains(
                "\"place\": {\n        \"lat\": 49.85,\n        \"lon\": -36.6,\n        \"name\": \"Chuhuiv\",\n        \"precision\": \"town\"\n      },"
            ),
            "{written}"
        );
        let again = reparse(&to_json(&doc));
        assert_eq!(comparable(again), comparable(doc));
    }

    #[test]
    fn save_replaces_the_file_atomically() {
        let dir = std::env::temp_dir().join(format!("chronoscope-save-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("out.json");
        std::fs::write(&path, "old").unwrap();
        let doc = crate::example::load().unwrap();
        save(&doc, &path).unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(written.starts_with("{\n  \"chronoscope\": 3"));
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, [std::ffi::OsString::from("out.json")]);
        // A folder that does not exist: an error, no panic, nothing written.
        assert!(save(&doc, &dir.join("missing/out.json")).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// An event drawn at random: any title, a date at any precision, an
    /// optional later end, a category, tags, a summary and attributes.
    fn any_event() -> impl proptest::strategy::Strategy<Value = crate::model::Event> {
        use crate::model::{Date, DateParts, Event, TimeParts};
        use proptest::prelude::*;
        let date = (
            -9_999_i64..=9_999,
            1_u32..=12,
            1_u32..=28,
            0_u32..=23,
            0_u32..=59,
            0_u8..=3,
        )
            .prop_map(|(year, month, day, hour, minute, precision)| {
                let parts = match precision {
                    0 => DateParts::year(year),
                    1 => DateParts {
                        year,
                        month: Some(month),
                        ..DateParts::default()
                    },
                    2 => DateParts::day(year, month, day),
                    _ => DateParts {
                        time: Some(TimeParts {
                            hour,
                            minute,
                            ..TimeParts::default()
                        }),
                        ..DateParts::day(year, month, day)
                    },
                };
                Date::from_parts(parts).unwrap()
            });
        (
            "[^\\p{C}]{1,24}",
            date,
            proptest::option::of(1_i64..=500),
            proptest::option::of("[a-z]{1,8}"),
            proptest::collection::vec("[a-z]{1,6}", 0..3),
            proptest::option::of("[^\\p{C}]{1,40}"),
            proptest::collection::btree_map("[a-z]{1,6}", "[^\\p{C}]{0,12}", 0..3),
            proptest::option::of(any_place()),
        )
            .prop_map(
                |(title, start, later, category, tags, summary, attributes, place)| {
                    let mut event =
                        Event::new(String::new(), title.trim().to_owned(), start.clone());
                    if event.title.is_empty() {
                        "t".clone_into(&mut event.title);
                    }
                    event.end = later.map(|years| {
                        Date::from_parts(DateParts::year(start.year + years)).unwrap()
                    });
                    event.category = category;
                    let mut tags = tags;
                    tags.sort();
                    tags.dedup();
                    event.tags = tags;
                    event.summary = summary
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty());
                    for (k, v) in attributes {
                        event.attributes.insert(&k, v);
                    }
                    event.place = place.map(Box::new);
                    event
                },
            )
    }

    /// A place anywhere on the globe, to the millionth of a degree (finer
    /// than any source gives), perhaps named, perhaps with a precision.
    fn any_place() -> impl proptest::strategy::Strategy<Value = crate::model::Place> {
        use crate::model::{Place, PlacePrecision};
        use proptest::prelude::*;
        (
            -90_000_000_i32..=90_000_000,
            -180_000_000_i32..=180_000_000,
            proptest::option::of("[^\\p{C}]{0,16}"),
            proptest::option::of(0_usize..4),
        )
            .prop_filter("0, 0 is no place", |(lat, lon, ..)| (*lat, *lon) != (0, 0))
            .prop_map(|(lat, lon, name, precision)| {
                let mut place = Place::checked(f64::from(lat) / 1e6, f64::from(lon) / 1e6)
                    .unwrap()
                    .named(name);
                place.precision = precision.map(|p| {
                    [
                        PlacePrecision::Exact,
                        PlacePrecision::Town,
                        PlacePrecision::Region,
                        PlacePrecision::Country,
                    ][p]
                });
                place
            })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Whatever a document holds, saving it and opening the file gives
        /// it back.
        #[test]
        fn save_and_load_round_trip(events in proptest::collection::vec(any_event(), 0..12)) {
            let mut builder = crate::model::DocumentBuilder {
                title: Some("Round trip".to_owned()),
                format: "Chronoscope JSON".to_owned(),
                ..crate::model::DocumentBuilder::default()
            };
            for (i, mut event) in events.into_iter().enumerate() {
                event.id = format!("e{i}");
                builder.events.push(event);
            }
            let doc = builder.build();
            let again = reparse(&to_json(&doc));
            proptest::prop_assert!(again.warnings.is_empty(), "{:?}", again.warnings);
            proptest::prop_assert_eq!(comparable(again), comparable(doc));
        }
    }
}
