//! Importer for vis-timeline item data as JSON (<https://visjs.github.io/vis-timeline/docs/timeline/>),
//! the data behind many interactive web timelines, so that it can be opened
//! and checked in Chronoscope.
//!
//! A file is either an array of items, or an object `{"items": [...],
//! "groups": [...]}`. How an item maps:
//!
//! - `id` (number or string) becomes id (else `item-N`, N counting items from 1; a
//!   duplicate gets `-2`, `-3`, with a warning).
//! - `content` (HTML) becomes title, as plain text on one line; its links go to
//!   `links`. An item without content is titled from its `title` tooltip,
//!   else `(untitled)`, with a warning.
//! - `start` / `end`: an ISO 8601 / EDTF string keeps its precision
//!   (`"2014-04-20"` is a day, `"2014-04-20T10:00"` a minute,
//!   `"2014-04-20T10:00:00+02:00"` a second with its offset; `2014/04/20`
//!   is read as `2014-04-20`); a number is milliseconds since
//!   1970-01-01T00:00:00Z, as JavaScript's `Date` counts them, read at second
//!   precision in UTC (with the milliseconds as a fraction when not zero). A
//!   time without an offset is kept as written (vis-timeline would show it in
//!   the viewer's local time). Negative years in strings are astronomical, as
//!   in ISO 8601 (`-0499` is 500 BCE). A date-only `end` is exclusive in
//!   vis-timeline (`"2014-04-19"` is the instant that day starts), so it is
//!   stored as the last day (month, year) the item covers, `2014-04-18`; an
//!   item that then ends where it starts has no end.
//! - `type`: `"background"` items become the document's periods (they need an
//!   `end`); `box`, `point` and `range` items become events, the type kept as
//!   attribute `type`.
//! - `group` becomes category: the group's `content` (HTML to text) when a
//!   `groups` list gives it, else the group id as text.
//! - `title` (the tooltip, HTML) becomes summary.
//! - `className`, `style`, `subgroup` becomes attributes of the same name.
//!
//! An item that cannot be used (not an object, no or unreadable `start`) is
//! skipped with a warning located at the line of the item's opening brace; an
//! `end` before the start is dropped with a warning. Only a file that is not
//! JSON, or neither an array of items nor an object with `items`, is an error.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::LoadError;
use super::common::{ImportOptions, extend_links, non_empty, one_line, shorten};
use super::html;
use super::import::{Confidence, Draft, Import, Importer, Input, Item, before_start};
use super::json::{JsonText, object_fields, scalar_text};
use crate::model::{Date, DateParts, Document, Period, Precision};

/// The format's name, for people.
pub const FORMAT: &str = "vis-timeline JSON";

/// The largest time JavaScript's `Date` holds, in milliseconds from 1970.
const MAX_JS_MILLIS: f64 = 8.64e15;

type Object<'a> = BTreeMap<String, &'a RawValue>;

/// The vis-timeline importer.
pub struct VisTimeline;

impl Importer for VisTimeline {
    const FORMAT: super::Format = super::Format::VisTimeline;

    /// An object with `items`, or a list whose first item has a `start`
    /// and a `content` or `id`.
    fn sniff(probe: &super::detect::Probe<'_>) -> Confidence {
        let json = probe.json();
        let first = json.first_keys();
        let has = |k: &str| first.is_some_and(|keys| keys.iter().any(|key| key == k));
        Confidence::likely_if(json.has("items") || (has("start") && (has("content") || has("id"))))
    }

    fn parse(input: &Input<'_>) -> Result<Document, LoadError> {
        read(input)
    }
}

/// Reads `text`, the content of the vis-timeline JSON file at `path`.
pub fn parse(text: &str, path: &Path, options: &ImportOptions) -> Result<Document, LoadError> {
    super::import::parse_text::<VisTimeline>(text, path, options)
}

