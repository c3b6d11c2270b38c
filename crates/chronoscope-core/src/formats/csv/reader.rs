//! Reading a whole table into a document: the rows scanned in order by one
//! thread, or by two for a large table (each taking about half, joined when
//! the first reaches where the second began), with progress reports and
//! cancelling; then the notes and the document of rows.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

use super::columns::DateColumns;
use super::day_month::{self, Orders};
use super::notes::write_notes;
use super::row_events::CsvRows;
use super::rows::Rows;
use super::split::{self, Record, Records};
use super::table::Table;
use crate::formats::common::ImportOptions;
use crate::formats::{LoadError, Progress};
use crate::model::{CategoryNames, Document, DocumentBuilder, RowEvents, RowKey};

/// Reads a CSV or TSV file's text.
pub fn parse(text: &str, path: &Path, options: &ImportOptions) -> Result<Document, LoadError> {
    parse_with_progress(text, path, options, &Progress::default())
}

/// Reads a CSV or TSV file's text like [`parse_with_progress`], keeping
/// `text` itself (not a copy) for the events, which are read from their
/// rows when looked at.
pub fn parse_shared(
    text: &Arc<String>,
    path: &Path,
    options: &ImportOptions,
    progress: &Progress,
) -> Result<Document, LoadError> {
    read(text, path, options, progress, PARALLEL_MIN_BYTES)
}

/// Reads a CSV or TSV file's text like [`parse`], reporting the bytes read
/// and the events made every few thousand rows, and stopping with
/// [`LoadError::Cancelled`] soon after `progress` is cancelled. Large tables
/// are read by two threads, each taking half of the rows; the result is the
/// same as reading them in order.
pub fn parse_with_progress(
    text: &str,
    path: &Path,
    options: &ImportOptions,
    progress: &Progress,
) -> Result<Document, LoadError> {
    read(
        &Arc::new(text.to_owned()),
        path,
        options,
        progress,
        PARALLEL_MIN_BYTES,
    )
}

/// Tables with fewer bytes of rows than this are read by one thread.
pub(super) const PARALLEL_MIN_BYTES: usize = 1 << 20;

/// Rows read between two progress reports and cancellation checks.
pub(super) const REPORT_ROWS: usize = 4096;

