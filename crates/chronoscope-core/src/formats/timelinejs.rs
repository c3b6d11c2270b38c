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

use super::common::{UniqueIds, extend_links, non_empty, plural_s, shorten};
use super::json::{JsonText, object_fields};
use std::collections::BTreeMap;
use std::path::Path;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::LoadError;
use super::common::{self, ImportOptions};
use super::html;
use crate::model::{Date, Document, DocumentBuilder, Event, Period, Warning};

/// Why a `TimelineJS` year 0 is refused (JSON and the spreadsheet template):
/// `TimelineJS` counts years without a zero, so 0 is neither 1 BCE nor 1 CE.
pub(super) const YEAR_ZERO: &str =
    "year 0 does not exist in TimelineJS (1 BCE is -1, 1 CE is 1): unusable date";

/// The format's name, for people.
pub const FORMAT: &str = "TimelineJS3 JSON";

/// Longest title taken from the start of a slide's text.
const FALLBACK_TITLE_CHARS: usize = 80;

type Object<'a> = BTreeMap<String, &'a RawValue>;

/// The `TimelineJS3` JSON importer.
pub struct TimelineJs;

impl super::import::Importer for TimelineJs {
    const FORMAT: super::Format = super::Format::TimelineJs;

    /// An object whose `events` (or `eras`) start with a `start_date`, or
    /// whose events come with a `headline` near the start.
    fn sniff(probe: &super::detect::Probe<'_>) -> super::import::Confidence {
        let json = probe.json();
        let timelinejs = json.starts_like("events", "start_date")
            || json.starts_like("eras", "start_date")
            || (json.has("events")
                && super::common::head(probe.body(), 8192).contains("\"headline\""));
        super::import::Confidence::likely_if(timelinejs)
    }

    fn parse(input: &super::import::Input<'_>) -> Result<Document, LoadError> {
        parse(input.text(), input.path, input.options)
    }
}

/// Reads `text`, the content of the `TimelineJS3` JSON file at `path`.
pub fn parse(text: &str, path: &Path, _options: &ImportOptions) -> Result<Document, LoadError> {
    let reader = Reader {
        json: JsonText::new(text, path),
    };
    // A UTF-8 byte order mark is not JSON, but editors write it.
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let base = text.len() - body.len();
    let root: Object<'_> = serde_json::from_str(body).map_err(|e| {
        reader.json_error(
            base,
            body,
            "",
            &e,
            "expected a TimelineJS3 object {\"title\": …, \"events\": […]}",
        )
    })?;

    let mut doc = DocumentBuilder {
        name: path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ),
        format: FORMAT.to_owned(),
        ..DocumentBuilder::default()
    };
    let mut notes = Notes::default();

    if let Some(raw) = root.get("title") {
        notes.title_slide = reader.title_slide(raw, &mut doc);
    }

    let Some(events_raw) = root.get("events") else {
        return Err(reader.error(
            base,
            "events",
            "missing field: expected \"events\", the list of TimelineJS slides".into(),
        ));
    };
    let slides = reader.array(events_raw, "events")?;
    let mut ids = UniqueIds::default();
    for (i, raw) in slides.iter().enumerate() {
        reader.slide(i, raw, &mut doc, &mut ids, &mut notes);
    }

    if let Some(raw) = root.get("eras") {
        for (i, era) in reader.array(raw, "eras")?.iter().enumerate() {
            reader.era(i, era, &mut doc, &mut notes);
        }
    }

    let scale = root
        .get("scale")
        .and_then(|raw| serde_json::from_str::<Value>(raw.get()).ok())
        .and_then(|v| scalar_text(&v));
    notes.write(&mut doc, slides.len(), scale.as_deref());
    Ok(doc.build())
}

/// What was seen, for the notes.
#[derive(Default)]
struct Notes {
    imported: usize,
    skipped: usize,
    untitled: usize,
    groups: usize,
    media: usize,
    unique_ids: usize,
    display_dates: usize,
    bce: usize,
    ends_dropped: usize,
    eras: usize,
    eras_skipped: usize,
    title_slide: bool,
}

