//! What the importers share: the options a user can give (column mapping,
//! day/month order), and helpers that build warnings and attach an imported
//! event's text to it as its source.

use crate::model::{DocumentBuilder, Event, Evidence, Location, Source, Warning};

/// How to read all-numeric dates such as `03/04/2024`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DayMonthOrder {
    /// Never guess: a date whose day and month could be swapped is a warning.
    #[default]
    Ask,
    /// `03/04/2024` is March 4 (US style).
    MonthFirst,
    /// `03/04/2024` is 3 April.
    DayFirst,
}

/// Choices the user makes when importing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Column overrides for CSV-like files: `(field, column)`, e.g.
    /// `("start", "launch_time")`, `("title", "missile_name")`. Fields:
    /// start, end, title, description, category, tags, source, url, id.
    pub mapping: Vec<(String, String)>,
    pub day_month_order: DayMonthOrder,
    /// The sheet of a spreadsheet to read; `None`: the first with a value.
    pub sheet: Option<String>,
}

/// A warning about a row or element that could not be used, or a value that
/// was read in a way the user should know about.
#[must_use]
pub fn warning(
    line: usize,
    column: usize,
    field: impl Into<String>,
    message: impl Into<String>,
) -> Warning {
    Warning {
        location: Location { line, column },
        field: field.into(),
        message: message.into(),
        event: None,
    }
}

/// Makes `text` the evidence of `event`: a new source holding the text (the
/// description or notes of an imported event), cited as a whole.
///
/// Empty texts are ignored.
pub fn attach_text(
    doc: &mut DocumentBuilder,
    event: &mut Event,
    title: impl Into<String>,
    text: &str,
    url: Option<String>,
) {
    let text = text.trim();
    if !text.is_empty() {
        push_text_source(doc, event, title.into(), text.to_owned(), url);
    }
}

/// [`attach_text`] for a text the caller owns: kept without a copy when it
/// has no surrounding whitespace.
pub fn attach_owned_text(
    doc: &mut DocumentBuilder,
    event: &mut Event,
    title: impl Into<String>,
    text: String,
    url: Option<String>,
) {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return;
    }
    let text = if trimmed.len() == text.len() {
        text
    } else {
        trimmed.to_owned()
    };
    push_text_source(doc, event, title.into(), text, url);
}

/// Adds a source of `text` (trimmed, not empty) cited by `event` as a whole.
fn push_text_source(
    doc: &mut DocumentBuilder,
    event: &mut Event,
    title: String,
    text: String,
    url: Option<String>,
) {
    let mut id = String::with_capacity(event.id.len() + 5);
    id.push_str(&event.id);
    id.push_str("#text");
    doc.sources.push(Source {
        id,
        title,
        author: None,
        publisher: None,
        url,
        published: None,
        text,
        text_file: None,
    });
    let evidence = Evidence {
        source: doc.sources.len() - 1,
        quote: String::new(),
        note: None,
        location: None,
        at: None,
    };
    if event.evidence.is_empty() {
        // Exactly one slot: most imported events cite only their own text.
        event.evidence = vec![evidence];
    } else {
        event.evidence.push(evidence);
    }
}

/// `1 event`, `7 events`, `1,000,000 events`: counts grouped by thousands.
#[must_use]
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        let grouped = crate::calendar::group_thousands(i64::try_from(n).unwrap_or(i64::MAX));
        format!("{grouped} {many}")
    }
}

/// `1 event`, `7 events`, `2 categories`: for nouns whose plural adds an
/// `s`, or turns a `y` after a consonant into `ies`.
#[must_use]
pub fn plural_s(n: usize, noun: &str) -> String {
    let mut chars = noun.chars().rev();
    let consonant_y = chars.next() == Some('y')
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() && !"aeiouAEIOU".contains(c));
    if consonant_y {
        plural(n, noun, &format!("{}ies", &noun[..noun.len() - 1]))
    } else {
        plural(n, noun, &format!("{noun}s"))
    }
}

/// The first `max` characters of `text`, with an ellipsis when cut.
#[must_use]
pub fn shorten(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        format!("{}…", head.trim_end())
    } else {
        head
    }
}

/// The first `max` bytes of `text`, cut at a character boundary.
#[must_use]
pub fn head(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `text` when it has more than whitespace.
#[must_use]
pub fn non_empty(text: String) -> Option<String> {
    if text.trim().is_empty() {
        None
    } else {
        Some(text)
    }
}

/// Runs of whitespace (line breaks included) as single spaces.
#[must_use]
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Byte offset in `text` of `serde_json`'s 1-based `line` and `column`.
#[must_use]
pub fn offset_of_line_column(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    // serde_json counts the column in bytes; column 0 means "before the first byte".
    (line_start + column.saturating_sub(1)).min(text.len())
}

/// Ids made unique within one file: `id`, then `id-2`, `id-3`, … as
/// `id`, then `id-2`, `id-3`, … not yet taken; each id remembers the suffix it reached, so
/// a file repeating one id n times costs n steps, not n²/2.
#[derive(Default)]
pub struct UniqueIds {
    taken: std::collections::HashSet<String>,
    /// The next suffix to try for an id already taken.
    next: std::collections::HashMap<String, usize>,
}

impl UniqueIds {
    /// `id`, or the first of `id-2`, `id-3`, … not yet taken; records it.
    pub fn claim(&mut self, id: &str) -> String {
        if !self.taken.contains(id) {
            self.taken.insert(id.to_owned());
            return id.to_owned();
        }
        let mut n = self.next.get(id).copied().unwrap_or(2);
        loop {
            let candidate = format!("{id}-{n}");
            n += 1;
            if !self.taken.contains(&candidate) {
                self.next.insert(id.to_owned(), n);
                self.taken.insert(candidate.clone());
                return candidate;
            }
        }
    }
}

/// Appends to `links` those of `more` it does not hold yet, in order; one
/// pass through a set rather than a search of the list for each link.
pub fn extend_links(links: &mut Vec<String>, more: impl IntoIterator<Item = String>) {
    let mut seen: std::collections::HashSet<String> = links.iter().cloned().collect();
    for link in more {
        if !seen.contains(&link) {
            seen.insert(link.clone());
            links.push(link);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_of_regular_nouns() {
        assert_eq!(plural_s(1, "category"), "1 category");
        assert_eq!(plural_s(4, "category"), "4 categories");
        assert_eq!(plural_s(2, "day"), "2 days");
        assert_eq!(plural_s(1_000, "event"), "1,000 events");
    }

    #[test]
    fn unique_ids_number_repeats() {
        let mut ids = UniqueIds::default();
        let claimed: Vec<String> = ["a", "a", "a-2", "a", "b", "a-2", "a"]
            .iter()
            .map(|id| ids.claim(id))
            .collect();
        assert_eq!(claimed, ["a", "a-2", "a-2-2", "a-3", "b", "a-2-3", "a-4"]);
        // One id repeated many times: each claim a step or two.
        let mut ids = UniqueIds::default();
        for _ in 0..100_000 {
            let _ = ids.claim("same");
        }
        assert_eq!(ids.claim("same"), "same-100001");
    }

    #[test]
    fn links_are_added_once_each() {
        let mut links = vec!["a".to_owned()];
        extend_links(&mut links, ["b", "a", "c", "b"].map(str::to_owned));
        assert_eq!(links, ["a", "b", "c"]);
    }
}
