//! Dates as spreadsheets, exports and people spell them, read into [`Date`]s
//! at the precision they were written.
//!
//! Chronoscope's own files use EDTF (`2024-06-19`, `1984`, `-0499`), but CSV
//! exports and hand-made tables write `06/19/2024`, `19.06.2024`,
//! `2024/6/19 14:30`, `19 June 2024`, `June 19, 2024`, `Jun 2024` or `44 BC`.
//! [`parse_loose`] reads all of these into the parts of a date and builds it
//! with [`Date::from_parts`], so validation (month 13, 31 April, 29 February
//! in a common year) and precision work exactly as in the native format.
//!
//! Conventions:
//! - Precision is what was written: `1984` is the year, `Jun 2024` the month,
//!   `19 June 2024` the day, `19/06/2024 14:30` the minute.
//! - A time without an offset stays "as written" (floating); `Z`, `UTC`,
//!   `GMT` and `±HH:MM` offsets are kept. `2:30 PM` is 14:30.
//! - All-numeric day/month dates: when one number is above 12 the reading is
//!   unambiguous. When both are 12 or below and differ (`03/04/2024`), the
//!   [`DayMonthOrder`] decides; with [`DayMonthOrder::Ask`] it is an error
//!   asking the user to choose, never a guess. Two-digit years are refused.
//! - Years: a leading `-` is astronomical, as in EDTF (`-0499` and `-499`
//!   are 500 BCE); `BC`/`BCE` count back without a year zero (`44 BC` is
//!   astronomical -43); `AD`/`CE` are ordinary years.
//! - Month names are English, full or abbreviated to three letters (and
//!   `Sept`), in any case; a leading weekday (`Wed 19 June 2024`) and
//!   ordinal suffixes (`19th`) are ignored.

use super::common::DayMonthOrder;
use crate::model::{Date, DateParts, Precision, TimeParts};

/// A date read from loose text, with what was decided while reading it.
#[derive(Clone, Debug, PartialEq)]
pub struct LooseDate {
    pub date: Date,
    /// Set when a choice was made, e.g. "read 03/04/2024 as 4 March 2024
    /// (month first)".
    pub note: Option<String>,
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// What the user is told a date should look like.
const EXPECTED: &str = "expected a date such as 2024-06-19, 2024-06-19 14:30, 19/06/2024, 19 June 2024, June 2024 or 1984";

/// Which way round an era marker counts years.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Era {
    /// `BC`, `BCE`: 1 BC is astronomical year 0.
    Before,
    /// `AD`, `CE`.
    Common,
}

/// Reads a date written in any of the spellings listed in the module
/// documentation. The error is a reason for a reader, naming the text.
pub fn parse_loose(text: &str, order: DayMonthOrder) -> Result<LooseDate, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("the date is empty".to_owned());
    }
    if let Ok(date) = Date::parse(text) {
        return Ok(LooseDate { date, note: None });
    }
    let (date_part, time_part) = split_time(text);
    let (date_part, era) = strip_era(&date_part)?;
    if date_part.is_empty() {
        return Err(format!("no date in {text:?}: {EXPECTED}"));
    }
    let time = match time_part {
        Some(t) => Some(parse_time(&t)?),
        None => None,
    };
    if date_part.chars().any(char::is_alphabetic) {
        textual(&date_part, era, time, text).map(|date| LooseDate { date, note: None })
    } else {
        numeric(&date_part, era, time, order, text)
    }
}

/// Whether an all-numeric day/month date (`25/03/2024`) shows its order by
/// itself: `DayFirst` when the first number is above 12, `MonthFirst` when
/// the second is, `None` otherwise (not such a date, or ambiguous).
#[must_use]
pub fn evident_order(text: &str) -> Option<DayMonthOrder> {
    let (date_part, _) = split_time(text.trim());
    let pieces = numeric_pieces(date_part.trim())?;
    let [a, b, y] = pieces.as_slice() else {
        return None;
    };
    if a.len() > 2 || b.len() > 2 || y.len() < 3 {
        return None;
    }
    let (a, b) = (small_number(a)?, small_number(b)?);
    match (a > 12, b > 12) {
        (true, false) => Some(DayMonthOrder::DayFirst),
        (false, true) => Some(DayMonthOrder::MonthFirst),
        _ => None,
    }
}

