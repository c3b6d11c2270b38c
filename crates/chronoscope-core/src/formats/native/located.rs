//! The located reader of native files: every object is first read as a map
//! of raw JSON slices that borrow from the file text, so each value keeps its
//! byte offset and every error and warning can name the exact line:column and
//! field path (`events[3].start`). Unknown fields are ignored; a key repeated
//! in one object is an error (taking either would silently drop the other).
//!
//! It reads each value twice, too slow for files of a million events: those
//! that load cleanly are read by [`super::fast`] instead.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::{VERSIONS_READ, versions_read};
use crate::formats::common::shorten;
use crate::formats::json::JsonText;
use crate::formats::{LoadError, Progress};
use crate::model::{
    Date, Document, DocumentBuilder, Event, Evidence, Period, Place, PlacePrecision, PlaceProblem,
    Source, Warning, quote,
};

/// An object's fields as raw slices of the text, and the keys that appeared
/// again: JSON leaves repeated keys to the reader, and taking either
/// silently drops what the other held (a whole list of events). Reading a
/// repeated field is an error; a repeated field that is not read (an
/// unknown one) does not matter.
struct Object<'a> {
    fields: BTreeMap<String, &'a RawValue>,
    repeated: Vec<(String, &'a RawValue)>,
}

impl<'a> std::ops::Deref for Object<'a> {
    type Target = BTreeMap<String, &'a RawValue>;
    fn deref(&self) -> &Self::Target {
        &self.fields
    }
}

impl<'de: 'a, 'a> serde::Deserialize<'de> for Object<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> serde::de::Visitor<'de> for Fields {
            type Value = Object<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut object = Object {
                    fields: BTreeMap::new(),
                    repeated: Vec::new(),
                };
                while let Some(key) = map.next_key::<String>()? {
                    let value: &'de RawValue = map.next_value()?;
                    match object.fields.entry(key) {
                        std::collections::btree_map::Entry::Occupied(first) => {
                            object.repeated.push((first.key().clone(), value));
                        }
                        std::collections::btree_map::Entry::Vacant(slot) => {
                            slot.insert(value);
                        }
                    }
                }
                Ok(object)
            }
        }
        deserializer.deserialize_map(Fields)
    }
}

