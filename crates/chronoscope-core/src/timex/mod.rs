//! Temporal expressions in English running text (a TIMEX3 tagger): every
//! date, time, duration and set a source's text gives, with its span, its
//! normalised TimeML value and, for relative ones ("last week", "in June",
//! "Wednesday"), the calendar date it stands for against the source's
//! publication date. News gives dates relative to when it was written;
//! this is what turns them into event dates.
//!
//! The text is cut into tokens once (`scan.rs`), rules read the longest
//! expression at each token (`scan.rs`, with the words of `lexicon.rs`),
//! the sentence's tense (`tense.rs`) chooses between a past and a coming
//! weekday or month, and `resolve.rs` puts the meaning on the calendar.
//! `timeml.rs` reads and writes TimeML documents, `score.rs` measures the
//! tagger against annotated ones (TempEval-3), `draft.rs` proposes events.
//! The rules are written for this project.

pub mod draft;
pub mod holiday;
pub mod lexicon;
mod phrases;
pub mod resolve;
pub mod scan;
pub mod score;
pub mod tense;
pub mod timeml;

use std::ops::Range;

use crate::calendar::{civil_from_days, days_from_civil, days_in_month};
use crate::model::{Date, DateParts, Precision, TimeParts};

pub use draft::{Proposal, propose};

/// The TIMEX3 type of an expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Date,
    Time,
    Duration,
    Set,
}

impl Kind {
    /// TimeML's name: "DATE", "TIME", "DURATION", "SET".
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Date => "DATE",
            Kind::Time => "TIME",
            Kind::Duration => "DURATION",
            Kind::Set => "SET",
        }
    }

    /// The kind TimeML's name gives.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Kind> {
        Some(match name {
            "DATE" => Kind::Date,
            "TIME" => Kind::Time,
            "DURATION" => Kind::Duration,
            "SET" => Kind::Set,
            _ => return None,
        })
    }
}

/// A temporal expression found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Timex {
    /// Byte range in the text.
    pub span: Range<usize>,
    pub kind: Kind,
    /// TIMEX3 value ("2024-10-16", "2024-W41", "P3D", `PAST_REF`); TimeML's
    /// "XXXX-06" style when a relative expression could not be resolved.
    pub value: String,
    /// TIMEX3 mod ("START", "MID", "END", "APPROX", "BEFORE", "AFTER", …).
    pub modifier: Option<String>,
    /// What a relative expression was resolved against; None for absolute ones.
    pub anchor: Option<Anchor>,
}

/// What a relative expression was resolved against.
#[derive(Clone, Debug, PartialEq)]
pub enum Anchor {
    Published(Date),
    /// The last absolute date mentioned before it, at this byte range.
    Mentioned(Range<usize>, Date),
}

/// How to read a text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options {
    pub published: Option<Date>,
    /// Narrative text without a publication date: resolve against the last
    /// absolute date mentioned.
    pub narrative: bool,
    /// Order of numeric dates like 10/03/2024 (`Ask` reads month first,
    /// unless a number above 12 says otherwise).
    pub day_month: crate::formats::DayMonthOrder,
}

/// A date's first day, as days since 1970-01-01.
fn day_of(date: &Date) -> i64 {
    let month = if date.precision >= Precision::Month {
        date.month
    } else {
        1
    };
    let day = if date.precision >= Precision::Day {
        date.day
    } else {
        1
    };
    days_from_civil(date.year, month, day)
}