fn read(input: &Input<'_>) -> Result<Document, LoadError> {
    let text = input.text();
    let json = JsonText::new(text, input.path);
    // A UTF-8 byte order mark is not JSON, but editors write it.
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let base = text.len() - body.len();
    let expected =
        "expected a list of vis-timeline items [{\"start\": …}, …] or an object {\"items\": […]}";
    let root: &RawValue =
        serde_json::from_str(body).map_err(|e| json.json_error(base, body, "", &e, expected))?;
    let (items, groups, items_field) = if body.trim_start().starts_with('[') {
        (json.array(root, "")?, Vec::new(), "")
    } else {
        let object: Object<'_> = serde_json::from_str(root.get())
            .map_err(|e| json.json_error(base, body, "", &e, expected))?;
        let Some(items) = object.get("items") else {
            return Err(json.error(base, "items", format!("missing field: {expected}")));
        };
        let groups = match object.get("groups") {
            Some(raw) => json.array(raw, "groups")?,
            None => Vec::new(),
        };
        (json.array(items, "items")?, groups, "items")
    };

    let mut reader = Reader {
        json: &json,
        import: Import::new(input, FORMAT, "item"),
        group_names: HashMap::new(),
    };
    reader.group_names = reader.groups(&groups);
    let report = &mut reader.import.report;
    report.note("content becomes title (HTML to text)");
    report.note("start / end becomes start / end: ISO dates at the precision written");
    for (i, raw) in items.iter().enumerate() {
        let item = Item {
            noun: "item",
            number: i + 1,
            at: json.location(json.offset_of(raw)),
            path: if items_field.is_empty() {
                format!("[{i}]")
            } else {
                format!("{items_field}[{i}]")
            },
        };
        reader.item(&item, raw);
    }
    Ok(reader.import.finish(items.len()))
}

/// The fields of an item that are read; others are skipped unread.
const ITEM_FIELDS: [&str; 10] = [
    "id",
    "start",
    "end",
    "content",
    "title",
    "type",
    "group",
    "className",
    "style",
    "subgroup",
];

/// The file being read and the document being made of it.
struct Reader<'a> {
    json: &'a JsonText<'a>,
    import: Import<'a>,
    /// Group id becomes group name, from the `groups` list.
    group_names: HashMap<String, String>,
}

