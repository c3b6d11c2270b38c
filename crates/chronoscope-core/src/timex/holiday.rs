//! Named days of the year ("Thanksgiving", "Christmas Eve", "Easter
//! week", "Election Day"): news dates by them as often as by the calendar
//! ("found clinging to an inner tube last Thanksgiving"). Each is a rule
//! giving its day in any year (a fixed day, the nth weekday of a month, or
//! a day counted from Easter), so that the resolver can pick the last,
//! next or nearest one to a publication date like any day without a year.

use crate::calendar::{days_from_civil, days_in_month, weekday_from_days};

/// How a named day falls in a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rule {
    /// Month and day.
    Fixed(u32, u32),
    /// The nth (1-based; 0 for the last) weekday (1 = Monday) of a month.
    Nth { month: u32, weekday: u32, n: u32 },
    /// Days after Easter Sunday.
    Easter(i64),
    /// The Tuesday after the first Monday of November (United States).
    Election,
}

/// A named day, with the words that name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Holiday {
    pub name: &'static str,
    rule: Rule,
}

/// Names as capitalised word sequences (lower case here); the longest
/// that matches is taken. Only names that say a day: "Easter" alone is
/// Easter Sunday, "Ramadan" (a month of a lunar calendar) is not here.
const NAMES: &[(&[&str], Rule)] = &[
    (&["new", "year's", "day"], Rule::Fixed(1, 1)),
    (&["new", "year's", "eve"], Rule::Fixed(12, 31)),
    (&["new", "years", "day"], Rule::Fixed(1, 1)),
    (&["new", "years", "eve"], Rule::Fixed(12, 31)),
    (
        &["martin", "luther", "king", "day"],
        Rule::Nth {
            month: 1,
            weekday: 1,
            n: 3,
        },
    ),
    (&["valentine's", "day"], Rule::Fixed(2, 14)),
    (
        &["presidents'", "day"],
        Rule::Nth {
            month: 2,
            weekday: 1,
            n: 3,
        },
    ),
    (
        &["presidents", "day"],
        Rule::Nth {
            month: 2,
            weekday: 1,
            n: 3,
        },
    ),
    (&["good", "friday"], Rule::Easter(-2)),
    (&["easter", "sunday"], Rule::Easter(0)),
    (&["easter", "monday"], Rule::Easter(1)),
    (&["easter"], Rule::Easter(0)),
    (
        &["memorial", "day"],
        Rule::Nth {
            month: 5,
            weekday: 1,
            n: 0,
        },
    ),
    (&["independence", "day"], Rule::Fixed(7, 4)),
    (&["fourth", "of", "july"], Rule::Fixed(7, 4)),
    (&["bastille", "day"], Rule::Fixed(7, 14)),
    (
        &["labor", "day"],
        Rule::Nth {
            month: 9,
            weekday: 1,
            n: 1,
        },
    ),
    (&["halloween"], Rule::Fixed(10, 31)),
    (&["election", "day"], Rule::Election),
    (&["veterans", "day"], Rule::Fixed(11, 11)),
    (&["armistice", "day"], Rule::Fixed(11, 11)),
    (
        &["thanksgiving", "day"],
        Rule::Nth {
            month: 11,
            weekday: 4,
            n: 4,
        },
    ),
    (
        &["thanksgiving"],
        Rule::Nth {
            month: 11,
            weekday: 4,
            n: 4,
        },
    ),
    (&["christmas", "eve"], Rule::Fixed(12, 24)),
    (&["christmas", "day"], Rule::Fixed(12, 25)),
    (&["christmas"], Rule::Fixed(12, 25)),
    (&["boxing", "day"], Rule::Fixed(12, 26)),
];

/// Whether a named day can start with `word` (lower case): a cheap test
/// before reading the words after it.
#[must_use]
pub fn may_start(word: &str) -> bool {
    NAMES.iter().any(|(name, _)| name[0] == word)
}

/// The named day whose words start `words` (lower case) and how many words
/// it takes.
#[must_use]
pub fn named(words: &[&str]) -> Option<(Holiday, usize)> {
    NAMES
        .iter()
        .filter(|(name, _)| words.len() >= name.len() && words[..name.len()] == **name)
        .max_by_key(|(name, _)| name.len())
        .map(|(name, rule)| {
            (
                Holiday {
                    name: name.last().copied().unwrap_or_default(),
                    rule: *rule,
                },
                name.len(),
            )
        })
}

/// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm,
/// Meeus/Jones/Butcher), as days since 1970-01-01. The letters are the
/// algorithm's own, as published.
#[must_use]
#[allow(clippy::many_single_char_names)]
pub fn easter(year: i64) -> i64 {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    days_from_civil(year, month as u32, day as u32)
}

/// The nth weekday (1 = Monday) of a month; n = 0 for the last.
fn nth_weekday(year: i64, month: u32, weekday: u32, n: u32) -> i64 {
    let wd = |day: i64| i64::from(weekday_from_days(day)) + 1;
    if n == 0 {
        let last = days_from_civil(year, month, days_in_month(year, month));
        return last - (wd(last) - i64::from(weekday)).rem_euclid(7);
    }
    let first = days_from_civil(year, month, 1);
    first + (i64::from(weekday) - wd(first)).rem_euclid(7) + 7 * (i64::from(n) - 1)
}

impl Holiday {
    /// Its day in `year`, as days since 1970-01-01.
    #[must_use]
    pub fn day_in(self, year: i64) -> i64 {
        match self.rule {
            Rule::Fixed(m, d) => days_from_civil(year, m, d),
            Rule::Nth { month, weekday, n } => nth_weekday(year, month, weekday, n),
            Rule::Easter(after) => easter(year) + after,
            Rule::Election => nth_weekday(year, 11, 1, 1) + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::civil_from_days;

    fn on(words: &str, year: i64) -> (i64, u32, u32) {
        let words: Vec<&str> = words.split(' ').collect();
        let (h, n) = named(&words).unwrap();
        assert_eq!(n, words.len());
        civil_from_days(h.day_in(year))
    }

    #[test]
    fn easter_sundays() {
        for (y, m, d) in [
            (2000, 4, 23),
            (2024, 3, 31),
            (2025, 4, 20),
            (1818, 3, 22),
            (2038, 4, 25),
        ] {
            assert_eq!(civil_from_days(easter(y)), (y, m, d));
        }
    }

    #[test]
    fn days_of_named_days() {
        assert_eq!(on("thanksgiving", 1999), (1999, 11, 25));
        assert_eq!(on("thanksgiving day", 2024), (2024, 11, 28));
        assert_eq!(on("election day", 1998), (1998, 11, 3));
        assert_eq!(on("election day", 2024), (2024, 11, 5));
        assert_eq!(on("memorial day", 2024), (2024, 5, 27));
        assert_eq!(on("labor day", 2024), (2024, 9, 2));
        assert_eq!(on("good friday", 2024), (2024, 3, 29));
        assert_eq!(on("christmas eve", 2024), (2024, 12, 24));
        assert_eq!(on("fourth of july", 2024), (2024, 7, 4));
        assert_eq!(on("martin luther king day", 2025), (2025, 1, 20));
    }

    #[test]
    fn longest_name_wins() {
        let (h, n) = named(&["christmas", "eve", "party"]).unwrap();
        assert_eq!((h.name, n), ("eve", 2));
        assert!(named(&["eastern"]).is_none());
    }
}
