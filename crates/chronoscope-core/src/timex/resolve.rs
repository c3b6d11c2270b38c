//! Putting a [`Raw`] expression on the calendar: its TIMEX3 value against
//! an anchor day (the publication date, or the last date mentioned), with
//! the sentence's tense choosing between the last and the next weekday or
//! month. Without an anchor a relative expression keeps TimeML's `X`s.

use super::Kind;
use super::holiday::Holiday;
use super::lexicon::Unit;
use super::scan::Raw;
use super::tense::Tense;
use crate::calendar::{civil_from_days, days_from_civil, days_in_month, weekday_from_days};

/// A day as days since 1970-01-01.
pub type Day = i64;

/// The ISO week (year, week) of a day.
#[must_use]
pub fn iso_week(day: Day) -> (i64, u32) {
    let weekday = i64::from(weekday_from_days(day)); // 0 = Monday
    let thursday = day - weekday + 3;
    let (year, _, _) = civil_from_days(thursday);
    let first = days_from_civil(year, 1, 1);
    let week = (thursday - first) / 7 + 1;
    (year, week as u32)
}

/// The Monday of ISO week `week` of `year`.
#[must_use]
pub fn iso_week_monday(year: i64, week: u32) -> Day {
    let jan4 = days_from_civil(year, 1, 4);
    let monday1 = jan4 - i64::from(weekday_from_days(jan4));
    monday1 + 7 * (i64::from(week) - 1)
}

fn ymd(day: Day) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{}-{m:02}-{d:02}", year(y))
}

fn year(y: i64) -> String {
    if y < 0 {
        format!("-{:04}", -y)
    } else {
        format!("{y:04}")
    }
}

fn month_index(y: i64, m: u32) -> i64 {
    y * 12 + i64::from(m) - 1
}

fn from_month_index(i: i64) -> (i64, u32) {
    (i.div_euclid(12), (i.rem_euclid(12) + 1) as u32)
}

fn season_index(season: &str) -> u32 {
    match season {
        "SP" => 1,
        "SU" => 2,
        "FA" => 3,
        _ => 4,
    }
}

/// The season a month is in and the year it is counted in (December's
/// winter, also in January and February, is the year's it began in).
fn season_of_month(y: i64, m: u32) -> (i64, u32) {
    match m {
        3..=5 => (y, 1),
        6..=8 => (y, 2),
        9..=11 => (y, 3),
        12 => (y, 4),
        _ => (y - 1, 4),
    }
}

/// The year of a month or day written without one: in a past sentence
/// the last such day on or before the anchor (unless it is less than 60
/// days ahead: a date set, "extended to Nov. 16"), in a future one the next
/// on or after it, else the nearest to it (a day ahead counting double).
fn year_for(anchor: Day, month: u32, day: u32, tense: Tense) -> i64 {
    let (ay, am, ad) = civil_from_days(anchor);
    let after = (month, day) > (am, ad);
    let before = (month, day) < (am, ad);
    // A date a few weeks ahead in a past sentence is a deadline set ("was
    // extended to Nov. 16"), not last year's.
    let soon = (0..60).contains(&(days_from_civil(ay, month, day.min(28)) - anchor));
    match tense {
        Tense::Past if after && !soon => ay - 1,
        Tense::Future if before => ay + 1,
        Tense::Past | Tense::Future => ay,
        Tense::Present | Tense::Unknown => {
            // News mostly looks back: a day ahead counts twice as far.
            let distance = |y: i64| {
                let d = days_from_civil(y, month, day.min(28)) - anchor;
                if d > 0 { 2 * d } else { -d }
            };
            [ay + 1, ay, ay - 1]
                .into_iter()
                .min_by_key(|&y| distance(y))
                .unwrap_or(ay)
        }
    }
}

