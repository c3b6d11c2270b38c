//! SIMILE Timeline event files, XML and JSON, as the MIT SIMILE Timeline
//! widget (2006–2009) loads them.
//!
//! Many older web chronologies (the JFK assassination example among them)
//! exist only as SIMILE event files; this module reads them into a
//! [`Document`] without losing what the widget showed.
//!
//! XML: `<data [date-time-format="iso8601"]>` holding `<event start=".."
//! [end=".."] [latestStart=".."] [earliestEnd=".."] [isDuration="true"]
//! title=".." [link=".."] …>body</event>`. As in SIMILE, every element child
//! of `<data>` is an event. JSON: `{"dateTimeFormat": "iso8601"?, "events":
//! [{"start", "end", "durationEvent", "title", "description", …}]}`, also with
//! the short keys SIMILE 2 accepts (`s`, `e`, `ls`, `ee`, `t`, `d`, `de`,
//! `c`, `eid`).
//!
//! Mapping:
//! - `title` becomes title (plain text, as SIMILE shows it); the body text (XML) or
//!   `description` (JSON) is HTML: converted with [`html::to_text`] and
//!   attached as the event's source text, its links added to the event's
//!   links. `link` becomes url. `id`/`eventID` becomes id (else `event-N`, N counting the
//!   events of the file from 1). `image`, `icon`, `color`, `textColor`,
//!   `caption`, `classname` and any other attribute are kept as attributes.
//!   `classname` is a CSS class, not a category: events get no category.
//! - Durations: in XML an event is a duration (a range) only with
//!   `isDuration="true"`; in JSON events are durations unless
//!   `"durationEvent": false`, except that `"isDuration": true` makes a JSON
//!   event an instant, as SIMILE's JSON loader does. An instant with an `end`
//!   is SIMILE's "imprecise instant": it happened at some moment between
//!   start and end. It is imported with that start and end and the attribute
//!   `simile` = `imprecise instant`; when the span is exactly one calendar
//!   month or year it becomes that single month or year date
//!   (`Dec 01 1976 … Jan 01 1977` becomes `1976-12`).
//! - `latestStart`/`earliestEnd` (the fuzzy ends of a duration) are kept as
//!   attributes; a start whose `latestStart` is later, or an end whose
//!   `earliestEnd` is earlier, is marked approximate (`~`).
//! - Ends are instants in SIMILE, so an end that is a date (or an exact
//!   midnight, a 1st of a month, a 1st of January) is exclusive: `end="Sat Jun
//!   01 1963 00:00:00"` means "until 1 June began", imported as `1963-05-31`;
//!   `end="1918"` is imported as `1917`. An end equal to the start is dropped.
//!
//! Dates: SIMILE's Gregorian parser reads years (`1961`, `-1000`, `500 BC`,
//! `1 AD`) and otherwise whatever the browser's `Date.parse` reads; with
//! `date-time-format="iso8601"` it reads ISO 8601. This module reads:
//! - JavaScript `Date.toString` and RFC 2822 styles: `Sat May 20 1961
//!   00:00:00 GMT-0600`, `May 20 1961 00:00:00 GMT`, `20 May 1961 12:30`,
//!   `May 1961` (month precision), with a weekday, `GMT±HHMM`, `UTC`, `Z`,
//!   US zone names (`CST`…) and a parenthesised zone name ignored;
//! - ISO 8601 (`1961-05-20`, `1961-05-20T12:30:00-06:00`), whatever the
//!   declared format, recognised by its shape;
//! - years: `1961` is the year 1961 at year precision; a leading `-` is
//!   astronomical as in JavaScript's `setUTCFullYear` (`-1000` is 1001 BCE);
//!   `500 BC` counts back without a year zero (astronomical -499); `AD`/`CE`
//!   years are ordinary years;
//! - a trailing `?` (`107?`, an uncertain year), `~` or `%` after any of
//!   these is kept as EDTF's qualifier: uncertain, approximate, or both.
//!   SIMILE itself reads `107?` as the year 107 (JavaScript's `parseInt`
//!   stops at the mark).
//!
//! Precision: a time at exactly 00:00(:00) is how SIMILE files write plain
//! dates (`Sat May 20 1961 00:00:00 GMT-0600` is 20 May 1961), so it is read
//! at day precision, dropping the offset; any other time keeps its offset and
//! is read to the second when seconds are written, else to the minute. A time
//! without a zone is "as written" (no offset).
//!
//! An event whose start or end cannot be read, or whose end is before its
//! start, is skipped with a warning at the line of its element (or object).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use quick_xml::Reader as XmlReader;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event as XmlEvent};
use serde_json::Value;
use serde_json::value::RawValue;

use super::LoadError;
use super::common::{ImportOptions, offset_of_line_column, shorten};
use super::html;
use super::import::{Confidence, Draft, Import, Importer, Input, Item, Text, before_start};
use crate::calendar;
use crate::model::{Date, DateParts, Document, Precision, TimeParts};

/// Format name for the XML flavour.
pub const XML_FORMAT: &str = "SIMILE Timeline XML";
/// Format name for the JSON flavour.
pub const JSON_FORMAT: &str = "SIMILE Timeline JSON";

/// Fields with a place of their own in an event; everything else becomes an
/// attribute.
const MAPPED_FIELDS: [&str; 10] = [
    "start",
    "end",
    "title",
    "description",
    "link",
    "id",
    "eventID",
    "isDuration",
    "durationEvent",
    "dateTimeFormat",
];

/// SIMILE 2's short JSON keys and the fields they stand for.
const SHORT_KEYS: [(&str, &str); 9] = [
    ("s", "start"),
    ("e", "end"),
    ("ls", "latestStart"),
    ("ee", "earliestEnd"),
    ("t", "title"),
    ("d", "description"),
    ("de", "durationEvent"),
    ("c", "classname"),
    ("eid", "eventID"),
];

/// The SIMILE Timeline importer (XML and JSON).
pub struct Simile;

impl Importer for Simile {
    const FORMAT: super::Format = super::Format::Simile;

    /// XML whose root is `<data>` with `<event>`s (certain), or a JSON
    /// object whose `events` start with a `start` (likely).
    fn sniff(probe: &super::detect::Probe<'_>) -> Confidence {
        if probe.xml_root().is_some_and(|root| root == "data") && probe.body().contains("<event") {
            return Confidence::Certain;
        }
        Confidence::likely_if(probe.json().starts_like("events", "start"))
    }

    fn parse(input: &Input<'_>) -> Result<Document, LoadError> {
        read(input)
    }
}

/// Reads `text`, the content of the SIMILE file at `path` (XML or JSON,
/// decided by the first non-blank character).
pub fn parse(text: &str, path: &Path, options: &ImportOptions) -> Result<Document, LoadError> {
    super::import::parse_text::<Simile>(text, path, options)
}

fn read(input: &Input<'_>) -> Result<Document, LoadError> {
    let text = input.text();
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let base = text.len() - body.len();
    let json = body.trim_start().starts_with('{');
    let file = if json {
        read_json(input, body, base)?
    } else {
        read_xml(input, body, base)?
    };
    let format = if json { JSON_FORMAT } else { XML_FORMAT };
    let mut reader = Reader {
        import: Import::new(input, format, "event"),
        iso: file.iso,
        json,
        kept: BTreeSet::new(),
    };
    let report = &mut reader.import.report;
    report.note(if file.iso {
        "dates read as ISO 8601 (date-time-format \"iso8601\")"
    } else {
        "dates read as SIMILE Gregorian dates (JavaScript date text, ISO 8601 or years)"
    });
    report.note(if json {
        "start from \"start\", end from \"end\", title from \"title\", id from \"id\" (else event-N)"
    } else {
        "start from attribute \"start\", end from attribute \"end\", title from attribute \"title\", id from attribute \"id\" (else event-N)"
    });
    for (i, raw) in file.events.iter().enumerate() {
        reader.event(raw, i + 1);
    }
    let kept: Vec<&str> = reader.kept.iter().map(String::as_str).collect();
    if !kept.is_empty() {
        let note = format!("kept as attributes: {}", kept.join(", "));
        reader.import.report.note(&note);
    }
    if !file.unused.is_empty() {
        let note = format!("not used: attributes of <data>: {}", file.unused.join(", "));
        reader.import.report.note(&note);
    }
    Ok(reader.import.finish(file.events.len()))
}