impl Notes {
    fn write(&self, doc: &mut DocumentBuilder, slides: usize, scale: Option<&str>) {
        let notes = &mut doc.notes;
        notes.push(format!(
            "{} of {} imported as events",
            self.imported,
            plural_s(slides, "slide")
        ));
        if self.title_slide {
            notes.push("title slide becomes document title and description".into());
        }
        notes.push(
            "start_date / end_date becomes start / end at the precision given (no time zone: times as written)"
                .into(),
        );
        notes.push(
            "text.headline becomes title; text.text becomes source text (HTML to text, links kept)"
                .into(),
        );
        if self.groups > 0 {
            notes.push(format!(
                "group becomes category ({})",
                plural_s(self.groups, "slide")
            ));
        }
        if self.media > 0 {
            notes.push(format!(
                "media url / caption / credit becomes attributes media, media_caption, media_credit; http(s) media urls also in links ({})",
                plural_s(self.media, "slide")
            ));
        }
        if self.unique_ids > 0 {
            notes.push(format!(
                "unique_id becomes id ({})",
                plural_s(self.unique_ids, "slide")
            ));
        }
        if self.display_dates > 0 {
            notes.push(format!(
                "display_date becomes attribute display_date ({})",
                plural_s(self.display_dates, "slide")
            ));
        }
        if self.bce > 0 {
            notes.push(format!(
                "negative years read as BCE the TimelineJS way, without a year 0: -500 is 500 BCE (EDTF -0499) ({})",
                plural_s(self.bce, "date")
            ));
        }
        if self.untitled > 0 {
            notes.push(format!(
                "{} without a headline titled from their text or media caption (see warnings)",
                plural_s(self.untitled, "slide")
            ));
        }
        if self.ends_dropped > 0 {
            notes.push(format!(
                "dropped {} (see warnings)",
                plural_s(self.ends_dropped, "unusable end date")
            ));
        }
        if self.skipped > 0 {
            notes.push(format!(
                "skipped {} without a usable start date (see warnings)",
                plural_s(self.skipped, "slide")
            ));
        }
        if self.eras > 0 {
            notes.push(format!(
                "{} imported as periods",
                plural_s(self.eras, "era")
            ));
        }
        if self.eras_skipped > 0 {
            notes.push(format!(
                "skipped {} without usable dates (see warnings)",
                plural_s(self.eras_skipped, "era")
            ));
        }
        match scale {
            Some(s) if s.eq_ignore_ascii_case("cosmological") => notes.push(
                "scale: cosmological: TimelineJS draws years only at this scale; dates imported as written"
                    .into(),
            ),
            Some(s) if !s.eq_ignore_ascii_case("human") => {
                notes.push(format!("scale {s:?} not known; dates imported as written"));
            }
            _ => {}
        }
    }
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

/// The file being read; its located-JSON helpers come from [`JsonText`].
struct Reader<'a> {
    json: JsonText<'a>,
}

impl Reader<'_> {
    /// A warning located at `raw`.
    fn warning_at(&self, raw: &RawValue, field: String, message: String) -> Warning {
        self.json.warning_at(raw, field, message)
    }

    /// The fields `keys` of the object `raw` (`None` when it is no object),
    /// with a warning for each that nests too deeply to be read.
    fn object(
        &self,
        raw: &RawValue,
        keys: &[&str],
        field: &str,
        warnings: &mut Vec<Warning>,
    ) -> Option<Map<String, Value>> {
        let (object, unread) = object_fields(raw, keys)?;
        for (key, why) in unread {
            warnings.push(self.warning_at(raw, format!("{field}.{key}"), why));
        }
        Some(object)
    }
}

impl<'a> std::ops::Deref for Reader<'a> {
    type Target = JsonText<'a>;
    fn deref(&self) -> &Self::Target {
        &self.json
    }
}

/// The headline and text of a slide, converted from HTML.
struct SlideText {
    headline: html::HtmlText,
    text: html::HtmlText,
}

impl SlideText {
    /// (field, message) of each part that was read as plain text because
    /// its HTML nested too deeply; `field` names the slide.
    fn flattened(&self, field: &str) -> Vec<(String, String)> {
        [("headline", &self.headline), ("text", &self.text)]
            .into_iter()
            .filter_map(|(part, html)| {
                html.flattened
                    .map(|why| (format!("{field}.text.{part}"), why.to_string()))
            })
            .collect()
    }
}