/// The token ranges of the text's sentences, and each token's sentence.
fn sentences(text: &str, toks: &[scan::Tok<'_>]) -> (Vec<Range<usize>>, Vec<usize>) {
    let mut bounds = crate::passage::sentence_ends(text);
    bounds.extend(text.match_indices('\n').map(|(i, _)| i));
    bounds.sort_unstable();
    bounds.dedup();
    let mut ranges = Vec::new();
    let mut of = Vec::with_capacity(toks.len());
    let mut b = 0;
    let mut start = 0;
    for (k, t) in toks.iter().enumerate() {
        let mut moved = false;
        while b < bounds.len() && bounds[b] <= t.start {
            b += 1;
            moved = true;
        }
        if moved && k > start {
            ranges.push(start..k);
            start = k;
        }
        of.push(ranges.len());
    }
    ranges.push(start..toks.len());
    (ranges, of)
}

/// Every temporal expression of `text`, in order, not overlapping.
#[must_use]
pub fn tag(text: &str, options: &Options) -> Vec<Timex> {
    let toks = scan::tokens(text);
    let hits = scan::scan(&toks, options.day_month);
    let (ranges, sentence_of) = sentences(text, &toks);
    let mut mention: Option<(Range<usize>, Date)> = None;
    // The last date mentioned at any precision, for "that year".
    let mut named: Option<(Range<usize>, Date)> = None;
    // Sentences that speak of quarters.
    let mut quarterly = vec![false; ranges.len()];
    for (k, t) in toks.iter().enumerate() {
        if t.lower == "quarter" {
            quarterly[sentence_of[k]] = true;
        }
    }
    // A company's quarterly report: "a year ago" is the same quarter then.
    let report = quarterly.iter().filter(|&&q| q).count() >= 2;
    let mut out = Vec::with_capacity(hits.len());
    let mut joined_to: Option<(usize, tense::Tense)> = None;
    for hit in hits {
        let span = toks[hit.first].start..toks[hit.end - 1].end;
        let sentence = ranges[sentence_of[hit.first]].clone();
        let sentence_start = sentence.start;
        let mut tense = tense::tense_near(&toks, sentence, hit.first, hit.end);
        // "April 24 and 25": the second day is read as the first was.
        if let Some((end, first_tense)) = joined_to
            && hit.first == end + 1
            && matches!(toks[end].low(), "and" | "or")
        {
            tense = first_tense;
        }
        joined_to = Some((hit.end, tense));
        // "a year ago" in a company's report: the quarter a year before the last one.
        let raw = match hit.raw {
            scan::Raw::Shift {
                unit: lexicon::Unit::Year,
                n,
                ..
            } if n < 0 && quarterly[sentence_of[hit.first]]
                || (report
                    && toks
                        .get(hit.end - 1)
                        .is_some_and(|t| matches!(t.low(), "ago" | "earlier"))) =>
            {
                scan::Raw::Shift {
                    unit: lexicon::Unit::Quarter,
                    n: 4 * n - 1,
                    from_mention: false,
                }
            }
            raw => raw,
        };
        let absolute = raw.is_absolute();
        let from_mention = matches!(
            raw,
            scan::Raw::Shift {
                from_mention: true,
                ..
            }
        );
        let anchor = if absolute {
            None
        } else if let scan::Raw::That { unit } = raw {
            // "that year" refers back, never to the publication date.
            // A day of a month mentioned is a day of that month ("October
            // 1998 … that same day": 1998-10-XX).
            let needs = match unit {
                lexicon::Unit::Year => Precision::Year,
                lexicon::Unit::Month | lexicon::Unit::Day => Precision::Month,
                _ => Precision::Day,
            };
            let Some((at, date)) = named.as_ref().filter(|(_, date)| date.precision >= needs)
            else {
                // Nothing to refer back to: not a date the text gives.
                continue;
            };
            Some(Anchor::Mentioned(at.clone(), date.clone()))
        } else if let (true, Some((at, date))) = (from_mention, &mention) {
            Some(Anchor::Mentioned(at.clone(), date.clone()))
        } else if let Some(p) = &options.published {
            Some(Anchor::Published(p.clone()))
        } else if let (true, Some((at, date))) = (options.narrative, &mention) {
            Some(Anchor::Mentioned(at.clone(), date.clone()))
        } else {
            None
        };
        let mut anchor_day = anchor.as_ref().map(|a| match a {
            Anchor::Published(d) | Anchor::Mentioned(_, d) => day_of(d),
        });
        // A time of day without its day: the day the sentence named.
        if let (scan::Raw::Time { day: None, .. }, Some((at, date))) = (&raw, &mention)
            && at.start >= toks[sentence_start].start
            && anchor_day.is_some()
        {
            anchor_day = Some(day_of(date));
        }
        // A story told in order: a month after a date mentioned is in its year.
        let tense = match anchor {
            Some(Anchor::Mentioned(..)) => tense::Tense::Present,
            _ => tense,
        };
        let Some((kind, mut value)) = resolve::resolve(&raw, anchor_day, tense) else {
            continue;
        };
        if let (
            scan::Raw::That {
                unit: lexicon::Unit::Day,
            },
            Some(Anchor::Mentioned(_, date)),
        ) = (&raw, &anchor)
            && date.precision == Precision::Month
        {
            value = format!("{}-XX", &value[..value.len().min(7)]);
        }
        let mut modifier = hit.modifier.map(str::to_owned);
        if modifier.is_none() && matches!(kind, Kind::Date | Kind::Time) && hit.first > 0 {
            modifier = match toks[hit.first - 1].low() {
                "before" | "until" | "till" => Some("BEFORE".to_owned()),
                "after" | "since" => Some("AFTER".to_owned()),
                _ => None,
            };
        }
        let timex = Timex {
            span: span.clone(),
            kind,
            value,
            modifier,
            anchor,
        };
        let anchors = matches!(kind, Kind::Date | Kind::Time)
            && (absolute || options.published.is_some() || options.narrative);
        if anchors && let Some((start, _)) = timex.dates() {
            named = Some((span.clone(), start.clone()));
            if start.precision >= Precision::Day {
                mention = Some((span, start));
            }
        }
        out.push(timex);
    }
    out
}

/// The parts of a resolved value.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Value {
    Day(i64, u32, u32),
    Week(i64, u32, bool),
    Month(i64, u32),
    /// A span of months (quarter, half, season): first and last month.
    Months(i64, u32, i64, u32),
    Year(i64),
    /// First and last year (decade, century).
    Years(i64, i64),
}

