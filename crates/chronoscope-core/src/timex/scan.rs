//! Finding temporal expressions: the text cut into words, numbers and
//! marks once, then, at each word, the longest expression the rules read
//! there, as a [`Raw`] meaning not yet tied to a calendar (`resolve.rs`
//! does that against an anchor). One pass, each rule looking at most a few
//! tokens ahead: linear in the text.

use std::borrow::Cow;

use super::Kind;
use super::holiday::Holiday;
use super::lexicon::{self, Unit};
use crate::formats::DayMonthOrder;

/// A word, number or mark of the text.
#[derive(Clone, Debug)]
pub struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    /// The text in lower case, borrowed when it already is.
    pub lower: Cow<'a, str>,
    pub kind: TokKind,
}

impl Tok<'_> {
    /// The text in lower case.
    #[must_use]
    pub fn low(&self) -> &str {
        &self.lower
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Num,
    Mark,
}

/// The text's tokens: runs of letters, runs of ASCII digits, and every
/// other character that is not white space on its own.
#[must_use]
pub fn tokens(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        if c.is_whitespace() {
            continue;
        }
        let kind = if c.is_ascii_digit() {
            TokKind::Num
        } else if c.is_alphabetic() {
            TokKind::Word
        } else {
            TokKind::Mark
        };
        let mut end = start + c.len_utf8();
        if kind != TokKind::Mark {
            while let Some(&(i, d)) = iter.peek() {
                let same = match kind {
                    TokKind::Num => d.is_ascii_digit(),
                    _ => d.is_alphabetic(),
                };
                if !same {
                    break;
                }
                end = i + d.len_utf8();
                iter.next();
            }
        }
        let piece = &text[start..end];
        out.push(Tok {
            start,
            end,
            text: piece,
            lower: if piece.chars().any(char::is_uppercase) {
                Cow::Owned(piece.to_lowercase())
            } else {
                Cow::Borrowed(piece)
            },
            kind,
        });
    }
    out
}

/// What an expression means before it is put on the calendar.
#[derive(Clone, Debug, PartialEq)]
pub enum Raw {
    /// A value that needs no anchor: a duration, set, `PRESENT_REF`, a decade.
    Fixed(Kind, String),
    Year(i64),
    Day {
        year: Option<i64>,
        month: u32,
        day: u32,
    },
    Month {
        year: Option<i64>,
        month: u32,
    },
    Season {
        year: Option<i64>,
        season: &'static str,
    },
    /// A quarter (`half` false, 1–4) or half year (`half` true, 1–2).
    Quarter {
        year: Option<i64>,
        n: u32,
        half: bool,
    },
    Weekday(u32),
    /// The anchor moved by `n` units, at the unit's precision ("last week",
    /// "three days ago", "the following day" with `from_mention`).
    Shift {
        unit: Unit,
        n: i64,
        from_mention: bool,
    },
    /// "last Friday" (-1), "this Friday" (0), "next Friday" (1).
    WeekdayShift {
        weekday: u32,
        n: i64,
    },
    /// "last June", "next March".
    MonthShift {
        month: u32,
        n: i64,
    },
    SeasonShift {
        season: &'static str,
        n: i64,
    },
    /// A time of day, on a day if one is written.
    Time {
        day: Option<Box<Raw>>,
        hour: u32,
        minute: u32,
    },
    /// "the weekend": the last one, or the one under way.
    Weekend,
    /// A day or month in the year `n` years from the anchor's.
    InYear {
        inner: Box<Raw>,
        n: i64,
    },
    /// "this morning", "Friday night", "tonight".
    PartOfDay {
        day: Box<Raw>,
        part: &'static str,
    },
    /// The day, week, month or year of the date last mentioned ("that
    /// day", "later that year").
    That {
        unit: Unit,
    },
    /// "the 1988 quarter", "the 1989 period" in a company's report: the
    /// quarter reported on, in that year.
    ReportedQuarter {
        year: i64,
    },
    /// "the week of March 6": the week a day is in.
    WeekOf(Box<Raw>),
    /// A named day: "Thanksgiving", "Christmas 2023", "last Easter"
    /// (`shift` -1), "Easter week" (`week`).
    Holiday {
        holiday: Holiday,
        year: Option<i64>,
        shift: Option<i64>,
        week: bool,
    },
}

impl Raw {
    /// Whether the value needs no anchor.
    #[must_use]
    pub fn is_absolute(&self) -> bool {
        match self {
            Raw::Fixed(..) | Raw::Year(_) => true,
            Raw::Day { year, .. }
            | Raw::Month { year, .. }
            | Raw::Season { year, .. }
            | Raw::Quarter { year, .. }
            | Raw::Holiday { year, .. } => year.is_some(),
            Raw::Time { day, .. } => day.as_deref().is_some_and(Raw::is_absolute),
            Raw::PartOfDay { day, .. } => day.is_absolute(),
            _ => false,
        }
    }
}

/// An expression found: tokens `first..end` (exclusive), its meaning and mod.
#[derive(Clone, Debug)]
pub struct Hit {
    pub first: usize,
    pub end: usize,
    pub raw: Raw,
    pub modifier: Option<&'static str>,
}

/// A vague number of units ("several years", "a few weeks ago") ending
/// at token `k`: a duration, or some time back when "ago" follows.
fn vague_units(k: usize, unit: Unit, ago: bool) -> (usize, Raw) {
    if ago {
        (k + 2, Raw::Fixed(Kind::Date, "PAST_REF".into()))
    } else {
        (k + 1, Raw::Fixed(Kind::Duration, unit.duration(None)))
    }
}

/// The scanner over one text's tokens.
pub struct Scanner<'t, 'a> {
    pub toks: &'t [Tok<'a>],
    pub day_month: DayMonthOrder,
}

/// A core match: end token (exclusive) and meaning.
type Core = Option<(usize, Raw)>;

const ZONES: [&str; 14] = [
    "gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "et", "bst", "cet", "z",
];

