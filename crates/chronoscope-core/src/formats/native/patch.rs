//! Saving a native file that was opened, changing only what changed.
//!
//! Why: an analyst's event file is edited by hand and by other tools too. It
//! has fields Chronoscope does not know (a reviewer's `"x-review"`, a
//! script's `"_comment"`), its own key order and indentation, and sources
//! whose texts are `text_file`s. Writing the whole document again
//! ([`super::write::to_json`]) would drop the unknown fields, inline every
//! text and reformat every line: one changed title would show in version
//! control as a rewrite of the file. [`patched`] instead reads the file's
//! text again, compares what it says with the document, and splices the
//! text: what did not change is copied byte for byte, what changed is
//! rewritten in place by the writer's own serialisers, what is new is added
//! to the end of its list and what is gone is taken out. No edit log is
//! needed: the comparison finds the changes, by id for events and sources.
//! [`save_preserving`] writes the result as Save does, keeping the previous
//! file beside it as `NAME.json~`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{Map, Value};

use super::parse;
use super::spans::{self, Member, ScanError};
use super::write::{
    self, Cited, EVENT_KEYS, EVIDENCE_KEYS, EvidenceOut, FILE_KEYS, SOURCE_KEYS, SaveError,
    event_out, evidence_out, head_out, source_out,
};
use crate::formats::LoadError;
use crate::model::{Document, Location};

/// Why a document could not be written as a patch of the text it was read
/// from.
#[derive(Debug, thiserror::Error)]
pub enum PatchError {
    /// The text does not read as a native file: there is nothing to patch.
    #[error(transparent)]
    Unreadable(#[from] LoadError),
    /// The text is not shaped as its reading said: a bug, reported rather
    /// than written.
    #[error("{}:{location}: {field}: {message}", path.display())]
    Shape {
        path: PathBuf,
        location: Location,
        field: String,
        message: String,
    },
    /// A value could not be serialised (never expected).
    #[error("{}: {field}: cannot be written: {source}", path.display())]
    Unwritable {
        path: PathBuf,
        field: String,
        #[source]
        source: serde_json::Error,
    },
}

/// The text to write for `doc` when it was read from `original` (the text of
/// a native file): what did not change is kept byte for byte (unknown
/// fields, key order, formatting, `text_file` references), what changed is
/// rewritten in place, new events and sources are appended to their lists,
/// removed ones are taken out (with their separating comma). With no change
/// at all, the result is `original` itself.
///
/// Events and sources are matched by id; an evidence's source is compared
/// by its id, so sources may be added or removed around it. The file keeps
/// its own order of events. A changed object keeps its keys in their order,
/// its unknown keys and the raw text of the values that did not change;
/// known keys whose new value is empty are dropped, new ones go at its end.
/// A changed evidence list of the same length is patched item by item, so
/// that its items' unknown keys stay too. A source whose text and
/// `text_file` are unchanged keeps its reference (the text file is never
/// written); one whose text changed gets it inline. The version stays, unless
/// what is written needs a later one: 2 for an `author` or an `at`, 3 for a
/// `place`.
///
/// A source's `text_file` is read again from `doc`: the text of the
/// document's source with that `text_file` (empty when none has it).
pub fn patched(original: &str, doc: &Document) -> Result<String, PatchError> {
    // Events read from rows with sources of their own cite them past
    // `sources`: written out, they are sources of the file.
    let owned;
    let doc = if doc.source_count() == doc.sources.len() {
        doc
    } else {
        owned = doc.materialized();
        &owned
    };
    let path = doc.path.clone().unwrap_or_else(|| PathBuf::from(&doc.name));
    let read_text = |name: &str| {
        Ok(doc
            .sources
            .iter()
            .find(|s| s.text_file.as_deref() == Some(name))
            .map_or_else(String::new, |s| s.text.clone()))
    };
    let before = parse(original, &path, &read_text)?;
    Patcher::new(original, path).patch(&before, doc)
}

/// Saves `doc` to `path`: when `original` (the text the document was read
/// from) is given and reads as a native file, writes [`patched`]; else the
/// whole document, as [`super::write::save`] does. Atomic (a temporary file
/// beside `path`, then renamed over it), refuses a target that is not a
/// regular file (a folder, a device, a pipe), and keeps the previous file as
/// `NAME.json~` (a copy of its content, written atomically too, replacing an
/// older backup) when the target exists.
///
/// # Errors
/// When the target is not a regular file, or the backup or the file cannot
/// be written (the previous file is then left as it was).
pub fn save_preserving(
    path: &Path,
    doc: &Document,
    original: Option<&str>,
) -> Result<(), SaveError> {
    let err = |source| SaveError {
        path: path.to_path_buf(),
        source,
    };
    let text = match original.map(|o| patched(o, doc)) {
        Some(Ok(text)) => text,
        None | Some(Err(PatchError::Unreadable(_))) => write::to_json(doc),
        Some(Err(e)) => return Err(err(std::io::Error::other(e))),
    };
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => return Err(err(write::not_regular())),
        Ok(_) => {
            let old = std::fs::read(path).map_err(err)?;
            write::write_atomically(&backup_path(path), |f| f.write_all(&old))?;
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(err(e)),
    }
    write::write_atomically(path, |f| f.write_all(text.as_bytes()))
}

/// `NAME.json~` beside `NAME.json`.
#[must_use]
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push("~");
    path.with_file_name(name)
}

/// What becomes of a known key of an object.
enum Change {
    /// Written with its new value (replacing the old one, or added).
    Set,
    /// Its value replaced by this JSON text (a list patched item by item).
    Text(String),
    /// Taken out.
    Remove,
}

/// How a value is laid out.
#[derive(Clone, Copy)]
enum Layout<'a> {
    /// On one line.
    Line,
    /// On lines, those after the first starting with `indent`, nested
    /// values a `unit` further in.
    Lines { indent: &'a str, unit: &'a str },
}

impl<'a> Layout<'a> {
    fn lines(indent: Option<&'a str>, unit: &'a str) -> Self {
        indent.map_or(Layout::Line, |indent| Layout::Lines { indent, unit })
    }
}

/// The JSON text of a key's new value, laid out as asked.
type Render<'r> = &'r dyn Fn(&str, Layout<'_>) -> String;

/// The changes of an object, by key, in the order of the keys written.
type Changes = Vec<(&'static str, Change)>;

/// An item of a list, or a member of an object, as written out.
struct Out<'t> {
    text: Cow<'t, str>,
    /// Its index among the original's items; `None` for a new one.
    orig: Option<usize>,
}

/// A file's text being patched, and how it is laid out.
struct Patcher<'t> {
    text: &'t str,
    path: PathBuf,
    /// One level of indentation: how the top-level keys are indented.
    unit: String,
    /// The file's line break.
    newline: &'static str,
    /// The version what was written needs: 2 for a source's `author` or
    /// an evidence's `at`, 3 for an event's `place`; 1 for anything else.
    needs: u64,
}

impl<'t> Patcher<'t> {
    fn new(text: &'t str, path: PathBuf) -> Self {
        let newline = match text.find('\n') {
            Some(at) if at > 0 && text.as_bytes().get(at - 1) == Some(&b'\r') => "\r\n",
            _ => "\n",
        };
        Self {
            text,
            path,
            unit: "  ".to_owned(),
            newline,
            needs: 1,
        }
    }

