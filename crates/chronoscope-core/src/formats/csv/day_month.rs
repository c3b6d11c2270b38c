//! The day/month order of a table's all-numeric dates (`03/04/2024`), per
//! date column: chosen by the user, or inferred from the column's own dates.
//!
//! Why: a US export writes `02/24/2022` and `03/01/2022` in one column; the
//! first can only be February 24, so the column puts the month first, and
//! asking the user about the second (or skipping it) loses rows for nothing.
//! So while the rows are read, each date column counts its dates that can
//! be read one way only (a part above 12) and keeps the first of each kind.
//! When a column has ambiguous dates and its proofs all point one way, the
//! table is read again with that order for that column, and a note says so.
//! When nothing in the column decides, its ambiguous rows are skipped with
//! a warning as before ([`DayMonthOrder::Ask`]); when its proofs point both
//! ways, a warning at the later one says the column mixes orders, and
//! nothing is inferred. The user's choice (day first, month first) always
//! wins: nothing is inferred then.

use super::table::Table;
use crate::formats::common::{self, DayMonthOrder, plural};
use crate::model::DocumentBuilder;

/// The start or the end of an event: which date columns a date comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Side {
    Start,
    End,
}

impl Side {
    /// Where the side's [`Evidence`] is: 0 for the start, 1 for the end.
    pub(super) fn index(self) -> usize {
        match self {
            Side::Start => 0,
            Side::End => 1,
        }
    }

    /// `start` or `end`, as warnings name it after "a" / "an".
    pub(super) fn with_article(self) -> &'static str {
        match self {
            Side::Start => "a start",
            Side::End => "an end",
        }
    }
}

/// The order to read a date column's ambiguous dates in, and whether the
/// column's own dates decided it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct ColumnOrder {
    pub(super) order: DayMonthOrder,
    pub(super) inferred: bool,
}

/// The orders of the start and the end date columns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Orders {
    start: ColumnOrder,
    end: ColumnOrder,
}

impl Orders {
    /// Both columns in the order the user chose (or asking).
    pub(super) fn chosen(order: DayMonthOrder) -> Self {
        let column = ColumnOrder {
            order,
            inferred: false,
        };
        Orders {
            start: column,
            end: column,
        }
    }

    pub(super) fn of(self, side: Side) -> ColumnOrder {
        match side {
            Side::Start => self.start,
            Side::End => self.end,
        }
    }

    fn of_mut(&mut self, side: Side) -> &mut ColumnOrder {
        match side {
            Side::Start => &mut self.start,
            Side::End => &mut self.end,
        }
    }
}

/// A date that can be read one way only: its row's line and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Proof {
    line: usize,
    value: String,
}

/// What a date column's dates showed of their order, while read.
#[derive(Clone, Debug, Default)]
pub(super) struct Evidence {
    /// Dates that can only be read day first, and the first of them.
    day_first: usize,
    first_day_first: Option<Proof>,
    /// Dates that can only be read month first, and the first of them.
    month_first: usize,
    first_month_first: Option<Proof>,
    /// Dates of the column that could be read either way, left unread.
    pub(super) ambiguous: usize,
    /// Ambiguous dates read in the inferred order, and what the first became.
    inferred: usize,
    inferred_example: Option<String>,
}

impl Evidence {
    /// Records a date of the row at `line` that can only be read in `order`.
    pub(super) fn saw(&mut self, order: DayMonthOrder, line: usize, value: &str) {
        let (count, first) = match order {
            DayMonthOrder::DayFirst => (&mut self.day_first, &mut self.first_day_first),
            DayMonthOrder::MonthFirst => (&mut self.month_first, &mut self.first_month_first),
            DayMonthOrder::Ask => return,
        };
        *count += 1;
        first.get_or_insert_with(|| Proof {
            line,
            value: value.to_owned(),
        });
    }

    /// Records an ambiguous date read in the inferred order; `note` says how.
    pub(super) fn read_inferred(&mut self, note: String) {
        self.inferred += 1;
        self.inferred_example.get_or_insert(note);
    }