/// The value and type of `raw` against `anchor` (a day); `None` when it
/// is not a valid date (31 February).
#[must_use]
pub fn resolve(raw: &Raw, anchor: Option<Day>, tense: Tense) -> Option<(Kind, String)> {
    let date = |v: String| Some((Kind::Date, v));
    match raw {
        Raw::Fixed(kind, value) => Some((*kind, value.clone())),
        Raw::Year(y) => date(year(*y)),
        Raw::Day {
            year: y,
            month,
            day,
        } => {
            let y = match (y, anchor) {
                (Some(y), _) => *y,
                (None, Some(a)) => year_for(a, *month, *day, tense),
                (None, None) => {
                    return (*day <= 31).then(|| (Kind::Date, format!("XXXX-{month:02}-{day:02}")));
                }
            };
            if *day > days_in_month(y, *month) {
                return None;
            }
            date(format!("{}-{month:02}-{day:02}", year(y)))
        }
        Raw::Month { year: y, month } => {
            let y = match (y, anchor) {
                (Some(y), _) => *y,
                (None, Some(a)) => {
                    let (_, am, _) = civil_from_days(a);
                    // The anchor's own month is this year's in any tense.
                    let day = match tense {
                        _ if *month == am => 15,
                        Tense::Past => 1,
                        Tense::Future => 28,
                        _ => 15,
                    };
                    if *month == am {
                        civil_from_days(a).0
                    } else {
                        year_for(a, *month, day, tense)
                    }
                }
                (None, None) => return date(format!("XXXX-{month:02}")),
            };
            date(format!("{}-{month:02}", year(y)))
        }
        Raw::Season { year: y, season } => {
            let y = match (y, anchor) {
                (Some(y), _) => *y,
                (None, Some(a)) => {
                    let (y, am, _) = civil_from_days(a);
                    let (ay, now) = season_of_month(y, am);
                    let s = season_index(season);
                    match tense {
                        Tense::Past if s > now => ay - 1,
                        Tense::Future if s < now => ay + 1,
                        _ => ay,
                    }
                }
                (None, None) => return date(format!("XXXX-{season}")),
            };
            date(format!("{}-{season}", year(y)))
        }
        Raw::Quarter { year: y, n, half } => {
            let letter = if *half { 'H' } else { 'Q' };
            let y = match (y, anchor) {
                (Some(y), _) => *y,
                (None, Some(a)) => {
                    let (ay, am, _) = civil_from_days(a);
                    let now = if *half {
                        (am - 1) / 6 + 1
                    } else {
                        (am - 1) / 3 + 1
                    };
                    // Company reports look back: the last such quarter,
                    // unless the sentence looks ahead.
                    match tense {
                        Tense::Future if *n > now => ay,
                        _ if *n > now => ay - 1,
                        _ => ay,
                    }
                }
                (None, None) => return date(format!("XXXX-{letter}{n}")),
            };
            date(format!("{}-{letter}{n}", year(y)))
        }
        Raw::Weekday(wd) => {
            let Some(a) = anchor else {
                return date(format!("XXXX-WXX-{wd}"));
            };
            let aw = i64::from(weekday_from_days(a)) + 1;
            let wd = i64::from(*wd);
            let day = match tense {
                Tense::Future => a + (wd - aw).rem_euclid(7),
                Tense::Present | Tense::Past | Tense::Unknown => a - (aw - wd).rem_euclid(7),
            };
            date(ymd(day))
        }
        Raw::WeekdayShift { weekday, n } => {
            let Some(a) = anchor else {
                return date(format!("XXXX-WXX-{weekday}"));
            };
            let aw = i64::from(weekday_from_days(a)) + 1;
            let wd = i64::from(*weekday);
            let day = match n {
                -1 => a - 1 - (aw - 1 - wd).rem_euclid(7),
                1 => a + 1 + (wd - aw - 1).rem_euclid(7),
                _ => a - (aw - 1) + (wd - 1),
            };
            date(ymd(day))
        }
        Raw::MonthShift { month, n } => {
            let Some(a) = anchor else {
                return date(format!("XXXX-{month:02}"));
            };
            let (ay, am, _) = civil_from_days(a);
            let y = match n {
                // The month just before would be "last month".
                -1 if *month + 1 < am => ay,
                -1 => ay - 1,
                1 if *month > am => ay,
                1 => ay + 1,
                _ => ay,
            };
            date(format!("{}-{month:02}", year(y)))
        }
        Raw::SeasonShift { season, n } => {
            let Some(a) = anchor else {
                return date(format!("XXXX-{season}"));
            };
            let (y, am, _) = civil_from_days(a);
            let (ay, now) = season_of_month(y, am);
            let s = season_index(season);
            let y = match n {
                -1 if s < now => ay,
                -1 => ay - 1,
                1 if s > now => ay,
                1 => ay + 1,
                _ => ay,
            };
            date(format!("{}-{season}", year(y)))
        }
        Raw::Shift { unit, n, .. } => Some((Kind::Date, shift(*unit, *n, anchor))),
        Raw::ReportedQuarter { year: y } => {
            // The quarter before the anchor's: the one a report is about.
            let q = anchor.map_or_else(
                || "X".to_owned(),
                |a| {
                    {
                        let (_, am, _) = civil_from_days(a);
                        ((am - 1) / 3 + 3) % 4 + 1
                    }
                    .to_string()
                },
            );
            date(format!("{}-Q{q}", year(*y)))
        }
        Raw::WeekOf(day) => {
            let (_, value) = resolve(day, anchor, tense)?;
            let (Some(y), Some(m), Some(d)) = (
                value.get(..4).and_then(|v| v.parse::<i64>().ok()),
                value.get(5..7).and_then(|v| v.parse::<u32>().ok()),
                value.get(8..10).and_then(|v| v.parse::<u32>().ok()),
            ) else {
                return date("XXXX-WXX".to_owned());
            };
            let (wy, w) = iso_week(days_from_civil(y, m, d));
            date(format!("{}-W{w:02}", year(wy)))
        }
        Raw::That { unit } => Some((Kind::Date, shift(*unit, 0, anchor))),
        Raw::Time { day, hour, minute } => {
            let on = match day {
                Some(d) => resolve(d, anchor, tense)?.1,
                None => anchor.map_or_else(|| "XXXX-XX-XX".to_owned(), ymd),
            };
            Some((Kind::Time, format!("{on}T{hour:02}:{minute:02}")))
        }
        Raw::PartOfDay { day, part } => {
            let on = resolve(day, anchor, tense)?.1;
            // TimeBank: "Friday night" is the DATE Friday, "this morning" and
            // "last night" TIMEs.
            match **day {
                Raw::Shift { .. } => Some((Kind::Time, format!("{on}T{part}"))),
                _ => Some((Kind::Date, on)),
            }
        }
        Raw::Holiday {
            holiday,
            year: y,
            shift,
            week,
        } => {
            let day = match (y, anchor) {
                (Some(y), _) => holiday.day_in(*y),
                (None, Some(a)) => holiday_near(*holiday, a, *shift, tense, *week),
                (None, None) => return date(if *week { "XXXX-WXX" } else { "XXXX-XX-XX" }.into()),
            };
            if *week {
                let (y, w) = iso_week(day);
                date(format!("{}-W{w:02}", year(y)))
            } else {
                date(ymd(day))
            }
        }
        Raw::Weekend => {
            let Some(a) = anchor else {
                return date("XXXX-WXX-WE".to_owned());
            };
            // Saturday and Sunday are in the weekend; any other day looks back.
            let weekday = weekday_from_days(a);
            let day = if weekday >= 5 { a } else { a - 7 };
            let (y, w) = iso_week(day);
            date(format!("{}-W{w:02}-WE", year(y)))
        }
        Raw::InYear { inner, n } => {
            let year = anchor.map(|a| civil_from_days(a).0 + n);
            let fixed = match (&**inner, year) {
                (Raw::Day { month, day, .. }, Some(y)) => Raw::Day {
                    year: Some(y),
                    month: *month,
                    day: *day,
                },
                (Raw::Month { month, .. }, Some(y)) => Raw::Month {
                    year: Some(y),
                    month: *month,
                },
                (Raw::Quarter { n, half, .. }, Some(y)) => Raw::Quarter {
                    year: Some(y),
                    n: *n,
                    half: *half,
                },
                (other, _) => other.clone(),
            };
            resolve(&fixed, anchor, tense)
        }
    }
}

