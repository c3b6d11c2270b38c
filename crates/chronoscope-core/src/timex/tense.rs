//! The tense of the words around an expression, which decides where a bare
//! weekday or month falls: "Wednesday" in "a statement released Wednesday"
//! is the last Wednesday, in "talks will resume Wednesday" the next one.
//! The nearest verb form that shows a tense in the sentence wins; when
//! none shows one a weekday is read as past (news mostly reports) and a
//! month as the nearest.

use super::scan::{Tok, TokKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Past,
    Present,
    Future,
    /// No word shows a tense.
    Unknown,
}

/// Words that mark the future.
const FUTURE: [&str; 13] = [
    "will",
    "shall",
    "ll",
    "going",
    "plans",
    "plan",
    "planned",
    "scheduled",
    "expected",
    "expects",
    "due",
    "upcoming",
    "won",
];

/// Words that mark the past (besides words in -ed).
const PAST: [&str; 41] = [
    "was", "were", "had", "did", "said", "told", "went", "came", "took", "made", "met", "saw",
    "gave", "began", "left", "held", "found", "got", "sent", "won", "lost", "fell", "rose",
    "became", "brought", "led", "paid", "spoke", "wrote", "ran", "thought", "knew", "felt", "kept",
    "struck", "broke", "sold", "bought", "hit", "ago", "ended",
];

/// Words that mark the present.
const PRESENT: [&str; 6] = ["is", "are", "am", "says", "has", "have"];

fn cue(word: &str) -> Option<Tense> {
    if word == "won" {
        return Some(Tense::Past);
    }
    if FUTURE.contains(&word) {
        return Some(Tense::Future);
    }
    // Words in -ed are as often participles ("must be returned by Jan. 14"):
    // no sign of a tense.
    if PAST.contains(&word) {
        return Some(Tense::Past);
    }
    if PRESENT.contains(&word) {
        return Some(Tense::Present);
    }
    None
}

/// Words after which a form in -ed is a participle, not a past tense.
const BEFORE_PARTICIPLE: [&str; 17] = [
    "be", "been", "being", "is", "are", "am", "to", "will", "would", "must", "should", "could",
    "can", "may", "might", "get", "gets",
];

/// A word in -ed that is a simple past ("stepped down in March"), not a
/// participle ("must be returned by Jan. 14", "the report released").
fn simple_past(toks: &[Tok<'_>], k: usize) -> Option<Tense> {
    let word = toks[k].lower.as_str();
    if word.len() <= 4
        || !word.ends_with("ed")
        || matches!(word, "need" | "speed" | "hundred" | "indeed" | "united")
    {
        return None;
    }
    let before = |d: usize| {
        k.checked_sub(d)
            .and_then(|i| toks.get(i))
            .map_or("", |t| t.lower.as_str())
    };
    // A participle after an auxiliary, or after a noun's article ("the
    // statement released"): only a word in -ed after a name or pronoun counts.
    if BEFORE_PARTICIPLE.contains(&before(1)) || BEFORE_PARTICIPLE.contains(&before(2)) {
        return None;
    }
    let subject = matches!(
        before(1),
        "he" | "she" | "it" | "they" | "we" | "i" | "who" | "which" | "that"
    ) || toks
        .get(k.wrapping_sub(1))
        .is_some_and(|t| t.text.chars().next().is_some_and(char::is_uppercase));
    subject.then_some(Tense::Past)
}

/// The tense nearest to tokens `first..end` within `sentence` (token indices).
#[must_use]
pub fn tense_near(
    toks: &[Tok<'_>],
    sentence: std::ops::Range<usize>,
    first: usize,
    end: usize,
) -> Tense {
    let mut best: Option<(usize, Tense)> = None;
    let lo = sentence.start.max(first.saturating_sub(25));
    let hi = sentence.end.min(end + 25).min(toks.len());
    for (k, t) in toks.iter().enumerate().take(hi).skip(lo) {
        if (first..end).contains(&k) || t.kind != TokKind::Word {
            continue;
        }
        let Some(tense) = cue(&t.lower).or_else(|| simple_past(toks, k)) else {
            continue;
        };
        // "lower-than-expected" looks at nothing ahead.
        if tense == Tense::Future
            && k > 0
            && matches!(toks[k - 1].lower.as_str(), "-" | "than" | "as")
        {
            continue;
        }
        let distance = if k < first { first - k } else { k - end + 1 };
        // "will" before an expression binds it more than a word after.
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, tense));
        }
    }
    // "as soon as Tuesday", "as early as next week".
    if first >= 3
        && toks[first - 1].lower == "as"
        && matches!(toks[first - 2].lower.as_str(), "soon" | "early")
        && toks[first - 3].lower == "as"
    {
        return Tense::Future;
    }
    best.map_or(Tense::Unknown, |(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timex::scan::tokens;

    fn tense(text: &str, word: &str) -> Tense {
        let toks = tokens(text);
        let at = toks.iter().position(|t| t.text == word).unwrap();
        tense_near(&toks, 0..toks.len(), at, at + 1)
    }

    #[test]
    fn nearest_cue_wins() {
        // A participle in -ed shows no tense, a simple past does.
        assert_eq!(
            tense("a statement released Wednesday revealed", "Wednesday"),
            Tense::Past
        );
        assert_eq!(
            tense("he must be released Wednesday", "Wednesday"),
            Tense::Unknown
        );
        assert_eq!(
            tense("the minister said Wednesday", "Wednesday"),
            Tense::Past
        );
        assert_eq!(
            tense("talks will resume Wednesday", "Wednesday"),
            Tense::Future
        );
        assert_eq!(
            tense("He said talks will resume Wednesday", "Wednesday"),
            Tense::Future
        );
        assert_eq!(tense("Nothing here Wednesday", "Wednesday"), Tense::Unknown);
        assert_eq!(
            tense("He said they could come as soon as Tuesday", "Tuesday"),
            Tense::Future
        );
    }
}
