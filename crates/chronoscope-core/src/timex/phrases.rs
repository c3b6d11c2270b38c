//! Phrases read besides the scanner's core rules: named days
//! ("Thanksgiving", "Easter week"), the year a company reports on ("the
//! year ended March 31", "for the full year"), days and years referred back
//! to ("that same day", "later that year"), quarters of a named year ("the
//! 1988 second quarter", "next year's first quarter").

use super::Kind;
use super::holiday;
use super::lexicon::Unit;
use super::scan::{Hit, Raw, Scanner, TokKind};

type Core = Option<(usize, Raw)>;

/// The words from token `i` with a possessive glued back ("year", "'",
/// "s" → "year's"), as the names of named days are written.
fn apostrophes_joined(words: &[&str], scanner: &Scanner<'_, '_>, i: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut k = 0;
    while k < words.len() {
        let at = i + k;
        let mut word = words[k].to_owned();
        if scanner.joined(at) && scanner.mark(at + 1, &["'", "’"]) {
            word.push('\'');
            k += 1;
            if scanner.joined(at + 1) && scanner.is(at + 2, &["s"]) {
                word.push('s');
                k += 1;
            }
        }
        out.push(word);
        k += 1;
    }
    out
}

impl Scanner<'_, '_> {
    /// A named day at `i` ("Thanksgiving", "Christmas Eve 2023", "Easter
    /// week"), capitalised, with a shift before it already read.
    pub(super) fn holiday(&self, i: usize, shift: Option<i64>) -> Core {
        if !self.capitalised(i) || !holiday::may_start(self.w(i)) {
            return None;
        }
        let words: Vec<&str> = (i..(i + 8).min(self.toks.len()))
            .map(|k| self.w(k))
            .collect();
        let words = apostrophes_joined(&words, self, i);
        let (holiday, taken) =
            holiday::named(&words.iter().map(String::as_str).collect::<Vec<_>>())?;
        // Tokens taken: a "'s" is three tokens ("year", "'", "s").
        let mut end = i;
        let mut left = taken;
        while left > 0 {
            end += if self.joined(end) && self.mark(end + 1, &["'", "’"]) {
                if self.joined(end + 1) && self.is(end + 2, &["s"]) {
                    3
                } else {
                    2
                }
            } else {
                1
            };
            left -= 1;
        }
        // "Easter Island", "Christmas trees", "Easter eggs": not days.
        if self.is(
            end,
            &[
                "island",
                "tree",
                "trees",
                "card",
                "cards",
                "carol",
                "carols",
                "egg",
                "eggs",
                "rising",
                "offensive",
            ],
        ) {
            return None;
        }
        let mut year = None;
        let mut week = false;
        if self.is(end, &["week"]) {
            week = true;
            end += 1;
        } else if self.is(end, &["of"])
            && let Some(y) = self.year(end + 1)
        {
            year = Some(y);
            end += 2;
        } else if let Some(y) = self.year(end + usize::from(self.mark(end, &[","]))) {
            year = Some(y);
            end += 1 + usize::from(self.mark(end, &[","]));
        }
        Some((
            end,
            Raw::Holiday {
                holiday,
                year,
                shift,
                week,
            },
        ))
    }

    /// "the year ended March 31" (a company's year: a duration), "the full
    /// year", "the fiscal year", "for the year," (this year), "the year
    /// two thousand".
    pub(super) fn the_year(&self, i: usize) -> Core {
        if !self.is(i, &["the"]) {
            return None;
        }
        let mut j = i + 1;
        let named = self.is(j, &["full", "current", "fiscal"]);
        if self.is(j, &["full", "current"]) {
            j += 1;
        }
        if self.is(j, &["fiscal"]) {
            j += 1;
        }
        if !self.is(j, &["year"]) || (self.joined(j) && self.mark(j + 1, &["-"])) {
            return None;
        }
        let end = j + 1;
        if self.is(end, &["ended", "ending"]) {
            return Some((end, Raw::Fixed(Kind::Duration, "P1Y".into())));
        }
        if let Some(y) = self.year(end) {
            return Some((end + 1, Raw::Year(y)));
        }
        if let Some(found @ (_, Raw::Year(_))) = self.spoken_year(end) {
            return Some(found);
        }
        let this = Raw::Shift {
            unit: Unit::Year,
            n: 0,
            from_mention: false,
        };
        // "for the year," "through the first nine months of the year."
        let closed = self.toks.get(end).is_none() || self.mark(end, &[",", ".", ";", ":", ")"]);
        let after = i > 0
            && self.is(
                i - 1,
                &["for", "of", "in", "through", "throughout", "during"],
            );
        (named || (closed && after)).then_some((end, this))
    }

