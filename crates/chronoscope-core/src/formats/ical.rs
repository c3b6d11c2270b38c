//! Importer for iCalendar (`.ics`, RFC 5545) files, the export format of
//! Google Calendar, Outlook, Apple Calendar and most schedulers, so that a
//! calendar can be read as a chronology.
//!
//! Each `VEVENT` becomes an event; `VTODO`, `VJOURNAL` and `VFREEBUSY` are
//! counted in the notes but not imported. How a `VEVENT` maps:
//!
//! - `DTSTART` becomes start. `VALUE=DATE` (`20240619`) is a day. A date-time
//!   ending in `Z` (`20240619T143000Z`) is UTC (offset `Z`). A date-time with
//!   `TZID=Area/City` is kept **as written, without an offset**: Chronoscope
//!   has no time-zone database, and the notes say so (the zone is kept as
//!   attribute `timezone`). A floating date-time (neither) is kept as written.
//!   iCalendar always writes seconds: `:00` seconds give minute precision,
//!   other seconds second precision.
//! - `DTEND` becomes end. For all-day events it is exclusive in iCalendar (a
//!   one-day event on the 19th ends on the 20th), so the end stored is the
//!   last day, and a single-day event has no end. A date-time end equal to
//!   the start gives no end; an end before the start is dropped with a
//!   warning. Without `DTEND`, a `DURATION` (`PT1H30M`, `P2D`) gives the end.
//! - `SUMMARY` becomes title (without one, the first line of the
//!   description); `DESCRIPTION` becomes the event's source text (text escapes
//!   `\n`, `\,`, `\;`, `\\` decoded; HTML, as Google Calendar writes it,
//!   converted to text with its links in `links`); `URL` becomes url; `CATEGORIES`
//!   becomes the first as category, all as tags; `GEO` (`latitude;longitude`,
//!   latitude first as RFC 5545 §3.8.1.6 writes it) becomes the place, named by
//!   `LOCATION`; coordinates that cannot be a place (out of range, swapped,
//!   `0;0`, not two numbers) are a warning at the `GEO` line and the event
//!   has no place; `LOCATION`, `STATUS`, `ORGANIZER`,
//!   `RRULE` becomes attributes `location`, `status`, `organizer`, `rrule`
//!   (recurring events are imported at their first occurrence only); `UID` →
//!   id (else `event-N`, N counting `VEVENT`s from 1; a repeated UID, as in
//!   a changed occurrence of a recurring event, gets `-2`, `-3`, with a
//!   warning). `X-WR-CALNAME` / `X-WR-CALDESC` becomes document title / description.
//!
//! The `ical` crate parses the content lines (names, parameters, quoting).
//! Before it does, this module unfolds the lines itself (RFC 5545 §3.1:
//! remove each line break followed by one space or tab), because the crate
//! trims trailing spaces before joining folded lines and so glues the words
//! on either side of a fold made after a space ("the \r\n budget" becomes "thebudget").
//! The same pass keeps every logical line's line number in the file (for
//! warnings), and makes the structure acceptable to the crate: a
//! component it does not know is skipped with a warning, a component left open
//! at the end of a truncated file is closed with a warning, and a line that
//! is not `NAME:value`, that the crate rejects (each line is given to its
//! property parser alone) or that has more than 64 parameter values (the
//! crate's time grows with their number times the line's length) is dropped
//! with a warning.
//!
//! A `VEVENT` without a usable `DTSTART` is skipped with a warning located at
//! its `BEGIN:VEVENT` line, as are all the warnings about a `VEVENT`. Only a
//! file that does not start with `BEGIN:VCALENDAR`, or whose content lines
//! the crate rejects, is an error.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;

use ::ical::IcalParser;
use ::ical::parser::ParserError;
use ::ical::parser::ical::component::{IcalCalendar, IcalEvent};
use ::ical::property::{Property, PropertyError, PropertyParser};

use super::LoadError;
use super::common::{self, ImportOptions, one_line, shorten};
use super::html;
use super::import::{
    Confidence, Draft, Import, Importer, Input, Item, Text, before_start, no_place,
};
use crate::calendar;
use crate::model::{Date, DateParts, Document, Location, Place, Precision, TimeParts, Warning};

/// The format's name, for people.
pub const FORMAT: &str = "iCalendar";

/// Content lines the crate rejects that are dropped (with a warning) before
/// the file as a whole is given up.
const MAX_DROPPED_LINES: usize = 50;

/// Longest title taken from the start of an event's description.
const FALLBACK_TITLE_CHARS: usize = 80;

/// Whether `text` starts like an iCalendar file: `BEGIN:VCALENDAR` after an
/// optional byte order mark and whitespace.
#[must_use]
pub fn sniff(text: &str) -> bool {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    body.get(..15)
        .is_some_and(|start| start.eq_ignore_ascii_case("BEGIN:VCALENDAR"))
}

/// The iCalendar importer.
pub struct ICalendar;

impl Importer for ICalendar {
    const FORMAT: super::Format = super::Format::ICalendar;

    /// Text that begins with `BEGIN:VCALENDAR`.
    fn sniff(probe: &super::detect::Probe<'_>) -> Confidence {
        Confidence::certain_if(sniff(probe.body()))
    }

    fn parse(input: &Input<'_>) -> Result<Document, LoadError> {
        read(input)
    }
}

/// Reads `text`, the content of the iCalendar file at `path`.
pub fn parse(text: &str, path: &Path, options: &ImportOptions) -> Result<Document, LoadError> {
    super::import::parse_text::<ICalendar>(text, path, options)
}

fn read(input: &Input<'_>) -> Result<Document, LoadError> {
    let text = input.text();
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let logical = unfold(body);
    // Lines are counted while unfolding: errors name the line, not an offset.
    let error = |line: usize, message: String| LoadError::Invalid {
        path: input.path.to_path_buf(),
        location: Location { line, column: 1 },
        field: String::new(),
        message,
    };
    match logical.first() {
        Some((first, _)) if is_line(first, "BEGIN", "VCALENDAR") => {}
        other => {
            let (found, line) = other.map_or(("the end of the file", 1), |(l, n)| (l.as_str(), *n));
            return Err(error(
                line,
                format!(
                    "expected BEGIN:VCALENDAR, the first line of an iCalendar file, found {:?}",
                    shorten(found, 40)
                ),
            ));
        }
    }
    let mut prepared = prepare(logical);
    let calendars = loop {
        match read_calendars(&prepared.text) {
            Ok(calendars) => break calendars,
            Err(e) => {
                let line = error_line(&e).and_then(|n| n.checked_sub(1));
                match line {
                    Some(index)
                        if index < prepared.lines.len() && prepared.dropped < MAX_DROPPED_LINES =>
                    {
                        prepared.drop_line(index, &e);
                    }
                    _ => {
                        let line = line
                            .and_then(|i| prepared.lines.get(i))
                            .or(prepared.lines.last())
                            .map_or(1, |l| l.origin);
                        let why = format!("not a readable iCalendar file: {}", crate_message(&e));
                        return Err(error(line, why));
                    }
                }
            }
        }
    };

    let mut reader = Reader {
        import: Import::new(input, FORMAT, "VEVENT"),
        zones: BTreeSet::new(),
        calendar_zone: None,
        floating: false,
    };
    reader.import.doc.warnings.append(&mut prepared.warnings);
    let report = &mut reader.import.report;
    report.note("DTSTART / DTEND becomes start / end; SUMMARY becomes title; DESCRIPTION becomes source text (escapes decoded, HTML to text)");
    report.note("URL becomes url; CATEGORIES becomes category (the first) and tags; LOCATION, STATUS, ORGANIZER, RRULE becomes attributes; UID becomes id");
    report.note("GEO (latitude;longitude) becomes place, named by LOCATION");
    let mut n = 0;
    for calendar in &calendars {
        reader.calendar(calendar);
        for vevent in &calendar.events {
            let line = prepared.vevents.get(n).copied().unwrap_or(0);
            let geo = prepared.geo_lines.get(n).copied().flatten();
            n += 1;
            let item = Item {
                noun: "VEVENT",
                number: n,
                at: Location { line, column: 1 },
                path: String::new(),
            };
            reader.event(&item, vevent, geo);
        }
    }
    reader.zone_notes();
    reader.import.report.add(
        "components Chronoscope does not read, skipped (see warnings)",
        "component",
        prepared.skipped_components,
    );
    Ok(reader.import.finish(n))
}