/// The events of a file, before their dates are read.
struct File {
    events: Vec<RawEvent>,
    /// Whether dates are declared ISO 8601.
    iso: bool,
    /// The attributes of `<data>` that are not used.
    unused: Vec<String>,
}

/// One event as found in the file, before its dates are read.
struct RawEvent {
    /// Byte offset (in the whole text) where the element or object starts.
    at: usize,
    /// The field path of the event: `""` for XML, whose attributes are
    /// named alone; `events[3]` for JSON.
    path: String,
    /// Field name becomes (value, byte offset of the value).
    fields: BTreeMap<String, (String, usize)>,
    /// HTML body text (XML) or description (JSON), with its offset.
    body: Option<(String, usize)>,
    /// Whether SIMILE draws it as a duration (when it has an end).
    duration: bool,
    /// A JSON event made an instant by `"isDuration": true`.
    json_is_duration: bool,
    /// Why the item cannot be an event at all (a JSON item that is no object).
    problem: Option<String>,
    /// References in the body to entities neither XML nor HTML defines
    /// (`&lol3;`, declared in a DTD), kept as written: where and which.
    entities: Vec<(usize, String)>,
}

/// The document being made of a file's events.
struct Reader<'a> {
    import: Import<'a>,
    /// Dates declared ISO 8601.
    iso: bool,
    json: bool,
    /// The names of the fields kept as attributes, for the notes.
    kept: BTreeSet<String>,
}

impl Reader<'_> {
    /// `item` located at byte `offset`: a JSON warning points at the value
    /// it is about, not at the event's object.
    fn item_at(&self, item: &Item, offset: usize) -> Item {
        Item {
            at: self.import.input.location(offset),
            ..item.clone()
        }
    }

    /// Skips `item` because of its `field`, located at byte `offset`.
    fn skip_at(&mut self, item: &Item, offset: usize, field: &str, why: &str) {
        let item = self.item_at(item, offset);
        self.import.skip(&item, field, why);
    }

    /// Date field `name`: `None` when absent or blank, else where its value
    /// is and the date or the warning's text.
    fn date(&mut self, raw: &RawEvent, name: &str) -> Option<(usize, Result<Date, String>)> {
        let (value, at) = raw.fields.get(name)?;
        if value.trim().is_empty() {
            return None;
        }
        let date = match parse_date(value, self.iso) {
            Ok((date, midnight)) => {
                if midnight {
                    self.import.report.count(
                        "times at exactly midnight read as dates (day precision)",
                        "date",
                    );
                }
                Ok(date)
            }
            Err(reason) => Err(format!("cannot read {value:?} as a date: {reason}")),
        };
        Some((*at, date))
    }

    /// A fuzzy bound of a duration (`latestStart`, `earliestEnd`); one that
    /// cannot be read is ignored with a warning.
    fn bound(&mut self, raw: &RawEvent, item: &Item, name: &str) -> Option<Date> {
        match self.date(raw, name)? {
            (_, Ok(date)) => Some(date),
            (at, Err(why)) => {
                let item = self.item_at(item, at);
                self.import
                    .warn_item(&item, name, format!("{why}; ignored"));
                None
            }
        }
    }

    fn event(&mut self, raw: &RawEvent, number: usize) {
        let item = Item {
            noun: "event",
            number,
            at: self.import.input.location(raw.at),
            path: raw.path.clone(),
        };
        if let Some(problem) = &raw.problem {
            self.import.skip(&item, "", problem);
            return;
        }
        let start = match self.date(raw, "start") {
            Some((_, Ok(start))) => start,
            Some((at, Err(why))) => return self.skip_at(&item, at, "start", &why),
            None => return self.import.skip(&item, "start", "no start"),
        };
        // SIMILE's own rule, before the shared one: an end before the start
        // is no event at all.
        let end = match self.date(raw, "end") {
            Some((at, Ok(end))) if end.start_seconds() < start.start_seconds() => {
                return self.skip_at(&item, at, "end", &before_start(&end, &start));
            }
            Some((_, Ok(end))) => Some(end),
            Some((at, Err(why))) => return self.skip_at(&item, at, "end", &why),
            None => None,
        };
        let latest_start = self.bound(raw, &item, "latestStart");
        let earliest_end = self.bound(raw, &item, "earliestEnd");

        let mut draft = Draft::new(start);
        // The end as SIMILE has it (an instant), before it is read as a date.
        let end_instant = end.as_ref().map(Date::start_seconds);
        draft.end = end;
        self.shape(&mut draft, !raw.duration);
        if raw.duration {
            let mut fuzzy = false;
            if let Some(latest) = &latest_start
                && latest.start_seconds() > draft.start.start_seconds()
            {
                draft.start.approximate = true;
                fuzzy = true;
            }
            if let (Some(earliest), Some(end), Some(instant)) =
                (&earliest_end, draft.end.as_mut(), end_instant)
                && earliest.start_seconds() < instant
            {
                end.approximate = true;
                fuzzy = true;
            }
            if fuzzy {
                self.import.report.count(
                    "durations with latestStart/earliestEnd: start/end marked approximate (~)",
                    "event",
                );
            }
        }
        if raw.json_is_duration {
            self.import.report.count(
                "events with \"isDuration\": true read as instants, as SIMILE's JSON loader does",
                "event",
            );
        }

        let id = ["id", "eventID"]
            .iter()
            .find_map(|k| raw.fields.get(*k))
            .map(|(v, at)| (v.trim(), *at))
            .filter(|(v, _)| !v.is_empty());
        draft.id = id.map(|(v, _)| v.to_owned());
        // A JSON id's value may be elsewhere than the event's start.
        draft.id_at = id.map(|(_, at)| at);

        let body = raw
            .body
            .as_ref()
            .map(|(text, at)| self.body(raw, &item, text, *at))
            .unwrap_or_default();
        let mut title = raw
            .fields
            .get("title")
            .map(|(t, _)| collapse_whitespace(t))
            .unwrap_or_default();
        if title.is_empty() {
            // SIMILE shows the text where there is no title; without text the
            // shared fallback, "(untitled)", applies.
            title = title_from_text(&body.text);
            if !title.is_empty() {
                let why = format!("no title: titled from its text: {title:?}");
                self.import.warn_item(&item, "title", why);
                self.import
                    .report
                    .count("events without a title titled from their text", "event");
            }
        }
        if !body.text.is_empty() {
            self.import.report.count(
                if self.json {
                    "description from \"description\" (HTML converted to text)"
                } else {
                    "description from the text of each <event> (HTML converted to text)"
                },
                "event",
            );
            draft.text = Some(Text {
                title: title.clone(),
                body: body.text,
                url: None,
            });
        }
        draft.title = Some(title);
        draft.url = raw
            .fields
            .get("link")
            .map(|(l, _)| l.trim().to_owned())
            .filter(|l| !l.is_empty());
        if draft.url.is_some() {
            let from = if self.json {
                "url from \"link\""
            } else {
                "url from attribute \"link\""
            };
            self.import.report.count(from, "event");
        }
        draft.links = body.links;
        for (name, (value, _)) in &raw.fields {
            if MAPPED_FIELDS.contains(&name.as_str()) || value.trim().is_empty() {
                continue;
            }
            if name == "classname" {
                self.import.report.count(
                    "classname (a CSS class) kept as an attribute, not used as category",
                    "event",
                );
            }
            if !self.kept.contains(name) {
                self.kept.insert(name.clone());
            }
            draft.attributes.insert(name, value.trim());
        }
        self.import.add(&item, draft);
    }

    /// The body (XML) or description (JSON) of an event, HTML read as text,
    /// with a warning when it is read flat or keeps undefined entities.
    fn body(&mut self, raw: &RawEvent, item: &Item, text: &str, at: usize) -> html::HtmlText {
        let body = html::to_text(&collapse_whitespace(text));
        if let Some(why) = body.flattened {
            let item = self.item_at(item, at);
            self.import.warn_item(&item, "description", why.to_string());
        }
        if let Some((at, name)) = raw.entities.first() {
            let which = match raw.entities.len() {
                1 => format!("the entity &{name}; is"),
                n => format!("{n} references to entities (the first &{name};) are"),
            };
            let item = self.item_at(item, *at);
            self.import.warn_item(
                &item,
                "description",
                format!("{which} neither XML's nor HTML's: kept as written, not expanded (entities declared in a DTD never are)"),
            );
        }
        body
    }

    /// Applies SIMILE's meaning of `end`: exclusive for date-like ends, an
    /// imprecise instant when the event is not a duration.
    fn shape(&mut self, draft: &mut Draft, instant: bool) {
        let Some(end) = draft.end.take() else {
            return;
        };
        let report = &mut self.import.report;
        let end = if end.precision <= Precision::Day {
            report.count(
                "ends that were dates (SIMILE ends are exclusive instants) read as the day, month or year before",
                "end",
            );
            end.unit_before()
        } else {
            end
        };
        let start = &draft.start;
        if end.end_seconds() <= start.start_seconds() || end == *start {
            // A zero-length span: SIMILE draws it at the start.
            report.count(
                "events that ended where they started imported without an end",
                "event",
            );
            return;
        }
        if !instant {
            report.count(
                if self.json {
                    "duration events imported as ranges (\"durationEvent\" not false)"
                } else {
                    "duration events imported as ranges (isDuration=\"true\")"
                },
                "event",
            );
            draft.end = Some(end);
            return;
        }
        report.count(
            "imprecise instants (an end without being a duration) marked with attribute simile = \"imprecise instant\"",
            "event",
        );
        draft.attributes.insert("simile", "imprecise instant");
        if let Some(single) = whole_month_or_year(start, &end) {
            report.count(
                "imprecise instants spanning exactly one month or year became that month or year",
                "event",
            );
            draft.start = single;
        } else {
            draft.end = Some(end);
        }
    }
}

