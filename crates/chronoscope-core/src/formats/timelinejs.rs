//! Importer for `TimelineJS3` JSON, the format of Knight Lab's `TimelineJS`
//! (<https://timeline.knightlab.com/docs/json-format.html>), so that the many
//! timelines published with it can be opened, read and checked in Chronoscope.
//!
//! A file is one object: `{"title": slide, "events": [slide…], "eras":
//! [era…], "scale": "human" | "cosmological"}`. How it maps:
//!
//! - The title slide gives the document's title (its `text.headline`) and
//!   description (its `text.text`), both HTML converted to plain text.
//! - Each slide of `events` becomes an event. `start_date` / `end_date` are
//!   objects of `year`, `month`, `day`, `hour`, `minute`, `second`,
//!   `millisecond`, given as numbers or (as most real files do) strings; empty
//!   strings count as absent. The date keeps the precision given: a year
//!   alone is a year, year and month a month, a day a day; an hour gives minute
//!   precision (minute 00 when only the hour is given) and seconds second
//!   precision. `TimelineJS` has no time zones: times are kept as written,
//!   without an offset. A field given below a missing one (a day without a
//!   month) is ignored with a warning.
//! - **BCE**: `TimelineJS` counts years as people do, without a year 0: year
//!   `-500` is 500 BCE, which is astronomical (EDTF) year `-0499`; `-1` is
//!   1 BCE, EDTF `0000`. Year `0` does not exist there: such a date is
//!   unusable (warning).
//! - `text.headline` becomes title (HTML to text; when empty, with a warning, the
//!   start of the text, else the media caption, else `(untitled)`);
//!   `text.text` becomes the event's source text (HTML to text, its links into
//!   `links`); `group` becomes category; `unique_id` becomes id (else `event-N`, N
//!   counting slides from 1; a duplicate gets `-2`, `-3`, with a warning);
//!   `media.url` / `caption` / `credit` / `thumbnail` becomes attributes `media`,
//!   `media_caption`, `media_credit`, `media_thumbnail`, and an http(s) media
//!   url is also added to `links`; `display_date` (of the slide or of its
//!   dates) becomes attributes `display_date`, `start_display_date`,
//!   `end_display_date`; `type`, `background` (url or colour) and the
//!   `location` object some files carry (`name`, `lat`, `lon`) becomes attributes
//!   `type`, `background`, `location`, `latitude`, `longitude`.
//! - `eras` become the document's periods (title from the headline).
//! - `scale: "cosmological"` only changes how `TimelineJS` draws the axis; the
//!   dates are read the same way (years only matter at that scale).
//!
//! A slide that cannot be used (no or unreadable `start_date`) is skipped with
//! a warning located at the line of the slide's opening brace; an `end_date`
//! before the start is dropped with a warning. Only a file that is not JSON,
//! or not a `TimelineJS` object, is an error.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::LoadError;
use super::common::{ImportOptions, extend_links, head, non_empty, shorten};
use super::html;
use super::import::{Confidence, Draft, Import, Importer, Input, Item, Text, before_start};
use super::json::{JsonText, object_fields, scalar_text};
use crate::model::{Date, DateParts, Document, Period, TimeParts};

/// Why a `TimelineJS` year 0 is refused (JSON and the spreadsheet template):
/// `TimelineJS` counts years without a zero, so 0 is neither 1 BCE nor 1 CE.
pub(super) const YEAR_ZERO: &str =
    "year 0 does not exist in TimelineJS (1 BCE is -1, 1 CE is 1): unusable date";

/// The format's name, for people.
pub const FORMAT: &str = "TimelineJS3 JSON";

/// Longest title taken from the start of a slide's text.
const FALLBACK_TITLE_CHARS: usize = 80;

/// The note on negative years.
const BCE: &str =
    "negative years read as BCE the TimelineJS way, without a year 0: -500 is 500 BCE (EDTF -0499)";

type Object<'a> = BTreeMap<String, &'a RawValue>;

/// The `TimelineJS3` JSON importer.
pub struct TimelineJs;

impl Importer for TimelineJs {
    const FORMAT: super::Format = super::Format::TimelineJs;

    /// An object whose `events` (or `eras`) start with a `start_date`, or
    /// whose events come with a `headline` near the start.
    fn sniff(probe: &super::detect::Probe<'_>) -> Confidence {
        let json = probe.json();
        let timelinejs = json.starts_like("events", "start_date")
            || json.starts_like("eras", "start_date")
            || (json.has("events") && head(probe.body(), 8192).contains("\"headline\""));
        Confidence::likely_if(timelinejs)
    }