/// [`parse_with_progress`], with two threads when the rows take at least
/// `parallel_min` bytes. The rows are read a second time when a date
/// column's own dates show the day/month order of its ambiguous ones
/// (`day_month.rs`).
pub(super) fn read(
    shared: &Arc<String>,
    path: &Path,
    options: &ImportOptions,
    progress: &Progress,
    parallel_min: usize,
) -> Result<Document, LoadError> {
    let cancelled = || LoadError::Cancelled {
        path: path.to_path_buf(),
    };
    if progress.is_cancelled() {
        return Err(cancelled());
    }
    let text = shared.as_str();
    let table = Table::open(text, path, options, true)?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut orders = Orders::chosen(options.day_month_order);
    let mut first = scan(&table, &name, orders, progress, parallel_min).map_err(|_| cancelled())?;
    if let Some(inferred) = day_month::infer(orders, &first.rows.counts.dates) {
        orders = inferred;
        first = scan(&table, &name, orders, progress, parallel_min).map_err(|_| cancelled())?;
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
    counts.rows = row_number;
    progress.report(text.len() as u64, counts.events as u64);
    let date_columns =
        [&table.plan.start, &table.plan.end].map(|d| d.as_ref().map(DateColumns::first));
    day_month::warn_mixed(&mut doc, &table, orders, &counts.dates, date_columns);
    write_notes(&mut doc, &table, &counts, orders);
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
        text: Arc::clone(shared),
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
/// `orders` given, by one reader or by two for a large table: what the
/// first made, with the second's rows added. An error only when cancelled.
fn scan<'t, 'a>(
    table: &'t Table<'a>,
    name: &str,
    orders: Orders,
    progress: &Progress,
    parallel_min: usize,
) -> Result<Part<'t, 'a>, Stop> {
    let doc = DocumentBuilder {
        name: name.to_owned(),
        format: if table.plan.timelinejs.is_some() {
            "TimelineJS3 spreadsheet (CSV)".to_owned()
        } else {
            "CSV".to_owned()
        },
        ..DocumentBuilder::default()
    };
    let tracker = Tracker {
        progress,
        base: (table.spec.bom + table.data_start) as u64,
        done: [AtomicU64::new(0), AtomicU64::new(0)],
        events: [AtomicU64::new(0), AtomicU64::new(0)],
        abandon: AtomicBool::new(false),
        boundary: AtomicUsize::new(0),
    };
    let mut first = Part::new(table, name, orders, doc, 0);
    first
        .rows
        .quote_warnings(&mut first.doc, &table.header_problems, None);
    let mut records = table.data();
    let rows_bytes = table.body.len().saturating_sub(table.data_start);
    let parallel = table.plan.timelinejs.is_none()
        && rows_bytes >= parallel_min
        && std::thread::available_parallelism().map_or(1, std::num::NonZero::get) > 1;
    if !parallel {
        tracker.boundary.store(NO_BOUNDARY, Ordering::Relaxed);
        first.read(&mut records, &tracker, 0)?;
        return Ok(first);
    }
    // The second thread first finds where its half starts, then reads it;
    // the first reads up to there meanwhile. The split is a little past
    // the middle, as the first has no search to do.
    let target = table.data_start + rows_bytes / 100 * 52;
    let (result, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| {
            let found = split::boundary_after(table.body, table.data_start, target);
            tracker
                .boundary
                .store(found.map_or(NO_BOUNDARY, |b| b.offset), Ordering::Relaxed);
            let boundary = found?;
            let mut part = Part::new(
                table,
                name,
                orders,
                DocumentBuilder::default(),
                boundary.records,
            );
            let mut records = table.records(
                table.body,
                boundary.offset,
                table.data_newlines + boundary.newlines,
            );
            Some((
                boundary,
                part.read(&mut records, &tracker, 1).map(|()| part),
            ))
        });
        let result = first.read(&mut records, &tracker, 0);
        let boundary = tracker.boundary.load(Ordering::Relaxed);
        let joins = result.is_ok() && boundary != NO_BOUNDARY && records.position() == boundary;
        if !joins {
            tracker.abandon.store(true, Ordering::Relaxed);
        }
        let second = match second.join() {
            Ok(second) => second,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        (result, second.filter(|_| joins))
    });
    result?;
    match second {
        Some((boundary, Ok(second)))
            if first.row_number == boundary.records
                && records.newlines() == table.data_newlines + boundary.newlines
                && first.rows.ids_disjoint(&second.rows) =>
        {
            first.append(second);
        }
        Some((_, Err(Stop::Cancelled))) => return Err(Stop::Cancelled),
        // The halves do not join: read on from where the first stopped.
        _ => {
            tracker.done[1].store(0, Ordering::Relaxed);
            tracker.boundary.store(NO_BOUNDARY, Ordering::Relaxed);
            first.read(&mut records, &tracker, 0)?;
        }
    }
    Ok(first)
}

/// Why a reader stopped before the end of its rows.
#[derive(Debug)]
pub(super) enum Stop {
    Cancelled,
    /// The other reader found that the halves do not join.
    Abandoned,
}

/// Progress of the (one or two) readers of a table.
pub(super) struct Tracker<'p> {
    pub(super) progress: &'p Progress,
    /// Bytes of the text before the first data row.
    pub(super) base: u64,
    /// Bytes read by each reader.
    pub(super) done: [AtomicU64; 2],
    /// Events made by each reader.
    pub(super) events: [AtomicU64; 2],
    /// Set when the second reader's rows will not be used.
    pub(super) abandon: AtomicBool,
    /// Where the first reader stops: 0 while the second is still looking for
    /// its start, [`NO_BOUNDARY`] when the first reads all rows.
    pub(super) boundary: AtomicUsize,
}

/// [`Tracker::boundary`] when there is no second reader.
pub(super) const NO_BOUNDARY: usize = usize::MAX;

/// Rows between two looks at [`Tracker::boundary`] while it is unknown.
pub(super) const BOUNDARY_ROWS: usize = 64;

