//! Importer for GeoJSON (RFC 7946) `FeatureCollection`s whose features carry
//! dates: what mapping tools (QGIS, geojson.io, Felt, uMap), investigation
//! maps and incident data sets export, so that the events on a map can be
//! read as a chronology with their places.
//!
//! A file is a `FeatureCollection` (`{"type": "FeatureCollection",
//! "features": […]}`; its `name` or `title` becomes the document title), or
//! one `Feature`. How a feature maps:
//!
//! - Its date: the first property with a value among `date`, `start`,
//!   `start_date`, `event_date`, `time`, `datetime` and `timestamp`, in
//!   that order (any case, spaces and dashes read as `_`), or the property
//!   the user chose (the import dialog, `--map start=when`). Dates are read
//!   as in spreadsheets ([`super::dates::parse_loose`]: `2024-06-19`,
//!   `19 June 2024`, `06/19/2024 14:30`, at the precision written); an
//!   all-numeric day/month date is read in the order the user chose, else
//!   in the order the file's dates prove (a note says which), else the
//!   feature is skipped asking to choose. A number from 10¹¹ up is
//!   milliseconds since 1970 in UTC, as JavaScript and the USGS feeds write
//!   time; a smaller one is read as its text (`1984`, a year). A `time`
//!   property beside a `date` (`start_time` beside `start_date`) holding a
//!   time of day is joined to it: `2022-02-24` and `14:30` make
//!   2022-02-24T14:30 (and `00:00` is midnight, a time).
//! - `end`, `end_date`, `date_end` or `until` becomes the end; one before
//!   the start is dropped with a warning.
//! - `title`, `name`, `headline`, `label` or `event` becomes the title,
//!   else the first line of the description; `description` (or `desc`,
//!   `notes`, `text`, `summary`, `details`, …) becomes the event's source
//!   text; `category`, `type`, `group` or `kind` the category; `tags` the
//!   tags (a list, or split at `;`); `url` or `link` the url; the feature's
//!   `id` (else an `id` property) the id. The URLs of `sources` / `source`
//!   become links. Every other property is kept as an attribute (lists of
//!   strings or numbers as `a; b`, objects as their JSON text).
//! - Its geometry becomes the place (coordinates are `[longitude,
//!   latitude]`), named by the `location`, `place` or `place_name`
//!   property: a Point is the place; a `MultiPoint`, `LineString`, Polygon,
//!   `MultiPolygon` or `GeometryCollection` is placed at its centroid (see
//!   `geojson/geometry.rs`) with a warning saying so; `null` is no place.
//!   Positions out of range (latitude 120), swapped, a Point at `0, 0` or
//!   a geometry GeoJSON does not have are a warning at the geometry, and
//!   the event has no place.
//!
//! A feature without a date is skipped with a warning at the feature; one
//! whose date cannot be read, at the date. Only a file that is not JSON
//! (a located error at the line:column `serde_json` names), or not a
//! `FeatureCollection` or Feature, is an error.
//!
//! Hostile input: the file is read once by `serde_json` without keeping or
//! recursing into values; a feature's properties are taken unread and a
//! geometry is read as a value (at most 128 levels deep, as `serde_json`
//! allows; deeper is a warning); everything after is linear in the file.
//! Nothing is fetched (a `crs` or link is only text).

mod geometry;
mod properties;

use std::path::Path;

use serde_json::Value;
use serde_json::value::RawValue;

use super::cells::{Origin, Rows};
use super::common::{ImportOptions, extend_links, head, one_line, shorten};
use super::dates;
use super::detect::{Json, Probe};
use super::import::{Confidence, Draft, Import, Importer, Input, Item, Text};
use super::json::{JsonText, Members, scalar_text};
use super::records::MAX_COLUMNS;
use super::{DayMonthOrder, LoadError};
use crate::model::{Attributes, Date, DateParts, Document, Location};
use properties::{
    CATEGORY_NAMES, DESCRIPTION_NAMES, END_NAMES, ID_NAMES, PLACE_NAMES, Properties, Property,
    SOURCE_NAMES, START_NAMES, TAG_NAMES, TITLE_NAMES, URL_NAMES, time_partner,
};

/// The format's name, for people.
pub const FORMAT: &str = "GeoJSON";

/// Numbers from here up in a date property are milliseconds since 1970
/// (10¹¹ ms is March 1973; as seconds it would be the year 5138).
const MILLIS_FROM: f64 = 1e11;
/// The largest time JavaScript's `Date` holds, in milliseconds from 1970.
const MAX_JS_MILLIS: f64 = 8.64e15;

/// Longest title taken from the start of a feature's description.
const FALLBACK_TITLE_CHARS: usize = 80;

/// Features read between looks at the cancel request.
const CANCEL_EVERY: usize = 1024;

/// What the file expects to be, for errors.
const EXPECTED: &str =
    "expected a GeoJSON FeatureCollection {\"type\": \"FeatureCollection\", \"features\": […]}";

/// The GeoJSON importer.
pub struct GeoJson;

impl Importer for GeoJson {
    const FORMAT: super::Format = super::Format::GeoJson;

