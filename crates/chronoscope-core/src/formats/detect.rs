//! Which format a file is in, from its content, reading as much of it as it
//! takes to be sure.
//!
//! A file's first few kilobytes are not enough: a vis-timeline item can be
//! longer, a comment can come before an XML file's first element, and a
//! native file's `"chronoscope"` key may come after a long description. So
//! the JSON shape is read properly: the top-level keys (the whole object,
//! unless a key already decides) and the keys of the first item of each
//! top-level list; XML's first element is found past any declaration,
//! comment or DOCTYPE. Values are skipped (by `serde_json`, without
//! recursion) and never kept, so the cost stays linear in the file and the
//! memory small, however deep the nesting.
//!
//! When nothing fits, [`refusal`] says which formats were considered and
//! what the file looked like instead.

use std::cell::OnceCell;
use std::fmt;
use std::path::Path;

use serde::Deserializer as _;
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::Format;
use super::import::{Confidence, Entry};

/// A file's text, probed for what each format looks for.
pub struct Probe<'a> {
    /// The text without a byte order mark and leading whitespace.
    body: &'a str,
    /// The file name's extension, lower case.
    ext: String,
    json: OnceCell<Json>,
    xml_root: OnceCell<Option<String>>,
}

/// The shape of a JSON text, as far as detection needs it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Json {
    /// An object: its keys in order, and for each key whose value is a list
    /// starting with an object, that object's keys.
    Object {
        keys: Vec<String>,
        first_items: Vec<(String, Vec<String>)>,
    },
    /// A list; the keys of its first item when that is an object.
    Array { first: Option<Vec<String>> },
    /// Not one JSON value (JSON Lines, broken JSON, another format).
    #[default]
    Not,
}

impl Json {
    /// Whether the object has the top-level `key`.
    #[must_use]
    pub fn has(&self, key: &str) -> bool {
        matches!(self, Self::Object { keys, .. } if keys.iter().any(|k| k == key))
    }

    /// The keys of the first item of the list under `key`.
    /// The keys of the first item of the object's list `key`.
    #[must_use]
    pub fn first_item(&self, key: &str) -> Option<&[String]> {
        match self {
            Self::Object { first_items, .. } => first_items
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, keys)| keys.as_slice()),
            _ => None,
        }
    }

    /// Whether the object's list `key` starts with an item that has `field`.
    #[must_use]
    pub fn starts_like(&self, key: &str, field: &str) -> bool {
        self.first_item(key)
            .is_some_and(|keys| keys.iter().any(|k| k == field))
    }

    /// The keys of a list's first item, when the JSON is a list that starts
    /// with an object.
    #[must_use]
    pub fn first_keys(&self) -> Option<&[String]> {
        match self {
            Self::Array { first: Some(keys) } => Some(keys),
            _ => None,
        }
    }
}

impl<'a> Probe<'a> {
    #[must_use]
    pub fn new(text: &'a str, path: &Path) -> Self {
        Self {
            body: text.trim_start_matches('\u{feff}').trim_start(),
            ext: path
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase)
                .unwrap_or_default(),
            json: OnceCell::new(),
            xml_root: OnceCell::new(),
        }
    }

    /// The text, without a byte order mark and leading whitespace.
    #[must_use]
    pub fn body(&self) -> &'a str {
        self.body
    }

    /// The file name's extension, lower case (`""` without one).
    #[must_use]
    pub fn extension(&self) -> &str {
        &self.ext
    }

    /// Whether the text starts like JSON (an object or a list).
    #[must_use]
    pub fn looks_like_json(&self) -> bool {
        self.body.starts_with(['{', '['])
    }

    /// The JSON shape of the text (read once, when first asked).
    pub fn json(&self) -> &Json {
        self.json.get_or_init(|| json_shape(self.body))
    }

    /// The name of the first XML element, past any declaration, comment,
    /// processing instruction or DOCTYPE; `None` when the text is not XML.
    #[must_use]
    pub fn xml_root(&self) -> Option<&str> {
        self.xml_root.get_or_init(|| xml_root(self.body)).as_deref()
    }
}