// ---------------------------------------------------------------- XML

/// Reads the events of an XML file, `body` being the text from byte `base` on.
fn read_xml(input: &Input<'_>, body: &str, base: usize) -> Result<File, LoadError> {
    let mut reader = XmlReader::from_str(body);
    let mut depth = 0_usize;
    let mut seen_root = false;
    let mut iso = false;
    let mut root_unused = Vec::new();
    let mut raws = Vec::new();
    // The event being read (its element is at depth 2), its body so far and
    // where the body begins.
    let mut current: Option<RawEvent> = None;
    let mut html = String::new();
    let mut body_at = 0;
    loop {
        let at = base + usize::try_from(reader.buffer_position()).unwrap_or(0);
        let event = reader.read_event().map_err(|e| {
            let at = base + usize::try_from(reader.error_position()).unwrap_or(0);
            input.error(
                at,
                "",
                format!("not well-formed XML: {e}; expected a SIMILE <data> file"),
            )
        })?;
        match event {
            XmlEvent::Start(e) if !seen_root => {
                seen_root = true;
                iso = read_root(input, &e, at, &mut root_unused)?;
                depth = 1;
            }
            XmlEvent::Empty(e) if !seen_root => {
                // An empty <data/>: no events.
                seen_root = true;
                iso = read_root(input, &e, at, &mut root_unused)?;
            }
            XmlEvent::Start(e) => {
                depth += 1;
                if depth == 2 {
                    current = Some(raw_xml_event(input, &e, at)?);
                    html.clear();
                    body_at = base + usize::try_from(reader.buffer_position()).unwrap_or(0);
                } else if current.is_some() {
                    html.push('<');
                    html.push_str(&String::from_utf8_lossy(&e));
                    html.push('>');
                }
            }
            XmlEvent::Empty(e) => {
                if depth == 1 {
                    raws.push(raw_xml_event(input, &e, at)?);
                } else if current.is_some() {
                    html.push('<');
                    html.push_str(&String::from_utf8_lossy(&e));
                    html.push_str("/>");
                }
            }
            XmlEvent::End(e) => {
                if depth == 2 {
                    if let Some(mut raw) = current.take() {
                        let text = std::mem::take(&mut html);
                        if !text.trim().is_empty() {
                            raw.body = Some((text, body_at));
                        }
                        raws.push(raw);
                    }
                } else if current.is_some() {
                    html.push_str("</");
                    html.push_str(&String::from_utf8_lossy(e.name().as_ref()));
                    html.push('>');
                }
                depth = depth.saturating_sub(1);
            }
            XmlEvent::Text(t) => {
                if current.is_some() {
                    let decoded = t
                        .xml10_content()
                        .map_err(|e| input.error(at, "", format!("cannot decode the text: {e}")))?;
                    html.push_str(&decoded);
                }
            }
            XmlEvent::CData(t) => {
                if current.is_some() {
                    html.push_str(&String::from_utf8_lossy(&t));
                }
            }
            XmlEvent::GeneralRef(r) => {
                if let Some(raw) = current.as_mut()
                    && !push_reference(&mut html, &r)
                {
                    raw.entities
                        .push((at, String::from_utf8_lossy(&r).into_owned()));
                }
            }
            XmlEvent::Eof => break,
            XmlEvent::Comment(_) | XmlEvent::Decl(_) | XmlEvent::PI(_) | XmlEvent::DocType(_) => {}
        }
    }
    if !seen_root {
        return Err(input.error(
            base,
            "",
            "no XML element found: expected a SIMILE <data> element holding <event> elements"
                .into(),
        ));
    }
    if depth > 0 || current.is_some() {
        return Err(input.error(
            input.text().len(),
            "",
            "the file ends before </data>: the XML is truncated".into(),
        ));
    }
    Ok(File {
        events: raws,
        iso,
        unused: root_unused,
    })
}

/// Checks the root element and reads its attributes: whether dates are
/// declared ISO 8601; the names of the other attributes go to `unused`.
fn read_root(
    input: &Input<'_>,
    e: &BytesStart<'_>,
    at: usize,
    unused: &mut Vec<String>,
) -> Result<bool, LoadError> {
    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    if name != "data" {
        return Err(input.error(
            at,
            "",
            format!("expected the SIMILE root element <data>, found <{name}>"),
        ));
    }
    let mut iso = false;
    for (key, value) in attributes(input, e, at)? {
        if key == "date-time-format" {
            iso = value.trim().eq_ignore_ascii_case("iso8601");
        } else {
            unused.push(key);
        }
    }
    Ok(iso)
}

/// Appends the text of `&name;` or `&#N;`: predefined XML entities and
/// character references are resolved; anything else is kept as written, for
/// the HTML layer to decode. `false` when it is no entity HTML knows either
/// (`&lol3;`, which only a DTD declares), so that it stays as written.
fn push_reference(out: &mut String, r: &quick_xml::events::BytesRef<'_>) -> bool {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        out.push(c);
        return true;
    }
    let name = String::from_utf8_lossy(r);
    if let Some(text) = quick_xml::escape::resolve_predefined_entity(&name) {
        out.push_str(text);
        return true;
    }
    out.push('&');
    out.push_str(&name);
    out.push(';');
    html5ever::data::NAMED_ENTITIES.contains_key(format!("{name};").as_str())
}

/// The attributes of the element at byte `at` as (name, value).
fn attributes(
    input: &Input<'_>,
    e: &BytesStart<'_>,
    at: usize,
) -> Result<Vec<(String, String)>, LoadError> {
    let mut out = Vec::new();
    for attribute in e.attributes() {
        let attribute = attribute
            .map_err(|err| input.error(at, "", format!("not well-formed XML attribute: {err}")))?;
        let key = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| input.error(at, &key, format!("cannot read the value: {err}")))?;
        out.push((key, value.into_owned()));
    }
    Ok(out)
}

fn raw_xml_event(input: &Input<'_>, e: &BytesStart<'_>, at: usize) -> Result<RawEvent, LoadError> {
    let mut fields = BTreeMap::new();
    // An attribute is located at its element.
    for (key, value) in attributes(input, e, at)? {
        fields.insert(key, (value, at));
    }
    let duration = fields
        .get("isDuration")
        .is_some_and(|(v, _)| v.trim() == "true");
    Ok(RawEvent {
        at,
        path: String::new(),
        fields,
        body: None,
        duration,
        json_is_duration: false,
        problem: None,
        entities: Vec::new(),
    })
}

