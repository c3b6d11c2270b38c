//! Scanning the rows of a table: the reading state shared across rows
//! ([`Rows`]) and what one data row gives when the table is read (its times,
//! category and where it is; warnings for rows that cannot be used). The
//! event itself is made from the row only when it is looked at
//! (`event.rs`).

use std::cell::OnceCell;

use rustc_hash::FxHashSet;

use super::columns::normalise;
use super::day_month::Orders;
use super::ids::IdSet;
use super::notes::{Counts, EMPTY_ROWS, EXTRA_CELLS, TITLE_FROM_TEXT};
use super::reader::Scan;
use super::split::Record;
use super::table::Table;
use super::text::{is_one_line, one_line, trim};
use super::ucdp::violence_name;
use crate::formats::common;
use crate::model::{Date, DocumentBuilder, NO_CATEGORY, RowKey};

/// The reading state across rows.
pub(super) struct Rows<'t, 'a> {
    pub(super) table: &'t Table<'a>,
    /// ` of file.csv`: the end of each row's source title.
    pub(super) title_end: String,
    /// How to read the start and end columns' ambiguous day/month dates.
    pub(super) orders: Orders,
    /// Ids given so far; most are slices of the text.
    pub(super) ids: IdSet<'a>,
    pub(super) counts: Counts,
    /// Whether a `TimelineJS` row of Type `title` was read: only the first
    /// gives the title.
    pub(super) title_seen: bool,
    /// The column names, normalised, once a row without a date needs them.
    header_names: OnceCell<FxHashSet<String>>,
}

impl<'t, 'a> Rows<'t, 'a> {
    pub(super) fn new(table: &'t Table<'a>, title_end: String, orders: Orders) -> Self {
        Rows {
            table,
            title_end,
            orders,
            ids: IdSet::default(),
            counts: Counts::default(),
            title_seen: false,
            header_names: OnceCell::new(),
        }
    }
}

impl<'a> Rows<'_, 'a> {
    pub(super) fn header(&self, column: usize) -> &str {
        self.table.headers.get(column).map_or("?", String::as_str)
    }

    /// Scans one data row, which starts at byte `offset` of the body: checks
    /// its dates and id, counts and warns as reading it into an event would,
    /// and keeps what drawing needs (times, category) and where the row is.
    /// The event itself is made by [`Rows::build`] when it is looked at.
    pub(super) fn row(
        &mut self,
        doc: &mut DocumentBuilder,
        scan: &mut Scan,
        record: &Record<'a>,
        offset: usize,
        row: usize,
    ) {
        let line = record.line;
        let plan = &self.table.plan;
        let cell = |c: usize| record.get(c).map_or("", trim);
        let quoted = doc.warnings.len();
        let quoted = quoted..quoted + self.quote_warnings(doc, &record.problems, Some(row));
        if record.iter().all(|f| trim(f).is_empty()) {
            self.counts.report.count(EMPTY_ROWS, "row");
            return;
        }
        if let Some(c) = plan.timelinejs.as_ref().and_then(|t| t.kind) {
            match cell(c).to_ascii_lowercase().as_str() {
                "title" => return self.title_row(doc, record, row),
                "era" => return self.era_row(doc, record, row),
                _ => {}
            }
        }
        let Some((start, end)) = self.dates(doc, record, row) else {
            return;
        };
        let event = scan.keys.len();
        for w in &mut doc.warnings[quoted] {
            w.event = Some(event);
        }
        let has_text = self.has_text(record);
        if !self.has_title(record) {
            if has_text {
                self.counts.report.count(TITLE_FROM_TEXT, "row");
            } else {
                // The warning the shared draft gives (`import/draft.rs`),
                // at the title column.
                self.counts.report.untitled_one();
                let field = plan.title.map_or("title", |c| self.header(c));
                doc.warnings.push(with_event(
                    common::warning(
                        line,
                        plan.title.map_or(0, |c| c + 1),
                        field,
                        format!("no {field}: titled \"(untitled)\""),
                    ),
                    event,
                ));
            }
        }
        let row_key = u32::try_from(row).unwrap_or(u32::MAX);
        if let Some(c) = plan.id
            && let Some(renamed) = self.unique_id(doc, record, c, row, event)
        {
            scan.renamed.insert(row_key, renamed);
        }
        self.check_place(doc, record, row, event);
        let category = match plan.category.map(cell) {
            Some(value) if !value.is_empty() => {
                if plan.violence_codes {
                    scan.names.id(violence_name(value))
                } else if is_one_line(value) {
                    scan.names.id(value)
                } else {
                    scan.names.id(&one_line(value))
                }
            }
            _ => NO_CATEGORY,
        };
        let t0 = start.start_seconds();
        let t1 = end
            .as_ref()
            .map_or_else(|| start.end_seconds(), Date::end_seconds)
            .max(t0);
        scan.keys.push(RowKey {
            offset: offset as u64,
            row: row_key,
        });
        scan.times.push((t0, t1));
        scan.categories.push(category);
        scan.sources += usize::from(has_text);
        let extra = record
            .iter()
            .skip(self.table.headers.len())
            .filter(|v| !v.trim().is_empty())
            .count();
        self.counts.report.add(EXTRA_CELLS, "cell", extra);
        self.counts.report.imported_one();
    }

    /// Whether at least half the non-empty cells of the row (two or more)
    /// start with a column name: a header repeated inside the file, as page
    /// breaks leave in exports (`,Attack Type,Target   City,`). Only used to
    /// explain why a row without a date was skipped.
    pub(super) fn repeats_headers(&self, record: &Record<'a>) -> bool {
        let headers = self
            .header_names
            .get_or_init(|| self.table.headers.iter().map(|h| normalise(h)).collect());
        let cells: Vec<&str> = record
            .iter()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let named = cells
            .iter()
            .filter(|c| {
                let first = c
                    .split_whitespace()
                    .next()
                    .map(normalise)
                    .unwrap_or_default();
                headers.contains(&normalise(c)) || headers.contains(&first)
            })
            .count();
        cells.len() >= 2 && named >= 1 && named * 2 >= cells.len()
    }

    /// Skips `record`, data row `row`, because of `why`, at `column`: the
    /// warning `row 5: why; skipped` that the shared
    /// [`Import::skip`](crate::formats::import::Import::skip) gives, counted
    /// among the skipped `noun`s (rows, eras) of the report.
    pub(super) fn skip(
        &mut self,
        doc: &mut DocumentBuilder,
        record: &Record<'_>,
        row: usize,
        column: usize,
        noun: &'static str,
        why: &str,
    ) {
        self.counts.report.skipped_one(noun);
        doc.warnings.push(common::warning(
            record.line,
            column + 1,
            self.header(column),
            crate::formats::import::skipped("row", row, why),
        ));
    }
}

pub(super) fn with_event(mut w: crate::model::Warning, event: usize) -> crate::model::Warning {
    w.event = Some(event);
    w
}
