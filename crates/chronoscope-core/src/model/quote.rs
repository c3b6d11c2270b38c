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
        }
    }

    /// [`locate`] in this text.
    #[must_use]
    pub fn locate(&self, quote: &str) -> Option<Range<usize>> {
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
            locate_parts(&form.normalised, index, &parts, lowercase)
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
        let places = index.map(|index| index.positions(&needle));
        let found = match places {
            // Not in the text at all: known without reading it.
            Some([]) => return None,
            Some(places) if places.len() <= MANY_PLACES => places
                .iter()
                .map(|&p| p as usize)
                .filter(|&p| p >= from)
                .min()?,
            _ => memchr::memmem::find(hay.text.as_bytes().get(from..)?, needle.as_bytes())? + from,
        };
        start.get_or_insert(found);
        end = found + needle.len();
        from = end;
    }
    hay.original_range(start?..end)
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
}