fn parse_value(value: &str) -> Option<(Value, Option<&str>)> {
    if value.contains('X') || value.starts_with('P') || value.ends_with("_REF") {
        return None;
    }
    let (date, time) = match value.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (value, None),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let num = |s: &str| s.parse::<i64>().ok();
    let v = match parts.as_slice() {
        [y] if y.len() == 4 => Value::Year(num(y)?),
        [d] if d.len() == 3 => {
            let d = num(d)?;
            Value::Years(d * 10, d * 10 + 9)
        }
        [c] if c.len() == 2 => {
            let c = num(c)?;
            Value::Years(c * 100, c * 100 + 99)
        }
        [y, w] if w.starts_with('W') => Value::Week(num(y)?, w[1..].parse().ok()?, false),
        [y, w, we] if w.starts_with('W') && *we == "WE" => {
            Value::Week(num(y)?, w[1..].parse().ok()?, true)
        }
        [y, q] if q.starts_with('Q') => {
            let (y, q): (i64, u32) = (
                num(y)?,
                q[1..].parse().ok().filter(|q| (1..=4).contains(q))?,
            );
            Value::Months(y, q * 3 - 2, y, q * 3)
        }
        [y, h] if h.starts_with('H') => {
            let (y, h): (i64, u32) = (
                num(y)?,
                h[1..].parse().ok().filter(|h| (1..=2).contains(h))?,
            );
            Value::Months(y, h * 6 - 5, y, h * 6)
        }
        [y, s] if matches!(*s, "SP" | "SU" | "FA" | "WI") => {
            let y = num(y)?;
            match *s {
                "SP" => Value::Months(y, 3, y, 5),
                "SU" => Value::Months(y, 6, y, 8),
                "FA" => Value::Months(y, 9, y, 11),
                _ => Value::Months(y, 12, y + 1, 2),
            }
        }
        [y, m] => Value::Month(num(y)?, m.parse().ok()?),
        [y, m, d] => Value::Day(num(y)?, m.parse().ok()?, d.parse().ok()?),
        _ => return None,
    };
    Some((v, time))
}

fn day_date(y: i64, m: u32, d: u32) -> Option<Date> {
    Date::from_parts(DateParts::day(y, m, d)).ok()
}

fn month_date(y: i64, m: u32) -> Option<Date> {
    Date::from_parts(DateParts {
        year: y,
        month: Some(m),
        ..DateParts::default()
    })
    .ok()
}

fn year_date(y: i64) -> Option<Date> {
    Date::from_parts(DateParts::year(y)).ok()
}

fn from_days(days: i64) -> Option<Date> {
    let (y, m, d) = civil_from_days(days);
    day_date(y, m, d)
}