impl Reader<'_> {
    /// A warning located at `raw`, about the file rather than an event.
    fn warn_at(&mut self, raw: &RawValue, field: String, message: String) {
        let at = self.json.location(self.json.offset_of(raw));
        self.import.warn(at, field, message);
    }

    /// The fields `keys` of the object `raw` (`None` when it is no object),
    /// with a warning for each that nests too deeply to be read.
    fn object(&mut self, raw: &RawValue, keys: &[&str], field: &str) -> Option<Map<String, Value>> {
        let (object, unread) = object_fields(raw, keys)?;
        for (key, why) in unread {
            self.warn_at(raw, format!("{field}.{key}"), why);
        }
        Some(object)
    }

    /// Group id becomes group name, from the `groups` list.
    fn groups(&mut self, groups: &[&RawValue]) -> HashMap<String, String> {
        let mut names = HashMap::new();
        for (i, raw) in groups.iter().enumerate() {
            let field = format!("groups[{i}]");
            let Some(group) = self.object(raw, &["id", "content"], &field) else {
                let why = format!(
                    "group {}: expected a group object {{\"id\": …, \"content\": …}}; ignored",
                    i + 1
                );
                self.warn_at(raw, field, why);
                continue;
            };
            let Some(id) = group.get("id").and_then(scalar_text) else {
                self.warn_at(
                    raw,
                    format!("{field}.id"),
                    format!("group {}: no id; ignored", i + 1),
                );
                continue;
            };
            let content = group
                .get("content")
                .and_then(scalar_text)
                .map(|c| html::to_text(&c));
            if let Some(why) = content.as_ref().and_then(|c| c.flattened) {
                self.warn_at(raw, format!("{field}.content"), why.to_string());
            }
            let name = content
                .map(|c| one_line(&c.text))
                .filter(|c| !c.is_empty())
                .unwrap_or_else(|| id.clone());
            names.insert(id, name);
        }
        names
    }

    fn item(&mut self, item: &Item, raw: &RawValue) {
        let Some(fields) = self.object(raw, &ITEM_FIELDS, &item.path) else {
            self.import.skip(item, "", "expected an item object {…}");
            return;
        };
        let text = |key: &str| fields.get(key).and_then(scalar_text);
        let background = text("type").is_some_and(|t| t.eq_ignore_ascii_case("background"));
        let start = match read_date(fields.get("start")) {
            Ok(Some(start)) => start,
            Ok(None) | Err(_) if background => {
                self.skip_background(item, &fields);
                return;
            }
            Ok(None) => {
                self.import.skip(item, "start", "no start");
                return;
            }
            Err(reason) => {
                self.import.skip(item, "start", &reason);
                return;
            }
        };
        let end = match read_date(fields.get("end")) {
            Ok(Some(end)) if end.date.start_seconds() < start.date.start_seconds() => {
                Err(before_start(&end.date, &start.date))
            }
            Ok(Some(end)) => {
                if end.date.precision <= Precision::Day {
                    self.import.report.count(EXCLUSIVE_ENDS, "end");
                }
                let numeric = end.numeric;
                Ok(Some(end.date.unit_before())
                    .filter(|e| e.end_seconds() > start.date.start_seconds())
                    .map(|date| ItemDate { date, numeric }))
            }
            Ok(None) => Ok(None),
            Err(reason) => Err(reason),
        };
        let html_of = |key: &str| text(key).map(|c| html::to_text(&c)).unwrap_or_default();
        let (content, tooltip) = (html_of("content"), html_of("title"));
        for (key, html) in [("content", &content), ("title", &tooltip)] {
            if let Some(why) = html.flattened {
                // About the item whether it becomes an event or a period.
                self.warn_at(raw, item.field(key), why.to_string());
            }
        }

        if background {
            let Ok(Some(end)) = end else {
                self.skip_background(item, &fields);
                return;
            };
            let title = non_empty(one_line(&content.text)).unwrap_or_else(|| {
                let why = "background item without content: period titled \"(untitled)\"";
                self.import
                    .warn(item.at, item.field("content"), why.to_owned());
                "(untitled)".to_owned()
            });
            self.import.doc.periods.push(Period {
                title,
                start: start.date,
                end: end.date,
                description: non_empty(tooltip.text),
            });
            let report = &mut self.import.report;
            report.count("background items become periods", "item");
            report.add(MILLISECONDS, "date", start.numeric + end.numeric);
            return;
        }

        self.import.report.add(MILLISECONDS, "date", start.numeric);
        let mut draft = Draft::new(start.date);
        draft.title_field = "content";
        match end {
            Ok(end) => {
                let numeric = end.as_ref().map_or(0, |e| e.numeric);
                self.import.report.add(MILLISECONDS, "date", numeric);
                draft.end = end.map(|e| e.date);
            }
            Err(reason) => self.import.drop_end(item, "end", &reason),
        }
        draft.title = non_empty(one_line(&content.text));
        if draft.title.is_none() {
            draft.title = non_empty(one_line(&tooltip.text));
            if let Some(title) = &draft.title {
                let why = format!("no content: title taken from the tooltip: {title:?}");
                self.import.warn_item(item, "content", why);
                self.import
                    .report
                    .count("items without content titled from their tooltip", "item");
            }
        }
        draft.id = text("id");
        if let Some(group) = text("group") {
            let category = if self.group_names.is_empty() {
                self.import
                    .report
                    .count("group id becomes category (no groups list)", "item");
                group
            } else if let Some(name) = self.group_names.get(&group) {
                self.import
                    .report
                    .count("group becomes category, named by the groups list", "item");
                name.clone()
            } else {
                let why =
                    format!("group {group:?} is not in the groups list; its id is the category");
                self.import.warn_item(item, "group", why);
                group
            };
            draft.category = Some(category);
        }
        draft.summary = non_empty(tooltip.text);
        if draft.summary.is_some() {
            self.import
                .report
                .count("title (tooltip) becomes summary", "item");
        }
        extend_links(
            &mut draft.links,
            content.links.into_iter().chain(tooltip.links),
        );
        for key in ["type", "className", "style", "subgroup"] {
            if let Some(value) = text(key) {
                draft.attributes.insert(key, value);
            }
        }
        if !draft.attributes.is_empty() {
            self.import.report.count(
                "type, className, style, subgroup becomes attributes",
                "item",
            );
        }
        self.import.add(item, draft);
    }

    /// Skips a background item that has no usable start or end.
    fn skip_background(&mut self, item: &Item, fields: &Map<String, Value>) {
        let reason = |key: &str| match read_date(fields.get(key)) {
            Ok(Some(_)) => None,
            Ok(None) => Some(format!("no {key}")),
            Err(reason) => Some(reason),
        };
        let (key, why) = match (reason("start"), reason("end")) {
            (Some(why), _) => ("start", why),
            (None, Some(why)) => ("end", why),
            (None, None) => ("end", "the end is not after the start".to_owned()),
        };
        let background = Item {
            noun: "background item",
            ..item.clone()
        };
        let why = format!("{why} (a background period needs a start and an end)");
        self.import.skip(&background, key, &why);
    }
}