    /// An object with `"type": "FeatureCollection"` and `features`
    /// (certain); `features` whose first item has a `geometry` or
    /// `properties`, or a lone `Feature` (likely); broken JSON naming a
    /// `FeatureCollection` near its start (likely: its error is located as
    /// GeoJSON's); a `.geojson` name (extension).
    fn sniff(probe: &Probe<'_>) -> Confidence {
        let named_so = || head(probe.body(), 64 * 1024).contains("\"FeatureCollection\"");
        let json = probe.json();
        let first = json.first_item("features");
        let has = |key: &str| first.is_some_and(|keys| keys.iter().any(|k| k == key));
        if json.has("features")
            && json.has("type")
            && probe.body().contains("\"FeatureCollection\"")
        {
            Confidence::Certain
        } else if (json.has("features") && (has("geometry") || has("properties")))
            || (json.has("type") && json.has("geometry") && json.has("properties"))
            || (*json == Json::Not && probe.body().starts_with('{') && named_so())
        {
            Confidence::Likely
        } else if probe.extension() == "geojson" {
            Confidence::Extension
        } else {
            Confidence::No
        }
    }

    fn parse(input: &Input<'_>) -> Result<Document, LoadError> {
        read(input)
    }
}

/// Reads `text`, the content of the GeoJSON file at `path`.
pub fn parse(text: &str, path: &Path, options: &ImportOptions) -> Result<Document, LoadError> {
    super::import::parse_text::<GeoJson>(text, path, options)
}

/// Whether a readable GeoJSON `text` has features but none with a date
/// property of the names the importer knows: the import dialog then asks
/// which property holds the date.
#[must_use]
pub fn needs_mapping(text: &str, path: &Path) -> bool {
    let json = JsonText::new(text, path);
    let Ok(collection) = collection(&json) else {
        return false;
    };
    let options = ImportOptions::default();
    // Read up to the first feature with a date: usually the first.
    !collection.features.is_empty()
        && collection.features.iter().all(|&raw| {
            parts(raw).is_none_or(|p| !p.properties.has("start", &START_NAMES, &options))
        })
}

/// The features' properties as a CSV text, one column per property name (in
/// the order first seen) and one row per feature: what the import dialog
/// shows and maps.
pub fn table_text(text: &str, path: &Path) -> Result<String, LoadError> {
    let json = JsonText::new(text, path);
    let features = features(collection(&json)?.features);
    let mut headers: Vec<String> = Vec::new();
    let mut column_of = std::collections::HashMap::new();
    for (i, feature) in features.iter().enumerate() {
        for p in feature.parts.iter().flat_map(|p| p.properties.iter()) {
            if !column_of.contains_key(p.name) {
                if headers.len() == MAX_COLUMNS {
                    return Err(json.error(
                        json.offset_of(feature.raw),
                        &format!("features[{i}].properties"),
                        format!(
                            "more than {MAX_COLUMNS} different property names: expected features \
                             that share their properties, as the rows of a table do"
                        ),
                    ));
                }
                column_of.insert(p.name.to_owned(), headers.len());
                headers.push(p.name.to_owned());
            }
        }
    }
    let table_error =
        |e: ::csv::Error| json.error(0, "", format!("cannot make a table of the features: {e}"));
    let mut rows = Rows::new(headers.clone()).map_err(table_error)?;
    let mut cells = vec![String::new(); headers.len()];
    for feature in &features {
        cells.iter_mut().for_each(String::clear);
        for p in feature.parts.iter().flat_map(|p| p.properties.iter()) {
            if let Some(&c) = column_of.get(p.name) {
                cells[c] = super::json::cell_text(p.raw);
            }
        }
        let origin = Origin {
            row: json.location(json.offset_of(feature.raw)),
            cells: Vec::new(),
        };
        rows.push(origin, &cells).map_err(table_error)?;
    }
    Ok(rows.into_text())
}

/// A file's features, unread, and title.
struct Collection<'a> {
    title: Option<String>,
    /// What the features' paths start with: `features` (or `""` for a
    /// lone Feature).
    list: &'static str,
    features: Vec<&'a RawValue>,
}

/// One feature as found: its text, and its members when it is an object.
struct Feature<'a> {
    raw: &'a RawValue,
    parts: Option<Parts<'a>>,
}

/// A feature's members that are read.
struct Parts<'a> {
    id: Option<&'a RawValue>,
    geometry: Option<&'a RawValue>,
    properties: Properties<'a>,
    /// `properties` when it is neither an object nor `null`.
    bad_properties: Option<&'a RawValue>,
}

/// The first member called `key`.
fn member<'a>(members: &[(String, &'a RawValue)], key: &str) -> Option<&'a RawValue> {
    members.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
}

