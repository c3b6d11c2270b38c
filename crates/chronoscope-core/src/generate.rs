//! Deterministic synthetic chronologies, for benchmarks, tests and people
//! trying the app at scale: `chronoscope generate --events N --seed S`.
//!
//! The events have the shape of conflict-event data sets (ACLED, UCDP): a
//! date over twenty years, an event type (the category), actors, a place
//! with coordinates, fatalities, a source and a notes text of about 200
//! characters; about fifteen columns. The same seed always gives the same
//! bytes: the generator is a small `SplitMix64`, so output does not depend on
//! a random-number crate's version.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

/// A tiny deterministic random-number generator (`SplitMix64`).
pub struct SplitMix64(u64);

impl SplitMix64 {
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// Output formats of `generate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenFormat {
    Csv,
    Json,
    Jsonl,
}

const TYPES: &[&str] = &[
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
];
const ACTORS: &[&str] = &[
    "Military Forces",
    "Police Forces",
    "Rebel Group",
    "Militia",
    "Unidentified Armed Group",
    "Protesters",
    "Civilians",
];
const PLACES: &[(&str, &str, f64, f64)] = &[
    ("Kharkiv", "Ukraine", 49.99, 36.23),
    ("Aleppo", "Syria", 36.20, 37.13),
    ("Mosul", "Iraq", 36.34, 43.13),
    ("Goma", "DR Congo", -1.68, 29.22),
    ("Mogadishu", "Somalia", 2.05, 45.32),
    ("Kabul", "Afghanistan", 34.53, 69.17),
    ("Bamako", "Mali", 12.64, -8.00),
    ("Sanaa", "Yemen", 15.37, 44.19),
];
const SOURCES: &[&str] = &[
    "Reuters",
    "AFP",
    "Local media",
    "NGO report",
    "Government statement",
];
const WORDS: &[&str] = &[
    "clashes",
    "reported",
    "between",
    "forces",
    "near",
    "the",
    "town",
    "of",
    "after",
    "an",
    "attack",
    "on",
    "a",
    "checkpoint",
    "several",
    "people",
    "were",
    "injured",
    "according",
    "to",
    "local",
    "sources",
    "and",
    "witnesses",
    "who",
    "said",
    "fighting",
    "continued",
    "into",
    "evening",
    "while",
    "residents",
    "fled",
    "toward",
    "nearby",
    "villages",
];

/// One generated event, in the columns of the CSV.
#[derive(Serialize)]
struct Row {
    event_id: String,
    event_date: String,
    year: i32,
    event_type: &'static str,
    actor1: &'static str,
    actor2: &'static str,
    country: &'static str,
    location: &'static str,
    latitude: String,
    longitude: String,
    fatalities: u64,
    source: &'static str,
    source_url: String,
    tags: String,
    notes: String,
}

/// The first day of the generated span (2005-01-01) in days since 1970.
const FIRST_DAY: i64 = 12_784;
const SPAN_DAYS: u64 = 20 * 365;

fn row(rng: &mut SplitMix64, i: usize) -> Row {
    let days = FIRST_DAY + rng.below(SPAN_DAYS) as i64;
    let (y, m, d) = crate::calendar::civil_from_days(days);
    let (location, country, lat, lon) = PLACES[rng.below(PLACES.len() as u64) as usize];
    let jitter = |rng: &mut SplitMix64| (rng.below(2000) as f64 - 1000.0) / 10_000.0;
    let mut notes = String::with_capacity(220);
    let month = crate::calendar::MONTH_NAMES[(m - 1) as usize];
    let _ = write!(notes, "On {d} {month} {y}, ");
    while notes.len() < 200 {
        notes.push_str(rng.pick(WORDS));
        notes.push(' ');
    }
    notes.push_str(location);
    notes.push('.');
    Row {
        event_id: format!("GEN{i:07}"),
        event_date: format!("{y:04}-{m:02}-{d:02}"),
        year: y as i32,
        event_type: rng.pick(TYPES),
        actor1: rng.pick(ACTORS),
        actor2: rng.pick(ACTORS),
        country,
        location,
        latitude: format!("{:.4}", lat + jitter(rng)),
        longitude: format!("{:.4}", lon + jitter(rng)),
        fatalities: rng.below(10) * rng.below(4),
        source: rng.pick(SOURCES),
        source_url: format!("https://example.org/reports/{i}"),
        tags: format!(
            "{};{}",
            country.to_ascii_lowercase(),
            rng.pick(&["verified", "unverified"])
        ),
        notes,
    }
}

/// The native-format event for a row (JSON and JSON Lines output).
#[derive(Serialize)]
struct NativeEvent<'a> {
    id: &'a str,
    title: String,
    start: &'a str,
    category: &'a str,
    tags: Vec<&'a str>,
    summary: &'a str,
    url: &'a str,
    attributes: std::collections::BTreeMap<&'static str, String>,
}

fn native(row: &Row) -> NativeEvent<'_> {
    let mut attributes = std::collections::BTreeMap::new();
    attributes.insert("actor1", row.actor1.to_owned());
    attributes.insert("actor2", row.actor2.to_owned());
    attributes.insert("country", row.country.to_owned());
    attributes.insert("location", row.location.to_owned());
    attributes.insert("latitude", row.latitude.clone());
    attributes.insert("longitude", row.longitude.clone());
    attributes.insert("fatalities", row.fatalities.to_string());
    attributes.insert("source", row.source.to_owned());
    NativeEvent {
        id: &row.event_id,
        title: format!("{} – {}, {}", row.event_type, row.location, row.country),
        start: &row.event_date,
        category: row.event_type,
        tags: row.tags.split(';').collect(),
        summary: &row.notes,
        url: &row.source_url,
        attributes,
    }
}