    fn parse(input: &Input<'_>) -> Result<Document, LoadError> {
        read(input)
    }
}

/// Reads `text`, the content of the `TimelineJS3` JSON file at `path`.
pub fn parse(text: &str, path: &Path, options: &ImportOptions) -> Result<Document, LoadError> {
    super::import::parse_text::<TimelineJs>(text, path, options)
}

fn read(input: &Input<'_>) -> Result<Document, LoadError> {
    let text = input.text();
    let json = JsonText::new(text, input.path);
    // A UTF-8 byte order mark is not JSON, but editors write it.
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let base = text.len() - body.len();
    let expected = "expected a TimelineJS3 object {\"title\": …, \"events\": […]}";
    let root: Object<'_> =
        serde_json::from_str(body).map_err(|e| json.json_error(base, body, "", &e, expected))?;

    let mut reader = Reader {
        json: &json,
        import: Import::new(input, FORMAT, "slide"),
    };
    if let Some(raw) = root.get("title") {
        reader.title_slide(raw);
    }
    let Some(events) = root.get("events") else {
        return Err(json.error(
            base,
            "events",
            "missing field: expected \"events\", the list of TimelineJS slides".into(),
        ));
    };
    let slides = json.array(events, "events")?;
    let report = &mut reader.import.report;
    report.note(
        "start_date / end_date becomes start / end at the precision given (no time zone: times as written)",
    );
    report.note(
        "text.headline becomes title; text.text becomes source text (HTML to text, links kept)",
    );
    for (i, raw) in slides.iter().enumerate() {
        let item = reader.item("slide", "events", i, raw);
        reader.slide(&item, raw);
    }
    if let Some(raw) = root.get("eras") {
        for (i, raw) in json.array(raw, "eras")?.iter().enumerate() {
            let item = reader.item("era", "eras", i, raw);
            reader.era(&item, raw);
        }
    }

    let scale = root
        .get("scale")
        .and_then(|raw| serde_json::from_str::<Value>(raw.get()).ok())
        .and_then(|v| scalar_text(&v));
    match scale {
        Some(s) if s.eq_ignore_ascii_case("cosmological") => reader.import.report.note(
            "scale: cosmological: TimelineJS draws years only at this scale; dates imported as written",
        ),
        Some(s) if !s.eq_ignore_ascii_case("human") => reader
            .import
            .report
            .note(&format!("scale {s:?} not known; dates imported as written")),
        _ => {}
    }
    Ok(reader.import.finish(slides.len()))
}

/// The fields of a slide that are read; others are skipped unread.
const SLIDE_FIELDS: [&str; 10] = [
    "start_date",
    "end_date",
    "text",
    "media",
    "unique_id",
    "group",
    "display_date",
    "type",
    "background",
    "location",
];

/// The file being read and the document being made of it.
struct Reader<'a> {
    json: &'a JsonText<'a>,
    import: Import<'a>,
}

/// The headline and text of a slide, converted from HTML.
struct SlideText {
    headline: html::HtmlText,
    text: html::HtmlText,
}

impl SlideText {
    fn of(slide: &Map<String, Value>) -> Self {
        let (headline, text) = match slide.get("text") {
            Some(Value::Object(text)) => (
                text.get("headline").and_then(scalar_text),
                text.get("text").and_then(scalar_text),
            ),
            Some(other) => (None, scalar_text(other)),
            None => (None, None),
        };
        Self {
            headline: html::to_text(headline.as_deref().unwrap_or("")),
            text: html::to_text(text.as_deref().unwrap_or("")),
        }
    }

    /// (field, message) of each part that was read as plain text because
    /// its HTML nested too deeply.
    fn flattened(&self) -> Vec<(&'static str, String)> {
        [("text.headline", &self.headline), ("text.text", &self.text)]
            .into_iter()
            .filter_map(|(part, html)| html.flattened.map(|why| (part, why.to_string())))
            .collect()
    }
}

