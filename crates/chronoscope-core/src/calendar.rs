//! Proleptic Gregorian calendar arithmetic on plain integers.
//!
//! Chronoscope places every date on one axis of seconds since 1970-01-01T00:00:00Z
//! (astronomical year numbering: year 0 is 1 BCE). `chrono` stops at ±262,143 years,
//! but timelines reach into deep time, so the few calendar formulas the axis needs
//! (days ↔ civil date, weekday, month lengths) live here, exact for any `i64` year
//! whose seconds fit in an `f64` axis. The tests check them against `chrono`.

/// Seconds in one day.
pub const SECS_PER_DAY: i64 = 86_400;

/// Average length of a Gregorian year in seconds (365.2425 days).
pub const SECS_PER_YEAR: f64 = 365.2425 * 86_400.0;

/// English month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Three-letter English weekday names, Monday first.
pub const WEEKDAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// Whether `year` (astronomical numbering) is a Gregorian leap year.
#[must_use]
pub fn is_leap_year(year: i64) -> bool {
    year.rem_euclid(4) == 0 && (year.rem_euclid(100) != 0 || year.rem_euclid(400) == 0)
}

/// Number of days in `month` (1–12) of `year`; 0 for a month out of range.
#[must_use]
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of the civil date `year-month-day`.
///
/// `month` is 1–12 and `day` 1–31; out-of-range values are not checked here
/// (callers validate first). Howard Hinnant's `days_from_civil`.
#[must_use]
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let m = i64::from(month);
    let mp = (m + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

/// The civil date `(year, month, day)` of `days` since 1970-01-01.
#[must_use]
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32; // [1, 31]
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32; // [1, 12]
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Weekday of `days` since 1970-01-01: 0 = Monday … 6 = Sunday.
#[must_use]
pub fn weekday_from_days(days: i64) -> u32 {
    // 1970-01-01 was a Thursday (index 3).
    (days + 3).rem_euclid(7) as u32
}

/// Seconds since the epoch of the first instant of `year-month-day` (UTC).
#[must_use]
pub fn seconds_from_civil(year: i64, month: u32, day: u32) -> f64 {
    days_from_civil(year, month, day) as f64 * SECS_PER_DAY as f64
}

/// A year in astronomical numbering as a reader expects it: `2024`, `500 BCE`.
///
/// Year 0 is 1 BCE, year -499 is 500 BCE.
#[must_use]
pub fn year_label(year: i64) -> String {
    if year <= 0 {
        format!("{} BCE", group_thousands(1 - year))
    } else if year >= 10_000 {
        group_thousands(year)
    } else {
        year.to_string()
    }
}

/// The day containing `seconds` (axis seconds), for readers: `5 Mar 2004`,
/// `1 Jan 500 BCE`.
#[must_use]
pub fn day_label(seconds: f64) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    #[allow(clippy::cast_possible_truncation)] // clamped to the axis' range first
    let days = (seconds.clamp(-5e17, 5e17) / 86_400.0).floor() as i64;
    let (year, month, day) = civil_from_days(days);
    let month = MONTHS[(month as usize).clamp(1, 12) - 1];
    format!("{day} {month} {}", year_label(year))
}

/// `12345678` → `12,345,678`.
#[must_use]
pub fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike as _, NaiveDate};

    #[test]
    fn day_labels_name_the_day_containing_a_time() {
        let t = seconds_from_civil(2004, 3, 5);
        assert_eq!(day_label(t), "5 Mar 2004");
        assert_eq!(day_label(t + 86_399.0), "5 Mar 2004");
        assert_eq!(day_label(t - 1.0), "4 Mar 2004");
        assert_eq!(day_label(seconds_from_civil(-499, 1, 1)), "1 Jan 500 BCE");
    }

    #[test]
    fn civil_round_trip_matches_chrono_over_many_centuries() {
        let mut d = NaiveDate::from_ymd_opt(-9999, 1, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        while d <= end {
            let days = days_from_civil(i64::from(d.year()), d.month(), d.day());
            assert_eq!(days, (d - epoch).num_days(), "{d}");
            assert_eq!(
                civil_from_days(days),
                (i64::from(d.year()), d.month(), d.day())
            );
            assert_eq!(weekday_from_days(days), d.weekday().num_days_from_monday());
            d = d + chrono::Days::new(13);
        }
    }

    #[test]
    fn leap_years_follow_gregorian_rules() {
        assert!(is_leap_year(2024));
        assert!(is_leap_year(2000));
        assert!(!is_leap_year(1900));
        assert!(is_leap_year(0));
        assert!(is_leap_year(-4));
        assert!(!is_leap_year(-100));
        assert_eq!(days_in_month(2023, 2), 28);
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2024, 13), 0);
    }

    #[test]
    fn deep_time_round_trips() {
        for year in [-13_800_000_000_i64, -65_000_000, 1_000_000_000] {
            let days = days_from_civil(year, 3, 1);
            assert_eq!(civil_from_days(days), (year, 3, 1));
        }
    }

    #[test]
    fn year_labels_read_as_bce_before_year_one() {
        assert_eq!(year_label(2024), "2024");
        assert_eq!(year_label(1), "1");
        assert_eq!(year_label(0), "1 BCE");
        assert_eq!(year_label(-499), "500 BCE");
        assert_eq!(year_label(-9999), "10,000 BCE");
        assert_eq!(year_label(12_000), "12,000");
    }
}
