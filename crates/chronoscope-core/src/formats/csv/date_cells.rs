//! Reading a row's date cells: one column (`2024-06-19`, `19/06/2024 14:30`,
//! `44 BC`) or separate year / month / day / time columns, into the start
//! and end of its event; a row whose dates cannot be used is skipped with a
//! warning naming the cell and why.

use super::columns::DateColumns;
use super::day_month::Side;
use super::notes::{END_EQUAL, TIMELINEJS_BCE};
use super::rows::Rows;
use super::split::Record;
use super::text::trim;
use crate::formats::common::{DayMonthOrder, plural, shorten};
use crate::formats::dates;
use crate::formats::import::before_start;
use crate::formats::timelinejs::YEAR_ZERO;
use crate::model::{Date, DocumentBuilder};

/// Longest date cell read, in bytes: the longest spellings
/// (`Wednesday, 19th of September 2024 at 2:30 p.m. +05:30`) are far
/// shorter. A longer cell is not a date, and is not quoted whole in the
/// warning (a cell may be megabytes long).
const MAX_DATE_BYTES: usize = 200;

/// A date that could not be read: where and why.
pub(super) struct DateProblem {
    pub(super) column: usize,
    pub(super) message: String,
    pub(super) ambiguous: bool,
}

impl DateProblem {
    /// The problem of a date cell longer than [`MAX_DATE_BYTES`].
    fn too_long(column: usize, value: &str, side: Side) -> Self {
        Self {
            column,
            message: format!(
                "cannot read {:?} as {} date: {} is too long for a date",
                shorten(value, 40),
                side.with_article(),
                plural(value.chars().count(), "character", "characters"),
            ),
            ambiguous: false,
        }
    }
}