impl Reader<'_> {
    /// Item `i` of the list `list`, called `noun`, located at `raw`.
    fn item(&self, noun: &'static str, list: &str, i: usize, raw: &RawValue) -> Item {
        Item {
            noun,
            number: i + 1,
            at: self.json.location(self.json.offset_of(raw)),
            path: format!("{list}[{i}]"),
        }
    }

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

    /// Reads the title slide into the document's title and description.
    fn title_slide(&mut self, raw: &RawValue) {
        if raw.get() == "null" {
            return;
        }
        let Some(slide) = self.object(raw, &["text"], "title") else {
            let why = "expected the title slide object {…}; ignored";
            self.warn_at(raw, "title".into(), why.into());
            return;
        };
        let text = SlideText::of(&slide);
        for (part, why) in text.flattened() {
            self.warn_at(raw, format!("title.{part}"), why);
        }
        let doc = &mut self.import.doc;
        doc.title = non_empty(text.headline.text);
        doc.description = non_empty(text.text.text);
        if doc.title.is_some() || doc.description.is_some() {
            self.import
                .report
                .note("title slide becomes document title and description");
        }
    }

    fn slide(&mut self, item: &Item, raw: &RawValue) {
        let Some(slide) = self.object(raw, &SLIDE_FIELDS, &item.path) else {
            self.import.skip(item, "", "expected a slide object {…}");
            return;
        };
        let start = match read_date(slide.get("start_date")) {
            Ok(Some(start)) => start,
            Ok(None) => {
                let why = "no start_date (a slide needs at least a year)";
                self.import.skip(item, "start_date", why);
                return;
            }
            Err(reason) => {
                self.import.skip(item, "start_date", &reason);
                return;
            }
        };
        let mut bce = usize::from(start.bce);
        for message in start.ignored {
            self.import.warn_item(item, "start_date", message);
        }
        let mut draft = Draft::new(start.date);
        draft.title_field = "text.headline";
        draft.end_field = "end_date";
        let get = |key: &str| slide.get(key).and_then(scalar_text);
        let display = get("display_date");
        if display.is_some() {
            self.import
                .report
                .count("display_date becomes attribute display_date", "slide");
        }
        let mut attributes = vec![
            ("display_date", display),
            ("start_display_date", start.display),
        ];
        // An end before the start is the draft's to drop, as in every format.
        match read_date(slide.get("end_date")) {
            Ok(Some(end)) => {
                for message in end.ignored {
                    self.import.warn_item(item, "end_date", message);
                }
                bce += usize::from(end.bce);
                attributes.push(("end_display_date", end.display));
                draft.end = Some(end.date);
            }
            Ok(None) => {}
            Err(reason) => self.import.drop_end(item, "end_date", &reason),
        }

        let text = SlideText::of(&slide);
        for (part, why) in text.flattened() {
            self.import.warn_item(item, part, why);
        }
        let media = slide.get("media").and_then(Value::as_object);
        draft.title = non_empty(text.headline.text)
            .or_else(|| self.fallback_title(item, &text.text.text, media));

        let unique_id = get("unique_id");
        if unique_id.is_some() {
            self.import.report.count("unique_id becomes id", "slide");
        }
        draft.id = unique_id;
        draft.id_field = "unique_id";
        draft.id_prefix = Some("event");
        draft.category = get("group");
        if draft.category.is_some() {
            self.import.report.count("group becomes category", "slide");
        }
        extend_links(&mut draft.links, text.headline.links);
        extend_links(&mut draft.links, text.text.links);
        if let Some(media) = media {
            self.media(item, media, &mut draft);
        }
        attributes.push(("type", get("type")));
        attributes.push((
            "background",
            match slide.get("background") {
                Some(Value::Object(background)) => background
                    .get("url")
                    .or_else(|| background.get("color"))
                    .and_then(scalar_text),
                Some(other) => scalar_text(other),
                None => None,
            },
        ));
        if let Some(location) = slide.get("location").and_then(Value::as_object) {
            for (key, attribute) in [
                ("name", "location"),
                ("lat", "latitude"),
                ("lon", "longitude"),
            ] {
                attributes.push((attribute, location.get(key).and_then(scalar_text)));
            }
        }
        for (name, value) in attributes {
            if let Some(value) = value {
                draft.attributes.insert(name, value);
            }
        }
        self.import.report.add(BCE, "date", bce);
        draft.text = Some(Text {
            title: draft.title.clone().unwrap_or_default(),
            body: text.text.text,
            url: None,
        });

        self.import.add(item, draft);
    }

    /// The title of a slide without a headline: `TimelineJS` shows its text,
    /// else its media, so the start of either, with a warning; `None` leaves
    /// it to the draft's "(untitled)".
    fn fallback_title(
        &mut self,
        item: &Item,
        text: &str,
        media: Option<&Map<String, Value>>,
    ) -> Option<String> {
        let (why, title) = if let Some(title) = fallback_title(text) {
            ("no headline: title taken from the text", title)
        } else {
            let caption = media?.get("caption").and_then(scalar_text)?;
            let title = fallback_title(&html::to_text(&caption).text)?;
            (
                "no headline and no text: title taken from the media caption",
                title,
            )
        };
        self.import
            .warn_item(item, "text.headline", format!("{why}: {title:?}"));
        self.import.report.count(
            "slides without a headline titled from their text or media caption",
            "slide",
        );
        Some(title)
    }

    /// `media.url` / `caption` / `credit` / `thumbnail` becomes attributes; an
    /// http(s) url is a link too.
    fn media(&mut self, item: &Item, media: &Map<String, Value>, draft: &mut Draft) {
        let before = draft.attributes.len();
        if let Some(url) = media.get("url").and_then(scalar_text) {
            if is_http(&url) {
                extend_links(&mut draft.links, [url.clone()]);
            }
            draft.attributes.insert("media", url);
        }
        for (key, attribute) in [
            ("caption", "media_caption"),
            ("credit", "media_credit"),
            ("thumbnail", "media_thumbnail"),
        ] {
            if let Some(value) = media.get(key).and_then(scalar_text) {
                let value = html::to_text(&value);
                if let Some(why) = value.flattened {
                    self.import
                        .warn_item(item, &format!("media.{key}"), why.to_string());
                }
                if !value.text.is_empty() {
                    draft.attributes.insert(attribute, value.text);
                }
            }
        }
        if draft.attributes.len() > before {
            self.import.report.count(
                "media url / caption / credit becomes attributes media, media_caption, media_credit; http(s) media urls also in links",
                "slide",
            );
        }
    }

    /// An era becomes a period; one without both dates is skipped.
    fn era(&mut self, item: &Item, raw: &RawValue) {
        let fields = ["start_date", "end_date", "text"];
        let Some(era) = self.object(raw, &fields, &item.path) else {
            self.import.skip(item, "", "expected an era object {…}");
            return;
        };
        let date = |key: &'static str| match read_date(era.get(key)) {
            Ok(Some(date)) => Ok(date.date),
            Ok(None) => Err((key, format!("no {key} (an era needs both dates)"))),
            Err(reason) => Err((key, reason)),
        };
        let (start, end) = match (date("start_date"), date("end_date")) {
            (Ok(start), Ok(end)) => (start, end),
            (Err((key, why)), _) | (_, Err((key, why))) => {
                self.import.skip(item, key, &why);
                return;
            }
        };
        // A period has no draft: its end is checked here.
        if end.end_seconds() < start.start_seconds() {
            self.import
                .skip(item, "end_date", &before_start(&end, &start));
            return;
        }
        let text = SlideText::of(&era);
        for (part, why) in text.flattened() {
            self.import.warn(item.at, item.field(part), why);
        }
        let title = non_empty(text.headline.text).unwrap_or_else(|| {
            let title = format!("Era {}", item.number);
            let why = format!("no headline: era titled {title:?}");
            self.import.warn(item.at, item.field("text.headline"), why);
            title
        });
        self.import.doc.periods.push(Period {
            title,
            start,
            end,
            description: non_empty(text.text.text),
        });
        self.import.report.count("eras become periods", "era");
    }
}