/// All calendars of the prepared text.
fn read_calendars(text: &str) -> Result<Vec<IcalCalendar>, ParserError> {
    IcalParser::new(text.as_bytes()).collect()
}

/// The prepared-text line (1-based) an error of the crate names.
fn error_line(e: &ParserError) -> Option<usize> {
    match e {
        ParserError::PropertyError(
            PropertyError::MissingName { line }
            | PropertyError::MissingClosingQuote { line }
            | PropertyError::MissingDelimiter { line, .. }
            | PropertyError::MissingContentAfter { line, .. }
            | PropertyError::MissingParamKey { line },
        ) => Some(*line),
        _ => None,
    }
}

/// The crate's message without its own (prepared-text) line number.
fn crate_message(e: &ParserError) -> String {
    let message = match e {
        ParserError::PropertyError(inner) => inner.to_string(),
        other => other.to_string(),
    };
    let message = match message.split_once(": ") {
        Some((head, rest)) if head.starts_with("Line ") => rest,
        _ => &message,
    };
    message.trim_end_matches('.').to_owned()
}

/// One logical (unfolded) content line and the file line it starts on.
struct Line {
    text: String,
    origin: usize,
}

/// The text given to the crate, with what the structural pass found.
struct Prepared {
    lines: Vec<Line>,
    /// `lines` joined by `\n`.
    text: String,
    /// The file line of each `BEGIN:VEVENT` kept, in order.
    vevents: Vec<usize>,
    /// For each of `vevents`, the file line of its first `GEO` kept: its
    /// warning belongs there.
    geo_lines: Vec<Option<usize>>,
    warnings: Vec<Warning>,
    skipped_components: usize,
    /// Lines the crate rejected and that were dropped.
    dropped: usize,
}

impl Prepared {
    /// A warning at the start of file line `line`.
    fn warn(&mut self, line: usize, field: impl Into<String>, message: String) {
        self.warnings.push(common::warning(line, 1, field, message));
    }

    /// Drops the line at `index`, which the crate rejected, with a warning.
    fn drop_line(&mut self, index: usize, e: &ParserError) {
        let line = self.lines.remove(index);
        self.reject(&line.text, line.origin, e);
        self.text = join(&self.lines);
    }

    /// The warning for a line the crate rejects, which is left out.
    fn reject(&mut self, text: &str, origin: usize, e: &ParserError) {
        self.warn(
            origin,
            line_name(text),
            format!(
                "cannot read the line {:?}: {}; line ignored",
                shorten(text, 60),
                crate_message(e)
            ),
        );
        self.dropped += 1;
    }

    /// Keeps a content line unless the crate would reject it or take too
    /// long over it, which it is asked about alone. Otherwise the crate
    /// rejects it while reading the whole file, which is read again without
    /// it: one pass over the file for every such line.
    fn content_line(&mut self, text: String, origin: usize) {
        let steps = parameter_steps(&text);
        if steps > MAX_PARAMETER_STEPS {
            let why = format!(
                "{steps} parameters and parameter values before the value, more than {MAX_PARAMETER_STEPS} (a line of iCalendar has a few); line ignored"
            );
            self.warn(origin, line_name(&text), why);
            return;
        }
        if self.dropped < MAX_DROPPED_LINES
            && let Some(Err(e)) = PropertyParser::from_reader(text.as_bytes()).next()
        {
            self.reject(&text, origin, &ParserError::PropertyError(e));
            return;
        }
        // Past the limit the line stays, for the crate to reject in the
        // file: that is the error the file gives.
        self.lines.push(Line { text, origin });
    }
}

/// Parameters and parameter values read before a line's value beyond which
/// the line is left out. The crate searches the rest of the line at each
/// of them, so a line of thousands costs their number times its length.
const MAX_PARAMETER_STEPS: usize = 64;

/// How many parameter values the crate's property parser steps through in
/// the content line `line`: the same walk (`NAME;KEY=value,value;KEY="quoted":value`),
/// stopping where it would report an error, but in one pass, each search
/// resuming where the last of its kind ended.
fn parameter_steps(line: &str) -> usize {
    let bytes = line.as_bytes();
    // The next index of each delimiter at or after a position: positions
    // only grow, so every cursor moves forward only.
    let mut cursors = [(b';', 0_usize), (b':', 0), (b',', 0), (b'"', 0), (b'=', 0)];
    let mut find = |what: u8, from: usize| -> Option<usize> {
        let cursor = cursors.iter_mut().find(|(c, _)| *c == what)?;
        if cursor.1 < from {
            cursor.1 = from;
        }
        while cursor.1 < bytes.len() && bytes[cursor.1] != what {
            cursor.1 += 1;
        }
        (cursor.1 < bytes.len()).then_some(cursor.1)
    };
    let (Some(semicolon), colon) = (find(b';', 0), find(b':', 0)) else {
        return 0;
    };
    if semicolon == 0 || colon.is_some_and(|c| c < semicolon) {
        return 0;
    }
    let mut pos = semicolon;
    let mut steps = 0;
    while bytes.get(pos) == Some(&b';') {
        while bytes.get(pos) == Some(&b';') {
            pos += 1;
        }
        match find(b'=', pos) {
            Some(equals) if equals > pos => pos = equals + 1,
            _ => return steps,
        }
        for _ in 0..10 {
            steps += 1;
            if bytes.get(pos) == Some(&b'"') {
                let Some(close) = find(b'"', pos + 1) else {
                    return steps;
                };
                pos = close + 1;
            } else {
                let never = usize::MAX;
                let semicolon = find(b';', pos).unwrap_or(never);
                let colon = find(b':', pos).unwrap_or(never);
                let comma = find(b',', pos).unwrap_or(never);
                pos = if comma < colon && comma < semicolon {
                    comma
                } else if semicolon < colon && semicolon < comma {
                    semicolon
                } else if colon != never {
                    colon
                } else {
                    return steps;
                };
            }
            if bytes.get(pos) != Some(&b',') {
                break;
            }
            while bytes.get(pos) == Some(&b',') {
                pos += 1;
            }
        }
    }
    steps
}

fn join(lines: &[Line]) -> String {
    let mut text = String::new();
    for line in lines {
        text.push_str(&line.text);
        text.push('\n');
    }
    text
}