impl Reader<'_> {
    /// Reads the title slide into the document; whether it gave anything.
    fn title_slide(&self, raw: &RawValue, doc: &mut DocumentBuilder) -> bool {
        if raw.get() == "null" {
            return false;
        }
        let Some(slide) = self.object(raw, &["text"], "title", &mut doc.warnings) else {
            doc.warnings.push(self.warning_at(
                raw,
                "title".into(),
                "expected the title slide object {…}; ignored".into(),
            ));
            return false;
        };
        let text = slide_text(&slide);
        for (problem, message) in text.flattened("title") {
            doc.warnings.push(self.warning_at(raw, problem, message));
        }
        doc.title = non_empty(text.headline.text);
        doc.description = non_empty(text.text.text);
        doc.title.is_some() || doc.description.is_some()
    }

    fn slide(
        &self,
        i: usize,
        raw: &RawValue,
        doc: &mut DocumentBuilder,
        ids: &mut UniqueIds,
        notes: &mut Notes,
    ) {
        let field = format!("events[{i}]");
        let index = doc.events.len();
        let mut warnings = Vec::new();
        let mut warn = |field: String, message: String| {
            let mut w = self.warning_at(raw, field, message);
            w.event = Some(index);
            warnings.push(w);
        };
        let Some(slide) = self.object(raw, &SLIDE_FIELDS, &field, &mut doc.warnings) else {
            doc.warnings.push(self.warning_at(
                raw,
                field,
                format!("slide {}: expected a slide object {{…}}; skipped", i + 1),
            ));
            notes.skipped += 1;
            return;
        };

        let start = match read_date(slide.get("start_date")) {
            Ok(Some(start)) => start,
            Ok(None) => {
                doc.warnings.push(self.warning_at(
                    raw,
                    format!("{field}.start_date"),
                    format!(
                        "slide {}: no start_date (a slide needs at least a year); skipped",
                        i + 1
                    ),
                ));
                notes.skipped += 1;
                return;
            }
            Err(reason) => {
                doc.warnings.push(self.warning_at(
                    raw,
                    format!("{field}.start_date"),
                    format!("slide {}: {reason}; skipped", i + 1),
                ));
                notes.skipped += 1;
                return;
            }
        };
        for message in &start.ignored {
            warn(format!("{field}.start_date"), message.clone());
        }
        notes.bce += usize::from(start.bce);

        let end = match read_date(slide.get("end_date")) {
            Ok(Some(end)) if end.date.end_seconds() < start.date.start_seconds() => {
                warn(
                    format!("{field}.end_date"),
                    format!(
                        "the end {} is before the start {}; end dropped",
                        end.date, start.date
                    ),
                );
                notes.ends_dropped += 1;
                None
            }
            Ok(end) => end,
            Err(reason) => {
                warn(
                    format!("{field}.end_date"),
                    format!("{reason}; end dropped"),
                );
                notes.ends_dropped += 1;
                None
            }
        };
        if let Some(end) = &end {
            for message in &end.ignored {
                warn(format!("{field}.end_date"), message.clone());
            }
            notes.bce += usize::from(end.bce);
        }

        let text = slide_text(&slide);
        for (problem, message) in text.flattened(&field) {
            warn(problem, message);
        }
        let title = if text.headline.text.is_empty() {
            notes.untitled += 1;
            let caption = match slide.get("media") {
                Some(Value::Object(media)) => media
                    .get("caption")
                    .and_then(scalar_text)
                    .map(|c| html::to_text(&c).text),
                _ => None,
            };
            if let Some(fallback) = fallback_title(&text.text.text) {
                warn(
                    format!("{field}.text.headline"),
                    format!("no headline: title taken from the text: {fallback:?}"),
                );
                fallback
            } else if let Some(fallback) = caption.as_deref().and_then(fallback_title) {
                warn(
                    format!("{field}.text.headline"),
                    format!(
                        "no headline and no text: title taken from the media caption: {fallback:?}"
                    ),
                );
                fallback
            } else {
                warn(
                    format!("{field}.text.headline"),
                    "no headline, text or media caption: titled \"(untitled)\"".into(),
                );
                "(untitled)".to_owned()
            }
        } else {
            text.headline.text.clone()
        };

        let wanted_id = slide
            .get("unique_id")
            .and_then(scalar_text)
            .inspect(|_| notes.unique_ids += 1);
        let base_id = wanted_id
            .clone()
            .unwrap_or_else(|| format!("event-{}", i + 1));
        let id = ids.claim(&base_id);
        if wanted_id.is_some() && id != base_id {
            warn(
                format!("{field}.unique_id"),
                format!("unique_id {base_id:?} is used by an earlier slide; renamed {id:?}"),
            );
        }

        let mut event = Event::new(id, title.clone(), start.date);
        event.end = end.as_ref().map(|e| e.date.clone());
        event.category = slide.get("group").and_then(scalar_text);
        notes.groups += usize::from(event.category.is_some());
        let mut links = text.headline.links.clone();
        links.extend(text.text.links.iter().cloned());

        if let Some(Value::Object(media)) = slide.get("media") {
            let before = event.attributes.len();
            if let Some(url) = media.get("url").and_then(scalar_text) {
                if is_http(&url) {
                    links.push(url.clone());
                }
                event.attributes.insert("media", url);
            }
            for (key, attribute) in [
                ("caption", "media_caption"),
                ("credit", "media_credit"),
                ("thumbnail", "media_thumbnail"),
            ] {
                if let Some(value) = media.get(key).and_then(scalar_text) {
                    let value = html::to_text(&value);
                    if let Some(why) = value.flattened {
                        warn(format!("{field}.media.{key}"), why.to_string());
                    }
                    if !value.text.is_empty() {
                        event.attributes.insert(attribute, value.text);
                    }
                }
            }
            notes.media += usize::from(event.attributes.len() > before);
        }
        if let Some(display) = slide.get("display_date").and_then(scalar_text) {
            event.attributes.insert("display_date", display);
            notes.display_dates += 1;
        }
        if let Some(display) = start.display {
            event.attributes.insert("start_display_date", display);
        }
        if let Some(display) = end.and_then(|e| e.display) {
            event.attributes.insert("end_display_date", display);
        }
        if let Some(kind) = slide.get("type").and_then(scalar_text) {
            event.attributes.insert("type", kind);
        }
        match slide.get("background") {
            Some(Value::Object(background)) => {
                if let Some(value) = background
                    .get("url")
                    .or_else(|| background.get("color"))
                    .and_then(scalar_text)
                {
                    event.attributes.insert("background", value);
                }
            }
            Some(other) => {
                if let Some(value) = scalar_text(other) {
                    event.attributes.insert("background", value);
                }
            }
            None => {}
        }
        if let Some(Value::Object(location)) = slide.get("location") {
            for (key, attribute) in [
                ("name", "location"),
                ("lat", "latitude"),
                ("lon", "longitude"),
            ] {
                if let Some(value) = location.get(key).and_then(scalar_text) {
                    event.attributes.insert(attribute, value);
                }
            }
        }

        extend_links(&mut event.links, links);
        common::attach_text(doc, &mut event, title, &text.text.text, None);
        doc.warnings.extend(warnings);
        doc.events.push(event);
        notes.imported += 1;
    }

    fn era(&self, i: usize, raw: &RawValue, doc: &mut DocumentBuilder, notes: &mut Notes) {
        let field = format!("eras[{i}]");
        let era = self.object(
            raw,
            &["start_date", "end_date", "text"],
            &field,
            &mut doc.warnings,
        );
        let mut skip = |field: String, message: String| {
            doc.warnings.push(self.warning_at(raw, field, message));
            notes.eras_skipped += 1;
        };
        let Some(era) = era else {
            skip(
                field,
                format!("era {}: expected an era object {{…}}; skipped", i + 1),
            );
            return;
        };
        let date = |key: &str| match read_date(era.get(key)) {
            Ok(Some(date)) => Ok(date.date),
            Ok(None) => Err((
                format!("{field}.{key}"),
                format!("era {}: no {key} (an era needs both dates); skipped", i + 1),
            )),
            Err(reason) => Err((
                format!("{field}.{key}"),
                format!("era {}: {reason}; skipped", i + 1),
            )),
        };
        let (start, end) = match (date("start_date"), date("end_date")) {
            (Ok(start), Ok(end)) => (start, end),
            (Err((field, message)), _) | (_, Err((field, message))) => {
                skip(field, message);
                return;
            }
        };
        if end.end_seconds() < start.start_seconds() {
            skip(
                format!("{field}.end_date"),
                format!(
                    "era {}: the end {end} is before the start {start}; skipped",
                    i + 1
                ),
            );
            return;
        }
        let text = slide_text(&era);
        for (problem, message) in text.flattened(&field) {
            doc.warnings.push(self.warning_at(raw, problem, message));
        }
        let title = if text.headline.text.is_empty() {
            let title = format!("Era {}", i + 1);
            doc.warnings.push(self.warning_at(
                raw,
                format!("{field}.text.headline"),
                format!("no headline: era titled {title:?}"),
            ));
            title
        } else {
            text.headline.text
        };
        doc.periods.push(Period {
            title,
            start,
            end,
            description: non_empty(text.text.text),
        });
        notes.eras += 1;
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
    let display = object.get("display_date").and_then(scalar_text);
    let [year, month, day, hour, minute, second, millisecond] = values;
    let Some(year) = year else {
        return if values.iter().any(Option::is_some) {
            Err("the date has no year".into())
        } else {
            Ok(None)
        };
    };
    if year == 0 {
        return Err(YEAR_ZERO.into());
    }
    let mut ignored = Vec::new();
    let mut ignore = |key: &str, value: i64, missing: &str| {
        ignored.push(format!("{key} {value} ignored: no {missing} given"));
    };
    // Astronomical year: TimelineJS -500 (500 BCE) is -499.
    let astronomical = if year < 0 { year + 1 } else { year };
    let mut edtf = vec![if astronomical < 0 {
        format!("-{:04}", astronomical.unsigned_abs())
    } else {
        format!("{astronomical:04}")
    }];
    check_range("month", month, 1, 12)?;
    check_range("day", day, 1, 31)?;
    check_range("hour", hour, 0, 23)?;
    check_range("minute", minute, 0, 59)?;
    check_range("second", second, 0, 59)?;
    check_range("millisecond", millisecond, 0, 999)?;
    match (month, day) {
        (Some(m), d) => {
            edtf.push(format!("-{m:02}"));
            if let Some(d) = d {
                edtf.push(format!("-{d:02}"));
                time_part(&mut edtf, hour, minute, second, millisecond, &mut ignore);
            } else {
                ignore_below(&mut ignore, "day", &[hour, minute, second, millisecond], 3);
            }
        }
        (None, _) => ignore_below(
            &mut ignore,
            "month",
            &[day, hour, minute, second, millisecond],
            2,
        ),
    }
    let edtf = edtf.concat();
    let date = Date::parse(&edtf)
        .map_err(|e| format!("cannot read {edtf:?} (EDTF) as a date: {}", e.reason))?;
    Ok(Some(SlideDate {
        date,
        display,
        ignored,
        bce: year < 0,
    }))
}