/// The name of the first element of `body`, past any declaration, comment,
/// processing instruction or DOCTYPE; `None` when it is not XML.
fn xml_root(body: &str) -> Option<String> {
    if !body.starts_with('<') {
        return None;
    }
    let mut reader = quick_xml::Reader::from_str(body);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                return Some(String::from_utf8_lossy(e.name().as_ref()).into_owned());
            }
            Ok(quick_xml::events::Event::Text(t)) if !t.iter().all(u8::is_ascii_whitespace) => {
                return None;
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// The importer most sure that `probe` is its format (the first listed in
/// [`super::IMPORTERS`] on a tie); `None` when none is.
#[must_use]
pub fn best(probe: &Probe<'_>) -> Option<&'static Entry> {
    let mut best: Option<(Confidence, &'static Entry)> = None;
    for entry in &super::IMPORTERS {
        let confidence = (entry.sniff)(probe);
        if confidence > best.map_or(Confidence::No, |(c, _)| c) {
            best = Some((confidence, entry));
        }
    }
    best.map(|(_, entry)| entry)
}

/// The format of `probe`: the one its importer is most sure of.
#[must_use]
pub fn detect(probe: &Probe<'_>) -> Option<Format> {
    best(probe).map(|entry| entry.format)
}

/// Why `probe` is refused: what it looked like, and the formats considered.
#[must_use]
pub fn refusal(probe: &Probe<'_>) -> String {
    let seen = if probe.body.is_empty() {
        "the file is empty".to_owned()
    } else if probe.looks_like_json() {
        match probe.json() {
            Json::Object { keys, .. } => format!(
                "a JSON object with the keys {} but none that a timeline format has \
                 (\"chronoscope\", \"events\" with \"start_date\" or \"start\", \"items\")",
                list(keys)
            ),
            Json::Array { first: Some(keys) } => {
                format!("a JSON list whose first item has the keys {}", list(keys))
            }
            Json::Array { first: None } => {
                "a JSON list whose first item is not an object".to_owned()
            }
            Json::Not => "text that starts like JSON but is not valid JSON".to_owned(),
        }
    } else if let Some(root) = probe.xml_root() {
        format!("XML whose first element is <{root}>, not <data> (SIMILE) or <timeline> (Timeline)")
    } else {
        "text that is no table, JSON, XML or calendar".to_owned()
    };
    format!(
        "not a format Chronoscope reads: {seen}; considered Chronoscope JSON, CSV/TSV, \
         JSON Lines, JSON records, TimelineJS3 JSON, SIMILE XML/JSON, a .timeline file, \
         vis-timeline JSON, iCalendar and GeoJSON"
    )
}

/// `"a", "b", "c"`, at most eight of them.
fn list(keys: &[String]) -> String {
    let mut text: Vec<String> = keys.iter().take(8).map(|k| format!("{k:?}")).collect();
    if keys.len() > 8 {
        text.push(format!("and {} more", keys.len() - 8));
    }
    if text.is_empty() {
        "(none)".to_owned()
    } else {
        text.join(", ")
    }
}

/// Read instead of an error when the rest of the text cannot change the answer.
const ENOUGH: &str = "chronoscope-detect: enough";

fn json_shape(body: &str) -> Json {
    let mut found = Json::Not;
    let mut deserializer = serde_json::Deserializer::from_str(body);
    match deserializer.deserialize_any(ShapeVisitor { found: &mut found }) {
        Ok(()) => {
            if deserializer.end().is_ok() {
                found
            } else {
                Json::Not
            }
        }
        Err(e) if e.to_string().starts_with(ENOUGH) => found,
        Err(_) => Json::Not,
    }
}

/// Reads the top level: an object's keys (stopping at `"chronoscope"`) and
/// its lists' first items' keys; a list's first item's keys.
struct ShapeVisitor<'f> {
    found: &'f mut Json,
}

impl<'de> Visitor<'de> for ShapeVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object or list")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut keys = Vec::new();
        let mut first_items = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let first = map.next_value_seed(Keep::FirstItemKeys)?;
            if let Some(first) = first {
                first_items.push((key.clone(), first));
            }
            let decisive = key == "chronoscope";
            keys.push(key);
            if decisive {
                *self.found = Json::Object { keys, first_items };
                return Err(de::Error::custom(ENOUGH));
            }
        }
        *self.found = Json::Object { keys, first_items };
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let first = seq.next_element_seed(Keep::Keys)?.flatten();
        *self.found = Json::Array { first };
        // The rest of the list cannot change the answer.
        Err(de::Error::custom(ENOUGH))
    }
}

/// What to keep of a value that is otherwise skipped.
#[derive(Clone, Copy)]
enum Keep {
    /// An object's keys.
    Keys,
    /// The keys of a list's first item, when that is an object.
    FirstItemKeys,
}