// ---------------------------------------------------------------- JSON

/// Reads the events of a JSON file, `body` being the text from byte `base` on.
fn read_json(input: &Input<'_>, body: &str, base: usize) -> Result<File, LoadError> {
    let offset_of = |raw: &RawValue| {
        (raw.get().as_ptr() as usize)
            .saturating_sub(input.text().as_ptr() as usize)
            .min(input.text().len())
    };
    let root: BTreeMap<String, &RawValue> = serde_json::from_str(body).map_err(|e| {
        let at = base + offset_of_line_column(body, e.line(), e.column());
        input.error(
            at,
            "",
            format!(
                "{}: expected a SIMILE JSON object with \"events\"",
                strip_position(&e)
            ),
        )
    })?;
    let iso = match root.get("dateTimeFormat") {
        Some(raw) => serde_json::from_str::<String>(raw.get())
            .is_ok_and(|f| f.trim().eq_ignore_ascii_case("iso8601")),
        None => false,
    };
    let Some(events) = root.get("events") else {
        return Err(input.error(
            base,
            "events",
            "missing field: expected \"events\", a list of SIMILE events".into(),
        ));
    };
    let list: Vec<&RawValue> = serde_json::from_str(events.get()).map_err(|_| {
        input.error(
            offset_of(events),
            "events",
            "expected a list of SIMILE events".into(),
        )
    })?;
    let mut raws = Vec::with_capacity(list.len());
    for (i, item) in list.into_iter().enumerate() {
        let at = offset_of(item);
        let (object, problem) =
            match serde_json::from_str::<BTreeMap<String, &RawValue>>(item.get()) {
                Ok(o) => (o, None),
                Err(_) => (
                    BTreeMap::new(),
                    Some(format!(
                        "expected an event object, found {}",
                        shorten(item.get(), 40)
                    )),
                ),
            };
        let mut fields = BTreeMap::new();
        let mut is_duration = false;
        let mut duration_event: Option<bool> = None;
        for (key, raw) in &object {
            let key = SHORT_KEYS
                .iter()
                .find(|(short, long)| short == key && !object.contains_key(*long))
                .map_or(key.as_str(), |(_, long)| long);
            let text = match serde_json::from_str::<Value>(raw.get()) {
                Ok(value) => {
                    match key {
                        "isDuration" => is_duration = truthy(&value),
                        "durationEvent" => duration_event = boolean(&value),
                        _ => {}
                    }
                    value_text(&value)
                }
                // Nested too deeply to be read as a value (attributes keep
                // such values as their JSON text anyway).
                Err(_) => Some(raw.get().to_owned()),
            };
            if let Some(text) = text {
                fields.insert(key.to_owned(), (text, offset_of(raw)));
            }
        }
        let body = fields.remove("description");
        raws.push(RawEvent {
            at,
            path: format!("events[{i}]"),
            fields,
            body,
            duration: !is_duration && duration_event != Some(false),
            json_is_duration: is_duration,
            problem,
            entities: Vec::new(),
        });
    }
    Ok(File {
        events: raws,
        iso,
        unused: Vec::new(),
    })
}

/// JavaScript truthiness of a JSON value.
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(_) | Value::Object(_) => true,
    }
}

/// `true`/`false`, also written as strings.
fn boolean(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.trim() == "true" => Some(true),
        Value::String(s) if s.trim() == "false" => Some(false),
        _ => None,
    }
}

/// A JSON value as the text an attribute keeps; `None` for null.
fn value_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(_) | Value::Number(_) | Value::Array(_) | Value::Object(_) => {
            Some(value.to_string())
        }
    }
}

/// `serde_json`'s message without its " at line L column C" suffix.
fn strip_position(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    message
        .strip_suffix(&suffix)
        .map_or(message.clone(), str::to_owned)
}

// ---------------------------------------------------------------- text

/// Runs of whitespace as one space, trimmed: how HTML shows text.
fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A title made from the start of an event's text: its first line, cut at a
/// word boundary near 80 characters.
fn title_from_text(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if line.chars().count() <= 80 {
        return line.to_owned();
    }
    let cut: String = line.chars().take(80).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end())
}

// ---------------------------------------------------------------- dates

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// US zone abbreviations that `Date.parse` knows, with their offsets in minutes.
const ZONES: [(&str, i32); 12] = [
    ("gmt", 0),
    ("utc", 0),
    ("ut", 0),
    ("z", 0),
    ("est", -300),
    ("edt", -240),
    ("cst", -360),
    ("cdt", -300),
    ("mst", -420),
    ("mdt", -360),
    ("pst", -480),
    ("pdt", -420),
];

const EXPECTED: &str = "expected a date such as \"Sat May 20 1961 00:00:00 GMT-0600\", \"May 20 1961\", \"1961-05-20\", \"1961\" or \"500 BC\"";

/// Reads a SIMILE date; also says whether an exact midnight was read as a
/// day. `iso` is the declared format; ISO dates are recognised by shape
/// anyway, and other shapes are still tried when ISO is declared.
fn parse_date(text: &str, iso: bool) -> Result<(Date, bool), String> {
    let s = text.trim();
    if s.is_empty() {
        return Err("the date is empty".into());
    }
    // `107?`: SIMILE reads the number before the mark (JavaScript's
    // `parseInt`); the mark is kept as EDTF's qualifier.
    let (s, approximate, uncertain) = match s.as_bytes()[s.len() - 1] {
        b'?' => (&s[..s.len() - 1], false, true),
        b'~' => (&s[..s.len() - 1], true, false),
        b'%' => (&s[..s.len() - 1], true, true),
        _ => (s, false, false),
    };
    let s = s.trim_end();
    if s.is_empty() || s.ends_with(['?', '~', '%']) {
        return Err(format!(
            "{text:?}: one mark (? uncertain, ~ approximate, % both) after a date; {EXPECTED}"
        ));
    }
    let (mut date, midnight) = parse_unqualified(s, iso)?;
    date.approximate |= approximate;
    date.uncertain |= uncertain;
    Ok((date, midnight))
}

/// [`parse_date`] of a date without a trailing qualifier.
fn parse_unqualified(s: &str, iso: bool) -> Result<(Date, bool), String> {
    if let Some(year) = year_only(s) {
        return year.map(|d| (d, false));
    }
    let date = if iso || looks_iso(s) {
        match Date::parse(s) {
            Ok(d) => d,
            Err(e) if looks_iso(s) => return Err(e.reason),
            Err(_) => textual(s)?,
        }
    } else {
        textual(s)?
    };
    Ok(midnight_to_day(date))
}

/// An exact midnight as the day it starts; the flag says whether it was one.
fn midnight_to_day(date: Date) -> (Date, bool) {
    if date.precision >= Precision::Minute
        && date.hour == 0
        && date.minute == 0
        && date.second == 0
        && date.nanosecond == 0
    {
        let day = Date {
            precision: Precision::Day,
            offset_minutes: None,
            ..date
        };
        (day, true)
    } else {
        (date, false)
    }
}

/// `[+-]YYYY…-`: the start of an ISO 8601 date.
fn looks_iso(s: &str) -> bool {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    let n = digits.bytes().take_while(u8::is_ascii_digit).count();
    n >= 4 && digits[n..].starts_with('-')
}

