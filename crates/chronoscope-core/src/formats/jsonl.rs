//! JSON Lines: one event per line, each a JSON object shaped like an event
//! of the native format (`docs/format.md`).
//!
//! Why: scripts, databases and log pipelines write events one per line, and
//! a file of a million lines should not need a surrounding document. Each
//! line is read on its own with `serde_json`, so one broken line costs only
//! that line: it is skipped with a warning at its line and the column
//! `serde_json` reports.
//!
//! Conventions:
//! - Fields as in the native format: `id`, `title`, `start` (required),
//!   `end`, `category`, `tags`, `summary`, `url`, `links`, `attributes`,
//!   `place` (`{"lat": 49.85, "lon": 36.65, "name": …, "precision": …}`;
//!   one that cannot be a place is ignored with a warning).
//!   Dates are EDTF as in the native format (time zones as written; a time
//!   without offset stays floating); other spellings that
//!   [`dates::parse_loose`] reads (`2024/06/19`, `19 June 2024`) are
//!   accepted too, and an ambiguous day/month is read only in the order the
//!   user chose.
//! - `text` or `description` (both: joined as paragraphs) becomes the
//!   event's source text ("Line 12 of events.jsonl").
//! - `evidence` cannot be used, since there are no sources to quote: it is
//!   skipped with a warning.
//! - Other fields are kept as attributes (strings as they are, other values
//!   as JSON text); `id` may also be a number.
//! - A line that is not a JSON object, lacks `id`, `title` or `start`, or
//!   has an unreadable date or an end before its start is skipped with a
//!   warning; a field of the wrong type is ignored with a warning; a repeated
//!   id is renamed with a suffix (`-2`) and a warning. Every warning is
//!   located at the value it is about. Blank lines are skipped. Only a file
//!   with no JSON object at all is an error.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;
use serde_json::value::RawValue;

use super::LoadError;
use super::common::ImportOptions;
use super::dates;
use super::import::{Confidence, Draft, Import, Importer, Input, Item, Text, before_start};
use crate::model::{Date, Document, Location, Place, PlacePrecision};

/// Fields with a place in the event; everything else is an attribute.
const KNOWN: [&str; 14] = [
    "id",
    "title",
    "start",
    "end",
    "category",
    "tags",
    "summary",
    "url",
    "links",
    "attributes",
    "evidence",
    "text",
    "description",
    "place",
];

/// Longest first line that [`sniff`] parses; longer ones are judged by
/// their first and last characters.
const SNIFF_LIMIT: usize = 64 * 1024;

/// Whether `text` looks like JSON Lines: the first non-empty line is a JSON
/// object and the second non-empty line, if any, also starts with `{`. A
/// single line must look like an event (have a `start`), so that a
/// one-line JSON document of another format is not taken for JSON Lines.
#[must_use]
pub fn sniff(text: &str) -> bool {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = body.lines().map(str::trim).filter(|l| !l.is_empty());
    let Some(first) = lines.next() else {
        return false;
    };
    if !first.starts_with('{') {
        return false;
    }
    let second = lines.next();
    if second.is_some_and(|s| !s.starts_with('{')) {
        return false;
    }
    if first.len() > SNIFF_LIMIT {
        return first.ends_with('}') && second.is_some();
    }
    let Ok(object) = serde_json::from_str::<BTreeMap<String, &RawValue>>(first) else {
        return false;
    };
    if object.contains_key("chronoscope") || object.contains_key("events") {
        return false;
    }
    second.is_some() || object.contains_key("start")
}

/// The JSON Lines importer.
pub struct JsonLines;

impl Importer for JsonLines {
    const FORMAT: super::Format = super::Format::JsonLines;

    /// Lines of JSON objects (see [`sniff`]).
    fn sniff(probe: &super::detect::Probe<'_>) -> Confidence {
        Confidence::likely_if(sniff(probe.body()))
    }

    /// Reports the bytes read and events made every few thousand lines and
    /// stops with [`LoadError::Cancelled`] when the load is cancelled.
    fn parse(input: &Input<'_>) -> Result<Document, LoadError> {
        read(input)
    }
}