/// The day of a named day without a year: the last one before the anchor
/// ("last Thanksgiving"), this year's, the next one after it, or by the
/// sentence's tense as a day without a year.
/// For its week, the week's Monday is compared ("as Easter week began").
fn holiday_near(
    holiday: Holiday,
    anchor: Day,
    shift: Option<i64>,
    tense: Tense,
    week: bool,
) -> Day {
    let (ay, _, _) = civil_from_days(anchor);
    let days = [ay - 1, ay, ay + 1].map(|y| {
        let day = holiday.day_in(y);
        if week {
            day - i64::from(weekday_from_days(day))
        } else {
            day
        }
    });
    let last_before = |strict: bool| {
        days.into_iter()
            .rev()
            .find(|&d| d < anchor || (!strict && d == anchor))
            .unwrap_or(days[0])
    };
    let first_after = |strict: bool| {
        days.into_iter()
            .find(|&d| d > anchor || (!strict && d == anchor))
            .unwrap_or(days[2])
    };
    match (shift, tense) {
        (Some(-1), _) => last_before(true),
        (Some(1), _) => first_after(true),
        (Some(_), _) => days[1],
        (None, Tense::Past) => last_before(false),
        (None, Tense::Future) => first_after(false),
        (None, Tense::Present | Tense::Unknown) => {
            let past = last_before(false);
            let next = first_after(false);
            if 2 * (next - anchor) < anchor - past {
                next
            } else {
                past
            }
        }
    }
}

