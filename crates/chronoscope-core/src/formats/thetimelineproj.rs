//! Files of Timeline, the desktop program of the thetimelineproj project
//! (`.timeline`, XML).
//!
//! Timeline is a long-lived free timeline editor; people keep project plans,
//! histories and release logs in it. This module reads its files into a
//! [`Document`] as Timeline itself reads them (its `timelinexml` parser).
//!
//! The file: `<timeline>` with `<version>`, `<timetype>`, `<categories>` of
//! `<category>` (`<name>`, `<color>r,g,b</color>`, optional `<parent>`),
//! `<events>` of `<event>` (`<start>`, `<end>`, `<text>`, `<progress>`,
//! `<fuzzy>`, `<fuzzy_start>`, `<fuzzy_end>`, `<locked>`, `<ends_today>`,
//! `<category>`, `<description>`, `<alert>`, `<hyperlink>`, `<icon>`,
//! `<default_color>`, `<milestone>`), `<eras>` of `<era>` (`<name>`,
//! `<start>`, `<end>`, `<color>`) and `<view>`.
//!
//! Mapping:
//! - `<text>` becomes title (an event without one is titled from the first
//!   line of its description, else `(untitled)`);
//!   `<description>` (plain text: Timeline shows it as written, it is not
//!   HTML) becomes the event's source text; `<hyperlink>` split on `;`
//!   becomes links, the first also the url. Events have no ids in the file:
//!   they are `event-N`, N counting the events of the file from 1.
//! - Categories: each colour becomes the document's category colours; an event's
//!   category is the name of its own category, and when that category has
//!   parents the whole path goes to the attribute `category_path`
//!   (`Parent/Child`).
//! - Containers: Timeline stores them in the text: `[1]Name` is container 1,
//!   `(1)Text` an event inside it. The markers are removed from titles; the
//!   container's name goes to the attribute `container` of the container
//!   (which also gets `is_container` = `true`) and of its events. A leading
//!   space before `(` or `[` is Timeline's escape for a literal bracket and is
//!   removed, as Timeline does.
//! - `<milestone>True` becomes attribute `milestone` = `true`, a point at the start.
//!   `<fuzzy>True` makes both dates approximate (`~`), `<fuzzy_start>` and
//!   `<fuzzy_end>` one each. `<progress>` (when not 0, as `40%`), `<locked>`,
//!   `<ends_today>`, `<alert>` and `<default_color>` (only for events without
//!   a category, the only ones Timeline draws with it) becomes attributes; an event
//!   that "ends today" keeps the end stored in the file. Any other element of
//!   an event with text is kept as an attribute of its name. Icons
//!   (embedded PNG images) are not imported.
//! - Eras become periods (their colours are not used).
//!
//! Dates: `YYYY-MM-DD HH:MM:SS` in Timeline's proleptic Gregorian calendar
//! with astronomical years (`-500-01-01 00:00:00` is 501 BCE; Timeline
//! labels year 0 as 1 BC), local times without a zone, so imported without an
//! offset. Timeline hides the time of an event whose start and end are both
//! at 00:00:00, showing dates only (`1 Jan 2013 to 5 Jan 2013`); such events
//! are imported at day precision with the end day as shown (so Chronoscope
//! draws through the end day, where Timeline stops at its midnight). Other
//! times are read to the minute, or to the second when the seconds are not
//! zero. An event whose start equals its end is a point. Only
//! `gregoriantime` timelines are read: numeric (`numtime`) and other
//! calendars are refused with an error, since their values are not dates.
//!
//! An event or era whose dates cannot be read, or whose end is before its
//! start (which Timeline never writes), is skipped with a warning at the
//! element of the date, or at the event or era when the date is missing.
//!
//! Entity references other than XML's five and character references
//! (`&xxe;`, or those a DTD in the file declares, as "billion laughs" files
//! do) are never expanded: they are kept as written, with a warning where
//! they are. Elements nested deeper than 100 levels are an error.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use quick_xml::Reader as XmlReader;
use quick_xml::events::{BytesRef, Event as XmlEvent};

use super::LoadError;
use super::common::{ImportOptions, plural};
use super::import::{Confidence, Draft, Import, Importer, Input, Item, Text, before_start};
use crate::model::{Date, DateParts, Document, Period, TimeParts};

/// Format name.
pub const FORMAT: &str = "Timeline (thetimelineproj)";

/// Deepest nesting of elements read. Timeline writes four levels
/// (`timeline`, `events`, `event`, `start`); the element tree is freed
/// recursively, so tens of thousands of levels would overflow the stack of
/// the thread that loads the file.
const MAX_DEPTH: usize = 100;

/// Elements of `<event>` that have a place in the import; any other child
/// with text becomes an attribute.
const EVENT_FIELDS: [&str; 16] = [
    "start",
    "end",
    "text",
    "progress",
    "fuzzy",
    "fuzzy_start",
    "fuzzy_end",
    "locked",
    "ends_today",
    "category",
    "description",
    "alert",
    "hyperlink",
    "icon",
    "default_color",
    "milestone",
];

/// The Timeline (thetimelineproj) importer.
pub struct TheTimelineProj;

impl Importer for TheTimelineProj {
    const FORMAT: super::Format = super::Format::TheTimelineProj;

    /// XML whose root is `<timeline>`, with a `<timetype>` or `<events>`.
    fn sniff(probe: &super::detect::Probe<'_>) -> Confidence {
        let body = probe.body();
        let timeline = probe.xml_root().is_some_and(|root| root == "timeline")
            && (body.contains("<timetype") || body.contains("<events"));
        Confidence::certain_if(timeline)
    }

    fn parse(input: &Input<'_>) -> Result<Document, LoadError> {
        read(input)
    }
}

/// Reads `text`, the content of the Timeline file at `path`.
pub fn parse(text: &str, path: &Path, options: &ImportOptions) -> Result<Document, LoadError> {
    super::import::parse_text::<TheTimelineProj>(text, path, options)
}

