//! Which column feeds which field: the header names each field is
//! recognised by, the [`Plan`] that recognition makes (including the
//! `TimelineJS3` template, known by its headers), and the user's mapping
//! that overrides it (`start=launch_time,title=missile_name`).
//!
//! Why: a table says what its columns hold only through their names, and
//! exports name the same thing many ways; one place decides, and the import
//! dialog, the notes and the reader all follow that decision.

use super::table::Spec;
use crate::formats::LoadError;
use crate::model::Location;
use rustc_hash::FxHashMap;

/// The fields a column can be mapped to, in the order they are shown.
/// `lat` and `lon` mapped to one column read it as a WKT point,
/// `POINT(longitude latitude)`.
pub const FIELDS: [&str; 13] = [
    "start",
    "end",
    "title",
    "description",
    "category",
    "tags",
    "source",
    "url",
    "id",
    "lat",
    "lon",
    "place",
    "precision",
];

/// The fields of an event's place, which only a table with coordinates
/// has: the notes list those without a column only then.
pub(super) const PLACE_FIELDS: [&str; 4] = ["lat", "lon", "place", "precision"];

/// Header names that hold the start date (after normalising). `time` comes
/// after year/month/day columns, which it would otherwise shadow.
pub(super) const START_NAMES: [&str; 13] = [
    "date",
    "start",
    "start_date",
    "date_start",
    "event_date",
    "launch_time",
    "timestamp",
    "datetime",
    "date_time",
    "start_time",
    "begin",
    "begin_date",
    "when",
];
pub(super) const END_NAMES: [&str; 5] = ["end", "end_date", "date_end", "end_time", "until"];
pub(super) const TITLE_NAMES: [&str; 9] = [
    "title",
    "headline",
    "name",
    "event_name",
    "event_title",
    "event",
    "missile_name",
    "conflict_name",
    "label",
];
/// Columns joined into a title when only an event type names the row.
pub(super) const TITLE_EXTRA_NAMES: [&str; 4] = ["target", "city", "location", "place"];
pub(super) const DESCRIPTION_NAMES: [&str; 12] = [
    "description",
    "notes",
    "note",
    "text",
    "additional_information",
    "source_article",
    "source_headline",
    "summary",
    "details",
    "body",
    "comment",
    "comments",
];
pub(super) const CATEGORY_NAMES: [&str; 7] = [
    "category",
    "type",
    "group",
    "event_type",
    "missile_type",
    "type_of_violence",
    "kind",
];
pub(super) const TAG_NAMES: [&str; 3] = ["tags", "tag", "keywords"];
pub(super) const URL_NAMES: [&str; 5] = ["url", "source_url", "link", "href", "website"];
pub(super) const SOURCE_NAMES: [&str; 2] = ["sources", "source"];
pub(super) const ID_NAMES: [&str; 4] = ["id", "event_id", "unique_id", "uid"];
/// Latitude and longitude columns: a pair of one of each (`latitude` with
/// `longitude`, `lat` with `lon`, `lng` or `long`).
pub(super) const LAT_NAMES: [&str; 2] = ["latitude", "lat"];
pub(super) const LON_NAMES: [&str; 4] = ["longitude", "lon", "lng", "long"];
/// A column of WKT points, `POINT (36.55 35.76)` (UCDP's `geom_wkt`).
pub(super) const POINT_NAMES: [&str; 2] = ["geom_wkt", "wkt"];
/// The place's name, when the table has coordinates (UCDP's
/// `where_coordinates` names the place its coordinates are of).
pub(super) const PLACE_NAMES: [&str; 3] = ["where_coordinates", "location", "place"];
/// How precisely the coordinates place the event: a word (`town`) or
/// UCDP's `where_prec` code.
pub(super) const PRECISION_NAMES: [&str; 2] = ["place_precision", "where_prec"];

