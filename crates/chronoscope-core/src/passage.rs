//! Making an event from a passage the analyst selected in a source: the
//! sentence it sits in, a title, and the date written in it.
//!
//! An event is born from a quote: the analyst selects a few words in a
//! source and the app proposes the whole sentence as the quote, its first
//! sentence as the title, and a date found in the passage (or failing that
//! in its sentence). Only dates written out in full are read here
//! ("3 October 2024", "Oct. 3", "June 2024", "2024-10-03"); relative
//! expressions ("last week", "on Wednesday", "in June") are left to the
//! temporal tagger (`crate::timex`), which knows the source's own date.
//!
//! All offsets are byte offsets into the text, always on character
//! boundaries: the text may be in any script.

use std::ops::Range;

use crate::model::{Date, DateParts};

// ------------------------------------------------------------- sentences

/// The byte range of the sentence(s) holding `range` in `text`: from the
/// end of the sentence before it to the end of the one `range` ends in,
/// without the white space around (unless `range` itself covers it).
///
/// Sentences end at `.`, `!`, `?` or `…` (with any closing quotes or
/// brackets after them) followed by white space or the end of the text, at
/// a CJK full stop, and at every line break (a paragraph break, or a line
/// of a list or poem). A period does not end a sentence after a title
/// ("Dr.", "Mr.", "Gen."), an initial ("J. R."), an acronym ("U.S.",
/// "e.g."), nor after a month ("Oct.") or "No." before a number; and no
/// sentence ends before a word in lower case ("etc. and", `"Why?" he asked`).
/// A period between digits ("3.5") is not followed by a space and ends
/// nothing.
///
/// `range` is clamped to the text and widened to character boundaries. An
/// empty range at the end of a sentence is taken as the start of the next.
#[must_use]
pub fn sentence_around(text: &str, range: Range<usize>) -> Range<usize> {
    let (start, end) = clamp(text, &range);
    let line_start = block_start(text, start);
    let line_end = block_end(text, end);
    let ends: Vec<usize> = sentence_ends(&text[line_start..line_end])
        .into_iter()
        .map(|e| e + line_start)
        .collect();
    let from = ends
        .iter()
        .rev()
        .find(|&&e| e <= start)
        .copied()
        .unwrap_or(line_start);
    let to = if start == end {
        ends.iter().find(|&&e| e > end)
    } else {
        ends.iter().find(|&&e| e >= end)
    }
    .copied()
    .unwrap_or(line_end);
    let sentence = &text[from..to];
    let trimmed_from = from + (sentence.len() - sentence.trim_start().len());
    let trimmed_to = from + sentence.trim_end().len();
    trimmed_from.min(start)..trimmed_to.max(end)
}

/// Whether the line break at byte `i` of `text` ends a sentence: the line
/// before ends one (a period, a question or exclamation mark, a colon, a
/// closing quote) or either line is blank. A break inside a sentence, as
/// hard-wrapped and scraped text has ("has notably" / "strengthened"),
/// does not.
fn is_hard_break(text: &str, i: usize) -> bool {
    let before = text[..i].trim_end_matches([' ', '\t', '\r']);
    let after = text[i + 1..].trim_start_matches([' ', '\t', '\r']);
    before.is_empty()
        || after.is_empty()
        || before.ends_with('\n')
        || after.starts_with('\n')
        || before.ends_with([
            '.', '!', '?', ':', '"', '\'', '\u{201D}', '\u{2019}', '\u{3002}',
        ])
}

/// Where the lines holding byte `at` start: after the last line break
/// before it that ends a sentence ([`is_hard_break`]).
fn block_start(text: &str, at: usize) -> usize {
    // A sentence is not longer than this: the walk stays bounded.
    let mut floor = at.saturating_sub(MAX_SENTENCE_BYTES);
    while !text.is_char_boundary(floor) {
        floor += 1;
    }
    let mut upto = at;
    while let Some(i) = text[floor..upto].rfind('\n').map(|i| floor + i) {
        if is_hard_break(text, i) {
            return i + 1;
        }
        upto = i;
    }
    floor
}

/// Sentences are looked for this many bytes around a passage at most, so
/// that finding one costs its own length, not the text's.
const MAX_SENTENCE_BYTES: usize = 4096;

/// Where the lines holding byte `at` end: at the first line break after it
/// that ends a sentence.
fn block_end(text: &str, at: usize) -> usize {
    let mut ceiling = (at + MAX_SENTENCE_BYTES).min(text.len());
    while !text.is_char_boundary(ceiling) {
        ceiling -= 1;
    }
    let mut from = at;
    while let Some(i) = text[from..ceiling].find('\n').map(|i| from + i) {
        if is_hard_break(text, i) {
            return i;
        }
        from = i + 1;
    }
    ceiling
}

