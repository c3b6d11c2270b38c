//! Making an event from a scanned row when it is looked at: its title
//! (joined from several columns for incident logs; from the text when
//! there is none), text (one column, or several joined as paragraphs; HTML
//! turned into text), category, tags, links, sources and attributes.

use super::rows::Rows;
use super::split::Record;
use super::text::{is_url, looks_like_html, numbered, one_line, push_one_line, trim};
use super::ucdp::violence_name;
use crate::formats::common::{self, shorten};
use crate::formats::html;
use crate::model::{DocumentBuilder, Event};
use rustc_hash::FxHashSet;

impl<'a> Rows<'_, 'a> {
    /// Whether the title [`Rows::build`] makes of the row's cells is not
    /// empty, without making it.
    pub(super) fn has_title(&self, record: &Record<'_>) -> bool {
        let plan = &self.table.plan;
        let cell = |c: usize| record.get(c).map_or("", trim);
        let title = match plan.title {
            Some(c) if plan.timelinejs.is_some() => !html::to_text(cell(c)).text.trim().is_empty(),
            Some(c) => !cell(c).is_empty(),
            None => false,
        };
        title || plan.title_extras.iter().any(|&c| !cell(c).is_empty())
    }

    /// Whether the text [`Rows::description`] makes of the row is not
    /// blank, without making it (HTML aside).
    pub(super) fn has_text(&self, record: &Record<'_>) -> bool {
        let plan = &self.table.plan;
        let cell = |c: usize| record.get(c).map_or("", trim);
        match plan.description.as_slice() {
            [] => false,
            [c] => {
                let value = cell(*c);
                !value.is_empty()
                    && (!(plan.timelinejs.is_some() || looks_like_html(value))
                        || !html::to_text(value).text.trim().is_empty())
            }
            cols => cols.iter().any(|&c| !cell(c).is_empty()),
        }
    }

    /// The event of a row that [`Rows::row`] scanned, with `id` when the
    /// scan renamed it; its text, if any, becomes a source in `doc`.
    pub(super) fn build(
        &mut self,
        doc: &mut DocumentBuilder,
        record: &Record<'a>,
        row: usize,
        id: Option<String>,
    ) -> Option<Event> {
        let plan = &self.table.plan;
        let cell = |c: usize| record.get(c).map_or("", trim);
        let kind = plan
            .timelinejs
            .as_ref()
            .and_then(|t| t.kind)
            .map(|c| cell(c).to_ascii_lowercase());
        let (start, end) = self.dates(doc, record, row)?;
        let timelinejs = plan.timelinejs.is_some();
        let mut links = Links::default();
        let mut title = match plan.title {
            Some(c) if timelinejs => {
                let h = html::to_text(cell(c));
                for l in &h.links {
                    links.push(l);
                }
                one_line(&h.text)
            }
            Some(c) if plan.title_extras.is_empty() => one_line(cell(c)),
            Some(c) => {
                let value = cell(c);
                let extras: usize = plan.title_extras.iter().map(|&e| cell(e).len() + 5).sum();
                let mut title = String::with_capacity(value.len() + extras);
                push_one_line(&mut title, value);
                title
            }
            None => String::new(),
        };
        let mut first_extra = true;
        for &c in &plan.title_extras {
            let value = cell(c);
            if value.is_empty() {
                continue;
            }
            if first_extra && !title.is_empty() {
                title.push_str(" – ");
            } else if !first_extra {
                title.push_str(", ");
            }
            first_extra = false;
            push_one_line(&mut title, value);
        }

        let text = self.description(record, timelinejs, &mut links);
        // Counted and warned about when the row was scanned.
        if title.is_empty() {
            title = match text.lines().find(|l| !l.trim().is_empty()) {
                Some(first) => shorten(first.trim(), 80),
                None => "(untitled)".to_owned(),
            };
        }

        let id = id.unwrap_or_else(|| match plan.id.map(cell) {
            Some(given) if !given.is_empty() => given.to_owned(),
            _ => numbered("row-", row, ""),
        });
        let mut event = Event::new(id, title, start);
        event.end = end;
        event.place = self.table.place(record).map(Box::new);
        if let Some(c) = plan.category {
            let value = cell(c);
            if !value.is_empty() {
                event.category = Some(if plan.violence_codes {
                    violence_name(value).to_owned()
                } else {
                    one_line(value)
                });
            }
        }
        if let Some(c) = plan.tags {
            let value = cell(c);
            let sep = if value.contains(';') { ';' } else { ',' };
            let tags = || value.split(sep).map(str::trim).filter(|t| !t.is_empty());
            let mut list = Vec::with_capacity(tags().count());
            list.extend(tags().map(str::to_owned));
            event.tags = list;
        }
        if let Some(c) = plan.url {
            let value = cell(c);
            if !value.is_empty() {
                event.url = Some(value.to_owned());
            }
        }
        let mut other = String::new();
        if let Some(c) = plan.source {
            for s in cell(c).split(';').map(str::trim).filter(|s| !s.is_empty()) {
                if is_url(s) {
                    links.push(s);
                } else {
                    if !other.is_empty() {
                        other.push_str("; ");
                    }
                    other.push_str(s);
                }
            }
        }
        event.links = links.list;
        // The template's Type and the cells beyond the header's columns go
        // among the other attributes in name order: inserted one by one in
        // their places, a row of many cells would take time quadratic in them.
        let mut later: Vec<(String, &str)> = Vec::new();
        if let (Some(kind), Some(c)) = (&kind, plan.timelinejs.as_ref().and_then(|t| t.kind))
            && !kind.is_empty()
        {
            later.push((self.header(c).to_owned(), cell(c)));
        }
        for (i, value) in record.iter().enumerate().skip(self.table.headers.len()) {
            let value = value.trim();
            if !value.is_empty() {
                later.push((numbered("column ", i + 1, ""), value));
            }
        }
        later.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut later = later.into_iter().peekable();
        // Sized once: names and values of this row together.
        let value_bytes: usize = plan.attribute_order.iter().map(|&c| cell(c).len()).sum();
        event.attributes = crate::model::Attributes::with_capacity(
            plan.attribute_order.len(),
            plan.attribute_name_bytes + value_bytes + other.len(),
        );
        for &c in &plan.attribute_order {
            let value = if Some(c) == plan.source {
                std::mem::take(&mut other)
            } else {
                let value = cell(c);
                if value.is_empty() {
                    continue;
                }
                value.to_owned()
            };
            if !value.is_empty() {
                let name = &self.table.headers[c];
                while let Some((n, v)) = later.next_if(|(n, _)| n < name) {
                    event.attributes.insert(n, v);
                }
                // A cell beyond the header named like a column replaces its
                // value, as it comes later in the row.
                event.attributes.insert(name.clone(), value);
            }
        }
        for (n, v) in later {
            event.attributes.insert(n, v);
        }
        if !text.trim().is_empty() {
            let source_title = numbered("Row ", row, &self.title_end);
            let url = event.url.clone();
            common::attach_owned_text(doc, &mut event, source_title, text, url);
        }
        Some(event)
    }

    /// The event's text: the description column, or `column: value`
    /// paragraphs when there are several.
    pub(super) fn description(
        &self,
        record: &Record<'a>,
        timelinejs: bool,
        links: &mut Links,
    ) -> String {
        let plan = &self.table.plan;
        let mut convert = |value: &str| -> String {
            if timelinejs || looks_like_html(value) {
                let h = html::to_text(value);
                for l in &h.links {
                    links.push(l);
                }
                h.text
            } else {
                value.to_owned()
            }
        };
        match plan.description.as_slice() {
            [] => String::new(),
            [c] => convert(record.get(*c).map_or("", trim)),
            cols => {
                let mut text = String::new();
                for &c in cols {
                    let value = record.get(c).map_or("", trim);
                    if value.is_empty() {
                        continue;
                    }
                    if !text.is_empty() {
                        text.push_str("\n\n");
                    }
                    text.push_str(self.header(c));
                    text.push_str(": ");
                    text.push_str(&convert(value));
                }
                text
            }
        }
    }
}