    /// Dates that can only be read day first and month first.
    pub(super) fn evident(&self) -> (usize, usize) {
        (self.day_first, self.month_first)
    }

    /// Adds what the rows read after these showed.
    pub(super) fn add(&mut self, later: Evidence) {
        self.day_first += later.day_first;
        self.month_first += later.month_first;
        self.ambiguous += later.ambiguous;
        self.inferred += later.inferred;
        if self.first_day_first.is_none() {
            self.first_day_first = later.first_day_first;
        }
        if self.first_month_first.is_none() {
            self.first_month_first = later.first_month_first;
        }
        if self.inferred_example.is_none() {
            self.inferred_example = later.inferred_example;
        }
    }

    /// The order every proof of the column shows, when there are some and
    /// they agree.
    fn decides(&self) -> Option<DayMonthOrder> {
        match (self.day_first, self.month_first) {
            (0, 0) => None,
            (_, 0) => Some(DayMonthOrder::DayFirst),
            (0, _) => Some(DayMonthOrder::MonthFirst),
            _ => None,
        }
    }
}

/// The orders to read the table again in, when a column that was asking
/// skipped ambiguous dates and its own dates decide its order; `None` when
/// reading again would change nothing. `evidence` is by [`Side`]: start,
/// end.
pub(super) fn infer(orders: Orders, evidence: &[Evidence; 2]) -> Option<Orders> {
    let mut inferred = orders;
    for (side, seen) in [Side::Start, Side::End].into_iter().zip(evidence) {
        let column = inferred.of_mut(side);
        if column.order == DayMonthOrder::Ask
            && seen.ambiguous > 0
            && let Some(order) = seen.decides()
        {
            *column = ColumnOrder {
                order,
                inferred: true,
            };
        }
    }
    (inferred != orders).then_some(inferred)
}

/// Warns about each asking date column whose dates show both orders, at the
/// first date of the order seen later; `columns` are the columns of the
/// start and end dates.
pub(super) fn warn_mixed(
    doc: &mut DocumentBuilder,
    table: &Table<'_>,
    orders: Orders,
    evidence: &[Evidence; 2],
    columns: [Option<usize>; 2],
) {
    let sides = [Side::Start, Side::End]
        .into_iter()
        .zip(evidence)
        .zip(columns);
    for (i, ((side, seen), column)) in sides.enumerate() {
        let (Some(c), Some(day), Some(month)) =
            (column, &seen.first_day_first, &seen.first_month_first)
        else {
            continue;
        };
        // The end read from the start's column says nothing new.
        if orders.of(side).order != DayMonthOrder::Ask || (i == 1 && columns[0] == Some(c)) {
            continue;
        }
        let ((later, later_way), (earlier, earlier_way)) = if day.line > month.line {
            ((day, "day"), (month, "month"))
        } else {
            ((month, "month"), (day, "day"))
        };
        let header = table.headers.get(c).map_or("?", String::as_str);
        doc.warnings.push(common::warning(
            later.line,
            c + 1,
            header,
            format!(
                "{header}: {:?} can only be read {later_way} first, but {:?} (line {}) only {earlier_way} first: the column mixes both orders, so none is inferred for its {}; choose day or month first to read them",
                later.value,
                earlier.value,
                earlier.line,
                plural(seen.ambiguous, "ambiguous date", "ambiguous dates"),
            ),
        ));
    }
}

