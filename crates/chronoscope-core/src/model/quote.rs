//! Finding an evidence quote in its source text.
//!
//! Quotes are copied by people from web pages, PDFs and scraped text, so the
//! characters rarely match the source exactly: whitespace runs differ, scraped
//! text breaks lines inside words ("arms tr\nade"), and quotation marks and
//! apostrophes come straight in one and typographic in the other. Matching
//! therefore compares a normalised form of both: whitespace removed, quote
//! marks and dashes folded to one form. An ellipsis in the quote ("…" or "...")
//! stands for elided text: the parts are found in order and the match spans them.
//! The result is a byte range in the original text, ready to highlight.
//!
//! A quote that occurs more than once is found where it first occurs, or,
//! given a hint of where it was taken ([`locate_near`]), at the occurrence
//! nearest the hint. [`CharOffsets`] turns the character offsets files give
//! hints in into byte offsets and back.

use std::ops::Range;

/// Folds one character to its comparison form; `None` drops it (whitespace).
fn fold(c: char) -> Option<char> {
    match c {
        c if c.is_whitespace() => None,
        // Soft hyphen and zero-width characters are invisible in the source.
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' => None,
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
            Some('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => Some('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => Some('-'),
        c => Some(c),
    }
}

/// A normalised copy of a text with, for each byte of it, the byte range of
/// the original character it came from.
struct Normalised {
    text: String,
    origin: Vec<Range<usize>>,
}

impl Normalised {
    fn new(original: &str, lowercase: bool) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len());
        for (at, c) in original.char_indices() {
            let Some(folded) = fold(c) else { continue };
            let span = at..at + c.len_utf8();
            if lowercase {
                for lower in folded.to_lowercase() {
                    push_char(&mut text, &mut origin, lower, &span);
                }
            } else {
                push_char(&mut text, &mut origin, folded, &span);
            }
        }
        Self { text, origin }
    }

    /// The original byte range covering normalised bytes `range`.
    fn original_range(&self, range: Range<usize>) -> Option<Range<usize>> {
        let first = self.origin.get(range.start)?;
        let last = self.origin.get(range.end.checked_sub(1)?)?;
        Some(first.start..last.end)
    }
}

fn push_char(text: &mut String, origin: &mut Vec<Range<usize>>, c: char, span: &Range<usize>) {
    text.push(c);
    for _ in 0..c.len_utf8() {
        origin.push(span.clone());
    }
}

/// Splits a quote at elisions ("…" or "..."), dropping empty parts.
fn parts(quote: &str) -> Vec<&str> {
    quote
        .split('…')
        .flat_map(|p| p.split("..."))
        .filter(|p| p.chars().any(|c| fold(c).is_some()))
        .collect()
}

/// Locates `quote` in `text`, returning the byte range of `text` it covers.
///
/// Exact characters are tried first after normalisation, then a
/// case-insensitive match. Returns `None` when the quote is empty or absent.
/// For many quotes in one text, a [`Haystack`] normalises the text once.
#[must_use]
pub fn locate(text: &str, quote: &str) -> Option<Range<usize>> {
    Haystack::new(text).locate(quote)
}

/// Locates `quote` in `text` as [`locate`] does, but where it occurs more
/// than once, at the occurrence that starts nearest byte `hint` (of an
/// elided quote, the occurrence of its first part; the other parts follow
/// it). An exact-case match is still preferred to one that ignores case.
#[must_use]
pub fn locate_near(text: &str, quote: &str, hint: usize) -> Option<Range<usize>> {
    Haystack::new(text).locate_near(quote, hint)
}

/// Characters between offsets taken: a text's byte offset of every
/// [`CHAR_STRIDE`]th character, so that a character offset (as files give
/// them: the same in any encoding) becomes a byte offset, and back, by a
/// short walk instead of a count from the start. Nothing is kept for an
/// ASCII text, whose characters are its bytes.
pub struct CharOffsets<'a> {
    text: &'a str,
    /// Byte offset of characters 0, `CHAR_STRIDE`, 2 × `CHAR_STRIDE`, …;
    /// `None` for an ASCII text.
    marks: Option<Vec<usize>>,
}

/// Characters between two marks of [`CharOffsets`].
const CHAR_STRIDE: usize = 128;

