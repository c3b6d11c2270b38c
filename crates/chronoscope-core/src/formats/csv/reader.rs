//! Reading a whole table into a document: the rows scanned in order by one
//! thread, or in parts on the cores for a large table (each part a run of
//! rows, joined in order when the rows before it end where it began), with
//! progress reports and cancelling; then the notes and the document of rows.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::columns::DateColumns;
use super::day_month::{self, Orders};
use super::notes::write_notes;
use super::row_events::CsvRows;
use super::rows::Rows;
use super::split::{self, Boundary, Record, Records};
use super::table::Table;
use crate::formats::common::ImportOptions;
use crate::formats::import::{Input, Report};
use crate::formats::{LoadError, Progress};
use crate::model::{CategoryNames, Document, DocumentBuilder, RowEvents, RowKey};

/// Reads a CSV or TSV file's text (tests and the import dialog; loading
/// goes through [`Csv`](super::Csv)'s [`Importer`](crate::formats::import::Importer)).
pub fn parse(text: &str, path: &Path, options: &ImportOptions) -> Result<Document, LoadError> {
    let shared = Arc::new(text.to_owned());
    let progress = Progress::default();
    read(
        &Input::new(&shared, path, options, &progress),
        None,
        Report::new("row"),
    )
}

/// Tables with fewer bytes of rows than this are read in one part.
pub(super) const PARALLEL_MIN_BYTES: usize = 1 << 20;

/// The least bytes of rows a part takes when there are several: below it,
/// splitting and joining cost more than a core saves.
const PART_MIN_BYTES: usize = 1 << 19;

/// Rows read between two progress reports and cancellation checks.
pub(super) const REPORT_ROWS: usize = 4096;

/// Reads the table of `input`, in `parts` parts (`None`: as many as the
/// cores and the size of the rows make worth it), reporting the bytes read
/// and the events made every few thousand rows, and stopping with
/// [`LoadError::Cancelled`] soon after the load is cancelled; the result is
/// the same as reading the rows in order. The rows are read a second time
/// when a date column's own dates show the day/month order of its ambiguous
/// ones (`day_month.rs`). `report` holds what was counted before the table
/// (a list's items that are no rows); the rows' counts are added to it.
pub(super) fn read(
    input: &Input<'_>,
    parts: Option<usize>,
    mut report: Report,
) -> Result<Document, LoadError> {
    input.check_cancel()?;
    let cancelled = |Stop| LoadError::Cancelled {
        path: input.path.to_path_buf(),
    };
    let (text, progress) = (input.text(), input.progress);
    let table = Table::open(text, input.path, input.options, true)?;
    let name = input.name();
    let mut orders = Orders::chosen(input.options.day_month_order);
    let mut first = scan(&table, &name, orders, progress, parts).map_err(cancelled)?;
    if let Some(inferred) = day_month::infer(orders, &first.rows.counts.dates) {
        orders = inferred;
        first = scan(&table, &name, orders, progress, parts).map_err(cancelled)?;
    }
    let Part {
        rows,
        mut doc,
        scan,
        row_number,
    } = first;
    // The ids are checked: their set is not needed any more.
    let Rows {
        mut counts, ids, ..
    } = rows;
    drop(ids);
    report.merge(counts.report);
    counts.report = report;
    progress.report(text.len() as u64, counts.report.imported_count() as u64);
    let date_columns =
        [&table.plan.start, &table.plan.end].map(|d| d.as_ref().map(DateColumns::first));
    day_month::warn_mixed(&mut doc, &table, orders, &counts.dates, date_columns);
    write_notes(&mut doc, &table, &counts, orders, row_number);
    let Scan {
        keys,
        times,
        categories,
        names,
        sources,
        renamed,
        ..
    } = scan;
    let reader = CsvRows {
        text: Arc::clone(input.shared),
        spec: Arc::clone(&table.spec),
        title_end: format!(" of {name}"),
        orders,
        renamed,
    };
    Ok(doc.build_rows(
        RowEvents::new(Arc::new(reader), keys, sources),
        times,
        &categories,
        names.into_names(),
    ))
}