/// Reads `text` value by value, locating every error and warning.
pub(super) fn parse(
    text: &str,
    path: &Path,
    read_text: &dyn Fn(&str) -> std::io::Result<String>,
    progress: &Progress,
) -> Result<Document, LoadError> {
    let p = Parser {
        json: JsonText::new(text, path),
    };
    // A UTF-8 byte order mark is not JSON, but editors write it.
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root: Object<'_> = serde_json::from_str(body)
        .map_err(|e| p.json_error(text.len() - body.len(), body, "", &e, ""))?;
    let root = Obj {
        map: root,
        path: String::new(),
        offset: text.len() - body.len(),
    };

    let (version, at) = p.required::<u64>(&root, "chronoscope", "the format version, 1, 2 or 3")?;
    if !VERSIONS_READ.contains(&version) {
        return Err(p.error(
            at,
            "chronoscope",
            format!(
                "unsupported format version {version}: this Chronoscope reads versions {}",
                versions_read()
            ),
        ));
    }

    let mut doc = DocumentBuilder {
        name: path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        title: p.optional::<String>(&root, "title")?.map(|(v, _)| v),
        description: p.optional::<String>(&root, "description")?.map(|(v, _)| v),
        ..DocumentBuilder::default()
    };

    "Chronoscope JSON".clone_into(&mut doc.format);
    for obj in p.array_of_objects(&root, "categories")? {
        let (name, _) = p.required_text(&obj, "name", "the category's name")?;
        if let Some((color, at)) = p.optional::<String>(&obj, "color")? {
            let rgb = super::parse_hex_color(&color).ok_or_else(|| {
                p.error(
                    at,
                    &obj.field("color"),
                    format!("expected a colour such as \"#1f77b4\", found {color:?}"),
                )
            })?;
            doc.category_colors.insert(name, rgb);
        }
    }
    for obj in p.array_of_objects(&root, "periods")? {
        let (title, _) = p.required_text(&obj, "title", "the period's title")?;
        let (start, _) = p.required::<Date>(&obj, "start", "a start date such as 1914")?;
        let (end, end_at) = p.required::<Date>(&obj, "end", "an end date such as 1918")?;
        if end.end_seconds() < start.start_seconds() {
            return Err(p.error(
                end_at,
                &obj.field("end"),
                format!("the end {end} is before the start {start}"),
            ));
        }
        doc.periods.push(Period {
            title,
            start,
            end,
            description: p.optional_text(&obj, "description")?,
        });
    }

    let mut source_ids: HashMap<String, usize> = HashMap::new();
    for (i, obj) in p
        .array_of_objects(&root, "sources")?
        .into_iter()
        .enumerate()
    {
        let source = p.source(&obj, read_text)?;
        if source_ids.insert(source.id.clone(), i).is_some() {
            let at = obj.map.get("id").map_or(obj.offset, |r| p.offset_of(r));
            return Err(p.error(
                at,
                &obj.field("id"),
                format!(
                    "duplicate source id {:?}: each source needs its own id",
                    source.id
                ),
            ));
        }
        doc.sources.push(source);
    }

    if !root.map.contains_key("events") {
        return Err(p.error(
            root.offset,
            "events",
            "missing field: expected a list of events".into(),
        ));
    }
    // Offsets, not locations: a location is computed only for an error
    // (computing one per event would read the file once per event).
    let mut event_ids: HashMap<String, usize> = HashMap::new();
    let haystacks: Vec<quote::Haystack<'_>> = doc
        .sources
        .iter()
        .map(|s| quote::Haystack::new(&s.text))
        .collect();
    for (i, obj) in p.array_of_objects(&root, "events")?.into_iter().enumerate() {
        if i % 4096 == 0 {
            if progress.is_cancelled() {
                return Err(LoadError::Cancelled {
                    path: path.to_path_buf(),
                });
            }
            progress.report(obj.offset as u64, i as u64);
        }
        let (event, id_at) = p.event(
            &obj,
            &source_ids,
            &haystacks,
            &mut doc.warnings,
            doc.events.len(),
        )?;
        if let Some(&first) = event_ids.get(&event.id) {
            let first = p.location(first);
            return Err(p.error(
                id_at,
                &obj.field("id"),
                format!("duplicate event id {:?} (first used at line {first}): each event needs its own id", event.id),
            ));
        }
        event_ids.insert(event.id.clone(), id_at);
        doc.events.push(event);
    }
    Ok(doc.build())
}

/// A JSON object with where it is.
struct Obj<'a> {
    map: Object<'a>,
    /// Its JSON path, e.g. `events[2]`.
    path: String,
    /// Byte offset of its opening brace.
    offset: usize,
}

impl Obj<'_> {
    fn field(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }
}

/// The file being read; its located-JSON helpers come from [`JsonText`].
struct Parser<'a> {
    json: JsonText<'a>,
}

impl<'a> std::ops::Deref for Parser<'a> {
    type Target = JsonText<'a>;
    fn deref(&self) -> &JsonText<'a> {
        &self.json
    }
}

impl<'a> Parser<'a> {
    /// Reads a raw value as `T`, locating any error at the value.
    fn decode<T: DeserializeOwned>(&self, raw: &RawValue, field: &str) -> Result<T, LoadError> {
        serde_json::from_str(raw.get())
            .map_err(|e| self.json_error(self.offset_of(raw), raw.get(), field, &e, ""))
    }

    fn optional<T: DeserializeOwned>(
        &self,
        obj: &Obj<'a>,
        key: &str,
    ) -> Result<Option<(T, usize)>, LoadError> {
        let Some(raw) = self.field(obj, key)? else {
            return Ok(None);
        };
        let value: Option<T> = self.decode(raw, &obj.field(key))?;
        Ok(value.map(|v| (v, self.offset_of(raw))))
    }

    fn required<T: DeserializeOwned>(
        &self,
        obj: &Obj<'a>,
        key: &str,
        expected: &str,
    ) -> Result<(T, usize), LoadError> {
        self.optional(obj, key)?.ok_or_else(|| {
            self.error(
                obj.offset,
                &obj.field(key),
                format!("missing field: expected {expected}"),
            )
        })
    }

    /// A required, non-empty string field.
    fn required_text(
        &self,
        obj: &Obj<'a>,
        key: &str,
        expected: &str,
    ) -> Result<(String, usize), LoadError> {
        let (value, at) = self.required::<String>(obj, key, expected)?;
        if value.trim().is_empty() {
            return Err(self.error(at, &obj.field(key), format!("empty: expected {expected}")));
        }
        Ok((value, at))
    }