/// Unfolds `text` into logical lines (RFC 5545 §3.1), each with the file line
/// it starts on. Empty lines are left out.
fn unfold(text: &str) -> Vec<(String, usize)> {
    let mut lines: Vec<(String, usize)> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(rest) = line.strip_prefix([' ', '\t'])
            && let Some((last, _)) = lines.last_mut()
        {
            last.push_str(rest);
            continue;
        }
        if !line.trim().is_empty() {
            lines.push((line.trim_start().to_owned(), i + 1));
        }
    }
    lines
}

/// The property name of a content line, upper-case: `DTSTART` for
/// `DTSTART;TZID=Europe/Berlin:20240619T143000`.
fn line_name(line: &str) -> String {
    let end = line.find([';', ':']).unwrap_or(line.len());
    line[..end].trim().to_ascii_uppercase()
}

/// Whether `line` is `NAME:VALUE` (any case, parameters ignored).
fn is_line(line: &str, name: &str, value: &str) -> bool {
    line_name(line) == name
        && line
            .split_once(':')
            .is_some_and(|(_, v)| v.trim().eq_ignore_ascii_case(value))
}

/// Components the crate reads inside `parent` (`None`: the top level).
fn allowed(parent: Option<&str>, child: &str) -> bool {
    match parent {
        None => child == "VCALENDAR",
        Some("VCALENDAR") => matches!(
            child,
            "VEVENT" | "VTODO" | "VJOURNAL" | "VFREEBUSY" | "VTIMEZONE"
        ),
        Some("VEVENT" | "VTODO") => child == "VALARM",
        Some("VTIMEZONE") => matches!(child, "STANDARD" | "DAYLIGHT"),
        Some(_) => false,
    }
}

/// Makes the structure acceptable to the crate: known components properly
/// nested and closed, nothing outside `VCALENDAR`, every line `NAME:value`.
fn prepare(logical: Vec<(String, usize)>) -> Prepared {
    let mut prepared = Prepared {
        lines: Vec::with_capacity(logical.len()),
        text: String::new(),
        vevents: Vec::new(),
        geo_lines: Vec::new(),
        warnings: Vec::new(),
        skipped_components: 0,
        dropped: 0,
    };
    let mut stack: Vec<String> = Vec::new();
    // Depth inside a component being skipped.
    let mut skipping = 0_usize;
    let mut outside_warned = false;
    let mut last_line = 1;
    let emit = |prepared: &mut Prepared, text: String, origin: usize| {
        prepared.lines.push(Line { text, origin });
    };
    for (text, origin) in logical {
        last_line = origin;
        let name = line_name(&text);
        let value = text
            .split_once(':')
            .map(|(_, v)| v.trim().to_ascii_uppercase());
        if skipping > 0 {
            match name.as_str() {
                "BEGIN" => skipping += 1,
                "END" => skipping -= 1,
                _ => {}
            }
            continue;
        }
        if stack.is_empty() && name != "BEGIN" {
            if !outside_warned {
                prepared.warn(origin, name, "text after END:VCALENDAR ignored".to_owned());
                outside_warned = true;
            }
            continue;
        }
        let Some(value) = value else {
            let why = format!(
                "{:?} is not a content line NAME:value (a folded line without its leading space?); line ignored",
                shorten(&text, 60)
            );
            prepared.warn(origin, stack.last().cloned().unwrap_or_default(), why);
            continue;
        };
        match name.as_str() {
            "BEGIN" if !value.is_empty() => {
                let fits =
                    |depth: usize| allowed(depth.checked_sub(1).map(|d| stack[d].as_str()), &value);
                // A component that fits only further out (a VEVENT begun
                // inside a VEVENT) closes the ones left open.
                if let Some(depth) = (0..=stack.len()).rev().find(|&d| fits(d)) {
                    while stack.len() > depth {
                        if let Some(open) = stack.pop() {
                            let why = format!(
                                "BEGIN:{value} inside {open}, which has no END:{open}: {open} closed here"
                            );
                            prepared.warn(origin, "BEGIN", why);
                            emit(&mut prepared, format!("END:{open}"), origin);
                        }
                    }
                    if value == "VEVENT" {
                        prepared.vevents.push(origin);
                        prepared.geo_lines.push(None);
                    }
                    emit(&mut prepared, format!("BEGIN:{value}"), origin);
                    stack.push(value);
                } else {
                    let inside = stack
                        .last()
                        .map_or_else(|| "outside VCALENDAR".to_owned(), |p| format!("in {p}"));
                    let why = format!(
                        "component {value} {inside} is not read by Chronoscope; skipped up to END:{value}"
                    );
                    prepared.warn(origin, "BEGIN", why);
                    prepared.skipped_components += 1;
                    skipping = 1;
                }
            }
            "END" => {
                if let Some(pos) = stack.iter().rposition(|c| *c == value) {
                    while stack.len() > pos + 1 {
                        if let Some(open) = stack.pop() {
                            prepared.warn(
                                origin,
                                "END",
                                format!("END:{value} closes {open}, which has no END:{open}"),
                            );
                            emit(&mut prepared, format!("END:{open}"), origin);
                        }
                    }
                    stack.pop();
                    emit(&mut prepared, format!("END:{value}"), origin);
                } else {
                    prepared.warn(
                        origin,
                        "END",
                        format!("END:{value} without BEGIN:{value}; line ignored"),
                    );
                }
            }
            _ => {
                let kept = prepared.lines.len();
                prepared.content_line(text, origin);
                let in_vevent = stack.last().is_some_and(|c| c == "VEVENT");
                if in_vevent
                    && name == "GEO"
                    && prepared.lines.len() > kept
                    && let Some(slot @ None) = prepared.geo_lines.last_mut()
                {
                    *slot = Some(origin);
                }
            }
        }
    }
    while let Some(open) = stack.pop() {
        prepared.warn(
            last_line,
            "END",
            format!("the file ends inside {open} (truncated?): END:{open} added"),
        );
        emit(&mut prepared, format!("END:{open}"), last_line);
    }
    prepared.text = join(&prepared.lines);
    prepared.warnings.sort_by_key(|w| w.location.line);
    prepared
}

/// The notes said of dates and events, each counted.
const UTC: &str = "times ending in Z kept as UTC";
const FLOATING: &str = "floating times (no Z, no TZID) kept as written";
const ALL_DAY_ENDS: &str =
    "all-day DTEND is exclusive in iCalendar: stored as the last day, no end for a single day";
const DURATIONS: &str = "DURATION becomes end";
const RECURRING: &str =
    "recurring events imported at the first occurrence only; the rule is kept as attribute rrule";
const FROM_DESCRIPTION: &str = "VEVENTs without SUMMARY titled from their description";
const NOT_EVENTS: &str = "not imported: only VEVENTs are events";
const PLACED: &str = "placed by GEO";
const NOT_PLACED: &str = "GEO that cannot be a place, ignored (see warnings)";

/// The calendar being read, with what its events share.
struct Reader<'a> {
    import: Import<'a>,
    /// The `TZID`s of the times read, for the note.
    zones: BTreeSet<String>,
    /// `X-WR-TIMEZONE`, the zone of the calendar.
    calendar_zone: Option<String>,
    /// Whether any time was floating (no `Z`, no `TZID`).
    floating: bool,
}