/// The features of `json`'s text, each unread.
fn collection<'a>(json: &JsonText<'a>) -> Result<Collection<'a>, LoadError> {
    let text = json.text;
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let base = text.len() - body.len();
    let root: &RawValue =
        serde_json::from_str(body).map_err(|e| json.json_error(base, body, "", &e, EXPECTED))?;
    let Ok(Members(top)) = serde_json::from_str::<Members<'_>>(root.get()) else {
        return Err(json.error(
            json.offset_of(root),
            "",
            format!("{EXPECTED}: not an object"),
        ));
    };
    let kind = member(&top, "type");
    let kind_text = kind.and_then(|k| serde_json::from_str::<String>(k.get()).ok());
    let title = ["name", "title"]
        .iter()
        .filter_map(|k| member(&top, k))
        .find_map(|raw| {
            serde_json::from_str::<Value>(raw.get())
                .ok()
                .as_ref()
                .and_then(scalar_text)
        });
    let (list, raws) = match kind_text.as_deref() {
        Some("FeatureCollection") => {
            let Some(features) = member(&top, "features") else {
                return Err(json.error(
                    json.offset_of(root),
                    "features",
                    format!("a FeatureCollection without \"features\": {EXPECTED}"),
                ));
            };
            ("features", json.array(features, "features")?)
        }
        Some("Feature") => ("", vec![root]),
        _ => {
            let (at, found) = match kind {
                Some(k) => (
                    json.offset_of(k),
                    format!("its \"type\" is {}", shorten(k.get(), 40)),
                ),
                None => (json.offset_of(root), "it has no \"type\"".to_owned()),
            };
            return Err(json.error(at, "type", format!("{EXPECTED}: {found}")));
        }
    };
    Ok(Collection {
        title,
        list,
        features: raws,
    })
}

/// Each feature of `raws` with the members that are read.
fn features(raws: Vec<&RawValue>) -> Vec<Feature<'_>> {
    raws.into_iter()
        .map(|raw| Feature {
            raw,
            parts: parts(raw),
        })
        .collect()
}

/// The members of feature `raw` that are read; `None` when it is no object.
fn parts(raw: &RawValue) -> Option<Parts<'_>> {
    let Members(members) = serde_json::from_str::<Members<'_>>(raw.get()).ok()?;
    let raw_properties = member(&members, "properties");
    let (properties, bad_properties) = match raw_properties {
        Some(p) if p.get() != "null" => match serde_json::from_str::<Members<'_>>(p.get()) {
            Ok(Members(props)) => (props, None),
            Err(_) => (Vec::new(), Some(p)),
        },
        _ => (Vec::new(), None),
    };
    Some(Parts {
        id: member(&members, "id"),
        geometry: member(&members, "geometry"),
        properties: Properties::new(properties),
        bad_properties,
    })
}

/// The notes said of features, each counted.
const CENTROIDS: &str = "placed at the centroid of their geometry (see warnings)";
const POINTS: &str = "placed at their Point";
const UNPLACED: &str = "geometries that cannot be a place, ignored (see warnings)";
const MILLISECONDS: &str = "numbers read as milliseconds since 1970 (UTC)";
const TIMES_JOINED: &str = "a time property joined to its date";
const FROM_DESCRIPTION: &str = "features without a title titled from their description";

fn read(input: &Input<'_>) -> Result<Document, LoadError> {
    let json = JsonText::new(input.text(), input.path);
    let collection = collection(&json)?;
    let features = features(collection.features);
    let mut reader = Reader {
        json: &json,
        import: Import::new(input, FORMAT, "feature"),
        order: input.options.day_month_order,
    };
    reader.import.doc.title = collection.title;
    reader.order = reader.infer_order(&features);
    let report = &mut reader.import.report;
    report.note(
        "the first of the properties date, start, start_date, event_date, time, datetime, timestamp with a value becomes start; end, end_date, date_end, until becomes end",
    );
    report.note(
        "title or name becomes title; description becomes source text; category or type becomes category; other properties become attributes",
    );
    report.note(
        "geometry becomes place ([longitude, latitude]; a Point itself, other geometries their centroid), named by location or place",
    );
    let n = features.len();
    for (i, feature) in features.iter().enumerate() {
        if i % CANCEL_EVERY == 0 {
            input.check_cancel()?;
        }
        let item = Item {
            noun: "feature",
            number: i + 1,
            at: input.location(json.offset_of(feature.raw)),
            path: if collection.list.is_empty() {
                "feature".to_owned()
            } else {
                format!("{}[{i}]", collection.list)
            },
        };
        reader.feature(&item, feature);
    }
    Ok(reader.import.finish(n))
}

/// A date as read, and whether it was a number of milliseconds.
struct Read {
    date: Date,
    millis: bool,
}

/// The file being read and the document being made of it.
struct Reader<'a> {
    json: &'a JsonText<'a>,
    import: Import<'a>,
    /// How all-numeric day/month dates are read.
    order: DayMonthOrder,
}