    /// An optional string field; empty strings count as absent.
    fn optional_text(&self, obj: &Obj<'a>, key: &str) -> Result<Option<String>, LoadError> {
        Ok(self
            .optional::<String>(obj, key)?
            .map(|(v, _)| v)
            .filter(|v| !v.trim().is_empty()))
    }

    /// The raw value of field `key` of `obj`; an error when the object has
    /// the key twice.
    fn field(&self, obj: &Obj<'a>, key: &str) -> Result<Option<&'a RawValue>, LoadError> {
        let Some(&first) = obj.map.get(key) else {
            return Ok(None);
        };
        if let Some((_, second)) = obj.map.repeated.iter().find(|(k, _)| k == key) {
            let first = self.location(self.offset_of(first));
            return Err(self.error(
                self.offset_of(second),
                &obj.field(key),
                format!(
                    "{key:?} appears twice in one object (first at line {first}): \
                     each field may be given once, or one of the two would be lost"
                ),
            ));
        }
        Ok(Some(first))
    }

    fn object(&self, raw: &'a RawValue, path: String) -> Result<Obj<'a>, LoadError> {
        let offset = self.offset_of(raw);
        let map: Object<'a> = serde_json::from_str(raw.get()).map_err(|e| {
            let mut err = self.json_error(offset, raw.get(), &path, &e, "");
            if let LoadError::Invalid { message, .. } = &mut err
                && e.is_data()
            {
                *message = format!("expected an object {{…}}: {message}");
            }
            err
        })?;
        Ok(Obj { map, path, offset })
    }

    /// The objects of the optional array field `key` (absent: none).
    fn array_of_objects(&self, obj: &Obj<'a>, key: &str) -> Result<Vec<Obj<'a>>, LoadError> {
        let Some(raw) = self.field(obj, key)? else {
            return Ok(Vec::new());
        };
        let field = obj.field(key);
        let items: Option<Vec<&'a RawValue>> = serde_json::from_str(raw.get())
            .map_err(|e| self.json_error(self.offset_of(raw), raw.get(), &field, &e, ""))?;
        items
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(i, item)| self.object(item, format!("{field}[{i}]")))
            .collect()
    }

    fn source(
        &self,
        obj: &Obj<'a>,
        read_text: &dyn Fn(&str) -> std::io::Result<String>,
    ) -> Result<Source, LoadError> {
        let (id, _) = self.required_text(obj, "id", "a source id string")?;
        let title = self
            .optional_text(obj, "title")?
            .unwrap_or_else(|| id.clone());
        let inline = self.optional::<String>(obj, "text")?;
        let file = self.optional::<String>(obj, "text_file")?;
        let (text, text_file) = match (inline, file) {
            (Some(_), Some((_, at))) => {
                return Err(self.error(
                    at,
                    &obj.field("text_file"),
                    "a source has either `text` or `text_file`, not both".into(),
                ));
            }
            (Some((text, _)), None) => (text, None),
            (None, Some((name, at))) => {
                let text = read_text(&name).map_err(|e| {
                    self.error(
                        at,
                        &obj.field("text_file"),
                        format!("cannot read {name:?} (relative to the event file): {e}"),
                    )
                })?;
                (text, Some(name))
            }
            (None, None) => {
                return Err(self.error(
                    obj.offset,
                    &obj.field("text"),
                    "missing field: expected the source's `text`, or a `text_file` path".into(),
                ));
            }
        };
        Ok(Source {
            id,
            title,
            author: self.optional_text(obj, "author")?,
            publisher: self.optional_text(obj, "publisher")?,
            url: self.optional_text(obj, "url")?,
            published: self.optional::<Date>(obj, "published")?.map(|(d, _)| d),
            text,
            text_file,
        })
    }