/// A year alone: `1961`, `-1000`, `500 BC`, `1 AD`, `AD 1066`, `44 B.C.`.
/// `None` when `s` is not of that shape.
fn year_only(s: &str) -> Option<Result<Date, String>> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let (number, era) = match words.as_slice() {
        [n] => {
            // `500BC`: letters glued to the number.
            let split = n.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(n.len());
            let (num, era) = n.split_at(split);
            (num, (!era.is_empty()).then_some(era))
        }
        [n, era] if n.bytes().any(|b| b.is_ascii_digit()) => (*n, Some(*era)),
        [era, n] => (*n, Some(*era)),
        _ => return None,
    };
    let digits = number.strip_prefix(['+', '-']).unwrap_or(number);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let bce = match era.map(|e| e.replace('.', "").to_ascii_uppercase()) {
        None => None,
        Some(e) if e == "BC" || e == "BCE" => Some(true),
        Some(e) if e == "AD" || e == "CE" => Some(false),
        Some(_) => return None,
    };
    if digits.len() > 9 {
        return Some(Err(format!("year {number} has more than 9 digits")));
    }
    let n: i64 = digits.parse().ok()?;
    let negative = number.starts_with('-');
    let year = match bce {
        Some(_) if negative || n == 0 => {
            return Some(Err(format!(
                "{s:?}: a BC/AD year counts from 1 and has no sign"
            )));
        }
        Some(true) => 1 - n,
        None if negative => -n,
        Some(false) | None => n,
    };
    Some(Date::from_parts(DateParts::year(year)).map_err(|e| e.reason))
}

/// JavaScript and RFC 2822 style text: `Sat May 20 1961 00:00:00 GMT-0600
/// (CST)`, `20 May 1961 12:30 PM`, `May 1961`.
fn textual(s: &str) -> Result<Date, String> {
    let mut month: Option<u32> = None;
    let mut day: Option<u32> = None;
    let mut year: Option<i64> = None;
    let mut time: Option<TimeParts> = None;
    let mut offset: Option<i32> = None;
    let mut in_comment = false;
    for token in s.split(|c: char| c.is_whitespace() || c == ',') {
        if token.is_empty() {
            continue;
        }
        if in_comment || token.starts_with('(') {
            in_comment = !token.ends_with(')');
            continue;
        }
        let lower = token.trim_end_matches('.').to_ascii_lowercase();
        if lower.len() >= 3 && WEEKDAYS.iter().any(|w| w.starts_with(&lower)) {
            continue;
        }
        if lower.len() >= 3
            && let Some(i) = crate::calendar::MONTH_NAMES
                .iter()
                .position(|m| m.to_ascii_lowercase().starts_with(&lower))
        {
            if month.is_some() {
                return Err(format!("two months in {s:?}; {EXPECTED}"));
            }
            month = Some(i as u32 + 1);
            continue;
        }
        if token.contains(':') && time.is_none() {
            time = Some(clock(token)?);
            continue;
        }
        if let Some(minutes) = zone(&lower, time.is_some()) {
            if offset.is_some() {
                return Err(format!("two time zones in {s:?}"));
            }
            offset = Some(minutes?);
            continue;
        }
        if lower == "am" || lower == "pm" {
            let Some(TimeParts { hour, .. }) = time.as_mut() else {
                return Err(format!("{token:?} without a time"));
            };
            if *hour == 0 || *hour > 12 {
                return Err(format!("hour {hour} with {token:?}"));
            }
            *hour = match (lower.as_str(), *hour) {
                ("am", 12) => 0,
                ("pm", h) if h < 12 => h + 12,
                (_, h) => h,
            };
            continue;
        }
        if lower == "bc" || lower == "bce" || lower == "ad" || lower == "ce" {
            let Some(y) = year.as_mut() else {
                return Err(format!("{token:?} without a year"));
            };
            if *y <= 0 {
                return Err(format!("a BC/AD year counts from 1, found {y}"));
            }
            if lower.starts_with('b') {
                *y = 1 - *y;
            }
            continue;
        }
        if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
            if token.len() >= 3 {
                if year.is_some() {
                    return Err(format!("two years in {s:?}"));
                }
                if token.len() > 9 {
                    return Err(format!("year {token} has more than 9 digits"));
                }
                year = Some(token.parse().map_err(|_| format!("bad year {token}"))?);
            } else if day.is_none() {
                day = Some(token.parse().map_err(|_| format!("bad day {token}"))?);
            } else {
                return Err(format!(
                    "{token:?} looks like a two-digit year, which is ambiguous: write the full year"
                ));
            }
            continue;
        }
        return Err(format!("unexpected {token:?}; {EXPECTED}"));
    }
    let Some(year) = year else {
        return Err(format!("no year; {EXPECTED}"));
    };
    let Some(month) = month else {
        return Err(format!("no month; {EXPECTED}"));
    };
    if time.is_some() && day.is_none() {
        return Err(format!("a time needs a day; {EXPECTED}"));
    }
    // A zone without a time says nothing about a date.
    let time = time.map(|t| TimeParts {
        offset_minutes: offset,
        ..t
    });
    Date::from_parts(DateParts {
        year,
        month: Some(month),
        day,
        time,
    })
    .map_err(|e| e.reason)
}

/// `HH:MM`, `HH:MM:SS`, `HH:MM:SS.fff` as a time without an offset.
fn clock(token: &str) -> Result<TimeParts, String> {
    let unread = || format!("cannot read the time {token:?}: expected HH:MM or HH:MM:SS");
    let number = |p: &str| {
        (!p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
            .ok_or_else(unread)
    };
    let parts: Vec<&str> = token.split(':').collect();
    let (hour, minute, second) = match parts[..] {
        [hour, minute] => (hour, minute, None),
        [hour, minute, second] => (hour, minute, Some(second)),
        _ => return Err(unread()),
    };
    let mut time = TimeParts {
        hour: number(hour)?,
        minute: number(minute)?,
        ..TimeParts::default()
    };
    if let Some(s) = second {
        let (whole, fraction) = s.split_once('.').unwrap_or((s, "0"));
        time.second = Some(number(whole)?);
        if !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return Err(unread());
        }
        // In the words of `Date::parse`, which read these before.
        if fraction.is_empty() {
            return Err("a decimal point in the seconds needs digits after it".to_owned());
        }
        if fraction.len() > 9 {
            return Err("fractional seconds have at most 9 digits".to_owned());
        }
        // `.5` is 500,000,000 nanoseconds.
        let scale = 10_u32.pow(9 - u32::try_from(fraction.len()).unwrap_or(9));
        time.nanosecond = fraction.parse::<u32>().map_err(|_| unread())? * scale;
    }
    Ok(time)
}

/// A zone token: `GMT`, `UTC`, `Z`, `CST`, `GMT-0600`, `UTC+05:30`, or
/// (after a time) `-0600`. `None` when `lower` is no zone.
fn zone(lower: &str, after_time: bool) -> Option<Result<i32, String>> {
    if let Some((_, minutes)) = ZONES.iter().find(|(name, _)| *name == lower) {
        return Some(Ok(*minutes));
    }
    let signed = ["gmt", "utc", "ut"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))
        .filter(|rest| rest.starts_with(['+', '-']))
        .or_else(|| {
            (after_time && lower.starts_with(['+', '-']) && lower.len() > 1).then_some(lower)
        })?;
    Some(signed_offset(signed).ok_or_else(|| {
        format!("cannot read the time zone offset {signed:?}: expected ±HHMM or ±HH:MM")
    }))
}

/// `+0530`, `-06:00`, `+05` becomes minutes.
fn signed_offset(text: &str) -> Option<i32> {
    let negative = text.starts_with('-');
    let digits: String = text[1..].chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    if m >= 60 || h > 18 {
        return None;
    }
    let total = h * 60 + m;
    Some(if negative { -total } else { total })
}