/// Reads a year: digits with an optional sign (astronomical, as in EDTF:
/// `-499` is 500 BCE), or with an era (`44 BC`, `AD 800`).
pub fn parse_year(text: &str) -> Result<i64, String> {
    let text = text.trim();
    let (body, era) = strip_era(text)?;
    let body = body.trim();
    let (negative, digits) = match body.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, body.strip_prefix('+').unwrap_or(body)),
    };
    if digits.is_empty() || digits.len() > 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "cannot read {text:?} as a year: expected digits such as 1984, -499 or 44 BC"
        ));
    }
    let value: i64 = digits
        .parse()
        .map_err(|_| format!("cannot read {text:?} as a year"))?;
    apply_era(if negative { -value } else { value }, era, negative, text)
}

/// A date from separate year, month, day and time cells (any but the year
/// may be empty). `year` is astronomical; the month is a number or an English
/// name; the time is as in [`parse_loose`].
pub fn from_parts(year: i64, month: &str, day: &str, time: &str) -> Result<Date, String> {
    let (month, day, time) = (month.trim(), day.trim(), time.trim());
    if month.is_empty() && !day.is_empty() {
        return Err(format!("a day ({day}) without a month"));
    }
    if day.is_empty() && !time.is_empty() {
        return Err(format!("a time ({time}) without a day"));
    }
    let month = if month.is_empty() {
        None
    } else {
        Some(
            month_number(month)
                .or_else(|| small_number(month).filter(|m| (1..=12).contains(m)))
                .ok_or_else(|| {
                    format!("cannot read {month:?} as a month: expected 1–12 or a month name")
                })?,
        )
    };
    let day = if day.is_empty() {
        None
    } else {
        Some(
            small_number(day)
                .filter(|_| day.len() <= 2)
                .ok_or_else(|| format!("cannot read {day:?} as a day of the month"))?,
        )
    };
    let time = if time.is_empty() {
        None
    } else {
        Some(parse_time(time)?)
    };
    build(year, month, day, time)
}

/// `date` at the clock time `time`, written as in [`parse_loose`] (`14:30`,
/// `2:30 PM`, `14:30:05Z`): for a date and a time kept in separate columns.
/// The date must be a whole day; a time of exactly midnight on it (what
/// spreadsheets write for a date-only cell, `2022-02-24 00:00:00`) is taken
/// as no time.
pub fn at_time(date: &Date, time: &str) -> Result<Date, String> {
    let midnight = date.hour == 0
        && date.minute == 0
        && date.second == 0
        && date.nanosecond == 0
        && date.offset_minutes.is_none();
    match date.precision {
        Precision::Day => {}
        Precision::Minute | Precision::Second if midnight => {}
        Precision::Minute | Precision::Second => {
            return Err(format!("{date} has a time already"));
        }
        Precision::Year | Precision::Month => {
            return Err(format!(
                "{date} is not a whole day: a time needs a year, month and day"
            ));
        }
    }
    let time = parse_time(time)?;
    let mut at = build(date.year, Some(date.month), Some(date.day), Some(time))?;
    at.approximate = date.approximate;
    at.uncertain = date.uncertain;
    Ok(at)
}