/// `events` synthetic events in memory, lean: an id, a title, a day and a
/// category each, spread over the same twenty years and six event types as
/// the written files. For frame benchmarks and scale tests that need
/// millions of events without the cost of parsing them.
#[must_use]
pub fn document(events: usize, seed: u64) -> crate::model::Document {
    builder(events, seed).build()
}

/// The events of [`document`] in file order, not yet built: for tests that
/// change them before they are sorted and indexed.
#[must_use]
pub fn builder(events: usize, seed: u64) -> crate::model::DocumentBuilder {
    use crate::model::{Date, Event, Precision};
    let mut rng = SplitMix64::new(seed);
    let mut doc = crate::model::DocumentBuilder {
        name: format!("{events} generated events"),
        format: "generated".to_owned(),
        ..crate::model::DocumentBuilder::default()
    };
    doc.events.reserve(events);
    for i in 0..events {
        let days = FIRST_DAY + rng.below(SPAN_DAYS) as i64;
        let (year, month, day) = crate::calendar::civil_from_days(days);
        let kind = rng.pick(TYPES);
        let (location, ..) = PLACES[rng.below(PLACES.len() as u64) as usize];
        let start = Date {
            year,
            month,
            day,
            hour: 0,
            minute: 0,
            second: 0,
            nanosecond: 0,
            offset_minutes: None,
            precision: Precision::Day,
            approximate: false,
            uncertain: false,
        };
        let mut event = Event::new(format!("GEN{i:07}"), format!("{kind} – {location}"), start);
        event.category = Some(kind.to_owned());
        doc.events.push(event);
    }
    doc
}

/// Writes `events` synthetic events in `format` to `out`.
pub fn write(out: impl Write, events: usize, seed: u64, format: GenFormat) -> io::Result<()> {
    let mut rng = SplitMix64::new(seed);
    let mut out = io::BufWriter::with_capacity(1 << 20, out);
    match format {
        GenFormat::Csv => {
            let mut w = ::csv::Writer::from_writer(&mut out);
            for i in 0..events {
                w.serialize(row(&mut rng, i)).map_err(io::Error::other)?;
            }
            w.flush()?;
        }
        GenFormat::Jsonl => {
            for i in 0..events {
                let r = row(&mut rng, i);
                serde_json::to_writer(&mut out, &native(&r))?;
                out.write_all(b"\n")?;
            }
        }
        GenFormat::Json => {
            out.write_all(b"{\n  \"chronoscope\": 1,\n  \"title\": \"Synthetic conflict events\",\n  \"events\": [\n")?;
            for i in 0..events {
                if i > 0 {
                    out.write_all(b",\n")?;
                }
                out.write_all(b"    ")?;
                let r = row(&mut rng, i);
                serde_json::to_writer(&mut out, &native(&r))?;
            }
            out.write_all(b"\n  ]\n}\n")?;
        }
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{self, ImportOptions};
    use std::path::Path;

    fn generated(format: GenFormat, events: usize, seed: u64) -> String {
        let mut buf = Vec::new();
        write(&mut buf, events, seed, format).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn in_memory_documents_are_deterministic_and_sorted() {
        let a = document(500, 3);
        assert_eq!(a, document(500, 3));
        assert_ne!(a, document(500, 4));
        assert_eq!(a.owned_events().map(<[_]>::len), Some(500));
        assert_eq!(a.lanes().len(), TYPES.len());
        assert!(a.event_times().windows(2).all(|w| w[0].0 <= w[1].0));
        let (t0, t1) = a.time_range().unwrap();
        assert!(t1 - t0 > 15.0 * 365.0 * 86_400.0, "spread over the years");
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        assert_eq!(
            generated(GenFormat::Csv, 50, 7),
            generated(GenFormat::Csv, 50, 7)
        );
        assert_ne!(
            generated(GenFormat::Csv, 50, 7),
            generated(GenFormat::Csv, 50, 8)
        );
    }

    #[test]
    fn every_format_loads_with_all_its_events() {
        for (format, name) in [
            (GenFormat::Csv, "gen.csv"),
            (GenFormat::Json, "gen.json"),
            (GenFormat::Jsonl, "gen.jsonl"),
        ] {
            let text = generated(format, 300, 1);
            let doc = formats::parse(&text, Path::new(name), &ImportOptions::default()).unwrap();
            assert_eq!(doc.event_count(), 300, "{name}");
            assert!(
                doc.warnings.is_empty(),
                "{name}: {:?}",
                doc.warnings.first()
            );
            assert!(doc.lanes().len() >= 5, "{name}: categories make lanes");
        }
    }

    #[test]
    fn rows_have_the_conflict_data_shape() {
        let text = generated(GenFormat::Csv, 20, 3);
        let header = text.lines().next().unwrap();
        assert_eq!(header.split(',').count(), 15);
        let mut rdr = ::csv::Reader::from_reader(text.as_bytes());
        for record in rdr.records() {
            let record = record.unwrap();
            let notes = record.get(14).unwrap();
            assert!((200..260).contains(&notes.len()), "{notes}");
            let date = crate::model::Date::parse(record.get(1).unwrap()).unwrap();
            assert!((2005..2025).contains(&date.year));
        }
    }
}