impl Reader<'_> {
    fn calendar(&mut self, calendar: &IcalCalendar) {
        let doc = &mut self.import.doc;
        if doc.title.is_none() {
            doc.title = text_value(&calendar.properties, "X-WR-CALNAME");
        }
        if doc.description.is_none() {
            doc.description = text_value(&calendar.properties, "X-WR-CALDESC");
        }
        if self.calendar_zone.is_none() {
            self.calendar_zone = text_value(&calendar.properties, "X-WR-TIMEZONE");
        }
        let report = &mut self.import.report;
        report.add(NOT_EVENTS, "VTODO", calendar.todos.len());
        report.add(NOT_EVENTS, "VJOURNAL", calendar.journals.len());
        report.add(NOT_EVENTS, "VFREEBUSY", calendar.free_busys.len());
    }

    /// Reads a `VEVENT`; its warnings are at its `BEGIN:VEVENT` line, but
    /// for its `GEO`'s, at `geo`, the line of the `GEO` read.
    fn event(&mut self, item: &Item, vevent: &IcalEvent, geo: Option<usize>) {
        let props = &vevent.properties;
        let summary = text_value(props, "SUMMARY");
        let start = match property(props, "DTSTART").map(read_date) {
            Some(Ok(start)) => start,
            other => {
                let why = match other {
                    Some(Err(why)) => why,
                    _ => "no DTSTART".to_owned(),
                };
                // The summary names the VEVENT better than its number.
                let why = match &summary {
                    Some(s) => format!("{:?}: {why}", shorten(s, 40)),
                    None => why,
                };
                self.import.skip(item, "DTSTART", &why);
                return;
            }
        };
        self.count_zone(&start);

        let end = match (property(props, "DTEND"), property(props, "DURATION")) {
            (Some(prop), _) => match read_date(prop) {
                Ok(end) => {
                    self.count_zone(&end);
                    self.end_of(&start, &end)
                }
                Err(reason) => Err(reason),
            },
            (None, Some(prop)) => {
                self.import.report.count(DURATIONS, "event");
                let text = prop.value.as_deref().unwrap_or("").trim();
                match read_duration(text).and_then(|seconds| add_duration(&start, seconds)) {
                    Some(end) => self.end_of(&start, &end),
                    None => Err(format!(
                        "cannot read DURATION {text:?}: expected e.g. PT1H30M or P2D"
                    )),
                }
            }
            (None, None) => Ok(None),
        };
        let mut draft = Draft::new(start.date);
        draft.title_field = "SUMMARY";
        draft.end_field = "DTEND";
        match end {
            Ok(end) => draft.end = end,
            Err(why) => self.import.drop_end(item, "DTEND", &why),
        }

        let description = text_value(props, "DESCRIPTION").map(|d| {
            if looks_like_html(&d) {
                html::to_text(&d)
            } else {
                html::HtmlText {
                    text: d.trim().to_owned(),
                    links: Vec::new(),
                    flattened: None,
                }
            }
        });
        if let Some(why) = description.as_ref().and_then(|d| d.flattened) {
            self.import.warn_item(item, "DESCRIPTION", why.to_string());
        }
        draft.title = summary.as_deref().map(one_line).filter(|t| !t.is_empty());
        if draft.title.is_none() {
            draft.title = description.as_ref().and_then(|d| fallback_title(&d.text));
            if let Some(title) = &draft.title {
                let why = format!("no SUMMARY: title taken from the description: {title:?}");
                self.import.warn_item(item, "SUMMARY", why);
                self.import.report.count(FROM_DESCRIPTION, "VEVENT");
            }
        }

        let uid = text_value(props, "UID");
        draft.id = Some(
            uid.clone()
                .unwrap_or_else(|| format!("event-{}", item.number)),
        );
        draft.url = text_value(props, "URL");
        // Each tag once, in order (through a set: a line may list thousands).
        let mut seen = HashSet::new();
        draft.tags = props
            .iter()
            .filter(|p| p.name.eq_ignore_ascii_case("CATEGORIES"))
            .filter_map(|p| p.value.as_deref())
            .flat_map(split_list)
            .filter(|t| !t.is_empty() && seen.insert(t.clone()))
            .collect();
        draft.category = draft.tags.first().cloned();
        if let Some(zone) = start.tzid {
            draft.attributes.insert("timezone", zone);
        }
        for (name, key) in [
            ("LOCATION", "location"),
            ("STATUS", "status"),
            ("RRULE", "rrule"),
            ("RECURRENCE-ID", "recurrence_id"),
        ] {
            if let Some(value) = text_value(props, name) {
                draft.attributes.insert(key, value);
            }
        }
        if let Some(organizer) = organizer(props) {
            draft.attributes.insert("organizer", organizer);
        }
        draft.place = self.place(item, props, geo);
        if draft.attributes.contains_key("rrule") {
            self.import.report.count(RECURRING, "event");
        }
        if let Some(description) = description {
            draft.links = description.links;
            draft.text = Some(Text {
                title: draft.title.clone().unwrap_or_default(),
                body: description.text,
                url: draft.url.clone(),
            });
        }
        draft.id_field = "UID";
        let recurrence = draft.attributes.get("recurrence_id").map(str::to_owned);
        let index = self.import.add(item, draft);
        if let (Some(_), Some(r)) = (uid, recurrence) {
            self.name_recurrence(index, &r);
        }
    }

    /// The place `GEO` gives, named by `LOCATION`; a warning at the `GEO`
    /// line (`geo`) when it cannot be one.
    fn place(&mut self, item: &Item, props: &[Property], geo: Option<usize>) -> Option<Place> {
        let value = property(props, "GEO")?
            .value
            .as_deref()
            .unwrap_or("")
            .trim();
        if value.is_empty() {
            return None;
        }
        match read_geo(value) {
            Ok(place) => {
                self.import.report.count(PLACED, "VEVENT");
                Some(place.named(text_value(props, "LOCATION")))
            }
            Err(why) => {
                self.import.report.count(NOT_PLACED, "VEVENT");
                let at = geo.map(|line| Location { line, column: 1 });
                self.import.warn_item_at(item, at, "GEO", why);
                None
            }
        }
    }

    /// A UID repeated with a `RECURRENCE-ID` is a changed occurrence of a
    /// recurring event, which its rename warning says.
    fn name_recurrence(&mut self, index: usize, recurrence: &str) {
        let warnings = self.import.doc.warnings.iter_mut().rev();
        for w in warnings.take_while(|w| w.event == Some(index)) {
            if w.field == "UID" && w.message.contains("renamed") {
                w.message = format!(
                    "{} (a changed occurrence, RECURRENCE-ID {recurrence})",
                    w.message
                );
            }
        }
    }

    fn count_zone(&mut self, date: &CalDate) {
        if date.all_day {
            return;
        }
        if let Some(zone) = &date.tzid {
            if !self.zones.contains(zone) {
                self.zones.insert(zone.clone());
            }
        } else if date.date.offset_minutes.is_some() {
            self.import.report.count(UTC, "date");
        } else {
            self.import.report.count(FLOATING, "date");
            self.floating = true;
        }
    }

    /// The end to store for an event from `start` to the iCalendar end
    /// `end`: none when it is not after the start (an all-day end is
    /// exclusive), an error when it is before it.
    fn end_of(&mut self, start: &CalDate, end: &CalDate) -> Result<Option<Date>, String> {
        let end_date = if start.all_day && end.all_day {
            self.import.report.count(ALL_DAY_ENDS, "event");
            // Exclusive: the last day is the day before.
            add_days(&end.date, -1)
        } else {
            end.date.clone()
        };
        if end.date.start_seconds() < start.date.start_seconds() {
            return Err(before_start(&end.date, &start.date));
        }
        Ok(
            (end_date != start.date && end_date.end_seconds() > start.date.start_seconds())
                .then_some(end_date),
        )
    }

    /// The notes on time zones, once every date is read.
    fn zone_notes(&mut self) {
        let report = &mut self.import.report;
        if !self.zones.is_empty() {
            let zones: Vec<&str> = self.zones.iter().map(String::as_str).collect();
            report.note(&format!(
                "time zones are kept as written for TZID times ({}): no time-zone database, so no UTC offset",
                zones.join(", ")
            ));
        }
        if let Some(zone) = self.calendar_zone.as_ref().filter(|_| self.floating) {
            report.note(&format!(
                "the calendar's zone (X-WR-TIMEZONE) is {zone}; floating times are kept as written, not moved to it"
            ));
        }
    }
}