/// Appends `THH:MM[:SS[.mmm]]` when an hour is given.
fn time_part(
    edtf: &mut Vec<String>,
    hour: Option<i64>,
    minute: Option<i64>,
    second: Option<i64>,
    millisecond: Option<i64>,
    ignore: &mut impl FnMut(&str, i64, &str),
) {
    let Some(h) = hour else {
        ignore_below(ignore, "hour", &[minute, second, millisecond], 4);
        return;
    };
    // An hour alone is that hour's first minute.
    edtf.push(format!("T{h:02}:{:02}", minute.unwrap_or(0)));
    match (minute, second) {
        (_, Some(s)) => {
            edtf.push(format!(":{s:02}"));
            if let Some(ms) = millisecond {
                edtf.push(format!(".{ms:03}"));
            }
        }
        (_, None) => {
            if let Some(ms) = millisecond {
                ignore("millisecond", ms, "second");
            }
        }
    }
}

/// Warns about every given field in `values` (which start at
/// `DATE_FIELDS[first]`), all below the missing field `missing`.
fn ignore_below(
    ignore: &mut impl FnMut(&str, i64, &str),
    missing: &str,
    values: &[Option<i64>],
    first: usize,
) {
    for (value, key) in values.iter().zip(DATE_FIELDS.iter().skip(first)) {
        if let Some(value) = value {
            ignore(key, *value, missing);
        }
    }
}