    /// Reads an event; returns it with the offset of its id.
    fn event(
        &self,
        obj: &Obj<'a>,
        source_ids: &HashMap<String, usize>,
        sources: &[quote::Haystack<'_>],
        warnings: &mut Vec<Warning>,
        index: usize,
    ) -> Result<(Event, usize), LoadError> {
        let (id, id_at) = self.required_text(obj, "id", "an event id string")?;
        let (title, _) = self.required_text(obj, "title", "the event's title")?;
        let (start, _) = self.required::<Date>(obj, "start", "a start date such as 2024-06-19")?;
        let end = match self.optional::<Date>(obj, "end")? {
            Some((end, at)) if end.end_seconds() < start.start_seconds() => {
                return Err(self.error(
                    at,
                    &obj.field("end"),
                    format!("the end {end} is before the start {start}"),
                ));
            }
            other => other.map(|(d, _)| d),
        };
        let mut evidence = Vec::new();
        for item in self.array_of_objects(obj, "evidence")? {
            let (source_id, source_at) =
                self.required_text(&item, "source", "the id of a source")?;
            let Some(&source) = source_ids.get(&source_id) else {
                let mut known: Vec<&str> = source_ids.keys().map(String::as_str).collect();
                known.sort_unstable();
                let known = if known.is_empty() {
                    "the file defines no sources".to_owned()
                } else {
                    format!("expected one of: {}", known.join(", "))
                };
                return Err(self.error(
                    source_at,
                    &item.field("source"),
                    format!("unknown source {source_id:?}: {known}"),
                ));
            };
            // No quote (or an empty one): the whole source text is the evidence.
            let (text, quote_at) = self
                .optional::<String>(&item, "quote")?
                .unwrap_or((String::new(), item.offset));
            // The occurrence nearest the hint, in characters, when one is given.
            let hint = match self.field(&item, "at")? {
                None => None,
                Some(raw) => serde_json::from_str::<Option<u64>>(raw.get())
                    .map_err(|e| {
                        self.json_error(
                            self.offset_of(raw),
                            raw.get(),
                            &item.field("at"),
                            &e,
                            "expected where the quote was taken: a number of characters from 0",
                        )
                    })?
                    .map(|at| usize::try_from(at).unwrap_or(usize::MAX)),
            };
            let hay = &sources[source];
            let location = match hint {
                Some(at) => hay.locate_near(&text, hay.byte_of_char(at)),
                None => hay.locate(&text),
            };
            if location.is_none() && !text.trim().is_empty() {
                warnings.push(Warning {
                    location: self.location(quote_at),
                    field: item.field("quote"),
                    message: format!(
                        "event {id:?}: quote not found in source {source_id:?}: {:?}",
                        shorten(&text, 80)
                    ),
                    event: Some(index),
                });
            }
            evidence.push(Evidence {
                source,
                quote: text,
                note: self.optional_text(&item, "note")?,
                at: location
                    .as_ref()
                    .map(|r| hay.char_of_byte(r.start))
                    .or(hint),
                location,
            });
        }
        let tags = self
            .optional::<Vec<String>>(obj, "tags")?
            .map(|(t, _)| t)
            .unwrap_or_default();
        let place = match self.place(obj)? {
            Ok(place) => place,
            Err(PlaceWarning { at, field, why }) => {
                warnings.push(Warning {
                    location: self.location(at),
                    field,
                    message: format!("event {id:?}: {why}; kept without a place"),
                    event: Some(index),
                });
                None
            }
        };
        let event = Event {
            end,
            category: self.optional_text(obj, "category")?,
            tags,
            summary: self.optional_text(obj, "summary")?,
            url: self.optional_text(obj, "url")?,
            links: self
                .optional::<Vec<String>>(obj, "links")?
                .map(|(l, _)| l)
                .unwrap_or_default(),
            evidence,
            attributes: self
                .optional::<BTreeMap<String, String>>(obj, "attributes")?
                .map(|(a, _)| a)
                .unwrap_or_default()
                .into(),
            place: place.map(Box::new),
            ..Event::new(id, title, start)
        };
        Ok((event, id_at))
    }

    /// The event's `place` (version 3), if it has one. A place that cannot
    /// be taken (not an object, coordinates that are missing, not numbers,
    /// out of range, swapped or `0, 0`, a precision not known) is a
    /// [`PlaceWarning`] at the value it is about: the event is kept without
    /// it. Only what is an error everywhere (a key given twice) is one here.
    fn place(&self, obj: &Obj<'a>) -> Result<Result<Option<Place>, PlaceWarning>, LoadError> {
        let Some(raw) = self.field(obj, "place")? else {
            return Ok(Ok(None));
        };
        if raw.get() == "null" {
            return Ok(Ok(None));
        }
        let at = self.offset_of(raw);
        let path = obj.field("place");
        let Ok(map) = serde_json::from_str::<Object<'a>>(raw.get()) else {
            return Ok(Err(PlaceWarning {
                at,
                field: path,
                why: format!(
                    "expected a place {{\"lat\": …, \"lon\": …}}, found {}",
                    shorten(raw.get(), 40)
                ),
            }));
        };
        let place = Obj {
            map,
            path,
            offset: at,
        };
        let lat = match self.degrees(&place, "lat", "latitude", 90)? {
            Ok(lat) => lat,
            Err(w) => return Ok(Err(w)),
        };
        let lon = match self.degrees(&place, "lon", "longitude", 180)? {
            Ok(lon) => lon,
            Err(w) => return Ok(Err(w)),
        };
        let checked = Place::checked(lat.0, lon.0).map_err(|problem| {
            let (at, field) = match problem {
                PlaceProblem::Latitude(_) => (lat.1, place.field("lat")),
                PlaceProblem::Longitude(_) => (lon.1, place.field("lon")),
                _ => (place.offset, place.path.clone()),
            };
            PlaceWarning {
                at,
                field,
                why: problem.to_string(),
            }
        });
        let mut checked = match checked {
            Ok(checked) => checked,
            Err(w) => return Ok(Err(w)),
        };
        if let Some(raw) = self.field(&place, "name")?
            && raw.get() != "null"
        {
            match serde_json::from_str::<String>(raw.get()) {
                Ok(name) => checked = checked.named(Some(name)),
                Err(_) => {
                    return Ok(Err(PlaceWarning {
                        at: self.offset_of(raw),
                        field: place.field("name"),
                        why: format!(
                            "expected the place's name as a string, found {}",
                            shorten(raw.get(), 40)
                        ),
                    }));
                }
            }
        }
        if let Some(raw) = self.field(&place, "precision")?
            && raw.get() != "null"
        {
            let word = serde_json::from_str::<String>(raw.get()).ok();
            match word.as_deref().and_then(PlacePrecision::parse) {
                Some(precision) => checked.precision = Some(precision),
                None => {
                    return Ok(Err(PlaceWarning {
                        at: self.offset_of(raw),
                        field: place.field("precision"),
                        why: format!(
                            "expected a precision of exact, town, region or country, found {}",
                            shorten(raw.get(), 40)
                        ),
                    }));
                }
            }
        }
        Ok(Ok(Some(checked)))
    }