impl<'a> CharOffsets<'a> {
    /// The marks of `text`, made in one pass.
    #[must_use]
    pub fn new(text: &'a str) -> Self {
        let marks = (!text.is_ascii()).then(|| {
            text.char_indices()
                .step_by(CHAR_STRIDE)
                .map(|(at, _)| at)
                .collect()
        });
        Self { text, marks }
    }

    /// The byte offset of character `chars`; the text's length for a
    /// character past its end.
    #[must_use]
    pub fn byte_of(&self, chars: usize) -> usize {
        let Some(marks) = &self.marks else {
            return chars.min(self.text.len());
        };
        let Some(&mark) = marks.get(chars / CHAR_STRIDE) else {
            return self.text.len();
        };
        self.text
            .get(mark..)
            .and_then(|rest| rest.char_indices().nth(chars % CHAR_STRIDE))
            .map_or(self.text.len(), |(at, _)| mark + at)
    }

    /// The character offset of byte `byte` (of the character it falls in;
    /// the number of characters for a byte past the end).
    #[must_use]
    pub fn char_of(&self, byte: usize) -> usize {
        let Some(marks) = &self.marks else {
            return byte.min(self.text.len());
        };
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        let k = marks.partition_point(|&m| m <= byte).saturating_sub(1);
        let mark = marks.get(k).copied().unwrap_or(0);
        k * CHAR_STRIDE + self.text.get(mark..byte).map_or(0, |s| s.chars().count())
    }
}

/// A source text that quotes are looked for in: its normalised forms are
/// made once, when first needed, not once per quote (a file of twenty
/// thousand quotes in one book normalised the book forty thousand times).
/// Once [`INDEX_AFTER`] quotes were looked for in a long text, it is indexed
/// (a suffix array), so that each further quote costs about its own length:
/// a file's quotes cost in proportion to the file, not to quotes × source.
/// Shared between the threads of a load.
pub struct Haystack<'a> {
    text: &'a str,
    exact: std::sync::OnceLock<Form>,
    lower: std::sync::OnceLock<Form>,
    searches: std::sync::atomic::AtomicUsize,
    /// Character offsets, made when a hint or a location is first turned
    /// from one to the other.
    chars: std::sync::OnceLock<CharOffsets<'a>>,
}

/// Quotes looked for in a text before it is indexed.
pub const INDEX_AFTER: usize = 16;
/// Texts shorter than this are never indexed: a search costs little.
const INDEX_MIN_BYTES: usize = 64 * 1024;
/// Past this many places of a part, its first place after the previous part
/// is found by a search instead of among them.
const MANY_PLACES: usize = 4096;

/// A normalised form of the text and, once made, its index.
struct Form {
    normalised: Normalised,
    index: std::sync::OnceLock<suffix::SuffixTable<'static, 'static>>,
}

impl<'a> Haystack<'a> {
    #[must_use]
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            exact: std::sync::OnceLock::new(),
            lower: std::sync::OnceLock::new(),
            searches: std::sync::atomic::AtomicUsize::new(0),
            chars: std::sync::OnceLock::new(),
        }
    }

    /// [`locate`] in this text.
    #[must_use]
    pub fn locate(&self, quote: &str) -> Option<Range<usize>> {
        self.search(quote, |hay, index, parts, lowercase| {
            locate_parts(hay, index, parts, lowercase)
        })
    }

    /// [`locate_near`] in this text.
    #[must_use]
    pub fn locate_near(&self, quote: &str, hint: usize) -> Option<Range<usize>> {
        self.search(quote, |hay, index, parts, lowercase| {
            locate_parts_near(hay, index, parts, lowercase, hint)
                .or_else(|| locate_parts(hay, index, parts, lowercase))
        })
    }

    /// The byte offset of character `chars` of the text (its length past
    /// the end).
    #[must_use]
    pub fn byte_of_char(&self, chars: usize) -> usize {
        self.chars
            .get_or_init(|| CharOffsets::new(self.text))
            .byte_of(chars)
    }

    /// The character offset of byte `byte` of the text.
    #[must_use]
    pub fn char_of_byte(&self, byte: usize) -> usize {
        self.chars
            .get_or_init(|| CharOffsets::new(self.text))
            .char_of(byte)
    }

    /// Looks for `quote` by `find` in the exact form of the text, then in
    /// its lowercase form; the forms are made, and indexed once many quotes
    /// were looked for, on the way.
    fn search(
        &self,
        quote: &str,
        find: impl Fn(
            &Normalised,
            Option<&suffix::SuffixTable<'_, '_>>,
            &[&str],
            bool,
        ) -> Option<Range<usize>>,
    ) -> Option<Range<usize>> {
        let parts = parts(quote);
        if parts.is_empty() {
            return None;
        }
        let searches = self
            .searches
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let indexed = searches >= INDEX_AFTER && self.text.len() >= INDEX_MIN_BYTES;
        [false, true].into_iter().find_map(|lowercase| {
            let cell = if lowercase { &self.lower } else { &self.exact };
            let form = cell.get_or_init(|| Form {
                normalised: Normalised::new(self.text, lowercase),
                index: std::sync::OnceLock::new(),
            });
            let index = indexed.then(|| {
                form.index
                    .get_or_init(|| suffix::SuffixTable::new(form.normalised.text.clone()))
            });
            find(&form.normalised, index, &parts, lowercase)
        })
    }
}

