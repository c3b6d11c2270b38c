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
//!   `end`, `category`, `tags`, `summary`, `url`, `links`, `attributes`.
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
//!   id is renamed with a suffix (`-2`) and a warning. Blank lines are
//!   skipped. Only a file with no JSON object at all is an error.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;
use serde_json::value::RawValue;

use super::LoadError;
use super::common::{self, ImportOptions};
use super::dates;
use crate::model::{Date, Document, DocumentBuilder, Event, Location, Warning};

/// Fields with a place in the event; everything else is an attribute.
const KNOWN: [&str; 13] = [
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

impl super::import::Importer for JsonLines {
    const FORMAT: super::Format = super::Format::JsonLines;

    /// Lines of JSON objects (see [`sniff`]).
    fn sniff(probe: &super::detect::Probe<'_>) -> super::import::Confidence {
        super::import::Confidence::likely_if(sniff(probe.body()))
    }

    fn parse(input: &super::import::Input<'_>) -> Result<Document, LoadError> {
        parse_with_progress(input.text(), input.path, input.options, input.progress)
    }
}

/// Reads a JSON Lines file's text.
pub fn parse(text: &str, path: &Path, options: &ImportOptions) -> Result<Document, LoadError> {
    parse_with_progress(text, path, options, &super::Progress::default())
}

/// [`parse`], reporting the bytes read and events made every few thousand
/// lines and stopping with [`LoadError::Cancelled`] when `progress` is
/// cancelled.
pub fn parse_with_progress(
    text: &str,
    path: &Path,
    options: &ImportOptions,
    progress: &super::Progress,
) -> Result<Document, LoadError> {
    const REPORT_EVERY: usize = 4096;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut doc = DocumentBuilder {
        name: name.clone(),
        format: "JSON Lines".to_owned(),
        ..DocumentBuilder::default()
    };
    let mut state = State {
        file_name: name,
        options,
        ids: super::common::UniqueIds::default(),
        unknown: Vec::new(),
        lines: 0,
        objects: 0,
        skipped: 0,
        renamed: 0,
        loose_dates: 0,
        loose_example: None,
        chosen: 0,
        chosen_example: None,
        evidence_skipped: 0,
        texts: 0,
        first_error: None,
    };
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (i, raw_line) in body.split('\n').enumerate() {
        if i % REPORT_EVERY == 0 {
            if progress.is_cancelled() {
                return Err(LoadError::Cancelled {
                    path: path.to_path_buf(),
                });
            }
            let offset = raw_line.as_ptr() as usize - text.as_ptr() as usize;
            progress.report(offset as u64, doc.events.len() as u64);
        }
        let line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        if line.trim().is_empty() {
            continue;
        }
        state.lines += 1;
        state.line(&mut doc, line, i + 1);
    }
    if state.objects == 0 {
        let (location, message) = state.first_error.take().unwrap_or((
            Location { line: 1, column: 1 },
            "the file is empty".to_owned(),
        ));
        return Err(LoadError::Invalid {
            path: path.to_path_buf(),
            location,
            field: String::new(),
            message: format!("{message}: expected one JSON object per line (JSON Lines)"),
        });
    }
    state.notes(&mut doc);
    progress.report(text.len() as u64, doc.events.len() as u64); // sorting next
    Ok(doc.build())
}

struct State<'o> {
    file_name: String,
    options: &'o ImportOptions,
    ids: super::common::UniqueIds,
    /// Field names kept as attributes, in order of first appearance.
    unknown: Vec<String>,
    lines: usize,
    objects: usize,
    skipped: usize,
    renamed: usize,
    loose_dates: usize,
    /// The first date read loosely, as written and as read.
    loose_example: Option<(String, String)>,
    /// Ambiguous day/month dates read in the order the user chose.
    chosen: usize,
    chosen_example: Option<String>,
    evidence_skipped: usize,
    texts: usize,
    /// Where the first line that is not a JSON object failed, and why.
    first_error: Option<(Location, String)>,
}

/// One line's object, with where its values are.
struct Line<'a> {
    text: &'a str,
    number: usize,
    map: BTreeMap<String, &'a RawValue>,
}

