//! What an import did, counted as it goes and written at the end as the
//! document's notes, in the same words for every format: how many items
//! became events, what each field became, and how many were skipped,
//! renamed, untitled or lost an end (each with its warnings).

use crate::formats::common::{plural, plural_s};

/// The counts of one import.
#[derive(Clone, Debug)]
pub struct Report {
    /// What the file's items are called: "item", "event", "row".
    noun: &'static str,
    imported: usize,
    untitled: usize,
    renamed: usize,
    ends_dropped: usize,
    /// Items left out, by what they are called.
    skipped: Vec<(&'static str, usize)>,
    /// How fields were read, in the order first said; a count with a unit
    /// is written after the text: `numeric dates read as milliseconds (3 dates)`.
    mapped: Vec<Mapped>,
}

#[derive(Clone, Debug)]
struct Mapped {
    text: String,
    unit: Option<&'static str>,
    count: usize,
}

impl Report {
    #[must_use]
    pub fn new(noun: &'static str) -> Self {
        Self {
            noun,
            imported: 0,
            untitled: 0,
            renamed: 0,
            ends_dropped: 0,
            skipped: Vec::new(),
            mapped: Vec::new(),
        }
    }

    /// A note on how the file was read, said once however often it is called:
    /// `content becomes title (HTML to text)`.
    pub fn note(&mut self, text: &str) {
        if !self
            .mapped
            .iter()
            .any(|m| m.unit.is_none() && m.text == text)
        {
            self.mapped.push(Mapped {
                text: text.to_owned(),
                unit: None,
                count: 0,
            });
        }
    }

    /// Counts one `unit` ("date", "item") that `text` is true of; written as
    /// `text (3 units)` when the count is not zero.
    pub fn count(&mut self, text: &'static str, unit: &'static str) {
        self.add(text, unit, 1);
    }

    /// Counts `n` at once (see [`Report::count`]).
    pub fn add(&mut self, text: &'static str, unit: &'static str, n: usize) {
        if n == 0 {
            return;
        }
        // Few notes and static texts: a pointer compares them first.
        if let Some(m) = self.mapped.iter_mut().find(|m| {
            m.unit == Some(unit) && (std::ptr::eq(m.text.as_ptr(), text.as_ptr()) || m.text == text)
        }) {
            m.count += n;
        } else {
            self.mapped.push(Mapped {
                text: text.to_owned(),
                unit: Some(unit),
                count: n,
            });
        }
    }

    pub(super) fn imported(&mut self) {
        self.imported += 1;
    }

    pub(super) fn untitled(&mut self) {
        self.untitled += 1;
    }

    pub(super) fn renamed(&mut self) {
        self.renamed += 1;
    }

    pub(super) fn end_dropped(&mut self) {
        self.ends_dropped += 1;
    }

    pub(super) fn skipped(&mut self, noun: &'static str) {
        self.skipped_n(noun, 1);
    }

    /// Adds the counts of `later`, a report of the items after these (a
    /// large file is read in parts, each with its own report).
    pub fn merge(&mut self, later: Report) {
        self.imported += later.imported;
        self.untitled += later.untitled;
        self.renamed += later.renamed;
        self.ends_dropped += later.ends_dropped;
        for (noun, n) in later.skipped {
            self.skipped_n(noun, n);
        }
        for m in later.mapped {
            match self
                .mapped
                .iter_mut()
                .find(|k| k.unit == m.unit && k.text == m.text)
            {
                Some(k) => k.count += m.count,
                None => self.mapped.push(m),
            }
        }
    }

    /// Counts one item made an event without [`super::Import::add`] (a
    /// table's rows, read when looked at).
    pub fn imported_one(&mut self) {
        self.imported += 1;
    }

    /// Counts an item titled `(untitled)` outside [`super::Import::add`].
    pub fn untitled_one(&mut self) {
        self.untitled += 1;
    }

    /// Counts a renamed id outside [`super::Import::add`].
    pub fn renamed_one(&mut self) {
        self.renamed += 1;
    }

    /// Counts an item of `noun` left out outside [`super::Import::skip`].
    pub fn skipped_one(&mut self, noun: &'static str) {
        self.skipped_n(noun, 1);
    }

    /// Counts `n` items of `noun` left out outside [`super::Import::skip`].
    pub fn skipped_n(&mut self, noun: &'static str, n: usize) {
        if n == 0 {
            return;
        }
        match self.skipped.iter_mut().find(|(k, _)| *k == noun) {
            Some((_, count)) => *count += n,
            None => self.skipped.push((noun, n)),
        }
    }

    /// Events made so far.
    #[must_use]
    pub fn imported_count(&self) -> usize {
        self.imported
    }

    /// The notes: `7 of 9 items imported`, how fields were read,
    /// then what needs the user's eye, each pointing at the warnings.
    pub fn write(&self, items: usize, notes: &mut Vec<String>) {
        notes.push(format!(
            "{} of {} imported",
            crate::calendar::group_thousands(i64::try_from(self.imported).unwrap_or(i64::MAX)),
            plural_s(items, self.noun)
        ));
        for m in &self.mapped {
            match m.unit {
                None => notes.push(m.text.clone()),
                Some(unit) if m.count > 0 => {
                    notes.push(format!("{} ({})", m.text, plural_s(m.count, unit)));
                }
                Some(_) => {}
            }
        }
        if self.untitled > 0 {
            notes.push(format!(
                "{} without a title titled \"(untitled)\" (see warnings)",
                plural_s(self.untitled, self.noun)
            ));
        }
        if self.renamed > 0 {
            notes.push(format!(
                "renamed {} (see warnings)",
                plural(self.renamed, "duplicate id", "duplicate ids")
            ));
        }
        if self.ends_dropped > 0 {
            notes.push(format!(
                "dropped {} (see warnings)",
                plural(self.ends_dropped, "unusable end", "unusable ends")
            ));
        }
        for (noun, n) in &self.skipped {
            notes.push(format!("skipped {} (see warnings)", plural_s(*n, noun)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_become_notes_in_one_wording() {
        let mut report = Report::new("item");
        report.note("content becomes title (HTML to text)");
        report.note("content becomes title (HTML to text)");
        for _ in 0..3 {
            report.imported();
            report.count(
                "numeric start / end read as milliseconds since 1970-01-01 UTC",
                "date",
            );
        }
        report.count("never counted twice", "item");
        report.untitled();
        report.renamed();
        report.renamed();
        report.end_dropped();
        report.skipped("item");
        report.skipped("background item");
        report.skipped("item");
        let mut notes = Vec::new();
        let mut later = Report::new("item");
        later.imported();
        later.count("never counted twice", "item");
        later.skipped("other item");
        report.merge(later);
        report.write(6, &mut notes);
        assert_eq!(
            notes,
            [
                "4 of 6 items imported",
                "content becomes title (HTML to text)",
                "numeric start / end read as milliseconds since 1970-01-01 UTC (3 dates)",
                "never counted twice (2 items)",
                "1 item without a title titled \"(untitled)\" (see warnings)",
                "renamed 2 duplicate ids (see warnings)",
                "dropped 1 unusable end (see warnings)",
                "skipped 2 items (see warnings)",
                "skipped 1 background item (see warnings)",
                "skipped 1 other item (see warnings)",
            ]
        );
    }
}