/// Reads a JSON Lines file's text.
pub fn parse(text: &str, path: &Path, options: &ImportOptions) -> Result<Document, LoadError> {
    super::import::parse_text::<JsonLines>(text, path, options)
}

fn read(input: &Input<'_>) -> Result<Document, LoadError> {
    const REPORT_EVERY: usize = 4096;
    let text = input.text();
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader {
        input,
        import: Import::new(input, "JSON Lines", "line"),
        unknown: Vec::new(),
        objects: 0,
        loose: (0, None),
        chosen: (0, None),
        first_error: None,
    };
    let mut lines = 0;
    for (i, raw_line) in body.split('\n').enumerate() {
        let start = raw_line.as_ptr() as usize - text.as_ptr() as usize;
        if i % REPORT_EVERY == 0 {
            input.check_cancel()?;
            input
                .progress
                .report(start as u64, reader.import.event_count() as u64);
        }
        let line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        if line.trim().is_empty() {
            continue;
        }
        lines += 1;
        reader.line(line, start, i + 1);
    }
    if reader.objects == 0 {
        let (location, message) = reader.first_error.take().unwrap_or((
            Location { line: 1, column: 1 },
            "the file is empty".to_owned(),
        ));
        return Err(LoadError::Invalid {
            path: input.path.to_path_buf(),
            location,
            field: String::new(),
            message: format!("{message}: expected one JSON object per line (JSON Lines)"),
        });
    }
    reader.notes();
    let events = reader.import.event_count() as u64;
    input.progress.report(text.len() as u64, events); // sorting next
    Ok(reader.import.finish(lines))
}

/// What a field's problem is: the field, and why.
type Problem = (&'static str, String);

struct Reader<'a> {
    input: &'a Input<'a>,
    import: Import<'a>,
    /// Field names kept as attributes, in order of first appearance.
    unknown: Vec<String>,
    /// Lines that are JSON objects.
    objects: usize,
    /// Dates read loosely, and the first as written and as read.
    loose: (usize, Option<(String, String)>),
    /// Ambiguous day/month dates read in the order the user chose, and the
    /// first one's note.
    chosen: (usize, Option<String>),
    /// Where the first line that is not a JSON object failed, and why.
    first_error: Option<(Location, String)>,
}

/// One line's object, with where its values are.
struct Line<'a> {
    /// Byte offset of the line in the file.
    start: usize,
    text: &'a str,
    number: usize,
    map: BTreeMap<String, &'a RawValue>,
}

impl Line<'_> {
    /// The value of `field`; `None` when absent or `null`.
    fn value(&self, field: &str) -> Option<Value> {
        let raw = self.map.get(field)?;
        match serde_json::from_str::<Value>(raw.get()) {
            Ok(Value::Null) | Err(_) => None,
            Ok(v) => Some(v),
        }
    }

    /// A required non-empty string (or, for `id`, a number).
    fn required(&self, field: &'static str, what: &str) -> Result<String, Problem> {
        let problem = match self.value(field) {
            Some(Value::String(s)) if !s.trim().is_empty() => return Ok(s),
            Some(Value::Number(n)) if field == "id" => return Ok(n.to_string()),
            Some(Value::String(_)) => format!("{field} is empty: expected {what}"),
            Some(other) => format!("{field} is {}: expected {what}", type_name(&other)),
            None => format!("missing {field}: expected {what}"),
        };
        Err((field, problem))
    }
}

