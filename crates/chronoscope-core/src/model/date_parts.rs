//! Building a [`Date`] from numbers an importer has already read (a year
//! and month from XML attributes, milliseconds since 1970, a spreadsheet
//! serial), checked the way [`Date::parse`] checks text, without writing
//! the numbers out as text to read them back.

use super::date::{Date, DateError, Precision};
use crate::calendar;
use std::fmt::Write as _;

/// The farthest year from year 0 a date may have (as [`Date::parse`]).
const MAX_YEAR: i64 = 15_000_000_000;

/// Largest UTC offset accepted, in minutes (±18:00, as [`Date::parse`]).
const MAX_OFFSET_MINUTES: i32 = 18 * 60;

/// A time of day, to the minute or to the second.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TimeParts {
    pub hour: u32,
    pub minute: u32,
    /// `None`: the time is to the minute.
    pub second: Option<u32>,
    /// Fractional seconds in nanoseconds; kept only with a second.
    pub nanosecond: u32,
    /// UTC offset in minutes; `None` for a floating time.
    pub offset_minutes: Option<i32>,
}

/// The parts of a date at the precision they were written: a month needs
/// a year, a day a month, a time a day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateParts {
    /// Astronomical year: 0 is 1 BCE.
    pub year: i64,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub time: Option<TimeParts>,
}

impl DateParts {
    /// A year alone.
    #[must_use]
    pub fn year(year: i64) -> Self {
        Self {
            year,
            ..Self::default()
        }
    }

    /// A calendar day.
    #[must_use]
    pub fn day(year: i64, month: u32, day: u32) -> Self {
        Self {
            year,
            month: Some(month),
            day: Some(day),
            time: None,
        }
    }

    /// The UTC date and time `millis` milliseconds after
    /// 1970-01-01T00:00:00Z (as JavaScript's `Date` counts), to the second,
    /// with the milliseconds as a fraction when they are not zero.
    #[must_use]
    pub fn from_unix_millis(millis: i64) -> Self {
        let seconds = millis.div_euclid(1000);
        let fraction = u32::try_from(millis.rem_euclid(1000)).unwrap_or(0);
        let days = seconds.div_euclid(calendar::SECS_PER_DAY);
        let of_day = u32::try_from(seconds.rem_euclid(calendar::SECS_PER_DAY)).unwrap_or(0);
        let (year, month, day) = calendar::civil_from_days(days);
        Self {
            year,
            month: Some(month),
            day: Some(day),
            time: Some(TimeParts {
                hour: of_day / 3600,
                minute: of_day % 3600 / 60,
                second: Some(of_day % 60),
                nanosecond: fraction * 1_000_000,
                offset_minutes: Some(0),
            }),
        }
    }
}

impl Date {
    /// The date `parts` describe, checked as [`Date::parse`] checks text:
    /// the year within 15 billion years of year 0, the month 1–12, the day
    /// within its month, the time and offset in range. The error reads like
    /// `parse`'s, its input the parts written as EDTF.
    pub fn from_parts(parts: DateParts) -> Result<Date, DateError> {
        check(&parts).map_err(|reason| DateError {
            input: written(&parts),
            reason,
        })?;
        let mut date = Date {
            year: parts.year,
            month: parts.month.unwrap_or(1),
            day: parts.day.unwrap_or(1),
            hour: 0,
            minute: 0,
            second: 0,
            nanosecond: 0,
            offset_minutes: None,
            precision: match (parts.month, parts.day) {
                (None, _) => Precision::Year,
                (Some(_), None) => Precision::Month,
                (Some(_), Some(_)) => Precision::Day,
            },
            approximate: false,
            uncertain: false,
        };
        if let Some(time) = parts.time {
            date.hour = time.hour;
            date.minute = time.minute;
            date.offset_minutes = time.offset_minutes;
            date.precision = Precision::Minute;
            if let Some(second) = time.second {
                date.second = second;
                date.nanosecond = time.nanosecond;
                date.precision = Precision::Second;
            }
        }
        Ok(date)
    }
}