/// Reads every row of `table` (of the file `name`) with the day/month
/// `orders` given, in `parts` parts (see [`read`]) on the cores at once: what
/// the first made, with the others' rows added. An error only when
/// cancelled.
fn scan<'t, 'a>(
    table: &'t Table<'a>,
    name: &str,
    orders: Orders,
    progress: &Progress,
    parts: Option<usize>,
) -> Result<Part<'t, 'a>, Stop> {
    let rows_bytes = table.body.len().saturating_sub(table.data_start);
    let count = match parts {
        // A TimelineJS sheet's title row sets the document's title, which
        // joining parts does not carry over.
        _ if table.plan.timelinejs.is_some() => 1,
        Some(count) => count,
        None if rows_bytes < PARALLEL_MIN_BYTES => 1,
        None => crate::work::part_count(rows_bytes, PART_MIN_BYTES),
    };
    let starts = split::boundaries(table.body, table.data_start, count);
    // Each part reads the records that start before the next one's start.
    let stop = |i: usize| starts.get(i + 1).map_or(table.body.len(), |b| b.offset);
    let tracker = Tracker::new(progress, table.spec.bom, &starts);
    let first_part = || {
        let doc = DocumentBuilder {
            name: name.to_owned(),
            format: if table.plan.timelinejs.is_some() {
                "TimelineJS3 spreadsheet (CSV)".to_owned()
            } else {
                "CSV".to_owned()
            },
            ..DocumentBuilder::default()
        };
        let mut first = Part::new(table, name, orders, doc, 0);
        first
            .rows
            .quote_warnings(&mut first.doc, &table.header_problems, None);
        first
    };
    let read_part = |i: usize| {
        let start = starts[i];
        let mut part = if i == 0 {
            first_part()
        } else {
            Part::new(
                table,
                name,
                orders,
                DocumentBuilder::default(),
                start.records,
            )
        };
        let mut records = table.records(
            table.body,
            start.offset,
            table.data_newlines + start.newlines,
        );
        part.read(&mut records, &tracker, i, stop(i))?;
        Ok((part, records))
    };
    let mut read = crate::work::map(starts.len(), read_part).into_iter();
    // No part at all would be no rows read.
    let (mut first, mut records) = read
        .next()
        .unwrap_or_else(|| Ok((first_part(), table.data())))?;
    for (i, next) in read.enumerate().map(|(i, next)| (i + 1, next)) {
        // Every part reads to its end, whether used or not: a cancel stops
        // them all.
        let (mut next, after) = next?;
        let start = starts[i];
        // Where the part starts was found by reading quotes as RFC 4180
        // writes them: it is used only when the rows before it end there,
        // numbered as it numbers its own, and its ids are new.
        let joins = records.position() == start.offset
            && first.row_number == start.records
            && records.newlines() == table.data_newlines + start.newlines
            && first.rows.ids_disjoint(&next.rows);
        // Its progress is counted by the first part's from now on.
        tracker.forget(i);
        if joins {
            let ids = std::mem::take(&mut next.rows.ids);
            first.append(next);
            if i + 1 < starts.len() {
                // Later parts' ids must be new to these too.
                first.rows.ids.append(ids);
            }
            records = after;
            tracker.report(0, records.position(), first.events())?;
        } else if records.position() < stop(i) {
            // The parts do not join: read its rows on from where the rows
            // before stopped.
            first.read(&mut records, &tracker, 0, stop(i))?;
        }
    }
    Ok(first)
}

/// Why a reader stopped before the end of its rows: the load was cancelled.
#[derive(Debug)]
pub(super) struct Stop;

/// Progress of the readers of a table's parts.
pub(super) struct Tracker<'p> {
    progress: &'p Progress,
    /// Bytes of the text before the body (a byte order mark).
    bom: u64,
    /// Byte offset in the body where each part starts.
    from: Vec<usize>,
    /// Bytes read by each part's reader, counted from the start of the rows
    /// for the first.
    done: Vec<AtomicU64>,
    /// Events made by each part's reader.
    events: Vec<AtomicU64>,
}

impl<'p> Tracker<'p> {
    fn new(progress: &'p Progress, bom: usize, starts: &[Boundary]) -> Self {
        let zeros = || starts.iter().map(|_| AtomicU64::new(0)).collect();
        Tracker {
            progress,
            bom: bom as u64,
            from: starts.iter().map(|b| b.offset).collect(),
            done: zeros(),
            events: zeros(),
        }
    }

