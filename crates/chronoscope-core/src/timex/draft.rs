//! Proposed events from a text: one per sentence that holds a date the
//! tagger could put on the calendar, titled from the sentence, dated by
//! its most precise expression. The analyst accepts, edits or drops them.

use std::ops::Range;

use super::{Options, Timex, tag};
use crate::model::{Date, Precision};
use crate::passage::{sentence_around, title_from};

/// A proposed event: one per sentence that holds a resolvable date.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    pub sentence: Range<usize>,
    /// `passage::title_from` of the sentence's text.
    pub title: String,
    /// The most precise resolvable expression of the sentence.
    pub timex: Timex,
    pub start: Date,
    pub end: Option<Date>,
}

/// How precise a proposal's dates are: a day beats a week, a week a month.
fn rank(start: &Date, end: Option<&Date>) -> (Precision, i64) {
    let span = end.map_or(0, |e| (e.start_seconds() - start.start_seconds()) as i64);
    (start.precision, -span)
}

/// One proposal per sentence of `text` with a resolvable date.
#[must_use]
pub fn propose(text: &str, options: &Options) -> Vec<Proposal> {
    let mut out: Vec<Proposal> = Vec::new();
    for timex in tag(text, options) {
        let Some((start, end)) = timex.dates() else {
            continue;
        };
        let better = |p: &Proposal| rank(&start, end.as_ref()) > rank(&p.start, p.end.as_ref());
        // Inside the last proposal's sentence: no need to look for its own.
        let sentence = match out.last() {
            Some(last) if timex.span.start < last.sentence.end => last.sentence.clone(),
            // A text without sentence ends gives each expression a window
            // of it around the expression: windows follow each other
            // instead of overlapping, one proposal each.
            Some(last) => {
                let window = sentence_around(text, timex.span.clone());
                window.start.max(last.sentence.end)..window.end
            }
            None => sentence_around(text, timex.span.clone()),
        };
        match out.last_mut() {
            Some(last) if last.sentence == sentence => {
                if better(last) {
                    last.timex = timex;
                    last.start = start;
                    last.end = end;
                }
            }
            _ => out.push(Proposal {
                title: title_from(&text[sentence.clone()]),
                sentence,
                timex,
                start,
                end,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_proposal_per_sentence_with_the_most_precise_date() {
        let options = Options {
            published: Date::parse("2024-10-16").ok(),
            ..Options::default()
        };
        let text = "In June, on 19 June 2024, they signed. Nothing here. Last week troops moved.";
        let p = propose(text, &options);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].timex.value, "2024-06-19");
        assert_eq!(p[0].title, "In June, on 19 June 2024, they signed");
        assert_eq!(p[1].timex.value, "2024-W41");
        assert_eq!(p[1].start, Date::parse("2024-10-07").unwrap());
        assert_eq!(p[1].end, Date::parse("2024-10-13").ok());
    }

    #[test]
    fn regression_a_text_without_sentence_ends_gave_one_proposal_per_date() {
        let options = Options {
            published: Date::parse("2024-10-16").ok(),
            ..Options::default()
        };
        let text = "troops moved last week and in June ".repeat(2000);
        let p = propose(&text, &options);
        // Windows of the unbroken text, one proposal each, never overlapping.
        assert!(p.len() < 40, "{} proposals", p.len());
        assert!(p.iter().all(|p| p.sentence.len() <= 8200));
        assert!(
            p.windows(2)
                .all(|w| w[0].sentence.end <= w[1].sentence.start)
        );
    }
}
