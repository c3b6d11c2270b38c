//! Writing events as a CSV table, for spreadsheets and reports (File > Export
//! as CSV…, `chronoscope export`): one row per event, in time order, with
//! the dates as written, the evidence's source and quote, the place (when
//! any event has one), and every other field as its own column. Chronoscope
//! reads the table back with the same dates, titles, categories, tags,
//! texts, links and places.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

use super::native::write::{SaveError, write_atomically};
use crate::model::{Document, EventRef};

/// The columns every export has, in order; the events' other fields follow,
/// sorted by name.
pub const COLUMNS: [&str; 13] = [
    "id",
    "start",
    "end",
    "title",
    "category",
    "tags",
    "description",
    "url",
    "sources",
    "source_title",
    "source_publisher",
    "source_url",
    "quote",
];

/// The columns of an event's place, after [`COLUMNS`], when any event has
/// one: the names the CSV importer reads a place from.
pub const PLACE_COLUMNS: [&str; 4] = ["latitude", "longitude", "place", "place_precision"];

/// Writes the events of `doc` to `out` as CSV (or, with `b'\t'`, TSV).
///
/// # Errors
/// When `out` cannot be written.
pub fn write_csv<W: Write>(doc: &Document, out: W, delimiter: u8) -> std::io::Result<()> {
    // The other fields' names, and whether any event has a place: one pass
    // over the events first.
    let mut names = BTreeSet::new();
    let mut places = false;
    for event in doc.iter_events() {
        places |= event.place.is_some();
        for (name, _) in &event.attributes {
            if !names.contains(name) {
                names.insert(name.to_owned());
            }
        }
    }
    let names: Vec<String> = names.into_iter().collect();
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(out);
    let place_columns: &[&str] = if places { &PLACE_COLUMNS } else { &[] };
    let header = COLUMNS
        .iter()
        .chain(place_columns)
        .map(|c| (*c).to_owned())
        .chain(names.iter().map(|n| {
            if COLUMNS.contains(&n.as_str()) || place_columns.contains(&n.as_str()) {
                // An imported column with a name of ours keeps its values apart.
                format!("{n} (field)")
            } else {
                n.clone()
            }
        }));
    writer.write_record(header).map_err(std::io::Error::other)?;
    let mut row: Vec<String> =
        Vec::with_capacity(COLUMNS.len() + place_columns.len() + names.len());
    for event in doc.iter_events() {
        row.clear();
        row.extend(fixed_columns(doc, &event));
        if places {
            row.extend(place_of(&event));
        }
        row.extend(
            names
                .iter()
                .map(|n| event.attributes.get(n).unwrap_or_default().to_owned()),
        );
        writer.write_record(&row).map_err(std::io::Error::other)?;
    }
    writer.flush()
}

/// The values of [`COLUMNS`] for `event`.
fn fixed_columns(doc: &Document, event: &EventRef<'_>) -> [String; 13] {
    let evidence = event.evidence.first();
    let source = evidence.and_then(|e| event.source(doc, e));
    // An event whose evidence is a whole text (a spreadsheet row's notes)
    // has that text as its description.
    let description = event.summary.clone().unwrap_or_else(|| {
        evidence
            .filter(|e| e.quote.trim().is_empty())
            .and(source)
            .map(|s| s.text.clone())
            .unwrap_or_default()
    });
    let mut links = event.links.clone();
    if let Some(url) = &event.url
        && !links.contains(url)
    {
        links.insert(0, url.clone());
    }
    [
        event.id.clone(),
        event.start.to_string(),
        event
            .end
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        event.title.clone(),
        event.category.clone().unwrap_or_default(),
        event.tags.join("; "),
        description,
        event.url.clone().unwrap_or_default(),
        links.join("; "),
        source.map(|s| s.title.clone()).unwrap_or_default(),
        source.and_then(|s| s.publisher.clone()).unwrap_or_default(),
        source.and_then(|s| s.url.clone()).unwrap_or_default(),
        evidence.map(|e| e.quote.clone()).unwrap_or_default(),
    ]
}

/// The values of [`PLACE_COLUMNS`] for `event`: degrees as the shortest
/// decimals that read back as the same numbers; all empty without a place.
fn place_of(event: &EventRef<'_>) -> [String; 4] {
    let Some(place) = &event.place else {
        return Default::default();
    };
    [
        place.lat.to_string(),
        place.lon.to_string(),
        place.name.clone().unwrap_or_default(),
        place
            .precision
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default(),
    ]
}