/// A short name for a JSON value's type, for messages.
fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The place a native-shaped `place` object gives, or why it gives none.
fn place_of(value: &Value) -> Result<Place, String> {
    let Value::Object(map) = value else {
        return Err(format!(
            "place is {}: expected an object {{\"lat\": …, \"lon\": …}}",
            type_name(value)
        ));
    };
    let degrees = |key: &str, what: &str, range: u8| {
        let expected = format!("a number of degrees from -{range} to {range}");
        match map.get(key) {
            Some(Value::Number(n)) => n
                .as_f64()
                .ok_or_else(|| format!("place: the {what} {n}: expected {expected}")),
            None | Some(Value::Null) => {
                Err(format!("place: no {what} ({key:?}): expected {expected}"))
            }
            Some(other) => Err(format!(
                "place: the {what} is {}: expected {expected}",
                type_name(other)
            )),
        }
    };
    let mut place = Place::checked(
        degrees("lat", "latitude", 90)?,
        degrees("lon", "longitude", 180)?,
    )
    .map_err(|problem| format!("place: {problem}"))?;
    match map.get("name") {
        None | Some(Value::Null) => {}
        Some(Value::String(name)) => place = place.named(Some(name.clone())),
        Some(other) => {
            return Err(format!(
                "place: the name is {}: expected a string",
                type_name(other)
            ));
        }
    }
    match map.get("precision") {
        None | Some(Value::Null) => {}
        Some(Value::String(word)) if PlacePrecision::parse(word).is_some() => {
            place.precision = PlacePrecision::parse(word);
        }
        Some(other) => {
            return Err(format!(
                "place: the precision {other}: expected exact, town, region or country"
            ));
        }
    }
    Ok(place)
}