/// `range` within `text` and on character boundaries (the start moved
/// back, the end forward), start before end.
fn clamp(text: &str, range: &Range<usize>) -> (usize, usize) {
    let mut start = range.start.min(text.len());
    let mut end = range.end.min(text.len()).max(start);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    (start, end)
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‽' | '。' | '！' | '？')
}

/// CJK sentence ends, which no space follows.
fn is_cjk_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '」' | '』'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '‹' | '(' | '[' | '「' | '『' | '¿' | '¡'
    )
}

/// Words after which a period never ends a sentence: titles and
/// abbreviations that a name or number always follows.
const TITLES: [&str; 47] = [
    "mr", "mrs", "ms", "messrs", "mme", "mlle", "dr", "prof", "rev", "fr", "st", "mt", "ft", "gen",
    "lt", "col", "maj", "capt", "cpt", "sgt", "cmdr", "adm", "brig", "gov", "sen", "rep", "reps",
    "pres", "amb", "hon", "supt", "insp", "det", "pvt", "cpl", "vs", "cf", "fig", "figs", "vol",
    "vols", "pp", "approx", "dept", "univ", "viz", "incl",
];

/// Words after which a period ends a sentence unless a number follows
/// ("Oct. 3", "No. 5", "p. 12").
const BEFORE_NUMBERS: [&str; 30] = [
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "nos", "etc", "inc", "ltd", "co", "corp", "jr", "sr", "al", "bros", "llc", "plc", "ch", "ca",
    "art", "sec", "ed",
];

/// The byte offsets in `text` where a sentence ends: just after its
/// terminator and any closing quotes.
pub(crate) fn sentence_ends(text: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut ends = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_terminator(chars[i].1) {
            i += 1;
            continue;
        }
        let run_start = i;
        while i < chars.len() && is_terminator(chars[i].1) {
            i += 1;
        }
        let run_end = i;
        while i < chars.len() && is_closer(chars[i].1) {
            i += 1;
        }
        let end = chars.get(i).map_or(text.len(), |c| c.0);
        let cjk = chars[run_start..run_end]
            .iter()
            .any(|c| is_cjk_terminator(c.1));
        if cjk {
            ends.push(end);
            continue;
        }
        if chars.get(i).is_some_and(|c| !c.1.is_whitespace()) {
            continue;
        }
        let mut k = i;
        let mut line_break = false;
        while let Some(&(_, c)) = chars.get(k).filter(|c| c.1.is_whitespace()) {
            line_break |= c == '\n';
            k += 1;
        }
        while chars.get(k).is_some_and(|c| is_opener(c.1)) {
            k += 1;
        }
        let next = chars.get(k).map(|c| c.1);
        if line_break || next.is_none() || ends_before(&chars, run_start, run_end, next) {
            ends.push(end);
        }
    }
    ends
}

/// Whether the terminators `chars[run_start..run_end]`, followed (after
/// white space and opening quotes) by `next`, end a sentence.
fn ends_before(
    chars: &[(usize, char)],
    run_start: usize,
    run_end: usize,
    next: Option<char>,
) -> bool {
    let Some(next) = next else {
        return true;
    };
    if next.is_lowercase() {
        return false;
    }
    if run_end - run_start != 1 || chars[run_start].1 != '.' {
        return true;
    }
    // The word before the period, with the periods inside it ("U.S").
    let mut w = run_start;
    while w > 0 && (chars[w - 1].1.is_alphanumeric() || chars[w - 1].1 == '.') {
        w -= 1;
    }
    let word: String = chars[w..run_start].iter().map(|c| c.1).collect();
    let word = word.trim_start_matches('.');
    if word.is_empty() || word.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let lower = word.to_lowercase();
    if word.contains('.') {
        let acronym = word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic));
        if acronym {
            // "a.m." and "p.m." end a sentence before a capital.
            return matches!(lower.as_str(), "a.m" | "p.m") && next.is_uppercase();
        }
        return true;
    }
    let mut letters = word.chars();
    if let (Some(only), None) = (letters.next(), letters.next())
        && only.is_alphabetic()
    {
        // An initial, or "p. 12".
        return only.is_lowercase() && !next.is_ascii_digit();
    }
    if TITLES.contains(&lower.as_str()) {
        return false;
    }
    if BEFORE_NUMBERS.contains(&lower.as_str()) {
        return !next.is_ascii_digit();
    }
    true
}

// ----------------------------------------------------------------- titles

/// Longest event title, in characters.
const MAX_TITLE_CHARS: usize = 100;