fn locate_parts(
    hay: &Normalised,
    index: Option<&suffix::SuffixTable<'_, '_>>,
    parts: &[&str],
    lowercase: bool,
) -> Option<Range<usize>> {
    let mut from = 0;
    let mut start = None;
    let mut end = 0;
    for part in parts {
        let needle = Normalised::new(part, lowercase).text;
        let found = find_from(hay, index, &needle, from)?;
        start.get_or_insert(found);
        end = found + needle.len();
        from = end;
    }
    hay.original_range(start?..end)
}

/// The first place at or after `from` of `needle` (normalised) in `hay`.
fn find_from(
    hay: &Normalised,
    index: Option<&suffix::SuffixTable<'_, '_>>,
    needle: &str,
    from: usize,
) -> Option<usize> {
    let places = index.map(|index| index.positions(needle));
    match places {
        // Not in the text at all: known without reading it.
        Some([]) => None,
        Some(places) if places.len() <= MANY_PLACES => places
            .iter()
            .map(|&p| p as usize)
            .filter(|&p| p >= from)
            .min(),
        _ => {
            Some(memchr::memmem::find(hay.text.as_bytes().get(from..)?, needle.as_bytes())? + from)
        }
    }
}

/// [`locate_parts`] with the first part at its place nearest byte `hint` of
/// the original text; `None` when the parts do not all follow it.
fn locate_parts_near(
    hay: &Normalised,
    index: Option<&suffix::SuffixTable<'_, '_>>,
    parts: &[&str],
    lowercase: bool,
    hint: usize,
) -> Option<Range<usize>> {
    let (first, rest) = parts.split_first()?;
    let needle = Normalised::new(first, lowercase).text;
    let start = find_near(hay, index, &needle, hint)?;
    let mut end = start + needle.len();
    for part in rest {
        let needle = Normalised::new(part, lowercase).text;
        end = find_from(hay, index, &needle, end)? + needle.len();
    }
    hay.original_range(start..end)
}

