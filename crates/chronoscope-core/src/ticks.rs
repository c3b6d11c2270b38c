//! The adaptive time ruler: which calendar boundaries to mark, and how to label them.
//!
//! A timeline that spans milliseconds to billions of years needs ticks that land on
//! real calendar boundaries (midnight, the 1st of a month, 1 January of a round
//! year) rather than on round numbers of seconds, and labels that read naturally at
//! every scale ("14:30:15.250", "Wed 16 Oct", "Oct 2024", "500 BCE"). This module
//! chooses the step for a visible range, walks the boundaries with the integer
//! arithmetic of [`crate::calendar`] (exact for any `i64` year, so deep time works),
//! and returns plain data. It knows nothing of `egui`: the UI draws what it gets.
//!
//! Besides the fine ("minor") ticks, a [`Ruler`] carries the coarse context the fine
//! labels omit — the year for month ticks, the month for day ticks, the day for hour
//! ticks, the minute for second ticks — both as ticks at each coarse boundary in view
//! and as a label for the left edge, so the UI can pin it there.

use crate::calendar::{
    self, MONTH_NAMES, SECS_PER_DAY, WEEKDAY_NAMES, civil_from_days, days_from_civil,
    weekday_from_days, year_label,
};

/// One labelled position on the ruler.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub time: f64,
    /// Text to draw next to the tick.
    pub label: String,
}

/// The ticks for one visible range.
#[derive(Clone, Debug, PartialEq)]
pub struct Ruler {
    /// The chosen step, e.g. `"1 month"`, `"6 hours"`, `"100 years"`; `"none"` for
    /// degenerate input.
    pub step_name: &'static str,
    /// Fine ticks at calendar boundaries, strictly ascending: every boundary in
    /// `[start, end]` plus the last one before `start` (whose label may still
    /// reach into view).
    pub minor: Vec<Tick>,
    /// Coarse boundaries in `(start, end]`, each labelled with the coarse period it
    /// begins (e.g. "November 2024" for day ticks); ascending. Empty for year steps.
    pub major: Vec<Tick>,
    /// Label of the coarse period containing `start` ("" for year steps).
    pub context: String,
}

/// Step name reported for degenerate input.
const NO_STEP: &str = "none";

/// Hard cap on the number of ticks of either kind, whatever the width says.
const HARD_MAX_TICKS: usize = 100_000;

/// Ranges are clamped to ±`RANGE_LIMIT` seconds (twice the axis limit, about
/// ±31.7 billion years) so every year and day count fits comfortably in an `i64`.
const RANGE_LIMIT: f64 = 1.0e18;

const MS_PER_DAY: i64 = SECS_PER_DAY * 1000;

const MONTH_ABBR: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Calendar unit of a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Milli,
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

/// One rung of the step ladder: `n` of `unit`.
#[derive(Clone, Copy, Debug)]
struct Step {
    unit: Unit,
    n: i64,
    name: &'static str,
}

const fn step(unit: Unit, n: i64, name: &'static str) -> Step {
    Step { unit, n, name }
}

/// Every step the ruler may use, finest first. Sub-day steps divide a day exactly,
/// so multiples since the epoch are multiples within each day.
const LADDER: &[Step] = &[
    step(Unit::Milli, 1, "1 ms"),
    step(Unit::Milli, 2, "2 ms"),
    step(Unit::Milli, 5, "5 ms"),
    step(Unit::Milli, 10, "10 ms"),
    step(Unit::Milli, 20, "20 ms"),
    step(Unit::Milli, 50, "50 ms"),
    step(Unit::Milli, 100, "100 ms"),
    step(Unit::Milli, 200, "200 ms"),
    step(Unit::Milli, 500, "500 ms"),
    step(Unit::Second, 1, "1 second"),
    step(Unit::Second, 2, "2 seconds"),
    step(Unit::Second, 5, "5 seconds"),
    step(Unit::Second, 10, "10 seconds"),
    step(Unit::Second, 15, "15 seconds"),
    step(Unit::Second, 30, "30 seconds"),
    step(Unit::Minute, 1, "1 minute"),
    step(Unit::Minute, 2, "2 minutes"),
    step(Unit::Minute, 5, "5 minutes"),
    step(Unit::Minute, 10, "10 minutes"),
    step(Unit::Minute, 15, "15 minutes"),
    step(Unit::Minute, 30, "30 minutes"),
    step(Unit::Hour, 1, "1 hour"),
    step(Unit::Hour, 3, "3 hours"),
    step(Unit::Hour, 6, "6 hours"),
    step(Unit::Hour, 12, "12 hours"),
    step(Unit::Day, 1, "1 day"),
    step(Unit::Day, 2, "2 days"),
    step(Unit::Week, 1, "1 week"),
    step(Unit::Month, 1, "1 month"),
    step(Unit::Month, 2, "2 months"),
    step(Unit::Month, 3, "3 months"),
    step(Unit::Month, 6, "6 months"),
    step(Unit::Year, 1, "1 year"),
    step(Unit::Year, 2, "2 years"),
    step(Unit::Year, 5, "5 years"),
    step(Unit::Year, 10, "10 years"),
    step(Unit::Year, 20, "20 years"),
    step(Unit::Year, 50, "50 years"),
    step(Unit::Year, 100, "100 years"),
    step(Unit::Year, 200, "200 years"),
    step(Unit::Year, 500, "500 years"),
    step(Unit::Year, 1_000, "1,000 years"),
    step(Unit::Year, 2_000, "2,000 years"),
    step(Unit::Year, 5_000, "5,000 years"),
    step(Unit::Year, 10_000, "10,000 years"),
    step(Unit::Year, 20_000, "20,000 years"),
    step(Unit::Year, 50_000, "50,000 years"),
    step(Unit::Year, 100_000, "100,000 years"),
    step(Unit::Year, 200_000, "200,000 years"),
    step(Unit::Year, 500_000, "500,000 years"),
    step(Unit::Year, 1_000_000, "1 million years"),
    step(Unit::Year, 2_000_000, "2 million years"),
    step(Unit::Year, 5_000_000, "5 million years"),
    step(Unit::Year, 10_000_000, "10 million years"),
    step(Unit::Year, 20_000_000, "20 million years"),
    step(Unit::Year, 50_000_000, "50 million years"),
    step(Unit::Year, 100_000_000, "100 million years"),
    step(Unit::Year, 200_000_000, "200 million years"),
    step(Unit::Year, 500_000_000, "500 million years"),
    step(Unit::Year, 1_000_000_000, "1 billion years"),
    step(Unit::Year, 2_000_000_000, "2 billion years"),
    step(Unit::Year, 5_000_000_000, "5 billion years"),
    step(Unit::Year, 10_000_000_000, "10 billion years"),
];

