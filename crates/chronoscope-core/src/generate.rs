//! Deterministic synthetic chronologies, for benchmarks, tests and people
//! trying the app at scale: `chronoscope generate --events N --seed S`.
//!
//! The events have the shape of conflict-event data sets (ACLED, UCDP): a
//! date over twenty years, an event type (the category), actors, a place
//! with coordinates, fatalities, a source and a notes text of about 200
//! characters; about fifteen columns. The places cluster as such data
//! does: around three dozen towns, a few of them (which ones depends on the
//! seed) with most of the events, each event a few kilometres from its
//! town. The same seed always gives the same bytes: the generator is a
//! small `SplitMix64`, so output does not depend on a random-number crate's
//! version.

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
/// The towns events happen around: name, country, latitude, longitude.
const TOWNS: &[(&str, &str, f64, f64)] = &[
    ("Kharkiv", "Ukraine", 49.99, 36.23),
    ("Donetsk", "Ukraine", 48.00, 37.80),
    ("Mariupol", "Ukraine", 47.10, 37.55),
    ("Kherson", "Ukraine", 46.64, 32.61),
    ("Aleppo", "Syria", 36.20, 37.13),
    ("Idlib", "Syria", 35.93, 36.63),
    ("Homs", "Syria", 34.73, 36.71),
    ("Deir ez-Zor", "Syria", 35.34, 40.14),
    ("Mosul", "Iraq", 36.34, 43.13),
    ("Fallujah", "Iraq", 33.35, 43.78),
    ("Baghdad", "Iraq", 33.31, 44.37),
    ("Goma", "DR Congo", -1.68, 29.22),
    ("Bunia", "DR Congo", 1.56, 30.25),
    ("Beni", "DR Congo", 0.49, 29.47),
    ("Mogadishu", "Somalia", 2.05, 45.32),
    ("Kismayo", "Somalia", -0.36, 42.55),
    ("Kabul", "Afghanistan", 34.53, 69.17),
    ("Kandahar", "Afghanistan", 31.63, 65.71),
    ("Kunduz", "Afghanistan", 36.73, 68.86),
    ("Bamako", "Mali", 12.64, -8.00),
    ("Gao", "Mali", 16.27, -0.04),
    ("Mopti", "Mali", 14.49, -4.20),
    ("Sanaa", "Yemen", 15.37, 44.19),
    ("Aden", "Yemen", 12.79, 45.02),
    ("Taiz", "Yemen", 13.58, 44.02),
    ("Hodeidah", "Yemen", 14.80, 42.95),
    ("Maiduguri", "Nigeria", 11.85, 13.16),
    ("Khartoum", "Sudan", 15.50, 32.56),
    ("El Fasher", "Sudan", 13.63, 25.35),
    ("Juba", "South Sudan", 4.85, 31.58),
    ("Tripoli", "Libya", 32.89, 13.19),
    ("Benghazi", "Libya", 32.12, 20.09),
    ("Ouagadougou", "Burkina Faso", 12.37, -1.52),
    ("Pemba", "Mozambique", -12.97, 40.52),
    ("Myitkyina", "Myanmar", 25.38, 97.40),
    ("Medellín", "Colombia", 6.24, -75.58),
];

/// How far from its town an event happens, at most, in degrees of latitude
/// (0.1° is about 11 km); most are much nearer.
const SPREAD: f64 = 0.12;

/// The towns of a seed, busiest first, and the generator that places
/// events near them. Apart from the generator of the other fields, so
/// that places do not change the dates, types and texts a seed gives.
struct Centres {
    /// Indices of [`TOWNS`], in an order the seed chooses.
    order: Vec<usize>,
    rng: SplitMix64,
}

impl Centres {
    fn new(seed: u64) -> Self {
        let mut rng = SplitMix64::new(seed ^ 0x9_1ACE_5EED);
        let mut order: Vec<usize> = (0..TOWNS.len()).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i as u64 + 1) as usize);
        }
        Self { order, rng }
    }

    /// The town of a draw `u` of the other generator: the busiest towns
    /// most often (the rank of a uniform draw cubed: the first town gets
    /// about three events in ten, the first six more than half, the last
    /// about one in a hundred).
    fn town(&self, u: u64) -> (&'static str, &'static str, f64, f64) {
        let x = (u >> 11) as f64 / (1_u64 << 53) as f64;
        let rank = (x * x * x * self.order.len() as f64) as usize;
        TOWNS[self.order[rank.min(self.order.len() - 1)]]
    }

    /// A point near `lat`, `lon` (within [`SPREAD`], nearer more often),
    /// to four decimals (about ten metres), as data sets write them.
    fn near(&mut self, lat: f64, lon: f64) -> (f64, f64) {
        let mut offset = || {
            let sum: f64 = (0..3)
                .map(|_| self.rng.below(2_001) as f64 / 1_000.0 - 1.0)
                .sum();
            sum / 3.0 * SPREAD
        };
        let north = offset();
        // A degree of longitude is shorter away from the equator.
        let east = offset() / lat.to_radians().cos().max(0.2);
        let round = |d: f64| (d * 10_000.0).round() / 10_000.0;
        (round(lat + north), round(lon + east))
    }
}
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
    latitude: f64,
    longitude: f64,
    fatalities: u64,
    source: &'static str,
    source_url: String,
    tags: String,
    notes: String,
}

/// The first day of the generated span (2005-01-01) in days since 1970.
const FIRST_DAY: i64 = 12_784;
const SPAN_DAYS: u64 = 20 * 365;

