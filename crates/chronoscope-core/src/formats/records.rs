//! JSON records: a list of flat objects, the most common JSON export of
//! databases, APIs and spreadsheets (`[{"date": "2024-06-19", "title": …}, …]`).
//!
//! A list of records is a table by another name, so it is read as one: the
//! keys become columns (in the order they are first seen), each record a
//! row, and the CSV importer does the rest — the same column recognition,
//! `--map`, day/month order and warnings. Only the locations are this
//! format's own: a warning about a row names the record's line:column in
//! the JSON file (the value's, when it names the column).
//!
//! Values: strings as they are, numbers and `true`/`false` as written,
//! `null` as empty, a list of strings or numbers as `a; b` (so a `tags`
//! list is tags), anything else as its compact JSON text. A table of more
//! than [`MAX_COLUMNS`] different keys is refused: that is no table, and a
//! row of mostly empty cells per record would grow memory with records ×
//! keys.
//!
//! Places: a record with a latitude and a longitude (keys `latitude` or
//! `lat`, and `longitude`, `lon`, `lng` or `long`, any case; strings or
//! numbers in decimal degrees) is placed there, the place named by its
//! `location`, as the `TimeMap` / datasheet-server exports of Bellingcat
//! and Forensic Architecture write them. The keys stay columns (and so
//! attributes) as well. Coordinates that cannot be a place (out of range,
//! swapped, `0, 0`, not numbers, one without the other) are a warning at
//! the value and the event has no place. The CSV importer reads the rest
//! of the record; the places are then set on its events, found by their
//! rows ([`crate::model::RowEvents::key`]), which are read into memory for
//! it. An event the table already placed is left as it is.

use serde_json::value::RawValue;
use std::collections::HashMap;
use std::path::Path;

use super::cells::{Origin, Rows};
use super::common::{plural_s, warning};
use super::import::{Confidence, Importer, Input, no_place};
use super::json::{JsonText, Members, cell_text as cell};
use super::{ImportOptions, LoadError};
use crate::model::{Document, DocumentBuilder, Event, Location, Place, Warning};

/// The most different keys a list of records may have.
pub const MAX_COLUMNS: usize = 1_000;

/// Keys (lower case, spaces and dashes as `_`) of a record's latitude,
/// longitude and place name, each list in order of preference.
const LATITUDE_KEYS: [&str; 2] = ["latitude", "lat"];
const LONGITUDE_KEYS: [&str; 4] = ["longitude", "lon", "lng", "long"];
const PLACE_NAME_KEYS: [&str; 1] = ["location"];

/// The JSON records importer: a list of flat objects, read as a table.
pub struct JsonRecords;

impl Importer for JsonRecords {
    const FORMAT: super::Format = super::Format::JsonRecords;

    /// A JSON list whose first item is an object: any list of records
    /// could be a table, so only possible.
    fn sniff(probe: &super::detect::Probe<'_>) -> Confidence {
        if probe.json().first_keys().is_some() {
            Confidence::Possible
        } else {
            Confidence::No
        }
    }

    fn parse(input: &Input<'_>) -> Result<Document, LoadError> {
        let Table {
            mut rows,
            skipped,
            first,
            places,
        } = rows(input.text(), input.path)?;
        rows.report().skipped_n("item", skipped.len());
        let mut doc = rows.read(
            input.path,
            input.options,
            input.progress,
            "JSON records",
            first,
        )?;
        if let Some(places) = places {
            input.check_cancel()?;
            doc = places.set(doc);
        }
        doc.warnings.extend(skipped);
        // In file order, as every importer gives them.
        doc.warnings
            .sort_by_key(|w| (w.location.line, w.location.column));
        Ok(doc)
    }
}

/// Reads `text`, a JSON list of records at `path`.
pub fn parse(text: &str, path: &Path, options: &ImportOptions) -> Result<Document, LoadError> {
    super::import::parse_text::<JsonRecords>(text, path, options)
}

/// The records of `text` as a CSV text: what the import dialog shows and
/// maps before the file is read.
pub fn table_text(text: &str, path: &Path) -> Result<String, LoadError> {
    Ok(rows(text, path)?.rows.into_text())
}

/// The records as a table, and what else was read of them.
struct Table {
    rows: Rows,
    /// Warnings about items that are no records.
    skipped: Vec<Warning>,
    /// Where the list starts.
    first: Location,
    /// The records' coordinates, when they have keys for them.
    places: Option<Places>,
}

