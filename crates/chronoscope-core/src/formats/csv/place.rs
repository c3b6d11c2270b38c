//! A row's place: its coordinates (a latitude and a longitude column, or a
//! column of WKT points), the place's name and how precisely it is placed.
//!
//! Why here: a table's rows are read into events only when they are looked
//! at, but their warnings are made when the table is scanned. So the scan
//! checks each row's coordinates ([`Rows::check_place`]: two numbers read,
//! a warning naming the row and column for a pair that cannot be a place)
//! and the event made later reads them again ([`Spec::place`], also
//! without the rest of the row), taking exactly the places the scan
//! accepted.

use super::columns::Coordinates;
use super::rows::{Rows, with_event};
use super::split::Record;
use super::table::Spec;
use super::text::{one_line, trim};
use crate::formats::common;
use crate::model::{DocumentBuilder, Place, PlacePrecision};

/// Rows whose coordinates gave their event a place.
pub(super) const WITH_PLACE: &str = "places read from the coordinates";
/// Rows whose coordinates could not be a place.
pub(super) const PLACE_LEFT_OUT: &str =
    "events kept without a place: their coordinates cannot be one";

/// Why a row's coordinates are not a place: the column to point at, and
/// what is wrong.
struct NoPlace {
    column: usize,
    why: String,
}

impl Spec {
    /// The place of `record`'s coordinates, without its name and precision:
    /// `Ok(None)` when its coordinate cells are blank (or the table has
    /// none).
    fn coordinates(&self, record: &Record<'_>) -> Result<Option<Place>, NoPlace> {
        let cell = |c: usize| record.get(c).map_or("", trim);
        match self.plan.coordinates() {
            None => Ok(None),
            Some(Coordinates::Point(c)) => {
                let point = cell(c);
                if point.is_empty() {
                    return Ok(None);
                }
                Place::parse_wkt(point)
                    .map(Some)
                    .map_err(|problem| NoPlace {
                        column: c,
                        why: problem.to_string(),
                    })
            }
            Some(Coordinates::LatLon { lat, lon }) => {
                let (lat_text, lon_text) = (cell(lat), cell(lon));
                match (lat_text.is_empty(), lon_text.is_empty()) {
                    (true, true) => return Ok(None),
                    (true, false) => {
                        return Err(NoPlace {
                            column: lat,
                            why: format!("no latitude beside the longitude {lon_text:?}"),
                        });
                    }
                    (false, true) => {
                        return Err(NoPlace {
                            column: lon,
                            why: format!("no longitude beside the latitude {lat_text:?}"),
                        });
                    }
                    (false, false) => {}
                }
                Place::parse(lat_text, lon_text)
                    .map(Some)
                    .map_err(|problem| NoPlace {
                        column: match problem {
                            crate::model::PlaceProblem::Longitude(_)
                            | crate::model::PlaceProblem::NotANumber {
                                field: "longitude", ..
                            } => lon,
                            _ => lat,
                        },
                        why: problem.to_string(),
                    })
            }
        }
    }

    /// The precision cell of `record`: `Ok(None)` when blank (or there is
    /// no precision column), `Err` with the cell when it is neither a word
    /// of [`PlacePrecision`] nor one of UCDP's `where_prec` codes.
    fn precision<'r>(&self, record: &'r Record<'_>) -> Result<Option<PlacePrecision>, &'r str> {
        let Some(c) = self.plan.precision else {
            return Ok(None);
        };
        let value = record.get(c).map_or("", trim);
        if value.is_empty() {
            return Ok(None);
        }
        let precision = match value.parse::<u8>() {
            Ok(code) => PlacePrecision::from_ucdp(code),
            Err(_) => PlacePrecision::parse(value),
        };
        precision.map(Some).ok_or(value)
    }

