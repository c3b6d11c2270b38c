//! The words the tagger knows: month, weekday, season and number names,
//! units of time and the modifiers that shade an expression ("early",
//! "about"). One place, so the rules in `scan.rs` read as rules.

/// The month (1–12) a word names: full names and abbreviations ("sept").
#[must_use]
pub fn month(word: &str) -> Option<u32> {
    Some(match word {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// The weekday (1 = Monday … 7 = Sunday) a word names.
#[must_use]
pub fn weekday(word: &str) -> Option<u32> {
    Some(match word {
        "monday" | "mondays" => 1,
        "tuesday" | "tuesdays" => 2,
        "wednesday" | "wednesdays" => 3,
        "thursday" | "thursdays" => 4,
        "friday" | "fridays" => 5,
        "saturday" | "saturdays" => 6,
        "sunday" | "sundays" => 7,
        _ => return None,
    })
}

/// The TIMEX3 season code of a word ("SP", "SU", "FA", "WI").
#[must_use]
pub fn season(word: &str) -> Option<&'static str> {
    Some(match word {
        "spring" => "SP",
        "summer" => "SU",
        "autumn" | "fall" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// A part of the day's TIMEX3 code ("MO", "AF", "EV", "NI").
#[must_use]
pub fn part_of_day(word: &str) -> Option<&'static str> {
    Some(match word {
        "morning" | "mornings" => "MO",
        "afternoon" | "afternoons" => "AF",
        "evening" | "evenings" => "EV",
        "night" | "nights" => "NI",
        _ => return None,
    })
}

/// A unit of time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The unit a word names and whether it is plural ("days" → Day, true).
    #[must_use]
    pub fn parse(word: &str) -> Option<(Unit, bool)> {
        let (unit, plural) = match word {
            "second" => (Unit::Second, false),
            "seconds" => (Unit::Second, true),
            "minute" | "min" => (Unit::Minute, false),
            "minutes" | "mins" => (Unit::Minute, true),
            "hour" | "hr" => (Unit::Hour, false),
            "hours" | "hrs" => (Unit::Hour, true),
            "day" => (Unit::Day, false),
            "days" => (Unit::Day, true),
            "week" => (Unit::Week, false),
            "weeks" => (Unit::Week, true),
            "weekend" => (Unit::Weekend, false),
            "weekends" => (Unit::Weekend, true),
            "month" => (Unit::Month, false),
            "months" => (Unit::Month, true),
            "quarter" => (Unit::Quarter, false),
            "quarters" => (Unit::Quarter, true),
            "year" | "yr" => (Unit::Year, false),
            "years" | "yrs" => (Unit::Year, true),
            "decade" => (Unit::Decade, false),
            "decades" => (Unit::Decade, true),
            "century" => (Unit::Century, false),
            "centuries" => (Unit::Century, true),
            _ => return None,
        };
        Some((unit, plural))
    }

    /// The TIMEX3 duration of `n` units ("P3D", "PT5H", "P1DE"); `None`
    /// for "some" (`PXD`).
    #[must_use]
    pub fn duration(self, n: Option<f64>) -> String {
        // "2 1/2 years" is two years and six months, "5 1/2 hours" five
        // hours and thirty minutes: the fraction in the next smaller unit.
        if let Some(n) = n.filter(|n| n.fract() != 0.0 && *n > 0.0) {
            let whole = n.trunc() as i64;
            let part = |per: f64| {
                let p = n.fract() * per;
                (p.fract() == 0.0).then_some(p as i64)
            };
            let split = match self {
                Unit::Year => part(12.0).map(|m| format!("P{whole}Y{m}M")),
                Unit::Week => part(7.0).map(|d| format!("P{whole}W{d}D")),
                Unit::Day => part(24.0).map(|h| format!("P{whole}DT{h}H")),
                Unit::Hour => part(60.0).map(|m| format!("PT{whole}H{m}M")),
                Unit::Minute => part(60.0).map(|s| format!("PT{whole}M{s}S")),
                _ => None,
            };
            if let Some(split) = split {
                // "P0Y6M" → "P6M".
                return split
                    .replace("P0Y", "P")
                    .replace("P0W", "P")
                    .replace("P0DT", "PT")
                    .replace("PT0H", "PT")
                    .replace("PT0M", "PT");
            }
        }
        let amount = match n {
            Some(n) if n.fract() == 0.0 => format!("{}", n as i64),
            Some(n) => format!("{n}"),
            None => "X".to_owned(),
        };
        match self {
            Unit::Second => format!("PT{amount}S"),
            Unit::Minute => format!("PT{amount}M"),
            Unit::Hour => format!("PT{amount}H"),
            Unit::Day => format!("P{amount}D"),
            Unit::Week => format!("P{amount}W"),
            Unit::Weekend => format!("P{amount}WE"),
            Unit::Month => format!("P{amount}M"),
            Unit::Quarter => format!("P{amount}Q"),
            Unit::Year => format!("P{amount}Y"),
            // TimeBank writes decades and centuries in years.
            Unit::Decade => match n {
                Some(n) => format!("P{}Y", (n * 10.0) as i64),
                None => "PXDE".to_owned(),
            },
            Unit::Century => match n {
                Some(n) => format!("P{}Y", (n * 100.0) as i64),
                None => "PXCE".to_owned(),
            },
        }
    }

    /// English name, singular or plural.
    #[must_use]
    pub fn name(self, plural: bool) -> &'static str {
        let (one, many) = match self {
            Unit::Second => ("second", "seconds"),
            Unit::Minute => ("minute", "minutes"),
            Unit::Hour => ("hour", "hours"),
            Unit::Day => ("day", "days"),
            Unit::Week => ("week", "weeks"),
            Unit::Weekend => ("weekend", "weekends"),
            Unit::Month => ("month", "months"),
            Unit::Quarter => ("quarter", "quarters"),
            Unit::Year => ("year", "years"),
            Unit::Decade => ("decade", "decades"),
            Unit::Century => ("century", "centuries"),
        };
        if plural { many } else { one }
    }
}

/// The number a word spells ("three" → 3, "a" → 1, "dozen" → 12).
#[must_use]
pub fn number_word(word: &str) -> Option<f64> {
    Some(match word {
        "a" | "an" | "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" | "dozen" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "hundred" => 100.0,
        "half" => 0.5,
        _ => return None,
    })
}

/// An ordinal word's number ("third" → 3).
#[must_use]
pub fn ordinal_word(word: &str) -> Option<u32> {
    Some(match word {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "twenty-first" => 21,
        _ => return None,
    })
}

/// Words meaning an unknown number ("several days" → `PXD`).
#[must_use]
pub fn vague_number(word: &str) -> bool {
    matches!(
        word,
        "several" | "few" | "many" | "some" | "couple" | "numerous"
    )
}

/// The decade a word names ("nineties" → 9), for "the nineties".
#[must_use]
pub fn decade_word(word: &str) -> Option<u32> {
    Some(match word {
        "twenties" => 2,
        "thirties" => 3,
        "forties" => 4,
        "fifties" => 5,
        "sixties" => 6,
        "seventies" => 7,
        "eighties" => 8,
        "nineties" => 9,
        _ => return None,
    })
}

/// The TIMEX3 mod a word before an expression gives ("early" → START),
/// and how many words it takes (1 or 2: "more than").
#[must_use]
pub fn modifier(first: &str, second: Option<&str>) -> Option<(&'static str, usize)> {
    let two = match (first, second) {
        ("more" | "over", Some("than")) => Some("MORE_THAN"),
        ("less" | "fewer", Some("than")) => Some("LESS_THAN"),
        ("at", Some("least")) => Some("EQUAL_OR_MORE"),
        ("at", Some("most")) | ("up", Some("to")) | ("no", Some("more")) => Some("EQUAL_OR_LESS"),
        _ => None,
    };
    if let Some(m) = two {
        return Some((m, 2));
    }
    let one = match first {
        "early" | "earlier" => "START",
        "mid" | "middle" => "MID",
        "late" | "later" => "END",
        "about" | "around" | "approximately" | "roughly" | "some" | "nearly" | "almost"
        | "circa" | "ca" => "APPROX",
        _ => return None,
    };
    Some((one, 1))
}
