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
    Date, Document, DocumentBuilder, Event, Evidence, Period, Source, Warning, quote,
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

    let (version, at) = p.required::<u64>(&root, "chronoscope", "the format version, 1 or 2")?;
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
            ..Event::new(id, title, start)
        };
        Ok((event, id_at))
    }
}