impl Reader<'_> {
    fn options(&self) -> &ImportOptions {
        self.import.input.options
    }

    /// The location of `raw`, a value of the file.
    fn at(&self, raw: &RawValue) -> Location {
        self.import.input.location(self.json.offset_of(raw))
    }

    /// The user's order, else the order the features' dates prove when
    /// they all prove the same (with a note naming one).
    fn infer_order(&mut self, features: &[Feature<'_>]) -> DayMonthOrder {
        if self.order != DayMonthOrder::Ask {
            return self.order;
        }
        let options = self.options().clone();
        let mut proofs: [(usize, Option<String>); 2] = [(0, None), (0, None)];
        for parts in features.iter().filter_map(|f| f.parts.as_ref()) {
            let props = &parts.properties;
            let dates = [
                props.find("start", &START_NAMES, &options),
                props.find("end", &END_NAMES, &options),
            ];
            for text in dates.iter().flatten().filter_map(Property::text) {
                let slot = match dates::evident_order(&text) {
                    Some(DayMonthOrder::DayFirst) => &mut proofs[0],
                    Some(DayMonthOrder::MonthFirst) => &mut proofs[1],
                    _ => continue,
                };
                slot.0 += 1;
                slot.1.get_or_insert(text);
            }
        }
        let (order, way, (count, example)) = match proofs {
            [(0, _), (0, _)] => return DayMonthOrder::Ask,
            [day, (0, _)] => (DayMonthOrder::DayFirst, "day", day),
            [(0, _), month] => (DayMonthOrder::MonthFirst, "month", month),
            _ => return DayMonthOrder::Ask,
        };
        let note = format!(
            "dates read {way} first: {} can only be read that way (such as {:?}), and none the other way",
            super::common::plural(count, "date", "dates"),
            example.unwrap_or_default()
        );
        self.import.report.note(&note);
        order
    }

    /// The date of property `p`: text as spreadsheets write it, or a
    /// number of milliseconds.
    fn date(&self, p: &Property<'_>) -> Result<Read, String> {
        let text = p.text().unwrap_or_default();
        if let Ok(Value::Number(n)) = serde_json::from_str::<Value>(p.raw.get())
            && let Some(ms) = n.as_f64().filter(|ms| ms.abs() >= MILLIS_FROM)
        {
            if ms.abs() > MAX_JS_MILLIS {
                return Err(format!(
                    "{n} is not a time in milliseconds since 1970 that JavaScript can hold"
                ));
            }
            #[allow(clippy::cast_possible_truncation)] // within ±8.64e15
            let ms = ms.round() as i64;
            return Date::from_parts(DateParts::from_unix_millis(ms))
                .map(|date| Read { date, millis: true })
                .map_err(|e| format!("cannot read {ms} ms as a date: {}", e.reason));
        }
        if p.raw.get().starts_with(['{', '[']) {
            return Err(format!("expected a date, found {}", shorten(&text, 40)));
        }
        dates::parse_loose(&text, self.order).map(|d| Read {
            date: d.date,
            millis: false,
        })
    }

    /// `item`, located at the value `raw` (a skip or a dropped end said
    /// where the value is).
    fn item_at(&self, item: &Item, raw: &RawValue) -> Item {
        Item {
            at: self.at(raw),
            ..item.clone()
        }
    }

    /// Reads one feature into an event, or skips it.
    fn feature(&mut self, item: &Item, feature: &Feature<'_>) {
        let Some(parts) = &feature.parts else {
            self.import.skip(
                item,
                "",
                "expected a Feature object {\"type\": \"Feature\", …}",
            );
            return;
        };
        if let Some(bad) = parts.bad_properties {
            let why = format!(
                "properties {} is not an object {{…}}; ignored",
                shorten(bad.get(), 40)
            );
            let at = self.at(bad);
            self.import.warn_item_at(item, Some(at), "properties", why);
        }
        let props = &parts.properties;
        let options = self.options().clone();
        let Some(start_p) = props.find("start", &START_NAMES, &options) else {
            let why = match properties::mapped(&options, "start") {
                Some(chosen) if !chosen.is_empty() => format!("no date in {chosen:?}"),
                _ => "no date (no property date, start, time, datetime or timestamp)".to_owned(),
            };
            self.import.skip(item, "properties", &why);
            return;
        };
        let mut used = vec![start_p.index];
        let start = match self.date(&start_p) {
            Ok(start) => start,
            Err(why) => {
                let field = format!("properties.{}", start_p.name);
                self.import
                    .skip(&self.item_at(item, start_p.raw), &field, &why);
                return;
            }
        };
        let mut start_date = start.date;
        if start.millis {
            self.import.report.count(MILLISECONDS, "date");
        }
        if let Some(time_p) = time_partner(start_p.name).and_then(|t| props.named(&t))
            && time_p.index != start_p.index
            && let Some(time) = time_p.text()
            && !start.millis
        {
            match dates::at_time(&start_date, &time) {
                Ok(at) => {
                    start_date = at;
                    used.push(time_p.index);
                    self.import.report.count(TIMES_JOINED, "feature");
                }
                Err(why) => {
                    let why = format!("{why}; kept as an attribute");
                    let at = self.at(time_p.raw);
                    let field = format!("properties.{}", time_p.name);
                    self.import.warn_item_at(item, Some(at), &field, why);
                }
            }
        }
        let mut draft = Draft::new(start_date);
        draft.title_field = "properties.title";
        draft.end_field = "properties.end";
        if let Some(end_p) = props.find("end", &END_NAMES, &options) {
            used.push(end_p.index);
            match self.date(&end_p) {
                Ok(end) => {
                    if end.millis {
                        self.import.report.count(MILLISECONDS, "date");
                    }
                    draft.end = Some(end.date);
                    draft.end_at = Some(self.json.offset_of(end_p.raw));
                }
                Err(why) => {
                    let field = format!("properties.{}", end_p.name);
                    self.import
                        .drop_end(&self.item_at(item, end_p.raw), &field, &why);
                }
            }
        }
        self.texts(parts, &mut draft, &mut used, &options);
        draft.place = self.place(item, parts);
        draft.attributes = attributes(props, &used);
        self.import.add(item, draft);
    }

    /// The title, text, category, tags, links and id of a feature.
    fn texts(
        &mut self,
        parts: &Parts<'_>,
        draft: &mut Draft,
        used: &mut Vec<usize>,
        options: &ImportOptions,
    ) {
        let props = &parts.properties;
        let mut take = |field: &str, names: &[&str]| {
            let p = props.find(field, names, options)?;
            used.push(p.index);
            Some((p, p.text()?))
        };
        let title = take("title", &TITLE_NAMES);
        let description = take("description", &DESCRIPTION_NAMES).map(|(_, d)| d);
        let category = take("category", &CATEGORY_NAMES).map(|(_, c)| one_line(&c));
        let tags = take("tags", &TAG_NAMES).map(|(_, t)| t);
        let url = take("url", &URL_NAMES).map(|(_, u)| u);
        let own_id = parts.id.and_then(|raw| {
            serde_json::from_str::<Value>(raw.get())
                .ok()
                .as_ref()
                .and_then(scalar_text)
                .map(|id| (raw, id))
        });
        let id = match own_id {
            Some(id) => Some(id),
            None => take("id", &ID_NAMES).map(|(p, id)| (p.raw, id)),
        };
        if let Some((p, t)) = title {
            draft.title = Some(one_line(&t));
            draft.title_at = Some(self.json.offset_of(p.raw));
        } else {
            draft.title = description.as_deref().and_then(fallback_title);
            if draft.title.is_some() {
                self.import.report.count(FROM_DESCRIPTION, "feature");
            }
        }
        draft.category = category;
        if let Some(tags) = tags {
            let separator = if tags.contains(';') { ';' } else { ',' };
            draft.tags = tags
                .split(separator)
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect();
        }
        draft.url = url;
        if let Some((raw, id)) = id {
            draft.id = Some(id);
            draft.id_at = Some(self.json.offset_of(raw));
        }
        let sources = SOURCE_NAMES
            .iter()
            .filter_map(|n| props.named(n))
            .filter_map(|p| p.text());
        let links = sources
            .flat_map(|s| {
                s.split([';', ' ', '\n'])
                    .map(str::trim)
                    .filter(|l| l.starts_with("http://") || l.starts_with("https://"))
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>();
        extend_links(&mut draft.links, links);
        if let Some(body) = description {
            draft.text = Some(Text {
                title: draft.title.clone().unwrap_or_default(),
                body,
                url: draft.url.clone(),
            });
        }
    }

    /// The place of a feature's geometry, named by its place property; a
    /// warning at the geometry when it is placed at a centroid or cannot
    /// be placed.
    fn place(&mut self, item: &Item, parts: &Parts<'_>) -> Option<crate::model::Place> {
        let raw = parts.geometry?;
        let at = Some(self.at(raw));
        let field = "geometry";
        let located = match serde_json::from_str::<Value>(raw.get()) {
            Ok(value) => geometry::locate(&value),
            Err(e) => Err(geometry::Unplaced::Shape(
                if e.to_string().contains("recursion limit") {
                    "the geometry nests deeper than 128 levels of lists and objects".to_owned()
                } else {
                    format!("the geometry cannot be read: {e}")
                },
            )),
        };
        match located {
            Ok(Some(located)) => {
                let name = PLACE_NAMES
                    .iter()
                    .find_map(|n| parts.properties.named(n))
                    .and_then(|p| p.text())
                    .map(|n| one_line(&n));
                if let Some(kind) = located.centroid_of {
                    self.import.report.count(CENTROIDS, "feature");
                    let why = format!("placed at the centroid of its {kind}");
                    self.import.warn_item_at(item, at, field, why);
                } else {
                    self.import.report.count(POINTS, "feature");
                }
                Some(located.place.named(name))
            }
            Ok(None) => None,
            Err(unplaced) => {
                self.import.report.count(UNPLACED, "feature");
                self.import
                    .warn_item_at(item, at, field, unplaced.message());
                None
            }
        }
    }
}

/// The first line of a description, shortened: a title for a feature
/// without one.
fn fallback_title(text: &str) -> Option<String> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    Some(shorten(line, FALLBACK_TITLE_CHARS))
}

/// The properties not `used` for a field, as attributes. Inserted in name
/// order, so that each goes at the end: a feature of many properties costs
/// their sort, not their number squared.
fn attributes(props: &Properties<'_>, used: &[usize]) -> Attributes {
    let mut kept: Vec<(&str, String)> = props
        .iter()
        .filter(|p| !used.contains(&p.index))
        .filter_map(|p| Some((p.name, p.text()?)))
        .collect();
    kept.sort_by(|a, b| a.0.cmp(b.0));
    let bytes = kept.iter().map(|(n, v)| n.len() + v.len()).sum();
    let mut attributes = Attributes::with_capacity(kept.len(), bytes);
    for (name, value) in kept {
        attributes.insert(name, value);
    }
    attributes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Event;

    const INCIDENTS: &str = include_str!("../../../../tests/data/geojson/incidents.geojson");

    fn read(text: &str) -> Result<Document, LoadError> {
        parse(text, Path::new("map.geojson"), &ImportOptions::default())
    }

    fn event(doc: &Document, id: &str) -> Event {
        (*doc.event(doc.event_by_id(id).unwrap()).unwrap()).clone()
    }

    fn warnings(doc: &Document) -> Vec<String> {
        doc.warnings
            .iter()
            .map(|w| format!("{} {}: {}", w.location, w.field, w.message))
            .collect()
    }

    #[test]
    fn dated_features_become_placed_events() {
        let doc = read(INCIDENTS).unwrap();
        assert_eq!(doc.format, "GeoJSON");
        assert_eq!(doc.title.as_deref(), Some("Incidents near Kharkiv"));
        let ids: Vec<String> = doc.iter_events().map(|e| e.id.clone()).collect();
        assert_eq!(ids, ["KH-001", "KH-002", "4", "KH-005"]);

        // A Point, longitude first; a date and a time joined; the rest kept.
        let strike = event(&doc, "KH-001");
        assert_eq!(strike.start.to_edtf(), "2022-02-24T05:10");
        assert_eq!(strike.title, "Strike on a residential building");
        assert_eq!(strike.category.as_deref(), Some("Strike"));
        let place = strike.place.as_ref().unwrap();
        assert_eq!((place.lat, place.lon), (49.85, 36.65));
        assert_eq!(place.name.as_deref(), Some("Chuhuiv"));
        let attributes: Vec<(&str, &str)> = strike.attributes.iter().collect();
        assert_eq!(
            attributes,
            [
                ("casualties", "1"),
                ("location", "Chuhuiv"),
                ("sources", "https://example.org/posts/101; KH-001-photo"),
                ("verified", "true"),
            ]
        );
        assert_eq!(strike.links, ["https://example.org/posts/101"]);
        let text = &doc.sources[strike.evidence[0].source].text;
        assert!(text.starts_with("A residential building was hit"), "{text}");

        // A Polygon: its centroid, with a warning at the geometry.
        let shelling = event(&doc, "KH-002");
        assert_eq!(shelling.title, "Shelling of the northern districts");
        assert_eq!(shelling.date_text(), "2022-03-01/2022-03-05");
        let place = shelling.place.as_ref().unwrap();
        assert!((place.lat - 50.0).abs() < 1e-9 && (place.lon - 36.3).abs() < 1e-9);
        assert_eq!(place.name.as_deref(), Some("Kharkiv, Saltivka"));

        let convoy = event(&doc, "4");
        assert_eq!(convoy.start.to_edtf(), "2022-03-10T08:00:00Z");
        let place = convoy.place.as_ref().unwrap();
        assert!((place.lat - 49.5).abs() < 1e-9 && (place.lon - 36.5).abs() < 1e-9);

        // Names in any case; no geometry, no place.
        let statement = event(&doc, "KH-005");
        assert_eq!(statement.start.to_edtf(), "2022-03-12");
        assert_eq!(statement.title, "Statement by the regional administration");
        assert_eq!(statement.category.as_deref(), Some("Statement"));
        assert_eq!(statement.place, None);

        assert_eq!(
            warnings(&doc),
            [
                "24:19 features[1].geometry: placed at the centroid of its Polygon",
                "36:5 features[2].properties: feature 3: no date (no property date, start, time, datetime or timestamp); skipped",
                "47:19 features[3].geometry: placed at the centroid of its LineString",
            ]
        );
        assert_eq!(doc.warnings[0].event, doc.event_by_id("KH-002"));
        assert_eq!(doc.warnings[1].event, None);
        assert_eq!(
            doc.notes
                .iter()
                .filter(|n| n.contains('('))
                .cloned()
                .collect::<Vec<_>>(),
            [
                "geometry becomes place ([longitude, latitude]; a Point itself, other geometries their centroid), named by location or place",
                "a time property joined to its date (1 feature)",
                "placed at their Point (1 feature)",
                "placed at the centroid of their geometry (see warnings) (2 features)",
                "skipped 1 feature (see warnings)",
            ]
        );
        assert_eq!(doc.notes[0], "4 of 5 features imported");
    }

    #[test]
    fn sniffing() {
        let sure = |text: &str, name: &str| GeoJson::sniff(&Probe::new(text, Path::new(name)));
        assert_eq!(sure(INCIDENTS, "x.json"), Confidence::Certain);
        assert_eq!(
            crate::formats::detect(INCIDENTS, Path::new("x.json")),
            Some(crate::formats::Format::GeoJson)
        );
        // Type after features, as some writers order it.
        assert_eq!(
            sure(r#"{"features": [], "type": "FeatureCollection"}"#, "x"),
            Confidence::Certain
        );
        assert_eq!(
            sure(
                r#"{"features": [{"geometry": null, "properties": {}}]}"#,
                "x"
            ),
            Confidence::Likely
        );
        assert_eq!(
            sure(
                r#"{"type": "Feature", "geometry": null, "properties": {}}"#,
                "x"
            ),
            Confidence::Likely
        );
        // Cut off: still GeoJSON, so its error is located as GeoJSON's.
        assert_eq!(
            sure(r#"{"type": "FeatureCollection", "features": [{"#, "x.json"),
            Confidence::Likely
        );
        assert_eq!(sure("{\"a\": ", "cut.geojson"), Confidence::Extension);
        assert_eq!(sure(r#"{"events": []}"#, "x.json"), Confidence::No);
        assert_eq!(sure(r#"[{"date": "2024"}]"#, "x.json"), Confidence::No);
        assert_eq!(
            crate::formats::detect(
                r#"{"chronoscope": 2, "features": [], "type": "FeatureCollection"}"#,
                Path::new("x.json")
            ),
            Some(crate::formats::Format::Native)
        );
    }

    #[test]
    fn broken_files_are_located_errors() {
        let error = |text: &str| read(text).unwrap_err().to_string();
        let cut = error(
            "{\"type\": \"FeatureCollection\",\n \"features\": [\n  {\"type\": \"Feature\", \"prop",
        );
        assert!(cut.starts_with("map.geojson:3:"), "{cut}");
        assert!(cut.contains("EOF"), "{cut}");
        let point = error("{\"type\": \"Point\", \"coordinates\": [1, 2]}");
        assert_eq!(
            point,
            "map.geojson:1:10: type: expected a GeoJSON FeatureCollection {\"type\": \"FeatureCollection\", \"features\": […]}: its \"type\" is \"Point\""
        );
        let list = error("[1, 2]");
        assert!(list.contains("not an object"), "{list}");
        let features = error("{\"type\": \"FeatureCollection\", \"features\": 7}");
        assert!(features.contains("features"), "{features}");
        let missing = error("{\"type\": \"FeatureCollection\"}");
        assert!(missing.contains("without \"features\""), "{missing}");
        // An empty collection is an empty document.
        let doc = read("{\"type\": \"FeatureCollection\", \"features\": []}").unwrap();
        assert_eq!(doc.event_count(), 0);
    }

    #[test]
    fn features_that_are_not_events_are_located_warnings() {
        let doc = read(concat!(
            "{\"type\": \"FeatureCollection\", \"features\": [\n",
            "7,\n",
            "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"date\": \"soon\"}},\n",
            "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [33.1, 120]}, \"properties\": {\"date\": \"2024-06-19\", \"end\": \"2024-06-18\", \"title\": \"Swapped\"}},\n",
            "{\"type\": \"Feature\", \"geometry\": {\"type\": \"Circle\", \"radius\": 3}, \"properties\": [1]},\n",
            "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"date\": \"2024-06-20\", \"time\": \"late\", \"end\": \"whenever\"}}\n",
            "]}"
        ))
        .unwrap();
        assert_eq!(doc.event_count(), 2);
        assert_eq!(
            warnings(&doc),
            [
                "2:1 features[0]: feature 1: expected a Feature object {\"type\": \"Feature\", …}; skipped",
                "3:62 features[1].properties.date: feature 2: cannot read \"soon\" in \"soon\": expected an English month name, expected a date such as 2024-06-19, 2024-06-19 14:30, 19/06/2024, 19 June 2024, June 2024 or 1984; skipped",
                "4:33 features[2].geometry: Point [33.1,120]: latitude 120 is outside -90 to 90 and longitude 33.1 is not: the two look swapped; no place",
                "4:124 features[2].properties.end: the end 2024-06-18 is before the start 2024-06-19; end dropped",
                "5:80 features[3].properties: properties [1] is not an object {…}; ignored",
                "5:1 features[3].properties: feature 4: no date (no property date, start, time, datetime or timestamp); skipped",
                "6:84 features[4].properties.time: cannot read \"late\" as a time: expected HH:MM, HH:MM:SS or 2:30 PM; kept as an attribute",
                "6:99 features[4].properties.end: cannot read \"whenever\" in \"whenever\": expected an English month name, expected a date such as 2024-06-19, 2024-06-19 14:30, 19/06/2024, 19 June 2024, June 2024 or 1984; end dropped",
                "6:1 features[4].properties.title: no properties.title: titled \"(untitled)\"",
            ]
        );
    }

    #[test]
    fn numbers_are_milliseconds_from_1e11_and_text_below() {
        let doc = read(concat!(
            "{\"type\": \"FeatureCollection\", \"features\": [",
            "{\"type\": \"Feature\", \"id\": \"quake\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [-117.5, 35.7, 8.2]}, \"properties\": {\"time\": 1562383193040, \"title\": \"M 7.1 - Ridgecrest\", \"mag\": 7.1}},",
            "{\"type\": \"Feature\", \"id\": \"year\", \"geometry\": null, \"properties\": {\"date\": 1984, \"title\": \"A year\"}}",
            "]}"
        ))
        .unwrap();
        assert_eq!(
            event(&doc, "quake").start.to_edtf(),
            "2019-07-06T03:19:53.04Z"
        );
        assert_eq!(event(&doc, "quake").attributes.get("mag"), Some("7.1"));
        assert_eq!(event(&doc, "year").start.to_edtf(), "1984");
        assert!(
            doc.notes
                .iter()
                .any(|n| n == "numbers read as milliseconds since 1970 (UTC) (1 date)"),
            "{:?}",
            doc.notes
        );
    }

    #[test]
    fn day_month_order_is_the_users_or_the_one_the_dates_prove() {
        let text = concat!(
            "{\"type\": \"FeatureCollection\", \"features\": [",
            "{\"type\": \"Feature\", \"id\": \"a\", \"geometry\": null, \"properties\": {\"date\": \"02/24/2022\", \"time\": \"00:00\"}},",
            "{\"type\": \"Feature\", \"id\": \"b\", \"geometry\": null, \"properties\": {\"date\": \"03/01/2022\"}}",
            "]}"
        );
        let doc = read(text).unwrap();
        assert_eq!(event(&doc, "a").start.to_edtf(), "2022-02-24T00:00");
        assert_eq!(event(&doc, "b").start.to_edtf(), "2022-03-01");
        assert!(
            doc.notes
                .iter()
                .any(|n| n.starts_with("dates read month first: 1 date")),
            "{:?}",
            doc.notes
        );
        let day_first = ImportOptions {
            day_month_order: DayMonthOrder::DayFirst,
            ..ImportOptions::default()
        };
        let doc = parse(text, Path::new("m.geojson"), &day_first).unwrap();
        // The user's order wins: 03/01 is 3 January (02/24 can only be
        // read one way).
        assert_eq!(event(&doc, "a").start.to_edtf(), "2022-02-24T00:00");
        assert_eq!(event(&doc, "b").start.to_edtf(), "2022-01-03");
    }

    #[test]
    fn the_chosen_property_holds_the_date() {
        let text = concat!(
            "{\"type\": \"FeatureCollection\", \"features\": [\n",
            "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"observed\": \"2024-06-19\", \"label\": \"Seen\", \"Kind\": \"sighting\"}}\n",
            "]}"
        );
        let path = Path::new("chosen.geojson");
        assert!(needs_mapping(text, path));
        assert!(!needs_mapping(INCIDENTS, path));
        assert!(!needs_mapping("{", path));
        assert_eq!(
            table_text(text, path).unwrap(),
            "observed,label,Kind\n2024-06-19,Seen,sighting\n"
        );
        assert_eq!(read(text).unwrap().event_count(), 0);
        let chosen = ImportOptions {
            mapping: vec![
                ("start".into(), "observed".into()),
                ("category".into(), "kind".into()),
            ],
            ..ImportOptions::default()
        };
        let doc = parse(text, path, &chosen).unwrap();
        let seen = doc.event(0).unwrap();
        assert_eq!(seen.start.to_edtf(), "2024-06-19");
        assert_eq!(seen.title, "Seen");
        assert_eq!(seen.category.as_deref(), Some("sighting"));
        assert!(seen.attributes.is_empty());
    }

    #[test]
    fn regression_many_properties_or_features_take_linear_time() {
        use std::fmt::Write as _;
        // One feature of 200,000 properties, in reverse name order.
        let mut text = String::from(
            "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"date\": \"2024\"",
        );
        for i in (0..200_000).rev() {
            write!(text, ", \"p{i:06}\": {i}").unwrap();
        }
        text.push_str("}}");
        // And 50,000 small features, each with a polygon.
        for i in 0..50_000 {
            write!(
                text,
                ", {{\"type\": \"Feature\", \"geometry\": {{\"type\": \"Polygon\", \"coordinates\": [[[1,1],[2,1],[2,2],[1,1]]]}}, \"properties\": {{\"date\": \"2024-01-01\", \"title\": \"f{i}\"}}}}"
            )
            .unwrap();
        }
        text.push_str("]}");
        let started = std::time::Instant::now();
        let doc = read(&text).unwrap();
        assert!(
            started.elapsed() < std::time::Duration::from_mins(1),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(doc.event_count(), 50_001);
        let most = doc.iter_events().map(|e| e.attributes.len()).max();
        assert_eq!(most, Some(200_000));
    }

    #[test]
    fn deep_values_are_warnings_not_a_stack_overflow() {
        let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
        let text = format!(
            "{{\"type\": \"FeatureCollection\", \"features\": [{{\"type\": \"Feature\", \"geometry\": {{\"type\": \"Polygon\", \"coordinates\": {deep}}}, \"properties\": {{\"date\": \"2024\", \"title\": \"Deep\", \"deep\": {deep}}}}}]}}"
        );
        let doc = read(&text).unwrap();
        assert_eq!(doc.event_count(), 1);
        assert_eq!(
            warnings(&doc),
            [
                "1:76 features[0].geometry: the geometry nests deeper than 128 levels of lists and objects; no place"
            ]
        );
    }
}