/// A value as attribute text: strings as they are, the rest as JSON.
fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl Reader<'_> {
    /// Line `number`, located at byte `offset` of the file.
    fn item(&self, number: usize, offset: usize) -> Item {
        Item {
            noun: "line",
            number,
            at: self.input.location(offset),
            path: String::new(),
        }
    }

    /// `line` located at the value of `field`, or at its start.
    fn at(&self, line: &Line<'_>, field: &str) -> Item {
        self.item(line.number, Self::offset(line, field))
    }

    /// The byte offset in the file of `field`'s value in `line`, or of the
    /// line's start.
    fn offset(line: &Line<'_>, field: &str) -> usize {
        line.start
            + line.map.get(field).map_or(0, |raw| {
                (raw.get().as_ptr() as usize)
                    .saturating_sub(line.text.as_ptr() as usize)
                    .min(line.text.len())
            })
    }

    /// A warning about `field` of `line`, which belongs to its event.
    fn warn(&mut self, line: &Line<'_>, field: &str, message: String) {
        let item = self.at(line, field);
        self.import.warn_item(&item, field, message);
    }

    /// Skips `line` for `problems`, each said at its field; the line is
    /// counted once, with the last.
    fn skip(&mut self, line: &Line<'_>, problems: impl IntoIterator<Item = Option<Problem>>) {
        let mut problems = problems.into_iter().flatten().peekable();
        while let Some((field, why)) = problems.next() {
            if problems.peek().is_some() {
                self.warn(line, field, why);
            } else {
                let item = self.at(line, field);
                self.import.skip(&item, field, &why);
            }
        }
    }

    fn line(&mut self, text: &str, start: usize, number: usize) {
        let map = match serde_json::from_str::<BTreeMap<String, &RawValue>>(text) {
            Ok(map) => map,
            Err(e) => {
                let mut message = e.to_string();
                let suffix = format!(" at line {} column {}", e.line(), e.column());
                if let Some(len) = message.strip_suffix(&suffix).map(str::len) {
                    message.truncate(len);
                }
                let (offset, message) = if e.is_data() {
                    let indent = text.len() - text.trim_start().len();
                    let why = format!("expected a JSON object {{…}} on each line: {message}");
                    (indent, why)
                } else {
                    // serde_json counts the column in bytes, from 1.
                    let column = e.column().saturating_sub(1).min(text.len());
                    (column, format!("not valid JSON: {message}"))
                };
                let item = self.item(number, start + offset);
                self.first_error.get_or_insert((item.at, message.clone()));
                self.import.skip(&item, "", &message);
                return;
            }
        };
        self.objects += 1;
        let line = Line {
            start,
            text,
            number,
            map,
        };
        self.event(&line);
    }

    /// A date field: `Ok(None)` when absent; `Err` when unreadable.
    fn date(&mut self, line: &Line<'_>, field: &'static str) -> Result<Option<Date>, Problem> {
        let text = match line.value(field) {
            None => return Ok(None),
            Some(Value::String(s)) => s,
            Some(other) => {
                let why = format!(
                    "{field} is {}: expected a date string such as \"2024-06-19\"",
                    type_name(&other)
                );
                return Err((field, why));
            }
        };
        if let Ok(date) = Date::parse(&text) {
            return Ok(Some(date));
        }
        match dates::parse_loose(&text, self.input.options.day_month_order) {
            Ok(loose) => {
                self.loose.0 += 1;
                self.loose
                    .1
                    .get_or_insert_with(|| (text.clone(), loose.date.to_edtf()));
                if let Some(note) = loose.note {
                    self.chosen.0 += 1;
                    self.chosen.1.get_or_insert(note);
                }
                Ok(Some(loose.date))
            }
            Err(reason)
                if reason.starts_with("cannot read ") || reason.starts_with("ambiguous") =>
            {
                Err((field, format!("{field}: {reason}")))
            }
            Err(reason) => Err((
                field,
                format!("{field}: cannot read {text:?} as a date: {reason}"),
            )),
        }
    }

    /// An optional string; a wrong type is ignored with a warning.
    fn optional_text(&mut self, line: &Line<'_>, field: &str) -> Option<String> {
        match line.value(field)? {
            Value::String(s) if s.trim().is_empty() => None,
            Value::String(s) => Some(s),
            other => {
                let why = format!(
                    "{field} is {}: expected a string; ignored",
                    type_name(&other)
                );
                self.warn(line, field, why);
                None
            }
        }
    }

    /// The line's `place`; one that cannot be a place is ignored with a
    /// warning (the event is kept without it).
    fn place(&mut self, line: &Line<'_>) -> Option<Place> {
        let value = line.value("place")?;
        match place_of(&value) {
            Ok(place) => Some(place),
            Err(why) => {
                self.warn(line, "place", format!("{why}; ignored"));
                None
            }
        }
    }

    /// An optional list of strings; a wrong type is ignored with a warning.
    fn string_list(&mut self, line: &Line<'_>, field: &str) -> Vec<String> {
        let Some(value) = line.value(field) else {
            return Vec::new();
        };
        if let Value::Array(items) = &value
            && items.iter().all(Value::is_string)
        {
            return items
                .iter()
                .filter_map(Value::as_str)
                .filter(|s| !s.trim().is_empty())
                .map(str::to_owned)
                .collect();
        }
        let kind = if value.is_array() {
            "a list with values that are not strings"
        } else {
            type_name(&value)
        };
        let why = format!("{field} is {kind}: expected a list of strings; ignored");
        self.warn(line, field, why);
        Vec::new()
    }

    fn event(&mut self, line: &Line<'_>) {
        let id = line.required("id", "an event id string");
        let title = line.required("title", "the event's title");
        let start = self.date(line, "start").and_then(|start| {
            start.ok_or_else(|| {
                let why = "missing start: expected a date such as \"2024-06-19\"";
                ("start", why.to_owned())
            })
        });
        let (id, title, start) = match (id, title, start) {
            (Ok(id), Ok(title), Ok(start)) => (id, title, start),
            (id, title, start) => {
                self.skip(line, [id.err(), title.err(), start.err()]);
                return;
            }
        };
        let end = match self.date(line, "end") {
            // An end wholly before the start skips the line, as JSON Lines
            // always did; one that only meets the start is the draft's to drop.
            Ok(Some(end)) if end.end_seconds() < start.start_seconds() => {
                self.skip(line, [Some(("end", before_start(&end, &start)))]);
                return;
            }
            Ok(end) => end,
            Err(problem) => {
                self.skip(line, [Some(problem)]);
                return;
            }
        };
        let mut draft = Draft::new(start);
        draft.id = Some(id);
        draft.title = Some(title);
        draft.end = end;
        draft.category = self.optional_text(line, "category");
        draft.tags = self.string_list(line, "tags");
        draft.summary = self.optional_text(line, "summary");
        draft.url = self.optional_text(line, "url");
        draft.links = self.string_list(line, "links");
        draft.place = self.place(line);
        match line.value("attributes") {
            None => {}
            Some(Value::Object(map)) => {
                for (k, v) in map {
                    if !v.is_null() {
                        draft.attributes.insert(k, value_text(&v));
                    }
                }
            }
            Some(other) => {
                let why = format!(
                    "attributes is {}: expected an object of names and values; ignored",
                    type_name(&other)
                );
                self.warn(line, "attributes", why);
            }
        }
        for (key, raw) in &line.map {
            if KNOWN.contains(&key.as_str()) || draft.attributes.contains_key(key) {
                continue;
            }
            let Ok(value) = serde_json::from_str::<Value>(raw.get()) else {
                continue;
            };
            if value.is_null() {
                continue;
            }
            draft.attributes.insert(key.clone(), value_text(&value));
            if !self.unknown.contains(key) {
                self.unknown.push(key.clone());
            }
        }
        if let Some(evidence) = line.value("evidence") {
            let n = evidence.as_array().map_or(1, Vec::len);
            if n > 0 {
                self.import.report.count(
                    "evidence skipped: JSON Lines has no sources to quote",
                    "event",
                );
                let entries = if n == 1 {
                    "1 entry".to_owned()
                } else {
                    format!("{n} entries")
                };
                let why = format!(
                    "evidence is not supported in JSON Lines (there are no sources to quote): {entries} skipped; put the text in \"text\" instead"
                );
                self.warn(line, "evidence", why);
            }
        }
        let texts: Vec<String> = ["description", "text"]
            .iter()
            .filter_map(|f| self.optional_text(line, f))
            .collect();
        if !texts.is_empty() {
            self.import
                .report
                .count("text / description becomes source text", "event");
            draft.text = Some(Text {
                title: format!("Line {} of {}", line.number, self.import.doc.name),
                body: texts.join("\n\n"),
                url: draft.url.clone(),
            });
        }
        draft.id_at = Some(Self::offset(line, "id"));
        draft.end_at = Some(Self::offset(line, "end"));
        let item = self.item(line.number, line.start);
        self.import.add(&item, draft);
    }

    /// The notes only this format has: fields kept as attributes, and dates
    /// read loosely, with an example.
    fn notes(&mut self) {
        let report = &mut self.import.report;
        if !self.unknown.is_empty() {
            let fields = self.unknown.join(", ");
            report.note(&format!("other fields kept as attributes: {fields}"));
        }
        if let (n, Some((written, read))) = &self.loose {
            report.note(&format!(
                "{} not in EDTF form read as written, e.g. {written:?} as {read}",
                super::common::plural_s(*n, "date")
            ));
        }
        if let (n, Some(example)) = &self.chosen {
            report.note(&format!(
                "{} read in the order you chose, e.g. {example}",
                super::common::plural(*n, "ambiguous day/month date", "ambiguous day/month dates")
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_reaches_the_end_and_a_cancelled_load_stops() {
        let mut text = String::new();
        for i in 0..10_000 {
            use std::fmt::Write as _;
            let _ = writeln!(
                text,
                "{{\"id\":\"e{i}\",\"title\":\"T\",\"start\":\"2024-01-01\"}}"
            );
        }
        let (text, options) = (std::sync::Arc::new(text), ImportOptions::default());
        let progress = crate::formats::Progress::default();
        let input = Input::new(&text, Path::new("p.jsonl"), &options, &progress);
        let doc = JsonLines::parse(&input).unwrap();
        assert_eq!(doc.owned_events().unwrap().len(), 10_000);
        assert_eq!(progress.bytes(), text.len() as u64);
        assert_eq!(progress.events(), 10_000);
        let cancelled = crate::formats::Progress::default();
        cancelled.cancel();
        let input = Input::new(&text, Path::new("p.jsonl"), &options, &cancelled);
        let err = JsonLines::parse(&input).unwrap_err();
        assert!(matches!(err, LoadError::Cancelled { .. }), "{err}");
    }
    use crate::formats::common::DayMonthOrder;
    use crate::model::{Event, Precision};

    const EVENTS: &str = include_str!("../../../../tests/data/jsonl/events.jsonl");
    const BROKEN: &str = include_str!("../../../../tests/data/jsonl/broken.jsonl");

    fn load(text: &str, options: &ImportOptions) -> Document {
        match parse(text, Path::new("dir/events.jsonl"), options) {
            Ok(doc) => doc,
            Err(e) => panic!("{e}"),
        }
    }

    fn event<'d>(doc: &'d Document, id: &str) -> &'d Event {
        match doc.event_by_id(id) {
            Some(i) => &doc.owned_events().unwrap()[i],
            None => panic!("no event {id}"),
        }
    }

    fn text_of<'d>(doc: &'d Document, e: &Event) -> &'d str {
        e.evidence
            .first()
            .map_or("", |ev| doc.sources[ev.source].text.as_str())
    }

    #[test]
    fn reads_native_event_fields() {
        let doc = load(EVENTS, &ImportOptions::default());
        assert_eq!(doc.name, "events.jsonl");
        assert_eq!(doc.format, "JSON Lines");
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        let ids: Vec<&str> = doc
            .owned_events()
            .unwrap()
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(ids, ["ides", "treaty", "loose", "deploy", "7"]);

        let treaty = event(&doc, "treaty");
        assert_eq!(treaty.title, "Mutual defence treaty signed in Pyongyang");
        assert_eq!(treaty.start.precision, Precision::Day);
        assert_eq!(treaty.category.as_deref(), Some("diplomacy"));
        assert_eq!(treaty.tags, ["treaty", "summit"]);
        assert_eq!(treaty.url.as_deref(), Some("https://example.org/treaty"));
        assert_eq!(
            text_of(&doc, treaty),
            "The two leaders signed the treaty during a summit."
        );
        let source = &doc.sources[treaty.evidence[0].source];
        assert_eq!(source.title, "Line 1 of events.jsonl");
        assert_eq!(source.url.as_deref(), Some("https://example.org/treaty"));

        let deploy = event(&doc, "deploy");
        assert_eq!(deploy.start.to_edtf(), "2024-10");
        assert_eq!(
            deploy.end.as_ref().map(Date::to_edtf).as_deref(),
            Some("2024-12~")
        );
        assert_eq!(
            deploy.links,
            ["https://example.org/a", "https://example.org/b"]
        );
        assert_eq!(deploy.summary.as_deref(), Some("Reports vary."));
        let attrs: Vec<(&str, &str)> = deploy.attributes.iter().collect();
        assert_eq!(
            attrs,
            [
                ("confidence", "medium"),
                ("count", "1500"),
                ("reporter", "Agency A")
            ]
        );
        assert!(deploy.evidence.is_empty());

        let statement = event(&doc, "7");
        assert_eq!(statement.start.offset_minutes, Some(540));
        assert_eq!(statement.category, None);
        assert_eq!(
            text_of(&doc, statement),
            "A statement was issued.\n\nIt was brief."
        );
        assert_eq!(
            doc.sources[statement.evidence[0].source].title,
            "Line 4 of events.jsonl"
        );

        assert_eq!(event(&doc, "ides").start.year, -43);
        assert_eq!(event(&doc, "loose").start.to_edtf(), "2024-06-19");
        assert_eq!(
            doc.notes,
            [
                "5 of 5 lines imported",
                "text / description becomes source text (2 events)",
                "other fields kept as attributes: reporter",
                "1 date not in EDTF form read as written, e.g. \"19 June 2024\" as 2024-06-19",
            ]
        );
    }

    #[test]
    fn bad_lines_are_skipped_with_located_warnings() {
        let doc = load(BROKEN, &ImportOptions::default());
        let ids: Vec<&str> = doc
            .owned_events()
            .unwrap()
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(ids, ["ok", "ok-2", "typed"]);
        let got: Vec<(usize, usize, &str, &str)> = doc
            .warnings
            .iter()
            .map(|w| {
                (
                    w.location.line,
                    w.location.column,
                    w.field.as_str(),
                    w.message.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    2,
                    64,
                    "",
                    "line 2: not valid JSON: EOF while parsing an object; skipped"
                ),
                (
                    3,
                    1,
                    "",
                    "line 3: expected a JSON object {…} on each line: invalid type: sequence, expected a map; skipped"
                ),
                (
                    4,
                    1,
                    "id",
                    "line 4: missing id: expected an event id string; skipped"
                ),
                (
                    5,
                    1,
                    "title",
                    "line 5: missing title: expected the event's title; skipped"
                ),
                (
                    6,
                    1,
                    "start",
                    "line 6: missing start: expected a date such as \"2024-06-19\"; skipped"
                ),
                (
                    7,
                    50,
                    "start",
                    "line 7: start: cannot read \"2024-13-01\" as a date: month 13 is out of range (01–12); skipped"
                ),
                (
                    8,
                    74,
                    "end",
                    "line 8: the end 2024-04-01 is before the start 2024-05-01; skipped"
                ),
                (
                    9,
                    75,
                    "evidence",
                    "evidence is not supported in JSON Lines (there are no sources to quote): 1 entry skipped; put the text in \"text\" instead"
                ),
                (
                    9,
                    8,
                    "id",
                    "id \"ok\" is used by an earlier line; renamed \"ok-2\""
                ),
                (
                    10,
                    133,
                    "end",
                    "line 10: end is a number: expected a date string such as \"2024-06-19\"; skipped"
                ),
                (
                    11,
                    100,
                    "category",
                    "category is a number: expected a string; ignored"
                ),
                (
                    11,
                    81,
                    "tags",
                    "tags is a string: expected a list of strings; ignored"
                ),
                (
                    11,
                    112,
                    "links",
                    "links is a list with values that are not strings: expected a list of strings; ignored"
                ),
                (
                    11,
                    131,
                    "attributes",
                    "attributes is a list: expected an object of names and values; ignored"
                ),
                (
                    13,
                    52,
                    "start",
                    "line 13: start: ambiguous: 03/04/2024 could be 3 April or March 4; choose day or month first; skipped"
                ),
                (
                    14,
                    73,
                    "",
                    "line 14: not valid JSON: expected ident; skipped"
                ),
            ]
        );
        // Warnings about kept lines point at their events.
        assert_eq!(doc.warnings[7].event, doc.event_by_id("ok-2"));
        assert_eq!(doc.warnings[10].event, doc.event_by_id("typed"));
        assert_eq!(doc.warnings[0].event, None);
        let typed = event(&doc, "typed");
        assert!(typed.tags.is_empty() && typed.links.is_empty() && typed.category.is_none());
        assert_eq!(
            doc.notes,
            [
                "3 of 13 lines imported",
                "evidence skipped: JSON Lines has no sources to quote (1 event)",
                "renamed 1 duplicate id (see warnings)",
                "skipped 10 lines (see warnings)",
            ]
        );
    }

    #[test]
    fn places_are_read_as_the_native_format_has_them() {
        let text = r#"{"id": "a", "title": "A", "start": "2024", "place": {"lat": 49.85, "lon": 36.65, "name": "Chuhuiv", "precision": "town"}}
{"id": "b", "title": "B", "start": "2024", "place": {"lat": 120.5, "lon": 33.1}}
{"id": "c", "title": "C", "start": "2024", "place": "Kharkiv"}
{"id": "d", "title": "D", "start": "2024", "place": {"lat": 49.85, "lon": "36.65"}}
{"id": "e", "title": "E", "start": "2024", "place": {"lat": 49.85, "lon": 36.65, "precision": "street"}}
"#;
        let doc = load(text, &ImportOptions::default());
        assert_eq!(
            event(&doc, "a").place.as_deref().cloned(),
            Some(Place {
                lat: 49.85,
                lon: 36.65,
                name: Some("Chuhuiv".to_owned()),
                precision: Some(PlacePrecision::Town),
            })
        );
        for id in ["b", "c", "d", "e"] {
            assert_eq!(event(&doc, id).place, None, "{id}");
            assert!(event(&doc, id).attributes.is_empty(), "{id}");
        }
        let messages: Vec<&str> = doc.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "place: latitude 120.5 is outside -90 to 90 and longitude 33.1 is not: the two look swapped; ignored",
                "place is a string: expected an object {\"lat\": …, \"lon\": …}; ignored",
                "place: the longitude is a string: expected a number of degrees from -180 to 180; ignored",
                "place: the precision \"street\": expected exact, town, region or country; ignored",
            ]
        );
        assert!(doc.warnings.iter().all(|w| w.field == "place"));
    }

    #[test]
    fn a_chosen_day_month_order_reads_ambiguous_dates() {
        let options = ImportOptions {
            day_month_order: DayMonthOrder::DayFirst,
            ..ImportOptions::default()
        };
        let doc = load(
            "{\"id\": \"a\", \"title\": \"A\", \"start\": \"03/04/2024\"}\n",
            &options,
        );
        assert_eq!(doc.owned_events().unwrap()[0].start.to_edtf(), "2024-04-03");
        assert!(doc.warnings.is_empty());
        assert!(
            doc.notes.iter().any(|n| n
                == "1 ambiguous day/month date read in the order you chose, e.g. read 03/04/2024 as 3 April 2024 (day first)"),
            "{:?}",
            doc.notes
        );
    }

    #[test]
    fn a_file_without_any_object_is_an_error() {
        for (text, location, expected) in [
            ("", "1:1", "the file is empty"),
            ("\n  \n", "1:1", "the file is empty"),
            ("xyz\n", "1:1", "not valid JSON: expected value"),
            ("\n[1]\n{\"a\": \n", "2:1", "expected a JSON object"),
        ] {
            let Err(e) = parse(text, Path::new("x.jsonl"), &ImportOptions::default()) else {
                panic!("{text:?} should fail");
            };
            assert_eq!(
                e.location().map(|l| l.to_string()).as_deref(),
                Some(location),
                "{text:?}"
            );
            let message = e.to_string();
            assert!(message.contains(expected), "{message}");
            assert!(
                message.ends_with("expected one JSON object per line (JSON Lines)"),
                "{message}"
            );
        }
    }

    #[test]
    fn sniffing() {
        assert!(sniff(EVENTS));
        assert!(sniff(BROKEN));
        assert!(sniff(
            "\u{feff}{\"id\": \"a\", \"title\": \"A\", \"start\": \"2024\"}"
        ));
        assert!(sniff("\n{\"a\": 1}\n\n{\"b\": 2}\n"));
        // One object that is not an event: another JSON format.
        assert!(!sniff("{\"a\": 1}"));
        assert!(!sniff("{\"chronoscope\": 1, \"events\": []}"));
        assert!(!sniff("{\"events\": [{\"start\": \"x\"}]}\n"));
        assert!(!sniff("{\"a\": 1}\n[2]\n"));
        assert!(!sniff("{\n  \"events\": []\n}\n"));
        assert!(!sniff("[{\"start\": \"2024\"}]"));
        assert!(!sniff("date,title\n"));
        assert!(!sniff(""));
    }

    #[test]
    fn truncated_and_garbage_input_never_panics() {
        for text in [EVENTS, BROKEN] {
            for cut in 0..=text.len() {
                if text.is_char_boundary(cut) {
                    let part = &text[..cut];
                    let _ = sniff(part);
                    if let Ok(doc) = parse(part, Path::new("t.jsonl"), &ImportOptions::default()) {
                        assert!(
                            doc.owned_events()
                                .unwrap()
                                .iter()
                                .all(|e| !e.title.is_empty())
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn regression_one_id_repeated_on_every_line_takes_quadratic_time() {
        let mut lines = String::new();
        for i in 0..50_000 {
            lines.push_str("{\"id\": \"same\", \"title\": \"Event ");
            lines.push_str(&i.to_string());
            lines.push_str("\", \"start\": \"2024\"}\n");
        }
        let doc = parse(&lines, Path::new("same.jsonl"), &ImportOptions::default()).unwrap();
        assert_eq!(doc.event_count(), 50_000);
        assert!(doc.iter_events().any(|e| e.id == "same-50000"));
    }
}