impl Step {
    /// The shortest interval this step can produce between two ticks, in seconds.
    /// Choosing steps by this (not the average) guarantees the minimum spacing
    /// even for February or for a two-day step across a month end.
    fn min_secs(self) -> f64 {
        let day = SECS_PER_DAY as f64;
        let n = self.n as f64;
        match self.unit {
            Unit::Milli => n * 1e-3,
            Unit::Second => n,
            Unit::Minute => n * 60.0,
            Unit::Hour => n * 3600.0,
            Unit::Day => n * day,
            Unit::Week => 7.0 * day,
            // Shortest run of n months starting at a tick: Feb; Jan–Feb; Jan–Mar; Jan–Jun.
            Unit::Month => match self.n {
                1 => 28.0 * day,
                2 => 59.0 * day,
                3 => 90.0 * day,
                _ => 181.0 * day,
            },
            Unit::Year => n * 365.0 * day,
        }
    }

    /// Length of a sub-day step in milliseconds (0 for calendar steps).
    fn millis(self) -> i64 {
        match self.unit {
            Unit::Milli => self.n,
            Unit::Second => self.n * 1000,
            Unit::Minute => self.n * 60_000,
            Unit::Hour => self.n * 3_600_000,
            Unit::Day | Unit::Week | Unit::Month | Unit::Year => 0,
        }
    }
}

/// How a tick's label is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    /// "2024", "500 BCE"; "65 Ma" for deep BCE time when the step is >= 100,000 years.
    Year { step: i64 },
    /// "Oct 2024".
    MonthYear,
    /// "Wed 16 Oct".
    DayShort,
    /// "14:30".
    HourMinute,
    /// "14:30:15".
    Second,
    /// "14:30:15.250".
    Milli,
    /// "October 2024".
    MonthContext,
    /// "Wed 16 October 2024".
    DayContext,
    /// "Wed 16 October 2024, 14:30".
    MinuteContext,
}

/// A position on a walk over calendar boundaries, in exact integer terms.
#[derive(Clone, Copy, Debug)]
enum Cursor {
    /// `ms` milliseconds into day `day` (days since the epoch); advances by `step_ms`,
    /// which divides a day.
    SubDay { day: i64, ms: i64, step_ms: i64 },
    /// Midnight starting day `day`; advances by `n` days.
    Days { day: i64, n: i64 },
    /// The 1st of `month` in `year`; advances by `n` months (`n` divides 12).
    Months { year: i64, month: u32, n: u32 },
    /// 1 January of `year`; advances to the next year labelled as a multiple of `n`
    /// (see [`next_year_tick`]).
    Years { year: i64, n: i64 },
}

/// Calendar fields of a boundary, for labelling.
struct Parts {
    year: i64,
    month: u32,
    day: u32,
    weekday: u32,
    ms_of_day: i64,
}