impl Scanner<'_, '_> {
    pub(super) fn w(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.low())
    }

    pub(super) fn is(&self, i: usize, words: &[&str]) -> bool {
        self.toks.get(i).is_some_and(|t| words.contains(&t.low()))
    }

    pub(super) fn kind(&self, i: usize) -> Option<TokKind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// Tokens `i` and `i + 1` touch (no space between).
    pub(super) fn joined(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    pub(super) fn mark(&self, i: usize, marks: &[&str]) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokKind::Mark && marks.contains(&t.text))
    }

    pub(super) fn capitalised(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .and_then(|t| t.text.chars().next())
            .is_some_and(char::is_uppercase)
    }

    /// A number token of `digits` digits (any when empty) and its value.
    pub(super) fn num(&self, i: usize, digits: std::ops::RangeInclusive<usize>) -> Option<i64> {
        let t = self.toks.get(i)?;
        if t.kind != TokKind::Num || !digits.contains(&t.text.len()) {
            return None;
        }
        t.text.parse().ok()
    }

    /// A number that is not part of a longer one ("3,000", "2.5").
    pub(super) fn lone_num(
        &self,
        i: usize,
        digits: std::ops::RangeInclusive<usize>,
    ) -> Option<i64> {
        let n = self.num(i, digits)?;
        let glued_before = i >= 2
            && self.joined(i - 1)
            && self.joined(i - 2)
            && self.mark(i - 1, &[",", ".", "$", "/", ":"])
            && self.kind(i - 2) == Some(TokKind::Num);
        let glued_after = self.joined(i)
            && self.joined(i + 1)
            && self.mark(i + 1, &[",", ".", ":", "/"])
            && self.kind(i + 2) == Some(TokKind::Num);
        let money = i >= 1 && self.joined(i - 1) && self.mark(i - 1, &["$", "£", "€", "#"]);
        let percent = self.joined(i) && self.mark(i + 1, &["%"]);
        (!glued_before && !glued_after && !money && !percent).then_some(n)
    }

    /// A year written with four digits (1000–2099), not part of a number.
    pub(super) fn year(&self, i: usize) -> Option<i64> {
        let y = self.lone_num(i, 4..=4)?;
        (1000..=2099).contains(&y).then_some(y)
    }

    /// A day of the month: "3", "3rd", "03"; the index after it.
    pub(super) fn day(&self, i: usize) -> Option<(u32, usize)> {
        let n = self.num(i, 1..=2)?;
        if !(1..=31).contains(&n) {
            return None;
        }
        let mut end = i + 1;
        if self.joined(i) && self.is(i + 1, &["st", "nd", "rd", "th"]) {
            end += 1;
        }
        // Not "3:30", "3.5", "3,000", "3-year".
        if self.joined(end - 1) && self.mark(end, &[":", ".", ",", "-", "/", "%"]) {
            let next_num = self.joined(end) && self.kind(end + 1) == Some(TokKind::Num);
            if next_num || self.mark(end, &["-", "/", "%"]) {
                return None;
            }
        }
        Some((n as u32, end))
    }

    /// A month name at `i` ("Oct." with its period); the index after it.
    /// `strict`: May/March and abbreviations only capitalised.
    pub(super) fn month(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i)?;
        if t.kind != TokKind::Word {
            return None;
        }
        let m = lexicon::month(&t.lower)?;
        let full = t.lower.len() > 4 || t.lower == "june" || t.lower == "july" || t.lower == "may";
        if !self.capitalised(i) {
            // Lower-case months only in full and never "may"/"march".
            if !full || matches!(t.low(), "may" | "march") {
                return None;
            }
        }
        let mut end = i + 1;
        if !full && self.joined(i) && self.mark(i + 1, &["."]) {
            end += 1;
        }
        if !full && end == i + 1 && t.lower.len() == 3 && t.text != "Mar" {
            // "Oct" without a period: only before a day or year.
            self.num(i + 1, 1..=4)?;
        }
        Some((m, end))
    }

    /// The date-ish expression (no modifier) starting at token `i`.
    #[must_use]
    pub fn core(&self, i: usize) -> Core {
        let t = self.toks.get(i)?;
        match t.kind {
            TokKind::Num => self.numeric(i),
            TokKind::Word => self.wordy(i),
            TokKind::Mark => self.decade_apostrophe(i),
        }
    }

    /// "'90s".
    fn decade_apostrophe(&self, i: usize) -> Core {
        if !self.mark(i, &["'", "’"]) || !self.joined(i) || !self.joined(i + 1) {
            return None;
        }
        let n = self.num(i + 1, 2..=2)?;
        if n % 10 != 0 || !self.is(i + 2, &["s"]) {
            return None;
        }
        let century = if n < 30 { 20 } else { 19 };
        Some((
            i + 3,
            Raw::Fixed(Kind::Date, format!("{century}{}", n / 10)),
        ))
    }

    fn numeric(&self, i: usize) -> Core {
        self.iso(i)
            .or_else(|| self.slashed(i))
            .or_else(|| self.clock(i))
            .or_else(|| self.day_first(i))
            .or_else(|| self.decade(i))
            .or_else(|| self.numeric_ordinal(i))
            .or_else(|| self.amount(i))
            .or_else(|| self.year(i).map(|y| (i + 1, Raw::Year(y))))
    }

    /// "2024-10-03", "2024-10", with a time "T14:30" or " 13:06:18".
    fn iso(&self, i: usize) -> Core {
        let year = self.num(i, 4..=4)?;
        if !(self.joined(i) && self.mark(i + 1, &["-"]) && self.joined(i + 1)) {
            return None;
        }
        let month = self.num(i + 2, 2..=2)?;
        if !(1..=12).contains(&month) {
            return None;
        }
        if !(self.joined(i + 2) && self.mark(i + 3, &["-"]) && self.joined(i + 3)) {
            if self.joined(i + 2) && self.kind(i + 3).is_some_and(|k| k != TokKind::Mark) {
                return None;
            }
            return Some((
                i + 3,
                Raw::Month {
                    year: Some(year),
                    month: month as u32,
                },
            ));
        }
        let day = self.num(i + 4, 2..=2)?;
        if !(1..=31).contains(&day) {
            return None;
        }
        let date = Raw::Day {
            year: Some(year),
            month: month as u32,
            day: day as u32,
        };
        let mut j = i + 5;
        if self.joined(i + 4) && self.is(j, &["t"]) && self.joined(j) {
            j += 1;
        } else if self.joined(i + 4) {
            return (self.kind(j) == Some(TokKind::Mark) && !self.mark(j, &["-", "/"]))
                .then_some((j, date));
        }
        Some(self.time_after(j, date))
    }

    /// A time "HH:MM[:SS]" at `j` after a day; the day alone when none.
    fn time_after(&self, j: usize, date: Raw) -> (usize, Raw) {
        if let Some((end, hour, minute)) = self.hh_mm(j) {
            let mut end = end;
            if self.is(end, &ZONES) {
                end += 1;
            }
            return (
                end,
                Raw::Time {
                    day: Some(Box::new(date)),
                    hour,
                    minute,
                },
            );
        }
        (j, date)
    }

    /// "13:06" or "13:06:18" at `j`.
    fn hh_mm(&self, j: usize) -> Option<(usize, u32, u32)> {
        let hour = self.num(j, 1..=2)?;
        if !(self.joined(j) && self.mark(j + 1, &[":"]) && self.joined(j + 1)) {
            return None;
        }
        let minute = self.num(j + 2, 2..=2)?;
        if hour > 24 || minute > 59 {
            return None;
        }
        let mut end = j + 3;
        if self.joined(end - 1) && self.mark(end, &[":"]) && self.num(end + 1, 2..=2).is_some() {
            end += 2;
        }
        Some((end, hour as u32, minute as u32))
    }

    /// "10/03/2024", "10/3/98", in the document's order.
    #[allow(clippy::many_single_char_names)]
    fn slashed(&self, i: usize) -> Core {
        let a = self.num(i, 1..=2)?;
        if !(self.joined(i) && self.mark(i + 1, &["/"]) && self.joined(i + 1)) {
            return None;
        }
        let b = self.num(i + 2, 1..=2)?;
        if !(self.joined(i + 2) && self.mark(i + 3, &["/"]) && self.joined(i + 3)) {
            return None;
        }
        let y = self.toks.get(i + 4)?;
        let year = match (y.kind, y.text.len()) {
            (TokKind::Num, 4) => y.text.parse::<i64>().ok()?,
            (TokKind::Num, 2) => {
                let n: i64 = y.text.parse().ok()?;
                if n >= 50 { 1900 + n } else { 2000 + n }
            }
            _ => return None,
        };
        let (month, day) = match self.day_month {
            DayMonthOrder::DayFirst if a <= 12 || b > 12 => (b, a),
            _ if a > 12 && b <= 12 => (b, a),
            _ => (a, b),
        };
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        let date = Raw::Day {
            year: Some(year),
            month: month as u32,
            day: day as u32,
        };
        Some(self.time_after(i + 5, date))
    }

    /// "3 p.m.", "10:35 a.m. EDT", "14:30 GMT", "at 9:15".
    fn clock(&self, i: usize) -> Core {
        let (mut end, mut hour, minute) = if let Some(hm) = self.hh_mm(i) {
            hm
        } else {
            let h = self.lone_num(i, 1..=2)?;
            (i + 1, h as u32, 0)
        };
        let meridiem = self.meridiem(end);
        if let Some((after, pm)) = meridiem {
            if hour == 0 || hour > 12 {
                return None;
            }
            if pm && hour < 12 {
                hour += 12;
            } else if !pm && hour == 12 {
                hour = 0;
            }
            end = after;
        } else {
            let zoned = self.is(end, &ZONES) && self.capitalised(end);
            let at = i > 0 && self.is(i - 1, &["at", "by", "until", "before", "after", "from"]);
            if end == i + 1 || !(zoned || at) || hour > 23 {
                return None;
            }
        }
        if self.is(end, &ZONES) && self.capitalised(end) {
            end += 1;
        }
        // "3 p.m. Friday", "10 a.m. today", "5 p.m. EST, Nov. 9".
        let comma = usize::from(self.mark(end, &[","]));
        let dated = lexicon::month(self.w(end + comma))
            .and_then(|m| self.month_first(end + comma, m))
            .filter(|(_, raw)| matches!(raw, Raw::Day { .. }));
        let day = if let Some((e, raw)) = dated {
            end = e;
            Some(Box::new(raw))
        } else {
            self.day_word(end).map(|(e, raw)| {
                end = e;
                Box::new(raw)
            })
        };
        Some((end, Raw::Time { day, hour, minute }))
    }

    /// "a.m."/"p.m."/"am"/"pm" at `j`: the index after it and whether p.m.
    fn meridiem(&self, j: usize) -> Option<(usize, bool)> {
        let pm = match self.w(j) {
            "am" | "a" => false,
            "pm" | "p" => true,
            _ => return None,
        };
        if self.is(j, &["am", "pm"]) {
            return Some((j + 1, pm));
        }
        // a.m. / p.m.
        if self.mark(j + 1, &["."]) && self.is(j + 2, &["m"]) {
            let end = if self.joined(j + 2) && self.mark(j + 3, &["."]) {
                j + 4
            } else {
                j + 3
            };
            return Some((end, pm));
        }
        None
    }

    /// A weekday, "today", "yesterday" or "tomorrow" at `j`.
    fn day_word(&self, j: usize) -> Option<(usize, Raw)> {
        let w = self.w(j);
        if let Some(d) = lexicon::weekday(w)
            && self.capitalised(j)
            && !w.ends_with('s')
        {
            return Some((j + 1, Raw::Weekday(d)));
        }
        let n = match w {
            "today" => 0,
            "yesterday" => -1,
            "tomorrow" => 1,
            _ => return None,
        };
        Some((
            j + 1,
            Raw::Shift {
                unit: Unit::Day,
                n,
                from_mention: false,
            },
        ))
    }

    /// "3 October", "3rd of October 2024".
    fn day_first(&self, i: usize) -> Core {
        let (day, mut j) = self.day(i)?;
        if self.is(j, &["of"]) {
            j += 1;
        }
        let (month, mut end) = self.month(j)?;
        let mut year = None;
        let comma = usize::from(self.mark(end, &[","]));
        if let Some(y) = self.year(end + comma) {
            year = Some(y);
            end += comma + 1;
        }
        Some((end, Raw::Day { year, month, day }))
    }

    /// "1990s", "the 1990s".
    fn decade(&self, i: usize) -> Core {
        let n = self.num(i, 4..=4)?;
        if n % 10 != 0 || !self.joined(i) {
            return None;
        }
        let mut j = i + 1;
        if self.mark(j, &["'", "’"]) && self.joined(j) {
            j += 1;
        }
        if !self.is(j, &["s"]) {
            return None;
        }
        Some((j + 1, Raw::Fixed(Kind::Date, format!("{}", n / 10))))
    }

    /// A number of units: "3 days", "24-hour", "3 days ago", "two years later".
    fn amount(&self, i: usize) -> Core {
        let n = self.lone_num(i, 1..=4)? as f64;
        // "2 1/2 years", "5 3/4 hours".
        if let Some(k) = self.num(i + 1, 1..=1)
            && self.joined(i + 1)
            && self.mark(i + 2, &["/"])
            && self.joined(i + 2)
            && let Some(d) = self.num(i + 3, 1..=1)
            && matches!((k, d), (1, 2) | (1 | 3, 4))
        {
            return self.units_after(i, i + 4, Some(n + k as f64 / d as f64));
        }
        self.units_after(i, i + 1, Some(n))
    }

    /// After a number ending at `j` (exclusive): a unit and what follows it.
    fn units_after(&self, i: usize, j: usize, n: Option<f64>) -> Core {
        let mut j = j;
        let hyphen = self.joined(j - 1) && self.mark(j, &["-"]);
        if hyphen {
            j += 1;
        } else if self.is(j, &["more"]) && Unit::parse(self.w(j + 1)).is_some() {
            // "two more weeks"
            j += 1;
        }
        let (unit, plural) = Unit::parse(self.w(j))?;
        let end = j + 1;
        // "the 1988 quarter": a year, not 1,988 quarters.
        if !hyphen && !plural && n.is_some_and(|n| n >= 1000.0) {
            return None;
        }
        // "three-quarters of its food", "a quarter of the market": shares.
        if unit == Unit::Quarter
            && self.is(end, &["of"])
            && self.year(end + 1).is_none()
            && !(self.is(end + 1, &["the", "this", "last", "next"])
                && (self.year(end + 2).is_some() || self.is(end + 2, &["year", "fiscal"])))
        {
            return None;
        }
        // Ages ("five-year-old", "3 years old") are not times, and "a
        // year-earlier loss" is read from "year".
        if (hyphen && self.mark(end, &["-"]) && self.is(end + 1, &["old"]))
            || self.is(end, &["old"])
            || (self.joined(j) && self.mark(end, &["-"]) && self.is(end + 1, &["earlier", "ago"]))
        {
            return None;
        }
        let _ = i;
        if !hyphen {
            let sign = match self.w(end) {
                "ago" | "earlier" | "before" | "previously" => Some(-1.0),
                "later" | "after" | "afterward" | "afterwards" | "hence" => Some(1.0),
                _ => None,
            };
            let (unit, n) = match (unit, n) {
                (Unit::Decade, Some(n)) => (Unit::Year, Some(n * 10.0)),
                other => other,
            };
            let dated = matches!(unit, Unit::Day | Unit::Week | Unit::Month | Unit::Year);
            if let (Some(sign), Some(n)) = (sign, n)
                && dated
                && n.fract() == 0.0
                && !self.is(end, &["before", "after"])
            {
                let ago = self.is(end, &["ago"]);
                return Some((
                    end + 1,
                    Raw::Shift {
                        unit,
                        n: (sign * n) as i64,
                        from_mention: !ago,
                    },
                ));
            }
        }
        Some((end, Raw::Fixed(Kind::Duration, unit.duration(n))))
    }

    fn wordy(&self, i: usize) -> Core {
        let w = self.w(i);
        if let Some(found) = self.fixed_word(i) {
            return Some(found);
        }
        if let Some(found) = self.holiday(i, None) {
            return Some(found);
        }
        if let Some(m) = lexicon::month(w)
            && let Some(found) = self.month_first(i, m)
        {
            return Some(found);
        }
        if let Some(found) = self.weekday_first(i) {
            return Some(found);
        }
        if let Some(found) = self.day_word(i) {
            return Some(self.with_part_of_day(found));
        }
        if matches!(w, "that" | "earlier" | "later")
            && let Some(found) = self.that_unit(i)
        {
            return Some(found);
        }
        if matches!(
            w,
            "this" | "last" | "next" | "coming" | "past" | "previous" | "following" | "current"
        ) {
            return self.quarter_of_year(i).or_else(|| self.relative(i));
        }
        if let Some(found) = self.the_phrase(i) {
            return Some(found);
        }
        if matches!(w, "every" | "each") {
            return self.set(i);
        }
        if let Some(s) = lexicon::season(w) {
            let mut end = i + 1;
            let mut year = None;
            if self.is(end, &["of"]) && self.year(end + 1).is_some() {
                end += 1;
            }
            if let Some(y) = self.year(end) {
                year = Some(y);
                end += 1;
            } else if self.is(end, &["of"])
                && let Some((after, Raw::Year(y))) = self.spoken_year(end + 1)
            {
                // "the winter of nineteen ninety-four"
                year = Some(y);
                end = after;
            } else if !(i > 0 && self.is(i - 1, &["the", "in", "this", "during", "by", "until"])) {
                return None;
            }
            return Some((end, Raw::Season { year, season: s }));
        }
        if w == "year"
            && self.joined(i)
            && self.mark(i + 1, &["-"])
            && self.is(i + 2, &["ago", "earlier"])
        {
            let n = if self.is(i + 3, &["quarter", "period"]) {
                4
            } else {
                3
            };
            let raw = Raw::Shift {
                unit: Unit::Quarter,
                n: -5,
                from_mention: false,
            };
            return Some((i + n, raw));
        }
        if w == "fiscal" {
            let j = if self.is(i + 1, &["year"]) {
                i + 2
            } else {
                i + 1
            };
            if let Some(y) = self.year(j) {
                return Some((j + 1, Raw::Year(y)));
            }
            return None;
        }
        if let Some(found) = self.spoken_year(i) {
            return Some(found);
        }
        if let Some(n) = lexicon::number_word(w) {
            return self.spelled_amount(i, n);
        }
        if lexicon::vague_number(w) || w == "recent" {
            let j = if self.is(i, &["few", "couple"]) && self.is(i + 1, &["of"]) {
                i + 2
            } else {
                i + 1
            };
            let (unit, plural) = Unit::parse(self.w(j))?;
            if !plural {
                return None;
            }
            if w == "couple" {
                return self.units_after(i, j, Some(2.0));
            }
            return Some(vague_units(
                j,
                unit,
                w != "recent" && self.is(j + 1, &["ago"]),
            ));
        }
        if let Some(found) = self.ordinal_phrase(i) {
            return Some(found);
        }
        None
    }

    /// A year said in words, as broadcasts are transcribed: "nineteen
    /// ninety-six", "two thousand", "the year two thousand".
    pub(super) fn spoken_year(&self, i: usize) -> Core {
        let (start, century) = match self.w(i) {
            "nineteen" => (i + 1, 1900),
            "eighteen" => (i + 1, 1800),
            "two" if self.is(i + 1, &["thousand"]) => {
                let mut end = i + 2;
                let mut year = 2000;
                let and = usize::from(self.is(end, &["and"]));
                if let Some(k) =
                    lexicon::number_word(self.w(end + and)).filter(|&k| (1.0..10.0).contains(&k))
                {
                    year += k as i64;
                    end += and + 1;
                }
                // "two thousand" alone is a number unless "the year" says so.
                let said = i >= 2 && self.is(i - 1, &["year"]) && self.is(i - 2, &["the"]);
                return (said || end > i + 2).then_some((end, Raw::Year(year)));
            }
            _ => return None,
        };
        let tens = lexicon::number_word(self.w(start)).filter(|&t| t >= 20.0 && t % 10.0 == 0.0)?;
        let mut end = start + 1;
        let mut year = century + tens as i64;
        if self.joined(start)
            && self.mark(end, &["-"])
            && let Some(k) =
                lexicon::number_word(self.w(end + 1)).filter(|&k| (1.0..10.0).contains(&k))
        {
            year += k as i64;
            end += 2;
        }
        Some((end, Raw::Year(year)))
    }

    /// Words that are expressions on their own.
    fn fixed_word(&self, i: usize) -> Core {
        let (kind, value) = match self.w(i) {
            "now" | "currently" | "presently" | "nowadays" => (Kind::Date, "PRESENT_REF"),
            "recently" | "lately" => (Kind::Date, "PAST_REF"),
            "annually" | "yearly" => (Kind::Set, "P1Y"),

            "weekly" => (Kind::Set, "P1W"),
            // "the party daily Granma": a newspaper.
            "daily" if self.capitalised(i + 1) => return None,
            "daily" => (Kind::Set, "P1D"),
            "monthly" => (Kind::Set, "P1M"),
            "hourly" => (Kind::Set, "PT1H"),

            "tonight" | "overnight" => {
                return Some((
                    i + 1,
                    Raw::PartOfDay {
                        day: Box::new(Raw::Shift {
                            unit: Unit::Day,
                            n: 0,
                            from_mention: false,
                        }),
                        part: "NI",
                    },
                ));
            }
            "noon" | "midday" | "midnight" => {
                let hour = if self.w(i) == "midnight" { 24 } else { 12 };
                let mut end = i + 1;
                let day = self.day_word(end).map(|(e, raw)| {
                    end = e;
                    Box::new(raw)
                });
                return Some((
                    end,
                    Raw::Time {
                        day,
                        hour,
                        minute: 0,
                    },
                ));
            }
            "these" if self.is(i + 1, &["days"]) => {
                return Some((i + 2, Raw::Fixed(Kind::Date, "PRESENT_REF".into())));
            }
            _ => return None,
        };
        Some((i + 1, Raw::Fixed(kind, value.to_owned())))
    }

    /// A weekday, a day word, with "morning", "night"… after it.
    fn with_part_of_day(&self, found: (usize, Raw)) -> (usize, Raw) {
        let (end, raw) = found;
        if let Some(part) = lexicon::part_of_day(self.w(end))
            && !self.w(end).ends_with('s')
        {
            return (
                end + 1,
                Raw::PartOfDay {
                    day: Box::new(raw),
                    part,
                },
            );
        }
        (end, raw)
    }

    /// A weekday, with the date that may follow ("Wednesday, Oct. 16, 2024").
    fn weekday_first(&self, i: usize) -> Core {
        let d = lexicon::weekday(self.w(i))?;
        if !self.capitalised(i) {
            return None;
        }
        let comma = usize::from(self.mark(i + 1, &[","]));
        if let Some(m) = lexicon::month(self.w(i + 1 + comma))
            && let Some((end, raw @ Raw::Day { .. })) = self.month_first(i + 1 + comma, m)
        {
            return Some((end, raw));
        }
        if let Some((end, raw @ Raw::Day { .. })) = self.day_first_checked(i + 1 + comma) {
            return Some((end, raw));
        }
        if self.w(i).ends_with('s') {
            // "on Mondays": a set.
            return Some((i + 1, Raw::Fixed(Kind::Set, format!("XXXX-WXX-{d}"))));
        }
        Some(self.with_part_of_day((i + 1, Raw::Weekday(d))))
    }

    fn day_first_checked(&self, i: usize) -> Core {
        if self.kind(i) == Some(TokKind::Num) {
            self.day_first(i)
        } else {
            None
        }
    }

    /// "October 3rd, 2024", "Oct. 3", "June 2024", "June of 2024", "June".
    fn month_first(&self, i: usize, m: u32) -> Core {
        let (month, end) = self.month(i)?;
        debug_assert_eq!(month, m);
        if let Some((day, after)) = self.day(end) {
            let comma = usize::from(self.mark(after, &[","]));
            if let Some(y) = self.year(after + comma) {
                let date = Raw::Day {
                    year: Some(y),
                    month,
                    day,
                };
                return Some((after + comma + 1, date));
            }
            if self.kind(after) != Some(TokKind::Num) {
                return Some((
                    after,
                    Raw::Day {
                        year: None,
                        month,
                        day,
                    },
                ));
            }
        }
        let comma = usize::from(self.mark(end, &[","]));
        if let Some(y) = self.year(end + comma) {
            return Some((
                end + comma + 1,
                Raw::Month {
                    year: Some(y),
                    month,
                },
            ));
        }
        if let Some((after, Raw::Year(y))) = self.spoken_year(end) {
            return Some((
                after,
                Raw::Month {
                    year: Some(y),
                    month,
                },
            ));
        }
        if self.is(end, &["of"])
            && let Some(y) = self.year(end + 1)
        {
            return Some((
                end + 2,
                Raw::Month {
                    year: Some(y),
                    month,
                },
            ));
        }
        // A month alone: "in June"; "May" and "March" need a word before.
        let word = self.w(i);
        let short = end == i + 1 && word.len() <= 4 && !matches!(word, "june" | "july");
        if short && word != "may" {
            return None;
        }
        if matches!(word, "may" | "march" | "mar") {
            let before = i > 0
                && self.is(
                    i - 1,
                    &[
                        "in", "since", "during", "until", "till", "by", "early", "late", "mid",
                        "last", "next", "this", "of", "from", "to", "through", "before", "after",
                        "between", "and",
                    ],
                );
            if !before {
                return None;
            }
        }
        // "from March to May 2023": the year of the range's end.
        let year = self.range_year(end);
        Some((end, Raw::Month { year, month }))
    }

    /// The year closing a range of months after `end`: "to May 2023".
    fn range_year(&self, end: usize) -> Option<i64> {
        if !(self.is(end, &["to", "through", "until", "and"]) || self.mark(end, &["-", "–", "—"]))
        {
            return None;
        }
        let (_, after) = self.month(end + 1)?;
        let comma = usize::from(self.mark(after, &[","]));
        self.year(after + comma)
    }

    /// this/last/next/coming/past/previous/following + a unit, weekday,
    /// month or season.
    fn relative(&self, i: usize) -> Core {
        let w = self.w(i);
        // "this coming week" is the coming week.
        if w == "this" && self.is(i + 1, &["coming"]) {
            return self.relative(i + 1);
        }
        let n: i64 = match w {
            "this" | "current" => 0,
            "last" | "past" | "previous" => -1,
            _ => 1,
        };
        let from_mention = matches!(w, "previous" | "following");
        let next = self.w(i + 1);
        if let Some(found) = self.holiday(i + 1, Some(n)) {
            return Some(found);
        }
        if let Some(d) = lexicon::weekday(next)
            && self.capitalised(i + 1)
        {
            let raw = Raw::WeekdayShift { weekday: d, n };
            return Some(self.with_part_of_day((i + 2, raw)));
        }
        if let Some(m) = lexicon::month(next)
            && self.capitalised(i + 1)
            && (next.len() > 3 || next == "may")
        {
            return Some((i + 2, Raw::MonthShift { month: m, n }));
        }
        if let Some(s) = lexicon::season(next) {
            return Some((i + 2, Raw::SeasonShift { season: s, n }));
        }
        if let Some(part) = lexicon::part_of_day(next) {
            if n == 0 {
                let day = Raw::Shift {
                    unit: Unit::Day,
                    n: 0,
                    from_mention: false,
                };
                return Some((
                    i + 2,
                    Raw::PartOfDay {
                        day: Box::new(day),
                        part,
                    },
                ));
            }
            if w == "last" && next == "night" {
                let day = Raw::Shift {
                    unit: Unit::Day,
                    n: -1,
                    from_mention: false,
                };
                return Some((
                    i + 2,
                    Raw::PartOfDay {
                        day: Box::new(day),
                        part,
                    },
                ));
            }
            return None;
        }
        // "the past three years", "the next two weeks", "last 12 months": durations.
        let amount = self
            .lone_num(i + 1, 1..=4)
            .map(|n| n as f64)
            .or_else(|| lexicon::number_word(next).filter(|_| next != "a" && next != "an"));
        if let Some(amount) = amount
            && let Some((unit, _)) = Unit::parse(self.w(i + 2))
        {
            return Some((
                i + 3,
                Raw::Fixed(Kind::Duration, unit.duration(Some(amount))),
            ));
        }
        if next == "couple"
            && self.is(i + 2, &["of"])
            && let Some((unit, true)) = Unit::parse(self.w(i + 3))
        {
            return Some((i + 4, Raw::Fixed(Kind::Duration, unit.duration(Some(2.0)))));
        }
        if lexicon::vague_number(next)
            && let Some((unit, true)) = Unit::parse(self.w(i + 2))
        {
            return Some((i + 3, Raw::Fixed(Kind::Duration, unit.duration(None))));
        }
        let (unit, plural) = Unit::parse(next)?;
        if plural {
            return Some((i + 2, Raw::Fixed(Kind::Duration, unit.duration(None))));
        }
        if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) {
            return None;
        }
        if w == "past" {
            return Some((i + 2, Raw::Fixed(Kind::Duration, unit.duration(Some(1.0)))));
        }
        Some((
            i + 2,
            Raw::Shift {
                unit,
                n,
                from_mention,
            },
        ))
    }

    /// Phrases starting with "the": "the past", "the future", "the 1990s",
    /// "the following day", "the day before".
    fn the_phrase(&self, i: usize) -> Core {
        // One "the" only: "the the the…" must not recurse.
        if !self.is(i, &["the"]) || self.is(i + 1, &["the"]) {
            return None;
        }
        if let Some(found) = self.the_year(i).or_else(|| self.quarter_of_year(i)) {
            return Some(found);
        }
        // Company reports: "the quarter", "the latest quarter", "the
        // year-ago quarter" are the last quarter reported, or its year-ago one.
        let mut j = i + 1;
        if self.is(j, &["latest", "recent"]) {
            j += 1;
        } else if self.is(j, &["most"]) && self.is(j + 1, &["recent"]) {
            j += 2;
        }
        let mut back = -1;
        if self.is(j, &["year"]) && self.mark(j + 1, &["-"]) && self.is(j + 2, &["ago", "earlier"])
        {
            j += 3;
            back = -5;
        }
        if self.is(j, &["quarter"]) || (j > i + 1 && self.is(j, &["period"])) {
            let raw = Raw::Shift {
                unit: Unit::Quarter,
                n: back,
                from_mention: false,
            };
            return Some((j + 1, raw));
        }
        if self.is(i + 1, &["weekend"]) {
            return Some((i + 2, Raw::Weekend));
        }
        match self.w(i + 1) {
            "past"
                if !self.is(
                    i + 2,
                    &[
                        "week", "month", "year", "decade", "day", "weekend", "century", "quarter",
                    ],
                ) && Unit::parse(self.w(i + 2)).is_none()
                    && lexicon::number_word(self.w(i + 2)).is_none()
                    && self.num(i + 2, 1..=4).is_none()
                    && !lexicon::vague_number(self.w(i + 2)) =>
            {
                return Some((i + 2, Raw::Fixed(Kind::Date, "PAST_REF".into())));
            }
            "future" => return Some((i + 2, Raw::Fixed(Kind::Date, "FUTURE_REF".into()))),
            // "the nineties": a decade of the twentieth century.
            decade if lexicon::decade_word(decade).is_some() => {
                let d = lexicon::decade_word(decade)?;
                return Some((i + 2, Raw::Fixed(Kind::Date, format!("19{d}"))));
            }
            "present" => {
                return Some((i + 2, Raw::Fixed(Kind::Date, "PRESENT_REF".into())));
            }
            "day" | "week" | "month" | "year" => {
                let (unit, _) = Unit::parse(self.w(i + 1))?;
                let n = match self.w(i + 2) {
                    "before" | "earlier" => -1,
                    "after" | "later" => 1,
                    _ => return None,
                };
                // "the day before the vote" is a duration's anchor; only at a clause end.
                if self.is(i + 2, &["before", "after"]) && self.kind(i + 3) == Some(TokKind::Word) {
                    return None;
                }
                return Some((
                    i + 3,
                    Raw::Shift {
                        unit,
                        n,
                        from_mention: true,
                    },
                ));
            }
            _ => {}
        }
        let (end, raw) = self.core(i + 1)?;
        let takes_the = matches!(
            &raw,
            Raw::Fixed(..)
                | Raw::Quarter { .. }
                | Raw::Season { .. }
                | Raw::Shift { .. }
                | Raw::SeasonShift { .. }
                | Raw::Holiday { .. }
        ) || matches!(
            self.w(i + 1),
            "past" | "previous" | "following" | "coming" | "next" | "last"
        );
        takes_the.then_some((end, raw))
    }

    /// "every Monday", "each year", "every two weeks".
    fn set(&self, i: usize) -> Core {
        let next = self.w(i + 1);
        if let Some(d) = lexicon::weekday(next) {
            return Some((i + 2, Raw::Fixed(Kind::Set, format!("XXXX-WXX-{d}"))));
        }
        if let Some(part) = lexicon::part_of_day(next) {
            return Some((i + 2, Raw::Fixed(Kind::Set, format!("XXXX-XX-XXT{part}"))));
        }
        let mut j = i + 1;
        let mut n = 1.0;
        if next == "other" {
            n = 2.0;
            j += 1;
        } else if let Some(k) = self.lone_num(j, 1..=3) {
            n = k as f64;
            j += 1;
        } else if let Some(k) = lexicon::number_word(next).filter(|_| next != "a") {
            n = k;
            j += 1;
        }
        let (unit, _) = Unit::parse(self.w(j))?;
        Some((j + 1, Raw::Fixed(Kind::Set, unit.duration(Some(n)))))
    }

    /// "three days", "a year ago", "two-year", "a decade".
    #[allow(clippy::many_single_char_names)]
    fn spelled_amount(&self, i: usize, n: f64) -> Core {
        let w = self.w(i);
        let mut j = i + 1;
        let mut n = n;
        // "twenty-five", "a half", "one and a half"
        if n >= 20.0
            && n % 10.0 == 0.0
            && self.joined(i)
            && self.mark(j, &["-"])
            && let Some(k) =
                lexicon::number_word(self.w(j + 1)).filter(|&k| (1.0..10.0).contains(&k))
        {
            n += k;
            j += 2;
        } else if n >= 20.0
            && n % 10.0 == 0.0
            && let Some(k) = lexicon::number_word(self.w(j)).filter(|&k| (1.0..10.0).contains(&k))
            && !self.is(j, &["a", "an"])
        {
            n += k;
            j += 1;
        }
        if (w == "a" || w == "an") && self.is(j, &["few", "couple"]) {
            let k = if self.is(j + 1, &["of"]) {
                j + 2
            } else {
                j + 1
            };
            let (unit, true) = Unit::parse(self.w(k))? else {
                return None;
            };
            // "a couple of years" is two.
            if self.is(j, &["couple"]) {
                return self.units_after(i, k, Some(2.0));
            }
            return Some(vague_units(k, unit, self.is(k + 1, &["ago"])));
        }
        if w == "half" {
            if self.is(j, &["a", "an"]) {
                j += 1;
            }
            let (unit, _) = Unit::parse(self.w(j))?;
            let value = match unit {
                Unit::Hour => "PT30M".to_owned(),
                Unit::Day => "PT12H".to_owned(),
                Unit::Year => "P6M".to_owned(),
                Unit::Century => "P50Y".to_owned(),
                Unit::Decade => "P5Y".to_owned(),
                _ => unit.duration(Some(0.5)),
            };
            return Some((j + 1, Raw::Fixed(Kind::Duration, value)));
        }
        if matches!(w, "a" | "an") && !matches!(Unit::parse(self.w(j)), Some((_, false))) {
            return None;
        }
        // "a second group", "a second time": an ordinal, not a second.
        if matches!(w, "a" | "an")
            && matches!(Unit::parse(self.w(j)), Some((Unit::Second, false)))
            && self.kind(j + 1) == Some(TokKind::Word)
            && !self.is(
                j + 1,
                &[
                    "ago", "later", "earlier", "before", "after", "or", "and", "longer", "more",
                    "less", "too", "of", "in",
                ],
            )
        {
            return None;
        }
        // "$33 million a year", "twice a week": a rate.
        let rate = matches!(w, "a" | "an" | "per")
            && i > 0
            && (self.kind(i - 1) == Some(TokKind::Num)
                || self.is(
                    i - 1,
                    &[
                        "million", "billion", "thousand", "times", "twice", "once", "cents",
                        "dollars", "percent",
                    ],
                ));
        if rate
            && let Some((unit, false)) = Unit::parse(self.w(j))
            && !self.is(j + 1, &["ago", "earlier", "later", "before", "after"])
        {
            return Some((j + 1, Raw::Fixed(Kind::Set, unit.duration(Some(1.0)))));
        }
        // "a year and a half"
        if let Some((unit, _)) = Unit::parse(self.w(j))
            && self.is(j + 1, &["and"])
            && self.is(j + 2, &["a"])
            && self.is(j + 3, &["half"])
            && matches!(
                unit,
                Unit::Year
                    | Unit::Day
                    | Unit::Hour
                    | Unit::Month
                    | Unit::Week
                    | Unit::Minute
                    | Unit::Second
            )
        {
            let value = unit.duration(Some(n + 0.5));
            return Some((j + 4, Raw::Fixed(Kind::Duration, value)));
        }
        self.units_after(i, j, Some(n))
    }

    /// "the third quarter", "first-quarter", "the second half of 1998",
    /// "the 20th century".
    pub(super) fn ordinal_phrase(&self, i: usize) -> Core {
        let (n, mut j) = if let Some(n) = lexicon::ordinal_word(self.w(i)) {
            (n, i + 1)
        } else {
            return None;
        };
        if self.joined(j - 1) && self.mark(j, &["-"]) {
            j += 1;
        }
        let (half, n) = match self.w(j) {
            "quarter" if (1..=4).contains(&n) => (false, n),
            "half" if (1..=2).contains(&n) => (true, n),
            "century" => {
                return Some((j + 1, Raw::Fixed(Kind::Date, format!("{:02}", n - 1))));
            }
            _ => return None,
        };
        let mut end = j + 1;
        let mut year = None;
        if self.is(end, &["of"])
            && let Some(y) = self.year(end + 1)
        {
            year = Some(y);
            end += 2;
        } else if let Some(y) = self.year(end) {
            year = Some(y);
            end += 1;
        }
        Some((end, Raw::Quarter { year, n, half }))
    }

    /// A numeric ordinal before "century"/"quarter": "20th century".
    fn numeric_ordinal(&self, i: usize) -> Core {
        let n = self.num(i, 1..=2)?;
        if !(self.joined(i) && self.is(i + 1, &["st", "nd", "rd", "th"])) {
            return None;
        }
        match self.w(i + 2) {
            "century" => Some((i + 3, Raw::Fixed(Kind::Date, format!("{:02}", n - 1)))),
            "quarter" if (1..=4).contains(&n) => Some((
                i + 3,
                Raw::Quarter {
                    year: None,
                    n: n as u32,
                    half: false,
                },
            )),
            _ => None,
        }
    }

    /// A day or month without a year followed by "last year", "this year"
    /// or "next year" ("July last year"): in that year.
    fn in_year(&self, end: usize, raw: Raw) -> (usize, Raw) {
        if matches!(
            raw,
            Raw::Day { year: None, .. } | Raw::Month { year: None, .. }
        ) && self.is(end + 1, &["year"])
        {
            let n = match self.w(end) {
                "last" => -1,
                "this" => 0,
                "next" => 1,
                _ => return (end, raw),
            };
            return (
                end + 2,
                Raw::InYear {
                    inner: Box::new(raw),
                    n,
                },
            );
        }
        (end, raw)
    }

    /// The longest expression starting at token `i`, with a modifier before
    /// it ("early", "about", "the end of") when there is one.
    #[must_use]
    pub fn hit_at(&self, i: usize) -> Option<Hit> {
        let mut best: Option<Hit> = None;
        let mut offer = |hit: Hit| {
            if best.as_ref().is_none_or(|b| hit.end > b.end) {
                best = Some(hit);
            }
        };
        if let Some((end, raw)) = self.core(i).or_else(|| self.numeric_ordinal(i)) {
            let (end, raw) = self.in_year(end, raw);
            offer(Hit {
                first: i,
                end,
                raw,
                modifier: None,
            });
        }
        if let Some((m, k)) = lexicon::modifier(self.w(i), Some(self.w(i + 1))) {
            let mut j = i + k;
            if self.joined(j - 1) && self.mark(j, &["-"]) {
                j += 1;
            }
            if let Some((end, raw)) = self.core(j).or_else(|| self.numeric_ordinal(j)) {
                let fits = match m {
                    "START" | "MID" | "END" => {
                        !matches!(raw, Raw::Fixed(Kind::Duration | Kind::Set, _))
                    }
                    // "around 2023", "circa 1871": approximate dates.
                    _ if matches!(self.w(i), "around" | "circa" | "ca" | "approximately") => {
                        matches!(
                            raw,
                            Raw::Fixed(Kind::Duration, _)
                                | Raw::Year(_)
                                | Raw::Month { .. }
                                | Raw::Day { .. }
                        )
                    }
                    _ => matches!(raw, Raw::Fixed(Kind::Duration, _)),
                };
                if fits {
                    offer(Hit {
                        first: i,
                        end,
                        raw,
                        modifier: Some(m),
                    });
                }
            }
        }
        if self.is(i, &["the"])
            && self.is(i + 2, &["of"])
            && let Some(m) = match self.w(i + 1) {
                "end" | "close" => Some("END"),
                "beginning" | "start" => Some("START"),
                "middle" => Some("MID"),
                _ => None,
            }
        {
            let j = if self.is(i + 3, &["the"]) && Unit::parse(self.w(i + 4)).is_some() {
                // "the end of the year": this year.
                let (unit, _) = Unit::parse(self.w(i + 4))?;
                offer(Hit {
                    first: i,
                    end: i + 5,
                    raw: Raw::Shift {
                        unit,
                        n: 0,
                        from_mention: false,
                    },
                    modifier: Some(m),
                });
                i + 3
            } else {
                i + 3
            };
            if let Some((end, raw)) = self.core(j) {
                offer(Hit {
                    first: i,
                    end,
                    raw,
                    modifier: Some(m),
                });
            }
        }
        best
    }
}

