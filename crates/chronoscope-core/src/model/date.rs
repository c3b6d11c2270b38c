//! Event dates as people write them, at the precision they gave.
//!
//! A chronology built from sources rarely knows every date to the second: one
//! source says "1066", another "October 1066", a third "14 October 1066". This
//! module keeps that difference. `2024-06` is the month of June 2024, a period
//! with a start and an end, not June 1st at midnight; `2024-06-19T14:30+09:00`
//! is one minute in Tokyo. Each [`Date`] remembers its [`Precision`], whether it
//! was marked approximate or uncertain, and the UTC offset if one was written,
//! and maps onto Chronoscope's time axis (f64 seconds since
//! 1970-01-01T00:00:00Z, proleptic Gregorian, astronomical years: year 0 is
//! 1 BCE, year -499 is 500 BCE) as the half-open interval
//! [`Date::start_seconds`]..[`Date::end_seconds`].
//!
//! The accepted text is a subset of ISO 8601 and EDTF (Extended Date/Time
//! Format) level 1: `2024`, `-0499`, `2024-06`, `2024-06-19`,
//! `2024-06-19T14:30`, `2024-06-19T14:30:15.250Z`, `2024-06-19 14:30+09:00`,
//! each optionally followed by one qualifier: `~` approximate, `?` uncertain,
//! `%` both.
//!
//! Why hand-written rather than `chrono`: chrono has no notion of a date that
//! is only a year or a month, no EDTF qualifiers, and stops at ±262,143 years,
//! while timelines reach much further back. The calendar arithmetic lives in
//! [`crate::calendar`]; this module is the parser, printer and precision model.

use std::fmt;
use std::str::FromStr;

use crate::calendar;

/// How much of a date was written down, coarsest first.
///
/// Ordered, so `precision >= Precision::Day` means "the day is known".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// `2024`: the whole year.
    Year,
    /// `2024-06`: the whole month.
    Month,
    /// `2024-06-19`: the whole day.
    Day,
    /// `2024-06-19T14:30`: one minute.
    Minute,
    /// `2024-06-19T14:30:15` (optionally with a fraction): one second.
    Second,
}

impl Precision {
    /// Lower-case English name: `"year"`, `"month"`, `"day"`, `"minute"`, `"second"`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
            Precision::Minute => "minute",
            Precision::Second => "second",
        }
    }
}

/// A date at the precision it was written, with EDTF qualifiers.
///
/// Fields below the precision hold neutral values (`month`/`day` 1, time 0),
/// so two dates written the same way compare equal. [`Date::parse`] only
/// produces valid field combinations; values set by hand outside those ranges
/// never cause a panic, but their seconds and text are unspecified.
#[derive(Clone, Debug, PartialEq)]
pub struct Date {
    /// Astronomical year: 0 is 1 BCE, -499 is 500 BCE.
    pub year: i64,
    /// 1–12; 1 when the precision is [`Precision::Year`].
    pub month: u32,
    /// 1–31; 1 when the precision is coarser than [`Precision::Day`].
    pub day: u32,
    /// 0–23; 0 when no time was written.
    pub hour: u32,
    /// 0–59; 0 when no time was written.
    pub minute: u32,
    /// 0–59; 0 when no seconds were written.
    pub second: u32,
    /// Fractional seconds in nanoseconds, if written (`.250` → 250,000,000).
    pub nanosecond: u32,
    /// UTC offset in minutes: `Some(0)` for `Z`, `Some(540)` for `+09:00`,
    /// `None` when no offset was written (a floating time, placed as UTC).
    pub offset_minutes: Option<i32>,
    /// How much of the date was written.
    pub precision: Precision,
    /// EDTF `~` (or `%`): the date is approximate.
    pub approximate: bool,
    /// EDTF `?` (or `%`): the source is unsure of the date.
    pub uncertain: bool,
}

/// How times of day are shown: converted to UTC or to the machine's local
/// time, or as the source wrote them. Only times written with a UTC offset
/// can be converted; dates without a time and floating times (no offset)
/// are shown, and placed, as written in every zone, so a day never moves
/// across midnight.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Zone {
    /// Converted to UTC: every instant in its true order.
    #[default]
    Utc,
    /// Converted to the machine's time zone (its offset at each instant).
    Local,
    /// At the clock time the source wrote, in its own offset.
    AsWritten,
}

impl Zone {
    /// The offset in minutes this zone shows the instant `seconds` (axis
    /// seconds, UTC) in, for a time written with offset `written`.
    #[must_use]
    pub fn offset_at(self, seconds: f64, written: i32) -> i32 {
        match self {
            Self::Utc => 0,
            Self::AsWritten => written,
            Self::Local => local_offset_minutes(seconds),
        }
    }

    /// What to call it: "UTC", "Local time (UTC+01:00)" (the offset now),
    /// "As written".
    #[must_use]
    pub fn name(self) -> String {
        match self {
            Self::Utc => "UTC".to_owned(),
            Self::Local => {
                let now = chrono::Utc::now().timestamp() as f64;
                format!("Local time (UTC{})", offset_text(local_offset_minutes(now)))
            }
            Self::AsWritten => "As written".to_owned(),
        }
    }
}

/// The machine's UTC offset at the instant `seconds`, in minutes (0 where
/// the system cannot say, as for years far outside its tables).
#[must_use]
pub fn local_offset_minutes(seconds: f64) -> i32 {
    use chrono::{Offset as _, TimeZone as _};
    if !seconds.is_finite() {
        return 0;
    }
    chrono::DateTime::from_timestamp(seconds.floor() as i64, 0).map_or(0, |utc| {
        chrono::Local
            .offset_from_utc_datetime(&utc.naive_utc())
            .fix()
            .local_minus_utc()
            / 60
    })
}

/// Why a piece of text is not a date this module reads.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "{reason}: expected an EDTF date such as 2024, 2024-06, 2024-06-19 or 2024-06-19T14:30, found {input:?}"
)]
pub struct DateError {
    /// The text as given to [`Date::parse`].
    pub input: String,
    /// What is wrong with it, for a reader.
    pub reason: String,
}

/// Most digits a year may have.
const MAX_YEAR_DIGITS: usize = 11;