impl Cursor {
    /// The last boundary of `step` at or before `t`.
    fn at_or_before(step: Step, t: f64) -> Self {
        let day_secs = SECS_PER_DAY as f64;
        let day = (t / day_secs).floor() as i64;
        match step.unit {
            Unit::Milli | Unit::Second | Unit::Minute | Unit::Hour => {
                let step_ms = step.millis().max(1);
                let secs_of_day = t - day as f64 * day_secs;
                let index = (secs_of_day * 1000.0 / step_ms as f64).floor() as i64;
                let (mut day, mut ms) = (day, index.saturating_mul(step_ms));
                if ms < 0 {
                    day -= 1;
                    ms += MS_PER_DAY;
                }
                if ms >= MS_PER_DAY {
                    day += 1;
                    ms -= MS_PER_DAY;
                }
                Cursor::SubDay {
                    day,
                    ms: ms.clamp(0, MS_PER_DAY - step_ms),
                    step_ms,
                }
            }
            Unit::Day => {
                let n = step.n.max(1);
                Cursor::Days {
                    day: day - day.rem_euclid(n),
                    n,
                }
            }
            Unit::Week => Cursor::Days {
                day: day - i64::from(weekday_from_days(day)),
                n: 7,
            },
            Unit::Month => {
                let (year, month, _) = civil_from_days(day);
                let n = u32::try_from(step.n).unwrap_or(1).clamp(1, 12);
                Cursor::Months {
                    year,
                    month: month - (month - 1) % n,
                    n,
                }
            }
            Unit::Year => {
                let (year, _, _) = civil_from_days(day);
                let n = step.n.max(1);
                Cursor::Years {
                    year: year_tick_at_or_before(year, n),
                    n,
                }
            }
        }
    }

    /// Seconds since the epoch of this boundary.
    fn time(self) -> f64 {
        let day_secs = SECS_PER_DAY as f64;
        match self {
            Cursor::SubDay { day, ms, .. } => day as f64 * day_secs + ms as f64 / 1000.0,
            Cursor::Days { day, .. } => day as f64 * day_secs,
            Cursor::Months { year, month, .. } => calendar::seconds_from_civil(year, month, 1),
            Cursor::Years { year, .. } => calendar::seconds_from_civil(year, 1, 1),
        }
    }

    /// The next boundary.
    fn advance(&mut self) {
        match self {
            Cursor::SubDay { day, ms, step_ms } => {
                *ms += *step_ms;
                if *ms >= MS_PER_DAY {
                    *ms -= MS_PER_DAY;
                    *day += 1;
                }
            }
            Cursor::Days { day, n } => *day += *n,
            Cursor::Months { year, month, n } => {
                *month += *n;
                if *month > 12 {
                    *month -= 12;
                    *year += 1;
                }
            }
            Cursor::Years { year, n } => *year = next_year_tick(*year, *n),
        }
    }

    fn parts(self) -> Parts {
        let (day, ms_of_day) = match self {
            Cursor::SubDay { day, ms, .. } => (day, ms),
            Cursor::Days { day, .. } => (day, 0),
            Cursor::Months { year, month, .. } => (days_from_civil(year, month, 1), 0),
            Cursor::Years { year, .. } => (days_from_civil(year, 1, 1), 0),
        };
        let (year, month, day_of_month) = civil_from_days(day);
        Parts {
            year,
            month,
            day: day_of_month,
            weekday: weekday_from_days(day),
            ms_of_day,
        }
    }

    fn label(self, style: Style) -> String {
        let p = self.parts();
        let weekday = WEEKDAY_NAMES
            .get(p.weekday as usize)
            .copied()
            .unwrap_or("?");
        let month_index = (p.month as usize).wrapping_sub(1);
        let abbr = MONTH_ABBR.get(month_index).copied().unwrap_or("?");
        let month = MONTH_NAMES.get(month_index).copied().unwrap_or("?");
        let hours = p.ms_of_day / 3_600_000;
        let minutes = p.ms_of_day / 60_000 % 60;
        let seconds = p.ms_of_day / 1000 % 60;
        let millis = p.ms_of_day % 1000;
        match style {
            Style::Year { step } => deep_year_label(p.year, step),
            Style::MonthYear => format!("{abbr} {}", year_label(p.year)),
            Style::DayShort => format!("{weekday} {} {abbr}", p.day),
            Style::HourMinute => format!("{hours:02}:{minutes:02}"),
            Style::Second => format!("{hours:02}:{minutes:02}:{seconds:02}"),
            Style::Milli => format!("{hours:02}:{minutes:02}:{seconds:02}.{millis:03}"),
            Style::MonthContext => format!("{month} {}", year_label(p.year)),
            Style::DayContext => {
                format!("{weekday} {} {month} {}", p.day, year_label(p.year))
            }
            Style::MinuteContext => format!(
                "{weekday} {} {month} {}, {hours:02}:{minutes:02}",
                p.day,
                year_label(p.year)
            ),
        }
    }
}

/// Year ticks fall on years whose *reader-facing* number is a multiple of the step:
/// `100, 200, …` after the epoch of the era, and `100 BCE, 200 BCE, …` (astronomical
/// `-99, -199, …`) before it, so a BCE ruler reads "500 BCE", not "501 BCE". There is
/// no year 0, so year 1 is a tick too: the era boundary is marked, and the intervals
/// beside it are `n` years (100 BCE → 1) and `n - 1` years (1 → 100).
#[cfg(test)]
fn is_year_tick(year: i64, n: i64) -> bool {
    if year >= 1 {
        year % n == 0 || year == 1
    } else {
        (1 - year) % n == 0
    }
}

/// The largest tick year (see [`is_year_tick`]) at or before `year`.
fn year_tick_at_or_before(year: i64, n: i64) -> i64 {
    if year >= 1 {
        (year - year % n).max(1)
    } else {
        // Smallest BCE number >= 1 - year that is a multiple of n.
        let bce = 1 - year;
        let rounded = bce + (n - bce % n) % n;
        1 - rounded
    }
}