/// The note on numeric dates.
const MILLISECONDS: &str = "numeric start / end read as milliseconds since 1970-01-01 UTC";

/// The note on date-only ends.
const EXCLUSIVE_ENDS: &str = "date-only ends are exclusive in vis-timeline (\"2014-04-19\" is the instant that day starts): stored as the last day covered, 2014-04-18";

/// A `start` or `end` read into a [`Date`].
struct ItemDate {
    date: Date,
    /// 1 when it was a millisecond timestamp, for the notes.
    numeric: usize,
}

/// Reads a `start` / `end` value. `Ok(None)` when absent, null or empty.
fn read_date(value: Option<&Value>) -> Result<Option<ItemDate>, String> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => {
            let text = s.trim();
            let date = Date::parse(text).or_else(|first| {
                // `2014/04/20`, which JavaScript's Date also reads.
                let dashed = text.replace('/', "-");
                if dashed == text {
                    Err(first)
                } else {
                    Date::parse(&dashed)
                }
            });
            date.map(|date| Some(ItemDate { date, numeric: 0 }))
                .map_err(|e| format!("cannot read {s:?} as a date: {}", e.reason))
        }
        Some(Value::Number(n)) => {
            let millis = n
                .as_i64()
                .map(|m| m as f64)
                .or_else(|| n.as_f64())
                .filter(|m| m.abs() <= MAX_JS_MILLIS)
                .ok_or_else(|| {
                    format!("{n} is not a time in milliseconds since 1970 that JavaScript can hold")
                })?;
            let date = date_of_millis(millis.round() as i64)?;
            Ok(Some(ItemDate { date, numeric: 1 }))
        }
        Some(other) => Err(format!(
            "expected a date string or a number of milliseconds, found {}",
            shorten(&other.to_string(), 40)
        )),
    }
}

