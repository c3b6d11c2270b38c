//! Event ids of a table: the `id` column's values (or `row-N`), checked to
//! be unique as rows are read, a repeat renamed with `-2`, `-3`, … and a
//! warning. The set of ids given is cheap for the common case of ids in
//! increasing order, and the readers of a large table's parts check that
//! their parts share none.

use std::borrow::Cow;

use super::rows::{Rows, with_event};
use super::split::Record;
use super::text::{numbered, trim};
use crate::formats::common::{self, shorten};
use crate::model::DocumentBuilder;

/// A set of ids with a hash much cheaper than the default one for short
/// keys. A file can make it slow, never wrong.
type FxSet<T> = rustc_hash::FxHashSet<T>;

/// The ids given so far: those written in the file as slices of the text,
/// the others (`row-N`, renamed, unescaped) owned.
///
/// Exports often number their rows: while every id comes after the one
/// before in [`shortlex`] order (`9` < `10`, `A-0099` < `A-0100`), the ids
/// are all different without hashing them, and are only listed. The first
/// id out of that order moves them all into the hashed sets.
#[derive(Default)]
pub(super) struct IdSet<'a> {
    /// The ids so far, in increasing order, while they come in it.
    ascending: Vec<&'a str>,
    /// Set once an id came out of order: then every id is in the sets.
    hashed: bool,
    in_text: FxSet<&'a str>,
    owned: FxSet<String>,
    /// For each id given again: the number its next repeat tries first
    /// (`id-2` onwards). Every smaller number's id is given already, so a
    /// thousand repeats of one id do not try a thousand numbers each.
    next: rustc_hash::FxHashMap<String, usize>,
}

/// Shorter strings first, then bytewise: the order of numbers written
/// without leading zeros, and of fixed-width codes.
fn shortlex(a: &str, b: &str) -> std::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

impl<'a> IdSet<'a> {
    pub(super) fn contains(&self, id: &str) -> bool {
        if self.hashed {
            self.in_text.contains(id) || self.owned.contains(id)
        } else {
            self.ascending
                .binary_search_by(|probe| shortlex(probe, id))
                .is_ok()
        }
    }

    /// Adds `id`; `false` when it was there already.
    pub(super) fn insert(&mut self, id: Cow<'a, str>) -> bool {
        if !self.hashed {
            if let Cow::Borrowed(id) = id
                && self
                    .ascending
                    .last()
                    .is_none_or(|last| shortlex(last, id).is_lt())
            {
                self.ascending.push(id);
                return true;
            }
            self.hash();
        }
        match id {
            Cow::Borrowed(id) => !self.owned.contains(id) && self.in_text.insert(id),
            Cow::Owned(id) => !self.in_text.contains(id.as_str()) && self.owned.insert(id),
        }
    }

    /// Gives a repeat of `base` the first of `base-2`, `base-3`, … that is
    /// not given yet, and adds it.
    fn renamed(&mut self, base: &str) -> String {
        let mut n = self.next.get(base).copied().unwrap_or(2);
        let mut id = format!("{base}-{n}");
        while self.contains(id.as_str()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.next.insert(base.to_owned(), n + 1);
        self.insert(Cow::Owned(id.clone()));
        id
    }

    /// Moves the listed ids into the hashed set.
    fn hash(&mut self) {
        let listed = std::mem::take(&mut self.ascending);
        self.in_text.reserve(listed.len());
        self.in_text.extend(listed);
        self.hashed = true;
    }

    /// Room for about `more` further ids.
    pub(super) fn reserve(&mut self, more: usize) {
        if self.hashed {
            self.in_text.reserve(more);
        } else {
            self.ascending.reserve(more);
        }
    }

    pub(super) fn len(&self) -> usize {
        self.ascending.len() + self.in_text.len() + self.owned.len()
    }

    /// Whether no id of these is one of `other`'s.
    pub(super) fn disjoint(&self, other: &IdSet<'_>) -> bool {
        if let (false, false, Some(first), Some(last)) = (
            self.hashed,
            other.hashed,
            other.ascending.first(),
            self.ascending.last(),
        ) && shortlex(last, first).is_lt()
        {
            // Both in order, one after the other.
            return true;
        }
        let (small, large) = if self.len() <= other.len() {
            (self, other)
        } else {
            (other, self)
        };
        small.iter().all(|id| !large.contains(id))
    }

    /// Adds the ids of `later`, none of which is one of these (see
    /// [`IdSet::disjoint`]).
    pub(super) fn append(&mut self, later: IdSet<'a>) {
        let in_order = self
            .ascending
            .last()
            .zip(later.ascending.first())
            .is_none_or(|(last, first)| shortlex(last, first).is_lt());
        if !self.hashed && !later.hashed && in_order {
            self.ascending.extend(later.ascending);
            return;
        }
        if !self.hashed {
            self.hash();
        }
        self.in_text.extend(later.ascending);
        self.in_text.extend(later.in_text);
        self.owned.extend(later.owned);
        self.next.extend(later.next);
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        self.ascending
            .iter()
            .copied()
            .chain(self.in_text.iter().copied())
            .chain(self.owned.iter().map(String::as_str))
    }
}

impl<'a> Rows<'_, 'a> {
    /// Whether no id given by these rows was given by `other`'s.
    pub(super) fn ids_disjoint(&self, other: &Rows<'_, '_>) -> bool {
        self.ids.disjoint(&other.ids)
    }