/// An event's links in order of appearance, each once. A short list is
/// searched; a long one (a cell of thousands of links) is also hashed, so
/// that adding links costs time in proportion to them.
#[derive(Default)]
pub(super) struct Links {
    list: Vec<String>,
    /// Every link of `list`, once it is longer than [`Links::SEARCHED`].
    hashed: FxHashSet<String>,
}

impl Links {
    /// Lists up to this long are searched.
    const SEARCHED: usize = 16;

    /// Adds `link` unless it is there already.
    fn push(&mut self, link: &str) {
        if self.list.len() < Self::SEARCHED {
            if self.list.iter().any(|l| l == link) {
                return;
            }
        } else {
            if self.hashed.is_empty() {
                self.hashed.extend(self.list.iter().cloned());
            }
            if !self.hashed.insert(link.to_owned()) {
                return;
            }
        }
        self.list.push(link.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use std::fmt::Write as _;

    #[test]
    fn regression_a_50_mb_line_takes_quadratic_time() {
        // One row of 50 MB: a long title and text, a sources cell of 200,000
        // links and 2,000,000 cells beyond the header. Reading its event
        // took time quadratic in the links and in the cells.
        let finished = finishes_within(120, || {
            let mut text = String::with_capacity(52 << 20);
            text.push_str(
                "date,title,sources,notes
2024-06-19,",
            );
            text.push_str(&"Title ".repeat(2 << 20));
            text.push(',');
            for i in 0..200_000 {
                let _ = write!(text, "https://example.org/{i};");
            }
            text.push_str("a note,");
            text.push_str(&"word ".repeat(6 << 20));
            text.push_str(&",x".repeat(2_000_000));
            let mb = text.len() >> 20;
            let doc = load_default(&text, "long.csv");
            let event = doc.event(0).unwrap();
            (
                mb,
                doc.event_count(),
                event.links.len(),
                event.attributes.len(),
            )
        });
        assert!(finished.0 >= 50, "{} MB", finished.0);
        assert_eq!(finished.1, 1);
        assert_eq!(finished.2, 200_000);
        // The other sources, and the cells beyond the header.
        assert_eq!(finished.3, 1 + 2_000_000);
    }

    #[test]
    fn incident_log_titles_join_type_target_and_city() {
        let doc = load_default(INCIDENTS, "incidents.tsv");
        let titles: Vec<String> = doc.iter_events().map(|e| e.title.clone()).collect();
        // Sorted by time although the file is not.
        assert_eq!(
            titles,
            [
                "Small Arms",
                "Mortar – Coalition Forces A",
                "IED – Coalition Forces, Baghdad",
                "IED – Baghdad",
                "(untitled)",
            ]
        );
        let first = doc.event(0).unwrap();
        assert_eq!(first.start.to_edtf(), "2004-07-01T10:00:00");
        assert_eq!(first.start.precision, Precision::Second);
        assert_eq!(first.start.offset_minutes, None);
        assert_eq!(first.category.as_deref(), Some("Small Arms"));
        assert!(first.attributes.is_empty());
        let ied = event(&doc, "row-1");
        assert_eq!(ied.attributes.get("city"), Some("Baghdad"));
        assert_eq!(
            doc.lanes(),
            ["Small Arms", "Mortar", "IED", "Uncategorised"]
        );
        assert_eq!(
            warnings(&doc),
            [
                (
                    4,
                    1,
                    "time",
                    "row 3: no start date, and the row repeats the column names (a page header inside the file?); skipped"
                ),
                (7, 2, "event_type", "no event_type: titled \"(untitled)\""),
            ]
        );
        assert!(has_note(&doc, "tab-separated, 4 columns and 6 data rows"));
        assert!(has_note(&doc, "5 of 6 rows imported"));
        assert!(has_note(
            &doc,
            "1 row without a title titled \"(untitled)\" (see warnings)"
        ));
        assert!(has_note(&doc, "skipped 1 row (see warnings)"));
        assert!(has_note(
            &doc,
            "title from columns \"event_type\", \"target\", \"city\" (joined as \"type – target, city\")"
        ));
        assert!(has_note(&doc, "category from column \"event_type\""));
    }

    #[test]
    fn ragged_rows_keep_extra_cells_and_skip_empty_ones() {
        let doc = load_default(RAGGED, "ragged.csv");
        let one = event(&doc, "row-1");
        assert_eq!(one.attributes.get("column 3"), Some("extra value"));
        assert_eq!(event(&doc, "row-2").title, "(untitled)");
        assert_eq!(
            event(&doc, "row-4").title,
            "Quoted \"title\" with line break"
        );
        assert_eq!(
            warnings(&doc),
            [(3, 2, "title", "no title: titled \"(untitled)\"")]
        );
        assert!(has_note(&doc, "3 of 4 rows imported"));
        assert!(has_note(&doc, "empty rows skipped (1 row)"));
        assert!(has_note(
            &doc,
            "cells beyond the header's columns kept as attributes \"column N\" (1 cell)"
        ));
        assert!(has_note(
            &doc,
            "1 row without a title titled \"(untitled)\" (see warnings)"
        ));
        // The empty row has no warning: it is not among the skipped ones.
        assert!(!doc.notes.iter().any(|n| n.starts_with("skipped")));
    }
}