fn row(rng: &mut SplitMix64, centres: &mut Centres, i: usize) -> Row {
    let days = FIRST_DAY + rng.below(SPAN_DAYS) as i64;
    let (y, m, d) = crate::calendar::civil_from_days(days);
    let (location, country, lat, lon) = centres.town(rng.next_u64());
    let (latitude, longitude) = centres.near(lat, lon);
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
        latitude,
        longitude,
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
    place: NativePlace<'a>,
    category: &'a str,
    tags: Vec<&'a str>,
    summary: &'a str,
    url: &'a str,
    attributes: std::collections::BTreeMap<&'static str, String>,
}

/// An event's place, as the native format writes it (version 3).
#[derive(Serialize)]
struct NativePlace<'a> {
    lat: f64,
    lon: f64,
    name: &'a str,
}

fn native(row: &Row) -> NativeEvent<'_> {
    let mut attributes = std::collections::BTreeMap::new();
    attributes.insert("actor1", row.actor1.to_owned());
    attributes.insert("actor2", row.actor2.to_owned());
    attributes.insert("country", row.country.to_owned());
    attributes.insert("fatalities", row.fatalities.to_string());
    attributes.insert("source", row.source.to_owned());
    NativeEvent {
        id: &row.event_id,
        title: format!("{} – {}, {}", row.event_type, row.location, row.country),
        start: &row.event_date,
        place: NativePlace {
            lat: row.latitude,
            lon: row.longitude,
            name: row.location,
        },
        category: row.event_type,
        tags: row.tags.split(';').collect(),
        summary: &row.notes,
        url: &row.source_url,
        attributes,
    }
}

/// `events` synthetic events in memory, lean: an id, a title, a day, a
/// category and a place (coordinates without a name) each, spread over the
/// same twenty years, six event types and towns as the written files. For frame benchmarks and scale tests that need
/// millions of events without the cost of parsing them.
#[must_use]
pub fn document(events: usize, seed: u64) -> crate::model::Document {
    builder(events, seed).build()
}

/// The events of [`document`] in file order, not yet built: for tests that
/// change them before they are sorted and indexed.
#[must_use]
pub fn builder(events: usize, seed: u64) -> crate::model::DocumentBuilder {
    use crate::model::{Date, Event, Place, Precision};
    let mut rng = SplitMix64::new(seed);
    let mut centres = Centres::new(seed);
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
        let (location, _, lat, lon) = centres.town(rng.next_u64());
        let (lat, lon) = centres.near(lat, lon);
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
        event.place = Place::checked(lat, lon).ok().map(Box::new);
        doc.events.push(event);
    }
    doc
}

/// Writes `events` synthetic events in `format` to `out`.
pub fn write(out: impl Write, events: usize, seed: u64, format: GenFormat) -> io::Result<()> {
    let mut rng = SplitMix64::new(seed);
    let mut centres = Centres::new(seed);
    let mut out = io::BufWriter::with_capacity(1 << 20, out);
    match format {
        GenFormat::Csv => {
            let mut w = ::csv::Writer::from_writer(&mut out);
            for i in 0..events {
                w.serialize(row(&mut rng, &mut centres, i))
                    .map_err(io::Error::other)?;
            }
            w.flush()?;
        }
        GenFormat::Jsonl => {
            for i in 0..events {
                let r = row(&mut rng, &mut centres, i);
                serde_json::to_writer(&mut out, &native(&r))?;
                out.write_all(b"\n")?;
            }
        }
        GenFormat::Json => {
            // Version 3: the events have places.
            out.write_all(b"{\n  \"chronoscope\": 3,\n  \"title\": \"Synthetic conflict events\",\n  \"events\": [\n")?;
            for i in 0..events {
                if i > 0 {
                    out.write_all(b",\n")?;
                }
                out.write_all(b"    ")?;
                let r = row(&mut rng, &mut centres, i);
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
            let placed = doc.iter_events().filter(|e| e.place.is_some()).count();
            assert_eq!(placed, 300, "{name}: every event has a place");
            let named = doc
                .iter_events()
                .filter(|e| e.place.as_ref().is_some_and(|p| p.name.is_some()))
                .count();
            assert_eq!(named, 300, "{name}: and its town's name");
        }
        // The native file is version 3, which has places.
        assert!(generated(GenFormat::Json, 1, 1).contains("\"chronoscope\": 3,"));
    }

    #[test]
    fn places_cluster_around_towns_that_the_seed_makes_busy() {
        let busiest = |seed: u64| {
            let doc = document(20_000, seed);
            let mut near = vec![0_usize; TOWNS.len()];
            for event in doc.iter_events() {
                let place = event.place.clone().expect("every event has a place");
                // Each event is near one town, within the spread.
                let town = TOWNS
                    .iter()
                    .position(|&(_, _, lat, lon)| {
                        (place.lat - lat).abs() <= SPREAD
                            && (place.lon - lon).abs() <= SPREAD / lat.to_radians().cos().max(0.2)
                    })
                    .expect("near a town");
                near[town] += 1;
            }
            // A few towns have most events; every town has some.
            let mut counts = near.clone();
            counts.sort_unstable_by(|a, b| b.cmp(a));
            assert!(counts[..6].iter().sum::<usize>() > 20_000 / 2, "{counts:?}");
            assert!(counts.iter().all(|&n| n > 0), "{counts:?}");
            near.iter()
                .enumerate()
                .max_by_key(|(_, n)| **n)
                .map(|(i, _)| i)
        };
        assert_eq!(busiest(1), busiest(1));
        let towns: std::collections::BTreeSet<_> = (1..6).map(busiest).collect();
        assert!(
            towns.len() > 1,
            "the seed chooses the busy towns: {towns:?}"
        );
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