/// An event title from a passage: its first sentence, white space
/// collapsed, without punctuation at either end, quotes around the whole of
/// it or a final period (a quotation opened in it and not closed is
/// closed), its first letter capitalised, cut at a word to at most 100
/// characters with "…" when cut.
#[must_use]
pub fn title_from(passage: &str) -> String {
    let passage = passage.trim_start();
    let first = &passage[..sentence_around(passage, 0..0).end];
    let mut title = first.split_whitespace().collect::<Vec<_>>().join(" ");
    loop {
        let before = title.clone();
        title = title
            .trim_start_matches(|c: char| c.is_whitespace() || ",;:-–—•·*.!?…)]".contains(c))
            .trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—•·*".contains(c))
            .to_owned();
        title = unquote_whole(&title);
        title = without_final_period(&title);
        if title == before {
            break;
        }
    }
    let mut title = close_quotes(&title);
    if let Some(first) = title.chars().next()
        && first.is_lowercase()
    {
        title = first.to_uppercase().chain(title.chars().skip(1)).collect();
    }
    cut_at_word(&title, MAX_TITLE_CHARS)
}

/// Pairs of quotation marks.
const QUOTES: [(char, char); 5] = [('"', '"'), ('“', '”'), ('‘', '’'), ('«', '»'), ('\'', '\'')];

/// `text` without quotation marks around the whole of it.
fn unquote_whole(text: &str) -> String {
    for (open, close) in QUOTES {
        if let Some(inner) = text.strip_prefix(open).and_then(|t| t.strip_suffix(close))
            && !inner.contains([open, close])
        {
            return inner.to_owned();
        }
    }
    text.to_owned()
}

/// `text` without a final period, also one inside closing quotes (`said
/// "no."`); an ellipsis and the period of an acronym ("U.S.") are kept.
fn without_final_period(text: &str) -> String {
    let keeps = |before: &str| {
        before.ends_with('.') || before.rsplit(' ').next().is_some_and(|w| w.contains('.'))
    };
    if let Some(before) = text.strip_suffix('.') {
        return if keeps(before) {
            text.to_owned()
        } else {
            before.to_owned()
        };
    }
    for (_, close) in QUOTES {
        if let Some(before) = text.strip_suffix(close).and_then(|t| t.strip_suffix('.'))
            && !keeps(before)
        {
            return format!("{before}{close}");
        }
    }
    text.to_owned()
}

/// `text` with a quotation it opens and does not close closed, or closes
/// and does not open opened.
fn close_quotes(text: &str) -> String {
    let mut text = text.to_owned();
    let count = |text: &str, c: char| text.chars().filter(|&x| x == c).count();
    if count(&text, '"') % 2 == 1 {
        text.push('"');
    }
    for (open, close) in [('“', '”'), ('«', '»')] {
        let (opened, closed) = (count(&text, open), count(&text, close));
        if opened > closed {
            text.push(close);
        } else if closed > opened {
            text.insert(0, open);
        }
    }
    text
}

/// `text` cut at a word so that it has at most `max_chars` characters,
/// "…" included when it is cut.
#[must_use]
pub(crate) fn cut_at_word(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let limit = text
        .char_indices()
        .nth(max_chars.saturating_sub(1))
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..limit];
    let cut = match head.rfind(char::is_whitespace) {
        // At a word, unless that loses more than half.
        Some(space) if space > limit / 2 => &head[..space],
        _ => head,
    };
    let cut = cut.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '–' | '—')
    });
    format!("{cut}…")
}

// ------------------------------------------------------------------ dates

/// A date written out in full in `text`, and the byte range it is written
/// at.
///
/// Read, in any case, with full or abbreviated month names (with or
/// without a period, "Sept." too) and ordinal days ("3rd"):
/// - a day: "3 October 2024", "3rd of October, 2024", "October 3, 2024",
///   "Oct. 3rd 2024", "2024-10-03", and "10/03/2024" only when it cannot be
///   read two ways (one number above 12, or both the same: "25/10/2024",
///   "10/25/2024"; "03/10/2024" is skipped, as the order of its day and
///   month is unknown);
/// - a day without a year ("Oct. 3", "3 October"), in the year of
///   `reference` (the source's date), and not at all without one;
/// - a month: "June 2024", "June of 2024";
/// - a year alone, after "in", "since", "during", "until", "by" and the
///   like ("in 2023"), only when no other date is written.
///
/// The first date in the text is taken (a year alone only when there is no
/// other). "May" and "March" (and "Mar") are months only when capitalised,
/// and every month needs a day or year beside it, so "may 2 people" and
/// "the march of" are no dates, nor is "Mayor".
#[must_use]
pub fn find_date(text: &str, reference: Option<&Date>) -> Option<(Date, Range<usize>)> {
    let tokens = tokens(text);
    let mut year_alone = None;
    for i in 0..tokens.len() {
        let scan = Scan {
            text,
            tokens: &tokens,
            reference,
        };
        if let Some(found) = scan.date_at(i) {
            return Some(found);
        }
        if year_alone.is_none() {
            year_alone = scan.year_at(i);
        }
    }
    year_alone
}