    /// The place of the row's event, as [`Rows::check_place`] accepted it;
    /// a precision it warned about is left out.
    pub(super) fn place(&self, record: &Record<'_>) -> Option<Place> {
        let mut place = self.coordinates(record).ok()??;
        if let Some(c) = self.plan.place {
            let name = record.get(c).map_or("", trim);
            if !name.is_empty() {
                place = place.named(Some(one_line(name)));
            }
        }
        place.precision = self.precision(record).ok().flatten();
        Some(place)
    }
}

impl Rows<'_, '_> {
    /// Checks the place of `record`, data row `row`, the scan's event
    /// `event`: coordinates that cannot be a place are a warning at their
    /// column (the event is kept without a place), a precision that is not
    /// one a warning at its column (the place is kept without it).
    pub(super) fn check_place(
        &mut self,
        doc: &mut DocumentBuilder,
        record: &Record<'_>,
        row: usize,
        event: usize,
    ) {
        match self.table.coordinates(record) {
            Ok(None) => return,
            Ok(Some(_)) => {}
            Err(NoPlace { column, why }) => {
                self.counts.report.count(PLACE_LEFT_OUT, "row");
                doc.warnings.push(with_event(
                    common::warning(
                        record.line,
                        column + 1,
                        self.header(column),
                        format!("row {row}: {why}; kept without a place"),
                    ),
                    event,
                ));
                return;
            }
        }
        self.counts.report.count(WITH_PLACE, "row");
        if let (Err(value), Some(column)) =
            (self.table.precision(record), self.table.plan.precision)
        {
            let why = format!(
                "precision {value:?}: expected exact, town, region or country, or one of UCDP's codes 1 to 7"
            );
            doc.warnings.push(with_event(
                common::warning(
                    record.line,
                    column + 1,
                    self.header(column),
                    format!("row {row}: {why}; the place is kept without a precision"),
                ),
                event,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::columns::parse_mapping;
    use super::super::test_support::*;
    use super::*;
    use std::fmt::Write as _;

    fn place_of(doc: &Document, id: &str) -> Option<Place> {
        event(doc, id).place.as_deref().cloned()
    }

    #[test]
    fn latitude_and_longitude_columns_give_places_with_names_and_precisions() {
        let doc = load_default(PLACES, "places.csv");
        assert!(doc.warnings.is_empty(), "{:?}", warnings(&doc));
        assert_eq!(
            place_of(&doc, "row-1"),
            Some(Place {
                lat: 49.85,
                lon: 36.65,
                name: Some("Chuhuiv".to_owned()),
                precision: Some(PlacePrecision::Town),
            })
        );
        // Hemisphere letters; no precision; no name; no place.
        let kyiv = place_of(&doc, "row-4").unwrap();
        assert_eq!(
            (kyiv.lat, kyiv.lon, kyiv.precision),
            (50.4501, 30.5234, None)
        );
        let south = place_of(&doc, "row-5").unwrap();
        assert_eq!((south.lat, south.lon, south.name), (-33.45, -70.67, None));
        assert_eq!(place_of(&doc, "row-6"), None);
        // The place's columns are not attributes too; the others are.
        let crossing = event(&doc, "row-1");
        let names: Vec<&str> = crossing.attributes.iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["reporter"]);
        for note in [
            "lat from column \"latitude\"",
            "lon from column \"longitude\"",
            "place from column \"location\"",
            "precision from column \"place_precision\" (exact, town, region or country; UCDP's codes 1 exact, 2 town, 3 to 5 region, 6 and 7 country)",
            "places read from the coordinates (5 rows)",
        ] {
            assert!(has_note(&doc, note), "{note:?} in {:#?}", doc.notes);
        }
    }

    #[test]
    fn a_ucdp_table_gives_wkt_points_and_its_precision_codes() {
        let doc = load_default(UCDP_LIKE, "ged.csv");
        let place = |id: &str| place_of(&doc, id).unwrap();
        assert_eq!(
            place("9001"),
            Place {
                lat: 47.92,
                lon: 38.2,
                name: Some("Ilovaisk town".to_owned()),
                precision: Some(PlacePrecision::Exact),
            }
        );
        assert_eq!(place("9002").precision, Some(PlacePrecision::Town));
        assert_eq!(place("9003").precision, Some(PlacePrecision::Region));
        assert_eq!(place("9004").precision, Some(PlacePrecision::Country));
        // An unknown code: the place without a precision, and a warning.
        assert_eq!(place("9005").precision, None);
        assert_eq!((place("9005").lat, place("9005").lon), (48.34, 38.41));
        assert_eq!(
            warnings(&doc),
            [(
                6,
                7,
                "where_prec",
                "row 5: precision \"9\": expected exact, town, region or country, or one of UCDP's codes 1 to 7; the place is kept without a precision"
            )]
        );
        let ilovaisk = event(&doc, "9001");
        let names: Vec<&str> = ilovaisk.attributes.iter().map(|(n, _)| n).collect();
        assert!(!names.contains(&"geom_wkt") && !names.contains(&"where_prec"));
        assert!(!names.contains(&"where_coordinates"));
        assert!(names.contains(&"where_description"), "{names:?}");
        assert!(has_note(
            &doc,
            "lat and lon from column \"geom_wkt\" (WKT points: POINT(longitude latitude))"
        ));
    }

    #[test]
    fn places_are_read_alone_as_the_events_have_them() {
        for (text, name) in [
            (PLACES, "places.csv"),
            (UCDP_LIKE, "ged.csv"),
            (
                include_str!("../../../../../tests/data/bad/csv-latitude-out-of-range.csv"),
                "bad.csv",
            ),
        ] {
            let mut doc = load_default(text, name);
            assert!(doc.rows().is_some(), "{name}: events kept as rows");
            for i in 0..doc.event_count() {
                assert_eq!(
                    doc.event_place(i),
                    doc.event(i).unwrap().place.as_deref().cloned(),
                    "{name} {i}"
                );
            }
            // An edited row has the place it was given.
            let mut edited = (*doc.event(0).unwrap()).clone();
            edited.place = Some(Box::new(Place::checked(10.0, 20.0).unwrap()));
            doc.apply(crate::model::Edit::replace_event(0, edited))
                .unwrap();
            let moved = doc.event_by_id(&doc.event(0).unwrap().id).unwrap();
            assert_eq!(
                doc.event_place(moved).map(|p| (p.lat, p.lon)),
                Some((10.0, 20.0))
            );
        }
    }

    #[test]
    fn a_wkt_value_that_is_not_a_point_is_a_warning_at_its_cell() {
        let doc = load_default(
            "date_start,title,geom_wkt\n\
             2024-06-19,Road,\"LINESTRING (36 49, 37 50)\"\n\
             2024-06-20,Town,POINT (36.65 49.85)\n\
             2024-06-21,Unknown,\n",
            "wkt.csv",
        );
        assert_eq!(
            warnings(&doc),
            [(
                2,
                3,
                "geom_wkt",
                "row 1: \"LINESTRING (36 49, 37 50)\" is not a point: expected POINT(longitude latitude); kept without a place"
            )]
        );
        let placed: Vec<bool> = ["row-1", "row-2", "row-3"]
            .iter()
            .map(|id| place_of(&doc, id).is_some())
            .collect();
        assert_eq!(placed, [false, true, false]);
        assert!(has_note(
            &doc,
            "events kept without a place: their coordinates cannot be one (1 row)"
        ));
    }

    #[test]
    fn x_and_y_are_coordinates_only_together() {
        let doc = load_default("date,title,x,y\n2024-06-19,Here,36.65,49.85\n", "xy.csv");
        let here = place_of(&doc, "row-1").unwrap();
        assert_eq!((here.lat, here.lon), (49.85, 36.65));
        let doc = load_default("date,title,x\n2024-06-19,Here,36.65\n", "x.csv");
        assert_eq!(place_of(&doc, "row-1"), None);
        assert_eq!(event(&doc, "row-1").attributes.get("x"), Some("36.65"));
        // Without coordinates, a location is another column, and the notes
        // say nothing of places.
        let doc = load_default("date,title,location\n2024-06-19,Here,Kyiv\n", "l.csv");
        assert_eq!(
            event(&doc, "row-1").attributes.get("location"),
            Some("Kyiv")
        );
        assert!(
            doc.notes.iter().all(|n| !n.contains("lat")),
            "{:#?}",
            doc.notes
        );
    }

    #[test]
    fn a_mapping_chooses_the_place_columns() {
        let table = "when,what,north,east,town,certainty\n\
                     2024-06-19,Summit,39.0392,125.7625,Pyongyang,town\n";
        let options = ImportOptions {
            mapping: parse_mapping(
                "start=when,title=what,lat=north,lon=east,place=town,precision=certainty",
            )
            .unwrap(),
            ..ImportOptions::default()
        };
        let doc = load(table, "m.csv", &options);
        assert_eq!(
            place_of(&doc, "row-1"),
            Some(Place {
                lat: 39.0392,
                lon: 125.7625,
                name: Some("Pyongyang".to_owned()),
                precision: Some(PlacePrecision::Town),
            })
        );
        assert!(event(&doc, "row-1").attributes.is_empty());
        assert!(has_note(&doc, "lat from column \"north\" (your mapping)"));
        // Aliases, and a place taken away.
        assert_eq!(
            parse_mapping("latitude=a,lng=b,location=c,where_prec=d").unwrap(),
            [
                ("lat".to_owned(), "a".to_owned()),
                ("lon".to_owned(), "b".to_owned()),
                ("place".to_owned(), "c".to_owned()),
                ("precision".to_owned(), "d".to_owned()),
            ]
        );
        let options = ImportOptions {
            mapping: parse_mapping("lat=").unwrap(),
            ..ImportOptions::default()
        };
        let doc = load(PLACES, "p.csv", &options);
        assert!(doc.iter_events().all(|e| e.place.is_none()));
        assert_eq!(
            event(&doc, "row-1").attributes.get("longitude"),
            Some("36.65")
        );
        // Both on one column: WKT points.
        let options = ImportOptions {
            mapping: parse_mapping("lat=geom_wkt,lon=geom_wkt").unwrap(),
            ..ImportOptions::default()
        };
        let doc = load(UCDP_LIKE, "u.csv", &options);
        assert_eq!(place_of(&doc, "9002").map(|p| p.lon), Some(37.74));
    }

    #[test]
    fn the_preview_shows_the_place_columns() {
        let p = preview(PLACES, &ImportOptions::default(), 1).unwrap();
        let get = |f: &str| {
            p.mapping
                .iter()
                .find(|(field, _)| field == f)
                .and_then(|(_, c)| c.clone())
        };
        assert_eq!(get("lat").as_deref(), Some("latitude"));
        assert_eq!(get("lon").as_deref(), Some("longitude"));
        assert_eq!(get("place").as_deref(), Some("location"));
        assert_eq!(get("precision").as_deref(), Some("place_precision"));
    }

    #[test]
    fn many_rows_of_coordinates_are_checked_as_they_are_scanned() {
        let mut table = String::from("date,title,latitude,longitude\n");
        for i in 0..100_000_u32 {
            let lat = f64::from(i % 1_700) / 20.0 - 42.5;
            let lon = if i % 1_000 == 7 {
                "200".to_owned()
            } else {
                format!("{:.4}", f64::from(i % 3_500) / 10.0 - 174.95)
            };
            let _ = writeln!(table, "2024-06-19,Event {i},{lat},{lon}");
        }
        let doc = finishes_within(20, move || {
            parse(&table, Path::new("big.csv"), &ImportOptions::default()).unwrap()
        });
        assert_eq!(doc.event_count(), 100_000);
        assert_eq!(doc.warnings.len(), 100);
    }
}