/// A `DTSTART` / `DTEND` value.
struct CalDate {
    date: Date,
    all_day: bool,
    /// The `TZID` parameter of a local time.
    tzid: Option<String>,
}

/// Reads `20240619`, `20240619T143000`, `20240619T143000Z` (with `TZID`
/// kept aside).
fn read_date(prop: &Property) -> Result<CalDate, String> {
    let value = prop.value.as_deref().unwrap_or("").trim();
    let bad = || {
        format!(
            "cannot read {} {value:?}: expected a date such as 20240619, 20240619T143000 or 20240619T143000Z",
            prop.name.to_ascii_uppercase()
        )
    };
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    // Only called on digits.
    let number = |s: &str| s.parse::<u32>().unwrap_or(0);
    let (day, time) = match value.split_once(['T', 't']) {
        Some((day, time)) => (day, Some(time)),
        None => (value, None),
    };
    if !digits(day, 8) {
        return Err(bad());
    }
    let mut tzid = None;
    let all_day = time.is_none();
    let time = match time {
        None => None,
        Some(time) => {
            let (clock, utc) = match time.strip_suffix(['Z', 'z']) {
                Some(clock) => (clock, true),
                None => (time, false),
            };
            if !digits(clock, 6) {
                return Err(bad());
            }
            if !utc {
                tzid = param(prop, "TZID");
            }
            let second = number(&clock[4..]);
            Some(TimeParts {
                hour: number(&clock[..2]),
                minute: number(&clock[2..4]),
                second: (second != 0).then_some(second),
                nanosecond: 0,
                offset_minutes: utc.then_some(0),
            })
        }
    };
    let date = Date::from_parts(DateParts {
        year: i64::from(number(&day[..4])),
        month: Some(number(&day[4..6])),
        day: Some(number(&day[6..])),
        time,
    })
    .map_err(|e| format!("{}: {}", bad(), e.reason))?;
    Ok(CalDate {
        date,
        all_day,
        tzid,
    })
}

/// `date` moved by `days` days (a day-or-finer date).
fn add_days(date: &Date, days: i64) -> Date {
    let (year, month, day) = calendar::civil_from_days(
        calendar::days_from_civil(date.year, date.month, date.day) + days,
    );
    Date {
        year,
        month,
        day,
        ..date.clone()
    }
}

/// The end of an event starting at `start` and lasting `seconds`, as an
/// iCalendar end (exclusive for all-day events).
fn add_duration(start: &CalDate, seconds: i64) -> Option<CalDate> {
    let date = &start.date;
    // Far beyond any calendar, and beyond what `Date::parse` reads.
    if seconds.unsigned_abs() / 86_400 > 36_500_000 {
        return None;
    }
    if start.all_day {
        return Some(CalDate {
            date: add_days(date, seconds.div_euclid(calendar::SECS_PER_DAY)),
            all_day: true,
            tzid: None,
        });
    }
    let total = calendar::days_from_civil(date.year, date.month, date.day)
        .checked_mul(calendar::SECS_PER_DAY)?
        .checked_add(
            i64::from(date.hour) * 3600 + i64::from(date.minute) * 60 + i64::from(date.second),
        )?
        .checked_add(seconds)?;
    let (year, month, day) = calendar::civil_from_days(total.div_euclid(calendar::SECS_PER_DAY));
    let of_day = total.rem_euclid(calendar::SECS_PER_DAY);
    let second = (of_day % 60) as u32;
    let precision = if second == 0 && date.precision <= Precision::Minute {
        Precision::Minute
    } else {
        Precision::Second
    };
    Some(CalDate {
        date: Date {
            year,
            month,
            day,
            hour: (of_day / 3600) as u32,
            minute: (of_day % 3600 / 60) as u32,
            second,
            precision,
            ..date.clone()
        },
        all_day: false,
        tzid: start.tzid.clone(),
    })
}

/// Seconds in an RFC 5545 duration: `PT1H30M`, `P2D`, `P1W`, `-PT15M`.
fn read_duration(text: &str) -> Option<i64> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'-' => (-1, &text[1..]),
        b'+' => (1, &text[1..]),
        _ => (1, text),
    };
    let rest = rest.strip_prefix(['P', 'p'])?;
    let mut total: i64 = 0;
    let mut number = String::new();
    let mut in_time = false;
    let mut any = false;
    for c in rest.chars() {
        match c.to_ascii_uppercase() {
            d if d.is_ascii_digit() => number.push(d),
            'T' if number.is_empty() && !in_time => in_time = true,
            unit => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                let scale = match (unit, in_time) {
                    ('W', false) => 7 * calendar::SECS_PER_DAY,
                    ('D', false) => calendar::SECS_PER_DAY,
                    ('H', true) => 3600,
                    ('M', true) => 60,
                    ('S', true) => 1,
                    _ => return None,
                };
                total = total.checked_add(n.checked_mul(scale)?)?;
                any = true;
            }
        }
    }
    (any && number.is_empty()).then_some(sign * total)
}

/// The place of a `GEO` value, `latitude;longitude` in degrees (a comma
/// instead of the semicolon, as vCalendar 1.0 wrote it, is read too); the
/// warning when it cannot be one.
fn read_geo(value: &str) -> Result<Place, String> {
    let what = format!("GEO {:?}", shorten(value, 60));
    let separator = if value.contains(';') { ';' } else { ',' };
    let mut parts = value.split(separator);
    let (Some(lat), Some(lon), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(format!(
            "{what}: expected latitude;longitude in degrees, such as 49.85;36.65; no place"
        ));
    };
    Place::parse(lat, lon).map_err(|problem| no_place(&what, &problem))
}

/// The first property named `name` (any case).
fn property<'p>(props: &'p [Property], name: &str) -> Option<&'p Property> {
    props.iter().find(|p| p.name.eq_ignore_ascii_case(name))
}