/// The farthest year from year 0 accepted: 15 billion years, past the age
/// of the universe (13.8 billion) and inside the timeline's span; keeps
/// every accepted year far inside `i64` and the axis seconds finite.
const MAX_YEAR: i64 = 15_000_000_000;

/// Largest UTC offset accepted, in minutes (±18:00, as in `java.time` and RFC 9557).
const MAX_OFFSET_MINUTES: i32 = 18 * 60;

/// Years are clamped to this magnitude before calendar arithmetic so that a
/// hand-built [`Date`] can never overflow `i64` day counts. `parse` never
/// produces a year anywhere near it.
const ARITHMETIC_YEAR_LIMIT: i64 = 10_000_000_000_000_000;

impl Date {
    /// Reads an EDTF level-1 subset date; surrounding whitespace is ignored.
    ///
    /// Accepts `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, then optionally `THH:MM`,
    /// `:SS`, `.fffffffff` (a space may replace `T`), then after a time an
    /// offset `Z`, `±HH:MM`, `±HHMM` or `±HH`, and finally one qualifier
    /// `~`, `?` or `%`. Years take an optional sign and 4–11 digits (at most 15 billion), or
    /// EDTF's `Y` form (`Y-13800000000`) for a year alone.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        parse_trimmed(text.trim()).map_err(|reason| DateError {
            input: text.to_owned(),
            reason,
        })
    }

    /// First instant of the period this date denotes, in seconds since
    /// 1970-01-01T00:00:00Z. A written offset is subtracted; a floating time
    /// is placed as if it were UTC.
    #[must_use]
    pub fn start_seconds(&self) -> f64 {
        let year = self.arithmetic_year();
        match self.precision {
            Precision::Year => axis_seconds(year, 1, 1, 0),
            Precision::Month => axis_seconds(year, self.month, 1, 0),
            Precision::Day => axis_seconds(year, self.month, self.day, 0),
            Precision::Minute => axis_seconds(
                year,
                self.month,
                self.day,
                self.time_of_day_seconds(false) - self.offset_seconds(),
            ),
            Precision::Second => {
                axis_seconds(
                    year,
                    self.month,
                    self.day,
                    self.time_of_day_seconds(true) - self.offset_seconds(),
                ) + f64::from(self.nanosecond) / 1e9
            }
        }
    }

    /// First instant after the period: the next 1 January for a year, the
    /// 1st of the next month for a month, the next midnight for a day,
    /// [`start_seconds`](Date::start_seconds) + 60 for a minute and + 1 for a
    /// second.
    #[must_use]
    pub fn end_seconds(&self) -> f64 {
        let year = self.arithmetic_year();
        match self.precision {
            Precision::Year => axis_seconds(year + 1, 1, 1, 0),
            Precision::Month if self.month >= 12 => axis_seconds(year + 1, 1, 1, 0),
            Precision::Month => axis_seconds(year, self.month + 1, 1, 0),
            Precision::Day => axis_seconds(year, self.month, self.day, calendar::SECS_PER_DAY),
            Precision::Minute => self.start_seconds() + 60.0,
            Precision::Second => self.start_seconds() + 1.0,
        }
    }

    /// Canonical EDTF text that [`Date::parse`] reads back to an equal date:
    /// `2024-06`, `-0499`, `2024-06-19T14:30+09:00`, `2024-06~`, `2024?`.
    /// Years are padded to at least 4 digits; an offset of zero is written `Z`.
    #[must_use]
    pub fn to_edtf(&self) -> String {
        self.to_string()
    }

    /// The date for readers: `2024`, `June 2024`, `Wed 19 June 2024`,
    /// `Wed 19 June 2024, 14:30`, `Wed 19 June 2024, 14:30:15 +09:00`,
    /// `500 BCE`, `March 44 BCE`; approximate dates get a `c. ` prefix and
    /// uncertain ones an ` (uncertain)` suffix.
    #[must_use]
    pub fn human(&self) -> String {
        let year = calendar::year_label(self.arithmetic_year());
        let month = month_name(self.month);
        let core = match self.precision {
            Precision::Year => year,
            Precision::Month => format!("{month} {year}"),
            Precision::Day | Precision::Minute | Precision::Second => {
                let days = calendar::days_from_civil(self.arithmetic_year(), self.month, self.day);
                let weekday = calendar::WEEKDAY_NAMES
                    .get(calendar::weekday_from_days(days) as usize)
                    .copied()
                    .unwrap_or("?");
                let time = match self.precision {
                    Precision::Minute => format!(", {:02}:{:02}", self.hour, self.minute),
                    Precision::Second => format!(
                        ", {:02}:{:02}:{:02}{}",
                        self.hour,
                        self.minute,
                        self.second,
                        fraction_text(self.nanosecond)
                    ),
                    Precision::Year | Precision::Month | Precision::Day => String::new(),
                };
                let zone = match self.offset_minutes {
                    _ if self.precision < Precision::Minute => String::new(),
                    Some(0) => " UTC".to_owned(),
                    Some(offset) => format!(" {}", offset_text(offset)),
                    None => String::new(),
                };
                format!("{weekday} {} {month} {year}{time}{zone}", self.day)
            }
        };
        let prefix = if self.approximate { "c. " } else { "" };
        let suffix = if self.uncertain { " (uncertain)" } else { "" };
        format!("{prefix}{core}{suffix}")
    }

    /// The same instant shown in `zone`: a time written with a UTC offset,
    /// moved to the zone's offset (the day may change); any other date as
    /// it is.
    #[must_use]
    pub fn in_zone(&self, zone: Zone) -> Date {
        let Some(written) = self.offset_minutes else {
            return self.clone(); // floating: no instant to convert
        };
        if self.precision < Precision::Minute {
            return self.clone();
        }
        let instant = self.start_seconds();
        self.at_offset(zone.offset_at(instant, written))
    }

    /// The same instant at UTC offset `offset` minutes.
    fn at_offset(&self, offset: i32) -> Date {
        if self.offset_minutes == Some(offset) || self.precision < Precision::Minute {
            return self.clone();
        }
        let wall = self.start_seconds().floor() as i64 + i64::from(offset) * 60;
        let (year, month, day) = calendar::civil_from_days(wall.div_euclid(calendar::SECS_PER_DAY));
        let secs = wall.rem_euclid(calendar::SECS_PER_DAY);
        Date {
            year,
            month,
            day,
            hour: (secs / 3600) as u32,
            minute: (secs / 60 % 60) as u32,
            second: (secs % 60) as u32,
            offset_minutes: Some(offset),
            ..self.clone()
        }
    }

    /// Where the date starts on an axis of the clock times of `zone`: its
    /// instant moved by the offset it is shown in (a floating time or a
    /// date without a time: as written).
    #[must_use]
    pub fn start_in(&self, zone: Zone) -> f64 {
        self.start_seconds() + self.shift_in(zone)
    }

    /// [`Date::end_seconds`] on the same axis as [`Date::start_in`].
    #[must_use]
    pub fn end_in(&self, zone: Zone) -> f64 {
        self.end_seconds() + self.shift_in(zone)
    }

    fn shift_in(&self, zone: Zone) -> f64 {
        match self.offset_minutes {
            Some(written) if self.precision >= Precision::Minute => {
                f64::from(zone.offset_at(self.start_seconds(), written)) * 60.0
            }
            _ => 0.0,
        }
    }

    fn arithmetic_year(&self) -> i64 {
        self.year
            .clamp(-ARITHMETIC_YEAR_LIMIT, ARITHMETIC_YEAR_LIMIT)
    }

    fn time_of_day_seconds(&self, with_seconds: bool) -> i64 {
        let seconds = if with_seconds {
            i64::from(self.second)
        } else {
            0
        };
        i64::from(self.hour) * 3600 + i64::from(self.minute) * 60 + seconds
    }

    fn offset_seconds(&self) -> i64 {
        i64::from(self.offset_minutes.unwrap_or(0)) * 60
    }
}

