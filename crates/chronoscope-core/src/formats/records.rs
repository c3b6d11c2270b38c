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
//! Places: a record's `latitude`/`lat` and `longitude`/`lon`/`lng` (strings
//! or numbers in decimal degrees) and its `location` are columns the CSV
//! importer recognises as the event's place (`csv/place.rs`), as the
//! `TimeMap` / datasheet-server exports of Bellingcat and Forensic
//! Architecture write them; coordinates that cannot be a place are a
//! warning at the value.

use serde_json::value::RawValue;
use std::collections::HashMap;
use std::path::Path;

use super::cells::{Origin, Rows};
use super::import::{Confidence, Importer, Input};
use super::json::{JsonText, Members, cell_text as cell};
use super::{ImportOptions, LoadError};
use crate::model::{Document, Location, Warning};

/// The most different keys a list of records may have.
pub const MAX_COLUMNS: usize = 1_000;

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
        } = rows(input.text(), input.path)?;
        rows.report().skipped_n("item", skipped.len());
        let mut doc = rows.read(
            input.path,
            input.options,
            input.progress,
            "JSON records",
            first,
        )?;
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
        rows.push(origin, &cells).map_err(table_error)?;
    }
    Ok(Table {
        rows,
        skipped,
        first,
    })
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
        // The type is the category; the keys of the place are the place's.
        let first = doc.event(0).unwrap();
        assert_eq!(first.category.as_deref(), Some("Strike"));
        assert_eq!(first.links, ["https://example.org/post/1"]);
        assert_eq!(first.attributes.get("latitude"), None);
        let warnings: Vec<String> = doc
            .warnings
            .iter()
            .map(|w| format!("{}: {}: {}", w.location, w.field, w.message))
            .collect();
        assert_eq!(
            warnings,
            [
                "29:17: latitude: row 3: 0, 0 is the placeholder tools write for an unknown place (a point in the Gulf of Guinea); kept without a place"
            ]
        );
        assert_eq!(doc.warnings[0].event, Some(2));
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
                "2:53: lat: row 1: latitude 91 is outside -90 to 90 and longitude 10 is not: the two look swapped; kept without a place",
                "3:59: lng: row 2: longitude 181 is outside -180 to 180; kept without a place",
                "4:1: lng: row 3: no longitude beside the latitude \"12.5\"; kept without a place",
                "5:49: lng: row 4: longitude \"east\" is not a number of degrees; kept without a place",
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
    fn records_stay_rows_with_or_without_places() {
        let doc = read("[{\"date\": \"2024\", \"title\": \"A\", \"lat\": \"1\"}]").unwrap();
        assert!(doc.rows().is_some());
        let doc =
            read("[{\"date\": \"2024\", \"title\": \"A\", \"lat\": \"\", \"lon\": null}]").unwrap();
        assert!(doc.rows().is_some(), "empty coordinates change nothing");
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        let doc = read("[{\"date\": \"2024\", \"title\": \"A\", \"LAT\": 1, \"Lon\": 2}]").unwrap();
        assert!(doc.rows().is_some(), "rows with places stay rows");
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