/// The tick year following the tick year `year`.
fn next_year_tick(year: i64, n: i64) -> i64 {
    if year == 1 && n > 1 {
        n
    } else if year >= 1 {
        year + n
    } else {
        let bce = (1 - year) - n;
        if bce >= 1 { 1 - bce } else { 1 }
    }
}

/// `year_label`, except that with steps of at least 100,000 years, years a million or
/// more BCE read as millions ("65 Ma", "65.1 Ma") or, from a billion with steps of
/// at least 100 million years, billions ("4.5 Ga") of years ago.
fn deep_year_label(year: i64, step: i64) -> String {
    let bce = 1 - year;
    if step >= 100_000_000 && bce >= 1_000_000_000 {
        scaled(bce, 1_000_000_000, "Ga")
    } else if step >= 100_000 && bce >= 1_000_000 {
        scaled(bce, 1_000_000, "Ma")
    } else {
        year_label(year)
    }
}

/// `value / unit` with one decimal when it is not whole: `scaled(65_100_000, 1e6, "Ma")`
/// → "65.1 Ma".
fn scaled(value: i64, unit: i64, suffix: &str) -> String {
    let whole = value / unit;
    let tenths = value % unit / (unit / 10);
    if tenths == 0 {
        format!("{} {suffix}", calendar::group_thousands(whole))
    } else {
        format!("{}.{tenths} {suffix}", calendar::group_thousands(whole))
    }
}

/// The ticks for the range `[start, end]` drawn across `width_px` pixels, with
/// labelled ticks at least `min_spacing_px` apart.
///
/// The step is the finest rung of the ladder (1 ms … 500 ms; 1, 2, 5, 10, 15, 30 s;
/// the same in minutes; 1, 3, 6, 12 h; 1, 2 days; 1 week; 1, 2, 3, 6 months; 1-2-5
/// years up to 10 billion) whose *shortest* interval (28 days for a month, 365 days
/// a year) is at least `min_spacing_px` wide — so the spacing holds for every pair
/// of ticks, not just on average. If even 10 billion years is too fine, that step is
/// used anyway and the tick count cap below applies.
///
/// Boundaries: sub-day steps at multiples within each day; 1-day steps at every
/// midnight; 2-day steps at midnights of even day numbers since 1970-01-01 (uniform
/// spacing, not restarting each month); weeks on Mondays; months on the 1st (2 →
/// Jan/Mar/…, 3 → Jan/Apr/Jul/Oct, 6 → Jan/Jul); years on 1 January of years whose
/// reader-facing number is a multiple of the step (see `is_year_tick`: "500 BCE",
/// not "501 BCE").
///
/// Degenerate input — any non-finite argument, `end <= start`, `width_px <= 0`,
/// `min_spacing_px <= 0` — gives an empty ruler with step name `"none"`. Times are
/// clamped to ±1e18 s first. No more than `width_px / min_spacing_px * 2 + 4` (and
/// never more than 100,000) ticks of either kind are returned.
#[must_use]
pub fn ruler(start: f64, end: f64, width_px: f64, min_spacing_px: f64) -> Ruler {
    let empty = Ruler {
        step_name: NO_STEP,
        minor: Vec::new(),
        major: Vec::new(),
        context: String::new(),
    };
    let all_finite = [start, end, width_px, min_spacing_px]
        .iter()
        .all(|v| v.is_finite());
    if !all_finite || width_px <= 0.0 || min_spacing_px <= 0.0 {
        return empty;
    }
    let start = start.clamp(-RANGE_LIMIT, RANGE_LIMIT);
    let end = end.clamp(-RANGE_LIMIT, RANGE_LIMIT);
    if end <= start {
        return empty;
    }
    let secs_per_px = (end - start) / width_px;
    if !(secs_per_px.is_finite() && secs_per_px > 0.0) {
        return empty;
    }
    let max_ticks = (width_px / min_spacing_px * 2.0 + 4.0)
        .floor()
        .min(HARD_MAX_TICKS as f64) as usize;

    let Some(&chosen) = LADDER
        .iter()
        .find(|s| s.min_secs() / secs_per_px >= min_spacing_px)
        .or(LADDER.last())
    else {
        return empty;
    };

    let minor_style = match chosen.unit {
        Unit::Milli => Style::Milli,
        Unit::Second => Style::Second,
        Unit::Minute | Unit::Hour => Style::HourMinute,
        Unit::Day | Unit::Week => Style::DayShort,
        Unit::Month => Style::MonthYear,
        Unit::Year => Style::Year { step: chosen.n },
    };
    let coarse = match chosen.unit {
        Unit::Milli | Unit::Second => Some((step(Unit::Minute, 1, ""), Style::MinuteContext)),
        Unit::Minute | Unit::Hour => Some((step(Unit::Day, 1, ""), Style::DayContext)),
        Unit::Day | Unit::Week => Some((step(Unit::Month, 1, ""), Style::MonthContext)),
        Unit::Month => Some((step(Unit::Year, 1, ""), Style::Year { step: 1 })),
        Unit::Year => None,
    };

    let minor = walk(
        Cursor::at_or_before(chosen, start),
        minor_style,
        start,
        end,
        max_ticks,
    );
    let (major, context) = match coarse {
        Some((coarse_step, style)) => {
            let first = Cursor::at_or_before(coarse_step, start);
            let context = first.label(style);
            let mut major = walk(first, style, start, end, max_ticks);
            major.retain(|tick| tick.time > start);
            (major, context)
        }
        None => (Vec::new(), String::new()),
    };
    Ruler {
        step_name: chosen.name,
        minor,
        major,
        context,
    }
}