/// Seconds on the axis of `year-month-day` plus `extra` seconds, exact
/// whenever the total fits an `i64` (it does for every parsed date).
fn axis_seconds(year: i64, month: u32, day: u32, extra: i64) -> f64 {
    let days = calendar::days_from_civil(year, month, day);
    match days
        .checked_mul(calendar::SECS_PER_DAY)
        .and_then(|s| s.checked_add(extra))
    {
        Some(total) => total as f64,
        None => days as f64 * calendar::SECS_PER_DAY as f64 + extra as f64,
    }
}

pub(super) fn month_name(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| calendar::MONTH_NAMES.get(i as usize))
        .copied()
        .unwrap_or("?")
}

/// `.25` for 250,000,000 ns; empty for 0.
fn fraction_text(nanosecond: u32) -> String {
    if nanosecond == 0 {
        return String::new();
    }
    let digits = format!("{nanosecond:09}");
    format!(".{}", digits.trim_end_matches('0'))
}

/// `+09:00`, `-06:00`, `+05:30`.
fn offset_text(offset: i32) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    let magnitude = offset.unsigned_abs();
    format!("{sign}{:02}:{:02}", magnitude / 60, magnitude % 60)
}

/// A year as EDTF writes it: at least 4 digits, `-` for negative.
fn year_text(year: i64) -> String {
    if year < 0 {
        format!("-{:04}", year.unsigned_abs())
    } else {
        format!("{year:04}")
    }
}

impl fmt::Display for Date {
    /// Same text as [`Date::to_edtf`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&year_text(self.year))?;
        if self.precision >= Precision::Month {
            write!(f, "-{:02}", self.month)?;
        }
        if self.precision >= Precision::Day {
            write!(f, "-{:02}", self.day)?;
        }
        if self.precision >= Precision::Minute {
            write!(f, "T{:02}:{:02}", self.hour, self.minute)?;
        }
        if self.precision >= Precision::Second {
            write!(f, ":{:02}{}", self.second, fraction_text(self.nanosecond))?;
        }
        if self.precision >= Precision::Minute {
            match self.offset_minutes {
                Some(0) => f.write_str("Z")?,
                Some(offset) => f.write_str(&offset_text(offset))?,
                None => {}
            }
        }
        match (self.approximate, self.uncertain) {
            (true, true) => f.write_str("%"),
            (true, false) => f.write_str("~"),
            (false, true) => f.write_str("?"),
            (false, false) => Ok(()),
        }
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Date, DateError> {
        Date::parse(text)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        deserializer.deserialize_str(DateVisitor)
    }
}

struct DateVisitor;

impl serde::de::Visitor<'_> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date string such as 2024-06-19")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Date, E> {
        Date::parse(text).map_err(E::custom)
    }
}

/// Byte cursor over ASCII syntax. It only ever steps over ASCII bytes, so its
/// position is always a `char` boundary and slicing at it cannot panic.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn peek_second(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos + 1).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        debug_assert!(byte.is_ascii());
        if self.peek() == Some(byte) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Consumes and returns the run of ASCII digits at the cursor.
    fn digits(&mut self) -> &'a str {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        &self.text[start..self.pos]
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }
}

/// Value of a run of at most 9 ASCII digits (callers check the length).
fn number(digits: &str) -> u32 {
    digits
        .bytes()
        .fold(0_u32, |acc, b| acc * 10 + u32::from(b - b'0'))
}