/// Reads the command line's mapping syntax, `start=launch_time,title=missile_name`,
/// into `(field, column)` pairs. Field names may also be written as their
/// aliases (`date`, `text`, `sources`, …). An empty column (`category=`)
/// means "no column for this field". `description` may be given several
/// times to join columns.
pub fn parse_mapping(spec: &str) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::new();
    for item in spec.split(',') {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        let Some((field, column)) = item.split_once('=') else {
            return Err(format!(
                "{item:?}: expected FIELD=COLUMN, e.g. start=launch_time"
            ));
        };
        let Some(field) = canonical_field(field) else {
            return Err(format!(
                "{item:?}: unknown field {:?}: expected one of {}",
                field.trim(),
                FIELDS.join(", ")
            ));
        };
        if field != "description" && out.iter().any(|(f, _)| f == field) {
            return Err(format!("{field} is mapped twice"));
        }
        out.push((field.to_owned(), column.trim().to_owned()));
    }
    Ok(out)
}

/// The field name for a field or one of its aliases.
pub(super) fn canonical_field(name: &str) -> Option<&'static str> {
    let n = normalise(name);
    let field = match n.as_str() {
        "date" | "start_date" => "start",
        "end_date" => "end",
        "headline" | "name" => "title",
        "text" | "notes" | "body" => "description",
        "group" | "type" => "category",
        "tag" => "tags",
        "sources" => "source",
        "link" => "url",
        "latitude" => "lat",
        "longitude" | "lng" | "long" => "lon",
        "location" | "place_name" => "place",
        "place_precision" | "where_prec" => "precision",
        other => FIELDS.iter().find(|f| **f == other)?,
    };
    Some(field)
}

/// Lower case, trimmed, with spaces and dashes as `_`.
pub(super) fn normalise(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Where a date comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum DateColumns {
    One(usize),
    /// A date column and the time column beside it (`date` + `time`,
    /// `event_date` + `event_time`): `2022-02-24` and `14:30` make
    /// 2022-02-24T14:30.
    DateTime {
        date: usize,
        time: usize,
    },
    Parts {
        year: usize,
        month: Option<usize>,
        day: Option<usize>,
        time: Option<usize>,
    },
}

impl DateColumns {
    pub(super) fn indices(&self) -> Vec<usize> {
        match self {
            Self::One(c) => vec![*c],
            Self::DateTime { date, time } => vec![*date, *time],
            Self::Parts {
                year,
                month,
                day,
                time,
            } => std::iter::once(*year)
                .chain(*month)
                .chain(*day)
                .chain(*time)
                .collect(),
        }
    }

    /// The column that warnings point at.
    pub(super) fn first(&self) -> usize {
        match self {
            Self::One(c) | Self::DateTime { date: c, .. } | Self::Parts { year: c, .. } => *c,
        }
    }
}

/// The `TimelineJS3` template's own column.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct TimelineJs {
    pub(super) kind: Option<usize>,
}

/// Which column feeds which field.
#[derive(Clone, Debug, Default)]
pub(super) struct Plan {
    pub(super) start: Option<DateColumns>,
    pub(super) end: Option<DateColumns>,
    pub(super) title: Option<usize>,
    /// Joined after the title (`event_type – target, city`).
    pub(super) title_extras: Vec<usize>,
    pub(super) description: Vec<usize>,
    pub(super) category: Option<usize>,
    pub(super) tags: Option<usize>,
    pub(super) url: Option<usize>,
    pub(super) source: Option<usize>,
    pub(super) id: Option<usize>,
    pub(super) timelinejs: Option<TimelineJs>,
    /// UCDP `type_of_violence` codes to names.
    pub(super) violence_codes: bool,
    /// The latitude and longitude columns; one column for both holds WKT
    /// points (see [`Plan::coordinates`]).
    pub(super) lat: Option<usize>,
    pub(super) lon: Option<usize>,
    /// The place's name and precision, read only with coordinates.
    pub(super) place: Option<usize>,
    pub(super) precision: Option<usize>,
    /// Columns kept as attributes, in file order.
    pub(super) attributes: Vec<usize>,
    /// `attributes` and the source column, by name: in that order each new
    /// name goes at the end of an event's attributes.
    pub(super) attribute_order: Vec<usize>,
    /// Length of the names in `attribute_order`, together.
    pub(super) attribute_name_bytes: usize,
    /// Fields the user mapped.
    pub(super) user: Vec<String>,
}