    /// Checks that the id in column `c` of `record`, data row `row`, (or
    /// `row-N` when empty) is new; when it is not, warns about event
    /// `event` in the shared draft's words (`import/draft.rs`) and gives it
    /// made unique with `-2`, `-3`, ….
    pub(super) fn unique_id(
        &mut self,
        doc: &mut DocumentBuilder,
        record: &Record<'a>,
        c: usize,
        row: usize,
        event: usize,
    ) -> Option<String> {
        let given = record.get(c).map_or("", trim);
        // The id as a slice of the text, when it is one: not copied.
        let base: Cow<'a, str> = match record.get_in_text(c).map(trim) {
            _ if given.is_empty() => Cow::Owned(numbered("row-", row, "")),
            Some(given) => Cow::Borrowed(given),
            None => Cow::Owned(given.to_owned()),
        };
        if self.ids.insert(base.clone()) {
            return None;
        }
        let id = self.ids.renamed(&base);
        self.counts.report.renamed_one();
        // Shortened: a cell may be megabytes long.
        let message = format!(
            "id {:?} is used by an earlier row; renamed {:?}",
            shorten(&base, 80),
            shorten(&id, 80)
        );
        let w = common::warning(record.line, c + 1, self.header(c), message);
        doc.warnings.push(with_event(w, event));
        Some(id)
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn regression_thousands_of_rows_with_one_id_take_quadratic_time() {
        // Each repeat tried every number from 2 up before finding its own.
        let got = finishes_within(60, || {
            let mut text = String::from("id,date,title\n");
            for _ in 0..50_000 {
                text.push_str("7,2024-06-19,x\n");
            }
            text.push_str("7-3,2024-06-19,written\n");
            let doc = load_default(&text, "ids.csv");
            let written = doc.event_by_id("7-3").and_then(|i| doc.event(i));
            (
                doc.event_count(),
                doc.event_by_id("7-50000").is_some(),
                written.map(|e| e.title.clone()),
                doc.event_by_id("7-3-2").is_some(),
            )
        });
        // The last row's id was given to a repeat: it is renamed in turn.
        assert_eq!(got, (50_001, true, Some("x".to_owned()), true));
    }

    #[test]
    fn semicolons_bom_ids_ends_and_joined_texts() {
        let doc = load_default(CONFLICTS, "conflicts.csv");
        let ids: Vec<String> = doc.iter_events().map(|e| e.id.clone()).collect();
        assert_eq!(ids, ["102", "101", "101-2"]);
        let syria = event(&doc, "101");
        // The BOM is not part of the first header.
        assert_eq!(syria.title, "Syria: Government");
        assert_eq!(syria.start.to_edtf(), "2013-01-03");
        assert_eq!(syria.end, None, "an end equal to the start is dropped");
        assert_eq!(syria.category.as_deref(), Some("state-based conflict"));
        assert_eq!(
            text_of(&doc, &syria),
            "source_article: Agency A,2013-01-03; \"Clashes near Idlib\"\n\nsource_headline: Clashes near Idlib"
        );
        let angola = event(&doc, "102");
        assert_eq!(
            angola.end.as_ref().map(Date::to_edtf).as_deref(),
            Some("1989-05-17")
        );
        assert_eq!(
            text_of(&doc, &angola),
            "source_headline: Rebels blow up power lines"
        );
        assert_eq!(angola.attributes.get("best"), Some("12"));
        assert_eq!(
            event(&doc, "101-2").category.as_deref(),
            Some("one-sided violence")
        );
        assert_eq!(
            warnings(&doc),
            [
                (
                    4,
                    1,
                    "id",
                    "id \"101\" is used by an earlier row; renamed \"101-2\""
                ),
                (
                    5,
                    3,
                    "date_end",
                    "row 4: the end 2020-01-01 is before the start 2020-02-10; skipped"
                ),
                (6, 2, "date_start", "row 5: no start date; skipped"),
            ]
        );
        // The rename warning points at the renamed event.
        assert_eq!(doc.warnings[0].event, doc.event_by_id("101-2"));
        assert!(has_note(
            &doc,
            "semicolon-separated, 9 columns and 5 data rows"
        ));
        assert!(has_note(
            &doc,
            "description from columns \"source_article\", \"source_headline\" (joined as \"column: value\" paragraphs)"
        ));
        assert!(has_note(&doc, "3 of 5 rows imported"));
        assert!(has_note(
            &doc,
            "ends equal to the start read as single dates (2 rows)"
        ));
        assert!(has_note(&doc, "renamed 1 duplicate id (see warnings)"));
        assert!(has_note(&doc, "skipped 2 rows (see warnings)"));
    }
}