    /// Records that reader `slot` has reached byte `position` of the body and
    /// made `events` events, and reports the total; an error when cancelled.
    pub(super) fn report(&self, slot: usize, position: usize, events: usize) -> Result<(), Stop> {
        let from = self.from.get(slot).copied().unwrap_or(position);
        if let (Some(done), Some(made)) = (self.done.get(slot), self.events.get(slot)) {
            done.store(position.saturating_sub(from) as u64, Ordering::Relaxed);
            made.store(events as u64, Ordering::Relaxed);
        }
        let sum = |counts: &[AtomicU64]| counts.iter().map(|c| c.load(Ordering::Relaxed)).sum();
        let before = self.bom + self.from.first().copied().unwrap_or(0) as u64;
        self.progress
            .report(before + sum(&self.done), sum(&self.events));
        if self.progress.is_cancelled() {
            Err(Stop)
        } else {
            Ok(())
        }
    }

    /// Stops counting reader `slot`'s work, now counted by the first reader
    /// (or not used).
    fn forget(&self, slot: usize) {
        if let (Some(done), Some(made)) = (self.done.get(slot), self.events.get(slot)) {
            done.store(0, Ordering::Relaxed);
            made.store(0, Ordering::Relaxed);
        }
    }
}

/// What one reader made from a run of consecutive rows.
pub(super) struct Part<'t, 'a> {
    pub(super) rows: Rows<'t, 'a>,
    /// Title, periods and warnings.
    pub(super) doc: DocumentBuilder,
    pub(super) scan: Scan,
    /// Data rows read so far, counted from the first data row of the file.
    pub(super) row_number: usize,
}

/// What scanning keeps of each event row: where it is, its times and its
/// category; and the ids it renamed.
#[derive(Default)]
pub(super) struct Scan {
    pub(super) keys: Vec<RowKey>,
    pub(super) times: Vec<(f64, f64)>,
    /// Numbers in `names`, or [`NO_CATEGORY`](crate::model::NO_CATEGORY).
    pub(super) categories: Vec<u32>,
    pub(super) names: CategoryNames,
    /// Rows with a text.
    pub(super) sources: usize,
    /// Ids made unique, by row number.
    pub(super) renamed: rustc_hash::FxHashMap<u32, String>,
}

impl Scan {
    /// Room for about `more` further rows.
    pub(super) fn reserve(&mut self, more: usize) {
        self.keys.reserve(more);
        self.times.reserve(more);
        self.categories.reserve(more);
    }

    /// Adds the rows scanned after these.
    pub(super) fn append(&mut self, later: Scan) {
        self.keys.extend(later.keys);
        self.times.extend(later.times);
        let categories = self.names.renumber(&later.names, later.categories);
        self.categories.extend(categories);
        self.sources += later.sources;
        self.renamed.extend(later.renamed);
    }
}

impl<'t, 'a> Part<'t, 'a> {
    pub(super) fn new(
        table: &'t Table<'a>,
        file_name: &str,
        orders: Orders,
        doc: DocumentBuilder,
        row_number: usize,
    ) -> Self {
        Part {
            rows: Rows::new(table, format!(" of {file_name}"), orders),
            doc,
            scan: Scan::default(),
            row_number,
        }
    }

    /// Reads rows as reader `slot` of `tracker` until the text ends or a
    /// record ends at or after byte `stop` of the body.
    pub(super) fn read(
        &mut self,
        records: &mut Records<'a>,
        tracker: &Tracker<'_>,
        slot: usize,
        stop: usize,
    ) -> Result<(), Stop> {
        let start = records.position();
        let mut record = Record::new(self.rows.table.body);
        let mut until_report = REPORT_ROWS;
        loop {
            let offset = records.position();
            if !records.read(&mut record) {
                break;
            }
            self.row_number += 1;
            self.rows.row(
                &mut self.doc,
                &mut self.scan,
                &record,
                offset,
                self.row_number,
            );
            until_report -= 1;
            if until_report == 0 {
                until_report = REPORT_ROWS;
                if self.rows.ids.len() == REPORT_ROWS && self.rows.table.plan.id.is_some() {
                    // As many more ids as the rows so far suggest.
                    let per_row = (record.end - start) / REPORT_ROWS + 1;
                    let end = stop.min(self.rows.table.body.len());
                    let left = end.saturating_sub(record.end);
                    self.rows.ids.reserve(left / per_row);
                    self.scan.reserve(left / per_row);
                }
                tracker.report(slot, record.end, self.events())?;
            }
            if record.end >= stop {
                break;
            }
        }
        tracker.report(slot, records.position(), self.events())
    }

    /// Events made so far.
    fn events(&self) -> usize {
        self.rows.counts.report.imported_count()
    }