impl Plan {
    /// The column(s) of `field`, as shown to the user.
    pub(super) fn describe(&self, field: &str, headers: &[String]) -> Option<String> {
        let names = |cols: &[usize]| -> Option<String> {
            if cols.is_empty() {
                return None;
            }
            Some(
                cols.iter()
                    .map(|&c| headers.get(c).map_or("?", String::as_str))
                    .collect::<Vec<_>>()
                    .join(" + "),
            )
        };
        match field {
            "start" => names(&self.start.as_ref()?.indices()),
            "end" => names(&self.end.as_ref()?.indices()),
            "title" => {
                let mut cols: Vec<usize> = self.title.into_iter().collect();
                cols.extend(&self.title_extras);
                names(&cols)
            }
            "description" => names(&self.description),
            "category" => names(&self.category.into_iter().collect::<Vec<_>>()),
            "tags" => names(&self.tags.into_iter().collect::<Vec<_>>()),
            "url" => names(&self.url.into_iter().collect::<Vec<_>>()),
            "source" => names(&self.source.into_iter().collect::<Vec<_>>()),
            "id" => names(&self.id.into_iter().collect::<Vec<_>>()),
            "lat" => names(&self.lat.into_iter().collect::<Vec<_>>()),
            "lon" => names(&self.lon.into_iter().collect::<Vec<_>>()),
            "place" => names(&self.place.into_iter().collect::<Vec<_>>()),
            "precision" => names(&self.precision.into_iter().collect::<Vec<_>>()),
            _ => None,
        }
    }

    /// Where a row's place comes from, when the table has one.
    pub(super) fn coordinates(&self) -> Option<Coordinates> {
        match (self.lat?, self.lon?) {
            (point, lon) if point == lon => Some(Coordinates::Point(point)),
            (lat, lon) => Some(Coordinates::LatLon { lat, lon }),
        }
    }

    /// The columns a row's place is read from: none without coordinates
    /// (the name and precision columns are then other columns).
    pub(super) fn place_columns(&self) -> Vec<usize> {
        if self.coordinates().is_none() {
            return Vec::new();
        }
        let mut columns: Vec<usize> = [self.lat, self.lon, self.place, self.precision]
            .into_iter()
            .flatten()
            .collect();
        columns.dedup();
        columns
    }

    /// The place's name and precision columns, by their names, unless the
    /// user chose them; only for a table with coordinates (after the
    /// user's mapping, which may have given it some).
    pub(super) fn recognise_place_details(&mut self, headers: &[String]) {
        let has_coordinates = self.coordinates().is_some();
        let norm: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
        let lookup = Lookup::new(&norm);
        let mapped = |plan: &Plan, field: &str| plan.user.iter().any(|f| f == field);
        let first_of = |names: &[&str]| names.iter().find_map(|n| lookup.find(n));
        if !mapped(self, "place") {
            // The latitude of one thing (`facility_latitude`): its
            // `facility_location`, else its `facility_name`.
            let of_thing = || {
                let (prefix, _) = norm.get(self.lat?)?.rsplit_once('_')?;
                ["location", "name"]
                    .iter()
                    .find_map(|s| lookup.find(&format!("{prefix}_{s}")))
            };
            self.place = first_of(&PLACE_NAMES)
                .or_else(of_thing)
                .filter(|_| has_coordinates);
        }
        if !mapped(self, "precision") {
            self.precision = first_of(&PRECISION_NAMES).filter(|_| has_coordinates);
        }
    }
}

/// Where a row's place comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Coordinates {
    /// A latitude column and a longitude column, in degrees.
    LatLon { lat: usize, lon: usize },
    /// A column of WKT points, `POINT(longitude latitude)`.
    Point(usize),
}

