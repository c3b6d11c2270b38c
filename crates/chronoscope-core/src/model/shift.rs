//! Moving a date, or an event's dates, by a length of time, in whole units
//! of the precision the date was written at.
//!
//! An event dragged along the timeline moves by however many seconds the
//! pointer went, but its date keeps the precision its source gave: a day
//! moves by whole days, a month by whole months, a year by whole years, a
//! time by whole minutes or seconds. Days, minutes and seconds are fixed
//! lengths; months and years are counted on the calendar (`2024-01` moved
//! by two months is `2024-03`, whatever the months' lengths), the time
//! dragged being rounded to the nearest number of average months or years.
//! A day-precision date never moves by months, so there is no 31 January
//! plus one month to resolve. The approximate and uncertain marks, the
//! written UTC offset and the precision stay as they were.
//!
//! Pure functions of their inputs: the timeline computes the moved event
//! while it is dragged (to draw it and show its new date) and on release.

use super::{Date, Event, Precision};
use crate::calendar;

/// Which part of an event a drag moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// The start and the end together.
    Whole,
    /// The start alone (a bar's left end).
    Start,
    /// The end alone (a bar's right end).
    End,
}

/// The farthest year from year 0 a date may have: the one
/// [`Date::parse`] accepts (15 billion years).
const MAX_YEAR: i64 = 15_000_000_000;

/// The length of one unit of `precision` in seconds: a day, a minute, a
/// second; for months and years their average length in the Gregorian
/// calendar (what a drag's time is counted in).
#[must_use]
pub fn unit_seconds(precision: Precision) -> f64 {
    match precision {
        Precision::Year => calendar::SECS_PER_YEAR,
        Precision::Month => calendar::SECS_PER_YEAR / 12.0,
        Precision::Day => calendar::SECS_PER_DAY as f64,
        Precision::Minute => 60.0,
        Precision::Second => 1.0,
    }
}

/// How many whole units of `date`'s precision `by_seconds` is, to the
/// nearest (0 for a time that is not finite).
#[must_use]
pub fn units(date: &Date, by_seconds: f64) -> i64 {
    let units = (by_seconds / unit_seconds(date.precision)).round();
    if units.is_finite() {
        units as i64 // saturates: a move that far is refused below
    } else {
        0
    }
}

/// `date` moved by `n` units of its precision (days, calendar months…);
/// `None` when the result would be a year no date can have.
#[must_use]
pub fn shifted_units(date: &Date, n: i64) -> Option<Date> {
    let moved = match date.precision {
        Precision::Year => Date {
            year: date.year.checked_add(n)?,
            ..date.clone()
        },
        Precision::Month => {
            let months = date
                .year
                .checked_mul(12)?
                .checked_add(i64::from(date.month.clamp(1, 12)) - 1)?
                .checked_add(n)?;
            Date {
                year: months.div_euclid(12),
                month: u32::try_from(months.rem_euclid(12)).ok()? + 1,
                ..date.clone()
            }
        }
        Precision::Day => with_clock(date, n.checked_mul(calendar::SECS_PER_DAY)?)?,
        Precision::Minute => with_clock(date, n.checked_mul(60)?)?,
        Precision::Second => with_clock(date, n)?,
    };
    (moved.year.abs() <= MAX_YEAR).then_some(moved)
}

/// `date` with its written day and clock time moved by `seconds` (the
/// offset, the fraction of a second and the marks kept).
fn with_clock(date: &Date, seconds: i64) -> Option<Date> {
    if date.year.abs() > MAX_YEAR {
        return None;
    }
    let day = calendar::days_from_civil(date.year, date.month, date.day);
    let clock = i64::from(date.hour) * 3600 + i64::from(date.minute) * 60 + i64::from(date.second);
    let total = day
        .checked_mul(calendar::SECS_PER_DAY)?
        .checked_add(clock)?
        .checked_add(seconds)?;
    let (year, month, day) = calendar::civil_from_days(total.div_euclid(calendar::SECS_PER_DAY));
    let clock = total.rem_euclid(calendar::SECS_PER_DAY);
    Some(Date {
        year,
        month,
        day,
        hour: u32::try_from(clock / 3600).ok()?,
        minute: u32::try_from(clock / 60 % 60).ok()?,
        second: u32::try_from(clock % 60).ok()?,
        ..date.clone()
    })
}