/// The place of `needle` (normalised) in `hay` whose original text starts
/// nearest byte `hint` of the original: the one at the hint at the cost of
/// a comparison, else the nearest of the places the index gives, else the
/// nearer of the first place after the hint and the last before it.
fn find_near(
    hay: &Normalised,
    index: Option<&suffix::SuffixTable<'_, '_>>,
    needle: &str,
    hint: usize,
) -> Option<usize> {
    let bytes = hay.text.as_bytes();
    // The first normalised byte whose character starts at or after the hint.
    let at = hay.origin.partition_point(|r| r.start < hint);
    if bytes.get(at..)?.starts_with(needle.as_bytes()) {
        return Some(at);
    }
    let distance = |p: usize| {
        hay.origin
            .get(p)
            .map_or(usize::MAX, |r| r.start.abs_diff(hint))
    };
    let places = index.map(|index| index.positions(needle));
    match places {
        Some([]) => None,
        Some(places) if places.len() <= MANY_PLACES => places
            .iter()
            .map(|&p| p as usize)
            .min_by_key(|&p| (distance(p), p)),
        _ => {
            let after = memchr::memmem::find(bytes.get(at..)?, needle.as_bytes()).map(|p| p + at);
            // A place before the hint ends before `at + needle.len() - 1`.
            let before_end = (at + needle.len()).saturating_sub(1).min(bytes.len());
            let before = memchr::memmem::rfind(bytes.get(..before_end)?, needle.as_bytes());
            [before, after]
                .into_iter()
                .flatten()
                .min_by_key(|&p| (distance(p), p))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(text: &'a str, quote: &str) -> &'a str {
        let range = locate(text, quote).unwrap_or_else(|| panic!("{quote:?} not found"));
        &text[range]
    }

    #[test]
    fn regression_many_quotes_in_one_long_text_normalise_it_for_each_quote() {
        let text = "The summit in Pyongyang was held on 19 June 2024. ".repeat(20_000);
        let hay = Haystack::new(&text);
        for i in 0..300 {
            assert!(hay.locate(&format!("not to be found {i}")).is_none());
        }
        let found = hay.locate("held on 19 june").unwrap();
        assert_eq!(&text[found], "held on 19 June");
    }

    #[test]
    fn an_indexed_text_finds_what_a_search_finds() {
        let text =
            "Alpha beta. Gamma “delta” epsilon… ".repeat(3_000) + "The last words: Zeta and ETA.";
        let quotes = [
            "gamma \"delta\"",
            "Zeta and eta",
            "Alpha … epsilon",
            "The last words",
            "missing words",
            "beta… Zeta",
            "a",
        ];
        let hay = Haystack::new(&text);
        // Past INDEX_AFTER searches the index answers; both agree.
        for round in 0..3 {
            for quote in quotes {
                assert_eq!(
                    hay.locate(quote),
                    locate(&text, quote),
                    "{quote:?}, round {round}"
                );
            }
        }
        assert!(hay.searches.load(std::sync::atomic::Ordering::Relaxed) > INDEX_AFTER);
    }

    #[test]
    fn exact_quote_is_found_at_its_place() {
        let text = "One. Two three. Four.";
        assert_eq!(locate(text, "Two three"), Some(5..14));
    }

    #[test]
    fn whitespace_runs_and_line_breaks_are_tolerated() {
        let text = "the   seriousness\n\twith which South Korea";
        assert_eq!(
            found(text, "the seriousness with which"),
            "the   seriousness\n\twith which"
        );
    }

    #[test]
    fn line_break_inside_a_word_as_in_scraped_text() {
        let text = "beyond mere arms tr\nade to include troop deployment.";
        assert_eq!(
            found(text, "beyond mere arms trade to include"),
            "beyond mere arms tr\nade to include"
        );
    }

    #[test]
    fn curly_and_straight_quotes_and_apostrophes_match_each_other() {
        let text = "South Korea\u{2019}s Ministry said \u{201C}this is being closely monitored,\u{201D} it added.";
        assert_eq!(
            found(text, "South Korea's Ministry"),
            "South Korea\u{2019}s Ministry"
        );
        assert_eq!(
            found(text, "\"this is being closely monitored,\""),
            "\u{201C}this is being closely monitored,\u{201D}"
        );
        let straight = "it's \"fine\"";
        assert_eq!(
            found(straight, "it\u{2019}s \u{201C}fine\u{201D}"),
            straight
        );
    }

    #[test]
    fn case_differences_match_only_when_nothing_exact_exists() {
        let text = "Treaty signed. The treaty includes a clause.";
        assert_eq!(found(text, "The treaty"), "The treaty");
        assert_eq!(found(text, "THE TREATY INCLUDES"), "The treaty includes");
    }

    #[test]
    fn elided_quote_spans_its_parts_in_order() {
        let text = "A foreign ministry official expressed concern, the official noted, calling for a halt.";
        assert_eq!(
            found(text, "A foreign ministry official … calling for a halt"),
            "A foreign ministry official expressed concern, the official noted, calling for a halt"
        );
        assert_eq!(
            locate(text, "calling for a halt ... A foreign ministry"),
            None
        );
    }

    #[test]
    fn missing_and_empty_quotes_are_not_found() {
        let text = "Nothing to see here.";
        assert_eq!(locate(text, "something else"), None);
        assert_eq!(locate(text, ""), None);
        assert_eq!(locate(text, "  \n "), None);
        assert_eq!(locate("", "x"), None);
    }

    #[test]
    fn multibyte_text_yields_char_boundaries() {
        let text = "Über — «Zitat» ist hier — 終わり";
        let r = locate(text, "\"Zitat\" ist hier - 終わり").unwrap();
        assert_eq!(&text[r], "«Zitat» ist hier — 終わり");
    }

    #[test]
    fn a_hint_picks_the_nearest_occurrence() {
        let text = "The walls fell. Later the walls fell again. The walls fell.";
        let places: Vec<usize> = text.match_indices("walls fell").map(|(i, _)| i).collect();
        assert_eq!(places.len(), 3);
        // Without a hint: the first.
        assert_eq!(locate(text, "walls fell").map(|r| r.start), Some(places[0]));
        for &p in &places {
            assert_eq!(locate_near(text, "walls fell", p).map(|r| r.start), Some(p));
        }
        // Between two: the nearer; past the end: the last.
        assert_eq!(
            locate_near(text, "walls fell", places[1] + 3).map(|r| r.start),
            Some(places[1])
        );
        assert_eq!(
            locate_near(text, "walls fell", places[2] - 2).map(|r| r.start),
            Some(places[2])
        );
        assert_eq!(
            locate_near(text, "walls  FELL", 9_999).map(|r| r.start),
            Some(places[2])
        );
        // An exact-case match anywhere beats a case-insensitive one at the hint.
        let mixed = "WALLS FELL. walls fell.";
        assert_eq!(locate_near(mixed, "walls fell", 0), Some(12..22));
        // An elided quote: its first part near the hint, the rest after it;
        // when nothing follows that occurrence, the first that works.
        let elided = "A then B. A then B. A alone.";
        assert_eq!(locate_near(elided, "A … B", 10), Some(10..18));
        assert_eq!(locate_near(elided, "A … B", 20), Some(0..8));
        assert_eq!(locate_near(elided, "missing", 3), None);
        assert_eq!(locate_near(elided, "", 3), None);
    }

    #[test]
    fn an_indexed_text_finds_the_nearest_occurrence_too() {
        // Fewer places than MANY_PLACES, in a text long enough to index.
        let sentence = "Alpha beta gamma, then a filler sentence of some length. ";
        let text = sentence.repeat(2_000);
        let hay = Haystack::new(&text);
        for _ in 0..=INDEX_AFTER {
            let _ = hay.locate("gamma");
        }
        for hint in [0, sentence.len() * 1_000 + 5, text.len() - 3] {
            let near = hay.locate_near("beta gamma", hint).unwrap();
            assert_eq!(Some(near.clone()), locate_near(&text, "beta gamma", hint));
            assert!(
                near.start.abs_diff(hint) <= sentence.len(),
                "{near:?} for {hint}"
            );
        }
    }

    #[test]
    fn char_offsets_turn_characters_into_bytes_and_back() {
        let text = "é—x".repeat(300) + "end";
        let offsets = CharOffsets::new(&text);
        let mut chars = 0;
        for (byte, _) in text.char_indices() {
            assert_eq!(offsets.byte_of(chars), byte);
            assert_eq!(offsets.char_of(byte), chars);
            chars += 1;
        }
        assert_eq!(offsets.byte_of(chars), text.len());
        assert_eq!(offsets.byte_of(chars + 500), text.len());
        assert_eq!(offsets.char_of(text.len() + 9), chars);
        // Inside a character: that character.
        assert_eq!(offsets.char_of(1), 0);
        let ascii = CharOffsets::new("plain");
        assert_eq!(
            (ascii.byte_of(3), ascii.char_of(3), ascii.byte_of(9)),
            (3, 3, 5)
        );
        let empty = CharOffsets::new("");
        assert_eq!((empty.byte_of(2), empty.char_of(2)), (0, 0));
        let hay = Haystack::new(&text);
        assert_eq!(hay.char_of_byte(hay.byte_of_char(601)), 601);
    }
}