fn check_range(key: &str, value: Option<i64>, min: i64, max: i64) -> Result<(), String> {
    match value {
        Some(v) if !(min..=max).contains(&v) => {
            Err(format!("{key} {v} is out of range ({min}–{max})"))
        }
        _ => Ok(()),
    }
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

fn slide_text(slide: &Map<String, Value>) -> SlideText {
    let (headline, text) = match slide.get("text") {
        Some(Value::Object(text)) => (
            text.get("headline").and_then(scalar_text),
            text.get("text").and_then(scalar_text),
        ),
        Some(other) => (None, scalar_text(other)),
        None => (None, None),
    };
    SlideText {
        headline: html::to_text(headline.as_deref().unwrap_or("")),
        text: html::to_text(text.as_deref().unwrap_or("")),
    }
}

/// A string, number or boolean as trimmed text; `None` when empty or not a scalar.
fn scalar_text(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null | Value::Array(_) | Value::Object(_) => return None,
    };
    non_empty(text)
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
    use crate::model::Location;
    use crate::model::Precision;
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
                    "unique_id \"ides\" is used by an earlier slide; renamed \"ides-2\""
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
                    "events[6].end_date",
                    "the end 0410 is before the start 0476; end dropped"
                ),
                (
                    83,
                    "events[6].text.headline",
                    "no headline: title taken from the text: \"Odoacer deposes Romulus Augustulus.\""
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
            started.elapsed() < std::time::Duration::from_secs(10),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(doc.event_count(), 20_000);
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
            "6 of 10 slides imported as events",
            "title slide becomes document title and description",
            "group becomes category (3 slides)",
            "skipped 4 slides without a usable start date (see warnings)",
            "2 eras imported as periods",
            "skipped 1 era without usable dates (see warnings)",
            "dropped 1 unusable end date (see warnings)",
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
        assert_eq!(doc.event_count(), 1);
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