/// `date` moved by `by_seconds`, snapped to its precision: by the nearest
/// whole number of its units (a day-precision date by days, a month by
/// calendar months). Unchanged when the move would leave the years dates
/// can have.
#[must_use]
pub fn shifted(date: &Date, by_seconds: f64) -> Date {
    shifted_units(date, units(date, by_seconds)).unwrap_or_else(|| date.clone())
}

/// Whether an event from `start` to `end` is in order: the end does not
/// finish before the start begins (the rule [`super::Document::apply`]
/// keeps; an end on the start's own day is fine).
#[must_use]
pub fn in_order(start: &Date, end: &Date) -> bool {
    let (from, to) = (start.start_seconds(), end.end_seconds());
    match to.partial_cmp(&from) {
        Some(std::cmp::Ordering::Greater) => return true,
        Some(std::cmp::Ordering::Less) => return false,
        _ => {}
    }
    // Billions of years from year 0 an f64 is coarser than a second, and
    // a second's end reads as its start: compare the calendar instead.
    let key = |d: &Date| {
        (
            d.year,
            d.month,
            d.day,
            d.hour,
            d.minute,
            d.second,
            d.nanosecond,
        )
    };
    key(end) >= key(start)
}

/// `event` with `part` of it moved by `by_seconds`, each date in whole
/// units of its own precision.
///
/// - [`Part::Whole`]: the start moves by the nearest whole number of its
///   units; the end by the same number of units when it has the same
///   precision, else by as long as the start moved, in its own units (and
///   later, when rounding would put it before the new start).
/// - [`Part::Start`], [`Part::End`]: that date alone, no further than
///   keeps the end from finishing before the start begins ([`in_order`]).
///
/// A move that cannot be made (past the years dates can have) leaves the
/// event as it is.
#[must_use]
pub fn event_shifted(event: &Event, by_seconds: f64, part: Part) -> Event {
    let moved = match part {
        Part::Whole => whole_shifted(event, by_seconds),
        Part::Start => {
            let n = units(&event.start, by_seconds);
            clamped(n, |k| {
                let start = shifted_units(&event.start, k)?;
                let ok = event.end.as_ref().is_none_or(|end| in_order(&start, end));
                ok.then_some(start)
            })
            .map(|start| Event {
                start,
                ..event.clone()
            })
        }
        Part::End => event.end.as_ref().and_then(|end| {
            let n = units(end, by_seconds);
            clamped(n, |k| {
                shifted_units(end, k).filter(|end| in_order(&event.start, end))
            })
            .map(|end| Event {
                end: Some(end),
                ..event.clone()
            })
        }),
    };
    moved.unwrap_or_else(|| event.clone())
}

/// The whole event moved: see [`event_shifted`].
fn whole_shifted(event: &Event, by_seconds: f64) -> Option<Event> {
    let n = units(&event.start, by_seconds);
    let start = shifted_units(&event.start, n)?;
    let end = match &event.end {
        None => None,
        Some(end) if end.precision == event.start.precision => Some(shifted_units(end, n)?),
        Some(end) => {
            let moved_by = start.start_seconds() - event.start.start_seconds();
            let first = units(end, moved_by);
            // Rounding down may leave the end before the new start: a unit
            // or two later puts it after.
            let end = (0..3)
                .filter_map(|extra| shifted_units(end, first.checked_add(extra)?))
                .find(|end| in_order(&start, end))?;
            Some(end)
        }
    };
    Some(Event {
        start,
        end,
        ..event.clone()
    })
}