/// Splits `2024-06-19 14:30`, `19 June 2024, 2:30 pm`, `2024/06/19T14:30`
/// into the date and the time (from the first token with a colon).
fn split_time(text: &str) -> (String, Option<String>) {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let Some(at) = tokens.iter().position(|t| t.contains(':')) else {
        return (text.to_owned(), None);
    };
    let mut date_tokens: Vec<&str> = tokens[..at].to_vec();
    let mut time = tokens[at..].join(" ");
    // `2024/06/19T14:30`: the time is glued to the date by a `T`.
    if date_tokens.is_empty() {
        let first = tokens[at];
        if let Some(t) = first.find(['T', 't'])
            && first[..t].ends_with(|c: char| c.is_ascii_digit())
            && first[t + 1..].starts_with(|c: char| c.is_ascii_digit())
        {
            date_tokens.push(&first[..t]);
            time = std::iter::once(&first[t + 1..])
                .chain(tokens[at + 1..].iter().copied())
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
    while let Some(last) = date_tokens.last() {
        let l = last.trim_end_matches(',').to_ascii_lowercase();
        if l == "at" || l.is_empty() {
            date_tokens.pop();
        } else {
            break;
        }
    }
    let date = date_tokens.join(" ");
    let date = date.trim_end_matches(',').to_owned();
    (date, Some(time))
}

/// Removes one era marker (`BC`, `B.C.`, `BCE`, `AD`, `CE`, also glued to the
/// year as in `44BC`) from the date text.
fn strip_era(text: &str) -> Result<(String, Option<Era>), String> {
    let mut era = None;
    let mut kept: Vec<String> = Vec::new();
    for token in text.split_whitespace() {
        let bare: String = token
            .chars()
            .filter(|c| *c != '.' && *c != ',')
            .collect::<String>()
            .to_ascii_uppercase();
        let (found, rest) = match bare.as_str() {
            "BC" | "BCE" => (Some(Era::Before), String::new()),
            "AD" | "CE" => (Some(Era::Common), String::new()),
            _ => {
                let digits = bare.trim_end_matches(|c: char| c.is_ascii_alphabetic());
                let suffix = &bare[digits.len()..];
                let glued = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
                match suffix {
                    "BC" | "BCE" if glued => (Some(Era::Before), digits.to_owned()),
                    "AD" | "CE" if glued => (Some(Era::Common), digits.to_owned()),
                    _ => (None, token.to_owned()),
                }
            }
        };
        if let Some(found) = found {
            if era.is_some() {
                return Err(format!("two era markers in {text:?}"));
            }
            era = Some(found);
        }
        if !rest.is_empty() {
            kept.push(rest);
        }
    }
    Ok((kept.join(" "), era))
}

/// Applies an era to a year as written; `signed` says a sign was written.
fn apply_era(year: i64, era: Option<Era>, signed: bool, text: &str) -> Result<i64, String> {
    match era {
        Some(_) if signed => Err(format!(
            "{text:?} has both a sign and an era: write -43 or 44 BC"
        )),
        Some(_) if year == 0 => Err(format!(
            "{text:?}: there is no year 0 in BC/AD counting (1 BC is followed by AD 1)"
        )),
        Some(Era::Before) => Ok(1 - year),
        None | Some(Era::Common) => Ok(year),
    }
}

/// `HH:MM[:SS[.fff]]` with optional `AM`/`PM` and offset (`Z`, `UTC`,
/// `GMT`, `±HH:MM`, `±HHMM`, `±HH`), as the parts of a time.
fn parse_time(text: &str) -> Result<TimeParts, String> {
    let text = text.trim();
    let bad = || format!("cannot read {text:?} as a time: expected HH:MM, HH:MM:SS or 2:30 PM");
    let clock_len = text
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(text.len());
    let (clock, rest) = text.split_at(clock_len);
    let mut parts = clock.split(':');
    let hour_text = parts.next().unwrap_or_default();
    let minute_text = parts.next().ok_or_else(bad)?;
    let second_text = parts.next();
    if parts.next().is_some()
        || hour_text.is_empty()
        || hour_text.len() > 2
        || minute_text.len() != 2
        || !hour_text.bytes().all(|b| b.is_ascii_digit())
        || !minute_text.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    let mut hour = small_number(hour_text).ok_or_else(bad)?;
    let mut rest = rest.trim();
    let lower = rest.to_ascii_lowercase();
    let meridiem = ["am", "a.m.", "a.m", "pm", "p.m.", "p.m"]
        .iter()
        .find(|m| lower.starts_with(*m));
    if let Some(m) = meridiem {
        if !(1..=12).contains(&hour) {
            return Err(format!(
                "{text:?}: hour {hour} does not go with {}",
                m.to_ascii_uppercase()
            ));
        }
        let pm = m.starts_with('p');
        hour = match (hour, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
        rest = rest[m.len()..].trim();
    }
    let mut time = TimeParts {
        hour,
        minute: small_number(minute_text).ok_or_else(bad)?,
        ..TimeParts::default()
    };
    if let Some(seconds) = second_text {
        let (whole, fraction) = seconds.split_once('.').unwrap_or((seconds, ""));
        if whole.len() != 2 || seconds.ends_with('.') || fraction.len() > 9 {
            return Err(bad());
        }
        time.second = Some(small_number(whole).ok_or_else(bad)?);
        if !fraction.is_empty() {
            let digits = u32::try_from(fraction.len()).unwrap_or(9);
            time.nanosecond = small_number(fraction).ok_or_else(bad)? * 10_u32.pow(9 - digits);
        }
    }
    time.offset_minutes = match rest.to_ascii_uppercase().as_str() {
        "" => None,
        "Z" | "UTC" | "GMT" => Some(0),
        _ => Some(offset_minutes(rest).ok_or_else(bad)?),
    };
    Ok(time)
}

/// `+09:00`, `-0530`, `+02` as minutes east of UTC.
fn offset_minutes(text: &str) -> Option<i32> {
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = text[1..].chars().filter(|&c| c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let colons = text[1..].matches(':').count();
    let (hours, minutes) = match (digits.len(), colons) {
        (2, 0) => (&digits[..2], "0"),
        (4, 0) if !text.contains(':') => (&digits[..2], &digits[2..]),
        (4, 1) if text.get(3..4) == Some(":") => (&digits[..2], &digits[2..]),
        _ => return None,
    };
    let (hours, minutes) = (small_number(hours)?, small_number(minutes)?);
    if minutes > 59 {
        return None;
    }
    Some(sign * i32::try_from(hours * 60 + minutes).ok()?)
}

/// The pieces of an all-numeric date (`19/06/2024` becomes 19, 06, 2024), split
/// at one kind of separator (`/`, `-` or `.`).
fn numeric_pieces(text: &str) -> Option<Vec<&str>> {
    let sep = text.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(sep, '/' | '-' | '.') {
        return None;
    }
    let pieces: Vec<&str> = text.split(sep).collect();
    pieces
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        .then_some(pieces)
}

/// The value of 1–9 ASCII digits.
fn small_number(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 9 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// The date of these parts, checked as [`Date::parse`] checks text.
fn build(
    year: i64,
    month: Option<u32>,
    day: Option<u32>,
    time: Option<TimeParts>,
) -> Result<Date, String> {
    if time.is_some() && day.is_none() {
        return Err("a time needs a full date (year, month and day)".to_owned());
    }
    Date::from_parts(DateParts {
        year,
        month,
        day: day.filter(|_| month.is_some()),
        time,
    })
    .map_err(|e| e.reason)
}

/// `1984`, `-499`, `2024/06`, `06/2024`, `2024-6-9`, `19.06.2024`, `6/19/2024`.
fn numeric(
    date_part: &str,
    era: Option<Era>,
    time: Option<TimeParts>,
    order: DayMonthOrder,
    original: &str,
) -> Result<LooseDate, String> {
    let plain = |date| Ok(LooseDate { date, note: None });
    let unreadable = || format!("cannot read {original:?} as a date: {EXPECTED}");
    let year_of = |digits: &str, signed: bool| -> Result<i64, String> {
        let value = small_number(digits).ok_or_else(unreadable)?;
        let value = i64::from(value);
        apply_era(if signed { -value } else { value }, era, signed, original)
    };
    // A bare year, possibly signed.
    let (signed, unsigned) = match date_part.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, date_part.strip_prefix('+').unwrap_or(date_part)),
    };
    if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        return plain(build(year_of(unsigned, signed)?, None, None, time)?);
    }
    let pieces = numeric_pieces(date_part).ok_or_else(unreadable)?;
    let number = |p: &str| -> Result<u32, String> {
        if p.len() > 2 {
            return Err(unreadable());
        }
        small_number(p).ok_or_else(unreadable)
    };
    match pieces.as_slice() {
        [y, m] if y.len() >= 3 => plain(build(year_of(y, false)?, Some(number(m)?), None, time)?),
        [m, y] if y.len() >= 3 => plain(build(year_of(y, false)?, Some(number(m)?), None, time)?),
        [y, m, d] if y.len() >= 3 => plain(build(
            year_of(y, false)?,
            Some(number(m)?),
            Some(number(d)?),
            time,
        )?),
        [a_text, b_text, y] if y.len() >= 3 => {
            let (a, b) = (number(a_text)?, number(b_text)?);
            let year = year_of(y, false)?;
            let ambiguous = a <= 12 && b <= 12 && a != b;
            let (day, month, chosen) = if a > 12 && b > 12 {
                return Err(format!(
                    "cannot read {original:?} as a date: neither {a} nor {b} can be a month"
                ));
            } else if a > 12 {
                (a, b, None)
            } else if b > 12 || !ambiguous {
                (b, a, None)
            } else {
                match order {
                    DayMonthOrder::Ask => {
                        return Err(format!(
                            "ambiguous: {date_part} could be {a} {} or {} {b}; choose day or month first",
                            month_title(b),
                            month_title(a),
                        ));
                    }
                    DayMonthOrder::DayFirst => (a, b, Some("day first")),
                    DayMonthOrder::MonthFirst => (b, a, Some("month first")),
                }
            };
            let date = build(year, Some(month), Some(day), time)?;
            let note = chosen.map(|how| {
                format!(
                    "read {date_part} as {day} {} {} ({how})",
                    month_title(month),
                    crate::calendar::year_label(year)
                )
            });
            Ok(LooseDate { date, note })
        }
        [_, _, y] if y.len() <= 2 => Err(format!(
            "cannot read {original:?} as a date: a two-digit year ({y}) could be any century; write the year in full"
        )),
        _ => Err(unreadable()),
    }
}

fn month_title(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| crate::calendar::MONTH_NAMES.get(i as usize))
        .copied()
        .unwrap_or("?")
}

/// The month number of an English month name or its abbreviation.
fn month_number(word: &str) -> Option<u32> {
    let lower = word.trim().trim_end_matches('.').to_ascii_lowercase();
    if lower == "sept" {
        return Some(9);
    }
    crate::calendar::MONTH_NAMES
        .iter()
        .map(|m| m.to_ascii_lowercase())
        .position(|m| m == lower || (lower.len() == 3 && m.starts_with(lower.as_str())))
        .map(|i| i as u32 + 1)
}

fn is_weekday(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    lower.len() >= 3
        && WEEKDAYS
            .iter()
            .any(|d| *d == lower || d.starts_with(lower.as_str()) && lower.len() <= 5)
}

/// `19 June 2024`, `June 19, 2024`, `Jun 2024`, `Wed 19 June 2024`,
/// `19-Jun-2024`, `15 March 44 BC`.
fn textual(
    date_part: &str,
    era: Option<Era>,
    time: Option<TimeParts>,
    original: &str,
) -> Result<Date, String> {
    let mut month = None;
    let mut numbers: Vec<&str> = Vec::new();
    for piece in date_part
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '-' | '/'))
        .filter(|p| !p.is_empty())
    {
        if let Some(m) = month_number(piece) {
            if month.is_some() {
                return Err(format!("two months in {original:?}"));
            }
            month = Some(m);
        } else if piece.starts_with(|c: char| c.is_ascii_digit()) {
            let digits = piece.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = piece[digits.len()..].to_ascii_lowercase();
            if !digits.bytes().all(|b| b.is_ascii_digit())
                || !matches!(suffix.as_str(), "" | "st" | "nd" | "rd" | "th")
            {
                return Err(format!("cannot read {piece:?} in {original:?}: {EXPECTED}"));
            }
            numbers.push(digits);
        } else if !is_weekday(piece)
            && !matches!(piece.to_ascii_lowercase().as_str(), "the" | "of" | "on")
        {
            // Weekdays and filler words are skipped; anything else is not a date.
            return Err(format!(
                "cannot read {piece:?} in {original:?}: expected an English month name, {EXPECTED}"
            ));
        }
    }
    let Some(month) = month else {
        return Err(format!("cannot read {original:?} as a date: {EXPECTED}"));
    };
    let year_of = |digits: &str| -> Result<i64, String> {
        let value =
            small_number(digits).ok_or_else(|| format!("cannot read the year in {original:?}"))?;
        apply_era(i64::from(value), era, false, original)
    };
    let day_of = |digits: &str| -> Result<u32, String> {
        if digits.len() > 2 {
            return Err(format!("cannot read {digits:?} as a day in {original:?}"));
        }
        small_number(digits).ok_or_else(|| format!("cannot read the day in {original:?}"))
    };
    let short_year = |y: &str| {
        format!(
            "cannot read {original:?} as a date: {y} could be a day or a year; write the year in full"
        )
    };
    match numbers.as_slice() {
        [y] if y.len() >= 3 || era.is_some() => build(year_of(y)?, Some(month), None, time),
        [y, d] if y.len() >= 3 => build(year_of(y)?, Some(month), Some(day_of(d)?), time),
        [d, y] if y.len() >= 3 || era.is_some() => {
            build(year_of(y)?, Some(month), Some(day_of(d)?), time)
        }
        [y] | [_, y] => Err(short_year(y)),
        [] => Err(format!(
            "cannot read {original:?} as a date: a month needs a year"
        )),
        _ => Err(format!(
            "cannot read {original:?} as a date: too many numbers"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Precision;

    fn read(text: &str) -> Date {
        match parse_loose(text, DayMonthOrder::Ask) {
            Ok(d) => {
                assert_eq!(d.note, None, "{text}");
                d.date
            }
            Err(e) => panic!("{text:?}: {e}"),
        }
    }

    fn edtf(text: &str) -> String {
        read(text).to_edtf()
    }

    fn reason(text: &str, order: DayMonthOrder) -> String {
        match parse_loose(text, order) {
            Ok(d) => panic!("{text:?} should fail, read {}", d.date),
            Err(e) => e,
        }
    }

    #[test]
    fn regression_an_offset_with_a_letter_of_several_bytes_panicked() {
        // Found by fuzzing: `-4€` has four bytes, which were cut as digits.
        for time in ["08:00-4€", "08:00+€€", "08:00-4é", "08:00+0€:00"] {
            assert!(at_time(&read("2005-01-02"), time).is_err(), "{time}");
        }
        assert_eq!(
            at_time(&read("2005-01-02"), "08:00-0430")
                .unwrap()
                .to_edtf(),
            "2005-01-02T08:00-04:30"
        );
    }

    #[test]
    fn a_time_joins_a_whole_day() {
        let at = |date: &str, time: &str| at_time(&read(date), time).map(|d| d.to_edtf());
        assert_eq!(at("2022-02-24", "14:30").as_deref(), Ok("2022-02-24T14:30"));
        assert_eq!(
            at("24 Feb 2022", "2:30:05 pm Z").as_deref(),
            Ok("2022-02-24T14:30:05Z")
        );
        assert_eq!(
            at("2022-02-24 00:00:00", "09:15").as_deref(),
            Ok("2022-02-24T09:15")
        );
        assert!(at_time(&read("2022-02-24~"), "09:15").is_ok_and(|d| d.approximate));
        assert_eq!(
            at("2022-02-24 10:00", "09:15"),
            Err("2022-02-24T10:00 has a time already".to_owned())
        );
        assert!(at("2022", "09:15").is_err());
        assert!(at("2022-02-24", "9h15").is_err());
    }

    #[test]
    fn edtf_and_iso_pass_through() {
        assert_eq!(edtf("2024-06-19T14:30:00Z"), "2024-06-19T14:30:00Z");
        assert_eq!(edtf("2024-06-19"), "2024-06-19");
        assert_eq!(edtf(" 2024-06 "), "2024-06");
        assert_eq!(read("2024-06").precision, Precision::Month);
        assert_eq!(edtf("-0499"), "-0499");
        assert_eq!(edtf("2024-06-19T14:30+09:00"), "2024-06-19T14:30+09:00");
        assert_eq!(edtf("1850~"), "1850~");
    }

    #[test]
    fn iso_with_space_and_fractions() {
        assert_eq!(edtf("2024-06-19 14:30"), "2024-06-19T14:30");
        assert_eq!(edtf("2024-06-19 14:30:05"), "2024-06-19T14:30:05");
        assert_eq!(edtf("2024-06-19 14:30:05.250"), "2024-06-19T14:30:05.25");
        assert_eq!(read("2024-06-19 14:30").precision, Precision::Minute);
        assert_eq!(read("2024-06-19 14:30:05").precision, Precision::Second);
        assert_eq!(edtf("2024-06-19 9:05"), "2024-06-19T09:05");
    }

    #[test]
    fn slashes_and_unpadded_year_first() {
        assert_eq!(edtf("2024/06/19"), "2024-06-19");
        assert_eq!(edtf("2024/6/9"), "2024-06-09");
        assert_eq!(edtf("2024-6-9"), "2024-06-09");
        assert_eq!(edtf("2024.06.19"), "2024-06-19");
        assert_eq!(edtf("2024/06/19 14:30"), "2024-06-19T14:30");
        assert_eq!(edtf("2024/06/19T14:30Z"), "2024-06-19T14:30Z");
        assert_eq!(edtf("2024/06"), "2024-06");
        assert_eq!(edtf("2024-6"), "2024-06");
        assert_eq!(edtf("06/2024"), "2024-06");
    }

    #[test]
    fn bare_years() {
        let d = read("1984");
        assert_eq!(d.precision, Precision::Year);
        assert_eq!(d.year, 1984);
        assert_eq!(read("800").year, 800);
        assert_eq!(read("-499").year, -499);
        assert_eq!(read("+1984").year, 1984);
    }

    #[test]
    fn eras() {
        let d = read("44 BC");
        assert_eq!((d.year, d.precision), (-43, Precision::Year));
        assert_eq!(read("500 BCE").year, -499);
        assert_eq!(read("1 BC").year, 0);
        assert_eq!(read("500 B.C.").year, -499);
        assert_eq!(read("44BC").year, -43);
        assert_eq!(read("AD 800").year, 800);
        assert_eq!(read("800 AD").year, 800);
        assert_eq!(read("800 ce").year, 800);
        assert_eq!(edtf("15 March 44 BC"), "-0043-03-15");
        assert_eq!(edtf("March 44 BC"), "-0043-03");
        assert!(reason("0 BC", DayMonthOrder::Ask).contains("no year 0"));
        assert!(reason("-44 BC", DayMonthOrder::Ask).contains("both a sign and an era"));
        assert!(reason("44 BC AD", DayMonthOrder::Ask).contains("two era"));
    }

    #[test]
    fn parse_year_reads_signs_and_eras() {
        assert_eq!(parse_year("1984"), Ok(1984));
        assert_eq!(parse_year(" -500 "), Ok(-500));
        assert_eq!(parse_year("44 BC"), Ok(-43));
        assert!(parse_year("").is_err());
        assert!(parse_year("19x4").is_err());
        assert!(parse_year("1234567890").is_err());
    }

    #[test]
    fn numeric_day_month_unambiguous() {
        assert_eq!(edtf("25/03/2024"), "2024-03-25");
        assert_eq!(edtf("03/25/2024"), "2024-03-25");
        assert_eq!(edtf("3/25/2024"), "2024-03-25");
        assert_eq!(edtf("25.03.2024"), "2024-03-25");
        assert_eq!(edtf("25-03-2024"), "2024-03-25");
        // Same day and month: no choice to make.
        assert_eq!(edtf("03/03/2024"), "2024-03-03");
        assert_eq!(edtf("25/03/2024 14:30"), "2024-03-25T14:30");
        assert_eq!(edtf("3/25/2024 2:30 PM"), "2024-03-25T14:30");
        assert_eq!(edtf("3/25/2024 12:05 am"), "2024-03-25T00:05");
        assert_eq!(edtf("3/25/2024 12:05 p.m."), "2024-03-25T12:05");
        assert_eq!(edtf("25.03.2024 14:30:15 UTC"), "2024-03-25T14:30:15Z");
        assert_eq!(edtf("25.03.2024 14:30 +01:00"), "2024-03-25T14:30+01:00");
        // Unambiguous readings get no note even when an order was chosen.
        let d = parse_loose("25/03/2024", DayMonthOrder::MonthFirst);
        assert_eq!(
            d.map(|d| (d.date.to_edtf(), d.note)),
            Ok(("2024-03-25".into(), None))
        );
    }

    #[test]
    fn numeric_day_month_ambiguous() {
        assert_eq!(
            reason("03/04/2024", DayMonthOrder::Ask),
            "ambiguous: 03/04/2024 could be 3 April or March 4; choose day or month first"
        );
        assert!(reason("3.4.2024 10:00", DayMonthOrder::Ask).starts_with("ambiguous: 3.4.2024"));
        let month_first = parse_loose("03/04/2024", DayMonthOrder::MonthFirst);
        assert_eq!(
            month_first,
            Ok(LooseDate {
                date: Date::parse("2024-03-04").unwrap(),
                note: Some("read 03/04/2024 as 4 March 2024 (month first)".into()),
            })
        );
        let day_first = parse_loose("03/04/2024 14:30", DayMonthOrder::DayFirst).unwrap();
        assert_eq!(day_first.date.to_edtf(), "2024-04-03T14:30");
        assert_eq!(
            day_first.note.as_deref(),
            Some("read 03/04/2024 as 3 April 2024 (day first)")
        );
    }

    #[test]
    fn evident_order_reports_what_a_date_shows() {
        assert_eq!(evident_order("25/03/2024"), Some(DayMonthOrder::DayFirst));
        assert_eq!(
            evident_order("03/25/2024 10:00"),
            Some(DayMonthOrder::MonthFirst)
        );
        assert_eq!(evident_order("03/04/2024"), None);
        assert_eq!(evident_order("2024/03/25"), None);
        assert_eq!(evident_order("March 2024"), None);
    }

    #[test]
    fn month_names() {
        assert_eq!(edtf("19 June 2024"), "2024-06-19");
        assert_eq!(edtf("19 jun 2024"), "2024-06-19");
        assert_eq!(edtf("June 19, 2024"), "2024-06-19");
        assert_eq!(edtf("JUNE 19 2024"), "2024-06-19");
        assert_eq!(edtf("Jun 2024"), "2024-06");
        assert_eq!(read("Jun 2024").precision, Precision::Month);
        assert_eq!(edtf("September 1939"), "1939-09");
        assert_eq!(edtf("Sept. 1, 1939"), "1939-09-01");
        assert_eq!(edtf("19-Jun-2024"), "2024-06-19");
        assert_eq!(edtf("Wed 19 June 2024"), "2024-06-19");
        assert_eq!(edtf("Wednesday, June 19th, 2024"), "2024-06-19");
        assert_eq!(edtf("Thurs 20 June 2024"), "2024-06-20");
        assert_eq!(edtf("the 1st of May 1886"), "1886-05-01");
        assert_eq!(edtf("2024 June 19"), "2024-06-19");
        assert_eq!(edtf("19 June 2024 14:30"), "2024-06-19T14:30");
        assert_eq!(edtf("June 19, 2024 at 2:30 PM"), "2024-06-19T14:30");
        assert_eq!(edtf("Wed 19 June 2024, 14:30"), "2024-06-19T14:30");
    }

    #[test]
    fn from_parts_builds_each_precision() {
        let ok = |y, m, d, t| from_parts(y, m, d, t).map(|d| d.to_edtf());
        assert_eq!(ok(1984, "", "", ""), Ok("1984".into()));
        assert_eq!(ok(1984, "4", "", ""), Ok("1984-04".into()));
        assert_eq!(ok(1984, "April", "9", ""), Ok("1984-04-09".into()));
        assert_eq!(ok(-499, "3", "15", "9:30"), Ok("-0499-03-15T09:30".into()));
        assert!(from_parts(1984, "", "9", "").is_err());
        assert!(from_parts(1984, "4", "", "10:00").is_err());
        assert!(from_parts(1984, "13", "", "").is_err());
        assert!(from_parts(1984, "2", "30", "").is_err());
        assert!(from_parts(1984, "2", "x", "").is_err());
    }

    #[test]
    fn bad_dates_say_why() {
        let cases = [
            ("", "empty"),
            ("   ", "empty"),
            ("1984-13-45", "month 13"),
            ("2023/02/29", "not a leap year"),
            ("31/04/2024", "out of range for April"),
            ("25/13/2024", "neither 25 nor 13"),
            ("03/04/24", "two-digit year"),
            ("June 19", "could be a day or a year"),
            ("June", "a month needs a year"),
            ("Juno 2024", "cannot read \"Juno\""),
            ("19 June 2024 25:00", "hour 25"),
            ("19 June 2024 2:30 xm", "as a time"),
            ("13:00 pm", "no date"),
            ("2024-06-19 13:00 PM", "does not go with PM"),
            ("yesterday", "expected a date"),
            ("1/2/3/2024", "expected a date"),
            ("2024/06-19", "expected a date"),
            ("19 June July 2024", "two months"),
            ("1 2 June 2024", "too many numbers"),
            ("19th June 20240000000", "year"),
            ("日本", "expected"),
        ];
        for (input, expected) in cases {
            let reason = reason(input, DayMonthOrder::DayFirst);
            assert!(
                reason.contains(expected),
                "{input:?}: {reason:?} should mention {expected:?}"
            );
        }
    }

    /// Garbage and truncations never panic.
    #[test]
    fn arbitrary_text_never_panics() {
        const PIECES: [&str; 24] = [
            "0", "1", "12", "31", "2024", "/", "-", ".", ":", " ", "T", "Z", "PM", "am", "June",
            "BC", "AD", ",", "é", "日", "+", "th", "Sept", "\u{feff}",
        ];
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut accepted = 0;
        for _ in 0..20_000 {
            let len = next() % 10;
            let text: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            for order in [DayMonthOrder::Ask, DayMonthOrder::DayFirst] {
                if let Ok(d) = parse_loose(&text, order) {
                    accepted += 1;
                    assert!(d.date.start_seconds() < d.date.end_seconds(), "{text:?}");
                }
                let _ = evident_order(&text);
                let _ = parse_year(&text);
                let _ = from_parts(2024, &text, &text, &text);
            }
        }
        assert!(accepted > 50, "{accepted}");
    }
}