/// When `start`..`end` covers exactly one calendar month or year (and both
/// are dates, not times), that month or year as one date.
fn whole_month_or_year(start: &Date, end: &Date) -> Option<Date> {
    if start.precision > Precision::Day || end.precision > Precision::Day {
        return None;
    }
    // First day covered by the start, last day covered by the end.
    let first = match start.precision {
        Precision::Year => (start.year, 1, 1),
        Precision::Month => (start.year, start.month, 1),
        _ => (start.year, start.month, start.day),
    };
    let last = match end.precision {
        Precision::Year => (end.year, 12, 31),
        Precision::Month => (
            end.year,
            end.month,
            calendar::days_in_month(end.year, end.month),
        ),
        _ => (end.year, end.month, end.day),
    };
    // The qualifiers of either end hold for the whole.
    let plain = Date {
        approximate: start.approximate || end.approximate,
        uncertain: start.uncertain || end.uncertain,
        ..start.clone()
    };
    if first.0 != last.0 || first.2 != 1 {
        return None;
    }
    if first.1 == last.1 && last.2 == calendar::days_in_month(last.0, last.1) {
        return Some(Date {
            day: 1,
            precision: Precision::Month,
            ..plain
        });
    }
    (first.1 == 1 && last.1 == 12 && last.2 == 31).then_some(Date {
        month: 1,
        day: 1,
        precision: Precision::Year,
        ..plain
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Event;

    /// Whether detection takes `text` for this format.
    fn sniff(text: &str) -> bool {
        crate::formats::detect(text, Path::new("")) == Some(crate::formats::Format::Simile)
    }

    fn load(text: &str, name: &str) -> Document {
        parse(text, Path::new(name), &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    fn date(text: &str) -> Date {
        parse_date(text, false)
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .0
    }

    fn event<'d>(doc: &'d Document, id: &str) -> &'d Event {
        doc.owned_events()
            .unwrap()
            .iter()
            .find(|e| e.id == id)
            .unwrap_or_else(|| panic!("no event {id}"))
    }

    fn text_of(doc: &Document, e: &Event) -> String {
        e.evidence
            .first()
            .map(|ev| doc.sources[ev.source].text.clone())
            .unwrap_or_default()
    }

    #[test]
    fn javascript_dates() {
        let d = date("Sat May 20 1961 00:00:00 GMT-0600");
        assert_eq!(d.to_string(), "1961-05-20");
        assert_eq!(d.precision, Precision::Day);
        let d = date("Fri Nov 22 1963 12:30:00 GMT-0600");
        assert_eq!(d.to_string(), "1963-11-22T12:30:00-06:00");
        assert_eq!(d.precision, Precision::Second);
        assert_eq!(
            date("Fri Nov 22 1963 12:30:00 GMT-0600 (Central Standard Time)").to_string(),
            "1963-11-22T12:30:00-06:00"
        );
        assert_eq!(date("May 20 1961 00:00:00 GMT").to_string(), "1961-05-20");
        assert_eq!(
            date("May 20 1961 13:05:09 GMT").to_string(),
            "1961-05-20T13:05:09Z"
        );
        assert_eq!(
            date("Sat, 20 May 1961 13:05 +0100").to_string(),
            "1961-05-20T13:05+01:00"
        );
        assert_eq!(
            date("May 20, 1961 1:05 PM CST").to_string(),
            "1961-05-20T13:05-06:00"
        );
        assert_eq!(date("May 20 1961 14:00").to_string(), "1961-05-20T14:00");
        assert_eq!(date("May 20 1961").to_string(), "1961-05-20");
        assert_eq!(date("May 1961").to_string(), "1961-05");
        assert_eq!(
            date("Mar 01 1967 00:00:00 GMT-0600").to_string(),
            "1967-03-01"
        );
        assert_eq!(
            date("December 7 1941 07:48 UTC-10:00").to_string(),
            "1941-12-07T07:48-10:00"
        );
    }

    #[test]
    fn iso_and_year_dates() {
        assert_eq!(date("1961-05-20").to_string(), "1961-05-20");
        assert_eq!(date("1961-05").to_string(), "1961-05");
        assert_eq!(
            date("1963-11-22T12:30:00-06:00").to_string(),
            "1963-11-22T12:30:00-06:00"
        );
        assert_eq!(date("1963-11-22T00:00:00Z").to_string(), "1963-11-22");
        let y = date("1961");
        assert_eq!((y.year, y.precision), (1961, Precision::Year));
        assert_eq!(date("-1000").year, -1000);
        assert_eq!(date("500 BC").year, -499);
        assert_eq!(date("500 BC").human(), "500 BCE");
        assert_eq!(date("1 BC").year, 0);
        assert_eq!(date("44 B.C.").year, -43);
        assert_eq!(date("1 AD").year, 1);
        assert_eq!(date("AD 1066").year, 1066);
        assert_eq!(date("500BC").year, -499);
        assert_eq!(date("-0499-03-15").year, -499);
        assert!(parse_date("1961-05-20", true).is_ok());
        // A declared ISO format does not stop JavaScript text from being read.
        assert_eq!(
            parse_date("May 20 1961", true).map(|d| d.0.to_string()),
            Ok("1961-05-20".into())
        );
    }

    #[test]
    fn regression_an_uncertain_year_skips_the_event() {
        let d = date("107?");
        assert_eq!(
            (d.year, d.precision, d.uncertain),
            (107, Precision::Year, true)
        );
        assert!(!d.approximate);
        assert_eq!(date("500 BC ?").to_string(), "-0499?");
        assert_eq!(date("1961~").to_string(), "1961~");
        assert_eq!(date("May 1961%").to_string(), "1961-05%");
        assert_eq!(date("1961-05-20?").to_string(), "1961-05-20?");
        for bad in ["?", "107??", "~?"] {
            assert!(parse_date(bad, false).is_err(), "{bad:?}");
        }
        let doc = load(
            "<data>\n<event start=\"100\" end=\"107?\" isDuration=\"true\" title=\"Span\"/>\n<event start=\"107?\" title=\"Point\"/>\n<event start=\"1976?\" end=\"1977\" title=\"Year\"/>\n</data>",
            "uncertain.xml",
        );
        assert!(doc.warnings.is_empty(), "{:#?}", doc.warnings);
        let dates: Vec<(&str, String)> = doc
            .owned_events()
            .unwrap()
            .iter()
            .map(|e| (e.title.as_str(), e.date_text()))
            .collect();
        assert_eq!(
            dates,
            [
                // The end is exclusive, as for `end="1918"`: until 107 began.
                ("Span", "0100/0106?".to_owned()),
                ("Point", "0107?".to_owned()),
                // An imprecise instant over one year keeps its uncertainty.
                ("Year", "1976?".to_owned()),
            ]
        );
    }

    #[test]
    fn bad_dates_say_why() {
        for (input, expected) in [
            ("", "empty"),
            ("someday", "unexpected \"someday\""),
            ("May 20", "no year"),
            ("20 1961", "no month"),
            ("Feb 30 1961", "out of range"),
            ("May 20 61", "two-digit year"),
            ("May 20 1961 25:00", "hour 25"),
            ("May 20 1961 10:00 GMT+2500", "offset"),
            ("1961-13-01", "month 13"),
            ("0 BC", "counts from 1"),
            ("May 20 1961 12:xx", "cannot read the time"),
            ("1234567890", "more than 9 digits"),
        ] {
            match parse_date(input, false) {
                Ok(d) => panic!("{input:?} read as {}", d.0),
                Err(reason) => assert!(
                    reason.contains(expected),
                    "{input:?}: {reason:?} should mention {expected:?}"
                ),
            }
        }
    }

    #[test]
    fn xml_fixture() {
        let doc = load(
            include_str!("../../../../tests/data/simile/assassination.xml"),
            "assassination.xml",
        );
        assert_eq!(doc.name, "assassination.xml");
        assert_eq!(doc.format, XML_FORMAT);
        let ids: Vec<&str> = doc
            .owned_events()
            .unwrap()
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(
            ids,
            [
                "event-9", "event-1", "event-2", "event-3", "event-5", "shot", "event-8",
                "event-6", "event-7",
            ],
            "{:#?}",
            doc.warnings
        );

        let bay = event(&doc, "event-1");
        assert_eq!(bay.title, "'Bay of Pigs' Invasion");
        assert_eq!(bay.date_text(), "1961-04-17");
        assert!(bay.evidence.is_empty());

        let moves = event(&doc, "event-2");
        assert_eq!(moves.title, "Oswald moves to New Orleans");
        // isDuration with an exclusive midnight end: May 1 until June 1 began.
        assert_eq!(moves.date_text(), "1963-05-01/1963-05-31");
        assert_eq!(
            text_of(&doc, moves),
            "Oswald moves to New Orleans, and finds employment at the William B. Riley Coffee Company. ref. Treachery in Dallas, p 320"
        );
        assert_eq!(doc.sources[moves.evidence[0].source].title, moves.title);

        let motorcade = event(&doc, "event-3");
        assert_eq!(motorcade.start.to_string(), "1963-11-22T11:55:00-06:00");
        assert_eq!(motorcade.end, None);
        assert_eq!(
            motorcade.url.as_deref(),
            Some("http://en.wikipedia.org/wiki/Motorcade")
        );
        assert_eq!(&motorcade.attributes["image"], "motorcade.png");
        assert_eq!(motorcade.links, ["http://example.org/report"]);
        assert!(text_of(&doc, motorcade).contains("the report"));

        let shot = event(&doc, "shot");
        assert_eq!(&shot.attributes["icon"], "dark-red-circle.png");
        assert_eq!(&shot.attributes["color"], "red");
        assert_eq!(shot.category, None);

        // An imprecise instant (end, no isDuration) spanning minutes.
        let empty = event(&doc, "event-5");
        assert_eq!(
            empty.date_text(),
            "1963-11-22T12:15:00-06:00/1963-11-22T12:20:00-06:00"
        );
        assert_eq!(&empty.attributes["simile"], "imprecise instant");
        assert_eq!(&empty.attributes["classname"], "strange");

        // An imprecise instant over exactly one month becomes that month.
        let cancer = event(&doc, "event-6");
        assert_eq!(cancer.date_text(), "1976-12");
        assert_eq!(&cancer.attributes["simile"], "imprecise instant");
        // … and over one year, that year.
        assert_eq!(event(&doc, "event-7").date_text(), "1978");

        // latestStart / earliestEnd on a duration: both ends approximate.
        let fuzzy = event(&doc, "event-8");
        assert_eq!(fuzzy.date_text(), "1964-01~/1964-08~");
        assert_eq!(&fuzzy.attributes["latestStart"], "Mar 1964");
        assert_eq!(&fuzzy.attributes["earliestEnd"], "Jul 1964");
        assert_eq!(fuzzy.display_title(), "c. Warren Commission hearings");

        let bce = event(&doc, "event-9");
        assert_eq!(bce.date_text(), "-0499/-0100");
        assert_eq!(bce.title, "Long ago");

        assert!(doc.warnings.is_empty(), "{:#?}", doc.warnings);
        assert!(
            doc.notes
                .iter()
                .any(|n| n.contains("9 of 9 events imported")),
            "{:#?}",
            doc.notes
        );
        for expected in [
            "imprecise instants (an end without being a duration) marked with attribute simile = \"imprecise instant\" (3 events)",
            "imprecise instants spanning exactly one month or year became that month or year (2 events)",
        ] {
            assert!(
                doc.notes.iter().any(|n| n == expected),
                "{expected}: {:#?}",
                doc.notes
            );
        }
    }

    #[test]
    fn malformed_events_are_skipped_with_located_warnings() {
        let doc = load(
            include_str!("../../../../tests/data/simile/bad-events.xml"),
            "bad-events.xml",
        );
        let titles: Vec<&str> = doc
            .owned_events()
            .unwrap()
            .iter()
            .map(|e| e.title.as_str())
            .collect();
        assert_eq!(
            titles,
            [
                "Good event",
                "The text becomes the title when there is none",
                "(untitled)",
                "Good event",
                "Duplicate",
            ]
        );
        let warnings: Vec<(usize, &str, &str)> = doc
            .warnings
            .iter()
            .map(|w| (w.location.line, w.field.as_str(), w.message.as_str()))
            .collect();
        let expect = [
            (5, "start", "cannot read \"Someday 1961\" as a date"),
            (7, "start", "event 3: no start; skipped"),
            (8, "end", "is before the start"),
            (9, "end", "cannot read \"Jun 31 1963\" as a date"),
            (12, "title", "no title: titled from its text"),
            (13, "title", "no title: titled \"(untitled)\""),
            (16, "latestStart", "cannot read \"soon\""),
            (
                17,
                "id",
                "id \"a\" is used by an earlier event; renamed \"a-2\"",
            ),
        ];
        assert_eq!(warnings.len(), expect.len(), "{warnings:#?}");
        for ((line, field, message), (eline, efield, emessage)) in warnings.iter().zip(expect) {
            assert_eq!((*line, *field), (eline, efield), "{message}");
            assert!(
                message.contains(emessage),
                "{message:?} should contain {emessage:?}"
            );
        }
        // Warnings about kept events point at them.
        let untitled = doc
            .warnings
            .iter()
            .find(|w| w.message.contains("(untitled)"));
        let index = untitled.and_then(|w| w.event).unwrap_or(usize::MAX);
        assert_eq!(doc.owned_events().unwrap()[index].title, "(untitled)");
        let dup = doc
            .warnings
            .iter()
            .find(|w| w.field == "id")
            .and_then(|w| w.event);
        assert_eq!(
            dup.map(|i| doc.owned_events().unwrap()[i].id.as_str()),
            Some("a-2")
        );
        assert!(
            doc.notes.iter().any(|n| n.contains("skipped 4 events")),
            "{:#?}",
            doc.notes
        );
    }

    #[test]
    fn json_fixture() {
        let doc = load(
            include_str!("../../../../tests/data/simile/history.json"),
            "history.json",
        );
        assert_eq!(doc.format, JSON_FORMAT);
        let dates: Vec<(String, String)> = doc
            .owned_events()
            .unwrap()
            .iter()
            .map(|e| (e.title.clone(), e.date_text()))
            .collect();
        assert_eq!(
            dates,
            [
                ("Founding of Rome".to_owned(), "-0752-04-21".to_owned()),
                ("Punic Wars".to_owned(), "-0263~/-0146".to_owned()),
                ("Hastings".to_owned(), "1066-10-14".to_owned()),
                ("Somewhere in the 1200s".to_owned(), "1200/1299".to_owned()),
                ("Black Death".to_owned(), "1346/1353".to_owned()),
                ("Short keys".to_owned(), "1500/1510".to_owned()),
            ],
            "{:#?}",
            doc.warnings
        );
        let rome = event(&doc, "rome");
        assert_eq!(rome.url.as_deref(), Some("https://example.org/rome"));
        assert_eq!(text_of(&doc, rome), "Romulus founds the city. See Livy.");
        assert_eq!(rome.links, ["https://example.org/livy"]);
        assert_eq!(&rome.attributes["textColor"], "#333");
        let punic = event(&doc, "event-2");
        assert!(!punic.attributes.contains_key("simile"));
        // durationEvent false with an end: an imprecise instant.
        let c13 = doc
            .owned_events()
            .unwrap()
            .iter()
            .find(|e| e.title.starts_with("Somewhere"));
        assert_eq!(
            c13.map(|e| &e.attributes["simile"]),
            Some("imprecise instant")
        );
        // isDuration true in JSON: an instant, as SIMILE reads it.
        let plague = doc
            .owned_events()
            .unwrap()
            .iter()
            .find(|e| e.title == "Black Death");
        assert_eq!(
            plague.map(|e| &e.attributes["simile"]),
            Some("imprecise instant")
        );
        let short = doc
            .owned_events()
            .unwrap()
            .iter()
            .find(|e| e.title == "Short keys");
        assert_eq!(short.map(|e| e.id.as_str()), Some("s1"));
        assert_eq!(short.map(|e| &e.attributes["classname"]), Some("era"));
        let w: Vec<(usize, &str)> = doc
            .warnings
            .iter()
            .map(|w| (w.location.line, w.field.as_str()))
            .collect();
        assert_eq!(w, [(43, "events[6].start"), (46, "events[7].start")]);
        assert!(doc.warnings[0].message.contains("\"the dawn of time\""));
    }

    #[test]
    fn regression_deeply_nested_html_in_a_json_description_hangs() {
        let description = format!(
            "{}Sealed, see <a href='https://example.org/s'>the seal</a>{}",
            "<div>".repeat(3_000),
            "</div>".repeat(3_000)
        );
        let text = format!(
            "{{\"events\": [\n{{\"start\": \"1648\", \"title\": \"Deep\",\n \"description\": {description:?}}}]}}"
        );
        let doc = load(&text, "deep.json");
        let deep = event(&doc, "event-1");
        assert_eq!(text_of(&doc, deep), "Sealed, see the seal");
        assert_eq!(deep.links, ["https://example.org/s"]);
        let w: Vec<(usize, usize, &str)> = doc
            .warnings
            .iter()
            .map(|w| (w.location.line, w.location.column, w.field.as_str()))
            .collect();
        assert_eq!(w, [(3, 17, "events[0].description")]);
        assert!(doc.warnings[0].message.contains("nested deeper than 100"));
        assert_eq!(doc.warnings[0].event, Some(0));
    }

    #[test]
    fn regression_a_warning_on_every_event_counts_lines_from_the_start_of_the_file() {
        // 8 MB first, then 20,000 events with one id: every one renamed and
        // warned about at its line.
        let mut text = format!(
            "<data>\n<event start=\"1961\" title=\"{}\"/>",
            "é".repeat(4_000_000)
        );
        for _ in 0..20_000 {
            text.push_str("\n<event id=\"a\" start=\"1961\" title=\"t\"/>");
        }
        text.push_str("\n</data>");
        let started = std::time::Instant::now();
        let doc = load(&text, "many.xml");
        assert!(
            started.elapsed() < std::time::Duration::from_mins(1),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(doc.warnings.len(), 19_999);
        let last = &doc.warnings[19_998];
        assert_eq!((last.location.line, last.location.column), (20_002, 1));
        assert_eq!(
            last.message,
            "id \"a\" is used by an earlier event; renamed \"a-20000\""
        );
    }

    #[test]
    fn regression_a_deeply_nested_json_value_is_dropped_without_a_word() {
        let deep = format!("{}1{}", "[".repeat(5_000), "]".repeat(5_000));
        let text = format!(
            "{{\"events\": [{{\"start\": \"1961\", \"title\": \"t\", \"extra\": {deep}}}]}}"
        );
        let doc = load(&text, "deep.json");
        assert_eq!(doc.owned_events().unwrap()[0].attributes["extra"], deep);
    }

    #[test]
    fn regression_undefined_entities_in_a_body_are_kept_without_a_word() {
        let doc = load(
            "<!DOCTYPE data [<!ENTITY lol \"lol\">]>\n<data>\n<event start=\"1961\" title=\"t\">A&nbsp;b &amp; &lol; &lol; &#65;</event>\n<event start=\"1962\" title=\"u\">Plain &eacute;</event>\n</data>",
            "e.xml",
        );
        assert_eq!(
            text_of(&doc, &doc.owned_events().unwrap()[0]),
            "A\u{a0}b & &lol; &lol; A"
        );
        assert_eq!(text_of(&doc, &doc.owned_events().unwrap()[1]), "Plain é");
        let w: Vec<(String, &str, &str)> = doc
            .warnings
            .iter()
            .map(|w| (w.location.to_string(), w.field.as_str(), w.message.as_str()))
            .collect();
        assert_eq!(
            w,
            [(
                "3:46".to_owned(),
                "description",
                "2 references to entities (the first &lol;) are neither XML's nor HTML's: kept as written, not expanded (entities declared in a DTD never are)"
            )]
        );
    }

    #[test]
    fn bom_and_iso_declared() {
        let text = "\u{feff}<?xml version=\"1.0\"?>\n<data date-time-format=\"iso8601\">\n  <event start=\"2024-06-19T14:30:00+09:00\" title=\"Tokyo\"/>\n  <event start=\"2024\" end=\"2025\" isDuration=\"true\" title=\"Year\"/>\n</data>\n";
        assert!(sniff(text));
        let doc = load(text, "x.xml");
        assert_eq!(doc.owned_events().unwrap().len(), 2);
        assert_eq!(doc.owned_events().unwrap()[0].date_text(), "2024");
        assert_eq!(
            doc.owned_events().unwrap()[1].date_text(),
            "2024-06-19T14:30:00+09:00"
        );
        assert!(
            doc.notes.iter().any(|n| n.contains("ISO 8601")),
            "{:#?}",
            doc.notes
        );
        let json = "\u{feff}{\"dateTimeFormat\": \"iso8601\", \"events\": [{\"start\": \"2024-06-19\", \"title\": \"a\"}]}";
        assert!(sniff(json));
        assert_eq!(
            load(json, "x.json").owned_events().unwrap()[0].date_text(),
            "2024-06-19"
        );
    }

    #[test]
    fn sniffing() {
        assert!(sniff(include_str!(
            "../../../../tests/data/simile/assassination.xml"
        )));
        assert!(sniff(include_str!(
            "../../../../tests/data/simile/history.json"
        )));
        assert!(!sniff("<timeline><events/></timeline>"));
        assert!(!sniff("<data><row/></data>"));
        assert!(!sniff(
            "{\"events\": [{\"start_date\": {\"year\": 1}, \"start\": 1, \"title\": 2}]}"
        ));
        assert!(!sniff("[{\"start\": \"2024\", \"title\": \"vis\"}]"));
        assert!(!sniff("{\"chronoscope\": 1, \"events\": []}"));
        assert!(!sniff(""));
        assert!(!sniff("date,title\n"));
        // A multi-byte character at the sniffing limit.
        let long = format!("<data>{}<event/></data>", "é".repeat(3000));
        let _ = sniff(&long);
    }

    #[test]
    fn broken_files_are_located_errors() {
        let path = Path::new("broken.xml");
        let options = ImportOptions::default();
        let err = |text: &str| match parse(text, path, &options) {
            Ok(doc) => panic!(
                "{text:?} loaded: {} events",
                doc.owned_events().unwrap().len()
            ),
            Err(e) => e,
        };
        let e = err(include_str!("../../../../tests/data/simile/broken.xml"));
        let location = e.location().unwrap_or_default();
        assert_eq!(location.line, 4, "{e}");
        assert!(e.to_string().contains("not well-formed XML"), "{e}");
        let e = err("<timeline/>");
        assert!(
            e.to_string()
                .contains("expected the SIMILE root element <data>"),
            "{e}"
        );
        let e = err("<data>\n<event start=\"1961\" title=\"x\">text");
        assert!(
            e.to_string().contains("truncated") || e.to_string().contains("XML"),
            "{e}"
        );
        let e = err("{\"events\": 3}");
        assert!(e.to_string().contains("list of SIMILE events"), "{e}");
        let e = err("{\"dateTimeFormat\": \"iso8601\"}");
        assert!(e.to_string().contains("\"events\""), "{e}");
        let e = err("{\"events\": [\n{\"start\": }]}");
        assert_eq!(e.location().map(|l| l.line), Some(2), "{e}");
        assert!(err("").to_string().contains("no XML element"));
    }

    #[test]
    fn garbage_and_truncation_never_panic() {
        let fixtures = [
            include_str!("../../../../tests/data/simile/assassination.xml"),
            include_str!("../../../../tests/data/simile/history.json"),
            include_str!("../../../../tests/data/simile/bad-events.xml"),
        ];
        let options = ImportOptions::default();
        for text in fixtures {
            let mut cut = 0;
            while cut < text.len() {
                if text.is_char_boundary(cut) {
                    let _ = parse(&text[..cut], Path::new("t"), &options);
                    let _ = sniff(&text[..cut]);
                }
                cut += 7;
            }
        }
        for garbage in [
            "<",
            "<<>>",
            "<data",
            "<data><event start=",
            "{",
            "{\"events\": [1, \"x\", null, []]}",
            "<data><event start=\"\u{0}\"/></data>",
            "&&&",
            "<data>&bogus;</data>",
            "<data><event start=\"May 99999999999 1961\" title=\"t\"/></data>",
            "<data><event start=\"-999999999\" end=\"999999999\" isDuration=\"true\" title=\"t\"/></data>",
        ] {
            let _ = parse(garbage, Path::new("g"), &options);
            let _ = sniff(garbage);
        }
        let doc = load("{\"events\": [1, \"x\", null, []]}", "j.json");
        assert_eq!(doc.owned_events().unwrap().len(), 0);
        assert_eq!(doc.warnings.len(), 4);
        let doc = load("<data/>", "empty.xml");
        assert!(doc.owned_events().unwrap().is_empty());
    }
}