/// What `make` gives for the step farthest from 0 towards `n` that it
/// accepts: `make` accepts 0 when it accepts anything, and every step
/// between 0 and one it accepts, so a binary search finds it.
fn clamped(n: i64, make: impl Fn(i64) -> Option<Date>) -> Option<Date> {
    if let Some(made) = make(n) {
        return Some(made);
    }
    let (mut good, mut bad) = (0_i64, n); // make(good) holds, make(bad) does not
    while bad.abs_diff(good) > 1 {
        let middle = good + (bad - good) / 2;
        if make(middle).is_some() {
            good = middle;
        } else {
            bad = middle;
        }
    }
    make(good)
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;
    use proptest::prelude::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn event(start: &str, end: Option<&str>) -> Event {
        let mut e = Event::new("e", "E", date(start));
        e.end = end.map(date);
        e
    }

    const DAY: f64 = 86_400.0;
    const MONTH: f64 = calendar::SECS_PER_YEAR / 12.0;

    #[test]
    fn days_move_by_whole_days_to_the_nearest() {
        let d = date("2024-10-16");
        assert_eq!(shifted(&d, 2.4 * DAY), date("2024-10-18"));
        assert_eq!(shifted(&d, 2.6 * DAY), date("2024-10-19"));
        assert_eq!(shifted(&d, -0.4 * DAY), d);
        assert_eq!(shifted(&d, -20.0 * DAY), date("2024-09-26"));
        // The end of a month is a day like any other.
        assert_eq!(shifted(&date("2024-01-31"), DAY), date("2024-02-01"));
        assert_eq!(shifted(&date("2024-02-28"), DAY), date("2024-02-29"));
        assert_eq!(shifted(&date("2023-12-31"), DAY), date("2024-01-01"));
        assert_eq!(shifted(&date("2024-10-16~"), DAY), date("2024-10-17~"));
    }

    #[test]
    fn months_and_years_move_on_the_calendar() {
        let m = date("2024-01");
        assert_eq!(shifted(&m, 2.4 * MONTH), date("2024-03"));
        assert_eq!(shifted(&m, 2.6 * MONTH), date("2024-04"));
        assert_eq!(shifted(&m, -MONTH), date("2023-12"));
        assert_eq!(shifted(&date("2024-11?"), 3.0 * MONTH), date("2025-02?"));
        assert_eq!(shifted(&date("-0043-03"), -3.0 * MONTH), date("-0044-12"));
        let y = calendar::SECS_PER_YEAR;
        assert_eq!(shifted(&date("2024"), 1.6 * y), date("2026"));
        assert_eq!(shifted(&date("0001"), -2.0 * y), date("-0001"));
        // Deep time: a million years at a time.
        assert_eq!(
            shifted(&date("Y-13800000000"), 1e6 * y),
            date("Y-13799000000")
        );
        // Not past the years a date can have.
        assert_eq!(
            shifted(&date("Y14999999999"), 5.0 * y),
            date("Y14999999999")
        );
        assert_eq!(shifted(&date("2024"), f64::INFINITY), date("2024"));
        assert_eq!(shifted(&date("2024"), f64::NAN), date("2024"));
    }

    #[test]
    fn times_move_by_minutes_or_seconds_keeping_their_offset() {
        let t = date("2024-06-19T23:30+09:00");
        assert_eq!(
            shifted(&t, 45.0 * 60.0 + 20.0),
            date("2024-06-20T00:15+09:00")
        );
        let s = date("2024-06-19T14:30:15.250Z");
        assert_eq!(shifted(&s, -16.4), date("2024-06-19T14:29:59.250Z"));
        assert_eq!(
            shifted(&date("2024-06-19T14:30"), -DAY),
            date("2024-06-18T14:30")
        );
    }

    #[test]
    fn the_years_dates_can_have_are_the_ones_parsed() {
        assert!(Date::parse(&format!("{MAX_YEAR}-12-31")).is_ok());
        assert!(Date::parse(&format!("{}", MAX_YEAR + 1)).is_err());
        assert!(Date::parse(&format!("-{MAX_YEAR}")).is_ok());
    }

    #[test]
    fn an_event_moves_whole_its_end_by_as_much() {
        let bar = event("2024-01-10", Some("2024-01-20"));
        let moved = event_shifted(&bar, 3.2 * DAY, Part::Whole);
        assert_eq!(moved, event("2024-01-13", Some("2024-01-23")));
        let months = event("2022-09~", Some("2024-10"));
        let moved = event_shifted(&months, 2.0 * MONTH, Part::Whole);
        assert_eq!(moved, event("2022-11~", Some("2024-12")));
        // A month start moved two months (60 days) moves a day end as far.
        let mixed = event("2024-01", Some("2024-03-15"));
        let moved = event_shifted(&mixed, 2.0 * MONTH, Part::Whole);
        assert_eq!(moved, event("2024-03", Some("2024-05-14")));
        // A year end that rounding would leave before the new start goes on.
        let late = event("2024-12-20", Some("2024"));
        let moved = event_shifted(&late, 20.0 * DAY, Part::Whole);
        assert_eq!(moved, event("2025-01-09", Some("2025")));
        assert_eq!(event_shifted(&bar, 0.3 * DAY, Part::Whole), bar);
    }

    #[test]
    fn an_end_moves_alone_and_never_before_the_start() {
        let bar = event("2024-01-10", Some("2024-01-20"));
        assert_eq!(
            event_shifted(&bar, 5.0 * DAY, Part::End),
            event("2024-01-10", Some("2024-01-25"))
        );
        assert_eq!(
            event_shifted(&bar, -30.0 * DAY, Part::End),
            event("2024-01-10", Some("2024-01-10")),
            "clamped to the start's day"
        );
        assert_eq!(
            event_shifted(&bar, -4.0 * DAY, Part::Start),
            event("2024-01-06", Some("2024-01-20"))
        );
        assert_eq!(
            event_shifted(&bar, 400.0 * DAY, Part::Start),
            event("2024-01-20", Some("2024-01-20"))
        );
        // A month end stops at the start's month.
        let mixed = event("2024-01-10", Some("2024-06"));
        assert_eq!(
            event_shifted(&mixed, -12.0 * MONTH, Part::End),
            event("2024-01-10", Some("2024-01"))
        );
        // A point event has no end to move.
        let point = event("2024-01-10", None);
        assert_eq!(event_shifted(&point, 5.0 * DAY, Part::End), point);
        assert_eq!(
            event_shifted(&point, 5.0 * DAY, Part::Start),
            event("2024-01-15", None)
        );
    }

    /// A date as [`Date::parse`] gives it: any precision, marks and offset.
    fn any_date() -> impl Strategy<Value = Date> {
        let year = prop_oneof![
            4 => -9999_i64..=9999,
            1 => -MAX_YEAR / 2..=MAX_YEAR / 2,
        ];
        (
            year,
            (1_u32..=12, 1_u32..=31, 0_u32..24, 0_u32..60, 0_u32..60),
            (
                0_usize..5,
                0_u32..1000,
                proptest::option::of(-18 * 60..=18 * 60_i32),
            ),
            (any::<bool>(), any::<bool>()),
        )
            .prop_map(|(year, (month, day, h, m, s), (p, ms, offset), marks)| {
                let day = day.min(calendar::days_in_month(year, month));
                let mut text = if year < 0 {
                    format!("-{:04}", year.unsigned_abs())
                } else {
                    format!("{year:04}")
                };
                if p >= 1 {
                    write!(text, "-{month:02}").unwrap();
                }
                if p >= 2 {
                    write!(text, "-{day:02}").unwrap();
                }
                if p >= 3 {
                    write!(text, "T{h:02}:{m:02}").unwrap();
                }
                if p >= 4 {
                    write!(text, ":{s:02}.{ms:03}").unwrap();
                }
                if let (true, Some(o)) = (p >= 3, offset) {
                    let sign = if o < 0 { '-' } else { '+' };
                    write!(text, "{sign}{:02}:{:02}", o.abs() / 60, o.abs() % 60).unwrap();
                }
                text += match marks {
                    (true, true) => "%",
                    (true, false) => "~",
                    (false, true) => "?",
                    (false, false) => "",
                };
                Date::parse(&text).unwrap()
            })
    }

    #[test]
    fn regression_a_second_billions_of_years_away_was_out_of_order() {
        // Its end (start + 1 s) rounded to its start in f64.
        let d = Date::parse("4566830469-05-18T02:00:16").unwrap();
        assert!(in_order(&d, &d));
        let e = Event {
            end: Some(d.clone()),
            ..Event::new("e", "E", d)
        };
        assert_eq!(event_shifted(&e, 0.0, Part::Whole), e);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn shifting_by_nothing_changes_nothing(d in any_date(), within in -0.49_f64..0.49) {
            prop_assert_eq!(shifted(&d, 0.0), d.clone());
            prop_assert_eq!(shifted(&d, within * unit_seconds(d.precision)), d);
        }

        #[test]
        fn shifting_there_and_back_gives_the_date_back(d in any_date(), n in -100_000_i64..100_000) {
            let by = n as f64 * unit_seconds(d.precision);
            let there = shifted(&d, by);
            prop_assert_eq!(shifted(&there, -by), d.clone());
            prop_assert_eq!(shifted_units(&there, -n), Some(d));
        }

        #[test]
        fn a_shifted_date_keeps_its_precision_and_marks_and_reads_back(
            d in any_date(),
            by in -1e12_f64..1e12,
        ) {
            let moved = shifted(&d, by);
            prop_assert_eq!(moved.precision, d.precision);
            prop_assert_eq!(moved.approximate, d.approximate);
            prop_assert_eq!(moved.uncertain, d.uncertain);
            prop_assert_eq!(moved.offset_minutes, d.offset_minutes);
            prop_assert_eq!(moved.nanosecond, d.nanosecond);
            prop_assert_eq!(Date::parse(&moved.to_string()), Ok(moved.clone()));
            // By whole units: nearer than a unit to where it was sent (a
            // calendar month or year is within a few days of the average).
            if d.year.abs() < 100_000 && moved != d {
                let went = moved.start_seconds() - d.start_seconds();
                let unit = unit_seconds(d.precision);
                let calendar = if d.precision <= Precision::Month { 3.0 * DAY } else { 0.0 };
                prop_assert!((went - by).abs() <= 0.5 * unit + calendar + 1e-3,
                    "{} by {} went {}", d, by, went);
            }
        }

        #[test]
        fn a_moved_event_stays_in_order(
            start in any_date(),
            length in 0_i64..2000,
            by in -1e9_f64..1e9,
            part in prop_oneof![Just(Part::Whole), Just(Part::Start), Just(Part::End)],
        ) {
            let end = shifted_units(&start, length).unwrap_or_else(|| start.clone());
            let e = Event { end: Some(end), ..Event::new("e", "E", start) };
            let moved = event_shifted(&e, by, part);
            let moved_end = moved.end.clone().unwrap();
            prop_assert!(in_order(&moved.start, &moved_end), "{:?}", moved);
            match part {
                Part::Start => prop_assert_eq!(&moved_end, e.end.as_ref().unwrap()),
                Part::End => prop_assert_eq!(&moved.start, &e.start),
                Part::Whole => {}
            }
            prop_assert_eq!(event_shifted(&e, 0.0, part), e);
        }
    }
}