impl Date {
    /// The day, month or year before this date-only date, at the same
    /// precision: the last unit an exclusive end covers (SIMILE's
    /// `end="1918"` and vis-timeline's `"2014-04-19"` mean until that year
    /// or day began). Times are instants already and stay as they are.
    #[must_use]
    pub fn unit_before(&self) -> Date {
        let (year, month, day) = match self.precision {
            Precision::Year => (self.year - 1, self.month, self.day),
            Precision::Month if self.month <= 1 => (self.year - 1, 12, self.day),
            Precision::Month => (self.year, self.month - 1, self.day),
            Precision::Day => {
                let days = calendar::days_from_civil(self.year, self.month, self.day);
                calendar::civil_from_days(days - 1)
            }
            Precision::Minute | Precision::Second => return self.clone(),
        };
        Date {
            year,
            month,
            day,
            ..self.clone()
        }
    }
}

/// Why `parts` are no date, in [`Date::parse`]'s words.
fn check(parts: &DateParts) -> Result<(), String> {
    if parts.year.unsigned_abs() > MAX_YEAR.unsigned_abs() {
        return Err(format!(
            "years reach 15 billion (15000000000) at most, past the age of the universe; this one is {}",
            parts.year.unsigned_abs()
        ));
    }
    if parts.month.is_none() && parts.day.is_some() {
        return Err("a day needs a month".to_owned());
    }
    if parts.day.is_none() && parts.time.is_some() {
        return Err("a time needs a day".to_owned());
    }
    if let Some(month) = parts.month {
        if !(1..=12).contains(&month) {
            return Err(format!("month {month} is out of range (01–12)"));
        }
        if let Some(day) = parts
            .day
            .filter(|&d| d == 0 || d > calendar::days_in_month(parts.year, month))
        {
            return Err(if month == 2 && day == 29 {
                format!(
                    "{0}-02-29 does not exist: {0} is not a leap year",
                    year_text(parts.year)
                )
            } else {
                format!(
                    "day {day} is out of range for {}",
                    super::date::month_name(month)
                )
            });
        }
    }
    let Some(time) = parts.time else {
        return Ok(());
    };
    if time.hour > 23 {
        return Err(format!("hour {} is out of range (00–23)", time.hour));
    }
    if time.minute > 59 {
        return Err(format!("minute {} is out of range (00–59)", time.minute));
    }
    if time.second.is_some_and(|s| s > 59) {
        return Err(format!(
            "second {} is out of range (00–59)",
            time.second.unwrap_or(0)
        ));
    }
    if time.nanosecond > 999_999_999 {
        return Err("fractional seconds must be less than a second".to_owned());
    }
    if time
        .offset_minutes
        .is_some_and(|o| o.abs() > MAX_OFFSET_MINUTES)
    {
        return Err("a UTC offset is at most 18 hours".to_owned());
    }
    Ok(())
}

/// A year as EDTF writes it: at least 4 digits, `-` for negative.
fn year_text(year: i64) -> String {
    if year < 0 {
        format!("-{:04}", year.unsigned_abs())
    } else {
        format!("{year:04}")
    }
}