/// The note on a column whose order was inferred, if it was.
pub(super) fn note(order: ColumnOrder, seen: &Evidence, header: &str) -> Option<String> {
    if !order.inferred {
        return None;
    }
    let (way, proofs, proof) = match order.order {
        DayMonthOrder::DayFirst => ("day", seen.day_first, &seen.first_day_first),
        DayMonthOrder::MonthFirst => ("month", seen.month_first, &seen.first_month_first),
        DayMonthOrder::Ask => return None,
    };
    let example = proof
        .as_ref()
        .map_or(String::new(), |p| format!(" (such as {:?})", p.value));
    let read = seen
        .inferred_example
        .as_ref()
        .map_or(String::new(), |e| format!(", e.g. {e}"));
    Some(format!(
        "column {header:?} read {way} first: {} can only be read that way{example}, and none the other way; {} read so{read}",
        plural(proofs, "of its dates", "of its dates"),
        plural(
            seen.inferred,
            "ambiguous day/month date",
            "ambiguous day/month dates"
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;

    #[test]
    fn regression_month_first_column_still_asks_for_ambiguous_rows() {
        // A US export: 02/24/2022 can only be February 24, yet 03/01/2022
        // was skipped with "choose day or month first".
        let text = "date,title\n03/01/2022,First of March\n02/24/2022,Invasion\n04/05/2022,Fifth of April\n";
        let doc = load_default(text, "us.csv");
        let got: Vec<(String, String)> = doc
            .iter_events()
            .map(|e| (e.title.clone(), e.start.to_edtf()))
            .collect();
        assert_eq!(
            got,
            [
                ("Invasion".to_owned(), "2022-02-24".to_owned()),
                ("First of March".to_owned(), "2022-03-01".to_owned()),
                ("Fifth of April".to_owned(), "2022-04-05".to_owned()),
            ]
        );
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        assert!(
            has_note(
                &doc,
                "column \"date\" read month first: 1 of its dates can only be read that way (such as \"02/24/2022\"), and none the other way; 2 ambiguous day/month dates read so, e.g. read 03/01/2022 as 1 March 2022 (month first)"
            ),
            "{:#?}",
            doc.notes
        );
        // Day first, from the fixture's 25/03/2024; the rows it asked about
        // are read, with their texts.
        let doc = load_default(AMBIGUOUS, "ambiguous.csv");
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        assert_eq!(event(&doc, "row-1").start.to_edtf(), "2024-04-03");
        assert_eq!(text_of(&doc, &event(&doc, "row-1")), "First note");
        assert_eq!(event(&doc, "row-3").start.to_edtf(), "2024-05-04T14:30");
        assert!(
            doc.notes
                .iter()
                .any(|n| n.starts_with("column \"Date\" read day first: 1 of its dates"))
        );
    }

    #[test]
    fn each_column_shows_its_own_order() {
        // The start column puts the month first, the end column the day.
        let text = "start,end,title\n02/24/2022,03/04/2022,a\n03/01/2022,25/03/2022,b\n";
        let doc = load_default(text, "two.csv");
        let e = event(&doc, "row-1");
        assert_eq!(e.start.to_edtf(), "2022-02-24");
        assert_eq!(
            e.end.as_ref().map(Date::to_edtf).as_deref(),
            Some("2022-04-03")
        );
        assert_eq!(event(&doc, "row-2").start.to_edtf(), "2022-03-01");
        // With a time column joined, the date column still decides.
        let text = "date,time,title\n02/24/2022,10:00,a\n03/01/2022,11:00,b\n";
        let doc = load_default(text, "dt.csv");
        assert_eq!(event(&doc, "row-2").start.to_edtf(), "2022-03-01T11:00");
    }

    #[test]
    fn a_column_of_both_orders_warns_and_keeps_asking() {
        let text =
            "date,title\n02/24/2022,Month first\n03/01/2022,Ambiguous\n25/02/2022,Day first\n";
        let doc = load_default(text, "mixed.csv");
        assert_eq!(doc.event_count(), 2);
        assert_eq!(
            warnings(&doc),
            [
                (
                    3,
                    1,
                    "date",
                    "row 2: ambiguous: 03/01/2022 could be 3 January or March 1; choose day or month first; skipped"
                ),
                (
                    4,
                    1,
                    "date",
                    "date: \"25/02/2022\" can only be read day first, but \"02/24/2022\" (line 2) only month first: the column mixes both orders, so none is inferred for its 1 ambiguous date; choose day or month first to read them"
                ),
            ]
        );
        // The user's choice reads them without a word about the mix.
        let options = ImportOptions {
            day_month_order: DayMonthOrder::DayFirst,
            ..ImportOptions::default()
        };
        let doc = load(text, "mixed.csv", &options);
        assert_eq!(doc.event_count(), 3);
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    }
}