    /// Notes that what is written needs format version `version`.
    fn need(&mut self, version: u64) {
        self.needs = self.needs.max(version);
    }

    fn gap(&self, range: Range<usize>) -> &'t str {
        self.text.get(range).unwrap_or_default()
    }

    fn shape(&self, offset: usize, field: &str, message: String) -> PatchError {
        PatchError::Shape {
            path: self.path.clone(),
            location: Location::of_offset(self.text, offset),
            field: field.to_owned(),
            message,
        }
    }

    fn scanned(&self, field: &str) -> impl Fn(ScanError) -> PatchError + '_ {
        let field = field.to_owned();
        move |e| self.shape(e.offset, &field, format!("expected {}", e.expected))
    }

    /// `value` as a JSON object, as the writer writes it.
    fn map(&self, value: &impl Serialize, field: &str) -> Result<Map<String, Value>, PatchError> {
        match serde_json::to_value(value) {
            Ok(Value::Object(map)) => Ok(map),
            Ok(_) => Ok(Map::new()),
            Err(source) => Err(PatchError::Unwritable {
                path: self.path.clone(),
                field: field.to_owned(),
                source,
            }),
        }
    }

    /// The whitespace that starts the line `at` is on.
    fn line_indent(&self, at: usize) -> &'t str {
        let start = self
            .text
            .get(..at)
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1);
        let rest = self.text.get(start..).unwrap_or_default();
        let n = rest
            .bytes()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
        rest.get(..n).unwrap_or_default()
    }

    /// `value` as the writer writes it, on lines (indented by `unit`,
    /// broken by `\n`) or on one line.
    fn serialize<T: Serialize + ?Sized>(value: &T, unit: Option<&str>) -> String {
        let mut out = Vec::new();
        // Serialising into memory cannot fail: the writer's values are
        // strings, numbers, lists and maps with string keys.
        let _ = match unit {
            Some(unit) => value.serialize(&mut serde_json::Serializer::with_formatter(
                &mut out,
                serde_json::ser::PrettyFormatter::with_indent(unit.as_bytes()),
            )),
            None => value.serialize(&mut serde_json::Serializer::with_formatter(
                &mut out, OneLine,
            )),
        };
        String::from_utf8(out).unwrap_or_default()
    }

    /// `value` as JSON text, laid out as `layout` says.
    fn render<T: Serialize + ?Sized>(&self, value: &T, layout: Layout<'_>) -> String {
        match layout {
            Layout::Line => Self::serialize(value, None),
            // JSON strings hold no line breaks: each is one of the layout's.
            Layout::Lines { indent, unit } => Self::serialize(value, Some(unit))
                .replace('\n', &format!("{}{indent}", self.newline)),
        }
    }

    /// The value of member `key` of `object` (a struct as the writer
    /// writes it), rendered as [`Patcher::render`] renders a value: cut
    /// from the whole object so that it is written exactly as the writer
    /// writes it, key order included.
    fn member<T: Serialize>(&self, object: &T, key: &str, layout: Layout<'_>) -> Option<String> {
        let unit = match layout {
            Layout::Line => None,
            Layout::Lines { unit, .. } => Some(unit),
        };
        let whole = Self::serialize(object, unit);
        let (_, members) = spans::object(&whole, 0).ok()?;
        let raw = whole.get(members.iter().find(|m| m.key == key)?.value.clone())?;
        let Layout::Lines { indent, unit } = layout else {
            return Some(raw.to_owned());
        };
        // Its lines are one level in: the object's.
        let lines: Vec<&str> = raw
            .split('\n')
            .enumerate()
            .map(|(i, line)| match line.strip_prefix(unit) {
                Some(rest) if i > 0 => rest,
                _ => line,
            })
            .collect();
        Some(lines.join(&format!("{}{indent}", self.newline)))
    }

    /// A closure giving the value of each key of `object` (as the writer
    /// writes it), or of `map` (the same, as a JSON object) should the
    /// object lack it.
    fn members_of<'a, T: Serialize>(
        &'a self,
        object: &'a T,
        map: &'a Map<String, Value>,
    ) -> impl Fn(&str, Layout<'_>) -> String + 'a {
        move |key, layout| {
            self.member(object, key, layout).unwrap_or_else(|| {
                let value = map.get(key).unwrap_or(&Value::Null);
                self.render(value, layout)
            })
        }
    }

    /// One level of indentation inside a container laid out one item per
    /// line: its items' indentation less its own; else the file's.
    fn unit_in(&self, span: &Range<usize>, items: &[Range<usize>]) -> String {
        let outer = self.line_indent(span.start);
        items
            .first()
            .filter(|_| self.one_per_line(span, items))
            .and_then(|first| self.line_indent(first.start).strip_prefix(outer))
            .filter(|unit| !unit.is_empty())
            .unwrap_or(&self.unit)
            .to_owned()
    }

    /// One level of indentation inside the objects of a list: as inside its
    /// first item, when that is an object.
    fn unit_of_items(&self, items: &[Range<usize>]) -> String {
        items
            .first()
            .and_then(|first| spans::object(self.text, first.start).ok())
            .map_or_else(
                || self.unit.clone(),
                |(span, members)| {
                    let spans: Vec<Range<usize>> = members.iter().map(Member::span).collect();
                    self.unit_in(&span, &spans)
                },
            )
    }

    /// Whether each item of a container (spans `items` in `span`) starts a
    /// line of its own, as in the files the writer writes.
    fn one_per_line(&self, span: &Range<usize>, items: &[Range<usize>]) -> bool {
        let Some(first) = items.first() else {
            return false;
        };
        self.gap(span.start..first.start).contains('\n')
            && items
                .windows(2)
                .all(|w| self.gap(w[0].end..w[1].start).contains('\n'))
    }

    /// Whether a container's items (spans `items` in `span`) are laid out
    /// on lines: any line break between them or at its ends.
    fn spread(&self, span: &Range<usize>, items: &[Range<usize>]) -> bool {
        let (Some(first), Some(last)) = (items.first(), items.last()) else {
            return self.gap(span.clone()).contains('\n');
        };
        self.gap(span.start..first.start).contains('\n')
            || self.gap(last.end..span.end).contains('\n')
            || items
                .windows(2)
                .any(|w| self.gap(w[0].end..w[1].start).contains('\n'))
    }

    /// What goes between two items: the last separator of the list, or
    /// one like the space after its opening bracket.
    fn separator(&self, span: &Range<usize>, items: &[Range<usize>]) -> String {
        match items {
            [.., a, b] => self.gap(a.end..b.start).to_owned(),
            [only] => format!(",{}", self.gap(span.start + 1..only.start)),
            [] => ", ".to_owned(),
        }
    }

    /// The indentation of a new item of a container: as its last item's,
    /// for one laid out on lines; `None` for one on a line. An empty
    /// container is laid out on lines when `spread_if_empty`.
    fn item_indent(
        &self,
        span: &Range<usize>,
        items: &[Range<usize>],
        spread_if_empty: bool,
    ) -> Option<String> {
        if items.is_empty() {
            return spread_if_empty
                .then(|| format!("{}{}", self.line_indent(span.start), self.unit));
        }
        let separator = self.separator(span, items);
        separator
            .rfind('\n')
            .map(|at| separator.get(at + 1..).unwrap_or_default().to_owned())
    }

    /// The container at `span` (a list, or an object whose members are
    /// `items`) with `out` for its items: between two original items that
    /// stay neighbours, the text that was between them; around new ones,
    /// its usual separator.
    fn join(
        &self,
        span: &Range<usize>,
        items: &[Range<usize>],
        out: &[Out<'_>],
        spread_if_empty: bool,
    ) -> String {
        let open = self.gap(span.start..span.start + 1);
        let close = self.gap(span.end.saturating_sub(1)..span.end);
        let texts = || out.iter().map(|o| o.text.as_ref()).collect::<Vec<_>>();
        let (Some(first), Some(last)) = (items.first(), items.last()) else {
            if out.is_empty() {
                return self.gap(span.clone()).to_owned();
            }
            if !spread_if_empty {
                return format!("{open}{}{close}", texts().join(", "));
            }
            let base = self.line_indent(span.start);
            let inner = format!("{}{base}{}", self.newline, self.unit);
            return format!(
                "{open}{inner}{}{}{base}{close}",
                texts().join(&format!(",{inner}")),
                self.newline
            );
        };
        if out.is_empty() {
            return format!("{open}{close}");
        }
        let separator = self.separator(span, items);
        let mut text = String::with_capacity(span.len() + 64);
        text.push_str(self.gap(span.start..first.start));
        for (k, item) in out.iter().enumerate() {
            text.push_str(&item.text);
            if k + 1 == out.len() {
                break;
            }
            match item.orig {
                Some(i) if i + 1 < items.len() => {
                    text.push_str(self.gap(items[i].end..items[i + 1].start));
                }
                _ => text.push_str(&separator),
            }
        }
        text.push_str(self.gap(last.end..span.end));
        text
    }

    /// The object at `span` with `changes` made to its `members`: the
    /// others, and the keys and colons of those changed, as they are. New
    /// keys go at the end, or, with an `order` of keys, before the first
    /// member that comes after them in it.
    fn patch_object(
        &self,
        span: &Range<usize>,
        members: &[Member],
        changes: &Changes,
        order: &[&str],
        render: Render<'_>,
    ) -> String {
        let items: Vec<Range<usize>> = members.iter().map(Member::span).collect();
        let spread = self.spread(span, &items);
        let colon = members
            .first()
            .map_or(": ", |m| self.gap(m.key_span.end..m.value.start));
        let indent = self.item_indent(span, &items, spread);
        let unit = self.unit_in(span, &items);
        // A new key's value on lines when every key has a line, as the
        // writer lays objects out.
        let one_per_line = items.is_empty() || self.one_per_line(span, &items);
        let value_layout = Layout::lines(indent.as_deref().filter(|_| one_per_line), &unit);
        let change_of = |key: &str| changes.iter().find(|(k, _)| *k == key).map(|(_, c)| c);
        // New keys, with the member they go before (`None`: at the end).
        let mut added: Vec<(Option<usize>, String)> = Vec::new();
        for (key, change) in changes {
            let Change::Set = change else {
                continue;
            };
            if members.iter().any(|m| m.key == *key) {
                continue;
            }
            let later = order
                .iter()
                .position(|k| k == key)
                .and_then(|at| order.get(at + 1..));
            let before = later
                .and_then(|later| members.iter().position(|m| later.contains(&m.key.as_str())));
            let name = serde_json::Value::String((*key).to_owned()).to_string();
            let value = render(key, value_layout);
            added.push((before, format!("{name}{colon}{value}")));
        }
        let new_before = |at: Option<usize>| {
            added
                .iter()
                .filter(move |(before, _)| *before == at)
                .map(|(_, text)| Out {
                    text: Cow::Borrowed(text.as_str()),
                    orig: None,
                })
        };
        let mut out: Vec<Out<'_>> = Vec::with_capacity(members.len() + added.len());
        for (i, member) in members.iter().enumerate() {
            out.extend(new_before(Some(i)));
            let key_and_colon = || self.gap(member.key_span.start..member.value.start);
            let text = match change_of(&member.key) {
                None => Cow::Borrowed(self.gap(items[i].clone())),
                Some(Change::Remove) => continue,
                Some(Change::Text(text)) => Cow::Owned(format!("{}{text}", key_and_colon())),
                Some(Change::Set) => {
                    // On lines if the old value was, or was empty in an
                    // object of a key per line.
                    let old = self.gap(member.value.clone());
                    let lines = old.contains('\n')
                        || (one_per_line && matches!(old, "null" | "[]" | "{}" | "\"\""));
                    let indent = lines.then(|| self.line_indent(member.key_span.start));
                    let value = render(&member.key, Layout::lines(indent, &unit));
                    Cow::Owned(format!("{}{value}", key_and_colon()))
                }
            };
            out.push(Out {
                text,
                orig: Some(i),
            });
        }
        out.extend(new_before(None));
        self.join(span, &items, &out, spread)
    }

    /// Splices the text for `doc`, which was read as `before`.
    fn patch(mut self, before: &Document, doc: &Document) -> Result<String, PatchError> {
        let text = self.text;
        let bytes = text.as_bytes();
        let body = usize::from(text.starts_with('\u{feff}')) * '\u{feff}'.len_utf8();
        let root_at = spans::skip_ws(bytes, body);
        let (root, members) = spans::object(text, root_at).map_err(self.scanned(""))?;
        if let Some(first) = members.first()
            && let Some(line) = self.gap(root.start + 1..first.key_span.start).rfind('\n')
        {
            let unit = self.gap(root.start + 1 + line + 1..first.key_span.start);
            if !unit.is_empty() {
                unit.clone_into(&mut self.unit);
            }
        }
        let spread = self.spread(&root, &members.iter().map(Member::span).collect::<Vec<_>>());

        let new_head = head_out(doc);
        let old_map = self.map(&head_out(before), "")?;
        let new_map = self.map(&new_head, "")?;
        let mut changes = diff(&old_map, &new_map, &FILE_KEYS[1..5]);
        let before_cited = Cited::new(&before.sources);
        let doc_cited = Cited::new(&doc.sources);
        if let Some(change) = self.patch_sources(&members, before, doc, spread)? {
            changes.push(("sources", change));
        }
        if let Some(change) =
            self.patch_events(&members, (before, &before_cited), (doc, &doc_cited), spread)?
        {
            changes.push(("events", change));
        }
        if changes.is_empty() {
            return Ok(text.to_owned());
        }
        if let Some(version) = members.iter().find(|m| m.key == "chronoscope")
            && serde_json::from_str::<u64>(self.gap(version.value.clone()))
                .is_ok_and(|v| v < self.needs)
        {
            changes.push(("chronoscope", Change::Text(self.needs.to_string())));
        }
        // Lists of sources or events given whole (none was in the file).
        let head = self.members_of(&new_head, &new_map);
        let render = |key: &str, layout: Layout<'_>| match key {
            "sources" => {
                let sources: Vec<_> = doc.sources.iter().map(source_out).collect();
                self.render(&sources, layout)
            }
            "events" => {
                let events: Vec<_> = doc.iter_events().collect();
                let events: Vec<_> = events.iter().map(|e| event_out(e, &doc_cited)).collect();
                self.render(&events, layout)
            }
            _ => head(key, layout),
        };
        let patched = self.patch_object(&root, &members, &changes, &FILE_KEYS, &render);
        Ok(format!(
            "{}{patched}{}",
            self.gap(0..root.start),
            self.gap(root.end..text.len())
        ))
    }

    /// The list of sources, if it changed.
    fn patch_sources(
        &mut self,
        root: &[Member],
        before: &Document,
        doc: &Document,
        spread: bool,
    ) -> Result<Option<Change>, PatchError> {
        let list = root
            .iter()
            .find(|m| m.key == "sources")
            .filter(|m| self.text.as_bytes().get(m.value.start) == Some(&b'['));
        let Some(list) = list else {
            // No list (or `null`): the document's sources, if any, are new.
            if doc.sources.is_empty() {
                return Ok(None);
            }
            if doc.sources.iter().any(|s| s.author.is_some()) {
                self.need(2);
            }
            return Ok(Some(Change::Set));
        };
        let (span, items) =
            spans::array(self.text, list.value.start).map_err(self.scanned("sources"))?;
        let old_ids: HashMap<&str, usize> = before
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let new_ids: HashMap<&str, usize> = doc
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let mut matched = vec![false; doc.sources.len()];
        let mut out = Vec::with_capacity(items.len());
        let mut edited = false;
        for (i, item) in items.iter().enumerate() {
            let field = format!("sources[{i}]");
            let (object, members) =
                spans::object(self.text, item.start).map_err(self.scanned(&field))?;
            let id = self.string_member(&members, "id", &field)?;
            let Some(&n) = new_ids.get(id.as_str()) else {
                edited = true;
                continue;
            };
            matched[n] = true;
            let (Some(new), Some(old)) = (
                doc.sources.get(n),
                old_ids
                    .get(id.as_str())
                    .and_then(|&o| before.sources.get(o)),
            ) else {
                return Err(self.shape(item.start, &field, format!("source {id:?} was not read")));
            };
            let keep = Out {
                text: Cow::Borrowed(self.gap(item.clone())),
                orig: Some(i),
            };
            if new == old {
                out.push(keep);
                continue;
            }
            let new_out = source_out(new);
            let old_map = self.map(&source_out(old), &field)?;
            let new_map = self.map(&new_out, &field)?;
            let mut changes = diff(&old_map, &new_map, &SOURCE_KEYS);
            // The text: kept as it is given (inline or a file) while it is
            // the same; else written inline.
            changes.retain(|(key, _)| *key != "text");
            if (&new.text, &new.text_file) != (&old.text, &old.text_file) {
                changes.push(("text", Change::Set));
                changes.push(("text_file", Change::Remove));
            }
            if changes.is_empty() {
                out.push(keep);
                continue;
            }
            if changes
                .iter()
                .any(|(k, c)| *k == "author" && matches!(c, Change::Set))
            {
                self.need(2);
            }
            let render = self.members_of(&new_out, &new_map);
            out.push(Out {
                text: Cow::Owned(self.patch_object(&object, &members, &changes, &[], &render)),
                orig: Some(i),
            });
            edited = true;
        }
        let indent = self.item_indent(&span, &items, spread);
        let unit = self.unit_of_items(&items);
        let layout = Layout::lines(indent.as_deref(), &unit);
        for (source, _) in doc.sources.iter().zip(&matched).filter(|(_, m)| !**m) {
            if source.author.is_some() {
                self.need(2);
            }
            out.push(Out {
                text: Cow::Owned(self.render(&source_out(source), layout)),
                orig: None,
            });
            edited = true;
        }
        Ok(edited.then(|| Change::Text(self.join(&span, &items, &out, spread))))
    }

    /// The list of events, if it changed.
    fn patch_events(
        &mut self,
        root: &[Member],
        (before, before_cited): (&Document, &Cited<'_>),
        (doc, doc_cited): (&Document, &Cited<'_>),
        spread: bool,
    ) -> Result<Option<Change>, PatchError> {
        let Some(list) = root.iter().find(|m| m.key == "events") else {
            return Err(self.shape(0, "events", "no list of events".to_owned()));
        };
        let ids = |d: &Document| -> HashMap<String, usize> {
            d.iter_events()
                .enumerate()
                .map(|(i, e)| (e.id.clone(), i))
                .collect()
        };
        let (old_ids, new_ids) = (ids(before), ids(doc));
        if self.text.as_bytes().get(list.value.start) != Some(&b'[') {
            // `null`: the document's events, if any, are new.
            if doc.event_count() == 0 {
                return Ok(None);
            }
            for event in doc.iter_events() {
                let needs = version_of(&self.map(&event_out(&event, doc_cited), "events")?);
                self.need(needs);
            }
            return Ok(Some(Change::Set));
        }
        let (span, items) =
            spans::array(self.text, list.value.start).map_err(self.scanned("events"))?;
        // Evidence cites sources by index: equal indices are equal sources
        // when the sources before are where they were.
        let same_sources = before.sources.len() <= doc.sources.len()
            && before
                .sources
                .iter()
                .zip(&doc.sources)
                .all(|(a, b)| a.id == b.id);
        let mut matched = vec![false; doc.event_count()];
        let mut out = Vec::with_capacity(items.len());
        let mut edited = false;
        for (i, item) in items.iter().enumerate() {
            let field = format!("events[{i}]");
            let (object, members) =
                spans::object(self.text, item.start).map_err(self.scanned(&field))?;
            let id = self.string_member(&members, "id", &field)?;
            let Some(&n) = new_ids.get(&id) else {
                edited = true;
                continue;
            };
            if let Some(m) = matched.get_mut(n) {
                *m = true;
            }
            let (Some(new), Some(old)) = (
                doc.event_uncached(n),
                old_ids.get(&id).and_then(|&o| before.event_uncached(o)),
            ) else {
                return Err(self.shape(item.start, &field, format!("event {id:?} was not read")));
            };
            let keep = Out {
                text: Cow::Borrowed(self.gap(item.clone())),
                orig: Some(i),
            };
            if same_sources && *new == *old {
                out.push(keep);
                continue;
            }
            let new_out = event_out(&new, doc_cited);
            let old_map = self.map(&event_out(&old, before_cited), &field)?;
            let new_map = self.map(&new_out, &field)?;
            if old_map == new_map {
                out.push(keep);
                continue;
            }
            let mut changes = diff(&old_map, &new_map, &EVENT_KEYS);
            if changes
                .iter()
                .any(|(k, c)| *k == "place" && matches!(c, Change::Set))
            {
                self.need(3);
            }
            if let Some((_, change)) = changes.iter_mut().find(|(k, _)| *k == "evidence") {
                let evidence: Vec<_> = new
                    .evidence
                    .iter()
                    .filter_map(|e| evidence_out(e, doc_cited))
                    .collect();
                *change = self.evidence_change(&members, &old_map, &new_map, &evidence, &field)?;
            }
            let render = self.members_of(&new_out, &new_map);
            out.push(Out {
                text: Cow::Owned(self.patch_object(&object, &members, &changes, &[], &render)),
                orig: Some(i),
            });
            edited = true;
        }
        let indent = self.item_indent(&span, &items, spread);
        let unit = self.unit_of_items(&items);
        let layout = Layout::lines(indent.as_deref(), &unit);
        for (n, _) in matched.iter().enumerate().filter(|(_, m)| !**m) {
            let Some(event) = doc.event_uncached(n) else {
                continue;
            };
            let new_out = event_out(&event, doc_cited);
            let needs = version_of(&self.map(&new_out, "events")?);
            self.need(needs);
            out.push(Out {
                text: Cow::Owned(self.render(&new_out, layout)),
                orig: None,
            });
            edited = true;
        }
        Ok(edited.then(|| Change::Text(self.join(&span, &items, &out, spread))))
    }

    /// The change of an event's evidence list (an event object's
    /// `members`): item by item when the list in the file is as long as
    /// both the old and the new, so that the items' unknown keys stay; else
    /// the new list whole.
    fn evidence_change(
        &mut self,
        members: &[Member],
        old_event: &Map<String, Value>,
        new_event: &Map<String, Value>,
        evidence: &[EvidenceOut<'_>],
        field: &str,
    ) -> Result<Change, PatchError> {
        let whole = |patcher: &mut Self| {
            if new_event.contains_key("evidence") {
                if cites_at(new_event) {
                    patcher.need(2);
                }
                Change::Set
            } else {
                Change::Remove
            }
        };
        let (Some(Value::Array(old)), Some(Value::Array(new))) =
            (old_event.get("evidence"), new_event.get("evidence"))
        else {
            return Ok(whole(self));
        };
        let list = members
            .iter()
            .find(|m| m.key == "evidence")
            .filter(|m| self.text.as_bytes().get(m.value.start) == Some(&b'['));
        let Some(list) = list else {
            return Ok(whole(self));
        };
        let field = format!("{field}.evidence");
        let (span, items) =
            spans::array(self.text, list.value.start).map_err(self.scanned(&field))?;
        if old.len() != new.len() || items.len() != old.len() || evidence.len() != new.len() {
            return Ok(whole(self));
        }
        let mut out = Vec::with_capacity(items.len());
        for (j, (((old, new), item), typed)) in
            old.iter().zip(new).zip(&items).zip(evidence).enumerate()
        {
            if old == new {
                out.push(Out {
                    text: Cow::Borrowed(self.gap(item.clone())),
                    orig: Some(j),
                });
                continue;
            }
            let (Value::Object(old), Value::Object(new)) = (old, new) else {
                return Ok(whole(self));
            };
            let (object, members) = spans::object(self.text, item.start)
                .map_err(self.scanned(&format!("{field}[{j}]")))?;
            let changes = diff(old, new, &EVIDENCE_KEYS);
            if changes
                .iter()
                .any(|(k, c)| *k == "at" && matches!(c, Change::Set))
            {
                self.need(2);
            }
            let render = self.members_of(typed, new);
            out.push(Out {
                text: Cow::Owned(self.patch_object(&object, &members, &changes, &[], &render)),
                orig: Some(j),
            });
        }
        let spread = self.spread(&span, &items);
        Ok(Change::Text(self.join(&span, &items, &out, spread)))
    }

    /// The string value of member `key` of an object at `field`.
    fn string_member(
        &self,
        members: &[Member],
        key: &str,
        field: &str,
    ) -> Result<String, PatchError> {
        let member = members.iter().find(|m| m.key == key);
        let value = member.and_then(|m| serde_json::from_str(self.gap(m.value.clone())).ok());
        value.ok_or_else(|| {
            let at = member.map_or(0, |m| m.value.start);
            self.shape(
                at,
                &format!("{field}.{key}"),
                "expected a string".to_owned(),
            )
        })
    }
}

/// The changes from `old` to `new` (objects as the writer writes them) of
/// the keys `keys`: a key whose value is left out (empty) is removed.
fn diff(old: &Map<String, Value>, new: &Map<String, Value>, keys: &[&'static str]) -> Changes {
    keys.iter()
        .filter(|key| old.get(**key) != new.get(**key))
        .map(|&key| match new.get(key) {
            Some(_) => (key, Change::Set),
            None => (key, Change::Remove),
        })
        .collect()
}

/// The version an event, as written whole, needs: 3 with a place, 2 with
/// evidence that has an `at`, else 1.
fn version_of(event: &Map<String, Value>) -> u64 {
    if event.contains_key("place") {
        3
    } else if cites_at(event) {
        2
    } else {
        1
    }
}

/// Whether an event, as written, has evidence with an `at` (version 2).
fn cites_at(event: &Map<String, Value>) -> bool {
    event
        .get("evidence")
        .and_then(Value::as_array)
        .is_some_and(|list| list.iter().any(|e| e.get("at").is_some()))
}

/// JSON on one line, with a space after each comma and colon, as files
/// laid out by hand often are.
struct OneLine;

impl serde_json::ser::Formatter for OneLine {
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        if first {
            Ok(())
        } else {
            writer.write_all(b", ")
        }
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
    ) -> std::io::Result<()> {
        writer.write_all(b": ")
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::{
        Date, DocumentBuilder, Event, Evidence, Place, PlacePrecision, Source, quote,
    };

    fn repo() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    fn read_beside(path: &Path) -> impl Fn(&str) -> std::io::Result<String> + '_ {
        move |name: &str| crate::formats::files::read_beside(path, name)
    }

    /// A fixture's text and the document opened from it.
    fn open(path: &Path) -> (String, Document) {
        let text = std::fs::read_to_string(path).unwrap();
        let doc = parse(&text, path, &read_beside(path)).unwrap();
        (text, doc)
    }

    /// `doc` made again through a builder, with `edit` made to it first.
    fn rebuild(doc: &Document, edit: impl FnOnce(&mut DocumentBuilder)) -> Document {
        let mut builder = DocumentBuilder {
            path: doc.path.clone(),
            name: doc.name.clone(),
            title: doc.title.clone(),
            description: doc.description.clone(),
            format: doc.format.clone(),
            category_colors: doc.category_colors.clone(),
            periods: doc.periods.clone(),
            sources: doc.sources.clone(),
            events: doc.iter_events().map(|e| (*e).clone()).collect(),
            ..DocumentBuilder::default()
        };
        edit(&mut builder);
        builder.build()
    }

    /// The events of `doc` by id, their evidence citing sources by id.
    fn events_by_id(doc: &Document) -> BTreeMap<String, (Event, Vec<String>)> {
        doc.iter_events()
            .map(|e| {
                let mut event = (*e).clone();
                let cited = event
                    .evidence
                    .iter_mut()
                    .map(|ev| {
                        let id = doc.sources[ev.source].id.clone();
                        ev.source = 0;
                        id
                    })
                    .collect();
                (event.id.clone(), (event, cited))
            })
            .collect()
    }

    /// Asserts that `text` reads (texts beside `path`) as `doc` says.
    fn assert_reads_as(text: &str, path: &Path, doc: &Document) {
        let again = parse(text, path, &read_beside(path))
            .unwrap_or_else(|e| panic!("the patched text does not read: {e}\n{text}"));
        assert_eq!(events_by_id(&again), events_by_id(doc), "{text}");
        let sources = |d: &Document| -> BTreeMap<String, Source> {
            d.sources
                .iter()
                .map(|s| (s.id.clone(), s.clone()))
                .collect()
        };
        assert_eq!(sources(&again), sources(doc), "{text}");
        assert_eq!(again.title, doc.title);
        assert_eq!(again.description, doc.description);
        assert_eq!(again.category_colors, doc.category_colors);
        assert_eq!(again.periods, doc.periods);
    }

    /// The text of each event object of a native text, by id.
    fn event_texts(text: &str) -> BTreeMap<String, String> {
        let at = spans::skip_ws(text.as_bytes(), 0);
        let (_, members) = spans::object(text, at).unwrap();
        let list = members.iter().find(|m| m.key == "events").unwrap();
        let (_, items) = spans::array(text, list.value.start).unwrap();
        items
            .into_iter()
            .map(|item| {
                let (_, members) = spans::object(text, item.start).unwrap();
                let id = members.iter().find(|m| m.key == "id").unwrap();
                let id: String = serde_json::from_str(&text[id.value.clone()]).unwrap();
                (id, text[item].to_owned())
            })
            .collect()
    }

    /// Evidence for `quote` in `source`, located as a reader locates it.
    fn evidence(doc: &DocumentBuilder, source: usize, quote_text: &str, hint: usize) -> Evidence {
        let text = &doc.sources[source].text;
        let location = quote::locate_near(text, quote_text, hint);
        Evidence {
            source,
            quote: quote_text.to_owned(),
            note: Some("added".to_owned()),
            at: location
                .as_ref()
                .map(|r| quote::CharOffsets::new(text).char_of(r.start)),
            location,
        }
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("chronoscope-patch-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn json_files(dir: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        files
    }

    #[test]
    fn every_native_fixture_comes_back_byte_for_byte() {
        let root = repo();
        let dir = temp_dir("fixtures");
        let mut native = 0;
        for path in [
            json_files(&root.join("tests/data")),
            json_files(&root.join("assets")),
            json_files(&root.join("tests/data/bad")),
        ]
        .concat()
        {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let Ok(doc) = crate::formats::load_file(&path) else {
                continue;
            };
            if doc.format != "Chronoscope JSON" {
                continue;
            }
            native += 1;
            let name = path.display();
            assert!(patched(&text, &doc).unwrap() == text, "{name}");
            // Saved over a copy: the same bytes, and the copy as the backup.
            let copy = dir.join(path.file_name().unwrap());
            std::fs::write(&copy, &text).unwrap();
            save_preserving(&copy, &doc, Some(&text)).unwrap();
            assert!(std::fs::read(&copy).unwrap() == text.as_bytes(), "{name}");
            assert!(std::fs::read(backup_path(&copy)).unwrap() == text.as_bytes());
        }
        assert!(native >= 10, "{native} native fixtures");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn edits_are_made_in_place_and_the_rest_is_kept() {
        let path = repo().join("tests/data/unknown-fields.json");
        let (text, doc) = open(&path);
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        // The second "walls fell", as its `at` says.
        let walls = &doc
            .event(doc.event_by_id("walls").unwrap())
            .unwrap()
            .evidence[0];
        assert_eq!(walls.location.as_ref().map(|r| r.start), Some(28));
        let edited = rebuild(&doc, |b| {
            let treaty = b.events.iter_mut().find(|e| e.id == "treaty").unwrap();
            "Treaty of the square".clone_into(&mut treaty.title);
            b.events.retain(|e| e.id != "siege");
            b.sources[0].published = Some(Date::parse("2002").unwrap());
            let mut added = Source::new("added", "An added source", "Peace came. Peace came back.");
            added.author = Some("A. Author".to_owned());
            b.sources.push(added);
            let mut event = Event::new("peace", "Peace", Date::parse("2000-07").unwrap());
            event.evidence = vec![evidence(b, 2, "Peace came", 12)];
            event.tags = vec!["new".to_owned()];
            b.events.push(event);
        });
        let out = patched(&text, &edited).unwrap();
        assert_reads_as(&out, &path, &edited);
        for unknown in [
            r#""x-generator": { "name": "a script", "version": [1, 2] }"#,
            r#""x-trailing": null"#,
            r#""x-archive": "box 7""#,
            r#""x-kind": "note""#,
            r#""x-review": { "status": "disputed", "by": ["rk", "mh"] }"#,
            r#""_comment": "from the note""#,
            r#""x-checked-by": "rk""#,
        ] {
            assert!(out.contains(unknown), "{unknown} lost:\n{out}");
        }
        // Untouched events as they were; the changed one line by line.
        let (before, after) = (event_texts(&text), event_texts(&out));
        for id in ["founding", "walls"] {
            assert_eq!(after[id], before[id], "{id}");
        }
        assert!(!after.contains_key("siege") && !out.contains("x-confidence"));
        assert_eq!(
            after["treaty"],
            before["treaty"].replace("\"Treaty\"", "\"Treaty of the square\"")
        );
        // The source keeps its text file; its date changes in place.
        assert!(
            out.contains(
                "            \"text_file\": \"siege-chronicle.txt\",\n            \"id\": \"chronicle\",\n            \"x-archive\": \"box 7\",\n            \"published\": \"2002\",\n"
            ),
            "{out}"
        );
        // New items are indented as their neighbours.
        assert!(out.contains("\n\t{\n\t\t\"id\": \"peace\",\n"), "{out}");
        assert!(
            out.contains("\n        {\n            \"id\": \"added\",\n"),
            "{out}"
        );
        assert!(out.contains("\"at\": 12"), "{out}");
    }

    #[test]
    fn one_changed_title_changes_one_line() {
        let path = repo().join("assets/nk-troops.json");
        let (text, doc) = open(&path);
        let id = doc.event(0).unwrap().id.clone();
        let edited = rebuild(&doc, |b| {
            let event = b.events.iter_mut().find(|e| e.id == id).unwrap();
            "A new title".clone_into(&mut event.title);
        });
        let out = patched(&text, &edited).unwrap();
        assert_reads_as(&out, &path, &edited);
        let changed: Vec<(&str, &str)> = text
            .lines()
            .zip(out.lines())
            .filter(|(a, b)| a != b)
            .collect();
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert!(changed[0].1.ends_with("\"title\": \"A new title\","));
        assert_eq!(text.lines().count(), out.lines().count());
        // Version 1 stays: nothing written needs 2.
        assert!(out.contains("\"chronoscope\": 1,"));
    }

    #[test]
    fn what_needs_version_2_makes_the_file_version_2() {
        let path = repo().join("assets/nk-troops.json");
        let (text, doc) = open(&path);
        let edited = rebuild(&doc, |b| {
            b.sources[0].author = Some("Staff".to_owned());
        });
        let out = patched(&text, &edited).unwrap();
        assert_reads_as(&out, &path, &edited);
        assert!(out.contains("\"chronoscope\": 2,"));
        assert!(
            out.contains(
                "      \"text_file\": \"nk-troops-article.txt\",\n      \"author\": \"Staff\"\n"
            ),
            "{out}"
        );
        // A quote moved to another occurrence is written with its `at`.
        let edited = rebuild(&doc, |b| {
            let moved = Evidence {
                note: None,
                ..evidence(b, 0, "North Korea", 900)
            };
            assert!(moved.at.is_some_and(|at| at > 800));
            b.events[1].evidence[0] = moved;
        });
        let out = patched(&text, &edited).unwrap();
        assert_reads_as(&out, &path, &edited);
        assert!(out.contains("\"chronoscope\": 2,"));
    }

    #[test]
    fn a_place_is_spliced_in_changed_and_taken_out_and_needs_version_3() {
        let path = repo().join("assets/nk-troops.json");
        let (text, doc) = open(&path);
        let id = doc.event(0).unwrap().id.clone();
        let with_place = |place: Option<Place>| {
            rebuild(&doc, |b| {
                b.events.iter_mut().find(|e| e.id == id).unwrap().place = place.map(Box::new);
            })
        };
        let pyongyang = Place {
            lat: 39.0392,
            lon: 125.7625,
            name: Some("Pyongyang".to_owned()),
            precision: Some(PlacePrecision::Town),
        };
        let added = with_place(Some(pyongyang.clone()));
        let out = patched(&text, &added).unwrap();
        assert_reads_as(&out, &path, &added);
        // The version and the place are all that is new.
        let place_lines = "      \"place\": {\n        \"lat\": 39.0392,\n        \"lon\": 125.7625,\n        \"name\": \"Pyongyang\",\n        \"precision\": \"town\"\n      }";
        assert!(out.contains(place_lines), "{out}");
        assert!(out.contains("\"chronoscope\": 3,"), "{out}");
        let changed: Vec<(&str, &str)> = text
            .lines()
            .zip(out.lines())
            .filter(|(a, b)| a != b)
            .collect();
        assert_eq!(
            changed[0],
            ("  \"chronoscope\": 1,", "  \"chronoscope\": 3,")
        );
        assert_eq!(out.lines().count(), text.lines().count() + 6, "{out}");

        // Renamed: one line changes.
        let renamed = with_place(Some(Place {
            name: Some("P'yŏngyang".to_owned()),
            ..pyongyang
        }));
        let again = patched(&out, &renamed).unwrap();
        assert_reads_as(&again, &path, &renamed);
        let changed: Vec<(&str, &str)> = out
            .lines()
            .zip(again.lines())
            .filter(|(a, b)| a != b)
            .collect();
        assert_eq!(
            changed,
            [(
                "        \"name\": \"Pyongyang\",",
                "        \"name\": \"P'yŏngyang\","
            )]
        );

        // Taken out: the file as it was, but for its version.
        let removed = patched(&again, &doc).unwrap();
        assert_reads_as(&removed, &path, &doc);
        assert_eq!(
            removed,
            text.replace("\"chronoscope\": 1,", "\"chronoscope\": 3,")
        );

        // A place in an object laid out by hand is written as its members are.
        let path = repo().join("tests/data/siege.json");
        let (text, doc) = open(&path);
        let edited = rebuild(&doc, |b| {
            b.events.iter_mut().find(|e| e.id == "siege").unwrap().place =
                Some(Box::new(Place::checked(41.0, 29.0).unwrap()));
        });
        let out = patched(&text, &edited).unwrap();
        assert_reads_as(&out, &path, &edited);
        assert!(
            out.contains(
                "\"The siege began in March\" } ],\n      \"place\": {\"lat\": 41.0, \"lon\": 29.0} },"
            ),
            "{out}"
        );
    }

    #[test]
    fn one_line_files_crlf_and_a_byte_order_mark_are_kept() {
        let path = repo().join("tests/data/siege.json");
        let (text, _) = open(&path);
        let text = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        let doc = parse(&text, &path, &read_beside(&path)).unwrap();
        let edited = rebuild(&doc, |b| {
            b.events.retain(|e| e.id != "founding");
            let siege = b.events.iter_mut().find(|e| e.id == "siege").unwrap();
            siege.tags = vec!["long".to_owned(), "hard".to_owned()];
            siege.evidence[0].note = Some("Says March.".to_owned());
            b.events
                .push(Event::new("after", "After", Date::parse("2001").unwrap()));
            b.sources.retain(|s| s.id != "inline");
            for event in &mut b.events {
                event.evidence.retain(|e| e.source == 0);
            }
            b.title = None;
            b.description = Some("Edited.".to_owned());
        });
        let out = patched(&text, &edited).unwrap();
        assert_reads_as(&out, &path, &edited);
        assert!(out.starts_with("\u{feff}{\r\n  \"chronoscope\": 1,\r\n  \"description\": \"Edited.\",\r\n  \"sources\""), "{out}");
        assert!(!out.replace("\r\n", "").contains('\n'), "{out}");
        // One-line objects stay on their line, and are patched there.
        assert!(
            out.contains(
                "\"note\": \"Says March.\" } ],\r\n      \"tags\": [\"long\", \"hard\"] },"
            ),
            "{out}"
        );
        assert!(out.contains(r#"{ "source": "chronicle", "quote": "The siege began in March", "note": "Says March." }"#), "{out}");
        assert!(out.contains("\r\n    {\r\n      \"id\": \"after\",\r\n      \"title\": \"After\",\r\n      \"start\": \"2001\"\r\n    }\r\n  ]"), "{out}");
        assert!(!out.contains("founding") && !out.contains("\"inline\""));
    }

    #[test]
    fn lists_that_were_empty_or_null_are_filled() {
        let path = Path::new("empty.json");
        for text in [
            "{\n  \"chronoscope\": 2,\n  \"events\": []\n}\n",
            "{\n  \"chronoscope\": 2,\n  \"events\": null,\n  \"sources\": null\n}\n",
            r#"{"chronoscope": 2, "events": []}"#,
        ] {
            let doc = parse(text, path, &|_| Err(std::io::Error::other("none"))).unwrap();
            assert_eq!(patched(text, &doc).unwrap(), text);
            let edited = rebuild(&doc, |b| {
                b.sources.push(Source::new("s", "S", "Text."));
                let mut event = Event::new("a", "A", Date::parse("2024").unwrap());
                event.evidence = vec![evidence(b, 0, "Text", 0)];
                b.events.push(event);
                b.events
                    .push(Event::new("b", "B", Date::parse("2025").unwrap()));
                b.category_colors.insert("war".to_owned(), [1, 2, 3]);
            });
            let out = patched(text, &edited).unwrap();
            let again = parse(&out, path, &|_| Err(std::io::Error::other("none"))).unwrap();
            assert_eq!(events_by_id(&again), events_by_id(&edited), "{out}");
            assert_eq!(again.sources, edited.sources);
            assert_eq!(again.category_colors, edited.category_colors);
            if text.contains('\n') {
                assert!(out.contains("\n    {\n      \"id\": \"a\",\n"), "{out}");
            } else {
                assert!(
                    out.contains(r#""events": [{"id": "a", "title": "A""#),
                    "{out}"
                );
            }
        }
    }

    #[test]
    fn a_text_that_does_not_read_is_unreadable() {
        let doc = crate::example::load().unwrap();
        for text in ["", "{", r#"{"chronoscope": 9, "events": []}"#, "[1, 2]"] {
            assert!(matches!(
                patched(text, &doc),
                Err(PatchError::Unreadable(_))
            ));
        }
    }

    #[test]
    fn saving_keeps_a_backup_and_falls_back_to_the_whole_file() {
        let dir = temp_dir("save");
        let path = dir.join("events.json");
        let (text, doc) = open(&repo().join("tests/data/time-zones.json"));
        std::fs::write(&path, &text).unwrap();
        let edited = rebuild(&doc, |b| b.title = Some("Renamed".to_owned()));
        save_preserving(&path, &edited, Some(&text)).unwrap();
        let saved = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            saved,
            text.replace("Times written in different offsets", "Renamed")
        );
        assert_eq!(std::fs::read_to_string(backup_path(&path)).unwrap(), text);
        // Saved again: the backup is the previous save.
        save_preserving(&path, &doc, Some(&saved)).unwrap();
        assert_eq!(std::fs::read_to_string(backup_path(&path)).unwrap(), saved);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        // Without the text it was read from, or with one that does not
        // read: the whole document.
        for original in [None, Some("not json")] {
            save_preserving(&path, &edited, original).unwrap();
            assert_eq!(
                std::fs::read_to_string(&path).unwrap(),
                write::to_json(&edited)
            );
        }
        // A new file has no backup.
        let new = dir.join("new.json");
        save_preserving(&new, &edited, None).unwrap();
        assert!(!backup_path(&new).exists());
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["events.json", "events.json~", "new.json"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn saving_refuses_a_folder_and_a_pipe() {
        let dir = temp_dir("refuse");
        let doc = crate::example::load().unwrap();
        let folder = dir.join("folder.json");
        std::fs::create_dir(&folder).unwrap();
        let fifo = dir.join("fifo.json");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        for target in [Some(&folder), made.then_some(&fifo)].into_iter().flatten() {
            let e = save_preserving(target, &doc, Some("{}")).unwrap_err();
            assert!(e.to_string().contains("not a regular file"), "{e}");
            assert!(!backup_path(target).exists());
        }
        assert!(folder.is_dir());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_failed_save_leaves_the_file_as_it_was() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = temp_dir("read-only");
        let path = dir.join("events.json");
        let (text, doc) = open(&repo().join("tests/data/time-zones.json"));
        std::fs::write(&path, &text).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
        // Root writes into a read-only folder: nothing to test then.
        let probe = dir.join("probe");
        let writable = std::fs::write(&probe, "x").is_ok();
        if !writable {
            let edited = rebuild(&doc, |b| b.title = Some("Renamed".to_owned()));
            assert!(save_preserving(&path, &edited, Some(&text)).is_err());
            assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
            let names: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
            assert_eq!(names.len(), 1);
        }
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A quote of the source text of the generated documents, or none.
    const WORDS: [&str; 5] = ["alpha", "beta gamma", "delta", "nowhere", ""];
    const SOURCE: &str = "Alpha beta gamma. alpha beta gamma delta. Alpha, delta alpha.";

    fn generated_event() -> impl proptest::strategy::Strategy<Value = Event> {
        use proptest::prelude::*;
        (
            "[A-Za-z][A-Za-z ]{0,11}",
            1_900_i64..2_100,
            proptest::option::of(1_u32..=12),
            proptest::option::of(0_i64..5),
            proptest::option::of(prop_oneof!["war", "peace"]),
            proptest::collection::vec("[a-z]{1,5}", 0..3),
            proptest::collection::vec((0..WORDS.len(), 0_usize..60), 0..3),
            proptest::option::of((-80_i32..80, 1_i32..170)),
        )
            .prop_map(
                |(title, year, month, years, category, tags, quotes, place)| {
                    let start = match month {
                        Some(m) => format!("{year}-{m:02}"),
                        None => year.to_string(),
                    };
                    let mut event = Event::new(
                        String::new(),
                        title.trim().to_owned(),
                        Date::parse(&start).unwrap(),
                    );
                    event.end = years.map(|y| Date::parse(&(year + y).to_string()).unwrap());
                    event.category = category;
                    event.tags = tags;
                    event.place = place.map(|(lat, lon)| {
                        Box::new(
                            Place::checked(f64::from(lat) / 4.0, f64::from(lon) / 4.0).unwrap(),
                        )
                    });
                    event.evidence = quotes
                        .into_iter()
                        .map(|(word, hint)| {
                            let location = quote::locate_near(SOURCE, WORDS[word], hint);
                            Evidence {
                                source: 0,
                                quote: WORDS[word].to_owned(),
                                note: None,
                                at: location.as_ref().map(|r| r.start),
                                location,
                            }
                        })
                        .collect();
                    event
                },
            )
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// A file written whole, then edited (titles, dates, evidence,
        /// places, tags, events removed and added) and patched, reads back as the
        /// edited document.
        #[test]
        fn patched_files_read_back_as_edited(
            events in proptest::collection::vec(generated_event(), 0..8),
            edits in proptest::collection::vec((0_u8..8, "[A-Za-z]{1,8}", 1_900_i64..2_100, 0..WORDS.len()), 8),
            added in proptest::collection::vec(generated_event(), 0..3),
        ) {
            let path = Path::new("generated.json");
            let none = |_: &str| Err(std::io::Error::other("inline texts only"));
            let mut builder = DocumentBuilder {
                title: Some("Generated".to_owned()),
                sources: vec![Source::new("s", "S", SOURCE)],
                ..DocumentBuilder::default()
            };
            for (i, mut event) in events.into_iter().enumerate() {
                event.id = format!("e{i}");
                builder.events.push(event);
            }
            let text = write::to_json(&builder.build());
            let doc = parse(&text, path, &none).unwrap();
            proptest::prop_assert_eq!(patched(&text, &doc).unwrap(), text.clone());
            let edited = rebuild(&doc, |b| {
                let mut kept = Vec::new();
                for (mut event, (op, word, year, quote_word)) in
                    std::mem::take(&mut b.events).into_iter().zip(edits.iter().cycle())
                {
                    match op {
                        0 => {}
                        1 => event.title.clone_from(word),
                        2 => {
                            event.start = Date::parse(&year.to_string()).unwrap();
                            event.end = None;
                        }
                        3 => continue,
                        4 => {
                            if let Some(first) = event.evidence.first_mut() {
                                *first = evidence(b, 0, WORDS[*quote_word], 20);
                            }
                        }
                        6 => {
                            let lat = f64::from(i32::try_from(year - 2_000).unwrap()) / 2.0;
                            event.place =
                                Some(Box::new(
                                    Place::checked(lat, 30.5).unwrap().named(Some(word.clone())),
                                ));
                        }
                        7 => event.place = None,
                        _ => event.tags.push(word.to_lowercase()),
                    }
                    kept.push(event);
                }
                for (i, mut event) in added.into_iter().enumerate() {
                    event.id = format!("new{i}");
                    kept.push(event);
                }
                b.events = kept;
            });
            let out = patched(&text, &edited).unwrap();
            let again = parse(&out, path, &none).unwrap();
            proptest::prop_assert_eq!(events_by_id(&again), events_by_id(&edited), "{}", out);
            // What was not edited is as it was, byte for byte.
            let (old_texts, new_texts) = (event_texts(&text), event_texts(&out));
            let old_events = events_by_id(&doc);
            for (id, event) in events_by_id(&edited) {
                if old_events.get(&id) == Some(&event) {
                    proptest::prop_assert_eq!(&new_texts[&id], &old_texts[&id]);
                }
            }
        }
    }
}