/// `parts` written out for an error message (not parsed again).
fn written(parts: &DateParts) -> String {
    let mut text = year_text(parts.year);
    if let Some(month) = parts.month {
        let _ = write!(text, "-{month:02}");
    }
    if let Some(day) = parts.day {
        let _ = write!(text, "-{day:02}");
    }
    if let Some(time) = parts.time {
        let _ = write!(text, "T{:02}:{:02}", time.hour, time.minute);
        if let Some(second) = time.second {
            let _ = write!(text, ":{second:02}");
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parts_make_the_date_parse_reads() {
        let cases = [
            (DateParts::year(2024), "2024"),
            (DateParts::year(-499), "-0499"),
            (
                DateParts {
                    year: 2024,
                    month: Some(6),
                    ..DateParts::default()
                },
                "2024-06",
            ),
            (DateParts::day(2024, 2, 29), "2024-02-29"),
            (DateParts::from_unix_millis(0), "1970-01-01T00:00:00Z"),
            (
                DateParts::from_unix_millis(1_718_800_200_250),
                "2024-06-19T12:30:00.250Z",
            ),
            (DateParts::from_unix_millis(-1000), "1969-12-31T23:59:59Z"),
        ];
        for (parts, text) in cases {
            assert_eq!(Date::from_parts(parts), Date::parse(text), "{text}");
        }
    }

    #[test]
    fn the_unit_before_a_date_only_end() {
        let before = |text: &str| Date::parse(text).unwrap().unit_before().to_edtf();
        assert_eq!(before("1918"), "1917");
        assert_eq!(before("2024-01"), "2023-12");
        assert_eq!(before("2024-03"), "2024-02");
        assert_eq!(before("2024-03-01"), "2024-02-29");
        assert_eq!(before("0001-01-01"), "0000-12-31");
        assert_eq!(before("2024-03-01T10:00"), "2024-03-01T10:00");
    }

    #[test]
    fn impossible_parts_are_errors_worded_like_parse() {
        let feb29 = Date::from_parts(DateParts::day(2023, 2, 29)).unwrap_err();
        assert_eq!(
            feb29.reason,
            "2023-02-29 does not exist: 2023 is not a leap year"
        );
        assert_eq!(feb29.input, "2023-02-29");
        assert!(Date::from_parts(DateParts::day(2024, 13, 1)).is_err());
        assert!(Date::from_parts(DateParts::day(2024, 4, 31)).is_err());
        assert!(Date::from_parts(DateParts::day(2024, 4, 0)).is_err());
        assert!(Date::from_parts(DateParts::year(15_000_000_001)).is_err());
        assert!(Date::from_parts(DateParts::year(i64::MIN)).is_err());
        let late = DateParts {
            time: Some(TimeParts {
                hour: 24,
                ..TimeParts::default()
            }),
            ..DateParts::day(2024, 1, 1)
        };
        assert!(Date::from_parts(late).is_err());
        let day_without_month = DateParts {
            day: Some(3),
            ..DateParts::year(2024)
        };
        assert!(Date::from_parts(day_without_month).is_err());
    }

    proptest! {
        /// Any date `Date::parse` reads is rebuilt exactly from its parts.
        #[test]
        fn parse_and_parts_agree(
            year in -15_000_000_000_i64..=15_000_000_000,
            month in 1_u32..=12,
            day in 1_u32..=31,
            hour in 0_u32..=23,
            minute in 0_u32..=59,
            second in proptest::option::of(0_u32..=59),
            offset in proptest::option::of(-1080_i32..=1080),
            precision in 0_u8..=3,
        ) {
            let day = day.min(calendar::days_in_month(year, month));
            let time = TimeParts { hour, minute, second, nanosecond: 0, offset_minutes: offset };
            let parts = match precision {
                0 => DateParts::year(year),
                1 => DateParts { year, month: Some(month), ..DateParts::default() },
                2 => DateParts::day(year, month, day),
                _ => DateParts { time: Some(time), ..DateParts::day(year, month, day) },
            };
            let mut text = written(&parts);
            if let Some(offset) = parts.time.and_then(|t| t.offset_minutes) {
                let sign = if offset < 0 { '-' } else { '+' };
                let _ = write!(text, "{sign}{:02}:{:02}", offset.abs() / 60, offset.abs() % 60);
            }
            let built = Date::from_parts(parts).unwrap();
            prop_assert_eq!(Some(built), Date::parse(&text).ok());
        }

        /// Milliseconds since 1970 land on the instant they count.
        #[test]
        fn unix_millis_round_trip(millis in -8_640_000_000_000_000_i64..=8_640_000_000_000_000) {
            let date = Date::from_parts(DateParts::from_unix_millis(millis)).unwrap();
            let seconds = date.start_seconds();
            let expected = millis.div_euclid(1000) as f64;
            prop_assert!((seconds - expected).abs() < 1.0, "{millis}: {seconds}");
        }
    }
}
