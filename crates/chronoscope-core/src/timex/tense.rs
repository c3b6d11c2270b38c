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

/// Words that mark the future ("would" too: the future seen from a past
/// report, "he would travel Thursday").
const FUTURE: [&str; 15] = [
    "will",
    "shall",
    "ll",
    "would",
    "going",
    "plans",
    "plan",
    "planned",
    "planning",
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
    let word = toks[k].low();
    if word.len() <= 4
        || !word.ends_with("ed")
        || matches!(word, "need" | "speed" | "hundred" | "indeed" | "united")
    {
        return None;
    }
    let before = |d: usize| {
        k.checked_sub(d)
            .and_then(|i| toks.get(i))
            .map_or("", |t| t.low())
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

/// "set to resume", "is to meet": a plan, which looks ahead.
fn to_come(toks: &[Tok<'_>], k: usize) -> Option<Tense> {
    let next = toks.get(k + 1).map(Tok::low);
    let after = toks.get(k + 2).map(|t| t.kind);
    (matches!(toks[k].low(), "set" | "is" | "are")
        && next == Some("to")
        && after == Some(TokKind::Word))
    .then_some(Tense::Future)
}

/// A past perfect before word `k`: "had", "had been".
fn had_before(toks: &[Tok<'_>], k: usize) -> bool {
    let at = |d: usize| {
        k.checked_sub(d)
            .and_then(|i| toks.get(i))
            .map_or("", |t| t.low())
    };
    at(1) == "had" || (at(1) == "been" && at(2) == "had")
}

/// The tense nearest to tokens `first..end` within `sentence` (token indices).
#[must_use]
pub fn tense_near(
    toks: &[Tok<'_>],
    sentence: std::ops::Range<usize>,
    first: usize,
    end: usize,
) -> Tense {
    let mut best: Option<(usize, Tense, usize)> = None;
    let lo = sentence.start.max(first.saturating_sub(25));
    let hi = sentence.end.min(end + 25).min(toks.len());
    for (k, t) in toks.iter().enumerate().take(hi).skip(lo) {
        if (first..end).contains(&k) || t.kind != TokKind::Word {
            continue;
        }
        let Some(tense) = to_come(toks, k)
            .or_else(|| cue(&t.lower))
            .or_else(|| simple_past(toks, k))
        else {
            continue;
        };
        // "would" looks ahead only for what follows it in its clause ("he
        // would travel Thursday", not "decided on Feb. 11 that it would").
        if t.lower == "would"
            && (k > first
                || toks[k..first].iter().any(|t| t.kind == TokKind::Mark)
                || first - k > 12)
        {
            continue;
        }
        // "will be held", "to be paid": a participle; the auxiliary before
        // it tells the tense.
        if tense == Tense::Past
            && !matches!(t.low(), "was" | "were" | "had" | "did" | "ago")
            && k > 0
            && BEFORE_PARTICIPLE.contains(&toks[k - 1].low())
        {
            continue;
        }
        // "had been due to expire Friday": a plan that lay in the past.
        let tense = if tense == Tense::Future && had_before(toks, k) {
            Tense::Past
        } else {
            tense
        };
        // "lower-than-expected" looks at nothing ahead.
        if tense == Tense::Future && k > 0 && matches!(toks[k - 1].low(), "-" | "than" | "as") {
            continue;
        }
        let distance = if k < first { first - k } else { k - end + 1 };
        // "will" before an expression binds it more than a word after.
        if best.is_none_or(|(d, _, _)| distance < d) {
            best = Some((distance, tense, k));
        }
    }
    // "Wednesday's ruling": a weekday owning a noun is a day reported on.
    if end - first == 1
        && toks.get(end).is_some_and(|t| matches!(t.text, "'" | "’"))
        && toks.get(end + 1).is_some_and(|t| t.lower == "s")
        && super::lexicon::weekday(&toks[first].lower).is_some()
    {
        return Tense::Past;
    }
    // "postponed until Tuesday": a deadline ahead of the act that set
    // it, unless the sentence says the time itself is past ("was closed
    // until Friday", "had been extended until Friday").
    if first >= 1
        && matches!(toks[first - 1].low(), "until" | "till")
        && best.is_none_or(|(_, t, k)| {
            t != Tense::Past
                || !(matches!(toks[k].low(), "was" | "were" | "had") || had_before(toks, k))
        })
    {
        return Tense::Future;
    }
    // "as soon as Tuesday", "as early as next week".
    if first >= 3
        && toks[first - 1].lower == "as"
        && matches!(toks[first - 2].low(), "soon" | "early")
        && toks[first - 3].lower == "as"
    {
        return Tense::Future;
    }
    best.map_or(Tense::Unknown, |(_, t, _)| t)
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

    #[test]
    fn plans_ahead_and_behind() {
        // "would" binds what follows it in its clause only.
        assert_eq!(
            tense("the father would be traveling Thursday", "Thursday"),
            Tense::Future
        );
        assert_eq!(
            tense(
                "they decided on Monday that a war would be needed",
                "Monday"
            ),
            Tense::Past
        );
        assert_eq!(
            tense(
                "they would appeal the decision, announced Wednesday",
                "Wednesday"
            ),
            Tense::Unknown
        );
        assert_eq!(
            tense("talks are set to resume Monday", "Monday"),
            Tense::Future
        );
        assert_eq!(
            tense("the king is to meet Bush Monday", "Monday"),
            Tense::Future
        );
        assert_eq!(
            tense("it had been due to expire Friday", "Friday"),
            Tense::Past
        );
        assert_eq!(
            tense("officials postponed until Tuesday", "Tuesday"),
            Tense::Future
        );
        assert_eq!(
            tense("the road was closed until Tuesday", "Tuesday"),
            Tense::Past
        );
        // A participle after an auxiliary shows no tense of its own.
        assert_eq!(
            tense("a summit will be held Tuesday", "Tuesday"),
            Tense::Future
        );
        // A weekday owning a noun is a day reported on.
        assert_eq!(
            tense("they will fight Wednesday's ruling", "Wednesday"),
            Tense::Past
        );
    }
}