fn read(input: &Input<'_>) -> Result<Document, LoadError> {
    let root = read_tree(input)?;
    if root.name != "timeline" {
        return Err(input.error(
            root.at,
            "",
            format!(
                "expected the Timeline root element <timeline>, found <{}>",
                root.name
            ),
        ));
    }
    if let Some(timetype) = root.child("timetype") {
        let kind = timetype.text.trim();
        if kind != "gregoriantime" {
            return Err(input.error(
                timetype.at,
                "timetype",
                format!(
                    "this timeline uses the time type {kind:?}; only Gregorian time (\"gregoriantime\") can be read, since other time types hold numbers or other calendars, not dates"
                ),
            ));
        }
    }
    let Some(events) = root.child("events") else {
        return Err(input.error(
            root.at,
            "events",
            "missing <events>: expected a Timeline file with <events>".into(),
        ));
    };
    let mut reader = Reader {
        import: Import::new(input, FORMAT, "event"),
        categories: Categories::new(),
        paths: HashMap::new(),
        kept: BTreeSet::new(),
    };
    let report = &mut reader.import.report;
    if let Some(version) = root.child("version") {
        report.note(&format!("Timeline file version {}", version.text.trim()));
    }
    report.note("start from <start>, end from <end> (local times, no offset); events whose start and end are both at 00:00:00 read as dates (day precision)");
    report.note("title from <text> (container markers [N] and (N) removed); id from event-N");
    for (at, field, message) in entity_warnings(&root) {
        reader.warn(at, field, message);
    }
    reader.categories(root.child("categories"));
    let count = reader.events(events);
    if let Some(eras) = root.child("eras") {
        reader.eras(eras);
    }
    reader.unused(root.child("view"));
    Ok(reader.import.finish(count))
}

/// An XML element with its direct text and where it starts.
struct Element {
    name: String,
    /// Byte offset of its `<` in the whole text.
    at: usize,
    text: String,
    children: Vec<Element>,
    /// Entity references in its text that were kept as written: where each
    /// is and its name.
    entities: Vec<(usize, String)>,
}

impl Element {
    fn new(name: &[u8], at: usize) -> Self {
        Self {
            name: String::from_utf8_lossy(name).into_owned(),
            at,
            text: String::new(),
            children: Vec::new(),
            entities: Vec::new(),
        }
    }

    fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    fn children_named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Element> {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The trimmed text of the child `name`, `None` when absent or empty.
    fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name)
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
    }

    /// Whether the child `name` says `True`, as Timeline writes booleans.
    fn flag(&self, name: &str) -> bool {
        self.child_text(name) == Some("True")
    }
}

/// Category name becomes its parent and where it is defined.
struct Category {
    parent: Option<String>,
    at: usize,
}

type Categories = BTreeMap<String, Category>;

/// Reads the whole file into a tree of elements.
fn read_tree(input: &Input<'_>) -> Result<Element, LoadError> {
    let text = input.text();
    let base = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut reader = XmlReader::from_str(&text[base..]);
    let mut stack: Vec<Element> = Vec::new();
    loop {
        let at = base + usize::try_from(reader.buffer_position()).unwrap_or(0);
        let event = reader.read_event().map_err(|e| {
            let at = base + usize::try_from(reader.error_position()).unwrap_or(0);
            input.error(
                at,
                "",
                format!("not well-formed XML: {e}; expected a Timeline file"),
            )
        })?;
        if let XmlEvent::Start(e) | XmlEvent::Empty(e) = &event
            && stack.len() >= MAX_DEPTH
        {
            return Err(input.error(
                at,
                "",
                format!(
                    "elements nested deeper than {MAX_DEPTH} (at <{}>): a Timeline file nests a few levels (timeline, events, event, start)",
                    String::from_utf8_lossy(e.name().as_ref())
                ),
            ));
        }
        match event {
            XmlEvent::Start(e) => stack.push(Element::new(e.name().as_ref(), at)),
            XmlEvent::Empty(e) => {
                let element = Element::new(e.name().as_ref(), at);
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => return Ok(element),
                }
            }
            XmlEvent::End(_) => {
                let Some(element) = stack.pop() else {
                    return Err(input.error(at, "", "unexpected closing tag".into()));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => return Ok(element),
                }
            }
            XmlEvent::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    let decoded = t
                        .xml10_content()
                        .map_err(|e| input.error(at, "", format!("cannot decode the text: {e}")))?;
                    top.text.push_str(&decoded);
                }
            }
            XmlEvent::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            XmlEvent::GeneralRef(r) => {
                if let Some(top) = stack.last_mut()
                    && !push_reference(&mut top.text, &r)
                {
                    top.entities
                        .push((at, String::from_utf8_lossy(&r).into_owned()));
                }
            }
            XmlEvent::Eof => {
                return Err(match stack.first() {
                    Some(open) => input.error(
                        text.len(),
                        "",
                        format!(
                            "the file ends before </{}>: the XML is truncated",
                            open.name
                        ),
                    ),
                    None => input.error(
                        base,
                        "",
                        "no XML element found: expected a Timeline <timeline> file".into(),
                    ),
                });
            }
            XmlEvent::Comment(_) | XmlEvent::Decl(_) | XmlEvent::PI(_) | XmlEvent::DocType(_) => {}
        }
    }
}

/// The notes said of events, each counted.
const DESCRIPTIONS: &str = "<description> (plain text) becomes the event's source text";
const LINKS: &str = "<hyperlink> becomes links (split on ';', the first also the url)";
const POINTS: &str = "events with start = end imported as points";
const DAYS: &str = "events with times at 00:00:00 read as dates";
const CONTAINERS: &str =
    "containers ([N] before the text) get attributes container (their name) and is_container";
const IN_CONTAINERS: &str =
    "events in a container ((N) before the text) get attribute container (its name)";
const MILESTONES: &str = "milestones: attribute milestone = true, a point at the start";
const FUZZY: &str = "fuzzy events: their dates marked approximate (~)";
const ENDS_TODAY: &str =
    "events that end today in Timeline keep the end stored in the file (attribute ends_today)";
const ICONS: &str = "event icons (embedded PNG images) not imported";
const FROM_DESCRIPTION: &str = "events without text titled from their description";

/// The document being read, with what its events share.
struct Reader<'a> {
    import: Import<'a>,
    categories: Categories,
    /// Each category's path of parents, worked out once.
    paths: HashMap<String, Option<String>>,
    /// Names of the other elements kept as attributes, for the note.
    kept: BTreeSet<String>,
}