    /// The number of degrees of field `key` of a place object, with its
    /// offset; a warning when it is missing or not a number (its range is
    /// [`Place::checked`]'s to judge).
    fn degrees(
        &self,
        place: &Obj<'a>,
        key: &str,
        what: &str,
        range: u8,
    ) -> Result<Result<(f64, usize), PlaceWarning>, LoadError> {
        let expected = format!("the {what} as a number of degrees from -{range} to {range}");
        let raw = self.field(place, key)?.filter(|raw| raw.get() != "null");
        let Some(raw) = raw else {
            return Ok(Err(PlaceWarning {
                at: place.offset,
                field: place.field(key),
                why: format!("no {what}: expected {key:?}, {expected}"),
            }));
        };
        let at = self.offset_of(raw);
        Ok(serde_json::from_str::<f64>(raw.get())
            .map(|value| (value, at))
            .map_err(|_| PlaceWarning {
                at,
                field: place.field(key),
                why: format!("expected {expected}, found {}", shorten(raw.get(), 40)),
            }))
    }
}

/// Why an event's place is not taken: where, the field path, and what was
/// wrong and expected.
struct PlaceWarning {
    at: usize,
    field: String,
    why: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(events: &str) -> Document {
        let text = format!("{{\"chronoscope\": 3, \"events\": [\n{events}\n]}}");
        parse(
            &text,
            Path::new("places.json"),
            &|_| Err(std::io::Error::other("no files")),
            &Progress::default(),
        )
        .unwrap()
    }

    /// Warnings as `check` prints them, less the file name.
    fn warnings(doc: &Document) -> Vec<String> {
        doc.warnings
            .iter()
            .map(|w| format!("{}: {}: {}", w.location, w.field, w.message))
            .collect()
    }