/// The first value of parameter `key` of `prop`.
fn param(prop: &Property, key: &str) -> Option<String> {
    prop.params
        .as_ref()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .and_then(|(_, values)| values.first())
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// The text value of the first property `name`, escapes decoded; `None` when empty.
fn text_value(props: &[Property], name: &str) -> Option<String> {
    let value = unescape(property(props, name)?.value.as_deref()?);
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// `ORGANIZER;CN=Ana:mailto:ana@example.org` becomes `Ana <ana@example.org>`.
fn organizer(props: &[Property]) -> Option<String> {
    let prop = property(props, "ORGANIZER")?;
    let address = prop.value.as_deref().map(|v| {
        let v = v.trim();
        v.get(..7)
            .filter(|p| p.eq_ignore_ascii_case("mailto:"))
            .map_or(v, |_| &v[7..])
            .to_owned()
    });
    match (param(prop, "CN"), address.filter(|a| !a.is_empty())) {
        (Some(name), Some(address)) => Some(format!("{name} <{address}>")),
        (Some(name), None) => Some(name),
        (None, address) => address,
    }
}

/// Decodes RFC 5545 TEXT escapes: `\n` / `\N` newline, `\,`, `\;`, `\\`.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other @ (',' | ';' | '\\' | ':' | '"')) => out.push(other),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Splits a list value at unescaped commas and decodes each item.
fn split_list(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                current.push(c);
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            ',' => items.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    items.push(current);
    items
        .iter()
        .map(|item| unescape(item).trim().to_owned())
        .collect()
}

/// Whether a description holds HTML markup (as Google Calendar writes) rather
/// than plain text, whose line breaks must be kept.
fn looks_like_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "</", "<br", "<a ", "<p>", "<b>", "<i>", "<ul>", "<li>", "<span",
    ]
    .iter()
    .any(|tag| lower.contains(tag))
}