/// Every expression in the tokens, in order and not overlapping.
#[must_use]
pub fn scan(toks: &[Tok<'_>], day_month: DayMonthOrder) -> Vec<Hit> {
    let scanner = Scanner { toks, day_month };
    let mut hits = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match scanner.hit_at(i) {
            Some(hit) if hit.end > i => {
                i = hit.end;
                let second = scanner.second_day(&hit);
                hits.push(hit);
                if let Some(second) = second {
                    i = second.end;
                    hits.push(second);
                }
            }
            _ => i += 1,
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        let toks = tokens(text);
        scan(&toks, DayMonthOrder::Ask)
            .iter()
            .map(|h| text[toks[h.first].start..toks[h.end - 1].end].to_owned())
            .collect()
    }

    #[test]
    fn tokens_split_words_numbers_and_marks() {
        let t = tokens("Oct. 3rd, 2024 — 3:30pm é");
        let texts: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(
            texts,
            [
                "Oct", ".", "3", "rd", ",", "2024", "—", "3", ":", "30", "pm", "é"
            ]
        );
    }

    #[test]
    fn spans_of_common_expressions() {
        assert_eq!(found("On Oct. 3, 2024 they met."), ["Oct. 3, 2024"]);
        assert_eq!(found("in June and last week"), ["June", "last week"]);
        assert_eq!(
            found("the march of 3,000 troops may go"),
            Vec::<String>::new()
        );
        assert_eq!(found("at 3 p.m. Friday"), ["3 p.m. Friday"]);
        assert_eq!(found("in the early 1990s"), ["early 1990s"]);
        assert_eq!(found("for the past three years"), ["the past three years"]);
        assert_eq!(found("from March to May 2023"), ["March", "May 2023"]);
    }
}