impl Tracker<'_> {
    /// Records what reader `slot` has done and reports the total; an error
    /// when the reader should stop.
    pub(super) fn report(&self, slot: usize, bytes: usize, events: usize) -> Result<(), Stop> {
        self.done[slot].store(bytes as u64, Ordering::Relaxed);
        self.events[slot].store(events as u64, Ordering::Relaxed);
        let bytes =
            self.base + self.done[0].load(Ordering::Relaxed) + self.done[1].load(Ordering::Relaxed);
        let events =
            self.events[0].load(Ordering::Relaxed) + self.events[1].load(Ordering::Relaxed);
        self.progress.report(bytes, events);
        if self.progress.is_cancelled() {
            Err(Stop::Cancelled)
        } else if slot == 1 && self.abandon.load(Ordering::Relaxed) {
            Err(Stop::Abandoned)
        } else {
            Ok(())
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

    /// Reads rows as reader `slot` of `tracker` until the text ends or, for
    /// the first reader, a record ends at or after the tracker's boundary.
    pub(super) fn read(
        &mut self,
        records: &mut Records<'a>,
        tracker: &Tracker<'_>,
        slot: usize,
    ) -> Result<(), Stop> {
        let start = records.position();
        let mut record = Record::new(self.rows.table.body);
        let mut stop = if slot == 0 {
            tracker.boundary.load(Ordering::Relaxed)
        } else {
            NO_BOUNDARY
        };
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
                    let end = match stop {
                        0 | NO_BOUNDARY => self.rows.table.body.len(),
                        stop => stop,
                    };
                    let left = end.saturating_sub(record.end);
                    self.rows.ids.reserve(left / per_row);
                    self.scan.reserve(left / per_row);
                }
                tracker.report(slot, record.end - start, self.rows.counts.events)?;
            }
            if stop == 0 && until_report.is_multiple_of(BOUNDARY_ROWS) {
                stop = tracker.boundary.load(Ordering::Relaxed);
            }
            if stop != 0 && record.end >= stop {
                break;
            }
        }
        tracker.report(slot, records.position() - start, self.rows.counts.events)
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

    #[test]
    fn progress_reaches_the_end_and_cancelling_stops_the_load() {
        let mut bytes = Vec::new();
        crate::generate::write(&mut bytes, 5000, 3, crate::generate::GenFormat::Csv)
            .unwrap_or_else(|e| panic!("{e}"));
        let generated = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{e}"));
        for (text, name) in [(MISSILES, "m.csv"), (generated.as_str(), "g.csv")] {
            let progress = Progress::new(text.len() as u64);
            let doc =
                parse_with_progress(text, Path::new(name), &ImportOptions::default(), &progress)
                    .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(progress.bytes(), text.len() as u64);
            assert_eq!(progress.events(), doc.event_count() as u64);
            assert!((progress.fraction() - 1.0).abs() < f32::EPSILON);

            let progress = Progress::new(text.len() as u64);
            progress.cancel();
            let result =
                parse_with_progress(text, Path::new(name), &ImportOptions::default(), &progress);
            assert!(
                matches!(&result, Err(LoadError::Cancelled { path }) if path == Path::new(name)),
                "{:?}",
                result.map(|d| d.event_count())
            );
        }
        assert_eq!(generated.lines().count(), 5001);
    }

    #[test]
    fn two_readers_read_as_one() {
        let mut bytes = Vec::new();
        crate::generate::write(&mut bytes, 3000, 5, crate::generate::GenFormat::Csv)
            .unwrap_or_else(|e| panic!("{e}"));
        let generated = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{e}"));
        // Repeated ids, in one half and across the halves.
        let mut lines: Vec<String> = generated.lines().map(str::to_owned).collect();
        for (from, to) in [(10, 12), (2000, 2001), (2200, 2300), (100, 2900)] {
            let id = lines[from].split(',').next().unwrap_or_default().to_owned();
            let rest = lines[to].split_once(',').map_or("", |r| r.1).to_owned();
            lines[to] = format!("{id},{rest}");
        }
        let near = lines[..lines.len() - 1].join("\n");
        // A quote inside an unquoted field: the halves are found wrongly.
        let misquoted = generated.replacen(",Reuters,", ",Reu\"ters,", 1);
        // Notes whose closing quote is missing (read as characters): early,
        // and past the middle.
        let unclosed = generated.replacen(".\"\n", ".\n", 1);
        let late = generated.len() / 100 * 60;
        let late = late + generated[late..].find(".\"\n").unwrap_or(0);
        let unclosed_late = format!("{}.{}", &generated[..late], &generated[late + 2..]);
        // US dates: the order of the ambiguous ones is inferred, so the
        // halves are read twice.
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
                let one = read(
                    &shared,
                    Path::new("t.csv"),
                    options,
                    &Progress::default(),
                    usize::MAX,
                );
                let two = read(
                    &shared,
                    Path::new("t.csv"),
                    options,
                    &Progress::default(),
                    0,
                );
                match (one, two) {
                    (Ok(one), Ok(two)) => assert!(
                        one.materialized() == two.materialized(),
                        "{}",
                        head(text, 200)
                    ),
                    (Err(one), Err(two)) => assert_eq!(one.to_string(), two.to_string()),
                    (one, two) => panic!("{:?} vs {:?}", one.err(), two.err()),
                }
            }
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