/// Reads `text`'s records as a table.
fn rows(text: &str, path: &Path) -> Result<Table, LoadError> {
    let json = JsonText::new(text, path);
    let body_at = text.len() - text.trim_start_matches('\u{feff}').len();
    let body = &text[body_at..];
    let items: Vec<&RawValue> = serde_json::from_str(body).map_err(|e| {
        json.json_error(body_at, body, "", &e, "expected a list of records [{…}, …]")
    })?;
    let mut headers: Vec<String> = Vec::new();
    let mut column_of: HashMap<String, usize> = HashMap::new();
    let mut records = Vec::with_capacity(items.len());
    let mut skipped = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Ok(Members(fields)) = serde_json::from_str::<Members<'_>>(item.get()) else {
            // As `Import::skip` words it.
            skipped.push(json.warning_at(
                item,
                format!("[{i}]"),
                format!(
                    "item {}: not an object {{…}}: expected a record; skipped",
                    i + 1
                ),
            ));
            continue;
        };
        for (key, _) in &fields {
            if !column_of.contains_key(key) {
                if headers.len() == MAX_COLUMNS {
                    return Err(json.error(
                        json.offset_of(item),
                        &format!("[{i}]"),
                        format!(
                            "more than {MAX_COLUMNS} different keys: expected records that \
                             share their keys, as the rows of a table do"
                        ),
                    ));
                }
                column_of.insert(key.clone(), headers.len());
                headers.push(key.clone());
            }
        }
        records.push((json.offset_of(item), fields));
    }
    let first = json.location(body_at);
    if records.is_empty() {
        return Err(json.error(
            body_at,
            "",
            "no records: expected a list of objects such as [{\"date\": \"2024-06-19\", \"title\": \"…\"}]"
                .into(),
        ));
    }
    let table_error = |e: ::csv::Error| {
        json.error(
            body_at,
            "",
            format!("cannot make a table of the records: {e}"),
        )
    };
    let mut rows = Rows::new(headers.clone()).map_err(table_error)?;
    let mut places = Places::columns(&headers);
    let mut cells = vec![String::new(); headers.len()];
    for (at, fields) in records {
        cells.iter_mut().for_each(String::clear);
        let mut origin = Origin {
            row: json.location(at),
            cells: vec![None; headers.len()],
        };
        for (key, raw) in fields {
            if let Some(&c) = column_of.get(&key) {
                cells[c] = cell(raw);
                origin.cells[c] = Some(json.location(json.offset_of(raw)));
            }
        }
        if let Some(places) = &mut places {
            places.push(&cells, &origin);
        }
        rows.push(origin, &cells).map_err(table_error)?;
    }
    Ok(Table {
        rows,
        skipped,
        first,
        places,
    })
}

/// The keys of a record's place, as the table's columns.
#[derive(Clone, Debug)]
struct PlaceColumns {
    lat: usize,
    lon: usize,
    name: Option<usize>,
}

/// One record's coordinates and place name as written, with where the
/// coordinates are.
#[derive(Clone, Debug, Default)]
struct Coordinates {
    lat: String,
    lon: String,
    name: String,
    lat_at: Location,
    lon_at: Location,
}

/// The coordinates of every record, by row (the first row is the first
/// record made a row).
struct Places {
    columns: PlaceColumns,
    /// The keys as the file writes them, for warnings.
    lat_key: String,
    lon_key: String,
    records: Vec<Coordinates>,
}