/// A `TimelineJS` date object read into a [`Date`].
struct SlideDate {
    date: Date,
    /// The date's own `display_date`.
    display: Option<String>,
    /// Warnings about fields that were given but could not be used.
    ignored: Vec<String>,
    /// Whether the year was negative (BCE).
    bce: bool,
}

/// Names of the date fields, coarsest first.
const DATE_FIELDS: [&str; 7] = [
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "millisecond",
];

/// The field of [`DATE_FIELDS`] each one needs: a day needs a month, a
/// second an hour (not a minute: the minute is then 0), a millisecond a second.
const NEEDS: [usize; 7] = [0, 0, 1, 2, 3, 3, 5];

/// The range of each of [`DATE_FIELDS`] below the year.
const RANGES: [(i64, i64); 7] = [
    (i64::MIN, i64::MAX),
    (1, 12),
    (1, 31),
    (0, 23),
    (0, 59),
    (0, 59),
    (0, 999),
];

/// Reads a `start_date` / `end_date` value. `Ok(None)` when absent, null or
/// with every field empty; `Err` with the reason when present but unusable.
fn read_date(value: Option<&Value>) -> Result<Option<SlideDate>, String> {
    let object = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Object(object)) => object,
        Some(other) => {
            return Err(format!(
                "expected a date object such as {{\"year\": \"1908\", \"month\": \"05\"}}, found {}",
                shorten(&other.to_string(), 40)
            ));
        }
    };
    let mut values = [None; 7];
    for (slot, key) in values.iter_mut().zip(DATE_FIELDS) {
        *slot = whole_number(object, key)?;
    }
    let Some(year) = values[0] else {
        return if values.iter().any(Option::is_some) {
            Err("the date has no year".into())
        } else {
            Ok(None)
        };
    };
    if year == 0 {
        return Err(YEAR_ZERO.into());
    }
    for ((key, value), (min, max)) in DATE_FIELDS.iter().zip(values).zip(RANGES) {
        if let Some(v) = value.filter(|v| !(min..=max).contains(v)) {
            return Err(format!("{key} {v} is out of range ({min}–{max})"));
        }
    }
    // A field whose chain of needed fields has a gap cannot be placed: it
    // is ignored, naming the coarsest field missing.
    let mut ignored = Vec::new();
    for k in 1..values.len() {
        let Some(value) = values[k] else { continue };
        let (mut need, mut missing) = (NEEDS[k], None);
        while need > 0 {
            if values[need].is_none() {
                missing = Some(DATE_FIELDS[need]);
            }
            need = NEEDS[need];
        }
        if let Some(missing) = missing {
            ignored.push(format!(
                "{} {value} ignored: no {missing} given",
                DATE_FIELDS[k]
            ));
            values[k] = None;
        }
    }
    // In range, so none is negative.
    let [_, month, day, hour, minute, second, millisecond] =
        values.map(|v| v.and_then(|v| u32::try_from(v).ok()));
    let parts = DateParts {
        // Astronomical year: TimelineJS -500 (500 BCE) is -499.
        year: if year < 0 { year + 1 } else { year },
        month,
        day,
        // An hour alone is that hour's first minute; no time zone.
        time: hour.map(|hour| TimeParts {
            hour,
            minute: minute.unwrap_or(0),
            second,
            nanosecond: millisecond.unwrap_or(0) * 1_000_000,
            offset_minutes: None,
        }),
    };
    let date = Date::from_parts(parts)
        .map_err(|e| format!("cannot read {:?} (EDTF) as a date: {}", e.input, e.reason))?;
    Ok(Some(SlideDate {
        date,
        display: object.get("display_date").and_then(scalar_text),
        ignored,
        bce: year < 0,
    }))
}

