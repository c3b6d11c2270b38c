//! Located reading of JSON files: the JSON importers read each object as raw
//! slices borrowed from the file text, so every value keeps its byte offset
//! and every error and warning names its line:column.

use std::fmt;
use std::path::Path;

use serde::de::{MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::LoadError;
use super::common::{self, offset_of_line_column};
use crate::model::{Location, Locator, Warning};

/// A JSON file's text and where it came from.
pub struct JsonText<'a> {
    pub text: &'a str,
    pub path: &'a Path,
    /// Locations of warnings and errors, without a scan from the start for each.
    locator: Locator<'a>,
}

impl<'a> JsonText<'a> {
    #[must_use]
    pub fn new(text: &'a str, path: &'a Path) -> Self {
        Self {
            text,
            path,
            locator: Locator::new(text),
        }
    }

    /// The line:column of byte `offset`.
    #[must_use]
    pub fn location(&self, offset: usize) -> Location {
        self.locator.locate(offset)
    }

    /// Byte offset of a raw value borrowed from the file text.
    #[must_use]
    pub fn offset_of(&self, raw: &RawValue) -> usize {
        (raw.get().as_ptr() as usize)
            .saturating_sub(self.text.as_ptr() as usize)
            .min(self.text.len())
    }

    /// A warning located at `raw`.
    #[must_use]
    pub fn warning_at(&self, raw: &RawValue, field: String, message: String) -> Warning {
        let at = self.location(self.offset_of(raw));
        common::warning(at.line, at.column, field, message)
    }

    /// An error at byte `offset`.
    #[must_use]
    pub fn error(&self, offset: usize, field: &str, message: String) -> LoadError {
        LoadError::Invalid {
            path: self.path.to_path_buf(),
            location: self.location(offset),
            field: field.to_owned(),
            message,
        }
    }

    /// An error `serde_json` reported while reading `sub`, which starts at
    /// byte `base`. Data errors (a wrong type) are about the whole value and
    /// are prefixed with `expected` when it is not empty.
    #[must_use]
    pub fn json_error(
        &self,
        base: usize,
        sub: &str,
        field: &str,
        e: &serde_json::Error,
        expected: &str,
    ) -> LoadError {
        let mut message = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        if let Some(len) = message.strip_suffix(&suffix).map(str::len) {
            message.truncate(len);
        }
        let offset = if e.is_data() {
            if !expected.is_empty() {
                message = format!("{expected}: {message}");
            }
            base
        } else {
            base + offset_of_line_column(sub, e.line(), e.column())
        };
        self.error(offset, field, message)
    }

    /// The items of an array value (or none for `null`), each borrowed from the file text.
    pub fn array(&self, raw: &'a RawValue, field: &str) -> Result<Vec<&'a RawValue>, LoadError> {
        let items: Option<Vec<&'a RawValue>> = serde_json::from_str(raw.get()).map_err(|e| {
            self.json_error(
                self.offset_of(raw),
                raw.get(),
                field,
                &e,
                "expected a list […]",
            )
        })?;
        Ok(items.unwrap_or_default())
    }
}

/// An object's members in the order written, each value borrowed from the
/// file text unread (a record of JSON records, a GeoJSON feature's
/// properties). A key written twice is kept twice.
pub struct Members<'a>(pub Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> serde::Deserialize<'de> for Members<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object {…}")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'de>, A::Error> {
                let mut fields = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'de RawValue>()? {
                    fields.push(entry);
                }
                Ok(Members(fields))
            }
        }
        deserializer.deserialize_map(V)
    }
}

/// A value as the text of a table cell or an attribute: a string as it is,
/// a number or `true`/`false` as written, `null` as empty, a list of
/// strings, numbers or booleans as `a; b`, anything else as its JSON text.
#[must_use]
pub fn cell_text(raw: &RawValue) -> String {
    let text = raw.get();
    match text.as_bytes().first() {
        Some(b'"') => serde_json::from_str::<String>(text).unwrap_or_default(),
        Some(b'n') => String::new(),
        Some(b'[') => match serde_json::from_str::<Vec<Value>>(text) {
            Ok(items)
                if items
                    .iter()
                    .all(|v| v.is_string() || v.is_number() || v.is_boolean()) =>
            {
                items
                    .iter()
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                    .collect::<Vec<_>>()
                    .join("; ")
            }
            _ => text.to_owned(),
        },
        _ => text.to_owned(),
    }
}

/// A string, number or boolean as trimmed text; `None` when empty or not a
/// scalar: an id, a group or a title that a file may write either way.
#[must_use]
pub fn scalar_text(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null | Value::Array(_) | Value::Object(_) => return None,
    };
    common::non_empty(text)
}

/// An object's fields read as values, and the fields that could not be read
/// with why (see [`object_fields`]).
pub type Fields = (Map<String, Value>, Vec<(String, String)>);

/// The fields `keys` of a JSON object, each read as a [`Value`]; the other
/// fields are skipped unread. `None` when `raw` is no object. Values nested
/// deeper than `serde_json` reads (128 levels) are left out and named, with
/// why, in the list returned beside the fields, so that one deep value
/// costs the importer that field, not the whole object.
#[must_use]
pub fn object_fields(raw: &RawValue, keys: &[&str]) -> Option<Fields> {
    let object: std::collections::BTreeMap<String, &RawValue> =
        serde_json::from_str(raw.get()).ok()?;
    let mut fields = Map::new();
    let mut unread = Vec::new();
    for (key, value) in object {
        if !keys.contains(&key.as_str()) {
            continue;
        }
        match serde_json::from_str::<Value>(value.get()) {
            Ok(v) => {
                fields.insert(key, v);
            }
            Err(e) => unread.push((key, unreadable(&e))),
        }
    }
    Some((fields, unread))
}

/// Why a value borrowed from a file that `serde_json` already read whole
/// cannot be read as a [`Value`]: it nests too deeply.
#[must_use]
pub fn unreadable(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = message.strip_suffix(&suffix).unwrap_or(&message);
    if message.contains("recursion limit") {
        "nested deeper than 128 levels of lists and objects; not read".to_owned()
    } else {
        format!("cannot be read: {message}; not read")
    }
}