/// A date in the passage `selection` of `text`, or failing that in the
/// sentence(s) around it ([`sentence_around`]); see [`find_date`].
#[must_use]
pub fn date_for(text: &str, selection: Range<usize>, reference: Option<&Date>) -> Option<Date> {
    let (start, end) = clamp(text, &selection);
    find_date(&text[start..end], reference)
        .or_else(|| {
            let sentence = sentence_around(text, start..end);
            find_date(&text[sentence], reference)
        })
        .map(|(date, _)| date)
}

/// A word or number: a run of letters and digits.
#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                tokens.push(Token {
                    start: s,
                    end: i,
                    text: &text[s..i],
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push(Token {
            start: s,
            end: text.len(),
            text: &text[s..],
        });
    }
    tokens
}

const MONTHS: [(&str, u32); 24] = [
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// Words before a year alone that make it a date ("in 2023").
const YEAR_WORDS: [&str; 15] = [
    "in",
    "since",
    "during",
    "until",
    "till",
    "by",
    "from",
    "throughout",
    "early",
    "late",
    "mid",
    "around",
    "circa",
    "before",
    "after",
];

/// A date search over the tokens of a text.
struct Scan<'a> {
    text: &'a str,
    tokens: &'a [Token<'a>],
    reference: Option<&'a Date>,
}