/// Parses already-trimmed text; the error is the reason only.
fn parse_trimmed(text: &str) -> Result<Date, String> {
    if text.is_empty() {
        return Err("the date is empty".to_owned());
    }
    let (body, approximate, uncertain) = if let Some(body) = text.strip_suffix('~') {
        (body, true, false)
    } else if let Some(body) = text.strip_suffix('?') {
        (body, false, true)
    } else if let Some(body) = text.strip_suffix('%') {
        (body, true, true)
    } else {
        (text, false, false)
    };
    if body.is_empty() {
        return Err("a qualifier needs a date before it".to_owned());
    }
    if body.ends_with(['~', '?', '%']) {
        return Err(
            "write one qualifier at the end: ~ approximate, ? uncertain, % both".to_owned(),
        );
    }

    let mut cursor = Cursor { text: body, pos: 0 };
    let year = parse_year(&mut cursor)?;
    let mut date = Date {
        year,
        month: 1,
        day: 1,
        hour: 0,
        minute: 0,
        second: 0,
        nanosecond: 0,
        offset_minutes: None,
        precision: Precision::Year,
        approximate,
        uncertain,
    };

    if cursor.eat(b'-') {
        let digits = cursor.digits();
        if digits.len() != 2 {
            return Err("a month needs 2 digits (01–12)".to_owned());
        }
        date.month = number(digits);
        if !(1..=12).contains(&date.month) {
            return Err(format!("month {digits} is out of range (01–12)"));
        }
        date.precision = Precision::Month;

        if cursor.eat(b'-') {
            parse_day(&mut cursor, &mut date)?;
            let time_follows = match cursor.peek() {
                Some(b'T' | b't') => true,
                Some(b' ') => cursor.peek_second().is_some_and(|b| b.is_ascii_digit()),
                _ => false,
            };
            if time_follows {
                cursor.pos += 1;
                parse_time(&mut cursor, &mut date)?;
            } else if matches!(cursor.peek(), Some(b'Z' | b'z' | b'+')) {
                return Err("a UTC offset needs a time, as in 2024-06-19T14:30Z".to_owned());
            }
        }
    }

    if cursor.rest().is_empty() {
        Ok(date)
    } else {
        Err(format!(
            "unexpected {:?} after the date",
            shorten(cursor.rest())
        ))
    }
}

fn parse_year(cursor: &mut Cursor<'_>) -> Result<i64, String> {
    // EDTF's long years: `Y-13800000000`, `Y170000002` (a year alone).
    let long = cursor.eat(b'Y');
    let negative = if cursor.eat(b'-') {
        true
    } else {
        cursor.eat(b'+');
        false
    };
    let digits = cursor.digits();
    if digits.is_empty() {
        return Err(if cursor.pos > 0 {
            "a sign must be followed by the year's digits".to_owned()
        } else {
            "a date starts with a year of at least 4 digits".to_owned()
        });
    }
    if digits.len() < 4 {
        return Err("a year needs at least 4 digits (write 0044 or -0043)".to_owned());
    }
    if digits.len() > MAX_YEAR_DIGITS {
        return Err(format!(
            "a year has at most {MAX_YEAR_DIGITS} digits, this one has {}",
            digits.len()
        ));
    }
    let magnitude = digits
        .bytes()
        .fold(0_i64, |acc, b| acc * 10 + i64::from(b - b'0'));
    if magnitude > MAX_YEAR {
        return Err(format!(
            "years reach 15 billion (15000000000) at most, past the age of the universe; this one is {magnitude}"
        ));
    }
    if long && !cursor.rest().is_empty() {
        return Err("a Y year is a year alone, without month or day".to_owned());
    }
    Ok(if negative { -magnitude } else { magnitude })
}

fn parse_day(cursor: &mut Cursor<'_>, date: &mut Date) -> Result<(), String> {
    let digits = cursor.digits();
    if digits.len() != 2 {
        return Err("a day needs 2 digits (01–31)".to_owned());
    }
    let day = number(digits);
    if day == 0 || day > calendar::days_in_month(date.year, date.month) {
        return Err(if date.month == 2 && day == 29 {
            let year = year_text(date.year);
            format!("{year}-02-29 does not exist: {year} is not a leap year")
        } else {
            format!("day {day} is out of range for {}", month_name(date.month))
        });
    }
    date.day = day;
    date.precision = Precision::Day;
    Ok(())
}

fn parse_time(cursor: &mut Cursor<'_>, date: &mut Date) -> Result<(), String> {
    let hours = cursor.digits();
    if hours.len() != 2 || !cursor.eat(b':') {
        return Err("a time needs hours and minutes (HH:MM)".to_owned());
    }
    date.hour = number(hours);
    if date.hour > 23 {
        return Err(format!("hour {hours} is out of range (00–23)"));
    }
    let minutes = cursor.digits();
    if minutes.len() != 2 {
        return Err("minutes need 2 digits (00–59)".to_owned());
    }
    date.minute = number(minutes);
    if date.minute > 59 {
        return Err(format!("minute {minutes} is out of range (00–59)"));
    }
    date.precision = Precision::Minute;

    if cursor.eat(b':') {
        let seconds = cursor.digits();
        if seconds.len() != 2 {
            return Err("seconds need 2 digits (00–59)".to_owned());
        }
        date.second = number(seconds);
        if date.second > 59 {
            return Err(format!("second {seconds} is out of range (00–59)"));
        }
        date.precision = Precision::Second;
        if cursor.eat(b'.') || cursor.eat(b',') {
            let fraction = cursor.digits();
            if fraction.is_empty() {
                return Err("a decimal point in the seconds needs digits after it".to_owned());
            }
            if fraction.len() > 9 {
                return Err("fractional seconds have at most 9 digits".to_owned());
            }
            date.nanosecond = number(fraction) * 10_u32.pow(9 - fraction.len() as u32);
        }
    }

    date.offset_minutes = parse_offset(cursor)?;
    Ok(())
}

fn parse_offset(cursor: &mut Cursor<'_>) -> Result<Option<i32>, String> {
    if cursor.eat(b'Z') || cursor.eat(b'z') {
        return Ok(Some(0));
    }
    let sign = if cursor.eat(b'+') {
        1
    } else if cursor.eat(b'-') {
        -1
    } else {
        return Ok(None);
    };
    let digits = cursor.digits();
    let (hours, minutes) = match digits.len() {
        4 => (number(&digits[..2]), number(&digits[2..])),
        2 if cursor.eat(b':') => {
            let minutes = cursor.digits();
            if minutes.len() != 2 {
                return Err("offset minutes need 2 digits, as in +05:30".to_owned());
            }
            (number(digits), number(minutes))
        }
        2 => (number(digits), 0),
        _ => return Err("a UTC offset is Z, ±HH:MM, ±HHMM or ±HH".to_owned()),
    };
    // Both parts have 2 digits, so these fit an i32 comfortably.
    let total = (hours * 60 + minutes) as i32;
    let text = format!(
        "{}{hours:02}:{minutes:02}",
        if sign < 0 { '-' } else { '+' }
    );
    if minutes > 59 {
        return Err(format!("offset {text} has minutes out of range (00–59)"));
    }
    if total > MAX_OFFSET_MINUTES {
        return Err(format!("offset {text} is out of range (-18:00 to +18:00)"));
    }
    Ok(Some(sign * total))
}