impl Line<'_> {
    /// The 1-based character column of `field`'s value, or of the line start.
    fn column(&self, field: &str) -> usize {
        self.map.get(field).map_or(1, |raw| {
            let offset = (raw.get().as_ptr() as usize)
                .saturating_sub(self.text.as_ptr() as usize)
                .min(self.text.len());
            Location::of_offset(self.text, offset).column
        })
    }

    fn warning(&self, field: &str, message: String) -> Warning {
        common::warning(self.number, self.column(field), field, message)
    }

    /// The value of `field`; `None` when absent or `null`.
    fn value(&self, field: &str) -> Option<Value> {
        let raw = self.map.get(field)?;
        match serde_json::from_str::<Value>(raw.get()) {
            Ok(Value::Null) | Err(_) => None,
            Ok(v) => Some(v),
        }
    }

    /// A required non-empty string (or, for `id`, a number).
    fn required(&self, doc: &mut DocumentBuilder, field: &str, what: &str) -> Option<String> {
        let problem = match self.value(field) {
            Some(Value::String(s)) if !s.trim().is_empty() => return Some(s),
            Some(Value::Number(n)) if field == "id" => return Some(n.to_string()),
            Some(Value::String(_)) => format!("{field} is empty: expected {what}"),
            Some(other) => format!("{field} is {}: expected {what}", type_name(&other)),
            None => format!("missing {field}: expected {what}"),
        };
        doc.warnings
            .push(self.warning(field, format!("{problem}; line skipped")));
        None
    }

    /// An optional string; a wrong type is ignored with a warning.
    fn optional_text(&self, doc: &mut DocumentBuilder, field: &str) -> Option<String> {
        match self.value(field)? {
            Value::String(s) if s.trim().is_empty() => None,
            Value::String(s) => Some(s),
            other => {
                doc.warnings.push(self.warning(
                    field,
                    format!(
                        "{field} is {}: expected a string; ignored",
                        type_name(&other)
                    ),
                ));
                None
            }
        }
    }

    /// An optional list of strings; a wrong type is ignored with a warning.
    fn string_list(&self, doc: &mut DocumentBuilder, field: &str) -> Vec<String> {
        let Some(value) = self.value(field) else {
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
        doc.warnings.push(self.warning(
            field,
            format!(
                "{field} is {}: expected a list of strings; ignored",
                if value.is_array() {
                    "a list with values that are not strings"
                } else {
                    type_name(&value)
                }
            ),
        ));
        Vec::new()
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

/// A value as attribute text: strings as they are, the rest as JSON.
fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl State<'_> {
    fn line(&mut self, doc: &mut DocumentBuilder, text: &str, number: usize) {
        let map = match serde_json::from_str::<BTreeMap<String, &RawValue>>(text) {
            Ok(map) => map,
            Err(e) => {
                let mut message = e.to_string();
                let suffix = format!(" at line {} column {}", e.line(), e.column());
                if let Some(len) = message.strip_suffix(&suffix).map(str::len) {
                    message.truncate(len);
                }
                let column = if e.is_data() {
                    text.chars().take_while(|c| c.is_whitespace()).count() + 1
                } else {
                    // serde_json counts bytes; warnings count characters.
                    Location::of_offset(text, e.column().saturating_sub(1)).column
                };
                let message = if e.is_data() {
                    format!("expected a JSON object {{…}} on each line: {message}")
                } else {
                    format!("not valid JSON: {message}")
                };
                let location = Location {
                    line: number,
                    column,
                };
                self.first_error.get_or_insert((location, message.clone()));
                doc.warnings.push(common::warning(
                    number,
                    column,
                    "",
                    format!("{message}; line skipped"),
                ));
                self.skipped += 1;
                return;
            }
        };
        self.objects += 1;
        let line = Line { text, number, map };
        let first_warning = doc.warnings.len();
        if let Some(event) = self.event(doc, &line) {
            // Whatever was said while reading a kept line is about its event.
            for w in &mut doc.warnings[first_warning..] {
                w.event = Some(doc.events.len());
            }
            doc.events.push(event);
        } else {
            self.skipped += 1;
        }
    }

    /// A date field: `Ok(None)` when absent; a warning and `Err` when unreadable.
    fn date(
        &mut self,
        doc: &mut DocumentBuilder,
        line: &Line<'_>,
        field: &str,
    ) -> Result<Option<Date>, ()> {
        let text = match line.value(field) {
            None => return Ok(None),
            Some(Value::String(s)) => s,
            Some(other) => {
                doc.warnings.push(line.warning(
                    field,
                    format!(
                        "{field} is {}: expected a date string such as \"2024-06-19\"; line skipped",
                        type_name(&other)
                    ),
                ));
                return Err(());
            }
        };
        if let Ok(date) = Date::parse(&text) {
            return Ok(Some(date));
        }
        match dates::parse_loose(&text, self.options.day_month_order) {
            Ok(loose) => {
                self.loose_dates += 1;
                self.loose_example
                    .get_or_insert_with(|| (text.clone(), loose.date.to_edtf()));
                if let Some(note) = loose.note {
                    self.chosen += 1;
                    self.chosen_example.get_or_insert(note);
                }
                Ok(Some(loose.date))
            }
            Err(reason) => {
                let message =
                    if reason.starts_with("cannot read ") || reason.starts_with("ambiguous") {
                        format!("{field}: {reason}; line skipped")
                    } else {
                        format!("{field}: cannot read {text:?} as a date: {reason}; line skipped")
                    };
                doc.warnings.push(line.warning(field, message));
                Err(())
            }
        }
    }

    fn event(&mut self, doc: &mut DocumentBuilder, line: &Line<'_>) -> Option<Event> {
        let id = line.required(doc, "id", "an event id string");
        let title = line.required(doc, "title", "the event's title");
        let start = match self.date(doc, line, "start") {
            Ok(Some(d)) => Some(d),
            Ok(None) => {
                doc.warnings.push(
                    line.warning(
                        "start",
                        "missing start: expected a date such as \"2024-06-19\"; line skipped"
                            .to_owned(),
                    ),
                );
                None
            }
            Err(()) => None,
        };
        let (Some(id), Some(title), Some(start)) = (id, title, start) else {
            return None;
        };
        let Ok(end) = self.date(doc, line, "end") else {
            return None;
        };
        if let Some(end) = &end
            && end.end_seconds() < start.start_seconds()
        {
            doc.warnings.push(line.warning(
                "end",
                format!("the end {end} is before the start {start}; line skipped"),
            ));
            return None;
        }
        let id = self.unique_id(doc, line, id);
        let mut event = Event::new(id, title, start);
        event.end = end;
        event.category = line.optional_text(doc, "category");
        event.tags = line.string_list(doc, "tags");
        event.summary = line.optional_text(doc, "summary");
        event.url = line.optional_text(doc, "url");
        event.links = line.string_list(doc, "links");
        match line.value("attributes") {
            None => {}
            Some(Value::Object(map)) => {
                for (k, v) in map {
                    if !v.is_null() {
                        event.attributes.insert(k, value_text(&v));
                    }
                }
            }
            Some(other) => doc.warnings.push(line.warning(
                "attributes",
                format!(
                    "attributes is {}: expected an object of names and values; ignored",
                    type_name(&other)
                ),
            )),
        }
        for (key, raw) in &line.map {
            if KNOWN.contains(&key.as_str()) || event.attributes.contains_key(key) {
                continue;
            }
            let Ok(value) = serde_json::from_str::<Value>(raw.get()) else {
                continue;
            };
            if value.is_null() {
                continue;
            }
            event.attributes.insert(key.clone(), value_text(&value));
            if !self.unknown.contains(key) {
                self.unknown.push(key.clone());
            }
        }
        if let Some(evidence) = line.value("evidence") {
            let n = evidence.as_array().map_or(1, Vec::len);
            if n > 0 {
                self.evidence_skipped += 1;
                doc.warnings.push(line.warning(
                        "evidence",
                        format!(
                            "evidence is not supported in JSON Lines (there are no sources to quote): {} skipped; put the text in \"text\" instead",
                            if n == 1 { "1 entry".to_owned() } else { format!("{n} entries") }
                        ),
                    ));
            }
        }
        let texts: Vec<String> = ["description", "text"]
            .iter()
            .filter_map(|f| line.optional_text(doc, f))
            .collect();
        if !texts.is_empty() {
            self.texts += 1;
            let url = event.url.clone();
            common::attach_text(
                doc,
                &mut event,
                format!("Line {} of {}", line.number, self.file_name),
                &texts.join("\n\n"),
                url,
            );
        }
        Some(event)
    }

    /// `id`, or the first free `id-2`, `id-3`, … with a warning: each repeat
    /// of an id costs a step or two, however often it repeats.
    fn unique_id(&mut self, doc: &mut DocumentBuilder, line: &Line<'_>, id: String) -> String {
        let renamed = self.ids.claim(&id);
        if renamed == id {
            return id;
        }
        self.renamed += 1;
        doc.warnings
            .push(line.warning("id", format!("duplicate id {id:?}: renamed {renamed:?}")));
        renamed
    }

    fn notes(&self, doc: &mut DocumentBuilder) {
        let plural = |n: usize, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        doc.notes.push(format!(
            "{} from {}",
            plural(doc.events.len(), "event", "events"),
            plural(self.lines, "non-empty line", "non-empty lines")
        ));
        if self.skipped > 0 {
            doc.notes.push(format!(
                "skipped {} (see warnings)",
                plural(self.skipped, "line", "lines")
            ));
        }
        if self.texts > 0 {
            doc.notes.push(format!(
                "text / description becomes source text of {}",
                plural(self.texts, "event", "events")
            ));
        }
        if !self.unknown.is_empty() {
            doc.notes.push(format!(
                "other fields kept as attributes: {}",
                self.unknown.join(", ")
            ));
        }
        if let Some((written, read)) = &self.loose_example {
            doc.notes.push(format!(
                "{} not in EDTF form read as written, e.g. {written:?} as {read}",
                plural(self.loose_dates, "date", "dates")
            ));
        }
        if let Some(example) = &self.chosen_example {
            doc.notes.push(format!(
                "{} read in the order you chose, e.g. {example}",
                plural(
                    self.chosen,
                    "ambiguous day/month date",
                    "ambiguous day/month dates"
                )
            ));
        }
        if self.renamed > 0 {
            doc.notes.push(format!(
                "{} renamed with a suffix (see warnings)",
                plural(self.renamed, "duplicate id", "duplicate ids")
            ));
        }
        if self.evidence_skipped > 0 {
            doc.notes.push(format!(
                "evidence skipped on {} (see warnings)",
                plural(self.evidence_skipped, "event", "events")
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
        let progress = crate::formats::Progress::default();
        let doc = parse_with_progress(
            &text,
            Path::new("p.jsonl"),
            &ImportOptions::default(),
            &progress,
        )
        .unwrap();
        assert_eq!(doc.event_count(), 10_000);
        assert_eq!(progress.bytes(), text.len() as u64);
        assert_eq!(progress.events(), 10_000);
        let cancelled = crate::formats::Progress::default();
        cancelled.cancel();
        let err = parse_with_progress(
            &text,
            Path::new("p.jsonl"),
            &ImportOptions::default(),
            &cancelled,
        )
        .unwrap_err();
        assert!(matches!(err, LoadError::Cancelled { .. }), "{err}");
    }
    use crate::formats::common::DayMonthOrder;
    use crate::model::Precision;

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
                "5 events from 5 non-empty lines",
                "text / description becomes source text of 2 events",
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
                    "not valid JSON: EOF while parsing an object; line skipped"
                ),
                (
                    3,
                    1,
                    "",
                    "expected a JSON object {…} on each line: invalid type: sequence, expected a map; line skipped"
                ),
                (
                    4,
                    1,
                    "id",
                    "missing id: expected an event id string; line skipped"
                ),
                (
                    5,
                    1,
                    "title",
                    "missing title: expected the event's title; line skipped"
                ),
                (
                    6,
                    1,
                    "start",
                    "missing start: expected a date such as \"2024-06-19\"; line skipped"
                ),
                (
                    7,
                    50,
                    "start",
                    "start: cannot read \"2024-13-01\" as a date: month 13 is out of range (01–12); line skipped"
                ),
                (
                    8,
                    74,
                    "end",
                    "the end 2024-04-01 is before the start 2024-05-01; line skipped"
                ),
                (9, 8, "id", "duplicate id \"ok\": renamed \"ok-2\""),
                (
                    9,
                    75,
                    "evidence",
                    "evidence is not supported in JSON Lines (there are no sources to quote): 1 entry skipped; put the text in \"text\" instead"
                ),
                (
                    10,
                    133,
                    "end",
                    "end is a number: expected a date string such as \"2024-06-19\"; line skipped"
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
                    "start: ambiguous: 03/04/2024 could be 3 April or March 4; choose day or month first; line skipped"
                ),
                (14, 73, "", "not valid JSON: expected ident; line skipped"),
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
                "3 events from 13 non-empty lines",
                "skipped 10 lines (see warnings)",
                "1 duplicate id renamed with a suffix (see warnings)",
                "evidence skipped on 1 event (see warnings)",
            ]
        );
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