impl Reader<'_> {
    /// A warning at byte `offset` about something that is not an event.
    fn warn(&mut self, offset: usize, field: impl Into<String>, message: String) {
        let at = self.import.input.location(offset);
        self.import.warn(at, field, message);
    }

    /// `item` located at byte `offset`, one of its child elements, where its
    /// warning has always pointed.
    fn item_at(&self, item: &Item, offset: usize) -> Item {
        Item {
            at: self.import.input.location(offset),
            ..item.clone()
        }
    }

    /// Reads the categories: colours into the document, parents into the map.
    fn categories(&mut self, categories: Option<&Element>) {
        let Some(categories) = categories else {
            return;
        };
        for (i, category) in categories.children_named("category").enumerate() {
            let field = |name: &str| format!("categories.category[{i}].{name}");
            let Some(name) = category.child_text("name") else {
                let why = "a category without a name; skipped".into();
                self.warn(category.at, field("name"), why);
                continue;
            };
            if self.categories.contains_key(name) {
                let why =
                    format!("category {name:?} is defined twice; the first definition is used");
                self.warn(category.at, field("name"), why);
                continue;
            }
            if let Some(color) = category.child_text("color") {
                if let Some(rgb) = parse_color(color) {
                    self.import.doc.category_colors.insert(name.to_owned(), rgb);
                } else {
                    let at = category.child("color").map_or(category.at, |c| c.at);
                    let why = format!(
                        "cannot read the colour {color:?} of category {name:?}: expected r,g,b with numbers 0–255; colour not used"
                    );
                    self.warn(at, field("color"), why);
                }
            }
            let parent = category.child_text("parent").map(str::to_owned);
            let at = category.at;
            self.categories
                .insert(name.to_owned(), Category { parent, at });
        }
        let unknown: Vec<(String, String, usize)> = self
            .categories
            .iter()
            .filter_map(|(name, c)| {
                let parent = c.parent.as_ref()?;
                (!self.categories.contains_key(parent))
                    .then(|| (name.clone(), parent.clone(), c.at))
            })
            .collect();
        for (name, parent, at) in unknown {
            self.warn(
                at,
                "categories.category.parent",
                format!("the parent {parent:?} of category {name:?} is not defined; the category is kept without it"),
            );
            if let Some(c) = self.categories.get_mut(&name) {
                c.parent = None;
            }
        }
        // Counted here rather than by the report, whose units take an `s`.
        let nested = self.categories.values().filter(|c| c.parent.is_some());
        let (all, nested) = (self.categories.len(), nested.count());
        let categories = |n| plural(n, "category", "categories");
        let report = &mut self.import.report;
        if all > 0 {
            report.note(&format!(
                "{} from <categories>: <category> becomes category, <color> its colour",
                categories(all)
            ));
        }
        if nested > 0 {
            report.note(&format!(
                "{} with parents: the path is in attribute category_path",
                categories(nested)
            ));
        }
    }

    /// Reads the events; returns how many the file has.
    fn events(&mut self, events: &Element) -> usize {
        // Containers first: Timeline writes them before their events, but
        // nothing here depends on that.
        let mut containers: HashMap<String, String> = HashMap::new();
        for event in events.children_named("event") {
            if let Some(text) = event.child("text").map(|t| t.text.as_str())
                && let Marked::Container(id, name) = container_marker(text)
            {
                containers.entry(id).or_insert(name);
            }
        }
        let mut count = 0;
        for (i, element) in events.children_named("event").enumerate() {
            count += 1;
            let item = Item {
                noun: "event",
                number: i + 1,
                at: self.import.input.location(element.at),
                path: format!("events.event[{i}]"),
            };
            self.event(&item, element, &containers);
        }
        count
    }

    fn event(&mut self, item: &Item, element: &Element, containers: &HashMap<String, String>) {
        let Dates {
            mut start,
            mut end,
            midnight,
        } = match read_dates(element) {
            Ok(dates) => dates,
            Err((at, field, why)) => {
                let item = self.item_at(item, at);
                self.import.skip(&item, field, &why);
                return;
            }
        };
        let report = &mut self.import.report;
        if midnight {
            report.count(DAYS, "event");
        }
        let mut attributes = BTreeMap::new();
        let mut attribute = |name: &str, value: &str| {
            attributes.insert(name.to_owned(), value.to_owned());
        };

        // Title and containers.
        let raw_text = element.child("text").map_or("", |t| t.text.as_str());
        let title = match container_marker(raw_text) {
            Marked::Container(_, name) => {
                report.count(CONTAINERS, "event");
                attribute("container", &name);
                attribute("is_container", "true");
                name
            }
            Marked::Subevent(id, text) => {
                report.count(IN_CONTAINERS, "event");
                if let Some(name) = containers.get(&id) {
                    attribute("container", name);
                } else {
                    let why = format!(
                        "the event is in container ({id}), which is not in the file; kept without it"
                    );
                    self.import.warn_item(item, "text", why);
                }
                text
            }
            Marked::Plain(text) => text,
        };
        let description = element.child("description").map_or("", |d| d.text.trim());
        let title = if title.trim().is_empty() {
            let fallback = first_line(description);
            if !fallback.is_empty() {
                let why = format!("no text: title taken from the description: {fallback:?}");
                self.import.warn_item(item, "text", why);
                self.import.report.count(FROM_DESCRIPTION, "event");
            }
            fallback
        } else {
            title.trim().to_owned()
        };
        let report = &mut self.import.report;

        // Milestones are points at their start.
        if element.flag("milestone") {
            report.count(MILESTONES, "event");
            attribute("milestone", "true");
            end = None;
        } else if end.is_none() {
            report.count(POINTS, "event");
        }

        let fuzzy = element.flag("fuzzy");
        let fuzzy_start = fuzzy || element.flag("fuzzy_start");
        let fuzzy_end = fuzzy || element.flag("fuzzy_end");
        if fuzzy_start || fuzzy_end {
            report.count(FUZZY, "event");
        }
        start.approximate |= fuzzy_start;
        if let Some(end) = end.as_mut() {
            end.approximate |= fuzzy_end;
        } else {
            start.approximate |= fuzzy_end;
        }

        if let Some(progress) = element.child_text("progress")
            && progress != "0"
        {
            attribute("progress", &format!("{progress}%"));
        }
        if element.flag("locked") {
            attribute("locked", "true");
        }
        if element.flag("ends_today") {
            report.count(ENDS_TODAY, "event");
            attribute("ends_today", "true");
        }
        if let Some(alert) = element.child_text("alert") {
            attribute("alert", alert);
        }
        if element.child_text("icon").is_some() {
            report.count(ICONS, "icon");
        }
        for child in &element.children {
            let text = child.text.trim();
            if !EVENT_FIELDS.contains(&child.name.as_str()) && !text.is_empty() {
                if !self.kept.contains(&child.name) {
                    self.kept.insert(child.name.clone());
                }
                attribute(&child.name, text);
            }
        }

        let mut draft = Draft::new(start);
        draft.end = end;
        draft.title_field = "text";
        if let Some(name) = element.child_text("category") {
            draft.category = Some(name.to_owned());
            if self.categories.contains_key(name) {
                if let Some(path) = self.category_path(name) {
                    attribute("category_path", &path);
                }
            } else {
                let at = element.child("category").map_or(element.at, |c| c.at);
                let why = format!(
                    "the category {name:?} is not defined in <categories>; kept as the event's category"
                );
                let item = self.item_at(item, at);
                self.import.warn_item(&item, "category", why);
            }
        } else if let Some(color) = element.child_text("default_color") {
            attribute("default_color", color);
        }
        if let Some(links) = element.child_text("hyperlink") {
            draft.links = links
                .split(';')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
            draft.url = draft.links.first().cloned();
            if !draft.links.is_empty() {
                self.import.report.count(LINKS, "event");
            }
        }
        draft.attributes = attributes.into();
        if !description.is_empty() {
            self.import.report.count(DESCRIPTIONS, "event");
            draft.text = Some(Text {
                title: title.clone(),
                body: description.to_owned(),
                url: None,
            });
        }
        draft.title = Some(title);
        self.import.add(item, draft);
    }

    /// The `category_path` of category `name`, worked out once; a path cut
    /// short is said once, at the category.
    fn category_path(&mut self, name: &str) -> Option<String> {
        if let Some(path) = self.paths.get(name) {
            return path.clone();
        }
        let path = category_path(&self.categories, name);
        if let (Some((_, true)), Some(category)) = (&path, self.categories.get(name)) {
            let at = category.at;
            self.warn(
                at,
                "categories.category.parent",
                format!("the parents of category {name:?} are too many to be written in full in attribute category_path ({MAX_PATH_BYTES} bytes): the path begins with …/"),
            );
        }
        let path = path.map(|(path, _)| path);
        self.paths.insert(name.to_owned(), path.clone());
        path
    }

    fn eras(&mut self, eras: &Element) {
        for (i, era) in eras.children_named("era").enumerate() {
            let title = era
                .child_text("name")
                .map_or_else(|| "(unnamed era)".to_owned(), str::to_owned);
            match read_dates(era) {
                Ok(dates) => {
                    self.import
                        .report
                        .count("eras become periods (era colours not used)", "era");
                    let end = dates.end.unwrap_or_else(|| dates.start.clone());
                    self.import.doc.periods.push(Period {
                        title,
                        start: dates.start,
                        end,
                        description: None,
                    });
                }
                Err((at, field, why)) => {
                    let item = Item {
                        noun: "era",
                        number: i + 1,
                        at: self.import.input.location(at),
                        path: format!("eras.era[{i}]"),
                    };
                    self.import.skip(&item, field, &format!("{title:?}: {why}"));
                }
            }
        }
    }

    /// Notes on what is kept as attributes and what is not used at all.
    fn unused(&mut self, view: Option<&Element>) {
        let report = &mut self.import.report;
        if !self.kept.is_empty() {
            let names: Vec<&str> = self.kept.iter().map(String::as_str).collect();
            report.note(&format!("kept as attributes: {}", names.join(", ")));
        }
        let Some(view) = view else {
            report.note("not used: category font, progress and done colours");
            return;
        };
        report.note("not used: category font, progress and done colours, view settings");
        let hidden: Vec<&str> = view
            .child("hidden_categories")
            .map(|h| {
                h.children_named("name")
                    .map(|n| n.text.trim())
                    .filter(|n| !n.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        if !hidden.is_empty() {
            report.note(&format!(
                "categories hidden in Timeline's view, shown here: {}",
                hidden.join(", ")
            ));
        }
    }
}

/// A located problem with an element: (byte offset, field, message).
type Problem = (usize, &'static str, String);

/// The dates of an event or era.
struct Dates {
    start: Date,
    /// `None` for a point (start = end).
    end: Option<Date>,
    /// Both were midnights, read as days.
    midnight: bool,
}

/// Reads the `<start>` and `<end>` of an event or era. An end before the
/// start is a problem: Timeline never writes one, so the file is damaged.
fn read_dates(element: &Element) -> Result<Dates, Problem> {
    let cannot = |text: &str, why: String| format!("cannot read {text:?} as a date: {why}");
    let read = |name: &'static str| -> Result<(Stamp, usize, &str), Problem> {
        let Some(child) = element.child(name) else {
            return Err((element.at, name, format!("missing <{name}>")));
        };
        let value = child.text.trim();
        Stamp::parse(value)
            .map(|s| (s, child.at, value))
            .map_err(|why| (child.at, name, cannot(value, why)))
    };
    let (start, start_at, start_text) = read("start")?;
    let (end, end_at, end_text) = read("end")?;
    let midnight = start.is_midnight() && end.is_midnight();
    let start_date = start
        .date(midnight)
        .map_err(|why| (start_at, "start", cannot(start_text, why)))?;
    let end_date = end
        .date(midnight)
        .map_err(|why| (end_at, "end", cannot(end_text, why)))?;
    if end < start {
        return Err((end_at, "end", before_start(&end_date, &start_date)));
    }
    Ok(Dates {
        start: start_date,
        end: (end != start).then_some(end_date),
        midnight,
    })
}

/// Appends the text of `&name;` or `&#N;`; other entities (and character
/// references to no character) are kept as written, and `false` says so.
fn push_reference(out: &mut String, r: &BytesRef<'_>) -> bool {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        out.push(c);
        return true;
    }
    let name = String::from_utf8_lossy(r);
    if let Some(text) = quick_xml::escape::resolve_predefined_entity(&name) {
        out.push_str(text);
        true
    } else {
        out.push('&');
        out.push_str(&name);
        out.push(';');
        false
    }
}

/// Lists whose items are named by their index in warnings: the `event`s of
/// `events`, and so on.
const LISTS: [(&str, &str); 3] = [
    ("events", "event"),
    ("categories", "category"),
    ("eras", "era"),
];

/// A warning for each element whose text kept entity references as
/// written (`&xxe;`): Timeline files declare no entities, and those a DTD
/// declares are never expanded (that is how "billion laughs" files blow
/// up). Walks the tree without recursion; fields are named as the
/// importer's other warnings name them (`events.event[3].text`).
fn entity_warnings(root: &Element) -> Vec<(usize, String, String)> {
    let mut problems = Vec::new();
    // (element, its label, its depth below the root).
    let mut pending: Vec<(&Element, String, usize)> = vec![(root, String::new(), 0)];
    let mut path: Vec<String> = Vec::new();
    while let Some((element, label, depth)) = pending.pop() {
        path.truncate(depth.saturating_sub(1));
        if depth > 0 {
            path.push(label);
        }
        if let Some((at, _)) = element.entities.first() {
            let mut names: Vec<&str> = Vec::new();
            for (_, name) in &element.entities {
                if !names.contains(&name.as_str()) && names.len() < 4 {
                    names.push(name);
                }
            }
            let shown: Vec<String> = names.iter().take(3).map(|n| format!("&{n};")).collect();
            let more = if names.len() > 3 { ", …" } else { "" };
            problems.push((
                *at,
                path.join("."),
                format!(
                    "{} kept as written, not expanded: only XML's five predefined entities and character references are read (entities declared in a DTD never are)",
                    if element.entities.len() == 1 {
                        format!("the entity {} is", shown.join(""))
                    } else {
                        format!(
                            "{} entity references ({}{more}) are",
                            element.entities.len(),
                            shown.join(", ")
                        )
                    }
                ),
            ));
        }
        let list_item = LISTS
            .iter()
            .find(|(list, _)| *list == element.name)
            .map(|(_, item)| *item);
        let mut index = 0;
        let mut children = Vec::with_capacity(element.children.len());
        for child in &element.children {
            let label = if Some(child.name.as_str()) == list_item {
                index += 1;
                format!("{}[{}]", child.name, index - 1)
            } else {
                child.name.clone()
            };
            children.push((child, label, depth + 1));
        }
        // In document order.
        pending.extend(children.into_iter().rev());
    }
    problems.sort_by_key(|(at, _, _)| *at);
    problems
}

/// `r,g,b` with each number 0–255.
fn parse_color(text: &str) -> Option<[u8; 3]> {
    let parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let [r, g, b] = parts.as_slice() else {
        return None;
    };
    Some([r.parse().ok()?, g.parse().ok()?, b.parse().ok()?])
}

/// Longest `category_path` written: every event of a category gets it, so a
/// chain of thousands of parents would be copied into each.
const MAX_PATH_BYTES: usize = 1000;

/// `Grandparent/Parent/Child` for a category with parents; `None` without.
/// The flag says the path was cut at [`MAX_PATH_BYTES`] (it then begins with
/// `…/`).
fn category_path(categories: &Categories, name: &str) -> Option<(String, bool)> {
    let mut path = vec![name];
    let mut seen = HashSet::from([name]);
    let mut bytes = name.len();
    let mut cut = false;
    let mut current = name;
    while let Some(parent) = categories.get(current).and_then(|c| c.parent.as_deref()) {
        if !seen.insert(parent) {
            break; // A cycle: stop where it closes.
        }
        bytes += parent.len() + 1;
        if bytes > MAX_PATH_BYTES {
            cut = true;
            break;
        }
        path.push(parent);
        current = parent;
    }
    if path.len() == 1 {
        return None;
    }
    if cut {
        path.push("…");
    }
    path.reverse();
    Some((path.join("/"), cut))
}

/// What Timeline's markers in an event text say.
enum Marked {
    /// `[id]name`: a container.
    Container(String, String),
    /// `(id)text`: an event in container `id`.
    Subevent(String, String),
    Plain(String),
}

/// Reads Timeline's container markers. As in Timeline, ` (` and ` [` at the
/// start are escapes for a plain text beginning with a bracket, and a marker
/// without its closing bracket is plain text.
fn container_marker(text: &str) -> Marked {
    if text.starts_with(" (") || text.starts_with(" [") {
        return Marked::Plain(text[1..].to_owned());
    }
    if let Some(rest) = text.strip_prefix('[')
        && let Some((id, name)) = rest.split_once(']')
    {
        return Marked::Container(id.trim().to_owned(), name.to_owned());
    }
    if let Some(rest) = text.strip_prefix('(')
        && let Some((id, name)) = rest.split_once(')')
    {
        return Marked::Subevent(id.trim().to_owned(), name.to_owned());
    }
    Marked::Plain(text.to_owned())
}

/// The first non-empty line of `text`, cut at a word near 80 characters.
fn first_line(text: &str) -> String {
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

/// A Timeline time, `YYYY-MM-DD HH:MM:SS`, as numbers; ordered by time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Stamp {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
}

impl Stamp {
    /// Reads `[-]Y-M-D H:M:S` (numbers need not be padded, as Timeline's
    /// own reader allows). Ranges are checked by [`Stamp::date`].
    fn parse(text: &str) -> Result<Stamp, String> {
        const EXPECTED: &str = "expected YYYY-MM-DD HH:MM:SS such as 2013-03-30 11:16:00";
        if text.is_empty() {
            return Err(format!("the date is empty; {EXPECTED}"));
        }
        let (date, time) = text
            .split_once(' ')
            .ok_or_else(|| format!("no time; {EXPECTED}"))?;
        let (negative, date) = match date.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, date),
        };
        let number = |s: &str, max_digits: usize| -> Result<i64, String> {
            if s.is_empty() || s.len() > max_digits || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("{s:?} is not a number; {EXPECTED}"));
            }
            s.parse::<i64>().map_err(|e| e.to_string())
        };
        let date_parts: Vec<&str> = date.split('-').collect();
        let time_parts: Vec<&str> = time.trim().split(':').collect();
        let ([year, month, day], [hour, minute, second]) =
            (date_parts.as_slice(), time_parts.as_slice())
        else {
            return Err(EXPECTED.to_owned());
        };
        let year = number(year, 9)?;
        let small = |text: &str| number(text, 2).map(|n| n as u32);
        Ok(Stamp {
            year: if negative { -year } else { year },
            month: small(month)?,
            day: small(day)?,
            hour: small(hour)?,
            minute: small(minute)?,
            second: small(second)?,
        })
    }

    fn is_midnight(&self) -> bool {
        self.hour == 0 && self.minute == 0 && self.second == 0
    }

    /// The date at day precision (`as_day`), or to the minute, or to the
    /// second when the seconds are not zero.
    fn date(&self, as_day: bool) -> Result<Date, String> {
        let time = TimeParts {
            hour: self.hour,
            minute: self.minute,
            second: (self.second != 0).then_some(self.second),
            ..TimeParts::default()
        };
        Date::from_parts(DateParts {
            year: self.year,
            month: Some(self.month),
            day: Some(self.day),
            time: (!as_day).then_some(time),
        })
        .map_err(|e| e.reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, Precision};

    /// Whether detection takes `text` for this format.
    fn sniff(text: &str) -> bool {
        crate::formats::detect(text, Path::new("")) == Some(crate::formats::Format::TheTimelineProj)
    }
    use std::fmt::Write as _;

    fn load(text: &str, name: &str) -> Document {
        parse(text, Path::new(name), &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    fn event<'d>(doc: &'d Document, title: &str) -> &'d Event {
        doc.owned_events()
            .unwrap()
            .iter()
            .find(|e| e.title == title)
            .unwrap_or_else(|| panic!("no event {title:?}"))
    }

    fn text_of(doc: &Document, e: &Event) -> String {
        e.evidence
            .first()
            .map(|ev| doc.sources[ev.source].text.clone())
            .unwrap_or_default()
    }

    #[test]
    fn project_fixture() {
        let doc = load(
            include_str!("../../../../tests/data/thetimelineproj/project.timeline"),
            "project.timeline",
        );
        assert_eq!(doc.name, "project.timeline");
        assert_eq!(doc.format, FORMAT);
        assert!(doc.warnings.is_empty(), "{:#?}", doc.warnings);
        assert_eq!(
            doc.category_colors,
            BTreeMap::from([
                ("Release".to_owned(), [128, 255, 128]),
                ("Hotfix".to_owned(), [255, 128, 255]),
                ("Work".to_owned(), [100, 100, 200]),
                ("Design work".to_owned(), [150, 150, 250]),
            ])
        );
        let summary: Vec<(String, String)> = doc
            .owned_events()
            .unwrap()
            .iter()
            .map(|e| (e.title.clone(), e.date_text()))
            .collect();
        assert_eq!(
            summary,
            [
                ("Founding".to_owned(), "-0500-03-01".to_owned()),
                ("Version 0.1".to_owned(), "2009-04-11T12:28".to_owned()),
                ("Version 1.0".to_owned(), "2013-07-07~".to_owned()),
                ("Sprint 1".to_owned(), "2014-01-06/2014-01-17".to_owned()),
                (
                    "Design".to_owned(),
                    "2014-01-06T09:00/2014-01-08T17:30".to_owned()
                ),
                (
                    "Build".to_owned(),
                    "2014-01-09T00:00~/2014-01-16T12:00:30".to_owned(),
                ),
                ("Launch".to_owned(), "2014-02-01".to_owned()),
                ("(Brackets) kept".to_owned(), "2015-05-05".to_owned()),
                ("Hotfix 1.0.1".to_owned(), "2020-10-18T05:36:57".to_owned()),
            ],
        );

        let v01 = event(&doc, "Version 0.1");
        assert_eq!(v01.id, "event-1");
        assert_eq!(v01.category.as_deref(), Some("Release"));
        assert_eq!(v01.end, None);
        assert_eq!(v01.start.precision, Precision::Minute);
        assert_eq!(
            text_of(&doc, v01),
            "Version 0.1, released on 11 April 2009\n==========\n\n* First usable version.\n* Handles <angle brackets> & ampersands."
        );
        assert_eq!(doc.sources[v01.evidence[0].source].title, "Version 0.1");
        assert!(v01.attributes.is_empty());

        let v10 = event(&doc, "Version 1.0");
        assert_eq!(v10.start.precision, Precision::Day);
        assert_eq!(v10.url.as_deref(), Some("https://example.org/1.0"));
        assert_eq!(
            v10.links,
            ["https://example.org/1.0", "https://example.org/notes"]
        );
        assert!(v10.start.approximate, "fuzzy");

        let sprint = event(&doc, "Sprint 1");
        assert_eq!(&sprint.attributes["container"], "Sprint 1");
        assert_eq!(&sprint.attributes["is_container"], "true");
        assert_eq!(sprint.category.as_deref(), Some("Design work"));
        assert_eq!(&sprint.attributes["category_path"], "Work/Design work");

        let design = event(&doc, "Design");
        assert_eq!(&design.attributes["container"], "Sprint 1");
        assert_eq!(&design.attributes["progress"], "40%");
        assert_eq!(&design.attributes["locked"], "true");
        assert!(!design.is_qualified());

        let build = event(&doc, "Build");
        assert_eq!(&build.attributes["container"], "Sprint 1");
        assert!(build.start.approximate && !build.end.as_ref().is_some_and(|e| e.approximate));
        assert_eq!(&build.attributes["ends_today"], "true");

        let launch = event(&doc, "Launch");
        assert_eq!(&launch.attributes["milestone"], "true");
        assert_eq!(launch.end, None);
        assert_eq!(launch.category, None);
        assert_eq!(&launch.attributes["default_color"], "255,0,0");
        assert_eq!(&launch.attributes["alert"], "2014-01-31 09:00:00;Get ready");

        let founding = event(&doc, "Founding");
        assert_eq!(founding.start.year, -500);
        assert_eq!(founding.start.human(), "Thu 1 March 501 BCE");

        let kept = event(&doc, "(Brackets) kept");
        assert!(!kept.attributes.contains_key("container"));
        assert_eq!(&kept.attributes["custom_field"], "kept");

        let hotfix = event(&doc, "Hotfix 1.0.1");
        assert_eq!(hotfix.start.precision, Precision::Second);
        assert_eq!(hotfix.category.as_deref(), Some("Hotfix"));

        assert_eq!(doc.periods.len(), 1);
        assert_eq!(doc.periods[0].title, "Early days");
        assert_eq!(doc.periods[0].start.to_string(), "2009-01-01");
        assert_eq!(doc.periods[0].end.to_string(), "2012-12-31");

        let notes = doc.notes.join("\n");
        for expected in [
            "Timeline file version 2.3.0",
            "9 of 9 events imported",
            "4 categories from <categories>",
            "1 category with parents",
            "eras become periods (era colours not used) (1 era)",
            "milestones: attribute milestone = true, a point at the start (1 event)",
            "event icons (embedded PNG images) not imported (1 icon)",
            "categories hidden in Timeline's view, shown here: Hotfix",
            "kept as attributes: custom_field",
            "containers ([N] before the text) get attributes container (their name) and is_container (1 event)",
            "events in a container ((N) before the text) get attribute container (its name) (2 events)",
        ] {
            assert!(notes.contains(expected), "{expected:?} not in\n{notes}");
        }
    }

    #[test]
    fn malformed_events_are_skipped_with_located_warnings() {
        let doc = load(
            include_str!("../../../../tests/data/thetimelineproj/bad-events.timeline"),
            "bad-events.timeline",
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
                "Good",
                "The description becomes the title",
                "(untitled)",
                "Orphan",
                "Unknown category"
            ]
        );
        let warnings: Vec<(usize, &str, &str)> = doc
            .warnings
            .iter()
            .map(|w| (w.location.line, w.field.as_str(), w.message.as_str()))
            .collect();
        let expect = [
            (
                6,
                "categories.category[0].color",
                "cannot read the colour \"red\"",
            ),
            (8, "categories.category.parent", "the parent \"Nowhere\""),
            (
                20,
                "events.event[1].start",
                "cannot read \"2013-02-30 00:00:00\"",
            ),
            (24, "events.event[2].start", "cannot read \"yesterday\""),
            (28, "events.event[3].end", "is before the start"),
            (30, "events.event[4].start", "missing <start>"),
            (
                33,
                "events.event[5].text",
                "no text: title taken from the description",
            ),
            (39, "events.event[6].text", "no text: titled \"(untitled)\""),
            (43, "events.event[7].text", "container (9)"),
            (
                49,
                "events.event[8].category",
                "not defined in <categories>",
            ),
            (53, "eras.era[0].end", "cannot read \"2013-01-01\""),
        ];
        assert_eq!(warnings.len(), expect.len(), "{warnings:#?}");
        for ((line, field, message), (eline, efield, emessage)) in warnings.iter().zip(expect) {
            assert_eq!((*line, *field), (eline, efield), "{message}");
            assert!(
                message.contains(emessage),
                "{message:?} should contain {emessage:?}"
            );
        }
        let untitled = doc
            .warnings
            .iter()
            .find(|w| w.message.contains("(untitled)"));
        let index = untitled.and_then(|w| w.event).unwrap_or(usize::MAX);
        assert_eq!(doc.owned_events().unwrap()[index].title, "(untitled)");
        assert_eq!(
            doc.category_colors,
            BTreeMap::from([("Orphan category".to_owned(), [1, 2, 3])])
        );
        assert!(
            doc.notes
                .iter()
                .any(|n| n == "skipped 4 events (see warnings)")
        );
        assert!(
            doc.notes
                .iter()
                .any(|n| n == "skipped 1 era (see warnings)")
        );
        assert!(
            doc.notes
                .iter()
                .any(|n| n == "1 event without a title titled \"(untitled)\" (see warnings)")
        );
    }

    #[test]
    fn sniffing() {
        assert!(sniff(include_str!(
            "../../../../tests/data/thetimelineproj/project.timeline"
        )));
        assert!(sniff(
            "\u{feff}<?xml version=\"1.0\"?>\n<timeline><version>1.0.0</version><events/></timeline>"
        ));
        assert!(!sniff("<data><event start=\"1961\"/></data>"));
        assert!(!sniff("<timeline><title>other</title></timeline>"));
        assert!(!sniff("{\"events\": []}"));
        assert!(!sniff(""));
        let long = format!("<timeline><events>{}</events></timeline>", "é".repeat(3000));
        assert!(sniff(&long));
    }

    #[test]
    fn numeric_and_broken_files_are_errors() {
        let options = ImportOptions::default();
        let err = |text: &str| match parse(text, Path::new("t.timeline"), &options) {
            Ok(doc) => panic!("loaded {} events", doc.owned_events().unwrap().len()),
            Err(e) => e,
        };
        let e = err(include_str!(
            "../../../../tests/data/thetimelineproj/numeric.timeline"
        ));
        assert_eq!(e.location().map(|l| l.line), Some(4), "{e}");
        assert!(e.to_string().contains("\"numtime\""), "{e}");
        assert!(e.to_string().contains("only Gregorian time"), "{e}");
        let e = err("<timeline>\n<events>\n<event><start>2013-03-30 11:16:00</start>");
        assert!(e.to_string().contains("truncated"), "{e}");
        let e = err("<timeline>\n  <events>\n  </event>\n</timeline>");
        assert_eq!(e.location().map(|l| l.line), Some(3), "{e}");
        let e = err("<data/>");
        assert!(e.to_string().contains("<timeline>"), "{e}");
        let e = err("<timeline><version>1.0.0</version></timeline>");
        assert!(e.to_string().contains("missing <events>"), "{e}");
        let e = err("");
        assert!(e.to_string().contains("no XML element"), "{e}");
    }

    #[test]
    fn regression_tens_of_thousands_of_nested_elements_overflow_the_loading_stack() {
        // The app loads on a thread with a smaller stack than the main one;
        // 50,000 levels overflowed it while the element tree was freed.
        let text = format!(
            "<timeline>\n<events>\n<event>{}x{}</event></events></timeline>",
            "<d>".repeat(50_000),
            "</d>".repeat(50_000)
        );
        let result = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                parse(&text, Path::new("deep.timeline"), &ImportOptions::default())
                    .map(|doc| doc.owned_events().unwrap().len())
                    .map_err(|e| e.to_string())
            })
            .unwrap()
            .join()
            .unwrap();
        let e = result.unwrap_err();
        // timeline, events, event and 97 <d>: the 98th crosses the limit.
        assert_eq!(
            e,
            "deep.timeline:3:299: elements nested deeper than 100 (at <d>): a Timeline file nests a few levels (timeline, events, event, start)"
        );
        let within = format!(
            "<timeline><events>{}</events></timeline>",
            "<x>".repeat(MAX_DEPTH - 2) + &"</x>".repeat(MAX_DEPTH - 2)
        );
        assert!(parse(&within, Path::new("t"), &ImportOptions::default()).is_ok());
    }

    #[test]
    fn regression_undefined_entities_are_kept_in_titles_without_a_word() {
        let doc = load(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE timeline [<!ENTITY e \"x\">]>\n<timeline><timetype>gregoriantime</timetype>\n<categories><category><name>A &e;</name></category></categories>\n<events>\n<event><start>2024-06-19 00:00:00</start><end>2024-06-19 00:00:00</end><text>Plain &amp; &#65;</text></event>\n<event><start>2024-06-19 00:00:00</start><end>2024-06-19 00:00:00</end><text>T &e; &a;&b;&c;&d;&e;</text></event>\n</events></timeline>",
            "e.timeline",
        );
        assert_eq!(doc.owned_events().unwrap()[0].title, "Plain & A");
        assert_eq!(
            doc.owned_events().unwrap()[1].title,
            "T &e; &a;&b;&c;&d;&e;"
        );
        let w: Vec<(String, &str, &str)> = doc
            .warnings
            .iter()
            .map(|w| (w.location.to_string(), w.field.as_str(), w.message.as_str()))
            .collect();
        assert_eq!(w.len(), 2, "{w:#?}");
        assert_eq!(
            (w[0].0.as_str(), w[0].1),
            ("4:31", "categories.category[0].name")
        );
        assert!(
            w[0].2
                .starts_with("the entity &e; is kept as written, not expanded")
        );
        assert_eq!((w[1].0.as_str(), w[1].1), ("7:80", "events.event[1].text"));
        assert!(
            w[1].2
                .starts_with("6 entity references (&e;, &a;, &b;, …) are kept as written"),
            "{}",
            w[1].2
        );
    }

    #[test]
    fn regression_a_long_chain_of_parent_categories_takes_cubic_time() {
        // 2,000 categories each the parent of the next, 2,000 events in the
        // last: the path was worked out (and searched) again for each event.
        let mut text = String::from("<timeline><categories>\n");
        for i in 0..2_000 {
            let parent = if i > 0 {
                format!("<parent>c{}</parent>", i - 1)
            } else {
                String::new()
            };
            writeln!(text, "<category><name>c{i}</name>{parent}</category>").unwrap();
        }
        text.push_str("</categories><events>\n");
        for _ in 0..2_000 {
            text.push_str("<event><start>2000-01-01 00:00:00</start><end>2000-01-01 00:00:00</end><text>t</text><category>c1999</category></event>\n");
        }
        text.push_str("</events></timeline>");
        let started = std::time::Instant::now();
        let doc = load(&text, "chain.timeline");
        assert!(
            started.elapsed() < std::time::Duration::from_mins(1),
            "{:?}",
            started.elapsed()
        );
        let path = &doc.owned_events().unwrap()[0].attributes["category_path"];
        assert!(path.starts_with("…/c1"), "{path}");
        assert!(path.ends_with("/c1998/c1999"), "{path}");
        assert!(path.len() <= MAX_PATH_BYTES + "…/".len(), "{}", path.len());
        let w: Vec<(usize, &str)> = doc
            .warnings
            .iter()
            .map(|w| (w.location.line, w.field.as_str()))
            .collect();
        assert_eq!(w, [(2_001, "categories.category.parent")]);
        assert!(doc.warnings[0].message.contains("\"c1999\""));
        // A short chain is written in full.
        let doc = load(
            "<timeline><categories><category><name>a</name></category><category><name>b</name><parent>a</parent></category></categories><events><event><start>2000-01-01 00:00:00</start><end>2000-01-01 00:00:00</end><text>t</text><category>b</category></event></events></timeline>",
            "short.timeline",
        );
        assert_eq!(
            &doc.owned_events().unwrap()[0].attributes["category_path"],
            "a/b"
        );
        assert!(doc.warnings.is_empty());
    }

    #[test]
    fn regression_a_warning_on_every_event_counts_lines_from_the_start_of_the_file() {
        let mut text = format!(
            "<timeline><version>{}</version><events>",
            "é".repeat(4_000_000)
        );
        for _ in 0..20_000 {
            text.push_str("\n<event><start>someday</start><end>2000-01-01 00:00:00</end><text>t</text></event>");
        }
        text.push_str("\n</events></timeline>");
        let started = std::time::Instant::now();
        let doc = load(&text, "many.timeline");
        assert!(
            started.elapsed() < std::time::Duration::from_mins(1),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(doc.warnings.len(), 20_000);
        let last = &doc.warnings[19_999];
        assert_eq!((last.location.line, last.location.column), (20_001, 8));
        assert_eq!(last.field, "events.event[19999].start");
    }

    #[test]
    fn bom_and_empty_timeline() {
        let doc = load(
            "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<timeline>\n<version>2.0.0</version>\n<timetype>gregoriantime</timetype>\n<categories/>\n<events/>\n</timeline>\n",
            "empty.timeline",
        );
        assert!(doc.owned_events().unwrap().is_empty());
        assert!(doc.warnings.is_empty());
        assert!(doc.notes.iter().any(|n| n == "0 of 0 events imported"));
    }

    #[test]
    fn stamps() {
        let s = Stamp::parse("2013-3-5 1:02:03");
        assert_eq!(
            s.as_ref()
                .ok()
                .and_then(|s| s.date(false).ok())
                .map(|d| d.to_string()),
            Some("2013-03-05T01:02:03".to_owned())
        );
        let s = Stamp::parse("-500-01-01 00:00:00");
        assert_eq!(
            s.as_ref()
                .ok()
                .and_then(|s| s.date(true).ok())
                .map(|d| d.year),
            Some(-500)
        );
        for bad in [
            "",
            "2013-03-30",
            "2013-03-30 11:16",
            "2013/03/30 11:16:00",
            "x-1-1 0:0:0",
            "2013-003-30 00:00:00",
        ] {
            assert!(Stamp::parse(bad).is_err(), "{bad:?}");
        }
        let out_of_range = Stamp::parse("2013-13-01 00:00:00");
        assert!(out_of_range.is_ok_and(|s| s.date(true).is_err()));
    }

    #[test]
    fn garbage_and_truncation_never_panic() {
        let options = ImportOptions::default();
        for text in [
            include_str!("../../../../tests/data/thetimelineproj/project.timeline"),
            include_str!("../../../../tests/data/thetimelineproj/bad-events.timeline"),
        ] {
            let mut cut = 0;
            while cut < text.len() {
                if text.is_char_boundary(cut) {
                    let _ = parse(&text[..cut], Path::new("t"), &options);
                    let _ = sniff(&text[..cut]);
                }
                cut += 5;
            }
        }
        for garbage in [
            "<",
            "<timeline",
            "<timeline><events><event/></events></timeline>",
            "<timeline><events><event><start>-999999999-1-1 0:0:0</start><end>999999999-12-31 23:59:59</end><text>[</text></event></events></timeline>",
            "<timeline><events><event><text>(</text><start>1-1-1 0:0:0</start><end>1-1-1 0:0:0</end></event></events></timeline>",
            "<timeline><categories><category><name>a</name><parent>b</parent></category><category><name>b</name><parent>a</parent></category></categories><events><event><start>2000-01-01 00:00:00</start><end>2000-01-01 00:00:00</end><text>t</text><category>a</category></event></events></timeline>",
            "&&&",
            "<timeline>&bogus;<events/></timeline>",
        ] {
            let _ = parse(garbage, Path::new("g"), &options);
            let _ = sniff(garbage);
        }
        // Categories whose parents form a cycle still give a path.
        let doc = load(
            "<timeline><categories><category><name>a</name><parent>b</parent></category><category><name>b</name><parent>a</parent></category></categories><events><event><start>2000-01-01 00:00:00</start><end>2000-01-01 00:00:00</end><text>t</text><category>a</category></event></events></timeline>",
            "cycle.timeline",
        );
        assert_eq!(
            &doc.owned_events().unwrap()[0].attributes["category_path"],
            "b/a"
        );
    }
}