/// At most 20 characters of `text`, for quoting in a reason.
fn shorten(text: &str) -> String {
    const LIMIT: usize = 20;
    if text.chars().count() <= LIMIT {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(LIMIT).collect();
        short.push('…');
        short
    }
}

#[cfg(test)]
// Axis seconds of whole-second instants are exact integers in f64, so the
// tests compare them exactly.
#[allow(clippy::float_cmp)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, NaiveDate, TimeZone as _};

    const DAY: f64 = 86_400.0;

    fn date(text: &str) -> Date {
        match Date::parse(text) {
            Ok(date) => date,
            Err(error) => panic!("{text:?} should parse: {error}"),
        }
    }

    fn reason(text: &str) -> String {
        match Date::parse(text) {
            Ok(date) => panic!("{text:?} should be rejected, parsed as {date:?}"),
            Err(error) => {
                assert_eq!(error.input, text);
                error.reason
            }
        }
    }

    /// Seconds since the epoch of a UTC midnight, according to chrono.
    fn chrono_midnight(year: i32, month: u32, day: u32) -> f64 {
        let Some(date) = NaiveDate::from_ymd_opt(year, month, day) else {
            panic!("bad test date {year}-{month}-{day}");
        };
        let Some(midnight) = date.and_hms_opt(0, 0, 0) else {
            panic!("bad midnight");
        };
        midnight.and_utc().timestamp() as f64
    }

    /// Seconds since the epoch of a local time at a fixed offset, according to chrono.
    fn chrono_at(ymd: (i32, u32, u32), hms: (u32, u32, u32), offset_secs: i32) -> f64 {
        let Some(offset) = FixedOffset::east_opt(offset_secs) else {
            panic!("bad offset {offset_secs}");
        };
        let Some(time) = offset
            .with_ymd_and_hms(ymd.0, ymd.1, ymd.2, hms.0, hms.1, hms.2)
            .single()
        else {
            panic!("bad test time {ymd:?} {hms:?}");
        };
        time.timestamp() as f64
    }

    #[test]
    fn year_precision() {
        let d = date("2024");
        assert_eq!(
            d,
            Date {
                year: 2024,
                month: 1,
                day: 1,
                hour: 0,
                minute: 0,
                second: 0,
                nanosecond: 0,
                offset_minutes: None,
                precision: Precision::Year,
                approximate: false,
                uncertain: false,
            }
        );
        assert_eq!(d.start_seconds(), chrono_midnight(2024, 1, 1));
        assert_eq!(d.end_seconds(), chrono_midnight(2025, 1, 1));
        assert_eq!(d.end_seconds() - d.start_seconds(), 366.0 * DAY);
        assert_eq!(date("+2024"), d);
    }

    #[test]
    fn month_precision() {
        let d = date("2024-06");
        assert_eq!((d.year, d.month, d.day), (2024, 6, 1));
        assert_eq!(d.precision, Precision::Month);
        assert_eq!(d.start_seconds(), chrono_midnight(2024, 6, 1));
        assert_eq!(d.end_seconds(), chrono_midnight(2024, 7, 1));
    }

    #[test]
    fn day_precision() {
        let d = date("2024-06-19");
        assert_eq!((d.year, d.month, d.day, d.hour), (2024, 6, 19, 0));
        assert_eq!(d.precision, Precision::Day);
        assert_eq!(d.start_seconds(), chrono_midnight(2024, 6, 19));
        assert_eq!(d.end_seconds(), chrono_midnight(2024, 6, 20));
        // Last day of the year ends at the next year's first midnight.
        assert_eq!(
            date("2023-12-31").end_seconds(),
            chrono_midnight(2024, 1, 1)
        );
    }

    #[test]
    fn minute_precision() {
        let d = date("2024-06-19T14:30");
        assert_eq!((d.hour, d.minute, d.second), (14, 30, 0));
        assert_eq!(d.precision, Precision::Minute);
        assert_eq!(d.offset_minutes, None);
        let start = chrono_at((2024, 6, 19), (14, 30, 0), 0);
        assert_eq!(d.start_seconds(), start);
        assert_eq!(d.end_seconds(), start + 60.0);
        assert_eq!(date("2024-06-19 14:30"), d);
        assert_eq!(date("  2024-06-19t14:30\n"), d);
    }

    #[test]
    fn second_precision_with_and_without_fraction() {
        let d = date("2024-06-19T14:30:15");
        assert_eq!((d.hour, d.minute, d.second, d.nanosecond), (14, 30, 15, 0));
        assert_eq!(d.precision, Precision::Second);
        let start = chrono_at((2024, 6, 19), (14, 30, 15), 0);
        assert_eq!(d.start_seconds(), start);
        assert_eq!(d.end_seconds(), start + 1.0);

        let f = date("2024-06-19T14:30:15.250");
        assert_eq!(f.nanosecond, 250_000_000);
        assert_eq!(f.precision, Precision::Second);
        assert_eq!(f.start_seconds(), start + 0.25);
        assert_eq!(f.end_seconds(), start + 1.25);
        assert_eq!(date("2024-06-19T14:30:15,25"), f);
        assert_eq!(date("2024-06-19T14:30:15.000000001").nanosecond, 1);
        assert_eq!(date("2024-06-19T14:30:15.5").nanosecond, 500_000_000);
    }

    #[test]
    fn before_the_epoch_matches_chrono() {
        let d = date("1969-12-31T23:59:59Z");
        assert_eq!(d.start_seconds(), -1.0);
        assert_eq!(
            d.start_seconds(),
            chrono_at((1969, 12, 31), (23, 59, 59), 0)
        );
        assert_eq!(date("0001-01-01").start_seconds(), chrono_midnight(1, 1, 1));
        assert_eq!(
            date("-0043-03-15").start_seconds(),
            chrono_midnight(-43, 3, 15)
        );
    }

    #[test]
    fn month_ends_at_start_of_next_month() {
        let december = date("2024-12");
        assert_eq!(december.end_seconds(), date("2025-01").start_seconds());
        assert_eq!(december.end_seconds(), chrono_midnight(2025, 1, 1));
        let leap_feb = date("2024-02");
        assert_eq!(
            leap_feb.end_seconds() - leap_feb.start_seconds(),
            29.0 * DAY
        );
        assert_eq!(leap_feb.end_seconds(), chrono_midnight(2024, 3, 1));
        let feb = date("2023-02");
        assert_eq!(feb.end_seconds() - feb.start_seconds(), 28.0 * DAY);
        let april = date("2024-04");
        assert_eq!(april.end_seconds() - april.start_seconds(), 30.0 * DAY);
        let bce_december = date("-0500-12");
        assert_eq!(bce_december.end_seconds(), date("-0499").start_seconds());
    }

    #[test]
    fn zones_convert_times_written_with_an_offset_and_nothing_else() {
        let seoul = date("2024-10-16T14:30+09:00");
        assert_eq!(
            seoul.in_zone(Zone::Utc).human(),
            "Wed 16 October 2024, 05:30 UTC"
        );
        assert_eq!(seoul.in_zone(Zone::AsWritten), seoul);
        // The same instant in every zone.
        assert_eq!(
            seoul.in_zone(Zone::Utc).start_seconds(),
            seoul.start_seconds()
        );
        // Across midnight, the day changes with the clock.
        let early = date("2024-10-16T02:00:15+09:00");
        assert_eq!(early.in_zone(Zone::Utc).to_edtf(), "2024-10-15T17:00:15Z");
        let kolkata = early.at_offset(330);
        assert_eq!(kolkata.to_edtf(), "2024-10-15T22:30:15+05:30");
        assert_eq!(kolkata.start_seconds(), early.start_seconds());
        // Dates without a time, and floating times, never move.
        for text in ["2024-10-16", "2024-10", "2024-10-16T14:30", "-0499"] {
            let d = date(text);
            for zone in [Zone::Utc, Zone::Local, Zone::AsWritten] {
                assert_eq!(d.in_zone(zone), d, "{text}");
                assert_eq!(d.start_in(zone), d.start_seconds(), "{text}");
                assert_eq!(d.end_in(zone), d.end_seconds(), "{text}");
            }
        }
        // On the axis: UTC at the instant, as written at the written clock.
        assert_eq!(seoul.start_in(Zone::Utc), seoul.start_seconds());
        assert_eq!(
            seoul.start_in(Zone::AsWritten),
            date("2024-10-16T14:30").start_seconds()
        );
        assert_eq!(
            seoul.end_in(Zone::AsWritten) - seoul.start_in(Zone::AsWritten),
            60.0
        );
        let local = seoul.in_zone(Zone::Local);
        assert_eq!(local.start_seconds(), seoul.start_seconds());
        assert_eq!(
            local.offset_minutes,
            Some(local_offset_minutes(seoul.start_seconds()))
        );
    }

    #[test]
    fn offsets_are_subtracted() {
        let tokyo = date("2024-06-19T14:30+09:00");
        assert_eq!(tokyo.offset_minutes, Some(540));
        assert_eq!(
            tokyo.start_seconds(),
            chrono_at((2024, 6, 19), (14, 30, 0), 9 * 3600)
        );
        assert_eq!(
            tokyo.start_seconds(),
            date("2024-06-19T05:30Z").start_seconds()
        );

        let utc = date("2024-06-19T14:30Z");
        assert_eq!(utc.offset_minutes, Some(0));
        assert_eq!(
            utc.start_seconds(),
            chrono_at((2024, 6, 19), (14, 30, 0), 0)
        );
        assert_eq!(date("2024-06-19T14:30+00:00"), utc);

        let chicago = date("2024-06-19T14:30:00-0600");
        assert_eq!(chicago.offset_minutes, Some(-360));
        assert_eq!(
            chicago.start_seconds(),
            chrono_at((2024, 6, 19), (14, 30, 0), -6 * 3600)
        );

        let five = date("2024-06-19T14:30+05");
        assert_eq!(five.offset_minutes, Some(300));
        assert_eq!(
            five.start_seconds(),
            chrono_at((2024, 6, 19), (14, 30, 0), 5 * 3600)
        );

        assert_eq!(date("2024-06-19T14:30+05:30").offset_minutes, Some(330));
        assert_eq!(date("2024-06-19T14:30-18:00").offset_minutes, Some(-1080));
        // An offset moving the instant across midnight.
        let early = date("2024-01-01T01:00+02:00");
        assert_eq!(
            early.start_seconds(),
            chrono_at((2023, 12, 31), (23, 0, 0), 0)
        );
    }

    #[test]
    fn bce_years() {
        let d = date("-0499");
        assert_eq!(d.year, -499);
        assert_eq!(d.precision, Precision::Year);
        assert_eq!(d.start_seconds(), calendar::seconds_from_civil(-499, 1, 1));
        assert_eq!(d.end_seconds(), calendar::seconds_from_civil(-498, 1, 1));
        assert_eq!(d.human(), "500 BCE");
        assert_eq!(d.to_edtf(), "-0499");
    }

    #[test]
    fn year_zero_and_deep_years() {
        let zero = date("0000");
        assert_eq!(zero.year, 0);
        assert_eq!(date("-0000"), zero);
        assert_eq!(zero.human(), "1 BCE");
        assert_eq!(zero.start_seconds(), chrono_midnight(0, 1, 1));
        assert_eq!(zero.end_seconds(), chrono_midnight(1, 1, 1));
        assert_eq!(zero.end_seconds() - zero.start_seconds(), 366.0 * DAY);

        let old = date("-9999");
        assert_eq!(old.year, -9999);
        assert_eq!(old.start_seconds(), chrono_midnight(-9999, 1, 1));
        assert_eq!(old.human(), "10,000 BCE");
        assert_eq!(old.to_edtf(), "-9999");

        let deep = date("-65000000");
        assert_eq!(deep.year, -65_000_000);
        assert_eq!(
            deep.start_seconds(),
            calendar::seconds_from_civil(-65_000_000, 1, 1)
        );
        assert!(deep.start_seconds() < deep.end_seconds());
        assert_eq!(deep.human(), "65,000,001 BCE");

        let widest = date("-999999999");
        assert!(widest.start_seconds().is_finite());
        assert!(widest.start_seconds() < widest.end_seconds());
        assert_eq!(date("12345").to_edtf(), "12345");
        assert_eq!(date("12345").human(), "12,345");

        // The age of the universe, plain or in EDTF's Y form, on the axis.
        let big_bang = date("Y-13800000000~");
        assert_eq!(big_bang, date("-13800000000~"));
        assert_eq!(big_bang.precision, Precision::Year);
        assert!(big_bang.approximate);
        assert_eq!(big_bang.to_edtf(), "-13800000000~");
        let t = big_bang.start_seconds();
        assert!(t.is_finite() && t < -4.3e17 && t > -4.4e17, "{t}");
        assert!(crate::time_axis::TimeAxis::new(0.0, 1000.0, t, 0.0).start() <= t + 1e10);
    }

    #[test]
    fn qualifiers() {
        let approx = date("2024-06~");
        assert!(approx.approximate && !approx.uncertain);
        assert_eq!(approx.precision, Precision::Month);
        let unsure = date("2024?");
        assert!(!unsure.approximate && unsure.uncertain);
        assert_eq!(unsure.precision, Precision::Year);
        let both = date("2024-06-19%");
        assert!(both.approximate && both.uncertain);
        assert_eq!(both.precision, Precision::Day);
        let timed = date("2024-06-19T14:30+09:00~");
        assert!(timed.approximate);
        assert_eq!(timed.offset_minutes, Some(540));
        // Qualifiers do not move the date.
        assert_eq!(approx.start_seconds(), date("2024-06").start_seconds());
    }

    #[test]
    fn to_edtf_round_trips() {
        let inputs = [
            ("2024", "2024"),
            ("+2024", "2024"),
            ("0044", "0044"),
            ("-0043", "-0043"),
            ("-0000", "0000"),
            ("-9999", "-9999"),
            ("123456789", "123456789"),
            ("-999999999", "-999999999"),
            ("2024-06", "2024-06"),
            ("2024-06-19", "2024-06-19"),
            ("2024-06-19 14:30", "2024-06-19T14:30"),
            ("2024-06-19T14:30", "2024-06-19T14:30"),
            ("2024-06-19T14:30:15", "2024-06-19T14:30:15"),
            ("2024-06-19T14:30:15.250", "2024-06-19T14:30:15.25"),
            ("2024-06-19T14:30:00.000", "2024-06-19T14:30:00"),
            (
                "2024-06-19T14:30:15.000000001",
                "2024-06-19T14:30:15.000000001",
            ),
            ("2024-06-19T14:30+09:00", "2024-06-19T14:30+09:00"),
            ("2024-06-19T14:30+0900", "2024-06-19T14:30+09:00"),
            ("2024-06-19T14:30-06", "2024-06-19T14:30-06:00"),
            ("2024-06-19T14:30z", "2024-06-19T14:30Z"),
            ("2024-06-19T14:30-00:00", "2024-06-19T14:30Z"),
            (
                "2024-06-19T14:30:15.5-03:30?",
                "2024-06-19T14:30:15.5-03:30?",
            ),
            ("2024-06~", "2024-06~"),
            ("2024?", "2024?"),
            ("-0499-03-15%", "-0499-03-15%"),
        ];
        for (input, canonical) in inputs {
            let parsed = date(input);
            assert_eq!(parsed.to_edtf(), canonical, "{input}");
            assert_eq!(parsed.to_string(), canonical, "{input}");
            assert_eq!(date(canonical), parsed, "{input}");
            let via_from_str: Date = match canonical.parse() {
                Ok(d) => d,
                Err(e) => panic!("{e}"),
            };
            assert_eq!(via_from_str, parsed);
        }
    }

    #[test]
    fn human_strings() {
        let cases = [
            ("2024", "2024"),
            ("2024-06", "June 2024"),
            ("2024-06-19", "Wed 19 June 2024"),
            ("2024-06-19T14:30", "Wed 19 June 2024, 14:30"),
            ("2024-06-19T14:30:15", "Wed 19 June 2024, 14:30:15"),
            ("2024-06-19T14:30:15.25", "Wed 19 June 2024, 14:30:15.25"),
            ("2024-06-19T14:30Z", "Wed 19 June 2024, 14:30 UTC"),
            ("2024-06-19T14:30+09:00", "Wed 19 June 2024, 14:30 +09:00"),
            ("2024-06-19T09:05-06:00", "Wed 19 June 2024, 09:05 -06:00"),
            ("-0499", "500 BCE"),
            ("-0043-03", "March 44 BCE"),
            ("-0043-03-15", "Fri 15 March 44 BCE"),
            ("2024~", "c. 2024"),
            ("2024-06?", "June 2024 (uncertain)"),
            ("1066-10-14%", "c. Sun 14 October 1066 (uncertain)"),
        ];
        for (input, expected) in cases {
            assert_eq!(date(input).human(), expected, "{input}");
        }
    }

    #[test]
    fn bad_input_is_rejected_with_a_reason() {
        let cases = [
            ("", "empty"),
            ("   ", "empty"),
            ("2024-13", "month 13"),
            ("2024-00", "month 00"),
            ("2024-6", "month needs 2 digits"),
            ("2024-", "month needs 2 digits"),
            (
                "2023-02-29",
                "2023-02-29 does not exist: 2023 is not a leap year",
            ),
            ("1900-02-29", "1900 is not a leap year"),
            ("2024-02-30", "day 30 is out of range for February"),
            ("2024-04-31", "day 31 is out of range for April"),
            ("2024-04-00", "day 0 is out of range for April"),
            ("2024-04-1", "day needs 2 digits"),
            ("24", "at least 4 digits"),
            ("-499", "at least 4 digits"),
            ("-", "sign"),
            ("2024-06-19T25:00", "hour 25"),
            ("2024-06-19T14", "a time needs hours and minutes"),
            ("2024-06-19T", "a time needs hours and minutes"),
            ("2024-06-19T1430", "a time needs hours and minutes"),
            ("2024-06-19T14:60", "minute 60"),
            ("2024-06-19T14:3", "minutes need 2 digits"),
            ("2024-06-19T14:30:60", "second 60"),
            ("2024-06-19T14:30:5", "seconds need 2 digits"),
            ("2024-06-19T14:30:15.", "decimal point"),
            ("2024-06-19T14:30:15.1234567890", "at most 9 digits"),
            ("2024-06-19x", "unexpected \"x\" after the date"),
            ("2024-06-19 x", "unexpected \" x\" after the date"),
            ("2024/06", "unexpected \"/06\" after the date"),
            ("2024-06-19Z", "needs a time"),
            ("June 2024", "starts with a year"),
            ("2024-06-19T14:30+19:00", "offset +19:00 is out of range"),
            ("2024-06-19T14:30-1801", "out of range"),
            ("2024-06-19T14:30+05:60", "minutes out of range"),
            ("2024-06-19T14:30+5", "offset"),
            ("2024-06-19T14:30+05:3", "offset minutes need 2 digits"),
            ("99999999999999999999", "at most 11 digits"),
            ("99999999999", "years reach 15 billion"),
            ("Y-13800000000-01", "a Y year is a year alone"),
            ("-99999999999999999999999999999999", "at most 11 digits"),
            ("2024~?", "one qualifier"),
            ("~", "qualifier needs a date"),
            ("2024?-06", "unexpected \"?-06\""),
            ("２０２４", "starts with a year"),
            ("2024-06-19T14:30é", "unexpected \"é\""),
        ];
        for (input, expected) in cases {
            let reason = reason(input);
            assert!(
                reason.contains(expected),
                "{input:?}: reason {reason:?} should mention {expected:?}"
            );
        }
    }

    #[test]
    fn error_display_names_the_input() {
        let Err(error) = Date::parse("2024-13") else {
            panic!("should fail");
        };
        assert_eq!(
            error.to_string(),
            "month 13 is out of range (01–12): expected an EDTF date such as 2024, 2024-06, \
             2024-06-19 or 2024-06-19T14:30, found \"2024-13\""
        );
    }

    #[test]
    fn long_garbage_is_shortened_in_the_reason() {
        let input = format!("2024x{}", "y".repeat(1000));
        let reason = reason(&input);
        assert!(reason.len() < 60, "{reason}");
        assert!(reason.contains('…'));
    }

    /// Deterministic pseudo-random strings over the date alphabet, plus
    /// mutations of valid dates: parse must never panic, and whatever it
    /// accepts must print and parse back to itself with start before end.
    #[test]
    fn arbitrary_text_never_panics_and_accepted_text_round_trips() {
        const PIECES: [&str; 22] = [
            "0", "1", "2", "9", "-", "+", ":", "T", " ", "Z", ".", ",", "~", "?", "%", "é", "日",
            "x", "00", "12", "2024", "99999",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let seeds = [
            "2024-06-19T14:30:15.250+09:00%",
            "-0499-02-28",
            "2024-02-29 23:59Z",
        ];
        let mut accepted = 0;
        for round in 0..40_000 {
            let text = if round % 2 == 0 {
                let len = next() % 16;
                (0..len)
                    .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                    .collect::<String>()
            } else {
                let seed = seeds[(next() % seeds.len() as u64) as usize];
                let mut chars: Vec<char> = seed.chars().collect();
                let at = (next() % chars.len() as u64) as usize;
                let piece = PIECES[(next() % PIECES.len() as u64) as usize];
                match next() % 3 {
                    0 => {
                        chars.remove(at);
                    }
                    1 => chars.splice(at..at, piece.chars()).for_each(drop),
                    _ => chars.truncate(at),
                }
                chars.into_iter().collect()
            };
            if let Ok(parsed) = Date::parse(&text) {
                accepted += 1;
                assert_eq!(date(&parsed.to_edtf()), parsed, "{text:?}");
                let (start, end) = (parsed.start_seconds(), parsed.end_seconds());
                // f64 resolves single seconds only within about ±285 million
                // years of 1970; beyond that a second can round to nothing.
                if parsed.year.abs() < 200_000_000 {
                    assert!(start < end, "{text:?}");
                } else {
                    assert!(start <= end, "{text:?}");
                }
                assert!(!parsed.human().is_empty());
            }
        }
        assert!(accepted > 100, "only {accepted} accepted");
    }

    #[test]
    fn hand_built_out_of_range_fields_do_not_panic() {
        let odd = Date {
            year: i64::MIN,
            month: 0,
            day: u32::MAX,
            hour: u32::MAX,
            minute: u32::MAX,
            second: u32::MAX,
            nanosecond: u32::MAX,
            offset_minutes: Some(i32::MIN),
            precision: Precision::Second,
            approximate: true,
            uncertain: true,
        };
        assert!(odd.start_seconds().is_finite());
        assert!(odd.end_seconds().is_finite());
        assert!(!odd.human().is_empty());
        assert!(!odd.to_edtf().is_empty());
        let month_thirteen = Date {
            month: 13,
            precision: Precision::Month,
            year: i64::MAX,
            ..odd
        };
        assert!(month_thirteen.end_seconds().is_finite());
        assert!(month_thirteen.human().contains('?'));
    }

    #[test]
    fn precision_names_and_order() {
        let all = [
            Precision::Year,
            Precision::Month,
            Precision::Day,
            Precision::Minute,
            Precision::Second,
        ];
        let names: Vec<&str> = all.iter().map(|p| p.name()).collect();
        assert_eq!(names, ["year", "month", "day", "minute", "second"]);
        assert!(all.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn serde_uses_the_edtf_string() {
        let parsed: Date = match serde_json::from_str("\"2024-06\"") {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(parsed, date("2024-06"));
        let json = match serde_json::to_string(&date("2024-06-19T14:30+09:00~")) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(json, "\"2024-06-19T14:30+09:00~\"");
        let back: Date = match serde_json::from_str(&json) {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(back, date("2024-06-19T14:30+09:00~"));

        let Err(wrong_type) = serde_json::from_str::<Date>("5") else {
            panic!("a number is not a date");
        };
        let text = wrong_type.to_string();
        assert!(text.contains("invalid type"), "{text}");
        assert!(text.contains("expected a date"), "{text}");

        let Err(bad) = serde_json::from_str::<Date>("\"2024-13\"") else {
            panic!("2024-13 is not a date");
        };
        let text = bad.to_string();
        assert!(text.contains("month"), "{text}");
        assert!(text.contains("line 1 column"), "{text}");
    }
}