impl Spec {
    pub(super) fn apply_mapping(&mut self, mapping: &[(String, String)]) -> Result<(), LoadError> {
        let mut description_mapped = false;
        for (field_name, column_name) in mapping {
            let Some(field) = canonical_field(field_name) else {
                return Err(self.invalid(
                    Location { line: 1, column: 1 },
                    field_name,
                    format!(
                        "unknown field {field_name:?} in the mapping: expected one of {}",
                        FIELDS.join(", ")
                    ),
                ));
            };
            let column = if column_name.trim().is_empty() {
                None
            } else {
                Some(self.column(column_name).ok_or_else(|| {
                    self.invalid(
                        Location { line: 1, column: 1 },
                        field,
                        format!(
                            "no column named {column_name:?} (mapping {field}={column_name}): the columns are {}",
                            self.column_list()
                        ),
                    )
                })?)
            };
            let plan = &mut self.plan;
            match field {
                "start" => plan.start = column.map(DateColumns::One),
                "end" => plan.end = column.map(DateColumns::One),
                "title" => {
                    plan.title = column;
                    plan.title_extras.clear();
                }
                "description" => {
                    if !description_mapped {
                        plan.description.clear();
                        description_mapped = true;
                    }
                    plan.description.extend(column);
                }
                "category" => {
                    plan.category = column;
                    plan.violence_codes = false;
                }
                "tags" => plan.tags = column,
                "url" => plan.url = column,
                "source" => plan.source = column,
                "lat" => plan.lat = column,
                "lon" => plan.lon = column,
                "place" => plan.place = column,
                "precision" => plan.precision = column,
                _ => plan.id = column,
            }
            if !plan.user.iter().any(|f| f == field) {
                plan.user.push(field.to_owned());
            }
        }
        Ok(())
    }

    /// Columns no field uses (title extras are kept as attributes too).
    pub(super) fn attribute_columns(&self) -> Vec<usize> {
        let p = &self.plan;
        let mut used = vec![false; self.headers.len()];
        let mut mark = |c: usize| {
            if let Some(u) = used.get_mut(c) {
                *u = true;
            }
        };
        for d in [&p.start, &p.end].into_iter().flatten() {
            d.indices().into_iter().for_each(&mut mark);
        }
        for c in [p.title, p.category, p.tags, p.url, p.source, p.id]
            .into_iter()
            .flatten()
            .chain(p.description.iter().copied())
            .chain(p.timelinejs.as_ref().and_then(|t| t.kind))
            .chain(p.place_columns())
        {
            mark(c);
        }
        (0..self.headers.len()).filter(|&c| !used[c]).collect()
    }
}

/// The first column of each normalised header name, and of each such name
/// without `_`: a header of many thousand columns is looked up by hashing,
/// not searched for every name a field may have.
struct Lookup {
    exact: FxHashMap<String, usize>,
    squashed: FxHashMap<String, usize>,
}

impl Lookup {
    fn new(norm: &[String]) -> Self {
        let mut exact = FxHashMap::default();
        let mut squashed = FxHashMap::default();
        for (c, n) in norm.iter().enumerate() {
            exact.entry(n.clone()).or_insert(c);
            squashed.entry(n.replace('_', "")).or_insert(c);
        }
        Lookup { exact, squashed }
    }

    /// The first column named `name`, else the first named like it without
    /// `_` (`startdate` for `start_date`).
    fn find(&self, name: &str) -> Option<usize> {
        self.exact
            .get(name)
            .or_else(|| self.squashed.get(&name.replace('_', "")))
            .copied()
    }
}

impl Plan {
    /// Whether a field reads column `c`.
    fn uses(&self, c: usize) -> bool {
        [&self.start, &self.end]
            .into_iter()
            .flatten()
            .any(|d| d.indices().contains(&c))
            || [
                self.title,
                self.category,
                self.tags,
                self.url,
                self.source,
                self.id,
                self.timelinejs.as_ref().and_then(|t| t.kind),
                self.lat,
                self.lon,
                self.place,
                self.precision,
            ]
            .contains(&Some(c))
            || self.title_extras.contains(&c)
            || self.description.contains(&c)
    }