/// The UTC date and time `millis` milliseconds after 1970-01-01T00:00:00Z, at
/// second precision.
fn date_of_millis(millis: i64) -> Result<Date, String> {
    Date::from_parts(DateParts::from_unix_millis(millis))
        .map_err(|e| format!("cannot read {millis} ms as a date: {}", e.reason))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Event;

    /// Whether detection takes `text` for this format.
    fn sniff(text: &str) -> bool {
        crate::formats::detect(text, Path::new("")) == Some(crate::formats::Format::VisTimeline)
    }
    use crate::model::Location;
    use std::fmt::Write as _;

    const LAUNCH: &str = include_str!("../../../../tests/data/vis/launch-schedule.json");
    const BASIC: &str = include_str!("../../../../tests/data/vis/basic-days.json");
    const BROKEN: &str = include_str!("../../../../tests/data/vis/broken.json");

    fn load(text: &str) -> Document {
        parse(
            text,
            Path::new("data/items.json"),
            &ImportOptions::default(),
        )
        .unwrap()
    }

    fn event<'d>(doc: &'d Document, id: &str) -> &'d Event {
        &doc.owned_events().unwrap()[doc.event_by_id(id).unwrap()]
    }

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn items_with_groups_map_to_events() {
        let doc = load(LAUNCH);
        assert_eq!(doc.name, "items.json");
        assert_eq!(doc.format, "vis-timeline JSON");
        let order: Vec<&str> = doc
            .owned_events()
            .unwrap()
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(
            order,
            [
                "countdown-2",
                "countdown",
                "17",
                "18",
                "scrub",
                "tooltip-only"
            ]
        );

        let countdown = event(&doc, "countdown");
        assert_eq!(countdown.title, "Countdown log");
        assert_eq!(countdown.links, ["https://example.org/countdown"]);
        assert_eq!(countdown.summary.as_deref(), Some("T-minus four hours"));
        assert_eq!(countdown.category.as_deref(), Some("Launch pad"));
        assert_eq!(countdown.start, date("2024-06-19T10:00:00+02:00"));
        assert_eq!(countdown.start.offset_minutes, Some(120));
        assert_eq!(countdown.start.precision, Precision::Second);
        assert_eq!(countdown.end, Some(date("2024-06-19T14:00:00+02:00")));
        assert_eq!(&countdown.attributes["className"], "critical");
        assert_eq!(&countdown.attributes["type"], "range");

        // Numbers are milliseconds since 1970, UTC.
        let poll = event(&doc, "17");
        assert_eq!(poll.start, date("2024-06-19T10:00:00Z"));
        assert_eq!(poll.category.as_deref(), Some("Mission control"));
        let telemetry = event(&doc, "18");
        assert_eq!(telemetry.start, date("2024-06-19T10:00:30.500Z"));
        assert_eq!(telemetry.start.nanosecond, 500_000_000);
        // A group without content is named by its id.
        assert_eq!(telemetry.category.as_deref(), Some("ops"));
        assert_eq!(&telemetry.attributes["style"], "color: red;");

        let second = event(&doc, "countdown-2");
        assert_eq!(second.start, date("2024-06"));
        assert_eq!(second.start.precision, Precision::Month);

        let scrub = event(&doc, "scrub");
        assert_eq!(scrub.end, None);
        assert_eq!(scrub.category.as_deref(), Some("nowhere"));

        let press = event(&doc, "tooltip-only");
        assert_eq!(press.title, "Press conference");
        assert_eq!(press.start, date("2024-06-21"));
    }

    #[test]
    fn regression_deeply_nested_html_in_item_content_hangs() {
        let deep = |inner: &str| {
            format!(
                "{}{inner}{}",
                "<i><b>".repeat(2_000),
                "</b></i>".repeat(2_000)
            )
        };
        let text = format!(
            "{{\"groups\": [{{\"id\": 1, \"content\": {:?}}}],\n\"items\": [\n{{\"start\": \"2014-04-20\", \"group\": 1, \"content\": {:?}, \"title\": \"tip\"}},\n{{\"start\": \"2014-04-21\", \"end\": \"2014-04-23\", \"type\": \"background\", \"content\": {:?}}}]}}",
            deep("Crew"),
            deep("Launch"),
            deep("Window")
        );
        let doc = load(&text);
        assert_eq!(doc.owned_events().unwrap()[0].title, "Launch");
        assert_eq!(
            doc.owned_events().unwrap()[0].category.as_deref(),
            Some("Crew")
        );
        assert_eq!(doc.periods[0].title, "Window");
        let w: Vec<(usize, &str)> = doc
            .warnings
            .iter()
            .map(|w| (w.location.line, w.field.as_str()))
            .collect();
        assert_eq!(
            w,
            [
                (1, "groups[0].content"),
                (3, "items[0].content"),
                (4, "items[1].content")
            ]
        );
        assert!(
            doc.warnings
                .iter()
                .all(|w| w.message.contains("nested deeper than 100")),
            "{:#?}",
            doc.warnings
        );
    }

    #[test]
    fn regression_a_warning_on_every_item_counts_lines_from_the_start_of_the_file() {
        // 8 MB on the first lines, then 20,000 items each warned about:
        // counted from the start each time, that was 160 GB of text.
        let mut text = format!(
            "[{{\"start\": \"2014\", \"content\": \"{}\"}}",
            "é".repeat(4_000_000)
        );
        for i in 0..20_000 {
            write!(text, ",\n{{\"id\": {i}, \"start\": \"someday\"}}").unwrap();
        }
        text.push(']');
        let started = std::time::Instant::now();
        let doc = load(&text);
        assert!(
            started.elapsed() < std::time::Duration::from_mins(1),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(doc.warnings.len(), 20_000);
        let last = &doc.warnings[19_999];
        assert_eq!((last.location.line, last.location.column), (20_001, 1));
        assert_eq!(last.field, "[20000].start");
    }

    #[test]
    fn regression_one_id_repeated_renames_by_trying_every_suffix_again() {
        let mut text = String::from("[");
        for i in 0..20_000 {
            write!(
                text,
                "{}{{\"id\": 7, \"start\": \"2014-04-20\", \"content\": \"x\"}}",
                if i == 0 { "" } else { "," }
            )
            .unwrap();
        }
        text.push(']');
        let started = std::time::Instant::now();
        let doc = load(&text);
        assert!(
            started.elapsed() < std::time::Duration::from_mins(1),
            "{:?}",
            started.elapsed()
        );
        assert!(doc.event_by_id("7-20000").is_some());
        assert_eq!(doc.warnings.len(), 19_999);
    }

    #[test]
    fn regression_a_deeply_nested_value_skips_the_whole_item() {
        let deep = format!("{}1{}", "[".repeat(5_000), "]".repeat(5_000));
        let text = format!(
            "[{{\"start\": \"2014-04-20\", \"content\": \"kept\", \"extra\": {deep}}},\n{{\"start\": \"2014-04-21\", \"content\": \"titled\", \"title\": {deep}}}]"
        );
        let doc = load(&text);
        let titles: Vec<&str> = doc
            .owned_events()
            .unwrap()
            .iter()
            .map(|e| e.title.as_str())
            .collect();
        assert_eq!(titles, ["kept", "titled"]);
        let w: Vec<(usize, &str, &str)> = doc
            .warnings
            .iter()
            .map(|w| (w.location.line, w.field.as_str(), w.message.as_str()))
            .collect();
        assert_eq!(
            w,
            [(
                2,
                "[1].title",
                "nested deeper than 128 levels of lists and objects; not read"
            )]
        );
    }

    #[test]
    fn background_items_become_periods() {
        let doc = load(LAUNCH);
        assert_eq!(doc.periods.len(), 1);
        let review = &doc.periods[0];
        assert_eq!(review.title, "Review week");
        assert_eq!(review.start, date("2024-06-10"));
        // The exclusive end 2024-06-15 is the last day 2024-06-14.
        assert_eq!(review.end, date("2024-06-14"));
    }

    #[test]
    fn unusable_items_are_warnings_at_their_line() {
        let doc = load(LAUNCH);
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
                    38,
                    5,
                    "items[4].end",
                    "background item 5: no end (a background period needs a start and an end); skipped"
                ),
                (
                    43,
                    5,
                    "items[5].id",
                    "id \"countdown\" is used by an earlier item; renamed \"countdown-2\""
                ),
                (
                    48,
                    5,
                    "items[6].end",
                    "the end 2024-06-18 is before the start 2024-06-20; end dropped"
                ),
                (
                    48,
                    5,
                    "items[6].group",
                    "group \"nowhere\" is not in the groups list; its id is the category"
                ),
                (55, 5, "items[7].start", "item 8: no start; skipped"),
                (
                    59,
                    5,
                    "items[8].start",
                    "item 9: cannot read \"next Tuesday\" as a date: a date starts with a year of at least 4 digits; skipped"
                ),
                (
                    64,
                    5,
                    "items[9].content",
                    "no content: title taken from the tooltip: \"Press conference\""
                ),
                (
                    69,
                    5,
                    "items[10]",
                    "item 11: expected an item object {…}; skipped"
                ),
            ]
        );
        assert_eq!(doc.warnings[2].event, doc.event_by_id("scrub"));
        for expected in [
            "6 of 11 items imported",
            "skipped 3 items (see warnings)",
            "skipped 1 background item (see warnings)",
            "numeric start / end read as milliseconds since 1970-01-01 UTC (2 dates)",
            "group becomes category, named by the groups list (3 items)",
        ] {
            assert!(
                doc.notes.iter().any(|n| n == expected),
                "{expected}: {:?}",
                doc.notes
            );
        }
    }

    #[test]
    fn plain_array_of_days() {
        let doc = load(BASIC);
        let got: Vec<(&str, String, &str)> = doc
            .owned_events()
            .unwrap()
            .iter()
            .map(|e| (e.id.as_str(), e.date_text(), e.title.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("item-5", "-0043-03-15".to_owned(), "BCE date"),
                ("item-1", "2023-01-09".to_owned(), "Kick-off"),
                ("item-2", "2023-01-09/2023-01-22".to_owned(), "Sprint one"),
                ("item-3", "2023-01-23T15:30".to_owned(), "Demo"),
                ("item-4", "2023-02-01".to_owned(), "Same-day range"),
            ]
        );
        assert!(doc.warnings.is_empty());
        assert_eq!(
            doc.owned_events().unwrap()[1].start.precision,
            Precision::Day
        );
        assert!(doc.notes.iter().any(|n| n.contains("exclusive")));
    }

    #[test]
    fn milliseconds_cover_bce_and_fractions() {
        assert_eq!(date_of_millis(0).unwrap(), date("1970-01-01T00:00:00Z"));
        assert_eq!(
            date_of_millis(-1).unwrap(),
            date("1969-12-31T23:59:59.999Z")
        );
        // JavaScript's Date.UTC(-43, 2, 15): 15 March 44 BCE.
        let ides = chrono::NaiveDate::from_ymd_opt(-43, 3, 15)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc()
            .timestamp_millis();
        assert_eq!(date_of_millis(ides).unwrap(), date("-0043-03-15T00:00:00Z"));
        let doc = load(r#"[{"content": "far", "start": 9e15}, {"content": "x", "start": 1.5}]"#);
        assert_eq!(doc.owned_events().unwrap().len(), 1);
        assert_eq!(
            doc.owned_events().unwrap()[0].start,
            date("1970-01-01T00:00:00.002Z")
        );
        assert!(
            doc.warnings[0].message.contains("JavaScript"),
            "{:?}",
            doc.warnings
        );
    }

    #[test]
    fn invalid_json_is_a_located_error() {
        let err = parse(BROKEN, Path::new("b.json"), &ImportOptions::default()).unwrap_err();
        let LoadError::Invalid {
            location, message, ..
        } = &err
        else {
            panic!("{err:?}");
        };
        assert_eq!(
            *location,
            Location {
                line: 3,
                column: 33
            }
        );
        assert!(message.contains("expected `,`"), "{message}");
    }

    #[test]
    fn other_json_is_an_error() {
        for text in ["{\"events\": []}", "5", "\"x\"", "", "{\"items\": 3}"] {
            assert!(
                parse(text, Path::new("b.json"), &ImportOptions::default()).is_err(),
                "{text}"
            );
        }
        let err = parse(
            "{\"events\": []}",
            Path::new("b.json"),
            &ImportOptions::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("missing field"), "{err}");
        // An empty list is an empty timeline.
        assert_eq!(load("[]").event_count(), 0);
    }

    #[test]
    fn truncated_and_garbage_input_never_panics() {
        for end in 0..LAUNCH.len() {
            if LAUNCH.is_char_boundary(end) {
                let _ = parse(
                    &LAUNCH[..end],
                    Path::new("t.json"),
                    &ImportOptions::default(),
                );
                let _ = sniff(&LAUNCH[..end]);
            }
        }
        let odd = r#"{"items": [{"start": [], "content": {}}, {"start": "2024", "end": true,
            "id": null, "group": 1.5, "type": 3}, {"start": "2024", "end": "2023", "type": "background"},
            {"start": "2024-01-01", "end": "2024-01-02", "type": "background", "content": "<p></p>"}],
            "groups": [null, {"content": "no id"}, {"id": 1.5, "content": "g"}]}"#;
        let doc = load(odd);
        assert_eq!(doc.owned_events().unwrap().len(), 1);
        assert_eq!(
            doc.owned_events().unwrap()[0].category.as_deref(),
            Some("g")
        );
        assert_eq!(doc.owned_events().unwrap()[0].id, "item-2");
        assert_eq!(doc.periods.len(), 1);
        assert_eq!(doc.periods[0].title, "(untitled)");
        // A one-day background item is a one-day period.
        assert_eq!(doc.periods[0].end, date("2024-01-01"));
        for text in [
            "\u{feff}[",
            "[{",
            "[{\"start\"",
            "[[]]",
            "[null]",
            "{\"items\": [1]}",
        ] {
            let _ = parse(text, Path::new("t.json"), &ImportOptions::default());
            let _ = sniff(text);
        }
    }

    #[test]
    fn sniff_recognises_vis_items_only() {
        assert!(sniff(LAUNCH));
        assert!(sniff(BASIC));
        assert!(sniff("\u{feff}[ {\"id\": 1, \"start\": \"2014-04-20\"} ]"));
        assert!(!sniff(
            "[{\"content\": \"no start\"}, {\"start\": \"2024\"}]"
        ));
        assert!(!sniff(include_str!("../../../../tests/data/siege.json")));
        assert!(!sniff(include_str!(
            "../../../../tests/data/timelinejs/ancient-rome.json"
        )));
        assert!(!sniff("[1, 2]"));
        assert!(!sniff("BEGIN:VCALENDAR"));
        assert!(!sniff(""));
    }
}