impl Timex {
    /// The span it stands for as Chronoscope dates (start, end): end None
    /// when the start's precision says it all; a week → (Monday, Sunday) at
    /// day precision; "early October 2024" → (2024-10-01~, 2024-10-10~); a
    /// quarter → (2024-07, 2024-09). None for durations, sets,
    /// `PAST_REF`/`PRESENT_REF`/`FUTURE_REF` and unresolved values.
    #[must_use]
    pub fn dates(&self) -> Option<(Date, Option<Date>)> {
        if matches!(self.kind, Kind::Duration | Kind::Set) {
            return None;
        }
        let (value, time) = parse_value(&self.value)?;
        let part = self
            .modifier
            .as_deref()
            .filter(|m| matches!(*m, "START" | "MID" | "END"));
        let third = |first: u32, last: u32| -> (u32, u32) {
            let len = last - first + 1;
            match part {
                Some("START") => (first, first + len / 3 - 1),
                Some("MID") => (first + len / 3, first + 2 * len / 3 - 1),
                Some("END") => (first + 2 * len / 3, last),
                _ => (first, last),
            }
        };
        let (mut start, mut end) = match value {
            Value::Day(y, m, d) => {
                if d > days_in_month(y, m) || !(1..=12).contains(&m) {
                    return None;
                }
                let start = match time.and_then(clock) {
                    Some((hour, minute)) => Date::from_parts(DateParts {
                        time: Some(TimeParts {
                            hour,
                            minute,
                            ..TimeParts::default()
                        }),
                        ..DateParts::day(y, m, d)
                    })
                    .ok()?,
                    None => day_date(y, m, d)?,
                };
                (start, None)
            }
            Value::Week(y, w, weekend) => {
                if !(1..=53).contains(&w) {
                    return None;
                }
                let monday = resolve::iso_week_monday(y, w);
                let first = if weekend { monday + 5 } else { monday };
                (from_days(first)?, Some(from_days(monday + 6)?))
            }
            Value::Month(y, m) => {
                if !(1..=12).contains(&m) {
                    return None;
                }
                if part.is_some() {
                    let (a, b) = third(1, 30);
                    let b = if part == Some("END") {
                        days_in_month(y, m)
                    } else {
                        b
                    };
                    (day_date(y, m, a)?, Some(day_date(y, m, b)?))
                } else {
                    (month_date(y, m)?, None)
                }
            }
            Value::Months(y1, m1, y2, m2) => (month_date(y1, m1)?, Some(month_date(y2, m2)?)),
            Value::Year(y) => {
                if part.is_some() {
                    let (a, b) = third(1, 12);
                    (month_date(y, a)?, Some(month_date(y, b)?))
                } else {
                    (year_date(y)?, None)
                }
            }
            Value::Years(a, b) => {
                let (a, b) = if part.is_some() {
                    let (x, y) = third(0, (b - a) as u32);
                    (a + i64::from(x), a + i64::from(y))
                } else {
                    (a, b)
                };
                (year_date(a)?, Some(year_date(b)?))
            }
        };
        let approximate = part.is_some()
            || matches!(self.modifier.as_deref(), Some("APPROX"))
            || matches!(value, Value::Months(_, m, _, _) if m == 12 || (m % 3 == 0 && !matches!(self.value.as_bytes().get(5), Some(b'Q' | b'H'))));
        if approximate {
            start.approximate = true;
            if let Some(e) = end.as_mut() {
                e.approximate = true;
            }
        }
        Some((start, end))
    }

    /// For people: "week of Mon 7 October 2024", "early October 2024",
    /// "Wed 16 October 2024", "3 days", "every Monday".
    #[must_use]
    pub fn describe(&self) -> String {
        match self.kind {
            Kind::Duration => return describe_duration(&self.value),
            Kind::Set => return describe_set(&self.value),
            Kind::Date | Kind::Time => {}
        }
        match self.value.as_str() {
            "PAST_REF" => return "the past".to_owned(),
            "PRESENT_REF" => return "now".to_owned(),
            "FUTURE_REF" => return "the future".to_owned(),
            _ => {}
        }
        let Some((value, time)) = parse_value(&self.value) else {
            return describe_unresolved(&self.value);
        };
        let Some((start, end)) = self.dates() else {
            return self.value.clone();
        };
        let word = match self.modifier.as_deref() {
            Some("START") => "early ",
            Some("MID") => "mid-",
            Some("END") => "late ",
            Some("APPROX") => "about ",
            Some("BEFORE") => "before ",
            Some("AFTER") => "after ",
            _ => "",
        };
        let plain = |d: &Date| {
            let mut d = d.clone();
            d.approximate = false;
            d.human()
        };
        let core = match value {
            Value::Week(_, _, false) => format!("week of {}", plain(&start)),
            Value::Week(_, _, true) => format!("weekend of {}", plain(&start)),
            Value::Month(y, m) => plain(&month_date(y, m).unwrap_or(start.clone())),
            Value::Year(y) => plain(&year_date(y).unwrap_or(start.clone())),
            Value::Years(a, b) if b - a == 9 => format!("the {a}s"),
            Value::Years(a, _) => format!("the {a}s"),
            Value::Months(y, _, _, _) => {
                let code = self.value.rsplit('-').next().unwrap_or("");
                let name = match code {
                    "SP" => "spring".to_owned(),
                    "SU" => "summer".to_owned(),
                    "FA" => "autumn".to_owned(),
                    "WI" => "winter".to_owned(),
                    other => other.to_owned(),
                };
                format!("{name} {y}")
            }
            Value::Day(..) => {
                let base = plain(&start);
                match time {
                    Some("MO") => format!("{base}, morning"),
                    Some("AF") => format!("{base}, afternoon"),
                    Some("EV") => format!("{base}, evening"),
                    Some("NI") => format!("{base}, night"),
                    _ => base,
                }
            }
        };
        let _ = end;
        format!("{word}{core}")
    }
}