    #[test]
    fn a_place_is_read_with_its_name_and_precision() {
        let doc = read(
            r#"{"id": "a", "title": "A", "start": "2024", "place": {"lat": 49.85, "lon": 36.65, "name": "Chuhuiv", "precision": "town"}},
{"id": "b", "title": "B", "start": "2025", "place": {"lat": -33, "lon": -70.6, "name": " "}},
{"id": "c", "title": "C", "start": "2026", "place": null}"#,
        );
        assert!(doc.warnings.is_empty(), "{:?}", warnings(&doc));
        let place = |i: usize| doc.event(i).unwrap().place.as_deref().cloned();
        assert_eq!(
            place(0),
            Some(Place {
                lat: 49.85,
                lon: 36.65,
                name: Some("Chuhuiv".to_owned()),
                precision: Some(PlacePrecision::Town),
            })
        );
        assert_eq!(
            place(1),
            Some(Place {
                lat: -33.0,
                lon: -70.6,
                name: None,
                precision: None,
            })
        );
        assert_eq!(place(2), None);
    }

    #[test]
    fn a_place_that_cannot_be_taken_is_a_located_warning_and_the_event_stays() {
        let doc = read(
            r#"{"id": "swapped", "title": "A", "start": "2024", "place": {"lat": 120.5, "lon": 33.1}},
{"id": "null-island", "title": "A", "start": "2024", "place": {"lat": 0, "lon": 0}},
{"id": "north", "title": "A", "start": "2024", "place": {"lat": 95, "lon": 120}},
{"id": "east", "title": "A", "start": "2024", "place": {"lat": 45, "lon": -181}},
{"id": "text", "title": "A", "start": "2024", "place": {"lat": "49.85", "lon": 36.65}},
{"id": "half", "title": "A", "start": "2024", "place": {"lat": 49.85}},
{"id": "street", "title": "A", "start": "2024", "place": {"lat": 49.85, "lon": 36.65, "precision": "street"}},
{"id": "named", "title": "A", "start": "2024", "place": {"lat": 49.85, "lon": 36.65, "name": 5}},
{"id": "list", "title": "A", "start": "2024", "place": [49.85, 36.65]}"#,
        );
        assert_eq!(doc.event_count(), 9);
        assert!(doc.iter_events().all(|e| e.place.is_none()));
        assert_eq!(
            warnings(&doc),
            [
                "2:59: events[0].place: event \"swapped\": latitude 120.5 is outside -90 to 90 and longitude 33.1 is not: the two look swapped; kept without a place",
                "3:63: events[1].place: event \"null-island\": 0, 0 is the placeholder tools write for an unknown place (a point in the Gulf of Guinea); kept without a place",
                "4:65: events[2].place.lat: event \"north\": latitude 95 is outside -90 to 90; kept without a place",
                "5:75: events[3].place.lon: event \"east\": longitude -181 is outside -180 to 180; kept without a place",
                "6:64: events[4].place.lat: event \"text\": expected the latitude as a number of degrees from -90 to 90, found \"49.85\"; kept without a place",
                "7:56: events[5].place.lon: event \"half\": no longitude: expected \"lon\", the longitude as a number of degrees from -180 to 180; kept without a place",
                "8:100: events[6].place.precision: event \"street\": expected a precision of exact, town, region or country, found \"street\"; kept without a place",
                "9:94: events[7].place.name: event \"named\": expected the place's name as a string, found 5; kept without a place",
                "10:56: events[8].place: event \"list\": expected a place {\"lat\": …, \"lon\": …}, found [49.85, 36.65]; kept without a place",
            ]
        );
        // Each warning names its event.
        for w in &doc.warnings {
            let event = doc.event(w.event.unwrap()).unwrap();
            assert!(w.message.contains(&format!("{:?}", event.id)), "{w:?}");
        }
    }

    #[test]
    fn a_key_given_twice_in_a_place_is_an_error() {
        let text = r#"{"chronoscope": 3, "events": [{"id": "a", "title": "A", "start": "2024", "place": {"lat": 1, "lon": 2, "lat": 3}}]}"#;
        let err = parse(
            text,
            Path::new("twice.json"),
            &|_| Err(std::io::Error::other("no files")),
            &Progress::default(),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("twice.json:1:111: events[0].place.lat: \"lat\" appears twice"),
            "{err}"
        );
    }
}