impl<'a> Rows<'_, 'a> {
    /// The start and end of `record`, data row `row`, or `None` (with a
    /// warning and counted) when the row is skipped for them. An end that
    /// cannot be read, or is before the start, skips the row too: a table's
    /// row is one record, and half of it is not the event it describes.
    pub(super) fn dates(
        &mut self,
        doc: &mut DocumentBuilder,
        record: &Record<'a>,
        row: usize,
    ) -> Option<(Date, Option<Date>)> {
        let plan = &self.table.plan;
        let start_cols = plan.start.as_ref()?;
        let problem = match self.date(start_cols, record, Side::Start) {
            Ok(Some(start)) => match plan
                .end
                .as_ref()
                .map(|e| (e, self.date(e, record, Side::End)))
            {
                None | Some((_, Ok(None))) => return Some((start, None)),
                Some((_, Err(p))) => p,
                Some((cols, Ok(Some(end)))) if end.end_seconds() < start.start_seconds() => {
                    DateProblem {
                        column: cols.first(),
                        message: before_start(&end, &start),
                        ambiguous: false,
                    }
                }
                Some((_, Ok(Some(end)))) if end == start => {
                    self.counts.report.count(END_EQUAL, "row");
                    return Some((start, None));
                }
                Some((_, Ok(Some(end)))) => return Some((start, Some(end))),
            },
            Ok(None) => {
                self.observe_end(record);
                let why = if self.repeats_headers(record) {
                    "no start date, and the row repeats the column names (a page header inside the file?)"
                } else {
                    "no start date"
                };
                DateProblem {
                    column: start_cols.first(),
                    message: why.to_owned(),
                    ambiguous: false,
                }
            }
            Err(p) => {
                self.observe_end(record);
                p
            }
        };
        self.counts.ambiguous += usize::from(problem.ambiguous);
        self.skip(doc, record, row, problem.column, "row", &problem.message);
        None
    }

    /// Looks at the end date of a row skipped before its end was read, for
    /// what it shows of its column's day/month order (when that is not
    /// chosen): a column whose proofs are all in such rows still decides.
    fn observe_end(&mut self, record: &Record<'a>) {
        let Some(DateColumns::One(c) | DateColumns::DateTime { date: c, .. }) = self.table.plan.end
        else {
            return;
        };
        if self.orders.of(Side::End).order != DayMonthOrder::Ask {
            return;
        }
        let value = record.get(c).map_or("", trim);
        if value.is_empty() || value.len() > MAX_DATE_BYTES {
            return;
        }
        let seen = &mut self.counts.dates[Side::End.index()];
        match dates::parse_loose(value, DayMonthOrder::Ask) {
            Ok(_) => {
                if let Some(order) = evident_order(value) {
                    seen.saw(order, record.line, value);
                }
            }
            Err(reason) if reason.starts_with("ambiguous") => seen.ambiguous += 1,
            Err(_) => {}
        }
    }

    /// Reads a date from its column(s): `Ok(None)` when empty.
    pub(super) fn date(
        &mut self,
        cols: &DateColumns,
        record: &Record<'a>,
        side: Side,
    ) -> Result<Option<Date>, DateProblem> {
        let cell = |c: usize| record.get(c).map_or("", trim);
        match cols {
            DateColumns::One(c) => self.date_cell(*c, None, record, side),
            DateColumns::DateTime { date, time } => {
                self.date_cell(*date, Some(*time), record, side)
            }
            DateColumns::Parts {
                year,
                month,
                day,
                time,
            } => {
                let part = |c: Option<usize>| c.map_or("", cell);
                let (y, m, d, t) = (cell(*year), part(*month), part(*day), part(*time));
                for c in [Some(*year), *month, *day, *time].into_iter().flatten() {
                    if cell(c).len() > MAX_DATE_BYTES {
                        return Err(DateProblem::too_long(c, cell(c), side));
                    }
                }
                if y.is_empty() {
                    return if [m, d, t].iter().all(|s| s.is_empty()) {
                        Ok(None)
                    } else {
                        Err(DateProblem {
                            column: *year,
                            message: "a month, day or time without a year".to_owned(),
                            ambiguous: false,
                        })
                    };
                }
                let timelinejs = self.table.plan.timelinejs.is_some();
                let result = dates::parse_year(y).and_then(|mut astronomical| {
                    // `TimelineJS` has no year 0: a plain 0 (not `1 BC`) is
                    // neither 1 BCE nor 1 CE, as its JSON importer says.
                    let plain = y
                        .trim_start_matches(['-', '+'])
                        .bytes()
                        .all(|b| b.is_ascii_digit());
                    if timelinejs && plain && astronomical == 0 {
                        return Err(YEAR_ZERO.to_owned());
                    }
                    if timelinejs && y.starts_with('-') {
                        astronomical += 1;
                        self.counts.report.note(TIMELINEJS_BCE);
                    }
                    dates::from_parts(astronomical, m, d, t)
                });
                result.map(Some).map_err(|reason| {
                    let cols = [Some(*year), *month, *day, *time];
                    let values: Vec<String> = cols
                        .iter()
                        .flatten()
                        .map(|&c| (self.header(c), cell(c)))
                        .filter(|(_, v)| !v.is_empty())
                        .map(|(h, v)| format!("{h} {v:?}"))
                        .collect();
                    DateProblem {
                        column: *year,
                        message: format!(
                            "cannot read {} as {} date: {reason}",
                            values.join(", "),
                            side.with_article()
                        ),
                        ambiguous: false,
                    }
                })
            }
        }
    }

    /// Reads the date in column `c` (with the time in column `time`, when
    /// there is one): `Ok(None)` when both are empty.
    fn date_cell(
        &mut self,
        c: usize,
        time: Option<usize>,
        record: &Record<'a>,
        side: Side,
    ) -> Result<Option<Date>, DateProblem> {
        let cell = |c: usize| record.get(c).map_or("", trim);
        let value = cell(c);
        let clock = time.map_or("", cell);
        if value.is_empty() {
            return match time {
                Some(t) if !clock.is_empty() => Err(DateProblem {
                    column: t,
                    message: format!(
                        "a time ({:?}) without a date in {}",
                        shorten(clock, 40),
                        self.header(c)
                    ),
                    ambiguous: false,
                }),
                _ => Ok(None),
            };
        }
        if value.len() > MAX_DATE_BYTES {
            return Err(DateProblem::too_long(c, value, side));
        }
        let order = self.orders.of(side);
        let seen = &mut self.counts.dates[side.index()];
        let loose = match dates::parse_loose(value, order.order) {
            Ok(loose) => loose,
            Err(reason) => {
                let ambiguous = reason.starts_with("ambiguous");
                if ambiguous {
                    seen.ambiguous += 1;
                    self.counts
                        .ambiguous_example
                        .get_or_insert_with(|| value.to_owned());
                }
                let message = if ambiguous || reason.starts_with("cannot read ") {
                    reason
                } else {
                    format!(
                        "cannot read {value:?} as {} date: {reason}",
                        side.with_article()
                    )
                };
                return Err(DateProblem {
                    column: c,
                    message,
                    ambiguous,
                });
            }
        };
        if let Some(evident) = evident_order(value) {
            seen.saw(evident, record.line, value);
        }
        if let Some(note) = loose.note {
            if order.inferred {
                seen.read_inferred(note);
            } else {
                self.counts.chosen += 1;
                self.counts.chosen_example.get_or_insert(note);
            }
        }
        match time {
            Some(t) if !clock.is_empty() => {
                if clock.len() > MAX_DATE_BYTES {
                    return Err(DateProblem::too_long(t, clock, side));
                }
                dates::at_time(&loose.date, clock)
                    .map(Some)
                    .map_err(|reason| DateProblem {
                        column: t,
                        message: format!(
                            "cannot join the time {clock:?} to {} {value:?}: {reason}",
                            self.header(c),
                        ),
                        ambiguous: false,
                    })
            }
            _ => Ok(Some(loose.date)),
        }
    }
}