    /// Joins to the start and end columns (recognised or mapped) the time
    /// column beside each: the column named like it with the word `date`
    /// as `time` (`date` → `time`, `event_date` → `event_time`,
    /// `date_start` → `time_start`), when no field reads that column.
    pub(super) fn join_time_columns(&mut self, headers: &[String]) {
        let norm: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
        let lookup = Lookup::new(&norm);
        let time_of = |plan: &Plan, side: Option<&DateColumns>| {
            let Some(&DateColumns::One(date)) = side else {
                return None;
            };
            let words: Vec<&str> = norm.get(date)?.split('_').collect();
            if !words.contains(&"date") {
                return None;
            }
            let name: Vec<&str> = words
                .iter()
                .map(|&w| if w == "date" { "time" } else { w })
                .collect();
            let time = lookup.find(&name.join("_"))?;
            (time != date && !plan.uses(time)).then_some(DateColumns::DateTime { date, time })
        };
        if let Some(joined) = time_of(self, self.start.as_ref()) {
            self.start = Some(joined);
        }
        if let Some(joined) = time_of(self, self.end.as_ref()) {
            self.end = Some(joined);
        }
    }
}

/// Chooses a column for each field from the header names.
pub(super) fn recognise(headers: &[String]) -> Plan {
    let norm: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    let lookup = Lookup::new(&norm);
    let find = |name: &str| lookup.find(name);
    let first_of = |names: &[&str]| names.iter().find_map(|n| find(n));
    let parts = |prefix: &str| {
        find(&format!("{prefix}year")).map(|year| DateColumns::Parts {
            year,
            month: find(&format!("{prefix}month")),
            day: find(&format!("{prefix}day")),
            time: find(&format!("{prefix}time")),
        })
    };
    let mut plan = Plan::default();

    let is_timelinejs = ["year", "month", "day", "headline", "text"]
        .iter()
        .all(|n| find(n).is_some())
        && ["end_year", "display_date", "media", "type", "group"]
            .iter()
            .any(|n| find(n).is_some());
    if is_timelinejs {
        plan.start = parts("");
        plan.end = parts("end_");
        plan.title = find("headline");
        plan.description = find("text").into_iter().collect();
        plan.category = find("group");
        plan.timelinejs = Some(TimelineJs { kind: find("type") });
        plan.id = first_of(&ID_NAMES);
        return plan;
    }

    plan.start = first_of(&START_NAMES)
        .map(DateColumns::One)
        .or_else(|| find("month").and_then(|_| parts("")))
        .or_else(|| find("time").map(DateColumns::One))
        .or_else(|| parts(""));
    plan.end = first_of(&END_NAMES)
        .map(DateColumns::One)
        .or_else(|| parts("end_"));
    plan.title = first_of(&TITLE_NAMES);
    let mut type_is_title = false;
    if plan.title.is_none()
        && let Some(t) = find("event_type")
    {
        plan.title = Some(t);
        plan.title_extras = TITLE_EXTRA_NAMES.iter().filter_map(|n| find(n)).collect();
        type_is_title = true;
    }
    plan.description = (0..norm.len())
        .filter(|&c| DESCRIPTION_NAMES.contains(&norm[c].as_str()) && Some(c) != plan.title)
        .collect();
    plan.category = CATEGORY_NAMES.iter().find_map(|n| {
        let c = find(n)?;
        // The type column that titles the rows is also their lane.
        (Some(c) != plan.title || type_is_title).then_some(c)
    });
    plan.violence_codes = plan.category.is_some_and(|c| norm[c] == "type_of_violence");
    plan.tags = first_of(&TAG_NAMES);
    plan.url = first_of(&URL_NAMES);
    plan.source = first_of(&SOURCE_NAMES);
    plan.id = first_of(&ID_NAMES);
    (plan.lat, plan.lon) = recognise_coordinates(&find, &norm);
    plan
}