impl Scan<'_> {
    /// The text between tokens `i` and `i + 1`.
    fn gap(&self, i: usize) -> Option<&str> {
        let next = self.tokens.get(i + 1)?;
        Some(&self.text[self.tokens[i].end..next.start])
    }

    /// Whether the gap after token `i` is `prefix` (any of its characters,
    /// in order, each optional) then a little white space.
    fn gap_is(&self, i: usize, punctuation: &[char], space: bool) -> bool {
        let Some(mut gap) = self.gap(i) else {
            return false;
        };
        for p in punctuation {
            gap = gap.strip_prefix(*p).unwrap_or(gap);
        }
        let spaces = gap.chars().count();
        if space {
            (1..=3).contains(&spaces) && gap.chars().all(char::is_whitespace)
        } else {
            spaces == 0
        }
    }

    fn number(&self, i: usize, digits: std::ops::RangeInclusive<usize>) -> Option<u32> {
        let t = self.tokens.get(i)?.text;
        (digits.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    }

    fn year(&self, i: usize) -> Option<i64> {
        self.number(i, 4..=4).map(i64::from)
    }

    /// A day of the month: 1–31, with or without an ordinal suffix.
    fn day(&self, i: usize) -> Option<u32> {
        let t = self.tokens.get(i)?.text;
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        let suffix = t[digits..].to_ascii_lowercase();
        if !(1..=2).contains(&digits) || !matches!(suffix.as_str(), "" | "st" | "nd" | "rd" | "th")
        {
            return None;
        }
        let day: u32 = t[..digits].parse().ok()?;
        (1..=31).contains(&day).then_some(day)
    }

    fn month(&self, i: usize) -> Option<u32> {
        let t = self.tokens.get(i)?.text;
        let lower = t.to_lowercase();
        let (_, month) = MONTHS.iter().find(|(name, _)| *name == lower)?;
        // "may", "march" and "mar" are verbs in lower case.
        let verb = matches!(lower.as_str(), "may" | "march" | "mar");
        if verb && !t.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        Some(*month)
    }

    /// Whether token `i` stands alone: not glued to a number by `.`, `/`,
    /// `-`, `:` or `,` before it ("1.3 October" is no date).
    fn stands_alone(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let before = &self.text[self.tokens[i - 1].end..self.tokens[i].start];
        let glued = matches!(before, "." | "/" | "-" | ":" | ",");
        !(glued && self.number(i - 1, 1..=usize::MAX).is_some())
    }

    fn range(&self, first: usize, last: usize) -> Range<usize> {
        self.tokens[first].start..self.tokens[last].end
    }

    fn build(&self, parts: DateParts, first: usize, last: usize) -> Option<(Date, Range<usize>)> {
        Date::from_parts(parts)
            .ok()
            .map(|d| (d, self.range(first, last)))
    }

    /// A date other than a year alone, starting at token `i`.
    fn date_at(&self, i: usize) -> Option<(Date, Range<usize>)> {
        if !self.stands_alone(i) {
            return None;
        }
        self.iso_at(i)
            .or_else(|| self.numeric_at(i))
            .or_else(|| self.day_month_at(i))
            .or_else(|| self.month_first_at(i))
    }

    /// `2024-10-03` (a time may follow: `2024-10-03T09:00`).
    fn iso_at(&self, i: usize) -> Option<(Date, Range<usize>)> {
        let year = self.year(i)?;
        let month = self.number(i + 1, 2..=2)?;
        if self.gap(i)? != "-" || self.gap(i + 1)? != "-" {
            return None;
        }
        let t = self.tokens.get(i + 2)?;
        let day_text = t.text.get(..2)?;
        let rest = &t.text[2..];
        let time_follows =
            rest.starts_with(['T', 't']) && rest[1..].starts_with(|c: char| c.is_ascii_digit());
        if !day_text.bytes().all(|b| b.is_ascii_digit()) || !(rest.is_empty() || time_follows) {
            return None;
        }
        let day = day_text.parse().ok()?;
        Date::from_parts(DateParts::day(year, month, day))
            .ok()
            .map(|d| (d, self.tokens[i].start..t.start + 2))
    }

    /// `25/10/2024` or `10/25/2024`: only when the order is plain.
    fn numeric_at(&self, i: usize) -> Option<(Date, Range<usize>)> {
        let a = self.number(i, 1..=2)?;
        let b = self.number(i + 1, 1..=2)?;
        let year = self.year(i + 2)?;
        if self.gap(i)? != "/" || self.gap(i + 1)? != "/" {
            return None;
        }
        let (month, day) = match (a > 12, b > 12) {
            (true, false) => (b, a),
            (false, true) => (a, b),
            (false, false) if a == b => (a, b),
            _ => return None,
        };
        self.build(DateParts::day(year, month, day), i, i + 2)
    }

    /// `3 October 2024`, `3rd of Oct. 2024`, `3 October` (in the
    /// reference's year).
    fn day_month_at(&self, i: usize) -> Option<(Date, Range<usize>)> {
        let day = self.day(i)?;
        let mut m = i + 1;
        if self.tokens.get(m)?.text.eq_ignore_ascii_case("of") {
            if !self.gap_is(i, &[], true) {
                return None;
            }
            m += 1;
            if !self.gap_is(m - 1, &[], true) {
                return None;
            }
        } else if !self.gap_is(i, &[], true) {
            return None;
        }
        let month = self.month(m)?;
        if let Some(year) = self.year(m + 1)
            && self.gap_is(m, &['.', ','], true)
        {
            return self.build(DateParts::day(year, month, day), i, m + 1);
        }
        let year = self.reference?.year;
        self.build(DateParts::day(year, month, day), i, m)
    }

    /// `October 3, 2024`, `Oct. 3rd 2024`, `June 2024`, `June of 2024`,
    /// `Oct. 3` (in the reference's year).
    fn month_first_at(&self, i: usize) -> Option<(Date, Range<usize>)> {
        let month = self.month(i)?;
        // The month of a day that is no date ("31 April 2024") is no month.
        let after_day = i > 0
            && (self.day(i - 1).is_some()
                || (self.tokens[i - 1].text.eq_ignore_ascii_case("of")
                    && i > 1
                    && self.day(i - 2).is_some()));
        if after_day {
            return None;
        }
        if let Some(year) = self.year(i + 1)
            && self.gap_is(i, &['.', ','], true)
        {
            return self.build(
                DateParts {
                    year,
                    month: Some(month),
                    ..DateParts::default()
                },
                i,
                i + 1,
            );
        }
        if self.tokens.get(i + 1)?.text.eq_ignore_ascii_case("of")
            && self.gap_is(i, &[], true)
            && self.gap_is(i + 1, &[], true)
            && let Some(year) = self.year(i + 2)
        {
            return self.build(
                DateParts {
                    year,
                    month: Some(month),
                    ..DateParts::default()
                },
                i,
                i + 2,
            );
        }
        let day = self.day(i + 1)?;
        if !self.gap_is(i, &['.'], true) {
            return None;
        }
        // Not a time ("May 3:30") or a decimal.
        if self
            .gap(i + 1)
            .is_some_and(|g| matches!(g, ":" | "." | "/" | "-"))
        {
            return None;
        }
        if let Some(year) = self.year(i + 2)
            && self.gap_is(i + 1, &[','], true)
        {
            return self.build(DateParts::day(year, month, day), i, i + 2);
        }
        let year = self.reference?.year;
        self.build(DateParts::day(year, month, day), i, i + 1)
    }

    /// A year alone after a word such as "in" (`in 2023`, `mid-2023`).
    fn year_at(&self, i: usize) -> Option<(Date, Range<usize>)> {
        let year = self.year(i)?;
        if !(1000..=2999).contains(&year) || i == 0 {
            return None;
        }
        let word = self.tokens[i - 1].text.to_lowercase();
        let gap = &self.text[self.tokens[i - 1].end..self.tokens[i].start];
        let spaced = (1..=3).contains(&gap.chars().count()) && gap.chars().all(char::is_whitespace);
        let joined = gap == "-" && word == "mid";
        if !YEAR_WORDS.contains(&word.as_str()) || !(spaced || joined) {
            return None;
        }
        // Not the start of a longer number ("in 2023.5", "in 2023-24" is fine).
        if self
            .gap(i)
            .is_some_and(|g| matches!(g, "." | ",") && self.number(i + 1, 1..=usize::MAX).is_some())
        {
            return None;
        }
        self.build(DateParts::year(year), i, i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sentence(text: &str, needle: &str) -> String {
        let at = text.find(needle).unwrap();
        text[sentence_around(text, at..at + needle.len())].to_owned()
    }

    #[test]
    fn a_line_break_inside_a_sentence_does_not_end_it() {
        let text =
            "Title line\n\nThe relationship has notably\nstrengthened recently, in June. Next one.";
        let at = text.find("strengthened").unwrap();
        let r = sentence_around(text, at..at + 4);
        assert_eq!(
            &text[r],
            "The relationship has notably\nstrengthened recently, in June."
        );
        // A heading before a blank line stays a sentence of its own.
        let r = sentence_around(text, 0..5);
        assert_eq!(&text[r], "Title line");
    }

    #[test]
    fn the_sentence_around_a_selection() {
        let text = "First one here. The second sentence is here! And a third? Yes.";
        assert_eq!(sentence(text, "second"), "The second sentence is here!");
        assert_eq!(sentence(text, "third"), "And a third?");
        assert_eq!(sentence(text, "First"), "First one here.");
        assert_eq!(sentence(text, "Yes"), "Yes.");
        // A selection across two sentences takes both.
        assert_eq!(
            sentence(text, "here. The second"),
            "First one here. The second sentence is here!"
        );
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not_end_sentences() {
        for text in [
            "On Oct. 3 the talks began in earnest.",
            "Dr. Smith met Mr. Jones and Mrs. Brown at noon.",
            "The U.S. Security Council met at the U.N. headquarters.",
            "The book by J. R. R. Tolkien sold 3.5 million copies.",
            "Troops, tanks, etc. were seen, e.g. near the border.",
            "See No. 5 and p. 12 for details.",
            "Gen. Kim spoke at 3 p.m. today.",
        ] {
            let at = text.find("the").or_else(|| text.find("Smith")).unwrap_or(8);
            assert_eq!(&text[sentence_around(text, at..at + 2)], text, "{text}");
        }
        assert_eq!(
            sentence("It ended in Oct. The next round began.", "next"),
            "The next round began."
        );
        assert_eq!(
            sentence("They met at 9 a.m. Talks lasted hours.", "Talks"),
            "Talks lasted hours."
        );
    }

    #[test]
    fn quotes_and_line_breaks() {
        let text = "He said: \"We will go.\" Then he left.\nNew paragraph here.\n\nAnother one";
        assert_eq!(sentence(text, "We will"), "He said: \"We will go.\"");
        assert_eq!(sentence(text, "left"), "Then he left.");
        assert_eq!(sentence(text, "paragraph"), "New paragraph here.");
        assert_eq!(sentence(text, "Another"), "Another one");
        assert_eq!(
            sentence("\"Why?\" he asked. Fine.", "asked"),
            "\"Why?\" he asked."
        );
        assert_eq!(
            sentence("会議は終わった。次の会議は明日。", "次"),
            "次の会議は明日。"
        );
    }

    #[test]
    fn unicode_text_is_never_cut_inside_a_character() {
        let text = "Café — résumé 🎉 done. Next — é 🎉.";
        // A range inside "é" and inside the emoji is widened.
        let e = text.find('é').unwrap();
        let r = sentence_around(text, e + 1..e + 1);
        assert_eq!(&text[r], "Café — résumé 🎉 done.");
        let party = text.rfind('🎉').unwrap();
        let r = sentence_around(text, party + 2..party + 3);
        assert_eq!(&text[r], "Next — é 🎉.");
        // Out of range is clamped.
        assert_eq!(sentence_around(text, 1000..2000), text.len()..text.len());
        assert_eq!(sentence_around("", 0..5), 0..0);
    }

    #[test]
    fn an_empty_selection_at_a_sentence_end_is_the_next_sentence() {
        let text = "One. Two.";
        assert_eq!(&text[sentence_around(text, 4..4)], " Two.");
        assert_eq!(&text[sentence_around(text, 5..5)], "Two.");
        assert_eq!(&text[sentence_around(text, 2..2)], "One.");
    }

    #[test]
    fn titles_from_passages() {
        assert_eq!(
            title_from("  the troops crossed the border.  Then more."),
            "The troops crossed the border"
        );
        assert_eq!(
            title_from("“Any cooperation is a violation,” the official noted."),
            "“Any cooperation is a violation,” the official noted"
        );
        assert_eq!(title_from("\"We will go.\""), "We will go");
        assert_eq!(title_from("He said \"no.\""), "He said \"no\"");
        assert_eq!(title_from("Talks with the U.S."), "Talks with the U.S.");
        assert_eq!(title_from("Is it war?"), "Is it war?");
        assert_eq!(title_from("— élan vital\n\nmore"), "Élan vital");
        assert_eq!(title_from(""), "");
        assert_eq!(title_from("  ...  "), "");
        assert_eq!(title_from("Wait..."), "Wait...");
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let long = "The relationship between Moscow and Pyongyang has notably strengthened recently, culminating in a treaty signed by Russian President Vladimir Putin.";
        let title = title_from(long);
        assert_eq!(
            title,
            "The relationship between Moscow and Pyongyang has notably strengthened recently, culminating in a…"
        );
        assert!(title.chars().count() <= 100);
        let unbroken = "é".repeat(150);
        let title = title_from(&unbroken);
        assert_eq!(title.chars().count(), 100);
        assert!(title.ends_with("é…"));
        let emoji = "🎉 ".repeat(80);
        assert!(title_from(&emoji).chars().count() <= 100);
    }

    fn date(text: &str) -> Option<(String, String)> {
        find_date(text, None).map(|(d, r)| (d.to_string(), text[r].to_owned()))
    }

    #[allow(clippy::unnecessary_wraps)]
    fn pair(date: &str, written: &str) -> Option<(String, String)> {
        Some((date.to_owned(), written.to_owned()))
    }

    #[test]
    fn dates_written_in_full() {
        for (text, expected, written) in [
            ("on 3 October 2024 they", "2024-10-03", "3 October 2024"),
            ("on October 3, 2024 they", "2024-10-03", "October 3, 2024"),
            ("on October 3rd, 2024", "2024-10-03", "October 3rd, 2024"),
            ("on Oct. 3, 2024", "2024-10-03", "Oct. 3, 2024"),
            ("on 3 Oct 2024", "2024-10-03", "3 Oct 2024"),
            (
                "on the 3rd of October, 2024",
                "2024-10-03",
                "3rd of October, 2024",
            ),
            ("on Sept. 11, 2001", "2001-09-11", "Sept. 11, 2001"),
            ("ON 1ST JANUARY 2000", "2000-01-01", "1ST JANUARY 2000"),
            ("dated 2024-10-03.", "2024-10-03", "2024-10-03"),
            ("at 2024-10-03T09:12Z", "2024-10-03", "2024-10-03"),
            ("on 25/10/2024", "2024-10-25", "25/10/2024"),
            ("on 10/25/2024", "2024-10-25", "10/25/2024"),
            ("on 05/05/2024", "2024-05-05", "05/05/2024"),
            ("in June 2024 the", "2024-06", "June 2024"),
            ("in June, 2024", "2024-06", "June, 2024"),
            ("in June of 2024", "2024-06", "June of 2024"),
            ("signed in May 2024", "2024-05", "May 2024"),
            ("on March 2, 1969", "1969-03-02", "March 2, 1969"),
            ("in 2023 the", "2023", "2023"),
            ("since mid-2023", "2023", "2023"),
        ] {
            assert_eq!(date(text), pair(expected, written), "{text}");
        }
    }

    #[test]
    fn the_first_date_and_a_year_only_when_nothing_else() {
        assert_eq!(
            date("In 2023 talks began; on 5 June 2024 they ended; 2024-07-01."),
            pair("2024-06-05", "5 June 2024")
        );
        assert_eq!(
            date("June 2024, then 3 May 2025"),
            pair("2024-06", "June 2024")
        );
    }

    #[test]
    fn not_dates() {
        for text in [
            "",
            "The Mayor said 3,000 troops",
            "may 2024 be better",
            "troops march 3 miles",
            "the march of time",
            "one of 2000 soldiers",
            "on 03/10/2024",
            "on 31 April 2024",
            "2024-02-30",
            "in June",
            "last week",
            "on Wednesday",
            "3 October",
            "Oct. 3",
            "1.3 October 2024x",
            "version 1.2024",
            "3,000 troops and 2500 more",
            "at May 3:30",
            "Decimal 2024.5",
            "in 2023.5 units",
            "𝟚𝟘𝟚𝟜-𝟙𝟘-𝟘𝟛",
        ] {
            assert_eq!(date(text), None, "{text}");
        }
    }

    #[test]
    fn a_day_without_a_year_takes_the_references_year() {
        let reference = Date::parse("2024-10-16T09:12+09:00").unwrap();
        let found = |text: &str| {
            find_date(text, Some(&reference)).map(|(d, r)| (d.to_string(), text[r].to_owned()))
        };
        assert_eq!(found("on Oct. 3 they"), pair("2024-10-03", "Oct. 3"));
        assert_eq!(found("on 3 October they"), pair("2024-10-03", "3 October"));
        assert_eq!(found("on October 3rd"), pair("2024-10-03", "October 3rd"));
        assert_eq!(found("in June"), None);
        assert_eq!(found("on 30 February"), None);
    }

    #[test]
    fn a_date_for_a_selection_looks_in_its_sentence() {
        let text = "Talks began on 3 October 2024 in Seoul. The troops arrived later. In June 2025 they left.";
        let troops = text.find("troops").unwrap();
        // Nothing in the sentence of "troops".
        assert_eq!(date_for(text, troops..troops + 6, None), None);
        let seoul = text.find("Seoul").unwrap();
        assert_eq!(
            date_for(text, seoul..seoul + 5, None),
            Date::parse("2024-10-03").ok()
        );
        // The selection's own date before its sentence's.
        let june = text.find("June").unwrap();
        assert_eq!(
            date_for(text, june..text.len(), None),
            Date::parse("2025-06").ok()
        );
        assert_eq!(date_for(text, 5000..6000, None), None);
    }

    #[test]
    fn the_bundled_articles_sentences() {
        let text = include_str!("../../../assets/nk-troops-article.txt");
        assert_eq!(
            sentence(text, "six North Korean"),
            "This briefing followed reports of six North Korean fatalities in a Ukrainian missile strike on Russian-occupied territory earlier this month."
        );
        assert_eq!(
            sentence(text, "violation of"),
            "“Any cooperation that indirectly or directly helps North Korea strengthen its military force is a violation of U.N. Security Council resolutions,” the official noted, calling for an immediate cessation of these military dealings."
        );
        let at = text.find("summit in Pyongyang").unwrap();
        // "in June" is relative: no date here.
        let reference = Date::parse("2024-10-16").unwrap();
        assert_eq!(date_for(text, at..at + 6, Some(&reference)), None);
        assert_eq!(
            title_from(&text[text.find("An official").unwrap()..]),
            "An official from the ministry highlighted the seriousness with which South Korea is treating these…"
        );
    }

    #[test]
    fn dates_in_unicode_text() {
        let text = "Le 3 October 2024 — café 🎉 à Séoul";
        let (d, r) = find_date(text, None).unwrap();
        assert_eq!(d, Date::parse("2024-10-03").unwrap());
        assert_eq!(&text[r], "3 October 2024");
        assert_eq!(find_date("é🎉—", None), None);
    }

    proptest! {
        #[test]
        fn sentence_around_contains_the_range_on_char_boundaries(
            text in "(\\PC|[.!?\"' \n]|Oct\\.|U\\.S\\.|é|🎉|—){0,60}",
            a in 0usize..400,
            b in 0usize..400,
        ) {
            let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let start = bounds[a % bounds.len()];
            let end = bounds[b % bounds.len()];
            let (start, end) = (start.min(end), start.max(end));
            let r = sentence_around(&text, start..end);
            prop_assert!(r.start <= start && r.end >= end, "{r:?} {start}..{end}");
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            prop_assert!(r.end <= text.len());
        }

        #[test]
        fn find_date_never_panics(
            text in "(\\PC|[0-9/.,\\- ]|Oct\\.|May|3rd|2024|of){0,40}",
            year in proptest::option::of(-10_000i64..10_000),
        ) {
            let reference = year.map(|y| Date::from_parts(DateParts::year(y)).unwrap());
            if let Some((_, r)) = find_date(&text, reference.as_ref()) {
                prop_assert!(text.get(r).is_some());
            }
            let _ = date_for(&text, 0..text.len() / 2, reference.as_ref());
            let _ = title_from(&text);
        }
    }
}