    /// "that day", "that same year", "earlier that day", "later that
    /// year": the day, month or year of the date last mentioned.
    pub(super) fn that_unit(&self, i: usize) -> Core {
        let mut j = i;
        if self.is(j, &["earlier", "later"]) {
            j += 1;
        }
        if !self.is(j, &["that"]) {
            return None;
        }
        j += 1;
        if self.is(j, &["same"]) {
            j += 1;
        }
        let (unit, false) = Unit::parse(self.w(j))? else {
            return None;
        };
        // "said that year-end results…", "that day-to-day work".
        if !matches!(unit, Unit::Day | Unit::Week | Unit::Month | Unit::Year)
            || (self.joined(j) && self.mark(j + 1, &["-"]))
        {
            return None;
        }
        Some((j + 1, Raw::That { unit }))
    }

    /// A quarter or half of a named or relative year: "the 1988 second
    /// quarter", "this year's third quarter", "next year's first quarter",
    /// "the last half of 1989", "the 1988 period"; and "the week of
    /// March 6".
    pub(super) fn quarter_of_year(&self, i: usize) -> Core {
        if self.is(i, &["the"])
            && let Some(y) = self.year(i + 1)
            && let Some((
                end,
                Raw::Quarter {
                    year: None,
                    n,
                    half,
                },
            )) = self.ordinal_phrase(i + 2)
        {
            return Some((
                end,
                Raw::Quarter {
                    year: Some(y),
                    n,
                    half,
                },
            ));
        }
        if self.is(i, &["the"])
            && let Some(year) = self.year(i + 1)
            && self.is(i + 2, &["quarter", "period"])
        {
            return Some((i + 3, Raw::ReportedQuarter { year }));
        }
        // "the week of March 6"
        if self.is(i, &["the"])
            && self.is(i + 1, &["week"])
            && self.is(i + 2, &["of"])
            && let Some((end, day @ Raw::Day { .. })) = self.core(i + 3)
        {
            return Some((end, Raw::WeekOf(Box::new(day))));
        }
        if self.is(i + 1, &["year"])
            && self.joined(i + 1)
            && self.mark(i + 2, &["'", "’"])
            && self.is(i + 3, &["s"])
        {
            let n = match self.w(i) {
                "last" => -1,
                "this" => 0,
                "next" => 1,
                _ => return None,
            };
            if let Some((end, raw @ Raw::Quarter { year: None, .. })) = self.ordinal_phrase(i + 4) {
                let inner = Box::new(raw);
                return Some((end, Raw::InYear { inner, n }));
            }
            return None;
        }
        if self.is(i, &["the"])
            && self.is(i + 1, &["last"])
            && self.is(i + 2, &["half", "quarter"])
            && self.is(i + 3, &["of"])
            && let Some(y) = self.year(i + 4)
        {
            let half = self.is(i + 2, &["half"]);
            let n = if half { 2 } else { 4 };
            return Some((
                i + 5,
                Raw::Quarter {
                    year: Some(y),
                    n,
                    half,
                },
            ));
        }
        None
    }

    /// The second day of "April 24 and 25", "on 3 or 4 May": a day after
    /// a date's day, in its month and year.
    pub(super) fn second_day(&self, hit: &Hit) -> Option<Hit> {
        let Raw::Day { year, month, .. } = hit.raw else {
            return None;
        };
        let at = hit.end;
        if !self.is(at, &["and", "or"]) || self.kind(at - 1) != Some(TokKind::Num) {
            return None;
        }
        let (day, end) = self.day(at + 1)?;
        // "April 24 and 25 people": only a clause's end or a little word after.
        let after_ok = match self.toks.get(end) {
            None => true,
            Some(t) if t.kind == TokKind::Mark => true,
            Some(_) => self.is(
                end,
                &[
                    "in", "at", "on", "and", "when", "as", "but", "with", "for", "to", "by",
                    "from", "the",
                ],
            ),
        };
        after_ok.then_some(Hit {
            first: at + 1,
            end,
            raw: Raw::Day { year, month, day },
            modifier: None,
        })
    }
}