impl<'de> serde::de::DeserializeSeed<'de> for Keep {
    type Value = Option<Vec<String>>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Keep {
    type Value = Option<Vec<String>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let first = match self {
            Self::FirstItemKeys => seq.next_element_seed(Self::Keys)?.flatten(),
            Self::Keys => None,
        };
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(first)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut keys = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            map.next_value::<IgnoredAny>()?;
            keys.push(key);
        }
        Ok(matches!(self, Self::Keys).then_some(keys))
    }

    // Any other value keeps nothing.
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Json {
        Probe::new(text, Path::new("x")).json().clone()
    }

    #[test]
    fn json_shapes() {
        assert_eq!(
            shape(r#"{"title": "t", "events": [{"start": 1, "x": [1]}, 5], "n": 2}"#),
            Json::Object {
                keys: vec!["title".into(), "events".into(), "n".into()],
                first_items: vec![("events".into(), vec!["start".into(), "x".into()])],
            }
        );
        assert_eq!(
            shape(r#"[{"a": 1, "b": {"c": 2}}, {"broken"#),
            Json::Array {
                first: Some(vec!["a".into(), "b".into()])
            }
        );
        assert_eq!(shape("[1, 2]"), Json::Array { first: None });
        assert_eq!(shape("{\"a\": 1}\n{\"a\": 2}"), Json::Not);
        assert_eq!(shape("{\"a\": "), Json::Not);
    }

    #[test]
    fn regression_a_native_key_after_the_first_4kb_is_misdetected_as_simile() {
        let description = "x".repeat(10_000);
        let text = format!(
            r#"{{"description": "{description}", "sources": [], "events": [{{"id": "a", "title": "A", "start": "2024"}}], "chronoscope": 1}}"#
        );
        assert_eq!(
            detect(&Probe::new(&text, Path::new("f.json"))),
            Some(Format::Native)
        );
    }

    #[test]
    fn regression_a_long_first_vis_item_is_not_a_format() {
        let content = "y".repeat(10_000);
        let text = format!(r#"[{{"content": "{content}", "id": 1, "start": "2024-06-19"}}]"#);
        assert_eq!(
            detect(&Probe::new(&text, Path::new("f.json"))),
            Some(Format::VisTimeline)
        );
    }

    #[test]
    fn regression_a_long_comment_before_the_first_xml_element_is_not_a_format() {
        let comment = "z".repeat(10_000);
        let simile = format!(
            "<?xml version=\"1.0\"?>\n<!-- {comment} -->\n<data>\n<event start=\"2024\" title=\"A\"/>\n</data>"
        );
        assert_eq!(
            detect(&Probe::new(&simile, Path::new("f.xml"))),
            Some(Format::Simile)
        );
        let timeline = format!(
            "<?xml version=\"1.0\"?>\n<!-- {comment} -->\n<timeline><version>2</version><timetype>gregoriantime</timetype><events/></timeline>"
        );
        assert_eq!(
            detect(&Probe::new(&timeline, Path::new("f.timeline"))),
            Some(Format::TheTimelineProj)
        );
    }

    #[test]
    fn deep_nesting_is_not_a_stack_overflow() {
        let deep = format!("{{\"a\": {}1{}}}", "[".repeat(100_000), "]".repeat(100_000));
        // Values are skipped without recursion: deep but valid JSON has a shape.
        assert_eq!(
            shape(&deep),
            Json::Object {
                keys: vec!["a".into()],
                first_items: vec![]
            }
        );
        let deep_list = format!(
            "[{{\"a\": {}1{}}}]",
            "{\"b\":".repeat(100_000),
            "}".repeat(100_000)
        );
        assert_eq!(
            shape(&deep_list),
            Json::Array {
                first: Some(vec!["a".into()])
            }
        );
    }

    #[test]
    fn a_refusal_says_what_the_file_looked_like() {
        let said = |text: &str| refusal(&Probe::new(text, Path::new("f")));
        assert!(
            said("{\"name\": 1, \"size\": 2}")
                .contains("a JSON object with the keys \"name\", \"size\"")
        );
        assert!(said("<html><body/></html>").contains("first element is <html>"));
        assert!(said("").contains("empty"));
        assert!(said("{ broken").contains("not valid JSON"));
        assert!(said("words").contains("considered Chronoscope JSON, CSV/TSV"));
    }
}