/// The coordinate columns: a latitude and a longitude column, else `y`
/// and `x` when there are both, else a column of WKT points (its index
/// twice: see [`Plan::coordinates`]), else a latitude and a longitude of
/// one thing (`facility_latitude` with `facility_longitude`).
fn recognise_coordinates(
    find: &dyn Fn(&str) -> Option<usize>,
    norm: &[String],
) -> (Option<usize>, Option<usize>) {
    let first_of = |names: &[&str]| names.iter().find_map(|n| find(n));
    if let (Some(lat), Some(lon)) = (first_of(&LAT_NAMES), first_of(&LON_NAMES)) {
        return (Some(lat), Some(lon));
    }
    if let (Some(y), Some(x)) = (find("y"), find("x")) {
        return (Some(y), Some(x));
    }
    if let Some(point) = first_of(&POINT_NAMES) {
        return (Some(point), Some(point));
    }
    let suffixed = |name: &str, names: &[&str]| -> Option<usize> {
        let of = names
            .iter()
            .find_map(|n| name.strip_suffix(n)?.strip_suffix('_'))?;
        Some(of.len())
    };
    norm.iter()
        .enumerate()
        .find_map(|(lat, name)| {
            let prefix = &name[..suffixed(name, &LAT_NAMES)?];
            let lon = norm.iter().position(|other| {
                other.starts_with(prefix) && suffixed(other, &LON_NAMES) == Some(prefix.len())
            })?;
            Some((Some(lat), Some(lon)))
        })
        .unwrap_or((None, None))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn a_latitude_and_longitude_of_one_thing_are_its_place() {
        let doc = load_default(
            "launch_time,facility_latitude,facility_longitude,site_lat,other_long\n\
             2017-07-04,40.85,129.67,1,2\n",
            "launches.csv",
        );
        let place = doc.event(0).unwrap().place.clone().unwrap();
        assert_eq!((place.lat, place.lon), (40.85, 129.67));
        // Named by the thing's location, else its name.
        let doc = load_default(
            "launch_time,facility_name,facility_latitude,facility_longitude\n\
             2017-07-04,Sohae,39.66,124.70\n",
            "named.csv",
        );
        let place = doc.event(0).unwrap().place.clone().unwrap();
        assert_eq!(place.name.as_deref(), Some("Sohae"));
        // Columns of two different things are no pair.
        let doc = load_default("date,site_lat,other_long\n2017-07-04,1,2\n", "unpaired.csv");
        assert!(doc.event(0).unwrap().place.is_none());
    }

    #[test]
    fn missile_table_maps_columns_by_name() {
        let doc = load_default(MISSILES, "missile_launches.csv");
        assert_eq!(doc.name, "missile_launches.csv");
        assert_eq!(doc.format, "CSV");
        let ids: Vec<String> = doc.iter_events().map(|e| e.id.clone()).collect();
        assert_eq!(ids, ["row-2", "row-1", "row-3", "row-6"]);

        let nodong = event(&doc, "row-1");
        assert_eq!(nodong.title, "Nodong");
        assert_eq!(nodong.start.to_edtf(), "1993-05-29");
        assert_eq!(nodong.start.precision, Precision::Day);
        assert_eq!(nodong.category.as_deref(), Some("MRBM"));
        assert_eq!(
            nodong.links,
            ["http://example.org/a", "http://example.org/b"]
        );
        assert_eq!(
            nodong.attributes.get("sources"),
            Some("Defense white paper 1993")
        );
        assert_eq!(
            nodong.attributes.get("facility_location"),
            Some("Hwadae County, North Hamgyong Province")
        );
        assert_eq!(nodong.attributes.get("test_successful"), Some("True"));
        // Empty cells are not attributes; used columns are not either.
        assert!(!nodong.attributes.contains_key("apogee_km"));
        assert!(!nodong.attributes.contains_key("missile_name"));
        // The multi-line quoted text is the source text.
        assert_eq!(
            text_of(&doc, &nodong),
            "Flight over the Sea of Japan.\n\nReported weeks later."
        );
        let source = source_of(&doc, &nodong);
        assert_eq!(source.title, "Row 1 of missile_launches.csv");
        assert_eq!(source.id, "row-1#text");

        // No text: no evidence; https source becomes a link.
        let scud = event(&doc, "row-2");
        assert!(scud.evidence.is_empty());
        assert_eq!(scud.links, ["https://example.org/c"]);

        // No missile name: the title is the start of the text.
        let slv = event(&doc, "row-3");
        assert_eq!(
            slv.title,
            "Satellite launch attempt announced as a success by state media"
        );

        let musudan = event(&doc, "row-6");
        assert_eq!(musudan.start.to_edtf(), "2016-06-22T08:05:00+09:00");
        assert_eq!(musudan.start.offset_minutes, Some(540));

        assert_eq!(
            warnings(&doc),
            [
                (7, 1, "launch_time", "row 4: no start date; skipped"),
                (
                    8,
                    1,
                    "launch_time",
                    "row 5: cannot read \"1984-13-45\" as a start date: month 13 is out of range (01–12); skipped"
                ),
            ]
        );
        for note in [
            "comma-separated, 9 columns and 6 data rows",
            "start from column \"launch_time\"",
            "title from column \"missile_name\"",
            "description from column \"additional_information\"",
            "category from column \"missile_type\"",
            "source from column \"sources\" (split at \";\": URLs become links)",
            "no column for: end, tags, url, id",
            "attributes from 4 other columns: facility_name, facility_location, apogee_km, test_successful",
            "ids are row-N, N counting data rows from 1",
            "4 of 6 rows imported",
            "titles taken from the start of the text (1 row)",
            "skipped 2 rows (see warnings)",
        ] {
            assert!(
                has_note(&doc, note),
                "missing note {note:?} in {:#?}",
                doc.notes
            );
        }
    }

    #[test]
    fn mapping_overrides_recognition() {
        let options = ImportOptions {
            mapping: parse_mapping("start=launch_time, title=facility_name,category=,description=missile_name,text=additional_information").unwrap(),
            ..ImportOptions::default()
        };
        let doc = load(MISSILES, "m.csv", &options);
        let nodong = event(&doc, "row-1");
        assert_eq!(nodong.title, "Tonghae Launch Site");
        assert_eq!(nodong.category, None);
        assert_eq!(
            text_of(&doc, &nodong),
            "missile_name: Nodong\n\nadditional_information: Flight over the Sea of Japan.\n\nReported weeks later."
        );
        // Unmapped now, so kept as an attribute.
        assert_eq!(nodong.attributes.get("missile_type"), Some("MRBM"));
        assert!(has_note(
            &doc,
            "title from column \"facility_name\" (your mapping)"
        ));

        // Header names match loosely: case, spaces, dashes.
        let options = ImportOptions {
            mapping: vec![("start".into(), "Launch-Time".into())],
            ..ImportOptions::default()
        };
        assert_eq!(load(MISSILES, "m.csv", &options).event_count(), 4);

        let options = ImportOptions {
            mapping: vec![("start".into(), "launch_date".into())],
            ..ImportOptions::default()
        };
        let Err(LoadError::Invalid {
            location,
            field,
            message,
            ..
        }) = parse(MISSILES, Path::new("m.csv"), &options)
        else {
            panic!("an unknown column is an error");
        };
        assert_eq!((location.line, field.as_str()), (1, "start"));
        assert!(
            message.starts_with("no column named \"launch_date\" (mapping start=launch_date): the columns are launch_time, missile_name,"),
            "{message}"
        );

        // A table without a date column opens once one is mapped.
        let options = ImportOptions {
            mapping: parse_mapping("start=notes").unwrap(),
            ..ImportOptions::default()
        };
        let doc = load(NO_DATE, "n.csv", &options);
        assert_eq!(doc.event_count(), 0);
        assert_eq!(doc.warnings.len(), 1);
    }

    #[test]
    fn parse_mapping_syntax() {
        assert_eq!(
            parse_mapping("start=launch_time,title=missile_name"),
            Ok(vec![
                ("start".into(), "launch_time".into()),
                ("title".into(), "missile_name".into())
            ])
        );
        assert_eq!(
            parse_mapping(" Date = When it happened , sources=refs,,"),
            Ok(vec![
                ("start".into(), "When it happened".into()),
                ("source".into(), "refs".into())
            ])
        );
        assert_eq!(parse_mapping(""), Ok(vec![]));
        assert!(parse_mapping("start").unwrap_err().contains("FIELD=COLUMN"));
        assert!(
            parse_mapping("colour=x")
                .unwrap_err()
                .contains("unknown field \"colour\"")
        );
        assert!(
            parse_mapping("start=a,start=b")
                .unwrap_err()
                .contains("mapped twice")
        );
        assert_eq!(
            parse_mapping("text=a,description=b").map(|m| m.len()),
            Ok(2)
        );
    }
}