    /// Adds the rows that `next` read after this part's.
    pub(super) fn append(&mut self, next: Part<'_, '_>) {
        let Part {
            rows,
            doc: mut next_doc,
            scan,
            row_number,
        } = next;
        let events = self.scan.keys.len();
        for w in &mut next_doc.warnings {
            if let Some(i) = &mut w.event {
                *i += events;
            }
        }
        self.scan.append(scan);
        let doc = &mut self.doc;
        doc.warnings.append(&mut next_doc.warnings);
        doc.periods.append(&mut next_doc.periods);
        self.rows.counts.add(rows.counts);
        self.row_number = row_number;
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    /// Reads `text` in `parts` parts (`None`: as loading does).
    fn read_in(
        text: &Arc<String>,
        path: &str,
        options: &ImportOptions,
        progress: &Progress,
        parts: Option<usize>,
    ) -> Result<Document, LoadError> {
        let input = Input::new(text, Path::new(path), options, progress);
        read(&input, parts, Report::new("row"))
    }

    #[test]
    fn progress_reaches_the_end_and_cancelling_stops_the_load() {
        let mut bytes = Vec::new();
        crate::generate::write(&mut bytes, 5000, 3, crate::generate::GenFormat::Csv)
            .unwrap_or_else(|e| panic!("{e}"));
        let generated = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{e}"));
        for (text, name) in [(MISSILES, "m.csv"), (generated.as_str(), "g.csv")] {
            let progress = Progress::new(text.len() as u64);
            let shared = Arc::new(text.to_owned());
            let options = ImportOptions::default();
            let doc =
                read_in(&shared, name, &options, &progress, None).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(progress.bytes(), text.len() as u64);
            assert_eq!(progress.events(), doc.event_count() as u64);
            assert!((progress.fraction() - 1.0).abs() < f32::EPSILON);

            let progress = Progress::new(text.len() as u64);
            progress.cancel();
            let result = read_in(&shared, name, &options, &progress, None);
            assert!(
                matches!(&result, Err(LoadError::Cancelled { path }) if path == Path::new(name)),
                "{:?}",
                result.map(|d| d.event_count())
            );
        }
        assert_eq!(generated.lines().count(), 5001);
    }

    #[test]
    fn parts_read_as_one() {
        let mut bytes = Vec::new();
        crate::generate::write(&mut bytes, 3000, 5, crate::generate::GenFormat::Csv)
            .unwrap_or_else(|e| panic!("{e}"));
        let generated = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{e}"));
        // Repeated ids, in one part and across parts.
        let mut lines: Vec<String> = generated.lines().map(str::to_owned).collect();
        for (from, to) in [(10, 12), (2000, 2001), (2200, 2300), (100, 2900)] {
            let id = lines[from].split(',').next().unwrap_or_default().to_owned();
            let rest = lines[to].split_once(',').map_or("", |r| r.1).to_owned();
            lines[to] = format!("{id},{rest}");
        }
        let near = lines[..lines.len() - 1].join("\n");
        // A quote inside an unquoted field: the parts are found wrongly.
        let misquoted = generated.replacen(",Reuters,", ",Reu\"ters,", 1);
        // Notes whose closing quote is missing (read as characters): early,
        // and past the middle.
        let unclosed = generated.replacen(".\"\n", ".\n", 1);
        let late = generated.len() / 100 * 60;
        let late = late + generated[late..].find(".\"\n").unwrap_or(0);
        let unclosed_late = format!("{}.{}", &generated[..late], &generated[late + 2..]);
        // US dates: the order of the ambiguous ones is inferred, so the
        // parts are read twice.
        let mut us_dates = String::with_capacity(generated.len());
        for line in generated.lines() {
            let mut cells = line.splitn(3, ',');
            let (id, date, rest) = (
                cells.next().unwrap_or_default(),
                cells.next().unwrap_or_default(),
                cells.next().unwrap_or_default(),
            );
            let date = match date.split('-').collect::<Vec<_>>()[..] {
                [y, m, d] => format!("{m}/{d}/{y}"),
                _ => date.to_owned(),
            };
            us_dates.push_str(&[id, &date, rest].join(","));
            us_dates.push('\n');
        }
        let inferred = parse(&us_dates, Path::new("us.csv"), &ImportOptions::default()).unwrap();
        assert_eq!(inferred.event_count(), 3000);
        assert!(
            inferred
                .notes
                .iter()
                .any(|n| n.starts_with("column \"event_date\" read month first")),
            "{:#?}",
            inferred.notes
        );
        let texts = [
            MISSILES,
            CONFLICTS,
            INCIDENTS,
            AMBIGUOUS,
            PARTS,
            RAGGED,
            generated.as_str(),
            &generated.replace('\n', "\r\n"),
            &near,
            &misquoted,
            &unclosed,
            &unclosed_late,
            &us_dates,
            "date,title\n",
            "date,title\n2024-01-01,a",
            "date,title\n\n\n2024-01-01,a\n\n",
        ];
        let options = [
            ImportOptions::default(),
            ImportOptions {
                day_month_order: DayMonthOrder::DayFirst,
                mapping: vec![("id".to_owned(), "event_type".to_owned())],
                ..ImportOptions::default()
            },
        ];
        for text in texts {
            let shared = Arc::new(text.to_owned());
            for options in &options {
                let read_in = |parts| {
                    read_in(&shared, "t.csv", options, &Progress::default(), Some(parts))
                        .map(|d| d.materialized())
                        .map_err(|e| e.to_string())
                };
                let one = read_in(1);
                for parts in [2, 3, 7] {
                    assert!(read_in(parts) == one, "{parts} parts: {}", head(text, 200));
                }
            }
        }
    }

    #[test]
    fn parts_split_between_quoted_line_breaks_and_keep_line_numbers() {
        // Every row's notes run over two lines inside quotes (with a
        // delimiter), so that a part's share often starts inside them; and
        // the row before the last has no date.
        use std::fmt::Write as _;
        let mut text = String::from("id,date,title,notes\n");
        for i in 0..300 {
            let day = i % 28 + 1;
            let notes = format!("\"first line\nsecond, line {i}\"");
            writeln!(text, "e{i},2024-01-{day:02},event {i},{notes}").unwrap();
        }
        text.push_str("late,not a date,late,x\nlast,2024-02-01,last,\"a\nb\"\n");
        let late_line = text.lines().count() - 2;
        let shared = Arc::new(text.clone());
        let options = ImportOptions::default();
        let read_in = |parts| {
            read_in(
                &shared,
                "q.csv",
                &options,
                &Progress::default(),
                Some(parts),
            )
            .map_or_else(|e| panic!("{e}"), |d| d.materialized())
        };
        let one = read_in(1);
        assert_eq!(one.event_count(), 301);
        let late: Vec<_> = one
            .warnings
            .iter()
            .filter(|w| w.location.line == late_line)
            .collect();
        assert_eq!(late.len(), 1, "{:#?}", one.warnings);
        assert_eq!(event(&one, "last").title, "last");
        assert!(one.sources.iter().any(|s| s.text == "a\nb"));
        let table = Table::open(&text, Path::new("q.csv"), &ImportOptions::default(), true)
            .unwrap_or_else(|e| panic!("{e}"));
        for parts in 3..=7 {
            // The shares are split as asked, each starting at a row.
            let starts = split::boundaries(table.body, table.data_start, parts);
            assert_eq!(starts.len(), parts);
            for b in &starts[1..] {
                assert!(
                    text[b.offset..].starts_with('e'),
                    "{}",
                    head(&text[b.offset..], 40)
                );
            }
            assert!(read_in(parts) == one, "{parts} parts");
        }
    }

    #[test]
    fn truncated_and_garbage_input_never_panics() {
        const PIECES: [&str; 16] = [
            "date",
            "title",
            ",",
            ";",
            "\t",
            "\"",
            "\n",
            "\r\n",
            "2024-06-19",
            "03/04/2024",
            "é",
            "Year",
            "-500",
            "era",
            "title",
            "\u{feff}",
        ];
        for text in [
            MISSILES, CONFLICTS, INCIDENTS, TIMELINEJS, AMBIGUOUS, PARTS, RAGGED,
        ] {
            let mut cut = 0;
            while cut <= text.len() {
                if text.is_char_boundary(cut) {
                    let part = &text[..cut];
                    let _ = sniff(part);
                    let _ = parse(part, Path::new("t.csv"), &ImportOptions::default());
                    let _ = preview(part, &ImportOptions::default(), 3);
                }
                cut += 7;
            }
        }
        let mut state: u64 = 0x1234_5678_9ABC_DEF1;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3000 {
            let len = next() % 40;
            let text: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            if let Ok(doc) = parse(&text, Path::new("g.csv"), &ImportOptions::default()) {
                assert!(
                    doc.iter_events()
                        .all(|e| !e.title.is_empty() && !e.id.is_empty())
                );
            }
        }
    }
}