/// "14:30" → (14, 30); "24:00" and parts of the day → None.
fn clock(time: &str) -> Option<(u32, u32)> {
    let (h, m) = time.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.get(..2)?.parse().ok()?);
    (h < 24 && m < 60).then_some((h, m))
}

/// A duration's amount and unit name from "P3D", "PT5H", "P1DE".
fn duration_parts(value: &str) -> Option<(String, &'static str)> {
    let body = value.strip_prefix('P')?;
    let (body, time) = match body.strip_prefix('T') {
        Some(b) => (b, true),
        None => (body, false),
    };
    let split = body.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == 'X'))?;
    let (amount, unit) = body.split_at(split);
    let name = match (unit, time) {
        ("S", true) => "second",
        ("M", true) => "minute",
        ("H", true) => "hour",
        ("D", false) => "day",
        ("W", false) => "week",
        ("WE", false) => "weekend",
        ("M", false) => "month",
        ("Q", false) => "quarter",
        ("Y", false) => "year",
        ("DE", false) => "decade",
        ("CE", false) => "century",
        _ => return None,
    };
    Some((amount.to_owned(), name))
}

fn plural(name: &str) -> String {
    if name == "century" {
        "centuries".to_owned()
    } else {
        format!("{name}s")
    }
}

fn describe_duration(value: &str) -> String {
    match duration_parts(value) {
        Some((amount, name)) if amount == "X" => format!("some {}", plural(name)),
        Some((amount, name)) if amount == "1" => format!("1 {name}"),
        Some((amount, name)) => format!("{amount} {}", plural(name)),
        None => value.to_owned(),
    }
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// English month names (the calendar's).
const MONTHS: [&str; 12] = crate::calendar::MONTH_NAMES;

fn describe_set(value: &str) -> String {
    if let Some(d) = value.strip_prefix("XXXX-WXX-")
        && let Ok(d) = d.parse::<usize>()
        && let Some(name) = WEEKDAYS.get(d.wrapping_sub(1))
    {
        return format!("every {name}");
    }
    if let Some(part) = value.strip_prefix("XXXX-XX-XXT") {
        let name = match part {
            "MO" => "morning",
            "AF" => "afternoon",
            "EV" => "evening",
            _ => "night",
        };
        return format!("every {name}");
    }
    match duration_parts(value) {
        Some((amount, name)) if amount == "1" => format!("every {name}"),
        Some((amount, name)) => format!("every {amount} {}", plural(name)),
        None => value.to_owned(),
    }
}

fn describe_unresolved(value: &str) -> String {
    if let Some(d) = value.strip_prefix("XXXX-WXX-")
        && let Ok(d) = d.parse::<usize>()
        && let Some(name) = WEEKDAYS.get(d.wrapping_sub(1))
    {
        return format!("a {name} (date unknown)");
    }
    if let Some(m) = value.strip_prefix("XXXX-")
        && m.len() == 2
        && let Ok(m) = m.parse::<usize>()
        && let Some(name) = MONTHS.get(m.wrapping_sub(1))
    {
        return format!("{name} (year unknown)");
    }
    format!("{value} (unresolved)")
}

#[cfg(test)]
mod tests;