/// Writes the events of `doc` to `path` as CSV, or TSV when the name ends
/// in `.tsv` or `.tab`: to a temporary file in the same folder first, then
/// renamed over `path`, so a failed export leaves any existing file intact.
///
/// # Errors
/// When the folder or file cannot be written.
pub fn save(doc: &Document, path: &Path) -> Result<(), SaveError> {
    let tab = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv") || e.eq_ignore_ascii_case("tab"));
    write_atomically(path, |file| {
        let mut out = std::io::BufWriter::new(file);
        write_csv(doc, &mut out, if tab { b'\t' } else { b',' })?;
        out.flush()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::ImportOptions;

    fn export(doc: &Document) -> String {
        let mut out = Vec::new();
        write_csv(doc, &mut out, b',').unwrap();
        String::from_utf8(out).unwrap()
    }

    fn reimport(text: &str) -> Document {
        crate::formats::csv::parse(text, Path::new("export.csv"), &ImportOptions::default())
            .unwrap()
    }

    #[test]
    fn the_example_exports_its_dates_as_written_sources_and_quotes() {
        let doc = crate::example::load().unwrap();
        let text = export(&doc);
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some(
                "id,start,end,title,category,tags,description,url,sources,\
                 source_title,source_publisher,source_url,quote"
            )
        );
        assert_eq!(text.lines().count(), 8, "{text}");
        assert!(text.contains("treaty,2024-06-19,,Putin and Kim Jong-un sign a mutual defense treaty in Pyongyang,diplomacy,treaty; summit; Russia; North Korea,"), "{text}");
        assert!(
            text.contains(",culminating in a treaty signed by Russian President"),
            "{text}"
        );
        assert!(text.contains("2022-09~,2024-10"), "{text}");
    }

    #[test]
    fn an_export_reads_back_as_the_same_events() {
        let doc = crate::example::load().unwrap();
        let again = reimport(&export(&doc));
        assert!(again.warnings.is_empty(), "{:?}", again.warnings);
        let a: Vec<_> = doc.iter_events().collect();
        let b: Vec<_> = again.iter_events().collect();
        assert_eq!(a.len(), b.len());
        for (a, b) in a.iter().zip(&b) {
            assert_eq!(a.id, b.id);
            assert_eq!(a.title, b.title);
            assert_eq!(a.start, b.start, "{}", a.id);
            assert_eq!(a.end, b.end, "{}", a.id);
            assert_eq!(a.category, b.category);
            assert_eq!(a.tags, b.tags);
        }
        assert_eq!(again.lanes(), doc.lanes());
    }

    #[test]
    fn a_column_named_like_one_of_ours_keeps_its_values_apart() {
        let doc = reimport("date,title,quote\n2024-06-19,Summit,\"words\"\n");
        let text = export(&doc);
        assert!(
            text.lines()
                .next()
                .unwrap()
                .ends_with(",quote,quote (field)"),
            "{text}"
        );
        assert!(text.lines().nth(1).unwrap().ends_with(",,words"), "{text}");
    }

    #[test]
    fn places_are_written_and_read_back() {
        use crate::model::{Place, PlacePrecision};
        let text = include_str!("../../../../tests/data/places.json");
        let doc = crate::formats::native::parse(text, Path::new("places.json"), &|_| {
            Err(std::io::Error::other("no files"))
        })
        .unwrap();
        let exported = export(&doc);
        let mut lines = exported.lines();
        assert_eq!(
            lines.next(),
            Some(
                "id,start,end,title,category,tags,description,url,sources,source_title,\
                 source_publisher,source_url,quote,latitude,longitude,place,place_precision"
            )
        );
        assert_eq!(
            lines.next(),
            Some(
                "crossing,2022-09-06,,River crossing reported,movement,,,,,,,,,49.85,36.65,Chuhuiv,town"
            )
        );
        assert!(exported.contains(",-33.45,-70.67,,\n"), "{exported}");
        assert!(exported.contains("Announcement without a place,statement,,,,,,,,,,,,\n"));
        let again = reimport(&exported);
        assert!(again.warnings.is_empty(), "{:?}", again.warnings);
        let places = |d: &Document| -> Vec<(String, Option<Place>)> {
            d.iter_events()
                .map(|e| (e.id.clone(), e.place.as_deref().cloned()))
                .collect()
        };
        assert_eq!(places(&again), places(&doc));
        // No place column is an attribute, and an attribute named like one
        // keeps its values apart.
        assert!(again.iter_events().all(|e| e.attributes.is_empty()));
        let mut builder = crate::model::DocumentBuilder::default();
        let mut event =
            crate::model::Event::new("a", "A", crate::model::Date::parse("2024").unwrap());
        event.place = Some(Box::new(Place {
            precision: Some(PlacePrecision::Country),
            ..Place::checked(1e-7, -179.999_999_9).unwrap()
        }));
        event.attributes.insert("place", "a note");
        builder.events.push(event);
        let doc = builder.build();
        let exported = export(&doc);
        assert!(
            exported.ends_with(
                ",latitude,longitude,place,place_precision,place (field)\n\
                 a,2024,,A,,,,,,,,,,0.0000001,-179.9999999,,country,a note\n"
            ),
            "{exported}"
        );
        let again = reimport(&exported);
        assert_eq!(places(&again), places(&doc));
    }

    #[test]
    fn a_spreadsheet_round_trips_its_texts_links_and_other_columns() {
        let table = "id,date,title,notes,type,source,url,actor,fatalities\n\
                     a1,2024-06-19,Summit,\"Leaders met.\nA treaty was signed.\",diplomacy,\
                     Yonhap; https://example.org/y,https://example.org/a,\"Russia, DPRK\",0\n\
                     a2,2024-10,Strike,,military,,,Ukraine,6\n";
        let doc = reimport(table);
        let text = export(&doc);
        assert!(
            text.starts_with(
                "id,start,end,title,category,tags,description,url,sources,source_title,\
             source_publisher,source_url,quote,actor,fatalities,source\n"
            ),
            "{text}"
        );
        let again = reimport(&text);
        let a1 = again.event(again.event_by_id("a1").unwrap()).unwrap();
        assert_eq!(a1.title, "Summit");
        assert_eq!(a1.links, ["https://example.org/a", "https://example.org/y"]);
        assert_eq!(a1.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(a1.attributes.get("actor"), Some("Russia, DPRK"));
        assert_eq!(a1.attributes.get("fatalities"), Some("0"));
        assert_eq!(a1.attributes.get("source"), Some("Yonhap"));
        let text_of = a1.source(&again, &a1.evidence[0]).unwrap().text.clone();
        assert_eq!(text_of, "Leaders met.\nA treaty was signed.");
        let a2 = again.event(again.event_by_id("a2").unwrap()).unwrap();
        assert_eq!(a2.start.to_string(), "2024-10");
        assert_eq!(a2.category.as_deref(), Some("military"));
    }
}