/// Lower case, trimmed, with spaces and dashes as `_`: how keys are compared.
fn normalise(key: &str) -> String {
    key.trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The first column named (after [`normalise`]) by the first of `names` that
/// any column has.
fn column_named(headers: &[String], names: &[&str]) -> Option<usize> {
    let normalised: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    names
        .iter()
        .find_map(|name| normalised.iter().position(|h| h == name))
}

/// How many events the notes count: `12 rows`.
const PLACED: &str = "latitude + longitude becomes place, location its name";
const NOT_PLACED: &str = "coordinates that cannot be a place, ignored (see warnings)";

impl Places {
    /// The place columns of a table with these `headers`; `None` without
    /// both a latitude and a longitude.
    fn columns(headers: &[String]) -> Option<Self> {
        let lat = column_named(headers, &LATITUDE_KEYS)?;
        let lon = column_named(headers, &LONGITUDE_KEYS)?;
        let name = column_named(headers, &PLACE_NAME_KEYS);
        Some(Self {
            columns: PlaceColumns { lat, lon, name },
            lat_key: headers.get(lat).cloned().unwrap_or_default(),
            lon_key: headers.get(lon).cloned().unwrap_or_default(),
            records: Vec::new(),
        })
    }

    /// Keeps the coordinates of the next row, whose `cells` came from `origin`.
    fn push(&mut self, cells: &[String], origin: &Origin) {
        let PlaceColumns { lat, lon, name } = self.columns;
        let cell = |c: usize| cells.get(c).map_or("", |v| v.trim()).to_owned();
        let at = |c: usize| origin.cells.get(c).copied().flatten().unwrap_or(origin.row);
        self.records.push(Coordinates {
            lat: cell(lat),
            lon: cell(lon),
            name: name.map(cell).unwrap_or_default(),
            lat_at: at(lat),
            lon_at: at(lon),
        });
    }

    /// The place of `record`, or the warning why it has none (`None`
    /// when it gives no coordinates).
    fn place(&self, record: &Coordinates) -> Option<Result<Place, Warning>> {
        let (lat_key, lon_key) = (&self.lat_key, &self.lon_key);
        let Coordinates { lat, lon, .. } = record;
        let refused = |at: Location, key: &str, message: String| {
            Err(warning(at.line, at.column, key, message))
        };
        match (lat.is_empty(), lon.is_empty()) {
            (true, true) => None,
            (false, true) => Some(refused(
                record.lat_at,
                lat_key,
                format!("{lat_key} {lat:?} without a {lon_key}; no place"),
            )),
            (true, false) => Some(refused(
                record.lon_at,
                lon_key,
                format!("{lon_key} {lon:?} without a {lat_key}; no place"),
            )),
            (false, false) => Some(match Place::parse(lat, lon) {
                Ok(place) => Ok(place.named(Some(record.name.clone()))),
                Err(problem) => {
                    let what = format!("{lat_key} {lat:?}, {lon_key} {lon:?}");
                    let (at, key) = match &problem {
                        crate::model::PlaceProblem::Longitude(_)
                        | crate::model::PlaceProblem::NotANumber {
                            field: "longitude", ..
                        } => (record.lon_at, lon_key),
                        _ => (record.lat_at, lat_key),
                    };
                    refused(at, key, no_place(&what, &problem))
                }
            }),
        }
    }

    /// `doc`, read from the records' table, with its events placed: its
    /// events read into memory, in file order (so that lanes and ties sort
    /// as before), each given the place of its record.
    fn set(&self, doc: Document) -> Document {
        let Some(rows) = doc.rows() else {
            return doc;
        };
        let n = doc.event_count();
        // Each event's record, by the row it was read from (from 1).
        let record: Vec<Option<usize>> = (0..n)
            .map(|i| {
                rows.key(i)
                    .and_then(|k| usize::try_from(k.row).ok()?.checked_sub(1))
            })
            .collect();
        if !record.iter().flatten().any(|&r| {
            self.records
                .get(r)
                .is_some_and(|c| !c.lat.is_empty() || !c.lon.is_empty())
        }) {
            return doc;
        }
        let doc = doc.materialized();
        let Some(events) = doc.owned_events() else {
            return doc;
        };
        let mut order: Vec<usize> = (0..events.len()).collect();
        order.sort_by_key(|&i| record.get(i).copied().flatten().unwrap_or(usize::MAX));
        let mut new_index = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let said: std::collections::HashSet<(usize, usize, &str)> = doc
            .warnings
            .iter()
            .map(|w| (w.location.line, w.location.column, w.field.as_str()))
            .collect();
        let mut out = DocumentBuilder {
            path: doc.path.clone(),
            name: doc.name.clone(),
            title: doc.title.clone(),
            description: doc.description.clone(),
            format: doc.format.clone(),
            notes: doc.notes.clone(),
            category_colors: doc.category_colors.clone(),
            periods: doc.periods.clone(),
            sources: doc.sources.clone(),
            warnings: doc
                .warnings
                .iter()
                .cloned()
                .map(|mut w| {
                    w.event = w.event.and_then(|i| new_index.get(i).copied());
                    w
                })
                .collect(),
            events: Vec::with_capacity(events.len()),
        };
        let (mut placed, mut refused) = (0, 0);
        for (new, &old) in order.iter().enumerate() {
            let mut event: Event = events[old].clone();
            let coordinates = record
                .get(old)
                .copied()
                .flatten()
                .and_then(|r| self.records.get(r));
            match coordinates
                .filter(|_| event.place.is_none())
                .and_then(|c| self.place(c))
            {
                Some(Ok(place)) => {
                    event.place = Some(place);
                    placed += 1;
                }
                Some(Err(mut w)) => {
                    refused += 1;
                    // The table may have said so already.
                    if !said.contains(&(w.location.line, w.location.column, w.field.as_str())) {
                        w.event = Some(new);
                        out.warnings.push(w);
                    }
                }
                None => {}
            }
            out.events.push(event);
        }
        if placed > 0 {
            out.notes
                .push(format!("{PLACED} ({})", plural_s(placed, "row")));
        }
        if refused > 0 {
            out.notes
                .push(format!("{NOT_PLACED} ({})", plural_s(refused, "row")));
        }
        out.build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Document, LoadError> {
        parse(text, Path::new("records.json"), &ImportOptions::default())
    }

    #[test]
    fn regression_a_json_array_of_flat_records_is_refused() {
        let doc = read(
            r#"[
  {"date": "2024-06-19", "title": "Treaty signed", "tags": ["Russia", "DPRK"], "casualties": 0},
  {"date": "2024-10-03", "title": "Strike in Donetsk", "casualties": 6, "notes": null},
  {"title": "Undated", "date": ""}
]"#,
        )
        .unwrap();
        assert_eq!(doc.format, "JSON records");
        assert_eq!(doc.event_count(), 2);
        let summit = doc
            .iter_events()
            .find(|e| e.title == "Treaty signed")
            .unwrap();
        assert_eq!(summit.start.to_string(), "2024-06-19");
        assert_eq!(summit.tags, ["Russia", "DPRK"]);
        // The skipped record is located at its own line in the JSON.
        assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
        assert_eq!(doc.warnings[0].location.line, 4, "{:?}", doc.warnings);
    }

    #[test]
    fn values_become_cells() {
        let cells: Vec<String> = [
            r#""a,\"b\"""#,
            "12.5",
            "true",
            "null",
            r#"["x", 2]"#,
            r#"{"k": 1}"#,
            r#"[{"k": 1}]"#,
        ]
        .iter()
        .map(|t| cell(&serde_json::from_str::<Box<RawValue>>(t).unwrap()))
        .collect();
        assert_eq!(
            cells,
            [
                "a,\"b\"",
                "12.5",
                "true",
                "",
                "x; 2",
                r#"{"k": 1}"#,
                r#"[{"k": 1}]"#
            ]
        );
    }

    #[test]
    fn items_that_are_not_records_are_located_warnings() {
        let doc = read("[\n{\"date\": \"2024\", \"title\": \"A\"},\n 7,\n \"text\"\n]").unwrap();
        assert_eq!(doc.event_count(), 1);
        let lines: Vec<usize> = doc.warnings.iter().map(|w| w.location.line).collect();
        assert_eq!(lines, [3, 4]);
        assert_eq!(
            doc.warnings[0].message,
            "item 2: not an object {…}: expected a record; skipped"
        );
        // Counted with the rows, in the shared words.
        assert!(
            doc.notes
                .iter()
                .any(|n| n == "skipped 2 items (see warnings)"),
            "{:?}",
            doc.notes
        );
        assert!(
            doc.notes.iter().any(|n| n == "1 of 1 row imported"),
            "{:?}",
            doc.notes
        );
    }

    #[test]
    fn a_record_with_a_line_break_keeps_later_rows_located() {
        let doc = read(
            "[\n{\"date\": \"2024-01-01\", \"title\": \"A\", \"text\": \"two\\nlines\"},\n{\"date\": \"soon\", \"title\": \"B\"}\n]",
        )
        .unwrap();
        assert_eq!(doc.event_count(), 1);
        let w = doc
            .warnings
            .iter()
            .find(|w| w.message.contains("soon"))
            .unwrap();
        assert_eq!(w.location.line, 3, "{w:?}");
    }

    /// An event's place as latitude, longitude and name.
    type Placed = Option<(f64, f64, Option<String>)>;

    #[test]
    fn timemap_records_have_times_of_day_and_places() {
        const CIVILIAN_HARM: &str =
            include_str!("../../../../tests/data/records/civilian-harm.json");
        let doc = parse(
            CIVILIAN_HARM,
            Path::new("civilian-harm.json"),
            &ImportOptions::default(),
        )
        .unwrap();
        let got: Vec<(String, String, Placed)> = doc
            .iter_events()
            .map(|e| {
                (
                    e.id.clone(),
                    e.start.to_edtf(),
                    e.place.as_ref().map(|p| (p.lat, p.lon, p.name.clone())),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "CIV0001".to_owned(),
                    // 00:00 is a time of day; 02/24 proves the month first.
                    "2022-02-24T00:00".to_owned(),
                    Some((49.85, 36.65, Some("Chuhuiv".to_owned())))
                ),
                (
                    "CIV0002".to_owned(),
                    "2022-02-24T14:30".to_owned(),
                    Some((50.02, 36.34, Some("Kharkiv, Saltivka".to_owned())))
                ),
                ("CIV0003".to_owned(), "2022-03-01".to_owned(), None),
                ("CIV0004".to_owned(), "2022-03-02".to_owned(), None),
            ]
        );
        // The keys stay attributes; the type is the category.
        let first = doc.event(0).unwrap();
        assert_eq!(first.attributes.get("location"), Some("Chuhuiv"));
        assert_eq!(first.category.as_deref(), Some("Strike"));
        assert_eq!(first.links, ["https://example.org/post/1"]);
        let warnings: Vec<String> = doc
            .warnings
            .iter()
            .map(|w| format!("{}: {}: {}", w.location, w.field, w.message))
            .collect();
        assert_eq!(
            warnings,
            [
                "29:17: latitude: latitude \"0\", longitude \"0\": 0, 0 is the placeholder tools write for an unknown place (a point in the Gulf of Guinea); no place"
            ]
        );
        assert_eq!(doc.warnings[0].event, Some(2));
        assert!(
            doc.notes
                .iter()
                .any(|n| n == "latitude + longitude becomes place, location its name (2 rows)"),
            "{:?}",
            doc.notes
        );
        assert!(
            doc.notes
                .iter()
                .any(|n| n == "coordinates that cannot be a place, ignored (see warnings) (1 row)"),
            "{:?}",
            doc.notes
        );
    }

    #[test]
    fn coordinates_that_are_no_place_are_warnings_at_the_value() {
        let doc = read(
            "[\n{\"date\": \"2024-01-01\", \"title\": \"Far north\", \"lat\": 91, \"lng\": 10},\n\
             {\"date\": \"2024-01-02\", \"title\": \"East\", \"lat\": 10, \"lng\": 181},\n\
             {\"date\": \"2024-01-03\", \"title\": \"Half\", \"lat\": \"12.5\"},\n\
             {\"date\": \"2024-01-04\", \"title\": \"Words\", \"lng\": \"east\", \"lat\": 1},\n\
             {\"date\": \"2024-01-05\", \"title\": \"Hemispheres\", \"lat\": \"33.45 S\", \"lng\": \"70.66W\"}\n]",
        )
        .unwrap();
        assert_eq!(doc.event_count(), 5);
        let warnings: Vec<String> = doc
            .warnings
            .iter()
            .map(|w| format!("{}: {}: {}", w.location, w.field, w.message))
            .collect();
        assert_eq!(
            warnings,
            [
                "2:53: lat: lat \"91\", lng \"10\": latitude 91 is outside -90 to 90 and longitude 10 is not: the two look swapped; no place",
                "3:59: lng: lat \"10\", lng \"181\": longitude 181 is outside -180 to 180; no place",
                "4:48: lat: lat \"12.5\" without a lng; no place",
                "5:49: lng: lat \"1\", lng \"east\": longitude \"east\" is not a number of degrees; no place",
            ]
        );
        let last = doc.event(4).unwrap();
        let place = last.place.as_ref().unwrap();
        assert_eq!((place.lat, place.lon), (-33.45, -70.66));
        // Events keep the order and lanes the table gave them.
        let titles: Vec<String> = doc.iter_events().map(|e| e.title.clone()).collect();
        assert_eq!(
            titles,
            ["Far north", "East", "Half", "Words", "Hemispheres"]
        );
    }

    #[test]
    fn records_without_coordinates_stay_rows() {
        let doc = read("[{\"date\": \"2024\", \"title\": \"A\", \"lat\": \"1\"}]").unwrap();
        assert!(doc.rows().is_some());
        let doc =
            read("[{\"date\": \"2024\", \"title\": \"A\", \"lat\": \"\", \"lon\": null}]").unwrap();
        assert!(doc.rows().is_some(), "empty coordinates change nothing");
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        let doc = read("[{\"date\": \"2024\", \"title\": \"A\", \"LAT\": 1, \"Lon\": 2}]").unwrap();
        assert!(doc.rows().is_none());
        assert!(doc.event(0).unwrap().place.is_some());
    }

    #[test]
    fn no_records_and_too_many_keys_are_errors() {
        assert!(read("[]").unwrap_err().to_string().contains("no records"));
        let wide: Vec<String> = (0..=MAX_COLUMNS)
            .map(|i| format!("{{\"k{i}\": 1}}"))
            .collect();
        let e = read(&format!("[{}]", wide.join(",")))
            .unwrap_err()
            .to_string();
        assert!(e.contains("different keys"), "{e}");
    }
}