/// The first line of `text`, shortened: a title for an event without SUMMARY.
fn fallback_title(text: &str) -> Option<String> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    Some(shorten(line, FALLBACK_TITLE_CHARS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Event;
    use std::fmt::Write as _;

    const FIELD: &str = include_str!("../../../../tests/data/ical/field-season.ics");
    const DAMAGED: &str = include_str!("../../../../tests/data/ical/outlook-damaged.ics");
    const NOT_ICS: &str = include_str!("../../../../tests/data/ical/not-a-calendar.ics");

    fn load(text: &str) -> Document {
        parse(text, Path::new("cal/basic.ics"), &ImportOptions::default()).unwrap()
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
    fn regression_many_categories_or_one_uid_repeated_take_quadratic_time() {
        let categories: Vec<String> = (0..60_000).map(|i| format!("c{}", i % 30_000)).collect();
        let mut text = format!(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTART:20240619\r\nSUMMARY:Tags\r\nCATEGORIES:{}\r\nEND:VEVENT\r\n",
            categories.join(",")
        );
        for _ in 0..20_000 {
            text.push_str(
                "BEGIN:VEVENT\r\nUID:u\r\nDTSTART:20240620\r\nSUMMARY:x\r\nEND:VEVENT\r\n",
            );
        }
        text.push_str("END:VCALENDAR\r\n");
        let started = std::time::Instant::now();
        let doc = load(&text);
        assert!(
            started.elapsed() < std::time::Duration::from_mins(1),
            "{:?}",
            started.elapsed()
        );
        let tagged = event(&doc, "u");
        assert_eq!(tagged.tags.len(), 30_000);
        assert_eq!(tagged.tags[29_999], "c29999");
        assert!(doc.event_by_id("u-20001").is_some());
    }

    #[test]
    fn calendar_name_and_events() {
        let doc = load(FIELD);
        assert_eq!(doc.name, "basic.ics");
        assert_eq!(doc.format, "iCalendar");
        assert_eq!(doc.title.as_deref(), Some("Field season 2024"));
        assert_eq!(
            doc.description.as_deref(),
            Some("Excavation schedule, trench B")
        );
        let order: Vec<&str> = doc
            .owned_events()
            .unwrap()
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(
            order,
            [
                "site-opens-20240603@google.com",
                "trench-b-week@google.com",
                "standup@google.com",
                "press-call@google.com",
                "sample-drop@example.org",
                "backwards@example.org",
                "standup@google.com-2",
                "survey@example.org",
            ]
        );
    }

    #[test]
    fn all_day_events_store_the_last_day() {
        let doc = load(FIELD);
        let opens = event(&doc, "site-opens-20240603@google.com");
        assert_eq!(opens.title, "Site opens");
        assert_eq!(opens.start, date("2024-06-03"));
        assert_eq!(opens.start.precision, Precision::Day);
        // DTEND 20240604 is exclusive: a single day, no end.
        assert_eq!(opens.end, None);
        assert_eq!(opens.category.as_deref(), Some("Logistics"));
        assert_eq!(opens.tags, ["Logistics", "Site"]);
        assert_eq!(&opens.attributes["status"], "CONFIRMED");

        let week = event(&doc, "trench-b-week@google.com");
        assert_eq!(week.title, "Trench B, week one");
        assert_eq!(week.start, date("2024-06-10"));
        assert_eq!(week.end, Some(date("2024-06-14")));
        assert_eq!(&week.attributes["location"], "Trench B, north sector");
    }

    #[test]
    fn utc_floating_and_tzid_times() {
        let doc = load(FIELD);
        let press = event(&doc, "press-call@google.com");
        assert_eq!(press.start, date("2024-06-19T14:30Z"));
        assert_eq!(press.start.offset_minutes, Some(0));
        assert_eq!(press.start.precision, Precision::Minute);
        assert_eq!(press.end, Some(date("2024-06-19T16:00Z")));
        assert_eq!(press.url.as_deref(), Some("https://example.org/press"));
        assert_eq!(
            &press.attributes["organizer"],
            "Ana Souza <ana@example.org>"
        );
        // The fold after "bring " keeps its space; escapes are decoded.
        assert_eq!(
            source_text(&doc, press),
            "Call with the regional newspaper about the finds so far; bring the photo list and the updated site plan.\nSecond line: costs; budget, schedule."
        );
        let source = &doc.sources[press.evidence[0].source];
        assert_eq!(source.url.as_deref(), Some("https://example.org/press"));

        let standup = event(&doc, "standup@google.com");
        assert_eq!(standup.start, date("2024-06-17T09:00"));
        assert_eq!(standup.start.offset_minutes, None);
        assert_eq!(standup.end, Some(date("2024-06-17T09:30")));
        assert_eq!(&standup.attributes["timezone"], "Europe/Berlin");
        assert_eq!(&standup.attributes["rrule"], "FREQ=WEEKLY;BYDAY=MO");
        // Google's HTML description: text with its link.
        assert_eq!(
            source_text(&doc, standup),
            "Join: https://meet.example.org/abc-defg\nAgenda: finds, tools, weather"
        );
        assert_eq!(standup.links, ["https://meet.example.org/abc-defg"]);

        let samples = event(&doc, "sample-drop@example.org");
        assert_eq!(samples.start, date("2024-06-20T09:15:30"));
        assert_eq!(samples.start.precision, Precision::Second);
        assert_eq!(samples.start.offset_minutes, None);

        let survey = event(&doc, "survey@example.org");
        assert_eq!(survey.title, "Drone survey of the whole site.");
        assert_eq!(survey.end, Some(date("2024-06-25T09:30Z")));

        let note = doc
            .notes
            .iter()
            .find(|n| n.contains("TZID times"))
            .expect("a note about TZID times");
        assert!(
            note.contains("kept as written") && note.contains("Europe/Berlin"),
            "{note}"
        );
    }

    #[test]
    fn broken_events_are_warnings_at_begin_vevent() {
        let doc = load(FIELD);
        let got: Vec<(usize, &str, &str)> = doc
            .warnings
            .iter()
            .map(|w| (w.location.line, w.field.as_str(), w.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    76,
                    "UID",
                    "id \"standup@google.com\" is used by an earlier VEVENT; renamed \"standup@google.com-2\" (a changed occurrence, RECURRENCE-ID 20240624T090000)"
                ),
                (
                    90,
                    "DTSTART",
                    "VEVENT 7: \"Open day (date to be decided)\": no DTSTART; skipped"
                ),
                (
                    95,
                    "DTSTART",
                    "VEVENT 8: \"Visit from the museum\": cannot read DTSTART \"2024-06-21\": expected a date such as 20240619, 20240619T143000 or 20240619T143000Z; skipped"
                ),
                (
                    100,
                    "DTEND",
                    "the end 2024-06-22T17:00Z is before the start 2024-06-22T18:00Z; end dropped"
                ),
                (
                    106,
                    "SUMMARY",
                    "no SUMMARY: title taken from the description: \"Drone survey of the whole site.\""
                ),
            ]
        );
        assert_eq!(
            doc.warnings[3].event,
            doc.event_by_id("backwards@example.org")
        );
        for expected in [
            "8 of 10 VEVENTs imported",
            "skipped 2 VEVENTs (see warnings)",
            "not imported: only VEVENTs are events (1 VTODO)",
            "recurring events imported at the first occurrence only; the rule is kept as attribute rrule (1 event)",
            "VEVENTs without SUMMARY titled from their description (1 VEVENT)",
            "renamed 1 duplicate id (see warnings)",
            "dropped 1 unusable end (see warnings)",
        ] {
            assert!(
                doc.notes.iter().any(|n| n == expected),
                "{expected}: {:?}",
                doc.notes
            );
        }
    }

    #[test]
    fn damaged_file_still_loads_with_warnings() {
        let doc = load(DAMAGED);
        let got: Vec<(&str, String)> = doc
            .owned_events()
            .unwrap()
            .iter()
            .map(|e| (e.id.as_str(), e.date_text()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "040000008200E00074C5B7101A82E008",
                    "2024-07-01T10:00/2024-07-01T11:30".to_owned()
                ),
                ("lower-case", "2024-07-05".to_owned()),
                ("cut-off", "2024-07-10".to_owned()),
            ]
        );
        let review = event(&doc, "040000008200E00074C5B7101A82E008");
        assert_eq!(source_text(&doc, review), "Agenda attached.");
        let lines: Vec<(usize, &str)> = doc
            .warnings
            .iter()
            .map(|w| (w.location.line, w.field.as_str()))
            .collect();
        assert_eq!(
            lines,
            [
                (10, "VEVENT"),
                (15, "DTSTART"),
                (17, "BEGIN"),
                (26, "BEGIN"),
                (30, "END"),
                (30, "END"),
                (12, "DTSTART"),
            ]
        );
        assert!(
            doc.warnings[1]
                .message
                .contains("Missing a \"=\" delimiter")
        );
        assert!(doc.warnings[4].message.contains("truncated"));
    }

    #[test]
    fn not_a_calendar_is_an_error() {
        let err = parse(NOT_ICS, Path::new("x.ics"), &ImportOptions::default()).unwrap_err();
        assert_eq!(err.location(), Some(Location { line: 1, column: 1 }));
        assert!(
            err.to_string().contains("expected BEGIN:VCALENDAR"),
            "{err}"
        );
        for text in ["", "\n\n", "END:VCALENDAR", " BEGIN:VEVENT"] {
            assert!(parse(text, Path::new("x.ics"), &ImportOptions::default()).is_err());
        }
    }

    #[test]
    fn regression_each_rejected_line_reads_the_whole_file_again() {
        let mut text = String::from("BEGIN:VCALENDAR\r\n");
        for i in 0..20_000 {
            write!(
                text,
                "BEGIN:VEVENT\r\nUID:u{i}\r\nDTSTART:20240619\r\nSUMMARY:x\r\nEND:VEVENT\r\n"
            )
            .unwrap();
        }
        for _ in 0..MAX_DROPPED_LINES {
            text.push_str(
                "BEGIN:VEVENT\r\nDTSTART:20240620\r\nSUMMARY:y\r\nX-BAD;=oops:1\r\nEND:VEVENT\r\n",
            );
        }
        text.push_str("END:VCALENDAR\r\n");
        let started = std::time::Instant::now();
        let doc = load(&text);
        assert!(
            started.elapsed() < std::time::Duration::from_mins(1),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(
            doc.owned_events().unwrap().len(),
            20_000 + MAX_DROPPED_LINES
        );
        assert_eq!(doc.warnings.len(), MAX_DROPPED_LINES);
        let first = &doc.warnings[0];
        assert_eq!(
            (first.location.line, first.field.as_str()),
            (100_005, "X-BAD")
        );
        assert_eq!(
            first.message,
            "cannot read the line \"X-BAD;=oops:1\": Missing a parameter key; line ignored"
        );
    }

    #[test]
    fn regression_thousands_of_parameters_take_quadratic_time() {
        let text = format!(
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20240619\nSUMMARY:kept\nX-P{}:v\nATTENDEE;CN=\"A, B\";ROLE=CHAIR:mailto:a@b\nEND:VEVENT\nEND:VCALENDAR\n",
            ";a=b".repeat(200_000)
        );
        let started = std::time::Instant::now();
        let doc = load(&text);
        assert!(
            started.elapsed() < std::time::Duration::from_mins(1),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(doc.owned_events().unwrap()[0].title, "kept");
        let w: Vec<(usize, &str)> = doc
            .warnings
            .iter()
            .map(|w| (w.location.line, w.field.as_str()))
            .collect();
        assert_eq!(w, [(6, "X-P")]);
        assert!(doc.warnings[0].message.starts_with("200000 parameters"));
    }

    #[test]
    fn parameter_steps_follow_the_crates_walk() {
        for (line, steps) in [
            ("SUMMARY:a;b,c", 0),
            ("DTSTART;TZID=Europe/Berlin:20240619T143000", 1),
            (
                "ATTENDEE;CN=\"Doe, J: x\";ROLE=CHAIR;RSVP=TRUE:mailto:j@d",
                3,
            ),
            ("X;A=1,2,3;B=4:v", 4),
            ("X;A=1,2,3,4,5,6,7,8,9,10,11,12;B=4:v", 10),
            ("X;;;A=1:v", 1),
            ("X;=1:v", 0),
            ("X;A:v", 0),
            (";A=1:v", 0),
        ] {
            assert_eq!(parameter_steps(line), steps, "{line}");
        }
    }

    #[test]
    fn unreadable_lines_beyond_the_limit_are_an_error() {
        let mut text = String::from("BEGIN:VCALENDAR\n");
        for _ in 0..=MAX_DROPPED_LINES {
            text.push_str("X-BAD;PARAM:value\n");
        }
        text.push_str("END:VCALENDAR\n");
        let err = parse(&text, Path::new("x.ics"), &ImportOptions::default()).unwrap_err();
        assert!(
            err.to_string().contains("Missing a \"=\" delimiter"),
            "{err}"
        );
        assert_eq!(err.location().map(|l| l.line), Some(MAX_DROPPED_LINES + 2));
    }

    #[test]
    fn values_are_read_carefully() {
        assert_eq!(unescape(r"a\nb\,c\;d\\e\x"), "a\nb,c;d\\e\\x");
        assert_eq!(
            split_list(r"One,Two\, and a half, Three"),
            ["One", "Two, and a half", "Three"]
        );
        assert_eq!(read_duration("PT1H30M"), Some(5400));
        assert_eq!(read_duration("P1W"), Some(604_800));
        assert_eq!(read_duration("-P1DT2H"), Some(-93_600));
        assert_eq!(read_duration("P0DT0H10M0S"), Some(600));
        for bad in [
            "",
            "P",
            "PT",
            "1H",
            "PT1H30",
            "P1H",
            "PTxM",
            "P99999999999999999999D",
        ] {
            assert_eq!(read_duration(bad), None, "{bad}");
        }
        let doc = load(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20240229\r\nDURATION:P3D\r\n\
             SUMMARY:Leap\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20240101\r\n\
             DTEND;VALUE=DATE:20240101\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART:20241231T233000Z\r\n\
             DURATION:PT1H\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART:20240230\r\nEND:VEVENT\r\n\
             BEGIN:VEVENT\r\nDTSTART:20240101T250000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\ntrailing\r\n",
        );
        let got: Vec<(&str, String)> = doc
            .owned_events()
            .unwrap()
            .iter()
            .map(|e| (e.title.as_str(), e.date_text()))
            .collect();
        assert_eq!(
            got,
            [
                ("(untitled)", "2024-01-01".to_owned()),
                ("Leap", "2024-02-29/2024-03-02".to_owned()),
                (
                    "(untitled)",
                    "2024-12-31T23:30Z/2025-01-01T00:30Z".to_owned()
                ),
            ]
        );
        let messages: Vec<&str> = doc.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(messages.len(), 5, "{messages:#?}");
        assert!(messages[0].contains("after END:VCALENDAR"), "{messages:#?}");
    }

    #[test]
    fn truncated_and_garbage_input_never_panics() {
        for end in (0..FIELD.len()).step_by(3) {
            if FIELD.is_char_boundary(end) {
                let _ = parse(&FIELD[..end], Path::new("t.ics"), &ImportOptions::default());
                let _ = sniff(&FIELD[..end]);
            }
        }
        for text in [
            "BEGIN:VCALENDAR",
            "BEGIN:VCALENDAR\nBEGIN:",
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:\nDTEND:x\nDURATION:\nEND:VCALENDAR",
            "BEGIN:VCALENDAR\nEND:VEVENT\nEND:VEVENT\n:\n;\n;=:\nA;B=\"unclosed:x\n",
            "BEGIN:VCALENDAR\n BEGIN:VEVENT\n\tEND\nEND:VCALENDAR\nBEGIN:VCALENDAR\nX:1",
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:99991231\nDURATION:P5000000W\nEND:VEVENT",
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20240101T000000Z\nDURATION:-P9999999999W\nEND:VEVENT",
            "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2024010ÿT000000\nORGANIZER:mailto:\nEND:VEVENT",
            "\u{feff}BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nBEGIN:VEVENT\r\nEND:VTIMEZONE",
        ] {
            let _ = parse(text, Path::new("t.ics"), &ImportOptions::default());
            let _ = sniff(text);
        }
    }

    #[test]
    fn geo_is_the_place_named_by_location() {
        const PLACES: &str = include_str!("../../../../tests/data/ical/places.ics");
        let doc = load(PLACES);
        assert_eq!(doc.event_count(), 4);
        let visit = event(&doc, "visit-chuhuiv@example.org");
        let place = visit.place.as_ref().unwrap();
        // Latitude first, as RFC 5545 writes it.
        assert_eq!((place.lat, place.lon), (49.85, 36.65));
        assert_eq!(place.name.as_deref(), Some("Chuhuiv, Kharkiv oblast"));
        // LOCATION stays an attribute too.
        assert_eq!(
            visit.attributes.get("location"),
            Some("Chuhuiv, Kharkiv oblast")
        );
        let santiago = event(&doc, "santiago@example.org");
        let place = santiago.place.as_ref().unwrap();
        assert_eq!(
            (place.lat, place.lon, place.name.as_deref()),
            (-33.45, -70.66, None)
        );
        // LOCATION without GEO is no place.
        assert_eq!(event(&doc, "call@example.org").place, None);
        let nowhere = event(&doc, "nowhere@example.org");
        assert_eq!(nowhere.place, None);
        let warnings: Vec<String> = doc
            .warnings
            .iter()
            .map(|w| format!("{} {}: {}", w.location, w.field, w.message))
            .collect();
        assert_eq!(
            warnings,
            [
                "29:1 GEO: GEO \"0;0\": 0, 0 is the placeholder tools write for an unknown place (a point in the Gulf of Guinea); no place"
            ]
        );
        assert_eq!(
            doc.warnings[0].event,
            doc.event_by_id("nowhere@example.org")
        );
        assert!(
            doc.notes.iter().any(|n| n == "placed by GEO (2 VEVENTs)"),
            "{:?}",
            doc.notes
        );
        assert!(
            doc.notes
                .iter()
                .any(|n| n == "GEO that cannot be a place, ignored (see warnings) (1 VEVENT)"),
            "{:?}",
            doc.notes
        );
    }

    #[test]
    fn geo_values_that_are_no_place_are_warnings_at_their_line() {
        let doc = load(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20240619\r\n\
             SUMMARY:Swapped\r\nGEO:120.5;33.1\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\n\
             DTSTART:20240620\r\nGEO:north\r\n ;east\r\nSUMMARY:Words\r\nEND:VEVENT\r\n\
             BEGIN:VEVENT\r\nUID:c\r\nDTSTART:20240621\r\nSUMMARY:One number\r\nGEO:49.85\r\n\
             END:VEVENT\r\nBEGIN:VEVENT\r\nUID:d\r\nDTSTART:20240622\r\nSUMMARY:Comma\r\n\
             GEO:49.85,36.65\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        );
        assert_eq!(doc.event_count(), 4);
        let warnings: Vec<String> = doc
            .warnings
            .iter()
            .map(|w| format!("{} {}: {}", w.location, w.field, w.message))
            .collect();
        assert_eq!(
            warnings,
            [
                "6:1 GEO: GEO \"120.5;33.1\": latitude 120.5 is outside -90 to 90 and longitude 33.1 is not: the two look swapped; no place",
                "11:1 GEO: GEO \"north;east\": latitude \"north\" is not a number of degrees; no place",
                "19:1 GEO: GEO \"49.85\": expected latitude;longitude in degrees, such as 49.85;36.65; no place",
            ]
        );
        let comma = event(&doc, "d").place.as_ref().unwrap();
        assert_eq!((comma.lat, comma.lon), (49.85, 36.65));
    }

    #[test]
    fn sniff_looks_for_begin_vcalendar() {
        assert!(sniff(FIELD));
        assert!(sniff(DAMAGED));
        assert!(sniff("\n  begin:vcalendar\n"));
        assert!(!sniff(NOT_ICS));
        assert!(!sniff("BEGIN:VCARD\nEND:VCARD"));
        assert!(!sniff("BEGIN:VCALENDA"));
        assert!(!sniff(""));
    }
}
