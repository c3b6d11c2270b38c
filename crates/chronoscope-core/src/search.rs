//! Full-text search over a document's events (Ctrl+F): which events match a
//! query, in time order. Pure; the app runs it on a thread for large files.
//!
//! An event matches when its title, summary, a tag, a quote of its evidence,
//! or a text that is its own evidence (a spreadsheet row's notes) contains
//! the query, ignoring case. A long source that several events quote is
//! searched through their quotes: searching the whole article would match
//! every event that cites it.

use std::sync::atomic::{AtomicBool, AtomicUsize};

use crate::model::{Document, EventRef};

/// A query, prepared once for matching many events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    /// The query in lower case, trimmed.
    lower: String,
}

impl Query {
    /// `None` for a blank query.
    #[must_use]
    pub fn new(text: &str) -> Option<Self> {
        let lower = text.trim().to_lowercase();
        (!lower.is_empty()).then_some(Self { lower })
    }

    /// Whether `text` contains the query, ignoring case.
    #[must_use]
    pub fn found_in(&self, text: &str) -> bool {
        if self.lower.is_ascii() {
            // No allocation: ASCII case folding while comparing.
            let (hay, needle) = (text.as_bytes(), self.lower.as_bytes());
            let first = needle[0];
            hay.len() >= needle.len()
                && memchr::memchr2_iter(first, first.to_ascii_uppercase(), hay).any(|at| {
                    hay.get(at..at + needle.len())
                        .is_some_and(|w| w.eq_ignore_ascii_case(needle))
                })
        } else {
            text.to_lowercase().contains(&self.lower)
        }
    }

    /// Whether `event` (of `doc`) matches.
    #[must_use]
    pub fn matches(&self, doc: &Document, event: &EventRef<'_>) -> bool {
        self.found_in(&event.title)
            || event.summary.as_deref().is_some_and(|s| self.found_in(s))
            || event.tags.iter().any(|t| self.found_in(t))
            || event.evidence.iter().any(|e| {
                if e.quote.trim().is_empty() {
                    // The whole text is this event's evidence.
                    event.source(doc, e).is_some_and(|s| self.found_in(&s.text))
                } else {
                    self.found_in(&e.quote)
                }
            })
    }
}

/// The indices of the events of `doc` that match `query`, in time order;
/// `None` when `cancel` was set meanwhile. `done` counts the events looked
/// at, for a progress display. Large documents are searched in parts, one per core.
#[must_use]
pub fn find_all(
    doc: &Document,
    query: &Query,
    cancel: &AtomicBool,
    done: &AtomicUsize,
) -> Option<Vec<usize>> {
    let parts = crate::work::parts(doc.event_count(), |range| {
        let mut found = Vec::new();
        crate::work::each(range, cancel, done, |j| {
            if doc
                .event_uncached(j)
                .is_some_and(|e| query.matches(doc, &e))
            {
                found.push(j);
            }
        })?;
        Some(found)
    })?;
    Some(parts.concat())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::Ordering;

    fn titles(doc: &Document, query: &str) -> Vec<String> {
        let query = Query::new(query).unwrap();
        find_all(doc, &query, &AtomicBool::new(false), &AtomicUsize::new(0))
            .unwrap()
            .into_iter()
            .map(|i| doc.event(i).unwrap().id.clone())
            .collect()
    }

    #[test]
    fn titles_summaries_tags_and_quotes_match_ignoring_case() {
        let doc = crate::example::load().unwrap();
        assert_eq!(titles(&doc, "donetsk"), ["strike"]);
        assert_eq!(titles(&doc, "PYONGYANG"), ["treaty"]);
        // A tag.
        assert_eq!(titles(&doc, "parliament"), ["minister-briefing"]);
        // A quote, not the rest of the article every event cites.
        assert_eq!(titles(&doc, "vigilant eye"), ["defense-ministry-statement"]);
        assert!(titles(&doc, "Latest Posts").is_empty());
        assert!(Query::new("   ").is_none());
    }

    #[test]
    fn a_spreadsheet_row_matches_by_its_own_text() {
        let table = "date,title,notes\n2024-06-19,Summit,Leaders met in Pyongyang.\n2024-10-03,Strike,\"Near Donetsk, six officers killed.\"\n";
        let doc = crate::formats::csv::parse(
            table,
            std::path::Path::new("t.csv"),
            &crate::formats::ImportOptions::default(),
        )
        .unwrap();
        assert_eq!(titles(&doc, "donetsk"), ["row-2"]);
        assert_eq!(titles(&doc, "É"), Vec::<String>::new());
    }

    #[test]
    fn non_ascii_queries_fold_case_too() {
        let query = Query::new("ÉTÉ").unwrap();
        assert!(query.found_in("un été chaud"));
        assert!(!query.found_in("un ete chaud"));
        let query = Query::new("kim").unwrap();
        assert!(query.found_in("Kim Jong-un"));
        assert!(query.found_in("xxKIM"));
        assert!(!query.found_in("ki"));
    }

    #[test]
    fn a_large_document_is_searched_by_two_threads_in_time_order_and_can_be_cancelled() {
        let doc = crate::generate::document(100_000, 3);
        let query = Query::new("sanaa").unwrap();
        let done = AtomicUsize::new(0);
        let found = find_all(&doc, &query, &AtomicBool::new(false), &done).unwrap();
        assert_eq!(done.load(Ordering::Relaxed), 100_000);
        assert!(!found.is_empty());
        assert!(found.windows(2).all(|w| w[0] < w[1]));
        let one_by_one: Vec<usize> = (0..doc.event_count())
            .filter(|&i| query.matches(&doc, &doc.event(i).unwrap()))
            .collect();
        assert_eq!(found, one_by_one);
        assert_eq!(
            find_all(&doc, &query, &AtomicBool::new(true), &AtomicUsize::new(0)),
            None
        );
    }
}