/// The anchor moved by `n` units, written at the unit's precision.
fn shift(unit: Unit, n: i64, anchor: Option<Day>) -> String {
    let Some(a) = anchor else {
        return match unit {
            Unit::Week => "XXXX-WXX".to_owned(),
            Unit::Weekend => "XXXX-WXX-WE".to_owned(),
            Unit::Month => "XXXX-XX".to_owned(),
            Unit::Quarter => "XXXX-QX".to_owned(),
            Unit::Year => "XXXX".to_owned(),
            Unit::Decade => "XXX".to_owned(),
            Unit::Century => "XX".to_owned(),
            _ => "XXXX-XX-XX".to_owned(),
        };
    };
    let (ay, am, _) = civil_from_days(a);
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => {
            let days = if unit == Unit::Day { n } else { 0 };
            ymd(a + days)
        }
        Unit::Week | Unit::Weekend => {
            let (y, w) = iso_week(a + 7 * n);
            let we = if unit == Unit::Weekend { "-WE" } else { "" };
            format!("{}-W{w:02}{we}", year(y))
        }
        Unit::Month => {
            let (y, m) = from_month_index(month_index(ay, am) + n);
            format!("{}-{m:02}", year(y))
        }
        Unit::Quarter => {
            let q = month_index(ay, am).div_euclid(3) + n;
            format!("{}-Q{}", year(q.div_euclid(4)), q.rem_euclid(4) + 1)
        }
        Unit::Year => year(ay + n),
        Unit::Decade => format!("{}", (ay.div_euclid(10) + n)),
        Unit::Century => format!("{:02}", ay.div_euclid(100) + n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i64, m: u32, d: u32) -> Day {
        days_from_civil(y, m, d)
    }

    #[test]
    fn iso_weeks() {
        assert_eq!(iso_week(day(2024, 10, 7)), (2024, 41));
        assert_eq!(iso_week(day(2024, 10, 16)), (2024, 42));
        assert_eq!(iso_week(day(2021, 1, 3)), (2020, 53));
        assert_eq!(iso_week(day(2024, 12, 30)), (2025, 1));
        assert_eq!(iso_week_monday(2024, 41), day(2024, 10, 7));
    }

    #[test]
    fn weekdays_by_tense() {
        let a = Some(day(2024, 10, 16)); // a Wednesday
        let r = |raw: Raw, t| resolve(&raw, a, t).unwrap().1;
        assert_eq!(r(Raw::Weekday(3), Tense::Past), "2024-10-16");
        assert_eq!(r(Raw::Weekday(5), Tense::Past), "2024-10-11");
        assert_eq!(r(Raw::Weekday(5), Tense::Future), "2024-10-18");
        assert_eq!(
            r(Raw::WeekdayShift { weekday: 3, n: -1 }, Tense::Past),
            "2024-10-09"
        );
        assert_eq!(
            r(Raw::WeekdayShift { weekday: 3, n: 1 }, Tense::Past),
            "2024-10-23"
        );
        assert_eq!(
            r(
                Raw::Month {
                    year: None,
                    month: 6
                },
                Tense::Past
            ),
            "2024-06"
        );
        assert_eq!(
            r(
                Raw::Month {
                    year: None,
                    month: 11
                },
                Tense::Past
            ),
            // Under 60 days ahead: a date set, this year's.
            "2024-11"
        );
        assert_eq!(
            r(
                Raw::Month {
                    year: None,
                    month: 3
                },
                Tense::Future
            ),
            "2025-03"
        );
        let week = Raw::Shift {
            unit: Unit::Week,
            n: -1,
            from_mention: false,
        };
        assert_eq!(r(week, Tense::Past), "2024-W41");
        let q = Raw::Shift {
            unit: Unit::Quarter,
            n: -1,
            from_mention: false,
        };
        assert_eq!(r(q, Tense::Past), "2024-Q3");
        let june = Some(day(2024, 6, 10));
        let november = Raw::Month {
            year: None,
            month: 11,
        };
        assert_eq!(resolve(&november, june, Tense::Past).unwrap().1, "2023-11");
        assert_eq!(
            resolve(&november, june, Tense::Unknown).unwrap().1,
            "2023-11"
        );
        assert_eq!(
            resolve(&november, june, Tense::Future).unwrap().1,
            "2024-11"
        );
        assert_eq!(
            resolve(&Raw::Weekday(3), None, Tense::Past).unwrap().1,
            "XXXX-WXX-3"
        );
    }
}