/// Boundaries from `cursor` up to `end`: all of those in `[start, end]` plus the last
/// one before `start`, strictly ascending, at most `max` of them.
fn walk(mut cursor: Cursor, style: Style, start: f64, end: f64, max: usize) -> Vec<Tick> {
    let mut ticks: Vec<Tick> = Vec::new();
    // The cursor starts at most one step before `start`, so `max + 3` iterations cover
    // every boundary the spacing rule allows; the bound also stops any walk whose f64
    // times have stopped advancing (deep time at millisecond steps).
    for _ in 0..max.saturating_add(3) {
        if ticks.len() >= max {
            break;
        }
        let time = cursor.time();
        if time > end {
            break;
        }
        if time < start {
            ticks.clear();
            ticks.push(Tick {
                time,
                label: cursor.label(style),
            });
        } else if ticks.last().is_none_or(|last| time > last.time) {
            ticks.push(Tick {
                time,
                label: cursor.label(style),
            });
        }
        cursor.advance();
    }
    ticks
}

/// The dates from `t0` to `t1` (axis seconds, either order) as EDTF text
/// for a date filter, at a precision that suits their span: whole years
/// for three years or more, months for three months or more, days for two
/// days or more, else minutes. `to` is the last period touched, which a
/// filter includes whole. `None` when a time is beyond what dates can say.
#[must_use]
pub fn range_dates(t0: f64, t1: f64) -> Option<(String, String)> {
    use crate::model::{Date, Precision};
    if !t0.is_finite() || !t1.is_finite() {
        return None;
    }
    let (a, b) = (t0.min(t1), t0.max(t1));
    let span = b - a;
    let precision = if span >= 3.0 * 365.25 * 86_400.0 {
        Precision::Year
    } else if span >= 90.0 * 86_400.0 {
        Precision::Month
    } else if span >= 2.0 * 86_400.0 {
        Precision::Day
    } else {
        Precision::Minute
    };
    let date = |t: f64| -> Option<String> {
        let secs = t.floor();
        if secs.abs() > 1e17 {
            return None;
        }
        let secs = secs as i64;
        let (year, month, day) = civil_from_days(secs.div_euclid(SECS_PER_DAY));
        let of_day = secs.rem_euclid(SECS_PER_DAY);
        let has = |p| precision >= p;
        let date = Date {
            year,
            month: if has(Precision::Month) { month } else { 1 },
            day: if has(Precision::Day) { day } else { 1 },
            hour: if has(Precision::Minute) {
                (of_day / 3600) as u32
            } else {
                0
            },
            minute: if has(Precision::Minute) {
                (of_day / 60 % 60) as u32
            } else {
                0
            },
            second: 0,
            nanosecond: 0,
            offset_minutes: None,
            precision,
            approximate: false,
            uncertain: false,
        };
        Some(date.to_edtf())
    };
    // The end is exclusive: the period holding the instant just before it.
    let last = (b - 1e-3).max(a);
    Some((date(a)?, date(last)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::seconds_from_civil;

    #[test]
    fn a_dragged_range_becomes_dates_at_a_precision_that_suits_its_span() {
        let t = |y, m, d, h: i32| seconds_from_civil(y, m, d) + f64::from(h) * 3600.0;
        assert_eq!(
            range_dates(t(2013, 4, 3, 5), t(2016, 9, 1, 0)),
            Some(("2013".into(), "2016".into()))
        );
        // Either way round; an end on a boundary does not take the next period.
        assert_eq!(
            range_dates(t(2024, 9, 1, 0), t(2024, 5, 10, 0)),
            Some(("2024-05".into(), "2024-08".into()))
        );
        assert_eq!(
            range_dates(t(2024, 10, 3, 12), t(2024, 10, 8, 0)),
            Some(("2024-10-03".into(), "2024-10-07".into()))
        );
        assert_eq!(
            range_dates(t(2024, 10, 16, 14) + 90.0, t(2024, 10, 16, 15)),
            Some(("2024-10-16T14:01".into(), "2024-10-16T14:59".into()))
        );
        // Deep time and BCE.
        assert_eq!(
            range_dates(t(-499, 1, 1, 0), t(-99, 6, 1, 0)),
            Some(("-0499".into(), "-0099".into()))
        );
        assert_eq!(range_dates(f64::NAN, 0.0), None);
        // What it gives, a filter reads back.
        let (from, to) = range_dates(t(2024, 6, 10, 0), t(2024, 9, 1, 0)).unwrap();
        assert!(crate::model::Date::parse(&from).is_ok() && crate::model::Date::parse(&to).is_ok());
    }

    const HOUR: f64 = 3600.0;
    const DAY: f64 = 86_400.0;

    /// 2024-10-16 (a Wednesday) at `h:m:s`.
    fn oct16(h: f64, m: f64, s: f64) -> f64 {
        seconds_from_civil(2024, 10, 16) + h * HOUR + m * 60.0 + s
    }

    fn labels(ticks: &[Tick]) -> Vec<&str> {
        ticks.iter().map(|t| t.label.as_str()).collect()
    }

    fn find<'a>(ticks: &'a [Tick], label: &str) -> Option<&'a Tick> {
        ticks.iter().find(|t| t.label == label)
    }

    /// The invariants every ruler must satisfy.
    fn check(start: f64, end: f64, width: f64, min_spacing: f64) -> Ruler {
        let r = ruler(start, end, width, min_spacing);
        let secs_per_px = (end - start) / width;
        let bound = (width / min_spacing * 2.0 + 4.0).floor() as usize;
        // Tick times are f64s, exact only to the resolution of f64 at this magnitude.
        let resolution_px = 2.0 * start.abs().max(end.abs()) * f64::EPSILON / secs_per_px;
        assert!(!r.minor.is_empty(), "{r:?}");
        assert!(r.minor.len() <= bound, "{} > {bound}", r.minor.len());
        assert!(r.major.len() <= bound);
        for pair in r.minor.windows(2) {
            assert!(pair[0].time < pair[1].time, "{pair:?}");
            let px = (pair[1].time - pair[0].time) / secs_per_px;
            assert!(
                px >= min_spacing * (1.0 - 1e-9) - resolution_px,
                "{} spacing {px} px between {pair:?}",
                r.step_name
            );
        }
        for pair in r.major.windows(2) {
            assert!(pair[0].time < pair[1].time, "{pair:?}");
        }
        // Within [start, end], except at most one tick just before start.
        let before = r.minor.iter().filter(|t| t.time < start).count();
        assert!(before <= 1, "{before} ticks before start");
        if before == 1 {
            assert!(r.minor[1].time >= start);
        }
        assert!(r.minor.iter().all(|t| t.time <= end));
        assert!(r.major.iter().all(|t| t.time > start && t.time <= end));
        assert!(r.minor.iter().all(|t| !t.label.is_empty()));
        r
    }

    #[test]
    fn one_second_span_uses_millisecond_ticks() {
        let start = oct16(14.0, 30.0, 15.0);
        let r = check(start, start + 1.0, 1600.0, 80.0);
        assert_eq!(r.step_name, "50 ms");
        let tick = find(&r.minor, "14:30:15.250").map(|t| t.time);
        assert!(
            tick.is_some_and(|t| (t - (start + 0.25)).abs() < 1e-6),
            "{r:?}"
        );
        assert_eq!(r.context, "Wed 16 October 2024, 14:30");
        assert!(r.major.is_empty());
    }

    #[test]
    fn one_minute_span_uses_second_ticks_and_minute_context() {
        let start = oct16(14.0, 30.0, 45.0);
        let r = check(start, start + 60.0, 1600.0, 80.0);
        assert_eq!(r.step_name, "5 seconds");
        assert!(
            find(&r.minor, "14:30:50").is_some(),
            "{:?}",
            labels(&r.minor)
        );
        assert!(find(&r.minor, "14:31:00").is_some());
        assert_eq!(r.context, "Wed 16 October 2024, 14:30");
        assert_eq!(labels(&r.major), ["Wed 16 October 2024, 14:31"]);
        assert!((r.major[0].time - oct16(14.0, 31.0, 0.0)).abs() < 1e-6);
    }

    #[test]
    fn one_hour_span_uses_minute_ticks() {
        let start = oct16(14.0, 10.0, 0.0);
        let r = check(start, start + HOUR, 1600.0, 80.0);
        assert_eq!(r.step_name, "5 minutes");
        assert!(find(&r.minor, "14:30").is_some(), "{:?}", labels(&r.minor));
        assert_eq!(r.context, "Wed 16 October 2024");
        assert!(r.major.is_empty());
    }

    #[test]
    fn one_day_span_uses_hour_ticks() {
        let start = oct16(0.0, 0.0, 0.0);
        let r = check(start, start + DAY, 1600.0, 60.0);
        assert_eq!(r.step_name, "1 hour");
        let tick = find(&r.minor, "14:00").map(|t| t.time);
        assert_eq!(tick, Some(oct16(14.0, 0.0, 0.0)));
        assert_eq!(r.minor[0].label, "00:00");
        assert_eq!(r.context, "Wed 16 October 2024");
        // The midnight at the end starts the next day.
        assert_eq!(labels(&r.major), ["Thu 17 October 2024"]);
    }

    #[test]
    fn one_month_span_uses_day_ticks() {
        let start = seconds_from_civil(2024, 10, 1);
        let end = seconds_from_civil(2024, 11, 1);
        let r = check(start, end, 1600.0, 50.0);
        assert_eq!(r.step_name, "1 day");
        let tick = find(&r.minor, "Wed 16 Oct").map(|t| t.time);
        assert_eq!(tick, Some(seconds_from_civil(2024, 10, 16)));
        assert_eq!(r.context, "October 2024");
        assert_eq!(labels(&r.major), ["November 2024"]);

        // Coarser: weeks start on Monday.
        let weeks = check(start, seconds_from_civil(2025, 1, 1), 800.0, 60.0);
        assert_eq!(weeks.step_name, "1 week");
        for tick in &weeks.minor {
            assert!(tick.label.starts_with("Mon "), "{tick:?}");
        }
        assert!(find(&weeks.minor, "Mon 14 Oct").is_some());
        assert_eq!(
            labels(&weeks.major),
            ["November 2024", "December 2024", "January 2025"]
        );

        // Two-day steps fall on even day numbers since the epoch.
        let two = check(start, end, 800.0, 40.0);
        assert_eq!(two.step_name, "2 days");
        for tick in &two.minor {
            assert!(((tick.time / DAY).round() as i64) % 2 == 0, "{tick:?}");
        }
    }

    #[test]
    fn one_year_span_uses_month_ticks() {
        let start = seconds_from_civil(2024, 1, 1);
        let end = seconds_from_civil(2025, 1, 1);
        let r = check(start, end, 1600.0, 80.0);
        assert_eq!(r.step_name, "1 month");
        let tick = find(&r.minor, "Oct 2024").map(|t| t.time);
        assert_eq!(tick, Some(seconds_from_civil(2024, 10, 1)));
        assert_eq!(r.context, "2024");
        assert_eq!(r.minor.len(), 13);
        assert_eq!(r.minor[12].label, "Jan 2025");
        assert_eq!(labels(&r.major), ["2025"]);

        let quarters = check(start, end, 400.0, 80.0);
        assert_eq!(quarters.step_name, "3 months");
        assert_eq!(
            labels(&quarters.minor),
            ["Jan 2024", "Apr 2024", "Jul 2024", "Oct 2024", "Jan 2025"]
        );
        let two = check(start, end, 650.0, 80.0);
        assert_eq!(two.step_name, "2 months");
        assert_eq!(two.minor[1].label, "Mar 2024");
        let six = check(start, seconds_from_civil(2026, 1, 1), 400.0, 80.0);
        assert_eq!(six.step_name, "6 months");
        assert_eq!(six.minor[1].label, "Jul 2024");
    }

    #[test]
    fn ten_and_thousand_year_spans_use_year_ticks() {
        let start = seconds_from_civil(2020, 1, 1);
        let end = seconds_from_civil(2030, 1, 1);
        let r = check(start, end, 1600.0, 80.0);
        assert_eq!(r.step_name, "1 year");
        let tick = find(&r.minor, "2024").map(|t| t.time);
        assert_eq!(tick, Some(seconds_from_civil(2024, 1, 1)));
        assert_eq!(r.context, "");
        assert!(r.major.is_empty());

        let r = check(
            seconds_from_civil(1000, 1, 1),
            seconds_from_civil(2000, 1, 1),
            1600.0,
            80.0,
        );
        assert_eq!(r.step_name, "100 years");
        assert_eq!(r.minor[0].label, "1000");
        assert!(find(&r.minor, "1500").is_some());
        assert_eq!(r.minor.last().map(|t| t.label.as_str()), Some("2000"));
    }

    #[test]
    fn bce_ruler_reads_in_bce_years() {
        let start = seconds_from_civil(-999, 1, 1); // 1000 BCE
        let end = seconds_from_civil(501, 1, 1);
        let r = check(start, end, 1600.0, 80.0);
        assert_eq!(r.step_name, "100 years");
        let tick = find(&r.minor, "500 BCE").map(|t| t.time);
        assert_eq!(tick, Some(seconds_from_civil(-499, 1, 1)));
        assert!(find(&r.minor, "1,000 BCE").is_some());
        assert!(find(&r.minor, "100 BCE").is_some());
        assert!(find(&r.minor, "100").is_some());
        assert!(
            find(&r.minor, "501 BCE").is_none(),
            "{:?}",
            labels(&r.minor)
        );

        // Month steps in BCE years.
        let months = check(
            seconds_from_civil(-43, 1, 1),
            seconds_from_civil(-42, 1, 1),
            1600.0,
            80.0,
        );
        assert!(find(&months.minor, "Mar 44 BCE").is_some());
        assert_eq!(months.context, "44 BCE");
    }

    #[test]
    fn year_ticks_step_by_reader_facing_multiples() {
        for n in [1, 2, 5, 100, 1000] {
            let mut year = year_tick_at_or_before(-3 * n - 7, n);
            assert!(is_year_tick(year, n));
            assert!(year <= -3 * n - 7);
            for _ in 0..20 {
                let next = next_year_tick(year, n);
                assert!(is_year_tick(next, n), "{n}: {year} -> {next}");
                assert!(next > year);
                assert!((year + 1..next).all(|y| !is_year_tick(y, n)));
                year = next;
            }
        }
        // Year 1 marks the era boundary: 100 BCE, 1, 100, 200.
        assert_eq!(year_tick_at_or_before(50, 100), 1);
        assert_eq!(year_tick_at_or_before(0, 100), -99);
        assert_eq!(year_tick_at_or_before(-99, 100), -99);
        assert_eq!(year_tick_at_or_before(-100, 100), -199);
        assert_eq!(next_year_tick(-99, 100), 1);
        assert_eq!(next_year_tick(1, 100), 100);
        assert_eq!(next_year_tick(0, 1), 1);
    }

    #[test]
    fn deep_time_gets_million_year_labels() {
        let start = seconds_from_civil(-100_000_000, 1, 1);
        let end = seconds_from_civil(-40_000_000, 1, 1);
        let r = check(start, end, 1600.0, 80.0);
        assert_eq!(r.step_name, "5 million years");
        assert!(find(&r.minor, "65 Ma").is_some(), "{:?}", labels(&r.minor));

        // The whole axis: billions of years, no panic.
        let all = check(-5.0e17, 5.0e17, 1600.0, 80.0);
        assert_eq!(all.step_name, "2 billion years");
        assert!(
            find(&all.minor, "4 Ga").is_some(),
            "{:?}",
            labels(&all.minor)
        );
        assert_eq!(scaled(65_100_000, 1_000_000, "Ma"), "65.1 Ma");
        assert_eq!(scaled(4_500_000_000, 1_000_000, "Ma"), "4,500 Ma");
    }

    #[test]
    fn a_view_starting_mid_period_keeps_one_tick_before_it() {
        let start = oct16(14.0, 7.0, 0.0);
        let r = check(start, start + HOUR, 1600.0, 80.0);
        assert_eq!(r.minor[0].label, "14:05");
        assert!(r.minor[0].time < start);
        assert_eq!(r.minor[1].label, "14:10");
    }

    #[test]
    fn step_is_the_finest_that_fits() {
        // 1 hour over 1200 px at 100 px minimum: 5 min = 100 px fits, 2 min = 40 px not.
        let start = oct16(9.0, 0.0, 0.0);
        assert_eq!(
            ruler(start, start + HOUR, 1200.0, 100.0).step_name,
            "5 minutes"
        );
        assert_eq!(
            ruler(start, start + HOUR, 1199.0, 100.0).step_name,
            "10 minutes"
        );
        // At 1 ms/px, 100 ms steps are 100 px apart.
        assert_eq!(ruler(start, start + 1.6, 1600.0, 100.0).step_name, "100 ms");
    }

    #[test]
    fn degenerate_input_gives_an_empty_ruler() {
        let nan = f64::NAN;
        let inf = f64::INFINITY;
        for (s, e, w, m) in [
            (nan, 1.0, 100.0, 10.0),
            (0.0, nan, 100.0, 10.0),
            (0.0, 1.0, nan, 10.0),
            (0.0, 1.0, 100.0, nan),
            (0.0, inf, 100.0, 10.0),
            (-inf, 0.0, 100.0, 10.0),
            (1.0, 1.0, 100.0, 10.0),
            (2.0, 1.0, 100.0, 10.0),
            (0.0, 1.0, 0.0, 10.0),
            (0.0, 1.0, -5.0, 10.0),
            (0.0, 1.0, 100.0, 0.0),
            (0.0, 1.0, 100.0, -1.0),
            (1e300, 1e301, 100.0, 10.0),
        ] {
            let r = ruler(s, e, w, m);
            assert_eq!(r.step_name, NO_STEP, "{s} {e} {w} {m}");
            assert!(r.minor.is_empty() && r.major.is_empty() && r.context.is_empty());
        }
    }

    #[test]
    fn tick_count_stays_bounded_for_odd_inputs() {
        let cases = [
            // Far too narrow for even the coarsest step.
            (-5.0e17, 5.0e17, 3.0, 80.0),
            (-1e300, 1e300, 10.0, 80.0),
            // Tiny spacing, huge width: the hard cap applies.
            (0.0, 1e9, 1e12, 1.0),
            // Millisecond range far out in deep time, where f64 seconds are coarse.
            (4.0e17, 4.0e17 + 64.0, 1600.0, 80.0),
            (-4.0e17 - 64.0, -4.0e17, 1600.0, 1.0),
            // Sub-pixel width.
            (0.0, 100.0, 0.5, 80.0),
        ];
        for (s, e, w, m) in cases {
            let r = ruler(s, e, w, m);
            let bound = ((w / m * 2.0 + 4.0).floor() as usize).min(HARD_MAX_TICKS);
            assert!(r.minor.len() <= bound, "{s} {e}: {}", r.minor.len());
            assert!(r.major.len() <= bound);
            for pair in r.minor.windows(2) {
                assert!(pair[0].time < pair[1].time);
            }
        }
    }

    #[test]
    fn many_views_satisfy_the_invariants() {
        // Sweep spans from 10 ms to 10 billion years at several positions.
        let centres = [
            oct16(14.0, 30.0, 15.25),
            0.0,
            seconds_from_civil(-499, 6, 15),
            seconds_from_civil(1600, 2, 29),
            -3.0e17,
        ];
        for centre in centres {
            let mut span = 0.01;
            while span < 6.0e17 {
                let start = centre - span / 3.0;
                let end = start + span;
                if end - start > 0.0 && (-1e18..1e18).contains(&start) {
                    let ulp_px = start.abs().max(end.abs()) * f64::EPSILON / (span / 1200.0);
                    if ulp_px < 1e-6 {
                        check(start, end, 1200.0, 70.0);
                    }
                }
                span *= 1.7;
            }
        }
    }
}