/// A date field as a whole number: a JSON integer or a string of one (empty
/// strings and null count as absent).
fn whole_number(object: &Map<String, Value>, key: &str) -> Result<Option<i64>, String> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => {
            let t = s.trim();
            t.strip_prefix('+')
                .unwrap_or(t)
                .parse::<i64>()
                .map(Some)
                .map_err(|_| format!("{key} {s:?} is not a whole number"))
        }
        Some(Value::Number(n)) => n
            .as_i64()
            .or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 1e15)
                    .map(|f| f as i64)
            })
            .map(Some)
            .ok_or_else(|| format!("{key} {n} is not a whole number")),
        Some(other) => Err(format!(
            "{key} {} is not a whole number",
            shorten(&other.to_string(), 40)
        )),
    }
}

/// The first line of `text`, shortened: a title for a slide without a headline.
fn fallback_title(text: &str) -> Option<String> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    Some(shorten(line, FALLBACK_TITLE_CHARS))
}

fn is_http(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether detection takes `text` for this format.
    fn sniff(text: &str) -> bool {
        crate::formats::detect(text, Path::new("")) == Some(crate::formats::Format::TimelineJs)
    }
    use crate::model::Precision;
    use crate::model::{Event, Location};
    use std::fmt::Write as _;

    const ROME: &str = include_str!("../../../../tests/data/timelinejs/ancient-rome.json");
    const COSMOLOGICAL: &str = include_str!("../../../../tests/data/timelinejs/cosmological.json");
    const TRUNCATED: &str = include_str!("../../../../tests/data/timelinejs/truncated.json");
    const NOT_A_LIST: &str =
        include_str!("../../../../tests/data/timelinejs/events-not-a-list.json");

    fn load(text: &str) -> Document {
        parse(text, Path::new("dir/t.json"), &ImportOptions::default()).unwrap()
    }

    fn event<'d>(doc: &'d Document, id: &str) -> &'d Event {
        &doc.owned_events().unwrap()[doc.event_by_id(id).unwrap()]
    }

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn source_text(doc: &Document, e: &Event) -> String {
        e.evidence
            .iter()
            .map(|ev| doc.sources[ev.source].text.clone())
            .collect()
    }

    #[test]
    fn title_slide_gives_title_and_description() {
        let doc = load(ROME);
        assert_eq!(doc.name, "t.json");
        assert_eq!(doc.format, "TimelineJS3 JSON");
        assert_eq!(doc.title.as_deref(), Some("Rome & its neighbours"));
        assert_eq!(
            doc.description.as_deref(),
            Some("From the founding of the Republic to the fall of the West.")
        );
    }

    #[test]
    fn events_keep_ids_titles_and_precision() {
        let doc = load(ROME);
        let order: Vec<&str> = doc
            .owned_events()
            .unwrap()
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(
            order,
            [
                "republic", "event-3", "ides", "ides-2", "event-7", "event-8"
            ]
        );

        let republic = event(&doc, "republic");
        assert_eq!(republic.title, "Founding of the Republic");
        // TimelineJS -509 is 509 BCE: astronomical -508.
        assert_eq!(republic.start, date("-0508"));
        assert_eq!(republic.start.precision, Precision::Year);
        assert_eq!(republic.start.human(), "509 BCE");
        assert_eq!(republic.category.as_deref(), Some("Politics"));
        assert_eq!(
            source_text(&doc, republic),
            "The last king is expelled. See the article."
        );
        assert_eq!(
            republic.links,
            ["https://en.wikipedia.org/wiki/Roman_Republic"]
        );

        // Numbers work like strings; -44 is 44 BCE.
        let ides = event(&doc, "ides");
        assert_eq!(ides.start, date("-0043-03-15"));
        assert!(
            ides.start.human().ends_with("15 March 44 BCE"),
            "{}",
            ides.start.human()
        );
        assert_eq!(ides.end, None);
        assert_eq!(ides.links, ["https://example.org/caesar.jpg"]);
        let attrs: Vec<(&str, &str)> = ides.attributes.iter().collect();
        assert_eq!(
            attrs,
            [
                ("display_date", "The Ides of March, 44 BC"),
                ("media", "https://example.org/caesar.jpg"),
                ("media_caption", "The Death of Caesar"),
                ("media_credit", "Jean-Léon Gérôme"),
                ("media_thumbnail", "https://example.org/caesar-small.jpg"),
            ]
        );

        // An empty month string is absent: year precision.
        let punic = event(&doc, "event-3");
        assert_eq!(punic.start, date("-0217"));
        assert_eq!(punic.end, Some(date("-0200")));
        assert_eq!(punic.category.as_deref(), Some("War"));
        assert!(punic.evidence.is_empty());

        // An hour alone is minute precision; no offset.
        let vesuvius = event(&doc, "ides-2");
        assert_eq!(vesuvius.start, date("0079-10-24T13:00"));
        assert_eq!(vesuvius.start.precision, Precision::Minute);
        assert_eq!(vesuvius.start.offset_minutes, None);
        assert_eq!(vesuvius.end, Some(date("0079-10-25T08:30")));
        // A media url that is not http(s) is an attribute, not a link.
        assert!(vesuvius.links.is_empty());
        assert_eq!(&vesuvius.attributes["media"], "youtube:abc123");

        // The day is ignored without a month; the end before the start is dropped.
        let odoacer = event(&doc, "event-7");
        assert_eq!(odoacer.title, "Odoacer deposes Romulus Augustulus.");
        assert_eq!(odoacer.start, date("0476"));
        assert_eq!(odoacer.end, None);
        assert_eq!(&odoacer.attributes["background"], "#8b0000");
        assert_eq!(
            source_text(&doc, odoacer),
            "Odoacer deposes Romulus Augustulus.\nThe Western Empire ends."
        );

        let fall = event(&doc, "event-8");
        assert_eq!(fall.start, date("1453-05-29T06:15:30.250"));
        assert_eq!(fall.start.precision, Precision::Second);
    }

    #[test]
    fn unusable_slides_are_warnings_at_their_line() {
        let doc = load(ROME);
        let got: Vec<(usize, &str, &str)> = doc
            .warnings
            .iter()
            .map(|w| (w.location.line, w.field.as_str(), w.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    60,
                    "events[3].unique_id",
                    "id \"ides\" is used by an earlier slide; renamed \"ides-2\""
                ),
                (
                    76,
                    "events[4].start_date",
                    "slide 5: no start_date (a slide needs at least a year); skipped"
                ),
                (
                    79,
                    "events[5].start_date",
                    "slide 6: year 0 does not exist in TimelineJS (1 BCE is -1, 1 CE is 1): unusable date; skipped"
                ),
                (83, "events[6].start_date", "day 4 ignored: no month given"),
                (
                    83,
                    "events[6].text.headline",
                    "no headline: title taken from the text: \"Odoacer deposes Romulus Augustulus.\""
                ),
                (
                    83,
                    "events[6].end_date",
                    "the end 0410 is before the start 0476; end dropped"
                ),
                (
                    96,
                    "events[8].start_date",
                    "slide 9: year \"nineteen\" is not a whole number; skipped"
                ),
                (
                    100,
                    "events[9]",
                    "slide 10: expected a slide object {…}; skipped"
                ),
                (
                    23,
                    "eras[2].end_date",
                    "era 3: no end_date (an era needs both dates); skipped"
                ),
            ]
        );
        assert!(doc.warnings.iter().all(|w| w.location.column == 9));
        // Warnings about imported events point at them (after sorting).
        let odoacer = doc.event_by_id("event-7");
        assert_eq!(doc.warnings[3].event, odoacer);
        assert_eq!(doc.warnings[1].event, None);
    }

    #[test]
    fn regression_a_warning_on_every_slide_counts_lines_from_the_start_of_the_file() {
        let mut text = format!(
            "{{\"title\": {{\"text\": {{\"text\": \"{}\"}}}},\n\"events\": [",
            "a".repeat(8_000_000)
        );
        for i in 0..20_000 {
            write!(
                text,
                "{}\n{{\"unique_id\": \"same\", \"start_date\": {{\"year\": \"2000\"}}, \"text\": {{\"headline\": \"h\"}}}}",
                if i == 0 { "" } else { "," }
            )
            .unwrap();
        }
        text.push_str("]}");
        let started = std::time::Instant::now();
        let doc = load(&text);
        assert!(
            started.elapsed() < std::time::Duration::from_mins(1),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(doc.owned_events().unwrap().len(), 20_000);
        // Every repeat of the id is renamed with a warning at its line.
        assert_eq!(doc.warnings.len(), 19_999);
        let last = &doc.warnings[19_998];
        assert_eq!((last.location.line, last.location.column), (20_002, 1));
        assert!(
            last.message.ends_with("renamed \"same-20000\""),
            "{}",
            last.message
        );
    }

    #[test]
    fn regression_a_deeply_nested_value_skips_the_whole_slide() {
        let deep = format!("{}1{}", "[".repeat(5_000), "]".repeat(5_000));
        let text = format!(
            "{{\"events\": [\n{{\"start_date\": {{\"year\": 1}}, \"text\": {{\"headline\": \"kept\"}}, \"notes\": {deep}}},\n{{\"start_date\": {{\"year\": 2}}, \"text\": {{\"headline\": \"media lost\"}}, \"media\": {deep}}}],\n\"eras\": [{{\"start_date\": {deep}, \"end_date\": {{\"year\": 3}}}}]}}"
        );
        let doc = load(&text);
        let titles: Vec<&str> = doc
            .owned_events()
            .unwrap()
            .iter()
            .map(|e| e.title.as_str())
            .collect();
        assert_eq!(titles, ["kept", "media lost"]);
        let w: Vec<(usize, &str)> = doc
            .warnings
            .iter()
            .map(|w| (w.location.line, w.field.as_str()))
            .collect();
        assert_eq!(
            w,
            [
                (3, "events[1].media"),
                (4, "eras[0].start_date"),
                (4, "eras[0].start_date")
            ]
        );
        assert!(
            doc.warnings[0]
                .message
                .contains("nested deeper than 128 levels")
        );
        assert!(doc.warnings[2].message.contains("no start_date"));
    }

    #[test]
    fn eras_become_periods_and_notes_say_what_happened() {
        let doc = load(ROME);
        assert_eq!(doc.periods.len(), 2);
        assert_eq!(doc.periods[0].title, "Roman Republic");
        assert_eq!(doc.periods[0].start, date("-0508"));
        assert_eq!(doc.periods[0].end, date("-0026"));
        assert_eq!(doc.periods[0].description.as_deref(), Some("SPQR"));
        assert_eq!(doc.periods[1].title, "Roman Empire");
        assert_eq!(doc.periods[1].end, date("0476"));
        for expected in [
            "6 of 10 slides imported",
            "title slide becomes document title and description",
            "group becomes category (3 slides)",
            "skipped 4 slides (see warnings)",
            "eras become periods (2 eras)",
            "skipped 1 era (see warnings)",
            "dropped 1 unusable end (see warnings)",
        ] {
            assert!(
                doc.notes.iter().any(|n| n == expected),
                "{expected}: {:?}",
                doc.notes
            );
        }
        assert!(doc.notes.iter().any(|n| n.contains("-500 is 500 BCE")));
    }

    #[test]
    fn cosmological_scale_is_noted_and_years_reach_the_big_bang_but_not_before() {
        let doc = load(COSMOLOGICAL);
        assert!(doc.notes.iter().any(|n| n.contains("cosmological")));
        let starts: Vec<&Date> = doc
            .owned_events()
            .unwrap()
            .iter()
            .map(|e| &e.start)
            .collect();
        assert_eq!(
            starts,
            [
                &date("-13799999999"),
                &date("-4539999999"),
                &date("-65999999")
            ]
        );
        let lines: Vec<usize> = doc.warnings.iter().map(|w| w.location.line).collect();
        assert_eq!(lines, [18]);
        assert!(doc.warnings[0].message.contains("15 billion"));
    }

    #[test]
    fn invalid_json_is_a_located_error() {
        let err = parse(TRUNCATED, Path::new("t.json"), &ImportOptions::default()).unwrap_err();
        let LoadError::Invalid {
            location, message, ..
        } = &err
        else {
            panic!("{err:?}");
        };
        assert_eq!(*location, Location { line: 6, column: 1 });
        assert!(message.contains("EOF"), "{message}");
    }

    #[test]
    fn events_must_be_a_list() {
        let err = parse(NOT_A_LIST, Path::new("t.json"), &ImportOptions::default()).unwrap_err();
        let LoadError::Invalid {
            location,
            field,
            message,
            ..
        } = &err
        else {
            panic!("{err:?}");
        };
        assert_eq!(
            *location,
            Location {
                line: 3,
                column: 15
            }
        );
        assert_eq!(field, "events");
        assert!(message.starts_with("expected a list"), "{message}");
    }

    #[test]
    fn other_json_is_an_error_not_a_panic() {
        for text in ["[1, 2]", "\"text\"", "{}", "{\"title\": {}}", ""] {
            let result = parse(text, Path::new("t.json"), &ImportOptions::default());
            assert!(result.is_err(), "{text}");
        }
        let err = parse(
            "{\"title\": {}}",
            Path::new("t.json"),
            &ImportOptions::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("missing field"), "{err}");
    }

    #[test]
    fn odd_values_never_panic() {
        let doc = load(
            r#"{"events": [
                {"start_date": {"year": 1e300}},
                {"start_date": {"year": "2024", "month": 13}},
                {"start_date": {"year": "2024", "month": "2", "day": "30"}},
                {"start_date": {"year": [1]}},
                {"start_date": "2024"},
                {"start_date": {"year": "+2024", "month": 2.0}, "text": "plain text", "media": 5,
                 "group": 7, "unique_id": 12, "background": "red", "location": []},
                {"start_date": {"year": "2024", "minute": "5", "millisecond": "3"},
                 "end_date": {"year": "", "month": "", "day": ""}}
            ], "eras": [null, {"start_date": {"year": 5}, "end_date": {"year": 1}}], "title": 3}"#,
        );
        let ids: Vec<&str> = doc
            .owned_events()
            .unwrap()
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(ids, ["event-7", "12"]);
        let e = event(&doc, "12");
        assert_eq!(e.start, date("2024-02"));
        assert_eq!(e.title, "plain text");
        assert_eq!(e.category.as_deref(), Some("7"));
        let e = event(&doc, "event-7");
        assert_eq!(e.start, date("2024"));
        assert_eq!(e.end, None);
        assert!(doc.periods.is_empty());
        // 5 bad slides, 2 ignored fields, 1 "(untitled)", 1 title from text, 2 eras, the title.
        assert_eq!(doc.warnings.len(), 12, "{:#?}", doc.warnings);
    }

    #[test]
    fn truncated_and_garbage_input_never_panics() {
        for end in 0..ROME.len() {
            if ROME.is_char_boundary(end) {
                let _ = parse(&ROME[..end], Path::new("t.json"), &ImportOptions::default());
                let _ = sniff(&ROME[..end]);
            }
        }
        for text in [
            "\u{feff}",
            "{",
            "}",
            "{\"events\": [",
            "\0\0",
            "ÿÿ{\"events\":[{}]}",
        ] {
            let _ = parse(text, Path::new("t.json"), &ImportOptions::default());
            let _ = sniff(text);
        }
    }

    #[test]
    fn byte_order_mark_is_skipped() {
        let doc = load("\u{feff}{\"events\": [{\"start_date\": {\"year\": \"1908\"}}]}");
        assert_eq!(doc.owned_events().unwrap().len(), 1);
        assert_eq!(doc.owned_events().unwrap()[0].title, "(untitled)");
    }

    #[test]
    fn sniff_recognises_timelinejs_only() {
        assert!(sniff(ROME));
        assert!(sniff(COSMOLOGICAL));
        assert!(sniff(
            "\u{feff}  {\"events\": [{\"text\": {\"headline\": \"x\"}}]}"
        ));
        assert!(!sniff(include_str!("../../../../tests/data/siege.json")));
        assert!(!sniff(
            "[{\"id\": 1, \"content\": \"a\", \"start\": \"2014-04-20\"}]"
        ));
        assert!(!sniff("BEGIN:VCALENDAR\r\n"));
        assert!(!sniff("date,title\n2024,x\n"));
        assert!(!sniff(""));
    }
}