/// The order a `dd/mm/yyyy`-like date shows by itself (a part above 12).
fn evident_order(value: &str) -> Option<DayMonthOrder> {
    // Only values starting with one or two digits and a separator can.
    let short_first = value
        .find(|c: char| !c.is_ascii_digit())
        .is_some_and(|i| (1..=2).contains(&i));
    short_first.then(|| dates::evident_order(value)).flatten()
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn regression_a_time_column_is_kept_apart_from_its_date() {
        let text = "date,time,title\n\
            2022-02-24,14:30,Joined\n\
            2022-02-25,,Date only\n\
            2022-02-26 00:00:00,2:30 PM,Midnight date\n\
            ,10:00,No date\n\
            2022-03,10:00,Month\n";
        let doc = load_default(text, "dt.csv");
        let got: Vec<(String, String)> = doc
            .iter_events()
            .map(|e| (e.title.clone(), e.start.to_edtf()))
            .collect();
        assert_eq!(
            got,
            [
                ("Joined".to_owned(), "2022-02-24T14:30".to_owned()),
                ("Date only".to_owned(), "2022-02-25".to_owned()),
                ("Midnight date".to_owned(), "2022-02-26T14:30".to_owned()),
            ]
        );
        assert!(!event(&doc, "row-1").attributes.contains_key("time"));
        assert_eq!(
            warnings(&doc),
            [
                (
                    5,
                    2,
                    "time",
                    "row 4: a time (\"10:00\") without a date in date; skipped"
                ),
                (
                    6,
                    2,
                    "time",
                    "row 5: cannot join the time \"10:00\" to date \"2022-03\": 2022-03 is not a whole day: a time needs a year, month and day; skipped"
                ),
            ]
        );
        assert!(has_note(&doc, "start from columns \"date\", \"time\""));
        // Named after their date columns, for the start and the end.
        let doc = load_default(
            "event_date,event_time,end_date,end_time,title\n2022-02-24,14:30,2022-02-25,08:00,a\n",
            "dt.csv",
        );
        let e = event(&doc, "row-1");
        assert_eq!(e.start.to_edtf(), "2022-02-24T14:30");
        assert_eq!(
            e.end.as_ref().map(Date::to_edtf).as_deref(),
            Some("2022-02-25T08:00")
        );
        // A time column some field reads is not joined.
        let options = ImportOptions {
            mapping: vec![("description".to_owned(), "time".to_owned())],
            ..ImportOptions::default()
        };
        let doc = load("date,time,title\n2022-02-24,14:30,a\n", "dt.csv", &options);
        assert_eq!(event(&doc, "row-1").start.to_edtf(), "2022-02-24");
    }

    #[test]
    fn ambiguous_dates_need_a_chosen_order() {
        // Nothing in the Date column shows its order (the End column's
        // 25/06/2024 says nothing about it).
        let text = "Date,End,Title\n\
            03/04/2024,,Ambiguous spring day\n\
            12/12/2024,,Same day and month\n\
            04/05/2024 14:30,,Ambiguous with time\n\
            19 June 2024,25/06/2024,Month name\n";
        let doc = load_default(text, "ambiguous.csv");
        let dates: Vec<String> = doc.iter_events().map(|e| e.start.to_edtf()).collect();
        assert_eq!(dates, ["2024-06-19", "2024-12-12"]);
        let june = doc.event(0).unwrap();
        assert_eq!(
            june.end.as_ref().map(Date::to_edtf).as_deref(),
            Some("2024-06-25")
        );
        assert_eq!(
            warnings(&doc),
            [
                (
                    2,
                    1,
                    "Date",
                    "row 1: ambiguous: 03/04/2024 could be 3 April or March 4; choose day or month first; skipped"
                ),
                (
                    4,
                    1,
                    "Date",
                    "row 3: ambiguous: 04/05/2024 could be 4 May or April 5; choose day or month first; skipped"
                ),
            ]
        );
        assert!(has_note(
            &doc,
            "skipped 2 rows whose dates could be day/month or month/day (such as \"03/04/2024\"): choose day first or month first (on the command line or in the import dialog) to read them; 1 other date in the file put the day first"
        ));

        let day_first = ImportOptions {
            day_month_order: DayMonthOrder::DayFirst,
            ..ImportOptions::default()
        };
        let doc = load(AMBIGUOUS, "ambiguous.csv", &day_first);
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        assert_eq!(event(&doc, "row-1").start.to_edtf(), "2024-04-03");
        assert_eq!(event(&doc, "row-3").start.to_edtf(), "2024-05-04T14:30");
        assert!(has_note(
            &doc,
            "2 ambiguous day/month dates read in the order you chose, e.g. read 03/04/2024 as 3 April 2024 (day first)"
        ));
        assert_eq!(text_of(&doc, &event(&doc, "row-1")), "First note");

        let month_first = ImportOptions {
            day_month_order: DayMonthOrder::MonthFirst,
            ..ImportOptions::default()
        };
        // The user's choice wins over the column's own 25/03/2024.
        let doc = load(AMBIGUOUS, "ambiguous.csv", &month_first);
        assert_eq!(event(&doc, "row-1").start.to_edtf(), "2024-03-04");
        // Unambiguous dates are read the only way they can be.
        assert_eq!(event(&doc, "row-2").start.to_edtf(), "2024-03-25");
    }

    #[test]
    fn year_month_day_columns_combine_at_their_precision() {
        let doc = load_default(PARTS, "parts.csv");
        let got: Vec<(String, String, Precision)> = doc
            .iter_events()
            .map(|e| (e.title.clone(), e.start.to_edtf(), e.start.precision))
            .collect();
        assert_eq!(
            got,
            [
                ("Whole year".into(), "1850".into(), Precision::Year),
                ("A month".into(), "1851-03".into(), Precision::Month),
                ("A day".into(), "1852-04-09".into(), Precision::Day),
                (
                    "A minute".into(),
                    "1852-04-09T09:05".into(),
                    Precision::Minute
                ),
            ]
        );
        let year = event(&doc, "row-1");
        assert_eq!(year.tags, ["war", "treaty"]);
        assert_eq!(year.url.as_deref(), Some("https://example.org/1850"));
        assert_eq!(event(&doc, "row-2").tags, ["a", "b"]);
        let day = event(&doc, "row-3");
        assert_eq!(text_of(&doc, &day), "Note on a day");
        assert_eq!(source_of(&doc, &day).url, None);
        assert_eq!(
            warnings(&doc),
            [(
                6,
                2,
                "Year",
                "row 5: cannot read Year \"1853\", Day \"7\" as a start date: a day (7) without a month; skipped"
            )]
        );
    }
}
